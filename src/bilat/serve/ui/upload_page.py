"""The upload page: choose files, send them to POST /api/ingest, follow the job. The form
posts as it is without script; static/ui.js sends it with the token as a bearer header,
polls GET /api/ingest/{job} and shows progress."""

from __future__ import annotations

import json

from bilat.serve.ui.layout import h
from bilat.serve.ui.words import word

ENDPOINT = "/api/ingest"
MESSAGES = ("queued", "running", "done", "failed", "errors", "see", "need_files", "refused")


def upload_body(lang: str) -> str:
    messages = {k: word(lang, "upload." + k) for k in MESSAGES}
    return (f'<h1>{h(word(lang, "upload.title"))}</h1>'
            f'<p class="lead">{h(word(lang, "upload.help"))}</p>'
            f'<form id="upload" class="upload" method="post" action="{ENDPOINT}" '
            f'enctype="multipart/form-data" data-messages="{h(json.dumps(messages))}">'
            f'<label for="files">{h(word(lang, "upload.files"))}</label>'
            '<input id="files" name="files" type="file" multiple required>'
            f'<label for="token">{h(word(lang, "upload.token"))}</label>'
            '<input id="token" name="token" type="password" autocomplete="off">'
            f'<button type="submit">{h(word(lang, "upload.send"))}</button></form>'
            f'<noscript><p class="muted">{h(word(lang, "upload.noscript"))}</p></noscript>'
            '<div id="job" class="job" hidden aria-live="polite">'
            '<progress id="job-progress" max="1" value="0"></progress>'
            '<p id="job-state"></p><ul id="job-errors" class="errors"></ul>'
            '<p id="job-links"></p>'
            f'<h2 id="job-events-head" hidden>{h(word(lang, "upload.new_events"))}</h2>'
            '<ol id="job-events" class="docs" hidden></ol></div>')

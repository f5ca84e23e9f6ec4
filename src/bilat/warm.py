"""Imported by the worker pool's fork server: loads and compiles what every worker needs
(language data, lexicons, regexes, the language model) once, so that workers forked from it
start warm instead of each spending a second on it."""

from __future__ import annotations

from bilat.model import RawDocument
from bilat.pipeline import process

_SAMPLE = ("Vietnam and Belgium held talks in Hanoi on May 5, 2023, and signed an agreement; "
           "two-way trade reached 4.7 billion USD last year.")
for _language in ("en", "vi", "fr", "de", "es", "pl"):
    process(RawDocument(source="warm-up", doc_id="warm-up", fmt="text", text=_SAMPLE,
                        language=_language))

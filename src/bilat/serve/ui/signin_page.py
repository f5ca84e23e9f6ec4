"""The sign-in page: a token typed once, kept by the browser in an HttpOnly cookie (the
server sets it: serve.ui.signin). Pure: the state in, HTML out."""

from __future__ import annotations

from bilat.serve.ui.layout import h
from bilat.serve.ui.words import word


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this server only ("/…", never "//host" or
    "/\\host", which a browser reads as another site; nothing it would strip)."""
    if (not target or not target.startswith("/") or target.startswith(("//", "/\\"))
            or any(c.isspace() or ord(c) < 32 or c == "\x7f" for c in target)):
        return "/"  # a browser drops tabs and newlines: "/\t/host" would be "//host"
    return target


def signin_body(lang: str, next_path: str, *, needed: bool, refused: bool,
                signed_in: bool) -> str:
    """The form (and why it is here: a page asked for a token, a token was refused, or the
    server needs none)."""
    parts = [f'<h1>{h(word(lang, "signin.title"))}</h1>']
    if refused:
        parts.append(f'<p class="error" role="alert">{h(word(lang, "signin.refused"))}</p>')
    elif not needed:
        parts.append(f'<p class="lead">{h(word(lang, "signin.not_needed"))}</p>')
    parts.append(f'<p class="lead">{h(word(lang, "signin.help"))}</p>'
                 '<form id="signin" class="upload" method="post" action="/signin">'
                 f'<input type="hidden" name="next" value="{h(next_path)}">'
                 f'<label for="token">{h(word(lang, "signin.token"))}</label>'
                 '<input id="token" name="token" type="password" autocomplete="current-password"'
                 ' required>'
                 f'<button type="submit">{h(word(lang, "signin.send"))}</button></form>')
    if signed_in:
        parts.append('<form id="signout" method="post" action="/signout">'
                     f'<button type="submit">{h(word(lang, "signin.signout"))}</button></form>')
    return "".join(parts)

"""Who may read and who may write.

- Writes (ingest, deletes) need `Authorization: Bearer <token>` with a token the token file
  lists as `editor`. With no token file, writes are refused, from loopback too: any web page
  open in a browser on this machine can POST a form to 127.0.0.1 (CORS stops it reading the
  answer, not sending), so "local" is no proof of who asks, while a header a page cannot
  set without the token is; the refusal says how to turn writes on.
- Reads are open, except when the token file lists reader tokens and the server listens on
  an address other than loopback: then a reader or editor token is needed, in the header or,
  for a browser, in the cookie the sign-in page sets (COOKIE: HttpOnly, so no script reads
  it; SameSite=Strict, so no other site's page sends it). The cookie counts for reads only:
  writes still need the header (or the upload form's token field), which another site's
  page cannot send. /health and /static stay open.

Token file: one `token role` a line (role: reader or editor); blank lines and lines starting
with # are skipped.
"""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass
from pathlib import Path

ROLES = ("reader", "editor")
COOKIE = "bilat_token"  # the sign-in page's cookie: a reader or editor token


class AccessDenied(Exception):  # noqa: N818 - an answer (401/403), not a fault
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


class TokenFileError(ValueError):
    """The token file cannot be used; str() names the file and line."""


@dataclass(frozen=True)
class Access:
    tokens: tuple[tuple[str, str], ...] = ()  # (token, role)
    reads_need_token: bool = False
    writes_enabled: bool = False
    writes_refused: str = ""  # why writes are off whatever the token (several workers)


def load_tokens(path: Path) -> tuple[tuple[str, str], ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise TokenFileError(f"{path}: cannot read the token file ({exc})") from None
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 2 or parts[1] not in ROLES:
            raise TokenFileError(f"{path}:{n}: expected 'TOKEN ROLE' with ROLE reader or "
                                 "editor")
        if len(parts[0]) < 16:
            raise TokenFileError(f"{path}:{n}: a token needs at least 16 characters")
        out.append((parts[0], parts[1]))
    return tuple(out)


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def access_for(token_file: Path | None, host: str) -> Access:
    if token_file is None:
        return Access()
    tokens = load_tokens(token_file)
    readers = any(role == "reader" for _, role in tokens)
    return Access(tokens=tokens, reads_need_token=readers and not is_loopback(host),
                  writes_enabled=True)


def role_of(access: Access, authorization: str | None) -> str | None:
    """The role of the request's bearer token; None when it has none."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AccessDenied(401, "the Authorization header must be 'Bearer <token>'")
    token = token.strip()
    role = None
    for known, r in access.tokens:  # every token compared: the time says nothing
        if hmac.compare_digest(known.encode(), token.encode()):
            role = r
    if role is None:
        raise AccessDenied(401, "unknown token")
    return role


def check_read(access: Access, authorization: str | None, cookie: str | None = None) -> None:
    """Refused (AccessDenied) when reads need a token and neither the header nor the sign-in
    cookie holds a known one (the header wins when both are sent)."""
    if not access.reads_need_token:  # open: a header is not looked at
        return
    if not authorization and cookie:
        authorization = f"Bearer {cookie}"
    if role_of(access, authorization) is None:
        raise AccessDenied(401, "reading needs a token: send 'Authorization: Bearer <token>' "
                                "with a reader or editor token of the server's token file "
                                "(a browser: sign in at /signin)")


def check_write(access: Access, authorization: str | None) -> None:
    if access.writes_refused:
        raise AccessDenied(403, access.writes_refused)
    if not access.writes_enabled:
        raise AccessDenied(403, "writes are off on this server: start it with "
                                "--token-file FILE, FILE listing 'TOKEN editor', and send "
                                "'Authorization: Bearer TOKEN'")
    role = role_of(access, authorization)
    if role is None:
        raise AccessDenied(401, "writing needs an editor token: send 'Authorization: Bearer "
                                "<token>'")
    if role != "editor":
        raise AccessDenied(403, f"a {role} token may not write; an editor token may")


def role_for_sign_in(access: Access, token: str) -> str | None:
    """The role of a token typed on the sign-in page; None when it is unknown."""
    try:
        return role_of(access, f"Bearer {token.strip()}") if token.strip() else None
    except AccessDenied:
        return None

"""The sign-in page's routes: GET shows the form; POST checks the token and keeps it in an
HttpOnly, SameSite=Strict cookie (serve.access.COOKIE), then goes back to the page that
asked; POST /signout forgets it. Open to all: it is how a reader gets in."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from bilat.serve.access import COOKIE, role_for_sign_in
from bilat.serve.ui.routes import _answer, _lang
from bilat.serve.ui.signin_page import safe_next, signin_body
from bilat.serve.ui.words import word

router = APIRouter()
KEEP = 30 * 24 * 3600  # seconds the browser keeps the token


def _form(request: Request, next_path: str, *, refused: bool = False) -> Response:
    lang = _lang(request)
    body = signin_body(lang, safe_next(next_path),
                       needed=request.app.state.access.reads_need_token, refused=refused,
                       signed_in=COOKIE in request.cookies)
    return _answer(request, word(lang, "signin.title"), body, status=401 if refused else 200)


def _same_origin(request: Request) -> bool:
    """A form posted from this server's own page (another site's page may not sign a
    browser in with a token of its choosing); a request without Origin is no browser's."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin == f"{request.url.scheme}://{request.url.netloc}"


@router.get("/signin")
def signin_form(request: Request, next: str = "/") -> Response:  # noqa: A002 - the field
    return _form(request, next)


@router.post("/signin")
def signin(request: Request, token: str = Form(""), next: str = Form("/")  # noqa: A002
           ) -> Response:
    if not _same_origin(request) or role_for_sign_in(request.app.state.access, token) is None:
        return _form(request, next, refused=True)
    response = RedirectResponse(safe_next(next), 303)
    response.set_cookie(COOKIE, token.strip(), max_age=KEEP, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return response


@router.post("/signout")
def signout(request: Request) -> Response:
    response = RedirectResponse("/", 303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response

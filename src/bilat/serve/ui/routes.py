"""The pages' routes: read the store (a view per request), render, answer. Reading and
answering happen here; the renderers (*_page.py, record_pages.py) are pure."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bilat.serve.ui.layout import page
from bilat.serve.ui.words import COOKIE, choose_lang, word


class SignInNeeded(Exception):  # noqa: N818 - an answer (a redirect), not a fault
    """A page asked for without a token where reads need one."""


def page_reader(request: Request) -> None:
    """The API's read rule (serve.access.check_read), for pages: a browser without the
    sign-in cookie is sent to the sign-in page (SignInNeeded), then back."""
    from bilat.serve.access import COOKIE as TOKEN_COOKIE
    from bilat.serve.access import AccessDenied, check_read

    try:
        check_read(request.app.state.access, request.headers.get("authorization"),
                   request.cookies.get(TOKEN_COOKIE))
    except AccessDenied:
        raise SignInNeeded from None


def to_sign_in(request: Request, exc: SignInNeeded) -> Response:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/signin?" + urlencode({"next": here}), 303)


router = APIRouter(dependencies=[Depends(page_reader)])
YEAR = 365 * 24 * 3600
# Pages load only this server's script and sheet: should article text ever slip through
# unescaped, the browser still runs none of it.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCUMENTS_LISTED = 300  # the documents page lists the latest this many


def _lang(request: Request) -> str:
    return choose_lang(request.query_params.get("lang"), request.cookies.get(COOKIE))


def _answer(request: Request, title: str, body: str, *, active: str = "",
            status: int = 200, head: str = "") -> HTMLResponse:
    """The page in the reader's language; a language asked for in the address is
    remembered in a cookie for the next pages."""
    lang = _lang(request)
    html = page(title, body, lang, path=request.url.path,
                query=list(request.query_params.multi_items()), active=active, head=head)
    response = HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})
    asked = request.query_params.get("lang")
    if asked and asked == lang:
        response.set_cookie(COOKIE, lang, max_age=YEAR, samesite="lax")
    return response


def _not_found(request: Request, message: str) -> HTMLResponse:
    from bilat.serve.ui.layout import h

    lang = _lang(request)
    return _answer(request, word(lang, "not_found"),
                   f'<h1>{h(word(lang, "not_found"))}</h1><p>{h(message)}</p>'
                   f'<p><a href="/">{h(word(lang, "nav.home"))}</a></p>', status=404)


def _today() -> dt.date:
    return dt.date.today()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, country: str = "") -> Response:
    from bilat.analysis.gazetteer import resolve_country
    from bilat.know.views import country_partners_view
    from bilat.serve.ui.home_page import busiest, home_body
    from bilat.store.record import count_merged
    from bilat.store.ui_reads import pair_counts

    lang = _lang(request)
    asked = country.strip()
    with request.app.state.served.read() as store:
        counts = store.counts()
        merged = count_merged(store, [])
        pairs = pair_counts(store)
        choices = busiest(pairs)
        code = resolve_country(asked) if asked else None
        unknown = bool(asked) and code is None
        if code is None:
            code = choices[0] if choices else None
        partners = country_partners_view(store, code, _today()) if code else []
    body = home_body(counts, merged, pairs, code, partners, asked, unknown, choices, lang)
    return _answer(request, word(lang, "home.title"), body, active="home")


@router.get("/pairs/{a}/{b}", response_class=HTMLResponse)
def pair(request: Request, a: str, b: str) -> Response:
    from bilat.analysis.gazetteer import resolve_country
    from bilat.know.views import pair_dossier
    from bilat.serve.ui.pair_page import feed_links, pair_body, pair_title
    from bilat.serve.ui.parts import pair_href
    from bilat.serve.ui.timeline_filter import parse_filter

    lang = _lang(request)
    codes = [resolve_country(a), resolve_country(b)]
    for name, code in zip((a, b), codes, strict=True):
        if code is None:
            return _not_found(request, word(lang, "pair.unknown_pair", name=name))
    if codes[0] == codes[1]:
        return _not_found(request, word(lang, "pair.unknown_pair", name=b))
    if [a, b] != codes:  # names (and lower-case codes) go to the page's one address
        query = urlencode(list(request.query_params.multi_items()))
        return RedirectResponse(pair_href(*codes) + (f"?{query}" if query else ""), 302)
    today = _today()
    with request.app.state.served.read() as store:
        d = pair_dossier(store, codes[0], codes[1], today)
    body = pair_body(d, parse_filter(request.query_params), today, request.url.path, lang)
    return _answer(request, pair_title(codes[0], codes[1], lang), body,
                   head=feed_links(codes[0], codes[1], lang))


@router.get("/events/{merged_id}", response_class=HTMLResponse)
def event(request: Request, merged_id: str) -> Response:
    from bilat.know.status import with_status_now
    from bilat.serve.ui.record_pages import event_body, event_title
    from bilat.store.record import merged_event

    lang = _lang(request)
    with request.app.state.served.read() as store:
        found = merged_event(store, merged_id)
        if found is None:
            return _not_found(request, word(lang, "event.not_found"))
        texts = {}
        for cid in {s["content_id"] for s in found["sources"] if s.get("content_id")}:
            doc = store.get_document(cid)
            if doc:
                texts[cid] = doc.get("text") or ""
    e = with_status_now([found], _today())[0]
    return _answer(request, event_title(e, lang), event_body(e, texts, lang))


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request) -> Response:
    from bilat.serve.ui.record_pages import document_list_body
    from bilat.store.ui_reads import latest_documents

    lang = _lang(request)
    with request.app.state.served.read() as store:
        docs = latest_documents(store, DOCUMENTS_LISTED)
        total = store.counts()["documents"]
    return _answer(request, word(lang, "document.list_title"),
                   document_list_body(docs, total, lang), active="documents")


@router.get("/documents/{key:path}", response_class=HTMLResponse)
def document(request: Request, key: str) -> Response:
    from bilat.serve.ui.record_pages import document_body
    from bilat.store.ui_reads import merged_ids

    lang = _lang(request)
    with request.app.state.served.read() as store:
        found = store.find_documents(key) if key.strip() else []
        doc = store.get_document(found[0]) if found else None
        if doc is None:
            return _not_found(request, word(lang, "document.not_found"))
        merged = merged_ids(store, [e["id"] for e in doc.get("events") or ()])
    return _answer(request, doc.get("title") or doc["doc_id"],
                   document_body(doc, merged, lang, _today()), active="documents")


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> Response:
    from bilat.know.embed import get_embedder
    from bilat.know.index import search
    from bilat.serve.ui.search_page import search_body
    from bilat.store.ui_reads import merged_ids

    lang = _lang(request)
    q = q.strip()
    hits, merged, error = [], {}, None
    if q:
        served = request.app.state.served
        with served.read() as store:
            try:
                hits = search(store, get_embedder(served.embedder), q, limit=20)
            except ValueError:
                error = word(lang, "search.too_long")
            merged = merged_ids(store, [x.id for x in hits if x.kind == "event"])
    return _answer(request, word(lang, "search.title"),
                   search_body(q, hits, merged, error, lang), active="search")


@router.get("/upload", response_class=HTMLResponse)
def upload(request: Request) -> Response:
    from bilat.serve.ui.upload_page import upload_body

    lang = _lang(request)
    return _answer(request, word(lang, "upload.title"), upload_body(lang), active="upload")

"""The JSON API: /api/..., /health, /metrics. Paths are stable: tools call them.

Every read runs on its own view of the store (ServedStore.read), through one query object
(serve.query.ListQuery) for lists; bad parameters get 400 with {"detail": ...} naming them.
Statuses are given as stored (`status`) and as read today (`status_now`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic_core import to_json

from bilat.serve import models as m
from bilat.serve import reads
from bilat.serve.access import COOKIE, AccessDenied, check_read, check_write
from bilat.serve.query import MAX_LIMIT, ListQuery, QueryError, country

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": m.Problem, "description": "A parameter that cannot be used"},
    401: {"model": m.Problem, "description": "A token is needed, or it is unknown"},
    403: {"model": m.Problem, "description": "Not allowed with this token, or at all"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": m.Problem, "description": "No such item"}}


def view(request: Request) -> Iterator[Any]:
    """This request's own view of the store."""
    with request.app.state.served.read() as store:
        yield store


# declared so that the spec names the scheme; the header is read (and refused) by access.py
_bearer = HTTPBearer(auto_error=False, description="A token of the server's --token-file.")


def may_read(request: Request,
             _: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None
             ) -> None:
    check_read(request.app.state.access, request.headers.get("authorization"),
               request.cookies.get(COOKIE))


def may_write(request: Request,  # for write paths that take no form (ingest checks its own)
              _: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None
              ) -> None:
    check_write(request.app.state.access, request.headers.get("authorization"))


def encoded(answer: dict[str, Any]) -> Response:
    """A large answer written as JSON as it is. Returning a Response skips FastAPI's check of
    it against the route's response_model (which the spec still publishes): for a dossier,
    that check and its second walk to write it cost about as much as reading the store.
    Only for reads whose dicts have their model's shape exactly (reads.timeline, dossier):
    tests/serve/test_api_reads.py holds them to it."""
    return Response(to_json(answer), media_type="application/json")


def today() -> dt.date:
    return dt.date.today()


Store = Annotated[Any, Depends(view)]
Today = Annotated[dt.date, Depends(today)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Cursor = Annotated[str | None, Query(description="next_cursor of the previous page.")]
Countries = Annotated[list[str] | None, Query(
    alias="country", description="A country involved: ISO code or name in any supported "
                                 "language (repeatable; all must be involved).")]
Pair = Annotated[str | None, Query(description="Two countries, A-B (e.g. VN-BE).")]
Types = Annotated[list[str] | None, Query(alias="type", description="Event type (repeatable).")]
Langs = Annotated[list[str] | None, Query(alias="lang", description="Language of the sources "
                                                                    "(repeatable).")]
Since = Annotated[str | None, Query(alias="from", description="From this date: YYYY[-MM[-DD]].")]
Until = Annotated[str | None, Query(alias="to", description="Up to this date: YYYY[-MM[-DD]].")]
CountryPath = Annotated[str, Path(description="ISO code or name in any supported language.")]

router = APIRouter(prefix="/api", dependencies=[Depends(may_read)], responses=ERRORS)
# writes check the editor's token themselves (it reads too): a form without script sends it
# in a field, not a header, so the readers' check would refuse it before it is seen
writes = APIRouter(prefix="/api", responses=ERRORS)
root = APIRouter()


@router.get("/events", response_model=m.EventPage, summary="Merged events, filtered and paged")
def events(store: Store, day: Today, pair: Pair = None, countries: Countries = None,
           types: Types = None,
           status: Annotated[list[str] | None, Query(description="Status as read today: "
                             "happened, ongoing, scheduled, announced (repeatable).")] = None,
           since: Since = None, until: Until = None, langs: Langs = None,
           q: Annotated[str | None, Query(description="Words the evidence holds (folded: "
                                                      "Bi finds Bỉ).")] = None,
           limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    query = ListQuery.build(kind="events", pair_=pair, countries=countries, types=types,
                            statuses=status, since=since, until=until, languages=langs,
                            text=q, limit=limit, cursor=cursor)
    return reads.list_events(store, query, day)


@router.get("/events/{event_id}", response_model=m.EventDetail, responses=NOT_FOUND,
            summary="A merged event with every report and its evidence sentence")
def event(event_id: str, store: Store, day: Today) -> dict[str, Any]:
    return reads.event_detail(store, event_id, day)


def _pair(a: str, b: str) -> tuple[str, str]:
    ca, cb = country(a, "a"), country(b, "b")
    if ca == cb:
        raise QueryError(f"{a} and {b} are the same country ({ca})")
    return ca, cb


@router.get("/pairs/{a}/{b}/timeline", response_model=m.Timeline,
            summary="Two countries' merged events, oldest first")
def pair_timeline(a: CountryPath, b: CountryPath, store: Store, day: Today,
                  limit: Annotated[int | None, Query(ge=1, description="Only the latest this "
                                                     "many.")] = None) -> Response:
    return encoded(reads.timeline(store, *_pair(a, b), limit, day))


@router.get("/pairs/{a}/{b}/dossier", response_model=m.Dossier,
            summary="What the dossier shows: key dates, timeline, figures, people, sources")
def pair_dossier(a: CountryPath, b: CountryPath, store: Store, day: Today) -> Response:
    return encoded(reads.dossier(store, *_pair(a, b), day))


@router.get("/countries/{a}/partners", response_model=m.Partners,
            summary="A country's partners, the most events first")
def partners(a: CountryPath, store: Store, day: Today) -> dict[str, Any]:
    return reads.partners(store, country(a, "a"), day)


@router.get("/facts", response_model=m.SeriesList,
            summary="Figure series with every source, conflicts flagged")
def facts(store: Store, pair: Pair = None, countries: Countries = None,
          metric: Annotated[str | None, Query(description="e.g. TRADE_TOTAL")] = None,
          per_period: Annotated[int | None, Query(
              ge=1, description="Only the latest this many sources of each period (a "
                                "point's value, conflict and source_count still count "
                                "them all); every source by default.")] = None
          ) -> dict[str, Any]:
    if countries and len(countries) > 1:
        raise QueryError("country: give one (or pair=A-B for two)")
    return reads.facts(store, ListQuery.build(kind="facts", pair_=pair, countries=countries,
                                              metric=metric), per_period)


@router.get("/people", response_model=m.PeopleList,
            summary="People of a pair or a country, the most involved first")
def people(store: Store, pair: Pair = None, countries: Countries = None,
           limit: Limit = MAX_LIMIT) -> dict[str, Any]:
    if countries and len(countries) > 1:
        raise QueryError("country: give one (or pair=A-B for two)")
    return reads.people(store, ListQuery.build(kind="people", pair_=pair, countries=countries,
                                               limit=limit))


@router.get("/documents", response_model=m.DocumentPage, summary="Documents' metadata, paged")
def documents(store: Store, langs: Langs = None, limit: Limit = 50,
              cursor: Cursor = None) -> dict[str, Any]:
    return reads.documents(store, ListQuery.build(kind="documents", languages=langs,
                                                  limit=limit, cursor=cursor))


@router.get("/documents/{doc}", response_model=m.DocumentDetail, responses=NOT_FOUND,
            summary="A document: metadata, clean text, the events and facts read from it")
def document(doc: Annotated[str, Path(description="Content id (or a unique prefix) or doc "
                                                  "id.")],
             store: Store, day: Today) -> dict[str, Any]:
    return reads.document(store, doc, day)


@router.get("/search", response_model=m.SearchResults,
            summary="Documents and events by words and meaning, across languages")
def search(request: Request, store: Store,
           q: Annotated[str, Query(description="What to look for, in any language.")],
           countries: Countries = None, types: Types = None, since: Since = None,
           until: Until = None, langs: Langs = None,
           kind: Annotated[list[str] | None, Query(description="document or event "
                                                               "(repeatable).")] = None,
           limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    from bilat.know.embed import get_embedder

    query = ListQuery.build(kind="search", countries=countries, types=types, since=since,
                            until=until, languages=langs, text=q, limit=limit)
    embedder = get_embedder(request.app.state.served.embedder)
    return reads.search(store, embedder, q, query, kind or [])


@router.post("/match", response_model=m.MatchResult,
             summary="The merged event each event of a report belongs to (nothing stored)")
def match(report: m.MatchRequest, request: Request, store: Store, day: Today
          ) -> dict[str, Any]:
    from bilat.know.embed import get_embedder
    from bilat.serve.match import match_report

    served = request.app.state.served
    return match_report(store, get_embedder(served.embedder), report.text, report.title,
                        report.published, report.language, request.app.state.settings, day)


_INGEST_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["files"],
            "properties": {"files": {"type": "array",
                                     "items": {"type": "string", "format": "binary"}},
                           "token": {"type": "string", "description": (
                               "An editor token, for a form that cannot set the "
                               "Authorization header (the header wins when both are "
                               "sent).")}}}},
        "application/json": {"schema": {"type": "array",
                                        "items": m.IngestRecord.model_json_schema()}},
    },
}


@writes.post("/ingest", status_code=202, response_model=m.JobCreated,
             dependencies=[Depends(_bearer)], openapi_extra={"requestBody": _INGEST_BODY},
             responses={413: {"model": m.Problem, "description": "Body over the size limit"}},
             summary="Store files (multipart field `files`) or records (JSON list) in the "
                     "background; poll GET /api/ingest/{job}")
async def ingest(request: Request) -> dict[str, str]:
    access, header = request.app.state.access, request.headers.get("authorization")
    form_token = _is_multipart(request) and header is None and access.writes_enabled
    if form_token:  # the form is read (within the size limit) for its token field
        token = (await request.form(max_files=10_000)).get("token")
        check_write(access, f"Bearer {token}" if isinstance(token, str) and token else None)
    else:  # refused before the body is read
        check_write(access, header)
    inputs = await _ingest_inputs(request)
    return {"job": request.app.state.jobs.submit(inputs)}


def _is_multipart(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind == "multipart/form-data"


async def _ingest_inputs(request: Request) -> list[tuple[str, bytes]]:
    """The inputs a request posts: its files, or its records."""
    from pydantic import TypeAdapter, ValidationError

    from bilat.serve.jobs import records_input

    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form(max_files=10_000)  # parsed once: Starlette keeps it
        inputs = []
        for n, upload in enumerate(form.getlist("files"), start=1):
            if isinstance(upload, str):
                raise QueryError(f"files #{n}: a file, not a text field")
            # the name as sent, its folders dropped: it names the input in errors
            name = PurePath((upload.filename or "").replace("\\", "/")).name or f"upload#{n}"
            inputs.append((name, await upload.read()))
        if not inputs:
            raise QueryError("no files: send them in the multipart field 'files'")
        return inputs
    if kind == "application/json":
        try:
            body = await request.json()
            records = TypeAdapter(list[m.IngestRecord]).validate_python(body)
        except ValueError as exc:
            if isinstance(exc, ValidationError):
                first = exc.errors()[0]
                where = ".".join(str(x) for x in first["loc"])
                raise QueryError(f"records: {where}: {first['msg']}") from None
            raise QueryError(f"records: not JSON ({exc})") from None
        if not records:
            raise QueryError("records: an empty list")
        return records_input([r.model_dump(exclude_none=True) for r in records])
    raise QueryError(f"content type {kind or '(none)'!r}: send multipart/form-data (field "
                     "'files') or application/json (a list of records)")


@router.get("/ingest/{job}", response_model=m.Job, responses=NOT_FOUND,
            summary="An ingest job's state and counts")
def ingest_job(job: str, request: Request) -> dict[str, Any]:
    state = request.app.state.jobs.get(job)
    if state is None:
        raise reads.NotFound(f"no ingest job {job!r} (jobs are forgotten when the server "
                             "restarts)")
    return state


@writes.post("/refresh", response_model=m.Refreshed, dependencies=[Depends(may_write)],
             summary="Merge and index what another process stored (an editor's; the server "
                     "also looks by itself every few seconds)")
def refresh(request: Request) -> dict[str, Any]:
    from bilat.store.serve_reads import merged_count

    served = request.app.state.served
    refreshed = served.refresh()
    with served.read() as store:
        return {"refreshed": refreshed, "merged_events": merged_count(store)}


@router.get("/changes", response_model=m.ChangePage,
            summary="Merged events added, changed and deleted since a time")
def changes(store: Store,
            since: Annotated[str | None, Query(description="An ISO time; none: from the "
                                                           "start.")] = None,
            limit: Limit = 500, cursor: Cursor = None) -> dict[str, Any]:
    from bilat.serve.query import encode_cursor
    from bilat.store.changes import change_page

    query = ListQuery.build(kind="changes", changed_since=since, limit=limit, cursor=cursor)
    rows = change_page(store, query.changed_since, query.cursor, limit + 1)
    page = rows[:limit]
    for r in page:
        r["updated_at"] = r["updated_at"].isoformat(timespec="microseconds") + "Z"
    last = page[-1] if page else None
    return {"changes": page,
            "next_cursor": encode_cursor("changes", (last["updated_at"][:-1], last["id"]))
            if last and len(rows) > limit else None,
            "as_of": last["updated_at"] if last else since}


@root.get("/health", response_model=m.Health, summary="The store is reachable; its counts")
def health(store: Store) -> dict[str, Any]:
    from bilat.store.serve_reads import merged_count

    return {"status": "ok", "counts": {**store.counts(), "merged_events": merged_count(store)}}


@root.get("/metrics", response_class=PlainTextResponse, dependencies=[Depends(may_read)],
          summary="Prometheus metrics: requests, latency, store counts")
def metrics(request: Request, store: Store) -> str:
    from bilat.store.serve_reads import merged_count

    counts = {**store.counts(), "merged_events": merged_count(store)}
    return request.app.state.metrics.exposition(counts)


def _problem(status: int):
    """A handler answering an exception with `status` and its message as the detail."""
    def handler(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status)
    return handler


def _denied(request: Request, exc: AccessDenied) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return JSONResponse({"detail": exc.detail}, status_code=exc.status, headers=headers)


def _failed(request: Request, exc: Exception) -> JSONResponse:
    """The store's own trouble (a full disk, a damaged file) as 503 naming it; anything
    else as 500, JSON like every other answer (the traceback goes to the server's log)."""
    from bilat.store import describe_failure

    reason = describe_failure(exc, request.app.state.config.db)
    if reason:
        return JSONResponse({"detail": reason}, status_code=503)
    return JSONResponse({"detail": f"internal error ({type(exc).__name__}); see the server's "
                                   "log"}, status_code=500)


def install(app: FastAPI, config: Any) -> None:
    from fastapi.middleware.cors import CORSMiddleware

    from bilat.serve.access import access_for
    from bilat.serve.limits import BodyLimit
    from bilat.serve.match import BadReport
    from bilat.serve.metrics import Metrics, MetricsMiddleware

    app.state.access = access_for(config.token_file, config.host)
    if config.workers > 1:
        from dataclasses import replace

        from bilat.serve.app import MANY_WORKERS

        app.state.access = replace(app.state.access,
                                   writes_refused=MANY_WORKERS.format(n=config.workers))
    app.state.metrics = Metrics()
    app.include_router(router)
    app.include_router(writes)
    app.include_router(root)
    from bilat.serve.feeds import router as feeds

    app.include_router(feeds)
    app.add_exception_handler(QueryError, _problem(400))
    app.add_exception_handler(BadReport, _problem(400))
    app.add_exception_handler(reads.NotFound, _problem(404))
    app.add_exception_handler(AccessDenied, _denied)
    app.add_exception_handler(Exception, _failed)
    # inside CORS (which answers each request's own origin), outside everything else
    if config.cache_bytes > 0:
        from bilat.serve.cache import CachedReads, ResponseCache

        app.state.cache = ResponseCache(config.cache_bytes)
        app.add_middleware(CachedReads, cache=app.state.cache,
                           served=lambda: app.state.served,
                           may_read=lambda header: check_read(app.state.access, header))
    if config.cors_origins:  # closed unless origins are named
        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins),
                           allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=config.max_upload_bytes)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)

"""A pair's latest merged events as feeds: GET /feeds/{A}-{B}.atom and /feeds/{A}-{B}.json
(countries by code or by name in any language; ?type= repeatable keeps those types). The
API's read rule, and its answer cache (serve.cache keys /feeds/ like /api/); built by
know.pair_feeds, the builder `bilat watch` writes its feed files with."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response

from bilat.know.pair_feeds import (
    ATOM_TYPE,
    FEED_LENGTH,
    JSON_FEED_TYPE,
    FeedMeta,
    atom_feed,
    json_feed,
)
from bilat.serve.api import ERRORS, NOT_FOUND, Store, Types, may_read
from bilat.serve.query import ListQuery
from bilat.serve.reads import NotFound

router = APIRouter(prefix="/feeds", dependencies=[Depends(may_read)],
                   responses={**ERRORS, **NOT_FOUND}, tags=["feeds"])
PairPath = Annotated[str, Path(description="A-B: two ISO codes or names in any supported "
                                           "language (VN-BE, Việt Nam-Bỉ).")]


def split_pair(value: str) -> tuple[str, str]:
    """"VN-BE", "Việt Nam-Bỉ", "Guinea-Bissau-VN" -> two distinct codes: the first split at a
    hyphen where both sides are countries (a name may hold a hyphen). NotFound otherwise."""
    from bilat.analysis.gazetteer import resolve_country

    parts = value.split("-")
    for i in range(1, len(parts)):
        a, b = "-".join(parts[:i]).strip(), "-".join(parts[i:]).strip()
        ca = resolve_country(a) if a and len(a) <= 100 else None
        cb = resolve_country(b) if b and len(b) <= 100 else None
        if ca and cb and ca != cb:
            return ca, cb
    raise NotFound(f"no feed {value!r}: give two different countries as A-B, each an ISO "
                   "code (VN-BE) or a name in a supported language (Việt Nam-Bỉ)")


def _events(store: Any, pair: str, types: list[str] | None
            ) -> tuple[str, str, tuple[str, ...], list[dict[str, Any]], dict[str, str]]:
    from bilat.store.changes import last_changes
    from bilat.store.record import merged_events

    a, b = split_pair(pair)
    kinds = ListQuery.build(kind="events", types=types).types  # checked as the API checks
    events = merged_events(store, [a, b], list(kinds) or None, limit=FEED_LENGTH)
    events.reverse()  # newest first
    return a, b, kinds, events, last_changes(store, [e["id"] for e in events])


def _meta(request: Request, a: str, b: str, kinds: tuple[str, ...]) -> FeedMeta:
    base = str(request.base_url).rstrip("/")
    query = f"?{request.url.query}" if request.url.query else ""
    return FeedMeta(
        feed_id=f"urn:bilat:pair:{a}-{b}" + (f":{','.join(sorted(kinds))}" if kinds else ""),
        title=f"bilat: {a}-{b}" + (f" ({', '.join(kinds)})" if kinds else ""),
        self_url=f"{base}{request.url.path}{query}", home_url=f"{base}/pairs/{a}/{b}",
        event_url=base + "/events/{id}")


@router.get("/{pair}.atom", response_class=Response, summary="A pair's latest merged events, "
            "newest first, as an Atom feed", responses={200: {"content": {ATOM_TYPE: {}}}})
def pair_atom(pair: PairPath, request: Request, store: Store, types: Types = None
              ) -> Response:
    a, b, kinds, events, changed = _events(store, pair, types)
    return Response(atom_feed(_meta(request, a, b, kinds), events, changed),
                    media_type=ATOM_TYPE)


@router.get("/{pair}.json", response_class=Response, summary="A pair's latest merged events, "
            "newest first, as a JSON Feed 1.1",
            responses={200: {"content": {JSON_FEED_TYPE: {}}}})
def pair_json(pair: PairPath, request: Request, store: Store, types: Types = None
              ) -> Response:
    a, b, kinds, events, changed = _events(store, pair, types)
    return Response(json_feed(_meta(request, a, b, kinds), events, changed),
                    media_type=JSON_FEED_TYPE)

"""What each read path answers, assembled from the store: plain dicts in the shape of
serve.models. Statuses are read as of `today` (bilat.know.status) beside the stored ones."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from bilat.know.status import with_status_now
from bilat.serve.query import ListQuery, QueryError, encode_cursor


class NotFound(LookupError):
    """No such event or document; str() says which."""


def with_languages(event: dict[str, Any]) -> dict[str, Any]:
    """The event with its reports counted per language of their source."""
    counts: dict[str, int] = {}
    for s in event.get("sources") or ():  # a loop, not a Counter: half the time, 500 a dossier
        lang = s.get("language") or "und"
        counts[lang] = counts.get(lang, 0) + 1
    return {**event, "languages": dict(sorted(counts.items()))}


def event_key(e: dict[str, Any]) -> tuple[int, str, str]:
    """A merged event's place in a list: undated last, then by date, then by id."""
    return (1 if e["date_start"] is None else 0, e["date_start"] or "", e["id"])


def list_events(store: Any, q: ListQuery, today: dt.date) -> dict[str, Any]:
    """A page of merged events and the cursor of the next one. A status asked for is the
    status as of today, which the store cannot select: rows are read in chunks by their
    stored status and kept while their status today is one asked for."""
    from bilat.know.search import stopwords, tokenize
    from bilat.store.serve_reads import event_page, event_sources, pair_event_page

    terms: tuple[str, ...] = ()
    if q.text:
        words = tokenize(q.text)
        terms = tuple(dict.fromkeys([w for w in words if w not in stopwords()] or words))
        if not terms:
            raise QueryError(f"q={q.text!r}: no word to look for")
    chunk = q.limit + 1 if not q.statuses else max(2 * q.limit, 100)
    after = q.cursor
    kept: list[dict[str, Any]] = []
    filters = {"types": q.types, "statuses": q.stored_statuses, "since": q.since,
               "until": q.until, "languages": q.languages, "terms": terms}
    # a pair alone: its rows of the timeline's read model, which hold their sources
    by_pair = len(q.countries) == 2
    while len(kept) <= q.limit:
        rows = (pair_event_page(store, *q.countries, after=after, limit=chunk, **filters)
                if by_pair else
                event_page(store, countries=q.countries, after=after, limit=chunk, **filters))
        for e in with_status_now(rows, today):
            if not q.statuses or e["status_now"] in q.statuses:
                kept.append(e)
        if len(rows) < chunk:
            break
        after = event_key(rows[-1])
    page, more = kept[:q.limit], len(kept) > q.limit
    if not by_pair:
        sources = event_sources(store, [e["id"] for e in page])
        page = [{**e, "sources": sources.get(e["id"], [])} for e in page]
    events = [with_languages(e) for e in page]
    return {"events": events,
            "next_cursor": encode_cursor("events", event_key(page[-1])) if more else None}


def event_detail(store: Any, merged_id: str, today: dt.date) -> dict[str, Any]:
    from bilat.store.record import merged_event

    event = merged_event(store, merged_id)
    if event is None:
        raise NotFound(f"no merged event {merged_id!r}")
    return with_languages(with_status_now([event], today)[0])


def timeline(store: Any, a: str, b: str, limit: int | None, today: dt.date) -> dict[str, Any]:
    from bilat.store.record import pair_timeline

    events, total = pair_timeline(store, a, b, limit)
    return {"a": a, "b": b, "total": total,
            "events": [with_languages(e) for e in with_status_now(events, today)]}


def series_dicts(series: list[Any]) -> list[dict[str, Any]]:
    """Fact series (bilat.know.series) with every source and each point's conflict."""
    return [{"metric": s.metric, "from": s.source, "to": s.target, "unit": s.unit,
             "points": [{"period": p.period, "value": p.value, "values": p.values,
                         "conflict": p.conflict, "source_count": p.source_count,
                         "sources": [{"doc": f.doc, "language": f.language,
                                      "published": f.published, "value": f.value,
                                      "evidence": f.evidence, "change_pct": f.change_pct}
                                     for f in p.figures]}
                        for p in s.points]}
            for s in series]


def _variants(counts: list[tuple[str, int]]) -> dict[str, list[str]]:
    """Every spelling of each person (one person by person_key), commonest first."""
    from bilat.analysis.people import person_key

    spellings: dict[str, Counter] = {}
    for name, n in counts:
        if key := person_key(name):
            spellings.setdefault(key, Counter())[name] += n
    return {k: [n for n, _ in c.most_common()] for k, c in spellings.items()}


def dossier(store: Any, a: str, b: str, today: dt.date) -> dict[str, Any]:
    """The data the HTML dossier shows."""
    from bilat.know.views import pair_dossier
    from bilat.store.serve_reads import name_counts

    d = pair_dossier(store, a, b, today)
    variants = _variants(name_counts(store, a, b))
    return {
        "a": a, "b": b, "total": d.event_count,
        "key_dates": [{"key": k, "event": with_languages(e)} for k, e in d.key_dates],
        "events": [with_languages(e) for e in d.events],
        "series": series_dicts(d.series),
        "people": [_person(p.name, p.events, p.types, variants) for p in d.ranking],
        "people_total": d.people_total if d.people_total is not None else len(d.ranking),
        "documents": d.documents,
    }


def _person(name: str, events: int, types: list[str], variants: dict[str, list[str]],
            pair: str | None = None) -> dict[str, Any]:
    from bilat.analysis.people import person_key

    return {"name": name, "events": events, "types": list(types),
            "variants": variants.get(person_key(name), [name]), "pair": pair}


def partners(store: Any, code: str, today: dt.date) -> dict[str, Any]:
    from bilat.know.views import country_partners_view

    rows = country_partners_view(store, code, today)
    return {"country": code, "partners": [
        {"code": p.code, "total": p.total, "counts": dict(p.counts),
         "latest": [with_languages(e) for e in p.latest]} for p in rows]}


def facts(store: Any, q: ListQuery, per_period: int | None = None) -> dict[str, Any]:
    """Every series of a pair, of a country, or of the whole store; `metric` keeps one;
    `per_period` lists only the latest sources of each point (summaries count them all)."""
    from bilat.know.series import build_series
    from bilat.store.record import fact_points, facts_between

    a, b = (q.pair if q.pair else ((q.countries[0], None) if q.countries else (None, None)))
    series = build_series(facts_between(store, a, b, per_period=per_period),
                          fact_points(store, a, b))
    if q.metric:
        series = [s for s in series if s.metric == q.metric.upper()]
    return {"series": series_dicts(series)}


def people(store: Any, q: ListQuery) -> dict[str, Any]:
    """The ranked people of a pair, or of each pair a country is in, with name variants."""
    from bilat.store.serve_reads import name_counts, people_of_pairs

    if q.pair:
        a, b = q.pair
    elif q.countries:
        a, b = q.countries[0], None
    else:
        raise QueryError("give pair=A-B or country=A")
    variants = _variants(name_counts(store, a, b))
    rows = people_of_pairs(store, a, b)[: q.limit]
    return {"people": [_person(r["name"], r["events"], r["types"], variants, r["pair"])
                       for r in rows]}


def documents(store: Any, q: ListQuery) -> dict[str, Any]:
    from bilat.store.serve_reads import document_page

    rows = document_page(store, languages=q.languages, after=q.cursor, limit=q.limit + 1)
    page = rows[:q.limit]
    more = len(rows) > q.limit
    last = page[-1] if page else None
    cursor = encode_cursor("documents", (1 if last["published"] is None else 0,
                                         last["published"] or "", last["content_id"])
                           ) if more and last else None
    return {"documents": page, "next_cursor": cursor}


def document(store: Any, key: str, today: dt.date) -> dict[str, Any]:
    """A document by content id (or its unique prefix) or doc id: metadata, clean text, and
    the events and facts read from it (each event with the merged event it is part of)."""
    from bilat.store.serve_reads import merged_ids_of_events

    found = store.find_documents(key) if key else []
    if not found:
        raise NotFound(f"no document {key!r}")
    if len(found) > 1:
        exact = [c for c in found if c == key]
        if not exact:
            raise QueryError(f"{key!r} names {len(found)} documents; give a content id "
                             f"({', '.join(found[:5])})")
        found = exact
    doc = store.get_document(found[0])
    merged = merged_ids_of_events(store, [e["id"] for e in doc["events"]])
    events = with_status_now(doc["events"], today)
    for e in events:
        e["merged_id"] = merged.get(e["id"])
        e["actors"], e["people"] = list(e.get("actors") or []), list(e.get("people") or [])
    doc["events"] = events
    doc["facts"] = [{**f, "from": f.get("from_country"), "to": f.get("to_country")}
                    for f in doc["facts"]]
    return doc


def search(store: Any, embedder: Any, text: str, q: ListQuery, kinds: list[str],
           ) -> dict[str, Any]:
    """Hybrid search (bilat.know.index.search) with the CLI's filters; each event hit with
    the merged event it is part of."""
    from bilat.know.index import search as run_search
    from bilat.know.search import Filters
    from bilat.store.serve_reads import merged_ids_of_events

    try:
        filters = Filters(countries=q.countries, types=q.types, languages=q.languages,
                          since=q.since, until=q.until, kinds=tuple(kinds))
        hits = run_search(store, embedder, text, filters, q.limit)
    except ValueError as exc:
        raise QueryError(str(exc)) from None
    merged = merged_ids_of_events(store, [h.id for h in hits if h.kind == "event"])
    return {"query": text, "hits": [{**h.as_dict(), "merged_id": merged.get(h.id)}
                                    for h in hits]}

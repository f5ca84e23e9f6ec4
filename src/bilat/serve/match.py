"""POST /api/match: the events of a report not stored, each with the merged event it
belongs to (bilat.know.match), or null. Nothing is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from bilat.model import Report


class BadReport(ValueError):
    """The posted report cannot be read; str() says why."""


def match_report(store: Any, embedder: Any, text: str, title: str | None,
                 published: str | None, language: str | None, settings: Any,
                 today: dt.date) -> dict[str, Any]:
    from bilat.errors import BadInput
    from bilat.know.match import best_match
    from bilat.know.status import with_status_now
    from bilat.model import RawDocument
    from bilat.pipeline import process
    from bilat.readers.fields import language_code, published_date
    from bilat.readers.ids import stable_id
    from bilat.store.duckdb_store import event_id
    from bilat.store.record import cached_vectors
    from bilat.store.serve_reads import match_candidates

    if not text.strip():
        raise BadReport("text: empty")
    raw = RawDocument(source="report", doc_id=stable_id(text[:65536]), fmt="text", text=text,
                      title=title, published=published_date(published),
                      language=language_code(language))
    try:
        doc, extraction = process(raw, settings)
    except BadInput as exc:
        raise BadReport(f"text: {exc}") from None
    reports = [Report(event_id=event_id(doc.content_id, e), content_id=doc.content_id,
                      type=e.type, actors=tuple(e.actors), date_start=e.date_start,
                      status=e.status, evidence=e.evidence, doc_id=doc.doc_id,
                      language=doc.language, published=doc.published, date_end=e.date_end,
                      people=tuple(e.people), location=e.location)
               for e in extraction.events]
    own = embedder.passages([r.evidence for r in reports]) if reports else None

    def vectors(batch: list[Report]) -> np.ndarray:
        have = cached_vectors(store, [r.event_id for r in batch])
        missing = [r for r in batch if r.event_id not in have]
        if missing:
            have.update(zip([r.event_id for r in missing],
                            embedder.passages([r.evidence for r in missing]), strict=True))
        return np.stack([np.asarray(have[r.event_id], dtype=np.float32) for r in batch])

    out = []
    for k, (event, report) in enumerate(zip(extraction.events, reports, strict=True)):
        actors = sorted(set(report.actors))
        candidates: dict[str, list[Report]] = {}
        for row in match_candidates(store, report.type, actors):
            if sorted(set(row["merged_actors"])) != actors:
                continue
            candidates.setdefault(row["merged_id"], []).append(Report(
                event_id=row["event_id"], content_id=row["content_id"], type=row["type"],
                actors=tuple(row["actors"]), date_start=row["date_start"],
                status=row["status"], evidence=row["evidence"] or "", doc_id=row["doc_id"],
                language=row["language"], published=row["published"],
                date_end=row["date_end"], people=tuple(row["people"])))
        merged_id, score = best_match(report, own[k], candidates, vectors)
        merged = _merged(store, merged_id, today) if merged_id is not None else None
        out.append({"event": with_status_now([event.to_dict()], today)[0], "merged": merged,
                    "score": score})
    return {"language": doc.language, "events": out}


def _merged(store: Any, merged_id: str, today: dt.date) -> dict[str, Any] | None:
    """The merged event as the events list gives it (its sources' evidence, not offsets)."""
    from bilat.know.status import with_status_now
    from bilat.serve.reads import with_languages
    from bilat.store.record import merged_event
    from bilat.store.serve_reads import event_sources

    event = merged_event(store, merged_id)
    if event is None:
        return None
    sources = event_sources(store, [merged_id]).get(merged_id, [])
    return with_languages({**with_status_now([event], today)[0], "sources": sources})

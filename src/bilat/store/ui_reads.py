"""Reads the web pages need beyond record.py's: which merged event a stored event belongs
to, and how many merged events each pair has. Portable SQL (`?` placeholders, no DuckDB
functions), so a second backend can run it as it is."""

from __future__ import annotations

from typing import Any


def merged_ids(store: Any, event_ids: list[str]) -> dict[str, str]:
    """The merged event of each stored event given (events not merged yet are absent)."""
    if not event_ids:
        return {}
    marks = ", ".join("?" for _ in event_ids)
    rows = store.con.execute(
        f"SELECT event_id, merged_id FROM merged_sources WHERE event_id IN ({marks})",
        list(event_ids)).fetchall()
    return {r[0]: r[1] for r in rows}


def pair_counts(store: Any) -> list[tuple[str, int]]:
    """("BE|VN", merged events) for every pair, the busiest first."""
    rows = store.con.execute(
        "SELECT pair, count(*) AS n FROM timeline_rows GROUP BY pair "
        "ORDER BY n DESC, pair").fetchall()
    return [(r[0], int(r[1])) for r in rows]


def latest_documents(store: Any, limit: int) -> list[dict[str, Any]]:
    """The `limit` documents published last (undated ones after), copies left out, each
    with how many events and facts were read from it."""
    cur = store.con.execute(
        "SELECT d.doc_id, d.content_id, d.language, d.published, d.title, "
        "(SELECT count(*) FROM events e WHERE e.content_id = d.content_id) AS events, "
        "(SELECT count(*) FROM facts f WHERE f.content_id = d.content_id) AS facts "
        "FROM documents d WHERE d.duplicate_of IS NULL "
        "ORDER BY d.published DESC NULLS LAST, d.doc_id LIMIT ?", [int(limit)])
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

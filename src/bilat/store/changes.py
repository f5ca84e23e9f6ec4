"""The record's change log (migration 8): what each rebuild added, changed and deleted,
compared by merged id and content digest inside the rebuild's transaction, and the log read
back by time for the API's /api/changes. Portable SQL (DuckDB and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

_TICK = dt.timedelta(microseconds=1)


def log_changes(store: Any, digests: dict[str, str], at: dt.datetime) -> dict[str, int]:
    """Compare the new record's digests (merged id -> digest) with the last rebuild's, log
    each difference at `at` (later than any logged change, so a reader's `since` never skips
    one), and keep the new digests. Runs in the caller's transaction (before the record is
    replaced). Returns how many of each change."""
    old = dict(store.con.execute("SELECT merged_id, digest FROM merged_digests").fetchall())
    last = store.con.execute("SELECT max(updated_at) FROM merged_changes").fetchone()[0]
    if last is not None and at <= last:
        at = last + _TICK
    rows = [[m, "added", d, at] for m, d in digests.items() if m not in old]
    rows += [[m, "changed", d, at] for m, d in digests.items() if m in old and old[m] != d]
    rows += [[m, "deleted", None, at] for m in old if m not in digests]
    rows.sort(key=lambda r: r[0])
    if rows:
        store.insert_rows("merged_changes", rows)
        store.con.execute("DELETE FROM merged_digests")
        store.insert_rows("merged_digests", [[m, d] for m, d in sorted(digests.items())])
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
    return counts


def log_staged_changes(store: Any, at: dt.datetime) -> dict[str, int]:
    """log_changes for a rebuild written in chunks: the new digests are already in
    merged_digests, the last rebuild's in the temporary table rebuild_old_digests
    (store.record.clear_merged), which is dropped. Compared in SQL, in the caller's
    transaction; returns how many of each change."""
    last = store.con.execute("SELECT max(updated_at) FROM merged_changes").fetchone()[0]
    if last is not None and at <= last:
        at = last + _TICK
    changes = """
        SELECT n.merged_id, 'added' AS change, n.digest FROM merged_digests n
        WHERE NOT EXISTS (SELECT 1 FROM rebuild_old_digests o WHERE o.merged_id = n.merged_id)
        UNION ALL
        SELECT n.merged_id, 'changed', n.digest FROM merged_digests n
        JOIN rebuild_old_digests o ON o.merged_id = n.merged_id WHERE o.digest <> n.digest
        UNION ALL
        SELECT o.merged_id, 'deleted', NULL FROM rebuild_old_digests o
        WHERE NOT EXISTS (SELECT 1 FROM merged_digests n WHERE n.merged_id = o.merged_id)"""
    store.con.execute(
        "INSERT INTO merged_changes (merged_id, change, digest, updated_at) "
        f"SELECT merged_id, change, digest, ? FROM ({changes}) c ORDER BY merged_id", [at])
    counts = dict(store.con.execute(
        "SELECT change, count(*) FROM merged_changes WHERE updated_at = ? GROUP BY change",
        [at]).fetchall())
    store.con.execute("DROP TABLE rebuild_old_digests")
    return counts


def change_page(store: Any, since: dt.datetime | None, after: tuple[str, str] | None,
                limit: int) -> list[dict[str, Any]]:
    """Changes logged after `since`, in (time, merged id) order, the first `limit` after
    keyset `after` (an ISO time and a merged id)."""
    where, params = [], []
    if since is not None:
        where.append("updated_at > ?")
        params.append(since)
    if after is not None:
        t = dt.datetime.fromisoformat(after[0])
        where.append("(updated_at > ? OR (updated_at = ? AND merged_id > ?))")
        params += [t, t, after[1]]
    filters = " WHERE " + " AND ".join(where) if where else ""
    cur = store.con.execute(
        f"SELECT merged_id, change, digest, updated_at FROM merged_changes{filters} "
        "ORDER BY updated_at, merged_id LIMIT ?", [*params, int(limit)])
    return [{"id": m, "change": c, "digest": d, "updated_at": t}
            for m, c, d, t in cur.fetchall()]


def last_changes(store: Any, merged_ids: list[str]) -> dict[str, str]:
    """Each merged id's latest logged change as an RFC 3339 time (UTC, "Z"); ids never
    logged (a store from before the log) are absent."""
    if not merged_ids:
        return {}
    marks = ", ".join("?" for _ in merged_ids)
    cur = store.con.execute(
        f"SELECT merged_id, max(updated_at) FROM merged_changes WHERE merged_id IN ({marks}) "
        "GROUP BY merged_id", list(merged_ids))
    return {m: t.isoformat(timespec="seconds") + "Z" for m, t in cur.fetchall()
            if t is not None}

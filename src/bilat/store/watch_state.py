"""What `bilat watch` remembers between polls and across restarts (migration 7's tables).

Portable SQL only (`?` placeholders, ON CONFLICT upserts, no lists or unnest), so that the
PostgreSQL store can run the same statements. Times are naive UTC datetimes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bilat.store.base import Store

_CHUNK = 500  # ids per IN (...) list


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i:i + _CHUNK]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


# -- feeds ------------------------------------------------------------------------------------

def last_polls(store: Store, urls: list[str]) -> dict[str, datetime]:
    """When each of these feeds was last polled (feeds never polled are absent)."""
    out: dict[str, datetime] = {}
    for part in _chunks(urls):
        rows = store.con.execute(
            f"SELECT url, last_polled FROM watch_feeds WHERE url IN ({_marks(len(part))})",
            part).fetchall()
        out.update({u: t for u, t in rows if t is not None})
    return out


def record_poll(store: Store, url: str, when: datetime, error: str | None) -> None:
    store.con.execute(
        "INSERT INTO watch_feeds (url, last_polled, last_error) VALUES (?, ?, ?) "
        "ON CONFLICT (url) DO UPDATE SET last_polled = excluded.last_polled, "
        "last_error = excluded.last_error", [url, when, error])


def feed_errors(store: Store) -> dict[str, str]:
    """Each feed whose last poll failed, with the reason."""
    rows = store.con.execute(
        "SELECT url, last_error FROM watch_feeds WHERE last_error IS NOT NULL").fetchall()
    return dict(rows)


# -- conditional GET --------------------------------------------------------------------------

def validators(store: Store, url: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified an address last answered with ((None, None) if none)."""
    row = store.con.execute(
        "SELECT etag, last_modified FROM watch_validators WHERE url = ?", [url]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def save_validators(store: Store, url: str, etag: str | None,
                    last_modified: str | None) -> None:
    if etag is None and last_modified is None:
        store.con.execute("DELETE FROM watch_validators WHERE url = ?", [url])
        return
    store.con.execute(
        "INSERT INTO watch_validators (url, etag, last_modified) VALUES (?, ?, ?) "
        "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
        "last_modified = excluded.last_modified", [url, etag, last_modified])


# -- feed items -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemState:
    updated: str | None  # the feed's updated/lastmod stamp when the item was last handled
    state: str  # done | failed | skipped
    attempts: int


def item_states(store: Store, keys: Iterable[str]) -> dict[str, ItemState]:
    wanted = list(dict.fromkeys(keys))
    out: dict[str, ItemState] = {}
    for part in _chunks(wanted):
        rows = store.con.execute(
            "SELECT item_key, updated, state, attempts FROM watch_items "
            f"WHERE item_key IN ({_marks(len(part))})", part).fetchall()
        out.update({k: ItemState(u, s, a) for k, u, s, a in rows})
    return out


def save_item(store: Store, key: str, feed_url: str, url: str | None, updated: str | None,
              state: str, attempts: int, reason: str | None, when: datetime) -> None:
    store.con.execute(
        "INSERT INTO watch_items (item_key, feed_url, url, updated, state, attempts, reason, "
        "seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_key) DO UPDATE SET "
        "feed_url = excluded.feed_url, url = excluded.url, updated = excluded.updated, "
        "state = excluded.state, attempts = excluded.attempts, reason = excluded.reason, "
        "seen_at = excluded.seen_at",
        [key, feed_url, url, updated, state, attempts, reason, when])


def item_counts(store: Store) -> dict[str, int]:
    """How many items are in each state."""
    return dict(store.con.execute(
        "SELECT state, count(*) FROM watch_items GROUP BY state").fetchall())


# -- merged events seen -----------------------------------------------------------------------

def unseen_reports(store: Store) -> dict[str, list[tuple[str, bool]]]:
    """Each merged event with at least one report watch has not seen: its reports, each with
    whether watch has seen it."""
    rows = store.con.execute(
        "SELECT s.merged_id, s.event_id, w.event_id IS NOT NULL FROM merged_sources s "
        "LEFT JOIN watch_seen_events w ON w.event_id = s.event_id "
        "WHERE s.merged_id IN (SELECT x.merged_id FROM merged_sources x "
        "LEFT JOIN watch_seen_events y ON y.event_id = x.event_id WHERE y.event_id IS NULL) "
        "ORDER BY s.merged_id, s.event_id").fetchall()
    out: dict[str, list[tuple[str, bool]]] = {}
    for merged, event, seen in rows:
        out.setdefault(merged, []).append((event, bool(seen)))
    return out


def seen_merged_ids(store: Store, merged_ids: list[str]) -> set[str]:
    """Which of these merged ids watch has seen under that id before."""
    out: set[str] = set()
    for part in _chunks(list(merged_ids)):
        rows = store.con.execute(
            "SELECT DISTINCT merged_id FROM watch_seen_events "
            f"WHERE merged_id IN ({_marks(len(part))})", part).fetchall()
        out.update(r[0] for r in rows)
    return out


def mark_seen(store: Store, reports: list[tuple[str, str]]) -> None:
    """Remember (event_id, merged_id) pairs as seen (a report that moved to another merged
    event keeps its first one: the id an alert was raised under)."""
    for event_id, merged_id in reports:
        store.con.execute(
            "INSERT INTO watch_seen_events (event_id, merged_id) VALUES (?, ?) "
            "ON CONFLICT (event_id) DO NOTHING", [event_id, merged_id])


def mark_all_seen(store: Store) -> int:
    """Every report of the record as seen (the baseline of a first run); how many were new."""
    before = store.con.execute("SELECT count(*) FROM watch_seen_events").fetchone()[0]
    store.con.execute(
        "INSERT INTO watch_seen_events (event_id, merged_id) "
        "SELECT s.event_id, min(s.merged_id) FROM merged_sources s "
        "WHERE NOT EXISTS (SELECT 1 FROM watch_seen_events w WHERE w.event_id = s.event_id) "
        "GROUP BY s.event_id")
    after = store.con.execute("SELECT count(*) FROM watch_seen_events").fetchone()[0]
    return after - before


# -- alerts -----------------------------------------------------------------------------------

def queue_alerts(store: Store, merged_ids: list[str], channels: list[str], when: datetime
                 ) -> None:
    """An alert to send on each channel for each merged event (once: queued again, nothing)."""
    for merged_id in merged_ids:
        for channel in channels:
            store.con.execute(
                "INSERT INTO watch_alerts (merged_id, channel, created_at, sent_at, attempts, "
                "last_error) VALUES (?, ?, ?, NULL, 0, NULL) "
                "ON CONFLICT (merged_id, channel) DO NOTHING", [merged_id, channel, when])


def pending_alerts(store: Store, channel: str) -> list[str]:
    """The merged ids whose alert on this channel is not sent yet, oldest first."""
    rows = store.con.execute(
        "SELECT merged_id FROM watch_alerts WHERE channel = ? AND sent_at IS NULL "
        "ORDER BY created_at, merged_id", [channel]).fetchall()
    return [r[0] for r in rows]


def mark_sent(store: Store, merged_ids: list[str], channel: str, when: datetime) -> None:
    store.con.execute(
        "UPDATE watch_alerts SET sent_at = ?, attempts = attempts + 1, last_error = NULL "
        "WHERE channel = ? AND merged_id IN (SELECT unnest(?::VARCHAR[]))",
        [when, channel, list(merged_ids)])


def mark_failed(store: Store, merged_ids: list[str], channel: str, error: str) -> None:
    store.con.execute(
        "UPDATE watch_alerts SET attempts = attempts + 1, last_error = ? "
        "WHERE channel = ? AND merged_id IN (SELECT unnest(?::VARCHAR[]))",
        [error, channel, list(merged_ids)])


def sent_alerts(store: Store, channel: str) -> list[str]:
    """The merged ids alerted on this channel, in the order sent."""
    rows = store.con.execute(
        "SELECT merged_id FROM watch_alerts WHERE channel = ? AND sent_at IS NOT NULL "
        "ORDER BY sent_at, merged_id", [channel]).fetchall()
    return [r[0] for r in rows]


# -- marks ------------------------------------------------------------------------------------

def get_mark(store: Store, key: str) -> str | None:
    row = store.con.execute("SELECT value FROM watch_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_mark(store: Store, key: str, value: str) -> None:
    store.con.execute(
        "INSERT INTO watch_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])


def current_merged_ids(store: Store, old_ids: list[str]) -> dict[str, str]:
    """Where the reports first seen under each of these merged ids are now: a merged event
    is renamed when a report published earlier than its first joins it."""
    out: dict[str, str] = {}
    for part in _chunks(list(old_ids)):
        rows = store.con.execute(
            "SELECT w.merged_id, min(s.merged_id) FROM watch_seen_events w "
            "JOIN merged_sources s ON s.event_id = w.event_id "
            f"WHERE w.merged_id IN ({_marks(len(part))}) GROUP BY w.merged_id", part
        ).fetchall()
        out.update({old: new for old, new in rows if new is not None})
    return out


def rename_alert(store: Store, old_id: str, new_id: str, channel: str) -> None:
    """A queued alert follows its merged event to its new id (unless one is queued or sent
    under that id already: then the old one is dropped)."""
    store.con.execute(
        "INSERT INTO watch_alerts (merged_id, channel, created_at, sent_at, attempts, "
        "last_error) SELECT ?, channel, created_at, NULL, attempts, last_error "
        "FROM watch_alerts WHERE merged_id = ? AND channel = ? "
        "ON CONFLICT (merged_id, channel) DO NOTHING", [new_id, old_id, channel])
    store.con.execute("DELETE FROM watch_alerts WHERE merged_id = ? AND channel = ?",
                      [old_id, channel])


def drop_alerts(store: Store, merged_ids: list[str], channel: str) -> None:
    """Forget queued alerts (their merged events are no longer in the record)."""
    for merged_id in merged_ids:
        store.con.execute("DELETE FROM watch_alerts WHERE merged_id = ? AND channel = ? "
                          "AND sent_at IS NULL", [merged_id, channel])

"""After a poll's ingest and merge: which merged events are new to watch, their alerts queued
and sent on each channel, and the pair feed files rewritten. What was seen, queued and sent is
the store's (store/watch_state.py), so a restart alerts nothing twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from bilat.config import Settings
from bilat.store import Store
from bilat.store import watch_state as state
from bilat.watch.alerts import Delivery, channel_senders, write_feed_files
from bilat.watch.feeds_file import WatchConfig, WatchRule


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def take_baseline(store: Store, settings: Settings) -> int:
    """On the first watch of a store, what the record already holds is no news: every
    report in it is marked seen, so only events that arrive from now on are alerted."""
    from bilat.know.merge import remerge
    from bilat.store.record import is_stale

    if state.get_mark(store, "baseline") is not None:
        return 0
    if is_stale(store):
        remerge(store, settings.embedder, duckdb_memory=settings.duckdb_memory)
    with store.transaction():
        n = state.mark_all_seen(store)
        state.set_mark(store, "baseline", _now().isoformat(timespec="seconds"))
    return n


def new_events(store: Store, rules: tuple[WatchRule, ...], channels: list[str]) -> list[str]:
    """Merged events none of whose reports watch has seen before, matching a rule (every
    event when there are no rules): their alerts are queued on each channel, and every
    report of the record is remembered as seen, in one transaction. A merged event that
    gains a source later has a seen report, so it is never new again."""
    from bilat.store.record import merged_event

    groups = state.unseen_reports(store)
    if not groups:
        return []
    renamed = state.seen_merged_ids(store, list(groups))
    fresh = [m for m, reports in groups.items()
             if m not in renamed and not any(seen for _, seen in reports)]
    matched = []
    for merged_id in fresh:
        ev = merged_event(store, merged_id)
        if ev and (not rules or any(r.matches(ev["actors"], ev["type"]) for r in rules)):
            matched.append(merged_id)
    with store.transaction():
        state.queue_alerts(store, matched, channels, _now())
        state.mark_seen(store, [(e, m) for m, reports in groups.items()
                                for e, seen in reports if not seen])
    return matched


def deliver(store: Store, config: WatchConfig, write: Callable[[str], None]
            ) -> list[Delivery]:
    """Send every queued alert on its channel; what a channel took is marked sent."""
    from bilat.store.record import merged_event

    done = []
    for channel, send in channel_senders(config.alerts, write).items():
        ids = state.pending_alerts(store, channel)
        if not ids:
            continue
        events = [ev for ev in (merged_event(store, i) for i in ids) if ev is not None]
        gone = sorted(set(ids) - {ev["id"] for ev in events})
        if gone:
            # renamed since queued (a report published earlier joined the event): the alert
            # follows its reports to the new id
            moved = state.current_merged_ids(store, gone)
            with store.transaction():
                for old in gone:
                    if old in moved:
                        state.rename_alert(store, old, moved[old], channel)
                    else:
                        state.drop_alerts(store, [old], channel)
            ids = state.pending_alerts(store, channel)
            events = [ev for ev in (merged_event(store, i) for i in ids) if ev is not None]
        if not events:
            continue
        try:
            result = send(events)
        except Exception as exc:  # noqa: BLE001 - one channel's fault must not cost the others
            result = Delivery(channel, error=f"{channel}: internal error "
                                             f"({type(exc).__name__}: {exc})"[:300])
        state.mark_sent(store, result.sent, channel, _now())
        rest = [ev["id"] for ev in events if ev["id"] not in set(result.sent)]
        if rest and result.error:
            state.mark_failed(store, rest, channel, result.error)
        done.append(result)
    return done


def pair_feed_files(store: Store, config: WatchConfig) -> list[str]:
    from bilat.know.pair_feeds import FEED_LENGTH
    from bilat.store.changes import last_changes
    from bilat.store.record import merged_events

    if config.alerts.feed_dir is None:
        return []
    written = []
    for rule in config.rules:
        events = merged_events(store, [rule.a, rule.b],
                               list(rule.types) or None, limit=FEED_LENGTH)
        changed = last_changes(store, [ev["id"] for ev in events])
        written += [str(p) for p in write_feed_files(config.alerts.feed_dir, rule, events,
                                                     changed=changed)]
    return written

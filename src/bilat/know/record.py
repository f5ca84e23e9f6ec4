"""Writes the record: the merged events and the read models built from them, in one
transaction. What the read models compute in Python (the people's ranking, the series
points' summaries) is computed here; bilat.store.record reads and writes the rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable

from bilat.know.dossier import people_from_groups
from bilat.know.series import summarise_points
from bilat.model import KEY_DATES_PER_KIND, MergedEvent
from bilat.store.base import Store
from bilat.store.changes import log_staged_changes
from bilat.store.record import (
    append_merged,
    clear_merged,
    finish_merged,
    mark_merged,
    people_groups,
    rebuild_fact_rows,
    save_fact_points,
    save_milestones,
    save_name_counts,
    save_people,
)


def save_merged(store: Store, merged: list[MergedEvent],
                at: dt.datetime | None = None, upto: int | None = None) -> None:
    """Replace the record with `merged`, in one transaction: readers see the old record or
    the new one, never half of each. What changed since the last rebuild is logged at `at`
    (now, UTC, by default) in the same transaction, so the log never disagrees with it.
    `upto`: the stored mark the merged events were read at (store.record.stored_mark)."""
    save_merged_chunks(store, [merged], at, upto)


def save_merged_chunks(store: Store, chunks: Iterable[list[MergedEvent]],
                       at: dt.datetime | None = None, upto: int | None = None) -> None:
    """save_merged for a record made chunk by chunk (know.merge.remerge: the merge blocks of
    some thousands of reports at a time), in one transaction: each chunk's merged events,
    sources, timeline rows and digests are written as it comes, and dropped; then the
    timeline is ranked, the changes logged and the read models rebuilt, all in SQL. The
    chunks' iterator runs inside the transaction."""
    at = at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction():
        clear_merged(store)
        for merged in chunks:
            append_merged(store, merged, {m.id: merged_digest(m) for m in merged})
        finish_merged(store)
        log_staged_changes(store, at)
        save_pair_views(store)
        save_fact_rows(store)
        mark_merged(store, upto)


def save_pair_views(store: Store, per_kind: int = KEY_DATES_PER_KIND) -> None:
    """Rebuild what a dossier reads besides the timeline, from the timeline's read model:
    each pair's key dates and its people, ranked."""
    save_milestones(store, per_kind)
    save_name_counts(store)
    for grouped in people_groups(store):  # some pairs at a time, in order
        save_people(store, {pair: people_from_groups(groups)
                            for pair, groups in grouped.items()})


def save_fact_rows(store: Store) -> None:
    """Rebuild the figures' read model from the facts and their documents (rows in SQL),
    then each series point's summary over all of its sources."""
    for tallies in rebuild_fact_rows(store):  # some pairs at a time, in order
        save_fact_points(store, summarise_points(tallies))


def merged_digest(m: MergedEvent) -> str:
    """A digest of a merged event's content (its fields and every source): equal digests,
    nothing a reader sees has changed."""
    raw = json.dumps(m.to_dict(), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]

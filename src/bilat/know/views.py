"""What a reader is shown of a pair and of a country, read from the store: the data behind
`bilat dossier`, the API's dossier and partners, and the web pages (one assembly, three
renderings). Statuses read as of `today` (bilat.know.status)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bilat.know.dossier import (
    LATEST_PER_PARTNER,
    PEOPLE_SHOWN,
    TIMELINE_ROWS,
    Dossier,
    Partner,
    build_dossier,
    partners_from_counts,
)
from bilat.know.series import build_series
from bilat.know.status import with_status_now

SOURCES_PER_PERIOD = 20  # sources listed under each figure of a dossier


def _fact_documents(facts: list[dict[str, Any]], doc_ids: set[str]
                    ) -> dict[str, dict[str, Any]]:
    """Date, language, title and address of the documents in `doc_ids` (those that only
    figures cite: events carry their own), from the figures' rows, which carry them."""
    return {f["doc"]: {k: f.get(k) for k in ("published", "language", "title", "url")}
            for f in facts if f["doc"] in doc_ids}


def pair_dossier(store: Any, a: str, b: str, today: dt.date,
                 timeline_rows: int = TIMELINE_ROWS) -> Dossier:
    """Two countries' dossier: the latest `timeline_rows` events, key dates and people
    counted over all of them, every figure series with its latest sources."""
    from bilat.store.record import (
        fact_points,
        facts_between,
        pair_milestones,
        pair_people,
        pair_timeline,
    )

    events, total = pair_timeline(store, a, b, timeline_rows)
    events = with_status_now(events, today)
    people, people_total = pair_people(store, a, b, PEOPLE_SHOWN)
    facts = facts_between(store, a, b, per_period=SOURCES_PER_PERIOD)
    series = build_series(facts, fact_points(store, a, b))
    cited = {s["doc"] for e in events for s in e["sources"]}
    figure_docs = {f.doc for s in series for p in s.points for f in p.figures} - cited
    return build_dossier(a, b, events, series, _fact_documents(facts, figure_docs),
                         total=total,
                         milestones=with_status_now(pair_milestones(store, a, b), today),
                         people=people, people_total=people_total)


def country_partners_view(store: Any, code: str, today: dt.date,
                          latest: int = LATEST_PER_PARTNER) -> list[Partner]:
    """A country's partners, the most events first, each with its latest events."""
    from bilat.store.record import country_partners

    return partners_from_counts(
        [(other, counts, with_status_now(newest, today))
         for other, counts, newest in country_partners(store, code, latest)])

"""Which merged event a new report belongs to, by the merge's own rules (bilat.know.merge):
the same block (type and actors), dates compatible with every report of the event, and the
best pair score (evidence cosine plus people and date terms) high enough to join."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bilat.know.merge import block_key, dates_compatible, joins, pair_score
from bilat.model import Report


def best_match(report: Report, vector: np.ndarray, events: dict[str, list[Report]],
               vectors: Callable[[list[Report]], np.ndarray]) -> tuple[str | None, float | None]:
    """(merged id, score) of the event `report` would join, or (None, None). `events` maps
    merged ids to their reports; `vectors` embeds reports' evidence (L2-normalised rows), as
    merging does. A report already stored is matched to its own event."""
    best: tuple[float, str] | None = None
    for merged_id, reports in sorted(events.items()):
        if any(r.event_id == report.event_id for r in reports):
            return merged_id, 1.0
        if not reports or block_key(reports[0]) != block_key(report):
            continue
        # one report per document, and compatible with every report: the merge's linkage
        if any(r.content_id == report.content_id for r in reports):
            continue
        if not all(dates_compatible(report, r) for r in reports):
            continue
        cosines = vectors(reports) @ vector
        for r, cosine in zip(reports, cosines, strict=True):
            score = pair_score(report, r, float(cosine))
            if joins(report, r, score) and (best is None or score > best[0]):
                best = (score, merged_id)
    return (best[1], round(best[0], 4)) if best else (None, None)

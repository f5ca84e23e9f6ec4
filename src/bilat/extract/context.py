"""What a whole document tells about each of its sentences: its sentences' analyses, the
country pair it is about, and the year its undated day/month mentions belong to."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml

from bilat.analysis.fold import fold
from bilat.model import Document, Mention, Quantity, Sentence, TimeExpr

STATE_KINDS = frozenset({"country", "demonym", "capital", "government", "person", "place"})
_YEAR = re.compile(r"^(\d{4}|XXXX)(.*)$")


@dataclass(frozen=True)
class SentenceView:
    """One sentence with what analysis found in it (offsets relative to the sentence)."""

    sentence: Sentence
    folded: str
    mentions: tuple[Mention, ...]
    times: tuple[TimeExpr, ...]
    quantities: tuple[Quantity, ...]
    # day/month mentions whose year nothing in the document gives ("from April 24-25"):
    # kept as "XXXX-04-24" so that a year told for the same happening can complete them
    partials: tuple[TimeExpr, ...] = ()

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass(frozen=True)
class DocContext:
    language: str | None
    published: str | None  # as the source gave it: YYYY, YYYY-MM or YYYY-MM-DD
    year: int | None  # the year undated day/month mentions belong to
    pair: tuple[str, ...]  # the two states the document is mostly about (may be shorter)
    founding: dict[frozenset[str], str]  # relations' founding dates stated in the text
    people: dict[str, str]  # person key -> state, learnt anywhere in the document

    home_state: str | None = None  # the report's language's home state, when it has one
    this_year: int | None = None  # the clock's year (extraction's `today`), for arithmetic

    @property
    def home(self) -> str | None:
        """The state a report's untagged officials belong to: its language's home state when
        that is one of the pair, else its most-mentioned state."""
        if self.home_state and (self.home_state in self.pair or not self.pair):
            return self.home_state
        return self.pair[0] if self.pair else None

    @property
    def anchor_day(self) -> str | None:
        return self.published if self.published and len(self.published) == 10 else None


def is_state(m: Mention) -> bool:
    return m.kind in STATE_KINDS and bool(m.code) and len(m.code) == 2


@cache
def known_foundings() -> dict[frozenset[str], str]:
    path = Path(__file__).resolve().parents[1] / "data" / "relations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {frozenset(k.split("-")): str(v) for k, v in data.items()}


def main_pair(mentions: list[Mention], title_mentions: list[Mention]) -> tuple[str, ...]:
    """The two states most mentioned (title mentions count thrice, early ones a little more)."""
    counts: Counter[str] = Counter()
    for m in title_mentions:
        if is_state(m):
            counts[m.code] += 3
    for i, m in enumerate(m for m in mentions if is_state(m)):
        counts[m.code] += 1.5 if i < 6 else 1
    return tuple(code for code, _ in counts.most_common(2))


def fill_year(value: str | None, year: int | None) -> str | None:
    """Replace an unknown year ("XXXX-10-13") by `year`, or drop the value when there is none."""
    if value is None or not value.startswith("XXXX"):
        return value
    return None if year is None else f"{year:04d}{value[4:]}"


def resolve_time(t: TimeExpr, year: int | None, published_month: str | None
                 ) -> TimeExpr | None:
    """A time expression with its unknown year filled; None when it cannot be dated at all.

    `published_month` is set when the publication date has no day: "on Monday" then dates
    only to that month.
    """
    if published_month and t.kind == "relative" and t.value and len(t.value) == 10:
        return replace(t, value=published_month, end_value=None, year_from_text=False)
    value, end = fill_year(t.value, year), fill_year(t.end_value, year)
    if value is None and t.value is not None:
        return None
    if value == t.value and end == t.end_value:
        return t
    return replace(t, value=value, end_value=end, year_from_text=False)


def infer_year(published: str | None, times: list[TimeExpr], anniversaries: list[int],
               stated_founding: list[str], pair: tuple[str, ...],
               latest: int | None = None, elapsed: list[int] | None = None) -> int | None:
    """The document's year for day/month mentions: publication, else year arithmetic.

    SCHEMA.md's order: the publication date; else a year the text states for that happening
    (sentence_year, per sentence; `elapsed`: "24 years after the 1998 visit" states 2022 for
    the visit told); else an N-th anniversary of a founding date the text states or that is
    well known. Years of other happenings never date a document.
    """
    if published:
        return int(published[:4])
    stated = [y for y in elapsed or () if latest is None or y <= latest]
    if stated:
        return max(stated)
    if anniversaries:
        # the founding the text states, else the well-known one; a date that puts the
        # report after today was no founding of ties (a partnership set up in 2015)
        foundings = sorted(f for f in stated_founding if f[:4].isdigit())
        if len(pair) == 2 and (known := known_foundings().get(frozenset(pair))):
            foundings.append(known)
        for founding in foundings:
            year = int(founding[:4]) + max(anniversaries)
            if latest is None or year <= latest:
                return year
    return None


def sentence_year(times: list[TimeExpr]) -> int | None:
    """A year the sentence itself writes out, for its day/month mentions ("11/12 ... năm 2023")."""
    years = [int(t.value[:4]) for t in times if t.value and t.value[:4].isdigit()
             and t.year_from_text and t.kind in ("date", "range", "year", "part_of_year")]
    return max(years) if years else None


def sentence_views(doc: Document, sentences: list[Sentence], mentions: list[Mention],
                   times: list[TimeExpr], quantities: list[Quantity],
                   folded: str | None = None, partials: list[TimeExpr] | None = None
                   ) -> list[SentenceView]:
    """Bucket document-level findings into their sentences, offsets made sentence-relative.
    `folded` is fold(doc.text) when the caller has it: folding keeps offsets, so a
    sentence's folded text is a slice of it."""
    from bisect import bisect_left

    ordered = [sorted(items, key=lambda x: x.start)
               for items in (mentions, times, quantities, partials or [])]
    starts = [[x.start for x in items] for items in ordered]

    def inside(k: int, s: Sentence) -> tuple:
        # only the items starting inside the sentence are looked at (bisect on starts)
        lo, hi = bisect_left(starts[k], s.start), bisect_left(starts[k], s.end)
        return tuple(replace(x, start=x.start - s.start, end=x.end - s.start)
                     for x in ordered[k][lo:hi] if x.end <= s.end)

    views = []
    for s in sentences:
        text = folded[s.start:s.end] if folded is not None and doc.text[s.start:s.end] == s.text \
            else fold(s.text)
        views.append(SentenceView(s, text, inside(0, s), inside(1, s), inside(2, s),
                                  inside(3, s) if partials else ()))
    return views

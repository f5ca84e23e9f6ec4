"""Interval helpers that keep long texts near-linear: overlap tests and bucketing by bisection
instead of scanning every earlier span (a 100 kB text holds tens of thousands of spans)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


class Taken:
    """Pairwise non-overlapping half-open spans [start, end), for a greedy "keep what overlaps
    nothing kept" pass. Spans overlap when each starts before the other ends (so an empty
    span overlaps only a span strictly around it).

    A per-character occupancy array, not a list of spans: a test costs the length of the span
    tested, not the number of spans taken, and spans come in any order.
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._cover = bytearray()  # 2 where a taken span begins, 1 inside it, 0 free
        self._empty: list[int] = []  # positions of taken empty spans, sorted
        for s, e in spans:
            self.add(s, e)

    def overlaps(self, start: int, end: int) -> bool:
        cover = self._cover
        if start < end:
            if cover.find(1, start, end) >= 0 or cover.find(2, start, end) >= 0:
                return True
            i = bisect_right(self._empty, start)
            return i < len(self._empty) and self._empty[i] < end
        # an empty span overlaps a taken one that holds both characters around it
        return 0 < start < len(cover) and cover[start - 1] != 0 and cover[start] == 1

    def add(self, start: int, end: int) -> None:
        """Take a span that overlaps none of those taken (the caller checked)."""
        if start >= end:
            insort(self._empty, start)
            return
        if end > len(self._cover):
            self._cover.extend(bytes(max(end - len(self._cover), len(self._cover))))
        self._cover[start:end] = b"\x01" * (end - start)
        self._cover[start] = 2


def _first(span: tuple[int, int]) -> int:
    return span[0]


def by_sentence(sentences: Sequence, items: Iterable[T],
                start: Callable[[T], int] = lambda x: x.start) -> list[list[T]]:
    """Items bucketed by the sentence their start falls in (sentences sorted and disjoint,
    each with .start and .end), in the items' own order; items between sentences go nowhere."""
    starts = [s.start for s in sentences]
    out: list[list[T]] = [[] for _ in sentences]
    for x in items:
        pos = start(x)
        k = bisect_right(starts, pos) - 1
        if k >= 0 and pos < sentences[k].end:
            out[k].append(x)
    return out


def overlapping(spans: Sequence[tuple[int, int]], start: int, end: int) -> range:
    """Indexes of the spans overlapping [start, end), for disjoint non-empty (start, end)
    spans sorted by start (their ends then rise too): a contiguous run."""
    return range(bisect_right(spans, start, key=_second), bisect_left(spans, end, key=_first))


def _second(span: tuple[int, int]) -> int:
    return span[1]

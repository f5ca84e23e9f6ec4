"""The interval helpers that keep long texts linear agree with the plain scans they replace."""

from __future__ import annotations

import random

from bilat.analysis.spans import Taken, by_sentence, overlapping
from bilat.model import Sentence


def test_taken_agrees_with_a_scan_of_every_span():
    rng = random.Random(0)
    for _ in range(2000):
        taken, spans = [], Taken()
        for _ in range(rng.randint(0, 30)):
            start = rng.randint(0, 40)
            end = start + rng.choice([0, 0, 1, 2, 3, 5, 8])  # empty spans too
            free = all(end <= s or start >= e for s, e in taken)
            assert spans.overlaps(start, end) == (not free)
            if free:
                taken.append((start, end))
                spans.add(start, end)


def test_overlapping_is_the_run_a_scan_finds():
    rng = random.Random(1)
    for _ in range(500):
        spans, pos = [], 0
        while pos < 60:
            pos += rng.randint(0, 4)
            width = rng.randint(1, 5)
            spans.append((pos, pos + width))
            pos += width
        for _ in range(20):
            start = rng.randint(0, 70)
            end = start + rng.randint(1, 8)
            assert list(overlapping(spans, start, end)) == [
                i for i, (s, e) in enumerate(spans) if s < end and start < e]


def test_by_sentence_keeps_order_and_drops_what_falls_between():
    sentences = [Sentence(0, 0, 10, "x" * 10), Sentence(1, 12, 20, "y" * 8)]
    starts = [15, 3, 11, 12, 0, 25, 9, 19]
    assert by_sentence(sentences, starts, start=lambda x: x) == [[3, 0, 9], [15, 12, 19]]

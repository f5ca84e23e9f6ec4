"""When feeds are due: never polled at once, else after their own interval or --every."""

from __future__ import annotations

from datetime import datetime, timedelta

from bilat.watch.feeds_file import FeedSpec
from bilat.watch.schedule import due_feeds, seconds_to_next

NOW = datetime(2026, 11, 20, 12, 0, 0)


def test_due_feeds_and_the_next_wake():
    fast, slow, new = FeedSpec("https://e.org/fast", every=60), FeedSpec("https://e.org/slow"), \
        FeedSpec("https://e.org/new")
    last = {fast.url: NOW - timedelta(seconds=61), slow.url: NOW - timedelta(seconds=100)}
    assert due_feeds([fast, slow, new], last, 900, NOW) == [fast, new]
    assert seconds_to_next([fast, slow, new], last, 900, NOW) == 1.0  # `new` is waiting
    last = {fast.url: NOW, slow.url: NOW - timedelta(seconds=100)}
    assert due_feeds([fast, slow], last, 900, NOW) == []
    assert seconds_to_next([fast, slow], last, 900, NOW) == 60.0
    assert seconds_to_next([slow], last, 900, NOW) == 800.0

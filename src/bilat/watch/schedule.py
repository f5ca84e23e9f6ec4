"""When each feed is due: pure arithmetic over the last polls (kept in the store, so that a
restart waits out what is not due yet)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bilat.watch.feeds_file import FeedSpec


def interval(feed: FeedSpec, every: float) -> timedelta:
    return timedelta(seconds=feed.every or every)


def due_feeds(feeds: list[FeedSpec], last: dict[str, datetime], every: float,
              now: datetime) -> list[FeedSpec]:
    """The feeds never polled, or polled at least their interval ago."""
    return [f for f in feeds if f.url not in last or last[f.url] + interval(f, every) <= now]


def seconds_to_next(feeds: list[FeedSpec], last: dict[str, datetime], every: float,
                    now: datetime, least: float = 1.0) -> float:
    """How long to sleep until the next feed is due (at least `least` seconds)."""
    if any(f.url not in last for f in feeds):
        return least
    wake = min(last[f.url] + interval(f, every) for f in feeds)
    return max(least, (wake - now).total_seconds())

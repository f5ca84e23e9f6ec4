"""One poll: every feed fetched and its new items ingested (through bilat.ingest, the same
path as `bilat ingest`), the record merged, new merged events of watched pairs alerted.

What was done is remembered in the store as it is done (store/watch_state.py): a feed's
validators are saved only after its items are stored, so a poll killed half-way is redone by
the next one and a page fetched twice is deduplicated by content like any re-ingested input.
One feed's trouble (an HTTP error, a timeout, bad XML, a redirect loop, a huge page) is one
error naming the feed and never stops the others; the store's own trouble stops the poll.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bilat.config import Settings
from bilat.ingest import IngestSummary, ingest_outcomes
from bilat.model import ReadError
from bilat.store import Store, StoreError
from bilat.store import watch_state as state
from bilat.watch.alerts import Delivery
from bilat.watch.articles import Outcome, entry_outcomes, page_outcomes
from bilat.watch.feeds_file import FeedSpec, WatchConfig
from bilat.watch.fetch import Disallowed, Fetcher, FetchError, Response
from bilat.watch.items import BadListing, Item, read_listing
from bilat.watch.notify import deliver, new_events, pair_feed_files, take_baseline

MAX_ATTEMPTS = 3  # fetches of one item that failed before it is given up (until edited)


@dataclass
class FeedOutcome:
    url: str
    error: str | None = None  # the feed itself failed: "URL: reason"
    listed: int = 0
    fetched: int = 0  # article pages fetched in full
    not_modified: bool = False
    problems: list[str] = field(default_factory=list)  # items: "URL: reason"


@dataclass
class PollResult:
    feeds: list[FeedOutcome] = field(default_factory=list)
    ingest: IngestSummary = field(default_factory=IngestSummary)
    merged: bool = False
    new_events: list[str] = field(default_factory=list)  # merged ids alerted this poll
    deliveries: list[Delivery] = field(default_factory=list)
    feed_files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        out = [f.error for f in self.feeds if f.error]
        out += [d.error for d in self.deliveries if d.error]
        return out


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _add(total: IngestSummary, part: IngestSummary) -> None:
    total.read += part.read
    total.stored += part.stored
    total.exact_duplicates += part.exact_duplicates
    total.near_duplicates += part.near_duplicates
    total.events += part.events
    total.facts += part.facts
    total.failed += part.failed


# -- one feed -------------------------------------------------------------------------------------

@dataclass
class _Handled:
    item: Item
    state: str  # done | failed | skipped | unreadable
    attempts: int
    reason: str | None = None
    source: str | None = None  # the document's source, when it was ingested


def _due_items(store: Store, items: list[Item]) -> list[tuple[Item, int]]:
    """Items not handled yet, edited since, or failed fewer than MAX_ATTEMPTS times, newest
    first; with the number of the attempt this will be."""
    from bilat.watch.items import newest_first

    known = state.item_states(store, [i.key for i in items])
    due = []
    for item in newest_first(tuple(items)):
        st = known.get(item.key)
        if st is None or st.updated != item.stamp:
            due.append((item, 1))
        elif st.state == "failed" and st.attempts < MAX_ATTEMPTS:
            due.append((item, st.attempts + 1))
    unique: dict[str, tuple[Item, int]] = {}
    for item, attempt in due:
        unique.setdefault(item.key, (item, attempt))
    return list(unique.values())


def _listing_items(store: Store, url: str, fetcher: Fetcher, outcome: FeedOutcome
                   ) -> tuple[list[Item], list[Response], bool]:
    """The items the feed (or sitemap, or sitemap index and its sitemaps) lists now; the
    responses whose validators to keep once the items are handled; whether every sitemap of
    an index was read."""
    resp = fetcher.get(url, lambda u: state.validators(store, u))
    if resp.not_modified:
        outcome.not_modified = True
        return [], [resp], True
    listing = read_listing(resp.body, resp.url)
    responses, items, complete = [resp], list(listing.items), True
    for child in listing.children:
        try:
            sub = fetcher.get(child, lambda u: state.validators(store, u))
        except FetchError as exc:
            outcome.problems.append(str(exc))
            complete = False
            continue
        responses.append(sub)
        if sub.not_modified:
            continue
        try:
            items += read_listing(sub.body, sub.url).items
        except BadListing as exc:
            outcome.problems.append(f"{child}: {exc}")
            complete = False
    return items, responses, complete


def poll_feed(store: Store, url: str, fetcher: Fetcher, settings: Settings,
              total: IngestSummary, max_items: int = 100) -> FeedOutcome:
    outcome = FeedOutcome(url)
    try:
        items, listings, complete = _listing_items(store, url, fetcher, outcome)
        outcome.listed = len(items)
        handled: list[_Handled] = []
        outcomes: list[Outcome] = []
        pages: list[Response] = []
        due = _due_items(store, items)
        complete = complete and len(due) <= max_items
        for item, attempt in due[:max_items]:
            if item.url is None:
                got = entry_outcomes(url, item, settings)
            else:
                try:
                    page = fetcher.get(item.url, lambda u: state.validators(store, u))
                except Disallowed as exc:
                    handled.append(_Handled(item, "skipped", attempt, exc.reason))
                    outcome.problems.append(str(exc))
                    continue
                except FetchError as exc:
                    handled.append(_Handled(item, "failed", attempt, exc.reason))
                    outcome.problems.append(str(exc))
                    continue
                pages.append(page)
                if page.not_modified:
                    handled.append(_Handled(item, "done", attempt))
                    continue
                outcome.fetched += 1
                got = page_outcomes(page, item, settings)
            errors = [o for o in got if isinstance(o, ReadError)]
            if errors:
                # what the page holds cannot be read: not retried until the item is edited
                reason = "; ".join(e.reason for e in errors)[:300]
                handled.append(_Handled(item, "unreadable", attempt, reason))
                outcome.problems += [f"{e.source}: {e.reason}" for e in errors]
            else:
                handled.append(_Handled(item, "done", attempt, source=got[0][0].source
                                        if got and not isinstance(got[0], ReadError) else None))
            outcomes += [o for o in got if not isinstance(o, ReadError)]
        part = ingest_outcomes(outcomes, store, settings)
        _add(total, part)
        refused = {f.source for f in part.failed}
        outcome.problems += [f"{f.source}: {f.reason}" for f in part.failed]
        when = _now()
        with store.transaction():
            for h in handled:
                st = h.state
                if st == "done" and h.source in refused:
                    st = "unreadable"  # read, but the store refused its rows
                state.save_item(store, h.item.key, url, h.item.url, h.item.stamp, st,
                                h.attempts, h.reason, when)
            for r in pages:
                state.save_validators(store, r.url, r.etag, r.last_modified)
            # a listing is answered "not modified" next time only once all it lists is
            # handled: items left for a later poll, or to retry, need it read again
            complete = complete and not any(h.state == "failed" for h in handled)
            for r in listings:
                state.save_validators(store, r.url, r.etag if complete else None,
                                      r.last_modified if complete else None)
            state.record_poll(store, url, when, None)
    except StoreError:
        raise
    except (FetchError, BadListing) as exc:
        outcome.error = str(exc) if isinstance(exc, FetchError) else f"{url}: {exc}"
    except Exception as exc:  # noqa: BLE001 - one feed's surprise must not stop the others
        if _is_store_failure(exc):
            raise
        outcome.error = f"{url}: internal error ({type(exc).__name__}: {exc})"[:400]
    if outcome.error:
        state.record_poll(store, url, _now(), outcome.error)
    return outcome


def _is_store_failure(exc: BaseException) -> bool:
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is a dependency
        return False
    return isinstance(exc, duckdb.Error)


def poll(store: Store, feeds: list[FeedSpec], config: WatchConfig, fetcher: Fetcher,
         settings: Settings, write: Callable[[str], None] = print, max_items: int = 100,
         report: Callable[[FeedOutcome], None] | None = None) -> PollResult:
    """Poll these feeds once, merge, alert; see the module docstring."""
    from bilat.know.merge import remerge
    from bilat.store.record import is_stale

    result = PollResult()
    take_baseline(store, settings)
    for feed in feeds:
        outcome = poll_feed(store, feed.url, fetcher, settings, result.ingest, max_items)
        result.feeds.append(outcome)
        if report is not None:
            report(outcome)
    if result.ingest.stored or is_stale(store):
        remerge(store, settings.embedder, duckdb_memory=settings.duckdb_memory)
        result.merged = True
    result.new_events = new_events(store, config.rules, config.alerts.channels())
    result.deliveries = deliver(store, config, write)
    result.feed_files = pair_feed_files(store, config)
    return result

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
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from bilat.config import Settings
from bilat.ingest import IngestSummary, ingest_outcomes
from bilat.model import Document, Extraction, RawDocument, ReadError
from bilat.store import DuckDBStore, StoreError
from bilat.store import watch_state as state
from bilat.watch.alerts import Delivery, channel_senders, write_feed_files
from bilat.watch.feeds_file import FeedSpec, WatchConfig, WatchRule
from bilat.watch.fetch import Disallowed, Fetcher, FetchError, Response
from bilat.watch.items import BadListing, Item, read_listing

MAX_ATTEMPTS = 3  # fetches of one item that failed before it is given up (until edited)
Outcome = tuple[Document, Extraction] | ReadError


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


# -- articles -> outcomes -----------------------------------------------------------------------

def page_outcomes(resp: Response, item: Item, settings: Settings) -> list[Outcome]:
    """A fetched page read like any input (bilat.readers.read_bytes) and processed; its source
    is its address. The feed's title and date are used only where the page has none: the
    page is processed without them first, and again with them when it lacked one."""
    from bilat.batch import process_one
    from bilat.readers.ids import stable_id

    name = PurePosixPath(urlsplit(resp.url).path).name or "index"
    out: list[Outcome] = []
    for raw in _read_page(resp, name, stable_id(resp.url), settings):
        if isinstance(raw, ReadError):
            out.append(raw)
            continue
        raw = replace(raw, url=raw.url or resp.url)
        first = process_one(raw, settings)
        if isinstance(first, ReadError):
            out.append(first)
            continue
        doc = first[0]
        fill = {}
        if doc.title is None and item.title:
            fill["title"] = item.title
        if doc.published is None and item.published:
            fill["published"] = item.published
        out.append(process_one(replace(raw, **fill), settings) if fill else first)
    return out


def _read_page(resp: Response, name: str, doc_id: str, settings: Settings
               ) -> list[RawDocument | ReadError]:
    """An HTML page is read with the charset its HTTP answer declares (the page's own <meta>
    still wins); anything else as `bilat ingest` reads a file of those bytes."""
    from bilat.readers import read_bytes
    from bilat.readers.decode import looks_binary
    from bilat.readers.html import read_html

    ctype = (resp.content_type or "").lower()
    if "html" in ctype and resp.body.strip() and not looks_binary(resp.body):
        charset = None
        for part in ctype.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key == "charset" and value:
                charset = value.strip("\"' ")
        try:
            return [read_html(resp.body, resp.url, doc_id, url=resp.url, declared=charset)]
        except Exception as exc:  # noqa: BLE001 - as read_bytes: one page, one error line
            return [ReadError(resp.url, f"cannot be read ({type(exc).__name__}: {exc})"[:300])]
    return list(read_bytes(resp.body, name, resp.url, settings, doc_id=doc_id))


def entry_outcomes(feed_url: str, item: Item, settings: Settings) -> list[Outcome]:
    """An item with no address: the feed's own text of it is the document."""
    import re

    from bilat.batch import process_one
    from bilat.readers.ids import stable_id

    body = item.content or ""
    markup = bool(re.search(r"<[a-zA-Z][^>]*>", body))
    raw = RawDocument(source=f"{feed_url}#{item.key}", doc_id=stable_id(item.key), fmt="feed",
                      text=None if markup else body, html=body if markup else None,
                      title=item.title, published=item.published)
    return [process_one(raw, settings)]


# -- one feed -------------------------------------------------------------------------------------

@dataclass
class _Handled:
    item: Item
    state: str  # done | failed | skipped | unreadable
    attempts: int
    reason: str | None = None
    source: str | None = None  # the document's source, when it was ingested


def _due_items(store: DuckDBStore, items: list[Item]) -> list[tuple[Item, int]]:
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


def _listing_items(store: DuckDBStore, url: str, fetcher: Fetcher, outcome: FeedOutcome
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


def poll_feed(store: DuckDBStore, url: str, fetcher: Fetcher, settings: Settings,
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


# -- the record and the alerts -------------------------------------------------------------------

def take_baseline(store: DuckDBStore, settings: Settings) -> int:
    """On the first watch of a store, what the record already holds is no news: every
    report in it is marked seen, so only events that arrive from now on are alerted."""
    from bilat.know.merge import remerge
    from bilat.store.record import is_stale

    if state.get_mark(store, "baseline") is not None:
        return 0
    if is_stale(store):
        remerge(store, settings.embedder)
    with store.transaction():
        n = state.mark_all_seen(store)
        state.set_mark(store, "baseline", _now().isoformat(timespec="seconds"))
    return n


def new_events(store: DuckDBStore, rules: tuple[WatchRule, ...], channels: list[str]) -> list[str]:
    """Merged events none of whose reports watch has seen before, matching a rule (every
    event when there are no rules): their alerts are queued on each channel, and every
    report of the record is remembered as seen, in one transaction. A merged event that
    gains a source later has a seen report, so it is never new again."""
    from bilat.store.record import merged_event

    groups = state.unseen_reports(store)
    if not groups:
        return []
    renamed = state.seen_merged_ids(store, list(groups))
    fresh = [m for m, reports in groups.items()
             if m not in renamed and not any(seen for _, seen in reports)]
    matched = []
    for merged_id in fresh:
        ev = merged_event(store, merged_id)
        if ev and (not rules or any(r.matches(ev["actors"], ev["type"]) for r in rules)):
            matched.append(merged_id)
    with store.transaction():
        state.queue_alerts(store, matched, channels, _now())
        state.mark_seen(store, [(e, m) for m, reports in groups.items()
                                for e, seen in reports if not seen])
    return matched


def deliver(store: DuckDBStore, config: WatchConfig, write: Callable[[str], None]
            ) -> list[Delivery]:
    """Send every queued alert on its channel; what a channel took is marked sent."""
    from bilat.store.record import merged_event

    done = []
    for channel, send in channel_senders(config.alerts, write).items():
        ids = state.pending_alerts(store, channel)
        if not ids:
            continue
        events = [ev for ev in (merged_event(store, i) for i in ids) if ev is not None]
        gone = sorted(set(ids) - {ev["id"] for ev in events})
        if gone:
            # renamed since queued (a report published earlier joined the event): the alert
            # follows its reports to the new id
            moved = state.current_merged_ids(store, gone)
            with store.transaction():
                for old in gone:
                    if old in moved:
                        state.rename_alert(store, old, moved[old], channel)
                    else:
                        state.drop_alerts(store, [old], channel)
            ids = state.pending_alerts(store, channel)
            events = [ev for ev in (merged_event(store, i) for i in ids) if ev is not None]
        if not events:
            continue
        try:
            result = send(events)
        except Exception as exc:  # noqa: BLE001 - one channel's fault must not cost the others
            result = Delivery(channel, error=f"{channel}: internal error "
                                             f"({type(exc).__name__}: {exc})"[:300])
        state.mark_sent(store, result.sent, channel, _now())
        rest = [ev["id"] for ev in events if ev["id"] not in set(result.sent)]
        if rest and result.error:
            state.mark_failed(store, rest, channel, result.error)
        done.append(result)
    return done


def pair_feed_files(store: DuckDBStore, config: WatchConfig) -> list[str]:
    from bilat.store.record import merged_events
    from bilat.watch.alerts import FEED_LENGTH

    if config.alerts.feed_dir is None:
        return []
    written = []
    for rule in config.rules:
        events = merged_events(store, [rule.a, rule.b],
                               list(rule.types) or None, limit=FEED_LENGTH)
        written += [str(p) for p in write_feed_files(config.alerts.feed_dir, rule, events)]
    return written


def poll(store: DuckDBStore, feeds: list[FeedSpec], config: WatchConfig, fetcher: Fetcher,
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
        remerge(store, settings.embedder)
        result.merged = True
    result.new_events = new_events(store, config.rules, config.alerts.channels())
    result.deliveries = deliver(store, config, write)
    result.feed_files = pair_feed_files(store, config)
    return result

"""`bilat watch`: poll feeds and news sitemaps, ingest new articles, merge, alert."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.record import DB_OPTION
from bilat.config import Settings


def watch(
    feeds_file: Annotated[Path | None, typer.Argument(
        help="YAML with feeds:, watch: (pairs and types) and alerts: (see bilat.watch).",
        show_default=False)] = None,
    feed: Annotated[list[str] | None, typer.Option(
        "--feed", help="A feed or sitemap address to poll (repeatable).")] = None,
    pair: Annotated[list[str] | None, typer.Option(
        "--pair", help="Watch a pair, e.g. VN,BE (repeatable); with --type, those types.")
    ] = None,
    type_: Annotated[list[str] | None, typer.Option(
        "--type", help="Event type the --pair pairs are watched for (repeatable).")] = None,
    # text, not a Path: Path("postgresql://…") would fold the address's "//"
    db: Annotated[str | None, DB_OPTION] = None,
    once: Annotated[bool, typer.Option(
        "--once", help="Poll every feed once and exit (for cron and tests).")] = False,
    every: Annotated[float, typer.Option(
        help="Seconds between two polls of a feed (a feed's `every` overrides it).",
        min=10)] = 900.0,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow addresses in private, loopback and link-local ranges."
    )] = False,
    host_delay: Annotated[float, typer.Option(
        help="Seconds between two requests to one host.", min=0)] = 1.0,
    timeout: Annotated[float, typer.Option(
        help="Seconds one fetch may take, redirects and body included.", min=0.1)] = 30.0,
    max_bytes: Annotated[int | None, typer.Option(
        help="Stop reading a page or feed past this many bytes.")] = None,
    max_items: Annotated[int, typer.Option(
        help="Articles fetched per feed per poll (the newest; the rest wait).", min=1)] = 100,
) -> None:
    """Watch feeds: fetch new articles politely, ingest them, merge, and alert on new
    events between watched countries."""
    from bilat.cli.output import err, fail, out, terminal_safe
    from bilat.watch.feeds_file import (
        FeedsFileError,
        FeedSpec,
        WatchConfig,
        check_url,
        load_config,
        parse_rule,
    )
    from bilat.watch.fetch import Fetcher, FetchLimits

    settings = Settings.from_env().with_overrides(
        db_path=db or None, max_input_bytes=max_bytes)
    try:
        config = load_config(feeds_file) if feeds_file else WatchConfig(())
        extra_feeds = [FeedSpec(check_url(u, "--feed")) for u in feed or ()]
        rules = [parse_rule(p, type_, f"--pair {p}") for p in pair or ()]
        if type_ and not pair:
            raise FeedsFileError("--type: applies to the --pair pairs; give --pair too")
    except FeedsFileError as exc:
        fail(str(exc))
    chosen: dict[str, FeedSpec] = {}
    for f in [*config.feeds, *extra_feeds]:
        chosen.setdefault(f.url, f)  # the file's entry (with its `every`) wins
    feeds = list(chosen.values())
    if not feeds:
        fail("nothing to watch: give a feeds file with feeds:, or --feed URL")
    config = WatchConfig(tuple(feeds), tuple(dict.fromkeys([*config.rules, *rules])),
                         config.alerts)
    try:
        limits = FetchLimits(max_bytes=settings.max_input_bytes, timeout=timeout,
                             host_delay=host_delay, allow_private=allow_private)
    except ValueError as exc:
        fail(str(exc))
    fetcher = Fetcher(limits)

    def say(line: str) -> None:
        out().print(terminal_safe(line), soft_wrap=True)  # one line each, for grep

    def report(outcome) -> None:
        console = err()
        if outcome.error:
            console.print(f"[red]failed[/red] {terminal_safe(outcome.error)}", soft_wrap=True)
        for problem in outcome.problems:
            console.print(f"[yellow]item[/yellow] {terminal_safe(problem)}", soft_wrap=True)

    if once:
        failed = _poll_once(feeds, config, fetcher, settings, say, report, max_items)
        if failed:
            raise typer.Exit(1)
        return
    from bilat.store import StoreError
    from bilat.watch.schedule import due_feeds, seconds_to_next

    last: dict[str, datetime] | None = None
    try:
        while True:
            try:
                started = last is None
                if last is None:
                    last = _last_polls(settings, [f.url for f in feeds])
                due = due_feeds(feeds, last, every, _utcnow())
                if started:
                    err().print(f"watching {len(feeds)} feed{'s' if len(feeds) != 1 else ''} "
                                f"({len(due)} due now); Ctrl-C stops", soft_wrap=True)
                if due:
                    _poll_once(due, config, fetcher, settings, say, report, max_items,
                               keep_going=True)
                    last.update({f.url: _utcnow() for f in due})
            except StoreError as exc:
                # another program holding the store (a writer) is waited out, not fatal
                err().print(f"[red]store unavailable[/red] {terminal_safe(str(exc))}; "
                            "retrying at the next poll", soft_wrap=True)
                if last is not None:
                    last.update({f.url: _utcnow() for f in due_feeds(feeds, last, every,
                                                                      _utcnow())})
            time.sleep(seconds_to_next(feeds, last or {}, every, _utcnow(),
                                       least=1.0 if last is not None else every))
    except KeyboardInterrupt:
        err().print("stopped")


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _last_polls(settings: Settings, urls: list[str]) -> dict[str, datetime]:
    """When each feed was last polled, so a restart waits out what is not due yet."""
    from bilat.store import open_store
    from bilat.store.watch_state import last_polls

    store = open_store(settings.db_path)
    try:
        return last_polls(store, urls)
    finally:
        store.close()


def _poll_once(feeds, config, fetcher, settings: Settings, say, report, max_items: int,
               keep_going: bool = False) -> bool:
    """One poll with the store open only meanwhile (between polls other commands may use
    it); one summary line. True when a feed or an alert channel failed."""
    from bilat.cli.output import err, fail, out, terminal_safe
    from bilat.store import StoreError, open_store
    from bilat.store.errors import redact
    from bilat.watch.poll import poll

    try:
        store = open_store(settings.db_path)
    except StoreError as exc:
        if keep_going:
            raise
        fail(str(exc))
    try:
        result = poll(store, feeds, config, fetcher, settings, write=say, max_items=max_items,
                      report=report)
    finally:
        store.close()
    for delivery in result.deliveries:
        if delivery.error:
            err().print(f"[red]alert not sent[/red] {terminal_safe(delivery.error)}",
                        soft_wrap=True)
    s = result.ingest
    failed_feeds = sum(1 for f in result.feeds if f.error)
    pages = sum(f.fetched for f in result.feeds)
    line = (
        f"polled {len(result.feeds)} feed{'s' if len(result.feeds) != 1 else ''} "
        f"({failed_feeds} failed), fetched {pages} page{'s' if pages != 1 else ''}, "
        f"stored {s.stored} ({s.events} events), {len(result.new_events)} new watched "
        f"event{'s' if len(result.new_events) != 1 else ''} -> "
        f"{terminal_safe(redact(settings.db_path))}")
    out().print(line, soft_wrap=True)
    return bool(result.errors)


def register(app: typer.Typer) -> None:
    app.command("watch")(watch)

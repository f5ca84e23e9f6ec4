"""Alert channels: console (a line per new merged event), webhook (a POST of each event's
JSON), e-mail (one digest message per poll listing every new event) and, per watched pair, an
Atom and a JSON Feed file of the pair's latest events (built by know.pair_feeds, which
`bilat serve` publishes too).

Which events are new and which alerts are sent is the store's (store/watch_state.py): an
alert is queued once per merged event and channel and marked sent when the channel took it,
so a channel that fails is retried at the next poll and nothing is sent twice (a crash
between sending and marking can repeat that one alert: at least once, never silently lost).
"""

from __future__ import annotations

import json
import os
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from bilat.know.pair_feeds import FeedMeta, atom_feed, json_feed, payload
from bilat.watch.feeds_file import AlertConfig, EmailConfig, WatchRule

WEBHOOK_TIMEOUT = 15.0
SMTP_TIMEOUT = 30.0

Event = dict[str, Any]


@dataclass
class Delivery:
    channel: str
    sent: list[str] = field(default_factory=list)  # merged ids
    error: str | None = None


def describe(event: Event) -> str:
    """One line: type, actors, date, status, source count, evidence."""
    when = event.get("date_start") or "undated"
    if event.get("date_end"):
        when += f"..{event['date_end']}"
    n = event.get("source_count") or len(event.get("sources") or ())
    evidence = " ".join(str(event.get("evidence") or "").split())
    if len(evidence) > 200:
        evidence = evidence[:199] + "…"
    return (f"{event['type']} {'-'.join(event.get('actors') or ())} {when} "
            f"({event.get('status') or 'unknown'}, {n} source{'s' if n != 1 else ''}): "
            f"{evidence}")


# -- channels: each takes the events to alert, returns which were taken -------------------------

def send_console(events: list[Event], write: Callable[[str], None]) -> Delivery:
    for ev in events:
        write(f"new {describe(ev)} [{ev['id']}]")
    return Delivery("console", [ev["id"] for ev in events])


def send_webhook(events: list[Event], url: str) -> Delivery:
    """POST each event's JSON; the first failure stops (the rest are retried next poll)."""
    done = Delivery("webhook")
    for ev in events:
        body = json.dumps(payload(ev), ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json", "User-Agent": "bilat-watch"})
        try:
            with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as resp:
                resp.read(65536)
        except urllib.error.HTTPError as exc:
            done.error = f"webhook {url}: HTTP {exc.code}"
            return done
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            done.error = f"webhook {url}: {reason}"
            return done
        done.sent.append(ev["id"])
    return done


def digest(events: list[Event], config: EmailConfig) -> EmailMessage:
    msg = EmailMessage()
    n = len(events)
    first = describe(events[0]).split(":", 1)[0]
    msg["Subject"] = (f"bilat: {first}" if n == 1
                      else f"bilat: {n} new events ({first}, …)")
    msg["From"] = config.sender
    msg["To"] = ", ".join(config.to)
    lines = [f"{n} new event{'s' if n != 1 else ''} between watched countries:", ""]
    for ev in events:
        lines.append(describe(ev))
        lines += [f"    {s.get('url') or s.get('doc')}" for s in ev.get("sources") or ()]
        lines.append(f"    id {ev['id']}")
        lines.append("")
    msg.set_content("\n".join(lines))
    return msg


def send_email(events: list[Event], config: EmailConfig) -> Delivery:
    """One digest message for all of this poll's events: all are taken, or none."""
    done = Delivery("email")
    try:
        password = None
        if config.user:
            password = os.environ.get(config.password_env or "", "")
            if not password:
                raise ValueError(f"the password variable {config.password_env or '(unset)'} "
                                 "is empty")
        with smtplib.SMTP(config.host, config.port, timeout=SMTP_TIMEOUT) as smtp:
            if config.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if config.user:
                smtp.login(config.user, password or "")
            smtp.send_message(digest(events, config))
    except (OSError, smtplib.SMTPException, ValueError) as exc:
        done.error = f"e-mail via {config.host}:{config.port}: {exc}"
        return done
    done.sent = [ev["id"] for ev in events]
    return done


# -- pair feed files ----------------------------------------------------------------------------

def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a reader never sees half a feed."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_feed_files(feed_dir: Path, rule: WatchRule, events: list[Event],
                     now: datetime | None = None,
                     changed: Mapping[str, str] | None = None) -> list[Path]:
    """`<A>-<B>.xml` (Atom) and `<A>-<B>.json` (JSON Feed) of the pair's latest events
    (given oldest first); `changed`: each merged id's last change (store.changes)."""
    feed_dir.mkdir(parents=True, exist_ok=True)
    now = now or datetime.now(UTC)
    meta = FeedMeta(feed_id=f"urn:bilat:watch:{rule.name}",
                    title=f"bilat: {rule.a}-{rule.b}" + (
                        f" ({', '.join(rule.types)})" if rule.types else ""),
                    updated=now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    newest = list(reversed(events))
    atom, jsonf = feed_dir / f"{rule.name}.xml", feed_dir / f"{rule.name}.json"
    _write(atom, atom_feed(meta, newest, changed))
    _write(jsonf, json_feed(meta, newest, changed))
    return [atom, jsonf]


def channel_senders(config: AlertConfig, write: Callable[[str], None]
                    ) -> dict[str, Callable[[list[Event]], Delivery]]:
    """Each configured channel's sender."""
    senders: dict[str, Callable[[list[Event]], Delivery]] = {}
    if config.console:
        senders["console"] = lambda evs: send_console(evs, write)
    if config.webhook:
        hook = config.webhook
        senders["webhook"] = lambda evs: send_webhook(evs, hook)
    if config.email:
        mail = config.email
        senders["email"] = lambda evs: send_email(evs, mail)
    return senders

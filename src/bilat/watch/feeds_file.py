"""The feeds file: which feeds to poll, which pairs and event types to watch, where alerts go.

    feeds:
      - url: https://example.org/world.rss
        every: 600                 # seconds; optional, else --every
      - https://example.org/news-sitemap.xml
    watch:
      - pair: [VN, Belgium]        # codes or names, in any language bilat knows
        types: [VISIT, AGREEMENT]  # optional: every type
    alerts:
      console: true
      webhook: https://hooks.example.org/bilat
      email: {host: smtp.example.org, port: 587, from: a@example.org, to: [b@example.org],
              starttls: true, user: a, password_env: BILAT_SMTP_PASSWORD}
      feed_dir: alerts/            # relative to the feeds file

Every mistake is one FeedsFileError naming the file, the entry and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

MIN_EVERY = 10.0  # seconds: polling a feed faster than this is not polite


class FeedsFileError(ValueError):
    """A feeds file (or --feed/--pair value) that cannot be used; str() says where and why."""


@dataclass(frozen=True)
class FeedSpec:
    url: str
    every: float | None = None  # seconds between polls; None: the command's --every


@dataclass(frozen=True)
class WatchRule:
    a: str  # country or organisation codes, as bilat stores them
    b: str
    types: tuple[str, ...] = ()  # empty: every event type

    @property
    def name(self) -> str:
        return f"{self.a}-{self.b}"

    def matches(self, actors: list[str] | tuple[str, ...], event_type: str) -> bool:
        return (self.a in actors and self.b in actors
                and (not self.types or event_type in self.types))


@dataclass(frozen=True)
class EmailConfig:
    host: str
    port: int
    sender: str
    to: tuple[str, ...]
    starttls: bool = False
    user: str | None = None
    password_env: str | None = None  # the environment variable holding the password


@dataclass(frozen=True)
class AlertConfig:
    console: bool = True
    webhook: str | None = None
    email: EmailConfig | None = None
    feed_dir: Path | None = None

    def channels(self) -> list[str]:
        """The channels that send one alert per event, each remembered in the store."""
        names = ["console"] if self.console else []
        names += ["webhook"] if self.webhook else []
        names += ["email"] if self.email else []
        return names


@dataclass(frozen=True)
class WatchConfig:
    feeds: tuple[FeedSpec, ...]
    rules: tuple[WatchRule, ...] = ()
    alerts: AlertConfig = field(default_factory=AlertConfig)


def check_url(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FeedsFileError(f"{where}: an address is needed, not {value!r}")
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedsFileError(f"{where}: {url!r} is not an http or https address")
    return url


def _every(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FeedsFileError(f"{where}: every must be a number of seconds, not {value!r}")
    if value < MIN_EVERY:
        raise FeedsFileError(f"{where}: every {value} s is too often (at least {MIN_EVERY:g})")
    return float(value)


def parse_rule(pair: object, types: object, where: str) -> WatchRule:
    """A watched pair (two codes or names) and its event types, checked."""
    from bilat.analysis.gazetteer import resolve_country
    from bilat.extract.steps.decide import PLOVER

    if isinstance(pair, str):  # "VN,BE", or "VN-BE" (names may hold a hyphen: commas first)
        pair = [p for p in pair.split("," if "," in pair else "-") if p.strip()]
    if not isinstance(pair, list | tuple) or len(pair) != 2:
        raise FeedsFileError(f"{where}: pair must name two countries, as [VN, BE], not "
                             f"{pair!r}")
    codes = []
    for name in pair:
        code = resolve_country(str(name)) if isinstance(name, str | int) else None
        if code is None:
            raise FeedsFileError(f"{where}: {name!r} is no country or organisation bilat knows")
        codes.append(code)
    if codes[0] == codes[1]:
        raise FeedsFileError(f"{where}: a pair needs two different countries, not {pair!r}")
    if types is None:
        types = []
    if isinstance(types, str):
        types = [types]
    if not isinstance(types, list):
        raise FeedsFileError(f"{where}: types must be a list of event types, not {types!r}")
    checked = []
    for t in types:
        name = str(t).strip().upper()
        if name not in PLOVER:
            raise FeedsFileError(f"{where}: {t!r} is no event type (one of "
                                 f"{', '.join(sorted(PLOVER))})")
        checked.append(name)
    return WatchRule(codes[0], codes[1], tuple(dict.fromkeys(checked)))


def _email(value: object, where: str) -> EmailConfig:
    if not isinstance(value, dict):
        raise FeedsFileError(f"{where}: must be a mapping with host, port, from and to")
    unknown = set(value) - {"host", "port", "from", "to", "starttls", "user", "password_env"}
    if unknown:
        raise FeedsFileError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    for key in ("host", "from", "to"):
        if not value.get(key):
            raise FeedsFileError(f"{where}.{key}: missing")
    port = value.get("port", 25)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise FeedsFileError(f"{where}.port: a port number is needed, not {port!r}")
    to = value["to"]
    to = [to] if isinstance(to, str) else to
    if not isinstance(to, list) or not all(isinstance(t, str) and "@" in t for t in to):
        raise FeedsFileError(f"{where}.to: one address or a list of addresses, not {to!r}")
    if not isinstance(value["from"], str) or "@" not in value["from"]:
        raise FeedsFileError(f"{where}.from: an e-mail address is needed")
    return EmailConfig(str(value["host"]), port, value["from"], tuple(to),
                       bool(value.get("starttls", False)), value.get("user"),
                       value.get("password_env"))


def _alerts(value: object, base: Path) -> AlertConfig:
    if value is None:
        return AlertConfig()
    if not isinstance(value, dict):
        raise FeedsFileError("alerts: must be a mapping (console, webhook, email, feed_dir)")
    unknown = set(value) - {"console", "webhook", "email", "feed_dir"}
    if unknown:
        raise FeedsFileError(f"alerts: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    console = value.get("console", True)
    if not isinstance(console, bool):
        raise FeedsFileError(f"alerts.console: true or false, not {console!r}")
    webhook = check_url(value["webhook"], "alerts.webhook") if value.get("webhook") else None
    email = _email(value["email"], "alerts.email") if value.get("email") else None
    feed_dir = None
    if value.get("feed_dir"):
        if not isinstance(value["feed_dir"], str):
            raise FeedsFileError("alerts.feed_dir: a directory path is needed")
        feed_dir = Path(value["feed_dir"]).expanduser()
        if not feed_dir.is_absolute():
            feed_dir = base / feed_dir
    return AlertConfig(console, webhook, email, feed_dir)


def parse_config(data: object, base: Path, source: str = "feeds file") -> WatchConfig:
    """A WatchConfig from the YAML's data; relative paths are taken from `base`."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FeedsFileError(f"{source}: must be a mapping with feeds, watch and alerts")
    try:
        unknown = set(data) - {"feeds", "watch", "alerts"}
        if unknown:
            raise FeedsFileError(f"unknown key(s) {', '.join(sorted(map(str, unknown)))} "
                                 "(feeds, watch, alerts)")
        raw_feeds = data.get("feeds") or []
        if not isinstance(raw_feeds, list):
            raise FeedsFileError("feeds: must be a list")
        feeds = []
        for n, entry in enumerate(raw_feeds, start=1):
            where = f"feeds[{n}]"
            if isinstance(entry, str):
                entry = {"url": entry}
            if not isinstance(entry, dict):
                raise FeedsFileError(f"{where}: an address or a mapping with url and every")
            extra = set(entry) - {"url", "every"}
            if extra:
                raise FeedsFileError(f"{where}: unknown key(s) "
                                     f"{', '.join(sorted(map(str, extra)))}")
            feeds.append(FeedSpec(check_url(entry.get("url"), f"{where}.url"),
                                  _every(entry.get("every"), f"{where}.every")))
        raw_rules = data.get("watch") or []
        if not isinstance(raw_rules, list):
            raise FeedsFileError("watch: must be a list of {pair, types}")
        rules = []
        for n, entry in enumerate(raw_rules, start=1):
            where = f"watch[{n}]"
            if not isinstance(entry, dict) or "pair" not in entry:
                raise FeedsFileError(f"{where}: a mapping with pair (and types) is needed")
            rules.append(parse_rule(entry["pair"], entry.get("types"), where))
        return WatchConfig(tuple(_dedupe_feeds(feeds)), tuple(dict.fromkeys(rules)),
                           _alerts(data.get("alerts"), base))
    except FeedsFileError as exc:
        raise FeedsFileError(f"{source}: {exc}") from None


def _dedupe_feeds(feeds: list[FeedSpec]) -> list[FeedSpec]:
    out: dict[str, FeedSpec] = {}
    for f in feeds:
        out.setdefault(f.url, f)
    return list(out.values())


def load_config(path: Path) -> WatchConfig:
    """Read and check a feeds file."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FeedsFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise FeedsFileError(f"{path}: not UTF-8 text") from None
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FeedsFileError(f"{path}: not valid YAML ({' '.join(str(exc).split())})"[:400]
                             ) from None
    return parse_config(data, path.parent, str(path))

"""Polite HTTP GET: robots.txt obeyed, one request per host every `host_delay` seconds (or the
site's Crawl-delay when longer), conditional GET, a size and a time limit per fetch, redirects
followed up to a small limit with every hop's addresses checked (watch.addresses).

http.client, not urllib: the connection goes to the very address that was checked, each
redirect is seen before it is followed, and the body is read in chunks against both limits.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bilat import __version__
from bilat.watch.addresses import BlockedAddress, resolve

USER_AGENT = f"bilat/{__version__} (news watcher; obeys robots.txt as bilat)"
ROBOTS_AGENT = "bilat"  # the name robots.txt rules address
_REDIRECTS = {301, 302, 303, 307, 308}
_ROBOTS_MAX_BYTES = 512 * 1024
_ROBOTS_TTL = 3600.0  # seconds a site's robots.txt is trusted before it is read again
_ROBOTS_RETRY = 300.0  # ... and one that could not be read, before it is tried again
_MAX_CRAWL_DELAY = 60.0  # a site asking for more is still polled, at this pace


class FetchError(Exception):
    """A fetch that failed; str() is 'URL: reason'."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


class Disallowed(FetchError):
    """robots.txt asks bilat not to fetch this address."""


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int  # Settings.max_input_bytes: reading stops past it
    timeout: float = 30.0  # seconds for one fetch, redirects and body included
    max_redirects: int = 5
    host_delay: float = 1.0  # seconds between two requests to one host
    allow_private: bool = False
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        for name in ("max_bytes", "timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)!r}")
        if self.max_redirects < 0 or self.host_delay < 0:
            raise ValueError("max_redirects and host_delay cannot be negative")


@dataclass(frozen=True)
class Response:
    url: str  # the address that answered, after redirects
    status: int  # 200, or 304 when the validators sent still hold
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


Validators = Callable[[str], tuple[str | None, str | None]]


def _no_validators(url: str) -> tuple[str | None, str | None]:
    return None, None


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: the whole site is off limits
    read_at: float
    why: str = ""


@dataclass
class Fetcher:
    """One per watch process: it remembers each host's last request and robots.txt."""

    limits: FetchLimits
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, _Robots] = field(default_factory=dict)

    def get(self, url: str, validators: Validators = _no_validators) -> Response:
        """GET `url` after robots.txt allows it; `validators(address)` gives the ETag and
        Last-Modified remembered for an address (each hop is asked). Raises FetchError
        (Disallowed for robots.txt) naming the URL and the reason."""
        deadline = self.clock() + self.limits.timeout
        seen = [url]
        current = url
        while True:
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise FetchError(url, "not an http or https address" + (
                    f" (redirected to {current})" if current != url else ""))
            self._check_robots(current, deadline)
            etag, modified = validators(current)
            status, headers, body = self._request(current, deadline, etag, modified)
            if status in _REDIRECTS:
                target = headers.get("location")
                if not target:
                    raise FetchError(url, f"HTTP {status} redirect without a Location")
                target = urljoin(current, target.strip())
                if target in seen:
                    chain = " -> ".join([*seen[seen.index(target):], target])
                    raise FetchError(url, f"redirect loop ({chain})")
                if len(seen) > self.limits.max_redirects:
                    raise FetchError(url, f"more than {self.limits.max_redirects} redirects")
                seen.append(target)
                current = target
                continue
            if status == 304 and (etag or modified):
                return Response(current, 304, etag=headers.get("etag") or etag,
                                last_modified=headers.get("last-modified") or modified)
            if status != 200:
                raise FetchError(url, f"HTTP {status}" + (f" (via {current})"
                                                         if current != url else ""))
            if headers.get("content-encoding", "identity").lower() in ("gzip", "x-gzip"):
                from bilat.errors import BadInput
                from bilat.readers.gzip import gunzip

                try:
                    body = gunzip(body, self.limits.max_bytes)
                except BadInput as exc:
                    raise FetchError(url, f"gzip body: {exc}") from None
            return Response(current, 200, body, headers.get("etag"),
                            headers.get("last-modified"), headers.get("content-type"))

    # -- robots.txt -------------------------------------------------------------------------
    def _check_robots(self, url: str, deadline: float) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        entry = self._robots.get(origin)
        ttl = _ROBOTS_TTL if entry is None or entry.parser else _ROBOTS_RETRY
        if entry is None or self.clock() - entry.read_at > ttl:
            try:
                entry = self._read_robots(origin, deadline)
            except FetchError as exc:  # a refused address: named for the URL asked for
                raise FetchError(url, exc.reason) from exc.__cause__
            self._robots[origin] = entry
        if entry.parser is None:
            raise Disallowed(url, f"robots.txt of {origin} could not be read ({entry.why}); "
                                  "the site is left alone until it can")
        if not entry.parser.can_fetch(ROBOTS_AGENT, url):
            raise Disallowed(url, f"disallowed by {origin}/robots.txt")

    def _read_robots(self, origin: str, deadline: float) -> _Robots:
        """RFC 9309: a 4xx means no rules (all allowed); a 5xx or no answer means the site
        cannot say, so nothing of it is fetched."""
        url = origin + "/robots.txt"
        try:
            current = url
            status, headers, body = self._request(current, deadline, None, None,
                                                  _ROBOTS_MAX_BYTES)
            hops = 0
            while status in _REDIRECTS and headers.get("location"):
                # robots.txt may redirect (http -> https); its rules are the target's. Past
                # the redirect limit it is as good as absent (RFC 9309: no rules)
                hops += 1
                if hops > self.limits.max_redirects:
                    status = 404
                    break
                current = urljoin(current, headers["location"].strip())
                status, headers, body = self._request(current, deadline, None, None,
                                                      _ROBOTS_MAX_BYTES)
        except FetchError as exc:
            if isinstance(exc.__cause__, BlockedAddress):
                raise
            return _Robots(None, self.clock(), exc.reason)
        parser = urllib.robotparser.RobotFileParser(url)
        if 400 <= status < 500:
            parser.parse([])
        elif status == 200:
            parser.parse(body.decode("utf-8", "replace").splitlines())
        else:
            return _Robots(None, self.clock(), f"HTTP {status}")
        return _Robots(parser, self.clock())

    def _delay(self, origin: str) -> float:
        entry = self._robots.get(origin)
        asked = entry.parser.crawl_delay(ROBOTS_AGENT) if entry and entry.parser else None
        return max(self.limits.host_delay, min(float(asked or 0), _MAX_CRAWL_DELAY))

    # -- one request ------------------------------------------------------------------------
    def _request(self, url: str, deadline: float, etag: str | None, modified: str | None,
                 max_bytes: int | None = None) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "not an http or https address")
        try:
            host = parts.hostname.encode("idna").decode("ascii")  # the Host header is ASCII
        except UnicodeError:
            raise FetchError(url, f"{parts.hostname!r} is no valid host name") from None
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchError(url, "the port is not a number from 0 to 65535") from None
        self._wait(f"{parts.scheme}://{parts.netloc}", host)
        try:
            addresses = resolve(host, port, self.limits.allow_private)
        except BlockedAddress as exc:
            raise FetchError(url, str(exc)) from exc
        except OSError as exc:
            raise FetchError(url, f"cannot resolve {host} ({exc.strerror or exc})") from None
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        headers = {"User-Agent": self.limits.user_agent, "Accept-Encoding": "identity",
                   "Accept": "*/*", "Connection": "close"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        limit = self.limits.max_bytes if max_bytes is None else max_bytes
        conn = self._connect(url, parts.scheme, host, port, addresses, deadline)
        # per-read timeouts alone let a server that drips a byte at a time run on for ever:
        # at the deadline the socket is shut, whatever read is waiting
        expired = threading.Event()
        watchdog = threading.Timer(max(0.0, deadline - self.clock()), _shut, (conn, expired))
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            got = {k.lower(): v for k, v in resp.getheaders()}
            body = b""
            if resp.status == 200:
                body = self._read_body(url, resp, conn, deadline, limit, got)
            return resp.status, got, body
        except TimeoutError:
            raise FetchError(url, f"took longer than the {self.limits.timeout:g} s limit"
                             ) from None
        except (OSError, http.client.HTTPException) as exc:
            if expired.is_set():
                raise FetchError(url, f"took longer than the {self.limits.timeout:g} s "
                                      "limit") from None
            detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise FetchError(url, f"connection failed ({detail})") from None
        finally:
            watchdog.cancel()
            conn.close()
            self._last[host] = self.clock()

    def _wait(self, origin: str, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = last + self._delay(origin) - self.clock()
            if pause > 0:
                self.sleep(pause)

    def _connect(self, url: str, scheme: str, host: str, port: int, addresses: list[str],
                 deadline: float) -> http.client.HTTPConnection:
        remaining = deadline - self.clock()
        if remaining <= 0:
            raise FetchError(url, f"took longer than the {self.limits.timeout:g} s limit")
        failure: OSError | None = None
        for addr in addresses:
            conn: http.client.HTTPConnection
            if scheme == "https":
                conn = _PinnedHTTPS(host, port, addr, remaining, ssl.create_default_context())
            else:
                conn = _PinnedHTTP(host, port, addr, remaining)
            try:
                conn.connect()
                return conn
            except TimeoutError:
                raise FetchError(url, f"took longer than the {self.limits.timeout:g} s limit"
                                 ) from None
            except OSError as exc:
                failure = exc
                conn.close()
        detail = (failure.strerror or str(failure)) if failure else "no address"
        raise FetchError(url, f"cannot connect to {host}:{port} ({detail})")

    def _read_body(self, url: str, resp: http.client.HTTPResponse,
                   conn: http.client.HTTPConnection, deadline: float, limit: int,
                   headers: dict[str, str]) -> bytes:
        declared = headers.get("content-length", "")
        if declared.strip().isdigit() and int(declared) > limit:
            raise FetchError(url, f"{int(declared)} bytes, larger than the {limit}-byte limit "
                                  "(not read)")
        chunks: list[bytes] = []
        size = 0
        while True:
            remaining = deadline - self.clock()
            if remaining <= 0:
                raise FetchError(url, f"took longer than the {self.limits.timeout:g} s "
                                      "limit")
            if conn.sock is not None:
                conn.sock.settimeout(remaining)
            chunk = resp.read1(65536)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"larger than the {limit}-byte limit (stopped reading "
                                      f"at {size} bytes)")
            chunks.append(chunk)


def _shut(conn: http.client.HTTPConnection, expired: threading.Event) -> None:
    expired.set()
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address checked, whatever a second DNS answer would say."""

    def __init__(self, host: str, port: int, addr: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._addr = addr

    def connect(self) -> None:
        self.sock = socket.create_connection((self._addr, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, addr: str, timeout: float,
                 context: ssl.SSLContext):
        super().__init__(host, port, timeout=timeout, context=context)
        self._addr = addr

    def connect(self) -> None:
        sock = socket.create_connection((self._addr, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)

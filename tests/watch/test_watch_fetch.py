"""Polite fetching against a real local server: conditional GET, robots.txt, redirects,
limits, and no private addresses unless allowed."""

from __future__ import annotations

import time

import pytest
from local_site import Site

from bilat.watch.fetch import Disallowed, Fetcher, FetchError, FetchLimits


def fetcher(**kw: object) -> Fetcher:
    limits = {"max_bytes": 200_000, "timeout": 5.0, "host_delay": 0.0, "allow_private": True}
    limits.update(kw)
    return Fetcher(FetchLimits(**limits))  # type: ignore[arg-type]


def test_etag_makes_the_second_fetch_a_304(site: Site):
    site.put("/feed.xml", "<rss>one</rss>", content_type="application/rss+xml")
    f = fetcher()
    first = f.get(site.url("/feed.xml"))
    assert first.status == 200 and first.body == b"<rss>one</rss>" and first.etag
    remembered = {first.url: (first.etag, first.last_modified)}
    second = f.get(site.url("/feed.xml"), lambda u: remembered.get(u, (None, None)))
    assert second.not_modified and second.body == b""
    assert site.full["/feed.xml"] == 1 and site.requests["/feed.xml"] == 2
    site.put("/feed.xml", "<rss>two</rss>")  # changed: a new ETag, a full answer
    third = f.get(site.url("/feed.xml"), lambda u: remembered.get(u, (None, None)))
    assert third.status == 200 and third.body == b"<rss>two</rss>"
    assert site.full["/feed.xml"] == 2


def test_last_modified_alone_is_used_too(site: Site):
    stamp = "Fri, 20 Nov 2026 08:00:00 GMT"
    site.put("/page.html", "<p>x</p>", etag=False, last_modified=stamp)
    f = fetcher()
    first = f.get(site.url("/page.html"))
    assert first.last_modified == stamp and first.etag is None
    again = f.get(site.url("/page.html"), lambda u: (None, stamp))
    assert again.not_modified and site.full["/page.html"] == 1


def test_robots_txt_is_obeyed_and_the_user_agent_names_bilat(site: Site):
    site.put("/private/secret.html", "<p>no</p>")
    f = fetcher()
    with pytest.raises(Disallowed, match=r"secret.html: disallowed by http://127\.0\.0\.1:\d+"
                                         r"/robots.txt"):
        f.get(site.url("/private/secret.html"))
    assert site.requests["/private/secret.html"] == 0
    site.put("/open.html", "<p>yes</p>")
    assert f.get(site.url("/open.html")).status == 200
    assert site.requests["/robots.txt"] == 1  # read once per site
    assert all(agent.startswith("bilat/") for agent in site.agents)


def test_a_site_whose_robots_txt_fails_is_left_alone(site: Site):
    site.put("/robots.txt", status=503)
    site.put("/news.html", "<p>x</p>")
    with pytest.raises(Disallowed, match=r"robots.txt of .* could not be read \(HTTP 503\)"):
        fetcher().get(site.url("/news.html"))
    site.put("/robots.txt", status=404)  # no robots.txt: everything is allowed
    assert fetcher().get(site.url("/news.html")).status == 200


def test_redirects_are_followed_up_to_a_limit_and_a_loop_is_named(site: Site):
    site.put("/old", status=301, location="/new")
    site.put("/new", "<p>moved</p>")
    got = fetcher().get(site.url("/old"))
    assert got.url == site.url("/new") and got.body == b"<p>moved</p>"
    site.put("/a", status=302, location="/b")
    site.put("/b", status=302, location=site.url("/a"))
    with pytest.raises(FetchError) as caught:
        fetcher().get(site.url("/a"))
    assert str(caught.value).startswith(site.url("/a") + ": redirect loop (")
    for n in range(8):
        site.put(f"/hop{n}", status=307, location=f"/hop{n + 1}")
    with pytest.raises(FetchError, match=r"more than 5 redirects"):
        fetcher().get(site.url("/hop0"))


def test_a_redirect_to_a_private_address_is_checked_too(site: Site):
    site.put("/out", status=302, location=site.url("/in"))
    f = fetcher(allow_private=False)
    with pytest.raises(FetchError, match=r"127\.0\.0\.1, a loopback address \(--allow-private"):
        f.get(site.url("/out"))
    assert site.requests["/out"] == 0  # refused before any connection


def test_a_huge_page_stops_being_read_at_the_limit(site: Site):
    site.put("/endless.html", stream=5_000_000)
    with pytest.raises(FetchError, match=r"larger than the 200000-byte limit \(stopped reading"):
        fetcher().get(site.url("/endless.html"))
    site.put("/big.html", b"x" * 300_000)  # declared too large: not read at all
    with pytest.raises(FetchError, match=r"300000 bytes, larger than the 200000-byte limit"):
        fetcher().get(site.url("/big.html"))


def test_a_slow_server_times_out(site: Site):
    site.put("/slow.xml", "<rss/>", delay=8.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"slow.xml: took longer than the 1 s limit"):
        fetcher(timeout=1.0).get(site.url("/slow.xml"))
    assert time.monotonic() - started < 5.0  # well before the server would answer


def test_a_page_dripping_a_byte_at_a_time_is_cut_at_the_limit(site: Site):
    site.put("/drip.html", "<p>" + "x" * 40 + "</p>", drip=0.2)  # 9 s in all
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"drip.html: took longer than the 1 s limit"):
        fetcher(timeout=1.0).get(site.url("/drip.html"))
    assert time.monotonic() - started < 5.0


def test_http_errors_and_bad_addresses_are_named(site: Site):
    site.put("/broken.xml", status=500)
    with pytest.raises(FetchError, match=r"broken.xml: HTTP 500"):
        fetcher().get(site.url("/broken.xml"))
    with pytest.raises(FetchError, match=r"not an http or https address"):
        fetcher().get("file:///etc/passwd")


def test_requests_to_one_host_are_spaced(site: Site):
    site.put("/p.html", "<p>x</p>")
    f = fetcher(host_delay=0.4)
    f.get(site.url("/p.html"))
    started = time.monotonic()
    f.get(site.url("/p.html"))
    f.get(site.url("/p.html"))
    assert time.monotonic() - started >= 0.75


def test_a_redirect_to_another_scheme_is_refused(site: Site):
    site.put("/to-file", status=302, location="file:///etc/passwd")
    with pytest.raises(FetchError, match=r"to-file: not an http or https address \(redirected "
                                         r"to file:///etc/passwd\)"):
        fetcher().get(site.url("/to-file"))

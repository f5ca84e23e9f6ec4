"""Article text is data, never markup: hostile titles, addresses and sentences in a real store
come out of the Markdown and HTML dossiers and timelines as inert text (issue #8)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from bilat.cli import app

# Written for these tests: each record tells a real bilateral event, so the store holds events
# whose evidence, title and address carry the payloads.
TITLE = "<script>window.__pwned=1</script>[/bold][link=http://evil]x[/link]\x1b[31m"
SAFE_URL = "https://news.example.org/ties_(2023)?a=1&b=<2>|3"
RECORDS = [
    {"id": "pact-2023", "url": "javascript:alert(1)", "published": "2023-05-06",
     "language": "en", "title": TITLE,
     "text": "Belgian Prime Minister Jan Peeters paid an official visit to Vietnam from 5 to 7 "
             "May 2023 and held talks with Vietnamese Prime Minister Lan Tran in Hanoi. "
             "<img src=x onerror=window.__pwned=1> [/bold] \x1b[2J\u202e\x9b\n\n"
             "Vietnam and Belgium signed an agreement on education in Hanoi on 5 May 2023 "
             "<script>window.__pwned=2</script> [link=http://evil]y[/link] "
             "[z](javascript:window.__pwned=5) *loud* _quiet_ | `tick` "
             "![i](http://evil/i.png)."},
    {"id": "talks-2023", "url": " JaVaScRiPt:window.__pwned=3", "published": "2023-06-13",
     "language": "en", "title": "# Consultations `x` | y",
     "text": "Vietnam and Belgium held political consultations in Brussels on 12 June 2023. "
             "<b onmouseover=window.__pwned=6>x</b>"},
    {"id": "ties-2023", "url": SAFE_URL, "published": "2023-09-21", "language": "en",
     "title": "Ties grow",
     "text": "Vietnamese Prime Minister Lan Tran paid an official visit to Belgium on "
             "20 September 2023."},
]


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def db(tmp_path_factory, ingest_records) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    store, output = ingest_records(folder, RECORDS)
    assert "stored 3" in output
    return store


def _render(db: Path, command: str, fmt: str) -> str:
    r = run(command, "VN", "BE", "--db", str(db), "--format", fmt)
    assert r.exit_code == 0, r.output
    return r.stdout


class _Page(HTMLParser):
    """Every tag, every href and every event-handler attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name == "href":
                self.hrefs.append(value or "")
            if name.startswith("on"):
                self.handlers.append(name)


def _parse(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    return parsed


def _assert_inert_html(page: str) -> _Page:
    parsed = _parse(page)
    assert not re.search(r'href="\s*javascript:', page, re.I)
    # links go to the page itself or to http(s) addresses, nowhere else
    assert all(h.startswith("#") or re.match(r"https?://", h) for h in parsed.hrefs), \
        parsed.hrefs
    assert not {"script", "img", "b"} & set(parsed.tags)
    assert not parsed.handlers
    assert "\x1b" not in page and "\x9b" not in page and "\u202e" not in page
    # the article's words are still there, as text
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in page
    return parsed


@pytest.mark.parametrize("command", ["dossier", "timeline"])
def test_html_links_only_http_and_escapes_article_text(db, command):
    page = _render(db, command, "html")
    parsed = _assert_inert_html(page)
    # an http(s) address is still a link, its characters escaped inside the attribute
    assert 'href="https://news.example.org/ties_(2023)?a=1&amp;b=&lt;2&gt;|3"' in page
    assert any(h == SAFE_URL for h in parsed.hrefs)
    assert "javascript:alert(1)" not in parsed.hrefs


def _markdown_html(text: str) -> str:
    """The Markdown as a CommonMark renderer with tables and raw HTML on would show it."""
    return MarkdownIt("commonmark").enable("table").render(text)


def _md_tables(rendered: str) -> list[list[int]]:
    """Cells per row of every table, header included."""
    tables = re.findall(r"<table>(.*?)</table>", rendered, re.S)
    return [[len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", t, re.S)]
            for t in tables]


@pytest.mark.parametrize("command", ["dossier", "timeline"])
def test_markdown_escapes_article_text_and_links_only_http(db, command):
    text = _render(db, command, "md")
    assert "<script" not in text and "<img" not in text and "<b " not in text
    assert "](javascript:" not in text.lower() and "<javascript:" not in text.lower()
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    rendered = _markdown_html(text)
    parsed = _assert_inert_html(rendered)
    assert SAFE_URL.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C") \
        .replace("(", "%28").replace(")", "%29") in parsed.hrefs
    # no emphasis, image or code made from article text: code spans hold document ids only
    assert "img" not in parsed.tags
    assert "<em>loud</em>" not in rendered and "<em>quiet</em>" not in rendered
    assert "*loud* _quiet_" in re.sub(r"<[^>]+>", "", rendered)
    assert set(re.findall(r"<code>(.*?)</code>", rendered)) <= {r["id"] for r in RECORDS}
    assert "*loud* _quiet_ | `tick`" in re.sub(r"\\(.)", r"\1", text)
    # a pipe in the text splits no cell: every row has its header's cells
    for table in _md_tables(rendered):
        assert len(set(table)) == 1, table


def test_markdown_sources_table_shows_the_hostile_title_as_text(db):
    text = _render(db, "dossier", "md")
    rendered = _markdown_html(text)
    sources = rendered[rendered.index("<h2>Sources</h2>"):]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;[/bold][link=http://evil]x[/link]" \
        in sources
    assert "# Consultations `x` | y" in re.sub(r"<[^>]+>", "", sources).replace("&amp;", "&")
    # the non-http address is shown, not linked
    assert "javascript:alert(1)" in sources and 'href="javascript' not in sources


# -- in a browser ---------------------------------------------------------------------------

def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("chromium not found (make test installs it: apt-get install chromium)")
    return found


# Appended to a copy of the page: follows every link that is not http(s) (the address a
# reader would click) and records whether anything set window.__pwned. alert() is replaced
# so that a javascript:alert link records itself instead of blocking the headless browser.
PROBE = """<script>
window.alert = (m) => { window.__pwned = "alert " + m; };
window.addEventListener("load", () => {
  for (const a of document.querySelectorAll("a[href]")) {
    if (!/^https?:$/i.test(a.protocol)) a.click();
  }
  setTimeout(() => document.documentElement.setAttribute(
    "data-pwned", String(window.__pwned)), 200);
});
</script>"""


@pytest.mark.parametrize("command", ["dossier", "timeline"])
def test_no_article_script_runs_in_headless_chromium(db, tmp_path, command):
    binary = _chromium()
    page = _render(db, command, "html")
    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    r = subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=3000",
         "--dump-dom", probed.resolve().as_uri()],
        capture_output=True, timeout=120, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    found = re.findall(r'data-pwned="([^"]*)"', r.stdout)
    assert found == ["undefined"], found
    assert r.stdout.count("<script") == 1  # the probe, nothing from the articles

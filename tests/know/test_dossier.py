"""bilat dossier on the sample corpus in a real DuckDB file: Markdown, one self-contained HTML
file that headless Chromium renders offline, a country's partners, labels in two languages."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from bilat.analysis.people import person_key
from bilat.cli import app
from bilat.config import Settings
from bilat.ingest import ingest
from bilat.know.charts import COLOUR, COLOUR_CONFLICT, axis_ticks
from bilat.know.dossier import (
    build_dossier,
    dossier_html,
    dossier_markdown,
    format_number,
    key_dates,
    partners,
    people_ranking,
)
from bilat.know.labels import label, labels
from bilat.know.merge import remerge
from bilat.know.series import build_series
from bilat.store import open_store
from bilat.store.record import facts_between, is_stale, merged_events

EVENT_TYPES = ("VISIT", "MEETING", "CONSULTATION", "AGREEMENT", "RELATIONS_ESTABLISHED",
               "PARTNERSHIP_UPGRADE", "AID", "ANNIVERSARY", "SUPPORT_STATEMENT", "EXERCISE",
               "OTHER")
METRICS = ("TRADE_TOTAL", "EXPORTS", "IMPORTS", "INVESTMENT", "INVESTMENT_PROJECTS",
           "DIASPORA", "AID_AMOUNT", "TOURISTS", "OTHER")


@pytest.fixture(scope="module")
def stores(module_db_address, copy_db, samples) -> dict[str, str]:
    """"merged": the sample corpus ingested and merged; "raw": the same before merging (on
    each backend in turn)."""
    merged = module_db_address
    store = open_store(merged)
    try:
        summary = ingest([str(samples)], store, Settings())
        assert summary.stored and not summary.failed
    finally:
        store.close()
    raw = copy_db(merged)
    store = open_store(merged)
    try:
        remerge(store)
        assert not is_stale(store)
    finally:
        store.close()
    return {"merged": merged, "raw": raw}


@pytest.fixture(scope="module")
def db(stores) -> str:
    return stores["merged"]


@pytest.fixture(scope="module")
def record(db):
    """What the VN-BE dossier is made of, read straight from the store."""
    store = open_store(db, read_only=True)
    try:
        events = merged_events(store, countries=["VN", "BE"])
        series = build_series(facts_between(store, "VN", "BE"))
        everyone = merged_events(store, countries=["VN"])
    finally:
        store.close()
    assert events and series
    return {"events": events, "series": series, "vn": everyone}


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def _section(text: str, heading: str) -> str:
    """The Markdown between `## heading` and the next `## `."""
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 3)
    return text[start:end if end != -1 else len(text)]


def _table_rows(section: str) -> list[list[str]]:
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", r)[1:-1]] for r in rows[1:]]


# -- Markdown -------------------------------------------------------------------------------

def test_markdown_dossier_has_key_dates_timeline_figures_people_sources(db, record):
    r = run("dossier", "Vietnam", "Bỉ", "--db", str(db))
    assert r.exit_code == 0, r.output
    md = r.stdout
    assert md.startswith("# Vietnam – Belgium")

    keys = _section(md, "Key dates")
    assert "| 1973-03-22 | Relations established |" in keys
    assert "First recorded visit" in keys and "Latest recorded visit" in keys

    timeline = _table_rows(_section(md, "Timeline"))
    assert len(timeline) == len(record["events"])  # every merged event, once
    for row, event in zip(timeline, record["events"], strict=True):
        assert row[0].startswith(event["date_start"] or "undated")
        assert row[4] == str(event["source_count"])
        for source in event["sources"]:  # doc id, and the address when there is one
            assert source["doc"] in row[5]
            if source["url"]:
                assert f"({source['url']})" in row[5]
    # dates at their precision: a month stays a month (talks announced for the visit's
    # month), a day a day (a signing after talks of 12 December)
    assert any(row[0] == "2023-08" for row in timeline)
    assert any(row[0] == "2022-12-12" and row[1] == "Agreement" for row in timeline)

    figures = _section(md, "Figures")
    assert "### Two-way trade, Belgium – Vietnam (USD)" in figures
    assert "| Period | Value | All values |" in figures
    assert "| 2022 | 4.5 billion USD |" in figures

    people = _table_rows(_section(md, "People most involved"))
    names = [row[0] for row in people]
    assert len({person_key(n) for n in names}) == len(names)  # one row per person
    counts = {person_key(row[0]): int(row[1]) for row in people}
    expected = {}
    for e in record["events"]:
        for key in {person_key(p) for p in e["people"]}:
            expected[key] = expected.get(key, 0) + 1
    assert counts == expected
    assert [int(row[1]) for row in people] == sorted((int(row[1]) for row in people),
                                                     reverse=True)

    sources = _section(md, "Sources")
    cited = {s["doc"] for e in record["events"] for s in e["sources"]}
    cited |= {f.doc for s in record["series"] for p in s.points for f in p.figures}
    assert all(f"`{doc}`" in sources for doc in cited)


def test_lang_vi_uses_vietnamese_labels(db):
    r = run("dossier", "VN", "BE", "--db", str(db), "--lang", "vi")
    assert r.exit_code == 0, r.output
    md = r.stdout
    assert md.startswith("# Hồ sơ quan hệ Việt Nam – Bỉ")
    for heading in ("Các mốc chính", "Dòng thời gian", "Số liệu", "Nguồn"):
        assert f"## {heading}" in md
    assert "Chuyến thăm" in md and "Thiết lập quan hệ" in md
    assert "4,5 tỷ USD" in md  # Vietnamese number words and separators
    assert "## Key dates" not in md and "| Visit |" not in md


# -- HTML -----------------------------------------------------------------------------------

class _Refs(HTMLParser):
    """Every tag, and every attribute whose value points outside the file."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.external: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if value and re.match(r"\s*(https?:)?//", value):
                self.external.append((tag, name))


def _html(db: Path, folder: Path, *extra: str) -> tuple[Path, str]:
    out = folder / "dossier.html"
    r = run("dossier", "Vietnam", "Belgium", "--db", str(db), "--format", "html", "-o",
            str(out), *extra)
    assert r.exit_code == 0, r.output
    return out, out.read_text(encoding="utf-8")


def test_html_dossier_is_one_file_that_loads_nothing(db, record, tmp_path):
    out, page = _html(db, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    refs = _Refs()
    refs.feed(page)
    # nothing to load: no scripts, stylesheets, images, frames, fonts or CSS imports ...
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(refs.tags)
    assert "src=" not in page and "@import" not in page and "url(" not in page
    # ... the only outside addresses are the sources' pages, as links a reader may follow
    assert refs.external and set(refs.external) == {("a", "href")}
    assert "<style>" in page
    # one chart per fact series, each bar with a <title> to hover
    assert page.count("<svg") == len(record["series"]) == refs.tags.count("svg")
    bars = re.findall(r"<rect [^>]*><title>([^<]+)</title></rect>", page)
    assert len(bars) == sum(len(s.points) for s in record["series"])
    assert any("2021" in b and "4.29 billion USD" in b for b in bars)
    assert re.search(r"<text [^>]*class=\"axis-title\"[^>]*>USD \(billion\)</text>", page)


def test_conflicting_values_are_flagged_with_every_value():
    rows = [{"metric": "TRADE_TOTAL", "from": "BE", "to": "VN", "value": v, "unit": "USD",
             "period": "2022", "doc": doc, "language": "en", "evidence": "a figure",
             "published": pub}
            for v, doc, pub in ((4.5e9, "doc-a", "2023-01-01"), (4.7e9, "doc-b", "2023-02-01"))]
    series = build_series(rows)
    assert series[0].points[0].conflict
    d = build_dossier("VN", "BE", [], series, {"doc-a": {"title": "A"}})
    md = dossier_markdown(d)
    row = next(line for line in md.splitlines() if line.startswith("| 2022 |"))
    assert "⚠" in row and "4.5 billion USD (doc-a)" in row and "4.7 billion USD (doc-b)" in row
    page = dossier_html(d)
    assert f'fill="{COLOUR_CONFLICT}"' in page and f'fill="{COLOUR}"' not in page
    tip = re.search(r"<rect [^>]*><title>([^<]+)</title>", page).group(1)
    assert "4.5 billion USD (doc-a)" in tip and "4.7 billion USD (doc-b)" in tip
    assert "sources disagree" in tip


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("chromium not found (make test installs it: apt-get install chromium)")
    return found


def _offline_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium that can reach nothing: names resolve nowhere, the proxy is dead."""
    return subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--proxy-server=127.0.0.1:9", f"--user-data-dir={profile}", *args],
        capture_output=True, timeout=120, text=True)


def _png_pixels(data: bytes) -> np.ndarray:
    """(height, width, channels) of an 8-bit RGB(A) PNG: enough of the format to look at a
    screenshot without an imaging library."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and not interlace
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks)), width * bpp
    out = np.zeros((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int64)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = np.frombuffer(raw, np.uint8, stride, start + 1).astype(np.int64)
        if kind == 0:
            cur = line
        elif kind == 1:  # Sub: running sum along the row, per channel
            cur = line.reshape(width, bpp).cumsum(axis=0).reshape(-1) % 256
        elif kind == 2:  # Up
            cur = (line + prev) % 256
        else:  # Average, Paeth: byte by byte
            vals, up = line.tolist(), prev.tolist()
            for i in range(stride):
                a = vals[i - bpp] if i >= bpp else 0
                b, c = up[i], (up[i - bpp] if i >= bpp else 0)
                if kind == 3:
                    pred = (a + b) // 2
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                vals[i] = (vals[i] + pred) & 255
            cur = np.array(vals, dtype=np.int64)
        out[y], prev = cur, cur
    return out.reshape(height, width, bpp)


def test_html_renders_offline_in_headless_chromium(db, record, tmp_path):
    binary = _chromium()
    (tmp_path / "page").mkdir()
    out, _ = _html(db, tmp_path / "page")
    url = out.resolve().as_uri()
    dom = _offline_chromium(binary, tmp_path / "profile", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    rendered = dom.stdout
    assert rendered.count("<svg") == len(record["series"])
    assert rendered.count("<rect") == sum(len(s.points) for s in record["series"])
    assert "<path" in rendered and "<title>" in rendered

    shot = tmp_path / "shot.png"
    r = _offline_chromium(binary, tmp_path / "profile", f"--screenshot={shot}",
                          "--window-size=1000,6000", "--force-device-scale-factor=0.5", url)
    assert r.returncode == 0 and shot.exists(), r.stderr[-2000:]
    pixels = _png_pixels(shot.read_bytes())[..., :3].astype(np.int64)
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    assert len(colours) > 50  # text, tables and charts, not a blank page
    bar = tuple(int(COLOUR[i:i + 2], 16) for i in (1, 3, 5))
    # the bars themselves were painted, in their colour
    assert (np.abs(pixels - bar).max(axis=-1) <= 8).sum() > 100


# -- one country ----------------------------------------------------------------------------

def test_one_country_lists_its_partners(db, record):
    r = run("dossier", "Việt Nam", "--db", str(db), "--format", "md")
    assert r.exit_code == 0, r.output
    rows = _table_rows(_section(r.stdout, "Events by partner and type"))
    totals = {row[0]: int(row[1]) for row in rows}
    expected: dict[str, int] = {}
    for e in record["vn"]:
        for other in set(e["actors"]) - {"VN"}:
            expected[other] = expected.get(other, 0) + 1
    assert {re.search(r"\((\w+)\)$", k).group(1): v for k, v in totals.items()} == expected
    assert totals["Belgium (BE)"] == len(record["events"])
    assert list(totals.values()) == sorted(totals.values(), reverse=True)
    assert "## Latest events by partner" in r.stdout and "### Japan (JP)" in r.stdout

    terminal = run("dossier", "VN", "--db", str(db))
    assert terminal.exit_code == 0, terminal.output
    assert "Belgium (BE)" in terminal.stdout and "Japan (JP)" in terminal.stdout

    page = run("dossier", "VN", "--db", str(db), "--format", "html", "--lang", "vi")
    assert page.exit_code == 0 and "<h1>Việt Nam: tổng quan các đối tác</h1>" in page.stdout


def test_partners_counts_each_partner_and_keeps_the_latest():
    events = [{"id": str(i), "type": t, "actors": ["BE", "VN"], "date_start": d,
               "date_end": None, "status": "happened", "people": [], "evidence": "x",
               "source_count": 1, "sources": []}
              for i, (t, d) in enumerate([("VISIT", "2020"), ("VISIT", "2024-05"),
                                          ("MEETING", None), ("AID", "2021-01-02"),
                                          ("MEETING", "2019")])]
    (be,) = partners("VN", events)
    assert be.code == "BE" and be.counts == {"VISIT": 2, "MEETING": 2, "AID": 1}
    assert [e["date_start"] for e in be.latest] == ["2024-05", "2021-01-02", "2020"]


# -- errors and the merge on read -----------------------------------------------------------

@pytest.mark.parametrize("args", [("Narnia", "VN"), ("VN", "Narnia"), ("Narnia",)])
def test_unknown_country_is_one_error_line_and_exit_2(db, args):
    r = run("dossier", *args, "--db", str(db))
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Narnia" in lines[0] and "unknown country" in lines[0]


def test_stale_record_is_merged_before_the_dossier(stores):
    raw = stores["raw"]
    store = open_store(raw, read_only=True)
    try:
        assert is_stale(store)
    finally:
        store.close()
    r = run("dossier", "VN", "BE", "--db", str(raw))
    assert r.exit_code == 0, r.output
    assert "merged" in r.stderr and "| 1973-03-22 | Relations established |" in r.stdout
    store = open_store(raw, read_only=True)
    try:
        assert not is_stale(store)
    finally:
        store.close()


# -- the pieces -----------------------------------------------------------------------------

def test_labels_cover_every_type_and_metric_in_both_languages():
    from bilat.extract.steps.decide import PLOVER  # every type extraction can give

    for lang in ("en", "vi"):
        own = labels(lang)
        for t in (*EVENT_TYPES, *PLOVER):
            assert t in own["event"] and own[t] == own["event"][t]
        for m in METRICS:
            assert m in own["metric"]
    en, vi = labels("en"), labels("vi")
    assert en["event"]["VISIT"] == "Visit" and vi["event"]["VISIT"] == "Chuyến thăm"
    assert set(en["heading"]) == set(vi["heading"])
    assert label("de", "event", "VISIT") == "Visit"  # a language without labels: English
    assert label("vi", "event", "NEW_TYPE") == "NEW_TYPE"


def test_key_dates_people_and_numbers():
    def ev(i, t, d, people=(), status="happened", n=1):
        return {"id": i, "type": t, "date_start": d, "date_end": None, "status": status,
                "people": list(people), "source_count": n, "actors": ["BE", "VN"]}

    events = [ev("1", "RELATIONS_ESTABLISHED", "1973"),
              ev("2", "RELATIONS_ESTABLISHED", "1973-03-22"),
              ev("3", "VISIT", "2010-05", ["Vương Đình Huệ"]),
              ev("4", "VISIT", "2030-01-01", status="scheduled"),
              ev("5", "VISIT", "2020-02-02", ["Vuong Dinh Hue", "Vuong Dinh Hue"]),
              ev("6", "PARTNERSHIP_UPGRADE", "2018")]
    assert [(k, e["id"]) for k, e in key_dates(events)] == [
        ("established", "2"), ("first_visit", "3"), ("upgrade", "6"), ("last_visit", "5")]
    (person,) = people_ranking(events)
    assert (person.name, person.events) == ("Vương Đình Huệ", 2)
    assert format_number(4.29e9, "en") == "4.29 billion"
    assert format_number(4.5e9, "vi") == "4,5 tỷ"
    assert format_number(13000, "vi") == "13.000"
    assert axis_ticks(4.5e9) == [0, 1e9, 2e9, 3e9, 4e9, 5e9]


def test_a_long_record_lists_its_latest_events_and_says_so():
    from bilat.know.dossier import TIMELINE_ROWS, build_dossier, dossier_markdown

    events = [{"id": f"m{i}", "type": "MEETING", "actors": ["BE", "VN"],
               "date_start": f"{1990 + i // 365:04d}-{1 + i % 12:02d}-01", "date_end": None,
               "status": "happened", "people": [], "evidence": f"Talks number {i}.",
               "source_count": 1, "sources": [{"doc": f"d{i}", "language": "en",
                                               "evidence": f"Talks number {i}.",
                                               "url": None, "published": None}]}
              for i in range(TIMELINE_ROWS + 100)]
    md = dossier_markdown(build_dossier("VN", "BE", events, []), "en")
    assert f"The latest {TIMELINE_ROWS} of {TIMELINE_ROWS + 100} events" in md
    assert "Talks number 599." in md and "| Talks number 0. |" not in md


def test_many_people_list_the_most_involved_and_say_so():
    from bilat.know.dossier import PEOPLE_SHOWN

    events = [{"id": f"m{i}", "type": "MEETING", "actors": ["BE", "VN"],
               "date_start": f"{2000 + i % 20}-01-01", "date_end": None, "status": "happened",
               "people": [f"Envoy Number{k}" for k in range(i % 50)], "evidence": "Talks.",
               "source_count": 1, "sources": []} for i in range(60)]
    d = build_dossier("VN", "BE", events, [])
    md = _section(dossier_markdown(d, "en"), "People most involved")
    html = dossier_html(d, "en")
    html = html[html.index('id="people"'):html.index('id="sources"')]
    for text in (md, html):
        assert f"The {PEOPLE_SHOWN} most involved of 49 people." in text
        assert "Envoy Number0" in text and f"Envoy Number{PEOPLE_SHOWN}" not in text
    assert len(_table_rows(md)) == PEOPLE_SHOWN
    assert "nhân vật tham gia nhiều nhất trong tổng số 49" in dossier_markdown(d, "vi")


def test_key_dates_keep_the_best_sourced_upgrades():
    from bilat.know.dossier import KEY_DATES_PER_KIND

    events = [{"id": f"u{i}", "type": "PARTNERSHIP_UPGRADE", "date_start": str(1990 + i),
               "status": "happened", "source_count": 1 + i % 4, "actors": ["BE", "VN"]}
              for i in range(KEY_DATES_PER_KIND + 8)]
    kept = [e for k, e in key_dates(events) if k == "upgrade"]
    assert len(kept) == KEY_DATES_PER_KIND
    assert min(e["source_count"] for e in kept) >= max(
        e["source_count"] for e in events if e not in kept)
    assert [e["date_start"] for e in kept] == sorted(e["date_start"] for e in kept)

"""The web pages in a real browser: a store ingested from samples/corpus (plus one article
whose title, address and text are markup), served by uvicorn on a free port, read by
headless Chromium that can reach nothing but this machine. Every test runs over a DuckDB
store; those of ON_BOTH over a PostgreSQL store as well. A second server, whose reads
need a token, is signed in to and uploaded to (with script and without)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from bilat.serve.app import ServeConfig, create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="chromium and chromedriver not found (make test installs them as root: "
           "apt-get install chromium chromium-driver)")

SHOTS = Path("/tmp/ui-shots")
TOKEN = "browser-test-token"
LAPTOP, PHONE = (1366, 900), (390, 844)
# An article whose every field is markup: none of it may run or render as markup.
HOSTILE = (
    '{"id": "hostile-<b>x</b>", "url": "javascript:window.__pwned=1", "title": '
    '"Vietnam and Belgium <img src=x onerror=\\"window.__pwned=1\\"> sign deal", '
    '"published": "2024-05-02", "language": "en", "text": "Vietnam and Belgium signed an '
    "agreement on water management in Hanoi on May 2, 2024 </script><script>window.__pwned=1"
    '</script><img src=x onerror=\\"window.__pwned=1\\">.\\n\\nThe deal was signed by '
    'officials of both countries."}\n')
# the flows run over PostgreSQL too
ON_BOTH = {"test_filters_update_list_and_chart_together",
           "test_event_page_marks_evidence_in_document_text",
           "test_upload_shows_progress_and_leads_to_new_events"}
SENATE_EN = ("Belgian Senate President Stephanie D'Hose landed in Hanoi on August 21, opening "
             "an official visit to Vietnam that lasts from August 21 to 25.")


def _has_ingest_api() -> bool:
    """Whether the JSON API's POST /api/ingest is there (built beside these pages)."""
    app = create_app(ServeConfig(db=":memory:"))  # routes only: no store is opened
    # the routes as the app publishes them (app.routes may hold included routers unexpanded)
    return "post" in app.openapi().get("paths", {}).get("/api/ingest", {})


@pytest.fixture(scope="module")
def db(corpus_db, copy_db, tmp_path_factory) -> str:
    """A copy of the corpus store (conftest.py: on each backend) with the hostile article."""
    from typer.testing import CliRunner

    from bilat.cli import app

    store = copy_db(corpus_db)
    hostile = tmp_path_factory.mktemp("browser") / "hostile.jsonl"
    hostile.write_text(HOSTILE, encoding="utf-8")
    r = CliRunner().invoke(app, ["ingest", str(hostile), "--db", store])
    assert r.exit_code == 0, r.output
    return store


@pytest.fixture(autouse=True)
def _duckdb_only_unless_both(request):
    """On PostgreSQL only the flows of ON_BOTH run (the pages are the same on both: the
    backend shows in what they read)."""
    params = getattr(request.node, "callspec", None)
    if (params and params.params.get("corpus_db") == "postgresql"
            and request.node.originalname not in ON_BOTH):
        pytest.skip("run over DuckDB only")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serving(config: ServeConfig):
    """The app of `config` served by uvicorn on 127.0.0.1 (whatever host the config names:
    that decides who may read); its base address."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # start-up merges and indexes the store
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def base(db, tmp_path_factory) -> str:
    tokens = tmp_path_factory.mktemp("tokens") / "tokens.txt"
    tokens.write_text(f"{TOKEN} editor\n", encoding="utf-8")
    with _serving(ServeConfig(db=db, token_file=tokens)) as address:
        yield address


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(*LAPTOP)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


@pytest.fixture
def en(browser, base):
    """The browser reading in English (the language is remembered between tests)."""
    browser.get(f"{base}/?lang=en")
    return browser


def _wait(driver, condition, timeout: float = 20.0):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def _css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def _timeline_state(driver) -> tuple[list[str], dict[str, int], str]:
    """(ids of the rows shown, chart counts by year label, the count line)."""
    shown = [li.get_attribute("data-id") for li in _css(driver, "#tl-list > li")
             if li.is_displayed()]
    bars = {g.get_attribute("data-year"): int(g.get_attribute("data-count"))
            for g in _css(driver, "#tl-chart svg g.bar")}
    return shown, bars, _css(driver, "#tl-count")[0].text


def _select(driver, name: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(_css(driver, f'#tl-filter select[name="{name}"]')[0]).select_by_value(value)


def _rows_data(driver) -> list[dict]:
    import json

    return json.loads(driver.execute_script(
        "return document.getElementById('tl-data').textContent"))


def test_pair_names_redirect_to_codes(en, base):
    en.get(f"{base}/pairs/{quote('Việt Nam')}/{quote('Bỉ')}")
    assert en.current_url.endswith("/pairs/VN/BE")
    assert _css(en, "h1")[0].text == "Vietnam – Belgium"


def test_filters_update_list_and_chart_together(en, base):
    en.get(f"{base}/pairs/VN/BE")
    rows = _rows_data(en)
    shown, bars, count = _timeline_state(en)
    assert len(shown) == len(rows) == sum(bars.values()) > 5
    assert count.startswith(f"{len(rows)} of {len(rows)}")

    _select(en, "type", "VISIT")
    visits = [r for r in rows if r["type"] == "VISIT"]
    shown, bars, count = _timeline_state(en)
    assert sorted(shown) == sorted(r["id"] for r in visits)
    assert len(shown) == sum(bars.values()) and 0 < len(shown) < len(rows)
    assert count.startswith(f"{len(shown)} of {len(rows)}")

    _select(en, "from", "2023")
    _select(en, "to", "2023")
    wanted = sorted(r["id"] for r in visits if r["year"] == 2023)
    shown, bars, _ = _timeline_state(en)
    assert sorted(shown) == wanted and wanted
    assert bars == {"2023": len(wanted)}
    for li in _css(en, "#tl-list > li"):
        if li.is_displayed():
            assert "Visit" in li.find_element("css selector", ".type").text

    # the address now holds the filters: the server renders the same list and chart
    assert "type=VISIT" in en.current_url and "from=2023" in en.current_url
    en.get(en.current_url)
    assert _timeline_state(en)[:2] == (shown, bars)


def test_filters_work_without_script(en, base):
    en.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        en.get(f"{base}/pairs/VN/BE")
        rows = _rows_data(en)
        _select(en, "srclang", "vi")
        _css(en, "#tl-filter button[type=submit]")[0].click()
        _wait(en, lambda d: "srclang=vi" in d.current_url)
        shown, bars, _ = _timeline_state(en)
        assert sorted(shown) == sorted(r["id"] for r in rows if "vi" in r["langs"])
        assert len(shown) == sum(bars.values()) > 0
    finally:
        en.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_statuses_read_as_of_today(en, base):
    en.get(f"{base}/pairs/VN/BE")
    by_text = {li.find_element("css selector", ".ev-text").text:
               li.find_element("css selector", ".status").text
               for li in _css(en, "#tl-list > li")}
    senate = next(s for t, s in by_text.items() if t.startswith("Sáng 21/8, bà Stephanie"))
    assert senate == "happened"  # reported "ongoing" in August 2023
    talks = next(s for t, s in by_text.items() if t.startswith("Her host is National"))
    assert talks == "announced for Aug 2023"  # "due to hold talks": no report says they did


def test_event_page_marks_evidence_in_document_text(en, base):
    en.get(f"{base}/pairs/VN/BE")
    link = next(a for a in _css(en, "#tl-list .ev-text a")
                if a.text.startswith("Sáng 21/8, bà Stephanie"))
    link.click()
    _wait(en, lambda d: "/events/" in d.current_url)
    reports = _css(en, "li.report")
    marks = [m.text for m in _css(en, "li.report blockquote mark")]
    assert len(reports) == len(marks) == 2
    assert SENATE_EN in marks
    assert any(m.startswith("Sáng 21/8, bà Stephanie D'Hose") for m in marks)
    languages = " ".join(r.text for r in reports)
    assert "English" in languages and "Vietnamese" in languages

    report = next(r for r in reports if SENATE_EN in r.text)
    report.find_element("partial link text", "Read in the document").click()
    _wait(en, lambda d: "/documents/" in d.current_url and "#c" in d.current_url)
    target = en.execute_script(
        "var a = document.querySelector('.anchor:target');"
        "return a && a.nextElementSibling && a.nextElementSibling.textContent")
    assert target == SENATE_EN
    assert SENATE_EN in _css(en, ".doctext")[0].text


def test_search_in_vietnamese_finds_english_reports(en, base):
    en.get(f"{base}/search")
    box = _css(en, "input#q")[0]
    box.send_keys("chuyến thăm Bỉ")
    box.submit()
    _wait(en, lambda d: "q=" in d.current_url)
    hits = _css(en, "li.hit")
    assert hits
    english = [h for h in hits if h.find_element("css selector", ".ev-text")
               .get_attribute("lang") == "en"]
    assert any(SENATE_EN in h.text for h in english)
    hit = next(h for h in english if SENATE_EN in h.text and "event" in h.get_attribute("class"))
    hit.find_element("css selector", ".ev-text a").click()
    _wait(en, lambda d: "/events/" in d.current_url)
    assert SENATE_EN in [m.text for m in _css(en, "blockquote mark")]


def test_language_switch_is_visible_and_remembered(browser, base):
    browser.get(f"{base}/pairs/VN/BE?lang=en")
    assert _css(browser, "#timeline h2")[0].text == "Timeline"
    _css(browser, 'header .lang a[hreflang="vi"]')[0].click()
    _wait(browser, lambda d: d.find_element("css selector", "html").get_attribute("lang") == "vi")
    assert _css(browser, "#timeline h2")[0].text == "Dòng thời gian"
    assert _css(browser, "h1")[0].text == "Việt Nam – Bỉ"
    types = [o.text for o in _css(browser, '#tl-filter select[name="type"] option')]
    assert "Chuyến thăm" in types
    browser.get(f"{base}/")  # no language in the address: the cookie remembers it
    assert _css(browser, 'nav a[href="/search"]')[0].text == "Tìm kiếm"
    browser.get(f"{base}/?lang=en")
    assert _css(browser, 'nav a[href="/search"]')[0].text == "Search"


def test_home_explains_and_leads_to_pairs(en, base):
    en.get(f"{base}/")
    assert "news" in _css(en, "h1")[0].text
    holds = _css(en, ".holds")[0].text
    assert "articles" in holds and "events" in holds
    # the country with the most events is chosen until another is asked for
    assert _css(en, "#partners h2")[0].text == "Vietnam: partners"
    box = _css(en, "input#country")[0]
    box.clear()
    box.send_keys("Bỉ")
    box.submit()
    _wait(en, lambda d: "country=" in d.current_url)
    assert _css(en, "#partners h2")[0].text == "Belgium: partners"
    _css(en, "#partners a.big")[0].click()
    _wait(en, lambda d: "/pairs/BE/VN" in d.current_url)
    assert _css(en, "#timeline")


def test_article_markup_is_shown_never_run(en, base):
    pages = ["/pairs/VN/BE", "/search?q=water+management", "/documents"]
    en.get(f"{base}/pairs/VN/BE")
    doc = next(a.get_attribute("href") for a in _css(en, "#sources a")
               if "sign deal" in a.text)
    pages.append(doc.removeprefix(base))
    for path in pages:
        en.get(base + path)
        assert en.execute_script("return window.__pwned === undefined"), path
        assert not _css(en, "main img"), path
    assert "<img src=x" in _css(en, "h1")[0].text  # the title, as text
    assert "</script><script>" in _css(en, ".doctext")[0].text
    assert not [a for a in _css(en, "a") if (a.get_attribute("href") or "")
                .startswith("javascript:")]


def _phone(driver, on: bool) -> None:
    if on:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 1, "mobile": True})
    else:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_screenshots_and_no_horizontal_scroll_on_a_phone(en, base):
    """Each page at laptop and phone width, saved under /tmp/ui-shots; on the phone the page
    must not scroll sideways."""
    en.get(f"{base}/pairs/VN/BE")
    event = _css(en, "#tl-list .ev-text a")[0].get_attribute("href").removeprefix(base)
    doc = _css(en, "#sources a")[0].get_attribute("href").removeprefix(base)
    pages = {"home": "/", "pair": "/pairs/VN/BE", "event": event, "document": doc,
             "search": "/search?q=" + quote("chuyến thăm Bỉ"), "documents": "/documents",
             "upload": "/upload"}
    SHOTS.mkdir(parents=True, exist_ok=True)
    wide = {}
    try:
        for phone in (False, True):
            _phone(en, phone)
            for name, path in pages.items():
                en.get(base + path)
                shot = SHOTS / f"{name}-{'phone' if phone else 'laptop'}.png"
                assert en.save_screenshot(str(shot)) and shot.stat().st_size > 1000
                if phone:
                    width, view = en.execute_script(
                        "return [document.scrollingElement.scrollWidth, window.innerWidth]")
                    assert view == PHONE[0]
                    if width > view:
                        wide[name] = width
    finally:
        _phone(en, False)
    assert not wide, f"pages wider than a phone: {wide}"


@pytest.mark.skipif(not _has_ingest_api(), reason="POST /api/ingest is not built yet "
                                                  "(the JSON API lands separately)")
def test_upload_shows_progress_and_leads_to_new_events(en, base, tmp_path):
    article = tmp_path / "sg-visit.txt"
    article.write_text(
        "Singapore Prime Minister visits Vietnam\n\n"
        "Singapore Prime Minister Lawrence Wong arrived in Hanoi on March 3, 2025 for an "
        "official visit to Vietnam.\n", encoding="utf-8")
    en.get(f"{base}/upload")
    _css(en, "input#files")[0].send_keys(str(article))
    _css(en, "input#token")[0].send_keys(TOKEN)
    _css(en, "form#upload button")[0].click()
    _wait(en, lambda d: d.find_element("css selector", "#job-state").text.startswith(
        ("Done", "The job failed")), timeout=120)
    assert _css(en, "#job-state")[0].text.startswith("Done"), _css(en, "#job")[0].text
    progress = _css(en, "#job-progress")[0]
    assert progress.get_attribute("value") == progress.get_attribute("max")
    # the new event is listed, and its page reads the sentence it came from
    _wait(en, lambda d: any("Lawrence Wong" in a.text for a in _css(d, "#job-events a")))
    next(a for a in _css(en, "#job-events a") if "Lawrence Wong" in a.text).click()
    _wait(en, lambda d: "/events/" in d.current_url)
    assert any("Lawrence Wong arrived in Hanoi" in m.text for m in _css(en, "blockquote mark"))
    en.get(f"{base}/documents")
    assert any("Singapore" in a.text for a in _css(en, "ol.docs a"))


# -- a server whose reads need a token (it believes it listens beyond loopback) ----------------
READER_TOKEN, EDITOR_TOKEN = "browser-reader-token-0123", "browser-editor-token-0123"
REPORT = ("Singapore Prime Minister Lawrence Wong arrived in Hanoi on March 3, 2025 for an "
          "official visit to Vietnam.\n")


@pytest.fixture(scope="module")
def guarded(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("guarded")
    tokens = folder / "tokens.txt"
    tokens.write_text(f"{READER_TOKEN} reader\n{EDITOR_TOKEN} editor\n", encoding="utf-8")
    config = ServeConfig(db=str(folder / "guarded.duckdb"), token_file=tokens,
                         host="0.0.0.0")
    with _serving(config) as address:
        yield address


@pytest.fixture
def signed_out(browser, guarded):
    browser.delete_all_cookies()
    yield browser
    browser.delete_all_cookies()


def _sign_in(driver, token: str) -> None:
    _wait(driver, lambda d: "/signin" in d.current_url)
    _css(driver, "input#token")[0].send_keys(token)
    _css(driver, "form#signin button")[0].click()
    _wait(driver, lambda d: "/signin" not in d.current_url)


def test_a_token_typed_once_opens_the_pages(signed_out, guarded):
    b = signed_out
    b.get(f"{guarded}/documents?lang=en")
    assert "/signin?next=" in b.current_url
    _css(b, "input#token")[0].send_keys("not-a-known-token-at-all")
    _css(b, "form#signin button")[0].click()
    _wait(b, lambda d: _css(d, "p.error"))
    assert "not known" in _css(b, "p.error")[0].text
    _sign_in(b, READER_TOKEN)
    assert b.current_url == f"{guarded}/documents?lang=en"  # back where it was asked
    assert _css(b, "ol.docs") or _css(b, "main p")
    (cookie,) = [c for c in b.get_cookies() if c["name"] == "bilat_token"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert "bilat_token" not in b.execute_script("return document.cookie")  # no script reads it
    # the pages' own reads of the API carry the cookie
    status = b.execute_script(
        "return fetch('/api/events').then(function (r) { return r.status; })")
    assert status == 200
    b.get(f"{guarded}/pairs/VN/BE")
    assert _css(b, "#timeline")


def test_upload_with_script_sends_the_editor_token(signed_out, guarded, tmp_path):
    b = signed_out
    b.get(f"{guarded}/upload?lang=en")
    _sign_in(b, READER_TOKEN)
    article = tmp_path / "sg.txt"
    article.write_text("Singapore leader in Hanoi\n\n" + REPORT, encoding="utf-8")
    _css(b, "input#files")[0].send_keys(str(article))
    _css(b, "input#token")[0].send_keys(EDITOR_TOKEN)
    _css(b, "form#upload button")[0].click()
    _wait(b, lambda d: d.find_element("css selector", "#job-state").text.startswith(
        ("Done", "The job failed", "The server refused")), timeout=120)
    assert _css(b, "#job-state")[0].text.startswith("Done"), _css(b, "#job")[0].text


def test_upload_without_script_sends_the_token_field(signed_out, guarded, tmp_path):
    import json

    b = signed_out
    b.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        b.get(f"{guarded}/upload?lang=en")
        _sign_in(b, READER_TOKEN)
        article = tmp_path / "talks.txt"
        article.write_text("Vietnam and Belgium held talks in Hanoi on 6 July 2026.\n",
                           encoding="utf-8")
        _css(b, "input#files")[0].send_keys(str(article))
        _css(b, "input#token")[0].send_keys(EDITOR_TOKEN)
        _css(b, "form#upload button")[0].click()
        _wait(b, lambda d: "/api/ingest" in d.current_url)
        answer = json.loads(_css(b, "body")[0].text)  # the job's JSON, as the page says
        assert set(answer) == {"job"}
    finally:
        b.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})

"""The pages' pure parts: sentence marks, timeline filters, change statistics, JSON in a
page. (The pages themselves are tested in a browser: test_browser.py.)"""

from __future__ import annotations

import datetime as dt
import json

from bilat.serve.ui.changes import month_change
from bilat.serve.ui.layout import script_json, with_query
from bilat.serve.ui.marks import Span, excerpt_html, marked_html, place
from bilat.serve.ui.timeline_filter import (
    filter_row,
    matches,
    parse_filter,
    year_counts,
)


def test_marks_escape_text_and_merge_overlaps():
    text = "A <b>one</b>. Two & three. Four."
    first = text.index("A")
    second = text.index("Two")
    html = marked_html(text, [Span(first, second - 1, "event", "<Visit>"),
                              Span(second, len(text) - 6, "fact"),
                              Span(second + 4, len(text) - 6, "event"),
                              Span(5, 999)])  # past the text: left out
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert html.count("<mark") == 2
    assert 'title="&lt;Visit&gt;"' in html
    assert f'id="c{second}"' in html and f'id="c{second + 4}"' in html
    assert 'class="event fact"' in html


def test_place_trusts_offsets_only_when_they_hold_the_sentence():
    text = "First one. The sentence here. Last."
    at = text.index("The")
    assert place(text, at, at + 18, "The sentence here.") == (at, at + 18)
    assert place(text, 0, 5, "The sentence here.") == (at, at + 18)  # stale offsets
    assert place(text, None, None, "not in it") is None
    assert excerpt_html("One.\nTwo <x>.\nThree.", 5, 13) == "… <mark>Two &lt;x&gt;.</mark> …"


def test_filters_and_year_counts():
    events = [
        {"id": "a", "type": "VISIT", "date_start": "2023-08-21", "status": "ongoing",
         "status_now": "happened", "sources": [{"language": "en"}, {"language": "vi"}]},
        {"id": "b", "type": "MEETING", "date_start": "2023", "status": "happened",
         "sources": [{"language": "fr"}]},
        {"id": "c", "type": "VISIT", "date_start": None, "status": "happened",
         "sources": [{"language": "en"}]},
    ]
    rows = [filter_row(e) for e in events]
    assert rows[0] == {"id": "a", "year": 2023, "type": "VISIT", "langs": ["en", "vi"],
                       "status": "happened"}  # the status as of today
    kept = [r["id"] for r in rows if matches(r, parse_filter({"type": "VISIT"}))]
    assert kept == ["a", "c"]
    # an undated event is not known to fall in any years
    kept = [r["id"] for r in rows if matches(r, parse_filter({"from": "2023", "to": "2023"}))]
    assert kept == ["a", "b"]
    assert [r["id"] for r in rows if matches(r, parse_filter({"srclang": "vi"}))] == ["a"]
    assert not parse_filter({"from": "20x3", "to": ""}).active  # nonsense filters nothing
    assert year_counts(rows) == [(2023, 2), (None, 1)]


def test_change_counts_this_month_against_the_twelve_before():
    today = dt.date(2024, 1, 15)
    events = [{"type": "VISIT", "date_start": "2024-01-03"},
              {"type": "VISIT", "date_start": "2024-01"},
              {"type": "MEETING", "date_start": "2023-12-30"},  # the month before
              {"type": "MEETING", "date_start": "2023-01-02"},  # 12 months before: counted
              {"type": "MEETING", "date_start": "2022-12-31"},  # 13 months before: not
              {"type": "VISIT", "date_start": "2024"}]  # in no month
    c = month_change(events, today)
    assert (c.month, c.this_month, c.average) == ("2024-01", 2, 2 / 12)
    assert c.trend == "above"
    assert c.by_type == [("VISIT", 2, 0.0), ("MEETING", 0, 2 / 12)]
    assert month_change([], today).trend == "quiet"


def test_json_in_a_page_cannot_close_its_script():
    data = [{"t": "</script><script>alert(1)</script>", "u": "<!-- \u2028 &"}]
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_links_keep_their_query_but_what_changes():
    assert with_query("/p", [("type", "VISIT"), ("lang", "en")], lang="vi") == \
        "/p?type=VISIT&lang=vi"
    assert with_query("/p", [("lang", "en")], lang="") == "/p"

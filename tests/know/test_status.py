"""Statuses as of today: the pure rule, and the renderers showing it."""

from __future__ import annotations

import datetime as dt

import pytest

from bilat.know import timeline as tl
from bilat.know.dossier import event_label
from bilat.know.export import EVENT_COLUMNS, event_rows
from bilat.know.status import period_end, status_as_of, with_status_now

D = dt.date


@pytest.mark.parametrize("date, last", [
    ("2023", D(2023, 12, 31)), ("2024-02", D(2024, 2, 29)), ("2023-02", D(2023, 2, 28)),
    ("2023-08-21", D(2023, 8, 21)), (None, None), ("", None), ("2023-13", None),
    ("soon", None)])
def test_period_end_reads_each_precision(date, last):
    assert period_end(date) == last


@pytest.mark.parametrize("start, end, today, shown", [
    # within the dates, at their precision: still ongoing; the day after: happened
    ("2023-08-21", "2023-08-25", D(2023, 8, 25), "ongoing"),
    ("2023-08-21", "2023-08-25", D(2023, 8, 26), "happened"),
    ("2023-08", "2023-09", D(2023, 9, 30), "ongoing"),
    ("2023-08", "2023-09", D(2023, 10, 1), "happened"),
    ("2023", "2024", D(2024, 12, 31), "ongoing"),
    ("2023", "2024", D(2025, 1, 1), "happened"),
    # no end: ongoing to the end of the start's month (its year with only the year)
    ("2023-08-21", None, D(2023, 8, 31), "ongoing"),
    ("2023-08-21", None, D(2023, 9, 1), "happened"),
    ("2023-08", None, D(2023, 8, 31), "ongoing"),
    ("2023-08", None, D(2023, 9, 1), "happened"),
    ("2023", None, D(2023, 12, 31), "ongoing"),
    ("2023", None, D(2024, 1, 1), "happened"),
    ("2023-08-21", None, D(2026, 1, 1), "happened"),  # reported ongoing in 2023
    # nothing to tell by: as written
    (None, None, D(2026, 1, 1), "ongoing"),
    ("someday", None, D(2026, 1, 1), "ongoing"),
])
def test_ongoing_only_while_today_is_within_the_dates(start, end, today, shown):
    assert status_as_of("ongoing", start, end, today) == shown


@pytest.mark.parametrize("start, end, today, shown", [
    ("2023-08-21", None, D(2023, 8, 21), "scheduled"),
    ("2023-08-21", None, D(2023, 8, 22), "announced"),
    ("2023-08", None, D(2023, 8, 31), "scheduled"),
    ("2023-08", None, D(2023, 9, 1), "announced"),
    ("2023", None, D(2023, 12, 31), "scheduled"),
    ("2023", None, D(2024, 1, 1), "announced"),
    ("2023-08-21", "2023-08-25", D(2023, 8, 25), "scheduled"),  # the end date counts
    ("2023-08-21", "2023-08-25", D(2023, 8, 26), "announced"),
    ("2030-01-01", None, D(2026, 1, 1), "scheduled"),  # still ahead
    (None, None, D(2026, 1, 1), "scheduled"),
    ("2023-02-30", None, D(2026, 1, 1), "scheduled"),  # not a date: as written
])
def test_scheduled_becomes_announced_once_its_date_has_passed(start, end, today, shown):
    assert status_as_of("scheduled", start, end, today) == shown


@pytest.mark.parametrize("status", ["happened", None, "unknown"])
def test_other_statuses_stay_as_written(status):
    assert status_as_of(status, "2023-08-21", None, D(2026, 1, 1)) == status
    assert status_as_of(status, "2030", None, D(2026, 1, 1)) == status


def _event(i, status, start, end=None):
    return {"id": f"e{i}", "type": "VISIT", "plover": "CONSULT", "mode": None,
            "actors": ["BE", "VN"], "actor": "BE", "recipient": "VN", "date_start": start,
            "date_end": end, "status": status, "people": [], "location": None,
            "evidence": f"Event {i}.", "source_count": 1,
            "sources": [{"doc": f"d{i}", "language": "en", "evidence": f"Event {i}.",
                         "url": None}]}


EVENTS = [_event(1, "ongoing", "2023-08-21"), _event(2, "scheduled", "2023-09"),
          _event(3, "scheduled", "2030-01-01"), _event(4, "ongoing", "2026-05-01", "2026-05-10")]
TODAY = D(2026, 5, 3)


def test_renderers_show_statuses_as_of_today():
    events = with_status_now(EVENTS, TODAY)
    assert [e["status"] for e in events] == [e["status"] for e in EVENTS]  # stored: as written
    md = tl.to_markdown(events, "Belgium – Viet Nam", "en")
    rows = {line.split("|")[3].strip(): line for line in md.splitlines()
            if line.startswith("| ") and "Event" in line}
    assert "Visit |" in rows["Event 1."] and "ongoing" not in rows["Event 1."]  # happened
    assert "Visit (announced for Sep 2023)" in rows["Event 2."]
    assert "Visit (scheduled)" in rows["Event 3."]
    assert "Visit (ongoing)" in rows["Event 4."]
    html = tl.to_html(events, "t", "en")
    assert "Visit (announced for Sep 2023)" in html and html.count("(ongoing)") == 1
    # the terminal view and the dossier build their labels from the same notes
    assert tl.status_note(events[0], "en") == ""
    assert event_label(events[1], "en") == "Visit (announced for 2023-09)"
    assert event_label(events[2], "en") == "Visit (scheduled)"
    assert "2023" in event_label(events[1], "vi")
    # without status_now (no clock given) the stored status shows, as before
    assert tl.status_note(EVENTS[0], "en") == " (ongoing)"
    assert event_label(EVENTS[1], "en") == "Visit (scheduled)"


def test_export_keeps_the_stored_status_and_adds_status_now():
    rows = event_rows(with_status_now(EVENTS, TODAY))
    assert [(r["status"], r["status_now"]) for r in rows] == [
        ("ongoing", "happened"), ("scheduled", "announced"), ("scheduled", "scheduled"),
        ("ongoing", "ongoing")]
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert event_rows(EVENTS)[0]["status_now"] is None

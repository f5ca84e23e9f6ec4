"""The shape of the office-holder data files (src/bilat/data/office_holders/*.yaml)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache

import pytest
import yaml
from babel import Locale

from bilat.analysis import holders
from bilat.analysis.entities import person_key, resolve_country

FILES = sorted(holders.DATA.glob("*.yaml"))
KEYS = {"state", "office", "name", "from", "to", "variants", "short"}
ORGS = {"EU", "UN", "NATO", "ASEAN"}
STATES = {c for c in Locale("en").territories if len(c) == 2 and c.isalpha()}


@cache
def _rows(path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)["holders"]


def test_there_are_files():
    assert len(FILES) >= 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_opens_with_its_sources_and_stays_small(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) < 2000
    head = "\n".join(line for line in lines[:15] if line.startswith("#"))
    assert lines[0].startswith("#") and "Sources:" in head, "name the sources first"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_rows(path):
    for row in _rows(path):
        where = f"{path.name}: {row}"
        assert set(row) <= KEYS and {"state", "office", "name", "from", "to"} <= set(row), where
        code = row["state"]
        assert isinstance(code, str), where  # an unquoted NO reads as false
        assert code in STATES or (code in ORGS and resolve_country(code) == code), where
        assert row["office"] in holders.OFFICES, where
        assert isinstance(row["name"], str) and row["name"].strip() == row["name"], where
        for key in ("variants", "short"):
            assert all(isinstance(v, str) and v for v in row.get(key) or []), where
        start = holders._interval(row["from"])
        end = holders._interval(row["to"]) if row["to"] is not None else None
        assert start is not None, where
        assert row["to"] is None or end is not None, where
        assert dt.date(1940, 1, 1).toordinal() <= start[0], where
        assert end is None or start[0] <= end[1] <= dt.date(2026, 12, 31).toordinal(), where


def test_no_duplicate_entries():
    seen = Counter((r["state"], r["office"], person_key(r["name"]), str(r["from"]))
                   for path in FILES for r in _rows(path))
    assert not [k for k, n in seen.items() if n > 1]


def test_every_un_member_but_a_few_has_a_leader():
    leaders = {h.state for h in holders.holdings()
               if h.office in ("head_of_state", "head_of_government")}
    assert len(leaders & STATES) >= 190

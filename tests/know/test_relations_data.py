"""Founding dates of relations (data/relations.yaml): well-formed pairs and dates, no duplicates."""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from babel import Locale

PATH = Path(__file__).resolve().parents[2] / "src" / "bilat" / "data" / "relations.yaml"
# CLDR region codes that are not states (macro-regions, pseudo and private-use codes)
NOT_STATES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
STATES = {c for c in Locale("en").territories if len(c) == 2 and c.isalpha()} - NOT_STATES
VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice (plain YAML keeps the last silently)."""


def _unique_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


@pytest.fixture(scope="module")
def data() -> dict:
    return yaml.load(PATH.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


def test_loads_with_safe_load():
    loaded = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict) and len(loaded) > 300


def test_the_unique_key_loader_catches_a_duplicate():
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key"):
        yaml.load("CN-US: 1979-01-01\nCN-US: 1979-01-02\n", Loader=_UniqueKeyLoader)


def test_no_duplicate_keys_in_the_file(data):
    lines = [ln.split(":")[0] for ln in PATH.read_text(encoding="utf-8").splitlines()
             if re.match(r"^[A-Z]{2}-[A-Z]{2}:", ln)]
    assert len(lines) == len(set(lines)) == len(data)


def test_keys_are_two_distinct_states_in_alphabetical_order(data):
    bad = []
    for key in data:
        a, _, b = str(key).partition("-")
        if not (a in STATES and b in STATES and a < b and len(str(key)) == 5):
            bad.append(key)
    assert bad == []


def test_values_are_iso_dates_years_or_months_in_range(data):
    bad = []
    for key, value in data.items():
        text = str(value)  # an unquoted full date loads as datetime.date, a bare year as int
        m = VALUE.match(text)
        if not m:
            bad.append((key, text))
            continue
        year, month, day = m.groups()
        try:
            if day:
                date.fromisoformat(text)
            elif month:
                date(int(year), int(month), 1)
        except ValueError:
            bad.append((key, text))
            continue
        if not 1776 <= int(year) <= 2026:
            bad.append((key, text))
    assert bad == []


def test_keys_are_sorted_within_each_group():
    # groups are runs of entries separated by blank lines (each opened by a comment)
    unsorted = []
    for block in PATH.read_text(encoding="utf-8").split("\n\n"):
        keys = [ln.split(":")[0] for ln in block.splitlines()
                if re.match(r"^[A-Z]{2}-[A-Z]{2}:", ln)]
        unsorted += [(a, b) for a, b in zip(keys, keys[1:], strict=False) if a > b]
    assert unsorted == []


@pytest.mark.parametrize("pair, founded", [
    ("CN-US", "1979-01-01"),
    ("JP-KR", "1965-12-18"),
    ("CN-JP", "1972-09-29"),
    ("CN-KR", "1992-08-24"),
    ("DE-IL", "1965-05-12"),
    ("CN-FR", "1964-01-27"),
    ("IN-RU", "1947-04-13"),
    ("KR-RU", "1990-09-30"),
    ("US-VN", "1995-07-12"),
    ("CN-VN", "1950-01-18"),
])
def test_well_known_dates(data, pair, founded):
    assert str(data[pair]) == founded

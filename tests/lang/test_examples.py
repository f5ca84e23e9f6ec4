"""Every language folder's examples.yaml, run through extraction: what a language knows is
tested from its own data, so a new language brings its tests with its folder.

examples.yaml (sentences written by the bilat team in that language):

    events:                      # text -> the events extraction must find (type, actors, date)
      - text: "..."
        published: 2024-05-06    # optional: the report's date
        expect:
          - [MEETING, [IT, TN], 2024-05-05]
        # expect: [] is a trap: a sentence with the words but no bilateral event
    facts:
      - text: "..."
        published: 2024-05-06
        expect:
          - [TRADE_TOTAL, [IT, TN], 4700000000, "2023"]
    times:                       # a time expression -> its value (YYYY[-MM[-DD]])
      - text: "..."
        published: 2024-05-06
        value: 2024-05-05
"""

from __future__ import annotations

import pytest

from bilat import lang
from bilat.extract import extract_document
from bilat.model import Document


def _rows(section: str) -> list:
    out = []
    for code in lang.languages():
        data = lang.load(code, "examples") or {}
        for n, row in enumerate(data.get(section) or [], start=1):
            out.append(pytest.param(code, row, id=f"{code}-{section}-{n}"))
    return out


def _doc(code: str, row: dict) -> Document:
    published = row.get("published")
    return Document(doc_id="x", source="examples.yaml", text=str(row["text"]), content_id="x",
                    title=row.get("title"), published=str(published) if published else None,
                    language=code)


def test_every_language_has_examples():
    missing = [c for c in lang.languages() if not (lang.load(c, "examples") or {}).get("events")]
    assert not missing, f"languages without example events: {missing}"


@pytest.mark.parametrize(("code", "row"), _rows("events"))
def test_event_examples(code, row):
    got = {(e.type, frozenset(e.actors), e.date_start)
           for e in extract_document(_doc(code, row)).events}
    want = {(t, frozenset(a), str(d) if d is not None else None) for t, a, d in row["expect"]}
    if not want:
        assert not got, f"a trap gave events: {got}"
    else:
        assert want <= got, f"missing {want - got}; got {got}"


@pytest.mark.parametrize(("code", "row"), _rows("facts"))
def test_fact_examples(code, row):
    got = {(f.metric, frozenset(x for x in (f.source_country, f.target_country) if x),
            round(f.value), f.period) for f in extract_document(_doc(code, row)).facts}
    want = {(m, frozenset(p), round(float(v)), str(period) if period is not None else None)
            for m, p, v, period in row["expect"]}
    assert want <= got, f"missing {want - got}; got {got}"


@pytest.mark.parametrize(("code", "row"), _rows("times"))
def test_time_examples(code, row):
    from bilat.analysis.dates import find_times

    published = str(row["published"]) if row.get("published") else None
    values = {t.value for t in find_times(str(row["text"]), code, published)}
    assert str(row["value"]) in values, values

"""The scores on ../shared/dev and ../shared/train as gates: a change that loses accuracy on
either fails CI.

The floors sit just under the figures reached; raise them when the figures rise. A floor may
move down (dev by 0.03 at most) only in a commit where the blind figures and train rise more.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilat.batch import run
from bilat.config import Settings
from bilat.eval.score import score
from bilat.extract.record import document_record
from bilat.model import ReadError

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DEV = SHARED / "dev"
FLOORS = {
    "dev": {"event_strict": 0.84, "event_loose": 0.89, "fact": 0.92},  # .864 .911 .947
    "train": {"event_strict": 0.63, "event_loose": 0.73, "fact": 0.72},  # .653 .757 .745
}
# per language of train (event strict): the languages added as data folders must hold. A
# document counts under the language detected for it: since function words decide pages the
# model misread, two Indonesian pages once read as English count as id (their events were
# lost as English; id's own documents score as before), so id's figure fell with its pool.
LANGUAGE_FLOORS: dict[str, float] = {"it": 0.67, "pt": 0.70, "id": 0.61}  # .699 .727 .641


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request):
    name = request.param
    folder = SHARED / name
    if not (folder / "docs.jsonl").exists():
        pytest.skip(f"../shared/{name} is absent")
    golds = {}
    for p in sorted((folder / "gold").glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        golds[str(data.get("doc", p.stem))] = data
    preds = {}
    for outcome in run([str(folder / "docs.jsonl")], Settings()):
        assert not isinstance(outcome, ReadError), outcome
        record = document_record(*outcome)
        preds[record["doc"]] = record
    assert set(golds) <= set(preds)
    totals, _ = score(golds, preds)
    return name, totals, golds, preds


def test_score_floors(scored):
    name, totals, _, _ = scored
    low = {k: round(totals[k].f1, 3) for k, floor in FLOORS[name].items()
           if totals[k].f1 < floor}
    assert not low, (name, low, FLOORS[name])


def test_language_floors(scored):
    from bilat.eval.breakdown import by_language

    name, _, golds, preds = scored
    if name != "train":
        return
    rows = by_language(golds, preds)
    low = {code: round(rows[code]["event_strict"].f1, 3) for code, floor in
           LANGUAGE_FLOORS.items() if rows[code]["event_strict"].f1 < floor}
    assert not low, (low, LANGUAGE_FLOORS)


def test_no_event_documents_stay_empty():
    """Articles with no bilateral event (weather, markets) yield nothing."""
    if not (DEV / "docs.jsonl").exists():
        pytest.skip("../shared/dev is absent")
    empty = set()
    for p in (DEV / "gold").glob("*.json"):
        data = json.loads(p.read_text(encoding="utf-8"))
        if not data.get("events") and not data.get("facts"):
            empty.add(str(data.get("doc", p.stem)))
    found = {}
    for outcome in run([str(DEV / "docs.jsonl")], Settings()):
        if not isinstance(outcome, ReadError) and outcome[0].doc_id in empty:
            found[outcome[0].doc_id] = len(outcome[1].events) + len(outcome[1].facts)
    assert sum(found.values()) <= 1, found

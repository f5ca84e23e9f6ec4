"""bilat's scorer agrees with the reference scorer in ../shared/eval/score.py."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from bilat.eval.score import KINDS, normalize_period, score

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOLD = SHARED / "dev" / "gold"


def _reference():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip("../shared/eval/score.py is absent")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _golds() -> dict[str, dict]:
    out = {}
    for p in sorted(GOLD.glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        out[str(data.get("doc", p.stem))] = data
    return out


def _perturbed(golds: dict[str, dict]) -> dict[str, dict]:
    """Predictions that are partly right: dates coarsened, a type changed, facts off by 1-5 %."""
    preds = {}
    for i, (doc, gold) in enumerate(sorted(golds.items())):
        if i % 7 == 3:
            continue  # a document with no prediction at all
        events = []
        for j, e in enumerate(gold.get("events", [])):
            e = dict(e)
            if j % 3 == 1 and e.get("date_start"):
                e["date_start"] = e["date_start"][:4]
            if j % 4 == 2:
                e["type"] = "OTHER"
            events.append(e)
        facts = []
        for j, f in enumerate(gold.get("facts", [])):
            f = dict(f)
            f["value"] = f["value"] * (1.01 if j % 2 else 1.05)
            facts.append(f)
        preds[doc] = {"doc": doc, "events": events, "facts": facts}
    return preds


def test_scores_agree_with_reference_on_dev_gold():
    if not GOLD.is_dir():
        pytest.skip("../shared/dev/gold is absent")
    reference = _reference()
    golds = _golds()
    preds = _perturbed(golds)
    expected, _ = reference.score(preds, GOLD)
    totals, per_doc = score(golds, preds)
    assert len(per_doc) == expected["documents"]
    for kind in KINDS:
        assert totals[kind].as_dict() == expected[kind], kind
    assert 0 < totals["event_strict"].f1 < totals["event_loose"].f1 < 1


def test_perfect_and_empty_predictions():
    gold = {"d": {"events": [{"type": "VISIT", "actors": ["VN", "BE"],
                              "date_start": "2023-08-21"}], "facts": []}}
    perfect, _ = score(gold, {"d": {"events": [{"type": "VISIT", "actors": ["BE", "VN"],
                                                "date_start": "2023-08-21"}]}})
    assert perfect["event_strict"].f1 == 1.0
    empty, _ = score(gold, {})
    assert empty["event_strict"].recall == 0.0
    coarse, _ = score(gold, {"d": {"events": [{"type": "MEETING", "actors": ["BE", "VN"],
                                               "date_start": "2023-08"}]}})
    assert coarse["event_strict"].tp == 0 and coarse["event_loose"].tp == 1


@pytest.mark.parametrize("period, expected", [
    ("2023-H1", "2023-01..2023-06"), ("2022-H2", "2022-07..2022-12"),
    ("2023-01/2023-07", "2023-01..2023-07"), ("2023..2023", "2023"), (None, None),
])
def test_period_normalisation(period, expected):
    assert normalize_period(period) == expected

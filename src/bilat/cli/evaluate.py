"""`bilat eval`: extract from inputs and score against a directory of gold files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from bilat.config import Settings
from bilat.model import ReadError


def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of gold DOC.json files.")],
    paths: Annotated[list[str], typer.Argument(help="Inputs to extract from.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    verbose: Annotated[bool, typer.Option(help="Per-document F1 too.")] = False,
    workers: Annotated[int, typer.Option(help="Processes to use.")] = 1,
    by: Annotated[list[str] | None, typer.Option(
        "--by", help="Break the scores down: language, type, family (repeatable).")] = None,
) -> None:
    """Event (strict, loose) and fact precision, recall and F1 against GOLD_DIR."""
    from rich.console import Console
    from rich.table import Table

    from bilat.batch import run
    from bilat.cli.output import terminal_safe
    from bilat.eval.score import KINDS, score
    from bilat.extract.record import document_record
    from bilat.know.escaping import printable

    if not gold_dir.is_dir():
        raise typer.BadParameter(f"{gold_dir}: not a directory", param_hint="GOLD_DIR")
    golds = {}
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        golds[str(data.get("doc", path.stem))] = data
    settings = Settings.from_env().with_overrides(workers=workers)
    preds = {}
    for outcome in run(paths, settings):
        if isinstance(outcome, ReadError):
            # a file name or a reason may hold ESC and the like: shown, not obeyed
            print(f"bilat: {printable(outcome.source)}: {printable(outcome.reason)}",
                  file=sys.stderr)
            continue
        record = document_record(*outcome)
        preds[record["doc"]] = record
    totals, per_doc = score(golds, preds)
    views = set(by or ())
    if views - {"language", "type", "family"}:
        raise typer.BadParameter("language, type or family", param_hint="--by")
    from bilat.eval.breakdown import by_language, by_type, error_families

    breakdown = {}
    if "language" in views:
        breakdown["language"] = {code: {k: r[k].as_dict() for k in KINDS}
                                 for code, r in by_language(golds, preds).items()}
    if "type" in views:
        breakdown["type"] = {t: r.as_dict() for t, r in by_type(golds, preds).items()}
    if "family" in views:
        breakdown["family"] = dict(error_families(golds, preds).most_common())
    if as_json:
        result = {k: totals[k].as_dict() for k in KINDS}
        result["documents"] = len(per_doc)
        result.update(breakdown)
        if verbose:
            result["per_document"] = {d: {k: round(r[k].f1, 4) for k in KINDS}
                                      for d, r in per_doc.items()}
        print(json.dumps(result, indent=2))
        return
    console = Console()
    if verbose:
        rows = Table("doc", *KINDS, title="per document F1")
        for doc, r in per_doc.items():
            rows.add_row(terminal_safe(doc), *(f"{r[k].f1:.3f}" for k in KINDS))
        console.print(rows)
    table = Table("", "precision", "recall", "f1", "tp", "pred", "gold",
                  title=f"{len(per_doc)} documents")
    for k in KINDS:
        t = totals[k]
        table.add_row(k, f"{t.precision:.3f}", f"{t.recall:.3f}", f"{t.f1:.3f}",
                      str(t.tp), str(t.predicted), str(t.gold))
    console.print(table)
    for code, rows in (breakdown.get("language") or {}).items():
        console.print(f"{terminal_safe(code):4s} " + "  ".join(
            f"{k} {rows[k]['f1']:.3f} ({rows[k]['tp']}/{rows[k]['predicted']}/{rows[k]['gold']})"
            for k in KINDS))
    for kind, row in (breakdown.get("type") or {}).items():
        console.print(f"{terminal_safe(kind):22s} P {row['precision']:.3f}  R {row['recall']:.3f}"
                      f"  F1 {row['f1']:.3f}  ({row['tp']}/{row['predicted']}/{row['gold']})")
    if breakdown.get("family"):
        console.print("event errors: " + ", ".join(
            f"{family} {n}" for family, n in breakdown["family"].items()))


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate)

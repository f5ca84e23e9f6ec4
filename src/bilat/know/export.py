"""Export rows: merged events (SCHEMA.md, flat, or PLOVER 2.0) and fact series points.

Pure functions from the record's dicts to flat rows; writing files is the CLI's job.
"""

from __future__ import annotations

import json
from typing import Any

from bilat.know.series import Series
from bilat.know.timeline import merged_record

EVENT_COLUMNS = ("id", "type", "plover", "mode", "actors", "actor", "recipient", "date_start",
                 "date_end", "status", "status_now", "people", "location", "evidence",
                 "source_count", "sources")
FACT_COLUMNS = ("metric", "from", "to", "period", "value", "unit", "conflict", "values",
                "source_count", "sources")
PLOVER_COLUMNS = ("id", "date", "enddate", "actor", "recipient", "event", "mode",
                  "event_text", "text", "link")


def event_rows(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per merged event, SCHEMA.md "Merged events" fields, with `status_now` (the
    status as of today, bilat.know.status) beside the stored `status` when the caller set
    it (None otherwise)."""
    rows = []
    for e in events:
        row = merged_record(e)
        rows.append({k: e.get("status_now") if k == "status_now" else row[k]
                     for k in EVENT_COLUMNS})
    return rows


def plover_rows(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """PLOVER 2.0 JSON fields. actor/recipient are the direction the sources read (ISO
    3166 alpha-2 codes); a symmetric event (talks, relations established) keeps its actors
    in the order reported. event_text is the best evidence sentence, text every source's
    sentence, link the first source's address."""
    out = []
    for e in events:
        actors = list(e.get("actors") or [])
        actor = e.get("actor") or (actors[0] if actors else None)
        recipient = e.get("recipient") or next((a for a in actors if a != actor), None)
        sources = e.get("sources") or []
        out.append({
            "id": e["id"], "date": e.get("date_start"), "enddate": e.get("date_end"),
            "actor": actor, "recipient": recipient, "event": e.get("plover"),
            "mode": e.get("mode"), "event_text": e.get("evidence"),
            "text": " ".join(s.get("evidence") or "" for s in sources).strip(),
            "link": next((s.get("url") for s in sources if s.get("url")), None),
        })
    return out


def fact_rows(series: list[Series]) -> list[dict[str, Any]]:
    """One row per series point: the value most sources give, every value, the conflict."""
    rows = []
    for s in series:
        for p in s.points:
            rows.append({"metric": s.metric, "from": s.source, "to": s.target,
                         "period": p.period, "value": p.value, "unit": s.unit,
                         "conflict": p.conflict, "values": p.values,
                         "source_count": len({f.doc for f in p.figures}),
                         "sources": [{"doc": f.doc, "language": f.language, "value": f.value,
                                      "evidence": f.evidence} for f in p.figures]})
    return rows


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row for CSV: lists of names joined with ';', nested sources as JSON."""
    out = {}
    for k, v in row.items():
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            out[k] = ";".join(v)
        elif isinstance(v, list | dict):
            out[k] = json.dumps(v, ensure_ascii=False)
        else:
            out[k] = v
    return out

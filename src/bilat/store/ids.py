"""Stable ids of stored events and facts (a hash of what they say and where)."""

from __future__ import annotations

import hashlib
import json

from bilat.model import Event, Fact


def _id(*parts: object) -> str:
    raw = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def event_id(content_id: str, e: Event) -> str:
    return _id(content_id, e.type, sorted(e.actors), e.date_start, e.sentence, e.evidence)


def fact_id(content_id: str, f: Fact) -> str:
    return _id(content_id, f.metric, f.source_country, f.target_country, f.value, f.period,
               f.sentence)

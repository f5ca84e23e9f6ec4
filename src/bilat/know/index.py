"""The search index in the store, and searches over it (the pure part is bilat.know.search).

Building (`build_index`) numbers every document (not a near-duplicate copy) and every event as
an item, writes its term postings and its embedding: a document's title and first sentences,
an event's evidence sentence (taken from event_vectors when merging already embedded it, and
written there when not, so neither embeds it twice). Only items not yet indexed are read, in
batches committed one by one: an interrupted run keeps what it finished, a second run over
the same store changes nothing.

Vectors are kept as bfloat16 (half the bytes to read; rank order is unchanged for all
practical purposes) in IVF lists: k-means centroids over the embeddings, each vector stored
with the list of its nearest centroid, the table sorted by list. A search scores the vectors
of the few lists nearest the query, so its cost does not grow with the store; a small store
(under IVF_MIN vectors) has one list and every vector is scored.

A search counts nothing: document frequencies and per-kind totals are kept as items are
written, each posting carries its BM25 weight and rank, and only the best few thousand of a
term are read. Filters become a boolean mask over item numbers, from the item lists of the
values they name (search_labels) and the date bounds, read once per open store and kept
(StoreFilters); both rankings use the mask.
"""

from __future__ import annotations

import math
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from bilat.config import Settings
from bilat.know.embed import Embedder
from bilat.know.search import (
    DOCUMENT,
    EVENT,
    FILTERED_POSTINGS,
    K1,
    KIND_NAMES,
    MAX_POSTINGS,
    NO_DATE_HI,
    NO_DATE_LO,
    TOP_POSTINGS,
    B,
    Filters,
    Stats,
    bm25_top,
    check_query,
    date_hi,
    date_lo,
    date_number,
    filter_mask,
    first_sentences,
    informative,
    item_terms,
    query_terms,
    rrf,
    tf_weight,
)
from bilat.store import Store
from bilat.store import search_index as sx
from bilat.store.search_index import item_count

BATCH = 64  # items embedded and committed together
IVF_MIN = 30_000  # below this many vectors: one list, every vector scored
LIST_SIZE = 2_000  # vectors per IVF list aimed at when training
PROBE_VECTORS = 16_000  # about how many vectors an unfiltered search scores
PROBE_FILTERED = 4_000  # about how many filtered vectors a filtered search scores
BRUTE_MAX = 8_000  # a filter leaving at most this many items: score all of them
LIST_READ_RATIO = 4  # read whole lists while they hold at most this many vectors per item
ROW_GROUP = 122_880  # DuckDB's row group: below it, sorting cannot prune anything
ID_PAGE = 20_000  # ids of unindexed documents or events read at a time
MAX_LISTS = 4_096  # IVF lists at most: the sample and the score matrices stay bounded
SAMPLE_MAX = 100_000  # vectors k-means trains on at most (150 MB as float32)
ASSIGN_CELLS = 1 << 24  # vectors x lists scored at a time when assigning (64 MB)

Progress = Callable[[int, int], None]


@dataclass
class IndexSummary:
    documents: int = 0
    events: int = 0
    reused_vectors: int = 0  # event vectors found in event_vectors, not embedded again
    lists: int = 0
    retrained: bool = False
    resorted: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class SearchHit:
    rank: int
    score: float  # reciprocal-rank fusion score
    kind: str  # "document" or "event"
    id: str  # a document's content id, an event's id
    doc_id: str
    content_id: str
    date: str | None
    language: str | None
    type: str | None  # an event's type; a document's event types, comma-separated
    countries: list[str]
    title: str | None
    text: str | None  # an event's evidence; a document's first sentences
    bm25_rank: int | None
    vector_rank: int | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- building ---------------------------------------------------------------------------------
def pending(store: Store) -> tuple[int, int]:
    """How many documents and events are not indexed yet.

    Counts, not an anti-join: documents and events are never deleted, so a count that matches
    means nothing is missing, and a search pays a few ms to know it.
    """
    docs, events, have = sx.stored_counts(store)
    return max(docs - have.get(DOCUMENT, 0), 0), max(events - have.get(EVENT, 0), 0)


def build_index(store: Store, embedder: Embedder, progress: Progress | None = None,
                batch: int = BATCH, duckdb_memory: str | None = Settings.duckdb_memory
                ) -> IndexSummary:
    """Index every document and event not indexed yet; then retrain lists or re-sort tables
    when the store has grown enough to need it. DuckDB's memory is capped at `duckdb_memory`
    meanwhile: its sorts of postings and vectors spill to disk beyond."""
    started = time.perf_counter()
    summary = IndexSummary()
    docs, events = pending(store)
    with store.memory_ceiling(duckdb_memory):
        if docs or events:
            _index_pending(store, embedder, docs + events, summary, progress, batch)
        summary.retrained, summary.resorted = maintain(store)
    summary.lists = _list_count(store)
    summary.seconds = time.perf_counter() - started
    return summary


def _index_pending(store: Store, embedder: Embedder, total: int, summary: IndexSummary,
                   progress: Progress | None, batch: int) -> None:
    """Items for the documents and events not indexed yet, a page of ids at a time, each
    batch embedded and committed on its own."""
    centroids = _centroids(store)
    done = 0
    if progress:
        progress(0, total)
    for kind in (DOCUMENT, EVENT):
        after = None
        while page := sx.unindexed(store, kind, after, ID_PAGE):
            after = page[-1]
            ids = [key[-1] for key in page]
            for chunk in _chunks(ids, batch):
                rows = (_document_rows(store, chunk) if kind == DOCUMENT
                        else _event_rows(store, chunk, embedder, summary))
                vectors = (embedder.passages([r["embed"] for r in rows]) if kind == DOCUMENT
                           else np.stack([r["vector"] for r in rows]))
                with store.transaction():
                    _write_items(store, kind, rows, vectors, centroids)
                done += len(chunk)
                if kind == DOCUMENT:
                    summary.documents += len(chunk)
                else:
                    summary.events += len(chunk)
                if progress:
                    progress(done, max(total, done))


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def _document_rows(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """Documents with what filters need from their events: types, countries, a date."""
    out = []
    for cid, title, text, language, published, types, countries, latest in sx.document_rows(
            store, ids):
        # A document without a publication date is dated by its latest event: that is most
        # likely the news it reports.
        date = published if date_lo(published) else latest
        lead = first_sentences(text)
        out.append({
            "ref_id": cid, "content_id": cid, "language": language, "date": date,
            "types": types or [], "countries": countries or [],
            "terms": item_terms(f"{title or ''}\n{text or ''}", countries or [], types or []),
            "embed": f"{title}. {lead}" if title and not lead.startswith(title) else lead,
        })
    return out


def _event_rows(store: Store, ids: list[str], embedder: Embedder,
                summary: IndexSummary) -> list[dict[str, Any]]:
    """Events with their document's language and their evidence vector (reused or made)."""
    out = []
    for eid, cid, etype, actors, date, evidence, language, vector in sx.event_rows(store, ids):
        out.append({
            "ref_id": eid, "content_id": cid, "language": language, "date": date,
            "types": [etype] if etype else [], "countries": sorted(actors or []),
            "terms": item_terms(evidence or "", actors or [], [etype] if etype else []),
            "embed": evidence or etype or "",
            "vector": None if vector is None else np.asarray(vector, dtype=np.float32),
        })
    missing = [r for r in out if r["vector"] is None]
    summary.reused_vectors += len(out) - len(missing)
    if missing:
        made = embedder.passages([r["embed"] for r in missing])
        for r, v in zip(missing, made, strict=True):
            r["vector"] = v
        # Kept for merging too: the same evidence sentence is never embedded twice.
        sx.save_event_vectors(store, [r["ref_id"] for r in missing], made.tolist())
    return out


def _write_items(store: Store, kind: int, rows: list[dict[str, Any]],
                 vectors: np.ndarray, centroids: np.ndarray | None) -> None:
    first = sx.next_item_no(store)
    numbers = list(range(first, first + len(rows)))
    lengths = [sum(r["terms"].values()) for r in rows]
    sx.insert_items(
        store, first, numbers, kind, [r["ref_id"] for r in rows],
        [r["content_id"] for r in rows], [r["language"] for r in rows],
        [r["date"] if date_lo(r["date"]) else None for r in rows],
        [date_number(date_lo(r["date"]), None) for r in rows],
        [date_number(date_hi(r["date"]), None) for r in rows], [r["types"] for r in rows],
        [r["countries"] for r in rows], lengths)
    items_of_kind, length_of_kind = sx.add_kind_counts(store, kind, len(rows), sum(lengths))
    avgdl = max(length_of_kind / max(items_of_kind, 1), 1e-9)
    terms, items, tfs, lens = [], [], [], []
    for no, r, length in zip(numbers, rows, lengths, strict=True):
        for term, tf in r["terms"].items():
            terms.append(term)
            items.append(no)
            tfs.append(min(tf, 65_535))
            lens.append(length)
    if terms:
        # Rank 0: read by every search until the table is next sorted and ranked.
        weights = tf_weight(np.array(tfs, dtype=np.float64), np.array(lens, dtype=np.float64),
                            avgdl).astype(np.float32)
        sx.insert_postings(store, kind, terms, items, tfs, lens, weights.tolist())
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    languages = [r["language"] or "" for r in rows]
    lists = [0] * len(rows)
    if centroids is not None:
        names, matrix = _mean_matrix(language_means(store))
        numbered = np.array([names.index(x) + 1 if x in names else 0 for x in languages])
        lists = assign_lists(center(vectors, numbered, matrix), centroids).tolist()
    sx.insert_vectors(store, numbers, lists, languages, encode_vectors(vectors))
    add_language_sums(store, languages, vectors)


def encode_vectors(vectors: np.ndarray) -> list[bytes]:
    """Vectors as stored: bfloat16 blobs (the upper half of each float32, rounded to nearest
    even). Half the bytes of float32, like float16, but read back with a shift instead of a
    conversion numpy does one number at a time (6 times faster); 8 bits of precision leave
    similarities within about 1e-3, which changes no ranking that matters."""
    bits = np.ascontiguousarray(vectors, dtype=np.float32).view(np.uint32)
    half = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)
    return [row.tobytes() for row in half]


def decode_vectors(half: np.ndarray) -> np.ndarray:
    """float32 vectors from bfloat16 ones (uint16, rows x dims): each number the upper half of
    a float32 whose lower half is zero."""
    out = np.zeros((half.shape[0], 2 * half.shape[1]), dtype=np.uint16)
    out[:, 1::2] = half  # little-endian: the upper half comes second
    return out.view(np.float32)


def add_language_sums(store: Store, languages: list[str], vectors: np.ndarray) -> None:
    """Add vectors to their language's running sum (float64: a million small additions)."""
    stored = {lang: (n, np.frombuffer(total, dtype=np.float64)) for lang, n, total in
              sx.language_sums(store)}
    for lang in sorted(set(languages)):
        rows = vectors[[i for i, x in enumerate(languages) if x == lang]]
        n, total = stored.get(lang, (0, np.zeros(vectors.shape[1], dtype=np.float64)))
        total = total + rows.astype(np.float64).sum(axis=0)
        sx.save_language_sum(store, lang, n + len(rows), total.tobytes())
    _means_cache.pop(store, None)


_means_cache: weakref.WeakKeyDictionary[Store, dict[str, np.ndarray]] = (
    weakref.WeakKeyDictionary())


def language_means(store: Store) -> dict[str, np.ndarray]:
    """The mean vector of each language, and of all ("*"), float32."""
    if store in _means_cache:
        return _means_cache[store]
    means: dict[str, np.ndarray] = {}
    n_all, sum_all = 0, None
    for lang, n, total in sx.language_sums(store):
        total = np.frombuffer(total, dtype=np.float64)
        means[lang] = (total / max(n, 1)).astype(np.float32)
        n_all += n
        sum_all = total if sum_all is None else sum_all + total
    if sum_all is not None:
        means["*"] = (sum_all / max(n_all, 1)).astype(np.float32)
    _means_cache[store] = means
    return means


# -- upkeep: IVF lists and sort order ---------------------------------------------------------
def maintain(store: Store, force: bool = False) -> tuple[bool, list[str]]:
    """Retrain the IVF lists when the store has doubled since they were trained (or has just
    outgrown one list); re-sort postings by term when enough unsorted rows have piled up for
    zone maps to stop pruning. Returns (retrained, the tables re-sorted)."""
    n = sx.vector_count(store)
    trained = int(sx.meta(store, "trained_on") or 0)
    retrained = False
    resorted = []
    if n >= IVF_MIN and (force or not trained or n >= 2 * trained):
        train_lists(store)
        retrained = True
        resorted.append("search_vectors")
    elif _needs_sort(store, "search_vectors", n):
        sx.rewrite_sorted(store, "search_vectors", "list_id, item_no")
        resorted.append("search_vectors")
    postings = sx.postings_count(store)
    if force or _needs_sort(store, "search_postings", postings):
        sx.rewrite_postings(store, K1, B)
        resorted.append("search_postings")
    return retrained, resorted


def _needs_sort(store: Store, table: str, rows: int) -> bool:
    if rows <= ROW_GROUP:
        return False
    sorted_rows = int(sx.meta(store, f"{table}_sorted") or 0)
    return rows - sorted_rows > max(ROW_GROUP, rows // 10)


def train_lists(store: Store, seed: int = 0, iterations: int = 10,
                chunk: int = 50_000) -> int:
    """k-means centroids over a sample of the vectors, every vector assigned to its nearest,
    `chunk` vectors at a time, the vector table rewritten sorted by list. Returns the number
    of lists. Memory is bounded whatever the store's size: at most MAX_LISTS lists trained
    on at most SAMPLE_MAX vectors (beyond, lists grow longer instead of more numerous)."""
    n, top = sx.vector_extent(store)
    lists = min(max(2, round(n / LIST_SIZE)), MAX_LISTS)
    # ~40 sample points per centroid is plenty for k-means
    step = max(1, n // min(lists * 40, SAMPLE_MAX))
    names, matrix = _mean_matrix(language_means(store))
    # Lists are made of centred vectors: raw ones would cluster by language first, and a
    # query's nearest lists would hold little but its own language.
    _, langs, sample = _vectors(sx.sample_vectors(store, step, names))
    sample = center(sample, langs, matrix)
    centroids = kmeans(sample, min(lists, len(sample)), iterations, seed)
    del sample

    def assigned() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for start in range(0, top + 1, chunk):
            numbers, langs, vectors = _vectors(
                sx.vectors_between(store, start, start + chunk, names))
            if len(numbers):
                yield numbers, assign_lists(center(vectors, langs, matrix), centroids)

    sx.save_lists(store, assigned(), [c.astype(np.float32).tobytes() for c in centroids], n)
    _cache.pop(store, None)
    return len(centroids)


def kmeans(x: np.ndarray, k: int, iterations: int = 10, seed: int = 0) -> np.ndarray:
    """Spherical k-means (unit centroids, nearest by dot product), deterministic for a seed."""
    rng = np.random.default_rng(seed)
    x = np.ascontiguousarray(x, dtype=np.float32)
    centroids = _seeds(x, k, rng)
    for _ in range(iterations):
        labels = assign_lists(x, centroids)
        sums = np.zeros_like(centroids)
        order = np.argsort(labels, kind="stable")
        bounds = np.flatnonzero(np.diff(labels[order], prepend=-1))
        present = labels[order][bounds]
        sums[present] = np.add.reduceat(x[order], bounds, axis=0)
        empty = np.setdiff1d(np.arange(k), present)
        if len(empty):  # an empty list restarts at a random point rather than vanishing
            sums[empty] = x[rng.choice(len(x), size=len(empty), replace=False)]
        centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    return centroids.astype(np.float32)


def _seeds(x: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeding (each next seed drawn in proportion to its distance from the seeds
    so far): random seeds often land two in one cluster and leave another without."""
    chosen = [int(rng.integers(len(x)))]
    best = x @ x[chosen[0]]
    for _ in range(1, k):
        weights = np.maximum(1.0 - best, 0.0).astype(np.float64)
        total = weights.sum()
        pick = int(rng.choice(len(x), p=weights / total)) if total > 0 else int(
            rng.integers(len(x)))
        chosen.append(pick)
        np.maximum(best, x @ x[pick], out=best)
    return x[chosen].copy()


def assign_lists(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """The nearest centroid of each vector, in chunks (the score matrix is rows x lists: at
    most ASSIGN_CELLS numbers)."""
    out = np.empty(len(vectors), dtype=np.int32)
    chunk = max(256, ASSIGN_CELLS // max(len(centroids), 1))
    for start in range(0, len(vectors), chunk):
        out[start:start + chunk] = np.argmax(vectors[start:start + chunk] @ centroids.T, axis=1)
    return out


# -- searching --------------------------------------------------------------------------------
_cache: weakref.WeakKeyDictionary[Store, tuple[np.ndarray | None, int]] = (
    weakref.WeakKeyDictionary())


def _centroids(store: Store) -> np.ndarray | None:
    """The IVF centroids (None: one list), read once per open store and training."""
    trained = int(sx.meta(store, "trained_on") or 0)
    cached = _cache.get(store)
    if cached is not None and cached[1] == trained:
        return cached[0]
    rows = sx.centroid_blobs(store)
    centroids = (np.frombuffer(b"".join(rows), dtype=np.float32)
                 .reshape(len(rows), -1) if rows else None)
    _cache[store] = (centroids, trained)
    return centroids


def _list_count(store: Store) -> int:
    centroids = _centroids(store)
    return 1 if centroids is None else len(centroids)


def _vectors(res: dict[str, Any], keep: np.ndarray | None = None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(item numbers, language numbers, float32 vectors) from the store's vector rows (item_no,
    lang, vector: bfloat16 blobs; see bilat.store.search_index). `keep`: a mask over item
    numbers; rows outside it are dropped before their vectors are decoded. Blobs are joined
    and viewed as one array: one copy, no Python object per number."""
    numbers = np.asarray(res["item_no"], dtype=np.int64)
    langs = np.asarray(res["lang"], dtype=np.int64)
    blobs = res["vector"]
    if keep is not None and len(numbers):
        inside = numbers < len(keep)
        inside[inside] = keep[numbers[inside]]
        numbers, langs, blobs = numbers[inside], langs[inside], blobs[inside]
    if not len(numbers):
        return numbers, langs, np.zeros((0, 0), dtype=np.float32)
    half = np.frombuffer(b"".join(blobs), dtype=np.uint16)
    return numbers, langs, decode_vectors(half.reshape(len(numbers), -1))


def _mean_matrix(means: dict[str, np.ndarray]) -> tuple[list[str], np.ndarray | None]:
    """Language names and a matrix whose row 0 is the overall mean, row k the k-th
    language's (the numbering _vectors uses)."""
    if not means:
        return [], None
    names = sorted(k for k in means if k != "*")
    return names, np.stack([means["*"], *(means[k] for k in names)])


def center(vectors: np.ndarray, langs: np.ndarray, matrix: np.ndarray | None) -> np.ndarray:
    """Vectors less their language's mean (rows of `matrix`, by number), renormalised.

    A multilingual embedding carries a strong "which language" part: raw, an English query
    ranks nearly every English text above the Vietnamese report of the same event. Taking out
    each language's mean leaves mostly what the text is about (Libovický et al. 2020, "On the
    language neutrality of pre-trained multilingual representations").
    """
    if matrix is None:
        return vectors
    out = vectors - matrix[langs]
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
    return out


def _top(numbers: np.ndarray, langs: np.ndarray, vectors: np.ndarray, query: np.ndarray,
         matrix: np.ndarray | None, depth: int, feedback: int = 3) -> list[int]:
    """The best `depth` of these items for a (centred) query, after one round of feedback:
    the query moved towards its `feedback` best hits and the same candidates scored again.
    The best hits are mostly in the query's language, their neighbours in other languages
    are their translations: feedback carries the query across.

    Centred scores come from plain dot products, without a centred copy of the vectors:
    (v - m).q / |v - m|, with |v - m|^2 = |v|^2 - 2 v.m + |m|^2.
    """
    if not len(numbers):
        return []
    lang_of = langs
    scale = np.ones(len(numbers), dtype=np.float32)

    def scores(q: np.ndarray, raw: np.ndarray | None = None) -> np.ndarray:
        raw = vectors @ q if raw is None else raw
        if matrix is None:
            return raw
        return (raw - (matrix @ q)[lang_of]) * scale

    if matrix is None:
        result = scores(query)
    else:
        # v.q and v.m for every language mean m: one pass over the vectors (one BLAS call).
        both = vectors @ np.vstack([query[None, :], matrix]).T.astype(np.float32)
        own = both[np.arange(len(numbers)), 1 + lang_of]
        norm2 = (np.einsum("ij,ij->i", vectors, vectors) - 2 * own
                 + np.einsum("ij,ij->i", matrix, matrix)[lang_of])
        scale = 1.0 / np.sqrt(np.maximum(norm2, 1e-12))
        result = scores(query, both[:, 0])
    if feedback and len(result) > 2 * feedback:
        best = np.argpartition(-result, feedback - 1)[:feedback]
        top = center(vectors[best], lang_of[best], matrix)
        moved = query + top.mean(axis=0)
        result = scores(moved / max(float(np.linalg.norm(moved)), 1e-12))
    k = min(depth, len(result))
    best = np.argpartition(-result, k - 1)[:k]
    best = best[np.lexsort((numbers[best], -result[best]))]
    return numbers[best].tolist()


def centred_query(store: Store, vector: np.ndarray, query: str) -> np.ndarray:
    """A query's embedding less the mean of its language (all languages' when unknown)."""
    from bilat.analysis.language import detect_language

    names, matrix = _mean_matrix(language_means(store))
    if matrix is None:
        return vector
    lang = detect_language(query)
    number = names.index(lang) + 1 if lang in names else 0
    return center(vector[None, :], np.array([number]), matrix)[0]


class StoreFilters:
    """A FilterSource over a store: each value's item numbers and the date bounds read when a
    filter first needs them, then kept while the index holds as many items (items are only
    ever added; a different count drops everything read)."""

    def __init__(self, store: Store, count: int) -> None:
        self.store = store
        self.count = count
        self._items: dict[tuple[int, str], np.ndarray] = {}
        self._dates: tuple[np.ndarray, np.ndarray] | None = None
        self._lists: np.ndarray | None = None
        self._sizes: np.ndarray | None = None

    def size(self) -> int:
        return self.count

    def items(self, field: int, value: str) -> np.ndarray:
        key = (field, value)
        if key not in self._items:
            found = np.asarray(sx.label_items(self.store, field, value), dtype=np.int64)
            self._items[key] = found[found < self.count]
        return self._items[key]

    def lists(self) -> np.ndarray:
        """Every item's IVF list (-1: none)."""
        if self._lists is None:
            res = sx.item_lists(self.store, self.count)
            self._lists = np.full(self.count, -1, dtype=np.int32)
            self._lists[res["item_no"]] = res["list_id"]
        return self._lists

    def list_sizes(self) -> np.ndarray:
        """How many vectors each IVF list holds."""
        if self._sizes is None:
            lists = self.lists()
            self._sizes = np.bincount(lists[lists >= 0])
        return self._sizes

    def dates(self) -> tuple[np.ndarray, np.ndarray]:
        if self._dates is None:
            res = sx.item_dates(self.store, self.count, NO_DATE_LO, NO_DATE_HI)
            numbers = np.asarray(res["item_no"], dtype=np.int64)
            lo = np.full(self.count, NO_DATE_LO, dtype=np.int32)
            hi = np.full(self.count, NO_DATE_HI, dtype=np.int32)
            lo[numbers], hi[numbers] = res["lo"], res["hi"]
            self._dates = lo, hi
        return self._dates


_filters_cache: weakref.WeakKeyDictionary[Store, StoreFilters] = (
    weakref.WeakKeyDictionary())


def filter_source(store: Store) -> StoreFilters:
    count = item_count(store)
    source = _filters_cache.get(store)
    if source is None or source.count != count:
        source = _filters_cache[store] = StoreFilters(store, count)
    return source


def filtered(store: Store, filters: Filters) -> np.ndarray | None:
    """The items a filter leaves, as a mask over item numbers (None: no filter)."""
    return None if filters.empty else filter_mask(filters, filter_source(store))


_UNKNOWN: Any = object()  # "not looked up yet", as against None, "no filter"


def vector_ranking(store: Store, query: np.ndarray, filters: Filters,
                   depth: int, keep: np.ndarray | None = _UNKNOWN) -> list[int]:
    """Item numbers by similarity to the (centred) query vector, best first, at most `depth`;
    `keep`: what filtered() gave, when the caller has it.

    Small store: every (filtered) vector. Unfiltered: the lists nearest the query. Filtered:
    the filtered items of the nearest lists, as many lists as it takes to hold about as many
    of them as an unfiltered search scores (all of them when they are few), read by item
    number: a vector the filter drops is never read.
    """
    names, matrix = _mean_matrix(language_means(store))
    if keep is _UNKNOWN:
        keep = filtered(store, filters)

    def top(rows: dict[str, Any], mask: np.ndarray | None = None) -> list[int]:
        return _top(*_vectors(rows, mask), query, matrix, depth)

    centroids = _centroids(store)
    if centroids is None:
        return top(sx.all_vectors(store, names), keep)
    if keep is not None:
        if not keep.any():
            return []
        chosen = np.flatnonzero(keep)
        source = filter_source(store)
        of = source.lists()[chosen]
        if len(chosen) > BRUTE_MAX:
            # Filtered items per list, the lists nearest the query first, until enough.
            counts = np.bincount(of[of >= 0], minlength=len(centroids))
            order = np.argsort(-(centroids @ query), kind="stable")
            enough = int(np.searchsorted(np.cumsum(counts[order]), PROBE_FILTERED)) + 1
            lists = order[:enough]
        else:
            lists = np.unique(of[of >= 0])
        wanted = np.isin(of, lists)
        # Whole lists read in table order (each list's row groups only, the filter applied
        # before decoding) cost less per vector than items looked up one by one, but every
        # vector read costs: read them while they hold few more than the items wanted
        # (bench.search at 1 M documents: a ratio of 16 gave a worse p95 than 0 or 4).
        if source.list_sizes()[lists].sum() <= LIST_READ_RATIO * max(int(wanted.sum()), 1):
            return top(sx.vectors_of_lists(store, [int(x) for x in lists], names), keep)
        return top(sx.vectors_of_items(store, chosen[wanted].tolist(), names))
    total = item_count(store)
    probes = max(1, min(len(centroids), math.ceil(PROBE_VECTORS / (total / len(centroids)))))
    near = np.argsort(-(centroids @ query), kind="stable")[:probes]
    return top(sx.vectors_of_lists(store, [int(x) for x in near], names))


def search(store: Store, embedder: Embedder, query: str,
           filters: Filters | None = None, limit: int = 10) -> list[SearchHit]:
    """The best `limit` documents and events for a query, by fused BM25 and vector rank;
    ValueError for a query past MAX_QUERY_CHARS."""
    check_query(query)
    filters = filters or Filters()
    depth = max(50, 5 * limit)  # how deep each ranking goes before fusion
    keep = filtered(store, filters)
    if keep is not None and not keep.any():
        return []
    # The query is embedded in another thread while its words are looked up (the embedder
    # and the store both work outside the GIL): the two costs overlap instead of adding up.
    embedding = _EMBEDDING.submit(embedder.queries, [query]) if query.strip() else None
    by_words = _word_ranking(store, query, keep, depth)
    by_meaning: list[int] = []
    if embedding is not None:
        by_meaning = vector_ranking(store, centred_query(store, embedding.result()[0], query),
                                    filters, depth, keep)
    fused = rrf([by_words, by_meaning])[:limit]
    return _hits(store, fused, by_words, by_meaning)


# a few threads: a server answers several searches at once
_EMBEDDING = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bilat-query-embedding")


def _word_ranking(store: Store, query: str, keep: np.ndarray | None, depth: int) -> list[int]:
    """Item numbers by BM25 over the query's informative terms, best first, at most
    `depth`; `keep`: the filters' mask (None: no filter)."""
    share = 1.0 if keep is None else float(np.count_nonzero(keep)) / max(len(keep), 1)
    terms = query_terms(query)
    by_words: list[int] = []
    if terms:
        stats = Stats.from_rows(sx.term_stats(store, terms))
        terms = informative(terms, stats)
    if terms:
        # The best postings of each term by weight; more under a filter, which drops most of
        # them; every posting when that would be nearly all of a long list anyway.
        cut: int | None = max(TOP_POSTINGS, math.ceil(FILTERED_POSTINGS / share))
        while True:
            if cut is not None and cut > MAX_POSTINGS:
                cut = None
            rows = sx.postings(store, terms, cut)
            by_words = bm25_top(rows, terms, stats, depth, keep)
            # A filter that goes with the weights (a language, whose texts are longer) may
            # leave few of the best postings: then every posting of the terms.
            if cut is None or keep is None or len(by_words) >= depth:
                break
            cut = None
    return by_words


def _hits(store: Store, fused: list[tuple[int, float]], by_words: list[int],
          by_meaning: list[int]) -> list[SearchHit]:
    if not fused:
        return []
    items, docs, events = sx.hit_rows(store, [n for n, _ in fused])
    word_rank = {n: i for i, n in enumerate(by_words, start=1)}
    meaning_rank = {n: i for i, n in enumerate(by_meaning, start=1)}
    hits = []
    for rank, (no, score) in enumerate(fused, start=1):
        _, kind, ref, cid, language, date, types, countries = items[no]
        _, doc_id, title, text, _ = docs[cid]
        if kind == EVENT:
            _, etype, date, evidence = events[ref]
            body = evidence
        else:  # a document's date: published, or its latest event's (as filters see it)
            etype, body = ", ".join(types or []) or None, first_sentences(text)
        hits.append(SearchHit(
            rank=rank, score=round(score, 6), kind=KIND_NAMES[kind], id=ref, doc_id=doc_id,
            content_id=cid, date=date, language=language, type=etype,
            countries=list(countries or []), title=title, text=body,
            bm25_rank=word_rank.get(no), vector_rank=meaning_rank.get(no)))
    return hits

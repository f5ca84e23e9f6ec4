"""Near-duplicate detection: MinHash signatures over word shingles, with LSH bands.

A story re-posted with small edits shares most of its 5-word shingles with the first copy.
Signatures are cut into bands; two documents sharing any band hash are candidates, and a
candidate whose estimated Jaccard similarity reaches the threshold is a near-duplicate. Band
hashes are plain integers that a store can index and query, so finding candidates among a
million stored documents is one indexed look-up, not a scan.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import lru_cache

import numpy as np

SHINGLE = 5
_WORD = re.compile(r"\w+")


_PRIME = (1 << 61) - 1


@lru_cache(maxsize=4)
def _permutations(count: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    # a, b below 2**32 so that a * x + b stays inside 64 bits for 32-bit shingle hashes
    a = rng.integers(1, 1 << 32, size=count, dtype=np.uint64)
    b = rng.integers(0, 1 << 32, size=count, dtype=np.uint64)
    return a, b


def _shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """One 32-bit hash per run of `size` words: word hashes mixed by position, in numpy,
    rather than joining and hashing every run as a string."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64,
                    count=len(words))
    if len(h) < size:
        return np.asarray([int(np.bitwise_xor.reduce(h))], dtype=np.uint64)
    mixed = np.zeros(len(h) - size + 1, dtype=np.uint64)
    for k in range(size):  # a polynomial over the window, wrapping at 64 bits
        mixed = mixed * np.uint64(1_000_003) + h[k:len(h) - size + 1 + k]
    return (mixed ^ (mixed >> np.uint64(32))) & np.uint64(0xFFFFFFFF)


def signature(text: str, permutations: int = 64) -> list[int]:
    """The MinHash signature of a text (permutations unsigned 32-bit values).

    Shingles are hashed and permuted by universal hashing, all in numpy: a 600-word page
    takes a fraction of a millisecond.
    """
    x = _shingle_hashes(text)
    if not len(x):
        return [0xFFFFFFFF] * permutations
    a, b = _permutations(permutations)
    values = ((np.outer(x, a) + b) % _PRIME) & np.uint64(0xFFFFFFFF)
    return [int(v) for v in values.min(axis=0)]


def bands(sig: list[int], rows: int = 4) -> list[int]:
    """One 63-bit hash per band of `rows` values; equal bands make candidates."""
    out = []
    for b in range(0, len(sig), rows):
        chunk = np.asarray(sig[b:b + rows], dtype=np.uint32).tobytes()
        digest = hashlib.blake2b(chunk + bytes([b // rows]), digest_size=8).digest()
        out.append(int.from_bytes(digest, "big") >> 1)
    return out


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return float(np.mean(np.asarray(a) == np.asarray(b)))

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

import numpy as np

SHINGLE = 5
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> list[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def signature(text: str, permutations: int = 64) -> list[int]:
    """The MinHash signature of a text (permutations unsigned 32-bit values)."""
    from datasketch import MinHash

    m = MinHash(num_perm=permutations, seed=1)
    sh = shingles(text)
    if sh:
        m.update_batch(sh)
    return [int(v) for v in m.hashvalues]


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

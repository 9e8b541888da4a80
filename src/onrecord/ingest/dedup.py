"""Near-duplicate articles: wire copies of one story run by several outlets.

Takes an article, gives a MinHash signature over word 3-gram shingles, and an index that answers
"which stored article is this a copy of?" with MinHash LSH (datasketch). The estimated Jaccard
similarity of the shingle sets must reach :data:`THRESHOLD`; LSH only proposes candidates.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

from onrecord.model import Article

NUM_PERM = 64
THRESHOLD = 0.8  # wire copies differ in headlines, bylines and a trimmed paragraph or two
SHINGLE = 3
SCHEME = "affine32"  # datasketch's default; named so stored signatures are read back the same way
_WORD = re.compile(r"\w+")


def signature(article: Article) -> MinHash:
    """The signature of the article's body: datelines and photo captions differ between copies."""
    body = " ".join(block.span.text(article.text) for block in article.body_blocks()) or article.text
    words = _WORD.findall(body.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint64))


class NearDuplicates:
    """An index of article signatures keyed by article hash."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def add(self, key: str, minhash: MinHash) -> None:
        if key not in self._signatures:
            self._lsh.insert(key, minhash)
            self._signatures[key] = minhash

    def remove(self, key: str) -> None:
        if self._signatures.pop(key, None) is not None:
            self._lsh.remove(key)

    def original_of(self, minhash: MinHash) -> str | None:
        """The key of the most similar indexed article at or above the threshold, else None."""
        best, best_similarity = None, THRESHOLD
        for key in self._lsh.query(minhash):
            similarity = minhash.jaccard(self._signatures[key])
            if similarity >= best_similarity:
                best, best_similarity = key, similarity
        return best

"""Copies: republished and near-duplicate documents.

* A document's **shingles** are the overlapping runs of ``SHINGLE`` words of its normalised
  text (``shahid.text.normalize``: letter variants, diacritics and digits unified).
* A **MinHash** signature (datasketch, ``NUM_PERM`` permutations, fixed seed) estimates the
  Jaccard similarity of two shingle sets; **LSH** (datasketch ``MinHashLSH`` at
  ``LSH_THRESHOLD``) proposes candidate pairs without comparing every pair.
* Every candidate is **verified** on the exact shingle sets: a pair is a copy when its
  Jaccard similarity is at least ``COPY_JACCARD`` (near-duplicates: the same story with another
  headline or footer) or when one document reproduces at least ``COPY_CONTAINMENT`` of the
  other's shingles (a reprint inside a longer page).
* **Copy groups**: each document points to the earliest document it copies (by publication
  time, then id), and a group is everything that points, directly or not, to one **origin**.
  A late-arriving earlier document becomes the new origin. The grouping is a function of the
  set of documents: the order they are linked in does not matter.

Whether a pair is an LSH candidate depends only on the two signatures, and verification
only on the two texts, so incremental linking finds exactly the pairs a batch run finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from shahid.text.normalize import normalize

SHINGLE = 4
NUM_PERM = 128
SEED = 20130129
SCHEME = "affine32"  # datasketch's hashing scheme, pinned: stored signatures stay comparable
LSH_THRESHOLD = 0.15
COPY_JACCARD = 0.5
COPY_CONTAINMENT = 0.8
MIN_SHINGLES = 8  # shorter texts (a headline, a caption) are never called copies

_WORD_RE = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> frozenset[str]:
    """The word ``k``-shingles of the normalised text (a text of fewer words: one shingle)."""
    words = _WORD_RE.findall(normalize(text).text)
    if len(words) <= k:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i:i + k]) for i in range(len(words) - k + 1))


def minhash(sh: Iterable[str]) -> LeanMinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in sh])
    return LeanMinHash(m)


def signature_bytes(m: LeanMinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype="<u8").tobytes()


def from_bytes(b: bytes) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(b, dtype="<u8").astype(np.uint64), scheme=SCHEME)


@dataclass(frozen=True, slots=True)
class CopyPair:
    a: str  # doc ids, a < b
    b: str
    jaccard: float
    containment: float  # the share of the smaller document's shingles found in the other

    def to_dict(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "jaccard": round(self.jaccard, 4),
                "containment": round(self.containment, 4)}


def compare(x: frozenset[str], y: frozenset[str]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two shingle sets."""
    if not x or not y:
        return 0.0, 0.0
    inter = len(x & y)
    return inter / (len(x) + len(y) - inter), inter / min(len(x), len(y))


def is_copy(x: frozenset[str], y: frozenset[str]) -> tuple[bool, float, float]:
    j, c = compare(x, y)
    ok = min(len(x), len(y)) >= MIN_SHINGLES and (j >= COPY_JACCARD or c >= COPY_CONTAINMENT)
    return ok, j, c


class CopyIndex:
    """An LSH index of document signatures; ``add`` returns the candidate partners of a document."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.ids: set[str] = set()

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, doc_id: str, m: LeanMinHash) -> list[str]:
        """Insert ``doc_id`` and return the ids already indexed that are candidates with it."""
        if doc_id in self.ids:
            return []
        found = sorted(str(k) for k in self.lsh.query(m))
        self.lsh.insert(doc_id, m)
        self.ids.add(doc_id)
        return found


def copy_origins(stamps: Mapping[str, tuple[str, str]], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The origin of every document's copy group.

    ``stamps[doc] = (time, doc)`` orders documents (ISO time, then id); ``pairs`` are verified
    copy pairs. A document points to the earliest document it copies that is earlier than
    itself; its origin is the end of that chain.
    """
    best: dict[str, tuple[str, str]] = {}
    for a, b in pairs:
        if a not in stamps or b not in stamps:
            continue
        early, late = (a, b) if stamps[a] < stamps[b] else (b, a)
        cur = best.get(late)
        if cur is None or stamps[early] < cur:
            best[late] = stamps[early]
    pointer = {late: s[1] for late, s in best.items()}
    origin: dict[str, str] = {}
    for d in stamps:
        path = []
        x = d
        while x in pointer and x not in origin:
            path.append(x)
            x = pointer[x]
        root = origin.get(x, x)
        for p in path:
            origin[p] = root
        origin.setdefault(d, root)
    return origin

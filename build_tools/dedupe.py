"""Duplicate detection across cases: same original address, or near-identical article text.

The same article is often captured twice from two sites, with different chrome and small edits.
Each case gets a bottom-k sketch of its 5-character shingles (Simplified Han characters only);
two sketches estimate the Jaccard similarity of the texts. An inverted index over sketch hashes
keeps the work linear in the number of cases.
"""

from __future__ import annotations

import heapq
import zlib
import re
from collections import Counter

from build_tools.script import to_hans

SHINGLE = 5
SKETCH = 32
THRESHOLD = 0.8
MAX_POSTINGS = 64


def sketch(paragraphs: tuple[str, ...]) -> tuple[int, ...]:
    text = re.sub(r"[^\u3400-\u9fff]", "", to_hans("".join(paragraphs)))
    shingles = {text[i:i + SHINGLE] for i in range(max(1, len(text) - SHINGLE + 1))}
    # crc32 is deterministic across runs (unlike hash()) and fast; 32 bits are plenty for
    # estimating similarity (map, not a generator: this runs over every shingle of every case)
    return tuple(heapq.nsmallest(SKETCH, map(zlib.crc32, map(str.encode, shingles))))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Bottom-k estimate of the Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


class Index:
    def __init__(self) -> None:
        self._sketches: list[tuple[str, tuple[int, ...]]] = []
        self._by_hash: dict[int, list[int]] = {}

    def find(self, sk: tuple[int, ...]) -> tuple[str, float] | None:
        """The earlier case this sketch nearly duplicates, with the similarity, if any.

        A shingle shared by very many cases (a stock phrase) says nothing about duplication;
        its posting list is skipped, which keeps each lookup bounded as the archive grows."""
        shared: Counter = Counter()
        for h in sk:
            postings = self._by_hash.get(h)
            if postings and len(postings) <= MAX_POSTINGS:
                shared.update(postings)
        for index, count in shared.most_common(3):
            if count < SKETCH * THRESHOLD / 2:
                break
            name, other = self._sketches[index]
            score = similarity(sk, other)
            if score >= THRESHOLD:
                return name, score
        return None

    def add(self, name: str, sk: tuple[int, ...]) -> None:
        index = len(self._sketches)
        self._sketches.append((name, sk))
        for h in sk:
            self._by_hash.setdefault(h, []).append(index)

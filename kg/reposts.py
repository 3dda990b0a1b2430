"""Reposts are one source: fold exact and near-duplicate articles before extraction.

Chinese project news is reposted across sites with trivial changes (a site's header and footer, an editor's
name, a word or two). Counting each copy as an article would multiply every entity's sources and every
disagreement, and extract the same text again. Articles are compared on their normalised text (NFKC, letters
and digits only, lower case): the same normalised text is an exact repost; otherwise the Jaccard similarity of
their sets of character 5-grams decides, with MinHash (banded, locality-sensitive) to find the pairs worth
comparing, so that the work grows with the articles, not with their pairs. Candidate pairs are confirmed by
the exact Jaccard of their shingle sets, so the threshold means what it says.

The threshold was measured (benchmarks/repost_threshold.py) on the 182 real articles of tests/data/real: the
most similar two distinct articles share 0.071 of their 5-grams; a repost of each with a site header, a
footer and 5 characters changed keeps at least 0.60 (the shortest article, 144 characters), half of them
0.85; with 10 changed, all but one stay above 0.5. Folding at 0.5 leaves a 7x margin above distinct
articles, and never folds an article into one that quotes it whole and says more than that besides (a
superset has the similarity |smaller| / |larger| of their 5-gram sets).

A group of reposts keeps its first member by document id (the file name without extension, whatever order
the folders were named in): that one is extracted; the others become `Publication` records of it (file,
address, date, similarity), so the graph holds one document with every place it was published.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

from .model import Publication

SHINGLE = 5  # characters per shingle
THRESHOLD = 0.5  # Jaccard of shingle sets at or above which two articles are one (measured, see above)
BANDS, ROWS = 40, 4  # MinHash: 160 hashes; a pair at 0.5 becomes a candidate with probability 0.92, at 0.6 0.995
_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20240611)  # fixed: the same hashes in every process, every run
_A = _rng.integers(1, _PRIME, BANDS * ROWS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, BANDS * ROWS, dtype=np.uint64)
_KEEP = re.compile(r"[^\W_]+")  # letters (Han included) and digits


def normalise(text: str) -> str:
    """What two copies of one article share whatever their layout: letters and digits, NFKC, lower case."""
    return "".join(_KEEP.findall(unicodedata.normalize("NFKC", text))).lower()


def shingles(norm: str) -> frozenset[int]:
    """The article's character 5-grams, as stable 32-bit hashes (crc32: the same in every process)."""
    if len(norm) < SHINGLE:
        return frozenset([zlib.crc32(norm.encode("utf-8"))]) if norm else frozenset()
    return frozenset(zlib.crc32(norm[i:i + SHINGLE].encode("utf-8")) for i in range(len(norm) - SHINGLE + 1))


def signature(shingle_set: frozenset[int]) -> np.ndarray:
    """MinHash signature: the least of (a*x + b) mod p over the shingles, for each of the 160 (a, b)."""
    if not shingle_set:
        return np.full(BANDS * ROWS, _PRIME, dtype=np.uint64)
    x = np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set))
    return ((np.outer(x, _A) + _B) % _PRIME).min(axis=0)


def jaccard(a: frozenset, b: frozenset) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 1.0


@dataclass
class Folded:
    """The articles to extract, and for each kept document id the reposts folded into it."""

    sources: list
    publications: dict[str, tuple[Publication, ...]]

    @property
    def count(self) -> int:
        return sum(len(p) for p in self.publications.values())


def fold(sources: list, threshold: float = THRESHOLD) -> Folded:
    """Group `sources` (corpus.Source) into reposts; keep the first of each group by document id. The kept
    sources come in document id order."""
    order = sorted(range(len(sources)), key=lambda i: sources[i].meta.doc_id)
    rank = {i: r for r, i in enumerate(order)}
    norms = {i: normalise(sources[i].simplified) for i in order}
    parent = {i: i for i in order}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(keep: int, other: int) -> None:
        a, b = find(keep), find(other)
        if a != b:
            parent[max(a, b, key=rank.get)] = min(a, b, key=rank.get)

    exact: dict[str, int] = {}
    distinct = []
    for i in order:
        key = hashlib.sha256(norms[i].encode("utf-8")).hexdigest()
        if key in exact:
            union(exact[key], i)
        else:
            exact[key] = i
            distinct.append(i)
    for i, j, _ in near_pairs([norms[i] for i in distinct], threshold):
        union(distinct[i], distinct[j])
    groups: dict[int, list[int]] = {}
    for i in order:
        groups.setdefault(find(i), []).append(i)
    kept, publications = [], {}
    for i in order:
        if find(i) != i:
            continue
        kept.append(sources[i])
        others = groups[i][1:]
        if others:
            kept_set = shingles(norms[i])
            publications[sources[i].meta.doc_id] = tuple(
                publication(sources[j].meta, jaccard(kept_set, shingles(norms[j])), norms[j] == norms[i])
                for j in others)
    return Folded(kept, publications)


def near_pairs(norms: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """(i, j, similarity) of every two texts at or above `threshold`, i < j: MinHash bands find candidates,
    exact Jaccard confirms them."""
    sets = [shingles(n) for n in norms]
    buckets: dict[tuple[int, bytes], list[int]] = {}
    candidates: set[tuple[int, int]] = set()
    for i, s in enumerate(sets):
        sig = signature(s)
        for band in range(BANDS):
            key = (band, sig[band * ROWS:(band + 1) * ROWS].tobytes())
            for j in buckets.setdefault(key, []):
                candidates.add((j, i))
            buckets[key].append(i)
    found = []
    for i, j in sorted(candidates):
        sim = jaccard(sets[i], sets[j])
        if sim >= threshold:
            found.append((i, j, sim))
    return found


def publication(meta, similarity: float, exact: bool) -> Publication:
    """A folded article's record; `similarity` is with the article kept (a repost of a repost may be lower
    than the threshold)."""
    return Publication(doc_id=meta.doc_id, path=meta.path, url=meta.url, date=meta.date, date_source=meta.date_source,
                       title=meta.title, similarity=1.0 if exact else round(similarity, 3), exact=exact)

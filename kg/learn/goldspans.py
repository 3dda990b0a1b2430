"""Gold answers -> the character spans of every name in a cleaned document, per kind.

The gold files list names and surfaces, not offsets. Every surface of an entity the gold places in a
document is looked up in that document: in the original text (mapped through the cleaner's offset map)
and, normalised as the cleaner normalises it, in the cleaned text. Every occurrence is a span; where two
spans of one kind overlap, the longer wins (a brand inside a project name is a company span in the
company layer and part of a project span in the project layer: the layers are separate).
"""

from __future__ import annotations

import json
import unicodedata
from bisect import bisect_left
from pathlib import Path

from ..corpus import to_simplified
from ..model import Document

KINDS = ("projects", "companies", "parks")
MIN_SURFACE = 2


def surfaces_by_doc(gold: dict) -> dict[str, dict[str, set[str]]]:
    """{doc file name: {kind: surfaces}} for every entity the gold places in a document.

    Borderline entities count as names: finding them is not penalised, and they are name-shaped.
    """
    out: dict[str, dict[str, set[str]]] = {}

    def add(doc: str, kind: str, names) -> None:
        bucket = out.setdefault(doc, {k: set() for k in KINDS})[kind]
        bucket.update(n for n in names if isinstance(n, str) and len(n.strip()) >= MIN_SURFACE)

    for p in gold.get("projects", []):
        names = [p.get("name")] + list(p.get("aliases", []))
        for m in p.get("mentions", []):
            add(m["doc"], "projects", names + [m.get("surface")] + list(m.get("also_written", [])))
    for kind in ("companies", "parks"):
        for e in gold.get(kind, []):
            names = [e.get("name")] + list(e.get("aliases", []))
            names += [e["surface"]] if isinstance(e.get("surface"), str) else []
            names += list(e.get("also_written", []))
            for doc in e.get("docs", []):
                add(doc, kind, names)
    return out


def fold(text: str) -> str:
    """The cleaner's one-to-one character normalisation, enough to find a surface in cleaned text.

    Character for character (a character NFKC would expand, ㎡ -> m2, stays), so offsets are kept.
    """
    chars = [unicodedata.normalize("NFKC", c) for c in text]
    return to_simplified("".join(n if len(n) == 1 else c for n, c in zip(chars, text))).replace(",", "，")


def occurrences(haystack: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], haystack.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = haystack.find(needle, i + 1)
    return out


def spans_in(document: Document, surfaces: dict[str, set[str]]) -> dict[str, list[tuple[int, int]]]:
    """{kind: sorted non-overlapping (start, end) in document.text}."""
    offsets = document.offsets[:-1]
    folded = fold(document.text)
    out = {}
    for kind in KINDS:
        found: set[tuple[int, int]] = set()
        for s in surfaces.get(kind, ()):
            for a, b in occurrences(document.original, s):
                i, j = bisect_left(offsets, a), bisect_left(offsets, b)
                if i < j and document.offsets[i] >= a:
                    found.add((i, j))
            if "\n" not in s:
                found.update(occurrences(folded, fold(s)))
        out[kind] = longest_first(found)
    return out


def longest_first(spans) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= a or b <= s for a, b in kept):
            kept.append((s, e))
    return sorted(kept)


def read_gold(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))

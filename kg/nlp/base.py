"""What every kg_* component shares: its lexicon, and turning character ranges into spaCy spans."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, Span

from .. import lexicon, paths

DEFAULT_CONFIG = {"ontology_dir": str(paths.ONTOLOGY_DIR)}


def component_lexicon(ontology_dir: str) -> lexicon.Lexicon:
    return lexicon.load(Path(ontology_dir))


def to_spans(doc: Doc, items, label: str) -> list[Span]:
    """Spans for (start, end[, kb_id]) character ranges, in text order, duplicates dropped.

    A range whose edge falls inside a token (possible with jieba segmentation) has no span and is
    dropped: that is the cost of word segmentation this project measures.
    """
    spans, seen = [], set()
    for item in sorted(items):
        start, end = item[0], item[1]
        kb_id = item[2] if len(item) > 2 else ""
        if (start, end) in seen or start >= end:
            continue
        span = doc.char_span(start, end, label=label, kb_id=kb_id)
        if span is not None:
            seen.add((start, end))
            spans.append(span)
    return spans


def add_spans(doc: Doc, key: str, spans: list[Span]) -> None:
    """Append spans to a span group, keeping the group in text order."""
    existing = list(doc.spans[key]) if key in doc.spans else []
    doc.spans[key] = sorted(existing + spans, key=lambda s: (s.start_char, s.end_char, s.label_))


def ranges(doc: Doc, key: str, label: str | None = None) -> list[tuple[int, int]]:
    """The (start_char, end_char) of the spans in a group, optionally of one label."""
    if key not in doc.spans:
        return []
    return [(s.start_char, s.end_char) for s in doc.spans[key] if label is None or s.label_ == label]

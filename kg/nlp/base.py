"""What every kg_* component shares: its lexicon, and turning character ranges into spaCy spans."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, Span

from .. import lexicon, paths
from .text import SpanIndex

DEFAULT_CONFIG = {"ontology_dir": str(paths.ONTOLOGY_DIR)}
SENTENCES = "kg_sentences"  # doc.user_data key: the (start_char, end_char) of every sentence
TEXT = "kg_text"  # doc.user_data key: doc.text, which spaCy would rebuild from the tokens on every access


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


def ranges(doc: Doc, key: str, label: str | None = None) -> SpanIndex:
    """The (start_char, end_char) of the spans in a group, optionally of one label, indexed."""
    if key not in doc.spans:
        return SpanIndex()
    return SpanIndex((s.start_char, s.end_char) for s in doc.spans[key] if label is None or s.label_ == label)


def sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    """The sentences as character ranges (kg_sentences stores them; iterating doc.sents is slow)."""
    if SENTENCES in doc.user_data:
        return doc.user_data[SENTENCES]
    return [(s.start_char, s.end_char) for s in doc.sents]


def doc_text(doc: Doc) -> str:
    """doc.text, computed once per document."""
    if TEXT not in doc.user_data:
        doc.user_data[TEXT] = doc.text
    return doc.user_data[TEXT]

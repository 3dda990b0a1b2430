"""Stage 2, clean: undo PDF and web damage, keeping a map back to the original offsets.

PLACEHOLDER (minimal): identity. To be replaced by the full stage (issue 4).
"""

from __future__ import annotations

from .corpus import Source
from .model import Document


def clean_source(source: Source) -> Document:
    text = source.simplified
    return Document(source.meta, source.original, text, list(range(len(text) + 1)))

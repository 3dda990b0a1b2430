"""Stage 1, corpus: find input files, decode them, read their metadata.

PLACEHOLDER (minimal): UTF-8 .txt only. To be replaced by the full stage (issue 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import DocumentMeta


@dataclass
class Source:
    """A decoded article before cleaning. `simplified` has the same length as `original`."""

    meta: DocumentMeta
    original: str
    simplified: str


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def find_files(paths: list[Path]) -> list[Path]:
    files = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*.txt") if f.is_file()))
        else:
            files.append(p)
    return files


def read_sources(paths: list[Path]) -> tuple[list[Source], list[Problem]]:
    sources, problems = [], []
    for f in find_files(paths):
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(f), str(exc)))
            continue
        meta = DocumentMeta(doc_id=f.stem, path=str(f))
        sources.append(Source(meta, text, text))
    return sources, problems

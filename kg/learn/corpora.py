"""The annotated corpora the name model learns from and is measured on.

A corpus is a folder of articles and one gold file (entity ids shared across its articles). The real sets
(tests/data/real/<set>/texts + gold.json) are the measure; the invented sets (dev, holdout*) are extra
training text. The seeds are never trained on (their names must not enter the model), nor is any set
whose name starts with LOCKED_PREFIX (scored once per session, misses never read).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .. import clean, corpus, paths
from ..model import Document

DATA = paths.ROOT / "tests" / "data"
REAL = DATA / "real"
LOCKED_PREFIX = "locked"  # real sets never trained on


@dataclass(frozen=True)
class Corpus:
    name: str
    texts: Path  # folder of articles
    gold: Path

    @property
    def locked(self) -> bool:
        return self.name.startswith(LOCKED_PREFIX)


def real_corpora(root: Path = REAL) -> list[Corpus]:
    """Every real set with a gold file, locked ones included (callers decide what to do with them)."""
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else ():
        if (folder / "gold.json").is_file() and (folder / "texts").is_dir():
            out.append(Corpus(folder.name, folder / "texts", folder / "gold.json"))
    return out


def invented_corpora(root: Path = DATA) -> list[Corpus]:
    """The invented and dev sets (never the seeds)."""
    out = [Corpus("dev", root / "dev", root / "gold" / "dev.json")]
    for folder in sorted(root.glob("holdout*")):
        if (folder / "gold.json").is_file():
            out.append(Corpus(folder.name, folder, folder / "gold.json"))
    return [c for c in out if c.gold.is_file()]


def training_corpora(root: Path = DATA) -> list[Corpus]:
    """What `kg train` learns from: every real set except the locked ones, and the invented sets."""
    return [c for c in real_corpora(root / "real") if not c.locked] + invented_corpora(root)


def articles(c: Corpus, files: list[str] | None = None) -> Iterator[tuple[str, Document]]:
    """(file name, cleaned document) of the corpus's articles (or of `files` only), in file-name order: the
    order training reads them in, so that the same gold files give the same models."""
    wanted = None if files is None else set(files)
    sources, _ = corpus.read_sources([c.texts])
    for src in sorted(sources, key=lambda s: Path(s.meta.path).name):
        name = Path(src.meta.path).name
        if wanted is None or name in wanted:
            yield name, clean.clean_source(src)

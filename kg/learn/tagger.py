"""The trained name models: tag a document's characters, read spans from the tags.

One linear-chain CRF (crfsuite) per kind of name, B/I/O over characters, one sentence at a time. The
layers are separate because names nest: a brand (company layer) sits inside a project name (project layer).
Each span carries the model's confidence: the mean marginal probability of its tags.

Model files live in one folder (default `ontology/models/`): `names-<kind>.crfsuite` and `names.json`,
the manifest that says how they were trained (corpora, parameters, feature version, a digest of each model).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..lexicon import Lexicon
from .features import WordLists, document_features

KINDS = ("projects", "companies", "parks")
MODEL_DIR = paths.MODEL_DIR
MANIFEST = "names.json"
FEATURE_VERSION = 3  # bump when features.py changes what it emits: old models no longer fit


def model_file(folder: Path, kind: str) -> Path:
    return Path(folder) / f"names-{kind}.crfsuite"


@dataclass(frozen=True)
class TaggedSpan:
    start: int
    end: int
    confidence: float  # mean marginal probability of the span's tags


def decode(tags: list[str], offset: int = 0) -> list[tuple[int, int]]:
    """B/I/O tags -> (start, end) spans; an I after O starts a span (the model's rare inconsistency)."""
    out, start = [], None
    for i, t in enumerate(tags):
        if t == "B" or (t == "I" and start is None) or t == "O":
            if start is not None:
                out.append((start + offset, i + offset))
                start = None
            if t != "O":
                start = i
    if start is not None:
        out.append((start + offset, len(tags) + offset))
    return out


class NameTagger:
    """The models of one folder, loaded once; `tag` is called per document."""

    def __init__(self, lex: Lexicon, folder: Path = MODEL_DIR):
        import pycrfsuite

        self.folder = Path(folder)
        self.words = WordLists.from_lexicon(lex)
        self.taggers = {}
        for kind in KINDS:
            path = model_file(self.folder, kind)
            if path.is_file():
                tagger = pycrfsuite.Tagger()
                tagger.open(str(path))
                self.taggers[kind] = tagger

    @staticmethod
    def available(folder: Path = MODEL_DIR) -> bool:
        return all(model_file(folder, k).is_file() for k in KINDS) and (Path(folder) / MANIFEST).is_file()

    def tag(self, text: str, votes: dict, sentences: list[tuple[int, int]],
            wanted: dict[str, list[tuple[int, int]]] | None = None) -> dict[str, list[TaggedSpan]]:
        """{kind: spans} for a document, with each span's confidence.

        `wanted` names, per kind, the character ranges (the rule spans) whose probability of being a name
        the caller needs: it is left in `self.name_probability[kind]` (other characters stay 0). Marginals
        cost a call per character, so only those are computed.
        """
        from pycrfsuite import ItemSequence

        features = document_features(text, votes, self.words)
        out: dict[str, list[TaggedSpan]] = {k: [] for k in self.taggers}
        self.name_probability = {k: [0.0] * len(text) for k in self.taggers}
        wanted = wanted or {}
        for start, end in sentences:
            if end <= start:
                continue
            xseq = ItemSequence(features[start:end])  # converted once, tagged by every kind's model
            for kind, tagger in self.taggers.items():
                tags = tagger.tag(xseq)
                probs = self.name_probability[kind]
                for s, e in wanted.get(kind, ()):
                    for i in range(max(s, start), min(e, end)):
                        probs[i] = 1.0 - tagger.marginal("O", i - start)
                for s, e in decode(tags, start):
                    marg = [tagger.marginal("B" if i == s else "I", i - start) for i in range(s, e)]
                    out[kind].append(TaggedSpan(s, e, sum(marg) / len(marg)))
        return out


def manifest(folder: Path = MODEL_DIR) -> dict:
    path = Path(folder) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def digest(folder: Path = MODEL_DIR) -> str:
    """What identifies the trained models (for caches and the build summary)."""
    h = hashlib.sha256()
    for kind in KINDS:
        path = model_file(folder, kind)
        h.update(path.read_bytes() if path.is_file() else b"-")
    return h.hexdigest()[:16]

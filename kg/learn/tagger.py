"""The trained name models: tag a document's characters, read spans from the tags.

One linear-chain CRF (crfsuite) per kind of name, B/I/O over characters, one sentence at a time. The
layers are separate because names nest: a brand (company layer) sits inside a project name (project layer).
Each span carries the model's confidence: the mean marginal probability of its tags.

Model files live in one folder (default `ontology/models/`): `names-<kind>.crfsuite` and `names.json`,
the manifest that says how they were trained (corpora, parameters, feature version, a digest of each model).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from ..lexicon import Lexicon
from ..paths import MODEL_DIR
from .features import WordLists, document_features
from .goldspans import KINDS

MANIFEST = "names.json"
CONTEXT = 2  # characters each side that a character's features look at
MAX_SPAN = 400  # longest rule span looked back for when finding a sentence's spans
FEATURE_VERSION = 4  # bump when features.py changes what it emits: old models no longer fit


def model_file(folder: Path, kind: str) -> Path:
    return Path(folder) / f"names-{kind}.crfsuite"


@dataclass(frozen=True)
class TaggedSpan:
    start: int
    end: int
    confidence: float  # mean marginal probability of the span's tags


@dataclass
class Tagged:
    """What one kind's model read in a document."""

    spans: list[TaggedSpan]
    name_probability: list[float]  # per character, where asked for (see NameTagger.tag); 0 elsewhere


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

        self.words = WordLists.from_lexicon(lex)
        self.taggers = {}
        for kind in KINDS:
            path = model_file(folder, kind)
            if path.is_file():
                tagger = pycrfsuite.Tagger()
                tagger.open(str(path))
                self.taggers[kind] = tagger

    @staticmethod
    def available(folder: Path = MODEL_DIR) -> bool:
        return all(model_file(folder, k).is_file() for k in KINDS) and (Path(folder) / MANIFEST).is_file()

    def tag(self, text: str, votes: dict, sentences: list[tuple[int, int]],
            wanted: dict[str, list[tuple[int, int]]] | None = None,
            kinds: list[str] | None = None) -> dict[str, Tagged]:
        """{kind: Tagged} for a document: the model's spans with their confidence.

        Only sentences that could hold a name are tagged: one with a rule span of a name, or a head word,
        legal suffix or park suffix (a name without any of these is out of the model's reach too). Their
        features are computed on the sentence with two characters of context each side, which gives the
        same features as the whole document (features look two characters away and no further than a
        clause). `wanted` names, per kind, the character ranges (the rule spans) whose probability of being
        a name the caller needs: it is returned in `Tagged.name_probability` (other characters stay 0);
        marginals cost a call per character, so only those are computed. `kinds`: only these models.
        """
        from pycrfsuite import ItemSequence

        taggers = {k: t for k, t in self.taggers.items() if kinds is None or k in kinds}
        out = {k: Tagged([], [0.0] * len(text)) for k in taggers}
        wanted = {k: sorted(v) for k, v in (wanted or {}).items()}
        names = sorted(span for prefix in "PCK" for span in votes.get(prefix, ()))
        for start, end in self.candidate_sentences(text, sentences, names):
            lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
            local = {prefix: [(a - lo, b - lo) for a, b in spans if a < hi and lo < b]
                     for prefix, spans in votes.items()}
            features = document_features(text[lo:hi], local, self.words)[start - lo:end - lo]
            xseq = ItemSequence(features)  # converted once, tagged by every kind's model
            for kind, tagger in taggers.items():
                tags = tagger.tag(xseq)
                probs = out[kind].name_probability
                spans = wanted.get(kind, [])
                for s, e in spans[bisect_left(spans, (start - MAX_SPAN, 0)):bisect_left(spans, (end, 0))]:
                    for i in range(max(s, start), min(e, end)):
                        probs[i] = 1.0 - tagger.marginal("O", i - start)
                for s, e in decode(tags, start):
                    marg = [tagger.marginal("B" if i == s else "I", i - start) for i in range(s, e)]
                    out[kind].spans.append(TaggedSpan(s, e, sum(marg) / len(marg)))
        return out

    def candidate_sentences(self, text: str, sentences, names) -> list[tuple[int, int]]:
        """The sentences with a rule span of a name or a word that ends one."""
        kept = []
        for start, end in sentences:
            if end <= start:
                continue
            i = bisect_left(names, (start, 0))
            overlaps = (i < len(names) and names[i][0] < end) or (i and names[i - 1][1] > start)
            if overlaps or self.words.ends_a_name(text, start, end):
                kept.append((start, end))
        return kept


def digest(folder: Path = MODEL_DIR) -> str:
    """What identifies the trained models (for caches and the build summary)."""
    h = hashlib.sha256()
    for kind in KINDS:
        path = model_file(folder, kind)
        h.update(path.read_bytes() if path.is_file() else b"-")
    return h.hexdigest()[:16]

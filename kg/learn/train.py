"""`kg train`: the name models from the gold files, deterministically.

Every training article goes through corpus -> clean -> the rules-only nlp pipeline; its characters get
features (kg.learn.features) and B/I/O labels from the gold spans (kg.learn.goldspans); one CRF per kind
is fitted with L-BFGS (crfsuite, one thread). Same gold files and code, same model bytes: articles are
taken in sorted order and crfsuite has no randomness.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .. import lexicon, nlp
from ..nlp.base import sentence_ranges
from . import goldspans
from .corpora import Corpus, articles
from .features import WordLists, doc_votes, document_features
from .tagger import FEATURE_VERSION, KINDS, MANIFEST, digest, model_file

PARAMS = {"c1": 0.05, "c2": 0.1, "max_iterations": 200, "feature.possible_transitions": True}
# Every sentence is also learnt without the rule votes, so that the model learns the text's own cues
# (a brand's shape, a head word) and does not only copy the rules: it can then find what no rule read.
VOTELESS_COPY = True
VOTE_PREFIXES = tuple(p + "=" for p in "PRCKLQHA") + tuple(p + "+1" for p in "PRCKLQHA")


@dataclass
class Example:
    """One training article: its characters' features, sentences and gold spans per kind."""

    corpus: str
    file: str
    text: str
    features: list[list[str]]
    sentences: list[tuple[int, int]]
    gold: dict[str, list[tuple[int, int]]]

    def sequences(self, kind: str):
        """(features, labels) per sentence for one kind."""
        labels = ["O"] * len(self.text)
        for s, e in self.gold.get(kind, ()):
            labels[s] = "B"
            for i in range(s + 1, e):
                labels[i] = "I"
        for s, e in self.sentences:
            if e > s:
                yield self.features[s:e], labels[s:e]


def examples(corpora: Iterable[Corpus], lex: lexicon.Lexicon | None = None,
             progress: Callable[[str, int, int], None] | None = None) -> list[Example]:
    """Every article of the corpora as an Example, in sorted order."""
    lex = lex or lexicon.load()
    pipe = nlp.make_nlp(lex, model_dir=None)
    words = WordLists.from_lexicon(lex)
    out = []
    corpora = sorted(corpora, key=lambda c: c.name)
    for ci, c in enumerate(corpora):
        surfaces = goldspans.surfaces_by_doc(goldspans.read_gold(c.gold))
        for name, document in articles(c):
            doc = pipe(document.text)
            out.append(Example(c.name, name, document.text,
                               document_features(document.text, doc_votes(doc), words),
                               list(sentence_ranges(doc)),
                               goldspans.spans_in(document, surfaces.get(name, {}))))
        if progress:
            progress("read", ci + 1, len(corpora))
    return out


def fit(train: list[Example], out_dir: Path, params: dict | None = None,
        progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Fit one CRF per kind on `train` and write the models and their manifest into `out_dir`."""
    import pycrfsuite

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    params = {**PARAMS, **(params or {})}
    seconds = {}
    for i, kind in enumerate(KINDS):
        trainer = pycrfsuite.Trainer(verbose=False)
        for ex in train:
            for xseq, yseq in ex.sequences(kind):
                trainer.append(xseq, yseq)
                if VOTELESS_COPY:
                    trainer.append([[f for f in x if not f.startswith(VOTE_PREFIXES)] for x in xseq], yseq)
        trainer.set_params(params)
        started = time.perf_counter()
        trainer.train(str(model_file(out_dir, kind)))
        seconds[kind] = round(time.perf_counter() - started, 1)
        if progress:
            progress("train", i + 1, len(KINDS))
    info = {
        "feature_version": FEATURE_VERSION,
        "params": params,
        "articles": len(train),
        "characters": sum(len(ex.text) for ex in train),
        "corpora": sorted({ex.corpus for ex in train}),
        "spans": {k: sum(len(ex.gold.get(k, ())) for ex in train) for k in KINDS},
        "voteless_copy": VOTELESS_COPY,
        "digest": digest(out_dir),
    }
    (out_dir / MANIFEST).write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
    info["seconds"] = seconds  # not in the manifest: it would make the file differ between runs
    return info

"""The learned attachment model: which company builds which project, after the developer rules.

A maximum-entropy classifier (crfsuite on one-item sequences, which is logistic regression) over the
candidate (project, company) pairs of a document (kg.learn.pairs), trained from the gold files' project
`companies` lists. In the relate stage, after every rule ran, it adds a link the rules did not make when
its probability is at least `attach_add`, and removes a rule's link when its probability is below
`attach_drop` (0 by default: measured, removing gained nothing). The rules' link is one of its features.

The model file is `attach.crfsuite` in the models folder; without it relate runs the rules alone.
"""

from __future__ import annotations

from pathlib import Path

from ..model import DEVELOPER
from ..relate.state import DocState
from .pairs import Pair, pairs

MODEL_FILE = "attach.crfsuite"
# Measured by cross-validation over 278 real articles: adding at 0.7 gave companies agreement 0.768 -> 0.791
# (0.5: 0.783, 0.6: 0.788, 0.8: 0.788); removing rule links moved nothing (drop 0.1-0.3: +-0.001) and
# cost the seeds an inherited developer, so the model only adds by default.
THRESHOLDS = {"attach_add": 0.7, "attach_drop": 0.0}
NOTE = "learned attachment"


def model_path(folder: Path) -> Path:
    return Path(folder) / MODEL_FILE


class Attacher:
    """The attachment model of one folder, loaded once; `apply` is called per document."""

    def __init__(self, folder: Path, thresholds: dict | None = None):
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_path(folder)))
        self.links = "1" in self.tagger.labels()  # a model trained on no linked pair never links
        t = {**THRESHOLDS, **{k: v for k, v in (thresholds or {}).items() if k in THRESHOLDS}}
        self.add, self.drop = float(t["attach_add"]), float(t["attach_drop"])

    @staticmethod
    def available(folder: Path | None) -> bool:
        return folder is not None and model_path(folder).is_file()

    def probability(self, pair: Pair) -> float:
        self.tagger.set([pair.features])
        return self.tagger.marginal("1", 0) if self.links else 0.0

    def apply(self, s: DocState) -> None:
        """Add the links the model is sure of, remove the rule links it is sure are wrong."""
        for pair in pairs(s):
            p = self.probability(pair)
            if pair.rule and p < self.drop:
                for f in [f for f in s.facts_of(pair.project) if f.prop == DEVELOPER and f.value == pair.company]:
                    s.remove(f)
            elif not pair.rule and p >= self.add:
                s.add(pair.project, DEVELOPER, pair.company, s.evidence(s.sentences[pair.sentence]),
                      note=f"{NOTE} ({p:.2f})")

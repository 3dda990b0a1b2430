"""kg_attach: hands the learned attachment model (kg.learn.attacher) to the relate stage.

Which company builds which project is decided in relate, after the developer rules; the model that revises
their links is loaded here, with the name models of the same folder, so one pipeline carries every
trained model and a worker loads it once. The component only puts the loaded model in `doc.user_data`.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..paths import MODEL_DIR

ATTACHER = "kg_attacher"  # the doc.user_data key kg.relate reads the model from


@Language.factory("kg_attach", default_config={"model_dir": str(MODEL_DIR), "thresholds": {}})
def make_attach(nlp: Language, name: str, model_dir: str, thresholds: dict) -> "AttachLayer":
    return AttachLayer(Path(model_dir), thresholds)


class AttachLayer:
    def __init__(self, model_dir: Path, thresholds: dict):
        from ..learn.attacher import Attacher  # kg.learn reads kg.relate, which reads kg.nlp

        self.attacher = Attacher(model_dir, thresholds) if Attacher.available(model_dir) else None

    def __call__(self, doc: Doc) -> Doc:
        if self.attacher is not None:
            doc.user_data[ATTACHER] = self.attacher
        return doc

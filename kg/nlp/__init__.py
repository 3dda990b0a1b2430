"""The `nlp` stage: a blank Chinese spaCy pipeline with the project's own components.

    kg_sentences  sentence boundaries (。！？； and line breaks)
    kg_gazetteer  places and industry-chain names from the ontology    -> doc.spans["places"], ["chains"]
    kg_places     other places by suffix (X县, X旗, X苏木 …)             -> doc.spans["places"]
    kg_companies  companies by legal suffix and in company lists       -> doc.spans["companies"]
    kg_parks      industrial parks by suffix                           -> doc.spans["parks"]
    kg_captions   photo captions                                       -> doc.spans["captions"]
    kg_projects   project names and references to them                 -> doc.spans["projects"]
    kg_brands     company short names at the front of project names    -> doc.spans["companies"]
    kg_quantities money, capacity, area, jobs …                        -> doc.spans["quantities"]
    kg_names      the learned layer: trained CRFs move, add and drop       doc.spans["projects"],
                  the rule spans of names (kg.learn)                       ["companies"], ["parks"]
    kg_attach     the learned attachment model, for relate to revise       doc.user_data
                  the developer rules' links with (kg.learn.attacher)

Segmentation is a setting: "char" (default) or "jieba". Every recogniser works on characters, so with
jieba a name whose edge falls inside a jieba word is lost (the span cannot be made). Measured on this
machine (see the README): char is faster and loses nothing.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from ..lexicon import Lexicon
from pathlib import Path

from ..paths import MODEL_DIR
from . import attach, brands, captions, companies, gazetteer, names, parks, places, projects, quantities, sentences  # noqa: F401

COMPONENTS = ("kg_sentences", "kg_gazetteer", "kg_places", "kg_companies", "kg_parks", "kg_captions",
              "kg_projects", "kg_brands", "kg_quantities")
SEGMENTERS = ("char", "jieba")
MAX_LENGTH = 20_000_000  # characters; the corpus stage skips larger files


def make_nlp(lexicon: Lexicon, segmenter: str = "char", model_dir: Path | None = MODEL_DIR,
             thresholds: dict | None = None) -> Language:
    """The extraction pipeline for a lexicon (its ontology folder configures every component).

    `model_dir` holds the trained name models (kg train); None builds the rules-only pipeline.
    """
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, not {segmenter!r}")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    nlp.max_length = MAX_LENGTH  # no parser or NER: long articles cost no more than their length
    config = {"ontology_dir": str(lexicon.ontology_dir)}
    for name in COMPONENTS:
        nlp.add_pipe(name, config=config if name != "kg_quantities" else {})
    if model_dir is not None:
        nlp.add_pipe("kg_names", config={**config, "model_dir": str(model_dir), "thresholds": thresholds or {}})
        nlp.add_pipe("kg_attach", config={"model_dir": str(model_dir), "thresholds": thresholds or {}})
    return nlp

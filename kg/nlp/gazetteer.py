"""kg_gazetteer: names from the ontology found verbatim: gazetteer places and industry-chain names.

doc.spans["places"] gets one span per place name (label = level, kb_id = place id); doc.spans["chains"]
one span per chain label or alternative label (label "IndustryChain", kb_id = chain id). The longest
name wins where names overlap (科尔沁左翼中旗 over nothing shorter; 通辽市 over 通辽).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import LEVELS, Lexicon
from .base import DEFAULT_CONFIG, add_spans, component_lexicon, doc_text, to_spans
from .text import alternation


@Language.factory("kg_gazetteer", default_config=dict(DEFAULT_CONFIG))
def make_gazetteer(nlp: Language, name: str, ontology_dir: str) -> "Gazetteer":
    return Gazetteer(component_lexicon(ontology_dir))


class Gazetteer:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.place_re = re.compile(alternation(lex.place_names)) if lex.place_names else None
        self.chain_names = lex.chain_names()
        self.chain_re = re.compile(alternation(self.chain_names)) if self.chain_names else None

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        by_level: dict[str, list] = {level: [] for level in LEVELS}
        if self.place_re:
            for m in self.place_re.finditer(text):
                place = self.lex.places[self.lex.place_names[m.group()]]
                by_level[place.level].append((m.start(), m.end(), place.id))
        spans = []
        for level in LEVELS:
            spans += to_spans(doc, by_level[level], level)
        add_spans(doc, "places", spans)
        chains = []
        if self.chain_re:
            chains = [(m.start(), m.end(), self.chain_names[m.group()]) for m in self.chain_re.finditer(text)]
        add_spans(doc, "chains", to_spans(doc, chains, "IndustryChain"))
        return doc

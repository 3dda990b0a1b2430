"""kg_sentences: sentence boundaries for news text.

A sentence ends after 。！？； (a closing quote or bracket stays with it) and at every line break:
the clean stage has already joined lines broken inside sentences, so a remaining break ends a
paragraph, a heading or a caption.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import DEFAULT_CONFIG, component_lexicon

CLOSING = set("”’」』）)】]")


@Language.factory("kg_sentences", default_config=dict(DEFAULT_CONFIG))
def make_sentence_splitter(nlp: Language, name: str, ontology_dir: str) -> "SentenceSplitter":
    return SentenceSplitter(component_lexicon(ontology_dir).patterns["structure"]["sentence_ends"])


class SentenceSplitter:
    def __init__(self, ends: list[str]):
        self.ends = set(ends)

    def __call__(self, doc: Doc) -> Doc:
        pending = False  # a sentence end was seen; the next token starts a sentence
        for i, tok in enumerate(doc):
            text = tok.text
            if i == 0:
                tok.is_sent_start = True
            elif "\n" in doc[i - 1].text:
                tok.is_sent_start = True
            elif pending and text[0] in CLOSING:
                tok.is_sent_start = False  # 。” : the quote closes the sentence it ends
                continue
            else:
                tok.is_sent_start = pending
            pending = text[-1] in self.ends
        return doc

"""kg_sentences: sentence boundaries for news text.

A sentence ends after 。！？； (closing quotes and brackets stay with it) and at every line break: the
clean stage has already joined lines broken inside sentences, so a remaining break ends a paragraph,
a heading or a caption. The sentences' character ranges are also kept in doc.user_data (see
kg.nlp.base.sentence_ranges), and the text itself, since spaCy rebuilds `doc.text` on every access.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .base import DEFAULT_CONFIG, SENTENCES, TEXT, component_lexicon

CLOSING = "”’」』）)】]"


@Language.factory("kg_sentences", default_config=dict(DEFAULT_CONFIG))
def make_sentence_splitter(nlp: Language, name: str, ontology_dir: str) -> "SentenceSplitter":
    return SentenceSplitter(component_lexicon(ontology_dir).patterns["structure"]["sentence_ends"])


class SentenceSplitter:
    def __init__(self, ends: list[str]):
        ends = "".join(re.escape(e) for e in ends)
        self.end_re = re.compile(f"[{ends}][{re.escape(CLOSING)}]*|\n")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        doc.user_data[TEXT] = text
        if not len(doc):
            doc.user_data[SENTENCES] = []
            return doc
        idx = doc.to_array("IDX").tolist()
        starts = numpy.full((len(doc), 1), -1, dtype="int64")  # -1: not a sentence start
        first = {0}
        for m in self.end_re.finditer(text):
            i = bisect_left(idx, m.end())
            while i < len(idx) and not text[idx[i]:idx[i] + 1].strip():
                i += 1  # a sentence starts at its first visible token
            if i < len(idx):
                first.add(i)
        for i in first:
            starts[i, 0] = 1
        doc.from_array([SENT_START], starts.astype("uint64"))
        offsets = [idx[i] for i in sorted(first)] + [len(text)]
        doc.user_data[SENTENCES] = list(zip(offsets, offsets[1:]))
        return doc

"""kg_captions: photo captions, in doc.spans["captions"] (label "Caption").

A caption is a line that ends with a photographer credit ("…现场。张三 摄", "（…宣传部提供）"), a line
followed by a credit-only line ("李四 摄"), or a short standalone line that is one noun phrase naming a
project, a park or a site, ending in 。 (captions whose credit was lost): "…电解铝项目。", "…产业基地。". Projects named in captions are marked in_caption,
and a caption may name a facility ("开鲁县丰源农事服务中心。") that body text would not call a project.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import DEFAULT_CONFIG, add_spans, component_lexicon, doc_text, to_spans
from .text import alternation


@Language.factory("kg_captions", default_config=dict(DEFAULT_CONFIG))
def make_caption_finder(nlp: Language, name: str, ontology_dir: str) -> "CaptionFinder":
    lex = component_lexicon(ontology_dir)
    s = lex.patterns["structure"]
    endings = (lex.patterns["projects"]["heads"] + lex.patterns["projects"]["facility_heads"]
               + lex.patterns["parks"]["suffixes"] + s["caption_endings"])
    return CaptionFinder(s["caption_credit"], s["caption_max_chars"], endings)


class CaptionFinder:
    def __init__(self, credit: str, max_chars: int, endings: list[str]):
        self.credit_re = re.compile(credit)
        self.max_chars = max_chars
        self.noun_phrase_re = re.compile(f"(?:{alternation(endings)})[）)]?。$")

    def __call__(self, doc: Doc) -> Doc:
        add_spans(doc, "captions", to_spans(doc, self.captions(doc_text(doc)), "Caption"))
        return doc

    def captions(self, text: str) -> list[tuple[int, int]]:
        lines, pos = [], 0
        for line in text.split("\n"):
            lines.append((pos, pos + len(line), line.strip()))
            pos += len(line) + 1
        lines = [ln for ln in lines if ln[2]]
        out = []
        for i, (start, end, line) in enumerate(lines):
            credit_only = bool(self.credit_re.search(line)) and len(line) <= 14
            if credit_only and i > 0 and not self.credit_re.search(lines[i - 1][2]):
                out.append(lines[i - 1][:2])
            if len(line) > self.max_chars:
                continue
            if self.credit_re.search(line) and not credit_only:
                out.append((start, end))
            elif line.count("。") == 1 and "，" not in line and "：" not in line and self.noun_phrase_re.search(line):
                out.append((start, end))
        return out

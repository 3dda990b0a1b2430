"""kg_captions: photo captions, in doc.spans["captions"] (label "Caption").

A caption is a line that ends with a photographer credit ("…现场。邵南 摄", "（…宣传部提供）"), a line
followed by a credit-only line ("吴云鹏 摄"), or a short standalone line that is one sentence without a
comma, ending in 。 (captions whose credit was lost). Projects named in captions are marked in_caption,
and a caption may name a facility ("开鲁县开源农事服务中心。") that body text would not call a project.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import DEFAULT_CONFIG, add_spans, component_lexicon, to_spans


@Language.factory("kg_captions", default_config=dict(DEFAULT_CONFIG))
def make_caption_finder(nlp: Language, name: str, ontology_dir: str) -> "CaptionFinder":
    s = component_lexicon(ontology_dir).patterns["structure"]
    return CaptionFinder(s["caption_credit"], s["caption_max_chars"])


class CaptionFinder:
    def __init__(self, credit: str, max_chars: int):
        self.credit_re = re.compile(credit)
        self.max_chars = max_chars

    def __call__(self, doc: Doc) -> Doc:
        add_spans(doc, "captions", to_spans(doc, self.captions(doc.text), "Caption"))
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
            elif line.endswith("。") and line.count("。") == 1 and "，" not in line and "：" not in line:
                out.append((start, end))
        return out

"""kg_parks: industrial parks and development zones, in doc.spans["parks"] (label "IndustrialPark").

A park suffix (工业园区, 经济技术开发区, 高新区, 产业园 …) ends the name; the name starts where the run
of name characters starts, minus lead-in words and minus a company that owns it ("X有限公司工业园区"
names no park). What precedes the suffix must name something: a place (库伦工业园区) or at least two
characters that are not generic (星河新材料产业园); "重点工业园区", "该园区" are not parks, nor are "某市各开发区",
"1个商贸物流园区" and "山西省开发区" (a quantifier, a count, a province's zones), nor a bare
suffix after a preposition or verb ("在开发区注册", "利用开发区厂房"): it refers to the zone already named.
Nested parks are all kept: 库伦工业园区 and 库伦工业园区B区循环经济产业园. Coordinated names are two parks
("A产业园区和B产业园区": B's span starts after 和).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon
from .base import DEFAULT_CONFIG, add_spans, component_lexicon, doc_text, ranges, to_spans
from .text import LeadCutter, alternation, cjk_count, run_start


@Language.factory("kg_parks", default_config=dict(DEFAULT_CONFIG))
def make_park_recogniser(nlp: Language, name: str, ontology_dir: str) -> "ParkRecogniser":
    return ParkRecogniser(component_lexicon(ontology_dir))


QUANTITY_OPENING = re.compile("(?:年产|年处理|年加工)?[0-9.]+[万亿千百]?[吨台套件头只瓦]")  # a capacity opening a name


class ParkRecogniser:
    def __init__(self, lex: Lexicon):
        p = lex.patterns["parks"]
        self.suffix_re = re.compile(alternation(p["suffixes"]))
        self.generic_re = re.compile(alternation(p["generic_words"]))
        self.cutter = LeadCutter(lex.patterns["projects"]["cut_words"])
        self.suffix_end_re = re.compile(f"(?:{alternation(p['suffixes'])})$")
        self.conj_re = re.compile(alternation(p["conjunctions"]))
        self.inner_cut_re = re.compile(alternation(p["inner_cuts"]))
        self.count_re = re.compile(r"等|各|[0-9一二两三四五六七八九十几多]个")
        # "山西省开发区": a province's zones; but "吉林经开区" is one zone (of 吉林市)
        self.collective_suffixes = frozenset(p["collective_suffixes"])
        self.left_ends = tuple(p.get("coordination_left_ends", ()))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        places = ranges(doc, "places")
        provinces = ranges(doc, "places", "province")
        companies = ranges(doc, "companies")
        found = []
        for m in self.suffix_re.finditer(text):
            start = run_start(text, m.start(), max_len=30)
            for _, e in companies.overlapping(start, m.start()):  # a company owning the park: cut it off
                if start < e <= m.start():
                    start = max(start, e)
            inner = [s for s, e in places.within(start, m.start())
                     if text.count("（", start, s) + text.count("(", start, s) == text.count("）", start, s) + text.count(")", start, s)]
            if inner:
                start = inner[-1] if "等" not in text[inner[-1]:m.start()] else m.start()  # a park opens with its place
            start = self.cutter.cut(text, start, m.start(), lambda s: s < m.start(), places)  # names hold no verbs
            start = self.after_coordination(text, start, m.start(), places)
            cut = max((c.end() for c in self.inner_cut_re.finditer(text, start, m.start())
                       if not places.inside(c.start())), default=start)
            if cut == m.start():
                continue  # "凯纶生物在开发区注册", "将利用开发区…": the zone just named, no name of its own
            start = cut  # "…开工活动在市陶瓷产业园区": where, not a name
            if self.names_something(text, start, m.start(), places, provinces, m.group() in self.collective_suffixes):
                found.append((start, m.end()))
        add_spans(doc, "parks", to_spans(doc, found, "IndustrialPark"))
        return doc

    def after_coordination(self, text: str, start: int, end: int, places) -> int:
        """"A产业园区和B产业园区", "某旗和某开发区": two names joined, when the left one is complete (it ends in
        a park suffix or is a place); the name is the right one."""
        for c in reversed([c for c in self.conj_re.finditer(text, start, end)]):
            left = text[start:c.start()]
            if self.suffix_end_re.search(left) or left.endswith(self.left_ends) \
                    or self.all_places(start, c.start(), places):
                return c.end()
        return start

    @staticmethod
    def all_places(start: int, end: int, places) -> bool:
        """[start, end) is places only ("某镇某村和…")."""
        covered = start
        for s, e in sorted(places.within(start, end)):
            if s != covered:
                return False
            covered = e
        return covered == end and end > start

    def names_something(self, text: str, start: int, end: int, places, provinces, collective: bool) -> bool:
        """The part before the suffix holds a place or two non-generic characters, and is no list, count or
        quantifier ("某市各开发区", "1个商贸物流园区"), nor a province alone before a `collective` suffix
        ("山西省开发区": its zones; but "吉林经开区")."""
        if self.count_re.search(text, start, end) or QUANTITY_OPENING.match(text, start, end):
            return False  # (nor a capacity: "10万吨再生铝产业园" is what a project makes)
        inner = places.within(start, end)
        if inner and not (collective and all((s, e) in provinces for s, e in inner)):
            return True
        rest = text[start:end]
        for s, e in inner:
            rest = rest.replace(text[s:e], "")
        return cjk_count(self.generic_re.sub("", rest)) >= 2

"""kg_brands: company short names read from the front of project names, added to doc.spans["companies"].

News names a project after its owner's brand: "联晟80万吨电池箔及配套坯料项目" (联晟), "梅花生物淀粉糖"
(梅花生物), "国电投热电联产" (国电投). The brand is what comes between the project name's start (after
a county or township, which says where, not who) and the first word that describes the project: a
number, 年产/日处理, a phase, a chain keyword or product word (ontology/patterns/companies.json
"brand_stops", chains.ttl keywords), a place, a bracket. An industry word right after the brand stays
with it (梅花 + 生物, 运达 + 风电), trailing adjectives go (锦联低碳 -> 锦联). A province or city before
the brand is kept, as such names are written (深圳海能动力). Not brands: a generic or material word
(钒钛, 百万), a place stem the article uses for a place (道老杜 of 道老杜苏木), a name followed by a
park suffix (东融新纺织产业园 is a park). A project name starting with a brand found elsewhere in the
article gets that brand too (士兰微电先进化合物半导体项目).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon
from .base import DEFAULT_CONFIG, add_spans, component_lexicon, ranges, to_spans
from .text import CJK, alternation

MIN_BRAND, MAX_BRAND = 2, 6


@Language.factory("kg_brands", default_config=dict(DEFAULT_CONFIG))
def make_brand_finder(nlp: Language, name: str, ontology_dir: str) -> "BrandFinder":
    return BrandFinder(component_lexicon(ontology_dir))


class BrandFinder:
    def __init__(self, lex: Lexicon):
        c = lex.patterns["companies"]
        keywords = [k for chain in lex.chains.values() for k in chain.keywords]
        products = c["brand_products"] + keywords
        stops = c["brand_stops"] + products + lex.patterns["projects"]["phases"] + list(lex.place_names)
        suffixes = alternation(c["short_name_suffixes"])
        self.product_re = re.compile(alternation(products))
        self.stop_re = re.compile(f"[0-9（(“]|{alternation(stops)}|{suffixes}")
        self.suffix_re = re.compile(f"(?:{suffixes}){{1,2}}")
        self.head_re = re.compile(f"(?:{alternation(lex.patterns['projects']['heads'])})")
        self.counted_re = re.compile("^[一二三四五六七八九十两几]+[条个座台套家项]")
        self.legal_like = tuple(c["legal_like_suffixes"])
        self.not_brand_endings = tuple(c["not_brand_endings"])
        self.descriptor_re = re.compile(f"(?:{alternation(c['brand_descriptors'])})+$")
        self.park_re = re.compile(alternation(lex.patterns["parks"]["suffixes"]))
        self.generic = set(c["generic_names"]) | set(lex.patterns["projects"]["generic_words"])
        self.not_companies = c["not_companies"]
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        places = ranges(doc, "places")
        companies = ranges(doc, "companies")
        projects = [(s.start_char, s.end_char) for s in doc.spans.get("projects", []) if s.label_ == "Project"]
        found = {}
        for start, end in projects:
            brand = self.brand(text, start, end, places, companies)
            if brand:
                found[brand] = text[brand[0]:brand[1]]
        cores = {name: name for name in found.values()}
        cores.update({text[s:e]: text[s:e] for s, e in companies})
        for start, end in projects:  # names opening with a brand the article already uses
            pos = skip_places(text, start, places)
            for name in sorted(cores, key=len, reverse=True):
                core = strip_place(name, self.lex)
                if core and len(core) >= MIN_BRAND and text.startswith(core, pos) and pos + len(core) < end:
                    found.setdefault((pos, pos + len(core)), core)
                    break
        new = []
        for r in sorted(found, key=lambda r: (r[0] - r[1], r[0])):  # longest first
            if not any(s < r[1] and r[0] < e for s, e in companies + new):
                new.append(r)
        add_spans(doc, "companies", to_spans(doc, new, "Company"))
        return doc

    def brand(self, text: str, start: int, end: int, places, companies) -> tuple[int, int] | None:
        if any(s <= start < e for s, e in companies):
            return None  # the project name opens with a company name already
        lead = start
        pos = skip_places(text, start, places)
        if pos > start and not self.city_or_above(text, start, pos, places):
            lead = pos  # "奈曼旗明阳…": the county says where; "深圳海能动力": the city is part of the name
        if any(s <= pos < e for s, e in companies):
            return None
        stop = self.stop_re.search(text, pos + MIN_BRAND, min(end, pos + MAX_BRAND + 1))
        if not stop:
            return None
        b = stop.start()
        if text.startswith(self.legal_like, b):  # "蒙药股份": a company word, whatever the brand says
            b += next(len(w) for w in self.legal_like if text.startswith(w, b))
            return (lead, b) if self.acceptable(text, text[pos:b], pos, places, legal=True) else None
        if not self.acceptable(text, text[pos:b], pos, places) or self.park_re.match(text, b):
            return None
        suffix = self.suffix_re.match(text, b)
        if suffix and suffix.end() < end and not self.product_re.match(text, suffix.end()) and not (
                self.product_re.match(text, b) and self.head_re.fullmatch(text, suffix.end(), end)):
            b = suffix.end()  # "运达风电增量配电网", "亿纬锂能超级工厂"; but "梅花|生物淀粉糖", "龙马|新能源装备制造"
            # and "东方晶硅|新材料项目" name products
        core = text[pos:b]
        if core == text[pos:stop.start()] and core.endswith(self.not_brand_endings):
            return None  # "珠日河", "蒙东": a river, a region (but "长江造型" is a company)
        trimmed = self.descriptor_re.sub("", core)
        if trimmed != core and len(trimmed) >= MIN_BRAND:
            b, core = pos + len(trimmed), trimmed
        if self.park_re.match(text, b) or not self.acceptable(text, core, pos, places):
            return None
        return lead, b

    def acceptable(self, text: str, core: str, pos: int, places, legal: bool = False) -> bool:
        if not (MIN_BRAND <= len(core) <= MAX_BRAND + 4) or not re.fullmatch(f"[{CJK}A-Za-z]+", core):
            return False
        if core in self.generic or any(w in core for w in ("和", "及", "与", "的")):
            return False
        if not legal and self.stop_re.match(core):
            return False  # "风光储氢氨": a product
        if core.endswith("化") or self.counted_re.match(core) or self.park_re.search(core):
            return False  # "定制化", "两条": a description; "三屿工业园区": a park
        if any(w in core for w in self.not_companies):
            return False
        stem_of_place = any(text[s:e].startswith(core) and e - s > len(core) for s, e in places)
        return not stem_of_place

    def city_or_above(self, text: str, start: int, pos: int, places) -> bool:
        for s, e in places:
            if s == start and e == pos:
                place = self.lex.place(text[s:e])
                return place is not None and place.level in ("province", "city")
        return False


def skip_places(text: str, start: int, places) -> int:
    """The position after the places (and the 和/、 between them) that open a name."""
    pos, moved = start, True
    while moved:
        moved = False
        for s, e in places:
            if s == pos:
                pos, moved = e, True
        if moved and text[pos:pos + 1] in ("和", "、", "及"):
            pos += 1
    return pos


def strip_place(name: str, lex: Lexicon) -> str:
    """A company name without the place it opens with: the part other names repeat."""
    for place in sorted(lex.place_names, key=len, reverse=True):
        if name.startswith(place) and len(name) > len(place):
            return name[len(place):]
    return name

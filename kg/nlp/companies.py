"""kg_companies: organisations that are companies, in doc.spans["companies"] (label "Company").

Three general rules:
- a legal suffix (有限公司, 股份有限公司, 集团 …) ends a name; the name starts where the run of name
  characters starts, minus lead-in words ("该项目由…", "…所属"), minus an earlier company in the run and
  minus a zone written before it ("某县经济开发区X有限公司": X is the name, unless only a trade word follows
  the zone, as in 某经济技术开发区投资有限公司);
- short names in lists that say they are companies: "以A、B为代表的龙头企业", "A、B等生物制造企业",
  "以A为链主", and a parent named in "是A全资投资的";
- a short name with an industry word (药业, 铝业, 生物 …) opening a clause and followed by what
  companies do ("湖北金桂铝业一季度订单…", "华佗医药订单…").
Government bodies, universities and associations (ontology/patterns/companies.json "not_companies")
are never companies. Short names used as a project's prefix are left to kg_brands.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon
from .base import DEFAULT_CONFIG, add_spans, component_lexicon, doc_text, ranges, to_spans
from .text import (CJK, CLAUSE_BREAK, NOT_BREAK, LeadCutter, alternation, batch_of_projects, cjk_count, list_start,
                   run_start)

NAME = f"(?:[{CJK}A-Za-z0-9]|[（(][{CJK}]{{1,8}}[)）]){{2,24}}?"
LIST_SEPARATORS = "、和及与"
BARE_SUFFIX = "公司"
COPULAS = "是系为"


class Reference:
    """"这家公司", "与我公司", "合资公司": a bare 公司 after words that refer to a company without naming it
    (companies.json reference_chars, reference_endings, reference_words). A name before 公司 needs two CJK
    characters or two Latin letters of its own (ENKEN公司)."""

    def __init__(self, patterns: dict):
        self.chars = frozenset(patterns["reference_chars"])
        self.endings = tuple(patterns["reference_endings"])
        self.words = tuple(patterns["reference_words"])

    def __call__(self, name: str) -> bool:
        if not name.endswith(BARE_SUFFIX) or len(name) > len(BARE_SUFFIX) + 6:
            return False
        before = name[:-len(BARE_SUFFIX)]
        return (any(c in self.chars for c in before) or before.endswith(self.endings)
                or any(w in before for w in self.words)
                or not (cjk_count(before) >= 2 or sum(c.isascii() and c.isalpha() for c in before) >= 2))


@Language.factory("kg_companies", default_config=dict(DEFAULT_CONFIG))
def make_company_recogniser(nlp: Language, name: str, ontology_dir: str) -> "CompanyRecogniser":
    return CompanyRecogniser(component_lexicon(ontology_dir))


class CompanyRecogniser:
    def __init__(self, lex: Lexicon):
        c = lex.patterns["companies"]
        self.suffix_re = re.compile(alternation(c["legal_suffixes"]))
        self.cutter = LeadCutter(lex.patterns["projects"]["cut_words"] + c["owner_cues"], c["cut_anywhere"])
        self.park_re = re.compile(alternation(lex.patterns["parks"]["suffixes"]))
        self.blockers = c["list_blockers"]
        self.generic = set(c["generic_names"])
        self.not_endings = tuple(c["not_name_endings"])
        self.not_companies = c["not_companies"]
        self.place_names = lex.place_names
        self.place_re = lex.place_re
        self.suffixes = c["legal_suffixes"]
        heads = alternation(c["list_heads"])
        self.frame_re = re.compile(f"以({NOT_BREAK}{{2,80}}?)(?:{alternation(c['list_cues_after'])})")
        self.batch_of_projects_re = batch_of_projects(c["list_heads"])
        self.etc_re = re.compile(f"等[^{CLAUSE_BREAK}、]{{0,12}}?(?:{heads})")
        short = alternation(c["short_name_suffixes"])
        self.predicate_re = re.compile(
            f"(?:^|(?<=[{CLAUSE_BREAK}]))({NAME}(?:{short}))(?={alternation(c['predicate_cues'])})", re.M)
        parent_cues = alternation(lex.patterns["facts"]["parent_cues"])
        self.parent_re = re.compile(f"[{COPULAS}]({NAME})的?(?:{parent_cues})")  # "是华宇科技全资投资的"
        self.group_word = c["group_suffix"]
        self.is_reference = Reference(c)
        self.sector_words = sorted(set(c["short_name_suffixes"]) | set(c["brand_products"]) | set(c["trade_words"]),
                                   key=len, reverse=True)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        places = ranges(doc, "places")
        found = self.legal_names(text, places)
        for start, end in self.listed_names(text) + self.clause_names(text):
            if not any(s < end and start < e for s, e in found):
                found.append((start, end))
        add_spans(doc, "companies", to_spans(doc, found, "Company"))
        return doc

    def legal_names(self, text: str, places) -> list[tuple[int, int]]:
        """Names ending in a legal suffix."""
        found, prev_end = [], 0
        for m in self.suffix_re.finditer(text):
            start = run_start(text, m.start(), max_len=40)
            if start < prev_end < m.start() and text[prev_end] in LIST_SEPARATORS + COPULAS:
                start = prev_end  # an earlier company in the same run: "X公司和Y公司", "X公司是Y集团的…"
                while start < m.start() and text[start] in LIST_SEPARATORS + COPULAS:
                    start += 1
            end = m.end()
            start = self.cutter.cut(text, start, m.start(), lambda s: self.has_brand(text[s:m.start()]), places)
            park = [p.end() for p in self.park_re.finditer(text, start, m.start()) if p.end() < m.start()]
            if park and self.has_brand(text[park[-1]:m.start()]):
                start = park[-1]  # "某县经济开发区华庆…有限公司": the zone says where the company is, not who
            if m.group() == BARE_SUFFIX and m.start() - start > 4 and not self.starts_with_place(text, start) \
                    and self.group_word not in text[start:m.start()]:
                start = m.start() - 2  # "可有效消化东洋公司": a bare 公司 takes a short name
            if m.group() == BARE_SUFFIX and self.only_sector(text[start:m.start()]):
                continue  # "奈曼旗新材料公司": a place's company of some trade, not a name
            if self.acceptable(text[start:end], text[start:m.start()]):
                found.append((start, end))
                prev_end = end
        return found

    def only_sector(self, core: str) -> bool:
        """A core that is nothing but places and trade words ("新材料", "能源") names no one company."""
        return not self.brand_of(core)

    def brand_of(self, core: str) -> str:
        """What is left of a core without places and trade words: the part that tells one company from another."""
        rest = self.place_re.sub("", core)
        for word in self.sector_words:
            rest = rest.replace(word, "")
        return rest

    def has_brand(self, core: str) -> bool:
        """Where a lead-in may be cut: what remains still has a name of its own ("鹿邑县城市建设投资", not "投资")."""
        return self.core_ok(core) and cjk_count(self.brand_of(core)) >= 2

    def listed_names(self, text: str) -> list[tuple[int, int]]:
        """Short names in lists that call them companies."""
        out = []
        for m in self.frame_re.finditer(text):
            if not self.batch_of_projects_re.match(text, m.end()):  # "以A、B为代表的17个亿元以上项目": projects, not firms
                out += self.items(text, m.start(1), m.end(1))
        for m in self.etc_re.finditer(text):
            if not any(w in m.group() for w in self.blockers):
                out += self.items(text, list_start(text, m.start()), m.start())
        for m in self.parent_re.finditer(text):
            out.append((m.start(1), m.end(1)))
        return [(s, e) for s, e in out if self.acceptable(text[s:e], text[s:e])]

    def clause_names(self, text: str) -> list[tuple[int, int]]:
        """Short names opening a clause before what companies do; lead-ins go ("据X负责人", "该项目由X投资建设")."""
        out = []
        for m in self.predicate_re.finditer(text):
            start = self.cutter.cut(text, m.start(1), m.end(1), lambda s: m.end(1) - s >= 2)
            if self.acceptable(text[start:m.end(1)], text[start:m.end(1)]):
                out.append((start, m.end(1)))
        return out

    def items(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Split a list "A、B和C" into its items; the first loses its lead-in words."""
        out, s = [], start
        for i in range(start, end + 1):
            if i == end or text[i] in "、":
                if i > s:
                    out.append((s, i))
                s = i + 1
        if out:
            s0, e0 = out[0]
            out[0] = (self.cutter.cut(text, s0, e0, lambda s: e0 - s >= 2), e0)
        split = []
        for s, e in out:  # "B和C": a conjunction between two short names
            parts = re.split("(?<=.{2})(?:和|与|及)(?=.{2})", text[s:e])
            if len(parts) == 2 and all(2 <= len(p) <= 8 for p in parts):
                split += [(s, s + len(parts[0])), (e - len(parts[1]), e)]
            else:
                split.append((s, e))
        return split

    def starts_with_place(self, text: str, start: int) -> bool:
        return bool(self.place_re.match(text, start))

    def core_ok(self, core: str) -> bool:
        """What is left of a name without its suffix and places must be a name of its own."""
        core = self.place_re.sub("", core)
        return cjk_count(core) >= 2 or (cjk_count(core) >= 1 and len(core) >= 2)

    def acceptable(self, name: str, core: str) -> bool:
        if not (2 <= len(name) <= 40) or name in self.generic or name in self.place_names:
            return False
        if self.is_reference(name):
            return False
        if name.endswith(self.not_endings):
            return False  # "某集团旗下子公司": a relation, not a name
        if any(w in name for w in self.not_companies):
            return False
        if name in self.suffixes:
            return False
        if core != name and len(self.place_re.sub("", core)) < 2:
            return False  # "业有限公司", "园有限公司": the end of a name cut off, not a name
        return self.core_ok(core) if core != name else cjk_count(name) >= 2

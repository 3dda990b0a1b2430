"""kg_places: places the gazetteer does not list, found by their suffix.

County-level places (X县, X旗, X自治县; county-level cities X市 that are not prefecture-level, when
written twice in the article, after a known place, or a two-character name after a lead-in word or a
clause break, since "X市" is often a verb and 市; districts X区 right after a known city or a
two-character name after a lead-in or a clause break, either no area word such as 开发区, 城区 or 片区) and
townships (X苏木, X镇, X乡, X嘎查, X村). A suffix that begins a word (市场, 县级, 旗下) is none.
A name is the run of characters before the suffix, minus the words that lead into it ("位于", "在"); where the run is long
the name is its last two characters, the usual length of a county name. Common words that end in a
place suffix (城市, 全县, 家电下乡, 乡镇) are listed in ontology/patterns/places.json and rejected.
Spans go to doc.spans["places"] with label "county" or "township" and an empty kb_id.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon
from .base import DEFAULT_CONFIG, add_spans, component_lexicon, doc_text, ranges, to_spans
from .text import CJK, SpanIndex, alternation, run_start, written_alike

MAX_NAME = 4


@Language.factory("kg_places", default_config=dict(DEFAULT_CONFIG))
def make_place_recogniser(nlp: Language, name: str, ontology_dir: str) -> "PlaceRecogniser":
    return PlaceRecogniser(component_lexicon(ontology_dir))


class PlaceRecogniser:
    def __init__(self, lex: Lexicon):
        p = lex.patterns["places"]
        self.lex = lex
        county = alternation(p["county_suffixes"] + [p["county_city_suffix"]])
        self.county_re = re.compile(f"(?<=[{CJK}])(?:{county})")
        self.township_re = re.compile(f"(?<=[{CJK}])(?:{alternation(p['township_suffixes'])})")
        cities = [n for n, pid in lex.place_names.items() if lex.places[pid].level == "city"]
        self.district_re = re.compile(f"(?:{alternation(cities)})([{CJK}]{{2}}){re.escape(p['district_suffix'])}") \
            if cities else None
        self.city_suffix = p["county_city_suffix"]
        self.suffix_words = tuple(p["suffix_words"])
        self.not_districts = tuple(p["not_district_names"])
        self.district_any_re = re.compile(f"(?<=[{CJK}]{{2}}){re.escape(p['district_suffix'])}")
        self.not_names = p["not_place_names"]
        self.bad_chars = set(p["not_place_chars"])
        self.numerals = set(p["numeral_chars"])  # "三县" is a count, "四会市", "九江市" are names
        self.lead_re = re.compile(f"(?:{alternation(p['lead_ins'])})")
        self.name_end_re = re.compile(alternation(p["name_end_words"])) if p.get("name_end_words") else None
        # every name the gazetteer knows, those read only in context included (陇县, 高县)
        self.known_names = set(lex.place_names) | set(lex.context_names) | set(lex.word_names)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        known = ranges(doc, "places")
        provinces = ranges(doc, "places", "province")
        found = {"county": [], "township": []}
        for level, regex in (("county", self.county_re), ("township", self.township_re)):
            for m in regex.finditer(text):
                if text.startswith(self.suffix_words, m.start()):
                    continue  # "县级", "旗下", "市场": a word, not a suffix
                start = self.name_start(text, m.start(), level == "county", known)
                if start is None or known.overlapping(start, m.end()):
                    continue
                if level == "county" and self.known_ending(text, start, m.start(), m.end()):
                    continue
                name = text[start:m.end()]
                if not self.acceptable(text[start:m.start()], m.group(), name):
                    continue
                if m.group() == self.city_suffix and not self.county_city(text, start, m.end(), known, provinces):
                    continue
                found[level].append((start, m.end()))
        if self.district_re:
            for m in self.district_re.finditer(text):
                name = m.group(1) + text[m.end() - 1]
                if not name.endswith(self.not_districts) and self.acceptable(m.group(1), text[m.end() - 1], name) and not known.overlapping(m.start(1), m.end()):
                    found["county"].append((m.start(1), m.end()))
        found["county"] += self.districts(text, known)
        found = {level: _consistent(text, items) for level, items in found.items()}
        spans = []
        for level, items in found.items():
            spans += to_spans(doc, _non_overlapping(items), level)
        add_spans(doc, "places", spans)
        return doc

    def county_city(self, text: str, start: int, end: int, known: SpanIndex, provinces: SpanIndex) -> bool:
        """X市 is a county-level city, not a verb's object ("共安排市重点项目"): written twice, after its province,
        or a two-character name after a known place, a lead-in word or a clause break ("韶关市乐昌市", "落户四会市",
        "、瑞金市红色…")."""
        led = end - start == 3 and (bool(known.ending_at(start)) or self.led_in(text, start))
        return text.count(text[start:end]) >= 2 or bool(provinces.ending_at(start)) or led

    def led_in(self, text: str, start: int) -> bool:
        return led_in(text, start, self.lead_re)

    def districts(self, text: str, known: SpanIndex) -> list[tuple[int, int]]:
        """Districts of any city, "在高要区", "、鼎湖区莲花镇": a two-character name after a lead-in or a clause
        start; area words (开发区, 城区, 景区 …) are not districts."""
        out = []
        for m in self.district_any_re.finditer(text):
            start = m.start() - 2
            name = text[start:m.end()]
            if text.startswith(self.suffix_words, m.start()) or name.endswith(self.not_districts):
                continue
            if (self.led_in(text, start) and self.acceptable(text[start:m.start()], m.group(), name)
                    and not known.overlapping(start, m.end())):
                out.append((start, m.end()))
        return out

    def name_start(self, text: str, suffix_start: int, short_default: bool,
                   known: SpanIndex) -> int | None:
        """Where the place name before a suffix starts, or None when no name is there."""
        run = run_start(text, suffix_start, max_len=12)
        for _, e in known.overlapping(run, suffix_start - 2):  # a known place before the name: "山东青州市"
            if run < e <= suffix_start - 2:
                run = max(run, e)
        # cut after the last lead-in word ("场址位于白音" -> "白音")
        for m in self.lead_re.finditer(text, run, suffix_start):
            if suffix_start - m.end() >= 2:
                run = m.end()
        if self.name_end_re:  # "有限公司甘旗卡": 司甘旗 is no place, nor 目莫旗 of "项目莫旗"
            for m in self.name_end_re.finditer(text, run, suffix_start):
                run = m.end()
        length = suffix_start - run
        if length < 2:
            return None
        if length > MAX_NAME:
            return suffix_start - 2 if short_default else None
        return run

    def known_ending(self, text: str, start: int, suffix_start: int, end: int) -> bool:
        """Does a county name the gazetteer knows end the run ("海棠陇县": 陇县)? Then the run is no other place:
        the gazetteer reads that name where its context allows, and only there."""
        return any(text[k:end] in self.known_names for k in range(start + 1, suffix_start))

    def acceptable(self, prefix: str, suffix: str, name: str) -> bool:
        if not prefix or prefix[0] in self.bad_chars or prefix[-1] in self.bad_chars:
            return False
        if prefix[-1] in self.numerals or all(c in self.numerals for c in prefix):
            return False
        if any(name.endswith(w) for w in self.not_names):
            return False
        if suffix == "市" and self.lex.place(name) is not None:
            return False  # a known city, already matched by the gazetteer
        return not any(c.isdigit() for c in prefix)


def led_in(text: str, start: int, lead_re: re.Pattern | None) -> bool:
    """A clause or a bracket opens at `start` ("（嘉禾）"), or a lead-in word ("在", "位于") ends there: where a
    place name can start."""
    if start == 0 or text[start - 1] in "，、。；：,;:\n（(":
        return True
    return bool(lead_re) and any(m.end() == start for m in lead_re.finditer(text, max(0, start - 3), start))


def _consistent(text: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A run before the suffix that ends with a name found elsewhere ("助力库山乡" beside "库山乡将…") is that name."""
    cuts = written_alike([text[s:e] for s, e in items], min_len=3)
    return [(s + cut, e) for (s, e), cut in zip(items, cuts)]


def _non_overlapping(items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in sorted(items, key=lambda x: (x[0], -x[1])):
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out

"""kg_gazetteer: names from the ontology found verbatim: gazetteer places and industry-chain names.

doc.spans["places"] gets one span per place name (label = level, kb_id = place id); doc.spans["chains"]
one span per chain label or alternative label (label "IndustryChain", kb_id = chain id). The longest
name wins where names overlap (科尔沁左翼中旗 over nothing shorter; 通辽市 over 通辽). A name whose suffix
begins a word ("通辽市场监管局": 市场) is read without it (通辽), or not at all.

Names that need context (Lexicon.context_names: short county names such as 泗水, names several counties
share such as 鼓楼区) are read only when the article says where they are: the county's own full name,
its city, or (for a full name) its province is named elsewhere in the article, or its city or province
(or the province's one-character abbreviation, in a headline: "川高县") stands right before it ("莆田秀屿");
a short name alone in brackets ("某某（佛冈）产业园") needs only its province named, and one before a
development zone's suffix where a name can start ("在平邑经济开发区"; parks.json zone_suffixes) only that the article
names no place, or names its city or province (章丘's 明水经济技术开发区 is no 明水县 of Heilongjiang); with only
its province named, a short name after a lead-in word ends a clause or a list item ("在山阴，…", "落户蓬安、…").
A short name must also stand where a name can start: right after its city or province, at a clause break or after
a lead-in word ("。泗水利丰…", "在苍梧"), never inside a word ("责任城市" holds no 任城) nor before a landform
(华蓥山 is a mountain). Of several counties so named the one with the nearest context wins; a tie resolves
nothing. A full name no context settles (鼓楼区 alone) is still a county-level place, without id. A district named
by one character and an area word (西山区: 西 + 山区) counts only where a name can start. A county whose name is
an everyday word too (高县, 古县: patterns' common_word_names) counts only right after its city or province
("川高县重点项目…") or before its zone's suffix, as a short name does. No name the gazetteer reads everywhere starts
inside a dictionary word (复合肥 holds no 合肥) unless a place or a lead-in stands right before it.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import LEVELS, Lexicon, trie_pattern
from .base import DEFAULT_CONFIG, add_spans, component_lexicon, doc_text, to_spans
from .places import led_in
from .text import SpanIndex, alternation

ADJACENT, OWN_NAME, PARENT, ANCESTOR = 4, 3, 2, 1  # how closely the article places a county


@Language.factory("kg_gazetteer", default_config=dict(DEFAULT_CONFIG))
def make_gazetteer(nlp: Language, name: str, ontology_dir: str) -> "Gazetteer":
    return Gazetteer(component_lexicon(ontology_dir))


class Gazetteer:
    def __init__(self, lex: Lexicon):
        p = lex.patterns.get("places", {})
        self.lex = lex
        self.names = {**lex.place_names, **lex.former_names}  # what this component reads wherever it may start
        self.place_re = re.compile(trie_pattern(self.names)) if self.names else None
        self.context_re = lex.context_re
        self.suffix_words = tuple(p.get("suffix_words", ()))
        self.landform_chars = set(p.get("landform_chars", ()))
        self.street_words = tuple(p.get("street_words", ()))
        self.lead_re = re.compile(alternation(p.get("lead_ins", ()))) if p.get("lead_ins") else None
        self.county_suffixes = (*p.get("county_suffixes", ()), p.get("county_city_suffix", "市"),
                                p.get("district_suffix", "区"))
        self.area_words = {w for w in p.get("not_district_names", ()) if len(w) == 2}  # 山区, 城区, 湖区 …
        townships = alternation(p.get("township_suffixes", ()))
        # "莒县库山乡": a county's address form, a township written right after it
        self.township_after_re = re.compile(f"[\u4e00-\u9fff]{{2,3}}?(?:{townships})") if townships else None
        self.province_abbreviations = {a: pid for a, pid in p.get("province_abbreviations", {}).items()
                                       if pid in lex.places}
        zones = lex.patterns.get("parks", {}).get("zone_suffixes", ())
        self.zone_re = re.compile(alternation(zones)) if zones else None
        self.chain_names = lex.chain_names()
        self.chain_re = re.compile(alternation(self.chain_names)) if self.chain_names else None

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        named = self.named_places(text)
        context = Context(named, self.lex)
        by_level: dict[str, list] = {level: [] for level in LEVELS}
        for start, end, pid in named + self.placed_by_context(text, context) + self.adjacent_word_names(text, context):
            by_level[self.lex.places[pid].level if pid else "county"].append((start, end, pid))
        spans = []
        for level in LEVELS:
            spans += to_spans(doc, by_level[level], level)
        add_spans(doc, "places", spans)
        chains = []
        if self.chain_re:
            chains = [(m.start(), m.end(), self.chain_names[m.group()]) for m in self.chain_re.finditer(text)]
        add_spans(doc, "chains", to_spans(doc, chains, "IndustryChain"))
        return doc

    def named_places(self, text: str) -> list[tuple[int, int, str]]:
        """Names that name their place wherever they stand."""
        found = []
        if self.place_re is None:
            return found
        for m in self.place_re.finditer(text):
            name = m.group()
            while name and text.startswith(self.suffix_words, m.start() + len(name) - 1):
                name = next((name[:k] for k in range(len(name) - 1, 1, -1) if name[:k] in self.names), "")
            after_place = bool(found) and found[-1][1] == m.start()
            if name and self.street(text, m.start() + len(name), name):
                continue  # "威海路北": a street
            if name and self.may_start(text, m.start(), name, after_place):  # "通辽市场": 通辽, whose 市 begins 市场
                found.append((m.start(), m.start() + len(name), self.names[name]))
        return found

    def street(self, text: str, end: int, name: str) -> bool:
        """Is the bare name (no administrative suffix) the first part of a street's name (威海路, 长江大道)?"""
        return text.startswith(self.street_words, end) and not text.startswith(NOT_STREETS, end) \
            and not name.endswith(ADMIN_SUFFIXES)

    def may_start(self, text: str, start: int, name: str, after_place: bool) -> bool:
        """A district named one character and an area word (西山区, 东城区), or a county's former name
        (江都市), is one only where a name can start: "浙西山区" is the mountains of western Zhejiang,
        "责任城市" holds no 任城市. No name starts inside a word ("复合肥" holds no 合肥, "联合肥业" none),
        unless a place or a lead-in is right before it."""
        if after_place or self.led_in(text, start):
            return True
        if len(name) == 3 and name[1:] in self.area_words or name in self.lex.former_names:
            return False
        return not inside_word(text, start)

    def placed_by_context(self, text: str, context: "Context") -> list[tuple[int, int, str]]:
        """Names that need context, where the article gives it: (start, end, place id or "")."""
        if self.context_re is None:
            return []
        in_text, around, ends = context.in_text, context.around, context.ends
        taken = SpanIndex((s, e) for s, e, _ in context.named)
        out = []
        for m in self.context_re.finditer(text):
            start, end, name = m.start(), m.end(), m.group()
            if taken.overlapping(start, end) or text.startswith(self.suffix_words, end - 1):
                continue
            if not self.may_start(text, start, name, start in ends):
                continue
            full = len(name) >= 3 and name.endswith(self.county_suffixes)
            if len(name) == 2 and (self.addressed(text, start, end, name, start in ends)
                                   or self.recurring(text, start, name)):
                winners = list(self.lex.context_names[name])
                out.append((start, end, winners[0] if len(winners) == 1 else ""))
                continue
            before = ends.get(start) or self.abbreviated_province(text, start)
            scores = {pid: self.closeness(pid, in_text, around, before) for pid in self.lex.context_names[name]}
            best = max(scores.values())
            winners = [pid for pid, score in scores.items() if score == best]
            if full:
                out.append((start, end, winners[0] if best and len(winners) == 1 else ""))
            elif len(winners) == 1 and text[end:end + 1] not in self.landform_chars and (
                    best == ADJACENT or best >= PARENT and self.led_in(text, start)
                    or best and self.led_in(text, start) and text[end:end + 1] in "，,、。；;"  # "在山阴，…" (山西省)
                    or best and self.bracketed(text, start, end)  # "广东某市某镇（兴宁）产业转移工业园"
                    or self.opens_zone(text, start, end) and (best or not around)):  # "仪式在平邑经济开发区举行"
                # (not where the article names places and none is the county's: 明水 of 章丘's 明水经济技术开发区)
                out.append((start, end, winners[0]))
        return out

    def adjacent_word_names(self, text: str, context: "Context") -> list[tuple[int, int, str]]:
        """A county whose name is an everyday word too (Lexicon.word_names: 高县, 古县), read only right after
        its city or province or the province's abbreviation in a headline ("川高县", "宜宾高县"), or before a
        development zone's suffix where a name can start ("。古县经济技术开发区"); "提高县域" holds none."""
        if self.lex.word_names_re is None:
            return []
        out = []
        for m in self.lex.word_names_re.finditer(text):
            before = context.ends.get(m.start()) or self.abbreviated_province(text, m.start())
            found = [pid for pid in self.lex.word_names[m.group()] if before in self.lex.ancestors(pid)[1:]]
            if not found and self.opens_zone(text, m.start(), m.end()):  # "。古县经济技术开发区…": the county's zone,
                found = [pid for pid in self.lex.word_names[m.group()]  # unless the article is about elsewhere
                         if not context.around or self.closeness(pid, context.in_text, context.around, before)]
            if len(found) == 1 and not text.startswith(self.suffix_words, m.end() - 1):
                out.append((m.start(), m.end(), found[0]))
        return out

    def opens_zone(self, text: str, start: int, end: int) -> bool:
        """A county's short name right before a development zone's suffix, where a name can start ("在平邑经济
        开发区", "。平邑工业园区"): a county names its zone so; the zone needs no other context."""
        return bool(self.zone_re and self.zone_re.match(text, end)) and self.led_in(text, start)

    @staticmethod
    def bracketed(text: str, start: int, end: int) -> bool:
        """The name alone in brackets inside a longer name ("某市某镇（兴宁）产业转移工业园", "某某（佛冈）产业园"):
        the bracket says where the thing named is."""
        return start > 0 and text[start - 1] in "(（" and text[end:end + 1] in ")）"

    def abbreviated_province(self, text: str, start: int) -> str | None:
        """The province whose one-character abbreviation stands right before `start`, where a name can start
        ("川高县重点项目…": 四川省): a headline's way to say where a county is."""
        if start == 0 or not self.led_in(text, start - 1):
            return None
        return self.province_abbreviations.get(text[start - 1])

    def addressed(self, text: str, start: int, end: int, name: str, after_place: bool) -> bool:
        """A county's full name that needs context (莒县, 忠县: one character and a suffix) written where a name
        can start and followed by a township, as in an address ("近日，莒县库山乡举行…"): the county."""
        return bool(self.township_after_re) and name.endswith(self.county_suffixes) and \
            bool(self.township_after_re.match(text, end)) and (after_place or self.led_in(text, start))

    def recurring(self, text: str, start: int, name: str) -> bool:
        """A county's one-character full name that only one county has (郏县), written where a name can start,
        and more than once in the article: the article's county, though it names neither city nor province."""
        return name.endswith(self.county_suffixes) and len(self.lex.context_names[name]) == 1 \
            and text.count(name) >= 2 and (start == 0 or text[start - 1] == "\n" or self.led_in(text, start))

    def closeness(self, pid: str, in_text: set[str], around: set[str], before: str | None) -> int:
        """How closely the article places county `pid`: its city or province right before the name, its own
        full name elsewhere, its city (or the province-level city holding a district), its province; 0: not at all."""
        enclosing = self.lex.ancestors(pid)[1:]
        if before in enclosing:
            return ADJACENT
        if pid in in_text:
            return OWN_NAME
        if enclosing and enclosing[0] in around:
            return PARENT
        return ANCESTOR if any(a in around for a in enclosing) else 0

    def led_in(self, text: str, start: int) -> bool:
        return led_in(text, start, self.lead_re)


class Context:
    """The places an article names wherever they stand, as the names that need context read them."""

    def __init__(self, named: list[tuple[int, int, str]], lex: Lexicon):
        self.named = named
        self.in_text = {pid for _, _, pid in named}
        self.around = {a for pid in self.in_text for a in lex.ancestors(pid)}  # those places and what holds them
        self.ends = {e: pid for _, e, pid in named}  # where a named place ends -> its id


ADMIN_SUFFIXES = ("省", "市", "县", "区", "旗", "盟", "镇", "乡")  # a name ending so is written in full, not a street's
NOT_STREETS = ("路网", "路桥", "路段", "路线", "路径", "街道")  # "通辽路网建设": the place's roads, not a street
WORD_WINDOW = 6  # characters before a name that the segmenter reads to tell whether a word runs into it


def inside_word(text: str, start: int) -> bool:
    """Does a dictionary word run across `start` ("复合|肥": 复合肥 holds 合肥)? jieba's own dictionary, no HMM."""
    from ..words import segmenter

    if start == 0:
        return False
    offset = max(0, start - WORD_WINDOW)
    pos = offset
    for word in segmenter().lcut(text[offset:start + 4], HMM=False):
        if pos < start < pos + len(word):
            return True
        pos += len(word)
        if pos >= start:
            return False
    return False

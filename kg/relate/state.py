"""What the relate components share for one document: its text, sentences and mentions, the entities and
facts found so far, and the few helpers every component reads and writes them with.

Components hold only what they compiled from the lexicon (Places also asks Names what a company's brand
is); everything they learn about a document goes here, so each reads what the earlier ones wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..model import COMPANY, PARK, PLACE, PROJECT, RELATION_PROPS, Document, DocResult, Evidence, Fact, LocalEntity
from ..nlp.base import doc_text, sentence_ranges
from ..nlp.text import CLAUSE_BREAK, SpanIndex, alternation

KEY_PREFIX = {PROJECT: "project", COMPANY: "company", PARK: "park", PLACE: "place"}
SPAN_GROUPS = {"places": PLACE, "companies": COMPANY, "parks": PARK, "projects": PROJECT}


@dataclass
class Mention:
    kind: str
    start: int
    end: int
    text: str
    label: str = ""
    kb_id: str = ""
    key: str = ""  # the entity it belongs to, once merged


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Discourse:
    """What the text is about at the sentence the walk has reached."""

    current: str | None = None  # the project under discussion
    paragraph: int | None = None  # paragraph where it was last named
    section_place: str | None = None  # place set by a section header or a tour leg
    toured: bool = False  # section_place comes from a tour leg or a time and place ("11月份的霍林郭勒市")
    paragraph_place: tuple[int, str] | None = None  # (paragraph, place) where a paragraph says where it is
    opened: int | None = None  # the paragraph of the last sentence read
    venue: str | None = None  # place of the event's main venue ("在科尔沁区主会场举行", "主会场设在郸城县")


def nlp_mentions(doc: Doc) -> list[Mention]:
    """The places, companies, parks and projects the nlp stage found, group by group."""
    return [Mention(kind, s.start_char, s.end_char, s.text, s.label_, s.kb_id_)
            for group, kind in SPAN_GROUPS.items() for s in doc.spans.get(group, [])]


def shared_patterns(lex: Lexicon) -> tuple:
    """The patterns more than one component reads: (field, clause break, head, phase, venue)."""
    structure, projects = lex.patterns["structure"], lex.patterns["projects"]
    return (
        re.compile(f"(?:{alternation(structure['field_labels'])})[：:]"),  # "投资估算：约25亿元"
        re.compile(f"[{CLAUSE_BREAK}]"),
        re.compile(f"(?:{alternation(projects['heads'] + projects['phases'])})+$"),
        re.compile(alternation(lex.patterns["facts"]["phase_words"])),
        re.compile(f"(?:{alternation(structure['venue_words'])})(?P<link>{alternation(structure['venue_links'])})?"),
    )


class DocState:
    """One document as the components see it; `mentions` are the nlp's plus the ones components derived
    from the text before any entity exists (see `relate`)."""

    def __init__(self, document: Document, doc: Doc, lex: Lexicon, mentions: list[Mention], patterns: tuple):
        self.document = document
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        self.result = DocResult(meta=document.meta)
        self.entities: dict[str, LocalEntity] = {}
        self.ambiguous: set[str] = set()  # projects whose name holds two counties
        self.facts: set = set()
        self.by_key: dict[str, list[Mention]] = {}  # entity key -> its mentions (kept up to date by attach)
        self.counters: dict[str, int] = {}
        self.by_subject: dict[str, list[Fact]] = {}  # facts by subject key
        # (sentence, status word, list goes on) a sentence announced for a list after it, or a list item ending in ；
        self.announced: tuple[int, str, bool] | None = None
        self.quantities = sorted((s.start_char, s.end_char, s._.quantity) for s in doc.spans.get("quantities", [])
                                 if s._.quantity is not None)
        self.quantity_starts = [q[0] for q in self.quantities]
        self.captions = SpanIndex((s.start_char, s.end_char) for s in doc.spans.get("captions", []))
        self.chain_spans = sorted((s.start_char, s.end_char, s.kb_id_) for s in doc.spans.get("chains", []))
        # patterns more than one component reads (shared_patterns, compiled once with the components)
        self.field_re, self.clause_break_re, self.head_re, self.phase_re, self.venue_re = patterns
        self.sentences = self.read_sentences()
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end, m.kind))
        for m in self.mentions:
            self.sentence_of(m.start).mentions.append(m)

    def read_sentences(self) -> list[Sentence]:
        out, paragraph = [], 0
        for i, (start, end) in enumerate(sentence_ranges(self.doc)):
            if i and "\n" in self.text[out[-1].start:start] and not self.field_re.match(self.text, start):
                paragraph += 1  # a line "投资估算：约25亿元" is a field of the project above it, not a new paragraph
            out.append(Sentence(i, start, end, paragraph))
        return out

    # ---- reading ------------------------------------------------------------------------------

    def sentence_of(self, pos: int) -> Sentence:
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= pos:
                lo = mid
            else:
                hi = mid - 1
        return self.sentences[lo]

    def mentions_of(self, key: str) -> list[Mention]:
        return [m for m in self.by_key.get(key, []) if m.key == key]

    def quantities_in(self, sent: Sentence) -> list:
        i = bisect_left(self.quantity_starts, sent.start)
        j = bisect_left(self.quantity_starts, sent.end)
        return self.quantities[i:j]

    def clause_start(self, sent: Sentence, pos: int) -> int:
        return max(sent.start, max(self.text.rfind(c, sent.start, pos) for c in CLAUSE_BREAK) + 1)

    def clause_end(self, sent: Sentence, pos: int) -> int:
        m = self.clause_break_re.search(self.text, pos, sent.end)
        return m.start() if m else sent.end

    def clauses(self, sent: Sentence) -> list[tuple[int, int]]:
        out, start = [], sent.start
        for i in range(sent.start, sent.end):
            if self.text[i] in "，,；;：:":
                out.append((start, i))
                start = i + 1
        out.append((start, sent.end))
        return [(s, e) for s, e in out if e > s]

    @cached_property
    def region_doc(self) -> bool:
        """Most places the article names lie in the chains' region."""
        inside = outside = 0
        for m in self.mentions:
            if m.kind == PLACE and m.kb_id:
                if self.lex.in_chain_region(m.kb_id):
                    inside += 1
                elif self.lex.places[m.kb_id].level != "province":
                    outside += 1
        return inside > outside

    # ---- entities and facts -------------------------------------------------------------------

    def evidence(self, sentence: Sentence) -> Evidence:
        start, end = self.document.source_span(sentence.start, sentence.end)
        return Evidence(self.document.meta.doc_id, sentence.index, start, end,
                        self.document.original[start:end], self.document.meta.date)

    def new_entity(self, kind: str, name: str, attrs: dict | None = None) -> LocalEntity:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        key = f"{KEY_PREFIX[kind]}:{self.counters[kind]}"
        entity = LocalEntity(key, kind, name, attrs=attrs or {})
        self.entities[key] = entity
        return entity

    def attach(self, m: Mention, entity: LocalEntity) -> None:
        m.key = entity.key
        self.by_key.setdefault(entity.key, []).append(m)
        if m.text not in entity.surfaces:
            entity.surfaces.append(m.text)
        ev = self.evidence(self.sentence_of(m.start))
        if ev not in entity.evidence:
            entity.evidence.append(ev)
        if len(m.text) > len(entity.name) and not (entity.kind == PLACE and entity.attrs.get("gazetteer_id")):
            entity.name = m.text

    def add(self, subject: str, prop: str, value, ev: Evidence, qualifiers=(), note: str | None = None) -> None:
        if subject not in self.entities or (prop in RELATION_PROPS and value not in self.entities):
            return
        fact = Fact(subject, prop, value, ev, tuple(qualifiers), note)
        if fact not in self.facts:
            self.facts.add(fact)
            self.by_subject.setdefault(subject, []).append(fact)

    def remove(self, fact: Fact) -> None:
        self.facts.discard(fact)
        self.by_subject[fact.subject].remove(fact)

    def facts_of(self, subject: str) -> list[Fact]:
        return self.by_subject.get(subject, [])

    def drop_entity(self, key: str) -> None:
        """An entity that turned out to be none: its facts go, its mentions belong to nothing."""
        for f in [f for f in self.facts if key in (f.subject, f.value)]:
            self.remove(f)
        for m in self.mentions_of(key):
            m.key = ""
        del self.entities[key]

    def finish(self) -> DocResult:
        """The result, entities and facts in a stable order."""
        self.result.entities = sorted(self.entities.values(),
                                      key=lambda e: (list(KEY_PREFIX).index(e.kind), int(e.key.split(":")[1])))
        self.result.facts = sorted(self.facts, key=fact_order)
        return self.result


def fact_order(f: Fact):
    return (f.evidence.sentence, f.subject, f.prop, str(f.value), f.note or "")


def only_places(start: int, end: int, places: list[Mention]) -> bool:
    """Nothing but the given mentions of where (places, and zones where a caller passes them) between start
    and end ("扎鲁特旗鲁北镇|华润…", "某县经济开发区|华庆…": where, then who)."""
    pos = start
    for p in sorted(places, key=lambda p: (p.start, -p.end)):
        if p.start <= pos < p.end:  # nested ones (交城 inside 交城经济开发区) do not stop the walk
            pos = p.end
    return pos >= end

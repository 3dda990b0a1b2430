"""Stage 4, relate: from the spans of one document to its entities, facts and aggregate facts.

The nlp stage found names; this stage decides what they are about. Each concern is a component in its own
module, built from the lexicon, and every component reads and writes one DocState (state.py): the
document's text, sentences and mentions, and the entities and facts found so far.

    structure   section headers, headings, tour legs, the main venue     -> the walk's Discourse
    names       which mentions are one entity; appositions                -> entities
    parts       parts of a project; components that are no project       -> partOf; entities dropped
    places      where projects, parks and the article are                 -> locatedIn, inPark
    figures     money, jobs, land, capacity; aggregates                   -> figures, aggregates
    statuses    the stage a project is at; start and completion dates     -> status, dates
    developers  developers, subsidiaries, suppliers                       -> developer, subsidiaryOf, supplies
    tables      table rows and field lists                                -> developer, place, investment
    chains      the industry chain of projects in the chains' region      -> inChain

This module is the only place that knows their order: `relate` reads the document, merges names, walks
the sentences, then runs what needs the whole document; `walk` calls the components sentence by sentence.

The project under discussion: the last project named; "该项目", "这个项目" and a clause opening with "项目"
refer to it. A section header ("开鲁县：…") or a heading line ends it; naming only parts of it does not.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..model import PROJECT, Document, DocResult
from ..nlp.attach import ATTACHER
from ..nlp.base import doc_text
from .article_place import ArticlePlace
from .chains import Chains
from .developers import Developers
from .figures import Figures
from .names import Names
from .parts import Parts
from .places import Places
from .statuses import Statuses
from .state import Discourse, DocState, Mention, Sentence, nlp_mentions, shared_patterns
from .structure import Structure
from .tables import Tables

__all__ = ["relate", "ruled", "read", "walk", "Components", "DocState", "Discourse", "Mention", "Sentence"]


class Components:
    """The relate components for one lexicon."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.patterns = shared_patterns(lex)
        self.structure = Structure(lex)
        self.names = Names(lex)
        self.parts = Parts(lex)
        self.article_place = ArticlePlace(lex)
        self.places = Places(lex, self.names, self.article_place)
        self.figures = Figures(lex)
        self.statuses = Statuses(lex)
        self.developers = Developers(lex, self.names)
        self.tables = Tables(lex)
        self.chains = Chains(lex)


_components: dict[int, tuple[Lexicon, Components]] = {}


def components(lexicon: Lexicon) -> Components:
    """The components of a lexicon, built once: they compile their patterns and keep no document's state."""
    held = _components.get(id(lexicon))
    if held is None or held[0] is not lexicon:
        held = _components[id(lexicon)] = (lexicon, Components(lexicon))
    return held[1]


def relate(document: Document, doc: Doc, lexicon: Lexicon) -> DocResult:
    """Entities, facts and aggregate facts of one document."""
    s = ruled(document, doc, lexicon)
    if not s.sentences:
        return s.result
    attacher = doc.user_data.get(ATTACHER)
    if attacher is not None:
        attacher.apply(s)
        components(lexicon).developers.subsidiary_over_parent(s)  # the learned layer may add a parent back
    return s.finish()


def ruled(document: Document, doc: Doc, lexicon: Lexicon) -> DocState:
    """The document's state after every rule component: what the learned attachment reads (and learns on)."""
    c = components(lexicon)
    s = read(document, doc, c)
    if not s.sentences:
        return s
    c.names.merge_mentions(s)
    c.names.short_names(s)
    walk(s, c)
    c.tables.table_rows(s)
    c.tables.field_lists(s)
    doc_place = c.article_place.document_place(s)
    c.places.investor_cities(s, doc_place)
    c.places.fallback_places(s, doc_place)
    c.places.refine_cities(s, doc_place)
    c.places.opening_counties(s)
    c.parts.drop_components(s)
    c.developers.inherit(s)
    c.developers.brands_in_names(s)
    c.developers.named_over_brand(s)
    c.developers.subsidiary_over_parent(s)
    c.names.company_projects(s)
    c.developers.company_relations(s)
    c.places.locate_parks(s)
    c.statuses.event_statuses(s)
    c.chains(s)
    return s


def read(document: Document, doc: Doc, c: Components) -> DocState:
    """The document as the components see it: the nlp's mentions, and the names the text gives beside them
    (the region's zone without its city, a company's declared short name)."""
    text = doc_text(doc)
    mentions = nlp_mentions(doc)
    mentions = [m for m in mentions if not c.names.slogan(m, mentions)]
    mentions += c.places.region_aliases(text, mentions)
    mentions += c.names.short_name_mentions(text, mentions)
    return DocState(document, doc, c.lex, mentions, c.patterns)


def walk(s: DocState, c: Components) -> None:
    """The sentences in order, each read with the project under discussion at its start."""
    d = Discourse()
    for sent in s.sentences:
        c.structure.sentence(s, sent, d)
        d.venue = c.structure.venue_place(s, sent) or d.venue
        named = [m for m in sent.mentions if m.kind == PROJECT and m.label == "Project" and m.key]
        refs = [m for m in sent.mentions if m.kind == PROJECT and m.label == "ProjectRef"]
        named = [m for m in named if not c.names.apposition(s, sent, m, d.current)]
        named, restated = c.names.located_appositions(s, sent, named)
        at_start = d.current if d.current and (refs or d.paragraph == sent.paragraph) else None
        if refs and at_start and at_start in s.entities:  # "该项目…": another mention of it
            ev = s.evidence(sent)
            if ev not in s.entities[at_start].evidence:
                s.entities[at_start].evidence.append(ev)
        for m in named:
            c.places.project_mention(s, m, sent, d)
            c.figures.in_name(s, m, sent)
        parts = c.parts.sub_projects(s, sent, named, at_start)
        c.figures.sentence(s, sent, named, refs, at_start)
        c.statuses.sentence(s, sent, named, refs, at_start)
        c.developers.sentence(s, sent, sorted(named + restated, key=lambda m: m.start), at_start)
        c.places.located_by_verb(s, sent, named, refs, at_start)
        if named and not all(m.key in parts for m in named):
            d.current = named[-1].key  # naming only parts keeps the whole under discussion
            if c.figures.closes_list(s, named):
                d.current = None  # "…A、B、C等。总投资达1136亿元": a list's last item is not under discussion
        if named or (refs and at_start):
            d.paragraph = sent.paragraph

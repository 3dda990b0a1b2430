"""Stage 4, relate: from the spans of one document to its entities, facts and aggregate facts.

The nlp stage found names; this stage decides what they are about:

- Entities: one LocalEntity per distinct thing in the document. Mentions merge when their names are
  equal once a leading place is dropped, unless both open with different places (上海青松…有限公司 and its
  subsidiary 通辽青松…有限公司; 全椒县经济开发区 and 天长市经济开发区); a company's short name merges into
  the one full name that contains it (金禾 -> 内蒙古金禾新材料有限公司), a group's short name into the one
  group holding its brand (青松集团 -> 上海青松能源集团); a project's shorter name into the nearest longer name
  that starts or ends with it (大豆深加工项目 -> 50万吨/年大豆深加工项目), or that says the same once
  numerals, units and word order are set aside (百万光伏外送项目 = 100万千瓦外送光伏基地项目); a short
  form abbreviates the one full name holding its characters in order (华电投 -> 华夏电力投资集团); an
  apposition names the project under discussion again ("该项目系全国首个“…”示范项目", "位于某市的A，…的B");
  "X公司的项目" is X's one whole project in the article; a park named again without owner in the same
  sentence is the fuller one. A component named only by capacity and power sector ("配套建设30万千瓦风电
  项目") is no project.
- The project under discussion: the last project named; "该项目", "这个项目" and a clause opening with
  "项目" refer to it. A section header ("开鲁县：…") or a heading line ends it.
- Figures go to the subject of their clause: a project named before them in the sentence, else the
  project a reference points to ("该项目", "该产业园…"), else the project under discussion (same paragraph
  only); "总投资16亿元的X项目" gives it to X. A count of projects (558个, 116项, "福州25个") makes the clause
  and the rest of the sentence an aggregate: its figures describe a set of projects, never one. A figure
  for a phase ("一期投资10亿元", "分两期实施：一期…，投资152亿元；") is not the project's and is not recorded;
  nor is a place's figure (工业总产值) or a cluster's ("形成年产值50亿元的产业集群"). An amount in another
  currency keeps it ("1.5亿美元" is 150000000 USD); the yuan amount the sentence gives beside it ("约合人民币
  10.8亿元") is the same figure in yuan. A production rate ("年产40万吨", "日处理鲜奶1500吨") is a capacity.
- Place of a project, most specific evidence first: a place in its name (a route's: "榆林至府谷高速公路"
  is 榆林市's), a place earlier in its clause ("在奈曼旗…"), the main venue's ("主会场设在郸城县" …
  "主会场开工的X项目"), the section or tour leg ("开鲁县：…", "观摩团走进霍林郭勒市"; a page's running header
  does not end it), a project of the same company in the article, the one county the article writes before
  the developer's brand, the county the article is about (the only one, or one named three times as often
  as any other; "开发区" alone is the city's own zone once the article names it), the one city it is about.
  A city is refined to the county of the section or article when the county lies in it.
- Developer: a company opening the project name, "由X投资建设" (also "由其在某地设立的X建设运营"), "X建设的Y",
  "X的Y项目", "X在某县投资建设Y", "X与开发区签约Y", "该公司年产…项目" (the company the paragraph named last);
  a part inherits the whole's developer unless its clause opens with another builder; subsidiaries
  from "X是Y的子公司", "Y所属X", "是Y全资投资的" and a group opening a company name (远航集团通辽有限公司);
  supplies from "供应A、B等企业" and "为A、B等企业提供".
- Chain (ontology/chains.ttl), only for projects in the chains' region: the keyword ending last in the
  project's name without its company wins (a supporting energy word after the product, "…镁砂源网荷储",
  does not count; a power sector right after a power capacity, "50万千瓦风光储绿电铝", does), else a chain
  named as the sentence's cluster, else a keyword in the company's name unless the name states a product
  with its capacity.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..model import (COMPANY, DEVELOPER, IN_PARK, LOCATED_IN, PARK, PLACE, PROJECT, Document, DocResult)
from ..nlp.base import doc_text
from ..nlp.text import CLAUSE_BREAK, SpanIndex, alternation
from .chains import Chains
from .tables import Tables
from .structure import OPENING, Structure
from .developers import Developers
from .figures import Figures
from .names import Names
from .parts import Parts
from .places import Places
from .state import DocState, Discourse, Mention, Sentence, fact_order, nlp_mentions, only_places



def relate(document: Document, doc: Doc, lexicon: Lexicon) -> DocResult:
    """Entities, facts and aggregate facts of one document."""
    return Relater(document, doc, lexicon).run()


class Relater(DocState):
    def __init__(self, document: Document, doc: Doc, lex: Lexicon):
        self.text = doc_text(doc)
        self.lex = lex
        self.chains = Chains(lex)
        self.tables = Tables(lex)
        self.structure = Structure(lex)
        self.developers = Developers(lex)
        self.figures = Figures(lex)
        self.names = Names(lex)
        self.parts = Parts(lex)
        self.places = Places(lex, self.names)
        mentions = nlp_mentions(doc)
        mentions += self.places.region_aliases(self.text, mentions)
        mentions += self.names.short_name_mentions(self.text, mentions)
        super().__init__(document, doc, lex, mentions)

    # ---- reading the nlp output ---------------------------------------------------------------

    # ---- the whole document -------------------------------------------------------------------

    def run(self) -> DocResult:
        if not self.sentences:
            return self.result
        self.names.merge_mentions(self)
        self.names.short_names(self)
        self.walk()
        self.tables.table_rows(self)
        self.tables.field_lists(self)
        doc_place = self.places.document_place(self)
        self.places.fallback_places(self, doc_place)
        self.places.refine_cities(self, doc_place)
        self.parts.drop_components(self)
        self.developers.inherit(self)
        self.names.company_projects(self)
        self.developers.company_relations(self)
        self.places.locate_parks(self)
        self.chains(self)
        return self.finish()

    # ---- entities -----------------------------------------------------------------------------

    # ---- walking the sentences ----------------------------------------------------------------

    def walk(self) -> None:
        state = Discourse()
        for sent in self.sentences:
            self.structure.sentence(self, sent, state)
            state.venue = self.structure.venue_place(self, sent) or state.venue
            named = [m for m in sent.mentions if m.kind == PROJECT and m.label == "Project" and m.key]
            refs = [m for m in sent.mentions if m.kind == PROJECT and m.label == "ProjectRef"]
            named = [m for m in named if not self.names.apposition(self, sent, m, state.current)]
            named, restated = self.names.located_appositions(self, sent, named)
            at_start = state.current if state.current and (refs or state.paragraph == sent.paragraph) else None
            if refs and at_start and at_start in self.entities:  # "该项目…": another mention of it
                ev = self.evidence(sent)
                if ev not in self.entities[at_start].evidence:
                    self.entities[at_start].evidence.append(ev)
            for m in named:
                self.places.project_mention(self, m, sent, state)
                self.figures.in_name(self, m, sent)
            parts = self.parts.sub_projects(self, sent, named, at_start)
            self.figures.sentence(self, sent, named, refs, at_start)
            self.figures.statuses(self, sent, named, refs, at_start)
            self.developers.sentence(self, sent, sorted(named + restated, key=lambda m: m.start), at_start)
            self.places.located_by_verb(self, sent, named, refs, at_start)
            if named and not all(m.key in parts for m in named):
                state.current = named[-1].key  # naming only parts keeps the whole under discussion
            if named or (refs and at_start):
                state.paragraph = sent.paragraph

    # ---- projects: place, park, parts -----------------------------------------------------------

    # ---- figures ------------------------------------------------------------------------------

    # ---- status and dates ---------------------------------------------------------------------

    # ---- companies ----------------------------------------------------------------------------

    # ---- parks and chains ---------------------------------------------------------------------



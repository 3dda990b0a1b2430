"""Developers, subsidiaries and suppliers: who builds a project, and how the companies are related.

Developer: a company opening the project name, "由X投资建设" (also "由其在某地设立的X建设运营"), "X建设的Y",
"X的Y项目", "X在某县投资建设Y", "X与开发区签约Y" ("X和某管委会签定的Y"), "该公司年产…项目" (the company the
paragraph named last); companies joined before the verb build together ("由A和B联合投资建设的Y"), and a list
sharing its head word keeps the builder ("X投资的A、B项目", where the name read is B's);
a later item of a list named by its output ("X有限公司年产A项目、年产B项目") shares the first item's company;
a part inherits the whole's developer unless its clause opens with another builder; a project whose name
opens with the brand of a company the article names is that company's. Subsidiaries from
"X是Y的子公司", "Y所属X", "是Y全资投资的" and a group opening a company name (远航集团通辽有限公司); supplies
from "供应A、B等企业" and "为A、B等企业提供".
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import COMPANY, DEVELOPER, PARK, PART_OF, PLACE, PROJECT, SUBSIDIARY_OF, SUPPLIES, Fact
from ..nlp.text import CLAUSE_BREAK, alternation
from .names import Names
from .state import DocState, Mention, Sentence, fact_order, only_places

IS_RE = re.compile("[^。；]{0,12}?(?:是|系|为)")  # "X是Y的子公司": between the child and its parent
LIST_JOINS = ("、", "和", "及", "以及", "与", "，")  # between two items of a list of projects
OPENING = "company opening the project name"
LEGAL_INSIDE_REACH = 6  # characters of a zone's name before a company inside a project's name
COMPANY_JOINS = ("和", "、", "及", "与")  # between two companies that build a project together
FIRST_ITEM_RE = re.compile(f"[^{CLAUSE_BREAK}、的]{{1,12}}、")  # "新型环保、": a first item sharing the next one's head word
RESPECTIVELY = "分别"  # "A、B分别就C、D签约": the lists pair off in order
OUTPUT_OPENERS = "年日月0123456789０１２３４５６７８９"  # "年产20万吨…项目", "2×100MW…项目": an item named by its output


class Developers:
    def __init__(self, lex: Lexicon, names: Names):
        self.names = names  # a company's brand, for brands_in_names
        f, companies = lex.patterns["facts"], lex.patterns["companies"]
        self.developer_verb_re = re.compile(alternation(f["developer_verbs"]))
        verbs, signs = alternation(f["developer_verbs"]), alternation(f["sign_verbs"])
        # between a company and its project: "X建设的Y", "X的Y", "X在某县投资建设Y", "X与开发区签约Y", "XY",
        # "与X签订总投资10亿元的Y",
        # "X将在某园区建设Y", "X将投资2亿美元（约合人民币14.4亿元）建设Y"
        amount = f"投资(?:约|近|超|达)?[0-9.]+[万亿]+[^{CLAUSE_BREAK}的]{{0,20}}?"  # "投资2亿美元（约合…）"
        self.builder_of_re = re.compile(f"(?:将|拟|计划|已)?(?:在[^{CLAUSE_BREAK}的]{{1,16}}?)?"
                                        f"(?:(?:总|计划|协议|拟|共)?{amount}[，,]?(?:在[^{CLAUSE_BREAK}的]{{1,16}}?)?)?"
                                        f"(?:(?:{verbs})的?|的)"
                                        f"|(?:(?:与|和|同)[^{CLAUSE_BREAK}]{{1,16}}?)?(?:{signs})"
                                        f"(?:了?(?:总|计划|协议)?{amount}的|[了的])?|")
        # "由X投资建设", "由青松在开发区注册成立的X负责建设运营": 由 opens the stretch that ends with X
        self.by_re = re.compile(f"由(?:[^{CLAUSE_BREAK}由]{{0,24}}的)?$")
        self.company_ref_re = re.compile(f"(?:{alternation(f['company_refs'])})(?:{self.builder_of_re.pattern})")
        # "该公司年产…项目": a project name that opens with a demonstrative reference to a company
        self.named_ref_re = re.compile(alternation(r for r in f["company_refs"]
                                                   if r.startswith(tuple(f["demonstratives"]))))
        self.owner_re = re.compile(f"(?:{alternation(companies['owner_cues'])})的?")
        self.parent_re = re.compile(f"的?(?:{alternation(f['parent_cues'])})")
        self.supply_re = re.compile(f"(?:{alternation(f['supply_cues'])})(?P<list>[^，。；]{{2,60}}?)"
                                    f"等[^，。；]{{0,12}}?(?:{alternation(companies['list_heads'])})")
        self.group_word = companies["group_suffix"]
        self.legal_suffixes = tuple(companies["legal_suffixes"])

    # ---- in the walk --------------------------------------------------------------------------

    def legal_inside(self, s: DocState, m: Mention, c: Mention) -> bool:
        """A company with its legal form near the front of a project's name, after a zone the gazetteer does not
        know ("渤海新区河北某某石化有限公司渤海新区智能服务中心项目"): the project's owner."""
        return c.start - m.start <= LEGAL_INSIDE_REACH and c.end < m.end and s.text.endswith(self.legal_suffixes, c.start, c.end)

    def sentence(self, s: DocState, sent: Sentence, named, at_start: str | None) -> None:
        """A company opening the project name, "X建设的Y", "X的Y", "X在某县投资建设Y", "X与开发区签约Y",
        "由X投资建设", "该公司年产…项目" (the company the paragraph last named)."""
        ev = s.evidence(sent)
        text = s.text
        companies = [m for m in sent.mentions if m.kind == COMPANY and m.key]
        places = [x for x in sent.mentions if x.kind == PLACE]
        wheres = places + [x for x in sent.mentions if x.kind == PARK]  # "某县|某经济开发区|X公司…项目"
        listed: list[str] = []  # the developers of the list item before, while the list goes on
        for i, m in enumerate(named):
            opening = [c for c in companies if m.start <= c.start and c.end <= m.end
                       and (only_places(m.start, c.start, wheres) or self.legal_inside(s, m, c))]
            opened = [c.key for c in opening if not any(o.start <= c.start and c.end <= o.end and o is not c
                                                         for o in opening)]
            for key in opened:
                s.add(m.key, DEVELOPER, key, ev, note=OPENING)
            if not opened and listed and self.list_item(s, named[i - 1], m, companies):
                for key in listed:  # "X有限公司年产9.5万吨A项目、年产20万吨B项目": the list shares its company
                    s.add(m.key, DEVELOPER, key, ev, note="list item after a company's project")
                opened = listed
            listed = opened
            builders = [c for c in companies if c.end <= m.start and self.builds(s, sent, c, m)]
            for c in companies:  # "由A和B联合投资建设的Y": a company joined to a builder builds too
                if c.end <= m.start and c not in builders and any(
                        text[c.end:b.start] in COMPANY_JOINS and b.end < m.start for b in builders):
                    builders.append(c)
            for c in builders:
                s.add(m.key, DEVELOPER, c.key, ev, note="X建设的Y / X的Y")
            clause = s.clause_start(sent, m.start)
            if not opening and (self.company_ref_re.fullmatch(text, clause, m.start)
                                or self.named_ref_re.match(text, m.start, m.end)):
                referent = self.last_company(s, sent, clause)
                if referent:
                    s.add(m.key, DEVELOPER, referent, ev, note="该公司…的Y")
        for c in companies:
            verb = self.developer_verb_re.match(text, c.end)
            if not self.by_re.search(text, max(sent.start, c.start - 26), c.start) or not verb:
                continue
            if text.startswith("的", verb.end()) and any(verb.end() < m.start <= verb.end() + 1 for m in named):
                continue  # "X项目、由B公司投资的Y项目": B builds Y, read above, not X
            before = [m.key for m in named if m.end <= c.start]
            subject = before[-1] if before else at_start
            if subject:
                s.add(subject, DEVELOPER, c.key, ev, note="由X投资建设")
        self.respectively(s, sent, named, companies, ev)

    def respectively(self, s: DocState, sent: Sentence, named, companies, ev) -> None:
        """"与A、B分别就C、D项目签约": a list of companies and a list of as many projects after 分别 pair off in
        order."""
        text = s.text
        at = text.find(RESPECTIVELY, sent.start, sent.end)
        if at < 0:
            return
        builders = [c for c in companies if c.end <= at and not any(m.start <= c.start < m.end for m in named)]
        projects = [m for m in named if m.start > at]
        if len(builders) < 2 or len(builders) != len(projects):
            return
        joined = all(text[a.end:b.start] in COMPANY_JOINS for a, b in zip(builders, builders[1:])) and \
            all(text[a.end:b.start] in LIST_JOINS for a, b in zip(projects, projects[1:]))
        if joined and text[builders[-1].end:at].strip() == "":
            for c, m in zip(builders, projects):
                s.add(m.key, DEVELOPER, c.key, ev, note="A、B分别…C、D")

    def builds(self, s: DocState, sent: Sentence, c: Mention, m: Mention) -> bool:
        """"X建设的Y", "X与开发区签约Y" …, also where Y is the last item of a list that shares its head word and
        the name read is that item only ("X投资的新型环保、机械设备生产线项目")."""
        if self.builder_of_re.fullmatch(s.text, c.end, m.start):
            return True
        item = FIRST_ITEM_RE.search(s.text, c.end, m.start)
        return bool(item) and item.end() == m.start and item.start() > c.end and not any(
            item.start() <= x.start < m.start for x in sent.mentions) and \
            bool(self.builder_of_re.fullmatch(s.text, c.end, item.start()))

    def list_item(self, s: DocState, prev, m, companies) -> bool:
        """Project `m` is the next item of a list that `prev` opens with a company, written as an output
        alone ("、年产20万吨文化用纸项目"): no company of its own, only a list join between them."""
        return s.text[prev.end:m.start] in LIST_JOINS and s.text[m.start:m.start + 1] in OUTPUT_OPENERS \
            and not any(m.start <= c.start < m.end for c in companies)

    def last_company(self, s: DocState, sent: Sentence, pos: int) -> str | None:
        """The company named last before `pos`, in its paragraph: what "该公司" refers to."""
        for prev in reversed(s.sentences[:sent.index + 1]):
            if prev.paragraph != sent.paragraph:
                return None
            found = [m.key for m in prev.mentions if m.kind == COMPANY and m.key and m.end <= pos]
            if found:
                return found[-1]
        return None

    # ---- after the walk -----------------------------------------------------------------------

    def inherit(self, s: DocState) -> None:
        """A part without a developer of its own is built by the whole project's developer, unless its clause
        opens with someone else ("伊吾县还为项目配套建设了…水厂二期工程": the county builds it)."""
        developers: dict[str, list] = {}
        for f in sorted(s.facts, key=fact_order):
            if f.prop == DEVELOPER:
                developers.setdefault(f.subject, []).append(f.value)
        for f in sorted(s.facts, key=fact_order):
            if f.prop == PART_OF and f.subject not in developers and not self.built_by_another(s, f):
                for company in developers.get(f.value, []):
                    s.add(f.subject, DEVELOPER, company, f.evidence, note="developer of the whole project")

    def brands_in_names(self, s: DocState) -> None:
        """A project without a developer whose name opens (after its places) with the brand of a company
        the article names is that company's ("宏祥医疗养老中心项目" in an article that names 宏祥集团)."""
        developed = {f.subject for f in s.facts if f.prop == DEVELOPER}
        brands: dict[str, set[str]] = {}  # brand -> companies
        for e in s.entities.values():
            if e.kind == COMPANY:
                for core in self.names.company_cores(e.name):
                    if len(core) >= 2 and not only_places_name(self.names, core):
                        brands.setdefault(core, set()).add(e.key)
        for e in [e for e in s.entities.values() if e.kind == PROJECT and e.key not in developed]:
            rest = self.names.strip_place(e.name)
            found = [b for b in brands if rest.startswith(b) and len(rest) > len(b) + 1]
            if not found:
                continue
            owners = brands[max(found, key=len)]
            if len(owners) == 1:
                s.add(e.key, DEVELOPER, next(iter(owners)), e.evidence[0], note="company's brand opening the name")

    def named_over_brand(self, s: DocState) -> None:
        """A developer the text names with its legal form ("由某某食品有限公司负责建设运营") outranks a bare brand read
        from the front of the project's name (某禾果汁项目): the brand is more often the product's than a second owner."""
        for facts in developers_by_project(s):
            named = [f for f in facts if f.note != OPENING and self.legal(s, f.value)]
            if named:
                for f in facts:
                    if f.note == OPENING and not self.legal(s, f.value) and f.value not in {n.value for n in named}:
                        s.remove(f)

    def subsidiary_over_parent(self, s: DocState) -> None:
        """Of two developers of a project, one the opening of the other's legal name (某某集团 and 某某集团通辽有限
        公司), the full name is the developer: the subsidiary the group set up for the project."""
        for facts in developers_by_project(s):
            names = {f.value: s.entities[f.value].name for f in facts}
            for f in facts:
                name = names[f.value]
                if any(k != f.value and other.startswith(name) and len(other) > len(name) and self.legal(s, k)
                       for k, other in names.items()):
                    s.remove(f)

    def legal(self, s: DocState, key: str) -> bool:
        return s.entities[key].name.endswith(self.legal_suffixes)

    def built_by_another(self, s: DocState, part_of: Fact) -> bool:
        """The clause naming the part opens with a place or company that is not the whole's developer."""
        sent = s.sentences[part_of.evidence.sentence]
        builders = {f.value for f in s.facts_of(part_of.value) if f.prop == DEVELOPER}
        for m in s.mentions_of(part_of.subject):
            if sent.start <= m.start < sent.end:
                clause = s.clause_start(sent, m.start)
                return any(x.start == clause and x.kind in (PLACE, COMPANY) and x.key not in builders
                           for x in sent.mentions)
        return False

    def company_relations(self, s: DocState) -> None:
        """Subsidiaries and suppliers."""
        companies = [e for e in s.entities.values() if e.kind == COMPANY]
        for child in companies:
            for parent in companies:
                if parent is not child and parent.name.endswith(self.group_word) and child.name.startswith(parent.name) \
                        and len(child.name) > len(parent.name):
                    s.add(child.key, SUBSIDIARY_OF, parent.key, child.evidence[0], note="group opening the name")
        for sent in s.sentences:
            names = [m for m in sent.mentions if m.kind == COMPANY and m.key]
            if len(names) < 2:
                continue
            ev = s.evidence(sent)
            text = s.text
            for a in names:
                for b in names:
                    if a.key == b.key or a.end > b.start:
                        continue
                    between = text[a.end:b.start]
                    if self.owner_re.fullmatch(between):
                        s.add(b.key, SUBSIDIARY_OF, a.key, ev, note="Y所属X")
                    elif IS_RE.fullmatch(between) and self.parent_re.match(text, b.end):
                        s.add(a.key, SUBSIDIARY_OF, b.key, ev, note="X是Y的子公司 / X是Y全资投资的")
        self.suppliers(s)

    def suppliers(self, s: DocState) -> None:
        """"供应A、B等企业", "为A、B等企业提供": the developer of the project under discussion supplies them."""
        developer_of = {}
        for fact in sorted(s.facts, key=lambda f: f.evidence.sentence):
            if fact.prop == DEVELOPER:
                developer_of.setdefault(fact.subject, fact.value)
        current = None
        for sent in s.sentences:
            named = [m for m in sent.mentions if m.kind == PROJECT and m.label == "Project" and m.key]
            if named:
                current = named[-1].key
            text = s.text[sent.start:sent.end]
            cue = self.supply_re.search(text)
            if not cue or current not in developer_of:
                continue
            ev = s.evidence(sent)
            for m in sent.mentions:
                if m.kind == COMPANY and m.key and sent.start + cue.start("list") <= m.start < sent.start + cue.end("list"):
                    if m.key != developer_of[current]:
                        s.add(developer_of[current], SUPPLIES, m.key, ev, note=cue.group()[:2])


def developers_by_project(s: DocState) -> list[list[Fact]]:
    """The developer facts of each project that has any, in the order they were read."""
    by_project: dict[str, list[Fact]] = {}
    for f in s.facts:
        if f.prop == DEVELOPER:
            by_project.setdefault(f.subject, []).append(f)
    return list(by_project.values())


def only_places_name(names: Names, text: str) -> bool:
    """A core that is only a place's name (内蒙古 of 内蒙古有限公司) is no brand."""
    return names.strip_place(text + "X") == "X"

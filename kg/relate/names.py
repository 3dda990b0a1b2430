"""Names: which mentions are one entity, and which names are other names of the project under discussion.

Mentions merge when their names are equal once a leading place is dropped, unless both open with different
places (上海青松…有限公司 and its subsidiary 通辽青松…有限公司; 全椒县经济开发区 and 天长市经济开发区); a company's short
name merges into the one full name that contains it (金禾 -> 内蒙古金禾新材料有限公司), a group's short name into
the one group holding its brand (青松集团 -> 上海青松能源集团); a project's shorter name into the nearest longer
name that starts or ends with it (大豆深加工项目 -> 50万吨/年大豆深加工项目), or that says the same once numerals,
units and word order are set aside (百万光伏外送项目 = 100万千瓦外送光伏基地项目); a short form abbreviates the
one full name holding its characters in order (华电投 -> 华夏电力投资集团); an apposition names the project under
discussion again ("该项目系全国首个“…”示范项目", "位于某市的A，…的B"); "X公司的项目" is X's one whole project in
the article; a park named again without owner in the same sentence is the fuller one.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon, county_stems
from ..model import COMPANY, DEVELOPER, PARK, PART_OF, PLACE, PROJECT, LocalEntity
from ..nlp.quantities import chinese_number
from ..nlp.text import CLAUSE_BREAK, alternation, cjk_count, same_form, written_alike
from ..words import short_nouns
from .state import DocState, Mention, Sentence

BRACKETED_RE = re.compile("[（(][^）)]{1,8}[）)]")
MIN_CORE = 4  # shortest project core that may stand for a longer name
BARE_COMPANY = "公司"  # "青禾公司": a brand with the bare word for company
NUMERAL_RE = re.compile("([一二两三四五六七八九十百千]+)(万|亿)")  # 百万千瓦 = 100万千瓦 in a name
MAX_LEAD_IN = 3  # characters of a lead-in swallowed before a company's name


class Names:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        f, p, companies = lex.patterns["facts"], lex.patterns["projects"], lex.patterns["companies"]
        # "湖北某化工集团有限公司（以下简称“某集团”）": the short name the article uses for that company
        self.short_name_re = re.compile(f"[（(](?:{alternation(companies['short_name_cues'])})"
                                        "[“\"‘「]?([^”\"’」）)]{2,12})[”\"’」]?[）)]")
        self.core_end_re = re.compile(f"(?:{alternation(p['heads'] + p['phases'] + p['core_fillers'])})+$")
        self.slogan_head = p["bare_reference"]  # 项目: what a slogan ends with ("攻慢项目"; 主体工程 is a part)
        self.unit_word_re = re.compile(alternation(p["signature_drop"]))
        self.legal_suffixes = lex.words("companies", "legal_suffixes")
        self.industry_words = sorted(lex.words("companies", "short_name_suffixes") + lex.words("companies", "core_trade_words"),
                                     key=lambda w: (-len(w), w))
        self.group_word = companies["group_suffix"]
        self.trade_group = {w: i for i, group in enumerate(companies["trade_synonyms"]) for w in group}
        self.located_clause_re = re.compile(f"(?:{alternation(f['location_cues'])})[^{CLAUSE_BREAK}]{{1,16}}的")
        self.own_level_words = set(lex.patterns["parks"]["own_level_words"])
        self.park_suffix_re = re.compile(f"(?:{alternation(lex.patterns['parks']['suffixes'])})$")
        self.heads = set(p["heads"])

    # ---- short names in the text --------------------------------------------------------------

    def short_name_of(self, text: str, m: Mention) -> str | None:
        """The short name given right after a company's name ("（以下简称“某集团”）")."""
        said = self.short_name_re.match(text, m.end)
        return said.group(1) if said else None

    def short_name_mentions(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Each use of a short name a company was given that the nlp did not read as a company."""
        out: list[Mention] = []
        taken = [(m.start, m.end) for m in mentions if m.kind == COMPANY]
        for m in [m for m in mentions if m.kind == COMPANY]:
            short = self.short_name_of(text, m)
            for found in re.finditer(re.escape(short), text) if short else ():
                if not any(a < found.end() and found.start() < b for a, b in taken):
                    out.append(Mention(COMPANY, found.start(), found.end(), short, "Company", ""))
                    taken.append(found.span())
        return out

    # ---- one entity per thing -----------------------------------------------------------------

    @staticmethod
    def trim_lead_ins(s: DocState) -> None:
        """A company is written the same way throughout an article: a mention that is another mention's name
        after one to three characters that are no place ("仪式设某鹰" beside "某鹰", "既有某东", "让某某集团")
        held a lead-in; it is the shorter name."""
        companies = [m for m in s.mentions if m.kind == COMPANY]
        places = [m for m in s.mentions if m.kind == PLACE]
        for m, cut in zip(companies, written_alike([m.text for m in companies], min_len=2, max_cut=MAX_LEAD_IN)):
            if not cut or any(p.start < m.start + cut and m.start < p.end for p in places):
                continue  # (none, or "河北某某石化": the place is part of the name)
            m.start += cut
            m.text = m.text[cut:]

    def merge_mentions(self, s: DocState) -> None:
        """One entity per distinct thing: places by id, companies and parks by name, projects by name."""
        self.trim_lead_ins(s)
        by_name: dict[tuple[str, str], LocalEntity] = {}
        for m in s.mentions:
            if m.kind == PROJECT and m.label != "Project":
                continue
            if m.kind == PLACE:
                ident = m.kb_id or m.text
                entity = by_name.get((PLACE, ident))
                if entity is None:
                    place = self.lex.places.get(m.kb_id)
                    attrs = {"level": place.level if place else m.label}
                    if place:
                        attrs["gazetteer_id"] = place.id
                    entity = by_name[(PLACE, ident)] = s.new_entity(PLACE, place.name if place else m.text, attrs)
                s.attach(m, entity)
                continue
            ident = same_form(self.project_core(m.text) if m.kind == PROJECT else self.strip_place(m.text))
            if m.kind == PARK and ident[:1] in self.own_level_words and len(ident) >= 5:
                ident = ident[1:]  # "市陶瓷制品产业园区": the article's own city's park
            entity = by_name.get((m.kind, ident))
            if entity is not None and m.kind in (COMPANY, PARK) and self.other_place(entity.name, m.text):
                ident = m.text  # 上海青松…有限公司 and 通辽青松…有限公司 (a firm and its subsidiary), 全椒县/天长市经济开发区
                entity = by_name.get((m.kind, ident))
            if entity is None:
                entity = by_name[(m.kind, ident)] = s.new_entity(m.kind, m.text)
            s.attach(m, entity)
        self.merge_short_companies(s)
        self.merge_short_projects(s)
        self.merge_restated_parks(s)
        for e in s.entities.values():
            if e.kind == PROJECT:
                spans = s.mentions_of(e.key)
                if spans and all(s.captions.overlapping(m.start, m.start + 1) for m in spans):
                    e.attrs["in_caption"] = True

    def merge_into(self, s: DocState, short: LocalEntity, full: LocalEntity) -> None:
        """One entity from two: mentions, and any fact already read about the short one, go to the full one."""
        for m in s.mentions_of(short.key):
            s.attach(m, full)
        del s.entities[short.key]
        stale = [f for f in s.facts if short.key in (f.subject, f.value)]
        for f in stale:
            s.remove(f)
        for f in stale:
            s.add(full.key if f.subject == short.key else f.subject, f.prop,
                  full.key if f.value == short.key else f.value, f.evidence, f.qualifiers, f.note)

    def short_names(self, s: DocState) -> None:
        """"湖北某化工集团有限公司（以下简称“某集团”）": within the article the short name is that company."""
        companies = [m for m in s.mentions if m.kind == COMPANY and m.key]
        for m in companies:
            said = self.short_name_of(s.text, m)
            if not said or m.key not in s.entities:
                continue
            short = {x.key for x in companies if x.text == said and x.key != m.key and x.key in s.entities}
            for key in sorted(short):
                self.merge_into(s, s.entities[key], s.entities[m.key])

    def merge_short_companies(self, s: DocState) -> None:
        """A short name joins the one longer name whose core it is: the name without its place, legal
        suffix and industry words (瑞丰食品 -> 瑞丰食品有限公司, 宏达动力 -> 湖北宏达动力有限公司,
        北辰生物 -> 北辰生物科技有限公司), but 金禾 stays apart from 内蒙古金禾合金有限公司; a group's short
        name joins the one group whose brand it holds (青松集团 -> 上海青松能源集团). A second round lets a
        short name that had two candidates join once they are one (桂澜 after 桂澜新材料 joined
        广西桂澜新材料科技有限公司)."""
        for _ in range(2):
            before = len(s.entities)
            self.merge_short_companies_once(s)
            if len(s.entities) == before:
                break

    def merge_short_companies_once(self, s: DocState) -> None:
        companies = [e for e in s.entities.values() if e.kind == COMPANY]
        for short in sorted(companies, key=lambda e: len(e.name)):
            if short.key not in s.entities:
                continue
            if self.company_core(short.name) != self.strip_place(short.name):  # a full name itself
                if self.bare_company_word(short.name):  # "青禾公司": the brand and 公司, a short name after all
                    brand = self.company_core(short.name)
                    fulls = [e for e in companies if e is not short and e.key in s.entities
                             and len(e.name) > len(short.name) and brand in self.company_cores(e.name)]
                    if len({self.strip_place(e.name) for e in fulls}) == 1:
                        self.merge_into(s, short, fulls[0])
                    continue
                if short.name.endswith(self.group_word) and self.strip_place(short.name) == short.name:
                    core = self.company_core(short.name)
                    groups = [e for e in companies if e is not short and e.key in s.entities and e.name.endswith(
                        self.group_word) and len(e.name) > len(short.name) and core in self.company_cores(e.name)]
                    if len(groups) == 1:
                        self.merge_into(s, short, groups[0])
                continue
            core = self.strip_place(short.name)
            fulls = [e for e in companies if e is not short and e.key in s.entities and len(e.name) > len(short.name)
                     and (self.strip_place(e.name) == core or core in self.company_cores(e.name)
                          or self.opens_with_core(core, e.name))]
            others = [e for e in companies if e.key in s.entities and e is not short]
            if not fulls:  # "由深圳汇能储能科技股份有限公司投资的汇能储能…项目": the brand a full name beside it opens with
                fulls = [e for e in others if len(e.name) > len(short.name) and self.company_core(e.name).startswith(core)
                         and self.share_sentence(s, short, e)]
            if not fulls and len(core) >= 3:
                fulls = self.expansions(core, others)
            if not fulls:  # "青禾乳业" of 河南青禾牧业有限公司: one brand, another trade word
                fulls = [e for e in others if self.legal_suffix(e.name) and self.same_trade(core, e.name)]
            if len({self.strip_place(e.name) for e in fulls}) == 1:  # the firm before its local subsidiary
                self.merge_into(s, short, min(fulls, key=lambda e: min(m.start for m in s.mentions_of(e.key))))

    def share_sentence(self, s: DocState, a: LocalEntity, b: LocalEntity) -> bool:
        """Some mention of `a` and some mention of `b` stand in one sentence."""
        sentences = {s.sentence_of(m.start).index for m in s.mentions_of(a.key)}
        return any(s.sentence_of(m.start).index in sentences for m in s.mentions_of(b.key))

    def expansions(self, short: str, companies: list[LocalEntity]) -> list[LocalEntity]:
        """Full names a short form abbreviates (华电投 -> 华夏电力投资集团): same first character, its characters
        in order in the name; a subsidiary named after its parent (华夏电力投资集团北方公司) counts as the parent."""
        def abbreviates(name: str) -> bool:
            name = self.strip_place(name)
            pos = 0
            for ch in short:
                pos = name.find(ch, pos) + 1
                if not pos:
                    return False
            return name[0] == short[0] and len(name) > len(short)
        found = [e for e in companies if abbreviates(e.name)]
        return [e for e in found if not any(o is not e and e.name.startswith(o.name) for o in found)]

    def opens_with_core(self, short: str, full: str) -> bool:
        """"华宇智慧能源" opens with the core of "广东中山华宇集团": a brand of the group."""
        core = self.company_core(full)
        return core != self.strip_place(full) and len(core) >= 2 and short.startswith(core)

    def merge_short_projects(self, s: DocState) -> None:
        """A shorter project name joins the nearest longer name that starts or ends with it."""
        projects = [e for e in s.entities.values() if e.kind == PROJECT]
        for short in sorted(projects, key=lambda e: len(e.name)):
            core = self.project_core(short.name)
            if len(core) < MIN_CORE:
                continue
            first = min(m.start for m in s.mentions_of(short.key))
            candidates = []
            for e in projects:
                if e is short or e.key not in s.entities:
                    continue
                other = self.project_core(e.name)
                if (len(other) > len(core) and (other.startswith(core) or other.endswith(core))) or \
                        (len(other) >= len(core) and self.name_signature(other) == self.name_signature(core)):
                    starts = [m.start for m in s.mentions_of(e.key)]
                    before = [x for x in starts if x < first]
                    distance = first - max(before) if before else min(starts) - first + len(s.text)
                    candidates.append((distance, e.key))
            if not candidates:  # "青禾装备制造" beside "青禾高端装备制造产业园": the brand, then words of the one name
                abbreviated = [e for e in projects if e is not short and e.key in s.entities
                               and (self.abbreviates(core, self.project_core(e.name))
                                    or self.restates(core, self.project_core(e.name)))]
                candidates = [(0, abbreviated[0].key)] if len(abbreviated) == 1 else []
            if candidates:
                self.merge_into(s, short, s.entities[min(candidates)[1]])

    @staticmethod
    def abbreviates(core: str, other: str) -> bool:
        """`core` opens as `other` does (two characters: a brand) and the rest of it, four characters or more,
        stands in `other` as written (青禾装备制造 of 青禾高端装备制造产业园)."""
        return len(other) > len(core) and core[:2] == other[:2] and len(core) - 2 >= 4 and core[2:] in other[2:]

    @staticmethod
    def restates(core: str, other: str) -> bool:
        """`core` is `other` with up to four characters left out, none of them a phase, a count or a change of
        scope (废矿物油循环再生 of 废旧矿物油循环再生, 某某异地搬迁 of 某某异地技改环保搬迁; not 某某 of 某某二期 or
        某某扩建): the same name written shorter."""
        if not (len(core) >= 4 and 0 < len(other) - len(core) <= 4 and core[:2] == other[:2] and core[-2:] == other[-2:]):
            return False
        extra, i = [], 0
        for ch in other:
            if i < len(core) and ch == core[i]:
                i += 1
            else:
                extra.append(ch)
        return i == len(core) and not any(ch in RESTATE_BLOCKERS for ch in extra)

    def merge_restated_parks(self, s: DocState) -> None:
        """"星海新能源装备制造产业园项目投资85亿元，布局建设高端装备制造产业园": a park named without place
        or owner in the sentence of a fuller park name ending in the same words (four or more before the
        suffix) is that park again."""
        for m in [m for m in s.mentions if m.kind == PARK and m.key]:
            short = s.entities.get(m.key)
            if short is None or self.strip_place(short.name) != short.name or any(
                    c.kind in (COMPANY, PLACE) and m.start <= c.start and c.end <= m.end
                    for c in s.sentence_of(m.start).mentions):
                continue
            suffix = self.park_suffix_re.search(m.text)
            fulls = {x.key for x in s.sentence_of(m.start).mentions
                     if x.kind == PARK and x.key and x.key != m.key and len(x.text) > len(m.text) and suffix
                     and common_ending(x.text, m.text) >= len(suffix.group()) + 4}
            if len(fulls) == 1:
                self.merge_into(s, short, s.entities[fulls.pop()])

    # ---- what a name says ---------------------------------------------------------------------

    def strip_place(self, name: str) -> str:
        """The name without the place it opens with (科尔沁区北辰集团 -> 北辰集团)."""
        end = 0
        while (m := self.lex.place_re.match(name, end)) and m.end() < len(name):
            end = m.end()  # "广东中山华宇集团" -> 华宇集团
        return name[end:]

    def other_place(self, a: str, b: str) -> bool:
        """Two names that open with different places."""
        place_a, place_b = a[:len(a) - len(self.strip_place(a))], b[:len(b) - len(self.strip_place(b))]
        return bool(place_a and place_b and place_a != place_b)

    def bare_company_word(self, name: str) -> bool:
        """"青禾公司": a brand of two to four characters and the bare word 公司, no place, no trade word."""
        core = self.company_core(name)
        return name == core + BARE_COMPANY and 2 <= len(core) <= 4 and min(self.company_cores(name), key=len) == core

    def company_core(self, name: str) -> str:
        """The name without its place, a bracketed place (蒙源牧歌乳业（通辽）) and legal suffix."""
        name = self.strip_place(BRACKETED_RE.sub("", name))
        suffix = self.legal_suffix(name)
        return name[:-len(suffix)] if suffix else name

    def same_trade(self, short: str, full: str) -> bool:
        """One brand with trade words of one synonym group: 青禾乳业 and 河南青禾牧业有限公司."""
        for core in self.company_cores(full):
            for word, group in self.trade_group.items():
                if core.endswith(word) and len(core) - len(word) >= 2:
                    brand = core[:-len(word)]
                    trade = short[len(brand):] if short.startswith(brand) else None
                    if trade and trade != word and self.trade_group.get(trade) == group:
                        return True
        return False

    def legal_suffix(self, name: str) -> str | None:
        """The legal suffix a name ends with (有限公司, 集团 …), leaving something before it."""
        return next((x for x in self.legal_suffixes if name.endswith(x) and len(name) > len(x)), None)

    def company_cores(self, name: str) -> set[str]:
        """The core, and the core without trailing industry words (北辰生物科技 -> 北辰生物, 北辰), or without
        a county's short name opening a registered name (江阴青禾塑业有限公司 -> 青禾塑业)."""
        cores, core = set(), self.company_core(name)
        # a county's short name needs context elsewhere; opening a registered name, it has it (江阴青禾塑业)
        if self.legal_suffix(name) and (stem := next(county_stems(self.lex.context_names, core, 2), None)):
            cores |= self.company_cores(core[len(stem):])
        industry = self.industry_words
        while core:
            cores.add(core)
            word = next((w for w in industry if core.endswith(w) and len(core) > len(w) + 1), None)
            if not word:
                break
            core = core[:-len(word)]
        return cores

    def slogan(self, m: Mention, mentions: list[Mention]) -> bool:
        """A project name of one or two characters that are no noun, and 项目 ("攻慢项目", "扩规项目", "正式项目"):
        a slogan or a kind of project, unless a place stands before it or a company of the article is so called."""
        if m.kind != PROJECT or m.label != "Project" or not m.text.endswith(self.slogan_head):
            return False
        if self.strip_place(m.text) != m.text:
            return False  # a place before it makes it a name: "东莞某某项目"
        core = self.core_end_re.sub("", m.text)
        if not 0 < cjk_count(core) <= 2 or len(core) != cjk_count(core):
            return False
        if core in short_nouns():
            return False  # "硅胶项目", "码头项目": a product or a facility, written short
        return not any(x.kind == COMPANY and core in x.text for x in mentions)

    def project_core(self, name: str) -> str:
        """The name without its place, head and filler words (某旗星海能源建设项目 -> 星海能源)."""
        return self.core_end_re.sub("", self.strip_place(name))

    def name_signature(self, core: str) -> str:
        """What a core says regardless of numeral form, units and word order: 百万光伏外送 and
        100万千瓦外送光伏 are one project."""
        core = NUMERAL_RE.sub(lambda m: str(chinese_number(m.group(1))) + m.group(2), core)
        return "".join(sorted(self.unit_word_re.sub("", core)))

    # ---- in the walk: other names of the project under discussion -----------------------------

    def apposition(self, s: DocState, sent: Sentence, m: Mention, current: str | None) -> bool:
        """"该项目系全国首个“…”示范项目": another name of the project under discussion."""
        before = s.text[sent.start:m.start]
        if current and re.search("(?:该项目|这个项目|此项目|项目|也|还)(?:系|是|为)[^，。；]{0,8}$", before) \
                and m.key != current and m.key in s.entities:
            self.merge_into(s, s.entities[m.key], s.entities[current])
            return True
        return False

    def located_appositions(self, s: DocState, sent: Sentence,
                            named: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        """"位于某市的X公司第十厂区，总投资108亿元的Y超级工厂正式开建": a clause that only says where A is,
        followed by B, names one project twice. A joins B. Returns the other names and the restated ones."""
        out, restated = [], []
        for i, m in enumerate(named):
            nxt = named[i + 1] if i + 1 < len(named) else None
            clause = s.text[s.clause_start(sent, m.start):m.start]
            if nxt and nxt.key != m.key and m.key in s.entities and nxt.key in s.entities \
                    and self.located_clause_re.fullmatch(clause) and s.text[m.end:m.end + 1] in "，," \
                    and s.clause_start(sent, nxt.start) == m.end + 1:
                target = s.entities[nxt.key]
                name = target.name
                self.merge_into(s, s.entities[m.key], target)
                target.name = name
                restated.append(m)
                continue
            out.append(m)
        return out, restated

    # ---- after the walk -----------------------------------------------------------------------

    def company_projects(self, s: DocState) -> None:
        """"X公司的项目", "X公司项目" names no project of its own: it is the one whole project (not a part
        nor a phase) that the article gives X as developer, when there is exactly one, or else the one project
        its sentence named before it ("在A产业园，X公司的项目建设现场…")."""
        heads = self.heads
        developers: dict[str, set[str]] = {}
        parts = {f.subject for f in s.facts if f.prop == PART_OF}
        for f in s.facts:
            if f.prop == DEVELOPER:
                developers.setdefault(f.subject, set()).add(f.value)
        for e in [e for e in s.entities.values() if e.kind == PROJECT]:
            owners = set()
            for m in s.mentions_of(e.key):
                owner = [c for c in s.sentence_of(m.start).mentions if c.kind == COMPANY and c.key
                         and c.start == m.start and s.text[c.end:m.end].lstrip("的") in heads]
                owners |= {c.key for c in owner} or {""}
            if len(owners) != 1 or "" in owners:
                continue
            owner = owners.pop()
            wholes = [k for k, cs in sorted(developers.items()) if owner in cs and k != e.key and k in s.entities
                      and k not in parts and not s.phase_re.search(s.entities[k].name)]
            if not wholes:  # "在A项目（园），X公司的项目建设现场…": the one project its sentence named before
                first = min(s.mentions_of(e.key), key=lambda m: m.start)
                wholes = sorted({x.key for x in s.sentence_of(first.start).mentions if x.kind == PROJECT and x.key
                                 and x.key != e.key and x.end <= first.start and x.key not in parts})
            if len(wholes) == 1:
                target = s.entities[wholes[0]]
                name = target.name
                self.merge_into(s, e, target)
                target.name = name


RESTATE_BLOCKERS = set("一二三四五六七八九十两期0123456789扩续改新增配子分")  # characters a shorter name may not drop


def common_ending(a: str, b: str) -> int:
    """How many characters two names share at their end."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n

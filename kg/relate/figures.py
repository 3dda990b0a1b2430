"""Figures: money, jobs, land and capacity, to the subject of their clause; aggregates.

Figures go to the subject of their clause: a project named before them in the sentence, else the project a
reference points to ("该项目", "该产业园…"), else the project under discussion (same paragraph only);
"总投资16亿元的X项目" gives it to X, "引进资金40亿元，建设X" too; "A、B等2个总投资均为5000万元的项目"
gives it to each of A and B; a whole plan's output or tax ("全部项目达产后…") goes to the parent of the
project under discussion. A figure right after a list of names ("A、B、C等，总投资66.2亿元") is the list's:
an aggregate whose scope is the list, not its last item's; a list closed by 等 leaves no project under
discussion. A count of projects (558个, 116项, "福州25个") makes the clause and the
rest of the sentence an aggregate: its figures describe a set of projects, never one. A figure for a phase
("一期投资10亿元", "分两期实施：一期…，投资152亿元；") is not the project's and is not recorded; nor is a
place's figure (工业总产值) or a cluster's ("形成年产值50亿元的产业集群"). An amount in another currency keeps
it ("1.5亿美元" is 150000000 USD); the yuan amount the sentence gives beside it ("约合人民币10.8亿元") is the
same figure in yuan. A production rate ("年产40万吨", "日处理鲜奶1500吨") is a capacity, and a capacity in a
project's name is the project's. Statuses and dates: statuses.py.
"""

from __future__ import annotations

import dataclasses

import re
from bisect import bisect_left

from ..lexicon import Lexicon
from ..model import (ANNUAL_PLANNED_INVESTMENT, CAPACITY, CURRENCY, JOBS, LAND_AREA, PART_OF, PLACE, PROJECT,
                     TOTAL_INVESTMENT, AggregateFact, Evidence, Quantity)
from ..nlp.quantities import find_dates, production_rate
from ..nlp.text import CLAUSE_BREAK, alternation
from .state import DocState, Mention, Sentence

BREAKDOWN = "其中"  # "…总投资299亿元，其中投资86亿元，建设A项目，投资100亿元，建设B项目": the whole broken down
SIGNED = "signed"  # a signing total ("签约额共计591.95亿元"): an aggregate figure, unless one project signs it
FIELD_LABEL = re.compile(r"(?:^|[\n，。；])([\u4e00-\u9fff]{2,8})[：:]$")  # "投资估算：" before a figure's clause


LIST_JOINS = ("、", "和", "及", "与")  # between two names of a list
LIST_FIGURE_RE = re.compile("等|[，,]")  # after a list's last name: what follows is about the whole list
ITEM_OPENERS = ("、", "：", ":", "，", ",", "；")  # what stands before an amount that opens a list item
BUILT_OF_RE = re.compile("(?:投资建设|建设|新建|兴建|建造)?的")  # "总投资8亿元建设的X项目"
QUOTED_AFTER_RE = re.compile("[^，。；“”]{0,10}?“")  # "总投资2.6亿元的省百大项目“X项目”": a title, then the name
ITEM_BREAK_RE = re.compile("[；;、]")  # "…建设A项目、B公司投资1.5亿元建设C项目": a new item starts
OTHER_FIGURE_OF_RE = re.compile("、[^，。；、的]{1,20}的")  # "总投资3.75亿元、占地5万平方米的X项目"
SHARED_LEAD_RE = re.compile("等[0-9一二三四五六七八九十]*[个项]?[^，。；]{0,8}?均(?:为|是|达)?[^，。；]{0,2}$")
SHARED_TAIL_RE = re.compile("[^，。；]{0,2}的[^，。；]{0,6}?项目")


class Figures:
    def __init__(self, lex: Lexicon):
        self.f = f = lex.patterns["facts"]
        p = lex.patterns["projects"]
        self.money_re = re.compile(f"(?:{alternation(t for t, _ in f['money_triggers'])})"
                                   f"{f['trigger_gap']}$")
        self.trigger_prop = dict(f["money_triggers"])
        self.trigger_word_re = re.compile(alternation(self.trigger_prop))
        # "形成年产值50亿元的产业集群": the figure describes the cluster the noun phrase ends with
        self.of_cluster_re = re.compile(f"的[^{CLAUSE_BREAK}]{{0,8}}?(?:{alternation(f['cluster_words'])})"
                                        f"(?=[{CLAUSE_BREAK}]|$)")
        # "该产业园总投资60亿元": a sentence that opens with a demonstrative and a project's head word
        self.this_project_re = re.compile(f"(?:{alternation(f['demonstratives'])})"
                                          f"(?:{alternation(p['heads'] + p['facility_heads'])})")
        # "1.5亿美元（约合人民币10.8亿元）": between a foreign amount and the yuan amount that restates it
        cues = alternation(f["currency_equivalents"])
        self.equivalent_re = re.compile(f"[（(](?:{cues})?|[，,]?(?:{cues})")
        self.component_join_re = re.compile(f"[和及与](?:{alternation(f['component_cues'])})")  # "A及配套设施"
        # "投资建设的X项目" is a modifier naming the subject, no component built with another project
        self.invest_build_re = re.compile(f["invest_then_build"])
        # "…的某管委会与某集团签订X项目": two parties, then the signing verb before the project
        self.signed_between_re = re.compile(f"[^；;。，,]{{2,40}}?(?:与|和|同)[^；;。，,]{{2,40}}?(?:{alternation(f['sign_verbs'])})了?")
        self.whole_plan_re = re.compile(alternation(f["whole_plan_cues"]))  # "全部项目达产后"
        self.breakdown_triggers = {"", *(t for t, prop in f["money_triggers"] if prop == TOTAL_INVESTMENT)}
        self.one_project_refs = {d + h for d in f["demonstratives"] for h in ("", "项目")}  # "该项目签约额…"

    # ---- figures ------------------------------------------------------------------------------

    def sentence(self, s: DocState, sent: Sentence, named, refs, at_start: str | None) -> None:
        """Money, jobs and land figures of the sentence, each to its subject (see the module doc)."""
        ev = s.evidence(sent)
        events = [(m.start, 0, "name", m) for m in named] + [(m.start, 0, "ref", m) for m in refs]
        events += [(q[0], 1, "quantity", q) for q in s.quantities_in(sent)]
        subject = at_start if self.this_project_re.match(s.text, sent.start) else None
        aggregate, figures, foreign, breakdown = None, [], None, False
        last_name, list_head, list_tail = None, None, None  # the name before; a list of names, while its last is the subject
        lists: dict[tuple[int, int], list] = {}  # (first start, last end) of a list -> the figures about the whole list
        for pos, _, kind, item in sorted(events, key=lambda e: (e[0], e[1])):
            if kind == "name":
                self.flush_aggregate(s, aggregate, figures, named)
                subject, aggregate = item.key, None
                joined = last_name is not None and s.text[last_name.end:item.start] in LIST_JOINS
                list_head = (list_head if list_tail else last_name) if joined else None
                list_tail, last_name = (item if joined else None), item
                continue
            if kind == "ref":
                subject = subject or at_start
                continue
            q_start, q_end, q = item
            if any(m.start <= q_start and q_end <= m.end for m in named):
                continue  # "年产40万吨…项目": the name's capacity (project_mention reads it)
            clause = s.clause_start(sent, q_start)
            if self.is_project_count(s, q, q_start, q_end, clause):
                self.flush_aggregate(s, aggregate, figures, named)
                aggregate, figures, subject = self.new_aggregate(s, sent, clause, q_start, ev), [("项目数", q)], None
                continue
            if shared := self.shared_by_list(s, sent, q_start, q_end, named):
                prop = self.figure_prop(s, q, q_start, q_end, clause, strict=False)
                for key in shared if prop in (TOTAL_INVESTMENT, ANNUAL_PLANNED_INVESTMENT) else ():
                    s.add(key, prop, q, ev, qualifiers=q.qualifiers, note="each of the projects listed (均为)")
                continue
            restated, foreign = self.restated(s, q, q_start, foreign), None
            if restated:  # "约合人民币10.8亿元": the yuan amount of the foreign figure before it
                prop, owner, hedges = restated
                q = Quantity(q.kind, q.value, q.unit, q.text, tuple(dict.fromkeys(hedges + q.qualifiers)))
            else:
                # after a subject ("该项目…投资120亿元，兴建X"), what the clause builds is the subject's content,
                # unless the figures break the subject down ("其中投资86亿元，建设A项目，投资100亿元，建设B项目")
                closed = last_name is not None and ITEM_BREAK_RE.search(s.text, last_name.end, q_start)
                owner = self.following_project(s, q_end, named) or \
                    (self.built_after(s, q_start, q_end, named) if subject is None or closed else None)
                lead = s.text[clause:q_start]  # "其中投资…" opens a breakdown, "投资…" goes on with one
                breakdown = (breakdown or lead.startswith(BREAKDOWN)) and \
                    lead.removeprefix(BREAKDOWN) in self.breakdown_triggers
                if owner is None and breakdown and q.kind == "money":
                    owner = self.built_next(s, q_end, named)
                breakdown = breakdown and owner is not None
                prop = self.figure_prop(s, q, q_start, q_end, clause, strict=owner is None and aggregate is None)
                if prop is None and owner and q.kind == "money" and s.text[q_start - 1:q_start] in ITEM_OPENERS:
                    prop = TOTAL_INVESTMENT  # "新材料类项目5个：17亿元的X项目、3亿元的Y项目": an item's amount
            if prop is None or (owner is None and self.of_cluster_re.match(s.text, q_end)):
                continue
            if q.kind == "money" and q.unit != CURRENCY:
                foreign = (q_end, prop, owner)
            if owner is None and aggregate is not None:
                if prop in self.f["aggregate_labels"]:
                    figures.append((self.f["aggregate_labels"][prop], q))
                continue
            target = owner or subject or (at_start if not (named or refs) else None)
            if target is None or prop == SIGNED:
                continue
            if owner is None and list_tail is not None and target == list_tail.key \
                    and LIST_FIGURE_RE.match(s.text, list_tail.end, q_start):
                if prop in self.f["aggregate_labels"]:  # "A、B、C等，总投资66.2亿元": the list's, not its last item's
                    lists.setdefault((list_head.start, list_tail.end), []).append((self.f["aggregate_labels"][prop], q))
                continue

            if self.phase_before(s, q_start, clause, target):
                continue  # "一期投资10亿元", "一期投产后年产值40亿元": a phase's figure, not the project's
            if owner is None and self.whole_plan_re.search(s.text, sent.start, q_start):
                target = self.parent(s, target)  # "全部项目达产后，年可实现销售收入180亿元": the whole plan's
            if prop == CAPACITY:  # "日供水3万立方米的X工程": the name after 的 is the owner, not the product
                q = self.with_product(s, q, q_end, q_end if owner else s.clause_end(sent, q_end))
            if prop == JOBS and q.unit != "person":  # "提供就业岗位200余个": jobs are counted in people
                q = dataclasses.replace(q, kind="jobs", unit="person")
            s.add(target, prop, q, ev, qualifiers=q.qualifiers, note=s.text[clause:q_end][-24:])
        self.flush_aggregate(s, aggregate, figures, named)
        for (start, end), about in lists.items():
            whole = self.new_aggregate(s, sent, start, end, ev)
            s.result.aggregates.append(dataclasses.replace(whole, scope=s.text[start:end], figures=tuple(about)))

    def closes_list(self, s: DocState, named) -> bool:
        """The sentence's last name ends a list of names closed by 等 ("A、B、C等。", "A、B、C等重点项目")."""
        if len(named) < 2:
            return False
        last, before = named[-1], named[-2]
        return s.text[before.end:last.start] in LIST_JOINS and s.text.startswith("等", last.end)

    def in_name(self, s: DocState, m: Mention, sent: Sentence) -> None:
        """The capacity a project's name states ("年产40万吨…项目"), with what it produces."""
        ev = s.evidence(sent)
        for q_start, q_end, q in s.quantities_in(sent):
            if m.start <= q_start and q_end <= m.end and q.kind in ("capacity", "power"):
                s.add(m.key, CAPACITY, self.with_product(s, q, q_end, m.end), ev, note="capacity in the name")

    def restated(self, s: DocState, q: Quantity, q_start: int, foreign: tuple | None) -> tuple | None:
        """(property, owner, qualifiers) of the foreign-currency figure that a yuan amount right after it
        restates; the qualifiers say it is a conversion (折合) and whether an approximate one (约合: 约)."""
        if foreign is None or q.kind != "money" or q.unit != CURRENCY:
            return None
        end, prop, owner = foreign
        cue = self.equivalent_re.fullmatch(s.text, end, q_start)
        if cue is None:
            return None
        return prop, owner, ("约", "折合") if "约" in cue.group() else ("折合",)

    def figure_prop(self, s: DocState, q: Quantity, q_start: int, q_end: int, clause: int, strict: bool) -> str | None:
        """What a figure measures, from the words before it ("总投资", "年产值", "就业"…)."""
        before = s.text[clause:q_start]
        if label := FIELD_LABEL.search(s.text, max(0, clause - 12), clause):
            before = label.group(1) + before  # "投资估算：约25亿元": the field's label says what the figure is
        after = s.text[q_end:q_end + 6]
        if q.kind == "money":
            signed = next((w for w in self.f["signed_triggers"] if before.rstrip("共计达约为").endswith(w)), None)
            if signed:  # "该项目签约额3亿元", "X项目协议投资30亿元": one project's signed amount is its total
                lead = s.text[clause:q_start].rstrip("共计达约为")[:-len(signed)]
                return TOTAL_INVESTMENT if self.names_one_project(s, clause, lead) else SIGNED
            m = self.money_re.search(before)
            if not m:
                return None
            word = self.trigger_word_re.match(m.group()).group()
            if strict and word in self.f["weak_money_triggers"] and not self.right_after_subject(s, clause, q_start, m):
                return None  # "促进形成投资超千亿元": a bare 投资 far from any project says nothing about one
            prop = self.trigger_prop[word]
            if prop == TOTAL_INVESTMENT and any(w in before[-12:] for w in self.f["annual_words"]) \
                    and "总投资" not in m.group():
                return ANNUAL_PLANNED_INVESTMENT
            return prop
        if q.kind in ("jobs", "count") and any(w in before[-8:] or w in after for w in self.f["jobs_triggers"]):
            return JOBS  # "带动就业800余人", "新增就业岗位320个"; not "3000多名建设者"
        if q.kind == "area" and any(w in before[-8:] for w in self.f["land_triggers"]):
            return LAND_AREA
        if q.kind in ("capacity", "power") and (any(w in before[-8:] for w in self.f["capacity_triggers"])
                                                or production_rate(q)):
            if any(w in before for w in self.f["total_cues"]):
                return None  # "…项目并网发电，新能源装机容量增至256.5万千瓦": the place's total
            return CAPACITY  # "设计产能40万吨", "年产40万吨"
        return None

    def names_one_project(self, s: DocState, clause: int, lead: str) -> bool:
        """The clause before a signed amount is one project's name or a reference to one ("该项目签约额…")."""
        if lead in self.one_project_refs:
            return True
        return any(m.start == clause and m.end == clause + len(lead) for m in s.sentence_of(clause).mentions
                   if m.kind == PROJECT)

    def right_after_subject(self, s: DocState, clause: int, q_start: int, trigger: re.Match) -> bool:
        """A weak trigger (投资) counts right after a project, a reference, a demonstrative, a phase ("一期投资"),
        or after who invests in the project ("项目由某某化工投资21.3亿元兴建")."""
        lead = s.text[clause:clause + trigger.start()]
        if lead == "" or s.phase_re.fullmatch(lead.strip("其中，")) or lead in self.f["demonstratives"] \
                or lead.endswith(("这个", "这一")):
            return True  # "(标志着)这个投资7.6亿元的项目": the project under discussion
        at = clause + trigger.start()
        by = s.text.rfind("由", clause, at)  # "项目由某某化工投资…": the project, then who invests in it
        ends = {at, at - 1, by} if by >= 0 else {at, at - 1}
        return any(m.end in ends for m in s.sentence_of(clause).mentions if m.kind == PROJECT)

    def is_project_count(self, s: DocState, q: Quantity, q_start: int, q_end: int, clause: int) -> bool:
        """A count of projects: "重点项目558个", "116项", "79个项目", "福州25个" (not jobs, not 两座…)."""
        if q.kind != "count" or not q.text.endswith(("个", "项")):
            return False
        if any(w in s.text[q_end:q_end + 6] for w in self.f["jobs_triggers"]):
            return False
        before = s.text[clause:q_start]
        return bool(re.search("项目[^，。；、]{0,2}$", before) or re.match("[^，。；]{0,4}项目", s.text[q_end:])
                    or q.text.endswith("项") or self.place_before(s, q_start, clause))

    def place_before(self, s: DocState, q_start: int, c_start: int) -> bool:
        """"福州25个": a count right after a place counts that place's projects."""
        return any(m.kind == PLACE and m.end == q_start and m.start >= c_start
                   for m in s.sentence_of(q_start).mentions)

    def new_aggregate(self, s: DocState, sent: Sentence, clause: int, count_start: int, ev: Evidence) -> AggregateFact:
        """The aggregate a count of projects opens: its scope in the article's words, its place and year."""
        named_place = any(m.kind == PLACE and clause <= m.start < count_start for m in sent.mentions)
        if count_start - clause < 4 and clause > sent.start and not named_place:  # "…开工，共28个项目"
            clause = s.clause_start(sent, clause - 1)
        scope = s.text[clause:count_start].strip()
        if not scope:  # "248个项目集中开工，…": the count opens its clause, which says what it counts
            scope = s.text[clause:s.clause_end(sent, count_start)].strip()
        places = [m for m in sent.mentions if m.kind == PLACE and sent.start <= m.start < count_start and m.key]
        place = s.entities[places[0].key].name if places and places[0].key in s.entities else None
        years = [d.iso[:4] for d in find_dates(s.text[sent.start:sent.end], s.document.meta.date)]
        year = years[0] if years else (s.document.meta.date or "")[:4] or None
        return AggregateFact(scope=scope, place=place, year=year, figures=(), evidence=ev)

    def flush_aggregate(self, s: DocState, aggregate: AggregateFact | None, figures: list, named) -> None:
        """Keep an aggregate that has figures besides its count; a count of one names its project.
        Empties `figures`."""
        if aggregate is None or len(figures) < 2:
            figures.clear()
            return
        s.result.aggregates.append(AggregateFact(aggregate.scope, aggregate.place, aggregate.year,
                                                    tuple(figures), aggregate.evidence))
        sent = s.sentences[aggregate.evidence.sentence]
        members = {m.key for m in named if m.start > sent.start + s.text[sent.start:sent.end].find(aggregate.scope)}
        if figures[0][1].value == 1 and len(members) == 1:  # "投产项目1个，总投资0.5亿元，为X项目"
            (member,) = members
            labels = {label: prop for prop, label in self.f["aggregate_labels"].items()}
            for label, q in figures[1:]:
                if labels.get(label) in (TOTAL_INVESTMENT, ANNUAL_PLANNED_INVESTMENT):
                    s.add(member, labels[label], q, aggregate.evidence, note="the one project of a count of one")
        figures.clear()

    def parent(self, s: DocState, project: str) -> str:
        """The project `project` is a part of, if any (the outermost): figures of the whole plan are its."""
        seen = {project}
        while parent := next((f.value for f in s.facts_of(project) if f.prop == PART_OF), None):
            if parent in seen:
                break
            seen.add(parent)
            project = parent
        return project

    def shared_by_list(self, s: DocState, sent: Sentence, q_start: int, q_end: int, named) -> list[str]:
        """"A、B、C等3个总投资均为5000万元的项目": a figure each project of the list before 等 has."""
        lead = SHARED_LEAD_RE.search(s.text, max(sent.start, q_start - 16), q_start)
        if not lead or not SHARED_TAIL_RE.match(s.text, q_end):
            return []
        since = max(sent.start, s.text.rfind("；", sent.start, q_start) + 1)
        return [m.key for m in named if since <= m.start and m.end <= lead.start()]

    def following_project(self, s: DocState, q_end: int, named) -> str | None:
        """"总投资16亿元的X项目", "某公司总投资8亿元建设的X项目": the figure belongs to the project right after 的,
        or to the one the parties after 的 sign ("总投资30亿元的某管委会与某集团签订X项目")."""
        if s.text[q_end - 1:q_end] == "元":
            for m in named:  # "投资5.5亿元创新创业产业孵化基地一期建成": the name right after the amount
                if m.start == q_end:
                    return m.key
        of = BUILT_OF_RE.match(s.text, q_end) or OTHER_FIGURE_OF_RE.match(s.text, q_end)
        if not of:
            return None
        for m in named:
            if m.start == of.end() or m.start > of.end() and QUOTED_AFTER_RE.fullmatch(s.text, of.end(), m.start):
                return m.key
        after = [m for m in named if m.start > of.end()]  # "总投资30亿元的某管委会与某集团签订X项目"
        if after and self.signed_between_re.fullmatch(s.text, of.end(), after[0].start):
            return after[0].key
        return None

    def built_next(self, s: DocState, q_end: int, named) -> str | None:
        """The project the next words build ("投资86亿元，建设A项目"), whatever was named before."""
        return next((m.key for m in named if m.start > q_end and self.invest_build_re.match(s.text[q_end:m.start])),
                    None)

    def built_after(self, s: DocState, q_start: int, q_end: int, named) -> str | None:
        """"楚鑫集团将投资36亿元，建设X项目": the project the figure's clause builds, when no project was named
        before the figure in its sentence, or since the last semicolon or list comma (after a name, what the clause
        builds is that project's content; "…建设A项目；与B合作，引进资金6亿元，建造C项目" and "包括A公司投资2.5亿元建设
        B项目、C公司投资1.5亿元建设D项目" start over)."""
        if s.text[q_end - 1] != "元" or any(not ITEM_BREAK_RE.search(s.text, m.end, q_start) for m in named
                                             if m.start < q_start):
            return None  # a project named before, in this item: what the clause builds is that project's content
        return self.built_next(s, q_end, named)

    def phase_before(self, s: DocState, q_start: int, c_start: int, target: str) -> bool:
        """A phase word between the project's name (or the clause start) and the figure, or opening the item
        of a list of phases that holds the figure ("分两期实施：一期建设…，投资152亿元；二期…")."""
        sent = s.sentence_of(q_start)
        item = max(s.text.rfind(c, sent.start, q_start) for c in "：:；;") + 1
        if item > sent.start and s.phase_re.match(s.text, item):
            c_start = min(c_start, item)
        before = s.text[c_start:q_start]
        inside = [m for m in sent.mentions if m.key == target and c_start <= m.start < q_start]
        if inside:
            before = s.text[inside[-1].end:q_start]
        else:  # "投资320亿元的A一期…项目、投资104亿元的B项目": a phase in another project's name is that name's
            names = [m.end for m in sent.mentions if m.kind == PROJECT and c_start <= m.start and m.end <= q_start]
            if names:
                before = s.text[max(names):q_start]
        return bool(s.phase_re.search(before))

    def with_product(self, s: DocState, q: Quantity, q_end: int, limit: int) -> Quantity:
        """A capacity with what it produces ("年产40万吨轻质高强铝合金项目" -> 轻质高强铝合金). Before a
        name's head the product may join two ("年产20万吨再生铝及铝合金扁锭项目"); it never runs into another
        number ("年产120万吨镍铁合金和60万吨硅锰合金") or a list."""
        if q.product:
            return q
        following = bisect_left(s.quantity_starts, q_end)
        if following < len(s.quantity_starts):
            limit = min(limit, s.quantity_starts[following])
        rest = s.text[q_end:limit].removeprefix("的")  # "年产1.2万吨的电解水制氢装置"
        joins = "" if s.head_re.search(rest) else "和及"
        m = re.match(f"[^{CLAUSE_BREAK}、{joins}]{{1,20}}", self.component_join_re.split(rest)[0])
        product = s.head_re.sub("", m.group()).rstrip("和及与") if m else ""
        return Quantity(q.kind, q.value, q.unit, q.text, q.qualifiers, product or None)

"""kg_projects: project names, and words that refer back to a project, in doc.spans["projects"].

Labels: "Project" for a name, "ProjectRef" for a reference to the project under discussion
(该项目, 这个项目, a clause opening with 项目 …). Rules, all general:

- head words end a name (项目, 工程, 生产线, 基地, 一体化, 厂区 …); a phase after the head belongs to
  it at a clause end ("锂电池项目四期"), and so does a bracket that is not a project itself
  ("…管道项目(通辽至霍林河)"); a bracket holding a capacity is a sub-project
  ("…外送风电基地项目（扎鲁特旗白音50万千瓦）");
- the left edge is the start of the run of name characters; a fragment before "、" joins the name
  unless it ends in a head of its own ("宏图129万吨不锈钢、轧钢酸洗项目" is one name, "A项目、B项目"
  two); lead-in words are cut ("在", "实施", "总投资16亿元的"), and "X公司的Y项目" names Y;
- list items are projects without a head of their own when the list says so: "A、B、C等(N个)(重点)项目",
  "A、B、C4个项目已开工",
  and items with a facility head in "以A、B为重点/抓手/引领"; a facility (机场, 大桥, 改造 …) is also a
  project next to a named project in a list, in a caption, or as the subject of a status
  ("白音高速全线基本建成");
- after "亮点项目：" the rest of a heading line is a project;
- a candidate must say something beyond generic words (重点项目, 产业升级项目, 2号生产线 are not
  names), must not be a category followed by a count ("产业项目44项"), equipment counted out
  ("建设6条…生产线") or with nothing of its own ("调试新引进的连续电解生产线"), a description ("打造…基地",
  "全国最大的…基地", "重点引进A、B等项目", "属…项目"), a part that the sentence builds after naming its
  project ("…项目总投资4.2亿元，建设…种植基地"), a company's plant ("X公司厂区"), the place where a
  status happens ("…项目在某产业园建成投产"), a headline's verb ("春潮涌动项目兴 …"), or a list item that
  is a company; "A、B等工程完工" lists the works of one project, "A、B等民生工程" projects.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon
from .base import DEFAULT_CONFIG, add_spans, component_lexicon, doc_text, ranges, sentence_ranges, to_spans
from .text import (CJK, CLAUSE_BREAK, NOT_BREAK, LeadCutter, SpanIndex, alternation, batch_of_projects, cjk_count,
                   list_start, run_start, strip_quantities)

MAX_NAME = 70
MAX_JOIN = 24  # longest fragment joined across "、"
SUBJECT_CUES = "在就"  # after a company or a park inside a run: where or about what, the name follows
MAX_QUOTED = 16  # a head inside a longer quotation is part of a slogan, not a name
CJK_CHAR = re.compile(f"[{CJK}]")
COUNT = "[0-9一二三四五六七八九十百千两]+"
LIST_CONJUNCTIONS = "(?:以及|和|与)"  # "A、B和C等项目"; 及 mostly joins the parts of one name
FRAME_CONJUNCTIONS = "(?:以及|及|和|与)"  # "以A、B及C为重点": the frame lists whole items


@Language.factory("kg_projects", default_config=dict(DEFAULT_CONFIG))
def make_project_recogniser(nlp: Language, name: str, ontology_dir: str) -> "ProjectRecogniser":
    return ProjectRecogniser(component_lexicon(ontology_dir))


class ProjectRecogniser:
    def __init__(self, lex: Lexicon):
        p = lex.patterns["projects"]
        self.heads = p["heads"]
        self.facilities = p["facility_heads"]
        self.head_re = re.compile(alternation(self.heads))
        self.any_head_re = re.compile(f"(?:{alternation(self.heads + self.facilities)})$")
        self.facility_re = re.compile(alternation(self.facilities))
        self.road_section_re = re.compile(p["road_section"])
        self.collective_place_re = re.compile(p["collective_places"])
        self.measures = tuple(p["facility_measures"])
        self.location_cues = tuple(p["location_cues"])
        self.phase_re = re.compile(alternation(p["phases"]))
        self.generic_re = re.compile(alternation(p["generic_words"] + p["sector_words"] + p["object_verbs"]
                                                 + p["cut_words"] + self.heads))
        self.trailing_generic_re = re.compile(f"(?:{alternation(p['generic_words'])})$")
        self.object_verbs = tuple(p["object_verbs"] + p["verbs_before_head"])
        self.weak_heads = set(p["weak_heads"])
        self.hard_stops = p["hard_stops"]
        self.ref_re = re.compile(alternation(p["references"]))
        self.bare_ref = p["bare_reference"]
        self.explicit_ref_re = re.compile(alternation(r for r in p["references"] if r != self.bare_ref))
        self.cutter = LeadCutter(p["cut_words"] + [w for w in p["object_verbs"] if len(w) > 1], p["hard_stops"],
                                 p["lead_words_kept"])
        self.cues_before = tuple(p["project_cues_before"])
        self.figure_re = re.compile(alternation(p["subject_of_figure"]))
        self.head_end_re = re.compile(f"(?:{alternation(self.heads)})$")
        clause_words = [w for w in p["cut_words"] + p["object_verbs"] if w not in ("和", "及", "与")]
        self.break_re = re.compile(alternation(clause_words))  # used with .match(text, pos)
        self.terminator_re = re.compile(f"(?:{p['list_terminator']})")
        self.year_re = re.compile("(?:19|20)[0-9]{2}年|季度|半年|周年")
        self.aspirations = tuple(p["aspiration_cues"])
        self.not_heads = tuple(p["not_heads"])
        self.main_heads = set(p["main_heads"])
        self.main_head_re = re.compile(alternation(p["main_heads"]))
        self.build_re = re.compile(alternation(lex.patterns["facts"]["component_cues"]))
        self.equipment_heads = tuple(p["equipment_heads"])
        self.owner_words = lex.patterns["companies"]["legal_like_suffixes"]
        self.plant_heads = p["plant_heads"]
        self.status_re = re.compile(alternation(p["status_after"]))  # used with .match(text, pos)
        generic_project = alternation(p["list_category_heads"] + p["works_heads"])
        # "A、B等(N个)(重点)项目", and "A、B、C4个项目已开工": a count right after the last item ends the list too
        self.etc_re = re.compile(
            f"(?:{p['list_terminator']}|(?P<counted>(?<=[{CJK}）)])(?<![的等了])(?=[0-9一二三四五六七八九十两]{{1,3}}个)))"
            f"(?P<cat>[^{CLAUSE_BREAK}、]{{0,16}}?)(?P<head>{generic_project})")
        self.works_heads = set(p["works_heads"])
        self.part_categories = set(p["part_categories"])
        self.verb_compounds = tuple(p["verb_compounds"])
        self.collective_re = re.compile(f"^(?:{COUNT}(?:个|项)|{alternation(p['list_collectives'])})")
        frame_ends = alternation(p["frame_after"])
        self.frame_re = re.compile(f"以(?P<items>{NOT_BREAK}{{2,160}}?)(?:{frame_ends})")
        self.batch_of_projects_re = batch_of_projects(lex.patterns["companies"]["list_heads"])
        self.count_after_re = re.compile(f"(?:共|超|约|近|达)?{COUNT}(?:个|项)")  # used with .match(text, pos)
        self.section_re = re.compile(f"^(?:{alternation(lex.patterns['structure']['section_cues'])})[：:](.+)$", re.M)
        self.conj_re = re.compile(LIST_CONJUNCTIONS)
        self.investing_lead_re = re.compile(alternation(["投资", *lex.patterns["facts"]["sign_verbs"]]))
        self.sep_before_re = re.compile("(?:、|以及|和|与)$")

    # ---- the component ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ctx = Context(text, ranges(doc, "places"), ranges(doc, "companies"), ranges(doc, "captions"),
                      ranges(doc, "chains"), ranges(doc, "parks"))
        named, refs = [], []
        for s, e in sentence_ranges(doc):
            named += self.section_names(text, s, e)
            named += self.listed(ctx, s, e)
            named += self.bare_lists(ctx, s, e)
            named += self.framed(ctx, s, e)
            named += self.anchored(ctx, s, e)
            named += self.facilities_in_context(ctx, s, e)
            named += self.subjects_of_figures(ctx, s, e)
        named = choose(named, text)
        taken = SpanIndex(named)
        for m in self.ref_re.finditer(text):
            if m.group() == self.bare_ref and not clause_start(text, m.start()):
                continue
            if not taken.overlapping(m.start(), m.start() + 1):
                refs.append((m.start(), m.end()))
        add_spans(doc, "projects", to_spans(doc, named, "Project") + to_spans(doc, refs, "ProjectRef"))
        return doc

    # ---- the rules ----------------------------------------------------------------------------

    def anchored(self, ctx: "Context", s: int, e: int) -> list[tuple[int, int]]:
        """Names ending in a head word."""
        text, out = ctx.text, []
        colon = self.header_colon(ctx, s)
        if colon is not None:
            if not any(c in text[colon + 1:e] for c in "，,。；;"):
                return out  # "开鲁县：打造…基地": the slogan of a section
            s = colon + 1  # "霍林郭勒市：X公司年产…项目当天开工。": a dateline, then the news
        for m in self.head_re.finditer(text, s, e):
            if ctx.companies.inside(m.start()) or ctx.long_quotes.inside(m.start()) \
                    or self.head_follows(text, m.end(), e) or text.startswith(self.not_heads, m.start()) \
                    or self.headline_verb(text, m.end(), e):
                continue
            if m.group() in self.weak_heads and m.end() < e and text[m.end()] not in CLAUSE_BREAK + "、等”" \
                    and not self.head_re.match(text, m.end()):
                continue  # "产销一体化供应链": 一体化 here qualifies what follows
            end, child = self.name_end(text, m.end(), e)
            start = self.name_start(ctx, m.start(), end, s)
            if start is not None and self.valid(ctx, start, end, m.group()) \
                    and not self.component(ctx, s, start, end, m.group()):
                out.append((start, end))
                out += self.siblings(ctx, start, s)
            if child and self.distinctive(ctx, *child):
                out.append(child)
        return out

    def listed(self, ctx: "Context", s: int, e: int) -> list[tuple[int, int]]:
        """Items of "A、B等(N个)(重点)项目": projects by the list's word, heads or not."""
        text, out = ctx.text, []
        for m in self.etc_re.finditer(text, s, e):
            if not self.generic_category(m.group("cat")):
                continue
            if m.group("head") in self.works_heads and not m.group("cat").strip():
                continue  # "道路硬化、冷却塔安装等工程完工": the works of one project
            if m.group("cat").strip() in self.part_categories:
                continue  # "自备热电站、铁路专用线等配套工程": the parts of the project described
            items = split_list(text, list_start(text, m.start(), s, MAX_NAME), m.start(), LIST_CONJUNCTIONS)
            if m.group("counted") is not None:
                if len(items) < 2:
                    continue  # "实施重点项目11个": a count after one name lists nothing
                items = [(self.cutter.cut(text, a, b, lambda p, b=b: p < b, ctx.places), b) for a, b in items]
            if items:
                first_start, first_end = items[0]
                items[0] = (self.cutter.cut(text, first_start, first_end, lambda p: p < first_end, ctx.places),
                            first_end)
                if self.described(text, items[0][0]):
                    continue  # "重点引进A、B等项目": the kinds of project wanted
                items[1:] = [(self.item_start(ctx, a, b), b) for a, b in items[1:]]
            out += [(a, b) for a, b in items if self.item_ok(ctx, a, b)]
        return out

    def bare_lists(self, ctx: "Context", s: int, e: int) -> list[tuple[int, int]]:
        """"主要有A项目、B、C等；": a list ending in 等 whose items include a named project."""
        text, out = ctx.text, []
        for m in re.finditer(f"等(?=[{CLAUSE_BREAK}]|$)", text[s:e]):
            end = s + m.start()
            items = split_list(text, list_start(text, end, s, MAX_NAME), end)
            if len(items) < 2 or not any(self.head_end_re.search(text[a:b]) for a, b in items):
                continue
            first_start, first_end = items[0]
            items[0] = (self.cutter.cut(text, first_start, first_end, lambda p: self.distinctive(ctx, p, first_end),
                                        ctx.places), first_end)
            items[1:] = [(self.item_start(ctx, a, b), b) for a, b in items[1:]]
            out += [(a, b) for a, b in items if self.item_ok(ctx, a, b)]
        return out

    def item_start(self, ctx: "Context", a: int, b: int) -> int:
        """Where a list item's name starts: after a lead-in that invests or signs ("A项目、B公司在某地投资1.5亿元
        建设C项目等", "与某公司签订总投资10亿元的X项目": C项目, X项目); "某公司新建X" keeps its owner, as written."""
        text = ctx.text
        cut = self.cutter.cut(text, a, b, lambda p: self.distinctive(ctx, p, b), ctx.places)
        return cut if cut > a and self.investing_lead_re.search(text, a, cut) else a

    def framed(self, ctx: "Context", s: int, e: int) -> list[tuple[int, int]]:
        """Items with a head in "以A、B及C为重点/抓手/引领" (a list with 等 is left to `listed`); any item when
        they are the projects that represent a batch ("以A、B为代表的17个项目")."""
        text, out = ctx.text, []
        for m in self.frame_re.finditer(text, s, e):
            if "等" in m.group("items"):
                continue
            projects = m.group().endswith("为代表") and text.startswith("的", m.end()) and bool(
                self.batch_of_projects_re.match(text, m.end() + 1))  # "以A、B为代表的17个亿元以上项目"
            for a, b in split_list(text, m.start("items"), m.end("items"), FRAME_CONJUNCTIONS):
                if (projects or self.any_head_re.search(text[a:b])) and self.item_ok(ctx, a, b):
                    out.append((a, b))
        return out

    def facilities_in_context(self, ctx: "Context", s: int, e: int) -> list[tuple[int, int]]:
        """A facility name in a caption or as the subject of a status ("白音高速全线基本建成") or of its length
        ("某某快速通道某段全长27.6公里": a road section)."""
        text, out = ctx.text, []
        in_caption = bool(ctx.captions.overlapping(s, s + 1))
        for m in self.facility_re.finditer(text, s, e):
            section = self.road_section_re.match(text, m.end(), e)
            end = section.end() if section and text.startswith(self.measures, section.end()) else m.end()
            start = self.name_start(ctx, m.start(), end, s)
            cued = start is not None and text[max(s, start - 8):start].endswith(self.cues_before)
            said = self.status_re.match(text, end) or text.startswith(self.measures, end)
            if not (in_caption or cued or said):
                continue
            if self.head_follows(text, end, e) or text[end:end + 1] not in ("", "。", "项", *CLAUSE_BREAK) and not said:
                continue
            if start is None or text.startswith(self.measures, end) and not self.distinctive(ctx, start, m.start()):
                continue  # "该快速路全长12公里": no name
            if said and text.endswith(self.location_cues, 0, start):
                continue  # "…项目在某某产业园建成投产": where the subject is, not the subject
            if self.valid(ctx, start, end, m.group()):
                out.append((start, end))
        return out

    def header_colon(self, ctx: "Context", s: int) -> int | None:
        """Where the colon is when a sentence opens with "Place：" (a section header or a dateline), else None."""
        return next((pe for _, pe in ctx.places.starting_at(s) if ctx.text[pe:pe + 1] in "：:"), None)

    def subjects_of_figures(self, ctx: "Context", s: int, e: int) -> list[tuple[int, int]]:
        """"金禾40万吨轻质高强铝合金材料总投资1.6亿元": a clause opening with a name and its investment."""
        text, out = ctx.text, []
        for m in self.figure_re.finditer(text, s, e):
            start = run_start(text, m.start(), s, max_len=MAX_NAME)
            if start != s and text[start - 1] not in CLAUSE_BREAK:
                continue
            if (start, m.start()) in ctx.companies or self.explicit_ref_re.search(text, start, m.start()):
                continue
            if self.head_re.search(text[start:m.start()]):
                continue  # a head word: the anchored rule names it
            if self.item_ok(ctx, start, m.start()) and not self.year_re.search(text, start, m.start()) \
                    and re.search("[0-9]", text[start:m.start()]):
                out.append((start, m.start()))
        return out

    def section_names(self, text: str, s: int, e: int) -> list[tuple[int, int]]:
        """"亮点项目：X" heading lines without a head word of their own."""
        out = []
        for m in self.section_re.finditer(text, s, e):
            name = m.group(1).rstrip("。 ")
            if name and not self.head_re.search(name):
                out.append((m.start(1), m.start(1) + len(name)))
        return out

    # ---- name edges ---------------------------------------------------------------------------

    def head_follows(self, text: str, pos: int, e: int) -> bool:
        """Another head right after this one (项目一期工程, 基地建设项目): the later head ends the name."""
        m = self.phase_re.match(text, pos)
        at = m.end() if m else pos
        if text.startswith("建设", at):
            at += 2
        nxt = self.head_re.match(text, at) if at < e else None
        return bool(nxt) and nxt.group() not in self.equipment_heads  # "…项目生产线": the project's line

    def headline_verb(self, text: str, pos: int, e: int) -> bool:
        """"春潮涌动项目兴 开足马力拼发展": one character closing a headline's half is a verb with the head as
        its subject ("projects thrive"), so the head ends no name."""
        return pos < e and text[pos + 1:pos + 2] in ("", " ", "\u3000", "\n") and bool(CJK_CHAR.match(text, pos))

    def name_end(self, text: str, pos: int, e: int) -> tuple[int, tuple[int, int] | None]:
        """The end of a name whose head ends at `pos`, and a bracketed sub-project after it."""
        m = self.phase_re.match(text, pos)
        if m and (m.end() >= e or text[m.end()] in CLAUSE_BREAK + "、"):
            return m.end(), None
        if pos < e and text[pos] in "（(":
            close = next((i for i in range(pos + 1, min(e, pos + 30)) if text[i] in "）)"), None)
            if close is not None:
                inner = text[pos + 1:close]
                if self.head_re.search(inner):
                    return pos, None  # a named sub-project: found by its own head
                if re.search("[0-9]", inner) and cjk_count(inner) >= 2:
                    return pos, (pos + 1, close)
                return close + 1, None
        return pos, None

    def name_start(self, ctx: "Context", head_start: int, end: int, floor: int) -> int | None:
        """Where the name that ends at `end` starts, or None when the head is a bare noun."""
        text = ctx.text
        start = run_start(text, head_start, floor, max_len=MAX_NAME)
        run = start
        while start - 1 > floor and text[start - 1] == "、" and self.joins(ctx, start, head_start, floor):
            start = run_start(text, start - 1, floor, max_len=MAX_JOIN + 1)  # "宏图…不锈钢、轧钢酸洗项目"
        for m in self.head_re.finditer(text, start, head_start):  # a head inside the run
            if m.group() in self.weak_heads or ctx.companies.inside(m.start()) or ctx.short_quotes.inside(m.start()) \
                    or self.head_follows(text, m.end(), head_start + 1) or self.phase_re.match(text, m.end()) \
                    or text[m.end():m.end() + 1] in "（(）)":
                continue
            if self.break_re.match(text, m.end()):  # "…铁路工程为2017年明星项目": a new clause starts
                start = m.end()
            elif any(text.startswith(h, head_start) for h in self.equipment_heads):
                return None  # "…项目甘薯全粉、甘薯成型食品生产线": the lines of the project just named
        for cs, _ in ctx.companies.overlapping(start + 1, head_start):  # "…及内蒙古…有限公司…项目"
            if start < cs < head_start and text[cs - 1] in "和及与、":
                start = cs  # the company opens the name
        if text[start - 2:start] == "——":  # "扎鲁特——山东青州…输电工程": a line between two places
            for ps, _ in ctx.places.ending_at(start - 2):
                start = ps
        de = max(text.rfind(c, start, head_start) for c in self.hard_stops)
        if de >= 0 and not (ctx.companies.inside(de) or ctx.long_quotes.inside(de)):
            if not self.distinctive(ctx, de + 1, end):  # "…的重点项目", "X有限公司的项目"
                return self.company_project(ctx, start, head_start)
            start = de + 1
        for m in self.conj_re.finditer(text, start, head_start):
            if not self.distinctive(ctx, m.end(), end):  # "招商引资和项目建设": 项目 is a bare noun
                return None
            if self.any_head_re.search(text[start:m.start()]):  # "…建设项目和2×50MW热电联产项目"
                start = m.end()
        if not quoted(text, start, end):  # "“和禾生物质发电项目”": a quoted name is whole
            start = self.cutter.cut(text, start, head_start, lambda p: self.distinctive(ctx, p, end), ctx.protected)
        for _, se in ctx.subjects.overlapping(start, head_start):  # "某高新区在X项目", "某集团就X项目与某县签约"
            if start < se < head_start and text[se] in SUBJECT_CUES and self.distinctive(ctx, se + 1, end):
                start = se + 1
        while start < head_start and text[start] in "、":
            start += 1
        if self.object_of_verb(text[start:head_start]):
            return None
        if self.counted_equipment(text, run, start, head_start, end) \
                or self.anonymous_equipment(ctx, start, head_start):
            return None
        if not self.distinctive(ctx, start, end):
            return self.company_project(ctx, start, head_start)
        return start

    def joins(self, ctx: "Context", start: int, head_start: int, floor: int) -> bool:
        """Does the fragment before "、" belong to the name starting at `start`?"""
        text = ctx.text
        left = run_start(text, start - 1, floor, max_len=MAX_JOIN + 1)
        fragment = text[left:start - 1]
        bare = self.phase_re.sub("", re.sub("[（(][^（()）]*[)）]$", "", fragment))
        if not fragment or len(fragment) > MAX_JOIN or self.any_head_re.search(bare) \
                or (left, start - 1) in ctx.companies:
            return False
        right = text[start:head_start]
        if any(start <= cs for cs, _ in ctx.companies.overlapping(start, head_start)):
            return False  # "…、内蒙古草原牛业有限公司5万头肉牛产业化项目": a complete item of its own
        # "…、轧钢酸洗项目", "…六、七、八、九厂区", "省道101线、202线升级改造项目"
        return bool(right) and (self.distinctive(ctx, start, head_start) or bool(re.fullmatch(COUNT, right))
                                or right[0].isdigit())

    def object_of_verb(self, before_head: str) -> bool:
        """"全力保障项目", "推动重点项目": the head is the object of a verb, not a name."""
        stem = strip_quantities(before_head)
        while stem:
            if stem.endswith(self.object_verbs) and not stem.endswith(self.verb_compounds):
                return True  # (not "某某搬迁扩建": the works a name ends with)
            m = self.trailing_generic_re.search(stem)
            if not m:
                return False
            stem = stem[:m.start()]
        return False

    def counted_equipment(self, text: str, run: int, start: int, head_start: int, end: int) -> bool:
        """"建设2条生产线", "建设年产40万吨…生产线": equipment of the project under discussion."""
        head = text[head_start:end]
        if not any(head.startswith(h) for h in self.equipment_heads):
            return False
        return bool(re.search(f"{COUNT}(?:条|座|台|套)", text[run:head_start])) or \
            bool(re.match("年产|[0-9]", text[start:head_start]))

    def anonymous_equipment(self, ctx: "Context", start: int, head_start: int) -> bool:
        """"调试新引进的连续电解生产线": a line with no owner, place or figure in its name is equipment."""
        if not ctx.text.startswith(self.equipment_heads, head_start):
            return False
        name = ctx.text[start:head_start]
        return not (re.search("[0-9]", name) or ctx.protected.overlapping(start, head_start)
                    or any(w in name for w in self.owner_words))

    def company_project(self, ctx: "Context", start: int, head_start: int) -> int | None:
        """"内蒙古北辰科技有限公司的项目": a company's otherwise unnamed project."""
        text = ctx.text
        for cs, ce in ctx.companies.ending_at(head_start) + ctx.companies.ending_at(head_start - 1):
            if start - MAX_NAME <= cs and (ce == head_start or text[ce] == "的"):
                return cs
        return None

    def siblings(self, ctx: "Context", start: int, floor: int) -> list[tuple[int, int]]:
        """Facilities listed before a project: "华源火电灵活性改造、白音…风电项目",
        "…一体化保护修复和亚投行治沙造林项目"."""
        text, out = ctx.text, []
        while start - 1 > floor:
            m = self.sep_before_re.search(text, max(floor, start - 2), start)
            if not m:
                break
            left = run_start(text, m.start(), floor, max_len=MAX_NAME)
            if m.group() != "、":  # a conjunction sits inside the run: the fragment starts after the list
                left = max(left, text.rfind("、", left, m.start()) + 1)
            if not self.any_head_re.search(text[left:m.start()]):
                break
            left = self.cutter.cut(text, left, m.start(), lambda p: self.distinctive(ctx, p, m.start()),
                                   ctx.protected)
            if self.item_ok(ctx, left, m.start()):
                out.append((left, m.start()))
            start = left
        return out

    # ---- tests on a candidate -----------------------------------------------------------------

    def valid(self, ctx: "Context", start: int, end: int, head: str) -> bool:
        text = ctx.text
        name = text[start:end]
        if len(name) > MAX_NAME:
            return False
        if not (self.distinctive(ctx, start, end) or self.is_company_project(ctx, start, end)):
            return False
        if self.count_after_re.match(text, end):  # "产业项目44项": a category with its count
            return False
        if head in self.plant_heads and any(ce + len(head) == end for _, ce in ctx.companies.starting_at(start)):
            return False  # "X有限公司厂区": a company's plant, not a project
        if self.year_re.search(name) or self.explicit_ref_re.search(name) or re.search(f"{COUNT}个", name):
            return False  # "2021年第二季度重大项目": an event; "30个项目": a count
        if self.collective_place_re.search(name):
            return False  # "某某两旗项目": the projects of several places
        if self.phase_re.match(name):
            return False  # "其中，一期年产12万吨LNG工程投资…": a phase of the project named before
        if self.described(text, start):  # "打造…生产基地"
            return False
        for t in self.terminator_re.finditer(name):  # "A、B等重点项目", "A、B和C三大基地": a list, not a name
            cat = name[t.end():len(name) - len(head)]
            if "的" in cat or self.generic_category(cat):
                return False
        return True

    def component(self, ctx: "Context", s: int, start: int, end: int, head: str) -> bool:
        """"…项目总投资4.2亿元，建设道地药材种植基地3万亩": a base, a line or a facility that the sentence builds
        after naming a project is a part of that project, not a project."""
        if head in self.main_heads or ctx.companies.overlapping(start, end):
            return False
        lead = list_start(ctx.text, start, s)  # "建设游客服务中心、…露营基地": the cue opens the list
        return bool(self.build_re.search(ctx.text, lead, start)) and bool(self.main_head_re.search(ctx.text, s, lead))

    def described(self, text: str, start: int) -> bool:
        """What follows is a description, not a name: "打造…基地", "重点引进A、B等项目", "全国最大的…基地"."""
        # the cue before the name, or opening it when what follows the cue is no name of its own
        return text.endswith(self.aspirations, 0, start) or text.startswith(self.aspirations, start)

    def item_ok(self, ctx: "Context", start: int, end: int) -> bool:
        """A list item that names a project: distinctive, and not a company or a place."""
        if end - start < 2 or end - start > MAX_NAME or (start, end) in ctx.companies:
            return False
        name = ctx.text[start:end]
        if name in ctx.company_names or any(start >= s and end <= e for s, e in ctx.places.overlapping(start, end)
                                             + ctx.chains.overlapping(start, end)):
            return False
        return self.distinctive(ctx, start, end)

    def is_company_project(self, ctx: "Context", start: int, end: int) -> bool:
        """The name is a company plus a head: "X有限公司项目", "X有限公司的项目"."""
        rest = {ctx.text[ce:end] for _, ce in ctx.companies.starting_at(start)}
        return any(r.lstrip("的") in self.heads for r in rest)

    def distinctive(self, ctx: "Context", start: int, end: int) -> bool:
        """The text says something beyond generic words, numbers and places."""
        chars = list(ctx.text[start:end])
        for s, e in ctx.places.overlapping(start, end) + ctx.chains.overlapping(start, end):
            for i in range(max(s, start), min(e, end)):
                chars[i - start] = " "
        core = self.generic_re.sub(" ", strip_quantities("".join(chars)))
        return cjk_count(core) >= 2 and max(cjk_count(part) for part in core.split()) >= 2

    def generic_category(self, cat: str) -> bool:
        """Words between 等 and 项目 that make the list a category ("等89个重点项目")."""
        cat = cat.strip()
        if not cat or "的" in cat or self.collective_re.match(cat):
            return True
        return cjk_count(self.generic_re.sub("", strip_quantities(cat))) == 0


class Context:
    """What the rules need to know about a document, indexed by position."""

    def __init__(self, text: str, places: SpanIndex, companies: SpanIndex, captions: SpanIndex, chains: SpanIndex,
                 parks: SpanIndex = SpanIndex()):
        self.text = text
        self.places = places
        self.companies = companies
        self.subjects = companies + parks  # who or where a clause is about: "某集团就…", "某高新区在…"
        self.protected = places + companies  # lead-in words are never cut inside these
        self.company_names = {text[s:e] for s, e in companies}
        self.captions = captions
        self.chains = chains
        quotes = [(m.start(), m.end()) for m in re.finditer("“[^“”]*”", text)]
        self.short_quotes = SpanIndex((s, e) for s, e in quotes if e - s <= MAX_QUOTED + 2)
        # a long quotation without sentence punctuation is a slogan ("“养殖专业化、…、草畜一体化”"), not speech
        self.long_quotes = SpanIndex((s, e) for s, e in quotes if e - s > MAX_QUOTED + 2
                                     and not re.search("[，。！？]", text[s:e]))


def quoted(text: str, start: int, end: int) -> bool:
    """Does the span stand alone in quotation marks?"""
    return text[start - 1:start] in ("“", "「", "『", "\"") and text[end:end + 1] in ("”", "」", "』", "\"")


def clause_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in CLAUSE_BREAK + "“"


def split_list(text: str, start: int, end: int, conjunctions: str = "") -> list[tuple[int, int]]:
    """The items of "A、B、C", and "…和D" where `conjunctions` is a regex of the words that join items."""
    cuts = [start] + [i + 1 for i in range(start, end) if text[i] == "、"] + [end + 1]
    items = [(a, b - 1) for a, b in zip(cuts, cuts[1:]) if b - 1 > a]
    if not conjunctions:
        return items
    out = []
    for a, b in items:
        m = re.search(conjunctions, text[a:b])
        if m and m.start() >= 2 and b - a - m.end() >= 2:
            out += [(a, a + m.start()), (a + m.end(), b)]
        else:
            out.append((a, b))
    return out


def choose(candidates: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """One candidate where several overlap: the longest, then the first; a project in brackets inside a
    longer name is kept too ("某某工业园区（某汽项目）配套厂房…项目")."""
    out: list[tuple[int, int]] = []
    taken = bytearray(len(text) + 1)
    for s, e in sorted(set(candidates), key=lambda c: (-(c[1] - c[0]), c[0])):
        bracketed = s > 0 and text[s - 1] in "（(" and text[e:e + 1] in "）)"
        if bracketed or not any(taken[s:e]):
            out.append((s, e))
            taken[s:e] = b"\x01" * (e - s)
    return sorted(out)

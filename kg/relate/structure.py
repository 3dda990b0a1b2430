"""Document structure: what a sentence's place in the layout says about the sentences after it.

A section header ("开鲁县：…") or a heading line ends the project under discussion and may set the place of
what follows ("三、儋州市政府", "（二）开鲁县分会场", "荆门"); a tour leg ("观摩团走进霍林郭勒市") or a time and place
("11月份的霍林郭勒市") or a dated sub-venue ("7月13日，万宁市举办…分会场活动") sets it until the story is
back at the city; a dateline ("本报天台11月17日电") starts a story about its place, as does a county right
after a story's lead ("本报讯（记者某某）12月27日，某区…"); a paragraph that opens with a county
("在奈曼旗…，", "凤阳县则…") is about that county; the main venue ("主会场设在郸城县") is remembered for the
projects said to start there. A page's running header ("通辽日报 2025年4月10日 星期四 要闻") changes nothing.
The walk keeps all of this in its Discourse; places reads it.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import PLACE, PROJECT
from ..nlp.text import CLAUSE_BREAK, alternation
from .state import Discourse, DocState, Mention, Sentence

OPENING = re.compile("在[^，。；]{2,24}?[，、]")  # "在奈曼旗星河新材料产业园，…": where the sentence happens
DATE_OPENING = re.compile("[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日[，,、]?")  # "7月13日，"
PLACE_SUFFIX_CHARS = "市县区旗盟州"


class Structure:
    def __init__(self, lex: Lexicon):
        structure = lex.patterns["structure"]
        self.tour_re = re.compile(f"(?:{alternation(structure['tour_cues'])})[^{CLAUSE_BREAK}]{{0,2}}$")
        self.time_place_re = re.compile(structure["place_time_cue"])
        self.furniture_re = re.compile(structure["page_furniture"])
        self.heading_enum_re = re.compile(structure["heading_enumerator"])
        self.heading_word_re = re.compile(f"(?:{alternation(structure['heading_place_words'])})$")
        self.venue_words_re = re.compile(alternation(lex.patterns["places"]["place_clause_words"]))
        self.dateline_re = re.compile(structure["dateline"])
        self.story_lead_re = re.compile(structure["story_lead"])

    def sentence(self, s: DocState, sent: Sentence, d: Discourse) -> None:
        """Section headers, headings and tour legs set the place context and end the current project.
        A page's running header ("通辽日报 2025年4月10日 星期四 要闻") changes nothing."""
        text = s.text[sent.start:sent.end].strip()
        if heading(text) and self.furniture_re.search(text):
            return
        places = [m for m in sent.mentions if m.kind == PLACE and m.label in ("county", "city")]
        if places and places[0].start == sent.start and s.text[places[0].end:places[0].end + 1] in "：:":
            d.section_place, d.toured = places[0].key, False  # "开鲁县：打造…"
            d.current = None
            return
        first = d.opened != sent.paragraph
        d.opened = sent.paragraph
        dateline = self.dateline_re.match(s.text, sent.start, sent.end)
        if first and dateline:  # "本报天台11月17日电": a story starts, about the place of its dateline
            at = [m for m in places if m.start == dateline.start("place")
                  or m.text.startswith(dateline["place"])]  # "本报天台…电 …天台县12个项目…" (天台 is also a word)
            d.section_place, d.toured, d.current = (at[0].key if at else None), False, None
        lead = self.story_lead_re.match(s.text, sent.start, sent.end) if first else None
        if lead:  # "本报讯（记者某某）12月27日，某区一批项目签约…": a story starts, about that county (not
            # "某区、某经开区…", a list)
            subject = next((m for m in places if m.start == lead.end() and m.label == "county"), None)
            alone = subject and s.text[subject.end:subject.end + 1] not in "、和与及"
            d.section_place, d.toured, d.current = subject.key if alone else None, False, None
        free = [m for m in places if not any(o.kind != PLACE and o.start <= m.start and m.end <= o.end
                                             for o in sent.mentions)]
        if first and d.toured and free and free[0].label == "city" and not any(m.label == "county" for m in free):
            d.section_place, d.toured = None, False  # "…，通辽市充分把握…": the story is back at the city
        opening = OPENING.match(text)
        if opening and places and places[0].start == sent.start + 1 and places[0].label == "county":
            d.paragraph_place = (sent.paragraph, places[0].key)  # "在奈曼旗星河新材料产业园，…"
        elif first and free and free[0].start == sent.start and free[0].label == "county":
            d.paragraph_place = (sent.paragraph, free[0].key)  # "凤阳县则把目光投向…": the paragraph's subject
            # (not "汝城县某某产业园项目、桂阳县…": a place opening a list's first name is that item's)
        dated = DATE_OPENING.match(text)
        if first and dated and places and places[0].label == "county" and places[0].start == sent.start + dated.end() \
                and self.venue_words_re.search(text):  # "7月13日，万宁市举办…集中开工分会场活动": a sub-venue's section
            d.section_place, d.toured = places[0].key, True
            d.current = None
        if heading(text) and not any(m.kind == PROJECT for m in sent.mentions) and not s.field_re.match(text):
            d.current = None
            d.section_place, d.toured = self.heading_place(s, sent, text, places), False  # "荆门" over a story
            return
        toured = [m for m in places if m.label == "county" and self.tour_re.search(s.text, sent.start, m.start)]
        timed = self.time_place_re.match(text)
        if timed:
            toured += [m for m in places if m.label == "county" and m.start == sent.start + timed.end()]
        if toured:  # "观摩团走进霍林郭勒市，扎鲁特旗…": a leg through several counties starts at the first
            d.section_place, d.toured = toured[0].key, True

    def heading_place(self, s: DocState, sent: Sentence, text: str, places: list[Mention]) -> str | None:
        """The place a heading is about: the heading is the place alone once its list number and a word
        such as 政府 or 分会场 are set aside ("三、儋州市政府", "（二）开鲁县分会场", "荆门")."""
        lead = self.heading_enum_re.match(text)
        start = sent.start + (len(s.text[sent.start:sent.end]) - len(s.text[sent.start:sent.end].lstrip()))
        start += lead.end() if lead else 0
        rest = self.heading_word_re.sub("", s.text[start:sent.end].strip().rstrip("：:"))
        for m in places:  # the gazetteer may have read the short name (儋州 of 儋州市)
            if m.start == start and rest.startswith(m.text) and len(rest) - len(m.text) <= 1 and (
                    rest == m.text or rest[-1] in PLACE_SUFFIX_CHARS):
                return m.key
        return None

    def venue_place(self, s: DocState, sent: Sentence) -> str | None:
        """The county or city of the main venue: written right before the venue word or after its link."""
        places = [m for m in sent.mentions if m.kind == PLACE and m.label in ("county", "city")]
        for cue in s.venue_re.finditer(s.text, sent.start, sent.end):
            for m in places:
                if m.end == cue.start() or (cue.group("link") and m.start == cue.end()):
                    return m.key
        return None


def heading(text: str) -> bool:
    """A short line without sentence punctuation: a heading, which starts a new topic."""
    return 0 < len(text) <= 30 and text[-1] not in "。！？；;!?，,：:" and "，" not in text

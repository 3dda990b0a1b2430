"""Statuses and dates: what stage a project is at (signed, under construction, in operation …) and when.

Status words in a clause about a project give its status, and with a date before them its start or
completion date; after a future marker (预计, 计划, 将 …) or a span of time ("3年内建成") only the date is
kept, unless the words say a plan themselves ("力争尽早开工", "计划开工": planned). Progress words
(加快推进, 进展顺利, 封顶) say the works go on; after 前期工作 they say the preparations do (planned).
A status announced before a list ("新开工重大项目30个，其中包括A、B", or in the sentence before:
"…集中开工8个项目。这8个项目包括…") is the listed projects', unless their clause gives its own. A report of
one event (its headline or opening sentence: "集中签约", "集中开工") gives the event's status to the
projects the text gives none.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import COMPLETION_DATE, PROJECT, START_DATE, STATUS
from ..nlp.quantities import find_dates
from ..nlp.text import CLAUSE_BREAK, alternation
from .state import DocState, Sentence

# 8个项目, 项目8个: a batch of projects (not 4个子项目, the parts of one)
PROJECT_COUNT = re.compile("[0-9一二三四五六七八九十百]+个[^，。；]{0,8}(?<!子)项目|(?<!子)项目[0-9一二三四五六七八九十百]+个")
EVENT_SENTENCES = 3  # the headline, a source or date line, the opening sentence (CV: 2 -> 3 sentences, status 0.803 -> 0.814)
# a span of time before a status makes it a plan ("3年内建成", "5年达产", "18个月建成"); a date does not ("2024年建成")
IN_YEARS = re.compile(r"(?:(?<![0-9])[0-9]{1,2}|[一二两三四五六七八九十]+)(?:年|个月)(?:内|之内)?$")


class Statuses:
    def __init__(self, lex: Lexicon):
        self.f = f = lex.patterns["facts"]
        self.status_words = dict(f["status"])
        self.status_re = re.compile(alternation(self.status_words))
        self.event_re = re.compile(alternation(f["event_words"]))  # "集中签约": the event a report is about
        self.headline_event_re = re.compile(alternation(f["event_words"] + f["headline_event_words"]))
        self.list_cue_re = re.compile(alternation(f["list_status_cues"]))  # "其中包括A": the names a status announced
        self.future_re = re.compile(f"(?:{alternation(f['future_markers'])})[^{CLAUSE_BREAK}]{{0,10}}$")

    def sentence(self, s: DocState, sent: Sentence, named, refs, at_start: str | None) -> None:
        """Status words in a clause about a project; with a date before them, start or completion dates.
        A status after a future marker (预计, 计划, 将 …) is a plan: only its date is kept."""
        ev = s.evidence(sent)
        dates = find_dates(s.text[sent.start:sent.end], s.document.meta.date)
        subjects: list[str] = []
        pending = None  # "集中开工重大项目30个，其中包括A、B": a status announced before the names it is about
        announced = s.announced if s.announced and s.announced[0] == sent.index - 1 else None
        listing = bool(announced and announced[2])  # the sentence before was an item of the list, ending in ；
        if announced and (listing or self.list_cue_re.search(s.text, sent.start, min(sent.end, sent.start + 12))):
            pending = self.status_re.match(announced[1])  # "…集中开工8个项目。这8个项目包括A、B"
        s.announced = None
        listed = False
        for c_start, c_end in s.clauses(sent):
            clause_named = [m.key for m in named if c_start <= m.start < c_end]
            if clause_named:
                subjects = list(dict.fromkeys(clause_named))
                if pending and not subjects_own_status(self.status_re, s, named, c_start, c_end) \
                        and (len(clause_named) > 1 or listing or self.list_cue_re.search(s.text, c_start, c_end)):
                    listed = True
                    for key in subjects:
                        s.add(key, STATUS, self.status_words[pending.group()], ev, note=pending.group() + "…包括")
            elif any(c_start <= m.start < c_end for m in refs) and at_start and not subjects:
                subjects = [at_start]
            elif not subjects and at_start and not (named or refs):
                subjects = [at_start]
            for m in self.status_re.finditer(s.text, c_start, c_end):
                if any(x.start <= m.start() < x.end for x in named):
                    continue  # a status word inside a name
                future = bool(self.future_re.search(s.text[c_start:m.start()])) or \
                    s.text[m.end():m.end() + 1] == "后" or \
                    bool(IN_YEARS.search(s.text, c_start, m.start()))  # "达产后可实现…", "5年达产": plans
                if not subjects:
                    pending = None if future else m  # no project yet: perhaps the list after it
                    continue
                date = next((d for d in dates if c_start <= sent.start + d.start and
                             sent.start + d.end <= m.start()), None)
                word = m.group()
                for key in subjects:
                    if not future or self.status_words[word] == "planned":  # "力争尽早开工": a plan all the same
                        s.add(key, STATUS, self.status_words[word], ev, note=word)
                    if date and any(w in word for w in self.f["start_words"]):
                        s.add(key, START_DATE, date.iso, ev, note=date.text + word)
                    elif date and any(w in word for w in self.f["completion_words"]):
                        s.add(key, COMPLETION_DATE, date.iso, ev, note=date.text + word)
        if pending and not named and not refs:
            s.announced = (sent.index, pending.group(), False)  # the next sentence may list the projects
        elif pending and listed and s.text[sent.start:sent.end].rstrip()[-1:] in "；;":
            s.announced = (sent.index, pending.group(), True)  # "分别为A，总投资5亿元；B，…": the list goes on

    def event_statuses(self, s: DocState) -> None:
        """A report of one event whose headline ("某县重大项目集中签约") or first sentences ("…集中开工仪式在…
        举行", "现场签约项目8个") name it: the projects the text gives no status of their own were the event's
        (signed, started)."""
        found = set()
        for i, sent in enumerate(s.sentences[:EVENT_SENTENCES]):
            text = s.text[sent.start:sent.end]
            words = self.headline_event_re if i == 0 and headline(text) or PROJECT_COUNT.search(text) \
                else self.event_re  # "某县重大项目集中签约", "现场签约项目8个": 签约 alone names the event
            found |= {self.status_words[self.status_re.search(m.group()).group()]
                      for m in words.finditer(s.text, sent.start, sent.end)}
        if len(found) != 1:
            return
        (status,) = found
        has_status = {f.subject for f in s.facts if f.prop == STATUS}
        ev = s.evidence(s.sentences[0])
        for e in [e for e in s.entities.values() if e.kind == PROJECT and e.key not in has_status]:
            s.add(e.key, STATUS, status, e.evidence[0] if e.evidence else ev, note="the event the article reports")


def subjects_own_status(status_re: re.Pattern, s: DocState, named, start: int, end: int) -> bool:
    """The clause gives its names a status of their own (outside the names)."""
    return any(not any(x.start <= m.start() < x.end for x in named) for m in status_re.finditer(s.text, start, end))


def headline(text: str) -> bool:
    """A first line without sentence punctuation: the article's headline."""
    text = text.strip()
    return 0 < len(text) <= 40 and text[-1] not in "。！？；;!?，,：:"

"""Parts and components: project names that are not projects of their own.

A project named in brackets after another, or introduced under the project under discussion ("其中…X",
"兴建A、B和C", "配套建设X", "新上X"), is a part of it. A component named only by capacity and power sector
("配套建设30万千瓦风电项目"), or a production line the clause says is built, is no project at all: the project's
facts describe it.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import COMPANY, PART_OF, PLACE, PROJECT
from ..nlp.text import CJK, CLAUSE_BREAK, alternation
from .state import DocState, Mention, Sentence


class Parts:
    def __init__(self, lex: Lexicon):
        f, p = lex.patterns["facts"], lex.patterns["projects"]
        self.part_cue_re = re.compile(f"(?:{alternation(f['part_cues'])})[^{CLAUSE_BREAK}]{{0,12}}$")
        self.anonymous_re = re.compile(alternation(p["heads"] + p["phases"] + f["power_sectors"]
                                                   + ["及", "和", "与", "、"]))
        self.equipment_heads = tuple(p["equipment_heads"])
        self.line_cue_re = re.compile(alternation(f["component_cues"]))
        self.component_cue_re = re.compile(f"(?:{alternation(f['component_cues'])})(?!的)[^{CLAUSE_BREAK}]{{0,12}}$")

    # ---- in the walk --------------------------------------------------------------------------

    def sub_projects(self, s: DocState, sent: Sentence, named: list[Mention], at_start: str | None) -> set[str]:
        """Parts of a project: one named in brackets after it, and ones introduced under the project
        under discussion ("其中…X", "兴建A、B和C", "配套建设X", "新上X"). Returns the parts' keys."""
        ev = s.evidence(sent)
        text = s.text
        cue = self.part_cue_re
        parts, parent_of = set(), {}
        for i, m in enumerate(named):
            prev = named[i - 1] if i else None
            if prev and text[prev.end:m.start] in ("（", "("):
                s.add(m.key, PART_OF, prev.key, ev, note="named in brackets after its parent")
                parts.add(m.key)
                continue
            if prev and re.fullmatch("[、和及与]", text[prev.end:m.start]):
                if prev.key not in parent_of:
                    continue  # "其中，A、B、C等13个项目已建成运营": B is A's sibling in a list, not its part
                parent = parent_of[prev.key]  # the next item of the same list
            elif (cue.search(text[s.clause_start(sent, m.start):m.start]) or
                  re.search("其中[^。；]{0,20}$", text[sent.start:m.start])):
                wholes = [x.key for x in named[:i] if x.key not in parts]
                parent = wholes[-1] if wholes else at_start
                if parent is None or parent == m.key:
                    continue
            else:
                continue
            parent_of[m.key] = parent
            if m.key != parent:
                s.add(m.key, PART_OF, parent, ev, note="part of the project under discussion")
                parts.add(m.key)
        return parts

    # ---- after the walk -----------------------------------------------------------------------

    def drop_components(self, s: DocState) -> None:
        """"配套建设30万千瓦风电项目", "建设…和2GW风力发电及储能项目": a facility built with a project and named
        only by capacity and power sector is a component, described by the project's facts, not a project."""
        for e in [e for e in s.entities.values() if e.kind == PROJECT]:
            mentions = s.mentions_of(e.key)
            if not mentions or not all(self.component(s, m) for m in mentions):
                continue
            s.drop_entity(e.key)

    def component(self, s: DocState, m: Mention) -> bool:
        """A facility named only by capacity and sector after a build cue; or a production line the clause
        says is built ("建设柔性线路板和软硬结合板生产线", "一期先上10万吨L-乳酸生产线"), unless a company owns it."""
        sent = s.sentence_of(m.start)
        if s.text.endswith(self.equipment_heads, m.start, m.end):
            owned = any(x.kind == COMPANY and m.start <= x.start and x.end <= m.end for x in sent.mentions)
            return not owned and bool(self.line_cue_re.search(s.text, s.clause_start(sent, m.start), m.end))
        return not self.names_something(s, m) and self.built_with(s, m)

    def built_with(self, s: DocState, m: Mention) -> bool:
        """A build cue for a facility before the name in its clause ("配套建设…")."""
        sent = s.sentence_of(m.start)
        return bool(self.component_cue_re.search(s.text, s.clause_start(sent, m.start), m.start))

    def names_something(self, s: DocState, m: Mention) -> bool:
        """Two characters or more beyond places, quantities, head and power-sector words."""
        chars = list(s.text[m.start:m.end])
        spans = [(x.start, x.end) for x in s.sentence_of(m.start).mentions if x.kind == PLACE] + \
            [(q[0], q[1]) for q in s.quantities]
        for a, b in spans:
            for i in range(max(a, m.start), min(b, m.end)):
                chars[i - m.start] = " "
        rest = self.anonymous_re.sub(" ", "".join(chars))
        return len(re.sub(f"[^{CJK}]", "", rest)) >= 2

"""Projects listed as data rather than prose: a table pasted as text, and a notice's field lists.

clean keeps each table row a line with its cells apart by tabs; a header row names the columns (the words
of clean's table_columns), and each later row is one project with its developer, place and investment.
A notice may instead list each project as fields in one paragraph ("项目名称：X；建设单位：Y；建设地点：Z；").
Both run after the sentence walk, so a row's project may already have facts from the prose.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..lexicon import Lexicon
from ..model import (ANNUAL_PLANNED_INVESTMENT, COMPANY, CURRENCY, DEVELOPER, IN_PARK, LOCATED_IN, PARK, PLACE,
                     PROJECT, TOTAL_INVESTMENT, Evidence, Quantity)
from ..nlp.text import alternation
from .state import DocState, Mention, Sentence

FIELD_ROLES = ("name", "developer", "place")


class Tables:
    def __init__(self, lex: Lexicon):
        self.columns = lex.patterns["clean"]["table_columns"]
        self.not_companies = lex.patterns["companies"]["not_companies"]
        # "建设单位：…；": the value of a field whose label is one of a role's column words
        self.field_re = {role: re.compile(f"(?:{alternation(self.columns[role])})[：:]([^；;。\n]+)")
                         for role in FIELD_ROLES}

    # ---- tables -------------------------------------------------------------------------------

    def table_rows(self, s: DocState) -> None:
        """A project table pasted as text (clean keeps each row a line, cells apart by tabs): a header row
        names the columns, each later row is one project with its developer, place and figures."""
        if "\t" not in s.text:
            return  # clean writes table cells apart by tabs, and nothing else
        columns, pos, other_cells = None, 0, []
        for line in s.text.split("\n"):
            cells = line.split("\t")
            header = self.table_header(cells) if len(cells) >= 3 else None
            if header:
                columns = header
            elif columns and len(cells) >= 3:
                spans = self.table_row(s, pos, cells, columns)
                other_cells += [span for i, span in enumerate(spans) if i != columns["name"][0]]
            else:
                columns = None  # a sentence after the table ends it
            pos += len(line) + 1
        self.drop_cell_projects(s, other_cells)

    def drop_cell_projects(self, s: DocState, cells: list[tuple[int, int]]) -> None:
        """A project named only inside the other cells of table rows ("建设15万吨/年POE装置及配套公用工程" in
        建设内容) is what the row's project builds, not a project of its own."""
        for e in [e for e in s.entities.values() if e.kind == PROJECT]:
            spans = s.mentions_of(e.key)
            if spans and all(any(a <= m.start and m.end <= b for a, b in cells) for m in spans):
                s.drop_entity(e.key)

    def table_header(self, cells: list[str]) -> dict[str, tuple[int, Decimal]] | None:
        """Column index (and money unit) of each role a header row names; None when no project name column."""
        roles: dict[str, tuple[int, Decimal]] = {}
        for i, cell in enumerate(cells):
            for role, words in self.columns.items():
                if role != "_doc" and role not in roles and any(w in cell for w in words):
                    roles[role] = (i, Decimal(100_000_000) if "亿" in cell else Decimal(10_000))
                    break
        return roles if "name" in roles else None

    def table_row(self, s: DocState, start: int, cells: list[str],
                  columns: dict[str, tuple[int, Decimal]]) -> list[tuple[int, int]]:
        """The facts of one row; returns the spans of its cells."""
        spans, pos = [], start
        for cell in cells:
            spans.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        sent = s.sentence_of(start)
        ev = s.evidence(Sentence(sent.index, start, pos - 1, sent.paragraph))

        def inside(role: str, kinds: tuple[str, ...]) -> list[Mention]:
            if role not in columns or columns[role][0] >= len(spans):
                return []
            return mentions_within(s, spans[columns[role][0]], kinds)

        project = self.table_project(s, spans[columns["name"][0]], [m for m in inside("name", (PROJECT,))
                                                                     if m.label == "Project"])
        if project is None:
            return spans
        self.developer_and_place(s, project, inside("developer", (COMPANY,)), inside("place", (PLACE, PARK)), ev,
                                 "table")
        for role, prop in (("total", TOTAL_INVESTMENT), ("annual", ANNUAL_PLANNED_INVESTMENT)):
            if role in columns and columns[role][0] < len(cells):
                amount = cells[columns[role][0]].strip()
                if re.fullmatch(r"\d+(?:\.\d+)?", amount):
                    q = Quantity("money", Decimal(amount) * columns[role][1], CURRENCY, amount)
                    s.add(project, prop, q, ev, note="table: investment column")
        return spans

    def table_project(self, s: DocState, span: tuple[int, int], named: list[Mention]) -> str | None:
        """The project a name cell holds: the recognised span covering most of it, else the cell itself."""
        if named:
            return max(named, key=lambda m: (m.end - m.start, -m.start)).key
        name = s.text[span[0]:span[1]].strip()
        if not s.head_re.search(name):
            return None
        m = Mention(PROJECT, span[0], span[1], name, "Project")
        s.attach(m, s.new_entity(PROJECT, name))
        return m.key

    # ---- field lists --------------------------------------------------------------------------

    def field_lists(self, s: DocState) -> None:
        """A notice listing projects as fields in one paragraph ("项目名称：X；建设单位：Y；建设地点：Z；"): the
        project the name field holds is built by the companies of the developer field, at the place of
        the place field (the labels are those of table_columns)."""
        for start, end in self.fields_of(s, "name"):
            named = [m for m in mentions_within(s, (start, end), (PROJECT,)) if m.label == "Project"]
            if not named:
                continue
            project = max(named, key=lambda m: (m.end - m.start, -m.start)).key
            para_end = s.text.find("\n", end) % (len(s.text) + 1)
            nxt = next(iter(self.fields_of(s, "name", end, para_end)), (para_end, para_end))[0]
            spans = {role: next(iter(self.fields_of(s, role, end, nxt)), (end, end)) for role in ("developer", "place")}

            def inside(role: str, kinds: tuple[str, ...]) -> list[Mention]:
                first = spans[role][0]
                return [m for m in mentions_within(s, spans[role], kinds)
                        if not re.search(r"[（(][^）)]*$", s.text[first:m.start])]  # "Y（X全资子公司）": not X

            ev = s.evidence(s.sentence_of(start))
            self.developer_and_place(s, project, inside("developer", (COMPANY,)), inside("place", (PLACE, PARK)), ev,
                                     "field")

    def fields_of(self, s: DocState, role: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Spans of the values of the fields of a role ("建设单位：…；") between start and end."""
        return [m.span(1) for m in self.field_re[role].finditer(s.text[:end] if end is not None else s.text)
                if m.start() >= start]

    def developer_and_place(self, s: DocState, project: str, companies: list[Mention], places: list[Mention],
                            ev: Evidence, source: str) -> None:
        """The companies of a developer column or field build the project; the first place of a place
        column or field is its park, county or township."""
        for m in companies:
            if not any(w in m.text for w in self.not_companies):
                s.add(project, DEVELOPER, m.key, ev, note=f"{source}: developer")
        for m in places[:1]:
            if m.kind == PARK:
                s.add(project, IN_PARK, m.key, ev, note=f"{source}: place")
            elif m.label in ("county", "township"):
                s.add(project, LOCATED_IN, m.key, ev, note=f"{source}: place")


def mentions_within(s: DocState, span: tuple[int, int], kinds: tuple[str, ...]) -> list[Mention]:
    """The mentions of `kinds` (with an entity) inside a cell or field."""
    a, b = span
    return [m for m in s.mentions if m.kind in kinds and m.key and a <= m.start and m.end <= b]

"""Facts as statements about global entities, ranked per (entity, property) in Wikidata's way, and the
disagreements between articles."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from decimal import Decimal

from ..model import (
    CAPACITY, CURRENCY, DEVELOPER, IN_CHAIN, IN_PARK, LOCATED_IN, MONEY_PROPS, PART_OF, PLACE, PROJECT,
    RELATION_PROPS, STATUS, STATUSES, SUPPLIES, Disagreement, DocResult, Evidence, KnowledgeBase, Quantity, Statement,
)
from .names import Rules, norm

MULTI_VALUED = (DEVELOPER, IN_CHAIN, PART_OF, SUPPLIES)  # several values can all be true
TOLERANCE = Decimal("0.01")  # numbers further apart than this (relative) disagree

def statement_id(subject: str, prop: str, value: object, ev: Evidence) -> str:
    raw = f"{subject}|{prop}|{ev.doc_id}|{ev.start}|{ev.end}|{value!r}"
    return "stmt/" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def statements_of(results: list[DocResult], local_ids: dict, entities: dict):
    """Each fact as a statement about global entities; facts that name no known entity are reported."""
    statements, warnings, seen = [], [], set()
    for r in results:
        doc = r.meta.doc_id
        for fact in r.facts:
            subject = local_ids.get((doc, fact.subject))
            value = fact.value
            if fact.prop in RELATION_PROPS:
                value = local_ids.get((doc, value))
            if subject is None or value is None:
                warnings.append(f"{doc}: {fact.prop} fact of {fact.subject} names an unknown entity; dropped")
                continue
            if fact.prop in RELATION_PROPS and value == subject:
                continue  # both names turned out to be one entity
            ev = fact.evidence if fact.evidence.doc_date or not r.meta.date else \
                Evidence(fact.evidence.doc_id, fact.evidence.sentence, fact.evidence.start, fact.evidence.end,
                         fact.evidence.quote, r.meta.date)
            sid = statement_id(subject, fact.prop, value, ev)
            if sid in seen:
                continue
            seen.add(sid)
            statements.append(Statement(sid, subject, fact.prop, value, ev, fact.qualifiers, fact.note))
    return statements, warnings


def counties_of_developers(statements: list[Statement], entities: dict, rules: Rules) -> list[Statement]:
    """A project no article places in a county, whose developers' registered names all name one county
    ("内蒙古（奈曼）星禾有色金属材料有限公司"), is in that county: one statement, quoting where the name is written.

    Only county-level places count (a province or city in a name says where the company is registered, not
    where it builds), and only a place some article names, so that the value is a node of the graph."""
    places = {e.attrs["gazetteer_id"]: e.id for e in entities.values()
              if e.kind == PLACE and e.attrs.get("gazetteer_id")}
    placed, developers = set(), defaultdict(set)
    for st in statements:
        if st.prop == LOCATED_IN and entities[st.value].kind == PLACE and \
                rules.place_level(entities[st.value].attrs.get("gazetteer_id", "")) == "county":
            placed.add(st.subject)
        elif st.prop == DEVELOPER:
            developers[st.subject].add(st.value)
    out = []
    for project, companies in sorted(developers.items()):
        if project in placed or entities[project].kind != PROJECT:
            continue
        found = {}  # county -> (company name, evidence)
        for company in sorted(companies):
            entity = entities[company]
            for name in [entity.label, *entity.alt_labels]:
                for place in rules.company(name).places:
                    if rules.place_level(place) == "county" and place in places:
                        ev = next((e for e in entity.mentions if norm(name) in norm(e.quote)), None)
                        if ev:
                            found.setdefault(place, (name, ev))
        if len(found) == 1:
            (county, (name, ev)), = found.items()
            out.append(Statement(statement_id(project, LOCATED_IN, places[county], ev), project, LOCATED_IN,
                                 places[county], ev, note=f"the county in its developer's name ({name})"))
    return out


def group_key(st: Statement, entities: dict) -> tuple:
    """Statements that compete for the preferred rank share a key."""
    if st.prop in MULTI_VALUED:
        return st.subject, st.prop, st.value
    if st.prop == LOCATED_IN:  # nested places are all true: compete only within one level
        target = entities.get(st.value)
        level = target.attrs.get("level") if target else None
        return (st.subject, st.prop, level) if level else (st.subject, st.prop, st.value)
    if st.prop == CAPACITY and isinstance(st.value, Quantity):  # one capacity per product
        return st.subject, st.prop, st.value.product or st.value.unit
    if isinstance(st.value, Quantity) and st.prop in MONEY_PROPS:  # a foreign amount is never preferred
        return st.subject, st.prop, st.value.unit
    return st.subject, st.prop  # a single-valued property: one preferred value whatever its unit


def ranked(group: list[Statement], rules: Rules) -> list[Statement]:
    """Best first: the most recent article (undated last), no 约/近/超, for a status the furthest stage one
    article reports (a project it says is being built has been signed too), the longer quote, then the id."""
    def merit(st: Statement) -> tuple:
        qualifiers = (*st.qualifiers, *(st.value.qualifiers if isinstance(st.value, Quantity) else ()))
        stage = STATUSES.index(st.value) if st.prop == STATUS and st.value in STATUSES else -1
        return st.evidence.doc_date or "", not rules.hedged(qualifiers), stage, len(st.evidence.quote)

    return sorted(sorted(group, key=lambda s: s.id), key=merit, reverse=True)


def rank(statements: list[Statement], entities: dict, rules: Rules) -> None:
    groups = defaultdict(list)
    for st in statements:
        groups[group_key(st, entities)].append(st)
    for group in groups.values():
        if not foreign_money(group[0]):
            ranked(group, rules)[0].preferred = True


def foreign_money(st: Statement) -> bool:
    """An amount in another currency ("1.5亿美元") is never preferred: the direct money values are in yuan."""
    return st.prop in MONEY_PROPS and isinstance(st.value, Quantity) and st.value.unit != CURRENCY


def disagreements(kb: KnowledgeBase, rules: Rules | None = None) -> list[Disagreement]:
    """Numbers more than 1% apart, or two counties or parks, for one entity and property."""
    rules = rules or Rules()
    groups = defaultdict(list)
    for st in kb.statements:
        groups[group_key(st, kb.entities)].append(st)
    found = []
    for key, group in sorted(groups.items(), key=lambda kv: tuple(map(str, kv[0]))):
        values = {st.value.value if isinstance(st.value, Quantity) else st.value for st in group}
        if len(values) < 2:
            continue
        if all(isinstance(st.value, Quantity) for st in group):
            low, high = min(values), max(values)
            if high - low <= abs(high) * TOLERANCE:
                continue
        elif not (key[1] == IN_PARK or (key[1] == LOCATED_IN and key[2:] == ("county",))):
            continue
        ordered = ranked(group, rules)
        sources = defaultdict(dict)  # each value once, with its sources, best first
        for st in ordered:
            sources[_shown(st.value, kb.entities)].setdefault(
                f"{st.evidence.doc_id}, {st.evidence.doc_date or 'undated'}")
        entity = kb.entities[key[0]]
        summary = " vs ".join(f"{value} ({'; '.join(docs)})" for value, docs in sources.items())
        found.append(Disagreement(entity.id, key[1], tuple(st.id for st in ordered),
                                  f"{entity.label} {key[1]}: {summary}",
                                  f"{entity.label} {key[1]}: {short_sources(sources)}"))
    return found


SHORT_VALUES, SHORT_SOURCES = 3, 2  # a disagreement in the build summary: one line, however many articles


def short_sources(sources: dict[str, dict]) -> str:
    """The first values, each with its first sources, and how many of each are left out."""
    parts = []
    for value, docs in list(sources.items())[:SHORT_VALUES]:
        shown = list(docs)[:SHORT_SOURCES]
        more = f"; {len(docs) - len(shown)} more articles" if len(docs) > len(shown) else ""
        parts.append(f"{value} ({'; '.join(shown)}{more})")
    rest = len(sources) - SHORT_VALUES
    return " vs ".join(parts) + (f" and {rest} more values" if rest > 0 else "")


def _shown(value: object, entities: dict) -> str:
    if isinstance(value, Quantity):
        return "".join(value.text.split())
    if isinstance(value, str) and value in entities:
        return entities[value].label
    return str(value)

"""`kg explain`: everything a built graph knows about one entity, each value with its source.

Read from the graph alone (any kg.ttl, however it was built): labels, types, merge rules, relations in
both directions, and every statement grouped by property, with the value as written, qualifiers, rank
(★ preferred), the quoted sentence, and the article's file name and date.
"""

from __future__ import annotations

import difflib
import re

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .graph import entity_iri
from .model import RELATION_PROPS
from .resolve import norm
from .safe import shown
from .vocab import ID, TKG

KINDS = (TKG.Project, TKG.Company, TKG.IndustrialPark, TKG.Place, TKG.IndustryChain)
LINKS = tuple(TKG[p] for p in RELATION_PROPS) + (TKG.inChain, TKG.withinPlace)
PROPERTY_ORDER = ("totalInvestment", "annualPlannedInvestment", "investmentCompleted", "capacity",
                  "outputValue", "tax", "jobs", "landArea", "status", "startDate", "completionDate",
                  "locatedIn", "inPark", "developer", "partOf", "subsidiaryOf", "supplies", "inChain")
LABELS = (SKOS.prefLabel, RDFS.label, SKOS.altLabel)
LINE_BREAKS = re.compile(r"\s*\n\s*")
MAX_CANDIDATES = 10


class NotFound(LookupError):
    """No entity, or more than one, answers to the name; the message lists the close candidates."""


def explain(graph: Graph, name: str) -> str:
    """Everything known about the entities named `name` (an exact label, an id, or a unique part of a name),
    without bidirectional control characters (text from articles must not show reversed)."""
    return shown("\n\n".join(describe(graph, node) for node in find(graph, name)))


def find(graph: Graph, name: str) -> list[URIRef]:
    """Entities with `name` as a label or id; else the one entity whose label contains it."""
    key = norm(name)
    entities = sorted({s for kind in KINDS for s in graph.subjects(RDF.type, kind)})
    names = {node: {norm(str(label)) for p in LABELS for label in graph.objects(node, p)} for node in entities}
    exact = [n for n in entities if key in names[n] or str(n) in (name, str(entity_iri(name)))]
    if exact:
        return exact
    partial = [n for n in entities if any(key in label for label in names[n])]
    if len(partial) == 1:
        return partial
    if partial:
        shown = ", ".join(_label(graph, n) for n in partial[:MAX_CANDIDATES])
        more = f" and {len(partial) - MAX_CANDIDATES} more" if len(partial) > MAX_CANDIDATES else ""
        raise NotFound(f"{name!r} is part of {len(partial)} names: {shown}{more}. Give the whole name.")
    labels = sorted({str(label) for n in entities for p in LABELS for label in graph.objects(n, p)})
    close = difflib.get_close_matches(name, labels, n=MAX_CANDIDATES, cutoff=0.4)
    hint = f" Close names: {', '.join(close)}." if close else ""
    raise NotFound(f"No entity is named {name!r}.{hint}")


def describe(graph: Graph, node: URIRef) -> str:
    kinds = sorted(_local(t) for t in graph.objects(node, RDF.type) if str(t).startswith(str(TKG._NS)))
    lines = [f"{_label(graph, node)}  [{', '.join(kinds)}]", f"  {node}"]
    alts = sorted({str(a) for a in graph.objects(node, SKOS.altLabel)} - {_label(graph, node)})
    if alts:
        lines.append(f"  also written: {'; '.join(alts)}")
    docs = sorted(_document(graph, d) for d in graph.objects(node, TKG.mentionedIn))
    if docs:
        lines.append(f"  mentioned in: {', '.join(docs)}")
    for rule in sorted(map(str, graph.objects(node, TKG.mergeRule))):
        lines.append(f"  merged: {rule}")
    relations = _relations(graph, node)
    if relations:
        lines += ["", "Relations", *relations]
    statements = _statements(graph, node)
    if statements:
        lines += ["", "Statements", *statements]
    return "\n".join(lines)


def _relations(graph: Graph, node: URIRef) -> list[str]:
    out = sorted(f"  {_local(p)} → {_label(graph, o)}" for p in LINKS for o in graph.objects(node, p))
    back = sorted(f"  ← {_local(p)} of {_label(graph, s)}" for p in LINKS for s in graph.subjects(p, node))
    return out + back


def _statements(graph: Graph, node: URIRef) -> list[str]:
    by_prop: dict[str, list] = {}
    for st in graph.objects(node, TKG.hasStatement):
        by_prop.setdefault(_local(graph.value(st, TKG.property)), []).append(st)
    order = {p: i for i, p in enumerate(PROPERTY_ORDER)}
    lines = []
    for prop in sorted(by_prop, key=lambda p: (order.get(p, len(order)), p)):
        lines.append(f"  {prop}")
        for st in _ranked(graph, by_prop[prop]):
            lines += _statement(graph, st)
    return lines


def _ranked(graph: Graph, statements: list) -> list:
    """Preferred first, then the most recent article, then by id."""
    ordered = sorted(statements, key=str)
    ordered.sort(key=lambda st: str(graph.value(st, TKG.documentDate) or ""), reverse=True)
    ordered.sort(key=lambda st: graph.value(st, TKG.rank) != TKG.PreferredRank)
    return ordered


def _statement(graph: Graph, st) -> list[str]:
    preferred = graph.value(st, TKG.rank) == TKG.PreferredRank
    value = graph.value(st, TKG.value)
    original = graph.value(st, TKG.originalText)
    unit = graph.value(st, TKG.unit)
    if isinstance(value, URIRef):
        shown = _label(graph, value)
    elif original is not None:
        number = _number(value)
        shown = f"{original} = {number} {unit}" if unit else f"{original} = {number}"
    else:
        shown = str(value)
    extras = []
    product = graph.value(st, TKG.product)
    if product is not None:
        extras.append(f"product {product}")
    qualifiers = sorted(map(str, graph.objects(st, TKG.qualifier)))
    if qualifiers:
        extras.append(f"qualifiers {' '.join(qualifiers)}")
    note = graph.value(st, TKG.ruleNote)
    if note is not None:
        extras.append(f"rule: {note}")
    mark = "★" if preferred else "·"
    rank = "preferred" if preferred else "normal"
    head = f"    {mark} {shown}  ({rank}{'; ' + '; '.join(extras) if extras else ''})"
    quote = LINE_BREAKS.sub("", str(graph.value(st, TKG.quote) or ""))
    start, end = graph.value(st, TKG.charStart), graph.value(st, TKG.charEnd)
    where = _document(graph, graph.value(st, PROV.wasDerivedFrom))
    chars = f", chars {start}–{end}" if start is not None and end is not None else ""
    return [head, f"      “{quote}” — {where}{chars}"]


def _number(value) -> str:
    """A normalised value as a plain number (no exponent, no trailing .0)."""
    if isinstance(value, Literal) and value.datatype and str(value.datatype).endswith("decimal"):
        text = str(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def _document(graph: Graph, doc) -> str:
    if doc is None:
        return "unknown source"
    name = graph.value(doc, TKG.fileName) or _local(doc)
    date = graph.value(doc, DCTERMS.date)
    return f"{name} ({date})" if date is not None else f"{name} (undated)"


def _label(graph: Graph, node) -> str:
    """The preferred label, Chinese first."""
    for prop in (SKOS.prefLabel, RDFS.label):
        labels = sorted(graph.objects(node, prop), key=lambda v: (getattr(v, "language", None) != "zh", str(v)))
        if labels:
            return str(labels[0])
    return _local(node)


def _local(iri) -> str:
    text = str(iri)
    for ns in (str(TKG._NS), str(ID)):
        if text.startswith(ns):
            return text[len(ns):]
    return text.rsplit("/", 1)[-1]


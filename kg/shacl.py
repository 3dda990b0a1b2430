"""SHACL validation that scales: the shapes' constraints as SPARQL on Oxigraph, pySHACL for the rest.

pySHACL walks the graph in Python: with it, validating 1,000 articles (a million triples) took most of
220 s; it now takes 11 s, about 5 s of it here. The constraint components that ontology/shapes.ttl
uses are translated into a few SELECTs per shape that return the offending focus and value nodes (all
cardinalities of a node shape in one grouped query, all value tests of a property shape in one
filter), and the shapes' own SPARQL constraints run as written, all on Oxigraph. A node shape that uses
anything else (another component, a complex path, a severity, a property shape without exactly one
sh:message, ...) goes to pySHACL whole, so a new kind of constraint is checked slowly rather than
skipped.

Both paths give the same lines: tests/test_shacl.py plants a violation of every constraint of
shapes.ttl and compares them. One known gap: Oxigraph takes "a" and "a"^^xsd:string for one term, rdflib
(so pySHACL's sh:in) for two; the graph writes plain strings only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS, XSD

from . import query
from .vocab import TKG

PathSpec = tuple[str, URIRef]  # ("", p) or ("^", p): a property or its inverse

PREAMBLE = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
# sh:datatype as pySHACL checks it. rdflib parses these, so an ill-typed literal is a violation; here it
# is one that Oxigraph cannot cast to its datatype.
PARSED = frozenset(XSD[t] for t in ("string", "boolean", "integer", "decimal", "float", "double", "date",
                                    "dateTime", "time"))
# rdflib does not parse these: pySHACL compares the datatype only, and so does the compiled check.
UNPARSED = frozenset({XSD.gYear, XSD.gYearMonth})
NODE_KINDS = {SH.IRI: "isIRI(?value)", SH.BlankNode: "isBlank(?value)", SH.Literal: "isLiteral(?value)",
              SH.BlankNodeOrIRI: "!isLiteral(?value)", SH.BlankNodeOrLiteral: "!isIRI(?value)",
              SH.IRIOrLiteral: "!isBlank(?value)"}
RANGES = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=", SH.maxExclusive: "<"}
LENGTHS = {SH.minLength: ">=", SH.maxLength: "<="}
PAIRS = {SH.lessThanOrEquals: "<=", SH.lessThan: "<"}
NODE_SHAPE_KEYS = frozenset({RDF.type, SH.targetClass, SH.targetNode, SH.property, SH.sparql, RDFS.comment,
                             RDFS.label})
PROPERTY_SHAPE_KEYS = frozenset({RDF.type, SH.path, SH.message, SH.name, SH.description, RDFS.comment})


@dataclass(frozen=True)
class Check:
    """One SELECT whose rows are violations.

    Rows bind ?this (the focus node), ?value when the result reports one, and ?k, the index in `shapes`
    of the property shape broken (0 when unbound). A SPARQL constraint's rows fill its message instead.
    """

    text: str
    shapes: tuple[tuple[PathSpec | None, str], ...]  # (path, message) of each property shape
    focus: URIRef | None = None  # a SPARQL constraint's target node, bound to $this
    sparql: bool = False


def violations(graph: Graph, shapes_path: Path, engine=None) -> list[str]:
    """Every SHACL violation of `graph`, one readable line each, sorted.

    `engine` is a kg.query engine or graph file holding the same triples (Oxigraph reads a written
    kg.ttl far faster than it copies an rdflib graph); lines are worded from `graph`.
    """
    shapes = Graph().parse(shapes_path, format="turtle")
    checks, rest = compile_shapes(shapes)
    engine = query.open_engine(engine if engine is not None else graph)
    written = WrittenForms(graph)
    lines = [found for check in checks for found in run_check(check, graph, engine, written)]
    if rest:
        lines += pyshacl_violations(graph, _subgraph(shapes, rest + _prefix_nodes(shapes)))
    return sorted(set(lines))


def pyshacl_violations(graph: Graph, shapes: Graph) -> list[str]:
    """pySHACL's report as lines: the reference the compiled checks are tested against.

    pyshacl-turbo (a young Rust port) was >10x faster but had false sh:in reports; it was not adopted.
    """
    from pyshacl import validate as shacl_validate

    data = graph
    if not graph.store.graph_aware:  # pySHACL wraps it in a Dataset: a build's graph (kg.compact_store) is copied
        data = Graph()
        data += graph
    conforms, results, text = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    if conforms:
        return []
    if not isinstance(results, Graph):  # the shapes themselves are broken
        return [f"SHACL: cannot validate: {text.strip()}"]
    lines = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(result, SH.resultPath)
        if isinstance(path, BNode):  # shown as ^p, never as the blank node, whose id changes every run
            inverse = results.value(path, SH.inversePath)
            path = ("^", inverse) if inverse is not None else None
        elif path is not None:
            path = ("", path)
        lines.append(line(graph, results.value(result, SH.focusNode), path,
                          str(results.value(result, SH.resultMessage)), results.value(result, SH.value)))
    return sorted(set(lines))


def line(graph: Graph, focus, path: PathSpec | None, message: str, value) -> str:
    """`SHACL: <focus> <path>: <message> (value: <value>)`; a whole-graph check (its focus a term of
    the ontology) shows the message alone, which names the entity."""
    if isinstance(focus, URIRef) and focus.startswith(str(TKG._NS)):
        return f"SHACL: {message}"
    where = f" {path[0]}{short(graph, path[1])}" if path is not None else ""
    got = f" (value: {short(graph, value)})" if value is not None else ""
    return f"SHACL: {describe(graph, focus)}{where}: {message}{got}"


def short(graph: Graph, term) -> str:
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:
            return f"<{term}>"
    return str(term)


def describe(graph: Graph, node) -> str:
    """A node as a person reads it: its Chinese label (a statement: its entity's) and short IRI. Where a node
    has several labels (or a statement several owners), the choice does not depend on the order the graph
    was read in (a build words its lines from kg.ttl read back: kg.graph.LazyGraph)."""
    label = _first_label(graph, node, SKOS.prefLabel) or _first_label(graph, node, RDFS.label)
    name = short(graph, node)
    owner = min(graph.subjects(TKG.hasStatement, node), default=None)  # the same one however the graph was read
    if label is None and owner is not None:
        prop = short(graph, min(graph.objects(node, TKG.property), key=str, default=None))
        return f"{describe(graph, owner)} {prop} statement {name}"
    return f"{label} ({name})" if label is not None else name


def _first_label(graph: Graph, node, prop):
    """A Chinese label first, then the others, each kind in text order."""
    labels = list(graph.objects(node, prop))
    return min(labels, key=lambda x: (not str(getattr(x, "language", "") or "").startswith("zh"), str(x)),
               default=None)


# ---- running the compiled checks ----------------------------------------------------------------


class WrittenForms:
    """A number as the graph writes it: Oxigraph keeps numbers as values, so "100.0"^^xsd:decimal comes
    back as "100"; a line shows the graph's own form, as pySHACL does. The graph's numbers are indexed
    on the first violation that shows one (where one value is written two ways, the smaller form)."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.forms: dict | None = None

    def __call__(self, term):
        if not (isinstance(term, Literal) and term.datatype in query.NUMERIC_TYPES and term.value is not None):
            return term
        if self.forms is None:
            self.forms = {}
            for o in self.graph.objects():
                if isinstance(o, Literal) and o.datatype in query.NUMERIC_TYPES and o.value is not None:
                    key = (o.datatype, o.value)
                    if key not in self.forms or str(o) < str(self.forms[key]):
                        self.forms[key] = o
        return self.forms.get((term.datatype, term.value), term)


def run_check(check: Check, graph: Graph, engine, written: WrittenForms) -> list[str]:
    """The check's rows on the engine, as lines."""
    bindings = {"this": check.focus} if check.focus is not None else {}
    columns, rows = query.run(check.text, engine, bindings)
    lines = []
    for row in rows:
        found = dict(zip(columns, row))
        value = written(found["value"]) if found.get("value") is not None else None
        if check.sparql:
            lines.append(_sparql_line(check, graph, found, written))
            continue
        path, message = check.shapes[int(found["k"]) if found.get("k") is not None else 0]
        lines.append(line(graph, found["this"], path, message, value))
    return lines


def _sparql_line(check: Check, graph: Graph, found: dict, written: WrittenForms) -> str:
    """As pySHACL words a SPARQL constraint's row: {?var} in the message is the row's value."""
    values = {"this": check.focus, **{k: written(v) for k, v in found.items() if v is not None}}
    message = check.shapes[0][1]
    for name, term in values.items():
        message = message.replace(f"{{?{name}}}", str(term)).replace(f"{{${name}}}", str(term))
    path = ("", values["path"]) if "path" in values else None
    return line(graph, check.focus, path, message, values.get("value", check.focus))


# ---- compiling shapes ---------------------------------------------------------------------------


def compile_shapes(shapes: Graph) -> tuple[list[Check], list]:
    """(checks of the node shapes that compile, node shapes left to pySHACL), both in a stable order."""
    checks, rest = [], []
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    node_shapes |= {s for p in (SH.targetClass, SH.targetNode) for s in shapes.subjects(p, None)}
    for shape in sorted(node_shapes, key=str):
        compiled = _node_shape(shapes, shape)
        if compiled is None:
            rest.append(shape)
        else:
            checks += compiled
    return checks, rest


def _node_shape(shapes: Graph, shape) -> list[Check] | None:
    classes = sorted(shapes.objects(shape, SH.targetClass))
    nodes = sorted(shapes.objects(shape, SH.targetNode))
    if set(shapes.predicates(shape, None)) - NODE_SHAPE_KEYS or not all(
            isinstance(t, URIRef) for t in classes + nodes):
        return None
    checks: list[Check] = []
    for constraint in sorted(shapes.objects(shape, SH.sparql), key=_sort_key(shapes)):
        compiled = _sparql_constraint(shapes, constraint, nodes, classes)
        if compiled is None:
            return None
        checks += compiled
    targets = " UNION ".join([f"{{ ?this rdf:type/rdfs:subClassOf* {c.n3()} }}" for c in classes]
                             + [f"{{ VALUES ?this {{ {n.n3()} }} }}" for n in nodes])
    if not targets:
        return checks
    focus = f"{{ SELECT DISTINCT ?this WHERE {{ {targets} }} }}"
    parsed = [_property_shape(shapes, prop) for prop in sorted(shapes.objects(shape, SH.property),
                                                               key=_sort_key(shapes))]
    if None in parsed:
        return None
    for inverse in ("", "^"):
        counted = [(k, p) for k, p in enumerate(parsed) if p.path[0] == inverse and (p.min or p.max is not None)]
        if counted:
            checks.append(_count_check(parsed, counted, focus, inverse))
    for p in parsed:
        checks += p.checks(focus)
    return checks


def _sort_key(shapes: Graph):
    """Blank nodes sorted by their triples, not by their random ids."""
    return lambda node: sorted((str(p), str(o)) for p, o in shapes.predicate_objects(node))


def _sparql_constraint(shapes: Graph, constraint, nodes: list, classes: list) -> list[Check] | None:
    """A SPARQL constraint on target nodes: its query, bound to each node, with its declared prefixes."""
    select = shapes.value(constraint, SH.select)
    messages = list(shapes.objects(constraint, SH.message))
    known = {RDF.type, SH.select, SH.message, SH.prefixes}
    if classes or select is None or len(messages) != 1 or set(shapes.predicates(constraint, None)) - known:
        return None
    prefixes = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for p in shapes.objects(constraint, SH.prefixes) for d in shapes.objects(p, SH.declare))
    return [Check(prefixes + str(select), ((None, str(messages[0])),), focus=n, sparql=True) for n in nodes]


@dataclass
class PropertyShape:
    """A property shape's constraints, sorted by kind of query."""

    path: PathSpec
    message: str
    min: int = 0
    max: int | None = None
    tests: list[str] | None = None  # SPARQL expressions true of a good value
    classes: list[URIRef] | None = None  # sh:class: checked with MINUS, far faster than EXISTS
    unique_lang: bool = False
    pairs: list[tuple[str, URIRef]] | None = None  # (comparison, other property)

    def values(self) -> str:
        return f"?value {self.path[1].n3()} ?this ." if self.path[0] else f"?this {self.path[1].n3()} ?value ."

    def checks(self, focus: str) -> list[Check]:
        shape = ((self.path, self.message),)
        select = f"{PREAMBLE}SELECT DISTINCT ?this ?value WHERE {{ "
        branches = []
        if self.tests:
            ok = " || ".join(f"!COALESCE({t}, false)" for t in self.tests)
            branches.append(f"{{ {self.values()} FILTER ({ok}) }}")
        branches += [f"{{ {self.values()} MINUS {{ ?value rdf:type/rdfs:subClassOf* {c.n3()} }} }}"
                     for c in self.classes or ()]
        branches += [f"{{ {self.values()} ?this {other.n3()} ?other . FILTER (!COALESCE(?value {op} ?other, false)) }}"
                     for op, other in self.pairs or ()]
        checks = [Check(f"{select}{' UNION '.join(branches)} {focus} }}", shape)] if branches else []
        if self.unique_lang:
            checks.append(Check(
                f"{PREAMBLE}SELECT DISTINCT ?this WHERE {{ {focus} {self.values()} "
                f"BIND (LCASE(LANG(?value)) AS ?lang) FILTER (?lang != \"\") }} "
                f"GROUP BY ?this ?lang HAVING (COUNT(?value) > 1)", shape))
        return checks


def _count_check(parsed: list[PropertyShape], counted: list[tuple[int, PropertyShape]], focus: str,
                 inverse: str) -> Check:
    """sh:minCount and sh:maxCount of every property shape in one grouped query (per direction)."""
    values = " ".join(f"({p.path[1].n3()} {k})" for k, p in counted)
    pattern = "?v ?p ?this" if inverse else "?this ?p ?v"
    broken = " || ".join(
        f"(?k = {k} && (COUNT(?v) < {p.min}" + (f" || COUNT(?v) > {p.max}))" if p.max is not None else "))")
        for k, p in counted)
    text = (f"{PREAMBLE}SELECT ?this ?k WHERE {{ {focus} VALUES (?p ?k) {{ {values} }} "
            f"OPTIONAL {{ {pattern} }} }} GROUP BY ?this ?k HAVING ({broken})")
    return Check(text, tuple((p.path, p.message) for p in parsed))


def _property_shape(shapes: Graph, prop) -> PropertyShape | None:
    messages = list(shapes.objects(prop, SH.message))
    path = _path(shapes, shapes.value(prop, SH.path))
    if path is None or len(messages) != 1:
        return None
    shape = PropertyShape(path, str(messages[0]), tests=[], classes=[], pairs=[])
    for key, obj in sorted(shapes.predicate_objects(prop), key=lambda po: (str(po[0]), str(po[1]))):
        if key in PROPERTY_SHAPE_KEYS:
            continue
        if not _add_constraint(shapes, shape, key, obj):
            return None
    return shape


def _add_constraint(shapes: Graph, shape: PropertyShape, key, obj) -> bool:
    """Put one constraint into the shape; False for a constraint not translated here."""
    count = obj.toPython() if isinstance(obj, Literal) else None
    if key in (SH.minCount, SH.maxCount) and isinstance(count, int):
        if key == SH.minCount:
            shape.min = count
        else:
            shape.max = count
    elif key == SH.uniqueLang and obj == Literal(True):
        shape.unique_lang = True
    elif key in PAIRS and isinstance(obj, URIRef):
        shape.pairs.append((PAIRS[key], obj))
    elif key == SH["class"] and isinstance(obj, URIRef):
        shape.classes.append(obj)
    else:
        test = _value_test(shapes, key, obj)
        if test is None:
            return False
        shape.tests.append(test)
    return True


def _path(shapes: Graph, path) -> PathSpec | None:
    if isinstance(path, URIRef):
        return "", path
    inverse = shapes.value(path, SH.inversePath)
    if isinstance(path, BNode) and isinstance(inverse, URIRef) and len(list(shapes.predicates(path))) == 1:
        return "^", inverse
    return None


def _value_test(shapes: Graph, key, obj) -> str | None:
    """A SPARQL expression true of a value that meets the constraint (an error counts as false)."""
    if key == SH.datatype:
        return _datatype_test(obj)
    if key == SH.nodeKind:
        return NODE_KINDS.get(obj)
    if key in RANGES and isinstance(obj, Literal):
        return f"?value {RANGES[key]} {obj.n3()}"
    if key in LENGTHS and isinstance(obj, Literal) and isinstance(obj.toPython(), int):
        return f"!isBlank(?value) && STRLEN(STR(?value)) {LENGTHS[key]} {int(obj)}"
    if key == SH.pattern and isinstance(obj, Literal):
        return f"!isBlank(?value) && REGEX(STR(?value), {Literal(str(obj)).n3()})"
    if key == SH["in"]:
        return " || ".join(f"sameTerm(?value, {m.n3()})" for m in Collection(shapes, obj)) or "false"
    if key == SH.languageIn:
        tags = [Literal(str(t)).n3() for t in Collection(shapes, obj)]
        return " || ".join(f"langMatches(LANG(?value), {t})" for t in tags) or "false"
    if key == SH["or"]:
        tests = [_datatype_alternative(shapes, member) for member in Collection(shapes, obj)]
        return None if None in tests or not tests else " || ".join(f"({t})" for t in tests)
    return None


def _datatype_test(datatype) -> str | None:
    """A literal of this datatype (and well formed, where pySHACL looks); other datatypes go to pySHACL."""
    if datatype in UNPARSED:
        return f"isLiteral(?value) && datatype(?value) = {datatype.n3()}"
    if datatype in PARSED:
        return f"isLiteral(?value) && datatype(?value) = {datatype.n3()} && isLiteral({datatype.n3()}(?value))"
    return None


def _datatype_alternative(shapes: Graph, member) -> str | None:
    """A member of sh:or that only says `sh:datatype D`."""
    pairs = list(shapes.predicate_objects(member))
    if len(pairs) == 1 and pairs[0][0] == SH.datatype:
        return _datatype_test(pairs[0][1])
    return None


def _prefix_nodes(shapes: Graph) -> list:
    return sorted(set(shapes.objects(None, SH.prefixes)), key=str)


def _subgraph(shapes: Graph, roots: list) -> Graph:
    """The roots' triples and those of every blank node they reach (their property shapes, lists)."""
    out = Graph()
    todo, seen = list(roots), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in shapes.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out

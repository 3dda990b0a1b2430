"""SHACL validation: the compiled SPARQL checks report exactly what pySHACL reports.

One violation of every constraint of ontology/shapes.ttl is planted into the sample graph, each on a
copy of a node so that the plants do not mask each other; pySHACL and the compiled checks must both
report each one, with the same lines overall.
"""

from decimal import Decimal

import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg import graph, shacl
from kg.vocab import ID, TKG

import sample_kb as s
from conftest import ROOT

SHAPES_PATH = ROOT / "ontology" / "shapes.ttl"
SHAPES = Graph().parse(SHAPES_PATH)
PLANTED = ID["planted/untyped"]  # an IRI that is no instance of anything


def _short(term) -> str:
    return SHAPES.namespace_manager.normalizeUri(term)


def _constraints():
    """(id, node shape, property shape, constraint, value) for every core constraint of shapes.ttl."""
    rows = []
    for shape in sorted(SHAPES.subjects(RDF.type, SH.NodeShape)):
        for prop in SHAPES.objects(shape, SH.property):
            path = SHAPES.value(prop, SH.path)
            name = _short(path) if isinstance(path, URIRef) else "^" + _short(SHAPES.value(path, SH.inversePath))
            for key, obj in SHAPES.predicate_objects(prop):
                if key not in (SH.path, SH.message):
                    rows.append((f"{_short(shape)} {name} {_short(key)}", shape, prop, key, obj))
    return sorted(rows, key=lambda row: row[0])


CONSTRAINTS = _constraints()


def _clone(g: Graph, node: URIRef, n: int) -> URIRef:
    """A copy of `node` with its values and owners (not its statements: each belongs to one entity)."""
    copy = URIRef(f"{node}-planted-{n}")
    for p, o in list(g.predicate_objects(node)):
        if p != TKG.hasStatement:
            g.add((copy, p, o))
    for subj, p in list(g.subject_predicates(node)):
        if p == TKG.hasStatement:
            g.add((subj, p, copy))
    return copy


def _plant(g: Graph, n: int, shape, prop, key, obj) -> str:
    """Break one constraint on a fresh copy of the first node the shape targets; the line expected."""
    focus = _clone(g, sorted(g.subjects(RDF.type, SHAPES.value(shape, SH.targetClass)))[0], n)
    path = SHAPES.value(prop, SH.path)
    inverse = SHAPES.value(path, SH.inversePath)
    predicate = inverse if inverse is not None else path

    def add(value):
        g.add((value, predicate, focus) if inverse is not None else (focus, predicate, value))
        return value

    value = None
    if key == SH.minCount:
        g.remove((None, predicate, focus) if inverse is not None else (focus, predicate, None))
    elif key == SH.maxCount:
        for i in range(int(obj) + 1):
            add(ID[f"planted/owner-{i}"] if inverse is not None else Literal(f"planted-{i}"))
    elif key == SH.datatype:  # a string where a number or date is wanted; a tagged one where a plain one is
        value = add(Literal("planted", lang="en") if obj == XSD.string else Literal("planted"))
    elif key in (SH["class"], SH.nodeKind):
        value = add(PLANTED if key == SH["class"] else Literal("planted"))
    elif key in (SH["in"], SH["or"]):
        value = add(Literal("planted"))
    elif key == SH.languageIn:
        value = add(Literal("planted", lang="en"))
    elif key == SH.uniqueLang:
        add(Literal("planted-a", lang="en"))
        add(Literal("planted-b", lang="en"))
    elif key == SH.minInclusive:
        value = add(graph.decimal_literal(Decimal(-1)))
    elif key == SH.maxInclusive:
        value = add(graph.decimal_literal(Decimal(obj) + 1))
    elif key == SH.minLength:
        value = add(Literal(""))
    elif key == SH.lessThanOrEquals:
        g.remove((focus, predicate, None))
        value = add(Literal(int(g.value(focus, obj)) + 1))
    else:
        raise AssertionError(f"no way to plant a violation of {key}: teach _plant")
    where = ("^", inverse) if inverse is not None else ("", path)
    return shacl.line(g, focus, where, str(SHAPES.value(prop, SH.message)), value)


def _none_preferred(g):
    node = graph.entity_iri(s.P_LONGMA)
    for st in g.objects(node, TKG.hasStatement):
        if g.value(st, TKG.property) == TKG.totalInvestment:
            g.set((st, TKG.rank, TKG.NormalRank))


def _statement_copy(g, n, prop, value):
    """A normal-rank statement of a project with this property and value."""
    project = graph.entity_iri(s.P_JINGAN)
    st = _clone(g, sorted(g.objects(project, TKG.hasStatement))[0], n)
    g.remove((None, TKG.hasStatement, st))
    g.add((project, TKG.hasStatement, st))
    g.set((st, TKG.property, prop))
    g.set((st, TKG.value, value))
    g.set((st, TKG.rank, TKG.NormalRank))


SPARQL_PLANTS = {  # what each SPARQL constraint's message says about its plant
    "has statements but none is preferred": (_none_preferred, "龙马集团高端装备制造基地 tkg:totalInvestment"),
    "the money value {?value} is not": (
        lambda g: _statement_copy(g, "money", TKG.totalInvestment, graph.decimal_literal(Decimal(-5))),
        "the money value -5.0 is not"),
    "the value {?value} is of the wrong kind": (
        lambda g: _statement_copy(g, "kind", TKG.developer, Literal("planted")),
        "the value planted is of the wrong kind"),
    "is not the direct value": (
        lambda g: g.remove((graph.entity_iri(s.P_DAOLAODU), TKG.status, None)),
        "道老杜50万千瓦风电项目 tkg:status: the preferred statement's value"),
    "has no preferred statement behind it": (
        lambda g: g.add((graph.entity_iri(s.P_DAOLAODU), TKG.jobs, Literal("100", datatype=XSD.decimal))),
        "道老杜50万千瓦风电项目 tkg:jobs: the direct value 100 has no preferred statement behind it"),
}


@pytest.fixture(scope="module")
def planted():
    """(graph, {constraint id: expected line}, pySHACL's lines, compiled lines)."""
    g = graph.to_graph(s.make_sample_kb())
    expected = {row[0]: _plant(g, n, *row[1:]) for n, row in enumerate(CONSTRAINTS)}
    for plant, _ in SPARQL_PLANTS.values():
        plant(g)
    return g, expected, shacl.pyshacl_violations(g, SHAPES), shacl.violations(g, SHAPES_PATH)


def test_every_shape_of_the_project_is_compiled():
    """Otherwise pySHACL would run at scale (and each compiled shape is tested below)."""
    checks, rest = shacl.compile_shapes(SHAPES)
    assert rest == [] and checks


def test_every_sparql_constraint_has_a_plant():
    messages = [str(m) for c in SHAPES.objects(None, SH.sparql) for m in SHAPES.objects(c, SH.message)]
    assert sorted(next(k for k in SPARQL_PLANTS if k in m) for m in messages) == sorted(SPARQL_PLANTS)


@pytest.mark.parametrize("constraint", [row[0] for row in CONSTRAINTS])
def test_both_paths_report_each_planted_core_violation(planted, constraint):
    _, expected, reference, compiled = planted
    assert expected[constraint] in reference, "\n".join(reference)
    assert expected[constraint] in compiled, "\n".join(compiled)


@pytest.mark.parametrize("template", sorted(SPARQL_PLANTS))
def test_both_paths_report_each_planted_sparql_violation(planted, template):
    _, _, reference, compiled = planted
    wanted = SPARQL_PLANTS[template][1]
    assert any(wanted in line for line in reference), "\n".join(reference)
    assert any(wanted in line for line in compiled), "\n".join(compiled)


def test_both_paths_report_the_same_lines(planted):
    _, _, reference, compiled = planted
    assert compiled == reference


def test_the_written_turtle_gives_the_same_lines(planted, tmp_path):
    """The build validates the Oxigraph copy read from kg.ttl, where numbers lose their written form."""
    g, _, _, compiled = planted
    written = graph.write(g, tmp_path / "kg.ttl")
    assert shacl.violations(g, SHAPES_PATH, engine=written) == compiled


def test_lines_worded_from_the_graph_read_back_are_the_same(planted, tmp_path):
    """A build drops its graph before validating (kg.graph.LazyGraph reads kg.ttl again to word a line)."""
    g, _, _, compiled = planted
    written = graph.write(g, tmp_path / "kg.ttl")
    lazy = graph.LazyGraph(written)
    assert shacl.violations(lazy, SHAPES_PATH, engine=written) == compiled and lazy.loaded
    assert graph.validate(lazy, engine=written) == graph.validate(g, engine=written)


def test_a_sound_graph_is_validated_without_reading_it_back(tmp_path):
    written = graph.write(graph.to_graph(s.make_sample_kb()), tmp_path / "kg.ttl")
    lazy = graph.LazyGraph(written)
    assert graph.validate(lazy, engine=written) == [] and not lazy.loaded


def test_a_constraint_not_compiled_goes_to_pyshacl(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix tkg: <https://tongliao-kg.org/ns#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <urn:shape> a sh:NodeShape ; sh:targetClass tkg:Project ;
            sh:property [ sh:path skos:prefLabel ; sh:pattern "^项目" ; sh:flags "i" ;
                          sh:message "a project's name starts with 项目" ] .
        """, encoding="utf-8")
    checks, rest = shacl.compile_shapes(Graph().parse(shapes))
    assert (checks, rest) == ([], [URIRef("urn:shape")])
    lines = shacl.violations(graph.to_graph(s.make_sample_kb()), shapes)
    assert any("龙马集团高端装备制造基地" in line and "starts with 项目" in line for line in lines), lines


@pytest.mark.parametrize("prop, value", [
    (TKG.sentenceIndex, Literal("x", datatype=XSD.integer)),
    (TKG.sentenceIndex, Literal("1.5", datatype=XSD.integer)),
    (TKG.documentDate, Literal("2024-02-30", datatype=XSD.date)),
    (TKG.documentDate, Literal("2024-13", datatype=XSD.gYearMonth)),  # rdflib does not parse gYearMonth
    (TKG.documentDate, Literal("20x4", datatype=XSD.gYear)),
    (TKG.quote, Literal("引文", datatype=XSD.string)),
])
def test_ill_typed_literals_are_judged_as_pyshacl_judges_them(prop, value):
    """pySHACL reports an ill-typed literal of a datatype rdflib parses, and only then."""
    g = graph.to_graph(s.make_sample_kb())
    st = sorted(g.subjects(RDF.type, TKG.Statement))[0]
    g.set((st, prop, value))
    assert shacl.violations(g, SHAPES_PATH) == shacl.pyshacl_violations(g, SHAPES)


@pytest.mark.parametrize("value, shown", [
    (Literal("100.0", datatype=XSD.decimal), "100.0"),  # Oxigraph returns "100"
    (Literal("100.50", datatype=XSD.decimal), "100.50"),
])
def test_lines_show_numbers_as_the_graph_writes_them(value, shown):
    g = graph.to_graph(s.make_sample_kb())
    g.add((graph.entity_iri(s.P_DAOLAODU), TKG.jobs, value))
    lines = shacl.violations(g, SHAPES_PATH)
    assert any(f"the direct value {shown} has no preferred statement" in line for line in lines), lines


def test_compiled_checks_do_not_depend_on_blank_node_ids():
    """Property shapes are blank nodes with new ids at every parse; the checks come out the same."""
    again = Graph().parse(SHAPES_PATH)
    assert [c.text for c in shacl.compile_shapes(SHAPES)[0]] == [c.text for c in shacl.compile_shapes(again)[0]]

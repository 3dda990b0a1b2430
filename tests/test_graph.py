"""The graph stage: ontology terms, IRIs, entity and statement triples, writing, loading, validation."""

import dataclasses
import hashlib
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg import graph, shacl
from kg.model import TOTAL_INVESTMENT
from kg.vocab import CHAIN, ID, PLACE, STATUS, TKG

import sample_kb as s
from conftest import ROOT, SEEDS

ONTOLOGY = ROOT / "ontology"


@pytest.fixture(scope="module")
def sample_graph():
    return graph.to_graph(s.make_sample_kb())


def node(entity_id):
    kb = s.make_sample_kb()
    return graph._entity_node(kb.entities[entity_id])


# ---- the ontology -------------------------------------------------------------------------------


def test_every_vocab_term_is_declared_in_the_ontology_and_nothing_else():
    onto = Graph().parse(ONTOLOGY / "kg.ttl")
    kinds = {URIRef("http://www.w3.org/2002/07/owl#" + k) for k in
             ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "NamedIndividual")}
    declared = {t for t in onto.subjects(RDF.type, None) if str(t).startswith(str(TKG._NS))}
    terms = {TKG[name] for name in TKG.__annotations__}
    assert terms == declared
    for term in sorted(terms):
        assert set(onto.objects(term, RDF.type)) & kinds, f"{term} has no OWL declaration"
        langs = {lit.language for lit in onto.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, f"{term} needs labels in Chinese and English"
        assert onto.value(term, RDFS.comment), f"{term} has no comment"


@pytest.mark.parametrize("child, parent", [
    (TKG.Company, URIRef("http://www.w3.org/ns/org#Organization")),
    (TKG.Company, URIRef("https://schema.org/Organization")),
    (TKG.Place, URIRef("https://schema.org/Place")),
    (TKG.County, TKG.Place),
    (TKG.SourceDocument, PROV.Entity),
    (TKG.SourceDocument, URIRef("https://schema.org/NewsArticle")),
    (TKG.Statement, PROV.Entity),
    (TKG.IndustryChain, SKOS.Concept),
])
def test_classes_reuse_well_known_vocabularies(child, parent):
    onto = Graph().parse(ONTOLOGY / "kg.ttl")
    assert (child, RDFS.subClassOf, parent) in onto


def test_every_status_code_and_unit_code_is_described():
    from kg.model import STATUSES

    onto = Graph().parse(ONTOLOGY / "kg.ttl")
    for code in STATUSES:
        assert (STATUS[code], RDF.type, TKG.ProjectStatus) in onto
        assert onto.value(STATUS[code], SKOS.prefLabel), code
    notations = {str(n) for n in onto.objects(None, SKOS.notation)}
    assert {"CNY", "t", "t/a", "kW", "kWh", "m2", "m3", "m3/d", "person", "item", "%", "unit"} <= notations


# ---- IRIs and literals --------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("project/龙马集团高端装备制造基地", "project/龙马集团高端装备制造基地"),
    ("company/<img src=x onerror=alert(1)>公司", "company/%3Cimg%20src=x%20onerror=alert(1)%3E公司"),
    ("park/奈曼工业园区 A区", "park/奈曼工业园区%20A区"),
    ("company/天阳新材料（内蒙古）有限公司", "company/天阳新材料（内蒙古）有限公司"),
    ("project/经安129万吨不锈钢、轧钢酸洗项目", "project/经安129万吨不锈钢、轧钢酸洗项目"),
    ('x/"{}|^`\\', "x/%22%7B%7D%7C%5E%60%5C"),
    ("x/a#b?c", "x/a%23b%3Fc"),
    ("x/全角\u3000空格", "x/全角%E3%80%80空格"),
    ("x/100%", "x/100%25"),
    ("x/名\ufffd称", "x/名%EF%BF%BD称"),  # the replacement character of damaged text is not an IRI character
    ("x/a\u200bb", "x/a%E2%80%8Bb"),  # zero-width space
    ("x/%E9%BE%99", "x/%E9%BE%99"),  # already encoded: unchanged
])
def test_iri_path_encodes_only_what_an_iri_cannot_hold(text, expected):
    assert graph.iri_path(text) == expected
    assert graph.iri_path(expected) == expected
    pyoxigraph.NamedNode(str(ID[expected]))  # raises on an invalid IRI


@pytest.mark.parametrize("iso, datatype", [
    ("2022-11-15", XSD.date), ("2024-08", XSD.gYearMonth), ("2025", XSD.gYear)])
def test_dates_keep_their_precision(iso, datatype):
    lit = graph.date_literal(iso)
    assert (str(lit), lit.datatype) == (iso, datatype)


@pytest.mark.parametrize("bad", ["2022年", "22-11-15", "2022/11/15", ""])
def test_a_non_iso_date_is_an_error_not_a_literal(bad):
    with pytest.raises(ValueError):
        graph.date_literal(bad)


@pytest.mark.parametrize("value, lexical", [
    (Decimal("231") * Decimal(100_000_000), "23100000000.0"),
    (Decimal("2.31E+10"), "23100000000.0"),
    (Decimal("0.90") * Decimal(100_000_000), "90000000.0"),
    (Decimal("22.66") * Decimal(100_000_000), "2266000000.0"),
    (Decimal("314.1106") * Decimal(10_000), "3141106.0"),
    (Decimal("0.5"), "0.5"),
])
def test_decimals_are_canonical(value, lexical):
    lit = graph.decimal_literal(value)
    assert (str(lit), lit.datatype) == (lexical, XSD.decimal)
    assert lit.toPython() == value


# ---- the sample knowledge base -------------------------------------------------------------------


def test_sample_quotes_are_the_seed_articles_text():
    for ev in s.SEED_EVIDENCE:
        text = (SEEDS / f"{ev.doc_id}.txt").read_text(encoding="utf-8")
        assert text[ev.start:ev.end] == ev.quote


@pytest.mark.parametrize("subject, prop, expected", [
    (s.P_LONGMA, TKG.totalInvestment, Literal("23100000000.0", datatype=XSD.decimal)),
    (s.P_LONGMA, TKG.annualPlannedInvestment, Literal("4200000000.0", datatype=XSD.decimal)),
    (s.P_LONGMA, TKG.jobs, Literal("10000.0", datatype=XSD.decimal)),
    (s.P_LONGMA, TKG.status, STATUS.under_construction),
    (s.P_LONGMA, TKG.completionDate, Literal("2025", datatype=XSD.gYear)),
    (s.P_LONGMA, TKG.developer, ID["company/龙马集团"]),
    (s.P_LONGMA, TKG.locatedIn, PLACE["科尔沁区"]),
    (s.P_LONGMA, TKG.inChain, CHAIN["new-energy"]),
    (s.P_JINGAN, TKG.inPark, ID["park/奈曼工业园区A区循环经济产业园"]),
    (s.P_JINGAN, TKG.landArea, Literal("6000000.0", datatype=XSD.decimal)),
    (s.P_DAOLAODU, TKG.partOf, ID["project/100万千瓦外送风电基地项目"]),
    (s.P_DAOLAODU, TKG.locatedIn, ID["place/道老杜苏木"]),
    (s.P_DAOLAODU, TKG.capacity, Literal("500000.0", datatype=XSD.decimal)),
    (s.C_QINGGEER, TKG.subsidiaryOf, ID["company/国家电投集团内蒙古公司"]),
    (s.C_HOSTILE, TKG.supplies, ID["company/通辽市青格洱新能源有限公司"]),
])
def test_preferred_values_are_direct_triples(sample_graph, subject, prop, expected):
    assert list(sample_graph.objects(node(subject), prop)) == [expected]


def test_every_disagreeing_statement_is_kept_and_the_latest_is_preferred(sample_graph):
    g = sample_graph
    rows = []
    for st in g.objects(node(s.P_LONGMA), TKG.hasStatement):
        if g.value(st, TKG.property) == TKG.totalInvestment:
            doc = g.value(st, PROV.wasDerivedFrom)
            rows.append((g.value(st, TKG.value).toPython(), str(g.value(st, TKG.originalText)),
                         g.value(st, TKG.rank), str(g.value(doc, TKG.fileName)), str(g.value(st, TKG.documentDate))))
    assert sorted(rows) == [
        (Decimal("13500000000"), "约135亿元", TKG.NormalRank, f"{s.D004}.txt", "2022-07-18"),
        (Decimal("18500000000"), "185亿元", TKG.NormalRank, f"{s.D001}.txt", "2022"),
        (Decimal("23100000000"), "231亿元", TKG.PreferredRank, f"{s.D000}.txt", "2022-11-15"),
    ]


def test_a_statement_carries_its_provenance(sample_graph):
    g = sample_graph
    kb = s.make_sample_kb()
    st = next(x for x in kb.statements if x.subject == s.P_LONGMA and x.qualifiers == ("约",))
    n = ID[st.id]
    assert g.value(n, RDF.type) == TKG.Statement
    assert (node(s.P_LONGMA), TKG.hasStatement, n) in g
    assert g.value(n, TKG.quote) == Literal(s.E_LONGMA_135.quote)
    assert (g.value(n, TKG.charStart).toPython(), g.value(n, TKG.charEnd).toPython()) == (81, 122)
    assert g.value(n, TKG.sentenceIndex).toPython() == 0
    assert g.value(n, TKG.unit) == Literal("CNY")
    assert set(g.objects(n, TKG.qualifier)) == {Literal("约")}
    assert g.value(n, PROV.wasDerivedFrom) == ID["doc/" + s.D004]


def test_capacity_keeps_unit_product_and_wording(sample_graph):
    g = sample_graph
    (st,) = [x for x in g.objects(node(s.P_DAOLAODU), TKG.hasStatement) if g.value(x, TKG.property) == TKG.capacity]
    assert (str(g.value(st, TKG.unit)), str(g.value(st, TKG.product)), str(g.value(st, TKG.originalText))) == (
        "kW", "风电", "50万千瓦")


def test_documents_carry_their_metadata(sample_graph):
    g = sample_graph
    d = ID["doc/" + s.D004]
    assert g.value(d, RDF.type) == TKG.SourceDocument
    assert g.value(d, DCTERMS.date) == Literal("2022-07-18", datatype=XSD.date)
    assert g.value(d, TKG.fileName) == Literal(f"{s.D004}.txt")
    assert g.value(d, URIRef("https://schema.org/url")) == URIRef("https://example.org/news/004")
    assert g.value(ID["doc/" + s.D001], DCTERMS.date) == Literal("2022", datatype=XSD.gYear)
    assert g.value(ID["doc/" + s.D002], DCTERMS.date) is None  # unknown date: nothing invented


def test_entities_have_labels_mentions_and_captions(sample_graph):
    g = sample_graph
    park = node(s.K_HUOLINGOL)
    assert g.value(park, SKOS.prefLabel) == Literal("霍林郭勒高新技术产业开发区", lang="zh")
    assert Literal("霍林郭勒市高新技术开发区", lang="zh") in set(g.objects(park, SKOS.altLabel))
    assert g.value(park, TKG.inCaption) == Literal(True)
    assert set(g.objects(park, TKG.mentionedIn)) == {ID["doc/" + s.D000], ID["doc/" + s.D004]}
    assert g.value(node(s.P_LONGMA), TKG.mergeRule) is not None


def test_places_join_the_gazetteer_and_nest(sample_graph):
    g = sample_graph
    assert node(s.PL_HORQIN) == PLACE["科尔沁区"]
    assert (PLACE["科尔沁区"], RDF.type, TKG.County) in g
    assert (node(s.PL_DAOLAODU), RDF.type, TKG.Township) in g
    assert g.value(node(s.PL_DAOLAODU), TKG.withinPlace) == PLACE["扎鲁特旗"]
    # the hierarchy above comes from ontology/places.ttl, copied into the graph
    assert g.value(PLACE["扎鲁特旗"], TKG.withinPlace) == PLACE["通辽市"]


def test_a_gazetteer_place_keeps_its_official_name():
    kb = s.make_sample_kb()
    place = kb.entities[s.PL_HUOLINGOL]
    place.label, place.alt_labels = "霍林郭勒", ["霍林郭勒市"]
    g = graph.to_graph(kb)
    assert list(g.objects(PLACE["霍林郭勒市"], SKOS.prefLabel)) == [Literal("霍林郭勒市", lang="zh")]


def test_the_graph_includes_chains_and_statuses_for_queries(sample_graph):
    g = sample_graph
    assert g.value(CHAIN["new-energy"], SKOS.prefLabel, any=True) is not None
    assert Literal("在建", lang="zh") in set(g.objects(STATUS.under_construction, SKOS.prefLabel))


@pytest.mark.parametrize("place, expected", [
    ("通辽市", PLACE["通辽市"]),  # a gazetteer place: its IRI
    ("霍林郭勒", PLACE["霍林郭勒市"]),  # a short name of a gazetteer place
    ("某某新区", Literal("某某新区", lang="zh")),  # unknown: the name as written
])
def test_aggregate_facts_link_known_places(place, expected):
    kb = s.make_sample_kb()
    kb.aggregates = [dataclasses.replace(kb.aggregates[0], place=place)]
    g = graph.to_graph(kb)
    (agg,) = g.subjects(RDF.type, TKG.AggregateFact)
    assert g.value(agg, TKG.aboutPlace) == expected
    figures = {str(g.value(f, TKG.figureLabel)): g.value(f, TKG.value).toPython()
               for f in g.objects(agg, TKG.hasFigure)}
    assert figures == {"项目数": 540, "总投资": Decimal("166000000000"), "年度计划投资": Decimal("51800000000")}
    assert g.value(agg, PROV.wasDerivedFrom) == ID["doc/" + s.D000]
    assert g.value(agg, TKG.year) == Literal("2022", datatype=XSD.gYear)


# ---- writing and loading ------------------------------------------------------------------------


def test_the_same_knowledge_base_gives_byte_identical_turtle(tmp_path):
    a = graph.write(graph.to_graph(s.make_sample_kb()), tmp_path / "a.ttl")
    kb = s.make_sample_kb()
    kb.statements.reverse()
    kb.documents.reverse()
    kb.entities = dict(reversed(kb.entities.items()))
    b = graph.write(graph.to_graph(kb), tmp_path / "b.ttl")
    assert a.read_bytes() == b.read_bytes()


def test_turtle_is_byte_identical_across_processes(tmp_path):
    """Hash seeds change set order between processes; the output must not depend on it."""
    code = ("import sys, hashlib; sys.path[:0] = [{tests!r}, {root!r}];"
            "from sample_kb import make_sample_kb; from kg import graph;"
            "print(hashlib.sha256(graph.serialize(graph.to_graph(make_sample_kb()))).hexdigest())")
    code = code.format(tests=str(Path(__file__).parent), root=str(ROOT))
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2")}
    here = hashlib.sha256(graph.serialize(graph.to_graph(s.make_sample_kb()))).hexdigest()
    assert digests == {here}


def test_write_replaces_atomically_and_leaves_no_temp_files(tmp_path, sample_graph):
    path = tmp_path / "out" / "kg.ttl"
    path.parent.mkdir()
    path.write_text("old", encoding="utf-8")
    graph.write(sample_graph, path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["kg.ttl"]
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask  # an ordinary file, not mkstemp's 0600
    assert isomorphic(Graph().parse(path), sample_graph)


def test_written_turtle_binds_the_project_prefixes(tmp_path, sample_graph):
    text = graph.write(sample_graph, tmp_path / "kg.ttl").read_text(encoding="utf-8")
    for prefix in ("tkg", "chain", "place", "skos", "prov", "dcterms", "schema", "xsd"):
        assert f"@prefix {prefix}: " in text
    assert "龙马集团高端装备制造基地" in text  # Chinese stays readable, not escaped


@pytest.mark.parametrize("name", [
    "project:龙马集团高端装备制造基地 a tkg:Project ;",  # a prefix per kind of node: no escaped "/"
    "tkg:developer company:河北毕氏实业集团有限公司",
    f"prov:wasDerivedFrom doc:{s.D000}",
    "tkg:hasStatement stmt:",
])
def test_written_turtle_names_nodes_by_kind(tmp_path, sample_graph, name):
    text = graph.write(sample_graph, tmp_path / "kg.ttl").read_text(encoding="utf-8")
    assert name in text


def test_turtle_lists_a_subjects_type_first_and_its_triples_in_order(sample_graph):
    text = graph.serialize(sample_graph).decode("utf-8")
    block = text[text.index("project:经安129万吨不锈钢、轧钢酸洗项目 a "):]
    block = block[:block.index(" .\n")]
    prefixes = dict(re.findall(r"@prefix (\w*): <([^>]*)> \.", text))
    predicates = [prefixes[p] + local for p, local in (line.split()[0].split(":") for line in block.splitlines()[1:])]
    assert block.split()[1] == "a" and predicates and predicates == sorted(predicates)


def test_a_graph_with_blank_nodes_is_written_with_them_nested(tmp_path):
    """Blank-node ids change every run: rdflib's writer nests them instead, so the bytes stay the same."""
    g = graph.new_graph()
    g.parse(data="@prefix tkg: <https://tongliao-kg.org/ns#> . tkg:x tkg:qualifier [ tkg:unit \"CNY\" ] .",
            format="turtle")
    text = graph.serialize(g).decode("utf-8")
    assert "_:" not in text and "[" in text
    assert isomorphic(graph.load(graph.write(g, tmp_path / "b.ttl")), g)


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld"])
def test_load_reads_what_write_wrote(tmp_path, sample_graph, suffix):
    path = graph.write(sample_graph, tmp_path / f"kg{suffix}", suffix[1:])
    assert isomorphic(graph.load(path), sample_graph)


@pytest.mark.parametrize("content, suffix", [
    ("<a> <b> .", ".ttl"),
    ("@prefix tkg: <https://tongliao-kg.org/ns#> .\ntkg:x tkg:y \"unterminated .", ".ttl"),
    ("{ not json", ".jsonld"),
])
def test_a_broken_graph_file_is_an_error_that_names_it(tmp_path, content, suffix):
    path = tmp_path / f"broken{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(graph.GraphError, match=f"broken\\{suffix}"):
        graph.load(path)


def test_an_unknown_extension_is_an_error(tmp_path):
    path = tmp_path / "kg.xml"
    path.write_text("<rdf/>", encoding="utf-8")
    with pytest.raises(graph.GraphError, match="kg.xml"):
        graph.load(path)


# ---- validation ---------------------------------------------------------------------------------


def test_the_sample_graph_conforms(sample_graph, tmp_path):
    assert graph.validate(sample_graph, queries_dir=tmp_path) == []


def _broken_kb():
    """One knowledge base with one of each defect the shapes must catch."""
    kb = s.make_sample_kb()
    sts = kb.statements
    for i, st in enumerate(sts):
        if st.subject == s.P_LONGMA and st.prop == TOTAL_INVESTMENT:  # no preferred total investment
            sts[i] = dataclasses.replace(st, preferred=False)
        elif st.subject == s.P_JINGAN and st.prop == TOTAL_INVESTMENT:  # negative money
            sts[i] = dataclasses.replace(st, value=dataclasses.replace(st.value, value=Decimal(-1)))
        elif st.subject == s.P_WIND_BASE and st.prop == "inChain":  # a chain the scheme does not have
            sts[i] = dataclasses.replace(st, value="no-such-chain")
        elif st.subject == s.P_DAOLAODU and st.prop == "capacity":  # offsets the wrong way round
            sts[i] = dataclasses.replace(st, evidence=dataclasses.replace(st.evidence, start=500, end=400))
    return kb


def _broken_graph():
    g = graph.to_graph(_broken_kb())
    g.add((node(s.P_JINGAN), SKOS.prefLabel, Literal("经安不锈钢", lang="zh")))  # a second preferred label
    g.add((node(s.P_WIND_BASE), TKG.jobs, Literal("100", datatype=XSD.decimal)))  # a value without a statement
    return g


@pytest.fixture(scope="module")
def violations():
    return graph.validate(_broken_graph(), queries_dir=Path(__file__).parent / "no-queries")


@pytest.mark.parametrize("who, what", [
    ("龙马集团高端装备制造基地", "none is preferred"),
    ("经安129万吨不锈钢、轧钢酸洗项目", "not a non-negative xsd:decimal"),
    ("经安", "exactly one preferred label"),
    ("100万千瓦外送风电基地项目", "tkg:IndustryChain"),
    ("100万千瓦外送风电基地项目", "no preferred statement behind it"),
    ("stmt/", "not after its end"),
])
def test_validation_names_each_defect(violations, who, what):
    assert any(who in line and what in line for line in violations), "\n".join(violations)


def test_a_statement_of_no_entity_is_reported_by_its_inverse_path():
    """The inverse path reads `^tkg:hasStatement`, not a random blank-node id."""
    g = _broken_graph()
    orphan = next(g.objects(node(s.P_DAOLAODU), TKG.hasStatement))
    g.remove((None, TKG.hasStatement, orphan))
    lines = shacl.violations(g, ONTOLOGY / "shapes.ttl")
    assert any("^tkg:hasStatement: a statement belongs to exactly one entity" in line for line in lines), lines


def test_violation_queries_report_their_rows(tmp_path, sample_graph):
    (tmp_path / "projects-without-county-violation.rq").write_text(
        "# Projects without a county: every project should have one.\n"
        "PREFIX tkg: <https://tongliao-kg.org/ns#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?project ?label WHERE { ?project a tkg:Project ; skos:prefLabel ?label .\n"
        "  FILTER NOT EXISTS { ?project tkg:locatedIn ?place } } ORDER BY ?label", encoding="utf-8")
    (tmp_path / "ignored.rq").write_text("SELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    from kg.query import violations

    assert violations(sample_graph, tmp_path) == []
    kb = s.make_sample_kb()
    kb.statements = [st for st in kb.statements if not (st.subject == s.P_JINGAN and st.prop == "locatedIn")]
    lines = graph.validate(graph.to_graph(kb), queries_dir=tmp_path)
    assert len(lines) == 1 and lines[0].startswith("projects-without-county-violation: ")
    assert "经安129万吨不锈钢、轧钢酸洗项目" in lines[0]


# ---- the seed build (needs the extraction stages) -------------------------------------------------


def test_seed_build_parses_everywhere_and_conforms(seed_build):
    report, out = seed_build
    assert report.validation == []  # validated on Oxigraph's copy of the written kg.ttl
    data = (out / "kg.ttl").read_bytes()
    g = Graph().parse(data=data, format="turtle")
    assert len(list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))) == len(g)
    assert list(g.subjects(RDF.type, TKG.Project)), "the seed build has no projects"
    assert graph.validate(g) == []

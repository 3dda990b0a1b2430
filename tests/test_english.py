"""English labels: official English names of places from ontology/places-en.ttl, pinyin transliterations
(marked as such, by their own property) for every other project, company, park and place."""

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

from kg import paths
from kg.english import transliterate
from kg.vocab import PLACE, TKG

NAMED = (TKG.Project, TKG.Company, TKG.IndustrialPark, TKG.Place)


@pytest.mark.parametrize("name, expected", [
    ("开鲁县", "Kailu Xian"),  # a place's generic is a word of its own
    ("西安市", "Xi'an Shi"),  # an apostrophe before a syllable that starts with a vowel
    ("吕梁", "Lüliang"),
    ("年产10万吨不锈钢项目", "Nianchan 10 Wandun Buxiugang Xiangmu"),
    ("中国（通辽）绿色产业园", "Zhongguo (Tongliao) Lüse Chanyeyuan"),  # full-width brackets as ASCII
    ("“绿电”铝项目", '"Lüdian" Lü Xiangmu'),  # quotes against what they enclose
    ("甲、乙项目", "Jia, Yi Xiangmu"),
])
def test_a_chinese_name_in_pinyin(name, expected):
    assert transliterate(name) == expected


@pytest.mark.parametrize("name", ["ABC", "123", " "])
def test_a_name_without_chinese_needs_no_transliteration(name):
    assert transliterate(name) is None


def test_every_named_entity_has_one_english_label(seed_graph):
    nodes = {s for kind in NAMED for s in seed_graph.subjects(RDF.type, kind)}
    assert nodes
    for node in nodes:
        official = list(seed_graph.objects(node, TKG.englishName))
        pinyin = list(seed_graph.objects(node, TKG.transliteration))
        assert len(official) + len(pinyin) == 1, (node, official, pinyin)
        assert all(isinstance(x, Literal) and x.language == "en" for x in official + pinyin)


def test_official_names_come_from_the_reference_data_and_are_not_transliterated(seed_graph):
    reference = Graph().parse(paths.ONTOLOGY_DIR / "places-en.ttl")
    named = [s for s in reference.subjects(TKG.englishName, None) if (s, RDF.type, TKG.Place) in seed_graph]
    assert PLACE["科尔沁区"] in named
    assert seed_graph.value(PLACE["科尔沁区"], TKG.englishName) == Literal("Horqin District", lang="en")
    for node in named:
        assert seed_graph.value(node, TKG.englishName) == reference.value(node, TKG.englishName)
        assert seed_graph.value(node, TKG.transliteration) is None


def test_a_transliteration_is_never_passed_off_as_a_name(seed_graph):
    """No project, company or park gets an English skos:prefLabel or rdfs:label: its English is a
    tkg:transliteration, which the ontology declares as such."""
    for kind in (TKG.Project, TKG.Company, TKG.IndustrialPark):
        for node in seed_graph.subjects(RDF.type, kind):
            for prop in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
                assert all(getattr(x, "language", None) != "en" for x in seed_graph.objects(node, prop))
            label = seed_graph.value(node, SKOS.prefLabel)
            assert seed_graph.value(node, TKG.transliteration) == Literal(transliterate(str(label)), lang="en")
    assert (TKG.transliteration, RDFS.subPropertyOf, RDFS.label) in seed_graph
    comment = str(seed_graph.value(TKG.transliteration, RDFS.comment))
    assert "not an official name" in comment


def test_reference_places_exist_in_the_gazetteer():
    reference = Graph().parse(paths.ONTOLOGY_DIR / "places-en.ttl")
    gazetteer = Graph().parse(paths.ONTOLOGY_DIR / "places.ttl")
    places = set(gazetteer.subjects(RDF.type, TKG.Place))
    assert set(reference.subjects()) <= places
    assert all(o.language == "en" for o in reference.objects(None, TKG.englishName))


def test_csv_tables_gain_english_columns_on_request(seed_build, tmp_path):
    import csv
    import io

    from click.testing import CliRunner

    from kg.cli import cli

    _, out = seed_build
    graph = str(out / "kg.ttl")
    plain = CliRunner().invoke(cli, ["export", "--graph", graph, "--format", "csv", "-o", str(tmp_path / "a"), "-q"])
    english = CliRunner().invoke(cli, ["export", "--graph", graph, "--format", "csv", "--english", "-o",
                                       str(tmp_path / "b"), "-q"])
    assert plain.exit_code == 0 and english.exit_code == 0, english.output

    def rows(path):
        return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))

    for table in ("projects.csv", "companies.csv"):
        before, after = rows(tmp_path / "a" / table), rows(tmp_path / "b" / table)
        assert "label_en" not in before[0]
        assert list(after[0])[:4] == ["iri", "label", "label_en", "label_en_source"]
        for b, a in zip(before, after):
            assert {k: v for k, v in a.items() if not k.startswith("label_en")} == b
            assert a["label_en"] == transliterate(a["label"]) and a["label_en_source"] == "transliteration"
    assert (tmp_path / "a" / "figures.csv").read_bytes() == (tmp_path / "b" / "figures.csv").read_bytes()


def test_views_show_the_english_name_and_say_a_transliteration_is_one(seed_graph):
    from kg import views

    model = views.read_model(seed_graph)
    county = model.nodes[str(PLACE["科尔沁区"])]
    assert county.english == ("Horqin District", "official")
    project = next(n for n in model.nodes.values() if n.kind.key == "project")
    assert project.english == (transliterate(project.label), "transliteration")
    assert views.english_line(project.english).endswith("(pinyin transliteration)")
    details = views.node_details(model, project, {})
    assert details["en"] == f"English: {project.english[0]} (pinyin transliteration)"

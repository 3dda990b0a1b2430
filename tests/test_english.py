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

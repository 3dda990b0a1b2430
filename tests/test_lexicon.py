"""The lexicon: the place gazetteer, the industry chains and the pattern files the extractor reads."""

import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg import lexicon
from kg.vocab import BASE, CHAIN, PLACE, TKG

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"

TONGLIAO_COUNTIES = {  # official name -> a short name (the brief's list)
    "科尔沁区": None, "霍林郭勒市": "霍林郭勒", "开鲁县": "开鲁", "库伦旗": "库伦", "奈曼旗": "奈曼",
    "扎鲁特旗": "扎鲁特", "科尔沁左翼中旗": "科左中旗", "科尔沁左翼后旗": "科左后旗", "通辽经济技术开发区": None,
}
CHAINS = ["玉米生物", "铝基循环新材料", "镍基循环新材料", "现代煤化工", "新能源及装备制造", "绿色农畜产品生产加工",
          "现代中医药（蒙医药）", "文化旅游", "硅砂新材料"]


@pytest.fixture(scope="module")
def lex():
    return lexicon.load(ONTOLOGY)


def test_load_is_cached(lex):
    assert lexicon.load(ONTOLOGY) is lex


@pytest.mark.parametrize("official, short", sorted(TONGLIAO_COUNTIES.items()))
def test_tongliao_counties(lex, official, short):
    place = lex.places[official]
    assert (place.level, place.within) == ("county", "通辽市")
    if short:
        assert lex.place(short) is place


def test_tongliao_only_has_these_counties(lex):
    assert {p.id for p in lex.places.values() if p.within == "通辽市"} == set(TONGLIAO_COUNTIES)


@pytest.mark.parametrize("name, place_id, level", [
    ("通辽", "通辽市", "city"),
    ("内蒙古", "内蒙古自治区", "province"),
    ("梧州", "梧州市", "city"),
    ("厦门市", "厦门市", "city"),
    ("延边", "延边朝鲜族自治州", "city"),
    ("锡林郭勒", "锡林郭勒盟", "city"),
    ("吉林", "吉林省", "province"),  # the province; 吉林市 has no short name
    ("海南", "海南省", "province"),
    # Part 3: counties around Tongliao, outside the chains' region
    ("昌图", "昌图县", "county"),
    ("西乌旗", "西乌珠穆沁旗", "county"),
])
def test_gazetteer_names(lex, name, place_id, level):
    place = lex.place(name)
    assert (place.id, place.level) == (place_id, level)


@pytest.mark.parametrize("word", ["朝阳", "白银", "来宾", "日照", "大同", "四平"])
def test_everyday_words_are_no_short_names(lex, word):
    assert lex.place(word) is None


@pytest.mark.parametrize("place_id, inside", [
    ("开鲁县", True), ("通辽市", True), ("科尔沁左翼后旗", True),
    ("梧州市", False), ("内蒙古自治区", False), ("赤峰市", False), ("昌图县", False), ("敖汉旗", False), (None, False),
])
def test_chain_region(lex, place_id, inside):
    assert lex.in_chain_region(place_id) is inside


def test_ancestors(lex):
    assert lex.ancestors("科尔沁左翼后旗") == ["科尔沁左翼后旗", "通辽市", "内蒙古自治区"]


def test_nine_chains(lex):
    assert sorted(c.label for c in lex.chains.values()) == sorted(CHAINS)
    assert lex.chain_region == "通辽市"
    for chain in lex.chains.values():
        assert chain.label_en and chain.keywords and chain.id.isascii()


@pytest.mark.parametrize("keyword, chain_id", [
    ("玉米", "corn-bio"), ("电解铝", "aluminium"), ("不锈钢", "nickel"), ("乙二醇", "coal-chemicals"),
    ("风电", "new-energy"), ("肉牛", "agri-livestock"), ("蒙药", "mongolian-medicine"), ("景区", "culture-tourism"),
    ("硅砂", "silica-sand"),
])
def test_chain_keywords(lex, keyword, chain_id):
    assert keyword in lex.chains[chain_id].keywords


@pytest.mark.parametrize("name", ["places.ttl", "chains.ttl"])
def test_ontology_data_uses_declared_terms(name):
    """Every predicate and class of the data is in kg.vocab (TKG) or a standard vocabulary."""
    g = Graph().parse(ONTOLOGY / name)
    allowed = {str(t) for t in (RDF.type, RDFS.comment, SKOS.prefLabel, SKOS.altLabel, SKOS.inScheme,
                                SKOS.topConceptOf, SKOS.hasTopConcept, SKOS.ConceptScheme, SKOS.Concept,
                                DCTERMS.spatial)}
    for s, p, o in g:
        assert str(s).startswith(BASE)
        for term in (p, o) if p == RDF.type else (p,):
            if str(term).startswith(str(TKG._NS)):
                getattr(TKG, str(term)[len(str(TKG._NS)):])  # raises for an undeclared term
            else:
                assert str(term) in allowed, term
    for s in g.subjects(TKG.level, None):
        assert isinstance(s, URIRef) and str(s).startswith(str(PLACE))
    for s in g.subjects(TKG.keyword, None):
        assert str(s).startswith(str(CHAIN))


@pytest.mark.parametrize("group, key", [
    ("projects", "heads"), ("projects", "generic_words"), ("projects", "cut_words"),
    ("companies", "legal_suffixes"), ("companies", "not_companies"), ("parks", "suffixes"),
    ("places", "township_suffixes"), ("structure", "caption_credit"), ("facts", "money_triggers"),
])
def test_patterns_are_loaded(lex, group, key):
    assert lex.patterns[group][key]


def test_words_are_longest_first(lex):
    words = lex.words("companies", "legal_suffixes")
    assert words.index("股份有限公司") < words.index("有限公司") < words.index("公司")


GOLD = ROOT / "tests" / "data" / "gold"
GENERIC_GOLD_ALIASES = {"超级工厂", "热电联产项目", "2号生产线"}  # words the rules need, not names


def gold_names(lex) -> set[str]:
    """Company and project names of the seed and dev answers (places excepted: they are reference data)."""
    names = set()
    for f in ("seeds.json", "dev.json"):
        gold = json.loads((GOLD / f).read_text(encoding="utf-8"))
        for entry in gold["companies"] + gold["projects"]:
            names |= {entry["name"], *entry.get("aliases", [])}
    return {n for n in names if n not in lex.place_names} - GENERIC_GOLD_ALIASES


def test_no_seed_or_dev_names_in_extraction_code_or_data(lex):
    """Extraction is by general rules: no company or project of the seed or dev articles is written down."""
    names = gold_names(lex)
    files = [ONTOLOGY / "places.ttl", ONTOLOGY / "chains.ttl",
             *[ONTOLOGY / "patterns" / f"{g}.json" for g in ("companies", "projects", "parks", "places",
                                                              "structure", "facts")],
             ROOT / "kg" / "lexicon.py", ROOT / "kg" / "relate.py",
             *[f for f in (ROOT / "kg" / "nlp").glob("*.py") if f.name != "quantities.py"]]
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert sorted(n for n in names if n in text) == [], f.name

"""The lexicon: the place gazetteer, the industry chains and the pattern files the extractor reads."""

import importlib.util
import json
import re
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


@pytest.mark.parametrize("name, place_id", [
    ("科右前旗", "科尔沁右翼前旗"),  # a wing banner's short name
    ("察右中旗", "察哈尔右翼中旗"),
    ("化隆县", "化隆回族自治县"),  # an autonomous county's short name with its plain suffix
    ("民和县", "民和回族土族自治县"),  # though 民和 alone is an everyday word
    ("鄂温克旗", "鄂温克族自治旗"),
    ("江都市", "江都区"),  # the name before a reform made the county-level city a district
    ("邵东县", "邵东市"),
])
def test_names_that_follow_from_the_official_name(lex, name, place_id):
    assert lex.place(name).id == place_id


def test_a_derived_name_never_shadows_a_place_so_named(lex):
    assert lex.place("朝阳县").id == "朝阳县"  # not 朝阳区's former name
    assert {lex.place(n).id for n in ("长沙县", "长沙市")} == {"长沙县", "长沙市"}


@pytest.mark.parametrize("word", ["朝阳", "白银", "来宾", "日照", "大同", "四平"])
def test_everyday_words_are_no_short_names(lex, word):
    assert lex.place(word) is None
    assert word not in lex.context_names  # 朝阳区, 大同区, 白银区: no short name that a city's stem shadows


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
    allowed = {str(t) for t in (RDF.type, RDFS.comment, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel,
                                SKOS.historyNote, SKOS.inScheme,
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
             ROOT / "kg" / "lexicon.py", *(ROOT / "kg" / "relate").glob("*.py"),
             *[f for f in (ROOT / "kg" / "nlp").glob("*.py") if f.name != "quantities.py"]]
    for f in files:
        text = f.read_text(encoding="utf-8")
        if f.name == "places.ttl":
            text = without_place_names(text)
        assert sorted(n for n in names if n in text) == [], f.name


def without_place_names(text: str) -> str:
    """The gazetteer without its places' IRIs and Chinese labels, which come from the division codes: a company
    named like a place (the seeds' 龙马, the district 龙马潭区) is no leak; comments and other values still count."""
    return re.sub(r'place:\S+|"[^"]*"@zh', "", text)


# ---- Part 4: every county-level division of China (ontology/tools/gen_places.py) ----

@pytest.mark.parametrize("place_id, name, within, adcode, short", [
    ("泗水县", "泗水县", "济宁市", "370831", "泗水"),  # dev: 山东 济宁(泗水)
    ("苍梧县", "苍梧县", "梧州市", "450421", "苍梧"),  # dev: 梧州
    ("秀屿区", "秀屿区", "莆田市", "350305", "秀屿"),  # dev: 福建
    ("信丰县", "信丰县", "赣州市", "360722", "信丰"),  # holdout: 赣州
    ("邻水县", "邻水县", "广安市", "511623", "邻水"),  # holdout: 邻水
    ("长阳土家族自治县", "长阳土家族自治县", "宜昌市", "420528", "长阳"),  # an autonomous county: no nationality words
    ("东乡族自治县", "东乡族自治县", "临夏回族自治州", "622926", "东乡"),  # named after its nation
    ("浦东新区", "浦东新区", "上海市", "310115", "浦东"),  # a municipality's district
    ("神农架林区", "神农架林区", "湖北省", "429021", "神农架"),  # directly under the province
    ("六枝特区", "六枝特区", "六盘水市", "520203", "六枝"),
    ("南京市鼓楼区", "鼓楼区", "南京市", "320106", "鼓楼"),  # a name four cities share: the IRI names the city
    ("福州市鼓楼区", "鼓楼区", "福州市", "350102", "鼓楼"),
    ("巴林左旗", "巴林左旗", "赤峰市", "150422", None),  # a banner named by position: no short name
    ("开鲁县", "开鲁县", "通辽市", "150523", "开鲁"),  # Part 1 keeps its IRI and names, and gains its code
])
def test_county_gazetteer(lex, place_id, name, within, adcode, short):
    place = lex.places[place_id]
    assert (place.name, place.level, place.within, place.adcode) == (name, "county", within, adcode)
    assert (short in place.short_names + place.other_names) if short else not place.other_names


def test_counties_lie_in_known_places_and_codes_are_unique(lex):
    codes = [p.adcode for p in lex.places.values() if p.adcode]
    assert len(codes) == len(set(codes))
    uncoded = []  # the hand-kept county-level zones (通辽经济技术开发区, 沈抚改革创新示范区 …) have no code
    for place in [p for p in lex.places.values() if p.level == "county"]:
        within = lex.places[place.within]
        assert within.level in ("city", "province"), place.id
        if place.adcode is None:
            uncoded.append(place.id)
        else:
            assert place.adcode[:2] == within.adcode[:2], place.id  # the code's province is the parent's
    assert "通辽经济技术开发区" in uncoded and "沈抚改革创新示范区" in uncoded and len(uncoded) < 30


def test_every_mainland_province_has_counties(lex):
    provinces = {lex.ancestors(p.id)[-1] for p in lex.places.values() if p.level == "county"}
    mainland = {p.id for p in lex.places.values() if p.level == "province" and p.adcode and p.adcode < "710000"}
    assert provinces == mainland


@pytest.mark.parametrize("former, place_id", [
    ("肥乡县", "肥乡区"),  # a county that became a district keeps its old name as a hidden label
    ("赣县", "赣县区"),
])
def test_former_names_of_renamed_counties(lex, former, place_id):
    assert former in lex.places[place_id].other_names


def test_abolished_counties_are_kept_with_their_city(lex):
    place = lex.places["芜湖县"]  # merged into 湾沚区 in 2020; older articles name it
    assert (place.within, place.adcode) == ("芜湖市", "340221")


@pytest.mark.parametrize("name, kind, place_ids", [
    ("开鲁", "anywhere", ("开鲁县",)),  # the chains' region: its papers write counties short
    ("科左后旗", "anywhere", ("科尔沁左翼后旗",)),
    ("昌图", "anywhere", ("昌图县",)),  # a hand-kept short name of a neighbour (skos:altLabel)
    ("泗水县", "anywhere", ("泗水县",)),  # a full name no other county has
    ("肥乡县", "anywhere", ("肥乡区",)),  # a former full name
    ("泗水", "context", ("泗水县",)),  # a short name by the rule: it may hide inside other words
    ("沛县", "context", ("沛县",)),  # two characters, even in full
    ("鼓楼区", "context", ("南京市鼓楼区", "开封市鼓楼区", "徐州市鼓楼区", "福州市鼓楼区")),
    ("通州", "context", ("北京市通州区", "南通市通州区")),
    ("吉林", "anywhere", ("吉林省",)),  # a province's name is never a county's
    ("城区", "never", ()),  # common words (ontology/patterns/places.json)
    ("东方", "never", ()),
    ("新建", "never", ()),
    ("吉利", "never", ()),
])
def test_place_names_by_need_of_context(lex, name, kind, place_ids):
    found = {"anywhere": (lex.place_names[name],) if name in lex.place_names else None,
             "context": lex.context_names.get(name)}
    assert {k: v for k, v in found.items() if v} == ({kind: place_ids} if kind != "never" else {})


def test_common_word_names_are_place_names(lex):
    """The stoplist lists names of the gazetteer, nothing else."""
    names = {n for p in lex.places.values() for n in (p.name, *p.short_names, *p.other_names)}
    assert sorted(set(lex.patterns["places"]["common_word_names"]) - names) == []


@pytest.mark.parametrize("words, text, found", [
    (["通辽", "通辽市", "通辽经济技术开发区"], "在通辽市和通辽经济技术开发区", ["通辽市", "通辽经济技术开发区"]),
    (["科尔沁区", "科尔沁左翼中旗"], "科尔沁左翼中旗与科尔沁区", ["科尔沁左翼中旗", "科尔沁区"]),
    (["a.b", "ab"], "a.b axb ab", ["a.b", "ab"]),  # characters are literal
    ([], "任何文字", []),
])
def test_trie_pattern_finds_the_longest_name(words, text, found):
    assert re.findall(lexicon.trie_pattern(words), text) == found


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_places", ONTOLOGY / "tools" / "gen_places.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name, short", [
    ("泗水县", "泗水"), ("秀屿区", "秀屿"), ("岑溪市", "岑溪"), ("扎鲁特旗", "扎鲁特"),
    ("长阳土家族自治县", "长阳"), ("巴里坤哈萨克自治县", "巴里坤"), ("东乡族自治县", "东乡"), ("龙胜各族自治县", "龙胜"),
    ("浦东新区", "浦东"), ("神农架林区", "神农架"), ("达尔罕茂明安联合旗", "达尔罕茂明安"),
    ("巴林左旗", None), ("正镶白旗", None), ("喀喇沁左翼蒙古族自治县", None),  # named by position
    ("和县", None), ("城区", None),  # one character left
    ("海南区", None),  # the province's name
    ("苏州工业园区", None),  # a park's name, not a short name
])
def test_official_short_name_rule(name, short):
    gen = load_generator()
    assert gen.short_name(name, ["土家族", "哈萨克族", "东乡族", "蒙古族"], {"海南", "海南省"}) == short


def test_a_former_name_is_read_only_where_a_name_can_start(lex):
    from kg.nlp.gazetteer import Gazetteer
    gaz = Gazetteer(lex)
    assert [lex.places[p].name for _, _, p in gaz.named_places("，江都市沿江开发区")] == ["江都区"]
    assert gaz.named_places("压实责任城市更新") == []  # 任城市 of 任城区 hides in 责任城市


def test_an_autonomous_prefecture_is_also_written_with_a_plain_suffix():
    lex = lexicon.load()
    assert lex.place_names["海西州"] == lex.place_names["海西蒙古族藏族自治州"]
    assert lex.place_names["黔西南州"] == lex.place_names["黔西南布依族苗族自治州"]

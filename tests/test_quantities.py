"""Quantities and dates read from real sentences of the seed and dev articles, and properties on any text."""

import importlib
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from kg.nlp import quantities
from kg.nlp.quantities import find_dates, find_quantities, parse_quantity

TESTS = Path(__file__).resolve().parent
SEEDS = TESTS.parent / "seeds"
DEV = TESTS / "data" / "dev"
UNITS = json.loads((TESTS.parent / "ontology" / "patterns" / "units.json").read_text(encoding="utf-8"))


def article(name: str) -> str:
    path = DEV / name if (DEV / name).exists() else next(SEEDS.glob(name + "_*.txt"))
    return path.read_text(encoding="utf-8")


def quantity_at(text: str, written: str):
    """The quantity found where `written` first occurs in `text`, read in the whole article's context."""
    start = text.index(written)
    hits = [m for m in find_quantities(text) if m.start == start]
    assert hits, f"no quantity at {written!r}"
    return hits[0]


# (article, as written in it, kind, value, unit, qualifiers)
IN_ARTICLES = [
    ("000", "231亿元", "money", "23100000000", "CNY", ()),
    ("000", "近万人", "jobs", "10000", "person", ("近",)),
    ("000", "9000亩", "area", "6000000", "m2", ()),
    ("000", "20亿元以上", "money", "2000000000", "CNY", ("以上",)),
    ("000", "年产 2000台", "capacity", "2000", "unit/a", ()),
    ("000", "千万元以上", "money", "10000000", "CNY", ("以上",)),
    ("000", "264.7%", "percent", "264.7", "%", ()),
    ("001", "1300 余名", "jobs", "1300", "person", ("余",)),
    ("001", "3500多家", "count", "3500", "item", ("余",)),
    ("001", "300万千瓦左右", "power", "3000000", "kW", ("左右",)),
    ("001", "超过150亿元", "money", "15000000000", "CNY", ("超",)),
    ("001", "2×100MW", "power", "200000", "kW", ()),
    ("001", "360万吨/年", "capacity", "3600000", "t/a", ()),
    ("001", "年处理60万吨", "capacity", "600000", "t/a", ()),
    ("001", "195.2743公顷", "area", "1952743", "m2", ()),
    ("001", "305281万千瓦时", "energy", "3052810000", "kWh", ()),
    ("001", "约28.4万吨", "capacity", "284000", "t", ("约",)),
    ("001", "3770.3吨/年", "capacity", "3770.3", "t/a", ()),
    ("001", "预计62亿元", "money", "6200000000", "CNY", ("预计",)),
    ("001", "6500余亩", "area", "4333333.333333", "m2", ("余",)),
    ("001", "一万头", "count", "10000", "head", ()),
    ("001", "两座", "count", "2", "unit", ()),
    ("001", "220千伏", "voltage", "220", "kV", ()),
    ("002", "突破1000亿元", "money", "100000000000", "CNY", ("超",)),
    ("002", "超千亿元", "money", "100000000000", "CNY", ("超",)),
    ("002", "亿元以上", "money", "100000000", "CNY", ("以上",)),
    ("002", "650MW", "power", "650000", "kW", ()),
    ("002", "4.5GW", "power", "4500000", "kW", ()),
    ("002", "2.8个百分点", "percent", "2.8", "pp", ()),
    ("002", "1400余万元", "money", "14000000", "CNY", ("余",)),
    ("002", "147.44万亩", "area", "982933333.333333", "m2", ()),
    ("003", "日处理2×240万方", "capacity", "4800000", "m3/d", ()),
    ("003", "达20亿方", "volume", "2000000000", "m3", ("达",)),
    ("003", "4.5万千瓦", "power", "45000", "kW", ()),
    ("003", "18万千瓦时", "energy", "180000", "kWh", ()),
    ("003", "约9亿千瓦时", "energy", "900000000", "kWh", ("约",)),
    ("003", "40万吨/年", "capacity", "400000", "t/a", ()),
    ("004", "约135亿元", "money", "13500000000", "CNY", ("约",)),
    ("004", "共计591.95亿元", "money", "59195000000", "CNY", ("共计",)),
    ("004", "近100亿元", "money", "10000000000", "CNY", ("近",)),
    ("004", "10万平方米", "area", "100000", "m2", ()),
    ("004", "年产120万吨", "capacity", "1200000", "t/a", ()),
    ("o02.txt", "2092.7亿元", "money", "209270000000", "CNY", ()),
    ("o02.txt", "年产叉车1万台", "capacity", "10000", "unit/a", ()),
    ("o03.txt", "约62.74亿元", "money", "6274000000", "CNY", ("约",)),
    ("o04.txt", "170億元", "money", "17000000000", "CNY", ()),
    ("o04.txt", "近20億元", "money", "2000000000", "CNY", ("近",)),
    ("o04.txt", "1319.5畝", "area", "879666.666667", "m2", ()),
    ("o04.txt", "0.7GWH", "energy", "700000", "kWh", ()),
    ("o04.txt", "3000余家", "count", "3000", "item", ("余",)),
    ("o06.txt", "超10亿元", "money", "1000000000", "CNY", ("超",)),
    ("o08.txt", "5600万元", "money", "56000000", "CNY", ()),
    ("o08.txt", "0.5亿元", "money", "50000000", "CNY", ()),
    ("o11.txt", "0.3个百分点", "percent", "0.3", "pp", ()),
    ("o11.txt", "60GWh", "energy", "60000000", "kWh", ()),
    ("o11.txt", "达108亿元", "money", "10800000000", "CNY", ("达",)),
    ("t01.txt", "±800千伏", "voltage", "800", "kV", ("±",)),
    ("t02.txt", "15萬頭", "count", "150000", "head", ()),
    ("t02.txt", "500MWp", "power", "500000", "kW", ()),
    ("t02.txt", "百萬畝", "area", "666666666.666667", "m2", ()),
    ("t06.txt", "50多家", "count", "50", "item", ("余",)),
    ("t10.txt", "年产 30 万吨", "capacity", "300000", "t/a", ()),
]


@pytest.mark.parametrize("name,written,kind,value,unit,qualifiers", IN_ARTICLES)
def test_quantity_in_article(name, written, kind, value, unit, qualifiers):
    m = quantity_at(article(name), written)
    q = m.quantity
    assert (q.text, q.kind, q.value, q.unit, q.qualifiers) == (written, kind, Decimal(value), unit, qualifiers)
    assert m.end - m.start == len(written)


# Real phrases (copied from the articles) that hold no quantity.
NOT_QUANTITIES = [
    "实现3个月完成主体",  # a duration
    "想尽千方百计的",
    "村四级党员干部一个旗县一个旗县地走",
    "转眼已是2022年冬季",  # a year
    "5月26日,观摩团",  # a date
    "第二条生产线完",  # an ordinal
    "电价可达到0.38-0.42元/度",  # a price
    "运输总周转量将达128.2亿吨公里",  # ton-kilometres
    "“十四五”期间",
    "由正月初七的",
    "比学赶超、竞相发展",
    "总规模千万千瓦级的风电基地",  # a size class
    "3333333333333333333333333333333个",  # a noise line
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_a_quantity(text):
    assert find_quantities(text) == []


# A qualifier must be a word of its own: 签约 is not 约, 赶超 is not 超.
@pytest.mark.parametrize("text,written,qualifiers", [
    ("签约12个项目", "12个", ()),
    ("比学赶超60%", "60%", ()),
    ("新建项目超1500个", "超1500个", ("超",)),
    ("总投资约135亿元", "约135亿元", ("约",)),
    ("预计年产40万吨", "预计年产40万吨", ("预计",)),
])
def test_qualifier_words(text, written, qualifiers):
    [m] = find_quantities(text)
    assert (m.quantity.text, m.quantity.qualifiers) == (written, qualifiers)


@pytest.mark.parametrize("expression,value,unit", [
    ("一百二十亿元", "12000000000", "CNY"),
    ("十亿元", "1000000000", "CNY"),
    ("三亿五千万元", "350000000", "CNY"),
    ("百分之三十", "30", "%"),
    ("2,000万元", "20000000", "CNY"),
    ("１５万吨", "150000", "t"),
    ("1.2万亿元", "1200000000000", "CNY"),
    ("5亿美元", "500000000", "USD"),
    ("两千万元", "20000000", "CNY"),
    ("60万吨/年", "600000", "t/a"),
    ("3平方公里", "3000000", "m2"),
])
def test_parse_quantity(expression, value, unit):
    q = parse_quantity(expression)
    assert (q.value, q.unit, q.text) == (Decimal(value), unit, expression)


@pytest.mark.parametrize("text", ["2022年", "总投资约135亿元", "135亿元和20亿元", "", "亿元", "3个月"])
def test_parse_quantity_rejects(text):
    assert parse_quantity(text) is None


# A rate word may stand before what is made or handled: the rate and the product are read together; a year
# word before it, or 量/值 after it, makes it none. (text, [(as written, unit, product)]); (h) holdout, (m) made up.
@pytest.mark.parametrize("text,expected", [
    ("蒙源牧歌乳业（通辽）有限公司日处理鲜奶1500吨乳制品加工项目", [("日处理鲜奶1500吨", "t/d", "鲜奶")]),  # (h)
    ("年加工火腿300万只，带动农户增收", [("年加工火腿300万只", "head/a", "火腿")]),  # (h)
    ("年处置危险废物10万吨", [("年处置危险废物10万吨", "t/a", "危险废物")]),  # (h)
    ("年产高支紧密纺纱线5.2万吨", [("年产高支紧密纺纱线5.2万吨", "t/a", "高支紧密纺纱线")]),  # (h)
    ("年产隔膜4亿平方米，年产值36亿元", [("年产隔膜4亿平方米", "m2/a", "隔膜"), ("36亿元", "CNY", None)]),  # (h)
    ("年屠宰肉牛5万头，当年转化玉米60万吨", [("年屠宰肉牛5万头", "head/a", "肉牛"), ("60万吨", "t", None)]),  # (m)
    ("年处理垃圾30万吨，2023年处理垃圾28万吨", [("年处理垃圾30万吨", "t/a", "垃圾"), ("28万吨", "t", None)]),  # (m)
    ("年加工鲜果20万吨，年产量可达10万吨", [("年加工鲜果20万吨", "t/a", "鲜果"), ("达10万吨", "t", None)]),  # (m)
    ("建设厂房12万平方米，年产光伏玻璃3000万平方米",  # (m)
     [("12万平方米", "m2", None), ("年产光伏玻璃3000万平方米", "m2/a", "光伏玻璃")]),
    # one longer rate word, no product
    ("鲁牧源食品年屠宰加工10万头肉牛项目", [("年屠宰加工10万头", "head/a", None)]),  # (h)
    ("配套建设了日供水3万立方米的水厂", [("日供水3万立方米", "m3/d", None)]),  # (h)
    ("湖南金阳稀贵金属有限公司年回收5000吨废催化剂项目", [("年回收5000吨", "t/a", None)]),  # (h)
    ("沙日浩来镇10万只肉羊养殖基地项目", [("10万只", "head", None)]),  # (h): a count of animals
])
def test_rate_word_before_the_product(text, expected):
    found = find_quantities(text)
    assert [(m.quantity.text, m.quantity.unit, m.quantity.product) for m in found] == expected
    assert all(text[m.start:m.end] == m.quantity.text for m in found)


@pytest.mark.parametrize("written,expected", [
    ("年产40万吨", True), ("日处理2×240万方", True), ("年加工火腿300万只", True),
    ("3770.3吨/年", False),  # "减少排放烟尘3770.3吨/年" (seed 001): a rate, but nothing is made
    ("40万吨", False), ("30万千瓦", False),
])
def test_production_rate(written, expected):
    assert quantities.production_rate(parse_quantity(written)) is expected


# (article, its date, as written, iso, precision)
DATES = [
    ("000", "2022", "2022年冬季", "2022", "year"),
    ("000", "2022", "2022年上半年", "2022", "year"),
    ("000", "2022", "2021年 9月 25日", "2021-09-25", "day"),
    ("001", "2022", "2023年底", "2023-12", "month"),
    ("001", "2022", "2023年8月", "2023-08", "month"),
    ("002", "2022", "今年前三季度", "2022", "year"),
    ("002", "2022", "去年", "2021", "year"),
    ("002", "2022", "今年1—9月", "2022", "year"),
    ("003", "2022", "今年3月", "2022-03", "month"),
    ("003", "2022", "7月中旬", "2022-07", "month"),
    ("003", "2022", "5月19日", "2022-05-19", "day"),
    ("003", "2022", "2024年8月", "2024-08", "month"),
    ("003", "2022", "2026年", "2026", "year"),
    ("003", "2022", "10月底", "2022-10", "month"),
    ("004", "2022", "8月份", "2022-08", "month"),
    ("004", "2022", "年初", "2022-01", "month"),
    ("o02.txt", "2013", "2013-04-27", "2013-04-27", "day"),
    ("o02.txt", "2013", "3月底", "2013-03", "month"),
    ("o03.txt", "2021", "2021年第二季度", "2021", "year"),
    ("o08.txt", "2018", "今年8月", "2018-08", "month"),
    ("o11.txt", "2023", "明年二季度", "2024", "year"),
    ("o11.txt", "2023", "明年底", "2024-12", "month"),
    ("o11.txt", "2023-02-01", "1月31日", "2023-01-31", "day"),
    ("t01.txt", "2017", "年底", "2017-12", "month"),
    ("t01.txt", "2017", "年内", "2017", "year"),
    ("t01.txt", "2017", "2017年春季", "2017", "year"),
    ("t02.txt", "2017", "明年", "2018", "year"),
    ("t04.txt", "2018", "本年末", "2018-12", "month"),
    ("t10.txt", "2024", "2024 年/1 月/25 日", "2024-01-25", "day"),
]


@pytest.mark.parametrize("name,doc_date,written,iso,precision", DATES)
def test_date_in_article(name, doc_date, written, iso, precision):
    text = article(name)
    start = text.index(written)
    hits = [d for d in find_dates(text, doc_date) if d.start == start]
    assert [(d.text, d.iso, d.precision) for d in hits] == [(written, iso, precision)]


@pytest.mark.parametrize("text", ["今年3月", "5月19日", "年底", "明年", "上半年"])
def test_relative_dates_need_the_article_date(text):
    assert find_dates(text, None) == []


@pytest.mark.parametrize("text", [
    "“十四五”期间", "实现3个月完成主体", "5年内建成", "5年达产", "规模以上年产值", "投产后年产值",
    "2月30日", "26日至28日", "服务年限为27年",
])
def test_not_a_date(text):
    assert find_dates(text, "2022") == []


def test_absolute_dates_need_no_article_date():
    assert [(d.iso, d.precision) for d in find_dates("2025年5月26日开工", None)] == [("2025-05-26", "day")]


# ---- properties ---------------------------------------------------------------------------------

NUMERIC_TEXT = st.text(alphabet=st.sampled_from(list(
    "0123456789.,×/%±年月日底约近超余多以上左右第个项万亿千百十一二两三四五六七八九元吨亩人方头台MWGkh 　"
    "产处理今明去季度级次公里")), max_size=40)
ANY_TEXT = st.one_of(st.text(max_size=60), NUMERIC_TEXT)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_quantities_are_ordered_spans_of_the_text(text):
    matches = find_quantities(text)
    end = 0
    for m in matches:
        assert end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.quantity.text
        end = m.end
    parse_quantity(text)  # never raises


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT, st.sampled_from([None, "2022", "2022-11", "2022-11-15"]))
def test_dates_are_ordered_spans_of_the_text(text, doc_date):
    end = 0
    for d in find_dates(text, doc_date):
        assert end <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text
        assert d.precision == {1: "year", 2: "month", 3: "day"}[len(d.iso.split("-"))]
        end = d.end


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**9), st.integers(0, 99), st.sampled_from(UNITS["units"]),
       st.sampled_from(["", "万", "亿"]))
def test_value_round_trips(whole, cents, unit, multiplier):
    written = f"{whole}.{cents:02d}{multiplier}{unit['surface']}"
    q = parse_quantity(written)
    num, _, den = unit["factor"].partition("/")
    expected = Decimal(f"{whole}.{cents:02d}") * Decimal(UNITS["multipliers"].get(multiplier, "1")) \
        * Decimal(num) / Decimal(den or "1")
    assert q is not None and q.text == written and q.unit == unit["unit"]
    assert abs(q.value - expected) <= Decimal("0.000001")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_explicit_dates_round_trip(day):
    [d] = find_dates(f"于{day.year}年{day.month}月{day.day}日开工", None)
    assert (d.iso, d.precision) == (day.isoformat(), "day")


# ---- spaCy component ----------------------------------------------------------------------------


@pytest.fixture()
def nlp():
    pipe = spacy.blank("zh")
    pipe.add_pipe("kg_quantities")
    return pipe


def test_component_sets_spans_and_values(nlp):
    doc = nlp("该项目总投资约135亿元，年产40万吨，占地9000亩，2022年开工。")
    spans = doc.spans["quantities"]
    assert [(s.text, s.label_) for s in spans] == [
        ("约135亿元", "money"), ("年产40万吨", "capacity"), ("9000亩", "area")]
    assert [s._.quantity.value for s in spans] == [Decimal("13500000000"), Decimal("400000"), Decimal("6000000")]


def test_component_doc_serialises(nlp):
    doc = nlp("总投资约135亿元")
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [s._.quantity for s in restored.spans["quantities"]] == [s._.quantity for s in doc.spans["quantities"]]


def test_component_survives_reimport(nlp):
    importlib.reload(quantities)
    doc = nlp("近万人")
    assert doc.spans["quantities"][0]._.quantity.qualifiers == ("近",)


def test_an_investment_written_without_yuan_is_yuan():
    from kg.nlp.quantities import find_quantities

    found = [(q.quantity.kind, q.quantity.value, q.quantity.unit) for q in find_quantities("总投资26亿的年产20万吨铝材项目")]
    assert found[0] == ("money", Decimal("2600000000"), "CNY")
    assert [q.quantity.unit for q in find_quantities("总投资26亿美元")] == ["USD"]
    assert [q.quantity.kind for q in find_quantities("投资3万亩")] == ["area"]
    # r8 (舟曲, 2020): "3.1个亿", "3个多亿" are amounts too; a count of millionaires is not
    assert [(q.quantity.value, q.quantity.qualifiers) for q in find_quantities("总投资3.1个亿；总投资3个多亿")] == \
        [(Decimal("310000000"), ()), (Decimal("300000000"), ("余",))]
    assert [q.quantity.kind for q in find_quantities("共有3个亿万富翁")] == ["count"]

"""Project tables pasted as text: clean keeps each row a line of tab-separated cells, relate maps them by header."""

from decimal import Decimal
from functools import lru_cache

import pytest

from kg import lexicon, nlp
from kg.clean import clean_text
from kg.model import (ANNUAL_PLANNED_INVESTMENT, DEVELOPER, IN_PARK, LOCATED_IN, TOTAL_INVESTMENT, Document,
                      DocumentMeta)
from kg.relate import relate

HEADER = "序号\t项目名称\t建设单位\t建设地点\t总投资（万元）\t建设内容"


@pytest.mark.parametrize("text, lines", [
    # tab-separated rows stay rows, never glued to the row before
    (f"{HEADER}\n6\t甘旗卡镇集中供热管网改造工程\t科左后旗住房和城乡建设局\t甘旗卡镇\t12000\t改造供热主管网26公里，新建换热站8座\n"
     "7\t年产3万吨光伏边框铝型材项目\t通辽鑫拓铝业有限公司\t甘旗卡工业园区\t32000\t新建挤压、氧化生产线6条",
     [HEADER, "6\t甘旗卡镇集中供热管网改造工程\t科左后旗住房和城乡建设局\t甘旗卡镇\t12000\t改造供热主管网26公里，新建换热站8座",
      "7\t年产3万吨光伏边框铝型材项目\t通辽鑫拓铝业有限公司\t甘旗卡工业园区\t32000\t新建挤压、氧化生产线6条"]),
    # runs of spaces between cells become one tab when the row opens like a table's
    ("序号  项目名称   建设单位  总投资（亿元）\n1   年产5万吨玉米胚芽油项目  内蒙古禾粒粮油有限公司   2.35",
     ["序号\t项目名称\t建设单位\t总投资（亿元）", "1\t年产5万吨玉米胚芽油项目\t内蒙古禾粒粮油有限公司\t2.35"]),
])
def test_table_rows_stay_lines(text, lines):
    cleaned, offsets = clean_text(text)
    assert cleaned.split("\n") == lines
    assert all(text[offsets[i]] == "\t" or text[offsets[i]] == " " for i, c in enumerate(cleaned) if c == "\t")
    assert clean_text(cleaned)[0] == cleaned


@pytest.mark.parametrize("text", [
    "项目建成后  年产30万吨  产值5亿元",  # wide spaces in prose, no table opening
    "记者\t张三",  # a tab between two pieces is no table
])
def test_prose_is_no_table(text):
    assert "\t" not in clean_text(text)[0]


@lru_cache(maxsize=1)
def _nlp():
    lex = lexicon.load()
    return lex, nlp.make_nlp(lex)


def _facts(text: str) -> dict[str, dict[str, list]]:
    """Project name -> property -> values (entity names or yuan amounts)."""
    lex, language = _nlp()
    cleaned, offsets = clean_text(text)
    document = Document(DocumentMeta(doc_id="t", path="t.txt"), text, cleaned, offsets)
    result = relate(document, language(cleaned), lex)
    names = {e.key: e.name for e in result.entities}
    out: dict[str, dict[str, list]] = {}
    for f in result.facts:
        value = f.value.value if hasattr(f.value, "value") else names.get(f.value, f.value)
        out.setdefault(names[f.subject], {}).setdefault(f.prop, []).append(value)
        assert f.evidence.quote == text[f.evidence.start:f.evidence.end]
    return out


@pytest.mark.parametrize("text, project, prop, value", [
    (f"{HEADER}\n1\t年屠宰20万头肉牛及精深加工项目\t内蒙古牧沁食品有限公司\t甘旗卡镇\t68000\t新建屠宰车间",
     "年屠宰20万头肉牛及精深加工项目", TOTAL_INVESTMENT, Decimal("680000000")),
    (f"{HEADER}\n8\t海鲁吐镇5000头奶牛牧场项目\t内蒙古晨牧乳业有限公司\t海鲁吐镇\t45000\t新建牛舍、挤奶厅",
     "海鲁吐镇5000头奶牛牧场项目", DEVELOPER, "内蒙古晨牧乳业有限公司"),
    (f"{HEADER}\n3\t年产5万吨玉米胚芽油项目\t内蒙古禾粒粮油有限公司\t甘旗卡工业园区\t23500\t新建压榨、浸出车间",
     "年产5万吨玉米胚芽油项目", IN_PARK, "甘旗卡工业园区"),
    ("序号\t项目名称\t项目单位\t项目地点\t总投资(亿元)\t年度计划投资(亿元)\n"
     "1\t年产10万吨锂电池负极材料项目\t宁夏某某新材料有限公司\t沙坡头区\t25\t8",
     "年产10万吨锂电池负极材料项目", ANNUAL_PLANNED_INVESTMENT, Decimal("800000000")),
    (f"{HEADER}\n2\t科左后旗100万千瓦风电项目\t通辽沁源风力发电有限公司\t努古斯台镇\t560000\t安装风电机组160台",
     "科左后旗100万千瓦风电项目", LOCATED_IN, "努古斯台镇"),
])
def test_table_row_facts(text, project, prop, value):
    assert value in _facts(text)[project][prop]


@pytest.mark.parametrize("text, project", [
    # a government body in the developer column is no developer
    (f"{HEADER}\n6\t甘旗卡镇集中供热管网改造工程\t科左后旗住房和城乡建设局\t甘旗卡镇\t12000\t改造供热主管网26公里",
     "甘旗卡镇集中供热管网改造工程"),
])
def test_no_government_developer(text, project):
    assert DEVELOPER not in _facts(text).get(project, {})

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
    return lex, nlp.make_nlp(lex, model_dir=None)  # the rules alone


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


PANJIN_HEADER = "序号\n项目名称\n建设单位\n建设地点\n总投资（亿元）\n建设内容\n"
PANJIN_ROW3 = "3\n年产2万吨稻米深加工及副产品综合利用项目\n辽宁稻乡食品有限公司\n盘山县\n3.2\n建设米粉、米糠油及稻壳发电生产线\n"


@pytest.mark.parametrize("text, lines", [
    # a PDF table with one cell per line: the header gives the width, each serial number opens a row
    (PANJIN_HEADER + PANJIN_ROW3 + "合计\n5个项目\n86.2",
     ["序号\t项目名称\t建设单位\t建设地点\t总投资（亿元）\t建设内容",
      "3\t年产2万吨稻米深加工及副产品综合利用项目\t辽宁稻乡食品有限公司\t盘山县\t3.2\t建设米粉、米糠油及稻壳发电生产线"]),
    # the header repeated after a page break is kept: the rows below it need it
    (PANJIN_HEADER + "1\n盘锦港30万吨级原油码头配套罐区工程\n盘锦港澜储运有限公司\n大洼区\n12.3\n新建原油储罐16座\n"
     "— 3 —\n" + PANJIN_HEADER + PANJIN_ROW3,
     ["序号\t项目名称\t建设单位\t建设地点\t总投资（亿元）\t建设内容",
      "1\t盘锦港30万吨级原油码头配套罐区工程\t盘锦港澜储运有限公司\t大洼区\t12.3\t新建原油储罐16座", "—3—",
      "序号\t项目名称\t建设单位\t建设地点\t总投资（亿元）\t建设内容",
      "3\t年产2万吨稻米深加工及副产品综合利用项目\t辽宁稻乡食品有限公司\t盘山县\t3.2\t建设米粉、米糠油及稻壳发电生产线"]),
])
def test_cell_per_line_tables(text, lines):
    cleaned, offsets = clean_text(text)
    assert [line for line in cleaned.split("\n") if "\t" in line or line == "—3—"] == lines
    assert all(text[offsets[i]] == "\n" for i, c in enumerate(cleaned) if c == "\t")
    assert clean_text(cleaned)[0] == cleaned


@pytest.mark.parametrize("text", [
    "项目名称\n建设单位\n建设地点\n本项目位于开发区。",  # header words with no numbered row after them
])
def test_header_words_alone_are_no_table(text):
    assert "\t" not in clean_text(text)[0]


@pytest.mark.parametrize("text, project, prop, value", [
    (PANJIN_HEADER + PANJIN_ROW3, "年产2万吨稻米深加工及副产品综合利用项目", DEVELOPER, "辽宁稻乡食品有限公司"),
    (PANJIN_HEADER + PANJIN_ROW3, "年产2万吨稻米深加工及副产品综合利用项目", TOTAL_INVESTMENT, Decimal("320000000")),
    # 公示 field lists: the developer field builds the project of the name field, not the parent in brackets
    ("三、项目名称：蒙药配方颗粒生产线建设项目；建设单位：内蒙古蒙泽药业有限公司；建设地点：科左中旗保康工业园区；"
     "项目概况：项目总投资2.3亿元。", "蒙药配方颗粒生产线建设项目", DEVELOPER, "内蒙古蒙泽药业有限公司"),
    ("二、项目名称：科左中旗舍伯吐镇200MW农光互补光伏发电项目；建设单位：通辽中旗绿能新能源有限公司（国瑞电力集团有限公司"
     "全资子公司）；建设地点：科左中旗舍伯吐镇；", "科左中旗舍伯吐镇200MW农光互补光伏发电项目", DEVELOPER, "通辽中旗绿能新能源有限公司"),
    # a short name given with 以下简称 is that company, even where the nlp alone does not read it as one
    ("枝江市人民政府与宜昌瑞硅新材料有限公司（以下简称“瑞硅新材”）签订投资协议。瑞硅新材将投资11亿元建设有机硅深加工项目。",
     "有机硅深加工项目", DEVELOPER, "宜昌瑞硅新材料有限公司"),
])
def test_layout_facts(text, project, prop, value):
    assert value in _facts(text)[project][prop]


@pytest.mark.parametrize("text, project, company", [
    ("二、项目名称：科左中旗舍伯吐镇200MW农光互补光伏发电项目；建设单位：通辽中旗绿能新能源有限公司（国瑞电力集团有限公司"
     "全资子公司）；建设地点：科左中旗舍伯吐镇；", "科左中旗舍伯吐镇200MW农光互补光伏发电项目", "国瑞电力集团有限公司"),
])
def test_bracketed_parent_is_no_developer(text, project, company):
    assert company not in _facts(text)[project].get(DEVELOPER, [])


@pytest.mark.parametrize("text, short", [
    ("枝江市人民政府与湖北楚鑫化工集团有限公司（以下简称“楚鑫集团”）签订投资协议。"
     "楚鑫集团此前已在枝江建成年产30万吨磷酸项目。", "楚鑫集团"),
])
def test_short_name_is_the_company(text, short):
    lex, language = _nlp()
    cleaned, offsets = clean_text(text)
    result = relate(Document(DocumentMeta(doc_id="t", path="t.txt"), text, cleaned, offsets), language(cleaned), lex)
    assert short not in {e.name for e in result.entities}


@pytest.mark.parametrize("text, content", [
    # a project named only in the 建设内容 cell is what the row's project builds
    (PANJIN_HEADER + "1\n年产15万吨高端聚烯烃弹性体（POE）项目\n辽宁渤澜新材料有限公司\n辽东湾新区\n48.6\n"
     "建设15万吨/年POE装置及配套公用工程\n", "15万吨/年POE装置及配套公用工程"),
])
def test_content_cell_is_no_project(text, content):
    assert content not in _facts(text)

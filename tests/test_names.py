"""Where a project, company or park name starts and ends, and what is no name at all.

Sentences from the holdout2 articles (tests/data/holdout2, read in simplified script; some shortened);
a row changed from its source or made up is marked. Each row is a case the recognisers
once got wrong.
"""

import pytest

from kg import lexicon
from kg.nlp import make_nlp


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(lexicon.load(), model_dir=None)  # the rules alone: the learned layer is tested in test_learn


def spans(doc, group, label):
    return [s.text for s in doc.spans.get(group, []) if s.label_ == label]


@pytest.mark.parametrize("text, expected", [
    # lead-in words before the name: a venue, a profile's "——记", a caption's "图为", 了 after a verb
    ("主会场设在内蒙古蒙晟铝业有限公司年产20万吨再生铝及铝合金扁锭项目现场。",
     ["内蒙古蒙晟铝业有限公司年产20万吨再生铝及铝合金扁锭项目"]),
    ("——记新疆华晟能源化工有限公司年产80万吨煤制烯烃项目", ["新疆华晟能源化工有限公司年产80万吨煤制烯烃项目"]),
    ("图为华晟能化年产80万吨煤制烯烃项目建设现场。（华晟能化供图）", ["华晟能化年产80万吨煤制烯烃项目"]),
    ("会上还集中推介了榆林至府谷高速公路扩能改造、榆林市第三水厂、榆阳区古塔镇现代农业产业园等项目。",
     ["榆林至府谷高速公路扩能改造", "榆林市第三水厂", "榆阳区古塔镇现代农业产业园"]),
    ("该公司年产8万吨新能源汽车铝合金轮毂项目总投资11.2亿元", ["年产8万吨新能源汽车铝合金轮毂项目"]),
    ("积极做好内蒙古泰和镍铁新材料有限公司年产20万吨镍铁合金项目前期工作",
     ["内蒙古泰和镍铁新材料有限公司年产20万吨镍铁合金项目"]),
    # slogans, headlines, categories and verbs' objects are no names
    ("全市坚持把招商引资作为“一号工程”，", []),
    ("人才是项目长远发展的根本。", []),
    ("其母公司计划在开发区再布局一批下游项目。", []),  # holdout4 tl3: a direction, not a name
    ("回望项目落地历程，可谓一波三折。", []),
    ("春潮涌动项目兴 开足马力拼发展", []),
    ("以“线上连线+线下观摩”的方式共同见证一批重点项目破土动工。", []),
    ("曲靖市上半年重点产业项目观摩：比学赶超拼实干", []),
    ("外资项目方面，新加坡嘉德瑞投资控股有限公司在阳谷县投资建设年产5万吨特种光纤预制棒项目，",
     ["年产5万吨特种光纤预制棒项目"]),
    ("通辽金穗粮油有限公司年产10万吨玉米胚芽油及蛋白饲料项目总投资3.8亿元，属玉米生物产业链补链项目，",
     ["通辽金穗粮油有限公司年产10万吨玉米胚芽油及蛋白饲料项目"]),
    ("作为国家循环经济示范园区和国家“城市矿产”示范基地，", []),
    # what is wanted or ranked, not built: "重点引进…等项目", "全国最大的…基地"
    ("园区将围绕烯烃下游，重点引进可降解塑料、特种工程塑料、碳纤维等项目。", []),
    ("园区坚持“铝水不落地、产品不出园”的思路，著力引进铝后精深加工项目。", []),
    ("集团计划在通辽再投资建设铝合金汽车板项目，打造北方最大的再生铝生产基地。", ["铝合金汽车板项目"]),
    ("府谷是全国最大的金属镁生产基地，", []),
    ("建成后将成为自治区规模最大的蒙中药配方颗粒生产基地。", []),
    # parts that a sentence builds after naming its project, and a line with nothing of its own
    ("内蒙古福润蒙药科技有限公司蒙中药材种植加工一体化项目总投资4.2亿元，建设道地药材种植基地3万亩、饮片加工厂1座。",
     ["内蒙古福润蒙药科技有限公司蒙中药材种植加工一体化项目"]),
    ("会泽县大海草山景区提升改造项目总投资3.6亿元，建设游客服务中心、高山草甸观光栈道及露营基地。",
     ["会泽县大海草山景区提升改造项目"]),
    ("在湖南鑫锐贵金属科技有限公司的生产车间，工人们正在调试新引进的连续电解生产线。", []),
    # a facility after 在 is where the subject is
    ("总投资16亿元的金垣生物年产40万吨玉米淀粉及副产品项目在鲁北玉米生物产业园建成投产，",
     ["金垣生物年产40万吨玉米淀粉及副产品项目"]),
    # a port's zone is a name; a list closed by "等民生工程" names projects, "等工程完工" the works of one
    ("基础设施方面，周口港中心港区二期工程总投资18.7亿元，", ["周口港中心港区二期工程"]),
    # made up from holdout2 tl3 and dev o02:
    ("实施巨日合镇污水处理厂提标改造等民生工程，道路硬化、冷却塔安装、厂区绿化等工程完工。",
     ["巨日合镇污水处理厂提标改造"]),
    # holdout3 ot3: the number of a list item is no part of the name
    ("（三）海原县10万只滩羊标准化养殖及屠宰加工项目\n", ["海原县10万只滩羊标准化养殖及屠宰加工项目"]),
    ("二、腾格里沙漠1GW光伏治沙项目\n", ["腾格里沙漠1GW光伏治沙项目"]),  # made-up numbering
])
def test_project_names(nlp, text, expected):
    assert spans(nlp(text), "projects", "Project") == expected


@pytest.mark.parametrize("text, expected", [
    ("主会场设在内蒙古蒙晟铝业有限公司年产20万吨再生铝及铝合金扁锭项目现场。", ["内蒙古蒙晟铝业有限公司"]),
    ("——记新疆华晟能源化工有限公司年产80万吨煤制烯烃项目", ["新疆华晟能源化工有限公司"]),
    # a lead-in is cut only where a name of its own remains: not 供应|链管理, not 城市建设|投资, not 泰和 (a word)
    ("内蒙古驰运供应链管理有限公司通辽冷链物流中心项目总投资4.6亿元，", ["内蒙古驰运供应链管理有限公司"]),
    ("鹿邑县尾毛化妆刷智能制造产业园项目由鹿邑县城市建设投资有限公司建设，总投资6.3亿元，",
     ["鹿邑县城市建设投资有限公司"]),
    ("积极做好内蒙古泰和镍铁新材料有限公司年产20万吨镍铁合金项目前期工作", ["内蒙古泰和镍铁新材料有限公司"]),
    # facilities and sites at the front of a project name are no brands
    ("伊吾县还为项目配套建设了日供水3万立方米的淖毛湖水厂二期工程。", []),
    ("同日开工的还有科左后旗金宝屯镇20万千瓦光伏治沙项目、通辽经济技术开发区标准化厂房三期工程等项目。", []),
    ("文旅产业“添活力”，罕山生态旅游区基础设施提升项目完工，", []),
    ("主要建设小麦淀粉、谷朊粉、葡萄糖浆生产线及配套污水处理设施", []),
    # holdout3: a production rate opening a project name is no brand
    ("年屠宰20万头肉牛及精深加工项目开工建设。", []),
    ("日熔量1200吨光伏压延玻璃项目点火投产。", []),
])
def test_company_names(nlp, text, expected):
    assert spans(nlp(text), "companies", "Company") == expected


@pytest.mark.parametrize("text, expected", [
    # a bare 开发区 after a preposition or verb refers to the zone already named
    ("6月18日，集中签约仪式在开发区管委会举行，", []),
    ("项目由凯纶生物在开发区注册成立的子公司负责建设运营，", []),  # adapted: the subsidiary's name left out
    ("将利用开发区标准化厂房屋顶建设分布式光伏，", []),
    ("项目选址阳谷经济开发区，将填补我市光通信材料领域空白。", ["阳谷经济开发区"]),
    ("作为国家循环经济示范园区和国家“城市矿产”示范基地，", []),
    # suffixes of other regions' zones
    ("建设果汁、果脯生产线和冷链仓储中心，项目落户永兴县农产品加工园。", ["永兴县农产品加工园"]),
    ("榆林煤联新材料有限公司年产60万吨煤基可降解材料项目签约落户榆横工业区，", ["榆横工业区"]),
])
def test_park_names(nlp, text, expected):
    assert spans(nlp(text), "parks", "IndustrialPark") == expected


@pytest.mark.parametrize("text", [
    # holdout3: a phase of the project named before, a notice's verbs, a programme, a cooperation
    "其中，一期年产12万吨LNG工程投资18.2亿元，计划今年12月建成投产；二期30万吨合成氨工程计划2026年开工。",
    "据了解，以氢拓新能源、谷德生物为代表的一批龙头企业已在松原布局多个项目。",
    "经旗人民政府同意，现将《科尔沁左翼后旗2025年重点项目清单（第一批）》印发给你们，请各项目责任单位对照清单倒排工期。",
    "旗发展和改革委员会负责项目调度，各责任单位于每月5日前报送项目进展情况。",
    "现将部分重点招商项目推介如下，诚邀海内外客商前来洽谈合作。",
    "建设内容：拟建年产10万吨人造石墨负极材料生产线及配套石墨化装置。",
    "开发区还与河北工业大学共建新材料中试基地，为入园企业提供检验检测服务。",
    "扩大“奈曼甘薯”品牌影响，新建标准化种植基地2万亩。",
])
def test_no_project_names(nlp, text):
    assert spans(nlp(text), "projects", "Project") == []

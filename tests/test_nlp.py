"""The nlp stage: sentence boundaries and the recognisers, on real sentences of the seed and dev
articles and on made-up sentences of the same genre (invented names: the rules must generalise)."""

import pytest

from kg import lexicon
from kg.nlp import make_nlp
from kg.nlp.base import sentence_ranges


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(lexicon.load(), model_dir=None)  # the rules alone: the learned layer is tested in test_learn


def spans(doc, group, label=None):
    return [s.text for s in doc.spans.get(group, []) if label is None or s.label_ == label]


def test_components_and_segmenter():
    lex = lexicon.load()
    assert make_nlp(lex).pipe_names[0] == "kg_sentences"
    assert "kg_quantities" in make_nlp(lex).pipe_names
    with pytest.raises(ValueError):
        make_nlp(lex, segmenter="words")


@pytest.mark.parametrize("text, sentences", [
    ("这个项目总投资231亿元，2022年计划完成投资42亿元。项目全部建成投产后，年产值615亿元。",
     ["这个项目总投资231亿元，2022年计划完成投资42亿元。", "项目全部建成投产后，年产值615亿元。"]),
    ("他说：“这是重点项目。”然后离开。", ["他说：“这是重点项目。”", "然后离开。"]),
    ("开鲁县：打造生产基地\n亮点项目：玉米循环经济产业园区\n该项目总投资120亿元；占地2000亩。",
     ["开鲁县：打造生产基地\n", "亮点项目：玉米循环经济产业园区\n", "该项目总投资120亿元；", "占地2000亩。"]),
])
def test_sentences(nlp, text, sentences):
    doc = nlp(text)
    assert [text[s:e] for s, e in sentence_ranges(doc)] == sentences
    assert [s.text for s in doc.sents] == sentences


@pytest.mark.parametrize("text, places", [
    ("在奈曼旗经安129万吨不锈钢、轧钢酸洗项目建设现场", [("奈曼旗", "county", "奈曼旗")]),
    ("科左后旗计划实施重点项目70个", [("科左后旗", "county", "科尔沁左翼后旗")]),
    ("11个项目在舞阳县集中开工。至此，漯河市今年", [("舞阳县", "county", "舞阳县"), ("漯河市", "city", "漯河市")]),
    ("场址位于道老杜苏木境内", [("道老杜苏木", "township", "")]),
    ("以甘旗卡镇商业广场、通用机场为引领", [("甘旗卡镇", "township", "")]),
    ("扎鲁特——山东青州±800千伏特高压直流输电工程",
     [("扎鲁特", "county", "扎鲁特旗"), ("山东", "province", "山东省"), ("青州", "county", "青州市")]),
    ("主要有岑溪市宸龙源纺织服装集聚区项目、岑溪市滨江石文化公园项目", [("岑溪市", "county", "岑溪市"), ("岑溪市", "county", "岑溪市")]),
    ("广东韶关市乐昌市某某项目", [("广东", "province", "广东省"), ("韶关市", "city", "韶关市"), ("乐昌市", "county", "乐昌市")]),
    # made-up: a county-level city the gazetteer lacks needs a second mention or a known place before it
    ("广东韶关市石乐市某某项目", [("广东", "province", "广东省"), ("韶关市", "city", "韶关市"), ("石乐市", "county", "")]),
    ("严格压实市旗两级党委政府责任，全县现有企业50多家，家电下乡活动", []),
    # other provinces' counties and districts (holdout): a name after a lead-in or a clause break
    ("文旅项目方面，怀集县燕都文旅小镇项目", [("怀集县", "county", "怀集县")]),
    ("在全椒县经济开发区，", [("全椒县", "county", "全椒县")]),
    ("此外，端州区肇庆星湖湾数字经济产业园、鼎湖区莲花镇预制菜加工基地等项目",
     [("端州区", "county", "端州区"), ("肇庆", "city", "肇庆市"), ("鼎湖区", "county", "鼎湖区"), ("莲花镇", "township", "")]),
    ("项目将落户四会市先进制造产业园", [("四会市", "county", "四会市")]),
    ("此外，于都县梓山富硒蔬菜产业园、瑞金市红色文化旅游综合体等项目", [("于都县", "county", "于都县"), ("瑞金市", "county", "瑞金市")]),
    ("南康区分会场上，", [("南康区", "county", "南康区")]),
    ("利用定远县丰富的岩盐资源", [("定远县", "county", "定远县")]),  # a verb before the name is no part of it
    ("今年肇庆市共安排市重点建设项目300个", [("肇庆市", "city", "肇庆市")]),  # 市 of 市重点: not a place
    ("一个项目、一名县级领导", []),
    # made-up
    ("在青溪区，一批项目签约", [("青溪区", "county", "")]),
    ("落户溪平市高新技术产业园", [("溪平市", "county", "")]),  # (平川市 would be 平川区, by its former suffix)
    ("在示范区和开发区，城区市场持续活跃", []),  # area words, not districts
    ("该项目是自治区重点项目，", []),  # seed 000: "the region" (the province), not a district named 自治
    # 内蒙, the usual short form of 内蒙古 (r22: 内蒙某某新能源 and 内蒙古某某新能源材料有限公司 are one company)
    ("内蒙青禾新能源125万吨项目开工", [("内蒙", "province", "内蒙古自治区")]),
    # a banner's customary abbreviation (places.ttl Part 3c)
    ("某某能源莫旗30万千瓦风电项目开工", [("莫旗", "county", "莫力达瓦达斡尔族自治旗")]),
    # a place found by its suffix starts after a word that ends a name (made-up)
    ("某某矽业有限公司甘旗卡砂矿项目开工", []),
    ("某某风光项目溪旗30万千瓦风电工程", []),
    # a run ending with a county the gazetteer reads only in context is no other place (made-up)
    ("海棠陇县度假酒店项目签约", []),
    # no place starts inside a word
    ("某某高浓度复合肥及保险粉项目开工", []),
    ("某某联合肥业项目开工", []),
    ("安徽合肥某某项目开工", [("安徽", "province", "安徽省"), ("合肥", "city", "合肥市")]),
])
def test_places(nlp, text, places):
    doc = nlp(text)
    assert [(s.text, s.label_, s.kb_id_) for s in doc.spans["places"]] == places


@pytest.mark.parametrize("text, places", [
    # other provinces' counties named short, where the article says where (dev o03, o02, o04; holdout h4)
    ("庆祝建党100周年梧州市2021年第二季度重大项目集中开竣工。竣工活动在市不锈钢制品产业园区设主会场,各县(市)设分会场。"
     "苍梧旺甫工业小镇21万平方米标准厂房项目",
     [("梧州市", "city", "梧州市"), ("苍梧", "county", "苍梧县")]),
    ("各县(市)设分会场。苍梧旺甫工业小镇21万平方米标准厂房项目", []),  # no city, no county
    ("山东泗水康得新复合材料有限公司的预涂膜基材生产基地建设项目",
     [("山东", "province", "山东省"), ("泗水", "county", "泗水县")]),  # right after its province
    ("莆田秀屿鑫东森纺织系列产品生产项目，总投资80亿元", [("莆田", "city", "莆田市"), ("秀屿", "county", "秀屿区")]),
    ("该项目是邻水县近年来引进的单体投资最大的工业项目。企业之所以选择落户邻水，看中的是这里靠近重庆",
     [("邻水县", "county", "邻水县"), ("邻水", "county", "邻水县"), ("重庆", "province", "重庆市")]),
    ("邻水县各重点项目工地便热闹起来。此外，华蓥山康养旅游度假区、御临河生态修复等项目已完成前期手续",
     [("邻水县", "county", "邻水县")]),  # 华蓥山 is a mountain, not 华蓥市
    # in full (holdout h5)
    ("3月18日，赣州市2024年第一季度重大项目集中开工仪式在信丰县举行。",
     [("赣州市", "city", "赣州市"), ("信丰县", "county", "信丰县")]),
    # names several counties share: the article's city or province decides, or nothing does (made-up)
    ("南京市鼓楼区一批项目集中签约", [("南京市", "city", "南京市"), ("鼓楼区", "county", "南京市鼓楼区")]),
    ("福建省重点项目中，鼓楼区软件园二期开工", [("福建省", "province", "福建省"), ("鼓楼区", "county", "福州市鼓楼区")]),
    ("鼓楼区软件园二期开工", [("鼓楼区", "county", "")]),  # a county-level place, but which one the text does not say
    ("北京市重点工程中，在通州建设的项目", [("北京市", "province", "北京市"), ("通州", "county", "北京市通州区")]),
    ("南通市重点工程中，在通州建设的项目", [("南通市", "city", "南通市"), ("通州", "county", "南通市通州区")]),
    ("在通州建设的项目", []),
    ("徐州市今年的重点项目在沛县开工", [("徐州市", "city", "徐州市"), ("沛县", "county", "沛县")]),  # two characters in full
    ("今年的重点项目在沛县开工", []),
    # common words that are also county names are never places; nor is a county's name inside a word (made-up)
    ("南昌市新建年产10万吨项目，东方电气、吉利汽车参与", [("南昌市", "city", "南昌市")]),
    ("阳泉市城区和郊区的老城区改造", [("阳泉市", "city", "阳泉市")]),
    ("济宁市压实责任城市更新项目", [("济宁市", "city", "济宁市")]),  # 任城 (任城区) inside 责任城市
    ("通辽市场监管局", [("通辽", "city", "通辽市")]),  # 市 begins 市场
    ("浙西山区发展生态旅游", []),  # 西 + 山区, not 西山区 (昆明)
    ("项目落户在西山区", [("西山区", "county", "西山区")]),
    # holdout4 ot4: a short name alone in its clause after a lead-in, with only its province named
    ("山西省重点项目：在山阴，某公司项目开工", [("山西省", "province", "山西省"), ("山阴", "county", "山阴县")]),
    # or ends a list item or a sentence there
    ("四川省重点项目开工，一批项目落户蓬安、一批项目加快推进", [("四川省", "province", "四川省"), ("蓬安", "county", "蓬安县")]),
    ("山阴某公司项目开工", []),
    # a headline writes the province's one-character abbreviation before a county
    ("晋山阴重点项目完成投资13亿元\n某公司项目开工", [("山阴", "county", "山阴县")]),
    # r8 (高县, 2014): a county whose name is a word too, right after its province's abbreviation or its city
    ("川高县重点项目完成投资13亿元\n某公司项目开工", [("高县", "county", "高县")]),
    ("宜宾高县重点项目开工", [("宜宾", "city", "宜宾市"), ("高县", "county", "高县")]),
    ("提高县域经济水平，四川省项目开工", [("四川省", "province", "四川省")]),
    # or before a development zone's suffix where a name can start (r9)
    ("近日，古县经济技术开发区某某项目开工", [("古县", "county", "古县")]),
    # r7, r15: a short name alone in brackets inside a park's name says where the park is, its province named
    ("广东东莞石碣(兴宁)产业转移工业园正在推进建设", [("广东", "province", "广东省"), ("东莞", "city", "东莞市"),
                                         ("兴宁", "county", "兴宁市")]),
    ("石碣(兴宁)产业转移工业园正在推进建设", []),  # nothing places it: no county
    # r20 (平邑, 2021): a county's short name before a zone's suffix, where a name can start, names its zone
    ("全县重点项目集中开工仪式在平邑经济开发区温水园区隆重举行", [("平邑", "county", "平邑县")]),
    ("某市重点项目在平邑新材料产业园开工", []),  # a park a county's name opens is not yet the county's zone
    # but not where the article names places and none is that county's (明水: a subdistrict of 章丘 too)
    ("济南市章丘区重点项目在明水经济技术开发区开工", [("济南市", "city", "济南市"), ("章丘区", "county", "章丘区")]),
    ("山东省某市项目。古县经济技术开发区某某项目开工", [("山东省", "province", "山东省")]),
    ("在鼓楼经济开发区举行", []),  # several counties so named
    # holdout4 ot2: a city plus 片区 is a zone of the city, not a district
    ("在中国（广西）自由贸易试验区钦州港片区，项目开工", [("广西", "province", "广西壮族自治区"), ("钦州", "city", "钦州市")]),
])
def test_places_in_context(nlp, text, places):
    doc = nlp(text)
    assert [(s.text, s.label_, s.kb_id_) for s in doc.spans["places"]] == places


@pytest.mark.parametrize("text, expected", [
    ("该项目由河北毕氏实业集团有限公司投资建设", ["河北毕氏实业集团有限公司"]),
    ("该项目由国家电投集团内蒙古公司所属通辽市青格洱新能源有限公司开发建设",
     ["国家电投集团", "国家电投集团内蒙古公司", "通辽市青格洱新能源有限公司"]),
    ("天阳新材料（内蒙古）有限公司位于科左后旗，是天阳科技全资投资的硅砂开采企业",
     ["天阳新材料（内蒙古）有限公司", "天阳科技"]),
    ("中化学（内蒙古）新材料有限责任公司30万吨/年乙二醇项目。", ["中化学（内蒙古）新材料有限责任公司"]),
    ("以铜联铝材、创源金属为代表的龙头企业先行示范", ["铜联铝材", "创源金属"]),
    ("开鲁县因地制宜引进圣达、玉玉、善和等多家生物医药企业", ["圣达", "玉玉", "善和"]),
    ("可为奥邦玻璃、宝玻璃等园区内下游用电企业提供充足电力保障", ["奥邦玻璃", "宝玻璃"]),
    ("湖北南桂铝业一季度订单同比增长34%", ["湖北南桂铝业"]),
    ("可有效消化西洋公司生产过程中产生的磷石膏废渣", ["西洋公司"]),
    # not companies: government bodies, universities, associations, industries
    ("通辽市发展改革委、江南大学、中国生物发酵产业协会和霍林郭勒高新区管委会", []),
    ("纺织、日用轻工等行业企业开工率分别为86.8%、87.4%", []),
    # made-up
    ("该项目由江苏瑞丰新材料股份有限公司和浙江华宇控股集团有限公司共同投资建设",
     ["江苏瑞丰新材料股份有限公司", "浙江华宇控股集团有限公司"]),
    ("以金禾铝业、北辰新材为代表的企业加快发展", ["金禾铝业", "北辰新材"]),
    # lead-ins and relations are no part of a name (holdout)
    ("据恒拓新材料负责人介绍，项目计划2025年6月建成投产", ["恒拓新材料"]),
    ("该项目由禾润生物投资建设", ["禾润生物"]),
    ("由深圳华睿控股集团旗下子公司赣州华睿电子科技有限公司投资建设的年产2000万片柔性电路板项目",
     ["深圳华睿控股集团", "赣州华睿电子科技有限公司"]),
    ("宏力风电是江苏宏力复合材料集团在内蒙古设立的全资子公司", ["江苏宏力复合材料集团"]),
    # made-up
    ("据青禾食品负责人介绍", ["青禾食品"]),
    ("由浙江远山控股集团旗下子公司杭州远山电子有限公司投资建设", ["浙江远山控股集团", "杭州远山电子有限公司"]),
    # a place and a trade before a bare 公司 is a description, not a name (seed 003); a legal name is kept
    ("在奈曼旗新材料公司项目建设现场，带动就业300余人", []),
    ("溪平县能源公司负责运营", []),
    ("由溪平县华鼎能源有限公司投资建设", ["溪平县华鼎能源有限公司"]),
    ("近年来，青山市也成为青禾集团的投资热土", ["青禾集团"]),
    # a bare 公司 after a reference is no name (CV misses); made-up
    ("这家公司负责运营，与我公司签约的合资公司开工", []),
    # 工程 is a trade: a lead-in (建设) is not cut off where only the trade would be left (r24)
    ("由贵州青禾工程建设有限责任公司、贵州溪合建设工程有限责任公司承建。",
     ["贵州青禾工程建设有限责任公司", "贵州溪合建设工程有限责任公司"]),
    # "来自" (comes from) opens no company's name (r22)
    ("有一个项目来自吉林青禾清洁能源有限公司液化天然气(LNG)项目，总投资5亿元。", ["吉林青禾清洁能源有限公司"]),
    # a verb whose object is the company (出席, 考察) opens no name; "大企业、大集团" are no names (r26, r27)
    ("部长张某在某镇出席青禾集团6000头种猪场项目开工仪式。", ["青禾集团"]),
    ("吸引了一大批国内大企业、大集团投资合作。", []),
    ("建成了青禾工贸、岚骁灯饰等企业7家。", ["青禾工贸", "岚骁灯饰"]),  # 了 opens no name (r27)
])
def test_companies(nlp, text, expected):
    assert sorted(spans(nlp(text), "companies")) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    ("位于奈曼工业园区A区循环经济产业园，总投资180亿元", ["奈曼工业园区", "奈曼工业园区A区循环经济产业园"]),
    ("霍林郭勒高新技术产业开发区一角。", ["霍林郭勒高新技术产业开发区"]),
    ("增量配电网项目是科左后旗产业园区提升电力基础设施的核心工程", ["科左后旗产业园区"]),
    ("在梧州市不锈钢制品产业园区举行", ["梧州市不锈钢制品产业园区"]),
    ("京东（梧州）数字产业园", ["京东（梧州）数字产业园"]),
    ("吉源热电有限公司工业园区热电联产项目", []),  # the company's unnamed park
    # a chemical park, a cooperation park (holdout); made-up
    ("扎鲁特旗:位于扎鲁特旗煤化工园区的80万吨/年煤制乙醇项目开工建设。", ["扎鲁特旗煤化工园区"]),
    ("项目落户高滩川渝产业合作园，总投资5亿元。", ["高滩川渝产业合作园"]),
    ("项目落户青山盐化工园区，总投资5亿元。", ["青山盐化工园区"]),
    ("科尔沁、霍林郭勒、奈曼、开鲁等重点工业园区的支撑作用明显增强", []),
    ("成功创建现代农业产业园及各类科技创新平台", []),
    # coordinated names: two parks, or a county and a zone
    ("重点打造绿色低碳镍铁产业园区和风电装备制造产业园区，加快", ["绿色低碳镍铁产业园区", "风电装备制造产业园区"]),
    ("观摩团走进霍林郭勒市，扎鲁特旗、科左中旗和通辽经济技术开发区项目建设一线", ["通辽经济技术开发区"]),
    # a preposition inside the run: where an event happens, not part of the park's name
    ("当天，梧州市2021年第二季度重大项目集中开竣工活动在市不锈钢制品产业园区设主会场", ["市不锈钢制品产业园区"]),
    # made-up
    ("项目落户白音察干经济开发区", ["白音察干经济开发区"]),
    ("建设星河陶瓷产业园区及青松食品工业园区", ["星河陶瓷产业园区", "青松食品工业园区"]),
    ("签约活动在县新材料产业园举行", ["县新材料产业园"]),
    # holdout4 tl3: "走进开发区" is the zone already named, the visit's destination
    ("走进开发区铝产业园，某公司项目正在安装设备", ["开发区铝产业园"]),
    # a verb or adverb before the name, or a predicate after it, is no part of it (real r3, r6, r2; made-up)
    ("围绕承接产业转移，重点就青禾产业园进行招商。", ["青禾产业园"]),
    ("将进一步打开青山经开区的发展空间", ["青山经开区"]),
    ("青山经济开发区低碳生态园位于开发区核心区域", ["青山经济开发区", "青山经济开发区低碳生态园"]),
    # zones named 经合区, 科技新城, 科创园区, 高新技术园区
    ("项目落户青禾经合区，总投资5亿元。", ["青禾经合区"]),
    ("项目落户青山美安科技新城，总投资5亿元。", ["青山美安科技新城"]),
    ("项目落户青松科创园区，总投资5亿元。", ["青松科创园区"]),
    # a verb or adverb before the name is no part of it (此次, 助力, 保障, 进入 …)
    ("此次青禾新兴产业园共签约项目8个。", ["青禾新兴产业园"]),
    ("2个项目落地青山产业园，助力青山产业园高质量发展。", ["青山产业园", "青山产业园"]),
    # nor a particle or a signing verb (形成了, 标志着, 签订)
    ("这标志着青禾工业园区进入新阶段。", ["青禾工业园区"]),
    ("此前已形成了青禾工业园区的框架。", ["青禾工业园区"]),
    ("双方签订青山产业园合作协议。", ["青山产业园"]),
    ("日前，记者从青禾工业园区管委会获悉。", ["青禾工业园区"]),
    ("其中经开区新开工项目12个。", []),  # 其中 + a bare suffix: the zone already named
    ("打造千亿工业园区。", []),  # a size class names no park
    ("该区被评为河南省二星级产业集聚区。", []),  # nor a province and a rank
    # a project, a firm or a facility before 和/及 is a complete name, not the park's start; 到 is no part of one
    ("重点推进政府PPP项目和青禾工业集中区建设。", ["青禾工业集中区"]),
    ("引进总部及服装产业园。", ["服装产业园"]),
    ("从青禾装备制造基地到青山经济开发区。", ["青山经济开发区"]),
])
def test_parks(nlp, text, expected):
    assert spans(nlp(text), "parks") == expected


@pytest.mark.parametrize("text, expected", [
    # a head word ends a name; lead-ins are cut
    ("在奈曼旗经安129万吨不锈钢、轧钢酸洗项目建设现场，规模巨大的工地蔚为壮观。", ["奈曼旗经安129万吨不锈钢、轧钢酸洗项目"]),
    ("汰淅1.5万吨高铝料资源综合利用项目、亚欧年产8万吨光伏铝组件材料项目等一众铝后精深加工项目正在抢抓工期。",
     ["汰淅1.5万吨高铝料资源综合利用项目", "亚欧年产8万吨光伏铝组件材料项目"]),
    ("总投资16亿元的库伦旗和开鲁40万吨电熔镁砂源网荷储一体化项目也正在抓紧施工。",
     ["库伦旗和开鲁40万吨电熔镁砂源网荷储一体化项目"]),
    ("兴建360万吨/年玉米深加工项目、原料药和生物大健康系列产品项目、60万吨粮食仓储库及配套设施建设项目和2×100MW热电联产项目。",
     ["360万吨/年玉米深加工项目", "原料药和生物大健康系列产品项目", "60万吨粮食仓储库及配套设施建设项目", "2×100MW热电联产项目"]),
    ("山推机械有限公司的重装叉车、桩工机械项目已累计完成投资5.1亿元", ["重装叉车、桩工机械项目"]),
    ("宁德新能源科技锂电池项目四期，总投资66亿元", ["宁德新能源科技锂电池项目四期"]),
    ("岷通燃气天然气管道项目（通辽至霍林河）预计在4月份前办理完毕所有前期手续", ["岷通燃气天然气管道项目（通辽至霍林河）"]),
    ("亮点项目：100万千瓦外送风电基地项目（扎鲁特旗道老杜50万千瓦）", ["100万千瓦外送风电基地项目", "扎鲁特旗道老杜50万千瓦"]),
    ("扎鲁特——山东青州±800千伏特高压直流输电工程为2017年明星项目", ["扎鲁特——山东青州±800千伏特高压直流输电工程"]),
    # lists say what their items are
    ("开鲁源网荷储一体化、华能风光储氢一体化、锦联低碳铝、经安不锈钢等31个项目通过网络集中签约",
     ["开鲁源网荷储一体化", "华能风光储氢一体化", "锦联低碳铝", "经安不锈钢"]),
    ("以大青沟创建国家AAAAA级旅游景区、联众旅游度假区、僧格林沁王府保护修复等项目为抓手",
     ["大青沟创建国家AAAAA级旅游景区", "联众旅游度假区", "僧格林沁王府保护修复"]),
    ("以甘旗卡镇商业广场、通用机场、省道305线、207线升级改造项目为引领", ["甘旗卡镇商业广场", "通用机场", "省道305线、207线升级改造项目"]),
    ("霍煤鸿骏火电灵活性改造、道老杜50万千瓦风电项目并网发电", ["霍煤鸿骏火电灵活性改造", "道老杜50万千瓦风电项目"]),
    ("主要有田七家化项目、京东（梧州）数字产业园、修正梧州医药贸易流通总部等；",
     ["田七家化项目", "京东（梧州）数字产业园", "修正梧州医药贸易流通总部"]),
    ("龙马风电装备制造、绿色合成生物和绿电替代三大基地建设", ["龙马风电装备制造", "绿电替代"]),
    ("查草高速全线基本建成，交通大动脉更加畅通", ["查草高速"]),
    ("内蒙古金玉锋公司建设的玉米循环经济产业园区，占地面积2000亩", ["玉米循环经济产业园区"]),
    ("在奈曼旗东方晶硅新材料产业园，内蒙古兴国科技有限公司的项目建设现场一片繁忙。", ["内蒙古兴国科技有限公司的项目"]),
    ("创源40万吨轻质高强铝合金材料总投资1.6亿元，年度计划投资0.8亿元", ["创源40万吨轻质高强铝合金材料"]),
    # not names: generic words, counts, categories, equipment, events, slogans, works of a project
    ("全市计划实施重点项目558个，总投资1762亿元", []),
    ("产业项目44项，占比超60%，总投资约227.86亿元", []),
    ("通辽市在推进招商引资和重大项目建设的激扬鼓点中，积极引导社会资本参与垃圾处理、交通运输等重大工程", []),
    ("采用短流程铸造工艺建设2条生产线", []),
    ("庆祝建党100周年梧州市2021年第二季度重大项目集中开竣工", []),
    ("开鲁县：打造国家级原料药和医药中间体生产基地", []),
    ("道路硬化、冷却塔安装、车间外墙装饰、厂区绿化等工程完工", []),
    ("智慧物流园区、城乡配送网络、冷链物流设施等项目加快建设", []),
    ("以打造“养殖专业化、生产标准化、草畜一体化”的现代草畜产业为理念", []),
    ("在奈曼旗新材\n料公司项目建设现场，带动就业300余人", []),  # a broken line: "公司" names nothing
    # made-up sentences of the genre
    ("在科左中旗远景能源50万千瓦风电项目建设现场，塔吊林立。", ["科左中旗远景能源50万千瓦风电项目"]),
    ("嘉润铝业年产30万吨再生铝项目、北辰新材5万吨高纯石英砂项目等重点项目顺利推进",
     ["嘉润铝业年产30万吨再生铝项目", "北辰新材5万吨高纯石英砂项目"]),
    ("其中，总投资45亿元的芜湖星辰汽车零部件产业园项目，将建设年产50万套电驱系统生产线", ["芜湖星辰汽车零部件产业园项目"]),
    ("星河公司年产5万吨石英砂项目开工", ["星河公司年产5万吨石英砂项目"]),
    # a dateline "Place:" opens the news, not a slogan (holdout); a lead-in is cut
    ("霍林郭勒市:内蒙古恒拓新材料有限公司年产15万吨高端铝合金板带项目当天破土动工。",
     ["内蒙古恒拓新材料有限公司年产15万吨高端铝合金板带项目"]),
    ("这里是蒙源牧歌乳业（通辽）有限公司日处理鲜奶1500吨乳制品加工项目的建设现场。",
     ["蒙源牧歌乳业（通辽）有限公司日处理鲜奶1500吨乳制品加工项目"]),
    # a production line without owner, place or figure is equipment of the project under discussion
    ("将建设2座光伏玻璃窑炉，并配套石英砂提纯生产线", []),
    # made-up
    ("青山县：青禾食品有限公司年产5万吨果汁项目开工。", ["青禾食品有限公司年产5万吨果汁项目"]),
    ("青山县：打造绿色食品加工基地", []),
    # works of a project and what products go to are not projects (holdout); made-up
    ("目前路基工程已完成70%。", []),
    ("投产后，产品将主要供应通辽及周边地区的风电基地，年产值约8亿元。", []),
    ("目前桥梁工程已完成一半，产品供应周边的光伏基地。", []),
    ("青山50万千瓦风电基地开工建设。", ["青山50万千瓦风电基地"]),
    # a road section, the subject of its length (holdout); made-up
    ("交通项目加速推进。渝邻快速通道邻水段全长27.6公里，由邻水县交通运输局牵头实施，估算总投资约18亿元。", ["渝邻快速通道邻水段"]),
    ("青平快速路青山段全长12公里，总投资9亿元。", ["青平快速路青山段"]),
    ("该快速路全长12公里。", []),
    # the projects of several places together are no project (holdout headline); made-up
    ("绿色产业“链”上发力 科左两旗项目建设热潮涌动", []),
    ("青山三县项目集中开工。", []),
    # a verb taking 项目 as its object names none (real r6, r8; made-up)
    ("青山县始终将项目建设作为发展的第一抓手。", []),
    ("积极拓宽项目融资渠道，努力提高项目质量。", []),
])
def test_project_names(nlp, text, expected):
    assert spans(nlp(text), "projects", "Project") == expected


@pytest.mark.parametrize("text, refs", [
    ("该项目由河北毕氏实业集团有限公司投资建设，是自治区重点项目", ["该项目"]),
    ("这个项目总投资231亿元。项目全部建成投产后，年产值615亿元", ["这个项目", "项目"]),
    ("推动项目建设", []),  # 项目 not opening a clause is no reference
])
def test_project_references(nlp, text, refs):
    assert spans(nlp(text), "projects", "ProjectRef") == refs


@pytest.mark.parametrize("text, brands", [
    ("联晟80万吨电池箔及配套坯料项目、靖帆年产9万吨铝板基深加工新材料项目等项目", ["联晟", "靖帆"]),
    ("梅花生物淀粉糖、玉王生物二期等31个项目", ["梅花", "玉王生物"]),
    ("实施国电投热电联产、市医院新院区建设等公共服务补短板项目146个", ["国电投"]),
    ("深圳海能动力高充放镍氢动力电池项目计划分两期建设", ["深圳海能动力"]),
    ("在运达风电增量配电网项目现场建设", ["运达风电"]),
    ("当天，亿纬动力六、七、八、九厂区建成投产", ["亿纬动力"]),
    ("蒙药股份珍宝丸智能生产线建成", ["蒙药股份"]),
    ("科左中旗珠日河50万千瓦风电项目施工现场。", []),  # a river, not a brand
    ("钒钛新材料及储能一体化项目正在进行土地平整", []),  # a material, not a brand
    ("岑溪市东融新纺织产业园物流中心项目", []),  # a park, not a brand
    ("霍煤鸿骏火电灵活性改造、道老杜50万千瓦风电项目并网发电", ["霍煤鸿骏"]),  # 道老杜: a wind farm's site
    ("亮点项目：100万千瓦外送风电基地项目（扎鲁特旗道老杜50万千瓦）", []),
    ("蒙东（通辽）风电装备制造产业基地。", []),  # a region
    ("昌图新能源再生利用项目。", []),  # a county of Liaoning (gazetteer)
    ("经济技术开发区引进英利650MW高效光伏组件智能生产线", ["英利"]),  # a maker before a capacity: a brand
    ("主要有京东（梧州）数字产业园项目", ["京东"]),
    # made-up
    ("奈曼旗宏图年产5万吨高纯石英砂项目开工", ["宏图"]),
    ("白音花20万千瓦光伏发电项目并网", []),
    ("在某旗青山镇华能30万千瓦风电项目现场", ["华能"]),  # a township says where: the rest is who
    ("苏北（徐州）新能源装备制造基地", []),
    # a site named after a person or a place: no owner
    ("以联众旅游度假区、僧格林沁王府保护修复等项目为抓手", []),
    ("青山古城遗址保护利用项目开工", []),
    ("双汇第二工业园高温火腿肠自动挑拣包装智能化改造项目", ["双汇"]),  # a company's own park: its owner
    # a city and two trade words name a company; a county and trade words say where and what
    ("宁德新能源科技锂电池项目四期，总投资66亿元", ["宁德新能源科技"]),
    ("厦门新能源科技储能电池项目开工", ["厦门新能源科技"]),
    ("厦门新能源汽车产业园项目开工", []),
    ("奈曼旗新能源科技储能项目开工", []),
    # not brands (holdout): a count, a place the article names, a product, a site
    ("东风镇万头肉牛育肥场项目", []),
    ("由浙江晶石玻璃集团投资的凤阳超薄电子玻璃项目已完成土地摘牌。凤阳县则把目光投向硅基材料。", []),
    ("此外，永昌县肉羊屠宰加工、骊靬古城文旅综合体等项目正加快建设", []),
    ("江苏远航电缆集团投资建设的特种电缆智能制造项目一期主体工程已经完工", []),
    ("塔敏查干沙漠光伏治沙项目", []),
    ("由深圳晶澜光电科技股份有限公司投资兴建的超白光伏玻璃基板项目同日开工", []),
    ("蒙源牧歌科左中旗乳业全产业链项目总投资约20亿元", ["蒙源牧歌"]),  # the brand ends at the place
    # made-up
    ("青川镇千头生猪养殖项目开工", []),
    ("平山县白云湖湿地保护项目", []),
    ("青峰超白玻璃项目开工", ["青峰"]),
    # a code (G60) belongs to the name; a school named after its field; a material or a descriptor (r23, r24)
    ("溪合G60科创产业园项目开工", []),
    ("青禾农牧科技技术学院校园提质改造项目开工", []),
    ("高分子电缆材料及新型电缆设备制造项目签约", []),
    ("零碳智慧园区项目开工", []),
    ("航天用超大型铝合金锻件项目开工", []),  # a size or a rank ends no brand
    ("盟级重点产业项目开工", []),
    # a word jieba's dictionary tags as a proper noun of a firm's kind opens the name: its brand
    ("海尔现代智慧健康谷项目开工", ["海尔"]),
    ("澳柯玛总部基地项目开工", ["澳柯玛"]),
    ("智慧康养产业园项目开工", []),  # 智慧 is tagged as a person's name, not a firm's
    ("岚东石化60万吨重质油综合利用项目开工", ["岚东石化"]),  # 石化 is a trade, not a description ending in 化
    ("当天，记者在赤峰岚骁产业园禾嵘乳制品加工项目建设现场看到", ["禾嵘"]),  # the park says where, the brand follows
    # the short name of a county the article names ends the brand (五华 of 五华县)
    ("五华县今年开工项目10个。岚骁五华新型建材产业园项目开工", ["岚骁"]),
    # generic words only, or two countries, are no brand
    ("低碳数智渔业产业园项目开工", []),
    ("中俄通用飞机制造厂一期项目开工", []),
])
def test_brands(nlp, text, brands):
    doc = nlp(text)
    legal = [s for s in doc.spans["companies"] if s.text.endswith(("公司", "集团"))]
    assert [s.text for s in doc.spans["companies"] if s not in legal] == brands


@pytest.mark.parametrize("text, captions", [
    ("东方晶硅新材料项目一期1号线开始试生产。邵南 摄\n正文第一句，说明情况。",
     ["东方晶硅新材料项目一期1号线开始试生产。邵南 摄"]),
    ("霍林河循环经济四期20万千瓦风电项目。\n吴云鹏 摄\n", ["霍林河循环经济四期20万千瓦风电项目。"]),
    ("霍林郭勒市高新技术开发区一角（霍林郭勒市委宣传部提供）\n", ["霍林郭勒市高新技术开发区一角（霍林郭勒市委宣传部提供）"]),
    ("正文第一句，说明情况。第二句也在这里。\n", []),
    ("城南片区棚户区改造、县人民医院新院区建设等民生项目也同步开工。\n", []),  # one sentence, but it says something
])
def test_captions(nlp, text, captions):
    assert spans(nlp(text), "captions") == captions


def test_caption_facility_is_a_project(nlp):
    assert spans(nlp("开鲁县开源农事服务中心。\n"), "projects", "Project") == ["开鲁县开源农事服务中心"]
    assert spans(nlp("这里建设了开源农事服务中心，方便群众。"), "projects", "Project") == []


def test_chain_names(nlp):
    doc = nlp("镍基循环新材料产业链重点项目推进顺利；发展特色旅游产业。")
    assert [(s.text, s.kb_id_) for s in doc.spans["chains"]] == [
        ("镍基循环新材料", "nickel"), ("特色旅游", "culture-tourism")]


def test_jieba_segmentation_loses_names_inside_words():
    """With jieba a name whose edge falls inside a jieba word has no span: the reason char is the default."""
    lex = lexicon.load()
    text = "在奈曼旗经安129万吨不锈钢、轧钢酸洗项目建设现场"
    char = spans(make_nlp(lex, "char", model_dir=None)(text), "projects", "Project")
    jieba = spans(make_nlp(lex, "jieba", model_dir=None)(text), "projects", "Project")
    assert char == ["奈曼旗经安129万吨不锈钢、轧钢酸洗项目"]
    assert set(jieba) <= set(char)


def test_a_one_character_county_before_a_township_is_the_county(nlp):
    # 莒县 alone needs its city or province named; written as an address, before a township, it is the county
    doc = nlp("本报讯 近日，莒县青山乡举行项目集中签约仪式。助力青山乡高质量发展，青山乡将做好服务。")
    found = [(s.text, s.label_, s.kb_id_) for s in doc.spans["places"]]
    assert ("莒县", "county", "莒县") in found
    assert [t for t, level, _ in found if level == "township"] == ["青山乡"] * 3  # not 莒县青山乡, 助力青山乡


def test_a_signing_verb_is_no_part_of_a_project_name(nlp):
    doc = nlp("吕梁经济技术开发区管委会和青山医疗设备有限公司签署智能洗肺机生产项目。")
    assert spans(doc, "projects") == ["智能洗肺机生产项目"]


@pytest.mark.parametrize("name, brand", [
    ("禾嵘机电技改扩能项目", ["禾嵘"]),  # no stop word: the characters the dictionary knows as no word
    ("岚骁医疗养老中心项目", ["岚骁"]),
    ("老旧小区改造项目", []),  # a description, though the dictionary splits 老旧
    ("冷链物流中心项目", []),
])
def test_a_brand_opening_a_project_name_is_what_the_dictionary_knows_as_no_word(nlp, name, brand):
    assert spans(nlp(f"今年，{name}开工建设。"), "companies") == brand


@pytest.mark.parametrize("name", ["县职中基础能力建设项目", "虢禾河两岸生态环境治理项目", "庆嵘东区财富半岛市政基础设施建设项目",
                                  "嵘蓬营一级公路建设项目", "禾嵘铁路南段项目", "滇西医疗物资应急储备库建设项目"])
def test_unknown_characters_opening_a_name_are_no_brand_when_they_name_a_place(nlp, name):
    assert spans(nlp(f"今年，{name}开工建设。"), "companies") == []


@pytest.mark.parametrize("text", ["促进当地由老工业基地向新兴产业集聚区转变。", "该区于2012年升级为国家级开发区。",
                                  "综合实力稳居全省产业园区前列。", "这将不仅完善开发区功能。", "此次开工的物流园区占地300亩。"])
def test_a_verb_or_preposition_before_a_park_suffix_leaves_no_park_name(nlp, text):
    assert spans(nlp(text), "parks") == []


@pytest.mark.parametrize("text, parks", [
    # r2, r17 (CV misses): a quantifier, a count or a province alone before the suffix names no park; made-up
    ("吕梁市各开发区要加快建设", []),
    ("全市建成1个商贸物流园区和2个农副产品加工集中区", []),
    ("山西省开发区建设大会召开", []),
    ("中国开发区协会年会举行", []),
    ("项目落户交城县开发区", ["交城县开发区"]),  # a county's zone, written short
    ("项目落户吉林经开区", ["吉林经开区"]),  # r17: a province's name, but one zone (of 吉林市)
    # r25-r27 (CV misses): a verb before the suffix, or only generic words, name no park; made-up
    ("副县长李某要求青禾工业园区加快建设", ["青禾工业园区"]),
    ("项目建成后将满足产业园用电需求", []),
    ("配套国际产业园基础设施", []),
    ("建设冷链物流园区一处", []),
    ("建设年产20万吨铝棒、10万吨再生铝产业园基地项目", []),  # a capacity opens what a project makes
])
def test_a_count_a_quantifier_or_a_province_alone_names_no_park(nlp, text, parks):
    assert spans(nlp(text), "parks") == parks


def test_a_count_after_a_list_makes_its_items_projects(nlp):
    doc = nlp("其中，青山镇负责实施重点项目11个，省警察学院建设、青禾冷冻食品加工基地、道地中药饮片生产线3个项目已开工建设。")
    assert [s.text for s in doc.spans["projects"]] == ["省警察学院建设", "青禾冷冻食品加工基地", "道地中药饮片生产线"]
    assert [s.text for s in nlp("青山镇负责实施重点项目11个，已开工建设。").spans["projects"]] == []
    # r21 (商洛, 2010): a count after a verb ends no list of names (the visitors are no projects); made-up
    doc = nlp("市上领导王青松、李青山、张青禾和全体与会代表在两县观摩了5个新上重大项目。")
    assert [s.text for s in doc.spans["projects"]] == []


@pytest.mark.parametrize("text", ["青禾股份有限公司董事长王青山介绍项目情况。", "吉林市始终保持项目建设的好势头。",
                                  "澳商股东汤姆等出席项目奠基仪式并为项目培土。", "三方就项目合作达成一致。"])
def test_a_verb_before_the_head_makes_it_an_object_not_a_name(nlp, text):
    # CV misses (r1, r6, r15, r17): the speaker, the visitors, the parties are no project; made-up
    assert spans(nlp(text), "projects") == []


@pytest.mark.parametrize("text, names", [
    # r19, r1 (CV misses): a park or company, then 在/就: the subject of the clause, not part of the name; made-up
    ("青山高新区在青禾智能风机制造项目现场举行签约。", ["青禾智能风机制造项目"]),
    ("山东青禾集团就新型硬质铝合金项目与该县签约。", ["新型硬质铝合金项目"]),
    ("内蒙古青禾在线科技有限公司数据中心项目开工。", ["内蒙古青禾在线科技有限公司数据中心项目"]),  # 在 inside a name
])
def test_a_subject_and_where_or_about_what_opens_no_name(nlp, text, names):
    assert spans(nlp(text), "projects") == names


def test_every_item_of_a_bare_list_loses_its_lead_in(nlp):
    # r2 (叶城, 2016): "A项目、B公司在某地投资1.5亿元建设C项目等"; made-up
    doc = nlp("包括青禾新能源有限公司在叶城投资2.5亿元建设青禾光伏发电项目、青山文化用品有限公司在叶城投资1.5亿元建设"
              "有机矿物质冰川水生产项目等。")
    assert [s.text for s in doc.spans["projects"]] == ["青禾光伏发电项目", "有机矿物质冰川水生产项目"]


def test_a_chemicals_locants_are_no_clause_break(nlp):
    # shared-n n07: "1,4丁二醇" (the comma between locants), but "12,500个" keeps its thousands; made-up
    doc = nlp("投资86亿元，建设年产30万吨1,4丁二醇及配套项目。")
    assert [s.text for s in doc.spans["projects"]] == ["年产30万吨1,4丁二醇及配套项目"]


def test_one_of_ends_a_lead_in(nlp):
    doc = nlp("吴江开发区项目之一青禾家居用品（苏州）有限公司项目开工。")
    assert [s.text for s in doc.spans["companies"]] == ["青禾家居用品（苏州）有限公司"]


@pytest.mark.parametrize("text", ["今年共引进台资项目12个。", "推动一批高水平服务项目落地。", "推进外迁项目建设。",
                                  "园区引进了众多优质项目。", "力争以最快速度建成项目。"])
def test_a_name_of_generic_words_only_is_no_project(nlp, text):
    assert spans(nlp(text), "projects") == []


@pytest.mark.parametrize("text, name", [
    ("其中，总投资150亿元青禾磷酸铁锂项目已开工。", "青禾磷酸铁锂项目"),
    ("该区也包含自贸试验区临空区块基础设施项目。", "自贸试验区临空区块基础设施项目"),
    ("此次落地青山海洋产业基地项目。", "青山海洋产业基地项目"),
    ("本次青山经济技术开发区共有青禾纺织全产业链项目开工。", "青禾纺织全产业链项目"),
])
def test_an_amount_or_a_verb_before_a_project_name_is_cut(nlp, text, name):
    assert spans(nlp(text), "projects") == [name]


def test_the_names_that_represent_a_batch_of_projects_are_projects(nlp):
    doc = nlp("以青禾新能源一体化循环利用、青山碳化硅为代表的17个亿元以上项目集中开工建设。")
    assert spans(doc, "projects") == ["青禾新能源一体化循环利用", "青山碳化硅"]
    doc = nlp("以青禾铝材、青山金属为代表的龙头企业先行示范。")  # a batch of firms: companies
    assert spans(doc, "projects") == [] and spans(doc, "companies") == ["青禾铝材", "青山金属"]


def test_names_representing_firms_that_build_projects_stay_firms(nlp):
    doc = nlp("据了解，以青禾新能源、青山生物为代表的一批龙头企业已在松原布局多个项目。")
    assert spans(doc, "projects") == [] and spans(doc, "companies") == ["青禾新能源", "青山生物"]


def test_a_legal_suffix_after_one_character_is_the_cut_end_of_a_name(nlp):
    companies = nlp.get_pipe("kg_companies")
    assert not companies.acceptable("业有限公司", "业")
    assert not companies.acceptable("园有限公司", "园")
    assert companies.acceptable("青禾有限公司", "青禾")


def test_a_reporter_is_no_part_of_a_project_name(nlp):
    doc = nlp("当天，记者在赤峰岚骁产业园禾嵘乳制品加工项目建设现场看到，车间已完工。")
    assert spans(doc, "projects") == ["赤峰岚骁产业园禾嵘乳制品加工项目"]


def test_a_quoted_project_name_keeps_its_first_character(nlp):
    # 和 opens a name only as a lead-in; inside quotation marks the name is whole
    doc = nlp("总投资2.6亿元的省百大项目“和岚生物质发电项目”，选址在开鲁县工业园区。")
    assert "和岚生物质发电项目" in spans(doc, "projects", "Project")


@pytest.mark.parametrize("text, places", [
    ("项目选址位于青禾工业园威海路北、苏州路东、烟台路南，占地100亩。", []),  # streets named after cities
    ("威海市重点项目开工。通辽路网建设加快。", ["威海市", "通辽"]),  # a place's road network is the place's
])
def test_a_city_name_before_a_street_word_names_a_street(nlp, text, places):
    assert spans(nlp(text), "places") == places


def test_a_list_of_supporting_works_names_no_projects(nlp):
    # r27: "…等配套工程" lists the parts of the project described; "…等重点项目" lists projects
    parts = nlp("分两期建成年产10万吨青禾聚氯乙烯装置，以及自备热电站、石灰石矿山、铁路专用线等配套工程。")
    assert spans(parts, "projects", "Project") == []
    listed = nlp("青禾热电站、岚骁石灰石矿山等重点项目开工。")
    assert spans(listed, "projects", "Project") == ["青禾热电站", "岚骁石灰石矿山"]


@pytest.mark.parametrize("text, names", [
    ("青禾木业搬迁扩建项目开工。", ["青禾木业搬迁扩建项目"]),  # 扩建 is the works a name ends with, not the verb 建
    ("全力推进扩建项目。", []),
    ("开工活动在青禾中学迁建工程现场举行。", ["青禾中学迁建工程"]),  # 活动在 leads in
])
def test_works_words_ending_in_a_verb_end_a_name(nlp, text, names):
    assert spans(nlp(text), "projects", "Project") == names


def test_a_one_character_county_only_one_county_has_named_twice_is_the_county(nlp):
    # 郏县: no city or province named, but the name is the county's alone and comes back (r27)
    doc = nlp("5月8日上午，郏县举行集中开工活动。将补齐郏县高低压电气产业链。")
    assert [(s.text, s.label_) for s in doc.spans["places"]] == [("郏县", "county")]
    assert spans(nlp("5月8日上午，郏县举行集中开工活动。"), "places") == []  # once: a fragment as likely

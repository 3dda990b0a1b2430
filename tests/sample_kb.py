"""A small hand-made KnowledgeBase, so that graph, views, queries and evaluation can be tested
before (and independently of) the extraction stages.

Every quote is the exact text of a seed article at the given offsets (tests/test_graph.py checks
this), except the one hand-made document that carries the hostile company name for the HTML
escaping tests. What it contains:

- 4 projects: 龙马集团高端装备制造基地 with three disagreeing total investments from three articles
  of different dates (the latest preferred), 经安…项目 (developer, park, land, capacity), a wind base
  and its 50万千瓦 part (partOf, township location, subsidiary developer, status, capacity in kW);
- 5 companies: 龙马集团, 河北毕氏实业集团有限公司, 国家电投集团内蒙古公司 and its subsidiary
  通辽市青格洱新能源有限公司, and the hostile `<img src=x onerror=alert(1)>公司` (a supplier);
- one repost of seed 004 on another site, folded into it (a publication record);
- 2 parks (one only seen in photo captions), 5 places (four counties of the gazetteer and a
  township within one of them), chain assignments, dates, one aggregate fact.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from kg.model import (
    ANNUAL_PLANNED_INVESTMENT, CAPACITY, COMPANY, COMPLETION_DATE, DEVELOPER, IN_CHAIN, IN_PARK, JOBS,
    LAND_AREA, LOCATED_IN, OUTPUT_VALUE, PARK, PART_OF, PLACE, PROJECT, STATUS, SUBSIDIARY_OF, SUPPLIES,
    TAX, TOTAL_INVESTMENT, AggregateFact, Disagreement, DocumentMeta, Entity, Publication, Evidence, KnowledgeBase,
    MergeRecord, Quantity, Statement,
)

D000 = "000_547114241c6e0ba6"
D001 = "001_347c5c036ba7c81d"
D002 = "002_ce78dc1b50aca64a"
D004 = "004_43cb3ee16d39d158"
HANDMADE = "handmade-hostile"

HOSTILE_NAME = "<img src=x onerror=alert(1)>公司"
HANDMADE_TEXT = f"{HOSTILE_NAME}为通辽市青格洱新能源有限公司供应风机塔筒。"

# Chain ids (local names in ontology/chains.ttl).
CHAIN_NEW_ENERGY = "new-energy"
CHAIN_NICKEL = "nickel"

P_LONGMA = "project/龙马集团高端装备制造基地"
P_JINGAN = "project/经安129万吨不锈钢、轧钢酸洗项目"
P_WIND_BASE = "project/100万千瓦外送风电基地项目"
P_DAOLAODU = "project/道老杜50万千瓦风电项目"
C_LONGMA = "company/龙马集团"
C_BISHI = "company/河北毕氏实业集团有限公司"
C_SPIC_NM = "company/国家电投集团内蒙古公司"
C_QINGGEER = "company/通辽市青格洱新能源有限公司"
C_HOSTILE = "company/" + HOSTILE_NAME
K_NAIMAN_A = "park/奈曼工业园区A区循环经济产业园"
K_HUOLINGOL = "park/霍林郭勒高新技术产业开发区"
PL_HORQIN = "place/科尔沁区"
PL_NAIMAN = "place/奈曼旗"
PL_JARUD = "place/扎鲁特旗"
PL_DAOLAODU = "place/道老杜苏木"
PL_HUOLINGOL = "place/霍林郭勒市"

DOCUMENTS = [
    DocumentMeta(D000, f"seeds/{D000}.txt", title="通辽市重点项目建设观摩", date="2022-11-15",
                 date_source="text"),
    DocumentMeta(D001, f"seeds/{D001}.txt", title="2022年重大项目亮点", date="2022", date_source="text"),
    DocumentMeta(D002, f"seeds/{D002}.txt", title="抓住项目建设牛鼻子 跑出产业升级加速度"),
    DocumentMeta(D004, f"seeds/{D004}.txt", title="通辽：“一切围着项目转”为高质量发展蓄势聚能",
                 date="2022-07-18", date_source="sidecar", url="https://example.org/news/004"),
    DocumentMeta(HANDMADE, "handmade/hostile.html", title="手工样例：不可信的名称", date="2023-03-01",
                 date_source="sidecar", media_type="text/html"),
]
DATES = {d.doc_id: d.date for d in DOCUMENTS}


def _ev(doc_id: str, sentence: int, start: int, quote: str) -> Evidence:
    return Evidence(doc_id, sentence, start, start + len(quote), quote, DATES[doc_id])


# (doc, sentence, start, quote): each quote is original[start:start+len(quote)] of the seed file.
E_LONGMA_SITE = _ev(D000, 11, 741, "在科尔沁区龙马集团高端装备制造\n\n基地，塔吊林立、机械轰鸣，工人们正紧\n\n"
                    "张忙碌着，或建设厂房，或在厂房里安装\n\n设备。")
E_LONGMA_231 = _ev(D000, 12, 801, "这个项目总投资 231亿元，2022\n\n年计划完成投资42亿元。")
E_LONGMA_OUTPUT = _ev(D000, 13, 833, "项目全部建成\n\n投产后，将具备年产 2000台整机、2000\n\n台减速机、3000台电机及"
                      "3000台套全产\n\n业链零部件的生产能力，年产值 615 亿\n\n元，税收20亿元以上，拉动就业近万人。")
E_JINGAN_SITE = _ev(D000, 16, 1082, "在奈曼旗经安 129 万吨不锈钢、轧\n\n钢酸洗项目建设现场，规模巨大的工地\n\n蔚为壮观。")
E_JINGAN_BUILT = _ev(D000, 17, 1126, "该项目由河北毕氏实业集团\n\n有限公司投资建设，是自治区重点项目，\n\n也是通辽市"
                     "“五大产业集群”之一的镍循\n\n环经济产业集群的核心项目之一，位于\n\n奈曼工业园区 A区循环经济"
                     "产业园，总\n\n投资180亿元，占地面积9000亩。")
E_CITY_PLAN = _ev(D000, 19, 1260, "2022年全市计划实施建设项目\n\n540个，总投资1660亿元，年度计划投资\n\n518亿元，"
                  "截至目前已开复工 539个，开\n\n复工率99%。")
E_HUOLINGOL_CAPTION = _ev(D000, 46, 3173, "霍林郭勒高新技术产业开发区一角霍林郭勒高新技术产业开发区一角。。 美丽美丽 摄摄")
E_LONGMA_185 = _ev(D001, 17, 2021, "龙马新能源装备制造产业园项目投资185亿元，布局建设高端装备制造产业园，打造集铸造、"
                   "锻造、机械制造于\n\n一体的高端制造产业链，一期项目投产后将达到铸造100万吨、锻造100万吨的"
                   "生产能力，项目全部建成后将实现\n产值560亿元以上，带动就业近万人。")
E_WIND_BASE = _ev(D001, 28, 3304, "亮点项目：100万千瓦外送风电基地项目（扎鲁特旗道老杜50万千瓦）")
E_DAOLAODU = _ev(D001, 28, 3338, "该项目由国家电投集团内蒙古公司所属通辽市青格洱新能源有限公司开发建设，总规划容量"
                 "50万千瓦，新建1\n\n座220千伏升压站，安装112台风机，全容量一次性建设，计划总投资30亿元，"
                 "场址位于道老杜苏木境内。")
E_DAOLAODU_GRID = _ev(D002, 31, 2368, "霍煤鸿骏火电灵活性改造、道老杜50万千瓦风电项目并网发电,新能源装机容量增至"
                      "256.5万千瓦;")
E_LONGMA_135 = _ev(D004, 0, 81, "炎炎夏日,通辽市科尔沁区总投资约135亿元的龙马高端装备制造基地建设现场一片火热。")
E_LONGMA_3Y = _ev(D004, 3, 287, "全部项目3年内建成,5年达产,建成后它将成为全球规模最大、产业链最全的风电装备制造产业"
                  "集群,预计年产值100亿元,年利税5亿元。")
E_HUOLINGOL_CAPTION_004 = _ev(D004, 0, 52, "霍林郭勒市高新技术开发区一角（霍林郭勒市委宣传部提供）")
E_HOSTILE = _ev(HANDMADE, 0, 0, HANDMADE_TEXT)

SEED_EVIDENCE = (E_LONGMA_SITE, E_LONGMA_231, E_LONGMA_OUTPUT, E_JINGAN_SITE, E_JINGAN_BUILT, E_CITY_PLAN,
                 E_HUOLINGOL_CAPTION, E_LONGMA_185, E_WIND_BASE, E_DAOLAODU, E_DAOLAODU_GRID, E_LONGMA_135,
                 E_LONGMA_3Y, E_HUOLINGOL_CAPTION_004)


def yuan(yi: str) -> Decimal:
    """亿元 -> yuan."""
    return Decimal(yi) * Decimal(100_000_000)


def money(yi: str, text: str, *qualifiers: str) -> Quantity:
    return Quantity("money", yuan(yi), "CNY", text, tuple(qualifiers))


def _entity(id_: str, kind: str, label: str, alt: list[str], mentions: list[Evidence], **attrs) -> Entity:
    docs = sorted({m.doc_id for m in mentions})
    return Entity(id_, kind, label, alt, docs, mentions, attrs)


def _stmt(subject: str, prop: str, value: object, ev: Evidence, qualifiers: tuple[str, ...] = (),
          note: str | None = None, preferred: bool = False) -> Statement:
    raw = f"{subject}|{prop}|{ev.doc_id}|{ev.start}|{ev.end}|{value!r}"
    sid = "stmt/" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]
    return Statement(sid, subject, prop, value, ev, qualifiers, note, preferred)


def _entities() -> list[Entity]:
    return [
        _entity(P_LONGMA, PROJECT, "龙马集团高端装备制造基地",
                ["龙马新能源装备制造产业园", "龙马新能源装备制造产业园项目", "龙马高端装备制造基地"],
                [E_LONGMA_SITE, E_LONGMA_185, E_LONGMA_135]),
        _entity(P_JINGAN, PROJECT, "经安129万吨不锈钢、轧钢酸洗项目", [], [E_JINGAN_SITE]),
        _entity(P_WIND_BASE, PROJECT, "100万千瓦外送风电基地项目", [], [E_WIND_BASE]),
        _entity(P_DAOLAODU, PROJECT, "道老杜50万千瓦风电项目", ["扎鲁特旗道老杜50万千瓦"],
                [E_WIND_BASE, E_DAOLAODU_GRID]),
        _entity(C_LONGMA, COMPANY, "龙马集团", ["龙马"], [E_LONGMA_SITE]),
        _entity(C_BISHI, COMPANY, "河北毕氏实业集团有限公司", [], [E_JINGAN_BUILT]),
        _entity(C_SPIC_NM, COMPANY, "国家电投集团内蒙古公司", [], [E_DAOLAODU]),
        _entity(C_QINGGEER, COMPANY, "通辽市青格洱新能源有限公司", ["青格洱新能源"], [E_DAOLAODU, E_HOSTILE]),
        _entity(C_HOSTILE, COMPANY, HOSTILE_NAME, [], [E_HOSTILE]),
        _entity(K_NAIMAN_A, PARK, "奈曼工业园区A区循环经济产业园", [], [E_JINGAN_BUILT]),
        _entity(K_HUOLINGOL, PARK, "霍林郭勒高新技术产业开发区", ["霍林郭勒市高新技术开发区"],
                [E_HUOLINGOL_CAPTION, E_HUOLINGOL_CAPTION_004], in_caption=True),
        _entity(PL_HORQIN, PLACE, "科尔沁区", [], [E_LONGMA_SITE, E_LONGMA_135], level="county",
                gazetteer_id="科尔沁区"),
        _entity(PL_NAIMAN, PLACE, "奈曼旗", [], [E_JINGAN_SITE], level="county", gazetteer_id="奈曼旗"),
        _entity(PL_HUOLINGOL, PLACE, "霍林郭勒市", ["霍林郭勒"], [E_HUOLINGOL_CAPTION_004], level="county",
                gazetteer_id="霍林郭勒市"),
        _entity(PL_JARUD, PLACE, "扎鲁特旗", [], [E_WIND_BASE], level="county", gazetteer_id="扎鲁特旗"),
        _entity(PL_DAOLAODU, PLACE, "道老杜苏木", [], [E_DAOLAODU], level="township", gazetteer_id=None,
                within=PL_JARUD),
    ]


def _statements() -> list[Statement]:
    cap_casting = Quantity("capacity", Decimal(1_000_000), "t/a", "铸造100万吨", ("一期",), "铸造")
    cap_steel = Quantity("capacity", Decimal(1_290_000), "t/a", "129 万吨", (), "不锈钢")
    return [
        # 龙马: three articles, three total investments; the latest article (2022-11-15) is preferred.
        _stmt(P_LONGMA, TOTAL_INVESTMENT, money("231", "231亿元"), E_LONGMA_231, preferred=True),
        _stmt(P_LONGMA, TOTAL_INVESTMENT, money("185", "185亿元"), E_LONGMA_185),
        _stmt(P_LONGMA, TOTAL_INVESTMENT, money("135", "约135亿元", "约"), E_LONGMA_135, ("约",)),
        _stmt(P_LONGMA, ANNUAL_PLANNED_INVESTMENT, money("42", "42亿元", "计划"), E_LONGMA_231, ("2022年", "计划"),
              preferred=True),
        _stmt(P_LONGMA, OUTPUT_VALUE, money("615", "615 亿\n\n元"), E_LONGMA_OUTPUT, preferred=True),
        _stmt(P_LONGMA, TAX, money("20", "20亿元以上", "以上"), E_LONGMA_OUTPUT, ("以上",), preferred=True),
        _stmt(P_LONGMA, JOBS, Quantity("jobs", Decimal(10_000), "person", "近万人", ("近",)), E_LONGMA_OUTPUT,
              ("近",), preferred=True),
        _stmt(P_LONGMA, CAPACITY, cap_casting, E_LONGMA_185, ("一期",), preferred=True),
        _stmt(P_LONGMA, STATUS, "under_construction", E_LONGMA_SITE, note="status word: 建设", preferred=True),
        _stmt(P_LONGMA, COMPLETION_DATE, "2025", E_LONGMA_3Y, note="relative: 3年内 from 2022",
              preferred=True),
        _stmt(P_LONGMA, DEVELOPER, C_LONGMA, E_LONGMA_SITE, note="company prefix of the project name",
              preferred=True),
        _stmt(P_LONGMA, LOCATED_IN, PL_HORQIN, E_LONGMA_SITE, note="在<place>…建设现场", preferred=True),
        _stmt(P_LONGMA, LOCATED_IN, PL_HORQIN, E_LONGMA_135, note="在<place>…建设现场"),
        _stmt(P_LONGMA, IN_CHAIN, CHAIN_NEW_ENERGY, E_LONGMA_185, note="keyword: 装备制造", preferred=True),
        # 经安
        _stmt(P_JINGAN, TOTAL_INVESTMENT, money("180", "180亿元"), E_JINGAN_BUILT, preferred=True),
        _stmt(P_JINGAN, LAND_AREA, Quantity("area", Decimal(6_000_000), "m2", "9000亩"), E_JINGAN_BUILT,
              preferred=True),
        _stmt(P_JINGAN, CAPACITY, cap_steel, E_JINGAN_SITE, preferred=True),
        _stmt(P_JINGAN, DEVELOPER, C_BISHI, E_JINGAN_BUILT, note="由X投资建设", preferred=True),
        _stmt(P_JINGAN, IN_PARK, K_NAIMAN_A, E_JINGAN_BUILT, note="位于<park>", preferred=True),
        _stmt(P_JINGAN, LOCATED_IN, PL_NAIMAN, E_JINGAN_SITE, note="在<place>…建设现场", preferred=True),
        _stmt(P_JINGAN, IN_CHAIN, CHAIN_NICKEL, E_JINGAN_BUILT, note="keyword: 镍", preferred=True),
        _stmt(K_NAIMAN_A, LOCATED_IN, PL_NAIMAN, E_JINGAN_BUILT, note="park named after its county",
              preferred=True),
        # the wind base and its part
        _stmt(P_WIND_BASE, LOCATED_IN, PL_JARUD, E_WIND_BASE, note="section header", preferred=True),
        _stmt(P_WIND_BASE, IN_CHAIN, CHAIN_NEW_ENERGY, E_WIND_BASE, note="keyword: 风电", preferred=True),
        _stmt(P_DAOLAODU, PART_OF, P_WIND_BASE, E_WIND_BASE, note="named part in brackets", preferred=True),
        _stmt(P_DAOLAODU, DEVELOPER, C_QINGGEER, E_DAOLAODU, note="由X开发建设", preferred=True),
        _stmt(P_DAOLAODU, LOCATED_IN, PL_DAOLAODU, E_DAOLAODU, note="场址位于<place>", preferred=True),
        _stmt(P_DAOLAODU, TOTAL_INVESTMENT, money("30", "30亿元", "计划"), E_DAOLAODU, ("计划",),
              preferred=True),
        _stmt(P_DAOLAODU, CAPACITY, Quantity("power", Decimal(500_000), "kW", "50万千瓦", (), "风电"),
              E_DAOLAODU, preferred=True),
        _stmt(P_DAOLAODU, STATUS, "in_operation", E_DAOLAODU_GRID, note="status word: 并网发电", preferred=True),
        _stmt(P_DAOLAODU, IN_CHAIN, CHAIN_NEW_ENERGY, E_DAOLAODU, note="keyword: 风电", preferred=True),
        # companies
        _stmt(C_QINGGEER, SUBSIDIARY_OF, C_SPIC_NM, E_DAOLAODU, note="X所属Y", preferred=True),
        _stmt(C_HOSTILE, SUPPLIES, C_QINGGEER, E_HOSTILE, note="X为Y供应", preferred=True),
        # parks
        _stmt(K_HUOLINGOL, LOCATED_IN, PL_HUOLINGOL, E_HUOLINGOL_CAPTION_004, note="park named after its county",
              preferred=True),
    ]


def make_sample_kb() -> KnowledgeBase:
    """A fresh KnowledgeBase each call (callers may mutate it)."""
    entities = _entities()
    statements = _statements()
    totals = [s.id for s in statements if s.subject == P_LONGMA and s.prop == TOTAL_INVESTMENT]
    aggregate = AggregateFact(
        scope="全市计划实施建设项目", place="通辽市", year="2022",
        figures=(("项目数", Quantity("count", Decimal(540), "item", "540个")),
                 ("总投资", Quantity("money", yuan("1660"), "CNY", "1660亿元")),
                 ("年度计划投资", Quantity("money", yuan("518"), "CNY", "518亿元", ("计划",)))),
        evidence=E_CITY_PLAN)
    return KnowledgeBase(
        documents=list(DOCUMENTS),
        entities={e.id: e for e in sorted(entities, key=lambda e: e.id)},
        statements=statements,
        aggregates=[aggregate],
        merges=[
            MergeRecord(P_LONGMA, ("龙马集团高端装备制造基地", "龙马新能源装备制造产业园", "龙马高端装备制造基地"),
                        "same owner core 龙马 + 装备制造 + base/park head word"),
            MergeRecord(K_HUOLINGOL, ("霍林郭勒高新技术产业开发区", "霍林郭勒市高新技术开发区"),
                        "park abbreviation: 高新技术产业开发区 ≈ 高新技术开发区"),
        ],
        disagreements=[Disagreement(
            P_LONGMA, TOTAL_INVESTMENT, tuple(totals),
            f"龙马集团高端装备制造基地 totalInvestment: 231亿元 ({D000}, 2022-11-15) vs 185亿元 ({D001}, 2022) "
            f"vs 约135亿元 ({D004}, 2022-07-18)")],
        publications={D004: (Publication(f"{D004}-repost", f"reposts/{D004}-repost.html", url="https://example.com/r/4",
                                         date="2022-07-20", date_source="sidecar", title="通辽：一切围着项目转",
                                         similarity=0.912, exact=False),)},
    )

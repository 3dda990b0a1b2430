"""The place an article is about: the county or city a project without a place of its own is in.

A county when it is the only county-level place of the gazetteer the article names outside company names (its
stem-alone mentions counted too), or one named three times as often as any other, or the lead's; the city of a
city's round-up; otherwise the city it names most. None where the headline joins two cities (a metropolitan area),
in a province's round-up, or in an article about the chains' region that names several counties. A place inside a
company's name, a city opening a park's name or written before its county, and a medium's place (保定日报) do not
count.
"""

from __future__ import annotations

import re

from ..corpus import to_simplified
from ..lexicon import Lexicon
from ..model import COMPANY, PARK, PLACE
from ..nlp.text import SpanIndex, alternation
from .state import DocState, Mention

CITY_JOINS = ("—", "-", "－", "、", "和", "与", "——")  # between two cities a headline joins
TITLE_WEIGHT = 2  # a place in the headline counts as this many more mentions when finding the article's place


class ArticlePlace:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.own_county_re = re.compile(alternation(lex.patterns["places"]["own_county_words"]))
        self.own_city_re = re.compile(alternation(lex.patterns["places"]["own_city_words"]))
        self.media_re = re.compile(alternation(lex.patterns["places"]["media_words"]))

    def document_place(self, s: DocState) -> str | None:
        """The place an article is about, for projects that have no place of their own.

        A county when it is the only county-level place of the gazetteer the article names (outside company names) and
        it is named at least as often as any city; otherwise, for an article outside the chains' region,
        the city it names most (at least twice as often as any other). An article about the chains'
        region that names several counties gets none: there a project's county is recorded only when the
        text gives it, and the city adds nothing.
        """
        counts: dict[str, list[int]] = {}  # place key -> [mentions outside company names, all mentions]
        mentions = self.places_and_owners(s)
        for m, own in mentions:
            if m.kb_id:  # a county-level word the gazetteer lacks is rarely a place
                c = counts.setdefault(m.key, [0, 0])
                c[1] += 1
                c[0] += own
        for m in self.title_places(s):  # the headline says what the article is about
            counts[m.key][0] += TITLE_WEIGHT
            counts[m.key][1] += TITLE_WEIGHT
        named = [k for k, c in counts.items() if c[0] and s.entities[k].attrs.get("level") == "county"]
        if len(named) == 1 and (stem := self.stem_mentions(s, named[0])):  # "富民县…富民打起台湾牌": the one
            counts[named[0]][0] += stem  # county named once, then by its stem (not "在洛南、商州…观摩", a tour)
            counts[named[0]][1] += stem
        headline = {m.key for m in self.title_places(s, ("county", "city", "province"))}
        if self.cities_only_headline(s):
            return None  # "西宁—海东都市圈一体化重点项目…": an article about two cities is neither's
        level = {k: "city" if self.municipality(s, k) and (k in headline or self.dominant(k, counts))
                 else s.entities[k].attrs.get("level") for k in counts}
        if city := self.roundup_city(s, counts, level):
            return None if s.region_doc else city
        counties = sorted(((counts[k][0], k) for k in counts if level[k] == "county" and counts[k][0]), reverse=True)
        top = counties[0][1] if counties else None
        city_own = max([counts[k][0] for k in counts if level[k] == "city"
                        and not (top and self.municipality(s, k) and self.within(s, top, k))] or [0])
        # (a municipality named often does not outvote the one district it names: 北京…大兴区)
        if counties and (len(counties) == 1 or counties[0][0] >= max(3, 3 * counties[1][0])
                         or counties[0][0] > counties[1][0] and counties[0][1] == self.lead_county(s, mentions)) \
                and (counties[0][0] >= city_own or self.speaks_as_county(s, counties[0][1])):
            return counties[0][1]
        if s.region_doc:
            return None
        # cities named on their own outrank those named only inside company names (七洲绿色化工（济宁）有限公司)
        if sum(1 for k in counts if level[k] == "city") >= 3 and self.province_headline(s):
            return None  # "江西省重点项目…": a province's round-up; its capital named most is not every project's city
        own = 0 if any(counts[k][0] for k in counts if level[k] == "city") else 1
        cities = sorted(((counts[k][own], k) for k in counts if level[k] == "city" and counts[k][own]), reverse=True)
        if own:  # only inside company names: not a city of another province than the one the article names
            # ("陕西榆林某集团" in an article on 宁夏), named on its own at least as often as the city in names
            cities = [c for c in cities if not any(level[p] == "province" and counts[p][0] >= c[0]
                                                   and not self.within(s, c[1], p) for p in counts)]
        if cities and (len(cities) == 1 or cities[0][0] >= max(2, 2 * cities[1][0])):
            return cities[0][1]
        return None

    def stem_mentions(self, s: DocState, key: str) -> int:
        """How often a county the article names is written by its stem alone (富民 of 富民县), which the
        recognisers leave unread where the stem is also a word."""
        e = s.entities[key]
        name = e.name
        if e.attrs.get("level") != "county" or len(name) < 3 or not name.endswith(("县", "旗")):
            return 0
        stem = name[:-1]
        return max(0, s.text.count(stem) - s.text.count(name))

    def cities_only_headline(self, s: DocState) -> bool:
        """The headline joins two cities and names no county ("西宁—海东都市圈": a metropolitan area; not
        "阜阳合肥现代产业园区", a park named after two cities)."""
        places = self.title_places(s, ("county", "city"))
        if any(m.label == "county" for m in places):
            return False
        cities = [m for m in places if m.label == "city"]
        return any(a.key != b.key and s.text[a.end:b.start] in CITY_JOINS for a, b in zip(cities, cities[1:]))

    def province_headline(self, s: DocState) -> bool:
        """The headline (the first line, or the title the source gives) names a province, not a province-level
        city, which is also a city ("江西省重点项目建设完成投资1352亿元")."""
        if any(not self.municipality(s, m.key) for m in self.title_places(s, ("province",))):
            return True
        title = to_simplified(s.document.meta.title or "")  # the source's title as given (貴州)
        places = [self.lex.place(m.group()) for m in self.lex.place_re.finditer(title)]
        return any(p.level == "province" and not p.name.endswith("市") for p in places if p)

    @staticmethod
    def lead_county(s: DocState, mentions: list[tuple[Mention, bool]]) -> str | None:
        """The first county-level place of the article's first two sentences, outside names ("保定日报讯 望都县2021年
        第三批重点项目集中开工"): the lead says what the article is about, so the county it names, named more
        often than any other, is the article's even where another comes up in passing (雄安新区…未来大规模开发)."""
        lead_end = s.sentences[min(1, len(s.sentences) - 1)].end
        for m, own in mentions:  # (places_and_owners: in text order)
            if m.start >= lead_end:
                return None
            if own and m.label in ("county", "city") and m.kb_id:
                return m.key if m.label == "county" else None  # "金昌市项目多。在永昌县…": the city's article
        return None

    def municipality(self, s: DocState, key: str) -> bool:
        """A province-level city (重庆市, 上海市): the city of the districts and counties it holds, and the
        article's when its headline names it or the article names it far more than any other place
        (elsewhere it is more often where an investor comes from)."""
        e = s.entities[key]
        return e.attrs.get("level") == "province" and e.name.endswith("市")

    @staticmethod
    def dominant(key: str, counts: dict[str, list[int]]) -> bool:
        """Named outside company names three times or more, and twice as often as any other place: what the
        article is about ("2022年上海市重大建设项目…上海光源二期…上海超硅…", one 宁德时代 among them)."""
        own = counts[key][0]
        return own >= 3 and all(own >= 2 * c[0] for k, c in counts.items() if k != key)

    def roundup_city(self, s: DocState, counts: dict[str, list[int]], level: dict[str, str]) -> str | None:
        """The city of a city's round-up: an article that speaks of a city as its own ("全市", "市发改委") and
        names three or more of its counties, one per project ("桐城金田尼龙薄膜、太湖富印新光学材料…"), is
        about the city, however often one county recurs; its projects without a county of their own are the
        city's."""
        if not self.own_city_re.search(s.text) or self.own_county_re.search(s.text):
            return None
        cities = [k for k in counts if level[k] == "city" and counts[k][0]]
        for city in cities:
            gid = s.entities[city].attrs.get("gazetteer_id")
            inside = [k for k in counts if level[k] == "county" and counts[k][0] and gid
                      and gid in self.lex.ancestors(s.entities[k].attrs.get("gazetteer_id") or "")]
            if len(inside) >= 3:
                return city
        return None

    def places_and_owners(self, s: DocState) -> list[tuple[Mention, bool]]:
        """Every place mention, and whether it stands outside company names (a company's 上海 or 泸州 says
        where the company is registered, not what the article is about), nor a city's name opening a park's
        (长沙经开区 lies in 长沙县: parks take the city's name wherever in it they lie), nor a city's name
        written before one of its counties (衡水市冀州区: the county's address), nor a medium's ("保定日报讯":
        the paper that reports, not the place it reports on)."""
        owners = SpanIndex((m.start, m.end) for m in s.mentions if m.kind == COMPANY)
        parks = SpanIndex((m.start, m.end) for m in s.mentions if m.kind == PARK)
        places = [m for m in s.mentions if m.kind == PLACE and m.key]
        qualifying = {m.start for m in places if m.label == "city" and any(
            x.start == m.end and x.label == "county" and self.within(s, x.key, m.key) for x in places)}
        return [(m, not owners.overlapping(m.start, m.start + 1) and m.start not in qualifying
                 and not (m.label == "city" and parks.overlapping(m.start, m.start + 1))
                 and not self.media_re.match(s.text, m.end))
                for m in places]

    def speaks_as_county(self, s: DocState, county: str) -> bool:
        """The article speaks of a county or banner as its own ("全县经济", "我县", "旗委"): then the one county
        it names is its place, though the city's name, written inside company and project names (南宁某化工,
        国电南宁电厂), is more frequent."""
        if not self.own_county_re.search(s.text):
            return False
        return s.entities[county].name.endswith(("县", "旗"))

    def title_places(self, s: DocState, levels: tuple[str, ...] = ("county", "city")) -> list[Mention]:
        """Places of the headline: the first line when it is a heading ("东北亚博览会 吉林市13个项目引资145.8亿元")."""
        first = s.sentences[0]
        line_end = s.text.find("\n", first.start, first.end)  # a heading line without a full stop after it
        end = first.end if line_end < 0 else line_end
        text = s.text[first.start:end].strip()
        if not (0 < len(text) <= 40 and text[-1] not in "。！？；;!?，,：:"):
            return []
        return [m for m in first.mentions if m.kind == PLACE and m.key and m.kb_id and m.label in levels
                and m.end <= end]

    def within(self, s: DocState, inner: str, outer: str) -> bool:
        return within(s, self.lex, inner, outer)


def within(s: DocState, lex: Lexicon, inner: str, outer: str) -> bool:
    """Place entity `inner` lies in place entity `outer` (a county in its city), by the gazetteer."""
    a, b = (s.entities[k].attrs.get("gazetteer_id") if k in s.entities else None for k in (inner, outer))
    return bool(a and b and a != b and b in lex.ancestors(a))

"""Places: where a project, a park and the article are.

Place of a project, most specific evidence first: a place in its name (a route's: "榆林至府谷高速公路" is
榆林市's), a place earlier in its clause ("在奈曼旗…"), the main venue's ("主会场设在郸城县" … "主会场开工的X项目"),
the section or tour leg ("开鲁县：…", "观摩团走进霍林郭勒市"; a page's running header does not end it), a project
of the same company in the article, the one county the article writes before the developer's brand, the
county the article is about (the only one, or one named three times as often as any other; "开发区" alone is
the city's own zone once the article names it), the one city it is about (none in a province's round-up).
A city is refined to the county of the section or article when the county lies in it. A project whose name
holds two counties, or that is followed by a bracketed county ("A项目（扎鲁特旗某某50万千瓦）"), gets no county
from its name, its context or the fallbacks: it may span both, or reach beyond the one named.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import COMPANY, DEVELOPER, IN_PARK, LOCATED_IN, PARK, PLACE, PROJECT
from ..nlp.text import CLAUSE_BREAK, alternation
from .article_place import ArticlePlace, within
from .names import Names
from .state import Discourse, DocState, Mention, Sentence, fact_order, only_places
from .structure import OPENING

ROUTE = "route in the name"
# "定远县盐化工业园内，…", "南康区分会场上，…": a place and a locative word open the sentence
LOCATIVE_OPENING = re.compile("[^，。；在]{2,24}?(?:内|里|上|中)[，,]")
PLACE_COUNT = re.compile("[0-9０-９一二三四五六七八九十两]{1,3}(?:个|项)(?:项目)?$")  # "桐城市2个": where, and how many


class Places:
    def __init__(self, lex: Lexicon, names: Names, article: ArticlePlace):
        self.lex = lex
        self.names = names  # a developer's brand, for developer_home
        self.article = article  # which places stand outside company names, for article_regions
        self.location_re = re.compile(alternation(lex.patterns["facts"]["location_cues"]))
        self.route_joins = tuple(lex.patterns["structure"]["route_joins"])
        self.place_clause_words = tuple(lex.patterns["places"]["place_clause_words"])
        self.park_suffixes = lex.patterns["parks"]["suffixes"]

    # ---- the region's zone, read with the nlp mentions ----------------------------------------

    def region_aliases(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """In an article about the chains' region, the region's own zone (通辽经济技术开发区: a county-level
        place named as the city plus a generic word) is also written without the city ("经济技术开发区",
        "经开区") and, once the article has named it and no other place's zone of the kind, bare ("开发区")."""
        region = self.lex.places.get(self.lex.chain_region or "")
        if region is None:
            return []
        inside = sum(1 for m in mentions if m.kind == PLACE and m.kb_id and self.lex.in_chain_region(m.kb_id))
        outside = sum(1 for m in mentions if m.kind == PLACE and m.kb_id and not self.lex.in_chain_region(m.kb_id)
                      and self.lex.places[m.kb_id].level != "province")
        if inside <= outside:  # (DocState.region_doc counts the same way, once these aliases are in)
            return []
        out = []
        for place in self.lex.places.values():
            if place.within != region.id or place.level != "county":
                continue
            words = {name[len(stem):] for stem in (region.name, *region.short_names)
                     for name in (place.name, *place.short_names)
                     if name.startswith(stem) and len(name) - len(stem) >= 3}
            if words and any(m.kind == PLACE and m.kb_id == place.id for m in mentions):
                words |= {w for w in self.park_suffixes
                          if place.name.endswith(w) and not self.other_zone(w, place.id, mentions)}
            for word in sorted(words):
                for m in re.finditer(re.escape(word), text):
                    if m.start() == 0 or text[m.start() - 1] in CLAUSE_BREAK + "在、和与及":
                        out.append(Mention(PLACE, m.start(), m.end(), m.group(), "county", place.id))
        return out

    def other_zone(self, suffix: str, place_id: str, mentions: list[Mention]) -> bool:
        """A park of another place ending in `suffix` (奈曼经济开发区): the bare word could be that one."""
        region = self.lex.chain_region
        return any(p.kind == PARK and p.text.endswith(suffix) and any(
            x.kind == PLACE and x.kb_id not in ("", place_id, region) and p.start <= x.start and x.end <= p.end
            for x in mentions) for p in mentions)

    # ---- in the walk --------------------------------------------------------------------------

    def project_mention(self, s: DocState, m: Mention, sent: Sentence, d: Discourse) -> None:
        """Place and park of a named project, from its name and its sentence (Figures.in_name reads the
        capacity the name states)."""
        ev = s.evidence(sent)
        owners = [x for x in sent.mentions if x.kind == COMPANY and m.start <= x.start and x.end <= m.end]
        inside = [x for x in sent.mentions if x.kind in (PLACE, PARK) and m.start <= x.start and x.end <= m.end
                  and not any(o.start <= x.start and x.end <= o.end for o in owners)
                  and not (self.bracketed(s, x.start, x.end) and x.label != "county")]
        # ("华北（通辽）…": a city in brackets qualifies a brand; "…铸造（嘉禾）产业园项目": a county says where)
        if len({x.key for x in inside if x.kind == PLACE and x.label == "county"}) > 1:
            s.ambiguous.add(m.key)  # "库伦旗和开鲁…项目": it spans two counties, or the text is unclear
        if self.spans_cities(s, [x for x in inside if x.kind == PLACE]):
            s.ambiguous.add(m.key)  # "南昌至九江高速公路": a route between two cities is neither's
        if re.match("[（(][^）)]{0,6}(?:旗|县|区|市)", s.text[m.end:m.end + 8]):
            s.ambiguous.add(m.key)  # "A项目（扎鲁特旗某某50万千瓦）": the part is in the place; the whole may reach beyond
        clause = s.clause_start(sent, m.start)
        clause_end = s.clause_end(sent, m.end)
        others = [x for x in sent.mentions if x.kind in (PROJECT, COMPANY) and x is not m and x.label != "ProjectRef"]
        free = [x for x in sent.mentions if x.kind in (PLACE, PARK)
                and not any(o.start <= x.start and x.end <= o.end for o in others + [m])]
        opening = OPENING.match(s.text, sent.start, m.start) or LOCATIVE_OPENING.match(s.text, sent.start, m.start)
        sources = (
            (self.route_end(s, [x for x in inside if x.kind == PLACE]), ROUTE),
            (inside, "place in the name"),
            (self.before_in_clause(s, m, clause, free, others), "place before the name in its clause"),
            (self.place_clause_before(s, clause, free), "place alone in the clause before"),  # "长治市潞城区，X项目…"
            ([x for x in free if m.end <= x.start < clause_end and s.text[x.start - 1] == "在"],
             "place after the name in its clause"),  # "…等11个项目在舞阳县集中开工"
            ([x for x in free if opening and sent.start <= x.start < opening.end()],
             "place opening the sentence"),  # "在奈曼旗星河新材料产业园，X公司的项目…"
        )
        county = township = None
        for source, note in sources:
            for park in outermost(x for x in source if x.kind == PARK):
                s.add(m.key, IN_PARK, park.key, ev, note=note.replace("place", "park"))
            places = [x for x in source if x.kind == PLACE]
            town = self.best_place([x for x in places if x.label == "township"])
            township = township or (town and (town, note))
            place = self.best_place([x for x in places if x.label != "township"])
            if place and m.key not in s.ambiguous:
                county = (place, note)
                break
        alone = self.best_place(self.place_clause_before(s, clause, free))
        if county and alone and self.within(s, alone, county[0]):
            county = (alone, "place alone in the clause before, in the place found")  # "太原市小店区，太原某大学与…"
        if county and county[1] != ROUTE and s.entities[county[0]].attrs.get("level") == "city":
            counties = {x.key for x in free if x.kind == PLACE and x.label == "county" and x.end <= m.start
                        and self.within(s, x.key, county[0])}
            if len(counties) == 1:  # "兰州市城关区政府与…合作，建设兰州明珠…项目": the county, in the city
                county = (counties.pop(), "county named before it, in the city found")
        in_caption = bool(s.captions.overlapping(m.start, m.start + 1))
        here = d.paragraph_place[1] if d.paragraph_place and d.paragraph_place[0] == sent.paragraph else None
        context = None if in_caption else (here or d.section_place)
        if county and county[1] != ROUTE and context and self.within(s, context, county[0]):
            county = (context, "county of the section, in the city named")  # "开鲁县：…通辽某某项目"
        if county is None and d.venue and m.key not in s.ambiguous and \
                s.venue_re.search(s.text, s.clause_start(sent, m.start), m.start):
            county = (d.venue, "place of the main venue")  # "主会场开工的X项目"
        if county is None and here and not in_caption and m.key not in s.ambiguous:
            county = (here, "place opening the paragraph")
        if county is None and d.section_place and not in_caption and m.key not in s.ambiguous:
            county = (d.section_place, "section or tour leg")
        for found in (township, county):
            if found:
                s.add(m.key, LOCATED_IN, found[0], ev, note=found[1])

    def place_clause_before(self, s: DocState, clause: int, free: list[Mention]) -> list[Mention]:
        """The places of the clause right before `clause` when it holds nothing else ("…；吕梁市孝义市，X项目",
        "在山阴，X公司…项目", "古田县分会场，X项目") or only how many projects are there ("迎江区1个，为…的X项目"):
        a round-up writes where, then what."""
        end = clause - 1
        if end < 0 or s.text[end] not in "，,":
            return []
        start = max(s.text.rfind(c, 0, end) for c in "，,；;：:。\n") + 1
        start += next((len(w) for w in ("其中", "在") if s.text.startswith(w, start)), 0)
        end -= next((len(w) for w in self.place_clause_words if s.text.endswith(w, start, end)), 0)
        count = PLACE_COUNT.search(s.text, start, end)  # "其中桐城市2个，分别为…的A项目和…的B项目"
        end = count.start() if count else end
        places = [x for x in free if start <= x.start and x.end <= end]
        return places if places and only_places(start, end, places) else []

    def route_end(self, s: DocState, places: list[Mention]) -> list[Mention]:
        """"榆林至府谷高速公路", "通辽至京沈高铁新民北站": a route's place is the end that holds the other
        ends (榆林市 holds 府谷县), else the end it starts from (the article's own)."""
        starts = [x for x in places if s.text.startswith(self.route_joins, x.end)]
        if not starts:
            return []
        ends = [x for x in places if x.start >= starts[0].start and x.kb_id]
        holder = [x for x in ends if all(x.kb_id in self.lex.ancestors(y.kb_id) for y in ends)]
        return holder[:1] or starts[:1]

    def spans_cities(self, s: DocState, places: list[Mention]) -> bool:
        """A route from one place to another that neither holds, outside its city ("南昌至九江高速公路",
        "云桂铁路南宁至百色段"; not "榆林至府谷", whose 榆林市 holds 府谷县)."""
        starts = [x for x in places if s.text.startswith(self.route_joins, x.end) and x.kb_id]
        if not starts:
            return False
        ends = [x for x in places if x.start > starts[0].start and x.kb_id]
        cities = {self.city_of(x.kb_id) for x in [starts[0]] + ends[:1]}
        return len(ends) > 0 and len(cities) > 1 and None not in cities

    def city_of(self, gid: str) -> str | None:
        """The city a place lies in (itself for a city)."""
        chain = [gid] + list(self.lex.ancestors(gid))
        return next((x for x in chain if self.lex.places[x].level == "city"), None)

    @staticmethod
    def before_in_clause(s: DocState, m: Mention, clause: int, free: list[Mention], others: list[Mention]) -> list[Mention]:
        """Places and parks before the name in its clause; those after the project before it when there are
        any: in a list of signings ("平鲁区人民政府和A公司签署B项目、吕梁经开区管委会和C公司签署D项目") each item
        names its own place, and a place shared by the list stands before its first item."""
        before = [x for x in free if clause <= x.start and x.end <= m.start]
        earlier = [x for x in others if x.kind == PROJECT and clause <= x.start and x.end <= m.start]
        if not earlier:
            return before
        first = min(x.start for x in earlier)
        previous = max(x.end for x in earlier)
        return [x for x in before if x.start >= previous] or [x for x in before if x.end <= first]

    def bracketed(self, s: DocState, start: int, end: int) -> bool:
        """The span stands in brackets ("华北（通辽）…")."""
        return s.text[start - 1:start] in ("（", "(") and s.text[end:end + 1] in ("）", ")")

    def located_by_verb(self, s: DocState, sent: Sentence, named, refs, at_start: str | None) -> None:
        """"该项目…位于库伦工业园区，…", "场址位于白音苏木境内": the park, and the place if the project has none."""
        text = s.text
        for cue in self.location_re.finditer(text, sent.start, sent.end):
            pos = cue.end()
            end = s.clause_end(sent, pos)
            clause = s.clause_start(sent, cue.start())
            before = [m.key for m in named if m.end <= pos and m.start >= clause]
            if not before and not text[clause:cue.start()].strip() and not refs:
                before = [m.key for m in named if m.end <= clause]  # "“某某项目”，选址在东山区…": the clause before
            subject = before[-1] if before else (at_start if (refs or not named) else None)
            if subject is None:
                continue
            ev = s.evidence(sent)
            found = [m for m in sent.mentions if m.kind in (PLACE, PARK) and pos <= m.start < end and m.key]
            for park in outermost(m for m in found if m.kind == PARK):
                s.add(subject, IN_PARK, park.key, ev, note=cue.group())
            place = self.best_place([m for m in found if m.kind == PLACE])
            has_place = any(f.subject == subject and f.prop == LOCATED_IN for f in s.facts_of(subject))
            if place and (not has_place or s.entities[place].attrs.get("level") == "township"):
                s.add(subject, LOCATED_IN, place, ev, note=cue.group())

    # ---- after the walk -----------------------------------------------------------------------

    def fallback_places(self, s: DocState, doc_place: str | None) -> None:
        """Projects with no county or city of their own: the place of another project of the same
        developer, else the place the article is about, else a place in the developer's name
        ("济宁瑞丰饮料有限公司的…项目")."""
        located: dict[str, str] = {}
        for f in sorted(s.facts, key=fact_order):
            if f.prop == LOCATED_IN and s.entities[f.value].attrs.get("level") != "township":
                located.setdefault(f.subject, f.value)
        developers: dict[str, list[str]] = {}  # company -> its projects
        built_by: dict[str, list[str]] = {}  # project -> its companies
        for f in sorted(s.facts, key=fact_order):
            if f.prop == DEVELOPER:
                developers.setdefault(f.value, []).append(f.subject)
                built_by.setdefault(f.subject, []).append(f.value)
        regions = None  # the article's own cities and provinces, read when first needed
        for e in [e for e in s.entities.values() if e.kind == PROJECT and e.key not in located]:
            if e.key in s.ambiguous:
                continue
            ev = e.evidence[0]
            mine = built_by.get(e.key, [])
            siblings = [p for c in mine for p in developers[c] if p in located]
            if siblings:
                s.add(e.key, LOCATED_IN, located[siblings[0]], ev, note="place of the same company's project")
            elif (home := self.developer_home(s, mine)) is not None:
                s.add(e.key, LOCATED_IN, home, ev, note="county the article places the developer in")
            elif doc_place and not (named := self.named_place(s, mine, ("county",), inside=doc_place)):
                s.add(e.key, LOCATED_IN, doc_place, ev, note="the place the article is about")
            elif doc_place:  # "泗水县…有限公司" in an article about 济宁市: the county, inside the city
                s.add(e.key, LOCATED_IN, named, ev, note="county in the developer's name, in the article's city")
            elif named := self.named_place(s, mine, ("county",) if s.region_doc else ("county", "city")):
                regions = regions if regions is not None else self.article_regions(s)
                if self.local(s, named, regions):
                    s.add(e.key, LOCATED_IN, named, ev, note="place in the developer's name")

    def investor_cities(self, s: DocState, doc_place: str | None) -> None:
        """A city opening a project's name in an article about another place ("武汉某某…新材料项目" in a
        report on 洪湖市, "某时代…基地项目" in another city's list) is where the investor comes from, when the
        article names that city only at the head of names: the project is the article's."""
        if doc_place is None:
            return
        names = [m for m in s.mentions if m.kind in (PROJECT, COMPANY)]
        for f in [f for f in s.facts if f.prop == LOCATED_IN and f.note == "place in the name"]:
            city = s.entities[f.value]
            if city.attrs.get("level") != "city" or f.value == doc_place or \
                    self.within(s, doc_place, f.value) or self.within(s, f.value, doc_place):
                continue
            mentions = s.mentions_of(f.value)
            heads = [m for m in mentions if any(n.start == m.start and n.end > m.end for n in names)]
            if len(heads) != len(mentions) or not any(
                    n.start == m.start and n.key == f.subject for m in heads for n in names):
                continue
            s.remove(f)
            s.add(f.subject, LOCATED_IN, doc_place, f.evidence,
                  note="the place the article is about (the city opening the name is the investor's)")

    def article_regions(self, s: DocState) -> tuple[set[str], set[str]]:
        """The cities and provinces of the county- and city-level places the article names outside company names,
        and the provinces it names so."""
        enclosing, named = set(), set()
        for m, own in self.article.places_and_owners(s):
            if own and m.key in s.entities:
                gid = s.entities[m.key].attrs.get("gazetteer_id") or ""
                if m.label in ("county", "city"):
                    enclosing.update(self.lex.ancestors(gid))
                elif m.label == "province" and gid:
                    named.add(gid)
        levels = {x: self.lex.places[x].level for x in enclosing}
        return {x for x in enclosing if levels[x] == "city"}, {x for x in enclosing if levels[x] == "province"} | named

    def local(self, s: DocState, place: str, regions: tuple[set[str], set[str]]) -> bool:
        """Whether a place in a developer's name can be the project's: the article names no place of its own
        outside company names, or names the city that place lies in (the province, when the article ranges
        over several cities or names only provinces). Investors come from elsewhere: a Sichuan contractor
        (某市…有限公司) builds a road in Guizhou, a company of another league invests in a banner."""
        cities, provinces = regions
        gid = s.entities[place].attrs.get("gazetteer_id")
        if not cities:  # "陕西榆林某集团" in an article that names only 宁夏: an investor from another province
            return not provinces or bool(gid) and any(x in provinces for x in self.lex.ancestors(gid))
        return bool(gid) and any(x in (cities if len(cities) == 1 else provinces) for x in self.lex.ancestors(gid))

    def developer_home(self, s: DocState, companies: list[str]) -> str | None:
        """The one county the article writes right before the developer's brand ("工人在某县星河药业…"
        places 星河制药's projects in that county)."""
        homes = set()
        for c in companies:
            brand = min(self.names.company_cores(s.entities[c].name), key=len)
            if len(brand) < 2:
                continue
            for m in s.mentions:
                if m.kind == PLACE and m.key and m.label == "county" and s.text.startswith(brand, m.end):
                    homes.add(m.key)
        return homes.pop() if len(homes) == 1 else None

    def named_place(self, s: DocState, companies: list[str], levels: tuple[str, ...],
                    inside: str | None = None) -> str | None:
        """The most specific place (of `levels`, within place `inside` if given) written in the first of the
        companies' names that holds one."""
        for c in companies:
            places = [p for x in s.mentions_of(c) for p in s.sentence_of(x.start).mentions
                      if p.kind == PLACE and p.key and x.start <= p.start and p.end <= x.end and p.label in levels
                      and (inside is None or self.within(s, p.key, inside))]
            if place := self.best_place(places):
                return place
        return None

    def refine_cities(self, s: DocState, doc_place: str | None) -> None:
        """A project placed only in a city, in an article about one county of that city, is in the county
        ("通辽冷链物流中心项目" in an article about 通辽经济技术开发区)."""
        if doc_place is None:
            return
        for e in [e for e in s.entities.values() if e.kind == PROJECT]:
            places = [f for f in s.facts_of(e.key) if f.prop == LOCATED_IN
                      and s.entities[f.value].attrs.get("level") != "township"]
            if len(places) == 1 and places[0].note != ROUTE and self.within(s, doc_place, places[0].value):
                s.remove(places[0])
                s.add(e.key, LOCATED_IN, doc_place, places[0].evidence, note="the county the article is about, in "
                      + s.entities[places[0].value].name)

    def opening_counties(self, s: DocState) -> None:
        """A project placed only in a city whose name opens with the short name of one of that city's counties
        ("泉港百宏新材料…项目" in 泉州市, "扶绥东西线道路…工程" in 崇左市) is in that county: news names a project
        after its county, and the short name, also a word elsewhere, is read here only at a name's start."""
        for e in [e for e in s.entities.values() if e.kind == PROJECT]:
            places = [f for f in s.facts_of(e.key) if f.prop == LOCATED_IN
                      and s.entities[f.value].attrs.get("level") != "township"]
            if len(places) != 1 or places[0].note == ROUTE or s.entities[places[0].value].attrs.get("level") != "city":
                continue
            city = s.entities[places[0].value].attrs.get("gazetteer_id")
            named = self.lex.place_re.match(e.name)  # "防城港市…" opens with the city, not 防城区
            found = {pid for k in {e.name[:n] for n in range(2, 5)} if k in self.lex.context_names
                     and not (named and named.end() > len(k))
                     for pid in self.lex.context_names[k] if city and city in self.lex.ancestors(pid)}
            if len(found) != 1:
                continue
            county = self.place_entity(s, found.pop())
            s.remove(places[0])
            s.add(e.key, LOCATED_IN, county, places[0].evidence, note="county whose short name opens the name")

    @staticmethod
    def place_entity(s: DocState, pid: str) -> str:
        """The article's entity of a gazetteer place, made if the article has none."""
        for e in s.entities.values():
            if e.kind == PLACE and e.attrs.get("gazetteer_id") == pid:
                return e.key
        place = s.lex.places[pid]
        return s.new_entity(PLACE, place.name, {"level": place.level, "gazetteer_id": pid}).key

    def locate_parks(self, s: DocState) -> None:
        """A park is in the most specific place its name opens with (库伦工业园区: 库伦旗)."""
        for m in s.mentions:
            if m.kind != PARK or not m.key:
                continue
            sent = s.sentence_of(m.start)
            places = [x for x in sent.mentions if x.kind == PLACE and m.start <= x.start < x.end <= m.end]
            place = self.best_place(places)
            if place:
                s.add(m.key, LOCATED_IN, place, s.evidence(sent), note="place in the park's name")

    # ---- places of places ---------------------------------------------------------------------

    def best_place(self, places: list[Mention]) -> str | None:
        """The most specific place: a township, else a county-level place, else a city."""
        for level in ("township", "county", "city"):
            for x in places:
                if x.label == level:
                    return x.key
        return None

    def within(self, s: DocState, inner: str, outer: str) -> bool:
        return within(s, self.lex, inner, outer)

def outermost(mentions) -> list[Mention]:
    """The mentions not inside another one ("库伦工业园区B区…产业园" rather than its 库伦工业园区)."""
    mentions = list(mentions)
    return [m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end
                                           and (o.start, o.end) != (m.start, m.end) for o in mentions)]

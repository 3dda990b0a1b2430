"""kg_brands: company short names read from the front of project names, added to doc.spans["companies"].

News names a project after its owner's brand: "嘉润80万吨电池箔项目" (嘉润), "北辰生物淀粉糖"
(北辰生物), "中电建热电联产" (中电建). The brand is what comes between the project name's start (after
a county or township, which says where, not who) and the first word that describes the project: a
number, 年产/日处理, a phase, a chain keyword or product word (ontology/patterns/companies.json
"brand_stops", chains.ttl keywords), a place, a bracket. An industry word right after the brand stays
with it (北辰 + 生物, 嘉润 + 风电), trailing adjectives go (锦辉低碳 -> 锦辉). A province or city before
the brand is kept, as such names are written (深圳宏达动力); a city and two trade words are a name too
(厦门新能源科技). Not brands: a generic or material word
(钒钛, 百万), a place stem the article uses for a place (白音 of 白音苏木), a name followed by a
park suffix (东融新纺织产业园 is a park) or inside the name of a place's park (某县尾毛化妆刷智能制造产业园项目; but
某某(某市)数字产业园, opening with a brand, is the company's), a region (苏北, patterns "regions"), the site of a power plant
(the word before "50万千瓦风电"), a count (万头), a name opening with a county the article names
without its suffix (凤阳 of 凤阳县), a site (某某古城, 某某沙漠). A project name starting with a brand found elsewhere in the
article gets that brand too (星海微电先进封装项目). Where no stop word ends the brand, it is the run of characters
that jieba's dictionary knows as no word, before a word it knows (某某|机电技改…, 某某|医疗养老中心…).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon
from .base import DEFAULT_CONFIG, add_spans, component_lexicon, doc_text, ranges, to_spans
from .text import CJK, SpanIndex, alternation

MIN_BRAND, MAX_BRAND = 2, 6
UNKNOWN_NOT_FIRST = "一二三四五六七八九十县市区乡镇村至到经和及与的在向"  # no brand of unknown characters opens with these


@Language.factory("kg_brands", default_config=dict(DEFAULT_CONFIG))
def make_brand_finder(nlp: Language, name: str, ontology_dir: str) -> "BrandFinder":
    return BrandFinder(component_lexicon(ontology_dir))


class BrandFinder:
    def __init__(self, lex: Lexicon):
        c = lex.patterns["companies"]
        keywords = [k for chain in lex.chains.values() for k in chain.keywords]
        products = c["brand_products"] + keywords
        stops = c["brand_stops"] + products + lex.patterns["projects"]["phases"] + list(lex.place_names)
        suffixes = alternation(c["short_name_suffixes"])
        self.product_re = re.compile(alternation(products))
        self.stop_re = re.compile(f"[0-9（(“]|{alternation(stops)}|{suffixes}")
        self.suffix_re = re.compile(f"(?:{suffixes}){{1,2}}")
        self.industry_words = tuple(c["short_name_suffixes"])  # (also: "东明石化" ends in a trade, not a description)
        self.site_after_re = re.compile(f"[{CJK}]{{0,2}}(?:{alternation(c['site_heads'])})")
        self.site_heads = tuple(c["site_heads"])
        self.place_suffixes = tuple(lex.patterns["places"]["county_suffixes"] + [lex.patterns["places"]["county_city_suffix"],
                                                                               lex.patterns["places"]["district_suffix"]])
        self.head_re = re.compile(f"(?:{alternation(lex.patterns['projects']['heads'])})")
        self.counted_re = re.compile("^[一二三四五六七八九十两几百千万]+[条个座台套家项头只口]")
        self.legal_like = tuple(c["legal_like_suffixes"])
        self.not_brand_endings = tuple(c["not_brand_endings"])
        self.descriptor_re = re.compile(f"(?:{alternation(c['brand_descriptors'])})+$")
        self.park_re = re.compile(alternation(lex.patterns["parks"]["suffixes"]))
        self.generic = set(c["generic_names"]) | set(lex.patterns["projects"]["generic_words"])
        self.not_companies = c["not_companies"]
        self.generic |= set(c["regions"])  # "苏北", "陕南": parts of a province
        self.generic_re = re.compile(alternation(sorted(self.generic, key=len, reverse=True)))
        self.site_re = re.compile(f"{c['plant_capacity']}(?:{alternation(c['plant_words'])}|$)")
        self.rate_prefixes = tuple(lex.patterns["units"]["rate_prefixes"])
        self.country_pairs = tuple(c["country_pairs"])  # "中俄通用飞机制造厂": a cooperation, not a brand
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        places = ranges(doc, "places")
        townships = ranges(doc, "places", "township")
        companies = ranges(doc, "companies")
        parks = ranges(doc, "parks")
        projects = [(s.start_char, s.end_char) for s in doc.spans.get("projects", []) if s.label_ == "Project"]
        place_texts = {text[s:e] for s, e in places}
        found = {}
        company_cores = {strip_place(text[s:e], self.lex) for s, e in companies}
        for start, end in projects:
            brand = self.brand(text, start, end, places, companies, parks, place_texts, townships, company_cores)
            if brand and not in_place_park(brand, parks, places):
                found[brand] = text[brand[0]:brand[1]]
        cores = {strip_place(name, self.lex) for name in found.values()}
        cores |= company_cores
        cores = [c for c in cores if len(c) >= MIN_BRAND]
        core_re = re.compile(alternation(cores)) if cores else None
        for start, end in projects:  # names opening with a brand the article already uses
            pos = skip_places(text, start, places)
            m = core_re.match(text, pos, end - 1) if core_re else None
            if m:
                found.setdefault((pos, m.end()), m.group())
        new: list[tuple[int, int]] = []
        for r in sorted(found, key=lambda r: (r[0] - r[1], r[0])):  # longest first
            if not companies.overlapping(*r) and not any(s < r[1] and r[0] < e for s, e in new):
                new.append(r)
        add_spans(doc, "companies", to_spans(doc, new, "Company"))
        return doc

    def brand(self, text: str, start: int, end: int, places: SpanIndex, companies: SpanIndex, parks: SpanIndex,
              place_texts: set[str], townships: SpanIndex, company_cores: set[str]) -> tuple[int, int] | None:
        if companies.overlapping(start, start + 1):
            return None  # the project name opens with a company name already
        for _, pe in parks.starting_at(start):
            if pe < end - 2:  # "吴忠某某产业园伊利乳制品…项目": the park says where, the brand follows
                after = skip_places(text, pe, places)
                found = self.brand_at(text, after, after, end, places, companies, place_texts, townships, company_cores)
                if found:
                    return found
        return self.brand_at(text, start, skip_places(text, start, places), end, places, companies, place_texts,
                             townships, company_cores)

    def brand_at(self, text: str, start: int, pos: int, end: int, places: SpanIndex, companies: SpanIndex,
                 place_texts: set[str], townships: SpanIndex, company_cores: set[str]) -> tuple[int, int] | None:
        """The brand of the name from `start` whose places end at `pos`; it ends where a short name of a county
        the article names starts ("华润武宣新型建材…" in an article on 武宣县: 华润)."""
        found = self.brand_run(text, start, pos, end, places, companies, place_texts, townships, company_cores)
        stem = self.stem_stop(text, pos + MIN_BRAND, found[1], place_texts) if found else None
        if stem is None:
            return found
        return (found[0], stem) if self.acceptable(text[pos:stem], place_texts) else None

    def brand_run(self, text: str, start: int, pos: int, end: int, places: SpanIndex, companies: SpanIndex,
                  place_texts: set[str], townships: SpanIndex, company_cores: set[str]) -> tuple[int, int] | None:
        lead = start
        if pos > start and not self.city_or_above(text, start, pos, places):
            lead = pos  # "奈曼旗华宇…": the county says where; "深圳宏达动力": the city is part of the name
        if companies.overlapping(pos, pos + 1):
            return None
        trade = self.suffix_re.match(text, pos, end)
        if lead == start < pos and trade and trade.group() not in self.industry_words and trade.end() < end:
            return start, trade.end()  # "厦门新能源科技储能项目": a city and two trade words name a company
        stop = self.stop_re.search(text, pos + MIN_BRAND, end)  # a whole stop word: "某某科左中旗…" stops at the place
        if not stop or stop.start() > pos + MAX_BRAND:
            return self.unknown_word(text, lead, pos, end, place_texts, company_cores)
        b = stop.start()
        if text[b:b + 1].isdigit() and text[b - 1:b].isascii() and text[b - 1:b].isalpha():
            return None  # "某某G60科创产业园": a code (G60, 5G) belongs to the name; no brand ends in its letter
        if text.startswith(self.legal_like, b):  # "华药股份": a company word, whatever the brand says
            b += next(len(w) for w in self.legal_like if text.startswith(w, b))
            return (lead, b) if self.acceptable(text[pos:b], place_texts, legal=True) else None
        if not self.acceptable(text[pos:b], place_texts) or self.park_re.match(text, b):
            return None
        suffix = self.suffix_re.match(text, b)
        names_product = self.product_re.match(text, b) and (
            self.product_re.match(text, suffix.end()) or self.head_re.fullmatch(text, suffix.end(), end)) \
            if suffix else False
        if suffix and suffix.end() < end and not names_product:
            b = suffix.end()  # "嘉润风电增量配电网", "宏达锂能超级工厂"; but "北辰|生物淀粉糖", "远航|新能源装备制造"
            # and "星河晶硅|新材料项目" name products
        core = text[pos:b]
        if core == text[pos:stop.start()] and core.endswith(self.not_brand_endings):
            return None  # "白音河", "华北": a river, a region (but "黄河造型" is a company)
        if self.site_re.match(text, b, end) and not townships.ending_at(pos):
            return None  # "某某50万千瓦风电项目", "某旗某某50万千瓦": a wind or solar farm is named after its site, unless a
            # township says where already ("某镇华润50万千瓦风电项目")
        trimmed = self.descriptor_re.sub("", core)
        if trimmed != core and len(trimmed) >= MIN_BRAND:
            b, core = pos + len(trimmed), trimmed
        if self.park_re.match(text, b) or not self.acceptable(core, place_texts):
            return None
        if self.site_after_re.match(text, b, end):
            return None  # "某某王府保护修复", "某某旅游度假区": a site named after a person or place, not an owner
        return lead, b

    def unknown_word(self, text: str, lead: int, pos: int, end: int, place_texts: set[str],
                     company_cores: set[str]) -> tuple[int, int] | None:
        """Where no stop word ends it, a brand is the run of characters opening the name that the dictionary
        knows as no word, before a word it knows ("环州|机电技改…", "宝丽恒|医疗养老…",
        "积塔|半导体…"): invented names are rarely words, descriptions are."""
        from ..words import proper_nouns, segmenter

        words = segmenter().lcut(text[pos:end], HMM=False)
        run = 0
        for w in words:
            if len(w) > 1:
                break
            run += 1
        if not run and words and words[0] in proper_nouns():
            run = len(words[0])  # "海尔现代…": a firm's name the dictionary knows as one
        rest = end - pos - run
        if not (MIN_BRAND <= run <= MAX_BRAND - 2) or rest < 3:
            return None
        b = pos + run
        core = text[pos:b]
        if any(len(known) > run and known.startswith(core) for known in company_cores):
            return None  # "某能煤化此前…项目" beside 贵州某能煤化科技有限公司: the company the article names (kg.relate)
        if core[0] in UNKNOWN_NOT_FIRST or core.endswith(self.not_brand_endings):
            return None  # "县职中", "三电总干": a place or a count; "某川河": a river
        if self.park_re.match(text, b) or self.site_after_re.match(text, b, end) or not self.acceptable(core, place_texts):
            return None
        return lead, b

    def acceptable(self, core: str, place_texts: set[str], legal: bool = False) -> bool:
        if not (MIN_BRAND <= len(core) <= MAX_BRAND + 4) or not re.fullmatch(f"[{CJK}A-Za-z]+", core):
            return False
        if core in self.generic or any(w in core for w in ("和", "及", "与", "的")) or not self.generic_re.sub("", core):
            return False  # "低碳数智": generic words only
        if not legal and self.stop_re.match(core):
            return False  # "风光储氢氨": a product
        if core.endswith(("化", "型", "级")) and not core.endswith(self.industry_words) \
                or self.counted_re.match(core) or self.park_re.search(core):
            return False  # "定制化", "超大型", "盟级", "两条": a description or a rank; "三屿工业园区": a park
        if core.startswith(self.rate_prefixes) or core.startswith(self.country_pairs):
            return False  # "年屠宰20万头肉牛…", "日熔量1200吨…": a rate, not an owner; "中俄…": two countries
        if any(w in core for w in self.not_companies) or core.endswith(self.site_heads):
            return False  # "某某古城": a site
        if any(core.startswith(stem) for stem in self.place_stems(place_texts)):
            return False  # "凤阳超薄电子玻璃" where the article names 凤阳县: a place, not an owner
        return not any(p.startswith(core) and len(p) > len(core) for p in place_texts)  # 白音 of 白音苏木

    def stem_stop(self, text: str, start: int, end: int, place_texts: set[str]) -> int | None:
        """Where the first short name of a county the article names (武宣 of 武宣县) starts in text[start:end]."""
        found = [i for stem in self.place_stems(place_texts) if len(stem) >= 2 and (i := text.find(stem, start, end)) >= 0]
        return min(found) if found else None

    def place_stems(self, place_texts: set[str]) -> list[str]:
        """County-level names without their suffix (凤阳 of 凤阳县), as news shortens them."""
        return [p[:-1] for p in sorted(place_texts) if p.endswith(self.place_suffixes) and len(p) >= 3]

    def city_or_above(self, text: str, start: int, pos: int, places) -> bool:
        for s, e in places.starting_at(start):
            if e == pos:
                place = self.lex.place(text[s:e])
                return place is not None and place.level in ("province", "city")
        return False


def in_place_park(brand: tuple[int, int], parks: SpanIndex, places: SpanIndex) -> bool:
    """Is the brand inside the name of a park that opens with a place (某县某某产业园: the county's park)?"""
    return any(s < brand[0] and brand[1] < e and places.starting_at(s) for s, e in parks.overlapping(*brand))


def skip_places(text: str, start: int, places: SpanIndex) -> int:
    """The position after the places (and the 和/、 between them) that open a name."""
    pos, moved = start, True
    while moved:
        moved = False
        for _, e in places.starting_at(pos):
            pos, moved = e, True
        if moved and text[pos:pos + 1] in ("和", "、", "及"):
            pos += 1
    return pos


def strip_place(name: str, lex: Lexicon) -> str:
    """A company name without the place it opens with: the part other names repeat."""
    m = lex.place_re.match(name)
    return name[m.end():] if m and m.end() < len(name) else name

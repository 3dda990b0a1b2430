"""How resolution reads a name: the place, legal-suffix, owner, capacity, phase and product parts of company,
park and project names (`Rules`), and the one form names are compared in (`norm`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon as lexicon_mod
from ..nlp.quantities import find_quantities, small_number
from ..nlp.text import same_form

QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉]")
BRACKETED = re.compile(r"\(([^()]{1,12})\)")

# "火、风、光、储、制、研一体化": one character per item, an abbreviation also written without the commas
SINGLE_CHAR_LIST = re.compile("(?:^|(?<=[^\u4e00-\u9fff]))[\u4e00-\u9fff](?:、[\u4e00-\u9fff](?=、))+、[\u4e00-\u9fff]")


@lru_cache(maxsize=None)
def norm(name: str) -> str:
    """A name as compared: half width, no spaces or quotes, ASCII brackets, one kind of dash, a list of single
    characters without its commas (“火、风、光、储”一体化 = “火风光储”一体化)."""
    text = QUOTES.sub("", same_form(name))  # width, spacing and dashes as one article's names are compared
    text = SINGLE_CHAR_LIST.sub(lambda m: m.group().replace("、", ""), text)
    return text.replace("〔", "(").replace("〕", ")").replace("[", "(").replace("]", ")")


@dataclass(frozen=True)
class CompanyName:
    core: str  # the name without places, legal suffix and industry words: 锐川
    descriptor: str  # the industry words removed from its end: 有色金属材料
    legal: bool  # it carried a legal suffix (a registered name, not a short one)
    places: tuple[str, ...] = ()  # places written before or inside it (上海, 通辽): where it is registered
    group: bool = False  # its legal suffix says group (集团, 集团有限公司…)


@dataclass(frozen=True)
class ProjectName:
    text: str  # normalised, without leading places and head word (项目, 工程)
    places: tuple[str, ...]  # places it names (gazetteer ids where known)
    owner: str | None  # core of the company the name starts with
    capacities: frozenset  # (value, unit without /a or /d)
    phases: frozenset  # (1, "期"), (2, "号线")…
    product: str  # what is left: product and sector words
    works_phases: frozenset = frozenset()  # a phase written after the head: "…项目一期工程" (1, "期")


@dataclass(frozen=True)
class ParkName:
    place: str | None
    rest: str  # the name without its place, abbreviations expanded to one form
    owner: str | None  # core of the company the name starts with (a company's own park)
    product: str  # what is left without owner, suffix and generic words


class Rules:
    """What resolution knows about names: the lexicon's gazetteer and word lists (patterns/resolve.json,
    and the legal suffixes, short-name, park and place suffixes the recognisers use).

    Works without a lexicon (tests, other regions' experiments): then no gazetteer, only the place suffixes.
    """

    def __init__(self, lexicon=None):
        self.lexicon = lexicon
        words = lexicon or lexicon_mod.load()
        companies, parks, places, projects, own = (
            words.patterns[k] for k in ("companies", "parks", "places", "projects", "resolve"))
        self.legal_suffixes = longest_first(companies["legal_suffixes"])
        self.industry_words = longest_first({*companies["short_name_suffixes"], *own["descriptor_words"]})
        self.project_heads = longest_first(own["project_heads"])
        self.project_generic = longest_first(own["project_generic"])
        self.sector_words = longest_first({*projects["sector_words"],
                                           *(k for chain in words.chains.values() for k in chain.keywords)})
        self.park_abbreviations = sorted(own["park_abbreviations"], key=lambda p: (-len(p[0]), p[0]))
        self.park_suffixes = longest_first(parks["suffixes"])
        county = "|".join(map(re.escape, longest_first([*places["county_suffixes"], places["county_city_suffix"]])))
        self.place_pattern = re.compile(f"^[\\u4e00-\\u9fff]{{2,5}}?(?:{county})")
        self.not_places = frozenset(places["not_place_names"])
        self.phase_pattern = re.compile(own["phase_pattern"])
        self.works_phase_pattern = re.compile(own["works_phase_pattern"])
        self.hedges = frozenset(own["hedges"])
        self.place_names: dict[str, str] = dict(getattr(lexicon, "place_names", None) or {})
        self.longest_place = max(map(len, self.place_names), default=0)
        self.context_names: dict[str, tuple[str, ...]] = dict(getattr(lexicon, "context_names", None) or {})
        self.park_ranks = re.compile("^(?:" + "|".join(map(re.escape, longest_first(parks["rank_words"]))) + ")")

    # places

    def place_id(self, name: str) -> str | None:
        return self.place_names.get(norm(name))

    def place_level(self, place_id: str) -> str | None:
        place = getattr(self.lexicon, "places", {}).get(place_id)
        return place.level if place else None

    def place_label(self, place_id: str) -> str:
        place = getattr(self.lexicon, "places", {}).get(place_id)
        return place.name if place else place_id

    def is_place(self, text: str) -> bool:
        """A gazetteer name (one-character short names such as 甘 or 海 start too many words to count) or
        a name with a county suffix."""
        if len(text) >= 2 and text in self.place_names:
            return True
        return bool(self.place_pattern.fullmatch(text)) and text not in self.not_places

    def split_places(self, text: str) -> tuple[tuple[str, ...], str]:
        """Places written before a name or in brackets inside it, and the name without them.

        内蒙古(奈曼)锐川有色金属材料有限公司 -> (内蒙古自治区, 奈曼旗), 锐川有色金属材料有限公司.
        At least two characters are always left, so a place alone is not emptied.
        """
        found = []

        def bracket(m: re.Match) -> str:
            if self.is_place(m.group(1)):
                found.append(self.place_names.get(m.group(1), m.group(1)))
                return ""
            return m.group(0)

        rest = BRACKETED.sub(bracket, text)
        while True:
            prefix = next((rest[:k] for k in range(min(self.longest_place, len(rest) - 2), 1, -1)
                           if rest[:k] in self.place_names), None)
            if prefix is None:
                m = self.place_pattern.match(rest)
                prefix = m.group(0) if m and len(rest) - m.end() >= 2 and self.is_place(m.group(0)) else None
            if prefix is None:
                break
            found.append(self.place_names.get(prefix, prefix))
            rest = rest[len(prefix):]
        return tuple(found), rest

    # companies

    def company(self, name: str) -> CompanyName:
        places, rest = self.split_places(norm(name))
        legal = group = False
        descriptor = ""
        while True:
            suffix = ending(rest, self.legal_suffixes)
            if suffix:
                group = group or (not legal and suffix.startswith("集团"))
                legal = True
            else:
                suffix = ending(rest, self.industry_words)
                if not suffix:
                    break
                descriptor = suffix + descriptor
            rest = rest[:-len(suffix)]
        if (county := self.county_stem(rest, after=2)) and county[1] not in places:  # 江阴青禾塑业 = 青禾塑业
            places, rest = (*places, county[1]), rest[len(county[0]):]
        return CompanyName(rest, descriptor, legal, places, group)

    # parks

    def park(self, name: str, owners: dict[str, str]) -> ParkName:
        """The parts of a park name; `owners` maps every known company name and core to its core."""
        places, rest = self.split_places(self.park_ranks.sub("", norm(name)))
        if not places and (county := self.county_stem(rest)):  # 洪湖经济开发区 = 洪湖市经济开发区
            places, rest = (county[1],), rest[len(county[0]):]
        host = next((w for w in self.park_suffixes if rest.startswith(w) and len(rest) - len(w) >= 4
                     and ending(rest, self.park_suffixes, keep=2)), None)
        if host:  # "霍林郭勒高新技术产业开发区铝深加工产业园": a park inside the zone, named by its host place
            rest = rest[len(host):]
        for long, short in self.park_abbreviations:
            if rest.endswith(long):
                rest = rest[:-len(long)] + short
                break
        owner_text = owner_prefix(rest, owners)
        body = rest[len(owner_text or ""):]
        body = body[:-len(suffix)] if (suffix := ending(body, self.park_suffixes, keep=0)) else body
        return ParkName(places[0] if places else None, rest, owners.get(owner_text), self.product_words(body))

    def county_stem(self, text: str, after: int | None = None) -> tuple[str, str] | None:
        """(stem, place) when `text` opens with a county's short name that needs context elsewhere (洪湖, 琼海,
        江阴) and a name follows it: a park name (when `after` is None), or at least `after` characters of a
        company's core (江阴青禾塑业). There the stem names the county. A stem several counties share is kept
        as written (the same in every mention)."""
        for stem in lexicon_mod.county_stems(self.context_names, text, after or 3):
            if after is not None or ending(text[len(stem):], self.park_suffixes, keep=0):
                places = self.context_names[stem]
                return stem, places[0] if len(places) == 1 else stem
        return None

    def park_is_distinctive(self, park: ParkName, chars: int = 2) -> bool:
        """More than a bare suffix: "三屿工业园" is a name, "工业园" alone is not."""
        suffix = ending(park.rest, self.park_suffixes, keep=0) or ""
        return len(park.rest) - len(suffix) >= chars

    # projects

    def project(self, name: str, owners: dict[str, str]) -> ProjectName:
        """The parts of a project name; `owners` maps every known company name and core to its core."""
        places, rest = self.split_places(norm(name))
        works = set()
        if (m := self.works_phase_pattern.search(rest)) and m.start() >= 2:
            works.add((small_number(m.group(1)) or m.group(1), "期"))
            rest = rest[:m.start()]
        while head := ending(rest, self.project_heads):
            rest = rest[:-len(head)]
        owner_text = owner_prefix(rest, owners)
        body = rest[len(owner_text or ""):]
        capacities = set()
        for m in reversed(find_quantities(body)):
            q = m.quantity
            if q.kind != "money":
                capacities.add((q.value, q.unit.split("/")[0]))
                body = body[:m.start] + " " + body[m.end:]
        phases = set()
        for m in reversed(list(self.phase_pattern.finditer(body))):
            phases.add((small_number(m.group(1)) or m.group(1), m.group(2)))
            body = body[:m.start()] + " " + body[m.end():]
        return ProjectName(rest, places, owners.get(owner_text), frozenset(capacities), frozenset(phases),
                           self.product_words(body), frozenset(works))

    def alias_key(self, name: ProjectName) -> str | None:
        """A name as another article may write it: without the 、 of an abbreviated list ("风、光、储" =
        "风光储"), and only when it is distinctive enough to identify a project by itself."""
        key = name.text.replace("、", "")
        return key if len(key) >= 6 and self.distinctive(name) else None

    def distinctive(self, name: ProjectName) -> bool:
        """Names an owner, a place, or a product beyond sector words: "30万千瓦风电" alone names nothing."""
        rest = name.product
        for word in self.sector_words:
            rest = rest.replace(word, "")
        return bool(name.owner or name.places) or len(rest) >= 2

    def product_words(self, body: str) -> str:
        """What a name says it makes: without generic words, digits and punctuation."""
        for word in self.project_generic:
            body = body.replace(word, " ")
        return "".join(ch for ch in body if not ch.isspace() and not ch.isdigit() and ch not in "()-.,×")

    def hedged(self, qualifiers) -> bool:
        return any(q in self.hedges for q in qualifiers)


def longest_first(words) -> list[str]:
    return sorted(words, key=lambda w: (-len(w), w))


def ending(text: str, words: list[str], keep: int = 2) -> str | None:
    """The longest word of `words` that ends `text` and leaves at least `keep` characters."""
    return next((w for w in words if text.endswith(w) and len(text) - len(w) >= keep), None)


def owner_prefix(text: str, owners: dict[str, str]) -> str | None:
    """The longest known company name (two characters or more) that `text` starts with."""
    return next((text[:i] for i in range(len(text), 1, -1) if text[:i] in owners), None)


def common_run(a: str, b: str) -> int:
    """Length of the longest common substring."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def same_product(a: str, b: str) -> int:
    """The shared product words' length when one product contains the other or they share most of the
    shorter one (高端装备制造 / 新能源装备制造), else 0."""
    if not (a and b):
        return 0
    run = common_run(a, b)
    shorter = min(len(a), len(b))
    return run if run == shorter or (run >= 2 and 2 * run > shorter) else 0

"""`resolve`: one entity per real-world thing across the documents of a build, and its statements.

A mention is one document's LocalEntity (`relate` has already merged the names one document uses for it).
Mentions of different documents are merged by rules per kind, and every merge is recorded with its rule:
- places: the gazetteer id (科左后旗 = 科尔沁左翼后旗); places the gazetteer lacks, by name;
- companies: the core of the name, without leading or bracketed places, legal suffix (有限公司, 集团…) and
  trailing industry words (the descriptor: 新材料, 合金…). The same core and descriptor merge; a less
  specific name (a bare core) merges into the one company it could abbreviate, a brand written without
  legal suffix before a registered subsidiary; two legal names whose descriptors differ never merge;
- parks: host place and name with its abbreviation expanded to one form (高新区 = 高新技术产业开发区), or a
  company's own park named by the same owner and product words;
- projects: the same name, or the same owner with compatible capacities, phases and product words, or a
  distinctive name contained in the other; never different capacities, phases or owners, nor different
  counties unless both names carry the owner. A capacity and a sector ("30万千瓦风电") name nothing.
Merging is greedy, strongest rule first, and conservative: within one document only names that differ by
a place, legal form or head word merge (`relate` kept identical names apart on purpose: one article's two
"60万吨碳素项目" of two companies), every pair of names in a merged entity must match, and a weak match is
not taken while a mention has two incompatible candidates.

Statements follow Wikidata's model: every fact is kept; per (entity, property) the statement of the most
recent article is preferred, then the one without 约/近/超, then the longer quote; an amount in another
currency is never preferred (the direct money values are yuan). Multi-valued relations
(developer, inChain, partOf, supplies, nested places) prefer one statement per value. Values more than
1% apart, or two counties or parks for one project, are reported as disagreements.

Ids are readable ("project/<preferred label>"); the preferred label does not depend on the order of the
documents, and a `previous` resolution report (the resolution.json of an earlier build) keeps every
entity's earlier id, so adding an article renames nothing.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from pathlib import Path

from . import lexicon as lexicon_mod
from .nlp.quantities import find_quantities, small_number
from .nlp.text import same_form
from .model import (
    CAPACITY, COMPANY, CURRENCY, DEVELOPER, IN_CHAIN, IN_PARK, LOCATED_IN, MONEY_PROPS, PARK, PART_OF, PLACE,
    PROJECT, RELATION_PROPS, STATUS, STATUSES, SUPPLIES, Disagreement, DocResult, DocumentMeta, Entity, Evidence,
    KnowledgeBase, LocalEntity, MergeRecord, Quantity, Statement,
)

KIND_PATHS = {PROJECT: "project", COMPANY: "company", PARK: "park", PLACE: "place"}
MULTI_VALUED = (DEVELOPER, IN_CHAIN, PART_OF, SUPPLIES)  # several values can all be true
STRONG, MEDIUM, WEAK = 3, 2, 1  # rule strengths; a weak rule needs an unambiguous candidate
TOLERANCE = Decimal("0.01")  # numbers further apart than this (relative) disagree
IRI_UNSAFE = re.compile(r'[\s<>"{}|^`\\/?#%]+')
QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉]")
BRACKETED = re.compile(r"\(([^()]{1,12})\)")


# ---- names --------------------------------------------------------------------------------------


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
            suffix = _ending(rest, self.legal_suffixes)
            if suffix:
                group = group or (not legal and suffix.startswith("集团"))
                legal = True
            else:
                suffix = _ending(rest, self.industry_words)
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
                     and _ending(rest, self.park_suffixes, keep=2)), None)
        if host:  # "霍林郭勒高新技术产业开发区铝深加工产业园": a park inside the zone, named by its host place
            rest = rest[len(host):]
        for long, short in self.park_abbreviations:
            if rest.endswith(long):
                rest = rest[:-len(long)] + short
                break
        owner_text = _owner_prefix(rest, owners)
        body = rest[len(owner_text or ""):]
        body = body[:-len(suffix)] if (suffix := _ending(body, self.park_suffixes, keep=0)) else body
        return ParkName(places[0] if places else None, rest, owners.get(owner_text), self.product_words(body))

    def county_stem(self, text: str, after: int | None = None) -> tuple[str, str] | None:
        """(stem, place) when `text` opens with a county's short name that needs context elsewhere (洪湖, 琼海,
        江阴) and a name follows it: a park name (when `after` is None), or at least `after` characters of a
        company's core (江阴青禾塑业). There the stem names the county. A stem several counties share is kept
        as written (the same in every mention)."""
        for stem in lexicon_mod.county_stems(self.context_names, text, after or 3):
            if after is not None or _ending(text[len(stem):], self.park_suffixes, keep=0):
                places = self.context_names[stem]
                return stem, places[0] if len(places) == 1 else stem
        return None

    def park_is_distinctive(self, park: ParkName, chars: int = 2) -> bool:
        """More than a bare suffix: "三屿工业园" is a name, "工业园" alone is not."""
        suffix = _ending(park.rest, self.park_suffixes, keep=0) or ""
        return len(park.rest) - len(suffix) >= chars

    # projects

    def project(self, name: str, owners: dict[str, str]) -> ProjectName:
        """The parts of a project name; `owners` maps every known company name and core to its core."""
        places, rest = self.split_places(norm(name))
        works = set()
        if (m := self.works_phase_pattern.search(rest)) and m.start() >= 2:
            works.add((small_number(m.group(1)) or m.group(1), "期"))
            rest = rest[:m.start()]
        while head := _ending(rest, self.project_heads):
            rest = rest[:-len(head)]
        owner_text = _owner_prefix(rest, owners)
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


def _ending(text: str, words: list[str], keep: int = 2) -> str | None:
    """The longest word of `words` that ends `text` and leaves at least `keep` characters."""
    return next((w for w in words if text.endswith(w) and len(text) - len(w) >= keep), None)


def _owner_prefix(text: str, owners: dict[str, str]) -> str | None:
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


# ---- mentions and clusters ----------------------------------------------------------------------


@dataclass
class Mention:
    """One document's entity: the unit that resolution merges."""

    index: int
    doc: DocumentMeta
    local: LocalEntity
    names: tuple[str, ...]  # the document's name first, then its other surfaces
    sig: object = None  # the kind's name analysis (CompanyName, ParkName, ProjectName, place key)
    owners: frozenset = frozenset()  # projects: owner core and developers' cores
    named_counties: frozenset = frozenset()  # projects: county-level places in the name
    stated_counties: frozenset = frozenset()  # projects: county-level places the document locates it in
    alias_keys: frozenset = frozenset()  # projects: every distinctive name of the document, as compared
    builds_with: frozenset = frozenset()  # bare short names: registered companies another article says
    # build the projects this one builds (see _short_names_of_builders)

    @property
    def ref(self) -> tuple[str, str]:
        return self.doc.doc_id, self.local.key


class Clusters:
    """Union-find over mentions, with the merge records of each cluster."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.parent = list(range(len(mentions)))
        self.members = {i: [i] for i in range(len(mentions))}
        self.records: dict[int, list[tuple[tuple[str, ...], str]]] = defaultdict(list)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, names: tuple[str, ...], rule: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        self.records[ra] += self.records.pop(rb, [])
        self.records[ra].append((names, rule))

    def roots(self) -> list[int]:
        return sorted(self.members)


def bucket_pairs(looks: list[Mention], keys) -> set[tuple[int, int]]:
    """The pairs of looks (g <= h, a look with itself included) that share a key: the only pairs a rule
    can match (`keys(mention)` -> keys)."""
    buckets = defaultdict(list)
    for g, m in enumerate(looks):
        for key in keys(m):
            buckets[key].append(g)
    return {(g, h) for bucket in buckets.values() for x, g in enumerate(bucket) for h in bucket[x:]}


def merge_greedy(clusters: Clusters, indices: list[int], candidates, edge) -> list[str]:
    """Merge mentions along their matching pairs, strongest first; returns notes on ambiguous names.

    The pairs are taken strongest rule first, then by score, then in mention order. `edge(a, b)` gives
    (strength, score, rule) for two mentions that match, or None. Within one document only a strong rule
    merges, and only names written differently. Two clusters merge only when every pair across them
    matches; a weak match needs an unambiguous candidate: it is not taken while the mention matches, as
    well or better, another cluster that cannot merge with this one.

    `edge` reads only a mention's sig, owners, counties and alias keys, so mentions that agree on those and on their
    name (a look: the same name in many articles) are compared once, and `candidates(looks)` gives the
    pairs of looks worth comparing. A pair that cannot change anything (both mentions already in one
    cluster, or a cluster that failed and has not changed since) is skipped, not tried: the result is the
    one of trying every pair of mentions in order, in time about linear in the number of articles.
    """
    return _Greedy(clusters, indices, candidates, edge).run()


class _Greedy:
    """The state of one `merge_greedy`: clusters seen as looks (groups of alike mentions) and documents."""

    def __init__(self, clusters: Clusters, indices: list[int], candidates, edge):
        self.clusters = clusters
        self.edge = edge
        mentions = clusters.mentions
        look_ids: dict[tuple, int] = {}
        self.look: dict[int, int] = {}  # mention -> look
        self.looks: list[Mention] = []  # a representative mention of each look
        for i in sorted(indices):
            m = mentions[i]
            key = _look(m)
            if key not in look_ids:
                look_ids[key] = len(self.looks)
                self.looks.append(m)
            self.look[i] = look_ids[key]
        self.names = [norm(m.local.name) for m in self.looks]
        self.doc = {i: mentions[i].doc.doc_id for i in indices}
        self.related = defaultdict(set)  # look -> looks it is compared with
        for g, h in candidates(self.looks):
            self.related[g].add(h)
            self.related[h].add(g)
        self.edges: dict[tuple[int, int], tuple | None] = {}
        self.parts: dict[int, dict[int, list[int]]] = defaultdict(dict)  # root -> look -> sorted mentions
        self.where: dict[int, dict[int, list[int]]] = defaultdict(dict)  # look -> root -> sorted mentions
        self.in_doc: dict[str, list[int]] = defaultdict(list)
        for i in sorted(indices):
            root, g = clusters.find(i), self.look[i]
            self.parts[root].setdefault(g, []).append(i)
            self.where[g][root] = self.parts[root][g]
            self.in_doc[self.doc[i]].append(i)
        self.version: dict[int, int] = defaultdict(int)  # a root's count of changes, for the cache below
        self.compatible_cache: dict[tuple, bool] = {}
        self.notes: list[str] = []

    def match(self, g: int, h: int, same_doc: bool = False):
        """What `edge` says of a mention of look g and a later one of look h (in one document or not)."""
        if (g, h) not in self.edges:
            self.edges[(g, h)] = self.edge(self.looks[g], self.looks[h])
        found = self.edges[(g, h)]
        if found and same_doc and (found[0] < STRONG or self.names[g] == self.names[h]):
            return None  # one article's identical names: `relate` kept them apart on purpose
        return found

    def pair(self, a: int, b: int):
        lo, hi = (a, b) if a < b else (b, a)
        return self.match(self.look[lo], self.look[hi], self.doc[lo] == self.doc[hi])

    def run(self) -> list[str]:
        levels = defaultdict(lambda: defaultdict(list))  # (strength, score) -> look -> later looks it matches
        for g in sorted(self.related):
            for h in sorted(self.related[g]):
                found = self.match(g, h)
                if found:
                    levels[found[:2]][g].append(h)
        for level in sorted(levels, reverse=True):
            targets = levels[level]
            rows = sorted(i for g in targets for part in self.where[g].values() for i in part)
            for a in rows:
                self.row(a, level, targets[self.look[a]])
        return self.notes

    def row(self, a: int, level: tuple, targets: list[int]) -> None:
        """The pairs (a, b > a) of one level, in order of b: one try per cluster until a merge changes a's."""
        find = self.clusters.find
        events = []
        for h in targets:
            for root, part in self.where[h].items():
                if root != find(a) and (b := self.next_member(part, a)) is not None:
                    events.append((b, h))
        heapq.heapify(events)
        failed = []
        while events:
            b, h = heapq.heappop(events)
            ra, rb = find(a), find(b)
            if ra == rb:
                continue  # the rest of b's cluster joined a's: nothing left to try there
            if not self.try_merge(a, b, ra, rb, level):
                failed.append((b, h))
                continue
            for f, fh in failed:  # a's cluster changed: what failed is tried again, from here on
                root = find(f)
                if root != find(a) and (nxt := self.next_member(self.where[fh][root], b)) is not None:
                    heapq.heappush(events, (nxt, fh))
            failed = []

    @staticmethod
    def next_member(part: list[int], after: int) -> int | None:
        k = bisect.bisect_right(part, after)
        return part[k] if k < len(part) else None

    def try_merge(self, a: int, b: int, ra: int, rb: int, level: tuple) -> bool:
        mentions = self.clusters.mentions
        if not self.compatible(ra, rb):
            return False
        if level[0] == WEAK:
            stuck = next(((r, other, o) for r, o in ((ra, rb), (rb, ra))
                          if (other := self.rival(r, o, level)) is not None), None)
            if stuck:
                root, other, target = stuck
                self.notes.append(f"{mentions[root].local.kind} {mentions[root].local.name} not merged: it "
                                  f"could be {mentions[target].local.name} or {mentions[other].local.name}")
                return False
        names = (mentions[a].local.name, mentions[b].local.name)
        self.union(a, b, names, self.pair(a, b)[2])
        return True

    def compatible(self, ra: int, rb: int) -> bool:
        """Every pair of mentions across the two clusters matches."""
        lo, hi = sorted((ra, rb))
        key = (lo, hi, self.version[lo], self.version[hi])
        if key not in self.compatible_cache:
            self.compatible_cache[key] = self.all_match(ra, rb)
        return self.compatible_cache[key]

    def all_match(self, ra: int, rb: int) -> bool:
        for g, xs in self.parts[ra].items():
            for h, ys in self.parts[rb].items():  # pairs of two documents: the looks decide
                if (xs[0] < ys[-1] and not self.match(g, h)) or (ys[0] < xs[-1] and not self.match(h, g)):
                    return False
        find = self.clusters.find
        small, large = sorted((ra, rb), key=lambda r: len(self.clusters.members[r]))
        return all(self.pair(x, y) for x in self.clusters.members[small]  # pairs within one document
                   for y in self.in_doc[self.doc[x]] if find(y) == large)

    def rival(self, root: int, target: int, level: tuple) -> int | None:
        """Another cluster that `root` matches as well as `target` and that cannot merge with `target`."""
        others = set()
        for g, xs in self.parts[root].items():
            for h in self.related[g]:
                forward, backward = self.match(g, h), self.match(h, g)
                forward = forward is not None and forward[:2] >= level
                backward = backward is not None and backward[:2] >= level
                if not (forward or backward):
                    continue
                for r, ys in self.where[h].items():
                    if r not in others and r != root and r != target and self.reaches(xs, ys, forward, backward):
                        others.add(r)
        return next((r for r in sorted(others) if not self.compatible(r, target)), None)

    def reaches(self, xs: list[int], ys: list[int], forward: bool, backward: bool) -> bool:
        """Some pair of a mention in xs and one in ys matches at the level (forward: x before y)."""
        if not backward and xs[0] > ys[-1] or not forward and ys[0] > xs[-1]:
            return False
        return any((forward if x < y else backward) and (self.doc[x] != self.doc[y] or self.pair(x, y))
                   for x in xs for y in ys)

    def union(self, a: int, b: int, names: tuple[str, ...], rule: str) -> None:
        ra, rb = self.clusters.find(a), self.clusters.find(b)
        self.clusters.union(a, b, names, rule)
        root = self.clusters.find(a)
        gone = rb if root == ra else ra
        for g, xs in self.parts.pop(gone).items():
            merged = sorted(self.parts[root].get(g, []) + xs)
            self.parts[root][g] = merged
            del self.where[g][gone]
            self.where[g][root] = merged
        self.version[root] += 1
        self.version[gone] += 1


# ---- the rules per kind -------------------------------------------------------------------------


def company_edge(a: Mention, b: Mention):
    x, y = a.sig, b.sig
    if x.core != y.core or len(x.core) < 2:
        return None
    if norm(b.local.name) in a.builds_with or norm(a.local.name) in b.builds_with:
        return STRONG, len(x.core), "short name of the registered company whose project it builds in another article"
    if a.builds_with != b.builds_with and not (x.legal or y.legal) or \
            (a.builds_with and y.legal) or (b.builds_with and x.legal):
        return None  # a short name whose company its project tells goes with that company only
    if x.places and y.places and not (set(x.places) <= set(y.places) or set(y.places) <= set(x.places)):
        return None  # 上海凯纶… and 通辽凯纶…: a company and its subsidiary registered elsewhere
    if x.descriptor == y.descriptor:
        return STRONG, len(x.core), "same company name without place prefix and legal suffix"
    general, specific = sorted((x, y), key=lambda n: len(n.descriptor))
    if general.group and specific.group and not (general.descriptor or general.places):
        return WEAK, len(x.core), "a group written short (华晟集团) of the only group it can abbreviate"
    if general.descriptor in specific.descriptor and not general.legal:
        if specific.legal:
            return WEAK, len(x.core), "short name of the only company it can abbreviate"
        # the press writes brands: a bare short name goes with the brand before a registered subsidiary
        return WEAK, len(x.core) + 0.5, "short name of the only brand it can abbreviate"
    if a.doc.doc_id == b.doc.doc_id and general.descriptor and x.legal != y.legal:
        # one article's 青禾药业 for its 江苏青禾制药有限公司: the trade word varies, the core does not
        return WEAK, len(x.core), "short name with another trade word, of the only company of its core in the article"
    return None


def park_edge(rules: Rules):
    def edge(a: Mention, b: Mention):
        x, y = a.sig, b.sig
        if x.rest == y.rest:
            if x.place == y.place and (x.place or rules.park_is_distinctive(x)):
                return STRONG, len(x.rest), "same park: host place and name up to abbreviation"
            if (x.place is None or y.place is None) and rules.park_is_distinctive(x):
                # a name of three characters or more before the suffix (淖毛湖工业园区) names one park
                strength = STRONG if rules.park_is_distinctive(x, 3) else WEAK
                return strength, len(x.rest), "same park name, one without its host place"
        elif x.owner and x.owner == y.owner and (x.place is None or y.place is None or x.place == y.place):
            run = same_product(x.product, y.product)
            if run:
                return MEDIUM, run, f"a company's park: same owner ({x.owner}) and product words"
        return None
    return edge


def project_edge(rules: Rules):
    def edge(a: Mention, b: Mention):
        found = _project_match(a, b, rules)
        if found and a.sig.works_phases != b.sig.works_phases:
            if a.sig.works_phases and b.sig.works_phases:
                return None
            # "X项目一期工程投入运营" speaks of X: the same project, unless another project of that name competes
            return WEAK, found[1], found[2] + ", one naming the works of a phase (项目一期工程)"
        return found
    return edge


def _project_match(a: Mention, b: Mention, rules: Rules):
    """(strength, score, rule) when two project mentions can be one project, the phase works aside."""
    x, y = a.sig, b.sig
    if x.phases != y.phases:
        return None
    if x.capacities and y.capacities and not (x.capacities <= y.capacities or y.capacities <= x.capacities):
        return None
    if a.owners and b.owners and not (a.owners & b.owners):
        return None
    if a.named_counties and b.named_counties and not (a.named_counties & b.named_counties):
        return None
    if not (x.owner and y.owner) and a.stated_counties and b.stated_counties and \
            not (a.stated_counties & b.stated_counties):
        return None  # without an owner, a name alone does not outweigh two counties
    if x.owner and x.owner == y.owner and x.text != y.text and (run := same_product(x.product, y.product)):
        if x.capacities == y.capacities and x.capacities and (x.product in y.product or y.product in x.product):
            # "内蒙古嘉合生物科技有限公司年产5万吨赤藓糖醇项目" / "嘉合生物年产5万吨赤藓糖醇项目": the owner written two ways
            return STRONG, run, f"same owner ({x.owner}), capacity and product"
        return MEDIUM, run, f"same owner ({x.owner}), capacities, phases and product words"
    if x.owner and x.owner == y.owner and x.text != y.text and \
            any(not (n.product or n.capacities or n.phases) for n in (x, y)):
        return WEAK, len(x.owner), f"a project named by its owner alone ({x.owner}的项目): the owner's one project"
    if x.text != y.text and (shared := a.alias_keys & b.alias_keys):
        return MEDIUM, max(map(len, shared)), "a name both articles write (one as another name of it)"
    short, long = sorted((x, y), key=lambda n: len(n.text))
    if not (short.text in long.text and rules.distinctive(short)):
        return None
    if short.text == long.text:
        return STRONG, len(x.text), "same project name"
    if len(short.text) >= 4:
        return WEAK, len(short.text), "distinctive name contained in the other"
    return None


def project_pairs(looks: list[Mention]) -> set[tuple[int, int]]:
    """Projects with the same name, alias or owner, and names that contain another name of four characters."""
    pairs = bucket_pairs(looks, lambda m: [("text", m.sig.text), *(("alias", k) for k in sorted(m.alias_keys))]
                         + ([("owner", m.sig.owner)] if m.sig.owner else []))
    grams = defaultdict(set)
    for g, m in enumerate(looks):
        text = m.sig.text
        for k in range(len(text) - 3):
            grams[text[k:k + 4]].add(g)
    for g, m in enumerate(looks):
        text = m.sig.text
        if len(text) >= 4:
            pairs |= {tuple(sorted((g, h))) for h in grams[text[:4]] if text in looks[h].sig.text}
    return pairs


# ---- resolve ------------------------------------------------------------------------------------


def resolve(results: list[DocResult], lexicon=None, previous: dict | None = None) -> KnowledgeBase:
    """Merge the documents' entities into one entity per real-world thing, with ranked statements.

    `previous` is the `report()` of an earlier build (its resolution.json): entities that share a name
    with an entity there keep its id.
    """
    rules = Rules(lexicon)
    results = sorted(results, key=lambda r: r.meta.doc_id)
    mentions = _mentions(results)
    clusters = Clusters(mentions)
    by_kind = defaultdict(list)
    for m in mentions:
        by_kind[m.local.kind].append(m.index)
    notes = []

    for i in by_kind[PLACE]:
        m = mentions[i]
        gid = m.local.attrs.get("gazetteer_id") or next(filter(None, map(rules.place_id, m.names)), None)
        m.sig = ("gazetteer", gid) if gid else ("name", norm(m.local.name))
    _merge_places(clusters, by_kind[PLACE])

    _describe(mentions, by_kind[COMPANY], rules.company)
    _short_names_of_builders(mentions, clusters, by_kind, results, rules)
    notes += merge_greedy(clusters, by_kind[COMPANY], lambda looks: bucket_pairs(looks, lambda m: [m.sig.core]),
                          company_edge)

    company_cores, owners = _owner_names(mentions, clusters, by_kind[COMPANY], rules)
    if _merge_brands(clusters, by_kind, rules, owners):
        company_cores, owners = _owner_names(mentions, clusters, by_kind[COMPANY], rules)
    _describe(mentions, by_kind[PARK], lambda name: rules.park(name, owners))
    notes += merge_greedy(clusters, by_kind[PARK], lambda looks: bucket_pairs(looks, lambda m: [m.sig.rest] + (
        [("owner", m.sig.owner)] if m.sig.owner else [])), park_edge(rules))

    _describe_projects(mentions, by_kind, results, rules, company_cores, owners)
    notes += merge_greedy(clusters, by_kind[PROJECT], project_pairs, project_edge(rules))

    entities, local_ids = _entities(clusters, rules, previous)
    statements, warnings = _statements(results, local_ids, entities)
    statements += _counties_of_developers(statements, entities, rules)
    _rank(statements, entities, rules)
    kb = KnowledgeBase(
        documents=[r.meta for r in results],
        entities={e.id: e for e in sorted(entities.values(), key=lambda e: e.id)},
        statements=sorted(statements, key=lambda s: (s.subject, s.prop, s.id)),
        aggregates=sorted((a for r in results for a in r.aggregates),
                          key=lambda a: (a.evidence.doc_id, a.evidence.start, a.scope)),
        merges=_merge_records(clusters, local_ids),
        warnings=[f"{r.meta.doc_id}: {w}" for r in results for w in r.warnings] + sorted(set(notes)) + warnings,
    )
    kb.disagreements = disagreements(kb, rules)
    return kb


def _mentions(results: list[DocResult]) -> list[Mention]:
    mentions = []
    for r in results:
        for local in sorted(r.entities, key=lambda e: e.key):
            names = tuple(dict.fromkeys(n for n in (local.name, *local.surfaces) if n and n.strip()))
            mentions.append(Mention(len(mentions), r.meta, local, names))
    return mentions


def _merge_places(clusters: Clusters, indices: list[int]) -> None:
    """One place per gazetteer id or unknown name, within a document too (a place is one place)."""
    first: dict[tuple, int] = {}
    for i in indices:
        m = clusters.mentions[i]
        j = first.setdefault(m.sig, i)
        if clusters.find(i) != clusters.find(j):
            rule = "same gazetteer place" if m.sig[0] == "gazetteer" else "same place name"
            clusters.union(j, i, (clusters.mentions[j].local.name, m.local.name), rule)


def _describe(mentions: list[Mention], indices: list[int], analyse) -> None:
    """Each mention's name analysis (`analyse(name)`), made once per name however many articles use it."""
    done = {}
    for i in indices:
        name = mentions[i].local.name
        if name not in done:
            done[name] = analyse(name)
        mentions[i].sig = done[name]


def _short_names_of_builders(mentions: list[Mention], clusters: Clusters, by_kind, results, rules: Rules) -> None:
    """A bare short name (星禾) may abbreviate several companies of one core. When the project it builds is,
    by the project rules, a project another article says a registered company of that core builds
    (青山星禾合金有限公司年产40万吨…), the short name is that company: mark it in `builds_with`."""
    company_cores, owners = _owner_names(mentions, clusters, by_kind[COMPANY], rules)
    _describe_projects(mentions, by_kind, results, rules, company_cores, owners)
    by_ref = {mentions[i].ref: i for i in by_kind[COMPANY] + by_kind[PROJECT]}
    builders = defaultdict(list)  # project mention -> company mentions its article says build it
    for r in results:
        for fact in r.facts:
            if fact.prop == DEVELOPER and isinstance(fact.value, str):
                p, c = by_ref.get((r.meta.doc_id, fact.subject)), by_ref.get((r.meta.doc_id, fact.value))
                if p is not None and c is not None and c not in builders[p]:
                    builders[p].append(c)
    by_owner = defaultdict(lambda: defaultdict(list))  # owner -> look -> its project mentions
    for p in by_kind[PROJECT]:
        for owner in sorted(mentions[p].owners):
            by_owner[owner][_look(mentions[p])].append(p)
    edge, matches, registered = project_edge(rules), {}, {}
    hints = defaultdict(set)
    for p, companies in builders.items():
        for c in companies:
            short = mentions[c].sig
            if short.legal or short.descriptor:
                continue
            for look, qs in by_owner[short.core].items():
                if all(mentions[q].doc.doc_id == mentions[p].doc.doc_id for q in qs):
                    continue  # another article's project only
                key = (_look(mentions[p]), look)
                if key not in matches:
                    q = mentions[qs[0]]
                    found = edge(mentions[p], q) or edge(q, mentions[p])
                    matches[key] = found is not None and found[0] >= MEDIUM
                if matches[key]:
                    if (look, short.core) not in registered:
                        registered[look, short.core] = {norm(mentions[b].local.name) for q in qs
                                                        for b in builders.get(q, ()) if mentions[b].sig.legal
                                                        and mentions[b].sig.core == short.core}
                    hints[c] |= registered[look, short.core]
    for c, names in hints.items():
        if len(names) == 1:  # one registered company: the short name is it
            mentions[c].builds_with = frozenset(names)


def _look(m: Mention) -> tuple:
    """What the rules read of a mention: mentions alike in it are compared once (see merge_greedy)."""
    return (m.local.name, m.sig, m.owners, m.named_counties, m.stated_counties, m.alias_keys, m.builds_with)


def _owner_names(mentions: list[Mention], clusters: Clusters, companies: list[int], rules: Rules):
    """(company mention -> owner key, every company name, name without places and core -> owner key).

    The owner key is the core of the company's cluster (its registered member's, else its first one's), so
    a brand merged into a company (a product brand into 青松科技) owns what the company owns."""
    company_cores, owners, unplaced = {}, {}, {}
    keys = {}
    for root in {clusters.find(i) for i in companies}:
        members = [mentions[j] for j in clusters.members[root]]
        keys[root] = next((m.sig.core for m in members if m.sig.legal), members[0].sig.core)
    for i in companies:
        m = mentions[i]
        key = keys[clusters.find(i)]
        company_cores[m.ref] = key
        for name in m.names:
            n = norm(name)
            if n not in unplaced:
                unplaced[n] = rules.split_places(n)[1]
            for text in (n, unplaced[n], m.sig.core):
                if len(text) >= 2:
                    owners.setdefault(text, key)
    return company_cores, owners


def _merge_brands(clusters: Clusters, by_kind, rules: Rules, owners: dict[str, str]) -> bool:
    """A name written right after a registered company's name at the start of a project name is that
    company's brand ("青松科技有限公司蓝晶一期二号线…项目": 蓝晶): a company known only by that name (a bare
    brand, no registered member) in any article joins the registered company. Returns whether any did."""
    mentions = clusters.mentions
    bare, registered = {}, {}
    for i in by_kind[COMPANY]:
        root = clusters.find(i)
        if root not in registered:
            registered[root] = any(mentions[j].sig.legal for j in clusters.members[root])
        if not registered[root]:
            for name in mentions[i].names:
                bare.setdefault(norm(name), i)
    in_doc = {}  # (document, company name with or without its places) -> company mention
    for j in by_kind[COMPANY]:
        for n in mentions[j].names:
            for text in (norm(n), rules.split_places(norm(n))[1]):
                in_doc.setdefault((mentions[j].doc.doc_id, text), j)
    merged = False
    for i in by_kind[PROJECT]:
        for name in mentions[i].names:
            owner, brand = _owner_and_brand(norm(name), rules, owners, bare)
            company = in_doc.get((mentions[i].doc.doc_id, owner)) if brand else None
            if company is not None and clusters.find(bare[brand]) != clusters.find(company):
                clusters.union(company, bare[brand], (owner, brand),
                               "a brand written after the registered company's name in a project name")
                merged = True
    return merged


def _owner_and_brand(name: str, rules: Rules, owners: dict, bare: dict) -> tuple[str | None, str | None]:
    """The registered company a project name starts with and the bare brand right after it, if any."""
    _, rest = rules.split_places(name)
    owner = _owner_prefix(rest, owners)
    if not owner or not rules.company(owner).legal:
        return None, None
    return owner, _owner_prefix(rest[len(owner):], bare)


def _describe_projects(mentions, by_kind, results, rules: Rules, company_cores: dict, owners: dict) -> None:
    """Project name analysis, with the owners and counties each document states for it."""
    place_county = {}
    for i in by_kind[PLACE]:
        m = mentions[i]
        kind, key = m.sig
        level = m.local.attrs.get("level") or (rules.place_level(key) if kind == "gazetteer" else None)
        if level == "county":
            place_county[m.ref] = key
    stated = defaultdict(lambda: (set(), set()))
    for r in results:
        for fact in r.facts:
            target = (r.meta.doc_id, fact.value) if isinstance(fact.value, str) else None
            if fact.prop == DEVELOPER and target in company_cores:
                stated[(r.meta.doc_id, fact.subject)][0].add(company_cores[target])
            elif fact.prop == LOCATED_IN and target in place_county:
                stated[(r.meta.doc_id, fact.subject)][1].add(place_county[target])
    _describe(mentions, by_kind[PROJECT], lambda name: rules.project(name, owners))
    alias_key = lru_cache(maxsize=None)(lambda name: rules.alias_key(rules.project(name, owners)))
    for i in by_kind[PROJECT]:
        m = mentions[i]
        developers, counties = stated[m.ref]
        m.owners = frozenset(({m.sig.owner} if m.sig.owner else set()) | developers)
        m.named_counties = frozenset(p for p in m.sig.places if rules.place_level(p) == "county")
        m.stated_counties = frozenset(counties)
        m.alias_keys = frozenset(filter(None, (alias_key(name) for name in m.names)))


# ---- entities and ids ---------------------------------------------------------------------------


def _entities(clusters: Clusters, rules: Rules, previous: dict | None):
    """One Entity per cluster, and the map (doc id, local key) -> entity id."""
    drafts = []
    for root in clusters.roots():
        members = [clusters.mentions[i] for i in sorted(clusters.members[root])]
        drafts.append(_draft(members, rules))
    ids = assign_ids(drafts, previous)
    entities, local_ids = {}, {}
    for draft, entity_id in zip(drafts, ids):
        draft.entity.id = entity_id
        entities[entity_id] = draft.entity
        for m in draft.members:
            local_ids[m.ref] = entity_id
    for draft in drafts:  # an enclosing place that relate wrote as a local key
        within = [local_ids[(m.doc.doc_id, w)] for m in draft.members
                  if (w := m.local.attrs.get("within")) and (m.doc.doc_id, w) in local_ids]
        if within:
            draft.entity.attrs["within"] = within[0]
    return entities, local_ids


@dataclass
class Draft:
    members: list[Mention]
    entity: Entity
    base_id: str
    anchor: str  # the earliest mention, for a stable collision suffix


def _draft(members: list[Mention], rules: Rules) -> Draft:
    kind = members[0].local.kind
    names_docs = defaultdict(set)
    for m in members:
        for name in m.names:
            names_docs[name].add(m.doc.doc_id)
    gazetteer = members[0].sig[1] if kind == PLACE and members[0].sig[0] == "gazetteer" else None
    label = rules.place_label(gazetteer) if gazetteer else preferred_label(members, names_docs, rules)
    mentions = sorted({ev for m in members for ev in m.local.evidence},
                      key=lambda e: (e.doc_id, e.start, e.end, e.sentence, e.quote))
    attrs = {}
    for m in members:
        for key, value in sorted(m.local.attrs.items()):
            attrs.setdefault(key, value)
    if "in_caption" in attrs:
        attrs["in_caption"] = all(m.local.attrs.get("in_caption") for m in members)
    if gazetteer:
        attrs["gazetteer_id"] = gazetteer
        attrs.setdefault("level", rules.place_level(gazetteer))
    entity = Entity(
        id="", kind=kind, label=label,
        alt_labels=sorted(n for n in names_docs if n != label),
        docs=sorted({m.doc.doc_id for m in members}),
        mentions=mentions, attrs={k: v for k, v in attrs.items() if v is not None})
    base = KIND_PATHS[kind] + "/" + (gazetteer or slug(label))
    return Draft(members, entity, base, anchor="|".join(min(m.ref for m in members)))


def preferred_label(members: list[Mention], names_docs: dict[str, set], rules: Rules) -> str:
    """The most complete name: a registered company's name in it, the longest without its places and head
    word (项目), one not led by a place ("星禾集团…基地" over "开鲁县星禾集团…基地"; a company keeps its
    registered place), a document's main name over its other surfaces, the most documents; ties by the name."""
    primary = {m.local.name for m in members}
    kind = members[0].local.kind

    def merit(name: str) -> tuple:
        places, text = rules.split_places(norm(name))
        while head := _ending(text, rules.project_heads):
            text = text[:-len(head)]
        return (-any(s in name for s in rules.legal_suffixes), -len(text), bool(places) and kind != COMPANY,
                name not in primary, -len(names_docs[name]), name)

    return min(names_docs, key=merit)


def slug(label: str) -> str:
    """The label as an IRI path segment: characters an IRI may not hold become "_"."""
    return IRI_UNSAFE.sub("_", unicodedata.normalize("NFKC", label)).strip("_") or "_"


def assign_ids(drafts: list[Draft], previous: dict | None) -> list[str]:
    """Ids for the drafts: a previous entity's id when the names say it is the same, else the base id.

    A previous id goes to the draft sharing most names with it (ties: the id, then the anchor). Base ids
    that collide get a short suffix from the draft's earliest mention, so adding a document never
    shifts a numbering.
    """
    ids: list[str | None] = [None] * len(drafts)
    taken = set()
    if previous:
        known = defaultdict(set)
        for e in previous.get("entities", []):
            for name in (e["label"], *e.get("alt_labels", [])):
                known[(e["kind"], norm(name))].add(e["id"])
        votes = []
        for i, d in enumerate(drafts):
            names = {norm(n) for n in (d.entity.label, *d.entity.alt_labels)}
            counts = Counter(pid for n in names for pid in known.get((d.entity.kind, n), ()) if
                             len(known[(d.entity.kind, n)]) == 1)
            votes += [(-c, pid, d.anchor, i) for pid, c in counts.items()]
        for _, pid, _, i in sorted(votes):
            if ids[i] is None and pid not in taken:
                ids[i] = pid
                taken.add(pid)
    groups = defaultdict(list)
    for i, d in enumerate(drafts):
        if ids[i] is None:
            groups[d.base_id].append(i)
    for base, members in sorted(groups.items()):
        members.sort(key=lambda i: drafts[i].anchor)
        for n, i in enumerate(members):
            candidate = base
            if n or base in taken:
                candidate = f"{base}_{hashlib.sha1(drafts[i].anchor.encode('utf-8')).hexdigest()[:6]}"
            ids[i] = candidate
            taken.add(candidate)
    return ids


def _merge_records(clusters: Clusters, local_ids: dict) -> list[MergeRecord]:
    records = set()
    for root in clusters.roots():
        entity_id = local_ids[clusters.mentions[root].ref]
        for names, rule in clusters.records.get(root, []):
            records.add(MergeRecord(entity_id, names, rule))
        for i in clusters.members[root]:
            m = clusters.mentions[i]
            if len(m.names) > 1:
                records.add(MergeRecord(entity_id, m.names, f"names of one entity in {m.doc.doc_id} (relate)"))
    return sorted(records, key=lambda r: (r.entity, r.rule, r.names))


# ---- statements ---------------------------------------------------------------------------------


def statement_id(subject: str, prop: str, value: object, ev: Evidence) -> str:
    raw = f"{subject}|{prop}|{ev.doc_id}|{ev.start}|{ev.end}|{value!r}"
    return "stmt/" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _statements(results: list[DocResult], local_ids: dict, entities: dict):
    """Each fact as a statement about global entities; facts that name no known entity are reported."""
    statements, warnings, seen = [], [], set()
    for r in results:
        doc = r.meta.doc_id
        for fact in r.facts:
            subject = local_ids.get((doc, fact.subject))
            value = fact.value
            if fact.prop in RELATION_PROPS:
                value = local_ids.get((doc, value))
            if subject is None or value is None:
                warnings.append(f"{doc}: {fact.prop} fact of {fact.subject} names an unknown entity; dropped")
                continue
            if fact.prop in RELATION_PROPS and value == subject:
                continue  # both names turned out to be one entity
            ev = fact.evidence if fact.evidence.doc_date or not r.meta.date else \
                Evidence(fact.evidence.doc_id, fact.evidence.sentence, fact.evidence.start, fact.evidence.end,
                         fact.evidence.quote, r.meta.date)
            sid = statement_id(subject, fact.prop, value, ev)
            if sid in seen:
                continue
            seen.add(sid)
            statements.append(Statement(sid, subject, fact.prop, value, ev, fact.qualifiers, fact.note))
    return statements, warnings


def _counties_of_developers(statements: list[Statement], entities: dict, rules: Rules) -> list[Statement]:
    """A project no article places in a county, whose developers' registered names all name one county
    ("内蒙古（奈曼）星禾有色金属材料有限公司"), is in that county: one statement, quoting where the name is written.

    Only county-level places count (a province or city in a name says where the company is registered, not
    where it builds), and only a place some article names, so that the value is a node of the graph."""
    places = {e.attrs["gazetteer_id"]: e.id for e in entities.values()
              if e.kind == PLACE and e.attrs.get("gazetteer_id")}
    placed, developers = set(), defaultdict(set)
    for st in statements:
        if st.prop == LOCATED_IN and entities[st.value].kind == PLACE and \
                rules.place_level(entities[st.value].attrs.get("gazetteer_id", "")) == "county":
            placed.add(st.subject)
        elif st.prop == DEVELOPER:
            developers[st.subject].add(st.value)
    out = []
    for project, companies in sorted(developers.items()):
        if project in placed or entities[project].kind != PROJECT:
            continue
        found = {}  # county -> (company name, evidence)
        for company in sorted(companies):
            entity = entities[company]
            for name in [entity.label, *entity.alt_labels]:
                for place in rules.company(name).places:
                    if rules.place_level(place) == "county" and place in places:
                        ev = next((e for e in entity.mentions if norm(name) in norm(e.quote)), None)
                        if ev:
                            found.setdefault(place, (name, ev))
        if len(found) == 1:
            (county, (name, ev)), = found.items()
            out.append(Statement(statement_id(project, LOCATED_IN, places[county], ev), project, LOCATED_IN,
                                 places[county], ev, note=f"the county in its developer's name ({name})"))
    return out


def group_key(st: Statement, entities: dict) -> tuple:
    """Statements that compete for the preferred rank share a key."""
    if st.prop in MULTI_VALUED:
        return st.subject, st.prop, st.value
    if st.prop == LOCATED_IN:  # nested places are all true: compete only within one level
        target = entities.get(st.value)
        level = target.attrs.get("level") if target else None
        return (st.subject, st.prop, level) if level else (st.subject, st.prop, st.value)
    if st.prop == CAPACITY and isinstance(st.value, Quantity):  # one capacity per product
        return st.subject, st.prop, st.value.product or st.value.unit
    if isinstance(st.value, Quantity) and st.prop in MONEY_PROPS:  # a foreign amount is never preferred
        return st.subject, st.prop, st.value.unit
    return st.subject, st.prop  # a single-valued property: one preferred value whatever its unit


def ranked(group: list[Statement], rules: Rules) -> list[Statement]:
    """Best first: the most recent article (undated last), no 约/近/超, for a status the furthest stage one
    article reports (a project it says is being built has been signed too), the longer quote, then the id."""
    def merit(st: Statement) -> tuple:
        qualifiers = (*st.qualifiers, *(st.value.qualifiers if isinstance(st.value, Quantity) else ()))
        stage = STATUSES.index(st.value) if st.prop == STATUS and st.value in STATUSES else -1
        return st.evidence.doc_date or "", not rules.hedged(qualifiers), stage, len(st.evidence.quote)

    return sorted(sorted(group, key=lambda s: s.id), key=merit, reverse=True)


def _rank(statements: list[Statement], entities: dict, rules: Rules) -> None:
    groups = defaultdict(list)
    for st in statements:
        groups[group_key(st, entities)].append(st)
    for group in groups.values():
        if not foreign_money(group[0]):
            ranked(group, rules)[0].preferred = True


def foreign_money(st: Statement) -> bool:
    """An amount in another currency ("1.5亿美元") is never preferred: the direct money values are in yuan."""
    return st.prop in MONEY_PROPS and isinstance(st.value, Quantity) and st.value.unit != CURRENCY


def disagreements(kb: KnowledgeBase, rules: Rules | None = None) -> list[Disagreement]:
    """Numbers more than 1% apart, or two counties or parks, for one entity and property."""
    rules = rules or Rules()
    groups = defaultdict(list)
    for st in kb.statements:
        groups[group_key(st, kb.entities)].append(st)
    found = []
    for key, group in sorted(groups.items(), key=lambda kv: tuple(map(str, kv[0]))):
        values = {st.value.value if isinstance(st.value, Quantity) else st.value for st in group}
        if len(values) < 2:
            continue
        if all(isinstance(st.value, Quantity) for st in group):
            low, high = min(values), max(values)
            if high - low <= abs(high) * TOLERANCE:
                continue
        elif not (key[1] == IN_PARK or (key[1] == LOCATED_IN and key[2:] == ("county",))):
            continue
        ordered = ranked(group, rules)
        sources = defaultdict(dict)  # each value once, with its sources, best first
        for st in ordered:
            sources[_shown(st.value, kb.entities)].setdefault(
                f"{st.evidence.doc_id}, {st.evidence.doc_date or 'undated'}")
        entity = kb.entities[key[0]]
        summary = " vs ".join(f"{value} ({'; '.join(docs)})" for value, docs in sources.items())
        found.append(Disagreement(entity.id, key[1], tuple(st.id for st in ordered),
                                  f"{entity.label} {key[1]}: {summary}",
                                  f"{entity.label} {key[1]}: {short_sources(sources)}"))
    return found


SHORT_VALUES, SHORT_SOURCES = 3, 2  # a disagreement in the build summary: one line, however many articles


def short_sources(sources: dict[str, dict]) -> str:
    """The first values, each with its first sources, and how many of each are left out."""
    parts = []
    for value, docs in list(sources.items())[:SHORT_VALUES]:
        shown = list(docs)[:SHORT_SOURCES]
        more = f"; {len(docs) - len(shown)} more articles" if len(docs) > len(shown) else ""
        parts.append(f"{value} ({'; '.join(shown)}{more})")
    rest = len(sources) - SHORT_VALUES
    return " vs ".join(parts) + (f" and {rest} more values" if rest > 0 else "")


def _shown(value: object, entities: dict) -> str:
    if isinstance(value, Quantity):
        return "".join(value.text.split())
    if isinstance(value, str) and value in entities:
        return entities[value].label
    return str(value)


# ---- the resolution report ----------------------------------------------------------------------


def report(kb: KnowledgeBase) -> dict:
    """resolution.json: every entity with its names and the rules that merged them, and the disagreements.

    It is also the `previous` of the next build, which keeps these ids.
    """
    merges = defaultdict(list)
    for m in kb.merges:
        merges[m.entity].append({"names": list(m.names), "rule": m.rule})
    return {
        "entities": [
            {"id": e.id, "kind": e.kind, "label": e.label, "alt_labels": list(e.alt_labels),
             "docs": list(e.docs), "merges": merges.get(e.id, [])}
            for e in sorted(kb.entities.values(), key=lambda e: e.id)],
        "disagreements": [
            {"entity": d.entity, "property": d.prop, "statements": list(d.statements), "summary": d.summary}
            for d in kb.disagreements],
        "reposts": [
            {"doc": doc_id, "repost": p.doc_id, "file": Path(p.path).name, "url": p.url, "date": p.date,
             "similarity": p.similarity, "exact": p.exact}
            for doc_id, pubs in sorted(kb.publications.items()) for p in pubs],
    }


def read_previous(out_dir: Path) -> dict | None:
    """The resolution report a previous build wrote into `out_dir`, if any."""
    path = Path(out_dir) / "resolution.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or damaged: ids are chosen afresh
        return None

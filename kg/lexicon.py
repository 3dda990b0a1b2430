"""The extractor's reference data, read once from ontology/: places, industry chains and patterns.

- places.ttl: the place gazetteer (official name, short names, level, parent place, division code): every
  county-level division of China, its names split into those that name a place wherever they stand
  (`place_names`) and those that need the article's context (`context_names`, read by kg/nlp/gazetteer.py);
- chains.ttl: the industry-chain concept scheme with the keywords that file a project in a chain,
  and the region the scheme belongs to (dcterms:spatial);
- patterns/*.json: trigger words and suffixes of the recognisers and of `relate`, keyed by file stem
  (lexicon.patterns["projects"]["heads"]). Rules live in code; the words they look for live here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pyoxigraph
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from . import paths
from .vocab import CHAIN, PLACE, TKG

LEVELS = ("province", "city", "county", "township")  # coarse to fine
COUNTY_SUFFIX = "县"  # 高县, 古县: a county's full name; 城区, 郊区 after a city are mostly its urban area


@dataclass(frozen=True)
class Place:
    id: str  # local name under kg.vocab.PLACE: the official name
    name: str
    short_names: tuple[str, ...]
    level: str  # one of LEVELS
    within: str | None  # id of the enclosing place
    adcode: str | None = None  # six-digit administrative division code
    other_names: tuple[str, ...] = ()  # short names by the official rule (泗水 of 泗水县) and former names (肥乡县)


@dataclass(frozen=True)
class Chain:
    id: str  # local name under kg.vocab.CHAIN, e.g. "corn-bio"
    label: str  # Chinese preferred label
    label_en: str
    alt_labels: tuple[str, ...]  # names of the chain or its cluster as articles write them
    keywords: tuple[str, ...]  # words in a project name or product that put it in this chain


@dataclass
class Lexicon:
    ontology_dir: Path
    places: dict[str, Place] = field(default_factory=dict)
    chains: dict[str, Chain] = field(default_factory=dict)
    chain_region: str | None = None  # place id the chains belong to (通辽市)
    patterns: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self):
        self.place_names: dict[str, str] = {}  # names read as a place wherever they stand -> place id
        self.context_names: dict[str, tuple[str, ...]] = {}  # names that need context -> the places so named
        # 江都市 of 江都区 -> its place: read only by the gazetteer, where a name can start (kg/nlp/gazetteer.py);
        # not in place_names, whose pattern the other recognisers match everywhere
        self.former_names: dict[str, str] = {}
        # 高县, 古县 …: full county names that are everyday words too ("提高县域"), read only right after their
        # city or province (kg/nlp/gazetteer.py) -> the places so named
        self.word_names: dict[str, tuple[str, ...]] = {}
        self._index_place_names()

    def _index_place_names(self) -> None:
        """Sort every place name into one that names its place anywhere and one that needs context.

        A province's or city's name always names it, and a county's names shadow no coarser place's
        (吉林 is the province). A county-level name needs context when several counties share it (鼓楼区,
        通州) or when it is shorter than three characters (泗水, 沛县: such words hide inside others, 健康平稳),
        unless the county lies in the chains' own region, whose papers write its counties short (开鲁, 库伦),
        or the name is a hand-kept short name (skos:altLabel: 昌图, a neighbour the region's news names).
        Names in the places pattern file's `common_word_names` (城区, 新华, 东方 …) never name a place.
        Names that follow from the official one (`derived_names`: 科右前旗, 化隆县, 江都市) are indexed the
        same way, unless the gazetteer gives that name to some place itself.
        """
        stop = set(self.patterns.get("places", {}).get("common_word_names", []))
        named: dict[str, list[Place]] = {}
        ordered = sorted(self.places.values(), key=lambda p: (LEVELS.index(p.level), p.id))
        for place in ordered:
            for name in dict.fromkeys((place.name, *place.short_names, *place.other_names)):
                if name not in stop:
                    named.setdefault(name, []).append(place)
                elif place.level == "county" and len(name) >= 2 and name.endswith(COUNTY_SUFFIX):
                    self.word_names[name] = (*self.word_names.get(name, ()), place.id)
        given = set(named)
        former_names = set()
        for place in ordered:  # names the gazetteer lacks, never one it gives
            short, former = derived_names(place)
            for name in dict.fromkeys(short + former):
                if name not in given and name not in stop:
                    named.setdefault(name, []).append(place)
                    if name in former:
                        former_names.add(name)
        for name, places in sorted(named.items()):
            coarsest = [p for p in places if p.level == places[0].level]
            home = [p for p in coarsest if self.in_chain_region(p.id)]
            if places[0].level != "county" or home:
                self.place_names[name] = (home or coarsest)[0].id
            elif len(coarsest) == 1 and (len(name) >= 3 or name in coarsest[0].short_names):
                self.place_names[name] = coarsest[0].id
            else:
                self.context_names[name] = tuple(p.id for p in coarsest)
        for name in sorted(former_names & set(self.place_names)):
            self.former_names[name] = self.place_names.pop(name)

    def place(self, name: str) -> Place | None:
        """The gazetteer place written `name`, if the name needs no context (see `_index_place_names`)."""
        pid = self.place_names.get(name) or self.former_names.get(name)
        return self.places[pid] if pid else None

    def ancestors(self, place_id: str) -> list[str]:
        """The place and every place enclosing it, innermost first."""
        chain, seen = [], set()
        while place_id and place_id in self.places and place_id not in seen:
            seen.add(place_id)
            chain.append(place_id)
            place_id = self.places[place_id].within
        return chain

    def in_chain_region(self, place_id: str | None) -> bool:
        """True when the place lies in the region the industry chains belong to."""
        return bool(place_id and self.chain_region and self.chain_region in self.ancestors(place_id))

    def chain_names(self) -> dict[str, str]:
        """Every chain label and alternative label -> chain id."""
        names = {}
        for chain in self.chains.values():
            for name in (chain.label, *chain.alt_labels):
                names.setdefault(name, chain.id)
        return names

    def words(self, group: str, key: str) -> list[str]:
        """A word list from patterns/<group>.json, longest first (the order regex alternations need)."""
        return sorted(self.patterns[group][key], key=lambda w: (-len(w), w))

    @cached_property
    def place_re(self) -> re.Pattern:
        """Every name in `place_names`; the longest wins."""
        return re.compile(trie_pattern(self.place_names))

    @cached_property
    def word_names_re(self) -> re.Pattern | None:
        """Every name in `word_names`; the longest wins."""
        return re.compile(trie_pattern(self.word_names)) if self.word_names else None

    @cached_property
    def context_re(self) -> re.Pattern | None:
        """Every name in `context_names`; the longest wins."""
        return re.compile(trie_pattern(self.context_names)) if self.context_names else None


def county_stems(context_names: dict[str, tuple[str, ...]], text: str, after: int):
    """The county short names that need context elsewhere (Lexicon.context_names: 洪湖, 江阴) opening `text`
    with at least `after` characters after them, longest first: where a park's or a registered company's name
    follows, the stem names the county (kg.relate.names, kg.resolve)."""
    return (text[:k] for k in range(min(4, len(text) - after), 1, -1) if text[:k] in context_names)


def trie_pattern(words) -> str:
    """A regex matching any of `words`, the longest where several match: a character trie, which the regex
    engine walks in one step per character where a plain alternation of thousands of names tries each."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return emit(trie) or "(?!)"


def load(ontology_dir: Path = paths.ONTOLOGY_DIR) -> Lexicon:
    """Read the lexicon from an ontology folder; cached, since every stage asks for the same one."""
    return _load(Path(ontology_dir).resolve())


@lru_cache(maxsize=4)
def _load(ontology_dir: Path) -> Lexicon:
    places = _read_places(ontology_dir / "places.ttl")
    chains, region = _read_chains(ontology_dir / "chains.ttl")
    patterns = {}
    for f in sorted((ontology_dir / "patterns").glob("*.json")):
        patterns[f.stem] = json.loads(f.read_text(encoding="utf-8"))
    return Lexicon(ontology_dir, places, chains, region, patterns)


def _zh(g: Graph, s, p) -> list[str]:
    return sorted(str(o) for o in g.objects(s, p) if getattr(o, "language", None) in (None, "zh"))


def _local(iri, ns) -> str:
    return str(iri)[len(str(ns)):]


WING_BANNER = re.compile(r"^(.)..?([左右])翼([前中后])旗$")  # 科尔沁右翼前旗 -> 科右前旗
FORMER_SUFFIXES = {"区": ("县", "市"), "市": ("县",)}  # 江都市 became 江都区 (2011), 邵东县 邵东市 (2019)


def derived_names(place: Place) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names of a county-level place that follow from its official name: (short names, former names).

    Short: a wing banner's short name (科右前旗, 察右中旗), an autonomous county's or banner's short name
    with its plain suffix (化隆县 of 化隆回族自治县, 鄂温克旗 of 鄂温克族自治旗), and an autonomous
    prefecture's (海西州 of 海西蒙古族藏族自治州, 黔西南州). Former: the name with the
    suffix it may have had before a reform turned a county into a city or a district (江都市 of 江都区,
    邵东县 of 邵东市: older articles use them); not every district was such a city, so these hide in words
    ("责任城市" holds 任城市) and are read only where a name can start."""
    if place.level == "city" and place.name.endswith("自治州"):  # 海西州 of 海西蒙古族藏族自治州
        return tuple(n + "州" for n in place.short_names if len(n) >= 2 and not n.endswith("州")), ()
    if place.level != "county":
        return (), ()
    short, former = [], []
    if wing := WING_BANNER.match(place.name):
        short.append("".join(wing.groups()) + "旗")
    stems = [n for n in place.other_names + place.short_names if len(n) >= 2 and not n.endswith(("县", "区", "市", "旗"))]
    for suffix in ("自治县", "自治旗"):
        if place.name.endswith(suffix):
            short += [n + suffix[-1] for n in stems]
    for suffix, before in FORMER_SUFFIXES.items():
        if place.name.endswith(suffix) and not place.name.endswith(("新区", "矿区", "林区", "特区")):
            former += [n + f for n in stems for f in before]
    return tuple(short), tuple(former)


def _read_places(path: Path) -> dict[str, Place]:
    """The gazetteer, parsed with Oxigraph: it lists every county of China, and rdflib would take ten
    times as long over it on every start."""
    if not path.exists():
        return {}
    terms = {TKG.level: "level", TKG.withinPlace: "within", TKG.adcode: "adcode", SKOS.prefLabel: "names",
             SKOS.altLabel: "short_names", TKG.shortName: "other_names", SKOS.hiddenLabel: "other_names"}
    lists = ("names", "short_names", "other_names")
    keys = {str(iri): key for iri, key in terms.items()}
    found: dict[str, dict] = {}
    for t in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
        key = keys.get(t.predicate.value)
        if key is None or not isinstance(t.subject, pyoxigraph.NamedNode):
            continue
        values = found.setdefault(t.subject.value, {name: [] for name in lists})
        if key in lists:
            if t.object.language in (None, "zh"):
                values[key].append(t.object.value)
        else:
            values[key] = t.object.value
    places = {}
    for iri, v in found.items():
        if "level" not in v:
            continue
        pid = _local(iri, PLACE)
        names = sorted(v["names"])
        places[pid] = Place(
            id=pid,
            name=names[0] if names else pid,
            short_names=tuple(sorted(set(v["short_names"]))),
            level=v["level"],
            within=_local(v["within"], PLACE) if "within" in v else None,
            adcode=v.get("adcode"),
            other_names=tuple(sorted(set(v["other_names"]))),
        )
    return dict(sorted(places.items()))


def _read_chains(path: Path) -> tuple[dict[str, Chain], str | None]:
    if not path.exists():
        return {}, None
    g = Graph().parse(path)
    chains = {}
    for s in g.subjects(TKG.keyword, None):
        en = [str(o) for o in g.objects(s, SKOS.prefLabel) if getattr(o, "language", None) == "en"]
        chains[_local(s, CHAIN)] = Chain(
            id=_local(s, CHAIN),
            label=_zh(g, s, SKOS.prefLabel)[0],
            label_en=en[0] if en else "",
            alt_labels=tuple(_zh(g, s, SKOS.altLabel)),
            keywords=tuple(sorted(str(o) for o in g.objects(s, TKG.keyword))),
        )
    region = None
    for scheme in g.subjects(SKOS.hasTopConcept, None):
        spatial = g.value(scheme, DCTERMS.spatial)
        if isinstance(spatial, URIRef):
            region = _local(spatial, PLACE)
    return dict(sorted(chains.items())), region

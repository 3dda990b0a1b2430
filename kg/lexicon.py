"""The extractor's reference data, read once from ontology/: places, industry chains and patterns.

- places.ttl: the place gazetteer (official name, short names, level, parent place);
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

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from . import paths
from .vocab import CHAIN, PLACE, TKG

LEVELS = ("province", "city", "county", "township")  # coarse to fine


@dataclass(frozen=True)
class Place:
    id: str  # local name under kg.vocab.PLACE: the official name
    name: str
    short_names: tuple[str, ...]
    level: str  # one of LEVELS
    within: str | None  # id of the enclosing place


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
        self.place_names: dict[str, str] = {}  # every official and short name -> place id
        for place in sorted(self.places.values(), key=lambda p: LEVELS.index(p.level)):
            for name in (place.name, *place.short_names):
                self.place_names.setdefault(name, place.id)

    def place(self, name: str) -> Place | None:
        """The gazetteer place written `name` (official or short name), if any."""
        pid = self.place_names.get(name)
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
        """Every place name, longest first."""
        return re.compile("|".join(re.escape(n) for n in sorted(self.place_names, key=lambda n: (-len(n), n))))


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


def _read_places(path: Path) -> dict[str, Place]:
    if not path.exists():
        return {}
    g = Graph().parse(path)
    places = {}
    for s in g.subjects(TKG.level, None):
        pid = _local(s, PLACE)
        within = g.value(s, TKG.withinPlace)
        labels = _zh(g, s, SKOS.prefLabel)
        places[pid] = Place(
            id=pid,
            name=labels[0] if labels else pid,
            short_names=tuple(_zh(g, s, SKOS.altLabel)),
            level=str(g.value(s, TKG.level)),
            within=_local(within, PLACE) if within else None,
        )
    return places


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

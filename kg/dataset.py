"""The built graph as a dataset of named graphs: one per article, plus the reference graph.

`kg serve` loads this dataset and `kg push` writes it into another store, so both hold the same graphs:
an article's graph has the statements, aggregate facts and figures derived from it (and the links from
entities to them), as `kg export --format trig` writes it; everything else (entities, documents, the
ontology, chains and places) is the reference graph. A graph is kept as sorted N-Triples lines, so its
digest says whether a store already holds exactly it. The split runs on Oxigraph (rdflib is 15x slower
to parse a large graph).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .vocab import ID

REFERENCE_GRAPH = str(ID["graph/reference"])  # entities, documents, ontology, chains, places
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
TKG_NS = "https://tongliao-kg.org/ns#"
LINKS = {TKG_NS + "hasStatement", TKG_NS + "hasFigure"}  # entity -> node: goes with the node

# Each node derived from an article, with the article: statements and aggregate facts name it,
# figures through the aggregate fact that holds them (as kg.export.source_of reads it).
SOURCES = f"""
SELECT ?node (MIN(?d) AS ?doc) WHERE {{
  {{ ?node <{PROV_DERIVED}> ?d }}
  UNION
  {{ ?parent <{TKG_NS}hasFigure> ?node ; <{PROV_DERIVED}> ?d .
     FILTER NOT EXISTS {{ ?node <{PROV_DERIVED}> ?own }} }}
}} GROUP BY ?node
"""


class DatasetError(Exception):
    """A graph that cannot be read (missing, or not RDF)."""


@dataclass(frozen=True)
class NamedGraph:
    """One graph of the dataset: its name and its triples as sorted N-Triples lines (no trailing newline)."""

    name: str
    lines: tuple[str, ...]

    @property
    def digest(self) -> str:
        """sha256 of the graph's N-Triples: equal digests, equal graphs (no blank nodes are minted)."""
        h = hashlib.sha256()
        for line in self.lines:
            h.update(line.encode("utf-8") + b"\n")
        return "sha256:" + h.hexdigest()

    def ntriples(self, start: int = 0, stop: int | None = None) -> bytes:
        """Lines start..stop as an N-Triples document (also valid Turtle)."""
        return "".join(line + "\n" for line in self.lines[start:stop]).encode("utf-8")


def graph_file(path: Path) -> Path:
    """The graph a user named: a folder means its kg.ttl (the output folder of `kg build`)."""
    path = Path(path)
    return path / "kg.ttl" if path.is_dir() else path


def read_store(path: Path) -> ox.Store:
    """An in-memory Oxigraph store holding the graph file (Turtle, TriG, N-Triples, N-Quads, …)."""
    path = graph_file(path)
    if not path.is_file():
        raise DatasetError(f"{path} does not exist: run `kg build` first, or name a graph file or folder.")
    try:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    except ValueError:
        fmt = None
    if fmt is None:
        raise DatasetError(f"{path}: not an RDF file kg can read (.ttl, .trig, .nt, .nq).")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise DatasetError(f"{path}: cannot read the graph: {' '.join(str(exc).split())}") from exc
    return store


def split(store: ox.Store) -> list[NamedGraph]:
    """The store's triples (all graphs together) as the dataset: the reference graph first, then one
    graph per article, in IRI order. Each triple is in exactly one graph."""
    source = {row["node"]: row["doc"].value for row in store.query(SOURCES, use_default_graph_as_union=True)}
    graphs: dict[str, set[str]] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        node = quad.object if quad.predicate.value in LINKS else quad.subject
        name = source.get(node, REFERENCE_GRAPH)
        graphs.setdefault(name, set()).add(f"{quad.subject} {quad.predicate} {quad.object} .")
    order = [REFERENCE_GRAPH] + sorted(n for n in graphs if n != REFERENCE_GRAPH)
    return [NamedGraph(n, tuple(sorted(graphs[n]))) for n in order if n in graphs]


def load(path: Path) -> list[NamedGraph]:
    """The graph file (or output folder) at `path` as the dataset."""
    return split(read_store(path))


def nquads(graphs: list[NamedGraph]) -> bytes:
    """The dataset as N-Quads, for loading a store."""
    out = []
    for g in graphs:
        suffix = f" <{g.name}> .\n"
        out.extend(line[:-2] + suffix for line in g.lines)
    return "".join(out).encode("utf-8")

"""`graph`: the KnowledgeBase as RDF, and reading, writing and validating graphs.

Every value is a statement node with its provenance (article, sentence, offsets, quote, article date),
after Wikidata's statement model; the preferred statement's value is also a direct ("truthy") triple so
that simple questions need no join. The ontology (kg.ttl) and the region's chains and places are copied
into the graph, so a written kg.ttl answers queries on its own.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from . import paths
from .compact_store import CompactStore
from .english import add_english
from .model import (
    IN_CHAIN, RELATION_PROPS, STATUS as STATUS_PROP, AggregateFact, DocumentMeta, Publication, Entity, Evidence,
    KnowledgeBase, Quantity, Statement,
)
from .staging import write_bytes  # noqa: F401  (kg.export and callers write through kg.graph)
from .vocab import CHAIN, ID, PLACE, SCHEMA, STATUS, TKG

ONTOLOGY_FILES = ("kg.ttl", "chains.ttl")  # copied whole; of places.ttl only the places a graph names
DATE_PROPS = ("startDate", "completionDate")
LEVEL_CLASSES = {"province": TKG.Province, "city": TKG.City, "county": TKG.County, "township": TKG.Township}
FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".jsonld": "json-ld"}
PREFIXES = {
    "tkg": TKG._NS, "id": ID, "chain": CHAIN, "place": PLACE, "status": STATUS, "skos": SKOS, "prov": PROV,
    "dcterms": DCTERMS, "schema": SCHEMA, "xsd": XSD, "rdfs": RDFS,
}

# IRI characters that need no escaping (RFC 3987 iunreserved, sub-delims, ":", "@", "/"); other ASCII is
# percent-encoded, and so is any other character outside RFC 3987's ucschar or a control, format or space.
_IRI_SAFE_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/")
_UCSCHAR = ((0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF)) + tuple(
    (plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)) + ((0xE1000, 0xEFFFD),)
_CHAR = re.compile(r"%[0-9A-Fa-f]{2}|.", re.DOTALL)
_PLAIN = re.compile(f"[{re.escape(''.join(sorted(_IRI_SAFE_ASCII)))}]*")  # text that needs no escaping


class GraphError(ValueError):
    """A graph file that cannot be read; the message names the file."""


def iri_path(text: str, safe: str = "") -> str:
    """Percent-encode what an IRI may not contain, keeping Chinese readable.

    Existing %XX escapes are kept, so encoding twice changes nothing. `safe` adds characters to keep
    (e.g. "?#" for a whole URL).
    """
    if _PLAIN.fullmatch(text):  # most ids (statements, aggregates): nothing to look at character by character
        return text
    return _CHAR.sub(lambda m: _iri_char(m.group(), safe), text)


def _iri_char(ch: str, safe: str) -> str:
    if len(ch) == 3 or ch in _IRI_SAFE_ASCII or ch in safe:  # len 3: an existing %XX escape
        return ch
    cp = ord(ch)
    if unicodedata.category(ch)[0] not in "CZ" and any(lo <= cp <= hi for lo, hi in _UCSCHAR):
        return ch
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


def entity_iri(entity_id: str) -> URIRef:
    return ID[iri_path(entity_id)]


@lru_cache(maxsize=None)
def doc_iri(doc_id: str) -> URIRef:
    return ID[iri_path("doc/" + doc_id)]


@lru_cache(maxsize=None)
def date_literal(iso: str) -> Literal:
    """"2024" -> xsd:gYear, "2024-08" -> xsd:gYearMonth, "2024-08-15" -> xsd:date."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(iso))
    if datatype is None or not re.fullmatch(r"\d{4}(-\d{2}){0,2}", iso):
        raise ValueError(f"not an ISO date, year-month or year: {iso!r}")
    return Literal(iso, datatype=datatype)


def decimal_literal(value: Decimal | int) -> Literal:
    """The canonical xsd:decimal form: no exponent, one digit after the point at least
    (2.31E+10 -> "23100000000.0", 0.90 -> "0.9"), as Turtle writes it back."""
    text = format(Decimal(value).normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _zh(value: str) -> Literal:
    return Literal(value, lang="zh")


# ---- KnowledgeBase -> Graph ---------------------------------------------------------------------


def new_graph() -> Graph:
    """An empty graph on kg.compact_store (a third of the memory of rdflib's default store)."""
    return _bound(Graph(store=CompactStore()))


def ontology_dir(lexicon=None) -> Path:
    """The lexicon's ontology folder when it names one (another region), else the project's."""
    return Path(getattr(lexicon, "ontology_dir", None) or paths.ONTOLOGY_DIR)


def ontology_graph(directory: Path | None = None) -> Graph:
    """kg.ttl plus the region's chains.ttl, where present (the gazetteer: `gazetteer`, `place_subset`).

    A region's folder without its own kg.ttl uses the project's: the terms are the same everywhere.
    """
    g = new_graph()
    for name in ONTOLOGY_FILES:
        path = ontology_file(name, directory)
        if path.exists():
            g += _parsed(path, path.stat().st_mtime_ns)
    return g


@lru_cache(maxsize=8)
def _parsed(path: Path, mtime: int) -> Graph:
    """A Turtle file parsed once per process (the gazetteer is 2 MB); callers copy, never change it."""
    return read_turtle(path)


def read_turtle(path: Path) -> Graph:
    """A Turtle file as an rdflib graph on the compact store: Oxigraph parses it and its terms are made
    rdflib's (the gazetteer: 0.34 s, against 0.56 s by rdflib's parser), binding no prefix of its own."""
    import pyoxigraph

    from .query import from_oxigraph

    g = new_graph()
    for t in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
        g.add((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)))
    return g


class Gazetteer:
    """The region's places.ttl, parsed once per process and kept as Oxigraph triples by subject: a build copies
    only the few places its articles name, so the 2,900 counties are never made rdflib terms (0.9 s a start)."""

    def __init__(self, path: Path | None):
        import pyoxigraph

        self.triples: dict[str, list] = {}
        typed: dict[str, None] = {}
        labels: dict[str, list[str]] = {}
        place_types = {str(t) for t in (TKG.Place, *LEVEL_CLASSES.values())}
        label_props = [str(p) for p in (SKOS.prefLabel, SKOS.altLabel, TKG.shortName, RDFS.label)]
        if path is not None:
            for t in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
                subject, predicate = t.subject.value, t.predicate.value
                if not isinstance(t.subject, pyoxigraph.NamedNode):
                    continue  # a place is named: these are what `place_subset` and `names` read
                self.triples.setdefault(subject, []).append(t)
                if predicate == str(RDF.type) and t.object.value in place_types:
                    typed[subject] = None
                elif predicate in label_props:
                    labels.setdefault(subject, []).append((label_props.index(predicate), t.object.value))
        self.names: dict[str, URIRef] = {}  # as _place_names reads a graph: the smallest IRI where names repeat
        for place in sorted(typed):
            for _, label in sorted(labels.get(place, ()), key=lambda x: x[0]):
                self.names.setdefault(label, URIRef(place))


def gazetteer(directory: Path | None) -> Gazetteer:
    """The region's places.ttl (parsed once) with the map of every label in it to its place."""
    path = ontology_file("places.ttl", directory)
    return _gazetteer(path, path.stat().st_mtime_ns) if path.exists() else Gazetteer(None)


@lru_cache(maxsize=8)
def _gazetteer(path: Path, mtime: int) -> Gazetteer:
    return Gazetteer(path)


def place_subset(places: Gazetteer, keep: set[URIRef]) -> Graph:
    """The triples of `places` about `keep` and, up the tkg:withinPlace chain, the places containing them."""
    import pyoxigraph

    from .query import from_oxigraph

    out, todo, seen = new_graph(), sorted(keep), set()
    within = str(TKG.withinPlace)
    while todo:
        place = todo.pop()
        if place in seen:
            continue
        seen.add(place)
        for t in places.triples.get(str(place), ()):
            out.add((from_oxigraph(t.subject), URIRef(t.predicate.value), from_oxigraph(t.object)))
            if t.predicate.value == within and isinstance(t.object, pyoxigraph.NamedNode):
                todo.append(URIRef(t.object.value))
    return out


def ontology_file(name: str, directory: Path | None = None) -> Path:
    """`name` in the ontology folder; kg.ttl and shapes.ttl fall back to the project's own."""
    path = Path(directory or paths.ONTOLOGY_DIR) / name
    if not path.exists() and name in ("kg.ttl", "shapes.ttl"):
        return paths.PROJECT_ONTOLOGY_DIR / name
    return path


def to_graph(kb: KnowledgeBase, lexicon=None, pinyin=None) -> Graph:
    """The knowledge base as one self-contained graph: ontology, entities, documents, statements.
    `pinyin`: kg.english.transliterate or a memo of it."""
    g = new_graph()
    directory = ontology_dir(lexicon)
    g += ontology_graph(directory)
    iris = {e.id: _entity_node(e) for e in kb.entities.values()}
    places = gazetteer(directory)
    keep = {iris[e.id] for e in kb.entities.values() if e.attrs.get("gazetteer_id")}
    keep |= {places.names[a.place] for a in kb.aggregates if a.place in places.names}
    g += place_subset(places, keep)  # the places the articles name, not all 2,900 counties of China
    for doc in sorted(kb.documents, key=lambda d: d.doc_id):
        _add_document(g, doc)
        for pub in kb.publications.get(doc.doc_id, ()):
            _add_publication(g, doc_iri(doc.doc_id), pub)
    for entity in sorted(kb.entities.values(), key=lambda e: e.id):
        _add_entity(g, entity, iris)
    for merge in sorted(kb.merges, key=lambda m: (m.entity, m.names, m.rule)):
        if merge.entity in iris:
            g.add((iris[merge.entity], TKG.mergeRule, Literal(f"{' = '.join(merge.names)}: {merge.rule}")))
    for st in sorted(kb.statements, key=lambda s: s.id):
        _add_statement(g, st, iris)
    add_english(g, directory, pinyin)  # official English names where known, else pinyin marked as transliteration
    places = _place_names(g)
    for agg in kb.aggregates:
        _add_aggregate(g, agg, places)
    return g


def _entity_node(entity: Entity) -> URIRef:
    """Gazetteer places get the gazetteer's IRI, so they join with places.ttl; others ID[entity.id]."""
    gazetteer_id = entity.attrs.get("gazetteer_id")
    if gazetteer_id:
        return PLACE[iri_path(gazetteer_id)]
    return entity_iri(entity.id)


def _node(value: str, iris: dict[str, URIRef]) -> URIRef:
    return iris.get(value) or entity_iri(value)


def _add_document(g: Graph, doc: DocumentMeta) -> None:
    d = doc_iri(doc.doc_id)
    g.add((d, RDF.type, TKG.SourceDocument))
    g.add((d, TKG.fileName, Literal(Path(doc.path).name)))
    g.add((d, TKG.dateSource, Literal(doc.date_source)))
    g.add((d, TKG.script, Literal(doc.script)))
    g.add((d, TKG.encoding, Literal(doc.encoding)))
    g.add((d, DCTERMS.format, Literal(doc.media_type)))
    _add_where_and_when(g, d, doc.title, doc.date, doc.url)


def _add_publication(g: Graph, document: URIRef, pub: Publication) -> None:
    """A repost folded into `document`: where and when else it was published (kg.reposts)."""
    p = doc_iri(pub.doc_id)
    g.add((document, TKG.publishedAs, p))
    g.add((p, RDF.type, TKG.Publication))
    g.add((p, TKG.fileName, Literal(Path(pub.path).name)))
    g.add((p, TKG.dateSource, Literal(pub.date_source)))
    g.add((p, TKG.similarity, decimal_literal(Decimal(str(pub.similarity)))))
    g.add((p, TKG.exactCopy, Literal(pub.exact)))
    _add_where_and_when(g, p, pub.title, pub.date, pub.url)


def _add_where_and_when(g: Graph, node: URIRef, title: str | None, date: str | None, url: str | None) -> None:
    """Title, date and address of an article or of one of its publications, where known."""
    if title:
        g.add((node, DCTERMS.title, _zh(title)))
    if date:
        g.add((node, DCTERMS.date, date_literal(date)))
    if url:
        g.add((node, SCHEMA.url, URIRef(iri_path(url, safe="?#[]"))))


def _add_entity(g: Graph, entity: Entity, iris: dict[str, URIRef]) -> None:
    s = iris[entity.id]
    g.add((s, RDF.type, TKG[entity.kind]))
    gazetteer_label = g.value(s, SKOS.prefLabel)  # a gazetteer place keeps its official name
    label = _zh(entity.label)
    if gazetteer_label is None or gazetteer_label == label:
        g.add((s, SKOS.prefLabel, label))
        g.add((s, RDFS.label, label))
    else:
        g.add((s, SKOS.altLabel, label))
    for alt in entity.alt_labels:
        if alt != entity.label:
            g.add((s, SKOS.altLabel, _zh(alt)))
    for doc_id in entity.docs:
        g.add((s, TKG.mentionedIn, doc_iri(doc_id)))
    if entity.attrs.get("in_caption"):
        g.add((s, TKG.inCaption, Literal(True)))
    level = entity.attrs.get("level")
    if level:
        g.add((s, TKG.level, Literal(level)))
        if level in LEVEL_CLASSES:
            g.add((s, RDF.type, LEVEL_CLASSES[level]))
    if entity.attrs.get("within"):
        g.add((s, TKG.withinPlace, _node(entity.attrs["within"], iris)))


def statement_value(prop: str, value: object, iris: dict[str, URIRef]):
    """The RDF term of a statement's value, by property."""
    if isinstance(value, Quantity):
        return decimal_literal(value.value)
    if prop in RELATION_PROPS:
        return _node(value, iris)
    if prop == IN_CHAIN:
        return CHAIN[iri_path(value)]
    if prop == STATUS_PROP:
        return STATUS[iri_path(value)]
    if prop in DATE_PROPS:
        return date_literal(value)
    raise ValueError(f"no RDF form for a {prop} value {value!r}")


def _add_provenance(g: Graph, node: URIRef, ev: Evidence) -> None:
    g.add((node, PROV.wasDerivedFrom, doc_iri(ev.doc_id)))
    g.add((node, TKG.quote, Literal(ev.quote)))
    g.add((node, TKG.sentenceIndex, Literal(ev.sentence)))
    g.add((node, TKG.charStart, Literal(ev.start)))
    g.add((node, TKG.charEnd, Literal(ev.end)))
    if ev.doc_date:
        g.add((node, TKG.documentDate, date_literal(ev.doc_date)))


def _add_quantity(g: Graph, node: URIRef, q: Quantity) -> None:
    g.add((node, TKG.unit, Literal(q.unit)))
    g.add((node, TKG.originalText, Literal(q.text)))
    for qualifier in q.qualifiers:
        g.add((node, TKG.qualifier, Literal(qualifier)))
    if q.product:
        g.add((node, TKG.product, Literal(q.product)))


def _add_statement(g: Graph, st: Statement, iris: dict[str, URIRef]) -> None:
    subject = _node(st.subject, iris)
    node = ID[iri_path(st.id)]
    try:
        value = statement_value(st.prop, st.value, iris)
    except ValueError as exc:
        raise ValueError(f"statement {st.id} of {st.subject}: {exc}") from exc
    g.add((subject, TKG.hasStatement, node))
    g.add((node, RDF.type, TKG.Statement))
    g.add((node, TKG.property, TKG[st.prop]))
    g.add((node, TKG.value, value))
    g.add((node, TKG.rank, TKG.PreferredRank if st.preferred else TKG.NormalRank))
    if isinstance(st.value, Quantity):
        _add_quantity(g, node, st.value)
    for qualifier in st.qualifiers:
        g.add((node, TKG.qualifier, Literal(qualifier)))
    if st.note:
        g.add((node, TKG.ruleNote, Literal(st.note)))
    _add_provenance(g, node, st.evidence)
    if st.preferred:
        g.add((subject, TKG[st.prop], value))


def _place_names(g: Graph) -> dict[str, URIRef]:
    """Every label of every place in the graph -> the place (the smallest IRI where names repeat)."""
    places = {s for cls in [TKG.Place, *LEVEL_CLASSES.values()] for s in g.subjects(RDF.type, cls)}
    names: dict[str, URIRef] = {}
    for place in sorted(places):
        for prop in (SKOS.prefLabel, SKOS.altLabel, TKG.shortName, RDFS.label):
            for label in g.objects(place, prop):
                names.setdefault(str(label), place)
    return names


def aggregate_id(agg: AggregateFact) -> str:
    """Deterministic and independent of the order of aggregates in the knowledge base."""
    ev = agg.evidence
    key = f"{ev.doc_id}|{ev.start}|{ev.end}|{agg.scope}|{agg.place}|{agg.year}"
    return f"aggregate/{ev.doc_id}/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def _add_aggregate(g: Graph, agg: AggregateFact, places: dict[str, URIRef]) -> None:
    aid = aggregate_id(agg)
    node = ID[iri_path(aid)]
    g.add((node, RDF.type, TKG.AggregateFact))
    g.add((node, TKG.scope, Literal(agg.scope)))
    if agg.place:
        g.add((node, TKG.aboutPlace, places.get(agg.place) or _zh(agg.place)))
    if agg.year:
        g.add((node, TKG.year, date_literal(agg.year)))
    _add_provenance(g, node, agg.evidence)
    for i, (label, quantity) in enumerate(agg.figures):
        fig = ID[iri_path(f"{aid}/figure-{i}")]
        g.add((node, TKG.hasFigure, fig))
        g.add((fig, RDF.type, TKG.Figure))
        g.add((fig, TKG.figureLabel, Literal(label)))
        g.add((fig, TKG.value, decimal_literal(quantity.value)))
        _add_quantity(g, fig, quantity)


# ---- reading and writing ------------------------------------------------------------------------


def serialize(graph: Graph, fmt: str = "ttl") -> bytes:
    """Deterministic bytes: the same triples give the same output in any process.

    Turtle and N-Triples follow the sorted N-Triples lines; JSON-LD is compacted with the project's
    prefixes and sorted by node id. (TriG: kg.export.trig.)
    """
    if fmt == "ttl":
        return turtle(graph)
    if fmt == "nt":
        return b"\n".join(_nt_lines(graph)) + b"\n"
    if fmt == "jsonld":
        return _jsonld(graph)
    raise ValueError(f"unknown graph format {fmt!r}: ttl, nt or jsonld (TriG: kg.export.trig)")


def _nt_lines(graph: Graph) -> list[bytes]:
    """The graph's N-Triples lines, sorted and distinct, UTF-8 encoded: the text rdflib's N-Triples writer
    gives, each distinct term written once (a term appears in 30 triples on average; rdflib checks and
    writes it each time: 4 s a million triples). Bytes sort as the text does (UTF-8 keeps code-point order)
    and take half the memory of a str that mixes an ASCII IRI with Chinese (stored two bytes a character);
    the lines are made one by one, never as one text split again (that held the graph's text three times)."""
    from rdflib.plugins.serializers.nt import _quoteLiteral

    written: dict[int, str] = {}  # by object id: the graph holds its terms for as long as this runs

    def term(t) -> str:
        try:
            return written[id(t)]
        except KeyError:
            text = written[id(t)] = _quoteLiteral(t) if isinstance(t, Literal) else t.n3()
            return text

    lines = []
    for s, p, o in _triples(graph):
        line = f"{term(s)} {term(p)} {term(o)} ."
        if _LINE_BREAK.search(line):  # a break N-Triples does not escape (U+2028): cut as str.splitlines cuts
            lines.extend(part.encode("utf-8") for part in line.splitlines() if part.strip())
        else:  # a lone surrogate fails here, as rdflib's writer would refuse it
            lines.append(line.encode("utf-8"))
    del written
    lines.sort()
    if any(a == b for a, b in zip(lines, itertools.islice(lines, 1, None))):  # rare: two terms written alike
        lines = [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]
    return lines


_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # where str.splitlines cuts


def _triples(graph: Graph):
    """Every triple of `graph`. rdflib's iteration builds a context tuple per triple (1.4 s a million
    triples): a graph on the compact store (every graph the project makes: `new_graph`) is read from the
    store's subject index instead; any other graph is iterated as usual."""
    store = graph.store
    if type(store) is CompactStore:
        return store.iter_triples()
    return iter(graph)


def turtle(graph: Graph) -> bytes:
    """Turtle with the project's prefixes: one block per subject in IRI order, its rdf:type first,
    then its other triples in N-Triples order.

    Oxigraph writes it from the sorted N-Triples: 14 s for a million triples (1,000 articles) where
    rdflib's Turtle writer took 21 s. Blank nodes (none in a build; a user's file may have some) would show
    their random ids there, so such a graph is written by rdflib, which nests them.
    """
    lines = _nt_lines(graph)
    if any(b"_:" in line for line in lines):
        return _bound(graph).serialize(format="turtle", encoding="utf-8")
    _types_first(lines)
    import pyoxigraph as ox  # pyoxigraph loads only when a graph is written

    return ox.serialize(_parsed_lines(lines, ox), format=ox.RdfFormat.TURTLE, prefixes=turtle_prefixes(lines))


TURTLE_CHUNK = 20_000  # N-Triples lines parsed at a time: the graph's text is never held whole a second time


def _parsed_lines(lines: list[bytes], ox):
    """Oxigraph's triples of the N-Triples lines, parsed a chunk at a time."""
    for start in range(0, len(lines), TURTLE_CHUNK):
        yield from ox.parse(b"\n".join(lines[start:start + TURTLE_CHUNK]) + b"\n", format=ox.RdfFormat.N_TRIPLES)


_RDF_TYPE = f"<{RDF.type}> ".encode()
_ID_KIND = re.compile(re.escape(f"<{ID}".encode()) + rb"([A-Za-z][A-Za-z0-9_-]*)/")


def turtle_prefixes(lines: list[bytes]) -> dict[str, str]:
    """The project's prefixes, and one per kind of node under id: (project:, stmt:, doc:, ...), so that
    a name reads `project:<name>` rather than `id:project\\/<name>` (a "/" must be escaped in a prefixed name)."""
    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    for kind in sorted({m.group(1).decode() for m in map(_ID_KIND.match, lines) if m}):
        prefixes.setdefault(kind, f"{ID}{kind}/")
    return prefixes


def _types_first(lines: list[bytes]) -> None:
    """Within each subject's run of the sorted lines, its rdf:type lines first (in place, one pass): the
    order a stable sort by (subject, not a type line) gives, without a key tuple per line."""
    start, n = 0, len(lines)
    while start < n:
        subject = lines[start].split(b" ", 1)[0] + b" "  # no IRI holds a space: a subject's lines are one run
        end = start + 1
        while end < n and lines[end].startswith(subject):
            end += 1
        if end - start > 1:
            typed = [line.startswith(_RDF_TYPE, len(subject)) for line in lines[start:end]]
            if typed != sorted(typed, reverse=True):  # a type line after another line
                block = lines[start:end]
                lines[start:end] = ([x for x, t in zip(block, typed) if t]
                                    + [x for x, t in zip(block, typed) if not t])
        start = end


def _bound(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def _jsonld(graph: Graph) -> bytes:
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=False))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    for node in nodes:
        for key, values in node.items():
            if isinstance(values, list):
                values.sort(key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    nodes.sort(key=lambda n: n.get("@id", ""))
    out = {"@context": context, "@graph": nodes}
    return (json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def write(graph: Graph, path: Path, fmt: str = "ttl") -> Path:
    """Write the graph as Turtle (default), N-Triples or JSON-LD, atomically and byte-stable."""
    return write_bytes(serialize(graph, fmt), path)


def load(path: Path) -> Graph:
    """Read a graph by its extension (.ttl .trig .nt .jsonld); TriG's named graphs are merged."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphError(f"{path}: unknown graph format {path.suffix!r}; use one of {', '.join(FORMATS)}.")
    try:
        if fmt == "trig":
            ds = Dataset()
            ds.parse(path, format="trig")
            g = new_graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                g.add((s, p, o))
            return g
        g = new_graph()
        if fmt == "json-ld":  # its parser needs a context-aware store: read into rdflib's, then copy
            g += Graph().parse(path, format=fmt)
        else:
            g.parse(path, format=fmt)
        return g
    except Exception as exc:  # rdflib raises many kinds; the message names the file and the cause
        raise GraphError(f"{path}: not valid {fmt}: {exc}") from exc


# ---- validation ---------------------------------------------------------------------------------


class LazyGraph:
    """The graph of a written file, read only when something asks for it: validation words its lines from
    the graph, and a sound graph has no line to word, so a build validates with no graph in memory but
    Oxigraph's (read with Oxigraph, so that it binds only the project's prefixes, as the build's graph did)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._graph: Graph | None = None

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        if self._graph is None:
            self._graph = read_turtle(self.path)
        return getattr(self._graph, name)

    @property
    def loaded(self) -> bool:
        return self._graph is not None


def validate(graph: Graph, shapes_path: Path | None = None, queries_dir: Path | None = None,
             engine=None) -> list[str]:
    """SHACL violations (ontology/shapes.ttl) and rows of queries/*-violation.rq, one line each.

    Both run on one Oxigraph copy of the graph: `engine`, a kg.query engine or graph file holding the
    same triples (Oxigraph reads a written kg.ttl in a third of the time it takes to copy `graph`),
    else a copy made here. 11 s for a million triples, where pySHACL took 220 s (see kg.shacl).
    """
    from . import query, shacl  # pyoxigraph and pyshacl load only when a graph is validated

    engine = query.open_engine(engine if engine is not None else graph)
    return (shacl.violations(graph, Path(shapes_path or ontology_file("shapes.ttl")), engine)
            + query.violations(engine, queries_dir))

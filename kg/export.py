"""`kg export`: the built graph in the formats other tools read.

RDF (Turtle, TriG with one named graph per source article, JSON-LD, N-Triples) for GraphDB, Jena and
Protégé; CSV tables (UTF-8 with BOM, so LibreOffice and Excel open the Chinese intact); GraphML and GEXF
of the entity graph for Gephi. Everything is read from the graph, so any built kg.ttl can be exported,
and every output is byte-stable for the same graph.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDFS, SKOS

from .english import english_label
from .graph import new_graph, serialize, write_bytes
from .safe import csv_cell
from .vocab import TKG

DEFAULT_DIR = Path("output") / "export"  # never output/kg.ttl: that is the graph `kg build` wrote
EXTENSIONS = {"ttl": "ttl", "trig": "trig", "jsonld": "jsonld", "nt": "nt", "graphml": "graphml",
              "gexf": "gexf"}
CSV_DIR = "tables"  # csv writes a folder of tables: output/export/tables/ by default
TABLES = ("projects.csv", "companies.csv", "figures.csv")
ENTITY_KINDS = (TKG.Project, TKG.Company, TKG.IndustrialPark, TKG.Place, TKG.IndustryChain)
RELATIONS = (TKG.locatedIn, TKG.inPark, TKG.developer, TKG.partOf, TKG.subsidiaryOf, TKG.supplies,
             TKG.inChain, TKG.withinPlace)
SEP = " | "  # between several values in one CSV cell


def destination(fmt: str, out_path: Path | None = None) -> Path:
    """Where `export` writes: `out_path`, else output/export/kg.<ext> (output/export/tables/ for csv)."""
    if fmt == "csv":
        return Path(out_path or DEFAULT_DIR / CSV_DIR)
    if fmt not in EXTENSIONS:
        raise ValueError(f"unknown export format {fmt!r}: one of {', '.join([*EXTENSIONS, 'csv'])}")
    return Path(out_path or DEFAULT_DIR / f"kg.{EXTENSIONS[fmt]}")


def files_written(fmt: str, out_path: Path | None = None) -> list[Path]:
    """The files `export` would write (the three tables for csv)."""
    where = destination(fmt, out_path)
    return [where / name for name in TABLES] if fmt == "csv" else [where]


def export(graph: Graph, fmt: str, out_path: Path | None = None, progress=None, english: bool = False) -> list[Path]:
    """Write `graph` as `fmt` to `out_path` (default output/export/kg.<ext>, output/export/tables/ for csv).

    `progress(stage, done, total)` hears each file (each table for csv) start and end; `english` adds the
    English name columns to the csv tables of projects and companies."""
    path = destination(fmt, out_path)
    if fmt == "csv":
        return write_tables(graph, path, progress, english=english)
    if progress:
        progress(f"export {fmt}", 0, 1)
    if fmt == "trig":
        data = trig(graph)
    elif fmt in ("graphml", "gexf"):
        data = network_bytes(entity_network(graph), fmt)
    else:
        data = serialize(graph, fmt)
    written = [write_bytes(data, path)]
    if progress:
        progress(f"export {fmt}", 1, 1)
    return written


# ---- TriG: one named graph per article ----------------------------------------------------------


def source_of(graph: Graph, node) -> URIRef | None:
    """The article a statement, aggregate fact or figure was derived from."""
    doc = graph.value(node, PROV.wasDerivedFrom)
    if doc is None:
        parent = graph.value(None, TKG.hasFigure, node)
        doc = graph.value(parent, PROV.wasDerivedFrom) if parent is not None else None
    return doc


def split_by_source(graph: Graph) -> tuple[Graph, dict[URIRef, Graph]]:
    """(default graph, {article: graph}): the statements, aggregate facts and figures derived from an
    article (and the links to them) go in its graph; entities, documents and ontology in the default."""
    default = new_graph()
    named: dict[URIRef, Graph] = {}
    sources: dict = {}
    for s, p, o in graph:
        node = o if p in (TKG.hasStatement, TKG.hasFigure) else s
        if node not in sources:
            sources[node] = source_of(graph, node)
        doc = sources[node]
        (named.setdefault(doc, new_graph()) if doc is not None else default).add((s, p, o))
    return default, named


def trig(graph: Graph) -> bytes:
    """TriG written as Turtle blocks in a fixed order (rdflib's TriG writer orders graphs by hash)."""
    default, named = split_by_source(graph)
    parts = [("{", default)] + [(f"{doc.n3()} {{", named[doc]) for doc in sorted(named)]
    prefixes: set[str] = set()
    blocks = []
    for opening, part in parts:
        lines = serialize(part, "ttl").decode("utf-8").split("\n")
        prefixes.update(line for line in lines if line.startswith("@prefix "))
        body = "\n".join(line for line in lines if not line.startswith("@prefix ")).strip("\n")
        blocks.append(f"{opening}\n{body}\n}}\n")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")


# ---- CSV tables ---------------------------------------------------------------------------------


def write_tables(graph: Graph, folder: Path, progress=None, english: bool = False) -> list[Path]:
    """projects.csv, companies.csv and figures.csv (every statement with its source) in `folder`; with
    `english`, projects and companies gain `label_en` and `label_en_source` (official or transliteration)."""
    tables = dict(zip(TABLES, (project_rows, company_rows, figure_rows)))
    written = []
    for done, (name, rows) in enumerate(tables.items()):
        if progress:
            progress("export csv", done, len(tables))
        table = rows(graph)
        if english and rows is not figure_rows:
            table = [with_english(graph, row) for row in table]
        written.append(write_bytes(csv_bytes(table), folder / name))
    if progress:
        progress("export csv", len(tables), len(tables))
    return written


def with_english(graph: Graph, row: dict) -> dict:
    """The row with `label_en` and `label_en_source` right after `label`."""
    found = english_label(graph, URIRef(row["iri"]))
    out = {}
    for key, value in row.items():
        out[key] = value
        if key == "label":
            out["label_en"], out["label_en_source"] = found or ("", "")
    return out


def csv_bytes(rows: list[dict]) -> bytes:
    """UTF-8 with a byte order mark: spreadsheets then read the Chinese as UTF-8."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else [], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: inert(v) for k, v in row.items()} for row in rows)
    return buf.getvalue().encode("utf-8-sig")


inert = csv_cell  # a cell a spreadsheet will not run as a formula (text from articles is untrusted): kg/safe.py


def label(graph: Graph, node) -> str:
    """The Chinese preferred label, any preferred label, or the IRI's last segment."""
    labels = sorted(graph.objects(node, SKOS.prefLabel), key=lambda lit: (lit.language != "zh", str(lit)))
    if labels:
        return str(labels[0])
    return str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def cell(graph: Graph, node, prop) -> str:
    """Every value of `prop`, as labels (IRIs) or text (literals), sorted and joined."""
    return SEP.join(sorted(value_text(graph, v) for v in graph.objects(node, prop)))


def value_text(graph: Graph, value) -> str:
    if isinstance(value, Literal):
        if isinstance(value.toPython(), Decimal):
            return format(value.toPython().normalize(), "f")
        return str(value)
    return label(graph, value)


def documents(graph: Graph, node) -> str:
    return SEP.join(sorted(str(graph.value(d, TKG.fileName) or d) for d in graph.objects(node, TKG.mentionedIn)))


def preferred_text(graph: Graph, node, prop) -> str:
    """The original wording of the preferred statements of `prop` (约135亿元)."""
    texts = []
    for st in graph.objects(node, TKG.hasStatement):
        if graph.value(st, TKG.property) == prop and graph.value(st, TKG.rank) == TKG.PreferredRank:
            texts.append(str(graph.value(st, TKG.originalText) or ""))
    return SEP.join(sorted(texts))


def _by_label(graph: Graph, kind) -> list:
    return sorted(graph.subjects(RDF.type, kind), key=lambda n: (label(graph, n), str(n)))


def project_rows(graph: Graph) -> list[dict]:
    rows = []
    for p in _by_label(graph, TKG.Project):
        rows.append({
            "iri": str(p), "label": label(graph, p), "alt_labels": cell(graph, p, SKOS.altLabel),
            "located_in": cell(graph, p, TKG.locatedIn), "park": cell(graph, p, TKG.inPark),
            "developers": cell(graph, p, TKG.developer), "chains": cell(graph, p, TKG.inChain),
            "part_of": cell(graph, p, TKG.partOf), "status": cell(graph, p, TKG.status),
            "total_investment_cny": cell(graph, p, TKG.totalInvestment),
            "total_investment_text": preferred_text(graph, p, TKG.totalInvestment),
            "annual_planned_investment_cny": cell(graph, p, TKG.annualPlannedInvestment),
            "investment_completed_cny": cell(graph, p, TKG.investmentCompleted),
            "output_value_cny": cell(graph, p, TKG.outputValue), "tax_cny": cell(graph, p, TKG.tax),
            "jobs": cell(graph, p, TKG.jobs), "land_area_m2": cell(graph, p, TKG.landArea),
            "capacity_text": preferred_text(graph, p, TKG.capacity),
            "start_date": cell(graph, p, TKG.startDate), "completion_date": cell(graph, p, TKG.completionDate),
            "documents": documents(graph, p),
        })
    return rows


def company_rows(graph: Graph) -> list[dict]:
    rows = []
    for c in _by_label(graph, TKG.Company):
        projects = sorted(label(graph, p) for p in graph.subjects(TKG.developer, c))
        rows.append({
            "iri": str(c), "label": label(graph, c), "alt_labels": cell(graph, c, SKOS.altLabel),
            "parent": cell(graph, c, TKG.subsidiaryOf), "supplies": cell(graph, c, TKG.supplies),
            "located_in": cell(graph, c, TKG.locatedIn), "projects": SEP.join(projects),
            "documents": documents(graph, c),
        })
    return rows


def figure_rows(graph: Graph) -> list[dict]:
    """Every statement: one row per value one sentence states, preferred or not."""
    rows = []
    for entity, st in graph.subject_objects(TKG.hasStatement):
        doc = graph.value(st, PROV.wasDerivedFrom)
        value = graph.value(st, TKG.value)
        rows.append({
            "entity_iri": str(entity), "entity": label(graph, entity),
            "kind": kind(graph, entity),
            "property": label(graph, graph.value(st, TKG.property)),
            "value": value_text(graph, value) if isinstance(value, Literal) else str(value),
            "value_label": value_text(graph, value), "unit": cell(graph, st, TKG.unit),
            "original_text": cell(graph, st, TKG.originalText), "qualifiers": cell(graph, st, TKG.qualifier),
            "product": cell(graph, st, TKG.product),
            "rank": "preferred" if graph.value(st, TKG.rank) == TKG.PreferredRank else "normal",
            "document": str(graph.value(doc, TKG.fileName) or doc),
            "document_date": cell(graph, st, TKG.documentDate), "sentence": cell(graph, st, TKG.sentenceIndex),
            "char_start": cell(graph, st, TKG.charStart), "char_end": cell(graph, st, TKG.charEnd),
            "quote": cell(graph, st, TKG.quote), "rule": cell(graph, st, TKG.ruleNote), "statement": str(st),
        })
    return sorted(rows, key=lambda r: (r["entity"], r["entity_iri"], r["property"], r["document"],
                                       int(r["char_start"] or 0), r["statement"]))


# ---- GraphML / GEXF: the entity graph for Gephi -------------------------------------------------


def entity_network(graph: Graph):
    """Entities mentioned in the articles, and what their relations reach (places up the hierarchy,
    chains), as a networkx MultiDiGraph keyed by relation."""
    import networkx as nx

    nodes = {s for s in graph.subjects(TKG.mentionedIn, None)}
    edges = set()
    frontier = sorted(nodes)
    while frontier:
        reached = []
        for s in frontier:
            for rel in RELATIONS:
                for o in graph.objects(s, rel):
                    edges.add((s, o, rel))
                    if o not in nodes:
                        nodes.add(o)
                        reached.append(o)
        frontier = sorted(reached)
    net = nx.MultiDiGraph()
    for n in sorted(nodes):
        attrs = {"label": label(graph, n), "kind": kind(graph, n), "iri": str(n)}
        total = graph.value(n, TKG.totalInvestment)
        if total is not None:
            attrs["total_investment_cny"] = float(total.toPython())
        net.add_node(str(n), **attrs)
    for s, o, rel in sorted(edges):
        name = rel.split("#")[-1]
        net.add_edge(str(s), str(o), key=name, relation=name, label=label_of_term(graph, rel))
    return net


def kind(graph: Graph, node) -> str:
    """The entity kind (Project, Company, IndustrialPark, Place, IndustryChain) or "Other"."""
    types = set(graph.objects(node, RDF.type))
    for k in ENTITY_KINDS:
        if k in types:
            return k.split("#")[-1]
    return "Place" if types & {TKG.Province, TKG.City, TKG.County, TKG.Township} else "Other"


def label_of_term(graph: Graph, term) -> str:
    """An ontology term's Chinese rdfs:label, else its local name."""
    for lit in sorted(graph.objects(term, RDFS.label)):
        if lit.language == "zh":
            return str(lit)
    return term.split("#")[-1]


def network_bytes(net, fmt: str) -> bytes:
    import networkx as nx

    if fmt == "graphml":
        text = "\n".join(nx.generate_graphml(net, encoding="utf-8")) + "\n"
    else:
        text = "\n".join(nx.generate_gexf(net, encoding="utf-8")) + "\n"
        text = re.sub(r' lastmodifieddate="[^"]*"', "", text)  # a timestamp would break byte-stability
    return text.encode("utf-8")


"""Interactive HTML views of the graph: an overview, one page per industry chain and per county-level
place, and a page centred on any entity, all linked from index.html.

The pages are our own small template, not pyvis's: pyvis 0.3.2 does not escape its heading and links
Bootstrap from a CDN even with in-line resources. pyvis still holds each view's network model (node and
edge lists, assigned directly because its `add_edge` is quadratic) and its vis.js options (physics off,
stabilisation off, edge colours), which are merged with our styling and embedded as JSON.

Article text never becomes markup: titles and headings are HTML-escaped, and everything else (labels,
tooltips, details, search) travels as JSON in a non-executed <script type="application/json"> block
with "<", ">" and "&" written as \\u escapes; the page's script puts it on the canvas or into the DOM
as text (vis.js shows a string tooltip with `innerText`), and links only to http(s) addresses. No page
carries a bidirectional control character (an article's U+202E would show its text reversed). The
pages load nothing from the network: vis-network's JS and CSS are copied from the pyvis package into
`lib/` beside them, and a Content-Security-Policy forbids everything else. Layouts are computed here (seeded spring layout) and shipped as positions with
physics off, so even large views draw in about a second and the same graph gives byte-identical pages.

What an analyst reads without zooming: the page script draws the node names itself at a fixed screen
size, most important first (the view's centre, the largest projects, chains and counties, then parks
and cities), each only where it overlaps no other name and no named node, so the overview names its
landmarks at once and more names appear as one zooms in. A click on a node or relation opens every
fact about it with its quote, article and date, and links to the chain and county pages it belongs to.

The folder is written whole: pages go into a staging folder beside it that replaces the old folder
only when every page is written, so no stale page of an earlier graph survives and a failure leaves the
previous views as they were.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import math
import os
import re
import shutil
import string
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import networkx as nx
import numpy as np
import pyvis
from pyvis.network import Network
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from . import staging
from .model import (ANNUAL_PLANNED_INVESTMENT, CAPACITY, COMPLETION_DATE, IN_CHAIN, INVESTMENT_COMPLETED, JOBS,
                    LAND_AREA, MONEY_PROPS, OUTPUT_VALUE, RELATION_PROPS, START_DATE, TAX, TOTAL_INVESTMENT)
from .model import STATUS as STATUS_PROP
from .paths import ONTOLOGY_DIR
from .safe import shown as without_bidi
from .english import english_label
from .vocab import SCHEMA, TKG

MAX_NODES = 1000  # beyond this a view keeps its largest, best-connected nodes and says so
LAYOUT_SEED = 7
# Pixels per node (square root of the area a component gets per node). Names are drawn at a fixed
# screen size, so this only sets how large the nodes look when a page opens fitted to the window: at 150
# the seed overview opened at zoom 0.20 with nodes 2-3 px wide, at 80 it opens at 0.38.
SPACING = 80
ASPECT = 1.6  # width / height of the rectangle the components are packed into: a landscape window
# Pixels between the rims of two nodes: at 12, clusters of large projects left no room for their names.
NODE_GAP = 24
# Rounds of the spring layout and of pushing overlapping nodes apart: 200 settle a small component;
# a round costs n², so above 250 nodes they fall with 1/n², to 15 at 1,000 nodes.
ITERATIONS, ITERATIONS_UP_TO, MIN_ITERATIONS = 200, 250, 15
LABEL_CHARS = 14  # node labels on the canvas are cut here; the tooltip has the full name
QUOTE_CHARS = 160  # in tooltips; the details panel shows whole sentences
TOP_PROJECTS = 5  # the largest projects are named first, with the chains and counties
ASSETS = Path(__file__).with_name("views_assets")
VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
LIB_FILES = (VIS_DIR / "vis-network.min.js", VIS_DIR / "vis-network.css",
             ASSETS / "kg-views.js", ASSETS / "kg-views.css")
YI = Decimal(100_000_000)


class ViewError(Exception):
    """A view cannot be made as asked, e.g. --focus names no entity or several."""


@dataclass(frozen=True)
class Kind:
    """How one type of entity looks: colour, vis.js shape, legend symbol. Its name is the ontology's
    Chinese label of its first type."""

    key: str
    color: str
    shape: str
    symbol: str
    types: tuple[URIRef, ...]


CHAIN_KIND = Kind("chain", "#e15759", "star", "★", (TKG.IndustryChain,))
KINDS = (
    Kind("project", "#4e79a7", "dot", "●", (TKG.Project,)),
    Kind("company", "#f28e2b", "square", "■", (TKG.Company,)),
    Kind("park", "#59a14f", "triangle", "▲", (TKG.IndustrialPark,)),
    Kind("place", "#b07aa1", "diamond", "◆", (TKG.Place, TKG.Province, TKG.City, TKG.County, TKG.Township)),
    CHAIN_KIND,
)
# Relations drawn as edges, with their colours (most take the colour of the kind they point to); their
# names are the ontology's labels.
RELATION_COLORS = {
    TKG.developer: "#f28e2b", TKG.subsidiaryOf: "#b85c00", TKG.supplies: "#9c755f", TKG.locatedIn: "#b07aa1",
    TKG.withinPlace: "#d7b5d8", TKG.inPark: "#59a14f", TKG.partOf: "#4e79a7", TKG.inChain: "#e15759",
}
RELATIONS = tuple(RELATION_COLORS)
# Relations that lead from a thing to where it is: followed upwards to find an entity's county.
UPWARD = (TKG.locatedIn, TKG.inPark, TKG.withinPlace, TKG.partOf)
LEVELS = {"province": TKG.Province, "city": TKG.City, "county": TKG.County, "township": TKG.Township}
# The order of facts in the details panel: figures, then relations.
FACT_ORDER = tuple(TKG[p] for p in (
    TOTAL_INVESTMENT, ANNUAL_PLANNED_INVESTMENT, INVESTMENT_COMPLETED, CAPACITY, OUTPUT_VALUE, TAX, JOBS,
    LAND_AREA, STATUS_PROP, START_DATE, COMPLETION_DATE, *RELATION_PROPS, IN_CHAIN))
MONEY = tuple(TKG[p] for p in MONEY_PROPS)
FOCUS_LIST = "focus.json"  # the focus pages of a views folder: written again by the next `kg viz`
VIEW_FILE = re.compile(r"(index|overview|(chain|place|focus)-[\w-]+)\.html|lib|focus\.json")  # a views folder's files


@dataclass(frozen=True)
class Doc:
    """A source article as the details panel cites it."""

    title: str  # dcterms:title, else the file name
    date: str  # "" when unknown
    url: str  # an http(s) URL or ""


@dataclass(frozen=True)
class Stmt:
    """The parts of a statement node that the tooltip and the details panel show."""

    prop: URIRef
    value: object
    preferred: bool
    quote: str
    doc: str  # key into Model.docs, "" when the statement names no article
    date: str  # the article's date, "" when unknown
    qualifiers: tuple[str, ...]
    shown: str  # the value as it is shown: see value_text


@dataclass
class Node:
    iri: str
    kind: Kind
    label: str
    alt: tuple[str, ...]
    investment: Decimal | None
    title: str = ""  # plain-text tooltip
    english: tuple[str, str] | None = None  # (name, "official" | "transliteration"): kg/english.py


@dataclass
class Model:
    """What the views need from the graph, read once, in sorted order."""

    nodes: dict[str, Node]
    edges: list[tuple[str, URIRef, str]]
    names: dict[URIRef, str]  # Chinese names of the kinds' types, relations, level classes, statuses
    counties: dict[str, list[str]] = field(default_factory=dict)  # entity -> its county-level places
    idle_chains: list[str] = field(default_factory=list)  # labels of the scheme's chains without projects
    neighbours: dict[str, list[str]] = field(default_factory=dict)  # undirected, sorted
    major: set[str] = field(default_factory=set)  # chains and county-level places: named first, in bold
    cities: set[str] = field(default_factory=set)  # city-level places
    docs: dict[str, Doc] = field(default_factory=dict)
    stmts: dict[str, list[Stmt]] = field(default_factory=dict)  # entity -> its statements
    mentions: dict[str, list[str]] = field(default_factory=dict)  # entity -> Model.docs keys
    links: dict[str, list[tuple[str, URIRef, str]]] = field(default_factory=dict)  # (in|out, relation, other)


@dataclass
class View:
    file: str
    title: str
    section: str  # index heading: 总览 / 产业链 / 县区 / 焦点
    centre: str | None
    members: list[str]  # node IRIs before capping


def write_views(g: Graph, out_dir: Path, focus: str | None = None, depth: int = 2, keep_focus: bool = False,
                progress=None, layouts=None) -> list[Path]:
    """Write index.html, the overview, chain, county and (with `focus`) entity pages as the folder
    `out_dir`, replacing the views an earlier run left there.

    With `keep_focus`, the focus pages an earlier run wrote into `out_dir` (listed in its focus.json) are
    written again from `g`, so a second focus does not remove the first; a focus whose entity `g` no longer
    has is dropped. `progress(stage, done, total)` is called once per page.
    Returns the pages written, index first; vis-network and the page script go to `out_dir/lib/`.
    Raises ViewError, leaving `out_dir` untouched, when `focus` matches no entity or several, or when
    `out_dir` holds files that are not views. `layouts`: a memo of `layout` (kg.cache.LayoutMemo) so that a
    page whose nodes and edges did not change is not laid out again.
    """
    model = read_model(g)
    views = [overview_view(model), *chain_views(model), *county_views(model)]
    out_dir = Path(out_dir)
    check_views_folder(out_dir)
    focuses = {iri: d for iri, d in earlier_focuses(out_dir).items() if iri in model.nodes} if keep_focus else {}
    if focus is not None:
        centre = find_entity(model, focus)
        focuses.pop(centre, None)
        focuses[centre] = depth  # the newest last
    views += [focus_view(model, iri, d) for iri, d in focuses.items()]
    stage = out_dir.with_name(f".{out_dir.name}.staging-{os.getpid()}")
    shutil.rmtree(stage, ignore_errors=True)  # left by a killed run of a process with our pid
    staging.remove_stale(out_dir.parent, re.compile(re.escape(f".{out_dir.name}.staging-") + r"(\d+)"))
    stage.mkdir(parents=True)
    try:
        names = write_pages(model, views, stage, progress, layouts)
        if focuses:
            (stage / FOCUS_LIST).write_text(json.dumps([{"iri": iri, "depth": d} for iri, d in focuses.items()],
                                                       ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        swap_in(stage, out_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [out_dir / name for name in names]


def earlier_focuses(out_dir: Path) -> dict[str, int]:
    """{entity IRI: depth} of the focus pages an earlier run wrote into `out_dir`, oldest first."""
    try:
        listed = json.loads((out_dir / FOCUS_LIST).read_text(encoding="utf-8"))
        return {str(f["iri"]): int(f["depth"]) for f in listed}
    except (OSError, ValueError, TypeError, KeyError):  # none, or not ours: no focus to keep
        return {}


def check_views_folder(out_dir: Path) -> None:
    """Refuse to replace a folder that holds anything but views: it may be the user's own."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ViewError(f"{out_dir} is a file: name a folder for the views.")
    if not out_dir.exists():
        return
    foreign = sorted(p.name for p in out_dir.iterdir() if not VIEW_FILE.fullmatch(p.name))
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise ViewError(f"{out_dir} holds files that are not views ({shown}): the views replace the whole "
                        f"folder, so name an empty folder or one written by `kg viz`.")


def write_pages(model: Model, views: list[View], folder: Path, progress=None, layouts=None) -> list[str]:
    """Every page and the lib/ files into `folder`; returns the page names, index first."""
    (folder / "lib").mkdir()
    for src in LIB_FILES:
        shutil.copyfile(src, folder / "lib" / src.name)
    pages = {v.centre: (v.file, v.title) for v in views if v.section in ("产业链", "县区")}
    details: dict[str, dict] = {}  # node details, made once and shared by the pages that show the node
    summaries = []
    total = len(views) + 1
    for done, view in enumerate(views):
        if progress:
            progress("views", done, total)
        page, summary = render_view(model, view, pages, details, layouts or layout)
        (folder / view.file).write_text(without_bidi(page), encoding="utf-8")
        summaries.append(summary)
    (folder / "index.html").write_text(without_bidi(render_index(model, summaries)), encoding="utf-8")
    if progress:
        progress("views", total, total)
    return ["index.html", *(v.file for v in views)]


def swap_in(stage: Path, out_dir: Path) -> None:
    """Put the finished `stage` folder in the place of `out_dir` (two renames), and drop the old one."""
    if not out_dir.exists():
        stage.rename(out_dir)
        return
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    out_dir.rename(old)
    try:
        stage.rename(out_dir)
    except OSError:
        old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


# ---- reading the graph ---------------------------------------------------------------------------


def read_model(g: Graph) -> Model:
    """Entities (typed Project/Company/IndustrialPark/Place/IndustryChain) that the articles talk
    about, the relations between them, and their tooltips."""
    kinds: dict[str, Kind] = {}
    for kind in KINDS:
        for t in kind.types:
            for s in g.subjects(RDF.type, t):
                if isinstance(s, URIRef):
                    kinds.setdefault(str(s), kind)
    for chain in g.objects(None, TKG.inChain):  # a chain missing from the scheme still shows, by its IRI
        if isinstance(chain, URIRef):
            kinds.setdefault(str(chain), CHAIN_KIND)
    edges = sorted({(str(s), p, str(o)) for p in RELATIONS for s, o in g.subject_objects(p)
                    if str(s) in kinds and str(o) in kinds and s != o})
    shown = in_data(g, sorted(kinds), edges)
    nodes = {s: Node(s, kinds[s], label_of(g, URIRef(s)), alt_labels(g, URIRef(s)), investment_of(g, URIRef(s)),
                     english=english_label(g, URIRef(s))) for s in sorted(shown)}
    edges = [e for e in edges if e[0] in shown and e[2] in shown]
    model = Model(nodes, edges, term_names(g))
    model.major = {n.iri for n in nodes.values() if n.kind.key == "chain" or is_county(g, n)}
    model.cities = {n.iri for n in nodes.values() if n.kind.key == "place" and (
        (URIRef(n.iri), RDF.type, TKG.City) in g or str(g.value(URIRef(n.iri), TKG.level) or "") == "city")}
    with_projects = {o for _, p, o in edges if p == TKG.inChain}
    model.idle_chains = sorted(label_of(g, URIRef(c)) for c, k in kinds.items()
                               if k.key == "chain" and c not in with_projects)
    neighbours, links = defaultdict(set), defaultdict(list)
    for s, p, o in edges:
        neighbours[s].add(o)
        neighbours[o].add(s)
        links[s].append(("out", p, o))
        links[o].append(("in", p, s))
    model.neighbours = {n: sorted(neighbours[n]) for n in nodes}
    model.links = {n: sorted(links[n]) for n in nodes}
    model.counties = find_counties(g, model)
    model.docs = read_docs(g)
    model.stmts = read_statements(g, model)
    model.mentions = {n: sorted(k for k in (doc_key(d) for d in g.objects(URIRef(n), TKG.mentionedIn))
                                if k in model.docs) for n in nodes}
    for node in nodes.values():
        node.title = node_tooltip(g, model, node, model.stmts.get(node.iri, []))
    return model


def in_data(g: Graph, entities: list[str], edges: list[tuple[str, URIRef, str]]) -> set[str]:
    """Entities mentioned in an article or carrying a statement, and everything they point to (a
    project's county and that county's city, its chain): the rest of the gazetteer and of the chain
    scheme, which a built graph carries too, stays out of the pictures."""
    out = defaultdict(list)
    for s, _, o in edges:
        out[s].append(o)
    queue = deque(e for e in entities if (URIRef(e), TKG.mentionedIn, None) in g
                  or (URIRef(e), TKG.hasStatement, None) in g)
    shown = set()
    while queue:
        n = queue.popleft()
        if n not in shown:
            shown.add(n)
            queue.extend(out[n])
    return shown


def term_names(g: Graph) -> dict[URIRef, str]:
    """Chinese names of the ontology terms the pages show (kinds, relations, place levels, statuses),
    from the graph or else from ontology/kg.ttl."""
    ontology = Graph().parse(ONTOLOGY_DIR / "kg.ttl")
    statuses = sorted({o for o in g.objects(None, TKG.status) if isinstance(o, URIRef)})
    terms = [k.types[0] for k in KINDS] + list(RELATIONS) + list(FACT_ORDER) + list(LEVELS.values()) + statuses
    preds = (RDFS.label, SKOS.prefLabel)
    return {t: zh_literal(g, t, preds) or zh_literal(ontology, t, preds) or local_name(t) for t in terms}


def kind_name(model: Model, kind: Kind) -> str:
    return model.names[kind.types[0]]


def zh_literal(g: Graph, s, preds) -> str | None:
    """The first of `preds` that `s` has, preferring Chinese, then untagged, then any language."""
    for p in preds:
        lits = [o for o in g.objects(s, p) if isinstance(o, Literal)]
        if lits:
            rank = {"zh": 0, "zh-cn": 0, "zh-hans": 0, None: 1}
            best = min(lits, key=lambda o: (rank.get((o.language or "").lower() or None, 2), str(o)))
            return str(best)
    return None


def label_of(g: Graph, s: URIRef) -> str:
    return zh_literal(g, s, (SKOS.prefLabel, RDFS.label)) or local_name(s)


def alt_labels(g: Graph, s: URIRef) -> tuple[str, ...]:
    names = {str(o) for p in (SKOS.altLabel, TKG.shortName) for o in g.objects(s, p) if isinstance(o, Literal)}
    return tuple(sorted(names - {label_of(g, s)}))


def local_name(iri) -> str:
    return re.split(r"[/#]", str(iri).rstrip("/"))[-1]


def decimal_of(value) -> Decimal | None:
    if not isinstance(value, Literal):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def investment_of(g: Graph, s: URIRef) -> Decimal | None:
    """The direct (preferred) total investment in yuan, if any."""
    values = [d for d in (decimal_of(o) for o in g.objects(s, TKG.totalInvestment)) if d is not None]
    return max(values) if values else None


def doc_key(doc) -> str:
    return local_name(doc) if doc is not None else ""


def read_docs(g: Graph) -> dict[str, Doc]:
    """Every source article: title (else file name), date and a web address that is safe to link."""
    docs = {}
    for d in sorted(g.subjects(RDF.type, TKG.SourceDocument)):
        url = str(g.value(d, SCHEMA.url) or "")
        docs[doc_key(d)] = Doc(
            title=zh_literal(g, d, (DCTERMS.title,)) or str(g.value(d, TKG.fileName) or doc_key(d)),
            date=str(g.value(d, DCTERMS.date) or ""),
            url=url if re.match(r"https?://", url, re.I) else "",
        )
    return docs


def read_statements(g: Graph, model: Model) -> dict[str, list[Stmt]]:
    """Each entity's statements, preferred first, then by property, the latest article first."""
    out: dict[str, list[Stmt]] = defaultdict(list)
    for s, st in g.subject_objects(TKG.hasStatement):
        if str(s) not in model.nodes:
            continue
        doc = g.value(st, PROV.wasDerivedFrom)
        prop, value = g.value(st, TKG.property), g.value(st, TKG.value)
        text, product = str(g.value(st, TKG.originalText) or ""), str(g.value(st, TKG.product) or "")
        out[str(s)].append(Stmt(
            prop=prop,
            value=value,
            preferred=g.value(st, TKG.rank) == TKG.PreferredRank,
            quote=str(g.value(st, TKG.quote) or ""),
            doc=doc_key(doc),
            date=str(g.value(st, TKG.documentDate) or (doc is not None and g.value(doc, DCTERMS.date)) or ""),
            qualifiers=tuple(sorted(str(q) for q in g.objects(st, TKG.qualifier))),
            shown=value_text(g, model, prop, value, text, product),
        ))
    order = {p: i for i, p in enumerate(FACT_ORDER)}
    ranked = {}
    for s, stmts in out.items():
        stmts.sort(key=lambda x: (x.doc, x.quote, str(x.value)))
        stmts.sort(key=lambda x: x.date, reverse=True)  # stable: ISO dates, undated last
        stmts.sort(key=lambda x: (not x.preferred, order.get(x.prop, len(order)), str(x.prop)))
        ranked[s] = stmts
    return ranked


def is_county(g: Graph, node: Node) -> bool:
    iri = URIRef(node.iri)
    return node.kind.key == "place" and (
        (iri, RDF.type, TKG.County) in g or str(g.value(iri, TKG.level) or "") == "county")


def find_counties(g: Graph, model: Model) -> dict[str, list[str]]:
    """For each entity, the county-level places it lies in: its own location, its park's, its parent
    project's or its township's (the first county on each upward path)."""
    up = defaultdict(list)
    for s, p, o in model.edges:
        if p in UPWARD:
            up[s].append(o)
    counties = {n.iri for n in model.nodes.values() if is_county(g, n)}
    result = {}
    for start in model.nodes:
        found, seen, queue = set(), {start}, deque(up[start])
        while queue:
            n = queue.popleft()
            if n in seen:
                continue
            seen.add(n)
            if n in counties:
                found.add(n)
            else:
                queue.extend(up[n])
        result[start] = sorted(found)
    return result


# ---- tooltips (plain text) -----------------------------------------------------------------------


def yi(value: Decimal) -> str:
    """Yuan as 亿元, at most four decimals: 23100000000 -> "231亿元"."""
    text = f"{value / YI:.4f}".rstrip("0").rstrip(".")
    return f"{text}亿元"


def tidy_quote(quote: str, limit: int | None = QUOTE_CHARS) -> str:
    """Drop the line breaks and spaces that PDF extraction leaves beside Chinese characters and cut
    sentences longer than `limit`, for display only."""
    cjk = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
    text = re.sub(rf"(?<={cjk})\s+|\s+(?={cjk})", "", quote.strip())
    text = re.sub(r"\s+", " ", text)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def node_tooltip(g: Graph, model: Model, node: Node, stmts: list[Stmt]) -> str:
    """Name, type, aliases, key figures (investment, capacity, status, county) and a source quote."""
    iri = URIRef(node.iri)
    lines = [node.label, f"类型：{kind_name(model, node.kind)}"]
    if node.english:
        lines.append(english_line(node.english))
    if node.alt:
        lines.append("别名：" + "、".join(node.alt[:5]))
    if node.investment is not None:
        lines.append(f"总投资：{yi(node.investment)}")
    capacities = [s for s in stmts if s.prop == TKG.capacity and s.preferred]
    if capacities:
        lines.append("产能：" + "；".join(tidy_quote(s.shown) for s in capacities[:3]))
    status = g.value(iri, TKG.status)
    if status is not None:
        lines.append(f"状态：{model.names.get(status) or local_name(status)}")
    level = str(g.value(iri, TKG.level) or "")
    if level:
        lines.append(f"层级：{model.names.get(LEVELS.get(level), level)}")
    if node.kind.key == "chain":
        projects = [s for s, p, o in model.edges if p == TKG.inChain and o == node.iri]
        lines.append(f"项目：{len(projects)} 个")
    counties = [model.nodes[c].label for c in model.counties.get(node.iri, []) if c != node.iri]
    if counties:
        lines.append("所在县区：" + "、".join(counties))
    source = source_statement(stmts)
    if source:
        cited = f"（{doc_title(model, source.doc)}）" if source.doc else ""
        lines.append(f"来源：「{tidy_quote(source.quote)}」{cited}")
    lines.append("点击查看全部事实与出处")
    return "\n".join(lines)


def english_line(english: tuple[str, str]) -> str:
    """The English name, a transliteration said to be one (readers must not take pinyin for a name in use)."""
    name, source = english
    return f"English: {name}" + (" (pinyin transliteration)" if source == "transliteration" else "")


def source_statement(stmts: list[Stmt]) -> Stmt | None:
    """The quote to show: the preferred total investment's, else the first statement with a quote."""
    quoted = [s for s in stmts if s.quote]
    for s in quoted:
        if s.prop == TKG.totalInvestment and s.preferred:
            return s
    return quoted[0] if quoted else None


def doc_title(model: Model, key: str) -> str:
    return model.docs[key].title if key in model.docs else key


def edge_tooltip(model: Model, s: str, p: URIRef, o: str) -> str:
    return f"{model.nodes[s].label} → {model.names[p]} → {model.nodes[o].label}\n点击查看出处"


# ---- the details panel (plain data; the page script builds it with textContent) --------------------


def value_text(g: Graph, model: Model, prop, value, text: str, product: str) -> str:
    """A statement's value as an analyst reads it: a name for an entity or concept, money in 亿元 with
    the article's wording beside it when that differs, other quantities as written with their product."""
    if isinstance(value, URIRef):
        node = model.nodes.get(str(value))
        return node.label if node else model.names.get(value) or label_of(g, value)
    written = tidy_quote(text, None)
    amount = decimal_of(value) if prop in MONEY else None
    if amount is not None:
        return yi(amount) if written in ("", yi(amount)) else f"{yi(amount)}（原文：{written}）"
    shown = written or str(value)
    return f"{shown} {product}" if product and product not in shown else shown


def node_details(model: Model, node: Node, pages: dict[str, tuple[str, str]]) -> dict:
    """Everything the panel shows for a node: names, the chain and county pages it belongs to, each
    statement with its quote, article and date, its relations, and the articles that mention it."""
    links = model.links.get(node.iri, [])
    chains = [o for d, p, o in links if d == "out" and p == TKG.inChain]
    related = dict.fromkeys([node.iri, *model.counties.get(node.iri, []), *chains])
    return {
        "label": node.label,
        "kind": kind_name(model, node.kind),
        "alt": list(node.alt),
        "en": english_line(node.english) if node.english else "",
        "pages": [list(pages[n]) for n in related if n in pages],
        "facts": [{"p": local_name(st.prop), "v": st.shown, "pref": st.preferred,
                   "x": " ".join(q for q in st.qualifiers if q not in st.shown),
                   "q": tidy_quote(st.quote, None), "d": st.doc, "t": st.date,
                   "o": str(st.value) if isinstance(st.value, URIRef) else ""}
                  for st in model.stmts.get(node.iri, [])],
        "links": [[d, local_name(p), other, model.nodes[other].label] for d, p, other in links],
        "docs": model.mentions.get(node.iri, []),
    }


# ---- which nodes each view shows -----------------------------------------------------------------


def around(model: Model, core: set[str]) -> list[str]:
    """`core` and every node one relation away from it."""
    members = set(core)
    for n in core:
        members.update(model.neighbours[n])
    return sorted(members)


def overview_view(model: Model) -> View:
    return View("overview.html", "总览", "总览", None, list(model.nodes))


def chain_views(model: Model) -> list[View]:
    """One view per industry chain that has projects: the chain, its projects and their neighbours."""
    views = []
    for chain in sorted((n for n in model.nodes.values() if n.kind.key == "chain"), key=sort_key):
        projects = {s for s, p, o in model.edges if p == TKG.inChain and o == chain.iri}
        if projects:
            views.append(View(file_name("chain", chain), f"产业链：{chain.label}", "产业链", chain.iri,
                              around(model, projects | {chain.iri})))
    return views


def county_views(model: Model) -> list[View]:
    """One view per county-level place with anything in it: what lies there and its neighbours."""
    inside = defaultdict(set)
    for n, counties in model.counties.items():
        for c in counties:
            inside[c].add(n)
    views = []
    for county in sorted((model.nodes[c] for c in inside), key=sort_key):
        views.append(View(file_name("place", county), f"县区：{county.label}", "县区", county.iri,
                          around(model, inside[county.iri] | {county.iri})))
    return views


def focus_view(model: Model, centre: str, depth: int) -> View:
    """Everything within `depth` relations of `centre`, in either direction."""
    dist = {centre: 0}
    queue = deque([centre])
    while queue:
        n = queue.popleft()
        if dist[n] < depth:
            for m in model.neighbours[n]:
                if m not in dist:
                    dist[m] = dist[n] + 1
                    queue.append(m)
    node = model.nodes[centre]
    return View(file_name("focus", node), f"焦点：{node.label}（{depth} 跳）", "焦点", centre, sorted(dist))


def find_entity(model: Model, name: str) -> str:
    """The entity whose pref or alt label is `name` (exactly, else as a substring); case-insensitive."""
    wanted = name.strip().casefold()
    if not wanted:
        raise ViewError("--focus needs a name.")
    names = {iri: [n.label, *n.alt] for iri, n in model.nodes.items()}
    exact = [iri for iri, ls in names.items() if wanted in (x.casefold() for x in ls) or wanted == iri.casefold()]
    matches = exact or [iri for iri, ls in names.items() if any(wanted in x.casefold() for x in ls)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ranked = sorted(matches, key=lambda m: sort_key(model.nodes[m]))
        shown = "; ".join(f"{model.nodes[m].label} ({kind_name(model, model.nodes[m].kind)})" for m in ranked[:15])
        more = f" and {len(matches) - 15} more" if len(matches) > 15 else ""
        raise ViewError(f"{name!r} matches {len(matches)} entities: {shown}{more}. Give a longer name.")
    every = sorted({x for ls in names.values() for x in ls})
    close = difflib.get_close_matches(name.strip(), every, n=8, cutoff=0.4)
    hint = (f" Similar names: {'; '.join(close)}." if close
            else " List the projects and where they are with `kg query projects-by-county`.")
    raise ViewError(f"no entity is named {name!r}.{hint}")


def sort_key(node: Node):
    return (node.label, node.iri)


def file_name(prefix: str, node: Node) -> str:
    """Readable and safe: letters (any script) and digits of the label, plus a short hash of the IRI."""
    slug = re.sub(r"[\W_]+", "-", node.label).strip("-")[:40].strip("-") or "entity"
    digest = hashlib.sha1(node.iri.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{slug}-{digest}.html"


# ---- one page ------------------------------------------------------------------------------------


def cap(model: Model, view: View) -> tuple[list[str], str]:
    """Keep at most MAX_NODES: the centre first, then the largest investments, then the best-connected
    nodes, each brought in with its neighbours so that no kept node is left without its context."""
    if len(view.members) <= MAX_NODES:
        return view.members, ""
    inside = set(view.members)
    degree = {n: sum(1 for m in model.neighbours[n] if m in inside) for n in view.members}

    def rank(n):
        return (n != view.centre, -(model.nodes[n].investment or 0), -degree[n], n)

    kept: dict[str, None] = {}  # insertion-ordered set
    for n in sorted(view.members, key=rank):
        for m in [n, *sorted((m for m in model.neighbours[n] if m in inside), key=rank)]:
            if len(kept) == MAX_NODES:
                break
            kept.setdefault(m)
        if len(kept) == MAX_NODES:
            break
    note = (f"节点过多：只显示 {MAX_NODES} / {len(view.members)} 个节点（投资最大、关系最多的及其相邻节点）；"
            f"用 kg viz --focus 名称 查看某个实体的周边。")
    return sorted(kept), note


def layout(nodes: list[str], edges: list[tuple[str, URIRef, str]],
           sizes: dict[str, float]) -> dict[str, tuple[int, int]]:
    """Pixel positions: each connected component gets a seeded spring layout sized to its node count,
    with nodes pushed apart until no two of the given radii touch, and the components' boxes are packed
    into a landscape rectangle, tallest first (a single spring layout would push small components to a
    distant ring). Rounded to integers for stable output."""
    if not nodes:
        return {}
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((s, o) for s, _, o in edges)
    boxes = []  # (positions relative to the box's top-left corner, width, height)
    for comp in sorted(sorted(c) for c in nx.connected_components(graph)):
        radius = SPACING * math.sqrt(len(comp))
        if len(comp) > 1:
            pos = separate(spring(nx.to_numpy_array(graph, nodelist=comp, weight=None)) * radius,
                           np.array([sizes[n] for n in comp]))
        else:
            pos = np.zeros((1, 2))
        low = pos.min(axis=0) - SPACING / 2
        size = pos.max(axis=0) + SPACING / 2 - low
        boxes.append(({n: (float(x), float(y)) for n, (x, y) in zip(comp, pos - low)}, float(size[0]), float(size[1])))
    return {n: (round(x), round(y)) for n, (x, y) in pack(boxes).items()}


def pack(boxes: list[tuple[dict, float, float]]) -> dict[str, tuple[float, float]]:
    """Shelves of columns, tallest box first: a shelf is as high as its first box, and smaller boxes
    stack in columns beside it, so a large component and many small ones fill a rectangle about as wide
    as a screen (ASPECT) instead of leaving the space under each small one empty."""
    boxes = sorted(boxes, key=lambda b: (-b[2], -b[1], min(b[0])))
    width = max(max(w for _, w, _ in boxes), math.sqrt(ASPECT * sum(w * h for _, w, h in boxes)))
    result = {}
    shelf_y = shelf_h = col_x = col_w = col_y = 0.0
    for pos, w, h in boxes:
        if not (col_w and w <= col_w and col_y + h <= shelf_h):  # no room under the column's last box
            col_x, col_w, col_y = col_x + col_w, w, 0.0
            if col_x and col_x + w > width:
                shelf_y, shelf_h, col_x = shelf_y + shelf_h, 0.0, 0.0
            shelf_h = shelf_h or h
        for n, (x, y) in pos.items():
            result[n] = (col_x + x, shelf_y + col_y + y)
        col_y += h
    return result


def spring(adjacency: np.ndarray) -> np.ndarray:
    """Fruchterman-Reingold on a dense adjacency matrix, scaled to [-1, 1]: networkx's dense variant,
    which networkx replaces above 500 nodes with a per-node scipy loop (the views of a 5,000-project
    graph: 31 s that way, 4.6 s this way)."""
    n = len(adjacency)
    iterations = rounds(n)
    pos = np.random.default_rng(LAYOUT_SEED).random((n, 2))
    k = math.sqrt(1.0 / n)  # ideal distance between neighbours in the unit square
    temperature = 0.1 * float(np.ptp(pos, axis=0).max())  # the largest step, cooled linearly
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, np.newaxis] - pos[np.newaxis, :, 0]
        dy = pos[:, 1, np.newaxis] - pos[np.newaxis, :, 1]
        distance = np.sqrt(dx * dx + dy * dy)
        np.clip(distance, 0.01, None, out=distance)
        force = k * k / (distance * distance) - adjacency * distance / k
        step = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        step *= (temperature / np.clip(np.sqrt((step * step).sum(axis=1)), 0.01, None))[:, np.newaxis]
        pos += step
        temperature -= cooling
        if math.sqrt(float((step * step).sum())) / n < 1e-4:
            break
    pos -= pos.mean(axis=0)
    return pos / max(float(np.abs(pos).max()), 1e-9)


def rounds(n: int) -> int:
    """Iterations of a dense n² step for n nodes (see ITERATIONS)."""
    return max(MIN_ITERATIONS, min(ITERATIONS, int(ITERATIONS * (ITERATIONS_UP_TO / n) ** 2)))


def separate(pos: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """Push apart the nodes that overlap (closer than their radii and NODE_GAP): a spring layout packs a
    hub's neighbours in a ring, where large nodes would cover each other."""
    pos = pos.copy()
    wanted = radii[:, np.newaxis] + radii[np.newaxis, :] + NODE_GAP
    for _ in range(rounds(len(pos))):
        dx = pos[:, 0, np.newaxis] - pos[np.newaxis, :, 0]
        dy = pos[:, 1, np.newaxis] - pos[np.newaxis, :, 1]
        gap = np.sqrt(dx * dx + dy * dy)
        np.fill_diagonal(gap, np.inf)
        push = wanted - gap
        if push.max() < 0.5:  # pixels: the pushes shrink geometrically and never quite reach 0
            break
        np.clip(push, 0, None, out=push)
        push /= 2 * np.clip(gap, 1e-9, None)
        pos += np.stack([(dx * push).sum(axis=1), (dy * push).sum(axis=1)], axis=1)
    return pos


def node_size(node: Node) -> float:
    """Log scale of the investment: 1亿元 -> 15, 100亿元 -> 25, 1万亿元 -> 35."""
    if node.investment is None or node.investment <= 0:
        return 12.0
    return round(15 + 5 * math.log10(max(float(node.investment / YI), 1.0)), 2)


def label_order(model: Model, view: View, nodes: list[str], edges) -> dict[str, tuple[int, int]]:
    """(tier, rank) of each node's name: the page script offers names room by rank (0 first), and lets
    tiers 0-2 cover small unnamed nodes. Tier 0 is the view's centre, 1 the largest projects, the chains
    and the county-level places, 2 the parks and the cities, 3 the rest; within a tier, by investment,
    then by the number of relations on the page."""
    degree = Counter(n for s, _, o in edges for n in (s, o))
    invested = [n for n in nodes if model.nodes[n].kind.key == "project" and model.nodes[n].investment]
    top = set(sorted(invested, key=lambda n: (-model.nodes[n].investment, n))[:TOP_PROJECTS])

    def tier(n):
        if n == view.centre:
            return 0
        if n in top or n in model.major:
            return 1
        return 2 if model.nodes[n].kind.key == "park" or n in model.cities else 3

    order = sorted(nodes, key=lambda n: (tier(n), -(model.nodes[n].investment or 0), -degree[n],
                                         model.nodes[n].label, n))
    return {n: (tier(n), i) for i, n in enumerate(order)}


def network_for(model: Model, view: View, nodes: list[str], edges, positions) -> Network:
    """The pyvis network model of one view: node and edge lists and vis.js options. Nodes carry no vis.js
    `label`: the page script draws the names (`name`, by `rank`, tiers 0 and 1 in bold)."""
    order = label_order(model, view, nodes, edges)
    net = Network(directed=True)
    net.toggle_physics(False)
    net.toggle_stabilization(False)
    net.inherit_edge_colors(False)
    net.toggle_hide_edges_on_drag(len(edges) > 2000)
    net.nodes = [{
        "id": n,
        "name": short_label(model.nodes[n].label),
        "tier": order[n][0],
        "rank": order[n][1],
        "title": model.nodes[n].title,
        "group": model.nodes[n].kind.key,
        "size": node_size(model.nodes[n]),
        "x": positions[n][0],
        "y": positions[n][1],
        "search": " ".join([model.nodes[n].label, *model.nodes[n].alt,
                            *(model.nodes[n].english or ())[:1]]).casefold(),
    } for n in nodes]
    net.edges = [{"id": f"e{i}", "from": s, "to": o, "label": model.names[p], "rel": local_name(p),
                  "color": RELATION_COLORS[p], "title": edge_tooltip(model, s, p, o)}
                 for i, (s, p, o) in enumerate(edges)]
    return net


def vis_options(net: Network) -> dict:
    """pyvis's options plus the look: groups by kind, arrows, hover tooltips, and relation names on the
    edges only from zoom 1.3 on (their colours and the legend name them before that)."""
    options = json.loads(net.get_network_data()[5])
    options["edges"].update({
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "font": {"size": 11, "face": FONT_FACE, "color": "#555555", "strokeWidth": 3, "align": "middle"},
        "scaling": {"label": {"drawThreshold": 15}},  # shown where 11 × zoom ≥ 15 - 1
        "smooth": False,
        "width": 1,
        "selectionWidth": 2,
    })
    options["nodes"] = {"borderWidth": 1, "borderWidthSelected": 3}
    options["groups"] = {k.key: {"shape": k.shape, "color": {
        "background": k.color, "border": "#333333", "highlight": {"background": k.color, "border": "#000000"},
        "hover": {"background": k.color, "border": "#000000"}}} for k in KINDS}
    options["interaction"].update({"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                                   "keyboard": False})
    return options


FONT_FACE = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


def short_label(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def script_json(data) -> str:
    """JSON that cannot end its <script> element or open markup: <, > and & as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def template(name: str) -> string.Template:
    return string.Template((ASSETS / name).read_text(encoding="utf-8"))


def render_view(model: Model, view: View, pages: dict[str, tuple[str, str]],
                details: dict[str, dict], place=None) -> tuple[str, dict]:
    """The page for one view, and the summary the index shows. `pages` maps chains and counties to their
    page (file, title); `details` caches node_details across pages; `place` is `layout` or a memo of it."""
    nodes, note = cap(model, view)
    kept = set(nodes)
    edges = [e for e in model.edges if e[0] in kept and e[2] in kept]
    positions = (place or layout)(nodes, edges, {n: node_size(model.nodes[n]) for n in nodes})
    net = network_for(model, view, nodes, edges, positions)
    for n in nodes:
        if n not in details:
            details[n] = node_details(model, model.nodes[n], pages)
    shown = {n: details[n] for n in nodes}
    cited = sorted({f["d"] for d in shown.values() for f in d["facts"]}
                   | {k for d in shown.values() for k in d["docs"]})
    data = {
        "file": view.file,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": vis_options(net),
        "details": shown,
        "docs": {k: vars(model.docs[k]) for k in cited if k in model.docs},
        "names": {local_name(t): name for t, name in sorted(model.names.items())},
    }
    counts = {k.key: 0 for k in KINDS}
    for n in nodes:
        counts[model.nodes[n].kind.key] += 1
    legend = "\n".join(
        f'<li><span class="sym" style="color:{k.color}">{k.symbol}</span>'
        f'{html.escape(kind_name(model, k))} <b>{counts[k.key]}</b></li>'
        for k in KINDS if counts[k.key])
    drawn = {p for _, p, _ in edges}
    relations = "\n".join(
        f'<li><span class="line" style="background:{color}"></span>{html.escape(model.names[p])}</li>'
        for p, color in RELATION_COLORS.items() if p in drawn)
    page = template("page.html").substitute(
        title=html.escape(view.title),
        subtitle=html.escape(f"{len(nodes)} 个节点 · {len(edges)} 条关系"),
        note=f'<p class="note">{html.escape(note)}</p>' if note else "",
        legend=legend,
        relations=relations,
        data=script_json(data),
    )
    summary = {"file": view.file, "title": view.title, "section": view.section, "nodes": len(nodes),
               "edges": len(edges), "projects": counts["project"]}
    return page, summary


# ---- index ---------------------------------------------------------------------------------------


def render_index(model: Model, summaries: list[dict]) -> str:
    """Links to every page with its counts, grouped by section; the chains without projects are named."""
    sections = []
    for section in ("总览", "产业链", "县区", "焦点"):
        items = [s for s in summaries if s["section"] == section]
        lis = "\n".join(
            f'<li><a href="{html.escape(s["file"])}">{html.escape(s["title"])}</a> '
            f'<span class="counts">{s["projects"]} 个项目 · {s["nodes"]} 个节点 · {s["edges"]} 条关系</span></li>'
            for s in items)
        idle = model.idle_chains if section == "产业链" else []
        note = f'<p class="note">无项目的产业链：{html.escape("、".join(idle))}</p>' if idle else ""
        if items or note:
            sections.append(f"<h2>{section}</h2>\n<ul>\n{lis}\n</ul>\n{note}")
    totals = {k.key: 0 for k in KINDS}
    for n in model.nodes.values():
        totals[n.kind.key] += 1
    summary = " · ".join(f"{kind_name(model, k)} {totals[k.key]}" for k in KINDS) + f" · 关系 {len(model.edges)}"
    return template("index.html").substitute(summary=html.escape(summary), sections="\n".join(sections))

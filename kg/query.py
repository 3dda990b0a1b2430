"""SPARQL questions over the built graph: the query files in queries/, bound parameters, readable output.

A query file opens with a comment block that the CLI and the tests read:

    # Question: Which projects does a company build?
    # Parameters: ?company (part of the company's name) | none
    # Columns: company, project, total_yuan (yuan), status

Parameters are bound as RDF terms (Oxigraph substitutions, rdflib initBindings), never pasted into the
text. Oxigraph binds only variables of the SELECT clause, so every parameter is projected in its query;
a bound parameter is a constant and its column is dropped from the result. Columns named `*_yuan` hold
money in yuan; the table shows them in yuan and 亿元.

Oxigraph runs the queries when it is installed (it parses Turtle and joins far faster than rdflib);
rdflib is the fallback. Both give the same rows: the tests run every query on both.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from . import paths, safe
from .vocab import CHAIN, ID, PLACE, SCHEMA, STATUS, TKG

try:
    import pyoxigraph as ox
except ImportError:  # pragma: no cover - pyoxigraph is a declared dependency; rdflib still works
    ox = None

DEFAULT_ENGINE = "oxigraph" if ox is not None else "rdflib"
FORMATS = ("table", "csv", "json")
CSV_BOM = "\ufeff"
MONEY_SUFFIX = "_yuan"
YI = Decimal(100_000_000)
MAX_CELL_WIDTH = 60  # display columns of a table cell; csv and json keep the full text
NUMERIC_TYPES = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short,
                 XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger,
                 XSD.unsignedInt, XSD.unsignedLong}
# Longest namespace first, so that chain:, place: and status: win over id:.
PREFIXES = sorted({"tkg": str(TKG._NS), "chain": str(CHAIN), "place": str(PLACE), "status": str(STATUS),
                   "id": str(ID), "skos": str(SKOS), "prov": str(PROV), "dcterms": str(DCTERMS),
                   "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "schema": str(SCHEMA)}.items(),
                  key=lambda kv: -len(kv[1]))
RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld",
               ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml"}

Row = tuple  # one value per column: rdflib URIRef | BNode | Literal, or None when unbound


class QueryError(Exception):
    """A mistake the user can fix: unknown query, bad parameter, syntax error, unreadable graph."""


class QueryRefused(QueryError):
    """A query that is not run (an update) or that failed while running (a SERVICE it could not reach)."""


@dataclass(frozen=True)
class Answer:
    """What a query returned: its form (select, ask or graph, for CONSTRUCT and DESCRIBE) and its rows.

    An ASK answers one row, one column `ask`, a boolean literal; a graph answers subject, predicate, object."""

    form: str
    columns: list[str]
    rows: list[Row]


class ServiceRefused(QueryRefused):
    """The query calls a remote endpoint (SERVICE) and the caller did not allow the network."""


@dataclass(frozen=True)
class Query:
    """A SPARQL query and what its comment block declares."""

    name: str
    text: str
    source: str  # the file it came from, or "<query>" for text
    question: str = ""
    parameters: tuple[str, ...] = ()  # variable names without "?"
    columns: tuple[str, ...] = ()  # declared result columns (parameters excluded)
    declared: bool = False  # has a `# Parameters:` line; otherwise every variable may be bound
    parameter_help: str = ""  # the `# Parameters:` line as written, meanings included (`kg query --list`)


# ---- finding and reading queries ----------------------------------------------------------------


def available(queries_dir: Path | None = None) -> list[str]:
    """Names of the query files (without .rq), sorted."""
    folder = Path(queries_dir or paths.QUERIES_DIR)
    return sorted(p.stem for p in folder.glob("*.rq"))


def load_query(name_or_path: str | Path, queries_dir: Path | None = None) -> Query:
    """A query by name (queries/NAME.rq) or by path to any .rq file."""
    folder = Path(queries_dir or paths.QUERIES_DIR)
    path = Path(name_or_path)
    if not path.is_file():
        if str(name_or_path).endswith(".rq") or len(path.parts) > 1:
            raise QueryError(f"{name_or_path}: no such query file.")
        path = folder / f"{name_or_path}.rq"
        if not path.is_file():
            names = ", ".join(available(folder)) or "(none)"
            raise QueryError(f"unknown query {str(name_or_path)!r}; available: {names}")
    return parse_query(path.read_text(encoding="utf-8"), name=path.stem, source=str(path))


def parse_query(text: str, name: str = "query", source: str = "<query>") -> Query:
    """Read the comment block (Question, Parameters, Columns) at the top of a query."""
    fields: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        m = re.match(r"(Question|Parameters|Columns):\s*(.*)", body)
        if m:
            key = m.group(1)
            fields[key] = m.group(2)
        elif key and body:
            fields[key] += " " + body
    declared = "Parameters" in fields
    params = tuple(re.findall(r"[?$](\w+)", _unexplained(fields.get("Parameters", ""))))
    columns = tuple(c.strip() for c in _unexplained(fields.get("Columns", "")).split(",") if c.strip())
    return Query(name, text, source, fields.get("Question", ""), params, columns, declared,
                 fields.get("Parameters", ""))


def _unexplained(field: str) -> str:
    """A `name (meaning), name (meaning)` list without the parenthesised meanings."""
    return re.sub(r"\([^)]*\)", "", field)


def _variables(text: str) -> tuple[str, ...]:
    """Every variable a header-less query mentions (comments and strings skipped, roughly)."""
    code = re.sub(r"#[^\n]*|\"[^\"\n]*\"|'[^'\n]*'|<[^>\s]*>", " ", text)
    return tuple(sorted(set(re.findall(r"[?$]([A-Za-z_]\w*)", code))))


def _as_query(query_text_or_name: str | Path | Query) -> Query:
    if isinstance(query_text_or_name, Query):
        return query_text_or_name
    text = str(query_text_or_name)
    if isinstance(query_text_or_name, Path) or re.fullmatch(r"[\w./\\-]+", text):
        return load_query(query_text_or_name)
    return parse_query(text)


# ---- SERVICE: the one way a query reaches the network ----------------------------------------------

# A query's tokens, in the order the grammar needs them: comments and strings (long strings first) and
# IRIs swallow any "SERVICE" inside them; a name is a keyword, variable or prefixed name.
_TOKEN = re.compile("|".join((
    r"(?P<comment>#[^\n]*)",
    r"(?P<string>\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r"|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')",
    r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
    r"(?P<name>[?$]?[^\s{}()<>\"'#,;\[\]=!&|*/+^]+)",
    r"(?P<other>.)",
)), re.S)


def service_in_tokens(text: str) -> bool:
    """Whether the SPARQL `text` has the SERVICE keyword outside strings, comments and IRIs (the
    keyword, not a variable ?service or a prefixed name service:x / x:SERVICE)."""
    return any(m.lastgroup == "name" and m.group().upper() == "SERVICE" for m in _TOKEN.finditer(text))


def service_in_parse(text: str) -> bool:
    """Whether rdflib's SPARQL parser finds a SERVICE pattern in `text`; raises on a syntax error."""
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    def patterns(node):
        if isinstance(node, CompValue):
            yield node.name
            node = node.values()
        if isinstance(node, (str, bytes)):
            return
        try:
            children = list(node)
        except TypeError:
            return
        for child in children:
            yield from patterns(child)

    return "ServiceGraphPattern" in set(patterns(parseQuery(text)))


def uses_service(text: str) -> bool:
    """Whether a query calls a remote endpoint: rdflib's parse tree, or the tokens when rdflib cannot
    parse the text (an engine extension, or a syntax error the engine will report). A text without the
    keyword anywhere has none, and is not parsed (rdflib's parser takes a quarter of a second)."""
    if "service" not in text.lower():
        return False
    try:
        return service_in_parse(text)
    except Exception:  # pyparsing's ParseException and whatever the grammar's actions raise
        return service_in_tokens(text)


def check_service(query: Query, allow_service: bool = False) -> None:
    if not allow_service and uses_service(query.text):
        raise ServiceRefused(f"{query.source} calls a remote endpoint (SERVICE), and kg runs offline: "
                             "pass --allow-service to let it reach the network.")


# ---- engines --------------------------------------------------------------------------------------


class OxigraphEngine:
    """An in-memory Oxigraph store holding the graph."""

    name = "oxigraph"

    def __init__(self, store):
        self.store = store

    @classmethod
    def from_rdflib(cls, graph: rdflib.Graph) -> "OxigraphEngine":
        store = ox.Store()
        store.extend(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in graph.triples((None, None, None)))
        return cls(store)

    @classmethod
    def from_file(cls, path: Path) -> "OxigraphEngine":
        store = ox.Store()
        try:
            store.load(path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip(".")))
        except (SyntaxError, ValueError, OSError) as exc:
            raise QueryError(f"{path}: cannot read the graph: {exc}") from exc
        return cls(store)

    def select(self, query: Query, bindings: dict) -> tuple[list[str], list[Row]]:
        answer = self.answer(query, bindings)
        return answer.columns, answer.rows

    def answer(self, query: Query, bindings: dict) -> Answer:
        subs = {ox.Variable(k): _to_ox(_term(v)) for k, v in bindings.items()}
        try:
            result = self.store.query(query.text, substitutions=subs, use_default_graph_as_union=True)
        except SyntaxError as exc:
            refuse_update(query)
            raise QueryError(_syntax_message(query, str(exc))) from exc
        except (RuntimeError, ValueError, OSError) as exc:
            if "projection" in str(exc):  # Oxigraph binds only the variables of the SELECT clause
                raise QueryError(f"{query.source}: a bound variable must be in the SELECT clause ({exc})") from exc
            raise failed(query, exc) from exc
        try:  # solutions are computed while they are read: a SERVICE call can fail here
            if isinstance(result, (bool, getattr(ox, "QueryBoolean", bool))):
                return Answer("ask", ["ask"], [(Literal(bool(result)),)])
            if isinstance(result, ox.QuerySolutions):
                columns = [v.value for v in result.variables]
                return Answer("select", columns, [tuple(from_oxigraph(t) for t in solution) for solution in result])
            return Answer("graph", ["subject", "predicate", "object"], [
                (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)) for t in result])
        except (RuntimeError, ValueError, OSError) as exc:
            raise failed(query, exc) from exc


class RdflibEngine:
    """rdflib's own SPARQL engine on the graph (slow on big graphs, but needs nothing else)."""

    name = "rdflib"

    def __init__(self, graph: rdflib.Graph):
        if graph.context_aware:  # query the union of named graphs, as Oxigraph does
            union = rdflib.Graph()
            for s, p, o, _ in graph.quads((None, None, None, None)):
                union.add((s, p, o))
            graph = union
        self.graph = graph

    @classmethod
    def from_file(cls, path: Path) -> "RdflibEngine":
        ds = rdflib.Dataset()
        try:
            ds.parse(str(path), format=RDF_FORMATS.get(path.suffix.lower(), "turtle"))
        except Exception as exc:  # rdflib's parsers raise many types; all mean "cannot read"
            raise QueryError(f"{path}: cannot read the graph: {exc}") from exc
        return cls(ds)

    def select(self, query: Query, bindings: dict) -> tuple[list[str], list[Row]]:
        answer = self.answer(query, bindings)
        return answer.columns, answer.rows

    def answer(self, query: Query, bindings: dict) -> Answer:
        from pyparsing import ParseException

        try:
            result = self.graph.query(query.text, initBindings={k: _term(v) for k, v in bindings.items()})
            rows = list(result)
        except ParseException as exc:
            refuse_update(query)
            raise QueryError(_syntax_message(query, f"error at {exc.lineno}:{exc.col}: {exc.msg}")) from exc
        except Exception as exc:  # rdflib reports unknown prefixes etc. as bare Exceptions
            raise QueryError(f"{query.source}: {_one_line(exc)}") from exc
        if result.type == "ASK":
            return Answer("ask", ["ask"], [(Literal(bool(result.askAnswer)),)])
        if result.type == "SELECT":
            return Answer("select", [str(v) for v in result.vars], [tuple(_plain(t) for t in row) for row in rows])
        return Answer("graph", ["subject", "predicate", "object"], [tuple(_plain(t) for t in row) for row in rows])


Engine = OxigraphEngine | RdflibEngine


def open_engine(graph, engine: str | None = None) -> Engine:
    """An engine over an rdflib Graph, a pyoxigraph Store or a graph file (.ttl, .trig, .nt, .jsonld).

    Converting an rdflib Graph costs a pass over its triples: open it once to run many queries.
    """
    if isinstance(graph, (OxigraphEngine, RdflibEngine)) or callable(getattr(graph, "answer", None)):
        return graph  # an engine already (kg.endpoint.RemoteEngine included)
    engine = engine or DEFAULT_ENGINE
    if engine not in ("oxigraph", "rdflib"):
        raise QueryError(f"unknown engine {engine!r}: use oxigraph or rdflib.")
    if engine == "oxigraph" and ox is None:  # pragma: no cover
        raise QueryError("pyoxigraph is not installed: use engine='rdflib'.")
    if ox is not None and isinstance(graph, ox.Store):
        return OxigraphEngine(graph)
    if isinstance(graph, (str, Path)):
        path = Path(graph)
        if not path.exists():
            raise QueryError(f"{path} does not exist: run `kg build` first, or name a graph with --graph.")
        return OxigraphEngine.from_file(path) if engine == "oxigraph" else RdflibEngine.from_file(path)
    if isinstance(graph, rdflib.Graph):
        return OxigraphEngine.from_rdflib(graph) if engine == "oxigraph" else RdflibEngine(graph)
    raise TypeError(f"cannot query a {type(graph).__name__}")


def _term(value):
    """A parameter value as an RDF term: text becomes a plain literal; rdflib terms are kept."""
    return value if isinstance(value, (URIRef, BNode, Literal)) else Literal(str(value))


def _to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def from_oxigraph(term):
    """An Oxigraph term as rdflib's (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype == str(XSD.string) else Literal(term.value, datatype=URIRef(datatype))


def _plain(term):
    """xsd:string literals as plain literals, as Oxigraph's are converted: same rows from both engines."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def refuse_update(query: Query) -> None:
    """Raise QueryRefused when a text that is not a query parses as a SPARQL update (DROP, INSERT, …).

    Called only after the query parser failed; rdflib's update parser only parses, it runs nothing."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(query.text)
    except Exception:  # not an update either: the query's own syntax error stands
        return
    if parsed.get("request"):
        raise QueryRefused(f"{query.source}: this is a SPARQL update; `kg query` runs only SELECT, ASK, "
                           "CONSTRUCT and DESCRIBE and never changes the graph.")


def failed(query: Query, exc: BaseException) -> QueryRefused:
    """A query that parsed but failed while running (e.g. a SERVICE it could not reach), in one line."""
    return QueryRefused(f"{query.source}: the query failed while running: {_one_line(exc)}")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _syntax_message(query: Query, message: str) -> str:
    """`file:line:column: syntax error: …` from the parser's "error at L:C: …"."""
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.S)
    if m:
        return f"{query.source}:{m.group(1)}:{m.group(2)}: syntax error: {m.group(3)}"
    return f"{query.source}: syntax error: {message}"


# ---- running --------------------------------------------------------------------------------------


def run(query_text_or_name: str | Path | Query, graph, bindings: dict | None = None,
        engine: str | None = None, allow_service: bool = False) -> tuple[list[str], list[Row]]:
    """Run a query (name, path or SPARQL text) on a graph: (columns, rows of rdflib terms or None).

    `graph` is an rdflib Graph, a pyoxigraph Store, a graph file or an engine from `open_engine`;
    `bindings` maps parameter names to text (bound as a plain literal) or rdflib terms. A query that
    calls a remote endpoint (SERVICE) raises ServiceRefused unless `allow_service`.
    """
    found = answer(query_text_or_name, graph, bindings, engine, allow_service)
    return found.columns, found.rows


def answer(query_text_or_name: str | Path | Query, graph, bindings: dict | None = None,
           engine: str | None = None, allow_service: bool = False) -> Answer:
    """`run`, also saying the query's form: select, ask, or graph (CONSTRUCT, DESCRIBE)."""
    query = _as_query(query_text_or_name)
    bindings = dict(bindings or {})
    check_bindings(query, bindings)
    check_service(query, allow_service)
    found = open_engine(graph, engine).answer(query, bindings)
    if found.form != "select":
        return found
    keep = [i for i, c in enumerate(found.columns) if c not in bindings]
    return Answer("select", [found.columns[i] for i in keep], [tuple(row[i] for i in keep) for row in found.rows])


def check_bindings(query: Query, bindings: dict) -> None:
    """Every bound name is a parameter of the query, and every declared parameter is bound."""
    allowed = query.parameters if query.declared else _variables(query.text)
    listed = ", ".join("?" + p for p in allowed) or "none"
    for name in sorted(bindings):
        if name not in allowed:
            raise QueryError(f"{query.name} has no parameter ?{name}; its parameters: {listed}")
    missing = [p for p in query.parameters if p not in bindings]
    if missing:
        raise QueryError(f"{query.name} needs a value for " + ", ".join(f"?{p} (--param {p}=VALUE)"
                                                                       for p in missing))


def violations(graph, queries_dir: Path | None = None) -> list[str]:
    """One line per row returned by a `*-violation.rq` check: an empty list means the graph is sound."""
    folder = Path(queries_dir or paths.QUERIES_DIR)
    engine = open_engine(graph)
    lines = []
    for name in available(folder):
        if not name.endswith("-violation"):
            continue
        columns, rows = run(load_query(folder / f"{name}.rq"), engine)
        for row in rows:
            cells = ", ".join(f"{c}={_text(v)}" for c, v in zip(columns, row) if v is not None)
            lines.append(f"{name}: {cells}")
    return lines


def run_and_format(name_or_path: str | Path, graph_path: Path, bindings: dict[str, str],
                   fmt: str = "table", allow_service: bool = False, endpoint=None) -> str:
    """What `kg query` prints: the query's rows on the graph file (or on `endpoint`, an engine such as
    kg.endpoint.RemoteEngine, when given), as a table, CSV or JSON.

    An ASK prints yes or no (csv: `ask` and true or false; json: true or false); a CONSTRUCT or DESCRIBE
    prints Turtle as a table, one row per triple as csv or json. A query that calls a remote endpoint
    (SERVICE) is refused unless `allow_service`."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
    query = load_query(name_or_path)
    check_bindings(query, bindings)  # before reading the graph, which can take a while
    check_service(query, allow_service)
    source = endpoint if endpoint is not None else open_engine(Path(graph_path))
    found = answer(query, source, bindings, allow_service=allow_service)
    if found.form == "ask":
        yes = bool(found.rows[0][0].toPython())
        return {"table": "yes\n" if yes else "no\n", "csv": CSV_BOM + f"ask\n{str(yes).lower()}\n",
                "json": json.dumps(yes) + "\n"}[fmt]
    if found.form == "graph" and fmt == "table":
        return format_turtle(found.rows)
    if fmt == "csv":  # a byte order mark, as `kg export` writes: spreadsheets then read the Chinese as UTF-8
        return CSV_BOM + format_csv(found.columns, found.rows)
    return {"table": format_table, "json": format_json}[fmt](found.columns, found.rows)


# ---- output ---------------------------------------------------------------------------------------


def number(term) -> Decimal | int | float | None:
    """The numeric value of a numeric literal, else None."""
    if isinstance(term, Literal) and term.datatype in NUMERIC_TYPES:
        value = term.toPython()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return value
        try:  # an ill-typed lexical form stays text
            return Decimal(str(term))
        except InvalidOperation:
            return None
    return None


def _plain_number(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return repr(value) if isinstance(value, float) else str(value)


def _text(term) -> str:
    """A value as CSV and violation lines show it: full IRIs, literal text, plain numbers."""
    if term is None:
        return ""
    n = number(term)
    return _plain_number(n) if n is not None else str(term)


def compact(iri: str) -> str:
    for prefix, ns in PREFIXES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def yi(value: Decimal) -> str:
    """Yuan as 亿元, two decimals at most: 23100000000 -> "231亿元"."""
    amount = (Decimal(value) / YI).quantize(Decimal("0.01"))
    text = format(amount, "f").rstrip("0").rstrip(".")
    return f"{text}亿元"


def _cell(term, money: bool) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return safe.shown(compact(str(term)))
    n = number(term)
    if n is None:
        return " ".join(safe.shown(str(term)).split())
    if isinstance(n, float):
        return f"{n:,.6g}"
    if n == int(n):
        text = f"{int(n):,}"
    else:
        text = f"{n:,}"
    return f"{text} ({yi(Decimal(n))})" if money else text


def width(text: str) -> int:
    """Display width in a terminal: CJK wide and full-width characters take two columns."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _clip(text: str, limit: int = MAX_CELL_WIDTH) -> str:
    if width(text) <= limit:
        return text
    out, used = [], 0
    for c in text:
        if used + width(c) > limit - 1:
            break
        out.append(c)
        used += width(c)
    return "".join(out) + "…"


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * (size - width(text))
    return gap + text if right else text + gap


def format_table(columns: list[str], rows: list[Row]) -> str:
    """An aligned text table: wide characters count double, numeric columns are right-aligned."""
    if not columns:
        return "(no columns)\n"
    cells = [[_clip(_cell(v, c.endswith(MONEY_SUFFIX))) for c, v in zip(columns, row)] for row in rows]
    numeric = [all(row[i] is None or number(row[i]) is not None for row in rows) and bool(rows)
               for i in range(len(columns))]
    sizes = [max([width(c)] + [width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c, sizes[i], numeric[i]) for i, c in enumerate(columns)).rstrip(),
             "  ".join("-" * s for s in sizes)]
    for r in cells:
        lines.append("  ".join(_pad(v, sizes[i], numeric[i]) for i, v in enumerate(r)).rstrip())
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def format_turtle(triples: list[Row]) -> str:
    """Triples (a CONSTRUCT's or DESCRIBE's answer) as Turtle with the project's prefixes."""
    from .graph import new_graph, serialize

    g = new_graph()
    for triple in triples:
        g.add(triple)
    return serialize(g, "ttl").decode("utf-8")


def format_csv(columns: list[str], rows: list[Row]) -> str:
    """CSV with a header row: full IRIs, plain numbers (yuan for money), empty for unbound. No cell starts
    a formula (`safe.csv_cell`: numbers stay numbers, text is neutralised, trailing whitespace dropped)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe.csv_cell(c) for c in columns])
    for row in rows:
        writer.writerow([safe.csv_cell(_text(v)) for v in row])
    return out.getvalue()


def _json_value(term):
    if term is None:
        return None
    n = number(term)
    if n is not None:
        if isinstance(n, Decimal):
            return int(n) if n == n.to_integral_value() else float(n)
        return n
    if isinstance(term, Literal) and term.datatype == XSD.boolean:
        return term.toPython()
    return str(term)


def format_json(columns: list[str], rows: list[Row]) -> str:
    """A JSON list of objects, one per row, keys in column order."""
    data = [{c: _json_value(v) for c, v in zip(columns, row)} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

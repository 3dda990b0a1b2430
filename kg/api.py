"""The Python API for notebooks and scripts: `kg.build`, `kg.load`, and a graph to ask questions of.

    import kg
    g = kg.build(["seeds/"])                 # in memory; out="output/" also writes kg.ttl and the rest
    rows = g.query("largest-projects")       # a list of dicts; rows.df is a pandas DataFrame
    print(g.explain("开鲁县"))
    g.export("csv", "tables/")

A thin layer over the functions the CLI calls: the same queries, the same graph, the same files.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Iterable

from rdflib import BNode, Graph, Literal, URIRef

from . import query as q
from .paths import MODEL_DIR


def build(paths: Iterable[str | Path], out: str | Path | None = None, *, views: bool = False,
          rules_only: bool = False, jobs: int | None = None) -> "KnowledgeGraph":
    """Build the graph from articles (files or folders). With `out`, also write kg.ttl, resolution.json
    (and the views when `views`) there and validate it, as `kg build` does; without, nothing is written and
    the graph is not validated (`kg build` is the check)."""
    from . import graph, pipeline

    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or folder")
    model_dir = None if rules_only else MODEL_DIR
    if out is not None:
        report = pipeline.build(paths, Path(out), views=views, model_dir=model_dir, jobs=jobs)
        return KnowledgeGraph(graph.load(Path(out) / "kg.ttl"), report=report)
    kb, problems, lex = pipeline.build_kb(paths, model_dir=model_dir, jobs=jobs)
    if not kb.documents:
        raise pipeline.NothingToBuild("nothing built: no article could be read in "
                                      + ", ".join(str(p) for p in paths), problems)
    report = pipeline.summarise(kb, Path("."))
    report.skipped = [str(p) for p in problems if not p.ignored]
    return KnowledgeGraph(graph.to_graph(kb, lex), report=report)


def load(path: str | Path = "output/kg.ttl") -> "KnowledgeGraph":
    """A graph `kg build` wrote (Turtle, TriG, N-Triples or JSON-LD)."""
    from . import graph

    return KnowledgeGraph(graph.load(Path(path)))


class Rows(list):
    """A query's answer: one dict per row (column -> Python value: str, int, Decimal, date, or None).

    `columns` keeps the query's order; `df` is the same as a pandas DataFrame (money as floats)."""

    def __init__(self, columns: list[str], rows: list[dict]):
        super().__init__(rows)
        self.columns = list(columns)

    @property
    def df(self):
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError("Rows.df needs pandas: pip install pandas (or the rows are plain dicts)") from exc
        return pd.DataFrame([{c: _for_pandas(row[c]) for c in self.columns} for row in self], columns=self.columns)

    def table(self) -> str:
        """The rows as `kg query` prints them."""
        return q.format_table(self.columns, [tuple(_term(row[c]) for c in self.columns) for row in self])

    def _repr_html_(self):  # a notebook shows the DataFrame when pandas is there
        try:
            return self.df._repr_html_()
        except ImportError:
            return None


class KnowledgeGraph:
    """A built graph: `query`, `explain`, `find`, `export`. `graph` is the rdflib Graph itself."""

    def __init__(self, graph: Graph, report=None):
        self.graph = graph
        self.report = report  # the BuildReport of kg.build (None for kg.load)
        self._engine = None

    def __len__(self) -> int:
        return len(self.graph)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph: {len(self.graph)} triples>"

    @property
    def engine(self):
        """The Oxigraph store the queries run on, filled once from the graph."""
        if self._engine is None:
            self._engine = q.open_engine(self.graph)
        return self._engine

    def query(self, name_or_sparql: str | Path, **params) -> Rows:
        """Run a query from queries/ by name, a .rq file, or SPARQL text; parameters by keyword
        (`g.query("company-projects", company="集团")`), bound as values, never pasted into the text."""
        columns, rows = q.run(name_or_sparql, self.engine, params)
        return Rows(columns, [{c: _python(v) for c, v in zip(columns, row)} for row in rows])

    def queries(self) -> list[q.Query]:
        """Every query in queries/, with its question, parameters and columns."""
        return [q.load_query(name) for name in q.available()]

    def explain(self, name: str) -> str:
        """Everything known about one entity, each fact with its quote and source (as `kg explain`)."""
        from .explain import explain

        return explain(self.graph, name)

    def find(self, text: str) -> Rows:
        """Entities whose Chinese or English name contains `text` (as `kg find`)."""
        return self.query("find", text=text)

    def export(self, fmt: str = "ttl", path: str | Path | None = None) -> list[Path]:
        """Write the graph as ttl, trig, jsonld, nt, csv (a folder of tables), graphml or gexf; returns the files
        written (default output/export/kg.<ext>, as `kg export`)."""
        from . import export as ex

        return ex.export(self.graph, fmt, Path(path) if path is not None else None)


def _python(term):
    """An RDF term as the Python value a notebook wants: numbers and dates as such, the rest as text."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(term)
    if isinstance(term, (URIRef, BNode)):
        return str(term)
    return term


def _term(value):
    return None if value is None else Literal(value)


def _for_pandas(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value

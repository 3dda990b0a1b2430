"""`kg push` into live stores started by the tests: an empty Oxigraph server (always) and Virtuoso (when
Debian's virtuoso-opensource is installed). The store must end up holding the dataset graph for graph,
one copy of an article pushed again, and a push record that says complete only when it is."""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg import dataset, export
from kg.cli import cli
from kg.graph import load as load_rdflib
from kg.push import PUSH_RECORD, guess_graph_store
from servers import free_port, get_graph, oxigraph_server, sparql_json, virtuoso_server

NUMERIC = {XSD.decimal, XSD.integer, XSD.double}


def canonical(graph: rdflib.Graph) -> rdflib.Graph:
    """Numbers in canonical form (23100000000.0 → 23100000000): stores keep a decimal's value, not its
    spelling (Oxigraph and Virtuoso both write the canonical form)."""
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype in NUMERIC and o.datatype != XSD.double:
            o = rdflib.Literal(format(Decimal(str(o)).normalize(), "f"), datatype=o.datatype)
        out.add((s, p, o))
    return out


def parse_nt(data: bytes) -> rdflib.Graph:
    return rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")


@pytest.fixture(scope="module")
def seed_dataset(seed_build):
    _, out = seed_build
    return out, dataset.load(out)


def test_the_dataset_is_the_trig_exports_split(seed_build, seed_dataset):
    """Every triple of kg.ttl in exactly one graph, as `kg export --format trig` splits it."""
    out, graphs = seed_dataset
    default, named = export.split_by_source(load_rdflib(out / "kg.ttl"))
    expected = {dataset.REFERENCE_GRAPH: default, **{str(k): v for k, v in named.items()}}
    assert [g.name for g in graphs] == [dataset.REFERENCE_GRAPH] + sorted(str(k) for k in named)
    for g in graphs:
        assert isomorphic(canonical(parse_nt(g.ntriples())), canonical(expected[g.name])), g.name
    assert sum(len(g.lines) for g in graphs) == len(load_rdflib(out / "kg.ttl"))


@pytest.mark.parametrize("endpoint,store", [
    ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store"),  # Oxigraph
    ("http://host:8890/sparql", "http://host:8890/sparql-graph-crud"),  # Virtuoso
    ("http://host:3030/kg/sparql", "http://host:3030/kg/data"),  # Fuseki
    ("http://host:3030/kg/query", "http://host:3030/kg/data"),
    ("http://host:7200/repositories/kg", None),  # GraphDB: name it
])
def test_the_graph_store_is_guessed_for_known_servers(endpoint, store):
    assert guess_graph_store(endpoint) == store


def store_holds(store: str, graphs: list[dataset.NamedGraph]) -> None:
    for g in graphs:
        held = get_graph(store, g.name)
        assert held is not None, g.name
        assert isomorphic(canonical(parse_nt(held)), canonical(parse_nt(g.ntriples()))), g.name


def graph_names(endpoint: str) -> set[str]:
    found = sparql_json(endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {b["g"]["value"] for b in found["results"]["bindings"]}


def record_complete(endpoint: str) -> bool:
    ask = f"ASK {{ GRAPH <{PUSH_RECORD}> {{ <{PUSH_RECORD}> <http://www.w3.org/ns/prov#generatedAtTime> ?t }} }}"
    return sparql_json(endpoint, ask)["boolean"]


def with_extra_triple(graphs, tmp_path: Path) -> tuple[Path, str]:
    """A graph file like the seed graph with one more statement triple in the first article's graph."""
    article = graphs[1]
    subject = next(line.split(" ", 1)[0] for line in article.lines if "wasDerivedFrom" in line)
    extra = f'{subject} <https://tongliao-kg.org/ns#ruleNote> "pushed again" .'
    path = tmp_path / "changed.nq"
    path.write_bytes(dataset.nquads(graphs) + (extra + "\n").encode("utf-8"))
    return path, article.name


def test_push_into_an_empty_oxigraph_server_gives_the_dataset(seed_dataset, tmp_path):
    out, graphs = seed_dataset
    with oxigraph_server() as base:
        result = CliRunner().invoke(cli, ["push", str(out), "--endpoint", base + "/query", "--batch", "300", "-q"])
        assert result.exit_code == 0, result.output
        assert "Pushed 6 graphs" in result.output and "complete" in result.output
        assert graph_names(base + "/query") == {g.name for g in graphs} | {PUSH_RECORD}
        store_holds(base + "/store", graphs)  # batches of 300: PUT then POSTs rebuilt each graph whole
        assert record_complete(base + "/query")

        # the same push again: nothing to send
        again = CliRunner().invoke(cli, ["push", str(out), "--endpoint", base + "/query", "-q"])
        assert again.exit_code == 0 and "Pushed 0 graphs" in again.output and "6 unchanged" in again.output

        # one article changed: only its graph is sent, and the store holds one copy of it
        changed, name = with_extra_triple(graphs, tmp_path)
        third = CliRunner().invoke(cli, ["push", str(changed), "--endpoint", base + "/query", "-q"])
        assert third.exit_code == 0 and "Pushed 1 graphs" in third.output, third.output
        store_holds(base + "/store", dataset.load(changed))
        # and back: the extra triple is gone, not added to
        fourth = CliRunner().invoke(cli, ["push", str(out), "--endpoint", base + "/query", "--force", "-q"])
        assert fourth.exit_code == 0 and "Pushed 6 graphs" in fourth.output
        store_holds(base + "/store", graphs)
        count = sparql_json(base + "/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        assert int(count["results"]["bindings"][0]["n"]["value"]) == len(graphs[1].lines)


class FailingProxy(http.server.BaseHTTPRequestHandler):
    """Forwards to the store, but answers 500 to every write of one graph while `fail` is set."""

    target = ""
    fail_graph = ""
    fail = True

    def _forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or None
        if self.fail and self.command in ("PUT", "POST") and urllib.parse.quote(self.fail_graph, safe="") in self.path:
            self.send_response(500)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"disk full\n")
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        req = urllib.request.Request(self.target + self.path, data=body, method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, ctype, data = resp.status, resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            status, ctype, data = exc.code, exc.headers.get("Content-Type", ""), exc.read()
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = _forward

    def log_message(self, *args):
        pass


def test_a_failed_batch_is_reported_and_a_retry_recovers(seed_dataset):
    out, graphs = seed_dataset
    broken = graphs[2]
    with oxigraph_server() as base:
        FailingProxy.target, FailingProxy.fail_graph, FailingProxy.fail = base, broken.name, True
        proxy = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), FailingProxy)
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        via = f"http://127.0.0.1:{proxy.server_address[1]}"
        try:
            first = CliRunner().invoke(cli, ["push", str(out), "--endpoint", via + "/query", "--batch", "200", "-q"])
            assert first.exit_code == 2
            assert f"failed: <{broken.name}> batch 1/{-(-len(broken.lines) // 200)} (200 triples): " \
                   f"{via}/store: HTTP 500 Internal Server Error: disk full" in first.output
            assert "run the same command again" in first.output
            assert not record_complete(base + "/query")  # nothing passes for complete
            record = parse_nt(get_graph(base + "/store", PUSH_RECORD))
            listed = {str(o) for o in record.objects(None, rdflib.URIRef(
                "http://www.w3.org/ns/sparql-service-description#name"))}
            assert listed == {g.name for g in graphs} - {broken.name}

            FailingProxy.fail = False
            retry = CliRunner().invoke(cli, ["push", str(out), "--endpoint", via + "/query", "-q"])
            assert retry.exit_code == 0, retry.output
            assert "Pushed 1 graphs" in retry.output and "5 unchanged" in retry.output
            assert record_complete(base + "/query")
            store_holds(base + "/store", graphs)
        finally:
            proxy.shutdown()
            proxy.server_close()


def test_an_unreachable_store_is_one_line(seed_dataset):
    out, _ = seed_dataset
    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(cli, ["push", str(out), "--endpoint", url])
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"Error: http://127.0.0.1:{url.split(':')[2].split('/')[0]}/store: "
                                            "cannot reach the server")
    unknown = CliRunner().invoke(cli, ["push", str(out), "--endpoint", "http://host/repositories/kg"])
    assert unknown.exit_code == 2 and "name it with --graph-store" in unknown.output


def test_push_into_virtuoso(seed_dataset, tmp_path, monkeypatch):
    """The store people use for billions of triples: Graph Store Protocol with digest authentication."""
    out, graphs = seed_dataset
    with virtuoso_server(tmp_path) as base:
        monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "dba")
        args = ["push", str(out), "--endpoint", base + "/sparql", "--user", "dba", "-q"]
        result = CliRunner().invoke(cli, args + ["--batch", "500"])
        assert result.exit_code == 0, result.output
        assert "sparql-graph-crud-auth" in result.output and "complete" in result.output
        store_holds(base + "/sparql-graph-crud", graphs)
        assert record_complete(base + "/sparql")
        again = CliRunner().invoke(cli, args + ["--force"])
        assert again.exit_code == 0 and "Pushed 6 graphs" in again.output
        for g in graphs:  # one copy of each
            count = sparql_json(base + "/sparql", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g.name}> {{ ?s ?p ?o }} }}")
            assert int(count["results"]["bindings"][0]["n"]["value"]) == len(g.lines), g.name
        # the library's queries run there too
        local = CliRunner().invoke(cli, ["query", "largest-projects", "--graph", str(out / "kg.ttl")])
        remote = CliRunner().invoke(cli, ["query", "largest-projects", "--endpoint", base + "/sparql"])
        assert remote.exit_code == 0 and remote.output == local.output

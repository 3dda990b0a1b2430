"""`kg serve` answers over HTTP what `kg query` answers from the file, and `kg query --endpoint` runs the
library's queries on any endpoint. The server is started by the tests, on loopback and a free port."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal, URIRef

from kg import query
from kg.cli import cli
from kg.endpoint import bind_text
from servers import ROOT, free_port, kg_serve, sparql_json

NAMES = query.available()
# Parameters that find rows in the seed graph; the last ones try to break out of a string.
PARAMS = {"company-projects": {"company": "集团"}, "company-neighbourhood": {"company": "龙马"},
          "entity": {"name": "龙马"}, "article": {"doc": "000"}, "find": {"text": "龙马"}}
HOSTILE = {"company": 'x" } ; DROP ALL ; #\n'}


@pytest.fixture(scope="module")
def served(seed_build):
    _, out = seed_build
    with kg_serve(out) as (process, base, lines):
        yield base, lines, out


def test_serve_prints_the_endpoint_and_loads_every_article_as_a_graph(served):
    base, lines, _ = served
    text = "".join(lines)
    assert f"SPARQL endpoint:   {base}/query" in text
    assert "6 graphs" in text and "read-only" in text  # five articles and the reference graph
    found = sparql_json(base + "/query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = {b["g"]["value"] for b in found["results"]["bindings"]}
    assert "https://tongliao-kg.org/id/graph/reference" in graphs
    assert sum("/id/doc/" in g for g in graphs) == 5


def _json_term(value):
    if value is None:
        return None
    if value["type"] == "uri":
        return URIRef(value["value"])
    if value["type"] == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


@pytest.mark.parametrize("name", [n for n in NAMES if n not in PARAMS])
def test_a_plain_http_select_gets_the_rows_kg_query_gets(name, served):
    base, _, out = served
    columns, rows = query.run(name, out / "kg.ttl")
    found = sparql_json(base + "/query", query.load_query(name).text)
    assert found["head"]["vars"] == columns
    remote = [tuple(_json_term(b.get(c)) for c in columns) for b in found["results"]["bindings"]]
    assert remote == rows
    if name in ("largest-projects", "projects-by-county", "articles"):
        assert rows  # the comparison means something: these have rows on the seeds


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_kg_query_endpoint_prints_what_kg_query_prints(name, fmt, served):
    base, _, out = served
    args = ["query", name, "--format", fmt] + [f"--param={k}={v}" for k, v in PARAMS.get(name, {}).items()]
    local = CliRunner().invoke(cli, args + ["--graph", str(out / "kg.ttl")])
    remote = CliRunner().invoke(cli, args + ["--endpoint", base + "/query"])
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output
    if name in PARAMS:
        assert "(0 rows)" not in local.output and len(local.output.splitlines()) > 2


def test_a_hostile_parameter_stays_a_literal(served):
    base, _, out = served
    args = ["query", "company-projects", "--param", f"company={HOSTILE['company']}", "--format", "csv"]
    remote = CliRunner().invoke(cli, args + ["--endpoint", base + "/query"])
    local = CliRunner().invoke(cli, args + ["--graph", str(out / "kg.ttl")])
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output
    assert len(sparql_json(base + "/query", "SELECT * { ?s ?p ?o } LIMIT 1")["results"]["bindings"]) == 1


def test_bind_text_touches_no_string_comment_or_iri():
    text = ('SELECT ?company ?n WHERE { # ?company in a comment\n'
            '  ?c <http://x/?company> "?company" ; ?p ?n . FILTER(CONTAINS(?n, ?company)) }')
    bound = bind_text(text, {"company": 'a"b'})
    assert bound == ('SELECT  ?n WHERE { # ?company in a comment\n'
                     '  ?c <http://x/?company> "?company" ; ?p ?n . FILTER(CONTAINS(?n, "a\\"b")) }')


def test_the_endpoint_is_read_only_unless_asked(served):
    base, _, _ = served
    req = urllib.request.Request(base + "/update", data=b"update=DROP%20ALL",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(req, timeout=10)
    assert sparql_json(base + "/query", "ASK { ?s ?p ?o }")["boolean"] is True


def test_writable_serve_takes_updates_into_a_copy(seed_build):
    _, out = seed_build
    before = (out / "kg.ttl").read_bytes()
    with kg_serve(out, "--writable") as (_, base, lines):
        assert "writable" in "".join(lines)
        req = urllib.request.Request(base + "/update", data=b"update=DROP%20ALL",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        urllib.request.urlopen(req, timeout=10).close()
        assert sparql_json(base + "/query", "ASK { ?s ?p ?o }")["boolean"] is False
    assert (out / "kg.ttl").read_bytes() == before


def test_cors_only_when_asked(served, seed_build):
    def allowed(base):
        req = urllib.request.Request(base + "/query?query=ASK%7B%7D", headers={"Origin": "http://elsewhere.example"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.headers.get("Access-Control-Allow-Origin")

    assert allowed(served[0]) is None
    with kg_serve(seed_build[1], "--cors") as (_, base, _):
        assert allowed(base) in ("*", "http://elsewhere.example")


def test_a_taken_port_is_refused_in_one_line(served, seed_build):
    base, _, out = served
    port = base.rsplit(":", 1)[1]
    run = subprocess.run([sys.executable, "-m", "kg", "serve", str(out), "--port", port, "-q"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip() == (f"Error: port {port} on 127.0.0.1 is taken (another kg serve or server "
                                  "listens there): choose another with --port, or stop that program.")


def test_ctrl_c_stops_the_server_and_removes_its_store(seed_build, tmp_path):
    _, out = seed_build
    with kg_serve(out) as (process, base, _):
        child = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()[0]
        args = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        store = Path(args[args.index(b"--location") + 1].decode())
        assert store.is_dir() and store.name == "store"
        process.send_signal(signal.SIGINT)
        code, err = process.wait(20), process.stderr.read()
        assert code == 0, err
        assert err.strip() == "Stopped."
        assert not store.exists() and not store.parent.exists()
        assert not Path(f"/proc/{child}").exists()  # the Oxigraph server has ended too
        port = int(base.rsplit(":", 1)[1])
    # the port is free again: a new server can take it
    with kg_serve(out, port=port) as (_, again, _):
        assert again == base


def test_a_missing_graph_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["serve", str(tmp_path / "nothing"), "--port", str(free_port())])
    assert result.exit_code == 1
    assert "does not exist: run `kg build` first" in result.output


def test_query_endpoint_keeps_the_service_refusal_and_names_an_unreachable_server(tmp_path):
    rq = tmp_path / "remote.rq"
    rq.write_text("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", encoding="utf-8")
    url = f"http://127.0.0.1:{free_port()}/query"
    refused = CliRunner().invoke(cli, ["query", str(rq), "--endpoint", url])
    assert refused.exit_code == 2 and "SERVICE" in refused.output and "--allow-service" in refused.output
    unreachable = CliRunner().invoke(cli, ["query", "articles", "--endpoint", url])
    assert unreachable.exit_code == 2
    assert f"{url}: cannot reach the server" in unreachable.output
    update = tmp_path / "drop.rq"
    update.write_text("DROP ALL", encoding="utf-8")
    dropped = CliRunner().invoke(cli, ["query", str(update), "--endpoint", url])
    assert dropped.exit_code == 2 and "SPARQL update" in dropped.output


def test_bind_text_leaves_a_bound_variable_out_of_group_by():
    text = "SELECT ?text (COUNT(?e) AS ?n) WHERE { ?e ?p ?text } GROUP BY ?text ?e ORDER BY ?n"
    assert bind_text(text, {"text": "龙马"}) == \
        'SELECT  (COUNT(?e) AS ?n) WHERE { ?e ?p "龙马" } GROUP BY  ?e ORDER BY ?n'

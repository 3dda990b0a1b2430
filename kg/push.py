"""`kg push`: the built graph into any SPARQL 1.1 store, by the Graph Store Protocol.

The dataset (kg/dataset.py) is written one named graph at a time: the first batch of a graph replaces it
(PUT), later batches of a large graph add to it (POST), so pushing an article again leaves one copy of
its graph. After each group of graphs the store is asked, over its SPARQL endpoint, how many triples
each holds; only graphs holding exactly what was sent are entered in the push record, a graph of the
store itself (`PUSH_RECORD`, VoID and SPARQL Service Description terms):

    <…/graph/push> a void:Dataset ; dcterms:modified "…" ;
        void:subset [ sd:name <graph> ; void:triples 812 ; dcterms:identifier "sha256:…" ] , … ;
        prov:generatedAtTime "…" .     # only once every graph of the build is in place

A push that fails part-way leaves the record without `prov:generatedAtTime` and without the graphs it
did not finish, so nothing half-written passes for complete. Running the same push again recovers: a
graph the record lists with the same digest is skipped, every other graph is replaced whole.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, VOID, XSD

from . import dataset
from .endpoint import ACCEPT_GRAPH, ACCEPT_RESULTS, GRAPH_FORMATS, Client, EndpointError
from .vocab import ID

PUSH_RECORD = str(ID["graph/push"])
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
BATCH = 20_000  # triples per request
GROUP = 50  # graphs verified and recorded together
RDF_BODY = {"Content-Type": "text/turtle; charset=utf-8"}  # N-Triples is Turtle; every store reads Turtle


@dataclass
class PushReport:
    """What a push did: graphs written and skipped, triples and requests sent, failures (one line each)."""

    graph_store: str
    pushed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # unchanged since the last push (same digest)
    triples: int = 0
    batches: int = 0
    failures: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)  # graphs the record lists that this build has not
    complete: bool = False


def guess_graph_store(endpoint: str, with_auth: bool = False) -> str | None:
    """The Graph Store Protocol URL of a known server from its SPARQL endpoint: Oxigraph (/query →
    /store), Virtuoso (/sparql → /sparql-graph-crud, -auth with credentials), Fuseki (/ds/query or
    /ds/sparql → /ds/data). None when it cannot be told."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if path == "/query":
        new = "/store"
    elif path == "/sparql":
        new = "/sparql-graph-crud-auth" if with_auth else "/sparql-graph-crud"
    elif path.endswith(("/query", "/sparql")) and path.count("/") == 2:
        new = path.rsplit("/", 1)[0] + "/data"
    else:
        return None
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new, "", ""))


def graph_url(store: str, name: str) -> str:
    return store + ("&" if "?" in store else "?") + urllib.parse.urlencode({"graph": name})


class Pusher:
    """One push: the store's Graph Store Protocol URL, its SPARQL endpoint, and a client."""

    def __init__(self, graph_store: str, endpoint: str, client: Client | None = None, batch: int = BATCH,
                 progress=None):
        self.store, self.endpoint = graph_store, endpoint
        self.client = client or Client()
        self.batch = max(1, batch)
        self.progress = progress

    # ---- the record ----

    def read_record(self) -> dict[str, tuple[str, int]]:
        """{graph name: (digest, triples)} of the graphs the store's push record lists (empty when none)."""
        resp = self.client.request("GET", graph_url(self.store, PUSH_RECORD), headers={"Accept": ACCEPT_GRAPH},
                                   missing_ok=True)
        if resp.status == 404 or not resp.body.strip():
            return {}
        g = rdflib.Graph()
        try:
            g.parse(data=resp.body.decode("utf-8"), format=GRAPH_FORMATS.get(resp.content_type, "turtle"))
        except Exception as exc:  # rdflib's parsers raise many types
            raise EndpointError(f"{self.store}: cannot read the push record <{PUSH_RECORD}>: {exc}") from exc
        entries = {}
        for s in g.objects(URIRef(PUSH_RECORD), VOID.subset):
            name, digest, count = g.value(s, SD.name), g.value(s, DCTERMS.identifier), g.value(s, VOID.triples)
            if name is not None and digest is not None:
                entries[str(name)] = (str(digest), int(count) if count is not None else 0)
        return entries

    def write_record(self, entries: dict[str, tuple[str, int]], complete: bool) -> None:
        """Replace the push record: the graphs in place ({name: (digest, triples)}), complete or not."""
        g = rdflib.Graph()
        record = URIRef(PUSH_RECORD)
        now = Literal(dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
        g.add((record, RDF.type, VOID.Dataset))
        g.add((record, DCTERMS.modified, now))
        g.add((record, RDFS.comment, Literal(
            "complete: every graph of the build is in place" if complete else
            "incomplete: a push is writing or has failed; the graphs listed are in place, run kg push again")))
        if complete:
            g.add((record, PROV.generatedAtTime, now))
        for name, (digest, count) in sorted(entries.items()):
            node = BNode()
            g.add((record, VOID.subset, node))
            g.add((node, SD.name, URIRef(name)))
            g.add((node, VOID.triples, Literal(count)))
            g.add((node, DCTERMS.identifier, Literal(digest)))
        self.client.request("PUT", graph_url(self.store, PUSH_RECORD), g.serialize(format="nt", encoding="utf-8"),
                            RDF_BODY)

    # ---- graphs ----

    def send(self, graph: dataset.NamedGraph) -> int:
        """Replace the graph in the store, batch by batch: the number of requests. Raises EndpointError
        naming the batch that failed."""
        starts = list(range(0, len(graph.lines), self.batch)) or [0]
        for i, start in enumerate(starts):
            method = "PUT" if i == 0 else "POST"
            try:
                self.client.request(method, graph_url(self.store, graph.name),
                                    graph.ntriples(start, start + self.batch), RDF_BODY)
            except EndpointError as exc:
                size = len(graph.lines[start:start + self.batch])
                raise EndpointError(f"<{graph.name}> batch {i + 1}/{len(starts)} ({size} triples): {exc}") from exc
        return len(starts)

    def counts(self, names: list[str]) -> dict[str, int]:
        """How many triples the store holds in each named graph (asked over the SPARQL endpoint)."""
        values = " ".join(f"<{n}>" for n in names)
        text = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        resp = self.client.request("POST", self.endpoint, body, {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": ACCEPT_RESULTS})
        try:
            rows = json.loads(resp.body.decode("utf-8"))["results"]["bindings"]
            return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}
        except (ValueError, KeyError, UnicodeDecodeError) as exc:
            raise EndpointError(f"{self.endpoint}: cannot read the triple counts the server sent: {exc}") from exc

    def push(self, graphs: list[dataset.NamedGraph], force: bool = False) -> PushReport:
        """Push the dataset; see the module's docstring for what is recorded and how a retry recovers."""
        report = PushReport(self.store)
        before = {} if force else self.read_record()
        local = {g.name for g in graphs}
        report.elsewhere = sorted(set(before) - local)
        # graphs in place: those of other builds the record lists (they stay in the store), unchanged
        # graphs, then each verified group
        entries = {name: before[name] for name in report.elsewhere}
        todo = []
        for g in graphs:
            if before.get(g.name, ("",))[0] == g.digest:
                entries[g.name] = (g.digest, len(g.lines))
                report.skipped.append(g.name)
            else:
                todo.append(g)
        self.write_record(entries, complete=False)
        total = sum(len(g.lines) for g in todo)
        done = 0
        for start in range(0, len(todo), GROUP):
            sent = []
            for g in todo[start:start + GROUP]:
                try:
                    report.batches += self.send(g)
                    sent.append(g)
                except EndpointError as exc:
                    report.failures.append(str(exc))
                done += len(g.lines)
                if self.progress:
                    self.progress("push triples", done, total)
            if sent:
                self._verify(sent, entries, report)
                self.write_record(entries, complete=False)
        report.complete = not report.failures and all(g.name in entries for g in graphs)
        if report.complete:
            self.write_record(entries, complete=True)
        return report

    def _verify(self, sent: list[dataset.NamedGraph], entries: dict, report: PushReport) -> None:
        try:
            held = self.counts([g.name for g in sent])
        except EndpointError as exc:
            report.failures.append(f"counting the triples of {len(sent)} graphs: {exc}")
            return
        for g in sent:
            if held.get(g.name, 0) != len(g.lines):
                report.failures.append(f"<{g.name}>: the store holds {held.get(g.name, 0)} triples, "
                                       f"{len(g.lines)} were sent")
                continue
            entries[g.name] = (g.digest, len(g.lines))
            report.pushed.append(g.name)
            report.triples += len(g.lines)


def push(graph_path: Path, endpoint: str, graph_store: str | None = None, client: Client | None = None,
         batch: int = BATCH, force: bool = False, progress=None) -> PushReport:
    """Read the graph at `graph_path` (a file or an output folder) and push it; see Pusher.push."""
    store = graph_store or guess_graph_store(endpoint, with_auth=client is not None and client.has_credentials)
    if store is None:
        raise EndpointError(f"{endpoint}: cannot tell the store's Graph Store Protocol URL from it: "
                            "name it with --graph-store.")
    if progress:
        progress("read graph", 0, 1)
    graphs = dataset.load(graph_path)
    if progress:
        progress("read graph", 1, 1)
    return Pusher(store, endpoint, client, batch, progress).push(graphs, force=force)

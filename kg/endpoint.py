"""Talking to a SPARQL server over HTTP: the SPARQL 1.1 Protocol for queries, plain requests for the
Graph Store Protocol (`kg push`), with the standard library's urllib (basic and digest authentication).

`kg query --endpoint URL` runs a query file on any endpoint through `RemoteEngine`, which answers like
the local engines of kg/query.py, so the output is the same. A remote server takes no bound variables,
so each parameter is written into the query as an RDF term serialised by rdflib (quotes and line breaks
escaped), token by token: never inside a string, comment or IRI; in a SELECT clause the bound variable
is left out, as its column is from a local answer.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from .query import _TOKEN, Answer, Query, QueryError, QueryRefused, _term, refuse_update

TIMEOUT = 300.0  # seconds for one request: a query over a large store, or a batch of a push
ACCEPT_RESULTS = "application/sparql-results+json"
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, text/plain;q=0.5"
GRAPH_FORMATS = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
                 "application/x-turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}
IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')


class EndpointError(QueryError):
    """A server that cannot be reached, refuses a request or answers something unreadable."""


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


class Client:
    """HTTP to one server, with optional credentials (sent when the server asks: basic or digest)."""

    def __init__(self, user: str | None = None, password: str | None = None, timeout: float = TIMEOUT):
        handlers = []
        if user is not None:
            manager = _Everywhere(user, password or "")
            handlers = [urllib.request.HTTPBasicAuthHandler(manager), urllib.request.HTTPDigestAuthHandler(manager)]
        self.opener = urllib.request.build_opener(*handlers)
        self.timeout = timeout
        self.has_credentials = user is not None

    def request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None,
                missing_ok: bool = False) -> Response:
        """One request; an HTTP error or an unreachable server raises EndpointError in one line (a 404
        answers status 404 when `missing_ok`)."""
        req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                return Response(resp.status, resp.headers.get_content_type(), resp.read())
        except urllib.error.HTTPError as exc:
            if missing_ok and exc.code == 404:
                return Response(404, "", b"")
            detail = _first_line(exc.read())
            raise EndpointError(f"{short(url)}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) \
                from exc
        except ValueError as exc:  # urllib's basic handler, when digest credentials were refused
            raise EndpointError(f"{short(url)}: the server refused the credentials ({exc})") from exc
        except (urllib.error.URLError, socket.timeout, ConnectionError, TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            raise EndpointError(f"{short(url)}: cannot reach the server: {reason}") from exc


class _Everywhere(urllib.request.HTTPPasswordMgr):
    """The one user and password, for whatever realm and URL asks (a client talks to one server)."""

    def __init__(self, user: str, password: str):
        super().__init__()
        self.credentials = (user, password)

    def find_user_password(self, realm, authuri):
        return self.credentials


def _first_line(body: bytes) -> str:
    """The server's explanation, on one line and not too long (HTML pages are not explanations)."""
    text = body.decode("utf-8", "replace")
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text[:300] + ("…" if len(text) > 300 else "")


def short(url: str) -> str:
    """A URL without its query string (which may hold a whole query)."""
    return url.split("?", 1)[0]


# ---- the SPARQL 1.1 Protocol: queries ---------------------------------------------------------------


def bind_text(text: str, bindings: dict) -> str:
    """`text` with each bound variable (?name or $name) replaced by its value as an RDF term, and left
    out of a SELECT clause (outside parentheses) and of GROUP BY. Strings, comments and IRIs are untouched."""
    if not bindings:
        return text
    terms = {name: _n3(_term(value)) for name, value in bindings.items()}
    out, in_projection, depth, in_group, previous = [], False, 0, False, ""
    for m in _TOKEN.finditer(text):
        token, kind = m.group(), m.lastgroup
        if kind == "name" and token.upper() == "BY" and previous == "GROUP":
            in_group = True  # a bound variable is a constant: no group key (a literal there is a syntax error)
        elif kind == "name" and token.upper() in ("ORDER", "HAVING", "LIMIT", "OFFSET", "VALUES") or token == "}":
            in_group = False
        if kind == "name":
            previous = token.upper()
        if kind == "name" and token.upper() == "SELECT":
            in_projection, depth = True, 0
        elif kind == "name" and token.upper() in ("WHERE", "FROM") or token == "{":
            in_projection = False
        elif in_projection and token in "()":
            depth += 1 if token == "(" else -1
        if kind == "name" and token[0] in "?$" and token[1:] in terms:
            # a bound column is dropped from the answer anyway (kg.query.answer); a constant column
            # `(term AS ?name)` would be standard, but Virtuoso 7 then returns no rows under DISTINCT
            token = "" if in_projection and depth == 0 or in_group else terms[token[1:]]
        out.append(token)
    return "".join(out)


def _n3(term) -> str:
    if isinstance(term, URIRef):
        if IRI_FORBIDDEN.search(str(term)):
            raise QueryError(f"{str(term)!r} is not an IRI a query can hold.")
        return f"<{term}>"
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be sent to an endpoint as a parameter.")
    return term.n3()


class RemoteEngine:
    """A SPARQL endpoint reached over HTTP, answering like the local engines (kg/query.py)."""

    name = "endpoint"

    def __init__(self, url: str, client: Client | None = None):
        check_url(url)
        self.url = url
        self.client = client or Client()

    def answer(self, query: Query, bindings: dict) -> Answer:
        text = bind_text(query.text, bindings)
        refuse_update(query)  # a server that takes updates on its query URL (Virtuoso) would run one
        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                   "Accept": f"{ACCEPT_RESULTS}, {ACCEPT_GRAPH}"}
        try:
            resp = self.client.request("POST", self.url, body, headers)
        except EndpointError as exc:
            raise QueryRefused(f"{query.source}: {exc}") from exc
        return parse_answer(resp, f"{query.source} on {self.url}")


def check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise QueryError(f"{url}: not an http(s) URL of a SPARQL endpoint (e.g. http://127.0.0.1:7878/query).")


def parse_answer(resp: Response, where: str) -> Answer:
    """A SPARQL JSON result (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE) as an Answer."""
    if resp.content_type in ("application/sparql-results+json", "application/json"):
        try:
            data = json.loads(resp.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise QueryRefused(f"{where}: the server's answer is not JSON: {exc}") from exc
        if "boolean" in data:
            return Answer("ask", ["ask"], [(Literal(bool(data["boolean"])),)])
        columns = list(data.get("head", {}).get("vars", []))
        rows = [tuple(_json_term(b.get(c)) for c in columns) for b in data.get("results", {}).get("bindings", [])]
        return Answer("select", columns, rows)
    fmt = GRAPH_FORMATS.get(resp.content_type)
    if fmt is None:
        raise QueryRefused(f"{where}: the server answered {resp.content_type or 'no type'}, which kg cannot read.")
    g = rdflib.Graph()
    try:
        g.parse(data=resp.body.decode("utf-8"), format=fmt)
    except Exception as exc:  # rdflib's parsers raise many types
        raise QueryRefused(f"{where}: cannot read the server's graph: {exc}") from exc
    return Answer("graph", ["subject", "predicate", "object"], [tuple(_plain(t) for t in triple) for triple in g])


def _json_term(value: dict | None):
    """A term of the SPARQL JSON results format as an rdflib term (xsd:string literals plain, as the
    local engines give them)."""
    if value is None:
        return None
    kind, text = value.get("type"), value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if "xml:lang" in value:
        return Literal(text, lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype and datatype != str(XSD.string):
        return Literal(text, datatype=URIRef(datatype))
    return Literal(text)


def _plain(term):
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term

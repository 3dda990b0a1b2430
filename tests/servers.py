"""SPARQL servers the tests start and stop themselves, on loopback and a free port: an empty Oxigraph
server (the `oxigraph` binary of the PyPI package), a Virtuoso server (Debian's virtuoso-opensource,
skipped with the reason when it is absent or does not start), and `kg serve` itself."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status == 200
    except OSError:
        return False


def wait_for(url: str, process: subprocess.Popen, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if answers(url):
            return True
        time.sleep(0.2)
    return False


def end(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def oxigraph() -> str:
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip("the oxigraph server binary is not installed (pip install -e '.[test]' installs it)")
    return found


@contextmanager
def oxigraph_server():
    """An empty, writable, in-memory Oxigraph server: yields its base URL."""
    port = free_port()
    process = subprocess.Popen([oxigraph(), "serve", "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(base + "/query?query=ASK%7B%7D", process, 30), "the Oxigraph server did not start"
        yield base
    finally:
        end(process)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {root}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""
VIRTUOSO_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")


@contextmanager
def virtuoso_server(folder: Path):
    """A fresh Virtuoso 7 in `folder` (user dba, password dba): yields its base URL; skips when Debian's
    virtuoso-opensource is not installed or the server does not start within a minute."""
    binary = shutil.which("virtuoso-t")
    if not binary:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource; .ci/run does it)")
    http, sql = free_port(), free_port()
    root = VIRTUOSO_ROOT if VIRTUOSO_ROOT.is_dir() else folder
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http, root=root))
    log = open(folder / "out.log", "wb")
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                               stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    base = f"http://127.0.0.1:{http}"
    try:
        if not wait_for(base + "/sparql?query=ASK%7B%7D", process, 90):
            tail = (folder / "out.log").read_text(errors="replace").strip().splitlines()[-3:]
            pytest.skip("Virtuoso did not start within 90 s: " + " | ".join(tail))
        yield base
    finally:
        end(process)
        log.close()


@contextmanager
def kg_serve(graph: Path, *args: str, port: int | None = None):
    """`python -m kg serve GRAPH --port P` in its own session: yields (process, base URL, first lines)."""
    port = port or free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph), "--port", str(port), "-q", *args],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    lines = []
    try:
        for line in process.stdout:  # the endpoint is printed once the server answers
            lines.append(line)
            if line.startswith("Ctrl-C"):
                break
        assert lines and lines[-1].startswith("Ctrl-C"), process.stderr.read()
        yield process, f"http://127.0.0.1:{port}", lines
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def sparql_json(url: str, query: str) -> dict:
    """A query over the SPARQL 1.1 Protocol with nothing of kg's: urllib and the JSON results format."""
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    req = urllib.request.Request(url, data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read().decode("utf-8"))


def get_graph(store: str, name: str) -> bytes | None:
    """A named graph from a Graph Store Protocol URL as N-Triples (None when the store has no such graph)."""
    url = store + "?" + urllib.parse.urlencode({"graph": name})
    req = urllib.request.Request(url, headers={"Accept": "application/n-triples, text/plain;q=0.5"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise

"""`kg serve`: the built graph behind a SPARQL 1.1 Protocol endpoint, run by the Oxigraph server.

The graph is split into the dataset `kg push` writes (kg/dataset.py: one named graph per article and
the reference graph), loaded by `oxigraph load` into a store in a temporary folder, and served by
`oxigraph serve-read-only` (or `oxigraph serve` when asked to be writable) with the union of the named
graphs as the default graph, so the library's queries answer as `kg query` does. The store is removed
when the server stops; the graph file is never changed. The `oxigraph` PyPI package ships the binary.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from . import dataset

DEFAULT_PORT = 7878
DEFAULT_HOST = "127.0.0.1"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
START_TIMEOUT = 60.0  # seconds for the server to answer its first query


class ServeError(Exception):
    """The server cannot start: no binary, a port taken, a graph that cannot be read."""


class PortTaken(ServeError):
    """Another program listens on the address."""


@dataclass(frozen=True)
class Served:
    """A running server: its process, the folder holding its store, and its URLs."""

    process: subprocess.Popen
    folder: Path
    base: str  # http://host:port
    graphs: int
    triples: int
    writable: bool

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def update_url(self) -> str:
        return self.base + "/update"

    @property
    def store_url(self) -> str:
        return self.base + "/store"


def oxigraph_binary() -> str:
    """The `oxigraph` program: on PATH, or beside this Python (a virtual environment not activated)."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        raise ServeError("the Oxigraph server is not installed: python -m pip install 'oxigraph>=0.5,<0.6' "
                         "(it is a dependency of kg: reinstall with pip install -e .).")
    return found


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def check_port(host: str, port: int) -> None:
    """Raise PortTaken when something already listens on host:port (checked before loading the store)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # as the server binds: connections of an earlier server waiting to close do not hold the port
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except PermissionError as exc:
            raise ServeError(f"{bind_address(host, port)}: not allowed to listen there (ports below 1024 need "
                             "root): choose another with --port.") from exc
        except OSError as exc:
            if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise PortTaken(port_taken(host, port)) from exc
            raise ServeError(f"{bind_address(host, port)}: cannot listen there: {exc.strerror}") from exc


def port_taken(host: str, port: int) -> str:
    return (f"port {port} on {host} is taken (another kg serve or server listens there): choose another "
            "with --port, or stop that program.")


def load_store(graph_path: Path, folder: Path, progress=None) -> tuple[int, int]:
    """Write the dataset of `graph_path` into an Oxigraph store at folder/store: (graphs, triples)."""
    def step(stage, done):
        if progress:
            progress(stage, done, 1)

    step("read graph", 0)
    graphs = dataset.load(graph_path)
    step("read graph", 1)
    step("load store", 0)
    data = folder / "dataset.nq"
    data.write_bytes(dataset.nquads(graphs))
    run = subprocess.run([oxigraph_binary(), "load", "--location", str(folder / "store"), "--file", str(data)],
                         capture_output=True, text=True)
    data.unlink()
    if run.returncode != 0:
        raise ServeError(f"{graph_path}: oxigraph could not load it: {_first_error(run.stderr)}")
    step("load store", 1)
    return len(graphs), sum(len(g.lines) for g in graphs)


def _first_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error")]
    return (errors or lines or ["no message"])[0]


def start(graph_path: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, writable: bool = False,
          progress=None, cors: bool = False) -> Served:
    """Load the graph and start the server; returns once it answers queries. `stop()` it after."""
    check_port(host, port)
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    process = None
    try:
        graphs, triples = load_store(graph_path, folder, progress)
        mode = "serve" if writable else "serve-read-only"
        args = [oxigraph_binary(), mode, "--location", str(folder / "store"), "--bind", bind_address(host, port),
                "--union-default-graph"] + (["--cors"] if cors else [])
        log = open(folder / "server.log", "w+b")
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        shown = f"[{host}]" if ":" in host else host
        served = Served(process, folder, f"http://{shown}:{port}", graphs, triples, writable)
        _wait_ready(served, log, host, port)
        return served
    except BaseException:  # Ctrl-C while loading or starting included: nothing is left running
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _wait_ready(served: Served, log, host: str, port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    probe = served.query_url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            log.seek(0)
            message = log.read().decode("utf-8", "replace")
            if "Address already in use" in message:
                raise PortTaken(port_taken(host, port))
            raise ServeError(f"the Oxigraph server stopped at start: {_first_error(message)}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    stop(served)
    raise ServeError(f"the Oxigraph server did not answer within {START_TIMEOUT:.0f} s at {served.base}.")


def stop(served: Served, grace: float = 10.0) -> None:
    """Stop the server (SIGTERM, then SIGKILL after `grace` seconds) and remove its store."""
    if served.process.poll() is None:
        served.process.terminate()
        try:
            served.process.wait(grace)
        except subprocess.TimeoutExpired:
            served.process.kill()
            served.process.wait()
    shutil.rmtree(served.folder, ignore_errors=True)


def run_until_stopped(served: Served, announce=None) -> int:
    """Call `announce()` (print the URLs), then wait for the server; Ctrl-C or SIGTERM stops it cleanly,
    from the moment it is announced. Returns the server's exit code (0 when it was stopped here)."""
    def on_term(signum, frame):
        raise KeyboardInterrupt

    # SIGINT too: a shell starts background jobs with it ignored, and `kill -INT` should still stop us
    previous = {sig: signal.signal(sig, on_term) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        if announce:
            announce()
        return served.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        stop(served)


def exposed(host: str) -> bool:
    """Whether the address is reachable from other machines."""
    return host not in LOOPBACK and not host.startswith("127.")

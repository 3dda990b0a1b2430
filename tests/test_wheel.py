"""The built wheel installs anywhere: ontology, patterns, name models and queries travel inside it.

Slow (about half a minute): builds the wheel from a copy of the checkout, installs it with no download
into a fresh virtual environment that sees this one's libraries (--system-site-packages, --no-deps), and
runs the installed `kg` from a folder that is not the checkout.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

SOURCE = ["kg", "ontology", "queries", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md"]


def run(cmd, cwd, env):
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{cmd} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv python, venv kg, clean environment): the wheel of this checkout, installed in a fresh venv."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "data", "tools")
    for name in SOURCE:
        path = ROOT / name
        (shutil.copytree(path, src / name, ignore=ignore) if path.is_dir() else shutil.copy2(path, src / name))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_") and k not in ("PYTHONPATH", "PYTHONHOME")}
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp / "dist"),
         str(src)], tmp, env)
    wheel, = (tmp / "dist").glob("tongliao_kg-*.whl")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], tmp, env)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-build-isolation",
         "--ignore-installed", str(wheel)], tmp, env)
    return python, venv / "bin" / "kg", env


def test_the_wheel_carries_the_data_the_tool_reads(installed):
    python, _, env = installed
    out = run([str(python), "-c", "import kg, kg.paths as p; print(kg.__file__); print(p.ONTOLOGY_DIR); "
               "print(p.QUERIES_DIR); print(p.MODEL_DIR)"], python.parent, env).split("\n")
    venv = python.parent.parent
    for line in out[:4]:  # the package and every data folder are the venv's copies, not the checkout's
        assert Path(line).is_relative_to(venv), line
    ontology, queries, models = (Path(x) for x in out[1:4])
    assert {p.name for p in ontology.glob("*.ttl")} >= {"kg.ttl", "chains.ttl", "places.ttl", "shapes.ttl"}
    assert {p.name for p in (ontology / "patterns").glob("*.json")} == {
        p.name for p in (ROOT / "ontology" / "patterns").glob("*.json")}
    assert {p.name for p in models.iterdir()} == {p.name for p in (ROOT / "ontology" / "models").iterdir()}
    assert {p.name for p in queries.glob("*.rq")} == {p.name for p in (ROOT / "queries").glob("*.rq")}


def test_installed_kg_builds_the_seeds_from_any_directory(installed, seed_build, tmp_path):
    _, kg, env = installed
    work = tmp_path / "elsewhere"
    shutil.copytree(SEEDS, work / "seeds")
    run([str(kg), "build", "seeds/", "-q", "--no-views"], work, env)
    _, checkout_out = seed_build
    # the same graph, byte for byte, as the checkout builds: patterns, gazetteer and name models all came along
    assert (work / "output" / "kg.ttl").read_bytes() == (checkout_out / "kg.ttl").read_bytes()
    rows = run([str(kg), "query", "largest-projects", "--format", "csv"], work, env)
    from kg import query as q

    expected = q.run_and_format("largest-projects", checkout_out / "kg.ttl", {}, "csv")
    assert rows == expected + ("" if expected.endswith("\n") else "\n")
    assert len(rows.strip().splitlines()) > 1


def test_installed_kg_serves_the_graph_it_built(installed, tmp_path):
    """`kg serve` of the wheel, from another directory, answers a SELECT over HTTP with the rows `kg query` prints."""
    import json
    import signal
    import urllib.parse
    import urllib.request

    from servers import free_port

    _, kg, env = installed
    work = tmp_path / "elsewhere"
    shutil.copytree(SEEDS, work / "seeds")
    run([str(kg), "build", "seeds/", "-q", "--no-views"], work, env)
    port = free_port()
    process = subprocess.Popen([str(kg), "serve", "--port", str(port), "-q"], cwd=work, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        for line in process.stdout:  # the URLs are printed once the server answers
            if line.startswith("Ctrl-C"):
                break
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://tongliao-kg.org/ns#Project> }"
        url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=20) as resp:
            served = int(json.load(resp)["results"]["bindings"][0]["n"]["value"])
        rq = work / "count.rq"
        rq.write_text(query, encoding="utf-8")
        local = run([str(kg), "query", str(rq), "--format", "csv"], work, env).splitlines()
        assert served > 0 and local[-1].strip().lstrip("\ufeff") == str(served)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(20)

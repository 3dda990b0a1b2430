"""Time every library query (queries/*.rq) on a built graph, after it is loaded (figures, not a test).

    python benchmarks/bench_queries.py --graph output/kg.ttl
    python benchmarks/bench_queries.py --n 1000          # generate 1,000 articles, build them, then time

The graph is loaded once into Oxigraph (what `kg query` and `kg serve` use); each query runs `--runs` times and the
median wall time is printed with its row count. Queries that take a parameter get one from the graph itself: the
first article, the company with most projects, the largest project, two characters of that project's name. The
goal of the scale issue is under a second for every query at 1,000 generated articles.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg import paths, query  # noqa: E402

PARAMETERS = """
PREFIX tkg: <https://tongliao-kg.org/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?what ?value WHERE {
  { SELECT ("doc" AS ?what) (MIN(STR(?f)) AS ?value) WHERE { ?d a tkg:SourceDocument ; tkg:fileName ?f } }
  UNION
  { SELECT ("company" AS ?what) ?value WHERE {
      ?p tkg:developer ?c . ?c skos:prefLabel ?value } GROUP BY ?value ORDER BY DESC(COUNT(?p)) ?value LIMIT 1 }
  UNION
  { SELECT ("name" AS ?what) ?value WHERE {
      ?p a tkg:Project ; tkg:totalInvestment ?m ; skos:prefLabel ?value } ORDER BY DESC(?m) ?value LIMIT 1 }
}
"""


def parameters(engine) -> dict[str, str]:
    found = {str(r[0]): str(r[1]) for r in query.run(PARAMETERS, engine)[1] if r[1] is not None}
    name = found.get("name", "项目")
    return {"doc": found.get("doc", ".txt"), "company": found.get("company", "公司"), "name": name,
            "text": name[:2]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", type=Path, help="a built kg.ttl")
    ap.add_argument("--n", type=int, default=1000, help="without --graph: generate and build this many articles")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    graph = args.graph
    if graph is None:
        work = Path(tempfile.mkdtemp(prefix="kg-bench-queries-"))
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(args.n), str(work / "in")],
                       check=True)
        subprocess.run([sys.executable, "-m", "kg", "build", str(work / "in"), "-o", str(work / "out"), "-q",
                        "--no-views"], check=False, cwd=ROOT)
        graph = work / "out" / "kg.ttl"
    started = time.perf_counter()
    engine = query.open_engine(graph)
    print(f"{graph}: loaded in {time.perf_counter() - started:.1f} s")
    bindings = parameters(engine)
    print("parameters: " + ", ".join(f"?{k} = {v}" for k, v in bindings.items()))
    print(f"{'query':34s} {'rows':>8s} {'median s':>9s}")
    slowest = 0.0
    for name in query.available(paths.QUERIES_DIR):
        q = query.load_query(paths.QUERIES_DIR / f"{name}.rq")
        wanted = {k: v for k, v in bindings.items() if k in q.parameters}
        times, rows = [], 0
        for _ in range(args.runs):
            t = time.perf_counter()
            rows = len(query.run(q, engine, wanted)[1])
            times.append(time.perf_counter() - t)
        median = statistics.median(times)
        slowest = max(slowest, median)
        print(f"{name:34s} {rows:8d} {median:9.3f}")
    print(f"slowest query: {slowest:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

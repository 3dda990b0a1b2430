"""Time `kg build` on the seeds and on a corpus ~200x larger; print figures (not a test).

    python benchmarks/bench_build.py            # seeds, then 200x (1,000 documents)
    python benchmarks/bench_build.py --scale 20 # a quicker run

The large corpus is the seed articles repeated and shuffled (fixed random seed), each copy under its
own file name, written to benchmarks/corpus/ (ignored by git). Prints per-stage seconds (the stages of
`kg build`, validation and views included), documents/s, MB/s and peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import clean, corpus, graph, lexicon, pipeline, resolve, views  # noqa: E402


def make_corpus(scale: int, dest: Path) -> list[Path]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    copies = [(i, s) for i in range(scale) for s in seeds]
    random.Random(42).shuffle(copies)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for n, (i, s) in enumerate(copies):
        (dest / f"{n:05d}_{i:03d}_{s.name}").write_bytes(s.read_bytes())
    return sorted(dest.iterdir())


def timed_build(paths: list[Path], out: Path) -> dict:
    t = {}
    start = time.perf_counter()
    lex = lexicon.load()
    t["lexicon"] = time.perf_counter() - start

    s = time.perf_counter()
    sources, problems = corpus.read_sources(paths)
    documents = [clean.clean_source(x) for x in sources]
    t["corpus+clean"] = time.perf_counter() - s

    s = time.perf_counter()
    results = pipeline.extract(documents, lex)
    t["nlp+relate"] = time.perf_counter() - s

    s = time.perf_counter()
    kb = resolve.resolve(results, lex)
    t["resolve"] = time.perf_counter() - s

    s = time.perf_counter()
    g = graph.to_graph(kb, lex)
    t["graph"] = time.perf_counter() - s

    s = time.perf_counter()
    t["violations"] = len(graph.validate(g))
    t["validate"] = time.perf_counter() - s

    s = time.perf_counter()
    graph.write(g, out / "kg.ttl", "ttl")
    t["write"] = time.perf_counter() - s

    s = time.perf_counter()
    views.write_views(g, out / "views")
    t["views"] = time.perf_counter() - s

    t["total"] = time.perf_counter() - start
    t["documents"] = len(documents)
    t["megabytes"] = sum(len(d.original.encode("utf-8")) for d in documents) / 1e6
    t["triples"] = len(g)
    return t


def report(name: str, t: dict) -> None:
    print(f"\n{name}: {t['documents']} documents, {t['megabytes']:.2f} MB, {t['triples']} triples, "
          f"{t['violations']} violations")
    for stage in ("lexicon", "corpus+clean", "nlp+relate", "resolve", "graph", "validate", "write", "views", "total"):
        print(f"  {stage:<14}{t[stage]:8.2f} s")
    print(f"  {t['documents'] / t['total']:.1f} documents/s, {t['megabytes'] / t['total']:.3f} MB/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory so far: {peak:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=200, help="copies of each seed article (default 200)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report("seeds", timed_build([ROOT / "seeds"], Path(tmp)))
        big = make_corpus(args.scale, ROOT / "benchmarks" / "corpus")
        report(f"seeds x{args.scale}", timed_build(big, Path(tmp)))


if __name__ == "__main__":
    main()

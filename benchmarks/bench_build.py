"""Time `kg build` on the seeds and on a corpus of generated articles; print figures (not a test).

    python benchmarks/bench_build.py            # seeds, then 1,000 generated articles
    python benchmarks/bench_build.py --n 100    # a quicker run

The large corpus is made by benchmarks/generate.py from the real articles (distinct articles with their
own companies, projects, places and figures; fixed seed), written to benchmarks/corpus/ (ignored by git).
It used to be the seed articles copied 200 times, which now fold into 5 documents (kg.reposts). Prints
per-stage wall and CPU seconds (the stages of `kg build`, validation and views included; no extraction
cache), documents/s, MB/s and peak memory.
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "benchmarks"))

from kg import corpus, graph, lexicon, pipeline, reposts, resolve, views  # noqa: E402
from generate import write_corpus  # noqa: E402


class Stopwatch:
    """Wall and CPU seconds per stage: on a shared machine the CPU figure is the steadier one."""

    def __init__(self):
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(self, name: str):
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.wall[name] = time.perf_counter() - wall
        self.cpu[name] = time.process_time() - cpu


def timed_build(paths: list[Path], out: Path) -> dict:
    """The stages of `kg build` (kg.pipeline.build), one by one, timed."""
    clock = Stopwatch()
    with clock.stage("lexicon"):
        lex = lexicon.load()
    with clock.stage("corpus"):
        sources, _ = corpus.read_sources(paths)
    with clock.stage("reposts"):
        sources = reposts.fold(sources).sources
    with clock.stage("clean+nlp+relate"):  # per document, on every core (kg.extract)
        results = pipeline.extract(sources, lex)
    with clock.stage("resolve"):
        kb = resolve.resolve(results, lex)
    with clock.stage("graph"):
        g = graph.to_graph(kb, lex)
    with clock.stage("write"):
        written = graph.write(g, out / "kg.ttl", "ttl")
    with clock.stage("validate"):
        violations = graph.validate(g, engine=written)
    with clock.stage("views"):
        views.write_views(g, out / "views")
    return {"wall": clock.wall, "cpu": clock.cpu, "violations": len(violations), "documents": len(sources),
            "megabytes": sum(len(d.original.encode("utf-8")) for d in sources) / 1e6, "triples": len(g)}


def report(name: str, t: dict) -> None:
    wall_total, cpu_total = sum(t["wall"].values()), sum(t["cpu"].values())
    print(f"\n{name}: {t['documents']} documents, {t['megabytes']:.2f} MB, {t['triples']} triples, "
          f"{t['violations']} violations")
    print(f"  {'stage':<18}{'wall s':>8}{'cpu s':>8}")
    for stage in t["wall"]:
        print(f"  {stage:<18}{t['wall'][stage]:8.2f}{t['cpu'][stage]:8.2f}")
    print(f"  {'total':<18}{wall_total:8.2f}{cpu_total:8.2f}")
    print(f"  {t['documents'] / wall_total:.1f} documents/s, {t['megabytes'] / wall_total:.3f} MB/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory so far: {peak:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="generated articles (default 1,000)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report("seeds", timed_build([ROOT / "seeds"], Path(tmp)))
        big = write_corpus(args.n, ROOT / "benchmarks" / "corpus")
        report(f"{args.n} generated articles", timed_build(big, Path(tmp)))


if __name__ == "__main__":
    main()

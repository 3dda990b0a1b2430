"""Time a full build of N generated articles, then the same build with one article more; print figures.

    python benchmarks/bench_incremental.py            # N = 1,000
    python benchmarks/bench_incremental.py --n 200    # quicker

The articles come from benchmarks/generate.py (distinct: none folds into another). The first build starts
from an empty output folder and cache; the second adds one article and reuses both, as `kg build` does on a
growing corpus. Prints each build's wall seconds per stage, how many articles it extracted and read from the
cache, and the time ratio. A third build with the cache switched off gives the cold baseline of N+1.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kg import pipeline  # noqa: E402
from generate import write_corpus  # noqa: E402


class Stages:
    """Wall seconds per stage, from the build's progress callback: the time up to each report is the stage's
    that reports (the time before a stage starts, reading the articles for one, is "other")."""

    def __init__(self):
        self.last = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        name = stage if done else "other"
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self.last
        self.last = now

    def line(self) -> str:
        return ", ".join(f"{s} {v:.1f}" for s, v in self.seconds.items())


def timed(paths: list[Path], out: Path, cache) -> tuple[float, pipeline.BuildReport, Stages]:
    stages = Stages()
    start = time.perf_counter()
    report = pipeline.build(paths, out, progress=stages, cache_dir=cache)
    return time.perf_counter() - start, report, stages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="articles in the first build (default 1,000)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        made = write_corpus(args.n + 1, tmp / "all")
        corpus = tmp / "corpus"
        corpus.mkdir()
        for p in made[:-1]:
            shutil.copy(p, corpus / p.name)
        out = tmp / "out"
        full, r1, s1 = timed([corpus], out, True)
        print(f"full build, {args.n} articles: {full:.1f} s ({r1.documents} documents, {r1.extracted} extracted, "
              f"{r1.cached} cached, {r1.reposts} reposts folded; {sum(r1.counts.values())} entities)")
        print(f"  stages: {s1.line()}")
        shutil.copy(made[-1], corpus / made[-1].name)
        plus, r2, s2 = timed([corpus], out, True)
        print(f"the same + 1 article: {plus:.1f} s ({r2.documents} documents, {r2.extracted} extracted, "
              f"{r2.cached} cached)")
        print(f"  stages: {s2.line()}")
        cold, r3, s3 = timed([corpus], tmp / "cold", False)
        print(f"cold build of the {args.n + 1} articles, no cache: {cold:.1f} s")
        print(f"  stages: {s3.line()}")
        same = all((out / n).read_bytes() == (tmp / "cold" / n).read_bytes() for n in ("kg.ttl", "resolution.json"))
        print(f"ratio (+1 article, warm) / (full build, cold): {plus / full:.3f}; "
              f"vs the cold build of the same {args.n + 1}: {plus / cold:.3f}; outputs identical: {same}")


if __name__ == "__main__":
    main()

"""How build cost grows with the corpus: `kg build` of 1,000, 2,000, 5,000 and 10,000 generated articles, each in
its own process (so peak memory is that build's), no extraction cache; prints wall seconds, seconds per 1,000
articles, MB/s, triples and peak memory (figures, not a test).

    python benchmarks/bench_scale.py                  # 1000 2000 5000 10000
    python benchmarks/bench_scale.py --sizes 500 1000 # a quicker run

The corpora are made by benchmarks/generate.py (fixed seed; written to benchmarks/corpus-N/, ignored by git).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import pyoxigraph  # noqa: E402
from generate import write_corpus  # noqa: E402


def peak_and_wall(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of a child process, read from GNU time's report."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: an input was skipped or validation failed; still a build
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    args = ap.parse_args()
    print(f"{'articles':>9} {'MB':>6} {'wall s':>8} {'s/1k':>6} {'MB/s':>6} {'triples':>10} {'peak MB':>8}")
    for n in args.sizes:
        folder = ROOT / "benchmarks" / f"corpus-{n}"
        if not folder.exists() or len(list(folder.glob("*.txt"))) != n:
            write_corpus(n, folder)
        mb = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
        with tempfile.TemporaryDirectory() as out:
            wall, peak = peak_and_wall([sys.executable, "-m", "kg", "build", str(folder), "-o", out, "-q",
                                        "--no-cache"])
            triples = sum(1 for _ in pyoxigraph.parse(path=str(Path(out) / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
        print(f"{n:>9} {mb:>6.1f} {wall:>8.1f} {wall / n * 1000:>6.1f} {mb / wall:>6.3f} {triples:>10} {peak:>8.0f}",
              flush=True)


if __name__ == "__main__":
    main()

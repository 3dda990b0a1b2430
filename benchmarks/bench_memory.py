"""Peak memory of `kg build` against a baseline commit, side by side in one run (figures, not a test).

Each build runs in its own process (`--no-cache`, so every article is extracted), the baseline's from a
temporary git worktree of `--baseline` (default: main), the two alternating per corpus size so that both
see the same machine load. Prints peak resident MB (GNU time's %M: the largest process, the build's
parent, not its extraction workers), wall seconds, triples, and the ratios new / baseline; then checks
that both builds wrote the same bytes in every output file.

    python benchmarks/bench_memory.py                       # 1,000 generated articles vs main
    python benchmarks/bench_memory.py --sizes 1000 2000 --baseline b9333f4
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import pyoxigraph  # noqa: E402
from generate import write_corpus  # noqa: E402


def peak_and_wall_in(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of `cmd` run in `cwd` (the baseline's worktree or this checkout),
    from GNU time's report, as bench_scale.py measures it."""
    import time

    begun = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - begun
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{done.stderr[-2000:]}")
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024


def same_outputs(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only (relative paths); empty when every byte is equal."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = sorted(str(p) for p in files_a ^ files_b)
    differ += sorted(str(p) for p in files_a & files_b if not filecmp.cmp(a / p, b / p, shallow=False))
    return differ


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--baseline", default="main", help="git commit or branch to compare with (default: main)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), args.baseline], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            print(f"{'articles':>9} {'triples':>9} {'base MB':>8} {'new MB':>7} {'ratio':>6} {'base s':>7} "
                  f"{'new s':>6} {'ratio':>6}  outputs")
            for n in args.sizes:
                corpus = ROOT / "benchmarks" / f"corpus-{n}"
                if not corpus.exists() or len(list(corpus.glob("*.txt"))) != n:
                    write_corpus(n, corpus)
                out_base, out_new = Path(tmp) / f"base-{n}", Path(tmp) / f"new-{n}"
                base_wall, base_peak = peak_and_wall_in(
                    [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out_base), "-q", "--no-cache"], base)
                new_wall, new_peak = peak_and_wall_in(
                    [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out_new), "-q", "--no-cache"], ROOT)
                triples = sum(1 for _ in pyoxigraph.parse(path=str(out_new / "kg.ttl"),
                                                          format=pyoxigraph.RdfFormat.TURTLE))
                differ = same_outputs(out_base, out_new)
                print(f"{n:>9} {triples:>9} {base_peak:>8.0f} {new_peak:>7.0f} {new_peak / base_peak:>6.2f} "
                      f"{base_wall:>7.1f} {new_wall:>6.1f} {new_wall / base_wall:>6.2f}  "
                      + ("identical" if not differ else f"DIFFER: {', '.join(differ[:5])}"), flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)


if __name__ == "__main__":
    main()

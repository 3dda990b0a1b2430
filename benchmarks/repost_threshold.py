"""Measure the repost threshold of kg.reposts on real articles; print figures (not a test).

    python benchmarks/repost_threshold.py            # tests/data/real/*/texts, reposts with 5 words changed
    python benchmarks/repost_threshold.py --edits 3 5 10 20

Prints the most similar pairs of distinct real articles (Jaccard of character 5-grams: they must stay
apart), and for reposts made of each article (another site's header and footer, N characters changed) the
lowest similarity to their original (they must fold), with the threshold between them.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kg import corpus, reposts  # noqa: E402
from reposting import repost  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edits", type=int, nargs="+", default=[3, 5, 10, 20])
    args = ap.parse_args()
    sources, _ = corpus.read_sources(sorted((ROOT / "tests" / "data" / "real").glob("*/texts")))
    sets = [reposts.shingles(reposts.normalise(s.simplified)) for s in sources]
    pairs = sorted(((reposts.jaccard(sets[i], sets[j]), sources[i].meta.doc_id, sources[j].meta.doc_id)
                    for i, j in itertools.combinations(range(len(sets)), 2)), reverse=True)
    print(f"{len(sources)} real articles, {len(pairs)} pairs; threshold {reposts.THRESHOLD}")
    print("most similar distinct articles: " + ", ".join(f"{a}~{b} {s:.3f}" for s, a, b in pairs[:5]))
    for edits in args.edits:
        rng = random.Random(edits)
        sims = sorted((reposts.jaccard(sets[i], reposts.shingles(reposts.normalise(repost(s.simplified, rng, edits)))),
                       len(reposts.normalise(s.simplified))) for i, s in enumerate(sources))
        below = sum(1 for s, _ in sims if s < reposts.THRESHOLD)
        print(f"reposts, {edits:2d} characters changed: lowest {sims[0][0]:.3f} ({sims[0][1]} characters), "
              f"median {sims[len(sims) // 2][0]:.3f}; {below} of {len(sims)} below the threshold")


if __name__ == "__main__":
    main()

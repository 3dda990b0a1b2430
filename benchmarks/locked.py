"""Score the locked real sets once: aggregate figures only, never their misses.

    python benchmarks/locked.py [--rules-only] [--out benchmarks/results/locked.json]

The locked sets (tests/data/real/locked-*) are never trained on and their misses are never read: they are the
honest yardstick of a session's work. Run this once a session, at the end, and put the figures in the README.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import evaluate, graph, pipeline  # noqa: E402
from kg.learn.corpora import real_corpora  # noqa: E402
from kg.learn.crossval import ROWS, add_counts, summary  # noqa: E402
from kg.paths import MODEL_DIR  # noqa: E402



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "locked.json")
    args = ap.parse_args()
    total, per_set = {}, {}
    for c in [c for c in real_corpora() if c.locked]:
        kb, _, lex = pipeline.build_kb([c.texts], model_dir=None if args.rules_only else MODEL_DIR)
        result = evaluate.evaluate(graph.to_graph(kb, lex), c.gold)
        add_counts(total, result)
        n = len(list(c.texts.glob("*.txt")))
        total["articles"] = total.get("articles", 0) + n
        one = {}
        add_counts(one, result)
        per_set[c.name] = summary({**one, "articles": n})
    result = {"mode": "rules only" if args.rules_only else "rules + model", "all": summary(total), "per_set": per_set}
    print(f"locked sets ({result['all']['articles']} articles), {result['mode']}:")
    for row in ROWS:
        v = result["all"].get(row)
        print(f"  {row:22} {'n/a' if v is None else v}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

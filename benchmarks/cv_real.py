"""Cross-validation of the learned name layer over every non-locked real article (kg.learn.crossval).

    python benchmarks/cv_real.py [--k 5] [--out benchmarks/results/cv-real.json]

Prints rules-only and rules+model figures side by side (counts summed over folds, as one `kg eval` over all
real articles) and per real set. Takes a few minutes on 2 cores: k trainings and 2k builds.
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.learn.crossval import ROWS, cross_validate  # noqa: E402



def parse_thresholds(text: str) -> dict[str, float]:
    """"0.8,0.8,0.05" (fix, add, drop) or "brand=0.5,add=0.8"."""
    if "=" in text:
        return {k.strip(): float(v) for k, v in (item.split("=") for item in text.split(","))}
    return dict(zip(("fix", "add", "drop"), map(float, text.split(","))))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "cv-real.json")
    ap.add_argument("--sets", nargs="*", help="only these real sets")
    ap.add_argument("--misses", type=Path, help="also write every held-out build's misses into this file")
    ap.add_argument("--no-invented", action="store_true", help="train on real articles only")
    ap.add_argument("--thresholds", help="the name layer's thresholds: fix,add,drop or name=value,… "
                    "(fix, extend, add, drop; kind.name for one kind, e.g. companies.add; attach_add, attach_drop; "
                    "defaults: kg.nlp.names, kg.learn.attacher)")
    ap.add_argument("--work", type=Path, help="keep the fold models here (default: a temporary folder)")
    ap.add_argument("--no-attach", action="store_true", help="without the attachment model (kg.learn.attacher)")
    ap.add_argument("--reuse", action="store_true", help="use fold models already in --work (no training)")
    ap.add_argument("--no-rules", action="store_true", help="do not score rules only")
    args = ap.parse_args()
    started = time.perf_counter()
    result = cross_validate(args.k, sets=args.sets, progress=lambda m: print(m, file=sys.stderr, flush=True),
                            misses=bool(args.misses), invented=not args.no_invented, work=args.work,
                            reuse=args.reuse, rules=not args.no_rules, attach=not args.no_attach,
                            thresholds=parse_thresholds(args.thresholds)
                            if args.thresholds else None)
    if args.misses:
        reports = result.pop("misses")
        args.misses.write_text("\n\n".join(f"## {mode}\n" + "\n\n".join(r) for mode, r in reports.items()) + "\n",
                               encoding="utf-8")
    print(f"{args.k}-fold cross-validation over {result['articles']} real articles "
          f"({time.perf_counter() - started:.0f} s)")
    print(f"{'metric':22} {'rules only':>10} {'rules+model':>12}")
    for row in ROWS:
        a, b = (result["rules"] or {}).get(row), result["model"].get(row)
        print(f"{row:22} {fmt(a):>10} {fmt(b):>12}")
    print("\nper set (rules only -> rules+model): projects, companies, parks, figures, county, companies agr.")
    for name, modes in result["per_set"].items():
        cells = [f"{fmt(modes.get('rules', {}).get(m))}->{fmt(modes['model'][m])}" for m in
                 ("projects_f1", "companies_f1", "parks_f1", "figures_f1", "county_agreement", "companies_agreement")]
        print(f"  {name:10} " + "  ".join(cells))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def fmt(v) -> str:
    if v is None:
        return "n/a"
    return str(v) if isinstance(v, int) else f"{v:.3f}"


if __name__ == "__main__":
    main()

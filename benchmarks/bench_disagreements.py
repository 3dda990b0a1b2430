"""Time `kg query disagreements` as the sources of each entity grow; print figures (not a test).

    python benchmarks/bench_disagreements.py                 # 10, 25, 50 and 100 copies
    python benchmarks/bench_disagreements.py --copies 5 10   # others
    python benchmarks/bench_disagreements.py --baseline 10   # the old pairwise query too, up to 10 copies

The seed articles are extracted once; each extraction result is then repeated N times under new document
ids (as N reposts from different sites, never folded) and resolved into one graph, so that every entity
has N times the sources and every disagreement N*N rows. Prints the graph's triples, the rows and the query
time in Oxigraph; the baseline (benchmarks/disagreements_pairwise.rq, the query before it compared values
first) is run on the smaller graphs, and its rows must be the same.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import corpus, graph, lexicon, query, resolve  # noqa: E402
from kg.extract import extract  # noqa: E402

BASELINE = Path(__file__).resolve().parent / "disagreements_pairwise.rq"


def repeated(results, n: int) -> list:
    """`results` n times, each copy under its own document id."""
    out = []
    for i in range(n):
        for r in results:
            doc_id = f"{r.meta.doc_id}-{i:03d}"

            def moved(x):
                return dataclasses.replace(x, evidence=dataclasses.replace(x.evidence, doc_id=doc_id))

            entities = [dataclasses.replace(e, evidence=[dataclasses.replace(v, doc_id=doc_id) for v in e.evidence])
                        for e in r.entities]
            out.append(dataclasses.replace(r, meta=dataclasses.replace(r.meta, doc_id=doc_id, path=doc_id + ".txt"),
                                           entities=entities, facts=[moved(f) for f in r.facts],
                                           aggregates=[moved(a) for a in r.aggregates]))
    return out


def timed(q, engine) -> tuple[float, list]:
    start = time.perf_counter()
    _, rows = query.run(q, engine)
    return time.perf_counter() - start, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, nargs="+", default=[10, 25, 50, 100])
    ap.add_argument("--baseline", type=int, default=5, help="run the pairwise query up to this many copies")
    args = ap.parse_args()
    lex = lexicon.load()
    sources, _ = corpus.read_sources([ROOT / "seeds"])
    results = extract(sources, lex, jobs=1)
    old = query.parse_query(BASELINE.read_text(encoding="utf-8"), "pairwise", str(BASELINE))
    print(f"{'copies':>6}{'documents':>10}{'triples':>9}{'statements':>11}{'rows':>8}{'query s':>9}"
          f"{'us/row':>8}{'pairwise s':>11}")
    for n in args.copies:
        kb = resolve.resolve(repeated(results, n), lex)
        engine = query.open_engine(graph.to_graph(kb, lex), "oxigraph")
        seconds, rows = timed("disagreements", engine)
        line = (f"{n:6d}{len(kb.documents):10d}{len(engine.store):9d}{len(kb.statements):11d}{len(rows):8d}"
                f"{seconds:9.2f}{seconds * 1e6 / max(1, len(rows)):8.0f}")
        if n <= args.baseline:
            old_seconds, old_rows = timed(old, engine)
            same = sorted(map(str, old_rows)) == sorted(map(str, rows))
            line += f"{old_seconds:11.2f}" + ("" if same else "  ROWS DIFFER")
        print(line, flush=True)


if __name__ == "__main__":
    main()

"""Cross-validation over real articles: the honest figure for the learned layer.

Articles of every non-locked real set are dealt into k folds by a hash of their set and file name (stable
as articles are added). For each fold the models are trained on the other folds' real articles plus the
invented sets, and the fold's articles are built (each real set on its own, since a gold file is one
corpus) and scored against the gold restricted to those articles. Counts are summed over folds, so the
result reads like one `kg eval` over every real article. The same builds run rules-only for comparison.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from .. import evaluate, graph, lexicon, pipeline
from . import attach_train, attacher
from . import train as tr
from .corpora import Corpus, invented_corpora, real_corpora

ENTITY_KINDS = evaluate.KINDS
ATTACH_OFF = {"attach_add": 2.0, "attach_drop": 0.0}  # an attachment model that changes nothing
# the figures a summary reports, in the order the benchmarks print them
ROWS = ("projects_f1", "companies_f1", "parks_f1", "figures_f1", "county_agreement", "companies_agreement",
        "chains_agreement", "projects_exact_f1", "companies_exact_f1", "parks_exact_f1", "capacity_f1",
        "output_value_f1", "tax_f1", "jobs_f1", "status_f1", "developers_f1", "split", "merged")


def fold_of(corpus: str, file: str, k: int) -> int:
    return int(hashlib.sha1(f"{corpus}/{file}".encode()).hexdigest(), 16) % k


def score_subset(c: Corpus, files: list[str], model_dir: Path | None, lex, thresholds: dict | None = None) -> dict:
    """Build `files` of corpus `c` alone and score them against its gold restricted to them."""
    with tempfile.TemporaryDirectory(prefix="kg-cv-") as tmp:
        folder = Path(tmp)
        for name in files:
            shutil.copy(c.texts / name, folder / name)
        listing = c.texts / "sources.jsonl"
        if listing.is_file():
            shutil.copy(listing, folder / "sources.jsonl")
        kb, _, _ = pipeline.build_kb([folder], model_dir=model_dir, thresholds=thresholds)
        g = graph.to_graph(kb, lex)
        return evaluate.evaluate(g, c.gold, docs=set(files))


def add_counts(total: dict, result: dict) -> None:
    """Sum the counts of one evaluation into `total` (tp/fp/fn, agree/total, split/merged)."""
    for kind in ENTITY_KINDS:
        _add(total.setdefault("entities", {}).setdefault(kind, {}), result["entities"][kind])
        _add(total.setdefault("exact", {}).setdefault(kind, {}), result["exact"][kind])
    _add(total.setdefault("figures", {}), result["figures"])
    for attr, v in result["attributes"].items():
        _add(total.setdefault("attributes", {}).setdefault(attr, {}), v)
    for metric, v in result["facts"].items():
        if v is not None:
            _add(total.setdefault("facts", {}).setdefault(metric, {}), v)
    for key in ("split", "merged"):
        total[key] = total.get(key, 0) + len(result["resolution"][key])


def _add(into: dict, counts: dict) -> None:
    for key in ("tp", "fp", "fn", "agree", "total"):
        if key in counts:
            into[key] = into.get(key, 0) + counts[key]


def summary(total: dict) -> dict:
    """F1 and shares from summed counts: {metric: value}."""
    out = {}
    for kind in ENTITY_KINDS:
        out[f"{kind}_f1"] = _f1(total["entities"][kind])
        out[f"{kind}_exact_f1"] = _f1(total["exact"][kind])
    out["figures_f1"] = _f1(total["figures"])
    for attr, v in total["attributes"].items():
        out[f"{attr}_agreement"] = round(v["agree"] / v["total"], 4) if v.get("total") else None
    for metric, v in total.get("facts", {}).items():
        out[f"{metric}_f1"] = _f1(v)
    out["split"], out["merged"], out["articles"] = total["split"], total["merged"], total.get("articles", 0)
    return out


def _f1(c: dict) -> float:
    tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
    p = tp / (tp + fp) if tp + fp else float(fn == 0)
    r = tp / (tp + fn) if tp + fn else float(fp == 0)
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def cross_validate(k: int = 5, work: Path | None = None, params: dict | None = None,
                   progress: Callable[[str], None] = print, sets: list[str] | None = None,
                   misses: bool = False, invented: bool = True, thresholds: dict | None = None,
                   reuse: bool = False, rules: bool = True, attach: bool = True) -> dict:
    """{"rules": summary, "model": summary, "per_set": {...}} over every non-locked real article.

    `misses` adds every held-out build's report of misses (as `kg eval --misses` lists them) under "misses".
    `invented`: train on the invented sets too; `thresholds`: the name layer's (kg.nlp.names). `reuse`: keep
    fold models found in `work` (trained by an earlier run with the same folds and data); `rules`: also score
    rules only; `attach`: train and apply the attachment model too (kg.learn.attacher).
    """
    lex = lexicon.load()
    real = [c for c in real_corpora() if not c.locked and (sets is None or c.name in sets)]
    work = Path(work or tempfile.mkdtemp(prefix="kg-cv-models-"))
    progress(f"reading {len(real)} real sets and the invented sets")
    all_examples = tr.examples(real + invented_corpora(), lex)  # (read even when reused: the folds need them)
    invented = [ex for ex in all_examples if ex.corpus not in {c.name for c in real}] if invented else []
    corpora = real + invented_corpora()
    totals = {"rules": {}, "model": {}}
    reports: dict[str, list] = {"rules": [], "model": []}
    per_set: dict[str, dict] = {}
    n_articles = 0
    for fold in range(k):
        held = [ex for ex in all_examples if ex.corpus in {c.name for c in real}
                and fold_of(ex.corpus, ex.file, k) == fold]
        if not held:
            continue
        train = [ex for ex in all_examples if ex not in held and ex.corpus in {c.name for c in real}] + invented
        model_dir = work / f"fold-{fold}"
        if not (reuse and (model_dir / "names.json").is_file()):
            tr.fit(train, model_dir, params)
        if attach and not (reuse and attacher.Attacher.available(model_dir)):
            items = [(c, sorted(ex.file for ex in train if ex.corpus == c.name)) for c in corpora]
            attach_train.fit(attach_train.examples([it for it in items if it[1]], model_dir, lex), model_dir)
        progress(f"fold {fold + 1}/{k}: trained on {len(train)} articles, scoring {len(held)}")
        for c in real:
            files = sorted(ex.file for ex in held if ex.corpus == c.name)
            if not files:
                continue
            n_articles += len(files)
            for mode, models in ((("rules", None),) if rules else ()) + (("model", model_dir),):
                result = score_subset(c, files, models, lex, {**(thresholds or {}), **({} if attach else ATTACH_OFF)}
                                      if models else None)
                if misses:
                    reports[mode].append(evaluate.format_report(
                        {**result, "gold": f"{c.name} fold {fold + 1}: {', '.join(files)}"}, misses=True))
                add_counts(totals[mode], result)
                add_counts(per_set.setdefault(c.name, {}).setdefault(mode, {}), result)
    for t in totals.values():
        t["articles"] = n_articles
    return {"k": k, "articles": n_articles, **({"misses": reports} if misses else {}),
            "rules": summary(totals["rules"]) if rules else None, "model": summary(totals["model"]),
            "per_set": {name: {mode: summary(v) for mode, v in modes.items()}
                        for name, modes in sorted(per_set.items())}}

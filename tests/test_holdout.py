"""Accuracy on the holdout sets: articles written after the extractor was tuned, scored on their gold.

- tests/data/holdout/ (8 articles: 3 Tongliao, 5 other provinces; traditional script, PDF damage, an HTML
  page). Annotated before the extractor first ran on it; first measurement: projects 0.870, companies 0.831,
  parks 0.941, figures 0.929, county 0.596, companies agreement 0.723, chains 0.867, 5 split.
- tests/data/holdout2/ (10 articles: 4 Tongliao, 6 other provinces; traditional script, PDF damage, HTML,
  GB18030). Written by another engineer who did not read the extractor; first measurement: projects 0.822
  (precision 0.713), companies 0.882, parks 0.783, figures 0.928, county 0.657, companies agreement 0.806,
  chains 0.897, 10 split, 1 merged.
- tests/data/holdout3/ (8 articles: 3 Tongliao, 5 other provinces; a project list pasted as a table, a press
  conference, a work report, an investment promotion, traditional script, PDF damage, HTML, GB18030). First
  measurement: projects 0.862 (precision 0.779), companies 0.917, parks 0.842, figures 0.788, county 0.924,
  companies agreement 0.755, chains 0.852, 0 split, 0 merged.
- tests/data/holdout4/ (8 articles: 3 Tongliao, 5 other provinces; a 环评公示 notice, a PDF table with one cell per
  line, a year-end review, 以下简称 short names, a provincial round-up). First measurement: projects 0.857,
  companies 0.952, parks 0.600, figures 0.920, county 0.700, companies agreement 0.733, chains 0.833, 2 split.

Each first measurement is what unseen wording scored; a round of general rules then worked from the misses,
so none of the sets is unseen any more: the floors guard those gains against regressions.
"""

import json
from pathlib import Path

import pytest

from conftest import build_once
from kg.evaluate import evaluate, format_report

DATA = Path(__file__).resolve().parent / "data"
SETS = {"holdout": 8, "holdout2": 10, "holdout3": 8, "holdout4": 8}  # folder -> number of articles

# set -> metric -> floor (F1, agreement) or ceiling (split, merged counts), a little under the last measurement
BARS = {
    "holdout": {
        # measured: projects 1.0, companies 0.970, parks 1.0, figures 0.970, county 0.962, companies 0.942,
        # chains 1.0, 1 split, 0 merged
        "projects_f1": 0.90, "companies_f1": 0.90, "parks_f1": 0.90, "figures_f1": 0.90,
        "county_agreement": 0.90, "companies_agreement": 0.90, "chains_agreement": 0.90,
        "split": 3, "merged": 0,
    },
    "holdout2": {
        # measured after the round of fixes: projects 0.993, companies 1.0, parks 1.0, figures 1.0, county 0.985,
        # companies 1.0, chains 1.0, 0 split, 0 merged
        "projects_f1": 0.90, "companies_f1": 0.90, "parks_f1": 0.90, "figures_f1": 0.90,
        "county_agreement": 0.90, "companies_agreement": 0.90, "chains_agreement": 0.90,
        "split": 1, "merged": 0,
    },
}
BARS["holdout3"] = {
    # measured after its round of fixes: projects 0.964, companies 0.943, parks 0.842, figures 0.962, county 0.944,
    # companies 0.852, chains 0.893, 0 split, 0 merged (the two agreements and parks stay under the project's bar)
    "projects_f1": 0.90, "companies_f1": 0.90, "parks_f1": 0.80, "figures_f1": 0.90,
    "county_agreement": 0.90, "companies_agreement": 0.80, "chains_agreement": 0.85,
    "split": 1, "merged": 0,
}
BARS["holdout4"] = {
    # measured after its round of fixes: projects 0.946, companies 0.968, parks 0.632, figures 1.0, county 1.0,
    # companies 0.914, chains 1.0, 1 split, 0 merged (parks stay far under the project's bar: see the README)
    "projects_f1": 0.90, "companies_f1": 0.90, "parks_f1": 0.60, "figures_f1": 0.90,
    "county_agreement": 0.90, "companies_agreement": 0.90, "chains_agreement": 0.90,
    "split": 1, "merged": 0,
}
CEILINGS = ("split", "merged")


@pytest.fixture(scope="session", params=sorted(SETS))
def holdout(request, tmp_path_factory):
    """(name, folder, BuildReport, out_dir) of one holdout set, built once per session."""
    folder = DATA / request.param
    report, out = build_once(tmp_path_factory, folder)
    return request.param, folder, report, out


@pytest.fixture(scope="session")
def holdout_scores(holdout):
    """(name, evaluate() of the holdout build against its gold)."""
    from kg.graph import load

    name, folder, _, out = holdout
    return name, evaluate(load(out / "kg.ttl"), folder / "gold.json")


def test_every_article_is_read(holdout):
    """gold.json, sources.jsonl and README.md sit in the folder but are not articles."""
    name, folder, report, _ = holdout
    articles = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html"))
    assert len(articles) == SETS[name]
    assert (report.documents, report.skipped) == (len(articles), [])


@pytest.mark.parametrize("name", sorted(SETS))
def test_gold_surfaces_occur_in_their_articles(name):
    """The instrument itself: each gold mention's surface is written in its article (line breaks aside)."""
    folder = DATA / name
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    texts = {}
    for p in folder.iterdir():
        if p.suffix in (".txt", ".html"):
            raw = p.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("gb18030")
            texts[p.name] = text.replace("\n", "").replace("\r", "")
    absent = [(m["doc"], m["surface"]) for p in gold["projects"] for m in p["mentions"]
              if m["surface"] not in texts[m["doc"]]]
    assert absent == []


@pytest.mark.parametrize("metric", sorted({m for bars in BARS.values() for m in bars}))
def test_holdout_scores_stay_within_their_bars(holdout_scores, metric):
    name, scores = holdout_scores
    value, bar = scores["scores"][metric], BARS[name][metric]
    ok = value <= bar if metric in CEILINGS else value >= bar
    assert ok, f"{name} {metric} = {value}, bar {bar}\n" + format_report(scores, misses=True)

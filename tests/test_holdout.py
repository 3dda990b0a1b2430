"""Accuracy on tests/data/holdout/: articles written after the extractor was tuned, scored on their gold.

The eight articles (3 Tongliao, 5 other provinces; traditional script, PDF damage, an HTML page) were
annotated before the extractor first ran on them. The first measurement (projects 0.870, companies 0.831,
parks 0.941, figures 0.929, county 0.596, companies agreement 0.723, chains 0.867, 5 split) is what
unseen wording scored; one round of general rules then worked from their misses, so the set is no longer
unseen: the floors now guard those gains (at 0.90, the project's bar) against regressions.
"""

import json
from pathlib import Path

import pytest

from conftest import build_once
from kg.evaluate import evaluate, format_report

HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout"
GOLD = HOLDOUT / "gold.json"

# metric -> floor; measured after the round of fixes: projects 0.981, companies 0.970, parks 1.0,
# figures 0.970, county 0.962, companies agreement 0.962, chains 1.0
FLOORS = [
    ("projects_f1", 0.90),
    ("companies_f1", 0.90),
    ("parks_f1", 0.90),
    ("figures_f1", 0.90),
    ("county_agreement", 0.90),
    ("companies_agreement", 0.90),
    ("chains_agreement", 0.90),
]
# metric -> ceiling on a count; measured 3 split gold entities, 0 merged nodes
CEILINGS = [
    ("split", 3),
    ("merged", 0),
]


@pytest.fixture(scope="session")
def holdout_build(tmp_path_factory):
    """`kg build tests/data/holdout/` into a temporary folder, once: (BuildReport, out_dir)."""
    return build_once(tmp_path_factory, HOLDOUT)


@pytest.fixture(scope="module")
def holdout_scores(holdout_build):
    """evaluate() of the holdout build against its gold."""
    from kg.graph import load

    _, out = holdout_build
    return evaluate(load(out / "kg.ttl"), GOLD)


def test_every_article_is_read(holdout_build):
    """gold.json sits in the folder but is not an article: exactly the eight texts are built."""
    report, _ = holdout_build
    articles = sorted(p for p in HOLDOUT.iterdir() if p.suffix in (".txt", ".html"))
    assert len(articles) == 8
    assert (report.documents, report.skipped) == (len(articles), [])


def test_gold_surfaces_occur_in_their_articles():
    """The instrument itself: each gold mention's surface is written in its article (line breaks aside)."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    texts = {p.name: p.read_text(encoding="utf-8").replace("\n", "") for p in HOLDOUT.iterdir()}
    absent = [(m["doc"], m["surface"]) for p in gold["projects"] for m in p["mentions"]
              if m["surface"] not in texts[m["doc"]]]
    assert absent == []


@pytest.mark.parametrize("metric, floor", FLOORS)
def test_holdout_score_stays_above_floor(holdout_scores, metric, floor):
    value = holdout_scores["scores"][metric]
    assert value >= floor, f"holdout {metric} = {value} < {floor}\n" + format_report(holdout_scores, misses=True)


@pytest.mark.parametrize("metric, ceiling", CEILINGS)
def test_holdout_count_stays_below_ceiling(holdout_scores, metric, ceiling):
    value = holdout_scores["scores"][metric]
    assert value <= ceiling, f"holdout {metric} = {value} > {ceiling}\n" + format_report(holdout_scores, misses=True)

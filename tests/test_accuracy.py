"""Extraction accuracy on the seed and dev corpora, held to the bars in tests/data/thresholds.json.

Bars named `max_*` are ceilings on a count (`max_split` bounds `scores["split"]`); the others are floors.
A bar of null is not enforced yet: the test is skipped and says what was measured. Raise the bars
(lower the ceilings) as extraction improves, so that no gain is lost unnoticed.
"""

import json
from pathlib import Path

import pytest

from kg.evaluate import evaluate, format_report

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "data" / "gold"
THRESHOLDS = {corpus: bars for corpus, bars in
              json.loads((TESTS / "data" / "thresholds.json").read_text(encoding="utf-8")).items()
              if not corpus.startswith("_")}  # "_doc" explains the file
BUILDS = {"seeds": "seed_build", "dev": "dev_build"}  # corpus -> conftest fixture
METRICS = ("projects_f1", "companies_f1", "parks_f1", "figures_f1", "county_agreement",
           "companies_agreement", "chains_agreement", "max_split", "max_merged")


@pytest.fixture(scope="module")
def scored(request):
    """corpus -> evaluate() result of its build, computed once per corpus."""
    from kg.graph import load

    results = {}

    def score(corpus: str) -> dict:
        if corpus not in results:
            _, out = request.getfixturevalue(BUILDS[corpus])
            results[corpus] = evaluate(load(out / "kg.ttl"), GOLD / f"{corpus}.json")
        return results[corpus]

    return score


def test_thresholds_name_every_metric_of_every_corpus():
    assert {corpus: sorted(bars) for corpus, bars in THRESHOLDS.items()} == {
        corpus: sorted(METRICS) for corpus in BUILDS}


@pytest.mark.parametrize("corpus, metric", [(c, m) for c in BUILDS for m in METRICS])
def test_accuracy_meets_its_bar(scored, corpus, metric):
    result = scored(corpus)
    ceiling = metric.startswith("max_")
    value = result["scores"][metric.removeprefix("max_")]
    bar = THRESHOLDS[corpus][metric]
    if bar is None:
        pytest.skip(f"{corpus} {metric}: no bar yet; measured {value}")
    ok = value <= bar if ceiling else value >= bar
    assert ok, (f"{corpus} {metric} = {value}, {'above the ceiling' if ceiling else 'below the bar'} {bar}\n"
                + format_report(result, misses=True))

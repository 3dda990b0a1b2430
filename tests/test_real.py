"""Accuracy on the real articles (tests/data/real/), the measure that matters, held to floors.

Each non-locked real set is built with the committed models and scored on its gold. These sets are also the
models' training data, so the figures here are regression guards, not estimates of accuracy on unseen text:
those are the first-contact scores (first_contact*.json of each set) and the cross-validation of
benchmarks/cv_real.py, reported in the README. The locked sets are not built here (benchmarks/locked.py
scores them once a session, without showing their misses).

Floors (tests/data/real/floors.json) sit a little under the last measurement and rise as it improves.
"""

import json
from pathlib import Path

import pytest

from kg.evaluate import evaluate, format_report
from kg.learn.corpora import real_corpora

REAL = Path(__file__).resolve().parent / "data" / "real"
FLOORS = {k: v for k, v in json.loads((REAL / "floors.json").read_text(encoding="utf-8")).items()
          if not k.startswith("_")}
CEILINGS = ("split", "merged")
SETS = [c for c in real_corpora(REAL) if not c.locked]


def test_every_real_set_has_floors_and_first_contact():
    assert sorted(FLOORS) == sorted(c.name for c in SETS)
    for c in real_corpora(REAL):
        recorded = json.loads((REAL / c.name / "first_contact.json").read_text(encoding="utf-8"))
        assert recorded["extractor"].startswith("rules only")
        assert 0 < recorded["scores"]["entities"]["projects"]["f1"] <= 1


@pytest.fixture(scope="module", params=[c.name for c in SETS])
def real_scores(request, tmp_path_factory):
    """(set name, evaluate() of its build with the committed models)."""
    from kg.graph import load
    from kg.pipeline import build

    corpus = next(c for c in SETS if c.name == request.param)
    out = tmp_path_factory.mktemp(corpus.name)
    report = build([corpus.texts], out, views=False)
    assert report.skipped == []
    return corpus.name, evaluate(load(out / "kg.ttl"), corpus.gold)


def test_real_set_meets_its_floors(real_scores):
    name, result = real_scores
    failed = []
    for metric, bar in FLOORS[name].items():
        value = result["scores"][metric]
        if (value > bar) if metric in CEILINGS else (value < bar):
            failed.append(f"{metric} = {value} ({'ceiling' if metric in CEILINGS else 'floor'} {bar})")
    assert not failed, f"{name}: " + "; ".join(failed) + "\n" + format_report(result, misses=True)

"""benchmarks/generate.py: a corpus for scale that is not copies (copies would fold into a few documents)."""

import random
import sys

import pytest

from kg import corpus, reposts

from conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    dest = tmp_path_factory.mktemp("generated")
    n = 3 * len(generate.templates()) + 7  # every layout three times or more
    paths = generate.write_corpus(n, dest)
    return dest, paths


def test_generated_articles_are_distinct_articles_none_folds(generated):
    dest, paths = generated
    sources, problems = corpus.read_sources([dest])
    assert not problems and len(sources) == len(paths)
    folded = reposts.fold(sources)
    assert len(folded.sources) == len(paths) and not folded.publications


def test_copies_of_the_seeds_fold_into_five_documents():
    sources, _ = corpus.read_sources([SEEDS])
    copies = [corpus.Source(corpus.DocumentMeta(f"{s.meta.doc_id}-{i}", f"{i}/{s.meta.path}"), s.original, s.simplified)
              for i in range(4) for s in sources]
    assert len(reposts.fold(copies).sources) == 5


def test_the_names_of_the_real_article_are_gone_and_the_layout_stays(generated):
    _, paths = generated
    by_name = {t.name: t for t in generate.templates()}
    for path in paths[:40]:
        t = by_name[path.stem.split("_", 1)[1]]
        text = path.read_text(encoding="utf-8")
        named = [n for group in t.companies + t.projects for n in group if len(n) >= 4]
        assert not [n for n in named if n in text], path.name
        assert text.count("\n") == t.text.count("\n")  # the layout: its lines (some emptied, some moved)
        assert len(text) > generate.MIN_HAN


def test_invented_names_are_made_not_copied_from_the_articles():
    real = "\n".join(t.text for t in generate.templates())
    inv = generate.Inventor(random.Random(5), set())
    companies = [inv.company("内蒙古") for _ in range(300)]
    projects = [inv.project() for _ in range(300)]
    assert len({c for c, _ in companies}) == 300 and len(set(projects)) == 300
    assert not [c for c, short in companies if c in real or short in real]
    assert not [p for p in projects if p in real]


def test_the_same_seed_makes_the_same_corpus(tmp_path):
    a = generate.write_corpus(30, tmp_path / "a")
    b = generate.write_corpus(30, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    c = generate.write_corpus(30, tmp_path / "c", seed=7)
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]

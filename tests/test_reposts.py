"""Reposts are one source: exact and near-duplicate articles fold into one document with every place it was
published, and count once.

The threshold is checked on real news: no two distinct articles of tests/data/real fold into each other,
while a repost made of each (another site's header and footer, a few characters changed) folds into it.
"""

import json
import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg import corpus, reposts
from kg.cli import cli
from kg.graph import doc_iri, load
from kg.pipeline import build, build_kb
from kg.vocab import SCHEMA, TKG

from conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "benchmarks"))
from reposting import repost  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
ARTICLE = SEEDS / "004_43cb3ee16d39d158.txt"


def write_reposts(folder: Path) -> Path:
    """An article, its exact copy (other line breaks) and a repost with a header, a footer and 3 words
    changed, each with its own address and date."""
    folder.mkdir()
    text = ARTICLE.read_text(encoding="utf-8")
    (folder / "a-original.txt").write_text(text, encoding="utf-8")
    (folder / "b-copy.txt").write_text(text.replace("\n", "\n\n") + "  ", encoding="utf-8")
    (folder / "c-repost.txt").write_text(repost(text, random.Random(7), edits=3), encoding="utf-8")
    listing = [{"file": "a-original.txt", "url": "https://example.org/a", "date": "2022-07-18"},
               {"file": "b-copy.txt", "url": "https://example.com/b", "date": "2022-07-19"},
               {"file": "c-repost.txt", "url": "https://example.net/c", "date": "2022-07-21"}]
    (folder / "sources.jsonl").write_text("".join(json.dumps(r) + "\n" for r in listing), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folded_build(tmp_path_factory):
    folder = write_reposts(tmp_path_factory.mktemp("reposts") / "in")
    out = tmp_path_factory.mktemp("reposts-out")
    return build([folder], out, views=False, jobs=1), out


def test_an_article_its_copy_and_a_repost_are_one_document_with_two_publications(folded_build):
    report, out = folded_build
    assert report.documents == 1 and report.reposts == 2
    g = load(out / "kg.ttl")
    assert list(g.subjects(RDF.type, TKG.SourceDocument)) == [doc_iri("a-original")]
    pubs = sorted(g.objects(doc_iri("a-original"), TKG.publishedAs))
    assert pubs == [doc_iri("b-copy"), doc_iri("c-repost")]
    assert {g.value(p, SCHEMA.url) for p in pubs} == {URIRef("https://example.com/b"), URIRef("https://example.net/c")}
    assert {str(g.value(p, DCTERMS.date)) for p in pubs} == {"2022-07-19", "2022-07-21"}
    assert g.value(doc_iri("b-copy"), TKG.exactCopy) == Literal(True)
    assert g.value(doc_iri("c-repost"), TKG.exactCopy) == Literal(False)
    assert 0.5 <= g.value(doc_iri("c-repost"), TKG.similarity).toPython() < 1
    assert not report.validation
    reported = json.loads((out / "resolution.json").read_text(encoding="utf-8"))["reposts"]
    assert [(r["doc"], r["repost"], r["url"]) for r in reported] == [
        ("a-original", "b-copy", "https://example.com/b"), ("a-original", "c-repost", "https://example.net/c")]


def test_the_folded_build_has_the_entities_and_statements_of_the_article_alone(folded_build, tmp_path):
    _, out = folded_build
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "a-original.txt").write_bytes(ARTICLE.read_bytes())
    kb, _, _ = build_kb([alone], jobs=1)
    folded = json.loads((out / "resolution.json").read_text(encoding="utf-8"))["entities"]
    assert [(e["id"], e["label"], e["docs"]) for e in folded] == [
        (e.id, e.label, e.docs) for e in sorted(kb.entities.values(), key=lambda e: e.id)]
    g = load(out / "kg.ttl")
    assert len(set(g.subjects(RDF.type, TKG.Statement))) == len(kb.statements)


def test_the_build_summary_says_how_many_reposts_were_folded(tmp_path):
    folder = write_reposts(tmp_path / "in")
    result = CliRunner().invoke(cli, ["build", str(folder), "-o", str(tmp_path / "out"), "--no-views", "-q",
                                      "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "from 1 documents" in result.output
    assert "2 reposts folded into the articles they copy" in result.output


def source(doc_id: str, text: str) -> corpus.Source:
    return corpus.Source(corpus.DocumentMeta(doc_id, f"{doc_id}.txt"), text, text)


def test_the_first_by_document_id_is_kept_and_chains_of_reposts_are_one_group():
    rng = random.Random(3)
    text = ARTICLE.read_text(encoding="utf-8")
    once = repost(text, rng, 4)
    twice = repost(once, rng, 4)
    other = (SEEDS / "000_547114241c6e0ba6.txt").read_text(encoding="utf-8")
    folded = reposts.fold([source("z", twice), source("m", other), source("b", once), source("c", text)])
    assert [s.meta.doc_id for s in folded.sources] == ["b", "m"]
    assert sorted(p.doc_id for p in folded.publications["b"]) == ["c", "z"]
    assert folded.count == 2


def test_punctuation_spacing_and_width_do_not_make_another_article():
    a = "通辽市重点项目建设观摩，总投资231亿元。\n项目位于科尔沁区。" * 5
    b = a.replace("，", ",").replace("231", "２３１").replace("\n", " ")
    folded = reposts.fold([source("a", a), source("b", b)])
    assert [s.meta.doc_id for s in folded.sources] == ["a"]
    (pub,) = folded.publications["a"]
    assert pub.exact and pub.similarity == 1.0


def test_an_article_that_adds_more_than_it_quotes_is_not_folded():
    """A round-up that quotes a whole article and says more than that besides keeps its own facts."""
    a = ARTICLE.read_text(encoding="utf-8")
    other = (SEEDS / "001_347c5c036ba7c81d.txt").read_text(encoding="utf-8")  # 1.6 times as long
    folded = reposts.fold([source("a", a), source("b", a + "\n" + other)])
    assert len(folded.sources) == 2 and not folded.publications


@pytest.fixture(scope="module")
def real_sources():
    sources, _ = corpus.read_sources(sorted(REAL.glob("*/texts")))
    assert len(sources) > 150
    return sources


def test_no_two_distinct_real_articles_fold_into_each_other(real_sources):
    folded = reposts.fold(real_sources)
    assert len(folded.sources) == len(real_sources) and not folded.publications


def test_reposts_of_real_articles_fold_into_them(real_sources):
    rng = random.Random(11)
    copies = [source("~" + s.meta.doc_id, repost(s.simplified, rng, edits=5)) for s in real_sources]
    folded = reposts.fold(real_sources + copies)
    assert [s.meta.doc_id for s in folded.sources] == sorted(s.meta.doc_id for s in real_sources)
    assert {k: [p.doc_id for p in v] for k, v in folded.publications.items()} == {
        s.meta.doc_id: ["~" + s.meta.doc_id] for s in real_sources}

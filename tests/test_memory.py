"""Peak memory of a build (issue 11): the graph on kg.compact_store, the N-Triples written a chunk at a time,
and the same bytes in every output file as a build on rdflib's own store."""

import filecmp
import random
import sys
import tracemalloc

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

import sample_kb as s
from kg import graph, memory, pipeline
from kg.compact_store import CompactStore

from conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

EX = "http://example.org/"


def random_triples(n: int, seed: int = 3) -> list:
    """Triples with repeated subjects, predicates and objects, several objects per (s, p), and literals
    equal as text but not as terms ("1" plain, typed, tagged)."""
    rnd = random.Random(seed)
    objects = [URIRef(EX + f"o{i}") for i in range(20)] + [Literal("1"), Literal("1", datatype=XSD.integer),
                                                           Literal("1", lang="zh"), Literal("名")]
    return [(URIRef(EX + f"s{rnd.randrange(40)}"), URIRef(EX + f"p{rnd.randrange(6)}"), rnd.choice(objects))
            for _ in range(n)]


def both(triples):
    compact, memory_graph = Graph(store=CompactStore()), Graph()
    for t in triples:
        compact.add(t)
        memory_graph.add(t)
    return compact, memory_graph


def test_the_compact_store_answers_every_pattern_as_rdflibs_store():
    compact, reference = both(random_triples(600))
    assert len(compact) == len(reference) and set(compact) == set(reference)
    terms_s = sorted({t[0] for t in reference}) + [URIRef(EX + "absent")]
    terms_p = sorted({t[1] for t in reference})
    terms_o = sorted({t[2] for t in reference}, key=str)
    for subj in [None, *terms_s[:8], terms_s[-1]]:
        for pred in [None, *terms_p]:
            for obj in [None, *terms_o[:6], *terms_o[-4:]]:
                assert set(compact.triples((subj, pred, obj))) == set(reference.triples((subj, pred, obj))), (
                    subj, pred, obj)


def test_the_reverse_index_made_on_first_ask_follows_later_additions_and_removals():
    compact, reference = both(random_triples(300))
    p = URIRef(EX + "p1")
    assert set(compact.subject_objects(p)) == set(reference.subject_objects(p))  # the index is made here
    for t in random_triples(200, seed=9):
        compact.add(t)
        reference.add(t)
    compact.remove((None, URIRef(EX + "p1"), Literal("1")))
    reference.remove((None, URIRef(EX + "p1"), Literal("1")))
    compact.remove((URIRef(EX + "s3"), None, None))
    reference.remove((URIRef(EX + "s3"), None, None))
    assert set(compact) == set(reference) and len(compact) == len(reference)
    for o in {t[2] for t in reference}:
        assert set(compact.subjects(p, o)) == set(reference.subjects(p, o))


def test_a_graph_on_the_compact_store_takes_under_half_the_memory():
    triples = [(URIRef(EX + f"stmt/{i // 10}"), URIRef(EX + f"p{i % 10}"), Literal(f"value {i}"))
               for i in range(20_000)]

    def traced(make):
        tracemalloc.start()
        g = make()
        for t in triples:
            g.add(t)
        size = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        return size

    assert traced(lambda: Graph(store=CompactStore())) < 0.5 * traced(Graph)


def test_a_built_graph_is_on_the_compact_store():
    assert type(graph.to_graph(s.make_sample_kb()).store) is CompactStore
    assert type(graph.new_graph().store) is CompactStore


def rdflib_graph():
    return graph._bound(Graph())


def test_ntriples_and_turtle_are_the_same_from_either_store(monkeypatch):
    compact = graph.to_graph(s.make_sample_kb())
    reference = rdflib_graph()
    reference += compact
    assert type(reference.store) is not CompactStore
    nt = graph.serialize(compact, "nt")
    assert nt == graph.serialize(reference, "nt")
    assert nt.decode("utf-8").splitlines() == sorted(set(reference.serialize(format="nt").splitlines()) - {""})
    assert graph.serialize(compact, "ttl") == graph.serialize(reference, "ttl")


def test_turtle_written_a_few_lines_at_a_time_is_the_same(monkeypatch):
    g = graph.to_graph(s.make_sample_kb())
    whole = graph.turtle(g)
    monkeypatch.setattr(graph, "TURTLE_CHUNK", 3)
    assert graph.turtle(g) == whole


def test_a_lone_surrogate_is_still_refused():
    g = graph.new_graph()
    g.add((URIRef(EX + "a"), URIRef(EX + "b"), Literal("bad \udc80")))
    with pytest.raises(UnicodeEncodeError):
        graph.serialize(g, "nt")


def test_types_first_moves_each_subjects_type_lines_to_its_front():
    t = f"<{RDF.type}>".encode()
    lines = [b"<a> <p> 1 .", b"<a> " + t + b" <C> .", b"<b> <p> 2 .", b"<c> " + t + b" <D> .", b"<c> <q> 3 ."]
    graph._types_first(lines)
    assert lines == [b"<a> " + t + b" <C> .", b"<a> <p> 1 .", b"<b> <p> 2 .", b"<c> " + t + b" <D> .",
                     b"<c> <q> 3 ."]


def test_release_hands_memory_back_on_glibc():
    assert memory.release() is (sys.platform.startswith("linux") and memory._trim() is not None)


def same_files(a, b):
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and ".cache" not in p.parts)
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and ".cache" not in p.parts)
    assert files_a == files_b and files_a
    return [str(p) for p in files_a if not filecmp.cmp(a / p, b / p, shallow=False)]


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_a_build_writes_the_same_bytes_as_on_rdflibs_store(corpus, tmp_path, monkeypatch):
    """Every output file (kg.ttl, resolution.json, each view page) of a build on kg.compact_store and of one on
    rdflib's Memory store, on the seeds and on 24 generated articles."""
    folder = SEEDS
    if corpus == "generated":
        folder = tmp_path / "articles"
        generate.write_corpus(24, folder)
    cache = tmp_path / "cache"  # shared: the second build reads the first one's extraction
    pipeline.build([folder], tmp_path / "compact", cache_dir=cache, jobs=1)
    made = []
    with monkeypatch.context() as m:
        m.setattr(graph, "new_graph", lambda: made.append(rdflib_graph()) or made[-1])
        pipeline.build([folder], tmp_path / "rdflib", cache_dir=cache, jobs=1)
    assert made and not any(type(g.store) is CompactStore for g in made)
    assert same_files(tmp_path / "compact", tmp_path / "rdflib") == []

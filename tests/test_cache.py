"""Per-article work is done once: extraction results cached by content hash, invalidated by what they depend on.

A warm build writes the same bytes as a cold one; a rebuild with one new article extracts that article only;
changing a pattern file extraction reads, or the model, re-extracts everything, while a file only later
stages read (resolve.json, the shapes) keeps the cache.
"""

import json
import shutil
from decimal import Decimal

import pytest

from kg import cache, corpus, lexicon, paths, pipeline
from kg.extract import extract
from kg.model import DocResult

from conftest import SEEDS


@pytest.fixture(scope="module")
def seed_results():
    sources, _ = corpus.read_sources([SEEDS])
    return sources, extract(sources, lexicon.load(), jobs=1)


def test_a_cached_result_decodes_equal_to_the_fresh_one_with_the_same_types(seed_results):
    _, results = seed_results
    for result in results:
        back = cache.decode(json.loads(json.dumps(cache.encode(result), ensure_ascii=False)))
        assert isinstance(back, DocResult) and back == result
        for fact, again in zip(result.facts, back.facts):
            assert type(fact.value) is type(again.value) and type(fact.qualifiers) is tuple
            if isinstance(getattr(fact.value, "value", None), Decimal):
                assert str(fact.value.value) == str(again.value.value)  # the same digits, not only the same number


def test_an_entry_read_by_the_object_hook_equals_the_walked_decoding(seed_results):
    _, results = seed_results
    for result in results:
        text = json.dumps(cache.encode(result), ensure_ascii=False, sort_keys=True)
        fast = cache.loads(text.encode("utf-8"))
        assert fast == cache.decode(json.loads(text)) == result
        assert [type(f.value) for f in fast.facts] == [type(f.value) for f in result.facts]
    odd = {"@d": [1, ("@t",)], "k": {frozenset({"@"}): Decimal("1.50")}}  # plain keys that look like tags
    assert cache.loads(json.dumps(cache.encode(odd)).encode()) == odd
    assert str(cache.loads(json.dumps(cache.encode(odd)).encode())["k"][frozenset({"@"})]) == "1.50"


def test_the_article_key_changes_with_the_text_and_the_metadata(seed_results):
    import dataclasses

    sources, _ = seed_results
    s = sources[0]
    keys = {cache.article_key(s), cache.article_key(dataclasses.replace(s, original=s.original + "。")),
            cache.article_key(dataclasses.replace(s, meta=dataclasses.replace(s.meta, date="2001-01-01")))}
    assert len(keys) == 3
    assert cache.article_key(s) == cache.article_key(dataclasses.replace(s))


def seeds_copy(folder, names=None):
    folder.mkdir()
    for f in sorted(SEEDS.glob("*.txt")):
        if names is None or f.name in names:
            shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture
def extracted(monkeypatch):
    """The document ids each build extracts (not read from the cache)."""
    seen = []
    real = pipeline.extract

    def spy(documents, *args, **kwargs):
        seen.append([d.meta.doc_id for d in documents])
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract", spy)
    return seen


def test_a_warm_build_writes_the_same_bytes_as_a_cold_one(tmp_path, extracted):
    store = tmp_path / "cache"
    cold = pipeline.build([SEEDS], tmp_path / "cold", cache_dir=store)
    warm = pipeline.build([SEEDS], tmp_path / "warm", cache_dir=store)
    assert (cold.extracted, cold.cached) == (5, 0) and (warm.extracted, warm.cached) == (0, 5)
    assert extracted == [[s.stem for s in sorted(SEEDS.glob("*.txt"))]]  # the second build extracted nothing
    none = pipeline.build([SEEDS], tmp_path / "none", cache_dir=False)
    names = ["kg.ttl", "resolution.json"] + [f"views/{p.name}" for p in (tmp_path / "cold" / "views").glob("*.html")]
    assert len(names) > 10
    for name in names:
        data = (tmp_path / "cold" / name).read_bytes()
        assert (tmp_path / "warm" / name).read_bytes() == data, name
        assert (tmp_path / "none" / name).read_bytes() == data, name
    assert not (tmp_path / "none" / ".cache").exists() and none.cached == 0


def test_a_rebuild_with_one_new_article_extracts_that_article_only(tmp_path, extracted):
    folder = seeds_copy(tmp_path / "in", names={f.name for f in sorted(SEEDS.glob("*.txt"))[:4]})
    out = tmp_path / "out"
    pipeline.build([folder], out, views=False)
    assert (out / ".cache" / "extract").is_dir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[4], folder)
    report = pipeline.build([folder], out, views=False)
    assert extracted[-1] == [sorted(SEEDS.glob("*.txt"))[4].stem]
    assert (report.extracted, report.cached, report.documents) == (1, 4, 5)
    assert out / ".cache" not in [p for p in report.outputs] and all(".cache" not in p.parts for p in report.outputs)


def test_changed_metadata_re_extracts_that_article(tmp_path, extracted):
    folder = seeds_copy(tmp_path / "in")
    out = tmp_path / "out"
    pipeline.build([folder], out, views=False)
    first = sorted(folder.glob("*.txt"))[0]
    (folder / (first.name + ".meta.json")).write_text(json.dumps({"date": "2021-03-04"}), encoding="utf-8")
    pipeline.build([folder], out, views=False)
    assert extracted[-1] == [first.stem]


def test_a_changed_model_re_extracts_everything_and_rules_only_has_its_own_entries(tmp_path, extracted):
    models = tmp_path / "models"
    shutil.copytree(paths.MODEL_DIR, models)
    out = tmp_path / "out"
    pipeline.build([SEEDS], out, views=False, model_dir=models)
    pipeline.build([SEEDS], out, views=False, model_dir=None)
    assert len(extracted) == 2 and len(extracted[1]) == 5  # rules only: another extractor
    pipeline.build([SEEDS], out, views=False, model_dir=models)
    assert len(extracted) == 2  # the model's entries are still there
    names = models / "names.json"
    names.write_text(names.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    pipeline.build([SEEDS], out, views=False, model_dir=models)
    assert len(extracted) == 3 and len(extracted[2]) == 5


@pytest.fixture
def ontology(tmp_path):
    copy = tmp_path / "ontology"
    shutil.copytree(paths.ONTOLOGY_DIR, copy, ignore=shutil.ignore_patterns("models"))
    return copy


@pytest.mark.parametrize("changed,invalidates", [
    ("patterns/projects.json", True), ("patterns/facts.json", True), ("patterns/clean.json", True),
    ("places.ttl", True), ("chains.ttl", True),
    ("patterns/resolve.json", False), ("shapes.ttl", False), ("kg.ttl", False),
])
def test_a_pattern_file_invalidates_exactly_when_extraction_reads_it(ontology, changed, invalidates):
    before = cache.extractor_version(ontology, paths.MODEL_DIR, None)
    path = ontology / changed
    path.write_bytes(path.read_bytes() + b"\n")
    assert (cache.extractor_version(ontology, paths.MODEL_DIR, None) != before) is invalidates


def test_the_version_covers_the_extraction_code_and_not_the_later_stages():
    files = {p.relative_to(paths.ROOT).as_posix() for p in cache.code_files()}
    assert {"kg/extract.py", "kg/clean.py", "kg/relate/figures.py", "kg/nlp/projects.py",
            "kg/learn/tagger.py", "kg/model.py"} <= files
    assert not files & {"kg/resolve/__init__.py", "kg/resolve/names.py", "kg/graph.py", "kg/views.py", "kg/pipeline.py", "kg/cache.py"}


def test_thresholds_and_rules_only_are_other_extractors():
    versions = {cache.extractor_version(paths.ONTOLOGY_DIR, paths.MODEL_DIR, None),
                cache.extractor_version(paths.ONTOLOGY_DIR, None, None),
                cache.extractor_version(paths.ONTOLOGY_DIR, paths.MODEL_DIR, {"projects": 0.3})}
    assert len(versions) == 3


def test_a_damaged_entry_is_extracted_again(tmp_path, extracted):
    out = tmp_path / "out"
    pipeline.build([SEEDS], out, views=False)
    entry = sorted((out / ".cache").rglob("*.json.z"))[0]
    entry.write_bytes(b"not zlib")
    report = pipeline.build([SEEDS], out, views=False)
    assert (report.extracted, report.cached) == (1, 4)


def test_a_warm_build_marks_its_version_used_so_pruning_keeps_it(tmp_path, extracted):
    """Pruning keeps the most recently used versions by the folder's time: a build that only reads the cache
    uses its version too, though it writes no entry."""
    import os

    out = tmp_path / "out"
    pipeline.build([SEEDS], out, views=False)
    (folder,) = (out / ".cache" / "extract").iterdir()
    os.utime(folder, (1_000_000, 1_000_000))
    report = pipeline.build([SEEDS], out, views=False)
    assert report.cached == 5 and folder.stat().st_mtime > 1_000_000
    assert not [p for p in (out / ".cache").rglob(".*") if p.is_file()]  # no temporary file left behind


def test_a_cache_that_cannot_be_written_is_a_warning_not_a_failed_build(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    report = pipeline.build([SEEDS], tmp_path / "out", views=False, cache_dir=blocker / "cache")
    assert (tmp_path / "out" / "kg.ttl").exists()
    assert any("extraction cache" in w for w in report.warnings)


def test_pages_whose_nodes_did_not_change_are_not_laid_out_again(tmp_path, monkeypatch):
    from kg import views

    calls = []
    real = views.layout

    def counting(nodes, edges, sizes):
        calls.append(tuple(nodes))
        return real(nodes, edges, sizes)

    monkeypatch.setattr(views, "layout", counting)
    folder = seeds_copy(tmp_path / "in", names={f.name for f in sorted(SEEDS.glob("*.txt"))[:4]})
    out = tmp_path / "out"
    pipeline.build([folder], out)
    first = len(calls)
    pages = {p.name: p.read_bytes() for p in (out / "views").glob("*.html")}
    pipeline.build([folder], out)
    assert len(calls) == first  # nothing changed: every layout read back
    assert {p.name: p.read_bytes() for p in (out / "views").glob("*.html")} == pages
    shutil.copy(sorted(SEEDS.glob("*.txt"))[4], folder)
    pipeline.build([folder], out)
    again = len(calls) - first
    assert 0 < again < len(list((out / "views").glob("*.html")))  # only the pages the new article changed
    layouts = list((out / ".cache" / "layout").rglob("*.json"))
    assert len(layouts) <= len(list((out / "views").glob("*.html")))  # the memo holds one build's pages


def test_a_build_of_n_then_n_plus_1_with_the_cache_writes_every_file_as_a_cold_build_of_n_plus_1(tmp_path):
    articles = sorted(SEEDS.glob("*.txt"))
    folder = seeds_copy(tmp_path / "in", names={f.name for f in articles[:4]})
    out = tmp_path / "out"
    pipeline.build([folder], out)
    shutil.copy(articles[4], folder)
    warm = pipeline.build([folder], out)
    assert (warm.extracted, warm.cached) == (1, 4)
    cold_in = seeds_copy(tmp_path / "cold-in")  # the same five articles, read from the same path as the warm build
    shutil.rmtree(folder)
    cold_in.rename(folder)
    pipeline.build([folder], tmp_path / "cold", cache_dir=False)

    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and ".cache" not in p.relative_to(root).parts}

    warm_files, cold_files = files(out), files(tmp_path / "cold")
    assert len(cold_files) > 10 and warm_files.keys() == cold_files.keys()
    assert [name for name in cold_files if warm_files[name] != cold_files[name]] == []

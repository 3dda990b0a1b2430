"""A warm build reads titles, pinyin and the extractor's module list from its memos (kg.memo) instead of loading
jieba's dictionary and pypinyin again, and writes the same bytes; the gazetteer is read without rdflib."""

import json
import subprocess
import sys

from rdflib import URIRef

from kg import cache, graph, memo, paths, pipeline

from conftest import ROOT, SEEDS


def test_a_memo_keeps_what_a_build_used_and_a_new_version_starts_afresh(tmp_path):
    m = memo.Memo(tmp_path, "squares", "v1")
    assert m.get("3", lambda: 9) == 9 and m.get("4", lambda: 16) == 16
    m.commit()
    again = memo.Memo(tmp_path, "squares", "v1")
    assert again.get("3", lambda: 0) == 9 and again.hits == 1
    again.commit()  # "4" was not asked for: dropped
    assert json.loads(next((tmp_path / "memo").glob("squares-*.json")).read_text(encoding="utf-8")) == {"3": 9}
    other = memo.Memo(tmp_path, "squares", "v2")
    assert other.get("3", lambda: -1) == -1
    other.commit()
    assert len(list((tmp_path / "memo").glob("squares-*.json"))) == 1  # the old version's file is gone


def test_a_damaged_memo_is_an_empty_one(tmp_path):
    m = memo.Memo(tmp_path, "x", "v")
    m.get("a", lambda: 1)
    m.commit()
    next((tmp_path / "memo").glob("x-*.json")).write_text("{not json", encoding="utf-8")
    assert memo.Memo(tmp_path, "x", "v").get("a", lambda: 2) == 2


def test_the_memo_of_the_extractor_modules_is_the_list_read_from_the_imports(tmp_path):
    m = memo.Memo(tmp_path, "code-files", cache.code_memo_version())
    assert cache.code_files_memo(m) == cache.code_files()
    m.commit()
    again = memo.Memo(tmp_path, "code-files", cache.code_memo_version())
    assert cache.code_files_memo(again) == cache.code_files() and again.hits == 1


def test_a_warm_build_computes_no_title_and_no_pinyin_and_writes_the_same_bytes(tmp_path, monkeypatch):
    from kg import corpus, english

    calls = []
    real_title, real_pinyin = corpus.title_from_text, english.transliterate
    monkeypatch.setattr(corpus, "title_from_text", lambda text: calls.append("title") or real_title(text))
    monkeypatch.setattr(english, "transliterate", lambda name: calls.append("pinyin") or real_pinyin(name))
    pipeline.build([SEEDS], tmp_path / "out", views=False)
    assert "title" in calls and "pinyin" in calls
    calls.clear()
    pipeline.build([SEEDS], tmp_path / "out", views=False)
    assert calls == []
    pipeline.build([SEEDS], tmp_path / "none", views=False, cache_dir=False)
    for name in ("kg.ttl", "resolution.json"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "none" / name).read_bytes()


def test_a_warm_build_loads_neither_jiebas_dictionary_nor_pypinyin(tmp_path):
    script = ("import sys; from pathlib import Path; from kg import pipeline, words; "
              f"pipeline.build([Path({str(SEEDS)!r})], Path({str(tmp_path / 'out')!r}), views=False); "
              "print(words._TOKENIZER is None, 'pypinyin' in sys.modules)")
    run = lambda: subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,  # noqa: E731
                                 check=True).stdout.split()
    assert run() == ["False", "True"]  # cold: both were needed
    assert run() == ["True", "False"]


def test_the_gazetteer_names_and_subsets_places_as_the_rdflib_graph_of_places_ttl_does():
    path = graph.ontology_file("places.ttl")
    parsed = graph._parsed(path, path.stat().st_mtime_ns)  # places.ttl as one rdflib graph
    gaz = graph.gazetteer(paths.ONTOLOGY_DIR)
    assert gaz.names == graph._place_names(parsed) and len(gaz.names) > 3000
    keep = {gaz.names["科左后旗"], gaz.names["开鲁县"]}
    expected, todo = set(), sorted(keep)
    while todo:  # the places and every place above them, read from the rdflib graph
        place = todo.pop()
        for t in parsed.triples((place, None, None)):
            if t not in expected:
                expected.add(t)
                if t[1] == graph.TKG.withinPlace and isinstance(t[2], URIRef):
                    todo.append(t[2])
    assert set(graph.place_subset(gaz, keep)) == expected and len(expected) > 20

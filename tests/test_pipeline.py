"""Build-level guarantees: determinism, stable ids when articles are added, bad input isolated."""

import json
import shutil
import threading

from kg.pipeline import build, staged_dir

from conftest import ROOT, SEEDS


def entity_ids(out):
    report = json.loads((out / "resolution.json").read_text(encoding="utf-8"))
    return {e["id"] for e in report["entities"]}


def test_same_inputs_give_byte_identical_outputs(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build([SEEDS], a, views=False)
    build([SEEDS], b, views=False)
    for name in ("kg.ttl", "resolution.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_adding_an_article_renames_no_existing_entity(tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for f in seeds[1:]:
        shutil.copy(f, first / f.name)
    out = tmp_path / "out"
    build([first], out, views=False)
    before = entity_ids(out)
    shutil.copy(seeds[0], first / seeds[0].name)  # an article that sorts first and names many of them
    build([first], out, views=False)
    after = entity_ids(out)
    assert before <= after, sorted(before - after)


def test_a_bad_file_is_skipped_and_the_others_still_build(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("000_*.txt")), folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 50)
    report = build([folder], tmp_path / "out", views=False)
    assert report.documents == 1
    assert any("empty.txt" in line for line in report.skipped)
    assert any("junk.txt" in line for line in report.skipped)
    assert report.counts["projects"] > 0


def test_a_rebuild_leaves_no_page_of_the_earlier_build(tmp_path):
    """Views are replaced as a whole: a page the new build does not write (a county of an article no longer
    built) is gone, and no staging folder is left behind."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("004_*.txt")), folder)
    out = tmp_path / "out"
    build([folder], out)
    pages = sorted(p.relative_to(out) for p in (out / "views").rglob("*.html"))
    stale = out / "views" / "county-stale.html"
    stale.write_text("<p>an earlier build's county</p>", encoding="utf-8")
    build([folder], out)
    assert sorted(p.relative_to(out) for p in (out / "views").rglob("*.html")) == pages
    assert not stale.exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != ".cache"]  # the cache stays


def test_a_failed_write_leaves_the_previous_outputs_intact(tmp_path):
    out = tmp_path / "out"
    with staged_dir(out, whole=("views",)) as stage:
        (stage / "kg.ttl").write_text("old graph", encoding="utf-8")
        (stage / "views").mkdir()
        (stage / "views" / "index.html").write_text("old page", encoding="utf-8")
    try:
        with staged_dir(out, whole=("views",)) as stage:
            (stage / "kg.ttl").write_text("half a graph", encoding="utf-8")
            raise OSError("disk full")
    except OSError:
        pass
    assert (out / "kg.ttl").read_text(encoding="utf-8") == "old graph"
    assert (out / "views" / "index.html").read_text(encoding="utf-8") == "old page"
    assert sorted(p.name for p in out.iterdir()) == ["kg.ttl", "views"]


def test_a_pooled_build_writes_the_same_bytes(tmp_path):
    """Extraction over two worker processes gives the graph of a one-process build, byte for byte."""
    from kg.extract import MIN_PER_WORKER

    folder = tmp_path / "articles"
    folder.mkdir()
    real = sorted(p for p in (ROOT / "tests" / "data" / "real").glob("*/texts/*.txt")
                  if not p.parts[-3].startswith("locked"))  # distinct articles: copies would fold as reposts
    for i in range(2 * MIN_PER_WORKER):
        source = real[i]
        (folder / f"{i:02d}_{source.name}").write_bytes(source.read_bytes())
    one = build([folder], tmp_path / "one", views=False, jobs=1)
    two = build([folder], tmp_path / "two", views=False, jobs=2)  # forked workers: no other thread runs
    stop = threading.Event()
    busy = threading.Thread(target=stop.wait)  # a progress bar's thread: workers are spawned instead
    busy.start()
    try:
        spawned = build([folder], tmp_path / "spawned", views=False, jobs=2)
    finally:
        stop.set()
        busy.join()
    assert one.documents == two.documents == spawned.documents == 2 * MIN_PER_WORKER
    for name in ("kg.ttl", "resolution.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "spawned" / name).read_bytes()


def dead_pid():
    """The pid of a process that has ended (run and reaped here)."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_staging_folders_of_killed_builds_are_removed_by_the_next_build(tmp_path):
    """A build killed while writing leaves its .build-* folder; the next build into the folder removes it,
    but not one a running build is using, an older version's that may still be in use, nor the user's own."""
    import os
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    out.mkdir()
    orphan = out / f".build-{dead_pid()}-k1ll3d_x"
    (orphan / "views").mkdir(parents=True)
    (orphan / "kg.ttl").write_text("half a graph", encoding="utf-8")
    old_style = out / ".build-ab3_x9zq"  # mkdtemp's name before staging folders carried a pid
    old_style.mkdir()
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(old_style, (day_ago, day_ago))
    recent_old_style = out / ".build-cd4_y0wr"
    recent_old_style.mkdir()
    mine = out / ".build-notes"
    mine.mkdir()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = out / f".build-{running.pid}-busy1234"
        busy.mkdir()
        (busy / "kg.ttl").write_text("a graph being written", encoding="utf-8")
        folder = tmp_path / "in"
        folder.mkdir()
        shutil.copy(next(SEEDS.glob("004_*.txt")), folder)
        build([folder], out, views=False)
        assert busy.is_dir() and (busy / "kg.ttl").exists()
    finally:
        running.kill()
        running.wait()
    assert not orphan.exists() and not old_style.exists()
    assert recent_old_style.is_dir() and mine.is_dir()
    assert (out / "kg.ttl").exists()


def test_a_views_staging_folder_of_a_killed_run_is_removed_by_the_next(tmp_path):
    from rdflib import Graph

    from kg import views

    out = tmp_path / "views"
    orphan = tmp_path / f".views.staging-{dead_pid()}"
    orphan.mkdir()
    (orphan / "index.html").write_text("half a page", encoding="utf-8")
    views.write_views(Graph(), out)
    assert not orphan.exists()
    assert (out / "index.html").exists()


def test_real_paragraphs_give_a_graph_that_passes_its_own_shapes(tmp_path):
    """Counts that open their sentence (two real articles' first paragraphs) once gave aggregate facts
    with an empty scope, and the build failed its own SHACL check."""
    folder = tmp_path / "in"
    folder.mkdir()
    real = ROOT / "tests" / "data" / "real"
    for name in ("r4/texts/r4-10.txt", "r7/texts/r7-13.txt"):
        shutil.copy(real / name, folder / name.split("/")[-1])
    report = build([folder], tmp_path / "out", views=False)
    assert report.documents == 2
    assert report.validation == [], report.validation

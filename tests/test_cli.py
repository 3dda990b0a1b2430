"""The CLI as a user meets it: help everywhere, clear errors, the main job end to end."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

from conftest import ROOT, SEEDS


def all_commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("name", all_commands())
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert cli.commands[name].help, f"`kg {name}` has no help text"
    assert "Example" in result.output, f"`kg {name} --help` shows no example"


def test_group_help_lists_the_commands():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("build", "query", "viz", "export", "eval", "explain"):
        assert name in result.output


def test_python_dash_m_kg_works():
    out = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "build" in out.stdout


def test_build_names_a_missing_input(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nope: no such file or folder" in result.output


@pytest.mark.parametrize("command", [["query", "largest-projects"], ["viz"], ["export"], ["explain", "x"]])
def test_commands_on_a_missing_graph_say_to_build_first(tmp_path, command):
    result = CliRunner().invoke(cli, command + ["--graph", str(tmp_path / "kg.ttl")])
    assert result.exit_code == 1
    assert "run `kg build` first" in result.output


def test_bad_param_syntax_is_explained(tmp_path):
    g = tmp_path / "kg.ttl"
    g.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", "largest-projects", "--graph", str(g), "--param", "company"])
    assert result.exit_code == 1
    assert "NAME=VALUE" in result.output


def test_build_on_the_seeds_writes_graph_views_and_summary(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "-q"])
    assert (out / "kg.ttl").stat().st_size > 0
    assert (out / "views" / "index.html").exists()
    assert f"from {len(list(SEEDS.glob('*.txt')))} documents" in result.output
    for word in ("projects", "companies", "parks", "places", "statements"):
        assert word in result.output
    report = json.loads((out / "resolution.json").read_text(encoding="utf-8"))
    assert report
    assert result.exit_code == 0, result.output


def test_failed_build_leaves_previous_output_intact(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kg.ttl").write_text("# previous graph\n", encoding="utf-8")

    from kg import graph

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(graph, "write", broken)
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "-q", "--no-views"])
    assert result.exit_code != 0
    assert (out / "kg.ttl").read_text(encoding="utf-8") == "# previous graph\n"
    assert not [p for p in out.iterdir() if p.name.startswith(".build-")]


def previous_outputs(out):
    """An earlier build's outputs in `out`: {relative path: bytes}."""
    (out / "views").mkdir(parents=True)
    resolution = {"entities": [{"id": "project/甲项目", "kind": "project", "label": "甲项目"}]}  # the stable ids
    files = {"kg.ttl": b"# the previous graph\n",
             "resolution.json": json.dumps(resolution, ensure_ascii=False).encode("utf-8"),
             "views/index.html": b"<p>previous views</p>\n"}
    for name, data in files.items():
        (out / name).write_bytes(data)
    return files


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_build_where_every_input_is_skipped_keeps_the_previous_outputs(tmp_path):
    out = tmp_path / "out"
    before = previous_outputs(out)
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "junk.txt").write_bytes(bytes(range(256)) * 50)
    result = CliRunner().invoke(cli, ["build", str(bad), "-o", str(out), "-q"])
    assert result.exit_code == 1, result.output
    assert tree(out) == before
    assert "empty.txt" in result.output and "junk.txt" in result.output  # each skipped file's reason
    last = result.output.strip().splitlines()[-1]
    assert "kept" in last and str(out) in last, last
    assert "Traceback" not in result.output


def test_a_build_of_a_folder_without_articles_keeps_the_previous_outputs(tmp_path):
    out = tmp_path / "out"
    before = previous_outputs(out)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.pdf").write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "in"), "-o", str(out), "-q"])
    assert result.exit_code == 1, result.output
    assert tree(out) == before
    assert "no article" in result.output
    assert "not read: " in result.output and "pdftotext" in result.output  # worded as the build summary words it


def refused(result, path):
    """One line naming `path`, exit code 2, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], lines


def test_build_into_a_file_is_refused_before_extracting(tmp_path, monkeypatch):
    target = tmp_path / "kg.ttl"
    target.write_bytes(b"not a folder\n")
    from kg import pipeline

    def extracting(*args, **kwargs):
        raise AssertionError("extracted before checking the output folder")

    monkeypatch.setattr(pipeline, "build_kb", extracting)
    refused(CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(target), "-q"]), target)
    assert target.read_bytes() == b"not a folder\n"


def test_build_into_a_folder_under_a_file_is_refused_before_extracting(tmp_path, monkeypatch):
    (tmp_path / "afile").write_bytes(b"x")
    target = tmp_path / "afile" / "out"
    from kg import pipeline

    def extracting(*args, **kwargs):
        raise AssertionError("extracted before checking the output folder")

    monkeypatch.setattr(pipeline, "build_kb", extracting)
    refused(CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(target), "-q"]), tmp_path / "afile")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_a_build_that_cannot_write_says_so_in_one_line_and_keeps_the_previous_outputs(tmp_path, monkeypatch):
    """A folder that turns out unwritable at write time (root ignores permissions, so it is simulated)."""
    out = tmp_path / "out"
    before = previous_outputs(out)
    from kg import graph

    def denied(graph_, path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(graph, "write", denied)
    refused(CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "-q", "--no-views"]), out)
    assert tree(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".build-")]


@pytest.fixture
def graph_in_output(tmp_path, monkeypatch):
    """A built graph at output/kg.ttl under a fresh working folder, marked so that a rewrite shows."""
    from kg import graph as kg_graph

    from sample_kb import make_sample_kb

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "output" / "kg.ttl"
    kg_graph.write(kg_graph.to_graph(make_sample_kb()), path)
    path.write_bytes(b"# the built graph\n" + path.read_bytes())
    return path


def test_export_with_no_arguments_does_not_write_over_its_input(graph_in_output):
    before = graph_in_output.read_bytes()
    result = CliRunner().invoke(cli, ["export"])
    assert result.exit_code == 0, result.output
    assert graph_in_output.read_bytes() == before
    written = [Path(line) for line in result.output.splitlines()]
    assert written and all(p.exists() for p in written)
    assert all(p.resolve() != graph_in_output.resolve() for p in written)


@pytest.mark.parametrize("spelling", ["output/kg.ttl", "output/../output/kg.ttl", "absolute"])
def test_export_onto_its_input_graph_is_refused(graph_in_output, spelling):
    before = graph_in_output.read_bytes()
    target = str(graph_in_output) if spelling == "absolute" else spelling
    result = CliRunner().invoke(cli, ["export", "-o", target])
    refused(result, target)
    assert graph_in_output.read_bytes() == before


@pytest.mark.parametrize("fmt", ["ttl", "csv"])
def test_export_under_a_file_is_refused(graph_in_output, tmp_path, fmt):
    (tmp_path / "afile").write_bytes(b"x")
    target = tmp_path / "afile" / "out"
    refused(CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(target)]), tmp_path / "afile")
    assert (tmp_path / "afile").read_bytes() == b"x"


def test_csv_export_into_a_file_is_refused(graph_in_output, tmp_path):
    (tmp_path / "tables.csv").write_bytes(b"x")
    refused(CliRunner().invoke(cli, ["export", "--format", "csv", "-o", str(tmp_path / "tables.csv")]),
            tmp_path / "tables.csv")


def test_export_that_cannot_write_says_so_in_one_line(graph_in_output, tmp_path, monkeypatch):
    from kg import export as ex

    def denied(data, path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(ex, "write_bytes", denied)
    target = tmp_path / "elsewhere.ttl"
    refused(CliRunner().invoke(cli, ["export", "-o", str(target)]), target)


def test_viz_under_a_file_is_refused(graph_in_output, tmp_path):
    (tmp_path / "afile").write_bytes(b"x")
    target = tmp_path / "afile" / "views"
    refused(CliRunner().invoke(cli, ["viz", "-o", str(target)]), tmp_path / "afile")


def test_viz_that_cannot_write_says_so_in_one_line(graph_in_output, tmp_path, monkeypatch):
    from kg import views

    def denied(model, views_, folder, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(views, "write_pages", denied)
    target = tmp_path / "views"
    refused(CliRunner().invoke(cli, ["viz", "-o", str(target)]), target)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]

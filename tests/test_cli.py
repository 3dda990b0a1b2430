"""The CLI as a user meets it: help everywhere, clear errors, the main job end to end."""

import json
import subprocess
import sys

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

"""`kg explain` reads everything about an entity from a built graph: labels, relations both ways, and every
statement with its rank, quote and source."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg import graph as graph_mod
from kg import lexicon as lexicon_mod
from kg.cli import cli
from kg.explain import NotFound, explain
from kg.resolve import resolve
from sample_kb import HOSTILE_NAME, make_sample_kb
from test_resolve import longma_docs


@pytest.fixture(scope="module")
def longma_graph():
    """The graph of the 龙马 mentions of four seed articles, resolved and written as kg.graph writes it."""
    lex = lexicon_mod.load()
    return graph_mod.to_graph(resolve(longma_docs(), lex), lex)


@pytest.fixture(scope="module")
def sample_graph():
    return graph_mod.to_graph(make_sample_kb())


def section(text: str, title: str) -> str:
    """The lines of one section ("Relations", "Statements") of an explanation."""
    return text.split(f"\n{title}\n", 1)[1].split("\n\n", 1)[0]


def test_every_statement_with_rank_quote_source_and_date(longma_graph):
    text = explain(longma_graph, "龙马集团高端装备制造基地")
    assert text.startswith("龙马集团高端装备制造基地  [Project]")
    statements = section(text, "Statements")
    investments = statements.split("  totalInvestment\n", 1)[1].split("\n  locatedIn", 1)[0].splitlines()
    assert investments[0] == "    ★ 231亿元 = 23100000000 CNY  (preferred)"
    assert investments[1] == "      “这个项目总投资 231亿元” — 000_547114241c6e0ba6.txt (2022-11-15), chars 801–814"
    assert investments[2].startswith("    · 约135亿元 = 13500000000 CNY  (normal; qualifiers 约)")
    assert "004_43cb3ee16d39d158.txt (2022-07-18)" in investments[3]
    assert investments[4].startswith("    · 185亿元") and "001_347c5c036ba7c81d.txt (2022)" in investments[5]
    assert "merged: 龙马集团高端装备制造基地 = 龙马新能源装备制造产业园: same owner (龙马)" in text
    assert "002_ce78dc1b50aca64a.txt (undated)" in text


@pytest.mark.parametrize("name, kinds", [
    ("龙马集团高端装备制造基地", ["Project"]),  # the preferred label
    ("龙马新能源装备制造产业园", ["Project"]),  # another article's name
    ("龙马 高端装备制造基地", ["Project"]),  # spaces do not matter
    ("龙马", ["Company", "Project"]),  # a label of both: both are shown
    ("集团高端", ["Project"]),  # part of one name only
    ("project/龙马集团高端装备制造基地", ["Project"]),  # the id
])
def test_finds_by_label_id_or_unique_part(longma_graph, name, kinds):
    text = explain(longma_graph, name)
    heads = [line for line in text.splitlines() if line.endswith("]") and not line.startswith(" ")]
    assert [h.rsplit("[", 1)[1][:-1] for h in heads] == kinds


def test_relations_both_ways(longma_graph, sample_graph):
    project = section(explain(longma_graph, "龙马集团高端装备制造基地"), "Relations").splitlines()
    assert project == ["  developer → 龙马集团", "  locatedIn → 科尔沁区"]
    company = section(explain(longma_graph, "龙马集团"), "Relations").splitlines()
    assert company == ["  ← developer of 龙马集团高端装备制造基地"]
    base = section(explain(sample_graph, "100万千瓦外送风电基地项目"), "Relations")
    assert "  ← partOf of 道老杜50万千瓦风电项目" in base.splitlines()
    supplier = explain(sample_graph, HOSTILE_NAME)
    assert "supplies → 通辽市青格洱新能源有限公司" in supplier


def test_gazetteer_place_with_its_hierarchy(longma_graph):
    text = explain(longma_graph, "科尔沁区")
    assert text.startswith("科尔沁区  [County, Place]")
    assert "  withinPlace → 通辽市" in text


def test_the_graph_holds_the_places_the_articles_name_not_the_whole_gazetteer(longma_graph):
    """The 龙马 articles name 科尔沁区 (in 通辽市, in 内蒙古自治区), not 奈曼旗: it is not in their graph."""
    with pytest.raises(NotFound):
        explain(longma_graph, "奈曼旗")
    assert explain(longma_graph, "内蒙古自治区").startswith("内蒙古自治区  [")


@pytest.mark.parametrize("name, message, candidates", [
    ("科尔沁", "'科尔沁' is part of ", ["科尔沁区", "科尔沁左翼中旗", "科尔沁左翼后旗"]),
    ("龙马集团高端装备制造基地二期", "No entity is named '龙马集团高端装备制造基地二期'. Close names: 龙马集团高端装备制造基地", []),
])
def test_not_found_lists_candidates(seed_graph, name, message, candidates):
    with pytest.raises(NotFound) as caught:
        explain(seed_graph, name)
    text = str(caught.value)
    assert text.startswith(message) and all(f" {c}," in text or f" {c}." in text for c in candidates), text


def test_cli_explain(longma_graph, tmp_path):
    path = graph_mod.write(longma_graph, tmp_path / "kg.ttl")
    ok = CliRunner().invoke(cli, ["explain", "龙马新能源装备制造产业园", "--graph", str(path)])
    assert ok.exit_code == 0, ok.output
    assert ok.output == explain(graph_mod.load(path), "龙马新能源装备制造产业园") + "\n"
    missing = CliRunner().invoke(cli, ["explain", "制造", "--graph", str(path)])
    assert missing.exit_code == 1 and "Give the whole name." in missing.output

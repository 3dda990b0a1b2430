"""The build summary: counts, and the largest disagreements first, not thousands of lines."""

from decimal import Decimal
from pathlib import Path

import pytest

from kg.model import TOTAL_INVESTMENT, Disagreement, Evidence, KnowledgeBase, Quantity, Statement
from kg.pipeline import BuildReport
from kg.report import SHOWN_DISAGREEMENTS, largest_first, print_build_report


def _report(n: int, tmp_path: Path) -> BuildReport:
    return BuildReport(out_dir=tmp_path, documents=3,
                       disagreements=[f"项目{i} totalInvestment: {i}亿元 vs {i + 1}亿元" for i in range(n)])


def test_a_long_list_shows_the_first_few_and_where_the_rest_are(tmp_path, capsys):
    print_build_report(_report(SHOWN_DISAGREEMENTS + 15, tmp_path))
    out = capsys.readouterr().out
    assert f"{SHOWN_DISAGREEMENTS + 15} disagreements between sources" in out
    assert str(tmp_path / "resolution.json") in out and "kg query disagreements" in out
    shown = [line for line in out.splitlines() if line.startswith("  项目")]
    assert shown == [f"  项目{i} totalInvestment: {i}亿元 vs {i + 1}亿元" for i in range(SHOWN_DISAGREEMENTS)]


def test_a_short_list_is_shown_whole(tmp_path, capsys):
    print_build_report(_report(3, tmp_path))
    out = capsys.readouterr().out
    assert "3 disagreements between sources:" in out and "resolution.json" not in out
    assert len([line for line in out.splitlines() if line.startswith("  项目")]) == 3


def _statement(n: int, subject: str, doc: str, value: str) -> Statement:
    """A total investment in 亿元, or a county (an entity id)."""
    if not value.startswith("place/"):
        value = Quantity("money", Decimal(value) * 100_000_000, "CNY", f"{value}亿元")
    return Statement(f"stmt/{n}", subject, TOTAL_INVESTMENT, value, Evidence(doc, 0, 0, 1, "总"))


@pytest.mark.parametrize("values, expected_first", [
    ({"小差": ["100", "90"], "大差": ["100", "10"]}, "大差"),  # 90% apart before 10% apart
    ({"两篇": ["100", "50"], "三篇": ["100", "50", "50"]}, "三篇"),  # as far apart: more articles first
    ({"数字": ["100", "5"], "县": ["place/奈曼旗", "place/开鲁县"]}, "县"),  # two counties: wholly different
])
def test_the_largest_relative_difference_comes_first(values, expected_first):
    kb = KnowledgeBase()
    for name, numbers in values.items():
        sts = [_statement(len(kb.statements) + i, name, f"doc{i}", v) for i, v in enumerate(numbers)]
        kb.statements += sts
        kb.disagreements.append(Disagreement(name, TOTAL_INVESTMENT, tuple(st.id for st in sts), f"{name}: ..."))
    assert largest_first(kb)[0].entity == expected_first


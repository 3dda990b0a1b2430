"""The Python API: kg.build, kg.load, KnowledgeGraph.query/explain/find/export, Rows and their DataFrame."""

from decimal import Decimal

import pytest

import kg
from kg import query as q
from kg.explain import explain

from conftest import SEEDS


@pytest.fixture(scope="module")
def g():
    return kg.build([SEEDS])


def test_build_in_memory_writes_nothing_and_answers_as_the_cli(g, seed_build, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert isinstance(g, kg.KnowledgeGraph) and len(g) > 1000
    assert g.report.documents == 5
    _, out = seed_build
    rows = g.query("largest-projects")
    columns, expected = q.run("largest-projects", out / "kg.ttl")
    assert rows.columns == columns
    assert [tuple(r.values()) for r in rows] == [tuple(v.toPython() if v is not None else None for v in row)
                                                for row in expected]
    assert isinstance(rows[0]["total_yuan"], Decimal) and isinstance(rows[0]["articles"], int)
    assert rows[0]["total_yuan"] >= rows[-1]["total_yuan"]
    assert list(tmp_path.iterdir()) == []


def test_parameters_are_keywords_and_bound(g):
    rows = g.query("company-projects", company="集团")
    assert rows and all("集团" in r["company_name"] for r in rows)
    with pytest.raises(q.QueryError, match="has no parameter"):
        g.query("company-projects", firm="x")
    assert g.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://tongliao-kg.org/ns#Project> }")[0]["n"] > 0


def test_rows_as_a_dataframe(g):
    pd = pytest.importorskip("pandas")
    rows = g.query("largest-projects")
    df = rows.df
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == rows.columns and len(df) == len(rows)
    assert df["total_yuan"].dtype.kind in "if"  # money is numeric in the frame
    assert df["total_yuan"].iloc[0] == int(rows[0]["total_yuan"])


def test_explain_find_and_export(g, tmp_path):
    assert g.explain("开鲁县") == explain(g.graph, "开鲁县")
    found = g.find("horqin")
    assert {"科尔沁区"} <= {r["name"] for r in found}
    assert all(r["sources"] >= 0 for r in found)
    written = g.export("csv", tmp_path / "tables")
    assert {p.name for p in written} >= {"projects.csv", "companies.csv"}
    (ttl,) = g.export("ttl", tmp_path / "kg.ttl")
    assert kg.load(ttl).query("largest-projects") == g.query("largest-projects")


def test_build_with_out_writes_what_kg_build_writes(tmp_path, seed_build):
    built = kg.build([SEEDS], out=tmp_path / "out")
    assert (tmp_path / "out" / "kg.ttl").read_bytes() == (seed_build[1] / "kg.ttl").read_bytes()
    assert built.report.validation == []
    with pytest.raises(FileNotFoundError, match="no-such"):
        kg.build([tmp_path / "no-such"])

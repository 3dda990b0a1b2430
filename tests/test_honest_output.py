"""What the commands say about what they did: skipped files named with their reason, progress for every
slow stage, a summary that stays short, focus pages that stay, hints that work, counts that hold."""

import contextlib
import re
import shutil
from decimal import Decimal

import pytest
from click.testing import CliRunner
from rdflib import RDF, Literal
from rdflib.namespace import SKOS, XSD

from kg import corpus, query, report, views
from kg import graph as kg_graph
from kg.cli import cli
from kg.model import TOTAL_INVESTMENT, Entity, Evidence, KnowledgeBase, Quantity, Statement
from kg.pipeline import build, summarise
from kg.vocab import ID, TKG

from conftest import SEEDS
from sample_kb import make_sample_kb

PDF_REASON = "PDF is not read: convert it to text (pdftotext)"


@pytest.fixture()
def mixed_folder(tmp_path):
    """One article and the other files a folder of articles tends to hold."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("004_*.txt")), folder / "article.txt")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (folder / "notes.md").write_text("# 笔记\n通辽市科尔沁区龙马集团高端装备制造基地项目总投资231亿元。", encoding="utf-8")
    (folder / "report.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (folder / "README").write_text("这些是文章。", encoding="utf-8")
    (folder / "article.txt.meta.json").write_text('{"date": "2022-07-18"}', encoding="utf-8")  # metadata, read
    (folder / ".hidden.pdf").write_bytes(b"%PDF-1.4")  # hidden files stay out of sight
    return folder


# ---- skipped files ------------------------------------------------------------------------------


def test_every_file_of_another_type_in_a_folder_is_named_with_its_reason(mixed_folder):
    sources, problems = corpus.read_sources([mixed_folder])
    assert [s.meta.path for s in sources] == [str(mixed_folder / "article.txt")]
    by_file = {p.path: p for p in problems}
    assert set(by_file) == {str(mixed_folder / n) for n in ("scan.pdf", "notes.md", "report.docx", "README")}
    assert by_file[str(mixed_folder / "scan.pdf")].message.startswith(PDF_REASON)
    assert ".md" in by_file[str(mixed_folder / "notes.md")].message
    assert all(p.ignored for p in problems)  # found by walking a folder: listed, not an error


def test_kg_build_lists_them_and_exit_code_follows_the_readme(mixed_folder, tmp_path):
    result = CliRunner().invoke(cli, ["build", str(mixed_folder), "-o", str(tmp_path / "out"), "--no-views",
                                      "-q"])
    assert result.exit_code == 0, result.output  # files of other types found in a folder: listed, exit 0
    for name in ("scan.pdf", "notes.md", "report.docx", "README"):
        assert re.search(rf"not read: \S*{re.escape(name)}: ", result.output), result.output
    assert PDF_REASON in result.output
    named = CliRunner().invoke(cli, ["build", str(mixed_folder / "article.txt"), str(mixed_folder / "scan.pdf"),
                                     "-o", str(tmp_path / "out2"), "--no-views", "-q"])
    assert named.exit_code == 1  # a file named on the command line that is not read: exit 1
    assert f"skipped: {mixed_folder / 'scan.pdf'}: {PDF_REASON}" in named.output


# ---- progress -----------------------------------------------------------------------------------


def test_every_build_stage_reports_progress(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("004_*.txt")), folder)
    seen = []
    build([folder], tmp_path / "out", progress=lambda stage, done, total: seen.append((stage, done, total)))
    stages = list(dict.fromkeys(s for s, _, _ in seen))
    for stage in ("resolve", "graph", "write", "validate", "views"):
        assert stage in stages, stages
        assert (stage, 1, 1) in seen or any(s == stage and d == t for s, d, t in seen)  # each one finishes


def test_viz_export_and_explain_show_progress(tmp_path, monkeypatch):
    seen = []

    @contextlib.contextmanager
    def recording(enabled=True):
        yield (lambda stage, done, total: seen.append(stage)) if enabled else None

    monkeypatch.setattr(report, "progress_printer", recording)
    ttl = kg_graph.write(kg_graph.to_graph(make_sample_kb()), tmp_path / "kg.ttl")
    for args in (["viz", "-o", str(tmp_path / "views")], ["export", "-o", str(tmp_path / "kg.nt"), "--format", "nt"],
                 ["explain", "龙马集团高端装备制造基地"]):
        seen.clear()
        result = CliRunner().invoke(cli, [*args, "--graph", str(ttl)])
        assert result.exit_code == 0, result.output
        assert "read graph" in seen, (args, seen)
    seen.clear()
    views.write_views(kg_graph.load(ttl), tmp_path / "v2", progress=lambda s, d, t: seen.append((s, d, t)))
    assert ("views", len(seen), len(seen)) in seen and len(seen) > 2  # one step per page


# ---- the build summary ---------------------------------------------------------------------------


def _disagreeing_kb(entities: int, articles: int) -> KnowledgeBase:
    kb = KnowledgeBase()
    for e in range(entities):
        subject = f"project/项目{e}"
        kb.entities[subject] = Entity(subject, "Project", f"项目{e}")
        for a in range(articles):
            value = Quantity("money", Decimal(a + 1) * 100_000_000, "CNY", f"{a + 1}亿元")
            kb.statements.append(Statement(f"stmt/{e}-{a}", subject, TOTAL_INVESTMENT, value,
                                           Evidence(f"doc{a:03d}", 0, 0, 1, "总", f"2020-{a % 12 + 1:02d}")))
    from kg.resolve import disagreements
    kb.disagreements = disagreements(kb)
    return kb


def test_the_summary_shows_ten_disagreements_each_on_a_short_line_and_counts_the_rest(tmp_path, capsys):
    kb = _disagreeing_kb(entities=14, articles=40)
    report.print_build_report(summarise(kb, tmp_path))
    out = capsys.readouterr().out
    shown = [line for line in out.splitlines() if line.startswith("  项目")]
    assert len(shown) == report.SHOWN_DISAGREEMENTS
    for line in shown:
        assert len(re.findall(r"doc\d{3}", line)) <= 10, line  # not every source on one line
        assert "more" in line  # and says how many it leaves out
    assert re.search(r"\b4 more\b", out)  # 14 disagreements, 10 shown


# ---- focus pages -------------------------------------------------------------------------------


def test_a_second_focus_keeps_the_first_focus_page(tmp_path):
    ttl = kg_graph.write(kg_graph.to_graph(make_sample_kb()), tmp_path / "kg.ttl")
    out = tmp_path / "views"
    for name in ("青格洱", "龙马集团高端装备制造基地"):
        result = CliRunner().invoke(cli, ["viz", "--graph", str(ttl), "-o", str(out), "--focus", name])
        assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in out.glob("focus-*.html"))
    assert len(pages) == 2 and any("青格洱" in p for p in pages) and any("龙马" in p for p in pages)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(p in index for p in pages)


# ---- hints -------------------------------------------------------------------------------------


def test_the_hint_for_an_unknown_focus_is_a_command_that_works(tmp_path):
    ttl = kg_graph.write(kg_graph.to_graph(make_sample_kb()), tmp_path / "kg.ttl")
    result = CliRunner().invoke(cli, ["viz", "--graph", str(ttl), "-o", str(tmp_path / "v"), "--focus", "ZZZQQQ"])
    assert result.exit_code == 1
    hinted = re.findall(r"`kg ([^`]+)`", result.output)
    assert hinted, result.output
    for command in hinted:
        ran = CliRunner().invoke(cli, [*command.split(), "--graph", str(ttl)])
        assert ran.exit_code == 0, (command, ran.output)
        assert "龙马集团高端装备制造基地" in ran.output  # it lists entities


# ---- counts that hold --------------------------------------------------------------------------


def test_largest_projects_gives_twenty_different_projects():
    g = kg_graph.to_graph(make_sample_kb())
    for i in range(25):
        p = ID[f"project/测试项目{i}"]
        g.add((p, RDF.type, TKG.Project))
        g.add((p, SKOS.prefLabel, Literal(f"测试项目{i}", lang="zh")))
        g.add((p, TKG.totalInvestment, Literal(Decimal(10 ** 12 + i), datatype=XSD.decimal)))
    twice = ID["project/测试项目24"]  # two preferred totals (a tie): still one project
    g.add((twice, TKG.totalInvestment, Literal(Decimal(10 ** 12 + 20), datatype=XSD.decimal)))  # both in the top 20
    columns, rows = query.run("largest-projects", g)
    projects = [r[columns.index("project")] for r in rows]
    assert len(projects) == 20 and len(set(projects)) == 20
    assert "20" in query.load_query("largest-projects").question


@pytest.mark.parametrize("name", ["projects-by-county", "projects-without-investment"])
def test_projects_without_a_county_come_last(name):
    g = kg_graph.to_graph(make_sample_kb())
    p = ID["project/无处项目"]
    g.add((p, RDF.type, TKG.Project))
    g.add((p, SKOS.prefLabel, Literal("无处项目", lang="zh")))
    columns, rows = query.run(name, g)
    counties = [r[columns.index("county")] for r in rows]
    assert None in counties and any(c is not None for c in counties)
    first_unknown = counties.index(None)
    assert all(c is None for c in counties[first_unknown:]), counties

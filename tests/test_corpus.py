"""Reading articles: encodings, HTML, traditional script, metadata, and bad input that must not stop a build."""

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import corpus
from kg.corpus import (date_from_text, decode, detect_script, doc_ids, find_files, normalise_date,
                       read_sources, to_simplified)

TESTS = Path(__file__).resolve().parent
SEEDS = TESTS.parent / "seeds"
DEV = TESTS / "data" / "dev"
INPUT = TESTS / "data" / "input"


def read_one(path: Path):
    sources, problems = read_sources([path])
    assert not problems, [str(p) for p in problems]
    assert len(sources) == 1
    return sources[0]


# ---- encodings ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, encoding", [
    ("utf8.txt", "utf-8"),
    ("utf8_bom.txt", "utf-8-sig"),
    ("utf16le_bom.txt", "utf-16-le"),
    ("utf16be_bom.txt", "utf-16-be"),
    ("gb18030.txt", "gb18030"),
])
def test_encodings(name, encoding):
    source = read_one(INPUT / name)
    assert source.meta.encoding == encoding
    assert source.original.startswith("发布日期：2021-06-15\n某县新材料产业园")  # no byte-order mark left
    assert "总投资12亿元" in source.original
    assert source.meta.date == "2021-06-15" and source.meta.date_source == "text"


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty file"),
    ("blank.txt", "empty file"),
    ("binary.txt", "binary file"),
    ("utf16_no_bom.txt", "UTF-16 without a byte-order mark"),
    ("latin1.txt", "cannot decode"),
    ("big5.txt", "Big5 or another encoding"),
    ("noise.txt", "no article text"),
])
def test_bad_input_is_a_problem(name, reason):
    sources, problems = read_sources([INPUT / name])
    assert sources == []
    assert [str(p) for p in problems] == [f"{INPUT / name}: {problems[0].message}"]
    assert reason in problems[0].message


def test_decode_never_guesses():
    text = "某县项目建设现场会召开，观摩项目12个，总投资86亿元，其中工业项目9个。"
    assert decode(text.encode("gb18030")) == (text, "gb18030")
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    with pytest.raises(corpus.InputError, match="Big5"):
        decode("某縣項目建設現場會召開，觀摩項目12個，總投資86億元，其中工業項目9個。".encode("big5"))
    with pytest.raises(corpus.InputError, match="byte-order mark"):
        decode(b"\xff\xfe" + b"\x00\xd8")  # a lone surrogate is not UTF-16


def test_mixed_folder():
    """Good files load, every bad one is a one-line problem; hidden files are skipped, files of other types
    are listed as not read (ignored problems)."""
    sources, problems = read_sources([INPUT])
    ids = [s.meta.doc_id for s in sources]
    assert ids == ["bad_sidecar", "utf8", "gb18030", "a", "b", "page_gbk", "sidecar", "traditional",
                   "utf16be_bom", "utf16le_bom", "utf8-2", "utf8_bom"]
    assert not any(".hidden" in s.meta.path or s.meta.path.endswith(".md") for s in sources)
    bad = {Path(p.path).name for p in problems if not p.ignored}
    assert {Path(p.path).name for p in problems if p.ignored} == {"notes.md"}
    assert bad == {"bad_sidecar.txt.meta.json", "big5.txt", "binary.txt", "blank.txt", "empty.txt", "latin1.txt",
                   "sources.jsonl", "noise.txt", "utf16_no_bom.txt"}
    assert all("\n" not in str(p) for p in problems)
    again, _ = read_sources([INPUT])
    assert [s.meta.doc_id for s in again] == ids  # stable ids


def test_find_files_sorted_recursive():
    files = find_files([INPUT])
    assert files == sorted(files)
    assert INPUT / "listed" / "b.htm" in files
    assert all(f.suffix in (".txt", ".html", ".htm") for f in files)
    assert not any(part.startswith(".") for f in files for part in f.relative_to(INPUT).parts)


def test_same_file_twice_is_read_once():
    sources, _ = read_sources([INPUT / "listed", INPUT / "listed" / "a.txt"])
    assert [s.meta.doc_id for s in sources] == ["a", "b"]


@pytest.mark.parametrize("stems, expected", [
    (["a/x.txt", "b/x.txt", "c/x-2.txt"], ["x", "x-3", "x-2"]),
    (["x.txt", "x.html", "y.txt"], ["x", "x-2", "y"]),
])
def test_doc_ids_unique(stems, expected):
    assert doc_ids([Path(s) for s in stems]) == expected


def test_huge_file_is_skipped(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(corpus.MAX_BYTES + 1)
    (tmp_path / "ok.txt").write_text("某市重点项目集中开工，总投资50亿元，年内建成投产。", encoding="utf-8")
    sources, problems = read_sources([tmp_path])
    assert [s.meta.doc_id for s in sources] == ["ok"]
    assert len(problems) == 1 and problems[0].path == str(big)
    assert "larger than 20 MB" in problems[0].message


def test_unreadable_file(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("某市重点项目集中开工，总投资50亿元，年内建成投产。", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("某县项目建设现场会召开，总投资86亿元。", encoding="utf-8")
    read_bytes = Path.read_bytes

    def denied(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    sources, problems = read_sources([tmp_path])
    assert [s.meta.doc_id for s in sources] == ["ok"]
    assert [str(p) for p in problems] == [f"{locked}: cannot read: Permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file_permissions(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("某市重点项目集中开工，总投资50亿元，年内建成投产。", encoding="utf-8")
    locked.chmod(0)
    sources, problems = read_sources([tmp_path])
    assert sources == [] and "Permission denied" in problems[0].message


def test_broken_link_and_missing_path(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    sources, problems = read_sources([tmp_path, tmp_path / "missing"])
    assert sources == []
    assert sorted(str(p) for p in problems) == sorted([
        f"{tmp_path / 'gone.txt'}: cannot read: No such file or directory",
        f"{tmp_path / 'missing'}: no such file or folder"])


# ---- HTML -----------------------------------------------------------------------------------------


def test_html_page_is_its_article():
    sources, _ = read_sources([INPUT / "listed" / "b.htm"])  # the listing's bad line is another test
    (source,) = sources
    assert source.meta.media_type == "text/html"
    assert source.meta.title == "某市招商引资签约仪式举行"
    assert source.original.split("\n") == [
        "12月1日，某市招商引资项目集中签约仪式举行，共签约项目18个，签约总额120亿元。",
        "其中，某某新能源有限公司风电装备制造项目总投资30亿元，建成后可实现年产值50亿元。",
        "签约项目涵盖新能源、新材料、现代农牧业等领域。"]


def test_html_in_gb18030_with_meta_date():
    source = read_one(INPUT / "page_gbk.html")
    assert (source.meta.encoding, source.meta.date, source.meta.date_source) == ("gb18030", "2022-08-09", "text")
    assert "年产20万吨乙二醇项目" in source.original
    for chrome in ("首页", "新闻中心", "主办单位"):
        assert chrome not in source.original


def test_html_sniffed_in_a_txt_file(tmp_path):
    page = tmp_path / "saved.txt"
    page.write_text("<!DOCTYPE html><html><head><title>某旗项目开工</title></head><body><nav>首页 导航</nav>"
                    "<div><p>某旗光伏发电项目开工建设，总投资8亿元，年内并网发电。</p></div>"
                    "<script>document.write('广告位招租广告位招租')</script></body></html>", encoding="utf-8")
    source = read_one(page)
    assert source.meta.media_type == "text/html"
    assert source.original == "某旗光伏发电项目开工建设，总投资8亿元，年内并网发电。"


# ---- traditional script ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, script", [
    ("今年以來,科左后旗堅決守住發展的底線,科學謀劃明年工作思路和舉措", "traditional"),
    ("今年以来，科左后旗坚决守住发展的底线，科学谋划明年工作思路和举措", "simplified"),
    ("全市重点项目建设现场会召开，乾隆年间的古建筑群得到保护", "simplified"),
    ("", "simplified"),
])
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_traditional_file():
    source = read_one(INPUT / "traditional.txt")
    assert source.meta.script == "traditional"
    assert len(source.simplified) == len(source.original)
    assert "某县新材料产业园年产10万吨铝合金项目开工建设" in source.simplified
    assert "某縣新材料產業園年產10萬噸鋁合金項目開工建設" in source.original
    assert source.meta.date == "2018-09-26"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("後來發髮乾隆著於裏頭項目總投資億元麵條臺灣檯燈，。\n ab12")), max_size=80))
def test_simplified_has_the_same_length(text):
    assert len(to_simplified(text)) == len(text)


# ---- metadata -------------------------------------------------------------------------------------


def test_sidecar_metadata():
    meta = read_one(INPUT / "sidecar.txt").meta
    assert (meta.title, meta.date, meta.date_source, meta.url) == (
        "某市重点项目集中开工", "2020-03-05", "sidecar", "http://example.org/a.html")


def test_bad_sidecar_is_reported_and_the_article_still_loads():
    sources, problems = read_sources([INPUT / "bad_sidecar.txt"])
    assert [s.meta.doc_id for s in sources] == ["bad_sidecar"]
    assert sources[0].meta.date_source == "none"
    assert len(problems) == 1 and problems[0].path.endswith("bad_sidecar.txt.meta.json")


def test_sources_jsonl():
    sources, problems = read_sources([INPUT / "listed"])
    meta = {s.meta.doc_id: s.meta for s in sources}
    assert (meta["a"].date, meta["a"].date_source) == ("2016", "sources.jsonl")
    assert meta["a"].url == "http://example.org/a"
    # the listing wins over the page's own meta tag
    assert (meta["b"].date, meta["b"].date_source) == ("2019-12-02", "sources.jsonl")
    assert [p.message.split(":")[0] for p in problems] == ["line 3"]


@pytest.mark.parametrize("name, year, script", [
    ("t02.txt", "2017", "traditional"),
    ("o04.txt", "2018", "traditional"),
    ("o11.txt", "2023", "simplified"),
])
def test_dev_listing(name, year, script):
    meta = read_one(DEV / name).meta
    assert (meta.date, meta.date_source, meta.script) == (year, "sources.jsonl", script)
    assert meta.url.startswith("http")


@pytest.mark.parametrize("prefix, date", [
    ("000_", "2022-11"),  # 转眼已是2022年冬季 … 11月9日至11月11日 (latest month named in the past)
    ("001_", "2022"),  # 2023年/2024年 are plans (计划…, 预计…); no month named
    ("003_", "2025"),  # 2024年8月开工，预计今年8月试生产
    ("004_", "2022-08"),  # 6月底封闭完成，8月份正式投入生产
    ("002_", "2025-09"),  # 2024年电解铝产量达269.9万吨 (a closed year) … 今年前三季度 … 今年1—9月
])
def test_seed_dates_from_text(prefix, date):
    (path,) = SEEDS.glob(prefix + "*.txt")
    meta = read_one(path).meta
    assert (meta.doc_id, meta.date[:len(date)], meta.date_source) == (path.stem, date, "text")


@pytest.mark.parametrize("text, date", [
    ("发布时间: 2018-5-24 15:40:17 被阅览数: 2591 次 |", "2018-05-24"),
    ("发表于 2021-6-15 08:48:57 | 显示全部楼层", "2021-06-15"),
    ("时间:2021-07-05 来源:中新网广西", "2021-07-05"),
    ("通辽日报/2024 年/1 月/25 日/第 001 版\n以项目建设新成效推动经济社会高质量发展", "2024-01-25"),
    ("分享\n河南日报  2019-07-15 09:03:26\n河南日报讯:7月12日上午", "2019-07-15"),
    ("时光如梭，转眼已是2022年冬季。2021年9月以来，全市组建招商队。", "2022"),
    ("项目2024年8月开工，预计今年8月试生产。", "2025"),
    ("项目于2021年投产。二期计划2023年建成，力争到2025年达产。", "2021"),
    ("截至2022年10月底，完成投资296亿元。", "2022"),
    ("5月19日，召开全市重点项目建设现场会。", None),
    # made-up: a whole year's result beside part of this year puts the article in the next year
    ("2023年全市工业产值突破千亿元。今年上半年，新开工项目86个。", "2024"),
    ("2023年以来，新开工项目86个。今年上半年完成投资42亿元。", "2023"),  # 以来: the year is still running
    ("2023年全市计划完成投资300亿元。今年前三季度完成投资210亿元。", "2023"),  # a plan closes nothing
])
def test_date_from_text(text, date):
    assert date_from_text(text) == date


@pytest.mark.parametrize("value, iso", [
    ("2021-6-15", "2021-06-15"), ("2021/06/15 08:00", "2021-06-15"), ("2021年6月15日", "2021-06-15"),
    ("2022-08-09T08:00:00+08:00", "2022-08-09"), ("2021-06", "2021-06"), (2016, "2016"), ("2016", "2016"),
    ("2021-13-01", None), ("昨天", None), (None, None),
])
def test_normalise_date(value, iso):
    assert normalise_date(value) == iso


def test_seed_ids_and_titles():
    sources, problems = read_sources([SEEDS])
    assert not problems
    assert [s.meta.doc_id for s in sources] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    titles = {s.meta.doc_id[:3]: s.meta.title for s in sources}
    assert titles["000"] == "在构建新发展格局中打造发展新优势"  # the doubled captions above it are not titles
    assert titles["004"] == "通辽：“一切围着项目转”为高质量发展蓄势聚能"


def test_listing_lines_need_a_file_key(tmp_path):
    (tmp_path / "x.txt").write_text("某市重点项目集中开工，总投资50亿元，年内建成投产。", encoding="utf-8")
    (tmp_path / "sources.jsonl").write_text(json.dumps({"url": "http://example.org"}) + "\n", encoding="utf-8")
    sources, problems = read_sources([tmp_path])
    assert sources[0].meta.url is None
    assert "'file'" in problems[0].message

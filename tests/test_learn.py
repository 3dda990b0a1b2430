"""The learned name layer (kg.learn, kg.nlp.names): gold spans, features, decoding, reconciling, training."""

import json
from pathlib import Path

import pytest

from kg import clean, corpus
from kg.learn import corpora, goldspans
from kg.learn.features import WordLists, doc_votes, document_features, word_tags
from kg.learn.tagger import KINDS, NameTagger, TaggedSpan, decode, model_file
from kg.learn.train import Example, examples, fit
from kg.nlp.names import NameLayer

REAL = Path(__file__).resolve().parent / "data" / "real"


def read_document(path: Path):
    sources, problems = corpus.read_sources([path])
    assert not problems
    return clean.clean_source(sources[0])


def test_gold_spans_are_found_in_traditional_text_with_pinyin_noise():
    # n02 is traditional script with inline pinyin (設(shè)): the cleaner drops the readings, the spans
    # are found through the offset map and in the cleaned, simplified text
    document = read_document(REAL / "shared-n" / "texts" / "n02.txt")
    surfaces = goldspans.surfaces_by_doc(goldspans.read_gold(REAL / "shared-n" / "gold.json"))["n02.txt"]
    spans = goldspans.spans_in(document, surfaces)
    projects = {document.text[s:e] for s, e in spans["projects"]}
    assert "霍林郭勒市铝加工设备制造及维修项目" in projects
    assert "三期年产10万吨铝箔项目" in projects
    companies = {document.text[s:e] for s, e in spans["companies"]}
    assert "河北诚达设备制造公司" in companies
    for kind in KINDS:  # spans of one kind never overlap: the longer surface won
        ordered = spans[kind]
        assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:]))


def test_fold_keeps_offsets():
    text = "占地5000㎡，总投资１２亿元"
    assert len(goldspans.fold(text)) == len(text)
    assert goldspans.fold("項目") == "项目"


def test_features_carry_rule_votes_and_word_shapes(lex, rules):
    text = "高新区虹泰聚酰胺树脂项目近期开工。"
    doc = rules(text)
    feats = document_features(text, doc_votes(doc), WordLists.from_lexicon(lex))
    assert len(feats) == len(text)
    first = {s.start_char for s in doc.spans["projects"]}
    assert first and all("P=B" in feats[i] for i in first)  # the rule's project spans start with a vote
    assert "he=2" in feats[text.index("项目") + 1]  # a head word ends here
    tags = word_tags(text)
    assert tags[text.index("虹泰")] == "x"  # single characters jieba could not join: a brand's shape
    assert tags[text.index("近期")].startswith("B4|近期")  # a common word, by identity


def test_decode_reads_spans_from_tags():
    assert decode(list("OBIIOBIO")) == [(1, 4), (5, 7)]
    assert decode(list("IIOB"), offset=10) == [(10, 12), (13, 14)]  # an I after O starts a span
    assert decode([]) == []


def test_reconcile_moves_an_edge_adds_a_name_and_drops_a_fragment(lex, rules, tmp_path):
    text = "会人员还前往河北镇蛇山新区项目现场。森厚加气站项目已开工。"
    doc = rules(text)
    layer = NameLayer(lex, tmp_path, {"fix": 0.6, "add": 0.7, "drop": 0.15})  # no models there: only the rules
    good = (text.index("河北镇"), text.index("项目现场") + 2)
    brand = (text.index("森厚"), text.index("森厚") + 2)
    prob = [0.0] * len(text)
    for i in range(*good):
        prob[i] = 0.9
    doc.spans["companies"] = [doc.char_span(0, 6, label="Company")]  # a fragment a rule took for a company
    layer.reconcile(doc, "companies", [TaggedSpan(*brand, 0.8)], [0.0] * len(text))
    assert [s.text for s in doc.spans["companies"]] == ["森厚"]  # fragment dropped (P(name) 0), brand added
    rule_projects = [s.text for s in doc.spans["projects"] if s.label_ == "Project"]
    layer.reconcile(doc, "projects", [TaggedSpan(*good, 0.9)], prob)
    fixed = [s.text for s in doc.spans["projects"] if s.label_ == "Project"]
    assert "河北镇蛇山新区项目" in fixed
    assert not any(t.startswith("会人员") for t in fixed), rule_projects


def test_training_is_deterministic_and_the_models_tag(tmp_path, lex):
    train_set = [c for c in corpora.invented_corpora() if c.name == "holdout4"]
    exs = examples(train_set, lex)
    assert exs and all(isinstance(e, Example) for e in exs)
    params = {"max_iterations": 15}
    fit(exs, tmp_path / "a", params)
    fit(exs, tmp_path / "b", params)
    for kind in KINDS:
        assert model_file(tmp_path / "a", kind).read_bytes() == model_file(tmp_path / "b", kind).read_bytes()
    manifest = json.loads((tmp_path / "a" / "names.json").read_text(encoding="utf-8"))
    assert manifest["corpora"] == ["holdout4"] and manifest["articles"] == len(exs)
    tagger = NameTagger(lex, tmp_path / "a")
    ex = exs[0]
    got = tagger.tag(ex.text, {}, ex.sentences)
    assert set(got) == set(KINDS)
    assert all(len(t.name_probability) == len(ex.text) for t in got.values())


def test_training_corpora_never_hold_seeds_or_locked_sets():
    names = {c.name for c in corpora.training_corpora()}
    assert "seeds" not in names
    assert not any(n.startswith("locked") for n in names)
    assert {"shared-n", "shared-s", "r1", "dev"} <= names


def test_reconcile_keeps_a_quoted_name_and_adds_no_project_that_is_a_companys_name(lex, rules, tmp_path):
    text = "该项目系全国首个“火、风、光、储一体化”示范项目。快速推进青松装备制造、青禾金属等重点项目开工建设。"
    doc = rules(text)
    layer = NameLayer(lex, tmp_path, {"fix": 0.6, "add": 0.7, "drop": 0.15})
    brand = (text.index("青禾金属"), text.index("青禾金属") + 4)
    doc.spans["companies"] = [doc.char_span(*brand, label="Company")]
    quoted = [s.text for s in doc.spans["projects"] if s.text.startswith("“")]
    assert quoted  # the rules read the quoted name
    layer.reconcile(doc, "projects", [TaggedSpan(*brand, 0.95)], [0.0] * len(text))  # the model sees no name
    kept = [s.text for s in doc.spans["projects"]]
    assert quoted[0] in kept and "青禾金属" not in kept


@pytest.mark.parametrize("reference", ["这家公司", "与我公司", "合资公司", "知名跨国公司", "三家公司", "吉林", "蒙东"])
def test_reconcile_adds_no_company_that_is_a_reference(lex, rules, tmp_path, reference):
    # CV misses (r-sets): the model read "X公司" after a determiner or a preposition, a province or a region
    # as a name; made-up text
    text = f"青禾新材料负责运营，{reference}将新建两条生产线，ENKEN公司负责设备。"
    doc = rules(text)
    layer = NameLayer(lex, tmp_path, {"fix": 0.6, "add": 0.7, "drop": 0.0})
    doc.spans["companies"] = []
    found = [TaggedSpan(text.index(n), text.index(n) + len(n), 0.95) for n in (reference, "ENKEN公司")]
    layer.reconcile(doc, "companies", found, [0.9] * len(text))
    assert [s.text for s in doc.spans["companies"]] == ["ENKEN公司"]


def test_a_list_of_single_characters_is_compared_without_its_commas():
    from kg.resolve import norm

    assert norm("“火、风、光、储、制、研一体化”示范项目") == norm("“火风光储制研”一体化示范项目")
    assert norm("新型环保、机械、电子设备项目") == "新型环保、机械、电子设备项目"  # words stay listed

"""The learned attachment model (kg.learn.pairs, kg.learn.attacher, kg.learn.attach_train): which company
builds which project, after the developer rules."""

import json

import pytest

from kg import evaluate, nlp, relate
from kg.learn import attach_train, corpora
from kg.learn.attacher import NOTE, Attacher, model_path
from kg.learn.pairs import pairs
from kg.model import DEVELOPER, Document, DocumentMeta
from kg.paths import MODEL_DIR

# rules alone leave this builder unlinked: it opens the sentence, and a clause of other words comes between
UNLINKED = "今年4月，海南干承实业有限公司接过橄榄枝，投资5000万元建设面向垂钓爱好者的高端休闲度假区项目。"
# and this one is linked by a rule ("X与某县签约Y")
LINKED = "山东鲁南电力有限公司与某某县签约年产10万吨铝箔项目。"


def ruled(text, lex, pipe):
    document = Document(DocumentMeta(doc_id="t", path="t.txt"), text, text, list(range(len(text) + 1)))
    return relate.ruled(document, pipe(text), lex)


def names(s, pair):
    return s.entities[pair.project].name, s.entities[pair.company].name


def developers(s):
    return {(s.entities[f.subject].name, s.entities[f.value].name) for f in s.facts if f.prop == DEVELOPER}


def test_a_pair_says_how_the_company_and_the_project_are_written(lex, rules):
    s = ruled(UNLINKED, lex, rules)
    [pair] = pairs(s)
    assert names(s, pair) == ("高端休闲度假区项目", "海南干承实业有限公司")
    assert not pair.rule and developers(s) == set()
    f = set(pair.features)
    assert {"rule=0", "where=before", "same=sent", "clause=0", "csubj=1", "before|cue=建设", "legal=1"} <= f
    s = ruled(LINKED, lex, rules)
    [pair] = pairs(s)
    assert pair.rule and {"rule=1", "where=before", "clause=1", "cwith=0"} <= set(pair.features)


def test_companies_listed_against_projects_pair_off_in_order(lex, rules):
    text = "开发区与甲乙化工有限公司、丙丁材料有限公司分别就年产5万吨氯碱项目、年产3万吨碳材料项目签约。"
    s = ruled(text, lex, rules)
    got = {names(s, p): p.features for p in pairs(s)}
    assert "respectively=1" in got["年产5万吨氯碱项目", "甲乙化工有限公司"]
    assert "respectively=0" in got["年产5万吨氯碱项目", "丙丁材料有限公司"]
    assert "respectively=1" in got["年产3万吨碳材料项目", "丙丁材料有限公司"]


def test_labels_come_from_the_gold_projects_companies(lex, rules, tmp_path):
    text = "今年4月，海南干承实业有限公司接过橄榄枝，投资5000万元建设高端休闲度假区项目。甲乙化工有限公司也来考察。"
    gold = {"projects": [{"id": "p", "name": "高端休闲度假区项目", "companies": ["海南干承实业有限公司"],
                          "mentions": [{"doc": "t.txt", "surface": "高端休闲度假区项目"}]}],
            "companies": [{"id": "c", "name": "海南干承实业有限公司", "docs": ["t.txt"]},
                          {"id": "d", "name": "甲乙化工有限公司", "docs": ["t.txt"]}],
            "parks": []}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    s = ruled(text, lex, rules)
    labels = {names(s, p)[1]: label for p, (_, label) in zip(pairs(s), attach_train.labelled(s, evaluate.read_gold(path)))}
    assert labels == {"海南干承实业有限公司": "1", "甲乙化工有限公司": "0"}


def test_training_is_deterministic_and_the_thresholds_decide(tmp_path, lex, rules):
    holdout = [c for c in corpora.invented_corpora() if c.name == "holdout4"]
    pairs_ = attach_train.examples([(c, None) for c in holdout], None, lex)
    assert {"0", "1"} == {label for _, label in pairs_}
    info = attach_train.fit(pairs_, tmp_path / "a")
    attach_train.fit(pairs_, tmp_path / "b")
    assert model_path(tmp_path / "a").read_bytes() == model_path(tmp_path / "b").read_bytes()
    assert info["pairs"] == len(pairs_)
    # a model that adds every candidate link, and one that removes every rule link
    s = ruled(UNLINKED, lex, rules)
    Attacher(tmp_path / "a", {"attach_add": 0.0}).apply(s)
    assert developers(s) == {("高端休闲度假区项目", "海南干承实业有限公司")}
    assert all(f.note.startswith(NOTE) for f in s.facts if f.prop == DEVELOPER)
    s = ruled(LINKED, lex, rules)
    assert developers(s)
    Attacher(tmp_path / "a", {"attach_drop": 1.01}).apply(s)
    assert developers(s) == set()


@pytest.mark.skipif(not Attacher.available(MODEL_DIR), reason="no trained attachment model")
def test_the_shipped_model_links_a_builder_the_rules_miss_and_keeps_the_rules_links(lex):
    pipe = nlp.make_nlp(lex)
    document = Document(DocumentMeta(doc_id="t", path="t.txt"), UNLINKED, UNLINKED, list(range(len(UNLINKED) + 1)))
    result = relate.relate(document, pipe(UNLINKED), lex)
    by_key = {e.key: e.name for e in result.entities}
    assert {(by_key[f.subject], by_key[f.value]) for f in result.facts if f.prop == DEVELOPER} == {
        ("高端休闲度假区项目", "海南干承实业有限公司")}
    document = Document(DocumentMeta(doc_id="t", path="t.txt"), LINKED, LINKED, list(range(len(LINKED) + 1)))
    result = relate.relate(document, pipe(LINKED), lex)
    by_key = {e.key: e.name for e in result.entities}
    assert ("年产10万吨铝箔项目", "山东鲁南电力有限公司") in {
        (by_key[f.subject], by_key[f.value]) for f in result.facts if f.prop == DEVELOPER}


def test_the_pairs_do_not_depend_on_the_hash_seed(tmp_path):
    """Two processes with different string hashing read the same features (the model's bytes depend on them)."""
    import subprocess
    import sys

    script = ("from kg.learn import attach_train, corpora\n"
              "sets = [c for c in corpora.training_corpora() if c.name in ('r3', 'holdout4')]\n"
              "for f, label in attach_train.examples([(c, None) for c in sets], None):\n"
              "    print(label, ' '.join(f))\n")
    outputs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")]
    assert outputs[0] and outputs[0] == outputs[1]

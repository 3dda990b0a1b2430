"""kg/relate/developers.py: who builds a project, and how companies are related (made-up text)."""

from kg.model import DEVELOPER, PROJECT, SUBSIDIARY_OF


def pairs(s, prop: str) -> list[tuple[str, str]]:
    return sorted((s.entities[f.subject].name, s.entities[f.value].name) for f in s.facts if f.prop == prop)


def test_x_invests_in_and_builds_y(relate_state):
    s, c = relate_state("青禾新材料有限公司投资建设的年产5万吨碳纤维项目开工。")
    c.names.merge_mentions(s)
    (sent,) = s.sentences
    c.developers.sentence(s, sent, [m for m in sent.mentions if m.kind == PROJECT], None)
    assert pairs(s, DEVELOPER) == [("年产5万吨碳纤维项目", "青禾新材料有限公司")]


def test_by_x_goes_to_the_project_under_discussion(relate_state):
    s, c = relate_state("年产5万吨碳纤维项目在开鲁县开工。该项目由青禾新材料有限公司投资建设。")
    c.names.merge_mentions(s)
    current = next(m.key for m in s.sentences[0].mentions if m.kind == PROJECT)
    c.developers.sentence(s, s.sentences[1], [], current)
    assert pairs(s, DEVELOPER) == [("年产5万吨碳纤维项目", "青禾新材料有限公司")]


def test_a_wholly_owned_subsidiary(relate_state):
    s, c = relate_state("青禾新材料有限公司是青禾控股集团有限公司的全资子公司。")
    c.names.merge_mentions(s)
    c.developers.company_relations(s)
    assert pairs(s, SUBSIDIARY_OF) == [("青禾新材料有限公司", "青禾控股集团有限公司")]

"""kg/relate/state.py: the document as the relate components share it (made-up text, invented names)."""

from kg.model import DEVELOPER, LOCATED_IN, PLACE, PROJECT


def test_a_field_line_stays_in_the_paragraph_of_the_project_above_it(relate_state):
    s, _ = relate_state("青禾新材料项目开工建设。\n投资估算：约25亿元。\n另据介绍，园区还有多个项目在谈。")
    assert [sent.paragraph for sent in s.sentences] == [0, 0, 1]


def test_mentions_are_in_text_order_and_in_their_sentence(relate_state):
    s, _ = relate_state("开鲁县青禾新材料有限公司建设年产5万吨碳纤维项目。项目位于开鲁县。")
    assert [m.start for m in s.mentions] == sorted(m.start for m in s.mentions)
    for sent in s.sentences:
        assert all(sent.start <= m.start < sent.end for m in sent.mentions)
    assert sum(len(sent.mentions) for sent in s.sentences) == len(s.mentions)


def test_add_records_a_fact_once_and_only_between_known_entities(relate_state):
    s, _ = relate_state("青禾碳纤维项目位于开鲁县。")
    project, place = s.new_entity(PROJECT, "青禾碳纤维项目"), s.new_entity(PLACE, "开鲁县")
    ev = s.evidence(s.sentences[0])
    s.add(project.key, LOCATED_IN, place.key, ev)
    s.add(project.key, LOCATED_IN, place.key, ev)  # the same fact again
    s.add(project.key, DEVELOPER, "company:9", ev)  # a relation to no entity of the document
    s.add("project:9", LOCATED_IN, place.key, ev)  # about no entity of the document
    assert [(f.subject, f.prop, f.value) for f in s.facts] == [(project.key, LOCATED_IN, place.key)]
    assert s.facts_of(project.key) == list(s.facts)


def test_drop_entity_takes_its_facts_and_frees_its_mentions(relate_state):
    s, c = relate_state("青禾碳纤维项目位于开鲁县。")
    c.names.merge_mentions(s)
    (project,) = [m for m in s.mentions if m.kind == PROJECT]
    place = next(m.key for m in s.mentions if m.kind == PLACE)
    s.add(project.key, LOCATED_IN, place, s.evidence(s.sentences[0]))
    key = project.key
    s.drop_entity(key)
    assert key not in s.entities and not s.facts and project.key == ""

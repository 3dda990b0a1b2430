"""kg/relate/tables.py: projects listed as table rows or as field lists (made-up text in the genre).
tests/test_tables.py runs the same through clean and the whole relate stage."""

from decimal import Decimal

from kg.model import DEVELOPER, LOCATED_IN, PROJECT, TOTAL_INVESTMENT

HEADER = "序号\t项目名称\t建设单位\t建设地点\t总投资（亿元）\t建设内容"


def facts(s) -> list[tuple[str, str, object]]:
    return sorted((s.entities[f.subject].name, f.prop,
                   f.value.value if hasattr(f.value, "value") else s.entities[f.value].name) for f in s.facts)


def test_a_row_gives_its_project_developer_place_and_investment(relate_state):
    s, c = relate_state(f"{HEADER}\n1\t年产5万吨碳纤维项目\t青禾新材料有限公司\t开鲁县\t12\t新建碳化生产线4条")
    c.names.merge_mentions(s)
    c.tables.table_rows(s)
    assert facts(s) == [("年产5万吨碳纤维项目", DEVELOPER, "青禾新材料有限公司"),
                        ("年产5万吨碳纤维项目", LOCATED_IN, "开鲁县"),
                        ("年产5万吨碳纤维项目", TOTAL_INVESTMENT, Decimal("1200000000"))]


def test_a_project_named_only_in_another_cell_is_what_the_row_builds(relate_state):
    s, c = relate_state(f"{HEADER}\n1\t青禾碳纤维产业园项目\t青禾新材料有限公司\t开鲁县\t30\t建设年产1万吨碳纤维原丝项目")
    c.names.merge_mentions(s)
    assert "年产1万吨碳纤维原丝项目" in [e.name for e in s.entities.values()]
    c.tables.table_rows(s)
    assert [e.name for e in s.entities.values() if e.kind == PROJECT] == ["青禾碳纤维产业园项目"]


def test_a_field_list_gives_its_project_developer_and_place(relate_state):
    s, c = relate_state("项目名称：年产5万吨碳纤维项目；建设单位：青禾新材料有限公司；建设地点：开鲁县。")
    c.names.merge_mentions(s)
    c.tables.field_lists(s)
    assert facts(s) == [("年产5万吨碳纤维项目", DEVELOPER, "青禾新材料有限公司"),
                        ("年产5万吨碳纤维项目", LOCATED_IN, "开鲁县")]

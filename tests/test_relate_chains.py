"""kg/relate/chains.py: the industry chain of a project in the chains' region (made-up text)."""

import pytest

from kg.model import IN_CHAIN, PROJECT
from kg.relate import Discourse


def chains(relate_state, text: str) -> list[tuple[str, str]]:
    """(project, chain label) once the project's place is read from its name and chains ran."""
    s, c = relate_state(text)
    c.names.merge_mentions(s)
    for sent in s.sentences:
        for m in [m for m in sent.mentions if m.kind == PROJECT and m.key]:
            c.places.project_mention(s, m, sent, Discourse())
    c.chains(s)
    return sorted((s.entities[f.subject].name, c.lex.chains[f.value].label) for f in s.facts if f.prop == IN_CHAIN)


@pytest.mark.parametrize("text, expected", [
    ("科尔沁区年产10万吨玉米淀粉项目开工。", [("科尔沁区年产10万吨玉米淀粉项目", "玉米生物")]),
    ("泗水县年产10万吨玉米淀粉项目开工。", []),  # outside the chains' region: no chain
    # a supporting energy word after the product says nothing of the product's chain
    ("科尔沁区年产10万吨玉米淀粉及储能一体化项目开工。", [("科尔沁区年产10万吨玉米淀粉及储能一体化项目", "玉米生物")]),
])
def test_chain_by_the_keyword_in_the_name(relate_state, text, expected):
    assert chains(relate_state, text) == expected

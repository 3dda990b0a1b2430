"""`kg query disagreements` on a graph whose answers are known: many articles repeating few values.

The query pairs distinct values before statements (so that it stays linear in the statements); these tests
check that it still returns exactly the pairs the definition gives (every two statements of one entity,
property, unit and product, from different articles, more than 1% apart), computed here by brute force.
"""

import itertools
from collections import Counter
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg import query
from kg.vocab import ID, TKG

# (entity, property, value, unit, product, document): documents d00..d11 repeat a few values.
STATEMENTS = (
    [("甲项目", "totalInvestment", 100, "CNY", None, f"d{i:02d}") for i in range(6)]
    + [("甲项目", "totalInvestment", 150, "CNY", None, f"d{i:02d}") for i in range(6, 10)]
    + [("甲项目", "totalInvestment", Decimal("100.5"), "CNY", None, "d10"),  # within 1% of 100
       ("甲项目", "totalInvestment", 150, "CNY", None, "d00"),  # same article as a 100: not a pair
       ("甲项目", "totalInvestment", 0, "CNY", None, "d11"),
       ("甲项目", "totalInvestment", 130, "USD", None, "d11"),  # another currency: never compared
       ("甲项目", "capacity", 10, "t/a", "钢", "d01"), ("甲项目", "capacity", 20, "t/a", "钢", "d02"),
       ("甲项目", "capacity", 30, "t/a", "铝", "d03"),  # another product
       ("甲项目", "jobs", 500, None, None, "d04"), ("甲项目", "jobs", 800, None, None, "d05"),
       ("乙项目", "totalInvestment", 100, "CNY", None, "d01"), ("乙项目", "totalInvestment", 100, "CNY", None, "d02"),
       ("乙项目", "totalInvestment", 300, "CNY", None, "d03")]
)


def make_graph() -> Graph:
    g = Graph()
    for i, (entity, prop, value, unit, product, doc) in enumerate(STATEMENTS):
        e, s, d = ID["project/" + entity], ID[f"statement/{i:03d}"], ID["doc/" + doc]
        g.add((e, SKOS.prefLabel, Literal(entity, lang="zh")))
        g.add((e, TKG.hasStatement, s))
        g.add((s, TKG.property, TKG[prop]))
        g.add((s, TKG.value, Literal(Decimal(value), datatype=XSD.decimal)))
        g.add((s, TKG.originalText, Literal(f"{value}")))
        g.add((s, PROV.wasDerivedFrom, d))
        if unit:
            g.add((s, TKG.unit, Literal(unit)))
        if product:
            g.add((s, TKG.product, Literal(product)))
        g.add((d, TKG.fileName, Literal(doc + ".txt")))
        g.add((d, DCTERMS.date, Literal("2024-01-01", datatype=XSD.date)))
    return g


def expected() -> Counter:
    """The definition, pair by pair: (entity, property, value_a, article_a, value_b, article_b)."""
    rows = Counter()
    numbered = sorted(enumerate(STATEMENTS), key=lambda x: str(ID[f"statement/{x[0]:03d}"]))
    for (_, a), (_, b) in itertools.combinations(numbered, 2):
        if a[0] != b[0] or a[1] != b[1] or a[3:5] != b[3:5] or a[5] == b[5]:
            continue
        larger = max(Decimal(a[2]), Decimal(b[2]))
        if larger > 0 and abs(Decimal(a[2]) - Decimal(b[2])) * 100 > larger:
            rows[(a[0], a[1], Decimal(a[2]), a[5] + ".txt", Decimal(b[2]), b[5] + ".txt")] += 1
    return rows


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_disagreements_are_exactly_the_pairs_of_the_definition(engine):
    columns, rows = query.run("disagreements", query.open_engine(make_graph(), engine))
    found = Counter()
    for row in rows:
        r = dict(zip(columns, row))
        found[(str(r["entity"]), str(r["property"]), query.number(r["value_a"]), str(r["article_a"]),
               query.number(r["value_b"]), str(r["article_b"]))] += 1
    want = expected()
    assert found == want
    assert sum(want.values()) == 24 + 5 + 5 + 12 + 1 + 1 + 2  # counted by hand below


def test_the_hand_count_of_the_known_graph():
    """甲项目's yuan totals: six articles say 100 and four say 150 (24 pairs); 100.5 against the five 150s (5);
    d00's second figure, 150, against the 100s of d01-d05 (5; its own 100 is the same article); 0 against all
    twelve other yuan figures (12); the USD figure against none. 10 vs 20 t/a of steel (1; 铝 is another
    product); 500 vs 800 jobs (1). 乙项目: 300 against two 100s (2)."""
    want = expected()
    assert want[("甲项目", "totalInvestment", Decimal(100), "d01.txt", Decimal(150), "d06.txt")] == 1
    assert not [k for k in want if Decimal("100.5") in (k[2], k[4]) and Decimal(100) in (k[2], k[4])]
    assert not [k for k in want if k[1] == "capacity" and Decimal(30) in (k[2], k[4])]
    assert not [k for k in want if k[3] == k[5]]


def test_rows_come_in_one_order_every_time():
    g = make_graph()
    runs = {tuple(query.run("disagreements", query.open_engine(g, "oxigraph"))[1]) for _ in range(3)}
    assert len(runs) == 1

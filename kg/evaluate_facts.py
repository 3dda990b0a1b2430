"""The figures users care about beyond total investment, scored over matched projects.

`kg eval` reports, for the projects matched to a gold project (not borderline):

- capacity: (value, base unit) pairs: the gold mentions' `capacities` against every tkg:capacity statement
  of the node; units compare by their base (t and t/a are both tonnes: a rate is the same capacity);
- output value, tax, jobs: distinct values of the gold mentions' `output_value_cny`, `tax_cny`, `jobs`
  against every statement of tkg:outputValue, tkg:tax, tkg:jobs (yuan, people);
- status: the set of statuses the gold mentions give against the node's tkg:status statements;
- developers: (project, company) pairs: the gold project's companies against its tkg:developer nodes,
  paired by the name rule (precision, recall and F1, where `companies` agreement is all-or-nothing).

Each is precision / recall / F1 with values matched within 0.5%. A gold file that has none of a field
(older gold files carry figures as free text only) is not scored on it: the metric says "n/a".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import Graph, URIRef

from .vocab import TKG

TOLERANCE = Decimal("0.005")
NUMERIC = {  # metric -> (gold mention field, graph property)
    "capacity": ("capacities", TKG.capacity),
    "output_value": ("output_value_cny", TKG.outputValue),
    "tax": ("tax_cny", TKG.tax),
    "jobs": ("jobs", TKG.jobs),
}
METRICS = ("capacity", "output_value", "tax", "jobs", "status", "developers")


@dataclass(frozen=True)
class GoldFacts:
    """One gold project's structured facts (sets over its mentions); None where no mention has the field."""

    capacity: frozenset | None = None  # (Decimal value, base unit)
    output_value: frozenset | None = None  # (Decimal, "CNY")
    tax: frozenset | None = None
    jobs: frozenset | None = None
    status: frozenset | None = None  # status codes


def base_unit(unit: str) -> str:
    """t/a and t/d are tonnes, kW is kW: a capacity compares by what it counts."""
    return unit.split("/", 1)[0]


def gold_facts(mentions: list[dict]) -> GoldFacts:
    """What a gold project's mentions state (fields missing from every mention stay None)."""
    fields: dict[str, set | None] = {}
    for metric, (key, _) in NUMERIC.items():
        present = [m for m in mentions if key in m]
        if not present:
            fields[metric] = None
            continue
        values = set()
        for m in present:
            if metric == "capacity":
                for c in m.get(key) or []:
                    if isinstance(c, dict) and isinstance(c.get("value"), (int, float)) and c.get("unit"):
                        values.add((Decimal(str(c["value"])), base_unit(str(c["unit"]))))
            elif isinstance(m.get(key), (int, float)) and not isinstance(m.get(key), bool):
                values.add((Decimal(str(m[key])), ""))
        fields[metric] = values
    statuses = [m for m in mentions if "status" in m]
    fields["status"] = {m["status"] for m in statuses if m.get("status")} if statuses else None
    return GoldFacts(**{k: frozenset(v) if v is not None else None for k, v in fields.items()})


def graph_values(g: Graph, node: URIRef, prop: URIRef, metric: str) -> set:
    """Every value the node's statements give `prop`: (Decimal, base unit) or status codes."""
    out = set()
    for st in g.objects(node, TKG.hasStatement):
        if g.value(st, TKG.property) != prop:
            continue
        value = g.value(st, TKG.value)
        if metric == "status":
            out.add(str(value).rsplit("/", 1)[-1])
            continue
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            continue
        unit = str(g.value(st, TKG.unit) or "")
        if metric in ("output_value", "tax") and unit not in ("", "CNY"):
            continue  # the gold is in yuan
        out.add((number, base_unit(unit) if metric == "capacity" else ""))
    return out


def match_values(gold: set, found: set) -> tuple[int, int, int]:
    """(tp, fp, fn): each gold value takes the closest free found value of the same unit within 0.5%."""
    free = sorted(found)
    tp = 0
    for value, unit in sorted(gold):
        close = [f for f in free if f[1] == unit and abs(f[0] - value) <= TOLERANCE * abs(value)]
        if close:
            free.remove(min(close, key=lambda f: abs(f[0] - value)))
            tp += 1
    return tp, len(free), len(gold) - tp


def score_facts(g: Graph, matched, same_company) -> tuple[dict, dict]:
    """Metrics over matched (gold, node) project pairs, and their disagreements for --misses."""
    counts = {m: [0, 0, 0] for m in METRICS}
    scored = {m: False for m in METRICS}
    misses: dict[str, list] = {m: [] for m in METRICS}
    for gold, node in matched:
        iri = URIRef(node.iri)
        for metric in METRICS[:-1]:
            want = getattr(gold.facts, metric)
            if want is None:
                continue
            scored[metric] = True
            prop = TKG.status if metric == "status" else NUMERIC[metric][1]
            got = graph_values(g, iri, prop, metric)
            if metric == "status":
                tp, fp, fn = len(want & got), len(got - want), len(want - got)
            else:
                tp, fp, fn = match_values(set(want), got)
            for i, n in enumerate((tp, fp, fn)):
                counts[metric][i] += n
            if fp or fn:
                misses[metric].append({"project": gold.name, "gold": sorted(map(show, want)),
                                       "graph": sorted(map(show, got))})
        scored["developers"] = True
        tp, fp, fn = pair_count(gold.companies, node.developers, same_company)
        for i, n in enumerate((tp, fp, fn)):
            counts["developers"][i] += n
        if fp or fn:
            misses["developers"].append({"project": gold.name, "gold": [c[0] for c in gold.companies],
                                         "graph": [d[0] for d in node.developers]})
    from .evaluate import prf
    result = {m: (prf(*counts[m]) if scored[m] else None) for m in METRICS}
    return result, misses


def pair_count(gold_names, found, ok) -> tuple[int, int, int]:
    """Greedy one-to-one pairing of gold companies and found developers: (tp, fp, fn)."""
    free = list(found)
    tp = 0
    for names in gold_names:
        hit = next((f for f in free if ok(names, f)), None)
        if hit is not None:
            free.remove(hit)
            tp += 1
    return tp, len(free), len(gold_names) - tp


def show(value) -> str:
    if isinstance(value, tuple):
        number, unit = value
        text = format(number.normalize(), "f")
        return f"{text} {unit}".strip()
    return str(value)

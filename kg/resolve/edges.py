"""The merge rules per kind: when two company, park or project mentions can be one entity, and how strongly
(`edge(a, b)` -> (strength, score, rule) or None)."""

from __future__ import annotations

from collections import defaultdict

from .merging import MEDIUM, STRONG, WEAK, Mention, bucket_pairs
from .names import Rules, norm, same_product

def company_edge(a: Mention, b: Mention):
    x, y = a.sig, b.sig
    if x.core != y.core or len(x.core) < 2:
        return None
    if norm(b.local.name) in a.builds_with or norm(a.local.name) in b.builds_with:
        return STRONG, len(x.core), "short name of the registered company whose project it builds in another article"
    if a.builds_with != b.builds_with and not (x.legal or y.legal) or \
            (a.builds_with and y.legal) or (b.builds_with and x.legal):
        return None  # a short name whose company its project tells goes with that company only
    if x.places and y.places and not (set(x.places) <= set(y.places) or set(y.places) <= set(x.places)):
        return None  # 上海凯纶… and 通辽凯纶…: a company and its subsidiary registered elsewhere
    if x.descriptor == y.descriptor:
        return STRONG, len(x.core), "same company name without place prefix and legal suffix"
    general, specific = sorted((x, y), key=lambda n: len(n.descriptor))
    if general.group and specific.group and not (general.descriptor or general.places):
        return WEAK, len(x.core), "a group written short (华晟集团) of the only group it can abbreviate"
    if general.descriptor in specific.descriptor and not general.legal:
        if specific.legal:
            return WEAK, len(x.core), "short name of the only company it can abbreviate"
        # the press writes brands: a bare short name goes with the brand before a registered subsidiary
        return WEAK, len(x.core) + 0.5, "short name of the only brand it can abbreviate"
    if a.doc.doc_id == b.doc.doc_id and general.descriptor and x.legal != y.legal:
        # one article's 青禾药业 for its 江苏青禾制药有限公司: the trade word varies, the core does not
        return WEAK, len(x.core), "short name with another trade word, of the only company of its core in the article"
    return None


def park_edge(rules: Rules):
    def edge(a: Mention, b: Mention):
        x, y = a.sig, b.sig
        if x.rest == y.rest:
            if x.place == y.place and (x.place or rules.park_is_distinctive(x)):
                return STRONG, len(x.rest), "same park: host place and name up to abbreviation"
            if (x.place is None or y.place is None) and rules.park_is_distinctive(x):
                # a name of three characters or more before the suffix (淖毛湖工业园区) names one park
                strength = STRONG if rules.park_is_distinctive(x, 3) else WEAK
                return strength, len(x.rest), "same park name, one without its host place"
        elif x.owner and x.owner == y.owner and (x.place is None or y.place is None or x.place == y.place):
            run = same_product(x.product, y.product)
            if run:
                return MEDIUM, run, f"a company's park: same owner ({x.owner}) and product words"
        return None
    return edge


def project_edge(rules: Rules):
    def edge(a: Mention, b: Mention):
        found = _project_match(a, b, rules)
        if found and a.sig.works_phases != b.sig.works_phases:
            if a.sig.works_phases and b.sig.works_phases:
                return None
            # "X项目一期工程投入运营" speaks of X: the same project, unless another project of that name competes
            return WEAK, found[1], found[2] + ", one naming the works of a phase (项目一期工程)"
        return found
    return edge


def _project_match(a: Mention, b: Mention, rules: Rules):
    """(strength, score, rule) when two project mentions can be one project, the phase works aside."""
    x, y = a.sig, b.sig
    if x.phases != y.phases:
        return None
    if x.capacities and y.capacities and not (x.capacities <= y.capacities or y.capacities <= x.capacities):
        return None
    if a.owners and b.owners and not (a.owners & b.owners):
        return None
    if a.named_counties and b.named_counties and not (a.named_counties & b.named_counties):
        return None
    if not (x.owner and y.owner) and a.stated_counties and b.stated_counties and \
            not (a.stated_counties & b.stated_counties):
        return None  # without an owner, a name alone does not outweigh two counties
    if x.owner and x.owner == y.owner and x.text != y.text and (run := same_product(x.product, y.product)):
        if x.capacities == y.capacities and x.capacities and (x.product in y.product or y.product in x.product):
            # "内蒙古嘉合生物科技有限公司年产5万吨赤藓糖醇项目" / "嘉合生物年产5万吨赤藓糖醇项目": the owner written two ways
            return STRONG, run, f"same owner ({x.owner}), capacity and product"
        return MEDIUM, run, f"same owner ({x.owner}), capacities, phases and product words"
    if x.owner and x.owner == y.owner and x.text != y.text and \
            any(not (n.product or n.capacities or n.phases) for n in (x, y)):
        return WEAK, len(x.owner), f"a project named by its owner alone ({x.owner}的项目): the owner's one project"
    if x.text != y.text and (shared := a.alias_keys & b.alias_keys):
        return MEDIUM, max(map(len, shared)), "a name both articles write (one as another name of it)"
    short, long = sorted((x, y), key=lambda n: len(n.text))
    if not (short.text in long.text and rules.distinctive(short)):
        return None
    if short.text == long.text:
        return STRONG, len(x.text), "same project name"
    if len(short.text) >= 4:
        return WEAK, len(short.text), "distinctive name contained in the other"
    return None


def project_pairs(looks: list[Mention]) -> set[tuple[int, int]]:
    """Projects with the same name, alias or owner, and names that contain another name of four characters."""
    pairs = bucket_pairs(looks, lambda m: [("text", m.sig.text), *(("alias", k) for k in sorted(m.alias_keys))]
                         + ([("owner", m.sig.owner)] if m.sig.owner else []))
    grams = defaultdict(set)
    for g, m in enumerate(looks):
        text = m.sig.text
        for k in range(len(text) - 3):
            grams[text[k:k + 4]].add(g)
    for g, m in enumerate(looks):
        text = m.sig.text
        if len(text) >= 4:
            pairs |= {tuple(sorted((g, h))) for h in grams[text[:4]] if text in looks[h].sig.text}
    return pairs

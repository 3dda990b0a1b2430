"""Mentions and what the merge rules read of them: each mention's name analysis, the owners and counties its
article states, short names of builders, brands written after a registered company's name."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..model import COMPANY, DEVELOPER, LOCATED_IN, PLACE, PROJECT, DocResult
from .edges import project_edge
from .merging import MEDIUM, Clusters, Mention, look_key
from .names import Rules, norm, owner_prefix


def mention_list(results: list[DocResult]) -> list[Mention]:
    mentions = []
    for r in results:
        for local in sorted(r.entities, key=lambda e: e.key):
            names = tuple(dict.fromkeys(n for n in (local.name, *local.surfaces) if n and n.strip()))
            mentions.append(Mention(len(mentions), r.meta, local, names))
    return mentions


def merge_places(clusters: Clusters, indices: list[int]) -> None:
    """One place per gazetteer id or unknown name, within a document too (a place is one place)."""
    first: dict[tuple, int] = {}
    for i in indices:
        m = clusters.mentions[i]
        j = first.setdefault(m.sig, i)
        if clusters.find(i) != clusters.find(j):
            rule = "same gazetteer place" if m.sig[0] == "gazetteer" else "same place name"
            clusters.union(j, i, (clusters.mentions[j].local.name, m.local.name), rule)


def describe(mentions: list[Mention], indices: list[int], analyse) -> None:
    """Each mention's name analysis (`analyse(name)`), made once per name however many articles use it."""
    done = {}
    for i in indices:
        name = mentions[i].local.name
        if name not in done:
            done[name] = analyse(name)
        mentions[i].sig = done[name]


def short_names_of_builders(mentions: list[Mention], clusters: Clusters, by_kind, results, rules: Rules) -> None:
    """A bare short name (星禾) may abbreviate several companies of one core. When the project it builds is,
    by the project rules, a project another article says a registered company of that core builds
    (青山星禾合金有限公司年产40万吨…), the short name is that company: mark it in `builds_with`."""
    company_cores, owners = owner_names(mentions, clusters, by_kind[COMPANY], rules)
    describe_projects(mentions, by_kind, results, rules, company_cores, owners)
    by_ref = {mentions[i].ref: i for i in by_kind[COMPANY] + by_kind[PROJECT]}
    builders = defaultdict(list)  # project mention -> company mentions its article says build it
    for r in results:
        for fact in r.facts:
            if fact.prop == DEVELOPER and isinstance(fact.value, str):
                p, c = by_ref.get((r.meta.doc_id, fact.subject)), by_ref.get((r.meta.doc_id, fact.value))
                if p is not None and c is not None and c not in builders[p]:
                    builders[p].append(c)
    by_owner = defaultdict(lambda: defaultdict(list))  # owner -> look -> its project mentions
    for p in by_kind[PROJECT]:
        for owner in sorted(mentions[p].owners):
            by_owner[owner][look_key(mentions[p])].append(p)
    edge, matches, registered = project_edge(rules), {}, {}
    hints = defaultdict(set)
    for p, companies in builders.items():
        for c in companies:
            short = mentions[c].sig
            if short.legal or short.descriptor:
                continue
            for look, qs in by_owner[short.core].items():
                if all(mentions[q].doc.doc_id == mentions[p].doc.doc_id for q in qs):
                    continue  # another article's project only
                key = (look_key(mentions[p]), look)
                if key not in matches:
                    q = mentions[qs[0]]
                    found = edge(mentions[p], q) or edge(q, mentions[p])
                    matches[key] = found is not None and found[0] >= MEDIUM
                if matches[key]:
                    if (look, short.core) not in registered:
                        registered[look, short.core] = {norm(mentions[b].local.name) for q in qs
                                                        for b in builders.get(q, ()) if mentions[b].sig.legal
                                                        and mentions[b].sig.core == short.core}
                    hints[c] |= registered[look, short.core]
    for c, names in hints.items():
        if len(names) == 1:  # one registered company: the short name is it
            mentions[c].builds_with = frozenset(names)



def owner_names(mentions: list[Mention], clusters: Clusters, companies: list[int], rules: Rules):
    """(company mention -> owner key, every company name, name without places and core -> owner key).

    The owner key is the core of the company's cluster (its registered member's, else its first one's), so
    a brand merged into a company (a product brand into 青松科技) owns what the company owns."""
    company_cores, owners, unplaced = {}, {}, {}
    keys = {}
    for root in {clusters.find(i) for i in companies}:
        members = [mentions[j] for j in clusters.members[root]]
        keys[root] = next((m.sig.core for m in members if m.sig.legal), members[0].sig.core)
    for i in companies:
        m = mentions[i]
        key = keys[clusters.find(i)]
        company_cores[m.ref] = key
        for name in m.names:
            n = norm(name)
            if n not in unplaced:
                unplaced[n] = rules.split_places(n)[1]
            for text in (n, unplaced[n], m.sig.core):
                if len(text) >= 2:
                    owners.setdefault(text, key)
    return company_cores, owners


def merge_brands(clusters: Clusters, by_kind, rules: Rules, owners: dict[str, str]) -> bool:
    """A name written right after a registered company's name at the start of a project name is that
    company's brand ("青松科技有限公司蓝晶一期二号线…项目": 蓝晶): a company known only by that name (a bare
    brand, no registered member) in any article joins the registered company. Returns whether any did."""
    mentions = clusters.mentions
    bare, registered = {}, {}
    for i in by_kind[COMPANY]:
        root = clusters.find(i)
        if root not in registered:
            registered[root] = any(mentions[j].sig.legal for j in clusters.members[root])
        if not registered[root]:
            for name in mentions[i].names:
                bare.setdefault(norm(name), i)
    in_doc = {}  # (document, company name with or without its places) -> company mention
    for j in by_kind[COMPANY]:
        for n in mentions[j].names:
            for text in (norm(n), rules.split_places(norm(n))[1]):
                in_doc.setdefault((mentions[j].doc.doc_id, text), j)
    merged = False
    for i in by_kind[PROJECT]:
        for name in mentions[i].names:
            owner, brand = _owner_and_brand(norm(name), rules, owners, bare)
            company = in_doc.get((mentions[i].doc.doc_id, owner)) if brand else None
            if company is not None and clusters.find(bare[brand]) != clusters.find(company):
                clusters.union(company, bare[brand], (owner, brand),
                               "a brand written after the registered company's name in a project name")
                merged = True
    return merged


def _owner_and_brand(name: str, rules: Rules, owners: dict, bare: dict) -> tuple[str | None, str | None]:
    """The registered company a project name starts with and the bare brand right after it, if any."""
    _, rest = rules.split_places(name)
    owner = owner_prefix(rest, owners)
    if not owner or not rules.company(owner).legal:
        return None, None
    return owner, owner_prefix(rest[len(owner):], bare)


def describe_projects(mentions, by_kind, results, rules: Rules, company_cores: dict, owners: dict) -> None:
    """Project name analysis, with the owners and counties each document states for it."""
    place_county = {}
    for i in by_kind[PLACE]:
        m = mentions[i]
        kind, key = m.sig
        level = m.local.attrs.get("level") or (rules.place_level(key) if kind == "gazetteer" else None)
        if level == "county":
            place_county[m.ref] = key
    stated = defaultdict(lambda: (set(), set()))
    for r in results:
        for fact in r.facts:
            target = (r.meta.doc_id, fact.value) if isinstance(fact.value, str) else None
            if fact.prop == DEVELOPER and target in company_cores:
                stated[(r.meta.doc_id, fact.subject)][0].add(company_cores[target])
            elif fact.prop == LOCATED_IN and target in place_county:
                stated[(r.meta.doc_id, fact.subject)][1].add(place_county[target])
    describe(mentions, by_kind[PROJECT], lambda name: rules.project(name, owners))
    alias_key = lru_cache(maxsize=None)(lambda name: rules.alias_key(rules.project(name, owners)))
    for i in by_kind[PROJECT]:
        m = mentions[i]
        developers, counties = stated[m.ref]
        m.owners = frozenset(({m.sig.owner} if m.sig.owner else set()) | developers)
        m.named_counties = frozenset(p for p in m.sig.places if rules.place_level(p) == "county")
        m.stated_counties = frozenset(counties)
        m.alias_keys = frozenset(filter(None, (alias_key(name) for name in m.names)))

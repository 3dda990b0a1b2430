"""`resolve`: one entity per real-world thing across the documents of a build, and its statements.

A mention is one document's LocalEntity (`relate` has already merged the names one document uses for it).
Mentions of different documents are merged by rules per kind, and every merge is recorded with its rule:
- places: the gazetteer id (科左后旗 = 科尔沁左翼后旗); places the gazetteer lacks, by name;
- companies: the core of the name, without leading or bracketed places, legal suffix (有限公司, 集团…) and
  trailing industry words (the descriptor: 新材料, 合金…). The same core and descriptor merge; a less
  specific name (a bare core) merges into the one company it could abbreviate, a brand written without
  legal suffix before a registered subsidiary; two legal names whose descriptors differ never merge;
- parks: host place and name with its abbreviation expanded to one form (高新区 = 高新技术产业开发区), or a
  company's own park named by the same owner and product words;
- projects: the same name, or the same owner with compatible capacities, phases and product words, or a
  distinctive name contained in the other; never different capacities, phases or owners, nor different
  counties unless both names carry the owner. A capacity and a sector ("30万千瓦风电") name nothing.
Merging is greedy, strongest rule first, and conservative: within one document only names that differ by
a place, legal form or head word merge (`relate` kept identical names apart on purpose: one article's two
"60万吨碳素项目" of two companies), every pair of names in a merged entity must match, and a weak match is
not taken while a mention has two incompatible candidates.

Statements follow Wikidata's model: every fact is kept; per (entity, property) the statement of the most
recent article is preferred, then the one without 约/近/超, then the longer quote; an amount in another
currency is never preferred (the direct money values are yuan). Multi-valued relations
(developer, inChain, partOf, supplies, nested places) prefer one statement per value. Values more than
1% apart, or two counties or parks for one project, are reported as disagreements.

Ids are readable ("project/<preferred label>"); the preferred label does not depend on the order of the
documents, and a `previous` resolution report (the resolution.json of an earlier build) keeps every
entity's earlier id, so adding an article renames nothing.

Modules, in the order data flows: `names` (how a name is read), `mentions` (what the rules read of each
mention), `edges` (the rules per kind), `merging` (clusters and the greedy loop), `entities` (labels and ids),
`statements` (ranking and disagreements).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..model import COMPANY, PARK, PLACE, PROJECT, DocResult, KnowledgeBase
from .edges import company_edge, park_edge, project_edge, project_pairs
from .entities import merge_records, entities_of
from .merging import MEDIUM, STRONG, WEAK, Clusters, Mention, bucket_pairs, merge_greedy
from .mentions import describe, describe_projects, mention_list, merge_brands, merge_places, owner_names, \
    short_names_of_builders
from .names import Rules, norm
from .statements import counties_of_developers, disagreements, rank, statements_of

__all__ = ["MEDIUM", "STRONG", "WEAK", "Clusters", "Mention", "Rules", "bucket_pairs", "disagreements",
           "merge_greedy", "norm", "read_previous", "report", "resolve"]


def resolve(results: list[DocResult], lexicon=None, previous: dict | None = None) -> KnowledgeBase:
    """Merge the documents' entities into one entity per real-world thing, with ranked statements.

    `previous` is the `report()` of an earlier build (its resolution.json): entities that share a name
    with an entity there keep its id.
    """
    rules = Rules(lexicon)
    results = sorted(results, key=lambda r: r.meta.doc_id)
    mentions = mention_list(results)
    clusters = Clusters(mentions)
    by_kind = defaultdict(list)
    for m in mentions:
        by_kind[m.local.kind].append(m.index)
    notes = []

    for i in by_kind[PLACE]:
        m = mentions[i]
        gid = m.local.attrs.get("gazetteer_id") or next(filter(None, map(rules.place_id, m.names)), None)
        m.sig = ("gazetteer", gid) if gid else ("name", norm(m.local.name))
    merge_places(clusters, by_kind[PLACE])

    describe(mentions, by_kind[COMPANY], rules.company)
    short_names_of_builders(mentions, clusters, by_kind, results, rules)
    notes += merge_greedy(clusters, by_kind[COMPANY], lambda looks: bucket_pairs(looks, lambda m: [m.sig.core]),
                          company_edge)

    company_cores, owners = owner_names(mentions, clusters, by_kind[COMPANY], rules)
    if merge_brands(clusters, by_kind, rules, owners):
        company_cores, owners = owner_names(mentions, clusters, by_kind[COMPANY], rules)
    describe(mentions, by_kind[PARK], lambda name: rules.park(name, owners))
    notes += merge_greedy(clusters, by_kind[PARK], lambda looks: bucket_pairs(looks, lambda m: [m.sig.rest] + (
        [("owner", m.sig.owner)] if m.sig.owner else [])), park_edge(rules))

    describe_projects(mentions, by_kind, results, rules, company_cores, owners)
    notes += merge_greedy(clusters, by_kind[PROJECT], project_pairs, project_edge(rules))

    entities, local_ids = entities_of(clusters, rules, previous)
    statements, warnings = statements_of(results, local_ids, entities)
    statements += counties_of_developers(statements, entities, rules)
    rank(statements, entities, rules)
    kb = KnowledgeBase(
        documents=[r.meta for r in results],
        entities={e.id: e for e in sorted(entities.values(), key=lambda e: e.id)},
        statements=sorted(statements, key=lambda s: (s.subject, s.prop, s.id)),
        aggregates=sorted((a for r in results for a in r.aggregates),
                          key=lambda a: (a.evidence.doc_id, a.evidence.start, a.scope)),
        merges=merge_records(clusters, local_ids),
        warnings=[f"{r.meta.doc_id}: {w}" for r in results for w in r.warnings] + sorted(set(notes)) + warnings,
    )
    kb.disagreements = disagreements(kb, rules)
    return kb


def report(kb: KnowledgeBase) -> dict:
    """resolution.json: every entity with its names and the rules that merged them, and the disagreements.

    It is also the `previous` of the next build, which keeps these ids.
    """
    merges = defaultdict(list)
    for m in kb.merges:
        merges[m.entity].append({"names": list(m.names), "rule": m.rule})
    return {
        "entities": [
            {"id": e.id, "kind": e.kind, "label": e.label, "alt_labels": list(e.alt_labels),
             "docs": list(e.docs), "merges": merges.get(e.id, [])}
            for e in sorted(kb.entities.values(), key=lambda e: e.id)],
        "disagreements": [
            {"entity": d.entity, "property": d.prop, "statements": list(d.statements), "summary": d.summary}
            for d in kb.disagreements],
        "reposts": [
            {"doc": doc_id, "repost": p.doc_id, "file": Path(p.path).name, "url": p.url, "date": p.date,
             "similarity": p.similarity, "exact": p.exact}
            for doc_id, pubs in sorted(kb.publications.items()) for p in pubs],
    }


def read_previous(out_dir: Path) -> dict | None:
    """The resolution report a previous build wrote into `out_dir`, if any."""
    path = Path(out_dir) / "resolution.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or damaged: ids are chosen afresh
        return None

"""One Entity per cluster of mentions: its preferred label, merged attributes and a stable, readable id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..model import COMPANY, PARK, PLACE, PROJECT, Entity, MergeRecord
from .merging import Clusters, Mention
from .names import Rules, ending, norm

KIND_PATHS = {PROJECT: "project", COMPANY: "company", PARK: "park", PLACE: "place"}
IRI_UNSAFE = re.compile(r'[\s<>"{}|^`\\/?#%]+')

def entities_of(clusters: Clusters, rules: Rules, previous: dict | None):
    """One Entity per cluster, and the map (doc id, local key) -> entity id."""
    drafts = []
    for root in clusters.roots():
        members = [clusters.mentions[i] for i in sorted(clusters.members[root])]
        drafts.append(_draft(members, rules))
    ids = assign_ids(drafts, previous)
    entities, local_ids = {}, {}
    for draft, entity_id in zip(drafts, ids):
        draft.entity.id = entity_id
        entities[entity_id] = draft.entity
        for m in draft.members:
            local_ids[m.ref] = entity_id
    for draft in drafts:  # an enclosing place that relate wrote as a local key
        within = [local_ids[(m.doc.doc_id, w)] for m in draft.members
                  if (w := m.local.attrs.get("within")) and (m.doc.doc_id, w) in local_ids]
        if within:
            draft.entity.attrs["within"] = within[0]
    return entities, local_ids


@dataclass
class Draft:
    members: list[Mention]
    entity: Entity
    base_id: str
    anchor: str  # the earliest mention, for a stable collision suffix


def _draft(members: list[Mention], rules: Rules) -> Draft:
    kind = members[0].local.kind
    names_docs = defaultdict(set)
    for m in members:
        for name in m.names:
            names_docs[name].add(m.doc.doc_id)
    gazetteer = members[0].sig[1] if kind == PLACE and members[0].sig[0] == "gazetteer" else None
    label = rules.place_label(gazetteer) if gazetteer else preferred_label(members, names_docs, rules)
    mentions = sorted({ev for m in members for ev in m.local.evidence},
                      key=lambda e: (e.doc_id, e.start, e.end, e.sentence, e.quote))
    attrs = {}
    for m in members:
        for key, value in sorted(m.local.attrs.items()):
            attrs.setdefault(key, value)
    if "in_caption" in attrs:
        attrs["in_caption"] = all(m.local.attrs.get("in_caption") for m in members)
    if gazetteer:
        attrs["gazetteer_id"] = gazetteer
        attrs.setdefault("level", rules.place_level(gazetteer))
    entity = Entity(
        id="", kind=kind, label=label,
        alt_labels=sorted(n for n in names_docs if n != label),
        docs=sorted({m.doc.doc_id for m in members}),
        mentions=mentions, attrs={k: v for k, v in attrs.items() if v is not None})
    base = KIND_PATHS[kind] + "/" + (gazetteer or slug(label))
    return Draft(members, entity, base, anchor="|".join(min(m.ref for m in members)))


def preferred_label(members: list[Mention], names_docs: dict[str, set], rules: Rules) -> str:
    """The most complete name: a registered company's name in it, the longest without its places and head
    word (项目), one not led by a place ("星禾集团…基地" over "开鲁县星禾集团…基地"; a company keeps its
    registered place), a document's main name over its other surfaces, the most documents; ties by the name."""
    primary = {m.local.name for m in members}
    kind = members[0].local.kind

    def merit(name: str) -> tuple:
        places, text = rules.split_places(norm(name))
        while head := ending(text, rules.project_heads):
            text = text[:-len(head)]
        return (-any(s in name for s in rules.legal_suffixes), -len(text), bool(places) and kind != COMPANY,
                name not in primary, -len(names_docs[name]), name)

    return min(names_docs, key=merit)


def slug(label: str) -> str:
    """The label as an IRI path segment: characters an IRI may not hold become "_"."""
    return IRI_UNSAFE.sub("_", unicodedata.normalize("NFKC", label)).strip("_") or "_"


def assign_ids(drafts: list[Draft], previous: dict | None) -> list[str]:
    """Ids for the drafts: a previous entity's id when the names say it is the same, else the base id.

    A previous id goes to the draft sharing most names with it (ties: the id, then the anchor). Base ids
    that collide get a short suffix from the draft's earliest mention, so adding a document never
    shifts a numbering.
    """
    ids: list[str | None] = [None] * len(drafts)
    taken = set()
    if previous:
        known = defaultdict(set)
        for e in previous.get("entities", []):
            for name in (e["label"], *e.get("alt_labels", [])):
                known[(e["kind"], norm(name))].add(e["id"])
        votes = []
        for i, d in enumerate(drafts):
            names = {norm(n) for n in (d.entity.label, *d.entity.alt_labels)}
            counts = Counter(pid for n in names for pid in known.get((d.entity.kind, n), ()) if
                             len(known[(d.entity.kind, n)]) == 1)
            votes += [(-c, pid, d.anchor, i) for pid, c in counts.items()]
        for _, pid, _, i in sorted(votes):
            if ids[i] is None and pid not in taken:
                ids[i] = pid
                taken.add(pid)
    groups = defaultdict(list)
    for i, d in enumerate(drafts):
        if ids[i] is None:
            groups[d.base_id].append(i)
    for base, members in sorted(groups.items()):
        members.sort(key=lambda i: drafts[i].anchor)
        for n, i in enumerate(members):
            candidate = base
            if n or base in taken:
                candidate = f"{base}_{hashlib.sha1(drafts[i].anchor.encode('utf-8')).hexdigest()[:6]}"
            ids[i] = candidate
            taken.add(candidate)
    return ids


def merge_records(clusters: Clusters, local_ids: dict) -> list[MergeRecord]:
    records = set()
    for root in clusters.roots():
        entity_id = local_ids[clusters.mentions[root].ref]
        for names, rule in clusters.records.get(root, []):
            records.add(MergeRecord(entity_id, names, rule))
        for i in clusters.members[root]:
            m = clusters.mentions[i]
            if len(m.names) > 1:
                records.add(MergeRecord(entity_id, m.names, f"names of one entity in {m.doc.doc_id} (relate)"))
    return sorted(records, key=lambda r: (r.entity, r.rule, r.names))

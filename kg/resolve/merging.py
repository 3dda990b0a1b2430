"""Greedy, conservative merging of mentions: union-find clusters and the strongest-rule-first loop every kind
shares (`merge_greedy`); the kinds' rules are in `edges`."""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from dataclasses import dataclass

from ..model import DocumentMeta, LocalEntity
from .names import norm

STRONG, MEDIUM, WEAK = 3, 2, 1  # rule strengths; a weak rule needs an unambiguous candidate

@dataclass
class Mention:
    """One document's entity: the unit that resolution merges."""

    index: int
    doc: DocumentMeta
    local: LocalEntity
    names: tuple[str, ...]  # the document's name first, then its other surfaces
    sig: object = None  # the kind's name analysis (CompanyName, ParkName, ProjectName, place key)
    owners: frozenset = frozenset()  # projects: owner core and developers' cores
    named_counties: frozenset = frozenset()  # projects: county-level places in the name
    stated_counties: frozenset = frozenset()  # projects: county-level places the document locates it in
    alias_keys: frozenset = frozenset()  # projects: every distinctive name of the document, as compared
    builds_with: frozenset = frozenset()  # bare short names: registered companies another article says
    # build the projects this one builds (see _short_names_of_builders)

    @property
    def ref(self) -> tuple[str, str]:
        return self.doc.doc_id, self.local.key


class Clusters:
    """Union-find over mentions, with the merge records of each cluster."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.parent = list(range(len(mentions)))
        self.members = {i: [i] for i in range(len(mentions))}
        self.records: dict[int, list[tuple[tuple[str, ...], str]]] = defaultdict(list)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, names: tuple[str, ...], rule: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        self.records[ra] += self.records.pop(rb, [])
        self.records[ra].append((names, rule))

    def roots(self) -> list[int]:
        return sorted(self.members)


def bucket_pairs(looks: list[Mention], keys) -> set[tuple[int, int]]:
    """The pairs of looks (g <= h, a look with itself included) that share a key: the only pairs a rule
    can match (`keys(mention)` -> keys)."""
    buckets = defaultdict(list)
    for g, m in enumerate(looks):
        for key in keys(m):
            buckets[key].append(g)
    return {(g, h) for bucket in buckets.values() for x, g in enumerate(bucket) for h in bucket[x:]}


def merge_greedy(clusters: Clusters, indices: list[int], candidates, edge) -> list[str]:
    """Merge mentions along their matching pairs, strongest first; returns notes on ambiguous names.

    The pairs are taken strongest rule first, then by score, then in mention order. `edge(a, b)` gives
    (strength, score, rule) for two mentions that match, or None. Within one document only a strong rule
    merges, and only names written differently. Two clusters merge only when every pair across them
    matches; a weak match needs an unambiguous candidate: it is not taken while the mention matches, as
    well or better, another cluster that cannot merge with this one.

    `edge` reads only a mention's sig, owners, counties and alias keys, so mentions that agree on those and on their
    name (a look: the same name in many articles) are compared once, and `candidates(looks)` gives the
    pairs of looks worth comparing. A pair that cannot change anything (both mentions already in one
    cluster, or a cluster that failed and has not changed since) is skipped, not tried: the result is the
    one of trying every pair of mentions in order, in time about linear in the number of articles.
    """
    return _Greedy(clusters, indices, candidates, edge).run()


class _Greedy:
    """The state of one `merge_greedy`: clusters seen as looks (groups of alike mentions) and documents."""

    def __init__(self, clusters: Clusters, indices: list[int], candidates, edge):
        self.clusters = clusters
        self.edge = edge
        mentions = clusters.mentions
        look_ids: dict[tuple, int] = {}
        self.look: dict[int, int] = {}  # mention -> look
        self.looks: list[Mention] = []  # a representative mention of each look
        for i in sorted(indices):
            m = mentions[i]
            key = look_key(m)
            if key not in look_ids:
                look_ids[key] = len(self.looks)
                self.looks.append(m)
            self.look[i] = look_ids[key]
        self.names = [norm(m.local.name) for m in self.looks]
        self.doc = {i: mentions[i].doc.doc_id for i in indices}
        self.related = defaultdict(set)  # look -> looks it is compared with
        for g, h in candidates(self.looks):
            self.related[g].add(h)
            self.related[h].add(g)
        self.edges: dict[tuple[int, int], tuple | None] = {}
        self.parts: dict[int, dict[int, list[int]]] = defaultdict(dict)  # root -> look -> sorted mentions
        self.where: dict[int, dict[int, list[int]]] = defaultdict(dict)  # look -> root -> sorted mentions
        self.in_doc: dict[str, list[int]] = defaultdict(list)
        for i in sorted(indices):
            root, g = clusters.find(i), self.look[i]
            self.parts[root].setdefault(g, []).append(i)
            self.where[g][root] = self.parts[root][g]
            self.in_doc[self.doc[i]].append(i)
        self.version: dict[int, int] = defaultdict(int)  # a root's count of changes, for the cache below
        self.compatible_cache: dict[tuple, bool] = {}
        self.notes: list[str] = []

    def match(self, g: int, h: int, same_doc: bool = False):
        """What `edge` says of a mention of look g and a later one of look h (in one document or not)."""
        if (g, h) not in self.edges:
            self.edges[(g, h)] = self.edge(self.looks[g], self.looks[h])
        found = self.edges[(g, h)]
        if found and same_doc and (found[0] < STRONG or self.names[g] == self.names[h]):
            return None  # one article's identical names: `relate` kept them apart on purpose
        return found

    def pair(self, a: int, b: int):
        lo, hi = (a, b) if a < b else (b, a)
        return self.match(self.look[lo], self.look[hi], self.doc[lo] == self.doc[hi])

    def run(self) -> list[str]:
        levels = defaultdict(lambda: defaultdict(list))  # (strength, score) -> look -> later looks it matches
        for g in sorted(self.related):
            for h in sorted(self.related[g]):
                found = self.match(g, h)
                if found:
                    levels[found[:2]][g].append(h)
        for level in sorted(levels, reverse=True):
            targets = levels[level]
            rows = sorted(i for g in targets for part in self.where[g].values() for i in part)
            for a in rows:
                self.row(a, level, targets[self.look[a]])
        return self.notes

    def row(self, a: int, level: tuple, targets: list[int]) -> None:
        """The pairs (a, b > a) of one level, in order of b: one try per cluster until a merge changes a's."""
        find = self.clusters.find
        events = []
        for h in targets:
            for root, part in self.where[h].items():
                if root != find(a) and (b := self.next_member(part, a)) is not None:
                    events.append((b, h))
        heapq.heapify(events)
        failed = []
        while events:
            b, h = heapq.heappop(events)
            ra, rb = find(a), find(b)
            if ra == rb:
                continue  # the rest of b's cluster joined a's: nothing left to try there
            if not self.try_merge(a, b, ra, rb, level):
                failed.append((b, h))
                continue
            for f, fh in failed:  # a's cluster changed: what failed is tried again, from here on
                root = find(f)
                if root != find(a) and (nxt := self.next_member(self.where[fh][root], b)) is not None:
                    heapq.heappush(events, (nxt, fh))
            failed = []

    @staticmethod
    def next_member(part: list[int], after: int) -> int | None:
        k = bisect.bisect_right(part, after)
        return part[k] if k < len(part) else None

    def try_merge(self, a: int, b: int, ra: int, rb: int, level: tuple) -> bool:
        mentions = self.clusters.mentions
        if not self.compatible(ra, rb):
            return False
        if level[0] == WEAK:
            stuck = next(((r, other, o) for r, o in ((ra, rb), (rb, ra))
                          if (other := self.rival(r, o, level)) is not None), None)
            if stuck:
                root, other, target = stuck
                self.notes.append(f"{mentions[root].local.kind} {mentions[root].local.name} not merged: it "
                                  f"could be {mentions[target].local.name} or {mentions[other].local.name}")
                return False
        names = (mentions[a].local.name, mentions[b].local.name)
        self.union(a, b, names, self.pair(a, b)[2])
        return True

    def compatible(self, ra: int, rb: int) -> bool:
        """Every pair of mentions across the two clusters matches."""
        lo, hi = sorted((ra, rb))
        key = (lo, hi, self.version[lo], self.version[hi])
        if key not in self.compatible_cache:
            self.compatible_cache[key] = self.all_match(ra, rb)
        return self.compatible_cache[key]

    def all_match(self, ra: int, rb: int) -> bool:
        for g, xs in self.parts[ra].items():
            for h, ys in self.parts[rb].items():  # pairs of two documents: the looks decide
                if (xs[0] < ys[-1] and not self.match(g, h)) or (ys[0] < xs[-1] and not self.match(h, g)):
                    return False
        find = self.clusters.find
        small, large = sorted((ra, rb), key=lambda r: len(self.clusters.members[r]))
        return all(self.pair(x, y) for x in self.clusters.members[small]  # pairs within one document
                   for y in self.in_doc[self.doc[x]] if find(y) == large)

    def rival(self, root: int, target: int, level: tuple) -> int | None:
        """Another cluster that `root` matches as well as `target` and that cannot merge with `target`."""
        others = set()
        for g, xs in self.parts[root].items():
            for h in self.related[g]:
                forward, backward = self.match(g, h), self.match(h, g)
                forward = forward is not None and forward[:2] >= level
                backward = backward is not None and backward[:2] >= level
                if not (forward or backward):
                    continue
                for r, ys in self.where[h].items():
                    if r not in others and r != root and r != target and self.reaches(xs, ys, forward, backward):
                        others.add(r)
        return next((r for r in sorted(others) if not self.compatible(r, target)), None)

    def reaches(self, xs: list[int], ys: list[int], forward: bool, backward: bool) -> bool:
        """Some pair of a mention in xs and one in ys matches at the level (forward: x before y)."""
        if not backward and xs[0] > ys[-1] or not forward and ys[0] > xs[-1]:
            return False
        return any((forward if x < y else backward) and (self.doc[x] != self.doc[y] or self.pair(x, y))
                   for x in xs for y in ys)

    def union(self, a: int, b: int, names: tuple[str, ...], rule: str) -> None:
        ra, rb = self.clusters.find(a), self.clusters.find(b)
        self.clusters.union(a, b, names, rule)
        root = self.clusters.find(a)
        gone = rb if root == ra else ra
        for g, xs in self.parts.pop(gone).items():
            merged = sorted(self.parts[root].get(g, []) + xs)
            self.parts[root][g] = merged
            del self.where[g][gone]
            self.where[g][root] = merged
        self.version[root] += 1
        self.version[gone] += 1




def look_key(m: Mention) -> tuple:
    """What the rules read of a mention: mentions alike in it are compared once (see merge_greedy)."""
    return (m.local.name, m.sig, m.owners, m.named_counties, m.stated_counties, m.alias_keys, m.builds_with)

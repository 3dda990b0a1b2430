"""Chains (ontology/chains.ttl), only for projects in the chains' region.

The keyword ending last in the project's name without its company wins (a supporting energy word after the
product, "…镁砂源网荷储", does not count; a power sector right after a power capacity, "50万千瓦风光储绿电铝",
does), else a chain named as the sentence's cluster, else a keyword in the company's name unless the name
states a product with its capacity.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import Lexicon
from ..model import COMPANY, IN_CHAIN, LOCATED_IN, PROJECT, LocalEntity
from ..nlp.text import alternation
from .state import DocState


class Chains:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.supporting = set(lex.patterns["facts"]["supporting_keywords"])
        self.cluster_words = lex.patterns["facts"]["cluster_words"]
        keywords = sorted(((k, c.id) for c in lex.chains.values() for k in c.keywords),
                          key=lambda kc: (-len(kc[0]), kc[0]))
        self.keyword_re = re.compile(alternation(k for k, _ in keywords)) if lex.chains else None
        self.chain_of = dict(keywords)

    def __call__(self, s: DocState) -> None:
        """The chain of each project in the region, by its name, else its sentence's cluster."""
        if not self.lex.chains:
            return
        located: dict[str, list[str]] = {}
        for f in s.facts:
            if f.prop == LOCATED_IN:
                located.setdefault(f.subject, []).append(f.value)
        for e in [e for e in s.entities.values() if e.kind == PROJECT]:
            if not self.in_region(s, located.get(e.key, [])):
                continue
            found = self.chain_by_name(s, e, product=True) or self.chain_by_cluster(s, e) or \
                (None if self.names_a_product(s, e) else self.chain_by_name(s, e, product=False))
            if found:
                chain, keyword, ev = found
                s.add(e.key, IN_CHAIN, chain, ev, note=keyword)

    def chain_by_name(self, s: DocState, e: LocalEntity, product: bool):
        """The keyword that ends last in the project's product part (its name after the company),
        or with `product` false in the company part ("嘉润风电储能电站项目"); but a power sector right after
        a power capacity is what the project builds ("50万千瓦风光储绿电铝一体化": a wind and solar plant)."""
        for m in sorted(s.mentions_of(e.key), key=lambda m: (m.start - m.end, m.start)):
            split = m.start
            for c in s.sentence_of(m.start).mentions:
                if c.kind == COMPANY and m.start <= c.start and c.end <= m.end and c.start - m.start <= 6:
                    split = max(split, c.end)
            start, end = (split, m.end) if product else (m.start, split)
            hits = [k for k in self.keyword_re.finditer(s.text, start, end)
                    if k.group() not in self.supporting or not self.product_before(s, start, k.start())]
            if hits:
                powered = [k for k in hits if any(q[1] == k.start() and q[2].kind == "power" for q in s.quantities)]
                word = (powered or [max(hits, key=lambda k: (k.end(), len(k.group()), k.group()))])[0].group()
                return self.chain_of[word], word, s.evidence(s.sentence_of(m.start))
        return None

    def product_before(self, s: DocState, start: int, pos: int) -> bool:
        """"40万吨电熔镁砂源网荷储一体化", "钒钛新材料及储能一体化": a product (with its capacity, or joined by
        及/和) comes first, and the supporting energy word after it says nothing of the product's chain."""
        return bool(re.search("[及和与、]", s.text[start:pos])) or \
            any(start <= q[0] and q[1] <= pos and q[2].kind == "capacity" for q in s.quantities)

    def names_a_product(self, s: DocState, e: LocalEntity) -> bool:
        """A capacity of a product in the name ("10万吨硫酸钾"): the product, not the company's trade, says
        the chain (a coal-chemicals company's potassium sulphate plant is in none)."""
        return any(q[2].kind == "capacity" for m in s.mentions_of(e.key) for q in s.quantities
                   if m.start <= q[0] and q[1] <= m.end)

    def chain_by_cluster(self, s: DocState, e: LocalEntity):
        """A chain named as the cluster of the sentence ("…为重点，发展特色旅游产业")."""
        for m in s.mentions_of(e.key):
            sent = s.sentence_of(m.start)
            owners = [(c.start, c.end) for c in sent.mentions if c.kind == COMPANY]
            i = bisect_left(s.chain_spans, (sent.start,))
            j = bisect_left(s.chain_spans, (sent.end,))
            chains = {cid for start, end, cid in s.chain_spans[i:j]
                      if not any(a <= start < b for a, b in owners)
                      and any(s.text.startswith(w, end) for w in self.cluster_words)}
            if len(chains) == 1:
                chain = chains.pop()
                return chain, self.lex.chains[chain].label, s.evidence(sent)
        return None

    def in_region(self, s: DocState, places: list[str]) -> bool:
        """A project is in the chains' region by its places, else by the article's."""
        ids = [s.entities[p].attrs.get("gazetteer_id") for p in places if p in s.entities]
        if any(ids):
            return any(self.lex.in_chain_region(i) for i in ids if i)
        return s.region_doc

"""An rdflib store that holds a built graph in a third of the memory of rdflib's own.

rdflib's `Memory` store keeps every triple in three nested indexes of sets plus a map of the triple to its
contexts: about 830 bytes a triple, so a 1,000-article build (450,000 triples) held 370 MB in its graph alone.
A build's graph has no contexts and is asked almost only "the objects of s p" and "the subjects of p o", so
this store keeps one subject index (an object alone where a subject has one value of a property, the common
case, rather than a one-element set) and, per predicate and only once something asks by predicate, a
reverse index. Lookups by object alone scan the graph (nothing in a build asks them). Iteration follows
the order triples were added, so a graph reads back the same in every process.
"""

from __future__ import annotations

from rdflib.store import Store


class _Many(dict):
    """The objects (or subjects) of one key when there are several: a dict kept as an ordered set."""

    __slots__ = ()


def _put(index: dict, key, value) -> bool:
    """Add `value` under `key`; False if it was there already."""
    held = index.get(key, _Many)
    if held is _Many:
        index[key] = value
        return True
    if type(held) is _Many:
        if value in held:
            return False
        held[value] = None
        return True
    if held == value:
        return False
    index[key] = _Many({held: None, value: None})
    return True


def _drop(index: dict, key, value) -> None:
    held = index.get(key, _Many)
    if type(held) is _Many:
        held.pop(value, None)
        if len(held) == 1:
            index[key] = next(iter(held))
        elif not held:
            del index[key]
    elif held is not _Many and held == value:
        del index[key]


def _values(held):
    return tuple(held) if type(held) is _Many else (held,)


class CompactStore(Store):
    """Triples without contexts: `Graph(store=CompactStore())` (kg.graph.new_graph)."""

    context_aware = False
    formula_aware = False
    transaction_aware = False
    graph_aware = False

    def __init__(self, configuration=None, identifier=None):
        super().__init__(configuration)
        self.identifier = identifier
        self.spo: dict = {}  # subject -> {predicate: object | _Many(objects)}
        self.pos: dict = {}  # predicate -> {object: subject | _Many(subjects)}, built on first ask
        self.size = 0
        self._namespace: dict = {}
        self._prefix: dict = {}

    # ---- changing ----------------------------------------------------------------------------

    def add(self, triple, context=None, quoted=False) -> None:
        s, p, o = triple
        po = self.spo.get(s)
        if po is None:
            po = self.spo[s] = {}
        if _put(po, p, o):
            self.size += 1
            reverse = self.pos.get(p)
            if reverse is not None:
                _put(reverse, o, s)

    def addN(self, quads) -> None:  # noqa: N802 (rdflib's name)
        for s, p, o, _ in quads:
            self.add((s, p, o))

    def remove(self, pattern, context=None) -> None:
        for (s, p, o), _ in list(self.triples(pattern)):
            po = self.spo[s]
            _drop(po, p, o)
            if not po:
                del self.spo[s]
            reverse = self.pos.get(p)
            if reverse is not None:
                _drop(reverse, o, s)
            self.size -= 1

    # ---- reading -----------------------------------------------------------------------------

    def triples(self, pattern, context=None):
        s, p, o = pattern
        none = iter(())
        if s is not None:
            po = self.spo.get(s)
            if po is None:
                return
            if p is not None:
                if p in po:
                    for obj in _values(po[p]):
                        if o is None or obj == o:
                            yield (s, p, obj), none
                return
            for pred, held in list(po.items()):
                for obj in _values(held):
                    if o is None or obj == o:
                        yield (s, pred, obj), none
            return
        if p is not None:
            reverse = self.reverse(p)
            if o is not None:
                if o in reverse:
                    for subj in _values(reverse[o]):
                        yield (subj, p, o), none
                return
            for obj, held in list(reverse.items()):
                for subj in _values(held):
                    yield (subj, p, obj), none
            return
        for subj, po in list(self.spo.items()):
            for pred, held in list(po.items()):
                for obj in _values(held):
                    if o is None or obj == o:
                        yield (subj, pred, obj), none

    def reverse(self, p) -> dict:
        """{object: subject(s)} of predicate `p`, made on the first ask and kept up to date after."""
        reverse = self.pos.get(p)
        if reverse is None:
            reverse = self.pos[p] = {}
            for subj, po in self.spo.items():
                if p in po:
                    for obj in _values(po[p]):
                        _put(reverse, obj, subj)
        return reverse

    def iter_triples(self):
        """Every (s, p, o), without rdflib's per-triple context tuples (what a writer reads)."""
        for subj, po in self.spo.items():
            for pred, held in po.items():
                if type(held) is _Many:
                    for obj in held:
                        yield subj, pred, obj
                else:
                    yield subj, pred, held

    def __len__(self, context=None) -> int:
        return self.size

    def contexts(self, triple=None):
        return iter(())

    # ---- namespaces (as rdflib's SimpleMemory) -----------------------------------------------

    def bind(self, prefix, namespace, override: bool = True) -> None:
        bound_namespace = self._namespace.get(prefix)
        bound_prefix = self._prefix.get(namespace)
        if bound_prefix is None and bound_namespace is not None:
            bound_prefix = self._prefix.get(bound_namespace)
        if override:
            if bound_prefix is not None:
                self._namespace.pop(bound_prefix, None)
            if bound_namespace is not None:
                self._prefix.pop(bound_namespace, None)
            self._prefix[namespace] = prefix
            self._namespace[prefix] = namespace
        else:
            self._prefix[bound_namespace if bound_namespace is not None else namespace] = (
                bound_prefix if bound_prefix is not None else prefix)
            self._namespace[bound_prefix if bound_prefix is not None else prefix] = (
                bound_namespace if bound_namespace is not None else namespace)

    def namespace(self, prefix):
        return self._namespace.get(prefix)

    def prefix(self, namespace):
        return self._prefix.get(namespace)

    def namespaces(self):
        yield from list(self._namespace.items())

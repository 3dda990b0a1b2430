"""Training the attachment model (kg.learn.attacher) from the gold files' project `companies` lists.

Each training article is read by the full pipeline with the name models just trained (so the model learns
on the entities the build will have), related by the rules, and its candidate pairs (kg.learn.pairs) get a
label from the gold: the article's projects are matched to the gold projects as `kg eval` matches them, and
a pair is positive when the gold project lists a company whose name matches the company's. Pairs whose
project matches no gold project teach nothing and are left out. Deterministic: articles in sorted order,
crfsuite has no randomness.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable

from .. import evaluate, lexicon, nlp, relate
from ..model import PROJECT
from .attacher import MODEL_FILE, model_path
from .corpora import Corpus, articles
from .pairs import pairs

PARAMS = {"c1": 0.0, "c2": 1.0, "max_iterations": 300}
MANIFEST = "attach.json"


def examples(items: Iterable[tuple[Corpus, list[str] | None]], model_dir: Path | None,
             lex: lexicon.Lexicon | None = None,
             progress: Callable[[str, int, int], None] | None = None) -> list[tuple[list[str], str]]:
    """(features, "1"|"0") for every labelled candidate pair of the given articles: (corpus, file names, or
    None for all of them)."""
    lex = lex or lexicon.load()
    pipe = nlp.make_nlp(lex, model_dir=model_dir)
    if "kg_attach" in pipe.pipe_names:
        pipe.remove_pipe("kg_attach")  # learn on the rules' links, never on an older model's
    items = sorted(items, key=lambda it: it[0].name)
    out = []
    for i, (c, files) in enumerate(items):
        data = evaluate.read_gold_data(c.gold)  # parsed once, restricted to each article below
        for name, document in articles(c, files):
            s = relate.ruled(document, pipe(document.text), lex)
            out += labelled(s, evaluate.gold_from_data(c.gold, data, docs={name}))
        if progress:
            progress("pairs", i + 1, len(items))
    return out


def labelled(s, gold: evaluate.Gold) -> list[tuple[list[str], str]]:
    """The document's candidate pairs whose project matches a gold project, labelled from its companies."""
    projects = [e for e in s.entities.values() if e.kind == PROJECT]
    nodes = [evaluate.Node(e.key, (e.name, *e.surfaces)) for e in projects]
    found = evaluate.match_kind(gold.entities["projects"], nodes, gold.places)
    matched = {n.iri: g for g, n in found.pairs} | {n.iri: g for n, g in found.duplicates}
    out = []
    for pair in pairs(s):
        g = matched.get(pair.project)
        if g is None:
            continue
        company = s.entities[pair.company]
        labels = (company.name, *company.surfaces)
        builds = any(evaluate.name_score(a, b, gold.places) for names in g.companies for a in names for b in labels)
        out.append((pair.features, "1" if builds else "0"))
    return out


def fit(train: list[tuple[list[str], str]], out_dir: Path, params: dict | None = None) -> dict:
    """Fit the model on labelled pairs and write it, with its manifest, into `out_dir`."""
    import pycrfsuite

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    params = {**PARAMS, **(params or {})}
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, label in train:
        trainer.append([features], [label])
    trainer.set_params(params)
    trainer.train(str(model_path(out_dir)))
    info = {"model": MODEL_FILE, "params": params, "pairs": len(train),
            "positive": sum(label == "1" for _, label in train)}
    (out_dir / MANIFEST).write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
    return info

"""kg_names: the learned name layer reconciles the rule recognisers' spans (projects, companies, parks).

It runs after every rule recogniser, reads their spans as features (kg.learn.features) and tags each
sentence with the trained CRFs (kg.learn.tagger). Then, per kind:

- a model span equal to a rule span keeps the rule span (and its label);
- a model span inside a rule span replaces it when the model is confident (`fix`): the model has cut a
  lead-in off ("现场、X项目" -> "X项目", "某县岚泰集团" -> "岚泰集团"); a model span reaching beyond the
  rule span (`extend`) is off by default: measured, it mostly joined two names ("A和B项目") or a brand
  with its product ("岚泰航空铝板" for the brand 岚泰);
- a model span that overlaps nothing is added when the model is confident (`add`): a name no rule read,
  unless it is exactly a company's name (a brand in a list of "重点项目" is the company's, not a project);
- a rule span the model does not see is dropped when the model's probability that its characters are a
  name is low (`drop`): a slogan or a fragment the rules took for a name.

References to a project (该项目: label ProjectRef) are the rules' alone. Without trained models in the
folder the component changes nothing, so the pipeline still runs rules-only.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..paths import MODEL_DIR
from .base import DEFAULT_CONFIG, component_lexicon, doc_text, sentence_ranges

QUOTED_OPENINGS = ("“", "\"", "「", "《")
LABELS = {"projects": "Project", "companies": "Company", "parks": "IndustrialPark"}
# Measured by cross-validation over the real articles (benchmarks/cv_real.py --thresholds): on real text
# the figures hardly move between 0.5 and 0.9; the cautious end keeps the rules where they were tuned.
THRESHOLDS = {"fix": 0.8, "extend": 2.0, "add": 0.8, "drop": 0.05}
# Parks: the model's own park names scored below the rules in cross-validation (session 14, 313 articles:
# add 0.8 and fix 0.8 give 0.793 against 0.806), so it only drops the rule parks it gives almost no chance
# of being a name (0.806 -> 0.813 at 0.02-0.1). A kind's own thresholds override.
KIND_THRESHOLDS = {"parks": {"fix": 2.0, "extend": 2.0, "add": 2.0, "drop": 0.05}}


@Language.factory("kg_names", default_config={**DEFAULT_CONFIG, "model_dir": str(MODEL_DIR),
                                              "thresholds": dict(THRESHOLDS)})
def make_name_layer(nlp: Language, name: str, ontology_dir: str, model_dir: str, thresholds: dict) -> "NameLayer":
    return NameLayer(component_lexicon(ontology_dir), Path(model_dir), thresholds)


class NameLayer:
    def __init__(self, lex, model_dir: Path, thresholds: dict):
        # kg.learn reads kg.nlp's helpers, so it is imported here, when the pipeline is built
        from ..learn.features import doc_votes
        from ..learn.tagger import NameTagger

        from .companies import Reference

        self.doc_votes = doc_votes
        self.is_reference = Reference(lex.patterns["companies"])
        # a place or a region is no company's name ("吉林", "蒙东"), whatever the model reads in a project's name
        self.not_company_names = set(lex.place_names) | set(lex.context_names) | set(lex.patterns["companies"]["regions"])
        self.tagger = NameTagger(lex, model_dir) if NameTagger.available(model_dir) else None
        # per kind: the defaults, the caller's, then the kind's own (the park layer stays off)
        # "companies.add": one kind's own, given by the caller, overrides that kind's
        self.thresholds = {kind: {**THRESHOLDS, **{k: v for k, v in thresholds.items() if "." not in k},
                                  **KIND_THRESHOLDS.get(kind, {}),
                                  **{k.split(".", 1)[1]: v for k, v in thresholds.items() if k.startswith(kind + ".")}}
                           for kind in LABELS}
        # a kind whose thresholds let the model change nothing is not tagged at all
        self.active = [k for k, t in self.thresholds.items()
                       if min(t["fix"], t["extend"], t["add"]) <= 1.0 or t["drop"] > 0.0]

    def __call__(self, doc: Doc) -> Doc:
        if self.tagger is None or not len(doc):
            return doc
        rule_spans = {kind: [(s.start_char, s.end_char) for s in doc.spans.get(kind, []) if s.label_ != "ProjectRef"]
                      for kind in LABELS}
        tagged = self.tagger.tag(doc_text(doc), self.doc_votes(doc), sentence_ranges(doc), wanted=rule_spans,
                                 kinds=self.active)
        for kind in sorted(tagged, key=lambda k: k != "companies"):  # companies first: projects read them
            self.reconcile(doc, kind, tagged[kind].spans, tagged[kind].name_probability)
        return doc

    def reconcile(self, doc: Doc, kind: str, model_spans, name_prob: list[float]) -> None:
        t = self.thresholds[kind]
        rules = list(doc.spans.get(kind, []))
        kept_refs = [s for s in rules if s.label_ == "ProjectRef"]
        named = [s for s in rules if s.label_ != "ProjectRef"]
        by_edges = {(s.start_char, s.end_char): s for s in named}
        places = [(s.start_char, s.end_char) for s in doc.spans.get("places", [])]
        ends = {s.end_char for s in named}
        companies = {(s.start_char, s.end_char) for s in doc.spans.get("companies", [])}
        text = doc_text(doc)
        added, replaced = [], set()
        for m in model_spans:
            if (m.start, m.end) in by_edges:
                continue  # agreed: the rule span stays
            overlapping = [s for s in named if s.start_char < m.end and m.start < s.end_char]
            inside = all(s.start_char <= m.start and m.end <= s.end_char for s in overlapping)
            if inside and kind == "projects" and any(self.cuts_place(places, s.start_char, m.start) for s in overlapping):
                continue  # "某市某区年产3万吨…项目": the place opening a project's name says where it is
            if not overlapping and kind == "companies" and m.start in ends:
                continue  # "某某有限公司岚泰…项目": what follows a company's name is its brand, the rules' call
            if not overlapping and kind == "projects" and (m.start, m.end) in companies:
                continue  # "推进青禾装备制造、青山金属等重点项目": a company's name alone is the company, not a project
            if kind == "companies" and (self.is_reference(text[m.start:m.end])
                                        or text[m.start:m.end] in self.not_company_names):
                continue  # "这家公司", "与我公司": a reference; "吉林", "蒙东": a place, not a name
            bar = (t["fix"] if inside else t["extend"]) if overlapping else t["add"]
            if m.confidence >= bar:
                replaced.update((s.start_char, s.end_char) for s in overlapping)
                added.append((m.start, m.end))
        spans = [doc.char_span(s, e, label=LABELS[kind]) for s, e in added]
        for s in named:
            if (s.start_char, s.end_char) in replaced:
                continue
            p = sum(name_prob[s.start_char:s.end_char]) / max(1, s.end_char - s.start_char)
            if p >= t["drop"] or kind == "projects" and s.text.startswith(QUOTED_OPENINGS):
                spans.append(s)  # "“火、风、光、储”一体化示范项目": a name the article quotes is meant as one
        doc.spans[kind] = sorted([s for s in spans if s is not None] + kept_refs,
                                 key=lambda s: (s.start_char, s.end_char, s.label_))

    @staticmethod
    def cuts_place(places: list[tuple[int, int]], start: int, end: int) -> bool:
        """Whether the part [start, end) a trim would remove holds a place."""
        return any(start <= s and e <= end for s, e in places)

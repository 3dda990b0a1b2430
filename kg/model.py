"""The data that flows between pipeline stages.

Each stage takes the previous stage's objects and returns new ones; nothing flows backwards:

    corpus  -> Document            (decoded, cleaned text with an offset map to the original)
    nlp     -> spaCy Doc           (spans: entity mentions, quantities; see kg.nlp)
    relate  -> DocResult           (per-document entities, facts, aggregate facts)
    resolve -> KnowledgeBase       (one Entity per real-world thing, Statements with provenance)
    graph   -> rdflib.Graph        (kg.vocab terms)

Offsets: `Evidence.start/end` are character offsets into `Document.original`, the decoded source text
(article text for HTML input), so `original[start:end] == quote` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Entity kinds (also the rdf:type local names in kg.vocab).
PROJECT = "Project"
COMPANY = "Company"
PARK = "IndustrialPark"
PLACE = "Place"
KINDS = (PROJECT, COMPANY, PARK, PLACE)

# Fact properties. Quantity-valued unless noted. These are the local names of kg.vocab properties.
TOTAL_INVESTMENT = "totalInvestment"  # money, CNY
ANNUAL_PLANNED_INVESTMENT = "annualPlannedInvestment"  # money, CNY
INVESTMENT_COMPLETED = "investmentCompleted"  # money, CNY
CAPACITY = "capacity"  # Quantity with product
OUTPUT_VALUE = "outputValue"  # money, CNY per year
TAX = "tax"  # money, CNY per year
JOBS = "jobs"  # count of people
LAND_AREA = "landArea"  # area, m2
STATUS = "status"  # value: a status code from STATUSES
START_DATE = "startDate"  # value: ISO date string, "2024", "2024-08" or "2024-08-15"
COMPLETION_DATE = "completionDate"  # value: ISO date string
LOCATED_IN = "locatedIn"  # value: local entity key of a Place
IN_PARK = "inPark"  # value: local entity key of an IndustrialPark
DEVELOPER = "developer"  # value: local entity key of a Company
PART_OF = "partOf"  # value: local entity key of a Project
SUBSIDIARY_OF = "subsidiaryOf"  # value: local entity key of a Company
SUPPLIES = "supplies"  # value: local entity key of a Company
IN_CHAIN = "inChain"  # value: chain id (local name in the chain scheme, e.g. "corn-bio")

MONEY_PROPS = (TOTAL_INVESTMENT, ANNUAL_PLANNED_INVESTMENT, INVESTMENT_COMPLETED, OUTPUT_VALUE, TAX)
CURRENCY = "CNY"  # the unit of money in direct values; an amount in another currency is only a statement
RELATION_PROPS = (LOCATED_IN, IN_PARK, DEVELOPER, PART_OF, SUBSIDIARY_OF, SUPPLIES)

STATUSES = ("planned", "signed", "under_construction", "trial_production", "in_operation")


@dataclass(frozen=True)
class DocumentMeta:
    """What is known about one article, and how it was learnt."""

    doc_id: str  # stable: file name without extension for files, unique within a build
    path: str  # path as given by the user
    title: str | None = None
    date: str | None = None  # ISO date of publication ("2022-11-15", or "2022" when only the year)
    date_source: str = "none"  # sidecar | sources.jsonl | text | none
    url: str | None = None
    script: str = "simplified"  # simplified | traditional (as found in the file)
    encoding: str = "utf-8"
    media_type: str = "text/plain"  # text/plain | text/html


@dataclass(frozen=True)
class Publication:
    """Another place an article was published: a repost folded into the document kept (kg.reposts)."""

    doc_id: str  # the repost's own document id (its file), unique within a build
    path: str
    url: str | None = None
    date: str | None = None
    date_source: str = "none"
    title: str | None = None
    similarity: float = 1.0  # Jaccard of character 5-grams with the article it was folded into
    exact: bool = True  # the same normalised text


@dataclass
class Document:
    """A decoded article: `original` is quoted, `text` is what extraction reads.

    `text` is cleaned and in simplified script; `offsets[i]` is the index in `original` of `text[i]`
    (len(offsets) == len(text) + 1, the last entry maps the end).
    """

    meta: DocumentMeta
    original: str
    text: str
    offsets: list[int]
    warnings: list[str] = field(default_factory=list)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of `text` to `original`."""
        if start >= end:
            s = self.offsets[start]
            return s, s
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        s, e = self.source_span(start, end)
        return self.original[s:e]


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the document, the sentence and the exact source characters."""

    doc_id: str
    sentence: int  # index of the sentence in the document
    start: int  # offsets into Document.original
    end: int
    quote: str  # Document.original[start:end]; the sentence that states the fact
    doc_date: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A number read from text, normalised, with its original wording kept."""

    kind: str  # money | capacity | power | energy | area | jobs | count | volume | percent | voltage
    value: Decimal  # normalised: money in yuan, area in m2, power in kW, mass in t
    unit: str  # normalised unit code: CNY (USD…), t, t/a, kW, kWh, kV, m2, m3, m3/d, person, item, %, pp, head, unit
    text: str  # as written, e.g. "约135亿元"
    qualifiers: tuple[str, ...] = ()  # 约 近 超 以上 累计 计划 预计 …
    product: str | None = None  # for capacity: what is produced ("轻质高强铝合金")


@dataclass
class LocalEntity:
    """An entity as one document knows it."""

    key: str  # unique within the document, e.g. "project:3"
    kind: str  # one of KINDS
    name: str  # the most complete name used in this document (simplified script)
    surfaces: list[str] = field(default_factory=list)  # every name used, as written (cleaned text)
    evidence: list[Evidence] = field(default_factory=list)  # mentions
    attrs: dict = field(default_factory=dict)  # kind-specific: place "level"/"gazetteer_id", "in_caption", …


@dataclass(frozen=True)
class Fact:
    subject: str  # LocalEntity.key
    prop: str  # one of the property constants above
    value: object  # Quantity | local entity key | chain id | status code | ISO date string
    evidence: Evidence
    qualifiers: tuple[str, ...] = ()  # 一期, 计划, …
    note: str | None = None  # why: the rule or keyword that produced it


@dataclass(frozen=True)
class AggregateFact:
    """A figure about a set of projects, a plan or an event: never one project's figure."""

    scope: str  # what the figures describe, in the article's words ("全市计划实施重点项目")
    place: str | None  # place name as written (simplified) or None
    year: str | None
    figures: tuple[tuple[str, Quantity], ...]  # (label, quantity): ("项目数", 558 item), ("总投资", 1762亿元)
    evidence: Evidence


@dataclass
class DocResult:
    """Everything `relate` read from one document."""

    meta: DocumentMeta
    entities: list[LocalEntity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    aggregates: list[AggregateFact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ---- after resolution ---------------------------------------------------------------------------


@dataclass
class Entity:
    """One real-world thing across all documents of a build."""

    id: str  # IRI path below kg.vocab.ID, e.g. "project/<preferred name>"; stable and readable
    kind: str
    label: str  # preferred name
    alt_labels: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)  # doc ids that mention it
    mentions: list[Evidence] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)


@dataclass
class Statement:
    """One value of one property of one entity, as one sentence states it (Wikidata's model)."""

    id: str  # IRI path below kg.vocab.ID, deterministic
    subject: str  # Entity.id
    prop: str
    value: object  # Quantity | Entity.id (relations) | chain id | status code | ISO date string
    evidence: Evidence
    qualifiers: tuple[str, ...] = ()
    note: str | None = None
    preferred: bool = False


@dataclass(frozen=True)
class MergeRecord:
    """Why names were merged into one entity: for the resolution report."""

    entity: str  # Entity.id
    names: tuple[str, ...]
    rule: str


@dataclass(frozen=True)
class Disagreement:
    entity: str
    prop: str
    statements: tuple[str, ...]  # Statement.id
    summary: str  # every value with every source (resolution.json)
    short: str = ""  # the first values and sources, with counts of the rest (the build summary)


@dataclass
class KnowledgeBase:
    documents: list[DocumentMeta] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    aggregates: list[AggregateFact] = field(default_factory=list)
    merges: list[MergeRecord] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    publications: dict[str, tuple[Publication, ...]] = field(default_factory=dict)  # doc id -> its reposts

"""The project's RDF vocabulary: one place that names every term, so a misspelt term is an error.

The terms are defined (labels in Chinese and English, domains, ranges) in ontology/kg.ttl; tests check
that the two agree. Well-known vocabularies are reused where they fit: SKOS for labels and the chain
scheme, PROV-O for provenance, Dublin Core for document metadata, schema.org for URLs.
"""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace, URIRef

BASE = "https://tongliao-kg.org/"
ID = Namespace(BASE + "id/")  # instances: ID["project/<preferred name>"], ID["company/<name>"], …
CHAIN = Namespace(BASE + "id/chain/")  # industry chain concepts: CHAIN["corn-bio"]
PLACE = Namespace(BASE + "id/place/")  # gazetteer places: PLACE["科尔沁区"]
STATUS = Namespace(BASE + "id/status/")  # status concepts: STATUS["under_construction"]
SCHEMA = Namespace("https://schema.org/")


class TKG(DefinedNamespace):
    """Terms of the Tongliao knowledge graph ontology (ontology/kg.ttl)."""

    _fail = True
    _NS = Namespace(BASE + "ns#")

    # classes
    Project: URIRef
    Company: URIRef
    IndustrialPark: URIRef
    Place: URIRef
    City: URIRef
    County: URIRef  # county-level division (县, 旗, 县级市, 区, and county-level development zones)
    Township: URIRef
    Province: URIRef
    IndustryChain: URIRef
    ProjectStatus: URIRef
    SourceDocument: URIRef
    Publication: URIRef  # another place a source document was published (a repost folded into it)
    Statement: URIRef
    AggregateFact: URIRef
    Figure: URIRef  # one (label, quantity) of an aggregate fact

    # relations between entities (direct, "truthy" triples; each also has statements)
    locatedIn: URIRef
    inPark: URIRef
    developer: URIRef
    partOf: URIRef
    subsidiaryOf: URIRef
    supplies: URIRef
    inChain: URIRef
    withinPlace: URIRef  # place hierarchy: township -> county -> city -> province

    # figures (direct values are the preferred statement's normalised value)
    totalInvestment: URIRef
    annualPlannedInvestment: URIRef
    investmentCompleted: URIRef
    capacity: URIRef
    outputValue: URIRef
    tax: URIRef
    jobs: URIRef
    landArea: URIRef
    status: URIRef
    startDate: URIRef
    completionDate: URIRef

    # statement nodes
    hasStatement: URIRef  # entity -> statement
    property: URIRef  # statement -> the property it gives a value for (e.g. tkg:totalInvestment)
    value: URIRef  # normalised value (xsd:decimal, IRI, or date literal)
    unit: URIRef  # normalised unit code ("CNY", "t/a", "kW", "m2", …)
    originalText: URIRef  # the value as written ("约135亿元")
    qualifier: URIRef  # 约, 计划, 累计, 一期 …
    product: URIRef  # what a capacity produces
    rank: URIRef  # tkg:PreferredRank | tkg:NormalRank
    PreferredRank: URIRef
    NormalRank: URIRef
    quote: URIRef  # exact source sentence
    sentenceIndex: URIRef
    charStart: URIRef  # offsets into the source text
    charEnd: URIRef
    documentDate: URIRef
    ruleNote: URIRef  # which rule or keyword produced the value

    # entities and documents
    mentionedIn: URIRef  # entity -> source document
    inCaption: URIRef
    level: URIRef  # place level: "city" | "county" | "township" | "province"
    adcode: URIRef  # a place's six-digit administrative division code (行政区划代码)
    shortName: URIRef
    englishName: URIRef  # an official English name (places.ttl's English part; provinces, Tongliao's divisions)
    transliteration: URIRef  # Hanyu pinyin of the Chinese name, made by the tool: not an official English name
    keyword: URIRef  # chain -> keyword that assigns a project to it
    mergeRule: URIRef  # entity -> explanation of a name merge
    dateSource: URIRef  # sidecar | sources.jsonl | text | none
    fileName: URIRef
    publishedAs: URIRef  # source document -> a Publication of it (a repost)
    similarity: URIRef  # publication -> Jaccard of character 5-grams with the document kept
    exactCopy: URIRef  # publication -> true when its normalised text is the document's
    script: URIRef
    encoding: URIRef

    # aggregate facts
    scope: URIRef
    aboutPlace: URIRef
    year: URIRef
    hasFigure: URIRef
    figureLabel: URIRef

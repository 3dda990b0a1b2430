"""Names for readers of English: official English names where known, pinyin transliterations elsewhere.

A place's official English name is reference data (ontology/places-en.ttl, `tkg:englishName`); a chain's
is its `skos:prefLabel @en` (ontology/chains.ttl). Every other project, company, park and place gets its
Chinese name in Hanyu pinyin (pypinyin, words joined as jieba cuts them: "Neimenggu Chuangyuan Hejin
Youxian Gongsi"), as `tkg:transliteration`, a property of its own, so nobody takes it for an official name.
Nothing is translated: a transliteration says how the name sounds, not what it means.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .vocab import TKG

NAMED_KINDS = (TKG.Project, TKG.Company, TKG.IndustrialPark, TKG.Place)
ENGLISH_FILE = "places-en.ttl"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
VOWEL_START = re.compile(r"^[aoe]")
# Chinese punctuation in names, as its ASCII counterpart (NFKC leaves these alone)
PUNCTUATION = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "、": ",", "《": '"', "》": '"', "〈": "<",
                             "〉": ">", "【": "[", "】": "]", "·": " ", "—": "-", "。": "."})
NO_SPACE_BEFORE = set(",.:;!?)]>'-/")
GENERIC = set("省市县区旗盟镇乡村")  # the generic of a place name, written as a word of its own


def english_names(directory: Path) -> Graph:
    """The official English names of the region's places (places-en.ttl), or an empty graph."""
    path = Path(directory) / ENGLISH_FILE
    return _parsed(path, path.stat().st_mtime_ns) if path.exists() else Graph()


@lru_cache(maxsize=4)
def _parsed(path: Path, mtime: int) -> Graph:
    return Graph().parse(path, format="turtle")


def add_english(g: Graph, directory: Path, pinyin=None) -> None:
    """Give every named entity of `g` an English label: the official one where places-en.ttl has it (copied
    in), else a pinyin `tkg:transliteration` of its Chinese preferred name. `pinyin`: `transliterate` (the
    default) or a memo of it (kg.memo)."""
    pinyin = pinyin or transliterate
    official = english_names(directory)
    entities = sorted({s for kind in NAMED_KINDS for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef)})
    for node in entities:
        names = list(official.objects(node, TKG.englishName))
        for name in names:
            g.add((node, TKG.englishName, name))
        if names:
            continue
        label = _chinese_label(g, node)
        text = pinyin(str(label)) if label is not None else None
        if text:
            g.add((node, TKG.transliteration, Literal(text, lang="en")))


def _chinese_label(g: Graph, node: URIRef):
    labels = sorted(g.objects(node, SKOS.prefLabel))
    zh = [x for x in labels if getattr(x, "language", None) and x.language.startswith("zh")]
    return (zh or labels or [None])[0]


@lru_cache(maxsize=65536)
def transliterate(name: str) -> str | None:
    """`name` in Hanyu pinyin, word by word, each word capitalised ("Kailu Xian"); None for a name with no
    Chinese characters (it needs no transliteration). Syllables in a word are joined, with an apostrophe
    before one that starts with a, o or e ("Xi'an"), as pinyin spelling has it."""
    text = unicodedata.normalize("NFKC", name).translate(PUNCTUATION).strip()
    if not HAN.search(text):
        return None
    parts: list[str] = []
    for word in _words(text):
        if not word.strip():
            continue
        for run in RUNS.findall(word) if HAN.search(word) else [word]:
            if HAN.match(run):
                parts.append(_run_pinyin(run))
            else:
                parts += _punctuation_apart(run)
    return _joined(parts)


@lru_cache(maxsize=65536)
def _run_pinyin(run: str) -> str:
    """One word's Chinese characters in pinyin, capitalised ("Kailu"); cached, as names share most words
    (项目, 产业园, 有限公司) and pypinyin's cost is per call."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(run, style=Style.NORMAL, v_to_u=True, strict=True)
    joined = syllables[0] + "".join(("'" if VOWEL_START.match(s) else "") + s for s in syllables[1:])
    return joined[:1].upper() + joined[1:]


RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _joined(parts: list[str]) -> str | None:
    """Words with single spaces; punctuation sits against its word, quotes against what they enclose."""
    out, quotes = "", 0
    for part in filter(None, parts):
        if part == '"':
            quotes += 1
            opening = quotes % 2 == 1
            out += (" " if opening and out and not out.endswith(("(", "[")) else "") + part
            continue
        after_opening_quote = out.endswith('"') and quotes % 2 == 1
        glue = "" if not out or after_opening_quote or part[0] in NO_SPACE_BEFORE or out[-1] in "([-/" else " "
        out += glue + part
    return re.sub(r"\s+", " ", out).strip() or None


def _punctuation_apart(run: str) -> list[str]:
    """A run without Chinese characters, quotes split off (they are glued by position, open or close)."""
    return [p.strip() for p in re.split(r'(")', run) if p.strip()]


def _words(text: str) -> list[str]:
    """jieba's words (its dictionary ships in its wheel; its HMM joins the characters of an unknown brand).
    The name models' tokenizer is reused: a build that ran them in this process has it loaded already."""
    from .words import segmenter

    words = []
    for word in segmenter().lcut(text):
        if len(word) >= 3 and word[-1] in GENERIC and HAN.fullmatch(word[-2]):
            words += [word[:-1], word[-1]]  # pinyin writes a place's generic apart: Kailu Xian, Naiman Qi
        else:
            words.append(word)
    return words


def english_label(g: Graph, node) -> tuple[str, str] | None:
    """(name, "official" | "transliteration") for a node of a built graph: its official English name (a
    place's tkg:englishName, a chain's skos:prefLabel @en), else its pinyin transliteration; None if neither."""
    official = sorted(str(x) for x in g.objects(node, TKG.englishName))
    if not official and (node, RDF.type, TKG.IndustryChain) in g:
        official = sorted(str(x) for x in g.objects(node, SKOS.prefLabel) if getattr(x, "language", None) == "en")
    if official:
        return official[0], "official"
    pinyin = sorted(str(x) for x in g.objects(node, TKG.transliteration))
    return (pinyin[0], "transliteration") if pinyin else None

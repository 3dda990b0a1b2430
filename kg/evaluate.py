"""`kg eval`: score a built graph against hand-made gold answers (shared/gold/README.md).

The README's rules are implemented as written; where it leaves room, this module decides so:

Names
- Normalisation (`normalize`): NFKC (full width -> half width), OpenCC t2s, whitespace removed, brackets of
  every kind and quotation marks dropped with their content kept ("(内蒙古)" == "（内蒙古）"),
  runs of dashes unified to one "-". t2s is applied to both sides: no gold name changes under it, so this
  is the same as converting only traditional extracted labels.
- A gold entity's names: `name`, `aliases` and, for projects, every mention's `surface` and `also_written`.
  A graph node's labels: every skos:prefLabel and skos:altLabel.
- Core (`core`): the normalised name without generic words (`GENERIC`, e.g. 项目 工程 建设 有限公司 集团
  年产 园区, and phases 一期 二期…) and without place names (the gold's places, project and park counties,
  China's provincial-level names, and each of them without its 省/市/县/旗/区/镇… suffix). A core is
  distinctive when at least two CJK characters remain after removing numbers with their units (15万吨,
  500MWp) and sector words (`SECTOR`: 风电 光伏 新材料 基地 生产线…): a capacity, a place or a sector
  alone ("风电项目") never identifies an entity.
- A label and a gold name match with score 1 when equal after normalisation; otherwise when one contains
  the other and the shorter one's core is distinctive and contained in the longer one's core, with score
  len(shorter core) / len(longer core), which is below 1.
- A (node, gold entity) pair scores (best label-name score, number of the node's labels equal to a gold
  name); the second part decides between gold entities that share a surface (dev.json's coordinated
  names such as "省道305线、207线升级改造项目").

Assignment (per kind): greedy by best score, one-to-one. Candidate pairs are taken in order of score,
non-borderline gold before borderline, then gold id and node IRI; a pair is kept when both sides are
still free. This is not the optimal assignment, but it is deterministic and explains itself.
- A node assigned to a non-borderline gold entity is a true positive; to a borderline one, neutral
  (counted as `borderline_found`). An unassigned non-borderline gold entity is a false negative;
  an unassigned borderline one counts for nothing.
- An unassigned node that matches no gold entity is spurious (false positive). One that matches only
  gold entities already taken is a duplicate of its best-scoring one: a false positive, unless that
  entity is borderline (neutral). Every duplicate makes its gold entity "split".
- Merged: a node is wrongly merged when its labels identify two or more different gold entities. A label
  identifies a gold entity when it is the only one the label equals, or else the only one it matches
  at all (a short name such as a company's, contained in several project names, identifies none), and
  it is not written inside another label of the node (星禾 beside 内蒙古星禾合金有限公司 abbreviates that name;
  a gold file may list the short name as another company's alias, the texts using it for both).
- Precision, recall: 1.0 when both sides are empty (nothing to find, nothing found), else 0.0 for an
  empty denominator; F1 is 0.0 when precision and recall are both 0.

Figures: over true-positive project pairs, the set of distinct total investments (yuan) of the gold
mentions (non-null `total_investment_cny`) against the set of distinct values of every tkg:totalInvestment
statement in yuan of the node, preferred or not. Each gold value takes the closest unused graph value within
0.5% of the gold value. P/R/F1 as above.

Attributes, over true-positive project pairs (share = agreeing / compared; 0.0 when nothing compared):
- County: the graph's counties of a project are the tkg:level "county" places it is tkg:locatedIn, the
  county each "township" place it is located in lies within (tkg:withinPlace), and the same for every
  park it is tkg:inPark; if that gives none, the "city" places reached the same way (the gold writes
  the city when the text names no county; a province-level city such as 重庆市 counts as a city). Agreement: gold null and no place found, or exactly one
  place whose labels include the gold county after normalisation.
- Companies: each gold company name stands for the gold company entity that has it as name or alias
  (all that entity's names count), and agreement means the gold names and the tkg:developer nodes pair
  off one-to-one by the name rule (so both empty agree).
- Chains: the gold chain names and the tkg:inChain concepts pair off one-to-one by equal normalised name
  (any of the concept's labels). Only for projects in the region the chain scheme belongs to: a gold
  project without `city` (seeds.json) or with city `CHAIN_REGION`; elsewhere the gold has no chains.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import opencc
from rdflib import Graph
from rdflib.namespace import PROV, RDF, SKOS

from .clean import without_pinyin
from .evaluate_facts import METRICS as FACT_METRICS, GoldFacts, gold_facts, score_facts
from .model import CURRENCY
from .vocab import TKG

KINDS = ("projects", "companies", "parks")
NODE_TYPES = {"projects": TKG.Project, "companies": TKG.Company, "parks": TKG.IndustrialPark}
TOLERANCE = Decimal("0.005")  # a figure matches within 0.5% of the gold value
CHAIN_REGION = "通辽市"  # the region whose nine chains the gold annotates

GENERIC = (
    "股份有限公司", "有限责任公司", "有限公司", "分公司", "股份", "集团", "公司",
    "项目", "工程", "建设", "新建", "改扩建", "扩建", "年产",
    "高新技术产业开发区", "经济技术开发区", "开发区", "工业园区", "产业园区", "产业园", "工业园", "园区",
)
# Sector and action words: part of a core, but a core made only of them names no particular entity.
SECTOR = (
    "新能源", "新材料", "风电", "光伏", "储能", "发电", "能源", "材料", "产业化", "产业", "制造", "装备",
    "基地", "生产线", "生产", "绿色", "智能", "智慧", "示范", "一体化", "综合利用", "循环经济", "深加工",
    "加工", "升级改造", "改造", "高端", "科技", "技术",
)
PHASE = re.compile(r"[一二三四五六七八九十]+期")
QUANTITY = re.compile(r"[0-9.]+[万亿千百]?(?:吨|千瓦|兆瓦|瓦|千伏|伏|元|亩|平方米|立方米|头|台|套|条|个|[A-Za-z]+)?")
CJK = re.compile(r"[\u4e00-\u9fff]")
PROVINCES = (
    "中国", "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州",
    "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门",
)
PLACE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "苏木", "省", "市", "县", "旗", "区", "镇", "乡")
BRACKETS_AND_QUOTES = re.compile(r"[()\[\]{}<>【】〔〕〖〗《》〈〉「」『』“”‘’\"'`]")
DASHES = re.compile(r"[-‐‑‒–—―−－~～]+")
_T2S = opencc.OpenCC("t2s")


class GoldError(Exception):
    """The gold file cannot be read or does not have the documented shape."""


# ---- names ---------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def normalize(name: str) -> str:
    """The form two names are compared in: width, script, spacing, brackets, dashes and inline pinyin readings
    (a gold surface keeps "經(jīng)開區(qū)" as written; the extractor reads it without them) do not count."""
    text = _T2S.convert(unicodedata.normalize("NFKC", without_pinyin(name)))
    text = BRACKETS_AND_QUOTES.sub("", "".join(text.split()))
    return DASHES.sub("-", text)


@lru_cache(maxsize=None)
def core(name: str, places: tuple[str, ...] = ()) -> str:
    """What identifies a name: it without generic words and place names (`places` normalised)."""
    text = PHASE.sub("", normalize(name))
    for word in GENERIC + places:
        text = text.replace(word, "")
    return text


def distinctive(core_text: str) -> bool:
    """A core identifies something when two CJK characters remain besides quantities and sector words."""
    text = QUANTITY.sub("", core_text)
    for word in SECTOR:
        text = text.replace(word, "")
    return len(CJK.findall(text)) >= 2


def name_score(a: str, b: str, places: tuple[str, ...] = ()) -> float:
    """1.0 for equal names, the core overlap (< 1) for a contained name sharing its core, else 0."""
    na, nb = normalize(a), normalize(b)
    if na == nb:
        return 1.0
    short, long = (a, b) if len(na) <= len(nb) else (b, a)
    if normalize(short) not in normalize(long):
        return 0.0
    short_core, long_core = core(short, places), core(long, places)
    if not distinctive(short_core) or short_core not in long_core:
        return 0.0
    return min(len(short_core) / len(long_core), 0.99)


def place_names(names) -> tuple[str, ...]:
    """Normalised place names with their suffix-less stems, longest first (so 科左后旗 goes before 科左后)."""
    found = set(PROVINCES)
    for name in names:
        n = normalize(name)
        found.add(n)
        for suffix in PLACE_SUFFIXES:
            if n.endswith(suffix) and len(n) - len(suffix) >= 2:
                found.add(n[: -len(suffix)])
                break
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


# ---- gold ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldEntity:
    kind: str
    id: str
    name: str
    names: tuple[str, ...]
    borderline: bool = False
    county: str | None = None
    companies: tuple[tuple[str, ...], ...] = ()  # per gold company: every name it goes by
    chains: tuple[str, ...] = ()
    scores_chains: bool = True
    investments: tuple[Decimal, ...] = ()  # distinct, sorted
    facts: GoldFacts = GoldFacts()  # capacity, output, tax, jobs, status (kg.evaluate_facts)


@dataclass(frozen=True)
class Gold:
    path: Path
    entities: dict  # kind -> tuple[GoldEntity, ...]
    places: tuple[str, ...]  # normalised place names treated as generic in cores


def read_gold(path: Path, docs: set[str] | None = None) -> Gold:
    """Read and check a gold file; GoldError says which file and what is wrong.

    `docs` (file names) keeps only what those articles say: projects with their mentions there, companies
    and parks listed there. Cross-validation scores a subset of a corpus's articles this way.
    """
    return gold_from_data(path, read_gold_data(path), docs)


def read_gold_data(path: Path) -> dict:
    """A gold file's JSON object; GoldError when it cannot be read or is no object."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read the gold file: {exc.strerror}.") from exc
    except UnicodeDecodeError as exc:
        raise GoldError(f"{path}: the gold file is not UTF-8 ({exc.reason} at byte {exc.start}).") from exc
    except json.JSONDecodeError as exc:
        raise GoldError(
            f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from exc
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected a JSON object with 'projects', 'companies' and 'parks' lists.")
    return data


def gold_from_data(path: Path, data: dict, docs: set[str] | None = None) -> Gold:
    """`read_gold` of a gold file already parsed (`read_gold_data`): a caller scoring article by article
    parses it once. `data` is not changed."""
    path = Path(path)
    if docs is not None:
        data = restrict(data, set(docs))
    check = _Checker(path)
    entities = {}
    company_names: dict[str, tuple[str, ...]] = {}
    for kind in ("companies", "parks", "projects"):  # projects refer to companies by name
        entities[kind] = _gold_entities(check, kind, check.records(data, kind, None), company_names)
        if kind == "companies":
            for e in entities[kind]:
                for n in e.names:
                    company_names.setdefault(normalize(n), e.names)
    places = [check.text(p, "name", f"places[{i}]")
              for i, p in enumerate(check.records(data, "places", None, required=False))]
    counties = [e.county for kind in ("projects", "parks") for e in entities[kind] if e.county]
    return Gold(path, {kind: entities[kind] for kind in KINDS}, place_names(places + counties))


def restrict(data: dict, docs: set[str]) -> dict:
    """The part of a gold file about `docs`: mentions elsewhere dropped, entities without any dropped."""
    out = dict(data)
    projects = []
    for p in data.get("projects", []):
        if isinstance(p, dict) and isinstance(p.get("mentions"), list):
            mentions = [m for m in p["mentions"] if isinstance(m, dict) and m.get("doc") in docs]
            if mentions:
                projects.append({**p, "mentions": mentions})
    out["projects"] = projects
    for kind in ("companies", "parks", "places"):
        out[kind] = [e for e in data.get(kind, []) if isinstance(e, dict) and set(e.get("docs", [])) & docs]
    return out


class _Checker:
    """Typed access to gold fields; every complaint names the file and the entry."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str | None, what: str):
        raise GoldError(f"{self.path}: {where + ': ' if where else ''}{what}")

    def records(self, data: dict, key: str, where: str | None, required: bool = True) -> list[dict]:
        value = data.get(key, None if required else [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(where, f"'{key}' must be a list of objects.")
        return value

    def text(self, entry: dict, key: str, where: str, optional: bool = False) -> str | None:
        value = entry.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"'{key}' must be a non-empty string{' or null' if optional else ''}.")
        return value

    def texts(self, entry: dict, key: str, where: str) -> list[str]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, f"'{key}' must be a list of strings.")
        return value

    def yuan(self, entry: dict, key: str, where: str) -> Decimal | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            self.fail(where, f"'{key}' must be a number of yuan or null, not {value!r}.")
        return Decimal(str(value))


def _gold_entities(check: _Checker, kind: str, entries: list[dict], company_names: dict):
    seen = set()
    out = []
    for i, entry in enumerate(entries):
        where = f"{kind}[{i}]"
        entity = _gold_entity(check, kind, entry, where, company_names)
        if entity.id in seen:
            check.fail(where, f"id {entity.id!r} is used twice.")
        seen.add(entity.id)
        out.append(entity)
    return tuple(out)


def _gold_entity(check: _Checker, kind: str, entry: dict, where: str, company_names: dict) -> GoldEntity:
    borderline = entry.get("borderline", False)
    if not isinstance(borderline, bool):
        check.fail(where, "'borderline' must be true or false.")
    mentions = check.records(entry, "mentions", where, required=False)
    names = [check.text(entry, "name", where)] + check.texts(entry, "aliases", where)
    for j, mention in enumerate(mentions):
        names.append(check.text(mention, "surface", f"{where}.mentions[{j}]"))
        names += check.texts(mention, "also_written", f"{where}.mentions[{j}]")
    fields = dict(kind=kind, id=check.text(entry, "id", where), name=names[0],
                  names=tuple(dict.fromkeys(names)), borderline=borderline)
    if kind == "parks":
        fields["county"] = check.text(entry, "county", where, optional=True)
    if kind == "projects":
        values = {check.yuan(m, "total_investment_cny", f"{where}.mentions[{j}]")
                  for j, m in enumerate(mentions)}
        fields.update(
            county=check.text(entry, "county", where, optional=True),
            companies=tuple(company_names.get(normalize(c), (c,))
                            for c in check.texts(entry, "companies", where)),
            chains=tuple(check.texts(entry, "chains", where)),
            scores_chains=entry.get("city") in (None, CHAIN_REGION),
            investments=tuple(sorted(v for v in values if v is not None)),
            facts=gold_facts(mentions),
        )
    return GoldEntity(**fields)


# ---- graph ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """An extracted entity as the evaluation sees it."""

    iri: str
    labels: tuple[str, ...]  # prefLabels first
    # labels of each county (or city) found, developer and chain; a node without labels by its IRI
    counties: tuple[tuple[str, ...], ...] = ()
    developers: tuple[tuple[str, ...], ...] = ()
    chains: tuple[tuple[str, ...], ...] = ()
    investments: tuple[tuple[Decimal, tuple[str, ...]], ...] = ()  # (yuan, source file names), sorted

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else self.iri


def read_nodes(g: Graph, kind: str) -> tuple[Node, ...]:
    """The graph's entities of one kind, sorted by IRI; projects with their scored attributes."""
    nodes = []
    for s in sorted(set(g.subjects(RDF.type, NODE_TYPES[kind]))):
        extra = {}
        if kind == "projects":
            extra = dict(
                counties=_counties(g, s),
                developers=_related(g, s, TKG.developer),
                chains=_related(g, s, TKG.inChain),
                investments=_investments(g, s),
            )
        nodes.append(Node(str(s), _labels(g, s), **extra))
    return tuple(nodes)


def _labels(g: Graph, s) -> tuple[str, ...]:
    """prefLabels before altLabels, Chinese before other languages: the first is the one shown."""
    def ordered(prop):
        return sorted({(o.language not in (None, "zh"), str(o)) for o in g.objects(s, prop)})

    names = [text for _, text in ordered(SKOS.prefLabel) + ordered(SKOS.altLabel)]
    return tuple(dict.fromkeys(names))


def _related(g: Graph, s, prop) -> tuple[tuple[str, ...], ...]:
    """Labels of each node `s` links to by `prop` (its IRI when it has none), sorted."""
    return tuple(sorted(_labels(g, o) or (str(o),) for o in set(g.objects(s, prop))))


def _counties(g: Graph, project) -> tuple[tuple[str, ...], ...]:
    places = set(g.objects(project, TKG.locatedIn))
    for park in g.objects(project, TKG.inPark):
        places.update(g.objects(park, TKG.locatedIn))
    found = {"county": set(), "city": set()}
    for place in places:
        level = str(g.value(place, TKG.level) or "")
        if level == "township":
            found["county"].update(p for p in g.objects(place, TKG.withinPlace)
                                   if str(g.value(p, TKG.level) or "") == "county")
        elif level in found:
            found[level].add(place)
        elif level == "province" and str(g.value(place, SKOS.prefLabel) or "").endswith("市"):
            found["city"].add(place)  # a province-level city (重庆市) is the city of its districts
    return tuple(sorted(_labels(g, p) or (str(p),) for p in (found["county"] or found["city"])))


def _investments(g: Graph, project) -> tuple[tuple[Decimal, tuple[str, ...]], ...]:
    docs: dict[Decimal, set[str]] = {}
    for st in g.objects(project, TKG.hasStatement):
        if g.value(st, TKG.property) != TKG.totalInvestment or str(g.value(st, TKG.unit) or CURRENCY) != CURRENCY:
            continue  # another figure, or an amount in another currency (the gold is in yuan)
        try:
            value = Decimal(str(g.value(st, TKG.value)))
        except InvalidOperation:
            continue  # not a number: SHACL validation reports it, there is nothing to score
        files = {str(f) for d in g.objects(st, PROV.wasDerivedFrom) for f in g.objects(d, TKG.fileName)}
        docs.setdefault(value, set()).update(files)
    return tuple((v, tuple(sorted(docs[v]))) for v in sorted(docs))


# ---- matching ------------------------------------------------------------------------------------


@dataclass
class KindResult:
    pairs: list  # (GoldEntity, Node) assigned
    contained: list  # (GoldEntity, Node) of `pairs` matched by containment, not by an equal name
    missed: list  # GoldEntity, non-borderline, unassigned
    spurious: list  # Node matching nothing
    duplicates: list  # (Node, GoldEntity it duplicates)
    merged: list  # (Node, [GoldEntity…])


def match_kind(golds, nodes, places) -> KindResult:
    """Assign nodes to gold entities of one kind (greedy by best score) and classify the rest."""
    label_scores = {}  # (node index, gold index) -> per-label best score
    for ni, node in enumerate(nodes):
        for gi, gold in enumerate(golds):
            per_label = tuple(max((name_score(lab, n, places) for n in gold.names), default=0.0)
                              for lab in node.labels)
            if any(per_label):
                label_scores[ni, gi] = per_label
    score = {k: (max(v), sum(s == 1.0 for s in v)) for k, v in label_scores.items()}
    order = sorted(score, key=lambda k: (-score[k][0], -score[k][1], golds[k[1]].borderline,
                                         golds[k[1]].id, nodes[k[0]].iri))
    node_gold = {}  # node index -> gold index
    for ni, gi in order:
        if ni not in node_gold and gi not in node_gold.values():
            node_gold[ni] = gi
    assigned = sorted(node_gold.items(), key=lambda kv: golds[kv[1]].id)
    result = KindResult(
        pairs=[(golds[gi], nodes[ni]) for ni, gi in assigned],
        contained=[(golds[gi], nodes[ni]) for ni, gi in assigned if score[ni, gi][0] < 1.0],
        missed=[g for gi, g in enumerate(golds) if gi not in node_gold.values() and not g.borderline],
        spurious=[], duplicates=[], merged=[])
    for ni, node in enumerate(nodes):
        candidates = [k for k in order if k[0] == ni]  # best first
        if not candidates:
            result.spurious.append(node)
        elif ni not in node_gold:
            result.duplicates.append((node, golds[candidates[0][1]]))
        identified = _identified(ni, node.labels, len(golds), label_scores)
        if len(identified) >= 2:
            result.merged.append((node, [golds[gi] for gi in identified]))
    return result


def _identified(ni: int, labels: tuple[str, ...], n_golds: int, label_scores: dict) -> list[int]:
    """Gold entities that some label of node `ni` names unambiguously (see the module docstring)."""
    found = set()
    texts = [normalize(label) for label in labels]
    for li, text in enumerate(texts):
        if any(text != other and text in other for other in texts):
            continue  # 星禾 beside 内蒙古星禾合金有限公司: an abbreviation of the node's own name
        matching = [gi for gi in range(n_golds) if (ni, gi) in label_scores and label_scores[ni, gi][li] > 0]
        equal = [gi for gi in matching if label_scores[ni, gi][li] == 1.0]
        if len(equal) == 1 or (not equal and len(matching) == 1):
            found.add((equal or matching)[0])
    return sorted(found)


def pair_off(left, right, ok) -> bool:
    """Whether `left` and `right` pair off one-to-one with ok(l, r) for every pair (Kuhn's matching)."""
    if len(left) != len(right):
        return False
    owner: dict[int, int] = {}

    def place(i: int, seen: set) -> bool:
        for j, r in enumerate(right):
            if j not in seen and ok(left[i], r):
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return all(place(i, set()) for i in range(len(left)))


def match_figures(gold_values, node_values):
    """Pair gold and graph values within TOLERANCE, each gold value with the closest free graph value."""
    free = list(node_values)
    hits, missed = [], []
    for g in gold_values:
        close = [v for v in free if abs(v - g) <= TOLERANCE * abs(g)]
        if close:
            v = min(close, key=lambda v: (abs(v - g), v))
            free.remove(v)
            hits.append((g, v))
        else:
            missed.append(g)
    return hits, missed, free


# ---- scoring -------------------------------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> dict:
    """Counts with precision, recall and F1 (rounded to 4 places)."""
    precision = tp / (tp + fp) if tp + fp else float(fn == 0)
    recall = tp / (tp + fn) if tp + fn else float(fp == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4)}


def evaluate(graph: Graph, gold_path: Path, docs: set[str] | None = None) -> dict:
    """Score `graph` against the gold file: the dict `kg eval` prints (see the module docstring).

    `docs` limits the gold to those articles (see read_gold); the graph should be built from them alone.
    """
    gold = read_gold(gold_path, docs)
    kinds = {kind: match_kind(gold.entities[kind], read_nodes(graph, kind), gold.places) for kind in KINDS}
    result = {"gold": Path(gold_path).name, "entities": {}, "misses": {}}
    for kind, r in kinds.items():
        fp_dups = [(n, g) for n, g in r.duplicates if not g.borderline]
        counts = prf(sum(not g.borderline for g, _ in r.pairs), len(r.spurious) + len(fp_dups), len(r.missed))
        counts["borderline_found"] = sum(g.borderline for g, _ in r.pairs)
        result["entities"][kind] = counts
        # boundary-exact: a name matched only by containment counts as one spurious and one missed
        loose = sum(not g.borderline for g, _ in r.contained)
        result.setdefault("exact", {})[kind] = prf(counts["tp"] - loose, counts["fp"] + loose, counts["fn"] + loose)
        result["misses"][kind] = {
            "missed": [g.name for g in r.missed],
            "spurious": [n.label for n in r.spurious],
            "duplicates": [{"node": n.label, "gold": g.name} for n, g in fp_dups],
            "matched": [{"node": n.label, "gold": g.name} for g, n in r.pairs],
            "contained": [{"node": n.label, "gold": g.name} for g, n in r.contained],
        }
    matched = [(g, n) for g, n in kinds["projects"].pairs if not g.borderline]
    result["figures"], result["misses"]["figures"] = _figures(matched)
    result["attributes"], result["misses"]["disagreements"] = _attributes(matched, gold.places)
    result["facts"], result["misses"]["facts"] = score_facts(
        graph, matched, lambda names, labels: any(name_score(a, b, gold.places) for a in names for b in labels))
    result["resolution"] = _resolution(kinds)
    e, a = result["entities"], result["attributes"]
    result["scores"] = {
        **{f"{kind}_f1": e[kind]["f1"] for kind in KINDS},
        "figures_f1": result["figures"]["f1"],
        **{f"{attr}_agreement": a[attr]["share"] for attr in ("county", "companies", "chains")},
        "split": len(result["resolution"]["split"]),
        "merged": len(result["resolution"]["merged"]),
        **{f"{kind}_exact_f1": result["exact"][kind]["f1"] for kind in KINDS},
        **{f"{m}_f1": result["facts"][m]["f1"] for m in FACT_METRICS if result["facts"][m] is not None},
    }
    return result


def _figures(matched) -> tuple[dict, dict]:
    """Counts of total-investment pairs over matched projects, and the missed and spurious ones."""
    tp = fp = fn = 0
    missed, spurious = [], []
    for g, n in matched:
        docs = dict(n.investments)
        hits, lost, extra = match_figures(g.investments, [v for v, _ in n.investments])
        tp, fn, fp = tp + len(hits), fn + len(lost), fp + len(extra)
        missed += [{"project": g.name, "yuan": _number(v)} for v in lost]
        spurious += [{"project": g.name, "node": n.label, "yuan": _number(v), "docs": list(docs[v])}
                     for v in extra]
    return prf(tp, fp, fn), {"missed": missed, "spurious": spurious}


def same_place(name: str, labels) -> bool:
    """The gazetteer knows both names as one place: a county renamed (邵东县, now 邵东市; 水城县, now 水城区) or an
    autonomous prefecture's short form (海西州)."""
    from . import lexicon

    lex = lexicon.load()
    gold = lex.place(name)
    return gold is not None and any(lex.place(x) == gold for x in labels)


def _attributes(matched, places) -> tuple[dict, dict]:
    """Agreement of county, companies and chains over matched projects, with the disagreements."""

    def same_company(names, labels):
        return any(name_score(a, b, places) for a in names for b in labels)

    def named(name, labels):
        return normalize(name) in {normalize(x) for x in labels}

    def same_county(g, n):
        if not g.county:
            return not n.counties
        return len(n.counties) == 1 and (named(g.county, n.counties[0]) or same_place(g.county, n.counties[0]))

    rules = {  # attribute -> (agrees, gold value shown, graph value shown)
        "county": (same_county, lambda g: g.county, lambda n: [c[0] for c in n.counties]),
        "companies": (lambda g, n: pair_off(g.companies, n.developers, same_company),
                      lambda g: [c[0] for c in g.companies], lambda n: [d[0] for d in n.developers]),
        "chains": (lambda g, n: pair_off(g.chains, n.chains, named),
                   lambda g: list(g.chains), lambda n: [c[0] for c in n.chains]),
    }
    attrs, disagreements = {}, {}
    for attr, (agrees, gold_shown, graph_shown) in rules.items():
        pairs = [(g, n) for g, n in matched if attr != "chains" or g.scores_chains]
        bad = [(g, n) for g, n in pairs if not agrees(g, n)]
        good = len(pairs) - len(bad)
        attrs[attr] = {"agree": good, "total": len(pairs),
                       "share": round(good / len(pairs), 4) if pairs else 0.0}
        disagreements[attr] = [{"project": g.name, "gold": gold_shown(g), "graph": graph_shown(n)}
                               for g, n in bad]
    return attrs, disagreements


def _resolution(kinds: dict) -> dict:
    split, merged = [], []
    for kind, r in kinds.items():
        assigned = {g.id: n for g, n in r.pairs}
        dups: dict[str, list] = {}
        for n, g in r.duplicates:
            dups.setdefault(g.id, [g, []])[1].append(n.label)
        for gid in sorted(dups):
            g, labels = dups[gid]
            nodes = ([assigned[gid].label] if gid in assigned else []) + labels
            split.append({"kind": kind, "gold": g.name, "nodes": nodes})
        merged += [{"kind": kind, "node": n.label, "gold": [g.name for g in gs]} for n, gs in r.merged]
    return {"split": split, "merged": merged}


def _number(v: Decimal):
    """A yuan value for JSON: an int when whole."""
    return int(v) if v == v.to_integral_value() else float(v)


# ---- report --------------------------------------------------------------------------------------


def format_report(result: dict, misses: bool = False, as_json: bool = False) -> str:
    """The scores as a compact table, or JSON; `misses` adds what was missed, spurious or disagreeing."""
    if as_json:
        shown = {k: v for k, v in result.items() if misses or k != "misses"}
        return json.dumps(shown, ensure_ascii=False, indent=1, sort_keys=True)
    lines = [f"gold: {result['gold']}",
             f"{'':10} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7} {'f1':>6}"]
    rows = [(k, result["entities"][k]) for k in KINDS] + [("figures", result["figures"])]
    for name, c in rows:
        lines.append(f"{name:10} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {c['precision']:>9.3f} "
                     f"{c['recall']:>7.3f} {c['f1']:>6.3f}")
    found = ", ".join(f"{k} {result['entities'][k]['borderline_found']}" for k in KINDS)
    lines.append(f"borderline found (not scored): {found}")
    attrs = result["attributes"]
    lines.append("agreement over matched projects: " + ", ".join(
        f"{a} {attrs[a]['agree']}/{attrs[a]['total']} = {attrs[a]['share']:.3f}" for a in attrs))
    lines.append("boundary-exact names (F1): " + ", ".join(
        f"{k} {result['exact'][k]['f1']:.3f}" for k in KINDS))
    facts = result["facts"]
    lines.append("facts over matched projects (F1): " + ", ".join(
        f"{m.replace('_', ' ')} " + (f"{facts[m]['f1']:.3f} ({facts[m]['tp']}/{facts[m]['tp'] + facts[m]['fn']})"
                                     if facts[m] else "n/a") for m in FACT_METRICS))
    res = result["resolution"]
    lines.append(f"resolution: {len(res['split'])} gold entities split, {len(res['merged'])} nodes merged")
    if misses:
        lines += _misses_lines(result)
    return "\n".join(lines)


def _misses_lines(result: dict) -> list[str]:
    lines = []

    def section(title: str, items: list[str]):
        if items:
            lines.append(f"\n{title} ({len(items)}):")
            lines.extend(f"  {item}" for item in items)

    for kind in KINDS:
        m = result["misses"][kind]
        section(f"{kind}: missed", m["missed"])
        section(f"{kind}: spurious", m["spurious"])
        section(f"{kind}: duplicates (false positives)",
                [f"{d['node']}  = {d['gold']}" for d in m["duplicates"]])
        section(f"{kind}: matched by a contained name",
                [f"{d['node']}  ~ {d['gold']}" for d in m["contained"]])
    f = result["misses"]["figures"]
    section("figures: missed", [f"{x['project']}: {_yuan(x['yuan'])}" for x in f["missed"]])
    section("figures: spurious", [f"{x['project']}: {_yuan(x['yuan'])}  [{', '.join(x['docs'])}]"
                                  for x in f["spurious"]])
    for attr, items in result["misses"]["disagreements"].items():
        section(f"{attr}: gold and graph disagree",
                [f"{d['project']}: gold {_show(d['gold'])}, graph {_show(d['graph'])}" for d in items])
    for metric, items in result["misses"].get("facts", {}).items():
        section(f"{metric.replace('_', ' ')}: gold and graph disagree",
                [f"{d['project']}: gold {_show(d['gold'])}, graph {_show(d['graph'])}" for d in items])
    res = result["resolution"]
    section("split (one gold entity, several nodes)",
            [f"{s['kind']} {s['gold']}: {' | '.join(s['nodes'])}" for s in res["split"]])
    section("merged (one node, several gold entities)",
            [f"{m['kind']} {m['node']}: {' | '.join(m['gold'])}" for m in res["merged"]])
    return lines


def _yuan(v) -> str:
    """Yuan written the way the articles write them: 亿元 or 万元."""
    d = Decimal(str(v))
    for unit, scale in (("亿元", Decimal(10) ** 8), ("万元", Decimal(10) ** 4)):
        if d >= scale:
            return f"{format((d / scale).normalize(), 'f')}{unit}"
    return f"{format(d.normalize(), 'f')}元"


def _show(value) -> str:
    if value is None or value == []:
        return "—"
    return "、".join(value) if isinstance(value, list) else str(value)

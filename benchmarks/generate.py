"""Make N distinct articles from the real ones, for benchmarks at scale (not copies: reposts fold).

    python benchmarks/generate.py 10000 benchmarks/corpus/     # 10,000 articles (fixed seed: same files)

Each article takes the layout of one real article of tests/data/real (cycled) and changes what differs
between two real reports of the genre: every company, project and park its gold file names becomes an
invented one (names built from syllable pools, never copied from an article), its places become another city
of the gazetteer with that city's counties, and every amount, capacity, area and year is changed. Sentences
that carry no name are sometimes left out and the remaining paragraphs are sometimes given in another order,
as editors do, so that two articles made from one layout are not near-duplicates of each other (kg.reposts
would fold them). A build of the corpus therefore has about as many distinct entities per article as a real
one. `write_corpus` checks that none of the articles fold.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import lexicon, reposts  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
LOCKED = ("locked-a", "locked-b")  # the locked sets stay unread: never templates
DISTINCT = 0.4  # an article more similar than this to one of its layout is made again, with more changed

# Syllable pools: brands are two or three of these, the way Chinese firms name themselves.
BRAND_CHARS = ("瑞丰鑫泰华宏源恒达盛通金德隆嘉远博创祥润安康中新兴荣昌明辉富永利信诚凯越宇海天正宝"
               "聚合力骏腾捷晟锦元亨峰岳川禾煜珑彤沐朗睿晨启航拓弘澜锐科")
BRAND_CHARS = "".join(c for c in BRAND_CHARS if "\u4e00" <= c <= "\u9fff")
INDUSTRY = ["新材料", "新能源", "科技", "生物科技", "实业", "矿业", "化工", "环保科技", "电力", "农牧业",
            "食品", "装备制造", "光伏科技", "硅业", "铝业", "储能科技", "医药", "物流", "智能装备", "建材"]
LEGAL = ["有限公司", "有限责任公司", "股份有限公司", "集团有限公司"]
REGIONS = ["内蒙古", "北京", "上海", "江苏", "浙江", "山东", "河北", "辽宁", "吉林", "广东", "四川", "湖北"]
PRODUCTS = ["高纯硅", "铝合金板带", "锂电池负极材料", "玉米淀粉", "生物基尼龙", "风电叶片", "光伏组件",
            "氢能装备", "肉牛屠宰加工", "有机肥", "石墨烯", "不锈钢", "电解铝", "饲料", "乳制品", "蒙药制剂",
            "碳纤维", "储能电站", "硅砂", "煤制甲醇", "铜箔", "生物质颗粒", "新型建材", "冷链仓储"]
PROJECT_HEADS = ["项目", "建设项目", "产业园项目", "基地项目", "一期项目", "扩建项目", "生产线项目", "工程"]
PARK_HEADS = ["工业园区", "经济技术开发区", "高新技术产业开发区", "产业园", "循环经济产业园"]
AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(\s*)(亿元|万元|亿|万吨|吨|万千瓦|千瓦|兆瓦|MW|GW|万亩|亩|万平方米|平方米|公顷|人|个)")
YEAR = re.compile(r"((?:19|20)\d{2})(\s*年)")
SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]|[^。！？!?\n]+")
KEEP_SENTENCE, SWAP_SENTENCE = 0.35, 0.4  # a sentence naming nothing: kept, swapped for another's, else dropped
ATTEMPTS = 14  # tries per article, changing more every second try; the least similar one is kept
MIN_HAN = 60  # an article keeps at least this many Chinese characters


@dataclass
class Template:
    name: str
    text: str
    companies: list[tuple[str, ...]]  # (name, alias, ...) per company
    projects: list[tuple[str, ...]]
    parks: list[tuple[str, ...]]
    places: list[tuple[str, str]]  # (name, level)


def templates() -> list[Template]:
    """The real articles with the names their gold files give."""
    out = []
    for folder in sorted(p for p in REAL.iterdir() if (p / "gold.json").is_file() and p.name not in LOCKED):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        for path in sorted((folder / "texts").glob("*.txt")):
            def of(kind, f=path.name):
                return [item for item in gold.get(kind, []) if f in _docs(item)]
            projects = [tuple({p["name"], *p.get("aliases", []),
                               *(s for m in p.get("mentions", []) if m.get("doc") == path.name
                                 for s in [m.get("surface"), *m.get("also_written", [])] if s)})
                        for p in of("projects")]
            out.append(Template(
                f"{folder.name}-{path.stem}", path.read_text(encoding="utf-8"),
                [(c["name"], *c.get("aliases", [])) for c in of("companies")], projects,
                [(k["name"], *k.get("aliases", [])) for k in of("parks")],
                [(p["name"], p.get("level", "")) for p in of("places")]))
    return out


def _docs(item: dict) -> set[str]:
    docs = set(item.get("docs", []))
    docs |= {m.get("doc") for m in item.get("mentions", [])}
    return docs


@lru_cache(maxsize=1)
def _gazetteer():
    lex = lexicon.load()
    places = lex.places
    cities = sorted(p.name for p in places.values() if p.level == "city")
    counties: dict[str, list[str]] = {}
    for p in places.values():
        if p.level == "county" and p.within:
            counties.setdefault(p.within, []).append(p.name)
    return places, cities, {k: sorted(v) for k, v in counties.items()}


class Inventor:
    """Invented names, never the same twice in one corpus."""

    def __init__(self, rng: random.Random, used: set[str]):
        self.rng, self.used = rng, used

    def brand(self) -> str:
        for _ in range(1000):
            b = "".join(self.rng.choice(BRAND_CHARS) for _ in range(self.rng.choice((2, 2, 3))))
            if b not in self.used:
                self.used.add(b)
                return b
        raise RuntimeError("syllable pool exhausted")

    def company(self, region: str) -> tuple[str, str]:
        """(full name, short name)."""
        short = self.brand() + self.rng.choice(INDUSTRY)
        return f"{region}{short}{self.rng.choice(LEGAL)}", short

    def project(self) -> str:
        size = f"年产{self.rng.randint(2, 90)}万吨" if self.rng.random() < 0.4 else ""
        return f"{self.brand()}{size}{self.rng.choice(PRODUCTS)}{self.rng.choice(PROJECT_HEADS)}"

    def park(self, place: str) -> str:
        return f"{place}{self.brand()}{self.rng.choice(PARK_HEADS)}"


def make_article(t: Template, rng: random.Random, used: set[str], filler: list[str], effort: int = 0) -> str:
    """One article in the layout of `t` with other names, places, figures and years; a higher `effort`
    keeps fewer of its sentences."""
    inv = Inventor(rng, used)
    places, cities, counties = _gazetteer()
    city = rng.choice(cities)
    province = places[city].within or "内蒙古自治区"
    county_pool = list(counties.get(city, [])) or [rng.choice(cities)]
    rng.shuffle(county_pool)
    region = province[:2] if not province.startswith("内蒙古") else "内蒙古"
    mapping: dict[str, str] = {}
    for name, level in t.places:
        if level == "province":
            new = province
        elif level == "city":
            new = city if not any(v == city for v in mapping.values()) else rng.choice(cities)
        elif level == "county":
            new = county_pool.pop() if county_pool else rng.choice(cities)
        else:
            new = inv.brand() + name[-1]
        mapping.setdefault(name, new)
        old = places.get(name)
        for short in (old.short_names + old.other_names) if old else ():
            new_place = places.get(new)
            mapping.setdefault(short, (new_place.short_names or (new,))[0] if new_place else new)
    for names in t.companies:
        full, short = inv.company(region)
        for n in names:
            mapping.setdefault(n, full if n.endswith(("公司", "集团", "厂", "院")) else short)
    for names in t.projects:
        new = inv.project()
        for n in names:
            mapping.setdefault(n, new)
    for names in t.parks:
        new = inv.park(mapping.get(t.places[0][0], city)[:2] if t.places else city[:2])
        for n in names:
            mapping.setdefault(n, new)
    mapping = {k: v for k, v in mapping.items() if len(k) >= 2}
    text = _vary_layout(t.text, rng, mapping, filler, effort)
    if mapping:
        names = re.compile("|".join(map(re.escape, sorted(mapping, key=len, reverse=True))))
        text = names.sub(lambda m: mapping[m.group()], text)
    shift = rng.randint(-8, 4)
    text = YEAR.sub(lambda m: f"{min(2026, max(2000, int(m.group(1)) + shift))}{m.group(2)}", text)
    return AMOUNT.sub(lambda m: _figure(m, rng), text)


def _figure(m: re.Match, rng: random.Random) -> str:
    number = float(m.group(1)) * rng.uniform(0.3, 3.0)
    decimals = len(m.group(1).partition(".")[2])
    value = f"{number:.{decimals}f}" if decimals else str(max(1, round(number)))
    return value + m.group(2) + m.group(3)


def _vary_layout(text: str, rng: random.Random, mapping: dict[str, str], filler: list[str], effort: int) -> str:
    """Sentences that name nothing are kept, left out or replaced by such a sentence of another article
    (with more `effort`, fewer kept, and some naming something left out too); the paragraphs after the first
    are given in another order."""
    keep = KEEP_SENTENCE * 0.7 ** effort
    kept = []
    for para in text.split("\n"):
        sentences = []
        for s in SENTENCE.findall(para):
            if not s.strip() or (any(n in s for n in mapping) and rng.random() >= 0.08 * effort):
                sentences.append(s)
                continue
            roll = rng.random()
            if roll < keep:
                sentences.append(s)
            elif roll < keep + SWAP_SENTENCE and filler:
                sentences.append(rng.choice(filler))
        kept.append("".join(sentences))
    body = [i for i, p in enumerate(kept) if p.strip()]
    if len(body) > 3:
        middle = body[1:]
        shuffled = middle[:]
        rng.shuffle(shuffled)
        order = {a: b for a, b in zip(middle, shuffled)}
        kept = [kept[order.get(i, i)] for i in range(len(kept))]
    return "\n".join(kept)


def nameless_sentences(t: Template) -> list[str]:
    """The template's whole sentences (ending in 。！？) that name no entity: the pool other articles borrow from."""
    names = [n for group in t.companies + t.projects + t.parks for n in group] + [p for p, _ in t.places]
    return [s for s in SENTENCE.findall(t.text) if s[-1:] in "。！？!?" and len(s) >= 8
            and not any(n in s for n in names)]


def write_corpus(n: int, dest: Path, seed: int = 42) -> list[Path]:
    """`n` articles in `dest` (emptied first), named so that file order mixes layouts."""
    ts = templates()
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    rng = random.Random(seed)
    order = list(range(len(ts)))
    rng.shuffle(order)
    used: set[str] = set()
    filler = sorted({s for t in ts for s in nameless_sentences(t)})
    paths = []
    made: dict[str, list[frozenset]] = {}  # shingles of the articles made from each layout
    for i in range(n):
        t = ts[order[i % len(ts)]]
        best = None
        for attempt in range(ATTEMPTS):
            text = make_article(t, random.Random(f"{seed}-{i}-{attempt}"), used, filler, attempt // 2)
            grams = reposts.shingles(reposts.normalise(text))
            if len(re.findall("[\u4e00-\u9fff]", text)) < MIN_HAN:
                continue
            closest = max((reposts.jaccard(grams, other) for other in made.get(t.name, ())), default=0.0)
            if best is None or closest < best[0]:
                best = (closest, text, grams)
            if closest < DISTINCT:
                break
        _, text, grams = best
        made.setdefault(t.name, []).append(grams)
        path = dest / f"{i:05d}_{t.name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="how many articles")
    ap.add_argument("dest", type=Path, help="folder to write them into (emptied first)")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    paths = write_corpus(args.n, args.dest, args.seed)
    print(f"{len(paths)} articles in {args.dest}")


if __name__ == "__main__":
    main()

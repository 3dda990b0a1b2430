"""Quantities and dates in Chinese investment news: find them in text and normalise them.

The tables (units, multipliers, qualifiers, date words, a one-to-one character fold for full-width
digits and traditional characters) are data in ontology/patterns/units.json; this module only reads them.

Decisions:
- A quantity needs a unit: a bare number, a year ("2022年") or a date ("5月26日") is never a quantity.
- Values: money in its currency (CNY in yuan, USD in dollars), area in m2 (1 亩 = 10000/15 m2, rounded
  to 1e-6), power in kW, energy in kWh, voltage in kV, mass in t, percent as written (30% -> 30, unit "%";
  个百分点 -> unit "pp"). Tonnage is kind "capacity" (unit "t"); a yearly or daily rate (年产…, …/年,
  日处理…) makes any rateable unit kind "capacity" with unit "t/a", "m3/d", "unit/a"…. The rate word may
  stand before what is made or handled ("日处理鲜奶1500吨": t/d, product 鲜奶), but not after a year
  ("当年转化玉米60万吨" is one year's amount) and not before 量 or 值 ("年产量可达", "年产值").
- Money keeps its currency: "1.5亿美元" is 150000000 USD, never yuan.
- Voltage ("±800千伏", "220千伏") is kind "voltage", unit "kV": it describes equipment, not an amount;
  "±" is kept as a qualifier.
- Qualifiers are read only when adjacent (spaces allowed): 约/近/超… before, 余/多 inside, 以上/左右 after;
  they are normalised (超过/逾/突破 -> 超, 多 -> 余, 合计/总计 -> 共计) and included in the span.
- Chinese numerals: a lone 一 is a determiner (一个项目, 一项项), not a count; a lone magnitude (万人, 亿元)
  is a number only with a qualifier (近万人, 亿元以上), while 百万亩 and 千万元 are numbers; some units need a magnitude in a Chinese numeral
  (四方, 两头 are words). Ordinals (第二条) and unit-like word starts (3个月, 万吨级, 人次) are rejected.
- A unit followed by "/" and a word ("0.42元/度") is a price or ratio, not a quantity.
- Dates: seasons, quarters and half-years keep year precision (a winter spans two years); 年底/年末 give
  month 12, 年初 month 1; month ranges (1—9月) keep year precision; bare days (26日) and 十四五 are skipped;
  months without a year take the article's year.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import paths
from .base import doc_text
from ..model import Quantity

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
CN_NUMERAL = "".join(CN_DIGITS) + "".join(CN_SMALL) + "".join(CN_BIG)
MAX_DIGITS = 15
LARGEST = Decimal(10) ** MAX_DIGITS  # larger numbers are noise lines or identifiers, not amounts
SPACE = "[ \u3000\t]*"
ARABIC = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
CHINESE = f"[{CN_NUMERAL}]+"
PRECISION = Decimal("0.000001")


@dataclass(frozen=True)
class QuantityMatch:
    start: int
    end: int
    quantity: Quantity


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str
    text: str
    precision: str  # year | month | day


@dataclass(frozen=True)
class Unit:
    surface: str
    kind: str
    code: str
    factor: Decimal
    rate: bool = False
    cn_needs_magnitude: bool = False
    reject_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tables:
    """units.json, compiled once."""

    fold: dict
    multipliers: dict[str, Decimal]
    units: dict[str, Unit]  # key: surface, lower case for Latin units
    reject_after: tuple[str, ...]
    rate_suffixes: dict[str, str]
    rate_prefixes: dict[str, str]
    before: dict[str, tuple[str, str]]  # word -> (normalised, characters it must not follow)
    inside: dict[str, str]
    after: dict[str, str]
    quantity_re: re.Pattern
    pre_re: re.Pattern
    dates: dict
    date_re: re.Pattern


def unit_key(surface: str) -> str:
    return surface.lower() if surface.isascii() else surface


def alternation(words) -> str:
    """Longest first, so that 个百分点 wins over 个 and 超过 over 超."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def unit_alternation(surfaces) -> str:
    """Latin units match in any case and not inside a longer Latin word (MW vs MWh)."""
    parts = []
    for s in sorted(surfaces, key=lambda w: (-len(w), w)):
        parts.append(f"(?i:{re.escape(s)})(?![A-Za-z])" if s.isascii() and s.isalpha() else re.escape(s))
    return "|".join(parts)


def parse_factor(s: str) -> Decimal:
    num, _, den = s.partition("/")
    with localcontext() as ctx:
        ctx.prec = 40
        return Decimal(num) / Decimal(den or "1")


@lru_cache(maxsize=1)
def tables() -> Tables:
    data = json.loads((paths.ONTOLOGY_DIR / "patterns" / "units.json").read_text(encoding="utf-8"))
    units = {unit_key(u["surface"]): Unit(u["surface"], u["kind"], u["unit"], parse_factor(u["factor"]),
                                          u.get("rate", False), u.get("cn_needs_magnitude", False),
                                          tuple(u.get("reject_after", ())))
             for u in data["units"]}
    before = {w: (q["norm"], q.get("not_after", "")) for w, q in data["qualifiers_before"].items()}
    pre_words = alternation(list(before) + list(data["rate_prefixes"]))
    goods = f"[^{data['goods_stop']}{CN_NUMERAL}\\W0-9A-Za-z_]"
    quantity_re = re.compile(
        f"(?:(?<![{data['goods_verb_not_after']}])(?P<verb>{alternation(data['rate_prefixes'])})"
        f"(?P<goods>{goods}{{1,8}}?){SPACE})?"
        f"(?P<pre>(?:(?:{pre_words}){SPACE}){{1,3}})?"
        f"(?P<body>百分之(?P<pct>{ARABIC}|{CHINESE})"
        f"|(?P<num>(?<![0-9.])(?:{ARABIC})(?:{SPACE}[×xX*]{SPACE}(?:{ARABIC}))?"
        f"|(?<![{CN_NUMERAL}]){CHINESE})"
        f"{SPACE}(?P<mid>{alternation(data['qualifiers_inside'])})?{SPACE}"
        f"(?P<mult>{alternation(data['multipliers'])})?"
        f"(?P<mid2>{alternation(data['qualifiers_inside'])})?{SPACE}"
        f"(?P<unit>{unit_alternation(u['surface'] for u in data['units'])})"
        f"(?:/(?P<rate>{alternation(data['rate_suffixes'])}))?)"
        f"(?:{SPACE}(?P<post>{alternation(data['qualifiers_after'])}))?")
    return Tables(
        fold=str.maketrans(data["char_fold"]),
        multipliers={k: Decimal(v) for k, v in data["multipliers"].items()},
        units=units,
        reject_after=tuple(data["reject_after"]),
        rate_suffixes=data["rate_suffixes"],
        rate_prefixes=data["rate_prefixes"],
        before=before,
        inside=data["qualifiers_inside"],
        after=data["qualifiers_after"],
        quantity_re=quantity_re,
        pre_re=re.compile(f"(?:{pre_words})"),
        dates=data["dates"],
        date_re=compile_date_re(data["dates"]),
    )


# ---- numbers ------------------------------------------------------------------------------------


def chinese_number(s: str) -> int | None:
    """一百二十 -> 120, 十亿 -> 10**9, 三亿五千万 -> 350000000, 万 -> 10000; None for digit strings (二〇二二)."""
    if not any(c in CN_SMALL or c in CN_BIG for c in s):
        return CN_DIGITS[s] if len(s) == 1 else None
    total = wan = section = digit = 0
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in CN_SMALL:
            section += (digit or 1) * CN_SMALL[c]
            digit = 0
        elif c == "万":
            wan = ((wan + section + digit) or 1) * CN_BIG[c]
            section = digit = 0
        else:  # 亿
            total = ((total + wan + section + digit) or 1) * CN_BIG[c]
            wan = section = digit = 0
    return total + wan + section + digit


def arabic_number(s: str) -> Decimal | None:
    """'2,000' -> 2000, '2×240' -> 480."""
    value = Decimal(1)
    for part in re.split(r"\s*[×xX*]\s*", s):
        if len(part) > 2 * MAX_DIGITS:
            return None  # a noise line of digits
        value *= Decimal(part.replace(",", ""))
    return value


def plain(d: Decimal) -> Decimal:
    """Rounded to 1e-6 and written without exponent or trailing zeros (6000000, 0.42, 666.666667)."""
    with localcontext() as ctx:
        ctx.prec = 60
        d = d.quantize(PRECISION).normalize()
        return d.quantize(Decimal(1)) if d.as_tuple().exponent > 0 else d


# ---- quantities ---------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Full-width digits and traditional unit characters to their plain forms, one character for one."""
    return text.translate(tables().fold)


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every quantity in `text`, in order, non-overlapping; offsets index `text`."""
    t = tables()
    folded = fold(text)
    found = []
    pos = 0
    while (m := t.quantity_re.search(folded, pos)) is not None:
        match = read_match(m, folded, text, t)
        if match is None:
            pos = m.start("body") + 1
            continue
        found.append(match)
        pos = match.end
    bare = bare_amounts(folded, text, found)
    # "总投资3.1个亿": the count read first ("3.1个") is the amount's number
    found = [q for q in found if not any(b.start <= q.start and q.end <= b.end for b in bare)]
    return sorted(found + bare, key=lambda q: q.start)


# "总投资26亿的X项目", "总投资3.1个亿": an investment written without 元, right after the word that says it is money
BARE_AMOUNT = re.compile(r"(?:总投资|投资总额|计划投资|总投资额|投资)(?:达|为)?(?P<q>约|近|超)?"
                         r"(?P<num>[0-9]+(?:\.[0-9]+)?)(?P<ge>个多?)?(?P<mag>亿|万)(?![元美港欧日英0-9])")


def bare_amounts(folded: str, text: str, found: list[QuantityMatch]) -> list[QuantityMatch]:
    """Investments in yuan written without 元 ("总投资26亿的…项目"), where no other quantity was read."""
    out = []
    for m in BARE_AMOUNT.finditer(folded):
        start, end = m.start("q") if m.group("q") else m.start("num"), m.end("mag")
        if any(q.start < end and start < q.end and not (m.group("ge") and q.quantity.kind == "count"
                                                         and start <= q.start and q.end <= end) for q in found):
            continue
        value = arabic_number(m.group("num"))
        if value is None:
            continue
        value *= CN_BIG[m.group("mag")]
        hedge = (m.group("q"),) if m.group("q") else ("余",) if m.group("ge") == "个多" else ()  # 个多亿: 多 = 余
        out.append(QuantityMatch(start, end, Quantity("money", plain(value), "CNY", text[start:end], hedge)))
    return out


def parse_quantity(s: str) -> Quantity | None:
    """One quantity expression ("约135亿元", "年产40万吨"): its value, or None if `s` is not exactly one."""
    s = s.strip()
    matches = find_quantities(s)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(s):
        return matches[0].quantity
    return None


def production_rate(q: Quantity) -> bool:
    """The quantity opens with a production word (年产40万吨, 日处理240万方): what a plant makes or handles,
    unlike a bare rate ("减少排放烟尘3770.3吨/年")."""
    return q.kind == "capacity" and fold(q.text).startswith(tuple(tables().rate_prefixes))


def read_match(m: re.Match, folded: str, text: str, t: Tables) -> QuantityMatch | None:
    """Turn a regex match into a quantity, or None when the rules say it is no quantity."""
    if m.group("pct"):
        unit, number, end, mids = t.units["%"], m.group("pct"), m.end("pct"), []
    else:
        unit, number, end = t.units[unit_key(m.group("unit"))], m.group("num"), m.end("unit")
        mids = [t.inside[q] for q in (m.group("mid"), m.group("mid2")) if q]
        if rejected_context(m, folded, unit, t):
            return None
    value = number_value(number, unit)
    if value is None:
        return None
    if m.group("mult"):
        value *= t.multipliers[m.group("mult")]
    rate = None
    if m.group("rate"):
        if unit.rate:
            rate = t.rate_suffixes[m.group("rate")]
            end = m.end("rate")
    elif folded.startswith("/", end) and not folded[end + 1:end + 2].isdigit():
        return None  # 元/度, 元/吨: a price or ratio
    post = m.group("post") if not m.group("rate") or rate else None  # 以上 after a dropped /年 is not adjacent
    if post:
        end = m.end("post")
    start, pres, prefix_rate = read_prefix(m, folded, unit, t)
    rate = rate or prefix_rate
    product = None
    if m.group("verb") and unit.rate and not rate:  # "日处理鲜奶1500吨": the rate word, then what is handled
        start, rate = m.start("verb"), t.rate_prefixes[m.group("verb")]
        if m.group("verb") + m.group("goods") not in t.rate_prefixes:  # 年屠宰|加工: one longer rate word
            product = text[m.start("goods"):m.end("goods")]
    qualifiers = pres + mids + ([t.after[post]] if post else [])
    if is_bare_magnitude(m.group("num")) and not qualifiers:
        return None  # 万人, 千万元 alone are words, not numbers
    kind, code = (("capacity", f"{unit.code}/{rate}") if rate else (unit.kind, unit.code))
    quantity = Quantity(kind, plain(value * unit.factor), code, text[start:end],
                        tuple(dict.fromkeys(qualifiers)), product)
    return QuantityMatch(start, end, quantity)


def number_value(s: str, unit: Unit) -> Decimal | None:
    """The number as written, or None when it is no number here (一个, 四方) or too long to be an amount."""
    if s[0].isdigit():
        value = arabic_number(s)
    elif s == "一":
        return None  # 一个, 一项, 一条: a determiner, not a count
    elif unit.cn_needs_magnitude and not any(c in CN_SMALL or c in CN_BIG for c in s):
        return None
    else:
        n = chinese_number(s)
        value = None if n is None else Decimal(n)
    return value if value is not None and value < LARGEST else None


def is_bare_magnitude(num: str | None) -> bool:
    """万, 千, 百, 亿 alone (万人, 千家, 百家) are words unless qualified; 百万 and 千万 are numbers."""
    return num is not None and len(num) == 1 and num in "百千万亿"


def rejected_context(m: re.Match, folded: str, unit: Unit, t: Tables) -> bool:
    """Ordinals (第二条) and units that are the start of another word (3个月, 万吨级, 人次)."""
    if folded[m.start("num") - 1:m.start("num")] == "第":
        return True
    rest = folded[m.end("unit"):m.end("unit") + 4]
    return any(rest.startswith(w) for w in unit.reject_after + t.reject_after)


def read_prefix(m: re.Match, folded: str, unit: Unit, t: Tables) -> tuple[int, list[str], str | None]:
    """Adjacent words before the number: (start of the match, qualifiers, rate from 年产/日处理…).

    A qualifier that ends another word (签约, 赶超, 发达) is dropped, with everything before it; so is a
    rate word before a unit that cannot be a rate.
    """
    number_start = m.start("body")
    if not m.group("pre"):
        return number_start, [], None
    words = list(t.pre_re.finditer(folded, m.start("pre"), m.end("pre")))
    keep_from = 0
    for i, w in enumerate(words):
        word = w.group()
        previous = folded[w.start() - 1:w.start()]
        if word in t.rate_prefixes and not unit.rate:
            keep_from = i + 1
        elif i == keep_from and word in t.before and previous and previous in t.before[word][1]:
            keep_from = i + 1
    kept = words[keep_from:]
    if not kept:
        return number_start, [], None
    qualifiers = [t.before[w.group()][0] for w in kept if w.group() in t.before]
    rates = [t.rate_prefixes[w.group()] for w in kept if w.group() in t.rate_prefixes]
    return kept[0].start(), qualifiers, (rates[-1] if rates else None)


# ---- dates --------------------------------------------------------------------------------------

MONTH_NUM = "[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
DATE_SEP = "[ \u3000\t/]*"  # page date lines: "2024 年/1 月/25 日"


def month_pattern(p: str, month_words) -> str:
    """`p`-prefixed groups: a month range (1—9月), or a month with a day (5月26日) or a word (5月份, 7月中旬)."""
    return (f"(?:(?P<{p}m0>{MONTH_NUM}){SPACE}月?{SPACE}[—–\\-~至到]{SPACE}(?P<{p}m1>{MONTH_NUM}){SPACE}月"
            f"|(?P<{p}m>{MONTH_NUM}){SPACE}月(?:{DATE_SEP}(?P<{p}d>{MONTH_NUM}){SPACE}[日号]"
            f"|(?P<{p}mw>{alternation(month_words)}))?)")


def compile_date_re(d: dict) -> re.Pattern:
    rel = "".join(d["relative_years"])
    year_words = alternation(list(d["year_month_words"]) + d["year_period_words"])
    return re.compile(
        "(?<![0-9])(?P<iy>(?:19|20)[0-9]{2})[-/.](?P<im>[0-9]{1,2})[-/.](?P<id>[0-9]{1,2})(?![0-9])"
        f"|(?:(?<![0-9])(?P<y>[0-9]{{4}}){SPACE}年|(?P<cy>[〇零一二三四五六七八九]{{4}})年"
        f"|(?<![{d['relative_year_not_after']}])(?P<ry>[{rel}])年(?![{d['relative_year_not_before']}]))"
        f"(?:{DATE_SEP}(?:{month_pattern('y', d['month_words'])}|(?P<yw>{year_words})))?"
        f"|(?<![0-9{CN_NUMERAL}年]){month_pattern('b', d['month_words'])}"
        f"|(?<![{d['bare_year_not_after']}])年(?P<bw>{alternation(d['bare_year_words'])})"
        f"|(?P<bp>{alternation(d['bare_period_words'])})")


def find_dates(text: str, doc_date: str | None) -> list[DateMatch]:
    """Explicit and relative dates, resolved against the article's date ("2022", "2022-11" or "2022-11-15").

    Without a document date, expressions that need one (今年, 5月19日, 年底) are skipped.
    """
    t = tables()
    doc_year = int(doc_date[:4]) if doc_date and doc_date[:4].isdigit() else None
    found = []
    for m in t.date_re.finditer(fold(text)):
        resolved = resolve_date(m, doc_year, t.dates)
        if resolved:
            iso, precision = resolved
            found.append(DateMatch(m.start(), m.end(), iso, text[m.start():m.end()], precision))
    return found


def resolve_date(m: re.Match, doc_year: int | None, d: dict) -> tuple[str, str] | None:
    """(iso, precision) of one date match, or None when it cannot be resolved or is no valid date."""
    g = m.groupdict()
    if g["iy"]:
        return day_iso(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["bp"] or g["bw"]:
        if doc_year is None:
            return None
        if g["bw"] in d["year_month_words"]:
            return f"{doc_year}-{d['year_month_words'][g['bw']]:02d}", "month"
        return str(doc_year), "year"
    if g["bm"] or g["bm0"]:
        return None if doc_year is None else month_iso(doc_year, g, "b")
    if g["y"]:
        year = int(g["y"])
    elif g["cy"]:
        year = int("".join(str(CN_DIGITS[c]) for c in g["cy"]))
    elif doc_year is None:
        return None
    else:
        year = doc_year + d["relative_years"][g["ry"]]
    if not 1900 <= year <= 2100:
        return None
    if g["ym"] or g["ym0"]:
        return month_iso(year, g, "y")
    if g["yw"] in d["year_month_words"]:
        return f"{year}-{d['year_month_words'][g['yw']]:02d}", "month"
    return str(year), "year"


def month_iso(year: int, g: dict, p: str) -> tuple[str, str] | None:
    if g[p + "m0"]:  # a range of months: the year is what it dates
        return str(year), "year"
    month = small_number(g[p + "m"])
    if not month or not 1 <= month <= 12:
        return None
    if g[p + "d"]:
        day = small_number(g[p + "d"])
        return day_iso(year, month, day) if day else None
    return f"{year}-{month:02d}", "month"


def day_iso(year: int, month: int, day: int) -> tuple[str, str] | None:
    if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{year}-{month:02d}-{day:02d}", "day"
    return None


def small_number(s: str) -> int | None:
    return int(s) if s.isdigit() else chinese_number(s)


# ---- spaCy component ----------------------------------------------------------------------------

# doc.user_data[(USER_DATA, start_char, end_char)] holds plain values, so that Docs serialise.
USER_DATA = "kg_quantities"


def span_quantity(span: Span) -> Quantity | None:
    data = span.doc.user_data.get((USER_DATA, span.start_char, span.end_char))
    if data is None:
        return None
    kind, value, unit, text, qualifiers, product = data
    return Quantity(kind, Decimal(value), unit, text, tuple(qualifiers), product)


Span.set_extension("quantity", getter=span_quantity, force=True)


@Language.factory("kg_quantities", default_config={})
def make_quantity_tagger(nlp: Language, name: str) -> "QuantityTagger":
    return QuantityTagger()


class QuantityTagger:
    """Puts every quantity in `doc.spans["quantities"]` (label: kind) with its value in `span._.quantity`.

    Spans are widened to token boundaries; the exact characters are in `span._.quantity.text`.
    """

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match in find_quantities(doc_text(doc)):  # doc.text rebuilds the text from every token
            span = doc.char_span(match.start, match.end, label=match.quantity.kind, alignment_mode="expand")
            if span is None:
                continue
            key = (USER_DATA, span.start_char, span.end_char)
            if key in doc.user_data:
                continue  # two quantities inside one token: the first one keeps it
            q = match.quantity
            doc.user_data[key] = (q.kind, str(q.value), q.unit, q.text, list(q.qualifiers), q.product)
            spans.append(span)
        doc.spans["quantities"] = spans
        return doc

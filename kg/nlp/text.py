"""Character-level helpers shared by the recognisers: where a name starts, what a name may contain.

Chinese news writes names without spaces, so a recogniser finds a name's right edge from a suffix or
head word (有限公司, 项目, 产业园) and must then find its left edge: the start of the run of name
characters, minus the verbs and prepositions that lead into it ("在", "实施", "总投资5亿元的").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import Iterable

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
NAME_CHAR = re.compile(f"[{CJK}A-Za-z0-9.·×/+±%&~\\-]")
DIGIT = re.compile("[0-9]")
OPENERS = {"）": "（", ")": "(", "】": "【", "]": "[", "”": "“", "」": "「", "’": "‘"}
CLAUSE_BREAK = "，,。；;：:！!？?\n"  # characters that end a clause, full- or half-width
NOT_BREAK = f"[^{CLAUSE_BREAK}]"  # regex: any character inside a clause
MAX_INNER = 16  # longest bracketed or quoted part kept inside a name
UNIT_WORDS = re.compile(
    "[0-9.×/+±%~\\-]+(?:余|多)?[十百千万亿]*(?:吨|千瓦时|千瓦|兆瓦|瓦|亿元|万元|元|平方米|亩|公顷|米|方|锭|台|套|条|头|支|千伏|伏|级)?"
    "|[A-Za-z]+")


def is_name_char(c: str) -> bool:
    return bool(NAME_CHAR.match(c))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def run_start(text: str, end: int, floor: int = 0, max_len: int = 80) -> int:
    """Start of the run of name characters that ends at `end`.

    A short bracketed or quoted part inside the run belongs to it ("中化学(内蒙古)新材料…",
    "“风光储氢”一体化…"); a space counts only between digits ("年产 30 万吨"), which damaged
    text still has, and a comma only between a chemical's locants ("1,4丁二醇").
    """
    i = end
    limit = max(floor, end - max_len)
    while i > limit:
        c = text[i - 1]
        if is_name_char(c):
            i -= 1
        elif c in OPENERS:
            j = text.rfind(OPENERS[c], limit, i - 1)
            if j < 0 or i - 1 - j > MAX_INNER or "\n" in text[j:i] or "。" in text[j:i]:
                break
            i = j
        elif c in " \u3000" and i < end and i - 1 > limit and (
                DIGIT.match(text[i - 2]) or DIGIT.match(text[i])):
            i -= 1
        elif c in ",，" and i < end and i - 1 > limit and text[i - 2].isdigit() and text[i].isdigit() \
                and not text[i + 1:i + 2].isdigit():
            i -= 1  # "年产30万吨1,4丁二醇": a chemical's locants, not a clause break (1,000: an amount's digits)
        else:
            break
    return i


def list_start(text: str, end: int, floor: int = 0, max_len: int = 80) -> int:
    """Start of a list "A、B、C" that ends at `end`: runs of name characters joined by 、."""
    start = run_start(text, end, floor, max_len=max_len)
    while start - 1 > floor and text[start - 1] == "、":
        start = run_start(text, start - 1, floor, max_len=max_len)
    return start


class SpanIndex:
    """Character ranges looked up by position: the recognisers ask "what is here?" for every candidate,
    so a scan over all ranges would make a long document quadratic."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.spans = sorted(set(spans))
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect_left(self.starts, start - self.longest)
        j = bisect_left(self.starts, end)
        return [(s, e) for s, e in self.spans[i:j] if s < end and start < e]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Ranges lying inside [start, end)."""
        i, j = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [(s, e) for s, e in self.spans[i:j] if e <= end]

    def inside(self, pos: int) -> bool:
        """True when `pos` falls strictly inside a range."""
        return any(s < pos < e for s, e in self.overlapping(pos, pos + 1))

    def starting_at(self, pos: int) -> list[tuple[int, int]]:
        i = bisect_left(self.starts, pos)
        return [(s, e) for s, e in self.spans[i:i + 8] if s == pos]

    def ending_at(self, pos: int) -> list[tuple[int, int]]:
        return [(s, e) for s, e in self.overlapping(pos - 1, pos) if e == pos]

    def __add__(self, other: "SpanIndex") -> "SpanIndex":
        return SpanIndex(self.spans + other.spans)

    def __contains__(self, span) -> bool:
        return span in self.starting_at(span[0])

    def __iter__(self):
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)


DASH_RUN = re.compile(r"[-‐‑‒–—―−－~～]+")


def same_form(name: str) -> str:
    """A name as an article may write it twice: width, spacing and the kind of dash do not count
    ("青山-青禾公路" = "青山—青禾公路")."""
    return DASH_RUN.sub("-", "".join(unicodedata.normalize("NFKC", name).split()))


def written_alike(names: list[str], min_len: int, max_cut: int = 80) -> list[int]:
    """A name is written the same way throughout an article: for each name, how many leading characters to cut
    so that it is the longest other name it ends with ("助力库山乡" beside "库山乡", "既有某东" beside "某东"),
    cutting at most `max_cut`; 0 where it ends with none at least `min_len` long."""
    known = set(names)
    cuts = []
    for name in names:
        shorter = [n for n in known if min_len <= len(n) < len(name) and len(name) - len(n) <= max_cut
                   and name.endswith(n)]
        cuts.append(len(name) - max(map(len, shorter)) if shorter else 0)
    return cuts


def batch_of_projects(firm_words: list[str]) -> re.Pattern:
    """What follows "以A、B为代表的" when A and B are projects ("17个亿元以上项目"), not firms ("一批龙头企业已在
    某地布局多个项目"): a short stretch ending in 项目 that holds none of the words a list of firms ends with."""
    return re.compile(f"(?:(?!{alternation(firm_words)})[^，。；、,;]){{0,16}}?项目")


def strip_quantities(name: str) -> str:
    """The name without numbers, units and Latin letters: what is left must carry the meaning."""
    return UNIT_WORDS.sub("", name)


def cjk_count(s: str) -> int:
    return sum(1 for c in s if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")


ENUMERATOR = re.compile(r"[（(][一二三四五六七八九十0-9]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.、．]")


class LeadCutter:
    """Removes the words that lead into a name ("在", "由", "实施", "位于", "总投资5亿元的").

    Multi-character cues (and the `anywhere` characters such as 的) are cut wherever they occur, the
    last one that still leaves a valid name winning ("新能源开发撬动实施金禾高精铝板带箔" -> "金禾高精铝板带箔");
    single characters (在, 以, 由 …) only at the very start, since inside a name they are ordinary
    characters (有 in 有色金属). Nothing is cut inside a protected span (a known place or company), nor at a
    one-character cue that follows a place and one character (和 in 内蒙古泰和…, a word's second character).
    """

    modals = set("可将能要会也还都已正则并又均该")

    def __init__(self, words: Iterable[str], anywhere: Iterable[str] = ("的",), words_kept: Iterable[str] = ()):
        anywhere = set(anywhere)
        self.kept = tuple(words_kept)  # "有机硅…": a word opening with a one-character cue is no cue
        multi = [w for w in words if len(w) > 1] + list(anywhere)
        self.multi = re.compile(alternation(multi)) if multi else None
        self.single = {w for w in words if len(w) == 1} - anywhere

    def cut(self, text: str, start: int, end: int, keep, protected: SpanIndex = SpanIndex()) -> int:
        """The new start: after the last cue such that `keep(new_start)` still holds."""
        best = start
        if self.multi:
            for m in self.multi.finditer(text, start, end):
                if protected.inside(m.start()) or protected.inside(m.end()):
                    continue
                if len(m.group()) == 1 and protected.ending_at(m.start() - 1):
                    continue  # "内蒙古泰和镍铁…": one character after a place, the cue is part of a word
                if m.end() < end and keep(m.end()):
                    best = m.end()
        while best < end - 1 and not protected.starting_at(best):
            lead = best
            while lead < end - 1 and text[lead] in self.modals:  # 可为, 将由, 也是
                lead += 1
            if text[lead] in self.single and not text.startswith(self.kept, lead) and keep(lead + 1):
                best = lead + 1
            elif (m := ENUMERATOR.match(text, lead, end)) and keep(m.end()):
                best = m.end()  # "（三）海原县…项目": the number of a list item, not part of the name
            else:
                break
        return best

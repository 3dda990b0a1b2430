"""Stage 2, clean: undo PDF and web damage, keeping a map back to the original offsets.

`clean_text(text) -> (cleaned, offsets)` is a pure function: `offsets[i]` is the index in `text` of the
character `cleaned[i]` came from (len(offsets) == len(cleaned) + 1, the last entry is len(text)).
Every step either deletes characters, keeps some of them, or replaces one character by one other
(full-width digit -> ASCII, ASCII comma -> full-width, line break -> space), so each cleaned character has
exactly one source character and quotes can always be cut from the original.

What is repaired, in order:
1. characters: line-break variants, invisible characters, full-width digits/letters, odd spaces;
   markdown leftovers; pinyin readings after characters ("質(zhì)量"); ASCII punctuation next to Chinese
   made full-width (so sentence splitting sees it); ASCII parentheses around Chinese made full-width.
2. lines: web chrome (patterns in ontology/patterns/clean.json), noise lines (only digits, or one sign
   repeated),
   captions with every piece doubled ("新材料新材料 1515万吨" -> "新材料 15万吨"), spaces between
   Chinese and digits ("年产 30 万吨" -> "年产30万吨"), letter-spaced captions ("制 造 产 业 园").
3. paragraphs: lines broken inside a sentence are joined; a break after 。！？, before or after a heading,
   byline or photo caption (a doubled caption is one) stays, unless the short line cuts a word or clause;
   a long paragraph that repeats an earlier one is dropped.
Cleaning twice changes nothing (the repairs are repeated until the text is stable).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Document
from .paths import ONTOLOGY_DIR
from .words import segmenter  # jieba loads on first use, only when a heading-like line needs the test

if TYPE_CHECKING:  # corpus imports this module; the type is only needed for annotations
    from .corpus import Source

PATTERNS_FILE = ONTOLOGY_DIR / "patterns" / "clean.json"
MAX_ROUNDS = 4  # repair rounds until the text is stable (real articles need one, plus the check)

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# full-width punctuation and quotes that sit between Chinese characters
CJK_PUNCT = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65" \
            "\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
CJK_PUNCT_SET = frozenset(re.findall(f"[{CJK_PUNCT}]", "".join(map(chr, range(0x2000, 0x10000)))))
TERMINAL = "。！？!?…"
CLOSERS = "”’」』）)》】"
SOFT_ENDS = "，、,；;“‘「『（(《【—-"  # a line ending so is inside a sentence
CONTINUATION_STARTS = "，、；：。！？）》」』”’"  # a line starting so goes on from the line before
BODY_PUNCT = "，、"  # headings and captions rarely contain these

# 1:1 character replacements (same length, so offsets are unchanged)
_WIDTH = {0xFF10 + i: 0x30 + i for i in range(10)}
_WIDTH.update({0xFF21 + i: 0x41 + i for i in range(26)})
_WIDTH.update({0xFF41 + i: 0x61 + i for i in range(26)})
_WIDTH.update({ord("％"): ord("%"), 0x3000: 0x20, 0xA0: 0x20, 0x202F: 0x20})
_WIDTH.update({c: 0x20 for c in range(0x2000, 0x200B)})
_WIDTH.update({c: 0x0A for c in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029)})
_TO_FULL = {",": "，", ";": "；", "!": "！", "?": "？", ":": "：", ".": "。"}

_DELETE = re.compile(r"\r(?=\n)|[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_LONE_CR = re.compile(r"\r")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|www\.|/)[^)\n]*\)")
_MD_MARKS = re.compile(r"\*\*|__|^#{1,6} +|^> ?", re.M)
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"(?<=[{HAN}])[(（](?=[^)）\n]*[{_TONES}])[a-zü{_TONES} ]{{1,30}}[)）]")
_FULL_DOT = re.compile(r"(?<=\d)．(?=\d)")
_ASCII_PUNCT = re.compile(r"[,;!?:.]")
_PAREN_PAIR = re.compile(r"\(([^()]*)\)")
_HAN_CHAR = re.compile(f"[{HAN}]")
_SPACES = re.compile(" {2,}")
_SPACE_DROP = re.compile(
    rf"(?<=[{HAN}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?=[{HAN}])|(?<=[{CJK_PUNCT}]) | (?=[{CJK_PUNCT}])")
_STRETCH = re.compile(r" +|[^ ]+")
_LETTER_SPACED = re.compile(rf"[{HAN}](?: [{HAN}]){{3,}}")  # "制 造 产 业 园": a spaced-out caption
_FIRST_CLAUSE_ENDS = re.compile(r"[^，、；：,;。！？]{1,40}[。！？]")
_ABBREVIATION_END = re.compile(rf"(?:^|[^A-Za-z])[A-Z]{{1,5}}$")  # "…内的PV", "…领先的TOP"
_CELL_SEP = re.compile(r"[ \t]*\t[ \t]*| {2,}")  # between the cells of a table pasted as text
_SERIAL = re.compile(r"\d{1,3}")  # the first cell of a table row
_NOISE = re.compile(r"[\d ]+|([^\w\s])\1{3,}")  # page numbers, forum counters, "333333333", "━━━━"


@dataclass(frozen=True)
class Rules:
    """The pattern tables of ontology/patterns/clean.json, compiled."""

    boilerplate: re.Pattern
    paragraph_starts: re.Pattern
    heading_paragraphs: re.Pattern
    paragraph_ends: re.Pattern
    max_heading_length: int
    short_line_ratio: float
    min_repeated_paragraph: int
    unfinished_ends: re.Pattern
    clause_lines: re.Pattern
    table_row_starts: re.Pattern
    min_table_cells: int
    table_header_cells: re.Pattern


@lru_cache(maxsize=None)
def load_rules(path: str = str(PATTERNS_FILE)) -> Rules:
    data = json.loads(Path(path).read_text(encoding="utf-8"))

    def alternation(key: str) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in data[key]))

    return Rules(
        boilerplate=alternation("boilerplate_lines"),
        paragraph_starts=alternation("paragraph_starts"),
        heading_paragraphs=alternation("heading_paragraphs"),
        paragraph_ends=alternation("paragraph_ends"),
        max_heading_length=int(data["max_heading_length"]),
        short_line_ratio=float(data["short_line_ratio"]),
        min_repeated_paragraph=int(data["min_repeated_paragraph"]),
        unfinished_ends=re.compile(f"(?:{'|'.join(data['unfinished_ends'])})$"),
        clause_lines=alternation("clause_lines"),
        table_row_starts=alternation("table_row_starts"),
        min_table_cells=int(data["min_table_cells"]),
        table_header_cells=alternation("table_header_cells"),
    )


# ---- text with an offset map ----------------------------------------------------------------------


def _rewrite(text: str, offs: list[int], edits) -> tuple[str, list[int]]:
    """Apply non-overlapping, sorted edits (start, end, kept): text[start:end] becomes the characters
    at the indices `kept` (a deletion keeps none); offsets follow the kept characters."""
    parts, new_offs, pos = [], [], 0
    for start, end, kept in edits:
        parts.append(text[pos:start])
        new_offs.extend(offs[pos:start])
        parts.extend(text[i] for i in kept)
        new_offs.extend(offs[i] for i in kept)
        pos = end
    parts.append(text[pos:])
    new_offs.extend(offs[pos:])
    return "".join(parts), new_offs


def without_pinyin(text: str) -> str:
    """The text without inline pinyin readings ("經(jīng)開區(qū)" -> "經開區"), as the cleaner reads it."""
    return _PINYIN.sub("", text)


def _delete(pattern: re.Pattern, text: str, offs: list[int]) -> tuple[str, list[int]]:
    edits = [(m.start(), m.end(), ()) for m in pattern.finditer(text)]
    return _rewrite(text, offs, edits) if edits else (text, offs)


def _replace_chars(text: str, offs: list[int], replacements: dict[int, str]) -> tuple[str, list[int]]:
    """Replace single characters by position: offsets are unchanged."""
    if not replacements:
        return text, offs
    chars = list(text)
    for i, ch in replacements.items():
        chars[i] = ch
    return "".join(chars), offs


# ---- 1. characters --------------------------------------------------------------------------------


def _normalise_chars(text: str, offs: list[int]) -> tuple[str, list[int]]:
    text, offs = _delete(_DELETE, text, offs)
    text = _LONE_CR.sub("\n", text).translate(_WIDTH)
    text, offs = _replace_chars(text, offs, {m.start(): "." for m in _FULL_DOT.finditer(text)})
    text, offs = _delete(_MD_IMAGE, text, offs)
    text, offs = _rewrite(text, offs, [(m.start(), m.end(), range(m.start(1), m.end(1)))
                                       for m in _MD_LINK.finditer(text)])
    text, offs = _delete(_MD_MARKS, text, offs)
    text, offs = _delete(_PINYIN, text, offs)
    text, offs = _replace_chars(text, offs, _full_width_punct(text))
    pairs = {}
    for m in _PAREN_PAIR.finditer(text):
        if not _HAN_CHAR.search(m.group(1)):
            continue
        pairs[m.start()] = "（"
        pairs[m.end() - 1] = "）"
    return _replace_chars(text, offs, pairs)


def _neighbour(chars, i: int, step: int) -> int:
    """Index of the nearest non-space character before (step=-1) or after (step=1) i, or -1."""
    i += step
    while 0 <= i < len(chars) and chars[i] in " \t\n":
        i += step
    return i if 0 <= i < len(chars) else -1


def _is_cjk(ch: str) -> bool:
    return ("\u3400" <= ch <= "\u9fff") or ("\uf900" <= ch <= "\ufaff") or ch in CJK_PUNCT_SET


def _full_width_punct(text: str) -> dict[int, str]:
    """ASCII , ; ! ? : . used in Chinese text, by position, with their full-width replacement.

    A converted sign makes its neighbours Chinese context too, so they are looked at again."""
    chars = list(text)
    todo = [m.start() for m in _ASCII_PUNCT.finditer(text)]
    out: dict[int, str] = {}
    while todo:
        i = todo.pop()
        if i in out:
            continue
        new = _punct_replacement(chars, i)
        if new:
            out[i] = chars[i] = new
            todo.extend(j for j in (_neighbour(chars, i, -1), _neighbour(chars, i, 1))
                        if j >= 0 and chars[j] in _TO_FULL)
    return out


def _punct_replacement(chars: list[str], i: int) -> str | None:
    ch = chars[i]
    b, a = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
    before, after = (chars[b] if b >= 0 else ""), (chars[a] if a >= 0 else "")
    if ch in ",;":
        if (_is_cjk(before) or _is_cjk(after)) and not (before.isdigit() and after.isdigit()):
            return _TO_FULL[ch]
    elif ch == ".":
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if before and _is_cjk(before) and before not in CJK_PUNCT_SET and (nxt in ("", " ", "\n") or _is_cjk(nxt)):
            return "。"
    elif before and _is_cjk(before):
        return _TO_FULL[ch]
    return None


# ---- 2. lines -------------------------------------------------------------------------------------


@dataclass
class _Line:
    text: str
    offs: list[int]
    newline: int  # offset (in the input) of the line break that ends this line
    doubled: bool = False  # a caption repaired by _undouble: kept apart from body text
    table: bool = False  # a row of a table: never joined to another line


def _split_lines(text: str, offs: list[int]) -> list[_Line]:
    lines, start = [], 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        lines.append(_Line(text[start:end], offs[start:end], offs[end]))
        start = end + 1
    return lines


def _cell_tables(lines: list[_Line], rules: Rules) -> list[_Line]:
    """Rebuild the rows of a table extracted with one cell per line (PDF lists): a run of header cells
    ("序号", "项目名称", "建设单位", …) gives the width, and each following group of that many lines that
    opens with a serial number is one row. Header and rows become lines of tab-apart cells, read as table
    rows below; the table ends at the first group without a serial number (a "合计" line, the text after)."""
    out, i = [], 0
    while i < len(lines):
        width = _header_width(lines, i, rules)
        if width < rules.min_table_cells or not _opens_row(lines, i + width, width):
            out.append(lines[i])
            i += 1
            continue
        out.append(_join_cells(lines[i:i + width]))
        i += width
        while _opens_row(lines, i, width):
            out.append(_join_cells(lines[i:i + width]))
            i += width
    return out


def _header_width(lines: list[_Line], start: int, rules: Rules) -> int:
    """How many lines from `start` on are each one header cell."""
    end = start
    while end < len(lines) and "\t" not in lines[end].text \
            and rules.table_header_cells.fullmatch(lines[end].text.strip()):
        end += 1
    return end - start


def _opens_row(lines: list[_Line], start: int, width: int) -> bool:
    """Do `width` lines from `start` on form a row: a serial number, then cells that are not empty?"""
    cells = [line.text.strip() for line in lines[start:start + width]]
    return len(cells) == width and _SERIAL.fullmatch(cells[0]) is not None and all(cells)


def _join_cells(cells: list[_Line]) -> _Line:
    """One line of the cells apart by tabs, each tab standing where a line break was."""
    text, offs = "", []
    for n, cell in enumerate(map(_strip, cells)):
        if n:
            text, offs = text + "\t", offs + [cells[n - 1].newline]
        text, offs = text + cell.text, offs + cell.offs
    return _Line(text, offs, cells[-1].newline)


def _strip(line: _Line) -> _Line:
    stripped = line.text.strip(" |\t")
    if stripped == line.text:
        return line
    start = len(line.text) - len(line.text.lstrip(" |\t"))
    return _Line(stripped, line.offs[start:start + len(stripped)], line.newline)


def _squares(seg: str) -> list[tuple[int, int]] | None:
    """(start, half length) of each square when `seg` is a sequence of squares, each piece written twice
    ("万吨万吨", "1010GWGW", "1155"), taking the shortest square at each step; None when it is not."""
    n = len(seg)
    if n % 2 or any(count % 2 for count in Counter(seg).values()):
        return None  # cheap test: a doubled text has every character an even number of times

    def square(i: int, k: int) -> bool:
        return seg[i:i + k] == seg[i + k:i + 2 * k]

    ok = [False] * (n + 1)  # ok[i]: seg[i:] can be cut into squares
    ok[n] = True
    for i in range(n - 2, -1, -2):
        ok[i] = any(ok[i + 2 * k] and square(i, k) for k in range(1, (n - i) // 2 + 1))
    if not ok[0]:
        return None
    out, i = [], 0
    while i < n:
        k = next(k for k in range(1, (n - i) // 2 + 1) if ok[i + 2 * k] and square(i, k))
        out.append((i, k))
        i += 2 * k
    return out


def _undouble(text: str) -> list[int] | None:
    """Indices to keep when every piece of the line is written twice ("张三张三 摄摄"), else None.

    PDF captions repeat each text span, and spans need not follow word or script boundaries
    ("华夏电池华夏电池 2020万千瓦时储能站万千瓦时储能站"): every space-separated stretch must be a
    sequence of squares. At least three Chinese characters must be kept, one square must hold two or more
    different Chinese characters, and a lone square needs four, so a normal line with repeats ("谢谢",
    "研究研究", "看看 说说", "高高兴兴") stays as it is."""
    keep, han, varied, count = [], 0, False, 0
    for m in _STRETCH.finditer(text):
        if m.group()[0] == " ":
            keep.extend(range(m.start(), m.end()))
            continue
        squares = _squares(m.group())
        if squares is None:
            return None
        for i, k in squares:
            half = _HAN_CHAR.findall(m.group(), i, i + k)
            han += len(half)
            varied = varied or len(set(half)) > 1
            keep.extend(range(m.start() + i, m.start() + i + k))
        count += len(squares)
    if not varied or han < 3 or (count < 2 and han < 4):
        return None
    return keep


def _clean_line(line: _Line, rules: Rules) -> _Line | None:
    """A repaired line, or None when it is chrome or noise."""
    line = _strip(line)
    if not line.text or _NOISE.fullmatch(line.text) or rules.boilerplate.fullmatch(line.text):
        return None
    row = _table_row(line, rules)
    if row is not None:
        return row
    line = _Line(line.text.replace("\t", " "), line.offs, line.newline)
    keep = _undouble(line.text)
    text, offs = line.text, line.offs
    if keep is not None:
        text, offs = "".join(text[i] for i in keep), [offs[i] for i in keep]
    text, offs = _collapse_spaces(text, offs)
    return _Line(text, offs, line.newline, keep is not None)


def _table_row(line: _Line, rules: Rules) -> _Line | None:
    """A row of a table pasted as text, its cells (each cleaned like a line) apart by one tab, or None.

    Cells are apart by tabs, or by runs of two or more spaces when the row opens like a table's
    (a serial number, a header word): a line of prose with wide spaces stays prose."""
    seps = list(_CELL_SEP.finditer(line.text))
    tabbed = any("\t" in m.group() for m in seps)
    if len(seps) + 1 < rules.min_table_cells or not (tabbed or rules.table_row_starts.match(line.text)):
        return None
    text, offs, pos = "", [], 0
    for sep in [*seps, None]:
        end = sep.start() if sep else len(line.text)
        cell, cell_offs = _collapse_spaces(line.text[pos:end].replace("\t", " "), line.offs[pos:end])
        text, offs = text + cell, offs + cell_offs
        if sep:
            text, offs, pos = text + "\t", offs + [line.offs[sep.start()]], sep.end()
    return _Line(text, offs, line.newline, table=True)


def _collapse_spaces(text: str, offs: list[int]) -> tuple[str, list[int]]:
    if " " not in text:
        return text, offs
    offs = offs + [-1]  # _rewrite needs an end entry; dropped again below
    text, offs = _rewrite(text, offs, [(m.start() + 1, m.end(), ()) for m in _SPACES.finditer(text)])
    text, offs = _delete(_SPACE_DROP, text, offs)
    text, offs = _rewrite(text, offs, [(m.start() + i, m.start() + i + 1, ())
                                       for m in _LETTER_SPACED.finditer(text) for i in range(1, len(m.group()), 2)])
    return text, offs[:-1]


# ---- 3. paragraphs --------------------------------------------------------------------------------


@dataclass
class _Paragraph:
    text: str = ""
    offs: list[int] = field(default_factory=list)
    lines: int = 0
    newline: int = 0  # offset of the line break after the last line
    doubled: bool = False  # the last line was a doubled caption
    table: bool = False  # the last line was a table row

    def add(self, line: _Line, sep: str = "") -> None:
        """Append a line; a separator stands where the line break was."""
        if sep:
            self.offs.append(self.newline)
        self.text += sep + line.text
        self.offs.extend(line.offs)
        self.lines += 1
        self.newline = line.newline
        self.doubled = line.doubled
        self.table = line.table


def _widths_ahead(lines: list[_Line], span: int = 3) -> list[int]:
    """For each line, the longest of it and the next span-1 lines: the width of a full line here
    (a page can mix narrow and wide columns)."""
    lengths = [len(line.text) for line in lines]
    return [max(lengths[i:i + span]) for i in range(len(lengths))]


def _ends_paragraph(para: _Paragraph, nxt: _Line, rules: Rules, width: int) -> bool:
    """Does the line break between `para` and the line `nxt` end the paragraph? `width` is the
    width of a full line from `nxt` on."""
    text = para.text
    last = text[-1]
    if para.table or nxt.table:
        return True
    if nxt.text[0] in CONTINUATION_STARTS:
        return False
    if para.doubled != nxt.doubled:
        return True
    if last in TERMINAL or last in "：:" or (last in CLOSERS and len(text) > 1 and text[-2] in TERMINAL):
        return True
    if last in SOFT_ENDS:
        return False
    if rules.paragraph_starts.match(nxt.text) or rules.paragraph_ends.search(text):
        return True
    if len(text) <= rules.max_heading_length and rules.heading_paragraphs.fullmatch(text) \
            and not ("：" in text and len(text) >= width and " " not in text):
        return True  # "库伦旗：内蒙古福润蒙药科技有限公司蒙", as wide as the body's lines, is a section's text, broken
    return (para.lines == 1 and not any(c in BODY_PUNCT for c in text)
            and len(text) < rules.short_line_ratio * width and not _continues(text, nxt.text, rules))


def _continues(text: str, nxt: str, rules: Rules) -> bool:
    """Does a short line that looks like a heading go on in `nxt`? It does when the break cuts a word
    ("在本市新材 / 料产业园"), when it ends on a word that needs more ("…的", "…和"), when `nxt` ends a
    photo caption (a title is not followed by a credit: "华夏新能源装备 / 制造产业园项目现场。张三 摄"),
    or when it is a clause ("…是…") that the first sentence of `nxt` finishes without a comma
    ("…园区提升 / 电力基础设施的核心工程。"). A title ("新势如潮涌 / 动能再击楫",
    "…经济新增长点 / 全县做强…。") does none of these."""
    if rules.unfinished_ends.search(text) or rules.paragraph_ends.search(nxt) or _cuts_word(text, nxt):
        return True
    return bool(rules.clause_lines.fullmatch(text)) and _FIRST_CLAUSE_ENDS.match(nxt) is not None


def _cuts_word(text: str, nxt: str, reach: int = 4) -> bool:
    """Does a dictionary word run across the break, its part before the break not a word of its own?"""
    tail = text[-reach:]
    pos = 0
    tok = segmenter()
    for word in tok.lcut(tail + nxt[:reach], HMM=False):
        start, pos = pos, pos + len(word)
        if start < len(tail) < pos:
            part = tail[start:]
            return len(part) == 1 or not tok.FREQ.get(part)
    return False


def _join_separator(para: _Paragraph, nxt: _Line) -> str:
    """Words in Latin script broken across lines get a space; Chinese is joined directly, and so is an
    upper-case abbreviation cut by the break ("PV / C" -> "PVC", "TOP / Con" -> "TOPCon")."""
    latin = para.text[-1] + nxt.text[0]
    if not (latin.isascii() and latin.isalpha()):
        return ""
    return "" if _ABBREVIATION_END.search(para.text) else " "


def _is_repeat(para: _Paragraph, seen: set[str], rules: Rules) -> bool:
    """A long paragraph seen before; a table row is kept (a header repeats after each page break)."""
    return not para.table and len(para.text) >= rules.min_repeated_paragraph and para.text in seen


def _paragraphs(lines: list[_Line], rules: Rules) -> list[_Paragraph]:
    """Join broken lines into paragraphs, dropping a long paragraph already seen."""
    widths = _widths_ahead(lines)
    done: list[_Paragraph] = []
    seen: set[str] = set()
    current: _Paragraph | None = None
    for line, width in zip(lines, widths):
        while current is not None and _ends_paragraph(current, line, rules, width):
            if _is_repeat(current, seen, rules):
                # drop the repeat and reconsider the line against the paragraph before it
                current = done.pop() if done else None
                if current is not None:
                    seen.discard(current.text)
                continue
            seen.add(current.text)
            done.append(current)
            current = None
        if current is None:
            current = _Paragraph()
            current.add(line)
        else:
            current.add(line, _join_separator(current, line))
    if current is not None and not _is_repeat(current, seen, rules):
        done.append(current)
    return done


# ---- the stage ------------------------------------------------------------------------------------


def clean_text(text: str, rules: Rules | None = None) -> tuple[str, list[int]]:
    """Repair `text`; returns (cleaned, offsets) with offsets[i] the index in `text` of cleaned[i].

    A repair can expose another (two lines joined into one doubled line), so the repairs run until
    the text stops changing; on real articles the second round is only the check."""
    rules = rules or load_rules()
    cleaned, offsets = text, list(range(len(text) + 1))
    for _ in range(MAX_ROUNDS):
        again, again_offsets = _clean_once(cleaned, rules)
        if again == cleaned:
            break
        offsets = [offsets[i] for i in again_offsets]
        cleaned = again
    return cleaned, offsets


def _clean_once(text: str, rules: Rules) -> tuple[str, list[int]]:
    offs = list(range(len(text) + 1))
    chars, offs = _normalise_chars(text, offs)
    lines = [c for c in (_clean_line(line, rules) for line in _cell_tables(_split_lines(chars, offs), rules))
             if c is not None]
    parts, out_offs, newline = [], [], 0
    for para in _paragraphs(lines, rules):
        if parts:
            out_offs.append(newline)  # the paragraph break is the line break after the last paragraph
        parts.append(para.text)
        out_offs.extend(para.offs)
        newline = para.newline
    out_offs.append(len(text))
    return "\n".join(parts), out_offs


def clean_source(source: Source) -> Document:
    """Clean the simplified text; `Document.original` stays the text as found (quotes come from it)."""
    text, offsets = clean_text(source.simplified)
    return Document(source.meta, source.original, text, offsets)

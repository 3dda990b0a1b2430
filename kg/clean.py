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
   captions with every run doubled ("新材料新材料 1515万吨" -> "新材料 15万吨"), spaces between
   Chinese and digits ("年产 30 万吨" -> "年产30万吨").
3. paragraphs: lines broken inside a sentence are joined; a break after 。！？, before or after a heading,
   byline or photo caption stays; a long paragraph that repeats an earlier one is dropped.
Cleaning twice changes nothing (the repairs are repeated until the text is stable).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Document
from .paths import ONTOLOGY_DIR

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
BODY_PUNCT = "，、"  # headings and captions rarely contain these

# 1:1 character replacements (same length, so offsets are unchanged)
_WIDTH = {0xFF10 + i: 0x30 + i for i in range(10)}
_WIDTH.update({0xFF21 + i: 0x41 + i for i in range(26)})
_WIDTH.update({0xFF41 + i: 0x61 + i for i in range(26)})
_WIDTH.update({ord("％"): ord("%"), ord("\t"): ord(" "), 0x3000: 0x20, 0xA0: 0x20, 0x202F: 0x20})
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
_RUNS = re.compile(rf"[{HAN}]+|[0-9A-Za-z.%]+| +|[^{HAN}0-9A-Za-z.% ]+")
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
    while 0 <= i < len(chars) and chars[i] in " \n":
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


def _split_lines(text: str, offs: list[int]) -> list[_Line]:
    lines, start = [], 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        lines.append(_Line(text[start:end], offs[start:end], offs[end]))
        start = end + 1
    return lines


def _strip(line: _Line) -> _Line:
    stripped = line.text.strip(" |")
    if stripped == line.text:
        return line
    start = len(line.text) - len(line.text.lstrip(" |"))
    return _Line(stripped, line.offs[start:start + len(stripped)], line.newline)


def _undouble(text: str) -> list[int] | None:
    """Indices to keep when every run of the line is written twice ("张三张三 摄摄"), else None.

    A run is a stretch of Chinese, of ASCII letters/digits, of spaces or of other signs; PDF captions
    repeat each run ("1515" or "1155" for 15). A whole line must be doubled, with at least three
    Chinese characters in its halves and one Chinese half of two or more different characters, so a
    normal line with an accidental repeat ("谢谢") stays as it is."""
    keep, runs, han_half, varied = [], 0, 0, False
    for m in _RUNS.finditer(text):
        run, start = m.group(), m.start()
        if run[0] == " ":
            keep.extend(range(start, m.end()))
            continue
        half = len(run) // 2
        if len(run) % 2:
            return None
        if run[:half] == run[half:]:
            keep.extend(range(start, start + half))
        elif run[0] in "0123456789" and run[0::2] == run[1::2]:
            keep.extend(range(start, m.end(), 2))
        else:
            return None
        runs += 1
        if "\u3400" <= run[0] <= "\u9fff" or "\uf900" <= run[0] <= "\ufaff":
            han_half += half
            varied = varied or len(set(run[:half])) > 1
    if not varied or han_half < 3:
        return None
    if runs < 2 and han_half < 4:
        return None
    return keep


def _clean_line(line: _Line, rules: Rules) -> _Line | None:
    """A repaired line, or None when it is chrome or noise."""
    line = _strip(line)
    if not line.text or _NOISE.fullmatch(line.text) or rules.boilerplate.fullmatch(line.text):
        return None
    keep = _undouble(line.text)
    text, offs = line.text, line.offs
    if keep is not None:
        text, offs = "".join(text[i] for i in keep), [offs[i] for i in keep]
    text, offs = _collapse_spaces(text, offs)
    return _Line(text, offs, line.newline)


def _collapse_spaces(text: str, offs: list[int]) -> tuple[str, list[int]]:
    if " " not in text:
        return text, offs
    offs = offs + [-1]  # _rewrite needs an end entry; dropped again below
    text, offs = _rewrite(text, offs, [(m.start() + 1, m.end(), ()) for m in _SPACES.finditer(text)])
    text, offs = _delete(_SPACE_DROP, text, offs)
    return text, offs[:-1]


# ---- 3. paragraphs --------------------------------------------------------------------------------


@dataclass
class _Paragraph:
    text: str = ""
    offs: list[int] = field(default_factory=list)
    lines: int = 0
    newline: int = 0  # offset of the line break after the last line

    def add(self, line: _Line, sep: str = "") -> None:
        """Append a line; a separator stands where the line break was."""
        if sep:
            self.offs.append(self.newline)
        self.text += sep + line.text
        self.offs.extend(line.offs)
        self.lines += 1
        self.newline = line.newline


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
    if last in TERMINAL or last in "：:" or (last in CLOSERS and len(text) > 1 and text[-2] in TERMINAL):
        return True
    if last in SOFT_ENDS:
        return False
    if rules.paragraph_starts.match(nxt.text) or rules.paragraph_ends.search(text):
        return True
    if len(text) <= rules.max_heading_length and rules.heading_paragraphs.fullmatch(text):
        return True
    return (para.lines == 1 and not any(c in BODY_PUNCT for c in text)
            and len(text) < rules.short_line_ratio * width)


def _join_separator(para: _Paragraph, nxt: _Line) -> str:
    """Words in Latin script broken across lines get a space; Chinese is joined directly."""
    latin = para.text[-1] + nxt.text[0]
    return " " if latin.isascii() and latin.isalpha() else ""


def _is_repeat(para: _Paragraph, seen: set[str], rules: Rules) -> bool:
    return len(para.text) >= rules.min_repeated_paragraph and para.text in seen


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
    lines = [c for c in (_clean_line(line, rules) for line in _split_lines(chars, offs)) if c is not None]
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

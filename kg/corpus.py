"""Stage 1, corpus: find input files, decode them, read their metadata.

Decoding never guesses silently: a byte-order mark, then strict UTF-8, then strict GB18030 (checked to
give ordinary Chinese characters); anything else is a `Problem` naming the file, and the other files
still load. HTML pages become their article text (selectolax DOM, chrome dropped). Traditional script
is detected and converted to simplified without changing the length (phrase-aware per line, character
by character where a phrase would change it), so offsets found in `Source.simplified` are valid in
`Source.original`. Files over 20 MB are skipped with a Problem, not streamed.

Metadata comes, field by field, from a sidecar `<file>.meta.json`, else from `sources.jsonl` in the
file's folder, else from the page or the text itself (a labelled date, a dateline, the latest year
the article speaks of as present or past); `DocumentMeta.date_source` says which. An address is kept
only when it is http(s) (`safe.web_url`): a `javascript:` or `data:` URL in a page's metadata is not one.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import clean, safe
from .model import DocumentMeta
from .paths import ONTOLOGY_DIR

PATTERNS_FILE = ONTOLOGY_DIR / "patterns" / "corpus.json"
MAX_BYTES = 20 * 1024 * 1024  # larger files are skipped with a Problem, not streamed
TEXT_SUFFIXES = (".txt", ".html", ".htm")
LISTING, SIDECAR_SUFFIX = "sources.jsonl", ".meta.json"  # metadata beside the articles, not articles
PDF_ADVICE = "PDF is not read: convert it to text (pdftotext)"
WORD_ADVICE = "Word document is not read: save it as text (.txt)"
FORMAT_ADVICE = {".pdf": PDF_ADVICE, ".doc": WORD_ADVICE, ".docx": WORD_ADVICE}
HTML_SUFFIXES = (".html", ".htm")
TITLE_SCAN = 1500  # characters at the top of a text where a headline is looked for
MIN_HAN = 10  # fewer Chinese characters than this is not an article
TRADITIONAL_SHARE = 0.05  # share of traditional-only characters that marks a traditional text
PLAUSIBLE_GB = 0.9  # share of common characters a GB18030 decoding must give

_HAN = re.compile(f"[{clean.HAN}]")
_LETTERS = re.compile(f"[{clean.HAN}\u3040-\u31ff]")  # Chinese, kana, bopomofo
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# (byte-order mark, codec for the rest, name recorded in DocumentMeta.encoding)
_BOMS = ((b"\xef\xbb\xbf", "utf-8", "utf-8-sig"), (b"\xff\xfe", "utf-16-le", "utf-16-le"),
         (b"\xfe\xff", "utf-16-be", "utf-16-be"))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_SNIFF = re.compile(r"\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s)", re.I)
_DATE = r"((?:19|20)\d{2})\s*(?:年\s*/?|[-/.])\s*(\d{1,2})\s*(?:月\s*/?|[-/.])\s*(\d{1,2})"
_ISO_PARTS = re.compile(r"\s*((?:19|20)\d{2})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})日?)?月?)?")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SENTENCE_END = "。！？!?"  # line breaks are layout in PDF text, not sentence ends
_BLOCK_TAGS = frozenset("p div br h1 h2 h3 h4 h5 h6 li ul ol tr table section article blockquote pre "
                        "figure figcaption dd dt dl hr center td th tbody thead main".split())


@dataclass
class Source:
    """A decoded article before cleaning. `simplified` has the same length as `original`."""

    meta: DocumentMeta
    original: str
    simplified: str


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    ignored: bool = False  # a file of another type found in a folder: listed, not an error

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InputError(Exception):
    """A file that cannot be read as an article; the message is the reason for the user."""


@dataclass(frozen=True)
class Patterns:
    html_drop_tags: tuple[str, ...]
    html_drop_class: re.Pattern
    html_date_meta: frozenset[str]
    labelled_date: re.Pattern
    dateline: re.Pattern
    dateline_lines: int
    future: re.Pattern
    future_prefix: re.Pattern
    future_window: int
    now: re.Pattern
    season_after_year: re.Pattern
    part_year_now: re.Pattern
    open_year_after: re.Pattern
    result_verbs: re.Pattern


@lru_cache(maxsize=None)
def load_patterns(path: str = str(PATTERNS_FILE)) -> Patterns:
    d = json.loads(Path(path).read_text(encoding="utf-8"))
    return Patterns(
        html_drop_tags=tuple(d["html_drop_tags"]),
        html_drop_class=re.compile(d["html_drop_class"], re.I),
        html_date_meta=frozenset(n.lower() for n in d["html_date_meta"]),
        labelled_date=re.compile(d["date_label"] + _DATE),
        dateline=re.compile(_DATE),
        dateline_lines=int(d["dateline_lines"]),
        future=re.compile("|".join(map(re.escape, d["future_markers"]))),
        future_prefix=re.compile("(?:" + "|".join(map(re.escape, d["future_prefixes"])) + r")\s*$"),
        future_window=int(d["future_window"]),
        now=re.compile("(?:" + "|".join(map(re.escape, d["now_markers"])) + r")\s*$"),
        season_after_year=re.compile(d["season_after_year"]),
        part_year_now=re.compile(d["part_year_now"]),
        open_year_after=re.compile(d["open_year_after"]),
        result_verbs=re.compile("|".join(map(re.escape, d["result_verbs"]))),
    )


# ---- finding files --------------------------------------------------------------------------------


def find_files(paths: list[Path]) -> list[Path]:
    """The article files named by `paths` (folders read recursively), in a stable order."""
    return _find(paths, [])


def _find(paths: list[Path], problems: list[Problem]) -> list[Path]:
    files, seen = [], set()
    for p in map(Path, paths):
        if p.is_dir():
            found = _walk(p, problems)
        elif p.exists():
            found = [p]
        else:
            problems.append(Problem(str(p), "no such file or folder"))
            found = []
        for f in found:
            key = os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    """.txt/.html/.htm files below `folder`, sorted; hidden files and folders are skipped, metadata files
    (sidecars, sources.jsonl) are read with their articles, and every other file is an ignored Problem
    that says why it is not read."""

    def unreadable(err: OSError) -> None:
        problems.append(Problem(str(err.filename), f"cannot read folder: {err.strerror}"))

    files, others = [], []
    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in names:
            if n.startswith(".") or n == LISTING or n.lower().endswith(SIDECAR_SUFFIX):
                continue
            (files if n.lower().endswith(TEXT_SUFFIXES) else others).append(Path(root) / n)
    problems.extend(Problem(str(p), other_type(p), ignored=True) for p in sorted(others))
    return sorted(files)


def other_type(path: Path) -> str:
    """Why a file found in a folder is not read, and what to do if it is an article."""
    suffix = path.suffix.lower()
    if suffix in FORMAT_ADVICE:
        return FORMAT_ADVICE[suffix]
    readable = ", ".join(TEXT_SUFFIXES)
    if not suffix:
        return f"no file extension: not read (kg reads {readable}); rename it if it is an article"
    return f"{suffix} is not an article file: not read (kg reads {readable})"


# ---- decoding -------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a file's bytes; raises InputError when it is not text we can trust."""
    if not data.strip():
        raise InputError("empty file")
    for bom, codec, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom):].decode(codec)), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {codec} byte-order mark but is not {codec}: "
                                 f"{exc.reason}") from None
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), or UTF-16 without a byte-order mark")
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError("cannot decode: not UTF-8, UTF-16 with a byte-order mark, or GB18030; "
                         "convert it to UTF-8") from None
    if not _plausible_chinese(text):
        raise InputError("decodes as GB18030 only into unusual characters (Big5 or another encoding?); "
                         "convert it to UTF-8")
    return _check_text(text), "gb18030"


def _check_text(text: str) -> str:
    if text.strip() == "":
        raise InputError("empty file")
    if len(_CONTROL.findall(text[:100_000])) > 0.01 * min(len(text), 100_000):
        raise InputError("binary file (many control characters), not text")
    return text


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes most byte strings: accept only text made of characters people write (no
    private-use characters, and in a longer text nearly all Chinese characters common ones)."""
    if _PRIVATE_USE.search(text):
        return False
    letters = _LETTERS.findall(text)
    if len(letters) < 20:
        return True
    to_simple = _simplify_map(frozenset(letters))
    common = 0
    for ch in letters:
        try:
            to_simple.get(ch, ch).encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= PLAUSIBLE_GB * len(letters)


# ---- script ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _simplify_map(chars: frozenset[str]) -> dict[str, str]:
    """Traditional -> simplified, one character to one character, for the characters that change."""
    ordered = sorted(chars)
    converted = _converter().convert("\n".join(ordered)).split("\n")
    if len(converted) != len(ordered):  # a conversion swallowed a separator: go one by one
        converted = [_converter().convert(ch) for ch in ordered]
    return {a: b for a, b in zip(ordered, converted) if a != b and len(b) == 1}


def detect_script(text: str) -> str:
    """'traditional' when enough of the Chinese characters exist only in traditional script."""
    chars = _HAN.findall(text)
    if not chars:
        return "simplified"
    changed = _simplify_map(frozenset(chars))
    n = sum(1 for ch in chars if ch in changed)
    return "traditional" if n >= 3 and n >= TRADITIONAL_SHARE * len(chars) else "simplified"


def to_simplified(text: str) -> str:
    """Simplified script of the same length: phrase-aware per line, character by character where a
    phrase conversion would change the length."""
    char_map = _simplify_map(frozenset(_HAN.findall(text)))
    out = []
    for line in text.split("\n"):
        converted = _converter().convert(line)
        out.append(converted if len(converted) == len(line) else line.translate(str.maketrans(char_map)))
    return "\n".join(out)


# ---- HTML -----------------------------------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.match(text[:2000]))


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    date: str | None
    url: str | None


def html_article(html: str) -> Page:
    """The article text of a saved news page: the block with the most paragraph text, chrome dropped."""
    from selectolax.lexbor import LexborHTMLParser

    pat = load_patterns()
    tree = LexborHTMLParser(html)
    title = _page_title(tree)
    date = _meta_date(tree, pat)
    canonical = tree.css_first('link[rel="canonical"]') or tree.css_first('meta[property="og:url"]')
    url = canonical and (canonical.attributes.get("href") or canonical.attributes.get("content"))
    _drop_chrome(tree, pat)
    root = _main_block(tree) or tree.body or tree.root
    text = _block_text(root) if root is not None else ""
    return Page(text, title, date, url or None)


def _drop_chrome(tree, pat: Patterns) -> None:
    """Remove scripts, navigation, share buttons, footers… (by tag, or by a class/id naming them).
    Only the outermost matches are removed: their descendants go with them."""
    drop = list(tree.css(",".join(pat.html_drop_tags)))
    for node in tree.css("[class], [id]"):
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if node.tag not in ("body", "html") and pat.html_drop_class.search(names):
            drop.append(node)
    marked = {node.mem_id for node in drop}
    outermost = {}
    for node in drop:
        parent = node.parent
        while parent is not None and parent.mem_id not in marked:
            parent = parent.parent
        if parent is None:
            outermost[node.mem_id] = node
    for node in outermost.values():
        node.decompose()


def _page_title(tree) -> str | None:
    """The <h1> when the <title> contains it (a site logo in <h1> does not), else the longest part
    of the <title> ("标题_网站名" -> "标题")."""
    h1, title = _node_text(tree.css_first("h1")), _node_text(tree.css_first("title"))
    if h1 and (not title or h1 in title):
        return h1
    if title:
        return max(re.split(r"\s*[_|｜–—]\s*|\s+-\s+", title), key=len)
    return h1


def _node_text(node) -> str | None:
    if node is None:
        return None
    return " ".join(node.text(strip=True).split()) or None


def _meta_date(tree, pat: Patterns) -> str | None:
    for node in tree.css("meta[content]"):
        a = node.attributes
        key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
        if key in pat.html_date_meta:
            date = normalise_date(a.get("content"))
            if date:
                return date
    node = tree.css_first("time[datetime]")
    return normalise_date(node.attributes.get("datetime")) if node is not None else None


def _main_block(tree):
    """The element holding the most Chinese text in its own paragraphs and text (readability-style)."""
    scores: dict[int, list] = {}

    def add(node, n: int) -> None:
        if n and node is not None:
            scores.setdefault(node.mem_id, [0, node])[0] += n

    for p in tree.css("p"):
        add(p.parent, len(_HAN.findall(p.text())))
    for block in tree.css("div, td, section, article, main"):
        add(block, sum(len(_HAN.findall(t.text_content or ""))
                       for t in block.iter(include_text=True) if t.is_text_node))
    return max(scores.values(), key=lambda s: s[0])[1] if scores else None


def _block_text(root) -> str:
    """Text of `root` with a line break around every block element."""
    out: list[str] = []
    stack = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            out.append("\n")
            continue
        if node.is_text_node:
            out.append(" ".join((node.text_content or "").split("\n")))
            continue
        block = node.tag in _BLOCK_TAGS
        if block:
            out.append("\n")
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    lines = (line.strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


# ---- metadata -------------------------------------------------------------------------------------


def normalise_date(value) -> str | None:
    """'2021-6-15', '2021年6月15日', '2021/06', 2021 -> '2021-06-15', '2021-06', '2021'; else None."""
    if value is None:
        return None
    m = _ISO_PARTS.match(str(value))
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{int(month):02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"


def date_from_text(text: str) -> str | None:
    """The publication date an article states or implies: a labelled date, a dateline in its first
    lines, else the latest year it speaks of as present or past ("2024年8月开工，预计今年8月试生产"
    puts the article in 2025)."""
    pat = load_patterns()
    m = pat.labelled_date.search(text)
    if m:
        date = normalise_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
        if date:
            return date
    lines = [line for line in text.split("\n") if line.strip()][: pat.dateline_lines]
    for line in lines:
        m = pat.dateline.search(line)
        if m and not re.search("[，。,]", line):
            date = normalise_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
            if date:
                return date
    year = _article_year(text, pat)
    month = _article_month(text, year, pat) if year else None
    return f"{year}-{month:02d}" if month else year


_MONTH = re.compile(r"(?<![0-9年])(\d{1,2})\s*月(?:份|底|初|末|上旬|中旬|下旬|\s*(\d{1,2})\s*日)?")


def _article_month(text: str, year: str, pat: Patterns) -> int | None:
    """The latest month of the article's year that a past or present sentence names ("11月9日至11月11日"),
    so that two articles of one year can be ordered; a month in a plan ("预计8月投产") does not count."""
    months = []
    for sentence in re.split(f"[{_SENTENCE_END}]", text.replace("\n", "")):
        if pat.future.search(sentence) or pat.future_prefix.search(sentence):
            continue
        years = [int(y) for y in _YEAR.findall(sentence)]
        if years and str(max(years)) != year:
            continue  # the months belong to another year
        months += [int(m.group(1)) for m in _MONTH.finditer(sentence) if 1 <= int(m.group(1)) <= 12]
    return max(months) if months else None


def _article_year(text: str, pat: Patterns) -> str | None:
    years = []
    for m in _YEAR.finditer(text):
        start = max(m.start() - pat.future_window, 0)
        for stop in _SENTENCE_END:
            start = max(start, text.rfind(stop, 0, m.start()) + 1)
        before = text[start:m.start()]
        present = pat.now.search(before[-6:]) or pat.season_after_year.match(text, m.end())
        if present or not (pat.future.search(before) or pat.future_prefix.search(before)):
            years.append(int(m.group(1)))
    if not years:
        return None
    year = max(years)
    for sentence in re.split(f"[{_SENTENCE_END}]", text):
        if f"{year}年" in sentence.replace(" ", "") and "今年" in sentence:
            return str(year + 1)
    if pat.part_year_now.search(text.replace("\n", "")) and _closed_year(text, year, pat):
        return str(year + 1)  # "2024年电解铝产量达…" beside "今年前三季度": 2024 is over
    return str(year)


def _closed_year(text: str, year: int, pat: Patterns) -> bool:
    """Whether the article gives `year` a whole-year result ("2024年电解铝产量达269.9万吨"), not a period
    of it ("2024年以来", "2024年上半年") or a plan."""
    flat = text.replace("\n", "")
    for m in _YEAR.finditer(flat):
        if int(m.group(1)) != year or pat.open_year_after.match(flat, m.end()):
            continue
        end = min((i for i in (flat.find(c, m.end()) for c in _SENTENCE_END) if i >= 0), default=len(flat))
        start = max(flat.rfind(c, 0, m.start()) for c in _SENTENCE_END) + 1
        if pat.result_verbs.search(flat, m.end(), end) and not pat.future.search(flat[start:end]):
            return True
    return False


def title_from_text(text: str) -> str | None:
    """The first short line that reads like a headline (no sentence punctuation, mostly Chinese)."""
    rules = clean.load_rules()
    head = text[:TITLE_SCAN]
    cleaned, _ = clean.clean_text(head[: head.rfind("\n")] if "\n" in head else head)
    for line in cleaned.split("\n")[:15]:
        han = len(_HAN.findall(line))
        if (6 <= len(line) <= 40 and han >= 6 and han >= 0.6 * len(line.replace(" ", ""))
                and not re.search("[，。,]", line) and not rules.paragraph_ends.search(line)):
            return line
    return None


class _Listings:
    """`sources.jsonl` files, read once per folder: {file name: record}."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        self.cache: dict[Path, dict[str, dict]] = {}

    def record(self, path: Path) -> dict:
        folder = path.parent
        if folder not in self.cache:
            self.cache[folder] = self._read(folder / "sources.jsonl")
        return self.cache[folder].get(path.name, {})

    def _read(self, listing: Path) -> dict[str, dict]:
        records: dict[str, dict] = {}
        if not listing.is_file():
            return records
        try:
            lines = listing.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(str(listing), f"cannot read: {exc}; ignored"))
            return records
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                records[Path(rec["file"]).name] = rec
            except (ValueError, KeyError, TypeError) as exc:
                self.problems.append(Problem(str(listing), f"line {n}: not a JSON object with a 'file' key "
                                                           f"({exc}); ignored"))
        return records


def _sidecar(path: Path, problems: list[Problem]) -> dict:
    for side in (path.with_name(path.name + ".meta.json"), path.with_name(path.stem + ".meta.json")):
        if side.is_file():
            try:
                data = json.loads(side.read_text(encoding="utf-8"))
                if not isinstance(data, dict):
                    raise ValueError("not a JSON object")
                return data
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                problems.append(Problem(str(side), f"not valid metadata JSON ({exc}); ignored"))
                return {}
    return {}


def _metadata(path: Path, doc_id: str, text: str, page: Page | None, script: str, encoding: str,
              listings: _Listings, problems: list[Problem], titles=title_from_text) -> DocumentMeta:
    """Each field from the first source that has it: sidecar, sources.jsonl, the page, the text."""
    side, listed = _sidecar(path, problems), listings.record(path)
    date, date_source = None, "none"
    for origin, rec in (("sidecar", side), ("sources.jsonl", listed)):
        raw = rec.get("date") or rec.get("year")
        if raw is not None:
            date = normalise_date(raw)
            if date is None:
                problems.append(Problem(str(path), f"{origin} date {raw!r} is not a date "
                                                   "(write 2021-06-15, 2021-06 or 2021); ignored"))
            else:
                date_source = origin
                break
    if date is None:
        date = (page and page.date) or date_from_text(text)
        date_source = "text" if date else "none"
    title = side.get("title") or listed.get("title") or (page and page.title) or titles(text)
    # only a web address: javascript:, data:, vbscript: or file: from a page's metadata is no article's address
    url = next(filter(None, map(safe.web_url, (side.get("url"), listed.get("url"), page and page.url))), None)
    return DocumentMeta(doc_id=doc_id, path=str(path), title=title, date=date, date_source=date_source,
                        url=url, script=script, encoding=encoding,
                        media_type="text/html" if page else "text/plain")


# ---- reading --------------------------------------------------------------------------------------


def doc_ids(files: list[Path]) -> list[str]:
    """File stems made unique in order ("x", "x-2", …), skipping names another file already has."""
    taken = {f.stem for f in files}
    ids, used = [], set()
    for f in files:
        doc_id, n = f.stem, 1
        while doc_id in used or (n > 1 and doc_id in taken):
            n += 1
            doc_id = f"{f.stem}-{n}"
        used.add(doc_id)
        ids.append(doc_id)
    return ids


def _read_source(path: Path, doc_id: str, listings: _Listings, problems: list[Problem],
                 titles=title_from_text) -> Source:
    """One file as a Source; raises InputError with the reason when it cannot be one."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"larger than {MAX_BYTES // 2**20} MB ({size / 2**20:.1f} MB): skipped; "
                             "split it into smaller files")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if data.startswith(b"%PDF-") or path.suffix.lower() in FORMAT_ADVICE:
        raise InputError(PDF_ADVICE if data.startswith(b"%PDF-") else FORMAT_ADVICE[path.suffix.lower()])
    text, encoding = decode(data)
    page = None
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        page = html_article(text)
        text = page.text
    if len(_HAN.findall(text)) < MIN_HAN:
        raise InputError(f"no article text (fewer than {MIN_HAN} Chinese characters)")
    script = detect_script(text)
    simplified = to_simplified(text) if script == "traditional" else text
    meta = _metadata(path, doc_id, simplified, page, script, encoding, listings, problems, titles)
    return Source(meta, text, simplified)


def read_sources(paths: list[Path], titles=title_from_text) -> tuple[list[Source], list[Problem]]:
    """Every readable article under `paths`, and one Problem per input that could not be used.

    `titles`: `title_from_text` or a memo of it (kg.memo), asked for the headline of an article without one."""
    problems: list[Problem] = []
    files = _find(paths, problems)
    listings = _Listings(problems)
    sources = []
    for path, doc_id in zip(files, doc_ids(files)):
        try:
            sources.append(_read_source(path, doc_id, listings, problems, titles))
        except InputError as exc:
            problems.append(Problem(str(path), str(exc)))
    return sources, problems

"""Untrusted text on its way out: article text and page metadata come from anyone.

One place for the rules every output shares:

- `csv_cell`: a CSV cell a spreadsheet will not run as a formula. A cell starting with = + - @ tab or
  carriage return gets a leading apostrophe (OWASP's advice), except a plain number ("-5", "-2.5E3"),
  which a spreadsheet reads as that number and never as a formula: numeric columns stay numbers.
  Trailing whitespace is dropped (a quoted sentence keeps the line break it ended with in the article;
  in a cell it is noise), line breaks inside a cell are kept.
- `shown`: text for a person to read (views, tables, `kg explain`) without the bidirectional controls
  (U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates, U+200E/U+200F marks, U+061C) that
  would show it reversed or reordered. Chinese news needs none of them; CSV and JSON keep the text as the
  graph holds it.
- `web_url`: an article's address only when it is http(s) with a host; `javascript:`, `data:`,
  `vbscript:`, `file:` and relative addresses are not addresses of a news page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")  # a regex: 15x faster than str.translate
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def csv_cell(text: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula, without trailing whitespace."""
    text = text.rstrip()
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def shown(text: str) -> str:
    """`text` without bidirectional control characters, for display."""
    return _BIDI_RE.sub("", text)


def web_url(url) -> str | None:
    """`url` (stripped) when it is an http or https address with a host, else None."""
    if url is None:
        return None
    text = str(url).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(r"[\s\x00-\x1f]", text):
        return text
    return None

"""One feature list per character of a document, for the name taggers.

Features are strings (crfsuite's attributes): the character and its neighbours (unigrams, bigrams,
trigrams in a window of two), its class (Han, digit, Latin, punctuation), where it stands in its clause,
the word lists' hits (a project head word, a legal suffix or a park suffix ending here, a lead-in word
starting here or just ended), jieba's word and its frequency, and the rule recognisers' votes (inside / at the start / at the end of a span of each
kind). The rules are the model's strongest features: it learns where to trust them and where not.

Everything is computed per document in a few passes over the text; the per-character loop only joins
precomputed strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..nlp.text import CLAUSE_BREAK, alternation
from ..words import segmenter

# span groups of the rule pipeline that vote, with the short prefix of their features
VOTES = (("projects", "Project", "P"), ("projects", "ProjectRef", "R"), ("companies", None, "C"),
         ("parks", None, "K"), ("places", None, "L"), ("quantities", None, "Q"), ("chains", None, "H"),
         ("captions", None, "A"))
PAD = "<>"


def char_class(c: str) -> str:
    if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf":
        return "h"
    if c.isdigit():
        return "d"
    if c.isascii() and c.isalpha():
        return "a"
    if c in CLAUSE_BREAK:
        return "b"
    if c.isspace():
        return "s"
    return "p"


@dataclass
class WordLists:
    """The lexicon's words the features look for, compiled once."""

    heads: re.Pattern
    legal: re.Pattern
    park: re.Pattern
    cue: re.Pattern  # words that lead into a name: 由, 实施, 建设, 签约 …
    ender: re.Pattern  # any word that ends a name: a head word, a legal suffix, a park suffix

    def ends_a_name(self, text: str, start: int, end: int) -> bool:
        return self.ender.search(text, start, end) is not None

    @classmethod
    def from_lexicon(cls, lex: Lexicon) -> "WordLists":
        p, c, k, f = (lex.patterns[n] for n in ("projects", "companies", "parks", "facts"))
        heads = p["heads"] + p["facility_heads"] + p["phases"]
        cues = p["cut_words"] + p["object_verbs"] + f["developer_verbs"] + f["sign_verbs"]
        return cls(heads=re.compile(alternation(heads)), legal=re.compile(alternation(c["legal_suffixes"])),
                   park=re.compile(alternation(k["suffixes"])), cue=re.compile(alternation(cues)),
                   ender=re.compile(alternation(heads + c["legal_suffixes"] + k["suffixes"])))


def _ends(pattern: re.Pattern, text: str, n: int) -> list[str]:
    """For each character, the length of a word of `pattern` ending there ('' if none)."""
    out = [""] * n
    for m in pattern.finditer(text):
        out[m.end() - 1] = str(min(len(m.group()), 4))
    return out


def _edges(pattern: re.Pattern, text: str, n: int) -> tuple[list[bool], list[bool]]:
    """For each character, whether a word of `pattern` starts there, and whether one ends there."""
    starts, ends = [False] * n, [False] * n
    for m in pattern.finditer(text):
        starts[m.start()] = True
        ends[m.end() - 1] = True
    return starts, ends


_HAN = re.compile("[\u4e00-\u9fff]")


def word_tags(text: str) -> list[str]:
    """Per character: its place in jieba's word (B/M/E/S) and how common the word is.

    A brand (an invented 岚泰 or 禾润) is rarely a common dictionary word and a product (树脂, 薄膜) or a lead-in (近期,
    全省, 总投资) is: the word's frequency tells the model where a name can start and stop. jieba's HMM
    would join characters it does not know into new words (岚泰, 禾润); without it (twice as fast) they
    stay single characters, and a run of them is marked "x", the shape of a brand.
    Common words are also given by identity.
    """
    tok = segmenter()
    out = [""] * len(text)
    words = list(tok.tokenize(text, HMM=False))
    for k, (word, start, end) in enumerate(words):
        freq = tok.FREQ.get(word) or 0
        band = "0" if freq == 0 else "1" if freq < 10 else "2" if freq < 100 else "3" if freq < 1000 else "4"
        common = "|" + word if freq >= 100 and end - start > 1 else ""
        if end - start == 1:
            # a run of single characters jieba could not join: an unknown word, the shape of a brand
            alone = [w for w in words[max(0, k - 1):k + 2] if w[2] - w[1] == 1 and _HAN.match(w[0])]
            out[start] = "x" if len(alone) >= 2 and _HAN.match(word) else "S" + band
            continue
        out[start] = "B" + band + common
        for i in range(start + 1, end - 1):
            out[i] = "M" + band
        out[end - 1] = "E" + band + common
    return out


def _bucket_name(d: int) -> str:
    if d < 0:
        return "n"
    for limit, name in ((0, "0"), (2, "2"), (5, "5"), (10, "10"), (20, "20"), (40, "40")):
        if d <= limit:
            return name
    return "far"


_BUCKETS = [_bucket_name(d) for d in range(41)]


def _bucket(d: int) -> str:
    """A distance in coarse bands (-1: none)."""
    return "n" if d < 0 else _BUCKETS[d] if d <= 40 else "far"


def rule_tags(n: int, spans) -> list[str]:
    """Per character: 'B' first, 'E' last, 'S' single, 'I' inside a span, '' outside.

    A span may reach outside [0, n) (a window cut from a document): its characters inside are tagged as
    they are in the whole span.
    """
    tags = [""] * n
    for s, e in spans:
        if e <= s:
            continue
        if e - s == 1:
            if 0 <= s < n:
                tags[s] = "S"
            continue
        for i in range(max(s + 1, 0), min(e - 1, n)):
            tags[i] = tags[i] or "I"
        if 0 <= s < n:
            tags[s] = "B"
        if 0 <= e - 1 < n:
            tags[e - 1] = "E"
    return tags


def document_features(text: str, votes: dict[str, list[tuple[int, int]]], words: WordLists) -> list[list[str]]:
    """Features for every character of `text`; `votes` maps a VOTES prefix to the rule spans."""
    n = len(text)
    chars = [PAD, PAD] + list(text) + [PAD, PAD]
    cls = [char_class(c) for c in text]
    head_end = _ends(words.heads, text, n)
    legal_end = _ends(words.legal, text, n)
    park_end = _ends(words.park, text, n)
    cue_start, cue_end = _edges(words.cue, text, n)
    # distance to the next head word ending in the clause, and from the clause start
    to_head = [-1] * n
    nxt = -1
    for i in range(n - 1, -1, -1):
        if cls[i] == "b":
            nxt = -1
        if head_end[i]:
            nxt = i
        to_head[i] = nxt - i if nxt >= 0 else -1
    from_clause = [0] * n
    last = -1
    for i in range(n):
        if cls[i] == "b":
            last = i
        from_clause[i] = i - last - 1
    tags = {prefix: rule_tags(n, votes.get(prefix, ())) for _, _, prefix in VOTES}
    words_at = word_tags(text)
    bucket = _bucket
    out = []
    for i in range(n):
        j = i + 2
        c, l1, l2, r1, r2 = chars[j], chars[j - 1], chars[j - 2], chars[j + 1], chars[j + 2]
        f = ["c=" + c, "l1=" + l1, "r1=" + r1, "l2=" + l2, "r2=" + r2,
             "lb=" + l1 + c, "rb=" + c + r1, "lt=" + l2 + l1 + c, "rt=" + c + r1 + r2, "mt=" + l1 + c + r1,
             "k=" + cls[i], "kl=" + (cls[i - 1] if i else "^") + cls[i],
             "hd=" + bucket(to_head[i]), "fc=" + bucket(from_clause[i]), "w=" + words_at[i]]
        if head_end[i]:
            f.append("he=" + head_end[i])
        if legal_end[i]:
            f.append("le=" + legal_end[i])
        if park_end[i]:
            f.append("ke=" + park_end[i])
        if cue_start[i]:
            f.append("cs")
        if i and cue_end[i - 1]:
            f.append("ca")  # right after a lead-in word
        for _, _, prefix in VOTES:
            t = tags[prefix][i]
            if t:
                f.append(prefix + "=" + t)
                if prefix in "PCK":
                    f.append(prefix + "=" + t + c)
            elif i + 1 < n and tags[prefix][i + 1] in ("B", "S"):
                f.append(prefix + "+1")  # the character before a rule span
        out.append(f)
    return out


def doc_votes(doc) -> dict[str, list[tuple[int, int]]]:
    """The rule pipeline's spans of a spaCy Doc, keyed by VOTES prefix."""
    out: dict[str, list[tuple[int, int]]] = {}
    for group, label, prefix in VOTES:
        out[prefix] = [(s.start_char, s.end_char) for s in doc.spans.get(group, [])
                       if label is None or s.label_ == label]
    return out

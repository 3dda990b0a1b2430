"""jieba's own dictionary (it ships in jieba's wheel), loaded once per process for every stage that asks where
words are: the cleaner (does a line break cut a word?), the name models' features, the brand finder and the
English transliteration. A private `jieba.Tokenizer`: words added to jieba elsewhere must not change any of them."""

from __future__ import annotations

_TOKENIZER = None


def segmenter():
    """The shared tokenizer, initialised on first use (about half a second)."""
    global _TOKENIZER
    if _TOKENIZER is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        _TOKENIZER = jieba.Tokenizer()
        _TOKENIZER.initialize()
    return _TOKENIZER


_PROPER = None
PROPER_TAGS = ("nz", "nt", "nrt")  # jieba's tags for other proper nouns, organisations, transliterated names


def proper_nouns() -> frozenset:
    """The words jieba's dictionary tags as proper nouns of a firm's kind (海尔 and the like), read once from
    the dictionary file its wheel ships (0.2 s). Places (ns) are left out, and so are names tagged as a person's
    (nr) of two characters (智慧, 宏伟 are words); three-character ones are kept, as the dictionary tags many
    transliterated firm names so (cross-validation: companies agreement +0.001)."""
    global _PROPER
    if _PROPER is None:
        import os

        import jieba

        path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
        with open(path, encoding="utf-8") as f:
            _PROPER = frozenset(w for w, _, tag in (line.split() for line in f)
                                if tag in PROPER_TAGS or tag == "nr" and len(w) >= 3)
    return _PROPER

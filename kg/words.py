"""jieba's own dictionary (it ships in jieba's wheel), loaded once per process for every stage that asks where
words are: the cleaner (does a line break cut a word?), the name models' features, the brand finder and the
English transliteration. A private `jieba.Tokenizer`: words added to jieba elsewhere must not change any of them."""

from __future__ import annotations

from functools import cache

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


PROPER_TAGS = ("nz", "nt", "nrt")  # jieba's tags for other proper nouns, organisations, transliterated names


@cache
def dictionary_tags() -> dict[str, str]:
    """Word -> part-of-speech tag, as the shared tokenizer's dictionary gives them, read once (0.2 s)."""
    with segmenter().get_dict_file() as f:
        entries = (line.decode("utf-8").split() for line in f)
        return {word: tag for word, _, tag in (e for e in entries if len(e) == 3)}


@cache
def proper_nouns() -> frozenset:
    """The words the shared tokenizer's dictionary tags as proper nouns of a firm's kind (海尔 and the like). Places
    (ns) are left out, and so are names tagged as a person's (nr) of two characters (智慧, 宏伟 are words);
    three-character ones are kept, as the dictionary tags many transliterated firm names so (cross-validation:
    companies agreement +0.001)."""
    return frozenset(word for word, tag in dictionary_tags().items()
                     if tag in PROPER_TAGS or tag == "nr" and len(word) >= 3)

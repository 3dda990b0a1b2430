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


NOUN_TAGS = {"n", "ns", "nz", "nr", "nrt", "nt", "nrfg"}  # jieba's tags of nouns and proper nouns
PROPER_TAGS = ("nz", "nt", "nrt")  # jieba's tags for other proper nouns, organisations, transliterated names


@cache
def _dictionary_words() -> tuple[frozenset, frozenset]:
    """(proper nouns of a firm's kind, one- and two-character nouns) of the shared tokenizer's dictionary, read in
    one pass (0.2 s) the first time either is asked for."""
    proper, short = set(), set()
    with segmenter().get_dict_file() as f:
        for line in f:
            entry = line.decode("utf-8").split()
            if len(entry) != 3:
                continue
            word, tag = entry[0], entry[2]
            if tag in PROPER_TAGS or tag == "nr" and len(word) >= 3:
                proper.add(word)
            if len(word) <= 2 and tag in NOUN_TAGS:
                short.add(word)
    return frozenset(proper), frozenset(short)


def proper_nouns() -> frozenset:
    """The words the shared tokenizer's dictionary tags as proper nouns of a firm's kind (海尔 and the like). Places
    (ns) are left out, and so are names tagged as a person's (nr) of two characters (智慧, 宏伟 are words);
    three-character ones are kept, as the dictionary tags many transliterated firm names so (cross-validation:
    companies agreement +0.001)."""
    return _dictionary_words()[0]


def short_nouns() -> frozenset:
    """The one- and two-character words the dictionary tags as nouns or proper nouns (硅胶, 码头)."""
    return _dictionary_words()[1]

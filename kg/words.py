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

"""Words as the stems questions and passages are compared by (a light suffix cut, cached)."""

from __future__ import annotations

import functools
import re

from bot.storage.catalog import STOPWORDS


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    # Answers stem the same few thousand words over and over (a tenth of a burst's time, uncached).
    word = re.sub(r"['’]s$", "", word.casefold()).strip("'’")
    for suffix in ("ingly", "edly", "ing", "ies", "ied", "es", "ed", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_stems(text: str) -> set[str]:
    """Stems of the content words; numbers count whatever their length ('17 times 23')."""
    return set(frozen_stems(text))


@functools.lru_cache(maxsize=65536)
def frozen_stems(text: str) -> frozenset[str]:
    """`content_stems`, shared and frozen: read, never change it."""
    # The same passages are scored against many questions (and many times per answer): stem each once.
    # A hyphenated word also counts as its parts: "a pre-election spending spree" is about the election.
    words = re.findall(r"[\w'’-]+", text)
    words += [p for w in words if "-" in w for p in w.split("-")]
    # A two-letter word in capitals is an acronym and may be the whole point: "TB checks for immigrants" (not
    # the UK or the US, named in most of the coverage: "the first mobile phone call in the UK" is about the call).
    return frozenset(stem(w) for w in words if w.casefold() not in STOPWORDS and (
        len(w) > 2 or w.isdigit() or (len(w) == 2 and w.isupper() and w.isalpha() and w not in ("UK", "US"))))


def stem_pairs(text: str) -> frozenset[tuple[str, str]]:
    """Consecutive content-word stems of a text (function words skipped)."""
    return _stem_pairs(text)


@functools.lru_cache(maxsize=65536)
def _stem_pairs(text: str) -> frozenset[tuple[str, str]]:
    stems = [stem(w) for w in re.findall(r"[\w'’-]+", text) if w.casefold() not in STOPWORDS and len(w) > 2]
    return frozenset(zip(stems, stems[1:], strict=False))

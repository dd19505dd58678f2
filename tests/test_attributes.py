"""The look-up table that replaces spaCy's attribute_ruler gives exactly spaCy's attributes."""

from __future__ import annotations

import json

from bot.quotes.nlp import _finish, pipeline
from tests.conftest import CORPUS, SEED

# Constructions the package's rarer rules exist for: auxiliaries, "there is", stray spaces, slang pairs.
ODD = ("There is no way, y'all. We're gonna win, ain't we? Let's go; c'mon, nothin' stops us.  \n  "
       "He has said that this is what those who do it did, and it got worse.\t The ones I saw were his.")


def test_table_attributes_equal_the_attribute_ruler() -> None:
    nlp = pipeline()
    texts = [SEED.read_text(encoding="utf-8"), ODD]
    if CORPUS.exists():  # more text where the shared corpus is beside the clone
        with CORPUS.open(encoding="utf-8") as lines:
            texts += [json.loads(next(lines))["text"] for _ in range(40)]
    assert "attribute_ruler" in nlp.disabled
    ruler = nlp.get_pipe("attribute_ruler")
    compared = 0
    for text in texts:
        ours = _finish(nlp(text))
        theirs = ruler(nlp(text))
        for a, b in zip(ours, theirs, strict=True):
            assert (a.pos_, str(a.morph), a.lemma_, a.tag_, a.dep_) == (b.pos_, str(b.morph), b.lemma_, b.tag_, b.dep_), a.text
            compared += 1
    assert compared > 1000
    assert {t.pos_ for t in _finish(nlp(ODD))} >= {"AUX", "VERB", "PRON", "SPACE"}

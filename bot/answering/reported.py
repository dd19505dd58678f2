"""Whom a sentence of the article reports as saying something: the answer a who-question finds in a passage.

"Ministers would not rule out scrapping the Child Support Agency …, Work and Pensions Secretary Alan Johnson
has warned." reports Alan Johnson; "Parmalat collapsed in December 2003 after it emerged that …" reports no one,
and answers no who-said question, whatever words it shares with one ("who warned that the euro was about to
collapse?"). The sentence is read with the parser attribution uses: the subject of a speech verb, or the
object of "according to".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Token

from bot.quotes.cues import SPEECH_LEMMAS
from bot.quotes.nlp import entities, lemma, parse
from bot.retrieval.stems import stem
from bot.speakers import strip_titles

_NAMED = frozenset({"PERSON", "ORG", "NORP"})  # (NORP: "the Tories have warned")
# A subject that is no one: "… the Top Ten Essentials list, which predicts what gadget-lovers …".
_NO_ONE = frozenset({"which", "that", "it", "this", "what"})


class Report(NamedTuple):
    """A sentence reporting speech; `speaker` is the person or organisation it names as saying it, None when
    it gives a pronoun or a description ("Scotland's justice minister has warned …"): not guessed."""

    speaker: str | None
    pronoun: bool = False  # "he said": most often whoever the sentence names


# The forms a speech verb takes, by stem (the parse costs milliseconds a sentence; most sentences a who-question
# weighs have no speech word at all, and are not parsed).
_SPEECH_FORMS = frozenset({stem(w) for w in SPEECH_LEMMAS} | {
    "said", "says", "told", "wrote", "written", "spoke", "spoken", "thought", "swore", "sworn", "according"})


@lru_cache(maxsize=4096)
def reports_in(sentence: str) -> tuple[Report, ...]:
    """The reports of speech the sentence makes, in its order; none when it reports no one's words."""
    if not any(w in _SPEECH_FORMS or stem(w) in _SPEECH_FORMS for w in re.findall(r"[a-z]+", sentence.lower())):
        return ()
    doc = parse(sentence)
    ents = entities(doc)
    reports: list[Report] = []
    for token in doc:
        sayer = _sayer(token)
        if sayer is None or sayer.lower_ in _NO_ONE:
            continue
        named = next((e for e in ents if e.start <= sayer.i < e.end and e.label_ in _NAMED), None)
        if named is None and sayer.pos_ == "PROPN" and sayer.text[:1].isupper():
            # "The memory Gordon Brown says keeps returning to him": a name the model tagged as nothing in a
            # sentence parsed alone is still its run of proper nouns.
            run = [c for c in sayer.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [sayer]
            reports.append(Report(_clean(doc[run[0].i:sayer.i + 1].text)))
            continue
        reports.append(Report(_clean(named.text) if named is not None else None, sayer.pos_ == "PRON"))
    return tuple(reports)


def _sayer(token: Token) -> Token | None:
    """The head word of whoever this token reports as speaking, or None."""
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        return next((c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"), None)
    if not token.tag_.startswith("VB") or lemma(token) not in SPEECH_LEMMAS:
        return None
    # A passive speech verb's subject is whom it was said to or of ("Gordon Brown has been asked to take
    # charge …"); its speaker is the agent, when it names one ("was criticised by the Tories").
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return next((c for c in token.children if c.dep_ == "nsubj"), None)


def _clean(name: str) -> str:
    """The name without its possessive, article or title ("the BPI" → "BPI", "Mr Johnson" → "Johnson")."""
    name = name.removesuffix("'s").removesuffix("’s").strip()
    if name.casefold().startswith("the "):
        name = name[4:]
    return strip_titles(name)[1] or name

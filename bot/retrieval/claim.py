"""What a who-question's claim says of its subject: "Who said Microsoft should be broken up?" claims "should be
broken up" of Microsoft.

A quotation naming the subject answers such a question only when it says something of what the claim says:
Rory Armes's "Microsoft is obviously a software company first and foremost" names Microsoft and says nothing
of breaking it up. The claim is read with spaCy's parser (the pipeline attribution uses), so the subject's
words ("London's 2012 Olympic bid") are told from the predicate's ("was a waste of taxpayers' money").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


class Claim(NamedTuple):
    subject: str  # "Microsoft"
    predicate: str  # "should be broken up": the claim's words but its subject's, from the subject on
    common: str  # the predicate's words but names ("should join" of "should join NATO"): what is claimed of them


NO_CLAIM = Claim("", "", "")


@lru_cache(maxsize=1024)
def read_claim(claim: str) -> Claim:
    """The claim's subject and what it claims of it; `NO_CLAIM` when the claim has no subject of its own ("Who
    called the lawsuits a distraction?", "Who warned about myths?"): the question's words are then all the claim
    there is, and nothing is told apart."""
    from bot.quotes.nlp import parse  # (loaded on the first who-question: a second's wait, once)

    # (A period taken out of the question leaves its possessive: "this year's Glastonbury festival should be
    # called off" is asked as "'s Glastonbury festival …".)
    words = re.sub(r"^\W*['’]s\b", "", claim).strip().rstrip("?!. ")
    if len(words.split()) < 2:
        return NO_CLAIM
    doc = parse(words)  # (one pipeline, one thread at a time: live ingestion may be parsing too)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or not root.tag_.startswith(("VB", "MD")):  # (a verb, or a modal)
        return NO_CLAIM
    subject = {t.i for child in root.children if child.dep_ in _SUBJECTS for t in child.subtree}
    if not subject:
        return NO_CLAIM
    said = [t for t in doc if t.i not in subject and t.i >= min(subject)]
    return Claim(_joined(doc[i] for i in sorted(subject)), _joined(said),
                 _joined(t for t in said if t.tag_ not in ("NNP", "NNPS")))


def _joined(tokens: Iterable[Token]) -> str:
    """Tokens as the question wrote them: "a sell-out", not "a sell - out" (whose "out" had matched Ryan Giggs's
    "to get it sorted out" for "who said the tie would be a sell-out?")."""
    return " ".join("".join(t.text_with_ws for t in tokens).split())


# Verbs whose question names the thing and what it was called: "Who called the lawsuits a distraction?"
CALLING = frozenset({"call", "called", "describe", "described", "brand", "branded", "label", "labelled", "labeled",
                     "dub", "dubbed", "term", "termed"})


@lru_cache(maxsize=1024)
def read_called(verb: str, said: str) -> Claim:
    """What a who-called question says something was called, of what: "Who called the lawsuits against the spam
    firm a never-ending distraction?" claims "a never-ending distraction" of "the lawsuits against the spam
    firm" (an answer says something of the distraction; Texas's attorney general on illegal spam had been
    named); `NO_CLAIM` when the parse finds no such pair ("France and Germany budget sinners")."""
    from bot.quotes.nlp import parse

    doc = parse(f"They {verb} {said.strip().rstrip('?!. ')}")
    root = doc[1] if len(doc) > 2 else None
    if root is None or root.dep_ != "ROOT":
        return NO_CLAIM
    # (The last of each: "the e-University a terrible waste" is parsed 'e' dobj, '-' oprd, 'University' dobj.)
    called = [c for c in root.children if c.dep_ == "oprd" and c.pos_ in ("NOUN", "ADJ", "PROPN")] or [
        p for c in root.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
    things = [c for c in root.children if c.dep_ == "dobj" and called and c.i < called[-1].i]
    if not things or not called:
        return NO_CLAIM
    thing, called = things[-1], called[-1]
    words = list(called.subtree)
    return Claim(_joined(thing.subtree), _joined(words),
                 _joined(t for t in words if t.tag_ not in ("NNP", "NNPS")))


@lru_cache(maxsize=1024)
def verb_at(question: str, offsets: tuple[int, ...]) -> bool:
    """Whether any of these words of the question (by character offset) is parsed as a verb: "Who called the
    claims baseless?" asks about speech, "who received the Glazer proposal?" and "Who made the first mobile phone
    call?" do not, for all the speech words among their nouns."""
    from bot.quotes.nlp import parse

    doc = parse(question)
    return any(t.idx in offsets and t.tag_.startswith("VB") for t in doc)

"""The person a sentence opens with, named as its article names them in full: the name a who-question answered
from a passage leads with ("Who is replacing Dallas Roberts?" → "Christian Slater", from "Slater, 35, is
replacing actor Dallas Roberts …" in a story that introduced "actor Christian Slater")."""

from __future__ import annotations

import re

from bot.quotes.names import first_names
from bot.speakers import TITLES

_NAME = r"[A-Z][\w'’-]+"
_OPENING = re.compile(rf"\s*(?P<name>{_NAME}(?:\.?\s+{_NAME}){{0,3}})"
                      r"(?P<after>'s|’s|,|\s+(?:who|has|have|had|is|was|will|would|said|says|[a-z]+ed|[a-z]+s)\b)")


def subject_name(sentence: str, article: str, question: str) -> str | None:
    """The person's full name, or None when the sentence does not open with a person's name (a club, a
    country, "Scotland's justice minister"), or opens with one the question itself gives."""
    m = _OPENING.match(sentence)
    if m is None or m.group("after") in ("'s", "’s"):
        return None
    words = m.group("name").replace(".", " ").split()
    title = words[0] in TITLES
    words = words[1:] if title else words
    if not words:
        return None
    full = full_name(words, article)
    # ("Which Elvis re-release went to number one?" asks for a record, not the Elvis Presley its answer opens with.)
    asked = {w.casefold() for w in re.findall(r"[\w'’-]+", question)}
    if any(w.casefold() in asked for w in full.split()):
        return None
    # A person: a first name the list knows, or a title only people carry ("Mr Howard").
    if full.split()[0].casefold() not in first_names() and not title:
        return None
    return full


def full_name(words: list[str], article: str) -> str:
    """The longest name the article writes ending in the same surname, opening with a first name."""
    if len(words) > 1:
        return " ".join(words)
    surname = re.escape(words[0])
    people = []
    for m in re.finditer(rf"\b(?:{_NAME}\s+){{1,2}}{surname}\b", article):
        run = m.group(0).split()
        # ("Actor Christian Slater" opening a sentence: the name starts at the first name.)
        first = next((i for i, w in enumerate(run[:-1]) if w.casefold() in first_names()), None)
        if first is not None:
            people.append(" ".join(run[first:]))
    return max(people, key=len) if people else words[0]

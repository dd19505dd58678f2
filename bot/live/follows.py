"""What `/follow X` means: a quoted phrase is a topic; anything else names a speaker entity."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.retrieval.speaker_index import SpeakerIndex
from bot.speakers import SpeakerEntry
from bot.storage.catalog import speaker_key

_QUOTED = re.compile(r"^\s*[\"“‘'«](?P<phrase>.+?)[\"”’'»]\s*$")
MAX_PHRASE = 80


@dataclass
class Target:
    """A follow to make, or the speakers a name could mean (then the user picks one)."""

    kind: str  # "speaker" | "topic" | "ambiguous" | "invalid"
    value: str = ""
    keys: list[str] = field(default_factory=list)
    choices: list[SpeakerEntry] = field(default_factory=list)
    known: bool = True  # a speaker the coverage already quotes
    reason: str = ""


def parse_target(text: str, index: SpeakerIndex) -> Target:
    text = " ".join(text.split())
    if not text:
        return Target("invalid", reason="empty")
    if m := _QUOTED.match(text):
        phrase = m.group("phrase").strip()
        if len(re.findall(r"\w+", phrase)) == 0 or len(phrase) > MAX_PHRASE:
            return Target("invalid", reason=f"a topic is a phrase of 1 to {MAX_PHRASE} characters")
        return Target("topic", value=phrase)
    if len(text) > MAX_PHRASE:
        return Target("invalid", reason="that name is too long")
    match = index.lookup(text)
    if len(match.entries) > 1:
        return Target("ambiguous", value=text, choices=match.entries[:6])
    if match.entries:
        entry = match.entries[0]
        return Target("speaker", value=entry.name, keys=list(entry.keys))
    # Nobody of that name is quoted yet: follow the name itself, so their first quote is news.
    key = speaker_key(text)
    if not key:
        return Target("invalid", reason="that is not a name")
    return Target("speaker", value=text, keys=[key], known=False)


def entry_by_key(index: SpeakerIndex, key: str) -> SpeakerEntry | None:
    """The entity a button's key stands for (buttons carry one of its speaker keys)."""
    for entry in index.entries():
        if key in entry.keys or speaker_key(entry.name) == key:
            return entry
    return None


def speaker_keys(index: SpeakerIndex, name: str, stored: list[str]) -> set[str]:
    """A followed speaker's keys now: those stored, and any alias the coverage has learnt since."""
    keys = set(stored)
    if index.lookup_exact(name):
        entries = index.lookup(name).entries
        if entries:
            keys |= set(entries[0].keys)
    return keys

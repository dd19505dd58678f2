"""The speaker index across articles: aliases grouped under one name, roles recorded."""

from __future__ import annotations

from bot.catalog import Catalog
from bot.speakers import SpeakerEntry, matches, name_key


class SpeakerIndex:
    """Built from the catalogue on demand; small (one row per speaker), so lookups run in Python."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def entries(self) -> list[SpeakerEntry]:
        rows = self.catalog.speakers()
        groups: dict[str, SpeakerEntry] = {}
        names = [r["speaker"] for r in rows]
        for r in rows:
            name = r["speaker"]
            home = self._fullest(name, names)
            entry = groups.setdefault(name_key(home), SpeakerEntry(name=home))
            entry.keys.append(r["speaker_key"])
            if name != home and name not in entry.aliases:
                entry.aliases.append(name)
            entry.quotes += r["n"]
            entry.articles += r["articles"]
            for role in self.catalog.roles_of(r["speaker_key"]):
                if role not in entry.roles:
                    entry.roles.append(role)
        return sorted(groups.values(), key=lambda e: -e.quotes)

    @staticmethod
    def _fullest(name: str, names: list[str]) -> str:
        """'Lukashenko' belongs with 'Alexander Lukashenko' when that is the only longer name ending so."""
        tokens = name.split()
        longer = {n for n in names if len(n.split()) > len(tokens) and n.split()[-len(tokens):] == tokens}
        return longer.pop() if len(longer) == 1 else name

    def find(self, query: str) -> list[SpeakerEntry]:
        return [e for e in self.entries() if matches(query, e.name) or any(matches(query, a) for a in e.aliases)]

    def keys_for(self, query: str) -> list[str]:
        return [k for e in self.find(query) for k in e.keys]

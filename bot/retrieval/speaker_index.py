"""The speaker index across articles: one entity per person or organisation, and names in questions matched
against it (case, accents, hyphens, titles, surnames and small typos do not matter)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.quotes.names import first_names
from bot.speakers import (
    DEMONYM,
    ORG_NOUNS,
    PARTIES,
    QUALIFIERS,
    ROLE_NOUNS,
    TITLES,
    TYPO_LENGTH,
    SpeakerEntry,
    name_key,
)
from bot.storage.catalog import Catalog, fts_query

# A speaker "name" made only of these words is a description the attribution could not resolve, not an
# entity: "company", "the spokesman", "officials", "High Places" is caught by needing a known name shape.
_GENERIC = ROLE_NOUNS | ORG_NOUNS | {t.casefold() for t in TITLES} | {
    "the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "spokesperson", "people", "man",
    "woman", "men", "women", "fans", "critics", "sources", "others", "some", "many", "one", "who", "they",
    "he", "she", "it", "we", "you", "i", "earlier", "later", "also", "high", "places", "mr", "mrs", "ms"}
# Words the attribution sometimes leaves in front of a name: "Striker Nicolas Anelka", "Lib Dem Norman Baker".
_LEADING = _GENERIC | {"lib", "dem", "dems", "labour", "tory", "tories", "conservative", "liberal", "democrat",
                       "snp", "ukip", "green", "former", "new", "veteran", "boss", "manager", "mps", "mp"}
_GENERIC |= {"mps", "meps", "tories", "dems", "story", "different"}
FUZZY_NAME = 85  # rapidfuzz ratio (0-100) a misspelt full name must reach
FUZZY_SURNAME = 88  # a misspelt lone surname needs more: short strings differ a lot per letter (but see TYPO_LENGTH)


def is_entity_name(name: str) -> bool:
    """A proper name (or a spokesperson of one), not a bare description such as 'company' or 'spokesman',
    nor a first name alone ('John'), which says nobody in particular across articles."""
    words = re.findall(r"[\w’'-]+", name)
    capitalised = [w for w in words if w[:1].isupper()]
    if not capitalised:
        return False
    if len(words) == 1 and (words[0].casefold() in first_names() or DEMONYM.match(words[0])):
        return False  # 'John', 'American': nobody in particular
    return any(w.casefold().strip("’'") not in _GENERIC for w in capitalised)


def clean_name(name: str) -> str:
    """The name without role or party words the attribution left in front: 'Lib Dem Norman Baker'."""
    words = name.split()
    while len(words) > 2 and words[0].casefold().strip("’'") in _LEADING and words[1][:1].isupper():
        words.pop(0)
    return " ".join(words)


@dataclass
class Match:
    """The speakers a name in a question stands for; `corrected` when a misspelling was fixed."""

    entries: list[SpeakerEntry] = field(default_factory=list)
    corrected: bool = False
    shared_surname: list[SpeakerEntry] = field(default_factory=list)


class SpeakerIndex:
    """Built from the catalogue on demand (one row per speaker key) and rebuilt when the catalogue changes."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._version: int | None = None
        self._entries: list[SpeakerEntry] = []
        self._by_key: dict[str, SpeakerEntry] = {}
        self._by_surname: dict[str, list[SpeakerEntry]] = {}
        self._fuzzy_keys: list[str] = []
        self._words: dict[str, list[int]] = {}
        self._vocabulary: list[str] = []
        self._qualified_words: dict[str, list[int]] = {}
        self._qualified_vocabulary: list[str] = []

    def entries(self) -> list[SpeakerEntry]:
        # The commit counter, not row counts: counting rows scans the table on every look-up (linear in the
        # coverage), while every change to quotes goes through a commit that bumps it.
        version = self.catalog.generation()
        if version != self._version:
            self._build()
            self._version = version
        return self._entries

    def _build(self) -> None:
        rows = [r for r in self.catalog.speakers() if r["speaker"] and is_entity_name(r["speaker"])]
        roles = self.catalog.all_roles()
        groups: dict[str, SpeakerEntry] = {}
        for r in rows:
            name = clean_name(r["speaker"])
            key = name_key(name)
            entry = groups.get(key)
            if entry is None:
                entry = groups[key] = SpeakerEntry(name=_display(name))
                entry.kind = "spokesperson" if key.endswith("spokesperson") else (
                    "person" if _person_shaped(name) else "org")
            for alias in (name, r["speaker"]):
                if alias != entry.name and alias not in entry.aliases:
                    entry.aliases.append(alias)
            entry.keys.append(r["speaker_key"])
            entry.quotes += r["n"]
            entry.articles += r["articles"]
            for role in roles.get(name_key(r["speaker"]), []) + roles.get(key, []):
                if role not in entry.roles:
                    entry.roles.append(role)
        self._merge_surnames(groups)
        self._entries = sorted(groups.values(), key=lambda e: -e.quotes)
        self._by_key = {}
        self._by_surname = {}
        for e in self._entries:
            for name in [e.name, *e.aliases]:
                self._by_key.setdefault(name_key(name), e)
            if e.kind == "person":
                surname = name_key(e.name.split()[-1])
                if len(surname) >= 3:
                    self._by_surname.setdefault(surname, []).append(e)
        self._fuzzy_keys = list(self._by_key)
        # describe(): each entry's words (names, aliases, roles), and the sorted vocabulary for prefix look-ups.
        # A role a qualifier makes someone else's ("Shadow chancellor Oliver Letwin", "Deputy Prime Minister John
        # Prescott") answers only a description that writes the qualifier: "the chancellor" had led with Letwin.
        self._words = {}
        self._qualified_words = {}
        for n, e in enumerate(self._entries):
            plain = {w for x in [e.name, *e.aliases] for w in name_key(x).split()}
            qualified: set[str] = set()
            for role in e.roles:
                words = name_key(role).replace("-", " ").split()
                (qualified if QUALIFIERS & set(words) else plain).update(words)
            for word in plain:
                self._words.setdefault(word, []).append(n)
            for word in qualified:
                self._qualified_words.setdefault(word, []).append(n)
        self._vocabulary = sorted(self._words)
        self._qualified_vocabulary = sorted(self._qualified_words)

    def _merge_surnames(self, groups: dict[str, SpeakerEntry]) -> None:
        """'Lukashenko' joins 'Alexander Lukashenko' when every article that quotes the bare surname also
        quotes that one full name (the article says who it is); 'Blair' with Tony and Ian stays apart."""
        lone = [k for k, e in groups.items() if e.kind == "person" and len(k.split()) == 1]
        if not lone:
            return
        articles = self.catalog.speaker_articles()
        # Full names by their last word, once: scanning every group for every lone surname grew with the
        # square of the speakers (20 s at 2,000 synthesised articles).
        by_last: dict[str, list[str]] = {}
        for k, e in groups.items():
            if e.kind == "person" and len(k.split()) > 1:
                by_last.setdefault(k.split()[-1], []).append(k)
        for key in lone:
            full = [k for k in by_last.get(key, []) if k in groups]
            if not full:
                continue
            theirs = {a for e_key in groups[key].keys for a in articles.get(e_key, ())}
            owners = [k for k in full
                      if theirs and theirs <= {a for e_key in groups[k].keys for a in articles.get(e_key, ())}]
            if len(owners) != 1:
                continue
            lone_entry, home = groups.pop(key), groups[owners[0]]
            home.keys += lone_entry.keys
            home.aliases += [n for n in [lone_entry.name, *lone_entry.aliases] if n not in home.aliases]
            home.quotes += lone_entry.quotes
            home.roles += [r for r in lone_entry.roles if r not in home.roles]

    # look-ups -----------------------------------------------------------------------------------
    def lookup(self, text: str) -> Match:
        """The entity a name stands for: exact key, then surname, then a small typo (rapidfuzz)."""
        self.entries()
        key = name_key(text)
        if not key or len(key) < 3:
            return Match()
        tokens = key.split()
        if key in self._by_key:
            exact = self._by_key[key]
            people = self._by_surname.get(key, []) if len(tokens) == 1 else []
            if len(people) > 1 or (people and people[0] is not exact):
                # 'Kennedy' alone is also Charles Kennedy's surname: the topic picks between them.
                shared = [exact, *[p for p in people if p is not exact]]
                return Match(shared, shared_surname=shared)
            return Match([exact])
        if len(tokens) <= 2:
            # A surname alone ('Kilroy-Silk' too); with several people sharing it the caller picks by topic.
            people = self._by_surname.get(key, [])
            if people:
                return Match(people, shared_surname=people if len(people) > 1 else [])
        if len(key) < 5 or (len(tokens) == 1 and self.is_generic(text)):
            # (A role is nobody's misspelt name: "spokesman" had been "corrected" to the FA's and the EU's, and
            # "what did the tory spokesman say" shown the FA spokesman's words.)
            return Match()
        cutoff = FUZZY_NAME if len(tokens) > 1 else FUZZY_SURNAME
        if len(tokens) == 1:
            # A misspelt single name may be several the coverage quotes ("McDonnald": MacDonald and McDonald):
            # every name, then every surname, this close; the topic chooses between them, as for a shared surname.
            for keys, choices in ((self._fuzzy_keys, self._by_key), (list(self._by_surname), self._by_surname)):
                people = _distinct([p for name in _close(key, keys, cutoff) for p in _as_list(choices[name])])
                if people:
                    return Match(people, corrected=True, shared_surname=people if len(people) > 1 else [])
            return Match()
        found = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found:
            entry = self._by_key[found[0]]
            # A different first name is a different person: "Ian Blair" is never "Tony Blair".
            if len(found[0].split()) > 1 and not _same_first(tokens[0], found[0].split()[0]):
                return Match()
            return Match([entry], corrected=True)
        return Match()

    def lookup_exact(self, text: str) -> bool:
        self.entries()
        return name_key(text) in self._by_key

    def spokespeople_of(self, entry: SpeakerEntry) -> list[SpeakerEntry]:
        """'spokesman for Home Office' for the Home Office: an organisation speaks through them (a person's
        spokesman is never the person, so only organisations have them)."""
        self.entries()
        if entry.kind != "org":
            return []
        found = self._by_key.get(f"{name_key(entry.name)} spokesperson")
        return [found] if found is not None and found is not entry else []

    @staticmethod
    def is_generic(word: str) -> bool:
        return word.casefold().strip("’'") in _GENERIC

    def describe(self, words: list[str], limit: int | None = 8) -> list[SpeakerEntry]:
        """Speakers a description fits through their name or the roles the articles gave them:
        'the Belarusian opposition', 'the Conservatives', 'Microsoft' (the first `limit` of them)."""
        self.entries()
        wanted = [name_key(w) for w in words if name_key(w) and w.casefold() not in ("the", "a", "an")]
        wanted = [w.rstrip("s") if len(w) > 4 else w for w in wanted]
        if not wanted:
            return []
        # Every wanted word must begin some word of the entry (as `\bword` did over all its names and roles):
        # the entries holding a word that starts with it, through the sorted vocabulary.
        matching: set[int] | None = None
        asked = {t for words in wanted for t in words.split()}
        indexes = [(self._vocabulary, self._words)]
        if asked & QUALIFIERS:
            indexes.append((self._qualified_vocabulary, self._qualified_words))
        for w in sorted(asked, key=len, reverse=True):
            holders: set[int] = set()
            for vocabulary, words in indexes:
                at = bisect.bisect_left(vocabulary, w)
                while at < len(vocabulary) and vocabulary[at].startswith(w):
                    holders.update(words[vocabulary[at]])
                    at += 1
            matching = holders if matching is None else matching & holders
            if not matching:
                return []
        return [self._entries[n] for n in sorted(matching or ())][:limit]

    def role_of(self, owner: str, role: str) -> list[SpeakerEntry]:
        """'Kidman's publicist': speakers the articles gave the role, quoted in an article that names the
        owner (the article says "Kidman's publicist Wendy Day"; the role kept is "publicist")."""
        # (Every holder of the role: "Thanou's coach" is one of the coverage's dozens of coaches, not of its
        # first eight.)
        holders = self.describe([role], limit=None)
        query = fts_query(owner)
        if not holders or not query:
            return []
        naming = {cid.rsplit(":", 2)[0] for cid, _ in self.catalog.search_fts("chunks_fts", f"({query})", 2000)}
        articles = self.catalog.speaker_articles()
        return [e for e in holders if any(a in naming for k in e.keys for a in articles.get(k, ()))]

    def find(self, query: str) -> list[SpeakerEntry]:
        """The one entity a name stands for (the most quoted, when a surname is shared), else none."""
        return self.lookup(query).entries[:1]

    def keys_for(self, query: str) -> list[str]:
        return [k for e in self.find(query) for k in e.keys]


def _close(key: str, keys: list[str], cutoff: float) -> list[str]:
    """The (at most four) `keys` within `cutoff` of `key`, closest first; failing that, for a name of
    TYPO_LENGTH letters or more, those one letter away ("strachen" is 87.5 from "strachan": one letter of
    eight)."""
    close = [name for name, *_ in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=4)]
    if close or len(key) < TYPO_LENGTH:
        return close
    return [name for name, *_ in process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=1, limit=4)]


def _as_list(value: SpeakerEntry | list[SpeakerEntry]) -> list[SpeakerEntry]:
    return value if isinstance(value, list) else [value]


def _distinct(entries: list[SpeakerEntry]) -> list[SpeakerEntry]:
    """Each entry once, in order (entries are not hashable; one entry stands under several keys)."""
    out: list[SpeakerEntry] = []
    for e in entries:
        if all(e is not o for o in out):
            out.append(e)
    return out


def _same_first(a: str, b: str) -> bool:
    return a == b or fuzz.ratio(a, b) >= 80 or (len(a) == 1 and b.startswith(a))


# Short forms of first names, both ways: "Mike Caudwell" is Michael Caudwell's name too.
_NICKNAMES = {a: b for pair in ("bill william", "bob robert", "rob robert", "dick richard", "rick richard",
                                "jim james", "jimmy james", "mike michael", "mick michael", "ted edward",
                                "ed edward", "eddie edward", "ben benjamin", "pat patrick", "liz elizabeth",
                                "beth elizabeth", "kate katherine", "kate catherine", "jack john", "harry henry",
                                "peggy margaret", "sandy alexander", "alex alexander", "sasha alexander",
                                "nick nicholas", "tony anthony", "andy andrew", "dan daniel", "sam samuel",
                                "matt matthew", "jon jonathan", "chuck charles", "charlie charles")
              for a, b in (pair.split(), pair.split()[::-1])}


def could_be_first(asked: str, given: str, *, spelling: bool = True) -> bool:
    """The first name a question gives could be the one the coverage gives, spelt another way ('graham' for
    Graeme, 'tony' for Anthony, 'mike' for Michael) — not a different person's ('john' is not Tony Blair,
    'sam' is not Shailendra Jain). `spelling=False`: only the same name, its short form or its initial."""
    a, b = asked.casefold().strip("."), given.casefold().strip(".")
    return a == b or _NICKNAMES.get(a) == b or (spelling and fuzz.ratio(a, b) >= 60) or (len(a) == 1 and b.startswith(a))


def _person_shaped(name: str) -> bool:
    """A person's name rather than an organisation's: 'Tony Blair', 'Blair'; not 'UK Coal', 'OECD'."""
    words = name.split()
    if name in PARTIES:
        return False  # "Labour", "Conservatives": a party speaks as a body
    if words and words[-1] in ("QC", "MP", "MEP", "MSP", "AM"):
        words = words[:-1]  # "Guy Mansfield QC": letters after a person's name
    if not 1 <= len(words) <= 4 or any(w.isupper() and len(w) > 1 for w in words):
        return False
    if any(w.casefold() in ORG_NOUNS or w.casefold() in ("plc", "inc", "corp", "ltd", "co") for w in words):
        return False
    return all(w[:1].isupper() for w in words if w.casefold() not in ("de", "van", "von", "der", "bin", "al", "da"))


def _display(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE) if name.split()[0].islower() else name

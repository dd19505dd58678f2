"""A question's words the coverage never uses: read as the name it does use when one is a typo away
("irak" → "Iraq"), or named as absent ("Brexit": no story holds it)."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import Counter

from bot.storage.catalog import FTS_TOKENIZE, Catalog

MIN_LENGTH = 4  # shorter words are too often a typo away from some other word to be corrected
MIN_PASSAGES = 3  # a correction is a word this many passages hold (not another article's typo)
# A common word is read as another only from this length, and only as one this many passages hold: shorter,
# a word one letter from another is as often a word the coverage lacks ("posh" is no typo of "post", "reset"
# none of "rest", "crimea" none of "crime"); "goverment" is a typo of "government".
MIN_COMMON_LENGTH = 8
MIN_COMMON_PASSAGES = 20


class IndexStemmer:
    """A word as the passages' word index stems it (SQLite's own Porter tokenizer, in a private in-memory
    database): the vocabulary holds stems, and a typo of a long word ("goverment") is near the stem of what it
    misspells ("govern") only once stemmed the same way."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        self._conn.execute(f"CREATE VIRTUAL TABLE words USING fts5(w, tokenize='{FTS_TOKENIZE}')")
        self._conn.execute("CREATE VIRTUAL TABLE stems USING fts5vocab(words, 'row')")

    def stem(self, word: str) -> str:
        with self._lock:
            self._conn.execute("INSERT INTO words(w) VALUES (?)", (word,))
            found = self._conn.execute("SELECT term FROM stems").fetchone()
            self._conn.execute("DELETE FROM words")
        return found[0] if found else word.casefold()


def damerau(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from a to b; limit + 1 once it is over limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


class Speller:
    """The coverage's vocabulary (the passages' word index, as it stems), read once per commit."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._lock = threading.Lock()
        self._generation = -1
        self._by_initial: dict[str, list[tuple[str, int]]] = {}
        self._stemmer = IndexStemmer()

    def _vocabulary(self) -> dict[str, list[tuple[str, int]]]:
        generation = self.catalog.generation()
        with self._lock:
            if generation != self._generation:
                by_initial: dict[str, list[tuple[str, int]]] = {}
                for term, passages in self.catalog.vocabulary().items():
                    if passages >= MIN_PASSAGES and term.isalpha():
                        by_initial.setdefault(term[0], []).append((term, passages))
                self._by_initial, self._generation = by_initial, generation
            return self._by_initial

    def read(self, word: str, common_only: bool = False) -> tuple[str | None, bool]:
        """(the coverage's name this word is a typo of, as the coverage writes it, or None; whether the coverage
        holds any word this one may be a typo of, a name or not — such a word is no name it never mentions),
        from one look through the vocabulary (two for a long lower-case word, tried as a common word's typo
        first). Only for a word the word index does not hold (or, `common_only`,
        holds in a passage or two: their typo): a typo keeps its first letter, and is one edit from a word of up
        to nine letters, two from a longer one ("Taliban" is not "Taiwan"; "Brexit" is two from "Brit"). A long
        lower-case word may also be read as the common word it misspells ("goverment" -> "government")."""
        w = word.casefold()
        if len(w) >= MIN_COMMON_LENGTH and w.isalpha() and word.islower():
            common = self._common(w)
            if common is not None:
                return common, True
        if common_only:
            return None, False
        found = self._near(w, 1 if len(w) < 10 else 2)
        if not found or len(w) < MIN_LENGTH or not w.isalpha():
            return None, bool(found)
        _, _, term = min(found)
        surface = self._surface(term)
        # Only a name (as the passages write it): a common word one letter from another is as often a word
        # the coverage lacks ("posh" is no typo of "post", "reset" none of "rest", "crimea" none of "crime").
        return (surface if surface is not None and surface[:1].isupper() else None), True

    def _common(self, w: str) -> str | None:
        """A long lower-case word read as the common word of the coverage it misspells: its stem one edit from
        a stem many passages hold, and the word one edit from a form the passages write ("goverment" ->
        "government")."""
        stem = self._stemmer.stem(w)
        near = sorted((d, -passages, term) for term, passages in self._vocabulary().get(w[:1], [])
                      if passages >= MIN_COMMON_PASSAGES and term != stem and (d := damerau(stem, term, 1)) <= 1)
        for _, _, term in near[:3]:
            forms: Counter[str] = Counter()
            for text in self.catalog.passages_with(term, limit=20):
                forms.update(x.casefold() for x in re.findall(r"[^\W\d_]+", text) if x.casefold().startswith(term[:3]))
            best = min(forms, key=lambda f: (damerau(w, f, 1), -forms[f]), default=None)
            if best is not None and best != w and damerau(w, best, 1) <= 1:
                return best
        return None

    def _near(self, w: str, limit: int) -> list[tuple[int, int, str]]:
        """(edits, -passages, term) of the index's terms within `limit` edits of the word — or of the word
        without a closing s, as the index stems plurals ('athns' is 'athen' one edit away, as 'athens' is)."""
        forms = {w, w[:-1]} if w.endswith("s") and len(w) > MIN_LENGTH else {w}
        return [(d, -passages, term) for term, passages in self._vocabulary().get(w[:1], [])
                if (d := min(damerau(f, term, limit) for f in forms)) <= limit]

    def _surface(self, term: str) -> str | None:
        """A stemmed term as the passages write it ('iraq' → 'Iraq', 'itali' → 'Italy')."""
        seen: Counter[str] = Counter()
        for text in self.catalog.passages_with(term, limit=5):
            # (The stemmer writes a closing y as i: 'itali' is 'Italy' too.)
            seen.update(w for w in re.findall(r"[^\W\d_]+", text) if w.casefold().startswith(term)
                        or (term.endswith("i") and w.casefold() == term[:-1] + "y"))
        if not seen:
            return None
        # The shortest form the passages use, written as they write it most often.
        shortest = min(len(w) for w in seen)
        return max((w for w in seen if len(w) == shortest), key=lambda w: seen[w])

"""A question's words the coverage never uses: read as the name it does use when one is a typo away
("irak" → "Iraq"), or named as absent ("Brexit": no story holds it)."""

from __future__ import annotations

import re
import threading
from collections import Counter

from bot.storage.catalog import Catalog

MIN_LENGTH = 4  # shorter words are too often a typo away from some other word to be corrected
MIN_PASSAGES = 3  # a correction is a word this many passages hold (not another article's typo)


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

    def read(self, word: str) -> tuple[str | None, bool]:
        """(the coverage's name this word is a typo of, as the coverage writes it, or None; whether the coverage
        holds any word this one may be a typo of, a name or not — such a word is no name it never mentions),
        from one look through the vocabulary. Only for a word the word index does not hold: a typo keeps its
        first letter, and is one edit from a word of up to nine letters, two from a longer one ("Taliban" is
        not "Taiwan"; "Brexit" is two from "Brit")."""
        w = word.casefold()
        found = self._near(w, 1 if len(w) < 10 else 2)
        if not found or len(w) < MIN_LENGTH or not w.isalpha():
            return None, bool(found)
        _, _, term = min(found)
        surface = self._surface(term)
        # Only a name (as the passages write it): a common word one letter from another is as often a word
        # the coverage lacks ("posh" is no typo of "post", "reset" none of "rest", "crimea" none of "crime").
        return (surface if surface is not None and surface[:1].isupper() else None), True

    def correct(self, word: str) -> str | None:
        return self.read(word)[0]

    def near(self, word: str) -> bool:
        return self.read(word)[1]

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

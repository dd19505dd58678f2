"""The pipeline's attribute rules (tag -> coarse part of speech, morphology, a few lemmas) applied by table
look-up instead of spaCy's `attribute_ruler`, whose Matcher cost a quarter of the whole parse.

The rules are read from the loaded `attribute_ruler` itself, so they are the model package's own. Almost all
are one token wide and test TAG, LOWER, DEP and IS_SPACE by value, IN or NOT_IN: those become a table keyed
by the token's values, computed once per distinct key. The few others (two-token slang such as "gon na",
regular expressions, rules that set a later token) still go through a Matcher, which with a handful of
patterns costs little. As in spaCy, every rule is tested against the doc as parsed, and where several set
one attribute of a token, the later rule wins. `tests/test_attributes.py` checks the result is spaCy's.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc
from spacy.vocab import Vocab

_TESTED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_SET = ("POS", "MORPH", "LEMMA", "TAG", "DEP")
_Test = tuple[int, str, Any]  # (attribute, "eq" | "in" | "not_in", value or frozenset of values)


def _simple(rule: dict[str, Any]) -> bool:
    """One pattern, one token, tests this table can evaluate, effects it can set."""
    if len(rule["patterns"]) != 1 or len(rule["patterns"][0]) != 1 or rule.get("index", 0) != 0:
        return False
    token = rule["patterns"][0][0]
    if not set(token) <= set(_TESTED) or not set(rule["attrs"]) <= set(_SET):
        return False
    for value in token.values():
        if isinstance(value, dict) and not set(value) <= {"IN", "NOT_IN"}:
            return False
    return True


class TagAttributes:
    """Sets POS, MORPH, LEMMA (and, for stray spaces, TAG and DEP) as the package's attribute rules would."""

    def __init__(self, vocab: Vocab, patterns: list[dict[str, Any]]) -> None:
        self.vocab = vocab
        strings = vocab.strings

        def code(name: str, value: Any) -> int:
            if name == "IS_SPACE":
                return int(bool(value))
            return strings.add(value)

        def effect_of(attrs: dict[str, str]) -> dict[str, int]:
            return {name: POS_IDS[value] if name == "POS" else
                    vocab.morphology.add(value) if name == "MORPH" else strings.add(value)
                    for name, value in attrs.items()}

        # Rule order is the list order; each rule is either a table rule or a Matcher rule.
        self._table: list[tuple[int, list[_Test], dict[str, int]]] = []
        self._matched: dict[int, tuple[int, dict[str, int]]] = {}  # matcher key -> (order, effect)
        self._matcher = Matcher(vocab, validate=True)
        for order, rule in enumerate(patterns):
            if _simple(rule):
                tests: list[_Test] = []
                for name, value in rule["patterns"][0][0].items():
                    if isinstance(value, dict):
                        for op, values in value.items():
                            tests.append((_TESTED[name], op.lower(), frozenset(code(name, v) for v in values)))
                    else:
                        tests.append((_TESTED[name], "eq", code(name, value)))
                self._table.append((order, tests, effect_of(rule["attrs"])))
            else:
                key = f"whosaid_attribute_rule_{order}"
                self._matcher.add(key, rule["patterns"])
                self._matched[strings.add(key)] = (order, {**effect_of(rule["attrs"]), "_index": rule.get("index", 0)})
        # Only words some rule names are part of the look-up key, so the cache stays small.
        self._words = {v for _, tests, _ in self._table for attr, op, v in tests if attr == LOWER and op == "eq"}
        self._words |= {w for _, tests, _ in self._table for attr, op, vs in tests if attr == LOWER and op != "eq"
                        for w in vs}
        self._cache: dict[tuple[int, int, int, int], list[tuple[int, dict[str, int]]]] = {}

    def _rules_for(self, key: tuple[int, int, int, int]) -> list[tuple[int, dict[str, int]]]:
        values = dict(zip((TAG, LOWER, DEP, IS_SPACE), key, strict=True))
        out = []
        for order, tests, effect in self._table:
            if all((values[attr] == v) if op == "eq" else (values[attr] in v) if op == "in" else
                   (values[attr] not in v) for attr, op, v in tests):
                out.append((order, effect))
        return out

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        found = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        # Matcher rules, tested on the doc as parsed, before anything is set.
        extra: dict[int, list[tuple[int, dict[str, int]]]] = {}
        for match_id, start, end in self._matcher(doc):
            order, effect = self._matched[match_id]
            target = start + effect["_index"]
            if target < end:
                extra.setdefault(target, []).append((order, effect))
        cache, words = self._cache, self._words
        out = numpy.zeros((len(doc), 3), dtype=numpy.uint64)
        later: list[tuple[int, dict[str, int]]] = []  # tokens whose TAG or DEP a rule sets
        for i, (tag, lower, dep, space) in enumerate(found):
            key = (tag, lower if lower in words else -1, dep, space)
            rules = cache.get(key)
            if rules is None:
                rules = cache[key] = self._rules_for(key)
            if i in extra:
                rules = sorted(rules + extra[i], key=lambda r: r[0])
            merged: dict[str, int] = {}
            for _, effect in rules:  # in rule order: later rules win
                merged.update(effect)
            out[i] = (merged.get("POS", 0), merged.get("MORPH", 0), merged.get("LEMMA", 0))
            if "TAG" in merged or "DEP" in merged:
                later.append((i, merged))
        doc.from_array([POS, MORPH, LEMMA], out)
        for i, merged in later:
            token = doc[i]
            if "TAG" in merged:
                token.tag = merged["TAG"]
            if "DEP" in merged:
                token.dep = merged["DEP"]
        return doc

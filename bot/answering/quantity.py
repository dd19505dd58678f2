"""What a how-much question asks for, and how well a sentence's figures answer it.

"How many tickets were sold for T in the Park?" is not answered by "sold out … five months before the event"
(a figure, but of months) and is by "all 130,000 for the two-day event had been sold"; "how many flights did
Lufthansa cancel?" by "77 short and medium-distance flights", not by "millions of euros".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.retrieval.stems import stem


@dataclass(frozen=True)
class Asked:
    # "count" (how many N), "amount" (how much), "money" (what price), "percent" (what rate), "duration" (how
    # long), "score" (what was the score), "any"
    kind: str
    noun: str = ""  # the stem of what is counted: "flight" in "how many flights"


ANY_FIGURE = Asked("any")
_ASKED = re.compile(r"\bhow\s+(?P<how>much|many|fast|long|old|high|far|big)\b(?P<noun>(?:\s+[A-Za-z][\w'’-]*){0,4})|"
                    r"\bwhat\s+(?:(?:was|is|were|are|will\s+be)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?)?"
                    r"(?P<what>price|cost|value|budget|salary|wage|fee|fine|height|rate|growth|figure|percentage|amount|total|time|"
                    r"score)\b", re.IGNORECASE)
_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")  # "4-6 7-6 (8-6) 6-4", "won 2-1"
# (Each unit's plural too: the stems of "days", "minutes" and "decades" are not those of their singulars.)
_TIME_UNITS = frozenset(stem(w + plural) for w in ("second", "minute", "hour", "day", "week", "month", "year", "decade",
                                                   "time", "season", "round") for plural in ("", "s")) | {
    "th", "st", "nd", "rd"}
_WORD_NUMBERS = ("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
                 "hundred hundreds thousand thousands million millions billion billions dozen dozens")
_FIGURE = re.compile(
    r"(?P<cur>[£$€])?(?P<num>\d[\d,]*(?:\.\d+)?)(?P<suf>(?:\s?(?:%|per\s?cent|percent|bn|m|k|billion|million|"
    r"thousand|trillion))(?![a-z]))?(?P<ord>(?:th|st|nd|rd)\b)?|\b(?P<word>" + "|".join(_WORD_NUMBERS.split())
    + r")\b", re.IGNORECASE)
_VAGUE = frozenset(("hundreds", "thousands", "millions", "billions", "dozens"))
VAGUE_FIT = 0.6
ORDINAL_FIT = 0.3
_NEXT_WORDS = re.compile(r"[\w'’-]+|[,.;:!?()]")
_MONEY = re.compile(r"[£$€]|\b(?:bn|m|billion|million|trillion|euros?|dollars?|pounds?|pence|cents?)\b", re.IGNORECASE)


def asked(question: str) -> Asked | None:
    """The kind of figure a question asks for, or None when it asks for none."""
    m = _ASKED.search(question)
    if m is None:
        return None
    if m["how"] and m["how"].lower() == "many" and (noun := _counted(m["noun"])):
        return Asked("count", stem(noun))
    if m["how"] and m["how"].lower() == "much":
        return Asked("amount")
    if m["how"] and m["how"].lower() == "long":
        return Asked("duration")  # "how long have they been a couple?": so many years, months, days
    what = (m["what"] or "").lower()
    if what == "score":
        return Asked("score")
    if what in ("price", "cost", "value", "budget", "salary", "wage", "fee", "fine"):
        return Asked("money")
    if what in ("rate", "growth", "percentage"):
        return Asked("percent")
    return ANY_FIGURE


# Where the counted noun phrase ends: "how many new products are expected", "how many Independent Spirit
# Awards did Sideways win" count products and awards, not "new" or "independent".
_PHRASE_END = frozenset("did do does were was are is have has had will would could can should may might must in of "
                        "for at on by to with from than that which who".split())


def _counted(words: str) -> str:
    """The head of the noun phrase after "how many": its last word before a verb or a preposition."""
    phrase: list[str] = []
    for word in words.split():
        # (A past form ends the phrase too: "how many net firms switched on …" counts firms.)
        if word.lower() in _PHRASE_END or (phrase and word.lower().endswith("ed") and len(word) > 4):
            break
        phrase.append(word)
    return phrase[-1] if phrase else ""


def figure_fit(want: Asked, text: str, own: set[str] | dict[str, float]) -> float:
    """How well the best figure in `text` answers (0 to 1); a figure the question itself gives is none."""
    if want.kind == "score":
        return 1.0 if _SCORE.search(text) else 0.0
    best = 0.0
    for m in _FIGURE.finditer(text):
        written = m.group(0).strip().lstrip("£$€").replace(" ", "")
        if stem(m["num"] or m["word"]) in own or stem(written) in own:
            continue  # "the indoor 400m" of the question is not its answer
        # "his 92-cap Wales career": the hyphen joins the figure to what it counts.
        after = [w.lower().lstrip("-") or w for w in _NEXT_WORDS.findall(text[m.end():m.end() + 60])]
        cut = next((i for i, w in enumerate(after) if not w[0].isalnum()), len(after))
        following = [stem(w) for w in after[:min(cut, 4)]]
        plain = not (m["cur"] or m["suf"] or m["word"])
        if plain and len(m["num"]) == 4 and m["num"][:2] in ("19", "20"):
            continue  # a year
        # "two years", "three and a half months"
        timed = bool(following) and (following[0] in _TIME_UNITS or (
            following[0] == "and" and bool(set(following[1:]) & _TIME_UNITS)))
        money = bool(m["cur"]) or bool(m["suf"] and _MONEY.search(m["suf"])) or \
            bool(following and _MONEY.search(after[0]))
        percent = bool(m["suf"]) and "%" in m["suf"] or "cent" in (m["suf"] or "").lower()
        # (Short words keep their "s" in `stem`: "caps" asked, "92-cap" written.)
        counted = any(f in (want.noun, want.noun + "s") or f + "s" == want.noun for f in following)
        if m["ord"]:
            # "his 17th turn as musical director" says how many times; "the 12th annual festival" counts none
            # of the tickets asked for, less so than a bare "all 130,000 … had been sold".
            fit = (1.0 if counted else 0.5 if want.noun in _TIME_UNITS else ORDINAL_FIT) if want.kind == "count" \
                else 0.5 if want.kind == "any" else 0.0
        elif want.kind == "count":
            fit = 1.0 if counted else 0.0 if timed else 0.3 if (money or percent) else 0.5
        elif want.kind == "amount":
            fit = 1.0 if (money or percent) else 0.0 if timed else 0.5
        elif want.kind == "money":
            fit = 1.0 if money else 0.0 if timed else 0.3 if percent else 0.5
        elif want.kind == "percent":
            fit = 1.0 if percent else 0.3
        elif want.kind == "duration":
            fit = 1.0 if timed and not m["ord"] else 0.2
        else:
            fit = 1.0
        if (m["word"] or "").lower() in _VAGUE:
            fit *= VAGUE_FIT  # "thousands of slaves" says less of how many than "about 13,000 slaves"
        best = max(best, fit)
        if best == 1.0:
            break
    return best

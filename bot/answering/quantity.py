"""What a how-much (or when, where, why, what-is-it-called) question asks for, and how well a sentence answers it.

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
    # "count" (how many N), "amount" (how much), "money" (what price), "percent" (what rate, what share),
    # "duration" (how long), "score" (what was the score), "odds" (what odds), "any"; not figures: "date"
    # (when), "place" (where), "name" (what is it called), "reason" (why), "age" (how old)
    kind: str
    noun: str = ""  # the stem of what is counted: "flight" in "how many flights"


ANY_FIGURE = Asked("any")
_ASKED = re.compile(r"\bhow\s+(?P<how>much|many|fast|long|old|high|far|big|tall|heavy|deep|wide|large|low|little|small|"
                    r"short|close)\b(?P<noun>(?:\s+[A-Za-z][\w'’-]*){0,4})|"
                    r"\bwhat\s+(?:(?:was|is|were|are|will\s+be)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?)?"
                    r"(?P<what>price|cost|value|budget|salary|wage|fee|fine|height|rate|growth|figure|percentage|amount|total|time|"
                    r"score|share|proportion|odds)\b", re.IGNORECASE)
_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")  # "4-6 7-6 (8-6) 6-4", "won 2-1"
# A bookmaker's price: "5/4 favourite", "7-2 second favourite", "evens".
_ODDS = re.compile(r"\b\d{1,3}/\d{1,3}\b|\b\d{1,3}-\d{1,3}\s+(?:on|against|favourite|shot|chance)\b|\bevens\b",
                   re.IGNORECASE)
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
_MONEY_SUFFIX = re.compile(r"^\s?(?:bn|m)$")  # "$1.13bn", "£20m"; "billion" alone is a size
_MAGNITUDE = re.compile(r"(?:b|m|tr)illions?|thousands?|hundreds?", re.IGNORECASE)
_MONEY = re.compile(r"[£$€]|\b(?:bn|m|billion|million|trillion|euros?|dollars?|pounds?|pence|cents?)\b", re.IGNORECASE)


_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
           "Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# When something happens, as news writes it: "on 17 December", "in July", "on Friday", "next month", "by the end
# of 2006", "within 30 days", "in 1985", "early next year", "as soon as 2018".
_DATE = re.compile(rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|(?:in|by|until|from|"
                   rf"since|before|after|early|late|mid|during|as\s+(?:soon|early|late)\s+as)\s+"
                   rf"(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?"
                   rf"(?:{_MONTHS}|(?:19|20)\d\d|spring|summer|autumn|winter)\b|(?:on|this|next|last|by)\s+(?:{_WEEKDAYS})\b|"
                   rf"\b(?:next|last|this|later\s+this|earlier\s+this)\s+(?:week|month|year|season|weekend|spring|summer|"
                   rf"autumn|winter)\b|\bwithin\s+(?:the\s+next\s+)?(?:\d+|a|one|two|three|four|six|twelve)\s+"
                   rf"(?:days?|weeks?|months?|years?)\b|\b(?:tomorrow|tonight|yesterday)\b)", re.IGNORECASE)
# Where: "in Glasgow", "at the National Theatre", "at Anoeta stadium in San Sebastian" (a capitalised name after
# the preposition, not the sentence's first word).
_PLACE = re.compile(r"\b(?:in|at|near|outside|inside|from)\s+(?:the\s+)?[A-Z][\w'’-]+")
# What a thing is called: "The tool, called Picasa", "a film named Sideways", "dubbed "the little senator"".
_NAMED = re.compile(r"\b(?:called|named|dubbed|entitled|titled|known\s+as)\s+[\"“‘']?[A-Z0-9]")
# Why: "suspended … after failing to report", "because", "due to", "in protest at".
_REASON = re.compile(r"\b(?:because|due\s+to|owing\s+to|as\s+a\s+result\s+of|in\s+protest|(?:after|for|over)\s+(?:not\s+)?"
                     r"\w+ing\b|so\s+that|in\s+order\s+to)", re.IGNORECASE)
_ASKS_WHY = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?why\b", re.IGNORECASE)
_ASKS_WHEN = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?when\b", re.IGNORECASE)
_ASKS_WHERE = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?where\b", re.IGNORECASE)
_ASKS_NAME = re.compile(r"^\s*what(?:\s+is|\s+was|\s+are|\s+were|'s|’s)\b.*\b(?:called|named)\W*$", re.IGNORECASE)


def asked(question: str) -> Asked | None:
    """The kind of figure (or date, place or name) a question asks for, or None when it asks for none."""
    if _ASKS_WHEN.search(question):
        return Asked("date")
    if _ASKS_WHERE.search(question):
        return Asked("place")
    if _ASKS_NAME.search(question):
        return Asked("name")
    if _ASKS_WHY.search(question):
        return Asked("reason")
    m = _ASKED.search(question)
    if m is None:
        return None
    if m["how"] and m["how"].lower() == "many" and (noun := _counted(m["noun"])):
        return Asked("count", stem(noun))
    if m["how"] and m["how"].lower() == "much":
        return Asked("amount")
    if m["how"] and m["how"].lower() == "long":
        return Asked("duration")  # "how long have they been a couple?": so many years, months, days
    if m["how"] and m["how"].lower() == "old":
        return Asked("age")  # "How old is Kanye West?": "West, 26," — not his 10 nominations
    what = (m["what"] or "").lower()
    if what == "score":
        return Asked("score")
    if what == "odds":
        return Asked("odds")
    if what in ("price", "cost", "value", "budget", "salary", "wage", "fee", "fine"):
        return Asked("money")
    if what in ("rate", "growth", "percentage", "share", "proportion"):
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

# A person's age as news writes it: "West, 26, …", "the 26-year-old", "aged 26", "26 years old", "when she will be
# 34." (a clause's last word: not "she is 34 points clear").
_AGE = re.compile(r"\b\d{1,3}-year-old\b|\b\d{1,3}\s+years?\s+old\b|\baged\s+\d{1,3}\b|[A-Za-z],\s\d{1,3},|"
                  r"\b(?:he|she)\s+(?:will\s+be|would\s+be|is|was|turns|turned|will\s+turn)\s+\d{1,3}"
                  r"(?:\s+years?(?:\s+old)?)?(?=\s*[.,;:!?)]|\s*$)(?![.,]\d)")
_NOT_FIGURES = {"date": _DATE, "place": _PLACE, "name": _NAMED, "reason": _REASON, "odds": _ODDS, "age": _AGE}


def figure_fit(want: Asked, text: str, own: set[str] | dict[str, float]) -> float:
    """How well the best figure in `text` answers (0 to 1); a figure the question itself gives is none."""
    if want.kind == "score":
        return 1.0 if _SCORE.search(text) else 0.0
    if want.kind in _NOT_FIGURES:
        return 1.0 if _NOT_FIGURES[want.kind].search(text) else 0.0
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
        # ("26 billion texts were sent" counts texts: "billion" is a size, money only with a currency.)
        money = bool(m["cur"]) or bool(m["suf"] and _MONEY_SUFFIX.search(m["suf"])) or \
            bool(following and _MONEY.search(after[0]) and not _MAGNITUDE.fullmatch(after[0]))
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


def vague_answer(want: Asked, text: str, own: set[str] | dict[str, float]) -> bool:
    """The figure that answers best in the text is a vague one ("thousands of slaves" beside "two banks")."""
    exact = re.sub(r"\b(?:" + "|".join(_VAGUE) + r")\b", " ", text, flags=re.IGNORECASE)
    return figure_fit(want, text, own) > figure_fit(want, exact, own)

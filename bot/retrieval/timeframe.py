"""Time in words: durations ('15m') for polling, and the period a question asks about ('last week').

Periods are resolved against a `today` the caller passes in, so answers are reproducible and tests
can fix the clock. A period is a closed range of ISO dates, either end open; articles are matched by
their published (else updated) date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)\s*$",
                       re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in '30s', '15m', '2h', '1d' (or a bare number of seconds); ValueError otherwise."""
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        seconds = float(text)
    else:
        m = _DURATION.match(text)
        if not m:
            raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 2h or 1d)")
        seconds = float(m.group(1)) * _UNIT_SECONDS[m.group(2)[0].lower()]
    if seconds <= 0:
        raise ValueError(f"a duration must be positive, not {text!r}")
    return seconds


def format_duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


@dataclass(frozen=True)
class Period:
    """Dates from `start` to `end` inclusive (None: open on that side), and the words that said so."""

    start: date | None
    end: date | None
    phrase: str
    # A strict period filters the evidence ('last week', 'in February 2024', 'since Monday'). A bare year
    # or month ('profits in 2004') usually dates the event, not the article: it only ranks.
    strict: bool = True

    def holds(self, iso: str) -> bool:
        """Whether an ISO date (YYYY-MM-DD…) falls in the period; an undated article never does."""
        try:
            day = date.fromisoformat(iso[:10])
        except ValueError:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def describe(self) -> str:
        if self.start and self.end:
            if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and \
                    self.start.year == self.end.year:
                return f"in {self.start.year}"
            if self.start == self.end:
                return f"on {self.start.isoformat()}"
            return f"from {self.start.isoformat()} to {self.end.isoformat()}"
        if self.start:
            return f"since {self.start.isoformat()}"
        if self.end:
            return f"up to {self.end.isoformat()}"
        return "at any time"


_MONTHS = {name: i for i, name in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = {name: i for i, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
# An explicit date: '3 March 2024', 'March 3, 2024', '2024-03-03', 'March 2024', '2024'.
_DAY_MONTH_YEAR = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})"
_MONTH_DAY_YEAR = _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
_ISO = r"(?P<year>\d{4})-(?P<mm>\d{2})-(?P<day>\d{2})"
_MONTH_YEAR = _MONTH + r",?\s+(?P<year>\d{4})"
_MONTH_ONLY = _MONTH
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_EXPLICIT = [_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _MONTH_YEAR, _YEAR]


def _explicit(text: str, today: date) -> tuple[date, date] | None:
    """The first and last day an explicit date names, or None."""
    for pattern in _EXPLICIT:
        m = re.fullmatch(pattern, text.strip(), re.IGNORECASE)
        if not m:
            continue
        parts = m.groupdict()
        year = int(parts["year"])
        month = int(parts["mm"]) if parts.get("mm") else _MONTHS[parts["month"].lower()] if parts.get("month") else None
        try:
            if parts.get("day"):
                day = date(year, month or 1, int(parts["day"]))
                return day, day
            if month:
                return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
            return date(year, 1, 1), date(year, 12, 31)
        except ValueError:
            return None
    m = re.fullmatch(_MONTH_ONLY, text.strip(), re.IGNORECASE)
    if m:  # 'in February': the latest February that has begun
        month = _MONTHS[m.group("month").lower()]
        year = today.year if month <= today.month else today.year - 1
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return None


def weekday_named(phrase: str) -> str | None:
    """The weekday a period's words name ("on Tuesday"), lower-cased, or None."""
    return next((w for w in re.findall(r"[a-z]+", phrase.lower()) if w in _WEEKDAYS), None)


def _last_weekday(today: date, weekday: int) -> date:
    """The most recent such weekday before today ('since Monday' on a Monday means a week ago)."""
    back = (today.weekday() - weekday) % 7 or 7
    return today - timedelta(days=back)


_DATE_WORDS = (r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]{3,9}\.?,?\s+\d{4}|"
               r"[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|[A-Za-z]{3,9}\.?,?\s+\d{4}|(?:19|20)\d{2}|"
               r"[A-Za-z]{3,9})")
_RELATIVE = re.compile(
    r"\b(?:(?P<this_last>this|last|past|previous)\s+(?P<unit>week|month|year|fortnight)|"
    r"(?:in\s+|over\s+)?the\s+(?:last|past)\s+(?P<n>\d+|two|three|four|five|six|seven|ten|few)\s+"
    r"(?P<units>days|weeks|months)(?!\s+of\b)|"
    r"(?P<day_word>today|yesterday)|"
    r"(?P<rel>since|after|before|until|till|up to|in|on|during|from)\s+(?:the\s+)?(?P<what>"
    + _WEEKDAY + r"|" + _DATE_WORDS + r")"
    r")\b(?!\s+of\b)", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "few": 3}


_DEADLINES = frozenset({"before", "until", "till", "up to"})
_FUTURE = re.compile(r"\b(?:will|would|won't|going to|expected to|set to|due to|likely to)\b", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»')


def find_period(question: str, today: date) -> Period | None:
    """The period a question asks about, or None when it names none (then nothing changes). Words inside
    quotation marks are someone's words, not the question's period ('who said "Today's round has gone to
    Mukesh"?')."""
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(question)]
    relative = list(_RELATIVE.finditer(question))
    # "how many children will die needlessly before 2015": the deadline of what is foretold, not the coverage's
    # dates (it had been kept "up to 2014-12-31"): set aside like someone's quoted words.
    quoted += [(m.start(), m.end()) for m in relative
               if (m.group("rel") or "").lower() in _DEADLINES and _FUTURE.search(question[:m.start()])]
    for m in relative:
        if any(lo <= m.start() < hi for lo, hi in quoted):
            continue
        found = _resolve(m, today)
        if found is not None:
            start, end = found
            g = m.groupdict()
            loose = bool(g["rel"]) and g["rel"].lower() in ("in", "during", "on") and not g["weekday"] and \
                bool(re.fullmatch(_YEAR + "|" + _MONTH_ONLY, g["what"].strip(), re.IGNORECASE))
            return Period(start, end, m.group(0), strict=not loose)
    # "who won the 2010 world cup?": a year written as a modifier dates the event, like "in 2010" (loose). Not
    # before a name ("the 2012 Olympic bid", "the 2005 Six Nations"): the year is part of the name, and an
    # edition the coverage never names is refused as such (`Retriever.unknown_words`).
    for y in re.finditer(r"\b" + _YEAR + r"\b(?!\s+[A-Z][a-z])", question):
        if not any(lo <= y.start() < hi for lo, hi in quoted):
            year = int(y.group("year"))
            return Period(date(year, 1, 1), date(year, 12, 31), y.group(0), strict=False)
    return None


def _resolve(m: re.Match[str], today: date) -> tuple[date | None, date | None] | None:
    g = m.groupdict()
    if g["unit"]:
        kind, unit = g["this_last"].lower(), g["unit"].lower()
        if unit == "fortnight":
            return today - timedelta(days=14), today
        if kind == "this":
            if unit == "week":
                return today - timedelta(days=today.weekday()), today
            if unit == "month":
                return today.replace(day=1), today
            return today.replace(month=1, day=1), today
        # 'last week' in news questions means the seven days before today, not the calendar week.
        days = {"week": 7, "month": 31, "year": 366}[unit]
        return today - timedelta(days=days), today
    if g["n"]:
        n = _NUMBERS.get(g["n"].lower()) or int(g["n"])
        per = {"days": 1, "weeks": 7, "months": 31}[g["units"].lower()]
        return today - timedelta(days=n * per), today
    if g["day_word"]:
        day = today if g["day_word"].lower() == "today" else today - timedelta(days=1)
        return day, day
    rel, what = g["rel"].lower(), g["what"]
    if g["weekday"]:
        day = _last_weekday(today, _WEEKDAYS[g["weekday"].lower()])
        span: tuple[date, date] | None = (day, day)
    else:
        span = _explicit(what, today)
    if span is None:
        return None
    first, last = span
    if rel in ("since", "after", "from"):
        return (first if rel != "after" else last + timedelta(days=1)), None
    if rel in ("before",):
        return None, first - timedelta(days=1)
    if rel in ("until", "till", "up to"):
        return None, last
    return first, last  # in / on / during


def without_period(question: str, period: Period | None) -> str:
    """The question with the time words taken out (they are not a topic to search for)."""
    if period is None:
        return question
    return re.sub(r"\s{2,}", " ", question.replace(period.phrase, " ")).strip()

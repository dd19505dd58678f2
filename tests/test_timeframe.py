"""Durations for polling and the periods questions name, against a fixed clock."""

from __future__ import annotations

from datetime import date

import pytest

from bot.retrieval.timeframe import Period, find_period, format_duration, parse_duration, without_period

WEDNESDAY = date(2024, 3, 13)


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400),
                                               ("90", 90), (" 5 min ", 300), ("1.5h", 5400)])
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "fast", "15x", "-5m", "0s", "m15"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_durations_print_back_in_their_unit() -> None:
    assert [format_duration(s) for s in (30, 900, 7200, 86400, 90)] == ["30s", "15m", "2h", "1d", "90s"]


@pytest.mark.parametrize(("question", "start", "end", "strict"), [
    ("What did Blair say last week?", date(2024, 3, 6), WEDNESDAY, True),
    ("What did Blair say in February 2024?", date(2024, 2, 1), date(2024, 2, 29), True),
    ("Who has criticised the plan since Monday?", date(2024, 3, 11), None, True),
    ("What did he say before 3 March 2024?", None, date(2024, 3, 2), True),
    ("Anything said after March 1, 2024?", date(2024, 3, 2), None, True),
    ("What was said on 2024-03-01?", date(2024, 3, 1), date(2024, 3, 1), True),
    ("What did she say yesterday?", date(2024, 3, 12), date(2024, 3, 12), True),
    ("What was said this month?", date(2024, 3, 1), WEDNESDAY, True),
    ("What was said in the past 3 days?", date(2024, 3, 10), WEDNESDAY, True),
    ("What did he say on Wednesday?", date(2024, 3, 6), date(2024, 3, 6), True),
    # A bare year or month usually dates the event, not the article: it ranks, it does not filter.
    ("How much profit did it make in 2004?", date(2004, 1, 1), date(2004, 12, 31), False),
    ("What was mortgage lending in May?", date(2023, 5, 1), date(2023, 5, 31), False),
    # ... and so does a year written as a modifier, or after a span the clock cannot place.
    ("who won the 2010 world cup?", date(2010, 1, 1), date(2010, 12, 31), False),
    ("What was the jobless rate in the last three months of 2004?", date(2004, 1, 1), date(2004, 12, 31), False),
])
def test_periods(question: str, start: date | None, end: date | None, strict: bool) -> None:
    period = find_period(question, WEDNESDAY)
    assert period is not None
    assert (period.start, period.end, period.strict) == (start, end, strict)
    assert period.phrase in question


@pytest.mark.parametrize("question", [
    "What did Blair say in Iraq?",
    "Who called the claims baseless?", "What did Lukashenko say about Poland?", "What did he say on Tuesday's show",
    'Who said "Today\'s round has gone to Mukesh"?',  # someone's words, not the question's period
    # A year before a name is part of the name (Blair's quotes on other things, none naming 2012, had made "the
    # coverage holds nothing on that in 2012"); an edition the coverage never names is refused as such.
    "What did Tony Blair say about the 2012 Olympic bid?", "Who won the 2010 World Cup?",
    # The deadline of what is foretold, not the coverage's dates (had been kept "up to 2014-12-31").
    "how many children will die needlessly before 2015", "Is the deal expected to close until 2026?",
])
def test_no_period(question: str) -> None:
    period = find_period(question, WEDNESDAY)
    assert period is None or period.phrase == "on Tuesday"  # 'on Tuesday's show' still names a day


def test_period_holds_dates_and_leaves_undated_out() -> None:
    period = Period(date(2024, 3, 1), date(2024, 3, 31), "in March 2024")
    assert period.holds("2024-03-05") and period.holds("2024-03-31T23:00:00")
    assert not period.holds("2024-04-01") and not period.holds("") and not period.holds("soon")
    assert Period(None, date(2024, 3, 2), "before").holds("1999-01-01")


def test_the_time_words_leave_the_question() -> None:
    period = find_period("What did Blair say last week about Iraq?", WEDNESDAY)
    assert without_period("What did Blair say last week about Iraq?", period) == "What did Blair say about Iraq?"

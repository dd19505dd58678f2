"""Time in questions against a fixed clock: periods filter the evidence both answerers see, answers and
/who show dates, newest first; questions without a period are answered as before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.config import Settings
from bot.ingest.pipeline import Ingestor
from bot.ingest.sources import SourceReader
from bot.rendering.render import render_html
from bot.rendering.views import who_page
from bot.services import Services, build_services

MARCH = "The budget is a disgrace and must be withdrawn"
FEBRUARY = "The budget will pass easily this spring"
ARTICLES = {
    "march.md": ("2024-03-11", "Budget anger grows", f'"{MARCH}," Maria Lopez said on Monday about the budget.'),
    "february.md": ("2024-02-10", "Budget confidence", f'"{FEBRUARY}," Maria Lopez said about the budget.'),
}


@pytest.fixture
def dated(tmp_path: Path, settings: Settings, embedder) -> Iterator[Services]:  # type: ignore[no-untyped-def]
    for name, (published, title, quote) in ARTICLES.items():
        (tmp_path / name).write_text(
            f"---\ntitle: {title}\npublished: {published}\noutlet: Daily Example\n---\n"
            f"The government presented its budget plans to parliament this week.\n\n{quote}\n", encoding="utf-8")
    services = build_services(settings)
    reader = SourceReader(max_file_bytes=settings.max_file_bytes, fetch_timeout=5)
    assert Ingestor(services.store, services.embedder, reader).run([str(tmp_path / n) for n in ARTICLES]).ok
    services.answerer.today = lambda: date(2024, 3, 13)
    yield services
    services.store.close()


def quotes_cited(services: Services, question: str) -> list[str]:
    return [c.quote for c in services.answerer.answer(question).citations if c.is_quote]


def test_last_week_keeps_only_that_weeks_evidence(dated: Services) -> None:
    answer = dated.answerer.answer("What did Maria Lopez say about the budget last week?")
    assert not answer.refused
    assert [c.quote for c in answer.citations if c.is_quote] == [MARCH]
    assert answer.answer.startswith("From the coverage from 2024-03-06 to 2024-03-13:")
    assert "2024-03-11" in "".join(render_html(answer))  # the quote's date is shown with its source
    # The LLM path is handed the same evidence: every hit is dated inside the period.
    prepared = dated.answerer.prepare("What did Maria Lopez say about the budget last week?")
    assert prepared.hits and {h.article.published for h in prepared.hits} == {"2024-03-11"}


def test_a_named_month_and_an_explicit_date(dated: Services) -> None:
    assert quotes_cited(dated, "What did Maria Lopez say about the budget in February 2024?") == [FEBRUARY]
    assert quotes_cited(dated, "What did Maria Lopez say about the budget since 1 March 2024?") == [MARCH]
    before = dated.answerer.answer("What did Maria Lopez say about the budget before 1 January 2024?")
    assert before.refused and "up to 2023-12-31" in before.answer and not before.citations


def test_without_a_period_nothing_is_filtered(dated: Services) -> None:
    answer = dated.answerer.answer("What did Maria Lopez say about the budget?")
    assert not answer.refused and not answer.answer.startswith("From the coverage")
    assert {MARCH, FEBRUARY} <= {c.quote for c in answer.citations}


def test_who_lists_newest_first_with_dates(dated: Services) -> None:
    keys = dated.retriever.speakers.keys_for("Maria Lopez")
    quotes = dated.store.catalog.quotes(speaker_keys=keys)
    assert [q.text for q in quotes] == [MARCH, FEBRUARY]
    articles = {q.article_id: dated.retriever.article(q.article_id) for q in quotes}
    page = who_page("Maria Lopez", quotes, articles, 0)  # type: ignore[arg-type]
    assert page.index("2024-03-11") < page.index("2024-02-10")


def test_a_year_no_evidence_is_dated_in_or_names_is_refused(dated: Services) -> None:
    """'What did Maria Lopez say about the budget in 2012?' over coverage of 2024: refused, not answered with
    her 2024 words; a year the article text names ('the 2024 budget') still answers."""
    refused = dated.answerer.answer("What did Maria Lopez say about the budget in 2012?")
    assert refused.refused and "2012" in refused.answer and not refused.citations
    assert quotes_cited(dated, "What did Maria Lopez say about the budget in 2024?")
    # A month without its year is dated by the clock, and is no year the articles must name.
    dated.answerer.today = lambda: date(2026, 3, 13)
    assert not dated.answerer.answer("What did Maria Lopez say about the budget in February?").refused


def test_undated_articles_answer_a_period_nothing_dated_falls_in(tmp_path: Path, settings: Settings, embedder) -> None:  # type: ignore[no-untyped-def]
    """One dated article outside 'last year' had made the whole undated rest of the coverage 'hold nothing':
    the undated article answers, with the note that its date could not be checked."""
    (tmp_path / "dated.md").write_text("---\ntitle: Budget\npublished: 2024-02-10\n---\nThe budget passed.\n\n"
                                       "\"The budget will pass easily,\" Maria Lopez said about the budget.\n",
                                       encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Film hit\n\nThe Last Samurai was the biggest foreign film in Japan, said "
                                        "critic Ann Reid. \"It is the biggest foreign film hit in Japan,\" she said.\n",
                                        encoding="utf-8")
    services = build_services(settings)
    reader = SourceReader(max_file_bytes=settings.max_file_bytes, fetch_timeout=5)
    assert Ingestor(services.store, services.embedder, reader).run(
        [str(tmp_path / "dated.md"), str(tmp_path / "plain.txt")]).ok
    services.answerer.today = lambda: date(2026, 11, 26)
    answer = services.answerer.answer("What was the biggest foreign film in Japan last year?")
    assert not answer.refused and "carry no dates" in answer.answer
    assert answer.citations and all(c.title == "Film hit" for c in answer.citations)
    services.store.close()


def test_a_weekday_an_undated_article_names_is_the_story_s_day_without_a_notice(tmp_path: Path, settings: Settings,
                                                                                  embedder) -> None:  # type: ignore[no-untyped-def]
    """"How much did Google shares fall on Tuesday?" (a newcomer's): the undated story says "on Tuesday", and
    the answer had opened with a notice that it could not keep to the Tuesday before today; a weekday the story
    does not name still gets the notice."""
    services = _undated_story(tmp_path, settings, "Google shares fall\n\nShares in Google fell 6.7% on Tuesday after "
                              "the firm said early investors could sell their stock.\n")
    answer = services.answerer.answer("How much did Google shares fall on Tuesday?")
    assert not answer.refused and "6.7%" in answer.answer and "carry no dates" not in answer.answer
    other = services.answerer.answer("How much did Google shares fall on Friday?")
    assert "carry no dates" in other.answer
    # "What's the weather like in London today?" (the second newcomer's): an undated story is no news of today.
    assert services.answerer.answer("How much did Google shares fall today?").refused
    services.store.close()


def test_an_edition_the_coverage_never_names_is_refused_as_such(dated: Services) -> None:
    """'Who won the 2010 World Cup?': the coverage's words for it ("the World Cup", "2010") were enough to answer
    with another edition; it never names the 2010 World Cup, and says so."""
    refused = dated.answerer.answer("Who won the 2010 World Cup?")
    assert refused.refused and refused.answer == "The coverage never mentions the 2010 World Cup.", refused.answer


def test_a_year_written_as_a_modifier_no_evidence_names_is_refused(dated: Services) -> None:
    """'What did Maria Lopez say about the 2012 budget?' over coverage of 2024 that never names 2012: refused
    ("in 2012"), not answered with the 2024 budget."""
    refused = dated.answerer.answer("What did Maria Lopez say about the 2012 budget?")
    assert refused.refused and "in 2012" in refused.answer


def _undated_story(tmp_path: Path, settings: Settings, text: str) -> Services:
    """A store holding one undated story, its clock at 2026-11-26."""
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    services = build_services(settings)
    reader = SourceReader(max_file_bytes=settings.max_file_bytes, fetch_timeout=5)
    assert Ingestor(services.store, services.embedder, reader).run([str(tmp_path / "story.txt")]).ok
    services.answerer.today = lambda: date(2026, 11, 26)
    return services


@pytest.mark.parametrize(("story", "asked", "answer_words", "not_said"), [
    # "How much have English councils spent on asylum since 1997?" (a third newcomer's): the answer had opened with a
    # notice that it could not keep to "since 1997-01-01"; a year the story does not name still gets the notice.
    ("Asylum costs\n\nEnglish local authorities have spent more than £3bn on asylum since Labour won power in 1997, "
     "the Tory leader said.\n", "How much have English councils spent on asylum since 1997?", "£3bn",
     "How much have English councils spent on asylum since 2001?"),
    # "How much did ID fraud criminals make in the UK last year?" (a fifth newcomer's): the notice had been about the
    # year before today; "last month", which the story does not say, still gets it.
    ("ID fraud grows\n\nID fraud is one of the UK's fastest-growing crimes, with criminals netting an estimated £1.3bn "
     "last year.\n", "How much did ID fraud criminals make in the UK last year?", "£1.3bn",
     "How much did ID fraud criminals make in the UK last month?"),
])
def test_a_period_an_undated_story_itself_gives_is_its_own_without_a_notice(
        tmp_path: Path, settings: Settings, embedder, story: str, asked: str, answer_words: str,  # type: ignore[no-untyped-def]
        not_said: str) -> None:
    """A year or a "last year" the undated story's own paragraph says is the story's period, not one the answer
    failed to keep to; one it does not say still gets the notice."""
    services = _undated_story(tmp_path, settings, story)
    answer = services.answerer.answer(asked)
    assert not answer.refused and answer_words in answer.answer and "carry no dates" not in answer.answer, \
        answer.answer
    other = services.answerer.answer(not_said)
    assert "carry no dates" in other.answer, other.answer
    services.store.close()

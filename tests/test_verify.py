"""Verification as news quotes: single quotes and «», who said it, unsupported claims, streaming drafts."""

from __future__ import annotations

import pytest

from bot.answering.llm import LLMAnswerer
from bot.answering.verify import prose_only, verify
from bot.config import Settings
from bot.models import Answer, Article, Citation
from bot.services import Services
from bot.telegram import handlers as h
from tests.fakes.openai_server import FakeOpenAI, evidence_number
from tests.fakes.telegram_server import FakeBotAPI
from tests.test_telegram import api, running, tg_settings  # noqa: F401 (the api fixture)

TEXT = ("Lukashenko told reporters that Poland was preparing an attack on Belarus.\n\n"
        "'We will defend every metre of our land,' Lukashenko said on Tuesday.\n\n"
        "The Polish foreign ministry called the claims \"baseless accusations\" in a statement.")
ARTICLE = Article(id="a1", title="Border 'war talk' row", text=TEXT, source="t", content_hash="h", paragraphs=[])
SPAN = "We will defend every metre of our land,"
START = TEXT.index(SPAN)
CITE = Citation(n=1, quote=SPAN, speaker="Alexander Lukashenko", article_id="a1", start=START,
                end=START + len(SPAN), quote_id="a1:q0")


def _check(text: str) -> str:
    return verify(Answer(question="q", answer=text, citations=[CITE], mode="llm"),
                  lambda aid: ARTICLE if aid == "a1" else None).answer


@pytest.mark.parametrize("marks", ["'{}'", "‘{}’", "«{}»", "« {} »", "“{}”", "\"{}\""])
def test_every_kind_of_quotation_mark_is_checked(marks: str) -> None:
    real = _check(f"Lukashenko said {marks.format('We will defend every metre of our land')} [1].")
    fake = _check(f"Lukashenko said {marks.format('We will march on Warsaw by Friday')} [1].")
    assert "defend every metre" in real
    assert fake == ""


def test_words_quoted_from_the_headline_are_the_articles_own() -> None:
    named = "Closest in the coverage: Border 'war talk' row — Lukashenko told reporters [1]"
    assert _check(named) == named
    assert _check("Closest in the coverage: Border 'invasion' row — Lukashenko told reporters [1]") == ""


def test_apostrophes_are_not_quotes() -> None:
    sentence = "Lukashenko's reporters' claim: Poland's army was preparing an attack on Belarus [1]."
    assert _check(sentence) == sentence


@pytest.mark.parametrize("sentence", [
    "Vladimir Zelensky said “We will defend every metre of our land” [1].",
    "According to Andrzej Duda, “we will defend every metre of our land” [1].",
    "“We will defend every metre of our land,” said Donald Tusk [1].",
])
def test_a_verbatim_quote_in_the_wrong_mouth_is_dropped(sentence: str) -> None:
    assert _check(sentence) == ""


@pytest.mark.parametrize("sentence", [
    "Alexander Lukashenko said “We will defend every metre of our land” [1].",
    "According to Lukashenko, “we will defend every metre of our land” [1].",
    "He said ‘We will defend every metre of our land’ [1].",
])
def test_the_right_speaker_passes(sentence: str) -> None:
    assert _check(sentence) == sentence


def test_an_unsupported_claim_is_dropped_and_a_supported_one_kept() -> None:
    text = ("Lukashenko announced that Belarus will invade Poland on Friday with tanks [1]. "
            "Lukashenko told reporters Poland was preparing an attack on Belarus [1].")
    assert _check(text) == "Lukashenko told reporters Poland was preparing an attack on Belarus [1]."


def test_prose_only_hides_quoted_words_even_half_written() -> None:
    assert prose_only("Putin said “we will take Kyiv") == "Putin said “…"
    assert prose_only("He said 'never' and «jamais» then ‘nie’ [1].") == "He said “…” and “…” then “…” [1]."
    assert prose_only("Lukashenko's aides said it's over") == "Lukashenko's aides said it's over"


# the same through the real openai client ----------------------------------------------------------
@pytest.fixture
def llm_services(seeded: Services, fake: FakeOpenAI) -> Services:
    seeded.answerer.llm = LLMAnswerer(Settings(_env_file=None, openai_base_url=fake.base_url,  # type: ignore[call-arg]
                                               openai_api_key="sk-test", openai_timeout=5, openai_model="m"))
    return seeded


def test_llm_misattribution_and_invented_claim_never_reach_the_user(llm_services: Services, fake: FakeOpenAI) -> None:
    def reply(messages) -> str:  # type: ignore[no-untyped-def]
        n = evidence_number(messages, "baseless")
        return (f"Vladimir Zelensky said “Baseless accusations” [{n}]. "
                f"Lukashenko announced that Belarus will invade Poland on Friday [{n}]. "
                f"The Polish foreign ministry called the claims “baseless” [{n}].")

    fake.reply = reply
    answer = llm_services.answerer.answer("Who called the claims baseless?")
    assert answer.mode == "llm"
    assert "Zelensky" not in answer.answer and "invade" not in answer.answer
    assert "The Polish foreign ministry called the claims “baseless” [1]." in answer.answer


def test_llm_single_quoted_invention_never_reaches_the_user(llm_services: Services, fake: FakeOpenAI) -> None:
    def reply(messages) -> str:  # type: ignore[no-untyped-def]
        n = evidence_number(messages, "baseless")
        return (f"The Polish foreign ministry called the claims ‘baseless’ [{n}]. "
                f"It added 'Poland will leave NATO next week' [{n}].")

    fake.reply = reply
    answer = llm_services.answerer.answer("Who called the claims baseless?")
    assert "leave NATO" not in answer.answer and "‘baseless’ [1]" in answer.answer


async def test_streaming_never_shows_a_quote_before_it_is_verified(api: FakeBotAPI, settings: Settings,  # noqa: F811
                                                                   seeded: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(h, "EDIT_INTERVAL", 0.1)
    with FakeOpenAI() as llm:
        def reply(messages) -> str:  # type: ignore[no-untyped-def]
            n = evidence_number(messages, "baseless")
            return (f"Lukashenko said “Polish tanks crossed the border at dawn and we shot them all” [{n}]. "
                    f"Then the Polish foreign ministry, in a statement, called the claims “baseless” [{n}].")

        llm.reply = reply
        llm.delay = 0.08
        seeded.answerer.llm = LLMAnswerer(Settings(_env_file=None, openai_base_url=llm.base_url,  # type: ignore[call-arg]
                                                   openai_api_key="sk-test", openai_timeout=10))
        async with running(tg_settings(api, settings), seeded):
            api.message("Who called the claims baseless?", chat_id=31, user_id=31)
            await api.until(lambda: any(p.get("parse_mode") == "HTML" for p in api.sent("editMessageText", 31)),
                            timeout=40)
    edits = api.sent("editMessageText", chat_id=31)
    drafts, final = edits[:-1], edits[-1]
    assert len(drafts) >= 3 and any("“…" in d["text"] for d in drafts)
    assert not any(word in d["text"] for d in drafts for word in ("tanks", "shot", "baseless"))
    assert "tanks" not in final["text"] and "“baseless” [1]" in final["text"]


def test_an_initial_or_a_title_ends_no_sentence_of_the_answer() -> None:
    """'Florian Mueller [1] and John E. Kelly [2].' was cut after 'John E.', that piece removed as
    unsupported, and the answer led with 'Kelly [2].'"""
    from bot.answering.verify import _sentence_pieces

    assert _sentence_pieces("Florian Mueller [1] and John E. Kelly [2].\nMueller (wrote): “x” [1]") == [
        "Florian Mueller [1] and John E. Kelly [2].", "\n", "Mueller (wrote): “x” [1]"]
    assert _sentence_pieces("He said no. Mr. Smith agreed. It rained.") == [
        "He said no.", " Mr. Smith agreed.", " It rained."]

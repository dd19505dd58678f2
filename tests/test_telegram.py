"""End to end: the real PTB Application (real polling, real HTTP) against a fake Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from pydantic import SecretStr
from telegram import Update

from bot.answering.llm import LLMAnswerer
from bot.config import Settings
from bot.rendering.links import source_payload
from bot.services import Services
from bot.telegram import handlers as h
from bot.telegram.app import build_application
from tests.fakes.openai_server import FakeOpenAI, evidence_number
from tests.fakes.telegram_server import BOT_ID, FakeBotAPI, html_errors
from tests.fakes.web import FakeWeb

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijklm"


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(TOKEN) as server:
        yield server


def tg_settings(api: FakeBotAPI, settings: Settings, **extra: Any) -> Settings:
    return settings.model_copy(update={"telegram_bot_token": SecretStr(TOKEN), "telegram_api_base_url": api.root, **extra})


@contextlib.asynccontextmanager
async def running(settings: Settings, services: Services) -> AsyncIterator[Any]:
    app = build_application(settings, services)
    await app.initialize()
    await app.post_init(app)  # type: ignore[misc]
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=Update.ALL_TYPES)  # type: ignore[union-attr]
    try:
        yield app
    finally:
        await app.updater.stop()  # type: ignore[union-attr]
        await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)  # type: ignore[misc]


def valid_html(params: dict[str, Any]) -> bool:
    return params.get("parse_mode") != "HTML" or not html_errors(params["text"])


async def test_private_question_gets_a_cited_html_answer(api: FakeBotAPI, settings: Settings, seeded: Services,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(h, "TYPING_AFTER", 0.0)  # an answer that is not there at once shows "typing…"
    async with running(tg_settings(api, settings), seeded):
        assert api.sent("setMyCommands")
        api.message("Who called the claims baseless?", chat_id=10, user_id=10)
        reply = (await api.until(lambda: api.sent(chat_id=10)))[0]
        assert api.sent("sendChatAction", chat_id=10)[0]["action"] == "typing"
    assert reply["parse_mode"] == "HTML" and valid_html(reply)
    assert "Polish foreign ministry" in reply["text"]
    assert "“baseless”" in reply["text"] and "[1]" in reply["text"]
    assert "https://t.me/whosaid_test_bot?start=src_" in reply["text"]
    buttons = reply["reply_markup"]["inline_keyboard"][0]
    assert buttons[0]["callback_data"].startswith("src_")
    assert reply["link_preview_options"]["is_disabled"] is True


async def test_an_answer_ready_at_once_skips_the_typing_call(api: FakeBotAPI, settings: Settings, seeded: Services,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(h, "TYPING_AFTER", 30.0)
    async with running(tg_settings(api, settings), seeded):
        api.message("Who called the claims baseless?", chat_id=11, user_id=11)
        reply = (await api.until(lambda: api.sent("sendMessage", chat_id=11)))[0]
    assert "Polish foreign ministry" in reply["text"]
    assert api.sent("sendChatAction", chat_id=11) == []


async def test_a_busy_bot_answers_without_the_typing_call(api: FakeBotAPI, settings: Settings, seeded: Services,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(h, "TYPING_AFTER", 0.0)
    monkeypatch.setattr(h, "TYPING_MAX_BUSY", 0)  # this answer alone already makes the bot "busy"
    async with running(tg_settings(api, settings), seeded):
        api.message("Who called the claims baseless?", chat_id=12, user_id=12)
        reply = (await api.until(lambda: api.sent("sendMessage", chat_id=12)))[0]
    assert "Polish foreign ministry" in reply["text"]
    assert api.sent("sendChatAction", chat_id=12) == []


async def test_bot_api_calls_in_flight_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from telegram.request import HTTPXRequest

    from bot.telegram.app import BoundedRequest

    in_flight, peak = 0, 0

    async def slow(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return 200, b"{}"

    monkeypatch.setattr(HTTPXRequest, "do_request", slow)
    request = BoundedRequest(3)
    results = await asyncio.gather(*(request.do_request("http://127.0.0.1/x", "POST") for _ in range(20)))
    assert peak == 3 and len(results) == 20 and all(r == (200, b"{}") for r in results)


async def test_commands_start_help_sources_and_deep_link(api: FakeBotAPI, settings: Settings, seeded: Services) -> None:
    article = seeded.store.catalog.articles()[0]
    start = article.text.index("Newsweek has contacted NATO")
    payload = source_payload(article.id, start, start + 49)
    async with running(tg_settings(api, settings), seeded):
        api.message("/start", chat_id=11, user_id=11)
        api.message("/help", chat_id=11, user_id=11)
        api.message("/sources", chat_id=11, user_id=11)
        api.message(f"/start {payload}", chat_id=11, user_id=11)
        sent = await api.until(lambda: len(api.sent(chat_id=11)) >= 4 and api.sent(chat_id=11))
    texts = [p["text"] for p in sent]
    assert all(valid_html(p) for p in sent)
    assert sum("/who NAME" in t for t in texts) == 2
    assert any("1 articles" in t and "Newsweek (1)" in t for t in texts)
    view = next(t for t in texts if "<b>Newsweek has contacted NATO for comment by email.</b>" in t)
    assert "Putin&#x27;s Closest Ally" in view or "Putin's Closest Ally" in view


async def test_who_pages_with_inline_buttons(api: FakeBotAPI, settings: Settings, seeded: Services) -> None:
    async with running(tg_settings(api, settings), seeded):
        api.message("/who Lukashenko", chat_id=12, user_id=12)
        first = (await api.until(lambda: api.sent(chat_id=12)))[0]
        assert "Alexander Lukashenko" in first["text"] and "page 1/2" in first["text"]
        older = first["reply_markup"]["inline_keyboard"][0][0]
        assert older["callback_data"] == "who:1:Lukashenko"
        api.callback(older["callback_data"], chat_id=12, user_id=12, message_id=55)
        edit = (await api.until(lambda: api.sent("editMessageText", chat_id=12)))[0]
        assert api.sent("answerCallbackQuery")
    assert "page 2/2" in edit["text"] and valid_html(edit) and int(edit["message_id"]) == 55


async def test_group_silence_mentions_and_follow_ups(api: FakeBotAPI, settings: Settings, seeded: Services) -> None:
    async with running(tg_settings(api, settings), seeded) as app:
        api.message("Who called the claims baseless?", chat_id=-100, user_id=20, chat_type="supergroup")
        api.message("/ask What did Putin say about Hitler?", chat_id=-100, user_id=20, chat_type="supergroup")
        first = (await api.until(lambda: api.sent(chat_id=-100)))
        assert len(first) == 1 and "Vladimir Putin" in first[0]["text"]  # silence, then /ask answered
        api.mention("What did Lukashenko say about Poland?", chat_id=-100, user_id=21, chat_type="supergroup")
        answered = await api.until(lambda: len(api.sent(chat_id=-100)) >= 2 and api.sent(chat_id=-100))
        assert "Alexander Lukashenko" in answered[1]["text"]
        # A reply to the bot's answer is a follow-up: it keeps the speaker of the question it replies to.
        bot_message = {"message_id": 0, "date": 0, "text": "x", "chat": {"id": -100, "type": "supergroup"},
                       "from": {"id": BOT_ID, "is_bot": True, "first_name": "whosaid"}}
        bot_message["message_id"] = api.results[-100][-1]
        api.message("and about war?", chat_id=-100, user_id=21, chat_type="supergroup", reply_to=bot_message)
        follow = await api.until(lambda: len(api.sent(chat_id=-100)) >= 3 and api.sent(chat_id=-100))
        assert "Alexander Lukashenko" in follow[2]["text"] and "war" in follow[2]["text"]
        # Context is kept per chat: another chat replying to that message id finds nothing.
        app_chat_data = app.chat_data
        assert bot_message["message_id"] in app_chat_data[-100]["asked"]
        other = dict(bot_message, chat={"id": -200, "type": "supergroup"})
        api.message("and about war?", chat_id=-200, user_id=21, chat_type="supergroup", reply_to=other)
        await api.until(lambda: api.sent(chat_id=-200))
        assert bot_message["message_id"] not in app_chat_data[-200].get("asked", {}) or \
            app_chat_data[-200]["asked"][bot_message["message_id"]].question == "and about war?"
        api.message("just chatting, not for the bot", chat_id=-100, user_id=22, chat_type="group")
        await asyncio.sleep(1.0)
        assert len(api.sent(chat_id=-100)) == 3
        # In a private chat a message that reads as a follow-up keeps the last answer's speaker and topic.
        api.message("What did Lukashenko say about Poland?", chat_id=31, user_id=31)
        await api.until(lambda: api.sent(chat_id=31))
        api.message("and about war?", chat_id=31, user_id=31)
        private = await api.until(lambda: len(api.sent(chat_id=31)) >= 2 and api.sent(chat_id=31))
        assert "Alexander Lukashenko" in private[1]["text"] and "war" in private[1]["text"]


async def test_callback_opens_the_cited_passage(api: FakeBotAPI, settings: Settings, seeded: Services) -> None:
    async with running(tg_settings(api, settings), seeded):
        api.message("Who said Lukashenko is the only dictator who gives up his sovereignty?", chat_id=13, user_id=13)
        reply = (await api.until(lambda: api.sent(chat_id=13)))[0]
        data = reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        api.callback(data, chat_id=13, user_id=13)
        view = await api.until(lambda: len(api.sent(chat_id=13)) >= 2 and api.sent(chat_id=13)[1])
    assert "Quote by <b>Franak Viačorka</b>" in view["text"] and "<b>Lukashenko is probably" in view["text"]
    assert valid_html(view)


async def test_inline_mode_ignores_short_and_debounces(api: FakeBotAPI, settings: Settings, seeded: Services) -> None:
    async with running(tg_settings(api, settings), seeded):
        api.inline("who", user_id=14)
        api.inline("Who called the", user_id=14)
        last = api.inline("Who called the claims baseless?", user_id=14)
        answers = await api.until(lambda: api.sent("answerInlineQuery"))
        await asyncio.sleep(1.0)
    answers = api.sent("answerInlineQuery")
    assert [a["inline_query_id"] for a in answers] == [last]
    result = answers[0]["results"][0]
    content = result["input_message_content"]
    assert "Polish foreign ministry" in content["message_text"] and not html_errors(content["message_text"])


async def test_retry_after_and_server_errors_are_waited_out(api: FakeBotAPI, settings: Settings, seeded: Services) -> None:
    api.faults["sendMessage"] = [("429", 1), ("500", 0), ("drop", 0)]
    api.faults["getUpdates"] = [("500", 0), ("slow", 1.5)]
    async with running(tg_settings(api, settings), seeded):
        api.message("Who called the claims baseless?", chat_id=15, user_id=15)
        await api.until(lambda: len(api.sent(chat_id=15)) >= 4, timeout=40)
    attempts = api.sent(chat_id=15)
    assert len(attempts) == 4 and attempts[0]["text"] == attempts[3]["text"]
    assert api.results[15]  # the last attempt was delivered


async def test_access_lists_hold_for_messages_callbacks_and_inline(api: FakeBotAPI, settings: Settings,
                                                                   seeded: Services) -> None:
    closed = tg_settings(api, settings, allowed_user_ids=frozenset({1}))
    async with running(closed, seeded):
        api.message("Who called the claims baseless?", chat_id=16, user_id=16)
        refused = (await api.until(lambda: api.sent(chat_id=16)))[0]
        api.callback("who:0:Lukashenko", chat_id=16, user_id=16)
        api.inline("Who called the claims baseless?", user_id=16)
        await api.until(lambda: api.sent("answerCallbackQuery") and api.sent("answerInlineQuery"))
        api.message("Who called the claims baseless?", chat_id=1, user_id=1)
        allowed = (await api.until(lambda: api.sent(chat_id=1)))[0]
    assert refused["text"] == "Sorry, this bot is private."
    assert api.sent("answerCallbackQuery")[0]["show_alert"] is True
    assert api.sent("answerInlineQuery")[0]["results"] == []
    assert not api.sent("editMessageText")
    assert "Polish foreign ministry" in allowed["text"]


async def test_admin_ingest_and_refusal(api: FakeBotAPI, settings: Settings, seeded: Services) -> None:
    page = ("<html><head><title>Budget row</title></head><body><article><h1>Budget row</h1>"
            "<p>The finance minister resigned on Friday after a long row over the budget plans.</p>"
            "<p>\"I cannot support this plan,\" Maria Lopez said in a statement on Friday evening.</p>"
            "</article></body></html>")
    with FakeWeb({"/story": ("text/html", page, 200)}) as web:
        async with running(tg_settings(api, settings, admin_user_ids=frozenset({99}),
                                       fetch_allowed_hosts=("127.0.0.1",)), seeded):
            api.message(f"/ingest {web.url}/story", chat_id=17, user_id=17)
            denied = (await api.until(lambda: api.sent(chat_id=17)))[0]
            api.message(f"/ingest {web.url}/story", chat_id=99, user_id=99)
            report = await api.until(lambda: len(api.sent(chat_id=99)) >= 2 and api.sent(chat_id=99)[1], timeout=60)
    assert denied["text"] == "Only admins can add sources."
    assert "1 added" in report["text"] and "0 failed" in report["text"]
    assert any(q.speaker == "Maria Lopez" for q in seeded.store.catalog.quotes())


async def test_rate_limit_length_limit_and_markup_in_questions(api: FakeBotAPI, settings: Settings,
                                                               seeded: Services) -> None:
    limited = tg_settings(api, settings, rate_limit_per_minute=2, max_question_chars=80)
    async with running(limited, seeded):
        api.message("<b>Who</b> called the claims <i>baseless</i>? <script>alert(1)</script>", chat_id=18, user_id=18)
        await api.until(lambda: api.sent(chat_id=18))
        api.message("x" * 200, chat_id=18, user_id=18)
        await api.until(lambda: len(api.sent(chat_id=18)) >= 2)
        api.message("What did Putin say?", chat_id=18, user_id=18)
        api.message("What did Putin say?", chat_id=18, user_id=18)
        sent = await api.until(lambda: len(api.sent(chat_id=18)) >= 4 and api.sent(chat_id=18))
    texts = [p["text"] for p in sent]
    assert all(valid_html(p) for p in sent)
    assert "<script>" not in texts[0] and "Polish foreign ministry" in texts[0]
    assert "too long" in texts[1]
    assert sum("faster than I can read" in t for t in texts) == 1


async def test_error_handler_apologises_and_bot_keeps_serving(api: FakeBotAPI, settings: Settings, seeded: Services,
                                                             monkeypatch: pytest.MonkeyPatch, caplog) -> None:  # type: ignore[no-untyped-def]
    original = seeded.answerer.answer
    calls = {"n": 0}

    def flaky(question: str, previous: str | None = None):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("store exploded: secret detail")
        return original(question, previous)

    monkeypatch.setattr(seeded.answerer, "answer", flaky)
    caplog.set_level(logging.INFO)
    async with running(tg_settings(api, settings), seeded):
        api.message("Who called the claims baseless?", chat_id=19, user_id=19)
        apology = (await api.until(lambda: api.sent(chat_id=19)))[0]
        api.message("Who called the claims baseless?", chat_id=19, user_id=19)
        answer = await api.until(lambda: len(api.sent(chat_id=19)) >= 2 and api.sent(chat_id=19)[1])
    assert apology["text"].startswith("Sorry") and "secret detail" not in apology["text"]
    assert "Polish foreign ministry" in answer["text"]
    assert "store exploded" in caplog.text


async def test_llm_streaming_edits_then_verified_final(api: FakeBotAPI, settings: Settings, seeded: Services) -> None:
    with FakeOpenAI() as llm:
        def reply(messages) -> str:  # type: ignore[no-untyped-def]
            n = evidence_number(messages, "baseless")
            return ("The Polish foreign ministry dismissed Lukashenko's claims as “baseless” "
                    f"[{n}]. It also said “NATO is coming” [{n}].")

        llm.reply = reply
        llm.delay = 0.15
        seeded.answerer.llm = LLMAnswerer(Settings(_env_file=None, openai_base_url=llm.base_url,  # type: ignore[call-arg]
                                                   openai_api_key="sk-test", openai_timeout=10))
        api.faults["editMessageText"] = [("429", 1)]  # a throttled draft edit is skipped, not fatal
        async with running(tg_settings(api, settings), seeded):
            api.message("Who called the claims baseless?", chat_id=21, user_id=21)
            await api.until(lambda: any(p.get("parse_mode") == "HTML" for p in api.sent("editMessageText", 21)),
                            timeout=40)
    first = api.sent(chat_id=21)[0]
    edits = api.sent("editMessageText", chat_id=21)
    assert first["text"] == "…"
    assert len(edits) >= 2  # at least one draft, then the final
    final = edits[-1]
    assert final["parse_mode"] == "HTML" and valid_html(final)
    assert "“baseless” [1]" in final["text"] and "NATO is coming" not in final["text"]

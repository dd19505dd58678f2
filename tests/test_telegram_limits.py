"""The smaller Telegram findings: long /who pages, bad button data, rate limits everywhere, inline caching."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from bot.ingest.pipeline import Ingestor
from bot.ingest.sources import SourceReader
from bot.services import Services
from tests.fakes.telegram_server import FakeBotAPI
from tests.test_telegram import api, running, tg_settings, valid_html  # noqa: F401 (the api fixture)


def _long_quotes(services: Services, tmp_path: Path) -> None:
    """Five quotes of ~950 characters by one speaker: one /who page is longer than a Telegram message."""
    body = ["The finance minister resigned on Friday after a long row over the budget."]
    for i in range(5):
        words = " ".join(f"point{i}x{j} of the plan & <rule>" for j in range(45))
        body.append(f"\"Budget statement {i}: {words},\" Maria Lopez said.")
    path = tmp_path / "long.txt"
    path.write_text("Long quotes\n\n" + "\n\n".join(body), encoding="utf-8")
    reader = SourceReader(max_file_bytes=10**7, fetch_timeout=5)
    assert Ingestor(services.store, services.embedder, reader).run([str(path)]).ok
    assert len([q for q in services.store.catalog.quotes() if q.speaker == "Maria Lopez"]) == 5


async def test_a_long_who_page_is_split_below_the_limit(api: FakeBotAPI, settings: Settings,  # noqa: F811
                                                        seeded: Services, tmp_path: Path) -> None:
    _long_quotes(seeded, tmp_path)
    async with running(tg_settings(api, settings), seeded):
        api.message("/who Maria Lopez", chat_id=40, user_id=40)
        # The page goes out as several messages, one after the other: wait for all of them (or time out).
        parts = await api.until(lambda: sum(p["text"].count("Budget statement") for p in api.sent(chat_id=40)) >= 5
                                and api.sent(chat_id=40), timeout=30)
        assert len(parts) >= 2
    assert all(len(p["text"]) <= 4096 and valid_html(p) for p in parts)
    assert not any(p["text"].startswith("Sorry") for p in parts)
    assert sum(p["text"].count("Budget statement") for p in parts) == 5


async def test_bad_callback_data_is_answered_not_raised(api: FakeBotAPI, settings: Settings,  # noqa: F811
                                                         seeded: Services) -> None:
    async with running(tg_settings(api, settings), seeded):
        for data in ("who:abc:Lukashenko", "who:1", "src_not-a-payload", "garbage"):
            api.callback(data, chat_id=41, user_id=41)
        answers = await api.until(lambda: len(api.sent("answerCallbackQuery")) >= 4 and api.sent("answerCallbackQuery"))
    assert all("no longer valid" in a.get("text", "") for a in answers)
    assert not api.sent(chat_id=41)  # no apology: nothing raised


async def test_every_command_and_button_is_rate_limited(api: FakeBotAPI, settings: Settings,  # noqa: F811
                                                        seeded: Services) -> None:
    async with running(tg_settings(api, settings, rate_limit_per_minute=2), seeded):
        for _ in range(3):
            api.message("/sources", chat_id=42, user_id=42)
        await api.until(lambda: len(api.sent(chat_id=42)) >= 3)
        for _ in range(3):
            api.callback("who:0:Lukashenko", chat_id=43, user_id=43)
        await api.until(lambda: len(api.sent("answerCallbackQuery")) >= 3)
        api.message("/start", chat_id=42, user_id=42)
        await api.until(lambda: len(api.sent(chat_id=42)) >= 4)
    texts = [p["text"] for p in api.sent(chat_id=42)]
    assert sum("faster than I can keep up" in t for t in texts) == 2  # the third /sources and the /start
    limited = [a for a in api.sent("answerCallbackQuery") if "faster" in a.get("text", "")]
    assert len(limited) == 1
    assert len(api.sent("editMessageText", chat_id=43)) == 2


async def test_inline_answers_are_personal_when_access_lists_are_set(api: FakeBotAPI, settings: Settings,  # noqa: F811
                                                                    seeded: Services) -> None:
    async with running(tg_settings(api, settings, allowed_user_ids=frozenset({44})), seeded):
        api.inline("Who called the claims baseless?", user_id=44)
        answered = (await api.until(lambda: api.sent("answerInlineQuery"), timeout=30))[0]
    assert answered["results"] and answered["is_personal"] is True

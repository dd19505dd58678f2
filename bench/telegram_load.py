"""Load run: many chats asking at once through the fake Bot API; update->reply latency and errors."""

from __future__ import annotations

import asyncio
import statistics
import time

from pydantic import SecretStr

from bot.config import Settings
from bot.services import build_services
from bot.telegram.app import build_application
from tests.fakes.telegram_server import FakeBotAPI

TOKEN = "123456789:AAbenchTokenForTheFakeServerOnly_abcd"
QUESTIONS = ["Who called the claims baseless?", "What did Lukashenko say about Poland?",
             "What did Gordon Brown say about the economy?", "Who warned about house prices?",
             "What did Tony Blair say about Iraq?", "Did anyone from NATO comment?"]


async def _run(settings: Settings, chats: int, spread: float,
               questions: list[str] | None = None) -> tuple[list[float], int]:
    questions = questions or QUESTIONS
    services = build_services(settings)
    with FakeBotAPI(TOKEN) as api:
        tg = settings.model_copy(update={"telegram_bot_token": SecretStr(TOKEN), "telegram_api_base_url": api.root,
                                         "rate_limit_per_minute": 0})
        app = build_application(tg, services)
        await app.initialize()
        await app.post_init(app)  # type: ignore[misc]
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)  # type: ignore[union-attr]
        for q in QUESTIONS:  # warm-up
            services.answerer.answer(q)
        pushed: dict[int, float] = {}
        for i in range(chats):
            chat = 10_000 + i
            pushed[chat] = time.monotonic()
            api.message(questions[i % len(questions)], chat_id=chat, user_id=chat)
            if spread:
                await asyncio.sleep(spread / chats)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len({int(p["chat_id"]) for p in api.sent()}) < chats:
            await asyncio.sleep(0.05)
        first_reply: dict[int, float] = {}
        errors = 0
        for (method, params), at in zip(list(api.calls), list(api.call_times), strict=False):
            if method == "sendMessage":
                chat = int(params["chat_id"])
                first_reply.setdefault(chat, at)
                errors += params["text"].startswith("Sorry")
        errors += chats - len(first_reply)
        await app.updater.stop()  # type: ignore[union-attr]
        await app.stop()
        await app.shutdown()
    services.store.close()
    return sorted(1000 * (first_reply[c] - pushed[c]) for c in first_reply), errors


def _line(label: str, latencies: list[float], errors: int) -> None:
    p50 = statistics.median(latencies) if latencies else float("nan")
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    print(f"{label:<48} p50 {p50:.0f} ms, p95 {p95:.0f} ms, errors {errors}", flush=True)


def bench_telegram(settings: Settings, chats: int = 200, distinct: list[str] | None = None) -> None:
    latencies, errors = asyncio.run(_run(settings, chats, spread=10.0))
    _line(f"telegram: {chats} chats over 10 s (update->reply)", latencies, errors)
    latencies, errors = asyncio.run(_run(settings, chats, spread=0.0))
    _line(f"telegram: {chats} chats in one burst (update->reply)", latencies, errors)
    if distinct:
        # Nothing repeats here, so no answer comes from the cache: the cost of the work itself.
        latencies, errors = asyncio.run(_run(settings, len(distinct), spread=0.0, questions=distinct))
        _line(f"telegram: {len(distinct)} chats, all different, one burst", latencies, errors)

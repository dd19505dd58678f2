"""Live coverage figures: feed change -> notification delay, and answer latency idle vs during a feed ingest.

The real Application runs against the fake Bot API, a feed site on 127.0.0.1 grows, and a chat follows
the speaker its new articles quote. Questions are asked one at a time (update -> reply), first with
nothing else running, then while the bot ingests a batch of corpus articles that arrived in the feed.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from pathlib import Path

from pydantic import SecretStr

from bot.config import Settings
from bot.live.tables import LiveTables
from bot.services import build_services
from bot.telegram.app import build_application
from tests.fakes.feeds import FeedSite
from tests.fakes.telegram_server import FakeBotAPI

TOKEN = "123456789:AAbenchTokenForTheFakeServerOnly_abcd"
QUESTIONS = ["Who called the claims baseless?", "What did Gordon Brown say about the economy?",
             "Who warned about house prices?", "What did Tony Blair say about Iraq?",
             "What did Lukashenko say about Poland?", "Did anyone from NATO comment?"]
FOLLOWER = 4242
ASKER = 5151
POLL_EVERY = 2.0


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))] if values else float("nan")


def _line(label: str, value: str) -> None:
    print(f"{label:<48} {value}", flush=True)


async def _ask(api: FakeBotAPI, question: str) -> float:
    """Seconds from pushing a question to the bot's reply."""
    before = len(api.sent(chat_id=ASKER))
    started = time.monotonic()
    api.message(question, chat_id=ASKER, user_id=ASKER)
    await api.until(lambda: len(api.sent(chat_id=ASKER)) > before, timeout=120)
    return time.monotonic() - started


async def _notified(api: FakeBotAPI, words: str, timeout: float = 120) -> float:
    await api.until(lambda: any(words in p["text"] for p in api.sent(chat_id=FOLLOWER)), timeout=timeout)
    return time.monotonic()


async def _run(settings: Settings, corpus: Path, batch: int, rounds: int) -> None:
    services = build_services(settings)
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()[:batch] if line.strip()]
    with FakeBotAPI(TOKEN) as api, FeedSite() as site:
        tuned = settings.model_copy(update={
            "telegram_bot_token": SecretStr(TOKEN), "telegram_api_base_url": api.root, "rate_limit_per_minute": 0,
            "fetch_allowed_hosts": ("127.0.0.1",), "live_tick_seconds": 0.5, "notify_min_interval": 0.0})
        tables = LiveTables(services.store.catalog)
        tables.add_feed(f"{site.origin}/live", POLL_EVERY)
        tables.follow(FOLLOWER, "speaker", "Maria Lopez", ["maria lopez"], created_by=FOLLOWER)
        site.article("/warm", "Warm-up story", ["The council met on Monday to discuss the plans.",
                                                '"We will decide next week," Maria Lopez said.'], feed="/live")
        app = build_application(tuned, services)
        await app.initialize()
        await app.post_init(app)  # type: ignore[misc]
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)  # type: ignore[union-attr]
        try:
            await _notified(api, "We will decide next week")
            delays = []
            for n in range(rounds):
                words = f"Round {n} of the talks has ended without a deal"
                changed = time.monotonic()
                site.article(f"/round{n}", f"Talks round {n}", ["Negotiators left the building late on Tuesday.",
                                                                f'"{words}," Maria Lopez said.'], feed="/live")
                delays.append(await _notified(api, words) - changed)
            _line(f"live: feed change -> notification ({rounds} changes)",
                  f"median {statistics.median(delays):.1f} s, max {max(delays):.1f} s "
                  f"(poll every {POLL_EVERY:.0f} s, tick {tuned.live_tick_seconds} s)")
            for q in QUESTIONS:  # warm-up
                await _ask(api, q)
            idle = [await _ask(api, QUESTIONS[i % len(QUESTIONS)]) for i in range(30)]
            # A batch of corpus articles arrives in the feed; questions keep coming while it is ingested.
            for i, r in enumerate(records):
                site.article(f"/batch{i}", r["title"], r["text"].split("\n\n"), feed=None)
            state = site.feeds["/live"]
            state.items += [f"/batch{i}" for i in range(len(records))]
            state.version += 1
            live = app.bot_data["live"]
            started = time.monotonic()
            await api.until(lambda: live.lock.locked() and any(p.startswith("/batch") for p, _ in site.log), 60)
            busy: list[float] = []
            while True:
                took = await _ask(api, QUESTIONS[len(busy) % len(QUESTIONS)])
                if not live.lock.locked():
                    break
                busy.append(took)
            ingest = time.monotonic() - started
            _line("live: answer latency idle (30 questions)",
                  f"p50 {1000 * statistics.median(idle):.0f} ms, p95 {1000 * _p95(idle):.0f} ms")
            if busy:
                ratio = _p95(busy) / _p95(idle)
                _line(f"live: answer latency during a {len(records)}-article feed ingest",
                      f"p50 {1000 * statistics.median(busy):.0f} ms, p95 {1000 * _p95(busy):.0f} ms "
                      f"({len(busy)} questions, ingest {ingest:.0f} s)")
                _line("live: p95 during ingest / idle (target <= 2x)", f"{ratio:.2f}x")
            else:
                _line("live: answer latency during a feed ingest", "the ingest ended before a question was answered")
            # (Answers whose vector search failed and fell back to the lexical index, the whole live run.)
            _line("live: answers from the lexical index alone", f"{services.store.vector_failures}")
        finally:
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()
            await app.shutdown()
            await app.post_shutdown(app)  # type: ignore[misc]
    services.store.close()


def bench_live(settings: Settings, corpus: Path, batch: int = 120, rounds: int = 3) -> None:
    asyncio.run(_run(settings, corpus, batch, rounds))

"""Feed ingestion runs in a child process: the bot keeps answering while a poll ingests there, and a
broken feed or a dead child ends up in the feed status instead of taking the bot down."""

from __future__ import annotations

import os
import signal

from bot.config import Settings
from bot.live.tables import LiveTables
from bot.services import build_services
from tests.fakes.feeds import FeedSite
from tests.fakes.telegram_server import FakeBotAPI
from tests.test_telegram import api, running, tg_settings  # noqa: F401 (the api fixture)

TOPICS = ["the harbour", "the budget", "the rail strike", "the new school", "the bridge", "the hospital"]


def _story(site: FeedSite, n: int, feed: str) -> None:
    topic = TOPICS[n % len(TOPICS)]
    site.article(f"/s{n}", f"Council story {n}", [
        f"The city council met on Tuesday to discuss {topic} for the {n}th time this year.",
        f'"Plan number {n} for {topic} is the best we have," Maria Lopez said after the vote.',
        f"Opposition members said plan {n} came too late and cost too much money.",
        f'"We asked for a review of plan {n} months ago," councillor Sam Idris said.'], feed=feed)


async def _answered(api: FakeBotAPI, question: str, chat_id: int) -> dict:  # noqa: F811
    before = len(api.sent(chat_id=chat_id))
    api.message(question, chat_id=chat_id, user_id=chat_id)
    return (await api.until(lambda: api.sent(chat_id=chat_id)[before:], timeout=60))[0]


async def test_bot_answers_while_a_child_ingests_and_survives_a_broken_feed_and_a_dead_child(
        api: FakeBotAPI, settings: Settings, embedder) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    tuned = tg_settings(api, settings, fetch_allowed_hosts=("127.0.0.1",), live_tick_seconds=0.3,
                        notify_min_interval=0.0, rate_limit_per_minute=0)
    services = build_services(tuned)
    tables = LiveTables(services.store.catalog)
    with FeedSite() as site:
        for n in range(24):
            _story(site, n, "/council")
        site.feed("/down", mode="garbage")
        tables.add_feed(f"{site.origin}/council", 1.0)
        tables.add_feed(f"{site.origin}/down", 1.0)
        async with running(tuned, services) as app:
            live = app.bot_data["live"]
            await api.until(lambda: live.lock.locked() and site.statuses("/s0"), timeout=120)
            # The poll is ingesting (in another process): questions are answered meanwhile.
            during = []
            while live.lock.locked() and len(during) < 5:
                reply = await _answered(api, "What did Maria Lopez say about the harbour?", 7)
                during.append((reply, live.lock.locked()))
            assert any(still for _, still in during), "no answer came while the poll was still running"
            assert live.worker.pid is not None and live.worker.pid != os.getpid()
            await api.until(lambda: (tables.feed(f"{site.origin}/council").articles_added or 0) == 24, timeout=180)
            down = tables.feed(f"{site.origin}/down")
            assert down is not None and down.last_error and "not a readable RSS/Atom feed" in down.last_error
            reply = await _answered(api, "What did Maria Lopez say about plan 23?", 7)
            assert "Plan number 23" in reply["text"]  # the parent sees what the child committed
            # The child dies between polls: the next poll reports it in the feed status, the bot goes on,
            # and a later poll (a new child) ingests what arrived.
            first = live.worker.pid
            os.kill(first, signal.SIGKILL)
            _story(site, 24, "/council")
            await api.until(lambda: "died" in (tables.feed(f"{site.origin}/council").last_error or ""), timeout=60)
            reply = await _answered(api, "What did Maria Lopez say about the budget?", 8)
            assert "Maria Lopez" in reply["text"]
            await api.until(lambda: (tables.feed(f"{site.origin}/council").articles_added or 0) == 25, timeout=180)
            assert live.worker.pid not in (None, first)
            worker, second = live.worker, live.worker.pid
        assert worker.pid is None  # the application's shutdown stopped the child
    services.store.close()
    try:
        os.kill(second, 0)
        raise AssertionError(f"the ingest process {second} outlived the bot")
    except ProcessLookupError:
        pass

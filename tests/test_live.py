"""End to end: the bot follows feeds on a site that grows between polls, and followers get each new quote
once — across an updated article, a broken feed, 304s and a restart with articles ingested meanwhile."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from bot.config import Settings
from bot.ingest.sources import SourceReader
from bot.live.poller import Poller
from bot.services import build_services
from tests.fakes.feeds import FeedSite
from tests.fakes.telegram_server import FakeBotAPI, html_errors
from tests.test_telegram import api, running, tg_settings  # noqa: F401 (the api fixture)

LOPEZ = ["I cannot support this plan", "We need a new budget by March", "Taxes will not rise this year",
         "The coalition is finished"]
CHEN = ["The strike will go ahead on Monday", "Our members have voted to continue the strike"]


def _notices(api: FakeBotAPI, chat_id: int) -> list[dict[str, Any]]:  # noqa: F811
    return [p for p in api.sent(chat_id=chat_id) if "New in the coverage" in p["text"]]


def _count(api: FakeBotAPI, chat_id: int, words: str) -> int:  # noqa: F811
    return sum(p["text"].count(words) for p in _notices(api, chat_id))


def _shown(api: FakeBotAPI, chat_id: int, words: list[str]) -> bool:  # noqa: F811
    return all(_count(api, chat_id, w) for w in words)


async def test_followers_get_each_new_quote_once_across_updates_breakage_and_a_restart(
        api: FakeBotAPI, settings: Settings, embedder) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    tuned = tg_settings(api, settings, fetch_allowed_hosts=("127.0.0.1",), admin_user_ids=frozenset({99}),
                        live_tick_seconds=0.3, notify_min_interval=0.0)
    services = build_services(tuned)
    with FeedSite() as site:
        site.article("/a1", "Budget row", ["The finance minister resigned on Friday after a row over the budget.",
                                           f'"{LOPEZ[0]}," Maria Lopez said in a statement on Friday evening.'],
                     feed="/politics")
        site.article("/b1", "Strike called", ["Rail workers will walk out next week, the union said.",
                                              f'"{CHEN[0]}," union leader Li Chen told reporters.'], feed="/labour")
        async with running(tuned, services):
            api.message("/follow Maria Lopez", chat_id=10, user_id=10)
            api.message('/follow "strike"', chat_id=-20, user_id=11, chat_type="group")
            await api.until(lambda: api.sent(chat_id=10) and api.sent(chat_id=-20))
            api.message(f"/feeds add {site.origin}/politics 1s", chat_id=99, user_id=99)
            api.message(f"/feeds add {site.origin}/labour 1s", chat_id=99, user_id=99)
            api.message(f"/feeds add {site.origin}/sneaky 1s", chat_id=12, user_id=12)  # not an admin
            await api.until(lambda: _shown(api, 10, LOPEZ[:1]) and _shown(api, -20, CHEN[:1]), timeout=90)
            await api.until(lambda: 304 in site.statuses("/politics"), timeout=20)
            # The site grows: a new article, an updated one (its old quote must not come again), a broken feed.
            site.feed("/labour", mode="garbage")
            site.article("/a2", "Tax pledge", ["The party published its manifesto on Monday.",
                                               f'"{LOPEZ[2]}," Maria Lopez said at the launch.'], feed="/politics")
            site.article("/a1", "Budget row", ["The finance minister resigned on Friday after a row over the budget.",
                                               f'"{LOPEZ[0]}," Maria Lopez said in a statement on Friday evening.',
                                               f'"{LOPEZ[1]}," Lopez added.'],
                         date="Tue, 05 Mar 2024 09:00:00 GMT", feed="/politics")
            await api.until(lambda: _shown(api, 10, LOPEZ[:3]), timeout=90)
            api.message("/feeds", chat_id=12, user_id=12)
            listing = await api.until(lambda: next((p for p in api.sent(chat_id=12) if "followed feed" in p["text"]),
                                                   None), timeout=20)
        # The bot is down; another process (`whosaid watch --once`) ingests what the site adds meanwhile.
        site.feed("/labour", mode="ok")
        site.article("/a3", "Coalition talks", ["Talks between the two parties broke down late on Sunday.",
                                                f'"{LOPEZ[3]}," Maria Lopez told the BBC.'], feed="/politics")
        site.article("/b2", "Strike goes on", ["The dispute entered its second week on Monday.",
                                               f'"{CHEN[1]}," Li Chen said.'], feed="/labour")
        poller = Poller(services.store, services.embedder, lambda: SourceReader.from_settings(tuned))
        assert len(poller.poll(due_only=False).summary.added) == 2
        async with running(tuned, services):
            await api.until(lambda: _shown(api, 10, LOPEZ) and _shown(api, -20, CHEN), timeout=60)
            api.message("What did Maria Lopez say about the coalition?", chat_id=10, user_id=10)
            answer = await api.until(lambda: next((p for p in api.sent(chat_id=10) if LOPEZ[3] in p["text"]
                                                   and "New in the coverage" not in p["text"]), None), timeout=30)
            await asyncio.sleep(2.0)  # several more ticks: nothing may be sent again
    assert [_count(api, 10, q) for q in LOPEZ] == [1, 1, 1, 1]
    assert [_count(api, -20, q) for q in CHEN] == [1, 1]
    assert not any(_count(api, -20, q) for q in LOPEZ)  # the group follows a topic, not Lopez
    notices = _notices(api, 10) + _notices(api, -20)
    assert all(p["parse_mode"] == "HTML" and not html_errors(p["text"]) for p in notices)
    assert all(re.search(rf'href="{re.escape(site.origin)}/[ab]\d#:~:text=', p["text"]) for p in notices)
    assert "Only admins" in api.sent(chat_id=12)[0]["text"]
    assert "failing" in listing["text"] and "not a readable RSS/Atom feed" in listing["text"]
    assert "Maria Lopez" in answer["text"]


async def test_follow_asks_which_speaker_when_a_name_is_shared_and_unfollow_stops(
        api: FakeBotAPI, settings: Settings, tmp_path, embedder) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from bot.ingest.pipeline import Ingestor

    for name, who, words in (("tony.md", "Tony Blair", "We will stay the course in Iraq"),
                             ("ian.md", "Ian Blair", "Police numbers in London must rise")):
        (tmp_path / name).write_text(f"# {who} speaks\n\nThe speech was given on Monday in London.\n\n"
                                     f'"{words}," {who} said.\n', encoding="utf-8")
    tuned = tg_settings(api, settings, admin_user_ids=frozenset({99}), live_tick_seconds=0.3,
                        notify_min_interval=0.0)
    services = build_services(tuned)
    reader = SourceReader.from_settings(tuned)
    assert Ingestor(services.store, services.embedder, reader).run([str(tmp_path / "tony.md"),
                                                                    str(tmp_path / "ian.md")]).ok
    async with running(tuned, services):
        api.message("/follow Blair", chat_id=10, user_id=10)
        ask = await api.until(lambda: api.sent(chat_id=10))
        buttons = [b for row in ask[0]["reply_markup"]["inline_keyboard"] for b in row]
        assert "Which one?" in ask[0]["text"] and {b["text"].split(" — ")[0] for b in buttons} == {"Tony Blair",
                                                                                                    "Ian Blair"}
        ian = next(b for b in buttons if b["text"].startswith("Ian Blair"))
        api.callback(ian["callback_data"], chat_id=10, user_id=10, message_id=ask[0].get("message_id", 1))
        await api.until(lambda: api.sent("editMessageText"))
        api.message('/follow "police numbers"', chat_id=10, user_id=10)
        await api.until(lambda: any("Following “police numbers”" in p["text"] for p in api.sent(chat_id=10)))
        api.message("/following", chat_id=10, user_id=10)
        listing = await api.until(lambda: next((p for p in api.sent(chat_id=10) if "This chat follows" in p["text"]),
                                               None))
        api.message("/unfollow Blair", chat_id=10, user_id=10)
        stopped = await api.until(lambda: next((p for p in api.sent(chat_id=10) if "Stopped following" in p["text"]),
                                               None))
        stop_topic = next(b for row in listing["reply_markup"]["inline_keyboard"] for b in row
                          if "police numbers" in b["text"])
        api.callback(stop_topic["callback_data"], chat_id=10, user_id=10)
        await api.until(lambda: any(p.get("text") == "Stopped." for p in api.sent("answerCallbackQuery")))
        api.message(f"/feeds remove {'http://127.0.0.1:1/feed'}", chat_id=99, user_id=99)
        await api.until(lambda: any("Not following" in p["text"] for p in api.sent(chat_id=99)))
    assert "Ian Blair" in listing["text"] and "“police numbers”" in listing["text"]
    assert "Tony Blair" not in listing["text"]
    assert "Ian Blair" in stopped["text"]
    assert services.store.catalog.query("SELECT count(*) AS n FROM follows")[0]["n"] == 0
    services.store.close()

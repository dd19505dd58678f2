"""Followed feeds: conditional GET, entries skipped by signature, backoff, one broken feed among good ones,
and notifications read from the store (an updated article sends only its new words)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.ingest.sources import SourceReader
from bot.live.feeds import backoff, check_feed
from bot.live.notify import Notifier
from bot.live.poller import Poller
from bot.live.records import FeedRecord
from bot.live.tables import LiveTables
from bot.services import Services, build_services
from tests.fakes.feeds import FeedSite

LOPEZ_1 = "I cannot support this plan"
LOPEZ_2 = "We need a new budget by March"
CHEN = "The strike will go ahead on Monday"


def lopez(*extra: str) -> list[str]:
    return ["The finance minister resigned on Friday after a long row over the budget plans.",
            f'"{LOPEZ_1}," Maria Lopez said in a statement on Friday evening.', *extra]


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite() as s:
        yield s


@pytest.fixture
def live(settings: Settings, embedder) -> Iterator[Services]:  # type: ignore[no-untyped-def]
    services = build_services(settings.model_copy(update={"fetch_allowed_hosts": ("127.0.0.1",)}))
    yield services
    services.store.close()


def reader(settings: Settings) -> SourceReader:
    return SourceReader(max_file_bytes=settings.max_file_bytes, fetch_timeout=5, allowed_hosts=("127.0.0.1",))


def test_backoff_doubles_and_is_capped() -> None:
    assert backoff(60, 0, 3600) == 60
    assert [backoff(60, n, 3600) for n in (1, 2, 3, 6, 30)] == [120, 240, 480, 3600, 3600]
    assert backoff(7200, 3, 3600) == 7200  # never more often than the feed's own interval


def test_conditional_get_sends_the_validators_and_reads_304(site: FeedSite, settings: Settings) -> None:
    site.article("/a1", "Budget row", lopez(), feed="/feed")
    record = FeedRecord(url=f"{site.origin}/feed", every=60, added_at=0)
    with _Reader(settings) as r:
        first = check_feed(r, record, {})
        assert not first.not_modified and first.etag and len(first.items) == 1 and first.items[0].article
        record.etag = first.etag
        second = check_feed(r, record, first.signatures)
        assert second.not_modified and not second.items
        site.article("/a2", "Strike called", [f'"{CHEN}," union leader Li Chen said.'], feed="/feed")
        third = check_feed(r, record, first.signatures)
    assert not third.not_modified and third.skipped == 1 and [i.where for i in third.items] == [f"{site.origin}/a2"]
    assert site.statuses("/feed") == [200, 304, 200]
    assert site.statuses("/a1") == [200]  # the unchanged entry's page was not fetched again


class _Reader:
    def __init__(self, settings: Settings) -> None:
        self.reader = reader(settings)

    def __enter__(self) -> SourceReader:
        return self.reader

    def __exit__(self, *exc: object) -> None:
        self.reader.close()


def test_a_broken_feed_backs_off_and_leaves_the_others_running(site: FeedSite, live: Services,
                                                                settings: Settings) -> None:
    site.article("/a1", "Budget row", lopez(), feed="/good")
    site.feed("/broken", mode="500")
    site.feed("/garbage", mode="garbage")
    now = [1000.0]
    poller = Poller(live.store, live.embedder, lambda: reader(settings), max_backoff=3600, clock=lambda: now[0])
    for path in ("/good", "/broken", "/garbage"):
        poller.tables.add_feed(site.origin + path, 60)
    report = poller.poll()
    assert report.polled == 3 and not report.ok
    assert report.summary.added == [f"{site.origin}/a1"]
    feeds = {f.url.rsplit("/", 1)[1]: f for f in poller.tables.feeds()}
    assert feeds["good"].failures == 0 and feeds["good"].articles_added == 1 and feeds["good"].next_poll == 1060
    assert feeds["broken"].failures == 1 and "HTTP 500" in (feeds["broken"].last_error or "")
    assert feeds["broken"].next_poll == 1120  # backed off: twice the interval
    assert "not a readable RSS/Atom feed" in (feeds["garbage"].last_error or "")
    assert "failing (1x" in feeds["broken"].status(now=1000)
    now[0] = 1061  # the good feed is due, the failing ones are not yet
    again = poller.poll()
    assert again.polled == 1 and again.feeds[site.origin + "/good"] == "not modified"
    now[0] = 1121
    site.feed("/broken", mode="ok")
    site.article("/a2", "Strike called", [f'"{CHEN}," union leader Li Chen said on Tuesday.'], feed="/broken")
    third = poller.poll()
    assert third.feeds[site.origin + "/broken"].startswith("1 added")
    assert poller.tables.feed(site.origin + "/broken").failures == 0  # type: ignore[union-attr]


def test_notifications_come_from_the_store_once_and_updates_send_only_new_words(
        site: FeedSite, live: Services, settings: Settings) -> None:
    now = [1000.0]
    poller = Poller(live.store, live.embedder, lambda: reader(settings), clock=lambda: now[0])
    tables = LiveTables(live.store.catalog)
    tables.add_feed(site.origin + "/feed", 60)
    tables.follow(10, "speaker", "Maria Lopez", ["maria lopez"], created_by=10)
    tables.follow(-20, "topic", "budget", created_by=11)
    notifier = Notifier(live.store.catalog, live.retriever.speakers, min_interval=0)
    assert notifier.due() == []
    site.article("/a1", "Budget row", lopez(), feed="/feed")
    poller.poll()
    notices = {n.chat_id: n for n in notifier.due()}
    assert [i.text for i in notices[10].items] == [LOPEZ_1]
    assert any("budget plans" in i.text and not i.is_quote for i in notices[-20].items)
    for notice in notices.values():
        notifier.mark_sent(notifier.render(notice))
    assert notifier.due() == []
    # The article is updated: its quotes get new ids, but only the new words are news.
    site.article("/a1", "Budget row", lopez(f'"{LOPEZ_2}," Lopez added.'), date="Tue, 05 Mar 2024 09:00:00 GMT",
                 feed="/feed")
    now[0] = 1061
    assert poller.poll().summary.updated == [f"{site.origin}/a1"]
    notices = {n.chat_id: n for n in notifier.due()}
    assert [i.text for i in notices[10].items] == [LOPEZ_2]
    message = notifier.render(notices[10])
    assert LOPEZ_2 in message.text and "2024-03-05" in message.text and site.origin + "/a1#:~:text=" in message.text
    # A fresh notifier (a restart) on the same store repeats nothing that was marked sent.
    notifier.mark_sent(message)
    restarted = Notifier(live.store.catalog, live.retriever.speakers, min_interval=0)
    assert [n.chat_id for n in restarted.due()] == [-20]


def test_notifications_wait_for_the_chat_rate_limit_and_respect_access_lists(
        site: FeedSite, live: Services, settings: Settings) -> None:
    from bot.telegram.access import Access

    now = [5000.0]
    poller = Poller(live.store, live.embedder, lambda: reader(settings))
    tables = LiveTables(live.store.catalog)
    tables.add_feed(site.origin + "/feed", 60)
    tables.follow(10, "speaker", "Maria Lopez", ["maria lopez"], created_by=10)
    tables.follow(30, "speaker", "Maria Lopez", ["maria lopez"], created_by=30)
    site.article("/a1", "Budget row", lopez(), feed="/feed")
    poller.poll()
    access = Access(settings.model_copy(update={"allowed_user_ids": frozenset({10})}))
    notifier = Notifier(live.store.catalog, live.retriever.speakers, access=access, min_interval=60,
                        clock=lambda: now[0])
    notices = notifier.due()
    assert [n.chat_id for n in notices] == [10]  # chat 30 is not on the access list
    tables.mark_sent(10, [], now[0])  # chat 10 was just sent something
    assert notifier.due() == []
    now[0] += 61
    assert [n.chat_id for n in notifier.due()] == [10]


def test_a_chat_is_served_past_what_it_was_sent_even_beyond_one_scan(
        site: FeedSite, live: Services, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.live import notify

    monkeypatch.setattr(notify, "_SCAN_LIMIT", 2)  # two quotes per look: the chat is served in steps
    now = [1000.0]
    poller = Poller(live.store, live.embedder, lambda: reader(settings), clock=lambda: now[0])
    tables = LiveTables(live.store.catalog)
    tables.add_feed(site.origin + "/feed", 60)
    tables.follow(10, "speaker", "Maria Lopez", ["maria lopez"], created_by=10)
    stories = [lopez(), [f'"{LOPEZ_2}," Maria Lopez said at the launch.'], [f'"{CHEN}," Maria Lopez said later.']]
    for n, paragraphs in enumerate(stories):  # three commits, one after the other
        site.article(f"/a{n}", f"Story {n}", ["The party published its manifesto on Monday.", *paragraphs],
                     feed="/feed")
        now[0] += 61
        assert len(poller.poll().summary.added) == 1
    notifier = Notifier(live.store.catalog, live.retriever.speakers, min_interval=0)
    sent, rounds = [], 0
    while notices := notifier.due():
        rounds += 1
        assert rounds < 5
        for notice in notices:
            message = notifier.render(notice)
            sent += [i.text for i in message.items]
            notifier.mark_sent(message)
    assert sorted(sent) == sorted([LOPEZ_1, LOPEZ_2, CHEN]) and rounds >= 2
    assert LiveTables(live.store.catalog).chat_state(10)[1] == max(
        r["ingested_at"] for r in live.store.catalog.query("SELECT ingested_at FROM articles"))

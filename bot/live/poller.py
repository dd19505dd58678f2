"""One poll cycle over the followed feeds that are due, shared by `whosaid watch` and the bot's JobQueue.

Fetching happens before the writer lease is taken (a slow feed never holds up another writer); the
new articles of every due feed are then committed in one ingest under the lease. One feed failing
leaves the others alone: its error is recorded, and it is tried again after a backoff.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.embedding.backends import Embedder
from bot.ingest.pipeline import Ingestor, Summary
from bot.ingest.sources import SourceReader
from bot.live.feeds import FeedCheck, backoff, check_feed
from bot.live.records import FeedRecord
from bot.live.tables import LiveTables
from bot.storage.store import Store

log = logging.getLogger(__name__)


@dataclass
class PollReport:
    """What a cycle did: the ingest summary, and one line per feed polled."""

    summary: Summary = field(default_factory=Summary)
    feeds: dict[str, str] = field(default_factory=dict)
    polled: int = 0

    @property
    def ok(self) -> bool:
        return self.summary.ok and not any(v.startswith("error") for v in self.feeds.values())

    def report(self) -> str:
        lines = [f"polled {self.polled} feed(s)"] + [f"  {url}: {what}" for url, what in self.feeds.items()]
        return "\n".join(lines + [self.summary.report()])


class Poller:
    def __init__(self, store: Store, embedder: Embedder, reader_factory: Callable[[], SourceReader], *,
                 max_backoff: float = 21600.0, clock: Callable[[], float] = time.time,
                 pause: Callable[[], None] | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.reader_factory = reader_factory
        self.tables = LiveTables(store.catalog)
        self.max_backoff = max_backoff
        self.clock = clock
        self.pause = pause  # between pages and articles: the running bot waits there while answering

    def poll(self, *, due_only: bool = True) -> PollReport:
        """Poll the due feeds (every feed with due_only=False), ingest what is new, record each status."""
        report = PollReport()
        now = self.clock()
        feeds = [f for f in self.tables.feeds() if not due_only or (f.next_poll or 0) <= now]
        # Claim each feed for a while (its interval, at least a minute): another process polling this
        # store skips it, and a crash mid-poll only delays it.
        claimed = [f for f in feeds if self.tables.claim(f.url, now, max(f.every, 60.0), force=not due_only)]
        if not claimed:
            return report
        reader = self.reader_factory()
        try:
            checks = [(f, check_feed(reader, f, self.tables.entry_signatures(f.url), self.pause)) for f in claimed]
            items = [item for _, c in checks for item in c.items]
            summary = Ingestor(self.store, self.embedder, reader, self.pause).run_items(items) if items else Summary()
        finally:
            reader.close()
        report.summary, report.polled = summary, len(claimed)
        for record, check in checks:
            report.feeds[record.url] = self._record(record, check, summary)
        return report

    def _record(self, record: FeedRecord, check: FeedCheck, summary: Summary) -> str:
        now = self.clock()
        if check.error is not None:
            failures = record.failures + 1
            wait = backoff(record.every, failures, self.max_backoff)
            self.tables.polled(record.url, now=now, next_poll=now + wait, error=check.error)
            log.warning("feed %s failed (%s); next try in %.0f s", record.url, check.error, wait)
            return f"error: {check.error} (retry in {wait:.0f}s)"
        next_poll = now + record.every
        if check.not_modified:
            self.tables.polled(record.url, now=now, next_poll=next_poll)
            return "not modified"
        sources = {item.where for item in check.items}
        added = len([s for s in summary.added if s in sources])
        updated = len([s for s in summary.updated if s in sources])
        failed_where = {where for where, _ in summary.failed}
        failed = [i for i in check.items if i.where in failed_where or i.article is None]
        # Entries that landed are remembered; a failed one is not, and the validators are dropped so the
        # next poll reads the feed again and retries it (the rest are skipped by their signatures).
        landed = {k: v for (k, v), item in zip(check.signatures.items(), check.items, strict=True)
                  if item not in failed}
        self.tables.remember_entries(record.url, landed)
        self.tables.polled(record.url, now=now, next_poll=next_poll,
                           etag="" if failed else check.etag, last_modified="" if failed else check.last_modified,
                           added=added, updated=updated)
        return (f"{added} added, {updated} updated, {check.skipped} unchanged in the feed"
                + (f", {len(failed)} failed" if failed else ""))

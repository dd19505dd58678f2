"""Feed ingestion in a child process, so that answering keeps the bot's interpreter and a core.

HTML parsing, quote extraction and embedding are CPU-bound Python. In the bot's own process (a worker
thread) they held the GIL against the event loop and the question being prepared, and a 120-article
feed ingest made answers 3-5x slower even with small embedding calls. The child runs the same Poller
as `whosaid watch`, under the writer lease, at a lower OS priority and with torch on one thread; the
bot sees its commits through the store (a new catalogue generation reopens Chroma, notifications are
read from the catalogue). While a question is being prepared the parent raises a shared flag, and the
child pauses between embedding calls and articles as it did in-process.

The child starts on the first poll that has a due feed (a bot with no feeds never loads the model
twice) and stays up between polls (loading the model costs seconds). If it dies, the feeds of that
poll get the error in their status and the next poll starts a new child.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from bot.config import Settings
from bot.live.feeds import backoff
from bot.live.poller import Poller, PollReport
from bot.live.tables import LiveTables
from bot.storage.store import Store

log = logging.getLogger(__name__)

# In the child: its poller, built once by _start.
_poller: Poller | None = None


def _start(settings: Settings, busy: Any, nice: int) -> None:
    """Child initialiser: lower priority, one torch thread, its own store and model."""
    os.environ["OMP_NUM_THREADS"] = "1"  # before torch loads its OpenMP pool
    os.environ["MKL_NUM_THREADS"] = "1"
    if nice:
        os.nice(nice)
    import torch  # noqa: PLC0415 (only the child needs it here)

    torch.set_num_threads(1)
    from bot.ingest.sources import SourceReader  # noqa: PLC0415
    from bot.live.polite import PoliteEmbedder  # noqa: PLC0415
    from bot.services import open_store  # noqa: PLC0415

    global _poller
    store, embedder = open_store(settings)
    polite = PoliteEmbedder(embedder, busy.is_set)
    _poller = Poller(store, polite, lambda: SourceReader.from_settings(settings),
                     max_backoff=settings.feed_max_backoff, pause=polite.pause)


def _poll() -> PollReport:
    assert _poller is not None, "the ingest worker was not initialised"
    return _poller.poll()


def _pid() -> int:
    return os.getpid()


class IngestWorker:
    """The parent's handle on the child: poll() runs one poll cycle there and waits for its report."""

    def __init__(self, settings: Settings, store: Store, busy: Callable[[], bool], *, nice: int = 10) -> None:
        self.settings = settings
        self.tables = LiveTables(store.catalog)
        self.busy = busy
        self.nice = nice
        self.pid: int | None = None  # the child's, once started (tests kill it)
        self._ctx = multiprocessing.get_context("spawn")  # a fork of a threaded process can deadlock
        self._flag = self._ctx.Event()
        self._pool: ProcessPoolExecutor | None = None
        self._mutex = threading.Lock()
        self._closing = False

    def due(self, now: float | None = None) -> list[str]:
        now = time.time() if now is None else now
        return [f.url for f in self.tables.feeds() if (f.next_poll or 0) <= now]

    def poll(self) -> PollReport:
        """One poll in the child (blocking: call it from a thread). A dead child is reported per feed."""
        due = self.due()
        if not due:
            return PollReport()
        with self._mutex:
            if self._closing:
                return PollReport()
            pool = self._pool = self._pool or ProcessPoolExecutor(
                max_workers=1, mp_context=self._ctx, initializer=_start, initargs=(self.settings, self._flag, self.nice))
        try:
            if self.pid is None:
                self.pid = self._wait(pool.submit(_pid))
            return self._wait(pool.submit(_poll))
        except BrokenProcessPool as exc:
            if self._closing:  # stopped by close(): not a failure of the feeds
                return PollReport()
            return self._died(due, exc)
        finally:
            self._flag.clear()

    def _wait(self, future: Future[Any]) -> Any:
        # Mirror "a question is being prepared" into the shared flag while the child works.
        while True:
            try:
                return future.result(timeout=0.02)
            except TimeoutError:
                if self.busy():
                    self._flag.set()
                else:
                    self._flag.clear()

    def _died(self, due: list[str], exc: BaseException) -> PollReport:
        self._discard()
        report, now = PollReport(), time.time()
        error = f"the feed ingest process died ({exc or type(exc).__name__})"
        for url in due:
            record = self.tables.feed(url)
            if record is None:
                continue
            wait = backoff(record.every, record.failures + 1, self.settings.feed_max_backoff)
            self.tables.polled(url, now=now, next_poll=now + wait, error=error)
            report.feeds[url] = f"error: {error} (retry in {wait:.0f}s)"
        report.polled = len(report.feeds)
        log.error("%s; %d feed(s) will be retried after a backoff, a new process starts then", error, report.polled)
        return report

    def _discard(self) -> None:
        with self._mutex:
            pool, self._pool, self.pid = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        """Stop the child at once, even mid-poll: a commit it did not finish is undone by the next writer
        (the store's journal), and its claimed feeds are polled again once the claim runs out."""
        with self._mutex:
            self._closing = True
            pid = self.pid
        if pid is not None:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        self._discard()

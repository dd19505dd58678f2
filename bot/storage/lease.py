"""The writer lease: one process at a time may change a data dir; everyone else only reads.

The lease is an exclusive `flock` on `writer.lock` in the data dir, so the kernel releases it the moment
its holder dies (SIGKILL included): a free lock means the last writer is gone and its journal is ours
to clean. The file also names the holder (pid, host, heartbeat) for the message a waiting writer prints,
and because `flock` does not reach across hosts on every network file system, a lock taken from
another host whose heartbeat is fresh counts as held.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import threading
import time
from pathlib import Path
from typing import IO

from bot.errors import WriterBusyError

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 5.0
STALE_AFTER_SECONDS = 60.0


def holder(path: Path) -> dict[str, object]:
    """What the lock file says about its (last) holder; {} when it says nothing readable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def describe(info: dict[str, object]) -> str:
    if not info:
        return "another process"
    age = time.time() - float(info.get("heartbeat", 0) or 0)  # type: ignore[arg-type]
    return f"pid {info.get('pid')} on {info.get('host')} (heartbeat {max(age, 0):.0f}s ago)"


class WriterLease:
    """Re-entrant within the holding thread; other threads and processes wait up to `wait` seconds for it,
    then get WriterBusyError. Release from the thread that acquired it."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "writer.lock"
        self._fh: IO[str] | None = None
        self._depth = 0
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None
        self._mutex = threading.Lock()
        self._local = threading.Lock()  # held by the thread that holds the lease
        self._owner: int | None = None

    @property
    def depth(self) -> int:
        return self._depth if self._fh is not None else 0

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self, wait: float) -> None:
        me = threading.get_ident()
        with self._mutex:
            if self._fh is not None and self._owner == me:
                self._depth += 1
                return
        # Another thread of this process (a second /ingest) waits like another process would.
        deadline = time.monotonic() + max(wait, 0.0)
        if not self._local.acquire(timeout=max(wait, 0.0)) if wait > 0 else not self._local.acquire(blocking=False):
            raise WriterBusyError(f"another task of this process is changing {self.path.parent}; try again later")
        try:
            self._lock_file(deadline)
        except BaseException:
            self._local.release()
            raise
        self._owner = me

    def _lock_file(self, deadline: float) -> None:
        with self._mutex:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            told = False
            while True:
                fh = self.path.open("a+", encoding="utf-8")
                if self._try_lock(fh):
                    break
                fh.close()
                info = holder(self.path)
                if time.monotonic() >= deadline:
                    raise WriterBusyError(
                        f"another writer is changing {self.path.parent}: {describe(info)}; wait for it to "
                        "finish and run this again"
                    )
                if not told:
                    log.warning("waiting for the writer lease of %s, held by %s", self.path.parent, describe(info))
                    told = True
                time.sleep(0.2)
            self._fh, self._depth = fh, 1
            self._write(started=time.time())
            self._stop.clear()
            self._beat = threading.Thread(target=self._heartbeat, name="whosaid-lease", daemon=True)
            self._beat.start()

    def _try_lock(self, fh: IO[str]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        info = holder(self.path)
        fresh = time.time() - float(info.get("heartbeat", 0) or 0) < STALE_AFTER_SECONDS  # type: ignore[arg-type]
        other_host = info.get("host") not in (None, socket.gethostname())
        if info.get("holding") and other_host and fresh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)  # a live writer on another host: flock did not see it
            return False
        return True

    def _write(self, **extra: object) -> None:
        assert self._fh is not None
        info = holder(self.path) if "started" not in extra else {}
        info.update({"pid": os.getpid(), "host": socket.gethostname(), "heartbeat": time.time(),
                     "holding": True, **extra})
        self._fh.seek(0)
        self._fh.truncate()
        self._fh.write(json.dumps(info))
        self._fh.flush()

    def _heartbeat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            with self._mutex:
                if self._fh is None:
                    return
                try:
                    self._write()
                except OSError as exc:  # a full disk must not kill the writer; the lock itself still holds
                    log.warning("could not write the lease heartbeat: %s", exc)

    def release(self) -> None:
        with self._mutex:
            if self._fh is None:
                return
            self._depth -= 1
            if self._depth > 0:
                return
            self._stop.set()
            try:
                self._write(holding=False)
            except OSError:
                pass
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh, self._owner = None, None
            self._local.release()

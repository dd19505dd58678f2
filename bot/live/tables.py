"""Live state in the catalogue's SQLite file: followed feeds, follows, and what each chat was sent.

It lives beside the articles (same file, same connection discipline) so a restart finds it, and so the
question "which quotes arrived after this follow and were not sent yet" is one join, whoever ingested
them: the bot's own feed polling, `whosaid watch`, `whosaid ingest` or /ingest.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable

from bot.live.records import FeedRecord, Follow, Notified
from bot.storage.catalog import Catalog, speaker_key

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds(
    url TEXT PRIMARY KEY, every REAL NOT NULL, etag TEXT DEFAULT '', last_modified TEXT DEFAULT '',
    added_at REAL NOT NULL, next_poll REAL DEFAULT 0, last_poll REAL, last_success REAL, last_error TEXT,
    last_error_at REAL, failures INTEGER DEFAULT 0, articles_added INTEGER DEFAULT 0,
    articles_updated INTEGER DEFAULT 0);
CREATE TABLE IF NOT EXISTS feed_entries(feed_url TEXT, entry_key TEXT, signature TEXT,
    PRIMARY KEY(feed_url, entry_key));
CREATE TABLE IF NOT EXISTS follows(
    id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
    value_key TEXT NOT NULL, keys TEXT NOT NULL DEFAULT '[]', created_by INTEGER, created_at REAL NOT NULL,
    UNIQUE(chat_id, kind, value_key));
CREATE TABLE IF NOT EXISTS notified(chat_id INTEGER, item_key TEXT, quote_id TEXT, sent_at REAL,
    PRIMARY KEY(chat_id, item_key));
CREATE TABLE IF NOT EXISTS notify_chats(chat_id INTEGER PRIMARY KEY, last_sent REAL, seen_until REAL DEFAULT 0);
CREATE INDEX IF NOT EXISTS articles_ingested ON articles(ingested_at);
"""


class LiveTables:
    """Reads and small writes on the live tables; every write is its own short transaction."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        with catalog._lock:
            catalog.conn.executescript(_SCHEMA)

    # feeds --------------------------------------------------------------------------------------
    def add_feed(self, url: str, every: float) -> bool:
        """True when the feed is new; an existing one gets the new interval."""
        with self.catalog.transaction() as c:
            new = not c.execute("SELECT 1 FROM feeds WHERE url=?", (url,)).fetchone()
            c.execute("INSERT INTO feeds(url, every, added_at) VALUES (?,?,?) ON CONFLICT(url) DO UPDATE "
                      "SET every=excluded.every", (url, every, time.time()))
        return new

    def remove_feed(self, url: str) -> bool:
        with self.catalog.transaction() as c:
            gone = c.execute("DELETE FROM feeds WHERE url=?", (url,)).rowcount
            c.execute("DELETE FROM feed_entries WHERE feed_url=?", (url,))
        return bool(gone)

    def feeds(self) -> list[FeedRecord]:
        return [FeedRecord(**dict(r)) for r in self.catalog.query("SELECT * FROM feeds ORDER BY added_at")]

    def feed(self, url: str) -> FeedRecord | None:
        rows = self.catalog.query("SELECT * FROM feeds WHERE url=?", (url,))
        return FeedRecord(**dict(rows[0])) if rows else None

    def claim(self, url: str, now: float, hold: float, force: bool = False) -> bool:
        """Take a due feed for one poll (another process polling the same store skips it meanwhile)."""
        with self.catalog.transaction() as c:
            return c.execute("UPDATE feeds SET next_poll=? WHERE url=? AND (next_poll<=? OR ?)",
                             (now + hold, url, now, force)).rowcount == 1

    def polled(self, url: str, *, now: float, next_poll: float, etag: str | None = None,
               last_modified: str | None = None, error: str | None = None, added: int = 0,
               updated: int = 0) -> None:
        """Record one poll's outcome: success resets the failure count, an error counts one more."""
        with self.catalog.transaction() as c:
            if error is None:
                c.execute("UPDATE feeds SET last_poll=?, last_success=?, failures=0, next_poll=?,"
                          " etag=COALESCE(?, etag), last_modified=COALESCE(?, last_modified),"
                          " articles_added=articles_added+?, articles_updated=articles_updated+? WHERE url=?",
                          (now, now, next_poll, etag, last_modified, added, updated, url))
            else:
                c.execute("UPDATE feeds SET last_poll=?, last_error=?, last_error_at=?, failures=failures+1,"
                          " next_poll=? WHERE url=?", (now, error[:500], now, next_poll, url))

    def entry_signatures(self, url: str) -> dict[str, str]:
        return {r["entry_key"]: r["signature"] for r in self.catalog.query(
            "SELECT entry_key, signature FROM feed_entries WHERE feed_url=?", (url,))}

    def remember_entries(self, url: str, signatures: dict[str, str]) -> None:
        with self.catalog.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO feed_entries(feed_url, entry_key, signature) VALUES (?,?,?)",
                          [(url, k, v) for k, v in signatures.items()])

    # follows ------------------------------------------------------------------------------------
    def follow(self, chat_id: int, kind: str, value: str, keys: Iterable[str] = (),
               created_by: int | None = None) -> bool:
        """True when the chat did not follow this already."""
        with self.catalog.transaction() as c:
            return c.execute(
                "INSERT OR IGNORE INTO follows(chat_id, kind, value, value_key, keys, created_by, created_at)"
                " VALUES (?,?,?,?,?,?,?)",
                (chat_id, kind, value, follow_key(kind, value), json.dumps(sorted(set(keys))), created_by,
                 time.time())).rowcount == 1

    def unfollow(self, chat_id: int, kind: str | None = None, value: str | None = None,
                 follow_id: int | None = None) -> int:
        with self.catalog.transaction() as c:
            if follow_id is not None:
                return c.execute("DELETE FROM follows WHERE chat_id=? AND id=?", (chat_id, follow_id)).rowcount
            if kind is None or value is None:
                return c.execute("DELETE FROM follows WHERE chat_id=?", (chat_id,)).rowcount
            return c.execute("DELETE FROM follows WHERE chat_id=? AND kind=? AND value_key=?",
                             (chat_id, kind, follow_key(kind, value))).rowcount

    def follows(self, chat_id: int | None = None) -> list[Follow]:
        sql, params = "SELECT * FROM follows", ()
        if chat_id is not None:
            sql, params = sql + " WHERE chat_id=?", (chat_id,)
        return [Follow(id=r["id"], chat_id=r["chat_id"], kind=r["kind"], value=r["value"],
                       keys=json.loads(r["keys"]), created_by=r["created_by"], created_at=r["created_at"])
                for r in self.catalog.query(sql + " ORDER BY id", params)]

    # notifications ------------------------------------------------------------------------------
    def already_sent(self, chat_id: int, item_keys: Iterable[str]) -> set[str]:
        keys = list(item_keys)
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            found |= {r["item_key"] for r in self.catalog.query(
                f"SELECT item_key FROM notified WHERE chat_id=? AND item_key IN ({','.join('?' * len(part))})",
                (chat_id, *part))}
        return found

    def mark_sent(self, chat_id: int, items: list[Notified], now: float, seen_until: float = 0.0) -> None:
        """Called only after Telegram accepted the message: a crash before this repeats, never loses."""
        with self.catalog.transaction() as c:
            c.executemany("INSERT OR IGNORE INTO notified(chat_id, item_key, quote_id, sent_at) VALUES (?,?,?,?)",
                          [(chat_id, n.item_key, n.quote_id, now) for n in items])
            c.execute("INSERT INTO notify_chats(chat_id, last_sent, seen_until) VALUES (?,?,?) ON CONFLICT(chat_id)"
                      " DO UPDATE SET last_sent=excluded.last_sent, seen_until=MAX(seen_until, excluded.seen_until)",
                      (chat_id, now, seen_until))

    def mark_seen(self, chat_id: int, seen_until: float) -> None:
        """Articles up to this commit time hold nothing new for the chat (all sent already, or none)."""
        with self.catalog.transaction() as c:
            c.execute("INSERT INTO notify_chats(chat_id, last_sent, seen_until) VALUES (?,0,?) ON CONFLICT(chat_id)"
                      " DO UPDATE SET seen_until=MAX(seen_until, excluded.seen_until)", (chat_id, seen_until))

    def chat_state(self, chat_id: int) -> tuple[float, float]:
        """When the chat was last sent a notification, and up to which commit time it has been served."""
        rows = self.catalog.query("SELECT last_sent, seen_until FROM notify_chats WHERE chat_id=?", (chat_id,))
        return (float(rows[0]["last_sent"] or 0), float(rows[0]["seen_until"] or 0)) if rows else (0.0, 0.0)


def follow_key(kind: str, value: str) -> str:
    return speaker_key(value) if kind == "speaker" else " ".join(value.casefold().split())

"""One followed feed's fetch: a conditional GET, the entries that are new or changed, and the backoff."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.errors import IngestError
from bot.ingest.sources import Feed, Item, SourceReader, parse_feed
from bot.live.records import FeedRecord

log = logging.getLogger(__name__)


def backoff(every: float, failures: int, cap: float) -> float:
    """Seconds until a feed that failed `failures` times in a row is tried again: doubling, capped
    (never less than its own interval: a failing feed is not polled more often than a healthy one)."""
    if failures <= 0:
        return every
    return max(every, min(every * 2 ** min(failures, 20), cap))


@dataclass
class FeedCheck:
    """What one conditional fetch of a feed found."""

    url: str
    not_modified: bool = False
    error: str | None = None
    etag: str = ""
    last_modified: str = ""
    items: list[Item] = field(default_factory=list)  # new or changed entries, read as articles
    signatures: dict[str, str] = field(default_factory=dict)  # entry key -> signature, for those items
    skipped: int = 0  # entries the feed lists unchanged since the last poll


def check_feed(reader: SourceReader, record: FeedRecord, known: dict[str, str],
               pause: Callable[[], None] | None = None) -> FeedCheck:
    """Fetch the feed if it changed, and read the entries whose signature is new; never raises."""
    check = FeedCheck(record.url)
    try:
        page = reader.fetch_if_changed(record.url, record.etag or "", record.last_modified or "")
        if page.status == 304:
            check.not_modified = True
            return check
        feed: Feed = parse_feed(record.url, page.content)
    except IngestError as exc:
        check.error = exc.reason
        return check
    except Exception as exc:  # feedparser or the network layer on something unforeseen: this feed only
        log.exception("polling %s failed", record.url)
        check.error = f"{type(exc).__name__}: {exc}"
        return check
    check.etag, check.last_modified = page.etag, page.last_modified
    for entry in feed.entries:
        if known.get(entry.key) == entry.signature:
            check.skipped += 1
            continue
        if pause is not None:
            pause()  # reading a page parses HTML while holding the interpreter lock
        check.items.append(reader.read_entry(feed, entry))
        check.signatures[entry.key] = entry.signature
    return check

"""Typed records of live coverage: a followed feed and its status, a follow, a notification item."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from pydantic import BaseModel


class FeedRecord(BaseModel):
    """A followed feed: how often to poll it, what the server said last, and how it has been going."""

    url: str
    every: float
    etag: str | None = ""
    last_modified: str | None = ""
    added_at: float
    next_poll: float | None = 0.0
    last_poll: float | None = None
    last_success: float | None = None
    last_error: str | None = None
    last_error_at: float | None = None
    failures: int = 0
    articles_added: int = 0
    articles_updated: int = 0

    @property
    def failing(self) -> bool:
        return self.failures > 0

    def status(self, now: float | None = None) -> str:
        """One line: last success, last error, articles added."""
        now = time.time() if now is None else now
        parts = [f"every {_dur(self.every)}"]
        parts.append(f"last success {_ago(now, self.last_success)}" if self.last_success else "never polled ok")
        if self.failing and self.last_error:
            parts.append(f"failing ({self.failures}x, last {_ago(now, self.last_error_at)}: {self.last_error})")
        parts.append(f"{self.articles_added} added, {self.articles_updated} updated")
        if self.next_poll and self.next_poll > now:
            parts.append(f"next poll in {_dur(self.next_poll - now)}")
        return "; ".join(parts)


class Follow(BaseModel):
    """A chat following a speaker (an entity: its name and speaker keys) or a topic phrase."""

    id: int
    chat_id: int
    kind: str  # "speaker" | "topic"
    value: str
    keys: list[str] = []
    created_by: int | None = None
    created_at: float

    def label(self) -> str:
        return self.value if self.kind == "speaker" else f"“{self.value}”"


@dataclass
class Notified:
    """What marks an item as sent to a chat: the quote's article and words (an updated article keeps the
    words but gets new quote ids, and must not send them again), and the quote id for the record."""

    item_key: str
    quote_id: str


@dataclass
class NoticeItem:
    """One new quote (or passage on a followed topic) for one chat, already checked verbatim."""

    key: str
    quote_id: str
    ingested_at: float  # when its article was committed: the chat's watermark moves past it once sent
    follow: str  # the follow's label
    text: str
    speaker: str | None
    cue: str
    article_id: str
    title: str
    outlet: str
    published: str
    link: str
    is_quote: bool = True


@dataclass
class Notice:
    """Everything one chat is due in one message."""

    chat_id: int
    items: list[NoticeItem] = field(default_factory=list)
    seen_until: float = 0.0  # the newest commit time looked at


def _dur(seconds: float) -> str:
    from bot.retrieval.timeframe import format_duration

    return format_duration(round(seconds)) if seconds >= 1 else f"{seconds:.1f}s"


def _ago(now: float, then: float | None) -> str:
    if not then:
        return "never"
    return f"{_dur(max(now - then, 0))} ago" if now - then >= 1 else "just now"

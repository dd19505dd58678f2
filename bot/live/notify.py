"""Which new quotes each following chat is due, as one message per chat; what was sent is recorded.

Due means: a quote by a followed speaker (or a quote or passage holding a followed phrase) in an
article committed after the follow was made, checked verbatim against its article, not yet sent to
that chat. Because "new" is read from the store, it does not matter who ingested the article, and a
restart neither loses nor repeats anything: items are marked sent only after Telegram accepted them.
"""

from __future__ import annotations

import hashlib
import html
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.ingest.articles import fold
from bot.ingest.chunking import sentence_spans
from bot.live.follows import speaker_keys
from bot.live.records import Follow, Notice, NoticeItem, Notified
from bot.live.tables import LiveTables
from bot.models import Article
from bot.rendering.links import citation_link
from bot.rendering.render import esc, split_blocks
from bot.retrieval.speaker_index import SpeakerIndex
from bot.storage.catalog import Catalog
from bot.telegram.access import Access

log = logging.getLogger(__name__)
MAX_ITEMS = 8  # quotes shown in full in one message; the rest are counted (a digest)
_MESSAGE_BUDGET = 3600
_SCAN_LIMIT = 2000


def item_key(article_id: str, text: str) -> str:
    """The same words from the same article are the same news, whatever the quote's id became."""
    return hashlib.sha256(f"{article_id}\x1f{fold(text)}".encode()).hexdigest()[:24]


@dataclass
class Message:
    """A rendered notice: the HTML to send and the items it accounts for."""

    chat_id: int
    text: str
    items: list[NoticeItem]
    seen_until: float = 0.0


class Notifier:
    def __init__(self, catalog: Catalog, index: SpeakerIndex, *, access: Access | None = None,
                 min_interval: float = 60.0, bot_username: str | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.catalog = catalog
        self.tables = LiveTables(catalog)
        self.index = index
        self.access = access
        self.min_interval = min_interval
        self.bot_username = bot_username
        self.clock = clock

    # what is due ----------------------------------------------------------------------------------
    def due(self) -> list[Notice]:
        """A notice per chat that has new items and may be sent to now (rate limit and access lists)."""
        by_chat: dict[int, list[Follow]] = {}
        for f in self.tables.follows():
            if self.access is None or self.access.allowed(f.created_by, f.chat_id):
                by_chat.setdefault(f.chat_id, []).append(f)
        now = self.clock()
        notices = []
        for chat_id, follows in by_chat.items():
            last_sent, seen_until = self.tables.chat_state(chat_id)
            if now - last_sent < self.min_interval:
                continue  # what arrives meanwhile waits, and goes out together as one digest
            items, newest = self._items(chat_id, follows, seen_until)
            if items:
                notices.append(Notice(chat_id, items, newest))
            elif newest > seen_until:
                self.tables.mark_seen(chat_id, newest)  # only words already sent: nothing to say
        return notices

    def _items(self, chat_id: int, follows: list[Follow], seen_until: float) -> tuple[list[NoticeItem], float]:
        """The chat's new items, and the commit time up to which the chat is then served.

        Commits are serialised and each takes its time after the previous one is visible, so nothing not
        yet visible can be older than the newest commit visible now: that is how far a full look serves.
        A look cut short by the scan limit serves only up to just before its last commit time (the rest
        of that commit comes next time, and what was sent is never sent again).
        """
        found: dict[str, NoticeItem] = {}
        articles: dict[str, Article | None] = {}
        newest = self.catalog.query("SELECT max(ingested_at) AS t FROM articles")[0]["t"] or 0.0
        served = float(newest)
        for follow in follows:
            # Articles committed after the follow was made and after what the chat was last served.
            since = max(follow.created_at, seen_until)
            for rows, make in self._scans(follow, since):
                for r in rows:
                    if (item := make(follow, r, articles)) is not None:
                        found.setdefault(item.key, item)
                if len(rows) >= _SCAN_LIMIT:
                    last = float(rows[-1]["ingested_at"])
                    served = min(served, max([since] + [float(r["ingested_at"]) for r in rows
                                                        if float(r["ingested_at"]) < last]))
        quotes = [i for i in found.values() if i.is_quote]
        # A passage around a quote already listed adds nothing.
        items = [i for i in found.values() if i.is_quote or not any(
            q.article_id == i.article_id and q.text in i.text for q in quotes)]
        sent = self.tables.already_sent(chat_id, [i.key for i in items])
        return [i for i in items if i.key not in sent], max(served, seen_until)

    def _article(self, cache: dict[str, Article | None], article_id: str) -> Article | None:
        if article_id not in cache:
            cache[article_id] = self.catalog.article(article_id)
        return cache[article_id]

    def _scans(self, follow: Follow, since: float) -> list[tuple[list[Any], Callable[..., NoticeItem | None]]]:
        """The rows a follow matches, oldest commit first, each list with how to turn a row into an item."""
        if follow.kind == "speaker":
            keys = sorted(speaker_keys(self.index, follow.value, follow.keys))
            if not keys:
                return []
            rows = self.catalog.query(
                "SELECT q.*, a.ingested_at FROM quotes q JOIN articles a ON a.id=q.article_id WHERE a.ingested_at > ?"
                f" AND q.speaker_key IN ({','.join('?' * len(keys))}) ORDER BY a.ingested_at, q.article_id, q.start"
                f" LIMIT {_SCAN_LIMIT}", (since, *keys))
            return [(rows, self._quote_item)]
        phrase = '"' + follow.value.replace('"', " ") + '"'
        quotes = self.catalog.query(
            "SELECT q.*, a.ingested_at FROM quotes_fts f JOIN quotes q ON q.id=f.id JOIN articles a"
            " ON a.id=q.article_id WHERE quotes_fts MATCH ? AND a.ingested_at > ?"
            f" ORDER BY a.ingested_at, q.article_id, q.start LIMIT {_SCAN_LIMIT}", (phrase, since))
        chunks = self.catalog.query(
            "SELECT c.*, a.ingested_at FROM chunks_fts f JOIN chunks c ON c.id=f.id JOIN articles a"
            " ON a.id=c.article_id WHERE chunks_fts MATCH ? AND a.ingested_at > ?"
            f" ORDER BY a.ingested_at, c.article_id, c.start LIMIT {_SCAN_LIMIT}", (phrase, since))
        return [(quotes, self._quote_item), (chunks, self._passage_item)]

    def _quote_item(self, follow: Follow, row: object, articles: dict[str, Article | None]) -> NoticeItem | None:
        r = dict(row)  # type: ignore[call-overload]
        article = self._article(articles, r["article_id"])
        # Verified like any answer: the words must be exactly where the quote says they are.
        if article is None or article.text[r["start"]:r["end"]] != r["text"]:
            log.warning("notify: quote %s does not match its article; not sent", r["id"])
            return None
        return self._item(follow, article, r, r["start"], r["end"], r["speaker"], r["cue"] or "said", True)

    def _passage_item(self, follow: Follow, row: object, articles: dict[str, Article | None]) -> NoticeItem | None:
        r = dict(row)  # type: ignore[call-overload]
        article = self._article(articles, r["article_id"])
        if article is None:
            return None
        words = fold(follow.value)
        spans = [s for lo, hi in _paragraphs(article.text, r["start"], r["end"])
                 for s in (sentence_spans(article.text, lo, hi) or [(lo, hi)])]
        # The title line is not a passage: the message names the article anyway.
        hit = next(((lo, hi) for lo, hi in spans if words in fold(article.text[lo:hi])
                    and fold(article.text[lo:hi]) != fold(article.title)), None)
        if hit is None:
            return None  # the lexical index matched stems only; a notification shows the phrase itself
        return self._item(follow, article, r, hit[0], hit[1], None, "", False)

    def _item(self, follow: Follow, article: Article, row: dict[str, object], start: int, end: int,
              speaker: str | None, cue: str, is_quote: bool) -> NoticeItem:
        text = article.text[start:end]
        return NoticeItem(
            key=item_key(article.id, text), quote_id=str(row["id"]), ingested_at=float(row["ingested_at"] or 0),
            follow=follow.label(), text=text, speaker=speaker,
            cue=cue, article_id=article.id, title=article.title, outlet=article.outlet,
            published=article.published or article.updated,
            link=citation_link(article.url, text, article.id, start, end, self.bot_username, article.source),
            is_quote=is_quote)

    # rendering and recording ------------------------------------------------------------------------
    def render(self, notice: Notice) -> Message:
        """One message: the first items in full, the rest counted, under Telegram's limit."""
        head = "🔔 <b>New in the coverage</b>"
        blocks: list[str] = []
        size = len(head)
        shown: list[NoticeItem] = []
        for item in notice.items:
            block = _block(item)
            if len(shown) >= MAX_ITEMS or size + len(block) > _MESSAGE_BUDGET:
                break
            blocks.append(block)
            shown.append(item)
            size += len(block) + 2
        rest = notice.items[len(shown):]
        if rest:
            counts: dict[str, int] = {}
            for item in rest:
                counts[item.follow] = counts.get(item.follow, 0) + 1
            more = ", ".join(f"{esc(k)} ({n})" for k, n in counts.items())
            blocks.append(f"…and {len(rest)} more: {more}. /who NAME lists a speaker's quotes.")
        text = split_blocks([head, *blocks])[0]
        # The digest line accounts for the rest: they were announced, and are not sent again later.
        return Message(notice.chat_id, text, notice.items, notice.seen_until)

    def mark_sent(self, message: Message) -> None:
        self.tables.mark_sent(message.chat_id, [Notified(i.key, i.quote_id) for i in message.items], self.clock(),
                              message.seen_until)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs of text[start:end] (a title line has no full stop to end its sentence)."""
    spans, cursor = [], start
    while (cut := text.find("\n\n", cursor, end)) >= 0:
        spans.append((cursor, cut))
        cursor = cut + 2
    spans.append((cursor, end))
    return [(lo, hi) for lo, hi in spans if text[lo:hi].strip()]


def _block(item: NoticeItem) -> str:
    meta = ", ".join(esc(p) for p in (item.outlet, item.published) if p)
    title = esc(html.unescape(item.title) or item.article_id)
    if item.link.startswith("http"):
        title = f'<a href="{html.escape(item.link, quote=True)}">{title}</a>'
    source = f"{title}" + (f" · {meta}" if meta else "")
    if item.is_quote and item.speaker:
        topic = f" · on {esc(item.follow)}" if item.follow != item.speaker else ""
        return (f"<b>{esc(item.speaker)}</b> <i>({esc(item.cue)})</i>{topic}\n"
                f"<blockquote>{esc(item.text)}</blockquote>\n{source}")
    label = f"On {esc(item.follow)}" + (" (unattributed quote)" if item.is_quote else "")
    return f"<b>{label}</b>\n{esc(item.text)}\n{source}"

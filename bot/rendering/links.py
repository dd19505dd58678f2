"""Links to the exact place of a quote: URL text fragments, or the bot's own source view."""

from __future__ import annotations

import re
from urllib.parse import quote as percent

_PAYLOAD_PREFIX = "src_"


def _fragment_part(text: str) -> str:
    # Text-fragment syntax reserves '-', ',' and '&'; percent-encode everything that is not unreserved.
    return percent(text, safe="").replace("-", "%2D")


def text_fragment(quote: str) -> str:
    """`#:~:text=` fragment matching the quote: whole when short, first and last words when long."""
    words = re.sub(r"\s+", " ", quote).strip().split(" ")
    if len(words) <= 8:
        return "#:~:text=" + _fragment_part(" ".join(words))
    return "#:~:text=" + _fragment_part(" ".join(words[:4])) + "," + _fragment_part(" ".join(words[-4:]))


def source_payload(article_id: str, start: int, end: int) -> str:
    """A /start payload (<= 64 chars of [A-Za-z0-9_-]) that opens a passage in the bot."""
    return f"{_PAYLOAD_PREFIX}{article_id}_{start}_{end}"[:64]


def parse_payload(payload: str) -> tuple[str, int, int] | None:
    if not payload.startswith(_PAYLOAD_PREFIX):
        return None
    try:
        article_id, start, end = payload[len(_PAYLOAD_PREFIX):].rsplit("_", 2)
        return article_id, int(start), int(end)
    except ValueError:
        return None


def local_link(source: str, article_id: str, start: int, end: int) -> str:
    """Where a passage of an article without a URL lives, for the terminal: its file (or id) and offsets."""
    return f"{source or 'article ' + article_id}#chars={start}-{end}"


def parse_local_link(link: str) -> tuple[int, int] | None:
    m = re.search(r"#chars=(\d+)-(\d+)$", link)
    return (int(m.group(1)), int(m.group(2))) if m else None


def citation_link(url: str, quote: str, article_id: str, start: int, end: int, bot_username: str | None,
                  source: str = "") -> str:
    """The URL with a text fragment; else the bot's deep link (Telegram knows its name); else the source
    file or id with the offsets — never a placeholder bot name."""
    if url:
        return url.split("#", 1)[0] + text_fragment(quote)
    if bot_username:
        return f"https://t.me/{bot_username}?start={source_payload(article_id, start, end)}"
    return local_link(source, article_id, start, end)

"""Render answers for people: plain text for the terminal, Telegram HTML split below 4096 characters."""

from __future__ import annotations

import html
import re

from bot.models import Answer, Citation


def esc(text: str) -> str:
    """Escape text for Telegram HTML (quotes need no escaping outside attributes)."""
    return html.escape(text, quote=False)


TELEGRAM_LIMIT = 4096
_SAFE_LIMIT = 3900
_QUOTE_LINE = re.compile(r"^(?P<who>[^:“\"\n]{1,120}?) \((?P<cue>[^)]{1,60})\): (?P<quote>.+) (?P<marks>(?:\[\d+\])+)$")


def source_line(c: Citation) -> str:
    parts = [p for p in (c.outlet, c.published) if p]
    head = f"{c.title}" + (f" — {', '.join(parts)}" if parts else "")
    return head


def _unwrap(quote: str) -> str:
    """A whole quote loses its marks inside a blockquote; a sentence around a partial quote keeps them."""
    if quote.startswith("“") and quote.endswith("”") and quote.count("“") == 1:
        return quote[1:-1]
    return quote


def render_plain(answer: Answer) -> str:
    lines = [answer.answer, ""]
    for c in answer.citations:
        who = f"{c.speaker}: " if c.speaker else ""
        lines.append(f"[{c.n}] {who}{source_line(c)}\n    {c.link}")
    if answer.refused and not answer.citations:
        lines.pop()
    return "\n".join(lines).rstrip()


def render_html_blocks(answer: Answer) -> list[str]:
    """The answer as HTML blocks (paragraphs); each block is self-contained valid Telegram HTML."""
    blocks: list[str] = []
    for line in answer.answer.split("\n"):
        if not line.strip():
            continue
        if m := _QUOTE_LINE.match(line):
            blocks.append(
                f"<b>{esc(m['who'])}</b> <i>({esc(m['cue'])})</i> {esc(m['marks'])}\n"
                f"<blockquote>{esc(_unwrap(m['quote']))}</blockquote>"
            )
        else:
            blocks.append(esc(line))
    if answer.citations:
        blocks.append("<b>Sources</b>")
        for c in answer.citations:
            who = f"{esc(c.speaker)} · " if c.speaker else ""
            blocks.append(
                f"[{c.n}] {who}<a href=\"{html.escape(c.link, quote=True)}\">{esc(source_line(c))}</a>"
            )
    return blocks


def split_blocks(blocks: list[str], limit: int = _SAFE_LIMIT) -> list[str]:
    """Join blocks into messages under the limit, breaking only between blocks (never inside a tag)."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        while len(block) > limit:
            # One block longer than a message: cut its text, never its markup.
            head, block = _cut_block(block, limit)
            if current:
                messages.append(current)
                current = ""
            messages.append(head)
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) > limit:
            messages.append(current)
            current = block
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages


def _cut_block(block: str, limit: int) -> tuple[str, str]:
    """Split an over-long block on plain text; re-open a blockquote if the cut falls inside one."""
    text = re.sub(r"<[^>]+>", "", block)
    plain = html.unescape(text)
    cut = plain.rfind(" ", 0, limit - 200)
    cut = cut if cut > 0 else limit - 200
    head, rest = plain[:cut], plain[cut:]
    inside = "<blockquote>" in block
    wrap = (lambda s: f"<blockquote>{esc(s)}</blockquote>") if inside else esc
    return wrap(head), wrap(rest.strip())


def render_html(answer: Answer) -> list[str]:
    return split_blocks(render_html_blocks(answer))

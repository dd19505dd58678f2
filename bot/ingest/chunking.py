"""Split an article into chunks with exact offsets: whole paragraphs packed, long ones cut at sentences."""

from __future__ import annotations

import re

from bot.models import Article, Chunk

TARGET_CHARS = 700
# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before whitespace.
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])""")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets within text[start:end]."""
    spans = []
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        cut = m.end()
        stripped_end = m.start() + len(m.group().rstrip())
        spans.append((cursor, stripped_end))
        cursor = cut
    if cursor < end:
        spans.append((cursor, end))
    return [s for s in spans if s[1] > s[0]]


def _pieces(article: Article, target: int) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) units no longer than target unless a single sentence is."""
    pieces: list[tuple[int, int, int]] = []
    for p, (start, end) in enumerate(article.paragraphs):
        if end - start <= target:
            pieces.append((start, end, p))
            continue
        group_start, group_end = None, None
        for s, e in sentence_spans(article.text, start, end):
            if group_start is not None and e - group_start > target:
                pieces.append((group_start, group_end, p))  # type: ignore[arg-type]
                group_start = None
            if group_start is None:
                group_start = s
            group_end = e
        if group_start is not None:
            pieces.append((group_start, group_end, p))  # type: ignore[arg-type]
    return pieces


def chunk_article(article: Article, target: int = TARGET_CHARS) -> list[Chunk]:
    """Pack consecutive paragraphs up to the target; never cut inside a sentence."""
    chunks: list[Chunk] = []
    current: tuple[int, int, int] | None = None
    for start, end, para in _pieces(article, target):
        if current and end - current[0] <= target and current[1] - current[0] < target // 2:
            current = (current[0], end, current[2])
            continue
        if current:
            chunks.append(_make(article, len(chunks), *current))
        current = (start, end, para)
    if current:
        chunks.append(_make(article, len(chunks), *current))
    return chunks


def _make(article: Article, index: int, start: int, end: int, paragraph: int) -> Chunk:
    return Chunk(
        id=f"{article.id}:{article.content_hash[:8]}:c{index}", article_id=article.id, text=article.text[start:end],
        start=start, end=end, paragraph=paragraph,
    )

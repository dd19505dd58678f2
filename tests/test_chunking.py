"""Chunks carry exact offsets and respect paragraphs and sentences."""

from __future__ import annotations

import random

from bot.ingest.chunking import TARGET_CHARS, chunk_article
from bot.ingest.sources import _item_from_record, article_from_text
from tests.conftest import SEED, corpus_articles


def _check(article) -> None:  # type: ignore[no-untyped-def]
    chunks = chunk_article(article)
    assert chunks
    for c in chunks:
        assert article.text[c.start:c.end] == c.text
        assert c.text == c.text.strip()
    # Chunks cover every paragraph's text in order, without overlap.
    assert all(a.end <= b.start for a, b in zip(chunks, chunks[1:], strict=False))
    covered = "".join(c.text for c in chunks)
    assert "".join(covered.split()) == "".join(article.text.split())


def test_seed_offsets_hold() -> None:
    article = article_from_text(str(SEED), SEED.read_text(encoding="utf-8"))
    _check(article)
    for c in chunk_article(article):
        assert len(c.text) <= TARGET_CHARS or "." not in c.text[:-1]


def test_corpus_offsets_hold_for_a_sample() -> None:
    records = corpus_articles()
    for record in random.Random(7).sample(records, 150):
        item = _item_from_record(record["id"], record)
        assert item.article is not None
        _check(item.article)


def test_long_paragraph_is_cut_at_sentences() -> None:
    body = " ".join(f"Sentence number {i} says something rather long about the economy." for i in range(60))
    article = article_from_text("x.txt", "Title\n\n" + body)
    chunks = chunk_article(article)
    assert len(chunks) > 3
    assert all(c.text.endswith(".") for c in chunks)

"""From retrieval hits to numbered citations: the evidence both answerers cite."""

from __future__ import annotations

import re

from bot.catalog import STOPWORDS
from bot.chunking import sentence_spans
from bot.links import citation_link
from bot.models import Citation
from bot.retrieve import Hit


def stem(word: str) -> str:
    word = word.casefold().strip("'’")
    for suffix in ("ingly", "edly", "ing", "ies", "ied", "es", "ed", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[\w'’-]+", text) if w.casefold() not in STOPWORDS and len(w) > 2}


def overlap(terms: set[str], text: str) -> float:
    """Share of the question's content words that appear in the text."""
    if not terms:
        return 0.0
    return len(terms & content_stems(text)) / len(terms)


def context_of(hit: Hit) -> str:
    """The quote's sentence (or whole paragraph) — what makes a quote relevant is often around it."""
    text = hit.article.text
    if hit.quote is None:
        return hit.text
    p = hit.quote.paragraph
    if p < len(hit.article.paragraphs):
        lo, hi = hit.article.paragraphs[p]
        return text[lo:hi]
    return hit.quote.text


def best_sentence(hit: Hit, terms: set[str]) -> tuple[int, int]:
    """The passage's sentence that shares most with the question (offsets into the article)."""
    spans = sentence_spans(hit.article.text, hit.start, hit.end) or [(hit.start, hit.end)]
    return max(spans, key=lambda s: (overlap(terms, hit.article.text[s[0]:s[1]]), -s[0]))


def make_citation(n: int, hit: Hit, terms: set[str], bot_username: str) -> Citation:
    art = hit.article
    if hit.quote is not None:
        start, end, speaker, is_quote = hit.quote.start, hit.quote.end, hit.quote.speaker, True
    else:
        (start, end), speaker, is_quote = best_sentence(hit, terms), None, False
    text = art.text[start:end]
    return Citation(
        n=n, quote=text, speaker=speaker, article_id=art.id, title=art.title, outlet=art.outlet,
        published=art.published or art.updated, url=art.url,
        link=citation_link(art.url, text, art.id, start, end, bot_username), start=start, end=end,
        is_quote=is_quote, quote_id=hit.quote.id if hit.quote else None,
    )

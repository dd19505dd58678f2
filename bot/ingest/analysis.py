"""Reading articles for the store: their quotes (with speakers), speaker roles and chunks.

Articles are analysed in groups so spaCy parses them in one batched pass; a large group is parsed by two
forked processes while nothing else runs (`bot/quotes/nlp.py`: 1.9x faster on 2 cores). (Parsing in worker
processes *beside* the embedding was measured and dropped: on 2 cores the int8 model on one thread per
process, or on two threads sharing a core with the parser, lost more than the overlap gained.)
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from bot.ingest.chunking import chunk_article
from bot.models import Article, Chunk, Quote
from bot.quotes import extract_many

log = logging.getLogger(__name__)
# One huge article (a 10 MB JSON Lines record) must not become a flood of quotes.
MAX_QUOTES_PER_ARTICLE = 1000


@dataclass
class Analysis:
    quotes: list[Quote]
    roles: list[tuple[str, str, str]]
    chunks: list[Chunk]
    seconds: float  # this article's share of its group's analysis time


def analyse(articles: list[Article]) -> list[Analysis | str]:
    """Each article's analysis, or why it failed; one article's failure leaves the others analysed."""
    began = time.perf_counter()
    out: list[Analysis | str] = []
    for article, extracted in zip(articles, extract_many(articles), strict=True):
        try:
            if isinstance(extracted, Exception):
                raise extracted  # reported below, like a failure of the chunking
            quotes, roles = extracted
            if len(quotes) > MAX_QUOTES_PER_ARTICLE:
                log.warning("%s: kept the first %d of %d quotes", article.source, MAX_QUOTES_PER_ARTICLE, len(quotes))
                quotes = quotes[:MAX_QUOTES_PER_ARTICLE]
            out.append(Analysis(quotes, roles, chunk_article(article), 0.0))
        except Exception as exc:  # a bug in one article's analysis must not stop the others
            log.error("analysing %s failed", article.source, exc_info=exc)
            out.append(f"could not analyse the article ({type(exc).__name__}: {exc})")
    share = (time.perf_counter() - began) / max(len(articles), 1)
    for result in out:
        if isinstance(result, Analysis):
            result.seconds = share
    return out

"""The ingest pipeline: sources -> articles -> chunks + quotes -> embeddings -> store, in batches."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bot.embedding.backends import Embedder
from bot.ingest.analysis import analyse
from bot.ingest.sources import FILE_SUFFIXES, Item, SourceReader, expand, is_url
from bot.models import Article, Quote
from bot.storage.store import Pending, Store

log = logging.getLogger(__name__)
# Texts (chunks + quotes) per embedding batch: the model sorts a batch by length before padding, so
# smaller batches cost measurably more per text; larger ones hold more memory and lose more on a failure.
BATCH_TEXTS = 512
# Articles analysed together, by two forked processes from `extract.PARALLEL_MIN_ARTICLES` articles; each
# group pays for starting them and for the worker that finishes first waiting on the other: groups of 384
# analysed 768 BBC articles in 8.8 s, groups of 96 in 10.5 s. One at a time when the bot is waiting to
# answer between articles (see `pause`).
ANALYSIS_GROUP = 384


@dataclass
class Summary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)  # also counted as updated
    chunks: int = 0
    quotes: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0
    extract_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def line(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
                f"{len(self.failed)} failed ({self.chunks} chunks, {self.quotes} quotes embedded "
                f"in {self.seconds:.1f}s)")

    def report(self) -> str:
        lines = [self.line()]
        if self.embed_seconds or self.extract_seconds:
            lines.append(f"  time: {self.extract_seconds:.1f}s analysing (parse and attribution), "
                         f"{self.embed_seconds:.1f}s embedding")
        lines += [f"  repaired: {where}: its vectors were missing from Chroma" for where in self.repaired]
        lines += [f"  failed: {where}: {reason}" for where, reason in self.failed]
        return "\n".join(lines)


@dataclass
class _Admitted:
    """An article that needs analysing and embedding: new, changed, replacing another or repaired."""

    article: Article
    where: str
    status: str  # "added" or "updated"
    replaces: list[str]


def quote_document(quote: Quote) -> str:
    """What a quote is embedded as: the speaker matters for 'what did X say about Y'."""
    return f"{quote.speaker} said: {quote.text}" if quote.speaker else quote.text


def embedding_texts(pendings: list[Pending]) -> list[str]:
    """What a batch embeds, in the order its vectors are handed back: every chunk, then every quote."""
    return [c.text for p in pendings for c in p.chunks] + [quote_document(q) for p in pendings for q in p.quotes]


def _replaces_by_source(article: Article) -> bool:
    """A whole file or page is one article: when its content changes, the new article replaces the old."""
    if is_url(article.source):
        return True
    return Path(article.source).suffix.lower() in FILE_SUFFIXES - {".json", ".jsonl"}


class Ingestor:
    """Reads, prepares and commits articles; one bad item never stops the rest."""

    def __init__(self, store: Store, embedder: Embedder, reader: SourceReader,
                 pause: Callable[[], None] | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.reader = reader
        # Called before each article's analysis: a background ingest in the bot waits there while a
        # question is being answered (parsing holds the interpreter lock; answers would queue behind it).
        self.pause = pause
        self._group = 1 if pause is not None else ANALYSIS_GROUP
        self.summary = Summary()
        self._waiting: list[_Admitted] = []
        self._batch: list[tuple[Pending, str]] = []
        self._seen: set[str] = set()
        self._unembedded: set[str] = set()
        # Reading, embedding and storing overlap, one worker per stage so batches stay in order and
        # memory stays bounded. A local model is the exception: torch splits every operation evenly over
        # the cores, so any other CPU work at the same time stalls it (on 2 cores, a tenth of one core
        # busy elsewhere slowed encoding by about 13%). There, batches are embedded on the reading thread
        # with nothing else running, and storing batch N overlaps preparing batch N+1 instead.
        self._embedder_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whosaid-embed")
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whosaid-store")
        self._embedding: Future[None] | None = None
        self._writing: Future[None] | None = None

    def run(self, targets: list[str], on_progress: Callable[[int, int], None] | None = None) -> Summary:
        """Ingest under the store's writer lease (waiting for another writer to finish first)."""
        units, missing = expand(targets)
        for item in missing:
            self.summary.failed.append((item.where, item.error or "unreadable"))
        total = sum(u.estimate for u in units)
        with self.store.writing():
            return self._run((item for unit in units for item in self.reader.read(unit)), total, on_progress)

    def run_items(self, items: list[Item]) -> Summary:
        """Ingest items already read (the bot fetches its URLs first, outside the writer lease)."""
        with self.store.writing():
            return self._run(iter(items), len(items), None)

    def _run(self, items: Iterator[Item], total: int, on_progress: Callable[[int, int], None] | None) -> Summary:
        started = time.perf_counter()
        self._unembedded = self.store.articles_missing_vectors()
        done = 0
        for item in items:
            self._take(item)
            done += 1
            if on_progress:
                on_progress(done, max(total, done))
        self._analyse()
        self._flush()
        self._wait(self._embedding)
        self._wait(self._writing)
        self._embedder_pool.shutdown()
        self._writer.shutdown()
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _take(self, item: Item) -> None:
        if item.article is None:
            self.summary.failed.append((item.where, item.error or "unreadable"))
            return
        article = item.article
        if article.id in self._seen:
            self.summary.unchanged.append(item.where)
            return
        self._seen.add(article.id)
        catalog = self.store.catalog
        old_hash = catalog.article_hashes([article.id]).get(article.id)
        replaces = []
        if _replaces_by_source(article):
            replaces = [i for i in catalog.ids_for_source(article.source) if i != article.id]
        repair = article.id in self._unembedded
        if old_hash == article.content_hash and not replaces and not repair:
            self.summary.unchanged.append(item.where)
            return
        status = "updated" if (old_hash or replaces) else "added"
        if repair and old_hash == article.content_hash:
            self.summary.repaired.append(item.where)  # unchanged text, but its vectors were gone: re-embed
        self._waiting.append(_Admitted(article, item.where, status, replaces))
        if len(self._waiting) >= self._group:
            self._analyse()

    def _analyse(self) -> None:
        """Analyse the waiting articles together; queue each for embedding, or report why it failed."""
        group, self._waiting = self._waiting, []
        if not group:
            return
        if self.pause is not None:
            self.pause()
        for admitted, result in zip(group, analyse([a.article for a in group]), strict=True):
            if isinstance(result, str):
                self.summary.failed.append((admitted.where, result))
                self._seen.discard(admitted.article.id)
                continue
            self.summary.extract_seconds += result.seconds
            pending = Pending(admitted.article, result.chunks, result.quotes, result.roles, admitted.replaces)
            self._batch.append((pending, admitted.status))
            if sum(len(p.chunks) + len(p.quotes) for p, _ in self._batch) >= BATCH_TEXTS:
                self._flush()

    def _flush(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        if self.embedder.local_cpu:
            self._wait(self._writing)
            self._embed(batch)
            return
        self._wait(self._embedding)
        self._embedding = self._embedder_pool.submit(self._embed, batch)

    def _embed(self, batch: list[tuple[Pending, str]]) -> None:
        pendings = [p for p, _ in batch]
        try:
            t = time.perf_counter()
            texts = embedding_texts(pendings)
            vectors = []
            for i in range(0, len(texts), BATCH_TEXTS):
                vectors += self.embedder.embed(texts[i:i + BATCH_TEXTS])
            self.summary.embed_seconds += time.perf_counter() - t
        except Exception as exc:  # embedding service down: report every article of the batch
            self._failed(batch, "embed", exc)
            return
        cursor = 0
        for p in pendings:
            p.chunk_vectors = vectors[cursor:cursor + len(p.chunks)]
            cursor += len(p.chunks)
        for p in pendings:
            p.quote_vectors = vectors[cursor:cursor + len(p.quotes)]
            cursor += len(p.quotes)
        self._wait(self._writing)
        self._writing = self._writer.submit(self._store, batch)

    def _store(self, batch: list[tuple[Pending, str]]) -> None:
        try:
            self.store.commit([p for p, _ in batch])
        except Exception as exc:  # store down: the batch fails, nothing half-written stays visible
            self._failed(batch, "store", exc)
            return
        for p, status in batch:
            getattr(self.summary, status).append(p.article.source)
            self.summary.chunks += len(p.chunks)
            self.summary.quotes += len(p.quotes)

    @staticmethod
    def _wait(future: Future[None] | None) -> None:
        if future is not None:
            future.result()

    def _failed(self, batch: list[tuple[Pending, str]], stage: str, exc: Exception) -> None:
        log.error("could not %s a batch of %d articles", stage, len(batch), exc_info=exc)
        for p, _ in batch:
            self.summary.failed.append((p.article.source, f"could not {stage} ({type(exc).__name__}: {exc})"))
            self._seen.discard(p.article.id)

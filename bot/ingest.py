"""The ingest pipeline: sources -> articles -> chunks + quotes -> embeddings -> store, in batches."""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bot.chunking import chunk_article
from bot.embeddings import Embedder
from bot.models import Article, Chunk, Quote
from bot.quotes import extract_quotes
from bot.sources import FILE_SUFFIXES, Item, SourceReader, expand, is_url
from bot.store import Pending, Store

log = logging.getLogger(__name__)
# Texts (chunks + quotes) per embedding batch: the model sorts a batch by length before padding, so
# smaller batches cost measurably more per text; larger ones hold more memory and lose more on a failure.
BATCH_TEXTS = 512
# Articles are analysed in groups of about this much text (roughly half a batch of news copy).
ANALYSIS_CHARS = 60_000
# Below this many items, starting an analysis process costs more than it saves.
PROCESS_MIN_ITEMS = 200


@dataclass
class Summary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
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
        lines += [f"  failed: {where}: {reason}" for where, reason in self.failed]
        return "\n".join(lines)


def quote_document(quote: Quote) -> str:
    """What a quote is embedded as: the speaker matters for 'what did X say about Y'."""
    return f"{quote.speaker} said: {quote.text}" if quote.speaker else quote.text


@dataclass
class Analysis:
    """What an article's analysis produced, or why it failed; crosses the process boundary."""

    quotes: list[Quote] = field(default_factory=list)
    roles: list[tuple[str, str, str]] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    extract_seconds: float = 0.0
    error: str | None = None


def analyse(articles: list[Article]) -> list[Analysis]:
    """Quotes, speaker roles and chunks of each article; a bug in one article fails that article only."""
    out = []
    for article in articles:
        try:
            t = time.perf_counter()
            quotes, roles = extract_quotes(article)
            seconds = time.perf_counter() - t
            out.append(Analysis(quotes, roles, chunk_article(article), seconds))
        except Exception as exc:
            log.exception("analysing %s failed", article.source)
            out.append(Analysis(error=f"could not analyse the article ({type(exc).__name__}: {exc})"))
    return out


def _analysis_process() -> ProcessPoolExecutor | None:
    # spawn, not fork: the parent runs torch and Chroma threads, which a forked child would inherit broken.
    try:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    except OSError:  # no process semaphores (some containers): analyse in this process
        log.warning("cannot start an analysis process; analysing in this process", exc_info=True)
        return None


def _replaces_by_source(article: Article) -> bool:
    """A whole file or page is one article: when its content changes, the new article replaces the old."""
    if is_url(article.source):
        return True
    return Path(article.source).suffix.lower() in FILE_SUFFIXES - {".json", ".jsonl"}


class Ingestor:
    """Reads, prepares and commits articles; one bad item never stops the rest."""

    def __init__(self, store: Store, embedder: Embedder, reader: SourceReader) -> None:
        self.store = store
        self.embedder = embedder
        self.reader = reader
        self.summary = Summary()
        self._todo: list[tuple[Article, str, list[str], str]] = []  # article, status, replaces, where
        self._todo_chars = 0
        self._batch: list[tuple[Pending, str]] = []
        self._seen: set[str] = set()
        # Reading, embedding and storing overlap, one worker per stage so batches stay in order and
        # memory stays bounded. A local model is the exception: torch splits every operation evenly over
        # the cores, so any other CPU work at the same time stalls it (on 2 cores, a tenth of one core
        # busy elsewhere slowed encoding by about 13%). There, batches are embedded on the reading thread
        # with nothing else running, and storing batch N overlaps analysing batch N+1. For large inputs
        # that analysis runs in a second process, because Chroma's writes hold the GIL.
        self._embedder_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whosaid-embed")
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whosaid-store")
        self._analyser: ProcessPoolExecutor | None = None
        self._embedding: Future[None] | None = None
        self._writing: Future[None] | None = None

    def run(self, targets: list[str], on_progress: Callable[[int, int], None] | None = None) -> Summary:
        started = time.perf_counter()
        units, missing = expand(targets)
        for item in missing:
            self.summary.failed.append((item.where, item.error or "unreadable"))
        total = sum(u.estimate for u in units)
        if total >= PROCESS_MIN_ITEMS and getattr(self.embedder, "local_cpu", False):
            self._analyser = _analysis_process()
        done = 0
        try:
            for unit in units:
                for item in self.reader.read(unit):
                    self._take(item)
                    done += 1
                    if on_progress:
                        on_progress(done, max(total, done))
            self._analyse_todo()
            self._flush()
            self._wait(self._embedding)
            self._wait(self._writing)
        finally:
            if self._analyser is not None:
                self._analyser.shutdown(cancel_futures=True)
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
        if old_hash == article.content_hash and not replaces:
            self.summary.unchanged.append(item.where)
            return
        status = "updated" if (old_hash or replaces) else "added"
        self._todo.append((article, status, replaces, item.where))
        self._todo_chars += len(article.text)
        if self._todo_chars >= ANALYSIS_CHARS:
            self._analyse_todo()
            if sum(len(p.chunks) + len(p.quotes) for p, _ in self._batch) >= BATCH_TEXTS:
                self._flush()

    def _analyse_todo(self) -> None:
        todo, self._todo, self._todo_chars = self._todo, [], 0
        if not todo:
            return
        articles = [article for article, _, _, _ in todo]
        results = None
        if self._analyser is not None:
            try:
                results = self._analyser.submit(analyse, articles).result()
            except Exception:  # a dead or unstartable worker process: analyse here from now on
                log.warning("the analysis process failed; analysing in this process", exc_info=True)
                self._analyser.shutdown(wait=False, cancel_futures=True)
                self._analyser = None
        if results is None:
            results = analyse(articles)
        for (article, status, replaces, where), result in zip(todo, results, strict=True):
            if result.error:
                self.summary.failed.append((where, result.error))
                self._seen.discard(article.id)
                continue
            self.summary.extract_seconds += result.extract_seconds
            self._batch.append((Pending(article, result.chunks, result.quotes, result.roles, replaces), status))

    def _flush(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        if getattr(self.embedder, "local_cpu", False):
            self._wait(self._writing)
            self._embed(batch)
            return
        self._wait(self._embedding)
        self._embedding = self._embedder_pool.submit(self._embed, batch)

    def _embed(self, batch: list[tuple[Pending, str]]) -> None:
        pendings = [p for p, _ in batch]
        texts = [c.text for p in pendings for c in p.chunks]
        qtexts = [quote_document(q) for p in pendings for q in p.quotes]
        try:
            t = time.perf_counter()
            vectors = self.embedder.embed(texts + qtexts)
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

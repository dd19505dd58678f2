"""The store: Chroma collections for vectors, the SQLite catalogue as commit point and lexical index."""

from __future__ import annotations

import fcntl
import functools
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from bot.coalesce import Coalescer
from bot.config import Settings
from bot.errors import StoreInconsistentError, StoreMismatchError, WhosaidError
from bot.models import Article, Chunk, Quote
from bot.storage.catalog import Catalog
from bot.storage.lease import WriterLease

log = logging.getLogger(__name__)
COLLECTIONS = ("chunks", "quotes")


@dataclass
class Pending:
    """One article ready to commit: its records and their embeddings."""

    article: Article
    chunks: list[Chunk]
    quotes: list[Quote]
    roles: list[tuple[str, str, str]] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    chunk_vectors: list[list[float]] = field(default_factory=list)
    quote_vectors: list[list[float]] = field(default_factory=list)


def open_chroma(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                       settings=chroma_settings)
        except Exception as exc:  # chromadb raises bare ValueError/ConnectionError on an absent server
            raise WhosaidError(f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
                               f" ({exc})") from exc
    path = settings.whosaid_data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    # Two processes starting embedded Chroma on one new directory at once both run its schema migrations; one
    # of them failed (a clean-clone CI run of the two-ingests test). Opening takes turns across processes
    # (a moment: the lock is held only while the client starts), and "database is locked" is still retried.
    with open(settings.whosaid_data_dir / ".chroma-open.lock", "a") as turn:
        fcntl.flock(turn, fcntl.LOCK_EX)
        try:
            for attempt in range(40):
                try:
                    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
                except Exception as exc:  # chromadb.errors.InternalError wraps the SQLite message
                    if "database is locked" not in str(exc) or attempt == 39:
                        raise
                    time.sleep(0.25)
        finally:
            fcntl.flock(turn, fcntl.LOCK_UN)
    raise AssertionError("unreachable")


def _setting_for(model: str) -> str:
    """The settings that select a recorded embedding model, for the mismatch message."""
    if model.startswith("openai:"):
        return f"WHOSAID_EMBEDDINGS=openai OPENAI_EMBEDDING_MODEL={model.removeprefix('openai:')}"
    backend = "onnx-int8" if model.endswith(":onnx-int8") else "torch"
    return f"WHOSAID_EMBEDDINGS=local WHOSAID_LOCAL_BACKEND={backend}"


class _ReadWrite:
    """Many vector reads at once, or one vector write or client reopen with no read in flight. A waiting
    writer goes before readers that come after it (a stream of questions must not hold an ingest back)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class _Guarded:
    """A collection by name whose reader calls (nearest-neighbour queries, fetching embeddings) never raise:
    a Chroma that is down or half-loaded degrades answers to lexical search instead of failing them. It
    always uses the store's current client, so a reopen never leaves a caller holding a closed one."""

    def __init__(self, name: str, store: Store) -> None:
        self._name = name
        self._store = store

    @property
    def _inner(self) -> Any:
        return self._store._raw[self._name]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def query(self, **kwargs: Any) -> Any:
        try:
            with self._store._rw.read():
                return self._inner.query(**kwargs)
        except Exception as exc:  # server down, connection reset, "Error finding id": answer lexically
            if self._store.reopen_after(exc):
                try:
                    with self._store._rw.read():
                        return self._inner.query(**kwargs)
                except Exception as again:  # as before
                    exc = again
            self._store.vector_failed(exc)
            empty = [[] for _ in kwargs.get("query_embeddings") or [None]]
            return {"ids": empty, "distances": empty, "embeddings": empty, "metadatas": empty}

    def get(self, *, optional: bool = False, **kwargs: Any) -> Any:
        """`optional`: embeddings an answer can do without (the similarity of a hit the word index found,
        whose vector a reader's client may not hold yet while another writer commits): a failure is no
        vector failure, and the answer is not marked lexical for it."""
        if "embeddings" not in (kwargs.get("include") or []):
            with self._store._rw.read():
                return self._inner.get(**kwargs)  # id listings feed `check`: a failure there must surface
        try:
            with self._store._rw.read():
                return self._inner.get(**kwargs)
        except Exception as exc:  # as in query
            if optional:
                log.debug("optional embeddings unavailable (%s: %s)", type(exc).__name__, str(exc)[:200])
            else:
                self._store.vector_failed(exc)
            return {"ids": [], "embeddings": [], "metadatas": []}


class Store:
    """Everything that has been ingested; readers see only committed articles.

    Opening a store never changes it. Changes happen inside `writing()`, which holds the data dir's
    writer lease: one writer at a time, across processes; the journal a gone writer left is cleaned
    when the next one takes the lease, never by a reader.

    Embedded Chroma keeps its index in the memory of each process, so a reader does not see vectors
    another process commits. The catalogue counts commits (`generation`); a reader whose count is behind
    reopens its Chroma client before the next vector query (server mode needs nothing: every client
    asks the server).
    """

    def __init__(self, settings: Settings, embedding_model: str, client: Any = None, *,
                 check_vectors: bool = True) -> None:
        self.settings = settings
        self.embedding_model = embedding_model
        self.catalog = Catalog(settings.whosaid_data_dir / "whosaid.sqlite3")
        self._check_model(self.catalog.get_meta("embedding_model"), "the local catalogue")
        self.lease = WriterLease(settings.whosaid_data_dir)
        self._own_client = client is None
        self._refresh_lock = threading.RLock()
        self._rw = _ReadWrite()
        self._raw: dict[str, Any] = {}
        self.vector_failures = 0  # reader calls Chroma could not answer; answers then say they are lexical
        self.client = client or open_chroma(settings)
        self._seen_generation = self.catalog.generation()
        self.collections: dict[str, Any] = {}
        self._open_collections(create=False)
        # Concurrent questions' vector searches go to Chroma as one query per collection.
        self._nearest = {name: Coalescer(functools.partial(self._nearest_batch, name)) for name in COLLECTIONS}
        if check_vectors:
            self._check_vectors()

    def _check_vectors(self) -> None:
        """A full catalogue in front of an empty or foreign Chroma is a wrong setting, not an empty store."""
        sample = [r["id"] for r in self.catalog.query("SELECT id FROM chunks LIMIT 20")]
        if not sample:
            return
        collection = self.collections.get("chunks")
        found = collection.get(ids=sample, include=[])["ids"] if collection is not None else []
        if found:
            return
        where = (f"the Chroma server at {self.settings.chroma_host}:{self.settings.chroma_port}"
                 if self.settings.chroma_host else f"{self.settings.whosaid_data_dir / 'chroma'}")
        state = "holds none of them" if collection is not None and collection.count() else "is empty"
        raise StoreInconsistentError(
            f"the catalogue in {self.settings.whosaid_data_dir} holds {self.catalog.count('articles')} articles "
            f"but {where} {state} (a Chroma restarted on empty storage, or another store's); point "
            "CHROMA_HOST/WHOSAID_DATA_DIR at the right one, or run `whosaid check --repair` to re-embed them"
        )

    def _check_model(self, found: str | None, where: str) -> None:
        if found and found != self.embedding_model:
            raise StoreMismatchError(
                f"{where} was built with embedding model {found!r} but the settings select "
                f"{self.embedding_model!r} (WHOSAID_EMBEDDINGS, WHOSAID_LOCAL_BACKEND); set them back "
                f"({_setting_for(found)}), or use another WHOSAID_DATA_DIR and re-ingest into it"
            )

    def _open_collections(self, *, create: bool) -> None:
        """Writers create missing collections; a reader treats a missing one as empty until it appears."""
        for name in COLLECTIONS:
            collection = self._collection(name, create)
            if collection is not None:
                self._raw[name] = collection
                self.collections[name] = _Guarded(name, self)
            else:
                self._raw.pop(name, None)
                self.collections.pop(name, None)

    def _collection(self, name: str, create: bool) -> Any:
        if create:
            collection = self.client.get_or_create_collection(
                name, embedding_function=None, metadata={"embedding_model": self.embedding_model},
                configuration={"hnsw": {"space": "cosine"}},
            )
        else:
            try:
                collection = self.client.get_collection(name, embedding_function=None)
            except Exception as exc:  # chromadb raises NotFoundError, or ValueError on older clients
                if "does not exist" not in str(exc) and type(exc).__name__ != "NotFoundError":
                    raise
                return None
        self._check_model((collection.metadata or {}).get("embedding_model"), f"Chroma collection {name!r}")
        return collection

    def close(self) -> None:
        self.lease.release()
        self.catalog.close()
        if self._own_client and hasattr(self.client, "close"):
            try:
                self.client.close()
            except Exception as exc:  # a client that cannot close cleanly must not hide the real work's result
                log.debug("closing the Chroma client: %s", exc)

    # sharing one data dir -------------------------------------------------------------------------
    @contextmanager
    def writing(self, wait: float | None = None) -> Iterator[None]:
        """Hold the writer lease (waiting up to `wait` seconds) and clean what a gone writer left."""
        self.lease.acquire(self.settings.writer_wait if wait is None else wait)
        try:
            if self.lease.depth == 1:
                self.refresh(force=True)
                self._open_collections(create=True)
                if self.catalog.get_meta("embedding_model") is None:
                    self.catalog.set_meta("embedding_model", self.embedding_model)
                self.recover()
            yield
        finally:
            self.lease.release()

    def vector_failed(self, exc: Exception) -> None:
        self.vector_failures += 1
        log.warning("vector search unavailable (%s: %s); answering from the lexical index",
                    type(exc).__name__, str(exc)[:200])

    def reopen_after(self, exc: Exception) -> bool:
        """After a failed vector query, reopen embedded Chroma once for a second try; True if reopened: a
        client whose index fell behind another process's commits ("Error finding id") answers again from what
        is on disk, before the answer falls back to lexical search. Not while this process writes (its
        writes and reads take turns), nor in server mode (the server is the one to ask)."""
        if not self._own_client or self.settings.chroma_host or self.lease.held:
            return False
        log.info("vector query failed (%s: %s); reopening Chroma to try once more",
                 type(exc).__name__, str(exc)[:200])
        return self.refresh(force=True)

    def refresh(self, force: bool = False) -> bool:
        """Reopen embedded Chroma when another process committed since we opened it; True if reopened."""
        generation = self.catalog.generation()
        if not force and generation == self._seen_generation:
            return False
        with self._refresh_lock:
            if not force and generation == self._seen_generation:
                return False
            with self._rw.write():  # no query runs on a client while it is being replaced
                if self._own_client and not self.settings.chroma_host and (force or not self.lease.held):
                    try:
                        self.client.close()
                    except Exception as exc:  # the old client is going away either way
                        log.debug("closing the Chroma client: %s", exc)
                    self.client = open_chroma(self.settings)
                    log.info("reopened Chroma: the catalogue moved from commit %d to %d",
                             self._seen_generation, generation)
                self._seen_generation = generation
                self._open_collections(create=self.lease.held)
            return True

    # writes -------------------------------------------------------------------------------------
    def recover(self) -> None:
        """Delete vectors a crashed run wrote but never committed, or a finished run left stale."""
        pending = self.catalog.pending()
        for name, ids in pending.items():
            self.delete(name, ids)
        if pending:
            log.info("recovered store: removed %d uncommitted vectors", sum(len(v) for v in pending.values()))
        self.catalog.clear_pending()

    def commit(self, batch: list[Pending]) -> None:
        """Write vectors, then swap the catalogue in one transaction, then drop stale vectors."""
        if not batch:
            return
        if not self.lease.held:
            raise WhosaidError("internal: Store.commit outside Store.writing()")
        chunk_ids = [c.id for p in batch for c in p.chunks]
        quote_ids = [q.id for p in batch for q in p.quotes]
        self.catalog.journal({"chunks": chunk_ids, "quotes": quote_ids})
        self.upsert("chunks", [c for p in batch for c in p.chunks], [v for p in batch for v in p.chunk_vectors])
        self.upsert("quotes", [q for p in batch for q in p.quotes], [v for p in batch for v in p.quote_vectors])
        stale = self.catalog.commit_articles(
            replace=[r for p in batch for r in p.replaces],
            articles=[p.article for p in batch],
            chunks=[c for p in batch for c in p.chunks],
            quotes=[q for p in batch for q in p.quotes],
            roles=[r for p in batch for r in p.roles],
        )
        for name, ids in stale.items():
            self.delete(name, ids)
        self.catalog.clear_pending([i for ids in stale.values() for i in ids])
        self._seen_generation = self.catalog.generation()

    def upsert(self, name: str, records: list[Chunk] | list[Quote], vectors: list[list[float]]) -> None:
        if not records:
            return
        metadatas: list[dict[str, str | int]] = []
        for r in records:
            meta: dict[str, str | int] = {"article_id": r.article_id, "start": r.start, "end": r.end}
            if isinstance(r, Quote):
                meta["speaker"] = r.speaker or ""
            metadatas.append(meta)
        # A nearest-neighbour query while the same client adds vectors (a document sent to the bot is ingested
        # in the bot's process) can meet an id the index holds and its records do not yet ("Error finding
        # id"): writes and reads of one client take turns, in steps small enough that a question waits little.
        step = 500
        for i in range(0, len(records), step):
            with self._rw.write():
                self.collections[name].upsert(
                    ids=[r.id for r in records[i:i + step]], embeddings=vectors[i:i + step],
                    metadatas=metadatas[i:i + step],
                )

    def delete(self, name: str, ids: list[str]) -> None:
        for i in range(0, len(ids), 1000):
            with self._rw.write():  # (as in upsert)
                self.collections[name].delete(ids=ids[i:i + 1000])

    # reads --------------------------------------------------------------------------------------
    def dense(self, name: str, vector: list[float], k: int) -> list[tuple[str, float]]:
        """Nearest vector ids with similarity, restricted to committed records."""
        self.refresh()
        if self.collections.get(name) is None:
            return []
        return self._nearest[name]((vector, k))

    def _nearest_batch(self, name: str, asked: list[tuple[list[float], int]]) -> list[list[tuple[str, float]]]:
        collection = self.collections.get(name)
        if collection is None:
            return [[] for _ in asked]
        result = collection.query(query_embeddings=[v for v, _ in asked], n_results=max(k for _, k in asked),
                                  include=["distances"])
        return [[(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)][:k]
                for (_, k), ids, distances in zip(asked, result["ids"], result["distances"], strict=True)]

    def vector_counts(self) -> dict[str, int]:
        self.refresh()
        return {name: (c.count() if (c := self.collections.get(name)) is not None else 0) for name in COLLECTIONS}

    def vector_ids(self, name: str) -> set[str]:
        self.refresh()
        collection = self.collections.get(name)
        if collection is None:
            return set()
        ids: set[str] = set()
        offset, step = 0, 5000
        while True:
            got = collection.get(include=[], limit=step, offset=offset)["ids"]
            ids.update(got)
            if len(got) < step:
                return ids
            offset += step

    def articles_missing_vectors(self) -> set[str]:
        """Committed articles with a vector missing from Chroma; free when the counts agree (the usual case)."""
        missing: set[str] = set()
        for name in COLLECTIONS:
            if self.catalog.count(name) == self.vector_counts()[name]:
                continue
            catalogued = {r["id"]: r["article_id"] for r in self.catalog.query(f"SELECT id, article_id FROM {name}")}
            stored = self.vector_ids(name)
            missing |= {aid for vid, aid in catalogued.items() if vid not in stored}
        return missing

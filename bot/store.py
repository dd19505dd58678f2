"""The store: Chroma collections for vectors, the SQLite catalogue as commit point and lexical index."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from bot.catalog import Catalog
from bot.config import Settings
from bot.errors import StoreMismatchError, WhosaidError
from bot.models import Article, Chunk, Quote

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
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class Store:
    """Everything that has been ingested; readers see only committed articles."""

    def __init__(self, settings: Settings, embedding_model: str, client: Any = None) -> None:
        self.settings = settings
        self.embedding_model = embedding_model
        self.catalog = Catalog(settings.whosaid_data_dir / "whosaid.sqlite3")
        self._check_model(self.catalog.get_meta("embedding_model"), "the local catalogue")
        self.client = client or open_chroma(settings)
        self.collections = {name: self._collection(name) for name in COLLECTIONS}
        if self.catalog.get_meta("embedding_model") is None:
            self.catalog.set_meta("embedding_model", embedding_model)
        self.recover()

    def _check_model(self, found: str | None, where: str) -> None:
        if found and found != self.embedding_model:
            raise StoreMismatchError(
                f"{where} was built with embedding model {found!r} but WHOSAID_EMBEDDINGS selects "
                f"{self.embedding_model!r}; set it back, or use another WHOSAID_DATA_DIR and re-ingest"
            )

    def _collection(self, name: str) -> Any:
        collection = self.client.get_or_create_collection(
            name, embedding_function=None, metadata={"embedding_model": self.embedding_model},
            configuration={"hnsw": {"space": "cosine"}},
        )
        self._check_model((collection.metadata or {}).get("embedding_model"), f"Chroma collection {name!r}")
        return collection

    def close(self) -> None:
        self.catalog.close()

    # writes -------------------------------------------------------------------------------------
    def recover(self) -> None:
        """Delete vectors a crashed run wrote but never committed, or a finished run left stale."""
        pending = self.catalog.pending()
        for name, ids in pending.items():
            for i in range(0, len(ids), 1000):
                self.collections[name].delete(ids=ids[i:i + 1000])
        if pending:
            log.info("recovered store: removed %d uncommitted vectors", sum(len(v) for v in pending.values()))
        self.catalog.clear_pending()

    def commit(self, batch: list[Pending]) -> None:
        """Write vectors, then swap the catalogue in one transaction, then drop stale vectors."""
        if not batch:
            return
        chunk_ids = [c.id for p in batch for c in p.chunks]
        quote_ids = [q.id for p in batch for q in p.quotes]
        self.catalog.journal({"chunks": chunk_ids, "quotes": quote_ids})
        self._upsert("chunks", [c for p in batch for c in p.chunks], [v for p in batch for v in p.chunk_vectors])
        self._upsert("quotes", [q for p in batch for q in p.quotes], [v for p in batch for v in p.quote_vectors])
        stale = self.catalog.commit_articles(
            replace=[r for p in batch for r in p.replaces],
            articles=[p.article for p in batch],
            chunks=[c for p in batch for c in p.chunks],
            quotes=[q for p in batch for q in p.quotes],
            roles=[r for p in batch for r in p.roles],
        )
        for name, ids in stale.items():
            if ids:
                self.collections[name].delete(ids=ids)
        self.catalog.clear_pending([i for ids in stale.values() for i in ids])

    def _upsert(self, name: str, records: list[Chunk] | list[Quote], vectors: list[list[float]]) -> None:
        if not records:
            return
        metadatas: list[dict[str, str | int]] = []
        for r in records:
            meta: dict[str, str | int] = {"article_id": r.article_id, "start": r.start, "end": r.end}
            if isinstance(r, Quote):
                meta["speaker"] = r.speaker or ""
            metadatas.append(meta)
        step = 2000
        for i in range(0, len(records), step):
            self.collections[name].upsert(
                ids=[r.id for r in records[i:i + step]], embeddings=vectors[i:i + step],
                metadatas=metadatas[i:i + step],
            )

    # reads --------------------------------------------------------------------------------------
    def dense(self, name: str, vector: list[float], k: int) -> list[tuple[str, float]]:
        """Nearest vector ids with similarity, restricted to committed records."""
        collection = self.collections[name]
        result = collection.query(query_embeddings=[vector], n_results=k, include=["distances"])
        ids, distances = result["ids"][0], result["distances"][0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def vector_counts(self) -> dict[str, int]:
        return {name: self.collections[name].count() for name in COLLECTIONS}

    def vector_ids(self, name: str) -> set[str]:
        return set(self.collections[name].get(include=[])["ids"])

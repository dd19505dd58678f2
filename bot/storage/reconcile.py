"""Reconcile the catalogue with Chroma: which vectors are missing, which are orphans, and the repair."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.embedding.backends import Embedder
from bot.ingest.pipeline import quote_document
from bot.storage.store import COLLECTIONS, Store

log = logging.getLogger(__name__)


@dataclass
class Report:
    """One collection's catalogue ids against its Chroma ids, and whose model built it."""

    catalogued: dict[str, int] = field(default_factory=dict)
    stored: dict[str, int] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)
    orphans: dict[str, list[str]] = field(default_factory=dict)
    model_problems: list[str] = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        return not self.model_problems and not any(self.missing.values()) and not any(self.orphans.values())

    def lines(self) -> list[str]:
        out = [f"{name}: {self.catalogued[name]} in the catalogue, {self.stored[name]} in Chroma, "
               f"{len(self.missing[name])} missing, {len(self.orphans[name])} orphans" for name in COLLECTIONS]
        out += [f"model: {p}" for p in self.model_problems]
        out.append("consistent" if self.consistent else "NOT consistent")
        return out


def check(store: Store) -> Report:
    report = Report()
    model = store.catalog.get_meta("embedding_model")
    if model and model != store.embedding_model:
        report.model_problems.append(f"the catalogue was built with {model!r}, WHOSAID_EMBEDDINGS selects "
                                     f"{store.embedding_model!r}")
    for name in COLLECTIONS:
        catalogued = {r["id"] for r in store.catalog.query(f"SELECT id FROM {name}")}
        stored = store.vector_ids(name)
        collection = store.collections.get(name)
        found = (collection.metadata or {}).get("embedding_model") if collection is not None else None
        if found and found != store.embedding_model:
            report.model_problems.append(f"Chroma collection {name!r} was built with {found!r}")
        report.catalogued[name], report.stored[name] = len(catalogued), len(stored)
        report.missing[name] = sorted(catalogued - stored)
        report.orphans[name] = sorted(stored - catalogued)
    return report


def repair(store: Store, embedder: Embedder, batch: int = 256) -> Report:
    """Re-embed what the catalogue holds and Chroma lacks, delete what only Chroma holds; under the lease."""
    with store.writing():
        report = check(store)
        if report.model_problems:
            return report  # vectors of another model cannot be mixed in; the message says what to do
        for name in COLLECTIONS:
            orphans = report.orphans[name]
            store.delete(name, orphans)
            missing = report.missing[name]
            for i in range(0, len(missing), batch):
                part = missing[i:i + batch]
                if name == "chunks":
                    records = list(store.catalog.chunks_by_id(part).values())
                    texts = [c.text for c in records]
                else:
                    quotes = list(store.catalog.quotes_by_id(part).values())
                    records, texts = quotes, [quote_document(q) for q in quotes]  # type: ignore[assignment]
                store.upsert(name, records, embedder.embed(texts))
            if missing or orphans:
                log.warning("repaired %s: %d re-embedded, %d orphans deleted", name, len(missing), len(orphans))
        return check(store)

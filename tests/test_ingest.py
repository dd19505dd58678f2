"""Ingestion into the real embedded Chroma: idempotence, replacement, crash recovery, failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.ingest.pipeline import Ingestor
from bot.ingest.sources import SourceReader
from bot.storage.store import Store
from tests.conftest import SEED


class CountingEmbedder:
    """Wraps the real model and counts what it embeds (the model itself is not faked)."""

    local_cpu = False  # embedded on the ingest's worker thread, as a remote embedder is

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.name = inner.name
        self.embedded = 0

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.embedded += len(texts)
        return self.inner.embed(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def _ingest(settings: Settings, embedder, targets: list[str]):  # type: ignore[no-untyped-def]
    store = Store(settings, embedder.name)
    try:
        reader = SourceReader(max_file_bytes=settings.max_file_bytes, fetch_timeout=5)
        return Ingestor(store, embedder, reader).run(targets)
    finally:
        store.close()


def snapshot(settings: Settings, name: str) -> dict[str, object]:
    """Everything a reader could see: catalogue rows, FTS rows and Chroma ids (version-free)."""
    store = Store(settings, name)
    cat = store.catalog
    snap = {
        "articles": sorted((r["id"], r["content_hash"]) for r in cat.query("SELECT * FROM articles")),
        "chunks": sorted((r["id"], r["text"]) for r in cat.query("SELECT * FROM chunks")),
        "quotes": sorted((r["id"], r["text"], r["speaker"]) for r in cat.query("SELECT * FROM quotes")),
        "chunks_fts": sorted(r["id"] for r in cat.query("SELECT id FROM chunks_fts")),
        "quotes_fts": sorted(r["id"] for r in cat.query("SELECT id FROM quotes_fts")),
        "chroma_chunks": sorted(store.vector_ids("chunks")),
        "chroma_quotes": sorted(store.vector_ids("quotes")),
    }
    store.close()
    return snap


def test_seed_twice_second_is_unchanged_and_embeds_nothing(settings: Settings, embedder) -> None:  # type: ignore[no-untyped-def]
    counting = CountingEmbedder(embedder)
    first = _ingest(settings, counting, [str(SEED.parent)])
    assert len(first.added) == 1 and first.ok
    assert counting.embedded == first.chunks + first.quotes > 0
    counting.embedded = 0
    second = _ingest(settings, counting, [str(SEED.parent)])
    assert (len(second.added), len(second.unchanged), len(second.updated)) == (0, 1, 0)
    assert counting.embedded == 0
    snap = snapshot(settings, embedder.name)
    assert len(snap["chroma_chunks"]) == len(snap["chunks"]) == first.chunks
    assert [i for i, _ in snap["chunks"]] == snap["chroma_chunks"] == snap["chunks_fts"]


def test_changed_article_is_replaced_whole(tmp_path: Path, settings: Settings, embedder) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "story.txt"
    path.write_text("Budget row\n\n\"We will not back down,\" Jane Smith said.\n\nOld paragraph about taxes.",
                    encoding="utf-8")
    assert len(_ingest(settings, embedder, [str(path)]).added) == 1
    before = snapshot(settings, embedder.name)
    path.write_text("Budget row\n\n\"We will fight on,\" Jane Smith said.\n\nNew paragraph about spending.",
                    encoding="utf-8")
    summary = _ingest(settings, embedder, [str(path)])
    assert len(summary.updated) == 1 and not summary.added
    after = snapshot(settings, embedder.name)
    assert len(after["articles"]) == 1 and after["articles"] != before["articles"]
    texts = " ".join(t for _, t in after["chunks"])
    assert "spending" in texts and "taxes" not in texts
    assert [q[1] for q in after["quotes"]] == ["We will fight on"]
    assert not set(after["chroma_chunks"]) & set(before["chroma_chunks"])
    assert after["chroma_chunks"] == [i for i, _ in after["chunks"]]


@pytest.mark.parametrize("fail_at", ["upsert", "commit", "cleanup"])
def test_crash_then_rerun_equals_clean_ingest(tmp_path: Path, embedder, monkeypatch, fail_at: str) -> None:  # type: ignore[no-untyped-def]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "other.txt").write_text("Other story\n\n\"It is fine,\" Bob Jones said.", encoding="utf-8")
    clean = Settings(_env_file=None, whosaid_data_dir=tmp_path / "clean")  # type: ignore[call-arg]
    crashy = Settings(_env_file=None, whosaid_data_dir=tmp_path / "crashy")  # type: ignore[call-arg]
    _ingest(clean, embedder, [str(docs)])

    class Crash(BaseException):
        pass

    target = {"upsert": ("bot.storage.store.Store.upsert", 2), "commit": ("bot.storage.catalog.Catalog.commit_articles", 1),
              "cleanup": ("bot.storage.catalog.Catalog.clear_pending", 2)}[fail_at]
    import importlib

    module_name, cls_name, attr = target[0].rsplit(".", 2)
    cls = getattr(importlib.import_module(module_name), cls_name)
    original = getattr(cls, attr)
    calls = {"n": 0}

    def crashing(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == target[1]:
            raise Crash()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, attr, crashing)
    with pytest.raises(Crash):
        _ingest(crashy, embedder, [str(docs)])
    monkeypatch.setattr(cls, attr, original)
    _ingest(crashy, embedder, [str(docs)])
    assert snapshot(crashy, embedder.name) == snapshot(clean, embedder.name)


def test_bad_files_fail_alone_and_keep_earlier_data(tmp_path: Path, settings: Settings, embedder) -> None:  # type: ignore[no-untyped-def]
    _ingest(settings, embedder, [str(SEED)])
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "good.txt").write_text("Good\n\n\"Fine,\" said Ann Lee.", encoding="utf-8")
    (d / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    (d / "lines.jsonl").write_text('{"id": "a", "title": "A", "text": "Alpha text."}\n{oops\n')
    summary = _ingest(settings, embedder, [str(d)])
    assert not summary.ok
    assert {w for w, _ in summary.failed} == {str(d / "bad.txt"), f"{d / 'lines.jsonl'}:2"}
    assert len(summary.added) == 2
    snap = snapshot(settings, embedder.name)
    assert len(snap["articles"]) == 3


def test_store_refuses_another_embedding_model(settings: Settings, embedder) -> None:  # type: ignore[no-untyped-def]
    from bot.errors import StoreMismatchError

    _ingest(settings, embedder, [str(SEED)])
    with pytest.raises(StoreMismatchError, match="all-MiniLM-L6-v2"):
        Store(settings, "openai:text-embedding-3-small")


class BatchEmbedder(CountingEmbedder):
    """The real model, declared local (embedded inline) or remote (embedded on a worker thread)."""

    def __init__(self, inner, local_cpu: bool, fail_call: int = 0) -> None:  # type: ignore[no-untyped-def]
        super().__init__(inner)
        self.local_cpu = local_cpu
        self.fail_call = fail_call
        self.calls = 0

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        if self.calls == self.fail_call:
            raise ConnectionError("embedding service went away")
        return super().embed(texts)


@pytest.mark.parametrize("local_cpu", [True, False], ids=["inline", "threaded"])
def test_many_batches_land_whole_and_a_failed_batch_fails_alone(tmp_path: Path, embedder, monkeypatch,  # type: ignore[no-untyped-def]
                                                                local_cpu: bool) -> None:
    monkeypatch.setattr("bot.ingest.pipeline.BATCH_TEXTS", 4)
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(6):
        (docs / f"story{i}.txt").write_text(
            f"Story {i}\n\n\"Point number {i} stands,\" said Ann Lee{i}.\n\nA paragraph about topic {i}.",
            encoding="utf-8")
    clean = Settings(_env_file=None, whosaid_data_dir=tmp_path / "clean")  # type: ignore[call-arg]
    whole = _ingest(clean, BatchEmbedder(embedder, local_cpu), [str(docs)])
    assert whole.ok and len(whole.added) == 6
    snap = snapshot(clean, embedder.name)
    assert len(snap["articles"]) == 6
    assert snap["chroma_chunks"] == [i for i, _ in snap["chunks"]] == snap["chunks_fts"]
    assert snap["chroma_quotes"] == [i for i, _, _ in snap["quotes"]] == snap["quotes_fts"]
    assert {s for _, _, s in snap["quotes"]} == {f"Ann Lee{i}" for i in range(6)}

    broken = Settings(_env_file=None, whosaid_data_dir=tmp_path / "broken")  # type: ignore[call-arg]
    flaky = BatchEmbedder(embedder, local_cpu, fail_call=2)
    summary = _ingest(broken, flaky, [str(docs)])
    assert flaky.calls > 2 and summary.failed and summary.added
    assert all("embedding service went away" in reason for _, reason in summary.failed)
    assert len(summary.added) + len(summary.failed) == 6
    partial = snapshot(broken, embedder.name)
    assert len(partial["articles"]) == len(summary.added)
    assert partial["chroma_chunks"] == [i for i, _ in partial["chunks"]]
    again = _ingest(broken, BatchEmbedder(embedder, local_cpu), [str(docs)])
    assert len(again.added) == len(summary.failed) and len(again.unchanged) == len(summary.added)
    assert snapshot(broken, embedder.name) == snap

    for i in (1, 3, 5):
        path = docs / f"story{i}.txt"
        path.write_text(path.read_text(encoding="utf-8").replace("topic", "subject"), encoding="utf-8")
    updated = _ingest(clean, BatchEmbedder(embedder, local_cpu), [str(docs)])
    assert (len(updated.updated), len(updated.added), len(updated.unchanged)) == (3, 0, 3)
    after = snapshot(clean, embedder.name)
    assert len(after["articles"]) == 6
    assert after["chroma_chunks"] == [i for i, _ in after["chunks"]] == after["chunks_fts"]
    assert after["chroma_quotes"] == [i for i, _, _ in after["quotes"]] == after["quotes_fts"]
    store = Store(clean, embedder.name)
    try:
        fts = [r["text"] for r in store.catalog.query("SELECT text FROM chunks_fts")]
    finally:
        store.close()
    assert sum("subject" in t for t in fts) == 3 and sum("topic" in t for t in fts) == 3


def test_an_article_whose_analysis_fails_is_reported_and_the_rest_land(tmp_path: Path, settings: Settings,  # type: ignore[no-untyped-def]
                                                                       embedder, monkeypatch) -> None:
    import bot.quotes.extract

    real = bot.quotes.extract._extract

    def fragile(article, *args):  # type: ignore[no-untyped-def]
        if "poison" in article.text:
            raise ValueError("unexpected text")
        return real(article, *args)

    # Both articles are analysed in one batch: the failure must stay with its article.
    monkeypatch.setattr(bot.quotes.extract, "_extract", fragile)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Fine story\n\n\"All good,\" said Ann Lee.", encoding="utf-8")
    (docs / "b.txt").write_text("Bad story\n\n\"A poison paragraph,\" said Bo Reed.", encoding="utf-8")
    summary = _ingest(settings, embedder, [str(docs)])
    assert len(summary.added) == 1
    assert [(w, r) for w, r in summary.failed] == [
        (str(docs / "b.txt"), "could not analyse the article (ValueError: unexpected text)")]
    snap = snapshot(settings, embedder.name)
    assert len(snap["articles"]) == 1 and [q[1] for q in snap["quotes"]] == ["All good"]


"""Paths that cannot be read are reported one by one; huge articles embed in bounded calls; a full disk."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bot.config import Settings
from bot.ingest import analysis
from bot.ingest import pipeline as ingest
from bot.ingest.pipeline import Ingestor
from bot.ingest.sources import SourceReader, expand
from bot.storage.store import Store


def test_too_long_paths_and_symlink_loops_are_reported_per_item(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_text("Good title\n\nGood body.", encoding="utf-8")
    (d / "sub" / "back").symlink_to(d)  # sub/back -> in: a loop through a folder
    (d / "self").symlink_to(d / "self")  # a link to itself
    too_long = str(tmp_path / ("x" * 5000))
    units, failed = expand([str(d), too_long, str(tmp_path / "missing.txt")])
    errors = {i.where: i.error for i in failed}
    assert [u.target for u in units] == [str(d / "good.txt")]
    assert errors[too_long] == "path too long for the file system"
    assert errors[str(d / "self")] == "symlink loop"
    assert "symlink loop" in errors[str(d / "sub" / "back")]
    assert errors[str(tmp_path / "missing.txt")] == "no such file, folder or URL"


def test_a_bad_path_does_not_abort_the_command(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Good title\n\n\"It is fine,\" Bob Jones said.", encoding="utf-8")
    env = {**os.environ, "WHOSAID_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "bot", "ingest", "--no-progress", "x" * 5000,
                           str(tmp_path / "good.txt")], env=env, capture_output=True, text=True, cwd=tmp_path,
                          timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "1 added" in done.stdout and "path too long" in done.stdout


class HashEmbedder:
    """Deterministic 384-dimensional vectors; records the size of every call."""

    name = "local:all-MiniLM-L6-v2"
    local_cpu = True

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(len(texts))
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        digest = hashlib.sha256(text.encode()).digest() * 12
        return [b / 255 for b in digest[:384]]


def test_one_huge_article_embeds_in_bounded_calls_with_capped_quotes(settings: Settings, tmp_path: Path,
                                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(analysis, "MAX_QUOTES_PER_ARTICLE", 300)
    monkeypatch.setattr(ingest, "BATCH_TEXTS", 100)  # the same rule as 512 texts in 236,500, at test size
    paragraphs = [f"\"Statement number {i} is on the record,\" Maria Lopez said on day {i}." for i in range(700)]
    path = tmp_path / "huge.txt"
    path.write_text("Huge\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    embedder = HashEmbedder()
    store = Store(settings, embedder.name)
    try:
        reader = SourceReader(max_file_bytes=10**7, fetch_timeout=5)
        summary = Ingestor(store, embedder, reader).run([str(path)])  # type: ignore[arg-type]
        assert summary.ok and summary.quotes == 300
        assert max(embedder.calls) <= ingest.BATCH_TEXTS and sum(embedder.calls) == summary.chunks + 300
        assert len(embedder.calls) >= 4
        assert store.vector_counts() == {"chunks": summary.chunks, "quotes": 300}
    finally:
        store.close()


def test_a_full_disk_at_store_open_is_one_clean_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "whosaid.sqlite3").symlink_to("/dev/full")  # every write fails with ENOSPC
    env = {**os.environ, "WHOSAID_DATA_DIR": str(data)}
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "Who said it?"], env=env, capture_output=True,
                          text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith("error: the disk holding the data dir is full")
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_env_example_as_is_gives_the_documented_defaults(tmp_path: Path) -> None:
    """A user who copies .env.example to .env unchanged: blank settings mean 'unset', not an empty value
    (an empty model cache would have been Path('.') — the exported model in whatever directory one runs in)."""
    example = Path(__file__).resolve().parent.parent / ".env.example"
    settings = Settings(_env_file=example)  # type: ignore[call-arg]
    assert settings.whosaid_model_cache is None and settings.model_cache_dir.name == "whosaid"
    assert settings.model_cache_dir != Path(".")
    assert settings.telegram_bot_token is None and settings.chroma_host is None
    assert settings.whosaid_local_backend == "onnx-int8" and settings.whosaid_quote_vectors is True

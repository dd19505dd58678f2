"""Shared fixtures: each test gets its own data dir; the local embedding model loads once per session."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.embedding.backends import get_embedder
from bot.services import Services, build_services
from tests.fakes.openai_server import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d9ac2ad6ac72c5b2.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "articles.jsonl"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(autouse=True)
def _no_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's .env or environment settings."""
    for key in ("TELEGRAM_BOT_TOKEN", "OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST", "WEBHOOK_URL",
                "WHOSAID_DATA_DIR", "WHOSAID_EMBEDDINGS", "ALLOWED_USER_IDS", "ALLOWED_CHAT_IDS",
                "ADMIN_USER_IDS", "TELEGRAM_API_BASE_URL", "WHOSAID_LOCAL_BACKEND", "WHOSAID_QUOTE_VECTORS",
                "WHOSAID_MODEL_CACHE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    """A fake OpenAI-compatible server on 127.0.0.1 for the real openai/langchain client."""
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, whosaid_data_dir=tmp_path / "data")  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    return get_embedder(Settings(_env_file=None))  # type: ignore[call-arg]


@pytest.fixture
def seeded(settings: Settings, embedder) -> Iterator[Services]:  # type: ignore[no-untyped-def]
    from bot.ingest.pipeline import Ingestor
    from bot.ingest.sources import SourceReader

    services = build_services(settings)
    reader = SourceReader(max_file_bytes=settings.max_file_bytes, fetch_timeout=5)
    summary = Ingestor(services.store, services.embedder, reader).run([str(SEED)])
    assert summary.ok, summary.report()
    yield services
    services.store.close()


def corpus_articles() -> list[dict]:
    if not CORPUS.exists():
        pytest.skip("the BBC corpus lives in ../shared/corpus, which this clone does not have")
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]

"""Server mode: the same code against a real `chroma run` on a free loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.config import Settings
from bot.ingest.pipeline import Ingestor
from bot.ingest.sources import SourceReader
from bot.storage.store import Store
from tests.conftest import SEED, free_port


def start_chroma(path: Path, port: int) -> subprocess.Popen[bytes]:
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    stop_chroma(proc)
    pytest.fail("chroma run did not start within 60 s")


def stop_chroma(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    port = free_port()
    proc = start_chroma(tmp_path / "server", port)
    try:
        yield port
    finally:
        stop_chroma(proc)


def test_ingest_and_query_through_chroma_server(tmp_path: Path, chroma_server: int, embedder) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(_env_file=None, whosaid_data_dir=tmp_path / "data", chroma_host="127.0.0.1",  # type: ignore[call-arg]
                        chroma_port=chroma_server)
    store = Store(settings, embedder.name)
    assert type(store.client).__name__ != "PersistentClient"
    reader = SourceReader(max_file_bytes=settings.max_file_bytes, fetch_timeout=5)
    summary = Ingestor(store, embedder, reader).run([str(SEED)])
    assert summary.ok and summary.chunks > 0
    assert store.vector_counts() == {"chunks": summary.chunks, "quotes": summary.quotes}
    hits = store.dense("quotes", embedder.embed_query("Polish foreign ministry baseless accusations"), 3)
    texts = store.catalog.quotes_by_id(i for i, _ in hits)
    assert any("Baseless accusations" in q.text for q in texts.values())
    # Nothing was written to an embedded Chroma in the data dir.
    assert not (tmp_path / "data" / "chroma").exists()
    store.close()
    again = Ingestor(Store(settings, embedder.name), embedder, reader).run([str(SEED)])
    assert len(again.unchanged) == 1


def test_chroma_server_restarted_mid_session(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from bot.services import LEXICAL_NOTE, build_services

    port = free_port()
    proc = start_chroma(tmp_path / "server", port)
    settings = Settings(_env_file=None, whosaid_data_dir=tmp_path / "data", chroma_host="127.0.0.1",  # type: ignore[call-arg]
                        chroma_port=port)
    try:
        services = build_services(settings)
        reader = SourceReader(max_file_bytes=settings.max_file_bytes, fetch_timeout=5)
        assert Ingestor(services.store, services.embedder, reader).run([str(SEED)]).ok
        question = "Who called the claims baseless?"
        assert services.answerer.answer(question).citations[0].speaker == "Polish foreign ministry"
        stop_chroma(proc)
        # Chroma down: an answer already made (with vectors) is served from the cache, without the note...
        assert LEXICAL_NOTE not in services.answerer.answer(question).answer
        # ...and a new question is answered by the lexical index, saying so.
        lexical = services.answerer.answer("Who said the claims were baseless?")
        assert lexical.citations[0].speaker == "Polish foreign ministry"
        assert LEXICAL_NOTE in lexical.answer
        proc = start_chroma(tmp_path / "server", port)
        answer = services.answerer.answer(question)
        assert answer.citations[0].speaker == "Polish foreign ministry"
        assert LEXICAL_NOTE not in answer.answer
        services.store.close()
    finally:
        stop_chroma(proc)

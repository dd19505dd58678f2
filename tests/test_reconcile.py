"""The catalogue against Chroma: `whosaid check [--repair]`, re-ingest repairs, and the check at store open."""

from __future__ import annotations

import shutil

import pytest

from bot import cli
from bot.config import Settings
from bot.errors import StoreInconsistentError
from bot.storage.store import Store
from tests.conftest import SEED
from tests.test_concurrency import consistent
from tests.test_ingest import _ingest


@pytest.fixture
def data_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("WHOSAID_DATA_DIR", str(settings.whosaid_data_dir))
    return settings


def _damage(settings: Settings, model: str) -> tuple[list[str], str]:
    """Lose a third of the quote vectors and plant an orphan, as a second writer or a bad restore would."""
    store = Store(settings, model)
    with store.writing():
        quote_ids = sorted(store.vector_ids("quotes"))
        lost = quote_ids[::3]
        store.collections["quotes"].delete(ids=lost)
        store.collections["chunks"].upsert(ids=["orphan:c0"], embeddings=[[0.0] * 383 + [1.0]],
                                           metadatas=[{"article_id": "orphan", "start": 0, "end": 1}])
    store.close()
    return lost, "orphan:c0"


def test_check_finds_missing_and_orphans_and_repair_fixes_them(data_env: Settings, embedder, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _ingest(data_env, embedder, [str(SEED)]).ok
    assert cli.main(["check"]) == 0
    lost, _ = _damage(data_env, embedder.name)
    assert cli.main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"{len(lost)} missing" in out and "1 orphans" in out and "NOT consistent" in out
    assert cli.main(["check", "--repair"]) == 0
    assert cli.main(["check"]) == 0
    state = consistent(data_env.whosaid_data_dir, embedder.name)
    assert state["quotes"]["missing"] == state["chunks"]["orphans"] == state["quotes"]["unreachable"] == 0  # type: ignore[index]


def test_check_reports_a_store_of_another_model(data_env: Settings, embedder, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _ingest(data_env, embedder, [str(SEED)]).ok
    store = Store(data_env, embedder.name)
    store.catalog.set_meta("embedding_model", "openai:text-embedding-3-small")
    store.close()
    assert cli.main(["check"]) == 2  # opening refuses: the message says what to set
    assert "embedding model" in capsys.readouterr().err


def test_reingest_repairs_an_unchanged_article_whose_vectors_are_gone(settings: Settings, embedder) -> None:  # type: ignore[no-untyped-def]
    assert _ingest(settings, embedder, [str(SEED)]).ok
    lost, _ = _damage(settings, embedder.name)
    again = _ingest(settings, embedder, [str(SEED)])
    assert again.ok and len(again.updated) == 1 and again.repaired == [str(SEED)] and not again.unchanged
    assert "vectors were missing" in again.report()
    store = Store(settings, embedder.name)
    assert set(lost) <= store.vector_ids("quotes")
    store.close()
    third = _ingest(settings, embedder, [str(SEED)])
    assert len(third.unchanged) == 1 and not third.repaired


def test_store_open_names_an_empty_chroma_behind_a_full_catalogue(data_env: Settings, embedder, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _ingest(data_env, embedder, [str(SEED)]).ok
    shutil.rmtree(data_env.whosaid_data_dir / "chroma")  # a restore that forgot Chroma
    with pytest.raises(StoreInconsistentError, match=r"holds 1 articles .* is empty .*whosaid check --repair"):
        Store(data_env, embedder.name)
    assert cli.main(["ask", "Who called the claims baseless?"]) == 2
    assert "whosaid check --repair" in capsys.readouterr().err
    assert cli.main(["check", "--repair"]) == 0
    store = Store(data_env, embedder.name)
    assert store.vector_counts()["quotes"] == store.catalog.count("quotes") > 0
    store.close()

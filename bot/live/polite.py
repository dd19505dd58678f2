"""Background ingestion that gives way to questions: an embedder, and a pause for the other steps.

The local model encodes one call at a time, so a 512-text ingest batch can hold a question's one-text
query behind it for seconds. Feed ingestion in the running bot goes through this wrapper instead:
small calls, and none started while a question is being prepared (up to a bound, so a steady stream
of questions slows an ingest down but never stops it).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.embedding.backends import Embedder


class PoliteEmbedder:
    def __init__(self, inner: Embedder, busy: Callable[[], bool], *, batch: int = 8, max_pause: float = 2.0) -> None:
        self.inner = inner
        self.busy = busy
        self.batch = batch
        self.max_pause = max_pause
        self.name = inner.name
        self.local_cpu = inner.local_cpu

    def pause(self) -> None:
        """Wait (at most max_pause) until no question is being prepared."""
        deadline = time.monotonic() + self.max_pause
        while self.busy() and time.monotonic() < deadline:
            time.sleep(0.01)

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for i in range(0, len(texts), self.batch):
            self.pause()
            vectors += self.inner.embed(texts[i:i + self.batch])
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

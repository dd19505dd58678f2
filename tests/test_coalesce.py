"""Concurrent callers share batches; every caller gets its own result, or its batch's error."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.coalesce import Coalescer
from bot.services import Services


def test_callers_waiting_together_share_one_batch_and_get_their_own_results() -> None:
    batches: list[list[int]] = []
    gate = threading.Event()

    def run(items: list[int]) -> list[int]:
        batches.append(items)
        if len(batches) == 1:
            gate.wait(5)  # the first batch holds the work while the others queue
        return [i * 10 for i in items]

    square = Coalescer(run)
    with ThreadPoolExecutor(8) as pool:
        first = pool.submit(square, 0)
        time.sleep(0.05)
        rest = [pool.submit(square, i) for i in range(1, 8)]
        time.sleep(0.1)
        gate.set()
        assert first.result() == 0
        assert [f.result() for f in rest] == [i * 10 for i in range(1, 8)]
    assert batches[0] == [0] and sorted(i for b in batches[1:] for i in b) == list(range(1, 8))
    assert len(batches) == 2  # the seven who waited went as one


def test_a_failed_batch_fails_its_callers_only() -> None:
    def run(items: list[str]) -> list[str]:
        if "bad" in items:
            raise ValueError("no")
        return [s.upper() for s in items]

    upper = Coalescer(run)
    with pytest.raises(ValueError):
        upper("bad")
    assert upper("good") == "GOOD"  # the next batch is unaffected


def test_a_batch_returning_the_wrong_count_is_an_error_not_a_mismatch() -> None:
    short = Coalescer(lambda items: items[:-1])
    with pytest.raises(RuntimeError, match="gave 0 results"):
        short("x")


def test_concurrent_vector_searches_equal_one_by_one(seeded: Services) -> None:
    store, embedder = seeded.store, seeded.embedder
    questions = ["Who called the claims baseless?", "What did Lukashenko say about Poland?",
                 "Did anyone from NATO comment?", "Who is Franak Viacorka?"] * 3
    vectors = [embedder.embed_query(q) for q in questions]
    alone = [store.dense("chunks", v, 5 + i % 3) for i, v in enumerate(vectors)]
    with ThreadPoolExecutor(12) as pool:
        together = list(pool.map(lambda iv: store.dense("chunks", iv[1], 5 + iv[0] % 3), enumerate(vectors)))
    assert [[i for i, _ in r] for r in together] == [[i for i, _ in r] for r in alone]
    assert all(len(r) == min(5 + i % 3, store.vector_counts()["chunks"]) for i, r in enumerate(together))

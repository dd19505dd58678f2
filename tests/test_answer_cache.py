"""Repeated questions are prepared once: the single-flight cache, and the answerer's use of it."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bot.answering.answer_cache import SingleFlightCache
from bot.services import Services


def test_identical_keys_arriving_together_compute_once() -> None:
    cache: SingleFlightCache[int] = SingleFlightCache(8)
    calls: list[int] = []
    gate = threading.Event()

    def slow() -> tuple[int, bool]:
        calls.append(1)
        gate.wait(5)
        return 42, True

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(cache.get, "q", slow) for _ in range(8)]
        time.sleep(0.2)  # all eight are waiting on the first
        gate.set()
        assert [f.result() for f in futures] == [42] * 8
    assert len(calls) == 1 and cache.misses == 1 and cache.hits == 7


def test_a_result_not_kept_is_computed_again_and_waiters_do_not_get_stuck() -> None:
    cache: SingleFlightCache[str] = SingleFlightCache(8)
    results = iter([("degraded", False), ("good", True)])
    assert cache.get("q", lambda: next(results)) == "degraded"
    assert cache.get("q", lambda: next(results)) == "good"
    assert cache.get("q", lambda: ("never", True)) == "good"


def test_a_failed_computation_raises_and_releases_its_key() -> None:
    cache: SingleFlightCache[str] = SingleFlightCache(8)

    def broken() -> tuple[str, bool]:
        raise RuntimeError("boom")

    try:
        cache.get("q", broken)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the error must reach the caller")
    assert cache.get("q", lambda: ("ok", True)) == "ok"


def test_the_cache_is_bounded() -> None:
    cache: SingleFlightCache[int] = SingleFlightCache(3)
    for i in range(5):
        cache.get(i, lambda i=i: (i, True))
    assert cache.get(0, lambda: (-1, True)) == -1  # evicted, so computed again
    assert cache.get(4, lambda: (-1, True)) == 4


def test_answers_are_reused_until_the_coverage_changes(seeded: Services) -> None:
    answerer = seeded.answerer
    calls: list[str] = []
    real = answerer._prepare

    def counting(question, previous=None):  # type: ignore[no-untyped-def]
        calls.append(question)
        return real(question, previous)

    answerer._prepare = counting  # type: ignore[method-assign]
    first = answerer.answer("What did Lukashenko say about Poland?")
    second = answerer.answer("What did Lukashenko say about Poland?")
    assert second == first and len(calls) == 1
    answerer.answer("What did Lukashenko say about Poland?", "Who is Lukashenko?")  # another context
    assert len(calls) == 2
    catalog = seeded.store.catalog
    with catalog.transaction() as c:  # as a commit by another process would
        c.execute("INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE"
                  " SET value = CAST(value AS INTEGER) + 1")
    again = answerer.answer("What did Lukashenko say about Poland?")
    assert len(calls) == 3 and again.answer == first.answer


def test_an_answer_made_while_vectors_failed_is_not_reused(seeded: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # (On the class: a failed query reopens Chroma once, and the reopened client's collections fail too.)
    monkeypatch.setattr(type(seeded.store._raw["chunks"]), "query",
                        lambda self, **kw: (_ for _ in ()).throw(ConnectionError("chroma down")))
    degraded = seeded.answerer.answer("What did Lukashenko say about Poland?")
    monkeypatch.undo()
    healthy = seeded.answerer.answer("What did Lukashenko say about Poland?")
    assert "Vector search is unavailable" in degraded.answer
    assert "Vector search is unavailable" not in healthy.answer

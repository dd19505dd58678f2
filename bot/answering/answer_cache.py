"""Answers' preparation remembered by question, follow-up context and catalogue commit: in a burst many chats
ask the same thing, and the same question over the same coverage has the same evidence. Identical questions
arriving together are prepared once; the others wait for that one instead of repeating its work."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class SingleFlightCache(Generic[T]):
    """A small LRU whose misses are computed once per key even when many threads ask at once."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self._flights: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], tuple[T, bool]]) -> T:
        """The cached value, or compute() -> (value, keep): `keep` False leaves nothing cached (a degraded
        result, such as an answer made while the vector store was down)."""
        while True:
            with self._lock:
                if key in self._values:
                    self._values.move_to_end(key)
                    self.hits += 1
                    return self._values[key]
                flight = self._flights.get(key)
                if flight is None:
                    flight = self._flights[key] = threading.Event()
                    self.misses += 1
                    break
            # Someone is computing this key: wait, then look again (compute ourselves if it kept nothing).
            flight.wait()
            with self._lock:
                if key in self._values:
                    self._values.move_to_end(key)
                    self.hits += 1
                    return self._values[key]
                if key not in self._flights:
                    self._flights[key] = flight = threading.Event()
                    self.misses += 1
                    break
        try:
            value, keep = compute()
            if keep:
                with self._lock:
                    self._values[key] = value
                    while len(self._values) > self.size:
                        self._values.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._flights.pop(key, None)
            flight.set()

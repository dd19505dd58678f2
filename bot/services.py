"""Wiring: build the store, embedder, retriever and answerer once, at the edge, from settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from bot.answering.answer import Answerer, FollowUp
from bot.answering.offline import OfflineAnswerer
from bot.config import Settings
from bot.embedding.backends import Embedder, get_embedder
from bot.models import Answer
from bot.retrieval.retrieve import Retriever
from bot.storage.store import Store

LEXICAL_NOTE = ("(Vector search is unavailable right now, so this answer comes from exact word matches "
                "only; it may miss paraphrases.)")


class NotingAnswerer(Answerer):
    """The answerer, saying so in the answer when Chroma could not be asked and only words were matched."""

    def _noted(self, answer: Answer, failures_before: int) -> Answer:
        if self.retriever.store.vector_failures == failures_before or LEXICAL_NOTE in answer.answer:
            return answer
        return answer.model_copy(update={"answer": f"{answer.answer}\n\n{LEXICAL_NOTE}".strip()})

    def answer(self, question: str, previous: FollowUp | str | None = None) -> Answer:
        before = self.retriever.store.vector_failures
        return self._noted(super().answer(question, previous), before)

    async def astream(self, question: str, previous: FollowUp | str | None = None) -> AsyncIterator[str | Answer]:
        before = self.retriever.store.vector_failures
        async for item in super().astream(question, previous):
            yield self._noted(item, before) if isinstance(item, Answer) else item


@dataclass
class Services:
    settings: Settings
    store: Store
    embedder: Embedder
    retriever: Retriever
    answerer: Answerer


def open_store(settings: Settings, *, check_vectors: bool = True) -> tuple[Store, Embedder]:
    embedder = get_embedder(settings)
    return Store(settings, embedder.name, check_vectors=check_vectors), embedder


def build_services(settings: Settings, bot_username: str | None = None) -> Services:
    store, embedder = open_store(settings)
    retriever = Retriever(store, embedder)
    llm = None
    if settings.llm_enabled:
        from bot.answering.llm import LLMAnswerer

        llm = LLMAnswerer(settings)
    answerer = NotingAnswerer(retriever, OfflineAnswerer(bot_username), llm)
    return Services(settings, store, embedder, retriever, answerer)

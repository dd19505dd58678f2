"""Wiring: build the store, embedder, retriever and answerer once, at the edge, from settings."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer import Answerer
from bot.config import Settings
from bot.embeddings import Embedder, get_embedder
from bot.offline import OfflineAnswerer
from bot.retrieve import Retriever
from bot.store import Store


@dataclass
class Services:
    settings: Settings
    store: Store
    embedder: Embedder
    retriever: Retriever
    answerer: Answerer


def open_store(settings: Settings) -> tuple[Store, Embedder]:
    embedder = get_embedder(settings)
    return Store(settings, embedder.name), embedder


def build_services(settings: Settings, bot_username: str | None = None) -> Services:
    store, embedder = open_store(settings)
    retriever = Retriever(store, embedder)
    llm = None
    if settings.llm_enabled:
        from bot.llm import LLMAnswerer

        llm = LLMAnswerer(settings)
    answerer = Answerer(retriever, OfflineAnswerer(bot_username), llm)
    return Services(settings, store, embedder, retriever, answerer)

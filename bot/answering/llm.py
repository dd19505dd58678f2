"""The LLM answerer: langchain-openai ChatOpenAI (OpenAI, Ollama, vLLM, llama.cpp) over numbered evidence."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from bot.answering import prompts
from bot.config import Settings
from bot.models import Citation

log = logging.getLogger(__name__)
NOT_COVERED = "NOT_COVERED"


def format_evidence(citations: list[Citation], contexts: dict[int, str]) -> str:
    lines = []
    for c in citations:
        source = ", ".join(p for p in (c.outlet, c.published, c.title) if p)
        if c.is_quote:
            # A statement in parts: each part in its own marks, so the model quotes them as the speaker's.
            words = " … ".join(f"“{c.quote[a - c.start:b - c.start]}”" for a, b in c.speaker_spans) \
                if len(c.speaker_spans) > 1 else f"“{c.quote}”"
            lines.append(f"[{c.n}] speaker: {c.speaker} — quote: {words} ({source})")
        else:
            lines.append(f"[{c.n}] passage: {c.quote} ({source})")
        if contexts.get(c.n) and contexts[c.n] != c.quote:
            lines.append(f"    context: {contexts[c.n]}")
    return "\n".join(lines)


class LLMAnswerer:
    """Builds the chat model once; every call has a timeout and no hidden retries (we fall back instead)."""

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import ChatOpenAI

        self.model_name = settings.openai_model
        self.chat = ChatOpenAI(
            model=settings.openai_model,
            **settings.openai_client(),  # type: ignore[arg-type]
            max_retries=0,
            temperature=0,
        )

    def _messages(self, question: str, evidence: str) -> list[tuple[str, str]]:
        return [
            ("system", prompts.render("system")),
            ("human", prompts.render("user", question=question, evidence=evidence)),
        ]

    def complete(self, question: str, evidence: str) -> str:
        result = self.chat.invoke(self._messages(question, evidence))
        content = result.content
        if not isinstance(content, str):
            raise ValueError("model returned non-text content")
        return content

    async def astream(self, question: str, evidence: str) -> AsyncIterator[str]:
        async for chunk in self.chat.astream(self._messages(question, evidence)):
            if isinstance(chunk.content, str) and chunk.content:
                yield chunk.content

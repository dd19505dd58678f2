"""Typed records passed between the stages: Article, Chunk, Quote, Citation, Answer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Article(BaseModel):
    id: str
    title: str
    text: str
    outlet: str = ""
    author: str = ""
    published: str = ""
    updated: str = ""
    url: str = ""
    category: str = ""
    source: str = ""
    paragraphs: list[tuple[int, int]] = Field(default_factory=list)
    content_hash: str = ""

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding a character offset (the last one when past the end)."""
        for i, (start, end) in enumerate(self.paragraphs):
            if offset < end or (start <= offset <= end):
                return i
        return max(len(self.paragraphs) - 1, 0)


class Chunk(BaseModel):
    id: str
    article_id: str
    text: str
    start: int
    end: int
    paragraph: int


class Quote(BaseModel):
    id: str
    article_id: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_mention: str = ""
    cue: str = ""
    kind: Literal["direct", "partial"] = "direct"
    paragraph: int = 0
    confidence: float = 1.0  # below the calibrated threshold the speaker is left empty


class Citation(BaseModel):
    n: int
    quote: str
    speaker: str | None = None
    article_id: str
    title: str = ""
    outlet: str = ""
    published: str = ""
    url: str = ""
    link: str = ""
    start: int
    end: int
    is_quote: bool = True
    quote_id: str | None = None
    # The words that are the speaker's own (exactly `quote` for a quotation; a statement's parts joined by
    # " … " when the journalist broke it up with "he said"; None for the article's own words): everything
    # else an answer shows around them is the journalist's report.
    speaker_words: str | None = None
    # Where those words stand in the article: one (start, end) per part.
    speaker_spans: list[tuple[int, int]] = Field(default_factory=list)


class Answer(BaseModel):
    question: str
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    refused: bool = False
    mode: Literal["offline", "llm"] = "offline"

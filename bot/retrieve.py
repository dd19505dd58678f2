"""Hybrid retrieval: dense (Chroma) and lexical (FTS5) over passages and quotes, fused, speaker-aware."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from bot.catalog import fts_query
from bot.embeddings import Embedder
from bot.models import Article, Chunk, Quote
from bot.speaker_index import SpeakerIndex
from bot.speakers import SpeakerEntry, name_key
from bot.store import Store

log = logging.getLogger(__name__)
RRF_K = 60
_WHO = re.compile(r"^\s*(who|which\s+\w+|whose)\b", re.IGNORECASE)
_SAY_WORDS = re.compile(
    r"\b(say|said|says|saying|comment|commented|comments|statement|call|called|warn|warned|quote|quoted|"
    r"claim|claimed|tell|told|describe|described|react|reacted|respond|responded|speak|spoke|think|view|views|"
    r"dismiss|dismissed|deny|denied|accuse|accused|admit|admitted|predict|predicted)\b", re.IGNORECASE)
_ASKED_SPEAKER = re.compile(
    r"\b(?:did|does|do|has|have|had|is|was|were|will|would)\s+(?P<who>.+?)\s+(?:ever\s+|really\s+|also\s+)?"
    r"(?:say|said|saying|tell|told|think|thought|comment|commented|write|wrote|mean|claim|claimed|warn|warned|"
    r"call|called|describe|described|argue|argued|predict|predicted|respond|responded|react|reacted|"
    r"speak|spoke|add|added|believe|make of|feel)\b", re.IGNORECASE)
_FROM_SPEAKER = re.compile(r"\b(?:anyone|anybody|someone|somebody)\s+(?:from|at|in)\s+(?P<who>.+?)(?:\s+(?:say|said|comment|commented|respond|responded|react|reacted)\b|[?.]|$)", re.IGNORECASE)
_QUESTION_WORDS = {"who", "what", "when", "where", "why", "how", "did", "does", "do", "has", "have", "is",
                   "was", "were", "which", "whose", "can", "could", "would", "should", "will", "anyone",
                   "anybody", "someone", "i", "the", "a", "an", "and", "or", "tell", "me", "about", "any", "in",
                   "on", "of", "from", "say", "said", "comment", "news", "coverage", "article", "articles"}


@dataclass
class QuestionInfo:
    """What the question asks for: a speaker, a quoted phrase, who said something, or a topic."""

    text: str
    who: bool = False
    about_speech: bool = False
    speakers: list[SpeakerEntry] = field(default_factory=list)
    unknown_names: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    topic: str = ""

    @property
    def speaker_keys(self) -> set[str]:
        return {k for e in self.speakers for k in e.keys}


@dataclass
class Hit:
    """A retrieved quote or passage with its article."""

    kind: str  # "quote" | "chunk"
    id: str
    score: float
    article: Article
    quote: Quote | None = None
    chunk: Chunk | None = None
    dense: float = 0.0

    @property
    def text(self) -> str:
        return self.quote.text if self.quote else self.chunk.text  # type: ignore[union-attr]

    @property
    def start(self) -> int:
        return self.quote.start if self.quote else self.chunk.start  # type: ignore[union-attr]

    @property
    def end(self) -> int:
        return self.quote.end if self.quote else self.chunk.end  # type: ignore[union-attr]


class Retriever:
    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder
        self.speakers = SpeakerIndex(store.catalog)
        self._entries: list[SpeakerEntry] = []
        self._entries_version = -1
        self._articles: dict[str, Article] = {}

    def _speaker_entries(self) -> list[SpeakerEntry]:
        version = self.store.catalog.count("quotes") * 100003 + self.store.catalog.count("articles")
        if version != self._entries_version:
            self._entries = self.speakers.entries()
            self._entries_version = version
            self._articles.clear()
        return self._entries

    def article(self, article_id: str) -> Article | None:
        if article_id not in self._articles:
            found = self.store.catalog.article(article_id)
            if found is None:
                return None
            self._articles[article_id] = found
        return self._articles[article_id]

    # question analysis --------------------------------------------------------------------------
    def analyse(self, question: str) -> QuestionInfo:
        info = QuestionInfo(text=question)
        info.who = bool(_WHO.match(question)) or bool(re.search(r"\bwho\s+(said|called|warned)\b", question, re.I))
        info.about_speech = bool(_SAY_WORDS.search(question))
        info.phrases = [p.strip() for p in re.findall(r"[\"“‘]([^\"”’]{3,})[\"”’]", question)]
        unquoted = re.sub(r"[\"“‘][^\"”’]{3,}[\"”’]", " ", question)
        # "What did X say about Y": X is the speaker, Y is topic. In "Who said X ...", X is all topic.
        subject = None
        if not info.who:
            if m := _ASKED_SPEAKER.search(unquoted):
                subject = m.group("who")
            elif m := _FROM_SPEAKER.search(unquoted):
                subject = m.group("who")
        entries = self._speaker_entries()
        named: set[str] = set()
        if subject:
            words = re.findall(r"[\w’'-]+", subject)
            # A surname counts only as the last word of a capitalised run: "White" in "White House" is not
            # Kelli White.
            runs = re.findall(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*", subject)
            qkeys = {name_key(re.sub(r"['’]s$", "", run.split()[-1])) for run in runs}
            qtext = " " + name_key(subject) + " "
            info.speakers = [e for e in entries if self._entry_in_question(e, qkeys, qtext)][:8]
            named = {k for e in info.speakers for n in [e.name, *e.aliases] for k in name_key(n).split()}
            for run in runs:
                kept = [w for w in run.split() if w.lower() not in _QUESTION_WORDS]
                if kept and not any(name_key(w) in named for w in kept):
                    info.unknown_names.append(" ".join(kept))
            if info.speakers:
                info.unknown_names = []
        words = re.findall(r"[\w’'-]+", unquoted)
        topic_words = [w for w in words if w.lower() not in _QUESTION_WORDS and name_key(w) not in named]
        info.topic = " ".join(topic_words)
        return info

    @staticmethod
    def _entry_in_question(entry: SpeakerEntry, qkeys: set[str], qtext: str) -> bool:
        for name in [entry.name, *entry.aliases]:
            key = name_key(name)
            tokens = key.split()
            if not tokens:
                continue
            if len(tokens) > 1 and f" {key} " in qtext:
                return True
            if len(tokens) == 1 and key in qkeys:
                return True
            if name[:1].isupper() and name.split()[0][:1].isupper() and len(tokens) <= 4:
                # A person: their surname (or the whole short name) in the question is enough.
                if len(tokens[-1]) >= 3 and tokens[-1] in qkeys and not name.lower().startswith(("the ", "a ")):
                    return True
        return False

    # search -------------------------------------------------------------------------------------
    def search(self, question: str, k: int = 8, info: QuestionInfo | None = None) -> list[Hit]:
        info = info or self.analyse(question)
        vector = self.embedder.embed_query(question)
        depth = max(k * 4, 30)
        lists: list[list[tuple[str, float]]] = []
        dense_scores: dict[str, float] = {}
        dense_quotes = self.store.dense("quotes", vector, depth)
        dense_chunks = self.store.dense("chunks", vector, depth)
        dense_scores.update(dense_quotes)
        dense_scores.update(dense_chunks)
        lists += [dense_quotes, dense_chunks]
        terms = " ".join([info.topic, *info.phrases]) or question
        lists.append(self.store.catalog.search_fts("quotes_fts", fts_query(terms), depth))
        lists.append(self.store.catalog.search_fts("chunks_fts", fts_query(terms), depth))
        for phrase in info.phrases:
            lists.append(self.store.catalog.search_fts("quotes_fts", f'"{phrase.replace(chr(34), "")}"', depth))
        if info.speakers:
            lexical_chunks = self.store.catalog.search_fts("chunks_fts", fts_query(info.topic), 50) \
                if info.topic.strip() else []
            lists.append(self._speaker_quotes(info, vector, depth, dense_scores, [i for i, _ in lexical_chunks]))
        fused: dict[str, float] = {}
        for ranked in lists:
            for rank, (vid, _score) in enumerate(ranked):
                fused[vid] = fused.get(vid, 0.0) + 1.0 / (RRF_K + rank)
        return self._hits(fused, dense_scores, info, k)

    def _speaker_quotes(self, info: QuestionInfo, vector: list[float], depth: int,
                        dense_scores: dict[str, float], topic_chunks: list[str]) -> list[tuple[str, float]]:
        """The named speakers' quotes ranked by similarity to the question (no Chroma `where` needed).

        A quote whose surrounding passage matches the topic words ranks first: "what did Blair say to the
        Guildford families" is answered by a quote that never names them, in a paragraph that does.
        """
        quotes = self.store.catalog.quotes(speaker_keys=info.speaker_keys)
        if not quotes:
            return []
        spans: dict[str, list[tuple[int, int, int]]] = {}
        for rank, chunk in enumerate(self.store.catalog.chunks_by_id(topic_chunks).values()):
            spans.setdefault(chunk.article_id, []).append((chunk.start, chunk.end, rank))
        in_topic = {q.id for q in quotes
                    if any(lo <= q.start and q.end <= hi for lo, hi, _ in spans.get(q.article_id, []))}
        ids = [q.id for q in quotes][:2000]
        got = self.store.collections["quotes"].get(ids=ids, include=["embeddings"])
        scored = []
        for vid, emb in zip(got["ids"], got["embeddings"], strict=True):
            sim = float(sum(a * b for a, b in zip(vector, emb, strict=True)))
            dense_scores.setdefault(vid, sim)
            scored.append((vid, sim + (1.0 if vid in in_topic else 0.0)))
        scored.sort(key=lambda x: -x[1])
        # Listed twice: for "what did X say" the speaker is the strongest signal there is.
        return scored[:depth] + scored[:depth]

    def _hits(self, fused: dict[str, float], dense: dict[str, float], info: QuestionInfo, k: int) -> list[Hit]:
        catalog = self.store.catalog
        ids = sorted(fused, key=lambda i: -fused[i])[: k * 6]
        quotes = catalog.quotes_by_id(i for i in ids if ":q" in i)
        chunks = catalog.chunks_by_id(i for i in ids if ":q" not in i)
        hits: list[Hit] = []
        keys = info.speaker_keys
        phrase_words = [w for p in info.phrases for w in re.findall(r"\w+", p.casefold())]
        for vid in ids:
            score = fused[vid]
            if vid in quotes:
                q = quotes[vid]
                if keys and name_key(q.speaker) in keys:
                    score *= 1.5
                if phrase_words and all(w in q.text.casefold() for w in phrase_words):
                    score *= 2.0
                if q.speaker is None:
                    score *= 0.7
                article = self.article(q.article_id)
                if article:
                    hits.append(Hit("quote", vid, score, article, quote=q, dense=dense.get(vid, 0.0)))
            elif vid in chunks:
                c = chunks[vid]
                article = self.article(c.article_id)
                if article:
                    hits.append(Hit("chunk", vid, score, article, chunk=c, dense=dense.get(vid, 0.0)))
        hits.sort(key=lambda h: -h.score)
        return hits[: k * 3]

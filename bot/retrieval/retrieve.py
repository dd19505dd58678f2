"""Hybrid retrieval: dense (Chroma) and lexical (FTS5) over passages and quotes, fused, speaker-aware."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass

from bot.embedding.backends import Embedder
from bot.models import Article, Chunk, Quote
from bot.quotes.names import first_names
from bot.retrieval.claim import CALLING, read_called, read_claim
from bot.retrieval.speaker_index import SpeakerIndex
from bot.retrieval.spelling import Speller
from bot.retrieval.statements import statements
from bot.retrieval.stems import content_stems, stem
from bot.retrieval.understand import QuestionInfo, analyse
from bot.speakers import DAYS_AND_MONTHS, SpeakerEntry
from bot.storage.catalog import STOPWORDS, fts_query, speaker_key
from bot.storage.store import Store

log = logging.getLogger(__name__)
RRF_K = 60
# A word in more passages than this is left out of lexical queries: ranking its matches costs time that grows
# with the coverage (at 10,000 articles a word in 15,000 passages took 0.2 s to rank), for a word BM25 all but
# ignores. On the 2,225-article corpus (10,600 passages) only the commonest words reach it.
LEXICAL_DF_CAP = 3000
QUOTE_PASSAGES = 10  # the quotes of this many of the best lexical passages join the candidates
# The best passages always among the candidates: "What was thrown over Robert Kilroy-Silk in Manchester?" found
# his many quotes in every list (their own words, their passages', their vectors) and 24 of them outranked the
# lede that answers it, which then never reached the answerer.
MIN_PASSAGES = 4
RARE_PAIR_WEIGHT = 4.5  # both words of a question's phrase this rare (as the answerer's MIN_PAIR_WEIGHT)
RARE_TYPO_PASSAGES = 2  # a word the coverage holds this rarely may be its own typo of a common word
# Two words the coverage writes together in this many passages, and in this share of those holding the rarer
# of them, are one name or term: "six nations" (148 of 429), "house prices" (34 of 294), not "back after" (7 of
# 882), "weak dollar" (4 of 66), "game show" (5 of 797).
COMPOUND_PASSAGES = 3
COMPOUND_SHARE = 0.1


_LOWER_EDITION = re.compile(r"\b((?:19|20)\d\d)\s+([a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2})")
NAME_SAMPLE = 20  # passages read to tell how the coverage writes some words ...
NAME_SHARE = 0.8  # ... and the share of them writing them capitalised that makes the words a name
_EDITION = re.compile(r"\b(?:19|20)\d\d\s+[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*[a-z][\w'’-]*){0,2}")


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
    followed: bool = False  # from an article the answer this question follows up cited
    # The parts of the statement this quote belongs to, in reading order, when the journalist broke one
    # statement up ('"…," he said. "…"'); empty for a quote that stands alone.
    parts: tuple[Quote, ...] = ()
    # A named speaker's quote: how close in meaning to the question's topic alone (the name left out, which
    # every passage naming them shares) its own words are, and the passage holding it; None when unmeasured.
    topic_quote: float | None = None
    topic_passage: float | None = None
    # A who-question's quote: how close in meaning its own words are to what the question claims of its subject
    # ("should be broken up" of Microsoft); None when unmeasured.
    claim_quote: float | None = None

    @property
    def text(self) -> str:
        """The speaker's words (a statement's parts joined by an ellipsis), or the passage."""
        if self.parts:
            return " … ".join(p.text for p in self.parts)
        return self.quote.text if self.quote else self.chunk.text  # type: ignore[union-attr]

    @property
    def start(self) -> int:
        if self.parts:
            return self.parts[0].start
        return self.quote.start if self.quote else self.chunk.start  # type: ignore[union-attr]

    @property
    def end(self) -> int:
        if self.parts:
            return self.parts[-1].end
        return self.quote.end if self.quote else self.chunk.end  # type: ignore[union-attr]


def _holding_chunk(spans: list[tuple[int, int, str]], offset: int) -> str | None:
    """The passage an offset falls in (spans sorted by start)."""
    found = None
    for start, end, cid in spans:
        if start > offset:
            break
        if offset < end:
            found = cid
    return found


class Retriever:
    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder
        self.speakers = SpeakerIndex(store.catalog)
        self.speller = Speller(store.catalog)
        self.quote_vectors = store.settings.whosaid_quote_vectors
        self._entries: list[SpeakerEntry] = []
        self._articles: dict[str, Article] = {}
        self._df: dict[str, int] = {}
        self._chunks_total: int | None = None

    def _speaker_entries(self) -> list[SpeakerEntry]:
        entries = self.speakers.entries()
        if entries is not self._entries:
            self._entries = entries
            self._articles.clear()
            self._df.clear()
            self._chunks_total = None
        return entries

    def article(self, article_id: str) -> Article | None:
        if article_id not in self._articles:
            found = self.store.catalog.article(article_id)
            if found is None:
                return None
            self._articles[article_id] = found
        return self._articles[article_id]

    def analyse(self, question: str) -> QuestionInfo:
        self._speaker_entries()
        return analyse(question, self.speakers)

    def _rare_pairs(self, text: str) -> list[str]:
        """Consecutive content words of the text that are both rare in the coverage (as the answerer's phrase
        bonus counts them), as phrases."""
        words = re.findall(r"[\w'’]+", text)
        pairs = [(a, b) for a, b in zip(words, words[1:], strict=False)
                 if stem(a) in content_stems(a) and stem(b) in content_stems(b)]
        if not pairs:
            return []
        weights = self.term_weights(text)
        return [f"{a} {b}" for a, b in pairs
                if min(weights.get(stem(a), 0.0), weights.get(stem(b), 0.0)) >= RARE_PAIR_WEIGHT][:3]

    def term_weights(self, text: str) -> dict[str, float]:
        """Each content word's rarity in the coverage (inverse document frequency over passages)."""

        self._speaker_entries()  # a new commit clears the frequencies cached below
        if self._chunks_total is None:
            self._chunks_total = max(self.store.catalog.count("chunks"), 1)  # counting scans: once per commit
        total = self._chunks_total
        weights: dict[str, float] = {}
        wanted = content_stems(text)
        for word in re.findall(r"[\w'’-]+", text):
            key = stem(word)
            if key not in wanted or key in weights:
                continue
            weights[key] = math.log((total + 1) / (self._frequency(word) + 1)) + 0.5
        return weights

    def _frequency(self, word: str) -> int:
        """Passages holding the word, counted up to LEXICAL_DF_CAP (above it, a word is common at any rate)."""
        if word not in self._df:
            q = fts_query(word, keep_stopwords=True)
            self._df[word] = self.store.catalog.fts_count("chunks_fts", q, cap=LEXICAL_DF_CAP) if q else 0
        return self._df[word]

    def lexical_query(self, text: str) -> str:
        """The FTS query of the text's content words, leaving out words so common that ranking their matches
        would cost time growing with the coverage (BM25 gives them next to no weight anyway, and the dense
        search still reads them). A text of only such words keeps its rarest one."""
        query = fts_query(text)
        words = query.replace('"', "").split(" OR ") if query else []
        if not words:
            return ""
        self._speaker_entries()  # a new commit clears the cached frequencies
        kept = [w for w in words if self._frequency(w) < LEXICAL_DF_CAP]
        if not kept:
            kept = [min(words, key=self._frequency)]
        return " OR ".join(f'"{w}"' for w in kept)

    def known_words(self, words: list[str]) -> list[str]:
        """The words the coverage holds at all (through the lexical index, so stems and case match)."""
        known = []
        for w in words:
            q = fts_query(w, keep_stopwords=True)
            if q and self.store.catalog.fts_any("chunks_fts", q):
                known.append(w)
        return known

    def unknown_words(self, info: QuestionInfo) -> tuple[dict[str, str], list[str]]:
        """The topic's words the coverage never uses: {typo: the coverage's name} for those a typo from a name
        it uses ("irak": "Iraq"), and those the question writes with a capital — a name ("Brexit") — that are
        a typo of nothing it holds. (Not the question's first word: any word is capitalised there.)"""
        words = list(dict.fromkeys(re.findall(r"[^\W\d_]+", re.sub(r"['’]s\b", "", info.topic))))
        known = set(self.known_words(words))
        first = re.match(r"\W*([^\W\d_]+)", info.text)
        corrected: dict[str, str] = {}
        absent: list[str] = []
        for word in words:
            if word.casefold() in DAYS_AND_MONTHS:
                continue
            if word in known:
                # A word one or two passages hold may be their typo as much as the question's: "goverment" is in
                # the corpus twice, and weighed as the rarest word of "who said the goverment rescue of varig
                # …", it had refused the question the quote answers.
                if word.islower() and self._frequency(word) <= RARE_TYPO_PASSAGES:
                    right, _ = self.speller.read(word, common_only=True)
                    if right is not None:
                        corrected[word] = right
                continue
            right, near = self.speller.read(word)
            if right is not None:
                corrected[word] = right
            elif word[:1].isupper() and not (first and first.group(1) == word) and len(word) > 2 and not near:
                absent.append(word)
        # An edition of an event the coverage never names ("Who won the 2010 World Cup?"): its words are all in
        # it ("the World Cup", "in 2010"), and the passages holding them answered of another edition.
        for m in _EDITION.finditer(info.text):
            phrase = " ".join(re.findall(r"\w+", m.group(0)))
            if not self.store.catalog.fts_any("chunks_fts", f'"{phrase}"'):
                absent = [w for w in absent if w not in phrase.split()] + [f"the {m.group(0)}"]
        # Asked in lower case ("who won the 2010 world cup?"): the words after the year are an event's name when
        # the coverage writes them as one ("World Cup"); "in 2005 profits rose" names nothing.
        for m in _LOWER_EDITION.finditer(info.text):
            name = self._written_as_name(m.group(2))
            if name and not self.store.catalog.fts_any("chunks_fts", f'"{m.group(1)} {name}"'):
                absent.append(f"the {m.group(1)} {name}")
        return corrected, absent

    def _written_as_name(self, words: str) -> str | None:
        """The longest run of two or more of these words (from the first) that the coverage writes capitalised,
        as it writes it ("World Cup" for "world cup"), or None."""
        run = words.split()
        for k in range(len(run), 1, -1):  # (two words at least: "2004 christmas trading" asks of a Christmas)
            phrase = " ".join(run[:k])
            if phrase in STOPWORDS or len(phrase) < 3:
                continue
            pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
            forms = [f.group(0) for text in self.store.catalog.passages_matching(f'"{phrase}"', NAME_SAMPLE)
                     for f in pattern.finditer(text)]
            if forms and sum(f.istitle() for f in forms) >= NAME_SHARE * len(forms):
                return max(set(forms), key=forms.count)
        return None

    # search -------------------------------------------------------------------------------------
    def search(self, question: str, k: int = 8, info: QuestionInfo | None = None,
               followed: tuple[str, ...] = ()) -> list[Hit]:
        """The evidence for a question; `followed` names the articles of the answer it follows up ("what
        else did he say about the gambling bill?" asks about the story just shown, before any other)."""
        info = info or self.analyse(question)
        vector = self.embedder.embed_query(question)
        depth = max(k * 4, 30)
        lists: list[list[tuple[str, float]]] = []
        dense_scores: dict[str, float] = {}
        dense_chunks = self.store.dense("chunks", vector, depth)
        dense_quotes = (self.store.dense("quotes", vector, depth) if self.quote_vectors
                        else self._quotes_in_chunks(dense_chunks, depth))
        dense_scores.update(dense_quotes)
        dense_scores.update(dense_chunks)
        lists += [dense_quotes, dense_chunks]
        terms = " ".join([info.topic, *info.phrases]) or question
        lexical = self.lexical_query(terms)
        lists.append(self.store.catalog.search_fts("quotes_fts", lexical, depth))
        passages = self.store.catalog.search_fts("chunks_fts", lexical, depth)
        lists.append(passages)
        if self.quote_vectors:
            # "Who said Rowan Atkinson is keener than before on more Blackadder?": the journalist's sentence
            # names the topic, the partial quote ("more keen than he has been in the past") does not; the
            # quotes inside the passages the question's words find best are candidates in their own right.
            lists.append(self._quotes_in_chunks(passages[:QUOTE_PASSAGES], depth))
        for phrase in info.phrases:
            lists.append(self.store.catalog.search_fts("quotes_fts", f'"{phrase.replace(chr(34), "")}"', depth))
        for pair in self._rare_pairs(info.topic):
            # "Who said the Tory spending plans were a ludicrous improbability?": the question's two rare words
            # side by side in a quote are its own words; fused as one more list, a two-word partial quote
            # otherwise fell below long statements sharing the commoner words.
            lists.append(self.store.catalog.search_fts("quotes_fts", f'"{pair}"', depth))
        if info.speakers:
            lexical_chunks = self.store.catalog.search_fts("chunks_fts", self.lexical_query(info.topic), 50) \
                if info.topic.strip() else []
            lists.append(self._speaker_quotes(info, vector, depth, dense_scores, [i for i, _ in lexical_chunks]))
        if followed:
            lists.append(self._followed(followed, vector, depth, dense_scores))
        fused: dict[str, float] = {}
        for ranked in lists:
            for rank, (vid, _score) in enumerate(ranked):
                fused[vid] = fused.get(vid, 0.0) + 1.0 / (RRF_K + rank)
        hits = self._hits(fused, dense_scores, info, k, vector, set(followed))
        if info.speakers and not info.who and info.topic.strip():
            self._topic_closeness(hits, info)
            info.compounds = self.compounds(info)
        if info.who and info.about_speech and info.said:
            self._claim_closeness(hits, info)
        return hits

    def compounds(self, info: QuestionInfo) -> frozenset[tuple[str, str]]:
        """The topic's words the question writes side by side that the coverage writes together too, often
        enough to be one name or term ("the six nations", "interest rates"), not words that happen to meet
        ("the way banks market loans", "his forehead back after the advert")."""
        topic = content_stems(info.topic)
        words = re.findall(r"[\w'’-]+", info.text)
        found: set[tuple[str, str]] = set()
        for a, b in zip(words, words[1:], strict=False):
            pair = (stem(a), stem(b))
            # (Not a person's name: "Kevin Morgan" is named by either word — "Kevin was …".)
            if pair[0] in topic and pair[1] in topic and pair[0] != pair[1] and pair not in found \
                    and a.casefold() not in first_names():
                phrase = " ".join(re.findall(r"\w+", f"{a} {b}".casefold()))
                together = self.store.catalog.fts_count("chunks_fts", f'"{phrase}"', cap=LEXICAL_DF_CAP)
                if together >= max(COMPOUND_PASSAGES, COMPOUND_SHARE * min(self._frequency(a), self._frequency(b))):
                    found.add(pair)
        return frozenset(found)

    def _topic_closeness(self, hits: list[Hit], info: QuestionInfo) -> None:
        """How close the named speakers' quotes are to the topic alone: "What did Jose Mourinho say about the
        general election?" is close (0.6) to every quote of his through his name, and to none through its topic."""
        own = [h for h in hits if h.quote is not None and speaker_key(h.quote.speaker) in info.speaker_keys]
        if not own:
            return
        info.stories = self.store.catalog.stories_quoting(info.speaker_keys)
        topic = self.embedder.embed_query(info.topic)
        by_quote = dict(self._quote_similarities([h.quote for h in own], topic, optional=True))  # type: ignore[misc]
        spans = self.store.catalog.chunk_spans({h.article.id for h in own})
        holder = {h.id: _holding_chunk(spans.get(h.article.id, []), h.start) for h in own}
        by_chunk = dict(self._chunk_similarities(sorted({c for c in holder.values() if c}), topic))
        for h in own:
            h.topic_quote = by_quote.get(h.id, 0.0)
            h.topic_passage = by_chunk.get(holder[h.id] or "", 0.0)

    def _claim_closeness(self, hits: list[Hit], info: QuestionInfo) -> None:
        """How close each quote is to what the question claims of its subject, the subject left out: every
        quote naming Microsoft is close to "Microsoft should be broken up" through the name."""
        claim = read_claim(info.said)
        verb = re.search(r"([\w’']+)\s*$", info.text[:len(info.text) - len(info.said)]) if info.said else None
        if not claim.predicate and verb is not None and verb.group(1).lower() in CALLING:
            claim = read_called(verb.group(1).lower(), info.said)
        info.claim_subject, info.claim, info.claimed_of = claim
        quotes = [h for h in hits if h.quote is not None]
        if not info.claim or not quotes:
            return
        # Its meaning without the names it gives: "should join NATO" is close to every quote on NATO.
        meaning = info.claimed_of if content_stems(info.claimed_of) else info.claim
        by_quote = dict(self._quote_similarities([h.quote for h in quotes], self.embedder.embed_query(meaning),  # type: ignore[misc]
                                                 optional=True))
        for h in quotes:
            h.claim_quote = by_quote.get(h.id)

    def _followed(self, article_ids: tuple[str, ...], vector: list[float], depth: int,
                  dense_scores: dict[str, float]) -> list[tuple[str, float]]:
        """The quotes and passages of the followed articles, nearest in meaning first."""
        quotes = self.store.catalog.quotes_of_articles(article_ids)[:500]
        ranked = self._quote_similarities(quotes, vector, optional=True)
        chunk_ids = [cid for spans in self.store.catalog.chunk_spans(article_ids).values() for _, _, cid in spans]
        ranked += self._chunk_similarities(chunk_ids[:500], vector)
        ranked.sort(key=lambda x: -x[1])
        for vid, sim in ranked:
            dense_scores.setdefault(vid, sim)
        return ranked[:depth]

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
        scored = []
        for vid, sim in self._quote_similarities(quotes[:2000], vector):
            dense_scores.setdefault(vid, sim)
            scored.append((vid, sim + (1.0 if vid in in_topic else 0.0)))
        scored.sort(key=lambda x: -x[1])
        # Listed twice: for "what did X say" the speaker is the strongest signal there is.
        return scored[:depth] + scored[:depth]

    def _fill_dense(self, dense: dict[str, float], quotes: dict[str, Quote], chunks: dict, vector: list[float]) -> None:
        """The similarity of hits only the lexical index found ("Our nation is in peril here" for "who said
        the Maldives was in peril?"): without it their relevance counted their words and no meaning at all,
        and every hit both lists found outranked them."""
        missing_quotes = [q for vid, q in quotes.items() if vid not in dense]
        if missing_quotes:
            dense.update(self._quote_similarities(missing_quotes, vector, optional=True))
        missing_chunks = [vid for vid in chunks if vid not in dense]
        if missing_chunks:
            dense.update(self._chunk_similarities(missing_chunks, vector))

    def _passage_floor(self, dense: dict[str, float], quotes: dict[str, Quote], chunks: dict) -> None:
        """A quote is at least as close in meaning as the retrieved passage that holds it: its own vector says
        little of what its sentence is about ("more keen than he has been in the past", in "… told ITV1 the
        show's star, Rowan Atkinson, was …"), and questions ask about both."""
        held: dict[str, list[tuple[int, int, float]]] = {}
        for cid, c in chunks.items():
            if cid in dense:
                held.setdefault(c.article_id, []).append((c.start, c.end, dense[cid]))
        for vid, q in quotes.items():
            floor = max((sim for lo, hi, sim in held.get(q.article_id, ()) if lo <= q.start < hi), default=None)
            if floor is not None and floor > dense.get(vid, 0.0):
                dense[vid] = floor

    def _chunk_similarities(self, chunk_ids: list[str], vector: list[float]) -> list[tuple[str, float]]:
        """Each stored passage's similarity to the question; optional (a vector that cannot be read now
        leaves its passage out, and is no vector failure)."""
        import numpy as np

        if not chunk_ids:
            return []
        got = self.store.collections["chunks"].get(ids=chunk_ids, include=["embeddings"], optional=True)
        if not len(got["ids"]):
            return []
        sims = np.asarray(got["embeddings"], dtype=np.float32) @ np.asarray(vector, dtype=np.float32)
        return list(zip(got["ids"], sims.tolist(), strict=True))

    def _quote_similarities(self, quotes: list[Quote], vector: list[float], *, optional: bool = False
                            ) -> list[tuple[str, float]]:
        """Each quote's similarity to the question: its own vector's, or else its passage's."""
        import numpy as np

        if self.quote_vectors:
            got = self.store.collections["quotes"].get(ids=[q.id for q in quotes], include=["embeddings"],
                                                       optional=optional)
            ids, embeddings = got["ids"], got["embeddings"]
        else:
            spans = self.store.catalog.chunk_spans({q.article_id for q in quotes})
            holder = {q.id: _holding_chunk(spans.get(q.article_id, []), q.start) for q in quotes}
            wanted = sorted({c for c in holder.values() if c})
            got = self.store.collections["chunks"].get(ids=wanted, include=["embeddings"],
                                                       optional=optional) if wanted else {}
            by_chunk = dict(zip(got.get("ids") or [], got.get("embeddings") if wanted else [], strict=True))
            pairs = [(q.id, by_chunk[holder[q.id]]) for q in quotes if holder[q.id] in by_chunk]
            ids, embeddings = [p[0] for p in pairs], [p[1] for p in pairs]
        if not len(ids):
            return []
        sims = np.asarray(embeddings, dtype=np.float32) @ np.asarray(vector, dtype=np.float32)
        return list(zip(ids, sims.tolist(), strict=True))

    def _quotes_in_chunks(self, dense_chunks: list[tuple[str, float]], depth: int) -> list[tuple[str, float]]:
        """Without quote vectors: the quotes inside the nearest passages, each at its passage's similarity."""
        chunks = self.store.catalog.chunks_by_id(i for i, _ in dense_chunks)
        by_article: dict[str, list[Quote]] = {}
        for q in self.store.catalog.quotes_of_articles({c.article_id for c in chunks.values()}):
            by_article.setdefault(q.article_id, []).append(q)
        ranked: list[tuple[str, float]] = []
        for cid, sim in dense_chunks:
            c = chunks.get(cid)
            if c is None:
                continue
            ranked += [(q.id, sim) for q in sorted(by_article.get(c.article_id, []), key=lambda q: q.start)
                       if c.start <= q.start < c.end]
        return ranked[:depth]

    def _hits(self, fused: dict[str, float], dense: dict[str, float], info: QuestionInfo, k: int,
              vector: list[float] | None = None, followed: set[str] | None = None) -> list[Hit]:
        catalog = self.store.catalog
        ids = sorted(fused, key=lambda i: -fused[i])[: k * 6]
        quotes = catalog.quotes_by_id(i for i in ids if ":q" in i)
        chunks = catalog.chunks_by_id(i for i in ids if ":q" not in i)
        if vector is not None:
            self._fill_dense(dense, quotes, chunks, vector)
            self._passage_floor(dense, quotes, chunks)
        hits: list[Hit] = []
        keys = info.speaker_keys
        phrase_words = [w for p in info.phrases for w in re.findall(r"\w+", p.casefold())]
        for vid in ids:
            score = fused[vid]
            if vid in quotes:
                q = quotes[vid]
                if keys and speaker_key(q.speaker) in keys:  # (the keys are stored as the catalog keys them)
                    score *= 1.5
                if phrase_words and all(w in q.text.casefold() for w in phrase_words):
                    score *= 2.0
                if q.speaker is None:
                    score *= 0.7
                article = self.article(q.article_id)
                if article:
                    hits.append(Hit("quote", vid, score, article, quote=q, dense=dense.get(vid, 0.0),
                                    followed=q.article_id in (followed or ())))
            elif vid in chunks:
                c = chunks[vid]
                article = self.article(c.article_id)
                if article:
                    hits.append(Hit("chunk", vid, score, article, chunk=c, dense=dense.get(vid, 0.0),
                                    followed=c.article_id in (followed or ())))
        hits.sort(key=lambda h: -h.score)
        kept = hits[: k * 3]
        missing = MIN_PASSAGES - sum(h.quote is None for h in kept)
        hits = kept + [h for h in hits[k * 3:] if h.quote is None][:max(missing, 0)]
        self._join_statements(hits)
        return hits

    def _join_statements(self, hits: list[Hit]) -> None:
        """Each quote hit learns the statement it is part of (one query for all their articles)."""
        articles = {h.article.id: h.article for h in hits if h.quote is not None and h.quote.kind == "direct"}
        if not articles:
            return
        by_article: dict[str, list[Quote]] = {}
        for q in self.store.catalog.quotes_of_articles(articles):
            by_article.setdefault(q.article_id, []).append(q)
        parts: dict[str, tuple[Quote, ...]] = {}
        for article_id, quotes in by_article.items():
            parts.update(statements(articles[article_id].text, quotes))
        for h in hits:
            if h.quote is not None and h.quote.id in parts:
                h.parts = parts[h.quote.id]

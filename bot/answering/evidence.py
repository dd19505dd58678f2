"""From retrieval hits to numbered citations: the evidence both answerers cite."""

from __future__ import annotations

import functools
import re

from bot.answering.quantity import ANY_FIGURE, Asked, figure_fit
from bot.ingest.chunking import sentence_spans
from bot.models import Citation
from bot.rendering.links import citation_link
from bot.retrieval.retrieve import Hit
from bot.retrieval.stems import frozen_stems, stem


class Terms(dict):
    """A question's content stems with their weights, and the pairs of them it writes next to each other
    ("absolutely mobbed"): the same two words together in a quote are the question's own phrase. `carried`:
    the words are the topic of the question followed up, not the follow-up's own ("and what did serena say?")."""

    def __init__(self, weights: dict[str, float], pairs: frozenset[tuple[str, str]] = frozenset(),
                 carried: bool = False, asked: Asked | None = None, words: tuple[str, ...] = ()) -> None:
        super().__init__(weights)
        self.pairs = pairs
        self.carried = carried
        self.asked = asked  # the figure a how-much question asks for (its weight is the "<number>" term's)
        self.words = words  # the question's words in order, lower-cased: a run of them a quotation repeats


def overlap(terms: set[str] | dict[str, float], text: str) -> float:
    """Share of the question's content words that appear in the text; weighted by rarity when the terms
    carry weights (a word the coverage never uses weighs most: nothing can answer it)."""
    if not terms:
        return 0.0
    found = frozen_stems(text)  # shared and frozen: read, never changed
    # A figure is what a how-much question asks for, other than the question's own ("the indoor 400m"): the
    # kind it asks for ("how many flights": a number of flights, not "millions of euros") counts most.
    # Terms without a kind asked for take any figure.
    number = figure_fit(getattr(terms, "asked", None) or ANY_FIGURE, text, terms) if "<number>" in terms else 0.0
    if isinstance(terms, dict):
        total = sum(terms.values()) or 1.0
        # (A figure's movement in other words: "profits jumped 76%" answers how much profits rose.)
        alike = _MOVES if getattr(terms, "asked", None) is not None else {}
        held = sum(w for t, w in terms.items() if t in found or (t in alike and alike[t] & found))
        return (held + number * terms.get("<number>", 0.0)) / total
    return (len(terms & found) + number) / len(terms)


def _forms(*words: str) -> frozenset[str]:
    return frozenset(stem(w + end) for w in words for end in ("", "s", "d", "ed", "ing"))


# The words news uses for a figure going up or down, as a how-much question's "rise" or "fall".
_UP = _forms("rise", "jump", "soar", "climb", "surge", "increase", "grow", "gain", "up")
_DOWN = _forms("fall", "drop", "slump", "plunge", "decline", "slide", "shrink", "down", "cut") | {stem("dropped")}
_MOVES = {t: group for group in (_UP, _DOWN) for t in group}


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end], within its paragraph; the sentences, when a quotation runs over
    several ("Asked if he would stand again, Mr Hague replied: "No. Definitely not."": the reply alone was
    read without the question it answers)."""
    lo = text.rfind("\n\n", 0, start)
    hi = text.find("\n\n", start)
    held = [(s_lo, s_hi) for s_lo, s_hi in sentence_spans(text, 0 if lo < 0 else lo + 2, len(text) if hi < 0 else hi)
            if s_lo < max(end, start + 1) and start <= s_hi]
    if not held:
        return start, end
    return held[0][0], max(held[-1][1], end)


def quote_context(hit: Hit) -> str:
    """The sentence around a quote, or a statement's sentences (the paragraph is often about something else)."""
    text = hit.article.text
    lo, hi = sentence_around(text, hit.start, hit.end)
    return text[min(lo, hit.start):max(hi, hit.end)]


def context_of(hit: Hit) -> str:
    """The quote's sentence (or whole paragraph) — what makes a quote relevant is often around it."""
    text = hit.article.text
    if hit.quote is None:
        return hit.text
    p = hit.quote.paragraph
    if p < len(hit.article.paragraphs):
        lo, hi = hit.article.paragraphs[p]
        if p > 0 and len(sentence_spans(text, lo, hit.quote.start)) <= 1:
            # A quotation in the first sentences of its paragraph answers what the paragraph before it
            # ended on: "Souness had said he risked losing the players if he had not taken a hard line.
            # ¶ "If I'd been seen to be weak …"".
            before = sentence_spans(text, *hit.article.paragraphs[p - 1])
            if before:
                return text[before[-1][0]:before[-1][1]] + " " + text[lo:hi]
        return text[lo:hi]
    return hit.quote.text


Spans = list[tuple[int, int]]


def sentences_and_pairs(hit: Hit, terms: set[str] | dict[str, float]) -> tuple[Spans, Spans]:
    """The passage's sentences, and for a how-much question also each sentence with the next one of its
    paragraph: "LaShawn Merritt ran the third fastest indoor 400m … The 18-year-old clocked 44.93 seconds"
    answers "how fast did Merritt run?" only as a pair (the name in one sentence, the figure in the next)."""
    text = hit.article.text
    spans = sentence_spans(text, hit.start, hit.end) or [(hit.start, hit.end)]
    if "<number>" not in terms:
        return spans, []
    # The next sentence may open the next paragraph (a BBC lede is a paragraph of its own) or chunk.
    following = sentence_spans(text, spans[-1][0], min(len(text), spans[-1][1] + 400))[1:2]
    reach = spans + following
    return spans, [(a[0], b[1]) for a, b in zip(reach, reach[1:], strict=False)]


def answer_spans(hit: Hit, terms: set[str] | dict[str, float]) -> Spans:
    """Every span that may answer: the sentences, then the pairs (`sentences_and_pairs`)."""
    sentences, pairs = sentences_and_pairs(hit, terms)
    return sentences + pairs


def best_sentence(hit: Hit, terms: set[str] | dict[str, float]) -> tuple[int, int]:
    """The passage's sentence that shares most with the question (offsets into the article); of two that
    share as much, the shorter, then the earlier."""
    return max(answer_spans(hit, terms),
               key=lambda s: (overlap(terms, hit.article.text[s[0]:s[1]]), -(s[1] - s[0]), -s[0]))


def make_citation(n: int, hit: Hit, terms: set[str] | dict[str, float], bot_username: str | None) -> Citation:
    art = hit.article
    if hit.quote is not None:
        # A statement in parts cites the whole span, the journalist's "he said" included (a citation is
        # always one verbatim stretch of the article); `speaker_words` says which words are the speaker's.
        start, end, speaker, is_quote = hit.start, hit.end, hit.quote.speaker, True
        spans = [(p.start, p.end) for p in hit.parts] or [(start, end)]
    else:
        (start, end), speaker, is_quote = best_sentence(hit, terms), None, False
        spans = []
    text = art.text[start:end]
    return Citation(
        n=n, quote=text, speaker=speaker, article_id=art.id, title=art.title, outlet=art.outlet,
        published=art.published or art.updated, url=art.url,
        link=citation_link(art.url, text, art.id, start, end, bot_username, art.source), start=start, end=end,
        is_quote=is_quote, quote_id=hit.quote.id if hit.quote else None,
        speaker_words=hit.text if is_quote and speaker else None,
        speaker_spans=spans if is_quote and speaker else [],
    )


@functools.lru_cache(maxsize=4096)
def shared_run(words: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The longest run of consecutive words the question and the text share ("one of the most ambitious
    projects"), as the question writes them. (Cached: an answer scores each hit several times.)"""
    if not words:
        return ()
    theirs = re.findall(r"[\w'’]+", text.casefold())
    at: dict[str, list[int]] = {}
    for i, w in enumerate(theirs):
        at.setdefault(w, []).append(i)
    best: tuple[str, ...] = ()
    for i in range(len(words)):
        for j in at.get(words[i], ()):
            n = 0
            while i + n < len(words) and j + n < len(theirs) and words[i + n] == theirs[j + n]:
                n += 1
            if n > len(best):
                best = words[i:i + n]
    return best

"""Answer a question: retrieve, compose (LLM or offline), verify. The user always gets an answer."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import date

from bot.answering.answer_cache import SingleFlightCache
from bot.answering.evidence import context_of, make_citation
from bot.answering.llm import NOT_COVERED, LLMAnswerer, format_evidence
from bot.answering.offline import OfflineAnswerer
from bot.answering.verify import verify
from bot.models import Answer, Citation
from bot.retrieval.retrieve import Hit, QuestionInfo, Retriever
from bot.retrieval.stems import content_stems
from bot.retrieval.timeframe import Period, find_period, weekday_named, without_period
from bot.speakers import name_key

log = logging.getLogger(__name__)
_MARKER = re.compile(r"\[(\d+)\]")


# "Who is the current prime minister?": what the coverage says is as of its articles, not of today.
# (Asked in the present tense: "Who said it was now up to Rangers …?", "What did he compare the current teaching
# to?" ask about what was said then.)
_PRESENT = re.compile(r"\b(?:current|currently|now|nowadays|at present|presently|these days|at the moment)\b",
                      re.IGNORECASE)
_PRESENT_TENSE = re.compile(r"\b(?:is|are|does|do|has|have)\b|'s\b", re.IGNORECASE)
_PAST_TENSE = re.compile(r"\b(?:did|was|were|said|told|had)\b", re.IGNORECASE)


_FOLLOW_UP = re.compile(r"^\s*(?:and|but|so|also|what about|how about|what else|anything else)\b|"
                        r"\b(?:he|she|they|him|her|them|his)\b", re.IGNORECASE)


@dataclass
class FollowUp:
    """What a follow-up to an answer keeps: that question, the speaker it answered with, what it showed."""

    question: str
    speakers: list[str] = field(default_factory=list)
    topic: str = ""
    shown: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # what the answer cited: the story a follow-up asks on about


# A question whose only speaker is a pronoun: "what did he say?", "and what else did she tell them?"
_ASKED_PRONOUN = re.compile(r"\b(?:did|does|do|has|have|had|will|would|could|was|is)\s+(?P<pronoun>he|she|they)\s+"
                            r"(?:(?:also|ever|then|really|actually)\s+)?(?:say|said|tell|told|think|mean|add|claim|"
                            r"reply|respond|react|answer|comment|warn|predict|admit|explain|want|feel|believe)\b",
                            re.IGNORECASE)
NO_ONE_YET = ("Who do you mean by “{}”? Ask with their name — or reply to one of my answers to ask more about "
              "what it showed.")


def reads_as_follow_up(question: str) -> bool:
    """'and about Iraq?', 'what else did he say?': a message that only makes sense after the last answer."""
    return bool(_FOLLOW_UP.search(question))


@dataclass
class Prepared:
    info: QuestionInfo
    hits: list[Hit]
    offline: Answer
    period: Period | None = None


class Answerer:
    def __init__(self, retriever: Retriever, offline: OfflineAnswerer, llm: LLMAnswerer | None = None,
                 k: int = 8, today: Callable[[], date] = date.today) -> None:
        self.retriever = retriever
        self.offline = offline
        self.llm = llm
        self.k = k
        self._prepared: SingleFlightCache[Prepared] = SingleFlightCache(512)
        self._topics: SingleFlightCache[str] = SingleFlightCache(2048)
        self.today = today  # what "last week" is relative to; tests fix it
        self._in_flight = 0  # questions being prepared now: background ingestion gives way to them
        self._count = threading.Lock()

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    @property
    def bot_username(self) -> str | None:
        return self.offline.bot_username

    @bot_username.setter
    def bot_username(self, value: str | None) -> None:
        self.offline.bot_username = value

    def _verify(self, answer: Answer) -> Answer:
        def load_article(aid: str):  # type: ignore[no-untyped-def]
            return self.retriever.article(aid)

        checked = verify(answer, load_article)
        # A citation's speaker must be the stored speaker of that quote.
        quote_ids = [c.quote_id for c in checked.citations if c.quote_id]
        stored = self.retriever.store.catalog.quotes_by_id(quote_ids) if quote_ids else {}
        fixed = []
        for c in checked.citations:
            if c.quote_id and c.quote_id in stored and stored[c.quote_id].speaker != c.speaker:
                log.warning("verify: corrected speaker of [%d] to the stored one", c.n)
                c = c.model_copy(update={"speaker": stored[c.quote_id].speaker})
            fixed.append(c)
        return checked.model_copy(update={"citations": fixed})

    def _analyse(self, question: str) -> tuple[QuestionInfo, Period | None]:
        """The question's meaning, with the period it names (its words are not a topic to search for)."""
        period = find_period(question, self.today())
        if period is not None and not period.strict:
            # 'profits in 2004': the year is part of what is asked, so it stays in the search too.
            return self.retriever.analyse(question), period
        if period is not None:
            info = self.retriever.analyse(without_period(question, period))
            if info.kind == "question":
                info.text = question
                return info, period
        return self.retriever.analyse(question), None

    def prepare(self, question: str, previous: FollowUp | str | None = None) -> Prepared:
        """Retrieval and the offline answer; the same question in the same context over the same commit (and
        the same day, which periods such as "last week" depend on) is prepared once: a burst of chats asking
        the same thing costs one retrieval."""
        if isinstance(previous, FollowUp):
            context: object = (previous.question, tuple(previous.speakers), previous.topic, tuple(previous.shown),
                               tuple(previous.articles))
        else:
            context = previous
        key = (question, context, self.retriever.store.catalog.generation(), self.today())

        def compute() -> tuple[Prepared, bool]:
            failures = self.retriever.store.vector_failures
            prepared = self._prepare(question, previous)
            # An answer made while Chroma failed is lexical only: never serve it again from the cache.
            return prepared, self.retriever.store.vector_failures == failures

        with self._count:
            self._in_flight += 1
        try:
            return self._prepared.get(key, compute)
        finally:
            with self._count:
                self._in_flight -= 1

    def _prepare(self, question: str, previous: FollowUp | str | None = None) -> Prepared:
        info, period = self._analyse(question)
        corrected: dict[str, str] = {}
        if info.kind == "question":
            corrected, absent = self.retriever.unknown_words(info)
            if absent:
                # "What did the prime minister say about the Brexit negotiations?": a name no story holds
                # means no story answers (Tony Blair on the tsunami had been shown, close in meaning).
                # (The words bare: quotation marks in an answer say the words are a source's, verified.)
                names = " or ".join(absent)
                refusal = Answer(question=question, refused=True, answer=f"The coverage never mentions {names}.")
                return Prepared(info, [], refusal, period)
            info.topic = _read_as(info.topic, corrected)
        if previous is None and info.kind == "question" and not info.speakers and not info.unknown_names \
                and (asked := _ASKED_PRONOUN.search(question)):
            # "And what did he say after that?" asked first: no answer says who "he" is (a newcomer had been shown
            # a football manager's quote).
            refusal = Answer(question=question, refused=True, answer=NO_ONE_YET.format(asked["pronoun"].lower()))
            return Prepared(info, [], refusal, period)
        if isinstance(previous, str):
            prior = self.retriever.analyse(previous)
            previous = FollowUp(previous, [e.name for e in prior.speakers[:1]], prior.topic)
        query, seen, followed = question, set(), ()
        if previous is not None and info.kind == "question":
            followed = tuple(previous.articles)
            # A follow-up keeps the speaker and topic of the answer it follows, unless it names its own.
            carried = [e for name in previous.speakers for e in self.retriever.speakers.lookup(name).entries[:1]]
            if not info.speakers and not info.who and carried:
                info.speakers, info.unknown_names = carried, []
                query = f"{' '.join(e.name for e in carried)} {question}"
            else:
                query = f"{previous.question} {question}"
            if not info.topic.strip():
                own = {w for e in info.speakers for w in name_key(e.name).split()}
                info.topic = " ".join(w for w in previous.topic.split() if name_key(w) not in own)
                info.carried_topic = True
            if re.search(r"\belse\b", question, re.IGNORECASE):
                seen = set(previous.shown)
        strict = period is not None and period.strict
        if strict:
            query = without_period(query, period)
        query = _read_as(query, corrected)  # "what did blair say about irak?" is asked about Iraq
        hits = [] if info.kind != "question" else self.retriever.search(
            query, k=self.k * (3 if strict else 1), info=info, followed=followed)
        note = ""
        if period is not None and hits:
            hits, note = in_period(hits, period, self.k * 3)
            if not hits:
                refusal = Answer(question=question, refused=True,
                                 answer=f"The coverage holds nothing on that {period.describe()}.")
                return Prepared(info, [], refusal, period)
        weights = self.retriever.term_weights(info.topic + " " + " ".join(info.phrases)) if hits else None
        offline = self._verify(self.offline.compose(info, hits, self.retriever.known_words, seen, weights))
        if note and not offline.refused:
            offline = offline.model_copy(update={"answer": f"{note}\n{offline.answer}"})
        if corrected:
            read = ", ".join(f"{wrong} as {right}" for wrong, right in corrected.items())
            offline = offline.model_copy(update={"answer": f"(Read {read}.)\n{offline.answer}"})
        return Prepared(info, hits, _as_of(offline), period)

    def context_for(self, question: str, answer: Answer, previous: FollowUp | None = None) -> FollowUp:
        """What a follow-up to this answer keeps: the speaker the answer led with and its topic."""
        topic = self._topics.get((question, self.retriever.store.catalog.generation(), self.today()),
                                 lambda: (self._analyse(question)[0].topic, True))
        first = next((c.speaker for c in answer.citations if c.is_quote and c.speaker), None)
        speakers = [first] if first else (previous.speakers if previous else [])
        return FollowUp(question=question, speakers=speakers,
                        topic=topic or (previous.topic if previous else ""),
                        shown=[c.quote_id for c in answer.citations if c.quote_id]
                        + [c.quote for c in answer.citations if c.quote_id]
                        + [c.speaker_words for c in answer.citations if c.quote_id and c.speaker_words],
                        articles=list(dict.fromkeys(c.article_id for c in answer.citations))
                        or (previous.articles if previous else []))

    def answer(self, question: str, previous: FollowUp | str | None = None) -> Answer:
        prepared = self.prepare(question, previous)
        # A refusal decided from the evidence (calibrated) stands: the model sees the same evidence.
        if self.llm is None or not prepared.hits or prepared.offline.refused:
            return prepared.offline
        citations, evidence = self._evidence(prepared)
        try:
            text = self.llm.complete(question, evidence)
        except Exception as exc:  # timeouts, HTTP errors, bad payloads: the offline answer stands in
            log.warning("LLM failed (%s: %s); answering offline", type(exc).__name__, exc)
            return prepared.offline
        return self.finish(prepared, citations, text)

    async def astream(self, question: str, previous: FollowUp | str | None = None) -> AsyncIterator[str | Answer]:
        """Yields the growing draft text, then the verified Answer (always last)."""
        prepared = await asyncio.to_thread(self.prepare, question, previous)
        if self.llm is None or not prepared.hits or prepared.offline.refused:
            yield prepared.offline
            return
        citations, evidence = self._evidence(prepared)
        draft = ""
        try:
            async for piece in self.llm.astream(question, evidence):
                draft += piece
                if not draft.startswith(NOT_COVERED[: len(draft)]):
                    yield draft
        except Exception as exc:  # a broken stream: fall back, never show the half answer as final
            log.warning("LLM stream failed (%s: %s); answering offline", type(exc).__name__, exc)
            yield prepared.offline
            return
        yield self.finish(prepared, citations, draft)

    def _evidence(self, prepared: Prepared) -> tuple[list[Citation], str]:
        terms = content_stems(prepared.info.topic)
        ordered = sorted(prepared.hits, key=lambda h: (h.quote is None, -h.score))[: self.k]
        citations = [make_citation(i + 1, h, terms, self.bot_username) for i, h in enumerate(ordered)]
        contexts = {i + 1: context_of(h) for i, h in enumerate(ordered)}
        return citations, format_evidence(citations, contexts)

    def finish(self, prepared: Prepared, citations: list[Citation], text: str) -> Answer:
        """Turn model output into a verified Answer, or fall back to the offline one."""
        text = text.strip()
        refused = text.startswith(NOT_COVERED)
        if refused:
            text = text[len(NOT_COVERED):].strip()
            if prepared.offline.refused or not text:
                return prepared.offline
        used = [int(n) for n in _MARKER.findall(text)]
        by_n = {c.n: c for c in citations}
        # Renumber the cited evidence 1..m in order of first use; unknown numbers are left for verify.
        order = [n for n in dict.fromkeys(used) if n in by_n]
        renumber = {old: new for new, old in enumerate(order, 1)}
        text = _MARKER.sub(lambda m: f"[{renumber[int(m.group(1))]}]" if int(m.group(1)) in renumber
                           else "", text)
        kept = [by_n[old].model_copy(update={"n": new}) for old, new in renumber.items()]
        answer = self._verify(Answer(question=prepared.info.text, answer=text, citations=kept,
                                     refused=refused, mode="llm"))
        if not answer.answer.strip() or (not answer.citations and not refused):
            log.warning("LLM answer did not survive verification; answering offline")
            return prepared.offline
        return _as_of(answer)


def _as_of(answer: Answer) -> Answer:
    """An answer to a question about the present says when its evidence is from: "Who is the current prime
    minister?" had been answered from 2005 coverage as if it were today's news."""
    asked = answer.question
    if answer.refused or not answer.citations or not _PRESENT.search(asked) or not _PRESENT_TENSE.search(asked) \
            or _PAST_TENSE.search(asked):
        return answer
    dates = sorted(d for d in (c.published for c in answer.citations) if d)
    when = (f"the newest article cited is of {dates[-1][:10]}" if dates else
            "the articles it cites carry no publication date")
    return answer.model_copy(update={"answer": f"(As the coverage has it — {when}; it may have changed since.)\n"
                                               f"{answer.answer}"})


def article_date(hit: Hit) -> str:
    return hit.article.published or hit.article.updated


def _around(hit: Hit) -> str:
    """The evidence and its paragraph: where a year it is about would be written."""
    text = hit.article.text
    lo, hi = text.rfind("\n\n", 0, hit.start), text.find("\n\n", hit.end)
    return text[max(lo, 0):hi if hi >= 0 else len(text)]


def in_period(hits: list[Hit], period: Period, k: int) -> tuple[list[Hit], str]:
    """The evidence a period leaves, and a line saying what was done (empty when nothing needs saying).

    A strict period keeps only the evidence dated inside it; when no evidence carries a date at all it
    cannot filter, and says so. A loose one (a bare year or month) moves the evidence inside it first.
    """
    inside = [h for h in hits if period.holds(article_date(h))]
    # (Only a year the question writes: "in January" is given this year or last by the clock.)
    years = {str(d.year) for d in (period.start, period.end) if d is not None and str(d.year) in period.phrase}
    if not period.strict:
        # "Who won the Champions League in 2012?" over coverage of 2004: nothing dated then, and no evidence
        # shown names the year in its paragraph (a time, "from 2010 GMT", is no year) — the evidence is about
        # other years, not an answer.
        if not inside and years and not any(re.search(rf"\b{y}\b(?!\s*(?:GMT|BST|UTC|hrs|hours))", _around(h))
                                            for h in hits[:k] for y in years):
            return [], ""
        outside = [h for h in hits if h not in inside]
        return (inside + outside)[:k], ""
    if inside:
        return inside[:k], f"From the coverage {period.describe()}:"
    # Undated articles may be from any time: with nothing dated inside the period, they are what is left
    # (a dated article elsewhere among the hits had made the whole undated corpus "hold nothing" then).
    undated = [h for h in hits if not article_date(h)]
    if not undated or re.fullmatch(r"today|yesterday", period.phrase.strip(), re.IGNORECASE):
        # "What's the weather like in London today?": an undated story may be from any year; what it says is
        # no answer about today (a 2005 premiere's "cold weather" had been shown).
        return [], ""
    # "How much did Google shares fall on Tuesday?": a weekday the undated article's own paragraph names is the
    # story's day, not one to keep to (the answer had opened with a notice about the Tuesday before today).
    # So is a year it names ("How much have councils spent on asylum since 1997?" over "… since Labour won power
    # in 1997"): the period is the story's own, not one the answer failed to keep to.
    # And so is "last year" where the story says "last year" ("Why did the Academy form a committee last year?").
    own = [" ".join(period.phrase.split())] if not re.search(r"\d", period.phrase) else []
    named = [w for w in [weekday_named(period.phrase), *sorted(years), *own] if w]
    if any(re.search(rf"\b{re.escape(w)}\b", _around(h), re.IGNORECASE) for h in undated[:k] for w in named):
        return undated[:k], ""
    return undated[:k], f"(The articles that answer this carry no dates, so I could not keep to what was asked ({period.describe()}).)"


def _read_as(text: str, corrected: dict[str, str]) -> str:
    """The text with each word the spelling check read otherwise replaced by its reading."""
    for wrong, right in corrected.items():
        text = re.sub(rf"\b{re.escape(wrong)}\b", right, text)
    return text

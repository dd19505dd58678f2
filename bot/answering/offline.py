"""The offline answerer: a deterministic answer composed from stored quotes and passages, answer first."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answering.evidence import (
    Terms,
    answer_spans,
    best_sentence,
    context_of,
    make_citation,
    overlap,
    quote_context,
    sentence_around,
    sentences_and_pairs,
    shared_run,
)
from bot.answering.quantity import Asked, asked, figure_fit, vague_answer
from bot.answering.reported import reports_in
from bot.answering.subject_name import full_name, subject_name
from bot.ingest.chunking import sentence_spans
from bot.models import Answer, Chunk, Citation, Quote
from bot.quotes.names import name_gender
from bot.retrieval.retrieve import Hit
from bot.retrieval.stems import content_stems, frozen_stems, stem, stem_pairs, word_stems
from bot.retrieval.understand import QuestionInfo, is_farewell
from bot.speakers import name_key
from bot.storage.catalog import speaker_key

# Calibrated on tests/gold/questions_dev.json (bench/calibrate.py prints the sweep); never per question.
PHRASE_BONUS = 0.25  # a quote holding two of the question's words side by side, as the question has them
RUN_WORDS = 5  # a quote holding this many of the question's words in a row (two of them content words) ...
RUN_BONUS = 0.5  # ... is the question quoting it: more than a pair of names it shares
MIN_PAIR_WEIGHT = 4.5  # ... when both are uncommon words (weights are the retriever's rarity weights)
MIN_RELEVANCE = 0.95  # support (share of the question's rare words one sentence holds) + dense similarity
MIN_DENSE = 0.5  # a named speaker's quote this close in meaning is on topic without sharing its words ...
MIN_TOPIC_QUOTE = 0.4  # ... measured against the topic alone (the name left out): the quote's own words ...
MIN_TOPIC_PASSAGE = 0.35  # ... or the passage holding them
MIN_STORY = 0.6  # ... or said in a story holding this share of the topic's words (phrases as phrases) ...
MIN_STORY_DENSE = 0.35  # ... and this close to the question
MIN_ONE_STORY = 0.15  # ... or, quoted in one story only, no further than this from the topic alone
MIN_FOLLOWED_DENSE = 0.4  # ... or, in a follow-up, said in the story followed and this close to the question
OTHERS_MARGIN = 0.1  # a second speaker who said the question's quoted words is named only this close to the best
MIN_OWN_SENTENCE = 0.2  # a who-answer's quote: its own sentence holds this share of the question, not only its paragraph
MIN_CLAIM_MEANING = 0.3  # … and says what the question claims: a word of it in its sentence, or this close in meaning
MIN_NAMED_CLAIM_MEANING = 0.25  # … or, when its sentence shares only the claim's names with it, this close
MIN_TOPICAL = 0.34  # a named speaker's quote counts as on topic from this share of the topic's words
AGREEMENT = 1.3  # the top hit's fused score over the next one's, for a quotation the searches agree on
MIN_AGREED_DENSE = 0.5  # … as close in meaning as this
MIN_AGREED_SUPPORT = 0.25  # … and holding this share of the question's words
MIN_LEADING_RELEVANCE = 0.88  # … or first in both rankings, this relevant (0.80–0.88 gave the same dev figures)
MIN_CLEAR_RELEVANCE = 0.85  # … or this relevant and ahead of every other speaker's quotation by …
CLEAR_MARGIN = 0.2  # … this much
PASSAGE_MARGIN = 0.5  # a passage answers a who-question only when it is this much more relevant than any quote
FOLLOWED_BONUS = 0.25  # evidence from the articles of the answer a question follows up
CARRIED_WEIGHT = 0.5  # words carried from the question followed up were not asked again: they count for less
OWN_WORDS_WEIGHT = 0.5  # what-did-X-say: the question's words in the quote itself count again
FRAGMENT_PENALTY = 0.15  # what-did-X-say: a fragment of fewer than FRAGMENT_WORDS words comes after statements
FRAGMENT_WORDS = 5
PARAGRAPH_WEIGHT = 0.7  # a question's words in the quote's paragraph count for less than in its sentence
MIN_RELATED = 0.3  # a refusal names the closest passage only when it holds this much of the question ...
MIN_RELATED_DENSE = 0.3  # ... and is this close to it in meaning (0.09-0.29 over the dev sets' refusals that
# had pointed at a word of the question used otherwise: "raise capital" for the capital of Australia, "cold
# weather" for tomorrow's weather in London, "an audience of 144.4 million" for the square root of 144)
HELLO = ("Hello! I answer questions about the news coverage I hold — above all who said what — with verbatim "
         "quotes and links to the exact place. Ask, for example: What did Lukashenko say about Poland? (or /help)")
GOODBYE = "You're welcome — ask me who said what any time."
OTHER_LANGUAGE = "I answer questions in English about English-language coverage."
EMPTY = "Ask me who said what — for example: What did Lukashenko say about Poland?"


def _curly(sentence: str) -> str:
    """Straight double quotes as curly pairs, so every quoted span reads (and verifies) as one."""
    out, opening = [], True
    for ch in sentence:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out) if opening else sentence


def quote_line(hit: Hit, n: int, terms: set[str] | dict[str, float] | None = None) -> str:
    """A whole quotation under its speaker: 'Speaker (cue): “words” [n]'. A partial quote stays inside the
    journalist's sentence, shown as the outlet's report, so only the speaker's words carry quotation marks.
    With the question's `terms`, a statement in parts shows the parts that hold them ("what did negroponte
    say about china?" had shown two paragraphs on laptops before "In China they spend $17 per child …")."""
    q = hit.quote
    assert q is not None
    if q.kind == "partial" or not q.speaker:
        text = hit.article.text
        lo, hi = sentence_around(text, q.start, q.end)
        sentence = _curly(text[lo:hi])
        # (An unattributed sentence that is all quotation is no report of the outlet's: '"The picture will look
        # exactly the same …"' had read as "BBC News: …", the words the BBC's own.)
        reported = len(re.findall(r"\w+", text[lo:q.start] + text[q.end:hi])) >= REPORT_WORDS
        if "“" in sentence and (q.kind == "partial" or reported):
            return f"{hit.article.outlet or 'The article'}: {sentence} [{n}]"
    if not q.speaker:
        # ("BBC News (unattributed): …" read to a newcomer as the BBC's own words.) Someone the article only
        # describes is described as it does ("one Bombay trader"); a name below the threshold is not shown.
        described = q.speaker_mention if _DESCRIBED.match(q.speaker_mention or "") else ""
        who = f"Unnamed ({described})" if described else "Unattributed"
        return f"{who}, in {hit.article.outlet or 'the article'}: “{q.text}” [{n}]"
    # A statement the journalist broke up with "he said" shows its parts, the cut marked by an ellipsis.
    # (Only the parts before the first and after the last that hold them are left out: what the speaker said
    # between stays, as said.)
    parts = hit.parts
    if terms and len(parts) > 1:
        asked = [i for i, p in enumerate(parts) if overlap(terms, p.text) > 0]
        parts = parts[asked[0]:asked[-1] + 1] if asked else parts
    words = " … ".join(f"“{p.text}”" for p in parts) or f"“{q.text}”"
    if parts and parts[0] is not hit.parts[0]:
        words = "… " + words
    if parts and parts[-1] is not hit.parts[-1]:
        words += " …"
    return f"{q.speaker} ({_as_said(hit.parts[0] if hit.parts else q)}): {words} [{n}]"


# How an article describes someone it does not name: "one Bombay trader", "a senior official", "some fans".
_DESCRIBED = re.compile(r"(?:one|a|an|another|some|several|two|three|many|most)\s+[a-z]", re.IGNORECASE)
REPORT_WORDS = 3  # an unattributed quotation is shown in its sentence when the journalist's words there say this much

# A cue as the article inflects it reads oddly as a label: "Michael Howard (say)", "Mutu (saying)", "(:)".
_BARE_CUES = {"say": "said", "saying": "said", "tell": "told", "telling": "told", "add": "added",
              "adding": "added", "insist": "insisted", "insisting": "insisted", "warn": "warned",
              "warning": "warned", "claim": "claimed", "claiming": "claimed", "explain": "explained",
              "explaining": "explained", "ask": "asked", "asking": "asked"}


def _as_said(quote: Quote) -> str:
    """The cue as a label: "told the Sunday Mirror", "said" for "saying"."""
    if not quote.cue or quote.cue in (":", "according to"):
        return "said"
    first, _, rest = quote.cue.partition(" ")
    said = _BARE_CUES.get(first.lower())
    return f"{said} {rest}".strip() if said else quote.cue


def support(hit: Hit, terms: set[str] | dict[str, float]) -> float:
    """How much of the question one sentence of this evidence holds (a quote counts with its sentence)."""
    if not terms:
        return 0.0
    if hit.quote is not None:
        # The quote, its sentence, and (discounted) its paragraph: "the gambling bill" is often named in
        # the sentence before the quote that speaks about it.
        return max(overlap(terms, hit.text), overlap(terms, quote_context(hit)),
                   PARAGRAPH_WEIGHT * overlap(terms, context_of(hit)))
    text = hit.article.text
    sentences, pairs = sentences_and_pairs(hit, terms)
    # A pair of sentences (the name in one, the figure in the next) answers a little less well than one
    # sentence holding as much: "Heineken saw its annual profits drop 33%" before a dividend sentence
    # paired with a rival's "annual pre-tax profits fall".
    return max([overlap(terms, text[lo:hi]) for lo, hi in sentences]
               + [PAIR_DISCOUNT * overlap(terms, text[lo:hi]) for lo, hi in pairs], default=0.0)


PAIR_DISCOUNT = 0.9


def _loose_support(hit: Hit, loose: set[str]) -> float:
    """Like `support`, but counting every word, not only content words: 'comment' in 'did anyone from NATO
    comment?' is the tie-break between two passages that both name NATO. (Through `support`, which drops
    such words from the passage too, it never matched, and the tie fell to the embedding's rounding.)"""
    if not loose:
        return 0.0
    text = hit.article.text
    return max((len(loose & {stem(w) for w in re.findall(r"[\w'’-]+", text[lo:hi])}) / len(loose)
                for lo, hi in sentence_spans(text, hit.start, hit.end)), default=0.0)


def relevance(hit: Hit, terms: set[str] | dict[str, float]) -> float:
    """Words and meaning together: the share of the question one sentence holds, plus dense similarity, plus
    a bonus when a quotation holds two of the question's words as the question writes them ("who said the
    shopping centre was absolutely mobbed?": "It has been phenomenal - absolutely mobbed.")."""
    pairs = getattr(terms, "pairs", None)
    phrase = PHRASE_BONUS if pairs and hit.quote is not None and pairs & stem_pairs(hit.text) else 0.0
    if hit.quote is not None and (words := getattr(terms, "words", ())):
        # "Who described the musical as one of the most ambitious projects they had been involved with?": a
        # run of the question's words a quotation repeats is the question quoting it from memory.
        run = shared_run(words, hit.text)
        if len(run) >= RUN_WORDS and len(content_stems(" ".join(run))) >= 2:
            phrase = max(phrase, RUN_BONUS)
    carried = getattr(terms, "carried", False)
    held = support(hit, terms) * (CARRIED_WEIGHT if carried else 1.0)
    # A follow-up asks on about the story just shown: its evidence first, when it holds any of the question
    # (or the question has no words of its own: "what else did she say?", "and what did serena say?").
    followed = FOLLOWED_BONUS if hit.followed and (held > 0 or not terms or carried) else 0.0
    return held + hit.dense + phrase + followed


_NUMBER = re.compile(r"\d")


def _speech(hit: Hit) -> bool:
    """A quotation worth naming a speaker for: attributed, and not a one-word reply ('Ditto.'); a one-word
    partial quote inside a sentence ('baseless') is the point of it."""
    q = hit.quote
    return q is not None and bool(q.speaker) and (len(hit.text.split()) >= 2 or q.kind == "partial")


class OfflineAnswerer:
    """Leads with the answer: the speaker for 'who said', a speaker's quotes for 'what did X say', the sentence
    that holds a fact; refuses when the evidence does not answer, saying what comes closest."""

    def __init__(self, bot_username: str | None = None) -> None:
        self.bot_username = bot_username

    def compose(self, info: QuestionInfo, hits: list[Hit], known: Callable[[list[str]], list[str]] | None = None,
                seen: set[str] | None = None, weights: dict[str, float] | None = None) -> Answer:
        if info.kind == "greeting":
            return Answer(question=info.text, answer=GOODBYE if is_farewell(info.text) else HELLO, refused=True)
        if info.kind == "other_language":
            return Answer(question=info.text, answer=OTHER_LANGUAGE, refused=True)
        if info.kind == "empty":
            return Answer(question=info.text, answer=EMPTY, refused=True)
        if info.kind == "task":
            return Answer(question=info.text, refused=True,
                          answer="I only answer questions about the news coverage I hold. " + EMPTY)
        topic, unquoted = info.topic, False
        if info.subject and not info.speakers and not info.unknown_names and info.about_speech and not info.who \
                and not _factual(info.text):
            # "What did the pope say about the tsunami?" names no one the coverage quotes: only words of someone
            # it describes so, or passages naming them, answer it, and on the rest of the topic (Ozzy Osbourne's
            # "Is the Pope a Catholic?" had been shown, under his name, as the answer). With no topic besides
            # ("what did the pope say?") only their quotes do: a passage naming them is not what they said.
            named = content_stems(info.subject)
            topic = " ".join(w for w in topic.split() if not content_stems(w) <= named)
            theirs = [h for h in hits if _names_subject(h, named) and (topic or h.quote is not None)]
            hits, unquoted = theirs or hits, not theirs
            topic = topic or info.topic
        stems = content_stems(topic + " " + " ".join(info.phrases))
        terms: set[str] | dict[str, float] = stems
        if weights is not None:
            weighted = {t: weights.get(t, 1.0) for t in stems}
            # Only two uncommon words make a phrase worth the bonus: "mobile phone", "World Cup" say nothing.
            terms = Terms(weighted, frozenset(p for p in stem_pairs(info.topic) if min(
                weighted.get(p[0], 0.0), weighted.get(p[1], 0.0)) >= MIN_PAIR_WEIGHT), info.carried_topic,
                words=tuple(re.findall(r"[\w'’]+", info.text.casefold())))
        citations: list[Citation] = []
        seen = seen or set()
        # "What else did she say?": what the previous answer showed (by id, or the same words) is left out.
        hits = [h for h in hits if h.id not in seen and h.text not in seen
                and not any(p.id in seen for p in h.parts)] or hits

        def cite(hit: Hit, by: set[str] | dict[str, float] | None = None) -> int:
            return _cite(citations, hit, by or terms, self.bot_username)

        if info.unknown_names and not info.speakers:
            names = ", ".join(dict.fromkeys(info.unknown_names))
            others = f" (it quotes {', '.join(info.namesakes)})" if info.namesakes else ""
            # The closest passage is one naming them, if any does: "What did Elon Musk say about Twitter?" had
            # pointed at Lukashenko's threats, in a story that mentions Twitter.
            # (Every word of the name: "Queen recruit singer for new tour" names a Taylor, not Taylor Swift.)
            if len(info.unknown_names) == 1 and info.about_speech and not info.who:
                reported = self._reported(info, hits, info.unknown_names[0], terms, cite, citations)
                if reported is not None:
                    return reported
            return self._refuse(info, hits, cite, citations, f"The coverage has no quote from {names}{others}.",
                                content_stems(" ".join(info.unknown_names)) or None, whole=True)
        if unquoted:
            return self._refuse(info, hits, cite, citations, f"The coverage has no quote from {info.subject}.")
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", info.topic) if len(w) > 2]
        # The coverage holds none of the topic's words (one lookup per word: asked once). A named speaker's
        # topic is refused only so: a paraphrase ("Bono's hairstyle" for a mullet) uses words it never does.
        held = known(words) if known is not None and words else words
        uncovered = bool(words) and not held
        if uncovered and not info.speakers:
            return Answer(question=info.text, refused=True,
                          answer="I could not read that as a question about the coverage. " + EMPTY)
        quotes = [h for h in hits if _speech(h)]
        # "where was blair on holiday when the tsunami hit?", "when does negroponte plan to start
        # distributing the laptops?": a fact about someone the coverage quotes is in its passages, not in what
        # they said.
        about_them = info.speakers and not info.about_speech and _factual(info.text)
        if info.speakers and not about_them:
            unheard = content_stems(" ".join(w for w in words if w not in held))
            return self._speaker_answer(info, hits, quotes, terms, cite, citations, uncovered, unheard)
        # A how-much question is judged as its answer will be: with the figure it asks for, in a sentence or
        # with the next one ("Alexander … has failed at the box office. ¶ The blockbuster, rumoured to have
        # cost more than $150m to make, …" was refused, then shown as the closest passage).
        judged = _with_figure(info, terms)
        best = max((relevance(h, judged) for h in hits), default=0.0)
        agreed = _agreed(hits, terms) if info.who and info.about_speech else None
        if best < MIN_RELEVANCE and agreed is None:
            return self._refuse(info, hits, cite, citations, "The coverage does not answer that.", terms)
        want = getattr(judged, "asked", None)
        if want is not None and not any(relevance(h, judged) >= MIN_RELEVANCE and _gives(want, h, judged) for h in hits):
            # "How tall is Mount Everest?": the passages holding its words give no height ("like trying to climb
            # Mount Everest"), and what does not say how much does not answer how much.
            return self._refuse(info, hits, cite, citations, "The coverage does not answer that.", terms)
        # A who-question about something other than speech ("who won the final?", "who is replacing
        # Dallas Roberts?") is answered from passages: listing whoever was quoted on the topic would claim
        # they did it.
        if (info.who and info.about_speech) or info.phrases or (info.about_speech and not _factual(info.text)):
            # A quotation answers who said something, unless a sentence of reported speech or fact holds
            # clearly more of the question ("Who is replacing Dallas Roberts?").
            # A who-question is answered by a quotation when one holds the answer, unless a passage holds
            # far more of it ("Who made the first mobile phone call?" is not a quotation).
            best_quote = max((relevance(h, terms) for h in quotes), default=0.0)
            best_passage = max((relevance(h, terms) for h in hits if h.quote is None), default=0.0)
            if info.phrases or best_quote + PASSAGE_MARGIN >= best_passage or agreed is not None:
                answer = self._who_answer(info, quotes, terms, cite, citations, agreed)
                if answer is not None:
                    return answer
            # What remains is the coverage's report of who said it, in a sentence naming the claim's subject and
            # saying something of what was claimed of it ("Who said Microsoft should be broken up?" is not
            # answered by "… legal maneuvers by a number of companies, including Microsoft", nor by Tony Blair's
            # "we haven't broken the precedent", which names no Microsoft).
            # (Nor by whom it talks about: "who said michael howard is smart and slick …" is not Howard.)
            # (And, as `_passage_answer` shows it, in a sentence reporting someone else's words.)
            talked_about = _talked_about(info)
            hits = [h for h in hits if _says_claim(h, info) and (h.quote is None or (
                _names_subject_of_claim(h, info) and not _named_among(h, talked_about) and not _other_gender(h, info)))]
        return self._passage_answer(info, hits, terms, cite, citations)

    # the three kinds of answer --------------------------------------------------------------------
    def _speaker_answer(self, info: QuestionInfo, hits: list[Hit], quotes: list[Hit], terms: set[str] | dict[str, float],
                        cite: Callable[[Hit], int], citations: list[Citation], uncovered: bool = False,
                        unheard: set[str] | None = None) -> Answer:
        """`uncovered`: the coverage never uses any of the topic's words; `unheard`: the stems of those it never
        uses."""
        keys = info.speaker_keys
        own = [h for h in quotes if speaker_key(h.quote.speaker) in keys]  # type: ignore[union-attr]
        if info.shared_surname:
            # A surname several people share: the one whose quotes fit the topic best, said so.
            by_entry = {e.name: [h for h in own if speaker_key(h.quote.speaker) in e.keys]  # type: ignore[union-attr]
                        for e in info.shared_surname}
            ranked = sorted(info.shared_surname, key=lambda e: -max(
                [support(h, terms) + h.score for h in by_entry[e.name]], default=-1))
            chosen_entry = ranked[0]
            own = by_entry[chosen_entry.name]
            rest = ranked[1:4]
            if all(len(e.name.split()) == 1 for e in rest):
                # "Wenger" quoted in articles that never give a full name: maybe the same person, not said so.
                bare = ", ".join(f"“{e.name}”" for e in rest)
                lead = [f"Showing {chosen_entry.name} (the coverage also quotes {bare}, by surname alone)."]
            else:
                # (Others by full name only: "also named Blair: Blair, Ian Blair" listed the bare surname as one.)
                surname = chosen_entry.name.split()[-1]
                named = [e.name for e in rest if len(e.name.split()) > 1]
                lead = [f"Showing {chosen_entry.name} (also named {surname}: {', '.join(named)})."]
        elif info.surname_only:
            also = f"; it also quotes {', '.join(info.namesakes)}" if info.namesakes else ""
            lead = [f"No one of that full name is quoted: showing “{info.speakers[0].name}”, quoted by surname "
                    f"alone{also}."]
        elif info.corrected:
            lead = [f"Showing {info.speakers[0].name}."]
        else:
            lead = []
        name = info.speakers[0].name if not info.described else info.subject
        if terms:
            # A topic carried from the question followed up ("and what did serena say?" after Hantuchova on
            # facing her in Dubai) is the story just shown more than its words: that story's quotes count.
            carried = getattr(terms, "carried", False)
            # (A word the coverage never uses is judged by none of its passages: "oil bitcoin" by "oil".)
            heard = _without(terms, unheard or set())
            pairs = frozenset(p for p in info.compounds if p[0] in heard and p[1] in heard)
            topical = [h for h in own if _in_words(h, heard, pairs) or (carried and h.followed)] or [
                h for h in own if not uncovered and _in_meaning(h, heard, pairs)] or [
                h for h in own if info.stories == 1 and not info.corrected and not uncovered and _near_topic(h)]
            topical.sort(key=lambda h: (-_said_rank(h, terms), -h.score))
        else:
            topical = own
        # A name matched by correcting its spelling, none of whose quotes fits the topic, is more likely the
        # wrong person than a paraphrase: "what did shawn lee say about the opinion polls" had shown Stan Lee
        # on Spider-Man (the coverage reports Shaun Ley, unquoted).
        guessed = info.corrected and bool(terms)
        # Nothing of theirs on the topic is no answer: "What did Jose Mourinho say about the general election?"
        # had shown his words on the FA Cup, "what did Gordon Brown say about bitcoin?" his on fuel duty.
        chosen = _distinct(topical, 3)
        if not chosen and not guessed and not info.described:
            reported = self._reported(info, hits, name, terms, cite, citations)
            if reported is not None:
                return reported
        if not chosen:
            lead_words = (f"The coverage has no quote from {info.subject} on that (the nearest name it quotes is "
                          f"{name}, never on that)." if guessed and info.subject else
                          f"The coverage has no quote from {name} on that.")
            return self._refuse(info, hits, cite, citations, lead_words, terms)
        lines = _dedupe([quote_line(h, cite(h), terms) for h in _sentence_order(chosen)])
        return Answer(question=info.text, answer="\n".join(lead + lines), citations=citations)

    def _who_answer(self, info: QuestionInfo, quotes: list[Hit], terms: set[str] | dict[str, float],
                    cite: Callable[[Hit], int], citations: list[Citation], agreed: Hit | None = None
                    ) -> Answer | None:
        phrase_terms = [content_stems(p) for p in info.phrases]
        asks_denial = bool(_DENIAL.search(info.text))
        # "Who said Charles Kennedy should step down?": not Kennedy. (Over the 138 dev who-questions, no answer's
        # speaker is named after the question's speech verb.)
        talked_about = _talked_about(info)
        # "which tennis legend admitted he was a bit crazy …?" asks for a man: not Amelie Mauresmo.
        quotes = [h for h in quotes if not _named_among(h, talked_about) and _says_claim(h, info)
                  and not _other_gender(h, info)]
        relevant = [h for h in quotes if all(overlap(p, h.text) >= 0.99 for p in phrase_terms)
                    and (relevance(h, terms) >= MIN_RELEVANCE or h is agreed)
                    and (h is agreed or overlap(terms, quote_context(h)) >= MIN_OWN_SENTENCE)
                    and (asks_denial or not _denies(quote_context(h) if h.quote.kind == "partial"  # type: ignore[union-attr]
                                                    else h.text, terms))]
        # The speaker's own words holding the question's words come first ("baseless", not the other
        # partial quote of the same sentence).
        def fit(h: Hit) -> float:
            # Quotes of one paragraph share its closeness in meaning and its words: their own sentence tells
            # which of them spoke about what the question asks.
            return relevance(h, terms) + overlap(terms, h.text) + overlap(terms, quote_context(h))

        relevant.sort(key=lambda h: (-(relevance(h, terms) + overlap(terms, h.text)), -h.score))
        if not relevant:
            return None
        top_fit = fit(relevant[0])
        chosen: list[Hit] = []
        for h in relevant:
            speaker = h.quote.speaker  # type: ignore[union-attr]
            # Other speakers only when the question gives the words they too said, about as well as the first
            # one does. Without such words, the closeness of two speakers' quotes tells nothing: of the 89 dev
            # who-questions, four had named a second speaker (within OTHERS_MARGIN of the first), and none of
            # the four had said it ("Who brushed off IBM's patent release as just a distraction?": Florian
            # Mueller, and IBM's own John E. Kelly).
            if len(chosen) >= 3 or any(c.quote.speaker == speaker for c in chosen) or (  # type: ignore[union-attr]
                    chosen and (not info.phrases or fit(h) < top_fit - OTHERS_MARGIN)):
                continue
            chosen.append(h)
        lines = [quote_line(h, cite(h), terms) for h in chosen]
        names = list(dict.fromkeys(h.quote.speaker for h in chosen))  # type: ignore[union-attr]
        marks = {name: "".join(f"[{cite(h)}]" for h in chosen if h.quote.speaker == name)  # type: ignore[union-attr]
                 for name in names}
        lead = " and ".join(f"{name} {marks[name]}" for name in names) + "."
        return Answer(question=info.text, answer="\n".join([lead, *_dedupe(lines)]), citations=citations)

    def _passage_answer(self, info: QuestionInfo, hits: list[Hit], terms: set[str] | dict[str, float],
                        cite: Callable[[Hit], int], citations: list[Citation]) -> Answer:
        terms = _with_figure(info, terms)
        want = getattr(terms, "asked", None)
        if info.who and not info.about_speech:
            # "Who won the Champions League?": a quotation shown under its speaker's name would read as the
            # answer (Benitez, for "we can win the Champions League"); only the coverage's own sentences say
            # who did something.
            hits = [h for h in hits if h.quote is None]
        ranked = sorted(hits, key=lambda h: (-relevance(h, terms), -h.score))
        if want is not None:
            # A quotation without a figure of the kind asked for does not say how many or how much, however
            # close its passage is ('"We are checking …"' for how many flights were cancelled).
            ranked = [h for h in ranked if h.quote is None or figure_fit(want, h.text, set()) > 0] or ranked
        # (Any question but one about speech: "Who scored Ulster's tries …?" names its match, asks the scorers.)
        factual = _factual(info.text) or not info.about_speech
        focused = _answer_sentence(info, ranked[0], terms) if factual and ranked and ranked[0].quote is None else None
        if focused is not None:
            ranked = [focused, *ranked]  # (relevant as the passage it was chosen from: not judged alone)
        lines: list[str] = []
        shown: list[tuple[str, int, int]] = []
        first: tuple[Hit, int, int, int] | None = None  # the first line's evidence, sentence and number
        reported = info.who and info.about_speech
        talked_about = _talked_about(info)
        sentences: set[str] = set()  # the same words in two copies of one story (the corpus has such) show once
        for h in ranked:
            if len(lines) >= 3 or (h is not focused and relevance(h, terms) < MIN_RELEVANCE):
                continue
            cited_before = len(citations)
            n = cite(h, terms)
            c = citations[n - 1]
            lo, hi = sentence_around(h.article.text, c.start, c.end)
            words = " ".join(h.article.text[min(lo, c.start):max(hi, c.end)].split())
            if any(a == c.article_id and s_lo <= c.start < s_hi for a, s_lo, s_hi in shown) or words in sentences \
                    or (reported and not c.is_quote and not (
                        _reports_another(h.article.text[lo:hi], talked_about) and (
                            not info.claim or _sentence_says_claim(h.article.text[lo:hi], info)))):
                # (The same sentence once: as a quote or as a passage, never both. A who-said question's passage
                # reports someone's words, someone other than whom it talks about: "Parmalat collapsed in December
                # 2003 after it emerged that the 4bn euros …" reports no one, for "who warned that the euro was
                # about to collapse?"; "Tony Blair has dismissed reports he … would quit" is Blair's own report,
                # for "Who claimed Tony Blair would quit before christmas?".)
                del citations[cited_before:]  # a skipped line leaves no citation nothing refers to
                continue
            shown.append((c.article_id, lo, hi))
            first = first or (h, lo, hi, n)
            sentences.add(words)
            lines.append(quote_line(h, n) if c.is_quote else f"{_passage_text(c.quote)} [{n}]")
        if not lines:
            return self._refuse(info, hits, cite, citations, "The coverage does not answer that.")
        if reported and first is not None and not citations[first[3] - 1].is_quote:
            # "who said a new system to replace the CSA couldn't be ruled out?": the first line names whom the
            # sentence reports ("…, Work and Pensions Secretary Alan Johnson has warned."), as the article
            # names them in full; a pronoun or a description ("Scotland's justice minister") is left as written.
            hit, lo, hi, n = first
            said_by = next((r.speaker for r in reports_in(hit.article.text[lo:hi])
                            if r.speaker and not _talked_of(r.speaker, talked_about)), None)
            if said_by is not None:
                name = full_name(said_by.split(), hit.article.text)
                citations[n - 1].speaker = name
                lines.insert(0, f"{name} [{n}].")
        if info.who and not info.about_speech and first is not None:
            # "Who is replacing Dallas Roberts?": the first line names who, as the article names them in full
            # ("Slater, 35, is replacing actor Dallas Roberts …" in a story about actor Christian Slater).
            hit, lo, hi, n = first
            name = subject_name(hit.article.text[lo:hi], hit.article.text, info.text)
            if name is not None:
                lines.insert(0, f"{name} [{n}].")
        return Answer(question=info.text, answer="\n".join(dict.fromkeys(lines)), citations=citations)

    def _reported(self, info: QuestionInfo, hits: list[Hit], name: str, terms: set[str] | dict[str, float],
                  cite: Callable[..., int], citations: list[Citation]) -> Answer | None:
        """What-did-X-say, when the coverage reports X's words on the topic without quotation marks ("Stephen
        Toulouse, a Microsoft security manager, said the flaws were known about, …"): that sentence, shown as the
        article's report, not as X's quotation (it had been refused, then shown as the closest passage)."""
        wanted = content_stems(name.split()[-1])
        if not wanted or not terms:
            return None
        for h in sorted((h for h in hits if h.quote is None), key=lambda h: (-relevance(h, terms), -h.score)):
            if relevance(h, terms) < MIN_RELEVANCE:
                break
            text = h.article.text
            # (Each sentence of the passage: the one holding most of the topic may report someone else.)
            for lo, hi in sentence_spans(text, h.start, h.end):
                sentence = text[lo:hi]
                if not wanted <= frozen_stems(sentence) or not overlap(terms, sentence):
                    continue  # (a sentence not naming them, or off the topic, is not parsed)
                # (Their whole name, as the article gives it in full: "Sir Ian Blair said" is no report of Tony Blair.)
                full = next((f for r in reports_in(sentence) if r.speaker and wanted <= content_stems(r.speaker)
                             and content_stems(name) <= content_stems(f := full_name(r.speaker.split(), text))), None)
                if full is None:
                    continue
                n = cite(_sentence_hit(h, lo, hi), terms)
                return Answer(question=info.text, citations=citations,
                              answer=f"The coverage reports what {full} said, without quoting it:\n"
                                     f"{_passage_text(citations[n - 1].quote)} [{n}]")
        return None

    def _refuse(self, info: QuestionInfo, hits: list[Hit], cite: Callable[..., int],
                citations: list[Citation], lead: str, terms: set[str] | dict[str, float] | None = None,
                whole: bool = False) -> Answer:
        """Say so, and point at what the coverage holds that comes closest, when something comes close (`whole`:
        only a passage holding every one of the terms does)."""
        terms = terms or content_stems(info.text)
        loose = {stem(w) for w in re.findall(r"[\w'’-]+", info.text) if len(w) > 2} - {"did", "doe", "has", "wha"}
        # (And holding the question's rarest word: "France take on Wales at the Stade de France" is no answer's
        # neighbour for the capital of France.)
        rarest = {max(terms, key=terms.__getitem__)} if isinstance(terms, dict) and terms else set()
        related = [h for h in hits if h.quote is None and support(h, terms) >= (0.99 if whole else MIN_RELATED)
                   and h.dense >= MIN_RELATED_DENSE and rarest <= frozen_stems(h.text)]
        related.sort(key=lambda h: (-support(h, terms), -_loose_support(h, loose), -h.score))
        text = lead
        if related:
            n = cite(related[0], terms if isinstance(terms, dict) else terms | loose)
            text += f"\nClosest in the coverage: {related[0].article.title} — {citations[n - 1].quote} [{n}]"
        return Answer(question=info.text, answer=text, citations=citations, refused=True)


NUMBER_WEIGHT = 6.0  # as much as a rare word: a figure is what a how-much question asks for (a date a when-question)


def _with_figure(info: QuestionInfo, terms: set[str] | dict[str, float]) -> set[str] | dict[str, float]:
    """"How much…", "what price…", "when…", "where…": the terms with the figure (date, place) of the kind asked
    for, which a sentence (or a sentence and the next) must hold. (No phrase bonus: a quotation naming "Marion
    Jones" is not the answer to how much she is suing for.)"""
    want = asked(info.text)
    if want is None:
        return terms
    weights = {**(terms if isinstance(terms, dict) else dict.fromkeys(terms, 1.0)), "<number>": NUMBER_WEIGHT}
    return Terms(weights, frozenset(), getattr(terms, "carried", False), want)


_FACTUAL = re.compile(r"^\s*(?:and\s+)?(?:by\s+)?(how\s+(much|many|fast|long|old|high|far)|when|what\s+(margin|odds|share|proportion|was|is|were|are|"
                      r"price|height|growth|could|will|happened)|where)\b", re.IGNORECASE)


FIGURE_ANSWERS = 0.5  # a how-much question's answer holds a figure fitting this well (a bare number of nothing)
NAME_WEIGHT = 0.25  # within the article found, the names the question gives count for this much of their weight
MIN_FOCUS = 0.5  # … and the sentence chosen so holds at least this share of what the best sentence holds


def _gives(want: Asked, hit: Hit, terms: set[str] | dict[str, float]) -> bool:
    """The evidence gives what the question asks for (a figure, a date, a place) in a sentence or a pair of them,
    or its article does in a sentence holding a word of the question (as `_answer_sentence` finds it there)."""
    text = hit.article.text
    if any(figure_fit(want, text[lo:hi], terms) >= FIGURE_ANSWERS for lo, hi in answer_spans(hit, terms)):
        return True
    # (The question's words may be in the sentence before: "Bratman, 26, proposed to … Aguilera … The pair have
    # been together for more than two years.")
    words = set(terms) - {"<number>"}
    spans = sentence_spans(text, 0, len(text))
    return any(figure_fit(want, text[lo:hi], terms) >= FIGURE_ANSWERS
               and words & frozen_stems(text[spans[max(i - 1, 0)][0]:hi]) for i, (lo, hi) in enumerate(spans))


def _answer_sentence(info: QuestionInfo, top: Hit, terms: set[str] | dict[str, float]) -> Hit | None:
    """The sentence of the best passage's article that answers a factual question (or any not about speech),
    when it is not the one sharing most words: "How much compensation is Stephanie Villalba likely to receive?" is answered by "Her
    partial victory is likely to cap her compensation to about £55,000", not by the lede that names her in
    full. The names a question gives find the article; within it they are on every line (as "Ms Villalba",
    "she"), and what the question asks about picks the sentence (from the whole article: the passage found
    may hold only the lede)."""
    names = {stem(w) for w in re.findall(r"(?<!^)(?<![.?!] )\b[A-Z][\w'’-]*", info.text.strip())} - {"i"}
    if not names:
        # "how many homes is the new tsunami housing project in sri lanka meant to provide": a question typed
        # in lower case gives the names its article writes capitalised inside a sentence.
        capitalised = {stem(w) for w in re.findall(r"(?<![.?!\n] )(?<=[\w,;:'’\"”)] )[A-Z][\w'’-]*", top.article.text)}
        names = {stem(w) for w in re.findall(r"[\w'’-]+", info.text.lower())} & capitalised - {"i"}
    if not names or not isinstance(terms, dict):
        return None
    within = Terms({t: w * (NAME_WEIGHT if t in names else 1.0) for t, w in terms.items()},
                   asked=getattr(terms, "asked", None))
    text = top.article.text
    spans = sentence_spans(text, 0, len(text))
    best = best_sentence(top, terms)
    floor = MIN_FOCUS * overlap(terms, text[best[0]:best[1]])
    # Each sentence holding enough of the question, scored once by what it asks; the best must beat the best
    # sentence's own score (itself, or a pair, scores no better than it does).
    scored = [(overlap(within, _affirmed(text[lo:hi])), -lo, hi) for lo, hi in spans
              if overlap(terms, text[lo:hi]) >= floor]
    want = getattr(terms, "asked", None)
    figured: list[tuple[float, int, int]] = []
    best_fit = figure_fit(want, text[best[0]:best[1]], terms) if want is not None else 1.0
    if want is not None and (best_fit < FIGURE_ANSWERS or vague_answer(want, text[best[0]:best[1]], terms)):
        # "How many computers have been hijacked into bot nets?": the lede naming the Honeynet Project and
        # its bot nets gives no figure; "More than one million computers … have been hijacked" does — and
        # holds less of the question than the lede, but for the names the article holds everywhere.
        # (A figure, too, where the best sentence answers with a vague one: "Thousands of slaves were accepted as
        # collateral" says less of how many slaves than "About 13,000 slaves were used as loan collateral"
        # further down. Not any better-fitting figure: "more than 110 times" is not how many times Bill Conti
        # has been the Oscars' musical director, "his 17th turn" is.)
        named_floor = MIN_FOCUS * overlap(within, text[best[0]:best[1]])
        figured = [(overlap(within, _affirmed(text[lo:hi])), -lo, hi) for lo, hi in spans
                   if overlap(within, text[lo:hi]) >= named_floor
                   and (fit := figure_fit(want, text[lo:hi], terms)) >= FIGURE_ANSWERS and fit > best_fit]
    if figured:
        score, neg_lo, hi = max(figured)
    else:
        if not scored:
            return None
        score, neg_lo, hi = max(scored)
        if score <= overlap(within, _affirmed(text[best[0]:best[1]])):
            return None
    return _sentence_hit(top, -neg_lo, hi)


def _sentence_hit(hit: Hit, lo: int, hi: int) -> Hit:
    """One sentence (offsets into the article) of a passage found, as evidence of its own, scored as the passage."""
    chunk = Chunk(id=f"{hit.id}@{lo}", article_id=hit.article.id, text=hit.article.text[lo:hi], start=lo, end=hi,
                  paragraph=hit.chunk.paragraph if hit.chunk else 0)
    return Hit("chunk", chunk.id, hit.score, hit.article, chunk=chunk, dense=hit.dense)


_NEGATED = re.compile(r"\b(?:failed|fails|failing|refused|did\s+not|didn't|does\s+not|doesn't|could\s+not|"
                      r"couldn't|cannot|can't|never)\s+(?:to\s+)?[\w'’-]+", re.IGNORECASE)


_DENIAL = re.compile(r"(?:\bnot|n't|n’t|\bnever|\bno)\s+(?:(?:a|an|the|at\s+all)\s+)?[\"“‘']?([\w'’-]+)",
                     re.IGNORECASE)


def _denies(quote: str, terms: set[str] | dict[str, float]) -> bool:
    """The quote holds the question's rarest word it holds only as what is not so: "Who called Michael
    Howard's immigration plans racist?" is not answered by Howard's "It's not racist … to talk about controlling
    immigration"."""
    denied = {stem(m.group(1)) for m in _DENIAL.finditer(quote)}
    held = content_stems(_DENIAL.sub(" ", quote))
    present = [t for t in terms if t in denied or t in held]
    if not present:
        return False
    weight = terms.get if isinstance(terms, dict) else (lambda t: 1.0)
    rarest = max(present, key=lambda t: weight(t) or 0.0)
    return rarest in denied and rarest not in held


def _affirmed(sentence: str) -> str:
    """The sentence without what it says was not done: "… attempt 5.05m but failed to clear that height" does
    not say what height she cleared."""
    return _NEGATED.sub(" ", sentence)


def _agreed(hits: list[Hit], terms: set[str] | dict[str, float]) -> Hit | None:
    """A quotation the searches agree on: first by a clear lead in the fused ranking (found by the dense, the
    lexical and the passage searches at once), close in meaning and sharing some of the question's words.
    A paraphrase ('ready to do whatever he could to save Margaret Hassan' for "I am prepared to do anything
    I can to help save her life") holds too few of the question's words to pass MIN_RELEVANCE on its own.
    Calibrated on questions_dev, questions_dev2 and questions_dev_whatsaid: three paraphrased who-questions
    had such a lead, and none of the questions to refuse (where their top hit was a quotation, it led by at
    most x1.02 and lay under 0.5 in meaning)."""
    if len(hits) < 2 or not _speech(hits[0]):
        return None
    top = hits[0]
    if top.score >= AGREEMENT * hits[1].score and top.dense >= MIN_AGREED_DENSE \
            and support(top, terms) >= MIN_AGREED_SUPPORT:
        return top
    # ... or it leads both the fused ranking and the quotes' relevance, nearly relevant enough on its own: "Who
    # said browsing art with ArtGarden is more like wandering round a gallery?" for "It is much more akin to
    # wandering through the gallery" (0.90; the lede about ArtGarden was shown instead).
    # (Its own sentence must hold the question's words, as any who-answer's must: a spokesman quoted on
    # something else in the paragraph that answers is not who said it.)
    top_relevance = relevance(top, terms)
    if top.dense >= MIN_AGREED_DENSE and top_relevance >= MIN_LEADING_RELEVANCE \
            and support(top, terms) >= MIN_AGREED_SUPPORT and overlap(terms, quote_context(top)) >= MIN_OWN_SENTENCE \
            and all(relevance(h, terms) <= top_relevance for h in hits if h.quote is not None):
        return top
    return _standing_out(hits, terms)


def _standing_out(hits: list[Hit], terms: set[str] | dict[str, float]) -> Hit | None:
    """The quotation closest to a who-question by far: nearly relevant enough on its own and ahead of every
    other speaker's by CLEAR_MARGIN — a paraphrase of one person's words ("who reckoned this year's picks for
    the tv book club were their finest ever?" for Richard Madeley's "this year's selection of book club
    entries is the best yet": 0.92, the next speaker 0.59). Over the dev sets' 31 who-questions no article
    answers, none under MIN_RELEVANCE led the next speaker by more than 0.07."""
    scored = sorted(((relevance(h, terms), h) for h in hits if _speech(h)), key=lambda x: -x[0])
    if not scored or scored[0][0] < MIN_CLEAR_RELEVANCE:
        return None
    top_relevance, top = scored[0]
    speaker = top.quote.speaker  # type: ignore[union-attr]
    others = [r for r, h in scored if h.quote.speaker != speaker]  # type: ignore[union-attr]
    # (With no other speaker's quote among the evidence, nothing says how far ahead it is.)
    return top if others and top_relevance - max(others) >= CLEAR_MARGIN else None


def _said_rank(hit: Hit, terms: set[str] | dict[str, float]) -> float:
    """How well a quote answers 'what did X say about Y': its relevance, plus the question's words in the
    speaker's own words (not only around them), less a fragment of a few words ("failing states") that a
    fuller statement on the topic should come before."""
    q = hit.quote
    own = OWN_WORDS_WEIGHT * overlap(terms, hit.text) if q is not None else 0.0
    short = FRAGMENT_PENALTY if q is not None and len(hit.text.split()) < FRAGMENT_WORDS else 0.0
    return relevance(hit, terms) + own - short


def _cite(citations: list[Citation], hit: Hit, terms: set[str] | dict[str, float], bot_username: str | None) -> int:
    """The number of the citation holding this hit, adding it when new."""
    for c in citations:
        if c.article_id == hit.article.id and c.start <= hit.start and hit.end <= c.end:
            return c.n
    citations.append(make_citation(len(citations) + 1, hit, terms, bot_username))
    return len(citations)


def _passage_text(text: str) -> str:
    """A passage as shown: a quotation mark it holds without its pair (the passage cut a quotation) is left
    out, so no reader, or check, takes the journalist's words that follow for quoted ones."""
    if text.count('"') % 2:
        text = text.strip().strip('"')
    # A lede and the sentence after it (a how-much answer) are two paragraphs: one line of the answer.
    return _curly(re.sub(r"\s*\n+\s*", " ", text))


def _distinct(hits: list[Hit], n: int) -> list[Hit]:
    """The first hits holding `n` different quotations; a copy of one already taken (the corpus holds the
    same story twice) comes along, so its line cites both, but takes no place of its own."""
    taken: list[Hit] = []
    texts: set[str] = set()
    for h in hits:
        if any(t.article.id == h.article.id and t.start < h.end and h.start < t.end and t.text != h.text
               for t in taken):
            continue  # two windows of one long statement overlap: it shows once
        words = " ".join(h.text.split())
        if words not in texts:
            if len(texts) == n:
                continue
            texts.add(words)
        taken.append(h)
    return taken


def _sentence_order(hits: list[Hit]) -> list[Hit]:
    """Partial quotes of one sentence (shown as one line) in the order the sentence has them: Hitler was
    "forced" to invade because Poland was "uncooperative" cites "forced" first."""
    out: list[Hit] = []
    for h in hits:
        if h in out:
            continue
        lo, hi = sentence_around(h.article.text, h.start, h.end)
        out += sorted((g for g in hits if g.article.id == h.article.id and lo <= g.start < hi and g not in out),
                      key=lambda g: g.start)
    return out


def _names_subject(hit: Hit, wanted: set[str]) -> bool:
    """A quote whose speaker, or the words that brought them in, hold every word (`wanted`: its stems) of the
    question's subject; a passage that holds them."""
    if not wanted:
        return True
    q = hit.quote
    said_by = f"{q.speaker or ''} {q.speaker_mention}" if q is not None else hit.text
    return wanted <= content_stems(said_by)


def _says_claim(hit: Hit, info: QuestionInfo) -> bool:
    """The quote (or passage) says something of what a who-question claims: a word of the claim's predicate in
    the quote's sentence (the passage), or the quote close to it in meaning (the names left out). "Who said
    Microsoft should be broken up?" is not answered by a quote naming Microsoft alone (its closeness to "should
    be broken up": 0.0; a paraphrase that answers, "I don't think I would take a five or six-year-old to this"
    for "wouldn't bring a small child", 0.48)."""
    if not info.claim or (hit.quote is not None and hit.claim_quote is None):
        return True
    if hit.quote is None:
        # A passage reports who said it in one sentence naming the subject and a word of what is claimed of
        # it, names aside (the subject of a quotation is often in the sentence before it; not so in a report):
        # "We have not broken any rules," said Sony's spokesman names nothing of Microsoft; "Lukashenko has made
        # claims about a NATO plot" says nothing of Belarus joining NATO.
        text = hit.article.text
        return any(_sentence_says_claim(text[lo:hi], info) for lo, hi in sentence_spans(text, hit.start, hit.end))
    # (What is claimed of them, names aside: "who said he had beaten Manchester United at both Bournemouth and
    # West Ham?" is not answered by a referee's "when I refereed Chelsea against West Ham".)
    # The names alone (the capitalised words) say less: then the quote must be somewhat close in meaning too ("the
    # mayor who destroyed Jimi Hendrix's house" for "would be remembered for ruining the old Hendrix home": 0.29).
    context = frozen_stems(quote_context(hit))
    if word_stems(" ".join(w for w in info.claim.split() if not w[:1].isupper())) & context:
        return True
    meaning = hit.claim_quote or 0.0
    return meaning >= MIN_CLAIM_MEANING or (bool(word_stems(info.claim) & context) and meaning >= MIN_NAMED_CLAIM_MEANING)


def _reports_another(sentence: str, talked_about: set[str]) -> bool:
    """The sentence reports the words of someone the question does not talk about: by name, or by a description
    ("Scotland's justice minister"); by a pronoun only when it names no one the question talks about ("Tony Blair
    has dismissed reports he told Gordon Brown he would quit": "he" is Blair)."""
    reports = reports_in(sentence)
    if any(r.speaker and _talked_of(r.speaker, talked_about) for r in reports):
        return any((r.speaker and not _talked_of(r.speaker, talked_about)) or not (r.speaker or r.pronoun)
                   for r in reports)
    return bool(reports)


def _talked_of(name: str | None, talked_about: set[str]) -> bool:
    """The name is among the words: by surname, or an organisation by its last word."""
    key = name_key(name).split()
    return bool(key) and key[-1] in talked_about


def _sentence_says_claim(sentence: str, info: QuestionInfo) -> bool:
    """The sentence names the claim's subject (when it has one) and a word of what is claimed of it, names
    aside."""
    claimed = word_stems(info.claimed_of) or word_stems(info.claim)
    about = content_stems(info.claim_subject)
    held = frozen_stems(sentence)
    return bool(claimed & held) and (not about or bool(about & held))


def _names_subject_of_claim(hit: Hit, info: QuestionInfo) -> bool:
    """A quote's sentence names the claim's subject ("China's media are now driven by investors who …" for who said
    the investors behind China's media only care about …), when the claim has one."""
    about = content_stems(info.claim_subject)
    return not about or bool(about & frozen_stems(quote_context(hit)))


_ASKED_GENDER = re.compile(r"^\s*(?:and\s+)?(?:who|which\s+[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+[\w'’-]+\s+(?:that\s+)?"
                           r"(?P<pronoun>he|she)\b", re.IGNORECASE)


def _other_gender(hit: Hit, info: QuestionInfo) -> bool:
    """A quote whose speaker's first name says a gender other than the one a who-question gives the speaker
    ("who said she was gutted to leave …" is not Bill Conti)."""
    m = _ASKED_GENDER.match(info.text)
    if m is None or hit.quote is None:
        return False
    return name_gender(hit.quote.speaker or "") not in (None, "m" if m["pronoun"].lower() == "he" else "f")


def _talked_about(info: QuestionInfo) -> set[str]:
    """The name words a who-question writes after its speech verb: whom it talks about, not who said it."""
    return set(name_key(info.said).split())


def _named_among(hit: Hit, words: set[str]) -> bool:
    """The quote's speaker is named among these words: by surname, or an organisation by its last word."""
    return _talked_of(hit.quote.speaker if hit.quote is not None else None, words)


def _without(terms: set[str] | dict[str, float], left_out: set[str]) -> set[str] | dict[str, float]:
    """The terms but those left out (all of them, when nothing would be left)."""
    if not left_out or not set(terms) - left_out:
        return terms
    if isinstance(terms, Terms):
        return Terms({t: w for t, w in terms.items() if t not in left_out}, terms.pairs, terms.carried, terms.asked,
                     terms.words)
    if isinstance(terms, dict):
        return {t: w for t, w in terms.items() if t not in left_out}
    return terms - left_out


def _phrase_overlap(terms: set[str] | dict[str, float], pairs: frozenset[tuple[str, str]], text: str) -> float:
    """`overlap`, counting a word the question writes beside another only where the text has the two together."""
    if not pairs:
        return overlap(terms, text)
    together = stem_pairs(text) | stem_pairs(text.replace("-", " "))  # ("Las Vegas-style")
    apart = {t for pair in pairs if pair not in together for t in pair}
    apart -= {t for pair in pairs if pair in together for t in pair}
    kept = {t: w for t, w in (terms.items() if isinstance(terms, dict) else ((t, 1.0) for t in terms))
            if t not in apart}
    total = sum(terms.values()) if isinstance(terms, dict) else len(terms)
    return overlap(kept, text) * sum(kept.values()) / total if kept and total else 0.0


def _in_words(hit: Hit, terms: set[str] | dict[str, float], pairs: frozenset[tuple[str, str]]) -> bool:
    """A named speaker's quote on the topic by its words: in the quote, its sentence, or (discounted) its
    paragraph, where the words the question writes together stand together."""
    return max(_phrase_overlap(terms, pairs, hit.text), _phrase_overlap(terms, pairs, quote_context(hit)),
               PARAGRAPH_WEIGHT * _phrase_overlap(terms, pairs, context_of(hit))) >= MIN_TOPICAL


def _in_meaning(hit: Hit, terms: set[str] | dict[str, float], pairs: frozenset[tuple[str, str]]) -> bool:
    """A named speaker's quote on the topic without its words ("What did Bruce Springsteen say about Bono's
    hairstyle?": "the Irish mullet"): close in meaning to the topic alone, or said in a story about it."""
    if hit.followed:
        # Asked on about the story just shown ("and does he think it will stay dry this year?" after the
        # Oscars spokesman on rain): what they said in it, close to the question at all.
        return hit.dense >= MIN_FOLLOWED_DENSE
    if hit.topic_quote is None or hit.topic_passage is None:
        return hit.dense >= MIN_DENSE  # unmeasured (no vectors to hand): the question's closeness, name and all
    if hit.topic_quote >= MIN_TOPIC_QUOTE or hit.topic_passage >= MIN_TOPIC_PASSAGE:
        return True
    # "What did Alicia Keys say about opening the Super Bowl?": her words in the story of it.
    return _phrase_overlap(terms, pairs, hit.article.text) >= MIN_STORY and hit.dense >= MIN_STORY_DENSE


def _near_topic(hit: Hit) -> bool:
    """Not far from the topic in meaning: for someone one story quotes, asked about in other words than the
    story's ("What did Vassilli Sevastis say about the proof his federation was given?": "we have not been
    given any evidence", 0.16), the question is about that story unless its topic is unrelated to what they
    said there ("What did Sven-Goran Eriksson say about oil prices?": 0.08)."""
    return max(hit.topic_quote or 0.0, hit.topic_passage or 0.0) >= MIN_ONE_STORY


def _factual(question: str) -> bool:
    return bool(_FACTUAL.search(question))


SAME_ENDING = 12  # two lines ending in this many of the same words are one report in two copies of a story


def _dedupe(lines: list[str]) -> list[str]:
    """Two partial quotes of one sentence show that sentence once, citing both; so does a sentence two copies
    of a story write with another opening ("He said prosecutions were … from judges." and "Mr Clarke said
    prosecutions were … from judges.")."""
    merged: dict[str, tuple[str, list[str]]] = {}
    for line in lines:
        m = re.match(r"^(?P<head>.*?)\s*(?P<marks>(?:\[\d+\])+)$", line)
        head, marks = (m["head"], m["marks"]) if m else (line, "")
        key = re.sub(r"^[^:]*\(([^)]*)\): ", "", head)
        words = key.split()
        key = " ".join(words[-SAME_ENDING:]) if len(words) > SAME_ENDING else key
        if key in merged:
            merged[key][1].append(marks)
        else:
            merged[key] = (head, [marks])
    return [f"{head} {''.join(dict.fromkeys(marks))}".rstrip() for head, marks in merged.values()]

"""The offline answerer: a deterministic answer composed from stored quotes and passages."""

from __future__ import annotations

import re

from bot.chunking import sentence_spans
from bot.evidence import content_stems, context_of, make_citation, overlap
from bot.models import Answer, Citation
from bot.retrieve import Hit, QuestionInfo
from bot.speakers import name_key

MIN_OVERLAP = 0.5
MIN_DENSE = 0.45


def _relevant(hit: Hit, terms: set[str], phrases: list[str]) -> bool:
    if phrases:
        return all(overlap(content_stems(p), hit.text) >= 0.99 for p in phrases)
    if not terms:
        return True
    return overlap(terms, context_of(hit)) >= MIN_OVERLAP or hit.dense >= MIN_DENSE


def quote_line(hit: Hit, n: int) -> str:
    """'Speaker (cue): “words” [n]'; a partial quote is shown inside its sentence, which is verbatim too."""
    q = hit.quote
    assert q is not None
    if q.kind == "partial":
        text = hit.article.text
        lo, hi = sentence_around(text, q.start, q.end)
        sentence = _curly(text[lo:hi])
        if "“" in sentence:
            return f"{q.speaker} ({q.cue or 'said'}): {sentence} [{n}]"
    return f"{q.speaker} ({q.cue or 'said'}): “{q.text}” [{n}]"


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


def _dedupe(lines: list[str]) -> list[str]:
    """Two partial quotes of one sentence show that sentence once, citing both."""
    merged: dict[str, tuple[str, list[str]]] = {}
    for line in lines:
        m = re.match(r"^(?P<head>.*?)\s*(?P<marks>(?:\[\d+\])+)$", line)
        head, marks = (m["head"], m["marks"]) if m else (line, "")
        key = re.sub(r"^[^:]*\(([^)]*)\): ", "", head)
        if key in merged:
            merged[key][1].append(marks)
        else:
            merged[key] = (head, [marks])
    return [f"{head} {''.join(dict.fromkeys(marks))}".rstrip() for head, marks in merged.values()]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    for lo, hi in sentence_spans(text, *_paragraph_bounds(text, start)):
        if lo <= start and end <= hi + 1:
            return lo, hi
    return start, end


def _paragraph_bounds(text: str, at: int) -> tuple[int, int]:
    lo = text.rfind("\n\n", 0, at)
    hi = text.find("\n\n", at)
    return (0 if lo < 0 else lo + 2), (len(text) if hi < 0 else hi)


class OfflineAnswerer:
    """Names the speaker for 'who said', gives a speaker's quotes for 'what did X say', refuses honestly."""

    def __init__(self, bot_username: str = "whosaid_bot") -> None:
        self.bot_username = bot_username

    def compose(self, info: QuestionInfo, hits: list[Hit]) -> Answer:
        terms = content_stems(info.topic + " " + " ".join(info.phrases))
        citations: list[Citation] = []

        def cite(hit: Hit) -> int:
            for c in citations:
                if c.article_id == hit.article.id and c.start <= hit.start and hit.end <= c.end and hit.quote:
                    return c.n
            citations.append(make_citation(len(citations) + 1, hit, terms, self.bot_username))
            return len(citations)

        quotes = [h for h in hits if h.quote is not None and h.quote.speaker]
        if info.speakers:
            keys = info.speaker_keys
            own = [h for h in quotes if name_key(h.quote.speaker) in keys]  # type: ignore[union-attr]
            topical = [h for h in own if _relevant(h, terms, info.phrases)] if terms else own
            chosen = (topical or ([] if info.phrases else own))[:3]
            if not chosen:
                return self._refuse(info, hits, cite, citations,
                                    f"The coverage has no quote from {info.speakers[0].name} on that.")
            lines = _dedupe([quote_line(h, cite(h)) for h in chosen])
            return Answer(question=info.text, answer="\n".join(lines), citations=citations)
        if info.unknown_names and info.about_speech:
            names = ", ".join(dict.fromkeys(info.unknown_names))
            return self._refuse(info, hits, cite, citations,
                                f"The coverage has no quote from {names}.")
        if info.who or info.about_speech or info.phrases:
            relevant = [h for h in quotes if _relevant(h, terms, info.phrases)]
            # "Who said X": the quote (and its sentence) that holds most of X comes first.
            relevant.sort(key=lambda h: (-round(overlap(terms, h.text) + 0.5 * overlap(terms, context_of(h)), 2),
                                         -h.score))
            if not relevant:
                return self._refuse(info, hits, cite, citations, "No one in the coverage is quoted saying that.")
            lines, seen = [], set()
            top = relevant[0].score
            top_overlap = overlap(terms, relevant[0].text)
            for h in relevant:
                speaker = h.quote.speaker  # type: ignore[union-attr]
                # "Who said X" names the speaker; others only when they are nearly as good a match.
                if speaker in seen or len(lines) >= 3 or (lines and (h.score < 0.8 * top
                                                                     or overlap(terms, h.text) < top_overlap)):
                    continue
                seen.add(speaker)
                lines.append(quote_line(h, cite(h)))
            lines = _dedupe(lines)
            return Answer(question=info.text, answer="\n".join(lines), citations=citations)
        passages = [h for h in hits if _relevant(h, terms, [])]
        if not passages:
            return self._refuse(info, hits, cite, citations, "The coverage does not answer that.")
        lines = []
        for h in passages[:3]:
            n = cite(h)
            c = citations[n - 1]
            if c.is_quote:
                lines.append(quote_line(h, n))
            else:
                lines.append(f"{c.quote} [{n}]")
        return Answer(question=info.text, answer="\n".join(dict.fromkeys(lines)), citations=citations)

    def _refuse(self, info: QuestionInfo, hits: list[Hit], cite, citations: list[Citation],  # type: ignore[no-untyped-def]
                lead: str) -> Answer:
        """Say so, and point at what the coverage does say about the topic, if anything."""
        terms = content_stems(info.text)
        related = [h for h in hits if h.quote is None and overlap(terms, h.text) > 0]
        related.sort(key=lambda h: -overlap(terms, h.text))
        text = lead
        if related:
            n = cite(related[0])
            text += f"\nWhat it does say on this: {citations[n - 1].quote} [{n}]"
        return Answer(question=info.text, answer=text, citations=citations, refused=True)

"""The offline answerer: a deterministic answer composed from stored quotes and passages."""

from __future__ import annotations

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
            lines = []
            for h in chosen:
                n = cite(h)
                lines.append(f"{h.quote.speaker} ({h.quote.cue or 'said'}): “{h.quote.text}” [{n}]")  # type: ignore[union-attr]
            return Answer(question=info.text, answer="\n".join(lines), citations=citations)
        if info.unknown_names and info.about_speech:
            names = ", ".join(dict.fromkeys(info.unknown_names))
            return self._refuse(info, hits, cite, citations,
                                f"The coverage has no quote from {names}.")
        if info.who or info.about_speech or info.phrases:
            relevant = [h for h in quotes if _relevant(h, terms, info.phrases)]
            if not relevant:
                return self._refuse(info, hits, cite, citations, "No one in the coverage is quoted saying that.")
            lines, seen = [], set()
            for h in relevant:
                speaker = h.quote.speaker  # type: ignore[union-attr]
                if speaker in seen or len(lines) >= 3:
                    continue
                seen.add(speaker)
                n = cite(h)
                lines.append(f"{speaker} ({h.quote.cue or 'said'}): “{h.quote.text}” [{n}]")  # type: ignore[union-attr]
            return Answer(question=info.text, answer="\n".join(lines), citations=citations)
        passages = [h for h in hits if _relevant(h, terms, [])]
        if not passages:
            return self._refuse(info, hits, cite, citations, "The coverage does not answer that.")
        lines = []
        for h in passages[:3]:
            n = cite(h)
            c = citations[n - 1]
            if c.is_quote:
                lines.append(f"{c.speaker} ({h.quote.cue or 'said'}): “{c.quote}” [{n}]")  # type: ignore[union-attr]
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

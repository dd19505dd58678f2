"""Check an answer before it is sent: every quoted span verbatim in its cited article, every [n] real."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from bot.models import Answer, Article, Citation

log = logging.getLogger(__name__)

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "–": "-",
                       "—": "-", "‑": "-", "\u00a0": " "})
_QUOTED = re.compile(r"“([^”]{2,}?)”|\"([^\"]{2,}?)\"")
_MARKER = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


def normalise(text: str) -> str:
    text = text.translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip().casefold()


def core(text: str) -> str:
    """Normalised, without the punctuation a writer may move in or out of the marks."""
    return normalise(text).strip(" .,;:!?'\"…")


def verbatim_in(span: str, article_text: str) -> bool:
    words = core(span)
    return bool(words) and words in normalise(article_text)


def verify(answer: Answer, load: Callable[[str], Article | None]) -> Answer:
    """Drop invented quotes, dangling [n] markers and citations that do not match the store."""
    articles: dict[str, Article | None] = {}

    def article(aid: str) -> Article | None:
        if aid not in articles:
            articles[aid] = load(aid)
        return articles[aid]

    citations: list[Citation] = []
    for c in answer.citations:
        art = article(c.article_id)
        if art is None or normalise(art.text[c.start:c.end]) != normalise(c.quote):
            log.warning("verify: dropped citation [%d]: not found at %s:%d-%d", c.n, c.article_id, c.start, c.end)
            continue
        citations.append(c)
    by_n = {c.n: c for c in citations}
    text = _MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in by_n else "", answer.answer)
    if text != answer.answer:
        log.warning("verify: removed [n] markers with no citation")

    def check_sentence(sentence: str) -> str:
        cited = [by_n[int(n)] for n in _MARKER.findall(sentence) if int(n) in by_n]
        pool = cited or citations
        for m in _QUOTED.finditer(sentence):
            span = m.group(1) or m.group(2)
            if not any((a := article(c.article_id)) and verbatim_in(span, a.text) for c in pool):
                log.warning("verify: removed a sentence quoting words not in the cited source: %r", span[:80])
                return ""
        return sentence

    text = "".join(check_sentence(s) for s in _sentence_pieces(text))
    text = re.sub(r"[ \t]+\n", "\n", re.sub(r"[ \t]{2,}", " ", text)).strip()
    used = sorted({int(n) for n in _MARKER.findall(text)})
    kept = [c for c in citations if c.n in used] if used else citations
    return answer.model_copy(update={"answer": text, "citations": kept})


def _sentence_pieces(text: str) -> list[str]:
    """Split on sentence ends that are outside quotation marks, keeping every character."""
    pieces, start, inside = [], 0, False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "“":
            inside = True
        elif ch in "”":
            inside = False
        elif ch == '"':
            inside = not inside
        elif ch == "\n" or (not inside and ch in ".!?" and (i + 1 == len(text) or text[i + 1] in " \n")):
            j = i + 1
            while j < len(text) and text[j] == "[":
                close = text.find("]", j)
                if close < 0:
                    break
                j = close + 1
            pieces.append(text[start:j])
            start = j
            i = j
            continue
        i += 1
    if start < len(text):
        pieces.append(text[start:])
    return pieces

"""Check an answer before it is sent: every quoted span verbatim in its cited article, every [n] real.

A sentence survives only if (1) every span it quotes — in double, single (straight or curly) or «»
marks — is verbatim in a cited article, (2) a person it says spoke ("X said …", "according to X") is
the stored speaker of the quote it cites, and (3) a claim it cites without quoting shares most of its
content words with the cited source. Whatever fails is dropped, never shown as fact.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from bot.models import Answer, Article, Citation

log = logging.getLogger(__name__)

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "–": "-",
                       "—": "-", "‑": "-", "\u00a0": " "})
_QUOTED = re.compile(
    r"“([^”]{2,}?)”"                                   # curly double
    r"|\"([^\"]{2,}?)\""                               # straight double
    r"|«\s*([^»]{2,}?)\s*»|„([^“”]{2,}?)[“”]"           # guillemets, German-style low-high
    r"|(?<![\w’'])‘(?=\S)((?:[^‘’]|’(?=\w))+?)(?<=\S)’(?!\w)"  # curly single; ’ inside a word is an apostrophe
    r"|(?<![\w'])'(?=\S)((?:[^'\n]|'(?=\w))+?)(?<=\S)'(?!\w)"  # straight single, same rule
)
_MARKER = re.compile(r"\[(\d+)\]")
# Verbs only: "claims", "calls", "notes" and "states" are nouns too often ("Lukashenko's claims").
_SPEECH = (r"(?:said|says|told|tells|added|adds|warned|warns|stated|wrote|writes|declared|declares|"
           r"insisted|insists|argued|argues|claimed|announced|announces|explained|explains|replied|"
           r"noted|stressed|stresses|asked|urged|urges|called|described|describes)")
_NAME = r"(?P<who>[A-Z][\w’'.-]*(?:\s+(?:de|van|von|al|bin|[A-Z][\w’'.-]*)){0,4})"
_ATTRIBUTION = [
    re.compile(_NAME + r"\s+(?:has\s+|had\s+|also\s+|then\s+)?" + _SPEECH + r"\b"),
    re.compile(r"\b[Aa]ccording\s+to\s+" + _NAME),
    re.compile(r"[”\"’'»]\s*,?\s*" + _SPEECH + r"\s+" + _NAME),
]
_NOT_NAMES = {"he", "she", "it", "they", "we", "i", "you", "this", "that", "the", "a", "an", "his", "her",
              "their", "its", "one", "who", "which", "someone", "officials", "nobody", "everyone"}
SUPPORT_RATIO = 0.7
_SUPPORT_STOP = frozenset(
    """a an and are as at be been but by did do does for from had has have he her his how i if in into is it
    its me my no not of on or our she so than that the their them then there these they this to was we were
    what when where which who whom whose why will with would you your about also after against over under
    more most some such only very just can could should may might must shall said says say told tell
    added stated according while because during before since until whether both each other""".split())
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


def in_article(span: str, article: Article) -> bool:
    """Verbatim in the article's text or its headline: the headline is the article's own words too
    ("Student 'fee factor' played down", named in a refusal's closest match), stored as its text is."""
    return verbatim_in(span, article.text) or verbatim_in(span, article.title)


def quoted_spans(text: str) -> list[str]:
    """The words inside each pair of quotation marks, of every kind the check reads."""
    return [next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)]


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
        spans = quoted_spans(sentence)
        for span in spans:
            if not any((a := article(c.article_id)) and in_article(span, a) for c in pool):
                log.warning("verify: removed a sentence quoting words not in the cited source: %r", span[:80])
                return ""
        if cited and (who := wrong_speaker(sentence, cited, article)):
            log.warning("verify: removed a sentence attributing cited words to %r", who)
            return ""
        if cited and not spans and not supported(sentence, cited, article):
            log.warning("verify: removed a claim its cited source does not support: %r", sentence.strip()[:80])
            return ""
        return sentence

    text = "".join(check_sentence(s) for s in _sentence_pieces(text))
    text = re.sub(r"[ \t]+\n", "\n", re.sub(r"[ \t]{2,}", " ", text)).strip()
    used = sorted({int(n) for n in _MARKER.findall(text)})
    kept = [c for c in citations if c.n in used] if used else citations
    return answer.model_copy(update={"answer": text, "citations": kept})


def _key_words(name: str) -> set[str]:
    return {w for w in re.findall(r"\w+", normalise(re.sub(r"['’]s\b", "", name))) if len(w) > 2}


def attributed_names(sentence: str) -> list[str]:
    """The people or bodies a sentence says spoke: "X said", "according to X", "“…”, said X"."""
    outside = _QUOTED.sub(" “…” ", sentence)
    names = []
    for pattern in _ATTRIBUTION:
        for m in pattern.finditer(outside):
            words = [w for w in m.group("who").split() if w.lower().strip(".,") not in _NOT_NAMES]
            if words and not re.search(r"['’]s?$", words[-1]):  # "Lukashenko's aides said": not him
                names.append(" ".join(words))
    return names


def wrong_speaker(sentence: str, cited: list[Citation], article: Callable[[str], Article | None]) -> str | None:
    """A name the sentence gives a speaker that matches no cited quote's stored speaker (None when fine)."""
    for who in attributed_names(sentence):
        keys = _key_words(who)
        if not keys:
            continue
        for c in cited:
            if c.speaker and keys & _key_words(c.speaker):
                break
            if not c.speaker and (a := article(c.article_id)) and keys <= _key_words(a.text[max(0, c.start - 300):c.end + 300]):
                break  # a passage that itself names the speaker
        else:
            return who
    return None


def _stems(text: str) -> set[str]:
    words = re.findall(r"[^\W\d_]+|\d+", normalise(re.sub(r"['’]s\b", "", text)))
    return {w[:5] for w in words if w not in _SUPPORT_STOP and len(w) > 1}


def supported(sentence: str, cited: list[Citation], article: Callable[[str], Article | None]) -> bool:
    """Most of the claim's content words appear in what it cites (the span, its surroundings, the speaker)."""
    claim = _stems(_MARKER.sub(" ", sentence))
    if len(claim) < 3:
        return True  # too short to judge ("See [2].")
    source = set()
    for c in cited:
        a = article(c.article_id)
        window = a.text[max(0, c.start - 600):c.end + 600] if a else c.quote
        source |= _stems(" ".join([window, c.quote, c.speaker or "", c.title]))
    return len(claim & source) / len(claim) >= SUPPORT_RATIO


def prose_only(draft: str) -> str:
    """A streaming draft with every quoted span, and any quote still open at the end, shown as “…”."""
    masked = _QUOTED.sub("“…”", draft)
    opener = re.search(r"[“«„]|(?<![\w’'])[‘'\"](?=\S)", masked.replace("“…”", "   "))
    if opener and not _QUOTED.search(masked[opener.start():]):
        masked = masked[:opener.start()] + "“…"
    return masked


# A full stop that ends an initial or a title ends no sentence: "Florian Mueller [1] and John E. Kelly [2]."
# had been cut after "John E.", the piece found unsupported and removed, leaving "Kelly [2]." to lead.
_ABBREVIATED = re.compile(r"(?:^|[\s(])(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Rep|Gov|Gen|Lt|Col|Prof|Rev|Hon)\.$")


def _sentence_pieces(text: str) -> list[str]:
    """Split on sentence ends that are outside quotation marks, keeping every character."""
    pieces, start, inside = [], 0, False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "“«":
            inside = True
        elif ch in "”»":
            inside = False
        elif ch == '"':
            inside = not inside
        elif ch == "\n" or (not inside and ch in ".!?" and (i + 1 == len(text) or text[i + 1] in " \n")
                            and not (ch == "." and _ABBREVIATED.search(text, 0, i + 1))):
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

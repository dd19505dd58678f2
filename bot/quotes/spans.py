"""Find quotation spans in clean article text: straight and curly marks, nesting, run-on paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'


@dataclass
class Span:
    """Text inside one pair of double quotation marks, within one paragraph."""

    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark; None when the quote runs on past the paragraph
    start: int  # quote text offsets (marks excluded, whitespace and a trailing comma trimmed)
    end: int
    paragraph: int
    continues: bool = False  # opened at the start of a paragraph, continuing the previous quote


def _looks_opening(text: str, i: int, lo: int, hi: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()


def _glued_opening(text: str, i: int, lo: int, hi: int) -> bool:
    """'accused them of"squabbling like schoolboys".': a straight mark between two letters opens a quote
    when a closing one follows in the paragraph (a lost space, common in the BBC corpus); so does one between
    a sentence's end and a capital ('on the red carpet."It's unlike anything …," he told the BBC.')."""
    if not (lo < i and i + 1 < hi and text[i + 1].isalpha()):
        return False
    if not (text[i - 1].isalpha() or (text[i - 1] in ".!?" and text[i + 1].isupper())):
        return False
    j = text.find(STRAIGHT, i + 1, hi)
    return j > 0 and not _looks_opening(text, j, lo, hi)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _shadow(text: str) -> str:
    """The text with each doubled apostrophe (NYT-style '' marks) read as one straight mark, offsets kept."""
    if "''" not in text and "``" not in text:
        return text
    out = list(text)
    i = 0
    while i < len(text) - 1:
        pair = text[i:i + 2]
        if pair == "``":
            out[i], out[i + 1] = " ", "“"
            i += 2
        elif pair == "''":
            opening = i + 2 < len(text) and not text[i + 2].isspace() and (i == 0 or text[i - 1].isspace())
            out[i], out[i + 1] = (" ", STRAIGHT) if opening else (STRAIGHT, " ")
            i += 2
        else:
            i += 1
    return "".join(out)


def find_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[Span]:
    """Quotation spans paragraph by paragraph; offsets index the original text."""
    original, text = text, _shadow(text)
    spans: list[Span] = []
    prev_open_run = False
    for p, (lo, hi) in enumerate(paragraphs):
        open_at: int | None = None
        first_in_para = True
        i = lo
        while i < hi:
            ch = text[i]
            if open_at is None:
                if ch in OPENING or (ch == STRAIGHT and (_looks_opening(text, i, lo, hi)
                                                          or _glued_opening(text, i, lo, hi))):
                    open_at = i
            # (Inside a quotation a straight mark right after a comma closes it, space lost or not:
            # '"… to different audiences,"Katie Packer … said'.)
            elif ch in CLOSING or (ch == STRAIGHT and (not _looks_opening(text, i, lo, hi) or text[i - 1] == ",")):
                spans.append(_span(text, open_at, i, p, lo, first_in_para and prev_open_run))
                first_in_para = False
                open_at = None
            elif (ch in OPENING or ch == STRAIGHT) and text[:i].rstrip()[-1:] in ".?!":
                # A new opening mark after a finished sentence inside an open quote: the news convention
                # for a quote that runs on (paragraph breaks lost) — close the first, open the next.
                end = len(text[:i].rstrip())
                spans.append(_span(text, open_at, None, p, lo, first_in_para and prev_open_run, end=end))
                spans[-1].close_at = None
                first_in_para = False
                open_at = i
            i += 1
        prev_open_run = False
        if open_at is not None:
            end = hi
            spans.append(_span(text, open_at, None, p, lo, first_in_para and prev_open_run, end=end))
            prev_open_run = True
    for a, b in zip(spans, spans[1:], strict=False):
        # The quote after a run-on (unclosed) one continues it when it opens its own paragraph or sentence.
        if a.close_at is None and not b.continues:
            gap = text[a.end:b.open_at]
            if not gap.strip(" \n\t\"'”“.?!"):
                b.continues = True
    for i, a in enumerate(spans):
        if a.close_at is None and (i + 1 == len(spans) or not spans[i + 1].continues):
            a.end = _orphan_end(text, a.start, a.end)
    return [s for s in spans if s.end > s.start and original[s.start:s.end].strip()]


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'(])")
_FIRST_OR_SECOND_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|[Ww]e|[Ww]e're|[Ww]e've|[Ww]e'll|[Ww]e'd|[Uu]s|[Oo]urs?|"
                                     r"[Mm]y|[Mm]e|[Mm]ine|[Yy]ou|[Yy]ou're|[Yy]our)\b")


def _orphan_end(text: str, start: int, end: int) -> int:
    """Where a quotation left open, with nothing after it going on in marks, most likely ends: the writer lost
    the closing mark, and the paragraph's reporting runs on inside it ('"I am very pleased we have secured
    this delay … of opportunity. The Official UK Charts are run by …'). After its first sentence it keeps
    only the sentences that speak as the speaker does (I, we, you); cutting a sentence of theirs short loses
    words, while running on gives them the reporter's."""
    breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text, start, end)] + [end]
    cut = breaks[0]
    for lo, hi in zip(breaks, breaks[1:], strict=False):
        if not _FIRST_OR_SECOND_PERSON.search(text, lo, hi):
            break
        cut = hi
    return cut


def _span(text: str, open_at: int, close_at: int | None, p: int, lo: int, continues: bool,
          end: int | None = None) -> Span:
    start, stop = _trim(text, open_at + 1, close_at if close_at is not None else (end or open_at + 1))
    return Span(open_at=open_at, close_at=close_at, start=start, end=stop, paragraph=p, continues=continues)

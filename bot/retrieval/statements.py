"""Quotations that are one statement: a speaker's words the journalist broke up with 'he said'.

'"In many ways the different DRM systems are akin to … Betamax and VHS," said Ian Fogg, … "The difference is
that it is very fragmented," he said. "It's not a two-horse race, it's … eight-horse race"' is stored as three
quotes; a reader asking what Fogg said about DRM systems wants the statement, not the first third of it.
"""

from __future__ import annotations

import re

from bot.models import Quote

MAX_GAP = 200  # characters of the journalist's words between two parts of one statement
MAX_PARTS = 4
MAX_SPAN = 1000  # characters from the statement's first word to its last
_MARKS = "\"“”'‘’"
# A full stop inside the gap, before its end, is a sentence of the journalist's own between the two parts
# ('," he said. Mr Fogg said consumers had to be careful. "'): the parts may no longer be one statement.
_INNER_STOP = re.compile(r"[.!?]\s+\S")


def _joins(text: str, first: Quote, second: Quote) -> bool:
    """Whether `second` continues `first`: the same speaker's direct words with only an attribution (or a
    paragraph break, the way a long quotation runs on) between them."""
    if not first.speaker or first.speaker != second.speaker or "partial" in (first.kind, second.kind):
        return False
    gap = text[first.end:second.start]
    if len(gap) > MAX_GAP:
        return False
    if "\n" in gap and (any(m in gap[:gap.find("\n")] for m in '"“”') or
                        gap[gap.rfind("\n") + 1:].strip(_MARKS + " ") != ""):
        # Across paragraphs only the way a long quotation runs on: left open at the paragraph's end, opened
        # again at the next one's start. A closed quotation and a new one are two statements.
        return False
    inner = gap.strip(_MARKS + " \n,.;:!?")
    if sum(gap.count(m) for m in '"“”') > 2:
        return False
    return not _INNER_STOP.search(inner)


def statements(text: str, quotes: list[Quote]) -> dict[str, tuple[Quote, ...]]:
    """For each quote that is part of a longer statement, the statement's parts in reading order (at most
    MAX_PARTS, around the quote, within MAX_SPAN characters); quotes that stand alone are left out."""
    ordered = sorted(quotes, key=lambda q: q.start)
    chains: list[list[Quote]] = []
    for q in ordered:
        if chains and _joins(text, chains[-1][-1], q):
            chains[-1].append(q)
        else:
            chains.append([q])
    out: dict[str, tuple[Quote, ...]] = {}
    for chain in chains:
        if len(chain) < 2:
            continue
        for i, q in enumerate(chain):
            out[q.id] = _around(chain, i)
    return out


def _around(chain: list[Quote], i: int) -> tuple[Quote, ...]:
    """The parts nearest the i-th, the later one first, while they fit."""
    lo, hi = i, i + 1
    while hi - lo < MAX_PARTS:
        grown = False
        for nlo, nhi in ((lo, hi + 1), (lo - 1, hi)):
            if 0 <= nlo and nhi <= len(chain) and chain[nhi - 1].end - chain[nlo].start <= MAX_SPAN:
                lo, hi, grown = nlo, nhi, True
                break
        if not grown:
            break
    return tuple(chain[lo:hi])

"""Turn raw article text into clean paragraphs, lifting publisher furniture into metadata."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# A line that starts the trailing publisher block: everything from it on is furniture, not reporting.
_TRAILER_START = re.compile(
    r"^(uncommon knowledge|about the writer|about the author|related articles?|read more:?|more from \w+"
    r"|to read how .{0,40} uses ai|sign up for|subscribe to|newsletter|share this (article|story)"
    r"|(\w+ ){0,2}cover)$",
    re.IGNORECASE,
)
# Lines that are furniture wherever they appear.
_FURNITURE_LINE = re.compile(
    r"^(advertisement|story continues below( advertisement)?|share this (article|story)|click here.*"
    r"|read more|related:.*|follow us on .*|sign up for .*newsletter.*|\W*(•|·|\u2022).*)$",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"(Getty Images|AFP via Getty Images|AP Photo(/[\w .]+)?|Reuters|Shutterstock|Alamy|EPA|PA Media)$"
)
_UPDATE_NOTE = re.compile(
    r"^(update|updated|correction)\s+(?P<date>\d{1,2}/\d{1,2}/\d{2,4})\b[^:]*:.*$", re.IGNORECASE
)
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}) is an? (?:[\w-]+ ){0,3}?(?P<outlet>[A-Z][\w.]+)"
    r" (?:[\w-]+ ){0,4}(?i:reporter|writer|correspondent|editor|journalist|columnist)",
)
_COMMITTED = re.compile(r"^(?P<outlet>[A-Z][\w.]+) is committed to\b")


@dataclass
class Cleaned:
    """Clean body text with paragraph offsets and whatever metadata the furniture revealed."""

    text: str
    paragraphs: list[tuple[int, int]]
    meta: dict[str, str] = field(default_factory=dict)


def normalise_newlines(raw: str) -> str:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    raw = raw.replace("\ufeff", "").replace("\u00a0", " ").replace("\u200b", "")
    # Control characters other than newline and tab are never article text.
    return "".join(ch for ch in raw if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def _date_from_us(value: str) -> str:
    month, day, year = (int(p) for p in value.split("/"))
    if year < 100:
        year += 2000
    return f"{year:04d}-{month:02d}-{day:02d}"


def _blocks(text: str) -> list[list[str]]:
    """Paragraph blocks (lists of lines). Text without blank lines is one paragraph per line."""
    lines = [ln.strip() for ln in text.split("\n")]
    if not any(not ln for ln in lines):
        return [[ln] for ln in lines if ln]
    blocks: list[list[str]] = []
    current: list[str] = []
    for ln in lines:
        if ln:
            current.append(ln)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _read_trailer(lines: list[str], meta: dict[str, str]) -> None:
    for ln in lines:
        if m := _BIO.match(ln):
            meta.setdefault("author", m.group("name"))
            meta.setdefault("outlet", m.group("outlet"))
        elif m := _COMMITTED.match(ln):
            meta.setdefault("outlet", m.group("outlet"))


def clean_body(raw: str) -> Cleaned:
    """Strip furniture, keep reporting; paragraphs are blank-line separated blocks joined into one line."""
    meta: dict[str, str] = {}
    blocks = _blocks(normalise_newlines(raw))
    kept: list[str] = []
    for i, block in enumerate(blocks):
        first = block[0]
        if _TRAILER_START.match(first) and kept:
            _read_trailer([ln for b in blocks[i:] for ln in b], meta)
            break
        if m := _UPDATE_NOTE.match(" ".join(block)):
            meta.setdefault("updated", _date_from_us(m.group("date")))
            continue
        if _PHOTO_CREDIT.search(block[-1]) and len(block) <= 3 and not any('"' in ln or "“" in ln for ln in block):
            continue
        lines = [ln for ln in block if not _FURNITURE_LINE.match(ln)]
        if lines:
            kept.append(re.sub(r"[ \t]+", " ", " ".join(lines)).strip())
    text = ""
    paragraphs: list[tuple[int, int]] = []
    for para in kept:
        if text:
            text += "\n\n"
        paragraphs.append((len(text), len(text) + len(para)))
        text += para
    return Cleaned(text=text, paragraphs=paragraphs, meta=meta)


"""Build Article records: cleaning, stable ids, content hashes, paragraph offsets."""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from bot.errors import IngestError
from bot.ingest.cleaning import clean_body, normalise_newlines
from bot.models import Article

_QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_TRACKING = re.compile(r"^(utm_|fbclid|gclid|mc_|ref$|cmpid)")
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}


def canonical_url(url: str) -> str:
    """Lower-case host, no fragment, no tracking parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    query = "&".join(
        q for q in parts.query.split("&") if q and not _TRACKING.match(q.split("=", 1)[0].lower())
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def fold(text: str) -> str:
    """Normalise quotes, dashes, case and whitespace, for identity and matching."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_FOLD)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def article_id(url: str, title: str, text: str) -> str:
    if url:
        return _digest(canonical_url(url))
    return _digest(fold(title) + "\n" + fold(text))


def normalise_date(value: object) -> str:
    """ISO date (YYYY-MM-DD) from the common shapes feeds and front matter use; '' when unknown."""
    if value is None or value == "":
        return ""
    s = str(value).strip()
    if m := re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s):
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    if m := re.match(r"(\d{1,2})/(\d{1,2})/(\d{2,4})$", s):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return f"{year:04d}-{int(m[1]):02d}-{int(m[2]):02d}"
    if m := re.search(r"(\d{1,2}) ([A-Za-z]+),? (\d{4})", s):
        month = _MONTHS.get(m[2].lower()) or _MONTHS.get(_prefix_month(m[2]))
        if month:
            return f"{int(m[3]):04d}-{month:02d}-{int(m[1]):02d}"
    if m := re.search(r"([A-Za-z]+) (\d{1,2}),? (\d{4})", s):
        month = _MONTHS.get(m[1].lower()) or _MONTHS.get(_prefix_month(m[1]))
        if month:
            return f"{int(m[3]):04d}-{month:02d}-{int(m[2]):02d}"
    return ""


def _prefix_month(word: str) -> str:
    word = word.lower()[:3]
    return next((m for m in _MONTHS if m.startswith(word)), "")


_MISREAD_APOSTROPHE = re.compile(r"(?<=[A-Za-z])¿(?=[a-z])")
_REFERENCE = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|amp|lt|gt|quot|apos|nbsp);")


def decode_references(text: str) -> str:
    """Character references left in text that came through HTML once ("Jos&#233; Manuel Barroso" in the
    BBC corpus): shown, quoted and matched as the characters they stand for. An apostrophe that a wrong code
    page made an inverted question mark inside a word ("Mr Blair&#191;s government") is an apostrophe."""
    if "&" not in text:
        return text
    return _MISREAD_APOSTROPHE.sub("’", _REFERENCE.sub(lambda m: html.unescape(m.group(0)), text))


def build_article(
    where: str,
    title: str,
    body: str,
    *,
    url: str = "",
    outlet: str = "",
    author: str = "",
    published: object = "",
    updated: object = "",
    category: str = "",
    explicit_id: str = "",
) -> Article:
    """Clean a body and wrap it as an Article; raises IngestError when nothing readable is left."""
    title = re.sub(r"\s+", " ", normalise_newlines(decode_references(title or ""))).strip()
    cleaned = clean_body(decode_references(body or ""))
    if not cleaned.text.strip():
        raise IngestError(where, "no article text after cleaning (empty or only page furniture)")
    if not title:
        first = cleaned.text.split("\n", 1)[0]
        title = first[:120]
    meta = cleaned.meta
    article = Article(
        id=explicit_id or article_id(url, title, cleaned.text),
        title=title,
        text=cleaned.text,
        outlet=(outlet or meta.get("outlet", "")).strip(),
        author=(author or meta.get("author", "")).strip(),
        published=normalise_date(published),
        updated=normalise_date(updated) or meta.get("updated", ""),
        url=url.strip(),
        category=category.strip(),
        source=where,
        paragraphs=cleaned.paragraphs,
    )
    article.content_hash = content_hash(article)
    return article


# Part of every content hash: bump it when analysis (attribution, chunking) changes, so that a re-ingest
# re-analyses stored articles instead of calling them unchanged.
ANALYSIS_VERSION = "97"


def content_hash(article: Article) -> str:
    payload = article.model_dump(include={"title", "text", "outlet", "author", "published", "updated", "url",
                                          "category"})
    payload["analysis"] = ANALYSIS_VERSION
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()

"""Read sources (files, folders, URLs, feeds) into Articles, one result per item, never raising."""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import yaml

from bot.config import Settings
from bot.errors import IngestError
from bot.ingest.articles import build_article, fold
from bot.ingest.netguard import AddressPolicy, BlockedAddressError, guarded_client
from bot.models import Article

log = logging.getLogger(__name__)

FILE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
_USER_AGENT = "whosaid/0.1 (+https://github.com/whosaid)"


@dataclass
class Item:
    """One source item: an article, or the reason it could not be read."""

    where: str
    article: Article | None = None
    error: str | None = None


@dataclass
class Unit:
    """A unit of work for the progress bar: a file, or a URL."""

    target: str
    estimate: int = 1


def is_url(target: str) -> bool:
    return bool(re.match(r"^https?://", target, re.IGNORECASE))


def expand(targets: list[str]) -> tuple[list[Unit], list[Item]]:
    """Files, folders (recursively) and URLs to read; paths that cannot be read come back as failed items.

    Every problem is reported with its path: a missing or unreadable target, a name too long for the
    file system, an unreadable sub-folder, a symlink loop. None of them stops the other targets.
    """
    units: list[Unit] = []
    failed: list[Item] = []
    for target in targets:
        if is_url(target):
            units.append(Unit(target))
            continue
        path = Path(target)
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
            if not is_dir and not is_file:
                path.stat()  # a dangling symlink or a symlink loop says which here
        except OSError as exc:
            failed.append(Item(target, error=_os_reason(exc)))
            continue
        if is_dir:
            _walk(path, units, failed)
        elif is_file:
            units.append(Unit(str(path), _estimate(path)))
        else:
            failed.append(Item(target, error="no such file, folder or URL"))
    return units, failed


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file, folder or URL"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENAMETOOLONG:
        return "path too long for the file system"
    return f"cannot read ({exc.strerror or exc})"


def _walk(root: Path, units: list[Unit], failed: list[Item]) -> None:
    """Recursive listing that follows symlinks once, reports loops and unreadable folders, skips hidden."""
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> None:
        try:
            st = folder.stat()
            key = (st.st_dev, st.st_ino)
            if key in seen:
                failed.append(Item(str(folder), error="symlink loop: this folder was already read; skipped"))
                return
            seen.add(key)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            failed.append(Item(str(folder), error=_os_reason(exc)))
            return
        for entry in entries:
            # Hidden files are skipped; anything else that is not an article format is reported, so a
            # user never wonders why a file did not land.
            if entry.name.startswith("."):
                continue
            child = Path(entry.path)
            try:
                if entry.is_dir():
                    visit(child)
                elif entry.is_file():
                    units.append(Unit(str(child), _estimate(child)))
                else:
                    child.stat()
                    failed.append(Item(str(child), error="not a regular file"))
            except OSError as exc:
                failed.append(Item(str(child), error=_os_reason(exc)))

    visit(root)


def _estimate(path: Path) -> int:
    if path.suffix.lower() != ".jsonl":
        return 1
    try:
        with path.open("rb") as fh:
            return max(sum(1 for line in fh if line.strip()), 1)
    except OSError:
        return 1


@dataclass
class Page:
    """A fetched body, decompressed and capped, with where it finally came from."""

    url: str
    content_type: str
    content: bytes
    status: int = 200
    etag: str = ""
    last_modified: str = ""

    @property
    def text(self) -> str:
        return self.content.decode(self.charset or "utf-8", errors="replace")

    @property
    def charset(self) -> str | None:
        m = re.search(r"charset=([\w-]+)", self.content_type)
        return m.group(1) if m else None


class SourceReader:
    """Reads units into Items; holds the HTTP client so URLs and feeds share connections.

    Every fetch goes through the address policy (no loopback, private, link-local or multicast address
    unless FETCH_ALLOWED_HOSTS lists it, checked at connect time for every hop), reads at most
    `max_file_bytes` after decompression, and gives up after `fetch_deadline` seconds in total.
    """

    def __init__(self, *, max_file_bytes: int, fetch_timeout: float, fetch_deadline: float = 60.0,
                 allowed_hosts: Iterable[str] = (), client: httpx.Client | None = None) -> None:
        self.max_file_bytes = max_file_bytes
        self.fetch_timeout = fetch_timeout
        self.fetch_deadline = fetch_deadline
        self.client = client or guarded_client(
            AddressPolicy(allowed_hosts), timeout=fetch_timeout, follow_redirects=True,
            headers={"User-Agent": _USER_AGENT},
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> SourceReader:
        return cls(max_file_bytes=settings.max_file_bytes, fetch_timeout=settings.fetch_timeout,
                   fetch_deadline=settings.fetch_deadline, allowed_hosts=settings.fetch_allowed_hosts)

    def close(self) -> None:
        self.client.close()

    def read(self, unit: Unit) -> Iterator[Item]:
        try:
            if is_url(unit.target):
                yield from self._read_url(unit.target)
            else:
                yield from self._read_file(Path(unit.target))
        except IngestError as exc:
            yield Item(exc.where, error=exc.reason)

    # files -------------------------------------------------------------------------------------
    def _read_file(self, path: Path) -> Iterator[Item]:
        where = str(path)
        suffix = path.suffix.lower()
        if suffix not in FILE_SUFFIXES:
            raise IngestError(where, f"unsupported file type {suffix or '(none)'}; use .txt, .md, .html, "
                                     ".json or .jsonl")
        if suffix == ".jsonl":
            yield from self._read_jsonl(path)
            return
        try:
            size = path.stat().st_size
            if size > self.max_file_bytes:
                raise IngestError(where, f"file too large ({size / 1e6:.1f} MB; the limit is "
                                         f"{self.max_file_bytes / 1e6:.0f} MB)")
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(where, f"cannot read file ({exc.strerror or exc})") from exc
        text = decode(where, data)
        if suffix == ".json":
            yield from self._read_json(where, text)
        elif suffix in {".html", ".htm"}:
            yield Item(where, article=article_from_html(where, text))
        elif suffix in {".md", ".markdown"}:
            yield Item(where, article=article_from_markdown(where, text))
        else:
            yield Item(where, article=article_from_text(where, text))

    def _read_json(self, where: str, text: str) -> Iterator[Item]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(f"{where}:{exc.lineno}", f"malformed JSON ({exc.msg})") from exc
        records = data.get("articles", [data]) if isinstance(data, dict) else data
        if not isinstance(records, list):
            raise IngestError(where, "JSON must be an article object, a list of them, or {\"articles\": [...]}")
        for i, record in enumerate(records, 1):
            label = where if len(records) == 1 else f"{where}#{i}"
            yield _item_from_record(label, record)

    def _read_jsonl(self, path: Path) -> Iterator[Item]:
        try:
            fh = path.open("rb")
        except OSError as exc:
            raise IngestError(str(path), f"cannot read file ({exc.strerror or exc})") from exc
        with fh:
            for lineno, raw in enumerate(fh, 1):
                where = f"{path}:{lineno}"
                if not raw.strip():
                    continue
                try:
                    if len(raw) > self.max_file_bytes:
                        raise IngestError(where, "line too large")
                    line = decode(where, raw)
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise IngestError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from exc
                    yield _item_from_record(where, record)
                except IngestError as exc:
                    yield Item(exc.where, error=exc.reason)

    # URLs and feeds ----------------------------------------------------------------------------
    def fetch_if_changed(self, url: str, etag: str = "", last_modified: str = "") -> Page:
        """A conditional GET: status 304 (and no body) when the server says nothing changed since."""
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        return self._fetch(url, headers)

    def _fetch(self, url: str, headers: dict[str, str] | None = None) -> Page:
        started = time.monotonic()
        timeout = min(self.fetch_timeout, self.fetch_deadline)
        chunks: list[bytes] = []
        size = 0
        try:
            with self.client.stream("GET", url, timeout=timeout, headers=headers) as response:
                if response.status_code == 304 and headers:
                    return Page(str(response.url), "", b"", 304, response.headers.get("etag", ""),
                                response.headers.get("last-modified", ""))
                if response.status_code >= 400:
                    raise IngestError(url, f"HTTP {response.status_code}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_file_bytes and \
                        not response.headers.get("content-encoding"):
                    raise IngestError(url, self._too_large())
                # iter_bytes yields decompressed bytes: the cap holds against a gzip bomb too.
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_file_bytes:
                        raise IngestError(url, self._too_large())
                    chunks.append(chunk)
                    if time.monotonic() - started > self.fetch_deadline:
                        raise IngestError(url, f"took longer than {self.fetch_deadline:.0f} s in total; gave up")
                return Page(str(response.url), response.headers.get("content-type", "").lower(), b"".join(chunks),
                            response.status_code, response.headers.get("etag", ""),
                            response.headers.get("last-modified", ""))
        except BlockedAddressError as exc:
            raise IngestError(url, str(exc)) from exc
        except httpx.HTTPError as exc:
            if isinstance(exc.__context__, BlockedAddressError):
                raise IngestError(url, str(exc.__context__)) from exc
            raise IngestError(url, f"unreachable ({type(exc).__name__}: {exc})") from exc

    def _too_large(self) -> str:
        return f"page too large (over {self.max_file_bytes / 1e6:.0f} MB once decompressed)"

    def _read_url(self, url: str) -> Iterator[Item]:
        page = self._fetch(url)
        if is_feed(page):
            yield from self._read_feed(url, page.content)
            return
        yield Item(url, article=article_from_html(url, page.text, url=page.url))

    def _read_feed(self, url: str, body: bytes) -> Iterator[Item]:
        feed = parse_feed(url, body)
        for entry in feed.entries:
            yield self.read_entry(feed, entry)

    def read_entry(self, feed: Feed, entry: FeedEntry) -> Item:
        """Fetch one feed entry's page as an Article (the feed's title, author and dates win)."""
        where = f"{feed.url} entry {entry.n}"
        link = entry.link
        try:
            if not link:
                raise IngestError(where, "feed entry has no link")
            page = self._fetch(link)
            article = article_from_html(
                link, page.text, url=link, title=entry.title, outlet=feed.title, author=entry.author,
                published=entry.published or entry.updated, updated=entry.updated,
            )
            return Item(link, article=article)
        except IngestError as exc:
            return Item(exc.where if exc.where != link else f"{where} ({link})", error=exc.reason)


@dataclass
class FeedEntry:
    """One RSS/Atom entry as the feed describes it (its page is fetched separately)."""

    n: int
    key: str  # the entry's id (guid), else its link
    link: str
    title: str = ""
    author: str = ""
    published: str = ""
    updated: str = ""
    signature: str = ""  # changes when the feed says the entry changed


@dataclass
class Feed:
    url: str
    title: str
    entries: list[FeedEntry]


def is_feed(page: Page) -> bool:
    head = page.content[:512].lstrip().lower()
    return any(k in page.content_type for k in ("rss", "atom", "xml")) or head.startswith((b"<rss", b"<feed", b"<?xml"))


def parse_feed(url: str, body: bytes) -> Feed:
    """The feed's title and entries; IngestError when it is not a readable feed."""
    import hashlib

    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries:
        reason = str(getattr(parsed, "bozo_exception", "")) or "no entries"
        raise IngestError(url, f"not a readable RSS/Atom feed ({reason})")
    entries = []
    for n, e in enumerate(parsed.entries, 1):
        link = e.get("link", "")
        fields = [e.get("id", ""), link, e.get("title", ""), e.get("published", ""), e.get("updated", ""),
                  e.get("summary", "")]
        entries.append(FeedEntry(
            n=n, key=e.get("id") or link, link=link, title=e.get("title", ""), author=e.get("author", ""),
            published=e.get("published", ""), updated=e.get("updated", ""),
            signature=hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()[:16],
        ))
    return Feed(url, parsed.feed.get("title", ""), entries)


def decode(where: str, data: bytes) -> str:
    """UTF-8 text or a clear IngestError: empty, binary, or not UTF-8."""
    if not data.strip():
        raise IngestError(where, "empty file")
    if b"\x00" in data[:8192]:
        raise IngestError(where, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(where, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                                 "save the file as UTF-8") from exc


def article_from_text(where: str, text: str, **meta: str) -> Article:
    lines = text.lstrip().split("\n", 1)
    title, body = lines[0].strip(), (lines[1] if len(lines) > 1 else "")
    return build_article(where, title, body, **meta)


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def article_from_markdown(where: str, text: str) -> Article:
    meta: dict[str, object] = {}
    text = text.lstrip("\ufeff")
    if m := _FRONT_MATTER.match(text):
        try:
            loaded = yaml.safe_load(m.group(1)) or {}
        except yaml.YAMLError as exc:
            raise IngestError(where, f"malformed YAML front matter ({exc.__class__.__name__})") from exc
        if not isinstance(loaded, dict):
            raise IngestError(where, "front matter must be a YAML mapping")
        meta = loaded
        text = text[m.end():]
    body = _strip_markdown(text)
    title = str(meta.get("title") or "")
    first, _, rest = body.lstrip().partition("\n")
    if not title:
        title, body = first, rest
    elif fold(first) == fold(title):
        body = rest  # the H1 repeating the front-matter title
    return build_article(
        where, title, body, url=str(meta.get("url") or ""), outlet=str(meta.get("outlet") or ""),
        author=str(meta.get("author") or ""), published=meta.get("published") or meta.get("date") or "",
        updated=meta.get("updated") or "", category=str(meta.get("category") or ""),
    )


def _strip_markdown(text: str) -> str:
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return re.sub(r"^>\s?", "", text, flags=re.MULTILINE)


def article_from_html(where: str, html: str, *, url: str = "", title: str = "", outlet: str = "",
                      author: str = "", published: str = "", updated: str = "") -> Article:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises a variety of parser errors on broken markup
        raise IngestError(where, f"cannot parse HTML ({type(exc).__name__})") from exc
    if doc is None:
        raise IngestError(where, "no article text found in the page (only navigation or furniture)")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").replace("\n", "\n\n")
    if len(body.split()) < 8:
        raise IngestError(where, "no article text found in the page (only navigation or furniture)")
    return build_article(
        where, title or data.get("title") or "", body, url=url or data.get("url") or "",
        outlet=outlet or data.get("sitename") or "", author=author or data.get("author") or "",
        published=published or data.get("date") or "", updated=updated,
        category=",".join(data.get("categories") or []),
    )


def safe_id(value: object) -> str:
    """Ids end up in Chroma ids and Telegram deep links: keep them short and URL-safe."""
    raw = str(value or "").strip()
    if not raw:
        return ""
    clean = re.sub(r"[^A-Za-z0-9_-]", "_", raw)
    if clean != raw or len(clean) > 40:
        import hashlib

        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]
    return clean


def _item_from_record(where: str, record: object) -> Item:
    if not isinstance(record, dict):
        return Item(where, error="expected a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Item(where, error="missing or empty \"text\" field")
    try:
        article = build_article(
            where, str(record.get("title") or ""), text, url=str(record.get("url") or ""),
            outlet=str(record.get("outlet") or ""), author=str(record.get("author") or ""),
            published=record.get("published") or "", updated=record.get("updated") or "",
            category=str(record.get("category") or ""), explicit_id=safe_id(record.get("id")),
        )
    except IngestError as exc:
        return Item(where, error=exc.reason)
    return Item(where, article=article)

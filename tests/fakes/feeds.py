"""A news site on 127.0.0.1 whose RSS feeds grow while a test runs: articles, ETags, 304s, broken answers.

Each feed answers a conditional GET with 304 when its ETag is unchanged, and can be switched to a 500
or to a body that is not a feed. Articles are short HTML pages; changing one's text changes what the
site serves at its URL (an updated article).
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass, field

from tests.fakes.loopback import LoopbackServer, QuietHandler


@dataclass
class FeedState:
    title: str
    items: list[str] = field(default_factory=list)  # article paths, newest last
    version: int = 1
    mode: str = "ok"  # ok | 500 | garbage


class FeedSite(LoopbackServer):
    def __init__(self) -> None:
        self.articles: dict[str, tuple[str, str, str]] = {}  # path -> (title, body paragraphs, updated date)
        self.feeds: dict[str, FeedState] = {}
        self.log: list[tuple[str, int]] = []  # (path, status) of every request
        self._lock = threading.Lock()
        site = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                site._serve(self)

        super().__init__(Handler)

    # changing the site ----------------------------------------------------------------------------
    def article(self, path: str, title: str, paragraphs: list[str], date: str = "Mon, 04 Mar 2024 09:00:00 GMT",
                feed: str | None = None) -> None:
        with self._lock:
            self.articles[path] = (title, "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs), date)
            if feed is not None:
                state = self.feeds.setdefault(feed, FeedState(title=f"Feed {feed}"))
                if path not in state.items:
                    state.items.append(path)
                state.version += 1

    def feed(self, path: str, mode: str = "ok") -> None:
        with self._lock:
            state = self.feeds.setdefault(path, FeedState(title=f"Feed {path}"))
            state.mode = mode
            state.version += 1

    def statuses(self, path: str) -> list[int]:
        return [status for p, status in list(self.log) if p == path]

    # serving --------------------------------------------------------------------------------------
    def _serve(self, req: QuietHandler) -> None:
        path = req.path
        with self._lock:
            if path in self.feeds:
                status, ctype, body, etag = self._feed(self.feeds[path], req.headers.get("If-None-Match"))
            elif path in self.articles:
                title, paragraphs, _ = self.articles[path]
                status, ctype, etag = 200, "text/html; charset=utf-8", ""
                body = (f"<html><head><title>{html.escape(title)}</title></head><body><article>"
                        f"<h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>")
            else:
                status, ctype, body, etag = 404, "text/plain", "not found", ""
            self.log.append((path, status))
        data = body.encode("utf-8")
        req.send_response(status)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(data)))
        if etag:
            req.send_header("ETag", etag)
        req.end_headers()
        if data:
            req.wfile.write(data)

    def _feed(self, state: FeedState, if_none_match: str | None) -> tuple[int, str, str, str]:
        if state.mode == "500":
            return 500, "text/plain", "internal error", ""
        if state.mode == "garbage":
            return 200, "application/rss+xml", "<html><body>We are down for maintenance</body></html>", ""
        etag = f'"v{state.version}"'
        if if_none_match == etag:
            return 304, "", "", etag
        items = []
        for path in reversed(state.items):
            title, _, date = self.articles[path]
            items.append(f"<item><title>{html.escape(title)}</title><link>{self.origin}{path}</link>"
                         f"<guid>{self.origin}{path}</guid><pubDate>{date}</pubDate></item>")
        body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{html.escape(state.title)}</title>'
                f"<link>{self.origin}/</link><description>news</description>{''.join(items)}</channel></rss>")
        return 200, "application/rss+xml", body, etag

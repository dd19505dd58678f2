"""A tiny web server on 127.0.0.1 serving fixed pages and feeds, for URL and feed ingestion tests.

A page is (content type, body, status), or a callable that writes the whole response itself (for
redirects, compressed bodies and servers that drip a byte at a time).
"""

from __future__ import annotations

from collections.abc import Callable

from tests.fakes.loopback import LoopbackServer, QuietHandler

Page = tuple[str, bytes | str, int] | Callable[[QuietHandler], None]


class FakeWeb(LoopbackServer):
    def __init__(self, pages: dict[str, Page]) -> None:  # type: ignore[type-arg]
        self.pages = pages
        self.requests: list[str] = []
        web = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                web.requests.append(self.path)
                page = web.pages.get(self.path, ("text/plain", b"not found", 404))
                if callable(page):
                    page(self)
                    return
                ctype, body, status = page
                self.send_body(status, body.encode("utf-8") if isinstance(body, str) else body, ctype)

        super().__init__(Handler)

    @property
    def url(self) -> str:
        return self.origin

    @property
    def local_url(self) -> str:
        """The same server by the name `localhost`, which FETCH_ALLOWED_HOSTS can allow by name."""
        return self.origin.replace("127.0.0.1", "localhost")

"""A tiny web server on 127.0.0.1 serving fixed pages and feeds, for URL and feed ingestion tests."""

from __future__ import annotations

from tests.fakes.loopback import LoopbackServer, QuietHandler


class FakeWeb(LoopbackServer):
    def __init__(self, pages: dict[str, tuple[str, bytes | str, int]]) -> None:
        self.pages = pages
        self.requests: list[str] = []
        web = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                web.requests.append(self.path)
                ctype, body, status = web.pages.get(self.path, ("text/plain", b"not found", 404))
                self.send_body(status, body.encode("utf-8") if isinstance(body, str) else body, ctype)

        super().__init__(Handler)

    @property
    def url(self) -> str:
        return self.origin

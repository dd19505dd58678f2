"""Safe fetching: no internal addresses (after DNS, on every hop and feed entry), byte caps, deadlines."""

from __future__ import annotations

import gzip
import time

import pytest

from bot.ingest.netguard import AddressPolicy, BlockedAddressError
from bot.ingest.sources import SourceReader, Unit
from tests.fakes.loopback import QuietHandler
from tests.fakes.web import FakeWeb
from tests.test_sources import ARTICLE_HTML


def _read(reader: SourceReader, url: str) -> list:
    try:
        return list(reader.read(Unit(url)))
    finally:
        reader.close()


def test_loopback_is_refused_unless_allowed() -> None:
    with FakeWeb({"/story": ("text/html", ARTICLE_HTML, 200)}) as web:
        refused = _read(SourceReader(max_file_bytes=10**6, fetch_timeout=5), f"{web.url}/story")
        assert web.requests == []  # never connected
        allowed = _read(SourceReader(max_file_bytes=10**6, fetch_timeout=5, allowed_hosts=["127.0.0.0/8"]),
                        f"{web.url}/story")
    assert refused[0].article is None
    assert "refused" in refused[0].error and "loopback" in refused[0].error and "FETCH_ALLOWED_HOSTS" in refused[0].error
    assert allowed[0].article is not None and "Maria Lopez" in allowed[0].article.text


def test_a_name_is_checked_after_resolution() -> None:
    with FakeWeb({"/story": ("text/html", ARTICLE_HTML, 200)}) as web:
        items = _read(SourceReader(max_file_bytes=10**6, fetch_timeout=5), f"{web.local_url}/story")
        assert web.requests == []
    assert "localhost" in items[0].error and "loopback" in items[0].error


def test_every_redirect_hop_is_checked() -> None:
    def redirect(h: QuietHandler) -> None:
        h.send_response(302)
        h.send_header("Location", f"{web.url}/internal")  # 127.0.0.1, not the allowed name
        h.send_header("Content-Length", "0")
        h.end_headers()

    pages = {"/go": redirect, "/internal": ("text/html", ARTICLE_HTML, 200)}
    with FakeWeb(pages) as web:  # type: ignore[arg-type]
        items = _read(SourceReader(max_file_bytes=10**6, fetch_timeout=5, allowed_hosts=["localhost"]),
                      f"{web.local_url}/go")
        assert web.requests == ["/go"]
    assert items[0].article is None and "127.0.0.1" in items[0].error and "loopback" in items[0].error


def test_every_feed_entry_is_checked() -> None:
    pages: dict = {"/story": ("text/html", ARTICLE_HTML, 200)}
    with FakeWeb(pages) as web:
        pages["/feed.xml"] = ("application/rss+xml", f"""<?xml version="1.0"?><rss version="2.0"><channel>
        <title>Feed</title><item><title>Fine</title><link>{web.local_url}/story</link></item>
        <item><title>Internal</title><link>{web.url}/story</link></item>
        <item><title>Metadata</title><link>http://169.254.169.254/latest/meta-data/</link></item>
        </channel></rss>""", 200)
        items = _read(SourceReader(max_file_bytes=10**6, fetch_timeout=5, allowed_hosts=["localhost"]),
                      f"{web.local_url}/feed.xml")
    assert [bool(i.article) for i in items] == [True, False, False]
    assert "entry 2" in items[1].where and "loopback" in items[1].error
    assert "entry 3" in items[2].where and "link-local" in items[2].error


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.10", "private"), ("172.16.5.4", "private"),
    ("169.254.169.254", "link-local"), ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"),
    ("::1", "loopback"), ("fe80::1", "link-local"), ("fd00::1", "private"), ("::ffff:127.0.0.1", "loopback"),
])
def test_internal_addresses_are_refused(address: str, kind: str) -> None:
    with pytest.raises(BlockedAddressError, match=kind):
        AddressPolicy().check("example.org", address)


def test_allow_list_takes_hosts_and_ranges() -> None:
    policy = AddressPolicy(["10.20.0.0/16", "Intranet.Example.org", "127.0.0.1"])
    policy.check("feeds", "10.20.3.4")
    policy.check("intranet.example.org", "192.168.1.1")
    policy.check("x", "127.0.0.1")
    policy.check("example.org", "93.184.216.34")  # public: always fine
    with pytest.raises(BlockedAddressError):
        policy.check("x", "10.21.0.1")
    with pytest.raises(BlockedAddressError):
        policy.check("x", "127.0.0.2")


def test_the_byte_cap_counts_decompressed_bytes() -> None:
    bomb = gzip.compress(b"<html><body>" + b"a" * 5_000_000 + b"</body></html>")

    def serve(h: QuietHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Encoding", "gzip")
        h.send_header("Content-Length", str(len(bomb)))
        h.end_headers()
        h.wfile.write(bomb)

    assert len(bomb) < 100_000
    with FakeWeb({"/bomb": serve}) as web:  # type: ignore[dict-item]
        items = _read(SourceReader(max_file_bytes=1_000_000, fetch_timeout=5, allowed_hosts=["127.0.0.1"]),
                      f"{web.url}/bomb")
    assert items[0].article is None and "too large" in items[0].error and "decompressed" in items[0].error


def test_a_server_dripping_bytes_is_cut_off_at_the_deadline() -> None:
    def drip(h: QuietHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        try:
            for _ in range(100):
                h.wfile.write(b"<p>a</p>")
                h.wfile.flush()
                time.sleep(0.2)  # well inside the per-read timeout, forever
        except OSError:
            pass

    with FakeWeb({"/drip": drip}) as web:  # type: ignore[dict-item]
        started = time.monotonic()
        items = _read(SourceReader(max_file_bytes=10**6, fetch_timeout=5, fetch_deadline=1.5,
                                   allowed_hosts=["127.0.0.1"]), f"{web.url}/drip")
        took = time.monotonic() - started
    assert items[0].article is None and "took longer than" in items[0].error
    assert took < 4

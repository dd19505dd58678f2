"""The admin /ingest through the real Application: SSRF refused, and no /ingest waits behind a slow URL."""

from __future__ import annotations

import time

from bot.config import Settings
from bot.services import Services
from tests.fakes.loopback import QuietHandler
from tests.fakes.telegram_server import FakeBotAPI
from tests.fakes.web import FakeWeb
from tests.test_telegram import api, running, tg_settings  # noqa: F401 (the api fixture)

PAGE = ("<html><head><title>Budget row</title></head><body><article><h1>Budget row</h1>"
        "<p>The finance minister resigned on Friday after a long row over the budget plans.</p>"
        "<p>\"I cannot support this plan,\" Maria Lopez said in a statement on Friday evening.</p>"
        "</article></body></html>")


def _drip(h: QuietHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    try:
        for _ in range(60):
            h.wfile.write(b"<p>slow</p>")
            h.wfile.flush()
            time.sleep(0.2)
    except OSError:
        pass


async def test_admin_ingest_refuses_internal_addresses(api: FakeBotAPI, settings: Settings,  # noqa: F811
                                                       seeded: Services) -> None:
    with FakeWeb({"/story": ("text/html", PAGE, 200)}) as web:
        async with running(tg_settings(api, settings, admin_user_ids=frozenset({99})), seeded):
            api.message(f"/ingest {web.url}/story", chat_id=99, user_id=99)
            report = await api.until(lambda: len(api.sent(chat_id=99)) >= 2 and api.sent(chat_id=99)[1], timeout=60)
        assert web.requests == []
    assert "0 added" in report["text"] and "1 failed" in report["text"] and "loopback" in report["text"]
    assert not any(q.speaker == "Maria Lopez" for q in seeded.store.catalog.quotes())


async def test_one_slow_url_never_holds_up_another_ingest(api: FakeBotAPI, settings: Settings,  # noqa: F811
                                                         seeded: Services) -> None:
    pages = {"/slow": _drip, "/story": ("text/html", PAGE, 200)}
    with FakeWeb(pages) as web:  # type: ignore[arg-type]
        tuned = tg_settings(api, settings, admin_user_ids=frozenset({99}), fetch_allowed_hosts=("127.0.0.1",),
                            fetch_deadline=6.0)
        async with running(tuned, seeded):
            api.message(f"/ingest {web.url}/slow", chat_id=99, user_id=99)
            await api.until(lambda: web.requests)
            started = time.monotonic()
            api.message(f"/ingest {web.url}/story", chat_id=99, user_id=99)
            fast = await api.until(lambda: next((p for p in api.sent(chat_id=99) if "added" in p["text"]), None),
                                   timeout=30)
            fast_took = time.monotonic() - started
            slow = await api.until(lambda: next((p for p in api.sent(chat_id=99) if "took longer" in p["text"]),
                                                None), timeout=30)
    assert "1 added" in fast["text"] and fast_took < 5.5, fast_took
    assert "1 failed" in slow["text"]
    assert any(q.speaker == "Maria Lopez" for q in seeded.store.catalog.quotes())

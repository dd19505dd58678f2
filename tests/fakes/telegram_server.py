"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the real PTB Application.

It queues updates, long-polls getUpdates, records every call, returns well-formed results, checks
Telegram HTML like the real server (400 "can't parse entities"), and can be told to answer a method
with 429 + retry_after, a 500, or slowly.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl

from tests.fakes.loopback import LoopbackServer, QuietHandler

BOT_ID = 777000111
BOT_USERNAME = "whosaid_test_bot"
_ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote",
                 "tg-spoiler", "span", "tg-emoji"}


class _TelegramHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            self.errors.append(f"unsupported start tag {tag!r}")
        if tag == "a" and not dict(attrs).get("href"):
            self.errors.append("a without href")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected end tag {tag!r}")
        else:
            self.stack.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            self.errors.append(f"unsupported entity &{name};")


def html_errors(text: str) -> list[str]:
    """What the real Bot API would reject in a parse_mode=HTML message (a close approximation)."""
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    errors = parser.errors + ([f"unclosed {parser.stack}"] if parser.stack else [])
    if len(text) > 4096:
        errors.append("message is too long")
    return errors


class FakeBotAPI(LoopbackServer):
    def __init__(self, token: str, port: int = 0) -> None:
        self.token = token
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.results: dict[int, list[int]] = {}  # chat_id -> message_ids of sendMessage results
        self.call_times: list[float] = []
        self.faults: dict[str, list[tuple[str, float]]] = {}  # method -> [("429"|"500"|"slow"|"drop", value)]
        self._updates: list[dict[str, Any]] = []
        self._next_update = 1
        self._next_message = 1000
        self._cond = threading.Condition()
        fake = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                fake._handle(self)

            do_GET = do_POST  # noqa: N815

        super().__init__(Handler, port)

    # lifecycle ----------------------------------------------------------------------------------
    @property
    def root(self) -> str:
        return self.origin

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self._cond.notify_all()  # release long polls so shutdown does not wait for them
        super().__exit__(*exc)

    # requests -----------------------------------------------------------------------------------
    def _handle(self, req: QuietHandler) -> None:
        prefix = f"/bot{self.token}/"
        if not req.path.startswith(prefix):
            self._reply(req, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        method = req.path[len(prefix):].split("?")[0]
        params = self._params(req)
        fault = None
        with self._cond:
            queue = self.faults.get(method)
            if queue:
                fault = queue.pop(0)
        self.calls.append((method, params))
        self.call_times.append(time.monotonic())
        if fault:
            kind, value = fault
            if kind == "429":
                self._reply(req, 429, {"ok": False, "error_code": 429,
                                       "description": f"Too Many Requests: retry after {int(value)}",
                                       "parameters": {"retry_after": int(value)}})
                return
            if kind == "500":
                self._reply(req, 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"})
                return
            if kind == "drop":
                req.close_connection = True
                req.connection.shutdown(2)
                return
            if kind == "slow":
                time.sleep(value)
        handler: Callable[[dict[str, Any]], Any] | None = getattr(self, f"api_{method}", None)
        if handler is None:
            self._reply(req, 200, {"ok": True, "result": True})
            return
        try:
            result = handler(params)
        except _BadRequest as exc:
            self._reply(req, 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"})
            return
        self._reply(req, 200, {"ok": True, "result": result})

    @staticmethod
    def _params(req: BaseHTTPRequestHandler) -> dict[str, Any]:
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length) if length else b""
        ctype = req.headers.get("Content-Type", "")
        if "json" in ctype:
            return json.loads(raw or b"{}")
        params: dict[str, Any] = {}
        for key, value in parse_qsl(raw.decode("utf-8"), keep_blank_values=True):
            try:
                params[key] = json.loads(value)
            except json.JSONDecodeError:
                params[key] = value
        return params

    @staticmethod
    def _reply(req: QuietHandler, status: int, payload: dict[str, Any]) -> None:
        req.send_body(status, json.dumps(payload).encode(), "application/json")

    # Bot API methods ----------------------------------------------------------------------------
    def bot_user(self) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "whosaid", "username": BOT_USERNAME,
                "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}

    def api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return self.bot_user()

    def api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        deadline = time.monotonic() + timeout
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and time.monotonic() < deadline:
                self._cond.wait(max(deadline - time.monotonic(), 0.01))
            return list(self._updates[:100])

    def _message(self, params: dict[str, Any], text: str) -> dict[str, Any]:
        if params.get("parse_mode") == "HTML" and (errors := html_errors(text)):
            raise _BadRequest(f"can't parse entities: {errors[0]}")
        if len(text) > 4096:
            raise _BadRequest("message is too long")
        with self._cond:
            self._next_message += 1
            mid = self._next_message
        chat_id = int(params["chat_id"])
        return {"message_id": mid, "date": int(time.time()), "text": text, "from": self.bot_user(),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}}

    def api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        message = self._message(params, str(params.get("text", "")))
        self.results.setdefault(int(params["chat_id"]), []).append(message["message_id"])
        return message

    def api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any] | bool:  # noqa: N802
        if "inline_message_id" in params:
            return True
        message = self._message(params, str(params.get("text", "")))
        message["message_id"] = int(params["message_id"])
        return message

    # updates ------------------------------------------------------------------------------------
    def push(self, update: dict[str, Any]) -> int:
        with self._cond:
            update = {"update_id": self._next_update, **update}
            self._next_update += 1
            self._updates.append(update)
            self._cond.notify_all()
        return int(update["update_id"])

    def _new_message_id(self) -> int:
        with self._cond:
            self._next_message += 1
            return self._next_message

    def message(self, text: str, *, chat_id: int = 1, user_id: int = 1, chat_type: str = "private",
                reply_to: dict[str, Any] | None = None, entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "message_id": self._new_message_id(), "date": int(time.time()), "text": text,
            "chat": {"id": chat_id, "type": chat_type, **({"title": "Newsroom"} if chat_type != "private" else {})},
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
        }
        if text.startswith("/"):
            command = text.split()[0]
            entities = [{"type": "bot_command", "offset": 0, "length": len(command)}, *(entities or [])]
        if entities:
            msg["entities"] = entities
        if reply_to:
            msg["reply_to_message"] = reply_to
        self.push({"message": msg})
        return msg

    def mention(self, text: str, **kwargs: Any) -> dict[str, Any]:
        handle = f"@{BOT_USERNAME}"
        full = f"{handle} {text}"
        return self.message(full, entities=[{"type": "mention", "offset": 0, "length": len(handle)}], **kwargs)

    def callback(self, data: str, *, chat_id: int = 1, user_id: int = 1, message_id: int = 1) -> None:
        self.push({"callback_query": {
            "id": f"cb{time.monotonic_ns()}", "chat_instance": "ci", "data": data,
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
            "message": {"message_id": message_id, "date": int(time.time()), "text": "x",
                        "chat": {"id": chat_id, "type": "private"}, "from": self.bot_user()},
        }})

    def inline(self, query: str, *, user_id: int = 1) -> str:
        qid = f"iq{time.monotonic_ns()}"
        self.push({"inline_query": {"id": qid, "query": query, "offset": "",
                                    "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}}})
        return qid

    # assertions helpers -------------------------------------------------------------------------
    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[dict[str, Any]]:
        return [p for m, p in list(self.calls)
                if m == method and (chat_id is None or int(p.get("chat_id", 0)) == chat_id)]

    async def until(self, predicate: Callable[[], Any], timeout: float = 30.0) -> Any:
        """Wait (without blocking the event loop the bot runs in) until predicate() is truthy."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = predicate()
            if result:
                return result
            await asyncio.sleep(0.05)
        raise AssertionError(f"timed out; calls so far: {[m for m, _ in self.calls][-30:]}")


class _BadRequest(Exception):
    pass

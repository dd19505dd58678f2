"""A fake OpenAI-compatible server on 127.0.0.1: chat completions (plain and streamed) and embeddings.

The real openai / langchain-openai clients talk HTTP to it. A test sets `mode` and `reply` to script
normal answers, slowness, 500s, malformed payloads and streams that break off half-way.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from tests.fakes.loopback import LoopbackServer, QuietHandler


class FakeOpenAI(LoopbackServer):
    def __init__(self) -> None:
        self.mode = "normal"  # normal | slow | error | malformed | truncate
        self.delay = 0.0
        self.reply: Callable[[list[dict[str, Any]]], str] = lambda messages: "NOT_COVERED"
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(QuietHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"path": self.path, "body": body,
                                      "auth": self.headers.get("Authorization", "")})
                if self.path.endswith("/embeddings"):
                    self._json(200, fake.embeddings(body))
                    return
                if fake.mode == "slow":
                    time.sleep(fake.delay or 5)
                if fake.mode == "error":
                    self._json(500, {"error": {"message": "internal error", "type": "server_error"}})
                    return
                if fake.mode == "malformed":
                    self._raw(200, b"{this is not json", "application/json")
                    return
                text = fake.reply(body.get("messages", []))
                if body.get("stream"):
                    self._stream(text, truncate=fake.mode == "truncate")
                else:
                    self._json(200, _completion(body.get("model", "fake"), text))

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                self._raw(status, json.dumps(payload).encode(), "application/json")

            def _raw(self, status: int, data: bytes, ctype: str) -> None:
                self.send_body(status, data, ctype)

            def _stream(self, text: str, truncate: bool) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = [text[i:i + 12] for i in range(0, len(text), 12)]
                for n, piece in enumerate(pieces):
                    if truncate and n == len(pieces) // 2:
                        self.wfile.flush()
                        self.connection.shutdown(2)  # drop the connection mid-stream
                        return
                    self.wfile.write(f"data: {json.dumps(_chunk(piece))}\n\n".encode())
                    self.wfile.flush()
                    if fake.delay:
                        time.sleep(fake.delay)
                self.wfile.write(f"data: {json.dumps(_chunk('', finish=True))}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        super().__init__(Handler)

    @staticmethod
    def embeddings(body: dict[str, Any]) -> dict[str, Any]:
        inputs = body.get("input", [])
        inputs = inputs if isinstance(inputs, list) else [inputs]
        data = []
        for i, text in enumerate(inputs):
            digest = hashlib.sha256(str(text).encode()).digest()
            data.append({"object": "embedding", "index": i, "embedding": [b / 255 for b in digest[:16]]})
        return {"object": "list", "data": data, "model": body.get("model", "fake"),
                "usage": {"prompt_tokens": 1, "total_tokens": 1}}

    @property
    def base_url(self) -> str:
        return f"{self.origin}/v1"


def _completion(model: str, text: str) -> dict[str, Any]:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}


def _chunk(piece: str, finish: bool = False) -> dict[str, Any]:
    delta: dict[str, Any] = {} if finish else {"role": "assistant", "content": piece}
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": "fake", "choices": [{"index": 0, "delta": delta, "finish_reason": "stop" if finish else None}]}


def evidence_number(messages: list[dict[str, Any]], words: str) -> int:
    """The [n] of the evidence line holding these words, read from the prompt like a model would."""
    prompt = "\n".join(str(m.get("content", "")) for m in messages)
    for line in prompt.splitlines():
        if words in line and line.startswith("["):
            return int(line[1:line.index("]")])
    raise AssertionError(f"no evidence line holds {words!r}")

"""Logging for the long-running bot: one line per record (text or JSON), secrets masked in every one."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from urllib.parse import quote

from pydantic import SecretStr

from bot.config import Settings


def secrets_of(settings: Settings) -> list[str]:
    """Every secret setting's value: each SecretStr field (bot token, webhook secret, API keys)."""
    out = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr) and value.get_secret_value():
            out.append(value.get_secret_value())
    return out


class Redactor(logging.Filter):
    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets: list[str] = []
        self.add(secrets)
        # Bot tokens look like 123456:ABC...; mask any, even ones we were not told about.
        self.pattern = re.compile(r"\b\d{5,}(?::|%3A)[A-Za-z0-9_-]{20,}\b", re.IGNORECASE)

    def add(self, secrets: Iterable[str]) -> None:
        """Also mask these (a webhook secret generated at start-up), as written and URL-encoded."""
        for secret in secrets:
            if not secret or len(secret) < 6:
                continue
            for form in (secret, quote(secret, safe=""), *secret.split(":")[1:]):
                if len(form) >= 6 and form not in self.secrets:
                    self.secrets.append(form)
        self.secrets.sort(key=len, reverse=True)

    def clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[REDACTED]")
        return self.pattern.sub("[REDACTED]", text)

    _clean = clean

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._clean(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class JsonFormatter(logging.Formatter):
    """Structured logs for log shippers: time, level, logger, message, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage()}
        if record.exc_text:
            entry["exception"] = record.exc_text
        elif record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


REDACTOR = Redactor(())


def install(secrets: Iterable[str], fmt: str = "text", level: int | None = logging.INFO) -> Redactor:
    """Redact secrets on every root handler, pick the format, and silence httpx's per-request lines.

    The one process-wide redactor is returned so secrets made later (a generated webhook secret) join it.
    """
    REDACTOR.add(secrets)
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.StreamHandler(sys.stderr))
    if level is not None:
        root.setLevel(min(root.level or level, level))
    for handler in root.handlers:
        handler.setFormatter(JsonFormatter() if fmt == "json" else
                             logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        if REDACTOR not in handler.filters:
            handler.addFilter(REDACTOR)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return REDACTOR

"""Keep secrets out of logs: a filter that masks the bot token and API keys in every record."""

from __future__ import annotations

import logging
import re


class Redactor(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 6]
        # Bot tokens look like 123456:ABC...; mask any, even ones we were not told about.
        self.pattern = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{20,}\b")

    def _clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[REDACTED]")
        return self.pattern.sub("[REDACTED]", text)

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


def install(secrets: list[str]) -> None:
    """Attach the filter to every handler of the root logger (and silence httpx's per-request lines)."""
    redactor = Redactor(secrets)
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in root.handlers:
        handler.addFilter(redactor)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)

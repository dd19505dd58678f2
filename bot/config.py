"""Settings: the only place the environment and `.env` are read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _id_set(value: object) -> frozenset[int]:
    if value is None or value == "":
        return frozenset()
    if isinstance(value, int):
        return frozenset({value})
    if isinstance(value, str):
        parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p]
        return frozenset(int(p) for p in parts)
    return frozenset(int(v) for v in value)  # type: ignore[union-attr]


IdSet = Annotated[frozenset[int], NoDecode]


class Settings(BaseSettings):
    """Every setting of DESIGN.md, plus a few tuning knobs with safe defaults."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: SecretStr | None = None

    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout: float = 30.0
    openai_embedding_model: str = "text-embedding-3-small"

    whosaid_embeddings: Literal["local", "openai"] = "local"
    # How the bundled model runs: int8 ONNX Runtime (faster; exported once per machine from the bundled
    # weights) or the original fp32 torch. Their vectors differ, so each names its stores differently.
    whosaid_local_backend: Literal["onnx-int8", "torch"] = "onnx-int8"
    # Whether quotes get their own vectors (embedded at ingest); without, a quote is found through its
    # passage's vector, lexical match and its speaker.
    whosaid_quote_vectors: bool = True
    # Where the exported ONNX model is cached; default: $XDG_CACHE_HOME/whosaid (~/.cache/whosaid).
    whosaid_model_cache: Path | None = None
    whosaid_data_dir: Path = Path("./data")
    # A local checkout of networkdynamics/PolNeAR, read by `whosaid eval polnear` for evaluation only.
    polnear_dir: Path = Path("../PolNeAR")
    chroma_host: str | None = None
    chroma_port: int = 8000

    allowed_user_ids: IdSet = Field(default_factory=frozenset)
    allowed_chat_ids: IdSet = Field(default_factory=frozenset)
    admin_user_ids: IdSet = Field(default_factory=frozenset)

    log_format: Literal["text", "json"] = "text"
    rate_limit_per_minute: int = 12
    max_question_chars: int = 500
    fetch_timeout: float = 20.0
    fetch_deadline: float = 60.0
    fetch_allowed_hosts: Annotated[tuple[str, ...], NoDecode] = ()
    max_file_bytes: int = 20_000_000
    writer_wait: float = 600.0
    # Live coverage: how often the running bot looks for due feeds and new quotes to notify (seconds),
    # the least time between two notifications to one chat (more wait and arrive as one digest), and
    # the longest a failing feed is left alone before it is tried again.
    live_tick_seconds: float = 10.0
    notify_min_interval: float = 60.0
    feed_max_backoff: float = 21600.0

    _split_ids = field_validator("allowed_user_ids", "allowed_chat_ids", "admin_user_ids", mode="before")(
        classmethod(lambda cls, v: _id_set(v))
    )

    @field_validator("fetch_allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(p.strip() for p in value.split(",") if p.strip())
        return value

    @field_validator("telegram_bot_token", "openai_api_key", "webhook_url", "openai_base_url", "chroma_host",
                     "whosaid_model_cache", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    def openai_client(self) -> dict[str, object]:
        """What every OpenAI-compatible client is given: the key (any for a local server that checks none),
        the base URL and the timeout."""
        return {"api_key": self.openai_api_key or "not-needed", "base_url": self.openai_base_url,
                "timeout": self.openai_timeout}

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key or self.openai_base_url)

    @property
    def model_cache_dir(self) -> Path:
        if self.whosaid_model_cache is not None:
            return self.whosaid_model_cache
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "whosaid"

    @property
    def embedding_model_name(self) -> str:
        if self.whosaid_embeddings == "openai":
            return f"openai:{self.openai_embedding_model}"
        if self.whosaid_local_backend == "onnx-int8":
            return "local:all-MiniLM-L6-v2:onnx-int8"
        return "local:all-MiniLM-L6-v2"

"""Build and run the python-telegram-bot Application from settings: polling, or webhook if configured."""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from concurrent.futures import ThreadPoolExecutor

from telegram import BotCommand, Update
from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot import logs
from bot.config import Settings
from bot.errors import WhosaidError
from bot.live import handlers as live
from bot.live.jobs import close as close_live
from bot.live.jobs import schedule
from bot.services import Services
from bot.telegram import handlers as h
from bot.telegram.access import Access, RateLimit

log = logging.getLogger(__name__)
# Bot API calls in flight at once. httpcore matches every queued request against every pooled connection each
# time one starts or ends, so 200 calls queued inside it cost quadratic CPU (a 200-chat burst spent most of
# its time there, p95 1.5-2 s with the answers already cached). Queued here instead, they wait in O(1).
API_CONCURRENCY = 16


class BoundedRequest(HTTPXRequest):
    """PTB's httpx request object with at most `limit` calls in flight; the rest wait their turn."""

    def __init__(self, limit: int, **kwargs: object) -> None:
        super().__init__(connection_pool_size=limit, **kwargs)  # type: ignore[arg-type]
        self._slots = asyncio.Semaphore(limit)

    async def do_request(self, *args: object, **kwargs: object) -> tuple[int, bytes]:  # type: ignore[override]
        async with self._slots:
            return await super().do_request(*args, **kwargs)  # type: ignore[arg-type]

COMMANDS = [
    BotCommand("ask", "Ask who said what"),
    BotCommand("who", "A speaker's quotes: /who NAME"),
    BotCommand("sources", "What the coverage holds"),
    BotCommand("follow", "Get new quotes: /follow NAME or /follow \"topic\""),
    BotCommand("following", "What this chat follows"),
    BotCommand("unfollow", "Stop following: /unfollow NAME"),
    BotCommand("feeds", "The followed news feeds"),
    BotCommand("help", "How to use whosaid"),
]


async def _post_init(app: Application) -> None:
    # Answers run in threads; more of them lets concurrent questions share one embedding batch.
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=32))
    st: h.BotState = app.bot_data["state"]
    st.services.answerer.bot_username = app.bot.username or st.services.answerer.bot_username
    try:
        await h.call(lambda: app.bot.set_my_commands(COMMANDS))
    except TelegramError as exc:  # a menu we could not set is no reason not to serve
        log.warning("could not set the command menu: %s", exc)
    log.info("whosaid is up as @%s", app.bot.username)


def build_application(settings: Settings, services: Services) -> Application:
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    token = settings.telegram_bot_token.get_secret_value()
    root = settings.telegram_api_base_url.rstrip("/")
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .concurrent_updates(True)
        .request(BoundedRequest(API_CONCURRENCY, pool_timeout=30, connect_timeout=10, read_timeout=20,
                                write_timeout=20))
        .get_updates_request(HTTPXRequest(connection_pool_size=1, read_timeout=40, connect_timeout=10))
        .post_init(_post_init)
        .post_shutdown(close_live)
        .build()
    )
    app.bot_data["state"] = h.BotState(
        services=services, settings=settings, access=Access(settings), rate=RateLimit(settings.rate_limit_per_minute),
        max_question=settings.max_question_chars,
    )
    app.add_handler(TypeHandler(Update, h.gate), group=-1)
    app.add_handler(CommandHandler("start", h.start))
    app.add_handler(CommandHandler("help", h.help_command))
    app.add_handler(CommandHandler("ask", h.ask_command))
    app.add_handler(CommandHandler("who", h.who_command))
    app.add_handler(CommandHandler("sources", h.sources_command))
    app.add_handler(CommandHandler("ingest", h.ingest_command))
    app.add_handler(CommandHandler("feeds", live.feeds_command))
    app.add_handler(CommandHandler("follow", live.follow_command))
    app.add_handler(CommandHandler("following", live.following_command))
    app.add_handler(CommandHandler("unfollow", live.unfollow_command))
    app.add_handler(CallbackQueryHandler(live.on_follow_button, pattern=r"^(fol|unf):"))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED, h.on_text))
    app.add_handler(CallbackQueryHandler(h.on_callback))
    app.add_handler(InlineQueryHandler(h.on_inline))
    app.add_error_handler(h.on_error)
    schedule(app, settings, services)
    return app


async def _get_me(settings: Settings) -> None:
    from telegram import Bot

    assert settings.telegram_bot_token is not None
    root = settings.telegram_api_base_url.rstrip("/")
    async with Bot(settings.telegram_bot_token.get_secret_value(), base_url=f"{root}/bot",
                   base_file_url=f"{root}/file/bot"):
        pass  # entering initialises the bot, which calls getMe


def wait_for_bot_api(settings: Settings, first_delay: float = 1.0, max_delay: float = 60.0) -> None:
    """Check the token and the Bot API before serving: one line per failed try, then back off and retry."""
    delay = first_delay
    while True:
        try:
            asyncio.run(_get_me(settings))
            return
        except InvalidToken as exc:
            raise WhosaidError("the Bot API rejected TELEGRAM_BOT_TOKEN; copy the token from @BotFather "
                               "again (and check TELEGRAM_API_BASE_URL)") from exc
        except (NetworkError, TimedOut) as exc:
            log.warning("cannot reach the Telegram Bot API at %s (%s); retrying in %.0f s",
                        settings.telegram_api_base_url, type(exc).__name__, delay)
        time.sleep(delay)
        delay = min(delay * 2, max_delay)


def run_telegram(settings: Settings, services: Services) -> None:
    """Long polling by default, a webhook when WEBHOOK_URL is set; SIGINT/SIGTERM stop it cleanly."""
    redactor = logs.install(logs.secrets_of(settings), settings.log_format, level=None)
    wait_for_bot_api(settings)
    app = build_application(settings, services)
    if settings.webhook_url:
        if settings.webhook_secret and settings.webhook_secret.get_secret_value():
            secret = settings.webhook_secret.get_secret_value()
        else:
            # Without a secret anyone who finds the URL can post forged updates (any user id, admins
            # included); Telegram echoes this one on every real update and PTB refuses the rest.
            secret = secrets.token_urlsafe(32)
            redactor.add([secret])
            log.warning("WEBHOOK_SECRET is not set: generated a random secret for this run (set WEBHOOK_SECRET "
                        "to keep one across restarts)")
        path = settings.webhook_url.rstrip("/").rsplit("/", 1)[-1] if "/" in settings.webhook_url[8:] else ""
        app.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port, url_path=path,
                        webhook_url=settings.webhook_url, secret_token=secret,
                        allowed_updates=Update.ALL_TYPES, bootstrap_retries=-1)
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=-1)

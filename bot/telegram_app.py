"""Build and run the python-telegram-bot Application from settings: polling, or webhook if configured."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from telegram import BotCommand, Update
from telegram.error import TelegramError
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

from bot import logs
from bot import telegram_handlers as h
from bot.access import Access, RateLimit
from bot.config import Settings
from bot.services import Services

log = logging.getLogger(__name__)

COMMANDS = [
    BotCommand("ask", "Ask who said what"),
    BotCommand("who", "A speaker's quotes: /who NAME"),
    BotCommand("sources", "What the coverage holds"),
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
        .connection_pool_size(64)
        .pool_timeout(30)
        .connect_timeout(10)
        .read_timeout(20)
        .write_timeout(20)
        .get_updates_read_timeout(40)
        .post_init(_post_init)
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
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED, h.on_text))
    app.add_handler(CallbackQueryHandler(h.on_callback))
    app.add_handler(InlineQueryHandler(h.on_inline))
    app.add_error_handler(h.on_error)
    return app


def run_telegram(settings: Settings, services: Services) -> None:
    """Long polling by default, a webhook when WEBHOOK_URL is set; SIGINT/SIGTERM stop it cleanly."""
    secrets = [settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else "",
               settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""]
    logs.install(secrets, settings.log_format)
    app = build_application(settings, services)
    if settings.webhook_url:
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        path = settings.webhook_url.rstrip("/").rsplit("/", 1)[-1] if "/" in settings.webhook_url[8:] else ""
        app.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port, url_path=path,
                        webhook_url=settings.webhook_url, secret_token=secret,
                        allowed_updates=Update.ALL_TYPES)
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)

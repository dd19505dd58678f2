"""The bot's live tick on PTB's JobQueue: poll due feeds in a child process, then send what followers are due."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from bot.config import Settings
from bot.live.notify import Message, Notifier
from bot.live.worker import IngestWorker
from bot.services import Services
from bot.telegram.access import Access
from bot.telegram.handlers import call

log = logging.getLogger(__name__)


@dataclass
class Live:
    """The ingest worker and the notifier of one running bot, and the lock that keeps ticks from overlapping."""

    worker: IngestWorker
    notifier: Notifier
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    ticks: int = 0


def build_live(settings: Settings, services: Services) -> Live:
    # Feed ingestion runs in a child process (its own GIL, a lower priority) and gives way to questions.
    worker = IngestWorker(settings, services.store, lambda: services.answerer.busy)
    notifier = Notifier(services.store.catalog, services.retriever.speakers, access=Access(settings),
                        min_interval=settings.notify_min_interval)
    return Live(worker, notifier)


def schedule(app: Application, settings: Settings, services: Services) -> None:
    """Run the tick every LIVE_TICK_SECONDS, the first one soon after start (what a restart left unsent)."""
    if app.job_queue is None:
        raise RuntimeError("python-telegram-bot[job-queue] is not installed; reinstall whosaid")
    app.bot_data["live"] = build_live(settings, services)
    app.job_queue.run_repeating(tick, interval=settings.live_tick_seconds, first=0.5, name="whosaid-live")


async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start a cycle unless one is still running (a long ingest); the job itself returns at once, so the
    scheduler never sees an overrunning job."""
    live: Live = context.application.bot_data["live"]
    if not live.lock.locked():
        context.application.create_task(cycle(context), name="whosaid-live-cycle")


async def cycle(context: ContextTypes.DEFAULT_TYPE) -> None:
    """One poll cycle (ingestion in the child process, waited for in a thread), then the notifications."""
    live: Live = context.application.bot_data["live"]
    if live.lock.locked():
        return  # the previous cycle is still ingesting: this one would find the same feeds claimed
    async with live.lock:
        live.ticks += 1
        try:
            report = await asyncio.to_thread(live.worker.poll)
            if report.polled:
                log.info("feeds: %s", report.report().replace("\n", " | "))
        except Exception:  # a failed cycle must not stop the next one, nor the notifications
            log.exception("polling the followed feeds failed")
        live.notifier.bot_username = context.bot.username
        notices = await asyncio.to_thread(live.notifier.due)
        for notice in notices:
            message = live.notifier.render(notice)
            await send(context, live.notifier, message)


async def close(app: Application) -> None:
    """Stop the ingest process (PTB calls this after shutdown; tests that drive the app call it too)."""
    live: Live | None = app.bot_data.get("live")
    if live is not None:
        await asyncio.to_thread(live.worker.close)


async def send(context: ContextTypes.DEFAULT_TYPE, notifier: Notifier, message: Message) -> None:
    try:
        await call(lambda: context.bot.send_message(message.chat_id, message.text, parse_mode=ParseMode.HTML,
                                                    link_preview_options=LinkPreviewOptions(is_disabled=True)))
    except Forbidden as exc:  # the user blocked the bot or it left the group: stop notifying that chat
        log.warning("chat %s refuses our messages (%s); dropping its follows", message.chat_id, exc)
        await asyncio.to_thread(notifier.tables.unfollow, message.chat_id)
        return
    except BadRequest as exc:  # a message Telegram will never take: log it, do not retry it forever
        log.error("notification to chat %s rejected (%s); marking its items as handled", message.chat_id, exc)
    except TelegramError as exc:  # network trouble outlived the retries: the next tick sends it again
        log.warning("notification to chat %s failed (%s); will retry", message.chat_id, exc)
        return
    await asyncio.to_thread(notifier.mark_sent, message)

"""Telegram handlers: one async function per command or update kind; errors go to one error handler."""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
import uuid
from dataclasses import dataclass, field

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.answering.answer import FollowUp, reads_as_follow_up
from bot.answering.verify import prose_only
from bot.config import Settings
from bot.models import Answer
from bot.rendering.links import parse_payload, source_payload
from bot.rendering.render import render_html, split_blocks
from bot.rendering.views import HELP, PAGE_SIZE, source_view, sources_view, who_blocks
from bot.services import Services
from bot.telegram.access import Access, RateLimit

log = logging.getLogger(__name__)
TYPING_AFTER = 0.3  # seconds an answer may take before the chat is shown "typing…"
# With more answers than this in the works, nobody is shown "typing…": in a burst every chat waited past
# TYPING_AFTER, and a typing call per chat doubled the Bot API calls its answer queued behind (measured:
# 127 different questions at once, p95 2.7 s). The answer itself is the better signal.
TYPING_MAX_BUSY = 8
EDIT_INTERVAL = 1.0
INLINE_MIN_WORDS = 3
INLINE_DEBOUNCE = 0.6


@dataclass
class BotState:
    """Everything the handlers share, kept in application.bot_data["state"]."""

    services: Services
    settings: Settings
    access: Access
    rate: RateLimit
    max_question: int
    inline_latest: dict[int, str] = field(default_factory=dict)
    answering: int = 0  # answers in the works (the event loop's count: no lock needed)


def state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.application.bot_data["state"]  # type: ignore[no-any-return]


async def call(coro_factory, attempts: int = 4):  # type: ignore[no-untyped-def]
    """Run a Bot API call, waiting out RetryAfter and brief network errors instead of failing."""
    for attempt in range(attempts):
        try:
            return await coro_factory()
        except RetryAfter as exc:
            delay = exc.retry_after if isinstance(exc.retry_after, int | float) else exc.retry_after.total_seconds()
            log.warning("Telegram asked us to wait %.1fs", delay)
            await asyncio.sleep(float(delay))
        except (TimedOut, NetworkError) as exc:
            if isinstance(exc, BadRequest) or attempt == attempts - 1:
                raise
            await asyncio.sleep(0.5 * (attempt + 1))
    return await coro_factory()


# gatekeeping ------------------------------------------------------------------------------------
async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Access lists before any work, for messages, callbacks and inline queries alike."""
    st = state(context)
    user = update.effective_user
    chat = update.effective_chat
    if st.access.allowed(user.id if user else None, chat.id if chat else None):
        await _rate_gate(update, context, st)
        return
    log.info("refused update from user %s in chat %s", user.id if user else None, chat.id if chat else None)
    if update.callback_query:
        await call(lambda: update.callback_query.answer("This bot is private.", show_alert=True))
    elif update.inline_query:
        await call(lambda: update.inline_query.answer([], cache_time=0, is_personal=True))
    elif update.effective_message and chat and chat.type == ChatType.PRIVATE:
        await call(lambda: update.effective_message.reply_text("Sorry, this bot is private."))
    raise ApplicationHandlerStop


_OWN_RATE = {"/ask"}  # counted where the question is answered, like any other question


async def _rate_gate(update: Update, context: ContextTypes.DEFAULT_TYPE, st: BotState) -> None:
    """Every command and button counts against the per-user rate limit, before any work is done."""
    user = update.effective_user
    if user is None:
        return
    message = update.message
    if update.callback_query:
        kind = "button"
    elif message and message.text and message.text.startswith("/"):
        command, _, target = message.text.split()[0].partition("@")
        if command.lower() in _OWN_RATE or (target and target.lower() != (context.bot.username or "").lower()):
            return
        kind = "command"
    else:
        return  # questions are limited where they are answered; inline queries in on_inline
    wait = st.rate.check(user.id)
    if not wait:
        return
    text = f"You're going faster than I can keep up — please try again in {int(wait) + 1} s."
    if kind == "button":
        await call(lambda: update.callback_query.answer(text))  # type: ignore[union-attr]
    elif message:
        await call(lambda: message.reply_text(text))
    raise ApplicationHandlerStop


# commands ---------------------------------------------------------------------------------------
async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start, and deep links (/start src_...) that open a cited passage."""
    payload = context.args[0] if context.args else ""
    if parsed := parse_payload(payload):
        await _send_source(update, context, *parsed)
        return
    await reply_html(update.effective_message, HELP)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help."""
    await reply_html(update.effective_message, HELP)


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask QUESTION — works in groups without a mention."""
    question = " ".join(context.args or []).strip()
    if not question:
        await reply_html(update.effective_message, "Ask me something after /ask, e.g. <i>/ask Who called the "
                                                   "claims baseless?</i>")
        return
    await answer_question(update, context, question)


async def who_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/who NAME — a speaker's quotes, newest first, paged."""
    name = " ".join(context.args or []).strip()
    if not name:
        await reply_html(update.effective_message, "Whose quotes? e.g. <i>/who Lukashenko</i>")
        return
    parts, markup = await asyncio.to_thread(_who, context, name[:100], 0)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        await call(lambda part=part, last=last: update.effective_message.reply_html(
            part, reply_markup=markup if last else None, link_preview_options=LinkPreviewOptions(is_disabled=True)))


_WHO_DATA = re.compile(r"^who:(\d{1,4}):(.{1,40})$", re.DOTALL)


def _who(context: ContextTypes.DEFAULT_TYPE, name: str, page: int) -> tuple[list[str], InlineKeyboardMarkup | None]:
    return who_page(state(context).services, name, page)


def who_page(services: Services, name: str, page: int) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """The page as messages below Telegram's limit (one long quote can fill a message), and its buttons."""
    entries = services.retriever.speakers.find(name)
    keys = [k for e in entries for k in e.keys]
    quotes = services.store.catalog.quotes(speaker_keys=keys) if keys else []
    # Only the shown page's articles are loaded: a much-quoted speaker must not cost every article read.
    at = max(0, min(page, (len(quotes) - 1) // PAGE_SIZE))  # who_blocks clamps the page the same way
    shown = quotes[at * PAGE_SIZE:(at + 1) * PAGE_SIZE]
    articles = {q.article_id: a for q in shown if (a := services.retriever.article(q.article_id))}
    parts = split_blocks(who_blocks(name, quotes, articles, page, entries[0].roles if entries else None,
                                    bot_username=services.answerer.bot_username))
    pages = (len(quotes) + PAGE_SIZE - 1) // PAGE_SIZE
    if pages <= 1:
        return parts, None
    token = name[:40]
    buttons = []
    if page > 0:
        buttons.append(InlineKeyboardButton("◀ Newer", callback_data=f"who:{page - 1}:{token}"[:64]))
    if page < pages - 1:
        buttons.append(InlineKeyboardButton("Older ▶", callback_data=f"who:{page + 1}:{token}"[:64]))
    return parts, InlineKeyboardMarkup([buttons])


async def sources_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources — what the coverage holds."""
    text = await asyncio.to_thread(sources_view, state(context).services.store.catalog)
    await reply_html(update.effective_message, text)


async def ingest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ingest URL — admins only; runs in the background and reports the summary."""
    st = state(context)
    user = update.effective_user
    if not st.access.is_admin(user.id if user else None):
        await reply_html(update.effective_message, "Only admins can add sources.")
        return
    targets = [a for a in (context.args or []) if re.match(r"^https?://", a)]
    if not targets:
        await reply_html(update.effective_message, "Usage: /ingest URL [URL ...] (pages or RSS/Atom feeds)")
        return
    await reply_html(update.effective_message, f"Ingesting {len(targets)} source(s) in the background…")
    context.application.create_task(_ingest_and_report(update.effective_message, st, targets), update=update)


async def _ingest_and_report(message: Message, st: BotState, targets: list[str]) -> None:
    """Fetch first, outside the writer lease, so one slow URL never holds up another /ingest's commit."""
    from bot.ingest.pipeline import Ingestor
    from bot.ingest.sources import SourceReader, Unit

    def work() -> str:
        reader = SourceReader.from_settings(st.settings)
        try:
            items = [item for target in targets for item in reader.read(Unit(target))]
        finally:
            reader.close()
        return Ingestor(st.services.store, st.services.embedder, reader).run_items(items).report()

    report = await asyncio.to_thread(work)
    await call(lambda: message.reply_text(report[:4000]))


# questions ----------------------------------------------------------------------------------------
async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private: any text is a question. Groups: only when mentioned or replied to."""
    message = update.effective_message
    if message is None or not message.text:
        return
    chat = update.effective_chat
    text = message.text
    if chat and chat.type != ChatType.PRIVATE:
        username = (context.bot.username or "").lower()
        mentioned = any(
            e.type == "mention" and message.parse_entity(e).lower() == f"@{username}" for e in message.entities
        ) or bool(username and re.search(rf"(?<!\w)@{re.escape(username)}\b", text, re.IGNORECASE))
        replied = bool(message.reply_to_message and message.reply_to_message.from_user
                       and message.reply_to_message.from_user.id == context.bot.id)
        if not (mentioned or replied):
            return
        text = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()
        if not text:
            await reply_html(message, "Yes? Ask me who said what.")
            return
    await answer_question(update, context, text)


def _previous_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> FollowUp | None:
    """A reply to one of our answers keeps *that* answer's context; in a private chat, a message that reads
    as a follow-up ("and about Iraq?") keeps the last answer's. Remembered per chat only."""
    message = update.effective_message
    replied = message.reply_to_message if message else None
    chat_data = context.chat_data or {}
    if replied and replied.from_user and replied.from_user.id == context.bot.id:
        return chat_data.get("asked", {}).get(replied.message_id)
    chat = update.effective_chat
    if chat and chat.type == ChatType.PRIVATE and reads_as_follow_up(question):
        return chat_data.get("last")
    return None


def _remember(context: ContextTypes.DEFAULT_TYPE, message_ids: list[int], follow_up: FollowUp) -> None:
    asked = context.chat_data.setdefault("asked", {})  # type: ignore[union-attr]
    for mid in message_ids:
        asked[mid] = follow_up
    context.chat_data["last"] = follow_up  # type: ignore[index]
    while len(asked) > 200:
        asked.pop(next(iter(asked)))


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    st = state(context)
    message = update.effective_message
    user = update.effective_user
    question = question.strip()
    if len(question) > st.max_question:
        await reply_html(message, f"That question is too long — please keep it under {st.max_question} characters.")
        return
    wait = st.rate.check(user.id) if user else 0
    if wait:
        await reply_html(message, f"You're asking faster than I can read — please try again in {int(wait) + 1} s.")
        return
    previous = _previous_question(update, context, question)
    if st.services.answerer.llm is not None:
        await _typing(context, message)
        sent, answer = await _stream_answer(message, st, question, previous)
    else:
        working = asyncio.ensure_future(asyncio.to_thread(st.services.answerer.answer, question, previous))
        st.answering += 1
        try:
            # "typing…" only when the answer is not there at once (in a burst of repeated questions most
            # are: prepared once) and the bot is not busy with many (see TYPING_MAX_BUSY).
            done, _ = await asyncio.wait({working}, timeout=TYPING_AFTER)
            if not done and st.answering <= TYPING_MAX_BUSY:
                await _typing(context, message)
            answer = await working
        finally:
            st.answering -= 1
        sent = await send_answer(message, answer)
    follow_up = await asyncio.to_thread(st.services.answerer.context_for, question, answer, previous)
    _remember(context, [m.message_id for m in sent], follow_up)


async def _typing(context: ContextTypes.DEFAULT_TYPE, message: Message) -> None:
    try:
        await call(lambda: context.bot.send_chat_action(message.chat_id, ChatAction.TYPING), attempts=1)
    except TelegramError as exc:  # the typing indicator is a courtesy, not a requirement
        log.debug("typing action failed: %s", exc)


def _keyboard(answer: Answer) -> InlineKeyboardMarkup | None:
    buttons = []
    for c in answer.citations[:8]:
        data = source_payload(c.article_id, c.start, c.end)
        if len(data.encode()) <= 64:
            buttons.append(InlineKeyboardButton(f"[{c.n}] open", callback_data=data))
    rows = [buttons[i:i + 4] for i in range(0, len(buttons), 4)]
    return InlineKeyboardMarkup(rows) if rows else None


def _preview(answer: Answer) -> LinkPreviewOptions:
    urls = {c.url for c in answer.citations if c.url}
    return LinkPreviewOptions(is_disabled=len(urls) != 1)


async def send_answer(message: Message, answer: Answer) -> list[Message]:
    parts = render_html(answer)
    sent = []
    for i, part in enumerate(parts):
        markup = _keyboard(answer) if i == len(parts) - 1 else None
        sent.append(await call(lambda part=part, markup=markup: message.reply_html(
            part, reply_markup=markup, link_preview_options=_preview(answer))))
    return sent


async def _stream_answer(message: Message, st: BotState, question: str,
                         previous: FollowUp | None) -> tuple[list[Message], Answer]:
    """Send a first message fast, edit it as the model writes (at most once a second), end verified."""
    first = await call(lambda: message.reply_text("…"))
    last_edit, shown = time.monotonic(), "…"
    final: Answer | None = None
    async for item in st.services.answerer.astream(question, previous):
        if isinstance(item, Answer):
            final = item
            break
        # Prose streams as it comes; quoted words stay hidden (“…”) until the final edit, which is verified.
        item = prose_only(item)
        if time.monotonic() - last_edit >= EDIT_INTERVAL and item.strip() and item + " …" != shown:
            draft = item[:3500] + " …"
            try:
                await first.edit_text(draft)
                shown = draft
            except RetryAfter as exc:
                log.info("edit throttled by Telegram (%s); skipping this draft", exc.retry_after)
            except BadRequest as exc:  # "message is not modified" and friends
                log.debug("draft edit rejected: %s", exc)
            last_edit = time.monotonic()
    assert final is not None
    parts = render_html(final)
    markup = _keyboard(final) if len(parts) == 1 else None
    await call(lambda: first.edit_text(parts[0], parse_mode=ParseMode.HTML, reply_markup=markup,
                                       link_preview_options=_preview(final)))
    sent = [first]
    for i, part in enumerate(parts[1:], 1):
        markup = _keyboard(final) if i == len(parts) - 1 else None
        sent.append(await call(lambda part=part, markup=markup: message.reply_html(
            part, reply_markup=markup, link_preview_options=_preview(final))))
    return sent, final


# callbacks and inline -----------------------------------------------------------------------------
async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons: open a cited passage, or page through /who. Anything else is answered and ignored."""
    query = update.callback_query
    data = query.data or ""
    if data.startswith("who:"):
        m = _WHO_DATA.match(data)
        if not m:
            await call(lambda: query.answer("That button is no longer valid."))
            return
        parts, markup = await asyncio.to_thread(_who, context, m.group(2), int(m.group(1)))
        await call(query.answer)
        await call(lambda: query.edit_message_text(parts[0], parse_mode=ParseMode.HTML,
                                                   reply_markup=markup if len(parts) == 1 else None,
                                                   link_preview_options=LinkPreviewOptions(is_disabled=True)))
        chat_id = update.effective_chat.id  # type: ignore[union-attr]
        for i, part in enumerate(parts[1:], 1):
            last = i == len(parts) - 1
            await call(lambda part=part, last=last: context.bot.send_message(
                chat_id, part, parse_mode=ParseMode.HTML, reply_markup=markup if last else None,
                link_preview_options=LinkPreviewOptions(is_disabled=True)))
        return
    parsed = parse_payload(data)
    if not parsed:
        await call(lambda: query.answer("That button is no longer valid."))
        return
    await call(query.answer)
    await _send_source(update, context, *parsed)


async def _send_source(update: Update, context: ContextTypes.DEFAULT_TYPE, article_id: str, start: int,
                       end: int) -> None:
    services = state(context).services
    article = await asyncio.to_thread(services.retriever.article, article_id)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    if article is None or not (0 <= start < end <= len(article.text)):
        await call(lambda: context.bot.send_message(chat_id, "That passage is no longer in the coverage."))
        return
    quotes = await asyncio.to_thread(services.store.catalog.quotes, article_id=article_id)
    # A cited statement in parts spans the journalist's "he said" too: its speaker's words are the quotes
    # it holds, when they open and close it and are all that speaker's.
    held = sorted((q for q in quotes if start <= q.start and q.end <= end), key=lambda q: q.start)
    whole = bool(held) and held[0].start == start and held[-1].end == end and len({q.speaker for q in held}) == 1
    speaker = held[0].speaker if whole else None
    spans = [(q.start, q.end) for q in held] if whole else None
    for part in split_blocks([source_view(article, start, end, speaker, spans)]):
        await call(lambda part=part: context.bot.send_message(
            chat_id, part, parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))


async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline mode: answer cards for questions of a few words, debounced while the user types."""
    st = state(context)
    query = update.inline_query
    text = (query.query or "").strip()
    if len(text.split()) < INLINE_MIN_WORDS or len(text) > st.max_question:
        return
    st.inline_latest[query.from_user.id] = query.id
    await asyncio.sleep(INLINE_DEBOUNCE)
    if st.inline_latest.get(query.from_user.id) != query.id:
        return  # a newer keystroke superseded this query
    if st.rate.check(query.from_user.id):
        return
    answer = await asyncio.to_thread(st.services.answerer.answer, text)
    body = render_html(answer)[0]
    summary = re.sub(r"<[^>]+>", "", body.split("\n\n")[0])
    results = [InlineQueryResultArticle(
        id=uuid.uuid4().hex, title=("Not covered: " if answer.refused else "") + text[:60],
        description=html.unescape(summary)[:200],
        input_message_content=InputTextMessageContent(body, parse_mode=ParseMode.HTML,
                                                      link_preview_options=LinkPreviewOptions(is_disabled=True)),
    )]
    # With access lists, a cached card must never reach a user the lists would refuse.
    personal = bool(st.access.users or st.access.chats)
    await call(lambda: query.answer(results, cache_time=30, is_personal=personal))


# errors -----------------------------------------------------------------------------------------
async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log with the traceback; tell the user briefly, never the exception text."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(update.effective_chat.id,
                                           "Sorry — something went wrong while answering. Please try again.")
        except Exception:  # the apology itself failing must not loop back into this handler
            log.warning("could not send the apology", exc_info=True)


async def reply_html(message: Message | None, text: str) -> None:
    if message is None:
        return
    await call(lambda: message.reply_html(text, link_preview_options=LinkPreviewOptions(is_disabled=True)))

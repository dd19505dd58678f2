"""Telegram commands of live coverage: /feeds, /follow, /following, /unfollow, and their buttons."""

from __future__ import annotations

import asyncio
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.ext import ContextTypes

from bot.ingest.sources import is_url
from bot.live.follows import entry_by_key, parse_target
from bot.live.tables import LiveTables
from bot.rendering.render import esc
from bot.retrieval.timeframe import format_duration, parse_duration
from bot.storage.catalog import speaker_key
from bot.telegram.handlers import call, reply_html, state

DEFAULT_EVERY = 15 * 60.0
FEEDS_USAGE = ("/feeds — the followed feeds and how they are doing\n"
               "/feeds add URL [15m] — follow a feed (admins)\n/feeds remove URL — stop (admins)")
FOLLOW_USAGE = ("Follow a speaker or a topic: <i>/follow Lukashenko</i> or <i>/follow \"climate change\"</i>. "
                "New quotes arrive here as they are ingested.")


def _tables(context: ContextTypes.DEFAULT_TYPE) -> LiveTables:
    return LiveTables(state(context).services.store.catalog)


async def feeds_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/feeds [add URL [EVERY] | remove URL] — everyone lists; admins add and remove."""
    st = state(context)
    args = context.args or []
    tables = _tables(context)
    if args and args[0].lower() in ("add", "remove"):
        user = update.effective_user
        if not st.access.is_admin(user.id if user else None):
            await reply_html(update.effective_message, "Only admins can add or remove feeds.")
            return
        if len(args) < 2 or not is_url(args[1]):
            await reply_html(update.effective_message, esc(FEEDS_USAGE))
            return
        url = args[1]
        if args[0].lower() == "remove":
            gone = await asyncio.to_thread(tables.remove_feed, url)
            await reply_html(update.effective_message, ("Stopped following " if gone else "Not following ")
                             + esc(url))
            return
        try:
            every = parse_duration(args[2]) if len(args) > 2 else DEFAULT_EVERY
        except ValueError as exc:
            await reply_html(update.effective_message, esc(str(exc)))
            return
        new = await asyncio.to_thread(tables.add_feed, url, every)
        await reply_html(update.effective_message, f"{'Following' if new else 'Updated'} {esc(url)}, polled every "
                                                   f"{format_duration(every)}.")
        return
    feeds = await asyncio.to_thread(tables.feeds)
    if not feeds:
        await reply_html(update.effective_message, "No feeds are followed.\n" + esc(FEEDS_USAGE))
        return
    lines = [f"<b>{len(feeds)} followed feed(s)</b>"]
    lines += [f"• {esc(f.url)}\n  {esc(f.status())}" for f in feeds]
    await reply_html(update.effective_message, "\n".join(lines)[:3900])


async def follow_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/follow NAME or /follow "phrase" — this chat (a group follows as the group) gets new quotes."""
    st = state(context)
    text = " ".join(context.args or [])
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    target = await asyncio.to_thread(parse_target, text, st.services.retriever.speakers)
    if target.kind == "invalid":
        await reply_html(update.effective_message, FOLLOW_USAGE if target.reason == "empty" else esc(target.reason))
        return
    if target.kind == "ambiguous":
        buttons = [[InlineKeyboardButton(e.name + (f" — {e.roles[0]}" if e.roles else ""),
                                         callback_data=f"fol:{e.keys[0]}"[:64])] for e in target.choices]
        await call(lambda: update.effective_message.reply_html(  # type: ignore[union-attr]
            f"Several speakers are called <b>{esc(target.value)}</b>. Which one?",
            reply_markup=InlineKeyboardMarkup(buttons)))
        return
    new = await asyncio.to_thread(_tables(context).follow, chat.id, target.kind, target.value, target.keys,
                                  user.id if user else None)
    label = esc(target.value) if target.kind == "speaker" else f"“{esc(target.value)}”"
    if not new:
        await reply_html(update.effective_message, f"Already following {label}.")
        return
    note = "" if target.known else " (nobody of that name is quoted yet; their first quote will be news)"
    await reply_html(update.effective_message, f"Following {label}{note}. New quotes will arrive here; "
                                               "/following lists what this chat follows.")


async def following_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/following — what this chat follows, with buttons to stop."""
    chat = update.effective_chat
    if chat is None:
        return
    follows = await asyncio.to_thread(_tables(context).follows, chat.id)
    if not follows:
        await reply_html(update.effective_message, "This chat follows nothing yet. " + FOLLOW_USAGE)
        return
    lines = ["<b>This chat follows</b>"] + [f"• {esc(f.label())}" for f in follows]
    buttons = [[InlineKeyboardButton(f"Stop: {f.label()}"[:60], callback_data=f"unf:{f.id}")] for f in follows[:20]]
    await call(lambda: update.effective_message.reply_html(  # type: ignore[union-attr]
        "\n".join(lines), reply_markup=InlineKeyboardMarkup(buttons),
        link_preview_options=LinkPreviewOptions(is_disabled=True)))


async def unfollow_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unfollow NAME, /unfollow "phrase", /unfollow all; without words, the list with buttons."""
    chat = update.effective_chat
    text = " ".join(context.args or []).strip()
    if chat is None:
        return
    if not text:
        await following_command(update, context)
        return
    tables = _tables(context)
    if text.lower() == "all":
        gone = await asyncio.to_thread(tables.unfollow, chat.id)
        await reply_html(update.effective_message, f"Stopped following {gone} thing(s).")
        return
    quoted = re.match(r"^\s*[\"“‘'«](.+?)[\"”’'»]\s*$", text)
    follows = await asyncio.to_thread(tables.follows, chat.id)
    wanted = quoted.group(1) if quoted else text
    match = next((f for f in follows if (f.kind == "topic") == bool(quoted) and
                  (speaker_key(f.value) == speaker_key(wanted) or speaker_key(wanted) in f.keys
                   or (not quoted and speaker_key(f.value).endswith(" " + speaker_key(wanted))))), None)
    if match is None:
        await reply_html(update.effective_message, f"This chat does not follow {esc(text)}. /following lists "
                                                   "what it does.")
        return
    await asyncio.to_thread(tables.unfollow, chat.id, follow_id=match.id)
    await reply_html(update.effective_message, f"Stopped following {esc(match.label())}.")


async def on_follow_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The buttons of /follow (which speaker) and /following (stop one)."""
    query = update.callback_query
    chat, user = update.effective_chat, update.effective_user
    if query is None or chat is None:
        return
    kind, _, value = (query.data or "").partition(":")
    tables = _tables(context)
    if kind == "unf" and value.isdigit():
        gone = await asyncio.to_thread(tables.unfollow, chat.id, follow_id=int(value))
        await call(lambda: query.answer("Stopped." if gone else "Already stopped."))
        return
    entry = await asyncio.to_thread(entry_by_key, state(context).services.retriever.speakers, value)
    if entry is None:
        await call(lambda: query.answer("That speaker is no longer in the coverage."))
        return
    await asyncio.to_thread(tables.follow, chat.id, "speaker", entry.name, entry.keys, user.id if user else None)
    await call(lambda: query.answer(f"Following {entry.name}"[:190]))
    await call(lambda: query.edit_message_text(f"Following <b>{esc(entry.name)}</b>. New quotes will arrive here.",
                                               parse_mode="HTML"))

"""Who may use the bot, and how often: access lists and a per-user sliding-window rate limit."""

from __future__ import annotations

import time
from collections import defaultdict, deque

from bot.config import Settings


class Access:
    """Empty lists mean open. A chat on ALLOWED_CHAT_IDS admits its members even if not listed by user."""

    def __init__(self, settings: Settings) -> None:
        self.users = settings.allowed_user_ids
        self.chats = settings.allowed_chat_ids
        self.admins = settings.admin_user_ids

    def allowed(self, user_id: int | None, chat_id: int | None) -> bool:
        if not self.users and not self.chats:
            return True
        if user_id is not None and user_id in self.users:
            return True
        return chat_id is not None and chat_id in self.chats

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins


class RateLimit:
    """At most `per_minute` questions per user in any 60 seconds."""

    def __init__(self, per_minute: int, clock=time.monotonic) -> None:  # type: ignore[no-untyped-def]
        self.per_minute = per_minute
        self.clock = clock
        self.seen: dict[int, deque[float]] = defaultdict(deque)

    def check(self, user_id: int) -> float:
        """0 when the user may ask now, else the seconds to wait."""
        if self.per_minute <= 0:
            return 0.0
        now = self.clock()
        window = self.seen[user_id]
        while window and now - window[0] >= 60:
            window.popleft()
        if len(window) >= self.per_minute:
            return 60 - (now - window[0])
        window.append(now)
        return 0.0

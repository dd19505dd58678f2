"""Rendering: answers and views as Telegram HTML or plain text, with links to the exact source."""

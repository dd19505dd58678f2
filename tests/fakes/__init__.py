"""Fakes for the boundaries we cannot reach from a test: web pages, Telegram, OpenAI."""

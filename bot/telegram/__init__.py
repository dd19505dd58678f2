"""Telegram: the python-telegram-bot Application, its handlers, and who may use it how often."""

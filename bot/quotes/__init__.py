"""Attribution: quotation spans, speech cues, speaker mentions and the entities they resolve to."""

from bot.quotes.extract import MIN_CONFIDENCE, extract_many, extract_quotes

__all__ = ["MIN_CONFIDENCE", "extract_many", "extract_quotes"]

"""Attribution: quotation spans, speech cues, speaker mentions and the entities they resolve to."""

import sys

# thinc (under spaCy) imports torch when it is installed, only to offer torch layers, which
# en_core_web_sm does not use: 1.5 s and 180 MB of memory in every ingest and bot process that runs the
# int8 model. spaCy is imported here with torch hidden; a later `import torch` (the fp32 backend, the
# ONNX export) loads it as usual.
if "spacy" not in sys.modules and "torch" not in sys.modules:
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]

from bot.quotes.extract import MIN_CONFIDENCE, extract_many, extract_quotes  # noqa: E402

__all__ = ["MIN_CONFIDENCE", "extract_many", "extract_quotes"]

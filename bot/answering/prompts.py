"""Prompt files from prompts/, filled with strict substitution: a missing placeholder is an error."""

from __future__ import annotations

import functools
import re
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@functools.cache
def load(name: str) -> str:
    return (PROMPTS_DIR / f"{name}.md").read_text(encoding="utf-8")


def render(name: str, **values: str) -> str:
    template = load(name)
    missing = {m for m in _PLACEHOLDER.findall(template) if m not in values}
    if missing:
        raise KeyError(f"prompt {name!r} needs {sorted(missing)}")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)

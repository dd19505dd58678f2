"""First names and the gender they most often carry: a hint for 'he'/'she', never a verdict on its own."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    table = {}
    for line in (Path(__file__).parent / "first_names.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, gender = line.partition("\t")
            table[name] = gender
    return table


def name_gender(name: str) -> str | None:
    """'m' or 'f' when the first name is strongly one or the other ('Hillary Clinton' → 'f')."""
    tokens = name.split()
    return first_names().get(tokens[0].casefold()) if len(tokens) > 1 else None

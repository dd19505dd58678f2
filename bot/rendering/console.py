"""The terminal chat of `whosaid run` when no Telegram token is set: same answers, plain text."""

from __future__ import annotations

import sys

from bot.answering.answer import FollowUp, reads_as_follow_up
from bot.rendering.render import render_plain
from bot.services import Services


def chat(services: Services) -> int:
    count = services.store.catalog.count("articles")
    print(f"whosaid — terminal chat over {count} articles. Ask who said what; /who NAME lists a speaker's "
          "quotes; an empty line or Ctrl-D quits.")
    last: FollowUp | None = None
    while True:
        try:
            question = input("? ").strip()
        except EOFError:
            print()
            return 0
        if not question:
            return 0
        if question.startswith("/who "):
            name = question[5:].strip()
            keys = services.retriever.speakers.keys_for(name)
            quotes = services.store.catalog.quotes(speaker_keys=keys)[:10]
            if not quotes:
                print(f"No quotes from {name} in the coverage.")
            for q in quotes:  # newest first, like Telegram's /who
                art = services.retriever.article(q.article_id)
                source = " — ".join(p for p in ((art.title, art.outlet, (art.published or art.updated)[:10])
                                                if art else ()) if p)
                print(f"{q.speaker} ({q.cue}): “{q.text}”" + (f"\n    {source}" if source else ""))
            continue
        asked = question[len("/ask "):] if question.startswith("/ask ") else question
        # One person at the terminal, as in a private Telegram chat: a message that reads as a follow-up ("and
        # what did he say after that?") keeps the last answer's speaker and topic.
        previous = last if last is not None and reads_as_follow_up(asked) else None
        answer = services.answerer.answer(asked, previous)
        last = services.answerer.context_for(asked, answer, previous)
        print(render_plain(answer))
        print()
        sys.stdout.flush()

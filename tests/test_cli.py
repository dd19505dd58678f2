"""The `whosaid` command line, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED


def run(args: list[str], data: Path, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, input=stdin, timeout=300,
        env={**os.environ, "WHOSAID_DATA_DIR": str(data), **env}, cwd=data.parent,
    )


def test_ingest_summary_and_exit_status(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = run(["ingest", "--no-progress", str(SEED.parent)], data)
    assert first.returncode == 0, first.stderr
    assert "1 added, 0 updated, 0 unchanged, 0 failed" in first.stdout
    second = run(["ingest", "--no-progress", str(SEED.parent)], data)
    assert "0 added, 0 updated, 1 unchanged, 0 failed" in second.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "title": "Ok", "text": "Fine text."}\n{broken\n')
    third = run(["ingest", "--no-progress", str(bad)], data)
    assert third.returncode == 1
    assert "1 added" in third.stdout and "1 failed" in third.stdout
    assert f"{bad}:2: malformed JSON" in third.stdout

    quotes = run(["quotes", "--speaker", "Lukashenko", "--json"], data)
    records = json.loads(quotes.stdout)
    assert records and all(r["speaker"] == "Alexander Lukashenko" for r in records)
    assert {"text", "speaker", "speaker_mention", "cue", "kind", "article_id", "start", "end"} <= set(records[0])

    answers = run(["ask", "--json"], data, stdin="Who called the claims baseless?\nWhat did Angela Merkel say?\n")
    lines = [json.loads(line) for line in answers.stdout.splitlines()]
    assert len(lines) == 2
    assert lines[0]["citations"][0]["speaker"] == "Polish foreign ministry" and not lines[0]["refused"]
    assert lines[1]["refused"] is True


def test_user_errors_are_clean(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(["ingest", "--no-progress", str(SEED)], data)
    mismatch = run(["quotes"], data, WHOSAID_EMBEDDINGS="openai", OPENAI_API_KEY="x")
    assert mismatch.returncode == 2
    assert "error:" in mismatch.stderr and "Traceback" not in mismatch.stderr


def test_terminal_chat_answers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(["ingest", "--no-progress", str(SEED)], data)
    chat = run(["run"], data, stdin="Who called the claims baseless?\n/who Gerashchenko\n\n")
    assert chat.returncode == 0, chat.stderr
    assert "Polish foreign ministry" in chat.stdout
    assert "Anton Gerashchenko (wrote)" in chat.stdout
    # /who in the terminal names each quote's article and date, as Telegram's /who does.
    assert "Putin's Closest Ally Alleges NATO Plot — Newsweek — 2024-02-23" in chat.stdout


def test_terminal_chat_keeps_the_last_answer_for_a_follow_up(tmp_path: Path) -> None:
    """One person at the terminal, as in a private Telegram chat: "and what did he say about NATO?" after
    Lukashenko's answer asks about Lukashenko (it had been answered "Who do you mean by “he”?"); asked
    first, it asks who is meant."""
    data = tmp_path / "data"
    run(["ingest", "--no-progress", str(SEED)], data)
    chat = run(["run"], data, stdin="and what did he say about NATO?\nWhat did Lukashenko say about Poland?\n"
                                    "and what did he say about NATO?\n\n")
    assert chat.returncode == 0, chat.stderr
    answers = chat.stdout.split("\n? ")[1:]
    assert answers[0].startswith("Who do you mean by “he”?")
    assert answers[2].startswith("Alexander Lukashenko (") and "Who do you mean" not in answers[2]


def test_show_prints_the_place_a_terminal_citation_points_to(tmp_path: Path) -> None:
    """A third newcomer followed "articles.jsonl:1998#chars=3380-3425" into the file and read "r of 2005 in the
    UK. In the US is it expected": the offsets are the stored article's (cleaning drops blank lines), so
    `whosaid show` prints the place they point to, the cited words marked."""
    data = tmp_path / "data"
    source = tmp_path / "gadgets.txt"
    source.write_text("Gadgets galore\n\n \n\nThe radio goes on sale later this year.\n\n \n\n"
                      "\"It is expected to cost $250,\" said Ann Reid of Eton.\n", encoding="utf-8")
    assert run(["ingest", "--no-progress", str(source)], data).returncode == 0
    answer = json.loads(run(["ask", "--json", "How much will the radio cost?"], data).stdout)
    link = next(c["link"] for c in answer["citations"] if "$250" in c["quote"])
    assert "#chars=" in link and link.startswith(str(source))
    shown = run(["show", link], data)
    assert shown.returncode == 0, shown.stderr
    marked = shown.stdout.split("»", 1)[1].split("«", 1)[0]
    assert "$250" in marked and "Gadgets galore" in shown.stdout
    bad = run(["show", "no link here"], data)
    assert bad.returncode == 2 and "error:" in bad.stderr and "Traceback" not in bad.stderr

"""Crash safety for real: SIGKILL an ingest at several points, re-run, compare with a clean ingest."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import Settings
from tests.conftest import SEED
from tests.test_ingest import snapshot


def _articles(path: Path, n: int) -> None:
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")[1:24]
    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = paragraphs[:]
            rng.shuffle(body)
            fh.write(json.dumps({"id": f"crash-{i:03d}", "title": f"Story {i}",
                                 "text": f"Edition {i} of the story.\n\n" + "\n\n".join(body[:12])}) + "\n")


def _ingest(data: Path, source: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "WHOSAID_DATA_DIR": str(data)}
    return subprocess.Popen([sys.executable, "-m", "bot", "ingest", "--no-progress", str(source)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=data.parent)


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(con.execute(sql).fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _kill_when(proc: subprocess.Popen[bytes], ready, timeout: float = 120) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if ready():
            break
        time.sleep(0.02)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.slow
def test_sigkill_at_several_points_then_rerun_equals_clean(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "stories.jsonl"
    _articles(source, 40)
    clean, crashy = tmp_path / "clean", tmp_path / "crashy"
    assert _ingest(clean, source).wait() == 0
    db = crashy / "whosaid.sqlite3"
    # 1. vectors journalled and being written, nothing committed yet
    _kill_when(_ingest(crashy, source), lambda: _count(db, "SELECT count(*) FROM pending") > 0)
    # 2. part-way: some batches committed
    _kill_when(_ingest(crashy, source), lambda: _count(db, "SELECT count(*) FROM articles") >= 15)
    # 3. at an arbitrary moment after start-up
    proc = _ingest(crashy, source)
    time.sleep(4.0)
    _kill_when(proc, lambda: True)
    final = _ingest(crashy, source)
    assert final.wait() == 0
    name = embedder.name
    a = snapshot(Settings(_env_file=None, whosaid_data_dir=crashy), name)  # type: ignore[call-arg]
    b = snapshot(Settings(_env_file=None, whosaid_data_dir=clean), name)  # type: ignore[call-arg]
    assert len(b["articles"]) == 40
    assert a == b

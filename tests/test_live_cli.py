"""`whosaid feeds add|list|remove` and `whosaid watch --once` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.fakes.feeds import FeedSite


def whosaid(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_feeds_commands_and_watch_once(tmp_path: Path) -> None:
    env = {**os.environ, "WHOSAID_DATA_DIR": str(tmp_path / "data"), "FETCH_ALLOWED_HOSTS": "127.0.0.1"}
    with FeedSite() as site:
        site.article("/a1", "Budget row", ["The finance minister resigned on Friday after a row over the budget.",
                                           '"I cannot support this plan," Maria Lopez said on Friday.'], feed="/good")
        site.feed("/broken", mode="500")
        good, broken = f"{site.origin}/good", f"{site.origin}/broken"
        assert whosaid(env, tmp_path, "feeds", "add", good, "--every", "30s").returncode == 0
        added = whosaid(env, tmp_path, "feeds", "add", broken)
        assert added.returncode == 0 and "every 15m" in added.stdout
        bad = whosaid(env, tmp_path, "feeds", "add", good, "--every", "soon")
        assert bad.returncode == 2 and "not a duration" in bad.stderr
        first = whosaid(env, tmp_path, "watch", "--once")
        second = whosaid(env, tmp_path, "watch", "--once")
        listed = whosaid(env, tmp_path, "feeds", "list", "--json")
        removed = whosaid(env, tmp_path, "feeds", "remove", broken)
        again = whosaid(env, tmp_path, "feeds", "remove", broken)
        left = whosaid(env, tmp_path, "feeds", "list")
    assert first.returncode == 1, first.stderr[-2000:]  # the broken feed is a failure to report
    assert "1 added, 0 updated, 0 unchanged, 0 failed" in first.stdout and "HTTP 500" in first.stdout
    assert "not modified" in second.stdout and "0 added" in second.stdout
    feeds = {f["url"]: f for f in json.loads(listed.stdout)}
    assert feeds[good]["articles_added"] == 1 and feeds[good]["every"] == 30 and feeds[good]["failures"] == 0
    assert feeds[broken]["failures"] == 2 and "HTTP 500" in feeds[broken]["last_error"]
    assert "last success" in feeds[good]["status"] and "failing (2x" in feeds[broken]["status"]
    assert removed.returncode == 0 and again.returncode == 2 and "not following" in again.stderr
    assert good in left.stdout and broken not in left.stdout
    assert left.stderr.strip().endswith("1 feed")  # not "1 feeds"
    assert site.statuses("/good") == [200, 304] and site.statuses("/a1") == [200]

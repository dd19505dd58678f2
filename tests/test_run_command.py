"""`whosaid run` as a user starts it: Telegram mode against the fake Bot API, token kept out of output."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import SEED
from tests.fakes.telegram_server import FakeBotAPI, html_errors

TOKEN = "987654321:AAsecretTokenThatMustNeverBeLogged_xyz"


def _wait(predicate, timeout: float = 60.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_run_serves_telegram_and_stops_on_sigterm(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "WHOSAID_DATA_DIR": str(data)}
    subprocess.run([sys.executable, "-m", "bot", "ingest", "--no-progress", str(SEED)], env=env, check=True,
                   capture_output=True, cwd=tmp_path)
    with FakeBotAPI(TOKEN) as api:
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.root)
        log = tmp_path / "run.log"
        with log.open("w") as out:
            proc = subprocess.Popen([sys.executable, "-m", "bot", "-v", "run"], env=env, stdout=out,
                                    stderr=subprocess.STDOUT, cwd=tmp_path)
            try:
                _wait(lambda: api.sent("setMyCommands"))
                api.message("Who called the claims <b>baseless</b>?", chat_id=5, user_id=5)
                api.message("/who Gerashchenko", chat_id=5, user_id=5)
                api.message("Who called the claims baseless?", chat_id=-5, user_id=6, chat_type="group")
                api.mention("What did Putin say?", chat_id=-5, user_id=6, chat_type="group")
                _wait(lambda: len(api.sent(chat_id=5)) >= 2 and api.sent(chat_id=-5))
                time.sleep(1)
            finally:
                proc.send_signal(signal.SIGTERM)
                code = proc.wait(timeout=30)
    output = log.read_text()
    assert code == 0, output[-2000:]
    replies = api.sent(chat_id=5) + api.sent(chat_id=-5)
    assert all(not html_errors(p["text"]) for p in replies if p.get("parse_mode") == "HTML")
    assert any("Polish foreign ministry" in p["text"] for p in api.sent(chat_id=5))
    assert any("Anton Gerashchenko" in p["text"] for p in api.sent(chat_id=5))
    assert len(api.sent(chat_id=-5)) == 1 and "Vladimir Putin" in api.sent(chat_id=-5)[0]["text"]
    assert "getUpdates" in [m for m, _ in api.calls]
    assert TOKEN not in output and TOKEN.split(":")[1] not in output


def test_run_with_webhook_receives_updates(tmp_path: Path) -> None:
    import httpx

    from tests.conftest import free_port

    data = tmp_path / "data"
    env = {**os.environ, "WHOSAID_DATA_DIR": str(data)}
    subprocess.run([sys.executable, "-m", "bot", "ingest", "--no-progress", str(SEED)], env=env, check=True,
                   capture_output=True, cwd=tmp_path)
    port = free_port()
    with FakeBotAPI(TOKEN) as api:
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.root,
                   WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_LISTEN="127.0.0.1",
                   WEBHOOK_PORT=str(port), WEBHOOK_SECRET="s3cret-header")
        log = tmp_path / "run.log"
        out = log.open("w")
        proc = subprocess.Popen([sys.executable, "-m", "bot", "-v", "run"], env=env, stdout=out,
                                stderr=subprocess.STDOUT, cwd=tmp_path)
        try:
            hook = _wait(lambda: api.sent("setWebhook"))[0]
            assert hook["url"] == "https://bot.example.org/hook" and hook["secret_token"] == "s3cret-header"
            update = {"update_id": 1, "message": {
                "message_id": 1, "date": 0, "text": "Who called the claims baseless?",
                "chat": {"id": 8, "type": "private"}, "from": {"id": 8, "is_bot": False, "first_name": "U"}}}
            url = f"http://127.0.0.1:{port}/hook"
            _wait(lambda: _post(httpx, url, update, "wrong") == 403)
            assert _post(httpx, url, update, "s3cret-header") == 200
            reply = _wait(lambda: api.sent(chat_id=8))[0]
            assert "Polish foreign ministry" in reply["text"]
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=30) == 0
            out.close()
    output = log.read_text()  # -v: PTB logs setWebhook with its parameters, the secret masked
    assert "secret_token" in output and "[REDACTED]" in output
    assert "s3cret-header" not in output and TOKEN.split(":")[1] not in output


def _post(httpx, url: str, update: dict, secret: str) -> int:  # type: ignore[no-untyped-def]
    try:
        return int(httpx.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret},
                              timeout=5).status_code)
    except httpx.HTTPError:
        return 0


def test_logs_redact_tokens_and_can_be_json(capsys) -> None:  # type: ignore[no-untyped-def]
    import json
    import logging

    from bot import logs

    root = logging.getLogger()
    saved = root.handlers[:]
    handler = logging.StreamHandler(sys.stderr)
    root.handlers = [handler]
    try:
        logs.install([TOKEN, "sk-live-secret-key"], "json")
        logging.getLogger("httpx").info("GET https://api.telegram.org/bot%s/getMe", TOKEN)
        logging.getLogger("whosaid").warning("calling with token %s and key sk-live-secret-key", TOKEN)
        try:
            raise RuntimeError(f"failed at /bot{TOKEN}/sendMessage")
        except RuntimeError:
            logging.getLogger("whosaid").exception("boom")
    finally:
        root.handlers = saved
    err = capsys.readouterr().err
    records = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert [r["level"] for r in records] == ["WARNING", "ERROR"]  # httpx request lines are silenced
    assert TOKEN not in err and "sk-live-secret-key" not in err and "[REDACTED]" in err
    assert "RuntimeError" in records[1]["exception"]


def _seeded_env(tmp_path: Path) -> dict[str, str]:
    data = tmp_path / "data"
    env = {**os.environ, "WHOSAID_DATA_DIR": str(data)}
    subprocess.run([sys.executable, "-m", "bot", "ingest", "--no-progress", str(SEED)], env=env, check=True,
                   capture_output=True, cwd=tmp_path)
    return env


def test_webhook_without_a_secret_gets_a_generated_one_never_logged(tmp_path: Path) -> None:
    import httpx

    from tests.conftest import free_port

    env = _seeded_env(tmp_path)
    port = free_port()
    log = tmp_path / "run.log"
    with FakeBotAPI(TOKEN) as api, log.open("w") as out:
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.root, WEBHOOK_URL="https://bot.example.org/hook",
                   WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port), WEBHOOK_SECRET="",
                   OPENAI_API_KEY="sk-test-key-that-must-not-appear", OPENAI_BASE_URL="http://127.0.0.1:9/v1")
        proc = subprocess.Popen([sys.executable, "-m", "bot", "-v", "run"], env=env, stdout=out,
                                stderr=subprocess.STDOUT, cwd=tmp_path)
        try:
            hook = _wait(lambda: api.sent("setWebhook"))[0]
            secret = hook["secret_token"]
            assert len(secret) >= 32
            forged = {"update_id": 1, "message": {
                "message_id": 1, "date": 0, "text": "/ingest http://127.0.0.1:1/x",
                "chat": {"id": 8, "type": "private"}, "from": {"id": 8, "is_bot": False, "first_name": "U"}}}
            url = f"http://127.0.0.1:{port}/hook"
            assert _wait(lambda: _post(httpx, url, forged, "")) == 403  # no header: refused
            assert _post(httpx, url, forged, "guess") == 403
            time.sleep(0.5)
            assert not api.sent(chat_id=8)
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=30) == 0
    output = log.read_text()
    assert "generated a random secret" in output
    assert "setWebhook" in output  # PTB's debug line is there, with its parameters masked
    assert secret not in output and TOKEN not in output and "sk-test-key-that-must-not-appear" not in output


def test_a_rejected_token_is_one_clean_line_without_the_token(tmp_path: Path) -> None:
    env = {**os.environ, "WHOSAID_DATA_DIR": str(tmp_path / "data")}
    with FakeBotAPI("111:someOtherTokenTheServerKnows_aaaaaaaaa") as api:
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.root)
        done = subprocess.run([sys.executable, "-m", "bot", "-v", "run"], env=env, capture_output=True, text=True,
                              cwd=tmp_path, timeout=120)
    output = done.stdout + done.stderr
    assert done.returncode == 2
    assert "error: the Bot API rejected TELEGRAM_BOT_TOKEN" in done.stderr
    assert "Traceback" not in output and TOKEN.split(":")[1] not in output


def test_an_unreachable_bot_api_at_start_is_retried_with_one_line_each(tmp_path: Path) -> None:
    from tests.conftest import free_port

    env = {**os.environ, "WHOSAID_DATA_DIR": str(tmp_path / "data")}
    port = free_port()
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}")
    log = tmp_path / "run.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, stdout=out, stderr=subprocess.STDOUT,
                                cwd=tmp_path)
        try:
            _wait(lambda: log.read_text().count("cannot reach the Telegram Bot API") >= 2)
            with FakeBotAPI(TOKEN, port=port) as api:  # the network comes back
                _wait(lambda: api.sent("setMyCommands"), timeout=60)
                api.message("/help", chat_id=5, user_id=5)
                assert "whosaid" in _wait(lambda: api.sent(chat_id=5))[0]["text"]
                proc.send_signal(signal.SIGTERM)
                assert proc.wait(timeout=30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
    output = log.read_text()
    assert "Traceback" not in output
    line = next(x for x in output.splitlines() if "cannot reach" in x)
    assert "retrying in" in line and TOKEN.split(":")[1] not in output


def test_an_exception_escaping_main_is_one_redacted_line(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from bot import cli

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-live-secret-key-123")

    def boom(settings, args):  # type: ignore[no-untyped-def]
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/getMe with sk-live-secret-key-123 failed")

    monkeypatch.setattr(cli, "_quotes", boom)
    assert cli.main(["-v", "quotes"]) == 1
    err = capsys.readouterr().err
    assert "error: whosaid quotes failed: RuntimeError" in err and "[REDACTED]" in err
    assert TOKEN not in err and TOKEN.split(":")[1] not in err and "sk-live-secret-key-123" not in err
    assert err.count("error:") == 1


def test_a_running_bot_answers_about_articles_a_cli_ingest_adds(tmp_path: Path) -> None:
    """The bot (embedded Chroma) and `whosaid ingest` on one data dir: no restart, no apology."""
    data = tmp_path / "data"
    env = {**os.environ, "WHOSAID_DATA_DIR": str(data)}
    log = tmp_path / "run.log"
    with FakeBotAPI(TOKEN) as api, log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], env={**env, "TELEGRAM_BOT_TOKEN": TOKEN,
                                "TELEGRAM_API_BASE_URL": api.root}, stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path)
        try:
            _wait(lambda: api.sent("setMyCommands"))
            api.message("Who called the claims baseless?", chat_id=6, user_id=6)
            before = _wait(lambda: api.sent(chat_id=6))[0]
            ingest = subprocess.run([sys.executable, "-m", "bot", "ingest", "--no-progress", str(SEED)], env=env,
                                    capture_output=True, text=True, cwd=tmp_path, timeout=300)
            assert ingest.returncode == 0, ingest.stderr[-1500:]
            api.message("Who called the claims baseless?", chat_id=6, user_id=6)
            after = _wait(lambda: len(api.sent(chat_id=6)) >= 2 and api.sent(chat_id=6)[1])
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=30) == 0
    assert "Polish foreign ministry" not in before["text"]
    assert "Polish foreign ministry" in after["text"] and not after["text"].startswith("Sorry")
    assert "reopened Chroma" in log.read_text()

"""The `whosaid` command line: ingest, ask, quotes, speakers, run, eval."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.errors import WhosaidError

log = logging.getLogger("whosaid")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="whosaid", description="Who said what, in the news you give it.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="add articles from files, folders, URLs and RSS/Atom feeds")
    p.add_argument("targets", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")

    p = sub.add_parser("ask", help="answer a question (or one per line from stdin)")
    p.add_argument("question", nargs="?")
    p.add_argument("--json", action="store_true", help="print the Answer as JSON (JSON Lines for stdin)")

    p = sub.add_parser("quotes", help="list quote records")
    p.add_argument("--speaker")
    p.add_argument("--article")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="print the cited place a `#chars=START-END` link points to")
    p.add_argument("link", help="a citation link as `ask` prints it: SOURCE#chars=START-END")

    p = sub.add_parser("speakers", help="list speakers with their aliases and roles")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("check", help="compare the catalogue with Chroma (ids, counts, model); exit 0 if consistent")
    p.add_argument("--repair", action="store_true", help="re-embed missing vectors and delete orphans")

    sub.add_parser("run", help="run the Telegram bot (TELEGRAM_BOT_TOKEN) or a terminal chat")

    p = sub.add_parser("feeds", help="the RSS/Atom feeds `whosaid run` and `whosaid watch` keep reading")
    feeds = p.add_subparsers(dest="feeds_command", required=True)
    f = feeds.add_parser("add", help="follow a feed")
    f.add_argument("url")
    f.add_argument("--every", default="15m", help="how often to poll it: 30s, 15m, 2h (default 15m)")
    f = feeds.add_parser("list", help="the followed feeds and their status")
    f.add_argument("--json", action="store_true")
    f = feeds.add_parser("remove", help="stop following a feed")
    f.add_argument("url")

    p = sub.add_parser("watch", help="poll the followed feeds and ingest what is new, without Telegram")
    p.add_argument("--once", action="store_true", help="poll every feed once, print the summary, exit")

    p = sub.add_parser("eval", help="score answers or quote extraction against a gold file, or `polnear`")
    p.add_argument("gold", help="a gold JSON file, or `polnear` to score attribution on PolNeAR")
    p.add_argument("--split", choices=("train", "dev", "test"), default="dev",
                   help="PolNeAR split (test is the held-out measure: report it, never tune on it)")
    p.add_argument("--limit", type=int, default=0, help="PolNeAR: score only the first N articles")
    p.add_argument("--examples", type=int, default=0, help="PolNeAR: print this many wrong speakers")
    p.add_argument("--referents", type=Path, default=Path("tests/gold/polnear_referents.json"),
                   help="PolNeAR: who each pronoun or description source refers to, read blind by hand")
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.add_argument("--no-misses", action="store_true",
                   help="print the figures only, not the questions missed (for a held-out gold set)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    from bot import logs

    redactor = logs.install((), level=None)
    try:
        try:
            settings = Settings()
        except ValueError as exc:  # pydantic's ValidationError: name the setting, not a traceback
            raise WhosaidError(f"invalid setting: {exc}") from exc
        redactor.add(logs.secrets_of(settings))
        handler = {
            "ingest": _ingest, "ask": _ask, "quotes": _quotes, "show": _show, "speakers": _speakers, "run": _run,
            "eval": _eval, "check": _check, "feeds": _feeds, "watch": _watch,
        }[args.command]
        return handler(settings, args)
    except WhosaidError as exc:
        print(f"error: {redactor.clean(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if _disk_full(exc):
            print(f"error: the disk holding the data dir is full ({redactor.clean(str(exc))}); free some space "
                  "and run this again — committed articles are safe, an interrupted ingest resumes", file=sys.stderr)
            return 1
        return _unexpected(exc, args, redactor)


def _disk_full(exc: BaseException) -> bool:
    import errno

    text = str(exc).lower()
    return (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in text \
        or "no space left" in text


def _unexpected(exc: Exception, args: argparse.Namespace, redactor: Any) -> int:
    if isinstance(exc, OSError):  # a read-only data dir, a vanished mount: say which and where
        log.debug("whosaid %s failed", args.command, exc_info=True)
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {redactor.clean(exc.strerror or str(exc))}{redactor.clean(where)}", file=sys.stderr)
        return 1
    # a bug: one redacted line, the (redacted) traceback with -v
    log.debug("whosaid %s failed", args.command, exc_info=True)
    print(f"error: whosaid {args.command} failed: {type(exc).__name__}: {redactor.clean(str(exc))}"
          + ("" if args.verbose else " (run with -v for details)"), file=sys.stderr)
    return 1


def _ingest(settings: Settings, args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from bot.ingest.pipeline import Ingestor
    from bot.ingest.sources import SourceReader
    from bot.services import open_store

    store, embedder = open_store(settings)
    reader = SourceReader.from_settings(settings)
    console = Console(stderr=True)
    with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, disable=args.no_progress, transient=False) as progress:
        task = progress.add_task("ingest", total=None)
        summary = Ingestor(store, embedder, reader).run(
            args.targets, on_progress=lambda done, total: progress.update(task, completed=done, total=total)
        )
    reader.close()
    store.close()
    print(summary.report())
    return 0 if summary.ok else 1


def _ask(settings: Settings, args: argparse.Namespace) -> int:
    from bot.rendering.render import render_plain
    from bot.services import build_services

    services = build_services(settings)
    questions = [args.question] if args.question else (line.strip() for line in sys.stdin)
    for question in questions:
        if not question:
            continue
        answer = services.answerer.answer(question)
        if args.json:
            print(answer.model_dump_json(), flush=True)
        else:
            print(render_plain(answer), flush=True)
    return 0


def _quotes(settings: Settings, args: argparse.Namespace) -> int:
    from bot.retrieval.speaker_index import SpeakerIndex
    from bot.services import open_store

    store, _ = open_store(settings)
    index = SpeakerIndex(store.catalog)
    keys = index.keys_for(args.speaker) if args.speaker else None
    quotes = store.catalog.quotes(speaker_keys=keys, article_id=args.article)
    if args.json:
        print(json.dumps([q.model_dump() for q in quotes], ensure_ascii=False, indent=1))
    else:
        for q in quotes:
            print(f"{q.speaker or '(unattributed)'} [{q.cue}] {q.article_id}:{q.start}-{q.end}\n  “{q.text}”")
        print(f"{len(quotes)} quotes", file=sys.stderr)
    return 0


def _show(settings: Settings, args: argparse.Namespace) -> int:
    """The offsets of a terminal citation are the article's as stored (cleaning drops blank lines and page
    furniture, so they are not the source file's): this prints the place they point to."""
    from bot.rendering.links import parse_local_link
    from bot.rendering.views import source_plain
    from bot.services import open_store

    span = parse_local_link(args.link.strip())
    if span is None:
        raise WhosaidError("not a citation link: expected SOURCE#chars=START-END, as `whosaid ask` prints it")
    where = args.link.strip().rsplit("#chars=", 1)[0]
    store, _ = open_store(settings, check_vectors=False)
    ids = store.catalog.ids_for_source(where) or [where.removeprefix("article ")]
    article = next((a for a in map(store.catalog.article, ids) if a is not None and span[1] <= len(a.text)), None)
    if article is None:
        raise WhosaidError(f"no stored article is {where!r}")
    print(source_plain(article, *span))
    return 0


def _speakers(settings: Settings, args: argparse.Namespace) -> int:
    from bot.retrieval.speaker_index import SpeakerIndex
    from bot.services import open_store

    store, _ = open_store(settings)
    entries = SpeakerIndex(store.catalog).entries()
    if args.json:
        print(json.dumps([e.__dict__ for e in entries], ensure_ascii=False, indent=1))
    else:
        for e in entries:
            roles = f" ({'; '.join(e.roles[:3])})" if e.roles else ""
            print(f"{e.name}{roles}: {e.quotes} quotes in {e.articles} articles")
    return 0


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.services import build_services

    services = build_services(settings)
    if settings.telegram_bot_token:
        from bot.telegram.app import run_telegram

        if not args.verbose:
            logging.getLogger().setLevel(logging.INFO)
        run_telegram(settings, services)
        return 0
    from bot.rendering.console import chat

    return chat(services)


def _feeds(settings: Settings, args: argparse.Namespace) -> int:
    from bot.ingest.sources import is_url
    from bot.live.tables import LiveTables
    from bot.retrieval.timeframe import format_duration, parse_duration
    from bot.storage.catalog import Catalog

    catalog = Catalog(settings.whosaid_data_dir / "whosaid.sqlite3")
    try:
        tables = LiveTables(catalog)
        if args.feeds_command == "add":
            if not is_url(args.url):
                raise WhosaidError(f"not a feed URL: {args.url} (use http:// or https://)")
            try:
                every = parse_duration(args.every)
            except ValueError as exc:
                raise WhosaidError(str(exc)) from exc
            new = tables.add_feed(args.url, every)
            print(f"{'following' if new else 'updated'} {args.url}, polled every {format_duration(every)}")
        elif args.feeds_command == "remove":
            if not tables.remove_feed(args.url):
                raise WhosaidError(f"not following {args.url}; `whosaid feeds list` shows the feeds")
            print(f"stopped following {args.url}")
        elif args.json:
            print(json.dumps([f.model_dump() | {"status": f.status()} for f in tables.feeds()], indent=1))
        else:
            feeds = tables.feeds()
            for f in feeds:
                print(f"{f.url}\n  {f.status()}")
            print(f"{len(feeds)} feed{'' if len(feeds) == 1 else 's'}", file=sys.stderr)
    finally:
        catalog.close()
    return 0


def _watch(settings: Settings, args: argparse.Namespace) -> int:
    import time

    from bot.ingest.sources import SourceReader
    from bot.live.poller import Poller
    from bot.services import open_store

    store, embedder = open_store(settings)
    poller = Poller(store, embedder, lambda: SourceReader.from_settings(settings),
                    max_backoff=settings.feed_max_backoff)
    try:
        if args.once:
            if not poller.tables.feeds():
                print("no feeds are followed; add one with `whosaid feeds add URL`", file=sys.stderr)
                return 0
            report = poller.poll(due_only=False)
            print(report.report())
            return 0 if report.ok else 1
        logging.getLogger().setLevel(logging.INFO if not args.verbose else logging.DEBUG)
        log.info("watching %d feeds; Ctrl-C stops", len(poller.tables.feeds()))
        while True:
            report = poller.poll()
            if report.polled:
                print(report.report(), flush=True)
            time.sleep(settings.live_tick_seconds)
    finally:
        store.close()


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from bot.services import open_store
    from bot.storage import reconcile

    store, embedder = open_store(settings, check_vectors=False)
    try:
        report = reconcile.check(store)
        print("\n".join(report.lines()))
        if args.repair and not report.consistent:
            report = reconcile.repair(store, embedder)
            print("after repair:\n" + "\n".join(report.lines()))
    finally:
        store.close()
    return 0 if report.consistent else 1


def _eval(settings: Settings, args: argparse.Namespace) -> int:
    from bot.evaluation.questions import run_eval

    if args.gold == "polnear":
        from bot.evaluation.report import run_polnear

        return run_polnear(settings.polnear_dir, args.split, limit=args.limit, examples=args.examples,
                           as_json=args.json, referents=args.referents)
    return run_eval(settings, args.gold, k=args.k, as_json=args.json, show_misses=not args.no_misses)


if __name__ == "__main__":
    raise SystemExit(main())

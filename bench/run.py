"""Benchmarks: `make bench`. Prints figures; asserts nothing (targets are read by people, not tests)."""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.chunking import chunk_article  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.embeddings import get_embedder  # noqa: E402
from bot.evaluate import holds_words  # noqa: E402
from bot.ingest import BATCH_TEXTS, Ingestor, embedding_texts  # noqa: E402
from bot.quotes import extract_quotes  # noqa: E402
from bot.services import build_services  # noqa: E402
from bot.sources import SourceReader, expand  # noqa: E402
from bot.store import Pending, Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "articles.jsonl"


def line(label: str, value: str) -> None:
    print(f"{label:<48} {value}", flush=True)


def texts_to_embed(reader: SourceReader, corpus: Path) -> list[str]:
    """What the pipeline will embed, prepared by the same functions but untimed."""
    units, _ = expand([str(corpus)])
    articles = [item.article for unit in units for item in reader.read(unit) if item.article is not None]
    return embedding_texts([Pending(a, chunk_article(a), extract_quotes(a)[0]) for a in articles])


def embed_timed(embedder, texts: list[str]) -> float:  # type: ignore[no-untyped-def]
    """Seconds to embed the texts in batches of the pipeline's size (batch size changes the rate)."""
    t = time.perf_counter()
    for i in range(0, len(texts), BATCH_TEXTS):
        embedder.embed(texts[i:i + BATCH_TEXTS])
    return time.perf_counter() - t


def bench_ingest(scratch: Path, corpus: Path) -> Settings:
    settings = Settings(_env_file=None, whosaid_data_dir=scratch)  # type: ignore[call-arg]
    embedder = get_embedder(settings)
    embedder.embed(["warm up the model"])
    store = Store(settings, embedder.name)
    reader = SourceReader(max_file_bytes=settings.max_file_bytes, fetch_timeout=5)
    # Raw throughput of the same model on the same texts, in the same run: every other text just before
    # the pipeline and the rest just after (alike halves), so a machine that drifts during the run biases
    # neither side.
    everything = texts_to_embed(reader, corpus)
    halves = (everything[0::2], everything[1::2])
    raw_before = embed_timed(embedder, halves[0])
    t = time.perf_counter()
    summary = Ingestor(store, embedder, reader).run([str(corpus)])
    first = time.perf_counter() - t
    raw_after = embed_timed(embedder, halves[1])
    n_articles = len(summary.added)
    line("ingest: articles", f"{n_articles} ({len(summary.failed)} failed)")
    line("ingest: chunks / quotes", f"{summary.chunks} / {summary.quotes}")
    if summary.chunks + summary.quotes != len(everything):
        line("WARNING: raw texts differ from the pipeline's", f"{len(everything)} texts")
    line("ingest: wall time", f"{first:.1f} s")
    line("ingest: articles/s", f"{n_articles / first:.1f}")
    line("ingest: chunks/s", f"{summary.chunks / first:.1f}")
    pipeline_rate = (summary.chunks + summary.quotes) / first
    line("ingest: texts embedded/s in the pipeline", f"{pipeline_rate:.1f}")
    raw = raw_before + raw_after
    raw_rate = len(everything) / raw
    line("raw embedding: texts/s (same model, same texts)", f"{raw_rate:.1f}")
    line("  half before / half after the pipeline",
         f"{len(halves[0]) / raw_before:.1f} / {len(halves[1]) / max(raw_after, 1e-9):.1f} texts/s")
    line("ratio pipeline / raw (target >= 0.9)", f"{pipeline_rate / raw_rate:.2f}")
    line("  of the pipeline's wall time: embedding / raw", f"{summary.embed_seconds:.1f} s / {raw:.1f} s")
    line("quote extraction: ms per article", f"{1000 * summary.extract_seconds / max(n_articles, 1):.2f}")
    line("quote extraction / embedding time (target < 10%)",
         f"{100 * summary.extract_seconds / max(summary.embed_seconds, 1e-9):.1f}%")
    t = time.perf_counter()
    again = Ingestor(store, embedder, reader).run([str(corpus)])
    second = time.perf_counter() - t
    line("re-ingest unchanged: wall time", f"{second:.2f} s ({len(again.unchanged)} unchanged)")
    line("re-ingest speed-up (target >= 50x)", f"{first / second:.0f}x")
    store.close()
    return settings


def gold_questions() -> list[dict]:
    items = []
    for path in sorted((ROOT / "tests" / "gold").glob("*_questions.json")):
        items += json.loads(path.read_text(encoding="utf-8"))
    return items


def bench_ask(settings: Settings) -> None:
    from bot.evaluate import hit_at_k

    seed = ROOT / "seeds"
    services = build_services(settings)
    reader = SourceReader(max_file_bytes=settings.max_file_bytes, fetch_timeout=5)
    Ingestor(services.store, services.embedder, reader).run([str(seed)])
    questions = gold_questions()
    if not questions:
        line("ask latency", "no gold questions found")
        return
    for q in questions[:3]:
        services.answerer.answer(q["question"])
    times = []
    ours = 0
    for q in questions:
        t = time.perf_counter()
        answer = services.answerer.answer(q["question"])
        times.append(1000 * (time.perf_counter() - t))
        ours += hit_at_k(answer, q, 5)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    line(f"ask latency over {len(times)} gold questions (warm)", f"p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    answerable = [q for q in questions if not q.get("refused")]
    line("hit@5 (whosaid, answerable questions)", f"{sum(hit_at_k(services.answerer.answer(q['question']), q, 5) for q in answerable) / len(answerable):.2f}")
    baseline(settings, answerable)


def baseline(settings: Settings, questions: list[dict]) -> None:
    """A naive LangChain RAG: RecursiveCharacterTextSplitter + Chroma.similarity_search, same model."""
    try:
        from langchain_chroma import Chroma
        from langchain_core.embeddings import Embeddings
        from langchain_text_splitters import RecursiveCharacterTextSplitter
    except ImportError:
        line("baseline", "langchain-chroma not installed")
        return
    import chromadb

    embedder = get_embedder(settings)

    class Wrapped(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed(texts)

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text)

    store = Store(settings, embedder.name)
    articles = store.catalog.articles()
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=100)
    docs = splitter.create_documents([a.text for a in articles], metadatas=[{"article_id": a.id} for a in articles])
    client = chromadb.EphemeralClient()
    db = Chroma.from_documents(docs, Wrapped(), client=client, collection_name="baseline")
    hits = 0
    for q in questions:
        results = db.similarity_search(q["question"], k=5)
        hits += any(holds_words(r.page_content, q.get("expected_words") or []) for r in results)
    line("hit@5 (naive LangChain baseline)", f"{hits / len(questions):.2f}")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", action="store_true", help="keep the scratch store")
    parser.add_argument("--articles", type=int, default=0, help="ingest only the corpus's first N articles")
    parser.add_argument("--ingest-only", action="store_true", help="skip the answering and Telegram benchmarks")
    parser.add_argument("--no-live", action="store_true", help="skip the live-coverage benchmark (feeds, notifications)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}; benchmarks need ../shared/corpus")
        return
    scratch = Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    corpus = CORPUS
    if args.articles:
        corpus = scratch / "articles.jsonl"
        with CORPUS.open(encoding="utf-8") as lines:
            corpus.write_text("".join(itertools.islice(lines, args.articles)), encoding="utf-8")
    try:
        settings = bench_ingest(scratch / "store", corpus)
        if args.ingest_only:
            return
        bench_ask(settings)
        try:
            from bench.telegram_load import bench_telegram  # noqa: PLC0415
        except ImportError:
            pass
        else:
            bench_telegram(settings)
        if not args.no_live:
            from bench.live import bench_live  # noqa: PLC0415

            bench_live(settings, CORPUS)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()

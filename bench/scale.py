"""Scale run (`make bench-scale`): grow a store to 50,000 synthesised articles and print, at each size, what
a user of the bot would feel: ask latency (warm), /who latency, speaker look-up latency, store size, RSS.

Articles are synthesised from the shared corpus: paragraphs of a few real articles recombined, names and
numbers varied (same length, so the quotes found in the originals keep exact offsets), so speakers and
phrases stay realistic and the speaker index grows as real coverage would. Vectors come from a cheap
deterministic embedder (hashed words): this run measures the store and the answer path, not the model.

    python bench/scale.py [--sizes 2000,10000,50000] [--base 400] [--dir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.ingest.chunking import chunk_article  # noqa: E402
from bot.models import Article, Quote  # noqa: E402
from bot.storage.store import Pending, Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "articles.jsonl"
GOLD = [ROOT / "tests" / "gold" / "questions_dev.json", ROOT / "tests" / "gold" / "bbc_questions.json"]
VARIANTS = 40  # name variants per real speaker: 50k articles hold about 40x the corpus's speakers


class HashEmbedder:
    """Deterministic 384-d vectors: the sum of a fixed random vector per word (hashed), normalised. Texts
    sharing words get similar vectors, so nearest-neighbour search behaves like it does on real data."""

    name = "bench:hashed-words-384"
    local_cpu = False

    def __init__(self) -> None:
        import numpy as np

        self._np = np
        self._table = np.random.default_rng(0).standard_normal((1 << 14, 384)).astype(np.float32)

    def embed(self, texts: list[str]) -> list[list[float]]:
        np = self._np
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            buckets = [zlib.crc32(w.encode()) & 0x3FFF for w in re.findall(r"\w+", text.casefold())]
            if buckets:
                out[row] = self._table[buckets].sum(axis=0)
        out /= np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-9, None)
        return out.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed([text])[0]


@dataclass
class Source:
    article: Article
    quotes: list[Quote]
    roles: list[tuple[str, str, str]]


def load_sources(n: int) -> list[Source]:
    """The corpus's first n articles with their quotes, extracted once by the real pipeline."""
    from bot.ingest.sources import SourceReader, expand
    from bot.quotes import extract_quotes

    with CORPUS.open(encoding="utf-8") as lines:
        rows = [line for _, line in zip(range(n), lines, strict=False)]
    scratch = Path(tempfile.mkdtemp(prefix="whosaid-scale-src-"))
    path = scratch / "base.jsonl"
    path.write_text("".join(rows), encoding="utf-8")
    units, _ = expand([str(path)])
    reader = SourceReader(max_file_bytes=50_000_000, fetch_timeout=5)
    sources = []
    for unit in units:
        for item in reader.read(unit):
            if item.article is not None:
                quotes, roles = extract_quotes(item.article)
                sources.append(Source(item.article, quotes, roles))
    shutil.rmtree(scratch, ignore_errors=True)
    return sources


class Varier:
    """Same-length replacements: capitalised words of a speaker's name become other names of that length;
    digits are rotated. Offsets never move, so a real quote stays exactly where it was."""

    def __init__(self, sources: list[Source]) -> None:
        names: set[str] = set()
        for s in sources:
            for q in s.quotes:
                names.update(w for w in re.findall(r"[A-Z][a-z]{2,}", q.speaker or ""))
        self.by_length: dict[int, list[str]] = {}
        for w in sorted(names):
            self.by_length.setdefault(len(w), []).append(w)
        self.names = names

    def mapping(self, variant: int) -> dict[str, str]:
        if variant == 0:
            return {}
        out = {}
        for w in self.names:
            pool = self.by_length[len(w)]
            out[w] = pool[(pool.index(w) + variant * 7919) % len(pool)] if len(pool) > 1 else w
        return out

    @staticmethod
    def apply(text: str, mapping: dict[str, str], variant: int) -> str:
        if mapping:
            text = re.sub(r"[A-Z][a-z]{2,}", lambda m: mapping.get(m.group(), m.group()), text)
        if variant:
            text = re.sub(r"\d", lambda m: str((int(m.group()) + variant) % 10), text)
        return text


def synthesise(i: int, sources: list[Source], varier: Varier) -> Pending:
    """Article i: paragraph runs from 2-3 real articles, names and numbers varied by variant i % VARIANTS."""
    rng = random.Random(i)
    variant = i % VARIANTS
    mapping = varier.mapping(variant)
    picked = rng.sample(sources, k=rng.choice((2, 3)))
    text_parts: list[str] = []
    paragraphs: list[tuple[int, int]] = []
    placed: list[tuple[Quote, int, int]] = []  # (source quote, its new start, its new end)
    cursor = 0
    for src in picked:
        paras = src.article.paragraphs or [(0, len(src.article.text))]
        lo = rng.randrange(len(paras))
        hi = min(len(paras), lo + rng.randint(2, 6))
        for start, end in paras[lo:hi]:
            if text_parts:
                text_parts.append("\n\n")
                cursor += 2
            text_parts.append(varier.apply(src.article.text[start:end], mapping, variant))
            paragraphs.append((cursor, cursor + end - start))
            placed += [(q, cursor + q.start - start, cursor + q.end - start) for q in src.quotes
                       if start <= q.start and q.end <= end]
            cursor += end - start
    text = "".join(text_parts)
    first = picked[0].article
    aid = f"synth-{i}"
    digest = hashlib.sha256(text.encode()).hexdigest()
    article = Article(id=aid, title=varier.apply(first.title, mapping, variant), text=text, outlet=first.outlet,
                      published=first.published, category=first.category, source=f"synthetic/{i}",
                      paragraphs=paragraphs, content_hash=digest, url="")
    quotes = []
    for n, (q, start, end) in enumerate(placed):
        speaker = varier.apply(q.speaker, mapping, 0) if q.speaker else None
        quotes.append(q.model_copy(update={
            "id": f"{aid}:{digest[:8]}:q{n}", "article_id": aid, "text": text[start:end], "start": start,
            "end": end, "speaker": speaker, "paragraph": article.paragraph_of(start)}))
    return Pending(article, chunk_article(article), quotes)


def grow(store: Store, embedder: HashEmbedder, sources: list[Source], varier: Varier, start: int, stop: int) -> None:
    from bot.ingest.pipeline import quote_document

    step = 500
    with store.writing():
        for lo in range(start, stop, step):
            batch = [synthesise(i, sources, varier) for i in range(lo, min(stop, lo + step))]
            for p in batch:
                p.chunk_vectors = embedder.embed([c.text for c in p.chunks])
                p.quote_vectors = embedder.embed([quote_document(q) for q in p.quotes])
            store.commit(batch)


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def probe(data_dir: Path) -> dict:
    """Run in its own process, as the bot would be: open the store, answer, look speakers up; RSS after."""
    import bot.services
    from bot.telegram.handlers import who_page

    embedder = HashEmbedder()
    bot.services.get_embedder = lambda settings: embedder  # type: ignore[assignment]
    settings = Settings(_env_file=None, whosaid_data_dir=data_dir)  # type: ignore[call-arg]
    t = time.perf_counter()
    services = bot.services.build_services(settings)
    questions = [q["question"] for path in GOLD for q in json.loads(path.read_text(encoding="utf-8"))]
    for q in questions[:5]:  # warm: the speaker index is built, SQLite pages are cached
        services.answerer.answer(q + " (warm-up)")
    opened = time.perf_counter() - t
    ask = []
    for q in questions:
        t = time.perf_counter()
        services.answerer.answer(q)
        ask.append(1000 * (time.perf_counter() - t))
    entries = services.retriever.speakers.entries()
    rng = random.Random(1)
    names = [e.name for e in rng.sample(entries, min(150, len(entries)))]
    typos = [n[:-2] + n[-1] + n[-2] if len(n) > 6 else n for n in names[:50]]  # swapped letters: fuzzy path
    unknown = [f"Zebulon Quaxworth{i}" for i in range(20)]
    lookups = []
    for name in names + typos + unknown + [n.split()[-1] for n in names[:50]]:
        t = time.perf_counter()
        services.retriever.speakers.lookup(name)
        lookups.append(1000 * (time.perf_counter() - t))
    who = []
    for name in names[:60]:
        t = time.perf_counter()
        who_page(services, name, 0)
        who.append(1000 * (time.perf_counter() - t))
    rss = 0
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            rss = int(row.split()[1]) // 1024
    services.store.close()
    return {"ask_p50": statistics.median(ask), "ask_p95": pct(ask, 0.95), "questions": len(ask),
            "who_p50": statistics.median(who), "who_p95": pct(who, 0.95),
            "lookup_p50": statistics.median(lookups), "lookup_p95": pct(lookups, 0.95),
            "speakers": len(entries), "open_s": opened, "rss_mb": rss}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2000,10000,50000")
    parser.add_argument("--base", type=int, default=400, help="real articles the synthesis draws on")
    parser.add_argument("--dir", help="keep the store here (default: a temporary directory)")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(Path(args.probe))))
        return
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}; the scale run needs ../shared/corpus")
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    data_dir = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="whosaid-scale-"))
    print(f"load at start: {os.getloadavg()[0]:.2f} (1-min average; {os.cpu_count()} cores); store in {data_dir}",
          flush=True)
    t = time.perf_counter()
    sources = load_sources(args.base)
    varier = Varier(sources)
    print(f"{len(sources)} real articles, {sum(len(s.quotes) for s in sources)} quotes prepared in "
          f"{time.perf_counter() - t:.0f} s", flush=True)
    embedder = HashEmbedder()
    settings = Settings(_env_file=None, whosaid_data_dir=data_dir)  # type: ignore[call-arg]
    store = Store(settings, embedder.name)
    print(f"{'articles':>8} {'ask p50':>8} {'ask p95':>8} {'/who p50':>9} {'/who p95':>9} {'look-up p50':>12} "
          f"{'look-up p95':>12} {'speakers':>9} {'store MB':>9} {'RSS MB':>7} {'grow s':>7}", flush=True)
    done = store.catalog.count("articles")
    try:
        for size in sizes:
            t = time.perf_counter()
            grow(store, embedder, sources, varier, done, size)
            grown = time.perf_counter() - t
            done = max(done, size)
            out = subprocess.run([sys.executable, __file__, "--probe", str(data_dir)], capture_output=True,
                                 text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{size:>8} {r['ask_p50']:>6.1f}ms {r['ask_p95']:>6.1f}ms {r['who_p50']:>7.1f}ms "
                  f"{r['who_p95']:>7.1f}ms {r['lookup_p50']:>10.2f}ms {r['lookup_p95']:>10.2f}ms "
                  f"{r['speakers']:>9} {du(data_dir) / 1e6:>9.0f} {r['rss_mb']:>7} {grown:>7.0f}", flush=True)
        print("targets at 50k: ask p95 <= 150 ms (warm), speaker look-up p95 <= 20 ms; load at end "
              f"{os.getloadavg()[0]:.2f}", flush=True)
    finally:
        store.close()
        if not args.dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()

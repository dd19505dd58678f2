"""The SQLite catalogue: committed articles, chunks and quotes, their FTS5 index, and the vector journal.

SQLite is the commit point of the store. An article is visible only once its rows are committed here;
vectors written to Chroma before that are journalled in `pending` so a crash leaves nothing behind.
"""

from __future__ import annotations

import fcntl
import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.models import Article, Chunk, Quote

# How the word indexes split and stem text; the spelling check stems a question's word the same way.
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"
_SCHEMA = f"""
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, source TEXT NOT NULL, title TEXT, outlet TEXT,
    author TEXT, published TEXT, updated TEXT, url TEXT, category TEXT, text TEXT NOT NULL,
    paragraphs TEXT NOT NULL, ingested_at REAL DEFAULT (unixepoch('subsec')));
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE TABLE IF NOT EXISTS chunks(
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, start INTEGER, "end" INTEGER, paragraph INTEGER,
    text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS quotes(
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT NOT NULL,
    speaker TEXT, speaker_key TEXT, speaker_mention TEXT, cue TEXT, kind TEXT, paragraph INTEGER,
    confidence REAL);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_key);
CREATE TABLE IF NOT EXISTS roles(speaker_key TEXT, role TEXT, article_id TEXT,
    PRIMARY KEY(speaker_key, role, article_id));
CREATE INDEX IF NOT EXISTS roles_article ON roles(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    text, id UNINDEXED, article_id UNINDEXED, tokenize='{FTS_TOKENIZE}');
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    text, speaker, id UNINDEXED, article_id UNINDEXED, tokenize='{FTS_TOKENIZE}');
CREATE TABLE IF NOT EXISTS pending(vector_id TEXT PRIMARY KEY, collection TEXT NOT NULL);
"""

STOPWORDS = frozenset(
    """a an and are as at be been but by did do does for from had has have he her his how i if in into is it
    its me my no not of on or our she so than that the their them then there these they this to was we were
    what when where which who whom whose why will with would you your about any anyone anybody say said says
    tell told comment commented call called think thinks""".split()
)


def speaker_key(name: str | None) -> str:
    return re.sub(r"[^\w]+", " ", (name or "").casefold()).strip()


def fts_query(text: str, *, keep_stopwords: bool = False) -> str:
    """An FTS5 OR-query of the text's content words, each quoted so user text cannot inject syntax."""
    words = re.findall(r"\w+", text.casefold())
    terms = [w for w in words if keep_stopwords or (w not in STOPWORDS and len(w) > 1)]
    return " OR ".join(f'"{w}"' for w in dict.fromkeys(terms))


class Catalog:
    """Thread-safe wrapper around one SQLite connection (WAL: readers never see a half commit)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self.conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30)
        self.conn.row_factory = sqlite3.Row
        # Two processes opening a new data dir at once (two `whosaid ingest` started together) both set up
        # the schema, and switching a fresh database to WAL does not wait for the other: one failed with
        # "database is locked" (37 times in 40 when reproduced). One process at a time sets it up.
        with open(path.parent / ".catalog-open.lock", "a") as turn:
            fcntl.flock(turn, fcntl.LOCK_EX)
            try:
                self.conn.executescript(_SCHEMA)
                columns = {r[1] for r in self.conn.execute("PRAGMA table_info(quotes)")}
                if "confidence" not in columns:  # a catalogue from before attribution carried a confidence
                    self.conn.execute("ALTER TABLE quotes ADD COLUMN confidence REAL")
            finally:
                fcntl.flock(turn, fcntl.LOCK_UN)
        self.conn.execute("PRAGMA synchronous=FULL")

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    # meta ---------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM meta WHERE key=?", (key,))
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        """How many batches have been committed: readers compare it to notice another process's commits."""
        return int(self.get_meta("generation") or 0)

    # journal ------------------------------------------------------------------------------------
    def journal(self, ids_by_collection: dict[str, list[str]]) -> None:
        with self.transaction() as c:
            for collection, ids in ids_by_collection.items():
                c.executemany("INSERT OR REPLACE INTO pending(vector_id, collection) VALUES (?, ?)",
                              [(i, collection) for i in ids])

    def pending(self) -> dict[str, list[str]]:
        """Journalled vector ids that are not part of the committed state (to delete from Chroma)."""
        out: dict[str, list[str]] = {}
        for row in self.query(
            "SELECT p.vector_id, p.collection FROM pending p WHERE NOT EXISTS "
            "(SELECT 1 FROM chunks WHERE id=p.vector_id) AND NOT EXISTS (SELECT 1 FROM quotes WHERE id=p.vector_id)"
        ):
            out.setdefault(row["collection"], []).append(row["vector_id"])
        return out

    def clear_pending(self, ids: Iterable[str] | None = None) -> None:
        with self.transaction() as c:
            if ids is None:
                c.execute("DELETE FROM pending")
            else:
                c.executemany("DELETE FROM pending WHERE vector_id=?", [(i,) for i in ids])

    # articles -----------------------------------------------------------------------------------
    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            rows = self.query(f"SELECT id, content_hash FROM articles WHERE id IN ({','.join('?' * len(part))})",
                              part)
            out.update({r["id"]: r["content_hash"] for r in rows})
        return out

    def ids_for_source(self, source: str) -> list[str]:
        return [r["id"] for r in self.query("SELECT id FROM articles WHERE source=?", (source,))]

    def vector_ids(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"chunks": [], "quotes": []}
        for aid in article_ids:
            out["chunks"] += [r["id"] for r in self.query("SELECT id FROM chunks WHERE article_id=?", (aid,))]
            out["quotes"] += [r["id"] for r in self.query("SELECT id FROM quotes WHERE article_id=?", (aid,))]
        return out

    def commit_articles(
        self,
        replace: list[str],
        articles: list[Article],
        chunks: list[Chunk],
        quotes: list[Quote],
        roles: list[tuple[str, str, str]],
    ) -> dict[str, list[str]]:
        """Swap old articles for new ones in one transaction; returns the now-stale vector ids."""
        # Only articles already stored have rows to delete. The FTS tables cannot index article_id, so a
        # delete there scans the whole table: never for new articles, and once per batch for the rest.
        existing = sorted(self.article_hashes(set(replace) | {a.id for a in articles}))
        stale = self.vector_ids(existing)
        new_vector_ids = {c.id for c in chunks} | {q.id for q in quotes}
        stale = {k: [i for i in v if i not in new_vector_ids] for k, v in stale.items()}
        with self.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO pending(vector_id, collection) VALUES (?, ?)",
                          [(i, k) for k, v in stale.items() for i in v])
            for i in range(0, len(existing), 500):
                part = existing[i:i + 500]
                marks = ",".join("?" * len(part))
                c.execute(f"DELETE FROM articles WHERE id IN ({marks})", part)
                for table in ("chunks", "quotes", "chunks_fts", "quotes_fts", "roles"):
                    c.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", part)
            # ingested_at is set here, not by the column default: SQLite before 3.42 returns NULL for
            # unixepoch('subsec'), and notifications read "new since a follow" from this column.
            now = time.time()
            c.executemany(
                "INSERT INTO articles(id, content_hash, source, title, outlet, author, published, updated, url,"
                " category, text, paragraphs, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(a.id, a.content_hash, a.source, a.title, a.outlet, a.author, a.published, a.updated, a.url,
                  a.category, a.text, json.dumps(a.paragraphs), now) for a in articles],
            )
            c.executemany(
                'INSERT INTO chunks(id, article_id, start, "end", paragraph, text) VALUES (?,?,?,?,?,?)',
                [(k.id, k.article_id, k.start, k.end, k.paragraph, k.text) for k in chunks],
            )
            c.executemany("INSERT INTO chunks_fts(text, id, article_id) VALUES (?,?,?)",
                          [(k.text, k.id, k.article_id) for k in chunks])
            c.executemany(
                'INSERT INTO quotes(id, article_id, start, "end", text, speaker, speaker_key, speaker_mention,'
                " cue, kind, paragraph, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [(q.id, q.article_id, q.start, q.end, q.text, q.speaker, speaker_key(q.speaker),
                  q.speaker_mention, q.cue, q.kind, q.paragraph, q.confidence) for q in quotes],
            )
            c.executemany("INSERT INTO quotes_fts(text, speaker, id, article_id) VALUES (?,?,?,?)",
                          [(q.text, q.speaker or "", q.id, q.article_id) for q in quotes])
            c.executemany("INSERT OR IGNORE INTO roles(speaker_key, role, article_id) VALUES (?,?,?)", roles)
            c.executemany("DELETE FROM pending WHERE vector_id=?", [(i,) for i in new_vector_ids])
            c.execute("INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE"
                      " SET value = CAST(value AS INTEGER) + 1")
        return stale

    # reads --------------------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        rows = self.query("SELECT * FROM articles WHERE id=?", (article_id,))
        return _article(rows[0]) if rows else None

    def articles(self) -> list[Article]:
        return [_article(r) for r in self.query(
            "SELECT * FROM articles ORDER BY COALESCE(NULLIF(published, ''), updated, '') DESC, title")]

    def count(self, table: str) -> int:
        assert table in {"articles", "chunks", "quotes", "chunks_fts", "quotes_fts", "pending", "roles"}
        return int(self.query(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    def chunks_by_id(self, ids: Iterable[str]) -> dict[str, Chunk]:
        return {r["id"]: _chunk(r) for r in self._by_ids("chunks", ids)}

    def quotes_by_id(self, ids: Iterable[str]) -> dict[str, Quote]:
        return {r["id"]: _quote(r) for r in self._by_ids("quotes", ids)}

    def _by_ids(self, table: str, ids: Iterable[str]) -> list[sqlite3.Row]:
        return self._by_column(table, "id", ids)

    def quotes_of_articles(self, article_ids: Iterable[str]) -> list[Quote]:
        return [_quote(r) for r in self._by_column("quotes", "article_id", article_ids)]

    def chunk_spans(self, article_ids: Iterable[str]) -> dict[str, list[tuple[int, int, str]]]:
        """Each article's passages as (start, end, chunk id), in order: which passage holds a quote."""
        spans: dict[str, list[tuple[int, int, str]]] = {}
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for r in self.query(f'SELECT id, article_id, start, "end" FROM chunks WHERE article_id IN'
                                f' ({",".join("?" * len(part))}) ORDER BY article_id, start', part):
                spans.setdefault(r["article_id"], []).append((r["start"], r["end"], r["id"]))
        return spans

    def _by_column(self, table: str, column: str, values: Iterable[str]) -> list[sqlite3.Row]:
        values = list(dict.fromkeys(values))
        rows: list[sqlite3.Row] = []
        for i in range(0, len(values), 500):
            part = values[i:i + 500]
            rows += self.query(f"SELECT * FROM {table} WHERE {column} IN ({','.join('?' * len(part))})", part)
        return rows

    def quotes(self, *, speaker_keys: Iterable[str] | None = None, article_id: str | None = None) -> list[Quote]:
        sql, params = "SELECT q.* FROM quotes q JOIN articles a ON a.id=q.article_id", []
        where = []
        if speaker_keys is not None:
            keys = list(speaker_keys)
            if not keys:
                return []
            where.append(f"q.speaker_key IN ({','.join('?' * len(keys))})")
            params += keys
        if article_id:
            where.append("q.article_id=?")
            params.append(article_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        # Newest first by the article's date (published, else updated); undated ones last.
        sql += (" ORDER BY COALESCE(NULLIF(a.published, ''), a.updated, '') DESC, a.ingested_at DESC,"
                " q.article_id, q.start")
        return [_quote(r) for r in self.query(sql, params)]

    def speakers(self) -> list[sqlite3.Row]:
        return self.query(
            "SELECT speaker, speaker_key, count(*) AS n, count(DISTINCT article_id) AS articles FROM quotes"
            " WHERE speaker IS NOT NULL GROUP BY speaker_key ORDER BY n DESC"
        )

    def all_roles(self) -> dict[str, list[str]]:
        """Every speaker's roles (most often given first), keyed as the attribution stores them."""
        roles: dict[str, list[str]] = {}
        for r in self.query("SELECT speaker_key, role, count(*) AS n FROM roles GROUP BY speaker_key, role"
                            " ORDER BY n DESC"):
            roles.setdefault(r["speaker_key"], []).append(r["role"])
        return roles

    def speaker_articles(self) -> dict[str, set[str]]:
        """The articles that quote each speaker key."""
        found: dict[str, set[str]] = {}
        for r in self.query("SELECT DISTINCT speaker_key, article_id FROM quotes WHERE speaker IS NOT NULL"):
            found.setdefault(r["speaker_key"], set()).add(r["article_id"])
        return found

    def stories_quoting(self, keys: Iterable[str]) -> int:
        """How many articles quote any of these speaker keys."""
        keys = list(keys)
        if not keys:
            return 0
        marks = ",".join("?" * len(keys))
        return int(self.query(f"SELECT COUNT(DISTINCT article_id) AS n FROM quotes WHERE speaker_key IN ({marks})",
                              tuple(keys))[0]["n"])

    def roles_of(self, key: str) -> list[str]:
        return [r["role"] for r in self.query(
            "SELECT role, count(*) AS n FROM roles WHERE speaker_key=? GROUP BY role ORDER BY n DESC", (key,))]

    def fts_count(self, table: str, query: str, cap: int | None = None) -> int:
        """How many rows match a lexical query (a word's document frequency), counting at most `cap`: a
        full count walks every match, so it grows with the coverage; a capped one stops early."""
        assert table in {"chunks_fts", "quotes_fts"}
        if cap is None:
            return int(self.query(f"SELECT count(*) AS n FROM {table} WHERE {table} MATCH ?", (query,))[0]["n"])
        return int(self.query(f"SELECT count(*) AS n FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)",
                              (query, cap))[0]["n"])

    def fts_any(self, table: str, query: str) -> bool:
        """Whether anything matches (the first match ends the search; ranking would score every match)."""
        assert table in {"chunks_fts", "quotes_fts"}
        return bool(query) and bool(self.query(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", (query,)))

    def vocabulary(self) -> dict[str, int]:
        """Every term of the passages' word index (stemmed as it indexes them) with how many passages hold it.
        (A temporary table: reading it changes nothing in the database.)"""
        with self._lock:
            self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunks_vocab "
                              "USING fts5vocab(main, 'chunks_fts', 'row')")
            return {r[0]: r[1] for r in self.conn.execute("SELECT term, doc FROM temp.chunks_vocab")}

    def passages_with(self, term: str, limit: int) -> list[str]:
        """The text of a few passages holding an indexed term (a common word too: "abot" is read as "about")."""
        return self.passages_matching(fts_query(term, keep_stopwords=True), limit)

    def passages_matching(self, query: str, limit: int) -> list[str]:
        """The text of a few passages matching a lexical query as written ('"world cup"': the phrase); an empty
        query matches none (FTS5 rejects it as a syntax error)."""
        if not query:
            return []
        return [r["text"] for r in self.query("SELECT text FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?",
                                              (query, limit))]

    def search_fts(self, table: str, query: str, limit: int) -> list[tuple[str, float]]:
        assert table in {"chunks_fts", "quotes_fts"}
        if not query:
            return []
        rows = self.query(
            f"SELECT id, bm25({table}) AS score FROM {table} WHERE {table} MATCH ? ORDER BY score LIMIT ?",
            (query, limit),
        )
        return [(r["id"], -float(r["score"])) for r in rows]


def _article(r: sqlite3.Row) -> Article:
    return Article(
        id=r["id"], title=r["title"] or "", text=r["text"], outlet=r["outlet"] or "", author=r["author"] or "",
        published=r["published"] or "", updated=r["updated"] or "", url=r["url"] or "",
        category=r["category"] or "", source=r["source"], content_hash=r["content_hash"],
        paragraphs=[tuple(p) for p in json.loads(r["paragraphs"])],
    )


def _chunk(r: sqlite3.Row) -> Chunk:
    return Chunk(id=r["id"], article_id=r["article_id"], text=r["text"], start=r["start"], end=r["end"],
                 paragraph=r["paragraph"])


def _quote(r: sqlite3.Row) -> Quote:
    return Quote(id=r["id"], article_id=r["article_id"], text=r["text"], start=r["start"], end=r["end"],
                 speaker=r["speaker"], speaker_mention=r["speaker_mention"] or "", cue=r["cue"] or "",
                 kind=r["kind"] or "direct", paragraph=r["paragraph"] or 0,
                 confidence=r["confidence"] if r["confidence"] is not None else 1.0)

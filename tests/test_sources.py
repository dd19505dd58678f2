"""Every input format, and every kind of bad input reported with where and why."""

from __future__ import annotations

import json
from pathlib import Path

from bot.ingest.sources import SourceReader, expand
from tests.conftest import free_port
from tests.fakes.web import FakeWeb

ARTICLE_HTML = """<!doctype html><html><head><title>Minister quits | Daily Example</title>
<meta property="og:site_name" content="Daily Example"><meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-01T10:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Minister quits over budget row</h1>
<p>The finance minister resigned on Friday after a row over the budget that had lasted several weeks.</p>
<p>"I cannot support a plan that punishes the poorest families," Maria Lopez said in a statement.</p>
<p>Prime Minister Tom Hale thanked her for her service and said a successor would be named soon.</p>
<p>Opposition leaders called the resignation "long overdue" and demanded an early election.</p>
</article><footer>Copyright Daily Example. Subscribe now.</footer></body></html>"""


def _read_all(targets: list[str]) -> list:
    reader = SourceReader(max_file_bytes=1_000_000, fetch_timeout=5, allowed_hosts=["127.0.0.1"])
    units, missing = expand(targets)
    items = list(missing)
    for unit in units:
        items += list(reader.read(unit))
    reader.close()
    return items


def test_every_file_format(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("Plain title\n\nFirst paragraph of plain text.\n\nSecond one.", encoding="utf-8")
    (d / "b.md").write_text(
        "---\ntitle: Markdown story\nurl: https://example.org/md\noutlet: Example Post\nauthor: Ann Lee\n"
        "published: 2024-01-05\n---\n# Markdown story\n\nBody with a [link](https://x.org) in it.\n",
        encoding="utf-8")
    (d / "sub" / "c.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (d / "sub" / "d.json").write_text(json.dumps(
        {"id": "j-1", "title": "Json story", "text": "Text of the JSON article.", "outlet": "BBC News"}))
    (d / "e.jsonl").write_text("\n".join(json.dumps(
        {"id": f"l-{i}", "title": f"Line {i}", "text": f"Body {i}."}) for i in range(3)) + "\n")
    (d / "ignored.csv").write_text("a,b\n")
    items = _read_all([str(d)])
    errors = {i.where: i.error for i in items if i.error}
    assert errors == {str(d / "ignored.csv"): "unsupported file type .csv; use .txt, .md, .html, .json or .jsonl"}
    items = [i for i in items if i.article]
    by_title = {i.article.title: i.article for i in items}
    assert set(by_title) >= {"Plain title", "Markdown story", "Json story", "Line 0", "Line 2"}
    md = by_title["Markdown story"]
    assert (md.url, md.outlet, md.author, md.published) == ("https://example.org/md", "Example Post", "Ann Lee",
                                                            "2024-01-05")
    assert md.text == "Body with a link in it."
    html = next(a for a in by_title.values() if "Maria Lopez" in a.text)
    assert "Home" not in html.text and "Subscribe" not in html.text
    assert html.outlet == "Daily Example" and html.published == "2024-03-01"
    assert by_title["Json story"].id == "j-1" and by_title["Json story"].outlet == "BBC News"


def test_bad_inputs_are_reported_and_good_ones_land(tmp_path: Path) -> None:
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (d / "latin1.txt").write_bytes("Caf\xe9 story\n\nNa\xefve text.".encode("latin-1"))
    (d / "broken.json").write_text('{"title": "x", "text": ')
    (d / "lines.jsonl").write_text(
        json.dumps({"id": "ok-1", "title": "Good", "text": "Good line."}) + "\n{not json}\n"
        + json.dumps({"id": "ok-2", "title": "No text"}) + "\n"
        + json.dumps({"id": "ok-3", "title": "Good too", "text": "Another good line."}) + "\n")
    (d / "good.txt").write_text("Good title\n\nGood body.", encoding="utf-8")
    (d / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    url = f"http://127.0.0.1:{free_port()}/gone"
    items = _read_all([str(d), url, str(tmp_path / "missing.txt")])
    errors = {i.where: i.error for i in items if i.error}
    good = {i.article.title for i in items if i.article}
    assert good == {"Good", "Good too", "Good title"}
    assert errors[str(d / "empty.txt")] == "empty file"
    assert "binary" in errors[str(d / "binary.txt")]
    assert "UTF-8" in errors[str(d / "latin1.txt")]
    assert any(w.startswith(str(d / "broken.json")) and "malformed JSON" in e for w, e in errors.items())
    assert "malformed JSON" in errors[f"{d / 'lines.jsonl'}:2"]
    assert "text" in errors[f"{d / 'lines.jsonl'}:3"]
    assert "no article text" in errors[str(d / "nav.html")]
    assert "unreachable" in errors[url]
    assert "no such file" in errors[str(tmp_path / "missing.txt")]


def test_page_and_feed_over_http() -> None:
    pages: dict[str, tuple[str, bytes | str, int]] = {"/story": ("text/html", ARTICLE_HTML, 200)}
    with FakeWeb(pages) as web:
        feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Feed</title>
        <item><title>Minister quits</title><link>{web.url}/story</link>
        <pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate></item>
        <item><title>Gone</title><link>{web.url}/missing</link></item>
        <item><title>No link</title></item></channel></rss>"""
        pages["/feed.xml"] = ("application/rss+xml", feed, 200)
        items = _read_all([f"{web.url}/story", f"{web.url}/feed.xml"])
    articles = [i.article for i in items if i.article]
    errors = [(i.where, i.error) for i in items if i.error]
    assert len(articles) == 2
    assert all(a.url == f"{web.url}/story" and "Maria Lopez" in a.text for a in articles)
    assert articles[1].title == "Minister quits" and articles[1].published == "2024-03-01"
    assert len(errors) == 2
    assert any("HTTP 404" in e for _, e in errors)
    assert any("no link" in e for _, e in errors)

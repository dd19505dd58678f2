"""Views besides answers: what the coverage holds, a speaker's quotes."""

from __future__ import annotations

from pathlib import Path

from bot.models import Article, Quote
from bot.rendering.views import sources_view, who_page
from bot.storage.catalog import Catalog


def _catalog(tmp_path: Path) -> tuple[Catalog, list[Article]]:
    catalog = Catalog(tmp_path / "c.sqlite3")
    articles = [
        Article(id="old", title="Rates &amp; prices", text="x", published="2004-01-02", content_hash="1",
                source="a.jsonl", url="https://example.org/old"),
        Article(id="new", title="Newest story", text='"We will act," she said.', published="2005-03-04",
                content_hash="2", source="b.txt"),
        Article(id="mid", title="Middle", text="y", published="2004-06-01", content_hash="3", source="c.txt"),
    ]
    catalog.commit_articles([], articles, [], [], [])
    return catalog, articles


def test_sources_real_range_newest_first_titles_decoded(tmp_path: Path) -> None:
    catalog, _ = _catalog(tmp_path)
    view = sources_view(catalog)
    assert "Dates: 2004-01-02 to 2005-03-04" in view
    latest = view.split("Latest:")[1]
    assert latest.index("Newest story") < latest.index("Middle") < latest.index("Rates &amp; prices")
    assert "&amp;amp;" not in view


def test_who_page_has_dates_and_links(tmp_path: Path) -> None:
    _, articles = _catalog(tmp_path)
    by_id = {a.id: a for a in articles}
    quotes = [Quote(id="new:q0", article_id="new", text="We will act", start=1, end=12, speaker="Ann Lee",
                    cue="said")]
    page = who_page("Ann Lee", quotes, by_id, 0, bot_username="realbot")
    assert "2005-03-04" in page and "https://t.me/realbot?start=src_new_1_12" in page
    offline = who_page("Ann Lee", quotes, by_id, 0)
    assert "t.me" not in offline and "<b>Ann Lee</b>" in offline

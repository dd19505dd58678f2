"""Cleaning, metadata and ids of articles."""

from __future__ import annotations

from bot.ingest.articles import article_id, canonical_url, normalise_date
from bot.ingest.sources import article_from_text
from tests.conftest import SEED


def _seed():
    return article_from_text(str(SEED), SEED.read_text(encoding="utf-8"))


def test_seed_title_and_metadata_from_furniture() -> None:
    article = _seed()
    assert article.title == "Putin's Closest Ally Alleges NATO Plot"
    assert article.outlet == "Newsweek"
    assert article.author == "Brendan Cole"
    assert article.updated == "2024-02-23"


def test_seed_promo_block_is_not_indexed() -> None:
    text = _seed().text
    for furniture in ("Uncommon Knowledge", "About the writer", "Newsweek is committed", "Read more",
                      "Newsweek magazine delivered", "ad-free browsing", "Click here", "Update 02/23/24",
                      "Getty Images"):
        assert furniture not in text
    assert text.endswith("more than the preservation of the country.\"")
    assert "Newsweek has contacted NATO for comment by email." in text


def test_paragraph_offsets_are_exact() -> None:
    article = _seed()
    assert len(article.paragraphs) >= 15
    for start, end in article.paragraphs:
        para = article.text[start:end]
        assert para == para.strip() and "\n" not in para
    assert article.text[slice(*article.paragraphs[0])].startswith("Belarusian president Alexander Lukashenko")


def test_ids_are_stable_and_content_based() -> None:
    a, b = _seed(), _seed()
    assert a.id == b.id and a.content_hash == b.content_hash
    assert article_id("", "T", "Some  text") == article_id("", "t", "some text")
    assert article_id("https://EX.com/a/?utm_source=x#frag", "", "") == article_id("https://ex.com/a", "x", "y")
    assert canonical_url("https://ex.com/a/?b=1&utm_medium=z") == "https://ex.com/a?b=1"


def test_dates_normalise() -> None:
    assert normalise_date("02/23/24") == "2024-02-23"
    assert normalise_date("2024-02-23T09:40:00Z") == "2024-02-23"
    assert normalise_date("Fri, 23 Feb 2024 09:40:00 GMT") == "2024-02-23"
    assert normalise_date("February 23, 2024") == "2024-02-23"
    assert normalise_date("someday") == ""


def test_character_references_left_in_text_are_decoded() -> None:
    """The BBC corpus holds 'Jos&#233; Manuel Barroso': readers see, and quotes match, 'José'."""
    article = article_from_text("r.txt", "Barroso&#39;s plan &amp; more\n\n\"We will not refer a new proposal,\" said "
                                          "Jos&#233; Manuel Barroso. Prices rose by &#163;5. AT&T and &bogus; stay.\n")
    assert article.title == "Barroso's plan & more"
    assert "said José Manuel Barroso. Prices rose by £5. AT&T and &bogus; stay." in article.text


def test_an_apostrophe_a_wrong_code_page_made_a_question_mark_is_an_apostrophe() -> None:
    """'Mr Blair&#191;s government' (three times in the BBC corpus) had been shown as 'Blair¿s'; a Spanish
    question opening with ¿ keeps it."""
    article = article_from_text("r.txt", "Aid row\n\n\"Mr Blair&#191;s government must act,\" she said. "
                                          "&#191;Qué pasa? asked the sign.\n")
    assert "Mr Blair’s government must act" in article.text and "¿Qué pasa?" in article.text

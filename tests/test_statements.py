"""One statement in parts: which quotes continue one another."""

from __future__ import annotations

from bot.models import Quote
from bot.retrieval.statements import statements


def _quotes(text: str, speakers: list[str | None], kinds: list[str] | None = None) -> list[Quote]:
    """The double-quoted spans of `text` in order, given these speakers."""
    out, at, i = [], 0, 0
    while (open_at := text.find('"', at)) >= 0:
        close = text.find('"', open_at + 1)
        words = text[open_at + 1:close].rstrip(",")
        kind = (kinds or ["direct"] * len(speakers))[i]
        out.append(Quote(id=f"a:q{i}", article_id="a", text=words, start=open_at + 1, end=open_at + 1 + len(words),
                         speaker=speakers[i], kind=kind))  # type: ignore[arg-type]
        at, i = close + 1, i + 1
    return out


def test_a_statement_broken_by_he_said_is_one() -> None:
    text = ('"The tunnel is late and over budget," said Ann Reid, the council\'s transport chief. '
            '"Nobody should be surprised," she said. "We warned of this in 2019."')
    quotes = _quotes(text, ["Ann Reid"] * 3)
    parts = statements(text, quotes)
    assert [p.text for p in parts["a:q0"]] == [q.text for q in quotes]
    assert parts["a:q2"] == parts["a:q0"]


def test_a_sentence_of_the_journalists_own_ends_the_statement() -> None:
    text = ('"The tunnel is late," said Ann Reid. The council meets on Monday to discuss the costs. '
            '"We warned of this," she said.')
    assert statements(text, _quotes(text, ["Ann Reid", "Ann Reid"])) == {}


def test_another_speaker_or_a_partial_quote_or_no_speaker_is_not_joined() -> None:
    text = '"The tunnel is late," said Ann Reid. "It is not," said Tom Hale.'
    assert statements(text, _quotes(text, ["Ann Reid", "Tom Hale"])) == {}
    assert statements(text, _quotes(text, [None, None])) == {}
    text = 'Ann Reid called it "late and over budget" and said: "We warned of this."'
    assert statements(text, _quotes(text, ["Ann Reid", "Ann Reid"], ["partial", "direct"])) == {}


def test_a_quotation_running_on_into_the_next_paragraph_is_one_statement() -> None:
    text = '"The tunnel is late. It is over budget.\n\n"We warned of this in 2019," said Ann Reid.'
    first, second = "The tunnel is late. It is over budget.", "We warned of this in 2019"
    quotes = [Quote(id=f"a:q{i}", article_id="a", text=words, start=text.find(words),
                    end=text.find(words) + len(words), speaker="Ann Reid") for i, words in enumerate((first, second))]
    assert len(statements(text, quotes)["a:q1"]) == 2
    # Closed at the paragraph's end and opened again: two statements ("Reid added later").
    text = '"The tunnel is late," said Ann Reid.\n\n"We warned of this in 2019," Reid added later.'
    assert statements(text, _quotes(text, ["Ann Reid", "Ann Reid"])) == {}
    text = '"The tunnel is late," said Ann Reid.\n\nShe added: "We warned of this in 2019."'
    assert statements(text, _quotes(text, ["Ann Reid", "Ann Reid"])) == {}


def test_a_long_statement_keeps_the_parts_around_the_quote() -> None:
    text = " ".join(f'"Part {i} of a long speech," she said.' for i in range(7))
    quotes = _quotes(text, ["Ann Reid"] * 7)
    parts = statements(text, quotes)["a:q3"]
    assert len(parts) == 4 and quotes[3] in parts
    assert [p.start for p in parts] == sorted(p.start for p in parts)

"""Answers: gold questions through retrieval and the offline answerer, verification, links, rendering."""

from __future__ import annotations

import json
import random
from pathlib import Path
from urllib.parse import unquote

import pytest

from bot.answering.verify import verify
from bot.evaluation.questions import fragment_found, hit_at_k, question_scores, verified
from bot.models import Answer, Citation
from bot.rendering.links import parse_payload, source_payload, text_fragment
from bot.rendering.render import TELEGRAM_LIMIT, render_html, render_plain
from bot.services import Services
from tests.conftest import corpus_articles

GOLD = Path(__file__).parent / "gold"


def test_seed_gold_questions(seeded: Services) -> None:
    items = json.loads((GOLD / "seed_questions.json").read_text(encoding="utf-8"))
    load = seeded.retriever.article
    for item in items:
        answer = seeded.answerer.answer(item["question"])
        assert hit_at_k(answer, item, 5), (item, answer.answer)
        assert answer.refused == bool(item.get("refused")), item
        assert verified(answer, load) and fragment_found(answer, load)
        if not item.get("refused"):
            assert answer.citations[0].speaker == item["expected_speaker"]


def test_nato_refusal_says_what_the_coverage_holds(seeded: Services) -> None:
    answer = seeded.answerer.answer("Did anyone from NATO comment?")
    assert answer.refused
    assert "Newsweek has contacted NATO for comment by email." in answer.answer
    assert answer.citations and answer.citations[0].speaker is None


def test_bbc_gold_among_distractors(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from bot.config import Settings
    from bot.ingest.pipeline import Ingestor
    from bot.ingest.sources import SourceReader
    from bot.services import build_services

    records = corpus_articles()
    gold = json.loads((GOLD / "bbc_quotes.json").read_text(encoding="utf-8"))
    ids = {a["article_id"] for a in gold["articles"]}
    others = [r for r in records if r["id"] not in ids]
    random.Random(11).shuffle(others)
    subset = [r for r in records if r["id"] in ids] + others[:200]
    path = tmp_path / "subset.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in subset), encoding="utf-8")
    settings = Settings(_env_file=None, whosaid_data_dir=tmp_path / "data")  # type: ignore[call-arg]
    services = build_services(settings)
    reader = SourceReader(max_file_bytes=10**8, fetch_timeout=5)
    assert Ingestor(services.store, services.embedder, reader).run([str(path)]).ok
    services.store.close()
    items = json.loads((GOLD / "bbc_questions.json").read_text(encoding="utf-8"))
    scores = question_scores(items, settings, 5)
    assert scores["hit@5"] >= 0.9, scores
    assert scores["refusal_accuracy"] >= 0.9, scores
    assert scores["verified_quote_rate"] == 1.0


def _citation(n: int, quote: str, start: int, article_id: str = "a1") -> Citation:
    return Citation(n=n, quote=quote, article_id=article_id, start=start, end=start + len(quote), link="x")


def test_verify_drops_invented_quotes_and_dangling_markers() -> None:
    from bot.models import Article

    article = Article(id="a1", title="T", text='He said the plan was "dead in the water" and left.')
    start = article.text.index("dead")
    answer = Answer(question="q", answer="He called it “dead in the water” [1]. He also said “we will win” [1]. "
                                         "More at [3].", citations=[_citation(1, "dead in the water", start)])
    checked = verify(answer, lambda aid: article if aid == "a1" else None)
    assert "we will win" not in checked.answer and "[3]" not in checked.answer
    assert "“dead in the water” [1]" in checked.answer
    # Curly/straight quotes, dashes and spacing are normalised when matching.
    loose = Answer(question="q", answer='It was "dead  in the water" [1].', citations=answer.citations)
    assert "dead" in verify(loose, lambda aid: article).answer
    # A citation whose offsets do not hold the quote is dropped.
    bad = Answer(question="q", answer="x [1]", citations=[_citation(1, "dead in the water", 0)])
    assert verify(bad, lambda aid: article).citations == []


def test_text_fragment_and_deep_link_payloads() -> None:
    fragment = text_fragment("Polish-American intelligence, said the ministry & others")
    assert fragment.startswith("#:~:text=")
    assert "-" not in fragment.split("=", 1)[1].replace("%2D", "") and "&" not in fragment
    short = text_fragment("baseless")
    assert unquote(short.split("=", 1)[1]) == "baseless"
    long = text_fragment("one two three four five six seven eight nine ten")
    start, end = long.split("=", 1)[1].split(",")
    assert unquote(start) == "one two three four" and unquote(end) == "seven eight nine ten"
    payload = source_payload("bbc-politics-002", 120, 456)
    assert len(payload) <= 64 and parse_payload(payload) == ("bbc-politics-002", 120, 456)
    assert parse_payload("junk") is None


def test_render_html_escapes_and_splits(seeded: Services) -> None:
    answer = seeded.answerer.answer("What did Lukashenko say about Poland?")
    plain = render_plain(answer)
    assert "[1]" in plain and "Alexander Lukashenko" in plain
    html = render_html(answer)
    assert all(len(m) < TELEGRAM_LIMIT for m in html)
    assert "<blockquote>" in html[0]
    nasty = Answer(question="q", answer="<b>bold</b> & <script>x</script>\n" + ("word " * 2000),
                   citations=[])
    for message in render_html(nasty):
        assert "<script>" not in message and "<b>bold" not in message
        assert len(message) < TELEGRAM_LIMIT


def test_refuses_what_the_coverage_does_not_hold(seeded: Services) -> None:
    from bot.answering.offline import OTHER_LANGUAGE

    hello = seeded.answerer.answer("hi")
    assert hello.refused and hello.answer.startswith("Hello") and not hello.citations
    # A farewell too ("Thanks, that's all - bye!" had been searched for: a tennis player's first-round "bye").
    bye = seeded.answerer.answer("Thanks, that's all - bye!")
    assert bye.refused and bye.answer.startswith("You're welcome") and not bye.citations
    assert seeded.answerer.answer("hello, thanks").answer.startswith("Hello")
    assert seeded.answerer.answer("Wer hat die Bundestagswahl gewonnen?").answer == OTHER_LANGUAGE
    for question in ("asdf qwe", "   ", "What is the capital of France?", "how much is bitcoin worth right now?"):
        answer = seeded.answerer.answer(question)
        assert answer.refused, (question, answer.answer)
        assert not any(c.is_quote for c in answer.citations), question
    absent = seeded.answerer.answer("What did Greta Thunberg say about climate change?")
    assert absent.refused and "Greta Thunberg" in absent.answer


def test_names_typos_follow_ups_and_honest_quotes(seeded: Services) -> None:
    lower = seeded.answerer.answer("what did lukashenko say about war?")
    assert not lower.refused and {c.speaker for c in lower.citations} == {"Alexander Lukashenko"}
    assert "war" in lower.citations[0].quote
    accent = seeded.answerer.answer("What did Franak Viacorka say?")
    assert accent.citations and all(c.speaker == "Franak Viačorka" for c in accent.citations)
    typo = seeded.answerer.answer("What did Alexandr Lukashenka say about Poland?")
    assert typo.answer.startswith("Showing Alexander Lukashenko") and typo.citations[0].speaker == "Alexander Lukashenko"
    # A follow-up keeps the speaker of the answer it follows, not the first speaker of the article.
    first_question = "What did Lukashenko say about Poland?"
    first = seeded.answerer.answer(first_question)
    context = seeded.answerer.context_for(first_question, first)
    follow = seeded.answerer.answer("and about the war?", context)
    assert follow.citations[0].speaker == "Alexander Lukashenko" and "war" in follow.citations[0].quote
    # A who-question leads with the name; a partial quote is the outlet's report, not the speaker's words.
    who = seeded.answerer.answer("Who called the claims baseless?")
    assert who.answer.split("\n")[0].startswith("Polish foreign ministry")
    assert who.citations[0].speaker_words == "baseless"
    html = "\n".join(render_html(who))
    assert "dismissed" not in "".join(html.split("<blockquote>")[1:]).split("</blockquote>")[0]
    assert '"speaker_words":"baseless"' in who.model_dump_json()
    # Without a URL or a bot name the link is the source file and offsets, never a placeholder bot.
    link = who.citations[0].link
    assert "whosaid_bot" not in link and link.endswith(f"#chars={who.citations[0].start}-{who.citations[0].end}")


def test_a_passage_that_cuts_a_quotation_shows_no_unpaired_quotation_mark() -> None:
    from bot.answering.offline import _passage_text

    cut = '"Victor Conte is a man facing a 42-count federal indictment, while Marion Jones is not.'
    assert _passage_text(cut) == "Victor Conte is a man facing a 42-count federal indictment, while Marion Jones is not."
    whole = 'He called it "baseless" on Monday.'
    assert _passage_text(whole) == "He called it “baseless” on Monday."


def _services_over(tmp_path: Path, files: dict[str, str]) -> Services:
    """A fresh store holding these articles (name -> text), with the real embedder and pipeline."""
    from bot.config import Settings
    from bot.ingest.pipeline import Ingestor
    from bot.ingest.sources import SourceReader
    from bot.services import build_services

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    settings = Settings(_env_file=None, whosaid_data_dir=tmp_path / "data")  # type: ignore[call-arg]
    services = build_services(settings)
    reader = SourceReader(max_file_bytes=10**6, fetch_timeout=5)
    assert Ingestor(services.store, services.embedder, reader).run([str(tmp_path / n) for n in files]).ok
    return services


def test_a_who_question_about_a_deed_lists_no_speakers_as_its_answer(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'Who won the final?' is not 'who said …': the quoted players did not win it by speaking."""
    services = _services_over(tmp_path, {"final.txt": (
        "Rovers lift the cup\n\n"
        "Rovers won the county cup final on penalties at the weekend after a goalless draw with United.\n\n"
        "\"We were the better side in the final and we deserved it,\" said Rovers captain Tom Hale.\n\n"
        "United manager Sam Price criticised the referee. \"Three decisions went against us in the final,\" "
        "Price said.\n")})
    # Only the captain's quote holds these words, yet he is not "who was the better side": no name leads.
    deed = services.answerer.answer("Who was the better side in the final?")
    assert not deed.answer.splitlines()[0].startswith("Tom Hale [")
    assert "better side in the final" in deed.answer  # the words are still shown, with their speaker
    # Nor is a quotation shown under its speaker's name as the answer to who did something.
    won = services.answerer.answer("Who won the county cup final?")
    assert not won.refused and not any(c.is_quote for c in won.citations) and "Rovers won" in won.answer
    # A speech act is asked about: the speaker who did it leads.
    spoke = services.answerer.answer("Who complained about three decisions?")
    assert spoke.answer.splitlines()[0] == "Sam Price [1]."
    services.store.close()


def test_a_how_much_question_shows_the_sentence_with_the_figure(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """The name in a one-sentence lede, the figure in the next paragraph: the answer holds both, and a figure
    the question itself gives ('400m') is not taken for the answer."""
    services = _services_over(tmp_path, {"run.txt": (
        "Okoro storms to indoor best\n\n"
        "Teenager Sam Okoro ran the fastest indoor 400m of the season at the Leeds Invitational meeting.\n\n"
        "The junior champion clocked 45.12 seconds to finish well clear of the field in Yorkshire. Coach Ann "
        "Reid was delighted with the result.\n")})
    answer = services.answerer.answer("How fast did Sam Okoro run the indoor 400m at Leeds?")
    assert not answer.refused
    assert "45.12 seconds" in answer.citations[0].quote and "Sam Okoro" in answer.citations[0].quote
    assert "45.12 seconds" in answer.answer.splitlines()[0]
    services.store.close()


def test_who_at_an_organisation_asks_what_was_said_not_who_names_it(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'Who at the Harbour Trust complained about X?': the organisation places the speaker; the answer is the
    one who complained about X, not whichever quote names the organisation most."""
    services = _services_over(tmp_path, {
        "a.txt": "Harbour Trust holds fees\n\n"
                 "The Harbour Trust complained it was \"disappointed by the slow growth of Harbour Trust "
                 "membership\" this year.\n",
        "b.txt": "Dock owners count the cost\n\n"
                 "A Harbour Trust survey found confidence fell among dock owners.\n\n"
                 "\"The relentless growth in paperwork remains a serious problem,\" said Ruth Ames, its "
                 "director.\n"})
    answer = services.answerer.answer("Who at the Harbour Trust complained about the relentless growth in paperwork?")
    assert answer.answer.splitlines()[0].startswith("Ruth Ames [1]")
    services.store.close()


def test_a_hit_only_the_lexical_index_found_is_weighed_by_meaning_too(seeded: Services) -> None:
    """Fusion hands the answerer hits from the word index that the vector search did not return; each must
    carry its similarity to the question, or its relevance counts its words and no meaning at all."""
    retriever = seeded.retriever
    question = "What did Lukashenko say about Poland?"
    vector = seeded.embedder.embed_query(question)
    quote = seeded.store.catalog.quotes()[0]
    chunk_id = next(iter(seeded.store.catalog.chunks_by_id(
        i for i in seeded.store.collections["chunks"].get(include=[])["ids"][:1])))
    hits = retriever._hits({quote.id: 0.02, chunk_id: 0.01}, {}, retriever.analyse(question), 8, vector)
    assert {h.id for h in hits} == {quote.id, chunk_id}
    assert all(h.dense > 0.05 for h in hits)


def test_a_quote_holding_two_uncommon_question_words_side_by_side_weighs_more() -> None:
    """'who said the centre was absolutely mobbed?': "It has been phenomenal - absolutely mobbed." holds the
    question's own phrase; a quote holding the same words apart, or a passage, gets no such bonus."""
    from bot.answering.evidence import Terms
    from bot.answering.offline import PHRASE_BONUS, relevance
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.stems import stem_pairs

    article = article_from_text("c.txt", "Shops\n\n\"It has been phenomenal - absolutely mobbed,\" said Jon Reed. "
                                         "\"We were mobbed, and absolutely delighted,\" said Ann Bell.\n")
    quotes, _ = extract_quotes(article)
    together, apart = (Hit("quote", q.id, 1.0, article, quote=q) for q in quotes)
    weights = {"absolu": 5.0, "mobb": 8.0, "centre": 4.0}
    plain = Terms(weights)
    phrased = Terms(weights, stem_pairs("centre absolutely mobbed"))
    assert relevance(together, phrased) - relevance(together, plain) == pytest.approx(PHRASE_BONUS)
    assert relevance(apart, phrased) == pytest.approx(relevance(apart, plain))


def test_a_figure_written_in_words_answers_how_many() -> None:
    from bot.answering.evidence import overlap

    terms = {"comput": 1.0, "hijack": 1.0, "<number>": 6.0}
    assert overlap(terms, "More than one million computers have been hijacked.") == pytest.approx(1.0)
    assert overlap(terms, "Many computers have been hijacked.") == pytest.approx(2 / 8)


def test_optional_embeddings_that_fail_are_no_vector_failure(seeded: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A lexical hit's similarity is a nicety: a client that cannot give it (a vector committed by another
    writer a moment ago) must not mark the answer lexical, as a failed nearest-neighbour search does."""
    store = seeded.store
    inner = store._raw["quotes"]

    class Failing:
        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(inner, name)

        def get(self, **kwargs):  # type: ignore[no-untyped-def]
            raise RuntimeError("Error finding id")

    monkeypatch.setitem(store._raw, "quotes", Failing())
    before = store.vector_failures
    got = store.collections["quotes"].get(ids=["x"], include=["embeddings"], optional=True)
    assert got["ids"] == [] and store.vector_failures == before
    store.collections["quotes"].get(ids=["x"], include=["embeddings"])
    assert store.vector_failures == before + 1


def test_a_speakers_answer_takes_three_different_quotations_and_cites_copies_along() -> None:
    """The corpus holds some stories twice: two copies of one quote must not fill two of the three places."""
    from bot.answering.offline import _distinct
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit

    hits = []
    for name in ("a.txt", "b.txt"):
        article = article_from_text(name, "Hague\n\n\"Maybe I was not as driven as I thought,\" said Hague. \"No. "
                                          "Definitely not,\" he replied. \"I will keep writing books,\" he added. "
                                          "\"Don't rush me,\" he said.\n")
        hits += [Hit("quote", q.id, 1.0, article, quote=q) for q in extract_quotes(article)[0]]
    hits.sort(key=lambda h: h.quote.start)  # each quote's two copies side by side, as ranking puts them
    chosen = _distinct(hits, 3)
    assert len({h.text for h in chosen}) == 3 and len(chosen) == 6
    assert "Don't rush me" not in {h.text for h in chosen}


def test_a_quotation_of_several_sentences_is_read_with_the_sentence_that_holds_it() -> None:
    """'Asked if he would stand for the leadership again, Mr Hague replied: "No. Definitely not."': the reply
    runs over two sentences; read alone, it lost the question it answers ('leadership again')."""
    from bot.answering.evidence import quote_context, sentence_around
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit

    text = ("Hague\n\nHe is writing a book. Asked if he would stand for the leadership again, Mr Hague replied: "
            "\"No. Definitely not.\" He wants a family.\n")
    article = article_from_text("h.txt", text)
    quotes, _ = extract_quotes(article)
    reply = next(q for q in quotes if q.text.startswith("No."))
    context = quote_context(Hit("quote", reply.id, 1.0, article, quote=reply))
    assert context.startswith("Asked if he would stand for the leadership again") and context.endswith("not.\"")
    lo, hi = sentence_around(article.text, reply.start, reply.end)
    assert "writing a book" not in article.text[lo:hi] and "family" not in article.text[lo:hi]


def test_a_follow_up_asks_on_about_the_story_just_shown(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'and what did Ward say?' after an answer from one match report is about that match: Ward's words in
    that report come first, though another story holds more of the carried topic's words."""
    services = _services_over(tmp_path, {
        "dubai.txt": "Hale beats Ward in Dubai\n\n"
                     "Nina Hale beat Jo Ward in the Dubai Open quarter-finals on Tuesday.\n\n"
                     "\"I feel I have an advantage in Dubai because I have played two matches here,\" said Hale.\n\n"
                     "\"It was really windy and none of my shots went in,\" said Ward after the defeat.\n",
        "prize.txt": "Ward backs equal prize money in Dubai\n\n"
                     "Jo Ward said the Dubai tournament was right to pay men and women the same.\n\n"
                     "\"Women bring in the crowds in Dubai too,\" Ward said of the "
                     "Dubai prize money.\n"})
    first_question = "What did Hale say about facing Ward in Dubai?"
    first = services.answerer.answer(first_question)
    report = first.citations[0].article_id
    assert first.citations[0].title == "Hale beats Ward in Dubai"
    context = services.answerer.context_for(first_question, first)
    assert context.articles == [report]
    follow = services.answerer.answer("and what did ward say?", context)
    assert follow.citations[0].speaker == "Jo Ward" and "really windy" in follow.citations[0].quote
    # Asked on its own, the words lead to the other story.
    alone = services.answerer.answer("What did Ward say about the crowds in Dubai?")
    assert alone.citations[0].title == "Ward backs equal prize money in Dubai"
    services.store.close()


def test_what_did_x_say_leads_with_a_statement_holding_the_topic_in_its_own_words() -> None:
    """Two quotes in one paragraph share its words; the one whose own words hold the question's comes first,
    and a fragment of three words comes after a full statement as relevant."""
    from bot.answering.offline import _said_rank
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit

    article = article_from_text("k.txt", "Homes\n\nThe Lib Dem leader set out the mutual homes plan. \"It is about "
                                         "fairness,\" said Charles Kennedy. \"Mutual homes let people build an "
                                         "equity stake,\" he said. He called the Tory scheme \"unfair on renters\" "
                                         "and said: \"Our mutual homes plan is fair on renters and buyers alike.\"\n")
    quotes, _ = extract_quotes(article)
    hits = {q.text: Hit("quote", q.id, 1.0, article, quote=q) for q in quotes}
    terms = {"mutual": 6.0, "home": 3.0, "plan": 3.0}
    assert _said_rank(hits["Mutual homes let people build an equity stake"], terms) > \
        _said_rank(hits["It is about fairness"], terms)
    renters = {"renter": 5.0}
    assert _said_rank(hits["Our mutual homes plan is fair on renters and buyers alike."], renters) > \
        _said_rank(hits["unfair on renters"], renters)


def test_what_did_x_say_shows_the_whole_statement_the_journalist_broke_up(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'"…," said Reid. "…," she said. "…"' is one statement: the answer shows its parts, each in its own
    marks and the cuts marked, cites the whole stretch, and says which words are hers."""
    from bot.rendering.views import source_view

    services = _services_over(tmp_path, {"tunnel.txt": (
        "Tunnel costs soar\n\n"
        "The harbour tunnel will open two years late, the council confirmed on Tuesday.\n\n"
        "\"The harbour tunnel is late and badly over budget,\" said Ann Reid, the council's transport chief. "
        "\"Nobody should be surprised,\" she said. \"We warned the contractors about the granite in 2019.\"\n\n"
        "\"The bus lanes will stay open,\" Reid added later.\n")})
    answer = services.answerer.answer("What did Ann Reid say about the granite and the tunnel?")
    first = answer.citations[0]
    article = services.retriever.article(first.article_id)
    assert article is not None and article.text[first.start:first.end] == first.quote
    assert first.speaker == "Ann Reid" and len(first.speaker_spans) == 3
    assert [article.text[a:b] for a, b in first.speaker_spans] == [
        "The harbour tunnel is late and badly over budget", "Nobody should be surprised",
        "We warned the contractors about the granite in 2019."]
    assert first.speaker_words == " … ".join(article.text[a:b] for a, b in first.speaker_spans)
    assert answer.answer.splitlines()[0] == (
        "Ann Reid (said): “The harbour tunnel is late and badly over budget” … “Nobody should be surprised” … "
        "“We warned the contractors about the granite in 2019.” [1]")
    assert len(answer.citations) == 2  # the three parts are one citation; the bus lanes quote is the other
    # Opened from Telegram, only her words are in bold, not "she said".
    view = source_view(article, first.start, first.end, first.speaker, first.speaker_spans)
    assert "<b>Nobody should be surprised</b>,\" she said." in view
    services.store.close()


def test_a_how_much_question_wants_a_figure_of_the_kind_it_asks_for() -> None:
    """'How many tickets…' is answered by a number of tickets, not by '10 weeks before' or a year; 'what rate'
    by a percentage; a figure the question gives itself answers nothing."""
    from bot.answering.evidence import Terms, overlap
    from bot.answering.quantity import asked
    from bot.retrieval.stems import stem

    def terms(question: str, words: dict[str, float]) -> Terms:
        return Terms({stem(w): n for w, n in words.items()} | {"<number>": 6.0}, asked=asked(question))

    tickets = terms("How many tickets were sold for the festival?", {"tickets": 5.0, "sold": 4.0, "festival": 4.0})
    counted = "Organisers said 130,000 tickets had been sold for the festival."
    assert overlap(tickets, counted) > overlap(tickets, "Festival tickets sold out 10 weeks before the gates opened.")
    assert overlap(tickets, counted) > overlap(tickets, "Festival tickets sold out in 1998 for the first time.")
    rate = terms("What was the UK jobless rate in 2004?", {"jobless": 6.0, "rate": 3.0})
    assert overlap(rate, "The jobless rate rose to 4.7%.") > overlap(rate, "The jobless rate rose by 32,000 people.")
    run = terms("How fast did Okoro run the 400m?", {"okoro": 7.0, "run": 2.0, "400m": 5.0})
    assert overlap(run, "Okoro will run the 400m.") < overlap(run, "Okoro will run the 400m in 45.12 seconds.")
    # "his 92-cap career": a figure joined to what it counts by a hyphen, a short noun keeping its "s".
    caps = terms("How many caps has Hale won?", {"caps": 5.0, "hale": 7.0, "won": 2.0})
    assert overlap(caps, "Hale ends his 92-cap career.") > overlap(caps, "Hale won as a 20-year-old.")


def test_how_many_counts_the_head_of_its_noun_phrase_and_an_exact_figure_beats_a_vague_one() -> None:
    """'How many new products…' counts products, not 'new'; 'How many Independent Spirit Awards did Sideways win?'
    counts awards; "about 13,000 slaves" says how many better than "thousands of slaves"."""
    from bot.answering.evidence import Terms, overlap
    from bot.answering.quantity import asked
    from bot.retrieval.stems import stem

    assert asked("How many new products are expected to be unveiled at CES?").noun == stem("products")
    assert asked("How many Independent Spirit Awards did Sideways win?").noun == stem("awards")
    assert asked("how many tickets were sold for t in the park").noun == stem("tickets")
    assert asked("how many net firms switched on the fingerprint system").noun == stem("firms")
    assert asked("How many?").kind == "any"
    # "What budget did the US National Cyber Security Division have?" asks for money ("about $80m"), not a staff.
    assert asked("What budget did the division have?").kind == "money"
    assert asked("What fine was he given?").kind == "money"
    awards = Terms({stem("sideways"): 6.0, stem("awards"): 4.0, "<number>": 6.0},
                   asked=asked("How many Independent Spirit Awards did Sideways win?"))
    assert overlap(awards, "Sideways won six awards.") > overlap(awards, "Sideways was made in 2003 by 12 people.")
    slaves = Terms({stem("slaves"): 8.0, "<number>": 6.0}, asked=asked("How many slaves were used as collateral?"))
    assert overlap(slaves, "About 13,000 slaves were used.") > overlap(slaves, "Thousands of slaves were used.")


def test_a_hyphenated_word_counts_as_its_parts_too() -> None:
    """'a pre-election spending spree' holds 'election'; the whole word still counts as itself."""
    from bot.retrieval.stems import content_stems

    stems = content_stems("We will not see a pre-election spending spree after the sell-out.")
    assert {"electi", "pre-el", "spend", "sell-o", "sell"} <= stems
    # ... and as one word: a question about the prepayment finds "the pre-payment".
    assert content_stems("the prepayment") <= content_stems("agreed on the pre-payment for deliveries")


def test_a_name_written_as_one_capitalised_word_counts_as_its_parts() -> None:
    """'how much did time warner profits rise?': the lede's "TimeWarner jumped 76%" held neither word; a
    surname's prefix is no word of its own ('MacDonald', 'DiCaprio')."""
    from bot.retrieval.stems import content_stems, stem

    assert content_stems("time warner profits") <= content_stems("Quarterly profits at TimeWarner jumped 76%")
    assert stem("donald") not in content_stems("Ian MacDonald resigned")
    assert stem("caprio") not in content_stems("DiCaprio arrived")


def test_a_how_much_question_finds_a_figure_moving_in_other_words() -> None:
    """'how much did time warner profits rise?' is answered by "profits … jumped 76%", which had lost to a
    sentence of sales that "rose 2%" (paired with the next one's profits); only for a figure asked for."""
    from bot.answering.evidence import Terms, overlap
    from bot.answering.quantity import asked
    from bot.retrieval.stems import stem

    weights = {stem("warner"): 6.8, stem("time"): 2.5, stem("profits"): 4.4, stem("rise"): 3.9}
    terms = Terms({**weights, "<number>": 6.0}, asked=asked("how much did time warner profits rise?"))
    lede = "Quarterly profits at TimeWarner jumped 76% to $1.13bn."
    assert overlap(terms, lede) > overlap(terms, "TimeWarner said sales rose 2%.")
    assert overlap(terms, "Profits dropped 5% at Time Warner.") < overlap(terms, lede)  # a fall is no rise
    assert overlap(Terms(weights), "Profits jumped at Time Warner.") < overlap(Terms(weights), "Profits rise at Time Warner.")


def test_a_two_letter_acronym_is_a_content_word() -> None:
    """'What did Howard say about TB checks?': TB is the point of the question (two letters were dropped as
    too short); the UK and the US, named everywhere, are not."""
    from bot.retrieval.stems import content_stems

    assert "tb" in content_stems("What did Howard say about TB checks?")
    assert "tb" in content_stems("Nearly two thirds of people with TB are born abroad")
    assert not {"uk", "us", "to", "of"} & content_stems("Talks in the UK and the US led to a lot of it")


def test_two_windows_of_one_long_statement_show_once() -> None:
    """A statement of five parts is cut into windows around each retrieved part; two overlapping windows are
    one quotation in the answer, not the same tribute printed twice."""
    from bot.answering.offline import _distinct
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.statements import statements

    body = "Jo Hale spoke at the funeral. " + " ".join(f'"Part {i} of the tribute to a great man," she said.'
                                                     for i in range(6))
    article = article_from_text("t.txt", "Tribute\n\n" + body + "\n\n\"Something else entirely,\" said Ann Reid.")
    quotes, _ = extract_quotes(article)
    joined = statements(article.text, quotes)
    first, later = (Hit("quote", q.id, 1.0, article, quote=q, parts=joined[q.id]) for q in (quotes[0], quotes[4]))
    assert first.parts != later.parts and first.end > later.start  # two overlapping windows
    other = Hit("quote", quotes[-1].id, 1.0, article, quote=quotes[-1])
    assert _distinct([first, later, other], 3) == [first, other]


def test_two_rare_words_side_by_side_in_a_question_are_searched_as_a_phrase(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """'…were a ludicrous improbability?': the two rare words the question writes side by side are looked up as
    a phrase among the quotes; common words, and words the question does not write together, are not."""
    from bot.retrieval.retrieve import Retriever
    from bot.retrieval.stems import stem

    rarity = {"tory": 3.9, "spend": 4.0, "plan": 3.2, "ludicr": 8.7, "improb": 8.7, "wasteful": 7.0}
    retriever = Retriever.__new__(Retriever)
    monkeypatch.setattr(retriever, "term_weights", lambda text: {stem(w): rarity.get(stem(w), 1.0)
                                                                for w in text.split()}, raising=False)
    assert retriever._rare_pairs("Tory spending plans were a ludicrous improbability") == ["ludicrous improbability"]
    assert retriever._rare_pairs("wasteful and ludicrous") == []


def test_a_partial_quote_whose_sentence_names_the_topic_answers_who_said_it(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'Tom Birch … told Radio Kent the show's star, Ann Vane, was "more eager than ever"': the quote's own
    words never name the show or its star, its sentence does. The speaker leads, not the passage; and another
    speaker in the same passage, whose words do not fit, is not named beside him."""
    services = _services_over(tmp_path, {"show.txt": (
        "Harbour Lights may return\n\n"
        "The broadcaster says there are no plans for a new series of the comedy Harbour Lights. But Tom Birch, "
        "who played the ferryman, told Radio Kent the show's star, Ann Vane, was \"more eager than ever\". "
        "Producer Liz Moss added: \"We would love to make a film one day.\"\n\n"
        "The last series ended in 1999 with the harbour flooding.\n"),
        # The question's common words, in another story: rarity must not make them the question's point.
        "parking.txt": "Parking plans\n\nThe council is keener than before on making more parking spaces. "
                       "\"We need more spaces before the summer,\" said councillor Joe Park.\n"})
    answer = services.answerer.answer("Who said Ann Vane is keener than before on making more Harbour Lights?")
    assert not answer.refused
    assert answer.answer.splitlines()[0] == "Tom Birch [1]."
    assert answer.citations[0].quote == "more eager than ever"
    assert all(c.speaker != "Liz Moss" for c in answer.citations)
    services.store.close()


def test_a_how_many_question_is_not_answered_by_a_quotation_without_a_figure() -> None:
    """A spokesman's words close to 'how many flights did Skyway cancel…' (in meaning and words) say no number:
    the sentence with the count answers, and the quotation is not among the lines."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.chunking import chunk_article
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import analyse

    said = article_from_text("a.txt", "Skyway counts the cost\n\n\"Skyway had to cancel flights because of the "
                                      "royal visit to Hanfield,\" spokesman Ian Dray said.")
    counted = article_from_text("b.txt", "Royal visit grounds Skyway\n\nIn all, 41 short-haul Skyway flights "
                                         "were cancelled during the royal visit.")
    quote = extract_quotes(said)[0][0]
    hits = [Hit("quote", quote.id, 1.0, said, quote=quote, dense=0.8)]
    hits += [Hit("chunk", c.id, 0.5, counted, chunk=c, dense=0.4) for c in chunk_article(counted)]
    question = "How many flights did Skyway cancel because of the royal visit?"
    answer = OfflineAnswerer().compose(analyse(question, None), hits)
    assert not answer.refused and "41 short-haul Skyway flights" in answer.answer.splitlines()[0]
    assert all(not c.is_quote for c in answer.citations)


def test_a_paraphrased_who_question_is_answered_by_the_quotation_the_searches_agree_on() -> None:
    """'Who said he was ready to do whatever he could to save Mary Hollis?' shares few words with "I am prepared
    to do anything I can to help save her life": answered when that quotation leads every search (close in
    meaning, a clear lead in the fused ranking); refused when it only ties with the rest."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.chunking import chunk_article
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo

    article = article_from_text("h.txt", "Campaigner pleads for aid worker\n\nFormer MP Tom Gale has appealed for the "
                                         "release of aid worker Mary Hollis.\n\nSpeaking in Leeds on Saturday at the "
                                         "first conference of his new party, Mr Gale said he had stayed out of such "
                                         "cases before. He said the war had been a mistake. \"I am prepared to do "
                                         "anything I can to help save her life.\"")
    quote = extract_quotes(article)[0][0]
    question = "Who said he was ready to do whatever he could to save Mary Hollis?"
    weights = {"ready": 2.0, "whatev": 2.0, "save": 3.0, "mary": 1.5, "holli": 1.5}

    def answer(lead: float) -> object:
        hits = [Hit("quote", quote.id, 0.033 * lead, article, quote=quote, dense=0.55)]
        hits += [Hit("chunk", c.id, 0.033, article, chunk=c, dense=0.25) for c in chunk_article(article)]
        info = QuestionInfo(question, who=True, about_speech=True, topic="ready whatever save Mary Hollis")
        return OfflineAnswerer().compose(info, hits, weights=weights)

    agreed = answer(1.4)
    assert not agreed.refused and agreed.answer.splitlines()[0] == "Tom Gale [1]."  # type: ignore[attr-defined]
    assert answer(1.02).refused  # type: ignore[attr-defined]


def test_how_long_wants_a_duration_and_what_score_wants_a_score() -> None:
    """'How long have they been a couple?' is answered by 'for more than two years', not by an age; 'what was the
    score?' by '4-6 7-6 (8-6) 6-4', not by a count of match points."""
    from bot.answering.evidence import Terms, overlap
    from bot.answering.quantity import asked
    from bot.retrieval.stems import stem

    def terms(question: str, words: dict[str, float]) -> Terms:
        return Terms({stem(w): n for w, n in words.items()} | {"<number>": 6.0}, asked=asked(question))

    couple = terms("How long have Ann Lee and Tom Ray been a couple?", {"ann": 5.0, "lee": 5.0, "tom": 3.0, "ray": 5.0})
    assert overlap(couple, "Ann Lee and Tom Ray have been together for more than two years.") > \
        overlap(couple, "Tom Ray, 26, proposed to singer Ann Lee, 23, on holiday.")
    cast = terms("How long did Tom Ray wear a body cast?", {"tom": 3.0, "ray": 5.0, "cast": 6.0})
    assert overlap(cast, "Tom Ray had to wear a body cast for three and a half months.") > \
        overlap(cast, "Tom Ray, 29, was put in a body cast in 2004 after 2 crashes.")
    score = terms("What was the score when Ray beat Lee in Dubai?", {"ray": 5.0, "lee": 5.0, "dubai": 6.0})
    assert overlap(score, "Ray beat Lee 4-6 7-6 (8-6) 6-4 in Dubai.") > \
        overlap(score, "Ray saved three match points against Lee in Dubai.")


def test_one_sentence_holding_the_answer_comes_before_a_pair_of_sentences_holding_as_much() -> None:
    """'By how much did Ostbrau's annual profits drop?': "Ostbrau saw its annual profits drop 33%" answers; a
    dividend sentence paired with the next one's "annual pre-tax profits" holds as many words, in two."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.chunking import chunk_article
    from bot.ingest.sources import article_from_text
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo

    paired = article_from_text("a.txt", "Brewers report\n\nOstbrau raised its dividend by 25% but warned of a drop in "
                                        "2005. Rival Kronbrau saw annual pre-tax profits fall to 3.4bn kroner.")
    single = article_from_text("b.txt", "Ostbrau profits fall\n\nDutch firm Ostbrau saw its annual profits drop 33% "
                                        "and warned that earnings may slide again.")
    hits = [Hit("chunk", c.id, 0.03, a, chunk=c, dense=0.6) for a in (paired, single) for c in chunk_article(a)]
    question = "By how much did Ostbrau's annual profits drop?"
    info = QuestionInfo(question, topic="Ostbrau's annual profits drop")
    weights = {"ostbrau": 8.0, "annual": 3.0, "profit": 3.0, "drop": 3.0}
    answer = OfflineAnswerer().compose(info, hits, weights=weights)
    assert "33%" in answer.answer.splitlines()[0]


def test_a_speaker_asked_about_a_topic_the_coverage_never_mentions_is_refused(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'What did Hale say about bitcoin?' had shown his words on something else; a topic the coverage holds,
    though none of his quotes names it, gets his words in the story about it."""
    services = _services_over(tmp_path, {"fuel.txt": (
        "Fuel duty frozen\n\n"
        "The chancellor Tom Hale froze fuel duty on Wednesday, blaming volatile oil markets.\n\n"
        "\"Families should not pay for the turmoil in the oil market,\" Mr Hale said.\n\n"
        "Two councillors defected to the Veritas party last week. Party chair Ann Reid wrote to them. "
        "\"You must return your seats to the voters who elected you,\" she wrote.\n")})
    refused = services.answerer.answer("What did Tom Hale say about bitcoin?")
    assert refused.refused and "no quote from Tom Hale" in refused.answer
    # A word the coverage never uses beside one it does is a paraphrase, not a topic it lacks.
    assert not services.answerer.answer("What did Tom Hale say about oil bitcoin?").refused
    answered = services.answerer.answer("What did Ann Reid tell the Veritas defectors?")
    assert not answered.refused and "return your seats" in answered.citations[0].quote
    services.store.close()


def test_partial_quotes_of_one_sentence_are_cited_in_the_order_it_has_them() -> None:
    """'… Hitler was "forced" to invade Poland because it was being "uncooperative"': one line, citing "forced"
    first whichever the ranking put first; a quote of another sentence keeps its place."""
    from bot.answering.offline import _sentence_order
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit

    article = article_from_text("t.txt", 'Talk show\n\nTom Hale told a talk show that Rome was "forced" to act because '
                                         'Paris was being "uncooperative". "We are ready," Mr Hale added.')
    quotes, _ = extract_quotes(article)
    forced, unco, ready = (Hit("quote", q.id, 1.0, article, quote=q) for q in quotes)
    assert [h.text for h in _sentence_order([ready, unco, forced])] == ["We are ready", "forced", "uncooperative"]
    assert [h.text for h in _sentence_order([unco, ready, forced])] == ["forced", "uncooperative", "We are ready"]


def test_a_how_much_question_is_judged_with_the_figure_it_asks_for_before_it_is_refused() -> None:
    """'How much did Alexander cost to make?': the name in the lede, the cost in the next sentence — a pair the
    answer itself reads; judged without it, the question was refused and the answer shown as 'closest'."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.chunking import chunk_article
    from bot.ingest.sources import article_from_text
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo

    article = article_from_text("a.txt", "Box office blow\n\nDirector Oliver Stone's epic Alexander has failed at the "
                                         "box office.\n\nThe swords and sandals blockbuster, rumoured to have cost "
                                         "more than $150m to make, earned just $13.5m over three days.")
    hits = [Hit("chunk", c.id, 0.03, article, chunk=c, dense=0.41) for c in chunk_article(article)]
    question = "How much did Alexander cost to make?"
    answer = OfflineAnswerer().compose(QuestionInfo(question, topic="Alexander cost make"), hits,
                                       weights={"alexan": 6.3, "cost": 3.7, "make": 2.7})
    assert not answer.refused and "$150m" in answer.answer.splitlines()[0]


def test_who_said_is_not_answered_with_a_quote_whose_own_sentence_says_nothing_of_it(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'Who said Howl's Moving Castle would match Spirited Away's record?': the BBC's own words; the Toho spokesman
    quoted in the same paragraph on something else is not who said it (the answer had led with 'Toho')."""
    services = _services_over(tmp_path, {"film.txt": (
        "Howl's Moving Castle breaks records\n\n"
        "Howl's Moving Castle set a Japanese box office record last week, taking 1.5bn yen in two days. It is "
        "expected to match the record of Hayao Miyazaki's previous film Spirited Away. A spokesman for distributor "
        "Toho said the film \"has received strong interest from domestic audiences and foreign media alike\".\n")})
    answer = services.answerer.answer("Who said Howl's Moving Castle would match Spirited Away's record?")
    assert "Toho [" not in answer.answer.splitlines()[0]
    services.store.close()


def test_who_said_a_claim_is_not_answered_by_a_quote_naming_its_subject_and_saying_nothing_of_it(
        tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'Who said Microsoft should be broken up?' had answered Rory Armes, whose quote names Microsoft and says
    nothing of breaking it up; then, with his quote set aside, a passage naming Microsoft, and a quotation
    sharing the one word 'broken'. Asked what he did say, he answers."""
    services = _services_over(tmp_path, {"consoles.txt": (
        "Console makers square up\n\n"
        "\"Microsoft is obviously a software company first and foremost, while Sony has more experience in "
        "hardware,\" said games developer Rory Armes.\n\n"
        "Several firms, including Microsoft, filed papers with the court on Monday.\n\n"
        "\"We have not broken any rules,\" said Sony spokesman Tom Hale.\n")})
    absent = services.answerer.answer("Who said Microsoft should be broken up?")
    assert absent.refused and not any(c.is_quote for c in absent.citations), absent.answer
    said = services.answerer.answer("Who said Microsoft is a software company first and foremost?")
    assert said.answer.splitlines()[0] == "Rory Armes [1].", said.answer
    services.store.close()


def test_a_quote_naming_the_claims_subject_answers_who_said_it_through_the_passage_route() -> None:
    """'Who said the investors behind China's media only care about getting people to use more of it?': Mrs
    Gescher's "… investors who do not care how people consume media - they just want people to consume more of
    it" is set aside as a who-answer (it says "not care"), and had then been set aside again, so the answer
    showed her words as the journalist's. A quote whose sentence names the claim's subject and says something
    of the claim stays; one naming neither (Blair's "we haven't broken the precedent" for who said Microsoft
    should be broken up), or spoken by whom the claim is about, does not."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo

    def cited(question: str, body: str, claim: tuple[str, str, str], topic: str, weights: dict[str, float]) -> list:
        article = article_from_text("c.txt", "Media story\n\n" + body)
        hits = [Hit("quote", q.id, 0.03, article, quote=q, dense=0.6, claim_quote=0.2)
                for q in extract_quotes(article)[0]]
        info = QuestionInfo(question, who=True, about_speech=True, topic=topic, said=question.split(" said ", 1)[1],
                            claim_subject=claim[0], claim=claim[1], claimed_of=claim[2])
        answer = OfflineAnswerer().compose(info, hits, weights=weights)
        return [c.speaker for c in answer.citations if c.is_quote]

    gescher = cited("Who said the investors behind China's media only care about getting people to use more of it?",
                    '"China\'s media are now driven by investors who do not care how people consume media - they '
                    'just want people to consume more of it," Mrs Jeanne-Marie Gescher concluded.',
                    ("the investors behind China 's media", "only care about getting people to use more of it",
                     "only care about getting people to use more of it"),
                    "investors behind China media only care getting people use more",
                    {"invest": 4.6, "behind": 3.9, "china": 4.6, "media": 3.8, "only": 2.6, "care": 5.2,
                     "gett": 3.9, "people": 2.3, "use": 3.0, "more": 1.5})  # ("care", the rarest it holds, denied)
    assert gescher == ["Jeanne-Marie Gescher"]
    blair = cited("Who said Microsoft should be broken up?",
                  '"We haven\'t broken the precedent, and I have got nothing to add," said Tony Blair.',
                  ("Microsoft", "should be broken up", "should be broken up"), "Microsoft broken",
                  {"micros": 4.4, "broken": 5.6})
    assert blair == []


def test_a_claims_predicate_is_read_without_its_subject() -> None:
    """What a who-question claims of its subject, by the parse: the subject's words ("London's 2012 Olympic
    bid") are not what is claimed, nor are the names the claim gives ("should join" of "should join NATO"); a
    claim without a verb of its own claims nothing apart."""
    from types import SimpleNamespace

    from bot.answering.offline import _says_claim
    from bot.retrieval.claim import NO_CLAIM, read_claim

    assert read_claim("Microsoft should be broken up?") == ("Microsoft", "should be broken up", "should be broken up")
    subject, claim, _ = read_claim("London's 2012 Olympic bid was a waste of taxpayers' money")
    assert subject == "London's 2012 Olympic bid" and claim.startswith("was a waste of")
    assert read_claim(" 's Glastonbury festival should be called off?")[1] == "should be called off"  # "this year" out
    assert read_claim("Belarus should join NATO") == ("Belarus", "should join NATO", "should join")
    assert read_claim("the lawsuits against the spam firm a never-ending distraction") == NO_CLAIM
    text = "\"Microsoft is a software company,\" said Rory Armes."
    article = SimpleNamespace(text=text, paragraphs=[(0, len(text))])
    quote = SimpleNamespace(start=1, end=31, paragraph=0)
    hit = SimpleNamespace(article=article, quote=quote, start=1, end=31, text=text[1:31], claim_quote=0.05)

    def says(h: object, claim: str) -> bool:
        info = SimpleNamespace(claim=claim, claimed_of=claim, claim_subject="Microsoft")
        return _says_claim(h, info)  # type: ignore[arg-type]

    assert not says(hit, "should be broken up")
    assert says(SimpleNamespace(**{**vars(hit), "claim_quote": 0.48}), "should be broken up")
    assert says(hit, "is a software company")
    assert says(hit, "")


def test_a_claim_says_its_words_as_written_and_its_names_alone_say_little() -> None:
    """A newcomer trial: "Who said an FA Cup tie between Brentford and Manchester United would be a sell-out?" had
    named Ryan Giggs, whose "to get it sorted out" shared the claim's "out" once "sell-out" was read as "sell - out";
    "Who said he had beaten Manchester United at both Bournemouth and West Ham?" had named referee Graham Poll,
    whose "when I refereed Chelsea against West Ham" shares only the claim's names. Names alone answer only with
    some closeness in meaning ("the mayor who destroyed Jimi Hendrix's house" for ruining the old Hendrix home)."""
    from types import SimpleNamespace

    from bot.answering.offline import _says_claim
    from bot.retrieval.claim import read_claim

    assert read_claim("an FA Cup tie between Brentford and Manchester United would be a sell-out")[1] == \
        "would be a sell-out"

    def hit(text: str, meaning: float) -> SimpleNamespace:
        article = SimpleNamespace(text=text, paragraphs=[(0, len(text))])
        quote = SimpleNamespace(start=1, end=len(text) - 1, paragraph=0)
        return SimpleNamespace(article=article, quote=quote, start=1, end=len(text) - 1, text=text[1:-1],
                               claim_quote=meaning)

    def says(h: SimpleNamespace, claim: str) -> bool:
        return _says_claim(h, SimpleNamespace(claim=claim, claimed_of=claim, claim_subject=""))  # type: ignore[arg-type]

    assert not says(hit('"I want to get it sorted out."', 0.05), "would be a sell-out")
    assert says(hit('"It would be a sell-out."', 0.05), "would be a sell-out")
    poll = '"When I refereed Chelsea against West Ham I do not remember them complaining."'
    assert not says(hit(poll, 0.22), "had beaten Manchester United at both Bournemouth and West Ham")
    assert says(hit(poll.replace("refereed", "had beaten"), 0.1), "had beaten Manchester United at West Ham")
    marshall = '"The mayor is going to go down as the mayor who destroyed Jimi Hendrix\'s house."'
    assert says(hit(marshall, 0.29), "would be remembered for ruining the old Hendrix home")
    assert not says(hit(marshall, 0.2), "would be remembered for ruining the old Hendrix home")


def test_what_a_who_called_question_says_something_was_called_is_its_claim(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """"who called the lawsuits against the spam firm a never-ending distraction" had named Texas's attorney
    general, whose quotes on spam say nothing of a distraction: what something was called is the claim an answer
    must say something of (the parse's last object and its predicate: "the e-University a terrible waste")."""
    services = _services_over(tmp_path, {
        "texas.txt": "Texas sues spammers\n\nTexas has filed a lawsuit against two men believed to be among the "
                     "world's top spammers. \"Illegal spam must be stopped,\" said attorney general Greg Abbott of "
                     "the lawsuit against the spam firms.\n",
        "ward.txt": "Spam king seeks protection\n\nThe net's self-declared spam king is seeking bankruptcy "
                    "protection. \"The litigation has been a relentless distraction with which to contend,\" said "
                    "Steven Richter, legal counsel for the firm.\n"})
    answer = services.answerer.answer("who called the lawsuits against the spam firm a never-ending distraction")
    assert "Greg Abbott" not in answer.answer, answer.answer
    services.store.close()
    from bot.retrieval.claim import NO_CLAIM, read_called

    assert read_called("called", "the lawsuits against the spam firm a never-ending distraction")[::2] == \
        ("the lawsuits against the spam firm", "a never-ending distraction")
    assert read_called("described", "Iraq as a crucible of militant terrorism?")[:2] == \
        ("Iraq", "a crucible of militant terrorism")
    assert read_called("called", "the e-University a terrible waste of public money?")[1] == \
        "a terrible waste of public money"
    assert read_called("called", "France and Germany budget sinners") == NO_CLAIM


def test_a_corrected_name_none_of_whose_quotes_fits_the_topic_is_refused_saying_so(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'what did shawn hale say about the opinion polls': Stan Hale, the nearest name quoted, speaks only of comics
    — more likely someone else than a paraphrase (his comics quotes had been shown)."""
    services = _services_over(tmp_path, {
        "comics.txt": "Comics creator wins case\n\n\"I am gratified by the judge's decision on the comics,\" Stan Hale "
                      "said of his court case.\n",
        "polls.txt": "Polls narrow\n\nBBC correspondent Shaun Lee says opinion polls suggest the Tories still lag "
                     "behind Labour on health.\n"})
    answer = services.answerer.answer("what did shawn hale say about the opinion polls")
    assert answer.refused and "nearest name it quotes is Stan Hale" in answer.answer
    assert not any(c.is_quote for c in answer.citations)
    services.store.close()


def test_a_run_of_the_questions_words_in_a_quote_is_the_question_quoting_it() -> None:
    """'Who described the musical as one of the most ambitious projects they had been involved with?': the quote
    repeating six of its words in a row answers, before a closer-in-meaning quote sharing only the show's name."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo

    hits = []
    for name, body, dense in (("a.txt", '"This is one of the most ambitious projects I have been involved with," '
                                        'said director Tom Hale.', 0.33),
                              ("b.txt", '"The young Billy Elliots will benefit from a little extra time," said '
                                        'producer Ann Reid.', 0.68)):
        article = article_from_text(name, "Musical delayed\n\n" + body)
        quote = extract_quotes(article)[0][0]
        hits.append(Hit("quote", quote.id, 0.03, article, quote=quote, dense=dense))
    question = ("Who described the Billy Elliot musical as one of the most ambitious projects they had been "
                "involved with?")
    info = QuestionInfo(question, who=True, about_speech=True,
                        topic="described Billy Elliot musical one most ambitious projects had involved")
    weights = {"most": 3.2, "ambiti": 6.7, "one": 1.8, "musica": 3.4, "billy": 7.4, "involv": 4.3, "projec": 4.4,
               "elliot": 7.5, "descri": 4.9}
    answer = OfflineAnswerer().compose(info, hits[::-1], weights=weights)
    assert answer.answer.startswith("Tom Hale [")


def test_the_best_passages_stay_candidates_however_many_quotes_rank_above_them(  # type: ignore[no-untyped-def]
        tmp_path: Path, embedder) -> None:
    """'What was thrown over Robert Kilroy-Silk in Manchester?' (whole corpus): his many quotes ranked above every
    passage in the fused lists, and the lede that answers it never reached the answerer. However many quotes
    outrank it, the best passage stays among the candidates."""
    files = {f"speech{n}.txt": f"Kilroy-Silk speaks {n}\n\n" + " ".join(
        f'"Voters want change number {i}," Robert Kilroy-Silk said.' for i in range(8)) + "\n" for n in range(5)}
    files["slurry.txt"] = ("Kilroy-Silk attacked\n\nEuro MP Robert Kilroy-Silk has had a bucket of farm slurry thrown "
                           "over him by a protester in Manchester.\n")
    services = _services_over(tmp_path, files)
    retriever = services.answerer.retriever
    catalog = retriever.store.catalog
    quotes = catalog.quotes()
    assert len(quotes) == 40
    slurry = next(a for a in catalog.articles() if "slurry" in a.text)
    chunk_id = catalog.chunk_spans([slurry.id])[slurry.id][0][2]
    fused = {q.id: 1.0 + i / 100 for i, q in enumerate(quotes)} | {chunk_id: 0.5}
    hits = retriever._hits(fused, {}, retriever.analyse("What was thrown over him?"), k=8)
    assert len([h for h in hits if h.quote is not None]) == 24
    assert [h.id for h in hits if h.quote is None] == [chunk_id]


def test_a_factual_answer_leads_with_the_sentence_holding_what_is_asked_not_the_names(  # type: ignore[no-untyped-def]
        tmp_path: Path, embedder) -> None:
    """'What was Mateja Kezman hit by during the Carling Cup tie with West Ham?' led with the lede naming the tie
    and both clubs, not "… needed treatment during the match after being hit by a missile". The names find the
    article; within it, what the question asks about picks the sentence."""
    services = _services_over(tmp_path, {"tie.txt": (
        "Trouble at Carling Cup tie\n\n"
        "The FA is to take action after trouble marred Wednesday's Carling Cup tie between Chelsea and West Ham.\n\n"
        "Mateja Kezman, the scorer of Chelsea's goal, needed treatment during the match after being hit by a "
        "missile, believed to be a coin. Police made several arrests outside the ground.\n\n"
        "West Ham said they would help the FA with its inquiry into the Carling Cup tie.\n")})
    answer = services.answerer.answer("What was Mateja Kezman hit by during the Carling Cup tie with West Ham?")
    assert not answer.refused
    assert "believed to be a coin" in answer.citations[0].quote
    # So for a who-question about a deed, not speech.
    answer = services.answerer.answer("Who was hit by a missile during the Carling Cup tie?")
    assert "Mateja Kezman" in answer.citations[0].quote
    # A question without names keeps the sentence sharing most words.
    answer = services.answerer.answer("what action will the FA take after trouble marred the tie?")
    assert answer.citations[0].quote.startswith("The FA is to take action")


def test_a_description_finds_the_speaker_the_model_read_as_an_organisation(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'Franak Viačorka, senior advisor to Belarusian opposition politician Sviatlana Tsikhanouskaya told
    Newsweek' (one ORG to the model): his description is a role the speaker index knows, so "the Belarusian
    opposition" finds him (the Polish foreign ministry had been shown as the answer)."""
    services = _services_over(tmp_path, {"belarus.txt": (
        "Lukashenko claims Poland plot\n\n"
        "\"The claims of the Belarusian regime are baseless and serve only further escalation,\" the Polish "
        "foreign ministry told Newsweek.\n\n"
        "\"Lukashenko is probably the only dictator in the world who gives up his own sovereignty,\" Franak "
        "Viačorka, senior advisor to Belarusian opposition politician Sviatlana Tsikhanouskaya told Newsweek.\n")})
    answer = services.answerer.answer("What did the Belarusian opposition say?")
    assert not answer.refused
    assert answer.citations[0].speaker == "Franak Viačorka"


def test_what_someone_the_coverage_never_quotes_said_is_not_anothers_quote_naming_them(  # type: ignore[no-untyped-def]
        tmp_path: Path, embedder) -> None:
    """'what did the pope say?' had shown Ozzy Osbourne's "Is the Pope a Catholic?" under his name; 'what did the
    pope say about the tsunami?' a passage naming the Pope and no tsunami."""
    services = _services_over(tmp_path, {"ozzy.txt": (
        "Ozzy tackles burglar\n\n"
        "Ozzy Osbourne tackled a burglar at his home. The singer did not want to talk in detail about his actions "
        "but when asked whether he would do the same again replied: \"Is the Pope a Catholic?\"\n\n"
        "\"I just thank God that no-one got injured,\" Osbourne said.\n"), "tsunami.txt": (
        "Tsunami aid\n\nThe tsunami relief effort continued. \"We need more water,\" said aid worker Jan Egeland.\n")})
    for question in ("what did the pope say?", "what did the pope say about the tsunami?"):
        answer = services.answerer.answer(question)
        assert answer.refused, question
        assert not any(c.speaker for c in answer.citations)
    assert services.answerer.answer("what did osbourne say about the burglar?").citations[0].speaker == "Ozzy Osbourne"


def test_a_quote_first_in_both_rankings_answers_a_paraphrased_who_question() -> None:
    """'Who said browsing art with ArtGarden is more like wandering round a gallery?': "It is much more akin to
    wandering through the gallery" led the fused ranking and the quotes' relevance (0.90, under MIN_RELEVANCE)
    and was passed over for the lede. Leading both, it answers; a better quote elsewhere, or a weak one, not."""
    from bot.answering.evidence import Terms
    from bot.answering.offline import MIN_LEADING_RELEVANCE, _agreed, relevance
    from bot.ingest.articles import build_article
    from bot.models import Chunk, Quote
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.stems import stem

    text = ("Art search\n\nArtGarden is being tested by the Tate as a way of browsing its collection.\n\n"
            "\"It is much more akin to wandering through the gallery,\" said Jemima Rellie.\n")
    article = build_article("tate", "Art search", text)
    lo = article.text.index("It is much")
    quote = Quote(id="tate:q0", article_id=article.id, text="It is much more akin to wandering through the gallery",
                  start=lo, end=lo + 53, speaker="Jemima Rellie", speaker_mention="Jemima Rellie", cue="said")
    c_lo = article.text.index("ArtGarden is")
    chunk = Chunk(id="tate:c0", article_id=article.id, text=article.text[c_lo:lo - 3], start=c_lo, end=lo - 3,
                  paragraph=1)
    terms = Terms({stem(w): 1.0 for w in ("browsing", "art", "artgarden", "wandering", "round", "gallery")})
    top = Hit("quote", quote.id, 0.050, article, quote=quote, dense=0.55)
    lede = Hit("chunk", chunk.id, 0.048, article, chunk=chunk, dense=0.63)
    assert MIN_LEADING_RELEVANCE <= relevance(top, terms) < 0.95
    assert _agreed([top, lede], terms) is top
    stronger = Hit("quote", "tate:q1", 0.047, article, quote=quote.model_copy(
        update={"id": "tate:q1", "speaker": "Someone Else"}), dense=0.70)
    assert _agreed([top, lede, stronger], terms) is None
    far = Hit("quote", quote.id, 0.050, article, quote=quote, dense=0.30)
    assert _agreed([far, lede], terms) is None


def test_a_fact_about_someone_quoted_comes_from_passages_not_from_their_quotes() -> None:
    """'How old is Tom Gale?' had listed what Tom Gale said (the speaker path answers what-did-X-say); a question
    of fact about a quoted person is answered by the sentence that holds the fact."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.chunking import chunk_article
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.speaker_index import SpeakerEntry
    from bot.retrieval.understand import QuestionInfo
    from bot.storage.catalog import speaker_key

    article = article_from_text("g.txt", "Campaigner pleads for aid worker\n\nFormer MP Tom Gale, 61, has appealed "
                                         "for the release of aid worker Mary Hollis.\n\n\"I am prepared to do anything "
                                         "I can to help save her life,\" Mr Gale said in Leeds.")
    quote = extract_quotes(article)[0][0]
    assert quote.speaker == "Tom Gale"
    hits = [Hit("quote", quote.id, 0.034, article, quote=quote, dense=0.5)]
    hits += [Hit("chunk", c.id, 0.033, article, chunk=c, dense=0.5) for c in chunk_article(article)]
    gale = SpeakerEntry("Tom Gale", keys=[speaker_key("Tom Gale")])
    info = QuestionInfo("How old is Tom Gale?", speakers=[gale], topic="old")
    answer = OfflineAnswerer().compose(info, hits, weights={"old": 2.0})
    assert not answer.refused and "61" in answer.answer.splitlines()[0]
    said = QuestionInfo("What did Tom Gale say?", speakers=[gale], about_speech=True, topic="")
    assert "prepared to do anything" in OfflineAnswerer().compose(said, hits, weights={}).answer


def test_a_statement_in_parts_shows_the_parts_that_hold_what_is_asked() -> None:
    """'what did negroponte say about china?' showed two paragraphs on laptops in Cambodia before "In China they
    spend $17 per child …", the last part of the statement; with the question's words only that part shows,
    the cut marked; without them, every part."""
    from bot.answering.offline import quote_line
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.stems import content_stems

    article = article_from_text("n.txt", "Laptops for all\n\nNicholas Negroponte said: \"We put in 25 laptops three "
                                         "years ago, only one has been broken.\" He plans to sell them widely. \"In "
                                         "China they spend $17 per child per year on textbooks.\"")
    quotes = extract_quotes(article)[0]
    assert [q.speaker for q in quotes] == ["Nicholas Negroponte", "Nicholas Negroponte"]
    hit = Hit("quote", quotes[0].id, 1.0, article, quote=quotes[0], parts=tuple(quotes))
    focused = quote_line(hit, 1, content_stems("china"))
    assert "In China" in focused and "25 laptops" not in focused and "… “In China" in focused
    assert "25 laptops" in quote_line(hit, 1) and "In China" in quote_line(hit, 1)


def _passage_from(name: str, text: str, opening: str):  # type: ignore[no-untyped-def]
    """A passage hit over the article's text from `opening` to its end, as retrieval returns one."""
    from bot.ingest.sources import article_from_text
    from bot.models import Chunk
    from bot.retrieval.retrieve import Hit

    article = article_from_text(name, text)
    lo = article.text.index(opening)
    chunk = Chunk(id="c", article_id=article.id, text=article.text[lo:], start=lo, end=len(article.text), paragraph=1)
    return Hit("chunk", "c", 1.0, article, chunk=chunk, dense=0.6)

def _sentence_answering(question: str, top, weights: dict[str, float]):  # type: ignore[no-untyped-def]
    """The sentence `_answer_sentence` picks from the passage's article for the question (its kind asked)."""
    from types import SimpleNamespace

    from bot.answering.evidence import Terms
    from bot.answering.offline import _answer_sentence
    from bot.answering.quantity import asked

    return _answer_sentence(SimpleNamespace(text=question), top, Terms(weights, asked=asked(question)))  # type: ignore[arg-type]


def test_a_factual_question_in_lower_case_finds_the_sentence_the_capitalised_one_does() -> None:
    """'how many homes is the new tsunami housing project in sri lanka meant to provide' had answered with the
    IMF's sentence on Sri Lanka's growth: the names a question gives (which weigh less inside the article they
    found) were read from capital letters the question did not have, so 'sri lanka' outweighed 'homes'."""
    from types import SimpleNamespace

    from bot.answering.evidence import Terms
    from bot.answering.offline import _answer_sentence
    from bot.retrieval.stems import stem

    top = _passage_from("lanka.txt", (
        "Sri Lanka launches rebuilding drive\n\n"
        "Prime Minister Mahinda Rajapakse laid the foundation stone on a new housing project intended to provide "
        "6,000 homes for survivors of the tsunami. Meanwhile, the IMF said damage from the tsunami would cut one "
        "percentage point from Sri Lanka's economic growth this year, and Sri Lanka's tourism would suffer."),
        "Meanwhile")
    weights = {"tsunam": 5.1, "meant": 5.3, "new": 2.2, "sri": 6.0, "hous": 4.1, "lanka": 6.2, "home": 3.3,
               "projec": 4.4, "provid": 4.0}
    assert set(weights) == {stem(w) for w in "tsunami meant new sri housing lanka homes project provide".split()}
    for question in ("How many homes is the new tsunami housing project in Sri Lanka meant to provide?",
                     "how many homes is the new tsunami housing project in sri lanka meant to provide"):
        found = _answer_sentence(SimpleNamespace(text=question), top, Terms(weights))  # type: ignore[arg-type]
        assert found is not None and "6,000 homes" in found.text, question


def test_a_how_many_question_is_answered_by_a_sentence_giving_a_figure_not_by_the_lede_naming_it() -> None:
    """'How many computers have been hijacked into bot nets according to the Honeynet Project?' had answered
    with the lede naming the project and its bot nets, which says nothing of how many: a sentence giving a
    figure of the kind asked answers, though it holds fewer of the question's words."""
    from bot.retrieval.stems import stem

    lede = "The study of zombie bot nets of hijacked computers was done by the Honeynet Project, a group of researchers."
    figure = "More than one million computers on the net have been hijacked to send spam, it says."
    top = _passage_from("bots.txt", f"Bot nets studied\n\n{lede}\n\nData was gathered with machines that logged "
                        f"everything done to them. {figure}", "The study")
    question = "How many computers have been hijacked into bot nets according to the Honeynet Project?"
    weights = {stem("nets"): 4.0, stem("honeynet"): 8.7, stem("according"): 3.8, stem("project"): 4.4,
               stem("bot"): 7.4, stem("computers"): 3.9, stem("hijacked"): 7.1, "<number>": 6.0}
    found = _sentence_answering(question, top, weights)
    assert found is not None and found.text.startswith("More than one million computers"), found


def test_days_and_minutes_are_units_of_time_and_an_edition_counts_nothing_asked() -> None:
    """'sold out just four days after' had counted as a number of tickets ("days" stems apart from "day"),
    as had 'the 12th annual festival'; 'his 17th turn' still says how many times."""
    from bot.answering.quantity import Asked, asked, figure_fit

    tickets = Asked("count", asked("how many tickets were sold for t in the park").noun)  # type: ignore[union-attr]
    assert figure_fit(tickets, "It sold out just four days after the line-up was announced.", set()) == 0.0
    assert figure_fit(tickets, "It sold out in 20 minutes, a decade after the first.", set()) == 0.0
    sold = figure_fit(tickets, "Organisers confirmed that all 130,000 for the event had been sold.", set())
    assert figure_fit(tickets, "The 12th annual festival sold out.", set()) < sold
    times = asked("how many times has bill conti been musical director at the oscars")
    assert times is not None and figure_fit(times, "It will be his 17th turn as musical director.", set()) >= 0.5
    assert figure_fit(Asked("duration"), "They have been together for three days.", set()) == 1.0


def test_when_where_why_and_what_is_it_called_ask_for_a_date_a_place_a_reason_and_a_name() -> None:
    """'When is the Champions League knockout draw?' had answered with the lede naming the knockout stages, not
    "… kept apart in the draw on 17 December"; 'what is google's new photo software called' with the sentence
    on Google's free software, not "The tool, called Picasa, …". A question's own 'when' later on ("who said
    it when …") asks for a speaker, not a date."""
    from bot.answering.quantity import asked, figure_fit
    from bot.retrieval.stems import stem

    assert [getattr(asked(q), "kind", None) for q in (
        "When is the Champions League knockout draw?", "and where was gordon brown born",
        "what is google's new photo software called", "Why was Chepkemei suspended?",
        "Who said the dome was a waste when it opened?", "What did Blair say when asked about Iraq?")] == [
        "date", "place", "name", "reason", None, None]
    date, place, name, reason = (asked(q) for q in ("when?", "where?", "what is it called?", "why?"))
    for text, fits in (("The draw takes place on 17 December.", (1, 0, 0, 0)),
                       ("It will be on sale within 30 days, in Glasgow.", (1, 1, 0, 0)),
                       ("The tool, called Picasa, finds photos.", (0, 0, 1, 0)),
                       ("She was suspended after failing to report to a training camp.", (0, 0, 0, 1)),
                       ("In truth nobody knows.", (0, 0, 0, 0))):
        assert tuple(figure_fit(w, text, set()) for w in (date, place, name, reason)) == fits, text  # type: ignore[arg-type]
    top = _passage_from("draw.txt", (
        "English clubs through\n\n"
        "All four of England's Champions League clubs have reached the knockout stages for the first time.\n\n"
        "Arsenal won their group. Teams from the same country will be kept apart in the draw on 17 December."),
        "All four")
    question = "When is the Champions League knockout draw?"
    weights = {stem("champions"): 4.5, stem("league"): 3.0, stem("knockout"): 6.5, stem("draw"): 4.8,
               "<number>": 6.0}
    found = _sentence_answering(question, top, weights)
    assert found is not None and "17 December" in found.text, found


def test_a_how_much_question_nothing_gives_a_figure_for_is_refused() -> None:
    """'How tall is Mount Everest?' had been answered with a runner's "like trying to climb Mount Everest" (the
    whole corpus; close in words and meaning): the evidence answers a how-much question only with a figure."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo

    def answer(body: str) -> object:
        article = article_from_text("climb.txt", "Runner quits\n\n" + body)
        quote = extract_quotes(article)[0][0]
        info = QuestionInfo("How tall is Mount Everest?", topic="tall Mount Everest")
        return OfflineAnswerer().compose(info, [Hit("quote", quote.id, 0.03, article, quote=quote, dense=0.6)],
                                         weights={"tall": 5.0, "mount": 4.5, "everes": 8.0})

    everest = answer('"Every race was like trying to climb Mount Everest," said the runner Tom Hale.')
    assert everest.refused, everest.answer  # type: ignore[attr-defined]
    figure = answer('"Every race was like trying to climb Mount Everest, all 8,848m of it," said Tom Hale.')
    assert not figure.refused, figure.answer  # type: ignore[attr-defined]


def test_a_question_asking_no_figure_keeps_to_the_sentence_holding_most_of_it() -> None:
    """'Who beat David Nalbandian in Marseille?' had been answered with "… de Chaunac, who beat world number
    five Guillermo Coria": within the article, names weigh less only when a how-much sentence is sought; a
    sentence holding the question's verb alone does not outrank the one naming Nalbandian's defeat."""
    from bot.retrieval.stems import stem

    top = _passage_from("marseille.txt", (
        "Rusedski out in Marseille\n\n"
        "Greg Rusedski was forced to withdraw from the Open 13 in Marseille on Thursday with a rib injury.\n\n"
        "The British number two had been scheduled to play qualifier Sebastien de Chaunac, who beat world "
        "number five Guillermo Coria 6-4 7-5 in round one. American Taylor Dent caused a shock with a 7-6 6-2 "
        "victory over second seed David Nalbandian."), "The British")
    weights = {stem("marseille"): 8.2, stem("beat"): 4.3, stem("nalbandian"): 7.6, stem("david"): 4.3}
    found = _sentence_answering("Who beat David Nalbandian in Marseille?", top, weights)
    assert found is None or "Taylor Dent" in found.text, found


def test_a_billion_is_a_size_and_money_only_with_a_currency() -> None:
    """'how many text messages were sent in the UK in 2004?': "26 billion texts were sent" had counted as money
    (0.3), below a bare "2.3 billion were sent" in another sentence; "£3bn" and "3 billion dollars" are money."""
    from bot.answering.quantity import Asked, asked, figure_fit

    texts = asked("how many text messages were sent in the UK in 2004?")
    assert texts is not None and figure_fit(texts, "26 billion texts were sent in total.", set()) == 0.5
    for money in ("It cost £3bn to build.", "profits of 3 billion dollars", "a 5.65bn euros deal"):
        assert figure_fit(Asked("money"), money, set()) == 1.0, money
    assert figure_fit(Asked("money"), "26 billion texts were sent.", set()) < 1.0


def test_a_sentence_saying_what_was_not_done_does_not_answer_what_was() -> None:
    """'What height did Isinbayeva clear in Lievin?' had answered "… attempt 5.05m … but failed to clear that
    height" (it holds 'clear' and 'height'), not "… by clearing 4.89 metres in Lievin"."""
    from bot.answering.offline import _affirmed
    from bot.retrieval.stems import stem

    top = _passage_from("pole.txt", (
        "Isinbayeva claims new world best\n\n"
        "Pole vaulter Yelena Isinbayeva broke her own indoor world record by clearing 4.89 metres in Lievin on "
        "Saturday.\n\nIt was the Russian's 12th world record of her career and came just a few days after she "
        "cleared 4.88m at the Norwich Union Grand Prix in Birmingham. The Olympic champion went on to attempt "
        "5.05m at the meeting on France but failed to clear that height. In the men's 60m, Maurice Greene could "
        "only finish second to Leonard Scott."), "It was the Russian")
    question = "What height did Isinbayeva clear in Lievin?"
    weights = {stem("height"): 6.9, stem("isinbayeva"): 7.7, stem("clear"): 4.2, stem("lievin"): 8.7,
               "<number>": 6.0}  # (the whole corpus's weights)
    found = _sentence_answering(question, top, weights)
    assert found is not None and "4.89 metres" in found.text
    assert _affirmed("She did not clear 5m and never tried again.").split() == ["She", "5m", "and", "again."]


def test_a_topic_word_a_typo_away_is_read_as_the_coverage_writes_it_and_a_name_it_never_holds_is_refused(
        seeded: Services) -> None:
    """'what did blair say about irak?' had been refused ("no quote from Blair on that") over the many
    quotes on Iraq; 'What did the prime minister say about the Brexit negotiations?' had been answered with
    Tony Blair on the tsunami, close in meaning to nothing the question asks."""
    typo = seeded.answerer.answer("what did lukashenko say about polnad?")
    assert not typo.refused and typo.answer.startswith("(Read polnad as Poland.)"), typo.answer
    assert {c.speaker for c in typo.citations if c.is_quote} == {"Alexander Lukashenko"}
    for question in ("What did Lukashenko say about Brexit?", "Who said the Brexit talks were over?"):
        absent = seeded.answerer.answer(question)
        assert absent.refused and absent.answer == "The coverage never mentions Brexit.", absent.answer
        assert not absent.citations and "“" not in typo.answer.splitlines()[0]  # marks are for sources' words
    # Not a typo of anything: a lower-case word the coverage never uses is left to the evidence, and a word
    # too far from any is not "corrected" ("Taliban" is two edits from "Taiwan").
    from bot.retrieval.spelling import damerau

    assert damerau("taliban", "taiwan", 2) == 2 and damerau("irak", "iraq", 1) == 1
    assert damerau("lukashenko", "lukashneko", 1) == 1 and damerau("abcdef", "uvwxyz", 2) == 3

    class Vocabulary:  # the two reads the speller makes of a catalogue
        def generation(self) -> int:
            return 1

        def vocabulary(self) -> dict[str, int]:
            return {"taiwan": 40, "iraq": 140, "iraqi": 23, "economi": 90, "liverpool": 60, "irak": 1, "athen": 30,
                    "brit": 12}

        def passages_with(self, term: str, limit: int) -> list[str]:
            return {"iraq": ["War in Iraq, said the Iraqi minister."], "economi": ["The economy grew."],
                    "liverpool": ["Liverpool won."], "athen": ["Athens hosted the Games."]}.get(term, [])

    from bot.retrieval.spelling import Speller

    speller = Speller(Vocabulary())  # type: ignore[arg-type]
    assert speller.read("Taliban")[0] is None and speller.read("Irak")[0] == "Iraq"
    assert speller.read("Liverpol")[0] == "Liverpool"
    assert speller.read("econom")[0] is None  # a common word: 'posh' is no typo of 'post'
    # 'Athns' had been refused as a name the coverage never mentions: the index stems 'Athens' to 'athen'.
    assert speller.read("Athns") == ("Athens", True)
    assert not speller.read("Brexit")[1]  # two edits from 'brit' is no typo of it


def test_a_who_question_answered_from_a_passage_leads_with_the_person_named_in_full(seeded: Services) -> None:
    """'Who is replacing Dallas Roberts?' was answered 'Slater, 35, is replacing actor Dallas Roberts …': the
    sentence holds the answer, but the first line named no one (the article had said 'Actor Christian
    Slater'). A club, a country, a description or a name the question gives is no lead."""
    from bot.answering.subject_name import subject_name

    answer = seeded.answerer.answer("Who is Putin's closest ally?")
    assert answer.answer.startswith("Alexander Lukashenko [1].\nLukashenko, the only post-Soviet president")
    article = "Actor Christian Slater is stepping in. Carlos Ghosn is here. Tory leader Michael Howard spoke."
    assert subject_name("Slater, 35, is replacing actor Dallas Roberts.", article, "Who?") == "Christian Slater"
    assert subject_name("Mr. Howard said it.", article, "Who?") == "Michael Howard"
    assert subject_name("Tim Henman has won the title.", article, "Who?") == "Tim Henman"
    for sentence in ("Ulster clung on for a win.", "Scotland's justice minister has warned fans.",
                     "The ministry said it."):
        assert subject_name(sentence, article, "Who?") is None, sentence
    assert subject_name("Elvis Presley has scored his 19th number one.", "Elvis Presley has scored.",
                        "Which Elvis re-release went to number one?") is None


def test_a_quote_denying_what_a_who_question_asks_does_not_answer_it() -> None:
    """'Who called Michael Howard's immigration plans racist?' had been answered 'Michael Howard [1].' with his
    "It's not racist … to talk about controlling immigration" (found in the newcomer trial)."""
    from bot.answering.offline import _denies

    terms = {"immigr": 3.0, "plan": 2.0, "racist": 6.0}
    assert _denies("It's not racist, as some people claim, to talk about controlling immigration", terms)
    assert _denies('Mr Howard said his party plans for immigration quotas were not "racist"', terms)
    assert not _denies("These immigration plans are racist and divisive", terms)
    assert not _denies("It's not fair: the immigration plans are racist", terms)  # the asked word is not denied


def test_a_who_question_names_one_speaker_unless_others_said_the_words_it_quotes() -> None:
    """'Who brushed off IBM's patent release as just a distraction?' had answered "Florian Mueller [1] and John
    E. Kelly [2]." — IBM's own man, quoted on the same release as closely, had said no such thing. Two speakers
    whose quotes are about as close to a question are no evidence that both answer it; a phrase the question
    quotes, which both said, is."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo

    article = article_from_text("p.txt", "IBM opens up patents\n\nCampaigner Florian Mueller said IBM's patent "
                                         "release was \"just a distraction\" from the fight in Europe.\n\nAnalyst "
                                         "Ruth Dean said the patent release was \"just a distraction\" too.\n\nJohn "
                                         "Kelly of IBM said the patent release was \"just the start\" of a distraction-"
                                         "free policy.")
    quotes = extract_quotes(article)[0]
    assert [q.speaker for q in quotes] == ["Florian Mueller", "Ruth Dean", "John Kelly"]
    hits = [Hit("quote", q.id, 0.03, article, quote=q, dense=0.6) for q in quotes]

    def ask(question: str, topic: str, phrases: list[str]) -> list[str | None]:
        info = QuestionInfo(question, who=True, about_speech=True, topic=topic, phrases=phrases)
        answer = OfflineAnswerer().compose(info, hits, weights={"ibm": 2.0, "patent": 2.0, "releas": 2.0, "just": 0.2, "distra": 0.2})
        assert not answer.refused
        return [c.speaker for c in answer.citations]

    assert ask("Who called IBM's patent release just a distraction?", "IBM's patent release just distraction",
               []) == ["Florian Mueller"]
    assert ask('Who called the patent release "just a distraction"?', "patent release", ["just a distraction"]) == [
        "Florian Mueller", "Ruth Dean"]


def test_a_question_about_the_present_is_answered_as_of_the_coverage(seeded: Services) -> None:
    """"Who is the current prime minister?" had been answered from 2005 coverage as if it were today's news: an
    answer to a question about now says how old its evidence is. (Asked with "currently" between the name and the
    verb, the question had read "Lukashenko currently" as the name, and refused.)"""
    now = seeded.answerer.answer("What is Lukashenko currently saying about Poland?")
    assert not now.refused
    assert now.answer.splitlines()[0] == ("(As the coverage has it — the newest article cited is of 2024-02-23; it "
                                          "may have changed since.)")
    plain = seeded.answerer.answer("What did Lukashenko say about Poland?")
    assert not plain.answer.startswith("(As the coverage has it")
    assert plain.citations == now.citations


def test_a_shared_surname_names_the_others_by_their_full_names() -> None:
    """'What did Blair say about Iraq?' had led "Showing Tony Blair (also named Blair: Blair, Ian Blair)." — the
    bare surname (quotes whose articles never give a first name) listed as one more person."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo
    from bot.speakers import SpeakerEntry

    article = article_from_text("b.txt", "Blair on Iraq\n\nTony Blair said: \"Iraq is a better place today.\"")
    quote = extract_quotes(article)[0][0]
    hits = [Hit("quote", quote.id, 0.03, article, quote=quote, dense=0.6)]
    entries = [SpeakerEntry("Tony Blair", keys=["tony blair"]), SpeakerEntry("Blair", keys=["blair"]),
               SpeakerEntry("Ian Blair", keys=["ian blair"])]
    info = QuestionInfo("What did Blair say about Iraq?", about_speech=True, topic="Iraq", speakers=entries,
                        shared_surname=entries)
    answer = OfflineAnswerer().compose(info, hits, weights={"iraq": 3.0})
    assert answer.answer.splitlines()[0] == "Showing Tony Blair (also named Blair: Ian Blair)."


def test_a_long_common_word_misspelt_is_read_as_the_word_the_coverage_writes(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'who said the goverment rescue of varig would be an intervention in practice' had been refused: the
    spelling check read only names, and "goverment" — a typo two passages of the corpus share — weighed as the
    question's rarest word. A long lower-case word one edit from a word many passages write, its stem one edit
    from that word's stem as the index stems them, is read as that word; a short one is not ("posh" is no typo
    of "post"), nor a real word the coverage lacks."""
    from bot.retrieval.spelling import IndexStemmer

    stemmer = IndexStemmer()
    assert stemmer.stem("government") == "govern" and stemmer.stem("goverment") == "gover"
    rescue = ("Brazil's government is to step in at Varig, the airline's chairman said. \"In practice, it will be an "
              "intervention, although this is not the technical name used,\" said chairman Carlos Wilson.")
    others = {f"g{i}.txt": f"Story {i}\n\nThe government said on day {i} that the government budget would grow "
                           f"and the government would stay the course." for i in range(24)}
    others["typo.txt"] = "Budget row\n\nThe goverment denied it would raise taxes.\n"  # the coverage's own typo
    services = _services_over(tmp_path, {"varig.txt": f"Varig rescue\n\n{rescue}\n", **others})
    assert services.retriever.known_words(["goverment"]) == ["goverment"]
    answer = services.answerer.answer("who said the goverment rescue of varig would be an intervention in practice")
    assert answer.answer.startswith("(Read goverment as government.)\nCarlos Wilson ["), answer.answer
    speller = services.retriever.speller
    assert speller.read("goverment")[0] == "government"  # the same reading where no passage holds the typo
    assert speller.read("posh")[0] is None and speller.read("blockchain")[0] is None
    services.store.close()


def test_a_refusal_for_someone_never_quoted_points_only_at_a_passage_naming_them(seeded: Services) -> None:
    """'What did Elon Musk say about Twitter?' had pointed, as the closest the coverage holds, at Lukashenko's
    threats in a story that mentions Twitter: about the topic, not the person asked about."""
    answer = seeded.answerer.answer("What did Elon Musk say about Poland?")
    assert answer.refused and answer.answer == "The coverage has no quote from Elon Musk.", answer.answer
    assert not answer.citations


def test_a_speaker_asked_about_a_topic_they_never_spoke_on_is_refused(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'What did Jose Mourinho say about the general election?' had shown his words on the FA Cup: the coverage
    holds the election, and every quote of his is close to the question through his name. On topic is close to
    the topic alone, or holding its words; nothing of theirs on it is a refusal."""
    services = _services_over(tmp_path, {
        "fuel.txt": ("Fuel duty frozen\n\n"
                     "The chancellor Tom Hale froze fuel duty on Wednesday, blaming volatile oil markets.\n\n"
                     "\"Families should not pay for the turmoil in the oil market,\" Mr Hale said.\n"),
        "derby.txt": ("Rovers win the derby\n\n"
                      "Rovers beat United 2-0 in the football derby on Saturday, with two late goals from their "
                      "striker.\n\n"
                      "\"The football we played in the second half was the best all season,\" said Rovers manager "
                      "Sam Price.\n")})
    for question, name in (("What did Tom Hale say about football?", "Tom Hale"),
                           ("What did Sam Price say about fuel duty?", "Sam Price")):
        refused = services.answerer.answer(question)
        assert refused.refused and f"no quote from {name} on that" in refused.answer, refused.answer
        assert not any(c.is_quote and c.speaker == name for c in refused.citations)
    answered = services.answerer.answer("What did Tom Hale say about the oil market?")
    assert not answered.refused and "turmoil in the oil market" in answered.citations[0].quote
    answered = services.answerer.answer("What did Sam Price say about the derby?")
    assert not answered.refused and answered.citations[0].speaker == "Sam Price"
    services.store.close()


def test_words_the_question_writes_together_count_only_together() -> None:
    """'what did charles kennedy say about the six nations' had shown his "illiberal" ID cards: its paragraph
    holds "national insurance" and "six months". Two words the coverage writes as one term (the retriever's
    `compounds`) hold the topic only side by side."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo
    from bot.speakers import SpeakerEntry

    article = article_from_text("k.txt", (
        "Lib Dems court women voters\n\n"
        "The Citizen's Pension would not rest on national insurance contributions, Charles Kennedy argues. New "
        "mothers would get guaranteed pay for the first six months. Mr Kennedy also believes that dropping "
        "\"illiberal\" ID cards would appeal to women too.\n"))
    quotes, _ = extract_quotes(article)
    assert quotes and quotes[0].speaker == "Charles Kennedy"
    question = "what did charles kennedy say about the six nations"

    def asked(compounds: frozenset[tuple[str, str]]) -> bool:
        hits = [Hit("quote", q.id, 0.03, article, quote=q, dense=0.58, topic_quote=0.1, topic_passage=0.05)
                for q in quotes]
        info = QuestionInfo(question, about_speech=True, topic="six nations", subject="charles kennedy",
                            speakers=[SpeakerEntry("Charles Kennedy", keys=["charles kennedy"])], compounds=compounds)
        return OfflineAnswerer().compose(info, hits, weights={"six": 3.7, "nation": 3.3}).refused

    assert asked(frozenset({("six", "nation")}))
    assert not asked(frozenset())  # (words that merely meet: the paragraph's words count apart)


def test_someone_one_story_quotes_is_asked_about_that_story_in_other_words() -> None:
    """'How did Brian Welch say he would demonstrate his affection for his followers?' had been refused: "show
    it through my actions" shares no word with it and is not close (0.29). Quoted in one story only, he is asked
    about it unless the topic is unrelated to what he said there; someone many stories quote is not."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo
    from bot.speakers import SpeakerEntry

    article = article_from_text("w.txt", (
        "Guitarist finds faith\n\n\"I will show it through my actions, not my words,\" said Brian Welch.\n"))
    quotes, _ = extract_quotes(article)
    assert quotes and quotes[0].speaker == "Brian Welch"

    def refused(stories: int, closeness: float) -> bool:
        hits = [Hit("quote", q.id, 0.03, article, quote=q, dense=0.45, topic_quote=closeness,
                    topic_passage=closeness) for q in quotes]
        info = QuestionInfo("How did Brian Welch say he would demonstrate his affection for his followers?",
                            about_speech=True, topic="demonstrate affection followers", subject="brian welch",
                            speakers=[SpeakerEntry("Brian Welch", keys=["brian welch"])], stories=stories)
        return OfflineAnswerer().compose(info, hits, weights={"demons": 5.0, "affect": 6.0, "follow": 4.0}).refused

    assert not refused(1, 0.29)
    assert refused(1, 0.08)  # one story, but nothing like the topic ("Eriksson on oil prices")
    assert refused(9, 0.29)  # many stories: nothing of his on this


def test_the_coverage_tells_which_words_of_a_question_are_one_term(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """Two words a question writes side by side are one term when the coverage writes them together often (the
    Six Nations), not a person's name (named by either word) nor words that merely meet. A named speaker's
    quotes are measured against the topic alone, an accented name too (its quotes had been missed: the
    retriever keyed them unlike the catalogue)."""
    stories = {f"r{i}.txt": (f"Wales squad named {i}\n\n"
                             f"Wales named Kevin Morgan at full-back for round {i} of the Six Nations on Monday.\n\n"
                             f"\"The Six Nations is the hardest test we face,\" said coach José Ortiz.\n")
               for i in range(3)}
    services = _services_over(tmp_path, stories)
    retriever = services.retriever
    info = retriever.analyse("What did Jose Ortiz say about Kevin Morgan in the Six Nations?")
    assert [e.name for e in info.speakers] == ["José Ortiz"]
    hits = retriever.search(info.text, info=info)
    assert info.compounds == frozenset({("six", "nation")})
    own = [h for h in hits if h.quote is not None and h.quote.speaker == "José Ortiz"]
    assert own and all(h.topic_quote is not None and h.topic_passage is not None for h in own)
    services.store.close()


def test_a_quotation_far_closer_than_any_other_speakers_answers_a_paraphrased_who_question() -> None:
    """'who reckoned this year's picks for the tv book club were their finest ever?' had been refused: Richard
    Madeley's "this year's selection of book club entries is the best yet" shares too few of its words to pass
    MIN_RELEVANCE alone, though no other speaker's quote comes near. Far ahead of every other speaker, it
    answers; only a little ahead (as the best quote for a question no article answers is), it does not."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.stems import content_stems
    from bot.retrieval.understand import QuestionInfo

    article = article_from_text("m.txt", (
        "Book club picks named\n\n"
        "The TV presenters revealed their new selection on Monday. \"There's no doubt that this year's selection "
        "of book club entries is the best yet,\" said Richard Madeley.\n\n"
        "A bookseller welcomed it. \"The fact that the book has already hit number one shows the power of the "
        "show,\" said Robin Terrell.\n"))
    quotes, _ = extract_quotes(article)
    assert [q.speaker for q in quotes] == ["Richard Madeley", "Robin Terrell"]
    question = "who reckoned this year's picks for the tv book club were their finest ever?"
    topic = "reckoned year's picks tv book club finest ever"

    def answer(other_dense: float):  # type: ignore[no-untyped-def]
        hits = [Hit("quote", q.id, 0.03, article, quote=q, dense=0.45 if q.speaker == "Richard Madeley" else other_dense)
                for q in quotes]
        info = QuestionInfo(question, who=True, about_speech=True, topic=topic)
        return OfflineAnswerer().compose(info, hits, weights={t: 4.0 for t in content_stems(topic)})

    clear = answer(0.30)
    assert not clear.refused and clear.answer.startswith("Richard Madeley [1].")
    assert answer(0.40).refused


def test_who_said_something_about_someone_is_not_answered_with_them() -> None:
    """'Who said Charles Kennedy should step down as Lib Dem leader?' had answered "Charles Kennedy": his own
    words about stepping down share the question's. Someone the question names after its speech verb is who
    it is about."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.stems import content_stems
    from bot.retrieval.understand import QuestionInfo

    article = article_from_text("k.txt", (
        "Kennedy rejects calls to quit\n\n"
        "\"I will not step down as leader of the Lib Dems,\" said Charles Kennedy.\n\n"
        "\"Charles Kennedy should step down as leader,\" said Lib Dem peer Tom Hale.\n"))
    quotes, _ = extract_quotes(article)
    assert [q.speaker for q in quotes] == ["Charles Kennedy", "Tom Hale"]
    hits = [Hit("quote", q.id, 0.03, article, quote=q, dense=0.75 if q.speaker == "Charles Kennedy" else 0.6)
            for q in quotes]
    question = "Who said Charles Kennedy should step down as Lib Dem leader?"
    info = QuestionInfo(question, who=True, about_speech=True, topic="Charles Kennedy step down Lib Dem leader",
                        said=" Charles Kennedy should step down as Lib Dem leader?")
    answer = OfflineAnswerer().compose(info, hits, weights={t: 4.0 for t in content_stems(info.topic)})
    assert answer.answer.splitlines()[0] == "Tom Hale [1]."


def test_a_sentence_reports_speech_through_the_subject_of_a_speech_verb_or_according_to() -> None:
    """Whom a passage reports as saying something, by the parse: the subject of a speech verb, the agent of a
    passive one (its subject is whom it was said to), the object of 'according to'; a description or a pronoun
    reports someone unnamed; a relative pronoun ('a list which predicts') and a sentence with no speech verb
    report no one."""
    from bot.answering.reported import Report, reports_in

    assert reports_in("Ministers would not rule out scrapping the Child Support Agency if it failed to improve, "
                      "Work and Pensions Secretary Alan Johnson has warned.") == (Report("Alan Johnson"),)
    assert reports_in("Parmalat collapsed in December 2003 after it emerged that the 4bn euros it supposedly "
                      "held did not in fact exist.") == ()
    assert reports_in("It beats the iPod into second place in the Top Ten Essentials list which predicts what "
                      "gadget-lovers are likely to covet this year.") == ()
    assert reports_in("Scotland's justice minister has warned bigoted soccer fans that she wants to hit them "
                      "where it hurts most.") == (Report(None),)
    passive = reports_in("Gordon Brown has been asked to take charge of Labour's media strategy, according to "
                         "the Sunday Business.")
    assert [r.speaker for r in passive] == ["Sunday Business"]
    assert reports_in("Tony Blair has dismissed reports he told Gordon Brown he would quit.") == (
        Report("Tony Blair"), Report(None, pronoun=True))


def test_who_said_is_answered_by_a_passage_only_where_it_reports_someone_else_saying_it() -> None:
    """'who warned that the euro was about to collapse?' had been answered with "Parmalat collapsed … 4bn euros
    …", which reports no one; 'Who claimed Tony Blair would quit before christmas?' with Blair's own denial.
    A sentence reporting someone's words answers, and names them first, as the article names them."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.chunking import chunk_article
    from bot.ingest.sources import article_from_text
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo

    def answer(question: str, body: str, claim: tuple[str, str, str], topic: str, weights: dict[str, float]):  # type: ignore[no-untyped-def]
        article = article_from_text("p.txt", "Story\n\n" + body)
        hits = [Hit("chunk", c.id, 0.03, article, chunk=c, dense=0.6) for c in chunk_article(article)]
        info = QuestionInfo(question, who=True, about_speech=True, topic=topic,
                            said=question.split(" ", 2)[2], claim_subject=claim[0], claim=claim[1],
                            claimed_of=claim[2])
        return OfflineAnswerer().compose(info, hits, weights=weights)

    euro = answer("who warned that the euro was about to collapse?",
                  "Parmalat collapsed in December 2003 after it emerged that the 4bn euros it supposedly held in an "
                  "offshore account did not in fact exist.",
                  ("the euro", "was about to collapse", "was about to collapse"), "euro about collapse",
                  {"euro": 3.1, "about": 1.2, "collaps": 5.0})
    assert euro.refused, euro.answer
    blair = answer("Who claimed Tony Blair would quit before christmas?",
                   "Tony Blair has dismissed reports he told Gordon Brown he would quit before christmas.",
                   ("Tony Blair", "would quit before christmas", "would quit before"), "Tony Blair quit christmas",
                   {"tony": 3.0, "blair": 3.5, "quit": 5.5, "christma": 5.0})
    assert blair.refused, blair.answer
    csa = answer("who said a new system to replace the child support agency couldn't be ruled out?",
                 "Ministers would not rule out scrapping the Child Support Agency if it failed to improve, Work and "
                 "Pensions Secretary Alan Johnson has warned.\n\nMr Johnson was speaking in London.",
                 ("a new system to replace the child support agency", "could n't be ruled out",
                  "could n't be ruled out"), "new system replace child support agency ruled out",
                 {"new": 1.5, "system": 3.0, "replac": 3.5, "child": 3.2, "support": 3.0, "agenc": 3.4,
                  "rule": 3.0, "out": 1.0})
    assert csa.answer.splitlines()[0] == "Alan Johnson [1].", csa.answer
    assert csa.citations[0].speaker == "Alan Johnson" and csa.citations[0].speaker_words is None


def test_a_refusal_points_only_at_a_passage_close_in_meaning_holding_the_questions_rarest_word() -> None:
    """'What is the capital of Australia?' had been refused pointing at "… make it easier to raise capital" (close
    in meaning 0.13), and then at "France take on Wales at the Stade de France" for the capital of France (no
    "capital"): a word of the question used otherwise is no neighbour of its answer. A passage on the topic is."""
    from bot.answering.offline import OfflineAnswerer
    from bot.ingest.chunking import chunk_article
    from bot.ingest.sources import article_from_text
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo

    def refusal(question: str, topic: str, body: str, dense: float, weights: dict[str, float]) -> str:
        article = article_from_text("r.txt", "Story\n\n" + body)
        hits = [Hit("chunk", c.id, 0.03, article, chunk=c, dense=dense) for c in chunk_article(article)]
        answer = OfflineAnswerer().compose(QuestionInfo(question, topic=topic), hits, weights=weights)
        assert answer.refused, answer.answer
        return answer.answer

    capital = {"capita": 5.2, "austra": 5.1, "citi": 2.0}
    assert "Closest" not in refusal("What is the capital of Australia?", "capital Australia",
                                    "The move is designed to help News Corp make it easier to raise capital.", 0.13,
                                    capital)
    assert "Closest" not in refusal("What is the capital of Australia?", "capital Australia",
                                    "Australia take on Wales at the Millennium Stadium on Saturday.", 0.45, capital)
    assert "Closest" in refusal("What is the capital city of Australia?", "capital city Australia",
                                "Investors sent fresh capital to the miners.", 0.35, capital)


def test_an_edition_asked_in_lower_case_is_known_by_how_the_coverage_writes_its_name(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """'who won the 2010 world cup?' had been answered with another edition's passages (only a capitalised
    'World Cup' was read as a name). The coverage writes 'World Cup' as a name, and never '2010 World Cup'; it
    writes 'budget plans' in lower case: no name, no edition ("the 2004 budget plans" is asked as before)."""
    services = _services_over(tmp_path, {"cup.txt": (
        "England eye World Cup\n\n"
        "England won the World Cup in 2003 and hope to defend the World Cup title in France.\n\n"
        "\"The World Cup is on a different level,\" said coach Tom Hale. The 2004 budget plans were cut by half, "
        "Mr Hale said.\n")})
    refused = services.answerer.answer("who won the 2010 world cup?")
    assert refused.refused and refused.answer == "The coverage never mentions the 2010 World Cup.", refused.answer
    plans = services.answerer.answer("what happened to the 2004 budget plans?")
    assert "never mentions" not in plans.answer, plans.answer
    services.store.close()


def test_an_exact_figure_further_down_answers_how_many_before_a_vague_one_in_the_lede() -> None:
    """'How many slaves were used as loan collateral …?' had answered with the lede's "Thousands of slaves",
    though the article says "About 13,000 slaves" further down; the lede's "two banks" is no answer either. A
    sentence whose best figure is exact, not vague, is not passed over for a better-fitting one elsewhere: "his
    17th turn" says how many times, "more than 110 times" counts something else."""
    from bot.retrieval.stems import stem

    lede = "Thousands of slaves were accepted as collateral for loans by two banks that later became part of JP Morgan."
    exact = "About 13,000 slaves were used as loan collateral between 1831 and 1865."
    top = _passage_from("slaves.txt", f"Bank apologises\n\n{lede}\n\nThe banks are now closed. {exact}", "Thousands")
    weights = {stem("slaves"): 8.0, stem("used"): 2.0, stem("loan"): 5.0, stem("collateral"): 8.5,
               stem("banks"): 3.0, stem("jp"): 6.0, stem("morgan"): 6.0, "<number>": 6.0}
    found = _sentence_answering("How many slaves were used as loan collateral by the banks later part of JP Morgan?",
                                top, weights)
    assert found is not None and found.text == exact, found

    turn = "Bill Conti will take his 17th turn as musical director of the Oscars show on Sunday."
    top = _passage_from("conti.txt", f"Conti returns\n\n{turn} The orchestra strikes up more than 110 times "
                        "during the average show.", "Bill Conti")
    weights = {stem("times"): 3.0, stem("bill"): 4.0, stem("conti"): 9.0, stem("musical"): 5.0,
               stem("director"): 3.0, stem("oscars"): 6.0, "<number>": 6.0}
    found = _sentence_answering("how many times has bill conti been musical director at the oscars", top, weights)
    assert found is None or found.text == turn, found


def test_what_odds_and_what_share_ask_for_a_price_and_a_percentage() -> None:
    """"What odds is Andrea Levy to win the Whitbread?" is answered by "5/4 favourite", and "what share of DVD
    content do the studios make?" by "about 45%": both had asked for nothing in particular, and the first was
    answered with a sentence naming her as favourite, the second with a quotation on HD-DVD."""
    from bot.answering.quantity import asked, figure_fit

    odds = asked("What odds is Andrea Levy to win the Whitbread?")
    assert odds is not None and odds.kind == "odds"
    assert figure_fit(odds, "The book is now 5/4 favourite for the £25,000 Whitbread.", set()) == 1.0
    assert figure_fit(odds, "The book won the £25,000 Whitbread in 2004.", set()) == 0.0
    share = asked("what share of DVD content do paramount, universal and warner bros make?")
    assert share is not None and share.kind == "percent"
    assert asked("How low did the dollar go against the euro?") is not None
    assert asked("what shares did he buy?") is None


def test_a_speech_word_is_a_whole_word_not_the_start_of_a_name() -> None:
    """"what share of DVD content do paramount, universal and warner bros make?" had been read as asking what
    someone said ("warner" began with "warn"), and answered with a studio boss's quotation."""
    from bot.retrieval.understand import _SAY_WORDS

    for word in ("warner", "dublin", "claimants", "background", "hopeful", "commentator", "reactor"):
        assert not _SAY_WORDS.search(word), word
    for word in ("warned", "slammed", "admitted", "dubbed", "criticising", "denied", "reaction", "announcement",
                 "accusations", "labelled", "thought", "comments"):
        assert _SAY_WORDS.search(word), word


def test_a_who_question_giving_the_speaker_a_pronoun_is_not_answered_by_someone_of_the_other_gender() -> None:
    """'which tennis legend admitted he was a bit crazy in his playing days' had been answered with Amelie
    Mauresmo's "She got mad a little bit"; a speaker whose first name says nothing (or a question with no such
    pronoun) is not ruled out."""
    from bot.answering.offline import _other_gender
    from bot.ingest.sources import article_from_text
    from bot.quotes import extract_quotes
    from bot.retrieval.retrieve import Hit
    from bot.retrieval.understand import QuestionInfo

    article = article_from_text("t.txt", "Tennis\n\n\"She got mad a little bit,\" said Amelie Mauresmo. \"I was a bit "
                                         "crazy,\" said Jimmy Connors. \"We were all crazy,\" said Nastase.\n")
    quotes, _ = extract_quotes(article)
    mauresmo, connors, nastase = (Hit("quote", q.id, 1.0, article, quote=q) for q in quotes)
    assert [h.quote.speaker for h in (mauresmo, connors, nastase)] == ["Amelie Mauresmo", "Jimmy Connors", "Nastase"]
    he = QuestionInfo("which tennis legend admitted he was a bit crazy in his playing days", who=True)
    she = QuestionInfo("Who said she got mad a little bit?", who=True)
    anyone = QuestionInfo("Who said the players were crazy?", who=True)
    assert [_other_gender(h, he) for h in (mauresmo, connors, nastase)] == [True, False, False]
    assert [_other_gender(h, she) for h in (mauresmo, connors, nastase)] == [False, True, False]
    assert not any(_other_gender(h, anyone) for h in (mauresmo, connors, nastase))


def test_a_typo_nearest_a_common_word_is_no_crash(seeded: Services) -> None:
    """"what did blair say abot iraq" had failed with "fts5: syntax error": the speller looked up the passages
    holding "about", the word it is one letter from, with a query that drops common words — an empty query,
    which FTS5 rejects. A newcomer's batch of questions had stopped there."""
    catalog = seeded.store.catalog
    assert catalog.passages_matching("", 3) == []
    assert any("about" in text.casefold() for text in catalog.passages_with("about", 3))
    for question in ("what did lukashenko say abot poland", "what did lukashenko say thier about poland"):
        answer = seeded.answerer.answer(question)
        assert answer.answer and "error" not in answer.answer.casefold(), question


def test_a_question_about_he_or_she_with_nothing_before_it_asks_who_is_meant(seeded: Services) -> None:
    """"And what did he say after that?" asked first had been answered with a football manager's quote: no
    earlier answer says who "he" is. After an answer it follows that answer's speaker; a name answers as
    usual."""
    from bot.answering.answer import NO_ONE_YET

    first = seeded.answerer.answer("And what did he say after that?")
    assert first.refused and first.answer == NO_ONE_YET.format("he") and not first.citations
    assert seeded.answerer.answer("what did she say about poland").answer == NO_ONE_YET.format("she")
    asked = "What did Lukashenko say about Poland?"
    answer = seeded.answerer.answer(asked)
    follow = seeded.answerer.answer("and what did he say about NATO?", seeded.answerer.context_for(asked, answer))
    assert not follow.refused and follow.citations and follow.citations[0].speaker == "Alexander Lukashenko"


def test_a_quote_line_labels_its_cue_as_said_not_as_the_article_inflects_it() -> None:
    """A newcomer saw "Michael Howard (say)" and "Mutu (saying)": the label is the cue in the past tense, the
    rest of it kept ("told the Sunday Mirror"); a colon or "according to" reads "said"."""
    from bot.answering.offline import quote_line
    from bot.ingest.sources import article_from_text
    from bot.models import Quote
    from bot.retrieval.retrieve import Hit

    article = article_from_text("m.txt", "Mutu\n\nMutu hit out, saying: \"Chelsea have destroyed me.\"\n")
    lo = article.text.index("Chelsea have")
    labels = []
    for cue in ("saying", "say", "telling the Sunday Mirror", "told the Sunday Mirror", ":", "according to", "",
                "conceded"):
        quote = Quote(id="q", article_id=article.id, text="Chelsea have destroyed me.", start=lo,
                      end=lo + len("Chelsea have destroyed me."), speaker="Adrian Mutu", cue=cue)
        labels.append(quote_line(Hit("quote", "q", 1.0, article, quote=quote), 1).split(":")[0])
    assert labels == ["Adrian Mutu (said)", "Adrian Mutu (said)", "Adrian Mutu (told the Sunday Mirror)",
                      "Adrian Mutu (told the Sunday Mirror)", "Adrian Mutu (said)", "Adrian Mutu (said)",
                      "Adrian Mutu (said)", "Adrian Mutu (conceded)"]


def test_one_report_in_two_copies_of_a_story_shows_once_citing_both() -> None:
    """A newcomer saw "He said prosecutions were the government's first preference … from judges. [1]" and
    "Mr Clarke said prosecutions were … from judges. [2]": the same sentence in two copies of the story, opened
    differently. Shown once, citing both; two different sentences stay apart."""
    from bot.answering.offline import _dedupe

    tail = ("prosecutions were the government's first preference and promised the powers would only be used in "
            "“serious” cases, with independent scrutiny from judges.")
    lines = [f"BBC News: He said {tail} [1]", f"BBC News: Mr Clarke said {tail} [2]",
             "BBC News: Mr Clarke said the powers were needed. [3]"]
    assert _dedupe(lines) == [f"BBC News: He said {tail} [1][2]", "BBC News: Mr Clarke said the powers were needed. [3]"]


def test_how_old_asks_for_an_age_not_any_figure() -> None:
    """"How old is Kanye West?" had been answered with his 10 Grammy nominations; "West, 26, began rapping …"
    answers it."""
    from bot.answering.quantity import asked, figure_fit

    age = asked("How old is Kanye West?")
    assert age is not None and age.kind == "age"
    assert figure_fit(age, "West, 26, began rapping as a teenager at his Chicago school.", set()) == 1.0
    assert figure_fit(age, "The 62-year-old sang Hey Jude.", set()) == 1.0
    assert figure_fit(age, "West leads the race with 10 nominations.", set()) == 0.0
    # "How old will Ashia Hansen be at the Commonwealth Games?" (a fifth newcomer's) had been refused: "… the
    # Commonwealth Games in Melbourne next March, when she will be 34." answers; "she is 34 points clear" does not.
    assert figure_fit(age, "The Games are in Melbourne next March, when she will be 34.", set()) == 1.0
    assert figure_fit(age, "In the table she is 34 points clear.", set()) == 0.0


def test_an_unattributed_quotation_alone_in_its_sentence_is_not_shown_as_the_outlets_words() -> None:
    """A newcomer saw 'BBC News: “The picture will look exactly the same …”' — a sentence that is all quotation,
    unattributed, shown as the outlet's report; the next quote of the answer read 'BBC News (unattributed): …'.
    Both are unattributed; a sentence whose journalist's words say who ("… said one musician") keeps them."""
    from bot.answering.offline import quote_line
    from bot.ingest.sources import article_from_text
    from bot.models import Quote
    from bot.retrieval.retrieve import Hit

    article = article_from_text("p.txt", "Prints\n\n\"The picture will look exactly the same.\" Prints cost less. "
                                         "\"Free downloading has killed bands,\" said one musician quoted by it.\n")
    article.outlet = "BBC News"

    def line(words: str) -> str:
        lo = article.text.index(words)
        quote = Quote(id="q", article_id=article.id, text=words, start=lo, end=lo + len(words), speaker=None)
        return quote_line(Hit("quote", "q", 1.0, article, quote=quote), 1)

    assert line("The picture will look exactly the same.") == \
        "Unattributed, in BBC News: “The picture will look exactly the same.” [1]"
    assert line("Free downloading has killed bands").startswith("BBC News: “Free downloading has killed bands,” said")


def test_a_speaker_the_article_only_describes_is_shown_as_described_quote_after_quote(tmp_path: Path) -> None:
    """'"…," one Bombay trader said this week. "But … Business sense probably tends to overrule everything
    else."': the second quotation had been shown as 'BBC News (unattributed)', which a newcomer read as the
    BBC's words; it is the unnamed trader's, as the article describes him, and still no name."""
    services = _services_over(tmp_path, {"markets.txt": (
        "Booming markets shed few tears\n\nThe US stock market rose by 20% during the six months following the "
        "attacks. \"It is not that the broking community is indifferent to disasters or feelings,\" one Bombay "
        "trader said this week. \"But the reaction would have been seen if business had been affected. Business "
        "sense probably tends to overrule everything else.\"\n")})
    try:
        answer = services.answerer.answer("who said business sense tends to overrule everything else?")
        assert "Unnamed (one Bombay trader)" in answer.answer, answer.answer
        assert all(not c.speaker for c in answer.citations)
    finally:
        services.store.close()


def test_a_speaker_described_by_role_and_employer_is_found(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """"What did the ING analyst say about Cairn Energy?" (a fifth newcomer's) had been refused ("no quote from the
    ING analyst"): the article says "said analyst Jason Kenney at ING", and the employer after the name is a role
    the speaker index now keeps ("analyst at ING")."""
    from bot.quotes.extract import affiliation

    assert affiliation("analyst Jason Kenney at ING", "Jason Kenney") == "analyst at ING"
    assert affiliation("Roy Asher, chief investment officer of Hibernian Investment Managers", "Roy Asher") == \
        "chief investment officer of Hibernian Investment Managers"
    assert affiliation("Mr Burke, that people are more au fait", "Andrew Burke") is None
    services = _services_over(tmp_path, {"cairn.txt": (
        "Cairn shares slump on oil setback\n\n"
        "Shares in Cairn Energy have fallen sharply after the firm cut its estimate of oil at its Indian fields.\n\n"
        "\"This is a significant downgrade of the initial expectation,\" said analyst Jason Kenney at ING.\n")})
    answer = services.answerer.answer("What did the ING analyst say about Cairn Energy?")
    assert not answer.refused and answer.citations[0].speaker == "Jason Kenney", answer.answer
    services.store.close()


def test_what_someone_said_in_reported_speech_is_shown_as_the_articles_report(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """"What did Stephen Toulouse say about the Internet Explorer flaws?" (a sixth newcomer's) had been refused ("no
    quote from Stephen Toulouse"), then shown his reported words as the closest passage: they answer it, as the
    article's report, never as his quotation — and a report of someone else of his surname is no answer."""
    services = _services_over(tmp_path, {"patches.txt": (
        "Microsoft releases bumper patches\n\n"
        "Microsoft has warned PC users to update their systems with the latest security fixes for flaws in Windows "
        "programs.\n\n"
        "Stephen Toulouse, a Microsoft security manager, said the flaws were known about, and although the firm had "
        "not seen any attacks exploiting the flaw, he did not rule them out.\n\n"
        "Analyst Jane Toulouse said customers should install the Internet Explorer patch at once.\n")})
    try:
        answer = services.answerer.answer("What did Stephen Toulouse say about the Internet Explorer flaws?")
        assert not answer.refused, answer.answer
        assert answer.answer.startswith("The coverage reports what Stephen Toulouse said, without quoting it:")
        assert "said the flaws were known about" in answer.answer
        assert all(not c.is_quote and not c.speaker for c in answer.citations), answer.citations
        other = services.answerer.answer("What did Mark Toulouse say about the Internet Explorer patch?")
        assert other.refused and "Jane Toulouse" not in other.answer.splitlines()[0], other.answer
    finally:
        services.store.close()


def test_as_soon_as_a_year_answers_when(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """"When will the Social Security Trust Fund start to need cash returns on its bonds?" (a sixth newcomer's) had
    been refused, the answer — "As soon as 2018, the fund will begin to require …" — shown as the closest passage."""
    services = _services_over(tmp_path, {"budget.txt": (
        "The ticking budget facing the US\n\n"
        "Under direct threat will be the federal government's ability to make good on its debts to the Social "
        "Security Trust Fund. As soon as 2018, the fund will begin to require some cash returns on its bond holdings "
        "in order to finance all promised benefits.\n")})
    try:
        answer = services.answerer.answer("When will the Social Security Trust Fund start to need cash returns on its "
                                          "bonds?")
        assert not answer.refused and "2018" in answer.answer.splitlines()[0], answer.answer
    finally:
        services.store.close()


def test_a_ranking_before_a_name_is_a_role_a_question_can_ask_by(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """"What did the world number one say about women playing only three sets?" (a seventh newcomer's) had been
    refused as "no quote from World Number": "World number one Lindsay Davenport" gave her no role."""
    services = _services_over(tmp_path, {"davenport.txt": (
        "Davenport hits out at Wimbledon\n\n"
        "World number one Lindsay Davenport has criticised Wimbledon over the issue of equal prize money for women.\n\n"
        "\"You hear about women playing only three sets while men play five,\" said Davenport.\n")})
    try:
        answer = services.answerer.answer("What did the world number one say about women playing only three sets?")
        assert not answer.refused and answer.citations[0].speaker == "Lindsay Davenport", answer.answer
    finally:
        services.store.close()

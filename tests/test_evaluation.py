"""The yardsticks: PolNeAR gold derivation, the name rule the evaluation uses, and the speaker key."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.evaluation import polnear
from bot.evaluation.names import same_person
from bot.speakers import name_key
from tests.conftest import ROOT

POLNEAR = Path(os.environ.get("POLNEAR_DIR", ROOT.parent / "PolNeAR"))


def test_marked_spans_read_curly_straight_and_doubled_apostrophe_marks() -> None:
    text = "He said \u201cyes, sir\u201d and ''no way,'' then \"maybe\" and left"
    spans = polnear.marked_spans(text, [(0, len(text))])
    assert [text[a:b] for a, b in spans] == ["yes, sir", "no way", "maybe"]


def test_an_unclosed_mark_runs_to_the_paragraph_end() -> None:
    text = "\u201cWe will go on.\nNext paragraph."
    assert [text[a:b] for a, b in polnear.marked_spans(text, [(0, 15)])] == ["We will go on."]


def test_same_person_compares_surnames_and_first_names() -> None:
    assert same_person("Donald J. Trump", "Trump")
    assert same_person("Mr. Trump", "Donald Trump")
    assert not same_person("Ivanka Trump", "Donald Trump")
    assert not same_person("Ian Blair", "Tony Blair")
    assert not same_person("Gordon Brown", "Des Browne")
    assert not same_person(None, "Trump")
    assert same_person("Brett O\u2019Donnell", "O'Donnell")  # a curly and a straight apostrophe
    assert same_person("Joseph R. Murray II", "Joseph R. Murray")
    # A two-word surname the annotation kept alone is the person; one first name is no surname of two words.
    assert same_person("Marine Le Pen", "Le Pen") and same_person("Lily Eskelsen García", "Eskelsen García")
    assert not same_person("Marine Le Pen", "Jean-Marie Le Pen")
    assert same_person("Gao Junlan", "Ms. Gao") and not same_person("Gao Junlan", "Ms. Junlin")  # surname first
    # A surname that is also a title word is a name ("Baron" was emptied, so Martin Baron never matched).
    assert same_person("Martin Baron", "Baron") and not same_person("Martin Baron", "Lord")


def test_name_key_folds_case_accents_titles_and_spokesperson_wording() -> None:
    assert name_key("Franak Viačorka") == name_key("franak viacorka")
    assert name_key("Sir Ian Blair") == "ian blair" != name_key("Tony Blair")
    assert name_key("spokesman for Tony Blair") == name_key("Tony Blair's official spokesman")
    assert name_key("Darlington Council spokeswoman") == name_key("spokesman for Darlington Council")
    assert name_key("Paul Boateng MP") == name_key("Paul Boateng")
    assert name_key("Tony Blair") != name_key("spokesman for Tony Blair")


def test_a_read_referent_scores_names_groups_doubts_and_the_unnamed() -> None:
    assert polnear._read_verdict("Trump", "Donald Trump") == "right"
    assert polnear._read_verdict("Ivanka Trump", "Donald Trump") == "wrong"
    assert polnear._read_verdict("Patrick Leahy", "Charles E. Grassley and Patrick J. Leahy") == "right"
    assert polnear._read_verdict("Ed Rendell", "UNSURE: Don Fowler | Ed Rendell") == "right"
    assert polnear._read_verdict(None, "Don Fowler") == "unattributed"
    # A source the article never names: leaving it unattributed is right, any name is not.
    assert polnear._read_verdict(None, "UNNAMED") == "unattributed"
    assert polnear._read_verdict("Hillary Clinton", "UNNAMED") == "named"
    # The product's label for someone it cannot name claims no name.
    assert polnear._read_verdict("adviser for Donald Trump", "UNNAMED") == "unattributed"
    assert polnear._read_verdict("spokesman for Tony Blair", "Tony Blair") == "unattributed"
    text = "Protesters marched. Some protesters said it was unfair. Sanders said no."
    assert polnear._read_verdict("Protesters", "UNNAMED", text) == "unattributed"
    assert polnear._read_verdict("Sanders", "UNNAMED", text) == "named"


def _parsed(words: list[tuple[str, str, str, int]]) -> tuple[str, list[polnear.Sentence]]:
    """A made-up sentence as CoreNLP would ship it: (word, part of speech, entity tag, governor)."""
    text, tokens = "", []
    for word, pos, ner, head in words:
        if text and word not in (",", "'s"):
            text += " "
        tokens.append(polnear.Token(len(text), len(text) + len(word), word, pos, ner, head))
        text += word
    return text, [polnear.Sentence(tokens)]


def test_a_source_name_is_cut_to_the_source_and_a_title_gives_the_person_beside_it() -> None:
    # CoreNLP ran the verb into the name ("Said Ellis"); the annotators marked "Ellis" alone.
    text, sentences = _parsed([("Said", "NNP", "PERSON", 1), ("Ellis", "NNP", "PERSON", -1)])
    assert polnear._classify_source(text, [(5, 10)], sentences, {}) == ("name", ["Ellis"])
    # A title as the head: the person is the name beside it, not "Secretary".
    text, sentences = _parsed([("Secretary", "NNP", "TITLE", -1), ("of", "IN", "O", 0), ("State", "NNP", "ORGANIZATION", 1),
                               ("John", "NNP", "PERSON", 5), ("Kerry", "NNP", "PERSON", 0)])
    assert polnear._classify_source(text, [(0, len(text))], sentences, {}) == ("name", ["John Kerry"])
    # A person named as a modifier or a possessor is not the source: "a Scott ally", "Johnson's doctor".
    text, sentences = _parsed([("Beruff", "NNP", "O", -1), (",", ",", "O", 0), ("a", "DT", "O", 4),
                               ("Scott", "NNP", "PERSON", 4), ("ally", "NN", "O", 0)])
    assert polnear._classify_source(text, [(0, len(text))], sentences, {}) == ("name", ["Beruff"])
    # A head CoreNLP took from a modifier: the person the modifier describes is the source.
    text, sentences = _parsed([("Ayotte", "NNP", "PERSON", -1), ("campaign", "NN", "O", 2), ("manager", "NN", "TITLE", 4),
                               ("Jon", "NNP", "PERSON", 4), ("Kohan", "NNP", "PERSON", 0)])
    assert polnear._classify_source(text, [(0, len(text))], sentences, {}) == ("name", ["Jon Kohan"])
    # A description naming its person in apposition is a name, whatever the coreference chain found.
    text, sentences = _parsed([("the", "DT", "O", 2), ("FBI", "NNP", "ORGANIZATION", 2), ("director", "NN", "TITLE", -1),
                               (",", ",", "O", 2), ("James", "NNP", "PERSON", 5), ("Comey", "NNP", "PERSON", 2)])
    chains = {(0, 2): [(0, 1, 2)]}
    assert polnear._classify_source(text, [(0, len(text))], sentences, chains) == ("name", ["James Comey"])
    # Two sources joined by "and" accept either; an "and" inside one's description does not.
    text, sentences = _parsed([("Yahoo", "NNP", "ORGANIZATION", 1), ("News", "NNP", "ORGANIZATION", -1), ("and", "CC", "O", 1),
                               ("anchor", "NN", "TITLE", 5), ("Katie", "NNP", "PERSON", 5), ("Couric", "NNP", "PERSON", 1)])
    assert polnear._classify_source(text, [(0, len(text))], sentences, {}) == ("name", ["Yahoo News", "Katie Couric"])
    text, sentences = _parsed([("Paul", "NNP", "PERSON", 1), ("Begala", "NNP", "PERSON", -1), (",", ",", "O", 1),
                               ("adviser", "NN", "O", 1), ("to", "TO", "O", 3), ("Clinton", "NNP", "PERSON", 4),
                               ("and", "CC", "O", 3), ("friend", "NN", "O", 3)])
    assert polnear._classify_source(text, [(0, len(text))], sentences, {}) == ("name", ["Paul Begala"])
    # Without a shipped parse: the name after a leading modifier, not the modifier.
    text = "Republican presidential front-runner Donald Trump said so."
    assert polnear._classify_source(text, [(0, 49)], [], {}) == ("name", ["Donald Trump"])
    assert polnear._classify_source("Gov. Earl Tomblin of West Virginia said", [(0, 34)], [], {}) == \
        ("name", ["Gov. Earl Tomblin"])
    text, sentences = _parsed([("Gary", "NNP", "PERSON", 1), ("Johnson", "NNP", "PERSON", 3), ("'s", "POS", "O", 1),
                               ("doctor", "NN", "O", -1)])
    assert polnear._classify_source(text, [(0, len(text))], sentences, {}) == ("description", [])


def test_polnear_referents_hold_offsets_and_names_only() -> None:
    """The blind reading of PolNeAR's pronoun and description sources keeps no PolNeAR text: a key is a
    document name and a source's offsets, a value a name (PolNeAR has no licence: evaluation only)."""
    import json
    import re

    data = json.loads((ROOT / "tests" / "gold" / "polnear_referents.json").read_text(encoding="utf-8"))
    assert len(data["dev"]) > 200 and len(data["test"]) > 200
    for split in ("dev", "test", "train"):
        for key, name in data.get(split, {}).items():
            assert re.fullmatch(r"[\w.-]+@\d+-\d+", key), key
            assert name == "UNNAMED" or 0 < len(name.split()) <= 16, name


def test_polnear_dev_slice_scores() -> None:
    """Attribution on a slice of PolNeAR's dev split (its test split is scored only for reports)."""
    if not polnear.available(POLNEAR):
        pytest.skip(f"PolNeAR is not checked out at {POLNEAR} (evaluation data, never copied into the project)")
    from bot.quotes import MIN_CONFIDENCE, extract_quotes

    docs = polnear.load_split(POLNEAR, "dev")[:20]
    assert sum(len(d.gold) for d in docs) > 100
    scores = polnear.summary(polnear.score(docs, lambda a: extract_quotes(a)[0], min_confidence=MIN_CONFIDENCE))
    assert scores["quotes"]["all"]["f1"] >= 0.80
    assert scores["speaker"]["name"]["precision"] >= 0.80  # 20 articles: a floor against collapse


def test_question_gold_sets_hold_their_own_words() -> None:
    """Every question gold set is answerable as written: each expected word is in its article (so a miss is
    the program's, not the gold's), and each follow-up follows a question of its set."""
    import json
    from pathlib import Path

    from tests.conftest import corpus_articles

    gold_dir = Path(__file__).parent / "gold"
    articles = {r["id"]: r["title"] + "\n\n" + r["text"] for r in corpus_articles()}
    for name in ("questions_dev.json", "questions_dev2.json", "questions_dev_whatsaid.json", "questions_heldout.json"):
        items = json.loads((gold_dir / name).read_text(encoding="utf-8"))
        asked = {i["question"] for i in items}
        for item in items:
            if item.get("refused"):
                continue
            text = articles[item["article_id"]]
            assert all(w in text for w in item.get("expected_words") or []), (name, item["question"])
            assert item.get("follows") in (None, *asked), (name, item["question"])

"""Quote extraction and attribution: the hand-annotated seed, the BBC annotations, and each pattern."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.evaluation.questions import quote_scores
from bot.ingest.sources import article_from_text
from bot.quotes import extract_quotes
from bot.quotes.cues import is_cue
from bot.quotes.nlp import parse
from bot.quotes.resolution import Entity, misspelt_surname
from tests.conftest import CORPUS, SEED

GOLD = Path(__file__).parent / "gold"


def _quotes(body: str):  # type: ignore[no-untyped-def]
    article = article_from_text("t.txt", "Title\n\n" + body)
    quotes, _ = extract_quotes(article)
    for q in quotes:
        assert article.text[q.start:q.end] == q.text
    return [(q.text, q.speaker) for q in quotes], quotes


def test_seed_every_quote_verbatim_and_attributed() -> None:
    gold = json.loads((GOLD / "seed_quotes.json").read_text(encoding="utf-8"))
    article = article_from_text(str(SEED), SEED.read_text(encoding="utf-8"))
    quotes, _ = extract_quotes(article)
    expected = [(q["text"], q["speaker"]) for q in gold["articles"][0]["quotes"]]
    assert len(expected) == 19 and len({s for _, s in expected}) == 5
    assert [(q.text, q.speaker) for q in quotes] == expected
    for q in quotes:
        assert article.text[q.start:q.end] == q.text
        assert '"' not in (article.text[q.start], article.text[q.end - 1])


def test_seed_nothing_outside_marks_is_a_quote() -> None:
    article = article_from_text(str(SEED), SEED.read_text(encoding="utf-8"))
    quotes, _ = extract_quotes(article)
    for q in quotes:
        before = article.text[:q.start].rstrip()
        assert before.endswith(('"', "“")), q.text
    texts = " ".join(q.text for q in quotes)
    assert "dismissed as nonsense by Warsaw" not in texts
    assert "Newsweek has contacted NATO" not in texts


def _scores(name: str) -> dict:
    if not CORPUS.exists():
        pytest.skip("the BBC corpus lives in ../shared/corpus, which this clone does not have")
    gold = json.loads((GOLD / name).read_text(encoding="utf-8"))
    scores = quote_scores(gold, GOLD)
    print(name, {k: v for k, v in scores.items() if k != "examples"})
    return scores


def test_blind_dev_annotations() -> None:
    """40 articles annotated blind before the rules changed (the set attribution is tuned on): a floor."""
    scores = _scores("bbc_quotes_blind_dev.json")
    assert scores["gold_quotes"] >= 200
    assert scores["precision"] >= 0.97 and scores["recall"] >= 0.92
    assert scores["speaker_accuracy"] >= 0.93  # 0.954 in session 10 (0.918, 0.887 before; 0.701 regex)
    assert scores["attributed_accuracy"] >= 0.88  # a name shown is right far more often than not


def test_second_blind_dev_annotations() -> None:
    """30 more articles annotated blind on 2026-11-26 (first run: speaker 0.873; tuned on since): a floor."""
    scores = _scores("bbc_quotes_blind_dev2.json")
    assert scores["gold_quotes"] >= 200
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.88
    assert scores["speaker_accuracy"] >= 0.94  # 0.968 measured 2026-11-26 after the session's rules
    assert scores["attributed_accuracy"] >= 0.95


def test_older_bbc_annotations() -> None:
    """The 16 + 4 articles annotated beside the regex rules this engine replaced: a floor, not a target."""
    for name in ("bbc_quotes.json", "bbc_quotes_heldout.json"):
        scores = _scores(name)
        assert scores["precision"] >= 0.95 and scores["recall"] >= 0.85
        assert scores["speaker_accuracy"] >= 0.82


def test_curly_marks_and_speaker_after() -> None:
    found, quotes = _quotes("“We will win,” said Jane Doe, the party leader.")
    assert found == [("We will win", "Jane Doe")]
    assert quotes[0].cue == "said" and quotes[0].kind == "direct"


def test_partial_quote_in_reported_speech() -> None:
    found, quotes = _quotes('The Polish foreign ministry dismissed the claims as "baseless" on Monday.')
    assert found == [("baseless", "Polish foreign ministry")]
    assert quotes[0].kind == "partial" and quotes[0].cue == "dismissed"


def test_split_quote_and_pronoun_across_paragraphs() -> None:
    found, _ = _quotes(
        'Mayor Ann Brown spoke first. "We know the risks," Ms Brown said. "But we will go on."\n\n'
        'Tom Hale, her deputy, disagreed.\n\n"It is too early," he said.\n\n"Much too early," she replied.')
    assert found == [("We know the risks", "Ann Brown"), ("But we will go on.", "Ann Brown"),
                     ("It is too early", "Tom Hale"), ("Much too early", "Ann Brown")]


def test_run_on_quote_across_paragraphs_keeps_speaker() -> None:
    found, quotes = _quotes(
        'Chief executive Tom McKillop said: "The year was hard.\n\n"We cut costs.\n\n"Next year will be better."')
    assert [s for _, s in found] == ["Tom McKillop"] * 3
    assert [t for t, _ in found] == ["The year was hard.", "We cut costs.", "Next year will be better."]
    assert quotes[0].speaker_mention == "Chief executive Tom McKillop"


def test_nested_single_quotes_stay_inside() -> None:
    found, _ = _quotes("\"They said 'never again' and meant it,\" Baroness Jane Smith told the BBC.")
    assert found == [("They said 'never again' and meant it", "Jane Smith")]


def test_titles_map_to_the_fullest_name() -> None:
    found, quotes = _quotes(
        'Betty Boothroyd spoke at the launch.\n\nLady Boothroyd added: "It is a fine book."\n\n'
        '"I loved it," said Baroness Boothroyd.')
    assert [s for _, s in found] == ["Betty Boothroyd", "Betty Boothroyd"]
    assert quotes[0].cue == "added" and quotes[0].speaker_mention == "Lady Boothroyd"


def test_role_descriptor_resolves_to_the_introduced_person() -> None:
    found, _ = _quotes(
        'Belarusian president Alexander Lukashenko spoke on Tuesday.\n\n'
        '"We are ready," the Belarusian leader said.')
    assert found == [("We are ready", "Alexander Lukashenko")]


def test_according_to_and_scare_quotes() -> None:
    found, _ = _quotes(
        'The plan is "dead in the water", according to analyst Mary Jones. '
        'The firm makes the so-called "smart bottle" and a drink called "Fizz".')
    assert found == [("dead in the water", "Mary Jones")]


def test_titled_namesakes_stay_apart() -> None:
    """'Sir Ian Blair' is never Tony Blair, and Mr Blair joins Tony Blair only in an article naming one Blair."""
    found, _ = _quotes(
        'Tony Blair opened the debate. Metropolitan Police Commissioner Sir Ian Blair spoke later.\n\n'
        '"The election could be a target," Sir Ian Blair said.\n\n"We will be ready," said Mr Tony Blair.')
    assert found == [("The election could be a target", "Ian Blair"), ("We will be ready", "Tony Blair")]


def test_spokesperson_is_a_speaker_of_their_own() -> None:
    found, _ = _quotes(
        'Tony Blair visited the school on Monday.\n\n'
        '"The prime minister has not made up his mind," Mr Blair\'s spokesman said.\n\n'
        '"We are looking at it," a Downing Street spokeswoman added.')
    assert found[0] == ("The prime minister has not made up his mind", "spokesman for Tony Blair")
    assert found[1] == ("We are looking at it", "Downing Street spokeswoman")


def test_a_spokesperson_who_reported_speech_is_the_he_of_the_next_quote() -> None:
    """'A spokesman for Apacs said the risk was minimal. "…," he said': the spokesman, not the analyst quoted
    before him; and the bracketed abbreviation the entity cut in half is closed again."""
    found, _ = _quotes(
        '"Banks are not hugely concerned," said Dominic Hirsch, of Retail Banking Research.\n\n'
        'A spokesman for the Association of Payment and Clearing Services (Apacs) said the risk was minimal. '
        '"There is no concern at all," he said.')
    assert found[1] == ("There is no concern at all",
                        "spokesman for Association of Payment and Clearing Services (Apacs)")


def test_a_spokesperson_without_an_owner_speaks_for_whoever_just_reported_speech() -> None:
    """'Scotland Yard said … "…," said the spokesman': Scotland Yard's spokesman; the spokesperson the article
    named ('A Delta spokesperson … The spokesperson also confirmed'); the person introduced in the role; and
    not the organisation merely named last ('The RAC welcomed…' before 'group Transport 2000 said')."""
    found, _ = _quotes(
        'The RAC welcomed the news. Environmental group Transport 2000 said the freeze sends the wrong message. '
        '"We are concerned," said a spokesman.\n\n'
        'Scotland Yard said the operation had been reviewed. A spokesman said the papers had been handed in. '
        '"We cannot discuss who was responsible," said the spokesman.\n\n'
        'A Delta spokesperson confirmed that Ms Simonetti had left. The spokesperson also said there were '
        '"very clear rules" on uniforms.\n\n'
        '"Nothing yet," said Michael Lamberty, a Lufthansa spokesman. "We are checking," the spokesman said.')
    assert found == [("We are concerned", "spokesman for Transport 2000"),
                     ("We cannot discuss who was responsible", "spokesman for Scotland Yard"),
                     ("very clear rules", "Delta spokesperson"),
                     ("Nothing yet", "Michael Lamberty"), ("We are checking", "Michael Lamberty")]


def test_a_speech_noun_with_an_owner_reports_the_owners_words() -> None:
    """'a rebuff to Peter Hain's description of him as an "attack mongrel", claiming …': Hain's words, not
    those of whoever rebuffed them; and 'a Jackson lawyer' speaks for Jackson, not as Jackson."""
    found, _ = _quotes(
        'Michael Howard delivered a rebuff to Peter Hain\'s description of him as an "attack mongrel", claiming '
        'Labour was "rattled".\n\n'
        'Ann Kite told the court that a Jackson lawyer had told her the mother would look like a "liar".')
    assert found == [("attack mongrel", "Peter Hain"), ("rattled", "Michael Howard"), ("liar", "Jackson lawyer")]


def test_a_surname_the_tagger_read_as_a_verb_still_names_the_person() -> None:
    """'Groening recently heaped praise …, saying: "…"': the small model tags 'Groening' a verb (-ing)."""
    found, _ = _quotes(
        'Ricky Gervais is writing an episode, following an invitation from its creator Matt Groening. '
        '"It is the greatest show of all time," he said. Groening recently heaped praise on The Office, saying: '
        '"Everybody on The Simpsons is a fan of The Office."')
    assert found == [("It is the greatest show of all time", "Ricky Gervais"),
                     ("Everybody on The Simpsons is a fan of The Office.", "Matt Groening")]


def test_newcomer_trial_constructions() -> None:
    """Read wrong by a newcomer trial on the BBC corpus (each sentence here is written anew):
    'according to media and PR strategist Glen Yearwood' is Yearwood, not 'media'; an organisation in
    capitals ('ESPN said') is no dateline; a party the tagger read as a person ('Labour had abused …') is
    never the 'he' of a quote; a title's gender ('Ms James') overrules a first name's ('Rhys')."""
    found, _ = _quotes(
        '"We will work with the artists," according to media and PR strategist Glen Yearwood.\n\n'
        '"ESPN is an inclusive company," ESPN said in a statement.\n\n'
        'Charles Kennedy spoke in Harrogate. He told delegates that Labour had abused the public\'s trust. '
        'He said: "Your vote was wasted."\n\n'
        'Artist Rhys James is worried about funding. Culture Minister Alun Pugh said it would be "crass" to '
        'liken a review to Hitler\'s Germany. But Ms James said artists needed freedom. She told BBC Radio '
        'Wales: "Free expression is vital."')
    assert found == [("We will work with the artists", "Glen Yearwood"),
                     ("ESPN is an inclusive company", "ESPN"),
                     ("Your vote was wasted.", "Charles Kennedy"),
                     ("crass", "Alun Pugh"), ("Free expression is vital.", "Rhys James")]


def test_an_institution_described_is_never_a_party_named_nearby() -> None:
    """'the police said' is not the Lib Dems' (the organisation last named); 'the party' is."""
    found, _ = _quotes(
        'The Lib Dems oppose the bill. Mr Howard said the police had said the cards could "help them foil a plot".'
        '\n\nThe Lib Dems met in Brighton. The party said it was "ready to govern".')
    assert ("help them foil a plot", "Lib Dems") not in found
    assert ("ready to govern", "Lib Dems") in found


def test_a_name_stops_at_the_role_the_tagger_ran_it_over() -> None:
    """The small model tags 'Workers Secretary-Treasurer Gary Casteel' one PERSON; 'a New Hampshire
    Republican' lost 'New' (a compound of 'Hampshire', not of the head); a title still gives its gender."""
    found, _ = _quotes(
        '"We had a big issue," said United Auto Workers Secretary-Treasurer Gary Casteel. "It is over," said a '
        'New Hampshire Republican. Lord Charles Falconer said it was "a good day".')
    assert found == [("We had a big issue", "Gary Casteel"), ("It is over", "New Hampshire Republican"),
                     ("a good day", "Charles Falconer")]


def test_an_age_speaks_for_the_person_the_story_is_about() -> None:
    """'said the 30-year-old': the small model tags the age a date (dates never speak), and the person it
    describes was named a paragraph up, beyond the 300 characters a description looks back."""
    found, _ = _quotes(
        'Double Olympic champion Tom Reyes is set to make a rare appearance at the cross country championships '
        'in France next spring.\n\nBut the Spaniard, who has not raced over cross country for fifteen years, '
        'will not decide until two weeks before the event, which starts on 19 March in the hills near Lyon. '
        '"If I am to compete in it, it is only if I feel I can win," said the 30-year-old.')
    assert found == [("If I am to compete in it, it is only if I feel I can win", "Tom Reyes")]


def test_a_spokesperson_with_no_one_reporting_before_stays_unattributed() -> None:
    found, _ = _quotes('Prices rose in March. "We are watching closely," said a spokesman.')
    assert found == [("We are watching closely", None)]


def test_long_titles_and_possessive_roles_give_the_person() -> None:
    found, quotes = _quotes(
        'The Shadow Secretary of State for the Family, Theresa May, said: "Families deserve better."\n\n'
        'Menatep Group\'s managing director Tim Osborne told the Reuters news agency: "We will appeal."')
    assert found == [("Families deserve better.", "Theresa May"), ("We will appeal.", "Tim Osborne")]
    assert quotes[1].cue == "told the Reuters news agency"
    # The cue as the article spaces it ("told Uefa 's Champions magazine" had been shown beside Stam's words).
    _, quotes = _quotes('"United made a mistake in selling me," Stam told Uefa\'s Champions magazine.')
    assert quotes[0].cue == "told Uefa's Champions magazine"


def test_us_titles_and_outlets_are_not_speakers() -> None:
    found, _ = _quotes(
        'Sen. Ted Cruz said on NBC\'s "Meet the Press" that the plan was "dead on arrival." '
        'Gov. Jerry Brown told Reuters: "We disagree with the senator."')
    assert ("dead on arrival.", "Ted Cruz") in found
    assert ("We disagree with the senator.", "Jerry Brown") in found
    assert all(text != "Meet the Press" for text, _ in found)


def test_pronouns_follow_gender_and_skip_names_inside_quotes() -> None:
    found, _ = _quotes(
        'Hillary Clinton and Donald Trump met in St. Louis on Sunday. Mr Trump spoke first.\n\n'
        '"She has been wrong on everything," he said. "I told Jeb Bush the same."\n\n'
        '"That is not true," she replied.')
    assert found == [("She has been wrong on everything", "Donald Trump"),
                     ("I told Jeb Bush the same.", "Donald Trump"), ("That is not true", "Hillary Clinton")]


def test_nickname_and_doubled_apostrophe_marks() -> None:
    found, _ = _quotes(
        "Idaho Gov. C.L. \"Butch\" Otter signed the bill. ''It is a good day for Idaho,'' Mr. Otter said.")
    assert [text for text, _ in found] == ["It is a good day for Idaho"]
    assert found[0][1] and found[0][1].endswith("Otter")


def test_passive_agent_and_quoted_verb() -> None:
    found, _ = _quotes(
        'The scheme was branded a "disgraceful waste" by MPs on Monday. '
        'Richard Thomas "totally condemned" the deletion of e-mails.')
    assert found == [("disgraceful waste", "MPs"), ("totally condemned", "Richard Thomas")]


def test_unsure_attribution_is_left_empty() -> None:
    """A description the article never ties to anyone is stored without a speaker, not guessed."""
    found, quotes = _quotes(
        'Shares fell sharply on Friday.\n\n"This is a disaster for savers and nobody is listening," one trader said.')
    assert found == [("This is a disaster for savers and nobody is listening", None)]
    assert quotes[0].speaker_mention == "one trader"


def test_every_stored_quote_has_a_confidence_and_low_ones_lose_the_speaker() -> None:
    article = article_from_text(str(SEED), SEED.read_text(encoding="utf-8"))
    raw, _ = extract_quotes(article, min_confidence=0.0)
    kept, _ = extract_quotes(article, min_confidence=0.99)
    assert all(0.0 < q.confidence <= 1.0 for q in raw)
    assert [q.text for q in raw] == [q.text for q in kept]
    assert all(q.speaker is None for q in kept if q.confidence < 0.99)


def test_second_quote_after_doubled_apostrophe_marks_is_kept() -> None:
    """NYT-style '' marks: the first apostrophe of the pair is no lead-in, so the second quote is direct."""
    pairs, _ = _quotes("Ms. Jane Smith, a nurse, spoke at the rally. ''Working full time, there's not much time "
                       "I can volunteer,'' she said. ''I just tried to do what I could with what I had.''")
    assert ("I just tried to do what I could with what I had.", "Jane Smith") in pairs


def test_inverted_cue_after_a_split_quote_names_the_speaker() -> None:
    pairs, _ = _quotes('"The risk," said Edward Leamer, an economist who directs the UCLA Anderson Forecast, '
                       '"is that we are going to be attracting workers and repelling jobs."')
    assert {s for _, s in pairs} == {"Edward Leamer"}


def test_pronoun_skips_the_subject_of_the_quoted_words() -> None:
    """'Clinton "caused havoc," he said': he is not Clinton; the main clause's subject holds the floor."""
    pairs, _ = _quotes("Donald Trump attacked Hillary Clinton on Saturday. Clinton \u201ccaused tremendous havoc "
                       "and tremendous death,\u201d he said.")
    assert pairs == [("caused tremendous havoc and tremendous death", "Donald Trump")]


def test_quote_after_a_reporting_sentence_is_its_speakers() -> None:
    pairs, _ = _quotes('Matthew Herren from EduVision told the BBC how the charity uses satellite radio. "The '
                       'E-slates connect via a wireless connection to a base station in the school."')
    assert pairs == [("The E-slates connect via a wireless connection to a base station in the school.",
                      "Matthew Herren")]


def test_surname_misread_as_a_noun_still_takes_the_pronoun() -> None:
    pairs, _ = _quotes('Spurs boss Martin Jol said the goal by Pedro Mendes should have stood. Jol added: "We were '
                       'robbed of a win today." Mendes could not believe the goal was not given. He said: "My '
                       'reaction on the pitch was to celebrate the goal."')
    assert ("My reaction on the pitch was to celebrate the goal.", "Pedro Mendes") in pairs


def test_a_quotation_signed_with_a_dash() -> None:
    """Testimonials and epigraphs: '"…" ― Name' at the end of a paragraph is that person's."""
    pairs, _ = _quotes("\u201cThe debate left me worried about the future.\u201d \u2015 Rosa Delgado\n\n"
                       "\u201cI have never felt so ignored by a campaign.\u201d\u2014 Peter Ochs")
    assert pairs == [("The debate left me worried about the future.", "Rosa Delgado"),
                     ("I have never felt so ignored by a campaign.", "Peter Ochs")]


def test_a_comma_closed_quote_is_reported_by_the_verb_after_it() -> None:
    """A lost full stop joins a quotation to the sentence before; '"…," said Reyes' still reports it."""
    pairs, _ = _quotes('County boss Dan Reyes has reopened his row with the striker. Reyes - who refused to refer '
                       'to the 25-year-old by name - said the striker did not score enough goals "The chap '
                       'that\'s just gone has scored 6.1 goals a season in his time," said Reyes. "That\'s not '
                       'good enough for a striker at a club like this."')
    assert pairs == [("The chap that's just gone has scored 6.1 goals a season in his time", "Dan Reyes"),
                     ("That's not good enough for a striker at a club like this.", "Dan Reyes")]


# One sentence, one construction: each case came from an error read in the blind BBC dev set or PolNeAR
# train/dev; all but the date case fail on the code before their rule (that one guards a fallback's luck).
@pytest.mark.parametrize(("text", "expected"), [
    pytest.param('Ella Stone sings to the crowd before asking them, "Where do we go from here?"',
                 [("Where do we go from here?", "Ella Stone")], id="before-asking-keeps-the-subject"),
    pytest.param('Opposition leader Mark Hale accused the two ministers of"bickering like children". The row went on.',
                 [("bickering like children", "Mark Hale")], id="opening-mark-glued-to-the-word-before"),
    pytest.param('Tory peer Lord Tebbit said he agreed with Dr Fox\'s view, and said the case should be looked at on '
                 'its merits. "After all, he is far from the worst offender," he added.',
                 [("After all, he is far from the worst offender", "Tebbit")], id="titled-org-is-a-person"),
    pytest.param('A "fair wage" for a single adult is about $14 an hour, according to calculations by Rosa Kemp of '
                 'the Institute for Fiscal Studies.',
                 [("fair wage", "Rosa Kemp")], id="according-to-calculations-by"),
    pytest.param('Filmmaker Jack Marino said, "As a conservative you had to keep your views to yourself."',
                 [("As a conservative you had to keep your views to yourself.", "Jack Marino")],
                 id="a-trade-is-not-part-of-the-name"),
    pytest.param('Mr Brown told the House that duty rises each year. But this financial year, because of '
                 '"volatility in the oil market", he said the duty would be frozen.',
                 [("volatility in the oil market", "Brown")], id="a-date-does-not-speak"),
    pytest.param('Dinesh Rao spoke about Hillary Clinton at length. He went on to explain that the Clintons were '
                 'ruthless. "I respect their ruthlessness, you have to," he said.',
                 [("I respect their ruthlessness, you have to", "Dinesh Rao")], id="a-family-is-not-he"),
])
def test_one_construction_per_sentence(text: str, expected: list[tuple[str, str]]) -> None:
    pairs, _ = _quotes(text)
    assert pairs == expected


# A quote among others whose speaker the context around it decides: the pair named must be among those found.
@pytest.mark.parametrize(("text", "expected"), [
    # The parser may hang a subordinate clause's subject on 'as': the chairman speaks, not 'his remarks'.
    pytest.param('Mr Blair said he would fight on. His remarks came as the chairman of the Liberal Party, Sarah '
                 'Kent, on Sunday called him "a leader of no ideas" at a rally.',
                 ("a leader of no ideas", "Sarah Kent"), id="a-subordinate-clause-speaks-for-itself"),
    # A description reporting speech stands for the person it describes: the next 'he said' is theirs.
    pytest.param('Former Cardiff manager Owen Price has turned down the job at Swansea. Club director Peter Lane met '
                 'Price on Monday. The former Wales captain added that the move would not be wise. "It has '
                 'everything going for it but my heart is elsewhere," he said.',
                 ("It has everything going for it but my heart is elsewhere", "Owen Price"),
                 id="a-description-reporting-speech-takes-the-later-he"),
    pytest.param('The Herald said the adviser had warned of defeat. Mr Adams denied it. Mr Adams\'s statement said: '
                 '"No such talk took place." It added: "The party is united behind its leader."',
                 ("The party is united behind its leader.", "Adams"), id="it-after-a-quoted-statement"),
    pytest.param('Mark Lopez spoke for an hour. The speech had been introduced by his brother Carlos, a teacher, who '
                 'praised his record. "He has always meant every word," he said.',
                 ("He has always meant every word", "Carlos"), id="a-passive-agent-takes-the-pronoun"),
    pytest.param('While Adam Berg had a crowd of artists behind him, that is something that worries Tom Hale, '
                 'president of the Leeds Arts Council. "Nobody is singing for us," he said.',
                 ("Nobody is singing for us", "Tom Hale"), id="a-person-introduced-with-a-role-takes-the-pronoun"),
])
def test_the_speaker_the_context_decides(text: str, expected: tuple[str, str]) -> None:
    pairs, _ = _quotes(text)
    assert expected in pairs


def test_words_a_reporting_verb_gives_to_someone_unnamed_are_kept_unattributed() -> None:
    """'One delegate … said the mood was that "…"' is a quotation nobody the article names said: kept, with
    no speaker; a scare quote no verb reports is still nobody's quotation."""
    _, qs = _quotes('One delegate, who spoke on condition of anonymity, said the mood was that "this will not be '
                 'settled by the spring."\n\nThe so-called reform is, in the minister\'s view, "radical" at best.')
    kept = [q for q in qs if q.text.startswith("this will not be settled")]
    assert len(kept) == 1 and kept[0].speaker is None and kept[0].kind == "partial"
    assert not any(q.text == "radical" for q in qs)


def test_a_clause_ending_in_a_colon_or_comma_introduces_the_quote_whatever_its_verb() -> None:
    """'Kasich resisted: "…"' is Kasich's though 'resisted' is no verb of saying, and not the speaker of the
    sentence before; 'Hillary Clinton shot back, "…"' is hers, not Jerry Brown's whom the clause before names."""
    pairs, _ = _quotes('The union pushed for a ban. The governor could "do some kind of order," said Stephen '
                       'Loomis, the union president. John Kasich resisted: "Ohio governors do not have the power '
                       'to suspend federal law."\n\nAfter Jerry Brown criticized Bill Clinton during a debate, '
                       'Hillary Clinton shot back, "I suppose I could have chosen to bake cookies."')
    assert ("Ohio governors do not have the power to suspend federal law.", "John Kasich") in pairs
    assert ("I suppose I could have chosen to bake cookies.", "Hillary Clinton") in pairs


def test_a_verb_in_the_next_paragraph_reports_its_own_paragraph() -> None:
    """'"…," Menendez said. "…"¶Corker said he was "meticulous"': the second quote is still Menendez's, though
    the parser may run the paragraph into the next and hang it from Corker's verb."""
    pairs, _ = _quotes('Senator Bob Corker backed the bill. Senator Robert Menendez did too.\n\n"That would be a '
                       'false reason," Menendez said. "If you do not want to do something about Iranian aggression, '
                       'fine, but you cannot use the waivers as a reason."\n\nCorker said he and his partners were '
                       '"meticulous" about the wording.')
    assert ("If you do not want to do something about Iranian aggression, fine, but you cannot use the waivers "
            "as a reason.", "Robert Menendez") in pairs


def test_a_name_the_model_ran_into_an_organisation_with_of_is_the_name() -> None:
    """'Meenakshi Ganguly of Human Rights Watch' is Meenakshi Ganguly (the model tags the whole an
    organisation); 'the Royal College of Physicians' keeps its 'of'."""
    pairs, _ = _quotes('"People stood hours in line in the sun," said Meenakshi Ganguly of Human Rights Watch, '
                       'who observed voting in Kachin state.\n\n"We agree," said the Royal College of Physicians.')
    assert pairs == [("People stood hours in line in the sun", "Meenakshi Ganguly"),
                     ("We agree", "Royal College of Physicians")]


def test_newcomer_trial_speakers_resolve_to_the_person_just_named() -> None:
    """Four wrong speakers a newcomer found, in sentences of my own: a knight's message ('His message to the
    chancellor was:'), a role's holder in its 'of' phrase, a description ending in '-er' that names a person,
    and a first name with 'Sir' for the knight named in full."""
    pairs, _ = _quotes(
        'Ed Balls said the Budget was safe. "There will be no spree," he said.\n\n'
        'His words came after Sir Alan Parks said stability mattered most. His message to the chancellor was: '
        '"Please do not give it away." Sir Alan added: "He has been prudent."')
    assert ("Please do not give it away.", "Alan Parks") in pairs and ("He has been prudent.", "Alan Parks") in pairs
    pairs, _ = _quotes(
        'Club president Jose Luis Ramos said the match would be replayed. "We decided to play on," Ramos added. '
        'Rovers director of football Emilio Vargas praised the fans. "They showed great maturity," he said.')
    assert ("They showed great maturity", "Emilio Vargas") in pairs
    pairs, _ = _quotes(
        'Film star Tom Bell opened the festival in London. Bell said the film had an "honest message". '
        '"Winter is a special time of year," added the two-time Bafta Award winner.')
    assert ("Winter is a special time of year", "Tom Bell") in pairs


def test_a_paragraph_never_shares_a_sentence_with_the_next() -> None:
    """'…money."¶Vincent Cable, for the Liberal Democrats, accused …¶He said: "…"': Cable's, not the speaker of
    the paragraph before (the parser had run the paragraphs together and made Cable an object)."""
    pairs, _ = _quotes(
        'Mr Letwin told MPs: "The tide is going out on the chancellor\'s credibility. He is spending so much '
        'because he is not getting value for taxpayers\' money."\n\nVincent Cable, for the Liberal Democrats, '
        'accused Mr Brown of ducking tough choices.\n\nHe said: "Last week the prime minister gave us the '
        'politics of fear."')
    assert ("Last week the prime minister gave us the politics of fear.", "Vincent Cable") in pairs


def test_a_quote_branded_by_someone_is_theirs_not_the_subject_of_the_clause_before() -> None:
    """'Tessa Jowell announced plans …, in a move branded a "humiliating retreat" by the Tories': the Tories'
    words (the parser gives 'branded' no subject and hangs it from 'announced')."""
    pairs, _ = _quotes('Tessa Jowell has announced plans to limit the number of new casinos in the UK to 24, in a '
                       'move branded a "humiliating retreat" by the Tories.')
    assert pairs == [("humiliating retreat", "Tories")]


def test_a_verbless_label_ending_in_a_colon_names_the_speaker() -> None:
    """'- Rovers boss Sir Tom Vale: "…"' (match reports label who speaks): his, and the run-on parts too."""
    pairs, _ = _quotes('Rovers won 2-0 at home.\n\n- Rovers boss Sir Tom Vale: "It was a fine display by us. '
                       '"The boy Pereira is a real talent."')
    assert pairs == [("It was a fine display by us.", "Tom Vale"), ("The boy Pereira is a real talent.", "Tom Vale")]


def test_a_name_with_an_apposition_before_a_subjectless_cue_speaks() -> None:
    """'"…," Ann Lowe, from the Retail Council (RC) told the BBC': the parser gives 'told' no subject; the
    first name after the quotation is the speaker, not a name further back across a sentence end."""
    pairs, _ = _quotes('The show opens on Friday. "The story this year is all about phones and how they change '
                       'the way people shop," Ann Lowe, from the Retail Council (RC) told the BBC News website.')
    assert pairs == [("The story this year is all about phones and how they change the way people shop",
                      "Ann Lowe")]
    pairs, _ = _quotes('"Is it fair that the poorest pay more?" he asked.\n\nMr Lane criticised Mr Hart for failing '
                       'to mention the "ticking bomb" of council tax.')
    assert ("ticking bomb", "Hart") not in pairs


def test_a_quoted_complement_belongs_to_the_subject_of_the_verb_it_completes() -> None:
    """'The East Midlands MEP … wants his new group to "change the face" of politics': the MEP's words (not
    'his new group's), and the MEP is the person the sentence before was about."""
    pairs, _ = _quotes('Mr Robert Dale announced his plans a day after launching his new party. The East Midlands '
                       'MEP, who quit the Green Party, wants his new group to "change the face" of UK politics.')
    assert pairs == [("change the face", "Robert Dale")]


def test_a_spokesman_without_an_owner_speaks_on_for_the_body_just_named() -> None:
    """'Oftel says it will review … But a spokesman said … "…," he said': the spokesman's words, for the body
    the paragraph before named — not the person quoted before him."""
    pairs, _ = _quotes('"The service is a lifeline," said campaigner Guy Gold.\n\nOftel says it will review the '
                       'rules next year. But a spokesman said its powers were limited by law. "Any change would be '
                       'for government to consider," he said.')
    assert ("Any change would be for government to consider", "spokesman for Oftel") in pairs
    # A body the model does not tag leaves the spokesman unplaced: unattributed, never the campaigner.
    pairs, _ = _quotes('"The service is a lifeline," said campaigner Guy Gold.\n\nOfwat says it will review the '
                       'rules next year. But a spokesman said its powers were limited by law. "Any change would be '
                       'for government to consider," he said.')
    assert ("Any change would be for government to consider", None) in pairs


def test_a_team_the_model_tags_as_a_person_is_an_organisation() -> None:
    """"Leeds United's board" (tagged a person, and its "-er"-free first word kept): 'the club said' is the
    club's, not the ground's named after it."""
    pairs, _ = _quotes("Leeds United's board has agreed to let Mr Kane see its books. In a statement, the club "
                       'said it would allow "limited due diligence". About 300 fans protested outside the Elland '
                       'Road ground.\n\n"Any board must consider a real offer," the club said in its statement.')
    assert [s for _, s in pairs] == ["Leeds United", "Leeds United"]


def test_a_reporting_verb_that_lost_its_subject_goes_on_with_the_person_just_named() -> None:
    """'Mr Hart told Radio Kent he had not read it. But told the paper: "…"' is Hart's; 'Said Ellis: "…"' is
    Ellis's (inverted), not the person before; and a quote in a clause deep under 'He said' is his."""
    pairs, _ = _quotes('Mr Tom Hart told Radio Kent he had not yet read the report. But told the Courier: "As far '
                       'as I\'m concerned, that is the end of it."')
    assert pairs == [("As far as I'm concerned, that is the end of it.", "Tom Hart")]
    pairs, _ = _quotes('Ann Cole has ignored the issue. Experts say her plans would make the code worse. Said Tim '
                       'Ellis: "I don\'t get the sense she\'s the least bit interested in reform."')
    assert pairs == [("I don't get the sense she's the least bit interested in reform.", "Tim Ellis")]
    pairs, _ = _quotes('Mr Tom Dale quit the party last week. He said he was ashamed to be a member of a party whose '
                       'leadership had "gone AWOL" after the election.')
    assert pairs == [("gone AWOL", "Tom Dale")]


def test_a_first_person_quote_with_no_verb_after_a_sentence_about_someone_is_theirs() -> None:
    """Profiles run so: 'He spent seven years at MTV … "At a certain point in 1995, I was driving in …"' — the
    person the sentence is about, when that is clear; nothing when the 'he' itself is in doubt."""
    pairs, _ = _quotes('Radio host Adam Cole grew up in Holland. He spent the next seven years in New York, where he '
                       'worked at MTV. "At a certain point in 1995, I was driving in on a Friday, thinking this is '
                       'so stupid."')
    assert pairs == [("At a certain point in 1995, I was driving in on a Friday, thinking this is so stupid.",
                      "Adam Cole")]
    pairs, _ = _quotes('The crowd cheered for the band. It was a cold night. "I was there and I loved it."')
    assert pairs == [("I was there and I loved it.", None)]


def test_a_titled_surname_is_not_a_relative_of_the_other_gender() -> None:
    """'Ms. Khan … her son, Humayun Khan': her words are hers, never her son's (the two had been merged into
    one person, and 'she' then found him); the same, the son named first."""
    pairs, _ = _quotes('Ann Bell spoke on Monday. Ms. Khan said she could not talk about her son, Humayun Khan.\n\n'
                       '"All the world felt my pain," Ms. Khan wrote. She continued: "Does he need to wonder?"')
    assert pairs == [("All the world felt my pain", "Khan"), ("Does he need to wonder?", "Khan")]
    pairs, _ = _quotes('Her son, Humayun Khan, died in 2004. Ms. Khan said: "All the world felt my pain."')
    assert pairs == [("All the world felt my pain.", "Khan")]


def test_a_colon_after_a_verb_and_its_object_introduces_the_quote() -> None:
    """'Drummer Jo Bell echoed those sentiments: "…"': Bell's, not the speaker of the sentence before."""
    pairs, _ = _quotes('"The challenge is to be bigger and better," singer Ray Dunn said. Drummer Jo Bell echoed those '
                       'sentiments: "We\'re very competitive. We don\'t want to be thought of as a veteran band."')
    assert ("We're very competitive. We don't want to be thought of as a veteran band.", "Jo Bell") in pairs


def test_a_pronoun_does_not_give_its_gender_to_someone_named_beside_a_person_of_that_gender() -> None:
    """'Knight and drum 'n' bass star Roni Vale have released …. She said …' (the parser makes only Vale the
    subject): 'She' is Knight, and Vale must not become a woman, or his own 'he said' finds nobody."""
    pairs, _ = _quotes("R&B star Beverley Knight said she sang on the single.\n\nKnight and drum 'n' bass star Roni "
                       "Vale have released No More in a bid to reduce gun crime. She said she was \"horrified\" by "
                       "the deaths.\n\nVale said he joined because he has \"a bird's eye view of what's going on\". "
                       "\"Over the last 10 years, I have seen a lot of things happen,\" he said.")
    assert ("Over the last 10 years, I have seen a lot of things happen", "Roni Vale") in pairs
    assert ("horrified", "Beverley Knight") in pairs  # the woman named beside him, not Vale


def test_a_relative_introduced_by_kinship_is_not_the_person_named_by_surname_before() -> None:
    """'Grant … his daughter Ellie Grant': 'Grant' had become Ellie Grant (a fuller name seen later), and
    his own 'Grant said' and 'He added' went to her or to whoever spoke before."""
    pairs, _ = _quotes('Grant accepted the nomination on Thursday. He was introduced by his daughter Ellie Grant, '
                       'who called him "a fighter."\n\n"We will not give in," Grant said. He added, "We will win '
                       'this state."')
    assert ("We will not give in", "Grant") in pairs and ("We will win this state.", "Grant") in pairs


def test_a_nickname_in_quotation_marks_does_not_split_the_name() -> None:
    """'Del. Marcia "Cia" Lane (D-Richmond)': the speaker is Marcia Lane, not her district."""
    pairs, quotes = _quotes('"This is a big year for all of us!" state Del. Marcia "Cia" Lane (D-Richmond) shouted '
                            'to the crowd.')
    assert pairs == [("This is a big year for all of us!", "Marcia Lane")]
    assert "  " not in quotes[0].speaker_mention


def test_a_word_the_model_calls_a_place_more_often_than_a_person_is_nobody_speaking() -> None:
    """A town named as a place again and again, once tagged a person ('Clarkston became his home'), is not
    the 'he' of the man who moved there."""
    pairs, _ = _quotes("Luay Haddad, 33, came to Clarkston from Iraq in 2011. Clarkston is a small city in Georgia, "
                       "and Clarkston has many refugees.\n\nSoon, he found the area welcoming. He got a car and a "
                       "job, and Clarkston became his home.\n\n\"The stereotyping is still strong,\" he said.")
    assert pairs == [("The stereotyping is still strong", "Luay Haddad")]


def test_someone_who_serves_a_person_is_not_that_person() -> None:
    """'one Trump confidant', 'the senior Cruz adviser', 'a longtime adviser to Trump': the speaker works for
    the person named, so the quote is labelled as such, never given to the person."""
    pairs, _ = _quotes('Donald Trump spoke in Ohio. "You may lose a few elites," one Trump confidant said.\n\n'
                       'Ted Cruz met donors. "Politicians are practical people," the senior Cruz adviser said.\n\n'
                       '"He does not know the new demographics," said a longtime adviser to Trump.')
    assert [speaker for _, speaker in pairs] == ["confidant for Donald Trump", "adviser for Ted Cruz",
                                                 "adviser for Donald Trump"]


def test_a_role_description_goes_to_the_person_whose_role_fits_it_best() -> None:
    """'the vice president' is the one introduced as Vice President, not the President named after him."""
    pairs, _ = _quotes("Vice President Joseph R. Biden Jr. spoke in Scranton. He was joined by President Obama, who "
                       "praised him.\n\n\"I would have thrown my body in front of him,\" the vice president said.")
    assert pairs == [("I would have thrown my body in front of him", "Joseph R. Biden Jr.")]


def test_of_two_subjects_the_parser_gives_a_reporting_verb_the_person_speaks() -> None:
    """'In Akron, OH, Gov. Tom Hale said' parsed with the place as a second subject: Hale speaks, not 'OH'
    (a parse built by hand, since the model's own mistake depends on the sentence around it)."""
    from spacy.tokens import Doc

    from bot.quotes.nlp import pipeline
    from bot.quotes.subjects import speaker_token

    words = ["In", "Akron", ",", "OH", ",", "Gov.", "Tom", "Hale", "said", "it", "."]
    heads = [8, 0, 8, 8, 8, 7, 7, 8, 8, 8, 8]
    deps = ["prep", "pobj", "punct", "nsubj", "punct", "compound", "compound", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "VERB", "PRON", "PUNCT"]
    doc = Doc(pipeline().vocab, words=words, heads=heads, deps=deps, pos=pos,
              ents=["O", "B-GPE", "O", "B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O"])
    assert speaker_token(doc[8], set()).text == "Hale"


def test_a_party_and_state_tag_is_not_part_of_the_speaker() -> None:
    pairs, quotes = _quotes('"We are going all the way," said Gov. Tom Hale (R-OH) on Monday.')
    assert pairs == [("We are going all the way", "Tom Hale")] and quotes[0].speaker_mention == "Gov. Tom Hale"


def test_a_person_called_by_a_first_name_alone_has_that_names_gender() -> None:
    """'James showed us the barn. "…," she said': not James (the first name alone carried no gender)."""
    pairs, _ = _quotes('Olive Hale runs a farm in Vermont with her family. James showed us the barn.\n\n'
                       '"We love it here," she said.')
    assert pairs == [("We love it here", "Olive Hale")]


def test_a_document_speaks_for_the_body_or_person_it_is_by() -> None:
    """'A Homeland Security memo warned', 'a report by economist Jane Holt found': the memo's and the report's
    words are theirs (they had been left unattributed)."""
    pairs, _ = _quotes('The program has critics. A Homeland Security memo warned that fraudsters "may try to use '
                       'new methods."\n\nA report by economist Jane Holt found the plan "would cost trillions."')
    assert pairs == [("may try to use new methods.", "Homeland Security"), ("would cost trillions.", "Jane Holt")]


def test_whoever_said_the_reported_clause_is_adding_and_says_how_someone_spoke() -> None:
    """'He said Mr Jones had spoken with "such sincerity", adding: "…"': both quotes are Hale's (the parser
    hangs "adding" on the reported clause, and "spoken with" says how Jones spoke, in Hale's words)."""
    pairs, _ = _quotes('Residents met the mayor on Monday. One of them, Tom Hale, said the families were delighted. '
                       'He said Mr Jones had spoken with "such sincerity", adding: "He went beyond what we thought '
                       'he would."')
    assert pairs == [("such sincerity", "Tom Hale"), ("He went beyond what we thought he would.", "Tom Hale")]


def test_a_large_group_is_analysed_by_two_processes_to_the_same_quotes(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ingestion analyses big groups on two forked processes: the same quotes, speakers, confidences and roles
    as one process, in the articles' order, and a failing article still fails alone."""
    import os

    from bot.quotes import extract

    articles = [article_from_text(f"a{n}.txt", f"Homes {n}\n\n\"We will build {n} homes,\" said Mayor Ann Hale of "
                                  f"Leeds on Monday. Critics called it \"a fantasy\".") for n in range(extract.PARALLEL_MIN_ARTICLES)]
    broken = articles[5].model_copy(update={"paragraphs": [(0, 10**9)]})  # offsets past its text
    articles[5] = broken
    assert extract._workers(len(articles)) == (2 if (os.cpu_count() or 1) >= 2 else 1)
    parallel = extract.extract_many(articles)
    monkeypatch.setattr(extract, "PARALLEL_MIN_ARTICLES", 10**6)
    assert extract._workers(len(articles)) == 1
    single = extract.extract_many(articles)

    def shape(result):  # type: ignore[no-untyped-def]
        if isinstance(result, Exception):
            return type(result).__name__
        quotes, roles = result
        return [(q.text, q.speaker, q.confidence, q.start) for q in quotes], roles

    assert [shape(r) for r in parallel] == [shape(r) for r in single]
    assert shape(parallel[7])[0][0][:2] == ("We will build 7 homes", "Ann Hale")
    assert isinstance(parallel[5], IndexError) and not isinstance(parallel[6], Exception)


def test_a_long_title_after_an_inverted_said_leads_to_the_person() -> None:
    """'said Tory shadow local government secretary Caroline Spelman': the parser made 'Tory' the subject."""
    pairs, _ = _quotes('The Conservatives attacked the plans. "This is typical of Lib Dem hypocrisy," said Tory '
                       'shadow local government secretary Caroline Spelman.')
    assert pairs == [("This is typical of Lib Dem hypocrisy", "Caroline Spelman")]


def test_someone_a_role_serves_is_not_the_speaker() -> None:
    """'said a spokesman for Michael Jackson', 'said the lawyer for Mr Jackson': never Jackson himself."""
    pairs, _ = _quotes('Michael Jackson denies the charges. "We will not comment on this," said a spokesman for '
                       'Michael Jackson. "The claims are false and we will show it," said the lawyer for Mr Jackson.')
    assert pairs == [("We will not comment on this", "spokesman for Michael Jackson"),
                     ("The claims are false and we will show it", "lawyer for Michael Jackson")]
    # ... but a title running on after its preposition leads to its holder.
    pairs, _ = _quotes('India backs cheap flights. "The days of flying being only for the rich are over," the minister '
                       'for civil aviation Praful Patel said.')
    assert pairs == [("The days of flying being only for the rich are over", "Praful Patel")]


def test_a_speaker_with_a_role_is_a_person_whatever_the_first_name() -> None:
    """'Parul Jain, deputy chief economist at Nomura, said …. "…," he said': Jain (untagged, a first name the
    list lacks), not the economist named before."""
    pairs, _ = _quotes('Steve Gallagher, an economist, said sales were weak. Parul Jain, deputy chief economist at '
                       'Nomura Securities International, said spending would rise in 2005. "Consumers continue to '
                       'retain their strength in the first quarter," he said.')
    assert pairs == [("Consumers continue to retain their strength in the first quarter", "Parul Jain")]


def test_several_organisations_speak_as_a_plural_description_never_one_of_them() -> None:
    """'EADS and BAE Systems, the firms which own Airbus, … "…," the firms said': both, not Airbus; 'the company'
    stays the organisation last named."""
    pairs, _ = _quotes('Boeing complained about the subsidies. EADS and BAE Systems, the firms which own Airbus, '
                       'welcomed the deal. "It has always been preferable that any differences be overcome through '
                       'discussion," the firms said in a statement. Airbus makes planes. "We are pleased with the '
                       'result of the talks," the company said.')
    assert pairs == [("It has always been preferable that any differences be overcome through discussion",
                      "EADS and BAE Systems"), ("We are pleased with the result of the talks", "Airbus")]


def test_a_document_whose_verb_the_model_read_as_a_noun_still_speaks_for_itself() -> None:
    """'"…," the lawsuit states.' (parsed as the noun 'states'): not the expert quoted in the next paragraph;
    the person who filed the suit, named without where he is from."""
    pairs, _ = _quotes('A user is suing Apple. Californian Thomas Slattery filed the suit in San Jose. "Apple has '
                       'turned an open standard into an artifice," the lawsuit states.\n\n"The lower courts have been '
                       'sceptical of such claims," Prof Ernest Gellhorn said.')
    assert pairs[0] == ("Apple has turned an open standard into an artifice", "Thomas Slattery")


def test_a_slogan_is_its_owners_and_the_agent_is_the_one_the_lede_described() -> None:
    """'Labour's election slogan will be: "…"' is Labour's (it had gone to the Tory leader quoted before);
    'Tom Hale's agent has warned … Dipo Alli says … "…," the agent added' is Alli (unattributed before)."""
    pairs, _ = _quotes('Mr Howard said: "I am determined to lower taxes."\n\nLabour\'s election slogan will be: '
                       '"Britain is working, do not let the Tories wreck it."')
    assert pairs == [("I am determined to lower taxes.", "Howard"),
                     ("Britain is working, do not let the Tories wreck it.", "Labour")]
    pairs, _ = _quotes("Tom Hale's agent has warned Bath to improve their offer.\n\nDipo Alli says he has another "
                       "offer. But Alli insists the player is worth more. \"Tom has been at Bath for eight years "
                       "and his demands are anything but excessive,\" the agent added.")
    assert pairs == [("Tom has been at Bath for eight years and his demands are anything but excessive",
                      "Dipo Alli")]


def test_a_quotation_paragraph_after_a_sentence_bringing_in_a_speaker_is_theirs() -> None:
    """'She said: "…" … The film's director Peter Hale said he was disappointed. ¶ "It's a shame. …"': Hale's
    (it had gone on with the actress, quoted before him)."""
    pairs, _ = _quotes('Jane Rowe cancelled her appearance. She said: "I very much wanted to be in London but I am '
                       'not well." The film\'s director Peter Hale said he was disappointed that Rowe did not '
                       'attend.\n\n"It\'s a shame. I know it\'s true that she\'s not well."')
    assert pairs == [("I very much wanted to be in London but I am not well.", "Jane Rowe"),
                     ("It's a shame. I know it's true that she's not well.", "Peter Hale")]


def test_a_lede_describes_whom_the_story_names_further_down() -> None:
    """"Scotland's justice minister has warned … she wants to hit them "where it hurts most"" and only then
    "Justice Minister Cathy Jamieson said": the minister's words are Jamieson's (unattributed before)."""
    pairs, _ = _quotes("Scotland's justice minister has warned bigoted soccer fans that she wants to hit them "
                       "\"where it hurts most\" by banning them from matches.\n\nJustice Minister Cathy Jamieson said "
                       "banning orders would be introduced. \"The police do want to identify individuals,\" she said.")
    assert pairs == [("where it hurts most", "Cathy Jamieson"),
                     ("The police do want to identify individuals", "Cathy Jamieson")]


def test_one_of_a_group_named_beside_the_verb_speaks_and_only_adding_is_rehung() -> None:
    """'However, one of the so-called Leeds Four, Gerry Hale - who was wrongly convicted - said …. He said Mr
    Blair had spoken with "such sincerity", adding: "…"': Hale (the parser hung his name on the verb as a
    modifier, and 'He' went to Blair); 'Mr Ebbers ordered adjustments, telling him to "hit our books"' stays
    Ebbers' (only a participle of 'add' is moved up to the reporting verb)."""
    pairs, _ = _quotes('Tony Blair has apologised to two families.\n\nMr Blair said: "I am very sorry that they were '
                       'subject to such an ordeal." However, one of the so-called Leeds Four, Gerry Hale - who was '
                       'wrongly convicted of planting the bombs - said the families were delighted with the apology. '
                       'He said Mr Blair had spoken with "such sincerity", adding: "He went beyond what we thought '
                       'he would."')
    assert pairs[1:] == [("such sincerity", "Gerry Hale"), ("He went beyond what we thought he would.", "Gerry Hale")]
    pairs, _ = _quotes('Bernie Ebbers denies fraud. The star witness Scott Sullivan has said that Mr Ebbers ordered '
                       'accounting adjustments at the firm, telling him to "hit our books".')
    assert pairs == [("hit our books", "Bernie Ebbers")]


def test_a_name_the_model_cut_short_is_whole() -> None:
    """'coach Paul Friday' (the model: PERSON 'Paul', DATE 'Friday') and 'Ard Jan Vetham' opening a sentence
    (PERSON 'Jan Vetham') were stored under half a name; 'Tony on Friday' keeps its day."""
    pairs, _ = _quotes('"We were very disappointed with the result," said Wales sevens coach Paul Friday. Blair met '
                       'Tony on Friday. "It was good," Tony said.\n\nMore than half said they were worried. Ard Jan '
                       'Vetham, Oracle\'s principal consultant on tagging, said: "Acceptance always has a tipping point."')
    assert pairs == [("We were very disappointed with the result", "Paul Friday"), ("It was good", "Tony"),
                     ("Acceptance always has a tipping point.", "Ard Jan Vetham")]


def test_a_name_before_a_verb_the_parser_left_without_a_subject_is_its_subject() -> None:
    """'On the outskirts of Kyoto, 83-year-old Kenji Mori contemplates …' (Mori parsed as the place's apposition):
    the next paragraph's 'he remarks' is Mori's, not the man of the paragraph before."""
    pairs, _ = _quotes('Mr Tanaka keeps a regular routine. He reveals his goal: "To be number one." Mr Tanaka wants '
                       'to outlive everyone.\n\nOn the outskirts of Kyoto, 83-year-old Kenji Mori contemplates this '
                       'phenomenon during a round of golf.\n\n"I think this is because the food has improved," he '
                       'remarks.')
    assert pairs == [("To be number one.", "Tanaka"), ("I think this is because the food has improved", "Kenji Mori")]


def test_a_pronoun_leading_a_sentence_keeps_its_person_the_subject_of_the_story() -> None:
    """'Hale cruised home … He then recovered … His times were short of American Ray Greene's record. "…," said
    the world indoor champion': Hale, named two sentences up and carried by 'He' and 'His' (was unattributed)."""
    pairs, _ = _quotes("Britain's Tom Hale enjoyed a double 60m success in Leeds in his first race since he won relay "
                       "gold at the Olympics.\n\nHale cruised home ahead of Scot Nick Smith to win the race. He then "
                       "recovered from a poor start in the second race to beat Swede Dan Persson. His times of 6.61 "
                       "and 6.62 seconds were well short of American Ray Greene's record. \"It is a very hard record "
                       "to break, but I believe I have trained very well,\" said the world indoor champion.")
    assert pairs == [("It is a very hard record to break, but I believe I have trained very well", "Tom Hale")]


def test_the_doer_of_an_absolute_with_phrase_says_what_the_participle_after_it_reports() -> None:
    """'The trouble began on the show, with Jo Hale marching up to him, saying "Tony, that's rubbish"': Hale's
    (the parser's subject of 'saying' is 'the trouble', a description that fell back to Tony Blair)."""
    pairs, _ = _quotes("Tony Blair has signed up for another dose of pain.\n\nThe trouble began on the Wright Stuff "
                       "show, with Maria Hale marching up to him, saying \"Tony, that's rubbish\" as she tried to "
                       "complain about her son's school.")
    assert pairs == [("Tony, that's rubbish", "Maria Hale")]


def test_adding_a_thing_to_another_reports_nobodys_words() -> None:
    """'he felt it added "fizz" to his campaign' was Labour's ('it' said it); 'Labour added "a new edge" to the
    campaign, Mr Smith added' is Smith's words about Labour; 'He added to the debate: "…"' still speaks."""
    pairs, _ = _quotes('Labour is in trouble. John Major reaped the benefits of his famous soapbox.\n\nIt may have '
                       'left him splattered with eggs but he felt it added "fizz" to his campaign. Labour added "a new '
                       'edge" to the campaign, Mr Smith added. He added to the debate: "We will win."')
    assert ("fizz", "Labour") not in pairs
    assert ("a new edge", "Smith") in pairs and ("We will win.", "Smith") in pairs


def test_a_pronoun_nobody_comes_before_is_the_subject_its_sentence_goes_on_to_name() -> None:
    """'He called it his "masochism strategy" … and now Tony Blair has signed up for more' opens the story: Blair's
    (was unattributed); a 'she' is not a man named later."""
    pairs, _ = _quotes('He called it his "masochism strategy" in the run-up to the war and now Tom Hale has signed up '
                       'for another dose of pain.')
    assert pairs == [("masochism strategy", "Tom Hale")]
    pairs, _ = _quotes('She called it a "masochism strategy" and now Tom Hale has signed up for another dose of pain.')
    assert pairs == [("masochism strategy", None)]


def test_a_first_person_quotation_opening_a_paragraph_is_the_person_the_paragraph_before_ended_on() -> None:
    """'On this subject, Morris appears almost evangelical. ¶ "I was on a cruise …"' (no reporting verb): the
    profile's subject talking (was unattributed); not so after a sentence about someone else's plan."""
    pairs, _ = _quotes('By any measure, Dick Morris is a winner. On this subject, Morris appears almost evangelical.'
                       '\n\n"I was on a cruise in the Mediterranean and so was Roger Knapman."')
    assert pairs == [("I was on a cruise in the Mediterranean and so was Roger Knapman.", "Dick Morris")]
    pairs, _ = _quotes('Dick Morris is a winner. The plan was dropped last year.\n\n"I was on a cruise then."')
    assert pairs == [("I was on a cruise then.", None)]


def test_what_someone_might_think_introduces_nobodys_words() -> None:
    """'Many might think it is another chance to practise his art. "I think the greatest threat …"': a modal
    'might think' reports nothing, so the quotation goes on with the profile's subject quoted just before (it
    had been given to 'Many', unattributed, and broke the chain of his words)."""
    pairs, _ = _quotes('Dick Morris is a winner. On this subject, Morris appears almost evangelical.\n\n"I was on a '
                       'cruise in the Mediterranean." But what is it about UKIP that attracts him? Many might think '
                       'it is simply another chance to practise his art. "I think the greatest threat to democracy '
                       'is bureaucratism."')
    assert [speaker for _, speaker in pairs] == ["Dick Morris", "Dick Morris"]


def test_a_quotation_run_in_the_first_person_after_a_sentence_about_someone_is_theirs() -> None:
    """'And he is scathing of the Tory party. "The Tory party is schizophrenic about Europe." … "I want to make
    clear …"': the first person may come in a later quotation of the run; without one it stays unattributed."""
    lead = 'Dick Morris is a winner.\n\nAnd he is scathing of the Tory party. "The Tory party is schizophrenic.'
    pairs, _ = _quotes(lead + '" Another great soundbite. "It is as if I walked into a liquor store."')
    assert [speaker for _, speaker in pairs] == ["Dick Morris", "Dick Morris"]
    pairs, _ = _quotes(lead + '" Another great soundbite. "It is like walking into a liquor store."')
    assert [speaker for _, speaker in pairs] == [None, None]


def test_a_clubs_player_the_model_read_as_one_organisation_is_a_person() -> None:
    """"Arsenal's Edu has lifted the lid …" (one ORG to the model): Edu is who 'he told' and 'he said' find, not
    Sir Alex Ferguson or Jose Reyes, named after him in sentences he is the subject of."""
    pairs, _ = _quotes("Arsenal's Edu has lifted the lid on the scenes that followed the match.\n\nThe Brazilian "
                       "confirmed tempers had flared but could shed no light on reports that food was thrown at United "
                       "boss Sir Alex Ferguson. \"I saw people being pulled apart,\" he told Uefa's official website. "
                       "But Edu was highly critical of some challenges, particularly on Jose Antonio Reyes. \"I think "
                       "we were a lot fairer in the tackles,\" he said.")
    assert pairs == [("I saw people being pulled apart", "Edu"), ("I think we were a lot fairer in the tackles", "Edu")]


def test_a_he_in_what_a_described_person_is_reported_to_say_is_that_person() -> None:
    """'Mr Begg's father, Azmat, said he had been told he could see his son … and would say he was "a hero"': the
    father's words (they went to one of the four men the sentence before listed)."""
    pairs, _ = _quotes("Moazzam Begg, Martin Mubanga, Feroz Abbasi and Richard Belmar were held for three years. Mr "
                       "Begg's father, Azmat, said he had been told he could see his son for 20 minutes and would say "
                       "he was \"a hero\".")
    assert pairs == [("a hero", "Azmat")]


def test_a_spokesman_for_a_described_company_speaks_for_it_and_is_not_it() -> None:
    """'A spokesman for distributor Toho said …. "…," he added': both the spokesman's (the lower-case
    'distributor' had made Toho the holder of the role, and 'he' found Toho); the minister for civil aviation
    Praful Patel still holds his title."""
    pairs, _ = _quotes('A spokesman for distributor Toho said the film "has received strong interest from domestic '
                       'audiences". "We have a good feeling about this film," he added. The minister for civil '
                       'aviation Praful Patel said: "It is good."')
    assert pairs == [("has received strong interest from domestic audiences", "spokesman for Toho"),
                     ("We have a good feeling about this film", "spokesman for Toho"), ("It is good.", "Praful Patel")]


def test_words_added_after_a_reported_clause_are_the_reporters() -> None:
    """'Suu Kyi, 70, said it was too early to congratulate winners but added, "…"' (parsed as joined to 'it was'):
    hers, not the party the sentence named before her."""
    pairs, _ = _quotes("Appearing before cheering supporters Monday morning at NLD headquarters, Suu Kyi, 70, said it "
                       "was too early to congratulate winners but added, \"I think you all have an idea of the results.\"")
    assert pairs == [("I think you all have an idea of the results.", "Suu Kyi")]


def test_an_aside_in_brackets_reports_nothing_outside_them() -> None:
    """'The paradox of Nancy, says Carl Hale, historian at the library, is that she was "…" (think Eleanor
    Roosevelt and Hillary Clinton)': Hale's, not Roosevelt's ('think' in the aside was the nearest cue)."""
    pairs, _ = _quotes("The paradox of Nancy, says Carl Hale, historian at the National First Ladies Library, is that "
                       "she was \"one of the most powerful first ladies in the post-war era,\" not for her policy "
                       "influence (think Eleanor Roosevelt and Hillary Clinton).")
    assert pairs == [("one of the most powerful first ladies in the post-war era", "Carl Hale")]


def test_quoted_words_a_passive_verb_is_done_by_are_reported_further_up() -> None:
    """'Labour's rule has been characterised by "lost trust and failure to deliver", he told the conference': Fox's
    (dropped: the passive 'characterised' was taken for the cue, its agent being the quote itself); 'branded "a
    waste" by MPs' stays the MPs'."""
    pairs, _ = _quotes('Tory co-chairman Liam Fox has opened proceedings with a speech. Labour\'s rule has been '
                       'characterised by "lost trust and failure to deliver", he told the Brighton conference. The '
                       'plan was branded "a waste" by MPs.')
    assert pairs == [("lost trust and failure to deliver", "Liam Fox"), ("a waste", "MPs")]


def test_one_sentence_of_background_between_a_reporting_sentence_and_a_quote_does_not_change_the_speaker() -> None:
    """'Mr Dein said … he feared there might be too many games shown. Since 1992, Premiership clubs have seen
    their income from television soar. "Television has been the driving force …"': Dein's (was unattributed);
    not so when the sentence between names someone else."""
    pairs, _ = _quotes("Arsenal vice-chairman David Dein has said the club may consider a listing.\n\nMr Dein said "
                       "that he feared there might now be too many games being shown. Since the formation of the "
                       "Premier League in season 1992/93, Premiership clubs have seen their income from television "
                       "soar. \"Television has been the driving force over the past 10 years.\"")
    assert pairs == [("Television has been the driving force over the past 10 years.", "David Dein")]
    pairs, _ = _quotes("Mr Dein said that he feared there might now be too many games being shown. Richard Scudamore "
                       "disagreed. \"Television has been the driving force over the past 10 years.\"")
    assert pairs[0][1] != "Dein"


def test_one_of_a_group_with_or_without_a_name_is_never_the_speaker_before() -> None:
    """'"…," said one of their lawyers, Michalis Dimitrakopoulos' is the lawyer's, and '"…," said one of their
    lawyers' nobody's the article names — not Thanou's, quoted before ("one" was a number, speaking for no one,
    and the quotation went on with the speaker before)."""
    pairs, _ = _quotes('Kenteris and Thanou face a hearing. "We are innocent," said Thanou. Late evidence has pushed '
                       'the date back. "A decision is now expected by around mid-March," said one of their lawyers, '
                       'Michalis Dimitrakopoulos. "It will be soon," said one of their lawyers.')
    assert pairs == [("We are innocent", "Thanou"),
                     ("A decision is now expected by around mid-March", "Michalis Dimitrakopoulos"),
                     ("It will be soon", None)]


def test_the_firm_is_the_one_the_article_called_a_firm() -> None:
    """'copy protection firm Macrovision' (a PERSON to the model) … its new RipGuard technology … '"…," said the
    firm': Macrovision's, not the product's."""
    pairs, _ = _quotes("DVDs will be harder to copy thanks to new measures devised by copy protection firm "
                       "Macrovision.\n\nMacrovision says its new RipGuard technology will thwart most programs. "
                       "\"RipGuard is designed to reduce DVD ripping,\" said the firm.")
    assert pairs == [("RipGuard is designed to reduce DVD ripping", "Macrovision")]


def test_an_acronym_inside_its_sentence_is_no_dateline() -> None:
    """'The IAAF - which said it was "very surprised" by the decision -': the IAAF's (read as a dateline, the
    name was dropped and the words went to an athlete); 'WASHINGTON -' opening a paragraph is still one."""
    pairs, _ = _quotes("Thanou and Kostas Kenteris were suspended by the IAAF in December. A tribunal overturned the "
                       "ban. The IAAF - which said it was \"very surprised\" by the decision of the Greek tribunal - is "
                       "deciding whether to appeal.\n\nWASHINGTON - \"We will act,\" said the president, Tom Hale.")
    assert pairs == [("very surprised", "IAAF"), ("We will act", "Tom Hale")]


def test_a_persons_report_speaks_for_them_and_a_role_holders_spokesman_for_the_role() -> None:
    """'Lord Butler's report … said … "very thin"' is Butler's (was Michael Howard's, the last quoted); 'The prime
    minister's official spokesman … he added: "…"' speaks for the prime minister (was 'spokesman for Butler');
    'Mr Blair's spokesman' is still Tony Blair's."""
    pairs, _ = _quotes("Former civil service chief Lord Butler has criticised the way Tony Blair's government "
                       "operates. Mr Howard described Lord Butler's intervention as \"very important\".\n\nLord Butler "
                       "said Mr Blair bypassed the Cabinet. The prime minister's official spokesman said the Cabinet "
                       "was still used. But he added: \"You cannot take every decision in Cabinet.\" Lord Butler's "
                       "report said the intelligence was \"very thin\". \"We disagree,\" said Mr Blair's spokesman.")
    assert pairs == [("very important", "Howard"), ("You cannot take every decision in Cabinet.",
                                                     "spokesman for the prime minister"),
                     ("very thin", "Butler"), ("We disagree", "spokesman for Tony Blair")]


def test_a_titled_surname_the_model_left_untagged_is_a_person_and_a_leading_plural_role_is_no_name() -> None:
    """'BP chief executive Lord Browne said …. "…," he said' (no entity at all to the model: the 'he' found
    nobody); 'Judges Simon Cowell, Louis Walsh and Sharon Osbourne' is Simon Cowell, not 'Judges Simon Cowell'."""
    pairs, _ = _quotes('BP chief executive Lord Browne said the results were strong "both operationally and '
                       'financially."\n\nThe company is earning about $1.8m an hour.\n\nSpeaking on the BBC\'s Today '
                       'programme on Tuesday, Lord Browne said the profits were not solely down to oil.\n\n"The '
                       'profits are up more than the price of oil is up," he said.\n\nJudges Simon Cowell, Louis Walsh '
                       'and Sharon Osbourne are in talks. "Working on the X Factor has been a blast," said Cowell.')
    assert pairs == [("both operationally and financially.", "Browne"),
                     ("The profits are up more than the price of oil is up", "Browne"),
                     ("Working on the X Factor has been a blast", "Simon Cowell")]


def test_a_pronoun_is_not_someone_the_quotation_itself_speaks_of() -> None:
    """'According to Mandaric, Redknapp vowed he would not join. "I said to Harry 'I hope you don't go', and he
    told me 'absolutely not'," he said': Mandaric's, not Harry Redknapp's (the sentence's subject)."""
    pairs, _ = _quotes("Southampton are set to unveil Harry Redknapp as their new manager on Wednesday.\n\nRedknapp, "
                       "57, quit his Fratton Park position on 24 November and vowed: \"I will not go down the road - no "
                       "chance.\" Portsmouth chairman Milan Mandaric said he was \"disappointed\" by the news and "
                       "claimed Redknapp had been in talks with Southampton for \"some time\".\n\n\"It would appear "
                       "that negotiations over this have been going on for some time,\" Mandaric said on Portsmouth's "
                       "official website. According to Mandaric, Redknapp vowed he would not join their South coast "
                       "rivals when he left Portsmouth. \"I said to Harry 'I hope you don't go to Southampton', and he "
                       "told me 'absolutely not',\" he said. \"I'm just disappointed, but it's Harry's life.\"")
    assert [speaker for _, speaker in pairs[-2:]] == ["Milan Mandaric", "Milan Mandaric"]


def test_a_description_is_not_whoever_the_article_defines_by_it() -> None:
    """'The actor's friend Budd Schulberg told Vanity Fair …. The actor repeatedly refused, … saying: "…"': Marlon
    Brando's (it went to the friend, the subject of the sentence before)."""
    pairs, _ = _quotes("Late film star Marlon Brando is said to have repeatedly turned down his role in The "
                       "Godfather.\n\nThe actor's friend Budd Schulberg told Vanity Fair magazine that Brando's "
                       "assistant suggested he read the novel. The actor repeatedly refused, throwing the book at her "
                       "and saying: \"For the last time, I won't glorify the mafia\".")
    assert pairs == [("For the last time, I won't glorify the mafia", "Marlon Brando")]


def test_a_role_of_something_named_after_its_object_is_held_by_that_name() -> None:
    """'ITV's controller of entertainment, Claudia Rosencrantz, said she had no hesitation …. "…"' (the name hung
    on 'entertainment'): Rosencrantz's, not a finalist's listed the sentence before."""
    pairs, _ = _quotes("Rowetta Satchell, Steve Brookstein, Tabby Callaghan and group G4 are the remaining finalists. "
                       "ITV's controller of entertainment, Claudia Rosencrantz, said she had no hesitation in "
                       "recommissioning the show. \"There's much more to come this series as we build towards the "
                       "final next month.\"")
    assert pairs == [("There's much more to come this series as we build towards the final next month.",
                      "Claudia Rosencrantz")]


def test_it_is_the_organisation_the_last_sentences_had_doing_something() -> None:
    """'Intel filed a document … in defence of Grokster. It said …': Intel (the organisation last named was
    Grokster); 'they' stays with the body named since ('by Manchester United's board when they rejected')."""
    pairs, _ = _quotes("The industries are divided. Intel filed a document with the Supreme Court this month in defence "
                       "of Grokster and others. It said its products were \"essentially tools\" like any other.")
    assert pairs == [("essentially tools", "Intel")]


def test_a_party_word_before_a_persons_name_is_not_part_of_it() -> None:
    """'said Oversight ranking Democrat Elijah Cummings (D-Md.)' is Elijah Cummings (stored 'Democrat Elijah
    Cummings'); 'Labour Party' keeps its word."""
    pairs, _ = _quotes('"They are spending their final days here," said Oversight ranking Democrat Elijah Cummings '
                       '(D-Md.). "We will win," said the Labour Party.')
    assert pairs == [("They are spending their final days here", "Elijah Cummings"), ("We will win", "Labour Party")]


def test_cached_entities_and_lemmas_match_spacys_own():
    """Attribution reads entities and lemmas through caches built for speed; they must say what spaCy says."""
    from bot.quotes.nlp import entities, lemma, parse, pipeline

    doc = parse("Tony Blair said on Monday that Microsoft had told him nothing. \"We agree,\" says the firm.")
    assert [(e.text, e.label_) for e in entities(doc)] == [(e.text, e.label_) for e in doc.ents]
    assert ("Tony Blair", "PERSON") in [(e.text, e.label_) for e in entities(doc)]
    rules = pipeline().get_pipe("lemmatizer")
    verbs = [t for t in doc if t.pos_ == "VERB"]
    assert {t.text for t in verbs} >= {"said", "told", "says"}
    for token in verbs * 2:  # the second pass is answered from the cache
        assert lemma(token) == rules.rule_lemmatize(token)[0].lower()
    assert [lemma(t) for t in verbs if t.text in ("said", "told", "says")] == ["say", "tell", "say"]


def test_whoever_issues_a_statement_saying_something_says_it() -> None:
    """'Jane Holt issued a statement saying his comment "…"': the statement is hers (the participle hangs from
    'statement', and the quote had been dropped as nobody's)."""
    pairs, _ = _quotes('The row grew. Campaign director Jane Holt issued a statement saying his comment "has no place '
                       'in our politics" and called for an apology.')
    assert pairs == [("has no place in our politics", "Jane Holt")]


def test_capitalised_words_opening_a_sentence_before_their_reporting_verb_are_speech() -> None:
    """'"Like Oakland. Or Ferguson," Trump said' is Trump's, not a title in Title Case; a title in a sentence
    ('He appeared on "Meet the Press," said his aide') still is."""
    pairs, _ = _quotes('Donald Trump spoke about crime in Ohio.\n\n"Like Oakland. Or Ferguson," Trump said.')
    assert pairs == [("Like Oakland. Or Ferguson", "Donald Trump")]
    pairs, _ = _quotes('Sam Reed had a busy week.\n\nHe appeared on "Meet the Press," said his aide, Tom Hale.')
    assert pairs == []


def test_a_lede_description_is_the_person_the_next_paragraph_names_as_its_subject() -> None:
    """'Scotland's justice minister has warned fans that she wants to hit them "where it hurts most" …
    ¶ Cathy Jamieson said …': a lede describes whom the story names next, even without repeating the title."""
    pairs, _ = _quotes("Scotland's justice minister has warned bigoted fans that she wants to hit them \"where it "
                       "hurts most\" by banning them.\n\nCathy Jamieson said exclusion orders were being considered. "
                       "She praised the clubs for their work.")
    assert pairs == [("where it hurts most", "Cathy Jamieson")]
    # Not a person the next paragraph only mentions, and not when that person is someone else's subject.
    pairs, _ = _quotes("The chancellor has warned that the economy faces \"a difficult year\".\n\nThe warning "
                       "surprised analysts such as Jane Holt.")
    assert pairs == [("a difficult year", None)]


def test_whoever_is_prompted_to_say_something_says_it() -> None:
    """'Mr. Trump was prompted to say, "…"', 'Jane Holt was urged by aides to say "sorry"': the one prompted
    speaks, not whoever prompted them (the quote had gone unattributed)."""
    pairs, _ = _quotes('Donald Trump and Jane Holt spoke on Monday. The debate was so subdued that Mr. Trump was '
                       'prompted to say, "I cannot believe how civil it has been." Jane Holt was urged by aides to say '
                       '"sorry" at once.')
    assert pairs == [("I cannot believe how civil it has been.", "Donald Trump"), ("sorry", "Jane Holt")]


def test_a_surname_misspelt_by_a_doubled_letter_is_the_person_named_in_full() -> None:
    """'Labour MP Diane Abbot … Ms Abbott described as "painful"' (the article's typo): one person, named
    in full (was 'Abbott' alone); 'the 22-year-old Scot' stays a demonym, not Allan Scott misspelt; a
    surname two letters away is someone else."""
    pairs, _ = _quotes('Labour MP Diane Abbot backs the plan. That was a rate of progress Ms Abbott described as '
                       '"painful". "I am a little older than him," Ms Abbott said.')
    assert pairs == [("painful", "Diane Abbot"), ("I am a little older than him", "Diane Abbot")]
    pairs, _ = _quotes('Diane Abbot backs the plan. "I am a little older than him," Ms Abbots said.')
    assert pairs == [("I am a little older than him", "Abbots")]
    scott = Entity("Allan Scott", "PERSON", "m")
    assert misspelt_surname([scott], "Scot", None) is None
    barrot = Entity("Jacques Barrot", "PERSON", "m")
    assert misspelt_surname([scott, barrot], "Barot", None) is barrot


def test_the_subject_of_a_relative_clause_is_not_the_he_who_speaks_next() -> None:
    """'Tory shadow home secretary David Davis warned of … the Guildford Four - for which Tony Blair recently
    apologised - …. "Those pressures …," he told BBC Radio 4's Today programme': Davis (a speech verb in a
    relative clause had made Blair a main subject, and the latest one)."""
    pairs, _ = _quotes("Tory shadow home secretary David Davis warned of the potential for miscarriages of justice, "
                       "like the Guildford Four - for which Tony Blair recently apologised - as a result of the "
                       "pressure on politicians. \"Those pressures would be much more for a politician than they "
                       "would on a judge,\" he told BBC Radio 4's Today programme.")
    assert pairs == [("Those pressures would be much more for a politician than they would on a judge",
                      "David Davis")]


def test_a_sentence_never_starts_right_after_a_word() -> None:
    """"On Thursday, Mr Howard told BBC Radio 4's Today programme Mr Blair had initially refused the law change.
    He said: "…"": the parser had begun a sentence at "Mr Blair", so "He" was Blair, its subject."""
    from bot.quotes.nlp import parse

    text = ("On Thursday, Mr Howard told BBC Radio 4's Today programme Mr Blair had initially refused the law "
            "change, then had come round to the idea and was now backtracking again.")
    assert len(list(parse(text).sents)) == 1
    pairs, _ = _quotes("Tory leader Michael Howard attacked the plans. " + text + " He said: \"We've had three "
                       "policy positions in three months and two U-turns.\"")
    assert pairs == [("We've had three policy positions in three months and two U-turns.", "Michael Howard")]


def test_a_lone_surname_the_model_missed_is_the_person_the_article_names_in_full() -> None:
    """"Arsenal would consider signing Adrian Mutu … But Mutu has hit out at the club's decision, saying:
    "Chelsea have destroyed me." He told the Sunday Mirror: "…"': the model tagged neither 'Adrian Mutu' nor
    'Mutu', so 'He' had gone to Arsene Wenger, the only person it knew; 'Mutu' is Adrian Mutu, and 'He' is
    him."""
    pairs, _ = _quotes("Arsenal boss Arsene Wenger would consider signing Adrian Mutu once the striker has served "
                       "his drugs ban.\n\nMutu was sacked by Chelsea on Friday after testing positive for "
                       "cocaine.\n\nBut Mutu has hit out at the club's decision, saying: \"Chelsea have "
                       "destroyed me.\" He told the Sunday Mirror: \"Now my career is in ruins.\"")
    assert pairs == [("Chelsea have destroyed me.", "Adrian Mutu"), ("Now my career is in ruins.", "Adrian Mutu")]


def test_a_quote_after_someone_brought_in_to_speak_is_theirs_not_the_last_speakers() -> None:
    """'The problem, according to Mr Lane, is … Mr Blair himself. "I have a new slogan …" His friend, Saxon
    Spence, leader of Devon county Labour group, lays the blame … "You cannot underestimate …"': Lane's and
    Spence's (both had gone to Tony Blair, the speaker two paragraphs up)."""
    pairs, _ = _quotes(
        "Tony Blair has told Labour supporters he's \"back\" and still hungry for the job of prime minister - but "
        "does that sum up the mood at the party's spring conference in Gateshead?\n\n\"The electorate are keener "
        "on the government than some Labour Party members,\" is the dry assessment of Graham Lane, leader of the "
        "Labour group on Newham Council. The problem, according to Mr Lane, is not continuing divisions over Iraq, "
        "foundation hospitals or tuition fees, or even voter apathy, but Mr Blair himself. \"I have a new slogan. "
        "Vote Blair, Get Brown. That's what I am telling people on the doorstep. Don't worry, he will be gone "
        "soon.\" His friend, Saxon Spence, leader of Devon county Labour group, lays the blame for any lack of "
        "campaigning zeal on one issue above all others. \"You cannot underestimate the impact of the war in "
        "Iraq. We lost people from our local party who had some key roles.\"\n\nBut the two friends were fired up "
        "by Gordon Brown's speech on Saturday.\n\n\"There was real passion,\" said Mrs Spence.")
    assert [speaker for _, speaker in pairs[2:]] == ["Graham Lane", "Saxon Spence", "Saxon Spence"]


def test_an_unnamed_speaker_going_on_stays_unnamed() -> None:
    """'"Free downloading has killed opportunities …," said one musician quoted by the report. "It's hard to keep
    making records …"': the musician's second sentence had gone to Mary Madden, whom the paragraph names next."""
    pairs, _ = _quotes("The report was written by Mary Madden. \"Free downloading has killed opportunities for new "
                       "bands,\" said one musician quoted by the report. \"It's hard to keep making records if they "
                       "don't pay for themselves.\" The findings were clear, Ms Madden said: \"Artists are split.\"")
    assert pairs == [("Free downloading has killed opportunities for new bands", None),
                     ("It's hard to keep making records if they don't pay for themselves.", None),
                     ("Artists are split.", "Mary Madden")]


def test_a_description_ending_in_a_name_set_off_by_a_comma_is_that_person() -> None:
    """'The head of the NHTCU, Acting Detective Chief Superintendent, Mick Deats, said: "…"' had been left
    unattributed (a description the resolver placed on no one); 'director of the Victims of Crime Trust, Norman
    Brennan, accused Lord Woolf of having an "arrogant contempt …"' is Brennan's, not Woolf's."""
    pairs, _ = _quotes("Police arrested 28 people. The head of the NHTCU, Acting Detective Chief Superintendent, "
                       "Mick Deats, said: \"This investigation has resulted in the significant disruption of "
                       "organised criminals.\"")
    assert pairs == [("This investigation has resulted in the significant disruption of organised criminals.",
                      "Mick Deats")]
    pairs, _ = _quotes("Lord Woolf said the guidelines were right. But director of the Victims of Crime Trust, Norman "
                       "Brennan, accused Lord Woolf of having an \"arrogant contempt for victims of crime\".")
    assert pairs == [("arrogant contempt for victims of crime", "Norman Brennan")]


def test_a_company_named_with_a_region_the_model_took_for_a_person_speaks_as_the_company() -> None:
    """"Lycos Europe's Make Love, Not Spam campaign … In a statement from Lycos Europe …, the company denied
    that this was its fault. "There is nothing to suggest …," it said': the model tagged "Lycos Europe's" as a
    person, so "it" went to Netcraft, the firm named before (found by an audit of sampled stored quotes)."""
    # (The whole story: cut short, the model tags the name otherwise and the old rules got it right.)
    pairs, _ = _quotes(
        "A contentious campaign to bump up the bandwidth bills of spammers by flooding their sites with data "
        "has been dropped.\n\n"
        "Lycos Europe's Make Love, Not Spam campaign began in late November but its tactics proved "
        "controversial. Lycos has shut down the campaign saying it had been started to stimulate debate about "
        "anti-spam measures and had now achieved this aim. The anti-spammer screensaver came under fire for "
        "encouraging vigilante activity and skirting the edge of the law.\n\n"
        "Through the Make Love, Not Spam website, users could download a screensaver that would endlessly "
        "request data from the net sites mentioned in many junk mail messages. More than 100,000 people are "
        "thought to have downloaded the screensaver that Lycos Europe offered.\n\n"
        "The company wanted to keep the spam sites running at near total capacity to make it much less "
        "financially attractive to spammers to operate the sites. But the campaign was controversial from the "
        "moment it kicked off and many net veterans criticised it for using spamming-type tactics against the "
        "senders of junk mail. Some net service firms began blocking access to the Lycos Europe site in "
        "protest at the action. Monitoring firm Netcraft found that the anti-spam campaign was proving a "
        "little too successful. According to response-time figures gathered by Netcraft, some of the sites "
        "that the screensaver targeted were being knocked offline by the constant data requests. In a "
        "statement from Lycos Europe announcing the scrapping of the scheme, the company denied that this was "
        "its fault. \"There is nothing to suggest that Make Love, Not Spam has brought down any of the sites "
        "that it has targeted,\" it said. \"At the time that Netcraft measured the sites it claims may have "
        "been brought down, they were not in fact part of the Make Love, Not Spam attack cycle,\" it added. "
        "The statement issued by Lycos also said that the centralised database it used ensured that traffic "
        "to the target sites left them with 5% spare capacity. \"The idea was simply to slow spammers' sites "
        "and this was achieved by the campaign,\" the company said. Many security organisations said users "
        "should not participate in the Lycos Europe campaign. The closure comes only days after the campaign "
        "was suspended following the outbreak of criticism.")
    assert [speaker for _, speaker in pairs[:3]] == ["Lycos Europe"] * 3


def test_words_of_a_claim_someone_answers_are_not_theirs() -> None:
    """'Howard has dismissed claims that his immigration policy was "moving onto the turf" of the BNP' and
    '…, speaking amid claims that Mr Campbell is part of a Labour "dirty tricks" campaign': the claims' words, not
    Howard's or Mandelson's (a newcomer saw them cited under their names). Kept, unattributed; the speaker's
    own words after them are still his."""
    pairs, _ = _quotes("Tory leader Michael Howard has dismissed claims that his immigration policy was \"moving "
                       "onto the turf\" of the BNP. \"I reject that entirely,\" he said.")
    assert pairs == [("moving onto the turf", None), ("I reject that entirely", "Michael Howard")]
    pairs, _ = _quotes("And he hit back at Labour claims he had used Mrs Dixon as a \"human shield\". Tory leader "
                       "Michael Howard said: \"She's a human being.\" \"She's not a human shield Mr Blair.\"")
    assert pairs[-1] == ("She's not a human shield Mr Blair.", "Michael Howard")


def test_his_adviser_is_not_him() -> None:
    """'Chancellor Gordon Brown will meet his golden economic rule "with a margin to spare", according to his
    former chief economic adviser. ¶ Formerly one of Mr Brown's closest Treasury aides, Ed Balls hinted …': Ed
    Balls, named next (a newcomer saw the words cited as Brown's)."""
    pairs, _ = _quotes("Chancellor Gordon Brown will meet his golden economic rule \"with a margin to spare\", "
                       "according to his former chief economic adviser.\n\nFormerly one of Mr Brown's closest "
                       "Treasury aides, Ed Balls hinted at a Budget giveaway on 16 March.")
    assert pairs == [("with a margin to spare", "Ed Balls")]


def test_a_long_surname_one_letter_off_is_the_person_named_in_full() -> None:
    """"You hear about women playing only three sets," said Daveport' in a story about Lindsay Davenport (the
    article's typo; the model read 'Daveport' as an organisation): hers, as David Monteith's are "Mr Montieth"'s
    words; a short surname one letter off is someone else (Gordon Brown, Des Browne), and so is a lone first
    name ("Princes William and Harry said" beside Rowan Williams)."""
    pairs, _ = _quotes('Lindsay Davenport has criticised the remarks. Davenport was speaking in Dubai. "You hear '
                       'about women playing only three sets while men play five," said Daveport.')
    assert pairs == [("You hear about women playing only three sets while men play five", "Lindsay Davenport")]
    monteith = Entity("David Monteith", "PERSON", "m")
    assert misspelt_surname([monteith], "Montieth", None) is monteith
    assert misspelt_surname([Entity("Gordon Brown", "PERSON", "m")], "Browne", None) is None
    assert misspelt_surname([Entity("Rowan Williams", "PERSON", "m")], "William", None) is None
    two = [Entity("Piotr Kowalski", "PERSON", "m"), Entity("Anna Kowalska", "PERSON", "f")]
    assert misspelt_surname(two, "Kowalsky", None) is None  # (two people it could be: neither)


def test_a_quotation_glued_to_the_sentence_before_opens_and_its_surname_subject_counts() -> None:
    """'… on the red carpet."It's unlike anything," he told the BBC.' (a lost space): the mark after a full
    stop and before a capital opens a quotation (it was not found, and the next paragraph's quote went to
    the wrong person); 'DiCaprio faces competition' is a subject mention of 'Leonardo diCaprio'."""
    pairs, _ = _quotes("Hollywood stars Leonardo diCaprio and Richard Gere are in the audience.\n\nDiCaprio faces "
                       "competition from Jamie Foxx and Johnny Depp in the best actor category. The crowd screamed "
                       "when he arrived on the red carpet.\"It's unlike anything I've ever encountered,\" he told "
                       "the BBC.")
    assert pairs == [("It's unlike anything I've ever encountered", "Leonardo diCaprio")]


def test_a_long_subject_after_a_question_mark_still_reports_the_quotation() -> None:
    """'"… how can you go against the movie?" Mr Kashyap's lawyer Mihir Desai said.': six words before the
    verb (only six words after the mark were read), so the quotation went to Kashyap, whom the sentence
    before was about."""
    pairs, _ = _quotes('Director Anurag Kashyap said the release should not be delayed. "If you have not gone against '
                       'the book, then how can you go against the movie?" Mr Kashyap\'s lawyer Mihir Desai said.')
    assert pairs == [("If you have not gone against the book, then how can you go against the movie?", "Mihir Desai")]


def test_a_name_made_a_modifier_by_a_lower_case_suffix_is_someones_words_not_a_title() -> None:
    """'She told the Guardian there would be no "Las Vegas-style" super-casinos': all capitals but '-style', so
    Tessa Jowell's words (dropped as a Title-Case title, and "did she say anything about Las Vegas?" found
    nothing); "Meet the Press" stays a title."""
    pairs, _ = _quotes('Culture Secretary Tessa Jowell has hit out at critics of the bill.\n\nShe told the Guardian '
                       'newspaper there would be no "Las Vegas-style" super-casinos.')
    assert pairs == [("Las Vegas-style", "Tessa Jowell")]
    pairs, _ = _quotes('Tessa Jowell told the Guardian she had watched "Meet the Press" on Sunday.')
    assert pairs == []


def test_one_brings_in_someone_new_as_a_does() -> None:
    """'"… it is falling," said one trader' is not Rafik Hariri, named before; 'one dealer … told Reuters' is not
    the analyst quoted before: a counted description is someone new, left unnamed (as 'a trader' was)."""
    pairs, _ = _quotes('Solidere, in which Rafik Hariri was a major shareholder, was the major drag on the index. '
                       '"Solidere should be above $10 but because of this disaster it is falling," said one trader.')
    assert pairs == [("Solidere should be above $10 but because of this disaster it is falling", None)]
    pairs, _ = _quotes('"It is a result," said Nick Bubb, an analyst at Evolution Securities. However, one dealer, '
                       'who asked not to be named, told Reuters the sales were "not what people had hoped for".')
    assert pairs == [("It is a result", "Nick Bubb"), ("not what people had hoped for", None)]


def test_a_subject_and_any_verb_closing_the_sentence_after_a_quotation_say_who_spoke_it() -> None:
    """'"France will always be France," an angry Hollande retaliated.' ('retaliated' reports nothing by itself;
    the quotation had gone to Trump, quoted before); a verb with an object of its own is no such closing."""
    pairs, _ = _quotes('"France is no longer France," Donald Trump said.\n\n"France will always be France," an angry '
                       'Francois Hollande retaliated.')
    assert pairs == [("France is no longer France", "Donald Trump"), ("France will always be France", "Francois Hollande")]
    pairs, _ = _quotes('"France will always be France," the crowd chanted the slogan.')
    assert pairs[0][1] is None


def test_a_quotation_mark_that_lost_its_space_still_splits_the_words_for_the_parser() -> None:
    """'Ryan said,“Look, …”' and '“…,”Clinton said.': the tokenizer had kept 'said,“Look' and
    'interesting,”Clinton' as single words, the parse made them names, and the quotations went unattributed."""
    pairs, _ = _quotes('House Speaker Paul Ryan said,“Look, these images have got no place in a campaign.”')
    assert pairs == [("Look, these images have got no place in a campaign.", "Paul Ryan")]
    pairs, _ = _quotes('“It is going to be interesting,”Hillary Clinton said.')
    assert pairs == [("It is going to be interesting", "Hillary Clinton")]
    # A colon glued to both ('Clinton:"We'): the name had been cut to "Hillary Rodham".
    pairs, _ = _quotes('Former secretary of state Hillary Rodham Clinton:"We learned that from the State Department."')
    assert pairs == [("We learned that from the State Department.", "Hillary Rodham Clinton")]


def test_a_straight_mark_after_a_comma_closes_a_quotation_even_glued_to_the_next_word() -> None:
    """'"… to different audiences,"Katie Packer … said in a statement.': the mark was read as opening a new
    quotation (a comma before a mark usually opens one), so the quotation ran on into the journalist's words."""
    pairs, _ = _quotes('"We are talking to different audiences,"Katie Packer, chairman of the group, said in a '
                       'statement.')
    assert pairs == [("We are talking to different audiences", "Katie Packer")]


def test_a_colon_lead_in_ending_on_an_object_is_its_verbs() -> None:
    """'Mitch McConnell, R-Ky., delivered a blunt message to Trump: "…"': from 'Trump' up to 'delivered'
    (unattributed before); not across a comma ('Paris was more subdued, with … telling parliament:' is not
    Paris's)."""
    pairs, _ = _quotes('Senate Majority Leader Mitch McConnell, R-Ky., delivered a blunt message to Trump: "It is '
                       'time to quit attacking people."')
    assert pairs == [("It is time to quit attacking people.", "Mitch McConnell")]
    pairs, _ = _quotes('However Paris was more subdued, with finance minister Herve Gaymard telling parliament: "We '
                       'must continue along this path of saving money."')
    assert pairs[0][1] != "Paris"


def test_a_surname_the_tagger_reads_as_a_plural_noun_is_the_person_named_in_full() -> None:
    """'Hodges described his years at Stradey as "the best time of my life."' ('Hodges' NNS: a bare plural group
    to the parser) is Dave Hodges, named in full before; 31 corpus quotes had such a surname alone
    (Connors, Pires, Moyes)."""
    pairs, _ = _quotes('USA Eagles forward Dave Hodges has ended his playing career.\n\nHodges described his years at '
                       'Stradey as "the best time of my life."')
    assert pairs == [("the best time of my life.", "Dave Hodges")]
    pairs, _ = _quotes('The club thanked its fans. Supporters described the season as "the best time of our lives."')
    assert pairs[0][1] != "Dave Hodges"


def test_a_nationality_describes_someone_named_and_is_no_name() -> None:
    """'"…," said the New Zealander' after Peter Jackson had the speaker "New Zealander" (and "American",
    "Dutchman", "Scot", … for 32 corpus quotes): a nationality is a description of someone the article names —
    the subject of the sentences before when there is one."""
    pairs, _ = _quotes('Lleyton Hewitt beat Andy Roddick in three sets. "I felt good today," said the Australian.')
    assert pairs == [("I felt good today", "Lleyton Hewitt")]
    pairs, _ = _quotes('Tottenham manager Martin Jol praised his players.\n\n"It was a professional performance," the '
                       'Dutchman said.')
    assert pairs == [("It was a professional performance", "Martin Jol")]
    pairs, _ = _quotes('"We knew it would be hard," said the Frenchman.')
    assert pairs[0][1] != "Frenchman"


def test_a_relative_speaks_as_a_relative_never_as_the_one_they_are_related_to() -> None:
    """'Donald Trump spoke on Monday. His wife said: "…"' was Donald Trump's; "Michael Jackson's mother has
    said she is "100% certain"" was unattributed: a relative is their own speaker, "mother of Michael Jackson",
    and with only a pronoun for whose, nobody named."""
    pairs, _ = _quotes('Donald Trump spoke on Monday. His wife said: "He is a good man."')
    assert pairs == [("He is a good man.", None)]
    pairs, _ = _quotes('Michael Jackson denies the charges. Meanwhile Michael Jackson\'s mother has said she is "100% '
                       'certain" her son did not commit them.')
    assert pairs == [("100% certain", "mother of Michael Jackson")]


def test_people_in_the_plural_are_none_of_those_named_one_by_one() -> None:
    """'The Bank's minutes said that risks were "sufficiently to the downside"' (after Paul Tucker) and 'the men
    agreed he was "brilliant"' (after Terry Telford) went to that one person; not so words in a clause a named
    speaker reports ('Mr DiPiazza said the interviews suggested that companies had "adjusted"')."""
    pairs, _ = _quotes('Paul Tucker voted for a rise. The Bank\'s minutes said that risks were "sufficiently to the '
                       'downside" to keep rates on hold.')
    assert pairs == [("sufficiently to the downside", None)]
    pairs, _ = _quotes('Samuel DiPiazza runs the firm. Mr DiPiazza said the interviews suggested that companies had '
                       '"adjusted" to the new reality.')
    assert pairs == [("adjusted", "Samuel DiPiazza")]


def test_roles_listed_before_a_name_belong_to_that_name() -> None:
    """'Former prosecutor and New York City Mayor Rudy Giuliani, who spoke on MSNBC, said …' left the quote
    unattributed (the name is the conjunct of the first role); 'The prosecutor and … Rudy Giuliani' are two."""
    pairs, _ = _quotes('Former prosecutor and New York City Mayor Rudy Giuliani, who spoke on MSNBC, said the move '
                       'was "a disgrace."')
    assert pairs == [("a disgrace.", "Rudy Giuliani")]


def test_a_second_verb_reporting_speech_introduces_the_quotation_after_its_sentence() -> None:
    """'Mr Negroponte wants the laptops to become more common than mobile phones but conceded this was
    ambitious. "Nokia make 200 million cell phones a year, …"' (and the quotations of the paragraph around it)
    had no speaker; not so a misparsed "… meet at Twickenham and Kirwan says …", whose verb has its own name."""
    pairs, _ = _quotes('Nicholas Negroponte runs the Media Lab. Mr Negroponte wants the laptops to become more common '
                       'than mobile phones but conceded this was ambitious. "Nokia make 200 million cell phones a '
                       'year, so for us to claim we are going to make 200 million laptops is a big number."')
    assert pairs == [("Nokia make 200 million cell phones a year, so for us to claim we are going to make 200 "
                      "million laptops is a big number.", "Nicholas Negroponte")]


def test_a_capitalised_role_holding_a_name_in_its_of_phrase_makes_the_name_the_subject() -> None:
    """'Director of rugby Warren Gatland revealed that …. "They got a roasting …," he said' gave the quotation to
    the coach of the other side, named as a subject before ('Director' is a proper noun to the tagger)."""
    pairs, _ = _quotes('Harlequins coach Barry Everitt said his side had been unlucky. Director of rugby Warren '
                       'Gatland revealed that harsh words at half-time inspired his side.\n\n"They got a roasting and '
                       'it was a good second-half performance," he said.')
    assert pairs[-1] == ("They got a roasting and it was a good second-half performance", "Warren Gatland")


def test_repeating_calls_reports_speech_and_telling_a_story_is_a_plot() -> None:
    """'Menzies Campbell repeated his party's calls for … to be made public. "The public interest …"' went to the
    speaker before him; 'Wasp tells the story of a young mum' made a film its director's 'she'."""
    pairs, _ = _quotes('Michael Howard said: "This issue will not go away." Liberal Democrat spokesman Menzies Campbell '
                       'repeated his party\'s calls for the advice to be made public. "The public interest can only be '
                       'served now by the fullest disclosure."')
    assert pairs[-1] == ("The public interest can only be served now by the fullest disclosure.", "Menzies Campbell")


def test_a_single_name_the_article_also_writes_in_lower_case_is_a_word() -> None:
    """'Set in her native Dartford, Wasp tells the story of a young mum …. The image that sparked the film was
    that of a wasp crawling …. "…," she explains' gave Andrea Arnold's words to the film, read as a person."""
    pairs, _ = _quotes('Director Andrea Arnold won the Oscar for her short film Wasp. Set in her native Dartford, Wasp '
                       'tells the story of a young mum. The image that sparked the film was that of a wasp crawling '
                       'into a baby\'s mouth. "I just start with an image I can\'t shake off," she explains.')
    assert pairs == [("I just start with an image I can't shake off", "Andrea Arnold")]


def test_what_someone_did_not_say_is_the_words_of_whoever_reports_it() -> None:
    """'Ms Cooper said Mr Sullivan had not mentioned "anything uncomfortable"' was Sullivan's."""
    pairs, _ = _quotes('Cynthia Cooper testified on Tuesday. Scott Sullivan was the finance chief. However, Ms Cooper '
                       'said Mr Sullivan had not mentioned "anything uncomfortable" about the accounts.')
    assert pairs == [("anything uncomfortable", "Cynthia Cooper")]


def test_a_quotation_in_the_first_person_plural_after_a_sentence_about_someone_is_theirs() -> None:
    """'Graham Barlow, editor of Mac Format, understandably has a rather partisan viewpoint. "It's just a Mac,
    but we should be very excited …"' had no speaker: 'we' is a first person too."""
    pairs, _ = _quotes('Graham Barlow, editor of Mac Format, understandably has a rather partisan viewpoint. "It\'s '
                       'just a Mac, but we should be very excited about it."')
    assert pairs == [("It's just a Mac, but we should be very excited about it.", "Graham Barlow")]


def test_telling_the_story_of_something_reports_no_speech() -> None:
    plot = parse("The film tells the story of a young mum.")
    assert not is_cue(next(t for t in plot if t.lower_ == "tells"))
    told = parse("He told reporters the story was false.")
    assert is_cue(next(t for t in told if t.lower_ == "told"))


def test_the_airline_or_the_magazine_is_the_one_named_and_the_festival_only_one_so_named() -> None:
    """'The airline said it was "embarrassed by the situation"' went to a person named before (US Airways now);
    'the magazine reported' to 'Veterans Simon'; 'The festival praises him' after the film 'Gangs Of New York'
    must not go to the film (nor to any organisation of another kind): unattributed."""
    pairs, _ = _quotes('US Airways boss Michael Boyd spoke on Monday. US Airways had to cancel 65 flights. The airline '
                       'said it was "embarrassed by the situation" on Tuesday.')
    assert pairs == [("embarrassed by the situation", "US Airways")]
    pairs, _ = _quotes('Day-Lewis starred in Martin Scorsese\'s Gangs Of New York. The festival praises him for his '
                       '"sensational start" with roles in My Beautiful Launderette.')
    assert pairs == [] or pairs[0][1] is None
    pairs, _ = _quotes('"Halo is the most important launch game for any console ever," wrote the influential Edge '
                       'magazine in its review.')
    assert pairs == [("Halo is the most important launch game for any console ever", "Edge magazine")]


def test_a_surname_two_people_share_is_the_one_whose_name_it_ends() -> None:
    """'Donald Trump also criticized Clinton during a rally. "Hillary Clinton is a joke," he said' gave the words
    to Eric Trump, quoted before: the bare 'Trump' inside 'Donald Trump' had been counted a mention of whichever
    Trump came last (5 corpus quotes by England coach Andy Robinson had gone to Jason Robinson so)."""
    pairs, _ = _quotes('A son of Donald Trump spoke on Sunday. Eric Trump said his father would win. "He is going '
                       'to go after her," Eric Trump said.\n\n'
                       'Donald Trump also criticized Clinton during a rally Friday in Hartford.\n\n'
                       '"Hillary Clinton is a joke," he said.')
    assert pairs[-1] == ("Hillary Clinton is a joke", "Donald Trump")


def test_a_role_no_one_just_named_holds_is_the_person_the_next_sentence_brings_in() -> None:
    """'Meanwhile, France's finance minister has said the world faced "economic catastrophe" …. Herve Gaymard
    said he would …' was unattributed; not so when the person brought in holds another role ('the prime
    minister said … "load of nonsense". Tory leader Michael Howard accused …')."""
    pairs, _ = _quotes('The dollar fell again on Friday. Meanwhile, France\'s finance minister has said the world faced '
                       '"economic catastrophe" unless the US worked with Europe. Herve Gaymard said he would seek '
                       'action at the next meeting.')
    assert pairs == [("economic catastrophe", "Herve Gaymard")]
    pairs, _ = _quotes('The pair were said to be rivals. But the prime minister said he had dismissed the claims as a '
                       '"load of nonsense". Tory leader Michael Howard accused the government of squabbling.')
    assert pairs[0][1] != "Michael Howard"


def test_words_ending_a_sentence_between_two_names_are_no_nickname() -> None:
    """'Jeb Bush called Trump "unhinged." Sen. Marco Rubio …' was dropped as a nickname (a word in marks
    between a capitalised word and another, like C.L. "Butch" Otter)."""
    pairs, _ = _quotes('On Twitter, Former Florida Gov. Jeb Bush called Trump “unhinged.” Sen. Marco Rubio called him '
                       '“offensive.”')
    assert pairs == [("unhinged.", "Jeb Bush"), ("offensive.", "Marco Rubio")]
    pairs, _ = _quotes('Idaho Gov. C.L. "Butch" Otter said the state would sue.')
    assert pairs == []


def test_curly_apostrophes_and_marks_are_parsed_as_the_straight_ones_they_stand_for() -> None:
    """'Sanders’ campaign called AP’s report a “rush to judgment,”' had no speaker: the small model read the
    curly apostrophe as a closing mark and hung the quotation from 'campaign' (straight, it parses)."""
    pairs, _ = _quotes('Sanders’ campaign called AP’s report a “rush to judgment,” because superdelegates had not '
                       'voted.')
    assert pairs and pairs[0][1] is not None and "Sanders" in pairs[0][1]
    assert pairs[0][0] == "rush to judgment"


def test_a_chairman_may_be_a_woman() -> None:
    """'Police Federation chairman Jan Berry said … "…," she said' went to another Berry: 'chairman' had made
    Jan Berry a man, so 'she' could not be her (the BBC calls women chairman too)."""
    pairs, _ = _quotes('Police Federation chairman Jan Berry said civilian officers should act as "eyes and ears" for '
                       'the police.\n\n"They should not be placed in confrontational situations," she said.')
    assert pairs == [("eyes and ears", "Jan Berry"), ("They should not be placed in confrontational situations",
                                                      "Jan Berry")]


def test_likening_comparing_and_lauding_report_the_words_they_hold() -> None:
    """'Conservative co-chairman Liam Fox likened the two men to "self-obsessed schoolboys"' had no speaker; not
    so '"soft" on the issue, compared to Labour', where 'compared' compares nothing it was said of."""
    pairs, _ = _quotes('Conservative co-chairman Liam Fox likened the two men to "self-obsessed schoolboys". '
                       'Mr Lew also lauded Mr Kim for the "needed reforms at the World Bank". '
                       'Mr Reid compared Mr Trump to a coach who is "working the referees".')
    assert pairs == [("self-obsessed schoolboys", "Liam Fox"), ("needed reforms at the World Bank", "Lew"),
                     ("working the referees", "Reid")]
    tokens = parse("He denied he was afraid of looking soft on the issue, compared to Labour.")
    assert not any(is_cue(t) for t in tokens if t.lower_ == "compared")


def test_the_body_a_description_names_later_is_the_one_described_by_that_noun() -> None:
    """'China's foreign ministry also weighed in …. "…," the ministry said' went to 'Defence', the organisation
    the model found in 'Japanese Defence Minister Gen Nakatani'; an organisation named since the description
    ('US magazine Rolling Stone') stays the one speaking."""
    pairs, _ = _quotes('Japanese Defence Minister Gen Nakatani said Japan would help. China\'s foreign ministry also '
                       'weighed in regarding the comments.\n\n"Countries outside the region should stick to their '
                       'promises," the ministry said in a statement.')
    assert pairs == [("Countries outside the region should stick to their promises", "China's foreign ministry")]
    pairs, _ = _quotes('The list was drawn up by US magazine Rolling Stone. Rolling Stone ranks artists each year.'
                       '\n\n"Prince returned to centre stage after a decade in the wilderness," the magazine reported.')
    assert pairs == [("Prince returned to centre stage after a decade in the wilderness", "Rolling Stone")]


def test_a_reporting_verb_after_the_closing_comma_reports_though_the_parser_hung_it_from_a_quoted_word() -> None:
    """'"… but a better distribution," deputy planning director Jose Leibovich said.' was parsed with 'said' a
    relative clause of 'distribution': the quotation had no speaker, or the verb of the sentence before it
    ('the government believes')."""
    pairs, _ = _quotes('"Resources are more than enough to reduce poverty and there is no need for more tax reforms but '
                       'a better distribution," deputy planning director Jose Leibovich said.\n\nColombia has a '
                       'population of about 44 million and half lives below poverty line.')
    assert pairs == [("Resources are more than enough to reduce poverty and there is no need for more tax reforms "
                      "but a better distribution", "Jose Leibovich")]


def test_a_no_break_space_inside_a_name_does_not_split_it() -> None:
    """Text handed in directly (PolNeAR's) may hold no-break spaces: 'mused Blaze co-host Stu\\xa0Burguiere' had
    gone to the Brad Thor the quotation names."""
    from bot.models import Article
    from bot.quotes.extract import relevant_text
    from bot.quotes.spans import find_spans
    text = "T\n\n“Imagine Brad Thor against Trump,” mused Blaze co-host Stu\xa0Burguiere."
    article = Article(id="a", title="T", text=text, paragraphs=[(0, 1), (3, len(text))], content_hash="x")
    parsed = relevant_text(article, find_spans(article.text, article.paragraphs))
    assert "\xa0" not in parsed and len(parsed) == len(text)


def test_by_saying_is_the_subject_s_and_a_name_left_as_the_root_still_speaks() -> None:
    """'Mr Fox responded by accusing the prime minister of "hiding away …"' and 'Paul Ryan, the highest-ranking
    Republican, on Tuesday called … "racist,"' (parsed as a sentence whose root is the name) had no speaker."""
    pairs, _ = _quotes('Mr Blair will not hold daily news conferences. Liam Fox responded by accusing the prime '
                       'minister of "hiding away from the scrutiny of London\'s media". Paul Ryan, the highest-ranking '
                       'Republican, on Tuesday called Donald J. Trump\'s remarks about a Latino judge "racist," an '
                       'extraordinary indictment.')
    assert pairs == [("hiding away from the scrutiny of London's media", "Liam Fox"), ("racist", "Paul Ryan")]


def test_referring_to_someone_as_words_reports_them_but_being_referred_to_does_not() -> None:
    """'he had once referred to Lords members as "brigands, muggers, bribers and gangsters"' had no speaker;
    'Referred to in the Netherlands as "the General", Michels led the Dutch' is not Michels's word for himself."""
    pairs, _ = _quotes('Neil Kinnock is to join the Lords. It was put to Mr Kinnock that he had once referred to Lords '
                       'members as "brigands, muggers, bribers and gangsters".\n\nReferred to in the Netherlands as '
                       '"the General", Rinus Michels led the Dutch at the 1974 World Cup.')
    assert pairs == [("brigands, muggers, bribers and gangsters", "Neil Kinnock")]


def test_the_subject_of_a_verb_reporting_a_quotation_is_its_sentence_s_main_subject() -> None:
    """'"Oh well, …," Sanders responded. Six months ago, the independent Vermont senator said, the media
    considered him a "fringe candidate"': the parser roots the sentence before in the quotation, so it seemed
    to have no main subject for 'the … senator' to be."""
    pairs, _ = _quotes('"Let\'s go back six months and look at Bernie Sanders announcing his candidacy," Sanders said '
                       'in an interview with CNN\'s Gloria Borger.\n\n"That would be Hillary Clinton," Borger said.\n\n'
                       '"Oh well, I don\'t wanna say so, but if you say it," Sanders responded.\n\nSix months ago, the '
                       'independent Vermont senator said, the media considered him a "fringe candidate," making air '
                       'quotes.')
    assert pairs[-1] == ("fringe candidate", "Sanders")


def test_a_lower_case_word_someone_called_a_thing_is_theirs_not_the_thing_s_name() -> None:
    """'Germaine Greer quit the show over what she called "bullying" tactics' and 'a clip that U.S. District Judge
    Michael W. Mosman called "distasteful,"' were dropped as names ('a class called "Perception"' still is one)."""
    pairs, _ = _quotes('Feminist icon Germaine Greer quit the show over what she called "bullying" tactics. And, in a '
                       'clip that U.S. District Judge Michael W. Mosman called "distasteful," Santilli expressed a '
                       'desire to leave. Carson shared a syllabus for a class called "Perception" on his page.')
    assert pairs == [("bullying", "Germaine Greer"), ("distasteful", "Michael W. Mosman")]


def test_a_known_first_name_the_tagger_read_as_an_organisation_keeps_its_surname() -> None:
    """'backed by singer-songwriters Feargal Sharkey, Lucie Silvas and …' (the model: ORG 'Lucie', 'Silvas'
    untagged): "Silvas said" was stored under the surname alone."""
    pairs, _ = _quotes('The scheme is also being backed by singer-songwriters Feargal Sharkey, Lucie Silvas and '
                       'Grammy Award-winning composer David Arnold. Silvas said: "I think it is so important that '
                       'students gain an understanding of how the music industry works."')
    assert pairs == [("I think it is so important that students gain an understanding of how the music industry "
                      "works.", "Lucie Silvas")]


def test_a_nationality_as_a_noun_is_the_person_the_story_is_about() -> None:
    """'"…," said the New Zealander' a paragraph after 'director Peter Jackson' was left unattributed (the
    adjectives 'the Australian' were resolved, the nouns were not); "the Briton" is no one called Australian."""
    pairs, _ = _quotes('Lord of the Rings director Peter Jackson has said that it will be up to four years before he '
                       'starts work on a film version of The Hobbit.\n\nThe Oscar winner said on a visit to Sydney '
                       'there was a "desire" to make it, but not before lengthy negotiations. "I think it\'s gonna be '
                       'a lot of lawyers sitting in a room trying to thrash out a deal before it will ever happen," '
                       'said the New Zealander.\n\nAustralian Lleyton Hewitt lost to British number one Tim Henman '
                       'in Sydney on Sunday. "It was a tough match," said the Briton.')
    assert pairs[1] == ("I think it's gonna be a lot of lawyers sitting in a room trying to thrash out a deal before "
                        "it will ever happen", "Peter Jackson")
    assert pairs[2] == ("It was a tough match", "Tim Henman")


def test_a_name_in_apposition_to_a_company_is_no_person() -> None:
    """'Fox has bought the rights for Scott's company Scott Free to develop' (PERSON to the model): the
    director's "he said" had gone to "Scott Free"."""
    pairs, _ = _quotes('The film rights have been snapped up, with Ridley Scott set to direct.\n\nFilm studio Fox '
                       'has bought the rights for around $4m for Scott\'s company Scott Free to develop. "Wolf '
                       'Brother is an enchanting book," he said.')
    assert pairs == [("Wolf Brother is an enchanting book", "Ridley Scott")]


def test_a_bill_or_a_motion_is_no_one_s_words_the_story_names() -> None:
    """'The bill proposes "control orders"' had been Tony Blair's (the subject just before); 'the lawsuit
    states' stays the words of the one who filed it."""
    pairs, _ = _quotes('Tony Blair refused the Tories\' sunset clause. Peers begin three days of deliberation on the '
                       'bill on Thursday. The bill proposes "control orders", which could mean house arrest.\n\n'
                       'Californian Thomas Slattery filed the suit in San Jose and is seeking damages. "Apple has '
                       'turned an open standard into an artifice," the lawsuit states.')
    assert ("control orders", "Tony Blair") not in pairs
    assert ("Apple has turned an open standard into an artifice", "Thomas Slattery") in pairs


def test_a_name_glued_to_the_next_by_a_lower_case_the_is_the_later_name() -> None:
    """'Mr Griffin told the Independent the Tories' plans were …' (one ORG to the model: 'Independent the
    Tories') had been listed as a speaker and taken 'The Tories have promised …'."""
    pairs, _ = _quotes('Mr Griffin told the Independent the Tories\' plans were "a definite move onto our turf". The '
                       'Tories have promised an upper limit with the slogan: "It\'s not racist to impose limits on '
                       'immigration".')
    assert all("Independent" not in (speaker or "") for _, speaker in pairs), pairs


def test_an_adjective_opening_a_lede_is_no_first_name_of_the_name_after_it() -> None:
    """'Defiant Matt Williams says he will not quit': stored as 'Defiant Matt Williams', in the top 200 of
    `whosaid speakers` (the rule that keeps 'Ard Jan Vetham' whole had taken the adjective in)."""
    pairs, _ = _quotes('Defiant Matt Williams says he will not quit as Scotland coach. "I have never quit anything in '
                       'my life," said Williams.')
    assert pairs == [("I have never quit anything in my life", "Matt Williams")]


def test_a_plural_speaks_as_a_group_only_when_it_names_people() -> None:
    """'The idea that the "new terrorism" demands new powers is erroneous' had given the words to "new powers",
    'Householders … acting "honestly and instinctively", new guidelines say' to "new guidelines"; analysts and
    policy makers still speak as themselves."""
    pairs, _ = _quotes('The idea that the "new terrorism" demands new powers is erroneous, one reader wrote.\n\n'
                       'Householders who injure intruders are unlikely to be prosecuted - providing they were acting '
                       '"honestly and instinctively", new guidelines say.\n\n'
                       'Policy makers in Europe have called the dollar\'s slide "brutal".')
    speakers = dict(pairs)
    assert speakers.get("new terrorism") != "new powers"
    assert speakers.get("honestly and instinctively") != "new guidelines"
    assert speakers["brutal"] == "Policy makers"


def test_a_quotation_left_open_ends_where_the_speaker_stops_speaking_as_themselves() -> None:
    """'"I am very pleased we have secured this delay … of opportunity. The Official UK Charts are run by …':
    the closing mark was lost, and the paragraph's reporting had been stored as the BPI chairman's words. A
    quotation that runs on into a paragraph opening with a mark is the same statement, and stays whole."""
    pairs, _ = _quotes('BPI chairman Peter Jamieson said: "I am very pleased we have secured this delay. We have to '
                       'try and establish a level playing field. The Official UK Charts are run by The Official UK '
                       'Charts Company. The US has already merged downloads into its chart.\n\n'
                       'Coach Ann Reid said: "We were poor in the first half. The second half was better.\n\n'
                       '"Our fans deserved more than that."')
    assert ("I am very pleased we have secured this delay. We have to try and establish a level playing field.",
            "Peter Jamieson") in pairs
    assert ("We were poor in the first half. The second half was better.", "Ann Reid") in pairs


def test_roles_are_what_a_person_is_without_their_honorific_a_date_or_a_lone_adjective() -> None:
    """`whosaid speakers` had listed "Alex Ferguson (Sir; Manchester United manager Sir; Boss Sir)", "Andy Roddick
    (disheartened)", "Tony Blair (… himself)", "Alan Milburn (… -ordinator)", "Kim Collins (m champion)"."""
    article = article_from_text("t.txt", "Title\n\nManchester United manager Sir Alex Ferguson said: \"We were "
                                         "poor.\" A disheartened Andy Roddick said: \"I lost.\" Mr Blair himself "
                                         "said: \"It is right.\" Mr Blair said it again. Election co-ordinator Alan "
                                         "Milburn said: \"We will win.\" Lib Dem chairman Matthew Taylor said: "
                                         "\"It is illegal.\" World 400m champion Kim Collins said: \"I ran.\"")
    _, roles = extract_quotes(article)
    by_key: dict[str, set[str]] = {}
    for key, role, _article in roles:
        by_key.setdefault(key, set()).add(role)
    assert "Manchester United manager" in by_key["alex ferguson"]
    assert not any(r.endswith("Sir") for r in by_key["alex ferguson"])
    assert "disheartened" not in by_key.get("andy roddick", set())
    assert "himself" not in by_key.get("tony blair", set()) | by_key.get("blair", set())
    assert not any(r.startswith("-") for rs in by_key.values() for r in rs)
    assert "Lib Dem chairman" in by_key["matthew taylor"]
    assert "m champion" not in by_key["kim collins"] and "400m champion" in by_key["kim collins"]


def test_a_name_the_tagger_ran_on_past_a_dash_ends_where_the_name_does() -> None:
    """'DJ Norman Cook - aka Fatboy Slim - has said …' was one PERSON to the model: stored as "DJ Norman Cook -
    aka", and his later quotes as a second speaker, "Cook". A hyphenated name and an '&' stay whole."""
    pairs, _ = _quotes('DJ Norman Cook - aka Fatboy Slim - has said dance music is not dead. "I personally don\'t '
                       'believe it\'s either dead or going to die," Cook said.\n\n'
                       'Douglas Holtz-Eakin said: "The deficit will grow." The Securities & Exchange Commission said '
                       'the accounts "did not comply in material respects".')
    assert ("I personally don't believe it's either dead or going to die", "Norman Cook") in pairs
    assert ("The deficit will grow.", "Douglas Holtz-Eakin") in pairs
    assert ("did not comply in material respects", "Securities & Exchange Commission") in pairs


def test_a_document_speaks_for_its_author_and_a_role_glued_to_a_name_is_no_part_of_it() -> None:
    """'said a CAS statement' had been stored under the speaker "CAS statement" (and "World Bank report", "FAO
    report" beside "World Bank", "FAO"); 'Barcelona star Ronaldinho admitted' under "Barcelona star Ronaldinho"."""
    pairs, _ = _quotes('Collins took banned drugs. "The USADA has proved, beyond a reasonable doubt, that Collins took '
                       'EPO," said a CAS statement.\n\n'
                       'Barcelona star Ronaldinho admitted: "I think that it is going to be a difficult match."')
    speakers = dict(pairs)
    assert speakers["The USADA has proved, beyond a reasonable doubt, that Collins took EPO"] == "CAS"
    assert speakers["I think that it is going to be a difficult match."] == "Ronaldinho"


def test_a_law_named_in_full_is_nobody_s_words_and_a_fellow_party_member_is_named_alone() -> None:
    pairs, _ = _quotes('Charles Kennedy says the plan is authoritarian. The Prevention of Terrorism Bill proposes '
                       '"control orders", which could mean house arrest.')
    assert dict(pairs).get("control orders") is None
    pairs, _ = _quotes('Fellow Lib Dem Norman Baker said the episode painted an "unflattering picture of the inner '
                       'workings of government".')
    assert pairs == [("unflattering picture of the inner workings of government", "Norman Baker")]


def test_a_role_opening_a_paragraph_takes_nothing_of_the_paragraph_break() -> None:
    """`whosaid speakers` had listed "Tony Blair (Mr; Prime Minister; \\n\\nPrime Minister)": the paragraph
    break before a role opening its paragraph was read as part of a word written as one."""
    article = article_from_text("t.txt", "Title\n\nThe vote is near.\n\nPrime Minister Tony Blair said: \"We will "
                                         "win.\" So said Paul Newsome, an insurance analyst at AG Edwards & Co.\n\n"
                                         "\"It is a good day,\" Mr Newsome said.")
    _, roles = extract_quotes(article)
    assert all(role == role.strip() for _, role, _ in roles), roles
    assert ("tony blair", "Prime Minister") in [(key, role) for key, role, _ in roles]


def test_a_verb_joined_to_others_finds_their_subject() -> None:
    """'Mr. Trump was forced into a rare moment of damage control and said that his words had been
    "misconstrued."': a verb joined to a passive shares its subject; 'The candidate has mocked …, referred to …
    and recently pointed to … and called him "my African American."': four verbs back along "and" and a
    participle. Both had been dropped as nobody's words (PolNeAR train)."""
    text = ("Trump under fire\n\nDonald Trump spoke in Ohio on Monday.\n\n"
            "The candidate has mocked a disabled newspaper reporter, referred to undocumented immigrants from Mexico "
            "as \"rapists\" and recently pointed to a black man in the crowd at one of his rallies and called him \"my "
            "African American.\"\n\n"
            "By the end of the day, Mr. Trump was forced into a rare moment of damage control and said that his "
            "words had been \"misconstrued.\"\n\n"
            "What has been made available suggests that most were sent to a \"state.gov\" address.\n")
    quotes = {q.text: q.speaker for q in extract_quotes(article_from_text("t.txt", text))[0]}
    assert quotes.get("misconstrued.") == "Donald Trump"
    assert quotes.get("my African American.") == "Donald Trump"
    assert quotes.get("state.gov") is None  # "what has been made available" is no one


def test_who_holds_the_floor_is_read_in_order_and_only_from_people_speaking() -> None:
    """Three wrong speakers a newcomer found in the BBC corpus. 'He also accused … Mr Brown liked to rattle off …,
    the Tory leader said. "This dodgy government …," he said' had given Howard's words to Brown: the description
    was resolved before the 'he' that made Howard the story's subject. '… it was time for the London mayor to say
    sorry. "A lot of us …," he said': an infinitive is no one speaking (Blair's words had gone to the mayor).
    'The Oscar-nominated actor, whose films include … Star Wars: The Phantom Menace, said:' is the actor, not
    the film the parser hung on him."""
    howard = ("Howard attacks Budget\n\n"
              "Tory leader Michael Howard attacked Gordon Brown's Budget on Thursday.\n\n"
              "\"We can all see the sweeteners,\" Mr Howard said. \"They hide tax rises.\"\n\n"
              "The Budget offered pensioners a rebate on council tax and raised the threshold for stamp duty, while "
              "duties on alcohol and tobacco rose in line with inflation. Economists had expected a giveaway before "
              "the election, and the Treasury's forecasts for growth were left unchanged for the coming year, with "
              "borrowing expected to fall over the next five years as the economy recovers from the slowdown.\n\n"
              "He also accused the government of running out of ideas for the problems Britain faced. \"Their only "
              "answer is to tax,\" he said. Mr Brown liked to rattle off \"magical balances\" in a bid to convince "
              "people, the Tory leader said. \"This dodgy government is publishing a dodgy Budget,\" he said.\n")
    blair = ("Blair urges apology\n\n"
             "Tony Blair has urged London mayor Ken Livingstone to apologise.\n\n"
             "Mr Livingstone said he would not apologise even if the prime minister asked.\n\n"
             "Mr Blair, who was instrumental in returning Mr Livingstone to the Labour Party, insisted on Wednesday "
             "it was time for the London mayor to say sorry.\n\n"
             "\"A lot of us in politics get angry with journalists from time to time,\" he said.\n")
    neeson = ("Neeson backs theatre\n\n"
              "Hollywood film star Liam Neeson has held a dinner party in New York to promote Belfast's Lyric Theatre."
              "\n\nThe Oscar-nominated actor, whose films include Schindler's List, Michael Collins and Star Wars: The "
              "Phantom Menace, said: \"The Lyric is too important to the cultural life of Northern Ireland.\"\n")
    for text, words, speaker in (
            (howard, "This dodgy government is publishing a dodgy Budget", "Michael Howard"),
            (blair, "A lot of us in politics get angry with journalists from time to time", "Tony Blair"),
            (neeson, "The Lyric is too important to the cultural life of Northern Ireland.", "Liam Neeson")):
        quotes = {q.text: q.speaker for q in extract_quotes(article_from_text("a.txt", text))[0]}
        assert quotes[words] == speaker, (words, quotes[words])


def test_a_quote_repeating_an_earlier_ones_words_is_that_speakers_whatever_the_pronoun_reaches() -> None:
    """bbc-sport-158: Stam's "I was settled at Manchester United, but they wanted to sell me" (named), then the
    fuller "I was settled at Manchester United, I had even just ordered a new kitchen …," he said, after a
    sentence with Ferguson as its subject: the pronoun had gone to Ferguson, and the rest of the paragraph with it."""
    pairs, quotes = _quotes(
        'Defender Tom Hale says Rovers "made a mistake" by selling him. "I was settled at Rovers, but they wanted '
        'to sell me," Hale told the club magazine. Manager Sam Price surprised everyone by selling the defender. '
        'But Price insisted he sold him because the fee was too good to refuse.\n\n'
        '"I was settled at Rovers, but they wanted to sell me. I had even just ordered a new kitchen," he said. '
        '"What other industry treats a good employee like that?"')
    assert [s for _, s in pairs[-2:]] == ["Tom Hale", "Tom Hale"], pairs
    assert quotes[-2].speaker_mention == "he"  # its own cue, the speaker the earlier quote names
    # A pronoun with no repeated words still goes where it did.
    pairs, _ = _quotes('"We were robbed," said Tom Hale. Manager Sam Price disagreed.\n\n'
                       '"The better side won on the day," he said.')
    assert pairs[-1][1] == "Sam Price"


def test_a_spokesman_for_a_portfolio_is_the_named_person_and_an_anonymous_source_speaks_on_unnamed() -> None:
    """bbc-politics-181: "Shadow spokesman for sport Hugh Robertson said:" had given the words to "spokesman for
    Hugh Robertson"; a portfolio ("sport") between makes the name his own, not a doer ("distributor Toho") nor a
    role ("Labour leader Ed Miliband"). bbc-business-149: after "the chief executive of a leading European car
    maker told BBC News", "… was "stupid", he said" had gone to GM's Carl-Peter Forster, named before."""
    pairs, _ = _quotes('Shadow spokesman for sport Hugh Robertson said: "We must enable the clubs."')
    assert pairs == [("We must enable the clubs.", "Hugh Robertson")]
    pairs, _ = _quotes('A spokesman for Labour leader Ed Miliband said: "We do not comment on polls."')
    assert pairs[0][1] == "spokesman for Ed Miliband"
    pairs, _ = _quotes(
        'The car will not be sold in the US, said GM Europe president Carl-Peter Forster.\n\n'
        '"We know the dollar will be stronger," the chief executive of a leading European car maker told BBC News. '
        'The current trend towards US production was "stupid", he said.')
    assert pairs[-1] == ("stupid", None), pairs


def test_a_relative_clauses_cue_reports_the_quotation_after_its_object() -> None:
    """bbc-entertainment-015: "Her words were echoed by Iris director Sir Richard Eyre who called Marie Leroi's
    work "extraordinarily thought provoking"": the parser hung the quoted words on "echoed", and the relative
    clause's "called" was no cue, so Sir Richard was never quoted ("what did richard eyre say?" was refused)."""
    pairs, _ = _quotes('Her words were echoed by Iris director Sir Richard Eyre who called Marie Leroi\'s work '
                       '"extraordinarily thought provoking". The award is open to first-time authors.')
    assert pairs == [("extraordinarily thought provoking", "Richard Eyre")]


def test_a_name_right_before_a_cue_the_parser_left_without_a_subject_speaks() -> None:
    """'In a statement issued on Wednesday Lord Woolf said: "…"', 'with finance minister Herve Gaymard telling
    parliament: "…"', 'former president Bill Clinton said his wife was … because "…"': the parser hung the
    name on something else (a date, a preposition, a chain of appositions) and the cue had no subject; every
    such quote had been left unattributed (7 in the BBC corpus, all of them this person's)."""
    cases = [
        ('In a statement issued on Wednesday Lord Hale said: "I have no doubt the new guidelines will work."',
         "Hale"),
        ('Speaking in Harrogate Mr Kennedy said: "People want a credible, principled political party."', "Kennedy"),
        ('Paris was more subdued, with finance minister Herve Gaymard telling parliament: "We must continue along '
         'this path of saving money."', "Herve Gaymard"),
        ('While on the campaign trail for his wife Senator Mary Jones, former governor Tom Jones said his wife was '
         'ready because "the country needs a fighter."', "Tom Jones"),
    ]
    for body, speaker in cases:
        assert [q.speaker for q in _quotes(body)[1]] == [speaker], body


def test_a_report_speaks_for_no_person_the_article_quoted_before_it() -> None:
    """'Oxfam says in a report … "…," Oxfam's Barbara Stocking said. … The report said: "…"': the report's
    words had gone to Stocking, the last one quoted (9 quotes of the BBC corpus, among them a parliamentary
    group's report given to Lord Condon); a report is a body's, and unnamed here. A statement stays the words
    of whoever the article last quoted from it."""
    quotes = dict(_quotes(
        'Aid must double, the charity Oxfam says in a report. "This scandal must stop," Oxfam\'s Barbara Stocking '
        'said.\n\nThe report said: "Global poverty threatens our shared prosperity."')[0])
    assert quotes["This scandal must stop"] == "Barbara Stocking"
    assert quotes["Global poverty threatens our shared prosperity."] is None
    quotes = dict(_quotes('"We will appeal," said club chairman Tom Hale in a statement.\n\n'
                          'The statement added: "The ruling is unjust."')[0])
    assert quotes["The ruling is unjust."] == "Tom Hale"


def test_a_player_described_by_nationality_is_not_the_manager_named_nearer() -> None:
    """'Gallas has been given extra confidence by the impact manager Jose Mourinho has had …. And the French
    international defender believes Mourinho is perfectly suited … "…," he said': the parser made Mourinho a
    main clause's subject, nearer than Gallas, and "the defender" (then every "he said" after) had been
    Mourinho — the issue's first example of a wrong speaker. A defender is not the man the article calls manager."""
    quotes = _quotes(
        'Chelsea\'s Tom Hale believes they will win the league.\n\n"It\'ll be a two-horse race," he told BBC Sport. '
        'Hale has been given extra confidence by the impact manager Jose Mourinho has had since taking over as '
        'manager during the summer.\n\nAnd the French international defender believes Mourinho is perfectly '
        'suited to boss the squad and says his expertise will prevent any revolt. "It\'s only normal that the '
        'finishing touch at Chelsea is a fantastic manager like Mourinho," he said.')[0]
    assert [s for _, s in quotes] == ["Tom Hale", "Tom Hale"], quotes


def test_a_party_the_model_ran_into_the_name_after_it_is_cut_off() -> None:
    """'For the Lib Dems David Laws said: "…," he said': one organisation to the model ("the Lib Dems David
    Laws"), so no person was named there and "he" went to Ed Balls, quoted the paragraph before — another of
    issue 10's first wrong speakers."""
    quotes = _quotes(
        'But former adviser Ed Balls said the plans would cost more. He added: "I don\'t accept there is any need '
        'for changes."\n\nFor the Lib Dems David Laws said: "The chancellor will no doubt tell us today how '
        'wonderfully the economy is doing," he said.')[0]
    assert quotes[-1] == ("The chancellor will no doubt tell us today how wonderfully the economy is doing",
                          "David Laws"), quotes


def test_letters_after_a_name_are_no_speaker_of_their_own() -> None:
    """'Scottish Finance Minister, Tom McCabe MSP, said: "…"': "MSP", an organisation to the model and the head
    of the apposition to the parser, had been stored as the speaker (a blind audit and a newcomer found it)."""
    quotes = _quotes(
        'Council tax in Scotland is set to rise.\n\nScottish Finance Minister, Tom McCabe MSP, said: "Last week '
        'in parliament I announced an additional sum for local government."\n\nThe Tory finance spokesman, '
        'Brian Monteith MSP, said: "This is a tax on hard-working families."')[0]
    assert [s for _, s in quotes] == ["Tom McCabe", "Brian Monteith"], quotes


def test_a_verb_inside_what_someone_said_introduces_no_quotation_the_reporting_verb_does() -> None:
    """'Arnesen said the club were sad to see Santini go: "…"': the clause before the colon ends in Santini's
    "go", whose subject had been made the speaker of Arnesen's statement."""
    quotes = _quotes(
        'Jacques Santini has resigned as Tottenham manager after just 13 games.\n\n"My time at Tottenham has '
        'been memorable," he said.\n\nArnesen said the club were sad to see Santini go: "We are obviously '
        'disappointed that Jacques is leaving us. We fully respect his decision."')[0]
    assert quotes[-1][1] == "Arnesen", quotes


def test_someone_brought_in_by_their_role_after_is_is_whom_he_said_goes_on_with() -> None:
    """'The musical's British director is Matthew Warchus, best known for staging Art. "…," he said': the
    "he" had been the producer quoted the sentence before."""
    quotes = _quotes(
        'Producer Kevin Wallace said the show would open in Toronto.\n\n"There will be no singing and dancing '
        'Hobbits," assured Mr Wallace. The musical\'s British director is Matthew Warchus, best known for staging '
        'the worldwide stage hit Art. "The production will be a hybrid of text, physical theatre, music and '
        'spectacle," he said.')[0]
    assert [s for _, s in quotes] == ["Kevin Wallace", "Matthew Warchus"], quotes


def test_a_name_the_parser_hung_on_the_phrase_before_a_subjectless_verb_speaks() -> None:
    """'In an article for the Times newspaper, Ms Dunwoody, who chairs the Transport Select Committee, says:':
    parsed as the newspaper's apposition, the name left "says" without a subject, and the quotation had gone
    to the Liberal Democrat quoted elsewhere in the story."""
    quotes = _quotes(
        'The plans have been criticised by road safety campaigners, including Labour backbencher Gwyneth '
        'Dunwoody.\n\nLiberal Democrat transport spokesman John Thurso said: "The government has got this wrong."'
        '\n\nIn an article for the Times newspaper, Ms Dunwoody, who chairs the Transport Select Committee, '
        'says: "Slight increases to low car speeds increase hugely the risks to pedestrians and cyclists."')[0]
    assert quotes[-1][1] == "Gwyneth Dunwoody", quotes


def test_a_description_of_two_words_the_article_gave_someone_as_their_role_mentions_them_however_far_back() -> None:
    """'Tony Blair is to join Home Secretary David Blunkett …. The home secretary has already admitted he was
    wrong …. He has apologised for "a genuine mistake"': the "he" had been Blair, who retorted the sentence
    before, not the home secretary the article named paragraphs up."""
    body = (  # bbc-politics-046, to the quotation: shorter texts parse otherwise
        'Tony Blair is to join Home Secretary David Blunkett in a visit to Sheffield on Thursday.\n\nMr '
        "Blunkett's conduct is being looked at to establish whether he abused his position in relation "
        'to his ex-lover. The Parliamentary standards watchdog is looking at his decision to give '
        'Kimberly Quinn free rail tickets. He is also being investigated over the visa application of '
        "Mrs Quinn's ex-nanny. The visit to Sheffield will be seen as a show of unity by Mr Blair.\n\nOn "
        "Wednesday during Prime Minister's Questions, Tory leader Michael Howard went on the offensive "
        'over comments Mr Blunkett is alleged to have made in a new biography. He is understood to have '
        'made a series of criticisms about his Cabinet colleagues from the prime minister down. Mr '
        'Howard said Mr Blunkett had complained he had inherited a "giant mess" when he took over at '
        'the Home Office from Jack Straw, now foreign secretary. The Tory leader went on: "He doesn\'t '
        "stop there: he thinks the culture secretary's weak; he thinks the trade secretary doesn't "
        'think strategically and he thinks the education secretary hasn\'t developed as expected. "He '
        "says the prime minister doesn't like being told the truth and the chancellor - no doubt the "
        'prime minister will agree with this - is a bully." Mr Blair retorted voters remembered the '
        'record of a government and no comments by politicians.\n\nThe home secretary has already '
        'admitted he was wrong to give the two first class tickets, given to him as an MP, to Mrs Quinn '
        'and has since paid the £180 back. He has apologised for "a genuine mistake" and says he will '
        'write to the watchdog to answer further questions.')
    assert _quotes(body)[0][-1] == ("a genuine mistake", "David Blunkett")


def test_a_plural_after_the_is_a_team_and_a_winger_is_no_organisation() -> None:
    """'The Blues had looked destined to progress …. "…," the 36-year-old said' had been the Blues (a person to
    the model), and '"…" said the giant winger' Twickenham (a noun in -er read as an organisation's)."""
    quotes = _quotes(
        'Former Chelsea captain Marcel Desailly says the current side is stronger.\n\nThe Blues had looked '
        'destined to progress after winning the first leg 3-1. But they collapsed in the second leg.\n\n'
        '"Mentally they are much stronger," the 36-year-old said.\n\nFormer All Black star Jonah Lomu says he '
        'cannot wait to run out at Twickenham on 4 June. "Now it\'s basically bring it on!" said the giant '
        'winger.')[0]
    assert all(s not in ("Blues", "Twickenham") for _, s in quotes), quotes


def test_a_role_a_name_stands_in_apposition_to_and_a_title_that_is_a_role_are_roles() -> None:
    """'Scottish Finance Minister, Tom McCabe MSP, said': "What did the Scottish finance minister say …?" had
    found no one (his only role was "Mr"); 'Archbishop Desmond Tutu … The archbishop added:' had found no one
    either, then the Foreign Secretary named just before."""
    article = article_from_text("t.txt", (
        "Title\n\nScottish Finance Minister, Tom McCabe MSP, said: \"Councils must be more efficient.\"\n\n"
        "Archbishop Desmond Tutu has called for the release of the remaining inmates.\n\nOn Tuesday Foreign "
        "Secretary Jack Straw told the Commons that the four would be freed. The archbishop added: \"What is "
        "happening to those left behind?\""))
    quotes, roles = extract_quotes(article)
    by_key: dict[str, set[str]] = {}
    for key, role, _article in roles:
        by_key.setdefault(key, set()).add(role)
    assert "Scottish Finance Minister" in by_key["tom mccabe"]
    assert "Archbishop" in by_key["desmond tutu"]
    assert [q.speaker for q in quotes] == ["Tom McCabe", "Desmond Tutu"]


def test_a_book_speaks_for_its_author_never_for_the_person_quoted_before() -> None:
    """'The book, by Sunday Telegraph journalist Robert Peston …, said the pair had "mutual animosity and
    contempt"' had been Tony Blair's words, quoted just before; a study that names no author is nobody's."""
    quotes = _quotes(
        'Mr Blair said the claims were "reheated from six months ago". Tony Blair said: "I\'ve dealt with this."'
        '\n\nThe book, by Sunday Telegraph journalist Robert Peston and serialised in the newspaper, said the pair '
        'had "mutual animosity and contempt" for each other.\n\nMr Brown said: "It is gossip." The study said '
        'workers were "more anxious than ever".')[0]
    by = dict(quotes)
    assert by["mutual animosity and contempt"] == "Robert Peston", quotes
    assert by["more anxious than ever"] is None, quotes


def test_a_description_when_the_article_has_named_one_person_keeps_its_quotations_above_the_threshold() -> None:
    """'Arsenal's Sol Campbell has called the rivalry … "…," the defender told The Guardian newspaper. "…" "…"':
    the third quotation of the run had fallen below the threshold and been stored without a speaker."""
    quotes = _quotes(
        'Arsenal\'s Sol Campbell has called the rivalry between Manchester United and the Gunners "bitter and '
        'personal".\n\nPast encounters have stirred up plenty of ill-feeling between the sides and they meet '
        'again at Highbury on Tuesday. "It is just more bitter and personal against United," the defender told '
        'The Guardian newspaper. "There\'s an edge. "After all that has happened, if we beat them it will be one '
        'of our sweetest ever wins, especially because of how we lost to them up there."')[0]
    assert [s for _, s in quotes] == ["Sol Campbell"] * 4, quotes


def test_a_nationality_is_no_name_and_the_lede_s_only_person_is_whom_a_description_describes() -> None:
    """'The 22-year-old Scot finished fourth …. "…," said the East Kilbride athlete' had been "Scot" (a person to
    the model); the one person the story opens on is the athlete. Not so a role the story gives someone it has
    not named ("The judge in the case said" is not the pirate the story is about), nor a stadium ("Stade de
    France", a person to the model, had been the "he" after captain Fabien Pelous)."""
    quotes = _quotes(
        'Allan Scott is confident of winning a medal at next week\'s European Indoor Championships after a solid '
        'debut on the international circuit.\n\nThe 22-year-old Scot finished fourth in the 60m hurdles at the '
        'Jose M Cagigal Memorial meeting in Madrid. "It was definitely a learning curve and I certainly haven\'t '
        'ruled out challenging for a medal next week," said the East Kilbride athlete.')[0]
    assert quotes == [("It was definitely a learning curve and I certainly haven't ruled out challenging for a "
                       "medal next week", "Allan Scott")]
    judged = _quotes(  # bbc-entertainment-366, to the quotation: shorter texts parse otherwise
        'A major distributor of pirated DVDs of Bollywood films has been sent to prison for three '
        'years.\n\nJayanti Amarishi Buhecha from Cambridge was found guilty of two trademark offences '
        'last month, and sentenced at Harrow Crown Court, London, on Tuesday. Buhecha, who made £26,000 '
        'per month from his illegal trade, was called "one of the biggest Bollywood pirates in the UK" '
        'by the sentencing judge. The British Phonographic Industry (BPI) worked for two years on the '
        'case.\n\nAn operation was launched against Buhecha in 2002 after complaints were received about '
        'his activities. The judge in the case, which lasted seven days, said that "a heavy penalty was '
        'called for because of the enormous damage Buhecha caused to legitimate business".')[0]
    assert judged[-1][1] is None, judged
    ground = _quotes(
        'France meet Wales at the Stade de France on Saturday.\n\nFrance have been criticised for the absence of '
        'traditional "French flair" as they have ground their way to victory so far this year but captain Fabien '
        'Pelous sees hope on the horizon. "I get the impression we are getting better," he said.')[0]
    assert ground[-1] == ("I get the impression we are getting better", "Fabien Pelous"), ground



def test_a_party_speaks_for_itself_and_a_cue_ending_in_a_colon_after_a_quotation_introduces_the_next() -> None:
    """'Labour say a Lib Dem vote could "let the Tories in"' had been Charles Kennedy's (the story's subject); and
    '"… The kids will ask: 'What am I doing there?'" LTA chief executive, John Crowther, added: "…"' had made
    Connors's third quotation Crowther's (a third audit, read blind, found both)."""
    quotes = _quotes(
        'Liberal Democrat leader Charles Kennedy has begun a week-long tour to persuade voters they are the "real '
        'opposition".\n\nMr Kennedy is visiting constituencies in Somerset on Monday. Labour say a Lib Dem vote '
        'could "let the Tories in", while the Tories say the Lib Dems would mean "higher taxes".\n\nFormer world '
        'number one Jimmy Connors is planning a long-term relationship with the LTA. "Britain has the right '
        'attitude," said Connors. "The more involved I can be with the LTA, the better. "A short-term arrangement '
        'is just confusing. The kids will ask: \'What am I doing there?\'" LTA chief executive, John Crowther, '
        'added: "We want to use Jimmy for a number of weeks a year."')[0]
    by = dict(quotes)
    assert by["let the Tories in"] == "Labour", quotes
    assert by["A short-term arrangement is just confusing. The kids will ask: 'What am I doing there?'"] == \
        "Jimmy Connors", quotes
    assert by["We want to use Jimmy for a number of weeks a year."] == "John Crowther", quotes


def test_a_speaker_inside_what_another_reports_and_the_owner_in_a_relative_clause_do_not_take_the_next_he() -> None:
    """A fourth audit, read blind: 'Mr Clarke said he had supported the plans when Mr Blunkett argued for them
    … "…," he said' had been Blunkett's; "… the match, which Steve Bruce's side won 2-1. "…," he told Villa's
    website" Bruce's (the Villa manager rapped his skipper); '"…," says its report' after "The commission says"
    nobody's; and 'a call for him to "pause for thought" from Charles Kennedy' the home secretary's. A clause
    joined on by "but" is no report of the first ('Hewitt said he had had a "gutful" … but Tennis Australia's
    Geoff Pollard rejected his comments. "…," he said' stays Pollard's)."""
    quotes = _quotes(
        'New Home Secretary Charles Clarke has vowed to plough on with plans for ID cards despite a call for him '
        'to "pause for thought" from Charles Kennedy.\n\nBut Mr Clarke said he had supported the plans when Mr '
        'Blunkett argued for them in Cabinet and he supported them now. "ID cards are a means to creating a more '
        'secure society," he said.\n\nMeanwhile, David O\'Leary has rapped skipper Olof Mellberg for his comments '
        'before the derby.\n\nMellberg spoke of his dislike of Villa\'s rivals ahead of the match, which Steve '
        'Bruce\'s side won 2-1. "I\'ve had more than a quiet word with Olof," he told Villa\'s website.\n\nThe '
        'Electoral Commission says capping donations would mean taxpayers giving parties more cash. "We do not '
        'believe that such a major departure from the existing system now would be sensible," says its '
        'report.\n\nLleyton Hewitt said he had had a "gutful" of trying to persuade them to make the surface '
        'faster but Tennis Australia\'s Geoff Pollard rejected his comments. "We did ask for it to be made faster '
        'than last year," he said.')[0]
    by = dict(quotes)
    assert by["pause for thought"] == "Charles Kennedy", quotes
    assert by["ID cards are a means to creating a more secure society"] == "Charles Clarke", quotes
    assert by["I've had more than a quiet word with Olof"] == "David O'Leary", quotes
    assert by["We do not believe that such a major departure from the existing system now would be sensible"] == \
        "Electoral Commission", quotes
    assert by["gutful"] == "Lleyton Hewitt", quotes
    assert by["We did ask for it to be made faster than last year"] == "Geoff Pollard", quotes


def test_a_title_with_a_year_in_it_is_no_quotation() -> None:
    """'the FAO report on the "State of Agricultural Commodity Markets 2004" said' had been stored as the FAO's
    words: a Title Case name with a number in it is a report's title, like "Meet the Press"."""
    quotes = _quotes('Trade barriers and subsidies "severely" distort the market, the FAO report on the "State of '
                     'Agricultural Commodity Markets 2004" said.')[0]
    assert [text for text, _ in quotes] == ["severely"], quotes


def test_a_body_named_for_a_person_an_honorific_before_a_place_and_one_of_a_group() -> None:
    """A fifth audit, read blind: "The Fabian Society's Sundar Katwala said …. Mr Katwala added: … He said he
    hoped the bill would be a "gentle nudge"" had been the Society's, a man called Fabian to the name list, and
    Katwala a place to the model; "Some former employees are angry …. One told BBC News Online that the staff had
    been "financially ruined in the space of a day"" the administrator's, quoted before."""
    quotes = _quotes(
        'The Fabian Society\'s Sundar Katwala said the change was "long overdue".\n\nMr Katwala added: "This is '
        'long overdue." He said he hoped the bill would be a "gentle nudge" to the government.\n\n"We are pleased '
        'to announce the sale of these two businesses," said David Rubin of administrators David Rubin & Partners. '
        'Mr Rubin said the administrators were in talks over the sale. "This is a very difficult time for all the '
        'employees there," he said. Some former employees are angry at the way cash crisis was handled. One told '
        'BBC News Online that the staff who had been fired had been "financially ruined in the space of a '
        'day".')[0]
    by = dict(quotes)
    assert by["gentle nudge"] == "Katwala", quotes
    assert by.get("financially ruined in the space of a day") is None, quotes


def test_a_person_noun_is_the_one_the_sentence_before_brought_in_and_a_title_after_dubbed_is_no_quote() -> None:
    """'Meanwhile, Perpignan centre Jean-Philippe Granclaude is delighted to have received his first call-up.
    "It's incredible," the youngster said' had been nobody's (and the name, when found, had kept "Perpignan
    centre"); 'Originally dubbed "Jerry's Guide to the World Wide Web" the firm adopted the moniker Yahoo' had
    been stored as Yahoo's words."""
    quotes = _quotes(
        '"We will go to Twickenham with a little fear," said France coach Bernard Laporte.\n\nMeanwhile, Perpignan '
        'centre Jean-Philippe Granclaude is delighted to have received his first call-up to the France squad. '
        '"It\'s incredible," the youngster said.\n\nThe web portal was set up by students David Filo and Jerry Yang. '
        'Originally dubbed "Jerry\'s Guide to the World Wide Web" the firm adopted the moniker Yahoo.')[0]
    by = dict(quotes)
    assert by["It's incredible"] == "Jean-Philippe Granclaude", quotes
    assert "Jerry's Guide to the World Wide Web" not in by, quotes


def test_names_the_parser_misread_and_a_spokesman_for_the_body_the_sentence_before_is_about() -> None:
    """A sixth audit, read blind: '"…," admitted Kiely.' had no speaker (the name parsed as an adverb);
    "Actress Sandra Bullock has donated $1m to The American Red Cross and actor Leonardo DiCaprio pledged a
    "sizable" aid contribution" was Bullock's (DiCaprio parsed as the Red Cross's conjunct); "Rowling said she had
    plenty of time …" went to Amazon's Robin Terrell (Rowling a common noun to the model, "JK Rowling" written
    above); "The Association of Chief Police Officers has issued guidance …. A spokesman said:" was the League
    Against Cruel Sports' spokesman (the last body that "say")."""
    quotes = _quotes(
        '"But for Charlton goalkeeper Dean Kiely, we could have scored five," said the Boro boss. "To take the lead '
        'and then to get penned back, it feels a little bit like a defeat," admitted Kiely.\n\nActress Sandra '
        'Bullock has donated $1m (£525,000) to The American Red Cross and actor Leonardo DiCaprio pledged a '
        '"sizable" aid contribution to Unicef.\n\nThe book will be released next July. JK Rowling has finished '
        'it. "Customers are incredibly excited," said Amazon\'s Robin Terrell. Rowling said she had plenty of time '
        'while pregnant "to tinker with the manuscript to my satisfaction".\n\nThe League Against Cruel Sports and '
        'the RSPCA say they will monitor hunts. The Association of Chief Police Officers has issued guidance to '
        'forces on how to deal with the new rules. A spokesman said: "It will be based on intelligence."')[0]
    by = dict(quotes)
    assert by["To take the lead and then to get penned back, it feels a little bit like a defeat"] == "Dean Kiely", quotes
    assert by["sizable"] == "Leonardo DiCaprio", quotes
    assert by["to tinker with the manuscript to my satisfaction"] == "JK Rowling", quotes
    assert by["It will be based on intelligence."] == "spokesman for Association of Chief Police Officers", quotes


def test_a_name_closing_a_question_a_he_of_its_own_sentence_and_an_owners_person() -> None:
    """A fourth newcomer and a seventh audit: '"Did you ever know Mr Ebbers to make an accounting entry?" Mr
    Weingarten pressed.' had gone on as the witness's words; "Henman came from two sets down to defeat Saulnier
    …, so he knows he faces a tough test" had made Lindsay Davenport (a first name of either gender, named a
    sentence up) a "he", who then took Henman's words; "War on Want's John Hilary said:" went to Gordon Brown (the
    parser made "War" the subject)."""
    quotes = _quotes(
        'During cross examination, Reid Weingarten asked Mr Myers if he ever knew Mr Ebbers "make an accounting '
        'decision?". "Not that I am aware of," David Myers replied. "Did you ever know Mr Ebbers to make an '
        'accounting entry into Worldcom books?" Mr Weingarten pressed.\n\nBritish number one Tim Henman will face '
        'France\'s Cyril Saulnier in the first round. Women\'s top seed Lindsay Davenport drew '
        'Spanish veteran Conchita Martinez.\n\nHenman came from two sets down to defeat Saulnier in the first round '
        'of the French Open last year, so he knows he faces a tough test in Melbourne. The seventh seed is looking '
        'forward to the match. "He\'s tough player on any surface," he said.\n\nMr Brown argued that more lives '
        'could be saved. Campaign groups including Friends of the Earth and War on Want said UK government policy on '
        'free trade was a major barrier to fighting poverty. War on Want\'s John Hilary said: "Compassionate '
        'rhetoric cannot disguise the reality."')[0]
    by = dict(quotes)
    assert by["Did you ever know Mr Ebbers to make an accounting entry into Worldcom books?"] == "Reid Weingarten", quotes
    assert by["He's tough player on any surface"] == "Tim Henman", quotes
    assert by["Compassionate rhetoric cannot disguise the reality."] == "John Hilary", quotes


def test_a_continent_is_no_nationality_a_report_quoting_someone_and_a_body_named_with_a_plural_role() -> None:
    """An eighth audit, read blind: 'British team member Hayley Yelling said …. "…," said the European
    cross-country champion' had been Paula Radcliffe's ("European" clashed with Yelling's "British");
    '"…," Reuters news agency reports a union source as saying' was Reuters' words; "Reporters Without Borders"
    was stored as "Without Borders" (a plural role word cut off the front)."""
    quotes = _quotes(
        'Radcliffe must make a decision by Tuesday. British team member Hayley Yelling said the team would '
        'understand if Radcliffe opted out. "It would be fantastic to have Paula in the team," said the European '
        'cross-country champion.\n\nUnions have reportedly expressed fears. "The works council has expressed '
        'concerns," Reuters news agency reports a union source as saying.\n\nA spokesman for Reporters Without '
        'Borders described the sentence as "harsh".')[0]
    by = dict(quotes)
    assert by["It would be fantastic to have Paula in the team"] == "Hayley Yelling", quotes
    assert by["The works council has expressed concerns"] is None, quotes
    assert by["harsh"] == "spokesman for Reporters Without Borders", quotes


def test_a_long_title_a_name_opening_its_sentence_and_an_unnamed_body_going_on() -> None:
    """A ninth audit, read blind: '"…," said Treasury Under Secretary John Taylor' was
    the Treasury's (the parser made "Under" a preposition); "Tait himself, at least outwardly, appeared unaffected
    …. "…," he said" was the coach Robinson's (the parser made "Tait" the sentence's verb); '"…," said the magazine.
    "…," it concluded' went to Sony, of "the Sony Walkman" named before."""
    quotes = _quotes(
        'The US said it is '
        'looking at other ways. "The US is not convinced that\'s the necessary way to do it," said Treasury Under '
        'Secretary John Taylor.\n\nEngland coach Andy Robinson picked Mathew Tait. Tait, given little opportunity to '
        'shine in attack, received praise from Robinson afterwards, even if the coach admitted Cardiff was an '
        '"unforgiving place" for the teenage prodigy. Robinson now has a tricky decision over whether to withdraw '
        'from the firing line, after just one outing, a player he regards as central to England\'s future. Tait '
        'himself, at least outwardly, appeared unaffected by the punishing treatment dished out to him by Gavin '
        'Henson in particular. "I want more of that definitely," he said.\n\nThe magazine\'s list includes the Sony Walkman at number three. "In general '
        'we included only items that were potentially mobile," said the magazine. "In the end, we tried to get to '
        'the heart of what really makes a gadget a gadget," it concluded.')[0]
    by = dict(quotes)
    assert by["The US is not convinced that's the necessary way to do it"] == "John Taylor", quotes
    assert by["I want more of that definitely"] == "Mathew Tait", quotes
    assert by["In the end, we tried to get to the heart of what really makes a gadget a gadget"] is None, quotes


def test_a_firms_person_named_after_its_possessive_is_the_speaker() -> None:
    """A tenth audit, read blind on the final code: '"…," added Ernst and Young's Sanjay Mehta.' had been stored as
    "Ernst" (the parser made "Ernst" the verb's object and Mehta its conjunct)."""
    quotes = _quotes(
        'Analysts and investors have welcomed the government decision. "It is a positive development for carriers," '
        'said Gartner\'s principal analyst Kobita Desai. "The FDI relaxation coupled with rapid local market growth '
        'could really ignite interest in the Indian telecommunication industry," added Ernst and Young\'s Sanjay '
        'Mehta.')[0]
    by = dict(quotes)
    assert by["The FDI relaxation coupled with rapid local market growth could really ignite interest in the Indian "
              "telecommunication industry"] == "Sanjay Mehta", quotes


def test_a_writings_author_speaks_not_whoever_used_it() -> None:
    """Found by a paraphrased who-question of dev6 ("Which Wal-Mart boss complained …?"): '…, using an open letter
    from company president Lee Scott saying it was time for the public to hear the "unfiltered truth"' had been
    stored as Wal-Mart's, the subject of the clause the letter was used in."""
    quotes = _quotes(
        'Wal-Mart kicked off the battle with adverts in newspapers like the Wall Street Journal, using an open '
        'letter from company president Lee Scott saying it was time for the public to hear the "unfiltered '
        'truth".')[0]
    assert dict(quotes)["unfiltered truth"] == "Lee Scott", quotes


def test_a_name_tagged_an_organisation_with_an_agent_and_a_father_is_a_person() -> None:
    """An eleventh blind audit: the model tags "Juninho" an organisation throughout, so "The attacking midfielder also
    claims … "…," he continued" had gone to his agent Brian Hassell, the last person it knew."""
    quotes = _quotes(
        "Juninho's agent has confirmed that the player is hoping for talks with Martin O'Neill.\n\n"
        "Brian Hassell says no official approach has been received from Manchester City. Juninho's father was simply "
        "in the country to see his son. \"It was a thought at one stage,\" he said. Juninho had earlier told the "
        "Daily Record: \"If I have no part in his plans, there is no point in remaining here.\" The attacking "
        "midfielder also claims he has not had the backing of boss Martin O'Neill. \"I can't understand why I am "
        "in this situation,\" he continued.")[0]
    assert dict(quotes)["I can't understand why I am in this situation"] == "Juninho", quotes


def test_a_lead_in_ending_in_a_colon_reaches_back_two_sentences_not_the_paragraph() -> None:
    """The eleventh audit: 'For Henry Reichhold, this is progress: "…"' had been given to whoever "snapped" photographs
    four sentences before (they: a newspaper); no verb in the lead-in or the two sentences before reports the words,
    so no one is named."""
    quotes = _quotes(
        "The Sun has a public album full of snaps of celebrities. Tabloid "
        "newspapers in the UK and many monthly magazines invite readers to send in images of famous people they have "
        "seen and snapped. But there are other positive uses of picture mobile phones. For instance, in Alabama, "
        "camera phones will be used to take snaps at crime scenes. And in China's capital Beijing, courts have "
        "adopted mobile phone photos as formal evidence. For Henry Reichhold, this is progress: \"That's the whole thing about the immediacy of the "
        "thing.\"")[0]
    assert dict(quotes)["That's the whole thing about the immediacy of the thing."] is None, quotes


def test_you_thinking_is_no_one_the_story_names() -> None:
    """The eleventh audit: a columnist's 'When you start conceding goals … You think "oh no"' had been Jose Mourinho's,
    the man the column was about."""
    quotes = _quotes(
        "No-one can be anything other than highly impressed by Jose Mourinho. He has the silverware to back up the "
        "talk. When you start conceding goals, you get a chill every time the ball comes into the area. You think "
        "\"oh no\" - then find your worst fears confirmed.")[0]
    assert dict(quotes).get("oh no") is None, quotes


def test_it_goes_on_with_the_country_a_sentence_is_about() -> None:
    """The eleventh audit: 'Turkey, which occupies northern Cyprus, had previously insisted it would not bow …, calling
    the issue a "red line"' had gone to the EU, the last organisation named (countries were not bodies an "it" found)."""
    quotes = _quotes(
        "The deal to open formal talks with Ankara came despite an EU demand for Turkey to recognise Cyprus. The "
        "internationally recognised southern part of Cyprus is an EU member, but Turkey, which occupies northern "
        "Cyprus, had previously insisted it would not bow to demands to recognise the country, calling the issue a "
        "\"red line\".")[0]
    assert dict(quotes)["red line"] == "Turkey", quotes


def test_according_to_inside_the_quoted_clause_names_its_speaker() -> None:
    """The eleventh audit: 'Adidas has a trainer which, according to Susanne Risse from the company, can "sense,
    understand, and adapt to your running style"' had been no one's (the quoted verb's subject is "which")."""
    quotes = _quotes(
        'Even clothing is likely to be part of the convergence trend. Adidas has a trainer which, according to Susanne '
        'Risse from the company, can "sense, understand, and adapt to your running style". It has a battery.')[0]
    assert dict(quotes)["sense, understand, and adapt to your running style"] == "Susanne Risse", quotes


def test_who_after_a_person_is_that_person_not_the_title_the_clause_was_hung_on() -> None:
    """A read of stored names: 'Her call was backed by Culture, Media and Sport Secretary Tessa Jowell who said: "…"'
    had been stored as "Culture" (the parser hung the relative clause on the title's first word); "Three people
    have refused Oscars, including actor George C Scott who said the whole thing was "demeaning"" as "Oscars"."""
    quotes = _quotes(
        'Her call was backed by Culture, Media and Sport Secretary Tessa Jowell who said: "You wouldn\'t let your '
        'child watch the Texas Chainsaw Massacre."\n\nThree people have refused Oscars, including actor George C '
        'Scott who said the whole thing was "demeaning".')[0]
    by = dict(quotes)
    assert by["You wouldn't let your child watch the Texas Chainsaw Massacre."] == "Tessa Jowell", quotes
    assert by["demeaning"] == "George C Scott", quotes


def test_a_party_glued_to_a_name_is_not_part_of_it() -> None:
    """A read of stored names: "the all-party group, including Tories Ken Clarke and Sir George Young" (one PERSON to
    the model) had made the later "Mr Clarke said" the speaker "Tories Ken Clarke"."""
    quotes = _quotes(
        "But the all-party group, including Tories Ken Clarke and Sir George Young, wants change. Mr Clarke said the "
        "issue \"went to the heart of reforming the health of the British political system\".")[0]
    assert dict(quotes)["went to the heart of reforming the health of the British political system"] == \
        "Ken Clarke", quotes


def test_a_first_name_alone_is_the_one_person_of_that_first_name() -> None:
    """A read of the whole corpus's stored names: a feature that calls its subject "Jamie" after naming "Jamie Costin"
    once had stored his words as Jamie's; but "Prince Charles … Charles said" is the prince, not Charles Kennedy."""
    quotes = _quotes(
        "Jamie Costin should be paralysed.\n\nIt took over 10 hours before Jamie knew he would not be competing. "
        "\"My back had been broken in two places,\" Jamie said.")[0]
    assert dict(quotes)["My back had been broken in two places"] == "Jamie Costin", quotes
    royal = _quotes(
        "Prince Charles and Camilla Parker Bowles are to marry.\n\nCharles said he and his wife-to-be were "
        "\"absolutely delighted\". The news was welcomed by Liberal Democrat leader Charles Kennedy.")[0]
    assert dict(royal)["absolutely delighted"] == "Charles", royal


def test_a_name_a_plural_verb_has_for_subject_is_a_team() -> None:
    """A read of stored speakers that are no person's name: "Norwich have signed Charlton midfielder Graham Stuart"
    (Norwich a PERSON to the model) had made '"…," the 34-year-old told Norwich's website' Norwich's words."""
    quotes = _quotes(
        "Norwich have signed Charlton midfielder Graham Stuart until the end of the season for an undisclosed fee.\n\n"
        "\"It was a very easy decision to make,\" the 34-year-old told Norwich's website.")[0]
    assert dict(quotes)["It was a very easy decision to make"] != "Norwich", quotes


def test_he_after_a_subject_and_the_man_he_praised_is_the_subject() -> None:
    """Audit 12: "Benitez hailed Gerrard for his match-winning strike … and also the Anfield crowd …. He added:" had
    given the manager's words to the player he praised (named after him in that sentence)."""
    quotes = _quotes(
        "Liverpool manager Rafael Benitez said it was one of the proudest nights of his career.\n\n"
        "The Reds beat Olympiakos 3-1 with a late Steven Gerrard strike. Benitez hailed Gerrard for his match-winning "
        "strike four minutes from time and also the Anfield crowd for sticking by their side after they had fallen a "
        "goal behind at the interval. The Reds scored three second-half goals in a sensational comeback capped by "
        "Gerrard's 20-yard drive. He added: \"Steven can play all over the pitch and he influences every part of the "
        "game.\n\n\"I have said to him many times that he has the freedom because he has talent.\"")[0]
    assert dict(quotes)["I have said to him many times that he has the freedom because he has talent."] == \
        "Rafael Benitez", quotes


def test_he_added_after_the_last_speaker_is_named_again_is_them() -> None:
    """Audit 12: '… but Ivan Helguera headed past keeper Antonio Doblas to seal victory. Victory took Real to within
    six points of leaders Barcelona and Owen is confident Real can close the gap. He added:' is Owen, whom the story
    quoted before (the scorer had taken it) — but not when the sentence naming them is about someone it describes
    ("The prime minister shrugged off claims from … Michael Howard …. He said" is the prime minister's)."""
    quotes = _quotes(
        "Michael Owen revelled in his return to the Real Madrid starting line-up and inspired a 3-1 win over Real "
        "Betis by scoring the first goal.\n\nHe said: \"I am happy I could play a game from the start again.\" Owen, "
        "starting his third successive La Liga match, converted a low cross from Santiago Solari. Robert Carlos made it "
        "2-0 at the break. Midfielder Edu reduced the deficit after half-time but Ivan Helguera headed past keeper "
        "Antonio Doblas to seal victory for his team. Victory took Real to within six points of leaders Barcelona and "
        "Owen is confident Real can close the gap. He added: \"We had several chances against Betis and I think we can "
        "get back in touch with Barcelona.\"")[0]
    assert dict(quotes)["We had several chances against Betis and I think we can get back in touch with Barcelona."] \
        == "Michael Owen", quotes
    blair = _quotes(
        "Tony Blair has said David Blunkett could return.\n\nMr Blair told BBC News he had not yet read the report. "
        "The prime minister shrugged off claims from Conservative leader Michael Howard that he led a \"grubby "
        "government\". He said Mr Blunkett's integrity remained intact: \"He was the person first of all who asked for "
        "this inquiry to be set up.\"")[0]
    assert dict(blair)["He was the person first of all who asked for this inquiry to be set up."] == "Tony Blair", blair


def test_a_name_the_model_calls_an_organisation_that_admits_he_was_is_a_person() -> None:
    """Audit 12: "Federer" tagged ORG throughout: "Federer admitted he was under extra pressure …. "…," he said" had
    gone to the opponent who retired, the one person the model saw."""
    quotes = _quotes(
        "The top seed and defending champion was leading 6-3 5-2 when Jarkko Nieminen pulled out with an abdominal "
        "injury. Federer had been in patchy form until then - mixing 19 unforced errors with 19 winners. The world "
        "number one will play next after the former world junior champion beat Tommy Robredo 7-6 (7-2) 6-4 6-1. "
        "Federer admitted he was under extra pressure after extending his winning streak to a career-best 24. \"They "
        "are so used to me winning, but it's not that simple,\" he said.")[0]
    assert dict(quotes)["They are so used to me winning, but it's not that simple"] == "Federer", quotes


def test_a_name_the_article_calls_a_firm_is_no_he() -> None:
    """Audit 12: "water firm Aguas Argentinas" (a PERSON to the model further on) had taken the Planning Minister's "he
    added that he didn't like to do "futurology"'."""
    quotes = _quotes("A conflict between the Argentine State and water firm Aguas Argentinas, controlled by France's Suez, is casting doubt on the firm's future.\n\nThe government wants Aguas Argentinas to make an annual investment of 400m pesos in improvements. Planning Minister Julio De Vido has offered State help but not for \"free\". He added that the government is in discussions with Aguas Argentinas about what role it might take. However, Aguas Argentinas told the Argentine newspaper Clarin it would not accept any change to its legal structure. The Planning Minister didn't rule out the possibility of cancelling Aguas Argentinas water concession. Yet he added that he didn't like to do \"futurology\".")[0]
    assert dict(quotes)["futurology"] == "Julio De Vido", quotes


def test_comments_in_an_unnamed_newspaper_are_not_the_last_speakers() -> None:
    """Audit 12: 'despite recent comments in a major Chinese newspaper that the "time is ripe"' had gone to the analyst
    quoted before, through "But calls for a shift …" (a verb to the parser, its subject lost)."""
    quotes = _quotes("\"He's taking a longer-term view, laying out a set of conditions under which the current account deficit can improve this year and next,\" said Robert Sinche, head of currency strategy at Bank of America in New York.\n\nWorries about the deficit concerns about China do, however, remain. But calls for a shift in Beijing's policy have fallen on deaf ears, despite recent comments in a major Chinese newspaper that the \"time is ripe\" for a loosening of the peg.")[0]
    assert dict(quotes).get("time is ripe") is None, quotes


def test_an_offices_name_keeps_its_owner() -> None:
    """Audit 12: "the US Trade Representative's Office said" had stored the speaker "Office"."""
    quotes = _quotes("The US has filed a complaint with the World Trade Organisation over customs rules in the enlarged European Union.\n\nExplaining why it has asked the WTO to set up a dispute settlement panel on customs barriers, the US Trade Representative's Office said that it wants to tackle the issue \"early in the EU's process of dealing with the problems of enlargement\".")[0]
    assert dict(quotes)["early in the EU's process of dealing with the problems of enlargement"] == \
        "US Trade Representative's Office", quotes


def test_a_title_a_name_stands_in_apposition_to_is_their_role() -> None:
    """Audit 12: "The Bishop of Durham, the Rt Rev Dr Tom Wright, described …", then "the Bishop said:" had been no
    one (the Bishop's Christmas message unattributed)."""
    quotes = _quotes("The plot of an international bestseller that thousands of readers are likely to receive as a Christmas present is 'laughable', a clergyman has said.\n\nThe Da Vinci Code claims Jesus was not crucified, but married Mary Magdalene and died a normal death. It claims this was later covered up by the Church. The Bishop of Durham, the Rt Rev Dr Tom Wright, described the novel as a \"great thriller\" but \"lousy history\". The book has sold more than seven million copies worldwide. Despite enjoying Dan Brown's conspiracy theory, the Bishop said there was a lack of evidence to back up its claims.\n\nWriting his Christmas message in the Northern Echo, the Bishop said: \"Conspiracy theories are always fun - fun to invent, fun to read, fun to fantasise about. ")[0]
    assert dict(quotes)["Conspiracy theories are always fun - fun to invent, fun to read, fun to fantasise about."] \
        == "Tom Wright", quotes


def test_an_age_is_the_subject_of_the_sentence_before() -> None:
    """Audit 12: 'Minar, ranked 158th in the world, was forced to pull out …. "…," said the 20-year-old' had been
    no one (the surname alone, untagged, was not its sentence's subject to the resolver)."""
    quotes = _quotes("Lleyton Hewitt won the Sydney International for a fourth time, beating Ivo Minar of the Czech Republic.\n\nThe Australian world number three strolled to the first five games of the match but was shocked as Minar won the next five. \"It was a strange match,\" said Hewitt.\n\nMinar, ranked 158th in the world, was forced to pull out of the Australian Open qualifying draw to play in his first ATP final. \"For me, this was a big success,\" said the 20-year-old.")[0]
    assert dict(quotes)["For me, this was a big success"] == "Ivo Minar", quotes


def test_a_description_matches_an_office_not_a_place_alone() -> None:
    """"The Florida senator" is not the "Florida primary winner" Donald Trump (a PolNeAR development article of this
    shape had given Marco Rubio's words to Trump)."""
    quotes = _quotes("Marco Rubio spoke over boos from the audience as he congratulated Florida primary winner Donald Trump. Rubio offered the crowd an emotional evaluation on the state of politics as he ended his bid for the White House.\n\nThe Florida senator sought to calm his supporters, and took a heckler in stride, saying the person would \"not get beat up\" at his rally, a swipe at the recent disturbances at some of Trump's rallies.")[0]
    assert dict(quotes)["not get beat up"] == "Marco Rubio", quotes


def test_a_department_before_a_name_is_no_part_of_it() -> None:
    """"former Secretary of Defense Leon Panetta" is one PERSON to the model from "Defense"."""
    quotes = _quotes("The email contradicts earlier accounts of the night.\n\nIt appears to contradict 2013 comments from former Secretary of Defense Leon Panetta that \"events moved very quickly on the ground\".")[0]
    assert dict(quotes)["events moved very quickly on the ground"] == "Leon Panetta", quotes



def test_a_named_persons_e_mail_speaks_for_its_writer() -> None:
    """"Mr Campbell's e-mail, which was apparently intended for a party official, suggested they should get Trevor
    Beattie, TBWA's boss, to issue a statement. In it, he said:" is Campbell's e-mail, not Beattie's (once a
    description no longer matched any role sharing one of its words, the "he" had gone to the man it named)."""
    quotes = _quotes("Tony Blair's former spin doctor Alastair Campbell has apologised for sending an obscene e-mail to BBC Newsnight.\n\nMr Campbell messaged Newsnight after the programme investigated claims that Labour's advertising agency TBWA was blaming him for controversy over its campaign posters. The images, including one of what critics claim depicted Tory leader Michael Howard as Fagin, prompted accusations of anti-Semitism.\n\nMr Campbell's e-mail, which was apparently intended for a party official, suggested they should get Trevor Beattie, TBWA's boss, to issue a statement. In it, he said: \"Just spoke to trev. think tbwa shd give statement to newsnight saying party and agency work together well.\"")[0]
    assert dict(quotes)["Just spoke to trev. think tbwa shd give statement to newsnight saying party and agency work "
                        "together well."] == "Alastair Campbell", quotes


def test_a_description_of_one_party_is_not_anothers_candidate() -> None:
    """"The Republican presidential nominee" is not the "U.S. Democratic presidential candidate" named just before
    (a PolNeAR development article of this shape had given Donald Trump's "sarcastic" to Hillary Clinton)."""
    quotes = _quotes("Hillary Clinton said on Sunday that Russian intelligence services had hacked the Democratic National Committee.\n\nRepublican contender Donald Trump last week invited Russia to find emails missing from her time at the State Department. The U.S. Democratic presidential candidate Hillary Clinton said the invitation was troubling. The Republican presidential nominee for the Nov. 8 election later said he was being \"sarcastic\" in his comments.")[0]
    assert dict(quotes)["sarcastic"] == "Donald Trump", quotes



def test_the_company_is_the_one_acting_not_its_product() -> None:
    """Audit 13: "Microsoft has said it will replace … power cables for its Xbox consoles …. The company said the move
    was a "preventative step"" had been Xbox's words (the organisation named last, not the one doing something)."""
    quotes = _quotes("Microsoft has said it will replace more than 14 million power cables for its Xbox consoles due to safety concerns.\n\nThe company said the move was a \"preventative step\" after reports of fire hazard problems with the cables.")[0]
    assert dict(quotes)["preventative step"] == "Microsoft", quotes


def test_attributing_a_rise_to_quoted_words_reports_them() -> None:
    """A sixth newcomer's: 'Chief executive Jim Skinner attributed an 8.3% increase in January worldwide sales to the
    "vitality of our menu"' had stored no quotation, and "Who said McDonald's sales were down to its menu?" was
    refused."""
    quotes = _quotes("McDonald's is to sponsor a new TV show.\n\nChief executive Jim Skinner attributed an 8.3% increase in January worldwide sales to the \"vitality of our menu\", among other things.")[0]
    assert dict(quotes).get("vitality of our menu") == "Jim Skinner", quotes

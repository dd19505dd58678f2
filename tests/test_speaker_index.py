"""Speakers as entities across articles, and names in questions matched against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import Article, Chunk, Quote
from bot.retrieval.speaker_index import SpeakerIndex, is_entity_name
from bot.retrieval.understand import analyse, language_kind
from bot.speakers import name_key
from bot.storage.catalog import Catalog

# (article id, speaker, words); each article also names the people its text mentions.
QUOTES = [
    ("a1", "Tony Blair", "We will win the argument on the economy"),
    ("a1", "Tony Blair", "Schools are the priority"),
    ("a2", "Ian Blair", "The election could be a terror target"),
    ("a3", "Gordon Brown", "Prudence is the watchword of this budget"),
    ("a4", "Dan Brown", "The novel took three years to write"),
    ("a5", "Des Browne", "Immigration rules will be tightened"),
    ("a6", "Robert Kilroy-Silk", "Immigration is out of control"),
    ("a7", "Franak Viačorka", "His personal power matters more"),
    ("a8", "Alexander Lukashenko", "We do not need war"),
    ("a8", "Lukashenko", "We will publicise them"),
    ("a9", "Tony Blair's spokesman", "The prime minister has full confidence"),
    ("a9", "company", "Results were in line with forecasts"),
    ("a9", "spokesman", "We do not comment on rumours"),
    ("a10", "Tim Osborne", "Menatep will fight this in the courts"),
    ("a11", "McCall", "Borders are a tougher side this year"),
    ("a12", "MacDonald", "We need a full return to trial by jury"),
    ("a13", "McDonald", "Our meals are healthy"),
]
ROLES = [("franak viacorka", "Belarusian opposition adviser", "a7"),
         ("tim osborne", "Menatep Group's managing director", "a10")]


def _index_of(path: Path, rows: list[tuple[str, str, str]], roles: list[tuple[str, str, str]]) -> SpeakerIndex:
    """A speaker index over a catalogue holding these (article id, speaker, words) quotes."""
    catalog = Catalog(path / "c.sqlite3")
    articles, quotes = {}, []
    for i, (aid, speaker, words) in enumerate(rows):
        articles.setdefault(aid, Article(id=aid, title=aid, text="", content_hash=aid, source="test"))
        articles[aid].text += f'"{words}," {speaker} said.\n\n'
        start = articles[aid].text.index(words)
        quotes.append(Quote(id=f"{aid}:q{i}", article_id=aid, text=words, start=start, end=start + len(words),
                            speaker=speaker))
    catalog.commit_articles([], list(articles.values()), [], quotes, roles)
    return SpeakerIndex(catalog)


@pytest.fixture
def index(tmp_path: Path) -> SpeakerIndex:
    return _index_of(tmp_path, QUOTES, ROLES)


def test_entities_are_clean_and_distinct(index: SpeakerIndex) -> None:
    names = [e.name for e in index.entries()]
    assert "company" not in names and "spokesman" not in names
    assert not is_entity_name("the spokesman") and is_entity_name("Downing Street spokesman")
    assert not is_entity_name("American") and not is_entity_name("John") and is_entity_name("Edu Gaspar")
    # The bare surname joins the one full name its article quotes; a spokesman is a speaker of his own.
    luka = next(e for e in index.entries() if e.name == "Alexander Lukashenko")
    assert "Lukashenko" in luka.aliases and luka.quotes == 2
    spokes = next(e for e in index.entries() if "spokesman" in e.name)
    assert spokes.kind == "spokesperson" and spokes is not next(e for e in index.entries() if e.name == "Tony Blair")


@pytest.mark.parametrize(("query", "expected", "corrected"), [
    ("Sir Ian Blair", "Ian Blair", False),
    ("tony blair", "Tony Blair", False),
    ("Tony Blar", "Tony Blair", True),
    ("Kilroy-Silk", "Robert Kilroy-Silk", False),
    ("kilroy silk", "Robert Kilroy-Silk", False),
    ("Franak Viacorka", "Franak Viačorka", False),
    ("lukashenko", "Alexander Lukashenko", False),
    ("Lukashenka", "Alexander Lukashenko", True),
    ("Gordon Brown", "Gordon Brown", False),
    ("Viacorko", "Franak Viačorka", True),  # one wrong letter of eight ("strachen" had been no one)
])
def test_names_match_whatever_their_spelling(index: SpeakerIndex, query: str, expected: str,
                                             corrected: bool) -> None:
    match = index.lookup(query)
    assert [e.name for e in match.entries][:1] == [expected]
    assert match.corrected is corrected


def test_no_match_across_people(index: SpeakerIndex) -> None:
    assert index.lookup("Ian Blair").entries[0].name != "Tony Blair"
    assert index.lookup("Cherie Blair").entries == []  # another first name is another person
    brown = {e.name for e in index.lookup("Brown").entries}
    assert brown == {"Gordon Brown", "Dan Brown"}  # never Browne; the topic picks between the two
    assert index.lookup("Browne").entries[0].name == "Des Browne"


def test_questions_name_speakers_by_name_affiliation_and_description(index: SpeakerIndex) -> None:
    info = analyse("What did Tim Osborne of Menatep tell Reuters?", index)
    assert [e.name for e in info.speakers] == ["Tim Osborne"]
    info = analyse("what did the Belarusian opposition say about the election?", index)
    assert [e.name for e in info.speakers] == ["Franak Viačorka"] and info.described
    info = analyse("Did anyone from Menatep comment?", index)
    assert [e.name for e in info.speakers] == ["Tim Osborne"]
    info = analyse("What did Greta Thunberg say about climate change?", index)
    assert info.speakers == [] and info.unknown_names == ["Greta Thunberg"]
    info = analyse("What did Tony Blar say about schools?", index)
    assert info.corrected and info.speakers[0].name == "Tony Blair" and "schools" in info.topic


def test_a_first_name_the_coverage_does_not_give_with_that_surname_is_someone_else(index: SpeakerIndex) -> None:
    """'What did John Blair say?' had answered with Tony Blair ("Showing Tony Blair"), and 'what did sam brown
    say?' with Gordon Brown; another spelling or a short form of the first name still finds them."""
    info = analyse("what did john blair say about schools?", index)
    assert info.speakers == [] and info.unknown_names == ["John Blair"]
    assert set(info.namesakes) == {"Tony Blair", "Ian Blair"}
    assert analyse("What did Sam Brown say?", index).speakers == []
    assert [e.name for e in analyse("What did Gordon Browne say?", index).speakers] != ["Des Browne"]
    assert [e.name for e in analyse("what did anthony blair say about schools", index).speakers] == ["Tony Blair"]
    assert [e.name for e in analyse("what did Alexandr Lukashenko say?", index).speakers] == ["Alexander Lukashenko"]
    # A surname the coverage quotes alone ("Ulster coach mark McCall", "Brian 'Head' Welch") may be them:
    # shown, saying it is the surname alone.
    info = analyse("What did Mark McCall say?", index)
    assert [e.name for e in info.speakers] == ["McCall"] and info.surname_only
    assert [e.name for e in analyse("What did chancellor Brown say?", index).speakers][:1] in (["Gordon Brown"],
                                                                                              ["Dan Brown"])


@pytest.mark.parametrize(("text", "kind"), [
    ("hi", "greeting"), ("thanks!", "greeting"), ("good morning, how are you today?", "greeting"),
    ("ok bye", "greeting"), ("   ", "empty"), ("??!!", "empty"),
    ("Wer hat die Bundestagswahl gewonnen?", "other_language"), ("¿Quién ganó el partido de ayer?", "other_language"),
    ("Какая завтра погода в Москве?", "other_language"), ("Bonjour, qui a gagné le match hier soir ?", "other_language"),
    ("what's 17 times 23?", "task"), ("Who said hello to the crowd?", "question"),
    ("How much did profits rise in 2004?", "question"), ("What did Tony Blair say about the NHS?", "question"),
    # Questions about the bot itself get the hello that says what it does (a newcomer got a Safin quote).
    ("what can you do?", "greeting"), ("How does this work", "greeting"), ("help", "greeting"),
    # ... after a hello too (a fourth newcomer's "good morning, what can you do?" got Good Morning Wales quotes).
    ("good morning, what can you do?", "greeting"), ("hi there - how does this work?", "greeting"),
    ("Good Morning Wales presenter said what?", "question"),
    ("What did Blair say about help for pensioners?", "question"),
    # A newcomer's French got "The coverage does not answer that."
    ("Qu'a dit Tony Blair sur l'Irak ?", "other_language"),
    ("Qu'est-ce que Gordon Brown a dit à propos de l'économie ?", "other_language"),
    ("What did d'Alema say about O'Neill?", "question"),
    # ... and Spanish typed without accents got "I could not read that as a question".
    ("quien gano el mundial", "other_language"), ("Who said Perry Como was the best?", "question"),
    # A title in English inside German is no English question (a fifth newcomer got "Read dass as Dash").
    ("Wer hat gesagt, dass The Passion of the Christ nach seinem künstlerischen Wert beurteilt werden sollte?",
     "other_language"),
    ("Who said The Passion of the Christ should be judged on its artistic merit?", "question"),
    ("What did Ursula von der Leyen say about the budget?", "question"),
    # A film named with a slash is no sum (the question had been refused as one).
    ("Who said leaving Fahrenheit 9/11 out of the Oscars was a misjudgement?", "question"),
    # Thanks with a word on the answer is no question (a newcomer got a Liverpool player's thank-you quote) ...
    ("thanks, that was helpful!", "greeting"), ("Thank you so much, great answer", "greeting"),
    # ... thanks before a question is the question.
    ("thanks, what did blair say about iraq", "question"), ("Thanks - who said the claims were baseless", "question"),
    # What a chat assistant is asked is a task (a newcomer got Joe Pancake's lawsuit, Kilroy-Silk's "joke") ...
    ("how are you doing today?", "greeting"), ("What's up?", "greeting"), ("How are things going in Iraq?", "question"),
    ("tell me a joke", "task"), ("how do i make pancakes", "task"), ("what time is it?", "task"),
    ("What's the weather like today?", "task"), ("write me a poem about spring", "task"),
    # ... not a question about the coverage with the same words in it.
    ("What is the date of the election?", "question"), ("how is the weather affecting oil prices", "question"),
    ("Who said the weather was to blame?", "question"), ("How did Brian Welch say he would show it?", "question"),
    ("What did Jamie Oliver say about his recipes?", "question"), ("a recipe for pancakes please", "task"),
    # A summary of the whole coverage is no question about it (a newcomer got one sentence on a search engine);
    # a question about a summary is.
    ("Can you summarise the main news stories?", "task"), ("recap the top stories", "task"),
    ("Who summarised the findings of the report?", "question"),
    # "good night" is a farewell (a sixth newcomer got McClaren's "perfect European night"); a good night is news.
    ("good night", "greeting"), ("Good night!", "greeting"), ("Was it a good night for Arsenal?", "question"),
    # ... and the weather tomorrow, the meaning of life (a seventh newcomer got Ronaldo's "tomorrow", Solana's "life").
    ("What will the weather be like tomorrow?", "task"), ("What is the meaning of life?", "task"),
    ("What did Ronaldo say about tomorrow?", "question"), ("How will the weather affect the match?", "question"),
])
def test_language_kind(text: str, kind: str) -> None:
    assert language_kind(text) == kind


def _describe_by_scan(index: SpeakerIndex, words: list[str]) -> list[str]:
    """describe() as it was: a regex over every entry's names and roles (linear in the speakers)."""
    import re

    from bot.speakers import name_key

    wanted = [name_key(w) for w in words if name_key(w) and w.casefold() not in ("the", "a", "an")]
    wanted = [w.rstrip("s") if len(w) > 4 else w for w in wanted]
    found = []
    for e in index.entries():
        hay = " ".join(name_key(x) for x in [e.name, *e.aliases, *e.roles])
        if wanted and all(re.search(rf"\b{re.escape(w)}", hay) for w in wanted):
            found.append(e.name)
    return found[:8]


@pytest.mark.parametrize("words", [["Belarusian", "opposition"], ["Menatep"], ["the", "Blairs"], ["Brown"],
                                   ["manag", "director"], ["Kilroy-Silk"], ["nobody"], ["t"], ["the"]])
def test_describe_through_the_word_index_finds_what_a_full_scan_finds(index: SpeakerIndex, words: list[str]) -> None:
    assert [e.name for e in index.describe(words)] == _describe_by_scan(index, words)


def test_the_index_is_rebuilt_on_a_commit_not_on_every_question(index: SpeakerIndex,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    index.entries()
    builds: list[int] = []
    real = index._build
    monkeypatch.setattr(index, "_build", lambda: (builds.append(1), real()))
    counted: list[str] = []
    monkeypatch.setattr(index.catalog, "count", lambda table: counted.append(table) or 0)
    for _ in range(5):
        index.lookup("Blair")
    assert builds == [] and counted == []  # no table is counted (a scan) per look-up
    article = Article(id="b1", title="b1", text="Jack Straw said no.", content_hash="b1", source="test")
    index.catalog.commit_articles([], [article], [], [Quote(id="b1:q0", article_id="b1", text="no",
                                                             start=16, end=18, speaker="Jack Straw")], [])
    assert index.lookup("Jack Straw").entries[0].name == "Jack Straw" and builds == [1]


def test_the_topic_leaves_out_an_organisation_placing_the_speaker_and_apostropheless_contractions(
        index: SpeakerIndex) -> None:
    info = analyse("Who at the British Chambers of Commerce complained about the relentless rise in rules?", index)
    assert info.who and info.topic.split() == ["complained", "relentless", "rise", "rules"]
    info = analyse("which police chief said he didnt subscribe to the views of colleagues", index)
    assert "didnt" not in info.topic.split() and "subscribe" in info.topic.split()
    # "how many" asks for a count: "many" is not what the question is about.
    assert analyse("How many tickets were sold for the festival?", index).topic.split() == ["tickets", "sold", "festival"]


def test_past_forms_stem_like_the_present_a_question_asks_in() -> None:
    from bot.retrieval.stems import stem

    assert stem("took") == stem("take") and stem("sold") == stem("sell") and stem("paid") == stem("pay")
    assert stem("left") != stem("leave")  # "the left" is a side, not a departure


def test_a_role_held_for_someone_names_its_holder(tmp_path: Path) -> None:
    """"What did Kidman's publicist say?": the article says "Kidman's publicist Wendy Day" and keeps the role
    "publicist"; the holder quoted in an article naming Kidman answers, not another publicist, and a role
    alone never matches a speaker named by it ("FA spokesman" is not Blair's spokesman)."""
    catalog = Catalog(tmp_path / "c.sqlite3")
    texts = {"k": 'Nicole Kidman won her case. "She respects photographers," said Kidman\'s publicist Wendy Day.',
             "p": '"The album is late," said publicist Ann Bell.',
             "f": '"No action will be taken," an FA spokesman said.',
             "b": '"He will stay," said Tony Blair\'s spokesman.'}
    speakers = {"k": "Wendy Day", "p": "Ann Bell", "f": "FA spokesman", "b": "spokesman for Tony Blair"}
    articles = [Article(id=a, title=a, text=t, content_hash=a, source="test") for a, t in texts.items()]
    chunks = [Chunk(id=f"{a}:h:c0", article_id=a, text=t, start=0, end=len(t), paragraph=0) for a, t in texts.items()]
    quotes = []
    for a, t in texts.items():
        words = t.split('"')[1].rstrip(",")
        quotes.append(Quote(id=f"{a}:h:q0", article_id=a, text=words, start=t.index(words),
                            end=t.index(words) + len(words), speaker=speakers[a]))
    catalog.commit_articles([], articles, chunks, quotes, [("wendy day", "publicist", "k"), ("ann bell", "publicist", "p")])
    index = SpeakerIndex(catalog)
    assert [e.name for e in analyse("what did kidman's publicist say about the photographers?", index).speakers] \
        == ["Wendy Day"]
    assert [e.name for e in analyse("What did Tony Blair's spokesman say?", index).speakers] == \
        ["spokesman for Tony Blair"]
    assert [e.name for e in analyse("what did blair's official spokesman say?", index).speakers] == \
        ["spokesman for Tony Blair"]


def test_a_body_quoted_only_through_its_spokesman_is_not_a_namesake_of_its_last_word(tmp_path: Path) -> None:
    """'What did Shareholders United say about Glazer's new offer?' had shown "United" (the board of Manchester
    United, quoted so in other stories), "quoted by surname alone"; the group's spokesman answers."""
    rows = [("s1", "spokesman for Shareholders United", "I can't see any difference"),
            ("s2", "United", "The board has received a proposal"),
            ("s3", "Manchester United", "We will consider any offer")]
    index = _index_of(tmp_path, rows, [])
    info = analyse("What did Shareholders United say about Glazer's new offer?", index)
    assert [e.name for e in info.speakers] == ["spokesman for Shareholders United"] and not info.surname_only
    assert [e.name for e in analyse("What did United say about the offer?", index).speakers][:1] == ["United"]


def test_a_who_question_asks_about_speech_through_a_verb_not_a_noun(index: SpeakerIndex) -> None:
    """'who received the glazer proposal at united' had been answered with a fan leader's quote: "proposal"
    holds a speech word ("propos-"), but nobody is asked to have proposed anything."""
    assert not analyse("who received the glazer proposal at united", index).about_speech
    assert not analyse("Who made the first mobile phone call?", index).about_speech
    for question in ("Who called the claims baseless?", "who said the maldives was in peril?",
                     "Which Tory accused the Lib Dems of being soft on crime?", "Who has criticised the plan?"):
        assert analyse(question, index).about_speech, question
    assert analyse("What was Tony Blair's view on the proposal?", index).about_speech
    # ("take" and "verdict" are no speech words: "what was steve kleynhans's take on the cell processor hype?"
    # had been answered from passages, as a fact about him.)
    assert analyse("what was tony blair's take on the proposal?", index).about_speech
    assert analyse("What was Gordon Brown's verdict on the budget?", index).about_speech


def test_a_noun_after_was_or_a_body_the_index_does_not_hold_is_no_unknown_speaker(index: SpeakerIndex) -> None:
    """'When was the first mobile phone call made?' asks no one ('call' is a noun); 'the Foreign Office' is a
    body the coverage may hold without quoting it by name: neither is refused as "no quote from …", and the
    body's words stay in the topic."""
    info = analyse("When was the first mobile phone call made in the UK?", index)
    assert info.unknown_names == [] and info.speakers == [] and "phone" in info.topic.split()
    info = analyse("How much did the Foreign Office say the White Paper cost?", index)
    assert info.unknown_names == [] and "Foreign" in info.topic.split()
    assert analyse("What was Tony Blair saying about schools?", index).speakers[0].name == "Tony Blair"


def test_a_name_holding_a_speech_word_and_a_count_of_things_added_are_no_speech(index: SpeakerIndex) -> None:
    """'win three Grand Slams' is not slamming anyone; 'how many jobs did US firms add?' asks for a count."""
    assert not analyse("Who was the last man before Federer to win three Grand Slams?", index).about_speech
    assert analyse("Who slammed the plans?", index).about_speech
    info = analyse("How many jobs did US firms add in January?", index)
    assert info.speakers == [] and info.unknown_names == [] and "firms" in info.topic.split()


def test_a_misspelt_name_close_to_several_is_all_of_them_for_the_topic_to_choose(index: SpeakerIndex) -> None:
    """'Ian McDonnald' is as close to MacDonald as to McDonald('s): both, not the first the matcher met."""
    match = index.lookup("McDonnald")
    assert {e.name for e in match.entries} == {"MacDonald", "McDonald"} and match.corrected
    assert {e.name for e in match.shared_surname} == {"MacDonald", "McDonald"}


def test_a_speaker_asked_about_through_their_view_or_explanation(index: SpeakerIndex) -> None:
    """'What was Tony Blair's view on …?' and 'How did Gordon Brown explain …?' ask what they said (both had
    been read as topic words, the name included, and answered with whoever matched them)."""
    info = analyse("What was Tony Blair's view on schools?", index)
    assert [e.name for e in info.speakers] == ["Tony Blair"] and info.topic.split() == ["schools"]
    info = analyse("How did Gordon Brown explain the budget?", index)
    assert [e.name for e in info.speakers] == ["Gordon Brown"] and "budget" in info.topic.split()
    assert analyse("What was the reaction in Europe?", index).speakers == []


def test_a_verb_that_only_says_someone_spoke_is_no_topic(index: SpeakerIndex) -> None:
    """'Did Tony Blair respond to the claims?' asks about the claims ('respond' had matched every 'response' in
    his stories); 'What did Gordon Brown warn about?' keeps its warning."""
    info = analyse("Did Tony Blair respond to the claims?", index)
    assert [e.name for e in info.speakers] == ["Tony Blair"] and info.topic.split() == ["claims"]
    assert "react" not in analyse("How did Tony Blair react to the defeat?", index).topic.split()
    assert "warn" in analyse("What did Gordon Brown warn about pensions?", index).topic.split()


def test_a_first_name_matched_by_its_spelling_is_a_correction(index: SpeakerIndex) -> None:
    """'Tom Osborne' may be Tim Osborne spelt otherwise — a correction, said so ('Showing …') and refused rather
    than shown on a topic none of his quotes holds; 'Tim Osborne' is none."""
    assert analyse("What did Tom Osborne say about the courts?", index).corrected
    assert not analyse("What did Tim Osborne say about the courts?", index).corrected


def test_an_organisation_speaks_through_its_spokesman_and_a_person_does_not(tmp_path: Path) -> None:
    """'What did the Home Office say?' finds the Home Office spokesman's words too (shown as theirs); 'What did
    Tony Blair say?' never his spokesman's."""
    index = _index_of(tmp_path, [
        ("h1", "Home Office", "The plan is under review"), ("h1", "Home Office spokesman", "Children will be safe"),
        ("h2", "Tony Blair", "Schools are the priority"), ("h2", "Tony Blair's spokesman", "No comment")], [])
    office = analyse("What did the Home Office say about children?", index)
    assert [e.kind for e in office.speakers] == ["org", "spokesperson"]
    blair = analyse("What did Tony Blair say about schools?", index)
    assert [e.kind for e in blair.speakers] == ["person"]


def test_a_count_names_no_unknown_speaker(index: SpeakerIndex) -> None:
    """'how many unaccompanied children have come to the uk to claim asylum' asks a count: "come to the uk to" is
    no one the coverage lacks a quote from."""
    info = analyse("how many unaccompanied children have come to the uk to claim asylum since 2002", index)
    assert info.unknown_names == [] and info.speakers == [] and "asylum" in info.topic.split()


def test_reckoning_comparing_and_brushing_off_are_speech(index: SpeakerIndex) -> None:
    """'Who reckoned Holcim was trying to get ACC on the cheap?' was answered as a fact (a passage, its
    speaker uncredited) though KK Mittal's quotation answers it: opinions asked for are speech."""
    for question in ("Who reckoned Holcim was trying to get ACC on the cheap?",
                     "which lib dem MP compared parliament to a posh school",
                     "Who brushed off IBM's patent release as a distraction?",
                     "Who felt the plan would fail?"):
        assert analyse(question, index).about_speech, question
    assert not analyse("Who won the Whitbread prize?", index).about_speech


def test_the_asked_name_is_no_part_of_the_topic_however_it_is_hyphenated(index: SpeakerIndex) -> None:
    """'What did Sven-Goran Eriksson say about oil prices?' (quoted as "Eriksson" alone) had kept "Sven-Goran" in
    the topic, which every passage naming him holds: his words on a team sheet read as on oil prices. "What is
    Lukashenko currently saying about Poland?" asks about Poland, not about "currently saying"."""
    info = analyse("What did Mark-Anthony McCall say about oil prices?", index)
    assert [e.name for e in info.speakers] == ["McCall"] and info.topic == "oil prices"
    assert analyse("What is Lukashenko currently saying about Poland?", index).topic == "Poland"


def test_a_who_question_keeps_what_was_said_apart(index: SpeakerIndex) -> None:
    """The words after a who-question's speech verb say whom it is about ("Who said Charles Kennedy should step
    down?"): the answerer names no one of them as the speaker."""
    assert analyse("Who said Charles Kennedy should step down?", index).said.strip() == "Charles Kennedy should step down?"
    assert analyse("What did Tony Blair say about schools?", index).said == ""


def test_anyone_in_particular_names_no_one() -> None:
    """"… and also whether she thanked anyone in particular, can you help me find it please?" had been read as
    asking about someone called "particular help find" ("The coverage has no quote from particular help find.");
    "anyone from NATO" still names NATO."""
    from bot.retrieval.understand import _FROM_SPEAKER

    assert _FROM_SPEAKER.search("whether she thanked anyone in particular, can you help me find it please?") is None
    assert _FROM_SPEAKER.search("Did anyone from NATO comment?")["who"] == "NATO"
    assert _FROM_SPEAKER.search("did anyone at the BBC, or elsewhere, respond?")["who"] == "the BBC"


def test_a_role_a_qualifier_makes_someone_else_s_answers_only_a_description_that_writes_it(tmp_path: Path) -> None:
    """"What did the chancellor say …?" had led with Oliver Letwin, the shadow chancellor; "the shadow
    chancellor" and "the former president" still find whom they describe."""
    index = _index_of(tmp_path, [("a1", "Gordon Brown", "The economy is strong"),
                                 ("a1", "Oliver Letwin", "The figures are fiddled"),
                                 ("a2", "Bill Clinton", "We should act")],
                      [("gordon brown", "Chancellor", "a1"), ("oliver letwin", "Shadow Chancellor", "a1"),
                       ("bill clinton", "former President", "a2")])
    assert [e.name for e in index.describe(["the", "chancellor"])] == ["Gordon Brown"]
    assert [e.name for e in index.describe(["the", "shadow", "chancellor"])] == ["Oliver Letwin"]
    assert [e.name for e in index.describe(["the", "former", "president"])] == ["Bill Clinton"]
    assert index.describe(["the", "president"]) == []


def test_a_role_held_for_someone_is_found_among_more_than_eight_holders_of_it(tmp_path: Path) -> None:
    """"What did Thanou's coach say …?" (a third newcomer's) had answered "no quote from Thanou's": the
    coverage quotes dozens of coaches, and only the first eight were looked at for one in an article naming
    Thanou."""
    catalog = Catalog(tmp_path / "c.sqlite3")
    texts = {f"c{n}": f'"We will win," said coach {first} Adams{n}. "We train hard," he said.'
             for n, first in enumerate(["Al", "Bo", "Cy", "Di", "Ed", "Fa", "Gu", "Ha", "Io", "Jo"])}
    texts["t"] = 'Katerina Thanou was suspended. "The decision means nothing," said Thanou\'s coach Christos Tzekos.'
    speakers = {a: f"{t.split('coach ')[1].split('.')[0]}" for a, t in texts.items() if a != "t"}
    speakers["t"] = "Christos Tzekos"
    articles = [Article(id=a, title=a, text=t, content_hash=a, source="test") for a, t in texts.items()]
    chunks = [Chunk(id=f"{a}:h:c0", article_id=a, text=t, start=0, end=len(t), paragraph=0) for a, t in texts.items()]
    quotes = []
    for a, t in texts.items():
        for n, words in enumerate(t.split('"')[1::2]):
            words = words.rstrip(",")
            quotes.append(Quote(id=f"{a}:h:q{n}", article_id=a, text=words, start=t.index(words),
                                end=t.index(words) + len(words), speaker=speakers[a]))
    roles = [(name_key(speakers[a]), "coach", a) for a in texts]
    catalog.commit_articles([], articles, chunks, quotes, roles)
    index = SpeakerIndex(catalog)
    assert [e.name for e in analyse("What did Thanou's coach say about the decision?", index).speakers] == \
        ["Christos Tzekos"]
    assert len(index.describe(["coach"], limit=None)) == 11


def test_a_party_is_a_body_and_letters_after_a_name_leave_it_a_person() -> None:
    """`whosaid speakers` on the whole corpus had listed "Labour" and "Conservatives" as people and "Guy Mansfield QC"
    as an organisation."""
    from bot.retrieval.speaker_index import _person_shaped

    assert not _person_shaped("Labour") and not _person_shaped("Conservatives")
    assert _person_shaped("Guy Mansfield QC") and _person_shaped("Tony Blair")
    assert not _person_shaped("OECD")


def test_a_role_alone_is_no_misspelt_name(tmp_path: Path) -> None:
    """"what did the tory spokesman say" (a sixth newcomer's) had shown "FA spokesman" (also named spokesman: EU
    spokesman)": the role word alone had been taken for a misspelt name close to those labels."""
    index = _index_of(tmp_path, [("a1", "FA spokesman", "We are not taking action"),
                                 ("a2", "EU spokesman", "The case is very weak"),
                                 ("a3", "John Redwood", "Spending on quangos has led only to more bureaucrats")],
                      [("a3", "John Redwood", "Tory spokesman")])
    assert index.lookup("spokesman").entries == []
    info = analyse("what did the tory spokesman say", index)
    assert "FA spokesman" not in [e.name for e in info.speakers], info.speakers

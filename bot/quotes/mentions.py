"""From a cue to the words that name its speaker: a name, a pronoun or a description, with clean edges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from bot.quotes.names import first_names
from bot.quotes.nlp import entities, lemma
from bot.speakers import DEMONYM, ORG_NOUNS, POST_NOMINALS, ROLE_NOUNS, TITLES, gender_of_title

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
PERSON_PRONOUNS = {"he", "she", "i", "we"}
GROUP_PRONOUNS = {"they", "it", "we"}
RELATIVE = {"who", "which", "that", "whom"}
SPOKES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "representative",
          "aide", "aides", "lawyer", "lawyers", "source", "sources", "official", "officials", "insider"}
_NOUN_GENDER = {"spokeswoman": "f", "chairwoman": "f", "spokesman": "m", "actress": "f",
                "businesswoman": "f", "businessman": "m", "wife": "f", "husband": "m", "mother": "f",
                "father": "m", "son": "m", "daughter": "f", "brother": "m", "sister": "f"}
# A nationality or group word ("American", "Tories") names nobody on its own: it is a description.
_NAME_ENTS = {"PERSON", "ORG", "GPE", "FAC"}
_TITLE_HEADS = {"Director", "Chairman", "Chairwoman", "Chief", "Executive", "Head", "Leader", "Spokesman",
                "Spokeswoman", "Officer", "Founder", "Editor", "Manager", "Adviser", "Advisor", "Vice"}
_TRADE = re.compile(r"(?:maker|writer|er|or|ist)$")  # a trade at the head of a name: not part of it
_AGE = re.compile(r"\b\d+-year-old\b")  # "the 30-year-old": an age, a person (the model tags it a date)
_ROLE_ACRONYMS = frozenset({"MP", "MPs", "MEP", "MEPs", "MSP", "MSPs", "AM", "MLA", "CEO", "TD"})
# Last words of team and company names the small model tags as people ("Manchester United's board").
TEAM_WORDS = frozenset({"united", "city", "rovers", "athletic", "wanderers", "albion", "county", "hotspur",
                        "rangers", "celtic", "fc", "plc", "ltd", "inc"})
_TITLE_LOWER = {w.lower() for w in _TITLE_HEADS}
SPACES = re.compile(r"\s{2,}")  # where the parsed text blanked a nickname or a party tag (`relevant_text`)
# Documents that speak for whoever wrote them, when the words say who ("a Homeland Security memo").
_DOCUMENTS = frozenset({"memo", "report", "study", "ad", "advert", "advertisement", "statement", "letter", "ruling",
                        "lawsuit", "complaint", "filing", "editorial", "survey", "analysis", "release", "document",
                        "brief", "paper", "assessment", "review", "audit", "investigation", "email"})
# Roles held for someone else: with a person as owner ("one Trump confidant", "the senior Cruz adviser",
# "Donald Trump's campaign manager", "a longtime adviser to Trump") the speaker is not that person.
_IN_SERVICE = {"adviser", "advisor", "advisers", "advisors", "confidant", "confidants", "ally", "allies",
               "strategist", "strategists", "manager", "supporter", "supporters", "friend", "friends",
               "attorney", "attorneys", "associate", "associates"}  # (aides and lawyers: SPOKES)
_LEADING_ROLES = {"spokeswoman", "spokesman", "spokesperson", "adviser", "advisor", "aide", "strategist",
                  "pollster", "analyst", "economist", "host", "anchor", "columnist", "commentator", "candidate",
                  "dj"}


# Plural nouns that report things but are nobody: "prosecutions were the first preference", "figures show".
_NOT_SPEAKERS = frozenset("""
comment remark word statement report figure document paper finding result datum prosecution proposal plan
calculation analysis research
claim allegation poll survey study rule law record email number estimate sale profit price share talk
account minute detail reading forecast document message tweet post letter note question answer
""".split())

# Groups of people that speak as a group ("analysts said", "critics called it …"). A plural of anything else
# is no speaker: "The idea that the "new terrorism" demands new powers" had given the words to "new powers",
# "governments who thought they "knew best"" to "governments". (A capitalised plural is a name: "MPs", "Tories".)
_PEOPLE_GROUPS = frozenset("""
official minister critic analyst economist expert lawyer attorney police people voter resident supporter
opponent campaigner activist protester protestor demonstrator worker employee staff union member leader
executive boss chief manager director investor trader dealer banker lender broker shareholder consumer
customer shopper user fan player coach doctor nurse scientist researcher academic teacher student parent
pupil child family relative victim survivor witness neighbour neighbor villager citizen taxpayer farmer
retailer manufacturer producer developer designer engineer author writer reviewer journalist reporter
editor broadcaster organiser organizer aide adviser advisor diplomat envoy negotiator lawmaker legislator
senator congressman peer councillor councilor mayor governor judge prosecutor investigator inspector
regulator authority source insider observer commentator pollster strategist consultant specialist officer
soldier troop commander militant rebel insurgent fighter hardliner moderate conservative liberal democrat
republican candidate delegate representative agent operator caller listener viewer reader scout
controller owner buyer seller bidder creditor exporter importer stakeholder partner colleague friend ally
rival commuter passenger traveller traveler tourist visitor refugee migrant immigrant medic paramedic
firefighter detective guard rescuer volunteer carrier airline bank firm company
insurer provider supplier publisher label studio charity group organisation
organization agency government party club team side board committee council panel jury court maker
policymaker distributor promoter sponsor donor contributor competitor exhibitor vendor contractor landlord
tenant homeowner householder motorist driver rider pilot crew athlete runner swimmer golfer head bishop
cleric priest imam scholar professor lecturer historian musician singer actor actress filmmaker gamer
blogger hacker programmer subscriber holder bondholder depositor saver borrower employer striker marcher
questioner host anchor surrogate biographer spectator presenter pundit correspondent interviewer respondent
participant attendee audience crowd defendant plaintiff petitioner applicant claimant local
""".split())


def _people(token: Token) -> bool:
    """A plural that names people (or bodies of them), by its head word."""
    return token.text[:1].isupper() or lemma(token) in _PEOPLE_GROUPS or token.lower_.endswith(
        ("ists", "ians", "eurs"))


@dataclass
class Mention:
    kind: str  # name | pronoun | description | spokes
    text: str  # the attributing words as written
    name: str = ""  # a person or organisation name the words give (titles stripped)
    label: str = ""  # PERSON | ORG | ""
    gender: str | None = None
    role: str = ""  # descriptive words beside the name ("Chelsea boss", "the Tory leader")
    head: str = ""  # lemma of the head noun of a description
    definite: bool = True  # "the minister" (someone already named) vs "a spokesman" (someone new)
    at: int = 0  # character offset of the head
    # The quotation's own words: whoever they name in the third person ("I said to Harry …") is not the one
    # a pronoun attributing them stands for.
    quoted: str = ""
    # "his wife", "Trump's son": a relative named through someone else, who is never that someone.
    kin: bool = False
    plural: bool = False  # "the lawyers": several people, never one of those named before


# Relatives: "his wife said" is not him, whoever "his" is.
KIN = frozenset({"wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "widow",
                 "widower", "partner", "girlfriend", "boyfriend", "fiancee", "fiancé", "fiancée", "fiance",
                 "parent", "child", "cousin", "uncle", "aunt", "nephew", "niece", "grandson",
                 "granddaughter", "grandmother", "grandfather", "stepfather", "stepmother", "family"})


# People named by their country: "said the Frenchman", "the New Zealander" (besides the demonyms), each with
# the adjective an article gives them as a role ("French number one"), where there is one.
NATIONALS = {"frenchman": "French", "frenchwoman": "French", "dutchman": "Dutch", "dutchwoman": "Dutch",
             "englishman": "English", "englishwoman": "English", "irishman": "Irish", "irishwoman": "Irish",
             "welshman": "Welsh", "welshwoman": "Welsh", "scotsman": "Scottish", "scotswoman": "Scottish",
             "spaniard": "Spanish", "briton": "British", "zealander": "", "swede": "Swedish", "dane": "Danish",
             "finn": "Finnish", "pole": "Polish", "kiwi": "", "aussie": "Australian", "argentine": "Argentine",
             "yorkshireman": "", "ulsterman": "Ulster", "cornishman": "", "manxman": ""}


_PARTY_MEMBERS = frozenset({"Democrat", "Republican", "Conservative", "Labour", "Liberal", "Tory", "Tories", "Democrats",
                            "Republicans", "Conservatives"})
_ADVERTS = frozenset({"ad", "advert", "advertisement", "commercial", "campaign"})


def _entity(token: Token):  # type: ignore[no-untyped-def]
    if token.ent_iob_ in ("O", ""):
        return None
    for ent in entities(token.doc):
        if ent.start <= token.i < ent.end:
            return ent
    return None


# Heads of organisation names the speaker vocabulary leaves out ("Royal College of Physicians").
_MORE_ORG_HEADS = frozenset({"college", "university", "society", "league", "house", "school", "trust", "centre",
                             "center", "academy", "museum", "hospital", "court", "church", "news", "times", "friends"})


def _org_word(word: str) -> bool:
    singular = word[:-1] if word.endswith("s") else word
    return bool({word, singular} & (ORG_NOUNS | _MORE_ORG_HEADS))


# Small words inside a body's name: "Reporters Without Borders" is no reporter called Without Borders.
_NAME_LINKS = frozenset({"without", "of", "for", "and", "against", "in", "on", "the", "at", "sans"})


# The departments of "Secretary of Defense", "Secretary of State", "Home Secretary" offices.
_DEPARTMENTS = frozenset({"Defense", "Defence", "State", "Treasury", "Justice", "Commerce", "Energy", "Health",
                          "Education", "Transportation", "Transport", "Labor", "Agriculture", "Interior",
                          "Homeland", "Security", "Environment", "Culture", "Trade", "Industry"})


def _clean(words: list[Token]) -> tuple[str, str | None]:
    """Name words without titles or a possessive ending; the gender a title gives."""
    gender = None
    out: list[Token] = []
    possessive = [i for i, t in enumerate(words) if t.tag_ == "POS" or t.text in ("'s", "’s")]
    # (Not an organisation's one word: "the US Trade Representative's Office" is no "Office".)
    if possessive and possessive[-1] < len(words) - 1 and not (possessive[-1] == len(words) - 2
                                                              and _org_word(words[-1].lower_)):
        words = words[possessive[-1] + 1:]  # "Breitbart's Joel Pollak" is Joel Pollak
    team = any(t.lower_ in TEAM_WORDS for t in words[-2:])  # "Manchester United's": no "-er" trade to cut
    while len(words) > 2 and not team and (words[0].lower_ in _LEADING_ROLES or (
            words[0].is_title and words[0].lower_.endswith("s") and words[0].lower_[:-1] in ROLE_NOUNS
            and words[1].lower_ not in _NAME_LINKS) or (
            _TRADE.search(words[0].lower_) and words[0].lower_ not in first_names() and words[0].is_title)):
        words = words[1:]  # "Spokeswoman Haley Morris", "Filmmaker Jack Marino", "Judges Simon Cowell, …" (PERSON)
    if len(words) > 2 and words[0].lower_ == "fellow":
        words = words[1:]  # "Fellow Lib Dem Norman Baker"
    if len(words) > 3 and [w.text for w in words[:2]] == ["Lib", "Dem"] and words[2].lower_ in first_names():
        words = words[2:]
    while len(words) > 2 and words[0].lower_ not in first_names() and (
            (len(words[0].text) >= 6 and re.fullmatch(r"[A-Z][a-z]+(?:ian|ean|ese|ish)", words[0].text))
            or (words[0].text in _PARTY_MEMBERS and words[1].lower_ in first_names())):
        # "Californian Thomas Slattery", "Belarusian Franak Viacorka": where they are from; "Democrat Elijah
        # Cummings", "Tories Ken Clarke and Sir George Young" (one PERSON to the model): their party.
        words = words[1:]
    if len(words) > 2 and words[0].text in _DEPARTMENTS and words[1].lower_ in first_names():
        # "former Secretary of Defense Leon Panetta" (one PERSON to the model from "Defense"): the office's
        # department is no part of the name.
        words = words[1:]
    roles = [k for k, t in enumerate(words[:-2]) if t.text.rstrip(".") not in TITLES
             and any(part in ROLE_NOUNS for part in t.lower_.split("-"))]
    if roles and words[roles[-1] + 1].text[:1].isupper():
        # "Workers Secretary-Treasurer Gary Casteel", "Atlantic City Mayor Don Guardian": the model's PERSON
        # ran over the organisation and the role; the name is what follows the last role word.
        words = words[roles[-1] + 1:]
    of = next((k for k, t in enumerate(words) if t.lower_ == "of"), None)
    if of is not None and of >= 2 and of + 1 < len(words) and words[of + 1].text[:1].isupper() and all(
            t.pos_ == "PROPN" and t.text[:1].isupper() and not _org_word(t.lower_) and t.lower_ not in ROLE_NOUNS
            and t.text.rstrip(".") not in TITLES for t in words[:of]):
        # "Meenakshi Ganguly of Human Rights Watch" (one organisation to the model): a name, then where she
        # works; "Bank of England", "National Union of Students" keep their "of".
        words = words[:of]
    glued_role = [k for k, t in enumerate(words[:-1]) if t.pos_ == "NOUN" and t.is_lower and all(
        w.text[:1].isupper() or w.text == "-" for w in words[k + 1:])]
    if glued_role:
        # "Barcelona star Ronaldinho" (one PERSON to the model) is Ronaldinho; "Perpignan centre Jean-Philippe
        # Granclaude" is Jean-Philippe Granclaude.
        words = words[glued_role[-1] + 1:]
    honorific = False
    for k, t in enumerate(words):
        word = t.text.rstrip(".")
        # After an honorific, a title word that is the last word is the surname: "Mr. King", "Mr. Prince"
        # (but "the Prince" is a title alone).
        if not out and (word in TITLES or word in ("the", "The")) and not (honorific and k == len(words) - 1):
            honorific = honorific or gender_of_title(word) is not None
            gender = gender or gender_of_title(word)
            continue
        if ((t.tag_ == "POS" or t.text in ("'s", "’s", "'")) and (not out or k == len(words) - 1)) \
                or (not out and (t.is_punct or t.is_space)):
            continue  # nor a dash the model took into the name ("― Christina Lastra")
        if out and t.i > 0 and t.doc[t.i - 1].whitespace_ and (t.text in ("-", "–", "—", ",") or (
                t.text == "(" and not any(w.text == ")" for w in words[k:]) and not (
                k + 2 == len(words) and words[k + 1].text[:1].isupper()))):
            # "DJ Norman Cook - aka Fatboy Slim", "Kanye West -", "Korea Development Bank - one" (one entity to
            # the model) end where the name does; "Holtz-Eakin", "Securities & Exchange Commission", "Association
            # of Payment and Clearing Services (Apacs" (its initials, the bracket closed later) are whole.
            break
        out.append(t)
    # Rebuilt with the article's own spacing: "Holtz-Eakin", not "Holtz - Eakin".
    text = SPACES.sub(" ", "".join(t.text_with_ws for t in out[:-1]) + out[-1].text if out else "").strip(" ,")
    if text.endswith(".") and not re.search(r"(?:\b[A-Z]|Jr|Sr|St)\.$", text):
        text = text[:-1]  # a sentence's full stop the tokenizer left on the name
    return text, gender


def _name_span(token: Token) -> tuple[list[Token], str] | None:
    """The name a token belongs to: its entity, or its run of proper-noun compounds."""
    if token.text in POST_NOMINALS and token.i > 0 and token.doc[token.i - 1].ent_type_ == "PERSON":
        token = token.doc[token.i - 1]  # "Tom McCabe MSP": the name the letters follow
    ent = _entity(token)
    if ent is not None and ent.label_ in _NAME_ENTS:
        label = "PERSON" if ent.label_ == "PERSON" else "ORG"
        if label == "ORG" and 2 <= len(ent) <= 3 and ent[0].lower_ in first_names():
            label = "PERSON"  # the small model reads some people as organisations: 'Carly Fiorina'

        # A title just before the entity ("Mr Blair", "Sen. Cruz") is part of how the article names them.
        lo = ent.start
        while lo > 0 and token.doc[lo - 1].text.rstrip(".") in TITLES:
            lo -= 1
        return list(token.doc[lo:ent.end]), label
    if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.text in _ROLE_ACRONYMS:
        return None  # "the East Midlands MEP": a role, not a name
    run = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [token]
    lo = run[0].i
    while lo > run[0].left_edge.i and token.doc[lo - 1].pos_ == "PROPN":
        lo -= 1  # "a New Hampshire Republican": 'New' hangs from 'Hampshire', not from the head
    return list(token.doc[lo:token.i + 1]), ""


def _opens_sentence(token: Token) -> bool:
    """Whether only punctuation or a line break (or nothing) comes before the token in its sentence."""
    return all(t.is_space or t.is_punct for t in token.doc[token.sent.start:token.i])


def _dateline(token: Token) -> bool:
    """'WASHINGTON —': a place in capitals, or capitals opening a paragraph before a dash ('ESPN said' is
    an organisation speaking)."""
    if not (token.text.isupper() and len(token.text) > 3):
        return False
    if token.i > token.sent.start and not _opens_sentence(token):
        return False  # "The IAAF - which said …": a name in its sentence, not a dateline opening it
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.ent_type_ in ("GPE", "LOC") or (after is not None and after.text in ("—", "–", "-", "--", "("))


def describe(token: Token, inside: set[int]) -> Mention:
    """The mention a speaker token heads."""
    doc = token.doc
    lower = token.lower_
    if token.pos_ == "PRON" or lower in PRONOUN_GENDER or lower in ("they", "it", "we", "i"):
        return Mention("pronoun", token.text, gender=PRONOUN_GENDER.get(lower), at=token.idx,
                       label="PERSON" if lower in PERSON_PRONOUNS else "")
    if (DEMONYM.match(token.text) or lower in NATIONALS) and token.pos_ in ("PROPN", "NOUN") and any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children):
        # '"…," said the New Zealander' after Peter Jackson: a nationality describes someone named, it is no
        # name (the speaker had been "New Zealander", "American", "Scot").
        text = doc[token.left_edge.i:token.i + 1].text
        gender = "m" if lower.endswith("man") else "f" if lower.endswith("woman") else None
        return Mention("description", text, gender=gender, head=lower, at=token.idx, role=text)
    span = _name_span(token)
    if span is not None and span[1] != "PERSON":
        # "The Council on American-Islamic Relations National Executive Director Nihad Awad": the person
        # inside the phrase speaks, not the organisation the model stretched over the title.
        person = next((t for left in token.lefts for t in left.subtree
                       if t.i not in inside and t.ent_type_ == "PERSON"), None)
        if person is not None:
            span = _name_span(person)
    if span is not None and len(span[0]) == 1 and _dateline(span[0][0]):
        span = None  # a dateline ("WASHINGTON") is not a speaker
    words_all = [t for t in token.subtree if t.i not in inside and t.dep_ not in ("relcl",)
                 and not any(a.dep_ == "relcl" for a in t.ancestors if a.i in range(token.left_edge.i, token.i))]
    text = (doc[words_all[0].i:words_all[-1].i + 1].text if words_all else token.text).strip().rstrip(",;: ")
    if span is not None and span[1] != "PERSON" and token.text.rstrip(".") in TITLES | _TITLE_HEADS:
        # "The Shadow Secretary of State for the Family, Theresa May, said": the title's apposition speaks.
        appos = next((c for c in token.children if c.dep_ == "appos" and c.i not in inside), None)
        if appos is not None and _name_span(appos) is not None:
            span = None
    if span is not None:
        words, label = span
        name, gender = _clean(words)
        role = " ".join(t.text for t in token.subtree if t.i < words[0].i and t.i not in inside
                        and t.dep_ in ("compound", "amod", "nmod", "poss", "det", "case")
                        and t.text.rstrip(".") not in TITLES).strip()
        appos = next((c for c in token.children if c.dep_ == "appos" and c.i not in inside), None)
        if appos is not None and not role:
            role = doc[appos.left_edge.i:appos.right_edge.i + 1].text
        if name:
            # A title only people carry ('Lord Tebbit', 'Dr Fox') makes the small model's ORG a person.
            label = "PERSON" if gender else label
            return Mention("name", text, name=name, label=label, gender=gender, role=role, at=token.idx)
    bare = _untagged_name(token, inside)
    if bare is not None:
        return bare
    if token.text[:1].isupper() and token.pos_ in ("VERB", "ADJ") and token.dep_ in ("nsubj", "nsubjpass"):
        # "Groening recently heaped praise …, saying": a surname the tagger read as a verb ("-ing"); the
        # word itself, for the article's people to match.
        return Mention("description", token.text, head=token.text, at=token.idx)
    # A description: does it carry a name in apposition ("managing director Tim Osborne", "the Shadow
    # Secretary ..., Theresa May")?
    # (Not one after a relative clause of its own: "The Oscar-nominated actor, whose films include … Star Wars:
    # The Phantom Menace, said" — the parser hung the last film on the actor.)
    clause = min((c.i for c in token.children if c.dep_ == "relcl"), default=len(doc))
    for child in token.children:
        if child.dep_ == "appos" and child.i not in inside and child.i < clause:
            inner = _name_span(child)
            if inner is not None:
                name, gender = _clean(inner[0])
                if name:
                    role = doc[token.left_edge.i:token.i + 1].text
                    return Mention("name", text, name=name, label=inner[1] or "PERSON", gender=gender,
                                   role=role, at=child.idx)
    # "the co-chairman of the Conservative Party, Liam Fox": the name in apposition to the organisation
    # the role belongs to is the role's holder.
    for t in token.subtree:
        # ("ITV's controller of entertainment, Claudia Rosencrantz, said": hung on the role's own object.)
        hung = (t.head.pos_ == "PROPN" and t.head.ent_type_ not in ("PERSON", "")) or (
            t.head.pos_ == "NOUN" and t.head.dep_ == "pobj" and t.head.head.head.i == token.i)
        if t.dep_ == "appos" and t.i not in inside and t.head.i != token.i and hung and t.ent_type_ == "PERSON" \
                and token.lower_.split("-")[-1] in ROLE_NOUNS | _TITLE_LOWER:
            inner = _name_span(t)
            if inner is not None:
                name, gender = _clean(inner[0])
                if name:
                    return Mention("name", text, name=name, label="PERSON", gender=gender,
                                   role=doc[token.left_edge.i:t.head.i + 1].text, at=t.idx)
    # "Real Madrid director of sport Emilio Butragueno praised": the name the parser hung from the role's
    # "of" phrase is the role's holder.
    if token.lower_.split("-")[-1] in ROLE_NOUNS | _TITLE_LOWER:
        person = next((t for t in token.subtree if t.i > token.i and t.ent_type_ == "PERSON" and t.i not in inside),
                      None)
        # Not "a spokesman for Michael Jackson", "the lawyer for Mr Jackson": whom a role serves is no holder
        # (the person is the preposition's object, "a spokesman for distributor Toho" too); "the minister for
        # civil aviation Praful Patel" holds it.
        root = person
        while root is not None and root.dep_ == "compound" and root.head.i > root.i:
            root = root.head
        between = doc[root.head.i + 1:person.i] if root is not None else doc[0:0]
        # ("Shadow spokesman for sport Hugh Robertson": a portfolio between — lower-case words, no role or doer
        # among them — makes the name the spokesman's own, as "the minister for civil aviation Praful Patel";
        # not "a spokesman for Labour leader Ed Miliband", "a spokesman for distributor Toho".)
        portfolio = any(w.is_lower and w.pos_ in ("NOUN", "ADJ") for w in between) and not any(
            w.lower_ in ROLE_NOUNS | _TITLE_LOWER or _AGENT.search(w.lower_) for w in between)
        serving = root is not None and root.dep_ == "pobj" and root.head.pos_ == "ADP" and root.head.i > token.i \
            and (root.head.lower_ != "of" or lower in SPOKES | _IN_SERVICE) and not portfolio
        # ("Former prosecutor and New York City Mayor Rudy Giuliani": roles joined ahead of the name, with no
        # article, are a list of what one person was.)
        listed = root is not None and root.dep_ == "conj" and root.head.i == token.i and not any(
            c.dep_ == "det" for c in token.children)
        if person is not None and (person.i - token.i <= 5 or listed) and not serving and not any(
                w.is_punct or w.pos_ in ("VERB", "AUX") for w in doc[token.i + 1:person.i]):
            inner = _name_span(person)
            if inner is not None:
                name, gender = _clean(inner[0])
                if name:
                    return Mention("name", text, name=name, label="PERSON", gender=gender,
                                   role=doc[token.left_edge.i:token.i + 1].text, at=person.idx)
    if lower in _IN_SERVICE:
        owner = _person_owner(token, inside)
        if owner:
            return Mention("spokes", text, name=f"{lower} for {owner}", at=token.idx, role=text)
    if lemma(token) in KIN:
        # "Scott's family has called on police …": the family speaks, as "family of Keith Lamont Scott".
        owner = _person_owner(token, inside)
        if owner:
            return Mention("spokes", text, name=f"{lemma(token)} of {owner}", at=token.idx, role=text)
    # "Chelsea boss Jose Mourinho" parsed with the name as a compound of the role noun, or the reverse
    # (not "a Jackson lawyer": someone who speaks for Jackson).
    speaks_for = token.lower_ in SPOKES and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
    for child in token.lefts if not speaks_for else ():
        if child.dep_ == "compound":
            inner = _name_span(child)
            if inner is not None and inner[1] == "PERSON":
                name, gender = _clean(inner[0])
                return Mention("name", text, name=name, label="PERSON", gender=gender, role=token.text,
                               at=child.idx)
    head = lemma(token)
    if (name := described_org(token, inside)) is not None:
        return Mention("name", text, name=name, label="ORG", at=token.idx, role=text)
    determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
    # ('one questioner claimed', '"…," said one trader': someone new, as 'a questioner' is.)
    counted = any(c.dep_ == "nummod" for c in token.children)
    definite = (not determiners or determiners[0] in ("the", "this", "that", "these", "those")) and not counted
    mention = Mention("description", text, gender=_NOUN_GENDER.get(lower), head=head, definite=definite,
                      at=token.idx, role=text,
                      kin=head in KIN and any(c.dep_ == "poss" and c.i not in inside for c in token.children),
                      # (Not "Mr DiPiazza said the interviews suggested that companies had "adjusted"": words
                      # in a clause someone else reports are theirs.)
                      plural=token.tag_ == "NNS" and token.head.dep_ not in ("ccomp", "xcomp", "advcl", "conj"))
    if head in ("statement", "letter", "spokesman", "spokeswoman", "blog", "website", "tweet", "interview",
                "comment", "remark", "word", "speech", "column", "article", "book", "message", "reply",
                "response", "answer", "advice", "warning", "verdict", "slogan", "motto", "manifesto", "headline",
                "submission"):
        owner = next((c for c in token.children if c.dep_ == "poss" and c.i not in inside), None)
        if owner is not None and owner.lower_ in ("his", "her") and head not in SPOKES:
            # "Sir Digby Jones said … His message to the chancellor was: "…"": whoever "his" is.
            return Mention("pronoun", owner.text, gender=PRONOUN_GENDER[owner.lower_], at=owner.idx,
                           label="PERSON")
        if owner is not None and owner.lower_ in ("its", "their") and head not in SPOKES:
            # "It summed up the attitude of many tech firms in its submission, which states …": whatever "it" is.
            return Mention("pronoun", "it" if owner.lower_ == "its" else "they", at=owner.idx)
        inner = _name_span(owner) if owner is not None and head not in SPOKES else None
        if inner:  # "Mr Crosby's statement said": Crosby
            name, gender = _clean(inner[0])
            return Mention("name", text, name=name, label=inner[1], gender=gender, at=owner.idx)  # type: ignore[union-attr]
    if head in _DOCUMENTS:
        # "A Homeland Security memo warned", "a report by the Tax Policy Center found": whoever the document
        # is by speaks through it.
        # (A person only by name after "by": "a Trump ad" is his campaign's, not his own words.)
        owners = [(c, ("ORG",)) for c in _owner_words(token, inside, ("compound",), ())
                  if c.pos_ == "PROPN" and c.i < token.i]
        owners += [(c, ("ORG", "PERSON")) for c in _owner_words(token, inside, (), ("by", "from"))]
        if head not in _ADVERTS:
            # "Lord Butler's report … said … "very thin"": whose report it is (an advert is its campaign's).
            owners += [(c, ("ORG", "PERSON")) for c in _owner_words(token, inside, ("poss",), ())]
        for owner, labels in owners:
            inner = _name_span(owner)
            if inner is not None and inner[1] in labels:
                name, gender = _clean(inner[0])
                if name:
                    return Mention("name", text, name=name, label=inner[1], gender=gender, at=owner.idx)
    plural = token.tag_ in ("NNS", "NNPS") or (token.text.endswith("s") and token.text[:-1].isupper())
    if not determiners and plural and token.i not in inside and head not in _NOT_SPEAKERS and _people(token):
        # A bare plural group speaks as itself: "MPs", "analysts", "Rover bosses".
        lo = min([c.left_edge.i for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")] + [token.i])
        mention.kind, mention.name, mention.label = "group", doc[lo:token.i + 1].text, "ORG"
        return mention
    if head in SPOKES or lower in SPOKES:
        owner = _spokes_owner(token, inside)
        if owner:
            mention.kind = "spokes"
            mention.name = owner
    return mention


def described_org(token: Token, inside: set[int]) -> str | None:
    """"the Polish foreign ministry", "the European Commission": an organisation named by its description (a
    capitalised or national word before an organisation noun); None for "the ministry"."""
    if lemma(token) not in ORG_NOUNS or lemma(token) in SPOKES:
        return None
    modifiers = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i not in inside]
    named = [c for c in modifiers if c.ent_type_ in ("NORP", "GPE", "ORG") or c.text[:1].isupper()]
    # ("China's foreign ministry": a country's, when nothing else names it — not "America's TV Guide magazine",
    # nor a person's: "Blair's team" is no organisation's name.)
    named = named or [c for c in token.lefts if c.dep_ == "poss" and c.ent_type_ in ("GPE", "NORP")
                      and c.i not in inside]
    if not named:
        return None
    # ("the influential Edge magazine": Edge magazine, not the praise before it.)
    lo = min(c.left_edge.i for c in named)
    if lemma(token) in _DOCUMENTS:
        # "said a CAS statement", "a World Bank report": CAS's, the World Bank's words (not "Multiple news
        # reports": a capital only for opening a sentence names no one).
        owner = token.doc[lo:token.i]
        if any(t.pos_ == "PROPN" or t.ent_type_ for t in owner) or owner.text.isupper():
            return owner.text
    return token.doc[lo:token.i + 1].text


def _untagged_name(token: Token, inside: set[int]) -> Mention | None:
    """'Mr. King said', '"…," Hannity said': a capitalised singular word with no article, which the small
    model tagged as no entity, still names someone — after a title, or anywhere but a sentence's start."""
    if not token.text[:1].isupper() or token.tag_ not in ("NN", "NNP") or token.text.isupper():
        return None
    doc = token.doc
    lo = token.i
    while lo > 0 and doc[lo - 1].dep_ == "compound" and doc[lo - 1].text[:1].isupper() and lo - 1 not in inside:
        lo -= 1
    if lo > 0 and doc[lo - 1].text.rstrip(".") in TITLES:
        lo -= 1
    titled = doc[lo].text.rstrip(".") in TITLES  # "Mr. King", "Mr. Prince": surnames, whatever the words
    if any(c.dep_ == "det" for c in token.children) or (not titled and (
            doc[lo].is_sent_start or token.lower_ in ROLE_NOUNS | ORG_NOUNS | SPOKES)):
        return None
    words = list(doc[lo:token.i + 1])
    name, gender = _clean(words)
    if not name:
        return None
    return Mention("name", doc[words[0].i:token.i + 1].text, name=name, label="PERSON" if titled or gender else "",
                   gender=gender, at=token.idx)


def _balanced(name: str) -> str:
    """'Association of Payment and Clearing Services (Apacs': the entity ended inside its own brackets; the
    abbreviation the article gives is closed again (a question may well ask for 'Apacs')."""
    if name.count("(") > name.count(")"):
        return name + ")"
    return name


def _owner_words(token: Token, inside: set[int], deps: tuple[str, ...], preps: tuple[str, ...]) -> list[Token]:
    """The words that may say whose a noun is: its children of `deps`, then the objects of its `preps`
    ('the Cruz adviser', 'Trump's manager', 'an adviser to Trump', 'a report by the Tax Policy Center')."""
    owners = [c for c in token.children if c.dep_ in deps and c.i not in inside]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in preps):
        owners += [c for c in prep.children if c.dep_ == "pobj" and c.i not in inside]
    return owners


def _person_owner(token: Token, inside: set[int]) -> str:
    """The person a role serves, when the words name one: 'Trump' in "one Trump confidant", "Donald Trump's
    campaign manager", "a longtime adviser to Trump"."""
    for owner in _owner_words(token, inside, ("poss", "compound"), ("to", "for", "of")):
        inner = _name_span(owner)
        # The small model tags a lone "Trump" ORG: a surname of a person the article names in full is his.
        if inner is not None and (inner[1] == "PERSON" or owner.ent_type_ == "PERSON" or any(
                e.label_ == "PERSON" and len(e) > 1 and e[-1].text == inner[0][-1].text for e in entities(owner.doc))):
            return _balanced(_clean(inner[0])[0])
    return ""


_AGENT = re.compile(r"(?:or|er|ist|ian)s?$")  # a doer ("distributor", "manufacturer"), not a field ("sport")


def _spokes_owner(token: Token, inside: set[int]) -> str:
    """'spokesman for Tony Blair' / 'a Downing Street spokesman' / "Mr Blair's spokesman": who they speak for."""
    noun = token.text.lower()
    for child in token.children:
        if child.i in inside:
            continue
        if child.dep_ == "prep" and child.lower_ in ("for", "at", "of", "from"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            inner = _name_span(obj) if obj is not None else None
            if inner:
                return f"{noun} for {_balanced(_clean(inner[0])[0])}"
        if child.dep_ == "poss":
            inner = _name_span(child)
            if inner:
                return f"{noun} for {_balanced(_clean(inner[0])[0])}"
            if child.pos_ == "NOUN" and child.lower_ in ROLE_NOUNS | _TITLE_LOWER:
                # "The prime minister's official spokesman": for the prime minister, whom the words do not
                # name (the spokesman had gone to the person the sentences before were about).
                words = [t.text for t in child.subtree if t.i not in inside and t.tag_ != "POS"
                         and t.dep_ not in ("det", "case")]
                return f"{noun} for the {' '.join(words).lower()}"
    compounds = [c for c in token.lefts if c.dep_ in ("compound", "nmod", "amod") and c.pos_ in ("PROPN",)]
    if compounds:
        lo = min(t.left_edge.i for t in compounds)
        owner = " ".join(t.text for t in token.doc[lo:token.i] if t.pos_ in ("PROPN", "NUM") or t.text == "&")
        if owner:
            return f"{owner} {noun}"
    return ""

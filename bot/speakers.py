"""Names, titles and roles: the vocabulary the attribution rules are built from, and the speaker index."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

TITLES_F = {"Ms", "Mrs", "Miss", "Lady", "Baroness", "Dame", "Queen", "Princess", "Madam"}
TITLES_M = {"Mr", "Sir", "Lord", "Baron", "King", "Prince", "Father"}
TITLES_N = {"Dr", "Prof", "Professor", "President", "Chancellor", "Senator", "Sen", "Rep", "Rev", "Judge",
            "Justice", "General", "Gen", "Colonel", "Col", "Captain", "Capt", "Governor", "Gov", "Mayor",
            "Commissioner", "Minister", "Secretary", "Premier", "Ambassador", "Chairman", "Speaker", "Bishop",
            "Archbishop", "Cardinal", "Pope", "Sheikh", "Chief", "Inspector", "Detective", "Sergeant", "Coach",
            "Representative", "Del", "Delegate", "Congressman", "Congresswoman", "Councilman", "Councilwoman",
            "Assemblyman", "Assemblywoman", "Lt", "Sgt", "Adm", "Supt"}
TITLES = TITLES_F | TITLES_M | TITLES_N

# Nouns that make a descriptor a person-like speaker: "the Belarusian leader", "chief executive ...".
ROLE_NOUNS = {
    "president", "leader", "minister", "secretary", "chancellor", "chairman", "chairwoman", "chair",
    "executive", "chief", "director", "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor",
    "analyst", "economist", "governor", "mayor", "senator", "mp", "mep", "head", "boss", "officer", "manager",
    "founder", "ambassador", "commissioner", "official", "general", "professor", "expert", "lawyer", "judge",
    "editor", "correspondent", "reporter", "coach", "captain", "premier", "candidate", "politician",
    "strategist", "member", "lord", "baroness", "campaigner", "activist", "source", "insider", "aide",
    "deputy", "vice-president", "ceo", "cfo", "chief-executive", "partner", "researcher", "scientist",
    "envoy", "diplomat", "negotiator", "presenter", "writer", "author", "historian", "commentator",
    "trader", "dealer", "broker", "investor", "banker", "owner", "lawmaker", "representative", "prosecutor",
    "mogul", "tycoon", "star", "actor", "actress", "singer", "director-general", "secretary-general",
    "treasurer", "whip", "backbencher", "peer", "tory", "shadow", "counsel", "solicitor", "barrister", "controller",
    "regulator", "watchdog", "player", "bosses", "officials", "striker", "midfielder", "defender", "goalkeeper",
    "agent",
}
# Political parties by the names news uses: never a person, whatever the tagger says ('Lib Dems' PERSON).
PARTIES = frozenset({"Labour", "Tories", "Tory", "Conservatives", "Lib Dems", "Lib Dem", "Liberal Democrats",
                     "Democrats", "Republicans", "GOP", "SNP", "Plaid Cymru", "UKIP", "Ukip", "Greens", "Sinn Fein",
                     "DUP", "SDLP"})
# Nouns that make a descriptor an organisation-like speaker: "the Polish foreign ministry".
ORG_NOUNS = {
    "ministry", "government", "department", "office", "company", "firm", "group", "party", "union",
    "embassy", "agency", "commission", "committee", "council", "bank", "board", "statement", "report",
    "spokesman", "spokeswoman", "spokesperson", "administration", "kremlin", "organisation", "organization",
    "association", "federation", "institute", "foundation", "authority", "authorities", "regulator",
    "watchdog", "court", "study", "survey", "police", "army", "military", "club", "campaign", "charity",
    "confederation", "industry", "treasury", "fund", "imf", "opposition", "newspaper", "paper", "website",
    "panel", "inquiry", "tribunal", "corporation", "network", "chamber", "secretariat", "cabinet", "team",
    "alliance", "coalition", "service", "executive", "body", "lobby", "mission", "parliament",
    # ("the airline warned of "inadequate liquidity"", "the festival praises him": the one named before.)
    "airline", "festival", "exchange", "university", "school", "hospital", "museum", "studio", "channel",
    "magazine", "conglomerate", "bourse",
}
_DEMONYMS = """American British English Scottish Welsh Irish French German Italian Spanish Portuguese Dutch
Belgian Swiss Austrian Polish Czech Slovak Hungarian Romanian Bulgarian Greek Turkish Russian Ukrainian
Belarusian Lithuanian Latvian Estonian Finnish Swedish Norwegian Danish Icelandic Serbian Croatian Bosnian
Slovenian Albanian Macedonian Georgian Armenian Azerbaijani Kazakh Uzbek Chinese Japanese Korean Indian
Pakistani Afghan Iranian Iraqi Syrian Lebanese Israeli Palestinian Jordanian Saudi Egyptian Libyan Tunisian
Algerian Moroccan Nigerian Kenyan Ghanaian Ethiopian Somali Sudanese Zimbabwean African Australian Canadian
Mexican Brazilian Argentine Argentinian Chilean Colombian Venezuelan Cuban Peruvian Indonesian Malaysian
Thai Vietnamese Filipino Singaporean European Asian Arab Western Eastern Northern Southern Soviet Kuwaiti
Qatari Emirati Yemeni Taiwanese Tibetan Nepalese Bangladeshi Sri Lankan Kurdish Chechen Serb Croat Scot Welsh
Ulster Caribbean Jamaican Latin Nordic Baltic Balkan Congolese Rwandan Ugandan Tanzanian Zambian Angolan""".split()
DEMONYM = re.compile(rf"^(?:{'|'.join(_DEMONYMS)})$")

# One letter off in a surname this long is a typo, not another name: a question's "strachen" is Strachan, an
# article's lone "Daveport" is the Lindsay Davenport it names (shorter ones so near are often other people:
# Brown, Browne).
TYPO_LENGTH = 7
# Words that make a role someone else's ("Shadow Chancellor Oliver Letwin", "former President Clinton").
QUALIFIERS = frozenset({"shadow", "former", "ex", "deputy", "vice", "assistant", "junior", "acting", "outgoing",
                        "interim"})
# Letters after a name that say what the person is ("Tom McCabe MSP", "Michael Mansfield QC"): no name of theirs.
POST_NOMINALS = frozenset({"MP", "MSP", "MEP", "AM", "MLA", "TD", "QC", "KC", "OBE", "MBE", "CBE", "KBE"})
# Days and months: capitalised words that are no surname ("coach Mike Friday" aside) and no topic a story must
# hold in its words ("in February" is the period asked about).
DAYS_AND_MONTHS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december".split())
PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "bin", "al", "el", "le",
             "la", "ibn", "dos", "das", "ter", "mac"}


def strip_titles(name: str) -> tuple[str, str]:
    """('Patricia Hewitt', '') from 'Patricia Hewitt'; ('Hewitt', 'Ms') from 'Ms Hewitt'."""
    tokens = name.split()
    titles = []
    while len(tokens) > 1 and tokens[0].rstrip(".") in TITLES:
        titles.append(tokens.pop(0).rstrip("."))
    return " ".join(tokens), " ".join(titles)


def gender_of_title(title: str) -> str | None:
    for t in title.split():
        if t in TITLES_F:
            return "f"
        if t in TITLES_M:
            return "m"
    return None


_KEY_TITLES = {t.casefold() for t in TITLES_F | TITLES_M | {"Dr", "Prof", "Professor", "Sen", "Senator", "Rep",
                                                          "Gov", "Governor", "Rev", "President"}}
_KEY_SUFFIXES = {"mp", "mep", "qc", "msp", "am", "jr", "sr", "obe", "mbe", "cbe"}
_SPOKES_WORDS = {"spokesman", "spokeswoman", "spokesperson"}


def name_key(name: str | None) -> str:
    """The key one speaker is stored and matched under: case, accents, titles, suffixes and the wording of
    a spokesperson ("spokesman for Tony Blair" = "Tony Blair's spokesman") do not matter."""
    folded = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().casefold()
    folded = re.sub(r"['’]s\b", "", folded)
    words = re.sub(r"[^\w]+", " ", folded).split()
    while len(words) > 1 and words[0] in _KEY_TITLES | {"the"}:
        words.pop(0)
    while len(words) > 1 and words[-1] in _KEY_SUFFIXES:
        words.pop()
    spokes = [i for i, w in enumerate(words) if w in _SPOKES_WORDS]
    if spokes:
        i = spokes[0]
        owner = words[i + 2:] if i + 1 < len(words) and words[i + 1] in ("for", "of", "at") else words[:i]
        owner = [w for w in owner if w not in ("official", "a", "an", "the")]
        while len(owner) > 1 and owner[0] in _KEY_TITLES:
            owner.pop(0)
        words = owner + ["spokesperson"]
    return " ".join(words)


@dataclass
class SpeakerEntry:
    """One canonical speaker across the coverage, with the aliases and roles seen for it."""

    name: str
    keys: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    quotes: int = 0
    articles: int = 0
    kind: str = "person"  # person | org | spokesperson


def matches(query: str, name: str) -> bool:
    """'Lukashenko' matches 'Alexander Lukashenko'; every query word must be a word of the name."""
    q = name_key(query).split()
    words = name_key(name).split()
    if not q:
        return False
    if len(q) == 1 and len(q[0]) < 3:
        return False
    return all(any(w == t or (len(t) >= 4 and w.startswith(t)) for w in words) for t in q)

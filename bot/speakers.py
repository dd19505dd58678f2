"""Names, titles and roles: the vocabulary the attribution rules are built from, and the speaker index."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TITLES_F = {"Ms", "Mrs", "Miss", "Lady", "Baroness", "Dame", "Queen", "Princess", "Madam"}
TITLES_M = {"Mr", "Sir", "Lord", "Baron", "King", "Prince", "Father"}
TITLES_N = {"Dr", "Prof", "Professor", "President", "Chancellor", "Senator", "Sen", "Rep", "Rev", "Judge",
            "Justice", "General", "Gen", "Colonel", "Col", "Captain", "Capt", "Governor", "Gov", "Mayor",
            "Commissioner", "Minister", "Secretary", "Premier", "Ambassador", "Chairman", "Speaker", "Bishop",
            "Archbishop", "Cardinal", "Pope", "Sheikh", "Chief", "Inspector", "Detective", "Sergeant", "Coach"}
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
    "treasurer", "whip", "backbencher", "peer", "tory", "shadow", "counsel", "solicitor", "barrister",
    "regulator", "watchdog", "player", "bosses", "officials", "striker", "midfielder", "defender", "goalkeeper",
}
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


def name_key(name: str | None) -> str:
    return re.sub(r"[^\w]+", " ", (name or "").casefold()).strip()


@dataclass
class SpeakerEntry:
    """One canonical speaker across the coverage, with the aliases and roles seen for it."""

    name: str
    keys: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    quotes: int = 0
    articles: int = 0


def matches(query: str, name: str) -> bool:
    """'Lukashenko' matches 'Alexander Lukashenko'; every query word must be a word of the name."""
    q = name_key(query).split()
    words = name_key(name).split()
    if not q:
        return False
    if len(q) == 1 and len(q[0]) < 3:
        return False
    return all(any(w == t or (len(t) >= 4 and w.startswith(t)) for w in words) for t in q)

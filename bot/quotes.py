"""Extract every quotation of an article and attribute it to its speaker (rule-based, offline).

The rules read the article the way a sub-editor would: the speaker is named beside the quote
(`X said`, `said X`, `X added:`), or is the subject of the reported-speech clause holding a partial
quote, or is resolved from a pronoun or descriptor (`he`, `the Belarusian leader`, `the statement`)
against the names and roles the article itself introduced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.models import Article, Quote
from bot.quote_spans import Span, find_spans
from bot.speakers import (
    DEMONYM,
    ORG_NOUNS,
    PARTICLES,
    ROLE_NOUNS,
    TITLES,
    gender_of_title,
    name_key,
)

_VERBS = (
    "said|says|say|told|tells|added|adds|continued|continues|explained|explains|wrote|writes|warned|warns|"
    "insisted|insists|argued|argues|claimed|claims|stated|states|declared|declares|noted|notes|stressed|"
    "stresses|asked|asks|replied|replies|answered|responded|commented|admitted|admits|acknowledged|"
    "suggested|suggests|predicted|predicts|urged|urges|announced|announces|confirmed|revealed|conceded|"
    "maintained|agreed|recalled|complained|described|describes|called|calls|dismissed|dismisses|condemned|"
    "branded|labelled|labeled|accused|promised|vowed|pledged|joked|quipped|observed|remarked|reiterated|"
    "emphasised|emphasized|cautioned|believes|believed|thinks|thought|went on|pointed out|"
    "concluded|boasted|blasted|slammed|attacked|criticised|criticized|hit out|demanded|tweeted|posted|"
    "recounted|mused|shouted|cried|whispered|conceded|estimated|forecast|reckoned|reckons|hoped|hopes|"
    "feared|fears|protested|countered|retorted|assured|reassured|denied|denies|alleged|alleges|"
    "described|welcomed|welcomes|praised|praises|expressed|indicated|signalled|conceded|declined|"
    "acknowledges|writes|wrote|summed up|put it|told reporters|told the bbc|found|finds|concluded|concludes|"
    "warned|warns|argued|insisted|said in a statement"
)
VERB = rf"(?:{_VERBS})"
_WORD = r"[^\W\d_][\w'’.-]*"
_CAP = r"(?:[A-Z]\.(?=\s+[A-Z])|(?:[A-Z]|[À-ÖØ-Þ])[\w'’-]*)"
_NAME = rf"(?:(?:{'|'.join(sorted(TITLES, key=len, reverse=True))})\.?\s+)?{_CAP}(?:\s+(?:(?:{'|'.join(PARTICLES)})\s+)?{_CAP}){{0,4}}"
_ROLE_WORD = rf"(?:{'|'.join(sorted(ROLE_NOUNS, key=len, reverse=True))})"
_ORG_WORD = rf"(?:{'|'.join(sorted(ORG_NOUNS, key=len, reverse=True))})"
_DESCRIPTOR = rf"(?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)|{_CAP}(?:\s+{_CAP}){{0,2}}['’]s)\s+(?:(?!(?:the|a|an)\s)[\w'’-]+\s+){{0,6}}?(?:{_ROLE_WORD}|{_ORG_WORD})(?:\s+(?:for|of|at)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,3}}|\s+close\s+to\s+(?:the\s+)?(?:(?:[\w-]+\s+){{0,2}}?{_ORG_WORD}\b|{_CAP}(?:\s+{_CAP})*))?"
_GROUP = r"(?:(?:[A-Z][\w'’-]*|[Tt]he)\s+){0,3}(?:bosses|officials|executives|sources|analysts|ministers|leaders|campaigners|critics|economists|MPs|experts|unions|lawyers|researchers|officers|directors)"
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)"
_PREFIXED_NAME = rf"(?:(?:[\w'’-]+\s+){{0,4}}?{_ROLE_WORD}\s+)?{_NAME}(?:\s+(?:of|at|from)\s+{_CAP}(?:\s+{_CAP}){{0,3}})?"
NP = rf"(?P<np>{_DESCRIPTOR}|{_GROUP}|{_PRONOUN}|{_PREFIXED_NAME})"

_AFTER_NP_VERB = re.compile(
    rf"^[\s,]*{NP}(?P<appos>,[^.!?~]{{0,140}}?,?)?\s+(?:(?:also|then|later|quickly|simply|just|again|"
    rf"\w+ly)\s+)?(?P<verb>{VERB})\b(?P<obj>(?:\s+(?!that\b)[\w'’.-]+){{0,3}})?",
)
_AFTER_VERB_NP = re.compile(rf"^[\s,]*(?P<verb>{VERB})\s+{NP}")
_BEFORE_NP_VERB = re.compile(
    rf"{NP}(?P<appos>,[^.!?~]{{0,140}}?,)?\s+(?:(?:also|then|later|has|had|have|was|were|once|"
    rf"\w+ly)\s+)*(?P<verb>{VERB})\b(?P<tail>[^~]{{0,80}}?)\s*[:,]?\s*$"
)
_SUBJECT_VERB = re.compile(
    rf"(?<![\w'’-]){NP}(?P<appos>,[^.!?~]{{0,140}}?,)?\s+(?:(?:also|has|had|have|was|were|once|"
    rf"\w+ly)\s+)*(?P<verb>{VERB})\b"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+{NP}")
_PASSIVE_BY = re.compile(rf"^[\s,]*by\s+{NP}")
_PASSIVE_BEFORE = re.compile(r"\b(?:been|was|were|is|are|being)\s+(?:\w+ly\s+)?(?:branded|described|called|labelled|labeled|dismissed|condemned|criticised|criticized|hailed|praised|attacked)\b")
_PARENTHETICAL = re.compile(rf",\s*(?P<verb>{VERB})\s+{NP}")
_QUOTES_NP = re.compile(rf"^[\s,]*(?:the\s+)?(?:newspaper|paper|report|agency|website|magazine|[A-Z]\w+)\s+(?P<verb>quotes|quoted)\s+{NP}")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)~]*\s+(?=[\"“‘(]?[A-Z0-9~])|\n\n")
_NAME_SEQ = re.compile(_NAME)
_NOT_NAME_START = {
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "As", "It", "He", "She", "They", "We", "I",
    "This", "That", "These", "Those", "There", "Their", "His", "Her", "Its", "Our", "When", "While", "After",
    "Before", "During", "For", "From", "With", "Without", "Meanwhile", "However", "Although", "Since",
    "Mr", "Mrs", "Ms", "Dr", "So", "Yet", "Last", "Next", "Now", "Then", "Some", "Many", "Most", "All",
    "What", "Who", "Why", "How", "Where", "Speaking", "Asked", "Under", "Over", "By", "Of", "To", "Not",
    "Both", "Each", "Every", "Such", "Other", "Another", "One", "Two", "Three", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
    "June", "July", "August", "September", "October", "November", "December", "Update", "Getty", "Images",
}
_ORG_HINT = {"Ministry", "Party", "Bank", "Group", "Committee", "Commission", "Council", "Office", "Union",
             "Association", "Federation", "Institute", "Agency", "Department", "Government", "Inc", "Ltd",
             "Plc", "Corp", "Company", "Street", "House", "News", "Times", "Post", "Journal", "Fund",
             "Organisation", "Organization", "Court", "Police", "Service", "Authority", "Board", "Club",
             "Airlines", "Airways", "Motors", "Foundation", "University", "College", "School", "Centre",
             "Center", "Network", "Forum", "Parliament", "Congress", "Senate", "Assembly", "Treasury",
             "Exchange", "Reserve", "Securities", "Nations", "Kingdom", "States", "Republic", "Express",
             "Mail", "Telegraph", "Guardian", "Herald", "Tribune", "Chronicle", "Review", "Magazine",
             "International", "Holdings", "War", "II", "III", "Cup", "League", "Games", "Olympics", "Day",
             "Awards", "Festival", "Airport", "Square", "Road", "Avenue", "Island", "Islands", "Sea", "Ocean",
             "River", "Mountains", "Valley", "Coast", "Prize", "Act", "Bill", "Treaty", "Agreement", "Industries", "Energy", "Oil", "Capital", "Partners"}
_PERSON_PRONOUNS = {"he": "m", "she": "f"}
_COMPANY_NOUNS = {"company", "firm", "group", "bank", "airline", "carmaker", "retailer", "business", "giant",
                  "operator", "maker", "brewer", "insurer", "lender", "chain"}
_NOUN_GENDER = {"spokeswoman": "f", "chairwoman": "f", "spokesman": "m", "chairman": "m", "actress": "f"}


@dataclass
class Person:
    name: str
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    is_org: bool = False


@dataclass
class Context:
    """What the article has introduced so far: names, roles and who spoke last."""

    article: Article
    masked: str
    people: dict[str, Person] = field(default_factory=dict)
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (offset, canonical) outside quotes
    subjects: list[tuple[int, str]] = field(default_factory=list)  # mentions that open a sentence/clause


def _mask(text: str, spans: list[Span]) -> str:
    """Quote interiors (with their marks) become '~' so rules never read a speaker out of a quote."""
    chars = list(text)
    for s in spans:
        stop = (s.close_at + 1) if s.close_at is not None else s.end
        for i in range(s.open_at, min(stop, len(chars))):
            if chars[i] != "\n":
                chars[i] = "~"
        if s.close_at is not None and s.end > s.start and text[s.end - 1] in ".!?":
            chars[s.end - 1] = text[s.end - 1]
    return "".join(chars)


_ROLE_MODIFIERS = {"deputy", "prime", "home", "foreign", "shadow", "vice", "senior", "former", "acting",
                   "interim", "assistant", "junior", "general", "managing", "executive", "chief", "lib", "dem",
                   "labour", "tory", "conservative", "liberal", "democrat", "green", "financial", "finance",
                   "trade", "health", "education", "culture", "transport", "defence", "environment", "work",
                   "pensions", "constitutional", "affairs", "media", "sport", "industry", "energy",
                   "economic", "development", "treasury", "cabinet", "commons", "lords"}


def _clean_name(raw: str) -> tuple[str, str, list[str]]:
    """(bare name, titles, role words) from a matched name phrase: 'NAO head Sir John Bourn' -> John Bourn."""
    raw = re.split(r"\s+(?:of|at|from)\s+(?=[A-Z])", raw.strip())[0]
    tokens = raw.strip().rstrip(".,:;").split()
    while tokens and tokens[0] in _NOT_NAME_START and tokens[0].rstrip(".") not in TITLES:
        tokens.pop(0)
    last_role = -1
    for i, tok in enumerate(tokens[:-1]):
        low = tok.lower().rstrip(".")
        if low in ROLE_NOUNS or low in ORG_NOUNS or tok.rstrip(".") in TITLES or (
                not re.match(_CAP, tok) and low not in PARTICLES):
            last_role = i
    roles = tokens[:last_role + 1]
    tokens = tokens[last_role + 1:]
    titles = [t.rstrip(".") for t in roles if t.rstrip(".") in TITLES]
    while len(tokens) > 1 and (tokens[0].lower() in _ROLE_MODIFIERS or DEMONYM.match(tokens[0])):
        roles.append(tokens.pop(0))
    while len(tokens) > 2 and tokens[-1] in _NAME_SUFFIXES:
        tokens.pop()
    name = re.sub(r"['’]s$", "", " ".join(tokens))
    return name, " ".join(titles), roles


_NAME_SUFFIXES = {"MP", "MEP", "MSP", "AM", "QC", "KC", "Jr", "Sr", "OBE", "MBE", "CBE"}


def _collect_people(ctx: Context) -> None:
    """Every capitalised name in the article (outside quotes), with roles from appositions and prefixes."""
    text = ctx.masked
    found = []
    for m in _NAME_SEQ.finditer(text):
        name, titles, _ = _clean_name(m.group())
        tokens = name.split()
        while tokens and tokens[0] in _NOT_NAME_START:
            tokens.pop(0)
        if tokens and not any(t.strip(".,") in _ORG_HINT for t in tokens) and len(" ".join(tokens)) >= 3:
            found.append((m, tokens, titles))
    surnames = {t[-1] for _, t, _ in found if len(t) > 1}
    role_prefix = re.compile(rf"((?:(?:[A-Z][a-z]+|[a-z][\w-]*)\s+){{0,4}}{_ROLE_WORD})\s+$")
    for m, tokens, titles in found:
        raw = m.group()
        if len(tokens) == 1 and not titles and tokens[0] not in surnames:
            continue  # a lone capitalised word is a place or a thing unless it is somebody's surname
        if DEMONYM.match(tokens[0]) and len(tokens) == 1:
            continue
        name = " ".join(tokens)
        start = m.start() + raw.find(tokens[0])
        canonical = _canonical(ctx, name)
        if canonical is None:
            continue
        person = ctx.people.setdefault(canonical, Person(canonical))
        person.gender = person.gender or gender_of_title(titles)
        before = text[max(0, start - 80):start]
        if pm := role_prefix.search(before):
            role = pm.group(1).strip()
            role_words = role.split()
            while role_words and role_words[0] in _NOT_NAME_START | {"the", "a", "an", "by", "of", "to", "and"}:
                role_words.pop(0)
            if role_words:
                _add_role(person, " ".join(role_words))
        after = text[m.end():m.end() + 120]
        if am := re.match(rf",\s+(?:the\s+|a\s+|an\s+)?((?:[\w'’-]+\s+){{0,5}}?{_ROLE_WORD}(?:\s+(?:of|to|at|for)\s+[^,.]+?)?)(?=[,.]|\s+(?:{VERB})\b)", after):
            _add_role(person, am.group(1))
        ctx.mentions.append((start, canonical))
        name_at = m.start() + raw.find(titles.split()[0]) if titles and titles.split()[0] in raw else start
        if (_in_subject_position(text, name_at) or _speaks_next(text, m.end()) or _said_before(text, name_at)) \
                and not _after_preposition(text, name_at):
            ctx.subjects.append((start, canonical))


_VERB_AHEAD = re.compile(rf"^[^.!?~]{{0,120}}?\b(?:{VERB})\b")


def _speaks_next(masked: str, end: int) -> bool:
    """'Gerry Conlon - who was wrongly convicted - said ...': the name is the subject of a speech verb."""
    m = _VERB_AHEAD.match(masked[end:end + 160])
    if not m or _NAME_SEQ.search(m.group()) or re.match(r"^['’]s\b", masked[end:end + 3]):
        return False
    between = m.group().lower().split()[:-1]
    return not any(w in ("he", "she", "they", "it", "we", "i", "that", "who", "which") for w in between[:1]) and \
        not any(w in ("he", "she", "they", "we", "i") for w in between)


def _after_preposition(masked: str, start: int) -> bool:
    return bool(re.search(r"\b(?:for|of|and|in|at|from|with|by|to|on)\s+$", masked[max(0, start - 12):start]))


def _said_before(masked: str, start: int) -> bool:
    return bool(re.search(rf"\b(?:{VERB})[,]?\s+$", masked[max(0, start - 30):start]))


_CONNECTORS = {"but", "and", "however", "meanwhile", "yet", "so", "also", "then", "now", "the", "a", "an", "of",
               "for", "at", "on", "in", "to", "with"}


def _in_subject_position(masked: str, at: int) -> bool:
    """True when only connectors and role words stand between the sentence start and the name."""
    head = masked[max(0, at - 120):at]
    cut = max(head.rfind(". "), head.rfind("\n"), head.rfind("~ "), head.rfind(": "))
    prefix = head[cut + 1:] if cut >= 0 else (head if at <= 120 else None)
    if prefix is None:
        return False
    words = re.findall(r"[\w'’-]+", prefix)
    if len(words) > 9:
        return False
    lower = [w for w in words if not w[:1].isupper()]
    return all(w.lower() in _CONNECTORS | ROLE_NOUNS | ORG_NOUNS | _ROLE_MODIFIERS or len(lower) <= 4
               for w in lower) and (not lower or lower[-1].lower() in ROLE_NOUNS | _CONNECTORS | _ROLE_MODIFIERS)


def _add_role(person: Person, role: str) -> None:
    role = role.strip()
    if role and role.lower() not in (r.lower() for r in person.roles):
        person.roles.append(role)


def _canonical(ctx: Context, name: str) -> str | None:
    """The fullest name in the article that this name is a form of ('Lukashenko' -> 'Alexander Lukashenko')."""
    tokens = name.split()
    best = None
    for full in ctx.people:
        ft = full.split()
        if ft[-len(tokens):] == tokens or (len(tokens) == 1 and tokens[0] in ft[1:]):
            if best is None or len(ft) > len(best.split()):
                best = full
    if best:
        return best
    # A longer name subsumes earlier short forms seen before it ("Lukashenko" then "Alexander Lukashenko").
    for short in list(ctx.people):
        st = short.split()
        if len(st) < len(tokens) and tokens[-len(st):] == st and not ctx.people[short].is_org:
            person = ctx.people.pop(short)
            person.name = name
            ctx.people[name] = person
            ctx.mentions[:] = [(o, name if c == short else c) for o, c in ctx.mentions]
            return name
    return name


def _full_name(ctx: Context, name: str) -> str:
    tokens = name.split()
    candidates = [full for full in ctx.people if full.split()[-len(tokens):] == tokens]
    return max(candidates, key=lambda n: len(n.split())) if candidates else name


def _recent_person(ctx: Context, before: int, gender: str | None = None, exclude: set[str] | None = None,
                   demonym: str | None = None) -> str | None:
    for offset, name in [*reversed(ctx.subjects), *reversed(ctx.mentions)]:
        if offset >= before or (exclude and name in exclude):
            continue
        person = ctx.people.get(name)
        if person is None or person.is_org:
            continue
        if gender and person.gender and person.gender != gender:
            continue
        if demonym and not _demonym_compatible(person, demonym):
            continue
        return name
    return None


def _demonym_compatible(person: Person, demonym: str) -> bool:
    known = {w for r in person.roles for w in r.split() if DEMONYM.match(w)}
    return not known or demonym in known


@dataclass
class Attribution:
    speaker: str | None
    mention: str
    cue: str


class _Resolver:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.last_speaker: str | None = None
        self.last_org: str | None = None
        self.speakers: list[tuple[int, str]] = []

    def resolve(self, np: str, at: int) -> str | None:
        np = np.strip().rstrip(",")
        low = np.lower()
        if low in ("he", "she"):
            gender = _PERSON_PRONOUNS[low]
            # "Mr Sullivan '...,' he told the court": he is not the man named in his own sentence.
            own = _sentence_start(self.ctx.masked, at, 0)
            candidates = sorted(self.speakers + [(o, n) for o, n in self.ctx.subjects if not own <= o < at],
                                key=lambda x: x[0])
            for offset, name in reversed(candidates):
                # A name whose gender we know beats a nearer one we do not, within a couple of paragraphs.
                person = self.ctx.people.get(name)
                if at - 700 < offset < at and person and not person.is_org and person.gender == gender:
                    return name
            for offset, name in reversed(candidates):
                person = self.ctx.people.get(name)
                if offset < at and person and not person.is_org and (not person.gender or person.gender == gender):
                    return name
            return _recent_person(self.ctx, at, gender)
        if low in ("they", "it"):
            return self.last_org or self.last_speaker
        words = np.split()
        if not words:
            return None
        if words[0].lower() in ("the", "a", "an", "its", "his", "her", "their") or any(
                re.search(r"['’]s$", w) for w in words[:-1]):
            return self._descriptor(np, at)
        name, _titles, _roles = _clean_name(np)
        if not name:
            return None
        full = _full_name(self.ctx, name)
        if full not in self.ctx.people:
            self.ctx.people[full] = Person(full, gender_of_title(_titles))
        return full

    def _descriptor(self, np: str, at: int) -> str | None:
        words = np.split()
        if re.match(r"\S+['’]s$", words[0]) or (len(words) > 1 and re.search(r"['’]s$", words[1])
                                                   and words[0][:1].isupper()):
            # "Mr Blair's official spokesman": name the owner in full.
            owner_end = next(i for i, w in enumerate(words) if re.search(r"['’]s$", w))
            owner, _t, _r = _clean_name(" ".join(words[: owner_end + 1]))
            label = f"{_full_name(self.ctx, owner)}'s {' '.join(words[owner_end + 1:])}"
            self.ctx.people.setdefault(label, Person(label, _NOUN_GENDER.get(words[-1].lower())))
            return label
        det, rest = words[0].lower(), words[1:]
        if not rest:
            return None
        core = re.split(r"\s+(?:for|of|at|close to)\s+", " ".join(rest))[0].split()
        if not any(w.lower() in _SPOKES for w in core):
            core = rest
        head = next((w.lower() for w in reversed(core) if w.lower() in ROLE_NOUNS | ORG_NOUNS), core[-1].lower())
        if head in ("report", "study", "survey", "inquiry"):
            authors = [n for _, n in self.speakers if self.ctx.people.get(n) and self.ctx.people[n].is_org
                       and re.search(r"committee|commission|office|inquiry|watchdog|agency|institute|audit", n, re.I)]
            return authors[-1] if authors else self.last_org or self.last_speaker
        if head in _COMPANY_NOUNS and det == "the":
            for _, name in reversed(self.speakers):
                person = self.ctx.people.get(name)
                if person is None or (not person.gender and name[:1].isupper() and len(name.split()) <= 4
                                      and not person.roles):
                    return name
        if head == "statement" or det in ("its", "their"):
            return self.last_org or self.last_speaker
        if head in _SPOKES:
            label = _spokes_label(rest)
            if det == "the":
                # "the spokesman", "the Darlington Council spokesman": the one already quoted.
                wanted = {w for w in label.split()[:-1]}
                for _, name in reversed(self.speakers):
                    words = name.split()
                    if words and words[-1].lower() == head and wanted <= set(words):
                        return name
            self.ctx.people.setdefault(label, Person(label, _NOUN_GENDER.get(head)))
            return label
        demonym = next((w for w in rest if DEMONYM.match(w)), None)
        if head in ROLE_NOUNS and det == "the" and len(rest) <= 3 and not re.search(r"\b(for|of|at)\b", np):
            # "the Belarusian leader": a person the article introduced with a matching role.
            for offset, name in reversed(self.ctx.mentions):
                person = self.ctx.people.get(name)
                if offset < at and person and any(_role_matches(r, head, demonym) for r in person.roles):
                    return name
            found = _recent_person(self.ctx, at, demonym=demonym)
            if found:
                return found
        # An organisation or an unnamed spokesperson: the descriptor itself names it.
        label = " ".join(rest) if det == "the" else " ".join(rest)
        label = re.sub(r"\s+", " ", label).strip()
        full = self._known_org(label)
        if full:
            return full
        if head in _NOUN_GENDER or head in ROLE_NOUNS and head not in ORG_NOUNS:
            self.ctx.people.setdefault(label, Person(label, _NOUN_GENDER.get(head)))
            return label
        if det in ("a", "an") or head in ORG_NOUNS:
            self.ctx.people.setdefault(label, Person(label, is_org=True))
            return label
        return label

    def _known_org(self, label: str) -> str | None:
        low = label.lower()
        for name, person in self.ctx.people.items():
            if person.is_org and (name.lower() == low or name.lower().endswith(" " + low)):
                return name
        return None

    def note(self, speaker: str | None, at: int) -> None:
        if speaker:
            self.last_speaker = speaker
            self.speakers.append((at, speaker))
            person = self.ctx.people.get(speaker)
            if person and person.is_org:
                self.last_org = speaker


_SPOKES = {"spokesman", "spokeswoman", "spokesperson"}


def _spokes_label(words: list[str]) -> str:
    """'spokesman for Darlington Council' and 'Darlington Council spokesman' name the same speaker."""
    text = " ".join(words)
    if m := re.match(r"^(?P<role>(?:[\w-]+\s+)*?(?:spokesman|spokeswoman|spokesperson))\s+(?:for|of|at)\s+(?:the\s+)?"
                     r"(?P<org>.+)$", text):
        return f"{m['org']} {m['role']}"
    return text


_LEADER_LIKE = {"leader", "president", "premier", "chancellor", "head", "minister", "chief"}


def _role_matches(role: str, head: str, demonym: str | None) -> bool:
    words = role.lower().split()
    head_ok = head in words or (head in _LEADER_LIKE and any(w in _LEADER_LIKE for w in words))
    if not head_ok:
        return False
    return demonym is None or demonym.lower() in words


def _sentence_start(masked: str, pos: int, floor: int) -> int:
    start = floor
    for m in _SENTENCE_END.finditer(masked, floor, min(pos + 2, len(masked))):
        if m.end() <= pos:
            start = m.end()
    return start


def _sentence_end(masked: str, pos: int, ceiling: int) -> int:
    m = _SENTENCE_END.search(masked, pos, ceiling)
    return m.start() + 1 if m else ceiling


def _attribute(span: Span, ctx: Context, resolver: _Resolver) -> Attribution | None:
    text, masked = ctx.article.text, ctx.masked
    lo, hi = ctx.article.paragraphs[span.paragraph]
    close = span.close_at + 1 if span.close_at is not None else span.end
    after = masked[close:_sentence_end(masked, close, hi)]
    if text[span.end - 1:span.end] in (".", "!", "?") and after.lstrip()[:1].isupper():
        after = ""  # the quote closed its sentence: what follows is the next sentence
    # 1. Speaker right after the quote: `"...," the Belarusian leader said.` / `"...," said Mr Blair.`
    if m := _AFTER_NP_VERB.match(after):
        if not _bad_np(m.group("np")):
            return _attr(resolver, m.group("np"), close + m.start("np"), m.group("verb"), m.group("obj"))
    if m := _AFTER_VERB_NP.match(after):
        if not _bad_np(m.group("np")):
            return _attr(resolver, m.group("np"), close + m.start("np"), m.group("verb"), None)
    # 2. Speaker right before it: `Lukashenko added: "..."` / `X wrote next to the clip: "..."`.
    sent_start = _sentence_start(masked, span.open_at, lo)
    before = masked[sent_start:span.open_at]
    if m := _BEFORE_NP_VERB.search(before):
        if not _bad_np(m.group("np")) and "~" not in m.group("tail"):
            return _attr(resolver, m.group("np"), sent_start + m.start("np"), m.group("verb"), m.group("tail"))
    if m := _QUOTES_NP.match(after):
        return _attr(resolver, m.group("np"), close + m.start("np"), "quoted by the paper", None)
    if (m := _PASSIVE_BY.match(after)) and _PASSIVE_BEFORE.search(before):
        return _attr(resolver, m.group("np"), close + m.start("np"), "branded", None)
    if m := _PARENTHETICAL.search(before):
        if not _bad_np(m.group("np")):
            return _attr(resolver, m.group("np"), sent_start + m.start("np"), m.group("verb"), None)
    if span.continues:
        return None  # a continuation belongs to the quote it continues unless named right beside it
    # 3. A partial quote inside reported speech: the subject of the clause that carries it.
    sentence = masked[sent_start:_sentence_end(masked, close, hi)]
    if m := _ACCORDING.search(sentence):
        return _attr(resolver, m.group("np"), sent_start + m.start("np"), "according to", None)
    for m in _SUBJECT_VERB.finditer(before):
        if not _bad_np(m.group("np")):
            return _attr(resolver, m.group("np"), sent_start + m.start("np"), m.group("verb"), None)
    # 4. Speaker after the quote later in the same sentence: `"...", was how X put it`.
    for m in _SUBJECT_VERB.finditer(after):
        if not _bad_np(m.group("np")):
            return _attr(resolver, m.group("np"), close + m.start("np"), m.group("verb"), None)
    return None


def _bad_np(np: str) -> bool:
    first = np.split()[0]
    return first in {"This", "That", "There", "What", "Which", "Who", "It's", "Its"} or first.lower() in {
        "we", "i", "you"}


def _attr(resolver: _Resolver, np: str, at: int, verb: str, obj: str | None) -> Attribution:
    np = np.strip().rstrip(",")
    cue = verb
    obj = (obj or "").strip(" .,:;")
    if obj and verb in ("told", "tells"):
        target = obj.strip().split()
        if target and (re.match(_CAP, target[0]) or target[0] in ("reporters", "the")):
            cue = f"{verb} {' '.join(target[:2]) if target[0] == 'the' else target[0]}"
    return Attribution(resolver.resolve(np, at), np, cue)


def _kind(span: Span, ctx: Context, quote_text: str) -> str:
    masked = ctx.masked
    lo, _ = ctx.article.paragraphs[span.paragraph]
    lead = masked[_sentence_start(masked, span.open_at, lo):span.open_at].rstrip()
    starts_upper = bool(re.match(r"[\W_]*[A-Z0-9]", quote_text))
    if span.continues or not lead or lead.endswith((":", ",", "~")):
        return "direct" if starts_upper or span.continues else "partial"
    return "partial"


def extract_quotes(article: Article) -> tuple[list[Quote], list[tuple[str, str, str]]]:
    """All quotations with speakers, and (speaker_key, role, article_id) rows for the speaker index."""
    spans = find_spans(article.text, article.paragraphs)
    ctx = Context(article=article, masked=_mask(article.text, spans))
    _collect_people(ctx)
    resolver = _Resolver(ctx)
    attributions: list[Attribution | None] = [_attribute(s, ctx, resolver) or None for s in spans]
    # Resolution is order-sensitive (pronouns look back), so resolve again in reading order.
    resolver = _Resolver(ctx)
    quotes: list[Quote] = []
    previous: Quote | None = None
    for i, span in enumerate(spans):
        attribution = _attribute(span, ctx, resolver)
        text = article.text[span.start:span.end]
        speaker, mention, cue = (attribution.speaker, attribution.mention, attribution.cue) if attribution \
            else (None, "", "")
        if speaker is None:
            inherited = _inherit(span, spans, i, attributions, previous, ctx)
            if isinstance(inherited, Quote):
                speaker, mention, cue = inherited.speaker, inherited.speaker_mention, inherited.cue
            elif inherited:
                speaker, mention, cue = inherited.speaker, inherited.mention, inherited.cue
        kind = _kind(span, ctx, text)
        if _is_label(text, ctx.masked[max(0, span.open_at - 20):span.open_at], attribution):
            continue
        if speaker is None and (kind == "partial" or len(text.split()) < 4):
            continue  # a title, nickname or scare quote with nobody saying it is not a quotation
        quote = Quote(
            id=f"{article.id}:{article.content_hash[:8]}:q{len(quotes)}", article_id=article.id, text=text,
            start=span.start, end=span.end, speaker=speaker, speaker_mention=mention, cue=cue, kind=kind,
            paragraph=span.paragraph,
        )
        resolver.note(speaker, span.open_at)
        quotes.append(quote)
        previous = quote
    roles = [(name_key(p.name), role, article.id) for p in ctx.people.values() for role in p.roles
             if any(q.speaker == p.name for q in quotes)]
    return quotes, roles


_SO_CALLED = re.compile(r"so-called\s*$")
_NAMED = re.compile(r"\b(?:dubbed|named|titled|entitled|known as|called)\s*$")


def _is_label(text: str, before: str, attribution: Attribution | None) -> bool:
    """A name or label in quotation marks ('so-called "smart bottle"', 'a drink called "Fizz"'), not words."""
    if text.lower().startswith("so-called") and len(text.split()) <= 4:
        return True
    return bool(_SO_CALLED.search(before)) or (attribution is None and bool(_NAMED.search(before)))


def _inherit(span: Span, spans: list[Span], i: int, attributions: list[Attribution | None],
             previous: Quote | None, ctx: Context) -> Quote | Attribution | None:
    """An unattributed quote belongs to the quote it continues, or to the next one in its paragraph."""
    if previous is not None and previous.speaker:
        if span.continues or previous.paragraph == span.paragraph:
            return previous
        if span.paragraph - previous.paragraph == 1 and (_stands_alone(span, ctx) or _opens_paragraph(span, ctx)):
            return previous
    for j in range(i + 1, len(spans)):
        if spans[j].paragraph != span.paragraph or not spans[j].continues:
            break
        if attributions[j] and attributions[j].speaker:  # type: ignore[union-attr]
            return Attribution(attributions[j].speaker, attributions[j].mention, attributions[j].cue)  # type: ignore[union-attr]
    if i + 1 < len(spans) and spans[i + 1].paragraph == span.paragraph and attributions[i + 1]:
        nxt = attributions[i + 1]
        if nxt and nxt.speaker:
            return nxt
    return None


def _opens_paragraph(span: Span, ctx: Context) -> bool:
    lo, _ = ctx.article.paragraphs[span.paragraph]
    return span.open_at == lo


def _stands_alone(span: Span, ctx: Context) -> bool:
    lo, hi = ctx.article.paragraphs[span.paragraph]
    rest = ctx.masked[lo:hi].replace("~", "").strip(" .,\n")
    return len(rest) < 3

"""How an article's mentions resolve to the people and organisations it names: a name to its fullest form, a
pronoun to the latest compatible subject, a description to the person whose role fits, a spokesperson to whom
they speak for. `ArticleEntities` (entities.py) gathers what this reads."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from rapidfuzz.distance import DamerauLevenshtein
from spacy.tokens import Token

from bot.quotes.mentions import _AGE, NATIONALS, Mention
from bot.quotes.names import first_names
from bot.speakers import DEMONYM, ORG_NOUNS, PARTIES, ROLE_NOUNS, TITLES, TYPO_LENGTH

# Nouns ending like a trade ('producer', 'retailer') that nonetheless name people.
_PERSON_ENDINGS_EXCEPT = {"zealander", "islander", "father", "mother", "brother", "sister", "daughter", "leader",
                          "speaker", "player",
                          "lawyer", "officer", "owner", "partner", "manager", "worker", "voter", "teacher",
                          "singer", "writer", "director", "editor", "actor", "doctor", "senator", "governor",
                          # ("the two-time Academy Award winner" was the organisation 'Academy Award')
                          "winner", "runner", "keeper", "boxer", "golfer", "rider", "jumper", "swimmer", "skater",
                          "dancer", "rapper", "supporter", "protester", "fighter", "bowler", "racer", "driver",
                          "rower", "sprinter", "hurdler", "trainer", "songwriter", "designer", "photographer",
                          "lecturer", "commander", "prisoner", "newcomer", "youngster", "teenager", "star",
                          # ('"…" said the giant winger' had been Twickenham, the organisation named before)
                          "winger", "flanker", "hooker", "skipper", "wicketkeeper", "opener", "all-rounder",
                          "left-hander", "right-hander", "pensioner", "villager", "passenger", "survivor",
                          "councillor", "inspector", "conductor", "composer", "counsellor", "campaigner"}


_PEOPLE = frozenset({"athlete", "champion", "international", "veteran", "man", "woman", "boy", "girl"})
ONLY_ONE_NAMED = 0.7  # a description of a person when the article has named only that one person so far
AGE_REACH = 800  # characters an age description looks back for the one person the story is about

# Bodies a description finds only by their own name ("the festival": the Berlin Film Festival).
_NAMED_ONLY = frozenset({"festival", "university", "school", "hospital", "museum", "exchange", "studio", "channel",
                         "magazine", "bourse"})
_TITLE_WORDS = "|".join(sorted(TITLES))  # a regular expression's alternatives: any title before a name
_CONTINENTAL = frozenset({"European", "African", "Asian", "Oceanian"})
# Who speak for someone the article may leave to the sentences before ("said a spokesman").
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})

# Things that report ("the statement added"): they speak for whoever the article quoted from them.
_THINGS = frozenset({"statement", "report", "letter", "release", "note", "email", "post", "message"})
# What a person writes or makes that can say something, unlike a statement their spokesman issues: the author's.
# (Not "the paper": a newspaper speaks for itself; nor a film or documentary, which shows someone speaking.)
_WORKS = frozenset({"book", "biography", "memoir", "memoirs", "autobiography", "study", "survey", "article", "column",
                    "essay"})
_WRITINGS = _THINGS | {"e-mail", "memo", "blog", "tweet", "speech"}  # what a person writes, in their name
_REPORTS = frozenset({"report"})  # (of those, the ones a body writes, not a person)
# Who runs in a race, besides those holding a post ("Republican contender Donald Trump").
_CONTENDERS = frozenset({"nominee", "contender", "hopeful", "front-runner", "frontrunner", "challenger", "incumbent",
                         "rival"})
# The party a description's or a role's word names.
# (Not "conservative", "liberal": an American "conservative activist" may be a Republican committeeman.)
_PARTY_OF = {"republican": "R", "republicans": "R", "gop": "R", "democratic": "D", "democrat": "D", "democrats": "D",
             "labour": "L", "tory": "C", "tories": "C"}
# Who plays and who runs the side: "the French international defender" is not the man the article called
# "manager Jose Mourinho" (the parser had made Mourinho a main clause's subject, nearer than Gallas).
_SIDES = (frozenset({"player", "striker", "midfielder", "defender", "goalkeeper", "forward", "winger", "keeper",
                     "full-back", "centre-back", "playmaker"}),
          frozenset({"manager", "boss", "coach", "chairman", "owner", "gaffer"}))
# Papers of a court or a legislature: what one says is no one's words the story names ("The bill proposes
# "control orders"" had been Tony Blair's; "The Commons motion says" the MP's who pledged to take the matter on).
# (Not a lawsuit, a document, a dossier: those are the words of the one who filed or wrote them, as the story's
# subject usually is — "Thomas Slattery filed the suit …. "…," the lawsuit states".)
_FILINGS = frozenset({"bill", "legislation", "motion", "amendment", "treaty", "ruling", "judgment", "judgement",
                      "verdict", "indictment", "warrant", "summons", "writ"})
_LAWS = _FILINGS | {"act"}  # the last word of a law named in full ("the Prevention of Terrorism Bill")


@dataclass
class Entity:
    name: str  # fullest form the article gives, titles stripped
    label: str  # PERSON | ORG
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    titled: bool = False  # the gender came from a title ('Ms James'), not a guess from a first name ('Rhys')
    # (offset, rank): 2 the subject of its sentence's main or reporting verb, 1 another subject, 0 not one
    mentions: list[tuple[int, int]] = field(default_factory=list)
    relative: bool = False  # introduced by a kinship word ('his daughter Ellie Grant')

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


def misspelt_surname(pool: list[Entity], surname: str, gender: str | None) -> Entity | None:
    """'Labour MP Diane Abbot … Ms Abbott described as "painful"': a lone surname no one in the article bears,
    that differs from one person's surname only by a doubled letter, is that person misspelt (reporters
    double and undouble letters; a wider edit distance would join different people). A long one (TYPO_LENGTH
    letters) may be one letter off too, missed, swapped or changed: "Lindsay Davenport … said Daveport",
    "David Monteith … said Mr Montieth" (a short one so near is often another name: Brown, Browne)."""
    # ('The 22-year-old Scot' is a demonym, not Allan Scott misspelt.)
    if len(surname) < 4 or DEMONYM.match(surname) or any(e.tokens[-1] == surname for e in pool):
        return None
    key = _undoubled(surname)
    # ("Princes William and Harry said": a lone first name is no one's surname misspelt.)
    typo = len(surname) >= TYPO_LENGTH and surname.lower() not in first_names()
    near = [e for e in pool if len(e.tokens) > 1 and e.label == "PERSON" and (
                _undoubled(e.tokens[-1]) == key or (typo and len(e.tokens[-1]) >= TYPO_LENGTH and
                                                    DamerauLevenshtein.distance(surname, e.tokens[-1]) == 1))
            and not (gender and e.gender and gender != e.gender)]
    return near[0] if len({e.name for e in near}) == 1 else None


def _undoubled(word: str) -> str:
    return re.sub(r"(.)\1", r"\1", word.lower())


@dataclass
class Resolution:
    name: str | None
    confidence: float


class Resolver:
    """The resolution half of `ArticleEntities`: it reads the people, organisations, spokespeople, speakers and
    sentence starts that class gathers."""

    people: list[Entity]
    orgs: list[Entity]
    spokes: list[Entity]
    speakers: list[tuple[int, str]]
    _things: list[tuple[int, str]]
    _unnamed_bodies: list[int]
    _org_speakers: list[tuple[int, str]]
    _org_groups: list[tuple[int, str]]
    _country_subjects: list[tuple[int, str]]
    _described_orgs: list[tuple[int, str, str]]
    _root_subjects: set[int]
    _sentences: list[int]
    _text: str
    _tokens: list[Token]

    def _sentence(self, offset: int) -> int:
        return bisect_right(self._sentences, offset) - 1

    def canonical(self, mention: Mention) -> Resolution:
        """A name mention to the article's fullest form of it: 'Mr Blair' → 'Tony Blair' when the article
        names only one Blair; 'Sir Ian Blair' stays Ian Blair."""
        tokens = mention.name.split()
        if not tokens or (len(tokens) > 1 and tokens[-1].lower() in _LAWS):
            # "The Prevention of Terrorism Bill proposes "control orders"": a law is nobody's words.
            return Resolution(None, 0.0)
        label = mention.label
        # (Not when the name is someone's already: "Alicia Bannon, senior counsel in the Brennan Center's
        # Democracy Program" is Bannon.)
        owned = [e.name for e in self.people if len(e.tokens) > 1 and e.tokens[-1] != tokens[-1]
                 and re.search(rf"['’]s\s+{re.escape(e.name)}$", mention.text.strip())]
        if len(owned) == 1 and not any(p.tokens[-1] == tokens[-1] for p in self.people):
            # "added Ernst and Young's Sanjay Mehta" (the parser's object "Ernst", the firm's person after it):
            # the person the owner's name leads to.
            return Resolution(owned[0], 0.9)
        if label == "ORG" and any(p.tokens[-1] == tokens[-1] for p in self.people) and len(tokens) <= 3:
            label = ""  # a person the model read as an organisation
        elif label == "ORG" and len(tokens) == 1 and (near := misspelt_surname(self.people, tokens[0], mention.gender)):
            return Resolution(near.name, 0.8)  # … her name misspelt ("Lindsay Davenport … said Daveport")
        pools = [self.people, self.orgs] if label != "ORG" else [self.orgs, self.people]
        for pool in pools:
            exact = [e for e in pool if e.tokens == tokens]
            if exact and len(tokens) == 1 and label != "ORG" and tokens[0] not in PARTIES:
                # "Jamie knew …", "Jamie said" in a story about "Jamie Costin": the one person of that first name
                # (the speaker had been "Jamie"), unless it is someone's surname too, or a titled person's one name
                # ("Prince Charles … Charles said" is not Charles Kennedy). (The article is read for a title only
                # when there is such a person.)
                first = [e for e in pool if len(e.tokens) > 1 and e.tokens[0] == tokens[0]]
                if len(first) == 1 and not any(len(e.tokens) > 1 and e.tokens[-1] == tokens[0] for e in pool) \
                        and not re.search(rf"\b(?:{_TITLE_WORDS})\.?\s+{re.escape(tokens[0])}\b", self._text):
                    return Resolution(first[0].name, 0.9)
            if exact:
                return Resolution(exact[0].name, 0.95)
            longer = [e for e in pool if len(e.tokens) > len(tokens) and e.tokens[-len(tokens):] == tokens]
            if label != "ORG" and longer:
                compatible = [e for e in longer if not (mention.gender and e.gender and mention.gender != e.gender)]
                if compatible and all(e.relative for e in compatible):
                    # "his daughter Ellie Grant", then "Grant said": the surname alone is the one she is
                    # kin to (the article would call her Ellie).
                    return Resolution(mention.name, 0.8)
                if len({e.name for e in compatible}) == 1:
                    return Resolution(compatible[0].name, 0.93)
                if compatible:
                    # Two people share the surname: the one mentioned last before this point.
                    best = max(compatible, key=lambda e: max((o for o, _ in e.mentions if o <= mention.at),
                                                             default=-1))
                    return Resolution(best.name, 0.7)
            if len(tokens) == 1 and label != "ORG":
                first = [e for e in pool if len(e.tokens) > 1 and e.tokens[0] == tokens[0]]
                if len(first) == 1:
                    return Resolution(first[0].name, 0.85)
        if len(tokens) == 1 and label != "ORG":
            near = misspelt_surname(self.people, tokens[0], mention.gender)
            if near is not None:
                return Resolution(near.name, 0.8)
        return Resolution(mention.name, 0.9 if len(tokens) > 1 or label else 0.8)

    def spokes_name(self, mention: Mention) -> str:
        """'spokesman for Blair' → 'spokesman for Tony Blair' when the article names him in full."""
        noun, sep, owner = mention.name.partition(" for ")
        if not sep:
            noun, sep, owner = mention.name.partition(" of ")  # "family of Scott": a relative
        if not sep:
            return mention.name
        full = self.canonical(Mention("name", owner, name=owner, at=mention.at)).name or owner
        return f"{noun}{sep}{full}"

    def note_speaker(self, at: int, name: str, mention: str = "") -> None:
        self.speakers.append((at, name))
        if any(w in _THINGS for w in re.findall(r"[a-z]+", mention.lower())):
            self._things.append((at, name))  # "Mr Crosby's statement said: … It added:"

    def _person(self, name: str) -> Entity | None:
        return next((e for e in self.people if e.name == name), None)

    # pronouns and descriptions -------------------------------------------------------------------
    def pronoun(self, mention: Mention) -> Resolution:
        """'he'/'she' → the latest compatible person before it: a speaker or a subject first."""
        word = mention.text.lower()
        if word in ("you", "one"):
            # 'When you start conceding goals … You think "oh no"': the reader, anyone — no one the story names
            # (a columnist's piece had given the words to Jose Mourinho, whom it was about).
            return Resolution(None, 0.0)
        if word in ("they", "it", "we"):
            unnamed = max((o for o in self._unnamed_bodies if o < mention.at), default=-1)
            if word == "it" and unnamed > max(self._latest_org(mention.at), mention.at - 400):
                # '"In general we included only items that were potentially mobile," said the magazine. "…," it
                # concluded': the body that just spoke, which the article does not name (not the Sony of "the
                # Sony Walkman at number three").
                return Resolution(None, 0.0)
            group = self._group(mention.at, subject_first=word == "it")
            thing = max(((o, n) for o, n in self._things if o < mention.at), default=None)
            if word == "it" and thing is not None and (group.name is None or thing[0] > self._latest_org(mention.at)):
                return Resolution(thing[1], 0.75)
            return group
        own = self._sentence(mention.at)
        candidates: list[tuple[int, str, int]] = []
        families = self._families()
        # '"I said to Harry 'I hope you don't go to Southampton'," he said': not Harry Redknapp, however much
        # the sentence before was about him.
        # (By first name or full name: a surname alone is often a modifier, "the peaceful Trump supporters".)
        named = set(re.findall(r"[A-Z][\w'’-]+", mention.quoted)) if mention.quoted else set()
        spoken_of = {e.name for e in self.people if len(e.tokens) > 1 and len(e.tokens[0]) > 2
                     and e.tokens[0] in named and e.tokens[0] not in TITLES}
        if spoken_of and all(e.name in spoken_of for e in self.people):
            spoken_of = set()  # everyone is named in it: no telling
        for e in self.people + self.spokes:
            if e.name in spoken_of:
                continue
            # A person the article calls by a first name alone ('James', 'Melanie') has that name's gender.
            gender = e.gender or (first_names().get(e.name.casefold()) if len(e.tokens) == 1 else None)
            if (mention.gender and gender and gender != mention.gender) or e.name in families:
                continue
            for offset, rank in e.mentions:
                # In the pronoun's own sentence only a main-clause subject can be it: "Clinton 'caused
                # havoc,' he said" is not Clinton speaking.
                if offset < mention.at and (rank == 2 or self._sentence(offset) != own):
                    candidates.append((offset, e.name, rank))
        if not candidates:
            return self._cataphora(mention, own)
        candidates.sort(reverse=True)
        latest = candidates[0]
        subjects = [c for c in candidates if c[2]]
        if not subjects:
            return Resolution(latest[1], 0.55)
        # The latest sentence with a subject; in it, the main clause's subject before an embedded one.
        sentence = self._sentence(subjects[0][0])
        salient = max((c for c in subjects if self._sentence(c[0]) == sentence), key=lambda c: (c[2], c[0]))
        person = self._person(salient[1])
        # The salient subject's gender is unknown: who else of the pronoun's gender is a candidate.
        unknown = bool(mention.gender) and person is not None and person.gender is None
        fits = {e.name for e in self.people if e.gender == mention.gender} if unknown else set()
        # "Knight and drum 'n' bass star Roni Size have released … She said": the parser made only Size the
        # subject; a person of the pronoun's gender named just before him in that sentence shares it.
        before = [c for c in candidates if c[1] in fits and self._sentence(c[0]) == sentence and c[0] < salient[0]]
        if before:
            # (A subject among them first: "Benitez hailed Gerrard for his … strike and also the Anfield crowd …"
            # is Benitez, not the man he praised, named after him.)
            return Resolution(max(before, key=lambda c: (c[2] > 0, c[0]))[1], 0.7)
        # "Henman came from two sets down to defeat Saulnier …, so he knows he faces a tough test": a person of the
        # pronoun's gender named earlier in its own sentence, whatever clause, before one of unknown gender
        # further back (Lindsay Davenport had become a "he" that way, and taken Henman's words).
        if unknown and sentence != own:
            # (A subject of one of its clauses: not Saulnier, whom Henman defeated, nor "The 31-year-old was third
            # behind Hayley Yelling and Justyna Bak …, but she prefers …": the runners she finished behind.)
            here = max(((o, e.name) for e in self.people if e.name in fits and e.name not in spoken_of
                        for o, rank in e.mentions if rank and self._sentence(o) == own and o < mention.at),
                       default=None)
            if here is not None:
                return Resolution(here[1], 0.7)
        if salient[1] == latest[1]:
            rivals = {c[1] for c in candidates[:6] if c[1] != salient[1] and c[0] > latest[0] - 400}
            confidence = 0.9 if not rivals else 0.8
            if not salient[1]:
                return Resolution(None, 0.0)  # a spokesperson the article does not place
            # "Karen Brady … She added": later pronouns know her — unless someone of that gender was named
            # beside her ("Knight and … Roni Size have released … She said": the parser's subject was Size).
            beside = any(c[1] in fits and self._sentence(c[0]) >= sentence for c in candidates)
            if unknown and not beside:
                person.gender = mention.gender  # type: ignore[union-attr]
            return Resolution(salient[1], confidence)
        # A more recent non-subject mention sits between: the subject usually still holds the floor. Not when that
        # mention is whoever the article quoted last, named again since the subject's sentence ("… but Ivan
        # Helguera headed past keeper Antonio Doblas. Victory took Real … and Owen is confident Real can close the
        # gap. He added:" is Owen, whom the story quoted before, not the scorer) — in a sentence not about someone
        # it describes ("The prime minister shrugged off claims from … Michael Howard that he led a "grubby
        # government". He said" is not Howard).
        last = max(self.speakers, default=None, key=lambda s: s[0] if s[0] < mention.at else -1)
        if last is not None and last[0] < mention.at and last[1] == latest[1] and latest[1] \
                and self._sentence(latest[0]) > sentence and not self._described_subject(latest[0]):
            return Resolution(latest[1], 0.65)
        return Resolution(salient[1] or None, 0.65 if salient[1] else 0.0)

    def _described_subject(self, offset: int) -> bool:
        """Whether the main subject of the sentence holding `offset` is a person described, not named ("The prime
        minister shrugged off …")."""
        sentence = self._sentence(offset)
        root = next((t for t in self._tokens if t.dep_ == "ROOT" and self._sentence(t.idx) == sentence), None)
        # (Not "said BIFA founder and director Elliot Grove": a role with its name.)
        return root is not None and any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lower_ in ROLE_NOUNS
                                        and not any(t.ent_type_ == "PERSON" for t in c.subtree) for c in root.children)

    def _cataphora(self, mention: Mention, sentence: int) -> Resolution:
        """'He called it his "masochism strategy" in the run-up to the war and now Tony Blair has signed up for
        more': a pronoun nobody comes before is the person its own sentence goes on to make its subject."""
        later = sorted((o, e) for e in self.people for o, rank in e.mentions
                       if rank == 2 and o > mention.at and self._sentence(o) == sentence
                       and not (mention.gender and e.gender and e.gender != mention.gender))
        return Resolution(later[0][1].name, 0.6) if later else Resolution(None, 0.0)

    def _spokesperson(self, mention: Mention) -> Resolution:
        """'Transport 2000 said the freeze sends the wrong message. "We are concerned …," said a spokesman':
        a spokesperson the article gives no owner speaks for what it was just talking about — the person
        it introduced in that role, the spokesperson it named, or else the organisation it last named."""
        recent = mention.at - 400
        holders = [(max(o for o, _ in e.mentions if o < mention.at), e.name) for e in self.people
                   if any(mention.head in r.lower().split() for r in e.roles)
                   and any(recent < o < mention.at for o, _ in e.mentions)]
        if holders:
            return Resolution(max(holders)[1], 0.75)
        named = [(o, e.name) for e in self.spokes for o, _ in e.mentions if recent < o < mention.at]
        orgs = [(o, name) for o, name in self._org_speakers if recent < o < mention.at]
        # ... or the body the sentence just before is about, speaking or not: "The Association of Chief Police
        # Officers has issued guidance to forces …. A spokesman said:" (not the League Against Cruel Sports,
        # which "say" they will monitor hunts, a sentence earlier).
        before = self._sentence(mention.at) - 1
        orgs += [(o, e.name) for e in self.orgs for o, _ in e.mentions
                 if o in self._root_subjects and self._sentence(o) == before and recent < o < mention.at
                 and not all(t.lower() in ORG_NOUNS for t in e.tokens)]  # (not "Department" of "The Justice …")
        # Whichever came last: 'Scotland Yard said …' after another body's spokesman moves the floor.
        if named and (not orgs or max(named)[0] > max(orgs)[0]):
            return Resolution(max(named)[1] or None, 0.75 if max(named)[1] else 0.0)
        if orgs:
            return Resolution(f"{mention.head} for {max(orgs)[1]}", 0.7)
        return Resolution(None, 0.0)

    def _families(self) -> set[str]:
        """'the Clintons', 'the Bushes': a family named in the plural is not the 'he' or 'she' of a quote."""
        surnames = {p.tokens[-1] for p in self.people if len(p.tokens) > 1}
        return {e.name for e in self.people if len(e.tokens) == 1 and e.name.endswith("s")
                and (e.name[:-1] in surnames or (e.name.endswith("es") and e.name[:-2] in surnames))}

    def _latest_org(self, at: int) -> int:
        return max((o for e in self.orgs for o, _ in e.mentions if o < at), default=-1)

    def _group(self, at: int, noun: str = "", subject_first: bool = False) -> Resolution:
        named = [(o, e.name) for e in self.orgs if noun and noun in e.name.lower().split()
                 for o, _ in e.mentions if o < at]
        if named:
            return Resolution(max(named)[1], 0.7)
        # "China's foreign ministry also weighed in …. "…," the ministry said": the body the article described
        # by that noun, though no name was tagged — when no organisation was named since ("US magazine Rolling
        # Stone … the magazine reported" is Rolling Stone's).
        spelled = [(o, name) for o, name, kind in self._described_orgs if noun and kind == noun and o < at]
        if spelled and max(spelled)[0] > self._latest_org(at):
            return Resolution(max(spelled)[1], 0.65)
        # '"…," said the firm' after "copy protection firm Macrovision" and its "new RipGuard technology": the
        # organisation the article called a firm, not the latest name.
        described = [(o, e.name) for e in self.orgs if noun and any(noun in r.lower().split() for r in e.roles)
                     for o, _ in e.mentions if o < at]
        if described:
            return Resolution(max(described)[1], 0.7)
        if noun in _NAMED_ONLY:
            # "The festival praises him" after the film "Gangs Of New York": a festival, a school, a studio
            # is one whose name says so, never the latest organisation of another kind.
            return Resolution(None, 0.0)
        if subject_first:
            # "Intel filed a document … in defence of Grokster. It summed up …": 'it' is the organisation the
            # last sentences had doing something, not one merely named after it ('they' is often a body
            # named since: "deemed … by Manchester United's board when they rejected his approach").
            own = self._sentence(at)
            subjects = self._acting_orgs(at) + [(o, name) for o, name in self._country_subjects
                                                if o < at and own - 2 <= self._sentence(o)]
            if subjects:
                return Resolution(max(subjects)[1], 0.65)
        if noun in ORG_NOUNS:
            # "Microsoft has said it will replace … power cables for its Xbox consoles …. The company said": the
            # organisation the sentences just before had doing something, not a product or body merely named after
            # it (the words had been Xbox's).
            acting = [(o, name) for o, name in self._acting_orgs(at) if noun == "party" or name not in PARTIES]
            if acting:
                return Resolution(max(acting)[1], 0.6)
        best: tuple[int, str] | None = None
        for e in self.orgs:
            if noun and noun != "party" and e.name in PARTIES:
                continue
            for offset, _ in e.mentions:
                if offset < at and (best is None or offset > best[0]):
                    best = (offset, e.name)
        return Resolution(best[1], 0.6) if best else Resolution(None, 0.0)

    def _acting_orgs(self, at: int) -> list[tuple[int, str]]:
        """(offset, name) of each organisation a clause's subject in the sentence holding `at` or the two before it."""
        own = self._sentence(at)
        return [(o, e.name) for e in self.orgs for o, rank in e.mentions
                if rank and o < at and own - 2 <= self._sentence(o)]

    def _written_as_name(self, word: str, full_only: bool = False) -> str | None:
        """The word written as a name somewhere in the article: after a known first name or initials ("JK
        Rowling", the fullest such form), or capitalised inside a sentence ("… said Rowling")."""
        full = [m.group(1) + word for m in re.finditer(rf"\b((?:(?:[A-Z]{{1,3}}|[A-Z]\.(?:\s?[A-Z]\.)?|[A-Z][a-z]+)\s)+){word}\b",
                                                      self._text)
                if all(w.lower() in first_names() or w.isupper() or "." in w for w in m.group(1).split())]
        if full:
            return max(full, key=len)
        return word if not full_only and re.search(rf"[a-z,;:]\s+{word}\b", self._text) else None

    def _next_paragraph_subject(self, mention: Mention) -> str | None:
        """The person who is the main subject of the first sentence of the paragraph after the mention's, when
        their gender does not contradict the mention's."""
        start = self._text.find("\n", mention.at)
        if start < 0:
            return None
        while start < len(self._text) and self._text[start].isspace():
            start += 1
        first = self._sentence(start)
        found = [(o, e) for e in self.people for o, _ in e.mentions
                 if o in self._root_subjects and o >= start and self._sentence(o) == first]
        if not found:
            return None
        person = min(found, key=lambda x: x[0])[1]
        return person.name if mention.gender is None or person.gender in (None, mention.gender) else None

    def description(self, mention: Mention) -> Resolution:
        """'the minister', 'the 27-year-old', 'the firm' → an entity the article already introduced."""
        # ('Souness - who refused to name him - said': the head, not the words around it, is the surname.)
        word = mention.text.strip() if " " not in mention.text.strip() else mention.head
        party = re.sub(r"^the\s+", "", mention.text.strip(), flags=re.IGNORECASE)
        if party in PARTIES:
            # 'Labour say a Lib Dem vote could "let the Tories in"': the party speaks, as a body (the words had
            # gone to Charles Kennedy, the person the story was about).
            return Resolution(party, 0.8)
        if word[:1].isupper() and " " not in word:
            # A surname the model tagged as a common noun ('Trump went on'): the person it names here.
            named = {e.name for e in self.people if e.tokens[-1] == word and len(e.tokens) > 1}
            if len(named) == 1:
                return Resolution(named.pop(), 0.85)
            # (An organisation the model tagged only when written with a first name or initials: "Sonaptic hopes
            # the technology will …" is the firm's plan, not who goes on speaking.)
            written = self._written_as_name(word, any(e.tokens[-1] == word for e in self.orgs)) \
                if word.lower() not in ROLE_NOUNS | ORG_NOUNS else None
            if written is not None:
                # "Rowling said she had plenty of time …" (a noun to the model, no person tagged): a name the
                # article writes after a first name or initials ("JK Rowling"), or inside a sentence — not
                # the subject of the sentences before (Amazon's Robin Terrell).
                return Resolution(written, 0.8)
        head = mention.head
        if head in _SPOKESPEOPLE:
            spoke = self._spokesperson(mention)
            if spoke.name is not None:
                return spoke
        # "The head of the NHTCU, Acting Detective Chief Superintendent, Mick Deats": a description that ends in
        # a name set off by a comma is that person (not "a spokesman for Tony Blair": no comma, no apposition).
        # So is one ending in an owner's person: "War on Want's John Hilary said" (the parser made "War" the
        # subject; the description had gone to Gordon Brown, the story's subject).
        ending = [e.name for e in self.people if len(e.tokens) > 1
                  and re.search(rf"(?:,\s*(?:[A-Z][\w.]*\s+)?|['’]s\s+){re.escape(e.name)}$", mention.text.strip())]
        if len(set(ending)) == 1:
            return Resolution(ending[0], 0.9)
        if not mention.definite:
            return Resolution(None, 0.0)
        if mention.kin:
            # "Donald Trump spoke on Monday. His wife said": a relative is whoever the article gave that
            # role ("his wife, Melania,"), never the one the sentences before were about.
            kin = [e for e in self.people if any(head in r.lower().split() for r in e.roles)
                   and any(o < mention.at for o, _ in e.mentions)]
            return Resolution(kin[-1].name, 0.6) if len(kin) == 1 else Resolution(None, 0.0)
        if mention.plural and head not in ORG_NOUNS:
            # "These sources, the lawyers said, …" after John McCain: people in the plural are none of those
            # named one by one.
            return Resolution(None, 0.0)
        if head in _FILINGS:
            return Resolution(None, 0.0)
        if head in _WORKS:
            # "The book, by Sunday Telegraph journalist Robert Peston …, said the pair had "…"": its author's
            # words, when it names one the article names; never the person quoted just before (Tony Blair).
            by = [e.name for e in self.people if len(e.tokens) > 1
                  and re.search(rf"\bby\b[^,;]*\b{re.escape(e.name)}\b", mention.text)]
            return Resolution(by[0], 0.8) if len(set(by)) == 1 else Resolution(None, 0.0)
        owner = re.match(rf"(?:(?:{_TITLE_WORDS})\.?\s+)?((?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+)['’]s\s+[\w-]+$",
                         mention.text.strip())
        # (The word as written: the tokenizer splits "e-mail".)
        if owner is not None and re.match(r"[\w-]*", self._text[mention.at:]).group(0).lower() in _WRITINGS:
            # "Mr Campbell's e-mail, which was apparently intended for a party official, suggested …. In it, he said":
            # a named person's writing speaks for its writer (the "he" had gone to the man it named).
            writer = self._person(self.canonical(Mention("name", owner[1], name=owner[1], at=mention.at)).name or "")
            if writer is not None:
                return Resolution(writer.name, 0.8)
        if head in _THINGS and mention.text.lower().split()[:1] in (["its"], ["their"]):
            # '"…," says its report' after "The commission says capping donations would …": the body the
            # sentences before had doing something.
            return self._group(mention.at, subject_first=True)
        if head in _THINGS:
            # "the statement added": whoever the article last quoted from it. A report is an organisation's:
            # "Oxfam says in a report … "…," Oxfam's Barbara Stocking said. … The report said: "…"" is not
            # Stocking's (the one last quoted, but no report's author).
            previous = [name for offset, name in self.speakers if offset < mention.at]
            if previous and head in _REPORTS and self._person(previous[-1]) is not None:
                return Resolution(None, 0.0)
            return Resolution(previous[-1], 0.75) if previous else Resolution(None, 0.0)
        if head in ORG_NOUNS or (head not in ROLE_NOUNS and mention.gender is None and head.endswith(("er", "or"))
                                 and head not in _PERSON_ENDINGS_EXCEPT):
            # "the company", "the UK's biggest coal producer": the organisation last named — one whose name
            # holds the noun first ("the police": the Metropolitan Police), and a party only as "the party"
            # ("police … said" was the Lib Dems').
            if mention.text.lower().split()[-1] != head:
                # "the companies said": several organisations the article just joined, never one of them.
                groups = [g for g in self._org_groups if mention.at - 600 < g[0] < mention.at]
                return Resolution(max(groups)[1], 0.7) if groups else Resolution(None, 0.0)
            return self._group(mention.at, head)
        words = {w for w in mention.text.lower().split() if w not in ("the", "a", "an", "this", "that")}
        with_role = [e for e in self.people if any(head and head in r.lower().split() for r in e.roles)
                     and any(o < mention.at for o, _ in e.mentions)]
        if not with_role:  # "the Russian leader" for "Russian President Vladimir Putin"
            # (A post for a post: "The Florida senator" is not the "Florida primary winner" Donald Trump; and not
            # another party's: "The Republican presidential nominee" is not the "Democratic presidential candidate".)
            with_role = [e for e in self.people if any(
                words & set(r.lower().split()) and set(r.lower().split()) & (ROLE_NOUNS | _CONTENDERS)
                and not _other_party(words, set(r.lower().split())) for r in e.roles)
                and any(o < mention.at for o, _ in e.mentions)]
        # "his former chief economic adviser" is someone other than the "he" it belongs to: not the person the
        # sentences just before are about ("Chancellor Gordon Brown will meet his golden rule "with a margin to
        # spare", according to his former chief economic adviser" is Ed Balls, named next).
        # (A person serving them, not a thing of theirs: "His sales pitch adds" is his own words.)
        owned = mention.text.lower().split()[:1] in (["his"], ["her"], ["their"]) and head in ROLE_NOUNS
        if not with_role and self._sentence(mention.at) <= 1 and (owned or not any(
                o < mention.at for e in self.people for o, _ in e.mentions)):
            # "Scotland's justice minister has warned … that she wants to hit them "where it hurts most"", then
            # "Justice Minister Cathy Jamieson said": a lede describes whom the story names further down.
            later = [e for e in self.people if any(head and head in r.lower().split() for r in e.roles)
                     and len(words & {w for r in e.roles for w in r.lower().split()}) >= min(2, len(words))
                     and (mention.gender is None or e.gender in (None, mention.gender))]
            if later:
                first = min(later, key=lambda e: min(o for o, _ in e.mentions))
                return Resolution(first.name, 0.6)
            # ... or names as the subject of the next paragraph's first sentence without the title ("Cathy
            # Jamieson said exclusion orders …"): BBC ledes describe; the second paragraph names.
            named = self._next_paragraph_subject(mention) if head in ROLE_NOUNS else None
            if named is not None:
                return Resolution(named, 0.55)
        if with_role:
            # "the vice president" is the one whose role says "Vice President", not the latest "President".
            fit = {e.name: max(len(words & set(r.lower().split())) for r in e.roles) for e in with_role}
            closest = max(fit.values())
            fitting = [e for e in with_role if fit[e.name] == closest]
            best = max(fitting, key=lambda e: max(o for o, _ in e.mentions if o < mention.at))
            return Resolution(best.name, 0.8 if len(fitting) == 1 else 0.65)
        demonyms = {w.capitalize() for w in words if DEMONYM.match(w.capitalize())}
        # (A nationality as a noun too: '"…," said the New Zealander' after Peter Jackson; "the Briton" is
        # the one an article called British.)
        nationals = [NATIONALS[w] for w in words if w in NATIONALS]
        demonyms |= {a for a in nationals if a}
        if demonyms or nationals:
            # "the Russian leader": the latest person before it whose roles name no other nationality — the
            # subject of the sentences just before when there is one ("Hewitt beat Roddick … said the
            # Australian": the sentence is about Hewitt).
            # (A continent's adjective is a title's, no nationality: "said the European cross-country champion"
            # is British team member Hayley Yelling.)
            national = demonyms - _CONTINENTAL
            continental = bool(demonyms) and not national

            def clashes(e: Entity) -> bool:
                theirs = {w for r in e.roles for w in r.split() if DEMONYM.match(w)}
                return (bool(theirs) and not continental and not theirs & national) or _other_side(head, e)
            fitting = [e for e in self.people if any(o < mention.at for o, _ in e.mentions) and not clashes(e)]
            subjects = [(o, e) for e in fitting for o, rank in e.mentions
                        if rank == 2 and mention.at - 300 < o < mention.at]
            if subjects:
                return Resolution(max(subjects, key=lambda x: x[0])[1].name, 0.6)
            before = [(max(o for o, _ in e.mentions if o < mention.at), e) for e in fitting]
            if before:
                return Resolution(max(before, key=lambda x: x[0])[1].name, 0.6)
        # "…, said Charles Kennedy. In his message the Liberal Democrat leader said": the person the
        # article was just talking about, when one stands out as the subject.
        # An age ("said the 30-year-old") describes the person the story is about, often named a paragraph
        # up ("Double Olympic champion Hicham El Guerrouj is set to …. But the Moroccan …"): a wider look back.
        reach = AGE_REACH if _AGE.search(mention.text) else 300
        # "The actor's friend Budd Schulberg told Vanity Fair … The actor repeatedly refused": whoever the
        # article defines by the described one ("the actor's friend") is not them.
        related = {e.name for e in self.people if head and any(
            re.search(rf"\b{re.escape(head)}['’]s\b", self._text[max(0, o - 40):o], re.IGNORECASE)
            for o, _ in e.mentions)}
        recent = sorted(((o, e.name) for e in self.people for o, subject in e.mentions
                         if subject and mention.at - reach < o < mention.at and e.name not in related), reverse=True)
        # A person described when the article has named no one else yet is surely them, however far back
        # ("Arsenal's Sol Campbell has called …. "…," the defender told The Guardian. "…" "…"': the third
        # quotation had fallen below the threshold; "said the East Kilbride athlete" a paragraph after the name).
        # (Far back only when they are the subject of the story's first sentence: "A major distributor of pirated
        # DVDs … Jayanti Amarishi Buhecha …. The judge in the case said" is not Buhecha.)
        named = [e for e in self.people if any(o < mention.at for o, _ in e.mentions)]
        if len(named) == 1 and not owned and (head in ROLE_NOUNS or head in _PERSON_ENDINGS_EXCEPT or head in _PEOPLE) \
                and not related and not _other_side(head, named[0]) \
                and (mention.gender is None or named[0].gender in (None, mention.gender)):
            only = named[0]
            lede = any(rank == 2 and self._sentence(o) == 0 for o, rank in only.mentions)
            if lede or (recent and {n for _, n in recent} == {only.name}):
                return Resolution(only.name, ONLY_ONE_NAMED)
        if recent and len({n for _, n in recent}) == 1 and not owned:
            return Resolution(recent[0][1], 0.55)
        # "Mr Kilroy-Silk announced his plans …. The East Midlands MEP, who quit …, wants": the one person
        # the sentence just before was about (its main subject), when no gender says otherwise.
        before = self._sentence(mention.at) - 1
        main = {e.name: e for e in self.people for o, _ in e.mentions
                if o in self._root_subjects and self._sentence(o) == before and o < mention.at
                and e.name not in related}
        # (A person noun too: "Meanwhile, Perpignan centre Jean-Philippe Granclaude is delighted …. "…," the
        # youngster said" — not "the man", often someone new: "Fellow guest Ruth Kelly MP was also hit by the
        # slurry. Mr Kilroy-Silk said the man … claimed he was "…"".)
        # (An age as well: 'Minar, ranked 158th in the world, was forced to pull out …. "…," said the 20-year-old'
        # is Minar, not Hewitt, whom the story quoted before.)
        if len(main) == 1 and (head in ROLE_NOUNS or head in _PERSON_ENDINGS_EXCEPT or _AGE.search(mention.text)) \
                and not owned:
            only = next(iter(main.values()))
            if mention.gender is None or only.gender in (None, mention.gender):
                return Resolution(only.name, 0.6)
        if head in ROLE_NOUNS:
            # "France's finance minister has said the world faced "economic catastrophe" …. Herve Gaymard said
            # he would …": a role no one just named holds is the person the next sentence brings in as its
            # subject.
            own = self._sentence(mention.at)
            introduced = [(o, e) for e in self.people for o, rank in e.mentions
                          if rank == 2 and self._sentence(o) == own + 1 and o > mention.at
                          and min(x for x, _ in e.mentions) == o]
            if introduced:
                person = min(introduced, key=lambda x: x[0])[1]
                # (Not "the prime minister said … Tory leader Michael Howard accused …": a role of their own
                # that is not this one says it is someone else.)
                other_role = bool(person.roles) and not any(head in r.lower().split() for r in person.roles)
                if (mention.gender is None or person.gender in (None, mention.gender)) and not other_role:
                    return Resolution(person.name, 0.6)
        previous = [name for offset, name in self.speakers if offset < mention.at]
        if previous and self._person(previous[-1]) is not None and not owned:
            return Resolution(previous[-1], 0.45)
        return Resolution(None, 0.0)


def _other_party(words: set[str], role: set[str]) -> bool:
    """The description names one party and the role another ("Republican" and "Democratic")."""
    theirs, ours = {_PARTY_OF.get(w) for w in role} - {None}, {_PARTY_OF.get(w) for w in words} - {None}
    return bool(theirs and ours and not theirs & ours)


def _other_side(head: str, entity: Entity) -> bool:
    """The description's head plays and the person runs the side, or the other way round, by the roles the
    article gave them."""
    theirs = {w.lower() for r in entity.roles for w in r.split()}
    return any(head in side and theirs & other for side, other in (_SIDES, _SIDES[::-1]))

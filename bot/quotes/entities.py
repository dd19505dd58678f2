"""The people and organisations one article names, and how its mentions resolve to them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from bot.quotes.cues import is_cue
from bot.quotes.mentions import (
    _AGE,
    _NOUN_GENDER,
    RELATIVE,
    SPOKES,
    TEAM_WORDS,
    Mention,
    _clean,
    _org_word,
    describe,
)
from bot.quotes.names import first_names, name_gender
from bot.speakers import DEMONYM, ORG_NOUNS, PARTIES, ROLE_NOUNS, TITLES

# Nouns ending like a trade ('producer', 'retailer') that nonetheless name people.
_PERSON_ENDINGS_EXCEPT = {"father", "mother", "brother", "sister", "daughter", "leader", "speaker", "player",
                          "lawyer", "officer", "owner", "partner", "manager", "worker", "voter", "teacher",
                          "singer", "writer", "director", "editor", "actor", "doctor", "senator", "governor",
                          # ("the two-time Academy Award winner" was the organisation 'Academy Award')
                          "winner", "runner", "keeper", "boxer", "golfer", "rider", "jumper", "swimmer", "skater",
                          "dancer", "rapper", "supporter", "protester", "fighter", "bowler", "racer", "driver",
                          "rower", "sprinter", "hurdler", "trainer", "songwriter", "designer", "photographer",
                          "lecturer", "commander", "prisoner", "newcomer", "youngster", "teenager", "star"}


AGE_REACH = 800  # characters an age description looks back for the one person the story is about

# Who speak for someone the article may leave to the sentences before ("said a spokesman").
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})

# Things that report ("the statement added"): they speak for whoever the article quoted from them.
_THINGS = frozenset({"statement", "report", "letter", "release", "note", "email", "post", "message"})


_KINSHIP = frozenset({"wife", "husband", "mother", "father", "son", "daughter", "brother", "sister", "niece",
                      "nephew", "cousin", "uncle", "aunt", "grandson", "granddaughter", "widow", "widower", "stepson", "stepdaughter"})


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


@dataclass
class Resolution:
    name: str | None
    confidence: float


CHAIN_CONFIDENCE = 0.65  # a pronoun resolved this surely mentions its person for the pronouns after it
_ONE_OF = {"one", "some", "none", "each", "all", "many", "most", "several", "both", "two", "three"}


class ArticleEntities:
    """Entities from the article's named-entity spans outside quotations, with titles, genders and roles."""

    def __init__(self, doc: Doc, inside: set[int]) -> None:
        self.people: list[Entity] = []
        self.orgs: list[Entity] = []
        # "A spokesman for Apacs said the risk was minimal. "…," he said': spokespeople who reported speech,
        # for later pronouns only (their names are no person's name: "Blair" must never match them).
        self.spokes: list[Entity] = []
        self._org_speakers: list[tuple[int, str]] = []  # (offset, name) of organisations that reported speech
        self.speakers: list[tuple[int, str]] = []  # (offset, name) of attributed quotes, in reading order
        self._things: list[tuple[int, str]] = []  # the same, where a statement or letter was quoted
        self._sentences = [s.start_char for s in doc.sents]
        self._text = doc.text
        self._root_subjects: set[int] = set()  # offsets of names that are their sentence's main subject
        self._org_groups: list[tuple[int, str]] = []  # (offset, "A and B") of organisations joined as a subject
        self._inside = inside
        # The small model tags one word both ways ('Apple' ORG, then PERSON two sentences on): a single word
        # it calls an organisation more often than a person, and no person's surname, is an organisation.
        tags = Counter((e.text, e.label_) for e in doc.ents if len(e) == 1)
        org_words = {w for (w, label), n in tags.items() if label == "ORG" and n > tags[(w, "PERSON")]}
        surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        # ... and one it calls a place more often than a person is a place ('Clarkston became his home',
        # a town eight times a GPE, was the 'he' of the man who moved there).
        places = {w for (w, label), n in tags.items() if label in ("GPE", "LOC") and n > tags[(w, "PERSON")]}
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG") or any(t.i in inside for t in ent):
                continue
            if ent.label_ == "PERSON" and len(ent) == 1 and ent.text in places and ent.text not in surnames:
                continue
            lo = ent.start
            while lo > 0 and doc[lo - 1].text.rstrip(".") in TITLES:
                lo -= 1
            name, gender = _clean(list(doc[lo:ent.end]))
            if not name or not name[0].isupper():
                continue
            root = ent.root
            subject = self._subject_rank(root)
            if ent.label_ == "PERSON" and any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in root.children):
                # "… concerns Henry Crespo, president of the Florida Democratic Black Caucus. "No one …," he
                # said': a person introduced with their role is brought in to speak.
                subject = max(subject, 1)
            role = " ".join(t.text for t in ent.root.head.lefts if ent.root.dep_ == "compound"
                            and t.i < ent.start and t.dep_ in ("compound", "amod")) if ent.root.dep_ == "compound" else ""
            # 'Carly Fiorina' read as ORG; 'Lord Tebbit' too (a title only people carry says so).
            misread = name in PARTIES or (len(ent) == 1 and name in org_words and name not in surnames
                                          and gender is None)  # 'Lord Tebbit' tagged ORG is a person
            # "Manchester United's board", "Shareholders United" tagged as people: a team's or a group's name.
            words = [t.lower_ for t in ent if t.lower_ not in ("'s", "’s")]
            misread = misread or (len(words) >= 2 and words[-1] in TEAM_WORDS)
            # "Arsenal's Edu has lifted the lid": the model's one organisation is a club and its player.
            owned = ent.label_ == "ORG" and any(t.tag_ == "POS" for t in ent[:-1]) and len(name.split()) <= 3 \
                and not any(_org_word(w.lower()) or w.isupper() for w in name.split())
            # "copy protection firm Macrovision" (PERSON to the model): what the name is called says otherwise.
            called = _modifier_run(doc, ent.start, ent.end).lower().split()
            misread = misread or (ent.label_ == "PERSON" and bool(called) and called[-1] in ORG_NOUNS
                                  and called[-1] not in ROLE_NOUNS)
            person = (ent.label_ == "PERSON" and not misread) or (ent.label_ == "ORG" and not misread and (
                (2 <= len(name.split()) <= 3 and name_gender(name) is not None) or gender is not None or owned))
            # "her son, Humayun Khan": a kinship word just before the name says whose gender it is.
            lead = [t.lower_ for t in doc[max(ent.start - 3, 0):ent.start]] if person else []
            kin = next((_NOUN_GENDER[w] for w in lead if w in _NOUN_GENDER), None)
            related = any(w in _KINSHIP for w in lead)
            entity = self._add(name, "PERSON" if person else "ORG", gender, kin, related)
            entity.mentions.append((ent.start_char, subject))
            holder = root.head if root.dep_ == "appos" else root
            if holder.dep_ in ("nsubj", "nsubjpass") and holder.head.dep_ == "ROOT":
                self._root_subjects.add(ent.start_char)
            if not person and holder.dep_ in ("nsubj", "nsubjpass"):
                # "EADS and BAE Systems, the firms which own Airbus, welcomed it. "…," the companies said":
                # organisations a subject joins are who a plural description speaks for.
                joined = [e for c in root.children if c.dep_ == "conj" for e in doc.ents
                          if e.label_ == "ORG" and e.root.i == c.i and not any(t.i in inside for t in e)]
                if joined:
                    self._org_groups.append((ent.start_char, " and ".join([name, *(e.text for e in joined)])))
            if not person and (left := _modifier_run(doc, ent.start, ent.end)):
                entity.roles.append(left)  # "copy protection firm Macrovision": what "the firm" is later
            if person:
                if kin is not None and entity.gender is None:
                    entity.gender, entity.titled = kin, True  # as sure as a title
                left = _modifier_run(doc, ent.start, ent.end)
                if left:
                    entity.roles.append(left)
                for child in ent.root.children:
                    if child.dep_ == "appos":
                        entity.roles.append(doc[child.left_edge.i:child.right_edge.i + 1].text)
            if role:
                entity.roles.append(role)
        self._merge_misread_people()
        self._add_untagged_people(doc, inside)
        self._add_surname_subjects(doc, inside)
        self._add_described_speakers(doc, inside)
        self._chain_pronoun_subjects(doc, inside)

    def _subject_rank(self, token: Token) -> int:
        verb = token.nbor() if token.i + 1 < len(token.doc) else None
        if verb is not None and verb.pos_ == "VERB" and verb.tag_ in ("VBZ", "VBD") and token.dep_ not in (
                "nsubj", "nsubjpass") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "On the outskirts of Kyoto, 83-year-old Yuji Shimizu contemplates …": parsed as the place's
            # apposition, the name just before a verb the parser left without a subject is its subject.
            return 2 if verb.dep_ == "ROOT" else 1
        # "Gerry Conlon - who was convicted - said": a name in apposition stands where its head stands.
        if token.dep_ == "appos":
            token = token.head
        holder = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else None
        if holder is not None and (holder.pos_ == "NOUN" and holder.lower_ in ROLE_NOUNS or holder.lower_ in _ONE_OF) \
                and holder.dep_ in ("nsubj", "nsubjpass") and holder.lower_ not in SPOKES:
            # ("one of the so-called Guildford Four, Gerry Conlon - who … - said": he is the one who said; not so
            # "a spokesman for distributor Toho": whom a spokesperson speaks for is not the one speaking.)
            # "Real Madrid director of sport Emilio Butragueno praised …": the name the parser hung from the
            # role's "of" phrase is the subject.
            return self._subject_rank(holder)
        if token.dep_ == "pobj" and token.head.dep_ == "agent" and token.head.head.dep_ in ("ROOT", "conj"):
            # "had been introduced by his son Nick": the doer, though not the grammatical subject (not so
            # "the deal negotiated by President Obama", a modifier).
            return 1
        if token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass"):
            # "Savage's future has been the source of speculation … 'I was criticised,' he said": the
            # subject's owner is what the sentence is about, short of speaking.
            return min(self._subject_rank(token.head), 1)
        if token.dep_ in ("npadvmod", "dep") and token.i < token.head.i and is_cue(token.head) and \
                token.head.dep_ == "ROOT":
            # "However, one of the Guildford Four, Gerry Conlon - who was wrongly convicted - said …": parsed as
            # a modifier of the verb, the name is who said it.
            return 2
        if token.dep_ not in ("nsubj", "nsubjpass"):
            # "with Hillary Clinton — who's called for big tax hikes — lambasting Trump's plan. ¶ "…," she
            # said": someone a relative clause has speaking is a subject, if not of the main clause.
            speaking = any(c.dep_ == "relcl" and is_cue(c) and any(
                s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in RELATIVE for s in c.children) for c in token.children)
            return 1 if speaking else 0
        verb = token.head
        if verb.i in self._inside:
            return 1  # "Clinton 'caused havoc,' he said": the subject of quoted words reports nothing
        # "Pataki says Kasich 'has a record.' He warns": the main clause's subject holds the floor.
        main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT") or is_cue(verb)
        return 2 if main else 1

    def _sentence(self, offset: int) -> int:
        return bisect_right(self._sentences, offset) - 1

    def _merge_misread_people(self) -> None:
        """The small model tags some people as organisations ('Carly Fiorina' ORG, 'Ms Fiorina' PERSON):
        an 'organisation' ending in a person's surname is that person."""
        for org in list(self.orgs):
            match = next((p for p in self.people if p.tokens[-1] == org.tokens[-1]
                          and (len(org.tokens) <= 3)), None)
            if match is None:
                continue
            if len(org.tokens) > len(match.tokens) and org.tokens[-len(match.tokens):] == match.tokens:
                match.name = org.name
                match.gender = match.gender or name_gender(org.name)
            match.mentions = sorted(match.mentions + org.mentions)
            self.orgs.remove(org)

    def _add_untagged_people(self, doc: Doc, inside: set[int]) -> None:
        """A person the model did not tag at all ('Vincent Cable, for the Liberal Democrats, accused …', 'Sir
        Digby Jones said'): a run of proper nouns as a subject, opening with a known first name."""
        tagged = {t.i for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT",
                                                         "WORK_OF_ART", "LAW", "PRODUCT") for t in e}
        known = first_names()
        for t in doc:
            if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ != "PROPN" or t.i in inside or t.i in tagged:
                continue
            run = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i not in tagged] + [t]
            words = [w for w in run if w.text.rstrip(".") not in TITLES]
            # A first name the list does not hold ('Parul Jain, deputy chief economist at Nomura, said') is
            # a person's when the run speaks and the article gives it a role.
            described = is_cue(t.head) and any(c.dep_ == "appos" and c.lower_ in ROLE_NOUNS for c in t.children)
            # "BP chief executive Lord Browne said": a title before a lone surname says it is a person's.
            titled = len(words) == 1 and len(run) >= 2 and run[-2].text.rstrip(".") in TITLES and is_cue(t.head)
            if not (2 <= len(words) <= 3 or titled) or not all(w.text[:1].isupper() for w in words) \
                    or (words[0].lower_ not in known and not described and not titled) or any(w.i in inside for w in run):
                continue
            name, gender = _clean(run)
            if not name:
                continue
            entity = self._add(name, "PERSON", gender)
            entity.mentions.append((run[0].idx, self._subject_rank(t)))

    def _add_surname_subjects(self, doc: Doc, inside: set[int]) -> None:
        """A bare surname the model did not tag ('Mendes could not believe') still mentions that person."""
        by_surname = {p.tokens[-1]: p for p in self.people}
        seen = {o for p in self.people for o, _ in p.mentions}
        for t in doc:
            # Any tag: the small model reads some surnames as nouns ('Mendes' NOUN/PRODUCT).
            if t.dep_ in ("nsubj", "nsubjpass", "poss") and t.text[:1].isupper() and t.i not in inside \
                    and t.idx not in seen:
                person = by_surname.get(t.text)
                if person is not None:
                    person.mentions.append((t.idx, self._subject_rank(t)))
        for p in self.people:
            p.mentions.sort()

    def _add_described_speakers(self, doc: Doc, inside: set[int]) -> None:
        """'Club director Terry Brady held talks with Strachan. The former Scotland international added
        that … "It's got everything," he said': a description reporting speech outside quotation marks
        mentions the person it describes, as the subject, so a later 'he' finds them and not Brady."""
        for t in doc:
            if t.i in inside or not is_cue(t):
                continue
            subject = next((c for c in t.children if c.dep_ == "nsubj" and c.i not in inside), None)
            if subject is not None:
                self._note_org_speaker(subject)
            # ("The Brazilian confirmed …": a nationality, the model's NORP, describes the person.)
            if subject is None or subject.pos_ not in ("NOUN", "PROPN", "ADJ") or subject.ent_type_ not in ("", "NORP"):
                continue
            mention = describe(subject, inside)
            if mention.kind == "spokes":
                gender = _NOUN_GENDER.get(subject.lower_)
                self.spokes.append(Entity(self.spokes_name(mention), "PERSON", gender, mentions=[(subject.idx, 2)]))
                continue
            if mention.kind == "description" and mention.head in _SPOKESPEOPLE:
                # "But a spokesman said its powers were limited. "Any proposals …," he said': the spokesman
                # speaks on, for the organisation just named, or for nobody the article names — never for the
                # person quoted before (an empty name leaves the later quote unattributed).
                spoke = self._spokesperson(mention)
                person = self._person(spoke.name) if spoke.name else None
                if person is not None:
                    person.mentions.append((subject.idx, 2))
                    person.mentions.sort()
                else:
                    gender = _NOUN_GENDER.get(subject.lower_)
                    self.spokes.append(Entity(spoke.name or "", "PERSON", gender, mentions=[(subject.idx, 2)]))
                continue
            if mention.kind != "description" or not mention.definite or mention.head in _THINGS:
                continue
            resolved = self.description(mention)
            person = self._person(resolved.name) if resolved.name and resolved.confidence >= 0.6 else None
            # Only someone the last sentences named: a role matched across a long article is a guess.
            if person is not None and any(subject.idx - 400 < o < subject.idx for o, _ in person.mentions):
                person.mentions.append((subject.idx, 2))
                person.mentions.sort()

    def _chain_pronoun_subjects(self, doc: Doc, inside: set[int]) -> None:
        """'Gardener cruised home … He then recovered … His times …, said the world indoor champion': a 'he' or
        'she' leading a main clause, surely resolved, mentions its person there, so the story's subject
        stays the one a later pronoun or description finds, however long ago the name was written."""
        for t in doc:
            subject = t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass")
            owner = t.lower_ in ("his", "her") and t.dep_ == "poss"  # "His times were well short of …"
            if t.i in inside or not (subject or owner):
                continue
            rank = self._subject_rank(t)
            if rank < (2 if subject else 1):
                continue
            resolved = self.pronoun(Mention("pronoun", t.text, gender="m" if t.lower_ in ("he", "his") else "f", at=t.idx))
            person = self._person(resolved.name) if resolved.name and resolved.confidence >= CHAIN_CONFIDENCE else None
            if person is not None:
                person.mentions.append((t.idx, rank))
                person.mentions.sort()

    def _note_org_speaker(self, subject: Token) -> None:
        """An organisation reporting speech: 'Scotland Yard said …', 'Environmental group Transport 2000
        said …' (the small model tags that one a person: the group noun says otherwise)."""
        if subject.ent_type_ == "ORG":
            ent = next(e for e in subject.doc.ents if e.start <= subject.i < e.end)
            self._org_speakers.append((subject.idx, _clean(list(ent))[0]))
        elif subject.lemma_ in ORG_NOUNS or subject.lower_ in ORG_NOUNS:
            named = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:
                words = subject.doc[named.left_edge.i:named.right_edge.i + 1]
                self._org_speakers.append((subject.idx, words.text))

    def _add(self, name: str, label: str, gender: str | None, kin: str | None = None,
             related: bool = False) -> Entity:
        pool = self.people if label == "PERSON" else self.orgs
        tokens = name.split()
        for e in pool:
            if len(tokens) < len(e.tokens) and e.tokens[-len(tokens):] == tokens and label == "PERSON" \
                    and gender is not None and e.titled and e.gender not in (None, gender):
                continue  # 'Ms. Khan' is not her son 'Humayun Khan': a relative sharing the surname
            if e.tokens == tokens or (len(tokens) < len(e.tokens) and e.tokens[-len(tokens):] == tokens
                                      and label == "PERSON" and not e.relative):
                _titled(e, gender)
                return e
            if label == "PERSON" and len(tokens) == 1 and len(e.tokens) > 1 and e.tokens[0] == tokens[0] \
                    and gender is not None and not any(p.tokens[-1] == tokens[0] for p in pool):
                # "Sir Digby added" after "Sir Digby Jones": a knight goes by his first name.
                return e
            # ("his daughter Ivanka Trump" after "Trump": a relative introduced by her kinship is not him.)
            if label == "PERSON" and len(tokens) > len(e.tokens) and tokens[-len(e.tokens):] == e.tokens \
                    and len(e.tokens) == 1 and not related and not (
                        e.titled and (gender or name_gender(name) or kin) not in (None, e.gender)):
                e.name = name  # "Blair" seen first, "Tony Blair" later: one person, fuller name
                _titled(e, gender)
                e.gender = e.gender or name_gender(name)
                return e
        entity = Entity(name, label, gender or (name_gender(name) if label == "PERSON" else None),
                        titled=gender is not None, relative=related)
        pool.append(entity)
        return entity

    # names ---------------------------------------------------------------------------------------
    def canonical(self, mention: Mention) -> Resolution:
        """A name mention to the article's fullest form of it: 'Mr Blair' → 'Tony Blair' when the article
        names only one Blair; 'Sir Ian Blair' stays Ian Blair."""
        tokens = mention.name.split()
        if not tokens:
            return Resolution(None, 0.0)
        label = mention.label
        if label == "ORG" and any(p.tokens[-1] == tokens[-1] for p in self.people) and len(tokens) <= 3:
            label = ""  # a person the model read as an organisation
        pools = [self.people, self.orgs] if label != "ORG" else [self.orgs, self.people]
        for pool in pools:
            exact = [e for e in pool if e.tokens == tokens]
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
        return Resolution(mention.name, 0.9 if len(tokens) > 1 or label else 0.8)

    def spokes_name(self, mention: Mention) -> str:
        """'spokesman for Blair' → 'spokesman for Tony Blair' when the article names him in full."""
        noun, sep, owner = mention.name.partition(" for ")
        if not sep:
            return mention.name
        full = self.canonical(Mention("name", owner, name=owner, at=mention.at)).name or owner
        return f"{noun} for {full}"

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
        if word in ("they", "it", "we"):
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
            return Resolution(before[0][1], 0.7)
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
        # A more recent non-subject mention sits between: the subject usually still holds the floor.
        return Resolution(salient[1] or None, 0.65 if salient[1] else 0.0)

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
        # '"…," said the firm' after "copy protection firm Macrovision" and its "new RipGuard technology": the
        # organisation the article called a firm, not the latest name.
        described = [(o, e.name) for e in self.orgs if noun and any(noun in r.lower().split() for r in e.roles)
                     for o, _ in e.mentions if o < at]
        if described:
            return Resolution(max(described)[1], 0.7)
        if subject_first:
            # "Intel filed a document … in defence of Grokster. It summed up …": 'it' is the organisation the
            # last sentences had doing something, not one merely named after it ('they' is often a body
            # named since: "deemed … by Manchester United's board when they rejected his approach").
            own = self._sentence(at)
            subjects = [(o, e.name) for e in self.orgs for o, rank in e.mentions
                        if rank and o < at and own - 2 <= self._sentence(o)]
            if subjects:
                return Resolution(max(subjects)[1], 0.65)
        best: tuple[int, str] | None = None
        for e in self.orgs:
            if noun and noun != "party" and e.name in PARTIES:
                continue
            for offset, _ in e.mentions:
                if offset < at and (best is None or offset > best[0]):
                    best = (offset, e.name)
        return Resolution(best[1], 0.6) if best else Resolution(None, 0.0)

    def description(self, mention: Mention) -> Resolution:
        """'the minister', 'the 27-year-old', 'the firm' → an entity the article already introduced."""
        # ('Souness - who refused to name him - said': the head, not the words around it, is the surname.)
        word = mention.text.strip() if " " not in mention.text.strip() else mention.head
        if word[:1].isupper() and " " not in word:
            # A surname the model tagged as a common noun ('Trump went on'): the person it names here.
            named = {e.name for e in self.people if e.tokens[-1] == word and len(e.tokens) > 1}
            if len(named) == 1:
                return Resolution(named.pop(), 0.85)
        head = mention.head
        if head in _SPOKESPEOPLE:
            spoke = self._spokesperson(mention)
            if spoke.name is not None:
                return spoke
        if not mention.definite:
            return Resolution(None, 0.0)
        if head in _THINGS:
            # "the statement added": whoever the article last quoted from it.
            previous = [name for offset, name in self.speakers if offset < mention.at]
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
            with_role = [e for e in self.people if any(len(words & set(r.lower().split())) >= 1 for r in e.roles)
                         and any(o < mention.at for o, _ in e.mentions)]
        if not with_role and self._sentence(mention.at) <= 1 and not any(
                o < mention.at for e in self.people for o, _ in e.mentions):
            # "Scotland's justice minister has warned … that she wants to hit them "where it hurts most"", then
            # "Justice Minister Cathy Jamieson said": a lede describes whom the story names further down.
            later = [e for e in self.people if any(head and head in r.lower().split() for r in e.roles)
                     and len(words & {w for r in e.roles for w in r.lower().split()}) >= min(2, len(words))
                     and (mention.gender is None or e.gender in (None, mention.gender))]
            if later:
                first = min(later, key=lambda e: min(o for o, _ in e.mentions))
                return Resolution(first.name, 0.6)
        if with_role:
            # "the vice president" is the one whose role says "Vice President", not the latest "President".
            fit = {e.name: max(len(words & set(r.lower().split())) for r in e.roles) for e in with_role}
            closest = max(fit.values())
            fitting = [e for e in with_role if fit[e.name] == closest]
            best = max(fitting, key=lambda e: max(o for o, _ in e.mentions if o < mention.at))
            return Resolution(best.name, 0.8 if len(fitting) == 1 else 0.65)
        demonyms = {w.capitalize() for w in words if DEMONYM.match(w.capitalize())}
        if demonyms:
            # "the Russian leader": the latest person before it whose roles name no other nationality.
            def clashes(e: Entity) -> bool:
                theirs = {w for r in e.roles for w in r.split() if DEMONYM.match(w)}
                return bool(theirs) and not theirs & demonyms
            before = [(max(o for o, _ in e.mentions if o < mention.at), e) for e in self.people
                      if any(o < mention.at for o, _ in e.mentions) and not clashes(e)]
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
        if recent and len({n for _, n in recent}) == 1:
            return Resolution(recent[0][1], 0.55)
        # "Mr Kilroy-Silk announced his plans …. The East Midlands MEP, who quit …, wants": the one person
        # the sentence just before was about (its main subject), when no gender says otherwise.
        before = self._sentence(mention.at) - 1
        main = {e.name: e for e in self.people for o, _ in e.mentions
                if o in self._root_subjects and self._sentence(o) == before and o < mention.at
                and e.name not in related}
        if len(main) == 1 and head in ROLE_NOUNS:
            only = next(iter(main.values()))
            if mention.gender is None or only.gender in (None, mention.gender):
                return Resolution(only.name, 0.6)
        previous = [name for offset, name in self.speakers if offset < mention.at]
        if previous and self._person(previous[-1]) is not None:
            return Resolution(previous[-1], 0.45)
        return Resolution(None, 0.0)


def _titled(entity: Entity, gender: str | None) -> None:
    """A title's gender ('Ms James') overrules a guess from a first name ('Rhys' reads male)."""
    if gender is not None and (entity.gender is None or not entity.titled):
        entity.gender, entity.titled = gender, True


def _modifier_run(doc: Doc, start: int, end: int) -> str:
    """The words right before a name that describe it: 'Spurs boss', 'managing director', 'Russian President'."""
    lo = start
    while lo > 0 and start - lo < 6:
        t = doc[lo - 1]
        if t.pos_ not in ("NOUN", "ADJ", "PROPN", "VERB") or t.dep_ not in ("compound", "amod", "nmod", "poss"):
            break
        if not (start <= t.head.i < end or lo <= t.head.i < start):
            break
        lo -= 1
    return doc[lo:start].text

"""The people and organisations one article names, gathered from its parse with titles, genders, roles and
mentions; `resolution.py` resolves names, pronouns and descriptions to them."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from bot.quotes.cues import is_cue
from bot.quotes.mentions import (
    _NOUN_GENDER,
    NATIONALS,
    RELATIVE,
    SPOKES,
    TEAM_WORDS,
    Mention,
    _clean,
    _org_word,
    describe,
    described_org,
)
from bot.quotes.names import first_names, name_gender
from bot.quotes.nlp import entities, lemma
from bot.quotes.resolution import _SPOKESPEOPLE, _THINGS, Entity, Resolver, misspelt_surname
from bot.quotes.subjects import ONE_OF
from bot.speakers import DAYS_AND_MONTHS, DEMONYM, ORG_NOUNS, PARTIES, QUALIFIERS, ROLE_NOUNS, TITLES

_KINSHIP = frozenset({"wife", "husband", "mother", "father", "son", "daughter", "brother", "sister", "niece",
                      "nephew", "cousin", "uncle", "aunt", "grandson", "granddaughter", "widow", "widower", "stepson", "stepdaughter"})


CHAIN_CONFIDENCE = 0.65  # a pronoun resolved this surely mentions its person for the pronouns after it
_ONE_OF = ONE_OF | {"all"}  # ("all of the Guildford Four" is as much their subject as "one of")


_GROUNDS = frozenset({"stadium", "stade", "stadio", "estadio", "arena"})
_COMPANY_NOUNS = frozenset({"company", "firm", "studio", "label", "subsidiary", "brand"})
_REGIONS = frozenset({"europe", "asia", "africa", "america", "americas", "international", "worldwide", "global",
                      "pacific", "uk", "usa"})


_KIN_OWNER = re.compile(r"\b([A-Z][a-z][\w'-]*)['’]s (?:father|mother|wife|husband|son|daughter|brother|sister|"
                        r"widow|girlfriend|boyfriend|fiancee|fiancée|parents|agent)\b")


def _plural_subject(token: Token) -> bool:
    """The token is the subject of a verb in the plural ("have signed", "are going", "were beaten"), on its own."""
    if token.dep_ != "nsubj" or any(c.dep_ == "conj" for c in token.children):
        return False
    verb = token.head
    return any(w.lower_ in ("have", "are", "were") and w.tag_ in ("VBP", "VBD")
               for w in [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))])


# Verbs whose "he"/"she" complement is their own subject's thought: "Federer admitted he was under extra pressure".
_SELF_REPORTS = frozenset({"admit", "feel", "think", "believe", "hope", "fear", "confess", "concede", "reckon"})


def _speaks_of_self(token: Token) -> str | None:
    """The gender of the 'he'/'she' a subject's own verb of thought reports of it ("Federer admitted he was …"
    → 'm'), or None."""
    if token.dep_ != "nsubj" or lemma(token.head) not in _SELF_REPORTS:
        return None
    pronouns = [g.lower_ for c in token.head.children if c.dep_ == "ccomp"
                for g in c.children if g.dep_ == "nsubj" and g.lower_ in ("he", "she")]
    return {"he": "m", "she": "f"}[pronouns[0]] if pronouns else None


class ArticleEntities(Resolver):
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
        self._unnamed_bodies: list[int] = []  # offsets of bodies that spoke, described but never named
        self._sentences = [s.start_char for s in doc.sents]
        self._text = doc.text
        self._root_subjects: set[int] = set()  # offsets of names that are their sentence's main subject
        self._org_groups: list[tuple[int, str]] = []  # (offset, "A and B") of organisations joined as a subject
        self._country_subjects: list[tuple[int, str]] = []  # (offset, name) of countries a sentence is about
        self._inside = inside
        # The small model tags one word both ways ('Apple' ORG, then PERSON two sentences on): a single word
        # it calls an organisation more often than a person, and no person's surname, is an organisation.
        self._ents = ents = entities(doc)
        tags = Counter((e.text, e.label_) for e in ents if len(e) == 1)
        org_words = {w for (w, label), n in tags.items() if label == "ORG" and n > tags[(w, "PERSON")]}
        surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
        # "Juninho's agent has confirmed …", "Juninho's father was simply in the country to see his son": a name
        # the model tags an organisation throughout, but which has a father or an agent, is a person's.
        kinned = {m.group(1) for m in _KIN_OWNER.finditer(doc.text)} - PARTIES
        # ... and so is one that admits "he" was under pressure: an organisation is no "he" ("Federer admitted he was
        # under extra pressure. "…," he said" had gone to the opponent who retired, the one person the model saw).
        selves = {e.text: g for e in ents if len(e) == 1 and e.label_ == "ORG" and e.text not in PARTIES
                  and (g := _speaks_of_self(e.root))}
        # A name the article calls a firm ("water firm Aguas Argentinas") is an organisation wherever the model tags
        # it a person ("Yet he added …" had gone to the firm, named as a person further on).
        firms = {e.text for e in ents if e.label_ in ("PERSON", "ORG") and len(e) > 1
                 and (called := _modifier_run(doc, e.start, e.end).text.lower().split())
                 and called[-1] in _COMPANY_NOUNS}
        # ... and one it calls a place more often than a person is a place ('Clarkston became his home',
        # a town eight times a GPE, was the 'he' of the man who moved there).
        places = {w for (w, label), n in tags.items() if label in ("GPE", "LOC") and n > tags[(w, "PERSON")]}
        # ... and one a plural verb has for its subject is a team ("Norwich have signed Charlton midfielder Graham
        # Stuart": "the 34-year-old" had been Norwich) — alone, not joined to another ("Serena and Venus have").
        teams = {e.text for e in ents if len(e) == 1 and e.label_ == "PERSON" and _plural_subject(e.root)}
        for ent in ents:
            if ent.label_ == "GPE" and ent.root.dep_ in ("nsubj", "nsubjpass") and not any(t.i in inside for t in ent):
                # "Turkey … had previously insisted it would not bow to demands …, calling the issue a "red line"": a
                # country a sentence has doing something is a body an "it" can go on with (the words had gone to the
                # EU). Not the subject of a clause reported: "Deutsche Bank said Houston was "…". It also said …".
                if self._subject_rank(ent.root) == 2:
                    self._country_subjects.append((ent.start_char, ent.text))
            if ent.label_ not in ("PERSON", "ORG") or any(t.i in inside for t in ent):
                continue
            if ent.label_ == "PERSON" and len(ent) == 1 and (ent.text in places or ent.text in teams) \
                    and ent.text not in surnames:
                continue
            lo = ent.start
            while lo > 0 and doc[lo - 1].text.rstrip(".") in TITLES:
                lo -= 1
            # "Mr Griffin told the Independent the Tories' plans were …": one span to the model, two names; the
            # one after a lower-case "the" that follows a proper noun is the one the sentence goes on with
            # ("Independent the Tories" had taken "The Tories have promised" and been listed as a speaker).
            glued = [t.i for t in ent[1:-1] if t.text == "the" and doc[t.i - 1].pos_ == "PROPN"]
            if glued:
                lo = glued[-1] + 1
            if ent.label_ == "PERSON" and len(ent) == 1 and lo == ent.start and ent.text not in surnames \
                    and ent.text[1:].islower() and re.search(rf"\b{re.escape(ent.text.lower())}\b", doc.text):
                continue  # 'Wasp tells the story …', the film of 'a wasp crawling': a word, no one's name
            name, gender = _clean(list(doc[lo:ent.end]))
            gender = gender or selves.get(ent.text)
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
            # ('Lord Tebbit' tagged ORG is a person.)
            misread = name in PARTIES or (len(ent) == 1 and name in org_words and name not in surnames
                                          and gender is None and name not in kinned)
            # "Manchester United's board", "Shareholders United" tagged as people: a team's or a group's name.
            words = [t.lower_ for t in ent if t.lower_ not in ("'s", "’s")]
            misread = misread or (len(words) >= 2 and words[-1] in TEAM_WORDS)
            # "Lycos Europe" tagged as a person: a name ending in a region a company trades in is a company's
            # ("the company denied … "…," it said" had gone to Netcraft, the firm named before).
            misread = misread or (ent.label_ == "PERSON" and len(words) >= 2 and words[-1] in _REGIONS)
            # "Stade de France" tagged as a person: a ground is no one ("he said" after captain Fabien Pelous had
            # gone to it).
            misread = misread or (ent.label_ == "PERSON" and any(w in _GROUNDS for w in words))
            # "The 22-year-old Scot finished fourth": a nationality after a determiner or an adjective describes
            # someone, it names no one ("said the East Kilbride athlete" had been "Scot", not Allan Scott).
            misread = misread or (ent.label_ == "PERSON" and len(ent) == 1 and ent.start > 0
                                  and doc[ent.start - 1].pos_ in ("DET", "ADJ")
                                  and (DEMONYM.match(ent.text) is not None or ent.text.lower() in NATIONALS))
            # "The Blues had looked destined to progress": a plural after "the" is a team or a band, no person
            # ("the 36-year-old said" had been the Blues, not Desailly).
            misread = misread or (ent.label_ == "PERSON" and len(ent) == 1 and ent.start > 0
                                  and doc[ent.start - 1].lower_ == "the" and re.fullmatch(r"[A-Z][a-z]+[^s]s", ent.text)
                                  is not None)
            # "Arsenal's Edu has lifted the lid": the model's one organisation is a club and its player.
            owned = ent.label_ == "ORG" and any(t.tag_ == "POS" for t in ent[:-1]) and len(name.split()) <= 3 \
                and not any(_org_word(w.lower()) or w.isupper() for w in name.split())
            # "copy protection firm Macrovision" (PERSON to the model): what the name is called says otherwise.
            called = _modifier_run(doc, ent.start, ent.end).text.lower().split()
            misread = misread or (ent.label_ == "PERSON" and bool(called) and called[-1] in ORG_NOUNS
                                  and called[-1] not in ROLE_NOUNS) or (ent.label_ == "PERSON" and ent.text in firms)
            if ent.label_ == "PERSON" and root.dep_ == "appos" and root.head.lower_ in _COMPANY_NOUNS \
                    and root.head.i < ent.start:
                # "… for Scott's company Scott Free to develop" (PERSON to the model): a company's name, no
                # person ("he said" had gone to "Scott Free"). Not made an organisation either: one more name
                # for "it said" to find is a guess more (a newspaper called "the Hindi-language Dainik Jagran"
                # had taken the group's "it said" that way).
                continue
            # (Not a body named for a person: "The Fabian Society's Sundar Katwala" is no man called Fabian.)
            person = (ent.label_ == "PERSON" and not misread) or (ent.label_ == "ORG" and not misread and (
                (len(ent) == 1 and name in kinned and not _org_word(name.lower()))
                or (2 <= len(name.split()) <= 3 and name_gender(name) is not None
                    and not _org_word(name.split()[-1].lower())) or gender is not None or owned))
            # "her son, Humayun Khan": a kinship word just before the name says whose gender it is.
            lead = [t.lower_ for t in doc[max(ent.start - 3, 0):ent.start]] if person else []
            kin = next((_NOUN_GENDER[w] for w in lead if w in _NOUN_GENDER), None)
            related = any(w in _KINSHIP for w in lead)
            entity = self._add(name, "PERSON" if person else "ORG", gender, kin, related)
            entity.mentions.append((ent.start_char, subject))
            holder = root.head if root.dep_ == "appos" else root
            if _main_subject(holder, inside):
                self._root_subjects.add(ent.start_char)
            if not person and holder.dep_ in ("nsubj", "nsubjpass"):
                # "EADS and BAE Systems, the firms which own Airbus, welcomed it. "…," the companies said":
                # organisations a subject joins are who a plural description speaks for.
                joined = [e for c in root.children if c.dep_ == "conj" for e in ents
                          if e.label_ == "ORG" and e.root.i == c.i and not any(t.i in inside for t in e)]
                if joined:
                    self._org_groups.append((ent.start_char, " and ".join([name, *(e.text for e in joined)])))
            if not person and (left := _role(_modifier_run(doc, ent.start, ent.end))):
                entity.roles.append(left)  # "copy protection firm Macrovision": what "the firm" is later
            if person:
                if kin is not None and entity.gender is None:
                    entity.gender, entity.titled = kin, True  # as sure as a title
                left = _role(_modifier_run(doc, ent.start, ent.end))
                if left:
                    entity.roles.append(left)
                # "Archbishop Desmond Tutu", "President Bush": a title that is a role is one ("The archbishop
                # added" had found no one, then the Foreign Secretary named just before).
                titles = list(itertools.takewhile(lambda t: t.text.rstrip(".") in TITLES, doc[lo:ent.end]))
                held = " ".join(t.text.rstrip(".") for t in titles if t.text.rstrip(".") not in _HONORIFICS)
                if held and lo > 0 and doc[lo - 1].lower_ in QUALIFIERS:
                    held = f"{doc[lo - 1].text} {held}"  # "Shadow Chancellor Oliver Letwin" is no chancellor
                if held and held not in entity.roles:
                    entity.roles.append(held)
            for child in ent.root.children:
                # ('Franak Viačorka, senior advisor to Belarusian opposition politician …' is one ORG to the
                # model: its description is still what "the Belarusian opposition" finds; a name beside an
                # organisation is no role of it.)
                if child.dep_ == "appos" and (person or not child.ent_type_) and \
                        (described := _role(doc[child.left_edge.i:child.right_edge.i + 1])):
                    entity.roles.append(described)
            # "Scottish Finance Minister, Tom McCabe MSP, said": the role the name stands in apposition to, before
            # it, is theirs ("the Scottish finance minister" had found no one to quote), a title too ("The Bishop of
            # Durham, the Rt Rev Dr Tom Wright, described …": "the Bishop said" had been no one).
            node = ent.root
            while node.dep_ == "compound" and node.head.i > node.i:
                node = node.head  # (the parser heads "Tom McCabe MSP" with the letters)
            if person and node.dep_ == "appos" and node.head.i < ent.start and node.head.pos_ in ("NOUN", "PROPN") \
                    and (node.head.lower_ in ROLE_NOUNS or node.head.text in TITLES) and (described := _role(doc[
                        node.head.left_edge.i + (doc[node.head.left_edge.i].dep_ == "det"):node.head.i + 1])):
                entity.roles.append(described)
            if role:
                entity.roles.append(role)
        self._merge_misread_people()
        # (spaCy builds a new Token object on every iteration of a Doc: once is enough)
        self._tokens = tokens = list(doc)
        self._add_untagged_people(tokens, inside)
        self._add_surname_subjects(tokens, inside)
        # In reading order, so each finds whom the sentences before made the subject: "He also accused the
        # government … [a 'he' chained to Michael Howard] … Mr Brown liked to rattle off …, the Tory leader said.
        # "This dodgy government …," he said": the description, found only once that 'he' was his, is Howard
        # speaking, and the next 'he' is his, not Brown's (who had been named last).
        for t in tokens:
            self._add_described_speaker(t, inside)
            self._chain_pronoun_subject(t, inside)

    @cached_property
    def _described_orgs(self) -> list[tuple[int, str, str]]:
        """(offset, name, noun) of organisations named only by a description ("China's foreign ministry"),
        found when a description first asks for one: it lemmatises every noun, which most articles never need."""
        return [(t.idx, name, lemma(t)) for t in self._tokens if t.pos_ in ("NOUN", "PROPN")
                and t.i not in self._inside and (name := described_org(t, self._inside)) is not None]

    def _subject_rank(self, token: Token) -> int:
        if token.dep_ == "ROOT" and token.ent_type_ == "PERSON" and token.i not in self._inside and all(
                t.is_punct or t.is_space or t.ent_iob_ == "I" or t.ent_type_ == "PERSON"
                for t in token.doc[token.sent.start:token.i]):
            # "Tait himself, at least outwardly, appeared unaffected …" (the name parsed as the sentence's verb,
            # "himself" its object): a name heading its sentence is what the sentence is about.
            return 2
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
        # ("Director of rugby Warren Gatland revealed": a capitalised role, tagged a proper noun, as well; "Lord of
        # the Rings director Peter Jackson has said": a name behind its own role, hung from a title's "of", is the
        # subject too.)
        if holder is not None and holder.dep_ in ("nsubj", "nsubjpass") and holder.lower_ not in SPOKES and (
                holder.pos_ in ("NOUN", "PROPN") and holder.lower_ in ROLE_NOUNS or holder.lower_ in _ONE_OF
                or any(c.dep_ == "compound" and c.lower_ in ROLE_NOUNS and c.i not in self._inside
                       for c in token.children)):
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
            # subject's owner is what the sentence is about, short of speaking — not so an owner in a clause
            # inside it ("Mellberg spoke of his dislike of Villa's rivals ahead of the match, which Steve
            # Bruce's side won 2-1. "…," he told Villa's website" is the Villa manager's, not Bruce's).
            return 1 if self._subject_rank(token.head) == 2 else 0
        if token.dep_ in ("npadvmod", "dep") and token.i < token.head.i and is_cue(token.head) and \
                token.head.dep_ == "ROOT":
            # "However, one of the Guildford Four, Gerry Conlon - who was wrongly convicted - said …": parsed as
            # a modifier of the verb, the name is who said it.
            return 2
        if token.dep_ == "attr" and token.head.lower_ in ("is", "was") and token.head.dep_ == "ROOT" and any(
                c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lower_ in ROLE_NOUNS for c in token.head.children):
            # "The musical's British director is Matthew Warchus, best known for … "…," he said": someone the
            # sentence brings in by their role is whom it goes on with (the "he" had been the producer before).
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
        # (Not a relative clause's, speech verb or not: "… like the Guildford Four - for which Tony Blair recently
        # apologised - …," he told BBC Radio 4' is David Davis, the sentence's subject.)
        main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT") or (
            is_cue(verb) and verb.dep_ != "relcl" and not self._reported(verb))
        return 2 if main else 1

    def _reported(self, verb: Token) -> bool:
        """The verb sits in what someone named before it reports: "Mr Clarke said he had supported the plans
        when Mr Blunkett argued for them … "…," he said" goes on with Clarke, not Blunkett. (Not a clause joined
        on by a conjunction, which the parser hangs inside the report as often as not: "Hewitt said he had had a
        "gutful" … but Tennis Australia's Geoff Pollard rejected his comments"; nor a verb whose reporter comes
        after it, or has no subject: the parser joins sentences that way.)"""
        token = verb
        while token.head.i != token.i and token.dep_ != "conj":
            token = token.head
            if token.i not in self._inside and is_cue(token):
                return token.i < verb.i and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        return False

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

    def _add_untagged_people(self, tokens: list[Token], inside: set[int]) -> None:
        """A person the model did not tag at all ('Vincent Cable, for the Liberal Democrats, accused …', 'Sir
        Digby Jones said'): a run of proper nouns as a subject, opening with a known first name."""
        tagged = {t.i for e in self._ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT",
                                                         "WORK_OF_ART", "LAW", "PRODUCT") for t in e}
        known = first_names()
        for t in tokens:
            if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ != "PROPN" or t.i in inside or t.i in tagged:
                continue
            run = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i not in tagged] + [t]
            words = [w for w in run if w.text.rstrip(".") not in TITLES]
            # A first name the list does not hold ('Parul Jain, deputy chief economist at Nomura, said') is
            # a person's when the run speaks and the article gives it a role.
            described = is_cue(t.head) and any(c.dep_ == "appos" and c.lower_ in ROLE_NOUNS for c in t.children)
            # "BP chief executive Lord Browne said": a title before a lone surname says it is a person's.
            titled = len(words) == 1 and len(run) >= 2 and run[-2].text.rstrip(".") in TITLES and is_cue(t.head)
            if len(words) == 1 and len(run) == 1 and (full := self._written_in_full(t.text)):
                # "But Mutu has hit out …, saying: "…". He told the Sunday Mirror": a lone surname the article
                # writes in full elsewhere, untagged ("… would consider signing Adrian Mutu"), is that person.
                entity = self._add(full, "PERSON", None)
                entity.mentions.append((t.idx, self._subject_rank(t)))
                if _main_subject(t, inside):
                    self._root_subjects.add(t.idx)  # ('Minar, ranked 158th …, was forced to pull out': the sentence's)
                continue
            if not (2 <= len(words) <= 3 or titled) or not all(w.text[:1].isupper() for w in words) \
                    or (words[0].lower_ not in known and not described and not titled) or any(w.i in inside for w in run):
                continue
            name, gender = _clean(run)
            if not name:
                continue
            entity = self._add(name, "PERSON", gender)
            entity.mentions.append((run[0].idx, self._subject_rank(t)))

    def _written_in_full(self, surname: str) -> str | None:
        """The one 'First Surname' the article writes for this surname, with a known first name, if any."""
        if len(surname) < 3 or not surname[1:].islower():
            return None
        known = first_names()
        found = {m.group(0) for m in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(surname)}\b", self._text)
                 if m.group(1).lower() in known and m.group(1) not in TITLES}
        return found.pop() if len(found) == 1 else None

    def _add_surname_subjects(self, tokens: list[Token], inside: set[int]) -> None:
        """A bare surname the model did not tag ('Mendes could not believe') still mentions that person."""
        # (Case aside: 'Leonardo diCaprio' is the 'DiCaprio' who 'faces competition'.)
        # (Inside a name the model tagged, a surname people of other first names share — Donald and Eric
        # Trump — is the one whose name it ends: "Donald Trump also criticized".)
        by_surname: dict[str, list[Entity]] = {}
        for p in self.people:
            by_surname.setdefault(p.tokens[-1].casefold(), []).append(p)
        seen = {o for p in self.people for o, _ in p.mentions}
        owner = {t.i: e.start_char for e in self._ents if e.label_ in ("PERSON", "ORG") and len(e) > 1
                 and e.start_char in seen for t in e}
        for t in tokens:
            # Any tag: the small model reads some surnames as nouns ('Mendes' NOUN/PRODUCT).
            if t.dep_ in ("nsubj", "nsubjpass", "poss") and t.text[:1].isupper() and t.i not in inside \
                    and t.idx not in seen:
                sharing = by_surname.get(t.text.casefold(), [])
                if t.i in owner and len({p.tokens[0] for p in sharing if len(p.tokens) > 1}) > 1:
                    sharing = [p for p in sharing if any(o == owner[t.i] for o, _ in p.mentions)]
                person = sharing[-1] if sharing else None
                if person is not None:
                    person.mentions.append((t.idx, self._subject_rank(t)))
                    if _main_subject(t, inside) and len(sharing) == 1:  # (not a guess between two Trumps)
                        self._root_subjects.add(t.idx)
        for p in self.people:
            p.mentions.sort()

    def _add_described_speaker(self, t: Token, inside: set[int]) -> None:
        """'Club director Terry Brady held talks with Strachan. The former Scotland international added
        that … "It's got everything," he said': a description reporting speech outside quotation marks
        mentions the person it describes, as the subject, so a later 'he' finds them and not Brady."""
        # ("… insisted it was time for the London mayor to say sorry": an infinitive says no one spoke.)
        if t.i in inside or not is_cue(t) or any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return
        subject = next((c for c in t.children if c.dep_ == "nsubj" and c.i not in inside), None)
        if subject is not None:
            self._note_org_speaker(subject)
        # ("The Brazilian confirmed …": a nationality, the model's NORP, describes the person.)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN", "ADJ") or subject.ent_type_ not in ("", "NORP"):
            return
        mention = describe(subject, inside)
        if mention.kind == "spokes":
            gender = _NOUN_GENDER.get(subject.lower_)
            self.spokes.append(Entity(self.spokes_name(mention), "PERSON", gender, mentions=[(subject.idx, 2)]))
            return
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
            return
        if mention.kind != "description" or not mention.definite or mention.head in _THINGS:
            return
        if any(w.lower_ in ("a", "an") and w.dep_ == "det" and w.head.dep_ == "pobj" for w in subject.subtree):
            # "the chief executive of a leading European car maker told BBC News …. The current trend towards
            # US production was "stupid", he said": someone the article keeps anonymous speaks on (the "he" had
            # gone to GM's Carl-Peter Forster, named in the paragraph before).
            self.spokes.append(Entity("", "PERSON", _NOUN_GENDER.get(subject.lower_), mentions=[(subject.idx, 2)]))
            return
        resolved = self.description(mention)
        if resolved.name is None and mention.head in ORG_NOUNS:
            self._unnamed_bodies.append(subject.idx)  # '"…," said the magazine.': an "it" after it goes on with it
        person = self._person(resolved.name) if resolved.name and resolved.confidence >= 0.6 else None
        # Only someone the last sentences named: a role matched across a long article is a guess — unless the
        # description is a role of two words or more the article gave that person ("The home secretary has
        # already admitted …. He has apologised" is David Blunkett, "Home Secretary David Blunkett" at the top,
        # not Tony Blair, the subject of the sentence before).
        words = {w for w in mention.text.lower().split() if w not in ("the", "this", "that")}
        titled = len(words) >= 2 and resolved.confidence >= 0.8 and person is not None and any(
            words <= set(r.lower().split()) for r in person.roles)
        if person is not None and (titled or any(subject.idx - 400 < o < subject.idx for o, _ in person.mentions)):
            person.mentions.append((subject.idx, 2))
            person.mentions.sort()

    def _chain_pronoun_subject(self, t: Token, inside: set[int]) -> None:
        """'Gardener cruised home … He then recovered … His times …, said the world indoor champion': a 'he' or
        'she' leading a main clause, surely resolved, mentions its person there, so the story's subject
        stays the one a later pronoun or description finds, however long ago the name was written."""
        subject = t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass")
        owner = t.lower_ in ("his", "her") and t.dep_ == "poss"  # "His times were well short of …"
        if t.i in inside or not (subject or owner):
            return
        rank = self._subject_rank(t)
        if rank < (2 if subject else 1):
            return
        resolved = self.pronoun(Mention("pronoun", t.text, gender="m" if t.lower_ in ("he", "his") else "f", at=t.idx))
        person = self._person(resolved.name) if resolved.name and resolved.confidence >= CHAIN_CONFIDENCE else None
        if person is not None:
            person.mentions.append((t.idx, rank))
            person.mentions.sort()

    def _note_org_speaker(self, subject: Token) -> None:
        """An organisation reporting speech: 'Scotland Yard said …', 'Environmental group Transport 2000
        said …' (the small model tags that one a person: the group noun says otherwise)."""
        if subject.ent_type_ == "ORG":
            ent = next(e for e in self._ents if e.start <= subject.i < e.end)
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
        near = misspelt_surname(pool, name, gender) if label == "PERSON" and len(tokens) == 1 else None
        if near is not None:
            return near
        entity = Entity(name, label, gender or (name_gender(name) if label == "PERSON" else None),
                        titled=gender is not None, relative=related)
        pool.append(entity)
        return entity

    # names ---------------------------------------------------------------------------------------
def _titled(entity: Entity, gender: str | None) -> None:
    """A title's gender ('Ms James') overrules a guess from a first name ('Rhys' reads male)."""
    if gender is not None and (entity.gender is None or not entity.titled):
        entity.gender, entity.titled = gender, True


def _modifier_run(doc: Doc, start: int, end: int) -> Span:
    """The words right before a name that describe it: 'Spurs boss', 'managing director', 'Russian President'."""
    lo = start
    while lo > 0 and start - lo < 6:
        t = doc[lo - 1]
        if t.pos_ == "NUM" and t.dep_ == "nummod" and t.head.i == lo - 2 and t.head.lower_ == "number":
            lo -= 1  # "World number one Lindsay Davenport": a ranking, the "number" before it joins the run
            continue
        if t.pos_ not in ("NOUN", "ADJ", "PROPN", "VERB") or t.dep_ not in ("compound", "amod", "nmod", "poss"):
            break
        if not (start <= t.head.i < end or lo <= t.head.i < start):
            break
        lo -= 1
    return doc[lo:start]


# Honorifics a name's modifiers run into ("Manchester United manager Sir Alex Ferguson": "Sir" is his, not
# part of what he is); not the titles that are roles themselves ("Foreign Secretary").
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Sir", "Lord", "Lady", "Dame", "Baron", "Baroness", "Dr",
                         "Prof", "Professor"})


def _role(words: Span) -> str:
    """The words before or beside a name as a role `whosaid speakers` and `/who` can show, and a description
    can find: without a date or a verb they open with ("March Lord Goldsmith", "newly crowned Australian Open
    champion"), nor an honorific they end on; none when no noun is left ("disheartened", "himself", "57"), the
    words are a hyphenated word's tail ("-ordinator", "ex-" lost: "-Home Secretary"), or they are other
    people's names ("Jason Gardener, Darren Campbell, Marlon Devonish and …")."""
    doc, start = words.doc, words.start
    while _glued(doc, start):
        # "fly-half Stephen Jones", "400m champion Kim Collins": the run stopped inside a word written as one.
        start -= 1
    tokens = list(doc[start:words.end])
    while tokens and (tokens[0].is_space or tokens[0].lower_ in DAYS_AND_MONTHS or tokens[0].pos_ in ("VERB", "ADV")):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].is_space or tokens[-1].text.rstrip(".") in _HONORIFICS):
        tokens = tokens[:-1]
    names_only = all(t.ent_type_ == "PERSON" or t.pos_ not in ("NOUN", "PROPN") for t in tokens)
    # (With no noun left, every word is "not a noun": names_only holds.)
    if not tokens or tokens[0].is_punct or names_only:
        return ""
    return doc[tokens[0].i:tokens[-1].i + 1].text


def _glued(doc: Doc, i: int) -> bool:
    """Whether token i is written joined to the one before it ("fly" "-" "half", "400" "m")."""
    before = doc[i - 1] if i > 0 else None
    return before is not None and not before.whitespace_ and not before.is_space and not (
        before.is_punct and before.text != "-")


def _main_subject(token: Token, inside: set[int]) -> bool:
    """The subject of its sentence's main verb — or of the verb reporting a quotation the parser rooted the
    sentence in ('"Oh well, …," Sanders responded.': 'responded' hangs from the quoted 'say')."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    return verb.dep_ == "ROOT" or (verb.i not in inside and verb.head.i in inside and is_cue(verb))

"""From a reporting verb to the token that names its speaker: the subject (never a date or a number), a
passive agent, the object of `according to`, a name the parser hung elsewhere; `describe` in `mentions.py`
then reads what that token says."""

from __future__ import annotations

from spacy.tokens import Token

from bot.quotes.cues import OBJECT_SPEAKER, is_cue, is_misread_verb, noun_cue_source
from bot.quotes.mentions import _AGE, _NOT_SPEAKERS, _NOUN_GENDER, GROUP_PRONOUNS, PRONOUN_GENDER, RELATIVE
from bot.quotes.nlp import lemma
from bot.quotes.resolution import _THINGS
from bot.speakers import ROLE_NOUNS

_NOBODY = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})  # entities naming no one
_TIME_PREPS = {"before", "after", "while", "upon", "since", "when"}
# What someone issues, sends or posts that can say something ("issued a statement saying …"): the writings a
# later "the statement added" can quote, and more.
_WRITINGS = _THINGS | {"e-mail", "memo", "tweet", "video", "advert", "ad", "leaflet", "document"}


def speaker_token(cue: Token, inside: set[int]) -> Token | None:
    """The token heading the cue's speaker: subject, agent, `according to` object, or `quoted` object —
    never a date or a number ('Carson noted that Saturday would have been …': a date speaks for nobody)."""
    who = _speaker_token(cue, inside)
    # '"…," said one of their lawyers, Michalis Dimitrakopoulos': the one named, or else the group they are
    # one of — someone undescribed, never a number that leaves the quotation to whoever spoke before.
    of = next((c for c in who.children if c.dep_ == "prep" and c.lower_ == "of"), None) \
        if who is not None and who.lower_ in ONE_OF else None
    if of is not None:
        group = next((c for c in of.children if c.dep_ == "pobj" and c.i not in inside), None)
        if group is not None:
            named = next((c for c in group.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"
                          and c.i not in inside), None)
            return named or who
    if who is not None and of is None and who.lower_ in ("one", "another") and who.pos_ in ("NUM", "PRON"):
        # "Some former employees are angry … One told BBC News Online that …": one of a group the article does
        # not name, never the person quoted before (the administrator whose "he said" came last).
        return None
    if who is not None and who.lower_ in PRONOUN_GENDER and who.i > 0:
        who = _reporter(cue, who, inside) or who
    nobody = who is not None and who.ent_type_ in _NOBODY and not _is_age(who) and of is None
    return None if nobody else who


_PERSONAL = frozenset({"he", "she", "they", "i", "we", "you"})
# Words that pick some of a group ("one of their lawyers"): the group, not a number, says who speaks.
ONE_OF = frozenset({"one", "two", "three", "some", "several", "many", "most", "each", "both", "none"})


def _reporter(cue: Token, pronoun: Token, inside: set[int]) -> Token | None:
    """'Mr Begg's father, Azmat, said he had been told he could see his son and would say he was "a hero"': a
    'he' in what a person is reported to say is that person — a noun the parser leaves no entity for, so
    the pronoun went to whoever the sentences before named."""
    node = cue
    for _ in range(4):
        if node.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or node.head.i == node.i:
            return None
        node = node.head
        if node.i in inside or not is_cue(node):
            continue
        subject = next((c for c in node.children if c.dep_ == "nsubj" and c.i not in inside), None)
        if subject is None or subject.pos_ == "PRON":
            continue  # ("he had been told": the one told is the one who reports it, further up)
        if subject.i > pronoun.i:
            return None
        gender = _NOUN_GENDER.get(subject.lower_)
        if subject.pos_ == "NOUN" and (subject.lower_ in _NOUN_GENDER or subject.lower_ in ROLE_NOUNS) and \
                gender in (None, PRONOUN_GENDER[pronoun.lower_]):
            return subject
        return None
    return None


def _name_hung_before(verb: Token, inside: set[int]) -> Token | None:
    """'In an article for the Times newspaper, Ms Dunwoody, who chairs the Transport Select Committee, says:':
    the parser hung the name on the newspaper as its apposition and left the verb without a subject; the
    name whose phrase ends right before the verb is it (the quotation had gone to the speaker before)."""
    last = next((t for t in reversed(verb.doc[verb.sent.start:verb.i]) if not t.is_punct), None)
    node = last
    for _ in range(6):
        if node is None or node.i in inside or node.i >= verb.i:
            return None
        if node.dep_ == "appos" and node.ent_type_ == "PERSON":
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _is_age(token: Token) -> bool:
    """'the 30-year-old': a person, though the model tags the words a date."""
    return bool(_AGE.search(token.doc[token.left_edge.i:token.i + 1].text))


def _speaker_token(cue: Token, inside: set[int]) -> Token | None:
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is not None and lemma(obj) in _NOT_SPEAKERS:
            # "according to calculations by Amy Glasmeier": whoever made the figures.
            by = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            maker = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            return maker if maker is not None and maker.i not in inside else obj
        if obj is not None and obj.ent_type_ != "PERSON":
            # "according to media and PR strategist Glen Yearwood": the person the phrase names.
            person = next((t for t in obj.subtree if t.ent_type_ == "PERSON" and t.i not in inside
                           and (t.i + 1 == len(t.doc) or t.doc[t.i + 1].ent_type_ != "PERSON")), None)
            if person is not None:
                return person
        return obj
    if is_misread_verb(cue):  # '"…," the lawsuit states.'
        return cue.doc[cue.i - 1]
    if cue.pos_ == "NOUN":  # "Hain's description of him as …", "a call … from Charles Kennedy": the owner
        owner = next((c for c in cue.children if c.dep_ == "poss" and c.i not in inside), None)
        source = noun_cue_source(cue)
        return owner if owner is not None or source is None or source.i in inside else source
    verb: Token | None = cue
    prompted = False  # reached from "to say" under a passive: "Mr. Trump was prompted to say, "…""
    joined = False  # reached from a verb joined to this one by "and"
    hop = ""
    for step in range(4):
        # A fourth verb only along "and" and participles ("The candidate has mocked …, referred to … as "…" and
        # recently pointed to … and called him "…""), not into what a verb wants done ("The movie shows Bob
        # wanting to stay … and depicts one of the contractors asking": Bob does not ask).
        if verb is None or (step == 3 and hop == "xcomp"):
            break
        if prompted:
            # Whoever was prompted, asked or forced to say it says it, not whoever prompted them.
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i not in inside), None)
            if subject is not None:
                return subject
        # A passive names its speaker in the agent ("branded a waste by MPs"); its subject is the target.
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        elif any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")):
            # The parser may hang "by MPs" on the quoted noun: "branded a "waste" by MPs", "in a move branded
            # a "humiliating retreat" by the Tories" (a participle: the move's subject did not brand it).
            pobj = _by_object(verb, inside)
        else:
            pobj = None
        if pobj is not None and pobj.i not in inside:
            return pobj
        word = lemma(verb)
        # ('Reuters news agency reports a union source as saying': whom a report quotes "as saying" speaks.)
        quoting = word in OBJECT_SPEAKER or (word == "report" and any(
            c.dep_ == "prep" and c.lower_ == "as" and any(lemma(g) == "say" for g in c.children)
            for c in verb.children))
        deps: tuple[str, ...] = ("dobj", "nsubjpass") if quoting else ("nsubj",)
        # "But this financial year, because of "…", he said": a date the parser made a subject speaks not.
        subjects = [c for c in verb.children if c.dep_ in deps and c.i not in inside
                    and (c.ent_type_ not in ("DATE", "TIME") or _is_age(c))]
        if joined and verb is not cue and not subjects:
            # "Mr. Trump was forced into a rare moment of damage control and said …": a verb joined to a
            # passive one shares its subject, the passive's — a person ("what has been made available
            # suggests …" is no one).
            subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i not in inside
                        and (c.ent_type_ == "PERSON" or c.lower_ in _PERSONAL)]
        # "A former candidate -- John McCain, who … -- said": two subjects parsed; the name is the speaker.
        if subjects and subjects[0].pos_ == "NOUN":
            subjects.sort(key=lambda c: not (c.pos_ == "PROPN" and c.i < verb.i))
        if len(subjects) > 1 and any(c.ent_type_ == "PERSON" for c in subjects):
            # "In Berea, OH, after winning Ohio, Gov. John Kasich said": the place parsed as a second subject.
            subjects.sort(key=lambda c: c.ent_type_ != "PERSON")
        for child in subjects:
            if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                # ('backed by Culture, Media and Sport Secretary Tessa Jowell who said': the parser hung the clause
                # on "Culture"; the person named right before "who" is whom it is about.)
                before = child.doc[child.i - 1] if child.i > 0 else None
                if before is not None and before.ent_type_ == "PERSON" and verb.head.ent_type_ != "PERSON" \
                        and before.i not in inside:
                    return before
                return verb.head
            return _person_named_after(child, inside) if child.i > verb.i else child
        if verb is cue and not subjects and verb.tag_ in ("VBZ", "VBD") and verb.dep_ in ("advcl", "conj") and \
                not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            # "Actress Sandra Bullock has donated $1m to The American Red Cross and actor Leonardo DiCaprio
            # pledged a "sizable" aid contribution": the parser joined the name to the Red Cross and left the
            # verb without a subject; the person named right before it is who did it (not Bullock).
            before = verb.doc[verb.i - 1] if verb.i > 0 else None
            if before is not None and before.ent_type_ == "PERSON" and before.i not in inside \
                    and before.dep_ in ("conj", "appos"):
                return before
        if verb is cue and not subjects and verb.dep_ == "ROOT" and verb.tag_ in ("VBZ", "VBD", "VBP") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            hung = _name_hung_before(verb, inside)
            if hung is not None:
                return hung
        if verb is cue and verb.tag_ in ("VBD", "VBN"):
            # "in a move branded a "humiliating retreat" by the Tories", parsed as a verb without a subject:
            # whoever it is "by", not the subject of the clause it hangs from.
            pobj = _by_object(verb, inside)
            if pobj is not None and pobj.i not in inside and pobj.pos_ in ("PROPN", "NOUN"):
                return pobj
        if verb is cue and verb.tag_ == "VBG" and verb.dep_ == "advcl":
            # 'The trouble began on the show, with Maria Hutchings marching up to him, saying "…"': the one
            # the absolute "with" phrase before the participle has doing something says it, not the trouble.
            doer = next((s for w in verb.head.children if w.dep_ == "prep" and w.lower_ == "with" and w.i < verb.i
                         for p in w.children if p.dep_ == "pcomp" for s in p.children
                         if s.dep_ == "nsubj" and s.pos_ == "PROPN" and s.i not in inside), None)
            if doer is not None:
                return doer
        if verb.dep_ == "advcl":
            # "His comments come as the co-chairman …, Liam Fox, called him": the parser may hang a
            # subordinate clause's subject on its conjunction; that clause speaks, not the main one.
            mark = next((c for c in verb.children if c.dep_ == "mark"), None)
            hung = max((c for c in mark.children if c.dep_ == "pobj" and c.i not in inside),
                       key=lambda c: c.i, default=None) if mark else None  # "co - chairman": three pobj
            if hung is not None and hung.pos_ in ("NOUN", "PROPN"):
                return hung
        if verb is cue and verb.tag_ == "VBG" and verb.dep_ == "acl" and lemma(verb.head) in _WRITINGS:
            source = _written_from(verb.head, inside)
            if source is not None:
                # "Wal-Mart kicked off the battle …, using an open letter from company president Lee Scott saying
                # …": the writing's author says it, not whoever used or issued it.
                return source
            if verb.head.dep_ == "dobj" and verb.head.head.pos_ == "VERB" and verb.head.head.i not in inside:
                verb = verb.head.head  # "Jessica Mackler issued a statement saying …": whoever issued it says it
                continue
        if verb.dep_ == "pcomp" and verb.head.lower_ in _TIME_PREPS | {"by"} and verb.head.head.i not in inside \
                and verb.head.head.pos_ in ("VERB", "AUX") and not any(c.dep_ == "auxpass" for c in verb.head.head.children):
            # "Blige sings to Clinton before asking her": Blige asks; "Trump responded to that tweet by calling
            # Alwaleed "dopey"": Trump calls him so (not "was criticised by …": a passive's subject does nothing).
            verb = verb.head.head
            continue
        if verb.dep_ in ("relcl", "advcl", "acl") and verb.head.dep_ == "ROOT" and verb.head.pos_ == "PROPN" \
                and verb.head.i < verb.i and verb.head.i not in inside and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "Paul Ryan, the highest-ranking Republican, on Tuesday called … "racist"", "Trump defended eminent
            # domain, calling it …": the model made the name the root of a sentence left without a verb.
            return verb.head
        if verb is cue and verb.tag_ == "VBG" and lemma(verb) == "add" and verb.dep_ == "advcl" and \
                verb.head.dep_ == "ccomp" and \
                is_cue(verb.head.head) and verb.head.head.i not in inside:
            # 'He said Mr Blair had spoken with "such sincerity", adding: "…"': the parser hangs the
            # participle on the reported clause; whoever said that clause is adding.
            verb = verb.head.head
            continue
        if verb.dep_ == "conj" and not is_cue(verb.head) and verb.head.dep_ == "ccomp" and is_cue(verb.head.head) \
                and verb.head.head.i not in inside and not any(
                    c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in _PERSONAL or c.ent_type_ == "PERSON")
                    for c in verb.head.children):
            # 'Suu Kyi said it was too early to congratulate winners but added, "…"', 'Mr Clarke said
            # prosecutions were the first preference and promised … "serious" cases': parsed as joined to what
            # was said, whose subject is no one who could add or promise, the words are the reporter's ('… said
            # he could see his son and would say he was "a hero"': he says it).
            verb = verb.head.head
            continue
        # "X smiled and said", "X went on to say": the subject sits on the verb this one hangs from.
        prompted = verb.dep_ == "xcomp" and verb.head.i != verb.i and any(c.dep_ == "auxpass" for c in verb.head.children)
        joined = verb.dep_ == "conj" and lemma(verb) not in OBJECT_SPEAKER
        hop = verb.dep_
        verb = verb.head if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i else None
    return _inverted_subject(cue, inside) or _name_before(cue, inside) or _person_right_before(cue, inside)


def _person_right_before(cue: Token, inside: set[int]) -> Token | None:
    """'… while on the campaign trail for his wife Hillary Clinton, former president Bill Clinton said his wife
    was … because "…"': the parser hung the name in a chain of appositions and left the cue without a subject;
    a person's name ending right before a subjectless cue is who speaks."""
    if cue.i == 0 or cue.i - 1 in inside:
        return None
    before = cue.doc[cue.i - 1]
    return before if before.ent_type_ == "PERSON" and before.pos_ == "PROPN" else None


def _person_named_after(subject: Token, inside: set[int]) -> Token:
    """'said Tory shadow local government secretary Caroline Spelman': the parser may make the first word of
    a long title the subject of an inverted 'said'; the person the title leads to, before any punctuation,
    is who speaks."""
    if subject.ent_type_ == "PERSON":
        return subject
    person = None
    for t in subject.doc[subject.i + 1:subject.i + 9]:
        # ("said Treasury Under Secretary John Taylor": a capitalised "Under" is part of the title.)
        if t.is_punct or t.i in inside or t.is_sent_start or (t.pos_ == "ADP" and not t.is_title) or \
                t.pos_ in ("CCONJ", "DET", "PRON"):
            break  # "said the lawyer for Michael Jackson": the lawyer
        if t.ent_type_ == "PERSON":
            person = t
        elif person is not None:
            break
    return person or subject


def _by_object(verb: Token, inside: set[int]) -> Token | None:
    """The object of the first "by" after the verb in its phrase, outside quotations ("… by the Tories")."""
    by = next((t for t in verb.subtree if t.lower_ == "by" and t.i > verb.i and t.i not in inside
               and t.dep_ in ("prep", "agent")), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _name_before(cue: Token, inside: set[int]) -> Token | None:
    """'"… in this case," Tulsa police Chief Chuck Jordan said Monday', parsed with the name hanging from
    the quoted words: between a quotation's end and its subjectless cue, a person's name is the speaker —
    the first one, when an apposition follows it ('"…," Jeff Joseph, from the Consumer Electronics
    Association (CEA) told the BBC')."""
    doc = cue.doc
    j = cue.i - 1
    while j >= 0 and j not in inside and cue.i - j <= 14:
        if doc[j].is_punct and doc[j].text not in (".", "-", ",", "(", ")", "!", "?"):
            return None
        j -= 1
    if j < 0 or j not in inside or j == cue.i - 1:
        return None
    between = doc[j + 1:cue.i]
    if any(t.text in (".", "!", "?") or "\n" in t.text for t in between):
        return None  # '…?" he asked. Mr Kennedy criticised Mr Brown for failing to mention': another sentence
    people = [t for t in between if t.ent_type_ == "PERSON"
              and (t.i + 1 == len(doc) or doc[t.i + 1].ent_type_ != "PERSON" or doc[t.i + 1].ent_iob_ == "B")]
    if not people:
        return None
    return people[0] if any(t.text == "," for t in between if t.i > people[0].i) else people[-1]


def _inverted_subject(cue: Token, inside: set[int]) -> Token | None:
    """'"The risk," said Edward Leamer, … "is that …"': the parser may hang the name on the quoted words'
    verb; right after a quotation, the words following the cue are still its subject."""
    doc = cue.doc
    j = cue.i + 1
    before = doc[max(cue.i - 2, 0):cue.i].text.replace(" ", "")
    if not before.endswith(('"', "”", "''", '",', "”,", ",\"", ",”", "''", ",''")) or j >= len(doc) or j in inside:
        return None
    t = doc[j]
    if t.ent_type_ in ("DATE", "TIME"):
        return None
    if t.pos_ == "PRON":
        return t if t.lower_ in PRONOUN_GENDER or t.lower_ in GROUP_PRONOUNS else None
    if t.pos_ not in ("PROPN", "DET", "ADJ", "NOUN"):
        return None
    while t.dep_ in ("compound", "amod", "det", "poss") and t.head.i > t.i and t.head.i not in inside:
        t = t.head
    return _person_named_after(t, inside) if t.pos_ in ("PROPN", "NOUN") else None


def _written_from(writing: Token, inside: set[int]) -> Token | None:
    """The person or organisation a writing is 'from' ("a letter from company president Lee Scott"), in the
    writing's own phrase, outside any quotation."""
    return next((o for p in writing.children if p.dep_ == "prep" and p.lower_ == "from" and p.i not in inside
                 for o in p.children if o.dep_ == "pobj" and o.ent_type_ in ("PERSON", "ORG") and o.i not in inside),
                None)

"""Person names the small model cut short, made whole again before attribution reads the entities."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.quotes.names import first_names
from bot.speakers import DAYS_AND_MONTHS, ORG_NOUNS, PARTIES, POST_NOMINALS, ROLE_NOUNS, TITLES

# What the model runs into a name that follows it: a party, a broadcaster.
_BEFORE_NAMES = PARTIES | {"BBC", "ITV", "Channel 4", "Sky"}
# Titles only a person's name follows.
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr"})
# Endings of the adjectives a lede opens with before a name ("Defiant", "Injured", "Relieved"): no first name
# ends so that is not also on the list of first names.
_ADJECTIVE = re.compile(r"(?:ant|ent|ive|ous|ful|less|ed|ing|ic|able|ible)$")


def repair_names(doc: Doc) -> Doc:
    """'coach Mike Friday': the model takes the surname for a day (PERSON 'Mike', DATE 'Friday'); 'Ard Jan
    Vetham, Capgemini's principal consultant': it leaves out a first name it does not know at the start of a
    sentence. Both were stored under half a name ('Mike', 'Jan Vetham')."""
    ents: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in ("ORG", "NORP") and len(ent) >= 3 and ent[-2].lower_ in first_names() and \
                ent[-1].is_title and ent[-1].is_alpha and \
                " ".join(t.text for t in ent[:-2] if t.lower_ != "the") in _BEFORE_NAMES:
            # "For the Lib Dems David Laws said": one organisation to the model; the party, then the person
            # ("he said" after it had gone to Ed Balls, the person named before).
            ents += [Span(doc, ent.start, ent.end - 2, label="ORG"), Span(doc, ent.end - 2, ent.end, label="PERSON")]
        else:
            ents.append(ent)
    # "Scottish Finance Minister, Tom McCabe MSP, said": the letters after the name, an organisation to the
    # model and the head of the phrase to the parser, had been stored as the speaker ("MSP").
    ents = [e for k, e in enumerate(ents) if not (len(e) == 1 and e[0].text in POST_NOMINALS and k > 0
                                                   and ents[k - 1].label_ == "PERSON" and ents[k - 1].end == e.start)]
    changed = len(ents) != len(doc.ents)
    for k, ent in enumerate(ents):
        if ent.label_ in ("GPE", "FAC", "LOC", "NORP") and len(ent) <= 2 and ent.start > 0 \
                and doc[ent.start - 1].text.rstrip(".") in _HONORIFICS and ent[0].is_title:
            # "Mr Katwala added" (a place to the model): an honorific says a person ("he hoped" had gone to the
            # organisation named before).
            ents[k] = Span(doc, ent.start, ent.end, label="PERSON")
            changed = True
            continue
        after = doc[end] if (end := ent.end) < len(doc) else None
        if len(ent) == 1 and ent.label_ in ("PERSON", "ORG") and ent[0].lower_ in first_names() \
                and after is not None and _untagged_surname(after):
            # "singer-songwriters Feargal Sharkey, Lucie Silvas and …": 'Lucie' ORG, 'Silvas' untagged; the
            # "Silvas said" that follows had no full name to be.
            ents[k] = Span(doc, ent.start, end + 1, label="PERSON")
            changed = True
            continue
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        if after is not None and after.lower_ in DAYS_AND_MONTHS and after.pos_ == "PROPN" and \
                after.text[:1].isupper() and len(ent) == 1 and ent[0].lower_ in first_names():
            end += 1  # a lone first name right before a day ("on Friday" has its preposition): the surname
        before = doc[start - 1] if start > 0 else None
        if before is not None and _ADJECTIVE.search(before.lower_) and ent[0].lower_ in first_names():
            # "Defiant Matt Williams says he will not quit": a word opening the sentence before a full name
            # is no first name the model left out ("Ard Jan Vetham" is).
            before = None
        if before is not None and before.is_sent_start and before.pos_ == "PROPN" and before.is_title and \
                before.is_alpha and before.dep_ == "compound" and start <= before.head.i < end and \
                before.text not in TITLES and before.lower_ not in ROLE_NOUNS and before.lower_ not in ORG_NOUNS \
                and not before.ent_type_:
            start -= 1  # an untagged proper noun opening the sentence, compounded into the name
        if (start, end) != (ent.start, ent.end):
            neighbours = ents[k - 1:k] + ents[k + 1:k + 2]
            if any(o.start < end and start < o.end and o is not ent and o.label_ != "DATE" for o in neighbours):
                continue
            ents[k] = Span(doc, start, end, label="PERSON")
            changed = True
    if changed:
        kept = []
        for ent in ents:
            if any(o is not ent and o.label_ == "PERSON" and o.start <= ent.start and ent.end <= o.end
                   and (o.start, o.end) != (ent.start, ent.end) for o in ents):
                continue  # the day swallowed into the name
            kept.append(ent)
        doc.ents = kept
    return doc


def _untagged_surname(token: Token) -> bool:
    """A capitalised word no entity holds, that reads as a surname: not a title, a role, an organisation's
    noun, a day or a month."""
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha and not token.ent_type_ \
        and token.text not in TITLES and token.lower_ not in ROLE_NOUNS and token.lower_ not in ORG_NOUNS \
        and token.lower_ not in DAYS_AND_MONTHS

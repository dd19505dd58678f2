"""Speech cues: the verb (or `according to`) that reports a quotation, found by lemma and dependency."""

from __future__ import annotations

from spacy.tokens import Token

from bot.quotes.nlp import lemma

# Reporting verbs by lemma. The parse decides whether a token is the cue of a quote (its position and
# dependencies); the lemma only says the verb can report speech or writing.
SPEECH_LEMMAS = frozenset("""
say tell add claim insist argue write state explain declare announce warn note ask reply respond answer
suggest admit acknowledge confirm deny comment remark report describe call dismiss brand label accuse urge
predict promise vow pledge concede maintain contend assert reiterate recall joke quip tweet post testify
complain boast counter retort continue conclude stress emphasise emphasize observe believe think hope fear
praise criticise criticize condemn blast slam attack hail welcome reject question wonder shout cry agree
yell speak mention summarise summarize characterise characterize term dub quote put whisper laugh sigh
threaten demand plead lament reveal disclose recount caution advise muse opine proclaim protest point
tout blame defend gush scoff rage rail grumble concur estimate calculate forecast signal indicate
decry deride denounce mock ridicule taunt lambaste scold chide applaud imply allege chant brag assure
apologise apologize thank congratulate swear recommend propose invoke dismiss tease
grouse gripe fume carp bemoan whine moan rant snap sneer gloat crow bellow holler implore beg lecture
inform reassure speculate posit profess charge deadpan interject confide exclaim marvel fret attribute
credit command cite voice pronounce
cast portray paint liken compare laud refer
""".split())

# Verbs whose object, not subject, is the speaker: "the paper quoted him as saying".
OBJECT_SPEAKER = frozenset({"quote"})


# Nouns that report what their owner said: "Peter Hain's description of him as an "attack mongrel"".
SPEECH_NOUNS = frozenset("""
description claim warning accusation remark comment words jibe assertion insistence suggestion plea
admission charge criticism characterisation characterization dismissal denial promise pledge
""".split())


def is_noun_cue(token: Token) -> bool:
    """A speech noun with an owner ('Hain's description', 'his warning', 'a call … from Charles Kennedy'): the
    owner said the quoted words."""
    return token.pos_ == "NOUN" and token.lower_ in _CALLS and (
        any(c.dep_ == "poss" for c in token.children) or noun_cue_source(token) is not None)


def is_content_noun(token: Token, clause: Token) -> bool:
    """A speech noun whose "that" clause is the quoted words ('recent comments in a major Chinese newspaper that the
    "time is ripe"'): the noun reports them, whoever its owner is (a verb further up — "But calls for a shift …",
    the parser's root — reports something else)."""
    return token.pos_ == "NOUN" and lemma(token) in _CALLS and clause.dep_ == "acl" and \
        any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) and \
        not any(c.dep_ == "poss" for c in token.children)  # (an owner's: `is_noun_cue`)


def noun_cue_source(token: Token) -> Token | None:
    """Whom a speech noun comes 'from', a person or an organisation named in its phrase: 'despite a call for
    him to "pause for thought" from Charles Kennedy' (the parser may hang the 'from' anywhere under the noun)."""
    return next((c for t in token.subtree if t.dep_ == "prep" and t.lower_ == "from"
                 for c in t.children if c.dep_ == "pobj" and c.ent_type_ in ("PERSON", "ORG")), None)


def is_misread_verb(token: Token) -> bool:
    """'"…," the lawsuit states.': the small model may read the verb as a plural noun heading the clause, its
    subject as a compound of it."""
    return token.tag_ == "NNS" and token.dep_ == "ROOT" and token.lower_.endswith("s") and \
        token.lower_[:-1] in SPEECH_LEMMAS and any(c.dep_ == "compound" and c.i == token.i - 1 for c in token.children)


# Speech nouns that may name their owner after them ("a call from …").
_CALLS = SPEECH_NOUNS | {"call", "plea", "appeal", "demand"}

# What one repeats when repeating speech: "Menzies Campbell repeated his party's calls for …".
_REPEATED = _CALLS | {"view", "message", "question", "argument", "point"}


def is_cue(token: Token) -> bool:
    word = lemma(token) if token.pos_ in ("VERB", "AUX") else ""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if word == "tell" and any(lemma(o) in ("story", "tale") for o in objects) and \
            not any(c.dep_ == "dative" for c in token.children):
        return False  # 'Set in her native Dartford, Wasp tells the story of a young mum': a film's plot
    if word == "repeat":
        return any(lemma(o) in _REPEATED for o in objects)
    if word == "refer":
        # 'Trump referred to demonstrators as "my friends"'; not 'referred to the report', nor the one referred
        # to: 'Referred to in the Netherlands as "the General", Michels led …'.
        passive = token.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in token.children)
        return not passive and any(c.dep_ == "prep" and c.lower_ == "as"
                                   for o in [token, *token.children] for c in o.children)
    if word == "compare":
        return bool(objects)  # 'X compared the plan to "a root canal"'; not '"soft" on the issue, compared to Labour'
    if word in SPEECH_LEMMAS:
        # 'he felt it added "fizz" to his campaign': adding a thing to another reports nobody's words.
        return not (word == "add" and objects and any(
            c.dep_ in ("prep", "dative") and c.lower_ == "to" for o in [token, *objects] for c in o.children))
    if is_misread_verb(token):
        return True
    if token.pos_ == "VERB" and word == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children):
        return True  # '"You know, it happens," Trump went on'
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def cue_phrase(token: Token) -> str:
    """'said', 'told Reuters', 'according to'."""
    if token.lower_ == "according":
        return "according to"
    objects = [c for c in token.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN", "PRON")]
    if objects and lemma(token) == "tell":
        obj = objects[0]
        words = [t for t in obj.subtree if t.i <= obj.i or t.dep_ == "compound"]
        # (As the article spaces them: "told Uefa's Champions magazine", not "Uefa 's".)
        return f"{token.text} {''.join(t.text_with_ws for t in words).strip()}"
    return token.text

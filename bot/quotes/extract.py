"""Every quotation of an article with its speaker and a confidence: spans → cues → mentions → entities."""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from bot.models import Article, Quote
from bot.quotes.cues import cue_phrase, is_content_noun, is_cue, is_noun_cue
from bot.quotes.entities import ArticleEntities
from bot.quotes.mentions import GROUP_PRONOUNS, PERSON_PRONOUNS, SPACES, Mention, describe
from bot.quotes.nlp import lemma, parse, parse_many, pipeline
from bot.quotes.resolution import Resolution
from bot.quotes.spans import Span, find_spans
from bot.quotes.subjects import speaker_token
from bot.speakers import ROLE_NOUNS, name_key

log = logging.getLogger(__name__)

# Below this confidence a quote is stored without a speaker: a wrong name is worse than none.
# Measured on the dev sets (`whosaid eval polnear` prints accuracy at each threshold): 0.65 lifted the
# accuracy of names shown on PolNeAR dev (0.933 → 0.943) and blind BBC dev (0.852 → 0.883), but not on
# the held-out BBC set, and cost the seed three right names; the confidences rank too weakly for more.
MIN_CONFIDENCE = 0.5


@dataclass
class Attribution:
    speaker: str | None
    mention: str
    cue: str
    confidence: float
    cue_at: int = -1
    claim: bool = False  # the words of a claim someone answers, unattributed ("dismissed claims that …")


def _inside(doc: Doc, spans: list[Span]) -> set[int]:
    inside: set[int] = set()
    for s in spans:
        hi = (s.close_at + 1) if s.close_at is not None else s.end
        region = doc.char_span(s.open_at, hi, alignment_mode="expand")
        if region is not None:
            inside.update(range(region.start, region.end))
    return inside


def _quote_tokens(doc: Doc, span: Span) -> list[Token]:
    region = doc.char_span(span.start, span.end, alignment_mode="expand")
    return list(region) if region is not None else []


def _cue_after(doc: Doc, article: Article, span: Span, inside: set[int]) -> Token | None:
    """'"…," said Souness' / '"…," Souness said': a quotation closing on a comma (or ? or !) with a reporting
    verb right after it in its paragraph, inverted before its subject or after a short one, is reported by
    that verb — whatever earlier verb the parser hung it from when the sentence before lost its full stop
    ('… enough goals "The chap …'). Not a participle ('"…," stating …', '"…," adding'), not a new sentence
    ('"…!" She replied'), not a verb that introduces the next quotation ('"…," Trump said: "…"')."""
    close = span.close_at
    if close is None or article.text[span.end:close].strip() not in ("", ","):
        return None
    mark = article.text[close - 1::-1].lstrip()[:1]
    if mark not in (",", "?", "!"):
        return None
    hi = article.paragraphs[span.paragraph][1]
    after = doc.char_span(close + 1, min(hi, close + 80), alignment_mode="contract")
    if after is None:
        return None
    # (Eight words: 'Mr Kashyap's lawyer Mihir Desai said' holds six before its verb.)
    words = [t for t in after if not t.is_space][:8]
    if words and mark != "," and words[0].text[:1].isupper() and words[0].pos_ == "PRON":
        return None
    for k, t in enumerate(words):
        if t.i in inside or (t.is_punct and (k > 0 or t.text not in (",", "-"))):
            return None
        # (After a question mark too, when a name opens the clause: '"Did you ever know Mr Ebbers to make an
        # accounting entry?" Mr Weingarten pressed.' had gone on as the witness's words.)
        if (mark == "," or words[0].pos_ == "PROPN") and not is_cue(t) and _closing_verb(t, words[:k]):
            return t
        if is_cue(t) and t.pos_ == "VERB":
            # (A clause hung from a quoted word is the parser's slip: '"… a better distribution," deputy
            # planning director Jose Leibovich said' made 'said' a relative clause of 'distribution'.)
            modifier = t.dep_ in ("acl", "relcl", "amod") and t.head.i not in inside
            if t.tag_ not in ("VBD", "VBZ", "VBP") or modifier or (t.i + 1 < len(doc) and doc[t.i + 1].text == ":"):
                return None
            before = {w.i for w in words[:k]}
            subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            inverted = k == 0 and any(c.i > t.i for c in subjects)
            return t if inverted or any(c.i in before for c in subjects) else None
    return None


def _closing_verb(verb: Token, before: list[Token]) -> bool:
    """'"France will always be France," an angry Hollande retaliated.': whatever the verb, a subject and its
    verb alone closing the sentence after a quotation's comma say who spoke it ('… Trump fumed.', '…
    she joked.')."""
    end = verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].text in (".", "!")
    return verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ") and verb.dep_ == "ROOT" and end and any(
        c.dep_ == "nsubj" and c.i in {w.i for w in before} for c in verb.children)


def _find_cue(doc: Doc, span: Span, paragraph: tuple[int, int], inside: set[int],
              tokens: list[Token]) -> Token | None:
    """The cue of a quote: a reporting verb the quote hangs from, else the nearest one in its sentences."""
    quoted = {t.i for t in tokens}
    lo, hi = paragraph
    for t in tokens:
        node, hops = t, 0
        while node.head.i != node.i and hops < 4:
            below, node = node, node.head
            if not lo <= node.idx < hi:
                # The parser ran the paragraph into the next one ('…a reason."¶Corker said he and …'): a
                # verb there reports its own paragraph, not this quote.
                break
            if node.i not in quoted:
                hops += 1
                # 'He said Mr Blair had spoken with "such sincerity"': words that say how someone spoke are
                # the reporter's, so the verb further up reports them.
                manner = below.dep_ == "prep" and below.lower_ == "with"
                # 'Labour's rule has been characterised by "lost trust …", he told the conference': the quoted
                # words are what the passive verb is done by, and the verb reporting them is further up.
                quoted_by = below.dep_ == "agent" and any(c.i in quoted for c in below.children)
                # 'Ms Cooper said Mr Sullivan had not mentioned "anything uncomfortable"': what someone did
                # not say are the words of whoever reports it.
                negated = any(c.dep_ == "neg" for c in node.children)
                passed_up = (manner or quoted_by or negated) and _reporting_ancestor(node, inside, lo, hi) is not None
                if node.i not in inside and (is_cue(node) or is_noun_cue(node) or is_content_noun(node, below)) \
                        and not passed_up:
                    return node
    if not tokens:
        return None
    # 'Richard Thomas "totally condemned" the deletion': the quoted words are the clause's own verb.
    for t in tokens:
        if t.pos_ == "VERB" and (t.dep_ == "ROOT" or t.head.i not in quoted):
            according = next((c for c in t.children if c.lower_ == "according" and c.i not in inside), None)
            if according is not None:
                # 'Adidas has a trainer which, according to Susanne Risse from the company, can "sense, understand,
                # and adapt …"': the quoted clause says whose words it gives (it had been no one's, "which" its subject).
                return according
            if any(c.dep_ == "nsubj" and c.i not in inside for c in t.children):
                # 'He said he was ashamed to be a member of a UKIP whose leadership had "gone AWOL"': a
                # reporting verb further up the sentence reports the quoted clause.
                reporting = _reporting_ancestor(t, inside, lo, hi)
                if reporting is not None:
                    return reporting
                # 'The MEP … wants his new group to "change the face" of UK politics': the wanting verb's
                # subject owns the words, not the complement's ("his new group").
                main = t.head
                if t.dep_ in ("ccomp", "xcomp") and main.i not in inside and main.pos_ == "VERB" and \
                        any(c.dep_ == "nsubj" and c.i not in inside for c in main.children):
                    return main
                return t
    sentences = {t.sent.start for t in (tokens[0], tokens[-1])}
    # A participle modifying a noun ("a version dismissed by Warsaw") reports only what hangs from it.
    # Nor does an aside in brackets ("… influence (think Eleanor Roosevelt)"): it reports nothing outside them.
    window = [t for s in {doc[i].sent for i in sentences} for t in s
              if lo <= t.idx < hi and t.i not in inside and is_cue(t)
              and (t.dep_ not in ("acl", "amod", "relcl") or _names_it(t, tokens)) and not _bracketed(doc, t, span)
              and not _introduces_next(doc, t, span)]
    # A lead-in that ends in a colon or comma ("Mr Smith said:") reports the quote after it.
    before = doc.char_span(lo, span.open_at, alignment_mode="contract") if span.open_at > lo else None
    if not window and before is not None and before.text.rstrip().endswith((":", ",")):
        # (The lead-in is the sentence ending in the colon and the ones just before — '"…," said Steve Schmidt. Unless
        # further rivals immediately quit the race, "…"' — not the whole paragraph: "… famous people they have seen
        # and snapped. … And in Beijing, courts have adopted … For Henry Reichhold, this is progress: "…"" was not
        # said by whoever snapped photographs.)
        lead = before[-1].sent.start if len(before) else before.start
        for _ in range(LEAD_IN_SENTENCES - 1):
            lead = doc[lead - 1].sent.start if lead > before.start else lead
        window = [t for t in before if t.i not in inside and is_cue(t) and t.i >= lead]
    if not window:
        return None
    centre = (span.open_at + span.end) / 2
    return min(window, key=lambda t: abs(t.idx - centre))


LEAD_IN_SENTENCES = 3  # a lead-in ending in a colon or a comma: its own sentence and the two before


def _introduces_next(doc: Doc, cue: Token, span: Span) -> bool:
    """'"… 'What am I doing there?'" LTA chief executive, John Crowther, added: "…"': a cue after the quotation
    that ends in a colon introduces the next one (the quotation before had been Crowther's, not Connors's) —
    when it has a subject of its own ('sent Mr Bush his "warmest congratulations", saying: "…"' says who said
    both)."""
    return cue.idx > span.end and cue.i + 1 < len(doc) and doc[cue.i + 1].text == ":" and \
        cue.tag_ in ("VBD", "VBZ", "VBP") and any(c.dep_ == "nsubj" for c in cue.children)


def _names_it(verb: Token, tokens: list[Token]) -> bool:
    """A relative clause's cue whose object the quotation follows: "Sir Richard Eyre who called Marie Leroi's
    work "extraordinarily thought provoking"" (the parser hung the quoted words elsewhere) reports them."""
    if verb.dep_ != "relcl" or not tokens:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(0 < tokens[0].i - o.right_edge.i <= 2 for o in objects)


def _bracketed(doc: Doc, token: Token, span: Span) -> bool:
    """Whether the token sits in brackets the quotation is not in."""
    text = doc.text
    opened = text.rfind("(", 0, token.idx)
    if opened < 0 or text.rfind(")", opened, token.idx) >= 0:
        return False
    closed = text.find(")", token.idx)
    return closed >= 0 and not opened < span.open_at < closed


# The closing marks the tokenizer leaves before a verb, and entity kinds a name after the verb is not.
_CLOSERS = frozenset({'"', "”", "''"})
_NOT_NAMES = frozenset({"DATE", "TIME", "GPE", "LOC", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _inverted_name(cue: Token, inside: set[int]) -> Token | None:
    """'Said Ellis: "…"': the proper noun right after a sentence-initial reporting verb is its subject."""
    run: list[Token] = []
    for t in cue.doc[cue.i + 1:cue.i + 6]:
        if t.i in inside or t.is_punct:
            break
        if t.pos_ == "PROPN":
            run.append(t)
        elif run:
            break
    return run[-1] if run else None


def _reporting_ancestor(verb: Token, inside: set[int], lo: int, hi: int) -> Token | None:
    node = verb
    for _ in range(8):
        if node.head.i == node.i or not lo <= node.head.idx < hi:
            return None
        node = node.head
        if node.i not in inside and is_cue(node) and node.pos_ == "VERB":
            return node
    return None


def _clause_before(doc: Doc, article: Article, span: Span, inside: set[int]) -> Token | None:
    """'Kasich resisted: "…"', 'Hillary shot back, "…"': a clause ending in a colon or comma right before
    the quotation introduces it, whatever its verb, when the verb has a subject of its own."""
    lo, _ = article.paragraphs[span.paragraph]
    lead = article.text[lo:span.open_at].rstrip()
    if not lead.endswith((":", ",")) or len(lead) < 3:
        return None
    before = doc.char_span(lo, lo + len(lead) - 1, alignment_mode="contract")
    words = [t for t in before or [] if not t.is_space]
    if not words:
        return None
    last = words[-1]
    verb = last.head if last.dep_ in ("prt", "npadvmod", "advmod") else last
    if lead.endswith(":"):
        # 'Mitch McConnell delivered a blunt message to Trump: "…"': up from the object to its verb, within
        # the colon's own clause ('Paris was more subdued, with … telling parliament:' is not Paris's).
        clause = max((t.i for t in words if t.text == ","), default=words[0].i - 1)
        while verb.dep_ in ("pobj", "prep") and verb.head.i != verb.i and verb.head.i > clause:
            verb = verb.head
    if verb.dep_ == "dobj" and verb.head.pos_ == "VERB":
        verb = verb.head  # 'Drummer Larry Mullen Jr echoed those sentiments: "…"
    if verb.pos_ not in ("VERB", "AUX") or verb.i in inside or verb.idx < words[0].idx:
        return None
    if lead.endswith(",") and verb.dep_ not in ("ROOT", "conj") and verb.head.i not in inside:
        return None  # a clause inside another is no lead-in (the parser may hang it from the quote's verb)
    if any(c.dep_ == "nsubj" and c.i not in inside for c in verb.children):
        # 'Arnesen said the club were sad to see Santini go: "…"': a verb inside what someone is reported to
        # say introduces nothing; the reporting verb over it does (Santini had been the speaker).
        reporting = None if is_cue(verb) else _reporting_ancestor(verb, inside, lo, span.open_at)
        if reporting is not None and any(c.dep_ == "nsubj" and c.i not in inside for c in reporting.children):
            return reporting
        return verb
    return None


def _name_label(doc: Doc, article: Article, span: Span, inside: set[int]) -> Token | None:
    """'- Manchester United coach Sir Alex Ferguson: "It was a fantastic performance…"': a lead-in without a
    verb that names a person and ends in a colon, as match reports and transcripts label who speaks."""
    lo, _ = article.paragraphs[span.paragraph]
    lead = article.text[lo:span.open_at].rstrip()
    if not lead.endswith(":"):
        return None
    before = doc.char_span(lo, lo + len(lead) - 1, alignment_mode="contract")
    if before is None or not len(before):
        return None
    start = max(before.start, before[-1].sent.start)
    words = [t for t in doc[start:before.end] if not t.is_space and not t.is_punct]
    if not words or len(words) > 12 or any(t.pos_ in ("VERB", "AUX") or t.i in inside for t in words):
        return None
    people = [t for t in words if t.ent_type_ == "PERSON"]
    return people[-1] if people else None


def _lead_in(doc: Doc, article: Article, span: Span, inside: set[int]) -> Token | None:
    """A quote opening its paragraph after one that ends 'X said:' is X's."""
    lo, _ = article.paragraphs[span.paragraph]
    if span.open_at != lo or span.paragraph == 0:
        return None
    plo, phi = article.paragraphs[span.paragraph - 1]
    if not article.text[plo:phi].rstrip().endswith(":"):
        return None
    prev = doc.char_span(plo, phi, alignment_mode="contract")
    cues = [t for t in prev or [] if t.i not in inside and is_cue(t)] if prev is not None else []
    return cues[-1] if cues else None


def _sentence_before(doc: Doc, article: Article, span: Span, inside: set[int], ends: tuple[str, ...]
                     ) -> SpacySpan | None:
    """The whole sentence of the quotation's paragraph right before it, quoting nothing itself, when the
    paragraph's text before the quotation ends in one of `ends`."""
    lo, _ = article.paragraphs[span.paragraph]
    if span.open_at <= lo or not article.text[lo:span.open_at].rstrip().endswith(ends):
        return None
    before = doc.char_span(lo, span.open_at, alignment_mode="contract")
    if before is None or not len(before):
        return None
    sentence = before[-1].sent
    if sentence.end > before.end or any(t.i in inside for t in sentence):
        return None
    return sentence


def _paragraph_before(doc: Doc, article: Article, span: Span) -> SpacySpan | None:
    """The last sentence of the paragraph before, when the quotation opens its own paragraph and that one ends
    a sentence."""
    lo, _ = article.paragraphs[span.paragraph]
    if span.paragraph == 0 or article.text[lo:span.open_at].strip():
        return None
    p_lo, p_hi = article.paragraphs[span.paragraph - 1]
    before = doc.char_span(p_lo, p_hi, alignment_mode="contract")
    if before is None or not len(before) or not article.text[p_lo:p_hi].rstrip().endswith("."):
        return None
    return before[-1].sent


def _prior_sentence_cue(doc: Doc, article: Article, span: Span, inside: set[int]) -> Token | None:
    """'Matthew Herren told Go Digital how it works. "The E-slates connect …"': a quotation opening right
    after a sentence whose own main verb reports speech (and that quotes nothing itself) is that speaker's."""
    # 'The film's director Peter Chelsom said he was disappointed that Lopez did not attend. ¶ "It's a shame.
    # …"': a paragraph opening with the quotation follows the one whose last sentence brought the speaker in
    # (it had gone on with Lopez, quoted before that sentence).
    sentence = _sentence_before(doc, article, span, inside, (".", ":")) or _paragraph_before(doc, article, span)
    if sentence is None:
        return None
    root = sentence.root
    if is_cue(root) and root.i not in inside:
        # 'Many might think it is simply another chance to practise his art. "I think the greatest threat …"':
        # what someone might or would say, or did not, introduces nobody's words.
        return None if _hypothetical(root) else root
    # 'Mr Negroponte wants the laptops to become more common than mobile phones but conceded this was
    # ambitious. "Nokia make 200 million cell phones a year, …"': the sentence's second verb, sharing its
    # subject, reports the speech.
    # (Not "… meet at Twickenham and Kirwan says": a name right before the verb, misparsed, is its subject.)
    joined = next((c for c in root.children if c.dep_ == "conj" and is_cue(c) and c.i not in inside
                   and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)
                   and doc[c.i - 1].pos_ not in ("PROPN", "PRON", "NOUN")), None)
    if joined is not None and any(c.dep_ == "nsubj" for c in root.children):
        return None if _hypothetical(joined) else joined
    # 'Mr Dein said that … he feared there might now be too many games being shown. Since 1992, Premiership clubs
    # have seen their income from television soar. "Television has been the driving force …"': one sentence
    # of background about no one between the reporting sentence and the quotation does not change who speaks.
    if any(t.ent_type_ == "PERSON" or t.lower_ in ("he", "she", "i", "we") for t in sentence) or sentence.start == 0:
        return None
    before = doc[sentence.start - 1].sent
    lo, _ = article.paragraphs[span.paragraph]
    if before.start_char < lo or any(t.i in inside for t in before):
        return None
    root = before.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if is_cue(root) and subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she")):
        return root
    return None


_MODALS = frozenset({"might", "may", "could", "would", "should", "must"})


def _hypothetical(verb: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS) for c in verb.children)


# ("I'm", "We're": the word boundary before the apostrophe already holds them.)
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|[Ww]e|[Oo]ur|us)\b")


def _first_person_subject(doc: Doc, article: Article, span: Span, inside: set[int]) -> Token | None:
    """'He spent the next seven years in New York where he worked at MTV …. "At a certain point in 1995, I
    was driving in …"': a quotation in the first person with no reporting verb, right after a sentence of its
    paragraph about a person, is that person talking (profiles and interviews run so)."""
    # 'And he is scathing of the Tory party. "The Tory party is schizophrenic about Europe. … "It's like …
    # I want to make clear …"': the first person may come in a later quotation of the same run.
    if not _FIRST_PERSON.search(article.text[span.start:article.paragraphs[span.paragraph][1]]):
        return None
    # ('On this subject, Morris appears almost evangelical. ¶ "I was on a cruise …"': the paragraph before.)
    sentence = _sentence_before(doc, article, span, inside, (".", "!", "?")) or _paragraph_before(doc, article, span)
    if sentence is None or any(t.i in inside for t in sentence):
        return None
    subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if subject.lower_ in ("he", "she") or subject.ent_type_ == "PERSON":
        return subject
    return None


_SIGNATURE = re.compile(r"[^\S\n]*[―—–]+[^\S\n]*((?:[A-Z][\w'’.-]*[^\S\n]+){0,3}[A-Z][\w'’-]+)\.?[^\S\n]*(?=\n|$|[“\"(])")


def _signature(article: Article, span: Span) -> Mention | None:
    """'"… He represents our greatest shame." ― Sonya Herridge': a quotation signed with a dash and a name
    (testimonials, epigraphs) is that person's, when the name ends the paragraph or another quote follows."""
    close = span.close_at if span.close_at is not None else span.end
    signed = _SIGNATURE.match(article.text, close + 1)
    if signed is None or signed.end() > article.paragraphs[span.paragraph][1] + 1:
        return None
    name = signed.group(1)
    return Mention("name", name, name=name, label="PERSON", at=signed.start(1))


def _resolve(entities: ArticleEntities, mention: Mention) -> Resolution:
    if mention.kind == "name":
        return entities.canonical(mention)
    if mention.kind == "group":
        if " " not in mention.name and any(p.tokens[-1] == mention.name for p in entities.people):
            # 'Hodges described his years at Stradey as "…"': the tagger's plural noun is Dave Hodges's surname.
            return entities.canonical(Mention("name", mention.text, name=mention.name, label="PERSON",
                                              at=mention.at))
        return Resolution(mention.name, 0.7)
    if mention.kind == "spokes":
        return Resolution(entities.spokes_name(mention), 0.85)
    if mention.kind == "pronoun":
        return entities.pronoun(mention)
    return entities.description(mention)


def _attribute(doc: Doc, article: Article, span: Span, inside: set[int], entities: ArticleEntities) -> Attribution | None:
    signed = _signature(article, span)
    if signed is not None:
        resolved = _resolve(entities, signed)
        return Attribution(resolved.name, signed.text, "―", resolved.confidence, signed.at)
    label = _name_label(doc, article, span, inside)
    if label is not None:
        mention = describe(label, inside)
        resolved = _resolve(entities, mention)
        return Attribution(resolved.name, mention.text, ":", resolved.confidence, label.idx)
    tokens = _quote_tokens(doc, span)
    claim = _claimed(tokens)
    if claim is not None:
        # "Howard has dismissed claims that his immigration policy was "moving onto the turf" of the BNP": the
        # words of the claims, whoever made them, not of the one dismissing them. Kept, unattributed.
        return Attribution(None, claim.text, claim.text, 0.0, claim.idx, claim=True)
    cue = _cue_after(doc, article, span, inside) or _clause_before(doc, article, span, inside) \
        or _find_cue(doc, span, article.paragraphs[span.paragraph], inside, tokens) \
        or _lead_in(doc, article, span, inside)
    discount, carried = 1.0, False
    if cue is None:
        cue, discount = _prior_sentence_cue(doc, article, span, inside), 0.85
        carried = cue is not None and cue.idx < article.paragraphs[span.paragraph][0]
    if cue is None:
        subject = _first_person_subject(doc, article, span, inside)
        if subject is None:
            return None
        mention = describe(subject, inside)
        resolved = _resolve(entities, mention)
        if resolved.confidence < 0.8:
            return None  # only when who the sentence is about is clear: there is no verb to go by
        return Attribution(resolved.name, mention.text, "", resolved.confidence * 0.8, subject.idx)
    who = speaker_token(cue, inside)
    if who is None and cue.pos_ == "VERB" and cue.tag_ in ("VBD", "VBZ", "VBP") and cue.i not in inside and \
            cue.i - cue.sent.start <= 2 and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cue.children):
        # 'Mr Blair told BBC News he had not read it. But told BBC News: "…"': a sentence whose reporting
        # verb lost its subject goes on with the person the sentence before was about, like a 'he'.
        named = _inverted_name(cue, inside) if lemma(cue) in ("say", "add", "ask", "reply", "write") else None
        if named is not None:  # 'Said Ellis: "…"'
            who = named
        else:
            mention = Mention("pronoun", "", at=cue.idx, label="PERSON")
            resolved = entities.pronoun(mention)
            return Attribution(resolved.name, "", cue_phrase(cue), resolved.confidence * 0.9, cue.idx)
    if who is None and cue.i > 0 and doc[cue.i - 1].text in _CLOSERS:
        # '"…," admitted Kiely.' with the name parsed as an adverb: the capitalised words right after a verb
        # that follows the quotation's closing mark, ending the sentence, are its inverted subject.
        run = list(itertools.takewhile(lambda t: t.is_title and t.is_alpha and t.i not in inside,
                                       doc[cue.i + 1:cue.i + 4]))
        after = doc[run[-1].i + 1] if run and run[-1].i + 1 < len(doc) else None
        if run and after is not None and after.text in (".", ",", "!") and run[-1].ent_type_ not in _NOT_NAMES:
            who = run[-1]
    if who is None:
        return Attribution(None, "", cue_phrase(cue), 0.0, cue.idx)
    mention = describe(who, inside)
    mention.quoted = article.text[span.start:span.end]
    resolved = _resolve(entities, mention)
    if discount < 1.0 and carried and (resolved.name is None or resolved.confidence * discount < MIN_CONFIDENCE):
        # The paragraph before brought in someone the article does not name, or not surely ("The minister
        # told delegates …"): the quotation goes on with whoever spoke before, as it would without it.
        return None
    return Attribution(resolved.name, mention.text, cue_phrase(cue), resolved.confidence * discount, cue.idx)


_CLAIM_NOUNS = frozenset({"claim", "allegation", "suggestion", "accusation", "speculation", "rumour", "rumor",
                          "assertion"})
_CLAUSES = frozenset({"acl", "ccomp", "relcl"})


def _claimed(tokens: list[Token]) -> Token | None:
    """The noun of an unowned claim whose that-clause holds the quoted words ("claims that Mr Campbell is part of
    a Labour "dirty tricks" campaign"), if the words sit in one: no reporting verb comes between."""
    if not tokens:
        return None
    quoted = {t.i for t in tokens}
    node, hops = tokens[0], 0
    while node.head.i != node.i and hops < 6:
        below, node = node, node.head
        if node.i in quoted:
            continue
        hops += 1
        if is_cue(node):
            return None
        if node.pos_ == "NOUN" and lemma(node) in _CLAIM_NOUNS and below.dep_ in _CLAUSES and not any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "from")) for c in node.children):
            return node
    return None


def _kind(article: Article, span: Span, text: str) -> str:
    lo, _ = article.paragraphs[span.paragraph]
    lead = article.text[lo:span.open_at]
    # The first of an opening '' or `` pair lies before the span's mark (spans.py reads a pair as one mark).
    # ('on the red carpet."It's unlike …': a sentence's end glued to the mark leaves no lead either.)
    lead = re.split(r"(?<=[.!?])\s*", lead)[-1].rstrip("'`").rstrip()
    upper = bool(re.match(r"[\W_]*[A-Z0-9]", text))
    if span.continues or not lead or lead.endswith((":", ",", '"', "”")):
        return "direct" if upper or span.continues else "partial"
    return "partial"


_SMALL_WORDS = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "with", "at", "or", "from", "by"}
_SO_CALLED = re.compile(r"(?:so-called|dubbed|named|titled|entitled|known as|called|nicknamed)\s*$", re.I)


def _is_label(article: Article, span: Span, text: str, attribution: Attribution | None) -> bool:
    """A name or title in quotation marks ('so-called "smart bottle"', C.L. "Butch" Otter), not words."""
    before = article.text[max(0, span.open_at - 20):span.open_at]
    after = article.text[(span.close_at or span.end) + 1:(span.close_at or span.end) + 3]
    if (m := _SO_CALLED.search(before)) and (attribution is None or len(text.split()) <= 4):
        # ('a clip that Judge Michael W. Mosman called "distasteful,"': a verdict in lower case that someone
        # the parse found calls a thing is their word, not the thing's name.)
        verdict = attribution is not None and attribution.speaker is not None and text[:1].islower() and \
            m.group().strip().lower() == "called" and attribution.cue == "called" and \
            attribution.cue_at == span.open_at - len(before) + m.start()
        if not verdict:
            return True
    if text.lower().startswith("so-called") and len(text.split()) <= 4:
        return True
    # Words opening a sentence and closing on a comma with their reporting verb right after ('"Like Oakland.
    # Or Ferguson," Trump said') are someone's, however capitalised ('He appeared on "Meet the Press," said
    # his aide' is still a title).
    close = span.close_at
    lead = article.text[article.paragraphs[span.paragraph][0]:span.open_at].rstrip()
    if attribution is not None and attribution.cue and close is not None and (not lead or lead[-1] in ".!?:") \
            and article.text[span.end:close].strip() == "," and 0 < attribution.cue_at - close <= 40:
        return False
    # A title in Title Case ("Meet the Press", "Draft One", "Alternative Budget", "State of Agricultural
    # Commodity Markets 2004"): a show, product, plan or report.
    words = (text[:-1] if text.endswith(".") and text.count(" ") >= 2 and "'" not in text else text).split()  # '"Fox and Friends."'
    # ('no "Las Vegas-style" super-casinos': a name made a modifier by a lower-case suffix is someone's words.)
    # (Any length after "dubbed": 'Originally dubbed "Jerry's Guide to the World Wide Web" the firm …'.)
    if (len(words) <= 6 or _SO_CALLED.search(before)) and not re.search(r"[.!?,;:]$", " ".join(words)) \
            and not re.search(r"-[a-z]+$", words[-1]) and words[0][:1].isupper() \
            and all(w[:1].isupper() or w.lower() in _SMALL_WORDS or (i and re.fullmatch(r"\d[\d/.]*", w))
                    for i, w in enumerate(words)):
        return True
    # A nickname between a first name and a surname (not words ending a sentence: 'Jeb Bush called Trump
    # "unhinged." Sen. Marco Rubio …').
    return len(text.split()) <= 2 and bool(re.search(r"[A-Z][\w.]*\s$", before)) and bool(re.match(r"\s[A-Z]", after)) \
        and not text.endswith((".", "!", "?", ","))


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])|\n+")


def relevant_text(article: Article, spans: list[Span]) -> str:
    """The article up to the sentence after its last quotation, the rest blanked (offsets kept): what comes
    after the last quote attributes nothing. Parsing whole articles measured more accurate than parsing
    windows around each quote (pronouns and names reach back several sentences)."""
    last = max((s.close_at if s.close_at is not None else s.end) for s in spans)
    ends = [m.end() for m in _SENTENCE_END.finditer(article.text, last)]
    cut = ends[1] if len(ends) > 1 else len(article.text)
    tail = article.text[cut:]
    # 'Del. Marcia "Cia" Price' is parsed as 'Del. Marcia       Price': the small model split the name at the
    # marks (a PERSON 'Marcia "', a WORK_OF_ART 'Cia" Price') and the speaker became her district.
    head = _NICKNAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), article.text[:cut])
    # A party-and-state tag ('Gov. John Kasich (R-OH)', 'Sen. Marco Rubio (R-Fla.)') names nobody: the model
    # took 'OH' for the speaker.
    head = _PARTY_TAG.sub(lambda m: " " * len(m.group()), head)
    # A curly apostrophe reads to the small model as a closing quotation mark: "Sanders’ campaign called
    # AP’s report a “rush to judgment,”" was parsed with 'campaign' a noun the quotation hung from, and
    # nobody said it. The straight one, of the same length, it reads as the possessive it is; and curly
    # double marks as the straight ones it parses better (offsets kept: one character for one). A no-break
    # space ingestion's NFKC already made a space; text handed in directly (PolNeAR) may still hold one, and
    # the model reads 'co-host Stu\xa0Burguiere' as two names.
    head = _CURLY_APOSTROPHE.sub("'", head).translate(_STRAIGHT)
    return head + "".join(c if c == "\n" else " " for c in tail)


_STRAIGHT = str.maketrans({"“": '"', "”": '"', "\xa0": " "})
_CURLY_APOSTROPHE = re.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])|(?<=s)’(?= [a-z])")


_PARTY_TAG = re.compile(r"\((?:[DRI]|Dem|Rep|Ind)[-–]\s?[A-Z][\w.' ]{0,24}\)")
_NICKNAME = re.compile(r"(\b[A-Z][\w.]* )([\"“][A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?[\"”])(?= [A-Z])")


Extracted = tuple[list[Quote], list[tuple[str, str, str]]]


def extract_quotes(article: Article, *, min_confidence: float = MIN_CONFIDENCE) -> Extracted:
    """All quotations with speakers, and (speaker_key, role, article_id) rows for the speaker index.
    Below `min_confidence` a quote keeps its confidence but loses its speaker."""
    result = extract_many([article], min_confidence=min_confidence)[0]
    if isinstance(result, Exception):
        raise result
    return result


# A group this large is analysed by two forked processes, each parsing and attributing its share of the
# articles (the loaded model shared, copy on write) and sending back only the quotes: 1.9x faster on 2 cores
# than one process, and a quarter faster than spaCy's own two-process parse, which sends every parsed doc
# back to be attributed here. Smaller groups (the bot ingesting one article between answers) stay in this
# process, where starting workers would cost more than it saves.
PARALLEL_MIN_ARTICLES = 48
_TASK_ARTICLES = 16  # articles per task: small enough that both workers finish together


def _workers(count: int) -> int:
    if count < PARALLEL_MIN_ARTICLES or (os.cpu_count() or 1) < 2:
        return 1
    # Only a fork shares the loaded model; a spawned worker would load it again (and our components).
    return 2 if multiprocessing.get_start_method(allow_none=False) == "fork" else 1


def extract_many(articles: list[Article], *, min_confidence: float = MIN_CONFIDENCE
                 ) -> list[Extracted | Exception]:
    """`extract_quotes` for several articles, parsed in batched passes; an article whose analysis fails
    gets its exception in its place, and the others are unaffected."""
    if _workers(len(articles)) > 1:
        pipeline()  # loaded before the fork, so that the workers share it
        tasks = [articles[i:i + _TASK_ARTICLES] for i in range(0, len(articles), _TASK_ARTICLES)]
        try:
            with multiprocessing.get_context("fork").Pool(2) as pool:
                parts = pool.map(partial(_extract_group, min_confidence=min_confidence), tasks, chunksize=1)
            return [result for part in parts for result in part]
        except Exception:  # noqa: BLE001 - a worker lost (or a result that would not pickle): redo it here
            log.warning("analysing %d articles in two processes failed; analysing them here", len(articles),
                        exc_info=True)
    return _extract_group(articles, min_confidence)


def _extract_group(articles: list[Article], min_confidence: float) -> list[Extracted | Exception]:
    found: list[list[Span] | Exception] = []
    for article in articles:
        try:
            found.append(find_spans(article.text, article.paragraphs))
        except Exception as exc:  # noqa: BLE001 - reported per article by the caller
            found.append(exc)
    parsed = [i for i, spans in enumerate(found) if spans and isinstance(spans, list)]
    try:
        texts = [relevant_text(articles[i], found[i]) for i in parsed]  # type: ignore[arg-type]
        docs = dict(zip(parsed, parse_many(texts), strict=True))
    except Exception:  # noqa: BLE001 - one text broke the batch: parse one by one to find it
        docs = {}
    out: list[Extracted | Exception] = []
    for i, (article, spans) in enumerate(zip(articles, found, strict=True)):
        if isinstance(spans, Exception) or not spans:
            out.append(spans if isinstance(spans, Exception) else ([], []))
            continue
        try:
            doc = docs[i] if i in docs else parse(relevant_text(article, spans))
            out.append(_extract(article, spans, doc, min_confidence))
        except Exception as exc:  # noqa: BLE001 - reported per article by the caller
            out.append(exc)
    return out


def _extract(article: Article, spans: list[Span], doc: Doc, min_confidence: float) -> Extracted:
    inside = _inside(doc, spans)
    entities = ArticleEntities(doc, inside)
    quotes: list[Quote] = []
    # Attributed in reading order, since pronouns and "the statement" look back at earlier speakers; a
    # quote's look-ahead to the next one in its paragraph computes that one early.
    cache: dict[int, Attribution | None] = {}

    def found(j: int) -> Attribution | None:
        if j not in cache:
            cache[j] = _attribute(doc, article, spans[j], inside, entities)
        return cache[j]

    previous: Quote | None = None
    for i, span in enumerate(spans):
        text = article.text[span.start:span.end]
        attribution = found(i)
        kind = _kind(article, span, text)
        if (attribution is None or not attribution.mention) and kind == "direct":
            # No cue, or a cue without a subject: a whole sentence in marks continues or precedes someone's
            # words. A fragment without a cue ("Draft One", "so-called") is nobody's.
            attribution = _inherit(article, span, spans, i, found, previous, entities) or attribution
        if _is_label(article, span, text, attribution):
            continue
        if attribution is not None and attribution.speaker and \
                attribution.mention.lower() in _PRONOUNS:
            # (Not a pronoun the article leaves unnamed: "an executive spokeswoman insisted … "It was just a
            # recognition that people will get drunk …," she said" repeats Mr McConnell's words, as hers.)
            attribution = _repeated(text, quotes, attribution) or attribution
        speaker = attribution.speaker if attribution else None
        confidence = attribution.confidence if attribution else 0.0
        if speaker is None and (kind == "partial" or len(text.split()) < 4) and \
                not (attribution is not None and attribution.cue and attribution.mention):
            # A title, nickname or scare quote with nobody saying it is not a quotation; words a reporting
            # verb gives to someone the article does not name ("One attendee … said the message was that
            # "…"") are, unattributed.
            continue
        if confidence < min_confidence:
            speaker = None
        quote = Quote(
            id=f"{article.id}:{article.content_hash[:8]}:q{len(quotes)}", article_id=article.id, text=text,
            start=span.start, end=span.end, speaker=speaker,
            speaker_mention=SPACES.sub(" ", attribution.mention) if attribution else "",
            cue=attribution.cue if attribution else "", kind=kind, paragraph=span.paragraph,
            confidence=round(confidence, 3),
        )
        if speaker:
            entities.note_speaker(span.open_at, speaker, quote.speaker_mention)
        quotes.append(quote)
        if attribution is None or not attribution.claim:
            # (The words of a claim someone answers are no turn of speech: "… hit back at Labour claims he had used
            # Mrs Dixon as a "human shield". "She's not a human shield …"" goes on with Howard.)
            previous = quote
    roles = []
    for e in entities.people + entities.orgs:  # (a person the model read as an organisation has roles too)
        if any(q.speaker == e.name for q in quotes):
            roles += [(name_key(e.name), r, article.id) for r in dict.fromkeys(e.roles) if len(r) < 80
                      and (e.label == "PERSON" or _describes(r))]
    roles += [(name_key(q.speaker), r, article.id) for q in quotes if q.speaker
              for r in [affiliation(q.speaker_mention, q.speaker)] if r]
    return quotes, list(dict.fromkeys(roles))


def affiliation(mention: str, name: str) -> str | None:
    """The role and the organisation a speaker's own mention gives ("analyst Jason Kenney at ING" → "analyst at
    ING", "Roy Asher, chief investment officer of Hibernian Investment Managers"), so that "the ING analyst" finds
    them; None when the mention gives no organisation."""
    words = mention.split()
    surname = name.split()[-1]
    at = next((i for i, w in enumerate(words) if w.rstrip(",;:") == surname), None)
    if at is None:
        return None
    role = [w for w in words[:at] if w[:1].islower() and w not in ("the", "a", "an")]
    rest = " ".join(words[at:])[len(surname):].lstrip(", ")
    found = _AFFILIATION.fullmatch(rest)
    if found is None:
        return None
    role += found["role"].split() if found["role"] else []
    return " ".join([*role, found["link"], found["org"]]) if role else f"{found['link']} {found['org']}"


# After the name: "at ING", ", from Microsoft", ", chief investment officer of Hibernian Investment Managers".
_AFFILIATION = re.compile(r"(?:(?:the|a|an)\s+)?(?P<role>(?:[a-z][\w-]*\s+){0,4}?)(?P<link>at|of|from|for|with)\s+"
                          r"(?:the\s+)?(?P<org>[A-Z][\w&'.-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w&'.-]*){0,5})")


REPEATED_WORDS = 6  # a quote sharing this many words in a row with an earlier one repeats it
REPEATED_CONFIDENCE = 0.85  # (at most) for the speaker it takes from the quote it repeats
_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS


def _repeated(text: str, earlier: list[Quote], own: Attribution) -> Attribution | None:
    """The speaker of an earlier quote this one repeats, named there: the journalist gives the words twice
    ("United made a mistake … I was settled at Manchester United, but they wanted to sell me," Stam told …,
    then "I was settled at Manchester United, I had even just ordered a new kitchen …," he said), and the
    second time a pronoun looks back past someone else (Sir Alex Ferguson, the subject just before)."""
    runs = _runs(text)
    if not runs:
        return None
    for q in reversed(earlier):
        if q.speaker and q.speaker_mention.lower() not in _PRONOUNS and runs & _runs(q.text):
            # (Its own "he said": only whom it names is what the earlier quote tells.)
            return Attribution(q.speaker, own.mention, own.cue, min(q.confidence, REPEATED_CONFIDENCE))
    return None


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i:i + REPEATED_WORDS]) for i in range(len(words) - REPEATED_WORDS + 1)}


def _describes(role: str) -> bool:
    """An organisation's role worth keeping: words of description ('Finnish handset giant') or its initials
    ('IMF'); not a lone modifier ('influential', 'new') nor a person's name the model ran into it."""
    words = role.split()
    return (len(words) > 1 and any(w.islower() for w in words)) or (role.isupper() and len(role) > 1)


INTRODUCED_CONFIDENCE = 0.7  # a quote after a sentence that makes someone new its subject is theirs this surely


def _inherit(article: Article, span: Span, spans: list[Span], i: int,
             found: Callable[[int], Attribution | None], previous: Quote | None,
             entities: ArticleEntities | None = None) -> Attribution | None:
    """An unattributed quote belongs to the quote it continues, or to the next one in its paragraph — unless
    the words between make someone else the subject: "His friend, Saxon Spence, leader of Devon county Labour
    group, lays the blame … on one issue above all others. "You cannot underestimate …"" is Spence's, not the
    speaker of the quote before; so is what follows "according to Mr Lane"."""
    if previous is not None and not previous.speaker and previous.speaker_mention and not previous.confidence and (
            span.continues or previous.paragraph == span.paragraph):
        # '"Free downloading has killed opportunities …," said one musician quoted by the report. "It's hard to
        # keep making records …"': the unnamed musician goes on, not the next speaker the paragraph names. (Not
        # a speaker named below the threshold of confidence, whom the words may well continue.) They go on as the
        # article described them, for answers to show ("one Bombay trader"), still without a name.
        return Attribution(None, previous.speaker_mention, previous.cue, 0.0)
    if previous is not None and previous.speaker:
        carried = Attribution(previous.speaker, previous.speaker_mention, previous.cue, previous.confidence * 0.95)
        if not span.continues and entities is not None and (
                introduced := _introduced(article, entities, previous.end, span.open_at, previous.speaker)):
            return Attribution(introduced, introduced, "", INTRODUCED_CONFIDENCE)
        if span.continues or previous.paragraph == span.paragraph:
            return carried
        if span.paragraph - previous.paragraph == 1 and (_stands_alone(article, span) or _opens(article, span)):
            carried.confidence = previous.confidence * 0.85
            return carried
    for j in range(i + 1, len(spans)):
        if spans[j].paragraph != span.paragraph:
            break
        nxt = found(j)
        if nxt is not None and nxt.speaker:
            return Attribution(nxt.speaker, nxt.mention, nxt.cue, nxt.confidence * 0.9)
    return None


_TITLE = re.compile(r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Prof)\.?\s+)?")
_ROLE_AFTER = re.compile(r"\s*,\s*(?:(?:the|a|an|its|his|her|their)\s+)?(?:[\w'’-]+\s+){0,3}?(?P<role>[a-z][\w-]*)\b")


def _introduced(article: Article, entities: ArticleEntities, lo: int, hi: int, speaker: str) -> str | None:
    """The one person other than `speaker` the words between two quotes bring in to speak: by name, as a main
    subject given a role ("His friend, Saxon Spence, leader of Devon county Labour group, lays the blame …"), or
    given the words ("according to Mr Lane"). (Not a pronoun chained to someone, nor a name talked about:
    "Scotland forward Simon Taylor looks certain to get the call. "I took lessons …"" is Clive Woodward's.)"""
    text = article.text
    named = set()
    for e in entities.people:
        for o, rank in e.mentions:
            name = o + len(_TITLE.match(text, o).group(0))  # type: ignore[union-attr]
            if not lo < o < hi or not any(text.startswith(w, name) for w in e.tokens):
                continue
            surname = text.find(e.tokens[-1], name)
            role = _ROLE_AFTER.match(text, surname + len(e.tokens[-1])) if 0 <= surname < name + 60 else None
            if text[max(o - 14, 0):o].lower().endswith("according to ") or (
                    rank == 2 and role is not None and role["role"] in ROLE_NOUNS):
                named.add(e.name)
    others = named - {speaker}
    return others.pop() if len(others) == 1 and speaker not in named else None


def _opens(article: Article, span: Span) -> bool:
    return span.open_at == article.paragraphs[span.paragraph][0]


def _stands_alone(article: Article, span: Span) -> bool:
    lo, hi = article.paragraphs[span.paragraph]
    rest = (article.text[lo:span.open_at] + article.text[(span.close_at or span.end) + 1:hi]).strip(" .,\n\"”“")
    return len(rest) < 3

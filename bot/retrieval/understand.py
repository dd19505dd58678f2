"""Question understanding: what kind of question it is, which speaker it names, and its topic."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.retrieval.claim import verb_at
from bot.retrieval.speaker_index import Match, SpeakerIndex, could_be_first
from bot.speakers import DEMONYM, ORG_NOUNS, SpeakerEntry, name_key
from bot.storage.catalog import fts_query

_WHO = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?(who|which\s+\w+|whose)\b", re.IGNORECASE)
# Words that ask about speech: these forms, and verbs of what people do by speaking by stem ("who
# criticised the iPod?"). A who-question with one is answered by who said it; "who won the final?" is not,
# and gets no list of speakers.
_SAY_WORDS = re.compile(
    r"\b(?:say|said|says|saying|statement|call|called|quote|quoted|tell|told|speak|spoke|think|thinks|view|views|"
    r"talked|believes?)\b"
    r"|\b(?:criticis|criticiz|prais|attack|urg|welcom|condemn|slam|blam|defend|announc|promis|vow|pledg|suggest|"
    r"propos|reject|hail|mock|jok|conced|apologis|apologiz|threaten|demand|appeal|stress|explain|reveal|confirm|"
    r"acknowledg|question|back|insist|argu|complain|admit|deny|denie|dismiss|accus|predict|warn|comment|respond|"
    r"react|describ|claim|hit out|lash|rubbish|brand|labell?|labeled|dub|ridicul|voic|express|ask|reckon|compar|"
    r"brush|scoff|downplay|wish|feel|felt|hope|thought)"
    # (An inflection, or a noun of speech made from the verb, and nothing longer: "warner bros", "dublin",
    # "claimants" and "background" say nothing of speech.)
    r"(?:s|es|e|d|ed|ing|ted|ting|med|ming|bed|bing|led|ling|ion|ions|ation|ations|al|als|ment|ments|ement|ements)?\b",
    re.IGNORECASE)
_SPEECH = (r"(?:say|said|saying|tell|told|think|thought|comment|commented|write|wrote|mean|claim|claimed|warn|"
           r"warned|call|called|describe|described|argue|argued|predict|predicted|respond|responded|react|"
           r"reacted|speak|spoke|add|added|believe|make of|feel|talk|talked|reveal|revealed|explain|explained|"
           r"justify|justified|defend|defended|criticise|criticize|criticised|criticized|praise|praised)")
# "What was Charles Kennedy's view on …?", "What is Brown's position on …?": a speaker asked about through
# what they think.
_VIEW_OF = re.compile(r"\b(?:was|is|were|are)\s+(?P<who>[^?]+?)['’]s?\s+(?P<noun>view|views|opinion|reaction|"
                      r"response|position|verdict|stance|take|answer|explanation|message)\b", re.IGNORECASE)
# (After "is/was/were" only a speech verb in -ing: "When was the first mobile phone call made?" asks no one.)
_ASKED_SPEAKER = re.compile(
    r"\b(?:(?:did|does|do|has|have|had|will|would)\s+(?P<who>.+?)\s+(?:ever\s+|really\s+|also\s+|"
    r"actually\s+|then\s+|just\s+|now\s+|still\s+|recently\s+)?" + _SPEECH +
    r"|(?:is|was|were)\s+(?P<who_ing>.+?)\s+(?:really\s+|also\s+|now\s+|still\s+|currently\s+)?"
    r"(?:saying|telling|thinking|commenting|writing|claiming|warning|arguing|predicting|responding|reacting|"
    r"speaking|talking|revealing))\b", re.IGNORECASE)
# ("whether she thanked anyone in particular, can you help me …" places no one: an idiom, and a clause ends at a
# comma.)
_FROM_SPEAKER = re.compile(r"\b(?:anyone|anybody|someone|somebody)\s+(?:from|at|in)\s+(?!particular\b)"
                           r"(?P<who>[^,;]+?)(?:\s+" + _SPEECH + r"\b|[?.,;]|$)", re.IGNORECASE)
# "Who at the British Chamber of Commerce complained about …?": where the speaker works places them; the
# topic is what they said. (Capitalised words only: the organisation's name, not the rest of the question.)
_WHO_AT = re.compile(r"^\s*(?i:who\s+(?:at|from|in)\s+(?:the\s+)?)(?P<org>[A-Z][\w&'’.-]*(?:\s+(?:of\s+|for\s+|and\s+|"
                     r"&\s+|the\s+)*[A-Z][\w&'’.-]*)*)")
# "Kidman's publicist", "Harry Kewell's agent": someone named by the role they hold for someone else.
_OWNED_ROLE = re.compile(r"(?:the\s+)?(?P<owner>[\w .-]+?)['’]s?\s+(?:[a-z]+\s+)?(?P<role>[a-z][\w-]*)",
                         re.IGNORECASE)
_AFFILIATION = re.compile(r"\s+(?:of|from|at|for)\s+(?:the\s+)?", re.IGNORECASE)
# "How many …?", "how much …?": a count or an amount asked for, whatever verb follows.
_COUNTING = re.compile(r"\s*how\s+(?:many|much)\b", re.IGNORECASE)
# Verbs that only say someone spoke, naming no topic of their own (unlike "warn", "praise", "deny").
_ONLY_SPEECH = frozenset({"respond", "responded", "react", "reacted", "told", "speak", "spoke", "add", "added",
                          "mean", "feel", "talked", "tell", "say", "said", "comment", "commented"})
QUESTION_WORDS = {"who", "what", "when", "where", "why", "how", "did", "does", "do", "has", "have", "is", "was",
                  "were", "which", "whose", "can", "could", "would", "should", "will", "anyone", "anybody",
                  "someone", "i", "the", "a", "an", "and", "or", "tell", "me", "about", "any", "in", "on", "of",
                  "from", "say", "said", "comment", "news", "coverage", "article", "articles", "else", "also",
                  "anything", "something", "thing", "things", "he", "she", "they", "him", "her", "them", "his",
                  "their", "it", "its", "that", "this", "to", "be", "been", "so", "but", "then", "with", "as",
                  "at", "by", "for", "there", "think", "thinks", "thought", "talk", "talked", "what's", "who's",
                  "how's", "where's", "when's", "whats", "please", "you", "saying",
                  # When it is asked about (the answer says how old its evidence is), not what about.
                  "now", "currently", "presently", "nowadays",
                  # Contractions typed without their apostrophe ("he didnt subscribe"): function words still,
                  # not words the coverage never uses (which would weigh most and sink every answer).
                  "didnt", "dont", "doesnt", "isnt", "wasnt", "werent", "arent", "cant", "couldnt", "wouldnt",
                  "shouldnt", "wont", "hasnt", "havent", "hadnt", "im", "ive", "youre", "theyre", "thats"}
_HELLO_CORE = {"hi", "hello", "hey", "hiya", "howdy", "yo", "morning", "afternoon", "evening", "greetings", "hallo",
               "sup"}
_THANKS = {"thanks", "thank", "thx", "ty", "cheers", "ta"}
_FAREWELL_CORE = _THANKS | {"bye", "goodbye", "goodnight"}
_GREETING_CORE = _HELLO_CORE | _FAREWELL_CORE
# "good night" said as one word ("good night" had been searched for: McClaren's "perfect European night").
_GOOD_NIGHT = re.compile(r"\bgood[\s-]+night\b")
_GREETING_WORDS = _GREETING_CORE | {
    # (A farewell too: "Thanks, that's all - bye!" had been searched for, and found a tennis player's "bye".)
    "that's", "thats", "that", "done", "helpful", "perfect", "awesome", "goodnight", "now",
    "enough", "got", "what", "i", "needed",
    "good", "you", "ok", "okay", "how", "are", "today", "there", "bot", "whosaid", "great", "cool", "nice",
    "much", "very", "so", "lot", "a", "see", "ya", "later", "night", "day", "doing", "is", "it", "going",
    "all", "everyone", "folks", "again", "well", "then", "for", "help", "the", "your", "and", "oh", "fine",
    "i'm", "im", "what's", "up", "dear", "friend", "mate", "pleased", "to", "meet"}
# Function words that are common in other languages and never (or hardly ever) English.
_FOREIGN = set("""wer wie warum wo wann hat ist sind nicht und der das ein eine einen dem den gewonnen heute
morgen gestern bitte danke welche welcher quién qué cómo dónde cuándo por qué ganó partido ayer hoy el los las
una del está están es muy gracias hola qui quoi où quand pourquoi comment est-ce le les une des du est sont
gagné hier soir aujourd'hui bonjour merci avec pour dans chi che cosa perché dove quando il della sono ha
grazie ciao quem onde porque obrigado não você isso wat wie waarom hoe niet het een zijn que dit sur à propos
selon était été fait dire au aux dijo sobre según sagte über gesagt detto sul disse quien como donde cuando gano
esta estan dijeron dass nach seinem seiner seine sollte werden wurde wird mit von auf für auch oder aber""".split())  # (and typed without accents: "quien gano el mundial")
# A run of capitalised words, with up to two small words between them ("The Passion of the Christ").
_TITLE_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:(?:\s+(?:of|the|and|a|an|in|on|for|to)){0,2}\s+[A-Z][\w'’-]*)+")
# "Qu'a dit Tony Blair sur l'Irak ?": an elided article or pronoun is French (or Italian), never English.
_ELISION = re.compile(r"^(?:qu|l|d|j|c|n|s|m|t)'\w", re.IGNORECASE)
# Questions about the bot itself ("what can you do?"): the hello that says what it does answers them.
_ABOUT_ME = re.compile(r"(?:what|how)\s+(?:can|do|could|should)\s+(?:you|i)\s+(?:do|ask|use\s+(?:you|this|it))"
                       r"(?:\s+(?:for\s+me|here|with\s+(?:you|this|it)))?|how\s+do(?:es)?\s+(?:this|it|you)\s+work|"
                       r"who\s+are\s+you|what\s+are\s+you|what\s+is\s+this(?:\s+bot)?|help(?:\s+me)?|/?help|"
                       r"what\s+do\s+you\s+know(?:\s+about)?", re.IGNORECASE)
# A hello opening a message: "good morning, …", "hi there - …".
_HELLO_FIRST = re.compile(r"^\W*(?:(?:good\s+)?(?:morning|afternoon|evening|day)|hi|hello|hey|hiya|greetings|howdy)"
                          r"(?:\s+(?:there|all|everyone|bot|whosaid))?\b\W*", re.IGNORECASE)
# Small talk without a hello word ("how are you doing today?" had been answered with a BBC passage on "today").
_SMALL_TALK = re.compile(r"^\W*(?:(?:hi|hello|hey)\W+)?(?:how\s+are\s+(?:you|u|things)|how(?:'s|’s|\s+is)\s+it\s+going|"
                         r"how\s+do\s+you\s+do|what(?:'s|’s|\s+is)\s+up|how\s+have\s+you\s+been)"
                         r"(?:\s+(?:doing|today|now|then|mate|bot|there|this\s+morning))*\W*$", re.IGNORECASE)
# Sums are a task, not a question about coverage ("what's 17 times 23?").
_ARITHMETIC = re.compile(r"\d\s*(?:times|plus|minus|divided\s+by|multiplied\s+by|[x×*+/^])\s*\d", re.IGNORECASE)
# Nor is what a chat assistant is asked ("tell me a joke", "what time is it?", "how do I make pancakes?", "what will the
# weather be like tomorrow?", "what is the meaning of life?" — a seventh newcomer got Ronaldo's "tomorrow"):
# no news story answers it, and the coverage's words for it ("Joe Pancake", Kilroy-Silk's "joke") are no answer.
_CHAT_TASK = re.compile(
    r"^\W*(?:(?:please|can\s+you|could\s+you)\s+)?(?:tell|give)\s+me\s+a\s+(?:joke|story|poem|riddle|recipe)\b"
    r"|^\W*(?:what(?:'s|’s|\s+is)\s+the\s+(?:time|date|weather(?:\s+like)?)|what\s+time\s+is\s+it|what\s+day\s+is\s+it"
    r"|how(?:'s|’s|\s+is)\s+the\s+weather|what\s+will\s+the\s+weather\s+be(?:\s+like)?"
    r"|what(?:'s|’s|\s+is)\s+the\s+meaning\s+of\s+life)(?:\s+(?:today|tomorrow|now|outside|here|please))?\W*$"
    r"|^\W*how\s+(?:do|can|should)\s+(?:i|we)\b|^\W*how\s+to\b"
    r"|^\W*(?:please\s+)?(?:write|compose|translate|calculate|solve|convert)\s+(?:me\s+)?(?:a|an|this|the|my|\d)"
    r"|\brecipes?\s+for\b"
    # "Can you summarise the main news stories?": the whole coverage is no question (a newcomer had been shown
    # one sentence about a search engine that summarises news).
    r"|^\W*(?:(?:please|can\s+you|could\s+you)\s+)?(?:summari[sz]e|sum\s+up|recap)\s+(?:(?:all|the|today'?s|"
    r"this\s+week'?s)\s+)*(?:main\s+|top\s+|latest\s+|big\s+)?(?:news|stories|headlines|coverage|articles)\b",
    re.IGNORECASE)
_ENGLISH_FUNCTION = set("""the a an of to in on at for with by from about what who whom which did does do
is was were are has have had say said and or but not how why when where this that these those it he she
they we you i my your his her their our can could would should will any anyone""".split())


@dataclass
class QuestionInfo:
    """What the question asks for: a speaker, a quoted phrase, who said something, or a topic."""

    text: str
    kind: str = "question"  # question | empty | greeting | other_language | task
    who: bool = False
    about_speech: bool = False
    speakers: list[SpeakerEntry] = field(default_factory=list)
    subject: str = ""  # the words that named the speaker
    corrected: bool = False  # the name was misspelt and matched to the nearest speaker
    shared_surname: list[SpeakerEntry] = field(default_factory=list)
    described: bool = False  # the speakers fit a description ("the Belarusian opposition"), not a name
    unknown_names: list[str] = field(default_factory=list)
    namesakes: list[str] = field(default_factory=list)  # people the coverage quotes with an unknown name's surname
    surname_only: bool = False  # the speakers are quoted by the asked name's surname alone ("Welch")
    phrases: list[str] = field(default_factory=list)
    topic: str = ""
    carried_topic: bool = False  # the topic is the followed-up question's: this one has no words of its own
    # The topic's words the question writes side by side and the coverage does too, as one name or term
    # ("the six nations", "house prices"), as stem pairs (found by the retriever).
    compounds: frozenset[tuple[str, str]] = frozenset()
    # A who-question's words after its speech verb: what was said, and whom about ("Who said Charles Kennedy
    # should step down?"); someone named there is talked about, not the speaker asked for.
    said: str = ""
    # … read by the retriever as what it claims ("should step down") of whom ("Charles Kennedy"); "" when unread.
    claim: str = ""
    claim_subject: str = ""
    claimed_of: str = ""  # the claim's words but names: what it says of them ("should join" of "should join NATO")
    # How many stories quote the speakers asked about (read by the retriever with their quotes' closeness).
    stories: int = 0

    @property
    def speaker_keys(self) -> set[str]:
        return {k for e in self.speakers for k in e.keys}


_ASKING = {"who", "what", "when", "where", "why", "how", "which", "whose", "did", "does", "do", "is", "are", "tell",
           "show", "find", "give", "list"}


def is_farewell(text: str) -> bool:
    """A greeting that takes leave ("Thanks, that's all - bye!"), and says no hello."""
    words = set(re.findall(r"\w+", _GOOD_NIGHT.sub("goodnight", text.casefold())))
    return bool(words & _FAREWELL_CORE) and not words & _HELLO_CORE


def language_kind(text: str) -> str:
    """'empty', 'greeting', 'other_language', 'task' (a sum, a joke, the time) or 'question' — decided before any
    retrieval."""
    stripped = text.strip()
    if not re.search(r"\w", stripped):
        return "empty"
    letters = [c for c in stripped if c.isalpha()]
    latin = [c for c in letters if unicodedata.name(c, "").startswith("LATIN")]
    if letters and len(latin) < 0.5 * len(letters):
        return "other_language"
    words = re.findall(r"[\w'’-]+", _GOOD_NIGHT.sub("goodnight", stripped.casefold().replace("’", "'")))
    said = [w for w in words if re.search(r"\w", w)]  # (a dash between words is none)
    if said and all(w in _GREETING_WORDS for w in said) and any(w in _GREETING_CORE for w in said):
        return "greeting"
    # ("good morning, what can you do?" too: a hello before it — a newcomer had been shown Good Morning Wales.)
    asked = _HELLO_FIRST.sub("", stripped)
    if _ABOUT_ME.fullmatch(re.sub(r"\s+", " ", re.sub(r"[^\w\s/']", " ", asked)).strip()):
        return "greeting"
    if _SMALL_TALK.match(stripped):
        return "greeting"
    # "Thanks, that was really helpful!": thanks and a word on the answer, asking nothing (a newcomer had been told
    # "The coverage does not answer that", with a Liverpool player's thank-you as the closest passage).
    if said and said[0] in _THANKS and len(said) <= 8 and "?" not in stripped and not set(said) & _ASKING:
        return "greeting"
    # A sum is nearly all figures ("what's 17 times 23?"), not a question naming "Fahrenheit 9/11".
    if _ARITHMETIC.search(stripped) and len(re.findall(r"[A-Za-z]{2,}", stripped)) <= 4:
        return "task"
    if _CHAT_TASK.search(stripped):
        return "task"
    foreign = sum(w in _FOREIGN or bool(_ELISION.match(w)) for w in words)
    # (English words inside a title are no English question: "Wer hat gesagt, dass The Passion of the Christ nach
    # seinem künstlerischen Wert beurteilt werden sollte?" had been read as English, "dass" as a typo of "Dash".)
    untitled = _TITLE_RUN.sub(" ", stripped).casefold().replace("’", "'")
    english = sum(w in _ENGLISH_FUNCTION for w in re.findall(r"[\w'’-]+", untitled))
    if (foreign >= 2 and foreign > english) or re.search(r"[¿¡]", stripped):
        return "other_language"
    return "question"


def _without_markup(text: str) -> str:
    """Markup typed into a question is not part of it: tags go, and what a script element holds."""
    text = re.sub(r"<(script|style)\b[^>]*>.*?</\1\s*>", " ", text, flags=re.IGNORECASE | re.DOTALL)
    return re.sub(r"</?[A-Za-z][^>]{0,200}>", " ", text)


def analyse(question: str, index: SpeakerIndex) -> QuestionInfo:
    info = QuestionInfo(text=question, kind=language_kind(question))
    if info.kind != "question":
        return info
    question = _without_markup(question)
    info.who = bool(_WHO.match(question)) or bool(re.search(r"\bwho\s+(said|called|warned)\b", question, re.I))
    # A capitalised word inside the question is a name's, not speech: "win three Grand Slams".
    speech = [m for m in _SAY_WORDS.finditer(question) if m.start() == 0 or not m.group(0)[:1].isupper()]
    # A who-question asks who said something through a verb of speech, not a noun that has one inside it ("who
    # received the Glazer proposal at United?" had been answered with a fan leader's "we will fight tooth and
    # nail"); a what-question's "say" and "view" are what it asks for.
    info.about_speech = bool(speech) and (not info.who or verb_at(question, tuple(m.start() for m in speech)))
    info.phrases = [p.strip() for p in re.findall(r"[\"“‘]([^\"”’]{3,})[\"”’]", question)]
    if info.who and (verb := _SAY_WORDS.search(question)):
        info.said = question[verb.end():]
    unquoted = re.sub(r"[\"“‘][^\"”’]{3,}[\"”’]", " ", question)
    subject = ""
    from_speaker = _FROM_SPEAKER.search(unquoted)
    if from_speaker:
        subject = from_speaker.group("who")
    elif not info.who and (m := _VIEW_OF.search(unquoted)):
        subject = m.group("who")
        unquoted = unquoted[:m.start("noun")] + unquoted[m.end("noun"):]  # "view" asks what they said
        info.about_speech = True  # (as their "take", their "verdict": words no speech-word list has)
    elif not info.who and (m := _ASKED_SPEAKER.search(unquoted)) and not (
            _COUNTING.match(unquoted) and m.group(0).lower().endswith("add")):
        # ("How many jobs did US firms add?" counts jobs: nobody is asked about.)
        subject = m.group("who") or m.group("who_ing")
        verb = re.search(r"[\w’']+$", m.group(0))
        if verb and verb.group(0).lower() in _ONLY_SPEECH:
            # "Did the White House respond to the claims?" asks about the claims: their words on anything
            # in a story with a 'response' in it are no answer.
            unquoted = unquoted[:m.start() + verb.start()] + unquoted[m.end():]
    named: set[str] = set()
    if subject:
        info.subject = subject.strip()
        _match_subject(info, index, affiliation_only=bool(from_speaker))
        if info.unknown_names and _COUNTING.match(unquoted):
            # "how many children have come to the uk to claim asylum": a count, whatever words precede
            # "claim"; a speaker only when the coverage quotes one of that name.
            info.unknown_names, info.subject = [], ""
        if info.speakers or info.unknown_names:
            named = {w for w in name_key(info.subject).split()}
    if info.who and (at := _WHO_AT.match(unquoted)):
        named |= set(name_key(at.group("org")).split())
    # "how many tickets": "many" says what kind of answer is wanted, not what it is about.
    words = re.findall(r"[\w’'-]+", re.sub(r"\bhow\s+(?:much|many)\b", " ", unquoted, flags=re.IGNORECASE))
    # (A hyphenated name's words too: "Sven-Goran" of "Sven-Goran Eriksson", quoted as "Eriksson", had stayed in
    # the topic, and every passage naming him held it.)
    info.topic = " ".join(w for w in words if w.lower() not in QUESTION_WORDS and not _named(w, named))
    info.topic = " ".join([info.topic, *_joined_forms(info.topic, index)]).strip()
    return info


def _named(word: str, named: set[str]) -> bool:
    key = name_key(word)
    return key in named or bool(key) and set(key.split()) <= named


def _joined_forms(topic: str, index: SpeakerIndex) -> list[str]:
    """'Time Warner' where the coverage writes 'TimeWarner': two adjacent capitalised words (a name) the
    coverage holds as one word ('hard line' is no name, whatever 'hardline' means)."""
    words = [re.sub(r"['’]s$", "", w) for w in topic.split()]
    out = []
    for a, b in zip(words, words[1:], strict=False):
        if len(a) >= 3 and len(b) >= 3 and a.isalpha() and b.isalpha() and a[0].isupper() and b[0].isupper():
            joined = a + b
            query = fts_query(joined, keep_stopwords=True)
            if query and index.catalog.fts_any("chunks_fts", query):
                out.append(joined)
    return out


def _spans(tokens: list[str]) -> list[str]:
    """The name at the end of the words, longest first: 'the Libyan oil minister Bin Shatwan' tries 'Bin
    Shatwan' and 'Shatwan'; 'Taylor Swift' never shrinks to 'Taylor' (another person's surname)."""
    return [" ".join(tokens[i:]) for i in range(len(tokens))]


_PARTICLES = {"el", "al", "de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "le", "la", "bin", "ibn",
              "ben", "st", "mac", "mc", "o"}


def _match_subject(info: QuestionInfo, index: SpeakerIndex, affiliation_only: bool = False) -> None:
    if affiliation_only:
        # "anyone from Microsoft": the organisation itself and everyone the articles place there.
        words = [t for t in re.findall(r"[\w’'-]+", info.subject) if t.casefold() not in QUESTION_WORDS]
        found = index.lookup(info.subject).entries if index.lookup_exact(info.subject) else []
        found += [e for e in index.describe(words) if e not in found]
        if found:
            info.speakers, info.described = found[:8], True
        elif words:
            info.unknown_names.append(" ".join(words))
        return
    name_part, *affiliation = _AFFILIATION.split(info.subject, maxsplit=1)
    if owned := _OWNED_ROLE.fullmatch(name_part.strip()):
        # The speaker named with both words ("spokesman for Tony Blair"), or a holder of the role quoted in
        # an article naming the owner ("Kidman's publicist Wendy Day"); never the role alone ("FA spokesman").
        owner, role = owned.groups()
        found = index.describe([*re.findall(r"[\w’'-]+", owner), role]) or index.role_of(owner, role)
        if found:
            info.speakers, info.described = found[:8], True
            return
    tokens = [t for t in re.findall(r"[\w’'.-]+", name_part) if t.casefold() not in ("the", "a", "an")]
    spans = [s for s in _spans(tokens[:6]) if len(s) >= 3]
    exact = [s for s in spans if name_key(s) and index.lookup_exact(s)]
    for span in exact or spans:
        if len(span.split()) > 3:
            continue
        match = index.lookup(span)
        # The word before a surname matched alone ("parul" of "parul jain"), unless it is a title, a role,
        # an owner ("Labour's"), a nationality or a particle of the surname ("el Guerrouj").
        dropped = tokens[-2] if len(span.split()) == 1 and len(tokens) > 1 else ""
        if match.entries and dropped and dropped[:1].isalpha() and not index.is_generic(dropped) \
                and not dropped.endswith(("'s", "’s")) and not DEMONYM.match(dropped.capitalize()) \
                and dropped.casefold() not in _PARTICLES:
            # "What did Parul Jain say?" found by the surname alone: only someone the coverage names with
            # that first name (or its spelling) — never Shailendra Jain, nor Tony Blair for "John Blair".
            # A surname the coverage quotes alone may be them ("Ulster coach mark McCall", "Brian 'Head'
            # Welch"): shown, saying it is only the surname, and whom else of that name it quotes.
            full = [e for e in match.entries if len(e.name.split()) > 1]
            same = [e for e in full if could_be_first(dropped, e.name.split()[0])]
            others = [e.name for e in full if e not in same][:3]
            if not same and (owned := index.describe(tokens)):
                # "What did Shareholders United say?": quoted through its spokesman, not the "United" some
                # stories quote by that word alone.
                info.speakers, info.described = owned[:8], True
                return
            if not same:
                same = [e for e in match.entries if len(e.name.split()) == 1]
                info.surname_only = bool(same)
            info.namesakes = others
            if not same:
                break
            # A first name matched by its spelling ("graham" for Graeme, "shawn" for Stan) is a correction.
            respelt = not info.surname_only and not any(
                could_be_first(dropped, e.name.split()[0], spelling=False) for e in same)
            match = Match(same, corrected=match.corrected or respelt, shared_surname=same if len(same) > 1 else [])
        if match.entries:
            # "What did the Home Office say?": its spokesman's words too, shown as theirs.
            info.speakers = match.entries + [s for e in match.entries[:1] for s in index.spokespeople_of(e)
                                             if s not in match.entries]
            info.corrected = match.corrected
            info.shared_surname = match.shared_surname
            return
    described = index.describe([t for t in re.findall(r"[\w’'-]+", info.subject)
                                if t.casefold() not in QUESTION_WORDS])
    if described:
        info.speakers, info.described = described, True
        return
    name_words = [t for t in tokens if t.casefold() not in QUESTION_WORDS and not index.is_generic(t)]
    if any(t.casefold() in ORG_NOUNS for t in tokens):
        # "How much did the Foreign Office say the White Paper cost?": a body the coverage does not quote by
        # that name may still be in it; the question is answered from what it holds (it had been refused as
        # "no quote from Foreign").
        return
    if name_words:
        name = " ".join(name_words)
        # Typed in lower case ("what did parul jain say"): shown as a name.
        info.unknown_names.append(name.title() if name.islower() else name)

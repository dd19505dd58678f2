"""Score quote extraction and attribution against PolNeAR, a public corpus nobody here annotated.

PolNeAR (Newell, Margolin & Ruths, LREC 2018; github.com/networkdynamics/PolNeAR) marks every attribution
in 1,008 US political news articles as Source / Cue / Content spans. It has no licence file, so it is read
from a local checkout for evaluation only and nothing of it is copied into the project.

Gold quotes are derived by one fixed, documented procedure that does not use our extractor:
- a quotation is the text between paired quotation marks (“ ”, straight ", and the `` '' pairs some outlets
  use) within one paragraph; an unclosed mark runs to the paragraph's end;
- it is a gold quote when it lies inside an annotated Content span; its speaker is that attribution's
  Source; marked text outside every Content (titles, nicknames, scare quotes) is not a quote, so
  extracting it is a false positive;
- `direct` when the quotation is (nearly) the whole Content, else `partial`;
- the Source's kind comes from its syntactic head in the CoreNLP parse shipped with the corpus: a pronoun,
  a name (head inside a PERSON/ORGANIZATION/… entity, or a proper noun: that entity cut to the Source span,
  since CoreNLP runs "said Ellis" into one name; a title as head, as in "Secretary of State John F. Kerry",
  gives the person the Source names beside it; a description naming its person in apposition, "the F.B.I.
  director, James B. Comey,", is that name), or a description; for pronouns and
  descriptions the acceptable names come from the shipped CoreNLP coreference chain of the head (proper
  mentions only; for he/she only PERSON mentions whose first name does not contradict the pronoun's
  gender). A pronoun or description that CoreNLP links to no name is "unresolved": scored apart.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.evaluation.names import same_person
from bot.models import Article, Quote
from bot.quotes.names import name_gender

SPLITS = ("train", "dev", "test")
_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "its", "their",
             "who", "which", "that", "me", "us", "one"}
_NAMED = {"PERSON", "ORGANIZATION", "LOCATION", "MISC", "NATIONALITY", "TITLE"}
_NAME_NER = {"PERSON", "ORGANIZATION"}


@dataclass
class Token:
    start: int
    end: int
    word: str
    pos: str
    ner: str
    head: int  # index (0-based, within the sentence) of the governor, -1 for the root


@dataclass
class Sentence:
    tokens: list[Token]


@dataclass
class Attribution:
    sources: list[tuple[int, int]]
    contents: list[tuple[int, int]]


@dataclass
class GoldQuote:
    start: int
    end: int
    kind: str  # direct | partial
    source_text: str
    source_kind: str  # name | pronoun | description
    names: list[str]  # acceptable speaker names; empty = unresolved
    source: tuple[int, int] = (0, 0)  # the annotated Source's character span (first to last piece)


@dataclass
class Document:
    name: str
    outlet: str
    text: str
    paragraphs: list[tuple[int, int]]
    gold: list[GoldQuote]
    marked: list[tuple[int, int]]  # every marked span, gold or not

    def article(self) -> Article:
        return Article(id=self.name, title=self.text.split("\n", 1)[0], text=self.text, outlet=self.outlet,
                       paragraphs=self.paragraphs, content_hash="polnear")


# reading -------------------------------------------------------------------------------------------
def available(root: Path) -> bool:
    return (root / "data" / "metadata.tsv").exists()


def _read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            ranges = [tuple(int(x) for x in r.split()) for r in offsets.split(";")]
            spans[parts[0]] = (label, [(a, b) for a, b in ranges])  # type: ignore[misc]
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(p.split(":", 1) for p in parts[1].split() if ":" in p))
    out = []
    for rel in relations:
        sources = spans.get(rel.get("Source", ""), ("", []))[1]
        contents = spans.get(rel.get("Content", ""), ("", []))[1]
        if contents:
            out.append(Attribution(sources=sources, contents=contents))
    return out


def _read_corenlp(path: Path) -> tuple[list[Sentence], dict[tuple[int, int], list[tuple[int, int, int]]]]:
    """Sentences with tokens and heads, and coref chains as {(sentence, head): [(sentence, start, end)]}."""
    root = ET.parse(path).getroot()
    sentences = []
    for s in root.iter("sentence"):
        if s.find("tokens") is None:
            continue
        tokens = [Token(int(t.findtext("CharacterOffsetBegin")), int(t.findtext("CharacterOffsetEnd")),
                        t.findtext("word") or "", t.findtext("POS") or "", t.findtext("NER") or "O", -1)
                  for t in s.find("tokens")]  # type: ignore[union-attr]
        for deps in s.findall("dependencies"):
            if deps.get("type") == "basic-dependencies":
                for dep in deps:
                    gov = int(dep.find("governor").get("idx"))  # type: ignore[union-attr]
                    child = int(dep.find("dependent").get("idx"))  # type: ignore[union-attr]
                    tokens[child - 1].head = gov - 1
        sentences.append(Sentence(tokens))
    chains: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    coref = root.find("document/coreference")
    for chain in coref if coref is not None else []:
        mentions = [(int(m.findtext("sentence")) - 1, int(m.findtext("start")) - 1, int(m.findtext("end")) - 1,
                     int(m.findtext("head")) - 1) for m in chain.findall("mention")]
        members = [(s, a, b) for s, a, b, _ in mentions]
        for s, _, _, h in mentions:
            chains[(s, h)] = members
    return sentences, chains


_OPEN = {"\u201c": "”", "``": "''"}
_MARKS = re.compile(r"``|''|[\u201c\u201d\"]")


def marked_spans(text: str, paragraphs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Text between paired quotation marks, paragraph by paragraph (the gold's own simple reading)."""
    out = []
    for lo, hi in paragraphs:
        open_at: int | None = None
        for m in _MARKS.finditer(text, lo, hi):
            mark = m.group()
            opening = mark in _OPEN or (mark in ('"', "''") and open_at is None)
            if open_at is None and opening:
                open_at = m.end()
            elif open_at is not None and mark not in _OPEN:
                if m.start() > open_at:
                    out.append((open_at, m.start()))
                open_at = None
        if open_at is not None and hi > open_at:
            out.append((open_at, hi))
    return [_trim(text, a, b) for a, b in out]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t,":
        b -= 1
    return a, b


def _head(sentences: list[Sentence], start: int, end: int) -> tuple[int, int] | None:
    """(sentence, token) of the syntactic head of a character span: the token whose governor is outside."""
    for si, s in enumerate(sentences):
        inside = [i for i, t in enumerate(s.tokens) if t.start >= start and t.end <= end]
        if not inside:
            continue
        heads = [i for i in inside if s.tokens[i].head not in inside]
        return si, (heads[0] if heads else inside[-1])
    return None


def _entity_run(tokens: list[Token], i: int, within: set[int] | None = None) -> str:
    """The named-entity (or proper-noun) run holding token i, kept within the Source span when one is given:
    CoreNLP runs "said Ellis" or "Bloomberg interview Trump" into one name, the annotators marked "Ellis"."""
    tag = tokens[i].ner
    same = (lambda t: t.ner == tag) if tag in _NAMED else (lambda t: t.pos.startswith("NNP"))
    a = b = i
    while a > 0 and same(tokens[a - 1]) and (within is None or a - 1 in within):
        a -= 1
    while b + 1 < len(tokens) and same(tokens[b + 1]) and (within is None or b + 1 in within):
        b += 1
    return " ".join(t.word for t in tokens[a:b + 1])


# Words CoreNLP may make the head of a Source that names a person after them.
_TITLE_WORDS = frozenset({"Del", "Rep", "Sen", "Gov", "Dr", "Mr", "Mrs", "Ms", "Secretary", "President", "Senator",
                          "Governor", "Representative", "Judge", "Mayor", "Chairman", "Speaker", "Leader"})


def _joined(tokens: list[Token], inside: set[int]) -> bool:
    """Two sources joined by "and" ("Trump and Ryan"), not an "and" inside a description of one ("Paul
    Begala, a former adviser to Mr. Clinton and a friend of …"): no comma in the span."""
    words = [tokens[i].word.lower() for i in inside]
    return "and" in words and "," not in words


def _person_runs(tokens: list[Token], inside: set[int]) -> list[tuple[int, int]]:
    """(first, last) token of each PERSON run wholly inside a Source span, unless it is a possessor ("Gary
    Johnson's doctor" names the doctor by someone else's name) or a modifier ("a Scott ally", "Trump senior
    communications adviser Jason Miller")."""
    runs = []
    for i in sorted(inside):
        if tokens[i].ner != "PERSON" or (i - 1 in inside and tokens[i - 1].ner == "PERSON"):
            continue
        b = i
        while b + 1 in inside and tokens[b + 1].ner == "PERSON":
            b += 1
        after = tokens[b + 1] if b + 1 < len(tokens) else None
        if after is None or not (after.pos == "POS" or (b + 1 in inside and after.pos[:2] in ("NN", "JJ"))):
            runs.append((i, b))
    return runs


def _appended(tokens: list[Token], run: tuple[int, int], inside: set[int]) -> bool:
    """A name set off by a comma after the description, ending the span ("…, Lawrence B. Cummings,")."""
    at, last = run
    return at - 1 in inside and tokens[at - 1].word == "," and \
        all(not tokens[i].word[:1].isalnum() for i in inside if i > last)


def _names_in(tokens: list[Token], a: int, b: int, tags: set[str] = _NAME_NER) -> list[str]:
    names, i = [], a
    while i < b:
        if tokens[i].ner in tags:
            run = _entity_run(tokens, i)
            after = i + len(run.split())
            # "Obama's former strategist" names the strategist, not Obama.
            if not (after < len(tokens) and tokens[after].pos == "POS"):
                names.append(run)
            i = after
        else:
            i += 1
    return names


def _classify_source(text: str, sources: list[tuple[int, int]], sentences: list[Sentence],
                     chains: dict) -> tuple[str, list[str]]:
    if not sources:
        return "description", []
    start, end = sources[0][0], sources[-1][1]
    words = text[start:end].split()
    if not sentences:  # no parse shipped for this article: the first run of capitalised words is the name
        if len(words) == 1 and words[0].lower() in _PRONOUNS:
            return "pronoun", []
        runs = re.findall(r"(?:[A-Z][\w.’'-]*\s?)+", text[start:end])
        runs = [r.strip() for r in runs if r.split()[0].lower() not in _PRONOUNS | {"the", "a", "an"}]
        # A person's name before a title ("Republican presidential front-runner Donald Trump"): the run that
        # opens with a first name, else the first run.
        if not runs:
            return "description", []
        titled = runs[0].split()[0].rstrip(".") in _TITLE_WORDS
        named = [r for r in runs[1:] if len(r.split()) >= 2 and name_gender(r) is not None]
        return "name", [named[0] if named and not titled and name_gender(runs[0]) is None else runs[0]]
    found = _head(sentences, start, end)
    if found is None:
        return "description", []
    si, hi = found
    tokens = sentences[si].tokens
    head = tokens[hi]
    inside = {i for i, t in enumerate(tokens) if t.start >= start and t.end <= end}
    runs = _person_runs(tokens, inside)
    people = [" ".join(t.word for t in tokens[a:b + 1]) for a, b in runs]
    if head.pos in ("PRP", "PRP$", "WP", "WDT") or head.word.lower() in _PRONOUNS:
        kind = "pronoun"
    elif head.ner == "PERSON" or (head.ner == "ORGANIZATION" and head.word.rstrip(".") not in _TITLE_WORDS):
        # A head CoreNLP took from a modifier ("Ayotte campaign manager Jon Kohan", "Priorities USA chief
        # strategist Guy Cecil"): the source is the person the modifier describes.
        own = _entity_run(tokens, hi, inside)
        last = hi
        while last + 1 in inside and tokens[last + 1].ner == head.ner:
            last += 1
        modifier = last + 1 in inside and tokens[last + 1].pos[:2] in ("NN", "JJ") and tokens[last + 1].ner != head.ner
        if modifier and people and people[-1] != own:
            return "name", [people[-1]]
        if people and _joined(tokens, inside):  # "Yahoo News and former TV network anchor Katie Couric"
            return "name", list(dict.fromkeys([own, *people]))
        return "name", [own]
    elif head.ner == "TITLE" or head.pos.startswith("NNP"):
        # "Del. Stacey Plaskett", "Secretary of State John F. Kerry" parsed with the title as head: the person
        # is the name the source holds beside it.
        if people and _joined(tokens, inside):
            return "name", list(dict.fromkeys([*people, _entity_run(tokens, hi, inside)]))  # "Trump and Ryan"
        if people:
            return "name", [people[0]]
        following = [i for i in range(hi + 1, len(tokens)) if i in inside]
        if head.word.rstrip(".") in _TITLE_WORDS and following and tokens[following[0]].pos.startswith("NNP"):
            return "name", [_entity_run(tokens, following[0], inside)]
        return "name", [_entity_run(tokens, hi, inside)]
    elif runs and _appended(tokens, runs[-1], inside):
        # "His former business partner at Lenox, Lawrence B. Cummings,": a description that names its person
        # in apposition is a name (the chain of "partner" had found the firm).
        return "name", [people[-1]]
    else:
        kind = "description"
    gender = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(head.word.lower())
    # "he" and "she" are people: a chain that also reaches "the GOP" or "Obamacare" has gone astray there.
    tags = {"PERSON"} if gender else _NAME_NER
    names: list[str] = []
    for s, a, b in chains.get((si, hi), []):
        names += _names_in(sentences[s].tokens, a, b, tags)
    if gender:
        # CoreNLP's automatic coreference sometimes chains "he" to "Hillary Clinton": a chain whose names
        # contradict the pronoun's gender is the tool's error, not the annotators' — those names are dropped.
        names = [n for n in names if name_gender(n) in (None, gender)]
    return kind, list(dict.fromkeys(names))


def load_split(root: Path, split: str) -> list[Document]:
    """The documents of one split with their derived gold quotes (first annotator where doubly annotated)."""
    data = root / "data"
    outlets = {}
    with (data / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            outlets[row["filename"]] = row["publisher"]
    annotations: dict[str, Path] = {}
    for ann in sorted((data / split / "attributions").glob("*.ann")):
        annotations.setdefault(ann.name.rsplit("_", 1)[0], ann)
    docs = []
    for txt in sorted((data / split / "text").glob("*.txt")):
        name = txt.stem
        if name not in annotations:
            continue
        text = txt.read_text(encoding="utf-8")
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        xml = data / split / "corenlp" / f"{name}.txt.xml"
        sentences, chains = _read_corenlp(xml) if xml.exists() else ([], {})
        attributions = _read_ann(annotations[name])
        marked = marked_spans(text, paragraphs[1:])  # the first line is the headline
        gold = []
        for a, b in marked:
            owner = next((att for att in attributions if any(lo <= a and b <= hi + 1 for lo, hi in att.contents)),
                         None)
            if owner is None:
                continue
            content = "".join(text[lo:hi] for lo, hi in owner.contents)
            rest = re.sub(r"[\W_]+", "", content.replace(text[a:b], "", 1))
            kind = "direct" if len(rest) <= 3 else "partial"
            source_kind, names = _classify_source(text, owner.sources, sentences, chains)
            source_text = " ".join(text[lo:hi] for lo, hi in owner.sources)
            source = (owner.sources[0][0], owner.sources[-1][1]) if owner.sources else (0, 0)
            gold.append(GoldQuote(a, b, kind, source_text, source_kind, names, source))
        docs.append(Document(name, outlets.get(name, name.split("_", 1)[0]), text, paragraphs, gold, marked))
    return docs


# scoring -------------------------------------------------------------------------------------------
def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(inter, 0) / max(a[1] - a[0], b[1] - b[0], 1)


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def prf(self) -> dict[str, float]:
        p = self.matched / max(self.predicted, 1)
        r = self.matched / max(self.gold, 1)
        return {"precision": p, "recall": r, "f1": 2 * p * r / max(p + r, 1e-9)}


@dataclass
class Scores:
    spans: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    speakers: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    outlets: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: Counter = field(default_factory=Counter)
    confidences: list[tuple[float, str, bool]] = field(default_factory=list)  # (confidence, source kind, right)
    # Pronoun and description sources scored against the referent a reader named (see `load_referents`).
    read: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    read_confidences: list[tuple[float, str, bool]] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


def load_referents(path: Path, split: str) -> dict[str, str]:
    """Who each pronoun or description Source of a split refers to, as read blind from the article by a
    reader (`tests/gold/polnear_referents.json`): CoreNLP's automatic coreference, which the chain-based gold
    relies on, sends many a `he said` after a quotation to a person merely mentioned nearby, so that gold
    marks right answers wrong and wrong ones right. Keys are `<document>@<start>-<end>` of the Source."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get(split, {})


# "spokesman for Tony Blair", "adviser for Donald Trump": the product's label for someone it cannot name,
# which claims no name — scored as unattributed, not as a wrong person.
_UNNAMED_LABEL = re.compile(r"^[a-z]+ (?:for|of) ")  # "spokesman for X", "wife of X": no one named


def _group_label(speaker: str, text: str) -> bool:
    """'Protesters', 'several environmental groups': the product's label for a group speaking as itself
    (a plural common noun: lower case in the article or in the label), which claims no name either."""
    last = speaker.split()[-1]
    return last.endswith("s") and (last.islower() or f" {last.lower()} " in text)


def _read_verdict(speaker: str | None, referent: str, text: str = "") -> str:
    names = [n for n in re.split(r"\s*(?:\||,| and )\s*", referent.removeprefix("UNSURE:")) if n.strip()]
    if speaker and any(speaker.casefold() == n.strip().casefold() for n in names):
        return "right"  # the reader's own label ("family of Keith Lamont Scott")
    if speaker and _UNNAMED_LABEL.match(speaker):
        return "unattributed"
    if speaker and referent != "UNNAMED" and any(same_person(speaker, n) for n in names):
        return "right"
    if not speaker or _group_label(speaker, text):
        return "unattributed"
    return "named" if referent == "UNNAMED" else "wrong"


def score(docs: list[Document], extract: Callable[[Article], list[Quote]], *, examples: int = 0,
          min_confidence: float = 0.0, referents: dict[str, str] | None = None) -> Scores:
    """Headline figures treat a speaker below `min_confidence` as unattributed; the coverage table sees all."""
    s = Scores()
    referents = referents or {}
    for doc in docs:
        predicted = extract(doc.article())
        used: set[int] = set()
        for kind in ("direct", "partial", "all"):
            s.spans[kind].gold += sum(1 for g in doc.gold if kind in ("all", g.kind))
        s.spans["all"].predicted += len(predicted)
        for q in predicted:
            best = max(range(len(doc.gold)), key=lambda i: _overlap((q.start, q.end), (doc.gold[i].start,
                       doc.gold[i].end)), default=None)
            if best is None or best in used or _overlap((q.start, q.end), (doc.gold[best].start,
                                                                          doc.gold[best].end)) < 0.6:
                not_attribution = any(_overlap((q.start, q.end), m) >= 0.6 for m in doc.marked)
                s.errors["spurious: marked but not an attribution" if not_attribution else "spurious: wrong span"] += 1
                continue
            used.add(best)
            g = doc.gold[best]
            s.spans[g.kind].predicted += 1
            s.spans[g.kind].matched += 1
            s.spans["all"].matched += 1
            bucket = g.source_kind if g.names else "unresolved"
            if q.speaker and g.names:
                s.confidences.append((q.confidence, bucket, any(same_person(q.speaker, n) for n in g.names)))
            referent = referents.get(f"{doc.name}@{g.source[0]}-{g.source[1]}")
            if referent is not None and g.source_kind in ("pronoun", "description"):
                read = _read_verdict(q.speaker, referent, doc.text)
                if q.speaker and referent != "UNNAMED":
                    s.read_confidences.append((q.confidence, "read", read == "right"))
                shown = q.speaker if q.confidence >= min_confidence else None
                if shown is None:
                    read = _read_verdict(None, referent, doc.text)
                s.read["unnamed" if referent == "UNNAMED" else g.source_kind][read] += 1
                if read in ("wrong", "named") and len(s.examples) < examples:
                    s.examples.append(f"{doc.name}: {doc.text[q.start:q.end][:50]!r} -> {shown} "
                                      f"(read: {g.source_text!r} = {referent})")
            if q.speaker and q.confidence < min_confidence:
                q = q.model_copy(update={"speaker": None})
            if not q.speaker:
                verdict = "unattributed"
            elif not g.names:
                verdict = "named (gold unresolved)"
            else:
                verdict = "right" if any(same_person(q.speaker, n) for n in g.names) else "wrong"
            s.speakers[bucket][verdict] += 1
            s.outlets[doc.outlet][verdict] += 1
            if verdict == "wrong":
                s.errors[f"wrong speaker ({bucket})"] += 1
                if len(s.examples) < examples:
                    s.examples.append(f"{doc.name}: {doc.text[q.start:q.end][:50]!r} -> {q.speaker} "
                                      f"(gold {g.source_text!r} = {g.names[:2]})")
            elif verdict == "unattributed":
                s.errors[f"unattributed ({bucket})"] += 1
        for i, g in enumerate(doc.gold):
            if i not in used:
                s.errors[f"missed {g.kind}"] += 1
    return s


def accuracy_at_coverage(confidences: list[tuple[float, str, bool]], kinds: set[str]) -> list[tuple[float, float, float]]:
    """(threshold, share of attributed quotes kept, accuracy of those kept) for a range of thresholds."""
    rows = [(c, ok) for c, k, ok in confidences if k in kinds]
    out = []
    for t in (0.0, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9):
        kept = [ok for c, ok in rows if c >= t]
        out.append((t, len(kept) / max(len(rows), 1), sum(kept) / max(len(kept), 1)))
    return out


def summary(s: Scores) -> dict:
    # Predictions carry no direct/partial kind, so those two get recall only.
    spans = {"all": {**s.spans["all"].prf(), "gold": s.spans["all"].gold}}
    for k in ("direct", "partial"):
        spans[k] = {"recall": s.spans[k].prf()["recall"], "gold": s.spans[k].gold}

    def acc(c: Counter) -> dict:
        n = sum(c.values())
        attributed = c["right"] + c["wrong"]
        return {"quotes": n, "accuracy": c["right"] / max(n, 1), "precision": c["right"] / max(attributed, 1),
                "unattributed": c["unattributed"] / max(n, 1)}

    return {
        "quotes": spans,
        "speaker": {k: acc(s.speakers[k]) for k in ("name", "pronoun", "description")},
        "unresolved_gold": dict(s.speakers["unresolved"]),
        "read": {k: acc(s.read[k]) for k in ("pronoun", "description") if s.read[k]}
        | ({"pronoun+description": acc(s.read["pronoun"] + s.read["description"])} if s.read else {}),
        "read_unnamed": dict(s.read["unnamed"]),
        "outlets": {o: acc(c) for o, c in sorted(s.outlets.items())},
        "errors": dict(s.errors.most_common()),
        "coverage": {"name": accuracy_at_coverage(s.confidences, {"name"}),
                     "pronoun/description": accuracy_at_coverage(s.confidences, {"pronoun", "description"}),
                     "pronoun/description (read)": accuracy_at_coverage(s.read_confidences, {"read"})},
        "examples": s.examples,
    }

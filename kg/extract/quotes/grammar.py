"""The shape of a reported sentence: speech cues and their frames, predicates, clause bounds.

Word classes come from kg/data/ (function_words.txt, speech_verbs.txt); this module says
how they are read.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon
from kg.records import Token

from kg.extract.quotes.document import WORD

MIN_WORDS = 3
OPEN = "“\"‘"
CLOSE = {"“": "”\"", "\"": "\"”", "‘": "’"}

_words = lexicon.function_words
ADVERBS = _words("adverbs")
CLAUSE = _words("clause_conjunctions") | {",", ";"}  # a new clause (a new statement) starts here
SUBORDINATORS = _words("subordinators")
FRAMING = _words("framing")
TEMPORAL = _words("temporal")
_PREDICATE = _words("predicate")
_NOT_PREDICATE = _words("not_predicate")
_NOT_REPORTED = _words("not_reported")
_PROPOSITION = _words("propositions")
_JOINERS = _words("joiners")
_OPENERS = _words("content_openers")
_PURPOSE = _words("purpose")
_EMBEDDING = _words("embedding") | _JOINERS | {",", ".", ";", "("}
_EMPHASIS = _words("emphasis")
_NEGATION = _words("negation")
_DOCUMENTS = lexicon.speaker_words("documents")

# a word of a verb's shape (me-, ber-, di-, ter- and a stem of three letters or more), lower-case
# ("Menteng" is a name); the one test of "looks like a verb" (its exceptions: [not_predicate])
_VERB = r"(?:me|ber|di|ter)[a-z]{3,}"
VERB_SHAPE = re.compile(rf"^{_VERB}$")


def alternation(words: frozenset[str]) -> str:
    """A regex alternation of words, longer words first."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


# a coordinated predicate of the speaker ends the reported clause: "... siap menyerang tetapi menawarkan ..."
_CUT = re.compile(rf"\s*(?:,\s*)?\b(?:(?:{alternation(_words('contrast'))})\s+(?={_VERB}\b)"
                  rf"|(?:{alternation(_words('accompanying'))})\b)")
# a closing quotation mark followed by a comma: ' ... “secepat mungkin,” sebagai langkah ...'
_CLOSED_INSIDE = re.compile(r"[,.][”\"]\s")

# frames of speech verbs (sections of speech_verbs.txt), the weakest first: a word listed in
# two sections takes the later one
_VERB_FRAMES = ("view", "verb_bahwa", "request", "vp", "clause", "verb")


@lru_cache(maxsize=None)
def after_cues() -> frozenset[str]:
    """Cues after a quote ("kata", "ujar") and their -nya forms ("katanya")."""
    cues = lexicon.speech_cues()["after"]
    return frozenset(cues | {c + "nya" for c in cues})


@lru_cache(maxsize=None)
def cue_kinds() -> dict[str, str]:
    """Casefolded cue word → its kind; a dict lookup per token (this runs on every word)."""
    cues = lexicon.speech_cues()
    kinds = {w: "after" for w in after_cues()}
    kinds.update({w: "menurut" for w in lexicon.speech_words("according")})
    kinds.update({w: "menurut" for w in cues["passive"]})  # "A disebutnya B" is read as "A menurutnya B"
    for frame in _VERB_FRAMES:
        kinds.update({w: frame for w in cues[frame]})
    return kinds


def is_verb(word: str) -> bool:
    """Is word a speech verb (of any frame)?"""
    return cue_kinds().get(word.casefold()) in _VERB_FRAMES


def is_predicate(word: str) -> bool:
    """A modal, copula or negation, or a lower-case word of a verb's shape ("Menteng" is a name)."""
    w = word.casefold()
    return w in _PREDICATE or (VERB_SHAPE.match(word) is not None and w not in _NOT_PREDICATE
                               and not w.endswith("nya"))  # "digelarnya" is a noun


def not_reported(toks: list[Token], k: int, words: frozenset[str] = _NOT_REPORTED) -> bool:
    """Is the speech verb at k negated or modal ("tidak mengatakan", "perlu mengakui")?"""
    b = k - 1
    while b >= 0 and toks[b].text.casefold() in _EMPHASIS:
        b -= 1
    return b >= 0 and toks[b].text.casefold() in words


def after_temporal(toks: list[Token], k: int) -> bool:
    """Does the verb at k head a clause of time ("setelah menyatakan ...")?"""
    return not_reported(toks, k, TEMPORAL)


def not_a_source(desc: str) -> bool:
    """A described subject that is a law or a negated one ("Pasal 5", "tidak ada negara")."""
    words = desc.casefold().split()
    while words and words[0] in CLAUSE:
        words = words[1:]
    return not words or words[0] in _DOCUMENTS or words[0] in _NEGATION


def clause_start(toks: list[Token], b: int) -> int:
    """Index of the first token of the clause holding toks[b]."""
    while b > 0 and toks[b - 1].text not in {".", "!", "?", ";", ",", ":"}:
        b -= 1
    return b


def framed_start(toks: list[Token], a: int, limit: int, kind: str) -> int | None:
    """Where the content of a verb of a [clause], [vp] or [request] frame starts, or None
    when what follows is no reported content (a topic noun phrase: "menilai kinerja pemerintah")."""
    first = toks[a].text.casefold() if a < limit else ""
    if first in _OPENERS or (kind == "request" and first == "untuk"):
        return a + 1 if a + 1 < limit else None
    if first in _PROPOSITION or first == "ada":  # "ada ..." is a clause without a subject
        return a
    for i in range(a, min(limit, a + 10)):
        w = toks[i].text.casefold()
        if kind == "request" and w in _PURPOSE:
            return a
        if w in _JOINERS and not (i + 1 < limit and VERB_SHAPE.match(toks[i + 1].text)):
            continue  # "untuk saat ini", "harga dan stok": not a purpose clause or a coordinated predicate
        if w in _EMBEDDING or toks[i].text in OPEN:
            return None  # a relative clause or a break before any predicate: a noun phrase
        if is_predicate(toks[i].text):
            if i == a and kind not in {"vp", "request"} and w not in _PREDICATE:
                return None  # a bare verb, no clause of its own: "membantah berencana menyerang"
            return a
    return None


def reported_piece(toks: list[Token], a: int, b: int) -> bool:
    """Is toks[a:b] a piece of content, not a framing adverbial or a bare subject?"""
    if a >= b or toks[a].text.casefold() in FRAMING:
        return False
    return framed_start(toks, a, b, "vp") is not None


def content_span(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The reported content within text[a:b], trimmed; None when too short or a direct quote."""
    while a < b and (text[a].isspace() or text[a] in ",:"):
        a += 1
    m = _CUT.search(text, a, b)
    if m and m.start() > a:
        b = m.start()
    m = _CLOSED_INSIDE.search(text, a, b)
    if m:
        b = m.start()
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",.;:"):
        b -= 1
    if b <= a or text[a] in OPEN or len(WORD.findall(text[a:b])) < MIN_WORDS:
        return None  # too short, or a direct quote (scored as such)
    return a, b

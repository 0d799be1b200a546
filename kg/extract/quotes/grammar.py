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
_BARE_PREDICATES = _words("bare_predicates")
_COORDINATORS = _JOINERS - _PURPOSE  # "dan", "serta", "atau"
_TOPIC_PREPOSITIONS = _words("topic_prepositions")
_REQUEST_NOUNS = _words("request_nouns")
_DEGREE = _words("degree")

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
# a comma, then an opening quotation mark and a capital: a direct quote starts ('bahwa A, “B,” kata X';
# 'A, “dapat menyebabkan ...”' goes on as a partial quote inside the content)
_OPENS_AFTER_COMMA = re.compile(r",\s*[“\"‘]\s*[A-Z]")

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


@lru_cache(maxsize=None)
def _speech_verbs() -> frozenset[str]:
    return frozenset(w for w, kind in cue_kinds().items() if kind in _VERB_FRAMES)


def is_verb(word: str) -> bool:
    """Is word a speech verb (of any frame)? Asked of every word, in one set lookup."""
    return word.casefold() in _speech_verbs()


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
    """A described subject that is a law, a negated one ("Pasal 5", "tidak ada negara"), or a
    clause of its own ("Dalam demo itu terdapat spanduk": a predicate outside a relative clause)."""
    words = desc.casefold().split()
    while words and words[0] in CLAUSE:
        words = words[1:]
    if not words or words[0] in _DOCUMENTS or words[0] in _NEGATION:
        return True
    # the subject after a framing piece or a subordinator ("Untuk mengatasi hal itu, Presiden", "... karena
    # hakim garis"), before a relative clause, and without the evidential right before the verb
    # ("Pemerintah dilaporkan mengimbau"); words as written, so "Menko" is a title, not a verb
    subject = desc.rsplit(",", 1)[-1].split()
    opens = [i for i, w in enumerate(subject) if w.casefold() in SUBORDINATORS - {"yang"} | CLAUSE]
    subject = subject[opens[-1] + 1:] if opens else subject
    folded = [w.casefold() for w in subject]
    head = subject[:folded.index("yang")] if "yang" in folded else subject[:-1]
    return any(VERB_SHAPE.match(w) and is_predicate(w) for w in head[1:])


def clause_start(toks: list[Token], b: int) -> int:
    """Index of the first token of the clause holding toks[b]."""
    while b > 0 and toks[b - 1].text not in {".", "!", "?", ";", ",", ":"}:
        b -= 1
    return b


def framed_start(toks: list[Token], a: int, limit: int, kind: str, small_clause: bool = False) -> int | None:
    """Where the content of a verb of a [clause], [vp] or [request] frame starts, or None
    when what follows is no reported content (a topic noun phrase: "menilai kinerja pemerintah").
    small_clause: the verb takes "X sebagai Y" ("menyebut rencana itu sebagai langkah mundur")."""
    first = toks[a].text.casefold() if a < limit else ""
    if first in _OPENERS or (kind == "request" and first == "untuk"):
        return a + 1 if a + 1 < limit else None
    if first in _PROPOSITION or first == "ada":  # "ada ..." is a clause without a subject
        return a
    if first in _TOPIC_PREPOSITIONS:
        return None  # "khawatir terhadap ...", "mengeluhkan soal ...": a topic
    if (first.removesuffix("nya") in _REQUEST_NOUNS and a + 2 < limit
            and toks[a + 1].text.casefold() in _OPENERS):
        return a + 2  # "menyampaikan harapannya agar ...": what is asked follows "agar"
    i, end, relative = a, min(limit, a + 10), False
    while i < end:
        w = toks[i].text.casefold()
        if kind == "request" and w in _PURPOSE:
            # "meminta X untuk ...": from the addressee on; "meminta X agar ...": after "agar" (convention 11)
            return i + 1 if w in _OPENERS and i > a and i + 1 < limit else a
        if w in _JOINERS and not (i + 1 < limit and VERB_SHAPE.match(toks[i + 1].text)):
            i += 1
            continue  # "untuk saat ini", "harga dan stok": not a purpose clause or a coordinated predicate
        if w == "yang" and not relative and i > a:
            # "sanksi yang dijatuhkan dinas itu sejauh ini berupa ...": past the relative clause's own
            # predicate, only a modal, aspect word or copula heads the content
            i, relative = _past_predicates(toks, i + 1, limit), True
            end = min(limit, i + 8)
            continue
        if w == "," and (after := _list_or_apposition(toks, i, limit)) is not None:
            i, end = after, min(limit, max(end, after + 6))
            continue
        if toks[i].text in OPEN and i > a and i + 1 < limit and is_predicate(toks[i + 1].text):
            return a  # a quoted predicate: 'menyebut ultimatum itu “tidak dapat diterima”'
        if w in _EMBEDDING or toks[i].text in OPEN:
            return None  # a relative clause or a break before any predicate: a noun phrase
        if small_clause and w == "sebagai" and i > a:
            return a
        if relative:
            if w in _PREDICATE and w not in _DEGREE:
                return a  # ("... yang mampu menciptakan pusat ekonomi baru": "baru" modifies a noun)
        elif is_predicate(toks[i].text) or w in _BARE_PREDICATES:
            if i == a and kind not in {"vp", "request"} and w not in _PREDICATE:
                return None  # a bare verb, no clause of its own: "membantah berencana menyerang"
            return a
        i += 1
    return None


def _past_predicates(toks: list[Token], i: int, limit: int) -> int:
    """The index after the run of predicate words (and adverbs, "dan") starting at i; a verb with
    a clitic is one here ("yang memaksanya segera ...")."""
    while i < limit and (is_predicate(toks[i].text) or VERB_SHAPE.match(toks[i].text)
                         or toks[i].text.casefold() in ADVERBS | _COORDINATORS):
        i += 1
    return i


def _list_or_apposition(toks: list[Token], comma: int, limit: int) -> int | None:
    """Where scanning resumes past a comma that lists nouns ("hewan, ikan, dan tumbuhan") or sets off
    a name ("Ketua X, Budi Santoso, sebagai"): at the joiner, or after the closing comma; None
    when the comma ends a clause."""
    names = 0
    for j in range(comma + 1, min(limit, comma + 6)):
        t, w = toks[j].text, toks[j].text.casefold()
        if w in _COORDINATORS:
            return j if j > comma + 1 else None
        if t == ",":
            if names == j - comma - 1 and names:
                return j + 1  # an apposition of capitalised words
            continue
        if t in {".", ";", ":", "!", "?"} or t in OPEN or is_predicate(t) or w in _EMBEDDING:
            return None
        names += t[:1].isupper()
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
    for pattern in (_CLOSED_INSIDE, _OPENS_AFTER_COMMA):
        m = pattern.search(text, a, b)
        if m:
            b = m.start()
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",.;:"):
        b -= 1
    if b <= a or text[a] in OPEN or len(WORD.findall(text[a:b])) < MIN_WORDS:
        return None  # too short, or a direct quote (scored as such)
    return a, b

"""Rule-based tokenizer and sentence splitter with exact character offsets.

kg feeds Stanza pre-tokenized sentences: a regex tokenizer is several times
faster than a neural one on CPU (the NER then dominates the run time), and it
gives offsets into the text as read by construction. The project's trained
Stanza tokenizer (kg/models/tokenize) ships for users who build their own
Stanza pipelines; see kg/models/README.md.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from operator import itemgetter

from kg import lexicon, site, wordseg
from kg.records import Sentence, Token

MAX_TOKENS = 120  # longer "sentences" (lists, unpunctuated dumps) are cut: bounds NER time and memory

_ABBREV = rf"(?:{'|'.join(map(re.escape, lexicon.abbreviations()))})\."  # kg/data/abbreviations.txt
_OUTLET = site.domain_pattern(r"(?!\w|\.\w)")  # not the start of a longer dotted word
_TOKEN = re.compile(
    rf"""
    (?=[A-Za-z0-9]++\.)(?:           # only where a word runs into a full stop (fast path for words):
        {_OUTLET}     # outlets: Liputan6.com, Viva.co.id, TRIBUNNEWS.COM
      | (?:[A-Z]\.){{2,}}              # A.S., U.S.
      | (?:[A-Z]\.)+[A-Z](?![\w.])      # D.C, S.H: the last full stop dropped, still one word
      | {_ABBREV}(?=\s|$)             # Mr. Hartono
      | [A-Z]\.(?=\s+\w)              # middle initial: Budi S. Hartono
    )
  | \d+(?:[.,:/]\d+)+                # 13.000  3,5  19:21  21/1/2022
  | \w+(?:[-'’]\w+)*                 # words, incl. reduplication and Jum'at
  | \S                               # anything else, one character at a time
    """,
    re.VERBOSE,
)
# a token with the spaces before it: findall's strings and their lengths give the offsets, cheaper than
# a match object per token (only spaces lie between tokens: `\S` takes any other character)
_SPACED_TOKEN = re.compile(rf"(\s*+)({_TOKEN.pattern})", re.VERBOSE)
_END = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "]", "»"}
_OPENERS = {'"', "“", "‘", "'", "(", "[", "«"}
_BREAKS = _END | _CLOSERS  # only these tokens can end a sentence


def tokenize(text: str, start: int, end: int, known: Callable[[], frozenset[str]] | None = None) -> list[Token]:
    """Tokens of text[start:end]; words glued by scraping are split (see `_glue_cuts`).

    `known()` gives the capitalised words that stand alone somewhere in the
    document: evidence that "Budiyang" is "Budi" + "yang".
    """
    toks = _tokens(text, start, end)
    cuts = _glue_cuts(text, start, end, known or _KnownWords(text))
    if not cuts:
        return toks
    cuts.sort()
    out, new = [], tuple.__new__
    for tok in toks:
        # the cuts inside the token, found by bisection: a paragraph may have many cuts and tokens
        inner = cuts[bisect_right(cuts, tok.start):bisect_left(cuts, tok.end)] if tok.end - tok.start > 3 else ()
        if not inner:
            out.append(tok)
            continue
        bounds = [tok.start, *inner, tok.end]
        out.extend(new(Token, (text[a:b], a, b)) for a, b in zip(bounds, bounds[1:]))
    return out


def _tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of _TOKEN in text[start:end], in order."""
    new = tuple.__new__  # Token(...) without the NamedTuple wrapper: this runs once per token
    toks, pos = [], start
    for spaces, tok in _SPACED_TOKEN.findall(text, start, end):
        pos += len(spaces)
        toks.append(new(Token, (tok, pos, pos + len(tok))))
        pos += len(tok)
    return toks


# The patterns scanned over whole paragraphs open with the letter, the look-behind after it: re's
# search skips in C to where a pattern's first character class matches, but tries a pattern that
# opens with a look-behind at every position (2-3x slower). "[A-Z](?<=[a-z][A-Z])" is "(?<=[a-z])[A-Z]".
_CAMEL = re.compile(r"[A-Z](?<=[a-z][A-Z])")  # a capital right after a lower-case letter
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?!\w)")  # standing alone
_LOWER = re.compile(r"(?<![\w-])[a-z]{4,}(?![\w-])")
# a capitalised word or an acronym running into lower-case letters; may follow a lower-case letter,
# not a domain's name ("Kabarkita.com")
_GLUED_TAIL = re.compile(r"[A-Z](?<![A-Z][A-Z])[A-Z]*[a-z]{2,}(?![a-z0-9]|\.[a-z])")


class _KnownWords:
    """The capitalised words standing alone in a text, found once and only when needed."""

    def __init__(self, text: str):
        self.text, self.words, self.lower_words = text, None, None
        self.cuts: dict[str, list[int]] = {}  # glued word → its cuts: a name recurs in a document

    def __call__(self) -> frozenset[str]:
        if self.words is None:
            self.words = frozenset(_CAPITALISED.findall(self.text))
        return self.words

    def lower(self) -> frozenset[str]:
        """The lower-case words standing alone in the text."""
        if self.lower_words is None:
            self.lower_words = frozenset(_LOWER.findall(self.text))
        return self.lower_words


def _glue_cuts(text: str, start: int, end: int, known: Callable[[], frozenset[str]]) -> list[int]:
    """Offsets where scraping glued two words ("JakartaDi", "dikutipReuters", "Budiyang").

    Glue without a change of case ("Santosomenyerukan", "KPKyang") is found by the
    word list (kg/wordseg.py); at a change of case the rules below decide.

    Camel-case brands ("YouTube", "detikNews", "iPhone") stay whole: a cut needs
    a known Indonesian word or title on one side, or a long lower-case word
    before the capital, or the left part standing alone elsewhere in the text.
    """
    cuts = []
    memo = getattr(known, "cuts", None)
    for m in _GLUED_TAIL.finditer(text, start, end):
        word = m.group()
        inner = memo.get(word) if memo is not None else None
        if inner is None:
            inner = _word_cuts(text, word, known)
            if memo is not None:
                memo[word] = inner
        if inner:  # most capitalised words are whole
            cuts.extend(m.start() + c for c in inner)
    cuts.extend(m.start() for m in _DIGIT_WORD.finditer(text, start, end))  # "4Perusahaan"
    for m in _PLACE_PAIR.finditer(text, start, end):
        if _place_pair(m.group(1), m.group(2)):
            cuts.extend((m.end(1), m.start(2)))
    camel = _CAMEL.search(text, start, end)
    while camel:
        i = camel.start()
        outlet = _glued_before_outlet(text, i)
        if outlet:
            cuts.append(outlet)  # "daridetikNews" is "dari" + the outlet "detikNews"
        elif _camel_cut(text, i, known, cuts):
            cuts.append(i)
        camel = _CAMEL.search(text, i + 1, end)
    return cuts


def _word_cuts(text: str, word: str, known: Callable[[], frozenset[str]]) -> list[int]:
    """Offsets inside one capitalised word of the text where scraping glued words."""
    inner = wordseg.cuts(word, known)  # "Santosomenyerukan", "KPKyang"
    if inner and not word[1].isupper() and not wordseg.sure(word, inner[0]) and _recurs(text, word):
        inner = []  # a word written so twice is no scraping accident ("Desa Sumberagung")
    if not inner and (cut := _attested_cut(text, word, known)):
        inner = [cut]
    return inner


def _recurs(text: str, word: str) -> bool:
    """Whether the (letters-only) word stands alone more than once in the text."""
    return len(re.findall(rf"(?<![\w-]){word}(?![\w-])", text)) > 1


_DIGIT_WORD = re.compile(r"[A-Z](?<=[0-9][A-Z])[a-z]{2,}")  # the letter first, as _CAMEL
_PLACE_PAIR = re.compile(r"([A-Z](?<![\w-][A-Z])[a-z]{3,})-([A-Z][a-z]{3,})(?![\w-])(?!\s+[A-Z])")


def _place_pair(left: str, right: str) -> bool:
    """'Jakarta-Surabaya' (a route, a border) is two names, the hyphen a token of its own.

    Rhyming or alliterating pairs are one word ('Bolak-Balik', 'Sayur-Mayur'), and so is
    a pair inside a longer name ('Self-Regulatory Organization').
    """
    return left[0] != right[0] and left[-3:] != right[-3:]


def _lower_run_start(text: str, i: int) -> int:
    """Start of the lower-case letters right before text[i]."""
    while i > 0 and text[i - 1].islower():
        i -= 1
    return i


def _glued_before_outlet(text: str, i: int) -> int | None:
    """Where a glue word ends before a camel-case outlet name whose capital is text[i]."""
    left = text[_lower_run_start(text, i):i]
    for p in lexicon.outlet_prefixes():
        head = left[:-len(p)]
        if left.endswith(p) and head.casefold() in lexicon.glue_words():
            return i - len(p)
    return None


def _attested_cut(text: str, word: str, known: Callable[[], frozenset[str]]) -> int | None:
    """'Buditerjatuh' → 4 when the text has "Budi" standing alone and "terjatuh" in lower
    case, and the glued word occurs only once (a name that recurs is no scraping accident)."""
    if len(word) < 8:
        return None  # no head and tail of four letters each
    lower = getattr(known, "lower", None)
    alone = known()
    heads = [k for k in range(4, len(word) - 3) if word[:k] in alone]  # heads and tails of four letters or more
    if not heads or lower is None or word.casefold() in lower():  # "Apalagi" opening a sentence is one word
        return None
    for k in heads:
        if word[k:] in lower():
            once = len(re.findall(rf"(?<![\w-]){word}(?![\w-])", text)) == 1
            return k if once else None
    return None


def _camel_cut(text: str, i: int, known: Callable[[], frozenset[str]], cuts: list[int]) -> bool:
    """Whether to split before the capital at text[i]."""
    a = _lower_run_start(text, i)
    first_lower = not (a > 0 and text[a - 1].isupper())
    if not first_lower:
        a -= 1
    a = max([a] + [c for c in cuts if c < i])  # "Rudidan|Sinta": the glued "dan" is the left word
    left = text[a:i]
    b = i + 1
    upper_run = b < len(text) and text[b].isupper()
    while b < len(text) and (text[b].isupper() if upper_run else text[b].islower()):
        b += 1
    b = min([b] + [c for c in cuts if i < c < b])  # "DonaldTrump|mengatakan": the right word ends at a cut
    right = text[i:b]
    glue, part = lexicon.glue_words(), lexicon.titles()["part"]
    if left.casefold() in glue or right.casefold() in glue:
        return True  # "dikutipReuters", "JakartaDi", "PresidenBudi"
    if left[:1].isupper() and site.after_dateline_outlet(text, a):
        return True  # "Outlet.com, KupangHarga naik": the place glued to the body's first word
    if left.casefold() in part and right.casefold() in part:
        return True  # "LuarNegeri"
    if left not in lexicon.outlet_prefixes() and wordseg.camel_cut(left, right, known):
        return True  # "PerwakilanRakyat", "acuanBI": both sides are words
    if left.islower():
        return len(left) >= 6 and left not in lexicon.outlet_prefixes()  # "pernikahanAndi", not "kumparanNEWS"
    if upper_run and len(right) >= 3 and len(left) >= 3:
        return True  # "KantorBPS"
    return left in known()  # "CityPep" where "City" stands alone elsewhere


_FOLDED: dict[int, tuple[tuple[Token, ...], tuple[str, ...]]] = {}  # id(tokens) → the tokens, their words
_FOLDED_MAX = 4096  # sentences: more than any one article's, few enough to stay small


def folded(tokens: tuple[Token, ...]) -> tuple[str, ...]:
    """The casefolded words of a sentence's tokens, computed once: several extraction steps read
    every sentence's words casefolded. Cached by the tokens' identity (the entry keeps them alive,
    so the id is not reused while the entry stands)."""
    hit = _FOLDED.get(id(tokens))
    if hit is not None and hit[0] is tokens:
        return hit[1]
    if len(_FOLDED) >= _FOLDED_MAX:
        _FOLDED.clear()
    words = tuple([t.text.casefold() for t in tokens])
    _FOLDED[id(tokens)] = (tokens, words)
    return words


def surface(text: str, tokens: tuple[Token, ...] | list[Token], start: int, end: int) -> str:
    """text[start:end] with a space where the tokenizer cut a glued word ("DewanPerwakilan" is
    read "Dewan Perwakilan"): a name's words, while its offsets still index the text as read."""
    inside = _tokens_within(tokens, start, end)
    if not inside or inside[0].start != start or inside[-1].end != end:
        return text[start:end]  # a span cut inside a token ("Eropa" of "Eropanya")
    out, prev = [], None
    for tok in inside:
        if prev is not None:
            gap = text[prev.end:tok.start]
            out.append(gap or (" " if prev.text[-1].isalnum() and tok.text[0].isalnum() else ""))
        out.append(tok.text)
        prev = tok
    return "".join(out)


def _tokens_within(tokens: tuple[Token, ...] | list[Token], start: int, end: int) -> list[Token]:
    """The tokens lying within text[start:end] (tokens in text order): found by bisection, as a
    sentence is asked for each of its names."""
    i = bisect_left(tokens, start, key=_START)
    out = []
    for tok in tokens[i:]:
        if tok.end > end:
            break  # the tokens after it start later still
        out.append(tok)
    return out


_START = itemgetter(1)  # Token.start


def split_sentences(text: str, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    known = _KnownWords(text)  # once per document, only if something looks glued
    for p, (start, end) in enumerate(paragraphs):
        toks = tokenize(text, start, end, known)
        first = 0  # index of the current sentence's first token
        for last in _sentence_ends(toks):
            sentences.append(Sentence(toks[first].start, toks[last].end, tuple(toks[first:last + 1]), p))
            first = last + 1
        if first < len(toks):
            sentences.append(Sentence(toks[first].start, toks[-1].end, tuple(toks[first:]), p))
    return sentences


def _sentence_ends(toks: list[Token]) -> list[int]:
    """Indices of the tokens that end a sentence: a stop that `_ends_sentence`, or the
    MAX_TOKENS-th token of a sentence. Only the few stops and closers are looked at
    one by one (a Python step per token costs more than the list of them)."""
    ends, first = [], 0
    for i in [i for i, tok in enumerate(toks) if tok[0] in _BREAKS] + [len(toks)]:  # tok[0]: its text
        while i - first >= MAX_TOKENS:  # a sentence too long before this stop
            ends.append(first + MAX_TOKENS - 1)
            first += MAX_TOKENS
        if i < len(toks) and (_ends_sentence(toks, i) or i + 1 - first >= MAX_TOKENS):
            ends.append(i)
            first = i + 1
    return ends


def _ends_sentence(toks: list[Token], i: int) -> bool:
    tok = toks[i].text
    if tok in _CLOSERS and i > 0 and toks[i - 1].text in _END:
        nxt = i + 1  # .” ends the sentence when a new one begins after it
    elif tok in _END:
        nxt = i + 1
        if nxt < len(toks) and toks[nxt].text in _CLOSERS and toks[nxt].text not in _OPENERS:
            return False  # wait for the closing quote
        if nxt < len(toks) and toks[nxt].text in {'"', "'"} and toks[nxt].start == toks[i].end:
            return False  # straight quote glued to the stop closes the quote
    else:
        return False
    if nxt >= len(toks):
        return True
    following = toks[nxt].text
    return following[0].isupper() or following[0].isdigit() or following in _OPENERS

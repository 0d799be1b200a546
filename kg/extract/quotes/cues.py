"""Cue frames that need more than the word after the cue: a request's purpose word after its
addressee ("meminta kepada Y agar ...", "memperingatkan Y agar ..."), and a view verb that also
means seeing ("melihat")."""
from __future__ import annotations

from kg import lexicon
from kg.records import Token

from kg.extract.quotes.grammar import is_predicate

_PURPOSE = lexicon.function_words("purpose")
_PREDICATE = lexicon.function_words("predicate")
_EMBEDDING = lexicon.function_words("embedding")
_PLACES = lexicon.function_words("adjunct_prepositions")
# "agar"/"supaya": what a warning or reminder asks for after its addressee ("untuk" also
# starts purpose adjuncts: "menjelaskan program untuk ...")
_SO_THAT = _PURPOSE & lexicon.function_words("content_openers")


def so_that_after(toks: list[Token], a: int, limit: int) -> int | None:
    """Where the content after an addressee and "agar" starts ("memperingatkan Y agar CONTENT")."""
    i = purpose_after(toks, a, limit, words=_SO_THAT)
    return None if i is None else i + 1


def purpose_after(toks: list[Token], a: int, limit: int, reach: int = 12,
                  words: frozenset[str] = _PURPOSE) -> int | None:
    """Index of the purpose word ("untuk", "agar") that ends an addressee starting at toks[a],
    or None when a comma or a full stop comes first: "kepada pemerintah daerah agar ..."."""
    for i in range(a, min(limit, a + reach)):
        w = toks[i].text.casefold()
        if w in words:
            return i if i > a and i + 1 < limit else None
        if toks[i].text in {",", ".", ";", ":"}:
            return None
    return None


def view_start(toks: list[Token], a: int, limit: int) -> int | None:
    """Where the content of a [view] verb starts: a clause with a subject of its own whose first
    predicate is a modal, degree or copula word ("melihat harga beras masih akan naik", "melihat
    perlu ada ..."), not a verb of an action seen ("melihat pelaku membawa pisau")."""
    if a < limit and toks[a].text.casefold() in _PLACES:
        return None  # "melihat dalam praktik ...", "melihat di lokasi ...": seeing somewhere
    for i in range(a, min(limit, a + 10)):
        if toks[i].text in {",", ".", ";", "(", ":"} or toks[i].text.casefold() in _EMBEDDING:
            return None
        if toks[i].text.casefold() in _PREDICATE:
            nominal = i > a and i + 1 < limit and toks[i + 1].text.casefold().endswith("nya")
            return None if nominal else a  # "melihat masalah tidak maksimalnya panen": a noun phrase
        if is_predicate(toks[i].text):
            return None
    return None

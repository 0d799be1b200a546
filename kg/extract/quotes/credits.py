"""Source credits (convention 19): "Dilansir X, Senin (3/2/2025), CONTENT" makes X the speaker of
the narration it credits; "A, seperti dilansir X, Rabu (…), B" gives one quote per piece.

A credit gives way to the sentence's own speaker ("Dilansir X, Y mengatakan ...": Y's quote, found
by indirect.py, stands): the credited narration ends at the last comma before another report or a
direct quote. Joint credits ("Dilansir A, B, dan C") go to the first named (convention 18).
"""
from __future__ import annotations

from functools import lru_cache

from kg import lexicon
from kg.records import Token
from kg.segment import folded

from kg.extract.quotes.document import Attribution, Document, Found
from kg.extract.quotes.speakers import subject
from kg.extract.quotes.grammar import (FRAMING, OPEN, VERB_SHAPE, after_cues, content_span, is_verb,
                                       reported_piece)

_CREDIT = lexicon.speech_words("credit")
_LEAD = lexicon.speech_words("credit_lead")
_TIME = lexicon.function_words("credit_time")
_JOINT = lexicon.function_words("joiners") | {",", "&"}
_STOPS = {".", "!", "?", ";"}
_CLOSERS = {"”", "\"", "’"}


@lru_cache(maxsize=None)
def _calendar() -> frozenset[str]:
    """Weekday and month names, Indonesian and English (CLDR via Babel), casefolded."""
    from babel.dates import get_day_names, get_month_names

    return frozenset(name.casefold() for loc in ("id", "en") for width in ("wide", "abbreviated")
                     for names in (get_day_names(width, locale=loc), get_month_names(width, locale=loc))
                     for name in names.values())


def credited_quotes(doc: Document, found: list[Found]) -> list[Found]:
    """The quotes that source credits make, in sentences where `found` (the other quotes) leaves room."""
    out = []
    for sent in doc.sentences:
        words = folded(sent.tokens)
        if _CREDIT.isdisjoint(words):
            continue  # most sentences: no credit word
        toks = list(sent.tokens)
        c = next(i for i, w in enumerate(words) if w in _CREDIT)
        others = [q.start for q in found if sent.start <= q.start < sent.end]
        others += [a for a, _ in doc.quoted if sent.start <= a < sent.end]  # direct quotes, their cues
        out.extend(q for q in _credit(doc, toks, c, others) if not doc.in_quote(q.start))
    return out


def _credit(doc: Document, toks: list[Token], c: int, others: list[int]) -> list[Found]:
    """The pieces the credit at toks[c] attributes."""
    lead = c - 1 if c > 0 and toks[c - 1].text.casefold() in _LEAD else c
    opening = lead == 0
    if not opening and not (lead > 1 and toks[lead - 1].text == "," and
                            (lead < c or toks[c].text.casefold().startswith("di"))):
        return []  # an active credit inside a clause has a subject: "..., X melaporkan, mengutip Y"
    source, after = _source(doc, toks, c + 1)
    if source is None:
        return []
    who = Attribution(toks[c].text, source)
    if after is not None and (passive := _passive_sayer(doc, toks, after)) is not None:
        who, after = who._replace(speaker=passive), None  # "A, seperti dilansir X, disampaikan oleh Y"
    pieces = []
    if not opening and not any(a < toks[lead].start for a in others) and _plain(doc, toks, 0, lead - 1):
        bahwa = next((i + 1 for i in range(lead - 1) if toks[i].text.casefold() == "bahwa"), 0)
        pre = _piece(doc, toks, bahwa, lead - 1, who)  # ("Para peneliti menemukan bahwa A, dikutip X")
        if pre is not None and toks[0].text.casefold() not in FRAMING:
            pieces.append(pre)
    if after is not None and toks[after].text.casefold() == "bahwa":
        pieces.append(_verb_content(doc, toks, lead, after))  # "X menuturkan, seperti dilansir Y, bahwa ..."
    elif after is not None and (opening or reported_piece(toks, after, len(toks))):
        pieces.append(_post(doc, toks, after, others, who))  # ("..., dilansir X, Jakarta, Rabu": a setting)
    return [q for q in pieces if q is not None]


def _post(doc: Document, toks: list[Token], a: int, others: list[int], who: Attribution) -> Found | None:
    """The piece after the credit: up to the sentence end, or up to the last comma before a
    quote or a report of another speaker ("Dilansir X, A, Y menuntut ...": A is X's)."""
    later = [p for p in others if p >= toks[a].start] + _reports(doc, toks, a)
    if not later:
        return _piece(doc, toks, a, len(toks), who)
    commas = [i for i in range(a, len(toks)) if toks[i].text == "," and toks[i].end <= min(later)]
    if not commas or not reported_piece(toks, a, commas[-1]) or not _plain(doc, toks, a, commas[-1]):
        return None
    return _piece(doc, toks, a, commas[-1], who)


def _verb_content(doc: Document, toks: list[Token], lead: int, bahwa: int) -> Found | None:
    """The content after "bahwa" of the speech verb before an interrupting credit, with its subject."""
    k = next((i for i in range(lead - 1, -1, -1) if is_verb(toks[i].text)), None)
    if k is None:
        return None
    speaker, desc = subject(doc, toks[0].start, toks, k, [], skip_quoted=False)
    if speaker is None and desc is None:
        return None
    return _piece(doc, toks, bahwa + 1, len(toks), Attribution(toks[k].text, speaker, desc))


def _plain(doc: Document, toks: list[Token], a: int, b: int) -> bool:
    """Is toks[a:b] narration: no speech cue and no quotation mark (not an attribution)?"""
    return not any(is_verb(t.text) or t.text.casefold() in after_cues() or t.text[:1] in OPEN or t.text in _CLOSERS
                   for t in toks[a:b])


def _passive_sayer(doc: Document, toks: list[Token], a: int) -> int | None:
    """The sayer of a passive verb opening toks[a:] ("disampaikan (oleh) Y"), or None."""
    if a >= len(toks) or not VERB_SHAPE.match(toks[a].text) or not toks[a].text.startswith("di"):
        return None
    b = a + 2 if a + 1 < len(toks) and toks[a + 1].text.casefold() == "oleh" else a + 1
    return doc.speaker_at(toks[b].start) if b < len(toks) else None


def _reports(doc: Document, toks: list[Token], a: int) -> list[int]:
    """Where a speech verb with a named subject in its own comma clause stands after toks[a]
    ("..., Y menuntut ..."): another speaker's report, whether or not its content was found."""
    out, named = [], False
    for i in range(a, len(toks)):
        if toks[i].text == ",":
            named = False
        elif doc.speaker_at(toks[i].start) is not None:
            named = True
        elif named and (is_verb(toks[i].text) or toks[i].text.casefold() in after_cues()):
            out.append(toks[i].start)
    return out


def credit_follows(toks: list[Token], i: int) -> bool:
    """Does a source credit start at toks[i] ("..., X melaporkan, mengutip Y": Y is X's source)?"""
    return i < len(toks) and toks[i].text.casefold() in _CREDIT


def _piece(doc: Document, toks: list[Token], a: int, b: int, who: Attribution) -> Found | None:
    if a >= b:
        return None
    span = content_span(doc.text, toks[a].start, toks[b - 1].end)
    return None if span is None else Found(*span, "indirect", who)


def _source(doc: Document, toks: list[Token], a: int) -> tuple[int | None, int | None]:
    """(the credited source, index of the first token of what it credits) for a credit whose
    object starts at toks[a]: a few words ("dari laman", a title), names joined by commas or "dan", a time
    adverbial, then a comma. (None, None) when no named source is credited."""
    i, first, names = a, None, 0
    while i < len(toks) and i - a <= 4 and first is None:
        m = doc.speaker_at(toks[i].start)
        if m is not None:
            first = m
        elif toks[i].text in _STOPS or toks[i].text == "," or doc.mention_at(toks[i].start) is not None:
            return None, None  # a name that cannot speak, or no name: "Dilansir dari data resmi, ..."
        else:
            i += 1
    if first is None:
        return None, None
    while i < len(toks):  # the names, joined ("A, B, dan C"), and a time adverbial
        m = doc.mention_at(toks[i].start)
        if m is not None:
            names += 1
            i = _after(toks, doc.mentions[m].end, i)
            continue
        w = toks[i].text.casefold()
        if toks[i].text in _STOPS:
            return first, None  # "CONTENT, seperti dilansir X."
        if w in _JOINT and names and i + 1 < len(toks) and (
                doc.speaker_at(toks[i + 1].start) is not None or toks[i + 1].text.casefold() in _JOINT):
            i += 1
            continue
        if w == ",":
            if i + 1 < len(toks) and _time_piece(toks, i + 1):
                i = _time_end(toks, i + 1)
                continue
            start = _time_end(toks, i + 1) if _dated(toks, i + 1) else i + 1  # "X, Jumat (13/6) CONTENT"
            return first, (start if start < len(toks) else None)
        if _time_word(toks[i].text):
            i += 1
            continue
        return None, None  # the credit runs into a clause: no comma after its source
    return first, None


def _after(toks: list[Token], end: int, i: int) -> int:
    while i < len(toks) and toks[i].start < end:
        i += 1
    return i


def _time_word(word: str) -> bool:
    w = word.casefold()
    return w in _TIME or w in _calendar() or w in {"(", ")", "/"} or any(ch.isdigit() for ch in w)


def _time_piece(toks: list[Token], a: int) -> bool:
    """Is toks[a:] up to the next comma a time adverbial ("Senin (3/2/2025)", "Kamis malam")?"""
    end = _time_end(toks, a)
    return end > a and (end == len(toks) or toks[end].text in _STOPS or toks[end].text == ",") and any(
        toks[i].text.casefold() in _calendar() or any(ch.isdigit() for ch in toks[i].text) for i in range(a, end))


def time_comma(toks: list[Token], a: int) -> int | None:
    """The comma that closes a time adverbial opening toks[a:] ("Rabu (18/6/2025), ..."), or None."""
    if a >= len(toks) or not _time_piece(toks, a):
        return None
    end = _time_end(toks, a)
    return end if end < len(toks) and toks[end].text == "," else None


def _dated(toks: list[Token], a: int) -> bool:
    """Does a date or a weekday open toks[a:] ("Jumat (13/6/2025) ...", "Rabu pagi ...")? A bare
    number does not ("12 orang tewas")."""
    return any(toks[i].text.casefold() in _calendar() or "/" in toks[i].text for i in range(a, _time_end(toks, a)))


def _time_end(toks: list[Token], a: int) -> int:
    i = a
    while i < len(toks) and _time_word(toks[i].text) and i - a < 10:
        i += 1
    return i

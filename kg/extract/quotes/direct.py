"""Direct quotes: the spans between quotation marks, and their speakers by order of preference.

A span runs from an opening mark (curly or straight) to its closing mark, or to the end of
the paragraph when a multi-paragraph quote leaves its closing mark off.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from kg import lexicon, site

from kg.extract.quotes.document import NOBODY, WORD, Attribution, Document, Found
from kg.extract.quotes.grammar import CLOSE, MIN_WORDS, OPEN
from kg.extract.quotes.speakers import cue_after, object_of, passive_after, verb_before

_OPEN_MARK = re.compile("[" + OPEN + "]")
# inside a quote opened by the key: its closing marks, and “ (a new quote: the old one was never closed)
_STOP_MARK = {ch: re.compile("[" + CLOSE[ch] + ("" if ch == "‘" else "“") + "]") for ch in OPEN}


class DirectSpan(NamedTuple):
    start: int
    end: int
    single: bool  # in single marks: a quote only with a speech cue after it ('scare quotes' are terms)


def direct_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[DirectSpan]:
    """The quoted spans of every paragraph but links to other articles (their titles are no speech)."""
    return [s for a, b in paragraphs if not site.opens_with_link(text, a, b) for s in _paragraph_spans(text, a, b)]


def _paragraph_spans(text: str, start: int, end: int) -> list[DirectSpan]:
    out: list[DirectSpan] = []
    i = start
    while m := _OPEN_MARK.search(text, i, end):
        i, ch = m.start(), m.group()
        if not _opens(text, i, start):
            i += 1
            continue
        j = _quote_end(text, ch, i + 1, end)
        closed = j < end and text[j] in CLOSE[ch]
        span = _trimmed(text, i + 1, j)
        if span and not _titled(text, i, start) and (closed or ch != "‘"):  # 'bertajuk “...”' is a title
            out.append(DirectSpan(*span, single=ch == "‘"))
        i = j + 1 if closed else j
    return out


def _titled(text: str, i: int, start: int) -> bool:
    """Is the quotation mark at i right after a word that names a title ("bertajuk", "diskusi")?"""
    before = text[max(start, i - 30):i].rstrip()
    words = WORD.findall(before)
    return before[-1:].isalpha() and words[-1].casefold() in lexicon.speech_cues()["title"]


def _quote_end(text: str, ch: str, j: int, end: int) -> int:
    """Position of the mark that closes a quote opened by `ch`, or where it breaks off."""
    while stop := _STOP_MARK[ch].search(text, j, end):
        j = stop.start()
        if text[j] in CLOSE[ch] and _closes(text, j, end) or text[j] == "“":
            return j
        j += 1
    return end


def _opens(text: str, i: int, start: int) -> bool:
    return i == start or not text[i - 1].isalnum()


def _closes(text: str, j: int, end: int) -> bool:
    return j + 1 >= end or not text[j + 1].isalnum()


def _trimmed(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",."):
        b -= 1
    return (a, b) if len(WORD.findall(text[a:b])) >= MIN_WORDS else None


# -- speakers ------------------------------------------------------------------------

def attribute(doc: Document, spans: list[DirectSpan], indirect: list[Found],
              paragraphs: list[tuple[int, int]]) -> list[Found]:
    """The direct quotes with their speakers; a span in single marks without a cue is dropped."""
    done: list[Found] = list(indirect)  # quotes attributed so far, for pronouns
    out: list[Found] = []
    for s in spans:
        who = cue_after(doc, s.start, s.end, done, skip_quoted=True) if s.single else \
            _attribution(doc, s, done, indirect, paragraphs)
        if who is None:
            continue  # 'scare quotes' and terms, not speech
        out.append(Found(s.start, s.end, "direct", who))
        done.append(out[-1])
    out = [q if q.who.named else q._replace(who=_passive(doc, q)) for q in out]
    # a quote before its attribution in the same paragraph gets it from the next one: “A.” ... “B,” kata X.
    return [_from_next(a, b, paragraphs) for a, b in zip(out, out[1:])] + out[-1:]


def _attribution(doc: Document, s: DirectSpan, done: list[Found], indirect: list[Found],
                 paragraphs: list[tuple[int, int]]) -> Attribution:
    """In order: a cue after the quote, the reported clause it stands in, a speech verb before
    it, the quote just before (a quote resumed after its attribution)."""
    after = cue_after(doc, s.start, s.end, done, skip_quoted=True)
    if after is not None:
        return after
    host = next((iq for iq in indirect if iq.start <= s.start and s.end <= iq.end + 2), None)
    if host is not None:
        return host.who
    verb = verb_before(doc, s.start, done)
    if verb is not None and verb.named:
        return verb
    if (said_by := object_of(doc, s.start)) is not None:
        return Attribution(None, said_by)  # 'X menuntut “...”': X's words, not the last speaker's
    prev = max((d for d in done if d.end <= s.start and (d.speaker is not None or d.who.speaker_desc)),
               key=lambda d: d.end, default=None)
    if prev is not None and _para(paragraphs, s.start) - _para(paragraphs, prev.end) <= 1:
        # the addressee of an unattributed verb before it stays: "mengatakan kepada Y: “...”"
        return prev.who._replace(addressee=verb.addressee if verb else None)
    return verb or NOBODY


def _passive(doc: Document, q: Found) -> Attribution:
    """'Hal itu disampaikan X ...' right after a quote names its speaker."""
    found = passive_after(doc, q.end)
    return q.who if found is None else q.who._replace(cue=found.cue, speaker=found.speaker)


def _from_next(a: Found, b: Found, paragraphs: list[tuple[int, int]]) -> Found:
    if a.who.named or not b.who.cue or _para(paragraphs, a.start) != _para(paragraphs, b.start):
        return a
    return a._replace(who=a.who._replace(speaker=b.who.speaker, speaker_desc=b.who.speaker_desc))


def _para(paragraphs: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(paragraphs):
        if a <= pos <= b:
            return i
    return -1

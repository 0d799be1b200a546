"""A headline that reports a claim: "X: CLAIM" or "X Sebut CLAIM" (convention 9)."""
from __future__ import annotations

from kg import lexicon

from kg.extract.quotes.document import WORD, Attribution, Document, Found
from kg.extract.quotes.grammar import content_span
from kg.extract.quotes.speakers import pick_speaker


def headline_quote(doc: Document, paragraphs: list[tuple[int, int]], indirect: list[Found]) -> Found | None:
    """The claim the headline reports. The headline is the first paragraph when it is short, has
    no full stop and holds no other indirect quote."""
    if not paragraphs:
        return None
    a, b = paragraphs[0]
    line = doc.text[a:b].rstrip()
    if not line or line[-1] == "." or len(line.split()) > 25 or any(a <= q.start < b for q in indirect):
        return None
    q = _source_colon(doc, a, a + len(line)) or _source_verb(doc, a, a + len(line))
    return None if q is None or doc.in_quote(q.start) else q


def _source_colon(doc: Document, a: int, b: int) -> Found | None:
    """'Rudi Hartono: ...', 'KPU: ...', 'Ketua Komisi: ...' (the source, then a colon)."""
    colon = doc.text.find(": ", a, b)
    if colon < 0 or len(doc.text[a:colon].split()) > 4:
        return None
    cands = [c for c in doc.speakers_between(a, colon) if doc.mentions[c].end >= colon - 1]
    prefix = doc.text[a:colon]
    if not cands and prefix.split()[0] not in lexicon.titles()["head"]:
        return None  # "Dunia Hari Ini: ..." names no source
    span = content_span(doc.text, colon + 1, b)
    if span is None:
        return None
    return Found(*span, "indirect", Attribution(":", pick_speaker(doc, cands, last=True), None if cands else prefix))


def _source_verb(doc: Document, a: int, b: int) -> Found | None:
    """'X Sebut ...', 'X Desak ...': a name, then a headline's speech verb, then the claim."""
    verbs = lexicon.speech_cues()["headline"]
    for c in doc.speakers_between(a, b):
        m = doc.mentions[c]
        word = WORD.match(doc.text, m.end + 1) if doc.text[m.end:m.end + 1] == " " else None
        if word and word.group().casefold() in verbs:
            end = doc.text.find(", ", word.end(), b)
            span = content_span(doc.text, word.end(), end if end > 0 else b)
            return None if span is None else Found(*span, "indirect", Attribution(word.group(), c))
    return None

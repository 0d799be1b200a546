"""Attributions after the content or in the passive voice (convention 12):
"CONTENT, demikian keterangan tertulis X.", "Hanya dituturkan oleh X bahwa CONTENT", and after a
direct quote: '“...,” bunyi pernyataan X.'"""
from __future__ import annotations

from kg import lexicon
from kg.records import Token
from kg.segment import folded

from kg.extract.quotes.document import Attribution, Document, Found
from kg.extract.quotes.grammar import ADVERBS, after_cues, content_span
from kg.extract.quotes.speakers import describe, pick_speaker

_POSTPOSED = lexicon.speech_words("postposed")
_NOUNS = lexicon.speech_words("postposed_nouns")
_PASSIVE = lexicon.speech_words("passive_reporting")
_PLACES = lexicon.function_words("adjunct_prepositions") | lexicon.function_words("object_prepositions")
_DEMONSTRATIVES = lexicon.speaker_words("statement_demonstratives")
_SAYER_REACH = 12  # tokens between a passive verb and its "bahwa"


def postposed_quotes(doc: Document, found: list[Found]) -> list[Found]:
    """The quotes of postposed and passive attributions, in sentences with no quote found yet."""
    out = []
    for sent in doc.sentences:
        if any(sent.start <= q.start < sent.end for q in found):
            continue
        words = folded(sent.tokens)
        if _POSTPOSED.isdisjoint(words) and _PASSIVE.isdisjoint(words):
            continue  # most sentences: no cue word
        toks = list(sent.tokens)
        for k, w in enumerate(words):
            q = _demikian(doc, toks, k) if w in _POSTPOSED else _passive(doc, toks, k) if w in _PASSIVE else None
            if q is not None and not doc.in_quote(q.start):
                out.append(q)
                break
    return out


def with_postposed_sayers(doc: Document, direct: list[Found]) -> list[Found]:
    """The direct quotes, those with no speaker given one by a statement after them
    ('“...,” demikian keterangan X.', '“...,” bunyi pernyataan X.')."""
    return [q if q.who.named else q._replace(who=_statement_after(doc, q.end) or q.who) for q in direct]


def _statement_after(doc: Document, end: int) -> Attribution | None:
    toks = [t for t in doc.sentences[doc.sentence_at(end)].tokens if t.start >= end]
    i = 0
    while i < len(toks) and toks[i].text in {",", "”", "\"", "’"}:
        i += 1
    if i == len(toks) or toks[i].text.casefold() not in _POSTPOSED | _NOUNS:
        return None
    k = i
    i += 1
    while i < len(toks) and toks[i].text.casefold() in _NOUNS | _PASSIVE:
        i += 1
    if i == k + 1 and toks[k].text.casefold() in _POSTPOSED and (
            i >= len(toks) or doc.speaker_at(toks[i].start) is None):
        return None
    return _sayer(doc, toks, i, len(toks), toks[k].text)


def _demikian(doc: Document, toks: list[Token], k: int) -> Found | None:
    """'CONTENT, demikian (keterangan tertulis | kata) X (di ...).'"""
    if k < 3 or toks[k - 1].text != ",":
        return None
    i = k + 1
    while i < len(toks) and (toks[i].text.casefold() in _NOUNS | _PASSIVE or toks[i].text.casefold() in after_cues()):
        i += 1
    if i == k + 1 and (i >= len(toks) or doc.speaker_at(toks[i].start) is None):
        return None  # "..., demikian pula harga gula": no statement, no source
    who = _sayer(doc, toks, i, len(toks), toks[k].text)
    if who is None:
        return None
    span = content_span(doc.text, toks[0].start, toks[k - 1].start)
    return None if span is None else Found(*span, "indirect", who)


def _passive(doc: Document, toks: list[Token], k: int) -> Found | None:
    """'(Hanya) dituturkan (oleh) X bahwa CONTENT': a passive reporting verb, its sayer, "bahwa"."""
    bahwa = next((i for i in range(k + 1, min(len(toks), k + _SAYER_REACH)) if toks[i].text.casefold() == "bahwa"),
                 None)
    if bahwa is None or any(t.text in {",", ".", ";", ":"} for t in toks[k + 1:bahwa]):
        return None
    a = k + 2 if toks[k + 1].text.casefold() == "oleh" else k + 1
    who = _sayer(doc, toks, a, bahwa, toks[k].text)
    if who is None or bahwa + 1 >= len(toks):
        return None
    span = content_span(doc.text, toks[bahwa + 1].start, toks[-1].end)
    return None if span is None else Found(*span, "indirect", who)


def _sayer(doc: Document, toks: list[Token], a: int, b: int, cue: str) -> Attribution | None:
    """Who toks[a:b] names: a speaker named there, else its description up to a place or
    occasion ("kelompok tersebut di situs webnya" → "kelompok tersebut"); None when it names no one."""
    while a < b and toks[a].text.casefold() in ADVERBS:
        a += 1  # "Disebutkan juga bahwa ...": no sayer
    if a < b and toks[a].text.casefold() in _DEMONSTRATIVES:
        return None  # "bunyi pernyataan itu": the statement named before, not a sayer
    end = next((i for i in range(a, b) if toks[i].text.casefold() in _PLACES or toks[i].text in {",", ".", ";"}), b)
    if end <= a:
        return None
    cands = doc.speakers_between(toks[a].start, toks[end - 1].end)
    if cands:
        return Attribution(cue, pick_speaker(doc, cands, last=False))
    desc = describe(doc.text[toks[a].start:toks[end - 1].end])
    return Attribution(cue, None, desc) if desc else None

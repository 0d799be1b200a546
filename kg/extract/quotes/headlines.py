"""A headline that reports a claim: "X: CLAIM", "X Sebut CLAIM", "Tekad X CLAIM" (convention 9).

A headline is read one comma piece at a time ("Menteri Tunda Rapat, Dewan Kota: CLAIM"), and a
piece may go on with the subject of the one before ("X Kecam A, Wanti-wanti B"). A source named
only by its role ("Gubernur Usulkan ...", "Kanselir Arvania: ...") is the person the body names
with that role; a section sub-headline of a round-up ("- Kanselir Arvania: ...") is read the same way.
"""
from __future__ import annotations

import re

from kg import lexicon

from kg.extract.quotes.document import Attribution, Document, Found
from kg.extract.quotes.grammar import content_span
from kg.extract.quotes.speakers import pick_speaker

_HEADWORD = re.compile(r"\w+(?:-\w+)*")
_PIECE = re.compile(r"(?:[^,]|,(?! ))+")  # a comma piece ("Rp 2,7 Triliun" is one)
_SUBHEAD = re.compile(r"[-–—•] (?=\w)")  # "- Kanselir Arvania: ..." inside a round-up
_ROLE_REACH = 80  # characters between a role word in the body and the name it introduces
_JOINED = lexicon.function_words("joiners") | lexicon.speech_words("headline_pairs")
_PREPOSITIONS = lexicon.function_words("object_prepositions")
_LEAD_REACH = 400  # characters of the lead paragraph after a headline
# a word of the sentence, or its end, between a title and a name
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]|[.!?]")


def headline_quotes(doc: Document, paragraphs: list[tuple[int, int]], indirect: list[Found]) -> list[Found]:
    """The indirect quotes with the headline's claim: the headline is the first paragraph when it
    is short, has no full stop and holds no other indirect quote, except one read off a headline
    verb as if it were "kata" ("A, Sebut B" is no "A, kata B"), which is dropped."""
    if not paragraphs:
        return indirect
    a, b = paragraphs[0]
    verbs = lexicon.speech_cues()["headline"]
    misread = [q for q in indirect if a <= q.start < b and q.who.cue and q.who.cue[:1].isupper()
               and q.who.cue.casefold() in verbs]
    rest = [q for q in indirect if q not in misread]
    claim = _line_quote(doc, a, b, rest)
    return rest if claim is None else [claim, *rest]


def subheadline_quotes(doc: Document, paragraphs: list[tuple[int, int]], indirect: list[Found]) -> list[Found]:
    """The claims of a round-up's section sub-headlines: a short body line opened by a dash."""
    out = []
    for a, b in paragraphs[1:]:
        m = _SUBHEAD.match(doc.text, a)
        if m and (q := _line_quote(doc, m.end(), b, indirect)) is not None:
            out.append(q)
    return out


def _line_quote(doc: Document, a: int, b: int, indirect: list[Found]) -> Found | None:
    line = doc.text[a:b].rstrip()
    if not line or line[-1] == "." or len(line.split()) > 25 or any(a <= q.start < b for q in indirect):
        return None
    end = a + len(line)
    q = _source_colon(doc, a, end) or _source_verb(doc, a, end) or _source_colon(doc, a, end, long_lead=True)
    return None if q is None or doc.in_quote(q.start) else q


def _source_colon(doc: Document, a: int, b: int, long_lead: bool = False) -> Found | None:
    """'Rudi Hartono: ...', 'KPU: ...', 'Ketua Komisi: ...', '..., Dewan Kota: ...' (the source, then
    a colon); a longer lead before the colon counts when a person opens it ('X Terima Kasih ke Y: ...')."""
    colon = doc.text.find(": ", a, b)
    if colon < 0:
        return None
    comma = doc.text.rfind(", ", a, colon)
    piece = comma + 2 if comma >= 0 else a
    prefix = doc.text[piece:colon]
    cands = [c for c in doc.speakers_between(piece, colon) if doc.mentions[c].end >= colon - 1]
    speaker, desc = (pick_speaker(doc, cands, last=True), None) if cands else (None, None)
    if (actor := _actor(doc, piece, colon)) is not None:
        speaker, desc = actor, None  # "X Peringatkan Y: ..." is X's
    elif _role_word(prefix) and (holder := _role_holder(doc, prefix, b, doc.text[colon:b])) is not None:
        speaker, desc = holder, None  # "Kanselir Arvania: ..." is the chancellor's, not Arvania's
    if len(prefix.split()) > 4 and actor is None:
        if not long_lead:
            return None
        lead = doc.speaker_at(piece)
        if lead is None or doc.mentions[lead].type != "PERSON" or _joined(doc, doc.mentions[lead].end):
            return None  # ("X dan Ekonomi Kita: Sebuah Catatan" is a title, not X's claim)
        speaker, desc = lead, None
    elif speaker is None and (lead := _addressing(doc, piece, colon)) is not None:
        speaker = lead  # "Purbaya ke Kepala Daerah: ...", "Budi soal Banjir: ..."
    elif speaker is None:
        if not _role_word(prefix):
            return None  # "Dunia Hari Ini: ..." names no source
        speaker, desc = _role_holder(doc, prefix, b, doc.text[colon:b]), prefix
    span = content_span(doc.text, colon + 1, b)
    if span is None:
        return None
    return Found(*span, "indirect", Attribution(":", speaker, None if speaker is not None else desc))


def _source_verb(doc: Document, a: int, b: int) -> Found | None:
    """'X Sebut ...', 'Gubernur Usulkan ...', 'X Kecam A, Wanti-wanti B', 'Tekad X ...': a source,
    then a headline's speech verb (or a speech noun, then the source), then the claim."""
    verbs, nouns = lexicon.speech_cues()["headline"], lexicon.speech_words("headline_noun")
    last = None  # the subject of the piece before
    for piece in _PIECE.finditer(doc.text, a, b):
        p, e = piece.start() + (len(piece.group()) - len(piece.group().lstrip())), piece.end()
        words = list(_HEADWORD.finditer(doc.text, p, e))
        s = doc.speaker_at(words[1].start()) if len(words) > 1 and words[0].group().casefold() in nouns else None
        if s is not None:
            return _claim(doc, doc.mentions[s].end, e, Attribution(words[0].group(), s))
        for n, word in enumerate(words):
            if word.group().casefold() not in verbs or n == len(words) - 1:
                continue
            subj = doc.text[p:word.start()].strip()
            cands = [c for c in doc.speakers_between(p, word.start()) if doc.mentions[c].end >= word.start() - 1
                     and not _after_preposition(doc, doc.mentions[c].start, p)]
            if cands:
                who = Attribution(word.group(), pick_speaker(doc, cands, last=True))
            elif not subj and last is not None:
                who = last._replace(cue=word.group())
            elif subj and len(subj.split()) <= 4 and _role_word(subj):
                holder = _role_holder(doc, subj, b, doc.text[word.end():e])
                who = Attribution(word.group(), holder, None if holder is not None else subj)
            else:
                continue
            return _claim(doc, word.end(), e, who)
        cands = [c for c in doc.speakers_between(p, e) if doc.mentions[c].start == p]
        last = Attribution(None, cands[0]) if cands else None
    return None


def _actor(doc: Document, a: int, b: int) -> int | None:
    """The source of a headline verb addressing a named party just before the colon at b
    ("X Peringatkan Y: ..."), or None ("X Ungkap Alasan A: B" is the verb's claim, all of it)."""
    verbs = lexicon.speech_cues()["headline"]
    for word in _HEADWORD.finditer(doc.text, a, b):
        if word.group().casefold() in verbs:
            addressed = doc.speakers_between(word.end() + 1, b)
            if not addressed or doc.mentions[addressed[0]].start != word.end() + 1:
                return None
            cands = [c for c in doc.speakers_between(a, word.start()) if doc.mentions[c].end >= word.start() - 1]
            return pick_speaker(doc, cands, last=True) if cands else None
    return None


def _after_preposition(doc: Document, start: int, a: int) -> bool:
    """Does a preposition stand right before the name at `start` ("Demo di Gedung Putih Minta ...")?"""
    words = doc.text[a:start].split()
    return bool(words) and words[-1].casefold() in _PREPOSITIONS


def _joined(doc: Document, end: int) -> bool:
    """Is the name ending at `end` joined to what follows ("X dan Y", "X vs Y")?"""
    word = _HEADWORD.match(doc.text, end + 1)
    return word is not None and word.group().casefold() in _JOINED


def _addressing(doc: Document, a: int, b: int) -> int | None:
    """The source opening [a, b) when a topic or addressee word follows it ("X soal Y", "X ke Y")."""
    lead = doc.speaker_at(a)
    if lead is None or doc.mentions[lead].start != a:
        return None
    word = _HEADWORD.match(doc.text, doc.mentions[lead].end + 1)
    topic = word is not None and word.end() < b and word.group().casefold() in lexicon.speech_words("headline_topic")
    return lead if topic else None


def _claim(doc: Document, a: int, b: int, who: Attribution) -> Found | None:
    span = content_span(doc.text, a, b)
    return None if span is None else Found(*span, "indirect", who)


def _role_word(prefix: str) -> bool:
    """Does the prefix open with a title or role ("Gubernur NTT", "Juru Bicara Istana")?"""
    heads = lexicon.titles()["head"]
    words = prefix.split()
    return any(" ".join(words[:n]) in heads for n in range(1, min(4, len(words)) + 1))


def _role_holder(doc: Document, role: str, after: int, claim: str) -> int | None:
    """The person the body names with the role's title: a mention whose role holds the title
    word, else the first person named right after that word; in the body after the line, then
    before it (a round-up's sub-headline may close its story); else the first person of the
    lead ("Wamen" for "Wakil Menteri ... Diaz"). Never a person the claim itself names
    ("Mensos Sebut Prabowo ...")."""
    head = role.split()[0]
    named = [i for i, m in enumerate(doc.mentions) if m.type == "PERSON" and m.text.split()[-1] not in claim]
    for a in (after, 0):
        holder = _titled(doc, head, a, named)
        if holder is not None:
            return holder
    lead = [c for c in named if after <= doc.mentions[c].start < after + _LEAD_REACH]
    return lead[0] if lead else None  # the lead names the headline's actor first, most often


def _titled(doc: Document, head: str, a: int, persons: list[int]) -> int | None:
    """The first of the persons from offset a on with the title word `head` in their role or right
    before their name (only the title's words between: "Gubernur Nusa Tenggara Timur (NTT) X")."""
    later = [i for i in persons if doc.mentions[i].start >= a]
    for i in later:
        if doc.mentions[i].role and head.casefold() in doc.mentions[i].role.casefold():
            return i
    for found in re.finditer(rf"\b{re.escape(head)}", doc.text[a:]):
        pos = a + found.end()
        nearby = [c for c in later if pos <= doc.mentions[c].start < pos + _ROLE_REACH
                  and not _LOWER_WORD.search(doc.text, pos, doc.mentions[c].start)]  # the title goes on to the name
        if nearby:
            return nearby[0]
    return None

"""Who said it: the one place that decides a quote's speaker.

Each function returns what it found (an Attribution, a mention index, a description) and
changes nothing. A speaker comes from a cue right after a quote ("..., kata X", "ujarnya"),
from a speech verb before it ("X mengatakan: ..."), from the subject of a reporting clause,
or from a passive attribution after it ("Hal itu disampaikan X"). Pronouns and -nya clitics
resolve to the most recent sentence subject or speaker.
"""
from __future__ import annotations

import re

from kg import lexicon
from kg.records import Token

from kg.extract.quotes.document import REFER_BACK, Attribution, Document, Found
from kg.extract.quotes.grammar import (ADVERBS, CLAUSE, SUBORDINATORS, VERB_SHAPE, after_cues, alternation,
                                       clause_start, is_verb)
from kg.extract.quotes.referents import (is_org_anaphor, is_title_head, org_antecedent, resolve_pronoun,
                                         role_holder, role_words)

__all__ = ["addressee", "cue_after", "object_of", "passive_after", "pick_speaker", "resolve_pronoun", "subject", "verb_before"]

_words = lexicon.function_words
_DESCRIPTORS = lexicon.speaker_words("descriptors")
_SIDES = lexicon.speaker_words("sides")
_FIRST_PERSON = lexicon.pronoun_words("first_person")
_SETTING = _words("setting")
_SUMMING = _words("summing")
_DEMONSTRATIVES = _words("demonstratives")
_NEW_CLAUSE = CLAUSE - {","}  # a clause with no subject of its own starts after these
_MANNER = _words("manner")  # "..., dengan mengatakan": the verb is the main clause's
_JOINT = lexicon.speaker_words("joint")
_IN_ROLE = lexicon.speaker_words("in_role")
_INDEFINITE = lexicon.speaker_words("indefinite")
_FRONTED = _words("fronted")
_PHRASE_BOUNDS = CLAUSE | {".", "!", "?", ":", "bahwa", "”", "\""}
_SHORT_CUES = lexicon.speech_cues()["after"]


# "Hal itu disampaikan (oleh) X": a statement noun, a demonstrative, a passive verb
_PASSIVE = re.compile(rf"(?:{alternation(lexicon.speaker_words('statements'))})\s+"
                      rf"(?:{alternation(lexicon.speaker_words('statement_demonstratives'))})\s+"
                      r"(?:di\w+kan|di\w+)\b(?:\s+oleh)?", re.IGNORECASE)


def pick_speaker(doc: Document, idxs: list[int], last: bool) -> int | None:
    """The first (or last) person among the candidates, else the first candidate."""
    persons = [i for i in idxs if doc.mentions[i].type == "PERSON"]
    if persons:
        return persons[-1] if last else persons[0]
    return idxs[0] if idxs else None


def addressee(doc: Document, toks: list[Token]) -> int | None:
    """Who was spoken to: the mention after "kepada" before the clause breaks."""
    for k, t in enumerate(toks[:-1]):
        if t.text.casefold() == "kepada":
            return doc.speaker_at(toks[k + 1].start)
        if t.text in {".", ",", "“", "\""}:
            return None
    return None


def describe(s: str) -> str | None:
    """A speaker's description from its words, or None when empty or too long to be one."""
    s = s.strip(" ,.")
    return s if s and len(s.split()) <= 12 else None


# -- a cue after the quote -----------------------------------------------------

def cue_after(doc: Document, start: int, end: int, earlier: list[Found], skip_quoted: bool) -> Attribution | None:
    """'"...," kata X' / 'ujarnya' / 'ia menambahkan' / 'X menambahkan' after the quote that
    spans start..end; None when no cue follows (a cue may still name nobody)."""
    close = end
    while close < len(doc.text) and doc.text[close] in ",.!? ”\"’":
        close += 1
    toks = _tokens_after(doc, close, 16)
    if not toks or toks[0].start - end > 4:
        return None
    if toks[0].text.casefold() in _SUMMING and len(toks) > 1:  # '"...," demikian kata X'
        toks = toks[1:]
    first = toks[0].text.casefold()
    if first in after_cues() or (is_verb(first) and len(toks) > 1):
        return _short_cue(doc, start, close, toks, earlier, skip_quoted)
    if first in REFER_BACK and len(toks) > 1 and (is_verb(toks[1].text) or toks[1].text.casefold() in after_cues()):
        return Attribution(toks[1].text, resolve_pronoun(doc, start, earlier, skip_quoted))
    m = doc.speaker_at(toks[0].start)
    if m is not None:
        after = [t for t in toks if t.start >= doc.mentions[m].end]
        if after and is_verb(after[0].text):
            return Attribution(after[0].text, m)
    return None


def _short_cue(doc: Document, start: int, close: int, toks: list[Token], earlier: list[Found],
               skip_quoted: bool) -> Attribution:
    """The speaker after a cue at toks[0]: "kata Budi", "ujarnya", "kata seorang pejabat"."""
    cue, first = toks[0].text, toks[0].text.casefold()
    if first.endswith("nya") and first not in _SHORT_CUES:
        prev = _continued(doc, start, earlier, skip_quoted)
        if prev is not None:  # '“A,” kata Ketua Dewan X. “B,” sambungnya': the same source
            return Attribution(cue, prev.speaker, prev.speaker_desc, addressee(doc, toks[1:]))
        return Attribution(cue, resolve_pronoun(doc, start, earlier, skip_quoted), None, addressee(doc, toks[1:]))
    rest = toks[1:]
    end = min(_clause_end(rest), _setting_start(rest))
    cands = doc.speakers_between(rest[0].start if rest else close, end)
    cands = [c for c in cands if _word_before(doc, c, rest).casefold() != "kepada"]
    if not any(doc.mentions[c].type == "PERSON" for c in cands) or _relative_of(doc, cands, rest):
        cands = _appositive(doc, rest, end) + cands  # "kata Direktur Lembaga X, Budi Santoso"
    speaker, desc = pick_speaker(doc, cands, last=False), None
    role = role_words([t for t in rest if t.start < end])
    holder = role_holder(doc, role, start) if role and not _has_person(doc, cands) else None
    if holder is not None:
        speaker = holder  # "kata Kasi Intel" after "Kasi Intel Kejaksaan X Budi" was named
    elif _role_of_known(doc, cands, rest, end):
        speaker = resolve_pronoun(doc, start, earlier, skip_quoted)
        if speaker is None:
            desc = describe(doc.text[rest[0].start:end])
    elif speaker is None and rest:
        # "kata dalam konferensi pers ...": the speaker left out, as with a pronoun
        pronoun = rest[0].text.casefold() in REFER_BACK | _SETTING
        desc = None if pronoun else describe(doc.text[rest[0].start:end])
        if pronoun or _anaphoric(desc) or _anaphoric_relative(doc.text[rest[0].start:_clause_end(rest)]):
            speaker, desc = resolve_pronoun(doc, start, earlier, skip_quoted), None
    return Attribution(cue, speaker, desc, addressee(doc, rest))


def _anaphoric_relative(phrase: str) -> bool:
    """'ujar wanita yang tinggal di X itu': a noun, its relative clause and a demonstrative point
    back at a person already named (not 'seorang pejabat yang ...': an indefinite one is new)."""
    words = phrase.casefold().split()
    return "yang" in words[1:] and words[0] not in _DESCRIPTORS and _anaphoric(describe(phrase))


def _continued(doc: Document, start: int, earlier: list[Found], skip_quoted: bool) -> Attribution | None:
    """The attribution of the direct quote just before `start` when no one was named since and it
    is no person's (an organization or a description: a pronoun would skip past them)."""
    prev = max((q for q in earlier if q.end <= start), key=lambda q: q.start, default=None)
    if prev is None or prev.kind != "direct" or not prev.who.named or \
            doc.sentence_at(start) - doc.sentence_at(prev.end) > 2:
        return None
    if prev.speaker is not None and doc.mentions[prev.speaker].type == "PERSON":
        return None  # a pronoun finds a person speaker anyway
    subjects = doc.subjects(skip_quoted)
    if any(prev.end <= pos < start for pos, _ in subjects):
        return None  # someone was named in between
    return prev.who


def _has_person(doc: Document, cands: list[int]) -> bool:
    return any(doc.mentions[c].type == "PERSON" for c in cands)


def _tokens_after(doc: Document, pos: int, n: int) -> list[Token]:
    si = doc.sentence_at(pos)
    toks = [t for s in doc.sentences[si:si + 2] for t in s.tokens if t.start >= pos]
    return toks[:n]


def _clause_end(toks: list[Token]) -> int:
    for k, t in enumerate(toks):
        if t.text in {".", "!", "?", ";", "“", "\""} or (t.text == "," and k > 0):
            return t.start
    return toks[-1].end if toks else 0


def _setting_start(toks: list[Token]) -> int:
    """Where "kata X di Jakarta" turns to where or how it was said: the speaker is named before."""
    for t in toks[1:]:
        if t.text.casefold() in _SETTING:
            return t.start
    return toks[-1].end if toks else 0


def _word_before(doc: Document, c: int, toks: list[Token]) -> str:
    """The last of toks before mention c, or ""."""
    prev = [t for t in toks if t.end <= doc.mentions[c].start]
    return prev[-1].text if prev else ""


def _relative_of(doc: Document, cands: list[int], toks: list[Token]) -> bool:
    """'kata pengacara X, Y' / 'kata istri X, Y' / 'kata Direktur X, Y': the first "person" is
    named after a lower-case relation noun or a title (an organization read as a person), so the
    name after the comma is the one who spoke."""
    persons = [c for c in cands if doc.mentions[c].type == "PERSON"]
    if not persons:
        return False
    prev = _word_before(doc, persons[0], toks)
    return prev.isalpha() and (prev.islower() or is_title_head(prev) or doc.mentions[persons[0]].role is not None)


def _appositive(doc: Document, toks: list[Token], end: int) -> list[int]:
    """A person named after the comma that ends a role: '..., kata Kepala Dinas X, (Kompol) Budi'."""
    after = [t for t in toks if t.start > end][:3]
    if not after or doc.text[end:end + 1] != ",":
        return []
    for t in after:
        m = doc.mention_at(t.start)
        if m is not None and doc.mentions[m].type == "PERSON" and doc.mentions[m].start == t.start:
            return [m]
        if not t.text[:1].isupper():
            return []
    return []


def _anaphoric(desc: str | None) -> bool:
    """A description that points back at a person already named: "pemain asal Brasil itu", "sang menteri"
    (not "seorang pejabat dewan itu": an indefinite one is new, "itu" points at the council)."""
    words = (desc or "").casefold().split()
    return len(words) >= 2 and words[0] not in _INDEFINITE and (words[-1] in _DEMONSTRATIVES or words[0] == "sang")


def _role_of_known(doc: Document, cands: list[int], rest: list[Token], end: int) -> bool:
    """'kata Doktor Ilmu Politik Universitas X tersebut': a role naming only an organization and
    ending in a demonstrative points back at a person already named, not at the organization."""
    if not rest or not cands or any(doc.mentions[c].type == "PERSON" for c in cands):
        return False
    return all(doc.mentions[c].start > rest[0].start for c in cands) and \
        _anaphoric(describe(doc.text[rest[0].start:end]))


# -- a verb before the quote, and the subject of a speech verb --------------------

def verb_before(doc: Document, start: int, earlier: list[Found]) -> Attribution | None:
    """'X mengatakan (kepada Y) (bahwa) “...”' within the sentence of the quote at start: the
    verb, its subject and addressee; None when there is no speech verb (its subject may be unknown)."""
    sent = doc.sentences[doc.sentence_at(start)]
    toks = [t for t in sent.tokens if t.end <= start - 1]
    for k in range(len(toks) - 1, -1, -1):
        w = toks[k].text
        if is_verb(w) or (w.casefold() in after_cues() and k == 0):
            if doc.in_quote(toks[k].start):
                continue
            speaker, desc = subject(doc, sent.start, toks, k, earlier, skip_quoted=True)
            return Attribution(w, speaker, desc, addressee(doc, toks[k + 1:]))
    return None


def object_of(doc: Document, start: int) -> int | None:
    """'X menuntut “...” dari Y': a quote right after a verb is its object, and the verb's named
    subject said it; None when no verb, or no name, stands right before."""
    sent = doc.sentences[doc.sentence_at(start)]
    toks = [t for t in sent.tokens if t.end <= start - 1]
    if len(toks) < 2 or not VERB_SHAPE.match(toks[-1].text) or doc.in_quote(toks[-1].start):
        return None
    b = len(toks) - 2
    while b > 0 and toks[b].text.casefold() in ADVERBS:
        b -= 1
    return doc.speaker_at(toks[b].start)


def subject(doc: Document, start: int, toks: list[Token], k: int, earlier: list[Found],
            skip_quoted: bool) -> tuple[int | None, str | None]:
    """(speaker, description) of a verb at toks[k]: the nearest subject before it in its clause,
    which starts at `start` at the earliest."""
    first_m = doc.mention_at(toks[0].start) if toks else None
    if first_m is not None:  # a dateline is no part of the subject: "Outlet.com, Place - Polisi mengatakan"
        start = max(start, doc.dateline_end(doc.mentions[first_m]) or start)
    for t in reversed(toks[:k]):
        if t.text.casefold() in {"bahwa", ";"}:
            start = t.end
            break
    cands = [c for c in doc.speakers_between(start, toks[k].start)
             if not (skip_quoted and doc.in_quote(doc.mentions[c].start))]
    clause = [t for t in toks[:k] if t.start >= start]
    first = clause[0].text.casefold() if clause else ""
    b = k - 1
    while b >= 0 and toks[b].text.casefold() in ADVERBS:
        b -= 1
    before = toks[b].text.casefold() if b >= 0 else ""
    if _refers_back(toks, k, b, before):
        return resolve_pronoun(doc, toks[k].start, earlier, skip_quoted), None
    if before in _MANNER and (main := _main_subject(doc, toks, cands, k)) is not None:
        return main, None
    if before in _NEW_CLAUSE | _MANNER or (before == "," and b > 0 and
                                           doc.mention_at(toks[_before_aside(toks, b - 1)].start) is None):
        # no subject of its own ("..., tetapi mengatakan", "dan mengatakan"): the subject of
        # the last predicate before it, else the last speaker
        return _previous_subject(doc, toks, b, earlier, skip_quoted), None
    if before in _FRONTED and b == clause_start(toks, b):
        # "Meskipun mengaku ..., Anggota DPR itu menilai ...": the subject of the main clause after
        return _main_clause_after(doc, toks, k, earlier, skip_quoted), None
    if first in _SIDES and len(clause) <= 4 and cands:
        return cands[-1], None  # "Pihak KONI menyatakan": the organization itself
    persons = _outside_role(doc, clause, [c for c in cands if doc.mentions[c].type == "PERSON"])
    if not persons and b >= 0:
        found = _referent(doc, toks[_phrase_start(toks, start, b):b + 1], toks[k].start, earlier, skip_quoted)
        if found is not None:
            return found, None
    if first in _DESCRIPTORS and not persons:
        return None, _description(doc, toks, clause, b) if clause else None
    speaker = _first_joint(doc, persons) if persons else pick_speaker(doc, cands, last=True)
    if speaker is None and clause:
        return None, _description(doc, toks, clause, b)
    return speaker, None


def _before_aside(toks: list[Token], i: int) -> int:
    """The token before a bracketed aside that ends at toks[i] ("Budi Santoso (68),"), else i."""
    if toks[i].text != ")":
        return i
    j = next((j for j in range(i - 1, max(-1, i - 8), -1) if toks[j].text == "("), None)
    return j - 1 if j else i


def _main_subject(doc: Document, toks: list[Token], cands: list[int], k: int) -> int | None:
    """The subject of the clause's first predicate: "A menolak tawaran B ..., dengan mengatakan"
    is A's. A person wins in it ("Presiden Negara X Budi"); None when no name stands before it."""
    first = next((t for t in toks[:k] if VERB_SHAPE.match(t.text)), None)
    subj = [c for c in cands if first is not None and doc.mentions[c].end <= first.start]
    persons = [c for c in subj if doc.mentions[c].type == "PERSON"]
    return _first_joint(doc, persons) if persons else subj[0] if subj else None


def _main_clause_after(doc: Document, toks: list[Token], k: int, earlier: list[Found],
                       skip_quoted: bool) -> int | None:
    """The subject of the main clause after a fronted subordinate one ending at the next comma:
    a name, a role or pronoun standing for one; else the last speaker."""
    comma = next((i for i in range(k + 1, len(toks)) if toks[i].text == ","), None)
    if comma is not None and comma + 1 < len(toks):
        m = doc.speaker_at(toks[comma + 1].start)
        end = next((i for i in range(comma + 1, min(len(toks), comma + 12)) if VERB_SHAPE.match(toks[i].text)), None)
        if m is None and end is not None:
            m = _referent(doc, toks[comma + 1:end], toks[end].start, earlier, skip_quoted)
        if m is not None:
            return m
    return resolve_pronoun(doc, toks[k].start, earlier, skip_quoted)


def _description(doc: Document, toks: list[Token], clause: list[Token], b: int) -> str | None:
    """The described subject ending at toks[b], without what frames the clause before a comma
    ("Namun, para kritikus", "Di Times Square, seorang petugas") or adverbs before the verb; None
    when the whole clause is too long to be a description (then it is no subject at all)."""
    whole = describe(doc.text[clause[0].start:clause[-1].end])
    if whole is None or b < 0:
        return whole
    a = b
    while a > 0 and toks[a - 1].start >= clause[0].start and toks[a - 1].text not in {",", ";", ":"}:
        a -= 1
    return describe(doc.text[toks[a].start:toks[b].end]) or whole


def _referent(doc: Document, phrase: list[Token], pos: int, earlier: list[Found], skip_quoted: bool) -> int | None:
    """Who a subject that names no person stands for: the organization that spoke last for
    "Perusahaan"/"Mereka", the person named with that role for "Presiden", the last speaker for a
    role ending in a demonstrative ("Ketua partai itu"); None when it is none of these."""
    if not phrase or doc.in_quote(phrase[0].start):
        return None
    if is_org_anaphor(phrase):
        return org_antecedent(doc, pos, earlier)
    words = role_words(phrase)
    if words is None:
        return None
    holder = role_holder(doc, words, phrase[0].start)
    if holder is None and phrase[-1].text.casefold() in _DEMONSTRATIVES:
        holder = resolve_pronoun(doc, phrase[0].start, earlier, skip_quoted)
    return holder


def _outside_role(doc: Document, clause: list[Token], persons: list[int]) -> list[int]:
    """The persons of a subject but those inside the role of one named before ("X selaku pemilik
    dealer Y", "X sebagai Direktur Y")."""
    word = next((t for t in clause if t.text.casefold() in _IN_ROLE), None)
    before = [c for c in persons if word is not None and doc.mentions[c].end <= word.start]
    return before or persons


def _phrase_start(toks: list[Token], start: int, b: int) -> int:
    """Index of the first token of the subject phrase ending at toks[b]: after the last clause
    bound ("Kendati demikian, Presiden menegaskan"), never before `start`."""
    while b > 0 and toks[b - 1].start >= start and toks[b - 1].text.casefold() not in _PHRASE_BOUNDS:
        b -= 1
    return b


def _first_joint(doc: Document, persons: list[int]) -> int:
    """The last person of the subject, or the first of joint speakers ("A dan B", "A, B, dan C"
    mendesak: convention 18)."""
    i, joined = len(persons) - 1, False
    while i > 0:
        gap = doc.text[doc.mentions[persons[i - 1]].end:doc.mentions[persons[i]].start]
        between = gap.replace(",", " ").split()
        if between and between[0].casefold() in _JOINT and all(w[:1].isupper() for w in between[1:]):
            joined = True  # "A dan (Menteri) B", "A, B, dan C"
        elif between or not joined or "," not in gap:
            break  # "A, B, dan C": commas join only a list that ends in "dan"
        i -= 1
    return persons[i]


def _refers_back(toks: list[Token], k: int, b: int, before: str) -> bool:
    """Is the verb's subject a pronoun ("ia mengatakan"), or a first person in narration
    ("Saya berharap ...": the current speaker, quotation marks lost)?"""
    prev = toks[k - 1].text.casefold() if k else ""
    return prev in REFER_BACK or before in REFER_BACK or (before in _FIRST_PERSON and b == clause_start(toks, b))


def _previous_subject(doc: Document, toks: list[Token], b: int, earlier: list[Found], skip_quoted: bool) -> int | None:
    """The subject of the last predicate before toks[b], else the last speaker."""
    for i in range(b - 1, -1, -1):
        if not VERB_SHAPE.match(toks[i].text) or (skip_quoted and doc.in_quote(toks[i].start)):
            continue
        j = i - 1
        while j >= 0 and toks[j].text.casefold() in ADVERBS:
            j -= 1
        if j < 0:
            break
        if toks[j].text.casefold() == "yang" and j > 0:  # "..., Rudi Hartono, yang mengatakan"
            j -= 1 + (toks[j - 1].text == "," and j > 1)
        if toks[j].text.casefold() in REFER_BACK:
            return resolve_pronoun(doc, toks[j].start, earlier, skip_quoted)
        m = doc.speaker_at(toks[j].start)
        if m is not None:
            first = next(t for t in range(j, -1, -1) if t == 0 or toks[t - 1].start < doc.mentions[m].start)
            if first > 0 and toks[first - 1].text.casefold() in SUBORDINATORS:
                continue  # the subject of a subordinate clause ("jika Rusia memilihnya")
            return m
        found = _referent(doc, toks[_phrase_start(toks, 0, j):j + 1], toks[i].start, earlier, skip_quoted)
        if found is not None:
            return found  # "Perusahaan mengaitkan ..., dan mengatakan"
    return resolve_pronoun(doc, toks[b].start if b >= 0 else 0, earlier, skip_quoted)


def passive_after(doc: Document, end: int) -> Attribution | None:
    """'Hal itu disampaikan (oleh) Menteri X di Jakarta.' in the sentence after a quote ending at
    end: the cue and speaker it names (a cue only with a speaker); None when there is none."""
    si = doc.sentence_at(end)
    for sent in doc.sentences[si:si + 2]:
        if sent.start < end:
            continue
        m = _PASSIVE.match(doc.text, sent.start, sent.end)
        if not m:
            return None
        speaker = pick_speaker(doc, doc.speakers_between(m.end(), sent.end), last=False)
        return Attribution(m.group().split()[-1] if speaker is not None else None, speaker)
    return None

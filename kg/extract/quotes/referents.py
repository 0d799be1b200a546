"""Who a subject that names nobody points back at: a pronoun or clitic ("ia", "ujarnya"), a role
("Presiden mengatakan" after "Presiden Arvania Tomas Lind"), a role ending in a demonstrative
("Ketua partai itu"), a generic organization noun ("Perusahaan menyatakan", "Mereka ...").

Each function returns a mention index or None, and changes nothing.
"""
from __future__ import annotations

import bisect

from kg import lexicon
from kg.records import Mention, Token

from kg.extract.quotes.document import CASE_CHANGE, WORD, Document, Found
from kg.extract.quotes.grammar import after_cues, is_verb

_DEMONSTRATIVES = lexicon.function_words("demonstratives")
_ORG_ANAPHORS = lexicon.speaker_words("org_anaphors")
_ORG_TYPES = {"ORGANIZATION", "COUNTRY"}


def resolve_pronoun(doc: Document, pos: int, earlier: list[Found], skip_quoted: bool) -> int | None:
    """The most recent named speaker or sentence subject before `pos`."""
    best, best_pos = None, -1
    for q in earlier[-50:]:  # recent quotes are enough, and keep this cheap on huge inputs
        if q.speaker is not None and best_pos < q.start < pos and doc.mentions[q.speaker].type == "PERSON":
            best, best_pos = q.speaker, q.start
    subjects = doc.subjects(skip_quoted)
    i = bisect.bisect_right(subjects, (pos, -1)) - 1
    while i >= 0 and doc.mentions[subjects[i][1]].end > pos:
        i -= 1
    if i >= 0 and subjects[i][0] > best_pos:
        best = subjects[i][1]
    return best


def _title_heads() -> tuple[frozenset[str], frozenset[str]]:
    heads = {h.casefold() for h in lexicon.titles()["head"]}
    return frozenset(h for h in heads if " " not in h), frozenset(h for h in heads if " " in h)


_HEADS, _TWO_WORD_HEADS = _title_heads()


def is_title_head(word: str) -> bool:
    """Does the word open a role ("Direktur", "Presiden")?"""
    return word.casefold() in _HEADS


def role_words(toks: list[Token]) -> list[str] | None:
    """The casefolded words of a subject that is only a role ("Presiden", "Kasi Intel", "sang
    menteri", "Ketua partai itu"), its demonstrative dropped; None when it does not open with a
    title head."""
    words = [t.text.casefold() for t in toks]
    if words[:1] == ["sang"]:
        words = words[1:]
    while words and words[-1] in _DEMONSTRATIVES:
        words = words[:-1]
    if not words or len(words) > 10:
        return None
    if words[0] in _HEADS or " ".join(words[:2]) in _TWO_WORD_HEADS:
        return words
    return None


def role_holder(doc: Document, words: list[str], pos: int) -> int | None:
    """The person named last before pos whose role starts with the role `words` ("Presiden" is
    "Presiden Arvania", "Kasi Intel" is "Kasi Intel Kejaksaan Negeri X", "Menlu" is "Menteri Luar
    Negeri X"; "Ketua Dewan X" is not "Ketua")."""
    spelt = _spelt_out(words)
    for m in range(doc.last_mention_before(pos), -1, -1):
        mention = doc.mentions[m]
        if mention.type != "PERSON" or not mention.role:
            continue
        if _spelt_out(CASE_CHANGE.sub(" ", mention.role).casefold().split())[:len(spelt)] == spelt:
            return m
    return None


def _spelt_out(words: list[str]) -> list[str]:
    """Casefolded role words with short titles spelt out ("menlu" → "menteri luar negeri")."""
    short = lexicon.title_abbreviations()
    out: list[str] = []
    for w in words:
        for _ in range(3):  # "kasintel" → "kasi intel" → "kepala seksi intelijen"
            if w not in short and " " not in w:
                break
            w = " ".join(short.get(p, p) for p in w.split())
        out.extend(w.split())
    return out


def is_org_anaphor(toks: list[Token]) -> bool:
    """Is the subject a generic noun for an organization ("Perusahaan", "Lembaga itu", "Mereka")?"""
    words = [t.text.casefold() for t in toks]
    while words and words[-1] in _DEMONSTRATIVES:
        words = words[:-1]
    return len(words) == 1 and words[0] in _ORG_ANAPHORS


def org_antecedent(doc: Document, pos: int, earlier: list[Found]) -> int | None:
    """The organization or country that spoke last, in this sentence or the one before: the speaker
    of an earlier quote, a name after "kata" or "oleh", or before a speech verb; None when a person
    spoke since (then "mereka" are people) or no organization did."""
    si = doc.sentence_at(pos)
    since = doc.sentences[max(0, si - 1)].start
    best, best_pos = None, -1
    for q in earlier[-50:]:
        if q.speaker is not None and since <= q.start < pos and q.start > best_pos:
            best, best_pos = q.speaker, q.start
    for m in doc.speakers_between(since, pos):
        mention = doc.mentions[m]
        if mention.start > best_pos and _speaks(doc, mention):
            best, best_pos = m, mention.start
    return best if best is not None and doc.mentions[best].type in _ORG_TYPES else None


def _speaks(doc: Document, m: Mention) -> bool:
    """Is m named as one who speaks: after "kata"/"oleh", or right before a speech verb?"""
    before = doc.text[max(0, m.start - 12):m.start].split()
    after = WORD.search(doc.text, m.end, m.end + 30)
    return bool(before) and (before[-1].casefold() in after_cues() or before[-1].casefold() == "oleh") or \
        bool(after) and is_verb(after.group())

"""Names in a speaker's slot, whatever the name is: a person the NER model has never seen must be
credited as surely as a famous one.

The sentence's structure says where a speaker's name stands:
- right after a cue ("..., kata Bintang Wening.", "ujar Lomba, Senin", "kata direktur klinik
  itu, Wulung Lomba."): the run of capitalised words from the cue (or from the comma after a role)
  to the clause's end is the name; NER may have missed it, typed it as a place ("Watugede") or
  found only part of it ("Wening" of "Bintang Wening");
- at the end of a subject that opens with a title, after the body's end (an acronym, a bracket, a
  known place): "Anggota Komisi III DPR Bintang Wening menegaskan", "ujar Ketua Dewan X (DX)
  Bintang Wening"; a body NER ran on into the name is cut there;
- right before a speech verb ("Bintang mengatakan", "Sementara itu, Bintang Wening menegaskan"),
  after a title and a body at a cue ("ujar Ketua Yayasan Pelita Bintang Wening"), and in the
  headline ("Wening Terima Kasih ke ...: ..."): words the article already gives a person there (a
  name a slot above gave, or one NER found that names no place or body too), or a known given name
  opening the run before the rest of a name NER found.

`slot_names` runs before the quotes are read (kg.process), so every rule that picks a speaker
or resolves "katanya"/"ia" sees these people. Word classes are in kg/data/.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from kg import lexicon, site, wordseg
from kg.records import Mention, Sentence, Token
from kg.segment import folded

from kg.extract.quotes.grammar import ADVERBS, CLAUSE, cue_kinds, is_verb

_words = lexicon.function_words

_ENDS = {".", ",", "!", "?", ";", ":", "(", "”", "\"", "“"}
_FIXABLE = frozenset({"PERSON", "LOCATION"})  # a name NER got wrong in the slot; bodies and countries speak as such
# after a person's role and its comma, a name NER read as a body is the person's too ("kata direktur
# klinik itu, Wulung Lomba")
_FIXABLE_AFTER_ROLE = _FIXABLE | {"ORGANIZATION"}


class _Known(NamedTuple):
    """The words of the article's person names: in those NER found, and in those the slots gave."""

    found: set[str]
    sure: set[str]


class _Slot(NamedTuple):
    """Where a name may stand (toks[a:b]) and how it is read there."""

    a: int
    b: int
    fixable: frozenset[str]  # the types of mentions there that may be read again as the person's name
    strict: bool  # only names the article knows (or a given name before a found one)
    search: bool  # the name is the run's end: try each later start ("Sementara Bintang mengatakan")
    cut: bool  # a body's name may have run on into the person's ("Komisi III DPR Bintang Wening")


@lru_cache(maxsize=None)
def _cues() -> frozenset[str]:
    return lexicon.speech_cues()["after"]


@lru_cache(maxsize=None)
def _openers() -> frozenset[str]:
    """Casefolded words at which `_slot` may find a slot: the cues and the speech verbs."""
    return _cues() | {w for w in cue_kinds() if is_verb(w)}


@lru_cache(maxsize=None)
def _not_names() -> frozenset[str]:
    """Casefolded words that a capitalised run in a speaker's slot may hold but a person's name
    never does: titles, pronouns, days and blocs, bodies' head words and short forms, places,
    countries and institutions."""
    t = lexicon.titles()
    words = {w.casefold() for w in t["honorific"] | t["head"] | t["part"]} - {w.casefold() for w in t["given"]}
    words |= lexicon.pronouns() | lexicon.not_entities() | set(lexicon.title_abbreviations())
    words |= {w.casefold() for w in lexicon.org_triggers()["head"] + list(lexicon.org_abbreviations())}
    words |= {w.casefold() for w, _ in lexicon.type_heads()}
    words |= {w.casefold() for w in lexicon.listed_names()}
    return frozenset(words)


def _name_word(word: str) -> bool:
    """Written like a word of a person's name ("Bintang", "O'Neil", "Al-Amin") and none of _not_names."""
    core = word.replace("-", "").replace("'", "")
    return len(word) > 1 and word[:1].isupper() and core.isalpha() and core[1:].islower() \
        and word.casefold() not in _not_names() and not site.is_outlet(word)


def slot_names(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """The mentions, with the names in speakers' slots read as persons (sorted by start)."""
    places = _place_words(mentions)
    known = _Known(_person_words(mentions), set())
    at = {p: i for i, m in enumerate(mentions) for p in range(m.start, m.end)}
    out: dict[int, Mention | None] = {}  # mention index → its replacement (None: inside a longer name)
    added: list[Mention] = []
    # only a cue or a speech verb opens a slot: each sentence's are found once, not per token and pass
    opens = _openers()
    openers = [[] if opens.isdisjoint(words) else [k for k, w in enumerate(words) if w in opens]
               for words in (folded(sent.tokens) for sent in sentences)]
    # the names right after cues first: they are known to the subjects and titled slots anywhere
    for second in (False, True):
        for si, sent in enumerate(sentences):
            headline = second and si == 0 and _headline(sentences)  # any of its words may be the name
            for k in range(len(sent.tokens)) if headline else openers[si]:
                found = _slot_name(text, sent.tokens, k, si, mentions, at, known, places, second)
                if found is None and headline:
                    found = _headline_name(text, sent.tokens, k, mentions, at, known, places)
                if found is None:
                    continue
                name, replaced, rest = found
                out.update((i, None) for i in replaced)
                if not rest and [(mentions[i].start, mentions[i].end) for i in replaced] == [(name.start, name.end)]:
                    out[replaced[0]] = name  # retyped: "Watugede" a place NER saw
                else:
                    added.extend([name, *rest])
                known.sure.update(name.text.split())  # a slot's name is a person's wherever else NER saw a place
                at.update((p, -1) for p in range(name.start, name.end))  # taken: no other slot reads it
    if not out and not added:
        return mentions
    kept = [out.get(i, m) for i, m in enumerate(mentions)]
    return sorted([m for m in kept if m is not None] + added, key=lambda m: (m.start, m.end))


def _slot_name(text: str, toks: tuple[Token, ...], k: int, si: int, mentions: list[Mention], at: dict[int, int],
               known: _Known, places: Counter, second: bool) -> tuple[Mention, list[int], list[Mention]] | None:
    """The person named in the slot of a cue or speech verb at toks[k], the mentions it replaces and
    what is left of a body it was read into; None when k holds no such slot or the slot no new name."""
    span = _slot(toks, k, second)
    if span is None:
        return None
    return next((f for a2 in range(span.a, span.b if span.search else span.a + 1)
                 if (f := _name_at(text, toks, a2, span.b, si, mentions, at, known, places, span))), None)


def _headline(sentences: list[Sentence]) -> bool:
    """Does the first sentence stand alone as a headline: its own paragraph, short, no full stop?"""
    first = sentences[0].tokens if sentences else ()
    return 0 < len(first) <= 25 and first[-1].text != "." and len(sentences) > 1 and sentences[1].paragraph > 0


def _headline_name(text: str, toks: tuple[Token, ...], k: int, mentions: list[Mention], at: dict[int, int],
                   known: _Known, places: Counter) -> tuple[Mention, list[int], list[Mention]] | None:
    """A headline's words (all capitalised) that the article's body gives a person, from toks[k]:
    the headline is the slot of its claim's source ("Wening Terima Kasih ke ...: ...")."""
    if not _known(toks[k].text, known, places, []) or (k and _known(toks[k - 1].text, known, places, [])):
        return None
    j = k
    while j < len(toks) and _known(toks[j].text, known, places, []):
        j += 1
    return _name_at(text, toks, k, j, 0, mentions, at, known, places, _Slot(k, j, _FIXABLE, True, False, True))


def _slot(toks: tuple[Token, ...], k: int, second: bool) -> _Slot | None:
    """The name slot of a cue or speech verb at k, if it is one. First the plain slots after cues;
    `second`, the subjects of speech verbs and the titled slots."""
    w = toks[k].text
    if w.islower() and is_verb(w):
        return (_titled_subject(toks, k) or _before_verb(toks, k) or _appositive_subject(toks, k)) if second else None
    if w not in _cues():  # lower case only: "Kata" opening a sentence is a noun
        return None
    return _after_title(toks, k + 1) if second else _after_cue(toks, k + 1)


def _place_words(mentions: list[Mention]) -> Counter:
    """How many of the article's place, country and body mentions hold each word."""
    return Counter(w for m in mentions if m.type != "PERSON" for w in set(m.text.split()))


def _person_words(mentions: list[Mention]) -> set[str]:
    """The words of the article's person names ("Bintang", "Wening"), titles left out."""
    return {w for m in mentions if m.type == "PERSON" for w in m.text.split() if len(w) > 2 and _name_word(w)}


def _known(word: str, known: _Known, places: Counter, ms: list[Mention]) -> bool:
    """Is the word a person's name in the article: in a name a slot gave, or in a person's NER found
    and in at most one place's or body's name besides those the slot reads again (a given name NER
    ran into a body once is still a name; "Yuli Sukamaju" glued from "Yuli di Sukamaju" beside "Kota
    Sukamaju" and "DPRD Sukamaju" is not)?"""
    return word in known.sure or word in known.found and \
        places[word] <= 1 + sum(m.type != "PERSON" and word in m.text.split() for m in ms)


def _after_cue(toks: tuple[Token, ...], i: int) -> _Slot | None:
    """Token range of the name after a cue at i-1: the capitalised run right after it, or after the
    comma that ends a role ("kata direktur klinik itu, Wulung Lomba."); None when there is none."""
    while i < len(toks) and toks[i].text in lexicon.titles()["honorific"]:
        i += 1  # "kata Pak Lomba": the name without the form of address
    j = _run_end(toks, i)
    if j > i and _ends_clause(toks, j):
        return _Slot(i, j, _FIXABLE, False, False, False)
    heads = lexicon.titles()["head"]
    if j == i and i < len(toks) and toks[i].text[:1].isupper() and toks[i].text not in heads:
        return None  # a place or a body: no name here ("kata Kemenkes", "kata Menlu")
    # a role, its comma, then the name closing the clause ("kata Presiden, Senin" names no one)
    for c in range(i, min(len(toks), i + 10)):
        if toks[c].text in _ENDS - {","}:
            return None
        if toks[c].text == ",":
            e = _run_end(toks, c + 1)
            if e == c + 1 or not _ends_clause(toks, e) or (e < len(toks) and toks[e].text in "“\""):
                return None
            person_role = toks[i].text.islower() or toks[i].text in heads
            return _Slot(c + 1, e, _FIXABLE_AFTER_ROLE if person_role else _FIXABLE, False, False, False)
    return None


def _before_verb(toks: tuple[Token, ...], k: int) -> _Slot | None:
    """Token range of the capitalised run that is the subject of the speech verb at k, when it opens
    its clause (a sentence's start, a comma, a conjunction); None otherwise."""
    b = k
    while b > 0 and toks[b - 1].text.casefold() in ADVERBS:
        b -= 1
    a = b
    while a > 0 and toks[a - 1].text[:1].isupper():
        a -= 1
    if a == b or (a > 0 and toks[a - 1].text not in _ENDS and toks[a - 1].text.casefold() not in CLAUSE):
        return None
    return _Slot(a, b, _FIXABLE, True, True, True)


def _after_title(toks: tuple[Token, ...], i: int) -> _Slot | None:
    """Token range of a title and the capitalised words after a cue to the clause's end ("ujar Ketua
    Yayasan Pelita Bintang Wening kepada ..."): its end is the person's name, when the article knows it."""
    while i < len(toks) and toks[i].text in lexicon.titles()["honorific"]:
        i += 1
    if i >= len(toks) or not (toks[i].text in lexicon.titles()["head"] or toks[i].text.casefold() in lexicon.title_abbreviations()):
        return None
    j = i + 1
    while j < len(toks) and (toks[j].text[:1].isupper() or toks[j].text in "()"):
        j += 1
    if j == i + 1 or not _ends_clause(toks, j):
        return None
    return _titled(toks, i, j) or _Slot(i + 1, j, _FIXABLE_AFTER_ROLE, True, True, True)


def _appositive_subject(toks: tuple[Token, ...], k: int) -> _Slot | None:
    """The name between commas after a person's role, right before the speech verb at k ("kuasa
    hukum keluarga itu, Wulung Lomba, mengatakan"); None when no role of a person stands before it."""
    b = k
    while b > 0 and toks[b - 1].text.casefold() in ADVERBS:
        b -= 1
    if b < 4 or toks[b - 1].text != ",":
        return None
    a = b - 1
    while a > 0 and _name_word(toks[a - 1].text):
        a -= 1
    if a == b - 1 or a < 2 or toks[a - 1].text != ",":
        return None
    start = a - 1
    while start > 0 and toks[start - 1].text not in _ENDS:
        start -= 1
    role = toks[start:a - 1]
    plain = _words("demonstratives") | CLAUSE | ADVERBS
    person_role = any(_title(t.text) for t in role) or any(t.text.islower() and t.text not in plain for t in role)
    return _Slot(a, b - 1, _FIXABLE, False, False, False) if person_role else None


def _titled_subject(toks: tuple[Token, ...], k: int) -> _Slot | None:
    """The name at the end of a subject that opens with a title, right before the speech verb at k
    ("Anggota Komisi III DPR Bintang Wening menegaskan")."""
    b = k
    while b > 0 and toks[b - 1].text.casefold() in ADVERBS:
        b -= 1
    first = b
    while first > 0 and (toks[first - 1].text[:1].isupper() or toks[first - 1].text in "()"):
        first -= 1
    if first > 0 and toks[first - 1].text not in _ENDS and toks[first - 1].text.casefold() not in CLAUSE:
        return None
    return _titled(toks, first, b) if first < b and _title(toks[first].text) else None


def _titled(toks: tuple[Token, ...], first: int, b: int) -> _Slot | None:
    """The name after the last word that ends a title's body in toks[first:b] (a title, an acronym,
    a bracket, a numeral, a known place): one to three name words. After a body's end ("DPR", "(DEN)",
    a place) any such words; after a title alone only a name the article knows."""
    ends = [c for c in range(first, b) if _title(toks[c].text) or _body_end(toks[c].text)]
    last = ends[-1] if ends else None
    if last is None or not 1 <= b - last - 1 <= 3 or not all(_name_word(t.text) for t in toks[last + 1:b]):
        return None
    after_body = any(_body_end(toks[c].text) for c in ends)
    return _Slot(last + 1, b, _FIXABLE, not after_body, True, True)


def _title(word: str) -> bool:
    return word in lexicon.titles()["head"] or word.casefold() in lexicon.title_abbreviations()


def _body_end(word: str) -> bool:
    """A word that ends a body's name before a person's: an acronym ("DPR", not "PT"), a closing
    bracket, a Roman numeral, a known place or country."""
    return word == ")" or (len(word) > 1 and word.isupper() and word.isalpha()
                           and word.casefold() not in lexicon.org_name_words()["legal_forms"]) \
        or word in lexicon.places() or word in lexicon.countries()


def _run_end(toks: tuple[Token, ...], i: int) -> int:
    """End of the run of name words from i (an initial may stand inside: "Bintang G Wening")."""
    j = i
    while j < len(toks) and (_name_word(toks[j].text) or (j > i and _initial(toks[j].text))):
        j += 1
    while j > i and _initial(toks[j - 1].text):
        j -= 1
    return j


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1 and word[:1].isupper()


def _ends_clause(toks: tuple[Token, ...], j: int) -> bool:
    """Does the name end where the cue's phrase does: a mark, or a lower-case word ("kepada", "saat")?"""
    return j == len(toks) or toks[j].text in _ENDS or toks[j].text[:1].islower()


def _name_at(text: str, toks: tuple[Token, ...], a: int, b: int, si: int, mentions: list[Mention],
             at: dict[int, int], known: _Known, places: Counter, slot: _Slot
             ) -> tuple[Mention, list[int], list[Mention]] | None:
    """The person mention the run toks[a:b] names, the mentions it replaces and what is left of a
    body whose name ran on into it (strict only: "Yayasan Pelita Bintang Wening"); None when the run
    is a name NER found already, holds a body or country, or (strict) is no name the article knows."""
    start, end = toks[a].start, toks[b - 1].end
    inside = sorted({at[p] for p in range(start, end) if p in at})
    if -1 in inside:
        return None
    ms = [mentions[i] for i in inside]
    # after a body, next to a person NER found, only a name the article knows is theirs ("BPJS Kesehatan Bintang Wening")
    strict, fixable = slot.strict or slot.cut and any(m.type == "PERSON" for m in ms), slot.fixable
    ran_on = [m for m in ms if m.start < start and slot.cut and m.type in {"ORGANIZATION", "LOCATION"} and a > 0]
    if any(m.end > end or m not in ran_on and (m.start < start or m.type not in fixable) for m in ms):
        return None  # part of a longer name, or a body or country: theirs
    rest = [_cut(text, m, toks[a - 1].end) for m in ran_on]
    if any(m.type == "LOCATION" and (m.start, m.end) != (start, end) and any(places[w] > 1 for w in m.text.split())
           for m in ms):
        return None  # a place the article names elsewhere too, run into a name ("Yuli di Sukamaju" glued)
    if len(ms) == 1 and ms[0].type == "PERSON" and (ms[0].start, ms[0].end) == (start, end):
        return None
    pieces: list[str | Mention] = []  # the run's words outside the persons NER found, and those persons
    for t in toks[a:b]:
        m = next((m for m in ms if m.start <= t.start < m.end and m.type == "PERSON"), None)
        if m is None:
            pieces.append(t.text)
        elif m not in pieces:
            pieces.append(m)
    words = [p for p in pieces if isinstance(p, str)]
    opening = a == 0 or toks[a - 1].text in _ENDS - {","}  # where every word is capitalised
    # a given name opens the run of capitalised words: inside one it ends a body's or place's name
    given = a == 0 or not toks[a - 1].text[:1].isupper()
    if not all(_name_word(w) for w in words) or strict and not all(
            _known(w, known, places, ms) or given and _given_before(w, ms, opening) for w in words):
        return None
    name = " ".join(p if isinstance(p, str) else p.text for p in pieces)  # a found name's text as read ("glued")
    role = next((m.role for m in ms if m.role and m.type == "PERSON"), None)
    return Mention(start, end, name, "PERSON", si, role), inside, rest


def _cut(text: str, m: Mention, end: int) -> Mention:
    """Mention m cut at `end`: the body before the person's name it ran on into."""
    return Mention(m.start, end, text[m.start:end], m.type, m.sentence, m.role)


def _given_before(word: str, ms: list[Mention], opening: bool) -> bool:
    """A known given name, or a word never written in lower case, right before the rest of a
    person's name NER found ("Bintang" + "Wening"); opening a sentence, only the second kind ("Dan
    Wening mengatakan" is "and Wening said")."""
    never_lower = not wordseg.counts().get(word.lower(), 0)
    return any(m.type == "PERSON" for m in ms) and (never_lower or not opening and word in lexicon.given_names())

"""Passes over all of an article's mentions: what one sentence cannot tell.

Each pass takes (text, sentences, mentions) and returns the mentions; the
order they run in is `kg.extract.entities.PASSES`.
"""
from __future__ import annotations

import re
from collections import Counter

from kg import lexicon, segment, site, wordseg
from kg.extract.entities.labels import NOT_ENTITY
from kg.extract.entities.roles import is_title_word, name_like
from kg.records import Mention, Sentence


_DATELINE_END = re.compile(r"\s*(?:[-–—]|,|\()")


def dateline_places(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """'Outlet.com, Place - ...' at a line start: the name after the outlet is where it was written."""
    for i, m in enumerate(mentions):
        if m.type != "ORGANIZATION" or not i or mentions[i - 1].type != "ORGANIZATION":
            continue
        if site.is_dateline(text, mentions[i - 1].start, mentions[i - 1].end, m.start) and _DATELINE_END.match(text, m.end):
            m.type = "LOCATION"
    return mentions


def cut_place_before_person(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """NER runs the last word of a place or body into the name after it ("Ketua DPRD Sukamaju
    Budi Hartono" gives the person "Sukamaju Budi Hartono"): a person's first word that the
    article names as a place on its own, or that ends an organization's or place's name with two
    name words after it, is left out, unless it starts another person's name too or the rest
    of the name is a place ("Sukamaju Cibening" is two places). A club or company the article
    names alone ("Persikota") is cut off the player after it the same way, and stays a mention."""
    folded = str.casefold
    starts = {m.start for m in mentions if m.type == "PERSON"}  # "Budi" (LOC) "Hartono" (PER): a name cut in two
    places = {folded(m.text) for m in mentions if m.type in {"LOCATION", "COUNTRY"} and " " not in m.text
              and m.end + 1 not in starts}
    bodies = {folded(m.text): m.type for m in mentions if m.type == "ORGANIZATION" and " " not in m.text
              and m.end + 1 not in starts and m.text[:1].isupper()}
    others = {folded(m.text) for m in mentions if m.type != "PERSON"}
    last = {folded(m.text.split()[-1]) for m in mentions if m.type != "PERSON" and " " in m.text
            and m.end + 1 not in starts}
    firsts = Counter(folded(t.split()[0]) for t in {m.text for m in mentions if m.type == "PERSON"})
    out = []
    for m in mentions:
        words = m.text.split()
        w = folded(words[0]) if words else ""
        if m.type == "PERSON" and len(words) >= 2 and firsts[w] == 1 \
                and not any(folded(x) in others for x in words[1:]) \
                and (w in places or (w in last and len(words) >= 3) or (w in bodies and len(words) >= 3)):
            start = m.start + text[m.start:m.end].index(words[1], len(words[0]))
            if w in bodies:
                out.append(Mention(m.start, m.start + len(words[0]), words[0], bodies[w], m.sentence))
            m = Mention(start, m.end, text[start:m.end], m.type, m.sentence)
        out.append(m)
    return out


_HANDLE = re.compile(r"@(?<![\w.@]@)[A-Za-z0-9_]{3,30}\b")  # "@" first: re finds it fast


def _handles(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """Social media accounts quoted in the text ("kata @budi_s") are people, or outlets by their name."""
    out = []
    for m in _HANDLE.finditer(text):
        if any(x.start < m.end() and m.start() < x.end for x in mentions):
            continue
        si = next((i for i, s in enumerate(sentences) if s.start <= m.start() < s.end), None)
        if si is not None:
            out.append(Mention(m.start(), m.end(), m.group(), "ORGANIZATION" if site.is_outlet(m.group()[1:]) else "PERSON", si))
    return out


_BRACKETED = re.compile(r"\s*\(([^()\s]{2,12})\)")


def concept_acronyms_and_handles(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """Acronyms that name concepts leave, social media handles come in: both looked for beside
    the same mentions (a handle is not checked as an acronym)."""
    return _drop_concept_acronyms(text, mentions) + _handles(text, sentences, mentions)


def _drop_concept_acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """An acronym spelt out in lower case before it names a concept ("anak putus sekolah (APS)"),
    so does one spelt out as an event or agreement ("Green Ocean Summit (GOS)"), and so does a generic acronym's spelt-out name ("Badan Usaha Milik Negara (BUMN)")."""
    drop = set()
    for k, m in enumerate(mentions):
        if not (m.text.isupper() and text[m.start - 1:m.start] == "(" and text[m.end:m.end + 1] == ")"):
            continue
        before = text[max(0, m.start - 120):m.start - 1].split()
        letters = m.text.casefold()
        words = before[-len(letters):]
        event = words and lexicon.type_heads().get((words[-1], "last")) == NOT_ENTITY  # "X Y Summit (XYS)"
        if len(words) == len(letters) and (event or all(w.islower() for w in words)) \
                and "".join(w[0] for w in words).casefold() == letters:
            drop.add(k)
    for k, m in enumerate(mentions):
        after = _BRACKETED.match(text, m.end)
        if after and after.group(1).casefold() in lexicon.not_entities():
            drop.add(k)
    return [m for k, m in enumerate(mentions) if k not in drop]


def check_headline(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """In a Title Case Headline every word is capitalised and NER runs names together
    ("Hartono Jawab Susanto"): keep a headline name only if the body uses it too."""
    head = _title_case_head(sentences)
    if not head or sentences[head[-1]].tokens[-1].text in {".", "!", "?", "”", "\""}:
        return mentions
    body = {m.text for m in mentions if m.sentence not in head}
    return [m for m in mentions if m.sentence not in head or m.text in body or m.type == "COUNTRY"
            or m.text in lexicon.institutions() or m.text in lexicon.places()]


def _title_case_head(sentences: list[Sentence]) -> list[int]:
    """The headline's sentences when it is written in Title Case (and a body follows), else []."""
    head = [i for i, s in enumerate(sentences) if s.paragraph == 0]
    if not head or len(sentences) == len(head):
        return []
    words = [t.text for i in head for t in sentences[i].tokens if t.text[:1].isalpha()]
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return []
    return head


def cut_headline_words(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """In a Title Case headline NER runs a name into the capitalised verbs and nouns beside it
    ("Hartono Peringatkan Susanto", "Susanto Banjir Pujian"): a person's name the body does not use
    whole is cut at each headline speech verb or word edited text writes mostly in lower case."""
    head = set(_title_case_head(sentences))
    if not head:
        return mentions
    body = {m.text for m in mentions if m.sentence not in head}
    out = []
    for m in mentions:
        if m.type != "PERSON" or m.sentence not in head or " " not in m.text or m.text in body:
            out.append(m)
            continue
        toks = [t for t in sentences[m.sentence].tokens if m.start <= t.start and t.end <= m.end]
        pieces, run = [], []
        for t in toks + [None]:
            if t is None or _common_word(t.text):
                if run:
                    pieces.append(run)
                run = []
            else:
                run.append(t)
        if len(pieces) == 1 and len(pieces[0]) == len(toks):
            out.append(m)
            continue
        for p in pieces:
            out.append(Mention(p[0].start, p[-1].end, segment.surface(text, toks, p[0].start, p[-1].end), "PERSON", m.sentence))
    return out


def _common_word(word: str) -> bool:
    """A headline's speech verb ("Desak", "Peringatkan") or a word edited text writes mostly in lower
    case: capitalised only by a Title Case headline."""
    counts = wordseg.counts()
    low = counts.get(word.lower(), 0)
    return word[:1].isupper() and (low >= 20 and low > counts.get(word, 0)
                                   or word.casefold() in lexicon.speech_words("headline"))


def drop_link_titles(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """Names in "Baca: ..." links to other articles are furniture (convention 7)."""
    links = site.link_titles(text)
    if not links:
        return mentions
    return [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in links)]


def seats_as_places(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """An institution named by its seat ("Gedung Putih") that the article names only as where
    something happens ("di Gedung Putih", "ke Gedung Putih") is a place (convention 5)."""
    seated = [m for m in mentions if m.text in lexicon.seats()]
    if not seated:
        return mentions
    locative = lexicon.function_words("locative")
    for name in {m.text for m in seated}:
        ms = [m for m in seated if m.text == name]
        if all(text[max(0, m.start - 30):m.start].split()[-1:] and
               text[max(0, m.start - 30):m.start].split()[-1].casefold() in locative for m in ms):
            for m in ms:
                m.type = "LOCATION"
    return mentions


def retype_surnames(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """A one-word place or body NER found that is the surname (or a middle name) of a person named in
    full in the article ("Hendra Tanjung" ... "kata Tanjung", "Sri Tanjung Lestiani" ... "ujar Tanjung")
    is that person, unless a lexicon knows the word as a place, country, institution or outlet, or
    it is in another place's or body's name too."""
    places = {m.text for m in mentions if m.type != "PERSON" and " " not in m.text}
    surnames = {w for words in (m.text.split() for m in mentions if m.type == "PERSON" and " " in m.text)
                for i, w in enumerate(words) if i
                and (i == len(words) - 1 or all(map(name_like, words)))  # a middle name of a plain name
                and places.isdisjoint(words[:i])}  # not "Sukamaju Cibening", two places
    if not surnames:
        return mentions
    other = {w for m in mentions if m.type != "PERSON" and " " in m.text for w in m.text.split()}
    known = lexicon.listed_names()
    for m in mentions:
        if m.type in {"LOCATION", "ORGANIZATION"} and m.text in surnames and m.text not in other \
                and m.text not in known and not site.is_outlet(m.text):
            m.type = "PERSON"
    return mentions


def add_short_names(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """A given name or surname of a person named in full elsewhere in the article.

    NER finds "Bambang Eko Susanto" but often misses a later "kata Bambang":
    such a token is the same person's short name, wherever it stands.
    """
    parts: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and len(words) > 1:
            parts.update(w for w in (words[0], words[-1]) if len(w) > 2 and w[0].isupper() and "." not in w)
    parts -= lexicon.listed_names()
    given = lexicon.titles()["given"]  # "Imam" of "Imam Santoso" is a name here
    parts = {p for p in parts if (p in given or not is_title_word(p)) and p.casefold() not in lexicon.not_entities()}
    if not parts:
        return mentions
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for si, sent in enumerate(sentences):
        for k, tok in enumerate(sent.tokens):
            if tok.text in parts and tok.start not in covered and not (
                    tok.text in given and k + 1 < len(sent.tokens) and sent.tokens[k + 1].start in covered):
                out.append(Mention(tok.start, tok.end, tok.text, "PERSON", si))  # ("Raja" before a name is a title)
    return mentions + out


def _plain_name(name: str) -> bool:
    """Words written like a name's, none a numeral or initial ("Teradu I" is a party to a case)."""
    return all(len(w) > 1 and w[:1].isupper() and w[1:].islower() for w in name.split())


def join_adjacent_persons(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """Two person names with only a space between are one name cut in two ("Sinta" "Wijaya",
    "Sinta Dewi" "Ayu Wijaya"), unless the first is a surname standing alone: "penasihat Hartono Yuri
    Ivanov" is Hartono's adviser.
    The mentions come out in text order."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    surnames = {m.text.split()[-1] for m in mentions if m.type == "PERSON" and " " in m.text}
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev and prev.type == m.type == "PERSON" and prev.sentence == m.sentence and text[prev.end:m.start] == " " \
                and (prev.text not in surnames if " " not in prev.text else _plain_name(prev.text)):
            out[-1] = Mention(prev.start, m.end, text[prev.start:m.end], "PERSON", m.sentence)
        else:
            out.append(m)
    return out

"""Person names the NER cut short or took for something else, mended from the rest of the article.

The NER knows famous names; an unknown one whose given name is also a common word ("Citra",
"Indah") or whose surname is also a place word ("Tanjung") is often found only in part, or typed
as a place or body. What the article says elsewhere settles it: a word the article names alone as
a person, a surname it uses alone, a title before the name.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from babel.dates import get_month_names

from kg import lexicon, wordseg
from kg.extract.entities.roles import find_role, is_title_word, name_like
from kg.records import Mention, Sentence, Token


def _index(sent: Sentence, start: int) -> int | None:
    return next((i for i, t in enumerate(sent.tokens) if t.start == start), None)


def _lone_persons(mentions: list[Mention]) -> Counter:
    return Counter(m.text for m in mentions if m.type == "PERSON" and " " not in m.text)


def _surnames(mentions: list[Mention]) -> set[str]:
    return {m.text.split()[-1] for m in mentions if m.type == "PERSON" and " " in m.text}


def _free(tok: Token, mentions: list[Mention]) -> bool:
    return not any(m.start < tok.end and tok.start < m.end for m in mentions)


def _extend(text: str, m: Mention, start: int) -> Mention:
    return Mention(start, m.end, text[start:m.end], "PERSON", m.sentence, m.role)


def given_names_named_alone(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """A capitalised word right before a person's name that the article names alone as a person
    elsewhere ("... kata Citra." and "Direktur BPJS Kesehatan Citra Lubis") is that person's given
    name the NER left out, unless it is another person's surname ("penasihat Hartono Yuri Ivanov")."""
    alone = _lone_persons(mentions)
    if not alone:
        return mentions
    surnames = _surnames(mentions)
    out = []
    for m in mentions:
        if m.type == "PERSON":
            sent = sentences[m.sentence]
            k = _index(sent, m.start)
            prev = sent.tokens[k - 1] if k else None
            if prev and prev.end + 1 == m.start and prev.text in alone and prev.text not in surnames \
                    and prev.text != m.text.split()[0] and _plain_name(prev.text) and _free(prev, mentions):
                m = _extend(text, m, prev.start)
        out.append(m)
    return out


def _plain_name(word: str) -> bool:
    """A name-like word that is no short title ("Wamenaker") or office ("Dinkes") either."""
    return name_like(word) and word.isalpha() and word.casefold() not in lexicon.title_abbreviations() \
        and word not in lexicon.org_abbreviations()


def persons_in_bodies(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """A place or body whose last two words are a given name and a surname the article uses alone
    for a person ("Ketua Umum Asosiasi Arvania (ASAR), Indah Lubis, ..." then "ujar Lubis") holds that
    person: the two words are the person's name, what comes before them the body's."""
    alone = _lone_persons(mentions)
    if not alone:
        return mentions
    known = lexicon.listed_names()
    out = []
    for m in mentions:
        words = m.text.split()
        if m.type in {"ORGANIZATION", "LOCATION"} and len(words) >= 2 and words[-1] in alone \
                and words[-1] not in known and m.text not in known and _plain_name(words[-1]) \
                and _given(words[-2], alone):
            cut = m.start + m.text.rindex(" " + words[-2] + " ") + 1 if len(words) > 2 else m.start
            if cut > m.start:
                body = text[m.start:cut].rstrip()
                out.append(Mention(m.start, m.start + len(body), body, m.type, m.sentence))
            m = Mention(cut, m.end, text[cut:m.end], "PERSON", m.sentence)
        out.append(m)
    return out


def _given(word: str, alone: Counter) -> bool:
    return (word in lexicon.given_names() or word in alone) and _plain_name(word)


def given_name_after_title(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """A title, a given name, then one word the NER called a place or body: a person ("Menteri Surya
    Tanjung", a surname that is also a place word). After a title of office the given name must be a
    known one (an unknown word there is more often a body's name or a typo: "Kasat Polresrta
    Sukamaju"); after an honorific, which only people bear ("Ayatollah", "Pak"), any word never
    written in lower case will do."""
    known = lexicon.listed_names()
    out = []
    for m in mentions:
        if m.type in {"LOCATION", "ORGANIZATION"} and " " not in m.text:
            sent = sentences[m.sentence]
            k = _index(sent, m.start)
            if k is not None and k >= 2:
                given, title = sent.tokens[k - 1], sent.tokens[k - 2]
                if given.end + 1 == m.start and _plain_name(given.text) and is_title_word(title.text) \
                        and (given.text in lexicon.given_names() or title.text in lexicon.titles()["honorific"]
                             and not wordseg.counts().get(given.text.lower(), 0)) \
                        and f"{given.text} {m.text}" not in known \
                        and _free(given, mentions):
                    m = _extend(text, m, given.start)
        out.append(m)
    return out


def given_name_opening_sentence(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """A known given name opening a sentence before a one-word person name the article gives no
    other full form of ("Maya Lubis menepi.") is part of the name, even if it is also a common
    word; a function word ("Ada Lubis di sana") or a word far more often written in lower case
    ("Tim") is not, nor is a short office name after it ("Tim Dinkes")."""
    full = {}
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and len(words) > 1:
            full.setdefault(words[-1], set()).add(words[0])
    out = []
    for m in mentions:
        sent = sentences[m.sentence]
        if m.type == "PERSON" and " " not in m.text and len(sent.tokens) > 1 and sent.tokens[1].start == m.start:
            first = sent.tokens[0]
            if first.end + 1 == m.start and _opening_given_name(first.text) and _plain_name(m.text) \
                    and full.get(m.text, {first.text}) == {first.text}:
                m = _extend(text, m, first.start)
        out.append(m)
    return out


def _opening_given_name(word: str) -> bool:
    counts = wordseg.counts()
    low = word.lower()
    return word in lexicon.given_names() and name_like(word) and counts.get(low, 0) <= 3 * counts.get(word, 0) \
        and not any(low in lexicon.function_words(s) for s in _FUNCTION)


_FUNCTION = ("object_prepositions", "framing", "subordinators", "clause_conjunctions", "adverbs", "predicate",
             "temporal", "negation", "demonstratives")


@lru_cache(maxsize=None)
def _months() -> frozenset[str]:
    return frozenset(n for loc in ("id", "en") for n in get_month_names("wide", locale=loc).values())


def month_after_name(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """A month the NER ran into the name before it ("disampaikan Sinta April lalu", "Sinta Mei 2024")
    is no part of the name when a time word or a number follows it."""
    out = []
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and len(words) >= 2 and words[-1] in _months():
            sent = sentences[m.sentence]
            k = _index(sent, m.start)
            nxt = next((t.text for t in sent.tokens[k or 0:] if t.start >= m.end), "")
            if nxt[:1].isdigit() or nxt.casefold() in lexicon.function_words("credit_time"):
                end = m.start + m.text.rindex(" " + words[-1])
                m = Mention(m.start, end, text[m.start:end], "PERSON", m.sentence, m.role)
        out.append(m)
    return out


def speakers_named_as_places(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """A name right after a short speech cue or "menurut" ("kata Sinta Padang", "menurut Padang")
    that the NER called a place is the person speaking, a surname that is also a place word; the
    article's other mentions written the same are that person too. Places the lexicons know
    (capitals speak for their governments: "kata Teheran") are left as they are."""
    cues = lexicon.speech_words("after") | lexicon.speech_words("according")
    known = lexicon.listed_names()
    speaking = set()
    for m in mentions:
        if m.type == "LOCATION" and m.text not in known and all(map(_plain_name, m.text.split())):
            sent = sentences[m.sentence]
            k = _index(sent, m.start)
            if k and sent.tokens[k - 1].text.casefold() in cues and sent.tokens[k - 1].end + 1 == m.start:
                speaking.add(m.text)
    for m in mentions:
        if m.type == "LOCATION" and m.text in speaking:
            m.type = "PERSON"
    return mentions


def persons_in_role_slots(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """Two or more name words the NER called a place or body, in a person's slot after a role: set
    off by a comma after the role ("Ketua Koperasi Sukamaju, Sinta Padang, mengatakan") or right after
    a title and a country ("Presiden Arvania Sinta Padang"). Without either, a place after a title is
    the office's seat ("Bupati Kuantan Singingi"), so it is left alone, and so is an address after a
    building named for an office ("Rumah Dinas Bupati Sukamaju, Kota Baru, Kamis")."""
    known = lexicon.listed_names()
    countries = lexicon.countries()
    for m in mentions:
        words = m.text.split()
        if m.type not in {"LOCATION", "ORGANIZATION"} or len(words) < 2 or m.text in known \
                or not all(map(_plain_name, words)):
            continue
        sent = sentences[m.sentence]
        k = _index(sent, m.start)
        if not k or k < 2:
            continue
        toks = sent.tokens
        nxt = next((t for t in toks[k:] if t.start >= m.end), None)
        apposed = toks[k - 1].text == "," and (nxt is None or nxt.text == "," or nxt.text[:1].islower()) \
            and _heads_phrase(text, sent, m, find_role(text, sent, m))
        after_country = toks[k - 1].text in countries and is_title_word(toks[k - 2].text)
        if apposed or after_country:
            m.type = "PERSON"
    return mentions


def _heads_phrase(text: str, sent: Sentence, m: Mention, role: str | None) -> bool:
    """The role opens its noun phrase: no capitalised word right before it ("Rumah Dinas Bupati X")."""
    if not role:
        return False
    start = text.rfind(role, sent.start, m.start)
    prev = next((t for t in reversed(sent.tokens) if t.end <= start), None)
    return not (prev and prev.end + 1 == start and prev.text[:1].isupper())

"""Titles and roles: the title words around a person's name, and the role phrase before it
("Menteri Luar Negeri Rusia"), from kg/data/titles.txt."""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon
from kg.extract.entities.gazetteer import regional
from kg.records import Mention, Sentence, Token


def add_roles(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """Each person's role: the title phrase before the name, never reaching across another person."""
    persons: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        if m.type == "PERSON":
            persons.setdefault(m.sentence, []).append((m.start, m.end))
    for m in mentions:
        if m.type == "PERSON":
            m.role = find_role(text, sentences[m.sentence], m, persons[m.sentence])
    return mentions


@lru_cache(maxsize=None)
def _title_heads() -> frozenset[str]:
    return frozenset(h.casefold() for h in lexicon.titles()["head"])


def find_role(text: str, sent: Sentence, m: Mention, persons: list[tuple[int, int]] = ()) -> str | None:
    """The title phrase right before a person's name: "Menteri Luar Negeri Rusia".

    `persons` are the spans of the people named in the same sentence."""
    toks = sent.tokens
    if m.start - sent.start > 2000:
        return None  # titles stand next to names; do not scan a runaway "sentence"
    idx = next((i for i, t in enumerate(toks) if t.start >= m.start), len(toks))
    nxt = next((i for i, t in enumerate(toks) if t.start >= m.end), None)
    if nxt is not None and any(a == toks[nxt].start for a, _ in persons):
        return None  # "Penasihat ... Hartono Yuri Ivanov": the title is the next person's
    j = idx - 1
    if j >= 0 and toks[j].text == ",":  # appositive: "menteri luar negeri Rusia, Ivan Petrov"
        j -= 1
    first_head = None
    countries, insts = lexicon.countries(), lexicon.institutions()
    t = lexicon.titles()
    heads = _title_heads()
    while j >= 0:
        w = toks[j].text
        two = f"{w} {toks[j + 1].text}".casefold() if j + 1 < len(toks) else ""
        if w.casefold() in heads or two in heads:
            first_head = j
        elif not (w.casefold() in t["part"] or w in countries or w in insts or w[:1].isupper()
                  or w in t["honorific"]):
            break
        if any(a <= toks[j].start < b for a, b in persons) and toks[j + 1].start != m.start \
                and not any(a == toks[j + 1].start for a, _ in persons):
            break  # never reach across another person's name
        j -= 1
    if first_head is None:
        return None
    end = idx if toks[idx - 1].text != "," else idx - 1
    words = [tk for tk in toks[first_head:end] if tk.text not in t["honorific"] and tk.text.rstrip(".") not in t["honorific"]]
    if not words:
        return None
    role = text[words[0].start:words[-1].end]
    return role if len(role) <= 120 else None


def is_title_word(tok: str) -> bool:
    t = lexicon.titles()
    return tok in t["honorific"] or tok.rstrip(".") in t["honorific"] or tok.capitalize() in t["head"] \
        or tok in t["head"] or tok.casefold() in t["part"]


def strip_titles(toks: tuple[Token, ...], a: int, b: int) -> int:
    """Skip titles, honorifics and the country/organization inside a title at the span's start."""
    countries = lexicon.countries()
    given = lexicon.titles()["given"]
    i = a
    while i < b - 1 and (is_title_word(toks[i].text) or toks[i].text in countries
                         or toks[i].text in lexicon.institutions()):
        if toks[i].text in given and role_before(toks, i):
            break  # "(Menpora) Imam Santoso": a role stands before, so "Imam" is his name
        i += 1
    return i


def role_before(toks: tuple[Token, ...], i: int) -> bool:
    return i > 0 and (toks[i - 1].text in {",", ")"} or is_title_word(toks[i - 1].text))


def given_name_after_title(toks: tuple[Token, ...], a: int) -> bool:
    """The word before a person's span is a given name NER left out: it looks like a name and
    follows a portfolio word of a title ("Keuangan"), not a place unit ("Kota X Budi Santoso")."""
    if a < 2 or not name_like(toks[a - 1].text):
        return False
    prev = toks[a - 2].text
    return prev.casefold() in lexicon.titles()["part"] \
        and prev.casefold() not in {u.casefold() for u in lexicon.admin_units()}


def used_as_name(text: str, word: str, after: str) -> bool:
    """The word stands alone elsewhere in the text (not before the same name) and is never
    written in lower case there: a name ("... keputusan Lestari."), not a common word ("Pangan")."""
    if re.search(rf"\b{re.escape(word.lower())}\b", text):
        return False
    return any(text[m.end():].lstrip()[:len(after)] != after for m in re.finditer(rf"\b{re.escape(word)}\b", text))


def name_like(word: str) -> bool:
    """A capitalised word that is no place, country, title or common word."""
    return word[:1].isupper() and word[1:].islower() and word not in lexicon.places() \
        and word not in lexicon.countries() and not is_title_word(word) \
        and word.casefold() not in lexicon.glue_words() and word not in regional()[0]

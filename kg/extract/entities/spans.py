"""NER tags → the spans of one sentence's names, repaired.

The tagger's spans are decoded from BIOES tags, then cut and trimmed where
the NER runs names together or leaves part of a name out: brackets and
neighbourhood numbers end names, titles and trailing countries are split off,
a given name or Balinese name start left out is taken back in, an outlet or an
institution inside a person's span becomes its own name.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from kg import lexicon, wordseg
from kg.extract.entities.gazetteer import gazetteer, regional
from kg.extract.entities.labels import TYPES, entity_type, label
from kg.extract.entities.roles import (given_name_after_title, is_title_word, name_like, role_before, strip_titles,
                                       used_as_name)
from kg.records import Token
from kg.site import is_outlet

_EDGE_PUNCT = set(",.;:!?()[]{}\"“”‘’'«»-–—•/")


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIOES (or BIO) tags → (first token, last token + 1, label) spans."""
    spans, start, label = [], None, None
    last = -1  # the last tag that is not "O"
    for i in [i for i, tag in enumerate(tags) if tag != "O"]:  # most tags are "O": they only close a span
        if start is not None and i > last + 1:
            spans.append((start, last + 1, label))
            start = None
        last = i
        prefix, _, lab = tags[i].partition("-")
        if start is not None and (prefix in {"B", "S"} or lab != label):
            spans.append((start, i, label))
            start = None
        if prefix in {"B", "S"} or (prefix in {"I", "E"} and start is None):
            start, label = i, lab
        if prefix in {"E", "S"} and start is not None:
            spans.append((start, i + 1, label))
            start = None
    if start is not None:
        spans.append((start, last + 1, label))  # at the end, or closed by the "O" after it
    return spans



def ner_spans(text: str, toks: tuple[Token, ...], tags: Sequence[str],
              tagged: Callable[[], frozenset[str]]) -> list[tuple[int, int, str]]:
    """One sentence's NER tags → repaired character spans with a type.

    `tagged()` gives the words NER tagged somewhere in the document."""
    spans: list[tuple[int, int, str]] = []  # character spans with a type
    decoded = spans_from_tags(tags)
    if not decoded:
        return spans
    named = {i for a, b, _ in decoded for i in range(a, b)}
    for a, b, lab in _cut_spans(toks, _split_at_outlets(toks, decoded)):
        a, b = _trim(toks, a, b)
        while b - 1 > a and toks[a].text.isalpha() and toks[a].text.islower():
            a += 1  # a common noun before the name: "kota X", "kementerian luar negeri X" (X names it)
        a, b = issuer_of_act(toks, a, b)
        if a >= b:
            continue  # a numbered act (convention 21)
        typ = TYPES.get(lab, "ORGANIZATION")
        while b - 1 > a and toks[b - 1].text[:1].islower():
            b -= 1  # names end in a capitalised word: "Ukraina timur" is Ukraina, in the east
        if typ == "PERSON":
            a = _balinese_start(toks, strip_titles(toks, a, b))
            if a > 1 and toks[a - 1].text in lexicon.titles()["given"] and role_before(toks, a - 1):
                a -= 1  # "Ketua KONI, Raja Harun ..." with "Raja" left out of the span
            elif b - a >= 2 and given_name_after_title(toks, a) and toks[a - 1].text not in tagged() \
                    and used_as_name(text, toks[a - 1].text, toks[a].text):
                a -= 1  # "Menteri Keuangan Lestari Budi Santoso" with "Lestari" left out
            elif a - 1 not in named and toks[a - 1].text not in tagged() \
                    and not all(is_title_word(t.text) for t in toks[a:b]) and _given_name_before(toks, a):
                # ("penasihat Hartono Yuri Ivanov": a name NER tags elsewhere is someone else's)
                a -= 1  # "kata direktur itu, Citra Lubis": a given name that is also a word ("citra")
        if typ in {"PERSON", "LOCATION"} and " ".join(t.text for t in toks[a:b]) not in lexicon.places():
            b = _strip_trailing_countries(toks, a, b)
        if typ != "PERSON" and b < len(toks) and toks[b].text == "RI" and b > a:
            b += 1  # "RI" ends an institution's name (convention 3): "Gedung Bappenas RI"
        if a >= b:
            continue
        if typ != "PERSON":
            split = _split_org_person(toks, a, b)
            if split:
                spans.extend(split)
                continue
        spans.extend(_split_compound(text, toks[a].start, toks[b - 1].end - _list_number(text, toks[b - 1]), typ))
    return spans


def issuer_of_act(toks: tuple[Token, ...], a: int, b: int) -> tuple[int, int]:
    """A numbered act is no entity, its issuer is (convention 21): "Resolusi Dewan Keamanan PBB
    Nomor 12" → "Dewan Keamanan PBB"; "Peraturan Pemerintah Nomor 5", "UU Nomor 7" → nothing (a == b).
    The number ends any name ("Dewan X Nomor 3")."""
    act = lexicon.acts()
    for i in range(a + 1, b):
        if toks[i].text in act["numbering"] and i + 1 < len(toks) and toks[i + 1].text[:1].isdigit():
            b = i
            break
    if a < b and toks[a].text in act["acts"]:
        return a, a
    n = next((n for n in (2, 1) if " ".join(t.text for t in toks[a:a + n]) in act["issued"]), 0) \
        if a < len(toks) and toks[a].text in _issued_first_words() else 0
    if n and b - a > 1:
        rest = toks[a + n:b]
        if not rest or rest[0].text in act["issuer_kinds"] or not rest[0].text[:1].isupper():
            return a, a
        return a + n, b
    return a, b


@lru_cache(maxsize=None)
def _issued_first_words() -> frozenset[str]:
    """The first words of acts.txt's [issued] phrases: most names start with none (no joins tried)."""
    return frozenset(phrase.split(" ")[0] for phrase in lexicon.acts()["issued"])


_LIST_NUMBER = re.compile(r"[^\W\d]{3}(\d{1,2})$")


def _list_number(text: str, tok: Token) -> int:
    """How many digits at the end of a name are the next list item's number, glued on by scraping
    ("1. Arvania Airways2. Sukamaju Air"): digits right after three letters, then a full stop."""
    m = _LIST_NUMBER.search(tok.text)
    return len(m.group(1)) if m and text[tok.end:tok.end + 1] == "." else 0


def _given_name_before(toks: tuple[Token, ...], a: int) -> bool:
    """The capitalised word right before a person's span is their given name NER left out: it opens
    the run of capitalised words (after lower-case words or a bracket), is no title, body or place
    head, and is either never written in lower case ("Purbaya") or a known given name that is also a
    word ("Indah", "Citra"). Opening a sentence, where every word is capitalised, only the first kind."""
    word = toks[a - 1].text if a >= 1 else ""
    if not name_like(word) or not word.isalpha() or word.casefold() in lexicon.not_entities() \
            or (word, "first") in lexicon.type_heads():  # ("Menteri-menteri X": no given name)
        return False
    prev = toks[a - 2].text if a >= 2 else ""
    if prev[:1].isupper() and not (a == 2 and _opener(prev)):
        return False  # inside a capitalised run: a body's or place's last word ("Gubernur Lemhanas Budi")
    never_lower = not wordseg.counts().get(word.lower(), 0)
    if not prev or prev in {".", "!", "?", "\"", "“", "”", ":"}:
        return never_lower
    return never_lower or word in lexicon.given_names()


def _opener(word: str) -> bool:
    """A sentence's first word that edited text writes mostly in lower case ("Upaya", "Namun"):
    capitalised only for opening the sentence, so no capitalised run starts with it."""
    counts = wordseg.counts()
    return counts.get(word.lower(), 0) > counts.get(word, 0)


def _cut_spans(toks: tuple[Token, ...], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A bracket opened or closed only inside a span ends a name ("PT ABC) Sleman"), and so does a
    dash with a space beside it, a dateline's or a list's separator ("SUKAMAJU- Kota Sukamaju"),
    not a hyphen; a place span holding several places is cut before each administrative unit,
    without the neighbourhood numbers ("Dusun X RT 02 RW 03 Desa Y" → "Dusun X", "Desa Y")."""
    out = []
    units, hood = lexicon.admin_units(), lexicon.neighbourhood_units()  # Desa, Dusun; RT, RW
    for a, b, label in spans:
        cuts, depth = [], 0
        for i in range(a, b):
            w = toks[i].text
            depth += (w == "(") - (w == ")")
            if depth < 0 or (w == "(" and not any(t.text == ")" for t in toks[i:b])):
                cuts.append(i)
                depth = 0
            elif w.strip("-–—") == "" and a < i < b - 1 and (toks[i - 1].end < toks[i].start or toks[i].end < toks[i + 1].start):
                cuts.append(i)
            elif TYPES.get(label) == "LOCATION" and i > a and toks[a].text in units and (w in units or w in hood):
                cuts.append(i)  # "Dusun X RT 02 RW 03 Desa Y", not "Balai Desa Y" (a hall)
        start = a
        for i in cuts + [b]:
            piece = [j for j in range(start, i) if toks[j].text not in hood
                     and not (j > a and toks[j - 1].text in hood)]
            if piece and i > start:
                out.append((piece[0], piece[-1] + 1, label))
            start = i + 1 if i < b and (toks[i].text in "()" or toks[i].text.strip("-–—") == "") else i
    return out


def _split_at_outlets(toks: tuple[Token, ...], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An outlet's domain inside a longer span ("Budi Santoso TRIBUNNEWS.COM") is its own name."""
    out = []
    for a, b, label in spans:
        inner = [i for i in range(a, b) if "." in toks[i].text and is_outlet(toks[i].text)] if b - a > 1 else ()
        if not inner:
            out.append((a, b, label))
            continue
        for i in inner:
            if a < i:
                out.append((a, i, label))
            out.append((i, i + 1, "ORG"))
            a = i + 1
        if a < b:
            out.append((a, b, label))
    return out


def _trim(toks: tuple[Token, ...], a: int, b: int) -> tuple[int, int]:
    while a < b and toks[a].text in _EDGE_PUNCT:
        a += 1
    while b > a and toks[b - 1].text in _EDGE_PUNCT:
        b -= 1
    return a, b


def _balinese_start(toks: tuple[Token, ...], a: int) -> int:
    """A Balinese name's first words NER leaves out: "I Made Sukarta Wijaya" tagged "Sukarta Wijaya".
    The name starts with I (men) or Ni (women) and an order-of-birth or caste name."""
    bali, first = lexicon.balinese_names(), lexicon.balinese_first_words()
    for k in range(2, 6):
        i = a - k
        if i < 0 or not all(t.text[:1].isupper() and t.text.isalpha() for t in toks[i:a]):
            break
        if toks[i].text in first and toks[i + 1].text in bali:
            return i
    return a


def _strip_trailing_countries(toks: tuple[Token, ...], a: int, b: int) -> int:
    """'Ivanov Rusia', 'Semenanjung Balkan Serbia': a country after a name modifies it; a facility
    keeps the country of its name ("Gedung Bank Arvania": a building is named for what it houses)."""
    if lexicon.type_heads().get((toks[a].text, "first")) == "LOCATION":
        return b
    while b - 1 > a and toks[b - 1].text in lexicon.countries():
        b -= 1
    return b


def _split_org_person(toks: tuple[Token, ...], a: int, b: int) -> list | None:
    """'(Sekretaris Pers) Gedung Putih Dewi Rahma' tagged as one organization: a known
    institution or country, then a name, right after a title word."""
    person = _person_after_acronym(toks, a, b)
    if person:
        return person
    if a == 0 or not is_title_word(toks[a - 1].text) or toks[a - 1].text in lexicon.function_words("object_prepositions"):
        return None  # "di Paris Air Show": a preposition inside a title ("Dubes RI di X") is no title
    gaz = gazetteer()
    for n in range(b - a - 2, 0, -1):
        key = tuple(t.text for t in toks[a:a + n])
        rest = toks[a + n:b]
        if key in gaz and len(rest) >= 2 and all(t.text[:1].isupper() for t in rest):
            return [(toks[a].start, toks[a + n - 1].end, gaz[key]), (rest[0].start, rest[-1].end, "PERSON")]
    return None


def _person_after_acronym(toks: tuple[Token, ...], a: int, b: int) -> list | None:
    """'Komisi V DPR RI Budi Santoso' tagged as one organization: an organization ends
    in an acronym (or RI), and two to four capitalised words after it are a person.
    An acronym that starts the span begins a name ("PT Maju Jaya") unless it is a
    regional institution ("KPU Budi Santoso")."""
    for k in range(b - 3, a - 1, -1):
        w = toks[k].text
        if len(w) >= 2 and w.isupper() and w.isalpha():
            if k == a and w not in regional()[0]:
                return None  # "PT Maju Jaya", "SMA Budi Mulia": the acronym starts a name
            rest = toks[k + 1:b]
            if 2 <= len(rest) <= 4 and all(name_like(t.text) for t in rest):
                return [(toks[a].start, toks[k].end, "ORGANIZATION"), (rest[0].start, rest[-1].end, "PERSON")]
            return None
    return None


def _split_compound(text: str, start: int, end: int, typ: str) -> list[tuple[int, int, str]]:
    """'Hartono-Ivanov' → two names; 'Eropanya' → 'Eropa' (the -nya clitic is not part of a name)."""
    surface = text[start:end]
    pair = _pair_hyphen(surface, typ)
    if pair is not None:  # "Budi Santoso-Sinta Dewi", "DPR-DPD RI": two names joined by a hyphen
        return [(start, start + pair, typ), (start + pair + 1, end, typ)]
    if " " not in surface and surface.endswith("nya") and len(surface) > 5 and surface[0].isupper():
        end -= 3
        surface = surface[:-3]
    if typ in {"PERSON", "LOCATION", "COUNTRY"} and " " not in surface and "-" in surface:
        parts, out, pos = surface.split("-"), [], start
        if all(p[:1].isupper() and len(p) > 1 for p in parts):
            for p in parts:
                t = entity_type(p, label(typ))
                out.append((pos, pos + len(p), t))
                pos += len(p) + 1
            return out
    return [(start, end, typ)]


def _pair_hyphen(surface: str, typ: str) -> int | None:
    """Where a hyphen joins two names in a span of several words: a pair of people (a ticket of
    candidates, "Budi Santoso-Sinta Dewi") or of institutions by acronym ("DPR-DPD RI"). The
    words on both sides are capitalised and of three letters or more ("Al-Farisi" is one name), and a
    word follows (a double surname ends the name: "Rina Hartono-Wibowo")."""
    if " " not in surface or typ not in {"PERSON", "ORGANIZATION"}:
        return None
    pos = 0
    for word in surface.split(" ")[:-1]:
        left, dash, right = word.partition("-")
        if dash and "-" not in right:
            ok = (len(left) >= 3 and len(right) >= 3 and left[0].isupper() and right[0].isupper()
                  and left[1:].islower() and right[1:].islower()) if typ == "PERSON" \
                else (len(left) >= 2 and left.isupper() and right.isupper() and left.isalpha() and right.isalpha())
            if ok:
                return pos + len(left)
        pos += len(word) + 1
    return None

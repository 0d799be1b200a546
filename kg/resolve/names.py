"""Names in the form the resolvers compare them: case-folded, accent-free, title-free.

Shared by the per-document clustering (`document.py`) and the corpus merge (`corpus.py`).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg import lexicon

_INITIAL = re.compile(r"^[A-Z]\.?$")


@lru_cache(maxsize=200_000)
def norm(name: str) -> str:
    """Case-folded, accent-free, single-spaced: the comparison form of a name."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s-]", " ", s).casefold().split())


@lru_cache(maxsize=200_000)
def name_parts(name: str) -> tuple[str, ...]:
    return tuple(p for p in name.replace(".", ". ").split() if not _INITIAL.match(p))


@lru_cache(maxsize=None)
def _place_forms() -> dict[str, str]:
    forms = {norm(p): p for p in lexicon.places()}
    forms.update((norm(short), name) for short, name in lexicon.province_forms().items())  # "Jatim" → "Jawa Timur"
    return forms


@lru_cache(maxsize=None)
def _admin_units() -> frozenset[str]:
    return frozenset(norm(w) for w in lexicon.admin_units())


def place_key(name: str) -> str:
    """'Kabupaten Sleman' and 'Sleman' are one place in an article; 'Jatim' is 'Jawa Timur'."""
    n = norm(name)
    first, _, rest = n.partition(" ")
    if rest and first in _admin_units():
        n = rest
    return norm(_place_forms().get(n, n))


@lru_cache(maxsize=1 << 16)
def canonical_form(name: str, typ: str) -> str:
    if typ == "COUNTRY":
        return lexicon.countries().get(name, name)
    if typ == "LOCATION":
        return _place_forms().get(norm(name), name)  # "Eropa timur" → "Eropa Timur"
    if typ == "PERSON":
        # "Budi S. Hartono" → "Budi Hartono"; a name that is only an initial ("Y", a victim
        # named by one letter) keeps it
        return " ".join(name_parts(without_titles(name))) or name
    return name


@lru_cache(maxsize=None)
def _titles() -> frozenset[tuple[str, ...]]:
    """Honorifics and role heads as word tuples; title words that are also given names
    ("Imam", "Raja") are left to the document step, which sees what stands before them."""
    t = lexicon.titles()
    given = {g.casefold() for g in t["given"]}
    return frozenset(tuple(w.casefold().split()) for w in t["honorific"] | t["head"] if w.casefold() not in given)


@lru_cache(maxsize=200_000)
def without_titles(name: str) -> str:
    """A person's name without the titles fused onto its start in some articles:
    "Ayatollah Ali Khamenei" and "Paus Leo" name the person "Ali Khamenei" and "Leo"."""
    words = name.split()
    titles, part = _titles(), lexicon.titles()["part"]
    cut = True
    while cut:
        cut = False
        for n in (3, 2, 1):
            if len(words) > n and tuple(w.casefold() for w in words[:n]) in titles:
                if words[n].casefold() in part:
                    return name  # a role phrase goes on ("Menteri Luar Negeri ..."): not a name with a title
                words, cut = words[n:], True
                break
    return " ".join(words)


def similar(a: str, b: str) -> bool:
    """Given names spelt two ways (Sergei/Sergey, Muhamad/Muhammad): one letter off on names of
    five letters or fewer, two on longer ones."""
    a, b = norm(a), norm(b)
    if a == b or a[:1] != b[:1]:
        return a == b
    # edit distance ≤ 2 on short names, cheap enough written out
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= (1 if min(len(a), len(b)) <= 5 else 2)  # "Jude" and "Jobe" are brothers


def middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names' middle names, where both give some, name one person: each middle name
    of the shorter list is one of the other's ("Iwan Setiawan X" is not "Iwan Kurniawan X")."""
    mid_a, mid_b = [norm(w) for w in a[1:-1]], [norm(w) for w in b[1:-1]]
    if not mid_a or not mid_b:
        return True
    short, long_ = sorted((mid_a, mid_b), key=len)
    return all(any(similar(w, x) for x in long_) for w in short)

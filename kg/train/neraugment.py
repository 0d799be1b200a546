"""Name-substitution augmentation for the NER training set.

The shipped tagger relied on names it had seen (a famous name is found, an invented
one in the same sentence often is not). Each training sentence with an entity gets
``copies`` extra copies in which every PER span is renamed with a generated name and
ORG / LOC spans are, with probability ``other_rate``, swapped for a gazetteer entry.
The context stays the same, so the model has to lean on context and word shape.

Names are *generated*: given names are first words and family names last words of
multi-word entries of ``gazetteer-mdee/person.txt`` (:func:`load_pools`) or of the
PER spans of the training sentences themselves (:func:`pools_from_sentences`), drawn
in proportion to how often they occur there and combined at random, so a copy
rarely carries a real person's full name. Words of an exclusion set (the invented
names of an evaluation perturbation) are never drawn, so no evaluation name is taught. Inside one sentence the renaming is
word by word and consistent ("Budi Santoso ... Santoso" keeps the short form).
ORG entries (≤ 6 words) and LOC entries (≤ 2 words; the longer ones are
"village district regency" strings) are taken whole from the gazetteer.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from kg.train.nerdata import Sentence

_NAME_WORD = re.compile(r"^[A-Z][a-z]+$")  # a plain capitalised word: the part of a name we rename
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")  # same tokenisation as kg.train.vectors
_ENTRY_WORD = re.compile(r"^[A-Z0-9]")


@dataclass
class Pools:
    given: list[str]
    family: list[str]
    org: list[list[str]]
    loc: list[list[str]]


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return sorted({line.strip() for line in f if line.strip() and "?" not in line})


def _entries(lines: list[str], max_words: int) -> list[list[str]]:
    """Gazetteer entries as token lists: at most ``max_words`` words, each starting upper-case or a digit."""
    out = []
    for line in lines:
        words = line.split()
        if len(words) <= max_words and all(_ENTRY_WORD.match(w) for w in words):
            out.append(_TOKEN.findall(line))
    return out


def load_pools(gazetteer: Path, vocab: set[str] | None = None) -> Pools:
    """Given/family name words and ORG/LOC entries from a gazetteer-mdee folder.

    With ``vocab`` (lower-cased words of the word vectors), only name words in it are
    used: names made of words without a vector taught the tagger "unknown capitalised
    word = person" and cost precision (a feasibility run: dev F1 81.9 -> 78.7).
    """
    g = Path(gazetteer)
    known = (lambda w: w.lower() in vocab) if vocab is not None else (lambda w: True)
    given, family = _name_words([line.split() for line in _lines(g / "person.txt")], known)
    # kept with repeats: a word is drawn as often as it begins/ends a listed name, so common
    # (mostly Indonesian) name words come up often and rare foreign ones rarely
    return Pools(given, family,
                 _entries(_lines(g / "organization.txt"), 6), _entries(_lines(g / "place.txt"), 2))


def _name_words(names: list[list[str]], known) -> tuple[list[str], list[str]]:
    """First words (given) and last words (family) of 2-4-word names made of plain name words."""
    given, family = [], []
    for words in names:
        if 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words):
            if known(words[0]):
                given.append(words[0])
            if known(words[-1]):
                family.append(words[-1])
    return sorted(given), sorted(family)


def pools_from_sentences(train: list[Sentence], vocab: set[str] | None = None,
                         exclude: set[str] = frozenset()) -> Pools:
    """Pools from the entity spans of ``train`` (a sourced pool: real news names in real use).

    ORG (<= 6 tokens) and LOC (<= 3 tokens) entries are whole training spans whose words all
    have a vector (when ``vocab`` is given) and are not in ``exclude``; swapping them in as well
    keeps the copies from teaching "an unfamiliar capitalised word is a person".

    Only words with a vector (when ``vocab`` is given), at least 3 letters long and not in
    ``exclude`` (compared case-insensitively) are kept, each once: drawn uniformly, so the many
    mentions of a few famous people do not make their names the usual replacement.
    """
    bad = {w.lower() for w in exclude}
    def known(w: str) -> bool:
        return len(w) >= 3 and w.lower() not in bad and (vocab is None or w.lower() in vocab)
    names = [[t for t, _ in sent[a:b]] for sent in train for a, b, typ in spans(sent) if typ == "PER"]
    given, family = _name_words(names, known)
    def entries(typ: str, max_len: int) -> list[list[str]]:
        found = {tuple(t for t, _ in sent[a:b]) for sent in train for a, b, ty in spans(sent) if ty == typ}
        return [list(e) for e in sorted(found) if len(e) <= max_len and _ENTRY_WORD.match(e[0]) and all(
            w.lower() not in bad and (vocab is None or w.lower() in vocab or not w.isalpha()) for w in e)]
    return Pools(sorted(set(given)), sorted(set(family)), entries("ORG", 6), entries("LOC", 3))


def spans(sent: Sentence) -> list[tuple[int, int, str]]:
    """(start, end, type) of every IOB2 entity span, end exclusive."""
    out = []
    start = None
    for i, (_, lab) in enumerate(sent + [("", "O")]):
        if start is not None and not lab.startswith("I-"):
            out.append((start, i, sent[start][1][2:]))
            start = None
        if lab.startswith("B-"):
            start = i
    return out


def _rename_person(words: list[str], mapping: dict[str, str], pools: Pools, rng: random.Random) -> list[str]:
    """Rename the plain name words of one PER span; titles, initials and punctuation stay."""
    name_idx = [i for i, w in enumerate(words) if _NAME_WORD.match(w)]
    out = list(words)
    for pos, i in enumerate(name_idx):
        w = words[i]
        if w not in mapping:
            first = pos == 0 and len(name_idx) > 1
            pool = pools.given if first or (len(name_idx) == 1 and rng.random() < 0.3) else pools.family
            mapping[w] = rng.choice(pool) if pool else w
        out[i] = mapping[w]
    return out


def augment_sentence(sent: Sentence, pools: Pools, rng: random.Random, other_rate: float = 0.5) -> Sentence:
    """One copy of ``sent`` with PER spans renamed and some ORG/LOC spans swapped (labels follow)."""
    out: Sentence = []
    mapping: dict[str, str] = {}
    prev = 0
    for start, end, typ in spans(sent):
        out += sent[prev:start]
        words = [t for t, _ in sent[start:end]]
        if typ == "PER":
            words = _rename_person(words, mapping, pools, rng)
        elif typ in ("ORG", "LOC") and rng.random() < other_rate:
            pool = pools.org if typ == "ORG" else pools.loc
            if pool:
                words = list(rng.choice(pool))
        out += [(w, ("B-" if i == 0 else "I-") + typ) for i, w in enumerate(words)]
        prev = end
    return out + sent[prev:]


def augment(train: list[Sentence], pools: Pools, *, copies: int, seed: int,
            other_rate: float = 0.5, exclude_keys: set[str] = frozenset(),
            fraction: float = 1.0, per_only: bool = False) -> list[Sentence]:
    """The augmented copies (not the originals) for a random ``fraction`` of the sentences
    with an entity (with a PER entity if ``per_only``).

    A copy equal (normalised) to a sentence in ``exclude_keys`` (held-out sets) or to
    an earlier sentence is dropped.
    """
    from kg.train.nerdata import norm_sentence
    rng = random.Random(seed)
    seen = set(exclude_keys) | {norm_sentence([t for t, _ in s]) for s in train}
    out = []
    for sent in train:
        found = spans(sent)
        if not found or (per_only and all(t != "PER" for _, _, t in found)) or rng.random() >= fraction:
            continue
        for _ in range(copies):
            new = augment_sentence(sent, pools, rng, other_rate)
            key = norm_sentence([t for t, _ in new])
            if key in seen:
                continue
            seen.add(key)
            out.append(new)
    return out

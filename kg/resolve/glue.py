"""Names with a scraped word glued on, trimmed where the corpus names them without it (`unglue`).

Scraped pages lose the space at link boundaries, so one person turns up as
"Budi Santoso", "Budi Santosoyang" and "PresidenBudi Santoso". Inside one
article the word list cannot always tell a glued word from a name it has never
seen; across the corpus the evidence is plain: the name without the piece is
written as a name elsewhere, at least as often. A mention is trimmed (its text
and offsets, which stay true) when

- the piece is glued at the start of its first word or the end of its last
  one (or both: "RIBudi Santosodi"): after the name a common lower-case word
  ("yang", "mengatakan"; capitalised when it opened the next sentence:
  "Dalam"), before it a word, a title or an acronym glued at a change of case
  ("PresidenBudi", "AyatullahBudi", "RIBudi");
- the glued word is not a listed word itself ("AirAsia", "Maladewa");
- what is left is the text of mentions written at least as often, or clearly
  more often where the piece may belong to the name (an acronym, a word that
  ends names: "Pattynama"). A one-word name needs a function word or a title
  as the piece: "Wahyudi" is no "Wahyu" + "di", "detikBali" no "Bali".
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from kg import lexicon, wordseg
from kg.records import Mention


@lru_cache(maxsize=None)
def _titles() -> frozenset[str]:
    t = lexicon.titles()
    return frozenset(w.casefold() for w in t["honorific"] | t["head"] if " " not in w) - {
        w.casefold() for w in t["given"]}


def _common(word: str) -> bool:
    """A lower-case word common enough to be glued on (the segmenter's thresholds)."""
    n = wordseg.counts().get(word, 0) if word.islower() else 0
    return n >= (wordseg.MIN_TINY_TAIL if len(word) <= 2 else wordseg.MIN_SHORT_TAIL if len(word) == 3
                 else wordseg.MIN_TAIL if len(word) < 6 else wordseg.MIN_LONG_TAIL)


def _function(word: str) -> bool:
    return wordseg.counts().get(word.lower(), 0) >= wordseg.FUNCTION_WORD


# how sure a piece is glued on: enough alone even for a one-word name ("Claimjuga"), enough
# for a longer name, or only when the name without it is clearly the more common spelling
ANY_NAME, LONG_NAME, MAJORITY = 2, 1, 0


def _tail_cuts(word: str):
    """(cut, how sure) for pieces glued after a name: "Santosoyang", "KhameneiDalam"."""
    for k in range(2, len(word) - 1):
        head, tail = word[:k], word[k:]
        low = tail.lower() if tail[:1].isupper() and tail[1:].islower() and head[-1].islower() else tail
        if tail[:1].isupper() and tail[1:].islower() and head[-1].islower() and not _common(low):
            yield k, MAJORITY  # a name glued on: "Budi SantosoWibowo" where "Budi Santoso" is common
            continue
        if not _common(low):
            continue
        if _function(low) and len(low) >= 3 and low not in wordseg.name_endings():
            yield k, ANY_NAME  # "yang", "juga"; not "di", which names end in ("Wahyudi")
        elif _function(low) or wordseg.follows_names(low) or (len(low) >= 6 and low not in wordseg.name_endings()):
            yield k, LONG_NAME  # "mengatakan", "terletak"
        else:
            yield k, MAJORITY  # "nama", which names end in ("Pattynama")


def _head_cuts(word: str):
    """(cut, how sure) for pieces glued before a name at a change of case: "PresidenBudi",
    "RIPrabowo", "eraNadiem", "AyatullahAli"."""
    for k in range(2, len(word) - 1):
        piece, rest = word[:k], word[k:]
        if not rest[0].isupper():
            continue
        if piece.casefold() in _titles() or (piece[-1] == "-" and len(piece) > 4 and piece[:-1].isupper()
                                              and piece[:-1].isalpha()):
            yield k, ANY_NAME  # a title, or a dateline in capitals: "JAKARTA-Budi"
        elif piece[:1].isupper() and piece[1:].islower() and len(piece) >= 4 and _common(piece.lower()):
            yield k, ANY_NAME  # a common word opening the phrase: "MajalahForbes", "PresidenBudi"
        elif piece[-1].islower() and len(piece) >= 2:
            yield k, LONG_NAME  # "diKPK", "BrentfordThomas"; not "detikBali" alone
        elif piece.isupper() and piece.isalpha() and rest[1:2].islower():
            yield k, MAJORITY  # an acronym before a capitalised word: "RIPrabowo", "ASPete"


def _trims(text: str):
    """(chars cut at the start, chars cut at the end, how sure) for each way to trim the text."""
    words = text.split(" ")
    first, last = words[0], words[-1]
    heads = [(0, ANY_NAME)] + ([] if wordseg.count(first) else list(_head_cuts(first)))
    tails = [(0, ANY_NAME)] + ([] if wordseg.count(last) else [(len(last) - k, s) for k, s in _tail_cuts(last)])
    for a, sure_a in heads:
        for b, sure_b in tails:
            if (a or b) and (len(words) > 1 or a + b < len(first) - 2):
                yield a, b, min(sure_a, sure_b)


def unglue(groups: list[tuple[str, int, list[Mention]]]) -> int:
    """Trim glued-on words off mentions of all documents' entities; return how many were trimmed."""
    seen: Counter = Counter(m.text.casefold() for _, _, ms in groups for m in ms)
    trimmed = 0
    trims: dict[str, tuple[int, int] | None] = {}  # text → its trim: a name recurs across the corpus
    for _, _, ms in groups:
        for m in ms:
            best = trims[m.text] if m.text in trims else trims.setdefault(m.text, _best_trim(m.text, seen))
            if best:
                a, b = best
                m.start, m.end, m.text = m.start + a, m.end - b, m.text[a:len(m.text) - b]
                trimmed += 1
    return trimmed


def _best_trim(text: str, seen: Counter) -> tuple[int, int] | None:
    """The trim leaving the name written most often, if the evidence is enough."""
    own = seen[text.casefold()]
    best, best_n = None, 0
    for a, b, sure in _trims(text):
        rest = text[a:len(text) - b]
        n = seen[rest.casefold()]
        if " " not in rest:
            ok = sure == ANY_NAME  # "Claimjuga"; not "Wahyudi", "detikBali", "Indomobil"
        else:
            ok = (sure >= LONG_NAME and n >= own) or n > 2 * own
        if n and ok and n > best_n:
            best, best_n = (a, b), n
    return best

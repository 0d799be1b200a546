"""Split words that scraping glued together, knowing which Indonesian words exist.

Scraped pages lose the space at link boundaries: "Budi Santosomenyerukan",
"KPKyang", "PerwakilanRakyat". Case changes alone do not show these cuts; a
word-frequency list of edited Indonesian text (`data/wordfreq.tsv.gz`, built
by kg.train.wordfreq) does. A token the list does not know is cut where both
sides are words, the most probable cut under a unigram model winning. Names
the list has never seen must survive, so a cut needs clear evidence: the
glued-on word is common, and either the head is a known word (listed, or
standing alone elsewhere in the document) or the glued-on word is long, often
follows a name in edited text (a verb after its subject) and no listed name
ends in it ("Kartanegara" keeps its "negara").

Only cut offsets are returned: the text is never rewritten.
"""
from __future__ import annotations

import bisect
import gzip
import math
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

FILE = "wordfreq.tsv.gz"
MIN_LONG_TAIL = 5  # a glued-on word of six letters or more must be at least this common in edited text ...
MIN_TAIL = 20  # ... a shorter one this common ...
MIN_SHORT_TAIL = 1000  # ... a three-letter one this common ("dan", not the suffix "kan" or the clitic "nya") ...
MIN_TINY_TAIL = 5000  # ... and a two-letter one this common ("di", "ke"), after a head the text shows alone
FUNCTION_WORD = 3000  # so common ("yang", "dan") that it is glued on even where names end in it (Pyongyang),
# and even after an ordinary word ("Tengahini"; "Mikroplastik" is one word the list lacks)
MIN_HEAD = 3  # a head counts as a name when listed this often, capitalised more often than not
LONG_TAIL = 5  # a glued-on word this long needs no known head, unless names end in it ...
AFTER_NAME = 0.2  # ... and if it follows a capitalised word this often (verbs after a subject, not nouns)


@lru_cache(maxsize=None)
def _load() -> tuple[dict[str, int], dict[str, int]]:
    raw = resources.files("kg.data").joinpath(FILE).read_bytes()
    table, after = {}, {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, n, m = line.split("\t")
        table[word] = int(n)
        if m != "0":
            after[word] = int(m)
    return table, after


def counts() -> dict[str, int]:
    """Word → how often edited Indonesian text writes it so (case kept)."""
    return _load()[0]


def follows_names(word: str) -> bool:
    """Whether a lower-case word often follows a capitalised one ("mengatakan", "yang"; not
    "ekonomi"): the kind of word scraping glues onto a name."""
    n = counts().get(word, 0)
    return n > 0 and _load()[1].get(word, 0) / n >= AFTER_NAME


def count(word: str) -> int:
    """How often the word is written so, or in lower case when it is capitalised (a sentence start)."""
    table = counts()
    n = table.get(word, 0)
    if word[:1].isupper() and word[1:].islower():
        n += table.get(word.lower(), 0)
    return n


@lru_cache(maxsize=None)
def _total() -> int:
    return sum(counts().values())


@lru_cache(maxsize=None)
def name_endings() -> frozenset[str]:
    """Common lower-case words that end two listed names or more ("negara" of "Kartanegara" and
    "Jatinegara", "putra" of "Aryaputra" and "Trisaputra"): such a word after a head may be part
    of a name, not glued on. One name is not enough ("Kotawaringin" does not make "ingin" one)."""
    table = counts()
    names = Counter()
    for word, n in table.items():
        if not (word[:1].isupper() and word[1:].islower()) or word.lower() in table:
            continue  # a word also written in lower case ("Meskipun" opening a sentence) is no name
        lower = word.lower()
        names.update({lower[k:] for k in range(MIN_HEAD, len(word) - 1) if table.get(lower[k:], 0) >= MIN_TAIL})
    return frozenset(tail for tail, n in names.items() if n >= 2)


@lru_cache(maxsize=None)
def _sorted_lower() -> list[str]:
    return sorted(w for w in counts() if w.islower())


def _is_stem(head: str) -> bool:
    """Whether several listed words start with the head ("Memper" of "mempercepat", "Anti" of
    "antibiotik"): a prefix or stem of a derived word the list lacks, not a name."""
    words, low = _sorted_lower(), head.lower()
    i = bisect.bisect_right(words, low)
    return bisect.bisect_left(words, low + "\uffff", i) - i >= 3


def _cost(word: str) -> float:
    """-log P(word) under the unigram model; unseen words cost as much as one seen half a time."""
    return -math.log((count(word) + 0.5) / _total())


def cuts(word: str, standalone: Callable[[], frozenset[str]] = frozenset) -> list[int]:
    """Offsets inside `word` (a capitalised word or an acronym, then lower-case letters) where
    scraping glued a word on: "Santosomenyerukan" → [7], "KPKyang" → [3], "DKIJakarta" → [3].

    `standalone()` gives the capitalised words that stand alone in the document: evidence
    that a head is a word of its own.
    """
    if not may_cut(word):
        return []
    upper = _capitals(word)
    if _acronym_before_name(word, upper):
        rest = cuts(word[upper - 1:], standalone)  # "DKIJakartaakan"
        return [upper - 1] + [upper - 1 + c for c in rest]  # "DKIJakarta": an acronym ends before a word
    if upper >= 2:  # an acronym ends where the lower case starts: "KPKyang"
        return [upper] if _common(word[upper:]) else []
    def alone() -> frozenset[str]:  # a common word opening a sentence ("Dan") is no evidence
        return _uncommon(standalone())

    best = None
    for k in range(2, len(word) - 1):
        head, tail = word[:k], word[k:]
        if not _common(tail):
            continue
        known = _known_head(head, alone)
        if not _evidence(word, k, known, alone):
            continue
        rank = (not known, _cost(head) + _cost(tail))  # a head known as a word beats any unknown one
        if best is None or rank < best[0]:
            best = (rank, k)
    return [best[1]] if best else []


@lru_cache(maxsize=1 << 16)  # the same capitalised words recur in article after article
def may_cut(word: str) -> bool:
    """Whether `cuts` may find a cut in the word, whatever the document: most words are listed,
    or no common word ends them. The rules of `cuts` that need no document, asked once per word."""
    if len(word) < 4 or not word[-1].islower() or count(word):
        return False
    upper = _capitals(word)
    if _acronym_before_name(word, upper):
        return True
    if upper >= 2:
        return _common(word[upper:])
    return any(_common(word[k:]) for k in range(2, len(word) - 1))


def _capitals(word: str) -> int:
    """How many ASCII capitals open the word."""
    return len(word) - len(word.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _acronym_before_name(word: str, upper: int) -> bool:
    """An acronym of four capitals or more glued to an unlisted name: "DKIJakarta"."""
    return upper >= 4 and word[upper:].islower() and len(word) - upper >= 3 and not count(word[upper:])


@lru_cache(maxsize=4)
def _uncommon(words: frozenset[str]) -> frozenset[str]:
    """The words that are no common word: once per document (its standalone set), not per glued word."""
    return frozenset(h for h in words if not _common_word(h))


def sure(word: str, cut: int) -> bool:
    """Whether the word glued on at `cut` is long or a function word ("menyatakan", "yang"): a cut
    that holds even where the glued form recurs (a lead paragraph printed twice)."""
    tail = word[cut:]
    return tail.islower() and (len(tail) >= 6 or counts().get(tail, 0) >= FUNCTION_WORD)


def _common(tail: str) -> bool:
    """A lower-case word common enough to have been glued on."""
    n = counts().get(tail, 0) if tail.islower() else 0
    return n >= (MIN_TINY_TAIL if len(tail) <= 2 else MIN_SHORT_TAIL if len(tail) == 3
                 else MIN_TAIL if len(tail) < 6 else MIN_LONG_TAIL)


def _common_word(head: str) -> bool:
    """A capitalised word more often written in lower case ("Kekuatan", "Dan"): no name."""
    table = counts()
    return table.get(head.lower(), 0) >= max(MIN_TAIL, table.get(head, 0))


def _known_head(head: str, standalone: Callable[[], frozenset[str]]) -> bool:
    """A head stands alone in the document, or the list knows it: as a name (more often
    capitalised), or as a common word of five letters or more ("Kekuatan"; "Suka" of
    "Sukamaju" is too short to tell from a name's first syllables)."""
    if head in standalone():
        return True
    table = counts()
    capitalised, lower = table.get(head, 0), table.get(head.lower(), 0)
    return capitalised > max(MIN_HEAD, lower) or (len(head) >= 5 and capitalised + lower >= MIN_TAIL)


def _evidence(word: str, k: int, known_head: bool, standalone: Callable[[], frozenset[str]]) -> bool:
    """Whether word[:k] + word[k:] is two words glued, not one name."""
    head, tail = word[:k], word[k:]
    table = counts()
    common_head = _common_word(head)
    name_like = tail in name_endings() and table[tail] < FUNCTION_WORD and not common_head
    if len(tail) <= 2:  # "Indonesiadi": only after a head the text shows alone ("Setiadi" is a name)
        return head in standalone() and k >= 4 and not name_like
    if k < 3 or (k == 3 and head not in standalone()):
        return False  # "Dimana", "Bersertifikat": prefixes, not words
    if known_head:
        if common_head and table[tail] < FUNCTION_WORD and head not in standalone():
            return False  # "Mikroplastik", "Pascabencana": compounds the list lacks
        if len(tail) == 3 and k < 4:
            return False  # "Ramdan" is no "Ram" + "dan"
        return not name_like or head in standalone()  # "Citytak" where "City" stands alone; not "Simanjuntak"
    # an unknown head: the tail is long, no name ends in it, and no longer word ends the token
    # ("Sutarjoterjatuh" is not "Sutarjoter" + "jatuh": "terjatuh" is a word)
    longer = any(word[i:].lower() in counts() for i in range(max(1, k - 4), k))
    after_a_name = follows_names(tail) or table[tail] >= FUNCTION_WORD  # "mengatakan", "dalam"
    return len(tail) >= LONG_TAIL and after_a_name and not name_like and not longer and not _is_stem(head)


def camel_cut(left: str, right: str, standalone: Callable[[], frozenset[str]] = frozenset) -> bool:
    """Whether `left` + `right` (a capital after a lower-case letter: "PerwakilanRakyat",
    "acuanBI") are two words glued. Brands ("YouTube", "PlayStation") stay whole: one side
    must be a word Indonesian writes in lower case and the other a listed word, or the
    right one must stand alone in the document."""
    if count(left + right):
        return False  # listed as one word: a brand or a name ("AirAsia")
    if left.islower():
        return len(left) >= 3 and _common(left) and (right.isupper() or count(right) > 0 or right in standalone())
    if len(left) < 3 or len(right) < 3:
        return False
    table = counts()
    lower_word = max(table.get(left.lower(), 0), table.get(right.lower(), 0)) >= MIN_TAIL \
        or table.get(right, 0) > max(MIN_TAIL, table.get(right.lower(), 0))  # "MuliaAhmad": a listed name
    if lower_word and count(left) >= MIN_TAIL and (count(right) >= MIN_TAIL or right in standalone()):
        return True  # "PasokKebutuhan", "UpayaBudi"
    return len(right) >= 4 and right in standalone()  # "AliSantoso" where "Santoso" is named alone

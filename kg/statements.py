"""One statement, many reports: quotes of the same speaker with near-identical text are one statement.

Several outlets carry the same sentence of a speaker, sometimes with a word or
a punctuation mark changed. `statement_keys` ties those copies together: each
quote gets the key of its statement, `"<doc>:<start>"` of its earliest copy
(by date, then document, then offset; undated copies count as latest), so a
key points at a real quote and does not depend on the order the quotes come in.

Pure functions over quote records: dicts with `speaker_id`, `text`, `doc`,
`start` and `date` (the rows of quotes.jsonl, or the page's own records).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from kg.disjoint import DisjointSets

SIMILAR = 0.9  # difflib ratio over the words: a changed word in ten still matches
SHINGLE = 4  # words per shingle: copies share most of theirs, different statements few
_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    """The words of a quote, case-folded, punctuation and spacing aside."""
    return tuple(_WORD.findall(text.casefold()))


def _shingles(w: tuple[str, ...]) -> set[tuple[str, ...]]:
    if len(w) <= SHINGLE:
        return {w}  # a short quote matches only itself
    return {w[i:i + SHINGLE] for i in range(len(w) - SHINGLE + 1)}


def same_statement(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Near-identical word sequences."""
    if a == b:
        return True
    if min(len(a), len(b)) < SIMILAR * max(len(a), len(b)):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR


def _order(q: dict) -> tuple:
    return (not q.get("date"), q.get("date") or "", q["doc"], q["start"])


def key_of(q: dict) -> str:
    return f"{q['doc']}:{q['start']}"


def statement_keys(quotes: Sequence[dict]) -> list[str]:
    """The statement key of each quote, in the order given. A quote without a speaker is its own statement."""
    sets = DisjointSets(len(quotes))
    root = sets.find

    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        if q.get("speaker_id"):
            by_speaker[q["speaker_id"]].append(i)
    for members in by_speaker.values():
        if len(members) < 2:
            continue
        w = _join_same_words(quotes, members, sets)  # one quote per wording is compared below
        sh = {i: _shingles(w[i]) for i in w}
        seen: dict[tuple[str, ...], list[int]] = defaultdict(list)  # shingle → earlier quotes holding it
        for i in w:
            shared = Counter(j for s in sh[i] for j in seen[s])
            for j, n in shared.items():
                # a candidate shares at least half its shingles; only those are compared word by word
                if n * 2 >= min(len(sh[i]), len(sh[j])) and root(i) != root(j) and same_statement(w[i], w[j]):
                    sets.join(i, j)
            for s in sh[i]:
                seen[s].append(i)
    first: dict[int, int] = {}
    for i in sorted(range(len(quotes)), key=lambda i: _order(quotes[i])):
        first.setdefault(root(i), i)
    return [key_of(quotes[first[root(i)]]) for i in range(len(quotes))]


def _join_same_words(quotes: Sequence[dict], members: list[int], sets: DisjointSets) -> dict[int, tuple[str, ...]]:
    """Join the quotes of one speaker that have the same words; the first of each wording → its words.

    Copies of one report (a corpus that holds an article twice, outlets that carry
    the same text) would otherwise each be compared with every other copy."""
    first: dict[tuple[str, ...], int] = {}
    read: dict[str, tuple[str, ...]] = {}  # text → its words, read once
    for i in members:
        text = quotes[i]["text"]
        w = read[text] if text in read else read.setdefault(text, words(text))
        if w in first:
            sets.join(first[w], i)
        else:
            first[w] = i
    return {i: w for w, i in first.items()}


def group(quotes: Sequence[dict]) -> list[list[dict]]:
    """The quotes as statements: lists of copies, each list in date order (then article), the lists in the
    order of their first copy."""
    out: dict[str, list[dict]] = {}
    for q, k in zip(quotes, statement_keys(quotes)):
        out.setdefault(k, []).append(q)
    for copies in out.values():
        copies.sort(key=_order)
    return sorted(out.values(), key=lambda c: _order(c[0]))

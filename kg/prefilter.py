"""A cheap exact pre-test for case-insensitive regex searches over long lines.

`re` has no fast scan for a case-insensitive pattern: it tries the pattern at
every position of the line. Most patterns cannot match without some literal
word ("foto", "http"): lower-casing the line once and looking for those words
with `in` (a fast substring search) rules out almost every line, and the
regex runs only on the rest. The words are read off the parsed patterns, so
the pre-test says no only where the pattern could not have matched.
"""
from __future__ import annotations

import re
from collections.abc import Callable

try:  # Python 3.11+
    from re import _constants as _c, _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _parser

MIN_NEEDLE = 2  # one character rules out too few lines to be worth a test
# Text characters that IGNORECASE matches to an ASCII letter but str.lower() does not turn into it
# ("ı" matches "i", "ſ" matches "s"): a line holding one is always given to the regexes.
_ODD_CASE = "İıſ"  # (tested one by one below: a generator costs more than the tests)


def any_search(patterns: list[str], flags: int = re.IGNORECASE, at_start: bool = False) -> Callable[[str], bool]:
    """Whether any of the patterns occurs in a line (each searched on its own, or matched at the
    line's start), the patterns with literal words tried only on lines that hold one of their words."""
    plain, tested = [], []
    for pattern in patterns:
        compiled = re.compile(pattern, flags)
        search = compiled.match if at_start else compiled.search
        needles = _needles(_parser.parse(pattern, flags))
        (tested if needles else plain).append((needles, search))

    def test(line: str) -> bool:
        if any(search(line) for _, search in plain):
            return True
        if not tested:
            return False
        if not line.isascii() and ("İ" in line or "ı" in line or "ſ" in line):  # _ODD_CASE
            return any(search(line) for _, search in tested)
        folded = line.lower()  # one pass over the line; `in` then searches it fast, unlike re.IGNORECASE
        return any(any(n in folded for n in needles) and search(line) for needles, search in tested)
    return test


def _needles(seq) -> tuple[str, ...] | None:
    """Lower-case literals one of which any match of the parsed pattern contains, or None."""
    best: tuple[str, ...] | None = None
    run: list[str] = []

    def keep(found):
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, av in list(seq) + [(None, None)]:  # a sentinel ends the last run
        if op is _c.LITERAL and _plain(chr(av)):
            run.append(chr(av).lower())
            continue
        if len(run) >= MIN_NEEDLE:
            keep(("".join(run),))
        run = []
        if op is _c.SUBPATTERN:
            keep(_needles(av[-1]))
        elif op is _c.BRANCH:
            alternatives = [_needles(alt) for alt in av[1]]
            if all(alternatives):
                keep(tuple(n for alt in alternatives for n in alt))
    return best


def _plain(ch: str) -> bool:
    """A character that IGNORECASE matches only to itself or, for an ASCII letter, to the
    characters that str.lower() turns into the same letter (besides _ODD_CASE)."""
    return ch.isascii() or ch == ch.lower() == ch.upper()

"""kg.prefilter: the literal-word pre-test never changes whether a case-insensitive pattern matches."""
import re

import pytest

from kg.prefilter import any_search

PATTERNS = [r"\bsalju\s*:\s*\w+$", r"(kabut|embun)\s+(pagi|sore)\b", "♬", r"https?://(www\.)?contoh\.test/"]
LINES = [
    "Salju: tebal", "hari ini SALJU : tipis", "kabut   SORE turun", "Embun pagi", "lagu ♬ itu",
    "HTTP://contoh.TEST/a", "https://www.contoh.test/", "tanpa apa-apa", "ſalju: x",  # long s matches "s"
    "kabut pagİ", "embun ſore", "Kabut PAGI", "salju:", "", "“Salju: dingin”",
]


@pytest.mark.parametrize("line", LINES)
def test_any_search_agrees_with_the_regexes(line):
    expected = any(re.search(p, line, re.IGNORECASE) for p in PATTERNS)
    assert any_search(PATTERNS)(line) == bool(expected)


@pytest.mark.parametrize("line", LINES)
def test_at_start_agrees_with_match(line):
    pats = [r".{0,20}salju", r"\s*kabut\b"]
    expected = any(re.match(p, line, re.IGNORECASE) for p in pats)
    assert any_search(pats, at_start=True)(line) == bool(expected)

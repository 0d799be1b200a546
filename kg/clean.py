"""Find the article body inside a scraped page.

Cleaning never rewrites the text: it returns the spans of the body's
paragraphs (one per line), so every later offset still points into the text
as read. Site furniture is recognised by the patterns in `data/junk.txt` and `kg/site.py`,
by repetition (a headline printed twice) and by shape (a one-word section
label, a byline).
"""
from __future__ import annotations

import re
import unicodedata

from kg import lexicon, site

_LINE = re.compile(r"[^\r\n]+")
_WORD = re.compile(r"\w+")
_SENTENCE_MARK = re.compile(r"[.!?\"”]")
MAX_PARAGRAPH = 20_000  # a "paragraph" longer than this is cut into pieces (no-newline dumps)


def body_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the lines that belong to the article body."""
    tests = lexicon.junk_matchers()
    is_end, is_junk = tests["end"], tests["line"]
    spans: list[tuple[int, int]] = []
    seen: set[str] = set()
    for m in _LINE.finditer(text):
        start, end = _strip(text, m.start(), m.end())
        if start >= end:
            continue
        line = text[start:end]
        if spans and is_end(line):
            break
        if is_junk(line) or site.is_link_line(line):
            continue
        byline = site.byline_end(line)
        if byline is not None:  # "Laporan Wartawan Kabar.com, Budi KABAR.COM, JAKARTA - ...": furniture up to the dateline
            start, end = _strip(text, start + byline, end)
            if start >= end:
                continue
            line = text[start:end]
        key = _key(line)
        if not key or key in seen:  # repeated headline or caption
            continue
        seen.add(key)
        if _is_label(line):
            continue
        credit = site.credit_start(line)
        if credit:  # "... tahun 1962. – Rappler.com": the source, not the text
            end = start + credit
        spans.extend(_cut(start, end))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or not text[start].isprintable()):
        start += 1
    while end > start and (text[end - 1].isspace() or not text[end - 1].isprintable()):
        end -= 1
    return start, end


def _key(line: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", line).casefold()))


def _is_label(line: str) -> bool:
    """A section label ("Politics", "WORLD") or other short line without a sentence."""
    return not _SENTENCE_MARK.search(line) and len(_WORD.findall(line)) <= 2  # the cheap test first


def _cut(start: int, end: int) -> list[tuple[int, int]]:
    return [(s, min(s + MAX_PARAGRAPH, end)) for s in range(start, end, MAX_PARAGRAPH)]

"""Site furniture: what news sites print around and inside an article's body.

The one place for what cleaning (which lines are the body), segmenting (where a
word ends) and extraction (which names are entities) know about news sites:
outlets and their domain names, the "Outlet.com, Place –" dateline, links to
other articles ("Baca juga: ...") and source credits ("– Rappler.com").
The words are in kg/data/outlets.txt and kg/data/link_lines.txt.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg import lexicon


def _either(words) -> str:
    return "|".join(re.escape(w) for w in words)


def _cased(words, upper: bool = False) -> str:
    """Each word capitalised or in lower case (and in capitals): "Baca|baca|BACA"; a word that
    starts with a capital may stand glued to the word before it ("ujarnyaBaca juga:")."""
    lower = "|".join(re.escape(w.lower()) for w in words)
    caps = "|".join(re.escape(f) for w in words for f in dict.fromkeys((w.capitalize(), w.title()) + ((w.upper(),) if upper else ())))
    return rf"\b(?:{lower})|(?=[A-Z])(?:\b|(?<=[a-z]))(?:{caps})"


_SUFFIXES = lexicon.outlets()["domains"]  # co.id com net org id tv


def domain_pattern(after: str = "") -> str:
    """A news site's domain name: "Liputan6.com", "Viva.co.id" or, all in capitals, "TRIBUNNEWS.COM"."""
    return (rf"[A-Za-z][A-Za-z0-9]*\.(?:{_either(_SUFFIXES)}){after}"
            rf"|[A-Z][A-Z0-9]*\.(?:{_either(s.upper() for s in _SUFFIXES)}){after}")


_DOMAIN = re.compile(domain_pattern())


def is_outlet(word: str) -> bool:
    """A news site by its domain ("Liputan6.com") or a camel-case outlet name ("detikNews")."""
    if "." in word:
        return bool(_DOMAIN.fullmatch(word))
    pre = lexicon.outlet_prefixes()
    return word.startswith(pre) and any(len(word) > len(p) and word.startswith(p) and word[len(p)].isupper()
                                        for p in pre)


def is_outlet_name(name: str) -> bool:
    """An outlet by its domain or camel-case name, or an outlet or agency listed by name ("Reuters")."""
    return is_outlet(name) or name in lexicon.outlets()["names"]


# what follows an outlet that opens a line: ", Place -" of "Outlet.com, Place - ..."
_DATELINE_AFTER = re.compile(r",\s*[A-Z][\w .]*?\s*[-–—]+\s*")
_BYLINE_SHORT = 150  # a byline alone on its line is no longer than this
_DATELINE_MARK = re.compile(r"\s*[,–—-]")  # "KABAR.COM, PLACE", "KABAR.COM - ", "KABAR.COM -- "


def byline_end(line: str) -> int | None:
    """Where a reporter's byline that opens the line ends (kg/data/junk.txt [byline]): at the outlet of
    the dateline after it ("Laporan Wartawan Kabar.com, Budi KABAR.COM, JAKARTA - ..."), or at the end
    of a short line that holds the byline alone. None when the line opens with no byline."""
    pattern = lexicon.byline()
    m = pattern.match(line) if pattern else None
    if not m:
        return None
    for d in _DOMAIN.finditer(line, m.end(), m.end() + 120):
        if line[m.end():d.start()].strip() and _DATELINE_MARK.match(line, d.end()):
            return d.start()  # the dateline's outlet, not the reporter's right after "Laporan Wartawan"
    return len(line) if len(line) <= _BYLINE_SHORT else None


def _opening(text: str, i: int) -> int:
    """Where the line holding text[i] opens, past a reporter's byline that stands before i."""
    line_start = text.rfind("\n", 0, i) + 1
    pattern = lexicon.byline()
    if not pattern or not pattern.match(text[line_start:min(i, line_start + 200)]):  # "^" holds at pos 0 only
        return line_start
    line_end = text.find("\n", i)
    cut = byline_end(text[line_start:line_end if line_end >= 0 else len(text)])
    return line_start + cut if cut is not None and line_start + cut <= i else line_start


def is_dateline(text: str, outlet_start: int, outlet_end: int, place_start: int) -> bool:
    """"Outlet.com, Place": an outlet's name opens its line and only a comma stands before the place."""
    line_start = _opening(text, outlet_start)
    return not text[line_start:outlet_start].strip() and text[outlet_end:place_start].strip() == "," \
        and is_outlet_name(text[outlet_start:outlet_end])


def after_dateline_outlet(text: str, i: int) -> bool:
    """Whether text[i] starts the place of a dateline: "Outlet.com, " from the line's start up to i."""
    line_start = _opening(text, i)
    comma = text.rfind(",", line_start, i)
    return comma > line_start and is_dateline(text, line_start, line_start + len(text[line_start:comma].rstrip()), i)


def dateline_end(text: str, outlet_start: int, outlet_end: int) -> int | None:
    """Where "Outlet.com, Place - " ends when the outlet text[outlet_start:outlet_end] opens its
    line; None when it is no dateline."""
    line_start = _opening(text, outlet_start)
    if text[line_start:outlet_start].strip() or not is_outlet_name(text[outlet_start:outlet_end]):
        return None
    after = _DATELINE_AFTER.match(text, outlet_end, outlet_end + 40)
    return after.end() if after else None


# a source credit closing the last paragraph: "... tahun 1962. – Rappler.com", "... (ant)"
_CREDIT = re.compile(rf"\s+(?:[–—-]\s*[\w.]+\.(?:{_either(_SUFFIXES)})|\((?:[a-z][a-z0-9]{{1,4}}/)?[a-z][a-z0-9]{{1,4}}\))\s*$")


_CREDIT_ENDS = (")", *_SUFFIXES)  # how a line with a credit ends, before its trailing spaces


def credit_start(line: str) -> int | None:
    """Where a source credit closing a paragraph starts, or None."""
    if not line.rstrip().endswith(_CREDIT_ENDS):
        return None  # most paragraphs: the search below would try every space of the line
    m = _CREDIT.search(line)
    return m.start() if m else None


_WORDS = lexicon.link_words()
# a line that only links to another article: "Baca juga: ...", "Simak video ..."
_LINK_LINE = re.compile(
    rf"^\s*(?:{_either(_WORDS['colon'])})( (?:{_either(_WORDS['also'])}))?\s*:"
    rf"|^\s*(?:{_either(_WORDS['verbs'])}) (?:{_either(_WORDS['also'])})\s*:"
    rf"|^\s*(?:{_either(_WORDS['verbs'])})\s+(?:(?:{_either(_WORDS['also'])})\s+)?(?:{_either(_WORDS['topics'])})\b"
    rf"|^\s*(?:{_either(_WORDS['colon'] + _WORDS['verbs'])})\s+(?:{_either(_WORDS['also'])})\b(?=.{{0,250}}$)",  # 'Tonton juga "Title" di sini:'
    re.IGNORECASE)
# where a link to another article starts inside the body: "(baca: ...)", "Tonton juga ..."
_LINK = re.compile(rf"(?:{_cased(_WORDS['colon'], upper=True)})\s*(?:(?:{_cased(_WORDS['also'], upper=True)})\s*)?:"
                   rf"|(?=[A-Z])(?:\b|(?<=[a-z]))(?:{_either(w.capitalize() for w in _WORDS['colon'] + _WORDS['verbs'])})"
                   rf"\s+(?:{_cased(_WORDS['also'])})(?:\b|(?=[A-Z]))")
# a paragraph that opens with a link ("Baca juga ...", "Tonton juga ..."), with or without a colon
_OPENS_WITH_LINK = re.compile(rf"\s*(?:(?:{_either(_WORDS['colon'] + _WORDS['verbs'])})\s+(?:{_either(_WORDS['also'])})\b"
                              rf"|(?:{_either(_WORDS['colon'])})\s*:)", re.IGNORECASE)
_TITLE_WORD = re.compile(r"[\w#@$%&'’.,:/-]+|[\"“”]")
_TITLE_SMALL = frozenset(_WORDS["title_small"])


def is_link_line(line: str) -> bool:
    return bool(_LINK_LINE.match(line))


def opens_with_link(text: str, start: int, end: int) -> bool:
    """Does the paragraph text[start:end] open with a link to another article? Its quoted title
    is no speech (convention 7)."""
    return _OPENS_WITH_LINK.match(text, start, end) is not None


@lru_cache(maxsize=4)  # asked twice per document (kg.extract.entities.PASSES)
def link_titles(text: str) -> tuple[tuple[int, int], ...]:
    """Where links to other articles stand inside the body: "(baca: Title)", 'Tonton juga "Title"',
    or "Baca: A Title In Capitals" up to the next sentence (its first capitalised words left out)."""
    out = []
    for m in _link_matches(text):
        start = end = m.end()
        rest = text[end:end + 300]
        if text[max(0, m.start() - 2):m.start()].strip() == "(":
            close = rest.find(")")
            out.append((start, end + (close if close >= 0 else len(rest))))
            continue
        lead = rest.lstrip()
        if lead[:1] in "\"“":
            close = next((i for i, c in enumerate(lead[1:], 1) if c in "\"”"), len(lead))
            out.append((start, end + len(rest) - len(lead) + close))
            continue
        out.append((start, _title_end(rest, end)))
    return tuple(out)


# each way _LINK's first word may be written: the pattern is tried only where one of them stands
_LINK_FORMS = tuple(dict.fromkeys(f for w in _WORDS["colon"] + _WORDS["verbs"]
                                  for f in (w.lower(), w.capitalize(), w.title(), w.upper())))


def _link_matches(text: str) -> Iterator[re.Match]:
    """The matches of _LINK.finditer(text), found faster: str.find picks the few places where
    a match can start, instead of the pattern being tried at every position of the text."""
    starts = sorted({i for form in _LINK_FORMS for i in _find_all(text, form)})
    end = 0
    for i in starts:
        if i >= end and (m := _LINK.match(text, i)):
            end = m.end()
            yield m


def _find_all(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def _title_end(rest: str, end: int) -> int:
    """Where a link's Title In Capitals ends: before the capitalised words that start the next sentence."""
    caps: list[re.Match] = []  # the capitalised run just before where the title ends
    last = end
    for w in _TITLE_WORD.finditer(rest):
        tok = w.group()
        if tok in "\"“”" or "\n" in rest[:w.start()][last - end:]:
            caps = []
            break
        if tok[:1].isupper() or tok[:1].isdigit() or not tok[:1].isalnum():
            caps = caps + [w] if tok[:1].isupper() else []
        elif tok.casefold() in _TITLE_SMALL:
            caps = []
        else:
            break
        last = end + w.end()
    if caps:  # the next sentence starts with the capitalised word(s) before the stop: "Hal ini", "Menurut Budi, ia"
        back = caps[-2] if len(caps) > 1 and caps[-1].group().endswith(",") else caps[-1]
        last = end + back.start()
    return last

"""Article metadata: title, publication date and URL.

Three sources, in this order: the fields of a JSONL record; an `index.csv`
beside the article files (the way scrapers commonly save their work:
`id,title,date,url,...`, one row per article file); the dateline in the text
("Jakarta, Kamis (20/1/2022)", "18 Jun 2025, 14:05 WIB", "Senin, 6 Oktober
2025"). Dates come out as ISO 8601 days ("2022-01-20"); a date that cannot
be read stays empty: nothing is guessed (no year is filled in, no weekday is
turned into "last Thursday").

Weekday and month names come from Babel's CLDR data (Indonesian and English);
"20/1/2022" and "6 Oktober 2025" are read with them, and dateparser reads the
other date strings found (other month spellings, "November 24, 2024"), only ever
asked about a full day, month and year (its first use costs about a second).
"""
from __future__ import annotations

import csv
import datetime as dt
import logging
import os
import re
from functools import lru_cache
from pathlib import Path

from kg import lexicon

log = logging.getLogger(__name__)

INDEX_NAME = "index.csv"
DATELINE_WINDOW = 1500  # characters at the top of an article where a dateline sits
BYLINE_WORDS = 4  # words besides the date (and time) on a timestamp or byline line
_WORDS = re.compile(r"\b(?!\d|WIB\b|WITA\b|WIT\b|GMT\b|UTC\b)\w+", re.IGNORECASE)  # times and zones aside
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


@lru_cache(maxsize=None)
def _weekdays() -> dict[str, int]:
    """Weekday names, Indonesian and English, long and short (CLDR via Babel) → 0 (Monday) … 6."""
    from babel.dates import get_day_names

    return {name.casefold(): num for loc in ("id", "en") for width in ("wide", "abbreviated")
            for num, name in get_day_names(width, locale=loc).items()}


_MONTH = r"[^\W\d_]{3,10}\.?"  # any word: dateparser decides whether it names a month ("Agt", "Agu", "Agustus")


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


@lru_cache(maxsize=None)
def _date_before_year() -> re.Pattern:
    """A date ending at a year (searched up to each year found): the years are few, the words many."""
    return re.compile(
        r"(?:\b\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)"  # 20/1/2022, 20-01-2022
        rf"|\b\d{{1,2}}\s+{_MONTH}\s+"  # 6 Oktober 2025, 18 Jun 2025
        rf"|\b{_MONTH}\s+\d{{1,2}},?\s+)\d{{4}}$")  # November 24, 2024


@lru_cache(maxsize=None)
def _weekday_before() -> re.Pattern:
    return re.compile(rf"\b(?P<weekday>{_alternation(_weekdays())})\b[,\s]*\(?\s*$", re.IGNORECASE)


def _dates_in(text: str):
    """(start, end, date string) of every full date in the text, in order."""
    core = _date_before_year()
    for y in _YEAR.finditer(text):
        m = core.search(text, max(0, y.start() - 30), y.end())
        if m:
            yield m.start(), m.end(), m.group()


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4096)
def parse_date(value: str) -> str:
    """A date string → "YYYY-MM-DD", or "" when it does not name a day, month and year."""
    if not value or not value.strip():
        return ""
    m = _ISO.match(value)
    if m:
        try:
            return dt.date(*map(int, m.groups())).isoformat()
        except ValueError:
            return ""
    found = next(_dates_in(value.replace("'", "").replace("’", "")), None)
    return _dateparser(found[2]) if found else ""  # no explicit day, month and year: no date


_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3,10})\.? (\d{4})")  # "20 Des 2024", "6 Oktober 2025"


@lru_cache(maxsize=None)
def _months() -> dict[str, int]:
    """Month names and abbreviations, Indonesian and English (CLDR via Babel), casefolded → 1 … 12."""
    from babel.dates import get_month_names

    return {name.casefold(): num for loc in ("id", "en") for width in ("wide", "abbreviated")
            for num, name in get_month_names(width, locale=loc).items()}


@lru_cache(maxsize=4096)
def _dateparser(value: str) -> str:
    """A date string found by `_dates_in` (apostrophes already dropped by the callers) → ISO day or ""."""
    numeric = _NUMERIC.fullmatch(value)
    plain = _DAY_MONTH_YEAR.fullmatch(value) if not numeric else None
    month = _months().get(plain.group(2).casefold()) if plain else None
    if numeric or month:  # day/month/year, the Indonesian order, or a month CLDR names: no need of dateparser
        d, m, y = map(int, numeric.groups()) if numeric else (int(plain.group(1)), month, int(plain.group(3)))
        try:
            return dt.date(y, m, d).isoformat()
        except ValueError:
            return ""
    import dateparser  # noqa: PLC0415 - loads its language data on first use only

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY",
                "PREFER_LOCALE_DATE_ORDER": False, "RETURN_AS_TIMEZONE_AWARE": False,
                "PARSERS": ["absolute-time"]}  # never "kemarin" → yesterday
    try:
        got = dateparser.parse(value, languages=["id", "en"], settings=settings)
    except (ValueError, OverflowError):
        got = None
    return got.date().isoformat() if got else ""


def dateline(text: str) -> str:
    """The publication date printed at the top of an article, or "".

    Two shapes count. A date with its weekday after a comma or at a line start,
    the Indonesian dateline ("Jakarta, Kamis (20/1/2022)", "Senin, 6 Oktober
    2025"), and only when the weekday fits the date (a typed-wrong year fails).
    Or a date on a short line of its own: a timestamp or byline line ("Budi •
    18 Jun 2025, 14:05 WIB"). A date in a running sentence ("sejak 17 Agustus
    1945", "pada Selasa (14/5/2024)") is an event, not the dateline.
    """
    head = text[:DATELINE_WINDOW].replace("'", "").replace("’", "")
    for start, end, date in _dates_in(head):
        line_start = head.rfind("\n", 0, start) + 1
        line_end = head.find("\n", end)
        line_end = line_end if line_end >= 0 else len(head)
        day = _weekday_before().search(head, line_start, start)
        if day:
            before = head[line_start:day.start()].rstrip()
            if before and before[-1] not in ",•|-–—":
                continue
        elif len(_WORDS.findall(head[line_start:start] + " " + head[end:line_end])) > BYLINE_WORDS:
            continue
        found = _dateparser(date)
        if found and (not day or _weekdays()[day.group("weekday").casefold()] == dt.date.fromisoformat(found).weekday()):
            return found
    return ""


def _first(row: dict, keys: tuple[str, ...]) -> str:
    for k in keys:
        v = row.get(k)
        if isinstance(v, str) and v.strip():
            return v.strip()
    return ""


def fields(row: dict) -> tuple[str, str, str]:
    """(title, date, url) from a JSONL record or an index row; the first readable date field wins."""
    row = {str(k).strip().lower(): v for k, v in row.items()}
    cols = lexicon.index_columns()  # kg/data/index_columns.txt
    date = next((d for d in (parse_date(row[k]) for k in cols["date"] if isinstance(row.get(k), str)) if d), "")
    return _first(row, cols["title"]), date, _first(row, cols["url"])


def load_index(folder: str) -> dict[str, tuple[str, str, str]]:
    """index.csv in `folder` → {id, file name or stem: (title, date, url)}; {} when absent or unreadable."""
    path = Path(folder) / INDEX_NAME
    try:
        st = path.stat()
    except OSError:
        return {}
    return _load_index(str(path), st.st_mtime_ns, st.st_size)  # read again when the file changes


@lru_cache(maxsize=64)
def _load_index(path: str, mtime_ns: int, size: int) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            for raw in csv.DictReader(f):
                row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
                meta = fields(row)
                for k in lexicon.index_columns()["id"]:
                    v = (row.get(k) or "").strip()
                    if v:
                        out.setdefault(v, meta)
                        out.setdefault(Path(v).name, meta)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        log.warning("cannot read %s: %s", path, e)
        return {}
    return out


def from_index(path: Path) -> tuple[str, str, str] | None:
    """The index row for an article file: index.csv in its folder, or in the parent (`articles/` layout)."""
    for folder in (path.parent, path.parent.parent):
        index = load_index(str(folder))
        hit = index.get(path.name) or index.get(path.stem)
        if hit:
            return hit
    return None


def outlet(path: str, url: str) -> str:
    """Who published an article: the source column of the index.csv row for its file (`path`), else
    the host of its URL without "www."; "" when neither is known."""
    folder, name = os.path.split(path)
    stem = os.path.splitext(name)[0]
    for f in (folder, os.path.dirname(folder)):
        found = _index_sources(f)
        hit = found.get(name) or found.get(stem)
        if hit:
            return hit
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or "" if url.lower().startswith(("http://", "https://")) else ""
    except ValueError:
        host = ""
    return host.removeprefix("www.")


def _index_sources(folder: str) -> dict[str, str]:
    path = os.path.join(folder, INDEX_NAME)
    try:
        st = os.stat(path)
    except OSError:
        return {}
    return _load_sources(path, st.st_mtime_ns, st.st_size)  # read again when the file changes


@lru_cache(maxsize=64)
def _load_sources(path: str, mtime_ns: int, size: int) -> dict[str, str]:
    """index.csv → {id, file name or stem: source}, for rows that name one."""
    out: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            for raw in csv.DictReader(f):
                row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
                source = _first(row, lexicon.index_columns()["source"])
                for k in lexicon.index_columns()["id"] if source else ():
                    v = (row.get(k) or "").strip()
                    if v:
                        out.setdefault(v, source)
                        out.setdefault(Path(v).name, source)
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}  # _load_index has said so
    return out

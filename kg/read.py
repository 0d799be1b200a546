"""Find input documents and decode them, tolerating what scrapers leave behind.

`iter_inputs` walks files and folders in a stable order and yields an
`Article` for every usable document and a `Skipped` (with a one-line reason)
for everything else; it never raises for a bad file, so one bad input cannot
stop a build. Documents are yielded one at a time: memory stays bounded.
Web pages (.html) give their article body (trafilatura), and a text of fewer
than MIN_WORDS words is skipped as too short to be an article.
"""
from __future__ import annotations

import codecs
import html
import itertools
import json
import logging
import os
import queue
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from kg import meta
from kg.records import Article, Skipped

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}  # a scraper's saved page: the article body is extracted
READ_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
SUPPORTED = ", ".join(sorted(READ_SUFFIXES))
# Fewer words than this is not an article ("hi", a stray "test" file): nothing
# to find in it, and counting it as a document misleads. Words hold a letter.
MIN_WORDS = 3
_WORD = re.compile(r"\w*[^\W\d_]\w*")
MAX_BYTES = 20_000_000  # larger files are not news articles; say so rather than stall

# File signatures of common binary formats that turn up renamed as .txt
_MAGIC = {
    b"%PDF": "a PDF file", b"\x89PNG": "a PNG image", b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)",
    b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable", b"\xd0\xcf\x11\xe0": "an old Office document", b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7z archive", b"SQLite format": "an SQLite database",
}


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding). Raises ValueError when the bytes are not text."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ValueError(f"not a text file: looks like {what}")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                     (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc), enc.replace("-sig", "")
    if data[:4000].count(b"\x00") > len(data[:4000]) // 4:
        # UTF-16 without a BOM is mostly NUL bytes in every other position
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
        raise ValueError("not a text file: binary content (many NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # valid UTF-8 is text unless it is mostly C0 control characters (C1 ones come from mojibake)
        if not _looks_like_text(text, c1=False, limit=0.3):
            raise ValueError("not a text file: mostly control characters")
        return text, "utf-8"
    # Windows-1252 is a superset of Latin-1 for the printable range and is what
    # Indonesian Windows exports use; Latin-1 takes the bytes cp1252 leaves undefined.
    try:
        text, enc = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, enc = data.decode("latin-1"), "latin-1"
    if not _looks_like_text(text):
        raise ValueError("not a text file: undecodable binary content")
    return text, enc


_C0 = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_C0_C1 = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _looks_like_text(text: str, c1: bool = True, limit: float = 0.1) -> bool:
    sample = text[:4000]
    if not sample:
        return True
    bad = len((_C0_C1 if c1 else _C0).findall(sample))
    return bad / len(sample) < limit


_CHAR_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# zero-width space and joiners, left-to-right/right-to-left marks, bidirectional embeddings and
# isolates, word joiner and invisible operators, BOM, soft hyphen, Mongolian vowel separator:
# invisible, yet they would cut a word or a quote in two
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e]")
_NO_BREAK_SPACE = str.maketrans({"\u00a0": " ", "\u202f": " "})


# the first character of UTF-8 text decoded as Windows-1252 ("AntÃ³nio", "â€œKami" for "“Kami")
_MOJIBAKE_LEAD = re.compile("[ÂÃÄÅâãðŸ]")


def as_read(text: str) -> str:
    """The text kg reads and every offset indexes: UTF-8 that a scraper decoded as Windows-1252
    repaired ("AntÃ³nio" → "António", by ftfy), HTML character references that scrapers leave
    in text ("&ldquo;", "&amp;", "&#8221;") decoded, invisible marks dropped, no-break spaces as
    spaces. References need their closing ";" ("R&D", "?a=1&b=2" stay as they are)."""
    if _MOJIBAKE_LEAD.search(text):
        import ftfy  # noqa: PLC0415 - only texts that may hold mojibake pay for the import
        text = ftfy.fix_encoding(text)
    if "&" in text:
        text = _CHAR_REF.sub(lambda m: html.unescape(m.group()), text)
    return _INVISIBLE.sub("", text).translate(_NO_BREAK_SPACE)


def iter_inputs(inputs: Iterable[str | os.PathLike]) -> Iterator[Article | Skipped]:
    """Yield articles (and skips) from files and folders, in sorted path order."""
    paths: list[Path] = []
    for given in inputs:
        p = Path(given)
        if p.is_symlink() and not p.exists():
            yield Skipped(str(p), "broken symlink")
        elif not p.exists():
            yield Skipped(str(p), "no such file or folder")
        elif p.is_dir():
            yield from _walk(p, paths)
        else:
            paths.append(p)
    seen: set[str] = set()
    folders: dict[Path, str] = {}
    for p in sorted(set(paths), key=lambda q: str(q)):
        real = _realpath(p, folders)
        if real in seen:  # the same file reached twice (symlink, repeated argument)
            continue
        seen.add(real)
        yield from read_path(p)


T = TypeVar("T")
_END = object()


def read_ahead(items: Iterable[T], size: int) -> Iterator[T]:
    """The items of `items`, produced by a thread that runs up to `size` items ahead of the consumer.

    A build reads its inputs while it waits: for the workers to start (they
    import torch first), or for their results. Errors are raised in the consumer,
    and the thread stops when the consumer does.
    """
    buf: queue.Queue = queue.Queue(maxsize=size)
    stop = threading.Event()

    def put(entry) -> bool:
        while not stop.is_set():
            try:
                buf.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def fill() -> None:
        try:
            for item in items:
                if not put((item, None)):
                    return
            put((_END, None))
        except Exception as e:  # noqa: BLE001 - raised where the items are used
            put((_END, e))

    threading.Thread(target=fill, name="kg-read-ahead", daemon=True).start()
    try:
        while True:
            item, error = buf.get()
            if item is _END:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()


def count_documents(inputs: Iterable[str | os.PathLike], at_least: int | None = None) -> int:
    """How many items `iter_inputs` will yield, for a progress bar: it walks the
    folders and counts JSONL lines without decoding anything. With `at_least`,
    it stops after the first inputs that give that many (the answer is then a
    lower bound): on ten folders of articles, one may be enough to say "many"."""
    n, paths, real = 0, [], {}
    folders: dict[Path, str] = {}
    for given in inputs:
        p = Path(given)
        if p.is_dir():
            n += sum(1 for _ in _walk(p, paths))
        elif p.exists():
            paths.append(p)
        else:
            n += 1
        for q in paths:
            if real.setdefault(_realpath(q, folders), q) is q:  # the same file reached twice counts once
                n += _count_records(q) if q.suffix.lower() in JSONL_SUFFIXES else 1
        paths.clear()
        if at_least is not None and n >= at_least:
            break
    return n


def _realpath(p: Path, folders: dict[Path, str]) -> str:
    """os.path.realpath(p), with each folder resolved once (`folders`) for all its files: realpath
    looks at every component of every path, a dozen system calls per article of a corpus."""
    if p.name in ("", ".", "..") or p.is_symlink():
        return os.path.realpath(p)
    if p.parent not in folders:
        folders[p.parent] = os.path.realpath(p.parent)
    return os.path.join(folders[p.parent], p.name)


def _count_records(p: Path) -> int:
    try:
        if p.stat().st_size > MAX_BYTES:
            return 1
        return max(1, sum(1 for line in p.read_bytes().splitlines() if line.strip()))
    except OSError:
        return 1


def _walk(root: Path, out: list[Path]) -> Iterator[Skipped]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            if p.is_symlink() and not p.exists():
                yield Skipped(str(p), "broken or looping symlink")
            elif p.suffix.lower() in READ_SUFFIXES:
                out.append(p)
            else:
                yield Skipped(str(p), f"not an article file ({p.suffix.lower() or 'no extension'}); "
                                      f"kg reads {SUPPORTED} in folders")


def read_path(p: Path) -> Iterator[Article | Skipped]:
    try:
        size = p.stat().st_size
    except OSError as e:
        yield Skipped(str(p), f"cannot read: {e.strerror or e}")
        return
    if size > MAX_BYTES:
        yield Skipped(str(p), f"too large for a news article ({size / 1e6:.0f} MB > {MAX_BYTES / 1e6:.0f} MB)")
        return
    try:
        data = p.read_bytes()
    except OSError as e:
        yield Skipped(str(p), f"cannot read: {e.strerror or e}")
        return
    if p.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(p, data)
        return
    try:
        text, enc = decode(data)
    except ValueError as e:
        yield Skipped(str(p), str(e))
        return
    page = ("", "", "")  # title, date, URL declared by a web page's markup
    if p.suffix.lower() in HTML_SUFFIXES and text.strip():
        try:
            text, *page = html_page(text)
        except ValueError as e:
            yield Skipped(str(p), str(e))
            return
    text = as_read(text)
    if not text.strip():
        yield Skipped(str(p), "empty file" if not text else "only whitespace")
        return
    if short := too_short(text):
        yield Skipped(str(p), short)
        return
    title, date, url = meta.from_index(p) or page
    yield Article(doc=p.name, text=text, source=str(p), encoding=enc,
                  title=title, date=date or meta.dateline(text), url=url)


def too_short(text: str) -> str | None:
    """The reason a text is too short to be an article, or None."""
    n = sum(1 for _ in itertools.islice(_WORD.finditer(text), MIN_WORDS))
    if n < MIN_WORDS:
        return f"too short to be an article ({n} word{'' if n == 1 else 's'}; kg needs at least {MIN_WORDS})"
    return None


def html_page(html: str) -> tuple[str, str, str, str]:
    """The article body of a web page, one paragraph per block (trafilatura finds it
    and drops menus, footers and comments), with the title, date and URL its markup
    declares (the date only from metadata, no guessing from the text). Raises
    ValueError when there is no body."""
    try:
        import trafilatura
    except ImportError as e:
        raise ValueError(f"reading HTML needs trafilatura ({e}): pip install trafilatura lxml_html_clean") from None
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    body = doc.text if doc is not None else ""
    if not body or not body.strip():
        raise ValueError("no article text found in the HTML page")
    text = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    return text, doc.title or "", doc.date or "", doc.url or ""


def _read_jsonl(p: Path, data: bytes) -> Iterator[Article | Skipped]:
    """One article per line: {"text": ..., "id"/"doc"/"url"/"title": ...}."""
    try:
        text, _ = decode(data)
    except ValueError as e:
        yield Skipped(str(p), str(e))
        return
    for n, line in enumerate(text.splitlines(), 1):
        where = f"{p}:{n}"
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Skipped(where, f"invalid JSON ({e.msg})")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            yield Skipped(where, 'no "text" string in the record')
            continue
        body = as_read(rec["text"])
        if isinstance(rec.get("title"), str) and rec["title"].strip():
            body = as_read(rec["title"].strip()) + "\n\n" + body
        if not body.strip():
            yield Skipped(where, "empty text")
            continue
        if short := too_short(body):
            yield Skipped(where, short)
            continue
        name = next((str(rec[k]) for k in ("doc", "id", "url") if rec.get(k) not in (None, "")), f"{p.name}:{n}")
        title, date, url = meta.fields(rec)
        yield Article(doc=name, text=body, source=where, title=title, date=date or meta.dateline(rec["text"]), url=url)

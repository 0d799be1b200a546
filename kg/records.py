"""The record types that flow between stages.

All offsets are character offsets into `Article.text`, the document text as
read (decoded, otherwise untouched), so every span can be checked against the
source file.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Article:
    doc: str  # file name (or name given in a JSONL record)
    text: str
    source: str = ""  # path or "file.jsonl:LINE"
    encoding: str = "utf-8"
    title: str = ""  # from a JSONL record or an index.csv (kg.meta)
    date: str = ""  # ISO 8601 day, "" when no date could be read
    url: str = ""


class Token(NamedTuple):  # a tuple: there are hundreds of thousands of them
    text: str
    start: int
    end: int


class Sentence(NamedTuple):
    start: int
    end: int
    tokens: tuple[Token, ...]
    paragraph: int  # index of the body paragraph the sentence is in


def _by_fields(record) -> tuple:
    """Pickle a slotted dataclass as its class and its field values, in the order __init__ takes them.

    Workers send every document's mentions and quotes to the main process. The
    default pickles a dict of slot values per object: on 10,359 scrape results in
    batches of 32 it took 1.13 s to pickle and 1.48 s to unpickle, this 0.5 s and 0.8-1.2 s.
    """
    return type(record), tuple(map(record.__getattribute__, record.__slots__))


class _Flat:
    """Records whose fields are plain values: as_dict without asdict's deep copy."""

    __slots__ = ()
    __reduce__ = _by_fields

    def as_dict(self) -> dict:
        return {f: getattr(self, f) for f in self.__slots__}


@dataclass(slots=True)
class Mention(_Flat):
    """One occurrence of a named entity in a document."""

    start: int
    end: int
    text: str  # surface form without honorifics and titles
    type: str  # PERSON, COUNTRY, ORGANIZATION, LOCATION
    sentence: int
    role: str | None = None  # "Menteri Luar Negeri Rusia"
    entity: int = -1  # index of the document-level entity, set by resolve


@dataclass(slots=True)
class Quote(_Flat):
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect"
    cue: str | None = None
    speaker: int | None = None  # index into the document's mentions
    speaker_desc: str | None = None
    addressee: int | None = None  # index into the document's mentions


@dataclass(slots=True)
class DocResult:
    """Everything kg learns from one article: the unit that is cached."""

    doc: str
    source: str
    sha: str
    words: int
    sentences: int
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    cooccur: list[tuple[int, ...]] = field(default_factory=list)  # mention indices per sentence
    title: str = ""  # the article's metadata (kg.meta), set from the Article on every build
    date: str = ""
    url: str = ""

    __reduce__ = _by_fields

    def as_dict(self) -> dict:
        return {
            "doc": self.doc, "source": self.source, "sha": self.sha, "words": self.words,
            "sentences": self.sentences, "title": self.title, "date": self.date, "url": self.url,
            "mentions": [m.as_dict() for m in self.mentions],
            "quotes": [q.as_dict() for q in self.quotes],
            "cooccur": [list(c) for c in self.cooccur],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "DocResult":
        return cls(
            doc=d["doc"], source=d["source"], sha=d["sha"], words=d["words"],
            sentences=d["sentences"],
            mentions=[Mention(**m) for m in d["mentions"]],
            quotes=[Quote(**q) for q in d["quotes"]],
            cooccur=[tuple(c) for c in d["cooccur"]],
            title=d.get("title", ""), date=d.get("date", ""), url=d.get("url", ""),
        )


@dataclass
class Entity:
    """One entity of the corpus: what the resolvers made of its mentions in every document."""

    id: str
    name: str
    type: str
    aliases: Counter = field(default_factory=Counter)
    mentions: int = 0
    docs: set = field(default_factory=set)
    roles: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type,
                "aliases": sorted(self.aliases), "mentions": self.mentions,
                "docs": sorted(self.docs), "roles": [r for r, _ in sorted(self.roles.items(), key=lambda x: (-x[1], x[0]))]}


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be used, and why."""

    source: str
    reason: str

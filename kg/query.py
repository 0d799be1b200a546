"""Questions to a finished build: who said what, about whom, when; and one entity's profile.

Reads what a build wrote (no model, no re-tagging): kg.sqlite when it is
there, else the JSONL files (kg.store; the answers are the same). A name
matches an entity by its id, its name or any alias it was seen under,
case- and accent-insensitively.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
from collections import Counter
from pathlib import Path

from kg.meta import parse_date
from kg.resolve import norm
from kg.store import NoBuild, SearchError, open_store  # noqa: F401 - NoBuild and SearchError are part of this API

KINDS = ("direct", "indirect")
QUOTE_FIELDS = ("date", "outlet", "doc", "title", "url", "statement", "speaker", "speaker_id", "kind", "text", "addressee",
                "addressee_id", "speaker_desc", "cue", "start", "end")


class UnknownName(LookupError):
    def __init__(self, name: str, suggestions: list[str]):
        super().__init__(name)
        self.name, self.suggestions = name, suggestions


class Ambiguous(LookupError):
    """A name several entities were seen under, none of them called so: `candidates` (dicts with
    id, name, type, mentions, quotes), most mentioned first."""

    def __init__(self, name: str, candidates: list[dict]):
        super().__init__(name)
        self.name, self.candidates = name, candidates


class Build:
    """The outputs of one `kg build`: names looked up in it, its data read through kg.store."""

    def __init__(self, out: Path, use_sqlite: bool = True):
        self.out = Path(out)
        self.store = open_store(self.out, use_sqlite)
        self.entities = self.store.entities

    def seen_under(self, name: str) -> set[str]:
        """Every entity with this id, name or alias (case-insensitive; else spelt another way)."""
        hits = self.store.ids_named(name.strip().casefold())
        if not hits:  # spelt another way: accents, punctuation, spacing
            key = norm(name)
            hits = self.store.ids_normed(key) if key else set()
        return hits

    def find(self, name: str) -> list[str]:
        """Entity ids for a name: its own entity if the name is an id or canonical name, else every
        entity seen under that alias, most mentioned first. Raises UnknownName with suggestions."""
        folded = name.strip().casefold()
        hits = self.seen_under(name)
        if not hits:
            raise UnknownName(name, self.suggest(name))
        own = [i for i in hits if i == name.strip() or self.entities[i]["name"].casefold() == folded]
        return sorted(own or hits, key=lambda i: (-self.entities[i]["mentions"], i))

    def resolve(self, name: str) -> str:
        """The one entity a name stands for: an id, the canonical name of one entity, or an alias only one
        entity was seen under. Raises UnknownName, or Ambiguous when several entities share the alias."""
        ids = self.find(name)
        if len(ids) > 1:
            raise Ambiguous(name, [{"id": i, "name": self.entities[i]["name"], "type": self.entities[i]["type"],
                                    "mentions": self.entities[i]["mentions"], "quotes": self.quotes_said(i)}
                                   for i in ids])
        return ids[0]

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """The closest entity names: by spelling, then names containing the query."""
        key = name.strip().casefold()
        names = self.store.names
        close = difflib.get_close_matches(key, list(names), n=n, cutoff=0.75)
        contain = sorted((k for k in names if key and key in k), key=len)[:n]
        out: list[str] = []
        for k in close + contain:
            for i in sorted(names[k], key=lambda i: -self.entities[i]["mentions"]):
                if self.entities[i]["name"] not in out:
                    out.append(self.entities[i]["name"])
        return out[:n]

    def quotes_said(self, eid: str) -> int:
        counts = self.store.quote_counts(eid)
        return sum(counts[k] for k in KINDS)

    def mentions_of(self, eid: str) -> list[dict]:
        return self.store.mentions_of(eid)

    def quotes_naming(self, eid: str) -> list[dict]:
        """Quotes by others in which the entity is named (the graph's quotes_about edges)."""
        return self.store.quotes_naming(eid)


def check_date(value: str | None, option: str) -> str:
    """An option's date → ISO day; ValueError when it cannot be read."""
    if not value:
        return ""
    iso = parse_date(value)
    if not iso:
        raise ValueError(f"{option}: cannot read {value!r} as a date (use YYYY-MM-DD)")
    return iso


def timeline(rows: list[dict]) -> list[dict]:
    """Quote rows by publication date (undated last), then article, then place in it."""
    return sorted(rows, key=lambda q: (not q.get("date"), q.get("date") or "", q["doc"], q["start"]))


def select_quotes(b: Build, speaker: str | None = None, about: str | None = None, kind: str | None = None,
                  since: str = "", until: str = "", doc: str | None = None, search: str | None = None) -> list[dict]:
    """Quotes rows (as in quotes.jsonl) that pass every filter given, in timeline order.

    `speaker` and `about` name one entity each (Build.resolve: an ambiguous name raises). A date
    filter drops undated quotes; `doc` matches a document name or title, case-insensitively, in part;
    `search` is a full-text query on the quote's text (SQLite FTS5 syntax: words, "a phrase", OR,
    NOT, prefix*)."""
    if kind and kind not in KINDS:
        raise ValueError(f"--kind must be one of {', '.join(KINDS)}")
    about_ids = [b.resolve(about)] if about else None
    speaker_ids = {b.resolve(speaker)} if speaker else None
    return timeline(b.store.select_quotes(speaker_ids, about_ids, kind, since, until, doc, search))


def to_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=QUOTE_FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def to_jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def profile(b: Build, name: str, top: int = 10) -> dict:
    """One entity (Build.resolve): who it is, where and when it is named, with whom, and its quotes."""
    eid = b.resolve(name)
    e = b.entities[eid]
    documents = sorted(b.store.documents_of(eid), key=lambda r: (r["date"] == "", r["date"], r["doc"]))
    by_month = Counter((r["date"] or "")[:7] for r in documents)
    co, affiliations = b.store.neighbours(eid)
    said = b.store.quote_counts(eid)
    return {
        "id": eid, "name": e["name"], "type": e["type"], "aliases": e["aliases"], "roles": e["roles"],
        "mentions": e["mentions"], "documents": len(documents),
        "first_date": next((r["date"] for r in documents if r["date"]), ""),
        "last_date": max((r["date"] for r in documents if r["date"]), default=""),
        "affiliations": [{"id": i, "name": b.entities[i]["name"], "count": n}
                         for i, n in sorted(affiliations.items(), key=lambda x: (-x[1], x[0]))],
        "by_month": [{"month": k or "undated", "documents": n} for k, n in sorted(by_month.items(), key=lambda x: (x[0] == "", x[0]))],
        "document_list": documents,
        "co_mentioned": [{"id": i, "name": b.entities[i]["name"], "type": b.entities[i]["type"], "sentences": n}
                         for i, n in sorted(co.items(), key=lambda x: (-x[1], x[0]))[:top]],
        "quotes_as_speaker": {"total": sum(said[k] for k in KINDS), **{k: said[k] for k in KINDS}},
        "quotes_as_subject": said["naming"],
        "quotes_as_addressee": said["addressed"],
        "other_matches": [b.entities[i]["name"] for i in sorted(b.seen_under(name) - {eid})],
    }

"""Questions to a finished build: who said what, about whom, when; and one entity's profile.

Reads the JSONL files a build wrote (no model, no re-tagging). A name
matches an entity by its id, its name or any alias it was seen under,
case- and accent-insensitively. Files are read once and only as far as a
question needs: mention lines are filtered by substring before they are
parsed, so a profile on a 3,000-article build costs its own mentions.
"""
from __future__ import annotations

import bisect
import csv
import contextlib
import difflib
import gc
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from kg.meta import parse_date
from kg.resolve import norm

KINDS = ("direct", "indirect")
QUOTE_FIELDS = ("date", "outlet", "doc", "title", "url", "statement", "speaker", "speaker_id", "kind", "text", "addressee",
                "addressee_id", "speaker_desc", "cue", "start", "end")


_DOC_FIRST = '{"doc": "'


class NoBuild(FileNotFoundError):
    """The folder holds no finished build."""


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


@contextlib.contextmanager
def _no_gc():
    """Loading allocates many small objects and frees none: the collector's passes only cost time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Build:
    """The outputs of one `kg build`, loaded lazily."""

    def __init__(self, out: Path):
        self.out = Path(out)
        for f in ("entities.jsonl", "quotes.jsonl", "mentions.jsonl"):
            if not (self.out / f).is_file():
                raise NoBuild(f"no build in {self.out} ({f} is missing): run `kg build --out {self.out}` first")

    def _rows(self, name: str, needle: str | None = None) -> Iterable[dict]:
        """Parsed lines of a JSONL output; with `needle`, only lines that contain it."""
        with open(self.out / name, encoding="utf-8") as f:
            for line in f:
                if (needle is None or needle in line) and line.strip():
                    yield json.loads(line)

    @cached_property
    def entities(self) -> dict[str, dict]:
        with _no_gc():
            return {e["id"]: e for e in self._rows("entities.jsonl")}

    @cached_property
    def quotes(self) -> list[dict]:
        with _no_gc():
            return list(self._rows("quotes.jsonl"))

    @cached_property
    def _names(self) -> dict[str, set[str]]:
        """Case-folded id, name and aliases → entity ids."""
        index: dict[str, set[str]] = defaultdict(set)
        with _no_gc():
            for e in self.entities.values():
                for n in [e["id"], e["name"], *e["aliases"]]:
                    index[n.casefold()].add(e["id"])
        return index

    @cached_property
    def _normed(self) -> dict[str, set[str]]:
        """The same index under kg.resolve.norm: built once, not per lookup that misses."""
        index: dict[str, set[str]] = defaultdict(set)
        for k, ids in self._names.items():
            index[norm(k)] |= ids
        return index

    def seen_under(self, name: str) -> set[str]:
        """Every entity with this id, name or alias (case-insensitive; else spelt another way)."""
        hits = self._names.get(name.strip().casefold(), set())
        if not hits:  # spelt another way: accents, punctuation, spacing
            key = norm(name)
            hits = self._normed.get(key, set()) if key else set()
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
            said = Counter(q["speaker_id"] for q in self.quotes)
            raise Ambiguous(name, [{"id": i, "name": self.entities[i]["name"], "type": self.entities[i]["type"],
                                    "mentions": self.entities[i]["mentions"], "quotes": said[i]} for i in ids])
        return ids[0]

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """The closest entity names: by spelling, then names containing the query."""
        key = name.strip().casefold()
        close = difflib.get_close_matches(key, list(self._names), n=n, cutoff=0.75)
        contain = sorted((k for k in self._names if key and key in k), key=len)[:n]
        out: list[str] = []
        for k in close + contain:
            for i in sorted(self._names[k], key=lambda i: -self.entities[i]["mentions"]):
                if self.entities[i]["name"] not in out:
                    out.append(self.entities[i]["name"])
        return out[:n]

    def mentions_of(self, eid: str) -> list[dict]:
        needle = json.dumps(eid, ensure_ascii=False)
        return [m for m in self._rows("mentions.jsonl", needle) if m["entity_id"] == eid]

    def mentions_in(self, docs: set[str]) -> list[dict]:
        """Every mention in the given documents; a line is parsed only when its document is one of them."""
        out = []
        with _no_gc(), open(self.out / "mentions.jsonl", encoding="utf-8") as f:
            for line in f:
                if line.startswith(_DOC_FIRST):  # kg writes the doc name first: read it alone
                    doc, _ = json.decoder.scanstring(line, len(_DOC_FIRST))
                    if doc not in docs:
                        continue
                if line.strip():
                    m = json.loads(line)
                    if m["doc"] in docs:
                        out.append(m)
        return out

    def quotes_naming(self, eid: str) -> list[dict]:
        """Quotes by others in which the entity is named: the quotes behind the graph's quotes_about
        edges (a mention inside the quote; quotes without a speaker are no one's)."""
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in self.mentions_of(eid):
            spans[m["doc"]].append((m["start"], m["end"]))
        for pairs in spans.values():
            pairs.sort()
        out = []
        for q in self.quotes:
            pairs = spans.get(q["doc"])
            if not pairs or q["speaker_id"] in (None, eid):
                continue
            i = bisect.bisect_left(pairs, (q["start"], -1))
            while i < len(pairs) and pairs[i][0] < q["end"]:
                if pairs[i][1] <= q["end"]:
                    out.append(q)
                    break
                i += 1
        return out


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
                  since: str = "", until: str = "", doc: str | None = None) -> list[dict]:
    """Quotes rows (as in quotes.jsonl) that pass every filter given, in timeline order.

    `speaker` and `about` name one entity each (Build.resolve: an ambiguous name raises). A date filter
    drops undated quotes; `doc` matches a document name or title, case-insensitively, in part."""
    if kind and kind not in KINDS:
        raise ValueError(f"--kind must be one of {', '.join(KINDS)}")
    rows = b.quotes
    if about:
        seen = {id(q) for q in b.quotes_naming(b.resolve(about))}
        rows = [q for q in rows if id(q) in seen]
    if speaker:
        eid = b.resolve(speaker)
        rows = [q for q in rows if q["speaker_id"] == eid]
    if kind:
        rows = [q for q in rows if q["kind"] == kind]
    if since:
        rows = [q for q in rows if q.get("date") and q["date"] >= since]
    if until:
        rows = [q for q in rows if q.get("date") and q["date"] <= until]
    if doc:
        d = doc.casefold()
        rows = [q for q in rows if d in q["doc"].casefold() or d in (q.get("title") or "").casefold()]
    return timeline(rows)


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
    mentions = b.mentions_of(eid)
    docs = {m["doc"]: m for m in mentions}
    per_doc = Counter(m["doc"] for m in mentions)
    documents = sorted(({"doc": d, "date": m.get("date", ""), "title": m.get("title", ""), "url": m.get("url", ""),
                         "mentions": per_doc[d]} for d, m in docs.items()),
                       key=lambda r: (r["date"] == "", r["date"], r["doc"]))
    by_month = Counter((r["date"] or "")[:7] for r in documents)
    co, affiliations = _neighbours(b, eid, mentions)
    said = [q for q in b.quotes if q["speaker_id"] == eid]
    return {
        "id": eid, "name": e["name"], "type": e["type"], "aliases": e["aliases"], "roles": e["roles"],
        "mentions": e["mentions"], "documents": len(documents),
        "first_date": next((r["date"] for r in documents if r["date"]), ""),
        "last_date": max((r["date"] for r in documents if r["date"]), default=""),
        "affiliations": [{"id": i, "name": b.entities[i]["name"], "count": n} for i, n in affiliations.most_common()],
        "by_month": [{"month": k or "undated", "documents": n} for k, n in sorted(by_month.items(), key=lambda x: (x[0] == "", x[0]))],
        "document_list": documents,
        "co_mentioned": [{"id": i, "name": b.entities[i]["name"], "type": b.entities[i]["type"], "sentences": n}
                         for i, n in sorted(co.items(), key=lambda x: (-x[1], x[0]))[:top]],
        "quotes_as_speaker": {"total": len(said), **{k: sum(q["kind"] == k for q in said) for k in KINDS}},
        "quotes_as_subject": len(b.quotes_naming(eid)),
        "quotes_as_addressee": sum(q["addressee_id"] == eid for q in b.quotes),
        "other_matches": [b.entities[i]["name"] for i in sorted(b.seen_under(name) - {eid})],
    }


def _neighbours(b: Build, eid: str, mine: list[dict]) -> tuple[Counter, Counter]:
    """Entities named in the same sentences (count of sentences) and the entity's affiliations."""
    from kg.graph import is_affiliation  # noqa: PLC0415 - networkx costs half a second to import

    where: dict[tuple, list[dict]] = defaultdict(list)  # (doc, sentence) → its mentions with a role
    for m in mine:
        where[(m["doc"], m.get("sentence", 0))] += [m] if m.get("role") else []
    co_sentences: dict[str, set] = defaultdict(set)
    affiliations: Counter = Counter()
    for m in b.mentions_in({d for d, _ in where}):
        key = (m["doc"], m.get("sentence", 0))
        if key not in where or m["entity_id"] == eid:
            continue
        co_sentences[m["entity_id"]].add(key)
        if any(is_affiliation(p["start"], p["role"], m["type"], m["text"], m["end"]) for p in where[key]):
            affiliations[m["entity_id"]] += 1
    return Counter({k: len(v) for k, v in co_sentences.items()}), affiliations

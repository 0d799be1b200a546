"""Reading a finished build: from kg.sqlite when it is there, else from the JSONL files.

Both readers answer the same questions with the same rows (quotes as in
quotes.jsonl, in file order), so `kg quotes` and `kg entity` print the same
either way. The JSONL reader reads files once and only as far as a question
needs; the SQLite reader answers each question with indexed queries, so its
cost follows the answer, not the size of the build. A kg.sqlite whose
recorded JSONL sizes differ from the files beside it (written by another
build) is not used.
"""
from __future__ import annotations

import bisect
import contextlib
import gc
import json
import logging
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property, lru_cache
from pathlib import Path

from kg.export.sqlite import FTS_TOKENIZER, JSONL_FILES, SCHEMA_VERSION
from kg.resolve import norm

log = logging.getLogger(__name__)
DATABASE = "kg.sqlite"
MENTION_KEYS = ("doc", "entity", "entity_id", "type", "text", "start", "end", "role", "sentence", "date",
                "title", "url")  # a mentions.jsonl row's keys, in order (kg.export.jsonl.mention_rows)
_DOC_FIRST = '{"doc": "'


class NoBuild(FileNotFoundError):
    """The folder holds no finished build."""


class SearchError(ValueError):
    """A full-text query SQLite cannot read."""


def open_store(out: Path, use_sqlite: bool = True) -> "JsonlStore | SqliteStore":
    out = Path(out)
    for f in JSONL_FILES:
        if not (out / f).is_file():
            raise NoBuild(f"no build in {out} ({f} is missing): run `kg build --out {out}` first")
    if use_sqlite and (out / DATABASE).is_file():
        try:
            return SqliteStore(out)
        except (sqlite3.Error, StaleDatabase) as e:
            log.warning("not using %s (%s): reading the JSONL files", out / DATABASE, e)
    return JsonlStore(out)


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


def _fts_query(text: str) -> list[str]:
    """The query as the user wrote it (FTS5 syntax: words, "phrases", OR, NOT, prefix*), then,
    if SQLite cannot parse that, every word as a plain term."""
    plain = " ".join('"' + w.replace('"', '""') + '"' for w in text.split())
    return [text, plain] if plain != text else [text]


def _fts_ids(con: sqlite3.Connection, table: str, text: str) -> list[int]:
    if not text.split():
        raise SearchError("--search needs at least one word")
    for q in _fts_query(text):
        try:
            return [i for (i,) in con.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (q,))]
        except sqlite3.OperationalError as e:
            last = e
    raise SearchError(f"cannot search for {text!r}: {last}")


class JsonlStore:
    """The JSONL files, parsed when a question needs them."""

    def __init__(self, out: Path):
        self.out = Path(out)

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
    def names(self) -> dict[str, set[str]]:
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
        for k, ids in self.names.items():
            index[norm(k)] |= ids
        return index

    def ids_named(self, folded: str) -> set[str]:
        return self.names.get(folded, set())

    def ids_normed(self, key: str) -> set[str]:
        return self._normed.get(key, set())

    def mentions_of(self, eid: str) -> list[dict]:
        needle = json.dumps(eid, ensure_ascii=False)
        return [m for m in self._rows("mentions.jsonl", needle) if m["entity_id"] == eid]

    def documents_of(self, eid: str) -> list[dict]:
        """The documents naming the entity: doc, date, title, url, mentions (its mentions there)."""
        out: dict[str, dict] = {}
        for m in self.mentions_of(eid):
            d = out.setdefault(m["doc"], {"doc": m["doc"], "date": m.get("date", ""), "title": m.get("title", ""),
                                          "url": m.get("url", ""), "mentions": 0})
            d["mentions"] += 1
        return list(out.values())

    def neighbours(self, eid: str) -> tuple[Counter, Counter]:
        """Entities named in the same sentences (count of sentences) and the entity's affiliations
        (count of mentions named in its roles): the weights of its cooccurs and affiliated_with edges."""
        from kg.graph import is_affiliation  # noqa: PLC0415 - networkx costs half a second to import

        where: dict[tuple, list[dict]] = defaultdict(list)  # (doc, sentence) → its mentions with a role
        for m in self.mentions_of(eid):
            where[(m["doc"], m.get("sentence", 0))] += [m] if m.get("role") else []
        co_sentences: dict[str, set] = defaultdict(set)
        affiliations: Counter = Counter()
        for m in self._mentions_in({d for d, _ in where}):
            key = (m["doc"], m.get("sentence", 0))
            if key not in where or m["entity_id"] == eid:
                continue
            co_sentences[m["entity_id"]].add(key)
            if any(is_affiliation(p["start"], p["role"], m["type"], m["text"], m["end"]) for p in where[key]):
                affiliations[m["entity_id"]] += 1
        return Counter({k: len(v) for k, v in co_sentences.items()}), affiliations

    def _mentions_in(self, docs: set[str]) -> Iterator[dict]:
        """Every mention in the given documents; a line is parsed only when its document is one of them."""
        with _no_gc(), open(self.out / "mentions.jsonl", encoding="utf-8") as f:
            for line in f:
                if line.startswith(_DOC_FIRST):  # kg writes the doc name first: read it alone
                    doc, _ = json.decoder.scanstring(line, len(_DOC_FIRST))
                    if doc not in docs:
                        continue
                if line.strip():
                    m = json.loads(line)
                    if m["doc"] in docs:
                        yield m

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

    def quote_counts(self, eid: str) -> dict[str, int]:
        said = [q for q in self.quotes if q["speaker_id"] == eid]
        return {"direct": sum(q["kind"] == "direct" for q in said),
                "indirect": sum(q["kind"] == "indirect" for q in said),
                "addressed": sum(q["addressee_id"] == eid for q in self.quotes),
                "naming": len(self.quotes_naming(eid))}

    def select_quotes(self, speakers: set[str] | None = None, about: list[str] | None = None,
                      kind: str | None = None, since: str = "", until: str = "", doc: str | None = None,
                      search: str | None = None) -> list[dict]:
        rows = self.quotes
        if about:
            seen = {id(q) for eid in about for q in self.quotes_naming(eid)}
            rows = [q for q in rows if id(q) in seen]
        if speakers is not None:
            rows = [q for q in rows if q["speaker_id"] in speakers]
        if kind:
            rows = [q for q in rows if q["kind"] == kind]
        if since:
            rows = [q for q in rows if q.get("date") and q["date"] >= since]
        if until:
            rows = [q for q in rows if q.get("date") and q["date"] <= until]
        if doc:
            d = doc.casefold()
            rows = [q for q in rows if d in q["doc"].casefold() or d in (q.get("title") or "").casefold()]
        if search is not None:
            found = {id(self.quotes[i]) for i in self._search(search)}
            rows = [q for q in rows if id(q) in found]
        return rows

    def _search(self, text: str) -> list[int]:
        """Full text without a database: an FTS5 index in memory, made like kg.sqlite's."""
        con = sqlite3.connect(":memory:")
        try:
            con.execute(f"CREATE VIRTUAL TABLE q USING fts5(text, tokenize='{FTS_TOKENIZER}')")
            con.executemany("INSERT INTO q(rowid, text) VALUES (?, ?)", enumerate(q["text"] for q in self.quotes))
            return _fts_ids(con, "q", text)
        finally:
            con.close()


class StaleDatabase(Exception):
    """kg.sqlite does not belong to the JSONL files beside it."""


class SqliteStore:
    """kg.sqlite (see kg.export.sqlite), opened read-only."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.con = sqlite3.connect(f"{(self.out / DATABASE).resolve().as_uri()}?mode=ro", uri=True)
        self.con.create_function("casefold", 1, lambda s: s.casefold() if s else "", deterministic=True)
        try:
            meta = self._check()
        except (sqlite3.Error, StaleDatabase):
            self.con.close()
            raise
        self.quote_keys: list[str] = json.loads(meta["quote_keys"])
        self._json_keys: list[str] = json.loads(meta["quote_json_keys"])
        self.entities = _Entities(self.con)

    def _check(self) -> dict[str, str]:
        """kg_meta, when the database is of this schema and was written with the JSONL files beside it."""
        meta = dict(self.con.execute("SELECT key, value FROM kg_meta"))
        if meta.get("schema") != str(SCHEMA_VERSION):
            raise StaleDatabase(f"schema {meta.get('schema')}, this kg reads {SCHEMA_VERSION}")
        for f in JSONL_FILES:
            if meta.get(f"size:{f}") != str((self.out / f).stat().st_size):
                raise StaleDatabase(f"{f} has changed since it was written")
        return meta

    @cached_property
    def names(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for folded, eid in self.con.execute("SELECT folded, entity_id FROM name_index"):
            index[folded].add(eid)
        return index

    def ids_named(self, folded: str) -> set[str]:
        return {i for (i,) in self.con.execute("SELECT entity_id FROM name_index WHERE folded = ?", (folded,))}

    def ids_normed(self, key: str) -> set[str]:
        return {i for (i,) in self.con.execute("SELECT entity_id FROM name_index WHERE normed = ?", (key,))}

    def mentions_of(self, eid: str) -> list[dict]:
        sql = ("SELECT m.doc, e.name, m.entity_id, m.type, m.text, m.start, m.\"end\", m.role, m.sentence, "
               "d.date, d.title, d.url FROM mentions m JOIN documents d ON d.doc = m.doc "
               "JOIN entities e ON e.id = m.entity_id WHERE m.entity_id = ? ORDER BY m.id")
        return [dict(zip(MENTION_KEYS, r)) for r in self.con.execute(sql, (eid,))]

    def documents_of(self, eid: str) -> list[dict]:
        sql = ("SELECT d.doc, d.date, d.title, d.url, ed.mentions FROM entity_documents ed "
               "JOIN documents d USING (doc) WHERE ed.entity_id = ?")
        return [dict(zip(("doc", "date", "title", "url", "mentions"), r)) for r in self.con.execute(sql, (eid,))]

    def neighbours(self, eid: str) -> tuple[Counter, Counter]:
        """From the graph's edges, whose weights count the same sentences and role mentions."""
        co, affiliations = Counter(), Counter()
        sql = ("SELECT relation, CASE WHEN source = ? THEN target ELSE source END, weight FROM edges "
               "WHERE (source = ? AND relation IN ('cooccurs', 'affiliated_with')) "
               "OR (target = ? AND relation = 'cooccurs')")
        for relation, other, weight in self.con.execute(sql, (eid, eid, eid)):
            (co if relation == "cooccurs" else affiliations)[other] += weight
        return co, affiliations

    def _naming_ids(self, eid: str) -> str:
        """SQL for the ids of the quotes naming `eid` (as JsonlStore.quotes_naming), one parameter pair."""
        return ("SELECT q.id FROM mentions m JOIN quotes q ON q.doc = m.doc AND q.start <= m.start "
                "AND m.start < q.\"end\" AND m.\"end\" <= q.\"end\" "
                "WHERE m.entity_id = ? AND q.speaker_id IS NOT NULL AND q.speaker_id != ?")

    def quotes_naming(self, eid: str) -> list[dict]:
        return self._quotes(f"id IN ({self._naming_ids(eid)})", [eid, eid])

    def quote_counts(self, eid: str) -> dict[str, int]:
        counts = {"direct": 0, "indirect": 0}
        counts.update(self.con.execute("SELECT kind, count(*) FROM quotes WHERE speaker_id = ? GROUP BY kind", (eid,)))
        (addressed,), = self.con.execute("SELECT count(*) FROM quotes WHERE addressee_id = ?", (eid,))
        (naming,), = self.con.execute("SELECT coalesce(sum(weight), 0) FROM edges WHERE target = ? "
                                      "AND relation = 'quotes_about'", (eid,))  # a quote per speaker and target
        return {**counts, "addressed": addressed, "naming": naming}

    def select_quotes(self, speakers: set[str] | None = None, about: list[str] | None = None,
                      kind: str | None = None, since: str = "", until: str = "", doc: str | None = None,
                      search: str | None = None) -> list[dict]:
        where, args = [], []
        if about:
            where.append("id IN (" + " UNION ".join(self._naming_ids(e) for e in about) + ")")
            args += [x for e in about for x in (e, e)]
        if speakers is not None:
            where.append(f"speaker_id IN ({', '.join('?' * len(speakers))})")
            args += sorted(speakers)
        if kind:
            where.append("kind = ?")
            args.append(kind)
        if since:
            where.append("date != '' AND date >= ?")
            args.append(since)
        if until:
            where.append("date != '' AND date <= ?")
            args.append(until)
        if doc:
            where.append("(instr(casefold(doc), ?) OR instr(casefold(title), ?))")
            args += [doc.casefold()] * 2
        if search is not None:
            ids = _fts_ids(self.con, "quotes_fts", search)
            where.append("id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(ids))
        return self._quotes(" AND ".join(where) or "1", args)

    def _quotes(self, where: str, args: list) -> list[dict]:
        cols = ", ".join(f'"{k}"' for k in self.quote_keys)
        rows = self.con.execute(f"SELECT {cols} FROM quotes WHERE {where} ORDER BY id", args)
        keys, json_keys = self.quote_keys, self._json_keys
        out = [dict(zip(keys, r)) for r in rows]
        for q in out if json_keys else ():
            for k in json_keys:
                if q[k] is not None:
                    q[k] = json.loads(q[k])
        return out


class _Entities(Mapping):
    """entities.jsonl rows by id, read from the database on demand (without `docs`)."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self._get = lru_cache(maxsize=4096)(self._read)

    def _read(self, eid: str) -> dict | None:
        row = self.con.execute("SELECT id, name, type, mentions, roles FROM entities WHERE id = ?", (eid,)).fetchone()
        if row is None:
            return None
        aliases = [a for (a,) in self.con.execute("SELECT alias FROM aliases WHERE entity_id = ? ORDER BY rowid", (eid,))]
        return {"id": row[0], "name": row[1], "type": row[2], "aliases": aliases, "mentions": row[3],
                "roles": json.loads(row[4])}

    def __getitem__(self, eid: str) -> dict:
        e = self._get(eid)
        if e is None:
            raise KeyError(eid)
        return e

    def __iter__(self) -> Iterator[str]:
        return (i for (i,) in self.con.execute("SELECT id FROM entities ORDER BY rowid"))

    def __len__(self) -> int:
        return self.con.execute("SELECT count(*) FROM entities").fetchone()[0]

"""kg.sqlite: the build as SQLite tables, for `kg quotes` / `kg entity` and for Datasette.

The quotes table holds exactly the rows of quotes.jsonl (one column per key, in
the file's key order, whatever keys it has) plus `month` for
faceting; documents, entities, aliases, mentions and edges are normalised
(a mention names its document and entity). `name_index` holds every name an
entity can be looked up by, case-folded and in kg.resolve.norm's form, so a
lookup is one indexed query. The JSONL files stay the reference: kg_meta
records their sizes, and a reader falls back to them when the sizes differ.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from kg.meta import outlet
from kg.resolve import norm

SCHEMA_VERSION = 2
JSONL_FILES = ("entities.jsonl", "mentions.jsonl", "quotes.jsonl")
FTS_TOKENIZER = "unicode61 remove_diacritics 2"  # any case, accents ignored

_SCHEMA = """
CREATE TABLE kg_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE documents (doc TEXT PRIMARY KEY, title TEXT, date TEXT, month TEXT, url TEXT, outlet TEXT,
                        source TEXT, words INTEGER, mentions INTEGER, quotes INTEGER);
CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, mentions INTEGER, documents INTEGER,
                       roles TEXT);
CREATE TABLE aliases (entity_id TEXT REFERENCES entities(id), alias TEXT);
CREATE TABLE name_index (folded TEXT, normed TEXT, entity_id TEXT REFERENCES entities(id));
CREATE TABLE mentions (id INTEGER PRIMARY KEY, doc TEXT REFERENCES documents(doc),
                       entity_id TEXT REFERENCES entities(id), type TEXT, text TEXT, start INTEGER,
                       "end" INTEGER, role TEXT, sentence INTEGER);
CREATE TABLE edges (source TEXT REFERENCES entities(id), target TEXT REFERENCES entities(id), relation TEXT,
                    weight INTEGER, documents INTEGER, first_date TEXT, last_date TEXT);
"""
_INDEXES = """
CREATE INDEX aliases_entity ON aliases(entity_id);
CREATE INDEX name_index_folded ON name_index(folded);
CREATE INDEX name_index_normed ON name_index(normed);
CREATE INDEX mentions_entity_doc ON mentions(entity_id, doc);  -- covers an entity's documents
CREATE INDEX mentions_doc_sentence ON mentions(doc, sentence);
-- an entity's documents with its mention counts, counted once here: a profile reads them by index
CREATE TABLE entity_documents AS SELECT entity_id, doc, count(*) AS mentions FROM mentions GROUP BY entity_id, doc;
CREATE INDEX entity_documents_entity ON entity_documents(entity_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_addressee ON quotes(addressee_id);
CREATE INDEX quotes_doc ON quotes(doc);
CREATE INDEX quotes_date ON quotes(date);
CREATE INDEX edges_source ON edges(source);
CREATE INDEX edges_target ON edges(target);
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id',
                                           tokenize='{FTS_TOKENIZER}');
INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes;
"""
_EMPTY_QUOTE_KEYS = ("doc", "text", "kind", "speaker", "speaker_id", "speaker_desc", "addressee", "addressee_id",
                     "cue", "start", "end", "date", "title", "url", "outlet", "statement")  # a build without quotes: kg.export.jsonl's keys
_TYPES = {"start": "INTEGER", "end": "INTEGER", "doc": "TEXT REFERENCES documents(doc)",
          "speaker_id": "TEXT REFERENCES entities(id)", "addressee_id": "TEXT REFERENCES entities(id)"}


def write_sqlite(path: Path, docs, entities, link: dict, names: dict[str, str], graph,
                 quote_rows: Iterable[dict]) -> None:
    """Write the database at `path` (a staging path: no journal is needed, the file is renamed after).
    `quote_rows` are the rows written to quotes.jsonl. Then `record_jsonl_sizes` once those are written."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.executescript(_SCHEMA)
        _documents(con, docs)
        _entities(con, entities)
        _mentions(con, docs, link)
        keys, json_keys = _quotes(con, quote_rows)
        _edges(con, graph)
        con.executescript(_INDEXES.format(FTS_TOKENIZER=FTS_TOKENIZER))
        meta = {"schema": str(SCHEMA_VERSION), "quote_keys": json.dumps(keys),
                "quote_json_keys": json.dumps(json_keys)}
        con.executemany("INSERT INTO kg_meta VALUES (?, ?)", sorted(meta.items()))
        con.commit()
    finally:
        con.close()


def record_jsonl_sizes(path: Path, jsonl: dict[str, Path]) -> None:
    """The sizes of the JSONL files written with the database at `path`: they tell a reader the
    database belongs to them."""
    con = sqlite3.connect(path)
    try:
        con.executemany("INSERT INTO kg_meta VALUES (?, ?)",
                        sorted((f"size:{name}", str(p.stat().st_size)) for name, p in jsonl.items()))
        con.commit()
    finally:
        con.close()


def _documents(con: sqlite3.Connection, docs) -> None:
    con.executemany("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
                    ((r.doc, r.title, r.date, r.date[:7], r.url, outlet(r.source, r.url), r.source, r.words,
                      len(r.mentions), len(r.quotes)) for r in docs))


def _entities(con: sqlite3.Connection, entities) -> None:
    rows, aliases, index = [], [], []
    for e in entities:
        d = e.as_dict()
        rows.append((d["id"], d["name"], d["type"], d["mentions"], len(d["docs"]),
                     json.dumps(d["roles"], ensure_ascii=False)))
        aliases += [(d["id"], a) for a in d["aliases"]]
        for folded in dict.fromkeys(n.casefold() for n in (d["id"], d["name"], *d["aliases"])):
            index.append((folded, norm(folded), d["id"]))
    con.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO aliases VALUES (?,?)", aliases)
    con.executemany("INSERT INTO name_index VALUES (?,?,?)", index)


def _mentions(con: sqlite3.Connection, docs, link: dict) -> None:
    con.executemany(
        "INSERT INTO mentions (doc, entity_id, type, text, start, \"end\", role, sentence) VALUES (?,?,?,?,?,?,?,?)",
        ((r.doc, link[(r.doc, m.entity)], m.type, m.text, m.start, m.end, m.role, m.sentence)
         for r in docs for m in r.mentions))


def _quotes(con: sqlite3.Connection, quote_rows: Iterable[dict]) -> tuple[list[str], list[str]]:
    """The quotes table takes the keys of the rows as they come (a new key in quotes.jsonl is a new
    column); lists and objects are stored as JSON text. Returns the keys in order, and those of
    them that hold JSON text."""
    rows = iter(quote_rows)
    first = next(rows, None)
    keys = list(first) if first else list(_EMPTY_QUOTE_KEYS)
    extra = [k for k in ("month",) if k not in keys]
    cols = ", ".join(f'"{k}" {_TYPES.get(k, "")}'.strip() for k in keys + extra)
    con.execute(f"CREATE TABLE quotes (id INTEGER PRIMARY KEY, {cols})")
    if first is None:
        return keys, []
    names = ", ".join(f'"{k}"' for k in keys + extra)
    sql = f"INSERT INTO quotes ({names}) VALUES ({', '.join('?' * len(keys + extra))})"

    json_keys: set[str] = set()

    def values(q: dict) -> tuple:
        own = list(q.values())
        for i, v in enumerate(own):
            if isinstance(v, (list, dict)):
                own[i] = json.dumps(v, ensure_ascii=False)
                json_keys.add(keys[i])
        derived = {"month": (q.get("date") or "")[:7]}
        return (*own, *(derived[k] for k in extra))
    con.executemany(sql, (values(q) for q in _same_keys(keys, first, rows)))
    return keys, sorted(json_keys)


def _same_keys(keys: list[str], first: dict, rows) -> Iterable[dict]:
    yield first
    for q in rows:
        if list(q) != keys:
            raise ValueError(f"quote rows differ in their keys: {list(q)} after {keys}")
        yield q


def _edges(con: sqlite3.Connection, graph) -> None:
    con.executemany("INSERT INTO edges VALUES (?,?,?,?,?,?,?)",
                    ((u, v, d["relation"], d["weight"], d["docs"], d["first_date"], d["last_date"])
                     for u, v, d in graph.edges(data=True)))


def write_metadata(path: Path, title: str) -> None:
    """metadata.json for `datasette kg.sqlite -m metadata.json`: descriptions, facets, full-text search."""
    meta = {
        "title": title,
        "description": "Built by kg: who is in the news and who said what. "
                       "quotes.jsonl and the other files beside this database hold the same data.",
        "databases": {"kg": {"tables": {
            "quotes": {
                "description": "Every quote: its text, speaker and addressee (entity ids link to entities), "
                               "direct or indirect, the article it is from, its date and outlet.",
                "facets": ["speaker", "outlet", "kind", "month"],
                "fts_table": "quotes_fts", "fts_pk": "id",
                "sort_desc": "date",
                "label_column": "text",
            },
            "documents": {"description": "The articles of the build: title, publication date, URL, outlet.",
                          "facets": ["outlet", "month"], "label_column": "title"},
            "entities": {"description": "People, organizations, countries and places, merged across articles "
                                        "(mentions: how often named; roles: as JSON, most frequent first).",
                         "facets": ["type"], "label_column": "name"},
            "aliases": {"description": "Every name an entity was seen under."},
            "mentions": {"description": "Each occurrence of an entity in an article (character offsets "
                                        "into the article text, sentence number).", "facets": ["type"]},
            "edges": {"description": "The graph's links: cooccurs (named in one sentence), quotes_about, "
                                     "speaks_to, affiliated_with; weight and the documents behind them.",
                      "facets": ["relation"]},
            "entity_documents": {"description": "For each entity, the articles that name it and how often."},
            "name_index": {"hidden": True},
            "kg_meta": {"hidden": True},
        }}},
    }
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(meta, f, ensure_ascii=False, indent=2)
        f.write("\n")

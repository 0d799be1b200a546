"""JSONL files of entities, mentions and quotes (UTF-8, one object per line)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from kg.meta import outlet
from kg.records import DocResult, Entity
from kg.statements import statement_keys


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps with options builds a new one per call


def _write(path: Path, rows: Iterable[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(_ENCODER.encode(row) + "\n")


def write_entities(path: Path, entities: list[Entity]) -> None:
    _write(path, (e.as_dict() for e in entities))


def mention_rows(docs: list[DocResult], link: dict, names: dict[str, str]) -> Iterable[dict]:
    for res in docs:
        for m in res.mentions:
            eid = link[(res.doc, m.entity)]
            yield {"doc": res.doc, "entity": names[eid], "entity_id": eid, "type": m.type,
                   "text": m.text, "start": m.start, "end": m.end, "role": m.role,
                   "sentence": m.sentence, "date": res.date, "title": res.title, "url": res.url}


def quote_rows(docs: list[DocResult], link: dict, names: dict[str, str]) -> list[dict]:
    """The quotes, in document order; `outlet` names the publisher, `statement` ties together the copies
    of one statement carried by several articles (kg.statements)."""
    rows = list(_quote_rows(docs, link, names))
    for row, key in zip(rows, statement_keys(rows)):
        row["statement"] = key
    return rows


def _quote_rows(docs: list[DocResult], link: dict, names: dict[str, str]) -> Iterable[dict]:
    for res in docs:
        source = outlet(res.source, res.url)
        def ent(i):
            return None if i is None else link[(res.doc, res.mentions[i].entity)]
        for q in res.quotes:
            spk, adr = ent(q.speaker), ent(q.addressee)
            yield {"doc": res.doc, "text": q.text, "kind": q.kind,
                   "speaker": names.get(spk) if spk else None, "speaker_id": spk,
                   "speaker_desc": q.speaker_desc, "addressee": names.get(adr) if adr else None,
                   "addressee_id": adr, "cue": q.cue, "start": q.start, "end": q.end,
                   "date": res.date, "title": res.title, "url": res.url, "outlet": source}


def write_mentions(path: Path, docs, link, names) -> None:
    _write(path, mention_rows(docs, link, names))


def write_quotes(path: Path, docs, link, names) -> None:
    _write(path, quote_rows(docs, link, names))


def write_report(path: Path, report: dict) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(report, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")

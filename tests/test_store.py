"""kg.sqlite: `kg quotes` and `kg entity` answer the same from it as from the JSONL files."""
import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.query import Build, profile, select_quotes
from kg.store import JsonlStore, SqliteStore
from test_query import DOCS, INDEX, NAMES, rows

runner = CliRunner()
DEV = Path("/work/shared/eval/dev/docs")


@pytest.fixture
def built(build_docs):
    return build_docs(dict(DOCS, **{"index.csv": INDEX}), NAMES)


def both(out):
    sql, jsonl = Build(out), Build(out, use_sqlite=False)
    assert isinstance(sql.store, SqliteStore) and isinstance(jsonl.store, JsonlStore)
    return sql, jsonl


def queries(out) -> list[dict]:
    """select_quotes arguments that touch every filter, from the build's own names and words."""
    ents = rows(out / "entities.jsonl")
    quotes = rows(out / "quotes.jsonl")
    names = [n for e in ents for n in (e["id"], e["name"], e["name"].upper(), *e["aliases"])]
    words = sorted({w for q in quotes for w in q["text"].split() if w.isalpha()})[::7][:40]
    dates = sorted({q["date"] for q in quotes if q["date"]})
    mid = dates[len(dates) // 2] if dates else "2000-01-01"
    return ([{}, {"kind": "direct"}, {"kind": "indirect"}, {"since": mid}, {"until": mid},
             {"doc": quotes[0]["doc"][:3] if quotes else "a"}, {"search": '"' + " ".join(words[:2]) + '"'},
             {"search": " OR ".join(words[:3])}, {"search": "tidak*"}, {"search": "a'b (c"}]
            + [{"speaker": n} for n in names] + [{"about": n} for n in names[::2]]
            + [{"search": w} for w in words])


def assert_same_answers(out):
    sql, jsonl = both(out)
    for q in queries(out):
        try:
            want = select_quotes(jsonl, **q)
        except LookupError:
            continue  # a name of a quote-less fragment the lookup also refuses on the SQLite side
        assert select_quotes(sql, **q) == want, q
    for e in rows(out / "entities.jsonl"):
        assert profile(sql, e["id"], top=1000) == profile(jsonl, e["id"], top=1000), e["id"]


def test_sqlite_and_jsonl_give_the_same_answers(built):
    _, out = built
    assert_same_answers(out)


def test_search_finds_words_in_any_case_and_accent(built):
    _, out = built
    quotes = rows(out / "quotes.jsonl")
    word = max((w.strip("“”,.") for q in quotes for w in q["text"].split()), key=len)
    for b in both(out):
        found = select_quotes(b, search=word.upper())
        assert found and found == [q for q in quotes if word.casefold() in q["text"].casefold()]
        assert select_quotes(b, search="zzzqqq") == []


def test_quotes_command_searches_and_says_what_it_cannot_read(built):
    _, out = built
    quotes = rows(out / "quotes.jsonl")
    r = runner.invoke(app, ["quotes", "--search", "NATO", "--format", "jsonl", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert [json.loads(x) for x in r.stdout.splitlines()] == [q for q in quotes if "NATO" in q["text"]]
    r = runner.invoke(app, ["quotes", "--search", "  ", "--out", str(out)])
    assert r.exit_code == 2 and "--search" in r.output


def test_a_database_of_other_files_is_not_used(built):
    _, out = built
    with open(out / "quotes.jsonl", "a", encoding="utf-8") as f:
        f.write("\n")  # the same rows, but not the file the database was written with
    assert isinstance(Build(out).store, JsonlStore)
    (out / "kg.sqlite").write_bytes(b"not a database")
    assert isinstance(Build(out).store, JsonlStore)


def test_new_quote_keys_become_columns(build_docs, monkeypatch):
    """quotes.jsonl may gain keys (a statement group, a list): the database keeps them as they are."""
    import kg.export.jsonl as jsonl

    plain = jsonl.quote_rows

    def more(*a):
        for i, q in enumerate(plain(*a)):
            yield {**q, "statement": f"s{i // 2}", "sources": [q["doc"], i]}
    monkeypatch.setattr(jsonl, "quote_rows", more)
    _, out = build_docs(DOCS, NAMES)
    quotes = rows(out / "quotes.jsonl")
    assert quotes and quotes[0]["sources"] == [quotes[0]["doc"], 0]
    for b in both(out):
        assert select_quotes(b) == quotes


def test_database_has_the_build_and_its_indexes(built):
    result, out = built
    con = sqlite3.connect(out / "kg.sqlite")
    count = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("documents", "entities", "mentions", "quotes", "edges")}
    assert count == {"documents": len(result.docs), "entities": len(result.entities),
                     "mentions": sum(len(r.mentions) for r in result.docs),
                     "quotes": len(rows(out / "quotes.jsonl")), "edges": result.graph.number_of_edges()}
    aliases = {(a, e) for a, e in con.execute("SELECT alias, entity_id FROM aliases")}
    assert aliases == {(a, e["id"]) for e in rows(out / "entities.jsonl") for a in e["aliases"]}
    plan = " ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN SELECT * FROM quotes WHERE speaker_id = 'x'"))
    assert "USING INDEX" in plan
    assert {"example.org"} <= {o for (o,) in con.execute("SELECT outlet FROM documents")}


@pytest.mark.model
@pytest.mark.slow
def test_same_answers_on_the_seeds(tmp_path):
    out = tmp_path / "out"
    r = runner.invoke(app, ["build", "seeds", "--out", str(out), "--quiet", "--no-cache"])
    assert r.exit_code == 0, r.output
    assert_same_answers(out)


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(not DEV.is_dir(), reason="the dev set is not here")
def test_same_answers_on_the_dev_set(tmp_path):
    out = tmp_path / "out"
    r = runner.invoke(app, ["build", str(DEV), "--out", str(out), "--quiet", "--no-cache"])
    assert r.exit_code == 0, r.output
    assert_same_answers(out)


def test_datasette_facets_and_searches_the_quotes(built):
    """The database and metadata.json as Datasette serves them (its in-process client, no network)."""
    datasette_app = pytest.importorskip("datasette.app")
    _, out = built
    quotes = rows(out / "quotes.jsonl")
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    ds = datasette_app.Datasette([str(out / "kg.sqlite")], metadata=meta)

    def get(path):
        r = asyncio.run(ds.client.get(path))
        assert r.status_code == 200, r.text
        return r.json()
    got = get("/kg/quotes.json?_shape=objects&_size=max&_facet=kind&_facet=speaker&kind=direct&_sort=id")
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert [(r["doc"], r["text"], r["speaker_id"]) for r in got["rows"]] == \
        [(q["doc"], q["text"], q["speaker_id"]) for q in direct]
    by_speaker = {f["value"]: f["count"] for f in got["facet_results"]["speaker"]["results"]}
    assert by_speaker == {s: sum(q["speaker"] == s for q in direct) for s in {q["speaker"] for q in direct}}
    assert set(got["facet_results"]) >= {"kind", "outlet", "month"}  # metadata.json's default facets
    found = get("/kg/quotes.json?_shape=objects&_search=NATO")["rows"]
    assert sorted(r["text"] for r in found) == sorted(q["text"] for q in quotes if "NATO" in q["text"])
    assert found

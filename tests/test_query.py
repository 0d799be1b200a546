"""`kg quotes` and `kg entity` read a finished build and agree with its own files and graph."""
import csv
import io
import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.query import Build, UnknownName, profile, select_quotes

runner = CliRunner()
NAMES = {"Budi Santoso": "PER", "Budi": "PER", "Siti Rahma": "PER", "Siti": "PER", "Jakarta": "LOC",
         "Rusia": "LOC", "NATO": "ORG", "Amerika Serikat": "LOC", "AS": "LOC"}
DOCS = {
    "a.txt": "Judul satu\n\nMenteri Luar Negeri Rusia Budi Santoso bertemu Siti Rahma di Jakarta.\n\n"
             "“Kami tidak akan mundur dari NATO,” kata Budi kepada Siti Rahma.\n\n"
             "“Amerika Serikat harus mendengar,” ujar Siti.",
    "b.txt": "Judul dua\n\nBudi Santoso mengatakan bahwa AS akan bekerja sama dengan Rusia.\n\n"
             "“Siti Rahma benar soal NATO,” kata Budi.",
    "c.txt": "Judul tiga\n\nSiti Rahma mengatakan bahwa Budi Santoso terlalu sering ke Jakarta.",
}
INDEX = "id,title,date,url\na,Judul satu,2021-03-04,https://example.org/a\nb,Judul dua,2021-06-30,\n"  # c: no date


@pytest.fixture
def built(build_docs):
    result, out = build_docs(dict(DOCS, **{"index.csv": INDEX}), NAMES)
    return result, out


def rows(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def most_quoted(quotes):
    return Counter(q["speaker_id"] for q in quotes if q["speaker_id"]).most_common(1)[0][0]


def test_quotes_by_speaker_alias_in_any_case_are_the_files_own_rows(built):
    _, out = built
    quotes = rows(out / "quotes.jsonl")
    eid = most_quoted(quotes)
    entity = next(e for e in rows(out / "entities.jsonl") if e["id"] == eid)
    assert entity["aliases"]  # else the loop below checks nothing
    for alias in entity["aliases"]:
        r = runner.invoke(app, ["quotes", "--speaker", alias.upper(), "--format", "jsonl", "--out", str(out)])
        assert r.exit_code == 0, r.output
        assert [json.loads(x) for x in r.stdout.splitlines()] == timeline([q for q in quotes if q["speaker_id"] == eid])


def timeline(quotes):
    return sorted(quotes, key=lambda q: (not q["date"], q["date"], q["doc"], q["start"]))


def test_filters_by_kind_dates_doc_and_about(built):
    result, out = built
    b = Build(out)
    quotes = rows(out / "quotes.jsonl")
    assert {q["date"] for q in quotes} == {"2021-03-04", "2021-06-30", ""}  # the index dates reached the quotes
    assert select_quotes(b) == timeline(quotes)
    assert select_quotes(b, kind="direct") == timeline([q for q in quotes if q["kind"] == "direct"])
    assert select_quotes(b, since="2021-04-01") == timeline([q for q in quotes if q["date"] and q["date"] >= "2021-04-01"])
    assert select_quotes(b, until="2021-04-01") == timeline([q for q in quotes if q["date"] and q["date"] <= "2021-04-01"])
    assert select_quotes(b, doc="judul dua") == timeline([q for q in quotes if q["doc"] == "b.txt"])
    # --about gives the quotes behind the graph's quotes_about edges into the entity
    for eid in result.graph.nodes:
        expected = sum(d["weight"] for _, _, d in result.graph.in_edges(eid, data=True) if d["relation"] == "quotes_about")
        got = select_quotes(b, about=eid)
        assert len(got) == expected
        assert all(q["speaker_id"] != eid for q in got)
    assert any(select_quotes(b, about=eid) for eid in result.graph.nodes)


def test_unknown_name_exits_1_with_the_closest_names(built):
    _, out = built
    eid = most_quoted(rows(out / "quotes.jsonl"))
    name = next(e["name"] for e in rows(out / "entities.jsonl") if e["id"] == eid)
    r = runner.invoke(app, ["quotes", "--speaker", name[:-1] + "x", "--out", str(out)])
    assert r.exit_code == 1 and name in r.output
    with pytest.raises(UnknownName):
        Build(out).find("zzz qqq")


@pytest.mark.parametrize("args", [["--kind", "loud"], ["--since", "sometime"], ["--format", "xml"]])
def test_bad_options_exit_2(built, args):
    _, out = built
    assert runner.invoke(app, ["quotes", *args, "--out", str(out)]).exit_code == 2


def test_no_build_exits_2(tmp_path):
    for cmd in (["quotes"], ["entity", "x"]):
        r = runner.invoke(app, [*cmd, "--out", str(tmp_path)])
        assert r.exit_code == 2 and "kg build" in r.output


def test_csv_holds_the_same_quotes(built):
    _, out = built
    r = runner.invoke(app, ["quotes", "--format", "csv", "--out", str(out)])
    got = list(csv.DictReader(io.StringIO(r.stdout)))
    quotes = rows(out / "quotes.jsonl")
    assert [(g["doc"], g["text"], g["date"], g["statement"]) for g in got] == \
        [(q["doc"], q["text"], q["date"], q["statement"]) for q in timeline(quotes)]


def test_profile_agrees_with_the_graph(built):
    result, out = built
    b, g = Build(out), result.graph
    quotes = rows(out / "quotes.jsonl")
    for eid, d in g.nodes(data=True):
        p = profile(b, eid, top=1000)
        assert (p["name"], p["type"], p["mentions"], p["documents"]) == (d["name"], d["type"], d["mentions"], d["docs"])
        assert (p["first_date"], p["last_date"]) == (d["first_date"], d["last_date"])
        co = {c["id"]: c["sentences"] for c in p["co_mentioned"]}
        assert co == {(v if u == eid else u): w for u, v, r, w in
                      [(u, v, x["relation"], x["weight"]) for u, v, x in g.edges(data=True) if eid in (u, v)]
                      if r == "cooccurs"}
        assert {a["id"]: a["count"] for a in p["affiliations"]} == \
            {v: x["weight"] for u, v, x in g.out_edges(eid, data=True) if x["relation"] == "affiliated_with"}
        said = [q for q in quotes if q["speaker_id"] == eid]
        assert p["quotes_as_speaker"]["total"] == len(said) == d["quote_count"]
        assert p["quotes_as_speaker"]["direct"] == sum(q["kind"] == "direct" for q in said)


def test_entity_command_prints_roles_and_quote_counts(built):
    _, out = built
    eid = most_quoted(rows(out / "quotes.jsonl"))
    entity = next(e for e in rows(out / "entities.jsonl") if e["id"] == eid)
    r = runner.invoke(app, ["entity", entity["aliases"][0].lower(), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert entity["roles"] and entity["name"] in r.output and all(role in r.output for role in entity["roles"])
    n = sum(q["speaker_id"] == eid for q in rows(out / "quotes.jsonl"))
    assert f"{n} as speaker" in r.output
    as_json = json.loads(runner.invoke(app, ["entity", eid, "--json", "--out", str(out)]).stdout)
    assert as_json["id"] == eid and as_json["roles"] == entity["roles"]


# Two people seen as "Budi"; one statement of Budi Santoso carried by two outlets.
TWO_BUDIS = {
    "a.txt": "Judul satu\n\nBudi Santoso tiba di Jakarta.\n\n“Kami siap bekerja sama dengan semua pihak di kota ini,” kata Budi."
             "\n\n“Jalan harus diperbaiki,” kata Budi.",
    "b.txt": "Judul dua\n\nBudi Wirawan tiba di Jakarta.\n\n“Kami menolak rencana itu,” kata Budi.",
    "c.txt": "Judul tiga\n\nBudi Santoso pulang.\n\n“Kami siap bekerja sama dengan semua pihak di kota ini!” kata Budi.",
    "index.csv": "id,source,title,date,url\na,Kabar Pagi,Judul satu,2021-03-04,https://example.org/a\n"
                 "b,,Judul dua,2021-02-01,https://www.warta.example/b\nc,,Judul tiga,2021-03-05,https://warta.example/c\n",
}
BUDI_NAMES = {"Budi Santoso": "PER", "Budi Wirawan": "PER", "Budi": "PER", "Jakarta": "LOC"}


@pytest.fixture
def two_budis(build_docs):
    _, out = build_docs(TWO_BUDIS, BUDI_NAMES)
    return out


@pytest.mark.parametrize("cmd", [["quotes", "--speaker", "budi"], ["quotes", "--about", "BUDI"], ["entity", "Budi"]])
def test_an_ambiguous_name_lists_the_candidates_with_ids_and_counts(two_budis, cmd):
    r = runner.invoke(app, [*cmd, "--out", str(two_budis)])
    assert r.exit_code == 1 and r.stdout == ""
    quotes = rows(two_budis / "quotes.jsonl")
    for e in rows(two_budis / "entities.jsonl"):
        if e["type"] == "PERSON":
            said = sum(q["speaker_id"] == e["id"] for q in quotes)
            assert f"{e['id']}" in r.stderr and f"{e['mentions']} mention" in r.stderr and f"{said} quote" in r.stderr


def test_an_id_picks_exactly_that_entity_and_says_so(two_budis):
    quotes = rows(two_budis / "quotes.jsonl")
    for eid in ("per:budi_santoso", "per:budi_wirawan"):
        r = runner.invoke(app, ["quotes", "--speaker", eid, "--format", "jsonl", "--out", str(two_budis)])
        assert r.exit_code == 0
        assert [json.loads(x) for x in r.stdout.splitlines()] == timeline([q for q in quotes if q["speaker_id"] == eid])
        assert eid in r.stderr


def test_the_table_fits_80_columns_with_one_row_per_statement_and_its_outlets(two_budis, monkeypatch):
    from rich.console import Console

    import kg.cli

    monkeypatch.setattr(kg.cli, "out", Console(width=80, soft_wrap=True))
    r = runner.invoke(app, ["quotes", "--speaker", "Budi Santoso", "--format", "table", "--out", str(two_budis)])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert max(len(x) for x in lines) <= 80
    assert "3 quote(s), 2 statement(s)" in r.stdout
    assert "Kabar Pagi" in r.stdout and "warta.example" in r.stdout


@pytest.mark.model
@pytest.mark.slow
def test_on_the_seeds_quotes_by_the_most_quoted_speaker_match_the_file(tmp_path):
    """The demo data: ask by the speaker's shortest alias; compare with the build's own quotes.jsonl."""
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", "seeds", "--out", str(out), "-q"]).exit_code == 0
    quotes = rows(out / "quotes.jsonl")
    eid = most_quoted(quotes)
    alias = min(next(e for e in rows(out / "entities.jsonl") if e["id"] == eid)["aliases"], key=len)
    r = runner.invoke(app, ["quotes", "--speaker", alias, "--format", "jsonl", "--out", str(out)])
    assert [json.loads(x) for x in r.stdout.splitlines()] == timeline([q for q in quotes if q["speaker_id"] == eid])


def test_the_profile_fits_80_columns_on_a_terminal_and_keeps_every_item(built, monkeypatch):
    from rich.console import Console

    import kg.cli

    _, out = built
    eid = most_quoted(rows(out / "quotes.jsonl"))
    monkeypatch.setattr(kg.cli, "out", Console(width=80, force_terminal=True, soft_wrap=True, color_system=None))
    r = runner.invoke(app, ["entity", eid, "--out", str(out)])
    assert r.exit_code == 0
    assert max(len(x) for x in r.stdout.splitlines()) <= 80
    profile = json.loads(runner.invoke(app, ["entity", eid, "--json", "--out", str(out)]).stdout)
    flat = " ".join(r.stdout.split())  # wrapped lines read as one
    assert all(f"{c['name']} ({c['sentences']})" in flat for c in profile["co_mentioned"])

"""Article dates, titles and URLs: from JSONL fields, an index.csv, or the dateline; never guessed."""
import json

import networkx as nx
import pytest

from kg.meta import dateline, fields, parse_date
from kg.read import iter_inputs
from kg.records import Article

NAMES = {"Budi Santoso": "PER", "Budi": "PER", "Siti Rahma": "PER", "Jakarta": "LOC", "NATO": "ORG"}
BODY = ("Budi Santoso bertemu Siti Rahma di Jakarta.\n\n"
        "“Kami tidak akan mundur dari NATO,” kata Budi kepada Siti Rahma.")


@pytest.mark.parametrize("value,iso", [
    ("2023-04-05", "2023-04-05"), ("2023-04-05T21:36", "2023-04-05"), ("2023-04-05 07:00:00+07:00", "2023-04-05"),
    ("5/4/2023", "2023-04-05"), ("5 April 2023", "2023-04-05"), ("12 Agt 2021, 09:15 WIB", "2021-08-12"),
    ("Diperbarui 3 Mei 2024, 14:05 WIB", "2024-05-03"), ("March 9, 2020", "2020-03-09"),
    ("5 April", ""), ("Kamis", ""), ("kemarin", ""), ("2023-02-30", ""), ("", ""), ("bukan tanggal", ""),
])
def test_parse_date_reads_iso_and_indonesian_dates_and_refuses_partial_ones(value, iso):
    assert parse_date(value) == iso


def test_month_names_read_without_dateparser_give_what_dateparser_gives():
    """"20 Des 2024" is read with CLDR's month names (dateparser's first use costs a second); the
    day must come out as dateparser reads it, a day the month lacks ("31 Feb") too."""
    import dateparser
    from babel.dates import get_month_names

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY", "PARSERS": ["absolute-time"]}
    names = {n for loc in ("id", "en") for w in ("wide", "abbreviated") for n in get_month_names(w, locale=loc).values()}
    for name in sorted(names):
        for value in (f"29 {name} 2023", f"31 {name.upper()}. 2024", f"07 {name.lower()} 1999"):
            got = dateparser.parse(value, languages=["id", "en"], settings=settings)
            assert parse_date(value) == (got.date().isoformat() if got else ""), value


@pytest.mark.parametrize("text,iso", [
    ("Judul berita\n\nBandung, Rabu (3/5/2023) - Budi Santoso datang ke kantor.", "2023-05-03"),
    ("Judul berita\n\nSabtu, 14 Januari 2023 - 08:10 WIB\nBudi Santoso datang.", "2023-01-14"),
    ("Judul berita\nOleh Siti Rahma • 2 Sep 2022, 10:00 WIB\n\nBudi Santoso datang ke kantor.", "2022-09-02"),
    ("Judul berita\n\nBudi Santoso datang ke kantor, Jum'at (7/10/2022) pagi.", "2022-10-07"),
])
def test_dateline_is_read_from_the_top_of_the_text(text, iso):
    assert dateline(text) == iso


@pytest.mark.parametrize("text", [
    "Judul\n\nBudi Santoso datang pada hari Kamis dan pulang pada hari Jumat ke rumahnya sendiri di kota itu.",
    "Judul\n\nNegara itu merdeka sejak 17 Agustus 1945 menurut catatan sejarah yang dibacakan Budi Santoso di depan banyak orang.",
    "Judul\n\nBudi Santoso datang ke kantor, Kamis (3/5) pagi.",  # no year
    "Judul\n\nBudi Santoso datang ke kantor, Kamis (3/5/2023) pagi.",  # 3 May 2023 was a Wednesday
    "Judul\n\nBudi Santoso akan datang pada Jumat (5/5/2023) pagi.",  # an event in a sentence
])
def test_no_dateline_means_no_date(text):
    assert dateline(text) == ""


def test_jsonl_fields_give_title_date_and_url(tmp_path):
    rec = {"id": "x1", "title": "Budi datang", "published": "2021-11-02T10:00:00Z", "url": "https://example.org/x1",
           "text": BODY}
    (tmp_path / "a.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    [art] = list(iter_inputs([tmp_path]))
    assert (art.title, art.date, art.url) == ("Budi datang", "2021-11-02", "https://example.org/x1")
    assert fields({"Date": "tidak jelas", "date_raw": "4 Juni 2020"})[1] == "2020-06-04"  # first readable field


def write_corpus(root, rows):
    """The common scraper layout: articles/<id>.txt and index.csv beside the folder."""
    (root / "articles").mkdir(parents=True)
    lines = ["id,title,date,url"]
    for doc_id, (date, text) in rows.items():
        (root / "articles" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        lines.append(f'{doc_id},"Judul {doc_id}, panjang",{date},https://example.org/{doc_id}')
    (root / "index.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(tmp_path, inputs):
    from conftest import DictAnnotator
    from kg.config import BuildConfig
    from kg.pipeline import build as run_build
    from kg.pipeline import write_outputs

    cfg = BuildConfig(inputs=tuple(str(i) for i in inputs), out=tmp_path / "out", cache=False)
    result = run_build(cfg, annotator=DictAnnotator(NAMES))
    write_outputs(result, cfg)
    return result, tmp_path / "out"


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_index_csv_dates_reach_quotes_mentions_report_and_a_timed_gexf(tmp_path):
    write_corpus(tmp_path / "corpus", {"n1": ("2022-03-01T08:00", "Judul\n\n" + BODY),
                                       "n2": ("2022-05-20", "Judul\n\n" + BODY.replace("Jakarta", "Jakarta lagi"))})
    result, out = build(tmp_path, [tmp_path / "corpus"])
    quotes = read_jsonl(out / "quotes.jsonl")
    assert quotes and {(q["doc"], q["date"]) for q in quotes} == {("n1.txt", "2022-03-01"), ("n2.txt", "2022-05-20")}
    assert {q["title"] for q in quotes} == {"Judul n1, panjang", "Judul n2, panjang"}
    assert {q["url"] for q in quotes} == {"https://example.org/n1", "https://example.org/n2"}
    assert {m["date"] for m in read_jsonl(out / "mentions.jsonl")} == {"2022-03-01", "2022-05-20"}
    report = json.loads((out / "report.json").read_text())
    assert report["dates"] == {"first": "2022-03-01", "last": "2022-05-20"}
    assert report["counts"]["dated_documents"] == 2
    back = nx.read_gexf(out / "graph.gexf")
    assert back.graph["mode"] == "dynamic"
    budi = next(n for n, d in back.nodes(data=True) if d["label"] == "Budi Santoso")
    assert (back.nodes[budi]["start"], back.nodes[budi]["end"]) == ("2022-03-01", "2022-05-20")
    for u, v, k, d in result.graph.edges(keys=True, data=True):
        got = back.edges[u, v, k]
        assert (got["start"], got["end"]) == (d["first_date"], d["last_date"]) != ("", "")


def test_jsonl_dates_reach_quotes_and_gexf(tmp_path):
    rec = {"id": "r1", "date": "2020-01-15", "text": BODY}
    (tmp_path / "in.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    _, out = build(tmp_path, [tmp_path / "in.jsonl"])
    assert {q["date"] for q in read_jsonl(out / "quotes.jsonl")} == {"2020-01-15"}
    back = nx.read_gexf(out / "graph.gexf")
    assert {d["start"] for _, d in back.nodes(data=True)} == {"2020-01-15"}


def test_dateline_dates_reach_the_graph(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Judul\n\nJakarta, Senin (6/2/2023) - " + BODY, encoding="utf-8")
    result, out = build(tmp_path, [tmp_path / "in"])
    assert {q["date"] for q in read_jsonl(out / "quotes.jsonl")} == {"2023-02-06"}
    assert {d for _, d in result.graph.nodes(data="first_date")} == {"2023-02-06"}


def test_an_undated_article_keeps_empty_dates_and_a_static_gexf(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Judul\n\nPada hari Kamis, " + BODY, encoding="utf-8")
    (tmp_path / "in" / "index.csv").write_text("id,title,date,url\na,Judul,entah kapan,\n", encoding="utf-8")
    result, out = build(tmp_path, [tmp_path / "in"])
    assert {(q["date"], q["title"]) for q in read_jsonl(out / "quotes.jsonl")} == {("", "Judul")}
    assert {d for _, d in result.graph.nodes(data="first_date")} == {""}
    back = nx.read_gexf(out / "graph.gexf")
    assert back.graph["mode"] == "static" and all("start" not in d for _, d in back.nodes(data=True))


def test_article_without_metadata_has_empty_fields():
    assert (Article("a.txt", "x").title, Article("a.txt", "x").date) == ("", "")


def test_an_edited_index_is_read_again_and_makes_the_build_out_of_date(tmp_path):
    from kg.config import BuildConfig
    from kg.pipeline import fingerprint

    (tmp_path / "a.txt").write_text("Judul\n\n" + BODY, encoding="utf-8")
    index = tmp_path / "index.csv"
    index.write_text("ID,Title,Date,URL\na.txt,Judul,2020-01-01,\n", encoding="utf-8")  # headers in any case
    cfg = BuildConfig(inputs=(str(tmp_path),), out=tmp_path / "out")
    [art] = [a for a in iter_inputs([tmp_path]) if isinstance(a, Article)]
    assert art.date == "2020-01-01"
    before = fingerprint(cfg)
    index.write_text("ID,Title,Date,URL\na.txt,Judul baru,2020-01-02,\n", encoding="utf-8")
    [art] = [a for a in iter_inputs([tmp_path]) if isinstance(a, Article)]
    assert art.date == "2020-01-02" and fingerprint(cfg) != before

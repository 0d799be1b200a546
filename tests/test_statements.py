"""One statement carried by several articles becomes one item with its sources (invented quotes)."""
import json

from kg.statements import group, statement_keys


def q(doc, text, speaker="per:budi_santoso", date="2024-05-02", start=10):
    return {"doc": doc, "text": text, "speaker_id": speaker, "date": date, "start": start}


SAID = "Kami tidak akan mundur dari perundingan ini, apa pun yang terjadi di perbatasan"


def test_copies_with_a_changed_word_or_mark_are_one_statement_keyed_by_the_earliest():
    quotes = [
        q("b.txt", SAID + ".", date="2024-05-03", start=40),
        q("a.txt", SAID.upper() + "!", date="2024-05-02", start=7),   # the earliest copy
        q("c.txt", SAID.replace("ini", "itu"), date="2024-05-04"),   # one word in fifteen changed
        q("d.txt", "Perbatasan akan kami jaga bersama warga desa setiap malam tanpa henti"),
    ]
    keys = statement_keys(quotes)
    assert keys[0] == keys[1] == keys[2] == "a.txt:7"
    assert keys[3] == "d.txt:10"
    # the order the quotes come in does not change the keys
    assert statement_keys(quotes[::-1]) == keys[::-1]


def test_other_speakers_other_texts_and_unattributed_quotes_stay_apart():
    quotes = [
        q("a.txt", SAID),
        q("b.txt", SAID, speaker="per:siti_rahma"),           # another speaker
        q("c.txt", SAID, speaker=None),                        # no speaker: no one's statement
        q("d.txt", SAID, speaker=None),
        q("e.txt", "Kami tidak akan mundur dari perundingan ini"),  # a part is not a copy
        q("f.txt", "Tidak"),
        q("g.txt", "Ya"),                                      # short quotes match only themselves
    ]
    assert len(set(statement_keys(quotes))) == len(quotes)


def test_group_lists_copies_in_date_order_then_article_undated_last():
    quotes = [
        q("z.txt", SAID, date=""),
        q("c.txt", SAID, date="2024-05-02"),
        q("b.txt", SAID, date="2024-05-02"),
        q("a.txt", SAID, date="2024-05-09"),
        q("e.txt", "Perbatasan akan kami jaga bersama warga desa", date="2024-05-01"),
    ]
    groups = group(quotes)
    assert [[c["doc"] for c in g] for g in groups] == [["e.txt"], ["b.txt", "c.txt", "a.txt", "z.txt"]]


def test_quotes_jsonl_ties_copies_together_with_a_statement_key(build_docs):
    said = "“Kami tidak akan mundur dari perundingan ini, apa pun yang terjadi,” kata Budi Santoso."
    docs = {
        "x1.txt": "Judul satu\n\n" + said,
        "x2.txt": "Judul dua\n\nBerita lain hari ini.\n\n" + said.replace("ini,", "ini ,"),
        "x3.txt": "Judul tiga\n\n“Perbatasan akan kami jaga bersama warga,” kata Budi Santoso.",
        "index.csv": "id,source,title,date,url\nx1,Kabar Satu,Judul satu,2024-05-03,https://www.kabar.example/x1\n"
                     "x2,,Judul dua,2024-05-02,https://www.warta.example/x2\n",
    }
    _, out = build_docs(docs, {"Budi Santoso": "PER"})
    rows = [json.loads(x) for x in (out / "quotes.jsonl").read_text(encoding="utf-8").splitlines()]
    by_doc = {r["doc"]: r for r in rows}
    assert set(by_doc) == {"x1.txt", "x2.txt", "x3.txt"}
    assert by_doc["x1.txt"]["statement"] == by_doc["x2.txt"]["statement"] == f"x2.txt:{by_doc['x2.txt']['start']}"
    assert by_doc["x3.txt"]["statement"] == f"x3.txt:{by_doc['x3.txt']['start']}"
    # the outlet: the index's source column, else the URL's host
    assert (by_doc["x1.txt"]["outlet"], by_doc["x2.txt"]["outlet"], by_doc["x3.txt"]["outlet"]) == \
        ("Kabar Satu", "warta.example", "")

"""kg eval scores exactly as shared/eval/GUIDELINES.md says."""
import json

import pytest

from kg.evaluate import run


def write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def case(tmp_path):
    gold, out = tmp_path / "gold", tmp_path / "out"
    gold.mkdir()
    out.mkdir()
    (gold / "d.txt.json").write_text(json.dumps({
        "doc": "d.txt",
        "entities": [{"name": "Budi Santoso", "type": "PERSON", "aliases": ["Budi"]},
                     {"name": "Jakarta", "type": "LOCATION", "aliases": ["Jakarta"]},
                     {"name": "NATO", "type": "ORGANIZATION", "aliases": ["NATO"]}],
        "quotes": [{"text": "Kami siap bekerja sama dengan semua pihak", "speaker": "Budi Santoso", "kind": "direct"},
                   {"text": "harga beras akan turun bulan depan", "speaker": "Budi Santoso", "kind": "indirect"},
                   {"text": "ini hanya awal", "speaker": None, "speaker_desc": "seorang pejabat", "kind": "direct"}],
    }))
    m = lambda ent, eid, typ, text: {"doc": "d.txt", "entity": ent, "entity_id": eid, "type": typ,  # noqa: E731
                                     "text": text, "start": 0, "end": 1}
    write(out / "mentions.jsonl", [m("Budi Santoso", "p1", "PERSON", "Tuan Budi"), m("Jakarta", "l1", "ORGANIZATION", "Jakarta"),
                                   m("Bogor", "l2", "LOCATION", "Bogor")])
    q = lambda text, kind, spk, sid: {"doc": "d.txt", "text": text, "kind": kind, "speaker": spk,  # noqa: E731
                                      "speaker_id": sid, "speaker_desc": None}
    write(out / "quotes.jsonl", [q("“Kami siap bekerja sama dengan semua pihak,”", "direct", "Budi Santoso", "p1"),
                                 q("harga beras akan turun", "indirect", "Jakarta", "l1"),
                                 q("sesuatu yang lain sama sekali", "direct", None, None)])
    return gold, out


def test_entity_scores_strip_honorifics_and_count_types_on_matches(case):
    s = run(*case)["scores"]["entities"]
    assert (s["precision"], s["recall"], s["type_accuracy"]) == (round(2 / 3, 4), round(2 / 3, 4), 0.5)


def test_quote_scores_use_token_jaccard_and_named_speakers(case):
    report = run(*case)
    d, i = report["scores"]["direct_quotes"], report["scores"]["indirect_quotes"]
    assert (d["precision"], d["recall"], d["speaker_accuracy"]) == (0.5, 0.5, 1.0)
    # 4 of 6 tokens shared: Jaccard 0.67 ≥ 0.5 is a match; the speaker is wrong
    assert (i["precision"], i["recall"], i["speaker_accuracy"]) == (1.0, 1.0, 0.0)
    assert any("ini hanya awal" in x for x in report["misses"]["direct_quote_missed"])

"""kg eval scores exactly as shared/eval/GUIDELINES.md says (shared/eval/score.py is the reference)."""
import importlib.util
import json
from pathlib import Path

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
    assert (s["precision"], s["recall"], s["type_accuracy"]) == (pytest.approx(2 / 3), pytest.approx(2 / 3), 0.5)


def test_quote_scores_use_token_jaccard_and_named_speakers(case):
    report = run(*case)
    d, i = report["scores"]["direct_quotes"], report["scores"]["indirect_quotes"]
    assert (d["precision"], d["recall"], d["speaker_accuracy"]) == (0.5, 0.5, 1.0)
    # 4 of 6 tokens shared: Jaccard 0.67 ≥ 0.5 is a match; the speaker is wrong
    assert (i["precision"], i["recall"], i["speaker_accuracy"]) == (1.0, 1.0, 0.0)
    assert any("ini hanya awal" in x for x in report["misses"]["direct_quote_missed"])


def test_a_split_person_leaves_a_false_positive(tmp_path):
    """Matching is one to one: two predicted nodes for one person score one hit and one false positive."""
    gold, out = tmp_path / "gold", tmp_path / "out"
    gold.mkdir()
    out.mkdir()
    (gold / "d.txt.json").write_text(json.dumps({"doc": "d.txt", "quotes": [], "entities": [
        {"name": "Siti Rahayu", "type": "PERSON", "aliases": ["Siti", "Rahayu"]},
        {"name": "Bandung", "type": "LOCATION", "aliases": []}]}))
    m = lambda ent, eid, text: {"doc": "d.txt", "entity": ent, "entity_id": eid, "type": "PERSON", "text": text}  # noqa: E731
    write(out / "mentions.jsonl", [m("Siti Rahayu", "p1", "Siti Rahayu"), m("Rahayu", "p2", "Rahayu")])
    write(out / "quotes.jsonl", [])
    s = run(gold, out)["scores"]["entities"]
    assert (s["precision"], s["recall"]) == (0.5, 0.5)


def test_matching_finds_the_largest_one_to_one_pairing():
    from kg.evaluate import max_matching

    # the first gold could take either prediction; the second only the first one
    assert max_matching([{"a", "b"}, {"a"}], [{"a"}, {"b"}]) == {0: 1, 1: 0}


def test_missing_gold_folder_is_named(tmp_path):
    (tmp_path / "mentions.jsonl").write_text("")
    (tmp_path / "quotes.jsonl").write_text("")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        run(tmp_path / "nowhere", tmp_path)


EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"  # shared/ sits beside the repo


@pytest.mark.model
@pytest.mark.skipif(not (EVAL / "score.py").exists(), reason="shared/eval is not beside this checkout")
@pytest.mark.parametrize("gold, docs", [("dev/gold", "dev/docs"), ("gold", None)])
def test_same_figures_as_the_reference_scorer(tmp_path, gold, docs):
    from typer.testing import CliRunner

    from kg.cli import app

    spec = importlib.util.spec_from_file_location("reference_score", EVAL / "score.py")
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["build", str(EVAL / docs) if docs else "seeds", "--out", str(out), "-q", "--no-cache"])
    assert r.exit_code == 0, r.output
    ref = reference.score(EVAL / gold, out)
    ours = run(EVAL / gold, out)["scores"]
    assert ours["entities"]["f1"] == pytest.approx(ref["entity_f1"])
    assert ours["entities"]["type_accuracy"] == pytest.approx(ref["entity_type_accuracy"])
    for kind in ("direct", "indirect"):
        for fig in ("precision", "recall", "f1", "speaker_accuracy"):
            key = f"{kind}_{fig}" if fig == "speaker_accuracy" else f"{kind}_quote_{fig}"
            assert ours[f"{kind}_quotes"][fig] == pytest.approx(ref[key]), (kind, fig)

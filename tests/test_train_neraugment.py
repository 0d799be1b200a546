"""Name-substitution augmentation of the NER training data (invented names, no training)."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.train import neraugment, nerdata


def _gazetteer(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "person.txt").write_text("Larasati Wirananda\nBramantyo Sukmajaya\nCendana Purbakara Wisesa\n"
                                     "Tunggal\nGara?ano Pelita\nmulti word lower\n", encoding="utf-8")
    (root / "organization.txt").write_text("Perkumpulan Sinar Kencana\nPT Lintang Raya\n", encoding="utf-8")
    (root / "place.txt").write_text("Karangwulung\nTelaga Biru\nDesa Satu Kecamatan Dua Kabupaten\n",
                                    encoding="utf-8")
    return root


def _ent(words, typ):
    return [(w, ("B-" if i == 0 else "I-") + typ) for i, w in enumerate(words)]


@pytest.fixture
def pools(tmp_path):
    return neraugment.load_pools(_gazetteer(tmp_path / "gaz"))


def test_pools_take_name_words_and_short_entries(pools):
    assert set(pools.given) == {"Larasati", "Bramantyo", "Cendana"}
    assert set(pools.family) == {"Wirananda", "Sukmajaya", "Wisesa"}  # "?" entries and single words left out
    assert ["Karangwulung"] in pools.loc and ["Telaga", "Biru"] in pools.loc
    assert all(len(e) <= 2 for e in pools.loc)  # village/district/regency strings left out
    assert ["PT", "Lintang", "Raya"] in pools.org


def test_pools_keep_only_name_words_with_a_vector(tmp_path):
    pools = neraugment.load_pools(_gazetteer(tmp_path / "gaz"), vocab={"larasati", "wisesa", "sukmajaya"})
    assert set(pools.given) == {"Larasati"} and set(pools.family) == {"Wisesa", "Sukmajaya"}
    empty = neraugment.load_pools(_gazetteer(tmp_path / "gaz2"), vocab=set())
    sent = _ent(["Gumilar"], "PER") + [("tiba", "O")]
    assert neraugment.augment_sentence(sent, empty, random.Random(0)) == sent  # nothing to draw: unchanged


def test_person_renamed_consistently_labels_kept(pools):
    sent = (_ent(["H.", "Gumilar", "Pranadipa"], "PER") + [("berkata", "O"), ("bahwa", "O")]
            + _ent(["Pranadipa"], "PER") + [("datang", "O"), ("ke", "O")] + _ent(["Kota", "Ardana"], "LOC")
            + [(".", "O")])
    out = neraugment.augment_sentence(sent, pools, random.Random(0), other_rate=0.0)
    assert [l for _, l in out] == [l for _, l in sent]
    assert out[0][0] == "H."  # titles and initials stay
    assert out[1][0] in pools.given and out[2][0] in pools.family
    assert out[5][0] == out[2][0]  # the short form follows the full name
    assert [t for t, l in out if l == "O"] == [t for t, l in sent if l == "O"]
    assert out[-3:-1] == sent[-3:-1]  # other_rate 0: the place is untouched


def test_org_and_loc_swapped_for_gazetteer_entries(pools):
    sent = _ent(["Koperasi", "Maju"], "ORG") + [("di", "O")] + _ent(["Ardana"], "LOC") + [(".", "O")]
    out = neraugment.augment_sentence(sent, pools, random.Random(1), other_rate=1.0)
    got = neraugment.spans(out)
    assert [t for _, _, t in got] == ["ORG", "LOC"]
    org = [w for w, _ in out[got[0][0]:got[0][1]]]
    loc = [w for w, _ in out[got[1][0]:got[1][1]]]
    assert org in pools.org and loc in pools.loc
    assert all(not (l.startswith("I-") and (i == 0 or out[i - 1][1][2:] != l[2:])) for i, (_, l) in enumerate(out))


def test_augment_copies_only_entity_sentences_and_skips_held_out(pools):
    with_person = _ent(["Gumilar", "Pranadipa"], "PER") + [("tiba", "O"), (".", "O")]
    plain = [("Hujan", "O"), ("turun", "O"), (".", "O")]
    out = neraugment.augment([with_person, plain], pools, copies=2, seed=3)
    assert 1 <= len(out) <= 2 and all(neraugment.spans(s) for s in out)
    assert all(s[0][0] != "Gumilar" for s in out)
    # a copy equal to a held-out sentence is dropped
    held = {nerdata.norm_sentence([t for t, _ in s]) for s in out}
    assert neraugment.augment([with_person, plain], pools, copies=2, seed=3, exclude_keys=held) == []


def _train_sents():
    return [
        _ent(["Larasati", "Wirananda"], "PER") + [("berkata", "O"), (".", "O")],
        _ent(["Larasati", "Wirananda"], "PER") + [("tiba", "O"), (".", "O")],  # a famous name, said twice
        [("Menurut", "O")] + _ent(["Bramantyo", "Sukmajaya"], "PER") + [(",", "O")],
        _ent(["Cendana", "Purbakara", "Wisesa"], "PER") + [("dan", "O")] + _ent(["Tunggal"], "PER"),
        _ent(["Koperasi", "Maju"], "ORG") + [("di", "O")] + _ent(["Ardana"], "LOC"),
        _ent(["Xa", "Wulungsari"], "PER") + [(".", "O")],  # a two-letter word is no name word
    ]


def test_pools_from_training_persons_each_word_once():
    pools = neraugment.pools_from_sentences(_train_sents())
    assert pools.given == ["Bramantyo", "Cendana", "Larasati"]  # first words of multi-word persons, once each
    assert pools.family == ["Sukmajaya", "Wirananda", "Wisesa", "Wulungsari"]
    assert pools.org == [["Koperasi", "Maju"]] and pools.loc == [["Ardana"]]  # whole training spans


def test_org_and_loc_pools_from_training_skip_excluded_and_vectorless_words():
    sents = _train_sents() + [_ent(["Perkumpulan", "Rimbajati"], "ORG") + [("di", "O")]
                              + _ent(["Telaga", "Sunyi"], "LOC")]
    pools = neraugment.pools_from_sentences(sents, exclude={"rimbajati"})
    assert ["Perkumpulan", "Rimbajati"] not in pools.org and ["Telaga", "Sunyi"] in pools.loc
    vocab = {"koperasi", "maju", "telaga"}
    pools = neraugment.pools_from_sentences(sents, vocab=vocab)
    assert pools.org == [["Koperasi", "Maju"]] and pools.loc == []


def test_pools_from_training_leave_out_excluded_and_vectorless_words():
    exclude = {"larasati", "Sukmajaya"}
    pools = neraugment.pools_from_sentences(_train_sents(), exclude=exclude)
    drawn = {w.lower() for w in pools.given + pools.family}
    assert drawn and not drawn & {w.lower() for w in exclude}
    pools = neraugment.pools_from_sentences(_train_sents(), vocab={"cendana", "wisesa"})
    assert pools.given == ["Cendana"] and pools.family == ["Wisesa"]


def test_augment_fraction_and_persons_only():
    sents = [_ent([f"Orang{i}", "Wirananda"], "PER") + [("tiba", "O")] for i in range(200)]
    org_only = [_ent(["Koperasi", "Maju"], "ORG") + [("rugi", "O")]]
    pools = neraugment.pools_from_sentences(_train_sents())
    half = neraugment.augment(sents + org_only, pools, copies=1, seed=5, fraction=0.5, per_only=True)
    assert 60 <= len(half) <= 140  # about half of the 200 person sentences
    assert all(any(t == "PER" for _, _, t in neraugment.spans(s)) for s in half)
    assert neraugment.augment(sents, pools, copies=1, seed=5, fraction=0.0) == []
    assert neraugment.augment(org_only, pools, copies=1, seed=5, per_only=True) == []

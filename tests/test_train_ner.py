"""NER training code (tiny end-to-end run) and the shipped NER model."""
from __future__ import annotations

import random
import shutil
from types import SimpleNamespace
from pathlib import Path

import numpy as np
import pytest

from kg.train import ner, nerdata

MODEL_DIR = Path(__file__).resolve().parents[1] / "kg" / "models" / "ner"

PERS = [["Abdurrahman", "Wahid"], ["Sri", "Mulyani"], ["Retno", "Marsudi"], ["Anies", "Baswedan"], ["Budi"]]
ORGS = [["PT", "Pertamina"], ["Bank", "Indonesia"], ["KPK"], ["Universitas", "Indonesia"]]
LOCS = [["Jakarta"], ["Surabaya"], ["Jawa", "Barat"], ["Bandung"], ["Papua"]]
VERBS = ["mengunjungi", "bertemu", "berbicara", "meninjau", "menyatakan"]


def _sentence(rnd: random.Random) -> list[tuple[str, str]]:
    def ent(words, typ):
        return [(w, ("B-" if i == 0 else "I-") + typ) for i, w in enumerate(words)]
    s = ent(rnd.choice(PERS), "PERSON") + [(rnd.choice(VERBS), "O"), ("pejabat", "O")]
    s += ent(rnd.choice(ORGS), "ORGANISATION") + [("di", "O")] + ent(rnd.choice(LOCS), "PLACE") + [(".", "O")]
    return s


def _write(path: Path, sents, sep="\t", pos=False):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for s in sents:
            for t, l in s:
                if pos:
                    l = l.replace("PERSON", "PER").replace("ORGANISATION", "ORG").replace("PLACE", "LOC")
                    f.write(f"{t} X {l}\n")
                else:
                    f.write(f"{t}{sep}{l}\n")
            f.write("\n")


def _fake_corpora(root: Path, rnd: random.Random) -> Path:
    g = lambda n: [_sentence(rnd) for _ in range(n)]  # noqa: E731
    for split in ("train", "valid", "test"):
        _write(root / "ner-nergrit" / f"{split}.txt", g(12))
    for split in ("train", "dev", "test"):
        _write(root / "ner-idner-news-2k" / f"{split}.txt", g(12), pos=True)
    _write(root / "ner-indolem-nerui" / "nergithub.txt", g(12))
    dee = [[(t, l[2:].replace("ORGANISATION", "Organisation").replace("PERSON", "Person").replace("PLACE", "Place")
             if l != "O" else "O") for t, l in s] for s in g(6)]
    _write(root / "ner-dee-goldstandard" / "goldstandard-0811.txt", dee)
    return root


def test_nerdata_mapping_and_dedup(tmp_path):
    corpora = _fake_corpora(tmp_path / "c", random.Random(0))
    train, dev, tests, stats = nerdata.build_splits(corpora)
    labels = {l for s in train + dev for _, l in s}
    assert labels <= {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}
    held = {nerdata.norm_sentence([t for t, _ in s]) for s in dev + [x for v in tests.values() for x in v]}
    assert not any(nerdata.norm_sentence([t for t, _ in s]) in held for s in train)
    # the tiny generator repeats sentences, so dedup must have removed some
    assert sum(stats["removed_overlap"].values()) + sum(stats["removed_duplicate"].values()) > 0
    # IO (DEE) becomes valid IOB2
    assert all(not (l.startswith("I-") and (i == 0 or s[i - 1][1][2:] != l[2:]))
               for s in train for i, (_, l) in enumerate(s))


def test_train_tiny_end_to_end(tmp_path):
    rnd = random.Random(1)
    corpora = _fake_corpora(tmp_path / "c", rnd)
    words = sorted({t.lower() for p in (corpora).rglob("*.txt") for t in
                    (line.split()[0] for line in p.read_text().splitlines() if line.strip())})
    from kg.train.vectors import write_pretrain
    vec = tmp_path / "vec.pt"
    write_pretrain(words, np.random.default_rng(0).normal(size=(len(words), 16)).astype(np.float32), vec)
    out = tmp_path / "out"
    scores = ner.run(corpora, out, max_steps=20, eval_interval=10, vectors=vec,
                     extra_args=["--hidden_dim", "16", "--char_hidden_dim", "8", "--char_emb_dim", "8"])
    assert (out / "ner.pt").stat().st_size > 0 and (out / "pretrain.pt").exists()
    assert (out / "scores.json").exists()
    for k in ("test_nergrit", "test_idner"):
        assert 0.0 <= scores[k]["f1"] <= 1.0
    pipe = ner.load_pipeline(out)  # loads, vectors verified
    doc = pipe([["Abdurrahman", "Wahid", "mengunjungi", "Jakarta", "."]])
    assert len(doc.sentences[0].tokens) == 5

    # continue training that model on name-substituted copies (gazetteer with invented names)
    gaz = corpora / "gazetteer-mdee"
    gaz.mkdir()
    # name words must have a vector to be used: recombine words of the tiny corpus
    (gaz / "person.txt").write_text("Retno Wahid\nAnies Mulyani\n", encoding="utf-8")
    (gaz / "organization.txt").write_text("Perkumpulan Sinar Kencana\n", encoding="utf-8")
    (gaz / "place.txt").write_text("Karangwulung\n", encoding="utf-8")
    out2 = tmp_path / "out2"
    scores2 = ner.run(corpora, out2, max_steps=10, eval_interval=5, vectors=vec, init_from=out / "ner.pt",
                      augment_copies=1)
    n_aug = scores2["data"]["augmented"]["sentences"]
    assert n_aug > 0 and scores2["data"]["train_sentences"] == scores["data"]["train_sentences"] + n_aug
    assert (out2 / "ner.pt").exists() and 0.0 <= scores2["test_idner"]["f1"] <= 1.0
    ner.load_pipeline(out2)

    # names from the training set's own persons, minus an exclusion file (no retraining: skip_train)
    train_names = {t for s in nerdata.build_splits(corpora)[0] for t, lab in s if lab.endswith("PER")}
    banned = sorted(train_names)[:1]
    (tmp_path / "exclude.txt").write_text(" ".join(banned) + "\n", encoding="utf-8")
    scores3 = ner.run(corpora, out2, vectors=vec, skip_train=True, augment_copies=1, augment_pool="train",
                      augment_exclude=tmp_path / "exclude.txt", augment_fraction=1.0,
                      augment_other_rate=0.5)
    info = scores3["data"]["augmented"]
    assert info["pool"] == "train" and info["excluded_words"] == 1 and info["pool_overlap_with_excluded"] == 0
    assert info["org_entries"] > 0 and info["loc_entries"] > 0  # training spans swapped in as well


def test_time_limit_stops_training(tmp_path, monkeypatch):
    corpora = _fake_corpora(tmp_path / "c", random.Random(2))
    words = sorted({t.lower() for p in corpora.rglob("*.txt") for t in
                    (line.split()[0] for line in p.read_text().splitlines() if line.strip())})
    from kg.train.vectors import write_pretrain
    vec = tmp_path / "vec.pt"
    write_pretrain(words, np.random.default_rng(0).normal(size=(len(words), 16)).astype(np.float32), vec)
    out = tmp_path / "out"
    small = ["--hidden_dim", "16", "--char_hidden_dim", "8", "--char_emb_dim", "8"]
    # a clock that advances one second per reading: the 3-second limit passes after a step or two
    clock = iter(range(10**9))
    monkeypatch.setattr(ner, "time", SimpleNamespace(time=lambda: float(next(clock))))
    scores = ner.run(corpora, out, max_steps=50, eval_interval=1, vectors=vec, extra_args=small,
                     time_limit_min=3 / 60)
    assert next(clock) < 20  # far fewer than the 50 steps (one clock reading each) it was allowed
    assert (out / "ner.pt").exists() and 0.0 <= scores["dev"]["f1"] <= 1.0

@pytest.mark.model
def test_shipped_model_tags_person_offline(no_network):
    pipe = ner.load_pipeline(MODEL_DIR)
    doc = pipe([["Presiden", "Abdurrahman", "Wahid", "bertemu", "Menteri", "Keuangan", "Sri", "Mulyani",
                 "di", "Istana", "Merdeka", ",", "Jakarta", ",", "Senin", "."]])
    ents = {(e.text, e.type) for e in doc.ents}
    assert any(t == "PER" for _, t in ents), ents
    assert ("Abdurrahman Wahid", "PER") in ents, ents


@pytest.mark.model
def test_missing_pretrain_is_detected(tmp_path, no_network):
    import stanza
    # 1. our loader refuses a model directory without pretrain.pt
    only_model = tmp_path / "m"
    only_model.mkdir()
    shutil.copy(MODEL_DIR / "ner.pt", only_model / "ner.pt")
    with pytest.raises(FileNotFoundError):
        ner.load_pipeline(only_model)
    # 2. plain Stanza WITHOUT ner_pretrain_path loads without complaint but with
    #    untrained word vectors (F1 collapses); check_pipeline catches that
    (tmp_path / "resources.json").write_text("{}")
    pipe = stanza.Pipeline(lang="id", processors="tokenize,ner", tokenize_pretokenized=True,
                           ner_model_path=str(only_model / "ner.pt"),
                           download_method=None, dir=str(tmp_path), allow_unknown_language=True,
                           use_gpu=False, logging_level="WARN")
    with pytest.raises(RuntimeError):
        ner.check_pipeline(pipe, MODEL_DIR / "pretrain.pt")
    # 3. the same check passes for a correctly loaded pipeline
    good = stanza.Pipeline(lang="id", processors="tokenize,ner", tokenize_pretokenized=True,
                           ner_model_path=str(MODEL_DIR / "ner.pt"),
                           ner_pretrain_path=str(MODEL_DIR / "pretrain.pt"),
                           download_method=None, dir=str(tmp_path), allow_unknown_language=True,
                           use_gpu=False, logging_level="WARN")
    ner.check_pipeline(good, MODEL_DIR / "pretrain.pt")

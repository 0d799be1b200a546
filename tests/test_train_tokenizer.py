"""Tests for kg.train.tokenizer and the shipped Indonesian tokenizer/MWT models."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"  # shared/ sits beside the repo
MODELS = Path(__file__).resolve().parents[1] / "kg" / "models"
SHIPPED_TOKENIZER = MODELS / "tokenize" / "tokenizer.pt"
SHIPPED_MWT = MODELS / "mwt" / "mwt.pt"

needs_corpora = pytest.mark.skipif(
    not (CORPORA / "ud-id-gsd" / "id_gsd-ud-dev.conllu").exists(),
    reason="UD Indonesian corpora not available",
)


@needs_corpora
def test_training_smoke(tmp_path):
    """A few steps on a tiny sample: the whole convert/train/evaluate path runs and the output loads."""
    from kg.train import tokenizer as tok

    scores = tok.run(CORPORA, tmp_path / "out", max_steps=8, seed=7, mwt_epochs=1,
                     limit=40, heldout_limit=8, work_dir=tmp_path / "work")

    out = tmp_path / "out"
    assert (out / "tokenizer.pt").stat().st_size > 0
    assert (out / "mwt.pt").stat().st_size > 0  # the sample contains -nya clitics (MWTs)
    saved = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert saved["max_steps"] == 8
    assert set(saved["heldout"]) == {"csui_test", "pud_test"}
    for split in scores["heldout"].values():
        for metric in ("tokens", "words", "sentences"):
            assert 0.0 <= split[metric]["f1"] <= 1.0

    # the converted training data has character labels aligned with the text
    data = tmp_path / "work" / "data"
    txt = (data / "id_kg.train.txt").read_text(encoding="utf-8")
    labels = (data / "id_kg-ud-train.toklabels").read_text(encoding="utf-8")
    assert 0 < len(labels.strip()) <= len(txt)
    assert set(labels.replace("\n", "")) <= set("01234")

    # the trained files load into an offline Stanza pipeline
    nlp = tok.load_pipeline(out / "tokenizer.pt", out / "mwt.pt", resources_dir=tmp_path / "res")
    doc = nlp("Presiden berbicara di Jakarta.")
    assert len(doc.sentences) >= 1  # 8 steps learn nothing useful; only loading is checked


def _conllu(sid, tokens):
    """tokens: (form, space_after) pairs or (form, space_after, [words]) for multiword tokens."""
    lines = [f"# sent_id = {sid}", "# text = x"]
    wid = 0
    for tok in tokens:
        form, space = tok[0], tok[1]
        misc = "_" if space else "SpaceAfter=No"
        if len(tok) == 3:
            n = len(tok[2])
            lines.append(f"{wid + 1}-{wid + n}\t{form}\t_\t_\t_\t_\t_\t_\t_\t{misc}")
            for w in tok[2]:
                wid += 1
                lines.append(f"{wid}\t{w}\t_\tX\t_\t_\t1\tdep\t_\t_")
        else:
            wid += 1
            lines.append(f"{wid}\t{form}\t_\tX\t_\t_\t1\tdep\t_\t{misc}")
    return lines


def test_augment_multisentence_quotes():
    """A donor sentence goes inside an existing quotation; the result is one well-formed sentence."""
    from kg.train.tokdata import _sent_text, augment_multisentence_quotes

    quote = _conllu("q", [('"', False), ("Kami", True), ("siap", True), ("bekerja", False), (",", False),
                          ('"', True), ("katanya", False, ["kata", "nya"]), (".", True)])
    donor = _conllu("d", [("Harga", True), ("beras", True), ("naik", True), ("lagi", False), (".", False)])
    other = _conllu("o", [('"', False), ("Ya", False), (".", False), ('"', True), ("Dia", True), ("pergi", False),
                          (".", True)])  # quotation too short: not augmented
    out, n = augment_multisentence_quotes([quote, donor, other], seed=1)
    assert n == 1 and len(out) == 4 and out[:3] == [quote, donor, other]
    new = out[3]
    assert _sent_text(new) == '"Harga beras naik lagi. Kami siap bekerja," katanya.'
    rows = [l.split("\t") for l in new if not l.startswith("#")]
    assert [r[0] for r in rows][-4:] == ["12-13", "12", "13", "14"]  # renumbered, MWT kept
    assert sum(r[6] == "0" for r in rows if "-" not in r[0]) == 1  # exactly one root


@pytest.mark.model
def test_shipped_tokenizer_offline(tmp_path, monkeypatch):
    import stanza

    assert SHIPPED_TOKENIZER.exists() and SHIPPED_MWT.exists()
    (tmp_path / "resources.json").write_text("{}", encoding="utf-8")

    def no_network(*args, **kwargs):
        raise OSError("network access blocked in test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)

    nlp = stanza.Pipeline(lang="id", processors="tokenize,mwt",
                          tokenize_model_path=str(SHIPPED_TOKENIZER),
                          mwt_model_path=str(SHIPPED_MWT),
                          download_method=None, dir=str(tmp_path),
                          allow_unknown_language=True, use_gpu=False, logging_level="WARN")
    text = ("Presiden Abdurrahman Wahid meresmikan jalan tol baru di Semarang, Jawa Tengah, pada Senin (12/6). "
            "Menurut Menteri PUPR, proyek itu menelan biaya Rp 5,2 triliun.")
    doc = nlp(text)
    assert len(doc.sentences) == 2
    first = [t.text for t in doc.sentences[0].tokens]
    second = [t.text for t in doc.sentences[1].tokens]
    assert first[:3] == ["Presiden", "Abdurrahman", "Wahid"]
    assert "Semarang" in first and "," in first and first[-1] == "."
    assert "(" in first and ")" in first
    assert second[0] == "Menurut" and second[-1] == "."
    assert "triliun" in second
    # every token's text comes from the input
    for s in doc.sentences:
        for t in s.tokens:
            assert text[t.start_char:t.end_char] == t.text


@pytest.mark.model
def test_shipped_mwt_splits_clitic(tmp_path):
    import stanza

    (tmp_path / "resources.json").write_text("{}", encoding="utf-8")
    nlp = stanza.Pipeline(lang="id", processors="tokenize,mwt",
                          tokenize_model_path=str(SHIPPED_TOKENIZER),
                          mwt_model_path=str(SHIPPED_MWT),
                          download_method=None, dir=str(tmp_path),
                          allow_unknown_language=True, use_gpu=False, logging_level="WARN")
    doc = nlp("Rumahnya berada di dekat pasar.")
    tokens = doc.sentences[0].tokens
    assert tokens[0].text == "Rumahnya"
    assert [w.text for w in tokens[0].words] == ["Rumah", "nya"]

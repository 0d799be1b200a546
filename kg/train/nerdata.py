"""Reading, label mapping and deduplication of the Indonesian NER corpora.

All corpora are mapped to PER / ORG / LOC in IOB2 ("BIO"); Stanza converts
BIO to BIOES itself when it loads the data (``--scheme bioes``, its default).

Corpus folders (under ``corpora``, see /work/shared/corpora/README.md):

* ``ner-nergrit``          train/valid/test, PERSON/ORGANISATION/PLACE (token\\tlabel)
* ``ner-idner-news-2k``    train/dev/test, ``token POS NER`` (space separated)
* ``ner-indolem-nerui``    one file, PERSON/ORGANIZATION/LOCATION (token\\tlabel)
* ``ner-dee-goldstandard`` IO scheme Person/Organisation/Place; blocks are not
  sentences, we split them after every "." token.

NER-UGM and NERP are deliberately not used (sentence overlap with idner-news-2k,
lower-cased text).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

Sentence = list[tuple[str, str]]  # [(token, BIO label)]

LABEL_MAP = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANISATION": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC",
}

_NONWORD = re.compile(r"[\W_]+", re.UNICODE)


def norm_sentence(tokens) -> str:
    """Normalised sentence key for deduplication: lower-case, non-word chars removed."""
    if not isinstance(tokens, str):
        tokens = " ".join(tokens)
    return _NONWORD.sub("", tokens.lower())


def _map_bio(label: str) -> str:
    label = label.strip()
    if not label or label == "O":
        return "O"
    if label[:2] in ("B-", "I-"):
        prefix, typ = label[:2], label[2:]
    else:
        prefix, typ = None, label
    typ = LABEL_MAP.get(typ.upper())
    if typ is None:
        return "O"
    return (prefix or "I-") + typ


def _fix_bio(labels: list[str]) -> list[str]:
    """Turn IO (or broken BIO) into valid IOB2: an I- that does not continue the same type becomes B-."""
    out = []
    prev = "O"
    for lab in labels:
        if lab.startswith("I-") and (prev == "O" or prev[2:] != lab[2:]):
            lab = "B-" + lab[2:]
        out.append(lab)
        prev = lab
    return out


def read_conll(path: Path, sep: str | None = None) -> list[Sentence]:
    """Token in the first column, label in the last; blank line separates sentences."""
    sents: list[Sentence] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            parts = line.split(sep) if sep else re.split(r"\t| ", line)
            parts = [p for p in parts if p != ""] if sep is None else parts
            if len(parts) < 2:
                continue
            tok, lab = parts[0].strip(), parts[-1].strip()
            if not tok or tok == "-DOCSTART-":
                continue
            cur.append((tok, _map_bio(lab)))
    if cur:
        sents.append(cur)
    return [_fix(s) for s in sents]


def _fix(sent: Sentence) -> Sentence:
    labels = _fix_bio([l for _, l in sent])
    return [(t, l) for (t, _), l in zip(sent, labels)]


def split_on_period(blocks: list[Sentence]) -> list[Sentence]:
    out = []
    for block in blocks:
        cur = []
        for tok, lab in block:
            cur.append((tok, lab))
            if tok == "." and lab == "O":
                out.append(_fix(cur))
                cur = []
        if cur:
            out.append(_fix(cur))
    return out


def load_corpora(corpora: Path) -> dict[str, list[Sentence]]:
    """Return named splits. Keys: <corpus>/<split>."""
    c = Path(corpora)
    data = {}
    g = c / "ner-nergrit"
    for split in ("train", "valid", "test"):
        data[f"nergrit/{split}"] = read_conll(g / f"{split}.txt", sep="\t")
    i = c / "ner-idner-news-2k"
    for split in ("train", "dev", "test"):
        data[f"idner/{split}"] = read_conll(i / f"{split}.txt", sep=" ")
    data["nerui/all"] = read_conll(c / "ner-indolem-nerui" / "nergithub.txt", sep="\t")
    data["dee/all"] = split_on_period(read_conll(c / "ner-dee-goldstandard" / "goldstandard-0811.txt", sep="\t"))
    return data


TRAIN_PARTS = ("nergrit/train", "idner/train", "nerui/all", "dee/all")
DEV_PARTS = ("nergrit/valid", "idner/dev")
TEST_PARTS = ("nergrit/test", "idner/test")


def build_splits(corpora: Path) -> tuple[list[Sentence], list[Sentence], dict[str, list[Sentence]], dict]:
    """Combine and deduplicate.

    Returns (train, dev, tests, stats). Every training sentence whose normalised
    form equals a dev or test sentence is removed, as are duplicate training
    sentences; dev sentences that are also test sentences are removed from dev.
    """
    data = load_corpora(corpora)
    test_keys = {norm_sentence([t for t, _ in s]) for p in TEST_PARTS for s in data[p]}
    dev_keys = {norm_sentence([t for t, _ in s]) for p in DEV_PARTS for s in data[p]}
    held = test_keys | dev_keys
    stats: dict = {"sentences_in": {}, "removed_overlap": {}, "removed_duplicate": {}, "kept": {}}
    train: list[Sentence] = []
    seen: set[str] = set()
    for p in TRAIN_PARTS:
        n_over = n_dup = 0
        kept = 0
        for s in data[p]:
            k = norm_sentence([t for t, _ in s])
            if not k:
                continue
            if k in held:
                n_over += 1
                continue
            if k in seen:
                n_dup += 1
                continue
            seen.add(k)
            train.append(s)
            kept += 1
        stats["sentences_in"][p] = len(data[p])
        stats["removed_overlap"][p] = n_over
        stats["removed_duplicate"][p] = n_dup
        stats["kept"][p] = kept
    dev = []
    n_dev_over = 0
    for p in DEV_PARTS:
        for s in data[p]:
            if norm_sentence([t for t, _ in s]) in test_keys:
                n_dev_over += 1
                continue
            dev.append(s)
    stats["dev_removed_test_overlap"] = n_dev_over
    stats["train_sentences"] = len(train)
    stats["dev_sentences"] = len(dev)
    tests = {p.split("/")[0]: data[p] for p in TEST_PARTS}
    stats["test_sentences"] = {k: len(v) for k, v in tests.items()}
    return train, dev, tests, stats


def held_out_keys(corpora: Path) -> set[str]:
    """Normalised keys of every NER dev/test sentence (must never reach the vectors)."""
    data = load_corpora(corpora)
    return {norm_sentence([t for t, _ in s]) for p in TEST_PARTS + DEV_PARTS for s in data[p]}


def write_stanza_json(sents: list[Sentence], path: Path) -> None:
    doc = [[{"text": t, "ner": l} for t, l in s] for s in sents]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)

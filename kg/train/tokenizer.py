"""Train kg's Indonesian Stanza tokenizer (+ MWT expander) from UD treebanks.

Data (all post-2021 UD Indonesian segmentation, clitics such as ``-nya`` are
multiword tokens):

* training pool: UD Indonesian-GSD current dev + test (CC BY-SA 4.0) and
  UD Indonesian-CSUI train (CC BY-SA 4.0).  A seeded random ``DEV_SIZE``
  sentences of the pool are kept aside for Stanza's early stopping / model
  selection; the rest is the training set.
* held-out evaluation (never trained on, never used for model selection):
  UD Indonesian-CSUI test (news, in-domain) and UD Indonesian-PUD test
  (translated news/Wikipedia, out-of-domain, CC BY-SA 3.0).

The legacy 2017 GSD train file (CC BY-NC-SA, old segmentation without MWTs)
is deliberately not used.

Evaluation follows the CoNLL 2018 shared task: the raw text of the held-out
treebank (as produced by UD's conllu_to_text, i.e. one paragraph wrapped at
80 columns) is run through ``stanza.Pipeline(processors="tokenize,mwt")`` and
the output is scored with the CoNLL 2018 UD scorer (``udtools.udeval`` via
``stanza.models.common.utils.ud_scores``).

Usage::

    python -m kg.train.tokenizer --corpora /work/shared/corpora --out OUTDIR --max-steps 6000
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import shutil
import sys
import time
from pathlib import Path

logger = logging.getLogger("kg.train.tokenizer")

SHORTHAND = "id_kg"
DEV_SIZE = 120

# (folder, file) pairs relative to the corpora root
TRAIN_POOL = [
    ("ud-id-gsd", "id_gsd-ud-dev.conllu"),
    ("ud-id-gsd", "id_gsd-ud-test.conllu"),
    ("ud-id-csui", "id_csui-ud-train.conllu"),
]
HELDOUT = {
    "csui_test": ("ud-id-csui", "id_csui-ud-test.conllu"),
    "pud_test": ("ud-id-pud", "id_pud-ud-test.conllu"),
}

# tokenizer hyperparameters (Stanza defaults except where noted)
TOKENIZER_ARGS = {
    "emb_dim": 32,
    "hidden_dim": 64,
    "conv_filters": "1,9",
    "dropout": 0.33,
    "lr0": 2e-3,
    "batch_size": 32,
    "max_seqlen": 300,  # Stanza default 100 drops 66% of the (long) Indonesian training sentences
    "eval_steps": 200,
    "anneal_after": 2000,
}
MWT_ARGS = {
    "num_epoch": 30,
    "batch_size": 50,
    "lr": 1e-3,
}


# ---------------------------------------------------------------- data prep

def _read_sents(path: Path) -> list[list[str]]:
    from stanza.utils.datasets.common import read_sentences_from_conllu

    return read_sentences_from_conllu(str(path))


def _sent_text(sent: list[str]) -> str | None:
    for line in sent:
        if line.startswith("# text ") or line.startswith("# text="):
            return line.split("=", 1)[1].strip()
    return None


_SENT_END = {".", "?", "!"}
_ABBREV_RE = re.compile(r"^(?:[A-Z][a-z]?|[a-z]{1,2}|No|Prof|Drs|Dra|Kol|Jl|Jln|Tgl|Hlm|dll|dsb|dkk|St|Sdr|Bpk|Ny|Nn|Yth)$")
_STARTS_SENT_RE = re.compile(r"^[\"“]?[A-Z][a-z]")


def split_merged_sentences(sents: list[list[str]]) -> tuple[list[list[str]], int]:
    """Split gold "sentences" that are really two sentences (``... AU . Bandar udara ...``).

    About 7% of GSD sentences (and <1% of CSUI) glue several sentences into
    one; trained on them the splitter learns to keep "word . Capital" together.
    Only token-level information matters for tokenizer/MWT training, so the
    halves get fake dependencies (first word root, others attached to it).
    Conservative: split only after a standalone . ? ! that is not preceded by
    an abbreviation-like token, is not inside an open quotation, and is
    followed by a capitalised word (``Xy...``), with at least 3 tokens on each
    side.
    """
    out, n_split = [], 0
    for sent in sents:
        comments, units = _sent_units(sent)
        # inside an open quotation ("A. B," kata X.) UD keeps one sentence,
        # and so do we: the quote stays with its attribution
        in_quote, quoted = False, []
        for u in units:
            form = u[0][1]
            if form == '"':
                in_quote = not in_quote
            elif form in ("“", "«"):
                in_quote = True
            elif form in ("”", "»"):
                in_quote = False
            quoted.append(in_quote)
        cuts = []
        for k in range(3, len(units) - 3):
            u, prev, nxt = units[k], units[k - 1], units[k + 1]
            if quoted[k]:
                continue
            if len(u) != 1 or u[0][1] not in _SENT_END or len(prev) != 1:
                continue
            if _ABBREV_RE.match(prev[0][1]) or not _STARTS_SENT_RE.match(nxt[0][1]):
                continue
            if "SpaceAfter=No" in u[0][9]:
                continue
            if cuts and k - cuts[-1] < 3:
                continue
            cuts.append(k + 1)
        if not cuts:
            out.append(sent)
            continue
        n_split += 1
        bounds = [0] + cuts + [len(units)]
        sid = next((c.split("=", 1)[1].strip() for c in comments if c.startswith("# sent_id")), "s")
        for part_no, (a, b) in enumerate(zip(bounds, bounds[1:])):
            out.append(_units_to_sent(units[a:b], f"{sid}-part{part_no + 1}"))
    return out, n_split


def _sent_units(sent: list[str]) -> tuple[list[str], list[list[list[str]]]]:
    """(comment lines, token-level units); a unit is [row] or [mwt row, word rows...]; empty nodes dropped."""
    comments = [l for l in sent if l.startswith("#")]
    rows = [l.split("\t") for l in sent if not l.startswith("#")]
    units, i = [], 0
    while i < len(rows):
        r = rows[i]
        if "." in r[0]:
            i += 1
            continue
        if "-" in r[0]:
            a, b = (int(x) for x in r[0].split("-"))
            units.append(rows[i:i + 2 + b - a])
            i += 2 + b - a
        else:
            units.append([r])
            i += 1
    return comments, units


def _units_to_sent(units: list[list[list[str]]], sid: str) -> list[str]:
    """CoNLL-U lines for token units with renumbered ids and fake dependencies (first word root).

    Only token-level information (forms, MWTs, SpaceAfter) matters for tokenizer/MWT training.
    """
    text = "".join(u[0][1] + ("" if "SpaceAfter=No" in u[0][9] else " ") for u in units).strip()
    lines = [f"# sent_id = {sid}", f"# text = {text}"]
    wid = 0
    for unit in units:
        if len(unit) > 1:
            first = wid + 1
            n_words = len(unit) - 1
            lines.append("\t".join([f"{first}-{first + n_words - 1}"] + unit[0][1:]))
            word_rows = unit[1:]
        else:
            word_rows = unit
        for r in word_rows:
            wid += 1
            head, rel = ("0", "root") if wid == 1 else ("1", "dep")
            lines.append("\t".join([str(wid)] + r[1:6] + [head, rel, "_"] + r[9:]))
    return lines


def _drop_space_after_no(misc: str) -> str:
    parts = [m for m in misc.split("|") if m and m != "_" and m != "SpaceAfter=No"]
    return "|".join(parts) or "_"


def augment_multisentence_quotes(sents: list[list[str]], seed: int, *,
                                 max_donor_chars: int = 160) -> tuple[list[list[str]], int]:
    """Add synthetic multi-sentence quotations, kept as ONE sentence as in UD Indonesian.

    UD Indonesian (CSUI) keeps a quotation together with its speech tag even
    when the quotation holds several sentences (``"A. B," kata X.`` is one
    sentence), but the training data has only a handful of such sentences, so
    the model learns "``. Capital`` always ends a sentence" and splits inside
    quotations.  For every training sentence with exactly one quotation
    (a ``"..."`` pair whose content starts with a capitalised word and has no
    sentence-final . ? ! inside), one extra sentence is added in which another
    random plain training sentence (no quotes, ends with ``.``, at most
    ``max_donor_chars`` characters) is inserted right after the opening quote:
    ``"D. A," kata X.``.  Originals are kept; returns (sentences + synthetic, n_added).
    """
    rng = random.Random(seed)
    parsed = [_sent_units(s) for s in sents]

    def forms(units):
        return [u[0][1] for u in units]

    donors = []
    for _, units in parsed:
        f = forms(units)
        if len(f) < 4 or f[-1] != "." or any(x in ('"', "“", "”") for x in f):
            continue
        if any(x in _SENT_END for x in f[:-1]) or not _STARTS_SENT_RE.match(f[0]):
            continue
        text_len = sum(len(u[0][1]) + (0 if "SpaceAfter=No" in u[0][9] else 1) for u in units)
        if text_len <= max_donor_chars:
            donors.append(units)
    added = []
    if not donors:
        return list(sents), 0
    for n, (comments, units) in enumerate(parsed):
        f = forms(units)
        qpos = [k for k, x in enumerate(f) if x == '"']
        if len(qpos) != 2 or any(x in ("“", "”") for x in f):
            continue
        a, b = qpos
        inner = f[a + 1:b]
        if len(inner) < 3 or not _STARTS_SENT_RE.match(inner[0]):
            continue
        if any(x in _SENT_END for x in inner[:-1]):
            continue
        if "SpaceAfter=No" not in units[a][0][9]:
            continue  # opening quote must be glued to the quotation
        donor = [[list(r) for r in u] for u in rng.choice(donors)]
        donor[-1][0][9] = _drop_space_after_no(donor[-1][0][9])  # "D. A": space after the donor's period
        new_units = units[:a + 1] + donor + units[a + 1:]
        sid = next((c.split("=", 1)[1].strip() for c in comments if c.startswith("# sent_id")), f"s{n}")
        added.append(_units_to_sent(new_units, f"{sid}-quoteaug"))
    return list(sents) + added, len(added)


def _write_conllu(path: Path, sents: list[list[str]]) -> None:
    from stanza.utils.datasets.common import write_sentences_to_conllu

    # conllu_to_text treats "# newpar"/"# newdoc" as paragraph breaks; the
    # source treebanks have none, but strip them anyway so that every split
    # is one running paragraph (the CoNLL 2018 raw-text setting).
    clean = [[l for l in s if not (l.startswith("# newpar") or l.startswith("# newdoc"))] for s in sents]
    write_sentences_to_conllu(str(path), clean)


def _make_shard(data_dir: Path, shard: str, sents: list[list[str]], augment: bool = False) -> dict:
    """Write <shard>.gold.conllu, .txt, .toklabels and -mwt.json like Stanza's prepare scripts."""
    from stanza.utils.datasets import conllu_to_text, prepare_tokenizer_data
    from stanza.utils.datasets.contract_mwt import contract_mwt

    if augment:
        from stanza.utils.datasets.prepare_tokenizer_treebank import augment_punct

        sents = augment_punct(sents)
    gold = data_dir / f"{SHORTHAND}.{shard}.gold.conllu"
    txt = data_dir / f"{SHORTHAND}.{shard}.txt"
    labels = data_dir / f"{SHORTHAND}-ud-{shard}.toklabels"
    mwt = data_dir / f"{SHORTHAND}-ud-{shard}-mwt.json"
    contracted = data_dir / f"{SHORTHAND}.{shard}.in.conllu"
    _write_conllu(gold, sents)
    conllu_to_text.main([str(gold), str(txt)])
    prepare_tokenizer_data.main([str(txt), str(gold), "-o", str(labels), "-m", str(mwt)])
    contract_mwt(str(gold), str(contracted))
    return {"gold": gold, "txt": txt, "labels": labels, "mwt": mwt, "in": contracted, "n": len(sents)}


def prepare_data(corpora: Path, data_dir: Path, seed: int = 1234, *, dev_size: int = DEV_SIZE,
                 limit: int | None = None, heldout_limit: int | None = None,
                 split_merged: bool = True, augment_quotes: bool = False) -> dict:
    """Build train/dev/held-out shards.  ``limit``/``heldout_limit`` subsample (for tests)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    heldout_sents = {name: _read_sents(corpora / d / f) for name, (d, f) in HELDOUT.items()}
    if heldout_limit is not None:
        heldout_sents = {k: v[:heldout_limit] for k, v in heldout_sents.items()}
    heldout_texts = {_sent_text(s) for v in heldout_sents.values() for s in v}

    pool, dropped = [], 0
    for d, f in TRAIN_POOL:
        for s in _read_sents(corpora / d / f):
            if _sent_text(s) in heldout_texts:
                dropped += 1  # guard against train/test leakage
                continue
            pool.append(s)
    rng = random.Random(seed)
    rng.shuffle(pool)
    if limit is not None:
        pool = pool[:limit]
        dev_size = min(dev_size, max(2, limit // 5))
    dev, train = pool[:dev_size], pool[dev_size:]
    n_split = 0
    if split_merged:  # dev too: it drives model selection
        train, n_split = split_merged_sentences(train)
        dev, n_split_dev = split_merged_sentences(dev)
        n_split += n_split_dev
    n_quote_aug = 0
    if augment_quotes:  # train only; the selection set stays natural text
        train, n_quote_aug = augment_multisentence_quotes(train, seed)

    random.seed(seed)  # augment_punct uses the global RNG
    shards = {
        "train": _make_shard(data_dir, "train", train, augment=True),
        "dev": _make_shard(data_dir, "dev", dev),
    }
    for name, sents in heldout_sents.items():
        shards[name] = _make_shard(data_dir, name, sents)
    counts = {k: v["n"] for k, v in shards.items()}
    counts["dropped_overlap"] = dropped
    counts["train_sentences_split"] = n_split
    counts["train_synthetic_multisentence_quotes"] = n_quote_aug
    logger.info("data: %s", counts)
    return {"shards": shards, "counts": counts}


def _has_mwt(mwt_json: Path) -> bool:
    return len(json.loads(mwt_json.read_text(encoding="utf-8"))) > 0


# ---------------------------------------------------------------- training

def train_tokenizer(shards: dict, model_dir: Path, *, max_steps: int, seed: int,
                    extra: dict | None = None) -> Path:
    from stanza.models import tokenizer as stanza_tokenizer

    hp = dict(TOKENIZER_ARGS)
    hp.update(extra or {})
    hp["eval_steps"] = min(hp["eval_steps"], max(1, max_steps))
    argv = [
        "--txt_file", str(shards["train"]["txt"]),
        "--label_file", str(shards["train"]["labels"]),
        "--mwt_json_file", str(shards["train"]["mwt"]),
        "--dev_txt_file", str(shards["dev"]["txt"]),
        "--dev_label_file", str(shards["dev"]["labels"]),
        "--lang", "id", "--shorthand", SHORTHAND,
        "--save_dir", str(model_dir), "--save_name", "tokenizer.pt",
        "--steps", str(max_steps), "--seed", str(seed), "--cpu",
    ]
    for k, v in hp.items():
        argv += [f"--{k}", str(v)]
    stanza_tokenizer.main(argv)
    return model_dir / "tokenizer.pt"


def train_mwt(shards: dict, model_dir: Path, *, seed: int, num_epoch: int | None = None) -> Path:
    from stanza.models import mwt_expander

    hp = dict(MWT_ARGS)
    if num_epoch is not None:
        hp["num_epoch"] = num_epoch
    argv = [
        "--train_file", str(shards["train"]["gold"]),
        "--eval_file", str(shards["dev"]["in"]),
        "--gold_file", str(shards["dev"]["gold"]),
        "--lang", "id", "--shorthand", SHORTHAND,
        "--save_dir", str(model_dir), "--save_name", "mwt.pt",
        "--seed", str(seed), "--cpu",
    ]
    for k, v in hp.items():
        argv += [f"--{k}", str(v)]
    mwt_expander.main(argv)
    return model_dir / "mwt.pt"


# ---------------------------------------------------------------- evaluation

def _resources_dir(base: Path) -> Path:
    """Stanza wants a resources.json even with download_method=None."""
    base.mkdir(parents=True, exist_ok=True)
    res = base / "resources.json"
    if not res.exists():
        res.write_text("{}", encoding="utf-8")
    return base


def load_pipeline(tokenizer_pt: Path, mwt_pt: Path | None = None, resources_dir: Path | None = None):
    import stanza

    if resources_dir is None:
        import tempfile

        resources_dir = Path(tempfile.mkdtemp(prefix="kg-stanza-res-"))
    kwargs = dict(lang="id", tokenize_model_path=str(tokenizer_pt), download_method=None,
                  dir=str(_resources_dir(resources_dir)), allow_unknown_language=True,
                  use_gpu=False, logging_level="WARN")
    if mwt_pt is not None and Path(mwt_pt).exists():
        kwargs.update(processors="tokenize,mwt", mwt_model_path=str(mwt_pt))
    else:
        kwargs.update(processors="tokenize")
    return stanza.Pipeline(**kwargs)


def evaluate(nlp, shard: dict, pred_path: Path) -> dict:
    """Tokenize the raw held-out text with the pipeline and score with conll18_ud_eval."""
    from stanza.utils.conll import CoNLL
    # stanza 1.15 ships the CoNLL 2018 UD scorer as udtools.udeval (the old
    # stanza.utils.conll18_ud_eval module is gone); ud_scores wraps it.
    from stanza.models.common.utils import ud_scores

    raw = shard["txt"].read_text(encoding="utf-8")
    t0 = time.time()
    doc = nlp(raw)
    secs = time.time() - t0
    CoNLL.write_doc2conll(doc, str(pred_path))
    out = {}
    try:
        ev = ud_scores(str(shard["gold"]), str(pred_path))
    except Exception as e:  # e.g. an undertrained model garbles the text (UDError)
        logger.warning("scoring %s failed: %s", pred_path, e)
        ev = None
        out["error"] = str(e).splitlines()[0]
    for metric in ("Tokens", "Sentences", "Words"):
        if ev is None:
            out[metric.lower()] = {"precision": 0.0, "recall": 0.0, "f1": 0.0}
            continue
        m = ev[metric]
        out[metric.lower()] = {"precision": round(m.precision, 4), "recall": round(m.recall, 4),
                               "f1": round(m.f1, 4)}
    out["sentences_gold"] = shard["n"]
    out["sentences_pred"] = len(doc.sentences)
    out["tokenize_seconds"] = round(secs, 2)
    return out


# ---------------------------------------------------------------- entry point

def _setup_torch_threads() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import torch

    torch.set_num_threads(1)


def run(corpora: Path, out: Path, *, max_steps: int = 6000, seed: int = 1234,
        mwt_epochs: int | None = None, work_dir: Path | None = None,
        limit: int | None = None, heldout_limit: int | None = None,
        tokenizer_extra: dict | None = None, split_merged: bool = True,
        augment_quotes: bool = True) -> dict:
    """Convert the UD data, train tokenizer (+ MWT), evaluate on held-out, write out/.

    Writes ``out/tokenizer.pt``, ``out/mwt.pt`` (if the training data has
    multiword tokens) and ``out/scores.json``; returns the scores dict.
    ``limit``/``heldout_limit``/``mwt_epochs`` exist to make tiny smoke runs.
    """
    _setup_torch_threads()
    corpora, out = Path(corpora), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(work_dir) if work_dir is not None else out / "work"
    data_dir, model_dir = work / "data", work / "models"
    model_dir.mkdir(parents=True, exist_ok=True)

    t_start = time.time()
    prep = prepare_data(corpora, data_dir, seed, limit=limit, heldout_limit=heldout_limit,
                        split_merged=split_merged, augment_quotes=augment_quotes)
    shards = prep["shards"]

    t0 = time.time()
    tok_pt = train_tokenizer(shards, model_dir, max_steps=max_steps, seed=seed, extra=tokenizer_extra)
    tok_secs = time.time() - t0

    mwt_pt, mwt_secs = None, 0.0
    if _has_mwt(shards["train"]["mwt"]):
        t0 = time.time()
        mwt_pt = train_mwt(shards, model_dir, seed=seed, num_epoch=mwt_epochs)
        mwt_secs = time.time() - t0

    shutil.copyfile(tok_pt, out / "tokenizer.pt")
    if mwt_pt is not None and mwt_pt.exists():
        shutil.copyfile(mwt_pt, out / "mwt.pt")
        mwt_out = out / "mwt.pt"
    else:
        mwt_out = None

    nlp = load_pipeline(out / "tokenizer.pt", mwt_out, resources_dir=work / "stanza_resources")
    heldout = {}
    for name in HELDOUT:
        heldout[name] = evaluate(nlp, shards[name], work / f"{name}.pred.conllu")
    dev = evaluate(nlp, shards["dev"], work / "dev.pred.conllu")

    scores = {
        "heldout": heldout,
        "dev": dev,
        "data": prep["counts"],
        "train_sources": [f"{d}/{f}" for d, f in TRAIN_POOL],
        "heldout_sources": {k: f"{d}/{f}" for k, (d, f) in HELDOUT.items()},
        "max_steps": max_steps,
        "split_merged_train_sentences": split_merged,
        "augment_multisentence_quotes": augment_quotes,
        "seed": seed,
        "tokenizer_hyperparameters": {**TOKENIZER_ARGS, **(tokenizer_extra or {})},
        "mwt_hyperparameters": {**MWT_ARGS, **({"num_epoch": mwt_epochs} if mwt_epochs else {})},
        "mwt": mwt_out is not None,
        "train_seconds": {"tokenizer": round(tok_secs, 1), "mwt": round(mwt_secs, 1)},
        "total_seconds": round(time.time() - t_start, 1),
        "sizes_bytes": {p.name: p.stat().st_size for p in (out / "tokenizer.pt", mwt_out) if p is not None},
        "stanza_version": __import__("stanza").__version__,
    }
    (out / "scores.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    return scores


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m kg.train.tokenizer", description=__doc__.split("\n")[0])
    p.add_argument("--corpora", type=Path, required=True, help="directory holding ud-id-gsd/, ud-id-csui/, ud-id-pud/")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--max-steps", "--max_steps", dest="max_steps", type=int, default=6000)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--mwt-epochs", dest="mwt_epochs", type=int, default=None)
    p.add_argument("--work-dir", dest="work_dir", type=Path, default=None)
    p.add_argument("--no-split-merged", dest="split_merged", action="store_false",
                   help="keep GSD gold sentences that glue several sentences together")
    p.add_argument("--no-augment-quotes", dest="augment_quotes", action="store_false",
                   help="do not add synthetic multi-sentence quotations kept as one sentence (the UD Indonesian "
                        "convention; on by default, as for the shipped model)")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    scores = run(a.corpora, a.out, max_steps=a.max_steps, seed=a.seed, mwt_epochs=a.mwt_epochs, work_dir=a.work_dir,
                 split_merged=a.split_merged, augment_quotes=a.augment_quotes)
    summary = {k: {m: v[m]["f1"] for m in ("tokens", "words", "sentences")} for k, v in scores["heldout"].items()}
    print(json.dumps({"heldout_f1": summary, "train_seconds": scores["train_seconds"]}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

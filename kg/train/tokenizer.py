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
import shutil
import sys
import time
from pathlib import Path

from kg.train.tokdata import HELDOUT, SHORTHAND, TRAIN_POOL, has_mwt, prepare_data

logger = logging.getLogger("kg.train.tokenizer")

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
    if has_mwt(shards["train"]["mwt"]):
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

"""Train kg's Indonesian Stanza NER model (PER / ORG / LOC).

Usage::

    python -m kg.train.ner --corpora /work/shared/corpora --out DIR [--max-steps N]

Steps: convert + deduplicate the NER corpora (kg.train.nerdata), train word2vec
vectors into ``out/pretrain.pt`` (kg.train.vectors) unless ``vectors`` is given,
train with Stanza's own trainer (``stanza.models.ner_tagger.main``), then score
the best dev checkpoint on the NERGrit and idner-news-2k test sets with Stanza's
entity-level scorer. Writes ``out/ner.pt``, ``out/pretrain.pt``, ``out/scores.json``.

The NER model file does NOT contain the word vectors; it must always be loaded
together with its pretrain file. Stanza does not complain when the pretrain is
missing (it silently uses untrained embeddings, F1 drops from ~75 to ~13), so
use :func:`load_pipeline` / :func:`check_pipeline` which refuse that case.
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

from kg.train import nerdata

log = logging.getLogger("kg.train.ner")

DEFAULT_MAX_STEPS = 12000
DEFAULT_EVAL_INTERVAL = 500
DEFAULT_OPTIM = "sgd"  # Stanza's default optimizer
DEFAULT_LR = 0.1  # Stanza's default learning rate for sgd


# --------------------------------------------------------------------------- training

def _set_threads() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import torch
    torch.set_num_threads(1)


class TimeUp(Exception):
    """Raised from inside Stanza's training loop when the wall-clock limit has passed."""


def _install_deadline(deadline: float | None) -> None:
    """Stop Stanza's training loop once ``deadline`` (epoch seconds) has passed.

    Raises :class:`TimeUp` from the next ``Trainer.update``; :func:`train_model` catches it.
    (Lowering ``max_steps`` in the trainer's args does not work when fine-tuning:
    the loop then reads a different args dict.) The best dev checkpoint is
    already on disk at that point.
    """
    from stanza.models.ner.trainer import Trainer
    orig = getattr(Trainer, "_kg_orig_update", None) or Trainer.update
    Trainer._kg_orig_update = orig

    def update(self, batch, eval=False):
        # checked before the step, so the previous step's dev evaluation has already run
        if deadline is not None and not eval and time.time() > deadline:
            log.warning("time limit reached, stopping training")
            raise TimeUp()
        return orig(self, batch, eval=eval)

    Trainer.update = update


def _init_copy(init_from: Path, out: Path, optim: str, lr: float) -> Path:
    """A copy of ``init_from`` whose saved config carries ``optim`` and ``lr``.

    When fine-tuning, Stanza builds the optimizer from the loaded model's config and
    ignores ``--optim``/``--lr``; the copy makes them count.
    """
    import torch
    ckpt = torch.load(str(init_from), map_location="cpu", weights_only=True)
    ckpt["config"]["optim"], ckpt["config"]["lr"] = optim, lr
    path = Path(out) / "init.pt"
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(ckpt, str(path))
    return path


def train_model(train_json: Path, dev_json: Path, pretrain: Path, out: Path, *, max_steps: int,
                eval_interval: int, seed: int, optim: str = DEFAULT_OPTIM, lr: float = DEFAULT_LR,
                extra_args: list[str] | None = None, time_limit_min: float | None = None,
                init_from: Path | None = None) -> list[str]:
    """Run Stanza's NER trainer; ``init_from`` continues training an existing model (its vocab
    and architecture; ``optim`` and ``lr`` as given)."""
    from stanza.models import ner_tagger
    args = [
        "--mode", "train",
        "--shorthand", "id_kg",
        "--train_file", str(train_json),
        "--eval_file", str(dev_json),
        "--wordvec_pretrain_file", str(pretrain),
        "--save_dir", str(out),
        "--save_name", "ner.pt",
        "--max_steps", str(max_steps),
        "--eval_interval", str(eval_interval),
        "--seed", str(seed),
        "--scheme", "bioes",
        "--optim", optim,
        "--lr", str(lr),
        "--cpu",
    ] + (["--finetune", "--finetune_load_name", str(_init_copy(init_from, out, optim, lr))] if init_from else []) \
      + list(extra_args or [])  # later args win, so extra_args can override any of the above
    deadline = time.time() + time_limit_min * 60 if time_limit_min else None
    _install_deadline(deadline)
    log.info("stanza ner_tagger args: %s", " ".join(args))
    try:
        ner_tagger.main(args)
    except TimeUp:
        pass
    return args


# --------------------------------------------------------------------------- evaluation

def evaluate(model: Path, pretrain: Path, data_json: Path) -> dict:
    """Entity-level P/R/F1 (Stanza's scorer) of ``model`` on a Stanza NER json file."""
    from stanza.models.common.doc import Document
    from stanza.models.common.pretrain import Pretrain
    from stanza.models.ner import scorer
    from stanza.models.ner.data import DataLoader
    from stanza.models.ner.trainer import Trainer

    pt = Pretrain(str(pretrain), None, -1, save_to_file=False)
    trainer = Trainer(model_file=str(model), pretrain=pt, device="cpu")
    with open(data_json, encoding="utf-8") as f:
        doc = Document(json.load(f))
    batch = DataLoader(doc, 32, trainer.args, vocab=trainer.vocab, evaluation=True,
                       bert_tokenizer=trainer.model.bert_tokenizer)
    preds = []
    for b in batch:
        preds += trainer.predict(b)
    gold = [[x[trainer.args["predict_tagset"]] for x in tags] for tags in batch.tags]
    p, r, f, per_type = scorer.score_by_entity(preds, gold, verbose=False)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "per_type_f1": {k: round(v, 4) for k, v in sorted(per_type.items())},
            "sentences": len(gold)}


# --------------------------------------------------------------------------- loading

def check_files(ner_path: Path, pretrain_path: Path) -> None:
    """Raise if the model or its pretrain is missing or they do not belong together."""
    import torch
    ner_path, pretrain_path = Path(ner_path), Path(pretrain_path)
    for p in (ner_path, pretrain_path):
        if not p.is_file():
            raise FileNotFoundError(f"NER model file missing: {p}")
    pre = torch.load(str(pretrain_path), map_location="cpu", weights_only=True)
    ckpt = torch.load(str(ner_path), map_location="cpu", weights_only=True)
    n_pre = pre["emb"].shape[0]
    n_word = len(ckpt["vocab"]["word"]["_id2unit"]) if "_id2unit" in ckpt["vocab"]["word"] else None
    if n_word is not None and n_word != n_pre:
        raise ValueError(f"pretrain {pretrain_path} has {n_pre} rows but the NER model expects {n_word}")


def check_pipeline(pipe, pretrain_path: Path) -> None:
    """Raise if the loaded NER processor is not using the vectors in ``pretrain_path``."""
    import torch
    pre = torch.load(str(pretrain_path), map_location="cpu", weights_only=True)["emb"].float()
    proc = pipe.processors["ner"]
    trainers = getattr(proc, "trainers", None) or [proc.trainer]
    for tr in trainers:
        w = tr.model.word_emb.weight.detach().float()
        if w.shape != pre.shape or not torch.allclose(w[4:], pre[4:], atol=1e-3):
            raise RuntimeError("NER model is not using its pretrained word vectors "
                               "(ner_pretrain_path missing or wrong): refusing to tag with random embeddings")


def load_pipeline(model_dir: Path, **kwargs):
    """A tokenize(pretokenized)+ner Stanza pipeline from ``model_dir/{ner,pretrain}.pt``, offline."""
    import tempfile
    import stanza
    model_dir = Path(model_dir)
    ner_path, pre_path = model_dir / "ner.pt", model_dir / "pretrain.pt"
    check_files(ner_path, pre_path)
    res_dir = Path(tempfile.mkdtemp(prefix="kg-stanza-"))
    (res_dir / "resources.json").write_text("{}")
    opts = dict(lang="id", processors="tokenize,ner", tokenize_pretokenized=True,
                ner_model_path=str(ner_path), ner_pretrain_path=str(pre_path),
                download_method=None, dir=str(res_dir), allow_unknown_language=True,
                use_gpu=False, logging_level="WARN")
    opts.update(kwargs)
    pipe = stanza.Pipeline(**opts)
    check_pipeline(pipe, pre_path)
    return pipe


# --------------------------------------------------------------------------- driver

def _read_words(path: Path | None) -> set[str]:
    """Whitespace-separated words of a text file (none without a path)."""
    return set(Path(path).read_text(encoding="utf-8").split()) if path else set()


def _augmented(train, stats: dict, corpora: Path, pretrain: Path, *, copies: int, seed: int, other_rate: float,
               pool: str = "gazetteer", exclude: Path | None = None, fraction: float = 1.0):
    """``train`` plus name-substituted copies (names only from words that have a vector).

    ``pool``: "gazetteer" (gazetteer-mdee person/org/place lists) or "train" (name words of the
    training set's own entity spans). Words listed in ``exclude`` are never drawn.
    """
    import torch
    from kg.train import neraugment
    vocab = set(torch.load(str(pretrain), map_location="cpu", weights_only=True)["vocab"]["_id2unit"])
    banned = _read_words(exclude)
    if pool == "train":
        pools = neraugment.pools_from_sentences(train, vocab=vocab, exclude=banned)
    else:
        pools = neraugment.load_pools(corpora / "gazetteer-mdee", vocab=vocab)
        pools.given = [w for w in pools.given if w not in banned]
        pools.family = [w for w in pools.family if w not in banned]
    extra = neraugment.augment(train, pools, copies=copies, seed=seed, other_rate=other_rate,
                               exclude_keys=nerdata.held_out_keys(corpora), fraction=fraction,
                               per_only=pool == "train" and other_rate == 0)
    drawn = set(pools.given) | set(pools.family)
    stats["augmented"] = {"copies": copies, "other_rate": other_rate, "pool": pool, "fraction": fraction,
                          "sentences": len(extra),
                          "given_name_words": len(set(pools.given)), "family_name_words": len(set(pools.family)),
                          "excluded_words": len(banned),
                          "pool_overlap_with_excluded": len({w.lower() for w in drawn} & {w.lower() for w in banned}),
                          "org_entries": len(pools.org), "loc_entries": len(pools.loc)}
    stats["train_sentences"] = len(train) + len(extra)
    return train + extra


def run(corpora: Path, out: Path, *, max_steps: int = DEFAULT_MAX_STEPS, seed: int = 1234,
        eval_interval: int = DEFAULT_EVAL_INTERVAL, vectors: Path | None = None,
        time_limit_min: float | None = None, optim: str = DEFAULT_OPTIM, lr: float = DEFAULT_LR,
        extra_args: list[str] | None = None, skip_train: bool = False, vector_opts: dict | None = None,
        augment_copies: int = 0, augment_other_rate: float = 0.5, init_from: Path | None = None,
        augment_pool: str = "gazetteer", augment_exclude: Path | None = None, augment_fraction: float = 1.0) -> dict:
    """Convert data, (train vectors,) train, evaluate. Returns the scores dict (also out/scores.json)."""
    _set_threads()
    corpora, out = Path(corpora), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    data_dir = out / "data"
    train, dev, tests, stats = nerdata.build_splits(corpora)
    nerdata.write_stanza_json(dev, data_dir / "dev.json")
    for name, sents in tests.items():
        nerdata.write_stanza_json(sents, data_dir / f"test_{name}.json")

    pretrain = out / "pretrain.pt"
    vec_info = None
    if vectors is not None:
        if Path(vectors).resolve() != pretrain.resolve():
            shutil.copyfile(vectors, pretrain)
        info_file = Path(vectors).with_suffix(".json")
        if info_file.exists():
            vec_info = json.loads(info_file.read_text())
    elif not pretrain.exists() or not skip_train:
        from kg.train import vectors as vec
        vec_info = vec.run(corpora, pretrain, seed=seed, **(vector_opts or {}))
    t_vec = time.time() - t0
    if augment_copies:
        train = _augmented(train, stats, corpora, pretrain, copies=augment_copies, seed=seed,
                           other_rate=augment_other_rate, pool=augment_pool, exclude=augment_exclude,
                           fraction=augment_fraction)
    nerdata.write_stanza_json(train, data_dir / "train.json")

    model = out / "ner.pt"
    tagger_args = None
    t1 = time.time()
    if not skip_train:
        tagger_args = train_model(data_dir / "train.json", data_dir / "dev.json", pretrain, out,
                                  max_steps=max_steps, eval_interval=eval_interval, seed=seed,
                                  optim=optim, lr=lr, extra_args=extra_args, time_limit_min=time_limit_min,
                                  init_from=init_from)
    t_train = time.time() - t1

    scores: dict = {"data": stats, "vectors": vec_info, "max_steps": max_steps,
                    "eval_interval": eval_interval, "seed": seed, "stanza_args": tagger_args,
                    "seconds_vectors": round(t_vec, 1), "seconds_train": round(t_train, 1)}
    scores["dev"] = evaluate(model, pretrain, data_dir / "dev.json")
    for name in tests:
        scores[f"test_{name}"] = evaluate(model, pretrain, data_dir / f"test_{name}.json")
    scores["bytes"] = {"ner.pt": model.stat().st_size, "pretrain.pt": pretrain.stat().st_size}
    import stanza
    scores["stanza_version"] = stanza.__version__
    with open(out / "scores.json", "w", encoding="utf-8") as f:
        json.dump(scores, f, indent=1)
    return scores


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Train the kg Indonesian NER model")
    p.add_argument("--corpora", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--max-steps", type=int, default=DEFAULT_MAX_STEPS)
    p.add_argument("--eval-interval", type=int, default=DEFAULT_EVAL_INTERVAL)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--vectors", type=Path, default=None, help="existing Stanza pretrain .pt to use")
    p.add_argument("--optim", default=DEFAULT_OPTIM, help="Stanza optimizer: sgd, adam, adamw, adagrad, adamax, ...")
    p.add_argument("--lr", type=float, default=DEFAULT_LR, help="learning rate (halved after 3 evals without dev gain)")
    p.add_argument("--time-limit-min", type=float, default=None, help="stop training after this many minutes")
    p.add_argument("--augment-copies", type=int, default=0,
                   help="name-substituted copies of each training sentence with an entity (kg.train.neraugment)")
    p.add_argument("--augment-other-rate", type=float, default=0.5,
                   help="chance that an ORG/LOC span of a copy is swapped for a gazetteer entry")
    p.add_argument("--augment-pool", choices=("gazetteer", "train"), default="gazetteer",
                   help="where replacement names come from: gazetteer-mdee lists, or the training set's PER spans")
    p.add_argument("--augment-exclude", type=Path, default=None,
                   help="text file of words never used as replacement names (e.g. an evaluation's invented names)")
    p.add_argument("--augment-fraction", type=float, default=1.0,
                   help="share of the eligible training sentences that get copies")
    p.add_argument("--init-from", type=Path, default=None,
                   help="continue training this ner.pt (same vectors) instead of starting from scratch")
    p.add_argument("--skip-train", action="store_true", help="only (re)evaluate out/ner.pt")
    p.add_argument("--stanza-arg", action="append", default=[], help="extra arg for stanza ner_tagger (repeatable)")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    extra = []
    for s in a.stanza_arg:
        extra += s.split()
    scores = run(a.corpora, a.out, max_steps=a.max_steps, seed=a.seed, eval_interval=a.eval_interval,
                 vectors=a.vectors, time_limit_min=a.time_limit_min, optim=a.optim, lr=a.lr, extra_args=extra,
                 skip_train=a.skip_train, augment_copies=a.augment_copies,
                 augment_other_rate=a.augment_other_rate, init_from=a.init_from, augment_pool=a.augment_pool,
                 augment_exclude=a.augment_exclude, augment_fraction=a.augment_fraction)
    summary = {k: v for k, v in scores.items() if k.startswith("test_") or k in ("dev", "bytes")}
    json.dump(summary, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

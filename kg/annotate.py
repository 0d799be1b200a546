"""Stanza NER over kg's sentences: with kg.tagger, the only modules that import stanza.

The model is loaded once per `Annotator`, fully offline, from the models
shipped in `kg/models/` (or a folder given by the user). Two ways to run it
give the same tags: "fast" (the default, kg.tagger) runs Stanza's network on
kg's tokens directly; "stanza" goes through `stanza.Pipeline`, for
comparison. Documents are tagged in batches: one call for many documents
keeps the model busy and the Python overhead small.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
import time
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path

from kg.config import TAGGERS
from kg.records import Sentence

log = logging.getLogger(__name__)

MODEL_FILES = {"ner_model_path": "ner/ner.pt", "ner_pretrain_path": "ner/pretrain.pt"}


class ModelsMissingError(RuntimeError):
    pass


def default_models_dir() -> Path:
    return Path(str(resources.files("kg") / "models"))


@lru_cache(maxsize=8)
def model_version(models_dir: Path | None = None) -> str:
    """A short content hash of the model files: part of every cache key."""
    d = models_dir or default_models_dir()
    h = hashlib.sha256()
    for rel in sorted(MODEL_FILES.values()):
        p = Path(d) / rel
        h.update(rel.encode() + b"\0")
        if p.is_file():
            with open(p, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
    return h.hexdigest()[:12]


class Annotator:
    """Tags person, organization and place names with Stanza's NER."""

    def __init__(self, models_dir: str | os.PathLike | None = None, threads: int | None = None,
                 batch_size: int = 256, tagger: str = "fast", remember: bool = True):
        t0 = time.perf_counter()
        stanza = _import_stanza()
        import torch

        self.import_seconds = time.perf_counter() - t0  # the first Annotator in a process pays it

        d = Path(models_dir) if models_dir else default_models_dir()
        paths = {k: d / rel for k, rel in MODEL_FILES.items()}
        missing = [str(p) for p in paths.values() if not p.is_file()]
        if missing:
            # A missing pretrain does not make Stanza fail: it silently tags with random vectors.
            raise ModelsMissingError(
                "kg's NER model files are missing: " + ", ".join(missing)
                + ". Reinstall kg, or train them with `kg train ner --corpora DIR --out DIR`.")
        if tagger not in TAGGERS:
            raise ValueError(f"unknown tagger {tagger!r}: use one of {', '.join(TAGGERS)}")
        torch.set_num_threads(threads or default_threads(tagger))
        t0 = time.perf_counter()
        self.fast = None
        self.tagger = tagger
        with _inference_load():
            if tagger == "fast":
                self.fast = _fast_tagger(paths, remember)
                if self.fast is None:
                    self.tagger = "stanza"
            if self.fast is None:
                self.pipeline = stanza.Pipeline(
                    lang="id", processors="tokenize,ner", tokenize_pretokenized=True,
                    download_method=None, dir=str(d), allow_unknown_language=True,
                    logging_level="ERROR", ner_batch_size=batch_size,
                    **{k: str(p) for k, p in paths.items()},
                )
        self.load_seconds = time.perf_counter() - t0
        # kg.tagger spends its time in torch, which releases the GIL: a build tags in a second thread
        self.concurrent = self.fast is not None
        self.seconds = 0.0  # time spent inside Stanza, for the benchmark

    def tag(self, docs: list[list[Sentence]]) -> list[list[list[str]]]:
        """Per document, per sentence, one BIOES tag per token."""
        flat = [_words(s) for sents in docs for s in sents]
        tags: list[list[str]] = []
        if flat:
            t0 = time.perf_counter()
            if self.fast is not None:
                tags = self.fast.tag(flat)
            else:
                tags = [[tok.ner for tok in sent.tokens] for sent in self.pipeline(flat).sentences]
            self.seconds += time.perf_counter() - t0
        out, i = [], 0
        for sents in docs:
            out.append(tags[i:i + len(sents)])
            i += len(sents)
        return out


def default_threads(tagger: str, cores: int | None = None) -> int:
    """Torch threads for one process: the fast tagger leaves one core to the rest of the build, which runs beside it.

    More torch threads than free cores is much worse than too few (OpenMP
    threads spin while they wait): on this project's 2-core machine, with other
    processes keeping it busy, the fast tagger ran 15x slower with 2 threads
    than with 1.
    """
    from kg.machine import usable_cores

    cores = cores or usable_cores()
    return max(1, min(4, cores - 1)) if tagger == "fast" else max(1, min(4, cores))


def _fast_tagger(paths: dict[str, Path], remember: bool = True):
    """kg.tagger's FastTagger, or None (with a warning) for a model it does not cover."""
    from kg.tagger import FastTagger, UnsupportedModel, load_trainer

    trainer = load_trainer(paths["ner_model_path"], paths["ner_pretrain_path"])
    try:
        return FastTagger(trainer, max_remembered=100_000 if remember else 0)  # its batches: tokens, not sentences
    except UnsupportedModel as e:
        log.warning("%s: tagging with stanza.Pipeline instead", e)
        return None


def import_runtime() -> None:
    """Import everything loading and running the model needs (for kg.preload)."""
    import torch  # noqa: F401

    _import_stanza()
    import stanza.models.common.pretrain  # noqa: F401
    import stanza.models.ner.trainer  # noqa: F401

    import kg.tagger  # noqa: F401


def _import_stanza():
    """`import stanza`, minus the 0.5-1 s it spends importing IPython to ask whether it runs in a notebook.

    Without IPython already loaded there is no notebook and its answer is the
    one Stanza gets when IPython is missing (a plain tqdm), so kg says it is missing.
    """
    if "IPython" in sys.modules:
        import stanza
        return stanza
    sys.modules["IPython"] = None  # makes `from IPython import ...` raise ImportError
    try:
        import stanza
    finally:
        del sys.modules["IPython"]
    return stanza


@contextlib.contextmanager
def _inference_load():
    """Skip two costs of Stanza's NER loader that only training needs.

    Stanza builds an SGD optimizer for every loaded NER model; in torch 2.x that
    imports torch._dynamo (1-2 s) although tagging never uses it. And it loads
    with ``weights_only=True``, whose pure-Python unpickler takes ~1.4 s on the
    vocabularies; for the models inside kg's own package, which are as trusted
    as kg's code, the regular unpickler does the same in 0.1 s. Models from a
    user's folder keep the safe loader.
    """
    import torch
    from stanza.models.common import utils

    with _patched(utils, "get_optimizer", lambda *a, **k: None), \
            _patched(torch, "load", partial(_load_packaged, torch.load, default_models_dir().resolve())):
        yield


def _load_packaged(load, packaged: Path, f, *args, **kwargs):
    if isinstance(f, (str, os.PathLike)) and Path(f).resolve().is_relative_to(packaged):
        kwargs["weights_only"] = False
    return load(f, *args, **kwargs)


@contextlib.contextmanager
def _patched(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def _words(sentence: Sentence) -> list[str]:
    """The token texts; Stanza's vocabulary lookup does not need control characters (one placeholder)."""
    words = [t.text for t in sentence.tokens]
    if "".join(words).isprintable():  # one check in C for the whole sentence
        return words
    return [w if w.isprintable() else "_" for w in words]

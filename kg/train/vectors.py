"""Train Indonesian word2vec vectors with gensim and write a Stanza pretrain file.

The Stanza NER tagger looks words up lower-cased (its default ``lowercase``
option), so the vectors are trained on lower-cased text.

Sources (all local, see /work/shared/corpora): text-leipzig-id, text-bppt-panl,
text-news-2018-classif, news-idcorpus-2015, news-scrape-2025-06, the sentence
text of the UD treebanks (ud-id-gsd incl. legacy, ud-id-csui, ud-id-pud) and
the NER *training* sentences. news-detik-1000 (evaluation corpus) is never read.
Every sentence whose normalised form is an NER dev/test sentence, and every
article/line that contains one, is dropped.

The Stanza pretrain format (stanza.models.common.pretrain.Pretrain) is a
torch-saved dict ``{"vocab": PretrainedWordVocab.state_dict(), "emb": tensor}``
where ``emb`` has ``len(VOCAB_PREFIX)`` (=4: PAD, UNK, EMPTY, ROOT) leading rows
before the word rows. We store ``emb`` as float16 to halve the file; Stanza
copies it into its float32 embedding at load time.
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

from kg.train import nerdata
from kg.train.corpora import texts

log = logging.getLogger("kg.train.vectors")

TOKEN_RE = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]", re.UNICODE)
SENT_SPLIT_RE = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def _split_sentences(text: str) -> list[str]:
    out = []
    for para in re.split(r"\n+", text):
        para = para.strip()
        if para:
            out.extend(s for s in SENT_SPLIT_RE.split(para) if s.strip())
    return out


def build_corpus(corpora: Path, held_keys: set[str], extra_sentences: list[list[str]] = ()) -> tuple[list[list[str]], dict]:
    """Lower-cased tokenised sentences for word2vec plus per-source stats."""
    long_keys = [k for k in held_keys if len(k) >= 40]
    sents: list[list[str]] = []
    stats: dict = {}
    for src, text in texts(corpora, articles=("news-idcorpus-2015", "news-scrape-2025-06")):
        st = stats.setdefault(src, {"blocks": 0, "blocks_dropped": 0, "sentences": 0, "tokens": 0})
        st["blocks"] += 1
        blocknorm = nerdata.norm_sentence(text)
        if any(k in blocknorm for k in long_keys):
            st["blocks_dropped"] += 1
            continue
        for s in _split_sentences(text):
            toks = tokenize(s)
            if len(toks) < 3 or nerdata.norm_sentence(toks) in held_keys:
                continue
            sents.append([t.lower() for t in toks])
            st["sentences"] += 1
            st["tokens"] += len(toks)
    st = stats.setdefault("ner-train", {"sentences": 0, "tokens": 0})
    for toks in extra_sentences:
        sents.append([t.lower() for t in toks])
        st["sentences"] += 1
        st["tokens"] += len(toks)
    return sents, stats


def train_word2vec(sents: list[list[str]], *, dim: int = 100, epochs: int = 10, min_count: int = 2,
                   window: int = 5, seed: int = 1234, sg: int = 1):
    from gensim.models import Word2Vec
    rnd = random.Random(seed)
    sents = list(sents)
    rnd.shuffle(sents)
    model = Word2Vec(sentences=sents, vector_size=dim, window=window, min_count=min_count, sg=sg,
                     negative=10, epochs=epochs, workers=1, seed=seed)
    return model.wv


def write_pretrain(words: list[str], vectors: np.ndarray, path: Path, *, float16: bool = True) -> None:
    import torch
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX
    words = [w.replace(" ", "\xa0") for w in words]
    emb = np.zeros((len(words) + len(VOCAB_PREFIX), vectors.shape[1]), dtype=np.float32)
    emb[len(VOCAB_PREFIX):] = vectors
    t = torch.from_numpy(emb)
    if float16:
        t = t.half()
    vocab = PretrainedWordVocab(words)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"vocab": vocab.state_dict(), "emb": t}, str(path), _use_new_zipfile_serialization=False)


def prune(wv, keep_words: set[str], top_n: int) -> list[str]:
    """Top ``top_n`` words by frequency plus every word of ``keep_words`` that has a vector."""
    order = list(wv.index_to_key)  # gensim keeps them sorted by frequency
    chosen = order[:top_n]
    have = set(chosen)
    chosen += [w for w in order[top_n:] if w in keep_words and w not in have]
    return chosen


def run(corpora: Path, out: Path, *, dim: int = 100, epochs: int = 10, min_count: int = 2,
        top_n: int = 100_000, seed: int = 1234, max_sentences: int | None = None) -> dict:
    t0 = time.time()
    corpora, out = Path(corpora), Path(out)
    held = nerdata.held_out_keys(corpora)
    train, _dev, _tests, _ = nerdata.build_splits(corpora)
    ner_train_tokens = [[t for t, _ in s] for s in train]
    sents, stats = build_corpus(corpora, held, ner_train_tokens)
    if max_sentences:
        sents = sents[:max_sentences] if len(sents) <= max_sentences else random.Random(seed).sample(sents, max_sentences)
    n_tokens = sum(len(s) for s in sents)
    log.info("word2vec corpus: %d sentences, %d tokens", len(sents), n_tokens)
    wv = train_word2vec(sents, dim=dim, epochs=epochs, min_count=min_count, seed=seed)
    keep = {t.lower() for s in ner_train_tokens for t in s}
    words = prune(wv, keep, top_n)
    vecs = np.stack([wv[w] for w in words]).astype(np.float32)
    write_pretrain(words, vecs, out)
    info = {
        "sources": stats, "sentences": len(sents), "tokens": n_tokens, "dim": dim, "epochs": epochs,
        "min_count": min_count, "algorithm": "word2vec skip-gram, negative=10, window=5, workers=1",
        "seed": seed, "full_vocab": len(wv.index_to_key), "top_n": top_n, "vocab": len(words),
        "ner_train_words_kept": sum(1 for w in words[top_n:]), "float16": True,
        "bytes": out.stat().st_size, "seconds": round(time.time() - t0, 1),
    }
    with open(out.with_suffix(".json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
    return info


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Train word2vec and write a Stanza pretrain .pt")
    p.add_argument("--corpora", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True, help="output .pt path")
    p.add_argument("--dim", type=int, default=100)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--min-count", type=int, default=2)
    p.add_argument("--top-n", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=1234)
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    info = run(a.corpora, a.out, dim=a.dim, epochs=a.epochs, min_count=a.min_count, top_n=a.top_n, seed=a.seed)
    json.dump(info, sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""UD treebank data for kg's tokenizer: the training pool and held-out sets, gold sentences
that glue two sentences together split, quotes of several sentences added, and the shard
files Stanza's tokenizer and MWT trainers read. Used by kg.train.tokenizer."""

from __future__ import annotations

import json
import logging
import random
import re
from pathlib import Path

from kg import lexicon

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


def _read_sents(path: Path) -> list[list[str]]:
    from stanza.utils.datasets.common import read_sentences_from_conllu

    return read_sentences_from_conllu(str(path))


def _sent_text(sent: list[str]) -> str | None:
    for line in sent:
        if line.startswith("# text ") or line.startswith("# text="):
            return line.split("=", 1)[1].strip()
    return None


_SENT_END = {".", "?", "!"}
_TREEBANK_ABBREV = "|".join(map(re.escape, lexicon.section("abbreviations.txt", "treebank")))  # kg/data/abbreviations.txt
_ABBREV_RE = re.compile(rf"^(?:[A-Z][a-z]?|[a-z]{{1,2}}|{_TREEBANK_ABBREV})$")
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


def has_mwt(mwt_json: Path) -> bool:
    return len(json.loads(mwt_json.read_text(encoding="utf-8"))) > 0

"""`kg eval`: score a build against gold annotations (shared/eval/GUIDELINES.md).

Entities, per document: a predicted entity matches a gold one when any of its
normalised names (case-folded, honorifics stripped, whitespace collapsed)
equals a normalised gold name or alias, one to one (a maximum matching: a
person split into two predicted entities leaves one of them a false
positive); P/R/F1 are summed over documents and type accuracy is counted on
the matches. `shared/eval/score.py` is the reference: same figures. Quotes: a predicted quote matches a
gold quote of the same document and kind when their normalised token sets
have Jaccard ≥ 0.5 (one-to-one, best overlap first); speaker accuracy is
counted over matched gold quotes whose speaker is named.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from kg import lexicon

JACCARD = 0.5
_TOKEN = re.compile(r"\w+")


_QUOTE_MARKS = re.compile(r"[\u2018\u2019'`\"“”]")
_NAME_SPLIT = re.compile(r"[\s.]+")


def norm_name(s: str) -> str:
    """Case-folded, quote marks dropped, split at spaces and full stops, leading honorifics stripped."""
    s = _QUOTE_MARKS.sub("", unicodedata.normalize("NFKC", s or "").casefold())
    toks = [t for t in _NAME_SPLIT.split(s) if t]
    honorifics = lexicon.scoring_honorifics()
    while toks and toks[0] in honorifics:
        toks = toks[1:]
    return " ".join(toks)


def quote_tokens(s: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(unicodedata.normalize("NFKC", s).casefold()))


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    # unrounded, so that printed figures round once, as the reference's do
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "predicted": n_p, "gold": n_g}


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _doc_key(name: str) -> str:
    return Path(str(name)).name


def load_predictions(out: Path) -> tuple[dict, dict]:
    """Per doc: entity id → {type, names, name} (type of its first mention); and the list of quotes."""
    ents: dict[str, dict] = defaultdict(dict)
    for m in _read_jsonl(out / "mentions.jsonl"):
        key = m.get("entity_id") or m.get("entity") or m.get("text")
        e = ents[_doc_key(m["doc"])].setdefault(key, {"type": m.get("type"), "names": set(), "name": m.get("entity")})
        e["names"].update({m.get("entity") or "", m.get("text") or ""})
    quotes: dict[str, list] = defaultdict(list)
    for q in _read_jsonl(out / "quotes.jsonl"):
        quotes[_doc_key(q["doc"])].append(q)
    return ents, quotes


def max_matching(gold: list[set], pred: list[set]) -> dict[int, int]:
    """One-to-one gold → predicted matching of largest size (augmenting paths, gold in order):
    a person split into two predicted entities matches once and leaves a false positive."""
    adj = [[pi for pi, ps in enumerate(pred) if ps & gs] for gs in gold]
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set) -> bool:
        for pi in adj[gi]:
            if pi not in seen:
                seen.add(pi)
                if pi not in owner or augment(owner[pi], seen):
                    owner[pi] = gi
                    return True
        return False

    for gi in range(len(gold)):
        augment(gi, set())
    return {gi: pi for pi, gi in owner.items()}


def run(gold_dir: Path, out: Path) -> dict:
    """Scores and the misses behind them, as a dict."""
    if not Path(gold_dir).is_dir():
        raise FileNotFoundError(f"gold folder {gold_dir} does not exist")
    pred_ents, pred_quotes = load_predictions(out)
    e_tp = e_n_p = e_n_g = type_ok = 0
    q = {k: {"tp_p": 0, "n_p": 0, "tp_g": 0, "n_g": 0, "spk_ok": 0, "spk_n": 0} for k in ("direct", "indirect")}
    misses: dict[str, list] = defaultdict(list)
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise FileNotFoundError(f"no gold files (*.json) in {gold_dir}")
    for gf in gold_files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        doc = _doc_key(gold["doc"])
        gents = [{"name": g["name"], "type": g["type"],
                  "names": {norm_name(n) for n in [g["name"], *g.get("aliases", [])]} - {""}}
                 for g in gold["entities"]]
        pents = [{"id": i, "name": p["name"], "type": p["type"], "names": {norm_name(n) for n in p["names"]} - {""}}
                 for i, p in pred_ents.get(doc, {}).items()]
        e_n_p += len(pents)
        e_n_g += len(gents)
        match = max_matching([g["names"] for g in gents], [p["names"] for p in pents])
        for gi, g in enumerate(gents):
            if gi not in match:
                misses["entity_missed"].append(f"{doc}: {g['name']} ({g['type']})")
                continue
            e_tp += 1
            p = pents[match[gi]]
            if (p["type"] or "").upper() == g["type"]:
                type_ok += 1
            else:
                misses["entity_wrong_type"].append(f"{doc}: {g['name']} gold {g['type']}, predicted {p['type']}")
        matched = set(match.values())
        for pi, p in enumerate(pents):
            if pi not in matched:
                misses["entity_false_positive"].append(f"{doc}: {p['name']} ({p['type']})")
        gold_names = {g["name"]: g["names"] for g in gents}
        pred_names = {p["id"]: p["names"] for p in pents}
        for kind in ("direct", "indirect"):
            gq = [x for x in gold["quotes"] if x.get("kind", "direct") == kind]
            pq = [x for x in pred_quotes.get(doc, []) if (x.get("kind") or "direct") == kind]
            _score_quotes(doc, kind, gq, pq, gold_names, pred_names, q[kind], misses)
    scores = {"entities": {**_prf(e_tp, e_n_p, e_tp, e_n_g),
                           "type_accuracy": type_ok / e_tp if e_tp else 0.0}}
    for kind, c in q.items():
        scores[f"{kind}_quotes"] = {**_prf(c["tp_p"], c["n_p"], c["tp_g"], c["n_g"]),
                                    "speaker_accuracy": c["spk_ok"] / c["spk_n"] if c["spk_n"] else 0.0,
                                    "speaker_scored": c["spk_n"]}
    scores["documents"] = len(gold_files)
    return {"scores": scores, "misses": {k: v for k, v in sorted(misses.items())}}


def _score_quotes(doc, kind, gq, pq, gold_names, pred_names, c, misses) -> None:
    c["n_g"] += len(gq)
    c["n_p"] += len(pq)
    # best overlap first; ties go to the earlier gold, then the earlier prediction (as the reference)
    pairs = sorted(((jaccard(quote_tokens(g["text"]), quote_tokens(p.get("text", ""))), gi, pi)
                    for gi, g in enumerate(gq) for pi, p in enumerate(pq)), key=lambda x: (-x[0], x[1], x[2]))
    g_used, p_used = {}, set()
    for j, gi, pi in pairs:
        if j < JACCARD:
            break
        if gi in g_used or pi in p_used:
            continue
        g_used[gi] = pi
        p_used.add(pi)
    c["tp_g"] += len(g_used)
    c["tp_p"] += len(p_used)
    for gi, g in enumerate(gq):
        if gi not in g_used:
            misses[f"{kind}_quote_missed"].append(f"{doc}: [{g.get('speaker') or g.get('speaker_desc')}] {g['text'][:100]}")
            continue
        if not g.get("speaker"):
            continue
        p = pq[g_used[gi]]
        c["spk_n"] += 1
        gnames = gold_names.get(g["speaker"], set())
        pnames = pred_names.get(p.get("speaker_id"), set()) | ({norm_name(p["speaker"])} if p.get("speaker") else set())
        if gnames & pnames:
            c["spk_ok"] += 1
        else:
            misses[f"{kind}_quote_wrong_speaker"].append(
                f"{doc}: gold {g['speaker']}, predicted {p.get('speaker') or p.get('speaker_desc')}: {g['text'][:80]}")
    for pi, p in enumerate(pq):
        if pi not in p_used:
            misses[f"{kind}_quote_false_positive"].append(f"{doc}: [{p.get('speaker') or p.get('speaker_desc')}] {p['text'][:100]}")

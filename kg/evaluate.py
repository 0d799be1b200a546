"""`kg eval`: score a build against gold annotations (shared/eval/GUIDELINES.md).

Entities, per document: a predicted entity matches a gold one when any of its
normalised names (case-folded, honorifics stripped, whitespace collapsed)
equals a normalised gold name or alias; P/R/F1 are summed over documents and
type accuracy is counted on the matches. Quotes: a predicted quote matches a
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


def _honorific_re() -> re.Pattern:
    words = sorted(lexicon.titles()["honorific"], key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(w.rstrip(".")) for w in words) + r")\.?\s+)+", re.IGNORECASE)


def norm_name(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).strip()
    s = _honorific_re().sub("", s)
    return " ".join(s.casefold().split())


def quote_tokens(s: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(unicodedata.normalize("NFKC", s).casefold()))


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "predicted": n_p, "gold": n_g}


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_predictions(out: Path) -> tuple[dict, dict]:
    """Per doc: entity id → {type, names}; and the list of quotes."""
    ents: dict[str, dict] = defaultdict(dict)
    for m in _read_jsonl(out / "mentions.jsonl"):
        e = ents[m["doc"]].setdefault(m["entity_id"], {"type": m["type"], "names": {m["entity"]}, "name": m["entity"]})
        e["names"].add(m["text"])
    quotes: dict[str, list] = defaultdict(list)
    for q in _read_jsonl(out / "quotes.jsonl"):
        quotes[q["doc"]].append(q)
    return ents, quotes


def run(gold_dir: Path, out: Path) -> dict:
    """Scores and the misses behind them, as a dict."""
    pred_ents, pred_quotes = load_predictions(out)
    e_tp_p = e_n_p = e_tp_g = e_n_g = type_ok = type_n = 0
    q = {k: {"tp_p": 0, "n_p": 0, "tp_g": 0, "n_g": 0, "spk_ok": 0, "spk_n": 0} for k in ("direct", "indirect")}
    misses: dict[str, list] = defaultdict(list)
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise FileNotFoundError(f"no gold files (*.json) in {gold_dir}")
    for gf in gold_files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        doc = gold["doc"]
        gents = [{"name": g["name"], "type": g["type"],
                  "names": {norm_name(n) for n in [g["name"], *g.get("aliases", [])]}} for g in gold["entities"]]
        pents = [{"id": i, "name": p["name"], "type": p["type"], "names": {norm_name(n) for n in p["names"]}}
                 for i, p in sorted(pred_ents.get(doc, {}).items())]
        e_n_p += len(pents)
        e_n_g += len(gents)
        for p in pents:
            if any(p["names"] & g["names"] for g in gents):
                e_tp_p += 1
            else:
                misses["entity_false_positive"].append(f"{doc}: {p['name']} ({p['type']})")
        for g in gents:
            match = next((p for p in pents if p["names"] & g["names"]), None)
            if match is None:
                misses["entity_missed"].append(f"{doc}: {g['name']} ({g['type']})")
                continue
            e_tp_g += 1
            type_n += 1
            if match["type"] == g["type"]:
                type_ok += 1
            else:
                misses["entity_wrong_type"].append(f"{doc}: {g['name']} gold {g['type']}, predicted {match['type']}")
        gold_names = {g["name"]: g["names"] for g in gents}
        pred_names = {p["id"]: p["names"] for p in pents}
        for kind in ("direct", "indirect"):
            gq = [x for x in gold["quotes"] if x["kind"] == kind]
            pq = [x for x in pred_quotes.get(doc, []) if x["kind"] == kind]
            _score_quotes(doc, kind, gq, pq, gold_names, pred_names, q[kind], misses)
    scores = {"entities": {**_prf(e_tp_p, e_n_p, e_tp_g, e_n_g),
                           "type_accuracy": round(type_ok / type_n, 4) if type_n else 0.0}}
    for kind, c in q.items():
        scores[f"{kind}_quotes"] = {**_prf(c["tp_p"], c["n_p"], c["tp_g"], c["n_g"]),
                                    "speaker_accuracy": round(c["spk_ok"] / c["spk_n"], 4) if c["spk_n"] else 0.0,
                                    "speaker_scored": c["spk_n"]}
    scores["documents"] = len(gold_files)
    return {"scores": scores, "misses": {k: v for k, v in sorted(misses.items())}}


def _score_quotes(doc, kind, gq, pq, gold_names, pred_names, c, misses) -> None:
    c["n_g"] += len(gq)
    c["n_p"] += len(pq)
    pairs = sorted(((jaccard(quote_tokens(g["text"]), quote_tokens(p["text"])), gi, pi)
                    for gi, g in enumerate(gq) for pi, p in enumerate(pq)), reverse=True)
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
        gnames = gold_names.get(g["speaker"], {norm_name(g["speaker"])})
        pnames = pred_names.get(p.get("speaker_id"), set()) | ({norm_name(p["speaker"])} if p.get("speaker") else set())
        if gnames & pnames:
            c["spk_ok"] += 1
        else:
            misses[f"{kind}_quote_wrong_speaker"].append(
                f"{doc}: gold {g['speaker']}, predicted {p.get('speaker') or p.get('speaker_desc')}: {g['text'][:80]}")
    for pi, p in enumerate(pq):
        if pi not in p_used:
            misses[f"{kind}_quote_false_positive"].append(f"{doc}: [{p.get('speaker') or p.get('speaker_desc')}] {p['text'][:100]}")

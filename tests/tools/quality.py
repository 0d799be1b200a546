"""The README's quality figures: the dev set scored whole, by part and by source, and under perturbation.

usage: python3 tests/tools/quality.py [--eval ../shared/eval] [--work /tmp/kg-quality] [--quick]

Builds ../shared/eval/dev/docs with this checkout's kg and scores it with the
reference scorer (score.py) on: all 73 articles, the first 40, the 33 added
later (the 21 and the 12 of the one-story cluster, read from the dev set's
README.md), the cluster alone and each source (file-name prefix). Unless
--quick, also builds the three perturbed copies that perturb.py makes (glued
words at 4% and 12%, invented names) and prints what each loses against the
unperturbed build, then xdoc.py on the cluster. Prints Markdown tables.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURES = (("entity F1", "entity_f1"), ("type", "entity_type_accuracy"), ("direct F1", "direct_quote_f1"),
           ("direct speaker", "direct_speaker_accuracy"), ("indirect P", "indirect_quote_precision"),
           ("indirect R", "indirect_quote_recall"), ("indirect F1", "indirect_quote_f1"),
           ("indirect speaker", "indirect_speaker_accuracy"))
DROPS = ("entity_f1", "direct_speaker_accuracy", "indirect_speaker_accuracy")
PERTURBATIONS = (("glue 4%", ["glue", "--rate=0.04"]), ("glue 12%", ["glue", "--rate=0.12"]), ("names", ["names"]))


def kg_build(docs: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "kg", "build", str(docs), "--out", str(out), "--no-cache", "-q"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def score(eval_dir: Path, gold: Path, out: Path) -> dict:
    res = subprocess.run([sys.executable, str(eval_dir / "score.py"), str(gold), str(out), "--json"],
                         check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def added_later(dev: Path) -> tuple[set[str], set[str]]:
    """The 21 articles added to the first 40 and the 12 of the cluster, as the dev README lists them
    (`prefix-NNNN, -NNNN` runs inside backticks)."""
    text = (dev / "README.md").read_text(encoding="utf-8")
    parts = {}
    for label, start, end in (("added", "21 more", "12 more"), ("cluster", "12 more", "Their gold")):
        chunk = text[text.index(start):text.index(end, text.index(start) + 1)]
        names: set[str] = set()
        for run in re.findall(r"`([^`]+)`", chunk):
            prefix = ""
            for item in re.split(r",\s*", run):
                m = re.fullmatch(r"([a-z0-9]+)-(\d{4})", item)
                if m:
                    prefix = m.group(1)
                    names.add(item)
                elif re.fullmatch(r"-\d{4}", item) and prefix:
                    names.add(prefix + item)
        parts[label] = names
    return parts["added"], parts["cluster"]


def subsets(dev: Path) -> dict[str, set[str]]:
    gold = {p.name.split(".")[0] for p in (dev / "gold").glob("*.json")}
    added, cluster = added_later(dev)
    out = {"all 73": gold, "first 40": gold - added - cluster, "new 33": (added | cluster) & gold,
           "cluster": cluster & gold}
    for prefix in sorted({g.split("-")[0] for g in gold}):
        out[prefix] = {g for g in gold if g.split("-")[0] == prefix}
    return out


def gold_dir(dev_gold: Path, names: set[str], work: Path, label: str) -> Path:
    d = work / "gold" / re.sub(r"\W+", "_", label)
    d.mkdir(parents=True, exist_ok=True)
    for p in dev_gold.glob("*.json"):
        if p.name.split(".")[0] in names and not (d / p.name).exists():
            (d / p.name).symlink_to(p.resolve())
    return d


def row(label: str, s: dict, n: int) -> str:
    return f"| {label} ({n}) | " + " | ".join(f"{s[k]:.3f}" for _, k in FIGURES) + " |"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--quick", action="store_true", help="no perturbations, no xdoc")
    a = ap.parse_args(argv)
    work = a.work or Path(tempfile.mkdtemp(prefix="kg-quality-"))
    dev = a.eval / "dev"
    kg_build(dev / "docs", work / "dev")
    print("| set | " + " | ".join(f for f, _ in FIGURES) + " |")
    print("|---" * (len(FIGURES) + 1) + "|")
    base = None
    for label, names in subsets(dev).items():
        s = score(a.eval, gold_dir(dev / "gold", names, work, label), work / "dev")
        base = base or s
        print(row(label, s, len(names)))
    if a.quick:
        return
    print("\n| perturbation | " + " | ".join(f for f, _ in FIGURES) + " | drop: entity F1 / direct spk / indirect spk |")
    print("|---" * (len(FIGURES) + 2) + "|")
    for label, args in PERTURBATIONS:
        copy = work / re.sub(r"\W+", "_", label)
        if not (copy / "docs").is_dir():
            subprocess.run([sys.executable, str(a.eval / "perturb.py"), args[0], str(dev / "docs"), str(dev / "gold"),
                            str(copy), *args[1:]], check=True, stdout=subprocess.DEVNULL)
        kg_build(copy / "docs", copy / "out")
        s = score(a.eval, copy / "gold", copy / "out")
        drops = " / ".join(f"{base[k] - s[k]:+.3f}" for k in DROPS)
        print(f"| {label} | " + " | ".join(f"{s[k]:.3f}" for _, k in FIGURES) + f" | {drops} |")
    cluster = gold_dir(dev / "gold", subsets(dev)["cluster"], work, "cluster")
    res = subprocess.run([sys.executable, str(a.eval / "xdoc.py"), str(cluster), str(work / "dev")],
                         check=True, capture_output=True, text=True)
    print("\nxdoc.py on the cluster:", " ".join(ln.split()[-1] for ln in res.stdout.splitlines()
                                             if "precision" in ln or "recall" in ln),
          "(all P, R; person P, R)")


if __name__ == "__main__":
    main()

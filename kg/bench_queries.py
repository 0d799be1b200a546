"""Benchmark: `python -m kg.bench_queries` times `kg quotes` and `kg entity` on a large build.

Makes COPIES copies of a corpus folder under --work (default ten copies of
../shared/corpora/news-scrape-2025-06 in /tmp/kg-bench-queries), builds them
with `kg build` unless --out already holds that build, then times each query
both ways: in-process after start-up (open the build, answer, format the
output) and as a whole command (`python -m kg ...` in a subprocess), from
kg.sqlite and from the JSONL files. The names and words queried are taken from
the build itself: the most quoted speaker, the most mentioned entity, an
entity of median mentions (among those named 10 times or more), the 200th
commonest word of the quotes and their 100th commonest two-word phrase. `--warm-cache` first builds one copy into the same output folder, so
the ten-copies build reads every document from the cache instead of tagging
it again (same outputs, a fraction of the time). Prints `cat /proc/loadavg`
with the figures: the machine may be shared.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "news-scrape-2025-06"


def make_copies(corpus: Path, work: Path, n: int) -> list[Path]:
    """`n` copies of the corpus's articles/ folder and index.csv (not its PROVENANCE.md), made once."""
    copies = []
    for i in range(1, n + 1):
        dest = work / "corpus" / f"copy{i:02d}"
        if not dest.is_dir():
            tmp = dest.with_suffix(".tmp")
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree(corpus / "articles", tmp / "articles")
            if (corpus / "index.csv").is_file():
                shutil.copy2(corpus / "index.csv", tmp / "index.csv")
            tmp.rename(dest)
        copies.append(dest / "articles")
    return copies


def kg(*args: str, quiet_out: bool = True) -> tuple[float, float]:
    """Run `python -m kg ARGS`; (wall seconds, peak RSS MB of that child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", *args], check=True,
                   stdout=subprocess.DEVNULL if quiet_out else None)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, (peak if peak > before else float("nan")) / 1024


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def pick(out: Path) -> dict:
    """What to ask, from the build's own database."""
    con = sqlite3.connect(out / "kg.sqlite")
    speaker, = con.execute("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id "
                           "ORDER BY count(*) DESC, speaker_id LIMIT 1").fetchone()
    top, = con.execute("SELECT id FROM entities ORDER BY mentions DESC, id LIMIT 1").fetchone()
    n, = con.execute("SELECT count(*) FROM entities WHERE mentions >= 10").fetchone()
    median, = con.execute("SELECT id FROM entities WHERE mentions >= 10 ORDER BY mentions, id LIMIT 1 OFFSET ?",
                          (n // 2,)).fetchone()
    words: dict[str, int] = {}
    pairs: dict[str, int] = {}
    for (text,) in con.execute("SELECT text FROM quotes LIMIT 20000"):
        ws = [w.casefold() for w in text.split() if w.isalpha()]
        for w in ws:
            words[w] = words.get(w, 0) + 1
        for a, b in zip(ws, ws[1:]):
            pairs[f"{a} {b}"] = pairs.get(f"{a} {b}", 0) + 1
    # not the commonest (a function word in every tenth quote) but a word and a phrase a reader looks for
    word = sorted(words, key=lambda w: (-words[w], w))[200]
    phrase = sorted(pairs, key=lambda p: (-pairs[p], p))[100]
    return {"speaker": speaker, "entity_top": top, "entity_median": median, "word": word, "phrase": f'"{phrase}"'}


def in_process(out: Path, args: dict, entity: str | None, use_sqlite: bool) -> tuple[float, float, int]:
    """Wall and CPU seconds for one question after start-up (imports done), and the number of rows
    or documents. The CPU seconds say more than the wall clock on a machine other processes share."""
    from kg.query import Build, profile, select_quotes, to_jsonl

    t0, c0 = time.perf_counter(), time.process_time()
    b = Build(out, use_sqlite=use_sqlite)
    if entity:
        p = profile(b, entity)
        json.dumps(p, ensure_ascii=False, indent=2)
        n = p["documents"]
    else:
        rows = select_quotes(b, **args)
        to_jsonl(rows)
        n = len(rows)
    return time.perf_counter() - t0, time.process_time() - c0, n


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-queries"))
    ap.add_argument("--out", type=Path, help="The build to query (default: WORK/out-COPIES).")
    ap.add_argument("--warm-cache", action="store_true", help="Build one copy first: the big build then reads the cache.")
    ap.add_argument("--repeat", type=int, default=3, help="Runs of each timing; the best is printed.")
    ap.add_argument("--sqlite-only", action="store_true", help="Skip the (slow) JSONL timings.")
    a = ap.parse_args(argv)
    out = a.out or a.work / f"out-{a.copies}"
    if not (out / "kg.sqlite").is_file():
        copies = make_copies(a.corpus, a.work, a.copies)
        if a.warm_cache:
            s, mb = kg("build", str(copies[0]), "--out", str(out), "-q")
            print(f"build of 1 copy (fills the cache): {s:.1f} s, peak {mb:.0f} MB, load {loadavg()}")
        s, mb = kg("build", *map(str, copies), "--out", str(out), "-q")
        print(f"build of {a.copies} copies{' (from the cache)' if a.warm_cache else ''}: {s:.1f} s, "
              f"peak {mb:.0f} MB, load {loadavg()}")
    sizes = {f: (out / f).stat().st_size / 2**20 for f in ("kg.sqlite", "quotes.jsonl", "mentions.jsonl")}
    print(f"build {out}: " + ", ".join(f"{f} {mb:.0f} MB" for f, mb in sizes.items()))
    q = pick(out)
    cases = [("quotes --speaker (most quoted)", {"speaker": q["speaker"]}, None, ["quotes", "--speaker", q["speaker"]]),
             ("entity (most mentioned)", {}, q["entity_top"], ["entity", q["entity_top"]]),
             ("entity (median, >= 10 mentions)", {}, q["entity_median"], ["entity", q["entity_median"]]),
             ("quotes --search WORD", {"search": q["word"]}, None, ["quotes", "--search", q["word"]]),
             ("quotes --search \"PHRASE\"", {"search": q["phrase"]}, None, ["quotes", "--search", q["phrase"]])]
    print(f"load before the queries: {loadavg()}")
    startup = min(kg("quotes", "--help")[0] for _ in range(a.repeat))
    print(f"start-up alone (python -m kg quotes --help): {startup:.2f} s")
    print(f"{'question':<34} {'source':<7} {'after start-up':>15} {'(CPU)':>8} {'whole command':>14} {'rows/docs':>9}")
    for label, args, entity, cmd in cases:
        for source, use_sqlite in (("sqlite", True), ("jsonl", False))[:1 if a.sqlite_only else 2]:
            runs = a.repeat if use_sqlite else 1  # the JSONL timings are the slow baseline: once is enough
            inner = min(in_process(out, args, entity, use_sqlite) for _ in range(runs))
            env_cmd = [*cmd, "--out", str(out)] + (["--json"] if entity else ["--format", "jsonl"])
            if use_sqlite:
                whole = min(kg(*env_cmd)[0] for _ in range(runs))
            else:  # the command reads kg.sqlite when it is there: hide it for the JSONL timing
                hidden = out / "kg.sqlite.hidden"
                os.replace(out / "kg.sqlite", hidden)
                try:
                    whole = min(kg(*env_cmd)[0] for _ in range(runs))
                finally:
                    os.replace(hidden, out / "kg.sqlite")
            print(f"{label:<34} {source:<7} {inner[0]:>13.3f} s {inner[1]:>6.3f} s {whole:>12.2f} s {inner[2]:>9}")
    print(f"load after: {loadavg()}")
    print("asked: " + json.dumps(q, ensure_ascii=False))


if __name__ == "__main__":
    main()

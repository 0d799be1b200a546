"""Benchmark of graph.html in headless Chromium: page size, time to settle, time to open a focus view.

    python3 -m kg.bench_page OUT_DIR [--runs 3]

OUT_DIR is a finished build. Prints the figures; asserts nothing. The focus view
is opened by searching, for the most quoted speaker that the overview does not
draw (else the most quoted one); the date range figure sets the range to the
build's busiest day.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from collections import Counter
from pathlib import Path

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _settled(page, timeout=300_000) -> None:
    page.wait_for_selector("body[data-settled=true]", state="attached", timeout=timeout)


def _timed(page, action) -> float:
    """Seconds from an action in the page until the drawing has settled again."""
    page.evaluate("document.body.dataset.settled = 'pending'")
    t0 = time.perf_counter()
    action()
    _settled(page)
    return time.perf_counter() - t0


def run(out: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    page_file = out / "graph.html"
    quotes = [json.loads(x) for x in (out / "quotes.jsonl").read_text(encoding="utf-8").splitlines()]
    entities = {e["id"]: e for e in map(json.loads, (out / "entities.jsonl").read_text(encoding="utf-8").splitlines())}
    speakers = Counter(q["speaker_id"] for q in quotes if q["speaker_id"])
    busiest = Counter(q["date"] for q in quotes if q["date"]).most_common(1)
    print(f"page                {page_file.stat().st_size / 1e6:.2f} MB ({len(entities)} entities, "
          f"{len(quotes)} quotes in the build)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    settle, focus, big, ranged = [], [], [], []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=ARGS)
        for _ in range(runs):
            ctx = b.new_context(offline=True, viewport={"width": 1400, "height": 900})
            page = ctx.new_page()
            t0 = time.perf_counter()
            page.goto(page_file.resolve().as_uri())
            _settled(page)
            settle.append(time.perf_counter() - t0)
            drawn = set(page.evaluate("window.kg.nodes.getIds()"))
            target = next((e for e, _ in speakers.most_common() if e not in drawn), speakers.most_common(1)[0][0])
            name = entities[target]["name"]

            def search(who):
                page.fill("#search", who)
                page.dispatch_event("#search", "change")
            focus.append(_timed(page, lambda: search(name)))
            shown = page.locator("#panel-said li.source").count()
            top = speakers.most_common(1)[0][0]
            big.append(_timed(page, lambda: search(f"{entities[top]['name']} [{top}]")))
            big_shown = page.locator("#panel li.source").count()
            if busiest:
                page.click("#back")
                _settled(page)

                def one_day():  # both ends set at once, then one change: one redraw
                    page.evaluate("d => { document.getElementById('since').value = d; "
                                  "document.getElementById('until').value = d; }", busiest[0][0])
                    page.dispatch_event("#until", "change")
                ranged.append(_timed(page, one_day))
            ctx.close()
        b.close()
    print(f"settle              {_fmt(settle)} from navigation to a still overview "
          f"({len(drawn)} entities drawn)")
    print(f"focus view          {_fmt(focus)} from a search for {name} (not drawn in the overview: "
          f"{target not in drawn}) to a still drawing; its panel lists {shown} report(s), "
          f"{speakers[target]} in quotes.jsonl")
    print(f"focus view          {_fmt(big)} for the most quoted speaker, {entities[top]['name']} "
          f"({speakers[top]} quotes; its panel lists {big_shown} reports by and about it)")
    if ranged:
        print(f"date range          {_fmt(ranged)} to draw the overview of {busiest[0][0]} again")


def _fmt(xs: list[float]) -> str:
    return f"{statistics.median(xs):.2f} s (median of {len(xs)}; {min(xs):.2f}–{max(xs):.2f})"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    run(a.out, a.runs)


if __name__ == "__main__":
    main()

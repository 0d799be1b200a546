"""Benchmark: `python -m kg.bench [CORPUS]` builds a graph and prints figures.

Default corpus: ../shared/corpora/news-detik-1000/articles. Prints words/s end
to end, seconds tagging vs everything else, model load time, peak RSS, output
sizes, the time of a cached rebuild, and (with --browser) how long headless
Chromium takes to draw and settle the page.

Then, unless --no-stanza: the time stanza.Pipeline spends tagging every
document of the corpus with kg's model (models loaded, tokens given) against
the whole cold build above, and whether kg's fast tagger gives the same tags
on every sentence.

`--copies N` builds instead a corpus of N copies of CORPUS (each copy in its
own folder under /tmp with the index.csv beside it, deleted afterwards)
without the cache and without recognising repeated texts, either of which
would otherwise serve every copy after the first: the wall time, CPU
utilisation and peak memory of a build of N times as many articles.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from kg.config import TAGGERS, BuildConfig
from kg.pipeline import build, fingerprint, up_to_date, write_outputs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "news-detik-1000" / "articles"


def peak_rss_mb() -> tuple[float, float]:
    """Peak RSS of this process, and of the largest of its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, kids / 1024


class ProcessSampler:
    """Every 0.2 s (needs psutil): the memory of this process and all it started, and their CPU time.

    Each process counts its proportional set size where the system gives it:
    workers forked from one server and forked writer processes share pages,
    and the sum of their RSS would count those pages twice. CPU time is read
    from the processes themselves because the workers are the fork server's
    children: this process never waits for them, so its own accounts miss them.

    PSS is read every PSS_EVERY samples only, or sooner when the processes' RSS
    grew: the kernel walks every page of a process for it (11.7 ms of CPU for
    a process of 1.2 GB), and at every sample it took a tenth of a core from
    the build it measures; every second, still a few percent with two workers.
    """

    PSS_EVERY = 10  # samples
    RSS_GROWTH = 1.05  # RSS this much above the last PSS reading's: read PSS now

    def __init__(self):
        import threading

        self.peak = 0.0
        self.phase = ""  # set by the caller: the peak is kept per phase too
        self.peaks: dict[str, float] = {}
        self.largest = 0.0  # MB, the largest RSS of one process this one started
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds last seen, for every process this one started
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        n, rss_at_pss = 0, 0
        while True:
            try:
                kids = me.children(recursive=True)
                rss = me.memory_info().rss
                for p in kids:
                    with contextlib.suppress(psutil.Error):
                        kid_rss = p.memory_info().rss
                        rss += kid_rss
                        self.largest = max(self.largest, kid_rss / 2**20)
                        t = p.cpu_times()
                        self.cpu[p.pid] = max(self.cpu.get(p.pid, 0.0), t.user + t.system)
                if n % self.PSS_EVERY == 0 or rss > rss_at_pss * self.RSS_GROWTH:
                    now = sum(_pss(p) for p in [me, *kids]) / 2**20
                    self.peak = max(self.peak, now)
                    self.peaks[self.phase] = max(self.peaks.get(self.phase, 0.0), now)
                    rss_at_pss = rss
            except psutil.Error:
                pass
            n += 1
            if self._stop.wait(0.2):
                return

    @property
    def children_cpu(self) -> float | None:
        return sum(self.cpu.values()) if self.cpu else None

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _pss(proc) -> int:
    try:
        return proc.memory_full_info().pss
    except AttributeError:  # no PSS on this system
        return proc.memory_info().rss


class CpuClock:
    """CPU seconds of this process and its finished child processes, and wall seconds.

    `children` is replaced by ProcessSampler's figure where psutil is there (it sees the workers).
    """

    def __enter__(self):
        self._t = os.times()
        self._wall = time.perf_counter()
        return self

    def __exit__(self, *exc):
        t = os.times()
        self.wall = time.perf_counter() - self._wall
        self.own = t.user + t.system - self._t.user - self._t.system
        self.children = max(0.0, t.children_user + t.children_system - self._t.children_user - self._t.children_system)

    @property
    def utilisation(self) -> float:
        return (self.own + self.children) / self.wall


def make_copies(corpus: Path, n: int, root: Path) -> list[str]:
    """N copies of a corpus folder, each with the index.csv of its parent folder (kg.meta looks there)."""
    index = corpus.parent / "index.csv"
    folders = []
    for i in range(n):
        copy = root / f"copy-{i:02d}" / corpus.name
        shutil.copytree(corpus, copy)
        if index.is_file():
            shutil.copy(index, copy.parent / index.name)
        folders.append(str(copy))
    return folders


def settle_seconds(page: Path) -> float | None:
    """Seconds from navigation until the layout has settled, in headless Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = shutil.which("chromium")
    if not chromium:
        return None
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--headless=new", "--no-sandbox", "--disable-gpu",
                                                               "--disable-background-networking"])
        pg = b.new_page()
        t0 = time.perf_counter()
        pg.goto(page.resolve().as_uri())
        pg.wait_for_selector("body[data-settled=true]", state="attached", timeout=120_000)
        dt = time.perf_counter() - t0
        b.close()
    return dt


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--workers", type=int, default=None, help="default: kg's choice (kg.machine.plan)")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-nodes", type=int, default=300)
    ap.add_argument("--tagger", choices=TAGGERS, default="fast")
    ap.add_argument("--stanza-threads", type=int, default=None,
                    help="torch threads for the stanza.Pipeline comparison (default: all cores, max 4)")
    ap.add_argument("--no-stanza", action="store_true",
                    help="skip the comparison build with stanza.Pipeline (it takes about twice as long)")
    ap.add_argument("--browser", action="store_true", help="also time the page in headless Chromium")
    ap.add_argument("--copies", type=int, default=0, metavar="N",
                    help="build N copies of the corpus instead (in /tmp; no cache, copies not taken for "
                         "repeats); no comparison")
    args = ap.parse_args(argv)
    load_start = os.getloadavg()
    out = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    inputs = (str(args.corpus),)
    if args.copies:
        inputs = tuple(make_copies(args.corpus, args.copies, out / "corpus"))
        out = out / "out"
    cfg = BuildConfig(inputs=inputs, out=out, workers=args.workers, threads=args.threads,
                      batch_docs=args.batch, max_nodes=args.max_nodes, tagger=args.tagger, cache=not args.copies,
                      reuse_repeats=not args.copies)
    t0 = time.perf_counter()
    with ProcessSampler() as procs, CpuClock() as cpu:
        procs.phase = "documents"
        result = build(cfg)
        t_docs = time.perf_counter() - t0
        procs.phase = "files"
        write_outputs(result, cfg)
    cpu.children = max(cpu.children, procs.children_cpu or 0.0)
    total = time.perf_counter() - t0
    own_rss = peak_rss_mb()  # before the comparison build adds its own
    s = result.stats
    run = s["run"]
    stanza = s["stanza_seconds"]
    copies = f" x {args.copies} copies" if args.copies else ""
    print(f"corpus              {args.corpus}{copies} ({s['documents']} documents, {s['skipped']} skipped)")
    print(f"words               {s['words']:,}")
    print(f"end to end          {total:.1f} s = {s['words'] / total:,.0f} words/s "
          f"(tagger={args.tagger}, workers={run['workers']}, threads={run['threads']}, batch={args.batch})")
    print(f"CPU                 {cpu.utilisation:.0%} of one core: {cpu.own:.1f} s in this process + "
          f"{cpu.children:.1f} s in its workers and writers (sampled), over {cpu.wall:.1f} s")
    print(f"workers             {run['workers']} x {run['threads']} torch thread(s): {run['reason']}")
    if run["workers"] == 1:  # worker processes keep these figures to themselves
        setup = s["import_seconds"] + s["load_seconds"]
        print(f"model load          {s['load_seconds']:.2f} s, after {s['import_seconds']:.2f} s "
              f"importing torch and Stanza")
        other = total - stanza - setup
        print(f"NER                 {stanza:.1f} s tagging ({stanza / total:.0%}) + {setup:.1f} s import and load "
              f"({setup / total:.0%}); everything else {other:.1f} s ({other / total:.0%}) of wall time outside "
              f"tagging" + (" (the fast tagger runs beside the rest of the build)" if args.tagger == "fast" else ""))
    print(f"documents / graph   {t_docs:.1f} s / {total - t_docs:.1f} s "
          f"(graph {result.graph.number_of_nodes()} nodes, {result.graph.number_of_edges()} edges; "
          f"{s['entities']} entities, {s['quotes']} quotes)")
    print(f"peak RSS            {own_rss[0]:,.0f} MB this process, {max(own_rss[1], procs.largest):,.0f} MB the largest "
          f"worker or writer; "
          f"{procs.peak:,.0f} MB all processes together (sampled, shared pages counted once; "
          f"{procs.peaks.get('documents', 0):,.0f} MB while documents and graph were made, "
          f"{procs.peaks.get('files', 0):,.0f} MB while files were written)")
    for f in sorted(out.iterdir()):
        if f.is_file():
            print(f"  {f.name:<18}{f.stat().st_size / 1e6:8.2f} MB")
    if args.copies:
        _print_load(load_start)
        shutil.rmtree(out.parent, ignore_errors=True)
        return
    t1 = time.perf_counter()
    again = build(cfg)
    write_outputs(again, cfg, fingerprint(cfg))
    print(f"rebuild from cache  {time.perf_counter() - t1:.2f} s ({again.stats['cached']} documents from the cache, "
          f"graph and files rewritten)")
    t2 = time.perf_counter()
    fresh = up_to_date(cfg, fingerprint(cfg))
    print(f"unchanged rebuild   {time.perf_counter() - t2:.2f} s (kg build finds the outputs up to date: {fresh})")
    if args.browser:
        dt = settle_seconds(out / "graph.html")
        print(f"page settled in     {dt:.1f} s (headless Chromium)" if dt is not None else "page: chromium not found")
    if not args.no_stanza and args.tagger != "stanza":
        compare_with_stanza(replace(cfg, threads=args.stanza_threads), total, s["words"], cpu.utilisation)
    _print_load(load_start)
    shutil.rmtree(out, ignore_errors=True)


def _print_load(start: tuple[float, float, float]) -> None:
    print(f"load average        {' '.join(f'{x:.1f}' for x in start)} at the start, "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end "
          f"({os.cpu_count()} cores; other processes slow every figure above)")


def compare_with_stanza(cfg: BuildConfig, build_seconds: float, words: int, utilisation: float) -> None:
    """Stanza's own Pipeline tagging every document of the corpus, timed, and whether kg's tags are the same.

    Every document is tagged, repeats too: the figure is what Stanza alone
    takes on the corpus. kg's sentences are given in the pipeline's batches of
    documents. The fast tagger then tags the same batches; the same tags on
    every sentence mean the same outputs, as everything after tagging is the same code.
    """
    from kg.process import prepare_batch
    from kg.read import iter_inputs
    from kg.records import Skipped

    articles = [a for a in iter_inputs(cfg.inputs) if not isinstance(a, Skipped)]
    docs = [p[2] for p in prepare_batch(articles) if not isinstance(p, Skipped)]
    batches = [docs[i:i + cfg.batch_docs] for i in range(0, len(docs), cfg.batch_docs)]
    stanza_tags, tagging = _tag_all(cfg, batches, "stanza", cfg.threads)
    fast_tags, _ = _tag_all(cfg, batches, "fast", None)
    n = sum(len(d) for d in docs)
    print(f"stanza.Pipeline     {tagging:.1f} s tagging alone, all {len(docs):,} documents ({words / tagging:,.0f} "
          f"words/s; kg's model loaded, kg's tokens given, {cfg.batch_docs} documents per call, "
          f"threads={cfg.threads or 'auto'})")
    print(f"kg build vs Stanza  {tagging / build_seconds:.2f}x: the whole cold build ({build_seconds:.1f} s, "
          f"CPU {utilisation:.0%}) against Stanza's tagging alone ({tagging:.1f} s)")
    differ = sum(a != b for da, db in zip(stanza_tags, fast_tags) for a, b in zip(da, db))
    if differ:
        print(f"tags                {differ:,} of {n:,} sentences DIFFERENT from stanza.Pipeline's")
    else:
        print(f"tags                the same as stanza.Pipeline's on all {n:,} sentences (so the outputs are too: "
              f"the rest of the build is the same code)")


def _tag_all(cfg: BuildConfig, batches: list, tagger: str, threads: int | None) -> tuple[list, float]:
    """Every batch's tags with a fresh annotator of that kind, and its seconds inside the tagger."""
    from kg.annotate import Annotator

    ann = Annotator(cfg.models_dir, threads=threads, tagger=tagger)
    return [t for batch in batches for t in ann.tag(batch)], ann.seconds


if __name__ == "__main__":
    main(sys.argv[1:])

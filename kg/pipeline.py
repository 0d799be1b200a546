"""The whole flow: read → clean → segment → annotate → extract → resolve → graph → export."""
from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import chain, islice
from pathlib import Path

import networkx as nx

from kg import __version__
from kg.annotate import Annotator, model_version
from kg.cache import Cache, doc_key
from kg.check import check_build
from kg.config import BuildConfig
from kg.graph import build_graph
from kg.machine import (DOCS_PER_WORKER, Plan, available_memory_mb, exit_with_build, plan, pool_context,
                        start_workers_early, usable_cores)
from kg.process import extract_batch, prepare_batch, run_batch, tag_batch, text_sha
from kg.read import count_documents, iter_inputs, read_ahead
from kg.records import Article, DocResult, Entity, Skipped
from kg.resolve import Resolver

log = logging.getLogger(__name__)
OUTPUT_FILES = ("graph.html", "graph.graphml", "graph.gexf", "entities.jsonl", "mentions.jsonl",
                "quotes.jsonl", "report.json", "kg.sqlite", "metadata.json")
RUN_FILE = "run.json"  # how the build ran (workers, threads, why, seconds): the one file that differs between runs
READ_AHEAD = 1000  # documents read before they are needed, while the workers start or work
PARALLEL_WRITE_DOCS = 200  # from this many documents the files are written in parallel processes (fork costs ~0.1 s)


@dataclass
class BuildResult:
    docs: list[DocResult]
    entities: list[Entity]
    link: dict
    graph: nx.MultiDiGraph
    skipped: list[Skipped]
    stats: dict = field(default_factory=dict)

    @property
    def names(self) -> dict[str, str]:
        return {e.id: e.name for e in self.entities}


@lru_cache(maxsize=2)
def _worker_annotator(models_dir: str | None, threads: int | None, tagger: str = "fast",
                      remember: bool = True) -> Annotator:
    """One Annotator per process (worker pools and Dask workers load the models once)."""
    ann = Annotator(models_dir, threads=threads, tagger=tagger, remember=remember)
    gc.freeze()  # it lives as long as the process: keep its objects out of collections
    gc.set_threshold(20_000, *gc.get_threshold()[1:])  # as fewer_gc_passes does for a build in one process
    return ann


def annotate_with(factory: Callable[[], Annotator], articles: list[Article]) -> list:
    """The per-batch task for remote engines: build (or reuse) an annotator, then run."""
    return run_batch(factory(), articles)


def annotate_and_cache(factory: Callable[[], Annotator], cache_root: str | None,
                       batch: list[tuple[Article, str]]) -> list:
    """The worker pool's task: annotate_with, then the worker writes the cache entries itself
    (JSON encoding and a file per document would otherwise queue up in the main process)."""
    outs = annotate_with(factory, [a for a, _ in batch])
    if cache_root:
        cache = _worker_cache(cache_root)
        for (art, key), res in zip(batch, outs):
            if not isinstance(res, Skipped):
                _set_meta(res, art)
                cache.put(key, res)
    return outs


@lru_cache(maxsize=2)
def _worker_cache(root: str) -> Cache:
    return Cache(Path(root))


def _worker_factory(cfg: BuildConfig, threads: int) -> partial:
    """What a worker process calls for its annotator: picklable."""
    return partial(_worker_annotator, str(cfg.models_dir) if cfg.models_dir else None, threads, cfg.tagger,
                   cfg.reuse_repeats)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process_documents(cfg: BuildConfig, progress: Callable[[int, int], None] | None = None,
                      annotator: Annotator | None = None) -> tuple[list[DocResult], list[Skipped], dict]:
    """Stream the inputs through the per-document steps, using the cache where it can."""
    cache = Cache(cfg.cache_root) if cfg.cache else None
    mver = model_version(cfg.models_dir)
    results: list[DocResult] = []
    skipped: list[Skipped] = []
    stats = {"cached": 0, "processed": 0, "repeats": 0, "stanza_seconds": 0.0, "load_seconds": 0.0,
             "import_seconds": 0.0, "load_average_start": _load_average()}

    texts: dict[str, DocResult | Skipped | None] = {}  # text hash -> its result (None: on its way)
    repeats: list[tuple[Article, str, str]] = []  # articles whose text came earlier in this build

    def todo() -> Iterator[tuple[Article, str]]:
        for item in read_ahead(iter_inputs(cfg.inputs), READ_AHEAD):
            if isinstance(item, Skipped):
                skipped.append(item)
                if progress:
                    progress(1, 0)  # a skipped input still counts towards the total
                continue
            key = doc_key(item.text, item.doc, mver, __version__)
            hit = cache.get(key) if cache else None
            if hit is not None:
                hit.source = item.source
                _set_meta(hit, item)
                results.append(hit)
                texts.setdefault(hit.sha, hit)
                stats["cached"] += 1
                if progress:
                    progress(1, hit.words)
                continue
            sha = text_sha(item.text)
            if sha in texts and cfg.reuse_repeats:  # the same article twice (re-published, scraped twice)
                repeats.append((item, key, sha))
                continue
            texts[sha] = None
            yield item, key

    def collect(batch: list[tuple[Article, str]], outs: list, cached: bool = False, count: str = "processed") -> None:
        """Keep a batch's results; put them in the cache unless a worker did (`cached`)."""
        for (art, key), res in zip(batch, outs):
            texts[res.sha if isinstance(res, DocResult) else text_sha(art.text)] = res
            if isinstance(res, Skipped):
                skipped.append(res)
                if progress:
                    progress(1, 0)
                continue
            _set_meta(res, art)
            results.append(res)
            stats[count] += 1
            if cache and not cached:
                cache.put(key, res)
            if progress:
                progress(1, res.words)

    items, run = _plan(cfg, todo(), annotator)
    stats["run"] = run.as_dict()
    log.info("workers: %d process(es), %d torch thread(s) each (%s; load average %s)", run.workers, run.threads,
             run.reason, stats["load_average_start"])
    batches = _batches(items, cfg.batch_docs)
    if cfg.engine == "dask":
        from kg.distributed import run_dask

        factory = (lambda: annotator) if annotator is not None else _worker_factory(cfg, run.threads)
        run_dask(replace(cfg, workers=run.workers), batches, collect, partial(annotate_with, factory),
                 in_process=annotator is not None)
    elif run.workers > 1 and annotator is None:
        _run_pool(cfg, run, batches, collect)
    else:
        ann = _run_local(cfg, run.threads, batches, collect, annotator, stats)
        if ann is not None:
            stats["stanza_seconds"] = ann.seconds
    collect([(art, key) for art, key, _ in repeats], [_repeat(art, texts[sha]) for art, _, sha in repeats],
            count="repeats")
    return results, skipped, stats


def _repeat(art: Article, first: DocResult | Skipped) -> DocResult | Skipped:
    """The result of an article whose text was analysed for another one: a copy under its own name."""
    if isinstance(first, Skipped):
        return Skipped(art.source, f"same text as {first.source}: {first.reason}")
    res = DocResult.from_dict(first.as_dict())
    res.doc, res.source = art.doc, art.source
    return res


def _plan(cfg: BuildConfig, items: Iterator, annotator: Annotator | None) -> tuple[Iterator, Plan]:
    """Workers and threads for this build (kg.machine.plan), and the documents to tag.

    Unless --workers is given, the first documents not in the cache are read
    ahead, up to what the usable cores could take: fewer means fewer workers.
    """
    cores = usable_cores()
    if annotator is not None:  # a caller's annotator lives in this process
        return items, Plan(cfg.workers or 1, cfg.threads or 1, "annotator given", cores, None)
    start_workers_early(cfg)  # their imports overlap the reading below
    if cfg.workers:
        return items, plan(0, workers=cfg.workers, threads=cfg.threads, cores=cores, tagger=cfg.tagger)
    head = list(islice(items, cores * DOCS_PER_WORKER))
    corpus = count_documents(cfg.inputs) if len(head) == cores * DOCS_PER_WORKER else len(head)
    return chain(head, items), plan(len(head), corpus, threads=cfg.threads, cores=cores,
                                    memory_mb=available_memory_mb(), tagger=cfg.tagger)


def _set_meta(res: DocResult, art: Article) -> None:
    """Metadata comes from the inputs on every build (an index.csv can change while the text does not)."""
    res.title, res.date, res.url = art.title, art.date, art.url


def _run_local(cfg: BuildConfig, threads: int, batches, collect, annotator: Annotator | None,
               stats: dict) -> Annotator | None:
    """One process: the models load once, at the first batch that needs them.

    With an annotator that tags in torch (which releases the GIL), batch k is
    tagged in a second thread while this one extracts batch k-1 and reads and
    prepares batch k+1: the rest of the pipeline runs on the other core.
    """
    import concurrent.futures as cf

    ann, pending = annotator, None
    with cf.ThreadPoolExecutor(max_workers=1) as tagging:
        for batch in batches:
            if ann is None:
                ann = Annotator(cfg.models_dir, threads=threads, tagger=cfg.tagger, remember=cfg.reuse_repeats)
                stats["load_seconds"] = ann.load_seconds
                stats["import_seconds"] = ann.import_seconds
                gc.freeze()  # the model's objects live to the end: keep them out of collections
            prepared = prepare_batch([a for a, _ in batch])
            if not getattr(ann, "concurrent", False):
                collect(batch, extract_batch(prepared, tag_batch(ann, prepared)))
                continue
            tags = tagging.submit(tag_batch, ann, prepared)
            if pending is None:
                _import_exporters()  # their imports overlap the first tagging
            if pending:
                collect(pending[0], extract_batch(pending[1], pending[2].result()))
            pending = (batch, prepared, tags)
        if pending:
            collect(pending[0], extract_batch(pending[1], pending[2].result()))
    return ann


def _import_exporters() -> None:
    import kg.export.graphml  # noqa: F401
    import kg.export.html  # noqa: F401


def _run_pool(cfg: BuildConfig, run: Plan, batches, collect) -> None:
    import concurrent.futures as cf

    task = partial(annotate_and_cache, _worker_factory(cfg, run.threads), str(cfg.cache_root) if cfg.cache else None)
    ctx = pool_context()
    alive, held = ctx.Pipe(duplex=False)  # the workers watch `alive`; only this process holds `held`
    try:
        with cf.ProcessPoolExecutor(max_workers=run.workers, mp_context=ctx, initializer=exit_with_build,
                                    initargs=(alive,)) as pool:
            inflight: dict = {}
            for i, batch in enumerate(batches):
                inflight[pool.submit(task, batch)] = batch
                if i == run.workers:
                    _import_exporters()  # while the workers start
                if len(inflight) >= run.workers * 2:  # bounded: memory stays flat on big inputs
                    done, _ = cf.wait(inflight, return_when=cf.FIRST_COMPLETED)
                    for fut in done:
                        collect(inflight.pop(fut), fut.result(), cached=True)
            for fut in cf.as_completed(list(inflight)):
                collect(inflight.pop(fut), fut.result(), cached=True)
    finally:
        held.close()  # after the pool has shut down: the workers have ended
        alive.close()


def _unique_names(results: list[DocResult]) -> list[DocResult]:
    """Sort by name and source (input order must not matter) and keep doc names unique."""
    results.sort(key=lambda r: (r.doc, r.source))
    seen: dict[str, int] = {}
    for r in results:
        if r.doc in seen:
            seen[r.doc] += 1
            r.doc = f"{r.doc}#{seen[r.doc]}"
        else:
            seen[r.doc] = 1
    return results


def resolve(results: list[DocResult]) -> tuple[list[Entity], dict]:
    resolver = Resolver()
    for res in results:
        resolver.add(res)
    return resolver.entities()


def assemble(results: list[DocResult]) -> tuple[list[Entity], dict, nx.MultiDiGraph]:
    entities, link = resolve(results)
    return entities, link, build_graph(entities, link, results)


@contextlib.contextmanager
def fewer_gc_passes():
    """Collect garbage less often while a build allocates millions of small objects.

    The objects alive at the start (modules, the Stanza model) are frozen out of
    the collector's scans, and the youngest generation waits for 20,000 new
    objects instead of 700: on 1,000 articles this cut the collector's time
    from about 1 s to 0.25 s. Settings are restored afterwards.
    """
    old = gc.get_threshold()
    caller_froze = gc.get_freeze_count() > 0  # then leave the frozen set as the caller wants it
    gc.freeze()
    gc.set_threshold(20_000, old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        if not caller_froze:
            gc.unfreeze()


def build(cfg: BuildConfig, progress=None, annotator: Annotator | None = None,
          step: Callable[[str], None] | None = None) -> BuildResult:
    """`progress(n, words)` after each input; `step(label)` when a corpus-wide step starts."""
    with fewer_gc_passes():
        return _build(cfg, progress, annotator, step or (lambda label: None))


def _build(cfg: BuildConfig, progress, annotator: Annotator | None, step: Callable[[str], None]) -> BuildResult:
    t0 = time.perf_counter()
    results, skipped, stats = process_documents(cfg, progress, annotator)
    results = _unique_names(results)
    skipped.sort(key=lambda s: (s.source, s.reason))
    t1 = time.perf_counter()
    log.info("documents: %d read (%d from the cache, %d tagged, %d repeating another's text), %d skipped "
             "in %.1f s (imports %.1f s, model load %.1f s, Stanza %.1f s)", len(results), stats["cached"],
             stats["processed"], stats["repeats"], len(skipped), t1 - t0, stats["import_seconds"],
             stats["load_seconds"], stats["stanza_seconds"])
    step("resolving entities")
    entities, link = resolve(results)
    t2 = time.perf_counter()
    log.info("resolving: %d entities in %.1f s", len(entities), t2 - t1)
    step("building the graph")
    graph = build_graph(entities, link, results)
    check_build(entities, link, graph, results)
    t3 = time.perf_counter()
    log.info("graph: %d nodes, %d edges in %.1f s", graph.number_of_nodes(), graph.number_of_edges(), t3 - t2)
    stats.update(documents=len(results), skipped=len(skipped), entities=len(entities),
                 quotes=sum(len(r.quotes) for r in results), words=sum(r.words for r in results),
                 seconds_documents=t1 - t0, seconds_graph=t3 - t1)
    return BuildResult(results, entities, link, graph, skipped, stats)


FINGERPRINT = ".kg-build"


def fingerprint(cfg: BuildConfig) -> str:
    """What the outputs depend on: every input's cache key, the skips, and the page options."""
    mver = model_version(cfg.models_dir)
    h = hashlib.sha256(f"{__version__}|{cfg.max_nodes}|{cfg.min_weight}|{cfg.title}".encode())
    h.update(_page_template_hash().encode())  # the page's template is not code the cache key sees
    for item in iter_inputs(cfg.inputs):
        if isinstance(item, Skipped):
            h.update(f"skip|{item.source}|{item.reason}".encode())
        else:
            h.update(f"doc|{item.source}|{doc_key(item.text, item.doc, mver, __version__)}".encode())
            h.update(f"meta|{item.title}|{item.date}|{item.url}".encode())
    return h.hexdigest()


def _page_template_hash() -> str:
    from importlib import resources

    return hashlib.sha256(resources.files("kg.export").joinpath("assets/page.html").read_bytes()).hexdigest()


def up_to_date(cfg: BuildConfig, fp: str) -> bool:
    """True when the outputs in cfg.out were built from exactly these inputs and options."""
    out = Path(cfg.out)
    try:
        return (out / FINGERPRINT).read_text() == fp and all((out / f).is_file() for f in OUTPUT_FILES)
    except OSError:
        return False


def write_outputs(result: BuildResult, cfg: BuildConfig, fp: str | None = None) -> list[Path]:
    t0 = time.perf_counter()
    # every usable core, also when the documents came from the cache and nothing was tagged;
    # --workers N keeps the writing to N processes as well (--workers 1: the build stays on one core)
    run = result.stats.get("run", {})
    processes = (cfg.workers or run.get("cores", 1)) if len(result.docs) >= PARALLEL_WRITE_DOCS else 1
    with fewer_gc_passes():
        paths = _write_outputs(result, cfg, fp, processes)
    log.info("writing: %d files in %.1f s (%d process(es))", len(paths), time.perf_counter() - t0, processes)
    return paths


def _date_range(docs: list[DocResult]) -> dict:
    dates = sorted(r.date for r in docs if r.date)
    return {"first": dates[0], "last": dates[-1]} if dates else {"first": "", "last": ""}


def _write_outputs(result: BuildResult, cfg: BuildConfig, fp: str | None, processes: int) -> list[Path]:
    from kg.export import write_all
    from kg.export.graphml import export_safe, write_gexf, write_graphml
    from kg.export.html import write_html
    from kg.export.jsonl import quote_rows, write_entities, write_mentions, write_quotes, write_report
    from kg.export.sqlite import JSONL_FILES, record_jsonl_sizes, write_metadata, write_sqlite

    g = result.graph
    xml_graph = export_safe(g)  # checked once for both XML formats
    names = result.names
    report = {
        "kg_version": __version__,
        "documents": [{"doc": r.doc, "source": r.source, "title": r.title, "date": r.date, "url": r.url,
                       "words": r.words, "mentions": len(r.mentions), "quotes": len(r.quotes)} for r in result.docs],
        "skipped": [{"source": s.source, "reason": s.reason} for s in result.skipped],
        "counts": {"documents": len(result.docs), "skipped": len(result.skipped),
                   "entities": len(result.entities), "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                   "quotes": sum(len(r.quotes) for r in result.docs),
                   "dated_documents": sum(1 for r in result.docs if r.date)},
        "dates": _date_range(result.docs),
    }
    # the order they start in: the longest first
    writers = {
        "kg.sqlite": lambda p: write_sqlite(p, result.docs, result.entities, result.link, names, g,
                                            quote_rows(result.docs, result.link, names)),
        "mentions.jsonl": lambda p: write_mentions(p, result.docs, result.link, names),
        "quotes.jsonl": lambda p: write_quotes(p, result.docs, result.link, names),
        "entities.jsonl": lambda p: write_entities(p, result.entities),
        "graph.html": lambda p: write_html(g, p, cfg.title, result.docs, result.link, names, cfg.max_nodes, cfg.min_weight),
        "graph.gexf": lambda p: write_gexf(xml_graph, p, safe=True),
        "graph.graphml": lambda p: write_graphml(xml_graph, p, safe=True),
        "report.json": lambda p: write_report(p, report),
        "metadata.json": lambda p: write_metadata(p, cfg.title),
    }
    if result.stats.get("run"):
        writers[RUN_FILE] = lambda p: write_report(p, _run_record(result.stats, cfg))
    if fp:
        writers[FINGERPRINT] = lambda p: p.write_text(fp)  # renamed last: it says the others are complete
    return write_all(Path(cfg.out), writers, processes,
                     finish=lambda stage: record_jsonl_sizes(stage / "kg.sqlite", {f: stage / f for f in JSONL_FILES}))


def _run_record(stats: dict, cfg: BuildConfig) -> dict:
    """run.json: what kg.machine chose and what the build took; not part of the byte-identical outputs.

    The load average (1 minute) at the start and end says how busy the machine was: other
    processes on the same cores slow a build whatever kg chooses.
    """
    return {"kg_version": __version__, "engine": cfg.engine, **stats["run"],
            "documents": {"tagged": stats["processed"], "from_cache": stats["cached"],
                          "repeats": stats["repeats"]},
            "seconds": {k: round(stats[f"seconds_{k}"], 2) for k in ("documents", "graph")},
            "load_average": {"start": stats["load_average_start"], "end": _load_average()}}


def _load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:  # not available on this system
        return None

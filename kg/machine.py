"""What the machine gives this process (cores, memory), and how a build uses it.

`plan()` chooses the number of worker processes and torch threads from the
cores the process may run on (CPU affinity and a cgroup CPU quota, as in a
container), the memory available (the system's and a cgroup limit's) and the
number of documents to tag: every worker loads its own models (up to 650 MB,
1-2 s), so a handful of articles stays in one process.
"""
from __future__ import annotations

import contextlib
import math
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.annotate import default_threads
from kg.read import count_documents

if TYPE_CHECKING:
    from kg.config import BuildConfig

# Memory, from `python -m kg.bench` peaks: a worker (torch, Stanza, the model, a batch) 428-466 MB, and up
# to 192 MB more once the tagger keeps the input products of 32,768 words (kg.tagger); the main process of
# a pool build 118 MB with 1,000 documents, 548 MB with 34,530 (its results and the graph: about 13 KB a
# document). Rounded up, for the page cache and the rest of the machine.
WORKER_MB = 650
MAIN_MB = 300
DOC_KB = 40
DOCS_PER_WORKER = 50  # fewer documents than this per extra worker do not repay its start-up
MAX_THREADS = 4  # as kg.annotate.default_threads: torch gains little beyond this on small matrices

CGROUP = Path("/sys/fs/cgroup")
PROC_CGROUP = Path("/proc/self/cgroup")
MEMINFO = Path("/proc/meminfo")


@dataclass(frozen=True)
class Plan:
    workers: int
    threads: int
    reason: str
    cores: int
    memory_mb: int | None

    def as_dict(self) -> dict:
        return asdict(self)


def usable_cores() -> int:
    """Cores this process may use: its CPU affinity, lowered by a cgroup CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    quota = cgroup_cpu_quota()
    return max(1, min(cores, math.ceil(quota))) if quota else max(1, cores)


def cgroup_cpu_quota() -> float | None:
    """CPUs' worth of time the cgroup allows (cgroup v2 cpu.max or v1 cfs quota), None without a limit."""
    for d in _cgroup_dirs("cpu"):
        text = _read(d / "cpu.max")
        if text:
            quota, _, period = text.partition(" ")
            return int(quota) / int(period) if quota != "max" else None
        quota, period = _read(d / "cpu.cfs_quota_us"), _read(d / "cpu.cfs_period_us")
        if quota and period:
            return int(quota) / int(period) if int(quota) > 0 else None
    return None


def available_memory_mb() -> int | None:
    """Memory that can be allocated without swapping: MemAvailable, lowered by a cgroup limit's room."""
    avail = None
    for line in (_read(MEMINFO) or "").splitlines():
        if line.startswith("MemAvailable:"):
            avail = int(line.split()[1]) // 1024
    room = _cgroup_memory_room_mb()
    if room is not None:
        avail = room if avail is None else min(avail, room)
    return avail


def _cgroup_memory_room_mb() -> int | None:
    for d in _cgroup_dirs("memory"):
        for limit_file, usage_file in (("memory.max", "memory.current"),
                                       ("memory.limit_in_bytes", "memory.usage_in_bytes")):
            limit, usage = _read(d / limit_file), _read(d / usage_file)
            if limit and usage:
                if limit == "max" or int(limit) >= 1 << 60:  # v1 writes "no limit" as a huge number
                    return None
                return max(0, int(limit) - int(usage)) // 2**20
    return None


def _cgroup_dirs(controller: str) -> list[Path]:
    """This process's cgroup folders for a controller (v1 and v2), most specific first.

    In a container /proc/self/cgroup may name a path outside the mounted
    hierarchy, so the hierarchy's root is tried too.
    """
    dirs = []
    for line in (_read(PROC_CGROUP) or "").splitlines():
        _, controllers, path = line.split(":", 2)
        if controllers == "":  # v2
            dirs.append(CGROUP / path.lstrip("/"))
        elif controller in controllers.split(","):
            dirs.append(CGROUP / controllers / path.lstrip("/"))
            dirs.append(CGROUP / controllers)
    return [*dict.fromkeys([*dirs, CGROUP])]


def _read(p: Path) -> str | None:
    try:
        return p.read_text().strip()
    except (OSError, ValueError):
        return None


def plan(to_tag: int, corpus: int = 0, workers: int | None = None, threads: int | None = None,
         cores: int | None = None, memory_mb: int | None = None, tagger: str = "fast") -> Plan:
    """Workers and torch threads per worker for `to_tag` documents to tag (of `corpus` in all).

    Given `workers` and `threads` are kept. Otherwise one worker per core,
    fewer when the documents are too few to repay a worker's start-up or the
    memory too small for another copy of the models beside the main process
    (which holds every document's results); cores left over go to each
    worker's torch threads. One process tags in a second thread while its main
    thread prepares and extracts, so alone it gives torch all cores but one.
    """
    cores = cores or usable_cores()
    if workers:
        reason = "--workers given"
    else:
        by_docs = max(1, to_tag // DOCS_PER_WORKER)
        by_memory = workers_in_memory(memory_mb, max(corpus, to_tag))
        workers = max(1, min(cores, by_docs, by_memory))
        memory = (f"{memory_mb:,} MB available, room for {by_memory} of {WORKER_MB} MB"
                  if memory_mb is not None else "memory unknown")
        # the caller reads ahead only as far as the cores could take: past that, "at least"
        tagging = f"{to_tag:,}" if corpus <= to_tag else f"at least {to_tag:,} of {corpus:,}"
        reason = f"{cores} usable cores; {tagging} documents to tag, a worker per {DOCS_PER_WORKER}; {memory}"
    if not threads:
        threads = default_threads(tagger, cores) if workers == 1 else max(1, min(MAX_THREADS, cores // workers))
    return Plan(workers, threads, reason, cores, memory_mb)


def workers_in_memory(memory_mb: int | None, corpus: int) -> int:
    """How many workers fit beside the main process and its results (at least one)."""
    if memory_mb is None:
        return 1 << 10
    main = MAIN_MB + corpus * DOC_KB // 1024
    return max(1, (memory_mb - main) // WORKER_MB)


def start_workers_early(cfg: "BuildConfig") -> None:
    """Start the workers' fork server now if this build will take a worker pool.

    Importing torch and Stanza takes the server 3-4 s of one core, which this
    process can spend reading the inputs instead of waiting after them. Without
    --workers, a pool is likely for a first build of 100 documents or more; a
    rebuild waits for kg.pipeline's plan, as its cache may hold every document.
    """
    if cfg.engine != "local" or usable_cores() < 2 or cfg.workers == 1:
        return
    if not cfg.workers:
        if cfg.cache and cfg.cache_root.is_dir() and any(cfg.cache_root.iterdir()):
            return
        if count_documents(cfg.inputs, at_least=2 * DOCS_PER_WORKER) < 2 * DOCS_PER_WORKER:
            return
    if pool_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()  # idempotent: the pool connects to the same server


def exit_with_build(alive) -> None:
    """A worker's initializer: exit when the build process dies, even by SIGKILL or the OOM killer.

    A worker forked from the fork server is not the build's child, and it waits
    for work on a queue whose write end it holds itself, so nothing else would
    end it: it would sleep on, holding its model. `alive` is the read end of a
    pipe whose only write end the build holds; a thread waits on it and ends the
    worker at end-of-file.
    """
    import threading

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            alive.recv_bytes()
        os._exit(1)

    threading.Thread(target=watch, name="kg-build-watch", daemon=True).start()


def pool_context():
    """Workers forked from a fork server that imported torch and kg once (kg.preload), else spawned.

    Not plain fork: this process may have started threads, and torch's thread
    pools do not survive a fork. The fork server is a fresh single-threaded process.
    """
    import multiprocessing as mp

    if "forkserver" not in mp.get_all_start_methods():  # Windows
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["kg.preload"])
    return ctx

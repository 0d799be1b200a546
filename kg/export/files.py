"""Atomic output: stage all files, then replace the old ones in one short step."""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_all(out: Path, writers: dict[str, Callable[[Path], None]], processes: int = 1,
              needs: dict[str, tuple[str, ...]] | None = None) -> list[Path]:
    """Call each writer on a staging path, then move every staged file into `out`.

    Writers start in the order given (put the longest first), except that a
    writer named in `needs` waits for the writers whose staged files it reads
    (kg.sqlite records the sizes of the JSONL files). With `processes` > 1 the
    writers run in that many forked processes (they are Python-bound, so
    threads would take turns). If a writer fails (disk full, bad data) nothing
    in `out` changes. Ctrl-C is held back for the few renames at the end, in
    the order given, so the outputs are either all old or all new.
    """
    needs = needs or {}
    out.mkdir(parents=True, exist_ok=True)
    order = _start_order(list(writers), needs)  # also refuses needs that can never be met
    stage = Path(tempfile.mkdtemp(prefix=".kg-staging-", dir=out))
    try:
        if processes > 1 and len(writers) > 1 and "fork" in mp.get_all_start_methods():
            _write_forked(stage, writers, min(processes, len(writers)), needs)
        else:
            for name in order:
                writers[name](stage / name)
        with _no_interrupt():
            for name in writers:
                os.replace(stage / name, out / name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [out / n for n in writers]


def _start_order(names: list[str], needs: dict[str, tuple[str, ...]]) -> list[str]:
    """The order one process writes in: as given, each writer after those it needs."""
    unknown = {n for deps in needs.values() for n in deps} - set(names)
    if unknown:
        raise ValueError(f"writers needed but not given: {sorted(unknown)}")
    waiting, order = list(names), []
    while waiting:
        name = _next_ready(waiting, needs, set(order))
        if name is None:
            raise ValueError(f"writers that wait for each other: {waiting}")
        order.append(name)
    return order


def _next_ready(waiting: list[str], needs: dict[str, tuple[str, ...]], finished: set[str]) -> str | None:
    """The first waiting writer whose needs have all finished, taken off `waiting`; None if none is."""
    for name in waiting:
        if set(needs.get(name, ())) <= finished:
            waiting.remove(name)
            return name
    return None


_WRITERS: dict[str, Callable[[Path], None]] = {}  # what forked writer processes inherit


def _write_forked(stage: Path, writers: dict[str, Callable[[Path], None]], processes: int,
                  needs: dict[str, tuple[str, ...]]) -> None:
    """Each writer in a forked copy of this process: the data is inherited, not pickled.

    The writers are closures, which cannot be pickled: the processes find them
    by name in a module global set before the fork. A writer is handed out
    only when a process is free, so one whose needs finish early does not
    queue behind the others. Errors come back pickled and are raised here.
    """
    import concurrent.futures as cf

    _WRITERS.update(writers)
    try:
        ctx = mp.get_context("fork")
        with cf.ProcessPoolExecutor(processes, mp_context=ctx, initializer=gc.disable) as pool:
            # gc off in the short-lived copies: a collection would touch, and so copy, every shared page
            waiting, finished, running = list(writers), set(), {}
            while waiting or running:
                while len(running) < processes and (name := _next_ready(waiting, needs, finished)):
                    running[pool.submit(_write_one, stage, name)] = name
                done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for fut in done:
                    fut.result()
                    finished.add(running.pop(fut))
    finally:
        _WRITERS.clear()


def _write_one(stage: Path, name: str) -> None:
    _WRITERS[name](stage / name)


class _no_interrupt:
    def __enter__(self):
        self._pending = None
        try:
            self._old = signal.signal(signal.SIGINT, self._hold)
            self._old_term = signal.signal(signal.SIGTERM, self._hold)
        except ValueError:  # not in the main thread: signals cannot be held
            self._old = None
        return self

    def _hold(self, signum, frame):
        self._pending = signum

    def __exit__(self, *exc):
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)
            signal.signal(signal.SIGTERM, self._old_term)
        if self._pending == signal.SIGINT:
            raise KeyboardInterrupt
        if self._pending is not None:
            os.kill(os.getpid(), self._pending)
        return False

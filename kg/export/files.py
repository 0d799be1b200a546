"""Atomic output: stage all files, then replace the old ones in one short step."""
from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing as mp
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_all(out: Path, writers: dict[str, Callable[[Path], None]], processes: int = 1,
              finish: Callable[[Path], None] | None = None) -> list[Path]:
    """Call each writer on a staging path, then move every staged file into `out`.

    Writers start in the order given (put the longest first). With
    `processes` > 1 they run in that many forked processes (they are
    Python-bound, so threads would take turns). `finish(staging folder)` runs
    here once every file is staged, before any is moved (kg.sqlite records the
    sizes of the JSONL files beside it). If a writer fails (disk full, bad
    data) nothing in `out` changes. Ctrl-C is held back for the few renames at
    the end, in the order given, so the outputs are either all old or all new.
    """
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".kg-staging-", dir=out))
    try:
        if processes > 1 and len(writers) > 1 and "fork" in mp.get_all_start_methods():
            _write_forked(stage, writers, min(processes, len(writers)))
        else:
            for name, write in writers.items():
                write(stage / name)
        if finish:
            finish(stage)
        with _no_interrupt():
            for name in writers:
                os.replace(stage / name, out / name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [out / n for n in writers]


_WRITERS: dict[str, Callable[[Path], None]] = {}  # what forked writer processes inherit


def _write_forked(stage: Path, writers: dict[str, Callable[[Path], None]], processes: int) -> None:
    """Each writer in a forked copy of this process: the data is inherited, not pickled.

    The writers are closures, which cannot be pickled: the processes find them
    by name in a module global set before the fork. A free process takes the
    next writer in order. Errors come back pickled and are raised here.
    """
    import concurrent.futures as cf

    _WRITERS.update(writers)
    try:
        ctx = mp.get_context("fork")
        with cf.ProcessPoolExecutor(processes, mp_context=ctx, initializer=_start_writer,
                                    initargs=(os.getpid(),)) as pool:
            for fut in [pool.submit(_write_one, stage, name) for name in writers]:
                fut.result()
    finally:
        _WRITERS.clear()


def _start_writer(parent: int) -> None:
    """In each forked writer: no garbage collection (a collection would touch, and so copy, every
    shared page), and no life after the build process, even one killed by SIGKILL or the OOM killer.

    A writer waits for work on the pool's queue, whose write end it holds
    itself, so it would never see its parent go and would sleep on as an
    orphan holding its copy of the build. Linux kills it when the parent
    dies (PR_SET_PDEATHSIG); other systems have no such request.
    """
    gc.disable()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


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

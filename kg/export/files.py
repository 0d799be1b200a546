"""Atomic output: stage all files, then replace the old ones in one short step."""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_all(out: Path, writers: dict[str, Callable[[Path], None]],
              then: dict[str, Callable[[Path], None]] | None = None) -> list[Path]:
    """Call each writer on a staging path, then move every staged file into `out`.

    The writers in `then` run after all of `writers`, so they may read the
    files those staged (kg.sqlite records their sizes). If a writer fails
    (disk full, bad data) nothing in `out` changes. Ctrl-C is held back for
    the few renames at the end, so the outputs are either all old or all new.
    """
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".kg-staging-", dir=out))
    names = [*writers, *(then or {})]
    try:
        for name, write in writers.items():
            write(stage / name)
        for name, write in (then or {}).items():
            write(stage / name)
        with _no_interrupt():
            for name in names:
                os.replace(stage / name, out / name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [out / n for n in names]


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

"""What the worker pool's fork server imports once, before it forks the workers.

With the "forkserver" start method every worker starts as a copy of a
process that already imported torch, Stanza and kg's pipeline: 3–4 s of CPU
saved per worker (each spawned worker imported them all again), and those
pages are shared between the workers instead of copied. No model is loaded
here: each worker loads its own, with the torch threads it was given.
"""
import atexit
import os

from kg.annotate import import_runtime
from kg import process  # noqa: F401  (the per-document steps and their data files)

import_runtime()
# The server ends when the build does; freeing torch's modules one by one would keep a core busy
# for about 1 s after it (and a pipe on the build's output open). Its workers end with os._exit too.
atexit.register(os._exit, 0)

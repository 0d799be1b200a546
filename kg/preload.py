"""What the worker pool's fork server imports once, before it forks the workers.

With the "forkserver" start method every worker starts as a copy of a
process that already imported torch, Stanza and kg's pipeline: 3–4 s of CPU
saved per worker (each spawned worker imported them all again), and those
pages are shared between the workers instead of copied. No model is loaded
here: each worker loads its own, with the torch threads it was given.
"""
from kg.annotate import import_runtime
from kg import process  # noqa: F401  (the per-document steps and their data files)

import_runtime()

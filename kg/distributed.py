"""Run the per-document step on a Dask cluster (`kg build --engine dask`).

Each task tags and extracts one batch of articles and returns small
DocResults; the merge into one graph happens here, as in a local build. With
no scheduler address a LocalCluster of `--workers` processes is started;
`--scheduler tcp://host:8786` uses an existing cluster whose workers have kg
installed (the models ship inside the package).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.config import BuildConfig


def run_dask(cfg: BuildConfig, batches: Iterable[list], collect: Callable, task: Callable[[list], list],
             in_process: bool = False) -> None:
    """Run `task(articles)` for every batch on the cluster and `collect(batch, results)` here.

    The caller passes the task (picklable, unless `in_process`: then the local
    cluster runs threads in this process, sharing objects such as an annotator
    already loaded), so this module needs nothing from kg.pipeline.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if cfg.scheduler:
        client = Client(cfg.scheduler)
    else:
        cluster = LocalCluster(n_workers=cfg.workers, threads_per_worker=1, processes=not in_process,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        pending = as_completed()
        inflight: dict = {}
        for batch in batches:
            fut = client.submit(task, [a for a, _ in batch], pure=False)
            inflight[fut.key] = batch
            pending.add(fut)
            if len(inflight) >= max(2, cfg.workers * 2):  # bounded memory on big inputs
                done = next(pending)
                collect(inflight.pop(done.key), done.result())
        for done in pending:
            collect(inflight.pop(done.key), done.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

"""All build options in one validated object, built once by the CLI."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TAGGERS = ("fast", "stanza")  # kg.tagger's FastTagger, or stanza.Pipeline: the same tags


@dataclass(frozen=True)
class BuildConfig:
    inputs: tuple[str, ...] = ("seeds",)
    out: Path = Path("output")
    models_dir: Path | None = None
    batch_docs: int = 32  # documents per Stanza call
    threads: int | None = None  # torch threads per process; None: kg.machine.plan chooses
    workers: int | None = None  # worker processes; None: kg.machine.plan chooses
    engine: str = "local"  # "local" | "dask"
    scheduler: str | None = None  # dask scheduler address
    tagger: str = "fast"  # "fast" (kg.tagger) | "stanza" (stanza.Pipeline): the same tags
    cache: bool = True
    # a text met again in the build (the same article twice, a repeated sentence) is analysed once;
    # kg.bench --copies turns this off so that N copies of a corpus stand for N times as many articles
    reuse_repeats: bool = True
    cache_dir: Path | None = None
    max_nodes: int = 300  # on the page; the GraphML keeps everything
    min_weight: int = 1
    title: str = "kg: who is in the news"

    def __post_init__(self):
        if self.batch_docs < 1 or (self.workers is not None and self.workers < 1):
            raise ValueError("batch size and workers must be at least 1")
        if self.threads is not None and self.threads < 1:
            raise ValueError("threads must be at least 1")
        if self.engine not in {"local", "dask"}:
            raise ValueError(f"unknown engine {self.engine!r}: use 'local' or 'dask'")
        if self.tagger not in TAGGERS:
            raise ValueError(f"unknown tagger {self.tagger!r}: use 'fast' or 'stanza'")
        if self.max_nodes < 1 or self.min_weight < 1:
            raise ValueError("--max-nodes and --min-weight must be at least 1")

    @property
    def cache_root(self) -> Path:
        return Path(self.cache_dir) if self.cache_dir else Path(self.out) / ".kg-cache"

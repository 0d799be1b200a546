"""The `kg` command: build, eval, train. Parses options, calls the library, prints.

Exit codes: 0 success; 1 no input document could be processed; 2 usage
error; 3 the output folder cannot be written; 4 the models are missing.
"""
from __future__ import annotations

import json
import logging
import sys
import time
import webbrowser
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Indonesian news in, a knowledge graph of who is in the news and who said what out.")
train_app = typer.Typer(no_args_is_help=True, help="Reproduce the shipped Stanza models from the corpora.")
app.add_typer(train_app, name="train")
err = Console(stderr=True)
out = Console()


def _setup_logging(verbose: bool, engine: str = "local") -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if engine == "dask":
        try:
            import distributed  # noqa: F401 - it sets up its own log handlers on import; quiet them after
        except ImportError:
            pass
    for name in ("distributed", "stanza"):  # chatty at INFO; kg reports what matters itself
        logging.getLogger(name).setLevel(logging.INFO if verbose else logging.WARNING)


@app.command()
def build(
    inputs: list[Path] = typer.Argument(None, help="Article files (.txt, .jsonl) and/or folders. Default: seeds/"),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="Output folder."),
    open_page: bool = typer.Option(False, "--open", help="Open graph.html in the browser when done."),
    max_nodes: int = typer.Option(300, help="Most-mentioned entities drawn on the page (GraphML keeps all)."),
    min_weight: int = typer.Option(1, help="Hide page links with a smaller weight."),
    workers: int = typer.Option(1, help="Worker processes, each with its own models."),
    threads: Optional[int] = typer.Option(None, help="Torch threads per process (default: all cores but one, max 4; all cores with --tagger stanza)."),
    batch: int = typer.Option(32, help="Documents per Stanza call."),
    tagger: str = typer.Option("fast", help="'fast' (kg's own batching of the Stanza model) or 'stanza' "
                                            "(stanza.Pipeline, for comparison): the same tags."),
    engine: str = typer.Option("local", help="'local' or 'dask' (needs the optional dask dependencies)."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached per-document results."),
    models: Optional[Path] = typer.Option(None, help="Folder with ner/ner.pt and ner/pretrain.pt (default: the shipped models)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    verbose: bool = typer.Option(False, "--verbose", "-v"),
) -> None:
    """Build the knowledge graph from a folder of articles."""
    from kg.annotate import ModelsMissingError
    from kg.config import BuildConfig
    from kg.pipeline import build as run_build
    from kg.pipeline import write_outputs

    _setup_logging(verbose, engine)
    try:
        cfg = BuildConfig(inputs=tuple(str(p) for p in (inputs or [Path("seeds")])), out=out_dir,
                          models_dir=models, batch_docs=batch, threads=threads, workers=workers,
                          engine=engine, scheduler=scheduler, tagger=tagger, cache=not no_cache,
                          max_nodes=max_nodes, min_weight=min_weight)
    except ValueError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    if not _writable(out_dir):
        err.print(f"[red]error:[/red] cannot write to the output folder {out_dir}")
        raise typer.Exit(3)
    t0 = time.perf_counter()
    from kg.pipeline import fingerprint, up_to_date

    fp = fingerprint(cfg) if cfg.cache else None
    if fp and up_to_date(cfg, fp):
        out.print(f"{out_dir} is up to date: same inputs, models and options "
                  f"({time.perf_counter() - t0:.1f} s; --no-cache rebuilds)", highlight=False)
        if open_page:
            webbrowser.open((out_dir / "graph.html").resolve().as_uri())
        return
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[words]} words"), TimeElapsedColumn(),
                      console=err, disable=quiet or not err.is_terminal, transient=True) as bar:
            task = bar.add_task("documents", total=None, words=0)

            def progress(n: int, words: int) -> None:
                bar.update(task, advance=n, words=bar.tasks[0].fields["words"] + words)

            result = run_build(cfg, progress)
    except ModelsMissingError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(4)
    for s in result.skipped:
        err.print(f"skipped {s.source}: {s.reason}", markup=False, highlight=False)
    if not result.docs:
        err.print("[red]error:[/red] no document could be processed"
                  + (" (see the reasons above)" if result.skipped else f" (no .txt or .jsonl files in {', '.join(cfg.inputs)})"))
        raise typer.Exit(1)
    try:
        write_outputs(result, cfg, fp)
    except OSError as e:
        err.print(f"[red]error:[/red] cannot write outputs to {out_dir}: {e.strerror or e}")
        raise typer.Exit(3)
    s = result.stats
    out.print(f"{s['documents']} documents, {s['entities']} entities, {s['quotes']} quotes, "
              f"{len(result.skipped)} skipped, {time.perf_counter() - t0:.1f} s → {out_dir}/graph.html",
              highlight=False)
    if open_page:
        webbrowser.open((out_dir / "graph.html").resolve().as_uri())


def _writable(d: Path) -> bool:
    try:
        d.mkdir(parents=True, exist_ok=True)
        probe = d / ".kg-write-test"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Option(..., help="Folder of gold <doc>.json files."),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="The build to score."),
    as_json: bool = typer.Option(False, "--json", help="Print scores and misses as JSON."),
    show_misses: bool = typer.Option(True, "--misses/--no-misses", help="List what was missed and why."),
) -> None:
    """Score a build against gold entities and quotes."""
    from kg.evaluate import run

    if not (out_dir / "mentions.jsonl").exists():
        err.print(f"[red]error:[/red] no build in {out_dir}: run `kg build --out {out_dir}` first")
        raise typer.Exit(2)
    try:
        report = run(gold, out_dir)
    except FileNotFoundError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    sc = report["scores"]
    e = sc["entities"]
    out.print(f"entities        P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  "
              f"type accuracy {e['type_accuracy']:.3f}  ({e['predicted']} predicted, {e['gold']} gold)", highlight=False)
    for kind in ("direct", "indirect"):
        q = sc[f"{kind}_quotes"]
        out.print(f"{kind + ' quotes':<15} P {q['precision']:.3f}  R {q['recall']:.3f}  F1 {q['f1']:.3f}  "
                  f"speaker accuracy {q['speaker_accuracy']:.3f}  ({q['predicted']} predicted, {q['gold']} gold)",
                  highlight=False)
    if show_misses:
        for kind, items in report["misses"].items():
            out.print(f"\n{kind.replace('_', ' ')} ({len(items)}):", highlight=False)
            for it in items:
                out.print(f"  {it}", markup=False, highlight=False)


@train_app.command("ner")
def train_ner(
    corpora: Path = typer.Option(..., help="The corpora folder (shared/corpora)."),
    out_dir: Path = typer.Option(..., "--out", help="Where to write ner.pt, pretrain.pt and scores.json."),
    max_steps: int = typer.Option(20000, help="Training steps (the best dev checkpoint is kept)."),
    time_limit: Optional[float] = typer.Option(None, "--time-limit-min", help="Stop training after this many minutes."),
    vectors: Optional[Path] = typer.Option(None, help="A pretrain.pt to reuse (default: train word2vec first)."),
) -> None:
    """Train the Indonesian NER model (and its word vectors) with Stanza's trainer.

    The shipped model: --max-steps 20000 --time-limit-min 88 (see kg/models/README.md)."""
    from kg.train import ner

    scores = ner.run(corpora, out_dir, max_steps=max_steps, time_limit_min=time_limit, vectors=vectors)
    print(json.dumps(scores, indent=2))


@train_app.command("tokenizer")
def train_tokenizer(
    corpora: Path = typer.Option(..., help="The corpora folder (shared/corpora)."),
    out_dir: Path = typer.Option(..., "--out", help="Where to write tokenizer.pt (and mwt.pt) and scores.json."),
    max_steps: int = typer.Option(6000, help="Training steps."),
) -> None:
    """Train the Indonesian tokenizer (and MWT expander) with Stanza's trainer."""
    from kg.train import tokenizer

    scores = tokenizer.run(corpora, out_dir, max_steps=max_steps)
    print(json.dumps(scores, indent=2))


def main() -> None:  # pragma: no cover
    app(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

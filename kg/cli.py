"""The `kg` command: build, eval, quotes, entity, train. Parses options, calls the library, prints.

Exit codes: 0 success; 1 no input document could be processed (`kg quotes`
and `kg entity`: the name matches no entity, or several: the candidates are listed); 2 usage error (or no build to
query); 3 the output folder cannot be written; 4 the models are missing;
5 the build failed its own consistency check (a bug in kg; nothing is written).
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
import webbrowser
from pathlib import Path
from typing import Optional

import typer
import typer.core
from rich.console import Console
from rich.markup import escape
from rich.text import Text
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from kg.read import SUPPORTED

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Indonesian news in, a knowledge graph of who is in the news and who said what out.")
train_app = typer.Typer(no_args_is_help=True, help="Reproduce the shipped Stanza models from the corpora.")
app.add_typer(train_app, name="train")
# soft_wrap: lines are never cut at the terminal width, so a log or a pipe gets
# the summary (and the output path at its end) on one line
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


class _StderrHandler(logging.StreamHandler):
    """Writes to the current sys.stderr, so the progress bar can show log lines above itself."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _):
        pass


def _setup_logging(verbose: bool, engine: str = "local") -> None:
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler], force=True)
    if engine == "dask":
        try:
            import distributed  # noqa: F401 - it sets up its own log handlers on import; quiet them after
        except ImportError:
            pass
    for name in ("distributed", "stanza"):  # chatty at INFO; kg reports what matters itself
        logging.getLogger(name).setLevel(logging.INFO if verbose else logging.WARNING)


class _Command(typer.core.TyperCommand):
    """Help that reads like the README: options show their metavar (`--out DIR`),
    flags nothing, and an argument its name without a `<list[Path]>` type."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for p in self.params:
            if isinstance(p, typer.core.TyperArgument) and p.metavar:
                p.display_type_rich = lambda ctx: None


@app.command(cls=_Command)
def build(
    inputs: list[Path] = typer.Argument(None, metavar="INPUT", show_default=False,
                                        help=f"Article files and/or folders (walked for {SUPPORTED}). Default: seeds/"),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="Output folder.", metavar="DIR"),
    open_page: bool = typer.Option(False, "--open", help="Open graph.html in the browser when done.", metavar=""),
    max_nodes: int = typer.Option(300, help="Most-mentioned entities drawn in the page's overview (its search reaches all; GraphML keeps all).", metavar="N"),
    min_weight: int = typer.Option(1, help="Hide page links with a smaller weight.", metavar="W"),
    workers: Optional[int] = typer.Option(None, help="Worker processes, each with its own models (default: one per usable core, fewer for small corpora or little memory; -v says why).", metavar="N"),
    threads: Optional[int] = typer.Option(None, help="Torch threads per process (default: the cores left over by the workers, max 4; one process alone: all cores but one).", metavar="T"),
    batch: int = typer.Option(32, help="Documents per Stanza call.", metavar="B"),
    tagger: str = typer.Option("fast", help="'fast' (kg's own batching of the Stanza model) or 'stanza' "
                                            "(stanza.Pipeline, for comparison): the same tags.", metavar="fast|stanza"),
    engine: str = typer.Option("local", help="'local' or 'dask' (needs the optional dask dependencies).", metavar="local|dask"),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster).", metavar="ADDRESS"),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached per-document results.", metavar=""),
    models: Optional[Path] = typer.Option(None, help="Folder with ner/ner.pt and ner/pretrain.pt (default: the shipped models).", metavar="DIR"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar.", metavar=""),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each step's timings and the cache use.", metavar=""),
) -> None:
    """Build the knowledge graph from article files and folders."""
    from kg.annotate import ModelsMissingError
    from kg.config import BuildConfig

    _setup_logging(verbose, engine)
    try:
        cfg = BuildConfig(inputs=tuple(str(p) for p in (inputs or [Path("seeds")])), out=out_dir,
                          models_dir=models, batch_docs=batch, threads=threads, workers=workers,
                          engine=engine, scheduler=scheduler, tagger=tagger, cache=not no_cache,
                          max_nodes=max_nodes, min_weight=min_weight)
    except ValueError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    problem = _output_problem(out_dir)
    if problem:
        err.print(f"[red]error:[/red] {escape(problem)}", highlight=False)
        raise typer.Exit(3)
    t0 = time.perf_counter()
    from kg.machine import start_workers_early

    start_workers_early(cfg)  # a first build's workers import torch while this process imports and reads
    from kg.check import InconsistentBuild
    from kg.pipeline import build as run_build, fingerprint, up_to_date

    fp = fingerprint(cfg) if cfg.cache else None
    if fp and up_to_date(cfg, fp):
        out.print(f"{out_dir} is up to date: same inputs, models and options "
                  f"({time.perf_counter() - t0:.1f} s; --no-cache rebuilds) → {out_dir / 'graph.html'}", highlight=False)
        if open_page:
            _open_page(out_dir / "graph.html")
        return
    try:
        with _progress_bar(cfg, quiet) as (progress, step):
            result = run_build(cfg, progress, step=step)
            _report_skipped(result, cfg)
            step("writing outputs")
            _write(result, cfg, fp)
    except ModelsMissingError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(4)
    except InconsistentBuild as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(5)
    s = result.stats
    out.print(f"{_count(s['documents'], 'document')}, {_count(s['entities'], 'entity', 'entities')}, "
              f"{_count(s['quotes'], 'quote')}, {len(result.skipped)} skipped, "
              f"{time.perf_counter() - t0:.1f} s → {out_dir / 'graph.html'}", highlight=False)
    if open_page:
        _open_page(out_dir / "graph.html")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _write(result, cfg, fp) -> None:
    from kg.pipeline import write_outputs

    try:
        write_outputs(result, cfg, fp)
    except OSError as e:
        err.print(f"[red]error:[/red] cannot write outputs to {cfg.out}: {e.strerror or e}")
        raise typer.Exit(3)


def _report_skipped(result, cfg) -> None:
    """List skipped inputs; exit 1 when no document is left."""
    for s in result.skipped:
        err.print(f"skipped {s.source}: {s.reason}", markup=False, highlight=False)
    if not result.docs:
        err.print("[red]error:[/red] no document could be processed"
                  + (" (see the reasons above)" if result.skipped
                     else f" (no {SUPPORTED} files in {', '.join(cfg.inputs)})"))
        raise typer.Exit(1)


class _progress_bar:
    """A bar over the listed inputs on a terminal (percentage, words/s, time left), then
    the corpus-wide steps by name; nothing when quiet or when stderr is not a terminal.
    Yields the `progress(n, words)` and `step(label)` callbacks for the build."""

    def __init__(self, cfg, quiet: bool):
        self.cfg, self.enabled = cfg, not quiet and err.is_terminal

    def __enter__(self):
        if not self.enabled:
            return (lambda n, words: None), (lambda label: None)
        from kg.read import count_documents

        total = count_documents(self.cfg.inputs)
        self.bar = Progress(*_bar_columns(err.size.width, total), console=err, transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task("documents", total=total, rate="", words=0, left="-:--:--")
        self.t0 = time.perf_counter()
        return self.progress, self.step

    def progress(self, n: int, words: int) -> None:
        # rates over the whole run: documents arrive in batches, which fools rich's
        # own estimate (made from the last few updates) into "2 seconds left"
        task = self.bar.tasks[0]
        elapsed = max(time.perf_counter() - self.t0, 1e-6)
        total_words, done = task.fields["words"] + words, task.completed + n
        left = int((task.total - done) * elapsed / done) if done and task.total else None
        self.bar.update(self.task, advance=n, words=total_words, rate=f"{total_words / elapsed:,.0f} words/s",
                        left="-:--:--" if left is None else f"{left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}")

    def step(self, label: str) -> None:
        self.bar.update(self.task, description=label, completed=self.bar.tasks[0].total)

    def __exit__(self, *exc):
        if self.enabled:
            self.bar.__exit__(*exc)
        return False


def _bar_columns(width: int, total: int) -> list:
    """The progress bar's columns, fitted to the terminal: the elapsed time, then the rate, give way
    before the bar gets shorter than 10 characters; nothing is ever cut."""
    from rich.table import Column

    def text(fmt: str, chars: int):
        return TextColumn(fmt, table_column=Column(no_wrap=True, width=chars)), chars

    digits = len(str(total))
    fixed = [text("{task.description:<18}", 18), (TaskProgressColumn(table_column=Column(no_wrap=True, width=4)), 4),
             (MofNCompleteColumn(table_column=Column(no_wrap=True, width=2 * digits + 1)), 2 * digits + 1)]
    optional = [text("{task.fields[rate]}", 16),
                (TimeElapsedColumn(table_column=Column(no_wrap=True, width=7)), 7),
                text("elapsed, {task.fields[left]} left", 21)]
    left = text("{task.fields[left]} left", 12)
    for keep in (optional, [optional[0], left], [left]):
        used = sum(w + 1 for _, w in fixed + keep) + 1
        if width - used >= 10 or keep == [left]:
            bar = BarColumn(bar_width=max(10, min(40, width - used)))
            cols = [c for c, _ in fixed[:1]] + [bar] + [c for c, _ in fixed[1:] + keep]
            return cols
    return []  # not reached


def _open_page(page: Path) -> None:
    """Open the page in a browser, or say where it is when there is none."""
    try:
        opened = webbrowser.open(page.resolve().as_uri())
    except webbrowser.Error:
        opened = False
    if not opened:
        err.print(f"no browser found: the page is {page.resolve()}", markup=False, highlight=False)


def _output_problem(d: Path) -> str | None:
    """Why the output folder cannot be used, or None. Nothing is created: the
    folder is made only when there are outputs to write."""
    if d.exists() and not d.is_dir():
        return f"--out {d} is a file, not a folder: give a folder for the outputs"
    existing = d
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"cannot write to the output folder {d}: {existing} is a file"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"cannot write to the output folder {d}: {existing} is not writable"
    return None


@app.command("eval", cls=_Command)
def eval_cmd(
    gold: Path = typer.Option(..., help="Folder of gold <doc>.json files.", metavar="DIR"),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="The build to score.", metavar="DIR"),
    as_json: bool = typer.Option(False, "--json", help="Print scores and misses as JSON.", metavar=""),
    show_misses: bool = typer.Option(True, "--misses/--no-misses", help="List what was missed and why.", metavar=""),
) -> None:
    """Score a build against gold entities and quotes."""
    from kg.evaluate import run

    if not gold.is_dir():
        err.print(f"[red]error:[/red] the gold folder {escape(str(gold))} does not exist"
                  + (" (it is a file)" if gold.exists() else "")
                  + ": gold files are hand annotations, one <document>.json per article; "
                    "the README's 'Scoring against gold' section says where they come from and how to write them",
                  highlight=False)
        raise typer.Exit(2)
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


def _open_build(out_dir: Path):
    from kg.query import Build, NoBuild

    try:
        return Build(out_dir)
    except NoBuild as e:
        err.print(f"[red]error:[/red] {e}", highlight=False)
        raise typer.Exit(2)


def _unknown(e) -> None:
    hint = f"; closest: {', '.join(e.suggestions)}" if e.suggestions else ""
    err.print(f"[red]error:[/red] no entity is called {e.name!r}{hint}", highlight=False)
    raise typer.Exit(1)


def _ambiguous(e, option: str) -> None:
    """Several entities were seen under the name: list them, for the user to pick one by its id."""
    err.print(f"[red]error:[/red] {len(e.candidates)} entities were seen under {escape(repr(e.name))}; "
              f"give one by its id ({option} {escape(e.candidates[0]['id'])}):", highlight=False)
    for c in e.candidates:
        err.print(f"  {c['id']:<32} {c['name']} ({c['type']}, {_count(c['mentions'], 'mention')}, {_count(c['quotes'], 'quote')})",
                  markup=False, highlight=False)
    raise typer.Exit(1)


def _matched(b, option: str, name: str | None) -> None:
    """Say which entity a name matched (on stderr: stdout stays the rows)."""
    if name:
        eid = b.resolve(name)
        err.print(f"{option} {name}: {b.entities[eid]['name']} ({eid})", markup=False, highlight=False)


@app.command("quotes", cls=_Command)
def quotes_cmd(
    speaker: Optional[str] = typer.Option(None, help="Quotes by this entity (any of its names, any case).", metavar="NAME"),
    about: Optional[str] = typer.Option(None, help="Quotes by others that name this entity.", metavar="NAME"),
    kind: Optional[str] = typer.Option(None, help="direct or indirect.", metavar="direct|indirect"),
    since: Optional[str] = typer.Option(None, help="Published on or after this day (YYYY-MM-DD); drops undated quotes.", metavar="DATE"),
    until: Optional[str] = typer.Option(None, help="Published on or before this day; drops undated quotes.", metavar="DATE"),
    doc: Optional[str] = typer.Option(None, help="Documents whose name or title contains this.", metavar="TEXT"),
    search: Optional[str] = typer.Option(None, help='Quotes whose text matches these words (full-text: "a phrase", OR, NOT, prefix*).', metavar="WORDS"),
    fmt: Optional[str] = typer.Option(None, "--format", help="table, jsonl or csv (default: table on a terminal, else jsonl).", metavar="table|jsonl|csv"),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="The build to read.", metavar="DIR"),
) -> None:
    """Who said what, about whom, when: quotes from a finished build (kg.sqlite, else the JSONL files)."""
    from kg.query import Ambiguous, UnknownName, check_date, select_quotes, to_csv, to_jsonl

    fmt = fmt or ("table" if out.is_terminal else "jsonl")
    if fmt not in {"table", "jsonl", "csv"}:
        err.print("[red]error:[/red] --format must be table, jsonl or csv")
        raise typer.Exit(2)
    b = _open_build(out_dir)
    try:
        rows = select_quotes(b, speaker, about, kind, check_date(since, "--since"), check_date(until, "--until"), doc,
                             search)
    except UnknownName as e:
        _unknown(e)
    except Ambiguous as e:
        _ambiguous(e, "--speaker" if speaker and e.name == speaker else "--about")
    except ValueError as e:
        err.print(f"[red]error:[/red] {e}", highlight=False)
        raise typer.Exit(2)
    _matched(b, "--speaker", speaker)
    _matched(b, "--about", about)
    if fmt == "jsonl":
        sys.stdout.write(to_jsonl(rows))
    elif fmt == "csv":
        sys.stdout.write(to_csv(rows))
    else:
        _quote_table(rows)


def _quote_table(rows: list[dict]) -> None:
    """One row per statement (its reports' outlets and dates listed), to the terminal's width: at 80
    columns date, speaker, quote and sources; wider, the addressee and article titles too."""
    from rich.table import Table

    from kg.statements import group

    wide = out.size.width >= 120
    statements = group(rows)
    t = Table(show_lines=True, title=f"{len(rows)} quote(s), {len(statements)} statement(s)", expand=True)
    t.add_column("date", no_wrap=True)
    t.add_column("speaker", overflow="fold", ratio=2)
    t.add_column("quote (indirect in italics)", overflow="fold", ratio=6)
    if wide:
        t.add_column("to", overflow="fold", ratio=2)
    cells = []
    for copies in statements:
        q = copies[0]
        text = Text(q["text"], style="italic" if q["kind"] == "indirect" else "")
        sources = [_source(c, q.get("date") or "", wide) for c in copies]
        cells.append([q.get("date") or "", q["speaker"] or q["speaker_desc"] or "?", text,
                      *([q["addressee"] or ""] if wide else []), "\n".join(sources)])
    longest = max((len(x) for row in cells for x in row[-1].split("\n")), default=7)
    t.add_column("sources", overflow="fold", **({"ratio": 3} if wide else {"width": min(longest, 16)}))
    for row in cells:
        t.add_row(*row)
    out.print(t, markup=False, highlight=False)


def _source(q: dict, first_date: str, wide: bool) -> str:
    """A report of a statement: its outlet (else the document), its date when later than the first
    report's and, on a wide terminal, the article's title."""
    where = q.get("outlet") or q["doc"]
    if (q.get("date") or "") != first_date:
        where += f" {q.get('date') or 'undated'}"
    return f"{where}: {q.get('title') or q['doc']}" if wide else where


@app.command("entity", cls=_Command)
def entity_cmd(
    name: str = typer.Argument(..., help="Any name the entity was seen under, any case.", metavar="NAME"),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="The build to read.", metavar="DIR"),
    as_json: bool = typer.Option(False, "--json", help="Print the profile as JSON.", metavar=""),
) -> None:
    """One entity's profile: type, aliases, roles, affiliations, when it is named, with whom, its quotes."""
    from kg.query import Ambiguous, UnknownName, profile

    b = _open_build(out_dir)
    try:
        p = profile(b, name)
    except UnknownName as e:
        _unknown(e)
    except Ambiguous as e:
        _ambiguous(e, "kg entity")
    if as_json:
        print(json.dumps(p, ensure_ascii=False, indent=2))
        return
    from kg.profile_text import print_profile

    print_profile(out, p)


@train_app.command("ner")
def train_ner(
    corpora: Path = typer.Option(..., help="The corpora folder (shared/corpora).", metavar="DIR"),
    out_dir: Path = typer.Option(..., "--out", help="Where to write ner.pt, pretrain.pt and scores.json.", metavar="DIR"),
    max_steps: int = typer.Option(20000, help="Training steps (the best dev checkpoint is kept).", metavar="N"),
    time_limit: Optional[float] = typer.Option(None, "--time-limit-min", help="Stop training after this many minutes.", metavar="M"),
    vectors: Optional[Path] = typer.Option(None, help="A pretrain.pt to reuse (default: train word2vec first).", metavar="FILE"),
) -> None:
    """Train the Indonesian NER model (and its word vectors) with Stanza's trainer.

    The shipped model: --max-steps 20000 --time-limit-min 88 (see kg/models/README.md)."""
    from kg.train import ner

    scores = ner.run(corpora, out_dir, max_steps=max_steps, time_limit_min=time_limit, vectors=vectors)
    print(json.dumps(scores, indent=2))


@train_app.command("tokenizer")
def train_tokenizer(
    corpora: Path = typer.Option(..., help="The corpora folder (shared/corpora).", metavar="DIR"),
    out_dir: Path = typer.Option(..., "--out", help="Where to write tokenizer.pt (and mwt.pt) and scores.json.", metavar="DIR"),
    max_steps: int = typer.Option(6000, help="Training steps.", metavar="N"),
) -> None:
    """Train the Indonesian tokenizer (and MWT expander) with Stanza's trainer."""
    from kg.train import tokenizer

    scores = tokenizer.run(corpora, out_dir, max_steps=max_steps)
    print(json.dumps(scores, indent=2))


def main() -> None:  # pragma: no cover
    app(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

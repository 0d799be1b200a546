"""The kg command through typer's CliRunner: exit codes, messages, outputs."""
import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def test_usage_error_prints_usage():
    r = runner.invoke(app, ["build", "--max-nodes", "lots"])
    assert r.exit_code == 2 and "Usage" in r.output


def test_no_processable_document_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    r = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert r.exit_code == 1
    assert "empty file" in r.output and "no document could be processed" in r.output


def test_unwritable_output_exits_3(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = runner.invoke(app, ["build", str(tmp_path), "--out", str(blocker / "out")])
    assert r.exit_code == 3 and "cannot write" in r.output


def test_missing_models_exit_4(tmp_path):
    (tmp_path / "a.txt").write_text("Budi tiba di Jakarta.")
    r = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--models", str(tmp_path / "nomodels")])
    assert r.exit_code == 4 and "missing" in r.output


def test_eval_without_build_explains(tmp_path):
    r = runner.invoke(app, ["eval", "--gold", str(tmp_path), "--out", str(tmp_path)])
    assert r.exit_code == 2 and "kg build" in r.output


@pytest.mark.model
def test_build_and_eval_on_seeds(tmp_path):
    out = tmp_path / "out"
    r = runner.invoke(app, ["build", "seeds", "--out", str(out), "--quiet"])
    assert r.exit_code == 0, r.output
    assert "5 documents" in r.output
    for f in ("graph.html", "graph.graphml", "graph.gexf", "entities.jsonl", "mentions.jsonl", "quotes.jsonl", "report.json"):
        assert (out / f).stat().st_size > 0
    ents = [json.loads(line) for line in open(out / "entities.jsonl", encoding="utf-8")]
    assert {"PERSON", "COUNTRY", "ORGANIZATION", "LOCATION"} <= {e["type"] for e in ents}
    # a rebuild of unchanged inputs comes from the cache and gives the same bytes
    before = (out / "graph.graphml").read_bytes()
    r2 = runner.invoke(app, ["build", "seeds", "--out", str(out), "--quiet"])
    assert r2.exit_code == 0 and (out / "graph.graphml").read_bytes() == before


@pytest.mark.model
def test_worker_processes_give_the_same_outputs(tmp_path):
    from kg.pipeline import FINGERPRINT, OUTPUT_FILES

    one, two = tmp_path / "one", tmp_path / "two"
    assert runner.invoke(app, ["build", "seeds", "--out", str(one), "-q", "--no-cache", "--workers", "1"]).exit_code == 0
    r = runner.invoke(app, ["build", "seeds", "--out", str(two), "-q", "--workers", "2", "--batch", "2"])
    assert r.exit_code == 0, r.output
    for f in OUTPUT_FILES:
        assert (one / f).read_bytes() == (two / f).read_bytes(), f
    run = json.loads((two / "run.json").read_text())
    assert (run["workers"], run["reason"], run["documents"]["tagged"]) == (2, "--workers given", 5)
    # the workers wrote the cache entries: a rebuild in one process reads them all
    (two / FINGERPRINT).unlink()
    assert runner.invoke(app, ["build", "seeds", "--out", str(two), "-q", "--workers", "1"]).exit_code == 0
    assert json.loads((two / "run.json").read_text())["documents"] == {"tagged": 0, "from_cache": 5, "repeats": 0}
    for f in OUTPUT_FILES:
        assert (one / f).read_bytes() == (two / f).read_bytes(), f


@pytest.mark.model
def test_an_article_repeated_under_another_name_is_analysed_once_and_kept_under_both(tmp_path):
    text = "Wali Kota Tanjungsari Hendra Wijanarko membuka pasar baru. “Pasar ini untuk warga,” ujar Hendra."
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_text(text, encoding="utf-8")
    (inp / "b.txt").write_text(text, encoding="utf-8")
    (inp / "c.txt").write_text("Gubernur Ratna Sulistyani meninjau banjir di Kota Baruna.", encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["build", str(inp), "--out", str(out), "-q", "--no-cache", "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert json.loads((out / "run.json").read_text())["documents"] == {"tagged": 2, "from_cache": 0, "repeats": 1}
    by_doc: dict[str, list] = {}
    for name in ("mentions.jsonl", "quotes.jsonl"):
        for line in (out / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            by_doc.setdefault((name, row.pop("doc")), []).append(
                {k: v for k, v in row.items() if k not in ("id", "source", "statement")})
    for name in ("mentions.jsonl", "quotes.jsonl"):
        assert by_doc[(name, "a.txt")] and by_doc[(name, "a.txt")] == by_doc[(name, "b.txt")]
    # the benchmark of copies turns it off: every copy is analysed
    from kg.config import BuildConfig
    from kg.pipeline import build

    stats = build(BuildConfig(inputs=(str(inp),), out=tmp_path / "all", cache=False, workers=1,
                              reuse_repeats=False)).stats
    assert (stats["processed"], stats["repeats"]) == (3, 0)


ONE_DOC = {"a.txt": "Budi Hartono tiba di Medan pada Senin. “Kami siap membantu warga,” kata Budi Hartono."}


@pytest.fixture
def dict_models(monkeypatch):
    """The CLI with a DictAnnotator in place of the Stanza models: no model loading."""
    from conftest import DictAnnotator
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "Annotator", lambda *a, **k: DictAnnotator({"Budi Hartono": "PER", "Medan": "LOC"}))


def _src(tmp_path, docs):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in docs.items():
        (src / name).write_bytes(text.encode("utf-8"))
    return src


def test_summary_is_one_line_with_the_page_path_last_and_singular_counts(tmp_path, dict_models):
    out = tmp_path / ("a-long-folder-name-" * 5) / "out"  # longer than 80 columns
    r = runner.invoke(app, ["build", str(_src(tmp_path, ONE_DOC)), "--out", str(out)])
    assert r.exit_code == 0, r.output
    last = r.stdout.strip().splitlines()[-1]
    assert last.startswith("1 document, ") and "1 quote," in last
    assert last.split(" → ")[-1] == str(out / "graph.html")
    r2 = runner.invoke(app, ["build", str(tmp_path / "in"), "--out", str(out)])
    assert r2.stdout.strip().splitlines() == [r2.stdout.strip()] and "up to date" in r2.stdout
    assert r2.stdout.strip().split(" → ")[-1] == str(out / "graph.html")  # every build's line ends so


def test_open_without_a_browser_says_where_the_page_is(tmp_path, dict_models, monkeypatch):
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    out = tmp_path / "out"
    r = runner.invoke(app, ["build", str(_src(tmp_path, ONE_DOC)), "--out", str(out), "--open"])
    assert r.exit_code == 0 and f"the page is {out / 'graph.html'}" in r.stderr


def test_verbose_logs_each_step(tmp_path, dict_models):
    r = runner.invoke(app, ["build", str(_src(tmp_path, ONE_DOC)), "--out", str(tmp_path / "out"), "-v"])
    assert r.exit_code == 0, r.output
    for step in ("documents: 1 read", "resolving:", "graph:", "writing:"):
        assert step in r.stderr


@pytest.mark.model
def test_a_pipe_gets_plain_lines_and_the_path_on_the_last(tmp_path):
    import subprocess
    import sys

    out = tmp_path / ("a-long-folder-name-" * 5) / "out"
    cmd = f"{sys.executable} -m kg build {_src(tmp_path, ONE_DOC)} --out {out} | cat"
    for _ in range(2):  # a fresh build, then the up-to-date one
        p = subprocess.run(cmd, shell=True, capture_output=True, text=True, check=True)
        assert "\x1b[" not in p.stdout
        last = p.stdout.strip().splitlines()[-1]
        assert str(out) in last
    first = subprocess.run(cmd.replace("| cat", "--no-cache | cat"), shell=True, capture_output=True, text=True)
    page = first.stdout.strip().splitlines()[-1].split(" → ")[-1]
    assert page == str(out / "graph.html") and (out / "graph.html").is_file()


def test_too_short_and_other_files_are_skipped_with_reasons(tmp_path, dict_models):
    src = _src(tmp_path, dict(ONE_DOC, **{"hi.txt": "hi", "scan.pdf": "%PDF-1.4", "README": "Catatan untuk tim."}))
    r = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert f"skipped {src / 'hi.txt'}: too short to be an article (1 word" in r.stderr
    assert f"skipped {src / 'scan.pdf'}: not an article file (.pdf)" in r.stderr
    assert f"skipped {src / 'README'}: not an article file (no extension)" in r.stderr
    assert r.stdout.startswith("1 document, ") and "3 skipped" in r.stdout


@pytest.mark.parametrize("inputs", [["missing-folder"], ["empty"], ["hi"]])
def test_failed_builds_leave_no_output_folder(tmp_path, inputs):
    (tmp_path / "empty").mkdir()
    (tmp_path / "hi").mkdir()
    (tmp_path / "hi" / "hi.txt").write_text("hi")
    out = tmp_path / "out" / "nested"
    r = runner.invoke(app, ["build", *(str(tmp_path / i) for i in inputs), "--out", str(out)])
    assert r.exit_code == 1 and "no document could be processed" in r.stderr
    assert not (tmp_path / "out").exists()


def test_out_that_is_a_file_says_so(tmp_path):
    (tmp_path / "graph").write_text("x")
    r = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "graph")])
    assert r.exit_code == 3 and "is a file, not a folder" in r.stderr


def test_eval_with_a_missing_gold_folder_says_it_does_not_exist(tmp_path):
    r = runner.invoke(app, ["eval", "--gold", str(tmp_path / "gold"), "--out", str(tmp_path)])
    assert r.exit_code == 2 and f"the gold folder {tmp_path / 'gold'} does not exist" in r.stderr


@pytest.mark.parametrize("command", [["build"], ["eval"], ["train", "ner"], ["train", "tokenizer"]])
def test_help_shows_no_type_placeholders(command):
    r = runner.invoke(app, [*command, "--help"])
    assert r.exit_code == 0 and "<bool>" not in r.output and "<list[" not in r.output and "--help" in r.output


def test_build_help_lists_every_input_type_read():
    from kg.read import READ_SUFFIXES

    r = runner.invoke(app, ["build", "--help"], terminal_width=200)
    assert all(suffix in r.output for suffix in READ_SUFFIXES)


def test_progress_bar_on_a_terminal_shows_total_percentage_rate_and_time_left(tmp_path, dict_models, monkeypatch):
    import io

    from rich.console import Console

    import kg.cli

    screen = io.StringIO()
    monkeypatch.setattr(kg.cli, "err", Console(file=screen, force_terminal=True, width=150))
    docs = {f"{i}.txt": ONE_DOC["a.txt"] for i in range(3)}
    r = runner.invoke(app, ["build", str(_src(tmp_path, docs)), "--out", str(tmp_path / "out"), "--batch", "1"])
    assert r.exit_code == 0, r.output
    shown = screen.getvalue()
    assert "/3" in shown and "100%" in shown and "words/s" in shown and " left" in shown


def test_progress_bar_at_80_columns_is_never_cut(tmp_path, dict_models, monkeypatch):
    import io

    from rich.console import Console

    import kg.cli

    screen = io.StringIO()
    monkeypatch.setattr(kg.cli, "err", Console(file=screen, force_terminal=True, width=80))
    docs = {f"{i}.txt": ONE_DOC["a.txt"] for i in range(12)}
    r = runner.invoke(app, ["build", str(_src(tmp_path, docs)), "--out", str(tmp_path / "out"), "--batch", "1"])
    assert r.exit_code == 0, r.output
    shown = screen.getvalue()
    assert "12/12" in shown and " left" in shown and "…" not in shown

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
    one, two = tmp_path / "one", tmp_path / "two"
    assert runner.invoke(app, ["build", "seeds", "--out", str(one), "-q", "--no-cache"]).exit_code == 0
    r = runner.invoke(app, ["build", "seeds", "--out", str(two), "-q", "--no-cache", "--workers", "2", "--batch", "2"])
    assert r.exit_code == 0, r.output
    for f in ("mentions.jsonl", "quotes.jsonl", "graph.graphml"):
        assert (one / f).read_bytes() == (two / f).read_bytes(), f

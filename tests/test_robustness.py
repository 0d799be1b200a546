"""Any text goes through every stage; interrupted builds keep the old outputs."""
import contextlib
import json
import os
import sys
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DictAnnotator, run_build
from kg.config import BuildConfig
from kg.pipeline import OUTPUT_FILES, assemble, build, write_outputs
from kg.process import analyse, prepare
from kg.records import Article

NAMES = {"Budi": "PER", "Jakarta": "LOC", "NATO": "ORG", "Siti Rahma": "PER"}
# Indonesian-looking text, quote marks and cues, plus any Unicode at all
pieces = st.sampled_from(["Budi", "Siti Rahma", "Jakarta", "NATO", "AS", "kata", "ujarnya", "mengatakan", "bahwa",
                          "“", "”", '"', "‘", "’", ",", ".", "\n", "\n\n", "Menurut", "dia", " ", "(", ")"])
texts = st.lists(st.one_of(pieces, st.text(max_size=8)), max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(texts, st.text(max_size=300)))
def test_any_text_goes_through_every_stage(text, tmp_path_factory):
    art = Article("x.txt", text)
    paragraphs, sents = prepare(art)
    res = analyse(art, paragraphs, sents, DictAnnotator(NAMES).tag([sents])[0])
    for m in res.mentions:
        assert text[m.start:m.end] == m.text
    for q in res.quotes:
        assert text[q.start:q.end] == q.text
    entities, link, graph = assemble([res])
    out = tmp_path_factory.mktemp("out")
    from kg.export.graphml import write_gexf, write_graphml
    from kg.export.html import write_html

    write_graphml(graph, out / "g.graphml")
    write_gexf(graph, out / "g.gexf")
    write_html(graph, out / "g.html")
    ET.parse(out / "g.graphml")
    ET.parse(out / "g.gexf")


def test_interrupted_build_leaves_previous_outputs_whole(tmp_path, monkeypatch):
    docs = {"a.txt": "Budi tiba di Jakarta. “Kami siap bekerja sama,” kata Budi."}
    _, out = run_build(tmp_path, docs, NAMES)
    before = {f: (out / f).read_bytes() for f in OUTPUT_FILES}

    import kg.export.jsonl as jsonl

    def boom(*a, **k):
        raise KeyboardInterrupt  # Ctrl-C while the third file is being written

    monkeypatch.setattr(jsonl, "write_mentions", boom)
    docs2 = {"a.txt": "Siti Rahma tiba di Jakarta. “Kami menolak,” kata Siti Rahma.", "b.txt": "NATO bertemu."}
    with pytest.raises(KeyboardInterrupt):
        run_build(tmp_path, docs2, NAMES, out=out)
    assert {f: (out / f).read_bytes() for f in OUTPUT_FILES} == before
    assert not [p for p in os.listdir(out) if p.startswith(".kg-staging")]


def test_killed_build_process_leaves_previous_outputs_whole(tmp_path):
    """SIGKILL a real build at several moments; the outputs are always one complete build."""
    import signal
    import subprocess
    import sys
    import time

    docs = {f"d{i}.txt": f"Budi tiba di Jakarta hari ke-{i}. “Kami siap bekerja sama lagi,” kata Budi." for i in range(300)}
    src = tmp_path / "in"
    src.mkdir()
    for n, t in docs.items():
        (src / n).write_text(t)
    out = tmp_path / "out"
    script = (f"import sys; sys.path.insert(0, {str(os.path.dirname(__file__))!r})\n"
              "from conftest import DictAnnotator\nfrom kg.config import BuildConfig\n"
              "from kg.pipeline import build, write_outputs\n"
              f"cfg = BuildConfig(inputs=({str(src)!r},), out={str(out)!r}, cache=False)\n"
              f"write_outputs(build(cfg, annotator=DictAnnotator({NAMES!r})), cfg)\n")
    subprocess.run([sys.executable, "-c", script], check=True)
    good = {f: (out / f).read_bytes() for f in OUTPUT_FILES}
    for delay in (0.3, 0.6, 0.9, 1.2):
        p = subprocess.Popen([sys.executable, "-c", script])
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        now = {f: (out / f).read_bytes() for f in OUTPUT_FILES}
        assert now == good  # same inputs: a finished build writes the same bytes; a killed one writes nothing
        for line in now["entities.jsonl"].decode().splitlines():
            json.loads(line)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_forked_writers_end_with_a_killed_build(tmp_path):
    """A build killed by SIGKILL while its forked writers run leaves no writer process behind."""
    script = ("import time\nfrom pathlib import Path\nfrom kg.export.files import write_all\n"
              f"write_all(Path({str(tmp_path / 'out')!r}), "
              "{'a': lambda p: time.sleep(30), 'b': lambda p: time.sleep(30)}, processes=2)\n")
    assert not _left_after_kill(script, lambda family, pid: len(family) == 2)  # both writers forked


@pytest.mark.model
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process trees as Linux shows them")
def test_tagging_workers_end_with_a_killed_build(tmp_path):
    """A build killed by SIGKILL while its workers tag leaves none of its processes behind (the workers
    come from the fork server, not from the build)."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(2000):
        (src / f"d{i}.txt").write_text(f"Budi Santoso tiba di Jakarta hari ke-{i}. Ia bertemu Siti Rahma di sana.")
    script = ("from kg.config import BuildConfig\nfrom kg.pipeline import build\n"
              "if __name__ == '__main__':\n"
              f"    build(BuildConfig(inputs=({str(src)!r},), out={str(tmp_path / 'out')!r}, cache=False, workers=2))\n")
    # killed once the two workers are there, below the fork server
    assert not _left_after_kill(script, lambda family, pid: len(_grandchildren(family, pid)) >= 2)


def _left_after_kill(script: str, ready, seconds: int = 60) -> list:
    """Run `script` in a new Python process, SIGKILL it once `ready(its descendants, its pid)`, and
    return the descendants still running 15 s later (killed afterwards, so none outlives the test)."""
    import signal
    import subprocess
    import time

    import psutil

    p = subprocess.Popen([sys.executable, "-c", script])
    family = []
    try:
        for _ in range(seconds * 20):
            family = psutil.Process(p.pid).children(recursive=True)
            if ready(family, p.pid):
                break
            time.sleep(0.05)
        assert ready(family, p.pid)
        p.send_signal(signal.SIGKILL)
        p.wait()
        return psutil.wait_procs(family, timeout=15)[1]
    finally:
        if p.poll() is None:
            p.kill()
        for q in family:
            with contextlib.suppress(psutil.NoSuchProcess):
                q.kill()


def _grandchildren(family, pid: int) -> list:
    import psutil

    out = []
    for q in family:
        with contextlib.suppress(psutil.NoSuchProcess):
            if q.ppid() != pid:
                out.append(q)
    return out


def test_many_small_files_and_bad_ones_together(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(10_000):
        (src / f"{i:05d}.txt").write_text(f"Budi ke Jakarta {i}." if i % 100 else "", encoding="utf-8")
    (src / "fake.txt").write_bytes(b"%PDF-1.7 binary")
    cfg = BuildConfig(inputs=(str(src),), out=tmp_path / "out", cache=False, batch_docs=256)
    result = build(cfg, annotator=DictAnnotator(NAMES))
    assert len(result.docs) == 9_900 and len(result.skipped) == 101
    write_outputs(result, cfg)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert len(report["skipped"]) == 101 and report["counts"]["documents"] == 9_900


def test_bad_input_corpus_builds_with_every_reason_reported(tmp_path):
    """The whole bad-input zoo in one folder: the build goes on and says why it skipped."""
    import codecs

    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Budi tiba di Jakarta. “Kami siap bekerja sama,” kata Budi.", encoding="utf-8")
    (src / "one_line.txt").write_text(("warga yang tinggal di Jakarta bertemu Budi tanpa tanda baca kata mereka " * 30_000)[:2_000_000], encoding="utf-8")
    (src / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Siti Rahma di Jakarta.".encode("utf-16-le"))
    (src / "cp1252.txt").write_bytes("Budi berkata “halo” di Jakarta – café.".encode("cp1252"))
    (src / "controls.txt").write_text("Budi\x00 di\x07 Jakarta 🙂 Путин 東京.\x1b[31m", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "pdf.txt").write_bytes(b"%PDF-1.5\n" + bytes(range(256)) * 10)
    with open(src / "huge.txt", "wb") as f:
        f.truncate(50_000_000)
    os.symlink(src / "gone.txt", src / "dangling.txt")
    cfg = BuildConfig(inputs=(str(src), str(tmp_path / "missing")), out=tmp_path / "out", cache=False)
    result = build(cfg, annotator=DictAnnotator(NAMES))
    write_outputs(result, cfg)
    assert sorted(d.doc for d in result.docs) == ["controls.txt", "cp1252.txt", "good.txt", "one_line.txt", "utf16.txt"]
    reasons = {os.path.basename(s["source"]): s["reason"]
               for s in json.loads((tmp_path / "out" / "report.json").read_text())["skipped"]}
    assert set(reasons) == {"empty.txt", "pdf.txt", "huge.txt", "dangling.txt", "missing"}
    assert all(reasons.values())


def test_a_document_that_fails_is_skipped_and_the_others_keep_their_results(tmp_path, monkeypatch):
    import kg.process as process

    real = process.prepare

    def flaky(art):
        if art.doc == "b.txt":
            raise RuntimeError("boom")
        return real(art)

    monkeypatch.setattr(process, "prepare", flaky)
    docs = {"a.txt": "Budi tiba di Jakarta.", "b.txt": "Siti Rahma tiba.", "c.txt": "NATO bertemu di Jakarta."}
    result, _ = run_build(tmp_path, docs, NAMES, write=False)
    assert [(d.doc, [m.text for m in d.mentions]) for d in result.docs] == [
        ("a.txt", ["Budi", "Jakarta"]), ("c.txt", ["NATO", "Jakarta"])]
    assert [(os.path.basename(s.source), s.reason) for s in result.skipped] == [("b.txt", "could not segment: RuntimeError: boom")]


@pytest.mark.parametrize("processes", [1, 2])
def test_full_disk_while_writing_keeps_previous_outputs(tmp_path, processes):
    import errno

    from kg.export import write_all

    out = tmp_path / "out"
    write_all(out, {"a.txt": lambda p: p.write_text("old a"), "b.txt": lambda p: p.write_text("old b")})

    def full(p):
        p.write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        write_all(out, {"a.txt": lambda p: p.write_text("new a"), "b.txt": full}, processes)
    assert (out / "a.txt").read_text() == "old a" and (out / "b.txt").read_text() == "old b"
    assert sorted(os.listdir(out)) == ["a.txt", "b.txt"]


def test_parallel_writers_run_in_other_processes_and_all_land(tmp_path):
    from kg.export import write_all

    out = tmp_path / "out"
    write_all(out, {f"{i}.txt": lambda p: p.write_text(str(os.getpid())) for i in range(4)}, processes=2)
    pids = {int((out / f"{i}.txt").read_text()) for i in range(4)}
    assert pids and os.getpid() not in pids and sorted(os.listdir(out)) == [f"{i}.txt" for i in range(4)]


@pytest.mark.parametrize("processes", [1, 2])
def test_finish_sees_every_staged_file_whole_before_any_is_moved(tmp_path, processes):
    import time

    from kg.export import write_all

    def slow(p):
        time.sleep(0.3)
        p.write_text("x" * 1000)

    def size_of_slow(stage):
        assert not (out / "slow.txt").exists()  # nothing moved yet
        with open(stage / "size.txt", "a") as f:
            f.write(str((stage / "slow.txt").stat().st_size))

    out = tmp_path / "out"
    write_all(out, {"size.txt": lambda p: p.write_text("size "), "slow.txt": slow,
                    "other.txt": lambda p: p.write_text("o")}, processes, finish=size_of_slow)
    assert (out / "size.txt").read_text() == "size 1000"
    assert sorted(os.listdir(out)) == ["other.txt", "size.txt", "slow.txt"]


@pytest.mark.parametrize("processes", [1, 2])
def test_a_failing_finish_leaves_the_old_outputs(tmp_path, processes):
    from kg.export import write_all

    out = tmp_path / "out"
    write_all(out, {"a.txt": lambda p: p.write_text("old")})

    def fail(stage):
        raise OSError("disk full")
    with pytest.raises(OSError, match="disk full"):
        write_all(out, {"a.txt": lambda p: p.write_text("new"), "b.txt": lambda p: p.write_text("new")},
                  processes, finish=fail)
    assert (out / "a.txt").read_text() == "old"
    assert sorted(p.name for p in out.iterdir()) == ["a.txt"]  # no staging folder left either

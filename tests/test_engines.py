"""The per-document step gives the same graph locally and on a Dask LocalCluster."""
import json

import pytest

from conftest import DictAnnotator
from kg.config import BuildConfig
from kg.pipeline import build

NAMES = {"Budi": "PER", "Jakarta": "LOC", "NATO": "ORG", "Siti Rahma": "PER"}


def test_dask_local_cluster_matches_local_build(tmp_path):
    pytest.importorskip("dask.distributed")
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"{i:02d}.txt").write_text(f"Budi bertemu Siti Rahma di Jakarta ke-{i}. “Kami siap membantu NATO,” kata Budi.")
    ann = DictAnnotator(NAMES)
    local = build(BuildConfig(inputs=(str(src),), out=tmp_path / "a", cache=False, batch_docs=8), annotator=ann)
    dist = build(BuildConfig(inputs=(str(src),), out=tmp_path / "b", cache=False, batch_docs=8, engine="dask",
                             workers=2), annotator=ann)
    assert [d.as_dict() for d in dist.docs] == [d.as_dict() for d in local.docs]
    assert sorted(dist.graph.edges(data=True)) == sorted(local.graph.edges(data=True))


def test_cache_makes_rebuilds_cheap_and_new_documents_only_cost_themselves(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(20):
        (src / f"{i:02d}.txt").write_text(f"Budi ke Jakarta {i}.")
    cfg = BuildConfig(inputs=(str(src),), out=tmp_path / "out", batch_docs=4)
    first = build(cfg, annotator=DictAnnotator(NAMES))
    assert first.stats["processed"] == 20 and first.stats["cached"] == 0
    (src / "new.txt").write_text("Siti Rahma ke Jakarta.")
    second = build(cfg, annotator=DictAnnotator(NAMES))
    assert second.stats["processed"] == 1 and second.stats["cached"] == 20
    assert [d.as_dict() for d in second.docs if d.doc != "new.txt"] == [d.as_dict() for d in first.docs]


def test_unchanged_inputs_are_recognised_as_up_to_date(tmp_path):
    from kg.pipeline import fingerprint, up_to_date, write_outputs

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Budi ke Jakarta.")
    cfg = BuildConfig(inputs=(str(src),), out=tmp_path / "out")
    assert not up_to_date(cfg, fingerprint(cfg))
    write_outputs(build(cfg, annotator=DictAnnotator(NAMES)), cfg, fingerprint(cfg))
    assert up_to_date(cfg, fingerprint(cfg))
    (src / "b.txt").write_text("Siti Rahma ke Jakarta.")
    assert not up_to_date(cfg, fingerprint(cfg))
    other = BuildConfig(inputs=(str(src),), out=tmp_path / "out", max_nodes=5)
    (src / "b.txt").unlink()
    assert up_to_date(cfg, fingerprint(cfg)) and not up_to_date(other, fingerprint(other))


class _ThreadedDictAnnotator(DictAnnotator):
    """Says it may tag beside the rest of the build (as kg's fast tagger does); records the threads it ran in."""

    concurrent = True

    def __init__(self, names):
        super().__init__(names)
        self.threads = set()

    def tag(self, docs):
        import threading

        self.threads.add(threading.get_ident())
        return super().tag(docs)


def test_tagging_in_a_second_thread_gives_the_serial_build(tmp_path):
    import threading

    src = tmp_path / "in"
    src.mkdir()
    for i in range(23):
        (src / f"{i:02d}.txt").write_text(f"Budi bertemu Siti Rahma di Jakarta ke-{i}. “Kami siap membantu NATO,” kata Budi.")
    threaded = _ThreadedDictAnnotator(NAMES)
    seen = []
    cfg = BuildConfig(inputs=(str(src),), out=tmp_path / "a", cache=False, batch_docs=4)
    serial = build(cfg, annotator=DictAnnotator(NAMES))
    overlapped = build(cfg, annotator=threaded, progress=lambda n, w: seen.append(n))
    assert threaded.threads and threading.get_ident() not in threaded.threads
    assert [d.as_dict() for d in overlapped.docs] == [d.as_dict() for d in serial.docs]
    assert sorted(overlapped.graph.edges(data=True)) == sorted(serial.graph.edges(data=True))
    assert sum(seen) == 23


def test_outputs_written_by_parallel_processes_are_the_serial_bytes(tmp_path, monkeypatch):
    import kg.pipeline
    from kg.pipeline import OUTPUT_FILES, write_outputs

    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        (src / f"{i:02d}.txt").write_text(f"Budi bertemu Siti Rahma di Jakarta ke-{i}. “Kami siap membantu NATO,” kata Budi.")
    cfg = BuildConfig(inputs=(str(src),), out=tmp_path / "serial", cache=False)
    result = build(cfg, annotator=DictAnnotator(NAMES))
    write_outputs(result, cfg)
    monkeypatch.setattr(kg.pipeline, "PARALLEL_WRITE_DOCS", 1)
    result.stats["run"]["workers"] = 3  # as if three workers had tagged: three writer processes
    forked = BuildConfig(inputs=(str(src),), out=tmp_path / "forked", cache=False)
    write_outputs(result, forked)
    for f in OUTPUT_FILES:
        assert (tmp_path / "forked" / f).read_bytes() == (tmp_path / "serial" / f).read_bytes(), f
    assert json.loads((tmp_path / "forked" / "run.json").read_text())["workers"] == 3


def test_results_cross_process_boundaries_whole():
    """Workers pickle their results for the main process: every field comes back, in its own type."""
    import pickle

    from kg.records import DocResult, Mention, Quote

    res = DocResult("a.txt", "in/a.txt", "abc", 12, 2, title="Judul", date="2025-06-01", url="https://x.id/a",
                    mentions=[Mention(0, 4, "Budi", "PERSON", 0, role="Menteri", entity=3),
                              Mention(9, 16, "Jakarta", "LOCATION", 1)],
                    quotes=[Quote(20, 30, "kata dia", "indirect", cue="kata", speaker=0, addressee=1)],
                    cooccur=[(0, 1)])
    back = pickle.loads(pickle.dumps([res, res], protocol=pickle.HIGHEST_PROTOCOL))
    assert back[0].as_dict() == res.as_dict()
    assert back[0] is back[1]  # shared objects stay shared
    assert type(back[0].mentions[0]) is Mention and type(back[0].quotes[0]) is Quote

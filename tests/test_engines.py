"""The per-document step gives the same graph locally and on a Dask LocalCluster."""
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

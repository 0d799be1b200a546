"""kg.machine: the cores and memory a build may use, and the workers it chooses from them."""
from kg import machine
from kg.machine import DOCS_PER_WORKER, WORKER_MB, plan


def test_a_handful_of_documents_stays_in_one_process():
    p = plan(DOCS_PER_WORKER - 1, cores=8, memory_mb=64_000)
    assert p.workers == 1 and p.threads == 4  # one process tags in torch beside its main thread


def test_a_big_corpus_gets_one_single_threaded_worker_per_core():
    p = plan(8 * DOCS_PER_WORKER, 30_000, cores=8, memory_mb=64_000)
    assert (p.workers, p.threads) == (8, 1)
    assert "8 usable cores" in p.reason


def test_workers_grow_with_the_documents_to_tag():
    assert plan(3 * DOCS_PER_WORKER, cores=8, memory_mb=64_000).workers == 3


def test_little_memory_means_fewer_workers_with_more_threads():
    p = plan(10_000, 10_000, cores=8, memory_mb=3 * WORKER_MB + machine.MAIN_MB + 10_000 * machine.DOC_KB // 1024)
    assert (p.workers, p.threads) == (3, 2)
    assert plan(10_000, 10_000, cores=8, memory_mb=100).workers == 1


def test_given_workers_and_threads_are_kept():
    assert (plan(1, workers=3, cores=2).workers, plan(1, workers=3, threads=2, cores=2).threads) == (3, 2)
    assert plan(10_000, threads=3, cores=8, memory_mb=64_000).threads == 3


def _fake_system(monkeypatch, tmp_path, proc_cgroup: str, files: dict[str, str], meminfo: str = ""):
    root = tmp_path / "cgroup"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    (tmp_path / "self-cgroup").write_text(proc_cgroup)
    (tmp_path / "meminfo").write_text(meminfo)
    monkeypatch.setattr(machine, "CGROUP", root)
    monkeypatch.setattr(machine, "PROC_CGROUP", tmp_path / "self-cgroup")
    monkeypatch.setattr(machine, "MEMINFO", tmp_path / "meminfo")


def test_a_cgroup_v2_cpu_quota_and_memory_limit_lower_what_is_usable(monkeypatch, tmp_path):
    _fake_system(monkeypatch, tmp_path, "0::/box\n",
                 {"box/cpu.max": "150000 100000\n", "box/memory.max": str(2 * 2**30), "box/memory.current": str(2**30)},
                 "MemTotal: 64000000 kB\nMemAvailable: 32000000 kB\n")
    monkeypatch.setattr(machine.os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    assert machine.usable_cores() == 2  # 1.5 CPUs' worth of time: two cores, each partly
    assert machine.available_memory_mb() == 1024


def test_cgroup_v1_without_limits_leaves_affinity_and_meminfo(monkeypatch, tmp_path):
    _fake_system(monkeypatch, tmp_path, "4:memory:/box\n1:cpu,cpuacct:/box\n",
                 {"cpu,cpuacct/cpu.cfs_quota_us": "-1", "cpu,cpuacct/cpu.cfs_period_us": "100000",
                  "memory/memory.limit_in_bytes": str(2**63 - 4096), "memory/memory.usage_in_bytes": "1000"},
                 "MemAvailable: 2048000 kB\n")
    monkeypatch.setattr(machine.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert machine.usable_cores() == 3
    assert machine.available_memory_mb() == 2000


def test_workers_start_early_only_for_a_first_build_that_takes_a_pool(monkeypatch, tmp_path):
    import multiprocessing.forkserver as fs

    from kg.config import BuildConfig

    started = []
    monkeypatch.setattr(fs, "ensure_running", lambda: started.append(1))
    monkeypatch.setattr(machine, "usable_cores", lambda: 2)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(2 * DOCS_PER_WORKER):
        (corpus / f"{i}.txt").write_text("Teks berita.")

    def starts(**options) -> bool:
        started.clear()
        machine.start_workers_early(BuildConfig(inputs=(str(corpus),), out=tmp_path / "out", **options))
        return bool(started)

    assert starts() and starts(cache=False)
    assert not starts(workers=1) and not starts(engine="dask")
    (tmp_path / "out" / ".kg-cache" / "ab").mkdir(parents=True)  # a rebuild: the cache may serve every document
    assert not starts() and starts(workers=2)
    (corpus / "0.txt").unlink()  # too few documents to repay a second worker
    assert not starts(cache=False)
    monkeypatch.setattr(machine, "usable_cores", lambda: 1)
    assert not starts(workers=2)

"""Per-document results on disk, keyed by content hash, kg version and model version.

Rebuilding an unchanged corpus reads these instead of running Stanza; adding
ten articles costs those ten. Entries are written atomically (temp + rename),
so a killed build leaves no torn entry behind.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from kg.records import DocResult

SCHEMA = 1


@lru_cache(maxsize=None)
def code_version() -> str:
    """A hash of kg's code and language data: editing a rule or a word list invalidates the cache."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.suffix in {".py", ".txt", ".tsv"} and "train" not in p.parts and p.is_file():
            h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def doc_key(text: str, doc: str, model_version: str, version: str) -> str:
    h = hashlib.sha256()
    for part in (f"schema={SCHEMA}", f"kg={version}", f"code={code_version()}", f"models={model_version}", f"doc={doc}"):
        h.update(part.encode() + b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class Cache:
    def __init__(self, root: Path):
        self.root = root
        self._dirs: set[Path] = set()  # made already: one mkdir per folder, not per entry

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> DocResult | None:
        try:
            with open(self._path(key), encoding="utf-8") as f:
                return DocResult.from_dict(json.load(f))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable entries are recomputed

    def put(self, key: str, res: DocResult) -> None:
        path = self._path(key)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # one writer per process and key
        try:
            if path.parent not in self._dirs:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._dirs.add(path.parent)
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(json.dumps(res.as_dict(), ensure_ascii=False))
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # a cache that cannot be written only costs speed

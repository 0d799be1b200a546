"""Shared fixtures. Downstream stages are tested with `DictAnnotator`, which
tags the names it is given, so those tests need no model; tests that load
the shipped Stanza models carry the `model` marker and share one Annotator."""
from __future__ import annotations

import pytest

from kg.records import Sentence


class DictAnnotator:
    """Tags exact token sequences from a {name: PER/ORG/LOC} table, as BIOES."""

    load_seconds = import_seconds = 0.0
    seconds = 0.0

    def __init__(self, names: dict[str, str]):
        self.names = {tuple(k.split()): v for k, v in names.items()}
        self.longest = max((len(k) for k in self.names), default=1)

    def tag(self, docs: list[list[Sentence]]) -> list[list[list[str]]]:
        return [[self._tag([t.text for t in s.tokens]) for s in sents] for sents in docs]

    def _tag(self, toks: list[str]) -> list[str]:
        tags, i = ["O"] * len(toks), 0
        while i < len(toks):
            for n in range(min(self.longest, len(toks) - i), 0, -1):
                label = self.names.get(tuple(toks[i:i + n]))
                if label:
                    if n == 1:
                        tags[i] = f"S-{label}"
                    else:
                        tags[i:i + n] = [f"B-{label}"] + [f"I-{label}"] * (n - 2) + [f"E-{label}"]
                    i += n - 1
                    break
            i += 1
        return tags


def analyse_text(text: str, names: dict[str, str]):
    """One document through clean → segment → (dict NER) → extract → link."""
    from kg.process import analyse, prepare
    from kg.records import Article

    art = Article("t.txt", text)
    paragraphs, sents = prepare(art)
    return analyse(art, paragraphs, sents, DictAnnotator(names).tag([sents])[0])


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""
    import socket

    def refuse(*a, **k):
        raise OSError("network access during a test")
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session")
def annotator():
    from kg.annotate import Annotator

    return Annotator(threads=2)


def run_build(tmp_path, docs: dict[str, str], names: dict[str, str], out=None, write=True, **options):
    """Build from {file name: text} with a DictAnnotator (`options`: more BuildConfig fields);
    returns (result, out dir)."""
    from kg.config import BuildConfig
    from kg.pipeline import build, write_outputs

    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for name, text in docs.items():
        (src / name).write_text(text, encoding="utf-8")
    out = out or tmp_path / "out"
    cfg = BuildConfig(inputs=(str(src),), out=out, cache=False, **options)
    result = build(cfg, annotator=DictAnnotator(names))
    if write:
        write_outputs(result, cfg)
    return result, out


@pytest.fixture
def build_docs(tmp_path):
    def _run(docs, names, **kw):
        return run_build(tmp_path, docs, names, **kw)
    return _run

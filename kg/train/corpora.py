"""The local text corpora (/work/shared/corpora) read as (source, text) pairs, for training data.

One reader for every trainer, so that the word vectors and the word-frequency list
count the same text the same way. A source whose file is not there is skipped.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path


def texts(corpora: Path, articles: Iterable[str] = ()) -> Iterator[tuple[str, str]]:
    """(source, text) for every line of Leipzig, row of BPPT-PANL, article of news-2018, article
    file of the `articles` folders named (news-idcorpus-2015, ...) and sentence of the UD treebanks."""
    corpora = Path(corpora)
    for f in sorted((corpora / "text-leipzig-id").glob("*.txt")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                yield "text-leipzig-id", line.rstrip("\n").split("\t", 1)[-1]
    f = corpora / "text-bppt-panl" / "bppt_panl.csv"
    if f.exists():
        with open(f, encoding="utf-8", newline="") as fh:
            yield from (("text-bppt-panl", row[-1]) for row in csv.reader(fh) if row)
    f = corpora / "text-news-2018-classif" / "news.json"
    if f.exists():
        with open(f, encoding="utf-8") as fh:
            for art in json.load(fh):
                yield "text-news-2018-classif", (art.get("title") or "") + "\n" + (art.get("content") or "")
    for name in articles:
        for f in sorted((corpora / name / "articles").glob("*.txt")):
            yield name, f.read_text(encoding="utf-8", errors="replace")
    for ud in sorted(corpora.glob("ud-id-*")):
        for f in sorted(ud.rglob("*.conllu")):
            with open(f, encoding="utf-8") as fh:
                yield from ((ud.name, line[9:].strip()) for line in fh if line.startswith("# text = "))

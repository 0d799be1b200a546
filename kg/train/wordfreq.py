"""Count the words of edited Indonesian text into kg's word-frequency list.

The word segmenter (kg/wordseg.py) asks it which words exist and how common
they are. Counts keep the case the word was written in ("yang", "Jakarta",
"KPK"): a word seen mostly in lower case is an ordinary word, one seen only
capitalised is a name. A third column counts how often a lower-case word
follows a capitalised one ("Budi mengatakan"): words that follow names
(verbs after a subject, "yang") are the ones scraping glues onto names.

Sources (all local, see /work/shared/corpora): text-leipzig-id, text-bppt-panl,
text-news-2018-classif and the sentence text of the UD treebanks (ud-id-*).
Never read: the evaluation articles (news-detik-1000, the dev set) and
news-scrape-2025-06, the scrape whose glued words the list is meant to split.
A token counts when it is letters only (no digits, no hyphen); a word kept
needs at least --min-count occurrences, which also drops most words that
scraping glued together in the sources themselves.

Usage::

    python -m kg.train.wordfreq --corpora /work/shared/corpora --out kg/data/wordfreq.tsv.gz
"""
from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

from kg.train.corpora import texts

SOURCES = ("text-leipzig-id", "text-bppt-panl", "text-news-2018-classif", "ud-id-*")
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
MAX_LEN = 25  # longer letter runs are URLs, hashtags or glued text, not words


def count_words(corpora: Path) -> tuple[Counter, Counter, Counter]:
    """Word counts (letters-only tokens, case kept), counts of lower-case words right after a
    capitalised word, and tokens read per source."""
    words: Counter = Counter()
    after_name: Counter = Counter()
    per_source: Counter = Counter()
    for src, text in texts(corpora):
        prev = ""
        for tok in _TOKEN.findall(text):
            per_source[src] += 1
            if tok.isalpha() and len(tok) <= MAX_LEN:
                words[tok] += 1
                if tok.islower() and prev[:1].isupper() and prev[1:].islower():
                    after_name[tok] += 1
            prev = tok
    return words, after_name, per_source


def write(words: Counter, after_name: Counter, out: Path, top: int, min_count: int) -> int:
    """Write `word<TAB>count<TAB>after a capitalised word`, most frequent first, gzip'd when OUT
    ends in .gz; returns lines written."""
    kept = [(w, n) for w, n in sorted(words.items(), key=lambda x: (-x[1], x[0])) if n >= min_count][:top]
    body = "".join(f"{w}\t{n}\t{after_name[w]}\n" for w, n in kept).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    if out.suffix == ".gz":
        with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0) as gz:
            gz.write(body)  # mtime=0, no name: the same counts give the same bytes
    else:
        tmp.write_bytes(body)
    tmp.replace(out)
    return len(kept)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m kg.train.wordfreq", description=__doc__.split("\n")[0])
    p.add_argument("--corpora", type=Path, default=Path("/work/shared/corpora"))
    p.add_argument("--out", type=Path, default=Path("kg/data/wordfreq.tsv.gz"))
    p.add_argument("--top", type=int, default=60_000, help="keep at most this many words")
    p.add_argument("--min-count", type=int, default=2, help="drop words seen fewer times")
    a = p.parse_args(argv)
    words, after_name, per_source = count_words(a.corpora)
    n = write(words, after_name, a.out, a.top, a.min_count)
    for src, k in sorted(per_source.items()):
        print(f"{src}: {k} tokens", file=sys.stderr)
    print(f"{sum(words.values())} word tokens, {len(words)} distinct; {n} written to {a.out} "
          f"({a.out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

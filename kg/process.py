"""One article → one DocResult: clean → segment → (annotate) → extract → link.

`analyse` is a pure function of the article text and the NER tags, which is
what lets documents run in batches, in worker processes, or on a Dask
cluster, and be cached by content hash.
"""
from __future__ import annotations

import hashlib
import re

from kg.clean import body_paragraphs
from kg.extract import extract_mentions, extract_quotes
from kg.records import Article, DocResult, Sentence
from kg.resolve import link_document
from kg.segment import split_sentences

_WORD = re.compile(r"\w+")


def prepare(article: Article) -> tuple[list[tuple[int, int]], list[Sentence]]:
    paragraphs = body_paragraphs(article.text)
    return paragraphs, split_sentences(article.text, paragraphs)


def analyse(article: Article, paragraphs, sentences: list[Sentence], tags: list[list[str]]) -> DocResult:
    text = article.text
    mentions = extract_mentions(text, sentences, tags)
    quotes = extract_quotes(text, paragraphs, sentences, mentions)
    res = DocResult(
        doc=article.doc, source=article.source,
        sha=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        words=sum(len(s.tokens) for s in sentences), sentences=len(sentences),
        mentions=mentions, quotes=quotes,
    )
    link_document(res, text)
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence, []).append(i)
    res.cooccur = [tuple(v) for _, v in sorted(by_sentence.items()) if len({mentions[i].entity for i in v}) > 1]
    return res

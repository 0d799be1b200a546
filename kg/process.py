"""The stages of one article, in order, and the one function that runs articles through them.

    clean → segment → tag → extract → link
    kg.clean, kg.segment: `prepare`; kg.annotate: `tag_batch`, one NER call for many articles;
    kg.extract and kg.resolve.document: `analyse`

`run_batch` runs a batch of articles through all of them; an article that
fails a stage becomes a Skipped with the reason and the others go on.
`prepare` and `analyse` are pure functions of the text and the NER tags,
which is what lets articles run in batches, in worker processes or on a Dask
cluster, and be cached by content hash. A local build tags one batch while it
extracts the one before (kg.pipeline), so it calls the three batch steps itself.
"""
from __future__ import annotations

import hashlib
import logging

from kg.clean import body_paragraphs
from kg.extract import extract_mentions, extract_quotes
from kg.extract.quotes.slots import slot_names
from kg.records import Article, DocResult, Mention, Sentence, Skipped
from kg.resolve import link_document
from kg.segment import split_sentences

log = logging.getLogger(__name__)


def run_batch(annotator, articles: list[Article]) -> list[DocResult | Skipped]:
    """Articles → one result each, in the order given: prepare each, tag all at once, analyse each."""
    prepared = prepare_batch(articles)
    return extract_batch(prepared, tag_batch(annotator, prepared))


def prepare(article: Article) -> tuple[list[tuple[int, int]], list[Sentence]]:
    """Clean (the body's paragraphs) and segment (sentences of tokens)."""
    paragraphs = body_paragraphs(article.text)
    return paragraphs, split_sentences(article.text, paragraphs)


def analyse(article: Article, paragraphs, sentences: list[Sentence], tags: list[list[str]]) -> DocResult:
    """Extract (mentions, quotes) and link (one entity number per mention within the article)."""
    text = article.text
    mentions = extract_mentions(text, sentences, tags)
    mentions = slot_names(text, sentences, mentions)  # a name in a speech cue's slot is a person's, seen or not
    quotes = extract_quotes(text, paragraphs, sentences, mentions)
    res = DocResult(
        doc=article.doc, source=article.source,
        sha=text_sha(text),
        words=sum(len(s.tokens) for s in sentences), sentences=len(sentences),
        mentions=mentions, quotes=quotes,
    )
    link_document(res, text)
    res.cooccur = _cooccurrences(mentions)
    return res


def text_sha(text: str) -> str:
    """The article's content hash: a result's `sha`, and how a build knows a text it has seen."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _cooccurrences(mentions: list[Mention]) -> list[tuple[int, ...]]:
    """Per sentence that names two entities or more, the indices of its mentions."""
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence, []).append(i)
    return [tuple(v) for _, v in sorted(by_sentence.items()) if len({mentions[i].entity for i in v}) > 1]


def prepare_batch(articles: list[Article]) -> list:
    """Clean and segment each article; a failure becomes that article's Skipped."""
    out = []
    for art in articles:
        try:
            out.append((art, *prepare(art)))
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the batch
            out.append(Skipped(art.source, f"could not segment: {type(e).__name__}: {e}"))
    return out


def tag_batch(annotator, prepared: list) -> list:
    """NER tags for every prepared article, in one call (the model is busiest with many sentences)."""
    return annotator.tag([p[2] for p in prepared if not isinstance(p, Skipped)])


def extract_batch(prepared: list, tags: list) -> list[DocResult | Skipped]:
    """One result per article, in the order given."""
    out, it = [], iter(tags)
    for p in prepared:
        if isinstance(p, Skipped):
            out.append(p)
            continue
        art, paragraphs, sents = p
        doc_tags = next(it)
        try:
            out.append(analyse(art, paragraphs, sents, doc_tags))
        except Exception as e:  # noqa: BLE001
            log.exception("extraction failed for %s", art.source)
            out.append(Skipped(art.source, f"extraction failed: {type(e).__name__}: {e}"))
    return out

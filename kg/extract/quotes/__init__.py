"""Direct and indirect quotes, linked to their speakers.

The flow: direct spans (direct.py) index the document (document.py); the indirect clauses of
every sentence (indirect.py), the headline's claim (headlines.py) and the narration a source
credit attributes (credits.py) and the attributions after the content or in the passive
(postposed.py) are found outside them;
then each direct quote gets its speaker (speakers.py decides). Before all of it (kg.process), the
names in speakers' slots the NER model missed become persons (slots.py). Word classes are in kg/data/.
"""
from __future__ import annotations

import re

from kg.records import Mention, Quote, Sentence

from kg.extract.quotes.credits import credited_quotes
from kg.extract.quotes.direct import attribute, direct_spans
from kg.extract.quotes.document import Document, Found
from kg.extract.quotes.headlines import headline_quotes, subheadline_quotes
from kg.extract.quotes.indirect import indirect_quotes
from kg.extract.quotes.postposed import postposed_quotes, with_postposed_sayers

__all__ = ["extract_quotes"]

# two apostrophes written as a double quotation mark (''Kami ...,'' kata X)
_TWO_APOSTROPHES = re.compile(r"(?<!')''(?!')")


def extract_quotes(text: str, paragraphs: list[tuple[int, int]], sentences: list[Sentence],
                   mentions: list[Mention]) -> list[Quote]:
    straight = _straighten(text)
    spans = direct_spans(straight, paragraphs)
    doc = Document(straight, sentences, mentions, quoted=[(s.start, s.end) for s in spans])
    indirect = [q for si in range(len(sentences)) for q in indirect_quotes(doc, si)]
    indirect = headline_quotes(doc, paragraphs, indirect)
    indirect += subheadline_quotes(doc, paragraphs, indirect)
    indirect += credited_quotes(doc, indirect)
    indirect = sorted(indirect + postposed_quotes(doc, indirect), key=lambda q: q.start)
    direct = with_postposed_sayers(doc, attribute(doc, spans, indirect, paragraphs))
    found = sorted(direct + indirect, key=lambda q: (q.start, q.kind))
    # one quote per span: two rules may read the same piece (a verb's "bahwa" and a credit around it)
    first: dict[tuple[int, int, str], Found] = {}
    for q in found:
        first.setdefault((q.start, q.end, q.kind), q)
    found = list(first.values())
    return [Quote(q.start, q.end, text[q.start:q.end], q.kind, *q.who) for q in found]  # the text as written


def _straighten(text: str) -> str:
    """The text with each '' read as one straight double mark and a space, offsets unchanged."""
    return _TWO_APOSTROPHES.sub('" ', text) if "''" in text else text

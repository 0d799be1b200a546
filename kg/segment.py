"""Rule-based tokenizer and sentence splitter with exact character offsets.

kg feeds Stanza pre-tokenized sentences: a regex tokenizer is several times
faster than a neural one on CPU (the NER then dominates the run time), and it
gives offsets into the text as read by construction. The project's trained
Stanza tokenizer (kg/models/tokenize) ships for users who build their own
Stanza pipelines; see kg/models/README.md.
"""
from __future__ import annotations

import re

from kg.records import Sentence, Token

MAX_TOKENS = 120  # longer "sentences" (lists, unpunctuated dumps) are cut: bounds NER time and memory

_ABBREV = r"(?:Mr|Mrs|Ms|Dr|dr|Prof|Jr|Sr|St|Ir|Hj|No|Jl|Drs|Bpk|Kol|Letjen|Mayjen|Brigjen|Kompol|Ny|Sdr|Tn|Yth|dkk|dll|dsb|Rp)\."
_TOKEN = re.compile(
    rf"""
    (?=[A-Za-z]+\.)(?:               # only where letters run into a full stop (fast path for words):
        (?:[A-Z]\.){{2,}}              # A.S., U.S.
      | {_ABBREV}(?=\s|$)             # Mr. Putin
      | [A-Z]\.(?=\s+\w)              # middle initial: Antony J. Blinken
    )
  | \d+(?:[.,:/]\d+)+                # 13.000  3,5  19:21  21/1/2022
  | \w+(?:[-'’]\w+)*                 # words, incl. reduplication and Jum'at
  | \S                               # anything else, one character at a time
    """,
    re.VERBOSE,
)
_END = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "]", "»"}
_OPENERS = {'"', "“", "‘", "'", "(", "[", "«"}
_BREAKS = _END | _CLOSERS  # only these tokens can end a sentence


def tokenize(text: str, start: int, end: int) -> list[Token]:
    new = tuple.__new__  # Token(...) without the NamedTuple wrapper: this runs once per token
    return [new(Token, (m.group(), m.start(), m.end())) for m in _TOKEN.finditer(text, start, end)]


def split_sentences(text: str, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for p, (start, end) in enumerate(paragraphs):
        toks = tokenize(text, start, end)
        first = 0  # index of the current sentence's first token
        for i, tok in enumerate(toks):
            if (tok.text in _BREAKS and _ends_sentence(toks, i)) or i + 1 - first >= MAX_TOKENS:
                sentences.append(Sentence(toks[first].start, tok.end, tuple(toks[first:i + 1]), p))
                first = i + 1
        if first < len(toks):
            sentences.append(Sentence(toks[first].start, toks[-1].end, tuple(toks[first:]), p))
    return sentences


def _ends_sentence(toks: list[Token], i: int) -> bool:
    tok = toks[i].text
    if tok in _CLOSERS and i > 0 and toks[i - 1].text in _END:
        nxt = i + 1  # .” ends the sentence when a new one begins after it
    elif tok in _END:
        nxt = i + 1
        if nxt < len(toks) and toks[nxt].text in _CLOSERS and toks[nxt].text not in _OPENERS:
            return False  # wait for the closing quote
        if nxt < len(toks) and toks[nxt].text in {'"', "'"} and toks[nxt].start == toks[i].end:
            return False  # straight quote glued to the stop closes the quote
    else:
        return False
    if nxt >= len(toks):
        return True
    following = toks[nxt].text
    return following[0].isupper() or following[0].isdigit() or following in _OPENERS

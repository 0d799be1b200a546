"""The document quotes are found in: its text, sentences, mentions and direct quotes,
indexed by offset, and the records quote finders return."""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from kg import lexicon, site
from kg.records import Mention, Sentence

WORD = re.compile(r"\w+")
SPEAKER_TYPES = {"PERSON", "ORGANIZATION", "COUNTRY"}
# "dirinya" (himself) and "pihaknya" (his side) stand for the last speaker as subjects
REFER_BACK = lexicon.pronouns()
_OBJECT_PREPOSITIONS = lexicon.function_words("object_prepositions")
_HEARSAY = lexicon.speaker_words("hearsay")
# a verb ("mendesak", "dihubungi"): a name right after it is its object or agent, not a subject;
# "menurut X" names a source, who is one
_VERB_BEFORE = re.compile(r"^(?:me|di)[a-z]{3,}$")
_ACCORDING = lexicon.speech_words("according")
# where scraping glued two words ("berdasarkanNota", "Kasi IntelKejaksaan"): read them apart
CASE_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z])")
# "Hal ini diungkapkan oleh X": X is who spoke, the agent of a passive attribution
_ATTRIBUTED = re.compile(rf"\b(?:{'|'.join(lexicon.speaker_words('statements'))})\s+"
                         rf"(?:{'|'.join(lexicon.speaker_words('statement_demonstratives'))})\s+di\w+(?:\s+oleh)?$",
                         re.IGNORECASE)


class Attribution(NamedTuple):
    """How the text attributes a quote; fields as in kg.records.Quote."""

    cue: str | None = None
    speaker: int | None = None  # index into the document's mentions
    speaker_desc: str | None = None
    addressee: int | None = None

    @property
    def named(self) -> bool:
        """Does it name or describe a speaker?"""
        return self.speaker is not None or self.speaker_desc is not None


NOBODY = Attribution()


class Found(NamedTuple):
    """A quote found: its span in the document and its attribution."""

    start: int
    end: int
    kind: str  # "direct" | "indirect"
    who: Attribution = NOBODY

    @property
    def speaker(self) -> int | None:
        return self.who.speaker


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Is pos within (or touching) one of the sorted, non-overlapping spans?"""
    i = bisect.bisect_right(spans, (pos + 1, len(spans) and 1 << 62)) - 1
    return i >= 0 and spans[i][0] - 1 <= pos <= spans[i][1] + 1 or \
        (i + 1 < len(spans) and spans[i + 1][0] - 1 <= pos <= spans[i + 1][1] + 1)


class Document:
    def __init__(self, text: str, sentences: list[Sentence], mentions: list[Mention],
                 quoted: list[tuple[int, int]]):
        self.text = text
        self.sentences = sentences
        self.mentions = mentions  # sorted by start
        self.quoted = quoted  # the direct quotes' spans, sorted
        self._sent_starts = [s.start for s in sentences]
        self._mention_starts = [m.start for m in mentions]
        self._subjects: dict[bool, list[tuple[int, int]]] = {}

    def in_quote(self, pos: int) -> bool:
        return _inside(pos, self.quoted)

    def sentence_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, pos) - 1)

    def mention_at(self, pos: int) -> int | None:
        i = bisect.bisect_right(self._mention_starts, pos) - 1
        return i if i >= 0 and self.mentions[i].start <= pos < self.mentions[i].end else None

    def speaker_at(self, pos: int) -> int | None:
        """The mention at pos when it is of a type that can speak (a person, organization, country)."""
        m = self.mention_at(pos)
        return m if m is not None and self.mentions[m].type in SPEAKER_TYPES else None

    def last_mention_before(self, pos: int) -> int:
        """Index of the last mention that starts before pos (-1 when none does)."""
        return bisect.bisect_left(self._mention_starts, pos) - 1

    def speakers_between(self, a: int, b: int) -> list[int]:
        """Mentions within [a, b) that can speak, datelines left out."""
        lo = bisect.bisect_left(self._mention_starts, a)
        hi = bisect.bisect_left(self._mention_starts, b)
        return [i for i in range(lo, hi) if self.mentions[i].end <= b and self.mentions[i].type in SPEAKER_TYPES
                and self.dateline_end(self.mentions[i]) is None]

    def subjects(self, skip_quoted: bool) -> list[tuple[int, int]]:
        """(start, mention) of the first person named in each sentence (outside the direct
        quotes when skip_quoted), not after a preposition: the sentence's subject, most often."""
        if skip_quoted not in self._subjects:
            seen, subj = set(), []
            for i, m in enumerate(self.mentions):
                if m.type == "PERSON" and m.sentence not in seen and not (skip_quoted and self.in_quote(m.start)) \
                        and self._subject_like(m):
                    seen.add(m.sentence)
                    subj.append((m.start, i))
            self._subjects[skip_quoted] = subj
        return self._subjects[skip_quoted]

    def _subject_like(self, m: Mention) -> bool:
        """Not an object ("bagi Presiden X", "mendesak X") or an agent ("saat dihubungi X"), not talked about
        ("X disebut akan ..."), not a pronoun read as a name ("Dirinya"), nor a name in a
        reference ("(baca: X: ...)", ".../X.1/...")."""
        word = WORD.match(self.text, m.start)
        if word and word.group().casefold() in REFER_BACK:
            return False
        before = self.text[max(0, m.start - 120):m.start].rstrip()  # titles can be long
        if before[-1:] in {"/", ":", "("}:
            return False
        words = CASE_CHANGE.sub(" ", before).split()  # "berdasarkanNota": glued by scraping
        while words and (w := words[-1].strip("()"))[:1].isupper() and w[-1:].isalpha():
            words.pop()  # titles and roles before the name: "Presiden Amerika Serikat (AS)"
        if _ATTRIBUTED.search(" ".join(words[-4:])):
            return True
        if words and (words[-1].casefold() in _OBJECT_PREPOSITIONS or
                      _VERB_BEFORE.match(words[-1]) and words[-1] not in _ACCORDING):
            return False
        after = WORD.search(self.text, m.end, m.end + 40)
        return not (after and after.group().casefold() in _HEARSAY)

    def dateline_end(self, m: Mention) -> int | None:
        """Where the dateline that m opens ends: 'Outlet.com, Place - ...' opening a line names where
        the story ran, never who spoke."""
        return site.dateline_end(self.text, m.start, m.end)

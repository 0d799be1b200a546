"""Direct and indirect quotes, linked to their speakers.

Direct quotes are the spans between quotation marks (curly or straight, or
running to the end of the paragraph when a multi-paragraph quote leaves its
closing mark off). Indirect quotes are the clauses governed by a speech verb
("X mengatakan (bahwa) ...", "menurut X, ..."); what each verb needs after it (a clause
with its own predicate, a bare predicate, an addressee and a request) is its frame in
speech_verbs.txt, so "menilai kinerja X" (a topic) is no quote and "menilai X perlu Y" is.
An interrupted report ("A, kata X, B") gives one quote per piece. A speaker is found, in order
of preference, from a cue right after the quote ("..., kata X", "ujarnya"),
from a speech verb earlier in the same sentence ("X mengatakan: ..."), or
from the quote just before (a quote resumed after its attribution). Pronouns
and -nya clitics resolve to the most recent sentence subject or speaker.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from kg import lexicon
from kg.extract.entities import is_outlet
from kg.records import Mention, Quote, Sentence, Token

MIN_WORDS = 3
OPEN = "“\"‘"
CLOSE = {"“": "”\"", "\"": "\"”", "‘": "’"}
# "dirinya" (himself) and "pihaknya" (his side) stand for the last speaker as subjects
PRONOUNS = lexicon.pronouns()  # kg/data/pronouns.txt
# subjects that are documents, not sources: "Undang-Undang ... menegaskan", "Pasal 5 menyatakan"
_DOCUMENTS = {"undang-undang", "uu", "uud", "pasal", "ayat", "peraturan", "perpres", "perppu", "permen", "perda",
              "pergub", "perbup", "perwali", "keputusan", "keppres", "kepmen", "surat", "konstitusi", "regulasi"}
# the start of a subject that describes a speaker without naming one
DESCRIPTORS = {"seorang", "para", "sejumlah", "beberapa", "pejabat", "sumber", "juru", "jubir", "pihak",
               "kalangan", "banyak", "sebagian", "mereka", "ajudan", "pengamat", "analis", "diplomat"}
_WORD = re.compile(r"\w+")
# a name right after these is an object or adjunct, not a subject
_OBJECT_PREPOSITIONS = {"bagi", "kepada", "dengan", "oleh", "untuk", "dari", "ke", "di", "pada", "terhadap", "atas",
                        "tentang", "bersama", "antara", "kepadanya", "menemui", "mengunjungi", "melawan", "seperti"}
_SPEAKER_TYPES = {"PERSON", "ORGANIZATION", "COUNTRY"}
_ADVERBS = {"juga", "telah", "pun", "sudah", "hanya", "tidak", "pernah", "akan", "kembali", "lagi", "terus", "masih",
            "bahkan", "justru", "sempat", "sebelumnya", "kemudian", "lalu", "pula", "secara", "tegas"}


@dataclass
class _Doc:
    text: str
    sentences: list[Sentence]
    mentions: list[Mention]  # sorted by start

    def __post_init__(self):
        self._sent_starts = [s.start for s in self.sentences]
        self._mention_starts = [m.start for m in self.mentions]
        self._subjects: dict[int, list[tuple[int, int]]] = {}

    def subjects(self, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """(start, mention) of the first person named in each sentence outside quotes, not
        after a preposition: the sentence's subject, most often."""
        key = len(quoted)  # callers pass either no spans or all the direct quotes' spans
        if key not in self._subjects:
            seen, subj = set(), []
            for i, m in enumerate(self.mentions):
                if m.type == "PERSON" and m.sentence not in seen and not _inside(m.start, quoted) \
                        and self.subject_like(m):
                    seen.add(m.sentence)
                    subj.append((m.start, i))
            self._subjects[key] = subj
        return self._subjects[key]

    def subject_like(self, m: Mention) -> bool:
        """Not an object ("bagi Presiden X"), a pronoun read as a name ("Dirinya"), or a name
        in a reference ("(baca: X: ...)", ".../X.1/...")."""
        word = _WORD.match(self.text, m.start)
        if word and word.group().casefold() in PRONOUNS:
            return False
        before = self.text[max(0, m.start - 60):m.start].rstrip()
        if before[-1:] in {"/", ":", "("}:
            return False
        words = before.split()
        while words and words[-1][:1].isupper() and words[-1][-1:].isalpha():
            words.pop()  # titles and roles before the name
        return not words or words[-1].casefold() not in _OBJECT_PREPOSITIONS

    def sentence_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, pos) - 1)

    def mention_at(self, pos: int) -> int | None:
        i = bisect.bisect_right(self._mention_starts, pos) - 1
        return i if i >= 0 and self.mentions[i].start <= pos < self.mentions[i].end else None

    def speaker_at(self, pos: int) -> int | None:
        """The mention at pos when it is of a type that can speak (a person, organization, country)."""
        m = self.mention_at(pos)
        return m if m is not None and self.mentions[m].type in _SPEAKER_TYPES else None


def extract_quotes(text: str, paragraphs: list[tuple[int, int]], sentences: list[Sentence],
                   mentions: list[Mention]) -> list[Quote]:
    original, text = text, _straighten(text)
    doc = _Doc(text, sentences, mentions)
    direct = [q for p in paragraphs if not _FURNITURE.match(text, p[0], p[1]) for q in _direct_spans(text, *p)]
    quoted = [(q.start, q.end) for q in direct]
    indirect = [q for si in range(len(sentences)) for q in _indirect(doc, si, quoted)]
    indirect = _headline(doc, paragraphs, quoted, indirect)
    _attribute_direct(doc, direct, indirect, paragraphs)
    quotes = sorted(direct + indirect, key=lambda q: (q.start, q.kind))
    for q in quotes:
        q.text = original[q.start:q.end]  # the text as written, never the straightened copy
    return quotes


# two apostrophes written as a double quotation mark (''Kami ...,'' kata X)
_TWO_APOSTROPHES = re.compile(r"(?<!')''(?!')")


def _straighten(text: str) -> str:
    """The text with each '' read as one straight double mark and a space, offsets unchanged."""
    return _TWO_APOSTROPHES.sub('" ', text) if "''" in text else text


# -- direct quotes ---------------------------------------------------------

_OPEN_MARK = re.compile("[" + OPEN + "]")
# links to other articles ('Tonton juga "..." di sini'): a title in quotation marks, no speech (convention 7)
_FURNITURE = re.compile(r"\s*(?:(?:baca|simak|lihat|tonton|saksikan)\s+juga\b|baca\s*:)", re.IGNORECASE)
# inside a quote opened by the key: its closing marks, and “ (a new quote: the old one was never closed)
_STOP_MARK = {ch: re.compile("[" + CLOSE[ch] + ("" if ch == "‘" else "“") + "]") for ch in OPEN}


def _direct_spans(text: str, start: int, end: int) -> list[Quote]:
    out: list[Quote] = []
    i = start
    while m := _OPEN_MARK.search(text, i, end):
        i, ch = m.start(), m.group()
        if not _opens(text, i, start):
            i += 1
            continue
        j = _quote_end(text, ch, i + 1, end)
        closed = j < end and text[j] in CLOSE[ch]
        q = _make_direct(text, i + 1, j)
        if q and _titled(text, i, start):
            q = None  # 'diskusi bertajuk “...”': a title, not speech
        if q and (closed or ch != "‘"):
            q.cue = "‘" if ch == "‘" else None  # single marks: kept only with a speech cue after them
            out.append(q)
        i = j + 1 if closed else j
    return out


def _titled(text: str, i: int, start: int) -> bool:
    """Is the quotation mark at i right after a word that names a title ("bertajuk", "diskusi")?"""
    before = text[max(start, i - 30):i].rstrip()
    words = _WORD.findall(before)
    return before[-1:].isalpha() and words[-1].casefold() in lexicon.speech_cues()["title"]


def _quote_end(text: str, ch: str, j: int, end: int) -> int:
    """Position of the mark that closes a quote opened by `ch`, or where it breaks off."""
    while stop := _STOP_MARK[ch].search(text, j, end):
        j = stop.start()
        if text[j] in CLOSE[ch] and _closes(text, j, end) or text[j] == "“":
            return j
        j += 1
    return end


def _opens(text: str, i: int, start: int) -> bool:
    return i == start or not text[i - 1].isalnum()


def _closes(text: str, j: int, end: int) -> bool:
    return j + 1 >= end or not text[j + 1].isalnum()


def _make_direct(text: str, a: int, b: int) -> Quote | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",."):
        b -= 1
    if len(_WORD.findall(text[a:b])) < MIN_WORDS:
        return None
    return Quote(a, b, text[a:b], "direct")


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Is pos within (or touching) one of the sorted, non-overlapping spans?"""
    i = bisect.bisect_right(spans, (pos + 1, len(spans) and 1 << 62)) - 1
    return i >= 0 and spans[i][0] - 1 <= pos <= spans[i][1] + 1 or \
        (i + 1 < len(spans) and spans[i + 1][0] - 1 <= pos <= spans[i + 1][1] + 1)


# -- speakers --------------------------------------------------------------

def _resolve_pronoun(doc: _Doc, pos: int, quotes: list[Quote], quoted: list[tuple[int, int]]) -> int | None:
    """The most recent named speaker or sentence subject before `pos`."""
    best, best_pos = None, -1
    for q in quotes[-50:]:  # recent quotes are enough, and keep this cheap on huge inputs
        if q.speaker is not None and best_pos < q.start < pos and doc.mentions[q.speaker].type == "PERSON":
            best, best_pos = q.speaker, q.start
    subjects = doc.subjects(quoted)
    i = bisect.bisect_right(subjects, (pos, -1)) - 1
    while i >= 0 and doc.mentions[subjects[i][1]].end > pos:
        i -= 1
    if i >= 0 and subjects[i][0] > best_pos:
        best = subjects[i][1]
    return best


def _mentions_between(doc: _Doc, a: int, b: int) -> list[int]:
    lo = bisect.bisect_left(doc._mention_starts, a)
    hi = bisect.bisect_left(doc._mention_starts, b)
    return [i for i in range(lo, hi) if doc.mentions[i].end <= b and doc.mentions[i].type in _SPEAKER_TYPES
            and _dateline_end(doc, doc.mentions[i]) is None]


_DATELINE_AFTER = re.compile(r",\s*[A-Z][\w .]*?\s*[-–—]+\s*")


def _dateline_end(doc: _Doc, m: Mention) -> int | None:
    """Where the dateline that m opens ends: 'Outlet.com, Place - ...' opening a line names where
    the story ran, never who spoke."""
    line_start = doc.text.rfind("\n", 0, m.start) + 1
    if doc.text[line_start:m.start].strip():
        return None
    if not (is_outlet(m.text) or m.text in lexicon.outlets().get("names", [])):
        return None
    after = _DATELINE_AFTER.match(doc.text, m.end, m.end + 40)
    return after.end() if after else None


def _pick_speaker(doc: _Doc, idxs: list[int], last: bool) -> int | None:
    persons = [i for i in idxs if doc.mentions[i].type == "PERSON"]
    if persons:
        return persons[-1] if last else persons[0]
    return idxs[0] if idxs else None


def _tokens_after(doc: _Doc, pos: int, n: int) -> list[Token]:
    si = doc.sentence_at(pos)
    toks = [t for s in doc.sentences[si:si + 2] for t in s.tokens if t.start >= pos]
    return toks[:n]


def _clause_end(toks: list[Token]) -> int:
    for k, t in enumerate(toks):
        if t.text in {".", "!", "?", ";", "“", "\""} or (t.text == "," and k > 0):
            return t.start
    return toks[-1].end if toks else 0


def _addressee(doc: _Doc, toks: list[Token]) -> int | None:
    for k, t in enumerate(toks[:-1]):
        if t.text.casefold() == "kepada":
            return doc.speaker_at(toks[k + 1].start)
        if t.text in {".", ",", "“", "\""}:
            return None
    return None


def _cue_after(doc: _Doc, q: Quote, quotes, quoted) -> bool:
    """'"...," kata X' / 'ujarnya' / 'ia menambahkan' / 'X menambahkan'."""
    close = q.end
    while close < len(doc.text) and doc.text[close] in ",.!? ”\"’":
        close += 1
    toks = _tokens_after(doc, close, 16)
    if not toks or toks[0].start - q.end > 4:
        return False
    if toks[0].text.casefold() in {"demikian", "begitu"} and len(toks) > 1:  # '"...," demikian kata X'
        toks = toks[1:]
    first = toks[0].text.casefold()
    if first in _after_cues() or (_is_verb(first) and len(toks) > 1):
        q.cue = toks[0].text
        if first.endswith("nya") and first not in lexicon.speech_cues()["after"]:
            q.speaker = _resolve_pronoun(doc, q.start, quotes, quoted)
            q.addressee = _addressee(doc, toks[1:])
            return True
        rest = toks[1:]
        end = min(_clause_end(rest), _setting_start(rest))
        cands = _mentions_between(doc, rest[0].start if rest else close, end)
        cands = [c for c in cands if _word_before(doc, c, rest).casefold() != "kepada"]
        if not any(doc.mentions[c].type == "PERSON" for c in cands) or _relative_of(doc, cands, rest):
            cands = _appositive(doc, rest, end) + cands  # "kata Direktur Lembaga X, Budi Santoso"
        q.speaker = _pick_speaker(doc, cands, last=False)
        if _role_of_known(doc, cands, rest, end):
            q.speaker = _resolve_pronoun(doc, q.start, quotes, quoted)
            if q.speaker is None:
                q.speaker_desc = _desc(doc.text[rest[0].start:end])
        elif q.speaker is None and rest:
            q.speaker_desc = _desc(doc.text[rest[0].start:end]) if rest[0].text.casefold() not in PRONOUNS else None
            if rest[0].text.casefold() in PRONOUNS or _anaphoric(q.speaker_desc):
                q.speaker, q.speaker_desc = _resolve_pronoun(doc, q.start, quotes, quoted), None
        q.addressee = _addressee(doc, rest)
        return True
    if first in PRONOUNS and len(toks) > 1 and (_is_verb(toks[1].text) or toks[1].text.casefold() in _after_cues()):
        q.cue = toks[1].text
        q.speaker = _resolve_pronoun(doc, q.start, quotes, quoted)
        return True
    m = doc.speaker_at(toks[0].start)
    if m is not None:
        after = [t for t in toks if t.start >= doc.mentions[m].end]
        if after and _is_verb(after[0].text):
            q.cue, q.speaker = after[0].text, m
            return True
    return False


# where or how it was said: "kata X di Jakarta", "kata X dalam pernyataan di Situs Y" - the
# speaker is named before these, never after
_SETTING = {"di", "dalam", "melalui", "lewat", "saat", "ketika", "usai", "seusai", "seperti", "sebagaimana"}


def _setting_start(toks: list[Token]) -> int:
    for t in toks[1:]:
        if t.text.casefold() in _SETTING:
            return t.start
    return toks[-1].end if toks else 0


def _relative_of(doc: _Doc, cands: list[int], toks: list[Token]) -> bool:
    """'kata pengacara X, Y' / 'kata istri X, Y': the first person is named after a lower-case
    relation noun, so the name after the comma is the one who spoke."""
    persons = [c for c in cands if doc.mentions[c].type == "PERSON"]
    if not persons:
        return False
    prev = _word_before(doc, persons[0], toks)
    return prev.isalpha() and prev.islower()


def _appositive(doc: _Doc, toks: list[Token], end: int) -> list[int]:
    """A person named after the comma that ends a role: '..., kata Kepala Dinas X, (Kompol) Budi'."""
    after = [t for t in toks if t.start > end][:3]
    if not after or doc.text[end:end + 1] != ",":
        return []
    for t in after:
        m = doc.mention_at(t.start)
        if m is not None and doc.mentions[m].type == "PERSON" and doc.mentions[m].start == t.start:
            return [m]
        if not t.text[:1].isupper():
            return []
    return []


# a description that points back at a person already named: "pemain asal Brasil itu", "sang menteri"
def _anaphoric(desc: str | None) -> bool:
    words = (desc or "").casefold().split()
    return len(words) >= 2 and (words[-1] in {"itu", "tersebut"} or words[0] == "sang")


def _role_of_known(doc: _Doc, cands: list[int], rest: list[Token], end: int) -> bool:
    """'kata Doktor Ilmu Politik Universitas X tersebut': a role naming only an organization and
    ending in a demonstrative points back at a person already named, not at the organization."""
    if not rest or not cands or any(doc.mentions[c].type == "PERSON" for c in cands):
        return False
    return all(doc.mentions[c].start > rest[0].start for c in cands) and \
        _anaphoric(_desc(doc.text[rest[0].start:end]))


def _word_before(doc: _Doc, c: int, toks: list[Token]) -> str:
    """The last of toks before mention c, or ""."""
    prev = [t for t in toks if t.end <= doc.mentions[c].start]
    return prev[-1].text if prev else ""


def _desc(s: str) -> str | None:
    s = s.strip(" ,.")
    return s if s and len(s.split()) <= 12 else None


def _verb_before(doc: _Doc, q: Quote, quotes, quoted) -> bool:
    """'X mengatakan (kepada Y) (bahwa) “...”' within the same sentence."""
    si = doc.sentence_at(q.start)
    sent = doc.sentences[si]
    toks = [t for t in sent.tokens if t.end <= q.start - 1]
    for k in range(len(toks) - 1, -1, -1):
        w = toks[k].text
        if _is_verb(w) or (w.casefold() in _after_cues() and k == 0):
            if _inside(toks[k].start, quoted):
                continue
            q.cue = w
            _subject(doc, q, sent, toks, k, quotes, quoted)
            q.addressee = _addressee(doc, toks[k + 1:])
            return q.speaker is not None or q.speaker_desc is not None
    return False


# "Saya berharap ..." in narration is the current speaker talking without quotation marks (they
# were lost or left out); a first-person pronoun never describes who spoke
_FIRST_PERSON = {"saya", "aku", "kami", "kita"}


def _clause_start(toks: list[Token], b: int) -> int:
    """Index of the first token of the clause holding toks[b]."""
    while b > 0 and toks[b - 1].text not in {".", "!", "?", ";", ",", ":"}:
        b -= 1
    return b


def _subject(doc: _Doc, q: Quote, sent: Sentence, toks: list[Token], k: int, quotes, quoted) -> None:
    """Speaker of a verb at toks[k]: the nearest subject before it in its clause."""
    start = sent.start
    first_m = doc.mention_at(toks[0].start) if toks else None
    if first_m is not None:  # a dateline is no part of the subject: "Outlet.com, Place - Polisi mengatakan"
        start = max(start, _dateline_end(doc, doc.mentions[first_m]) or start)
    for t in reversed(toks[:k]):
        if t.text.casefold() in {"bahwa", ";"}:
            start = t.end
            break
    cands = [c for c in _mentions_between(doc, start, toks[k].start) if not _inside(doc.mentions[c].start, quoted)]
    prev = toks[k - 1].text.casefold() if k else ""
    clause = [t for t in toks[:k] if t.start >= start]
    first = clause[0].text.casefold() if clause else ""
    b = k - 1
    while b >= 0 and toks[b].text.casefold() in _ADVERBS:
        b -= 1
    before = toks[b].text.casefold() if b >= 0 else ""
    zero = before in _CLAUSE - {","} or (before == "," and b > 0 and doc.mention_at(toks[b - 1].start) is None)
    if prev in PRONOUNS or before in PRONOUNS or (before in _FIRST_PERSON and b == _clause_start(toks, b)):
        q.speaker = _resolve_pronoun(doc, toks[k].start, quotes, quoted)
    elif zero:
        # no subject of its own ("..., tetapi mengatakan", "dan mengatakan"): the subject of
        # the last predicate before it, else the last speaker
        q.speaker = _previous_subject(doc, toks, b, quotes, quoted)
    elif first in {"pihak", "kubu"} and len(clause) <= 4 and cands:
        q.speaker = cands[-1]  # "Pihak KONI menyatakan": the organization itself
    elif first in DESCRIPTORS and not any(doc.mentions[c].type == "PERSON" for c in cands):
        q.speaker_desc = _desc(doc.text[clause[0].start:toks[k].start]) if clause else None
    else:
        q.speaker = _pick_speaker(doc, cands, last=True)
        if q.speaker is None and clause:
            q.speaker_desc = _desc(doc.text[clause[0].start:toks[k].start])


def _previous_subject(doc: _Doc, toks: list[Token], b: int, quotes, quoted) -> int | None:
    for i in range(b - 1, -1, -1):
        if not _VERBLIKE.match(toks[i].text) or _inside(toks[i].start, quoted):
            continue
        j = i - 1
        while j >= 0 and toks[j].text.casefold() in _ADVERBS:
            j -= 1
        if j < 0:
            break
        if toks[j].text.casefold() == "yang" and j > 0:  # "..., Rudi Hartono, yang mengatakan"
            j -= 1 + (toks[j - 1].text == "," and j > 1)
        if toks[j].text.casefold() in PRONOUNS:
            return _resolve_pronoun(doc, toks[j].start, quotes, quoted)
        m = doc.speaker_at(toks[j].start)
        if m is not None:
            first = next(t for t in range(j, -1, -1) if t == 0 or toks[t - 1].start < doc.mentions[m].start)
            if first > 0 and toks[first - 1].text.casefold() in _SUBORDINATORS:
                continue  # the subject of a subordinate clause ("jika Rusia memilihnya")
            return m
    return _resolve_pronoun(doc, toks[b].start if b >= 0 else 0, quotes, quoted)


def _attribute_direct(doc: _Doc, direct: list[Quote], indirect: list[Quote],
                      paragraphs: list[tuple[int, int]]) -> None:
    quoted = [(q.start, q.end) for q in direct]
    done: list[Quote] = list(indirect)
    for q in list(direct):
        if q.cue == "‘":
            q.cue = None
            if not _cue_after(doc, q, done, quoted):
                direct.remove(q)  # 'scare quotes' and terms, not speech
                continue
            done.append(q)
            continue
        prev = max((d for d in done if d.end <= q.start and (d.speaker is not None or d.speaker_desc)),
                   key=lambda d: d.end, default=None)
        host = next((iq for iq in indirect if iq.start <= q.start and q.end <= iq.end + 2), None)
        if _cue_after(doc, q, done, quoted):
            pass
        elif host is not None:
            q.cue, q.speaker, q.speaker_desc, q.addressee = host.cue, host.speaker, host.speaker_desc, host.addressee
        elif _verb_before(doc, q, done, quoted):
            pass
        elif prev is not None and _para(paragraphs, q.start) - _para(paragraphs, prev.end) <= 1:
            q.cue, q.speaker, q.speaker_desc = prev.cue, prev.speaker, prev.speaker_desc
        done.append(q)
    # "Hal itu disampaikan X ..." right after a quote names its speaker
    for q in direct:
        if q.speaker is None and q.speaker_desc is None:
            _passive_after(doc, q)
    # a quote before its attribution in the same paragraph gets it from the next one:
    # “A.” ... “B,” kata X.
    for a, b in zip(direct, direct[1:]):
        if a.speaker is None and a.speaker_desc is None and b.cue and \
                _para(paragraphs, a.start) == _para(paragraphs, b.start):
            a.speaker, a.speaker_desc = b.speaker, b.speaker_desc


_PASSIVE = re.compile(r"(?:hal|pernyataan|penjelasan|keterangan|ungkapan)\s+(?:itu|ini|tersebut)\s+"
                      r"(?:di\w+kan|di\w+)\b(?:\s+oleh)?", re.IGNORECASE)


def _passive_after(doc: _Doc, q: Quote) -> None:
    """'Hal itu disampaikan (oleh) Menteri X di Jakarta.' after a quote attributes it."""
    si = doc.sentence_at(q.end)
    for sent in doc.sentences[si:si + 2]:
        if sent.start < q.end:
            continue
        m = _PASSIVE.match(doc.text, sent.start, sent.end)
        if m:
            cands = _mentions_between(doc, m.end(), sent.end)
            q.speaker = _pick_speaker(doc, cands, last=False)
            q.cue = m.group().split()[-1] if q.speaker is not None else None
        return


def _para(paragraphs: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(paragraphs):
        if a <= pos <= b:
            return i
    return -1


# -- indirect quotes -------------------------------------------------------

# words that may sit between a speech verb and "bahwa": "mengatakan kepada wartawan pada hari Kamis bahwa"
_ADJUNCT = {"kepada", "pada", "dalam", "di", "saat", "ketika", "seperti", "sebagaimana", "hari", "lalu", "kemarin",
            "secara", "dengan", "melalui", "usai", "setelah", "sebelum", "juga", "wartawan", "media", "kantor",
            "berita", "pers", "konferensi", "itu", "ini", "tersebut", "awak", "pekan", "bulan", "tahun", "pagi",
            "siang", "sore", "malam", "tadi", "kembali", "lagi", "resmi", "tertulis", "keterangan", "pernyataan",
            "jumpa", "acara", "rapat", "sidang", "pertemuan", "wawancara", "briefing", "sela", "sela-sela", "(", ")",
            ",", "kepadanya", "panggilan", "telepon", "percakapan", "pembicaraan", "diskusi", "debat", "seminar",
            "terlebih", "dahulu", "dulu", "sekali", "pula", "sebelumnya"}  # "menjelaskan terlebih dahulu bahwa"
_PREPOSITIONS = {"kepada", "pada", "dalam", "di", "saat", "ketika", "seperti", "sebagaimana", "melalui", "usai",
                 "setelah", "sebelum", "dengan", "secara", "lewat", "via"}
_SUBORDINATORS = {"jika", "kalau", "apabila", "karena", "ketika", "saat", "setelah", "sebelum", "agar", "supaya",
                  "bahwa", "yang", "sementara", "meski", "meskipun", "walaupun", "sehingga"}
# conjunctions that start a new clause (a new reported statement) inside a sentence
_CLAUSE = {",", ";", "dan", "tetapi", "tapi", "namun", "sementara", "sedangkan", "serta", "seraya", "sambil",
           "lalu", "kemudian"}
# a coordinated predicate of the speaker ends the reported clause: "... siap menyerang tetapi menawarkan ..."
_CUT = re.compile(r"\s*(?:,\s*)?\b(?:(?:tetapi|tapi|namun|sementara|sedangkan)\s+(?=(?:me|ber|di)\w+)|seraya\b|sambil\b)")
_VERBLIKE = re.compile(r"^(?:me|ber|ter)\w{3,}$", re.IGNORECASE)


# frames of speech verbs (sections of speech_verbs.txt), the weakest first: a word listed in
# two sections takes the later one
_VERB_FRAMES = ("verb_bahwa", "request", "vp", "clause", "verb")


@lru_cache(maxsize=None)
def _after_cues() -> frozenset[str]:
    """Cues after a quote ("kata", "ujar") and their -nya forms ("katanya")."""
    cues = lexicon.speech_cues()["after"]
    return frozenset(cues | {c + "nya" for c in cues})


def _is_verb(word: str) -> bool:
    return _cue_kinds().get(word.casefold()) in _VERB_FRAMES


@lru_cache(maxsize=None)
def _cue_kinds() -> dict[str, str]:
    """Casefolded cue word → its kind; a dict lookup per token (this runs on every word)."""
    cues = lexicon.speech_cues()
    kinds = {w: "after" for w in _after_cues()}
    kinds.update({"menurut": "menurut", "menurutnya": "menurut"})
    kinds.update({w: "menurut" for w in cues["passive"]})  # "A disebutnya B" is read as "A menurutnya B"
    for frame in _VERB_FRAMES:
        kinds.update({w: frame for w in cues[frame]})
    return kinds


def _indirect(doc: _Doc, si: int, quoted: list[tuple[int, int]]) -> list[Quote]:
    toks = list(doc.sentences[si].tokens)
    kinds = _cue_kinds()
    folded = [t.text.casefold() for t in toks]
    cues = [(k, kind) for k, w in enumerate(folded)
            if (kind := kinds.get(w)) and w[:1].isalpha() and not _inside(toks[k].start, quoted)]
    out: list[Quote] = []
    taken_until = -1
    bounds = [i for i, w in enumerate(folded) if w in _CLAUSE]
    for n, (k, kind) in enumerate(cues):
        if toks[k].start < taken_until:
            continue  # a speech verb inside the content of an earlier one
        limit = _clause_limit(doc, toks, folded, k, cues[n + 1:n + 4], bounds)
        if kind == "menurut":
            found = _menurut(doc, toks, k, limit)
        elif kind == "after":  # its content runs past later cues: "A, lanjut X, DPR akan meminta ..."
            found = _after_cue_clause(doc, toks, k, len(toks), quoted)
        else:
            found = [_verb_clause(doc, toks, k, limit, kind, out)]
        for q in found:
            if q is not None and not _inside(q.start, quoted):
                out.append(q)
                taken_until = max(taken_until, q.end)
    return out


def _clause_limit(doc: _Doc, toks: list[Token], folded: list[str], k: int, later: list[tuple[int, str]],
                  bounds: list[int]) -> int:
    """Where the content of the cue at k ends: at the last clause boundary before a later cue that
    starts a report of its own (with its own speaker: "..., sementara Siti mengatakan ...").
    After "bahwa" a later speech verb is nested in the content (X menyatakan bahwa Y menekankan ...)
    and only a conjunction ends it."""
    nested = "bahwa" in folded[k + 1:k + 14]
    for k2, kind2 in later:
        j = bisect.bisect_left(bounds, k2) - 1
        if j < 0 or bounds[j] <= k:
            continue
        b = bounds[j]
        if b == k + 1 and folded[b] == ",":
            continue  # "X menyatakan, Y meminta ...": what follows the comma is X's content (convention 17)
        between = [w for w in folded[b + 1:k2] if w not in _ADVERBS]
        subject_before = folded[b] == "," and b > 0 and doc.mention_at(toks[b - 1].start) is not None
        if not between and not (nested and subject_before):
            return b  # a coordinated speech verb of the same speaker: "..., menambahkan bahwa"
        if nested and folded[b] == ",":
            continue
        if kind2 == "menurut" and folded[k2] != "menurutnya" and (
                k2 + 1 >= len(toks) or doc.mention_at(toks[k2 + 1].start) is None):
            continue  # "menurut etika ..." names no source
        if kind2 in {"after", "menurut"} or any(
                folded[i] in PRONOUNS or doc.mention_at(toks[i].start) is not None
                for i in range(b + 1, k2)):
            return b  # a report with a speaker of its own
    return len(toks)


def _content(doc: _Doc, a: int, b: int, cue: str) -> Quote | None:
    text = doc.text
    while a < b and (text[a].isspace() or text[a] in ",:"):
        a += 1
    m = _CUT.search(text, a, b)
    if m and m.start() > a:
        b = m.start()
    # end at a closing quote followed by a comma: ' ... “secepat mungkin,” sebagai langkah ...'
    m = re.compile(r"[,.][”\"]\s").search(text, a, b)
    if m:
        b = m.start()
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",.;:"):
        b -= 1
    if b <= a or text[a] in OPEN or len(_WORD.findall(text[a:b])) < MIN_WORDS:
        return None  # too short, or a direct quote (scored as such)
    return Quote(a, b, text[a:b], "indirect", cue=cue)


def _verb_clause(doc: _Doc, toks: list[Token], k: int, limit: int, kind: str, earlier: list[Quote]) -> Quote | None:
    if _not_reported(toks, k):
        return None
    j = k + 1
    while j < limit and j - k <= 12 and (toks[j].text.casefold() in _ADJUNCT or toks[j].text[:1].isupper()
                                          or toks[j].text[:1].isdigit()):
        j += 1
    comma = k + 2 < limit and toks[k + 1].text in {",", ":"} and toks[k + 2].text not in OPEN
    if j < limit and toks[j].text.casefold() == "bahwa":
        start_tok = j + 1
    elif kind == "verb_bahwa" and not comma:
        return None  # "X mengumumkan, ..." reports speech; "X mengumumkan hasilnya" does not
    elif k + 1 < limit and toks[k + 1].text.casefold() in _PREPOSITIONS and \
            (before := _content_before(doc, toks, k)):
        return before  # "CONTENT, X mengatakan kepada ..."
    elif k + 1 < limit and toks[k + 1].text.casefold() == "kepada":
        # "X menjanjikan kepada para pendukung, CONTENT": the content follows the addressee's comma
        comma = next((i for i in range(k + 2, min(limit, k + 9)) if toks[i].text in {",", "."}), None)
        if comma is None or toks[comma].text != "," or not _reported_piece(toks, comma + 1, limit):
            return None
        start_tok = comma + 1
    elif _attributes_quote(doc, toks, k):
        return None  # '“...,” ia menambahkan seperti dilansir ...': the cue of a direct quote
    elif j >= limit or toks[j].text in {".", "!", "?"}:
        return _content_before(doc, toks, k)  # "CONTENT, X mengatakan (kepada Y)."
    elif k + 1 < limit and toks[k + 1].text == ":":
        return None  # introduces a direct quote
    elif comma or kind == "verb":
        start_tok = k + 1
    else:
        start_tok = _framed_start(toks, k + 1, limit, kind)
        if start_tok is None:
            return None
    if start_tok >= limit:
        return None
    q = _content(doc, toks[start_tok].start, toks[limit - 1].end, toks[k].text)
    if q is None:
        return None
    sent = Sentence(toks[0].start, toks[-1].end, tuple(toks), 0)
    _subject(doc, q, sent, toks, k, earlier, [])
    if q.speaker is None and (q.speaker_desc is None or _not_a_source(q.speaker_desc)
                              or _not_reported(toks, k, _TEMPORAL)):
        return None
    q.addressee = _addressee(doc, toks[k + 1:start_tok])
    return q


# words that head a clause's predicate: modals, aspect, negation, copulas
_PREDICATE = {"akan", "bisa", "dapat", "harus", "perlu", "sudah", "telah", "masih", "belum", "tidak", "tak", "bukan",
              "adalah", "merupakan", "menjadi", "sedang", "tengah", "mampu", "ingin", "mau", "boleh", "ada", "bakal",
              "cukup", "cenderung", "mungkin", "pasti", "wajib", "mesti", "sempat", "hanya", "segera", "terus",
              "baru", "tetap", "kian", "makin", "semakin", "justru", "pun", "layak", "patut", "jadi", "lebih",
              "sangat", "paling", "kurang", "berupa"}
# words of the verb shapes (me-, ber-, di-, ter-) that are not predicates
_NOT_PREDICATE = {"terhadap", "termasuk", "tersebut", "terutama", "terkait", "tertentu", "terakhir", "terbesar",
                  "terbaru", "terbaik", "tertinggi", "terendah", "berbagai", "bersama", "berdasarkan", "beserta",
                  "bernama", "berusia", "direktur", "dinas", "diri", "dirinya", "digital", "diskusi",
                  "dini", "menurut", "meski", "meskipun", "melalui", "mengenai", "menjelang", "menteri", "media",
                  "medis", "meja", "merah", "metode", "mereka", "menit", "menara", "direksi", "distribusi",
                  "dimensi", "disiplin", "diplomat", "dirut", "dirjen", "terdakwa", "tersangka", "bertajuk",
                  "mengingat", "berkat", "tertanggal", "bersamaan", "meliputi", "mencapai", "tertulis",
                  "bersenjata", "berat", "bersejarah"}
# a predicate after these belongs to an embedded or coordinated clause, not to the content's subject
_EMBEDDING = {",", ".", ";", "(", "yang", "untuk", "dan", "serta", "atau"} | {
    "jika", "kalau", "apabila", "karena", "ketika", "setelah", "sebelum", "agar", "supaya", "sehingga"}
_VERB_SHAPE = re.compile(r"^(?:me|ber|di|ter)[a-z]{3,}$")
# nouns that make a proposition of what follows ("menekankan pentingnya ...")
_PROPOSITION = {"pentingnya", "perlunya", "adanya"}
# before a speech verb: it is not a report of what was said ("perlu mengakui", "tidak mengatakan")
_NOT_REPORTED = {"tidak", "tak", "belum", "bukan", "perlu", "harus", "wajib", "mesti", "enggan", "hendaknya",
                 "sebaiknya", "seharusnya", "patut", "boleh", "bisa", "dapat", "mampu", "ingin", "mau", "untuk",
                 "akan", "agar", "supaya", "jangan", "guna", "tanpa"}  # "tanpa menyebutkan ...": not said
# a speech verb right after these heads a clause of time with no subject of its own; with no
# named subject before it either, it reports nothing ("Langkah berikutnya setelah menyatakan siap ...")
_TEMPORAL = {"setelah", "sesudah", "sebelum", "usai", "seusai", "sejak"}


def _attributes_quote(doc: _Doc, toks: list[Token], k: int) -> bool:
    """Does the verb at k follow a closing quotation mark and at most its subject?"""
    for b in range(k - 1, max(-1, k - 6), -1):
        if toks[b].text in {"”", "\""} or doc.text[toks[b].start - 1:toks[b].start] in {"”", "\""}:
            return True
        if toks[b].text.casefold() not in PRONOUNS and doc.mention_at(toks[b].start) is None \
                and toks[b].text != ",":
            return False
    return False


def _not_a_source(desc: str) -> bool:
    """A described subject that is a law or a negated one ("Pasal 5", "tidak ada negara")."""
    words = desc.casefold().split()
    while words and words[0] in _CLAUSE:
        words = words[1:]
    return not words or words[0] in _DOCUMENTS or words[0] in {"tidak", "tak", "bukan"}


def _not_reported(toks: list[Token], k: int, words: set[str] = _NOT_REPORTED) -> bool:
    b = k - 1
    while b >= 0 and toks[b].text.casefold() in {"juga", "pun"}:
        b -= 1
    return b >= 0 and toks[b].text.casefold() in words


def _is_predicate(word: str) -> bool:
    """A modal, copula or negation, or a lower-case word of a verb's shape ("Menteng" is a name)."""
    w = word.casefold()
    return w in _PREDICATE or (_VERB_SHAPE.match(word) is not None and w not in _NOT_PREDICATE
                               and not w.endswith("nya"))  # "digelarnya" is a noun


def _framed_start(toks: list[Token], a: int, limit: int, kind: str) -> int | None:
    """Where the content of a verb of a [clause], [vp] or [request] frame starts, or None
    when what follows is no reported content (a topic noun phrase: "menilai kinerja pemerintah")."""
    first = toks[a].text.casefold() if a < limit else ""
    if first in {"jika", "kalau", "apabila", "agar", "supaya"} or (kind == "request" and first == "untuk"):
        return a + 1 if a + 1 < limit else None
    if first in _PROPOSITION or first == "ada":  # "ada ..." is a clause without a subject
        return a
    for i in range(a, min(limit, a + 10)):
        w = toks[i].text.casefold()
        if kind == "request" and w in {"untuk", "agar", "supaya"}:
            return a
        if w in {"untuk", "dan", "serta", "atau"} and not (i + 1 < limit and _VERB_SHAPE.match(toks[i + 1].text)):
            continue  # "untuk saat ini", "harga dan stok": not a purpose clause or a coordinated predicate
        if w in _EMBEDDING or toks[i].text in OPEN:
            return None  # a relative clause or a break before any predicate: a noun phrase
        if _is_predicate(toks[i].text):
            if i == a and kind not in {"vp", "request"} and w not in _PREDICATE:
                return None  # a bare verb, no clause of its own: "membantah berencana menyerang"
            return a
    return None


def _content_before(doc: _Doc, toks: list[Token], k: int) -> Quote | None:
    """'CONTENT, X mengatakan (kepada Y).' — the clause before the comma."""
    comma = next((i for i in range(k - 1, 0, -1) if toks[i].text == ","), None)
    if comma is None:
        return None
    subj = _mentions_between(doc, toks[comma].end, toks[k].start)
    if not subj:
        return None
    q = _content(doc, toks[0].start, toks[comma].start, toks[k].text)
    if q is None:
        return None
    q.speaker = _pick_speaker(doc, subj, last=True)
    q.addressee = _addressee(doc, toks[k + 1:])
    return q


# an attribution that opens a sentence: "Kata X, ...", "Lanjut X, ..."
_OPENING_CUES = {"kata", "ujar", "tutur", "lanjut", "tambah", "imbuh", "sambung"}
# what opens a piece that only frames the content ("Dalam kegiatan itu, kata X, ...")
_FRAMING = {"dalam", "pada", "di", "dari", "berdasarkan", "selain", "untuk", "dengan", "hal", "sementara", "terkait",
            "soal", "mengenai", "saat", "ketika", "usai", "setelah", "sebelum", "sejak", "hingga", "sampai", "menurut",
            "namun", "tetapi", "adapun", "oleh", "sebelumnya", "kemudian", "lalu", "bahkan", "selanjutnya", "meski",
            "dikutip", "dilansir", "dilihat", "disitat", "mengutip", "melansir", "seperti", "sebagaimana"}


def _after_cue_clause(doc: _Doc, toks: list[Token], k: int, limit: int, quoted) -> list[Quote]:
    """'CONTENT, kata X.', 'Kata X, CONTENT.', and the interrupted 'A, kata X, B.' (one entry per piece)."""
    if k == 0 or (k == 1 and toks[0].text.casefold() in {"seperti", "sebagaimana"}):  # "(Seperti) kata X, ..."
        if toks[k].text.casefold() not in _OPENING_CUES or len(toks) <= k + 3:
            return []  # "Jelas, ...", "Tegas, ..." open sentences without reporting speech
        comma = next((i for i in range(k + 1, min(limit, k + 12)) if toks[i].text == ","), None)
        if comma is None:
            return []
        cands = _mentions_between(doc, toks[k + 1].start, toks[comma].start)
        q = _content(doc, toks[comma].end, toks[limit - 1].end, toks[k].text)
        if q is None or not cands:
            return []
        q.speaker = _pick_speaker(doc, cands, last=False)
        return [q]
    if k < 2 or toks[k - 1].text not in {",", "”", "\""}:
        return []
    end = toks[k - 1].start
    while end > toks[0].start and doc.text[end - 1] in ",”\" ":
        end -= 1
    fake = Quote(end + 1, end + 1, "", "direct")
    if not _cue_after(doc, fake, [], quoted) or (fake.speaker is None and fake.speaker_desc is None):
        return []
    out = []
    after = _attribution_end(doc, toks, k + 1, limit)
    post = None
    closes_quote = doc.text[toks[0].start:toks[k].start].rstrip(" ,")[-1:] in {"”", "\""}
    if after is not None and not closes_quote and _reported_piece(toks, after + 1, limit):
        # ('“A,” kata X, di Jakarta, Senin': what follows a direct quote's attribution is its setting)
        post = _content(doc, toks[after].end, toks[limit - 1].end, toks[k].text)
    pre = _content(doc, toks[0].start, end, toks[k].text) if k >= 3 else None
    if pre is not None and toks[0].text.casefold() in _FRAMING:
        pre = None  # "Dalam kegiatan itu, kata X, CONTENT": the first piece only frames it
    for q in (pre, post):
        if q is not None and not _inside(q.start, quoted):
            q.speaker, q.speaker_desc, q.addressee = fake.speaker, fake.speaker_desc, fake.addressee
            out.append(q)
    return out


def _attribution_end(doc: _Doc, toks: list[Token], a: int, limit: int) -> int | None:
    """The comma that closes an attribution starting at toks[a] ("kata X, ..." / "menurut X, ..."),
    past an appositive name ("kata Ketua RT, Budi, ..."); None when the sentence ends first."""
    for i in range(a, min(limit, a + 12)):
        if toks[i].text in {".", "!", "?", ";"} or toks[i].text in OPEN:
            return None
        if toks[i].text == ",":
            m = doc.mention_at(toks[i + 1].start) if i + 1 < limit else None
            if m is not None and doc.mentions[m].type == "PERSON":
                nxt = next((j for j in range(i + 1, min(limit, i + 8)) if toks[j].start >= doc.mentions[m].end), None)
                if nxt is not None and toks[nxt].text == ",":
                    return nxt
            return i
    return None


def _reported_piece(toks: list[Token], a: int, b: int) -> bool:
    """Is toks[a:b] a piece of content, not a framing adverbial or a bare subject?"""
    if a >= b or toks[a].text.casefold() in _FRAMING:
        return False
    return _framed_start(toks, a, b, "vp") is not None


def _menurut(doc: _Doc, toks: list[Token], k: int, limit: int) -> list[Quote]:
    """'Menurut X, CONTENT.', 'CONTENT, menurut X.', 'A, menurut X, B.', 'A menurutnya B.'"""
    passive = toks[k].text.casefold() != "menurutnya" and toks[k].text.casefold().endswith("nya")
    if passive and (k == 0 or toks[k - 1].text.casefold() == "yang" or not _reported_piece(toks, k + 1, limit)):
        return []  # "apa yang disebutnya sebagai ...": a name given, not a report
    if toks[k].text.casefold().endswith("nya"):  # "menurutnya", "disebutnya": the last speaker
        speaker, after = _resolve_pronoun(doc, toks[k].start, [], []), k
        if k + 1 < limit and toks[k + 1].text == ",":
            after = k + 1
    else:
        if k + 1 >= limit:
            return []  # "menurut" ending the sentence names no one
        after = _attribution_end(doc, toks, k + 1, limit)
        stop = toks[after].start if after is not None else toks[limit - 1].end
        subj = _mentions_between(doc, toks[k + 1].start, stop)
        if after is None and subj and k + 1 < limit and doc.mentions[subj[0]].start == toks[k + 1].start:
            # "Menurut X CONTENT" without a comma: the content starts after the name
            end = doc.mentions[subj[0]].end
            after = next((i - 1 for i in range(k + 1, limit) if toks[i].start >= end), None)
            subj = subj[:1]
        speaker = _pick_speaker(doc, subj, last=False)
    if speaker is None:
        return []
    post = _content(doc, toks[after].end, toks[limit - 1].end, toks[k].text) if after is not None else None
    pre = None
    if k >= 3 and toks[k - 1].text == "," and post is None:
        pre = _content(doc, toks[0].start, toks[k - 1].start, toks[k].text)  # "CONTENT, menurut X."
    elif k >= 2 and after == k and post is not None and toks[k - 1].text.casefold() not in {"yang", ","}:
        pre = _content(doc, toks[0].start, toks[k].start, toks[k].text)  # "A menurutnya B"
    out = [q for q in (pre, post) if q is not None]
    for q in out:
        q.speaker = speaker
    return out


# -- headlines -------------------------------------------------------------

def _headline(doc: _Doc, paragraphs: list[tuple[int, int]], quoted, indirect: list[Quote]) -> list[Quote]:
    """A headline that reports a claim: "X: CLAIM" or "X Sebut CLAIM" (convention 9). The headline
    is the first paragraph when it is short and has no full stop."""
    if not paragraphs:
        return indirect
    a, b = paragraphs[0]
    line = doc.text[a:b].rstrip()
    if not line or line[-1] == "." or len(line.split()) > 25 or any(a <= q.start < b for q in indirect):
        return indirect
    q = _headline_colon(doc, a, a + len(line)) or _headline_verb(doc, a, a + len(line))
    if q is None or _inside(q.start, quoted):
        return indirect
    return [q] + indirect


def _headline_colon(doc: _Doc, a: int, b: int) -> Quote | None:
    """'Rudi Hartono: ...', 'KPU: ...', 'Ketua Komisi: ...' (the source, then a colon)."""
    colon = doc.text.find(": ", a, b)
    if colon < 0 or len(doc.text[a:colon].split()) > 4:
        return None
    cands = [c for c in _mentions_between(doc, a, colon) if doc.mentions[c].end >= colon - 1]
    prefix = doc.text[a:colon]
    if not cands and prefix.split()[0] not in lexicon.titles()["head"]:
        return None  # "Dunia Hari Ini: ..." names no source
    q = _content(doc, colon + 1, b, ":")
    if q is not None:
        q.speaker = _pick_speaker(doc, cands, last=True)
        q.speaker_desc = None if cands else prefix
    return q


def _headline_verb(doc: _Doc, a: int, b: int) -> Quote | None:
    """'X Sebut ...', 'X Desak ...': a name, then a headline's speech verb, then the claim."""
    verbs = lexicon.speech_cues()["headline"]
    for c in _mentions_between(doc, a, b):
        m = doc.mentions[c]
        word = _WORD.match(doc.text, m.end + 1) if doc.text[m.end:m.end + 1] == " " else None
        if word and word.group().casefold() in verbs:
            end = doc.text.find(", ", word.end(), b)
            q = _content(doc, word.end(), end if end > 0 else b, word.group())
            if q is not None:
                q.speaker = c
            return q
    return None

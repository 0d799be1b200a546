"""Indirect quotes: the clauses governed by a speech cue in a sentence.

"X mengatakan (bahwa) ...", "menurut X, ...", "CONTENT, kata X." What each verb needs after
it (a clause with its own predicate, a bare predicate, an addressee and a request) is its frame
in speech_verbs.txt, so "menilai kinerja X" (a topic) is no quote and "menilai X perlu Y" is.
An interrupted report ("A, kata X, B") gives one quote per piece.
"""
from __future__ import annotations

import bisect
import re

from kg import lexicon, segment
from kg.records import Token

from kg.extract.quotes.credits import credit_follows, time_comma
from kg.extract.quotes.cues import purpose_after, so_that_after, view_start
from kg.extract.quotes.document import REFER_BACK, Attribution, Document, Found
from kg.extract.quotes.grammar import (ADVERBS, CLAUSE, FRAMING, OPEN, after_temporal, content_span, cue_kinds,
                                       framed_start, is_predicate, is_verb, not_a_source, not_reported,
                                       reported_piece)
from kg.extract.quotes.speakers import addressee, cue_after, pick_speaker, resolve_pronoun, subject

_ADJUNCTS = lexicon.function_words("adjuncts") | {"(", ")", ","}
_ADJUNCT_PREPOSITIONS = lexicon.function_words("adjunct_prepositions")
_COMPARISON = lexicon.function_words("comparison")
_JOINERS = lexicon.function_words("joiners")
_SETTING = lexicon.function_words("setting")
_PLURAL = lexicon.pronoun_words("plural")
_BAGI_OPENERS = lexicon.function_words("according_openers")
_SENTENCE_ACCORDING = lexicon.speech_words("according_opening")
_BAGI_TYPES = {"PERSON", "ORGANIZATION"}
_SMALL_CLAUSE_VERBS = lexicon.speech_words("small_clause")
_RELATIVE = lexicon.function_words("relative_openers")
_MANNER = lexicon.function_words("manner")
_DATE = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:19|20)\d\d")
_TRAILING_SETTING = _SETTING - {"di"}  # "..., di Manchester musim depan" is often content
_OPENING_CUES = lexicon.speech_words("opening")
_ADDRESSED = lexicon.speech_words("addressed")


def indirect_quotes(doc: Document, si: int) -> list[Found]:
    """The reported clauses of sentence si, outside the direct quotes."""
    toks = list(doc.sentences[si].tokens)
    kinds = cue_kinds()
    folded = segment.folded(doc.sentences[si].tokens)
    cues = [] if kinds.keys().isdisjoint(folded) else [(k, kind) for k, w in enumerate(folded)
            if (kind := kinds.get(w)) and w[:1].isalpha() and not doc.in_quote(toks[k].start)
            and not (kind == "view" and (k == 0 or folded[k - 1] in CLAUSE))]  # "..., melihat X, ...": seeing
    opening = _opening_according(folded)
    if opening is not None and not doc.in_quote(toks[opening].start):
        cues = sorted(cues + [(opening, "bagi")])
    if not cues:
        return []  # most sentences report nothing
    out: list[Found] = []
    taken_until = -1
    bounds = [i for i, w in enumerate(folded) if w in CLAUSE]
    for n, (k, kind) in enumerate(cues):
        if toks[k].start < taken_until:
            continue  # a speech verb inside the content of an earlier one
        limit = _clause_limit(doc, toks, folded, k, cues[n + 1:n + 4], bounds)
        if kind in {"menurut", "bagi"}:
            found = _menurut(doc, toks, k, limit, restricted=kind == "bagi")
        elif kind == "after":  # its content runs past later cues: "A, lanjut X, DPR akan meminta ..."
            found = _after_cue(doc, toks, k, len(toks))
        else:
            found = _verb_clause(doc, toks, k, limit, kind, out)
        for q in found:
            if q is not None and not doc.in_quote(q.start):
                out.append(q)
                taken_until = max(taken_until, q.end)
    return out


def _opening_according(folded: tuple[str, ...]) -> int | None:
    """Index of a "bagi" that opens the sentence as its source ("(Namun yang terpenting) bagi X, ...")."""
    for i, w in enumerate(folded[:5]):
        if w in _SENTENCE_ACCORDING:
            return i
        if w not in _BAGI_OPENERS:
            return None
    return None


def _clause_limit(doc: Document, toks: list[Token], folded: tuple[str, ...], k: int, later: list[tuple[int, str]],
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
        between = [w for w in folded[b + 1:k2] if w not in ADVERBS and w not in _MANNER]
        subject_before = folded[b] == "," and b > 0 and doc.mention_at(toks[b - 1].start) is not None
        if not between and not (nested and subject_before):
            return b  # a coordinated speech verb of the same speaker: "..., menambahkan bahwa", ", dengan menyebut"
        if folded[b] == "," and (folded[b + 1] in _RELATIVE or " ".join(folded[b + 1:b + 3]) in _RELATIVE):
            continue  # "A, di mana riset X memprediksi B": a relative clause of the content
        if folded[b] == "," and (conj := _conjunction_before_subject(doc, toks, folded, bounds[:j], k, k2)):
            return conj  # "A, tetapi Pemimpin X, Budi, baru saja menyatakan B": the subject has appositives
        if nested and folded[b] == ",":
            continue
        if kind2 == "menurut" and folded[k2] != "menurutnya" and (
                k2 + 1 >= len(toks) or doc.mention_at(toks[k2 + 1].start) is None):
            continue  # "menurut etika ..." names no source
        if kind2 in {"after", "menurut"} or any(
                folded[i] in REFER_BACK or doc.mention_at(toks[i].start) is not None
                for i in range(b + 1, k2)):
            return b  # a report with a speaker of its own
    return len(toks)


def _conjunction_before_subject(doc: Document, toks: list[Token], folded: tuple[str, ...], bounds: list[int],
                                k: int, k2: int) -> int | None:
    """The conjunction (not a comma) that opens the clause of the later cue at k2, when that clause
    names its own subject ("tetapi Pemimpin X, Budi, ... menyatakan"); None when there is none."""
    for c in reversed(bounds):
        if c <= k or k2 - c > 14:
            return None
        if folded[c] not in {",", ";"}:
            has_subject = any(folded[i] in REFER_BACK or doc.mention_at(toks[i].start) is not None
                              for i in range(c + 1, k2))
            return c if has_subject else None
    return None


def _indirect(doc: Document, a: int, b: int, who: Attribution) -> Found | None:
    """The indirect quote whose content lies within [a, b), or None when there is none."""
    span = content_span(doc.text, a, b)
    return None if span is None else Found(*span, "indirect", who)


def _verb_clause(doc: Document, toks: list[Token], k: int, limit: int, kind: str,
                 earlier: list[Found]) -> list[Found]:
    """'X mengatakan (kepada Y) (bahwa) CONTENT' and 'CONTENT, X mengatakan.' for the verb at k;
    in 'A dan bahwa “B”' the content is A (B is a direct quote)."""
    found = _verb_content(doc, toks, k, limit, kind, earlier)
    if found is None:
        return []
    q, start_tok = found
    if start_tok is None:
        return [q]
    second = next((i for i in range(start_tok + 1, limit - 2) if toks[i].text.casefold() in _JOINERS
                   and toks[i + 1].text.casefold() == "bahwa" and toks[i + 2].text in OPEN), None)
    if second is None:
        return [q]
    first = _indirect(doc, q.start, toks[second].start, q.who)  # what follows is a direct quote (convention 13)
    return [] if first is None else [first]


def _verb_content(doc: Document, toks: list[Token], k: int, limit: int, kind: str,
                  earlier: list[Found]) -> tuple[Found, int | None] | None:
    """The content of the verb at k and the token it starts at (None when it stands before the verb)."""
    if not_reported(toks, k) or (kind == "request" and _caused_by_thing(doc, toks, k)):
        return None
    j = k + 1
    while j < limit and j - k <= 12 and (toks[j].text.casefold() in _ADJUNCTS or toks[j].text[:1].isupper()
                                          or toks[j].text[:1].isdigit()):
        j += 1
    comma = k + 2 < limit and toks[k + 1].text in {",", ":"} and toks[k + 2].text not in OPEN
    far = _far_bahwa(toks, k, limit)
    if j < limit and toks[j].text.casefold() == "bahwa":
        start_tok = j + 1
    elif far is not None:
        start_tok = far + 1  # "mengatakan kepada wartawan di halaman kantornya, Senin (3/2), bahwa ..."
    elif kind == "view":  # no postposed use ("..., X melihat."): a comma or a clause follows
        start_tok = k + 2 if comma else view_start(toks, k + 1, limit)
        if start_tok is None:
            return None
    elif kind == "verb_bahwa" and not comma:
        return None  # "X mengumumkan, ..." reports speech; "X mengumumkan hasilnya" does not
    elif k + 1 < limit and toks[k + 1].text.casefold() in _ADJUNCT_PREPOSITIONS and \
            (before := _content_before(doc, toks, k)):
        return before, None  # "CONTENT, X mengatakan kepada ..."
    elif k + 1 < limit and toks[k + 1].text.casefold() == "kepada" and kind == "request" and \
            (asked := framed_start(toks, k + 2, limit, kind)) is not None:
        start_tok = asked  # "meminta kepada pemerintah agar ...", "mengimbau kepada warga untuk ..."
    elif k + 1 < limit and toks[k + 1].text.casefold() == "kepada":
        # "X menjanjikan kepada para pendukung, CONTENT": the content follows the addressee's comma;
        # a request's follows its purpose word ("meminta kepada Y agar CONTENT")
        purpose = kind == "request" and purpose_after(toks, k + 2, limit)
        comma = next((i for i in range(k + 2, min(limit, k + 9)) if toks[i].text in {",", "."}), None)
        if purpose:
            comma = purpose
        elif comma is None or toks[comma].text != "," or not _piece_after(toks, comma + 1, limit):
            return None
        start_tok = _past_day(toks, comma + 1, limit)
    elif _attributes_quote(doc, toks, k):
        return None  # '“...,” ia menambahkan seperti dilansir ...': the cue of a direct quote
    elif j >= limit or toks[j].text in {".", "!", "?"} or (comma and credit_follows(toks, k + 2)):
        before = _content_before(doc, toks, k)  # "CONTENT, X mengatakan (kepada Y)(, mengutip Z)."
        return None if before is None else (before, None)
    elif k + 1 < limit and toks[k + 1].text == ":":
        return None  # introduces a direct quote
    elif comma and toks[k + 2].text.casefold() in FRAMING and is_predicate(toks[k + 2].text):
        return None  # "CONTENT, X melaporkan, mengutip Y.": a credit, not the content
    elif comma:
        start_tok = _past_setting(toks, k + 2, limit)
    elif kind == "verb":
        start_tok = k + 1
    else:
        # ("X, yang menyebut dirinya sebagai Y": a relative clause gives a name, it reports no view)
        small_clause = toks[k].text.casefold() in _SMALL_CLAUSE_VERBS and toks[k - 1].text.casefold() != "yang"
        start_tok = framed_start(toks, k + 1, limit, kind, small_clause)
        if start_tok is None and toks[k].text.casefold() in _ADDRESSED:
            start_tok = so_that_after(toks, k + 1, limit)  # "memperingatkan Y agar CONTENT"
        if start_tok is None:
            return None
    if start_tok >= limit:
        return None
    limit = _setting_trimmed(toks, start_tok, limit)
    span = content_span(doc.text, toks[start_tok].start, toks[limit - 1].end)
    if span is None:
        return None
    speaker, desc = subject(doc, toks[0].start, toks, k, earlier, skip_quoted=False)
    if speaker is None and (desc is None or not_a_source(desc) or after_temporal(toks, k) or kind == "view"):
        return None  # (a view verb also means seeing: only a named speaker holds a view)
    who = Attribution(toks[k].text, speaker, desc, addressee(doc, toks[k + 1:start_tok]))
    return Found(*span, "indirect", who), start_tok


def _caused_by_thing(doc: Document, toks: list[Token], k: int) -> bool:
    """'serangan besar yang mendorong X untuk membalas': a request verb in a relative clause on a
    noun that names no one tells a cause, not a request."""
    b = k - 1
    while b >= 0 and toks[b].text.casefold() in ADVERBS:
        b -= 1
    if b < 1 or toks[b].text.casefold() != "yang":
        return False
    c = b - 1 - (toks[b - 1].text == "," and b > 1)
    return doc.speaker_at(toks[c].start) is None and toks[c].text.casefold() not in REFER_BACK


def _piece_after(toks: list[Token], a: int, limit: int) -> bool:
    """Is toks[a:limit] reported content, also past a short opening adverbial ("sejauh yang diketahui, ...")?"""
    if reported_piece(toks, a, limit):
        return True
    comma = next((i for i in range(a + 1, min(limit, a + 5)) if toks[i].text == ","), None)
    return comma is not None and reported_piece(toks, comma + 1, limit)


def _past_day(toks: list[Token], a: int, limit: int) -> int:
    """Past a day or place of one or two capitalised words and its comma ("kepada X, Senin, CONTENT")."""
    comma = next((i for i in range(a + 1, min(limit, a + 3)) if toks[i].text == ","), None)
    if comma is not None and all(t.text[:1].isupper() for t in toks[a:comma]) and \
            reported_piece(toks, comma + 1, limit):
        return comma + 1
    return a


def _far_bahwa(toks: list[Token], k: int, limit: int) -> int | None:
    """The "bahwa" after the addressee, place, date or credit of the verb at k, before any
    predicate of another clause ("menuturkan kepada televisi X, seperti dilansir Y, Jumat (…), bahwa").
    What stands between starts with a preposition or a comma: "membantah tuduhan X bahwa ..." reports the accusation."""
    if k + 1 >= limit or toks[k + 1].text.casefold() not in _ADJUNCTS:
        return None
    for i in range(k + 1, min(limit, k + 25)):
        w = toks[i].text.casefold()
        if w == "bahwa":
            return i
        if toks[i].text in {".", "!", "?", ";", ":"} or toks[i].text in OPEN or is_verb(w):
            return None
        if is_predicate(toks[i].text) and w not in FRAMING and toks[i - 1].text.casefold() not in FRAMING | {"yang"}:
            return None
    return None


def _setting_trimmed(toks: list[Token], a: int, b: int) -> int:
    """The end of content toks[a:b] without a trailing piece that says where or how it was said
    ("..., dalam komentar pertamanya sejak Jumat", "..., seperti dilansir X")."""
    c = next((i for i in range(b - 2, a, -1) if toks[i].text == ","), None)
    e = b - (toks[b - 1].text in {".", "!", "?"})
    if c is not None and _date_like(toks, c + 1, e) and not toks[c + 1].text.isupper():
        return _setting_trimmed(toks, a, c)  # "..., Senin (3/2/2025)"
    if c is None or toks[c + 1].text.casefold() not in _TRAILING_SETTING or b - c > 11:
        return b
    if any(is_predicate(t.text) for t in toks[c + 3:b]):
        return b  # "..., di mana riset itu memprediksi ...": a clause of its own
    if toks[c + 1].text.casefold() in _COMPARISON and not is_predicate(toks[c + 2].text):
        return b  # "..., seperti adanya aksi demonstrasi": examples, not a credit ("seperti dilansir X")
    return c


def _attributes_quote(doc: Document, toks: list[Token], k: int) -> bool:
    """Does the verb at k follow a closing quotation mark and at most its subject?"""
    for b in range(k - 1, max(-1, k - 6), -1):
        if toks[b].text in {"”", "\""} or doc.text[toks[b].start - 1:toks[b].start] in {"”", "\""}:
            return True
        if toks[b].text.casefold() not in REFER_BACK and doc.mention_at(toks[b].start) is None \
                and toks[b].text != ",":
            return False
    return False


def _content_before(doc: Document, toks: list[Token], k: int) -> Found | None:
    """'CONTENT, X mengatakan (kepada Y).' — the clause before the comma."""
    comma = next((i for i in range(k - 1, 0, -1) if toks[i].text == ","), None)
    if comma is None:
        return None
    subj = doc.speakers_between(toks[comma].end, toks[k].start)
    if not subj:
        return None
    who = Attribution(toks[k].text, pick_speaker(doc, subj, last=True), None, addressee(doc, toks[k + 1:]))
    return _indirect(doc, toks[0].start, toks[comma].start, who)


def _after_cue(doc: Document, toks: list[Token], k: int, limit: int) -> list[Found]:
    """'CONTENT, kata X.', 'Kata X, CONTENT.', and the interrupted 'A, kata X, B.' (one entry per piece)."""
    if k == 0 or (k == 1 and toks[0].text.casefold() in _COMPARISON):  # "(Seperti) kata X, ..."
        return _opening_cue(doc, toks, k, limit)
    if k < 2 or toks[k - 1].text not in {",", "”", "\""}:
        return []
    end = toks[k - 1].start
    while end > toks[0].start and doc.text[end - 1] in ",”\" ":
        end -= 1
    who = cue_after(doc, end + 1, end + 1, [], skip_quoted=True)  # the cue read as after a quote
    if who is None or not who.named:
        return []
    who = who._replace(cue=toks[k].text)
    after = _attribution_end(doc, toks, k + 1, limit)
    post = None
    closes_quote = doc.text[toks[0].start:toks[k].start].rstrip(" ,")[-1:] in {"”", "\""}
    if after is not None and not closes_quote and reported_piece(toks, after + 1, limit):
        # ('“A,” kata X, di Jakarta, Senin': what follows a direct quote's attribution is its setting)
        post = _indirect(doc, toks[after].end, toks[limit - 1].end, who)
    # ('A, “B,” kata X': the cue attributes the direct quote B, and A has a cue of its own)
    pre = _indirect(doc, toks[0].start, end, who) if k >= 3 and not (closes_quote and doc.in_quote(end - 1)) else None
    if pre is not None and toks[0].text.casefold() in FRAMING:
        pre = None  # "Dalam kegiatan itu, kata X, CONTENT": the first piece only frames it
    return [q for q in (pre, post) if q is not None and not doc.in_quote(q.start)]


def _opening_cue(doc: Document, toks: list[Token], k: int, limit: int) -> list[Found]:
    """'Kata X, CONTENT.' — an attribution that opens the sentence."""
    if toks[k].text.casefold() not in _OPENING_CUES or len(toks) <= k + 3:
        return []  # "Jelas, ...", "Tegas, ..." open sentences without reporting speech
    comma = next((i for i in range(k + 1, min(limit, k + 12)) if toks[i].text == ","), None)
    if comma is None:
        return []
    cands = doc.speakers_between(toks[k + 1].start, toks[comma].start)
    q = _indirect(doc, toks[comma].end, toks[limit - 1].end, Attribution(toks[k].text))
    if q is None or not cands:
        return []
    return [q._replace(who=q.who._replace(speaker=pick_speaker(doc, cands, last=False)))]


def _attribution_end(doc: Document, toks: list[Token], a: int, limit: int) -> int | None:
    """The comma that closes an attribution starting at toks[a] ("kata X, ..." / "menurut X, ..."),
    past an appositive name ("kata Ketua RT, Budi, ..."); None when the sentence ends first."""
    for i in range(a, min(limit, a + 12)):
        if toks[i].text in {".", "!", "?", ";"} or toks[i].text in OPEN:
            return None
        if toks[i].text == ",":
            if (dated := time_comma(toks, i + 1)) is not None and dated + 1 < limit:
                return dated  # "menurut X seperti dilansir Y, Rabu (18/6/2025), CONTENT"
            m = doc.mention_at(toks[i + 1].start) if i + 1 < limit else None
            if m is not None and doc.mentions[m].type == "PERSON":
                nxt = next((j for j in range(i + 1, min(limit, i + 8)) if toks[j].start >= doc.mentions[m].end), None)
                if nxt is not None and toks[nxt].text == ",":
                    return _past_date(toks, nxt, limit)
            return _past_date(toks, i, limit)
    return None


def _past_date(toks: list[Token], comma: int, limit: int) -> int:
    """The comma after a date that follows the attribution's comma ("menurut X, Rabu (18/6/2025), ..."),
    or after a relative clause on the source ("menurut X, yang juga Ketua Y, ...")."""
    nxt = next((i for i in range(comma + 1, min(limit, comma + 12)) if toks[i].text == ","), None)
    if nxt is None:
        return comma
    if _date_like(toks, comma + 1, nxt) or toks[comma + 1].text.casefold() == "yang":
        return nxt
    return comma


def _date_like(toks: list[Token], a: int, b: int) -> bool:
    """Is toks[a:b] a date of at most six tokens ("Senin (3/2/2025)", "Kamis (19/6)"), not an age ("Budi (18)")?"""
    return 0 < b - a <= 6 and toks[a].text[:1].isupper() and any(_DATE.fullmatch(t.text) for t in toks[a:b]) and all(
        t.text[:1].isupper() or t.text[:1].isdigit() or t.text in {"(", ")", "/"} for t in toks[a:b])


def _past_setting(toks: list[Token], a: int, limit: int) -> int:
    """Where the content starts past opening pieces that say when and where it was said
    ("mengatakan, saat ditemui di kantornya, Senin (3/2/2025), CONTENT")."""
    start = a
    for _ in range(3):
        comma = next((i for i in range(start + 1, min(limit, start + 12)) if toks[i].text == ","), None)
        if comma is None:
            break
        setting = toks[start].text.casefold() in _SETTING and any(
            t.text.startswith("di") and is_predicate(t.text) for t in toks[start + 1:comma])
        if not (setting or _date_like(toks, start, comma)):
            break
        start = comma + 1
    return start if start > a and reported_piece(toks, start, limit) else a


def _menurut(doc: Document, toks: list[Token], k: int, limit: int, restricted: bool = False) -> list[Found]:
    """'Menurut X, CONTENT.', 'CONTENT, menurut X.', 'A, menurut X, B.', 'A menurutnya B.'
    (restricted: "Bagi X, CONTENT", where X must be a person or an organization and the content follow)."""
    word = toks[k].text.casefold()
    passive = word != "menurutnya" and word.endswith("nya")
    if passive and (k == 0 or toks[k - 1].text.casefold() == "yang" or not reported_piece(toks, k + 1, limit)):
        return []  # "apa yang disebutnya sebagai ...": a name given, not a report
    if word.endswith("nya"):  # "menurutnya", "disebutnya": the last speaker
        speaker, after = resolve_pronoun(doc, toks[k].start, [], skip_quoted=False), k
        if k + 1 < limit and toks[k + 1].text == ",":
            after = k + 1
    elif k + 1 >= limit:
        return []  # "menurut" ending the sentence names no one
    elif (pronoun := toks[k + 1].text.casefold()) in REFER_BACK:  # "Menurut dia, ...": the last speaker
        speaker, after = resolve_pronoun(doc, toks[k].start, [], skip_quoted=False), k + 1
        if k + 2 < limit and toks[k + 2].text == ",":
            after = k + 2
    elif pronoun in _PLURAL and k > 0 and toks[k - 1].text.casefold() == "yang":
        # "X melancarkan serangan yang menurut mereka ...": the subject of the sentence
        speaker = pick_speaker(doc, doc.speakers_between(toks[0].start, toks[k].start), last=False)
        after = k + 1
    else:
        speaker, after = _according_to(doc, toks, k, limit)
    if speaker is None or (restricted and (doc.mentions[speaker].type not in _BAGI_TYPES or after is None
                                           or not reported_piece(toks, after + 1, limit))):
        return []
    who = Attribution(toks[k].text, speaker)
    if k > 0 and toks[k - 1].text.casefold() == "yang" and after is not None:
        # "serangan yang menurut mereka A, B": the relative clause A is what they say
        limit = next((i for i in range(after + 2, limit) if toks[i].text == ","), limit)
    post = _indirect(doc, toks[after].end, toks[limit - 1].end, who) if after is not None else None
    pre = None
    if k >= 3 and toks[k - 1].text == "," and (post is None or (
            toks[after].text == "," and toks[0].text.casefold() not in FRAMING and reported_piece(toks, 0, k - 1))):
        pre = _indirect(doc, toks[0].start, toks[k - 1].start, who)  # "CONTENT, menurut X.", "A, menurut X, B."
    elif k >= 2 and after == k and post is not None and toks[k - 1].text.casefold() not in {"yang", ","}:
        pre = _indirect(doc, toks[0].start, toks[k].start, who)  # "A menurutnya B"
    return [q for q in (pre, post) if q is not None]


def _according_to(doc: Document, toks: list[Token], k: int, limit: int) -> tuple[int | None, int | None]:
    """(speaker, index of the token the content follows) of "menurut X, ..." at k."""
    after = _attribution_end(doc, toks, k + 1, limit)
    stop = toks[after].start if after is not None else toks[limit - 1].end
    subj = doc.speakers_between(toks[k + 1].start, stop)
    if after is None and subj and k + 1 < limit and doc.mentions[subj[0]].start == toks[k + 1].start:
        # "Menurut X CONTENT" without a comma: the content starts after the name
        end = doc.mentions[subj[0]].end
        after = next((i - 1 for i in range(k + 1, limit) if toks[i].start >= end), None)
        subj = subj[:1]
    return pick_speaker(doc, subj, last=False), after

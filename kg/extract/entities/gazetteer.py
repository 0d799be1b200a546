"""Names the NER missed, found from the lexicons: countries, regions and provinces,
institution seats, outlets, organizations after a trigger phrase ("kantor berita X",
"Pemerintah X") and regional institutions with their region ("DPRD Jawa Barat")."""
from __future__ import annotations

import operator
from bisect import bisect_left
from functools import lru_cache

from kg import lexicon
from kg.records import Token
from kg.segment import folded
from kg.site import is_outlet


@lru_cache(maxsize=None)
def gazetteer() -> dict[tuple[str, ...], str]:
    """Token sequences that are always entities: countries, institution seats, regions."""
    g: dict[tuple[str, ...], str] = {}
    for name in lexicon.places():
        g[tuple(name.split())] = "LOCATION"
        if "-" in name:  # the tokenizer may cut "Asia-Pasifik" at its hyphen
            g[tuple(name.replace("-", " - ").split())] = "LOCATION"
    for name in lexicon.countries():
        g[tuple(name.replace(".", ". ").split())] = "COUNTRY"
    for name, typ in lexicon.institutions().items():
        g[tuple(name.split())] = typ
    for name in lexicon.outlets()["names"]:
        g[tuple(name.split())] = "ORGANIZATION"
    return g


_TEXT = operator.itemgetter(0)  # Token.text, read in C


def add_lexicon_spans(text: str, toks: tuple[Token, ...], spans: list[tuple[int, int, str]]) -> list:
    """Countries, regions, institution seats and trigger-introduced organizations the NER missed.

    A lexicon match replaces NER spans that lie inside it ("Eropa" inside
    "Eropa Timur") and gives way to any span it only overlaps.
    """
    words = list(map(_TEXT, toks))
    persons = [(s, e) for s, e, typ in spans if typ == "PERSON"]
    stops = _tokens_in(toks, persons) if persons else set()
    seg = text[toks[0].start:toks[-1].end] if toks else ""  # the sentence: one C search rules out most
    found = _gazetteer_matches(toks, words) + _trigger_matches(toks, words, stops) + _outlet_matches(seg, words) \
        + _regional_matches(toks, words, spans, stops)
    chars = [(toks[a].start, toks[b - 1].end, typ) for a, b, typ in sorted(found, key=lambda x: (x[0] - x[1], x[0]))]
    for start, end, typ in chars + (_hyphen_pairs(toks) if "-" in seg else []):  # longest first, then the parts of "AS-China"
        inside = [s for s in spans if start <= s[0] and s[1] <= end]
        overlap = [s for s in spans if s[0] < end and start < s[1] and s not in inside]
        if overlap:
            continue
        for s in inside:
            spans.remove(s)
        spans.append((start, end, typ))
    return spans


def _tokens_in(toks: tuple[Token, ...], spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens that start inside one of the character spans (tokens are in text order)."""
    starts = [t.start for t in toks]
    return {i for s, e in spans for i in range(bisect_left(starts, s), bisect_left(starts, e))}


def _hyphen_pairs(toks: tuple[Token, ...]) -> list[tuple[int, int, str]]:
    """Each country or place of a hyphenated pair the NER missed ("perang dagang AS-China")."""
    gaz, out = gazetteer(), []
    for t in toks:
        if "-" in t.text and t.text[:1].isupper():
            parts = t.text.split("-")
            if len(parts) > 1 and all(gaz.get((p,)) in {"COUNTRY", "LOCATION"} for p in parts):
                pos = t.start
                for p in parts:
                    out.append((pos, pos + len(p), gaz[(p,)]))
                    pos += len(p) + 1
    return out


def _outlet_matches(seg: str, words: list[str]) -> list[tuple[int, int, str]]:
    """Outlets named by domain or camel-case name among a sentence's words (`seg`: its text)."""
    pre = lexicon.outlet_prefixes()
    if seg.count(".") == words.count(".") and not any(p in seg for p in pre):
        return []  # every full stop a token of its own (no domain), and no outlet prefix
    return [(i, i + 1, "ORGANIZATION") for i, w in enumerate(words)
            if ("." in w or w.startswith(pre)) and is_outlet(w)]


@lru_cache(maxsize=None)
def _gazetteer_folded() -> dict[tuple[str, ...], str]:
    """Multi-word places with later words in any case: "Eropa timur", "Laut china selatan"."""
    return {(k[0],) + tuple(w.casefold() for w in k[1:]): v for k, v in gazetteer().items()
            if v == "LOCATION" and len(k) > 1}


def _gazetteer_matches(toks: tuple[Token, ...], words: list[str]) -> list[tuple[int, int, str]]:
    gaz, folded = gazetteer(), _gazetteer_folded()
    firsts = _gazetteer_firsts()
    if firsts.keys().isdisjoint(words):  # most sentences: no entry starts here
        return []
    out, free = [], 0  # matches do not overlap: the next one starts at `free` or later
    for i in [i for i, w in enumerate(words) if w in firsts]:
        if i < free:
            continue
        for n in range(min(firsts[toks[i].text], len(toks) - i), 0, -1):
            key = tuple(t.text for t in toks[i:i + n])
            typ = gaz.get(key) or (folded.get((key[0],) + tuple(w.casefold() for w in key[1:])) if n > 1 else None)
            if typ:
                out.append((i, i + n, typ))
                free = i + n
                break
    return out


@lru_cache(maxsize=None)
def _gazetteer_firsts() -> dict[str, int]:
    """First word of each lexicon entry → the most words an entry starting with it has."""
    firsts: dict[str, int] = {}
    for key in gazetteer():
        firsts[key[0]] = max(firsts.get(key[0], 0), len(key))
    return firsts


@lru_cache(maxsize=None)
def _triggers() -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...], frozenset[str], frozenset[str]]:
    """Trigger phrases before an organization name and at its head, and their first words."""
    trig = lexicon.org_triggers()
    before = tuple(tuple(p.casefold().split()) for p in trig["before"])
    head = tuple(tuple(p.split()) for p in trig["head"])
    return before, head, frozenset(p[0] for p in before), frozenset(p[0] for p in head)


def _capitalised_run(toks: tuple[Token, ...], i: int, stops: set[int] = frozenset()) -> int:
    """End of the capitalised words from i on (at most 6), stopping at a person's name."""
    j = i
    numbering = lexicon.acts()["numbering"]
    while j < len(toks) and (toks[j].text[:1].isupper() or toks[j].text[:1].isdigit() and j > i) and j - i < 6 \
            and j not in stops and not (j > i and toks[j].text in _title_heads_cased()) \
            and toks[j].text not in numbering:  # "Dewan X Nomor 12": an act's number ends the name
        j += 1
    return j


@lru_cache(maxsize=None)
def _title_heads_cased() -> frozenset[str]:
    return frozenset(h for h in lexicon.titles()["head"] if " " not in h)


def _trigger_matches(toks: tuple[Token, ...], words: list[str], stops: set[int] = frozenset()) -> list:
    before, head, first_before, first_head = _triggers()
    out = []
    lower = folded(toks)
    if first_head.isdisjoint(words) and first_before.isdisjoint(lower):
        return out  # most sentences: no trigger word
    for i in [i for i, (w, f) in enumerate(zip(words, lower)) if w in first_head or f in first_before]:
        tok = toks[i]
        if lower[i] in first_before:
            for phrase in before:
                n = len(phrase)
                if lower[i:i + n] == phrase and i + n < len(toks) \
                        and toks[i + n].text[:1].isupper() and _capitalised_run(toks, i + n, stops) > i + n:
                    out.append((i + n, _capitalised_run(toks, i + n, stops), "ORGANIZATION"))
        if tok.text in first_head:
            for phrase in head:
                n = len(phrase)
                if tuple(t.text for t in toks[i:i + n]) == phrase and i + n < len(toks) \
                        and toks[i + n].text[:1].isupper():
                    end = _capitalised_run(toks, i + n, stops)
                    if end > i + n:
                        out.append((i, end, "ORGANIZATION"))
    return out


@lru_cache(maxsize=None)
def regional() -> tuple[dict[str, list[tuple[str, ...]]], frozenset[str], frozenset[str]]:
    """[regional] heads by first word, [suffix] words, administrative unit words."""
    trig = lexicon.org_triggers()
    heads: dict[str, list[tuple[str, ...]]] = {}
    for phrase in trig["regional"]:
        words = tuple(phrase.split())
        heads.setdefault(words[0], []).append(words)
    return heads, frozenset(trig["suffix"]), lexicon.admin_units()


def _regional_matches(toks: tuple[Token, ...], words: list[str], spans: list, stops: set[int]) -> list:
    """'DPRD Jawa Barat', 'Polres Kabupaten Sleman', 'BPK RI': an institution with the region it serves."""
    heads, _, _ = regional()
    if heads.keys().isdisjoint(words):
        return []
    out = []
    place_end = {s: e for s, e, typ in reversed(spans) if typ == "LOCATION"}  # the first span at a start wins
    for i in [i for i, w in enumerate(words) if w in heads]:
        for phrase in heads[words[i]]:
            n = len(phrase)
            if tuple(words[i:i + n]) == phrase:
                end = _region_run(toks, words, i + n, place_end, stops)
                if end > i + n:
                    out.append((i, end, "ORGANIZATION"))
    return out


def _region_run(toks: tuple[Token, ...], words: list[str], j: int, place_end: dict[int, int], stops: set[int]) -> int:
    """End of the region words from j on: [suffix] words, a place, an administrative unit and its name.
    `place_end`: where each place NER found ends, by where it starts."""
    _, suffix, units = regional()
    places = lexicon.places()
    start = j
    while j < len(toks) and j - start < 5 and j not in stops:
        w = words[j]
        if w in suffix:
            j += 1
            continue
        if w in units and j + 1 < len(toks) and words[j + 1][:1].isupper():
            j = _capitalised_run(toks, j + 1, stops)
            break
        loc = place_end.get(toks[j].start)
        if loc is not None:  # a place NER found
            while j < len(toks) and toks[j].end <= loc:
                j += 1
            continue
        n = next((n for n in (3, 2, 1) if j + n <= len(words) and " ".join(words[j:j + n]) in places), 0)  # "Nusa Tenggara Barat"
        if not n:
            break
        j += n
    return j

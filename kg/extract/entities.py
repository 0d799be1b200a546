"""Typed entity mentions (with roles) from NER spans and the country lexicon."""
from __future__ import annotations

from functools import lru_cache

from kg import lexicon
from kg.annotate import spans_from_tags
from kg.records import Mention, Sentence, Token

TYPES = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION",
         "GPE": "LOCATION", "PLACE": "LOCATION"}
_EDGE_PUNCT = set(",.;:!?()[]{}\"“”‘’'«»-–—•/")


@lru_cache(maxsize=None)
def _not_entities() -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon._lines("not_entities.txt"))


@lru_cache(maxsize=None)
def _gazetteer() -> dict[tuple[str, ...], str]:
    """Token sequences that are always entities: country names and institution seats."""
    g: dict[tuple[str, ...], str] = {}
    for name in lexicon.countries():
        g[tuple(name.replace(".", ". ").split())] = "COUNTRY"
    for name, typ in lexicon.institutions().items():
        g[tuple(name.split())] = typ
    return g


def entity_type(text: str, ner_label: str) -> str:
    if text in lexicon.countries():
        return "COUNTRY"
    if text in lexicon.institutions():
        return lexicon.institutions()[text]
    return TYPES.get(ner_label, "ORGANIZATION")


def extract_mentions(text: str, sentences: list[Sentence], tags: list[list[str]]) -> list[Mention]:
    """NER spans → typed mentions, titles split off as roles; lexicon fills gaps."""
    mentions: list[Mention] = []
    for si, (sent, sent_tags) in enumerate(zip(sentences, tags)):
        toks = sent.tokens
        covered = [False] * len(toks)
        for a, b, label in spans_from_tags(list(sent_tags)):
            a, b = _trim(toks, a, b)
            if TYPES.get(label) == "PERSON":
                a = _strip_titles(toks, a, b)
            if a >= b:
                continue
            surface = text[toks[a].start:toks[b - 1].end]
            if surface.casefold() in _not_entities() or not any(c.isupper() for c in surface):
                continue
            for i in range(a, b):
                covered[i] = True
            mentions.append(Mention(toks[a].start, toks[b - 1].end, surface,
                                    entity_type(surface, label), si))
        mentions.extend(_lexicon_mentions(text, toks, covered, si))
    mentions.sort(key=lambda m: (m.start, m.end))
    persons = [(m.start, m.end) for m in mentions if m.type == "PERSON"]
    for m in mentions:
        if m.type == "PERSON":
            m.role = find_role(text, sentences[m.sentence], m, persons)
    return mentions


def _trim(toks: tuple[Token, ...], a: int, b: int) -> tuple[int, int]:
    while a < b and toks[a].text in _EDGE_PUNCT:
        a += 1
    while b > a and toks[b - 1].text in _EDGE_PUNCT:
        b -= 1
    return a, b


def _is_title_word(tok: str) -> bool:
    t = lexicon.titles()
    return tok in t["honorific"] or tok.rstrip(".") in t["honorific"] or tok.capitalize() in t["head"] \
        or tok in t["head"] or tok.casefold() in t["part"]


def _strip_titles(toks: tuple[Token, ...], a: int, b: int) -> int:
    """Skip titles, honorifics and the country/organization inside a title at the span's start."""
    countries = lexicon.countries()
    i = a
    while i < b - 1 and (_is_title_word(toks[i].text) or toks[i].text in countries
                         or toks[i].text in lexicon.institutions()):
        i += 1
    return i


def _lexicon_mentions(text: str, toks: tuple[Token, ...], covered: list[bool], si: int) -> list[Mention]:
    gaz = _gazetteer()
    longest = max(len(k) for k in gaz)
    out, i = [], 0
    while i < len(toks):
        for n in range(min(longest, len(toks) - i), 0, -1):
            key = tuple(t.text for t in toks[i:i + n])
            if key in gaz and not any(covered[i:i + n]):
                surface = text[toks[i].start:toks[i + n - 1].end]
                out.append(Mention(toks[i].start, toks[i + n - 1].end, surface, gaz[key], si))
                i += n - 1
                break
        i += 1
    return out


def find_role(text: str, sent: Sentence, m: Mention, persons: list[tuple[int, int]] = ()) -> str | None:
    """The title phrase right before a person's name: "Menteri Luar Negeri Rusia"."""
    toks = sent.tokens
    idx = next((i for i, t in enumerate(toks) if t.start >= m.start), len(toks))
    nxt = next((i for i, t in enumerate(toks) if t.start >= m.end), None)
    if nxt is not None and any(a == toks[nxt].start for a, _ in persons):
        return None  # "Penasihat ... Putin Yuri Ushakov": the title is the next person's
    j = idx - 1
    if j >= 0 and toks[j].text == ",":  # appositive: "menteri luar negeri Rusia, Sergey Lavrov"
        j -= 1
    first_head = None
    countries, insts = lexicon.countries(), lexicon.institutions()
    t = lexicon.titles()
    heads = {h.casefold() for h in t["head"]}
    while j >= 0:
        w = toks[j].text
        two = f"{w} {toks[j + 1].text}".casefold() if j + 1 < len(toks) else ""
        if w.casefold() in heads or two in heads:
            first_head = j
        elif not (w.casefold() in t["part"] or w in countries or w in insts or w[:1].isupper()
                  or w in t["honorific"]):
            break
        if any(a <= toks[j].start < b for a, b in persons) and toks[j + 1].start != m.start \
                and not any(a == toks[j + 1].start for a, _ in persons):
            break  # never reach across another person's name
        j -= 1
    if first_head is None:
        return None
    end = idx if toks[idx - 1].text != "," else idx - 1
    words = [tk for tk in toks[first_head:end] if tk.text not in t["honorific"] and tk.text.rstrip(".") not in t["honorific"]]
    if not words:
        return None
    role = text[words[0].start:words[-1].end]
    return role if len(role) <= 120 else None

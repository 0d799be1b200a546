"""Typed entity mentions (with roles) from NER spans and the country lexicon."""
from __future__ import annotations

import operator
import re
from collections import Counter
from functools import lru_cache

from kg import lexicon, segment
from kg.annotate import spans_from_tags
from kg.records import Mention, Sentence, Token

TYPES = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION",
         "GPE": "LOCATION", "PLACE": "LOCATION"}
NOT_ENTITY = "-"  # type_heads.tsv's type for events and documents (convention 4)
_EDGE_PUNCT = set(",.;:!?()[]{}\"“”‘’'«»-–—•/")


@lru_cache(maxsize=None)
def _gazetteer() -> dict[tuple[str, ...], str]:
    """Token sequences that are always entities: countries, institution seats, regions."""
    g: dict[tuple[str, ...], str] = {}
    for name in lexicon.places():
        g[tuple(name.split())] = "LOCATION"
    for name in lexicon.countries():
        g[tuple(name.replace(".", ". ").split())] = "COUNTRY"
    for name, typ in lexicon.institutions().items():
        g[tuple(name.split())] = typ
    for name in lexicon.outlets().get("names", []):
        g[tuple(name.split())] = "ORGANIZATION"
    return g


def entity_type(text: str, ner_label: str) -> str:
    if text in lexicon.countries():
        return "COUNTRY"
    if text in lexicon.institutions():
        return lexicon.institutions()[text]
    if text in lexicon.places():
        return "LOCATION"
    if is_outlet(text):
        return "ORGANIZATION"
    words = text.split()
    if len(words) > 1:  # "SMA Negeri 3 X" is a school, "X Convention Center" a place, "X Summit" an event
        heads = lexicon.type_heads()
        typ = heads.get((words[0], "first")) or heads.get((words[-1], "last")) \
            or heads.get((" ".join(words[-2:]), "last"))
        if typ == NOT_ENTITY or typ and ner_label in {"ORG", "LOC"}:
            return typ
    return TYPES.get(ner_label, "ORGANIZATION")


def extract_mentions(text: str, sentences: list[Sentence], tags: list[list[str]]) -> list[Mention]:
    """NER spans → typed mentions, titles split off as roles; lexicons fill gaps."""
    mentions: list[Mention] = []
    tagged = lru_cache(maxsize=1)(lambda: frozenset(  # words NER tagged somewhere in the document
        t.text for sent, st in zip(sentences, tags) for t, g in zip(sent.tokens, st) if g != "O"))
    for si, (sent, sent_tags) in enumerate(zip(sentences, tags)):
        toks = sent.tokens
        spans: list[tuple[int, int, str]] = []  # character spans with a type
        for a, b, label in _cut_spans(toks, _split_at_outlets(toks, spans_from_tags(sent_tags))):
            a, b = _trim(toks, a, b)
            typ = TYPES.get(label, "ORGANIZATION")
            while b - 1 > a and toks[b - 1].text[:1].islower():
                b -= 1  # names end in a capitalised word: "Ukraina timur" is Ukraina, in the east
            if typ == "PERSON":
                a = _balinese_start(toks, _strip_titles(toks, a, b))
                if a > 1 and toks[a - 1].text in lexicon.titles()["given"] and _role_before(toks, a - 1):
                    a -= 1  # "Ketua KONI, Raja Harun ..." with "Raja" left out of the span
                elif b - a >= 2 and _given_name_after_title(toks, a) and toks[a - 1].text not in tagged() \
                        and _used_as_name(text, toks[a - 1].text, toks[a].text):
                    a -= 1  # "Menteri Keuangan Lestari Budi Santoso" with "Lestari" left out
            if typ in {"PERSON", "LOCATION"} and " ".join(t.text for t in toks[a:b]) not in lexicon.places():
                b = _strip_trailing_countries(toks, a, b)
            if typ != "PERSON" and b < len(toks) and toks[b].text == "RI" and b > a:
                b += 1  # "RI" ends an institution's name (convention 3): "Gedung Bappenas RI"
            if a >= b:
                continue
            if typ != "PERSON":
                split = _split_org_person(toks, a, b)
                if split:
                    spans.extend(split)
                    continue
            spans.extend(_split_compound(text, toks[a].start, toks[b - 1].end, typ))
        spans = _add_lexicon_spans(text, toks, spans)
        for start, end, typ in sorted(spans):
            surface = segment.surface(text, toks, start, end)  # glued words read apart
            final = entity_type(surface, _label(typ))
            if final == NOT_ENTITY or surface.casefold() in lexicon.not_entities() \
                    or not any(c.isupper() for c in surface) \
                    or (final == "PERSON" and all(_is_title_word(w) for w in surface.split())) \
                    or surface in lexicon.titles()["head"]:  # "Kapolres", "Dirlantas" alone name no one
                continue
            mentions.append(Mention(start, end, surface, final, si))
    _dateline_places(text, mentions)
    mentions = _cut_place_before_person(text, mentions)
    mentions = _drop_concept_acronyms(text, mentions) + _handles(text, sentences, mentions)
    mentions = _check_headline(text, sentences, mentions)
    links = _link_titles(text)
    if links:  # names in "Baca: ..." links to other articles are furniture (convention 7)
        mentions = [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in links)]
    mentions.extend(_short_names(text, sentences, mentions))
    mentions = _join_adjacent_persons(text, sorted(mentions, key=lambda m: (m.start, m.end)))
    persons: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        if m.type == "PERSON":
            persons.setdefault(m.sentence, []).append((m.start, m.end))
    for m in mentions:
        if m.type == "PERSON":
            m.role = find_role(text, sentences[m.sentence], m, persons[m.sentence])
    return mentions


def _cut_place_before_person(text: str, mentions: list[Mention]) -> list[Mention]:
    """NER runs the last word of a place or body into the name after it ("Ketua DPRD Sukamaju
    Budi Hartono" gives the person "Sukamaju Budi Hartono"): a person's first word that the
    article names as a place on its own, or that ends an organization's or place's name with two
    name words after it, is left out, unless it starts another person's name too or the rest
    of the name is a place ("Sukamaju Cibening" is two places)."""
    folded = str.casefold
    starts = {m.start for m in mentions if m.type == "PERSON"}  # "Budi" (LOC) "Hartono" (PER): a name cut in two
    places = {folded(m.text) for m in mentions if m.type in {"LOCATION", "COUNTRY"} and " " not in m.text
              and m.end + 1 not in starts}
    others = {folded(m.text) for m in mentions if m.type != "PERSON"}
    last = {folded(m.text.split()[-1]) for m in mentions if m.type != "PERSON" and " " in m.text
            and m.end + 1 not in starts}
    firsts = Counter(folded(t.split()[0]) for t in {m.text for m in mentions if m.type == "PERSON"})
    out = []
    for m in mentions:
        words = m.text.split()
        w = folded(words[0]) if words else ""
        if m.type == "PERSON" and len(words) >= 2 and firsts[w] == 1 \
                and not any(folded(x) in others for x in words[1:]) \
                and (w in places or (w in last and len(words) >= 3)):
            start = m.start + text[m.start:m.end].index(words[1], len(words[0]))
            m = Mention(start, m.end, text[start:m.end], m.type, m.sentence)
        out.append(m)
    return out


_DATELINE_END = re.compile(r"\s*(?:[-–—]|,|\()")


def _dateline_places(text: str, mentions: list[Mention]) -> None:
    """'Outlet.com, Place - ...' at a line start: the name after the outlet is where it was written."""
    for i, m in enumerate(mentions):
        if m.type != "ORGANIZATION" or not i or mentions[i - 1].type != "ORGANIZATION":
            continue
        prev = mentions[i - 1]
        line_start = text.rfind("\n", 0, prev.start) + 1
        if text[line_start:prev.start].strip() or text[prev.end:m.start].strip() != "," \
                or not is_outlet(prev.text) and prev.text not in lexicon.outlets().get("names", []):
            continue
        if _DATELINE_END.match(text, m.end):
            m.type = "LOCATION"


def _check_headline(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """In a Title Case Headline every word is capitalised and NER runs names together
    ("Hartono Jawab Susanto"): keep a headline name only if the body uses it too."""
    head = [i for i, s in enumerate(sentences) if s.paragraph == 0]
    if not head or len(sentences) == len(head):
        return mentions
    words = [t.text for i in head for t in sentences[i].tokens if t.text[:1].isalpha()]
    if len(words) < 3 or sentences[head[-1]].tokens[-1].text in {".", "!", "?", "”", "\""} or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return mentions
    body = {m.text for m in mentions if m.sentence not in head}
    return [m for m in mentions if m.sentence not in head or m.text in body or m.type == "COUNTRY"
            or m.text in lexicon.institutions() or m.text in lexicon.places()]


def _short_names(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """A given name or surname of a person named in full elsewhere in the article.

    NER finds "Bambang Eko Susanto" but often misses a later "kata Bambang":
    such a token is the same person's short name, wherever it stands.
    """
    parts: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and len(words) > 1:
            parts.update(w for w in (words[0], words[-1]) if len(w) > 2 and w[0].isupper() and "." not in w)
    parts -= set(lexicon.countries()) | set(lexicon.institutions()) | lexicon.places()
    given = lexicon.titles()["given"]  # "Imam" of "Imam Santoso" is a name here
    parts = {p for p in parts if (p in given or not _is_title_word(p)) and p.casefold() not in lexicon.not_entities()}
    if not parts:
        return []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for si, sent in enumerate(sentences):
        for k, tok in enumerate(sent.tokens):
            if tok.text in parts and tok.start not in covered and not (
                    tok.text in given and k + 1 < len(sent.tokens) and sent.tokens[k + 1].start in covered):
                out.append(Mention(tok.start, tok.end, tok.text, "PERSON", si))  # ("Raja" before a name is a title)
    return out


def _cut_spans(toks: tuple[Token, ...], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A bracket opened or closed only inside a span ends a name ("PT ABC) Sleman"); a place
    span holding several places is cut before each administrative unit, without the
    neighbourhood numbers ("Dusun X RT 02 RW 03 Desa Y" → "Dusun X", "Desa Y")."""
    out = []
    units = lexicon.admin_units()
    for a, b, label in spans:
        cuts, depth = [], 0
        for i in range(a, b):
            w = toks[i].text
            depth += (w == "(") - (w == ")")
            if depth < 0 or (w == "(" and not any(t.text == ")" for t in toks[i:b])):
                cuts.append(i)
                depth = 0
            elif TYPES.get(label) == "LOCATION" and i > a and toks[a].text in units and (w in units or w in {"RT", "RW"}):
                cuts.append(i)  # "Dusun X RT 02 RW 03 Desa Y", not "Balai Desa Y" (a hall)
        start = a
        for i in cuts + [b]:
            piece = [j for j in range(start, i) if toks[j].text not in {"RT", "RW"}
                     and not (j > a and toks[j - 1].text in {"RT", "RW"})]
            if piece and i > start:
                out.append((piece[0], piece[-1] + 1, label))
            start = i + 1 if i < b and toks[i].text in "()" else i
    return out


def _balinese_start(toks: tuple[Token, ...], a: int) -> int:
    """A Balinese name's first words NER leaves out: "I Made Sukarta Wijaya" tagged "Sukarta Wijaya".
    The name starts with I (men) or Ni (women) and an order-of-birth or caste name."""
    bali = lexicon.balinese_names()
    for k in range(2, 6):
        i = a - k
        if i < 0 or not all(t.text[:1].isupper() and t.text.isalpha() for t in toks[i:a]):
            break
        if toks[i].text in {"I", "Ni"} and toks[i + 1].text in bali:
            return i
    return a


_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_]{3,30}\b")


def _handles(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """Social media accounts quoted in the text ("kata @budi_s") are people, or outlets by their name."""
    out = []
    for m in _HANDLE.finditer(text):
        if any(x.start < m.end() and m.start() < x.end for x in mentions):
            continue
        si = next((i for i, s in enumerate(sentences) if s.start <= m.start() < s.end), None)
        if si is not None:
            out.append(Mention(m.start(), m.end(), m.group(), "ORGANIZATION" if is_outlet(m.group()[1:]) else "PERSON", si))
    return out


_BRACKETED = re.compile(r"\s*\(([^()\s]{2,12})\)")


def _drop_concept_acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """An acronym spelt out in lower case before it names a concept ("anak putus sekolah (APS)"),
    so does one spelt out as an event or agreement ("Green Ocean Summit (GOS)"), and so does a generic acronym's spelt-out name ("Badan Usaha Milik Negara (BUMN)")."""
    drop = set()
    for k, m in enumerate(mentions):
        if not (m.text.isupper() and text[m.start - 1:m.start] == "(" and text[m.end:m.end + 1] == ")"):
            continue
        before = text[max(0, m.start - 120):m.start - 1].split()
        letters = m.text.casefold()
        words = before[-len(letters):]
        event = words and lexicon.type_heads().get((words[-1], "last")) == NOT_ENTITY  # "X Y Summit (XYS)"
        if len(words) == len(letters) and (event or all(w.islower() for w in words)) \
                and "".join(w[0] for w in words).casefold() == letters:
            drop.add(k)
    for k, m in enumerate(mentions):
        after = _BRACKETED.match(text, m.end)
        if after and after.group(1).casefold() in lexicon.not_entities():
            drop.add(k)
    return [m for k, m in enumerate(mentions) if k not in drop]


_LINK = re.compile(r"\b(?:[Bb]aca|BACA)\s*(?:[Jj]uga\s*)?:|\b(?:Baca|Simak|Lihat|Tonton|Saksikan)\s+[Jj]uga\b")
_TITLE_WORD = re.compile(r"[\w#@$%&'’.,:/-]+|[\"“”]")
_TITLE_SMALL = frozenset("di ke dari dan yang untuk dengan atau soal jadi hingga usai jelang pada oleh bagi vs".split())


def _link_titles(text: str) -> list[tuple[int, int]]:
    """Where links to other articles stand inside the body: "(baca: Title)", 'Tonton juga "Title"',
    or "Baca: A Title In Capitals" up to the next sentence (its first capitalised words left out)."""
    out = []
    for m in _LINK.finditer(text):
        start = end = m.end()
        rest = text[end:end + 300]
        if text[max(0, m.start() - 2):m.start()].strip() == "(":
            close = rest.find(")")
            out.append((start, end + (close if close >= 0 else len(rest))))
            continue
        lead = rest.lstrip()
        if lead[:1] in "\"“":
            close = next((i for i, c in enumerate(lead[1:], 1) if c in "\"”"), len(lead))
            out.append((start, end + len(rest) - len(lead) + close))
            continue
        caps: list[re.Match] = []  # the capitalised run just before where the title ends
        last = end
        for w in _TITLE_WORD.finditer(rest):
            tok = w.group()
            if tok in "\"“”" or "\n" in rest[:w.start()][last - end:]:
                caps = []
                break
            if tok[:1].isupper() or tok[:1].isdigit() or not tok[:1].isalnum():
                caps = caps + [w] if tok[:1].isupper() else []
            elif tok.casefold() in _TITLE_SMALL:
                caps = []
            else:
                break
            last = end + w.end()
        if caps:  # the next sentence starts with the capitalised word(s) before the stop: "Hal ini", "Menurut Budi, ia"
            back = caps[-2] if len(caps) > 1 and caps[-1].group().endswith(",") else caps[-1]
            last = end + back.start()
        out.append((start, last))
    return out


def _join_adjacent_persons(text: str, mentions: list[Mention]) -> list[Mention]:
    """A one-word name and a person's name with only a space between are one name cut in two
    ("Sinta" "Wijaya"), unless the word is a surname: "penasihat Hartono Yuri Ivanov" is Hartono's adviser."""
    surnames = {m.text.split()[-1] for m in mentions if m.type == "PERSON" and " " in m.text}
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev and prev.type == m.type == "PERSON" and prev.sentence == m.sentence and text[prev.end:m.start] == " " \
                and " " not in prev.text and prev.text not in surnames:
            out[-1] = Mention(prev.start, m.end, text[prev.start:m.end], "PERSON", m.sentence)
        else:
            out.append(m)
    return out


def _split_at_outlets(toks: tuple[Token, ...], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An outlet's domain inside a longer span ("Budi Santoso TRIBUNNEWS.COM") is its own name."""
    out = []
    for a, b, label in spans:
        inner = [i for i in range(a, b) if "." in toks[i].text and is_outlet(toks[i].text)] if b - a > 1 else ()
        if not inner:
            out.append((a, b, label))
            continue
        for i in inner:
            if a < i:
                out.append((a, i, label))
            out.append((i, i + 1, "ORG"))
            a = i + 1
        if a < b:
            out.append((a, b, label))
    return out


def _label(typ: str) -> str:
    return {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}.get(typ, "ORG")


def _trim(toks: tuple[Token, ...], a: int, b: int) -> tuple[int, int]:
    while a < b and toks[a].text in _EDGE_PUNCT:
        a += 1
    while b > a and toks[b - 1].text in _EDGE_PUNCT:
        b -= 1
    return a, b


def _given_name_after_title(toks: tuple[Token, ...], a: int) -> bool:
    """The word before a person's span is a given name NER left out: it looks like a name and
    follows a portfolio word of a title ("Keuangan"), not a place unit ("Kota X Budi Santoso")."""
    if a < 2 or not _name_like(toks[a - 1].text):
        return False
    prev = toks[a - 2].text
    return prev.casefold() in lexicon.titles()["part"] \
        and prev.casefold() not in {u.casefold() for u in lexicon.admin_units()}


def _used_as_name(text: str, word: str, after: str) -> bool:
    """The word stands alone elsewhere in the text (not before the same name) and is never
    written in lower case there: a name ("... keputusan Lestari."), not a common word ("Pangan")."""
    if re.search(rf"\b{re.escape(word.lower())}\b", text):
        return False
    return any(text[m.end():].lstrip()[:len(after)] != after for m in re.finditer(rf"\b{re.escape(word)}\b", text))


def _is_title_word(tok: str) -> bool:
    t = lexicon.titles()
    return tok in t["honorific"] or tok.rstrip(".") in t["honorific"] or tok.capitalize() in t["head"] \
        or tok in t["head"] or tok.casefold() in t["part"]


def _strip_titles(toks: tuple[Token, ...], a: int, b: int) -> int:
    """Skip titles, honorifics and the country/organization inside a title at the span's start."""
    countries = lexicon.countries()
    given = lexicon.titles()["given"]
    i = a
    while i < b - 1 and (_is_title_word(toks[i].text) or toks[i].text in countries
                         or toks[i].text in lexicon.institutions()):
        if toks[i].text in given and _role_before(toks, i):
            break  # "(Menpora) Imam Santoso": a role stands before, so "Imam" is his name
        i += 1
    return i


def _role_before(toks: tuple[Token, ...], i: int) -> bool:
    return i > 0 and (toks[i - 1].text in {",", ")"} or _is_title_word(toks[i - 1].text))


def _strip_trailing_countries(toks: tuple[Token, ...], a: int, b: int) -> int:
    """'Ivanov Rusia', 'Semenanjung Balkan Serbia': a country after a name modifies it."""
    while b - 1 > a and toks[b - 1].text in lexicon.countries():
        b -= 1
    return b


def _split_org_person(toks: tuple[Token, ...], a: int, b: int) -> list | None:
    """'(Sekretaris Pers) Gedung Putih Dewi Rahma' tagged as one organization: a known
    institution or country, then a name, right after a title word."""
    person = _person_after_acronym(toks, a, b)
    if person:
        return person
    if a == 0 or not _is_title_word(toks[a - 1].text):
        return None
    gaz = _gazetteer()
    for n in range(b - a - 2, 0, -1):
        key = tuple(t.text for t in toks[a:a + n])
        rest = toks[a + n:b]
        if key in gaz and len(rest) >= 2 and all(t.text[:1].isupper() for t in rest):
            return [(toks[a].start, toks[a + n - 1].end, gaz[key]), (rest[0].start, rest[-1].end, "PERSON")]
    return None


def _person_after_acronym(toks: tuple[Token, ...], a: int, b: int) -> list | None:
    """'Komisi V DPR RI Budi Santoso' tagged as one organization: an organization ends
    in an acronym (or RI), and two to four capitalised words after it are a person.
    An acronym that starts the span begins a name ("PT Maju Jaya") unless it is a
    regional institution ("KPU Budi Santoso")."""
    for k in range(b - 3, a - 1, -1):
        w = toks[k].text
        if len(w) >= 2 and w.isupper() and w.isalpha():
            if k == a and w not in _regional()[0]:
                return None  # "PT Maju Jaya", "SMA Budi Mulia": the acronym starts a name
            rest = toks[k + 1:b]
            if 2 <= len(rest) <= 4 and all(_name_like(t.text) for t in rest):
                return [(toks[a].start, toks[k].end, "ORGANIZATION"), (rest[0].start, rest[-1].end, "PERSON")]
            return None
    return None


def _name_like(word: str) -> bool:
    """A capitalised word that is no place, country, title or common word."""
    return word[:1].isupper() and word[1:].islower() and word not in lexicon.places() \
        and word not in lexicon.countries() and not _is_title_word(word) \
        and word.casefold() not in lexicon.glue_words() and word not in _regional()[0]


def _split_compound(text: str, start: int, end: int, typ: str) -> list[tuple[int, int, str]]:
    """'Hartono-Ivanov' → two names; 'Eropanya' → 'Eropa' (the -nya clitic is not part of a name)."""
    surface = text[start:end]
    if " " not in surface and surface.endswith("nya") and len(surface) > 5 and surface[0].isupper():
        end -= 3
        surface = surface[:-3]
    if typ in {"PERSON", "LOCATION", "COUNTRY"} and " " not in surface and "-" in surface:
        parts, out, pos = surface.split("-"), [], start
        if all(p[:1].isupper() and len(p) > 1 for p in parts):
            for p in parts:
                t = entity_type(p, _label(typ))
                out.append((pos, pos + len(p), t))
                pos += len(p) + 1
            return out
    return [(start, end, typ)]


_TEXT = operator.itemgetter(0)  # Token.text, read in C


def _add_lexicon_spans(text: str, toks: tuple[Token, ...], spans: list[tuple[int, int, str]]) -> list:
    """Countries, regions, institution seats and trigger-introduced organizations the NER missed.

    A lexicon match replaces NER spans that lie inside it ("Eropa" inside
    "Eropa Timur") and gives way to any span it only overlaps.
    """
    words = list(map(_TEXT, toks))
    persons = [(s, e) for s, e, typ in spans if typ == "PERSON"]
    stops = {i for i, t in enumerate(toks) if any(s <= t.start < e for s, e in persons)} if persons else set()
    found = _gazetteer_matches(toks, words) + _trigger_matches(toks, words, stops) + _outlet_matches(words) \
        + _regional_matches(toks, words, spans, stops)
    for a, b, typ in sorted(found, key=lambda x: (x[0] - x[1], x[0])):  # longest first
        start, end = toks[a].start, toks[b - 1].end
        inside = [s for s in spans if start <= s[0] and s[1] <= end]
        overlap = [s for s in spans if s[0] < end and start < s[1] and s not in inside]
        if overlap:
            continue
        for s in inside:
            spans.remove(s)
        spans.append((start, end, typ))
    return spans


_DOMAIN = re.compile(r"[A-Za-z][A-Za-z0-9]*\.(?:co\.id|com|net|org|id|tv)|[A-Z][A-Z0-9]*\.(?:CO\.ID|COM|NET|ORG|ID|TV)")


def is_outlet(word: str) -> bool:
    """A news site by its domain ("Liputan6.com") or a camel-case outlet name ("detikNews")."""
    if "." in word:
        return bool(_DOMAIN.fullmatch(word))
    pre = lexicon.outlet_prefixes()
    return word.startswith(pre) and any(len(word) > len(p) and word.startswith(p) and word[len(p)].isupper()
                                        for p in pre)


def _outlet_matches(words: list[str]) -> list[tuple[int, int, str]]:
    pre = lexicon.outlet_prefixes()
    return [(i, i + 1, "ORGANIZATION") for i, w in enumerate(words)
            if ("." in w or w.startswith(pre)) and is_outlet(w)]


@lru_cache(maxsize=None)
def _gazetteer_folded() -> dict[tuple[str, ...], str]:
    """Multi-word places with later words in any case: "Eropa timur", "Laut china selatan"."""
    return {(k[0],) + tuple(w.casefold() for w in k[1:]): v for k, v in _gazetteer().items()
            if v == "LOCATION" and len(k) > 1}


def _gazetteer_matches(toks: tuple[Token, ...], words: list[str]) -> list[tuple[int, int, str]]:
    gaz, folded = _gazetteer(), _gazetteer_folded()
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
    for key in _gazetteer():
        firsts[key[0]] = max(firsts.get(key[0], 0), len(key))
    return firsts


@lru_cache(maxsize=None)
def _triggers() -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...], frozenset[str], frozenset[str]]:
    """Trigger phrases before an organization name and at its head, and their first words."""
    trig = lexicon.org_triggers()
    before = tuple(tuple(p.casefold().split()) for p in trig.get("before", []))
    head = tuple(tuple(p.split()) for p in trig.get("head", []))
    return before, head, frozenset(p[0] for p in before), frozenset(p[0] for p in head)


def _capitalised_run(toks: tuple[Token, ...], i: int, stops: set[int] = frozenset()) -> int:
    """End of the capitalised words from i on (at most 6), stopping at a person's name."""
    j = i
    while j < len(toks) and (toks[j].text[:1].isupper() or toks[j].text[:1].isdigit() and j > i) and j - i < 6 \
            and j not in stops and not (j > i and toks[j].text in _title_heads_cased()):
        j += 1
    return j


@lru_cache(maxsize=None)
def _title_heads_cased() -> frozenset[str]:
    return frozenset(h for h in lexicon.titles()["head"] if " " not in h)


def _trigger_matches(toks: tuple[Token, ...], words: list[str], stops: set[int] = frozenset()) -> list:
    before, head, first_before, first_head = _triggers()
    out = []
    if first_head.isdisjoint(words) and first_before.isdisjoint(w.casefold() for w in set(words)):
        return out  # most sentences: no trigger word
    for i in [i for i, t in enumerate(toks) if t.text in first_head or t.text.casefold() in first_before]:
        tok = toks[i]
        if tok.text.casefold() in first_before:
            for phrase in before:
                n = len(phrase)
                if tuple(t.text.casefold() for t in toks[i:i + n]) == phrase and i + n < len(toks) \
                        and toks[i + n].text[:1].isupper():
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
def _regional() -> tuple[dict[str, list[tuple[str, ...]]], frozenset[str], frozenset[str]]:
    """[regional] heads by first word, [suffix] words, administrative unit words."""
    trig = lexicon.org_triggers()
    heads: dict[str, list[tuple[str, ...]]] = {}
    for phrase in trig.get("regional", []):
        words = tuple(phrase.split())
        heads.setdefault(words[0], []).append(words)
    return heads, frozenset(trig.get("suffix", [])), lexicon.admin_units()


def _regional_matches(toks: tuple[Token, ...], words: list[str], spans: list, stops: set[int]) -> list:
    """'DPRD Jawa Barat', 'Polres Kabupaten Sleman', 'BPK RI': an institution with the region it serves."""
    heads, _, _ = _regional()
    if heads.keys().isdisjoint(words):
        return []
    out = []
    for i in [i for i, w in enumerate(words) if w in heads]:
        for phrase in heads[words[i]]:
            n = len(phrase)
            if tuple(words[i:i + n]) == phrase:
                end = _region_run(toks, words, i + n, spans, stops)
                if end > i + n:
                    out.append((i, end, "ORGANIZATION"))
    return out


def _region_run(toks: tuple[Token, ...], words: list[str], j: int, spans: list, stops: set[int]) -> int:
    """End of the region words from j on: [suffix] words, a place, an administrative unit and its name."""
    _, suffix, units = _regional()
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
        loc = next((e for s, e, typ in spans if s == toks[j].start and typ == "LOCATION"), None)
        if loc is not None:  # a place NER found
            while j < len(toks) and toks[j].end <= loc:
                j += 1
            continue
        n = next((n for n in (3, 2, 1) if j + n <= len(words) and " ".join(words[j:j + n]) in places), 0)  # "Nusa Tenggara Barat"
        if not n:
            break
        j += n
    return j


@lru_cache(maxsize=None)
def _title_heads() -> frozenset[str]:
    return frozenset(h.casefold() for h in lexicon.titles()["head"])


def find_role(text: str, sent: Sentence, m: Mention, persons: list[tuple[int, int]] = ()) -> str | None:
    """The title phrase right before a person's name: "Menteri Luar Negeri Rusia".

    `persons` are the spans of the people named in the same sentence."""
    toks = sent.tokens
    if m.start - sent.start > 2000:
        return None  # titles stand next to names; do not scan a runaway "sentence"
    idx = next((i for i, t in enumerate(toks) if t.start >= m.start), len(toks))
    nxt = next((i for i, t in enumerate(toks) if t.start >= m.end), None)
    if nxt is not None and any(a == toks[nxt].start for a, _ in persons):
        return None  # "Penasihat ... Hartono Yuri Ivanov": the title is the next person's
    j = idx - 1
    if j >= 0 and toks[j].text == ",":  # appositive: "menteri luar negeri Rusia, Ivan Petrov"
        j -= 1
    first_head = None
    countries, insts = lexicon.countries(), lexicon.institutions()
    t = lexicon.titles()
    heads = _title_heads()
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

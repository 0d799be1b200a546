"""One document's mentions → document entities (`link_document`).

Where to change a rule for "these two mentions in one article are one entity":
people by surname and compatible given names (`_match_person`), acronyms the
text ties to a long name (`_acronyms`, `_initialisms`), organizations and
places named in full once and shorter elsewhere (`_join_short_forms`).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from kg import lexicon
from kg.disjoint import DisjointSets
from kg.records import DocResult, Mention
from kg.resolve.names import canonical_form, middles_agree, name_parts, norm, place_key, similar

def link_document(res: DocResult, text: str) -> None:
    """Give every mention of a document a document-level entity number."""
    clusters: list[list[int]] = []
    by_key: dict[str, int] = {}
    acronyms = _acronyms(res.mentions, text)
    persons: list[int] = []  # cluster ids of multi-word person names
    order = sorted(range(len(res.mentions)),  # full names first, handles last (they match one-word names)
                   key=lambda i: (res.mentions[i].text.startswith("@"), -len(name_parts(res.mentions[i].text)), i))
    for i in order:
        m = res.mentions[i]
        key = _doc_key(m, acronyms)
        cid = by_key.get(key)
        if cid is None and m.type == "PERSON":
            cid = _match_person(m, res.mentions, clusters, persons)
        if cid is None:
            cid = len(clusters)
            clusters.append([])
            if m.type == "PERSON" and len(name_parts(m.text)) > 1:
                persons.append(cid)
        by_key.setdefault(key, cid)
        clusters[cid].append(i)
    clusters = _join_short_forms(res.mentions, clusters)
    for cid, members in enumerate(clusters):
        for i in members:
            res.mentions[i].entity = cid
        typ = _entity_type([res.mentions[i].type for i in members])
        for i in members:
            res.mentions[i].type = typ


def _entity_type(types: list[str]) -> str:
    """One type per entity: lexicon types win, then the majority, the first seen on a tie."""
    counts: dict[str, int] = {}  # a Counter costs more than the counting in this hot spot
    for t in types:
        counts[t] = counts.get(t, 0) + 1
    return "COUNTRY" if "COUNTRY" in counts else max(counts, key=counts.__getitem__)


def _doc_key(m: Mention, acronyms: dict[str, str]) -> str:
    if m.type == "COUNTRY":
        return "C:" + norm(canonical_form(m.text, "COUNTRY"))
    n = norm(m.text)
    if m.type == "LOCATION":
        n = place_key(m.text)
    return "N:" + acronyms.get(n, n)


def _match_person(m: Mention, mentions: list[Mention], clusters, persons) -> int | None:
    parts = name_parts(m.text)
    if not parts:
        return None
    if m.text.startswith("@"):
        return _match_handle(m.text, mentions, clusters, persons)
    by_surname, by_given, by_other = [], [], []
    for cid, full in ((c, f) for c in persons for f in _full_names(mentions, clusters[c])):
        if norm(full[-1]) == norm(parts[-1]) and not middles_agree(parts, full):
            continue  # brothers: "Iwan Setiawan X" and "Iwan Kurniawan X"
        if norm(full[-1]) == norm(parts[-1]) and (len(parts) == 1 or similar(parts[0], full[0])
                                                  or (len(parts) == 2 and _blend(parts[0], full[:-1], 1))
                                                  or (len(parts) == 2 and any(similar(parts[0], f) for f in full[1:-1]))):
            by_surname.append(cid)  # "Ryu Lubis" of "Rahmat Yudi Lubis", "Yudi Lubis" of "Muhammad Yudi Eka Lubis"
        elif len(parts) < len(full) and all(norm(p) == norm(f) for p, f in zip(parts, full)):
            by_given.append(cid)  # the given name(s) alone: "Budi" or "Budi Eka" of "Budi Eka Santoso"
        elif len(parts) == len(full) > 2 and parts[:-1] == full[:-1] and similar(parts[-1], full[-1]):
            by_surname.append(cid)  # one letter off in the surname: "... Sari" / "... Sary"
        elif len(parts) == 1 and (any(similar(parts[0], f) for f in full[1:-1]) or _blend(parts[0], full, 2)
                                  or any(_short_given(parts[0], f) for f in full[:-1])):
            by_other.append(cid)  # a middle name used as the short name, "Bamsoet" of "Bambang Soetrisno",
            # "Sulis" of "Sulistyowati Rahayu", "Melki" of "Emanuel Melkiades Lena"
    by_surname, by_given, by_other = (list(dict.fromkeys(h)) for h in (by_surname, by_given, by_other))
    if len(by_given) > 1 and not by_surname:
        return _nearest_before(m, by_given, mentions, clusters)
    hits = by_surname or by_given or by_other
    return hits[0] if len(hits) == 1 else None


def _full_names(mentions: list[Mention], members: list[int]) -> list[tuple[str, ...]]:
    """The longest name of a person, then its other forms of two words or more ("Ryu Lubis")."""
    names = dict.fromkeys(name_parts(mentions[i].text) for i in members)
    return [n for n in names if len(n) > 1]


def _short_given(word: str, given: str) -> bool:
    """The first letters of a long given (or middle) name, five or more: "Sulis" of "Sulistyowati"
    ("Budi" may be another person than "Budiman")."""
    w, g = norm(word), norm(given)
    return 5 <= len(w) < len(g) and g.startswith(w)


def _match_handle(handle: str, mentions: list[Mention], clusters, persons) -> int | None:
    """A social media handle beside the person's name ("@sinta_dewi", "@bams10" beside "Bams"):
    its letters open with the given name or surname (four letters or more) or a one-word name
    already given to exactly one person of the article."""
    letters = re.sub(r"[^a-z]", "", norm(handle))
    hits = set()
    for cid in persons:
        names = {norm(p) for i in clusters[cid] for p in (name_parts(mentions[i].text)[:1] + name_parts(mentions[i].text)[-1:])}
        if any(len(n) >= 4 and letters.startswith(n) for n in names) \
                or any(len(n) >= 3 and letters.startswith(n) for i in clusters[cid]
                       for n in [norm(mentions[i].text)] if " " not in n):
            hits.add(cid)
    return hits.pop() if len(hits) == 1 else None


def _blend(word: str, parts: tuple[str, ...], first: int) -> bool:
    """A nickname of name beginnings: "Bamsoet" = Bam(bang) + Soet(risno), "Ryu" = R(ahmat) + Yu(di).
    The first part gives at least `first` letters, and two parts or more give some."""
    w = norm(word)
    ps = [norm(p) for p in parts]
    if len(w) < 3 or len(ps) < 2 or w == ps[0]:
        return False

    def spell(i: int, rest: str) -> bool:
        if not rest:
            return i >= 2
        if i == len(ps):
            return False
        least = first if i == 0 else 1
        if i and len(rest) >= 3 and rest[0] == ps[i][0] and _subsequence(rest, ps[i]):
            return True  # the last piece skips letters of its part: "Bamsoet" of "Bambang Soesatyo"
        return any(rest[:k] == ps[i][:k] and spell(i + 1, rest[k:]) for k in range(least, min(len(rest), len(ps[i])) + 1))

    return spell(0, w)


def _subsequence(short: str, long_: str) -> bool:
    it = iter(long_)
    return all(c in it for c in short)


def _nearest_before(m: Mention, cids: list[int], mentions: list[Mention], clusters) -> int | None:
    """A given name two people share is the one named last before it ("Budi" after "... Budi Santoso")."""
    last = {cid: max((mentions[i].start for i in clusters[cid] if mentions[i].start < m.start), default=-1)
            for cid in cids}
    best = max(cids, key=lambda c: last[c])
    return best if last[best] >= 0 else None


def _acronyms(mentions: list[Mention], text: str) -> dict[str, str]:
    """'Long Name (ACR)' or 'ACR (Long Name)' in the text ties an acronym to its expansion."""
    out: dict[str, str] = {}
    for a, b in zip(mentions, mentions[1:]):
        between = text[a.end:b.start]
        if between.strip() == "(" and text[b.end:b.end + 1] == ")":
            short, long_ = (b, a) if len(b.text) < len(a.text) else (a, b)
            if " " in long_.text or long_.text.isupper() or short.text[:1] == long_.text[:1]:
                # a single word spelling no letter of it is the tail of a longer name: "Surabaya (KCJS)"
                ok = short.text.isupper() or _letters_of(short.text, long_.text)
            else:
                ok = False
            if " " not in short.text and ok:
                out[norm(short.text)] = norm(long_.text)
    out.update(_initialisms(mentions, out))
    return out


def _letters_of(short: str, long_: str) -> bool:
    """A short form made of the long name's letters in order, from its first: "Kemdikbud" of
    "Lembaga Ketahanan Nasional", "Kemenkes" of "Kementerian Kesehatan"."""
    s, rest = norm(short).replace(" ", ""), norm(long_).replace(" ", "")
    if len(s) < 3 or len(long_.split()) < 2 or s[:1] != rest[:1]:
        return False
    it = iter(rest)
    return all(c in it for c in s)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper()).casefold()


def _initialisms(mentions: list[Mention], known: dict[str, str]) -> dict[str, str]:
    """An organization's acronym and its expansion elsewhere in the article: "BPN" and
    "Badan Pertanahan Nasional", "PT MJL" and "PT Maju Jaya Lestari"."""
    longs: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.type == "ORGANIZATION" and len(m.text.split()) >= 3:
            words = m.text.split()
            longs[_initials(m.text)].add(norm(m.text))
            if words[0].isupper():  # "PT Sarana ..." → "PT" + "spr"
                longs[words[0].casefold() + " " + _initials(" ".join(words[1:]))].add(norm(m.text))
    out = {}
    for m in mentions:
        words = m.text.split()
        n = norm(m.text)
        if m.type != "ORGANIZATION" or n in known or len(words) > 2 or not words[-1].isupper() or len(words[-1]) < 3:
            continue
        key = words[-1].casefold() if len(words) == 1 else words[0].casefold() + " " + words[1].casefold()
        hits = longs.get(key, set())
        if len(hits) == 1:
            out[n] = next(iter(hits))
    return out


@lru_cache(maxsize=None)
def _abbreviations() -> dict[str, tuple[str, ...]]:
    return {k.casefold(): tuple(v.split()) for k, v in lexicon.org_abbreviations().items()}


@lru_cache(maxsize=50_000)
def _org_words(name: str) -> tuple[str, ...]:
    """An organization's or place's name as words, institution short words spelt out
    ("Kejari X" → "Kejaksaan Negeri X") and legal forms left out ("PT X Tbk" → "X")."""
    s = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = re.findall(r"\w+", s)
    legal = lexicon.org_name_words()["legal_forms"]  # "PT KCIC" is KCIC
    kept = [w for w in words if w.casefold() not in legal] or words
    out: list[str] = []
    for w in kept:
        out.extend(_abbreviations().get(w.casefold(), (w,)))
    return tuple(out)


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _abbreviates(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """The short name's words spell the start of the long one: the same words, or an acronym
    for the initials of a run of capitalised words ("Kementerian ESDM" → "Kementerian Energi
    dan Sumber Daya Mineral", "DPR RI" → "Dewan Perwakilan Rakyat Republik Indonesia")."""
    if not short:  # a compass word after it names another place: "Kabupaten X" is not "Kabupaten X Barat"
        return not long or long[0] not in lexicon.place_parts()
    if not long:
        return False
    w = short[0]
    if w.casefold() == long[0].casefold():
        return _abbreviates(short[1:], long[1:])
    if not _acronym(w):
        return False
    connectors = lexicon.org_name_words()["connectors"]
    i = k = 0
    while i < len(long) and k < len(w):
        if k and long[i].casefold() in connectors:
            i += 1
            continue
        if not long[i][:1].isupper() or long[i][0] != w[k]:
            return False
        i, k = i + 1, k + 1
    return k == len(w) and _abbreviates(short[1:], long[i:])


def _short_form(words: tuple[str, ...]) -> bool:
    """Long enough to stand for a longer name: two words or more, or an acronym ("BPJS", "DPRD")."""
    return len(words) >= 2 or (len(words) == 1 and _acronym(words[0]))


def _last_word(words: tuple[str, ...]) -> bool:
    """One capitalised word, which may be an organization's distinctive last or first word ("Golkar", "Garuda")."""
    return len(words) == 1 and words[0][:1].isupper() and words[0][1:].islower() \
        and words[0] not in lexicon.org_triggers()["suffix"]  # "Polri" of "Bareskrim Polri" is the parent


def _abbreviation_after(word: str, forms) -> bool:
    """A place also written with a capital abbreviation after it ("Washington" and "Washington D.C")."""
    return any(t == "LOCATION" and len(w) > 1 and w[0] == word and all(x.isupper() and len(x) <= 2 for x in w[1:])
               for t, w in forms)


def _by_opening(forms: dict[tuple[str, tuple[str, ...]], set[int]]):
    """(type, a short form's first word) → the forms of that type `_abbreviates` may find it in:
    those opening with the same word in any case, or, for an acronym, with a word starting with
    its first letter (forms indexed once, not each compared with each)."""
    by_word: dict[tuple[str, str], list] = defaultdict(list)
    by_letter: dict[tuple[str, str], list] = defaultdict(list)
    for (typ, words), cids in forms.items():
        if words:
            by_word[(typ, words[0].casefold())].append((words, cids))
            by_letter[(typ, words[0][:1])].append((words, cids))

    def candidates(typ: str, first: str) -> list:
        same = by_word.get((typ, first.casefold()), [])
        return same + by_letter.get((typ, first[:1]), []) if _acronym(first) else same
    return candidates


def _join_short_forms(mentions: list[Mention], clusters: list[list[int]]) -> list[list[int]]:
    """An organization or place named in full once and shorter elsewhere in the article is one
    entity: "Dinas Lingkungan" of "Dinas Lingkungan Hidup Provinsi X", "BPJS" of "BPJS Kesehatan",
    "Kejari X" of "Kejaksaan Negeri X", "Kementerian PU" of "Kementerian Pekerjaan Umum".
    A short form joins only when one entity of the same type fits it."""
    sets = DisjointSets(len(clusters))
    find = sets.find

    forms: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    for cid, members in enumerate(clusters):
        for i in members:
            m = mentions[i]
            if m.type in {"ORGANIZATION", "LOCATION"}:
                forms[(m.type, _org_words(m.text))].add(cid)
    closed: dict[tuple[str, str], set[int]] = defaultdict(set)  # "Kotabaru" and "Kota Baru": one place
    for (typ, words), cids in forms.items():
        closed[(typ, "".join(words).casefold())] |= cids
    for cids in list(forms.values()) + list(closed.values()):  # the same name once spelt out: "Kejari X" = "Kejaksaan Negeri X"
        first, *rest = sorted(cids)
        for c in rest:
            sets.join(c, first)
    items = sorted(forms, key=lambda f: (-len(f[1]), f))
    longer = _by_opening(forms)
    for typ, words in items:
        place_abbr = typ == "LOCATION" and len(words) == 1 and _abbreviation_after(words[0], forms)
        if not _short_form(words) and not (typ == "ORGANIZATION" and _last_word(words)) and not place_abbr:
            continue
        if len(words) == 1 and typ != "ORGANIZATION" and not place_abbr:
            continue  # an all-caps place ("JAKARTA" in a dateline) is no acronym
        for cid in sorted(forms[(typ, words)]):
            if _short_form(words) or place_abbr:
                hits = {find(c) for w, cs in longer(typ, words[0]) if len(w) >= len(words) and w != words
                        and _abbreviates(words, w) for c in cs}
            else:
                hits = {find(c) for (t, w), cs in forms.items() if t == typ and len(w) > 1
                        and w[-1] == words[0] for c in cs}  # the distinctive last word: "Golkar" of "Partai Golkar"
                hits = hits or {find(c) for (t, w), cs in forms.items() if t == typ and len(w) > 1
                                and w[0] == words[0] for c in cs}  # or its first: "Garuda" of "Garuda Indonesia"
            if len(hits) == 1 and find(cid) not in hits:  # its own entity fitting it too: already placed
                sets.join(cid, hits.pop())
    if not sets.any_joined():
        return clusters
    merged: dict[int, list[int]] = defaultdict(list)
    for cid, members in enumerate(clusters):
        merged[find(cid)].extend(members)
    return [sorted(ms) for _, ms in sorted(merged.items())]

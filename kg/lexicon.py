"""Language data from `kg/data/`, loaded once and cached.

Keeping word lists in data files keeps rules general: code says how a cue is
used, the files say which words are cues.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from importlib import resources

from babel import Locale


def _lines(name: str) -> list[str]:
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for ln in _lines(name):
        if ln.startswith("[") and ln.endswith("]"):
            current = ln[1:-1]
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(ln)
    return out


@lru_cache(maxsize=None)
def countries() -> dict[str, str]:
    """Surface form → canonical Indonesian country name (CLDR via Babel + variants)."""
    table: dict[str, str] = {}
    territories = Locale("id").territories
    for code, name in territories.items():
        # two-letter codes are countries; three-digit codes are regions (Eropa, Asia)
        if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}:
            table[name] = name
    for ln in _lines("countries_extra.tsv"):
        variant, canonical = ln.split("\t")
        table[variant] = canonical
    return table


@lru_cache(maxsize=None)
def institutions() -> dict[str, str]:
    return dict(ln.split("\t") for ln in _lines("institutions.tsv"))


@lru_cache(maxsize=None)
def titles() -> dict[str, frozenset[str]]:
    sec = _sections("titles.txt")
    return {
        "honorific": frozenset(sec.get("honorific", [])),
        "head": frozenset(sec.get("head", [])),
        "part": frozenset(w.lower() for w in sec.get("part", [])),
        "given": frozenset(sec.get("given", [])),
    }


@lru_cache(maxsize=None)
def speech_cues() -> dict[str, frozenset[str]]:
    """Section of speech_verbs.txt (after, verb, clause, ..., passive) → its casefolded words."""
    sec = _sections("speech_verbs.txt")
    out = {name: frozenset(w.casefold() for w in words) for name, words in sec.items() if name}
    for name in ("after", "verb", "clause", "vp", "request", "verb_bahwa", "headline", "passive", "title"):
        out.setdefault(name, frozenset())
    return out


@lru_cache(maxsize=None)
def junk_matchers() -> dict[str, Callable[[str], bool]]:
    """Section of junk.txt → a test for a line.

    Patterns anchored with ^ are joined into one alternation tried at the line
    start only; the few unanchored ones scan the line. One combined search
    would try every pattern at every position of every paragraph (2x slower).
    """
    out = {}
    for section, pats in _sections("junk.txt").items():
        anchored = _alternation([p for p in pats if p.startswith("^")])
        floating = _alternation([p for p in pats if not p.startswith("^")])
        out[section] = partial(_junk_test, anchored.match if anchored else None,
                               floating.search if floating else None)
    return out


def _alternation(pats: list[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) if pats else None


def _junk_test(match, search, line: str) -> bool:
    return bool(match and match(line) or search and search(line))


@lru_cache(maxsize=None)
def regions() -> frozenset[str]:
    """Continent and region names (CLDR M.49), which are LOCATIONs, not countries."""
    territories = Locale("id").territories
    return frozenset(n for c, n in territories.items() if c.isdigit())


@lru_cache(maxsize=None)
def places() -> frozenset[str]:
    """Region and area names (LOCATION): CLDR M.49 regions, regions_extra.txt, provinces and their short forms."""
    return regions() | frozenset(_lines("regions_extra.txt")) | frozenset(province_forms())


@lru_cache(maxsize=None)
def province_forms() -> dict[str, str]:
    """Indonesian province names and short forms → the province's name ("Jatim" → "Jawa Timur")."""
    out = {}
    for ln in _lines("provinces.tsv"):
        name, _, short = ln.partition("\t")
        out[name] = name
        out.update((s.strip(), name) for s in short.split(",") if s.strip())
    return out


@lru_cache(maxsize=None)
def org_triggers() -> dict[str, list[str]]:
    return _sections("org_triggers.txt")


@lru_cache(maxsize=None)
def outlets() -> dict[str, list[str]]:
    """News outlets and agencies ([names]) and camel-case outlet prefixes ([prefixes])."""
    return _sections("outlets.txt")


@lru_cache(maxsize=None)
def outlet_prefixes() -> tuple[str, ...]:
    """Brand prefixes of camel-case outlet names ("detik" of "detikNews"); a tuple for str.startswith."""
    return tuple(outlets().get("prefixes", []))


@lru_cache(maxsize=None)
def not_entities() -> frozenset[str]:
    """Casefolded mention texts that name no entity on their own (blocs, generic roles, days)."""
    return frozenset(w.casefold() for w in _lines("not_entities.txt"))


@lru_cache(maxsize=None)
def glue_words() -> frozenset[str]:
    """Words that scraping glues onto names: glue_words.txt, speech verbs and cues, title heads."""
    cues = speech_cues()
    listed = set(_lines("glue_words.txt"))  # short words (ke, di) only from this list
    heads = {h.casefold() for h in titles()["head"] if " " not in h}
    words = {w.casefold() for w in listed} | cues["after"] | cues["verb"] | cues["verb_bahwa"]
    return frozenset(w for w in words | heads if len(w) > 3 or w in listed)


@lru_cache(maxsize=None)
def pronouns() -> frozenset[str]:
    """Words that refer back to a person already named ("ia", "dirinya"); the file's "-nya" line
    documents the clitic, which the quote extractor handles on speech verbs."""
    return frozenset(w for w in word_section("pronouns.txt", "refer_back") if not w.startswith("-"))


@lru_cache(maxsize=None)
def admin_units() -> frozenset[str]:
    """Words for administrative units before a place name (Kabupaten, Kota, Desa)."""
    return frozenset(_lines("admin_units.txt"))


@lru_cache(maxsize=None)
def place_parts() -> frozenset[str]:
    """Words after a place name that name another place (Barat, Selatan, Pusat, Hulu)."""
    return frozenset(_lines("place_parts.txt"))


@lru_cache(maxsize=None)
def org_abbreviations() -> dict[str, str]:
    """Institution short words → spelt-out form ("Kejari" → "Kejaksaan Negeri")."""
    return dict(ln.split("\t") for ln in _lines("org_abbreviations.tsv"))


@lru_cache(maxsize=None)
def balinese_names() -> frozenset[str]:
    """Balinese order-of-birth and caste names that follow I/Ni at a name's start."""
    return frozenset(_lines("balinese_names.txt"))


@lru_cache(maxsize=None)
def type_heads() -> dict[tuple[str, str], str]:
    """(word, "first"/"last") → the type a name with that word there has (SMA → ORGANIZATION)."""
    return {(w, pos): typ for w, pos, typ in (ln.split("\t") for ln in _lines("type_heads.tsv"))}


# -- sectioned word lists (quote extraction); a missing file or section is an error, never empty --

class MissingLanguageData(LookupError):
    """A data file or a section of one that the code needs is not in kg/data/."""


@lru_cache(maxsize=None)
def _required_sections(name: str) -> dict[str, list[str]]:
    try:
        return _sections(name)
    except FileNotFoundError:
        raise MissingLanguageData(f"kg/data/{name} is missing") from None


@lru_cache(maxsize=None)
def word_section(name: str, section: str) -> frozenset[str]:
    """The casefolded words of [section] in kg/data/<name>; raises MissingLanguageData when
    the file or the section is not there (an empty list would silently switch a rule off)."""
    sections = _required_sections(name)
    if section not in sections:
        raise MissingLanguageData(f"kg/data/{name} has no section [{section}]")
    return frozenset(w.casefold() for w in sections[section])


def function_words(section: str) -> frozenset[str]:
    """A class of Indonesian function words (kg/data/function_words.txt): prepositions,
    conjunctions, modals, adverbs, ..., one section per position they are read in."""
    return word_section("function_words.txt", section)


def speaker_words(section: str) -> frozenset[str]:
    """Words about who speaks (kg/data/speaker_words.txt): descriptors, documents, sides."""
    return word_section("speaker_words.txt", section)


def pronoun_words(section: str) -> frozenset[str]:
    """A class of pronouns (kg/data/pronouns.txt): refer_back, first_person."""
    return word_section("pronouns.txt", section)


def speech_words(section: str) -> frozenset[str]:
    """A section of kg/data/speech_verbs.txt that must be there (after, verb, opening, according, ...)."""
    return word_section("speech_verbs.txt", section)

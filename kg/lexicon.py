"""Language data from `kg/data/`, loaded once and cached.

Keeping word lists in data files keeps rules general: code says how a cue is
used, the files say which words are cues.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from importlib import resources

from kg.prefilter import any_search


class DataFileError(RuntimeError):
    """A file of kg/data, or a [section] of it, that the code needs is missing: kg is installed wrongly."""


def _lines(name: str) -> list[str]:
    try:
        text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"kg/data/{name} is missing: reinstall kg") from None
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=None)
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


def section(name: str, part: str) -> list[str]:
    """The lines of `[part]` in kg/data/`name`, in file order; an error naming both when either is missing."""
    sections = _sections(name)
    if part not in sections:
        found = ", ".join(f"[{s}]" for s in sections if s) or "none"
        raise DataFileError(f"kg/data/{name} has no [{part}] section (it has: {found})")
    return list(sections[part])


def _strict(name: str, parts: tuple[str, ...]) -> dict[str, list[str]]:
    return {part: section(name, part) for part in parts}


@lru_cache(maxsize=None)
def countries() -> dict[str, str]:
    """Surface form → canonical Indonesian country name (CLDR via Babel + variants)."""
    from babel import Locale  # noqa: PLC0415 - only builds that look names up pay for the import

    table: dict[str, str] = {}
    territories = Locale("id").territories
    for code, name in territories.items():
        # two-letter codes are countries; three-digit codes are regions (Eropa, Asia)
        if _sovereign(code):
            table[name] = name
    for ln in _lines("countries_extra.tsv"):
        variant, canonical = ln.split("\t")
        table[variant] = canonical
    return table


@lru_cache(maxsize=None)
def institutions() -> dict[str, str]:
    return {cols[0]: cols[1] for cols in (ln.split("\t") for ln in _lines("institutions.tsv"))}


@lru_cache(maxsize=None)
def seats() -> frozenset[str]:
    """Institutions named by their seat, a building or place (Gedung Putih, Kremlin): institutions.tsv's "seat"."""
    return frozenset(cols[0] for cols in (ln.split("\t") for ln in _lines("institutions.tsv")) if cols[2:] == ["seat"])


@lru_cache(maxsize=None)
def titles() -> dict[str, frozenset[str]]:
    return {
        "honorific": frozenset(section("titles.txt", "honorific")),
        "head": frozenset(section("titles.txt", "head")),
        "part": frozenset(w.lower() for w in section("titles.txt", "part")),
        "given": frozenset(section("titles.txt", "given")),
    }


@lru_cache(maxsize=None)
def speech_cues() -> dict[str, frozenset[str]]:
    """Section of speech_verbs.txt (after, verb, clause, ..., passive) → its casefolded words."""
    # the sections the extractor cannot do without must be there; any others are read too
    _strict("speech_verbs.txt", ("after", "verb", "clause", "vp", "request", "verb_bahwa", "headline", "passive", "title"))
    return {name: frozenset(w.casefold() for w in words) for name, words in _sections("speech_verbs.txt").items() if name}


@lru_cache(maxsize=None)
def junk_matchers() -> dict[str, Callable[[str], bool]]:
    """Section of junk.txt → a test for a line.

    Patterns anchored with ^ are joined into one alternation tried at the line
    start only; the few unanchored ones scan the line. One combined search
    would try every pattern at every position of every paragraph (2x slower).
    Those that scan (unanchored, or "^.{0,500}x") run each behind a pre-test for
    their literal words (kg/prefilter.py): most lines hold none of them.
    """
    out = {}
    for part, pats in _strict("junk.txt", ("line", "end")).items():
        anchored = _alternation([p for p in pats if p.startswith("^") and not p.startswith("^.")])
        scans = [p for p in pats if p.startswith("^.")]
        floating = [p for p in pats if not p.startswith("^")]
        tests = [t for t in (anchored.match if anchored else None,
                             any_search(scans, at_start=True) if scans else None,
                             any_search(floating) if floating else None) if t]
        out[part] = partial(_junk_test, tuple(tests))
    return out


@lru_cache(maxsize=None)
def byline() -> re.Pattern | None:
    """junk.txt's [byline]: a reporter's byline that opens a line, matched at its start."""
    return _alternation(section("junk.txt", "byline"))


def _alternation(pats: list[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) if pats else None


def _junk_test(tests, line: str) -> bool:
    return any(test(line) for test in tests)


@lru_cache(maxsize=None)
def regions() -> frozenset[str]:
    """Continent and region names (CLDR M.49), which are LOCATIONs, not countries."""
    from babel import Locale  # noqa: PLC0415

    territories = Locale("id").territories
    return frozenset(n for c, n in territories.items() if c.isdigit())


def _sovereign(code: str) -> bool:
    """A CLDR two-letter territory that is a state, not a dependency (territories.txt) or a grouping."""
    return len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"} \
        and code not in _territory_codes()


@lru_cache(maxsize=None)
def _territory_codes() -> frozenset[str]:
    return frozenset(_lines("territories.txt"))


@lru_cache(maxsize=None)
def territories() -> frozenset[str]:
    """Dependencies and special regions by their CLDR name ("Hong Kong DAK Tiongkok", "Diego Garcia"): places."""
    from babel import Locale  # noqa: PLC0415

    return frozenset(n for c, n in Locale("id").territories.items() if c in _territory_codes())


@lru_cache(maxsize=None)
def places() -> frozenset[str]:
    """Place names (LOCATION): CLDR M.49 regions and dependent territories, regions_extra.txt,
    capitals (cities.txt), provinces and their short forms."""
    return regions() | territories() | frozenset(_lines("regions_extra.txt")) | frozenset(_lines("cities.txt")) \
        | frozenset(province_forms())


@lru_cache(maxsize=None)
def listed_names() -> frozenset[str]:
    """Every name the lexicons type: places, countries (each form), institutions."""
    return places() | frozenset(countries()) | frozenset(institutions())


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
    """Phrases before an organization's name ([before]), at its head ([head]), regional
    institutions taking a region after them ([regional]) and the words that may follow ([suffix])."""
    return _strict("org_triggers.txt", ("before", "head", "regional", "suffix"))


@lru_cache(maxsize=None)
def outlets() -> dict[str, list[str]]:
    """News outlets and agencies ([names]), camel-case outlet prefixes ([prefixes]) and the
    endings of outlet domain names ([domains]: "co.id" of "Viva.co.id")."""
    return _strict("outlets.txt", ("names", "prefixes", "domains"))


@lru_cache(maxsize=None)
def outlet_prefixes() -> tuple[str, ...]:
    """Brand prefixes of camel-case outlet names ("detik" of "detikNews"); a tuple for str.startswith."""
    return tuple(outlets()["prefixes"])


@lru_cache(maxsize=None)
def link_words() -> dict[str, tuple[str, ...]]:
    """Words of the lines and phrases that link to other articles ("Baca juga: ...", "Simak video ...")."""
    return {part: tuple(words) for part, words in
            _strict("link_lines.txt", ("colon", "verbs", "also", "topics", "title_small")).items()}


@lru_cache(maxsize=None)
def abbreviations() -> tuple[str, ...]:
    """Abbreviations written with a full stop that ends no sentence ("Dr.", "Jl."), without the stop."""
    return tuple(section("abbreviations.txt", "segment"))


@lru_cache(maxsize=None)
def org_name_words() -> dict[str, frozenset[str]]:
    """Casefolded legal forms an organization's name may leave out ([legal_forms]: PT, Tbk) and the
    small words an acronym skips ([connectors]: dan, of)."""
    return {part: frozenset(w.casefold() for w in words) for part, words in
            _strict("org_name_words.txt", ("legal_forms", "connectors")).items()}


@lru_cache(maxsize=None)
def index_columns() -> dict[str, tuple[str, ...]]:
    """Column names of an index.csv or fields of a JSONL record that hold an article's title,
    date, URL, id and publisher (source), most trusted first."""
    return {part: tuple(words) for part, words in
            _strict("index_columns.txt", ("title", "date", "url", "id", "source")).items()}


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


def _word_set(name: str, part: str | None, doc: str) -> Callable[[], frozenset[str]]:
    """An accessor for the words of kg/data/`name` (of its [part] only, when given), read once."""
    def words() -> frozenset[str]:
        return frozenset(section(name, part) if part else _lines(name))
    words.__doc__ = doc
    return lru_cache(maxsize=None)(words)


admin_units = _word_set("admin_units.txt", "units", "Words for administrative units before a place name (Kabupaten, Kota, Desa).")
neighbourhood_units = _word_set("admin_units.txt", "neighbourhood", "Neighbourhood numbers' words inside an address "
                                '(RT, RW): "Dusun X RT 02 RW 03" is the place "Dusun X".')
place_parts = _word_set("place_parts.txt", None, "Words after a place name that name another place (Barat, Selatan, Pusat, Hulu).")
balinese_names = _word_set("balinese_names.txt", "names", "Balinese order-of-birth and caste names that follow "
                           "I/Ni at a name's start.")
balinese_first_words = _word_set("balinese_names.txt", "first", "The words a Balinese name starts with, before the "
                                 "order-of-birth or caste name (I, Ni).")
given_names = _word_set("given_names.txt", None, "Given names (MDEE gazetteer first words): a capitalised common "
                        "word before a person's name is their given name only if it is one.")
scoring_honorifics = _word_set("scoring_honorifics.txt", None, "The honorifics `kg eval` strips from a name's start "
                               "(in lower case): the reference scorer's, so both give the same figures.")


@lru_cache(maxsize=None)
def acts() -> dict[str, frozenset[str]]:
    """Numbered acts (kg/data/acts.txt): [acts] words that make a name an act, [issued] words whose
    next words name the issuer, [issuer_kinds] issuers that are no body, [numbering] "Nomor", "No."."""
    return {part: frozenset(words) for part, words in _strict("acts.txt", ("acts", "issued", "issuer_kinds", "numbering")).items()}


@lru_cache(maxsize=None)
def org_abbreviations() -> dict[str, str]:
    """Institution short words → spelt-out form ("Kejari" → "Kejaksaan Negeri")."""
    return dict(ln.split("\t") for ln in _lines("org_abbreviations.tsv"))


@lru_cache(maxsize=None)
def type_heads() -> dict[tuple[str, str], str]:
    """(word, "first"/"last") → the type a name with that word there has (SMA → ORGANIZATION)."""
    return {(w, pos): typ for w, pos, typ in (ln.split("\t") for ln in _lines("type_heads.tsv"))}


# -- sectioned word lists (quote extraction), casefolded for lookups --

@lru_cache(maxsize=None)
def word_section(name: str, part: str) -> frozenset[str]:
    """The casefolded words of `[part]` in kg/data/`name`; DataFileError when the file or the
    section is not there (an empty list would silently switch a rule off)."""
    return frozenset(w.casefold() for w in section(name, part))


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


@lru_cache(maxsize=None)
def title_abbreviations() -> dict[str, str]:
    """Casefolded short title words → their spelt-out words ("menlu" → "menteri luar negeri")."""
    return {short.casefold(): long.casefold() for short, long in (ln.split("\t") for ln in _lines("title_abbreviations.tsv"))}

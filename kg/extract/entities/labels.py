"""The type a name gets: NER's label, unless a lexicon or the name's head word says otherwise."""
from __future__ import annotations

from kg import lexicon, segment
from kg.extract.entities.roles import is_title_word
from kg.records import Mention, Token
from kg.site import is_outlet

TYPES = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION",
         "GPE": "LOCATION", "PLACE": "LOCATION"}
NOT_ENTITY = "-"  # type_heads.tsv's type for events and documents (convention 4)


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


def label(typ: str) -> str:
    return {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}.get(typ, "ORG")


def typed_mentions(text: str, tokens: tuple[Token, ...], spans: list[tuple[int, int, str]], si: int) -> list[Mention]:
    """A sentence's character spans → mentions with their final type; what names no entity is left out.
    A mention's text has a space where the tokenizer cut a glued word; its offsets index the text."""
    out = []
    for start, end, typ in sorted(spans):
        surface = segment.surface(text, tokens, start, end)
        final = entity_type(surface, label(typ))
        if final == NOT_ENTITY or surface.casefold() in lexicon.not_entities() \
                or not any(c.isupper() for c in surface) \
                or (final == "PERSON" and all(is_title_word(w) for w in surface.split())) \
                or surface in lexicon.titles()["head"]:  # "Kapolres", "Dirlantas" alone name no one
            continue
        out.append(Mention(start, end, surface, final, si))
    return out

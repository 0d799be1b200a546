"""Typed entity mentions (with roles) from NER tags and the lexicons.

Per sentence: NER spans repaired (`spans.py`), names the NER missed added from
the lexicons (`gazetteer.py`), a type for each (`labels.py`). Then the passes
over the whole article (`document.py`, `roles.py`), in the order of PASSES.
"""
from __future__ import annotations

from functools import lru_cache

from kg.extract.entities import document, given, roles
from kg.extract.entities.gazetteer import add_lexicon_spans
from kg.extract.entities.labels import entity_type, typed_mentions
from kg.extract.entities.roles import find_role
from kg.extract.entities.spans import ner_spans, spans_from_tags
from kg.records import Mention, Sentence

# Each pass takes (text, sentences, mentions) and returns the mentions. The order matters:
PASSES = (
    # a dateline's place is typed before any pass reads the types ("Outlet.com, Place –")
    document.dateline_places,
    # before the short names: a place word run into a person must not become a short name
    document.cut_place_before_person,
    # handles are looked for beside every NER mention, then concept acronyms leave
    document.concept_acronyms_and_handles,
    # a headline's name run into the verbs beside it is cut there, then checked against the body
    document.cut_headline_words,
    document.check_headline,
    # names inside links to other articles are gone before they lend short names
    document.drop_link_titles,
    # a seat named only as where something happens is a place
    document.seats_as_places,
    # a given name or a place-word surname the NER missed or mistyped, from the rest of the article
    given.month_after_name,
    given.persons_in_bodies,
    given.given_name_after_title,
    given.given_names_named_alone,
    given.given_name_opening_sentence,
    given.speakers_named_as_places,
    given.persons_in_role_slots,
    # a surname NER called a place or body is the person's, before short names are looked for
    document.retype_surnames,
    # short names come from the full names that survived the passes above
    document.add_short_names,
    # and none stands inside a link to another article either
    document.drop_link_titles,
    # on all names, short ones too ("Sinta" "Wijaya"); puts the mentions in text order
    document.join_adjacent_persons,
    # last: a role stops at the final persons' names
    roles.add_roles,
)

__all__ = ["PASSES", "entity_type", "extract_mentions", "find_role", "spans_from_tags"]


def extract_mentions(text: str, sentences: list[Sentence], tags: list[list[str]]) -> list[Mention]:
    """NER spans → typed mentions, titles split off as roles; lexicons fill gaps."""
    mentions: list[Mention] = []
    tagged = lru_cache(maxsize=1)(lambda: frozenset(  # words NER tagged somewhere in the document
        t.text for sent, st in zip(sentences, tags) for t, g in zip(sent.tokens, st) if g != "O"))
    for si, (sent, sent_tags) in enumerate(zip(sentences, tags)):
        spans = add_lexicon_spans(text, sent.tokens, ner_spans(text, sent.tokens, sent_tags, tagged))
        mentions.extend(typed_mentions(text, sent.tokens, spans, si))
    for step in PASSES:
        mentions = step(text, sentences, mentions)
    return mentions

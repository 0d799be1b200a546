"""Typed mentions, titles split off as roles, and entity merging."""
from conftest import DictAnnotator
from kg.process import analyse, prepare
from kg.records import Article

NAMES = {"Budi Santoso": "PER", "Budi": "PER", "Siti Rahma": "PER", "Andi": "PER", "Menteri Luar Negeri Budi Santoso": "PER",
         "Jakarta": "LOC", "Tiongkok": "LOC", "Presiden Andi": "PER", "Kremlin": "LOC"}


def mentions_of(text):
    art = Article("t.txt", text)
    paragraphs, sents = prepare(art)
    res = analyse(art, paragraphs, sents, DictAnnotator(NAMES).tag([sents])[0])
    return res


def test_title_inside_a_name_span_becomes_a_role_and_country_is_typed():
    res = mentions_of("Menteri Luar Negeri Budi Santoso terbang ke Tiongkok.")
    found = [(m.text, m.type, m.role) for m in res.mentions]
    assert found == [("Budi Santoso", "PERSON", "Menteri Luar Negeri"), ("Tiongkok", "COUNTRY", None)]


def test_roles_stop_at_another_person_and_country_names_found_by_lexicon():
    res = mentions_of("Menteri Luar Negeri AS Siti Rahma dan Presiden Andi bertemu di Jakarta.")
    roles = {m.text: m.role for m in res.mentions if m.type == "PERSON"}
    assert roles == {"Siti Rahma": "Menteri Luar Negeri AS", "Andi": "Presiden"}
    assert ("AS", "COUNTRY") in {(m.text, m.type) for m in res.mentions}


def test_institution_seats_are_organizations_and_names_link_within_a_document():
    res = mentions_of("Budi Santoso tiba. Kremlin menolak. Budi kembali ke Jakarta.")
    types = {m.text: m.type for m in res.mentions}
    assert types["Kremlin"] == "ORGANIZATION"
    budi = [m.entity for m in res.mentions if m.text.startswith("Budi")]
    assert len(budi) == 2 and len(set(budi)) == 1

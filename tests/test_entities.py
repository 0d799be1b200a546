"""Typed mentions, titles split off as roles, and entity merging."""
from conftest import analyse_text

NAMES = {"Budi Santoso": "PER", "Budi": "PER", "Siti Rahma": "PER", "Andi": "PER", "Menteri Luar Negeri Budi Santoso": "PER",
         "Jakarta": "LOC", "Tiongkok": "LOC", "Presiden Andi": "PER", "Kremlin": "LOC"}


def mentions_of(text):
    return analyse_text(text, NAMES)


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


def test_clitics_compounds_and_trailing_countries_are_split_off():
    names = {"Eropanya": "PER", "Budi-Andi": "PER", "Budi Rusia": "PER", "Rusia": "LOC", "Budi": "PER", "Andi": "PER"}
    res = analyse_text("Mitra Eropanya datang. Pertemuan Budi-Andi berlangsung. Budi Rusia menolak.", names)
    assert [(m.text, m.type) for m in res.mentions] == [
        ("Eropa", "LOCATION"), ("Budi", "PERSON"), ("Andi", "PERSON"), ("Budi", "PERSON"), ("Rusia", "COUNTRY")]


def test_institution_and_name_in_one_span_after_a_title_are_two_entities():
    names = {"Gedung Putih Jen Rahma": "ORG"}
    res = analyse_text("Kata sekretaris pers Gedung Putih Jen Rahma kepada wartawan.", names)
    assert [(m.text, m.type) for m in res.mentions] == [("Gedung Putih", "ORGANIZATION"), ("Jen Rahma", "PERSON")]


def test_regions_in_any_case(build_docs):
    result, _ = build_docs({"a.txt": "Tentara berkumpul di Eropa timur."}, {})
    assert [(e.name, e.type) for e in result.entities] == [("Eropa Timur", "LOCATION")]


def test_one_type_per_name_across_documents():
    from kg.records import DocResult, Mention
    from kg.resolve import Resolver

    r = Resolver()
    for doc, typ in (("a", "PERSON"), ("b", "LOCATION"), ("c", "LOCATION")):
        r.add(DocResult(doc, doc, "", 1, 1, mentions=[Mention(0, 6, "Moskow", typ, 0, entity=0)]))
    entities, link = r.entities()
    assert [(e.name, e.type, sorted(e.docs)) for e in entities] == [("Moskow", "LOCATION", ["a", "b", "c"])]


def test_short_name_of_a_person_named_in_full_is_found_even_if_ner_missed_it():
    res = analyse_text("Menteri Siti Rahma datang. “Kami siap membantu,” kata Rahma.", {"Siti Rahma": "PER"})
    assert [(m.text, m.entity) for m in res.mentions] == [("Siti Rahma", 0), ("Rahma", 0)]
    assert res.quotes[0].speaker == 1


def test_title_case_headline_names_are_checked_against_the_body():
    names = {"Budi Jawab Andi": "PER", "Budi Santoso": "PER", "Andi Wijaya": "PER"}
    res = analyse_text("Budi Jawab Andi Soal Harga Beras\n\nBudi Santoso menjawab kritik Andi Wijaya.", names)
    assert [m.text for m in res.mentions] == ["Budi", "Andi", "Budi Santoso", "Andi Wijaya"]

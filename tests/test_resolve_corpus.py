"""Linking entities across documents (kg.resolve.Resolver), with invented names."""
from kg.records import DocResult, Mention
from kg.resolve import Resolver


def resolve(docs):
    """docs: {doc: [(text, type[, document entity]), ...]}, by default one document entity per text."""
    r = Resolver()
    results = []
    for doc, names in docs.items():
        ms, ids, pos = [], {}, 0
        for text, typ, *eid in names:
            ent = eid[0] if eid else ids.setdefault(text, len(ids))
            ms.append(Mention(pos, pos + len(text), text, typ, 0, entity=ent))
            pos += len(text) + 1
        res = DocResult(doc, doc, "", 1, 1, mentions=ms)
        results.append(res)
        r.add(res)
    entities, link = r.entities()
    return entities, link, results


def names_of(entities):
    return sorted((e.name, e.type) for e in entities)


def test_a_word_glued_onto_a_name_is_trimmed_where_the_corpus_names_it_without():
    entities, link, results = resolve({
        "a": [("Rudi Hartawan", "PERSON")], "b": [("Rudi Hartawan", "PERSON")],
        "c": [("Rudi Hartawanmengatakan", "PERSON")], "d": [("Rudi Hartawanyang", "PERSON")],
        "e": [("PresidenRudi Hartawan", "PERSON")], "g": [("Rudi Hartawan", "PERSON")],
        # an acronym glued before a name may be part of it: only where the name is clearly more common
        "f": [("KLRudi Hartawandi", "PERSON")],
    })
    assert names_of(entities) == [("Rudi Hartawan", "PERSON")]
    m = results[2].mentions[0]
    assert (m.text, m.start, m.end) == ("Rudi Hartawan", 0, len("Rudi Hartawan"))  # offsets stay true
    m = results[4].mentions[0]
    assert (m.text, m.start, m.end) == ("Rudi Hartawan", len("Presiden"), len("PresidenRudi Hartawan"))


def test_names_that_end_in_a_word_stay_whole():
    # "-nama" is a common word but also ends names; the longer spelling is the more common one
    entities, _, _ = resolve({
        "a": [("Sandi Wiranama", "PERSON")], "b": [("Sandi Wiranama", "PERSON")],
        "c": [("Sandi Wira", "PERSON")],
        # a one-word name needs a function word or a title glued on: "-di" ends many names
        "d": [("Sunardi", "PERSON")], "e": [("Sunar", "PERSON")], "f": [("Sunar", "PERSON")],
        # a camel-case brand is no place with a word glued before it
        "g": [("kabarMerauke", "ORGANIZATION")], "h": [("Merauke", "LOCATION")],
        "i": [("Merauke", "LOCATION")],
    })
    names = {n for n, _ in names_of(entities)}
    assert {"Sandi Wiranama", "Sunardi", "Sunar", "kabarMerauke", "Merauke"} <= names


def test_a_one_word_name_sheds_a_glued_function_word():
    entities, _, _ = resolve({"a": [("Kalvaro", "ORGANIZATION")], "b": [("Kalvaro", "ORGANIZATION")],
                              "c": [("Kalvarojuga", "ORGANIZATION")]})
    assert names_of(entities) == [("Kalvaro", "ORGANIZATION")]


def test_a_title_fused_onto_a_name_in_some_articles_is_one_person():
    entities, _, _ = resolve({
        "a": [("Ayatollah Reza Kamrani", "PERSON")], "b": [("Reza Kamrani", "PERSON")],
        "c": [("AyatullahReza Kamrani", "PERSON")], "d": [("Paus Benedictus Arvo", "PERSON")],
        "e": [("Benedictus Arvo", "PERSON")],
    })
    assert names_of(entities) == [("Benedictus Arvo", "PERSON"), ("Reza Kamrani", "PERSON")]


def ids_of(link, results):
    return [link[(r.doc, r.mentions[0].entity)] for r in results]


def test_people_sharing_a_given_name_and_a_surname_are_not_merged_across_articles():
    entities, link, results = resolve({
        # a mayor named in many articles; a market analyst with a middle name, once
        "a": [("Arif Wiratmoko", "PERSON")], "b": [("Arif Wiratmoko", "PERSON")],
        "c": [("Arif Wiratmoko", "PERSON")], "d": [("Arif Dwi Wiratmoko", "PERSON")],
        # brothers: the middle names differ
        "e": [("Joko Sulistyo Harjanto", "PERSON")], "f": [("Joko Pramono Harjanto", "PERSON")],
        # given names two letters apart on short names are two people
        "g": [("Jude Karvelis", "PERSON")], "h": [("Jobe Karvelis", "PERSON")],
    })
    assert len(set(ids_of(link, results))) == 6  # the mayor (three articles) and five others
    assert ("Arif Dwi Wiratmoko", "PERSON") in names_of(entities)


def test_a_middle_name_left_out_is_the_same_person_with_evidence():
    entities, link, results = resolve({
        # the longer name is the more common one
        "a": [("Rahmat Eko Siregar", "PERSON")], "b": [("Rahmat Eko Siregar", "PERSON")],
        "c": [("Rahmat Siregar", "PERSON")],
        # one article names her both ways
        "d": [("Lestari Wulan", "PERSON")], "e": [("Lestari Wulan", "PERSON")],
        "f": [("Lestari Ayu Wulan", "PERSON", 0), ("Lestari Wulan", "PERSON", 0)],
        # spelling variants of a given name
        "g": [("Muhamad Fikri Lubis", "PERSON")], "h": [("Muhammad Fikri Lubis", "PERSON")],
    })
    ids = ids_of(link, results)
    assert ids[0] == ids[1] == ids[2] and ids[3] == ids[4] == ids[5] and ids[6] == ids[7]
    assert len(set(ids)) == 3


def test_a_role_both_articles_give_joins_a_name_without_its_middle_name():
    r = Resolver()
    docs = {"a": ("Teguh Sanjaya", "Gubernur Kalbar"), "b": ("Teguh Sanjaya", "Gubernur Kalbar"),
            "c": ("Teguh Arif Sanjaya", "Gubernur Kalimantan Barat"),
            "d": ("Teguh Bayu Sanjaya", "Dosen")}
    for doc, (name, role) in docs.items():
        r.add(DocResult(doc, doc, "", 1, 1, mentions=[Mention(0, len(name), name, "PERSON", 0, role=role, entity=0)]))
    entities, link = r.entities()
    assert link[("a", 0)] == link[("b", 0)] == link[("c", 0)] != link[("d", 0)]


def test_one_name_one_type_across_articles():
    entities, link, results = resolve({
        # a country of the lexicon typed as a place in more articles than as a country
        "a": [("Belanda", "COUNTRY")], "b": [("Belanda", "LOCATION")], "c": [("Belanda", "LOCATION")],
        # a tie between two articles goes one way for both
        "d": [("Koperasi Sarimukti", "LOCATION")], "e": [("Koperasi Sarimukti", "ORGANIZATION")],
        # a name typed differently where its companions differ: the majority of mentions
        "f": [("Dirga Wahyono", "ORGANIZATION")],
        "g": [("Dirga Wahyono", "PERSON", 0), ("Dirga", "PERSON", 0)],
        "h": [("Dirga Wahyono", "PERSON", 0), ("Dirga", "PERSON", 0)],
    })
    assert names_of(entities) == [("Belanda", "COUNTRY"), ("Dirga Wahyono", "PERSON"),
                                  ("Koperasi Sarimukti", "ORGANIZATION")]
    assert {m.type for r in results for m in r.mentions if m.text == "Belanda"} == {"COUNTRY"}


def test_a_lone_word_that_is_also_a_common_word_joins_no_person_of_other_articles():
    entities, link, results = resolve({
        "a": [("Fajar Kusnadi", "PERSON")], "b": [("Fajar Kusnadi", "PERSON")],
        "c": [("Fajar", "PERSON")],  # "fajar" (dawn) is a word: a sentence start, or someone else
        "d": [("Kusnadi", "PERSON")],  # the surname alone is the person
        "e": [("MARI", "PERSON")], "f": [("Mari Wulandani", "PERSON")],  # "Mari kita ...", in capitals
    })
    ids = ids_of(link, results)
    assert ids[0] == ids[1] == ids[3] != ids[2] and ids[4] != ids[5]


def test_a_dateline_and_a_role_word_fused_onto_a_name_are_left_out():
    entities, _, _ = resolve({
        "a": [("Hendra Saputro", "PERSON")], "b": [("SURABAYA-Hendra Saputro", "PERSON")],
        "c": [("Terdakwa Hendra Saputro", "PERSON")], "d": [("Kang Hendra Saputro", "PERSON")],
    })
    assert names_of(entities) == [("Hendra Saputro", "PERSON")]


def test_a_name_without_its_last_word_joins_it_when_articles_give_both_one_role():
    r = Resolver()
    docs = {"a": ("Sekar Ayu", "Gubernur Banten"), "b": ("Sekar Ayu Lestari", "Gubernur"),
            "e": ("Sekar Ayu Lestari", "Gubernur Banten"),
            "c": ("Danu Wirya", "Pelatih"), "d": ("Danu Wirya Kusuma", "Menteri Sosial"),
            "f": ("Danu Wirya Kusuma", "Menteri Sosial"),
            # a longer name in one article only: a headline run into the name, a "Jr" son
            "g": ("Rangga Widjaja", "Presiden"), "h": ("Rangga Widjaja Jr", "Presiden")}
    for doc, (name, role) in docs.items():
        r.add(DocResult(doc, doc, "", 1, 1, mentions=[Mention(0, len(name), name, "PERSON", 0, role=role, entity=0)]))
    entities, link = r.entities()
    assert link[("a", 0)] == link[("b", 0)] == "per:sekar_ayu_lestari"
    assert link[("c", 0)] != link[("d", 0)] and link[("g", 0)] != link[("h", 0)]


def test_brothers_who_share_a_given_name_and_a_surname_stay_two_people_in_one_article():
    from kg.resolve import link_document

    text = "Iman Sasmito Haryadi dan adiknya Iman Purwoko Haryadi hadir. Iman Sasmito menjawab."
    ms = []
    for name in ("Iman Sasmito Haryadi", "Iman Purwoko Haryadi", "Iman Sasmito"):
        start = text.index(name)
        ms.append(Mention(start, start + len(name), name, "PERSON", 0))
    res = DocResult("a", "a", "", 1, 1, mentions=ms)
    link_document(res, text)
    assert ms[0].entity == ms[2].entity != ms[1].entity


def test_a_common_word_glued_before_a_one_word_name_is_left_out():
    entities, _, _ = resolve({"a": [("Lintaskita", "ORGANIZATION")], "b": [("Lintaskita", "ORGANIZATION")],
                              "c": [("MajalahLintaskita", "ORGANIZATION")]})
    assert names_of(entities) == [("Lintaskita", "ORGANIZATION")]


def test_hyphenated_acronyms_are_no_dateline():
    entities, _, _ = resolve({"a": [("KPA-KPB", "ORGANIZATION")], "b": [("KPB", "ORGANIZATION")],
                              "c": [("KPB", "ORGANIZATION")]})
    assert ("KPA-KPB", "ORGANIZATION") in names_of(entities)

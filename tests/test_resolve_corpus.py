"""Linking entities across documents (kg.resolve.Resolver), with invented names."""
from kg.records import DocResult, Mention
from kg.resolve import Resolver


def resolve(docs):
    """docs: {doc: [(text, type), ...]}, one document entity per distinct text."""
    r = Resolver()
    results = []
    for doc, names in docs.items():
        ms, ids, pos = [], {}, 0
        for text, typ in names:
            ms.append(Mention(pos, pos + len(text), text, typ, 0, entity=ids.setdefault(text, len(ids))))
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

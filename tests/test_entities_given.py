"""Person names the NER cut short or mistyped, mended from the rest of the article: given names
that are also common words, surnames that are also place words, headline verbs run into names.
Sentences and names are invented."""
from conftest import analyse_text


def persons(text, names):
    res = analyse_text(text, names)
    return [(m.text, m.type) for m in res.mentions if m.type == "PERSON"], res


def entity_of(res, surface):
    return {m.text: m.entity for m in res.mentions}[surface]


def test_a_headline_name_run_into_a_verb_or_common_word_is_cut_there():
    names = {"Wirawan Desak Sudarmaji": "PER", "Wirawan": "PER", "Sudarmaji": "PER", "Rahmat Wirayuda Banjir": "PER",
             "Rahmat Wirayuda": "PER"}
    text = ("Wirawan Desak Sudarmaji: Harga Beras Turun, Rahmat Wirayuda Banjir Pujian!\n\n"
            "Wirawan meminta Sudarmaji menurunkan harga. Rahmat Wirayuda dipuji warga.")
    found, res = persons(text, names)
    assert found[:3] == [("Wirawan", "PERSON"), ("Sudarmaji", "PERSON"), ("Rahmat Wirayuda", "PERSON")]
    assert entity_of(res, "Rahmat Wirayuda") == res.mentions[-1].entity


def test_a_name_the_body_uses_whole_is_not_cut_in_the_headline():
    names = {"Bintang Sudarmaji": "PER"}
    text = "Bintang Sudarmaji Menang Lagi Di Final\n\nBintang Sudarmaji menang di final."
    found, _ = persons(text, names)
    assert found == [("Bintang Sudarmaji", "PERSON")] * 2


def tagged_in_place(text, tags):
    """Mentions with NER tags given per sentence and token, {(sentence, word): label}: the NER may
    find a word in one place and miss it in another."""
    from kg.extract.entities import extract_mentions
    from kg.process import prepare
    from kg.records import Article
    _, sents = prepare(Article("t.txt", text))
    return extract_mentions(text, sents, [[f"S-{tags[(i, t.text)]}" if (i, t.text) in tags else "O" for t in s.tokens]
                                          for i, s in enumerate(sents)])


def test_a_given_name_the_article_names_alone_joins_the_surname_after_a_body():
    text = "Pelatih Persikota Intan Sudarmaji memuji timnya. Menurut Intan, timnya bermain rapi."
    found = tagged_in_place(text, {(0, "Persikota"): "ORG", (0, "Sudarmaji"): "PER", (1, "Intan"): "PER"})
    assert [(m.text, m.type) for m in found] == [("Persikota", "ORGANIZATION"), ("Intan Sudarmaji", "PERSON"),
                                                 ("Intan", "PERSON")]


def test_another_persons_surname_before_a_name_stays_out_of_it():
    names = {"Budi Hartawan": "PER", "Hartawan": "PER", "Yuri Ivanov": "PER"}
    text = "Budi Hartawan tiba. Kata Hartawan, ia didampingi penasihat Hartawan Yuri Ivanov."
    found, _ = persons(text, names)
    assert ("Yuri Ivanov", "PERSON") in found and not any(t.endswith("Hartawan Yuri Ivanov") for t, _ in found)


def test_a_given_name_and_surname_typed_as_a_body_are_a_person_the_article_names_by_surname():
    names = {"Asosiasi Arvania": "ORG", "ASAR": "ORG", "Bintang Wirayuda": "ORG", "Wirayuda": "PER",
             "Persatuan Sukamaju Surya Pinangsari": "ORG", "Pinangsari": "PER"}
    text = ("Ketua Asosiasi Arvania (ASAR), Bintang Wirayuda, menilai tarif terlalu tinggi. \"Harus turun,\" ujar Wirayuda. "
            "Ketua Persatuan Sukamaju Surya Pinangsari setuju. Pinangsari hadir.")
    res = analyse_text(text, names)
    got = [(m.text, m.type) for m in res.mentions]
    assert ("Bintang Wirayuda", "PERSON") in got and ("Surya Pinangsari", "PERSON") in got
    assert ("Persatuan Sukamaju", "ORGANIZATION") in got
    assert entity_of(res, "Bintang Wirayuda") == entity_of(res, "Wirayuda")


def test_a_title_and_a_given_name_before_a_place_word_make_a_person():
    names = {"Pinangsari": "LOC", "Lanka": "LOC", "Cibening": "LOC"}
    found, _ = persons("Ayatollah Surya Pinangsari menolak permintaan itu.", names)
    assert found == [("Surya Pinangsari", "PERSON")]
    # an honorific, which only people bear, takes an unknown given name too; a title of office does not
    found, _ = persons("Ayatollah Okadi Pinangsari menolak. Kasat Reskrim Polresra Cibening hadir.", names)
    assert found == [("Okadi Pinangsari", "PERSON")]
    res = analyse_text("Presiden Sri Lanka hadir.", {"Sri Lanka": "LOC"})
    assert [m.type for m in res.mentions] != ["PERSON"]


def test_a_given_name_that_is_a_word_opening_a_sentence_joins_a_lone_surname():
    found, _ = persons("Laga itu berat. Teguh Wirayuda menepi karena demam.", {"Wirayuda": "PER"})
    assert found == [("Teguh Wirayuda", "PERSON")]
    # a function word opening the sentence, or another given name the article pairs with the surname
    found, _ = persons("Ada Wirayuda di sana.", {"Wirayuda": "PER"})
    assert found == [("Wirayuda", "PERSON")]
    found, _ = persons("Rahmat Wirayuda datang. Agung Wirayuda pulang.", {"Rahmat Wirayuda": "PER", "Wirayuda": "PER"})
    assert ("Agung Wirayuda", "PERSON") not in found


def test_a_sentence_opener_written_mostly_in_lower_case_starts_no_capitalised_run():
    found, _ = persons("Upaya Bintang Sudarmaji di menit ke-49 membentur mistar.", {"Sudarmaji": "PER"})
    assert found == [("Bintang Sudarmaji", "PERSON")]


def test_a_month_run_into_a_name_before_a_time_word_or_number_is_cut_off():
    names = {"Rahmat April": "PER", "Sudarmaji Mei": "PER", "Juni Wirayuda": "PER"}
    found, _ = persons("Hal itu disampaikan Rahmat April lalu. Sudarmaji Mei 2024 pensiun. Juni Wirayuda hadir.", names)
    assert found == [("Rahmat", "PERSON"), ("Sudarmaji", "PERSON"), ("Juni Wirayuda", "PERSON")]


def test_a_middle_name_used_alone_that_the_ner_called_a_place_is_the_person():
    names = {"Rahmat Pinangsari Wirayuda": "PER", "Pinangsari": "LOC"}
    res = analyse_text("Kepala dinas Rahmat Pinangsari Wirayuda hadir. \"Kami siap,\" ujar Pinangsari.", names)
    assert [(m.text, m.type) for m in res.mentions] == [("Rahmat Pinangsari Wirayuda", "PERSON"), ("Pinangsari", "PERSON")]
    assert res.mentions[0].entity == res.mentions[1].entity


def test_a_short_title_or_office_or_a_reduplicated_word_is_no_given_name():
    text = "Wamenaker Rahmat Wirayuda hadir. Menurut Wamenaker, upah naik. Tim Sudarmaji datang."
    found = tagged_in_place(text, {(0, "Rahmat"): "PER", (0, "Wirayuda"): "PER", (1, "Wamenaker"): "PER",
                                   (2, "Sudarmaji"): "PER"})
    assert [m.text for m in found if m.type == "PERSON"][:1] == ["Rahmat Wirayuda"]
    found, _ = persons("Menanti Menteri-menteri Sudarmaji Datang\n\nSudarmaji datang.", {"Sudarmaji": "PER"})
    assert found[0] == ("Sudarmaji", "PERSON")


def test_a_place_word_the_text_names_as_a_speaker_is_a_person():
    names = {"Rahmat Pinangsari": "LOC", "Pinangsari": "LOC", "Teheran": "LOC", "Karo": "LOC"}
    text = ("Rahmat Pinangsari hadir di rapat. \"Harga naik,\" kata Pinangsari. Menurut Rahmat Pinangsari, stok cukup. "
            "\"Kami menolak,\" kata Teheran. \"Sudah,\" kata Karo Humas Budi.")
    res = analyse_text(text, names)
    got = [(m.text, m.type) for m in res.mentions]
    assert got == [("Rahmat Pinangsari", "PERSON"), ("Pinangsari", "PERSON"), ("Rahmat Pinangsari", "PERSON"),
                   ("Teheran", "LOCATION"), ("Karo", "LOCATION")]  # a capital, a short title
    assert len({m.entity for m in res.mentions[:3]}) == 1


def test_name_words_typed_as_a_place_in_a_persons_slot_after_a_role_are_a_person():
    names = {"Sinta Pinangsari": "LOC", "Rahmat Cibening": "ORG", "Kota Lama": "LOC",
             "Sukamaju": "LOC", "Wirayuda Barat": "LOC"}
    text = ("Ketua Koperasi Sukamaju, Sinta Pinangsari, mengatakan harga naik. Presiden Brasil Rahmat Cibening hadir. "
            "Rapat di Rumah Dinas Bupati Sukamaju, Kota Lama, berlangsung. Bupati Wirayuda Barat datang.")
    got = [(m.text, m.type) for m in analyse_text(text, names).mentions]
    assert ("Sinta Pinangsari", "PERSON") in got and ("Rahmat Cibening", "PERSON") in got
    assert ("Kota Lama", "LOCATION") in got and ("Wirayuda Barat", "LOCATION") in got

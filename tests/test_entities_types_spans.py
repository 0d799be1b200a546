"""Entity types from the lexicons (capitals, dependencies, airlines) and span repairs (pairs, lead nouns).
Sentences and names are invented."""
from conftest import analyse_text


def found(text, names):
    return [(m.text, m.type) for m in analyse_text(text, names).mentions]


def test_a_capital_the_ner_missed_or_called_an_organization_is_a_place():
    assert found("Teheran membantah tuduhan itu, sementara Kyiv diam.", {"Kyiv": "ORG"}) == [
        ("Teheran", "LOCATION"), ("Kyiv", "LOCATION")]


def test_a_dependency_is_a_place_and_country_spellings_of_the_press_are_countries():
    assert found("Kapal itu berlabuh di Diego Garcia lalu ke Syria dan Saudi.", {}) == [
        ("Diego Garcia", "LOCATION"), ("Syria", "COUNTRY"), ("Saudi", "COUNTRY")]


def test_an_airline_is_an_organization_whatever_place_it_is_named_for():
    assert found("Penerbangan Arvania Airways ditunda.", {"Arvania Airways": "LOC"}) == [
        ("Arvania Airways", "ORGANIZATION")]


def test_a_ticket_of_two_candidates_joined_by_a_hyphen_is_two_people():
    names = {"Budi Santoso-Sinta Wulandari": "PER", "Hendra-Yuni Lestari": "PER"}
    text = "Pasangan Budi Santoso-Sinta Wulandari dan Hendra-Yuni Lestari mendaftar."
    assert found(text, names) == [("Budi Santoso", "PERSON"), ("Sinta Wulandari", "PERSON"),
                                  ("Hendra", "PERSON"), ("Yuni Lestari", "PERSON")]


def test_a_hyphen_inside_one_name_stays():
    names = {"Ahmad Al-Farisi": "PER", "Rina Hartono - Wibowo": "PER"}  # as the tokenizer cuts it
    assert found("Ahmad Al-Farisi bertemu Rina Hartono-Wibowo.", names) == [
        ("Ahmad Al-Farisi", "PERSON"), ("Rina Hartono-Wibowo", "PERSON")]


def test_two_bodies_by_acronym_joined_by_a_hyphen_are_two_organizations():
    assert found("Sidang Bersama DPR-DPD RI digelar.", {"DPR-DPD RI": "ORG"}) == [
        ("DPR", "ORGANIZATION"), ("DPD RI", "ORGANIZATION")]


def test_a_common_noun_before_a_name_is_not_part_of_it():
    names = {"kota Sukamaju": "LOC", "kementerian luar negeri Arvania": "ORG"}
    text = "Rumah sakit di kota Sukamaju rusak, kata juru bicara kementerian luar negeri Arvania."
    assert found(text, names) == [("Sukamaju", "LOCATION"), ("Arvania", "ORGANIZATION")]


def test_a_given_name_that_is_also_a_word_joins_the_surname_ner_found():
    names = {"Wulandari": "PER", "Santoso": "PER", "Dewan Kota": "ORG"}
    text = "Kata direktur itu, Indah Wulandari, kepada wartawan. Ketua Dewan Kota Santoso hadir."
    assert found(text, names) == [("Indah Wulandari", "PERSON"), ("Dewan Kota", "ORGANIZATION"),
                                  ("Santoso", "PERSON")]


def test_a_title_word_or_a_body_before_a_name_is_no_given_name():
    names = {"Lestari Budiman": "PER", "Wartawan": "PER"}
    text = "Ucapan Ayatollah Lestari Budiman diulang. Laporan Wartawan dimuat."
    assert found(text, names) == [("Lestari Budiman", "PERSON")]


def test_a_place_in_a_named_venue_after_a_preposition_does_not_make_a_person():
    assert found("Pameran digelar di Paris Expo Center tahun ini.", {"Paris Expo Center": "ORG"}) == [
        ("Paris Expo Center", "ORGANIZATION")]


def test_a_surname_ner_called_a_place_is_the_person_named_in_full():
    names = {"Hendra Tanjung": "PER", "Tanjung": "LOC"}
    res = analyse_text("Pelatih Hendra Tanjung puas. Menurut Tanjung, timnya siap.", names)
    assert [(m.text, m.type) for m in res.mentions] == [("Hendra Tanjung", "PERSON"), ("Tanjung", "PERSON")]
    assert len({m.entity for m in res.mentions}) == 1


def test_short_forms_nicknames_and_handles_find_their_person():
    names = {"Sulistyowati Rahayu": "PER", "Sulis": "PER", "Bambang Suryanto": "PER", "Bamsyat": "PER",
             "Yohanes Melkianus Dadi": "PER", "Melki": "PER"}
    text = ("Sulistyowati Rahayu membuka acara. Sulis lalu menyapa @sulis_rahayu99. "
            "Bambang Suryanto hadir. Bamsyat tersenyum. Yohanes Melkianus Dadi menutup. Melki pulang.")
    res = analyse_text(text, names)
    ents = {}
    for m in res.mentions:
        ents.setdefault(m.entity, set()).add(m.text)
    assert sorted(map(sorted, ents.values())) == [
        ["@sulis_rahayu99", "Sulis", "Sulistyowati Rahayu"], ["Bambang Suryanto", "Bamsyat"],
        ["Melki", "Yohanes Melkianus Dadi"]]


def test_a_short_word_is_no_short_form_of_another_persons_given_name():
    names = {"Budiman Santoso": "PER", "Budi": "PER"}
    res = analyse_text("Budiman Santoso datang. Budi pergi.", names)
    assert len({m.entity for m in res.mentions}) == 2


def test_numbered_acts_are_no_entities_but_the_body_that_issued_one_is():
    names = {"Peraturan Pemerintah Nomor 12 Tahun 2019": "ORG", "Resolusi Dewan Keamanan Arvania Nomor 1234": "ORG",
             "UU Nomor 7 Tahun 2017": "ORG", "Peraturan Menteri Keuangan": "ORG", "Putusan Mahkamah Agung": "ORG"}
    text = ("Aturan itu tertuang dalam Peraturan Pemerintah Nomor 12 Tahun 2019 dan UU Nomor 7 Tahun 2017. "
            "Sesuai Peraturan Menteri Keuangan, tarif naik. Israel melanggar Resolusi Dewan Keamanan Arvania "
            "Nomor 1234. Putusan Mahkamah Agung dibacakan.")
    assert found(text, names) == [("Israel", "COUNTRY"), ("Dewan Keamanan Arvania", "ORGANIZATION"),
                                  ("Mahkamah Agung", "ORGANIZATION")]


def test_an_acts_number_ends_a_body_found_by_its_trigger_word():
    assert found("Keputusan Pemerintah Kota Sukamaju Nomor 3 digugat warga.", {}) == [
        ("Pemerintah Kota Sukamaju", "ORGANIZATION")]


def test_a_sentence_opener_a_team_or_an_address_before_a_name_is_no_given_name():
    names = {"Wiranto": "PER", "Andri Bolang": "PER", "Verrell": "PER"}
    text = "Sayangnya Wiranto absen. Juara lomba itu Tim Andri Bolang. Aku yakin Mas Verrell datang."
    assert found(text, names) == [("Wiranto", "PERSON"), ("Andri Bolang", "PERSON"), ("Verrell", "PERSON")]


def test_the_next_list_items_number_glued_to_a_name_is_no_part_of_it():
    names = {"Arvania Airways2": "ORG", "Sukamaju Air3": "ORG", "Cibening Airlines": "ORG"}
    text = "Peringkatnya: 1. Arvania Airways2. Sukamaju Air3. Cibening Airlines."
    assert found(text, names) == [("Arvania Airways", "ORGANIZATION"), ("Sukamaju Air", "ORGANIZATION"),
                                  ("Cibening Airlines", "ORGANIZATION")]


def test_regions_with_a_hyphen_forums_of_states_and_kinship_words():
    names = {"Asia": "LOC", "Pasifik": "LOC", "Adik": "PER"}
    text = "KTT G20 membahas Asia-Pasifik. Adik saya pergi. Timnas Dapat Jersey Baru."
    assert found(text, names) == [("G20", "ORGANIZATION"), ("Asia-Pasifik", "LOCATION")]


def test_each_country_of_a_hyphenated_pair_the_ner_missed_is_found():
    assert found("Perang dagang AS-China memanas.", {}) == [("AS", "COUNTRY"), ("China", "COUNTRY")]


def test_a_building_keeps_the_country_in_its_name_and_a_place_its_abbreviated_form():
    names = {"Gedung Kebudayaan Jepang": "LOC", "Sukamaju D.C": "LOC", "Sukamaju": "LOC", "Jawa Barat": "LOC",
             "Jawa": "LOC"}
    text = "Rapat di Gedung Kebudayaan Jepang. Ia terbang ke Sukamaju D.C lalu Sukamaju menolak. Jawa Barat dan Jawa."
    res = analyse_text(text, names)
    assert [m.text for m in res.mentions][:1] == ["Gedung Kebudayaan Jepang"]
    ent = {m.text: m.entity for m in res.mentions}
    assert ent["Sukamaju D.C"] == ent["Sukamaju"] and ent["Jawa Barat"] != ent["Jawa"]


def test_a_long_name_the_ner_cut_in_two_is_one_name():
    names = {"Sinta Dewi": "PER", "Ayu Wijaya": "PER"}
    assert found("Gubernur Sinta Dewi Ayu Wijaya meresmikan pasar.", names) == [("Sinta Dewi Ayu Wijaya", "PERSON")]
    names = {"Pihak II": "PER", "Ayu Wijaya": "PER"}  # a numbered party to a case is no given name
    assert found("Sidang memeriksa Pihak II Ayu Wijaya.", names)[-1] == ("Ayu Wijaya", "PERSON")


def test_a_seat_named_only_as_where_something_happens_is_a_place():
    said = found("Kremlin membantah. Utusan itu tiba di Kremlin.", {})
    visited = found("Utusan itu tiba di Kremlin. Wartawan menunggu di halaman Kremlin.", {})
    assert said == [("Kremlin", "ORGANIZATION")] * 2 and visited == [("Kremlin", "LOCATION")] * 2


def test_a_club_named_alone_in_the_article_is_cut_off_the_player_after_it():
    names = {"Persikota": "ORG", "Persikota Bambang Suryanto": "PER", "Bambang": "PER"}
    text = "Persikota menang 2-0. Striker Persikota Bambang Suryanto mencetak gol. Bambang senang."
    res = analyse_text(text, names)
    assert [(m.text, m.type) for m in res.mentions] == [
        ("Persikota", "ORGANIZATION"), ("Persikota", "ORGANIZATION"), ("Bambang Suryanto", "PERSON"), ("Bambang", "PERSON")]
    assert res.mentions[0].entity == res.mentions[1].entity and res.mentions[2].entity == res.mentions[3].entity


def test_a_place_written_as_one_word_and_as_two_is_one_place():
    names = {"Tanjungsari": "LOC", "Tanjung Sari": "LOC", "Sukamaju": "LOC"}
    res = analyse_text("Banjir di Tanjungsari meluas. Warga Tanjung Sari mengungsi ke Sukamaju.", names)
    ent = {m.text: m.entity for m in res.mentions}
    assert ent["Tanjungsari"] == ent["Tanjung Sari"] != ent["Sukamaju"]


def test_currency_codes_meetings_and_secretaries_titles_are_no_entities():
    names = {"JPY": "ORG", "RUPST": "ORG", "Perseroan": "ORG", "Sesmenko": "PER"}
    text = "Yen melemah ke JPY 150 jelang RUPST. Dividen Perseroan naik, kata Pak Sesmenko."
    assert found(text, names) == []


def test_a_name_the_ner_tags_elsewhere_is_someone_elses_not_a_left_out_given_name():
    names = {"Budi Hartono": "PER", "Yuri Ivanov": "PER"}
    text = "Budi Hartono tiba di Moskow. Ia didampingi penasihat Hartono Yuri Ivanov."
    assert [m.text for m in analyse_text(text, names).mentions if m.type == "PERSON"] == [
        "Budi Hartono", "Hartono", "Yuri Ivanov"]

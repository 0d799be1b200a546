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
    names = {"Gedung Putih Dewi Rahma": "ORG"}
    res = analyse_text("Kata sekretaris pers Gedung Putih Dewi Rahma kepada wartawan.", names)
    assert [(m.text, m.type) for m in res.mentions] == [("Gedung Putih", "ORGANIZATION"), ("Dewi Rahma", "PERSON")]


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


def found(text, names):
    return [(m.text, m.type) for m in analyse_text(text, names).mentions]


def entities_of(text, names):
    """Mention text → its document entity number (the last mention's, for a repeated text)."""
    return {m.text: m.entity for m in analyse_text(text, names).mentions}


def test_outlets_in_datelines_and_agencies_cited_as_sources_are_organizations():
    text = "Kabarkita.com, Medan - Harga cabai naik, seperti dilaporkan Reuters dan detikSumut."
    assert found(text, {"Medan": "LOC"}) == [("Kabarkita.com", "ORGANIZATION"), ("Medan", "LOCATION"),
                                            ("Reuters", "ORGANIZATION"), ("detikSumut", "ORGANIZATION")]


def test_an_outlet_inside_a_name_span_is_cut_out():
    names = {"Rina Wulandari KABARKITA.COM": "PER"}
    assert found("Oleh Rina Wulandari KABARKITA.COM hari ini.", names) == [
        ("Rina Wulandari", "PERSON"), ("KABARKITA.COM", "ORGANIZATION")]


def test_generic_acronyms_products_and_lone_titles_are_not_entities():
    names = {"APBD": "ORG", "UMKM": "ORG", "Bitcoin": "ORG", "Kasatreskrim": "PER", "Bank Sejahtera": "ORG"}
    text = "Dana APBD untuk UMKM dan Bitcoin dibahas Kasatreskrim bersama Bank Sejahtera."
    assert found(text, names) == [("Bank Sejahtera", "ORGANIZATION")]


def test_regional_institutions_keep_their_region_and_stop_at_a_person():
    names = {"DPRD": "ORG", "Jawa Tengah": "LOC", "Rina Wulandari": "PER", "Polres": "ORG", "BPK": "ORG"}
    text = "Ketua DPRD Jawa Tengah Rina Wulandari menemui Polres Kabupaten Blora dan BPK RI."
    assert found(text, names) == [("DPRD Jawa Tengah", "ORGANIZATION"), ("Rina Wulandari", "PERSON"),
                                  ("Polres Kabupaten Blora", "ORGANIZATION"), ("BPK RI", "ORGANIZATION")]
    assert found("Anggota DPRD Nomor Urut 3 hadir.", {"DPRD": "ORG"}) == [("DPRD", "ORGANIZATION")]
    # a region at the very end of a sentence without a full stop (a one-word place near the end)
    assert found("Rapat bersama Pemprov Jateng", {}) == [("Pemprov Jateng", "ORGANIZATION")]


def test_province_short_forms_and_administrative_units_name_the_same_place():
    names = {"Jateng": "LOC", "Jawa Tengah": "LOC", "Kabupaten Blora": "LOC", "Blora": "LOC"}
    ents = entities_of("Hujan di Jawa Tengah. Warga Kabupaten Blora mengungsi. Blora dan Jateng siaga.", names)
    assert ents["Jateng"] == ents["Jawa Tengah"] and ents["Blora"] == ents["Kabupaten Blora"]
    assert ents["Blora"] != ents["Jawa Tengah"]


def test_a_place_named_with_a_compass_word_is_another_place():
    names = {"Kota Sukamaju": "LOC", "Kabupaten Sukamaju": "LOC", "Kabupaten Sukamaju Barat": "LOC", "Sukamaju": "LOC",
             "Pemerintah Kabupaten Sukamaju": "ORG", "Pemerintah Kabupaten Sukamaju Barat": "ORG"}
    text = ("Banjir melanda Kota Sukamaju, Kabupaten Sukamaju dan Kabupaten Sukamaju Barat. Sukamaju siaga. "
            "Pemerintah Kabupaten Sukamaju Barat membuka posko, Pemerintah Kabupaten Sukamaju belum.")
    ents = entities_of(text, names)
    assert ents["Kota Sukamaju"] == ents["Kabupaten Sukamaju"] == ents["Sukamaju"] != ents["Kabupaten Sukamaju Barat"]
    assert ents["Pemerintah Kabupaten Sukamaju"] != ents["Pemerintah Kabupaten Sukamaju Barat"]


def test_a_place_or_body_word_run_into_the_name_after_it_is_left_out():
    names = {"Sukamaju": "LOC", "Sukamaju Wiranto": "PER", "Wiranto": "PER", "Taman Cibening": "LOC",
             "Cibening Rina Wulandari": "PER", "Rina": "PER"}
    text = ("Banjir melanda Sukamaju. Kepala Dinas Sukamaju Wiranto meninjau lokasi. Wiranto menambah perahu. "
            "Taman Cibening ramai. Pengelola Cibening Rina Wulandari menutup taman. Rina kecewa.")
    res = analyse_text(text, names)
    assert [m.text for m in res.mentions if m.type == "PERSON"] == ["Wiranto", "Wiranto", "Rina Wulandari", "Rina"]
    # only ending a longer name, the word may be a given name; two names starting with it are two people
    names = {"Taman Cibening": "LOC", "Cibening Hartono": "PER", "Sukamaju": "LOC", "Sukamaju Wiranto": "PER",
             "Sukamaju Pratama": "PER"}
    res = analyse_text("Taman Cibening ramai. Cibening Hartono hadir. Hujan di Sukamaju. Sukamaju Wiranto dan "
                       "Sukamaju Pratama datang.", names)
    assert [m.text for m in res.mentions if m.type == "PERSON"] == ["Cibening Hartono", "Sukamaju Wiranto",
                                                                     "Sukamaju Pratama"]
    # nor when the rest is a place named in the article
    names = {"Sukamaju": "LOC", "Sukamaju Cibening": "PER", "Cibening": "LOC"}
    res = analyse_text("Warga Sukamaju Cibening mengungsi. Hujan di Sukamaju dan Cibening.", names)
    assert [m.text for m in res.mentions if m.type == "PERSON"] == ["Sukamaju Cibening"]


def test_person_after_an_organization_acronym_in_one_span_is_split_off():
    names = {"Komisi III DPR RI Rina Wulandari": "ORG", "PT Maju Sentosa Abadi": "ORG"}
    assert found("Anggota Komisi III DPR RI Rina Wulandari menyoroti PT Maju Sentosa Abadi.", names) == [
        ("Komisi III DPR RI", "ORGANIZATION"), ("Rina Wulandari", "PERSON"), ("PT Maju Sentosa Abadi", "ORGANIZATION")]


def test_title_words_that_are_given_names_stay_in_the_name_after_a_role():
    names = {"Imam Santoso": "PER", "Dimas Wijaya": "PER", "Raja Harun": "PER"}
    text = "Ketua Umum (Ketum) Imam Santoso dan Ketua PSSI, Raja Dimas Wijaya, hadir. Raja Harun tidak."
    res = analyse_text(text, names)
    assert [m.text for m in res.mentions if m.type == "PERSON"] == ["Imam Santoso", "Raja Dimas Wijaya", "Harun"]


def test_acronyms_and_given_names_join_their_full_forms_in_an_article():
    names = {"Dewan Pengawas Pangan Nasional": "ORG", "DPPN": "ORG", "Rina Ayu Wulandari": "PER", "Rina Ayu": "PER",
             "Siti Dewi Lestari": "PER", "Siti Dewi Lestary": "PER"}
    text = ("Dewan Pengawas Pangan Nasional menolak. Menurut DPPN, Rina Ayu Wulandari salah. Rina Ayu diam. "
            "Siti Dewi Lestari dan Siti Dewi Lestary sama.")
    ent = entities_of(text, names)
    assert ent["DPPN"] == ent["Dewan Pengawas Pangan Nasional"]
    assert ent["Rina Ayu"] == ent["Rina Ayu Wulandari"] != ent["Siti Dewi Lestari"] == ent["Siti Dewi Lestary"]


def test_shorter_forms_of_an_organization_join_its_full_name_in_an_article():
    names = {"Dinas Perikanan Daerah Kabupaten Sumbawa": "ORG", "Dinas Perikanan": "ORG", "BPJS Ketenagakerjaan": "ORG",
             "BPJS": "ORG", "Kejari Sumbawa": "ORG", "Kejaksaan Negeri Sumbawa": "ORG", "Kementerian PUPR": "ORG",
             "Kementerian Pekerjaan Umum dan Perumahan Rakyat": "ORG", "PT Sinar Laut": "ORG", "Sinar Laut": "ORG"}
    text = ("Dinas Perikanan Daerah Kabupaten Sumbawa menggandeng BPJS Ketenagakerjaan dan Kejaksaan Negeri Sumbawa. "
            "Kepala Dinas Perikanan menyebut BPJS membantu nelayan, dan Kejari Sumbawa mengawasi. "
            "Kementerian Pekerjaan Umum dan Perumahan Rakyat mendukung; Kementerian PUPR mengirim PT Sinar Laut. "
            "Sinar Laut mulai bekerja.")
    ent = entities_of(text, names)
    assert ent["Dinas Perikanan"] == ent["Dinas Perikanan Daerah Kabupaten Sumbawa"]
    assert ent["BPJS"] == ent["BPJS Ketenagakerjaan"] != ent["Kejari Sumbawa"] == ent["Kejaksaan Negeri Sumbawa"]
    assert ent["Kementerian PUPR"] == ent["Kementerian Pekerjaan Umum dan Perumahan Rakyat"]
    assert ent["Sinar Laut"] == ent["PT Sinar Laut"] != ent["BPJS"]


def test_a_short_form_fitting_two_organizations_joins_neither():
    names = {"BPJS Kesehatan": "ORG", "BPJS Ketenagakerjaan": "ORG", "BPJS": "ORG", "Jakarta Selatan": "LOC",
             "JAKARTA": "LOC"}
    text = "JAKARTA - BPJS Kesehatan dan BPJS Ketenagakerjaan di Jakarta Selatan bertemu. BPJS menyepakati data."
    ent = entities_of(text, names)
    assert len({ent["BPJS"], ent["BPJS Kesehatan"], ent["BPJS Ketenagakerjaan"]}) == 3
    assert ent["JAKARTA"] != ent["Jakarta Selatan"]  # an all-caps dateline place is no acronym


def test_nicknames_middle_names_and_shared_given_names_find_their_person():
    names = {"Bambang Sutejo": "PER", "Bamsut": "PER", "Rosita Kemala Dewi": "PER", "Kemala": "PER",
             "Hendra Yusuf Pratama": "PER", "Heyus Pratama": "PER", "Andi Wijaya": "PER", "Andi Kurniawan": "PER",
             "Andi": "PER"}
    text = ("Bambang Sutejo bertemu Rosita Kemala Dewi. Bamsut tersenyum, Kemala tidak. "
            "Hendra Yusuf Pratama atau Heyus Pratama hadir. Andi Wijaya datang lebih dulu. "
            "Andi Kurniawan membuka rapat. Andi lalu menutupnya.")
    ent = entities_of(text, names)
    assert ent["Bamsut"] == ent["Bambang Sutejo"] != ent["Kemala"] == ent["Rosita Kemala Dewi"]
    assert ent["Heyus Pratama"] == ent["Hendra Yusuf Pratama"]
    assert ent["Andi"] == ent["Andi Kurniawan"] != ent["Andi Wijaya"]  # the Andi named last before it


def test_a_person_name_cut_in_two_is_one_name():
    names = {"Rosita": "PER", "Lembayung": "PER"}
    res = analyse_text("Rosita Lembayung menikah. Kemarin Rosita, Lembayung dan keluarga berkumpul.", names)
    assert [m.text for m in res.mentions] == ["Rosita Lembayung", "Rosita", "Lembayung"]
    names = {"Hadi Santoso": "PER", "Santoso": "PER", "Galih Prakoso": "PER"}
    res = analyse_text("Hadi Santoso tiba. Ajudan Santoso Galih Prakoso menyambutnya.", names)
    assert [m.text for m in res.mentions] == ["Hadi Santoso", "Santoso", "Galih Prakoso"]  # a surname: his aide


def test_names_in_links_to_other_articles_inside_the_body_are_furniture():
    names = {"Partai Maju": "ORG", "KPK": "ORG", "Rina Wulandari": "PER", "Budi Santoso": "PER", "Bappenas": "ORG"}
    text = ("Rina Wulandari meninjau pasar. Baca: Partai Maju Bantah Terlibat Kasus di KPK Menurut Rina, harga naik. "
            "Ia bertemu Budi Santoso. (baca: Bappenas: Anggaran Tahun Depan Naik) Tonton juga \"KPK Periksa Saksi\" "
            "di sini. Bappenas menghitung ulang.")
    res = analyse_text(text, names)
    assert [(m.text, m.start) for m in res.mentions if m.text in {"Partai Maju", "KPK", "Bappenas"}] == [
        ("Bappenas", text.rindex("Bappenas"))]
    assert {"Rina Wulandari", "Rina", "Budi Santoso"} <= {m.text for m in res.mentions}


def test_brackets_and_neighbourhood_numbers_end_names():
    names = {"PT Sumber Tirta Abadi": "ORG", "PT STA ) Sleman": "ORG", "Dusun Karanganyar RT 03 RW 07 Desa Sukamaju": "LOC",
             "Balai Desa Sukamaju": "LOC", "Gedung Bappeda": "LOC"}
    text = ("PT Sumber Tirta Abadi (PT STA) Sleman membangun sumur di Dusun Karanganyar RT 03 RW 07 Desa Sukamaju. "
            "Warga berkumpul di Balai Desa Sukamaju lalu ke Gedung Bappeda RI.")
    res = analyse_text(text, names)
    assert [m.text for m in res.mentions] == ["PT Sumber Tirta Abadi", "PT STA", "Sleman", "Dusun Karanganyar",
                                              "Desa Sukamaju", "Balai Desa Sukamaju", "Gedung Bappeda RI"]
    ent = {m.text: m.entity for m in res.mentions}
    assert ent["PT STA"] == ent["PT Sumber Tirta Abadi"]


def test_social_media_handles_and_balinese_names_are_people():
    names = {"Sukarta Wijaya": "PER"}
    text = "\"Mantap sekali timnya,\" tulis @rudi_bola99. Ketua adat I Made Sukarta Wijaya setuju. Surel: a@b.id"
    res = analyse_text(text, names)
    assert [(m.text, m.type) for m in res.mentions] == [("@rudi_bola99", "PERSON"), ("I Made Sukarta Wijaya", "PERSON")]


def test_acronyms_spelt_out_in_lower_case_or_generic_are_no_entities():
    names = {"APS": "ORG", "Badan Usaha Milik Negara": "ORG", "Dewan Pangan Daerah": "ORG", "DPD": "ORG"}
    text = ("Program angka putus sekolah (APS) turun. Badan Usaha Milik Negara (BUMN) ikut membantu "
            "bersama Dewan Pangan Daerah (DPD).")
    assert [m.text for m in analyse_text(text, names).mentions] == ["Dewan Pangan Daerah", "DPD"]


def test_schools_police_units_and_venues_take_the_type_of_their_head_word():
    names = {"SMA Negeri 4 Wonosari": "LOC", "Polsek Semanu": "LOC", "Bantul Convention Center": "ORG",
             "Lembaga Pengkajian Pangan Nasional": "ORG", "Lemkajipang": "ORG", "Kantor Pos Pusat": "ORG"}
    text = ("Siswa SMA Negeri 4 Wonosari dan Polsek Semanu hadir di Bantul Convention Center bersama "
            "Lembaga Pengkajian Pangan Nasional (Lemkajipang). Kantor Pos Pusat tutup.")
    res = analyse_text(text, names)
    assert [(m.text, m.type) for m in res.mentions] == [
        ("SMA Negeri 4 Wonosari", "ORGANIZATION"), ("Polsek Semanu", "ORGANIZATION"),
        ("Bantul Convention Center", "LOCATION"), ("Lembaga Pengkajian Pangan Nasional", "ORGANIZATION"),
        ("Lemkajipang", "ORGANIZATION"), ("Kantor Pos Pusat", "ORGANIZATION")]
    ent = {m.text: m.entity for m in res.mentions}
    assert ent["Lemkajipang"] == ent["Lembaga Pengkajian Pangan Nasional"]  # a short form of its letters


def test_the_name_after_an_outlet_in_a_dateline_is_a_place():
    names = {"Sukamaju Raya": "ORG", "Bank Sukamaju": "ORG"}
    res = analyse_text("Warta24.com, Sukamaju Raya - Bank Sukamaju membuka cabang.", names)
    assert [(m.text, m.type) for m in res.mentions] == [
        ("Warta24.com", "ORGANIZATION"), ("Sukamaju Raya", "LOCATION"), ("Bank Sukamaju", "ORGANIZATION")]


def test_a_reflexive_word_opening_a_sentence_is_no_name():
    res = analyse_text("Dirinya juga mengaku lelah, kata Budi.", {"Dirinya": "PER", "Budi": "PER"})
    assert [m.text for m in res.mentions] == ["Budi"]


def test_an_acronym_after_a_single_word_it_does_not_start_with_is_not_that_word():
    names = {"Sukamaju": "LOC", "TCS": "ORG", "Badan Pangan Desa": "ORG", "BPD": "ORG"}
    ents = entities_of("Tol Cibening-Sukamaju (TCS) dibuka. Badan Pangan Desa (BPD) hadir. TCS ramai.", names)
    assert ents["TCS"] != ents["Sukamaju"] and ents["BPD"] == ents["Badan Pangan Desa"]


def test_events_and_agreements_are_no_entities_nor_their_acronyms():
    names = {"Green Ocean Summit": "ORG", "GOS": "ORG", "Deklarasi Sukamaju": "PER", "Budi Santoso": "PER",
             "Ocean Council": "ORG"}
    res = analyse_text("Budi Santoso hadir di Green Ocean Summit (GOS) dan Ocean Council menyusun Deklarasi Sukamaju.", names)
    assert [(m.text, m.type) for m in res.mentions] == [("Budi Santoso", "PERSON"), ("Ocean Council", "ORGANIZATION")]


def test_an_organizations_last_word_alone_is_that_organization_but_not_a_parent_body():
    names = {"Partai Maju Jaya": "ORG", "Jaya": "ORG", "Reskrim Polri": "ORG", "Polri": "ORG"}
    ents = entities_of("Partai Maju Jaya menang. Kader Jaya senang. Reskrim Polri memeriksa. Polri menjelaskan.", names)
    assert ents["Jaya"] == ents["Partai Maju Jaya"] and ents["Polri"] != ents["Reskrim Polri"]


def test_a_middle_name_with_the_surname_is_the_full_name():
    names = {"Muhammad Rizal Eka Pratama": "PER", "Rizal Pratama": "PER", "Dodi Pratama": "PER"}
    ents = entities_of("Muhammad Rizal Eka Pratama tiba. Rizal Pratama lalu bertemu Dodi Pratama.", names)
    assert ents["Rizal Pratama"] == ents["Muhammad Rizal Eka Pratama"] != ents["Dodi Pratama"]


def test_a_given_name_left_out_after_a_portfolio_word_joins_the_name():
    names = {"Eka Santoso": "PER", "Budi Hartono": "PER"}
    res = analyse_text("Rapat digelar. Menteri Keuangan Lestari Eka Santoso menolak. Keputusan Lestari didukung. "
                       "Wali Kota Bandung Budi Hartono hadir. Warga Bandung senang.", names)
    assert [m.text for m in res.mentions if m.type == "PERSON"] == ["Lestari Eka Santoso", "Lestari", "Budi Hartono"]


def test_a_common_word_before_a_name_is_no_given_name():
    res = analyse_text("Rapat digelar. Menteri Koordinator Bidang Pangan Eka Santoso menolak. Harga pangan naik.",
                       {"Eka Santoso": "PER"})
    assert [m.text for m in res.mentions if m.type == "PERSON"] == ["Eka Santoso"]


def test_an_organizations_first_word_alone_is_that_organization_when_only_one_starts_with_it():
    names = {"Garuda Nusantara": "ORG", "Garuda": "ORG", "Bank Sukamaju": "ORG", "Bank Cibening": "ORG", "Bank": "ORG"}
    ents = entities_of("Garuda Nusantara terbang. Garuda menambah rute. Bank Sukamaju dan Bank Cibening rugi. "
                       "Bank menolak.", names)
    assert ents["Garuda"] == ents["Garuda Nusantara"]
    assert ents["Bank"] not in {ents["Bank Sukamaju"], ents["Bank Cibening"]}


def test_abbreviated_army_and_police_ranks_are_titles_not_names():
    names = {"Letkol Gilang Pratama": "PER", "Bharada Yoga Saputra": "PER"}
    res = analyse_text("Juru bicara Letkol Gilang Pratama hadir. Bharada Yoga Saputra berjaga.", names)
    assert [(m.text, m.role) for m in res.mentions if m.type == "PERSON"] == [
        ("Gilang Pratama", "Juru bicara Letkol"), ("Yoga Saputra", "Bharada")]


def test_capitalised_parties_to_a_case_are_roles_not_names():
    text = "Terdakwa menangis di ruang sidang. Hakim menolak permohonan Pemohon, kata Budi Santoso."
    res = analyse_text(text, {"Terdakwa": "PER", "Pemohon": "PER", "Budi Santoso": "PER"})
    assert [m.text for m in res.mentions] == ["Budi Santoso"]

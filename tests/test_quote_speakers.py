"""Who a quote's speaker is when the subject names nobody, names several, or a title holds an
organization (issue 16 class 6). Invented sentences and names."""
import pytest

from conftest import analyse_text

NAMES = {"Budi Santoso": "PER", "Rina Wulandari": "PER", "Tomas Lind": "PER", "Dedi Kurnia": "PER",
         "Joko Prasetyo": "PER", "Sari Dewi": "PER", "Partai Maju": "ORG", "Partai Hijau": "ORG", "DPR": "ORG",
         "Yayasan Pelita": "ORG", "Bank Laut": "ORG", "Harian Kota": "PER", "Lembaga Pangan Dunia": "ORG",
         "PT Kencana Jaya": "ORG", "Kejaksaan Negeri Lembah Hijau": "ORG", "Arvania": "LOC", "Borwia": "LOC"}


def speakers(text, kind=None):
    """(quote text, speaker's name, description) of each quote (of that kind)."""
    res = analyse_text(text, NAMES)
    return [(q.text, None if q.speaker is None else res.mentions[q.speaker].text, q.speaker_desc)
            for q in res.quotes if kind in {None, q.kind}]


def only_speaker(text, kind=None):
    [(_, name, desc)] = speakers(text, kind)
    return name, desc


@pytest.mark.parametrize("text,speaker", [
    # the person, not the organization in the title
    ("Ketua Fraksi Partai Maju di DPR Budi Santoso menilai kebijakan itu akan merugikan petani kecil.",
     "Budi Santoso"),
    ("Wakil Ketua Umum Partai Hijau, Rina Wulandari, mengatakan partainya akan mendukung rancangan itu.",
     "Rina Wulandari"),
    # joint speakers: the first named (convention 18)
    ("Budi Santoso dan Rina Wulandari mendesak pemerintah untuk segera menurunkan harga pupuk.", "Budi Santoso"),
    ("Budi Santoso, Dedi Kurnia, dan Rina Wulandari menilai harga pupuk akan naik tahun depan.", "Budi Santoso"),
    # a relation noun before a name and an appositive after it: the one after the comma
    ("Sahabat Budi Santoso, Rina Wulandari mengatakan keluarga itu sudah pindah ke kota lain.", "Rina Wulandari"),
])
def test_the_person_in_the_subject_speaks(text, speaker):
    assert only_speaker(text) == (speaker, None)


@pytest.mark.parametrize("text,speaker", [
    # a role standing for the person named with it
    ("Presiden Arvania Tomas Lind tiba di Borwia pada Senin.\n\n"
     "Presiden mengatakan kunjungan itu akan memperkuat hubungan kedua negara.", "Tomas Lind"),
    ("Presiden Arvania Tomas Lind tiba di Borwia pada Senin.\n\n"
     "Kendati demikian, Presiden menegaskan kunjungan itu bukan kunjungan kenegaraan.", "Tomas Lind"),
    # a role ending in a demonstrative points back at the last person, not at the organization in it
    ("Direktur Yayasan Pelita Budi Santoso hadir di acara itu. Ketua Yayasan Pelita itu mengatakan "
     "program beasiswa akan diperluas tahun depan.", "Budi Santoso"),
    # "Mereka" after an organization spoke (as the agent of a passive)
    ("Pernyataan itu dibantah oleh Lembaga Pangan Dunia. Mereka menyatakan tidak ada rencana untuk "
     "menaikkan harga gandum tahun ini.", "Lembaga Pangan Dunia"),
])
def test_a_subject_that_names_nobody_points_back(text, speaker):
    assert only_speaker(text, "indirect") == (speaker, None)


def test_a_role_after_a_direct_quote_is_the_person_named_with_it():
    text = ("Kepala Seksi Intelijen Kejaksaan Negeri Lembah Hijau Joko Prasetyo hadir di sana.\n\n"
            "\"Tersangka ditahan selama dua puluh hari ke depan,\" kata Kepala Seksi Intelijen, Senin.")
    assert only_speaker(text, "direct") == ("Joko Prasetyo", None)


def test_a_role_never_named_stays_a_description():
    text = "Presiden mengatakan kunjungan itu akan memperkuat hubungan kedua negara."
    assert only_speaker(text) == (None, "Presiden")


def test_people_stay_descriptions_for_mereka_when_no_organization_spoke():
    text = "Para warga mendatangi balai desa. Mereka mengatakan air bersih sudah tiga hari tidak mengalir."
    assert only_speaker(text) == (None, "Mereka")


def test_a_generic_company_noun_is_the_company_that_spoke():
    text = ("Pesawat itu tengah bersiap untuk uji terbang, kata PT Kencana Jaya dalam sebuah unggahan. "
            "Perusahaan mengaitkan kecelakaan itu dengan cuaca buruk, dan mengatakan semua awak selamat.")
    assert ("semua awak selamat", "PT Kencana Jaya", None) in speakers(text, "indirect")


@pytest.mark.parametrize("text", [
    "Presiden Arvania Tomas Lind menolak tawaran Budi Santoso untuk menengahi konflik itu, dengan mengatakan "
    "Borwia harus menyelesaikan masalahnya sendiri.",
    "Presiden Arvania Tomas Lind telah memicu spekulasi tentang kemungkinan Borwia bergabung dalam perang, "
    "dengan mengatakan bahwa kesabarannya telah habis.",
])
def test_dengan_and_a_verb_is_the_main_clause_subject(text):
    assert only_speaker(text) == ("Tomas Lind", None)


@pytest.mark.parametrize("text", [
    # the person talked about in between ("X disebut akan ...") is no antecedent of "jelasnya"
    "Budi Santoso mengatakan pemerintah sedang menyiapkan tim khusus. Tomas Lind disebut akan menerbitkan "
    "keputusan sebagai dasar hukumnya.\n\n\"Sekarang sedang dikerjakan dari kantor saya,\" jelasnya.",
    # nor the one who was asked ("saat dihubungi X")
    "Budi Santoso hadir di rapat itu. \"Harga cabai naik karena hujan deras,\" katanya saat dihubungi "
    "Harian Kota, Senin.\n\nDia menegaskan pemerintah harus segera turun tangan untuk menstabilkan harga.",
])
def test_a_pronoun_goes_to_the_last_one_who_spoke(text):
    assert {name for _, name, _ in speakers(text)} == {"Budi Santoso"}


def test_a_bracketed_age_keeps_the_person_as_subject():
    text = ("Sementara itu, seorang warga Borwia yang besar di Belanda bernama Joko Prasetyo (68), mengatakan "
            "ia ikut berdemo karena khawatir akan masa depan anaknya.")
    assert only_speaker(text) == ("Joko Prasetyo", None)


@pytest.mark.parametrize("sep", [" ", ""])  # the space after the full stop lost in scraping, too
def test_a_described_speaker_with_a_relative_clause_and_itu_points_back(sep):
    text = ("Salah satunya, Sari Dewi, perempuan berusia 22 tahun ini kerap mengikuti acara serupa. "
            f"\"Jadi kami memang disewa untuk memeriahkan acara itu,\" ujar wanita yang tinggal di Borwia itu.{sep}"
            "Ia mengaku senang.")
    assert only_speaker(text, "direct") == ("Sari Dewi", None)


def test_an_indefinite_description_with_a_relative_clause_stays_a_description():
    text = ("Budi Santoso membuka rapat itu. \"Kami belum menerima laporan apa pun,\" kata seorang pejabat "
            "yang hadir di rapat itu.")
    name, desc = only_speaker(text, "direct")
    assert name is None and desc.startswith("seorang pejabat")


def test_a_partial_quote_as_a_verbs_object_is_its_subjects():
    text = ("\"Kami tidak akan pernah menyerah pada tekanan dari luar,\" kata Budi Santoso.\n\n"
            "Pidato itu disampaikan sehari setelah konflik dimulai, Tomas Lind menuntut \"penyerahan tanpa "
            "syarat\" Borwia sambil membanggakan kekuatan negaranya.")
    assert [name for _, name, _ in speakers(text, "direct")] == ["Budi Santoso", "Tomas Lind"]


def test_ujar_dia_goes_to_the_analyst_who_spoke_not_to_the_president_named_as_an_object():
    text = ("Analis Bank Laut Dedi Kurnia menuturkan, kondisi pasar diharapkan mereda ke depan. Hal ini seiring "
            "Arvania dilaporkan meminta beberapa negara untuk mendesak Presiden Borwia (BW) Tomas Lind agar segera "
            "melakukan gencatan senjata.\n\n"
            "\"Ketegangan ini berpotensi memicu lonjakan harga energi global,\" ujar dia dalam catatannya.")
    assert only_speaker(text, "direct") == ("Dedi Kurnia", None)


def test_menurut_names_a_source_a_clitic_can_point_back_at():
    text = "Menurut Budi Santoso, harga beras akan turun bulan depan. \"Stok di gudang masih cukup,\" ujarnya."
    assert only_speaker(text, "direct") == ("Budi Santoso", None)


def test_the_agent_of_a_passive_attribution_is_who_a_later_dia_points_back_at():
    text = ("Lembaga itu memastikan pungutan baru belum akan diberlakukan. Hal ini diungkapkan oleh Direktur "
            "Jenderal Pajak Budi Santoso.\n\nDia mengatakan, berdasarkan arahan dari Menteri Keuangan (Menkeu) "
            "Tomas Lind pungutan itu ditunda sampai tahun depan.\n\n"
            "\"Di aturan yang kita desain, penunjukan platform untuk memungut pajak itu ditunda,\" kata dia.")
    assert only_speaker(text, "direct") == ("Budi Santoso", None)


def test_a_role_with_another_qualifier_is_not_the_person_with_the_bare_role():
    text = ("Ketua Budi Santoso tidak hadir.\n\n"
            "\"Menjatuhkan sanksi peringatan keras kepada anggota itu,\" kata Ketua Dewan Kehormatan dalam sidang.")
    assert only_speaker(text, "direct")[0] != "Budi Santoso"


def test_a_role_glued_to_the_next_word_still_names_its_holder():
    text = ("Kepala Seksi IntelijenKejaksaan Negeri Lembah Hijau Joko Prasetyo hadir di sana.\n\n"
            "\"Tersangka ditahan selama dua puluh hari ke depan,\" kata Kepala Seksi Intelijen, Senin.")
    assert only_speaker(text, "direct") == ("Joko Prasetyo", None)


def test_a_name_inside_the_role_after_selaku_is_not_the_speaker():
    text = ("Dilansir dari Harian Kota, Senin, Budi Santoso selaku pemilik dealer Dedi Kurnia Motor di Borwia "
            "mengatakan, mobil sport merupakan kendaraan dengan biaya perawatan termahal.")
    assert only_speaker(text) == ("Budi Santoso", None)


def test_the_name_after_a_titled_organization_read_as_a_person_speaks():
    names = {**NAMES, "Riset Nusa": "PER"}  # the tagger read an organization as a person
    res = analyse_text("\"Risiko pelemahan rupiah masih terjadi karena spekulasi,\" ujar Direktur Riset Nusa, "
                       "Sari Dewi kepada wartawan.", names)
    [q] = res.quotes
    assert res.mentions[q.speaker].text == "Sari Dewi"


def test_a_person_after_berdasarkan_is_no_antecedent():
    text = ("\"Tersangka ditahan saat penyerahan barang bukti,\" kata Budi Santoso.\n\n"
            "Penahanan ini berdasarkan Nota Pendapat Jaksa Dedi Kurnia tanggal 20 Mei.\n\n"
            "\"Ditahan dalam perkara dugaan korupsi pembangunan hotel,\" katanya.")
    assert [name for _, name, _ in speakers(text, "direct")] == ["Budi Santoso", "Budi Santoso"]


def test_the_name_after_a_role_holding_a_country_and_an_organization_read_as_a_person_speaks():
    names = {**NAMES, "Nusa Group": "PER"}
    res = analyse_text("\"Ini bukan sekadar penghargaan bagi kami semua,\" ujar CEO Arvania Nusa Group, Sari Dewi.",
                       names)
    [q] = res.quotes
    assert res.mentions[q.speaker].text == "Sari Dewi"


def test_a_clitic_continues_the_source_of_the_quote_before_when_it_is_no_person():
    text = ("Dewan itu menjatuhkan sanksi kepada Budi Santoso.\n\n"
            "\"Menjatuhkan sanksi peringatan keras kepada Teradu I,\" kata seorang pejabat senior dewan itu.\n\n"
            "\"Menjatuhkan sanksi peringatan keras kepada Teradu II,\" sambungnya.")
    assert [(name, desc) for _, name, desc in speakers(text, "direct")] == \
        [(None, "seorang pejabat senior dewan itu")] * 2


def test_a_cue_with_its_speaker_left_out_points_back():
    text = ("Gubernur Bank Laut Budi Santoso mengatakan bahwa bank itu menurunkan suku bunga.\n\n"
            "\"Banyak pertanyaan bagaimana arah kebijakan suku bunga ke depan,\" kata dalam konferensi pers di "
            "Jakarta, Senin.\n\n"
            "\"Tentu saja besar dan waktunya akan kami ukur,\" tambahnya.")
    assert [name for _, name, _ in speakers(text, "direct")] == ["Budi Santoso", "Budi Santoso"]


@pytest.mark.parametrize("named,role", [
    ("Menteri Luar Negeri Arvania Tomas Lind", "Menlu"),
    ("Kasi Intel Kejaksaan Negeri Lembah Hijau Joko Prasetyo", "Kasintel"),
    ("Menlu Arvania Tomas Lind", "Menteri Luar Negeri"),
])
def test_a_short_title_and_its_spelt_out_form_name_one_holder(named, role):
    text = (f"{named} tiba di Borwia pada Senin.\n\n"
            f"\"Tersangka dan saksi akan diperiksa pekan depan,\" kata {role}.")
    expected = named.split()[-2] + " " + named.split()[-1]
    assert only_speaker(text, "direct") == (expected, None)


@pytest.mark.parametrize("text,desc", [
    ("Namun, para kritikus memperingatkan bahwa beberapa langkah pemerintah itu melanggar konstitusi.",
     "para kritikus"),
    ("Di Taman Kota, seorang petugas polisi yang berjaga juga mengatakan bahwa aksi itu berjalan damai.",
     "seorang petugas polisi yang berjaga"),
    ("Penyelenggara dan pengunjuk rasa yang turun ke jalan menegaskan bahwa aksi itu akan terus berlanjut.",
     "Penyelenggara dan pengunjuk rasa yang turun ke jalan"),
])
def test_a_description_leaves_out_what_frames_the_clause(text, desc):
    assert only_speaker(text) == (None, desc)


@pytest.mark.parametrize("main,speaker", [
    ("Rina Wulandari", "Rina Wulandari"),  # the main clause names its subject
    ("anggota dewan itu", "Budi Santoso"),  # or points back at the one who spoke
])
def test_a_fronted_meskipun_clause_takes_the_main_clause_subject(main, speaker):
    text = ("\"Kita perlu melihat ke depan,\" ujar Budi Santoso. Meskipun mengaku tak begitu paham dengan "
            f"permasalahannya, {main} menilai aneh kasus tersebut.")
    assert only_speaker(text, "indirect") == (speaker, None)


@pytest.mark.parametrize("glue", [" ", ""])
def test_glued_words_before_a_name_are_read_apart(glue):
    text = ("\"Tersangka ditahan saat penyerahan barang bukti,\" kata Budi Santoso.\n\n"
            f"Penahanan ini berdasarkan{glue}Nota Pendapat Jaksa Dedi Kurnia tanggal 20 Mei.\n\n"
            "\"Ditahan dalam perkara dugaan korupsi pembangunan hotel,\" katanya.")
    assert [name for _, name, _ in speakers(text, "direct")] == ["Budi Santoso", "Budi Santoso"]


def test_a_short_title_names_the_holder_of_a_glued_role():
    text = ("Kasi IntelKejaksaan Negeri Lembah Hijau Joko Prasetyo hadir di sana.\n\n"
            "\"Tersangka dan saksi akan diperiksa pekan depan,\" kata Kasintel.")
    assert only_speaker(text, "direct") == ("Joko Prasetyo", None)


@pytest.mark.parametrize("text,speaker", [
    ("Menurut Budi Santoso dan Rina Wulandari, pemerintah akan menaikkan harga bahan bakar pekan depan.",
     "Budi Santoso"),
    ("\"Pemerintah akan menaikkan harga bahan bakar pekan depan,\" kata Budi Santoso dan Rina Wulandari.",
     "Budi Santoso"),
    ("Partai Maju dan Partai Hijau mendesak pemerintah untuk menunda kenaikan harga bahan bakar.", "Partai Maju"),
    ("Menurut laporan surat kabar Harian Kota, pemerintah akan menaikkan harga bahan bakar pekan depan.",
     "Harian Kota"),
])
def test_joint_sources_and_reports_by_an_outlet_give_the_first_named(text, speaker):
    assert only_speaker(text) == (speaker, None)

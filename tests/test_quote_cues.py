"""Cues of reported speech: reporting verbs and their frames, headlines, source credits and
postposed attributions (invented sentences and names)."""
import pytest

from conftest import analyse_text

NAMES = {"Budi Santoso": "PER", "Budi": "PER", "Siti Rahma": "PER", "Siti": "PER", "Arvania": "LOC",
         "Warta Timur": "ORG", "Harian Kota": "ORG", "Serikat Tani": "ORG", "Andi Wijaya": "PER", "Andi": "PER"}


def indirect(text, names=NAMES):
    res = analyse_text(text, names)
    name = lambda i: None if i is None else res.mentions[i].text  # noqa: E731
    return [(q.text, name(q.speaker)) for q in res.quotes if q.kind == "indirect"]


@pytest.mark.parametrize("text,expected", [
    ("Budi Santoso menggarisbawahi bahwa jalan desa harus selesai tahun ini.",
     [("jalan desa harus selesai tahun ini", "Budi Santoso")]),
    ("Siti Rahma menginformasikan bahwa pendaftaran dibuka sampai akhir bulan.",
     [("pendaftaran dibuka sampai akhir bulan", "Siti Rahma")]),
    ("Andi Wijaya pernah berujar bahwa ia ingin melatih tim muda desa itu.",
     [("ia ingin melatih tim muda desa itu", "Andi Wijaya")]),
    # [vp]: a predicate without a subject of its own is content
    ("Budi bertekad membawa timnya lolos ke final tahun depan.",
     [("membawa timnya lolos ke final tahun depan", "Budi")]),
    # [request]: what is asked, from the addressee on; after "kepada Y", from the purpose word on
    ("Serikat Tani menuntut pemerintah menaikkan harga gabah tahun ini.",
     [("pemerintah menaikkan harga gabah tahun ini", "Serikat Tani")]),
    ("Budi Santoso mengusulkan kepada Siti Rahma untuk membangun jalan baru di desa itu.",
     [("Siti Rahma untuk membangun jalan baru di desa itu", "Budi Santoso")]),  # no "agar": the addressee stays
    ("Budi Santoso meminta kepada pemerintah daerah agar harga pupuk segera diturunkan.",
     [("harga pupuk segera diturunkan", "Budi Santoso")]),
    # an adjective, not a report
    ("Tim itu meraih prestasi yang membanggakan bagi seluruh warga desa.", []),
])
def test_reporting_verbs(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Budi melihat harga beras masih akan naik bulan depan.",
     [("harga beras masih akan naik bulan depan", "Budi")]),
    ("Budi Santoso melihat perlu ada aturan baru untuk pedagang kaki lima.",
     [("perlu ada aturan baru untuk pedagang kaki lima", "Budi Santoso")]),
    # seeing, not a view: an action seen, a subject that is no named source, a topic
    ("Budi melihat pelaku membawa pisau ke dalam rumah itu.", []),
    ("Warga melihat asap hitam masih mengepul dari gudang itu.", []),
    ("Budi melihat langsung kondisi jalan yang rusak parah.", []),
    ("Budi Santoso melihat masalah penyebab tidak maksimalnya panen di desa itu.", []),
    ("Namun di sisi lain, Budi melihat dalam berbagai praktik baik ada inovasi.", []),
])
def test_view_verb_only_with_a_view_and_a_named_source(text, expected):
    assert indirect(text) == expected


def test_a_view_verb_without_a_subject_does_not_cut_the_content_it_stands_in():
    text = "Namun menurut Budi, melihat hasil imbang melawan tim tamu, pelatih itu masih harus mencari pemain baru."
    assert indirect(text) == [("melihat hasil imbang melawan tim tamu, pelatih itu masih harus mencari pemain baru",
                               "Budi")]


@pytest.mark.parametrize("text,expected", [
    # a credit opening narration: the credited source speaks it, past a time adverbial
    ("Dilansir Warta Timur, Senin (3/2/2025), harga beras di Arvania naik empat persen.",
     [("harga beras di Arvania naik empat persen", "Warta Timur")]),
    ("Dikutip dari laman Harian Kota, masih banyak perbedaan pandangan tentang rencana itu.",
     [("masih banyak perbedaan pandangan tentang rencana itu", "Harian Kota")]),
    ("Seperti dilansir Warta Timur pada Kamis malam, pasokan listrik di kota itu sudah pulih.",
     [("pasokan listrik di kota itu sudah pulih", "Warta Timur")]),
    # words and a title between the credit and the name
    ("Mengutip pernyataan Menteri Keuangan Siti Rahma, anggaran desa akan naik tahun depan.",
     [("anggaran desa akan naik tahun depan", "Siti Rahma")]),
    # a date right after the comma, with no comma of its own, is no content
    ("Mengutip Warta Timur, Jumat (13/6/2025) perusahaan itu tengah bersiap mengajukan izin baru.",
     [("perusahaan itu tengah bersiap mengajukan izin baru", "Warta Timur")]),
    ("Mengutip data Warta Timur, ditulis Jumat (20/6/2025), harga gabah turun dua persen.",
     [("harga gabah turun dua persen", "Warta Timur")]),
    ("Mengutip Warta Timur, 12 orang tewas dalam banjir di desa itu.",
     [("12 orang tewas dalam banjir di desa itu", "Warta Timur")]),
    # joint credits: the first named (convention 18)
    ("Dilansir Warta Timur, Harian Kota, dan Serikat Tani, Minggu (19/10/2025), ada tiga tuntutan utama massa.",
     [("ada tiga tuntutan utama massa", "Warta Timur")]),
    # interrupting and closing credits: one quote per piece
    ("Pangkalan udara di pulau itu, seperti dilansir Warta Timur, Rabu (18/6/2025), "
     "merupakan fasilitas utama di kawasan.",
     [("Pangkalan udara di pulau itu", "Warta Timur"), ("merupakan fasilitas utama di kawasan", "Warta Timur")]),
    ("Harga beras di Arvania naik empat persen bulan ini, seperti dilansir Warta Timur.",
     [("Harga beras di Arvania naik empat persen bulan ini", "Warta Timur")]),
    # the sentence has a speaker of its own (convention 19): the credit adds nothing
    ("Dilansir Warta Timur, Budi Santoso mengatakan harga beras akan naik bulan depan.",
     [("harga beras akan naik bulan depan", "Budi Santoso")]),
    # ... also after the credited narration: the narration ends at the comma before that report
    ("Dilansir Warta Timur, Rabu (18/6/2025), rapat itu digelar enam hari setelah banjir surut, "
     "Budi menuntut pengunduran diri kepala dinas.",
     [("rapat itu digelar enam hari setelah banjir surut", "Warta Timur")]),
    # a passive attribution after the credit names the sayer
    ("Dukungan Arvania untuk rencana itu, seperti dilansir Warta Timur, Rabu (18/6/2025), disampaikan oleh "
     "Budi Santoso di Jakarta.",
     [("Dukungan Arvania untuk rencana itu", "Budi Santoso")]),
    # no named source, or a direct quote's attribution: no quote
    ("Dilansir dari data resmi, harga beras naik empat persen bulan ini.", []),
    ("“Kami siap menghadapi musim tanam tahun ini,” kata Budi, seperti dilansir Warta Timur, Senin (16/6).", []),
    ("“Kami tidak perlu mobil baru,” kata Budi, seperti dilansir Warta Timur, Jakarta, Rabu (28/5).", []),
    # narration credited after it: from "bahwa" on
    ("Para peneliti menemukan bahwa kerak itu terbentuk akibat polusi udara, seperti dikutip dari Warta Timur.",
     [("kerak itu terbentuk akibat polusi udara", "Warta Timur")]),
])
def test_source_credits(text, expected):
    assert indirect(text) == expected


def test_a_credit_after_a_postposed_report_is_no_content():
    text = "Gudang itu disiapkan untuk menghadapi banjir, Harian Kota melaporkan, mengutip pejabat setempat."
    assert indirect(text) == [("Gudang itu disiapkan untuk menghadapi banjir", "Harian Kota")]


@pytest.mark.parametrize("text,expected", [
    # the source after the last comma piece, before the colon
    ("Menteri Tunda Rapat, Serikat Tani: Kami Tak Pernah Diberi Kabar\n\nJAKARTA - Serikat Tani menggelar rapat.",
     [("Kami Tak Pernah Diberi Kabar", "Serikat Tani")]),
    # a decimal comma is no piece boundary
    ("Budi Santoso Sebut Jalan Desa Butuh Rp 2,7 Miliar\n\nBANDUNG - Budi Santoso hadir di desa.",
     [("Jalan Desa Butuh Rp 2,7 Miliar", "Budi Santoso")]),
    # a source named by its role: the person the body names with it
    ("Gubernur Arvania Usulkan Kawasan Ekonomi Khusus di Perbatasan\n\n"
     "Gubernur Arvania Budi Santoso mengunjungi perbatasan pada Senin.",
     [("Kawasan Ekonomi Khusus di Perbatasan", "Budi Santoso")]),
    ("Di Forum Iklim, Gubernur Desak Kemudahan Akses Dana bagi Desa\n\n"
     "Hal itu disampaikan Budi Santoso dalam forum itu.",
     [("Kemudahan Akses Dana bagi Desa", "Budi Santoso")]),
    # the verb of a second piece goes on with the first piece's subject
    ("Serikat Tani Kecam Kenaikan Harga Pupuk, Wanti-wanti Pemerintah Tak Abaikan Petani\n\nSerikat Tani rapat.",
     [("Pemerintah Tak Abaikan Petani", "Serikat Tani")]),
    # a speech noun before the source
    ("Tekad Budi Bawa Timnya Lolos ke Final Musim Depan\n\nBudi Santoso diperkenalkan sebagai pelatih baru.",
     [("Bawa Timnya Lolos ke Final Musim Depan", "Budi")]),
    # "X Peringatkan Y: ..." is X's claim; "X Ungkap A: B" is all the verb's claim
    ("Budi Peringatkan Siti Rahma: Harga Pupuk Tak Boleh Naik\n\nBudi Santoso menemui Siti Rahma.",
     [("Harga Pupuk Tak Boleh Naik", "Budi")]),
    ("Budi Ungkap Alasan Tunda Rapat Desa: Permintaan Warga\n\nBudi Santoso hadir.",
     [("Alasan Tunda Rapat Desa: Permintaan Warga", "Budi")]),
    # a person opening a longer lead before the colon
    ("Budi Santoso Terima Kasih ke Siti Rahma atas Dukungan: Sahabat Baik Petani\n\nBudi Santoso hadir.",
     [("Sahabat Baik Petani", "Budi Santoso")]),
    # no source: a section label
    ("Kabar Pagi: Harga Beras Naik Lagi Pekan Ini\n\nBANDUNG - Harga beras naik.", []),
])
def test_headlines(text, expected):
    assert indirect(text) == expected


def test_a_round_up_sub_headline_is_read_as_a_headline():
    text = ("Lima Berita Terpopuler Hari Ini\n\nBerita pertama hari ini.\n\n"
            "- Gubernur Arvania: Harga Beras Akan Turun Bulan Depan\n\n"
            "Gubernur Arvania Budi Santoso hadir di Jakarta.")
    assert indirect(text) == [("Harga Beras Akan Turun Bulan Depan", "Budi Santoso")]


def test_an_interrupting_credit_before_bahwa_leaves_the_content_to_the_verb():
    text = ("Budi Santoso menuturkan kepada televisi setempat, seperti dilansir Warta Timur, Jumat (20/6/2025), "
            "bahwa sedikitnya lima gudang rusak.")
    assert indirect(text) == [("sedikitnya lima gudang rusak", "Budi Santoso")]


@pytest.mark.parametrize("text,expected", [
    # an attribution after the content: "demikian" + a statement noun or a source
    ("Sekolah itu akan ditutup sementara mulai pekan depan, demikian keterangan tertulis Serikat Tani.",
     [("Sekolah itu akan ditutup sementara mulai pekan depan", "Serikat Tani")]),
    ("Gudang itu rusak berat akibat banjir, demikian disampaikan Budi Santoso kepada wartawan.",
     [("Gudang itu rusak berat akibat banjir", "Budi Santoso")]),
    ("Harga beras naik, demikian pula harga gula di pasar itu.", []),
    # a passive reporting verb with its sayer, then "bahwa"
    ("Hal itu diungkapkan Budi Santoso bahwa gudang itu rusak berat akibat banjir.",
     [("gudang itu rusak berat akibat banjir", "Budi Santoso")]),
    # ... and without a sayer it is no quote (convention 12)
    ("Dikatakan bahwa gudang itu rusak berat akibat banjir.", []),
    ("Disebutkan juga bahwa gudang itu rusak berat akibat banjir.", []),
    ("Dalam laporan itu disebutkan bahwa gudang itu rusak berat akibat banjir.", []),
])
def test_postposed_and_passive_attributions(text, expected):
    assert indirect(text) == expected


def test_a_described_sayer_of_a_postposed_or_passive_attribution():
    res = analyse_text("Anti-kekerasan adalah prinsip inti gerakan itu, demikian pernyataan kelompok tersebut di "
                       "situs webnya.\n\nHanya dituturkan oleh kepala dinas pertanian bahwa gudang itu rusak berat.",
                       NAMES)
    assert [(q.text, q.speaker, q.speaker_desc) for q in res.quotes] == [
        ("Anti-kekerasan adalah prinsip inti gerakan itu", None, "kelompok tersebut"),
        ("gudang itu rusak berat", None, "kepala dinas pertanian")]


@pytest.mark.parametrize("text,expected", [
    # a warning's content after its addressee and "agar"
    ("Serikat Tani memperingatkan pemerintah dan para pedagang agar tidak menaikkan harga pupuk.",
     [("tidak menaikkan harga pupuk", "Serikat Tani")]),
    # not after other verbs: "agar" there gives the purpose of the speaker's act
    ("Budi Santoso menjelaskan program itu agar warga desa paham.", []),
])
def test_warnings_with_an_addressee(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a report by an outlet goes to the outlet (conventions 18-19)
    ("Menurut laporan surat kabar Harian Kota, pasokan beras di gudang itu tinggal separuh.",
     [("pasokan beras di gudang itu tinggal separuh", "Harian Kota")]),
    ("Laporan surat kabar Warta Timur menyebutkan bahwa pasokan beras di gudang itu sudah menipis.",
     [("pasokan beras di gudang itu sudah menipis", "Warta Timur")]),
    ("Warta Timur: Pasokan Beras di Gudang Tinggal Separuh\n\nWarta Timur melaporkan hal itu pada Senin.",
     [("Pasokan Beras di Gudang Tinggal Separuh", "Warta Timur")]),
])
def test_reports_by_an_outlet(text, expected):
    assert indirect(text) == expected


def test_a_sub_headline_closing_its_story_finds_the_role_holder_named_before_it():
    text = ("Lima Berita Terpopuler Hari Ini\n\nGubernur Arvania Budi Santoso meninjau gudang beras.\n\n"
            "- Gubernur Arvania: Harga Beras Akan Turun Bulan Depan")
    assert indirect(text) == [("Harga Beras Akan Turun Bulan Depan", "Budi Santoso")]


@pytest.mark.parametrize("text,expected", [
    # a topic or an addressee after the source, before the colon
    ("Budi Santoso ke Kepala Desa: Jalan Harus Selesai Tahun Ini\n\nBudi Santoso hadir di desa.",
     [("Jalan Harus Selesai Tahun Ini", "Budi Santoso")]),
    ("Siti Rahma soal Banjir: Warga Harus Siap Mengungsi\n\nSiti Rahma hadir di desa.",
     [("Warga Harus Siap Mengungsi", "Siti Rahma")]),
    # a name joined to another in a title or a match is no source
    ("Budi Santoso dan Ekonomi Kita: Sebuah Catatan Akhir Tahun\n\nBudi Santoso hadir.", []),
    ("Budi Santoso vs Andi Wijaya di Final Tunggal Putra: Laga Berjalan Sengit\n\nBudi Santoso hadir.", []),
])
def test_headline_sources_before_a_colon(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,speaker", [
    ("“Kami akan memeriksa semua laporan warga dengan teliti,” bunyi pernyataan Serikat Tani.", "Serikat Tani"),
    ("“Kami akan memeriksa semua laporan warga dengan teliti,” demikian keterangan tertulis Serikat Tani.",
     "Serikat Tani"),
    ("“Kami akan memeriksa semua laporan warga dengan teliti,” bunyi pernyataan itu.", None),
])
def test_a_statement_after_a_direct_quote_names_its_speaker(text, speaker):
    res = analyse_text(text, NAMES)
    [q] = res.quotes
    assert (None if q.speaker is None else res.mentions[q.speaker].text) == speaker and q.speaker_desc is None


def test_a_date_after_a_credited_attribution_is_no_content():
    text = ("Menteri Pertahanan Budi Santoso, menurut para pejabat seperti dilansir Warta Timur, Rabu (18/6/2025), "
            "memberikan sejumlah opsi militer kepada presiden.")
    assert [t for t, _ in indirect(text)] == ["memberikan sejumlah opsi militer kepada presiden"]


def test_a_role_source_is_not_the_person_named_in_the_headline_claim():
    text = ("Gubernur Sebut Budi Santoso Layak Jadi Teladan Warga Desa\n\n"
            "Gubernur Arvania menyebut Budi Santoso layak menjadi teladan warga.")
    assert indirect(text)[0] == ("Budi Santoso Layak Jadi Teladan Warga Desa", None)


@pytest.mark.parametrize("text,expected", [
    # a headline verb misread as "kata" ("A, Klaim B") gives way to the headline's claim
    ("Serikat Tani Serang Kebijakan Pupuk, Klaim Harga Gabah Terus Turun Sejak Januari\n\nSerikat Tani rapat.",
     [("Harga Gabah Terus Turun Sejak Januari", "Serikat Tani")]),
    ("Pemimpin Tertinggi Arvania Tolak Seruan Siti Rahma, Sebut Harga Gabah Akan Naik\n\nSiti Rahma hadir.", []),
    # a name after a preposition is no subject of the headline verb
    ("Petani Demo di Kementerian Keuangan Minta Harga Pupuk Segera Diturunkan\n\n"
     "Petani berdemo di depan Kementerian Keuangan.", []),
])
def test_headline_verbs_and_their_subjects(text, expected):
    assert indirect(text) == expected

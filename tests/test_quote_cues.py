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
     [("membangun jalan baru di desa itu", "Budi Santoso")]),
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
])
def test_view_verb_only_with_a_view_and_a_named_source(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a credit opening narration: the credited source speaks it, past a time adverbial
    ("Dilansir Warta Timur, Senin (3/2/2025), harga beras di Arvania naik empat persen.",
     [("harga beras di Arvania naik empat persen", "Warta Timur")]),
    ("Dikutip dari laman Harian Kota, masih banyak perbedaan pandangan tentang rencana itu.",
     [("masih banyak perbedaan pandangan tentang rencana itu", "Harian Kota")]),
    ("Seperti dilansir Warta Timur pada Kamis malam, pasokan listrik di kota itu sudah pulih.",
     [("pasokan listrik di kota itu sudah pulih", "Warta Timur")]),
    # joint credits: the first named (convention 18)
    ("Dilansir Warta Timur, Harian Kota, dan Serikat Tani, Minggu (19/10/2025), ada tiga tuntutan utama massa.",
     [("ada tiga tuntutan utama massa", "Warta Timur")]),
    # interrupting and closing credits: one quote per piece
    ("Pangkalan udara di pulau itu, seperti dilansir Warta Timur, Rabu (18/6/2025), merupakan fasilitas utama di kawasan.",
     [("Pangkalan udara di pulau itu", "Warta Timur"), ("merupakan fasilitas utama di kawasan", "Warta Timur")]),
    ("Harga beras di Arvania naik empat persen bulan ini, seperti dilansir Warta Timur.",
     [("Harga beras di Arvania naik empat persen bulan ini", "Warta Timur")]),
    # the sentence has a speaker of its own (convention 19): the credit adds nothing
    ("Dilansir Warta Timur, Budi Santoso mengatakan harga beras akan naik bulan depan.",
     [("harga beras akan naik bulan depan", "Budi Santoso")]),
    ("Kepala dinas itu menuturkan kepada wartawan, seperti dilansir Warta Timur, Jumat (20/6), bahwa lima gudang rusak.",
     []),
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
])
def test_source_credits(text, expected):
    assert indirect(text) == expected


def test_a_credit_after_a_postposed_report_is_no_content():
    text = "Gudang itu disiapkan untuk menghadapi banjir, Harian Kota melaporkan, mengutip pejabat setempat."
    assert indirect(text) == [("Gudang itu disiapkan untuk menghadapi banjir", "Harian Kota")]

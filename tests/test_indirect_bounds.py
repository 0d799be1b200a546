"""Indirect quotes: where the reported content starts and ends, and which clause shapes count.
Invented sentences and names."""
import pytest

from conftest import analyse_text

NAMES = {"Budi Santoso": "PER", "Budi": "PER", "Siti Rahma": "PER", "Siti": "PER", "Dewi Lestari": "PER",
         "Kelompok Tani Makmur": "ORG", "Kabar Kita": "ORG", "Kementerian Pangan": "ORG", "Bandung": "LOC"}


def indirect(text, names=NAMES):
    res = analyse_text(text, names)
    name = (lambda i: None if i is None else res.mentions[i].text)
    return [(q.text, name(q.speaker)) for q in res.quotes if q.kind == "indirect"]


@pytest.mark.parametrize("text,expected", [
    # the content ends where a direct quote opens after a comma; the cue after it attributes the direct quote
    ('Direktur Budi Santoso menyampaikan bahwa laba perusahaan naik tajam tahun ini, "Kondisi keuangan '
     'kami sangat baik sehingga dividen bisa dibagikan," kata Budi.',
     [("laba perusahaan naik tajam tahun ini", "Budi Santoso")]),
    # ... but a partial quote that goes on with the clause stays in it (convention 13)
    ('Budi Santoso menjawab bahwa sanksi apa pun, sekarang atau nanti, “dapat merusak hubungan kedua desa.”',
     [("sanksi apa pun, sekarang atau nanti, “dapat merusak hubungan kedua desa.”", "Budi Santoso")]),
    # a word in quotation marks before the cue is no direct quote: the clause is the content
    ("Harapan warga mengenai rapat hari Senin adalah “realistis,” kata Budi Santoso.",
     [("Harapan warga mengenai rapat hari Senin adalah “realistis", "Budi Santoso")]),
    # "dan bahwa" goes on with the content; a second content wholly in quotation marks is direct only
    ("Kementerian Pangan menyatakan bahwa anggaran desa sudah cair dan bahwa semua desa akan menerimanya bulan ini.",
     [("anggaran desa sudah cair dan bahwa semua desa akan menerimanya bulan ini", "Kementerian Pangan")]),
    ('Kementerian Pangan menyatakan bahwa anggaran desa sudah cair dan bahwa "semua desa akan menerimanya".',
     [("anggaran desa sudah cair", "Kementerian Pangan")]),
    # a trailing piece that says where or how it was said is no content
    ("Budi Santoso mengatakan harga beras akan turun, dalam wawancara pertamanya sejak Jumat (13/6/2025).",
     [("harga beras akan turun", "Budi Santoso")]),
    # ... but examples after "seperti" and a trailing clause of its own are content
    ("Budi Santoso memperkirakan ekonomi masih bisa tumbuh, meskipun ada tekanan, seperti adanya kenaikan harga minyak.",
     [("ekonomi masih bisa tumbuh, meskipun ada tekanan, seperti adanya kenaikan harga minyak", "Budi Santoso")]),
    ("Budi Santoso mengatakan harga beras akan turun, di mana stok gudang sudah menumpuk sejak bulan lalu.",
     [("harga beras akan turun, di mana stok gudang sudah menumpuk sejak bulan lalu", "Budi Santoso")]),
    # a second report with its own subject (titled, between commas) after a conjunction ends the first
    ("Budi Santoso menyerukan agar harga pupuk segera turun, tetapi Ketua Kelompok Tani Makmur, Siti Rahma, "
     "baru saja menyatakan bahwa stok pupuk masih aman.",
     [("harga pupuk segera turun", "Budi Santoso"), ("stok pupuk masih aman", "Siti Rahma")]),
])
def test_where_the_content_ends(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    # "bahwa" after the addressee, the place, a credit and a date
    ("Budi Santoso mengatakan kepada wartawan di halaman kantornya bahwa harga beras akan turun.",
     [("harga beras akan turun", "Budi Santoso")]),
    ("Budi Santoso menuturkan kepada televisi lokal, seperti dilansir Kabar Kita, Jumat (20/6/2025), bahwa "
     "sedikitnya tiga sekolah rusak akibat banjir.",
     [("sedikitnya tiga sekolah rusak akibat banjir", "Budi Santoso")]),
    # "bahwa" after a noun object is part of the content ("membantah tuduhan bahwa ...")
    ("Kementerian Pangan membantah tuduhan warga bahwa gudang itu sengaja dikosongkan.",
     [("tuduhan warga bahwa gudang itu sengaja dikosongkan", "Kementerian Pangan")]),
    # a "bahwa" further on, after a clause of the content's own, is no start of the content
    ("Budi Santoso mengatakan harga beras akan turun karena pemerintah menyatakan bahwa stok cukup.",
     [("harga beras akan turun karena pemerintah menyatakan bahwa stok cukup", "Budi Santoso")]),
    # the date after the attribution's comma is no content
    ("Budi Santoso, menurut para pejabat seperti dilansir Kabar Kita, Rabu (18/6/2025), memberikan sejumlah "
     "opsi kepada presiden.",
     [("memberikan sejumlah opsi kepada presiden", "Kabar Kita")]),
])
def test_where_the_content_starts(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a pronoun after "menurut"
    ("Budi Santoso tiba di Bandung. Menurut dia, harga beras akan turun bulan depan.",
     [("harga beras akan turun bulan depan", "Budi Santoso")]),
    # "A, menurut X, B": two pieces; a piece that only frames is none
    ("Tak hanya petani jadi sasaran, menurut Budi Santoso, pemerintah juga akan menertibkan pedagang besar.",
     [("Tak hanya petani jadi sasaran", "Budi Santoso"),
      ("pemerintah juga akan menertibkan pedagang besar", "Budi Santoso")]),
    ("Dalam rapat itu, menurut Budi Santoso, pemerintah juga akan menertibkan pedagang besar.",
     [("pemerintah juga akan menertibkan pedagang besar", "Budi Santoso")]),
    # "yang menurut mereka A, B": the relative clause A is what the sentence's subject says
    ("Kelompok Tani Makmur pada Jumat melancarkan protes yang menurut mereka menargetkan kebijakan pupuk "
     "pemerintah, memicu enam hari demonstrasi di kota itu.",
     [("menargetkan kebijakan pupuk pemerintah", "Kelompok Tani Makmur")]),
    # "Bagi X," opening a sentence reads as "menurut X"
    ("Namun yang terpenting bagi Budi Santoso, akses pendidikan gratis harus menjadi prioritas pemerintah.",
     [("akses pendidikan gratis harus menjadi prioritas pemerintah", "Budi Santoso")]),
    ("Bagi Kelompok Tani Makmur, kenaikan harga pupuk itu sudah tidak masuk akal.",
     [("kenaikan harga pupuk itu sudah tidak masuk akal", "Kelompok Tani Makmur")]),
    # ... only there, and only for a person or an organization
    ("Program ini penting bagi Budi Santoso, karena ia sudah lama menunggu bantuan.", []),
    ("Bagi Bandung, musim hujan tahun ini akan datang lebih awal.", []),
])
def test_menurut_and_bagi(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a request verb in a relative clause on a thing tells a cause
    ("Pemerintah melancarkan operasi pasar besar-besaran yang mendorong pedagang untuk menurunkan harga beras.", []),
    # an order is an act, not a report
    ("Kementerian Pangan memerintahkan petugas yang sudah bertugas tiga tahun untuk pindah ke kota lain.", []),
    # ... on a named person it is that person's request
    ("Warga menyambut Budi Santoso, yang mendesak pemerintah untuk menurunkan harga beras.",
     [("pemerintah untuk menurunkan harga beras", "Budi Santoso")]),
])
def test_requests(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a clause whose subject holds a list of nouns
    ("Dewi Lestari hadir. Dia menjelaskan potensi ekspor produk hewan, ikan, dan tumbuhan di daerah itu sangat besar.",
     [("potensi ekspor produk hewan, ikan, dan tumbuhan di daerah itu sangat besar", "Dewi Lestari")]),
    # a subject with a relative clause: past it, a modal, aspect word or copula heads the clause
    ("Budi Santoso hadir. Ia menerangkan sanksi yang dijatuhkan dinas itu sejauh ini berupa teguran tertulis.",
     [("sanksi yang dijatuhkan dinas itu sejauh ini berupa teguran tertulis", "Budi Santoso")]),
    ("Kelompok Tani Makmur berharap seluruh anggota yang sudah terdaftar untuk tidak mundur dari program.",
     [("seluruh anggota yang sudah terdaftar untuk tidak mundur dari program", "Kelompok Tani Makmur")]),
    # ... a topic noun phrase with a relative clause stays no quote
    ("Budi Santoso menjelaskan program yang dijalankan pemerintah desa.", []),
    ("Budi Santoso menjelaskan alasan yang membuat dia memilih mundur.", []),
    ("Siti Rahma mengungkap tekanan dari keluarganya yang memaksanya segera menjual sawah.", []),
    ("Budi Santoso menyoroti kawasan industri di Bandung yang mampu menciptakan pusat ekonomi baru.", []),
    # predicates without a verb prefix
    ("Kementerian Pangan melaporkan sedikitnya 24 rumah rusak akibat banjir.",
     [("sedikitnya 24 rumah rusak akibat banjir", "Kementerian Pangan")]),
    ("Siti Rahma yakin Budi punya kemampuan memimpin tim.", [("Budi punya kemampuan memimpin tim", "Siti Rahma")]),
    ("Budi Santoso memastikan stok beras aman hingga akhir tahun.",
     [("stok beras aman hingga akhir tahun", "Budi Santoso")]),
    ("Budi Santoso mengaku senang, karena acara itu diramaikan banyak anak muda.",
     [("senang, karena acara itu diramaikan banyak anak muda", "Budi Santoso")]),
    # "X sebagai Y" after a verb of view, also with a name set off by commas
    ("Budi Santoso menyebut hal ini sebagai kemajuan yang signifikan.",
     [("hal ini sebagai kemajuan yang signifikan", "Budi Santoso")]),
    ("Budi Santoso menyebut Ketua Kelompok Tani Makmur, Siti Rahma, sebagai penghambat rencana itu.",
     [("Ketua Kelompok Tani Makmur, Siti Rahma, sebagai penghambat rencana itu", "Budi Santoso")]),
    ("Budi Santoso menjelaskan perannya sebagai ketua koperasi.", []),
    # a relative clause that gives a name reports no view
    ("Kebun itu milik Kelompok Tani Makmur, yang menyebut dirinya sebagai pelopor pertanian organik.", []),
    # a predicate in quotation marks
    ('Budi Santoso menyebut ultimatum itu "tidak dapat diterima".',
     [('ultimatum itu "tidak dapat diterima"', "Budi Santoso")]),
    # a topic after a preposition
    ("Budi Santoso khawatir terhadap sebuah gudang di dekat rumahnya yang mungkin menjadi sasaran.", []),
])
def test_clause_shapes(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a warning or a request: after "agar" when it follows the addressee, from the addressee on with "untuk"
    ("Kelompok Tani Makmur memperingatkan Budi dan pihak lain agar tidak ikut campur dalam sengketa itu.",
     [("tidak ikut campur dalam sengketa itu", "Kelompok Tani Makmur")]),
    ("Siti Rahma mengingatkan para petani untuk segera mendaftar ulang.",
     [("para petani untuk segera mendaftar ulang", "Siti Rahma")]),
    ("Siti Rahma mengimbau warga agar menyimpan air bersih selama kemarau.",
     [("menyimpan air bersih selama kemarau", "Siti Rahma")]),
])
def test_warnings_and_requests(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a speech verb inside a relative clause of the content is nested in it
    ("Ekonom Budi Santoso dalam risetnya mengemukakan, kenaikan suku bunga ini sesuai estimasi, di mana riset "
     "Kelompok Tani Makmur memprediksi bank sentral akan menaikkan suku bunga.",
     [("kenaikan suku bunga ini sesuai estimasi, di mana riset Kelompok Tani Makmur memprediksi bank sentral "
       "akan menaikkan suku bunga", "Budi Santoso")]),
    # after the addressee's comma, a short adverbial may open the content
    ("Budi Santoso hadir. Dia mengatakan kepada saya, sejauh yang diketahui, tidak ada gudang senjata di dekat rumahnya.",
     [("sejauh yang diketahui, tidak ada gudang senjata di dekat rumahnya", "Budi Santoso")]),
    # a credit after the verb's comma is no content: the clause before the report is
    ("Harga beras akan naik bulan depan, Kabar Kita melaporkan, mengutip pejabat kementerian.",
     [("Harga beras akan naik bulan depan", "Kabar Kita")]),
    # a result clause with no subject of its own reports nothing
    ("Kerja sama itu menjadi fondasi kuat. Sehingga memastikan setiap produk mendukung bisnis pelanggan.", []),
])
def test_nested_and_framed(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    # when and where it was said, between the verb's comma and the content
    ("Budi Santoso mengatakan, saat ditemui di kantornya di Bandung, Senin (3/2/2025), pemerintah akan "
     "menambah stok beras.", [("pemerintah akan menambah stok beras", "Budi Santoso")]),
    ("Budi Santoso mengatakan, Senin (3/2/2025), pemerintah akan menambah stok beras.",
     [("pemerintah akan menambah stok beras", "Budi Santoso")]),
    # ... but a time adverbial of the content stays in it
    ("Budi Santoso mengatakan, dalam dua tahun ke depan, harga beras akan naik.",
     [("dalam dua tahun ke depan, harga beras akan naik", "Budi Santoso")]),
    # a date after the content, and a relative clause on the source of "menurut"
    ("Budi Santoso mengatakan pemerintah akan membangun bendungan baru di Bandung, Senin (3/2/2025).",
     [("pemerintah akan membangun bendungan baru di Bandung", "Budi Santoso")]),
    ("Menurut Budi Santoso, yang juga Ketua Kelompok Tani Makmur, harga pupuk harus turun tahun ini.",
     [("harga pupuk harus turun tahun ini", "Budi Santoso")]),
    # a name in apposition at the end is content
    ("Budi Santoso mengatakan gudang itu dibangun oleh perusahaan daerah, Kelompok Tani Makmur.",
     [("gudang itu dibangun oleh perusahaan daerah, Kelompok Tani Makmur", "Budi Santoso")]),
])
def test_setting_and_dates_around_the_content(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,expected", [
    # "kepada" before the addressee of a request
    ("Budi Santoso meminta kepada pemerintah agar segera memperbaiki jalan rusak di desanya.",
     [("segera memperbaiki jalan rusak di desanya", "Budi Santoso")]),
    ("Kementerian Pangan mengimbau kepada masyarakat untuk tidak panik membeli beras.",
     [("masyarakat untuk tidak panik membeli beras", "Kementerian Pangan")]),
    ("Budi Santoso meminta maaf kepada warga atas kejadian itu.", []),
    # a request noun before "agar"
    ("Budi Santoso menyampaikan harapannya agar pemerintah segera menurunkan harga pupuk.",
     [("pemerintah segera menurunkan harga pupuk", "Budi Santoso")]),
    # a day between the addressee's comma and the content
    ("Budi Santoso mengatakan kepada Kabar Kita, Senin, pemerintah akan menambah stok beras.",
     [("pemerintah akan menambah stok beras", "Budi Santoso")]),
    # ", dengan menyebut bahwa ...": the same source reports again
    ("Kabar Kita menyerukan kepada publik untuk menghapus aplikasi itu dari ponsel mereka, dengan menyebut "
     "bahwa aplikasi tersebut mengirim data pengguna ke luar negeri.",
     [("publik untuk menghapus aplikasi itu dari ponsel mereka", "Kabar Kita"),
      ("aplikasi tersebut mengirim data pengguna ke luar negeri", "Kabar Kita")]),
])
def test_requests_with_kepada(text, expected):
    assert indirect(text) == expected


@pytest.mark.parametrize("text,desc", [
    # a subject with a predicate of its own is a clause, not a described source
    ("Dalam demo itu terdapat spanduk warna-warni menyerukan kepada warga untuk menjaga kebersihan.", None),
    # ... but a framing piece before the subject, an evidential before the verb and a relative clause are fine
    ("Untuk mengatasi hal tersebut, Presiden menilai, perlu ada aturan baru agar pasar stabil.",
     "Presiden"),  # the framing piece is left out of the description
    ("Pemerintah pada Selasa dilaporkan mengimbau masyarakat untuk mengurangi pemakaian listrik.",
     "Pemerintah pada Selasa dilaporkan"),
    ("Seorang pejabat yang tidak disebut namanya menyatakan bahwa gudang itu sudah kosong.",
     "Seorang pejabat yang tidak disebut namanya"),
])
def test_a_described_source_is_no_clause(text, desc):
    res = analyse_text(text, NAMES)
    got = [q.speaker_desc for q in res.quotes if q.kind == "indirect"]
    assert got == ([] if desc is None else [desc])


@pytest.mark.parametrize("text,expected", [
    # a title of verb shape is no predicate in the subject ("Menko"), a subordinator opens the subject
    ("Lebih lanjut Menko Perekonomian juga meminta jalur hijau diperbanyak agar bongkar muat lancar.",
     [("jalur hijau diperbanyak agar bongkar muat lancar", None)]),
    ("Alasan wasit menganulir gol itu adalah karena hakim garis menganggap pemain itu sudah offside.",
     [("pemain itu sudah offside", None)]),
    # an age in parentheses after a name is no date
    ("Budi Santoso menegaskan polisi tidak berhenti menangani kasus tewasnya mahasiswa, Andi Wijaya (18).",
     [("polisi tidak berhenti menangani kasus tewasnya mahasiswa, Andi Wijaya (18)", "Budi Santoso")]),
    # "A, menurut dia B" without a comma after the source: A is narration
    ("Budi Santoso hadir. Budi juga ditanya kembali mengenai rumah itu, menurut dia rumah itu akan dijual.",
     [("rumah itu akan dijual", "Budi")]),
])
def test_subjects_dates_and_pieces(text, expected):
    assert indirect(text, dict(NAMES, **{"Andi Wijaya": "PER"})) == expected

"""Other outlets' site furniture is no body: embedded posts' captions, credits, "follow us" and app
blurbs, links to the rest of the story, bylines before the dateline. Every line here is invented in
the shape such sites print; none is an article's text."""
import pytest

from conftest import analyse_text
from kg import site
from kg.clean import body_paragraphs

BODY = "Warga Desa Sukamaju berkumpul di balai desa pada Senin pagi."


def _body(*furniture: str) -> list[str]:
    text = "\n\n".join(("Judul Berita Contoh", BODY) + furniture + ("Rapat warga selesai sore hari.",))
    return [text[a:b] for a, b in body_paragraphs(text)]


@pytest.mark.parametrize("line", [
    # embedded social-media posts
    "A post shared by Kabar Contoh (@kabarcontoh)",
    "Sebuah kiriman dibagikan oleh Rina Wulandari (@rinawulan)",
    "View this post on Instagram",
    "Selamat pagi warga Sukamaju, jangan lupa hadir!pic.twitter.com/Ab12CdE3fg",
    "— Rina Wulandari (@rinawulan) June 1, 2025",
    "Kami siap bekerja untuk warga. — Budi Hartono (@budihart) 3 Juni 2025",
    "[Gambas:Video Kabar]",
    "♬ suara asli - rinawulan",
    # credits: reporter and editor, an editor's name closing the article, a photo's credit on its caption
    "(Reporter: Rina Wulandari | Editor: Budi Hartono)",
    "Penulis: Rina Wulandari",
    "(Dewi Lestari Anggraini)",
    "KABARCONTOH.com/RINAWarga berkumpul di balai desa Sukamaju.",
    "Dok. Humas Pemkab ContohBupati meninjau jembatan baru.",
    "Pixabay/FotograferIlustrasi sawah.",
    # "follow us" and app blurbs, a link to the rest of the story
    "Ikuti berita terkini Kabar Contoh di Google News",
    "Follow Instagram @kabarcontoh untuk info terbaru",
    "Ikuti juga akun TikTok Kabar Contoh",
    "Follow us on Instagram and X",
    "Ikuti kami di",
    "Unduh aplikasi Kabar Contoh untuk akses berita lebih cepat dan mudah.",
    "Daftar newsletter Kabar Contoh dan dapatkan rangkuman berita tiap pagi.",
    "Unduh aplikasi Kabar Contoh di Google Play dan App Store",
    "Baca selengkapnya di sini",
    "Selengkapnya klik disini.",
    # a video-embed line and a link without a colon
    'Tonton juga "Warga Sukamaju Panen Raya" di sini:',
    "Saksikan juga Bincang Pagi, Budi Hartono: Warga Harus Siap!",
    "Rep: Rina Wulandari/ Red: Budi Hartono",
    "[rwl]",
    "Sumber gambar, Kabar Contoh",
    "Keterangan gambar, Warga berkumpul di balai desa Sukamaju.",
    "Lewati Podcast dan lanjutkan membaca",
    "Dilarang keras mengambil konten dari situs ini tanpa izin tertulis dari Kabar Contoh.",
    "Pilih saluran andalanmu akses berita Kabar Contoh WhatsApp Channel : https://www.whatsapp.com/channel/0029AbCd",
    # an editor's pick, an opinion column's disclaimer, a translation's credit, a copyright line
    "Pilihan Editor: Warga Desa Contoh Panen Raya",
    "Artikel Terkait: Jembatan Baru Sukamaju Diresmikan",
    "*) Tulisan ini merupakan opini pribadi penulis dan tidak mencerminkan pandangan redaksi.",
    "Diadaptasi oleh Rina Wulandari",
    "Copyright © 2025 Kabar Contoh",
])
def test_furniture_lines_are_no_body(line):
    assert _body(line) == ["Judul Berita Contoh", BODY, "Rapat warga selesai sore hari."]


@pytest.mark.parametrize("note", [
    "Artikel ini telah naik di kabarSukamaju.",
    "Artikel ini sudah lebih dulu tayang di kabarcontoh. Selengkapnya klik disini.",
    "Artikel ini pertama kali terbit dalam bahasa Inggris",
    "Artikel ini bersumber dari pemberitaan di Kabar Contoh berjudul:",
    "Artikel ini pertama kali rilis dalam bahasa InggrisDiadaptasi oleh: Rina WulandariEditor: Budi Hartono",
    # the heading of a block of links to other articles
    "Pilihan Editor",
    "TERPOPULER",
    "(rw8/kab)",
])
def test_a_note_that_the_article_ran_elsewhere_ends_the_body(note):
    assert _body(note) == ["Judul Berita Contoh", BODY]


@pytest.mark.parametrize("line", [
    "Ikuti langkah berikut untuk mendaftar ke Instagram.",
    "Ikuti berita terkini seputar banjir di Sukamaju.",
    "“Foto ini diambil oleh warga,” kata Dok. Rina.",
    "Kabarcontoh.com, Sukamaju - Warga berkumpul di balai desa.",
    "(Baca selengkapnya kisah warga di halaman berikut, kata dia.)",
    "Pixabay/Fotografer “Kami siap,” kata Budi Hartono saat dihubungi.",
])
def test_body_lines_that_look_alike_stay(line):
    assert line in _body(line)


def test_a_byline_before_the_dateline_is_furniture_the_dateline_stays():
    text = ("Judul Berita Contoh\n\nLaporan Wartawan Kabarcontoh.com, Budi Hartono KABARCONTOH.COM, SUKAMAJU - "
            "Warga berkumpul di balai desa.\n\nLaporan Reporter Kabar Contoh, Rina Wulandari\n\n"
            "“Kami siap membantu warga desa,” kata Dewi Lestari.")
    assert [text[a:b] for a, b in body_paragraphs(text)] == [
        "Judul Berita Contoh", "KABARCONTOH.COM, SUKAMAJU - Warga berkumpul di balai desa.", "“Kami siap membantu warga desa,” kata Dewi Lestari."]
    outlet = text.index("KABARCONTOH.COM")
    assert site.dateline_end(text, outlet, outlet + len("KABARCONTOH.COM")) == text.index("Warga")
    res = analyse_text(text, {"Budi Hartono": "PER", "Rina Wulandari": "PER", "Dewi Lestari": "PER",
                              "SUKAMAJU": "LOC"})
    assert {m.text for m in res.mentions} >= {"KABARCONTOH.COM", "Dewi Lestari"}
    assert not {"Budi Hartono", "Rina Wulandari", "Kabarcontoh.com"} & {m.text for m in res.mentions}
    [q] = res.quotes
    assert res.mentions[q.speaker].text == "Dewi Lestari"


def test_a_long_line_that_opens_like_a_byline_without_a_dateline_stays():
    line = "Laporan wartawan setempat menyebut " + "warga berkumpul di balai desa dan berdiskusi, " * 4 + "lalu pulang."
    assert line in _body(line)


def test_a_related_headline_glued_into_the_body_names_no_entity():
    text = ("Judul Berita Contoh\n\nHarga gabah naik pekan ini, ujar Budi Hartono.Baca Juga:Rina Wulandari Resmikan "
            "Jembatan Sukamaju Warga menyambut baik kenaikan itu. Panen ujarnyaBACA JUGA: Dewi Lestari Buka Pasar\n\n"
            "Rapat selesai.")
    res = analyse_text(text, {"Budi Hartono": "PER", "Rina Wulandari": "PER", "Dewi Lestari": "PER"})
    assert {m.text for m in res.mentions} == {"Budi Hartono"}


def test_invisible_marks_inside_a_name_or_a_quote_cut_neither(tmp_path):
    from kg.read import iter_inputs
    raw = ("Judul Berita Contoh\n\n“Kami\u00a0siap mem\u00adbantu\u200b warga\u200e,” kata Budi\u00ad Har\u00adtono.\n\n"
           "Menurut \u2066Rina Wulan\u200bdari\u2069, rapat\u202fselesai.")
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")
    [art] = list(iter_inputs([tmp_path]))
    res = analyse_text(art.text, {"Budi Hartono": "PER", "Rina Wulandari": "PER"})
    assert {m.text for m in res.mentions} == {"Budi Hartono", "Rina Wulandari"}
    direct = [q for q in res.quotes if q.kind == "direct"]
    assert [(q.text, res.mentions[q.speaker].text) for q in direct] == [("Kami siap membantu warga", "Budi Hartono")]


def test_utf8_read_as_latin1_by_a_scraper_is_repaired(tmp_path):
    from kg.read import iter_inputs
    good = "Judul Berita Contoh\n\n“Kami siap membantu warga desa,” kata José Álvarez di Café Sukamaju."
    (tmp_path / "a.txt").write_text(good.encode("utf-8").decode("latin-1"), encoding="utf-8")
    [art] = list(iter_inputs([tmp_path]))
    assert art.text == good
    res = analyse_text(art.text, {"José Álvarez": "PER"})
    [q] = res.quotes
    assert (q.text, res.mentions[q.speaker].text) == ("Kami siap membantu warga desa", "José Álvarez")


def test_a_short_name_is_not_found_inside_a_link_to_another_article():
    text = ("Judul Berita Contoh\n\nBudi Hartono membuka pasar baru di Sukamaju pada Senin.\n\n"
            "Harga naik, kata Hartono.Baca Juga:Warga Kota Tolak Rencana Hartono Soal Pasar\n\n"
            "Rapat warga selesai sore hari.")
    res = analyse_text(text, {"Budi Hartono": "PER"})
    link = text.index("Warga Kota")
    assert [m.text for m in res.mentions if m.start >= link and m.end <= link + 50] == []
    assert [m.text for m in res.mentions] == ["Budi Hartono", "Hartono"]


def test_initials_closing_the_last_paragraph_are_cut_off():
    assert _body("Jembatan itu diresmikan pada Selasa sore. (rw8/kab)")[2] == "Jembatan itu diresmikan pada Selasa sore."


@pytest.mark.parametrize("after", ["KABARCONTOH.COM, SUKAMAJU Warga", "KABARCONTOH.COM - Warga", "KABARCONTOH.COM -- Warga"])
def test_a_byline_ends_at_the_outlet_of_a_dateline_of_any_shape(after):
    line = f"Laporan Wartawan Kabarcontoh.com, Budi Hartono {after} berkumpul di balai desa untuk rapat tahunan."
    assert line[site.byline_end(line):].startswith("KABARCONTOH.COM")


def test_a_dash_beside_a_space_ends_a_name():
    text = "Judul Berita Contoh\n\nKABARCONTOH.COM, SUKAMAJU- Kota Sukamaju mulai ramai malam itu."
    res = analyse_text(text, {"SUKAMAJU - Kota Sukamaju": "ORG"})
    assert [(m.text, m.type) for m in res.mentions] == [
        ("KABARCONTOH.COM", "ORGANIZATION"), ("SUKAMAJU", "LOCATION"), ("Kota Sukamaju", "ORGANIZATION")]

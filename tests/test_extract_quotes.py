"""Quote extraction and speaker linking, as tables of Indonesian sentences."""
import pytest

from conftest import analyse_text

NAMES = {"Budi Santoso": "PER", "Budi": "PER", "Siti Rahma": "PER", "Siti": "PER", "Rusia": "LOC",
         "Kementerian Keuangan": "ORG", "Jakarta": "LOC", "Indonesia": "LOC", "Andi Wijaya": "PER"}


def _name(res, i):
    return None if i is None else res.mentions[i].text


def quotes_of(text, names=NAMES):
    res = analyse_text(text, names)
    return [(q.kind, q.text, _name(res, q.speaker), q.speaker_desc, _name(res, q.addressee)) for q in res.quotes]


def speaker_of_only_quote(text, names, kind=None):
    """(speaker's name, description) of the text's one quote (of that kind)."""
    res = analyse_text(text, names)
    [q] = [q for q in res.quotes if kind in {None, q.kind}]
    return _name(res, q.speaker), q.speaker_desc


@pytest.mark.parametrize("text,expected", [
    ("“Kami tidak akan menyerah pada tekanan,” kata Budi Santoso.",
     [("direct", "Kami tidak akan menyerah pada tekanan", "Budi Santoso", None, None)]),
    ('"Harga beras akan turun bulan depan," ujar Menteri Keuangan Siti Rahma kepada Budi.',
     [("direct", "Harga beras akan turun bulan depan", "Siti Rahma", None, "Budi")]),
    # interrupted by its attribution: two quotes, one speaker
    ("“Ini langkah awal,” kata Siti. “Kami akan terus bekerja sama dengan semua pihak.”",
     [("direct", "Ini langkah awal", "Siti", None, None),
      ("direct", "Kami akan terus bekerja sama dengan semua pihak", "Siti", None, None)]),
    # clitic: the most recent named subject
    ("Budi Santoso tiba di Jakarta pada Senin.\n\n“Saya datang untuk mendengar warga,” ujarnya.",
     [("direct", "Saya datang untuk mendengar warga", "Budi Santoso", None, None)]),
    # pronoun + verb after the quote
    ("Siti Rahma membuka rapat itu.\n\n“Anggaran harus dihemat tahun ini,” ia menambahkan.",
     [("direct", "Anggaran harus dihemat tahun ini", "Siti Rahma", None, None)]),
    # described, never named: no name, a description
    ("“Pembicaraan berjalan sangat alot,” kata seorang pejabat senior.",
     [("direct", "Pembicaraan berjalan sangat alot", None, "seorang pejabat senior", None)]),
    # verb before a colon
    ("Andi Wijaya mengatakan kepada wartawan: “Kami menolak semua tuduhan itu.”",
     [("direct", "Kami menolak semua tuduhan itu", "Andi Wijaya", None, None)]),
    ('"Kami akan memeriksa semua laporan warga," demikian kata Budi.',
     [("direct", "Kami akan memeriksa semua laporan warga", "Budi", None, None)]),
    # attribution in the next sentence, passive voice
    ("“Program ini harus berjalan tahun depan.”\n\nHal itu disampaikan oleh Menteri Siti Rahma di Jakarta.",
     [("direct", "Program ini harus berjalan tahun depan", "Siti Rahma", None, None)]),
    # a link to another article is furniture, its title no quote
    ('Budi Santoso hadir.\n\nTonton juga "Harga Beras Naik Lagi di Pasar Induk" di sini:', []),
    # two apostrophes written as a double mark: the quote closes there, its text as written
    ("''Kami akan memeriksa semua laporan warga,'' kata Budi. Rapat itu selesai pada sore hari.",
     [("direct", "Kami akan memeriksa semua laporan warga", "Budi", None, None)]),
    ('"Harga pupuk harus turun tahun ini,\'\' ujar Siti Rahma. Petani di desa itu menyambut baik rencana tersebut.',
     [("direct", "Harga pupuk harus turun tahun ini", "Siti Rahma", None, None)]),
    ("Budi menyebut ''tanah air'' dua kali. ''Kita jaga bersama-sama, ya,'' katanya.",
     [("direct", "Kita jaga bersama-sama, ya", "Budi", None, None)]),
    # a title or a name in quotation marks is no quote
    ("Budi Santoso membuka diskusi bertajuk “Masa Depan Petani Muda di Desa” di balai kota.", []),
    ('Siti Rahma meluncurkan buku "Jalan Panjang Menuju Kota Bersih" pada Sabtu.', []),
    ("Warga membentuk gerakan bernama “Sungai Kita Harus Bersih” tahun lalu.", []),
    # scare quotes and two-word quotes are not quotes
    ("Budi menyebut rencana itu ‘tidak masuk akal’ dan “berbahaya”.", []),
])
def test_direct_quotes(text, expected):
    assert [q for q in quotes_of(text) if q[0] == "direct"] == expected


@pytest.mark.parametrize("text,expected", [
    ("Budi Santoso mengatakan bahwa harga beras akan turun bulan depan.",
     [("indirect", "harga beras akan turun bulan depan", "Budi Santoso", None, None)]),
    ("Siti Rahma mengatakan kepada Budi pada hari Kamis bahwa anggaran akan dipotong.",
     [("indirect", "anggaran akan dipotong", "Siti Rahma", None, "Budi")]),
    # adverbs between the verb and "bahwa"
    ("Budi Santoso menjelaskan terlebih dahulu bahwa anggaran desa akan dipangkas tahun depan.",
     [("indirect", "anggaran desa akan dipangkas tahun depan", "Budi Santoso", None, None)]),
    ("Siti Rahma menegaskan sekali lagi bahwa sekolah tetap dibuka minggu depan.",
     [("indirect", "sekolah tetap dibuka minggu depan", "Siti Rahma", None, None)]),
    ("Menurut Andi Wijaya, ekonomi Indonesia tumbuh lima persen tahun ini.",
     [("indirect", "ekonomi Indonesia tumbuh lima persen tahun ini", "Andi Wijaya", None, None)]),
    ("Kementerian Keuangan menegaskan anggaran tidak akan dipotong.",
     [("indirect", "anggaran tidak akan dipotong", "Kementerian Keuangan", None, None)]),
    # pronoun subject
    ("Budi Santoso tiba pada Senin. Dia mengatakan pemerintah siap membantu warga.",
     [("indirect", "pemerintah siap membantu warga", "Budi Santoso", None, None)]),
    # two speakers in one sentence
    ("Budi mengatakan harga akan naik, sementara Siti mengatakan harga akan stabil.",
     [("indirect", "harga akan naik", "Budi", None, None),
      ("indirect", "harga akan stabil", "Siti", None, None)]),
    ("Budi Santoso hadir di Jakarta. Menurutnya, harga beras akan turun bulan depan.",
     [("indirect", "harga beras akan turun bulan depan", "Budi Santoso", None, None)]),
    # a verb that reports speech only with "bahwa"
    ("Rusia membantah berencana menyerang kota itu.", []),
    ("Rusia membantah bahwa pasukannya menyerang kota itu.",
     [("indirect", "pasukannya menyerang kota itu", "Rusia", None, None)]),
    ("Siti Rahma menilai, kebijakan itu perlu dikaji ulang.",
     [("indirect", "kebijakan itu perlu dikaji ulang", "Siti Rahma", None, None)]),
    # a verb of the [clause] frame: a clause with its own subject and predicate is reported speech,
    # a topic noun phrase is not
    ("Siti Rahma menilai kebijakan itu perlu dikaji ulang.",
     [("indirect", "kebijakan itu perlu dikaji ulang", "Siti Rahma", None, None)]),
    ("Siti Rahma menilai kinerja kementerian itu dalam rapat.", []),
    ("Budi Santoso berharap harga beras segera turun.",
     [("indirect", "harga beras segera turun", "Budi Santoso", None, None)]),
    ("Budi Santoso menekankan pentingnya kerja sama antardaerah.",
     [("indirect", "pentingnya kerja sama antardaerah", "Budi Santoso", None, None)]),
    ("Siti Rahma menekankan komitmen pemerintah untuk membangun jalan.", []),
    ("Andi Wijaya menduga ada kelalaian dalam proyek itu.",
     [("indirect", "ada kelalaian dalam proyek itu", "Andi Wijaya", None, None)]),
    # [vp]: the content may lack a subject
    ("Andi Wijaya mengaku tidak tahu rencana kunjungan itu.",
     [("indirect", "tidak tahu rencana kunjungan itu", "Andi Wijaya", None, None)]),
    # [request]: what is asked, from the addressee on, or after "agar"
    ("Siti Rahma meminta para kepala desa untuk mendata warga miskin.",
     [("indirect", "para kepala desa untuk mendata warga miskin", "Siti Rahma", None, None)]),
    ("Budi menyarankan agar warga menyimpan air bersih.",
     [("indirect", "warga menyimpan air bersih", "Budi", None, None)]),
    ("Budi meminta maaf kepada warga atas kejadian itu.", []),
    # not a report: negated, or what someone should do
    ("Siti Rahma tidak mengatakan kapan anggaran itu cair.", []),
    ("Kementerian Keuangan perlu mengakui bahwa target pajak terlalu tinggi.", []),
    # a speech verb in a subordinate clause with no subject of its own tells when or how
    ("Langkah berikutnya setelah menyatakan siap mengundurkan diri adalah menyerahkan surat resmi.", []),
    ("Warga berkumpul di balai desa sebelum mengatakan bahwa mereka menolak rencana tambang.", []),
    ("Siti Rahma meninggalkan ruang rapat tanpa menjelaskan bahwa anggaran itu sudah dipotong.", []),
    # ... but a named subject before it is the speaker
    ("Budi Santoso hadir di lokasi usai menyampaikan bahwa jalan itu akan diperbaiki bulan depan.",
     [("indirect", "jalan itu akan diperbaiki bulan depan", "Budi Santoso", None, None)]),
    ("Kata Budi Santoso, pembangunan jalan tol akan selesai tahun depan.",
     [("indirect", "pembangunan jalan tol akan selesai tahun depan", "Budi Santoso", None, None)]),
    # content before the attribution
    ("Pembangunan jalan tol akan selesai tahun depan, kata Budi Santoso.",
     [("indirect", "Pembangunan jalan tol akan selesai tahun depan", "Budi Santoso", None, None)]),
])
def test_indirect_quotes(text, expected):
    assert [q for q in quotes_of(text) if q[0] == "indirect"] == expected


def test_partial_quote_inside_reported_speech_takes_its_speaker():
    qs = quotes_of("Budi Santoso mengatakan pemerintah akan bertindak “dengan cepat dan tegas” minggu ini.")
    direct = [q for q in qs if q[0] == "direct"]
    assert direct == [("direct", "dengan cepat dan tegas", "Budi Santoso", None, None)]


NAMES_MORE = dict(NAMES, **{"Lembaga Riset Ekonomi": "ORG", "Dewi Lestari": "PER", "Bandung": "LOC"})


def quotes_more(text):
    return [q[:3] for q in quotes_of(text, NAMES_MORE)]


@pytest.mark.parametrize("text,expected", [
    # interrupted reported speech: one entry per piece of three words or more ...
    ("Harga beras di pasar, kata Siti Rahma, akan turun bulan depan.",
     [("indirect", "Harga beras di pasar", "Siti Rahma"), ("indirect", "akan turun bulan depan", "Siti Rahma")]),
    # ... but a piece that only frames the content is none
    ("Dalam rapat itu, kata Budi, pemerintah akan menaikkan gaji guru.",
     [("indirect", "pemerintah akan menaikkan gaji guru", "Budi")]),
    ("Budi Santoso tiba di Bandung. Kebijakan subsidi pupuk menurutnya perlu dikaji ulang.",
     [("indirect", "Kebijakan subsidi pupuk", "Budi Santoso"), ("indirect", "perlu dikaji ulang", "Budi Santoso")]),
    ("Budi Santoso tiba di Bandung. Dari target seratus rumah, desa itu disebutnya baru membangun tiga puluh.",
     [("indirect", "Dari target seratus rumah, desa itu", "Budi Santoso"),
      ("indirect", "baru membangun tiga puluh", "Budi Santoso")]),
    ("Budi Santoso mengkritik langkah yang disebutnya sebagai tekanan dari luar.", []),
    ("Pihak Lembaga Riset Ekonomi menyatakan data itu tidak benar.",
     [("indirect", "data itu tidak benar", "Lembaga Riset Ekonomi")]),
    ("Menurut Andi Wijaya ekonomi daerah tumbuh lima persen.",
     [("indirect", "ekonomi daerah tumbuh lima persen", "Andi Wijaya")]),
    ("Lanjut Dewi Lestari, pembangunan pasar akan dimulai pekan depan.",
     [("indirect", "pembangunan pasar akan dimulai pekan depan", "Dewi Lestari")]),
    ("Seperti kata Dewi Lestari, tidak ada jalan pintas menuju kemakmuran.",
     [("indirect", "tidak ada jalan pintas menuju kemakmuran", "Dewi Lestari")]),
    # nested reporting: one quote, the outer speaker, the nested report inside the text
    ("Siti Rahma menyatakan bahwa Ketua Koperasi, Budi Santoso, menekankan bahwa simpanan anggota aman.",
     [("indirect", "Ketua Koperasi, Budi Santoso, menekankan bahwa simpanan anggota aman", "Siti Rahma")]),
    ("Budi Santoso menyatakan, Kementerian Keuangan juga meminta bank daerah menunda penyaluran kredit.",
     [("indirect", "Kementerian Keuangan juga meminta bank daerah menunda penyaluran kredit", "Budi Santoso")]),
    ("Siti Rahma mengatakan, Budi akan mengumumkan hasil lelang itu pekan depan.",
     [("indirect", "Budi akan mengumumkan hasil lelang itu pekan depan", "Siti Rahma")]),
    # a coordinated speech verb of the same speaker starts a second report
    ("Budi mengatakan harga akan naik dan menambahkan bahwa stok beras tetap aman.",
     [("indirect", "harga akan naik", "Budi"), ("indirect", "stok beras tetap aman", "Budi")]),
    # the addressee first, then the content
    ("Andi Wijaya menjanjikan kepada para petani, harga pupuk akan turun.",
     [("indirect", "harga pupuk akan turun", "Andi Wijaya")]),
    # what follows a direct quote's attribution is its setting, not a second piece
    ("“Kami siap menghadapi musim hujan tahun ini,” kata Budi, di kantor Lembaga Riset Ekonomi, Bandung, "
     "dikutip dari keterangan tertulis, Senin (3/2/2025).",
     [("direct", "Kami siap menghadapi musim hujan tahun ini", "Budi")]),
    # "menurut" with no named source ("menurut aturan") is not a report and does not cut one
    ("Siti Rahma menilai tindakan para pejabat itu dan stafnya tidak dibenarkan menurut aturan.",
     [("indirect", "tindakan para pejabat itu dan stafnya tidak dibenarkan menurut aturan", "Siti Rahma")]),
    # a law is no source; a verb right after a closing quote mark is that quote's cue
    ("Undang-Undang Nomor 5 Tahun 2020 menegaskan bahwa setiap anak berhak atas pendidikan.", []),
    ("“Kami butuh waktu lebih lama untuk panen,” ia menambahkan seperti dikutip media setempat.",
     [("direct", "Kami butuh waktu lebih lama untuk panen", None)]),
])
def test_reported_speech_structures(text, expected):
    assert quotes_more(text) == expected


@pytest.mark.parametrize("text,expected", [
    # (a headline name counts when the body names the person too)
    ("Budi Santoso: Harga Beras Akan Turun Bulan Depan\n\nBANDUNG - Budi Santoso mengunjungi pasar.",
     [("indirect", "Harga Beras Akan Turun Bulan Depan", "Budi Santoso")]),
    ("Siti Rahma Sebut Anggaran Desa Naik Tahun Depan, Ini Alasannya\n\nBANDUNG - Siti Rahma hadir di desa.",
     [("indirect", "Anggaran Desa Naik Tahun Depan", "Siti Rahma")]),
    # a headline with a colon that names no source, and one with a full stop (a sentence, not a headline)
    ("Kabar Pagi: Harga Beras Naik Lagi Pekan Ini\n\nBANDUNG - Harga beras naik.", []),
])
def test_headlines(text, expected):
    assert [q for q in quotes_more(text) if q[0] == "indirect"] == expected


@pytest.mark.parametrize("text,speaker", [
    # the person named after the comma that ends a role, not the institution in the role
    ("“Inflasi akan tetap terkendali tahun ini,” kata Direktur Lembaga Riset Ekonomi, Andi Wijaya, di Bandung.",
     "Andi Wijaya"),
    # a description with a demonstrative points back at the last speaker
    ("“Kami siap bertanding besok malam,” kata Budi Santoso.\n\n"
     "“Semua pemain dalam kondisi baik dan siap,” kata pelatih asal Bandung itu.", "Budi Santoso"),
    # ... also when the description names only an organization: the speaker is no organization
    ("“Kami siap bertanding besok malam,” kata Budi Santoso.\n\n"
     "“Harga pangan masih akan naik,” kata pengajar ekonomi Kementerian Keuangan tersebut.", "Budi Santoso"),
    ("“Kami siap bertanding besok malam,” kata Budi Santoso.\n\n"
     "“Harga pangan masih akan naik,” kata Kementerian Keuangan.", "Kementerian Keuangan"),
    # a first-person subject in narration is the current speaker without quotation marks, never a description
    ("Dewi Lestari mengatakan, panen tahun ini cukup baik. Saya berharap harga gabah tetap stabil.",
     "Dewi Lestari"),
    ("Siti Rahma membuka pameran itu. Kami menilai pameran ini perlu digelar tiap tahun.", "Siti Rahma"),
    # a clitic refers to the last subject, not to a name after a preposition
    ("Siti Rahma memimpin rapat itu. Anggaran disiapkan bagi Gubernur Budi Santoso.\n\n"
     "“Kita harus berhemat mulai bulan ini,” ujarnya.", "Siti Rahma"),
    # "pihaknya" / "dirinya" as subjects stand for the last speaker
    ("“Laporan itu sudah kami terima,” kata Dewi Lestari.\n\nPihaknya juga menyebut pemeriksaan akan dilanjutkan pekan depan.",
     "Dewi Lestari"),
])
def test_speaker_of_the_last_quote(text, speaker):
    assert quotes_more(text)[-1][2] == speaker


def test_menurut_ending_the_text_is_no_quote():
    res = analyse_text("Harga beras naik kata Budi Santoso menurut", {"Budi Santoso": "PER"})
    assert all("menurut" not in q.text for q in res.quotes)  # and no IndexError on the last token


DATELINE_NAMES = {"Kabarkita.com": "ORG", "WARTANUSA.CO.ID": "ORG", "Komisi Hukum": "ORG", "Jakarta": "LOC",
                  "JAKARTA": "LOC"}


@pytest.mark.parametrize("text,speaker,desc", [
    # the outlet of a dateline ran the story; it did not say anything
    ("Kabarkita.com, Jakarta - Komisi Hukum mengingatkan para calon untuk segera melapor ke kantor daerah.",
     "Komisi Hukum", None),
    ("WARTANUSA.CO.ID, JAKARTA -- Kantor kedutaan mendesak warganya untuk meninggalkan negara itu secepatnya.",
     None, "Kantor kedutaan"),
    # an outlet that is the subject of its own sentence still speaks
    ("Kabarkita.com menyebut harga beras akan turun bulan depan.", "Kabarkita.com", None),
])
def test_dateline_outlet_is_no_speaker(text, speaker, desc):
    assert speaker_of_only_quote(text, DATELINE_NAMES, "indirect") == (speaker, desc)


SETTING_NAMES = {"Budi Santoso": "PER", "Suara Kita": "ORG", "Komisi Hukum": "ORG", "Jakarta": "LOC"}


@pytest.mark.parametrize("text,speaker,desc", [
    # a name after "di"/"dalam"/"seperti" says where or how it was said, not who said it
    ("“Warga diminta menjauhi daerah pantai,” kata kedutaan dalam pernyataan di Suara Kita.",
     None, "kedutaan"),
    ("“Kami akan membuka posko baru,” ujar seorang juru bicara seperti dikutip Suara Kita.",
     None, "seorang juru bicara"),
    ("“Kami akan membuka posko baru,” kata Komisi Hukum di Jakarta.", "Komisi Hukum", None),
    ("“Kami akan membuka posko baru,” kata Budi Santoso dalam jumpa pers.", "Budi Santoso", None),
])
def test_setting_after_cue_names_no_speaker(text, speaker, desc):
    assert speaker_of_only_quote(text, SETTING_NAMES) == (speaker, desc)


RELATIVE_NAMES = {"Budi Santoso": "PER", "Siti Rahma": "PER", "Andi Wijaya": "PER"}


@pytest.mark.parametrize("text,speaker", [
    # the person after the relation noun is whom the speaker works for or belongs to
    ("“Semua bukti sudah kami serahkan,” kata pengacara Budi Santoso, Andi Wijaya, di Jakarta.", "Andi Wijaya"),
    ("“Dia sedang beristirahat di rumah,” ujar istri Budi Santoso, Siti Rahma.", "Siti Rahma"),
    # no relation noun: the first name is the speaker, the one after the comma is not
    ("“Semua bukti sudah kami serahkan,” kata Budi Santoso, didampingi Andi Wijaya.", "Budi Santoso"),
    ("“Semua bukti sudah kami serahkan,” kata Budi Santoso.", "Budi Santoso"),
])
def test_relative_then_appositive_speaker(text, speaker):
    assert speaker_of_only_quote(text, RELATIVE_NAMES)[0] == speaker


def test_a_missing_word_list_is_an_error_naming_file_and_section():
    """The quote rules read their word classes from kg/data/; a section or file that is not
    there must stop the run, not switch a rule off with an empty list."""
    from kg import lexicon
    from kg.lexicon import DataFileError

    assert "kepada" in lexicon.function_words("object_prepositions")
    with pytest.raises(DataFileError, match=r"kg/data/function_words\.txt has no \[no_such_words\] section"):
        lexicon.function_words("no_such_words")
    with pytest.raises(DataFileError, match=r"kg/data/no_such_file\.txt is missing"):
        lexicon.word_section("no_such_file.txt", "any")

"""Cleaning keeps offsets; segmentation gives exact token offsets and sensible sentences."""
from kg.clean import body_paragraphs
from kg.segment import split_sentences, tokenize

PAGE = """Rusia Tolak Usulan Damai
Politics

Rusia Tolak Usulan Damai

Jum'at, 15 Maret 2024 - 08:05 WIB
MOSKOW - Presiden Rusia menolak usulan itu. Mr. Hartono tidak hadir.
Foto: AFP
Baca juga: Berita lain yang tidak terkait
Menurut Dr. Budi, pembicaraan berlanjut.

(ian)
tulis komentar anda
Berita Terkait
Posted By : promo pulsa murah"""


def test_body_drops_site_furniture_and_repeats():
    spans = body_paragraphs(PAGE)
    lines = [PAGE[a:b] for a, b in spans]
    assert lines == ["Rusia Tolak Usulan Damai",
                     "MOSKOW - Presiden Rusia menolak usulan itu. Mr. Hartono tidak hadir.",
                     "Menurut Dr. Budi, pembicaraan berlanjut."]


def test_tokens_point_into_the_text():
    text = "Budi S. Hartono bertemu Dewi K. Lestari pada 14/3/2024, katanya: “13.000 warga.”"
    toks = tokenize(text, 0, len(text))
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert "S." in [t.text for t in toks] and "14/3/2024" in [t.text for t in toks] and "13.000" in [t.text for t in toks]


def test_sentences_respect_abbreviations_and_quotes():
    text = "Mr. Hartono datang. “Kami siap. Kami menunggu,” kata Dr. Budi. Ia pergi."
    sents = split_sentences(text, [(0, len(text))])
    assert [text[s.start:s.end] for s in sents] == [
        "Mr. Hartono datang.", "“Kami siap.", "Kami menunggu,” kata Dr. Budi.", "Ia pergi."]


def test_long_unpunctuated_line_is_cut_into_bounded_sentences():
    text = "kata " * 5000
    sents = split_sentences(text, body_paragraphs(text))
    assert max(len(s.tokens) for s in sents) <= 120
    assert sum(len(s.tokens) for s in sents) == 5000


def _words(text):
    toks = tokenize(text, 0, len(text))
    assert all(text[t.start:t.end] == t.text for t in toks)  # offsets stay true to the text
    return [t.text for t in toks]


def test_outlet_domains_are_one_token_and_sentences_still_end_after_them():
    text = "BERITASATU.CO.ID, MEDAN - Hujan turun. Laporan dari Kabarkita.com. Hal itu dimuat Warta.co.id."
    words = _words(text)
    assert {"BERITASATU.CO.ID", "Kabarkita.com", "Warta.co.id"} <= set(words)
    assert [text[s.start:s.end] for s in split_sentences(text, [(0, len(text))])][-1] == "Hal itu dimuat Warta.co.id."
    assert _words("pembangunan.Setelah itu") == ["pembangunan", ".", "Setelah", "itu"]


def test_initials_without_their_last_full_stop_are_one_word():
    assert _words("Ia tiba di Kota Lembang D.C - lalu ke A.S. dan S.Hartono") == [
        "Ia", "tiba", "di", "Kota", "Lembang", "D.C", "-", "lalu", "ke", "A.S.", "dan", "S", ".", "Hartono"]


def test_a_hyphenated_pair_of_names_is_two_words_unless_it_rhymes_or_starts_a_longer_name():
    assert _words("Tol Cibening-Sukamaju (TCS) dan Bolak-Balik") == [
        "Tol", "Cibening", "-", "Sukamaju", "(", "TCS", ")", "dan", "Bolak-Balik"]
    assert _words("Sayur-Mayur dari Self-Governing Council") == ["Sayur-Mayur", "dari", "Self-Governing", "Council"]


def test_words_glued_by_scraping_are_split():
    assert _words("kata Gubernur Rina Wulandarimengatakan") == ["kata", "Gubernur", "Rina", "Wulandari", "mengatakan"]
    assert _words("seperti dilaporkanAntara dan dikutipBloomberg") == ["seperti", "dilaporkan", "Antara", "dan",
                                                                      "dikutip", "Bloomberg"]
    assert _words("SemarangDi tengah kota") == ["Semarang", "Di", "tengah", "kota"]
    assert _words("Wakil BupatiKarawang") == ["Wakil", "Bupati", "Karawang"]
    assert _words("kata Menteri DalamNegeri") == ["kata", "Menteri", "Dalam", "Negeri"]


def test_a_glued_short_word_splits_only_where_the_name_stands_alone_elsewhere():
    text = "Warga mencari Sutarnoyang hilang. Sutarno pergi sejak Senin."
    assert _words(text)[2:4] == ["Sutarno", "yang"]
    assert "Kartini" in _words("Jalan Kartini ramai.")  # a name ending in a word ("ini") stays whole


def test_a_dateline_place_glued_to_the_first_word_of_the_body_is_split():
    text = "Judul\n\nKabarkita.com, PalopoHarga cabai naik. Warga di PalopoBaru resah.\nBeritaku.co.id, KendariPT Sinar Laut rugi."
    words = _words(text)
    assert words[3:6] == ["Palopo", "Harga", "cabai"]
    assert "PalopoBaru" in words  # only a dateline's place is cut without other evidence
    assert ["Kendari", "PT", "Sinar"] == words[words.index("Kendari"):words.index("Kendari") + 3]


def test_camel_case_brands_and_outlets_stay_whole():
    text = "Video di YouTube dan iPhone dibahas detikJabar serta kumparanTECH dan PayPal."
    assert {"YouTube", "iPhone", "detikJabar", "kumparanTECH", "PayPal"} <= set(_words(text))


def test_a_word_glued_before_a_camel_case_outlet_is_split_off_the_outlet_kept_whole():
    words = _words("Harga beras naik, dikutip darikumparanBISNIS. Data lain diambil daridetikOto.")
    assert ["dari", "kumparanBISNIS"] == words[words.index("kumparanBISNIS") - 1:words.index("kumparanBISNIS") + 1]
    assert ["dari", "detikOto"] == words[words.index("detikOto") - 1:words.index("detikOto") + 1]


def test_a_name_glued_to_a_lower_case_word_splits_when_both_stand_alone_elsewhere():
    text = "Sutarjoterjatuh di tangga. Menurut Sutarjo, ia terjatuh pagi itu."
    assert _words(text)[:2] == ["Sutarjo", "terjatuh"]
    recurring = "Wiradana tumbuh. Wiradana dan Wira menambah tumbuh pesat."  # a recurring name stays whole
    assert _words(recurring).count("Wiradana") == 2
    assert "Wiranegara" in _words("Wiranegara dibuka.")  # names end in "negara" (Kartanegara): left as it is

"""Glued words are split where the word list gives clear evidence; unknown names survive."""
from kg import segment, wordseg


def _words(text):
    return [t.text for t in segment.tokenize(text, 0, len(text))]


def test_a_word_glued_after_a_name_is_split_off():
    assert _words("Presiden Wiryo Santosomenyerukan damai.")[2:4] == ["Santoso", "menyerukan"]
    assert _words("Dana itu dibekukan diKPKyang baru.")[3:6] == ["di", "KPK", "yang"]


def test_a_name_glued_after_a_word_and_before_a_bracket_is_split():
    words = _words("Yang MuliaAhmad Yani(Jakarta) tiba.")
    assert words[:6] == ["Yang", "Mulia", "Ahmad", "Yani", "(", "Jakarta"]


def test_a_function_word_glued_to_a_name_the_text_shows_alone_is_split():
    text = "Sutarni Wiraguna menjawab. Wiragunayang hadir tersenyum."
    assert _words(text)[4:6] == ["Wiraguna", "yang"]


def test_offsets_stay_true_after_a_cut():
    text = "Kata Rudi Hartawanmenjelaskan hal itu."
    toks = segment.tokenize(text, 0, len(text))
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.text for t in toks][2:4] == ["Hartawan", "menjelaskan"]


def test_names_unknown_to_the_list_stay_whole():
    # common words end many names: "negara", "putra", "di", a short "dan"
    for name in ("Wiranegara", "Adiputra", "Setiadi", "Sukamaju", "Hamdan", "Ramdan"):
        assert name in _words(f"Warga {name} hadir di balai desa."), name


def test_a_place_written_twice_as_one_word_stays_whole():
    words = _words("Desa Sumberagung maju. Warga Sumberagung senang.")
    assert words.count("Sumberagung") == 2


def test_derived_words_the_list_lacks_are_not_cut_at_a_prefix():
    assert wordseg.cuts("Mempercantik") == [] and wordseg.cuts("Antipemerintah") == []


def test_an_acronym_glued_to_a_word_is_cut_where_the_word_starts():
    assert wordseg.cuts("KPKyang") == [3]
    assert wordseg.cuts("DKIJakarta") == [3]
    assert wordseg.cuts("KPKnya") == []  # the clitic belongs to the acronym


def test_a_glued_name_inside_an_entity_reads_with_its_space():
    text = "Ketua DewanPerwakilan Rakyat hadir."
    toks = segment.tokenize(text, 0, len(text))
    start, end = text.index("Dewan"), text.index(" hadir")
    assert segment.surface(text, toks, start, end) == "Dewan Perwakilan Rakyat"
    assert segment.surface(text, toks, start, start + 3) == "Dew"  # a span inside a token: as written


def test_brands_and_camel_case_outlets_stay_whole():
    words = _words("Video di YouTube dan iPhone dibahas detikJabar dan AirAsia.")
    assert {"YouTube", "iPhone", "detikJabar", "AirAsia"} <= set(words)


def test_two_names_glued_split_where_the_surname_stands_alone_in_the_text():
    words = _words("Menteri RinaWulansarimengatakan hal itu. Wulansari menambahkan.")
    assert words[1:4] == ["Rina", "Wulansari", "mengatakan"]
    assert "RinaWulansari" in _words("Menteri RinaWulansari hadir.")  # no evidence: left as written

"""Cleaning keeps offsets; segmentation gives exact token offsets and sensible sentences."""
from kg.clean import body_paragraphs
from kg.segment import split_sentences, tokenize

PAGE = """Rusia Tolak Usulan Damai
Politics

Rusia Tolak Usulan Damai

Jum'at, 21 Januari 2022 - 19:21 WIB
MOSKOW - Presiden Rusia menolak usulan itu. Mr. Putin tidak hadir.
Foto: AFP
Baca juga: Berita lain yang tidak terkait
Menurut Dr. Budi, pembicaraan berlanjut.

(ian)
tulis komentar anda
Berita Terkait
Posted By : keluaran hk hari ini"""


def test_body_drops_site_furniture_and_repeats():
    spans = body_paragraphs(PAGE)
    lines = [PAGE[a:b] for a, b in spans]
    assert lines == ["Rusia Tolak Usulan Damai",
                     "MOSKOW - Presiden Rusia menolak usulan itu. Mr. Putin tidak hadir.",
                     "Menurut Dr. Budi, pembicaraan berlanjut."]


def test_tokens_point_into_the_text():
    text = "Antony J. Blinken bertemu Sergey V. Lavrov pada 21/1/2022, katanya: “13.000 tentara.”"
    toks = tokenize(text, 0, len(text))
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert "J." in [t.text for t in toks] and "21/1/2022" in [t.text for t in toks] and "13.000" in [t.text for t in toks]


def test_sentences_respect_abbreviations_and_quotes():
    text = "Mr. Putin datang. “Kami siap. Kami menunggu,” kata Dr. Budi. Ia pergi."
    sents = split_sentences(text, [(0, len(text))])
    assert [text[s.start:s.end] for s in sents] == [
        "Mr. Putin datang.", "“Kami siap.", "Kami menunggu,” kata Dr. Budi.", "Ia pergi."]


def test_long_unpunctuated_line_is_cut_into_bounded_sentences():
    text = "kata " * 5000
    sents = split_sentences(text, body_paragraphs(text))
    assert max(len(s.tokens) for s in sents) <= 120
    assert sum(len(s.tokens) for s in sents) == 5000

"""Reading tolerates what scrapers leave behind; a bad file is skipped with a reason."""
import codecs
import os
import zipfile

import pytest

from kg.read import decode, iter_inputs
from kg.records import Article, Skipped

TEXT = "Menteri Luar Negeri Rusia mengatakan “kami siap berunding,” ujarnya. Café Über 50 €."


def split(items):
    arts = [i for i in items if isinstance(i, Article)]
    skips = {os.path.basename(s.source): s.reason for s in items if isinstance(s, Skipped)}
    return arts, skips


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""),
                                          ("latin-1", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
                                          ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_decodes_common_encodings(encoding, bom):
    text = TEXT if encoding != "latin-1" else "Café Über, niño: ½ × ß."
    decoded, _ = decode(bom + text.encode(encoding))
    assert decoded == text


def test_bad_files_are_skipped_with_reasons_and_good_ones_read(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "win.txt").write_bytes(TEXT.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "doc.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with zipfile.ZipFile(tmp_path / "zip.txt", "w") as z:
        z.writestr("a.txt", "hello")
    (tmp_path / "noise.txt").write_bytes(bytes(range(0, 32)) * 50)
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    arts, skips = split(list(iter_inputs([tmp_path, tmp_path / "missing.txt"])))
    assert sorted(a.doc for a in arts) == ["good.txt", "utf16.txt", "win.txt"]
    assert all(a.text == TEXT for a in arts)
    assert skips["empty.txt"] == "empty file"
    assert skips["blank.txt"] == "only whitespace"
    assert "PDF" in skips["doc.txt"] and "PNG" in skips["img.txt"] and "ZIP" in skips["zip.txt"]
    assert "not a text file" in skips["noise.txt"]
    assert "symlink" in skips["broken.txt"] and "symlink" in skips["loop.txt"]
    assert skips["missing.txt"] == "no such file or folder"


def test_text_with_control_characters_and_emoji_is_read(tmp_path):
    text = "Gus Dur\x00 bertemu 🙂 Путин\x07 di 東京. " * 20
    (tmp_path / "odd.txt").write_text(text, encoding="utf-8")
    arts, skips = split(list(iter_inputs([tmp_path])))
    assert [a.text for a in arts] == [text] and not skips


def test_huge_file_is_skipped_not_loaded(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50_000_000)  # sparse: 50 MB without writing it
    _, skips = split(list(iter_inputs([big])))
    assert "too large" in skips["big.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(TEXT)
    p.chmod(0)
    _, skips = split(list(iter_inputs([p])))
    assert "cannot read" in skips["secret.txt"]


def test_jsonl_articles_and_bad_lines(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text('{"id": "a1", "title": "Judul", "text": "Isi berita."}\nnot json\n{"text": 3}\n\n'
                 '{"url": "https://x/y", "text": "Berita kedua hari ini."}\n', encoding="utf-8")
    arts, skips = split(list(iter_inputs([p])))
    assert [a.doc for a in arts] == ["a1", "https://x/y"]
    assert arts[0].text.startswith("Judul\n\nIsi berita.")
    assert "invalid JSON" in skips["batch.jsonl:2"] and "text" in skips["batch.jsonl:3"]


def test_order_does_not_depend_on_how_inputs_are_listed(tmp_path):
    for name in ["b.txt", "a.txt", "c.txt"]:
        (tmp_path / name).write_text(f"Berita {name}.")
    one = [a.doc for a in iter_inputs([tmp_path / "c.txt", tmp_path / "a.txt", tmp_path / "b.txt"])]
    two = [a.doc for a in iter_inputs([tmp_path])]
    assert one == two == ["a.txt", "b.txt", "c.txt"]


def test_count_documents_matches_what_is_read(tmp_path):
    from kg.read import count_documents

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text('{"text": "Isi berita pertama."}\n\nnot json\n{"text": "Berita kedua ini."}\n')
    (tmp_path / "empty.txt").write_bytes(b"")
    inputs = [tmp_path, tmp_path / "a.txt", tmp_path / "missing.txt"]
    assert count_documents(inputs) == len(list(iter_inputs(inputs))) == 6


def test_a_bounded_count_stops_after_the_input_that_reaches_it(tmp_path):
    from kg.read import count_documents

    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        for name in ("a.txt", "b.txt", "c.txt"):
            (tmp_path / folder / name).write_text(TEXT, encoding="utf-8")
    inputs = [tmp_path / "one", tmp_path / "one" / "a.txt", tmp_path / "two"]  # a.txt twice: counted once
    assert count_documents(inputs, at_least=2) == 3
    assert count_documents(inputs, at_least=4) == count_documents(inputs) == 6


def test_html_pages_give_their_article_body(tmp_path):
    para = ("Budi Hartono tiba di Medan pada Senin pagi untuk meninjau banjir yang melanda tiga kecamatan "
            "di pinggir kota, dan ia berbicara dengan warga yang mengungsi ke balai desa.")
    (tmp_path / "page.html").write_text(
        "<html><head><title>Banjir di Medan</title></head><body><nav>Beranda | Politik | Ekonomi</nav>"
        f"<article><h1>Banjir di Medan</h1><p>{para}</p><p>“Kami siap membantu warga,” kata Budi Hartono.</p>"
        "</article><footer>Hak cipta situs ini</footer></body></html>", encoding="utf-8")
    (tmp_path / "menu.htm").write_text("<html><body><nav><a href='/'>Beranda</a></nav></body></html>")
    arts, skips = split(list(iter_inputs([tmp_path])))
    assert [a.doc for a in arts] == ["page.html"]
    assert para in arts[0].text.split("\n\n") and "Beranda" not in arts[0].text and "<p>" not in arts[0].text
    assert "menu.htm" in skips


def test_html_pages_give_the_title_date_and_url_their_markup_declares(tmp_path):
    body = ("<p>Harga beras di pasar induk naik tajam pekan ini, kata para pedagang yang ditemui di kota itu.</p>"
            "<p>Pedagang mengatakan pasokan dari petani berkurang karena panen datang terlambat tahun ini.</p>")
    head = ('<title>Harga Beras Naik - Situs Contoh</title>'
            '<meta property="article:published_time" content="2025-06-18T10:00:00+07:00">'
            '<link rel="canonical" href="https://contoh.example/berita/1">')
    (tmp_path / "dated.html").write_text(f"<html><head>{head}</head><body><article><h1>Harga Beras Naik</h1>"
                                         f"{body}</article></body></html>", encoding="utf-8")
    (tmp_path / "undated.html").write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    arts = {a.doc: a for a in split(list(iter_inputs([tmp_path])))[0]}
    assert (arts["dated.html"].title, arts["dated.html"].date, arts["dated.html"].url) == \
        ("Harga Beras Naik", "2025-06-18", "https://contoh.example/berita/1")
    assert arts["undated.html"].date == ""  # nothing declared, nothing guessed


def test_html_character_references_are_decoded_and_invisible_marks_dropped(tmp_path):
    (tmp_path / "a.txt").write_text("&ldquo;Kami siap membantu,&rdquo; kata Budi.&nbsp;R&D &amp; Co. &#8220;Ya&#x201D;.",
                                    encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "Rapat\\u200b hari ini di Ba\\u200bndung\\u200e, kata Sinta\\ufeff."}\n',
                                      encoding="utf-8")
    arts, _ = split(list(iter_inputs([tmp_path])))
    assert arts[0].text == "“Kami siap membantu,” kata Budi. R&D & Co. “Ya”."
    assert arts[1].text == "Rapat hari ini di Bandung, kata Sinta."



def test_a_quote_written_with_character_references_has_its_speaker(tmp_path):
    from conftest import analyse_text
    (tmp_path / "a.txt").write_text("&ldquo;Kami siap membantu,&rdquo; kata Budi.\u200e Rapat\u00a0selesai.",
                                    encoding="utf-8")
    [art], _ = split(list(iter_inputs([tmp_path])))
    res = analyse_text(art.text, {"Budi": "PER"})
    [q] = res.quotes
    assert (q.kind, q.text, res.mentions[q.speaker].text) == ("direct", "Kami siap membantu", "Budi")


def test_read_ahead_gives_every_item_in_order_and_raises_where_they_are_used():
    import threading

    from kg.read import read_ahead

    assert list(read_ahead(iter(range(50)), 3)) == list(range(50))

    def broken():
        yield 1
        raise OSError("disk gone")

    got = read_ahead(broken(), 3)
    assert next(got) == 1
    with pytest.raises(OSError, match="disk gone"):
        next(got)

    endless = read_ahead(iter(int, 1), 2)  # 0, 0, 0, ... for ever
    assert next(endless) == 0
    endless.close()  # the consumer stops: so does the reading thread
    for t in threading.enumerate():
        if t.name == "kg-read-ahead":
            t.join(timeout=2)
            assert not t.is_alive()

"""Language data: missing files and sections fail loudly; site furniture built from it."""
import pytest

from kg import lexicon, site
from kg.lexicon import DataFileError


def test_a_missing_section_names_the_file_and_the_section():
    with pytest.raises(DataFileError, match=r"kg/data/titles\.txt has no \[nickname\] section \(it has: \[honorific\]"):
        lexicon.section("titles.txt", "nickname")


def test_a_missing_file_is_named():
    with pytest.raises(DataFileError, match=r"kg/data/no_such_list\.txt is missing"):
        lexicon.section("no_such_list.txt", "words")


def test_an_accessor_fails_loudly_when_its_data_lacks_a_section(monkeypatch):
    monkeypatch.setattr(lexicon, "_sections", lambda name: {"names": ["Kabar Contoh"], "prefixes": ["contoh"]})
    lexicon.outlets.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"kg/data/outlets\.txt has no \[domains\] section"):
            lexicon.outlets()
    finally:
        lexicon.outlets.cache_clear()


def test_outlet_domains_link_lines_and_datelines_come_from_one_place():
    assert site.is_outlet("Kabarcontoh.org") and site.is_outlet("KABARCONTOH.TV") and site.is_outlet("Kabar.co.id")
    assert not site.is_outlet("Kabarcontoh.xyz") and not site.is_outlet("kabar.Com")
    assert site.is_link_line("Baca juga: Warga Desa Contoh Panen Raya") and site.is_link_line("  Simak video berikut")
    assert not site.is_link_line("Warga membaca juga koran pagi.")
    text = "Kabarcontoh.com, Sukamaju - Warga berkumpul."
    assert site.after_dateline_outlet(text, text.index("Sukamaju"))
    assert not site.after_dateline_outlet("Warga, Sukamaju - berkumpul.", 7)

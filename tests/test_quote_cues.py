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

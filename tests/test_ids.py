"""Entity ids: unique, stable across rebuilds, one node each; the build checks itself."""
import json

import networkx as nx
import pytest

from conftest import run_build
from kg.check import InconsistentBuild, check_build
from kg.records import DocResult, Entity, Mention

NAMES = {"Kementerian Sungai Raya": "ORG", "KSR": "ORG", "Budi Hartono": "PER", "Medan": "LOC"}
# The order of documents matters to the resolver: the long name alone first, the
# acronym alone next, then an article that ties both and uses the acronym most.
CLASH = {
    "a.txt": "Kementerian Sungai Raya membuka kantor baru di Medan pada Senin.",
    "b.txt": "Budi Hartono datang ke KSR di Medan kemarin.",
    "c.txt": "Kementerian Sungai Raya (KSR) menggelar rapat. KSR mengundang warga. "
             "Menurut KSR, rapat berjalan lancar. KSR akan rapat lagi.",
}


def _read(out, name):
    return [json.loads(line) for line in open(out / name, encoding="utf-8")]


def test_names_that_give_one_id_are_one_entity_and_one_node(tmp_path):
    result, out = run_build(tmp_path, CLASH, NAMES)
    ents = _read(out, "entities.jsonl")
    ids = [e["id"] for e in ents]
    assert len(ids) == len(set(ids)) == result.graph.number_of_nodes()
    ksr = [e for e in ents if "KSR" in e["aliases"]]
    assert len(ksr) == 1 and ksr[0]["docs"] == ["a.txt", "b.txt", "c.txt"]
    assert ksr[0]["mentions"] == sum(1 for m in _read(out, "mentions.jsonl") if m["entity_id"] == ksr[0]["id"])
    nodes = set(result.graph.nodes)
    assert {m["entity_id"] for m in _read(out, "mentions.jsonl")} <= nodes
    assert {q["speaker_id"] for q in _read(out, "quotes.jsonl") if q["speaker_id"]} <= nodes


def test_ids_are_stable_across_rebuilds_and_added_documents(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    _, one = run_build(tmp_path / "one", CLASH, NAMES)
    more = dict(CLASH, **{"d.txt": "Budi Hartono kembali ke Medan dari Surabaya."})
    _, two = run_build(tmp_path / "two", more, NAMES)
    ids_one = {e["name"]: e["id"] for e in _read(one, "entities.jsonl")}
    ids_two = {e["name"]: e["id"] for e in _read(two, "entities.jsonl")}
    assert ids_one.items() <= ids_two.items()


def _ent(eid):
    return Entity(id=eid, name=eid, type="ORGANIZATION")


def test_check_fails_loudly_on_a_shared_id():
    g = nx.MultiDiGraph()
    g.add_node("org:x")
    with pytest.raises(InconsistentBuild, match="1 ids shared.*2 entities but 1 graph nodes"):
        check_build([_ent("org:x"), _ent("org:x")], {}, g, [])


def test_check_fails_loudly_on_a_mention_without_a_node():
    g = nx.MultiDiGraph()
    g.add_node("org:x")
    doc = DocResult("a.txt", "a.txt", "", 3, 1, mentions=[Mention(0, 3, "KSR", "ORGANIZATION", 0, entity=0),
                                                          Mention(4, 7, "ABC", "ORGANIZATION", 0, entity=1)])
    with pytest.raises(InconsistentBuild, match="without an entity"):
        check_build([_ent("org:x")], {("a.txt", 0): "org:x"}, g, [doc])
    with pytest.raises(InconsistentBuild, match="not graph nodes.*org:gone"):
        check_build([_ent("org:x")], {("a.txt", 0): "org:x", ("a.txt", 1): "org:gone"}, g, [doc])
    check_build([_ent("org:x")], {("a.txt", 0): "org:x", ("a.txt", 1): "org:x"}, g, [doc])  # consistent: no error


def test_a_person_named_by_one_letter_keeps_a_name_and_an_id(tmp_path):
    docs = {"a.txt": "Korban Y dibawa ke rumah sakit. Keluarga Y meminta polisi mengusut kasus itu."}
    _, out = run_build(tmp_path, docs, {"Y": "PER"})
    people = [e for e in _read(out, "entities.jsonl") if e["type"] == "PERSON"]
    assert [(e["name"], e["id"]) for e in people] == [("Y", "per:y")]

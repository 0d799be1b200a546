"""Outputs hold up in real readers: networkx and igraph, whatever the article text holds."""
import json
import xml.etree.ElementTree as ET

import igraph
import networkx as nx

NAMES = {"Budi Santoso": "PER", "Budi": "PER", "Siti Rahma": "PER", "Jakarta": "LOC", "Rusia": "LOC",
         "NATO": "ORG", "Organisasi Pakta Atlantik Utara": "ORG", "AS": "LOC", "Amerika Serikat": "LOC"}
DOCS = {
    "a.txt": "Judul\n\nMenteri Luar Negeri Rusia Budi Santoso bertemu Siti Rahma di Jakarta.\n\n"
             "“Kami tidak akan mundur dari NATO,” kata Budi kepada Siti Rahma.\n\n"
             "Amerika Serikat (AS) dan Organisasi Pakta Atlantik Utara (NATO) menolak.",
    "b.txt": "Berita kedua\n\nBudi Santoso mengatakan bahwa AS akan bekerja sama dengan Rusia.\n\n"
             "Siti Rahma tidak hadir di Jakarta.",
}


def test_graph_files_load_in_networkx_and_igraph_with_same_counts(build_docs):
    result, out = build_docs(DOCS, NAMES)
    g_nx = nx.read_graphml(out / "graph.graphml")
    g_ig = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    g_gexf = nx.read_gexf(out / "graph.gexf")
    assert g_nx.number_of_nodes() == g_ig.vcount() == g_gexf.number_of_nodes() == result.graph.number_of_nodes()
    assert g_nx.number_of_edges() == g_ig.ecount() == g_gexf.number_of_edges() == result.graph.number_of_edges()
    assert set(g_ig.vs.attributes()) >= {"name", "type", "aliases", "mentions", "roles", "quote_count", "quote_texts"}
    assert set(g_ig.es.attributes()) >= {"relation", "weight", "quotes"}
    # the same attributes through both readers
    by_id = {v["id"]: v for v in g_ig.vs}
    for n, d in g_nx.nodes(data=True):
        assert by_id[n]["type"] == d["type"] and by_id[n]["mentions"] == d["mentions"]
    # gexf has viz colours for Gephi
    root = ET.parse(out / "graph.gexf").getroot()
    assert root.findall(".//{*}color"), "GEXF carries viz colours"


def test_graphml_keeps_every_node_and_edge_attribute_with_its_type(build_docs):
    result, out = build_docs(DOCS, NAMES)
    back = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(result.graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(result.graph.edges(keys=True, data=True))
    assert back.is_directed()


def test_gexf_keeps_every_attribute_with_its_type_and_gephi_colours(build_docs):
    from kg.export.style import NODE_COLORS

    result, out = build_docs(DOCS, NAMES)
    back = nx.read_gexf(out / "graph.gexf")
    for n, d in result.graph.nodes(data=True):
        got = back.nodes[n]
        assert got["label"] == d["label"]
        assert {k: got[k] for k in d if k != "label"} == {k: v for k, v in d.items() if k != "label"}
        color = got["viz"]["color"]
        assert "#%02x%02x%02x" % (color["r"], color["g"], color["b"]) == NODE_COLORS[d["type"]]
        assert got["viz"]["size"] > 0
    edges = {k: d for *_, k, d in back.edges(keys=True, data=True)}
    assert len(edges) == result.graph.number_of_edges()
    for u, v, k, d in result.graph.edges(keys=True, data=True):
        assert back.has_edge(u, v, k)
        assert edges[k]["relation"] == d["relation"] and edges[k]["weight"] == d["weight"]
        assert edges[k]["quotes"] == d["quotes"] and edges[k]["docs"] == d["docs"]


def test_entities_merge_across_spellings_and_documents(build_docs):
    result, out = build_docs(DOCS, NAMES)
    ents = {e["name"]: e for e in map(json.loads, open(out / "entities.jsonl", encoding="utf-8"))}
    budi = ents["Budi Santoso"]
    assert budi["type"] == "PERSON" and set(budi["aliases"]) == {"Budi", "Budi Santoso"}
    assert budi["docs"] == ["a.txt", "b.txt"] and "Menteri Luar Negeri Rusia" in budi["roles"]
    assert ents["Amerika Serikat"]["type"] == "COUNTRY" and set(ents["Amerika Serikat"]["aliases"]) == {"AS", "Amerika Serikat"}
    nato = [e for e in ents.values() if "NATO" in e["aliases"]]
    assert len(nato) == 1 and "Organisasi Pakta Atlantik Utara" in nato[0]["aliases"]
    relations = {(result.graph.nodes[u]["name"], result.graph.nodes[v]["name"], d["relation"])
                 for u, v, d in result.graph.edges(data=True)}
    assert ("Budi Santoso", "Siti Rahma", "speaks_to") in relations
    assert ("Budi Santoso", "NATO", "quotes_about") in relations
    assert ("Budi Santoso", "Rusia", "affiliated_with") in relations


def test_jsonl_contract(build_docs):
    _, out = build_docs(DOCS, NAMES)
    texts = {name: text for name, text in DOCS.items()}
    for m in map(json.loads, open(out / "mentions.jsonl", encoding="utf-8")):
        assert {"doc", "entity", "entity_id", "type", "text", "start", "end"} <= m.keys()
        assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]
    quotes = list(map(json.loads, open(out / "quotes.jsonl", encoding="utf-8")))
    assert quotes
    for q in quotes:
        assert {"doc", "text", "kind", "speaker", "speaker_id", "speaker_desc", "addressee", "cue", "start", "end"} <= q.keys()
        assert texts[q["doc"]][q["start"]:q["end"]] == q["text"] and q["kind"] in {"direct", "indirect"}


HOSTILE = ("Judul <script>alert(1)</script>\n\n"
           "Budi Santoso <img src=x onerror=alert(2)> bertemu Siti Rahma di Jakarta.\n\n"
           "“</script><script>alert(3)</script> javascript:alert(4) &lt;b&gt; \x00\x01\x0b \ud800 tamat,” kata Budi.\n")


def test_hostile_text_gives_well_formed_xml(build_docs):
    names = dict(NAMES, **{"Budi <img src=x onerror=alert(2)>": "PER"})
    result, out = build_docs({"evil.txt": HOSTILE.replace("\ud800", "")}, names)
    for f in ("graph.graphml", "graph.gexf"):
        ET.parse(out / f)  # raises on malformed XML
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "</script><script>" not in html


def test_export_safe_handles_none_lists_and_control_characters(tmp_path):
    from kg.export.graphml import write_gexf, write_graphml

    g = nx.MultiDiGraph()
    g.add_node("a\x00", name="x\x01y\ud800", type="PERSON", mentions=1, roles=["a", "b"], missing=None)
    g.add_node("b", name="b", type="COUNTRY", mentions=2, roles=[], missing=None)
    g.add_edge("a\x00", "b", key="e0", relation="cooccurs", weight=1, quotes=None)
    write_graphml(g, tmp_path / "g.graphml")
    write_gexf(g, tmp_path / "g.gexf")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == 2 and back.number_of_edges() == 1
    assert igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml")).vcount() == 2
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == 1


def test_markup_characters_in_ids_and_values_read_back_unchanged(tmp_path):
    from kg.export.graphml import write_gexf, write_graphml

    tricky = 'a & b < c > d "e" \'f\' g\nh\r\ni\tj ]]> &amp;'
    g = nx.MultiDiGraph()
    g.add_node(tricky, label=tricky, name=tricky, type="PERSON", mentions=3, quoted=True)
    g.add_node("b", label="b", name="b", type="COUNTRY", mentions=1, quoted=False)
    g.add_edge(tricky, "b", key=tricky, relation="said_to", weight=2, quotes=tricky)
    write_graphml(g, tmp_path / "g.graphml")
    write_gexf(g, tmp_path / "g.gexf")
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert back.nodes[tricky] == g.nodes[tricky] and back.nodes["b"]["quoted"] is False
    assert list(back.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    assert gexf.nodes[tricky]["name"] == tricky and gexf.nodes[tricky]["label"] == tricky
    assert [d["quotes"] for *_, d in gexf.edges(data=True)] == [tricky]
    assert igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml")).vs["name"] == [tricky, "b"]


def test_same_inputs_give_byte_identical_outputs(tmp_path):
    from conftest import run_build

    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    _, out1 = run_build(tmp_path / "one", DOCS, NAMES)
    _, out2 = run_build(tmp_path / "two", dict(reversed(list(DOCS.items()))), NAMES)
    for f in ("graph.html", "graph.graphml", "graph.gexf", "entities.jsonl", "mentions.jsonl", "quotes.jsonl"):
        assert (out1 / f).read_bytes() == (out2 / f).read_bytes(), f

"""GraphML and GEXF for Gephi, well-formed whatever the article text holds.

networkx raises on None and list attributes and writes control characters
that XML 1.0 forbids; `export_safe` fixes both before any writer sees the
graph. The GEXF copy carries `viz` colours and sizes so that Gephi shows the
same colours as graph.html with no styling work.
"""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from kg.export.style import NODE_COLORS, node_size

# characters XML 1.0 does not allow, plus lone surrogates
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_xml_text(s: str) -> str:
    return _ILLEGAL.sub("\ufffd", s)


def _safe_value(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, (list, tuple, set)):
        return " | ".join(clean_xml_text(str(x)) for x in v)
    return clean_xml_text(str(v))


def export_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph()
    h.graph.update({k: _safe_value(v) for k, v in g.graph.items()})
    for n, d in g.nodes(data=True):
        h.add_node(clean_xml_text(str(n)), **{k: _safe_value(v) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(clean_xml_text(str(u)), clean_xml_text(str(v)), key=k, **{a: _safe_value(x) for a, x in d.items()})
    return h


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml_lxml(export_safe(g), path, encoding="utf-8", prettyprint=True)


def write_gexf(g: nx.MultiDiGraph, path: Path) -> None:
    h = export_safe(g)
    for n, d in h.nodes(data=True):
        r, gr, b = _rgb(NODE_COLORS.get(d.get("type", ""), "#999999"))
        d["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": float(node_size(d.get("mentions", 1)))}
    for u, v, k, d in h.edges(keys=True, data=True):
        d["id"] = k  # GEXF edge ids must be unique; networkx would use the key
    nx.write_gexf(h, path, encoding="utf-8", prettyprint=True, version="1.2draft")


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)

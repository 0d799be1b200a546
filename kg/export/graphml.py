"""GraphML and GEXF for Gephi, well-formed whatever the article text holds.

networkx raises on None and list attributes and writes control characters
that XML 1.0 forbids; `export_safe` fixes both before any writer sees the
graph. Both files are streamed with lxml's incremental writer in the layout
networkx writes (and reads back unchanged, as tests check): networkx's own
writers build the whole document in memory first, and on a 1,000-article
corpus they took longer than every other output together. The GEXF carries `viz`
colours and sizes so that Gephi shows the same colours as graph.html with no
styling work. Nodes and edges with dated documents get GEXF `start`/`end`
(their first and last dates), so that Gephi's timeline plays the graph over time.
"""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
from lxml import etree

from kg import __version__
from kg.export.style import NODE_COLORS, node_size

# characters XML 1.0 does not allow, plus lone surrogates
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_NS = "http://www.gexf.net/1.2draft"
VIZ_NS = "http://www.gexf.net/1.2draft/viz"
_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


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


def _is_safe(v) -> bool:
    return isinstance(v, (bool, int, float)) or (isinstance(v, str) and not _ILLEGAL.search(v))


def _graph_is_safe(g: nx.MultiDiGraph) -> bool:
    return (all(_is_safe(n) and all(map(_is_safe, d.values())) for n, d in g.nodes(data=True))
            and all(_is_safe(k) and all(map(_is_safe, d.values())) for _, _, k, d in g.edges(keys=True, data=True))
            and all(map(_is_safe, g.graph.values())))


def export_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """`g` itself when every id and value is already XML-safe (kg's own graphs are), else a fixed copy."""
    if _graph_is_safe(g):
        return g
    h = nx.MultiDiGraph()
    h.graph.update({k: _safe_value(v) for k, v in g.graph.items()})
    for n, d in g.nodes(data=True):
        h.add_node(clean_xml_text(str(n)), **{k: _safe_value(v) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(clean_xml_text(str(u)), clean_xml_text(str(v)), key=clean_xml_text(str(k)),
                   **{a: _safe_value(x) for a, x in d.items()})
    return h


def write_graphml(g: nx.MultiDiGraph, path: Path, *, safe: bool = False) -> None:
    """GraphML as networkx writes it (typed <key>s, edge keys as edge ids), streamed.
    `safe`: `g` came from `export_safe` already (one check for both formats)."""
    g = g if safe else export_safe(g)
    node_keys = _declare((d for _, d in g.nodes(data=True)), skip=set(), first_id=0)
    edge_keys = _declare((d for *_, d in g.edges(data=True)), skip=set(), first_id=len(node_keys))
    ns = f"{{{GRAPHML_NS}}}"
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(ns + "graphml", nsmap={None: GRAPHML_NS, "xsi": XSI_NS},
                        attrib={f"{{{XSI_NS}}}schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"}):
            for cls, keys in (("node", node_keys), ("edge", edge_keys)):
                for name, (kid, typ) in keys.items():
                    xf.write("\n")
                    _empty(xf, ns + "key", {"id": f"d{kid}", "for": cls, "attr.name": name, "attr.type": typ})
            xf.write("\n")
            with xf.element(ns + "graph", edgedefault="directed"):
                for n, d in g.nodes(data=True):
                    xf.write("\n")
                    with xf.element(ns + "node", id=str(n)):
                        _data(xf, ns, d, node_keys)
                for u, v, k, d in g.edges(keys=True, data=True):
                    xf.write("\n")
                    with xf.element(ns + "edge", source=str(u), target=str(v), id=str(k)):
                        _data(xf, ns, d, edge_keys)


def write_gexf(g: nx.MultiDiGraph, path: Path, *, safe: bool = False) -> None:
    """GEXF 1.2 (draft namespace, as networkx and Gephi use it): typed attributes, viz colour and size."""
    g = g if safe else export_safe(g)
    node_attrs = _declare((d for _, d in g.nodes(data=True)), skip={"label"}, first_id=0)
    edge_attrs = _declare((d for *_, d in g.edges(data=True)), skip={"weight"}, first_id=len(node_attrs))
    ns, viz = f"{{{GEXF_NS}}}", f"{{{VIZ_NS}}}"
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(ns + "gexf", nsmap={None: GEXF_NS, "viz": VIZ_NS}, version="1.2"):
            # the newest article's date, not today's: the same inputs give the same file on any day
            newest = max((d["last_date"] for _, d in g.nodes(data=True) if d.get("last_date")), default="")
            with xf.element(ns + "meta", **({"lastmodifieddate": newest} if newest else {})):
                with xf.element(ns + "creator"):
                    xf.write(f"kg {__version__}")
            dated = any(d.get("first_date") for _, d in g.nodes(data=True))
            mode = {"mode": "dynamic", "timeformat": "date"} if dated else {"mode": "static"}
            with xf.element(ns + "graph", defaultedgetype="directed", **mode):
                for cls, attrs in (("node", node_attrs), ("edge", edge_attrs)):
                    with xf.element(ns + "attributes", {"class": cls, "mode": "static"}):
                        for key, (aid, typ) in attrs.items():
                            _empty(xf, ns + "attribute", id=aid, title=key, type=typ)
                with xf.element(ns + "nodes"):
                    for n, d in g.nodes(data=True):
                        xf.write("\n")  # one node per line
                        with xf.element(ns + "node", id=str(n), label=str(d.get("label", n)), **_times(d)):
                            _attvalues(xf, ns, d, node_attrs)
                            color = NODE_COLORS.get(d.get("type", ""), "#999999").lstrip("#")
                            r, gr, b = (str(int(color[i:i + 2], 16)) for i in (0, 2, 4))
                            _empty(xf, viz + "color", r=r, g=gr, b=b, a="1.0")
                            _empty(xf, viz + "size", value=repr(float(node_size(d.get("mentions", 1)))))
                with xf.element(ns + "edges"):
                    for u, v, k, d in g.edges(keys=True, data=True):
                        xf.write("\n")
                        extra = {"weight": str(d["weight"])} if "weight" in d else {}
                        extra.update(_times(d))
                        with xf.element(ns + "edge", id=str(k), source=str(u), target=str(v), **extra):
                            _attvalues(xf, ns, d, edge_attrs)


def _times(d: dict) -> dict[str, str]:
    """GEXF start/end from kg's first_date/last_date (ISO days), when known."""
    if d.get("first_date") and d.get("last_date"):
        return {"start": str(d["first_date"]), "end": str(d["last_date"])}
    return {}


def _empty(xf, tag: str, attrib: dict | None = None, **kw) -> None:
    with xf.element(tag, attrib, **kw):
        pass


def _declare(datas, skip: set[str], first_id: int) -> dict[str, tuple[str, str]]:
    """Attribute name → (id, GraphML/GEXF type), in order of first appearance."""
    types: dict[str, str] = {}
    for d in datas:
        for key, value in d.items():
            if key in skip:
                continue
            typ = _XML_TYPES.get(type(value), "string")
            if key in types and types[key] != typ:
                typ = "double" if {types[key], typ} == {"long", "double"} else "string"
            types[key] = typ
    return {key: (str(first_id + i), typ) for i, (key, typ) in enumerate(types.items())}


def _data(xf, ns: str, d: dict, keys: dict[str, tuple[str, str]]) -> None:
    for key, value in d.items():
        with xf.element(ns + "data", key=f"d{keys[key][0]}"):
            xf.write(_text(value))


def _text(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _attvalues(xf, ns: str, d: dict, attrs: dict[str, tuple[str, str]]) -> None:
    with xf.element(ns + "attvalues"):
        for key, value in d.items():
            if key in attrs:
                _empty(xf, ns + "attvalue", {"for": attrs[key][0], "value": _text(value)})

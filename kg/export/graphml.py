"""GraphML and GEXF for Gephi, well-formed whatever the article text holds.

networkx raises on None and list attributes and writes control characters
that XML 1.0 forbids; `export_safe` fixes both before any writer sees the
graph. Both files are streamed in the layout networkx writes (and reads
back unchanged, as tests check): networkx's own writers build the whole
document in memory first, and on a 1,000-article corpus they took longer
than every other output together. The markup is formatted as text, each
value escaped with xml.sax.saxutils: three times faster than lxml's
incremental writer, which made one Python call per element, with the same bytes. The GEXF carries `viz`
colours and sizes so that Gephi shows the same colours as graph.html with no
styling work. Nodes and edges with dated documents get GEXF `start`/`end`
(their first and last dates), so that Gephi's timeline plays the graph over time.
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx

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


def _graph_is_safe(g: nx.MultiDiGraph) -> bool:
    """Every id and value a number or a string XML allows (the strings are checked in one search)."""
    values = [*g.graph.values()]
    for n, d in g.nodes(data=True):
        values.append(n)
        values.extend(d.values())
    for _, _, k, d in g.edges(keys=True, data=True):
        values.append(k)
        values.extend(d.values())
    strings = [v for v in values if type(v) is str]
    if len(strings) + sum(type(v) in (bool, int, float) for v in values) != len(values):
        return False
    return not _ILLEGAL.search(" ".join(strings))


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
    with _Markup(path) as out:
        out.write(f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" '
                  f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd">')
        for cls, keys in (("node", node_keys), ("edge", edge_keys)):
            for name, (kid, typ) in keys.items():
                out.write(f'\n<key id="d{kid}" for="{cls}" attr.name="{_attr(name)}" attr.type="{typ}"></key>')
        out.write('\n<graph edgedefault="directed">')
        for n, d in g.nodes(data=True):
            out.write(f'\n<node id="{_attr(n)}">{_data(d, node_keys)}</node>')
        for u, v, k, d in g.edges(keys=True, data=True):
            out.write(f'\n<edge source="{_attr(u)}" target="{_attr(v)}" id="{_attr(k)}">{_data(d, edge_keys)}</edge>')
        out.write("</graph></graphml>")


def write_gexf(g: nx.MultiDiGraph, path: Path, *, safe: bool = False) -> None:
    """GEXF 1.2 (draft namespace, as networkx and Gephi use it): typed attributes, viz colour and size."""
    g = g if safe else export_safe(g)
    node_attrs = _declare((d for _, d in g.nodes(data=True)), skip={"label"}, first_id=0)
    edge_attrs = _declare((d for *_, d in g.edges(data=True)), skip={"weight"}, first_id=len(node_attrs))
    # the newest article's date, not today's: the same inputs give the same file on any day
    newest = max((d["last_date"] for _, d in g.nodes(data=True) if d.get("last_date")), default="")
    dated = any(d.get("first_date") for _, d in g.nodes(data=True))
    mode = 'mode="dynamic" timeformat="date"' if dated else 'mode="static"'
    with _Markup(path) as out:
        out.write(f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" version="1.2">')
        out.write(f'<meta lastmodifieddate="{_attr(newest)}">' if newest else "<meta>")
        out.write(f"<creator>kg {_text_node(__version__)}</creator></meta>")
        out.write(f'<graph defaultedgetype="directed" {mode}>')
        for cls, attrs in (("node", node_attrs), ("edge", edge_attrs)):
            out.write(f'<attributes class="{cls}" mode="static">')
            for key, (aid, typ) in attrs.items():
                out.write(f'<attribute id="{aid}" title="{_attr(key)}" type="{typ}"></attribute>')
            out.write("</attributes>")
        out.write("<nodes>")
        for n, d in g.nodes(data=True):  # one node per line
            color = NODE_COLORS.get(d.get("type", ""), "#999999").lstrip("#")
            r, gr, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
            size = repr(float(node_size(d.get("mentions", 1))))
            out.write(f'\n<node id="{_attr(n)}" label="{_attr(d.get("label", n))}"{_times(d)}>'
                      f"{_attvalues(d, node_attrs)}"
                      f'<viz:color r="{r}" g="{gr}" b="{b}" a="1.0"></viz:color><viz:size value="{size}"></viz:size>'
                      "</node>")
        out.write("</nodes><edges>")
        for u, v, k, d in g.edges(keys=True, data=True):
            weight = f' weight="{_attr(d["weight"])}"' if "weight" in d else ""
            out.write(f'\n<edge id="{_attr(k)}" source="{_attr(u)}" target="{_attr(v)}"{weight}{_times(d)}>'
                      f"{_attvalues(d, edge_attrs)}</edge>")
        out.write("</edges></graph></gexf>")


class _Markup:
    """A UTF-8 XML file written in large pieces: markup is formatted here, every value escaped by
    xml.sax.saxutils the way libxml2 (lxml) serialises it, so files match what lxml wrote before."""

    def __init__(self, path: Path, flush_at: int = 4096):
        self.path, self.flush_at, self.parts = path, flush_at, []

    def __enter__(self):
        self.f = open(self.path, "w", encoding="utf-8", newline="")
        self.f.write("<?xml version='1.0' encoding='utf-8'?>\n")
        return self

    def write(self, s: str) -> None:
        self.parts.append(s)
        if len(self.parts) >= self.flush_at:
            self.f.write("".join(self.parts))
            self.parts.clear()

    def __exit__(self, *exc):
        try:
            self.f.write("".join(self.parts))
        finally:
            self.f.close()


def _times(d: dict) -> str:
    """GEXF start/end attributes from kg's first_date/last_date (ISO days), when known."""
    if d.get("first_date") and d.get("last_date"):
        return f' start="{_attr(d["first_date"])}" end="{_attr(d["last_date"])}"'
    return ""


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


def _data(d: dict, keys: dict[str, tuple[str, str]]) -> str:
    return "".join(f'<data key="d{keys[key][0]}">{_text_node(value)}</data>' for key, value in d.items())


def _attvalues(d: dict, attrs: dict[str, tuple[str, str]]) -> str:
    values = "".join(f'<attvalue for="{attrs[key][0]}" value="{_attr(value)}"></attvalue>'
                     for key, value in d.items() if key in attrs)
    return f"<attvalues>{values}</attvalues>"


def _text(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


_ATTR_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}  # besides & < >, as libxml2
_TEXT_ENTITIES = {"\r": "&#13;"}
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')
_TEXT_SPECIAL = re.compile("[&<>\r]")


def _attr(value) -> str:
    s = _text(value)
    return escape(s, _ATTR_ENTITIES) if _ATTR_SPECIAL.search(s) else s  # most values need nothing


def _text_node(value) -> str:
    s = _text(value)
    return escape(s, _TEXT_ENTITIES) if _TEXT_SPECIAL.search(s) else s

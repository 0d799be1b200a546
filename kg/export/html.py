"""graph.html: an interactive, self-contained, offline page (pyvis + vis-network).

pyvis assembles the node and edge data; kg renders it with its own template
because pyvis' stock page loads Bootstrap and tom-select from a CDN and puts
tooltip text into innerHTML. Here vis-network's script and styles are
inlined, the data sits in a JSON script block (with `<`, `>` and `&`
escaped), tooltips are built from text nodes, and a Content-Security-Policy
forbids any request to another host.
"""
from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from kg.export.style import EDGE_LABELS, EDGE_STYLES, NODE_COLORS, edge_width, node_size

MAX_TIP_QUOTES = 5
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


def _split(s: str) -> list[str]:
    return [x for x in s.split(" | ") if x] if s else []


def page_data(g: nx.MultiDiGraph, note: str) -> dict:
    net = Network(directed=True)
    for n, d in sorted(g.nodes(data=True)):
        net.add_node(n, label=d["name"], group=d["type"], value=d["mentions"])
    for u, v, k, d in sorted(g.edges(keys=True, data=True)):
        net.add_edge(u, v, relation=d["relation"], value=d["weight"])
    nodes, edges, *_ = net.get_network_data()
    attrs = dict(g.nodes(data=True))
    edge_attrs = {(u, v, d["relation"]): d for u, v, d in g.edges(data=True)}
    out_nodes = []
    for n in nodes:
        d = attrs[n["id"]]
        quotes = _split(d.get("quote_texts", ""))
        out_nodes.append({"id": n["id"], "name": d["name"], "type": d["type"], "mentions": d["mentions"],
                          "docs": d["docs"], "roles": _split(d.get("roles", "")), "aliases": _split(d.get("aliases", "")),
                          "quotes": quotes[:MAX_TIP_QUOTES], "quote_count": d.get("quote_count", 0),
                          "size": node_size(d["mentions"]), "color": NODE_COLORS.get(d["type"], "#999999")})
    out_edges = []
    for e in edges:
        d = edge_attrs[(e["from"], e["to"], e["relation"])]
        color, dashed = EDGE_STYLES[e["relation"]]
        out_edges.append({"from": e["from"], "to": e["to"], "relation": e["relation"], "weight": d["weight"],
                          "width": edge_width(d["weight"]), "color": color, "dashed": dashed,
                          "quotes": _split(d.get("quotes", ""))[:MAX_TIP_QUOTES]})
    type_counts = Counter(n["type"] for n in out_nodes)
    rel_counts = Counter(e["relation"] for e in out_edges)
    return {
        "nodes": out_nodes, "edges": out_edges, "note": note, "edge_labels": EDGE_LABELS,
        "node_types": {t: {"label": t.title(), "color": c, "count": type_counts.get(t, 0)} for t, c in NODE_COLORS.items()},
        "relations": {r: {"label": EDGE_LABELS[r], "color": s[0], "dashed": s[1], "count": rel_counts.get(r, 0)}
                      for r, s in EDGE_STYLES.items()},
    }


def _script_json(obj) -> str:
    # no "</script>" or "<!--" can survive: <, > and & become JSON escapes
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(g: nx.MultiDiGraph, title: str, note: str) -> str:
    template_text = resources.files("kg.export").joinpath("assets/page.html").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True)
    tpl = env.from_string(template_text)
    return tpl.render(
        title=title,
        data_json=Markup(_script_json(page_data(g, note))),
        vis_js=Markup((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")),
        vis_css=Markup((VIS_DIR / "vis-network.css").read_text(encoding="utf-8")),
    )


def write_html(g: nx.MultiDiGraph, path: Path, title: str = "kg: who is in the news", note: str = "") -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(render(g, title, note))

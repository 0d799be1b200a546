"""graph.html: an interactive, self-contained, offline page (pyvis + vis-network).

pyvis assembles the node and edge data; kg renders it with its own template
because pyvis' stock page loads Bootstrap and tom-select from a CDN and puts
tooltip text into innerHTML. Here vis-network's script and styles are
inlined, the data sits in a JSON script block (with `<`, `>` and `&`
escaped), tooltips and the side panel are built from text nodes, and a
Content-Security-Policy forbids any request to another host.

The side panel (click a node or an edge) lists every quote behind it, so the
page also carries the quotes by or about the drawn entities and the title,
date and URL of their articles (`panel_data`).
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
from kg.graph import quoted_entities

MAX_TIP_QUOTES = 5
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


def _split(s: str) -> list[str]:
    return [x for x in s.split(" | ") if x] if s else []


def panel_data(docs, link: dict, names: dict[str, str], keep: set[str]) -> dict:
    """The quotes by or naming a drawn entity, with their articles: what the side panel lists.

    Each quote: text, kind, speaker (id, or None when the speaker is not drawn), speaker_name,
    addressee (name), addressee_id, doc (index into `docs`) and `about`: the drawn entities it names
    (the graph's quotes_about rule: a mention inside the quote, not the speaker)."""
    out_docs: list[dict] = []
    quotes: list[dict] = []
    for res in docs:
        doc_index = None
        eid = {i: link[(res.doc, m.entity)] for i, m in enumerate(res.mentions)}
        for q in res.quotes:
            spk = None if q.speaker is None else eid[q.speaker]
            adr = None if q.addressee is None else eid[q.addressee]
            about = sorted(e for e in quoted_entities(res, q, eid) if e != spk and e in keep) \
                if spk is not None else []  # as in the graph: only attributed quotes link a speaker to an entity
            if spk not in keep and not about:
                continue
            if doc_index is None:
                doc_index = len(out_docs)
                out_docs.append({"doc": res.doc, "title": res.title, "date": res.date, "url": res.url})
            quotes.append({"text": q.text, "kind": q.kind, "speaker": spk if spk in keep else None,
                           "speaker_name": names.get(spk) if spk else (q.speaker_desc or ""),
                           "addressee": names.get(adr) if adr else "", "addressee_id": adr if adr in keep else None,
                           "doc": doc_index, "about": about})
    return {"docs": out_docs, "quotes": quotes}


def _dates(g: nx.MultiDiGraph, docs) -> dict[str, list[str]]:
    """Entity id → the distinct publication dates of its documents (for the date filter)."""
    date_of = {r.doc: r.date for r in docs if r.date}
    out = {}
    for n, doc_list in g.nodes(data="doc_list"):
        out[n] = sorted({date_of[d] for d in _split(doc_list or "") if d in date_of})
    return out


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
                          "first_date": d.get("first_date", ""), "last_date": d.get("last_date", ""),
                          "size": node_size(d["mentions"]), "color": NODE_COLORS.get(d["type"], "#999999")})
    out_edges = []
    for e in edges:
        d = edge_attrs[(e["from"], e["to"], e["relation"])]
        color, dashed = EDGE_STYLES[e["relation"]]
        out_edges.append({"from": e["from"], "to": e["to"], "relation": e["relation"], "weight": d["weight"],
                          "width": edge_width(d["weight"]), "color": color, "dashed": dashed,
                          "quotes": _split(d.get("quotes", ""))[:MAX_TIP_QUOTES], "docs": d.get("docs", 0),
                          "first_date": d.get("first_date", ""), "last_date": d.get("last_date", "")})
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


def render(g: nx.MultiDiGraph, title: str, note: str, docs=None, link: dict | None = None,
           names: dict[str, str] | None = None) -> str:
    """The page; with the build's documents (`docs`, `link`, `names`) the side panel lists their quotes."""
    template_text = resources.files("kg.export").joinpath("assets/page.html").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True)
    tpl = env.from_string(template_text)
    data = page_data(g, note)
    data.update(panel_data(docs, link, names, set(g.nodes)) if docs is not None else {"docs": [], "quotes": []})
    dates = _dates(g, docs or [])
    for n in data["nodes"]:
        n["dates"] = dates.get(n["id"], [])
    return tpl.render(
        title=title,
        data_json=Markup(_script_json(data)),
        vis_js=Markup((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")),
        vis_css=Markup((VIS_DIR / "vis-network.css").read_text(encoding="utf-8")),
    )


def write_html(g: nx.MultiDiGraph, path: Path, title: str = "kg: who is in the news", note: str = "",
               docs=None, link: dict | None = None, names: dict[str, str] | None = None) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(render(g, title, note, docs, link, names))

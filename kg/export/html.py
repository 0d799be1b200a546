"""graph.html: an interactive, self-contained, offline page (vis-network, as bundled with pyvis).

The page carries every entity of the build, every link of weight ≥ --min-weight
and every quote by or naming an entity, in compact arrays; it *draws* only a
bounded part of them: the overview (the --max-nodes most mentioned entities,
or the most mentioned within a chosen date range) or one entity's focus view
(it and its strongest neighbours). So search reaches any entity and the page
stays fast on thousands of articles.

vis-network's script and styles are inlined, the data sits in a JSON script
block (with `<`, `>` and `&` escaped), tooltips and the side panel are built
from text nodes, and a Content-Security-Policy forbids any request to another
host.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.export.style import EDGE_LABELS, EDGE_STYLES, NODE_COLORS
from kg.graph import EDGE_TYPES, quote_targets
from kg.meta import outlet
from kg.statements import statement_keys

MAX_TIP_QUOTES = 5
# pyvis's copy of vis-network, found without importing pyvis (which imports IPython: 1-1.5 s of CPU)
VIS_DIR = Path(find_spec("pyvis").submodule_search_locations[0]) / "templates" / "lib" / "vis-9.1.2"
RELATIONS = list(EDGE_TYPES)


def _split(s: str) -> list[str]:
    return [x for x in s.split(" | ") if x] if s else []


class _Dates:
    """Dates as indices into one sorted list: the page repeats them tens of thousands of times."""

    def __init__(self, dates):
        self.list = sorted({d for d in dates if d})
        self.index = {d: i for i, d in enumerate(self.list)}

    def __call__(self, d: str) -> int:
        return self.index.get(d, -1)


def page_data(g: nx.MultiDiGraph, docs, link: dict, max_nodes: int, min_weight: int) -> dict:
    """Everything the page shows, as compact arrays (the template's script names the fields)."""
    order = sorted(g.nodes, key=lambda n: (-g.nodes[n]["mentions"], -g.nodes[n]["quote_count"], n))
    index = {n: i for i, n in enumerate(order)}
    per_day: dict[str, Counter] = defaultdict(Counter)
    for res in docs:
        if res.date:
            for m in res.mentions:
                per_day[link[(res.doc, m.entity)]][res.date] += 1
    dates = _Dates([d for c in per_day.values() for d in c] + [res.date for res in docs]
                   + [d for _, x in g.nodes(data=True) for d in (x["first_date"], x["last_date"])])
    ents = []
    for n in order:
        d = g.nodes[n]
        day = sorted(per_day.get(n, {}).items())
        ents.append([n, d["name"], d["type"], d["mentions"], d["docs"], d.get("quote_count", 0),
                     dates(d.get("first_date", "")), dates(d.get("last_date", "")),
                     _split(d.get("aliases", "")), _split(d.get("roles", "")),
                     [x for k, c in day for x in (dates(k), c)]])
    links = [[index[u], index[v], RELATIONS.index(d["relation"]), d["weight"], d.get("docs", 0),
              dates(d.get("first_date", "")), dates(d.get("last_date", ""))]
             for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"]))
             if d["weight"] >= min_weight]
    out_docs, quotes = _quotes(docs, link, index, dates)
    return {
        "ents": ents, "links": links, "docs": out_docs, "quotes": quotes, "dates": dates.list,
        "max_nodes": max_nodes, "min_weight": min_weight, "relation_names": RELATIONS,
        "types": {t: {"label": t.title(), "color": c} for t, c in NODE_COLORS.items()},
        "relations": {r: {"label": EDGE_LABELS[r], "color": s[0], "dashed": s[1]} for r, s in EDGE_STYLES.items()},
    }


def _quotes(docs, link: dict, index: dict[str, int], dates: _Dates) -> tuple[list, list]:
    """The quotes by or naming an entity, with their articles (title, date, URL, outlet) and statement keys.

    A quote: [text, kind, speaker (entity index, -1 when none), speaker description, addressee (index or -1),
    document (index into the docs list), the entities it names (the graph's quotes_about rule), statement, start]."""
    out_docs: list[list] = []
    rows: list[dict] = []
    for res in docs:
        doc_index = None
        eid = {i: link[(res.doc, m.entity)] for i, m in enumerate(res.mentions)}
        quoted = quote_targets(res, eid)
        for q in res.quotes:
            spk = None if q.speaker is None else eid[q.speaker]
            about = sorted(e for e in quoted(q) if e != spk) if spk is not None else []
            if spk is None and not about:
                continue
            if doc_index is None:
                doc_index = len(out_docs)
                out_docs.append([res.doc, res.title, dates(res.date), res.url, outlet(res.source, res.url)])
            rows.append({"doc": res.doc, "start": q.start, "date": res.date, "text": q.text, "speaker_id": spk,
                         "row": [q.text, q.kind, index[spk] if spk else -1, q.speaker_desc or "",
                                 -1 if q.addressee is None else index[eid[q.addressee]], doc_index,
                                 sorted(index[e] for e in about)]})
    return out_docs, [r["row"] + [k, r["start"]] for r, k in zip(rows, statement_keys(rows))]


def _script_json(obj) -> str:
    # no "</script>" or "<!--" can survive: <, > and & become JSON escapes
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(g: nx.MultiDiGraph, title: str, docs=None, link: dict | None = None, names: dict[str, str] | None = None,
           max_nodes: int = 300, min_weight: int = 1) -> str:
    """The page; with the build's documents (`docs`, `link`, `names`) the side panel lists their quotes."""
    template_text = resources.files("kg.export").joinpath("assets/page.html").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True)
    tpl = env.from_string(template_text)
    data = page_data(g, docs or [], link or {}, max_nodes, min_weight)
    return tpl.render(
        title=title,
        data_json=Markup(_script_json(data)),
        vis_js=Markup((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")),
        vis_css=Markup((VIS_DIR / "vis-network.css").read_text(encoding="utf-8")),
    )


def write_html(g: nx.MultiDiGraph, path: Path, title: str = "kg: who is in the news", docs=None,
               link: dict | None = None, names: dict[str, str] | None = None, max_nodes: int = 300,
               min_weight: int = 1) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(render(g, title, docs, link, names, max_nodes, min_weight))

"""Records → one networkx graph with export-safe attributes.

Nodes are corpus entities. Edges (a MultiDiGraph; the `relation` attribute gives the edge type):
- `cooccurs`: two entities named in one sentence (stored once, from the
  smaller id to the larger; weight = number of sentences);
- `quotes_about`: a speaker → an entity named in their quotes (weight =
  number of quotes; `quotes` holds the texts);
- `speaks_to`: a speaker → the addressee of their quotes;
- `affiliated_with`: a person → a country or organization named in their role.
Nodes and edges carry `first_date` and `last_date`: the earliest and latest
publication date (ISO day) of the documents behind them, "" when none is dated.
Every attribute is a str, int or float (lists are joined with " | "), so
GraphML and GEXF writers accept them and Gephi can filter on them.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.records import DocResult, Entity

if TYPE_CHECKING:
    import networkx as nx

SEP = " | "
EDGE_TYPES = ("cooccurs", "quotes_about", "speaks_to", "affiliated_with")
MAX_QUOTES_PER_EDGE = 20


def build_graph(entities: list[Entity], link: dict[tuple[str, int], str], docs: list[DocResult]) -> nx.MultiDiGraph:
    import networkx as nx  # noqa: PLC0415 - `kg quotes` uses is_affiliation without the half-second import

    g = nx.MultiDiGraph()
    quotes_by: dict[str, list[str]] = defaultdict(list)
    edges: dict[tuple[str, str, str], dict] = {}

    def bump(u: str, v: str, typ: str, quote: str | None = None, doc: str | None = None) -> None:
        if u == v:
            return
        if typ == "cooccurs" and v < u:
            u, v = v, u
        e = edges.setdefault((u, v, typ), {"weight": 0, "quotes": [], "docs": set()})
        e["weight"] += 1
        if doc:
            e["docs"].add(doc)
        if quote and len(e["quotes"]) < MAX_QUOTES_PER_EDGE:
            e["quotes"].append(quote)

    for res in docs:
        eid = {i: link[(res.doc, m.entity)] for i, m in enumerate(res.mentions)}
        quoted = quote_targets(res, eid)
        for group in res.cooccur:
            ids = sorted({eid[i] for i in group})
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    bump(ids[a], ids[b], "cooccurs", doc=res.doc)
        for q in res.quotes:
            if q.speaker is None:
                continue
            spk = eid[q.speaker]
            quotes_by[spk].append(q.text)
            for target in sorted(quoted(q)):
                bump(spk, target, "quotes_about", q.text, res.doc)
            if q.addressee is not None:
                bump(spk, eid[q.addressee], "speaks_to", q.text, res.doc)
        by_sentence: dict[int, list[int]] = defaultdict(list)
        for i, m in enumerate(res.mentions):
            by_sentence[m.sentence].append(i)
        for i, m in enumerate(res.mentions):
            if m.type != "PERSON" or not m.role:
                continue
            for j in by_sentence[m.sentence]:
                other = res.mentions[j]
                if is_affiliation(m.start, m.role, other.type, other.text, other.end):
                    bump(eid[i], eid[j], "affiliated_with", doc=res.doc)

    date_of = {res.doc: res.date for res in docs if res.date}
    for ent in entities:
        first, last = _span(ent.docs, date_of)
        g.add_node(ent.id, label=ent.name, name=ent.name, type=ent.type,
                   aliases=SEP.join(sorted(ent.aliases)), mentions=ent.mentions,
                   docs=len(ent.docs), doc_list=SEP.join(sorted(ent.docs)),
                   roles=SEP.join(r for r, _ in ent.roles.most_common(5)),
                   quote_count=len(quotes_by.get(ent.id, [])),
                   quote_texts=SEP.join(quotes_by.get(ent.id, [])[:MAX_QUOTES_PER_EDGE]),
                   first_date=first, last_date=last)
    for n, ((u, v, typ), e) in enumerate(sorted(edges.items())):
        first, last = _span(e["docs"], date_of)
        g.add_edge(u, v, key=f"e{n}", relation=typ, weight=e["weight"], docs=len(e["docs"]),
                   quotes=SEP.join(e["quotes"]), first_date=first, last_date=last)
    return g


def quote_targets(res, eid: dict[int, str]) -> Callable:
    """The entities each quote of one document names: a mention inside the quote's span (`eid`:
    mention index → entity id). The rule behind quotes_about edges, and the page's "quotes naming"
    lists. The mentions are sorted by where they start once; a quote looks only at those that start
    inside it."""
    spans = sorted((m.start, m.end, i) for i, m in enumerate(res.mentions))
    starts = [s for s, _, _ in spans]

    def targets(q) -> set[str]:
        inside = spans[bisect_left(starts, q.start):bisect_right(starts, q.end)]
        return {eid[i] for _, end, i in inside if end <= q.end}
    return targets


def _span(docs, date_of: dict[str, str]) -> tuple[str, str]:
    dates = [date_of[d] for d in docs if d in date_of]
    return (min(dates), max(dates)) if dates else ("", "")


def is_affiliation(person_start: int, role: str, other_type: str, other_text: str, other_end: int) -> bool:
    """An organization or country named inside a person's role, right before the name (same sentence)."""
    return other_type in {"COUNTRY", "ORGANIZATION"} and other_end <= person_start \
        and person_start - other_end <= len(role) + 2 and other_text in role

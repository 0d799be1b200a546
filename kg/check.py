"""A build's own consistency check, run before anything is written.

Every entity is one graph node with its own id, and every mention and quote
points at a node. A bug that breaks this (two entities sharing an id, a
mention left unlinked) stops the build with a message instead of quietly
dropping entities from the graph.
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from kg.records import DocResult, Entity


class InconsistentBuild(RuntimeError):
    """The records, entities and graph of a build disagree (a bug in kg)."""


def _examples(items) -> str:
    items = sorted(items)
    return ", ".join(items[:5]) + (f" and {len(items) - 5} more" if len(items) > 5 else "")


def check_build(entities: list[Entity], link: dict, graph: nx.MultiDiGraph, docs: list[DocResult]) -> None:
    """Raise InconsistentBuild listing every kind of disagreement found."""
    problems = []
    counts = Counter(e.id for e in entities)
    shared = [i for i, n in counts.items() if n > 1]
    if shared:
        problems.append(f"{len(shared)} ids shared by several entities ({_examples(shared)})")
    if len(entities) != graph.number_of_nodes():
        problems.append(f"{len(entities)} entities but {graph.number_of_nodes()} graph nodes")
    missing = {i for i in counts if i not in graph}
    if missing:
        problems.append(f"entities missing from the graph ({_examples(missing)})")
    unlinked, dangling = set(), set()
    for res in docs:
        for m in res.mentions:
            eid = link.get((res.doc, m.entity))
            if eid is None:
                unlinked.add(f"{res.doc}: {m.text}")
            elif eid not in graph:
                dangling.add(eid)
        for q in res.quotes:
            for i in (q.speaker, q.addressee):
                if i is not None and not 0 <= i < len(res.mentions):
                    unlinked.add(f"{res.doc}: quote at {q.start} points at mention {i}")
    if unlinked:
        problems.append(f"mentions or quotes without an entity ({_examples(unlinked)})")
    if dangling:
        problems.append(f"mention ids that are not graph nodes ({_examples(dangling)})")
    if problems:
        raise InconsistentBuild("inconsistent build, nothing written: " + "; ".join(problems)
                                + ". This is a bug in kg: please report it with the input.")

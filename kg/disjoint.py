"""Disjoint sets over 0..n-1 (union-find with path halving): which items one merge rule has joined."""
from __future__ import annotations


class DisjointSets:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The representative of i's set."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        """One set of a's and b's, represented by b's representative."""
        rb = self.find(b)
        self.parent[self.find(a)] = rb

    def any_joined(self) -> bool:
        return any(p != i for i, p in enumerate(self.parent))

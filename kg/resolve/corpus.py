"""Document entities of the whole corpus → corpus entities (`Resolver`).

Where to change a rule for "these entities of two articles are one": glued
words trimmed off names (`glue.unglue`), the corpus-wide type vote
(`Resolver._vote_types`, then `_one_type_per_name`), spellings, surnames and
middle names (`_merge`, `_one_person`), and the one-id-one-entity rule
(`_one_cluster_per_id`).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from kg import lexicon, wordseg
from kg.records import DocResult, Entity, Mention
from kg.resolve.glue import unglue
from kg.resolve.names import canonical_form, middles_agree, name_parts, norm, similar


class Resolver:
    """Corpus-level entities, fed one document at a time (order does not matter)."""

    def __init__(self) -> None:
        self._groups: dict[str, list[tuple[str, int, list[Mention]]]] = defaultdict(list)

    def add(self, res: DocResult) -> None:
        by_ent: dict[int, list[Mention]] = defaultdict(list)
        for m in res.mentions:
            by_ent[m.entity].append(m)
        for eid, ms in by_ent.items():
            self._groups[ms[0].type].append((res.doc, eid, ms))

    def _vote_types(self) -> None:
        """One type per name across the corpus: NER may call a city a person in one
        article and a place in nine others; the majority of mentions decides, a tie the
        same way everywhere. A country found by the lexicon stays a country, and a name
        mostly typed as a country is one everywhere ("Arvania" of a national team)."""
        votes: dict[str, Counter] = defaultdict(Counter)
        for typ, groups in self._groups.items():
            for _, _, ms in groups:
                for m in ms:
                    votes[norm(m.text)][typ] += 1
        regrouped: dict[str, list] = defaultdict(list)
        decided: dict[tuple, str] = {}  # (a group's names, its type) → the new type: groups repeat names
        for typ, groups in self._groups.items():
            for g in groups:
                new = typ
                if typ != "COUNTRY":
                    key = (frozenset(norm(m.text) for m in g[2]), typ)
                    new = decided.get(key) or decided.setdefault(key, _vote(key[0], votes, typ))
                    for m in g[2]:
                        m.type = new
                regrouped[new].append(g)
        self._groups = regrouped

    def entities(self) -> tuple[list[Entity], dict[tuple[str, int], str]]:
        """All entities sorted by id, and (doc, doc-entity) → entity id."""
        entities: list[Entity] = []
        link: dict[tuple[str, int], str] = {}
        unglue([g for typ in sorted(self._groups) for g in self._groups[typ]])
        self._vote_types()
        names = _ClusterNames()
        clusters = _one_type_per_name({typ: _one_cluster_per_id(typ, _merge(typ, self._groups[typ]), names)
                                       for typ in self._groups}, names)
        for typ in sorted(clusters):
            for cluster in _one_cluster_per_id(typ, clusters[typ], names):
                ent = _entity(typ, cluster, names(typ, cluster))
                entities.append(ent)
                for doc, eid, _ in cluster:
                    link[(doc, eid)] = ent.id
        entities.sort(key=lambda e: e.id)
        return entities, link


# a tie between types goes the same way everywhere: names typed both ways on a scrape were mostly
# companies, schools and media when ORGANIZATION tied with LOCATION or PERSON
TIE_ORDER = ("COUNTRY", "ORGANIZATION", "LOCATION", "PERSON")


def _vote(names: frozenset[str], votes: dict[str, Counter], typ: str) -> str:
    """The type most mentions of these names have across the corpus (`typ` when none)."""
    total = Counter()
    for name in names:
        total.update(votes[name])
    return _majority(total) if total else typ


def _majority(votes: Counter) -> str:
    return max(votes, key=lambda t: (votes[t], -TIE_ORDER.index(t) if t in TIE_ORDER else -len(TIE_ORDER), t))


@lru_cache(maxsize=None)
def _country_names() -> frozenset[str]:
    return frozenset(norm(n) for pair in lexicon.countries().items() for n in pair)


def _one_type_per_name(clusters: dict[str, list[list]], names: _ClusterNames) -> dict[str, list[list]]:
    """Entities of several types with one name are one entity, of the type most of its
    mentions have: the name vote can split where articles name it with different
    companions ("Arvania" alone as a country, beside its team's coach as an organization)."""
    by_name: dict[str, list[tuple[str, list]]] = defaultdict(list)
    for typ in sorted(clusters):
        for c in clusters[typ]:
            by_name[norm(names(typ, c))].append((typ, c))
    out: dict[str, list[list]] = defaultdict(list)
    for name, items in by_name.items():
        if len({typ for typ, _ in items}) == 1:
            for typ, c in items:
                out[typ].append(c)
            continue
        size = Counter()
        for typ, c in items:
            size[typ] += sum(len(ms) for _, _, ms in c)
        best = _majority(size)
        if "COUNTRY" in size and name in _country_names():
            best = "COUNTRY"  # the lexicon's countries are countries wherever NER saw a place
        merged = [g for _, c in items for g in c]
        for _, _, ms in merged:
            for m in ms:
                m.type = best
        out[best].append(merged)
    return out


def _best_name(typ: str, ms: list[Mention]) -> str:
    forms: dict[str, int] = {}  # a Counter, without its cost in this hot spot
    for m in ms:
        f = canonical_form(m.text, typ)
        forms[f] = forms.get(f, 0) + 1
    if typ == "PERSON":  # the fullest form of the name
        return max(forms, key=lambda f: (len(name_parts(f)), forms[f], len(f), f))
    return max(forms, key=lambda f: (forms[f], len(f), f))


def _merge(typ: str, groups: list[tuple[str, int, list[Mention]]]) -> list[list]:
    groups = sorted(groups, key=lambda g: (g[0], g[1]))
    clusters: dict[str, list] = {}
    if typ != "PERSON":
        alias_key: dict[str, str] = {}  # any spelling seen → its cluster
        for g in groups:
            key = norm(_best_name(typ, g[2]))
            names = {norm(m.text) for m in g[2]} | {key}
            hits = sorted({alias_key[n] for n in names if n in alias_key})
            hit = hits[0] if hits else key
            clusters.setdefault(hit, []).append(g)
            for n in names:
                alias_key.setdefault(n, hit)
        return [clusters[k] for k in sorted(clusters)]
    # people: full names first, then surname-only groups join a unique surname match
    names = {id(g): _best_name(typ, g[2]) for g in groups}
    full = sorted((g for g in groups if len(name_parts(names[id(g)])) > 1),
                  key=lambda g: (-len(names[id(g)]), g[0], g[1]))
    single = [g for g in groups if len(name_parts(names[id(g)])) <= 1]
    by_surname: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
    by_given: dict[str, set[str]] = defaultdict(set)
    evidence = _name_evidence(groups, names)
    role_heads: dict[str, set[str]] = defaultdict(set)
    for g in full:
        parts = name_parts(names[id(g)])
        same = by_surname[norm(parts[-1])]
        heads = _role_heads(g)
        hit = next((k for p, k in same if _one_person(p, parts, evidence, (role_heads[k], heads))), None)
        if hit is None:
            hit = norm(" ".join(parts))
            same.append((parts, hit))
            by_given[norm(parts[0])].add(hit)
        clusters.setdefault(hit, []).append(g)
        role_heads[hit] |= heads
    for short, long_ in _surname_left_out(by_surname, evidence[0], role_heads):
        clusters[long_].extend(clusters.pop(short))
        for keys in by_given.values():
            if short in keys:
                keys.discard(short)
                keys.add(long_)
        for same in by_surname.values():
            same[:] = [(p, long_ if k == short else k) for p, k in same]
    docs_of = {k: len({g[0] for g in members}) for k, members in clusters.items()}
    for g in single:
        name = norm(names[id(g)])
        hits = [] if _common_word(names[id(g)]) else sorted(
            {k for _, k in by_surname.get(name, [])} | by_given.get(name, set()), key=lambda k: (-docs_of[k], k))
        # "Hartono" alone is the Hartono the corpus names most, if one clearly dominates
        if len(hits) == 1 or (len(hits) > 1 and docs_of[hits[0]] >= 2 * docs_of[hits[1]] and docs_of[hits[0]] >= 3):
            clusters[hits[0]].append(g)
        else:
            clusters.setdefault(name, []).append(g)
    return [clusters[k] for k in sorted(clusters)]


def _name_evidence(groups: list, names: dict) -> tuple[Counter, set]:
    """How many articles name a person in full so, and which pairs of full names one
    article uses for one person ("Budi Eka Santoso" ... "Budi Santoso")."""
    docs: Counter = Counter()
    pairs: set[tuple[str, str]] = set()
    for g in groups:
        docs[norm(" ".join(name_parts(names[id(g)])))] += 1
        forms = {norm(" ".join(p)) for m in g[2] if len(p := name_parts(canonical_form(m.text, "PERSON"))) > 1}
        pairs.update((a, b) for a in forms for b in forms if a != b)
    return docs, pairs


def _surname_left_out(by_surname: dict, docs: Counter, role_heads: dict) -> list[tuple[str, str]]:
    """Two-word names that are the first two words of one longer name that several articles
    write, where both hold a role of one kind: "Budi Santoso" (Gubernur) of "Budi Santoso
    Wirawan" (Gubernur). Not from one article: there a headline's words run into a name
    ("Budi Santoso Puji ...") and a father and his "Jr" son share its node and roles.
    Returns (short key, long key) pairs."""
    keys = {k: p for same in by_surname.values() for p, k in same}
    longer: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k, p in keys.items():
        if len(p) > 2 and not any(_common_word(w) for w in p[2:]):  # not "Budi Santoso Segera Menikah"
            longer[(norm(p[0]), norm(p[1]))].append(k)
    out = []
    for k, p in keys.items():
        hits = longer.get((norm(p[0]), norm(p[1]))) if len(p) == 2 else None
        if hits and len(hits) == 1 and docs[hits[0]] >= 2 and role_heads[k] & role_heads[hits[0]]:
            out.append((k, hits[0]))
    return out


def _role_heads(group: tuple) -> set[str]:
    """The first words of the roles an article gives a person ("gubernur", "wali")."""
    return {m.role.split()[0].casefold() for m in group[2] if m.role and m.role.split()}


def _one_person(key: tuple[str, ...], parts: tuple[str, ...], evidence: tuple[Counter, set],
                roles: tuple[set[str], set[str]]) -> bool:
    """Whether a full name of one article and a person's name in others (same surname) are one
    person. The given names must match, one letter off on short ones ("Andi"/"Andy"; not
    "Jude"/"Jobe"); middle names both give must match ("Iwan Setiawan X" is not "Iwan
    Kurniawan X"). A middle name one leaves out needs evidence: an article naming the person
    both ways, a role both hold ("Gubernur ..."), or the longer name being the more common
    one and no other role: "Budi Santoso", a mayor named in many articles, is not the
    "Budi Eka Santoso" of a market report."""
    if not similar(key[0], parts[0]):
        return False
    mid_a, mid_b = key[1:-1], parts[1:-1]
    if mid_a and mid_b or not mid_a and not mid_b:
        return middles_agree(key, parts)
    docs, pairs = evidence
    a, b = norm(" ".join(key)), norm(" ".join(parts))
    longer, shorter = (a, b) if mid_a else (b, a)
    if (a, b) in pairs or roles[0] & roles[1]:
        return True
    return docs[longer] >= docs[shorter] and not (roles[0] and roles[1])


def _common_word(name: str) -> bool:
    """A one-word name edited text often writes in lower case ("Mari" of "Mari kita", "Fajar"):
    alone in an article it is no evidence for a person other articles name in full."""
    word = name.capitalize() if name.isupper() else name
    counts = wordseg.counts()
    lower = counts.get(word.lower(), 0)
    return lower >= MIN_LOWER and lower * LOWER_SHARE >= counts.get(word, 0)


MIN_LOWER, LOWER_SHARE = 5, 4  # written in lower case 5 times or more, and a quarter as often as capitalised


def entity_id(typ: str, name: str) -> str:
    """The id is the type and the name's comparison form: stable across rebuilds."""
    return f"{typ[:3].lower()}:{norm(name).replace(' ', '_')}"


class _ClusterNames:
    """The best name of each cluster (a list of groups), worked out once per type: the steps of
    `Resolver.entities` ask for the names of the same clusters several times, and the cluster of
    an entity many articles name holds thousands of mentions. A cluster is never changed once
    made (merging makes a new list), so its name stays right."""

    def __init__(self) -> None:
        self._memo: dict[tuple[str, int], tuple[list, str]] = {}  # the cluster is kept: its id stays its own

    def __call__(self, typ: str, cluster: list) -> str:
        key = (typ, id(cluster))
        if key not in self._memo:
            self._memo[key] = (cluster, _best_name(typ, [m for _, _, group in cluster for m in group]))
        return self._memo[key][1]


def _one_cluster_per_id(typ: str, clusters: list[list], names: _ClusterNames) -> list[list]:
    """Merge clusters whose best names give the same id.

    The same type and the same name up to case and punctuation is the same
    entity, and the id must name one node: two clusters that met through
    different spellings ("KLH" alone; "Kementerian ... (KLH)") can both end up
    named "KLH". A merge can change the best name, so repeat until ids are unique.
    """
    while True:
        by_id: dict[str, list] = {}
        for cluster in clusters:
            by_id.setdefault(entity_id(typ, names(typ, cluster)), []).append(cluster)
        if len(by_id) == len(clusters):
            return clusters
        clusters = [[g for c in same for g in c] for same in by_id.values()]


def _entity(typ: str, cluster: list, name: str) -> Entity:
    ent = Entity(id=entity_id(typ, name), name=name, type=typ)
    for doc, _, group in cluster:
        ent.docs.add(doc)
        ent.aliases.update(m.text for m in group)
        ent.mentions += len(group)
        ent.roles.update(m.role for m in group if m.role)
    # one spelling per role, whatever its capitalisation: the most used one
    merged: Counter = Counter()
    for role, n in sorted(ent.roles.items(), key=lambda x: (-x[1], x[0])):
        key = next((r for r in merged if r.casefold() == role.casefold()), role)
        merged[key] += n
    ent.roles = merged
    return ent

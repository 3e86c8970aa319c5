"""Blocs: the camps of a signed actor network, with the ties that hold them and those that don't.

The method is the relocation heuristic of Doreian and Mrvar (1996), "A partitioning approach to
structural balance", Social Networks 18(2):149-168. A partition into blocs is scored by its error

    P = alpha * (weight of the negative edges inside blocs)
        + (1 - alpha) * (weight of the positive edges between blocs),   alpha = 0.5,

and the heuristic moves one actor at a time to the bloc that lowers P most, until no move
does. An actor's pull towards a bloc, ``(1 - alpha) * w+ - alpha * w-`` summed over its edges
to the bloc's members, is kept up to date as actors move, so a move costs as much as the moved
actor's edges. Each connected part of the signed graph is partitioned on its own, into
k = 1, 2, ... blocs, from several starts (the best partition into k - 1 blocs and a few random
ones, drawn from a fixed seed in sorted actor order, so the result is deterministic); the
smallest k with the least error is kept.

Two rules follow, so that a bloc says something about its members:

- an actor is *unaligned* when its placement changes nothing: its net pull is zero towards
  every bloc, or it is pulled equally hard towards two blocs (an actor allied alike with both
  camps); it is listed apart, in no bloc;
- a bloc is split into the groups its positive ties hold together: two actors that merely share
  enemies are not one camp. This never raises the error.

P is reported for the final blocs: edges of unaligned actors count neither way.

Examples:
    >>> from kgraph.analysis.signed import projection_from_claims
    >>> P = projection_from_claims([
    ...     ("isis", "fights", "al-nusra-front"), ("al-nusra-front", "affiliate-of", "al-qaeda"),
    ...     ("isis", "fights", "al-qaeda"), ("isis", "backed-by", "isis-sinai"),
    ...     ("isis-sinai", "pledges-allegiance-to", "isis", "", 0.9)])
    >>> parts = blocs(P)
    >>> [(b.name, b.members) for b in parts.blocs]
    [('isis', ('isis', 'isis-sinai')), ('al-nusra-front', ('al-nusra-front', 'al-qaeda'))]
    >>> parts.error, parts.bloc_of("al-qaeda").name
    (0.0, 'al-nusra-front')
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph

from kgraph.analysis.signed import Tie, signed_graph, tie
from kgraph.errors import AnalysisError
from kgraph.sparql.named import QueryResult

__all__ = ["ALPHA", "Bloc", "BlocPartition", "blocs"]

ALPHA = 0.5
"""The weight of negative edges inside blocs in the error; 1 - ALPHA weighs positive edges
between blocs."""

_STARTS = 4  # random starts for each number of blocs, besides the best of one bloc fewer
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Bloc:
    """One camp: its name, its members and the positive ties among them.

    ``name`` is the label of the member with the most positive weight inside the bloc;
    ``members`` are actor ids, that member first, then by the same weight and id; ``ties``
    are the bloc's positive edges, heaviest first.
    """

    name: str
    members: tuple[str, ...]
    ties: tuple[Tie, ...]


@dataclass(frozen=True)
class BlocPartition:
    """The blocs of a signed network, the actors in none, and the edges that go against them.

    ``frustrated`` holds the positive edges between two blocs and the negative edges inside
    one, heaviest first; ``error`` is P for these blocs and ``alpha`` its alpha.
    """

    blocs: tuple[Bloc, ...]
    unaligned: tuple[str, ...]
    frustrated: tuple[Tie, ...]
    error: float
    alpha: float
    labels: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {m: i for i, b in enumerate(self.blocs)
                                            for m in b.members})

    def bloc_of(self, actor_id: str) -> Bloc | None:
        """Return the bloc of an actor, or None when it is unaligned or not in the network."""
        i = self._index.get(actor_id)
        return None if i is None else self.blocs[i]

    def table(self) -> QueryResult:
        """Return one row per actor: its bloc (``""`` when unaligned), id, label, the weight of
        its positive ties inside the bloc and the number of frustrated edges it has."""
        inside: dict[str, float] = {}
        for bloc in self.blocs:
            for t in bloc.ties:
                for end in (t.a, t.b):
                    inside[end] = inside.get(end, 0.0) + t.weight
        frustrated: dict[str, int] = {}
        for t in self.frustrated:
            for end in (t.a, t.b):
                frustrated[end] = frustrated.get(end, 0) + 1
        rows = [(bloc.name, m) for bloc in self.blocs for m in bloc.members]
        rows += [("", m) for m in self.unaligned]
        return QueryResult(("bloc", "actor", "label", "weight", "frustrated"), [
            {"bloc": name, "actor": m, "label": self.labels.get(m, m),
             "weight": round(inside.get(m, 0.0), 6), "frustrated": frustrated.get(m, 0)}
            for name, m in rows])


def blocs(graph: Graph | nx.MultiDiGraph, *, since: str | None = None, until: str | None = None,
          min_confidence: float = 0.5, include: Sequence[str] = ("actual",),
          max_blocs: int | None = None, seed: int = 0) -> BlocPartition:
    """Partition the actors of a time window into camps: positive ties inside, negative across.

    Args:
        graph: a kgraph graph or its projection (see :func:`kgraph.analysis.signed.projection`);
            it is not changed.
        since, until, min_confidence, include: the window and the statements that count, as
            in :func:`kgraph.analysis.signed.signed_graph`.
        max_blocs: the most blocs the relocation may use in each connected part of the signed
            network (blocs that no positive tie holds together are still split); None: as many
            as lower the error.
        seed: the seed of the random starts.

    Returns:
        The partition (see the module docstring for the method).

    Raises:
        AnalysisError: a malformed window, or ``max_blocs`` below 1.

    Examples:
        A neutral actor, allied alike with both camps, and a traitor edge across them:

        >>> from kgraph.analysis.signed import projection_from_claims
        >>> P = projection_from_claims([
        ...     ("a1", "allied-with", "a2"), ("b1", "allied-with", "b2"), ("a1", "fights", "b1"),
        ...     ("a1", "fights", "b2"), ("a2", "fights", "b2"), ("a2", "allied-with", "b1"),
        ...     ("n", "allied-with", "a1"), ("n", "allied-with", "b2")])
        >>> parts = blocs(P)
        >>> [b.members for b in parts.blocs], parts.unaligned
        ([('a1', 'a2'), ('b1', 'b2')], ('n',))
        >>> [(t.a, t.b, t.sign) for t in parts.frustrated], parts.error
        ([('a2', 'b1', 1)], 0.5)
    """
    if max_blocs is not None and max_blocs < 1:
        raise AnalysisError(f"max_blocs must be at least 1, not {max_blocs}")
    S = signed_graph(graph, since=since, until=until, min_confidence=min_confidence,
                     include=include)
    nodes = sorted(S)
    position = {n: i for i, n in enumerate(nodes)}
    pull: list[dict[int, float]] = [{} for _ in nodes]  # (1 - alpha)*w+ - alpha*w- of each pair
    for a, b, key, data in S.edges(keys=True, data=True):
        w = (1 - ALPHA) * data["weight"] if key == "+" else -ALPHA * data["weight"]
        i, j = position[a], position[b]
        pull[i][j] = pull[i].get(j, 0.0) + w
        pull[j][i] = pull[j].get(i, 0.0) + w
    adjacency = [sorted(p.items()) for p in pull]

    label = [-1] * len(nodes)
    unaligned: list[int] = []
    used = 0
    for component in sorted((sorted(position[n] for n in c)
                             for c in nx.connected_components(S)), key=lambda c: c[0]):
        # a seed of its own for each part: one part's answer does not hang on the others
        rng = random.Random(f"{seed}:{nodes[component[0]]}")  # noqa: S311 - no secret
        local = _partition(component, adjacency, rng, max_blocs)
        loose = _unaligned(component, local, adjacency)
        unaligned += loose
        kept = [v for v in component if v not in loose]
        for group in _held_together(kept, local, adjacency):
            for v in group:
                label[v] = used
            used += 1
    return _result(S, nodes, label, sorted(unaligned))


def _partition(component: list[int], adjacency: list[list[tuple[int, float]]],
               rng: random.Random, max_blocs: int | None) -> dict[int, int]:
    """The relocation: the best partition of one connected part (actor -> bloc number)."""
    best = {v: 0 for v in component}
    best_score = _inside(best, adjacency)
    bound = sum(max(w, 0.0) for v in component for _u, w in adjacency[v]) / 2
    k = 1
    while best_score < bound - _EPS and k < len(component) and (max_blocs is None
                                                                 or k < max_blocs):
        k += 1
        candidates = [_relocate(dict(best), k, adjacency)]
        candidates += [_relocate({v: rng.randrange(k) for v in component}, k, adjacency)
                       for _ in range(_STARTS)]
        scored = [(_inside(c, adjacency), -n, c) for n, c in enumerate(candidates)]
        score, _n, found = max(scored, key=lambda s: s[:2])
        if score <= best_score + _EPS:
            break
        best, best_score = found, score
    return best


def _relocate(label: dict[int, int], k: int,
              adjacency: list[list[tuple[int, float]]]) -> dict[int, int]:
    """Move actors one at a time to the bloc (of ``k``) they pull to most, until none moves."""
    pulls = {v: _pulls(v, label, adjacency) for v in label}
    queue = deque(sorted(label))
    queued = set(label)
    while queue:
        v = queue.popleft()
        queued.discard(v)
        p, here = pulls[v], label[v]
        target, strongest = here, p.get(here, 0.0)
        for c, x in sorted(p.items()):
            if x > strongest + _EPS:
                target, strongest = c, x
        if strongest < -_EPS:  # pushed away by every bloc it has ties to: one it has none to
            target = next((c for c in range(k) if abs(p.get(c, 0.0)) <= _EPS), target)
        if target == here:
            continue
        label[v] = target
        for u, w in adjacency[v]:
            q = pulls[u]
            q[here] -= w
            q[target] = q.get(target, 0.0) + w
            if u not in queued:
                queued.add(u)
                queue.append(u)
    return label


def _pulls(v: int, label: dict[int, int],
           adjacency: list[list[tuple[int, float]]]) -> dict[int, float]:
    """An actor's net pull towards each bloc it has ties to."""
    p: dict[int, float] = {}
    for u, w in adjacency[v]:
        p[label[u]] = p.get(label[u], 0.0) + w
    return p


def _inside(label: dict[int, int], adjacency: list[list[tuple[int, float]]]) -> float:
    """The pulls of the pairs inside blocs, summed: P is (1 - alpha) times all the positive
    weight, minus this, so the partition with the most inside has the least error."""
    return sum(w for v in label for u, w in adjacency[v] if u > v and label[u] == label[v])


def _unaligned(component: list[int], label: dict[int, int],
               adjacency: list[list[tuple[int, float]]]) -> set[int]:
    """The actors whose net pull is zero towards every bloc, or strongest towards two."""
    out: set[int] = set()
    for v in component:
        pulls = sorted(_pulls(v, label, adjacency).values(), reverse=True)
        if all(abs(x) <= _EPS for x in pulls) or (
                len(pulls) > 1 and pulls[0] > _EPS and pulls[1] >= pulls[0] - _EPS):
            out.add(v)
    return out


def _held_together(kept: list[int], label: dict[int, int],
                   adjacency: list[list[tuple[int, float]]]) -> list[list[int]]:
    """Split each bloc into the groups its members' positive pulls connect."""
    seen: set[int] = set()
    groups: list[list[int]] = []
    members = set(kept)
    for start in kept:
        if start in seen:
            continue
        seen.add(start)
        group, todo = [start], [start]
        while todo:
            v = todo.pop()
            for u, w in adjacency[v]:
                if w > _EPS and u in members and u not in seen and label[u] == label[v]:
                    seen.add(u)
                    group.append(u)
                    todo.append(u)
        groups.append(sorted(group))
    return groups


def _result(S: nx.MultiGraph, nodes: list[str], label: list[int],
            unaligned: list[int]) -> BlocPartition:
    """Name and order the blocs, and gather their ties and the frustrated edges."""
    bloc = {n: label[i] for i, n in enumerate(nodes) if label[i] >= 0}
    inside: dict[int, list[Tie]] = {}
    frustrated: list[Tie] = []
    for a, b, key in S.edges(keys=True):
        if a not in bloc or b not in bloc:
            continue
        same = bloc[a] == bloc[b]
        if same and key == "+":
            inside.setdefault(bloc[a], []).append(tie(S, a, b, key))
        elif same or key == "+":
            frustrated.append(tie(S, a, b, key))
    error = sum(((ALPHA if t.sign < 0 else 1 - ALPHA) * t.weight for t in frustrated), 0.0)
    labels = {n: S.nodes[n]["label"] for n in nodes}
    members: dict[int, list[str]] = {}
    for n, c in bloc.items():
        members.setdefault(c, []).append(n)
    found = []
    for c, group in members.items():
        held = sorted(inside.get(c, []), key=_heaviest)
        weight = dict.fromkeys(group, 0.0)
        for t in held:
            weight[t.a] += t.weight
            weight[t.b] += t.weight
        group.sort(key=lambda n: (-weight[n], n))
        found.append(Bloc(name=labels[group[0]], members=tuple(group), ties=tuple(held)))
    found.sort(key=lambda b: (-len(b.members), -sum(t.weight for t in b.ties), b.name,
                              b.members))
    return BlocPartition(blocs=tuple(found), unaligned=tuple(nodes[v] for v in unaligned),
                         frustrated=tuple(sorted(frustrated, key=_heaviest)),
                         error=round(error, 6), alpha=ALPHA, labels=labels)


def _heaviest(t: Tie) -> tuple[float, str, str, int]:
    return -t.weight, t.a, t.b, t.sign

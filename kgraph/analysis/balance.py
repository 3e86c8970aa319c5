"""Structural balance: which triads of actors hold together, which don't, and who might ally.

Heider's balance, as graphs state it (Cartwright and Harary 1956, "Structural balance: a
generalization of Heider's theory", Psychological Review 63(5):277-293): a triangle of signed
ties is balanced when the product of its signs is positive ("the friend of my friend is my
friend", "the enemy of my enemy is my friend"), unbalanced otherwise.

Each pair of the signed network (:func:`kgraph.analysis.signed.signed_graph`) counts with its
net sign (:func:`kgraph.analysis.signed.net_sign`); a pair whose positive and negative weights
are equal has none, is left out of the triads, and is listed among the mixed pairs (every pair
with both signs in the window is). Triangles are enumerated once each by ordering the actors by
degree and looking only at later neighbours, in O(m^1.5) for m pairs.

An unbalanced triad is ranked by the weight of its weakest tie: it is no stronger than that.
Enemy-of-my-enemy candidates are the pairs with a common enemy and no net tie, or a hostile
one, between them; each comes with the two edges of every common enemy, and is ranked by the
sum, over the common enemies, of the weaker of those two edges.

Examples:
    >>> from kgraph.analysis.signed import projection_from_claims
    >>> report = balance(projection_from_claims([
    ...     ("a", "allied-with", "b"), ("b", "fights", "c"), ("a", "fights", "c"),
    ...     ("c", "allied-with", "d"), ("b", "allied-with", "d"), ("e", "fights", "c")]))
    >>> report.triads, report.balanced, report.share
    (2, 1, 0.5)
    >>> [t.actors for t in report.unbalanced]
    [('b', 'c', 'd')]
    >>> [(x.a, x.c, x.enemies) for x in report.candidates]
    [('a', 'e', ('c',)), ('b', 'e', ('c',))]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
from rdflib import Graph

from kgraph.analysis.signed import Tie, signed_graph, tie
from kgraph.sparql.named import QueryResult

__all__ = ["BalanceReport", "EnemyOfEnemy", "MixedPair", "Triad", "balance"]

_SIGN = {1: "+", -1: "-", 0: "."}


@dataclass(frozen=True, slots=True)
class Triad:
    """A triangle of the signed network: three actors (sorted) and the ties of the pairs
    ``(a, b)``, ``(b, c)``, ``(a, c)`` with their net signs."""

    actors: tuple[str, str, str]
    ties: tuple[Tie, Tie, Tie]
    balanced: bool
    weight: float  # the weakest tie's

    @property
    def signs(self) -> str:
        """The signs of a-b, b-c and a-c, e.g. ``"+-+"``."""
        return "".join(_SIGN[t.sign] for t in self.ties)


@dataclass(frozen=True, slots=True)
class MixedPair:
    """A pair with both signs in the window: both ties, and the sign of the heavier (0: even)."""

    a: str
    b: str
    net: int
    positive: Tie
    negative: Tie


@dataclass(frozen=True, slots=True)
class EnemyOfEnemy:
    """Two actors with a common enemy and no net tie, or a hostile one, between them.

    ``support`` holds, for each common enemy (in ``enemies``' order), its negative ties with
    ``a`` and with ``c``; ``between`` the ties of ``a`` and ``c`` themselves (empty when they
    have none); ``weight`` the sum over the common enemies of the weaker supporting tie.
    """

    a: str
    c: str
    enemies: tuple[str, ...]
    support: tuple[tuple[Tie, Tie], ...]
    between: tuple[Tie, ...]
    weight: float


@dataclass(frozen=True)
class BalanceReport:
    """The balance of a signed network.

    ``census`` counts the triads by signs (``+++`` and ``+--`` are balanced, ``++-`` and
    ``---`` are not); ``unbalanced`` and ``candidates`` are ranked by weight, heaviest first;
    ``mixed`` by the weight of both ties.
    """

    triads: int
    balanced: int
    census: dict[str, int]
    unbalanced: tuple[Triad, ...]
    mixed: tuple[MixedPair, ...]
    candidates: tuple[EnemyOfEnemy, ...]
    labels: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def share(self) -> float | None:
        """The share of balanced triads, None when there is no triad."""
        return self.balanced / self.triads if self.triads else None

    def table(self) -> QueryResult:
        """Return one row per finding: ``kind`` (``unbalanced``, ``mixed`` or
        ``enemy-of-enemy``), the actors' labels ``a``, ``b`` (for a candidate: the common
        enemies) and ``c``, ``signs`` (a-b, b-c, a-c; ``.`` for no tie; ``+-`` for a mixed
        pair), ``weight`` and ``evidence`` (the number of statements behind it)."""
        def name(actor: str) -> str:
            return self.labels.get(actor, actor)

        rows = [{"kind": "unbalanced", "a": name(t.actors[0]), "b": name(t.actors[1]),
                 "c": name(t.actors[2]), "signs": t.signs, "weight": t.weight,
                 "evidence": sum(len(x.evidence) for x in t.ties)} for t in self.unbalanced]
        rows += [{"kind": "mixed", "a": name(m.a), "b": name(m.b), "c": "", "signs": "+-",
                  "weight": round(m.positive.weight + m.negative.weight, 6),
                  "evidence": len(m.positive.evidence) + len(m.negative.evidence)}
                 for m in self.mixed]
        for x in self.candidates:
            between = _net_of(x.between)
            rows.append({"kind": "enemy-of-enemy", "a": name(x.a),
                         "b": "; ".join(name(e) for e in x.enemies), "c": name(x.c),
                         "signs": "--" + _SIGN[between], "weight": x.weight,
                         "evidence": sum(len(t.evidence) for pair in x.support for t in pair)
                         + sum(len(t.evidence) for t in x.between)})
        return QueryResult(("kind", "a", "b", "c", "signs", "weight", "evidence"), rows)


def _net_of(ties: Sequence[Tie]) -> int:
    """The net sign of a pair's ties: 0 when none, or when both signs weigh the same."""
    net = sum(t.sign * t.weight for t in ties)
    return int(net > 0) - int(net < 0)


def balance(graph: Graph | nx.MultiDiGraph, *, since: str | None = None, until: str | None = None,
            min_confidence: float = 0.5, include: Sequence[str] = ("actual",)) -> BalanceReport:
    """Count the balanced triads of a time window, rank the unbalanced ones, list the mixed
    pairs and the enemy-of-my-enemy candidates.

    Args:
        graph: a kgraph graph or its projection (see :func:`kgraph.analysis.signed.projection`);
            it is not changed.
        since, until, min_confidence, include: the window and the statements that count, as
            in :func:`kgraph.analysis.signed.signed_graph`.

    Returns:
        The report (see the module docstring for the rules).

    Raises:
        AnalysisError: a malformed window.

    Examples:
        A pair that is both allied and at war, evenly, is in no triad:

        >>> from kgraph.analysis.signed import projection_from_claims
        >>> report = balance(projection_from_claims([
        ...     ("a", "allied-with", "b", "", 0.8), ("a", "fights", "b", "", 0.8),
        ...     ("b", "fights", "c", "", 0.8), ("a", "fights", "c", "", 0.8)]))
        >>> report.triads, report.share, [(m.a, m.b, m.net) for m in report.mixed]
        (0, None, [('a', 'b', 0)])
        >>> [(x.a, x.c, x.enemies, [t.sign for t in x.between]) for x in report.candidates]
        [('a', 'b', ('c',), [1, -1])]
    """
    S = signed_graph(graph, since=since, until=until, min_confidence=min_confidence,
                     include=include)
    ties: dict[tuple[str, str], tuple[Tie, ...]] = {}
    for a, b in sorted({(min(a, b), max(a, b)) for a, b in S.edges()}):
        ties[a, b] = tuple(tie(S, a, b, key) for key in sorted(S[a][b]))
    net = {pair: _net_of(pair_ties) for pair, pair_ties in ties.items()}
    signed: dict[str, dict[str, int]] = {n: {} for n in S}
    for (a, b), sign in net.items():
        if sign:
            signed[a][b] = sign
            signed[b][a] = sign

    def main_tie(a: str, b: str) -> Tie:
        pair = (min(a, b), max(a, b))
        return next(t for t in ties[pair] if t.sign == net[pair])

    census = dict.fromkeys(("+++", "++-", "+--", "---"), 0)
    unbalanced: list[Triad] = []
    for a, b, c in _triangles(signed):
        negatives = (signed[a][b] < 0) + (signed[b][c] < 0) + (signed[a][c] < 0)
        census[("+++", "++-", "+--", "---")[negatives]] += 1
        if negatives % 2:
            three = (main_tie(a, b), main_tie(b, c), main_tie(a, c))
            unbalanced.append(Triad(actors=(a, b, c), ties=three, balanced=False,
                                    weight=min(t.weight for t in three)))
    unbalanced.sort(key=lambda t: (-t.weight, -sum(x.weight for x in t.ties), t.actors))

    mixed = [MixedPair(a=a, b=b, net=net[a, b], positive=pair_ties[0], negative=pair_ties[1])
             for (a, b), pair_ties in ties.items() if len(pair_ties) == 2]
    mixed.sort(key=lambda m: (-(m.positive.weight + m.negative.weight), m.a, m.b))

    common: dict[tuple[str, str], list[str]] = {}
    for b in sorted(signed):
        enemies = sorted(x for x, sign in signed[b].items() if sign < 0)
        for a, c in combinations(enemies, 2):
            if signed[a].get(c, 0) <= 0:
                common.setdefault((a, c), []).append(b)
    candidates = []
    for (a, c), via in common.items():
        support = tuple((main_tie(a, b), main_tie(b, c)) for b in via)
        candidates.append(EnemyOfEnemy(
            a=a, c=c, enemies=tuple(via), support=support, between=ties.get((a, c), ()),
            weight=round(sum(min(x.weight, y.weight) for x, y in support), 6)))
    candidates.sort(key=lambda x: (-x.weight, x.a, x.c))

    balanced = census["+++"] + census["+--"]
    return BalanceReport(triads=sum(census.values()), balanced=balanced, census=census,
                         unbalanced=tuple(unbalanced), mixed=tuple(mixed),
                         candidates=tuple(candidates),
                         labels={n: S.nodes[n]["label"] for n in S})


def _triangles(adjacency: dict[str, dict[str, int]]) -> list[tuple[str, str, str]]:
    """Every triangle once, its actors sorted: each actor looks only at the neighbours that
    come after it in (degree, id) order, so a hub's neighbourhood is never scanned in full."""
    rank = {n: i for i, n in enumerate(sorted(adjacency, key=lambda n: (len(adjacency[n]), n)))}
    later = {n: {m for m in adjacency[n] if rank[m] > rank[n]} for n in adjacency}
    found: list[tuple[str, str, str]] = []
    for u, after in later.items():
        for v in after:
            for w in after & later[v]:
                x, y, z = sorted((u, v, w))
                found.append((x, y, z))
    return sorted(found)

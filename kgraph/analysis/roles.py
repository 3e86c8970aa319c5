"""Roles and paths: who backs whom, how two actors are connected, and who bridges the camps.

:func:`backers` follows the support relations (the ``support`` family of
``data/relations/relations.csv``; the projection stores them from the client to the patron, as
``backed-by``) out from one actor, hop by hop. :func:`paths` finds the simple paths between two
actors in the undirected actor network, each hop with one evidence sentence. :func:`brokers`
ranks the actors that hold the positive network together and names the blocs
(:func:`kgraph.analysis.blocs.blocs`) they reach.

Every function takes a kgraph graph or its projection, leaves it unchanged, and counts only the
statements that pass ``include``, ``min_confidence`` and the window (see
:func:`kgraph.analysis.evidence.statements`).

Examples:
    >>> from kgraph.analysis.signed import projection_from_claims
    >>> P = projection_from_claims([("iran", "backs", "houthis", "2015", 0.8, "a1"),
    ...                             ("russia", "backs", "iran", "2016", 0.7, "a2")])
    >>> [(h.level, h.patron, h.client) for h in backers(P, "houthis").hops]
    [(1, 'iran', 'houthis'), (2, 'russia', 'iran')]
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph

from kgraph.analysis.blocs import blocs
from kgraph.analysis.evidence import actor_id
from kgraph.analysis.signed import Statement, net_sign, projection, signed_graph, statements
from kgraph.errors import AnalysisError
from kgraph.know.relations import load_relations
from kgraph.sparql.named import QueryResult

__all__ = ["ActorPath", "Broker", "Brokers", "Hop", "Link", "Paths", "SupportChains", "backers",
           "brokers", "paths"]

MAX_CANDIDATES = 1000
"""How many simple paths :func:`paths` reads at most before ranking them."""


@dataclass(frozen=True, slots=True)
class Hop:
    """One support tie found by :func:`backers`: ``patron`` backs ``client``."""

    level: int
    """1 for the actor's own backers (or clients), 2 for theirs, ..."""
    patron: str
    client: str
    relation: str
    statement: Statement
    """The most confident statement of the tie (the newest of equals)."""
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SupportChains:
    """The support ties around one actor, level by level (see :func:`backers`)."""

    actor: str
    depth: int
    clients: bool
    """False: who backs the actor, and who backs those; True: whom the actor backs, and so on."""
    hops: tuple[Hop, ...]

    def table(self) -> QueryResult:
        """One row per support tie, nearest first."""
        rows = [{"level": h.level, "patron": h.patron, "relation": h.relation,
                 "client": h.client, "statements": len(h.evidence), **h.statement.cells()}
                for h in self.hops]
        return QueryResult(("level", "patron", "relation", "client", "statements", "date",
                            "sentence", "title", "statement"), rows)


@dataclass(frozen=True, slots=True)
class Link:
    """One hop of a path: from ``source`` to ``target`` by ``relation``.

    ``direction`` is ``->`` when the statement reads source → target, ``<-`` when it reads
    target → source, ``--`` for a symmetric relation.
    """

    source: str
    target: str
    relation: str
    direction: str
    weight: float
    """The summed confidence of every statement between the two actors."""
    statement: Statement
    evidence: tuple[str, ...]
    """The statements of ``relation`` between the two actors."""


@dataclass(frozen=True, slots=True)
class ActorPath:
    """A simple path between two actors; ``weight`` is that of its weakest link."""

    actors: tuple[str, ...]
    links: tuple[Link, ...]
    weight: float

    def __len__(self) -> int:
        return len(self.links)


@dataclass(frozen=True, slots=True)
class Paths:
    """The paths :func:`paths` found, shortest first, then strongest; a sequence of
    :class:`ActorPath`."""

    a: str
    b: str
    max_len: int
    items: tuple[ActorPath, ...]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[ActorPath]:
        return iter(self.items)

    def __getitem__(self, index: int) -> ActorPath:
        return self.items[index]

    def table(self) -> QueryResult:
        """One row per hop of each path, numbered by path and step."""
        rows = [{"path": n, "step": i, "source": link.source, "direction": link.direction,
                 "relation": link.relation, "target": link.target, **link.statement.cells()}
                for n, path in enumerate(self.items, start=1)
                for i, link in enumerate(path.links, start=1)]
        return QueryResult(("path", "step", "source", "direction", "relation", "target", "date",
                            "sentence", "title", "statement"), rows)


@dataclass(frozen=True, slots=True)
class Broker:
    """An actor on many of the shortest positive paths between others, and the blocs it reaches.

    ``blocs`` names the blocs of the actor and of its positive neighbours (sorted; an unaligned
    actor is in none); ``evidence`` holds the statements of its positive ties.
    """

    actor: str
    label: str
    betweenness: float
    """Normalised to 0..1 and rounded to 6 decimals."""
    bloc: str
    """The name of its own bloc, "" when it is unaligned."""
    blocs: tuple[str, ...]
    neighbours: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Brokers:
    """The brokers :func:`brokers` found, the highest betweenness first; a sequence of
    :class:`Broker`."""

    items: tuple[Broker, ...]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Broker]:
        return iter(self.items)

    def __getitem__(self, index: int) -> Broker:
        return self.items[index]

    def table(self) -> QueryResult:
        """One row per broker: betweenness, its bloc, the blocs it reaches, its neighbours."""
        rows = [{"actor": b.actor, "label": b.label, "betweenness": b.betweenness,
                 "bloc": b.bloc, "blocs": "; ".join(b.blocs), "bridges": len(b.blocs),
                 "neighbours": "; ".join(b.neighbours), "statements": len(b.evidence)}
                for b in self.items]
        return QueryResult(("actor", "label", "betweenness", "bloc", "blocs", "bridges",
                            "neighbours", "statements"), rows)


def backers(graph: Graph | nx.MultiDiGraph, actor: str, *, depth: int = 2, clients: bool = False,
            since: str | None = None, until: str | None = None, min_confidence: float = 0.5,
            include: Sequence[str] = ("actual",)) -> SupportChains:
    """Return who backs an actor, who backs those, and so on up to ``depth`` hops.

    Each actor is expanded once, at the level where it is first reached; a tie back to an
    actor already reached is still listed.

    Args:
        graph: a kgraph graph or its projection; not changed.
        actor: the actor's id, label or alias.
        depth: how many hops to follow (at least 1).
        clients: follow the ties the other way: whom the actor backs, whom those back, ...
        since: the window's first day (partial ISO); open when None.
        until: the window's last day; open when None.
        min_confidence: statements less confident than this are left out.
        include: the modalities that count.

    Returns:
        :class:`SupportChains`, by level, then patron and client.

    Raises:
        AnalysisError: an unknown actor (with close names), ``depth`` below 1, or a malformed
            window.

    Examples:
        >>> from kgraph.analysis.signed import projection_from_claims
        >>> P = projection_from_claims([("iran", "backs", "hezbollah", "2013", 0.8, "a1"),
        ...                             ("iran", "backs", "houthis", "2015", 0.8, "a2"),
        ...                             ("russia", "backs", "iran", "2016", 0.7, "a3")])
        >>> [(h.level, h.client) for h in backers(P, "russia", clients=True).hops]
        [(1, 'iran'), (2, 'hezbollah'), (2, 'houthis')]
        >>> backers(P, "houthis", depth=1).table().rows[0]["patron"]
        'iran'
    """
    if depth < 1:
        raise AnalysisError(f"depth must be at least 1, not {depth}")
    P = projection(graph)
    start = actor_id(P, actor)
    support = {name for name, rel in load_relations().items() if rel.family == "support"}
    ties: dict[tuple[str, str, str], list[Statement]] = defaultdict(list)
    edges = [(u, v, key) for u, v, key in P.edges(keys=True) if key in support]
    for s in statements(P, since=since, until=until, min_confidence=min_confidence,
                        include=include, edges=edges):
        ties[(s.object, s.subject, s.relation)].append(s)  # (patron, client, relation)
    onward: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for tie in sorted(ties):
        onward[tie[1] if not clients else tie[0]].append(tie)
    hops: list[Hop] = []
    reached, frontier = {start}, [start]
    for level in range(1, depth + 1):
        following: list[str] = []
        for node in frontier:
            for tie in onward[node]:
                said = ties[tie]
                hops.append(Hop(level=level, patron=tie[0], client=tie[1], relation=tie[2],
                                statement=_best(said), evidence=tuple(s.iri for s in said)))
                other = tie[1] if clients else tie[0]
                if other not in reached:
                    reached.add(other)
                    following.append(other)
        frontier = sorted(following)
    hops.sort(key=lambda h: (h.level, h.patron, h.client, h.relation))
    return SupportChains(actor=start, depth=depth, clients=clients, hops=tuple(hops))


def paths(graph: Graph | nx.MultiDiGraph, a: str, b: str, *, max_len: int = 3, top: int = 10,
          since: str | None = None, until: str | None = None, min_confidence: float = 0.5,
          include: Sequence[str] = ("actual",)) -> Paths:
    """Return how two actors are connected: the simple paths between them, each hop with its
    relation, direction and one evidence sentence.

    The network is undirected and holds every relation, signed or not. Between two actors the
    hop shows the relation with the highest summed confidence, and its most confident
    statement. Paths are ranked by length, then by the weight of their weakest hop, then by
    the actors' ids; at most :data:`MAX_CANDIDATES` paths are read before ranking.

    Args:
        graph: a kgraph graph or its projection; not changed.
        a: an actor's id, label or alias.
        b: the other actor.
        max_len: the most hops a path may have (at least 1).
        top: how many paths to return at most.
        since: the window's first day (partial ISO); open when None.
        until: the window's last day; open when None.
        min_confidence: statements less confident than this are left out.
        include: the modalities that count.

    Returns:
        :class:`Paths` (empty when the two are not connected within ``max_len`` hops).

    Raises:
        AnalysisError: an unknown actor (with close names), ``a`` and ``b`` the same actor,
            ``max_len`` or ``top`` below 1, or a malformed window.

    Examples:
        >>> from kgraph.analysis.signed import projection_from_claims
        >>> P = projection_from_claims([
        ...     ("iran", "backs", "houthis", "2015", 0.8, "a1", "Iran arms the Houthis."),
        ...     ("saudi-arabia", "attacks", "houthis", "2015", 0.9, "a2", "Saudi jets struck."),
        ...     ("saudi-arabia", "criticizes", "iran", "2016", 0.6, "a3", "Riyadh blamed Iran.")])
        >>> found = paths(P, "saudi-arabia", "iran")
        >>> [(p.actors, p.weight) for p in found]
        [(('saudi-arabia', 'iran'), 0.6), (('saudi-arabia', 'houthis', 'iran'), 0.8)]
        >>> [(x.source, x.direction, x.relation, x.target) for x in found[1].links]
        [('saudi-arabia', '->', 'attacks', 'houthis'), ('houthis', '->', 'backed-by', 'iran')]
    """
    if max_len < 1 or top < 1:
        raise AnalysisError(f"max_len and top must be at least 1, not {max_len} and {top}")
    P = projection(graph)
    source, target = actor_id(P, a), actor_id(P, b)
    if source == target:
        raise AnalysisError(f"{a!r} and {b!r} name the same actor ({source})")
    network = _network(P, since=since, until=until, min_confidence=min_confidence,
                       include=include)
    found: list[tuple[int, float, tuple[str, ...]]] = []
    if source in network and target in network and nx.has_path(network, source, target):
        for n, route in enumerate(nx.shortest_simple_paths(network, source, target)):
            hops = len(route) - 1
            if hops > max_len or n >= MAX_CANDIDATES or (
                    len(found) >= top and hops > found[top - 1][0]):
                break
            weight = min(network.edges[u, v]["weight"] for u, v in itertools.pairwise(route))
            found.append((hops, weight, tuple(route)))
    found.sort(key=lambda f: (f[0], -f[1], f[2]))
    items = tuple(ActorPath(actors=route, weight=weight, links=tuple(
        _link(network, u, v) for u, v in itertools.pairwise(route)))
                  for _hops, weight, route in found[:top])
    return Paths(a=source, b=target, max_len=max_len, items=items)


def brokers(graph: Graph | nx.MultiDiGraph, *, top: int = 10, sources: int = 1000,
            since: str | None = None, until: str | None = None, min_confidence: float = 0.5,
            include: Sequence[str] = ("actual",)) -> Brokers:
    """Return the actors that bridge the positive network: betweenness and the blocs they reach.

    The positive network holds the pairs whose net sign
    (:func:`kgraph.analysis.signed.net_sign`) is positive in the window, each one step
    whatever its weight; an actor's betweenness is the normalised share of the shortest paths
    between two others that pass through it (Freeman 1977; Brandes' algorithm, as
    :func:`networkx.betweenness_centrality` computes it). The blocs are those of
    :func:`kgraph.analysis.blocs.blocs` over the same window and filters.

    Exact betweenness costs time in the actors times the ties of the positive network; above
    ``sources`` actors it is estimated from the shortest paths of ``sources`` of them, drawn
    with a fixed seed, so the answer is the same on every run.

    Args:
        graph: a kgraph graph or its projection; not changed.
        top: how many brokers to return at most (at least 1).
        sources: the most actors whose shortest paths are all followed (at least 1).
        since: the window's first day (partial ISO); open when None.
        until: the window's last day; open when None.
        min_confidence: statements less confident than this are left out.
        include: the modalities that count.

    Returns:
        :class:`Brokers`: the actors with a betweenness above 0, the highest first, then those
        reaching more blocs, then by id.

    Raises:
        AnalysisError: ``top`` or ``sources`` below 1, or a malformed window.

    Examples:
        ``n`` is allied with one member of each of two hostile camps:

        >>> from kgraph.analysis.signed import projection_from_claims
        >>> P = projection_from_claims([
        ...     ("a1", "allied-with", "a2"), ("b1", "allied-with", "b2"), ("a1", "fights", "b1"),
        ...     ("a2", "fights", "b2"), ("n", "allied-with", "a1"), ("n", "allied-with", "b2")])
        >>> [(b.actor, b.betweenness, b.bloc, b.blocs) for b in brokers(P)]
        [('n', 0.666667, '', ('a1', 'b1')), ('a1', 0.5, 'a1', ('a1',)), ('b2', 0.5, 'b1', ('b1',))]
    """
    if top < 1 or sources < 1:
        raise AnalysisError(f"top and sources must be at least 1, not {top} and {sources}")
    P = projection(graph)
    S = signed_graph(P, since=since, until=until, min_confidence=min_confidence, include=include)
    positive = nx.Graph()
    positive.add_edges_from((u, v) for u, v in S.edges() if net_sign(S, u, v) > 0)
    partition = blocs(P, since=since, until=until, min_confidence=min_confidence,
                      include=include)

    def bloc_name(actor: str) -> str:
        bloc = partition.bloc_of(actor)
        return "" if bloc is None else bloc.name

    found = []
    sample = sources if len(positive) > sources else None
    for actor, score in nx.betweenness_centrality(positive, k=sample, seed=0).items():
        if score <= 0:
            continue
        near = tuple(sorted(positive[actor]))
        reached = {bloc_name(n) for n in (actor, *near)} - {""}
        found.append(Broker(
            actor=actor, label=str(P.nodes[actor].get("label", actor)),
            betweenness=round(score, 6), bloc=bloc_name(actor), blocs=tuple(sorted(reached)),
            neighbours=near,
            evidence=tuple(i for n in near for i in S.edges[min(actor, n), max(actor, n), "+"]
                           ["evidence"])))
    found.sort(key=lambda b: (-b.betweenness, -len(b.blocs), b.actor))
    return Brokers(items=tuple(found[:top]))


# ---------------------------------------------------------------- helpers


def _network(P: nx.MultiDiGraph, *, since: str | None, until: str | None,
             min_confidence: float, include: Sequence[str]) -> nx.Graph:
    """The undirected actor network: per pair, the statements of each relation and its weight."""
    network = nx.Graph()
    for s in statements(P, since=since, until=until, min_confidence=min_confidence,
                        include=include):
        if s.subject == s.object:
            continue
        if not network.has_edge(s.subject, s.object):
            network.add_edge(s.subject, s.object, weight=0.0, said=defaultdict(list))
        edge = network.edges[s.subject, s.object]
        edge["weight"] = round(edge["weight"] + s.confidence, 6)
        edge["said"][s.relation].append(s)
    return network


def _link(network: nx.Graph, u: str, v: str) -> Link:
    edge = network.edges[u, v]
    relation, said = max(edge["said"].items(),
                         key=lambda kv: (sum(s.confidence for s in kv[1]), kv[0]))
    best = _best(said)
    symmetric = load_relations()[relation].symmetric
    direction = "--" if symmetric else "->" if best.subject == u else "<-"
    return Link(source=u, target=v, relation=relation, direction=direction,
                weight=edge["weight"], statement=best, evidence=tuple(s.iri for s in said))


def _best(said: Sequence[Statement]) -> Statement:
    return max(said, key=lambda s: (s.confidence, s.date, s.iri))

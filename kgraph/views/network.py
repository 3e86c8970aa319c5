"""The networkx projection of a kgraph graph (its files are written by :mod:`kgraph.views.export`).

:func:`to_networkx` turns the rdflib graph (the source of truth) into a ``MultiDiGraph``:

- one node per actor, keyed by actor id, with ``label``, ``type``, ``aliases`` (list),
  ``wikidata`` ("" if none) and ``iri``;
- one edge ``(subject_id, object_id, key=relation)`` per relation read in at least one statement
  that is not negated, aggregating those statements: ``relation``, ``family``, ``symmetric``,
  ``count`` (statements), ``articles`` (distinct articles), ``first`` / ``last`` (ISO dates or
  ""), ``confidence`` (the highest), ``modalities`` (sorted), ``truthy`` (the direct triple is in
  the graph), ``evidence`` (statement IRIs) and ``sentences`` (one dict per statement with
  ``sentence``, ``article_id``, ``title``, ``url``, ``date``, ``modality``, ``confidence``,
  ``rule``, ``reported_by``; ``evidence[i]`` is the IRI of ``sentences[i]``, oldest first).

The graph itself (``G.graph``) carries three tables the viewer uses: ``articles`` (article id
-> ``{"title", "url", "date"}``, so evidence need not repeat them), ``times`` (statement IRI ->
the time the claim is about when the text gave one, else absent) and ``minted`` (sorted ids of
actors that are not in the gazetteer).

A symmetric relation is one edge whichever way it was read, from the smaller actor id to the
larger. ``backs`` never appears: it is ``backed-by`` from the client to the patron. A truthy
triple with no statement behind it (a graph loaded from ``graph.ttl``) still gives an edge,
with ``count`` 0 and empty evidence.

Examples:
    >>> from kgraph.rdf.graph import new_dataset
    >>> to_networkx(new_dataset()).number_of_nodes()
    0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kgraph.know.relations import load_relations
from kgraph.model import Actor
from kgraph.rdf.graph import StatementRecord, actors_in, statement_records, truthy_triples
from kgraph.rdf.namespace import actor_iri

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["to_networkx", "with_actors"]


def to_networkx(graph: Graph, *, records: Iterable[StatementRecord] | None = None
                ) -> nx.MultiDiGraph:
    """Return the actor network of an rdflib graph or dataset; ``graph`` is not changed.

    Args:
        graph: a kgraph graph: a dataset from a build or :func:`kgraph.rdf.graph.load_graph`, or a
            graph of truthy triples and actor descriptions.
        records: the graph's :func:`~kgraph.rdf.graph.statement_records` when the caller has
            read them already; read from ``graph`` when None.

    Returns:
        A new MultiDiGraph with the node and edge attributes described in the module docstring.

    Examples:
        >>> from kgraph.model import Actor, Article, Assertion, Evidence
        >>> from kgraph.rdf.graph import build_graph
        >>> iran = Actor("iran", "Iran", "State")
        >>> hez = Actor("hezbollah", "Hezbollah", "ArmedGroup")
        >>> ev = Evidence("a1", "Iran backs Hezbollah.", 0, 21, "demo")
        >>> G = to_networkx(build_graph([(Article("a1", ev.sentence),
        ...                               [Assertion(iran, "backs", hez, ev, confidence=0.8)])]))
        >>> [(s, o, k, d["count"], d["truthy"]) for s, o, k, d in G.edges(keys=True, data=True)]
        [('hezbollah', 'iran', 'backed-by', 1, True)]
    """
    import networkx as nx

    relations = load_relations()
    actors = actors_in(graph)
    G = nx.MultiDiGraph()
    articles: dict[str, dict[str, str]] = {}
    claim_times: dict[str, str] = {}
    minted = {actor.id for actor in actors.values() if actor.minted}
    for actor in sorted(actors.values(), key=lambda a: a.id):
        _add_node(G, actor)

    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for record in statement_records(graph) if records is None else records:
        a = record.assertion
        if a.polarity == "negated":
            continue
        for actor in (a.subject, a.object):
            if actor.id not in G:
                _add_node(G, actor)
                if actor.minted:
                    minted.add(actor.id)
        articles.setdefault(record.article.id, {"title": record.article.title,
                                                "url": record.article.url,
                                                "date": record.article.published})
        if a.time:
            claim_times[record.iri] = a.time
        key = _edge_key(a.subject.id, a.relation, a.object.id, relations[a.relation].symmetric)
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = _new_edge()
        edge["count"] += 1
        edge["_articles"].add(record.article.id)
        if a.time:
            edge["_times"].append(a.time)
        edge["confidence"] = max(edge["confidence"], a.confidence)
        edge["_modalities"].add(a.modality)
        date = record.article.published or a.time
        edge["_sentences"].append((date, record.article.id, record.iri, {
            "sentence": a.evidence.sentence,
            "article_id": record.article.id,
            "title": record.article.title,
            "url": record.article.url,
            "date": date,
            "modality": a.modality,
            "confidence": a.confidence,
            "rule": a.evidence.rule,
            "reported_by": a.evidence.reported_by,
        }))

    for subject_id, relation, object_id in truthy_triples(graph):
        key = _edge_key(subject_id, relation, object_id, relations[relation].symmetric)
        if key not in edges:
            edges[key] = _new_edge()
        edges[key]["truthy"] = True
        for node in key[:2]:
            if node not in G:
                _add_node(G, Actor(id=node, label=node, type=""))

    for (subject_id, object_id, relation), edge in sorted(edges.items()):
        rel = relations[relation]
        sentences = sorted(edge.pop("_sentences"), key=lambda s: s[:3])
        times = sorted(edge.pop("_times"))
        G.add_edge(
            subject_id, object_id, key=relation,
            relation=relation,
            family=rel.family,
            symmetric=rel.symmetric,
            count=edge["count"],
            articles=len(edge.pop("_articles")),
            first=times[0] if times else "",
            last=times[-1] if times else "",
            confidence=edge["confidence"],
            modalities=sorted(edge.pop("_modalities")),
            truthy=edge["truthy"],
            evidence=[s[2] for s in sentences],
            sentences=[s[3] for s in sentences],
        )
    G.graph.update(articles=dict(sorted(articles.items())), times=dict(sorted(claim_times.items())),
                   minted=sorted(minted))
    return G


def with_actors(G: nx.MultiDiGraph, actors: Iterable[Actor]) -> nx.MultiDiGraph:
    """Return a copy of a network whose nodes show these actors' label, type, aliases and
    Q-id (the user's own actor rows); ``G`` is not changed.

    An actor that is no node of ``G`` is left out: a network shows the actors of its
    relations. An actor given here is no longer listed as minted.

    Args:
        G: a network from :func:`to_networkx`.
        actors: the actors to show as given (e.g. :func:`kgraph.know.actors.load_user_actors`).

    Returns:
        A new MultiDiGraph (``G`` itself when ``actors`` is empty).

    Examples:
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph(minted=["kivu-front"])
        >>> G.add_node("kivu-front", label="Kivu front", type="Organization", aliases=[])
        >>> H = with_actors(G, [Actor("kivu-front", "Kivu Lake Front", "ArmedGroup")])
        >>> H.nodes["kivu-front"]["label"], H.nodes["kivu-front"]["type"], H.graph["minted"]
        ('Kivu Lake Front', 'ArmedGroup', [])
        >>> G.nodes["kivu-front"]["label"]
        'Kivu front'
    """
    given = {a.id: a for a in actors if a.id in G}
    if not given:
        return G
    H = G.copy()
    for actor in given.values():
        _add_node(H, actor)
    H.graph["minted"] = [i for i in G.graph.get("minted", []) if i not in given]
    return H


def _add_node(G: nx.MultiDiGraph, actor: Actor) -> None:
    G.add_node(actor.id, label=actor.label, type=actor.type, aliases=list(actor.aliases),
               wikidata=actor.wikidata, iri=str(actor_iri(actor.id)))


def _edge_key(subject_id: str, relation: str, object_id: str,
              symmetric: bool) -> tuple[str, str, str]:
    if symmetric and object_id < subject_id:
        subject_id, object_id = object_id, subject_id
    return subject_id, object_id, relation


def _new_edge() -> dict[str, Any]:
    return {"count": 0, "confidence": 0.0, "truthy": False, "_articles": set(), "_times": [],
            "_modalities": set(), "_sentences": []}

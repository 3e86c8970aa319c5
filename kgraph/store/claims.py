"""The store's claim index: each statement packed into one row under each of its actors.

On disk, Oxigraph reads every term of a solution from RocksDB (10-20 µs a term on the
benchmark machine), so a query that joins a dozen triples per statement is slow for an actor
named in thousands of statements: ``timeline-of`` and ``relations-of`` of the busiest actor
of a 100k-claim store took 1.5-3 s, ``actor-profile`` about 1 s. The queries of an actor's
partners (``allies-of``, ``enemies-of``, ``backers-of``, ``clients-of``, ``members-of``,
``leaders-of``) list the direct triples no claim backs with a ``FILTER NOT EXISTS``, which
Oxigraph evaluates without the outer solution's terms pushed into it: ``allies-of`` took 46 s
at 500 actors and 5k claims, 18 ms without the filter, and binding the actor in the text
(``VALUES``) did not help. The index keeps, for
each graph, a derived graph with one JSON row per statement under its subject and under its
object, and one JSON card per actor described in the graph (its labels, ids and whether it is
a ``kg:Actor``)::

    GRAPH <https://kgraph.dev/id/graph/claims?g=GRAPH> {
        <subject> kgr:store/subject-of "[statement, subject, predicate, object, ...]" .
        <object> kgr:store/object-of "[statement, subject, predicate, object, ...]" .
        <actor> kgr:store/card "[labels, ids, is an actor]" }

and the store answers :data:`QUERIES` from it: one triple per statement, then one card per
partner. Their rows are those of the shipped queries (``tests/test_store.py`` compares the
engines):

- a row holds the terms the queries read of a statement, its optional parts left empty, one
  row per combination of values, as SPARQL joins them;
- a card holds what the queries read of an actor; an actor described in several graphs has
  one card in each, and the query merges them as SPARQL's union of the graphs would;
- rows and cards are read from their own graph: the index relies on kgraph's layout
  (:mod:`kgraph.rdf.graph`: a statement, its mention and its article share the article's graph),
  on ``ontology/shapes.ttl`` (statement subjects and objects are IRIs) and on
  ``ontology/kgraph.ttl`` (a statement is never an actor).

The derived graphs are kept in the store's own Oxigraph store, beside the user's graphs
(:class:`kgraph.store.oxigraph.KgStore`): raw SPARQL never sees them.
:mod:`kgraph.store.oxigraph` writes the index of an article, and the cards of the actors it
describes, right after the article; a bulk load indexes the whole store.

Examples:
    >>> ex = "https://example.org/"
    >>> st, a, b = (ox.NamedNode(ex + n) for n in ("st", "a", "b"))
    >>> triples = [(st, _SUBJECT, a), (st, _PREDICATE, ox.NamedNode(str(KG.fights))),
    ...            (st, _OBJECT, b), (st, _POLARITY, ox.NamedNode(str(KG.asserted))),
    ...            (a, _LABEL, ox.Literal("A"))]
    >>> [(s.value[len(ex):], p.value.rsplit("/", 1)[1]) for s, p, _ in index_triples(triples)]
    [('a', 'subject-of'), ('b', 'object-of'), ('a', 'card')]
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import product
from typing import Any, Literal, NamedTuple, cast
from urllib.parse import quote

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, SKOS

from kgraph.know.relations import load_relations
from kgraph.rdf.graph import TRUTHY_MIN_CONFIDENCE
from kgraph.rdf.namespace import KG, KGR, SCHEMA, relation_property
from kgraph.sparql.named import QueryResult, load_queries
from kgraph.store.engine import evaluate, run, term_value

__all__ = ["CARD", "CLAIMS_GRAPH", "OBJECT_OF", "QUERIES", "SUBJECT_OF", "card_triples",
           "claims_graph", "index_triples", "is_claims_graph"]

CLAIMS_GRAPH = str(KGR["graph/claims"])
"""The IRI of the derived graph of the default graph; that of a named graph adds ``?g=IRI``."""

SUBJECT_OF = ox.NamedNode(str(KGR["store/subject-of"]))
"""Links an actor to the row of each statement it is the subject of."""

OBJECT_OF = ox.NamedNode(str(KGR["store/object-of"]))
"""Links an actor to the row of each statement it is the object of."""

CARD = ox.NamedNode(str(KGR["store/card"]))
"""Links an actor to its card in each graph that describes it."""

_SUBJECT, _PREDICATE, _OBJECT, _TYPE = (ox.NamedNode(str(t)) for t in (RDF.subject,
                                                                        RDF.predicate,
                                                                        RDF.object, RDF.type))
_POLARITY, _MODALITY, _CONFIDENCE, _TIME, _SENTENCE, _MENTION, _ACTOR = (
    ox.NamedNode(str(t)) for t in (KG.polarity, KG.modality, KG.confidence, KG.time,
                                   KG.sentence, KG.Mention, KG.Actor))
_DERIVED, _LABEL, _ACTOR_ID = (ox.NamedNode(str(t)) for t in (PROV.wasDerivedFrom,
                                                              SKOS.prefLabel, KG.actorId))
_NEWS, _HEADLINE, _URL = (ox.NamedNode(str(t)) for t in (SCHEMA.NewsArticle, SCHEMA.headline,
                                                         SCHEMA.url))
_NEGATED, _ASSERTED, _ACTUAL = str(KG.negated), str(KG.asserted), str(KG.actual)
_UPPER = re.compile("([A-Z])")
_ROWS = f"""SELECT ?actor ?row ?role WHERE {{
  {{ ?actor {SUBJECT_OF} ?row BIND(0 AS ?role) }}
  UNION {{ ?actor {OBJECT_OF} ?row BIND(1 AS ?role) }}
}}"""
# the candidates for the direct ("truthy") triples of relations-of and of the partner queries,
# any predicate to or from a
# node that _describe then finds to be a kg:Actor; statements never are (kgraph.ttl)
_DIRECT = f"""SELECT ?actor ?p ?o ?role WHERE {{
  {{ ?actor ?p ?o FILTER(isIRI(?o)) BIND(0 AS ?role) }}
  UNION {{ ?o ?p ?actor FILTER(?p != {_SUBJECT} && ?p != {_OBJECT}) BIND(1 AS ?role) }}
}}"""

# actor-profile's description of the actor: the WHERE of queries/actor-profile.rq without its
# claims, which are counted from the index (tests/test_store.py compares the engines)
_PROFILE = """
PREFIX kg: <https://kgraph.dev/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT DISTINCT ?actor ?label ?id ?type ?aliases ?wikidata ?minted WHERE {
  ?actor skos:prefLabel ?label ;
         kg:actorId ?id .
  OPTIONAL {
    ?actor a ?class .
    FILTER(STRSTARTS(STR(?class), STR(kg:)) && ?class != kg:Actor)
  }
  OPTIONAL {
    SELECT ?actor (GROUP_CONCAT(DISTINCT ?alias; separator="; ") AS ?aliases)
    WHERE { ?actor skos:altLabel ?alias }
    GROUP BY ?actor
  }
  OPTIONAL {
    ?actor owl:sameAs ?same .
    FILTER(STRSTARTS(STR(?same), "http://www.wikidata.org/entity/"))
  }
  OPTIONAL { ?actor kg:minted ?is_minted }
  BIND(STRAFTER(STR(?class), "#") AS ?type)
  BIND(STRAFTER(STR(?same), "http://www.wikidata.org/entity/") AS ?wikidata)
  BIND(COALESCE(?is_minted, false) AS ?minted)
}
"""

_Triple = tuple[Any, Any, Any]


class _Node(NamedTuple):
    """What the queries read of an actor: its labels and ids, and whether it is a kg:Actor."""

    labels: list[Any]
    ids: list[Any]
    actor: bool


class _Row(NamedTuple):
    """A statement as the index keeps it (see :func:`index_triples`)."""

    st: str
    s: str
    p: str
    o: str
    pol: str
    mod: str | None
    conf: Any
    time: str | None
    article: str | None
    sentence: Any
    title: Any
    url: Any

    def other(self, role: int) -> str:
        """The other actor of the claim, for the actor in ``role`` (0 subject, 1 object)."""
        return self.o if role == 0 else self.s


class _Claim(NamedTuple):
    """What relations-of aggregates of one solution (a direct triple has no statement)."""

    st: str | None
    article: str | None
    conf: Any
    time: str | None


def claims_graph(graph: ox.NamedNode | ox.DefaultGraph) -> ox.NamedNode:
    """Return the derived graph that holds the claim rows of ``graph``.

    Examples:
        >>> claims_graph(ox.NamedNode("https://kgraph.dev/id/graph/article/a1")).value
        'https://kgraph.dev/id/graph/claims?g=https%3A%2F%2Fkgraph.dev%2Fid%2Fgraph%2Farticle%2Fa1'
    """
    if isinstance(graph, ox.DefaultGraph):
        return ox.NamedNode(CLAIMS_GRAPH)
    return ox.NamedNode(f"{CLAIMS_GRAPH}?g={quote(graph.value, safe='')}")


def is_claims_graph(graph: ox.NamedNode) -> bool:
    """Return whether ``graph`` is a derived graph of the claim index.

    Examples:
        >>> is_claims_graph(claims_graph(ox.DefaultGraph()))
        True
    """
    return graph.value == CLAIMS_GRAPH or graph.value.startswith(CLAIMS_GRAPH + "?g=")


def index_triples(triples: Sequence[_Triple]) -> list[_Triple]:
    """Return the index of one graph, given its triples (pyoxigraph terms): rows and cards.

    As the queries read a statement: its subject, object, predicate and polarity are
    required; its modality, confidence and time are optional; its sentence comes from a
    ``kg:Mention`` it is derived from, and its article, title and URL from a
    ``schema:NewsArticle`` it is derived from (each optional).
    """
    props: dict[Any, dict[Any, list[Any]]] = {}
    for s, p, o in triples:
        props.setdefault(s, {}).setdefault(p, []).append(o)

    def optional(node: Any, prop: ox.NamedNode) -> list[Any]:
        return props.get(node, {}).get(prop) or [None]

    out: list[_Triple] = []
    for st, fields in props.items():
        required = [fields.get(p, []) for p in (_SUBJECT, _OBJECT, _PREDICATE, _POLARITY)]
        if not all(required):
            continue
        sources = fields.get(_DERIVED, [])
        sentences = [x for m in sources if _MENTION in props.get(m, {}).get(_TYPE, [])
                     for x in props[m].get(_SENTENCE, [])] or [None]
        articles = [(a, title, url) for a in sources if _NEWS in props.get(a, {}).get(_TYPE, [])
                    for title in optional(a, _HEADLINE) for url in optional(a, _URL)] \
            or [(None, None, None)]
        for s, o, p, pol, mod, conf, time, sentence, (article, title, url) in product(
                *required, optional(st, _MODALITY), optional(st, _CONFIDENCE),
                optional(st, _TIME), sentences, articles):
            if not (isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode)):
                continue  # shapes.ttl: statement subjects and objects are actor IRIs
            row = [st.value, s.value, p.value, o.value, pol.value, _str(mod),
                   term_value(conf), _str(time), _str(article), term_value(sentence),
                   term_value(title), term_value(url)]
            text = _json(row)
            out += [(s, SUBJECT_OF, text), (o, OBJECT_OF, text)]
    return out + card_triples(triples)


def card_triples(triples: Sequence[_Triple]) -> list[_Triple]:
    """Return the cards of the actors described by ``triples`` (pyoxigraph terms).

    A card is ``[labels, ids, is a kg:Actor]``, each label and id a pair ``[term, value]``:
    the term in N-Triples (to merge cards as a union of graphs would) and its query value.
    """
    labels: dict[Any, dict[str, Any]] = {}
    ids: dict[Any, dict[str, Any]] = {}
    actors: set[Any] = set()
    for s, p, o in triples:
        if p == _LABEL:
            labels.setdefault(s, {})[str(o)] = term_value(o)
        elif p == _ACTOR_ID:
            ids.setdefault(s, {})[str(o)] = term_value(o)
        elif p == _TYPE and o == _ACTOR:
            actors.add(s)
    nodes = sorted((n for n in {*labels, *ids, *actors} if isinstance(n, ox.NamedNode)), key=str)
    return [(n, CARD, _json([sorted(labels.get(n, {}).items()), sorted(ids.get(n, {}).items()),
                             n in actors])) for n in nodes]


# ---------------------------------------------------------------- the queries


def relations_of(graphs: ox.Store, own: ox.Store, actor: ox.NamedNode) -> QueryResult:
    """``relations-of`` from the index: claims and direct triples, grouped by status."""
    # one solution per claim and per direct triple, as the query's UNION gives them
    solutions = [(row.p, _WAYS[role], row.other(role), _status(row.pol, row.mod, row.conf),
                  _Claim(row.st, row.article, row.conf, row.time))
                 for row, role in _claim_rows(own, actor)]
    direct = _direct(graphs, actor)
    names = _describe(own, {other for _, _, other, _, _ in solutions}
                      | {o for _, _, o in direct})
    solutions += [(p, way, o, "truthy", _Claim(None, None, None, None)) for p, way, o in direct
                  if names[o].actor]
    mutual = _symmetric()
    groups: dict[tuple[str, str, Any, Any, str], list[_Claim]] = {}
    for p, way, other, status, claim in solutions:
        for label, other_id in product(names[other].labels or [None], names[other].ids or [None]):
            key = (_relation(p), "mutual" if p in mutual else way, label, other_id, status)
            groups.setdefault(key, []).append(claim)
    rows = []
    for (relation, direction, label, other_id, status), claims in groups.items():
        confidence = max(c.conf if isinstance(c.conf, int | float) else -1 for c in claims)
        rows.append({
            "relation": relation, "direction": direction, "other": label, "other_id": other_id,
            "status": status, "statements": len({c.st for c in claims if c.st is not None}),
            "articles": len({c.article for c in claims if c.article is not None}),
            "confidence": None if confidence < 0 else confidence,  # the query's -1: unbound
            **_first_last([c.time for c in claims]),
        })
    rows.sort(key=lambda r: (r["relation"], -r["statements"], _ascending(_lower(r["other"])),
                             r["status"]))
    return _result("relations-of", rows)


def timeline_of(graphs: ox.Store, own: ox.Store, actor: ox.NamedNode) -> QueryResult:
    """``timeline-of`` from the index: one row per claim about the actor, oldest first."""
    claims = [row for row, _ in _claim_rows(own, actor) if row.mod is not None]
    names = _describe(own, {node for row in claims for node in (row.s, row.o)})
    rows = [{"time": row.time, "subject": subject, "relation": _relation(row.p), "object": obj,
             "polarity": _after_hash(row.pol), "modality": _after_hash(row.mod or ""),
             "status": _status(row.pol, row.mod, row.conf), "confidence": row.conf,
             "sentence": row.sentence, "title": row.title, "url": row.url, "statement": row.st}
            for row in claims
            for subject, obj in product(names[row.s].labels, names[row.o].labels)]
    rows.sort(key=lambda r: tuple(_ascending(r[c])
                                  for c in ("time", "relation", "subject", "statement")))
    return _result("timeline-of", rows)


def actor_profile(graphs: ox.Store, own: ox.Store, actor: ox.NamedNode) -> QueryResult:
    """``actor-profile`` from the index: the actor's description (:data:`_PROFILE`), with its
    claims and partners counted by status."""
    claims = [(row.other(role), row, _status(row.pol, row.mod, row.conf))
              for row, role in _claim_rows(own, actor)]
    direct = _direct(graphs, actor)
    names = _describe(own, {o for _, _, o in direct})
    related = {o for _, _, o in direct if names[o].actor}  # by a direct triple: truthy
    statuses = {status for _, _, status in claims} | ({"truthy"} if related else set())
    described = run(graphs, _PROFILE, {ox.Variable("actor"): actor}).rows
    rows = []
    kinds: list[str | None] = [*sorted(statuses)] or [None]  # no claim: one row, unbound
    for status in kinds:
        mine = [(other, row) for other, row, s in claims if s == status]
        counts = {
            "status": status,
            "statements": len({row.st for _, row in mine}),
            "articles": len({row.article for _, row in mine if row.article is not None}),
            "partners": len({other for other, _ in mine}
                            | (related if status == "truthy" else set())),
            **_first_last([row.time for _, row in mine]),
        }
        rows += [{**row, **counts} for row in described]
    rows.sort(key=lambda r: (-r["statements"], _ascending(r["status"])))
    return _result("actor-profile", rows)


class _Partners(NamedTuple):
    """How a query of an actor's partners (``allies-of``, ``members-of``, ...) reads the index.

    Its rows group the claims of its relations, and the direct triples no asserted, actual
    claim backs (listed as truthy without statement), by partner, relation, direction and
    status (the ``queries/<name>.rq`` texts).
    """

    name: str
    column: str  # the partner's label column; its id is in column + "_id"
    relations: tuple[str, str]  # (relations.csv column, value): the relations read
    roles: tuple[int, ...]  # the actor's roles read: 0 the subject, 1 the object
    reverse: Literal["always", "symmetric", "never"]  # a claim read the other way hides a
    # direct triple: always, for a symmetric relation, or never
    order: tuple[str, ...]  # ORDER BY: columns, "-" for DESC; the label's is LCASE'd


_PARTNERS = (
    _Partners("allies-of", "ally", ("stance", "ally"), (0, 1), "always",
              ("-statements", "ally", "relation", "status")),
    _Partners("enemies-of", "enemy", ("stance", "enemy"), (0, 1), "symmetric",
              ("-statements", "enemy", "relation", "status")),
    _Partners("backers-of", "backer", ("name", "backed-by"), (0,), "never",
              ("-statements", "backer", "status")),
    _Partners("clients-of", "client", ("name", "backed-by"), (1,), "never",
              ("-statements", "client", "status")),
    _Partners("members-of", "member", ("family", "membership"), (1,), "never",
              ("relation", "-statements", "member", "status")),
    _Partners("leaders-of", "leader", ("name", "leader-of"), (1,), "never",
              ("-last", "-statements", "leader", "status")),
)


def _partners_of(query: _Partners, graphs: ox.Store, own: ox.Store,
                actor: ox.NamedNode) -> QueryResult:
    """A query of the actor's partners (:data:`_PARTNERS`) from the index: its claims, and
    the direct triples no asserted, actual claim backs, grouped by partner and status."""
    wanted = _relation_set(*query.relations)
    rows = [(row, role) for row, role in _claim_rows(own, actor) if row.p in wanted]
    # one solution per claim and per unbacked direct triple, as the query's UNION gives them
    solutions = [(row.p, role, row.other(role), _status(row.pol, row.mod, row.conf),
                  _Claim(row.st, row.article, row.conf, row.time))
                 for row, role in rows if role in query.roles and row.mod is not None]
    backed = {(row.s, row.p, row.o) for row, _ in rows
              if row.pol == _ASSERTED and row.mod == _ACTUAL}
    mutual = _symmetric()
    for p, way, other in _direct(graphs, actor):
        role = _WAYS.index(way)
        ends = (actor.value, other) if role == 0 else (other, actor.value)
        reverse = query.reverse == "always" or (query.reverse == "symmetric" and p in mutual)
        if p in wanted and role in query.roles and (ends[0], p, ends[1]) not in backed \
                and not (reverse and (ends[1], p, ends[0]) in backed):
            solutions.append((p, role, other, "truthy", _Claim(None, None, None, None)))
    names = _describe(own, {other for _, _, other, _, _ in solutions if other != actor.value})
    groups: dict[tuple[Any, Any, str, str, str], list[_Claim]] = {}
    for p, role, other, status, claim in solutions:
        if other == actor.value:
            continue
        direction = "mutual" if p in mutual else ("by actor", "against actor")[role]
        for label, other_id in product(names[other].labels, names[other].ids):
            groups.setdefault((label, other_id, _relation(p), direction, status),
                              []).append(claim)
    found = [{query.column: label, f"{query.column}_id": other_id, "relation": relation,
              "direction": direction, "status": status,
              "statements": len({c.st for c in claims if c.st is not None}),
              "articles": len({c.article for c in claims if c.article is not None}),
              **_first_last([c.time for c in claims])}
             for (label, other_id, relation, direction, status), claims in groups.items()]
    for key in reversed(query.order):  # stable sorts, the last key first
        column = key.lstrip("-")
        lowered = column == query.column
        found.sort(key=lambda r: _ascending(_lower(r[column]) if lowered else r[column]),
                   reverse=key.startswith("-"))
    return _result(query.name, found)


QUERIES: dict[str, Callable[[ox.Store, ox.Store, ox.NamedNode], QueryResult]] = {
    "actor-profile": actor_profile,
    "relations-of": relations_of,
    "timeline-of": timeline_of,
    **{q.name: functools.partial(_partners_of, q) for q in _PARTNERS},
}
"""The named queries the store answers from the index, by name: each is given the store's
user graphs, its own store (that holds the index) and the ``actor`` bound. (``evidence-between``
binds both actors first and stays a SPARQL text: tens of milliseconds.)"""

_WAYS = ("outgoing", "incoming")


def _claim_rows(own: ox.Store, actor: ox.NamedNode) -> Iterator[tuple[_Row, int]]:
    """Yield each row naming ``actor``, with 0 when it is the subject and 1 the object."""
    for solution in _select(own, _ROWS, actor):
        yield _Row(*json.loads(solution["row"].value)), int(solution["role"].value)


def _direct(store: ox.Store, actor: ox.NamedNode) -> list[tuple[str, str, str]]:
    """The candidates for the actor's direct triples: ``(predicate, way, other node)``."""
    return [(s["p"].value, _WAYS[int(s["role"].value)], s["o"].value)
            for s in _select(store, _DIRECT, actor)]


def _select(store: ox.Store, text: str, actor: ox.NamedNode | None) -> Iterator[Any]:
    """The solutions of a SELECT query of this module, ``?actor`` bound to ``actor``."""
    subs = None if actor is None else {ox.Variable("actor"): actor}
    yield from cast(ox.QuerySolutions, evaluate(store, text, subs))


def _status(polarity: str, modality: str | None, confidence: Any) -> str:
    """A claim's status, as the queries' ``?status``: ``negated``, ``truthy`` (asserted, actual
    and confident enough for its direct triple), ``low-confidence`` (actual, not confident
    enough) or its modality; a claim without modality (relations-of) is taken as actual.

    Examples:
        >>> _status(_ASSERTED, str(KG.actual), 0.9), _status(_ASSERTED, str(KG.hedged), 0.9)
        ('truthy', 'hedged')
        >>> _status(_NEGATED, str(KG.actual), 0.9), _status(_ASSERTED, None, 0.2)
        ('negated', 'low-confidence')
    """
    if polarity == _NEGATED:
        return "negated"
    if modality is not None and modality != _ACTUAL:
        return _after_hash(modality)
    sure = confidence if isinstance(confidence, int | float) else 1
    return "truthy" if sure >= TRUTHY_MIN_CONFIDENCE else "low-confidence"


def _first_last(times: list[str | None]) -> dict[str, str | None]:
    """The queries' first and last dates, with their markers for unbound times ("~", "")."""
    times = times or [None]  # no solution: the OPTIONAL leaves one, unbound
    first = min("~" if t is None else t for t in times)
    last = max("" if t is None else t for t in times)
    return {"first": None if first == "~" else first, "last": None if last == "" else last}


def _describe(own: ox.Store, nodes: set[str]) -> dict[str, _Node]:
    """The labels and ids of ``nodes`` (IRIs) and whether each is a ``kg:Actor``, from their
    cards (merged, for a node described in several graphs)."""
    labels: dict[str, dict[str, Any]] = {node: {} for node in nodes}
    ids: dict[str, dict[str, Any]] = {node: {} for node in nodes}
    actors: set[str] = set()
    if nodes:
        # the IRIs come from the store, written by Oxigraph's own serialiser
        text = (f"SELECT ?a ?card WHERE {{ VALUES ?a {{ "
                f"{' '.join(str(ox.NamedNode(n)) for n in sorted(nodes))} }} ?a {CARD} ?card }}")
        for solution in _select(own, text, None):
            node = solution["a"].value
            node_labels, node_ids, actor = json.loads(solution["card"].value)
            labels[node].update(node_labels)
            ids[node].update(node_ids)
            if actor:
                actors.add(node)
    return {node: _Node(list(labels[node].values()), list(ids[node].values()), node in actors)
            for node in nodes}


def _str(term: Any) -> str | None:
    """As SPARQL's ``STR``; None for None."""
    return None if term is None else str(term.value)


def _json(value: Any) -> ox.Literal:
    return ox.Literal(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _result(name: str, rows: list[dict[str, Any]]) -> QueryResult:
    columns = load_queries()[name].columns
    return QueryResult(columns, [{c: row[c] for c in columns} for row in rows])


def _relation(iri: str) -> str:
    """As the queries' ``LCASE(REPLACE(STRAFTER(STR(?p), "#"), "([A-Z])", "-$1"))``."""
    return _UPPER.sub(r"-\1", _after_hash(iri)).lower()


def _after_hash(iri: str) -> str:
    """As SPARQL's ``STRAFTER(STR(?x), "#")``."""
    return iri.partition("#")[2]


@functools.cache
def _relation_set(column: str, value: str) -> frozenset[str]:
    """The properties of the relations whose ``column`` in relations.csv is ``value`` (as
    the queries' ``{{column=value}}``; ``name`` picks one relation)."""
    return frozenset(str(relation_property(name)) for name, r in load_relations().items()
                     if (name if column == "name" else getattr(r, column)) == value)


@functools.cache
def _symmetric() -> frozenset[str]:
    """The symmetric relations' properties (``mutual`` in relations-of)."""
    return frozenset(str(relation_property(name)) for name, r in load_relations().items()
                     if r.symmetric)


def _ascending(value: Any) -> tuple[bool, Any]:
    """An ORDER BY key: unbound first, then by number or by string value."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (True, value)
    return (value is not None, "" if value is None else str(value))


def _lower(value: Any) -> str | None:
    """As SPARQL's ``LCASE``: unbound stays unbound."""
    return None if value is None else str(value).lower()

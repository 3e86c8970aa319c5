"""A SPARQL 1.1 store server as a backend: Oxigraph server, Apache Jena Fuseki, GraphDB, ...

A remote store is named by a URL ``sparql+http://HOST:PORT/PATH`` (or ``sparql+https://``);
:func:`kgraph.store.open_backend` opens it as a :class:`RemoteBackend`. kgraph talks to it
through the standard protocols only:

* each article's named graph is written with one **Graph Store HTTP Protocol** ``PUT``
  (N-Triples), which replaces the graph as a whole;
* the actor descriptions it changes and the article's digest
  (:data:`kgraph.store.base.DIGEST`) follow in one **SPARQL 1.1 Update** request, after the
  graph, and the content hash (:data:`kgraph.store.base.CONTENT_HASH`) in another, so that the
  hash marks an article that is fully in;
* the store's bookkeeping and actor descriptions are read once, with a **SPARQL 1.1 Query**,
  when the backend is opened: articles already in the store with the same text are skipped
  before they are parsed (resume, :mod:`kgraph.store.resume`), unchanged ones write nothing,
  and actor descriptions follow the same rule as in memory (a minted actor never replaces a
  gazetteer actor; see :func:`kgraph.store.base.ingest_with_digest`).

The layout is that of :mod:`kgraph.rdf.graph` and :mod:`kgraph.store.oxigraph`: one named graph
per article,
the actors graph and the store's bookkeeping graph. The endpoints default to Oxigraph server's
(``PATH/query``, ``PATH/update``, ``PATH/store``); query parameters of the URL name others,
relative to ``PATH`` (an empty value is ``PATH`` itself):

    sparql+http://127.0.0.1:7878                                       # oxigraph serve
    sparql+http://127.0.0.1:3030/kg?query=sparql&gsp=data               # Fuseki dataset /kg
    sparql+http://127.0.0.1:7200/repositories/kg?query=&update=statements&gsp=rdf-graphs/service
                                                                         # GraphDB repository kg

Update text holds only terms written by Oxigraph's N-Triples serialiser (escaped), never text
pasted from an article; one builder at a time should write to a store.

Examples:
    >>> is_remote("sparql+http://127.0.0.1:7878"), is_remote("kg.db")
    (True, False)
    >>> r = parse_remote("sparql+http://127.0.0.1:3030/kg?query=sparql&gsp=data")
    >>> r.query, r.update, r.graph_store
    ('http://127.0.0.1:3030/kg/sparql', 'http://127.0.0.1:3030/kg/update', \
'http://127.0.0.1:3030/kg/data')
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Identifier

from kgraph.errors import GraphError
from kgraph.model import Actor, Article, Assertion
from kgraph.rdf.graph import new_dataset
from kgraph.rdf.namespace import ACTORS_GRAPH, article_graph_iri
from kgraph.rdf.quads import ArticleQuads
from kgraph.rdf.terms import Triple, ntriples_lines, to_oxigraph
from kgraph.sparql.named import QueryResult, query
from kgraph.store.base import (
    CONTENT_HASH,
    DIGEST,
    STORE_GRAPH,
    IngestOutcome,
    ingest_with_digest,
)

__all__ = ["RemoteBackend", "RemoteState", "RemoteStore", "ingest_remote", "is_remote",
           "load_state", "parse_remote", "put_graph", "select", "to_dataset", "update"]

SCHEMES = ("sparql+http://", "sparql+https://")
_NTRIPLES = "application/n-triples"
_RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True, slots=True)
class RemoteStore:
    """The endpoints of a SPARQL 1.1 store server.

    Attributes:
        query: the SPARQL 1.1 Protocol query endpoint.
        update: the SPARQL 1.1 Update endpoint.
        graph_store: the Graph Store HTTP Protocol endpoint (``?graph=IRI`` is added).
        timeout: seconds to wait for one HTTP response.
    """

    query: str
    update: str
    graph_store: str
    timeout: float = 120.0


@dataclass(slots=True)
class RemoteState:
    """What a builder knows of a remote store: the bookkeeping and actor descriptions.

    Attributes:
        digests: the digest of each article graph in the store, by graph IRI.
        hashes: the content hash of each article's ingested text, by graph IRI.
        actors: the triples describing each actor, by actor IRI.
    """

    digests: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    actors: dict[URIRef, frozenset[Triple]] = field(default_factory=dict)


def is_remote(location: str | Path) -> bool:
    """Return whether ``location`` names a remote store (``sparql+http(s)://...``)."""
    return isinstance(location, str) and location.startswith(SCHEMES)


def parse_remote(url: str, *, timeout: float = 120.0) -> RemoteStore:
    """Return the endpoints of the remote store ``url`` (see the module docstring).

    Raises:
        GraphError: not a ``sparql+http(s)://`` URL, or an unknown parameter.
    """
    if not is_remote(url):
        raise GraphError(f"{url}: a remote store URL starts with {' or '.join(SCHEMES)}")
    parts = urllib.parse.urlsplit(url[len("sparql+"):])
    if not parts.netloc:
        raise GraphError(f"{url}: no host in the remote store URL")
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/",
                                    "", ""))
    names = {"query": "query", "update": "update", "gsp": "store"}
    for key, values in urllib.parse.parse_qs(parts.query, keep_blank_values=True).items():
        if key not in names:
            raise GraphError(f"{url}: unknown parameter {key!r}; valid parameters: "
                             f"{', '.join(names)}")
        names[key] = values[-1].strip("/")

    def endpoint(name: str) -> str:
        return urllib.parse.urljoin(base, name) if name else base.rstrip("/")

    return RemoteStore(query=endpoint(names["query"]), update=endpoint(names["update"]),
                       graph_store=endpoint(names["gsp"]), timeout=timeout)


# ------------------------------------------------------------------ protocol


def _request(remote: RemoteStore, url: str, *, method: str, body: bytes | None = None,
             content_type: str | None = None, accept: str | None = None) -> bytes:
    headers = {}
    if content_type:
        headers["Content-Type"] = content_type
    if accept:
        headers["Accept"] = accept
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=remote.timeout) as response:  # noqa: S310
            data: bytes = response.read()
            return data
    except urllib.error.HTTPError as e:
        detail = " ".join(e.read(500).decode("utf-8", "replace").split())
        raise GraphError(f"{method} {url}: HTTP {e.code} {e.reason}: {detail}") from e
    except (urllib.error.URLError, OSError) as e:
        raise GraphError(f"{method} {url}: {getattr(e, 'reason', e)}") from e


def select(remote: RemoteStore, text: str) -> list[dict[str, Identifier]]:
    """Run a SPARQL SELECT query on the store; return its rows as rdflib terms by variable.

    Raises:
        GraphError: the server cannot be reached or refuses the query.
    """
    data = _request(remote, remote.query, method="POST", body=text.encode("utf-8"),
                    content_type="application/sparql-query", accept=_RESULTS_JSON)
    try:
        results: Any = json.loads(data)
        rows = results["results"]["bindings"]
    except (ValueError, KeyError, TypeError) as e:
        raise GraphError(f"{remote.query}: not a SPARQL JSON result: {e}") from e
    return [{name: _term(value) for name, value in row.items()} for row in rows]


def _term(value: dict[str, str]) -> Identifier:
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        datatype = None
    return Literal(value["value"], datatype=datatype)


def update(remote: RemoteStore, text: str) -> None:
    """Send a SPARQL 1.1 Update request to the store.

    Raises:
        GraphError: the server cannot be reached or refuses the update.
    """
    _request(remote, remote.update, method="POST", body=text.encode("utf-8"),
             content_type="application/sparql-update")


def put_graph(remote: RemoteStore, graph: URIRef, ntriples: str) -> None:
    """Replace the named graph ``graph`` with N-Triples, by Graph Store Protocol ``PUT``.

    Raises:
        GraphError: the server cannot be reached or refuses the graph.
    """
    url = remote.graph_store + "?" + urllib.parse.urlencode({"graph": str(graph)})
    _request(remote, url, method="PUT", body=ntriples.encode("utf-8"), content_type=_NTRIPLES)


def to_dataset(remote: RemoteStore) -> Dataset:
    """Return every named graph of the store as a new rdflib dataset (for stores that fit in
    memory: the projections read rdflib graphs)."""
    ds = new_dataset()
    rows = select(remote, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    ds.addN((row["s"], row["p"], row["o"], ds.graph(row["g"])) for row in rows)
    return ds


# ------------------------------------------------------------------ the backend


def load_state(remote: RemoteStore) -> RemoteState:
    """Read the store's bookkeeping (digests, content hashes) and actor descriptions.

    Raises:
        GraphError: the server cannot be reached or refuses the query.
    """
    state = RemoteState()
    rows = select(remote, "SELECT ?g ?p ?v WHERE { GRAPH " + str(to_oxigraph(STORE_GRAPH))
                  + " { ?g ?p ?v } }")
    for row in rows:
        target = {DIGEST: state.digests, CONTENT_HASH: state.hashes}.get(URIRef(row["p"]))
        if target is not None:
            target[str(row["g"])] = str(row["v"])
    actors: dict[URIRef, set[Triple]] = {}
    for row in select(remote, "SELECT ?s ?p ?o WHERE { GRAPH " + str(to_oxigraph(ACTORS_GRAPH))
                      + " { ?s ?p ?o } }"):
        if isinstance(row["s"], URIRef):
            actors.setdefault(row["s"], set()).add((row["s"], row["p"], row["o"]))
    state.actors = {s: frozenset(triples) for s, triples in actors.items()}
    return state


class RemoteBackend:
    """A SPARQL 1.1 store server as a backend (see :class:`kgraph.store.base.Backend`).

    The store's bookkeeping and actor descriptions are read once (:func:`load_state`) and kept
    up to date by this object's writes; one builder at a time should write to a store.
    Queries run on a copy of the store in memory (:meth:`to_dataset`), taken at each query.

    Args:
        remote: the endpoints (from :func:`parse_remote`).
        state: what is known of the store; read from it when None.

    Raises:
        GraphError: the server cannot be reached or refuses the query.
    """

    def __init__(self, remote: RemoteStore, state: RemoteState | None = None, *,
                 url: str = "") -> None:
        self.remote = remote
        self.state = load_state(remote) if state is None else state
        self._url = url or remote.query

    @property
    def location(self) -> str:
        """The store's URL."""
        return self._url

    def ingest(self, article: Article, assertions: Iterable[Assertion], *,
               actors: Iterable[Actor] = (), model: str = "") -> IngestOutcome:
        """Write an article unless the store holds it unchanged (see :mod:`kgraph.store.remote`)."""
        return ingest_with_digest(self, article, assertions, actors=actors, model=model)

    def digest(self, article_id: str) -> str | None:
        """The digest recorded for an article, None when it is not in."""
        return self.state.digests.get(str(article_graph_iri(article_id)))

    def description(self, actor: URIRef) -> frozenset[Triple]:
        """The triples describing ``actor`` in the actors graph."""
        return self.state.actors.get(actor, frozenset())

    def write(self, quads: ArticleQuads, digest: str,
              descriptions: Mapping[URIRef, frozenset[Triple]]) -> None:
        """PUT the article's graph, then one update with the descriptions and the digest."""
        put_graph(self.remote, quads.graph, "".join(line + " .\n" for line in quads.lines))
        actors_node = to_oxigraph(ACTORS_GRAPH)
        steps: list[str] = []
        for actor, triples in sorted(descriptions.items()):
            s = to_oxigraph(actor)
            steps.append(f"DELETE WHERE {{ GRAPH {actors_node} {{ {s} ?p ?o }} }}")
            steps.append(f"INSERT DATA {{ GRAPH {actors_node} "
                         f"{{ {' . '.join(ntriples_lines(triples))} }} }}")
        steps += _bookkeeping(quads.graph, DIGEST, digest)
        update(self.remote, " ;\n".join(steps))
        self.state.actors.update(descriptions)
        self.state.digests[str(quads.graph)] = digest

    def content_hash(self, article_id: str) -> str | None:
        """The content hash recorded for an article whose digest is in the store."""
        graph = str(article_graph_iri(article_id))
        return self.state.hashes.get(graph) if graph in self.state.digests else None

    def record_content_hash(self, article_id: str, value: str) -> None:
        """Record a content hash in the store's bookkeeping graph."""
        graph = article_graph_iri(article_id)
        update(self.remote, " ;\n".join(_bookkeeping(graph, CONTENT_HASH, value)))
        self.state.hashes[str(graph)] = value

    def remove(self, article_id: str) -> bool:
        """Drop an article's graph and its bookkeeping."""
        graph = article_graph_iri(article_id)
        present = str(graph) in self.state.digests
        bookkeeping, node = to_oxigraph(STORE_GRAPH), to_oxigraph(graph)
        update(self.remote, f"DROP SILENT GRAPH {node} ;\n"
                            f"DELETE WHERE {{ GRAPH {bookkeeping} {{ {node} ?p ?v }} }}")
        self.state.digests.pop(str(graph), None)
        self.state.hashes.pop(str(graph), None)
        return present

    def query(self, name_or_sparql: str, **bindings: str) -> QueryResult:
        """Run a named query or SPARQL on a copy of the store (see :func:`to_dataset`)."""
        return query(self.to_dataset(), name_or_sparql, **bindings)

    def to_dataset(self) -> Dataset:
        """The store's named graphs as rdflib (see :func:`to_dataset`)."""
        return to_dataset(self.remote)

    def flush(self) -> None:
        """Nothing to do: each write is a request."""


def _bookkeeping(graph: URIRef, prop: URIRef, value: str) -> list[str]:
    """Update steps replacing ``graph prop value`` in the store's bookkeeping graph."""
    bookkeeping, node, prop_node = (to_oxigraph(t) for t in (STORE_GRAPH, graph, prop))
    return [f"DELETE WHERE {{ GRAPH {bookkeeping} {{ {node} {prop_node} ?v }} }}",
            f"INSERT DATA {{ GRAPH {bookkeeping} {{ {node} {prop_node} {ox.Literal(value)} }} }}"]


def ingest_remote(
    remote: RemoteStore,
    state: RemoteState,
    article: Article,
    assertions: Iterable[Assertion],
    *,
    model: str = "",
) -> IngestOutcome:
    """Write an article to the remote store unless it is there unchanged; update ``state``.

    Deprecated: use :meth:`RemoteBackend.ingest` (``RemoteBackend(remote, state).ingest(...)``).

    Returns:
        ``"added"``, ``"replaced"`` or ``"unchanged"``.

    Raises:
        GraphError: an assertion is inconsistent, or the server refuses a request.
    """
    warnings.warn("ingest_remote is deprecated; use RemoteBackend(remote, state).ingest",
                  DeprecationWarning, stacklevel=2)
    return RemoteBackend(remote, state).ingest(article, assertions, model=model)

"""Build into a SPARQL 1.1 store server: Oxigraph server, Apache Jena Fuseki, GraphDB, ...

A remote store is named by a URL ``sparql+http://HOST:PORT/PATH`` (or ``sparql+https://``).
kgraph talks to it through the standard protocols only:

* each article's named graph is written with one **Graph Store HTTP Protocol** ``PUT``
  (N-Triples), which replaces the graph as a whole;
* the actor descriptions it changes, the article's digest
  (:data:`kgraph.store.oxigraph.DIGEST`) and its
  content hash (:data:`kgraph.store.resume.CONTENT_HASH`) follow in one **SPARQL 1.1 Update**
  request, after the graph, so that the hash marks an article that is fully in;
* the store's bookkeeping and actor descriptions are read once, with a **SPARQL 1.1 Query**,
  when the build starts: articles already in the store with the same text are skipped before
  they are parsed (resume), unchanged ones write nothing, and actor descriptions follow the
  same rule as in memory (a minted actor never replaces a gazetteer actor).

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

import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kgraph.errors import ArticleError, GraphError
from kgraph.model import Article, Assertion
from kgraph.rdf.namespace import ACTORS_GRAPH, KG, article_graph_iri

if TYPE_CHECKING:
    from rdflib import Dataset

    from kgraph.know.actors import Gazetteer
    from kgraph.run.build import StoreSummary
    from kgraph.run.parallel import RunOptions
    from kgraph.store.oxigraph import IngestOutcome

__all__ = ["RemoteState", "RemoteStore", "build_remote", "ingest_remote", "is_remote",
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
        actors: the N-Triples lines describing each actor, by actor IRI (in N-Triples form).
    """

    digests: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    actors: dict[str, frozenset[str]] = field(default_factory=dict)

    def is_done(self, article: Article) -> bool:
        """Whether the store holds ``article`` fully, read from the same text."""
        from kgraph.read.articles import content_id

        graph = str(article_graph_iri(article.id))
        return graph in self.digests and self.hashes.get(graph) == content_id(article.text)


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
    from kgraph.rdf.graph import new_dataset

    ds = new_dataset()
    rows = select(remote, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    ds.addN((row["s"], row["p"], row["o"], ds.graph(row["g"])) for row in rows)
    return ds


# ------------------------------------------------------------------ ingesting


def load_state(remote: RemoteStore) -> RemoteState:
    """Read the store's bookkeeping (digests, content hashes) and actor descriptions.

    Raises:
        GraphError: the server cannot be reached or refuses the query.
    """
    from kgraph.store.oxigraph import DIGEST, STORE_GRAPH, to_oxigraph
    from kgraph.store.resume import CONTENT_HASH

    state = RemoteState()
    rows = select(remote, "SELECT ?g ?p ?v WHERE { GRAPH " + str(to_oxigraph(STORE_GRAPH))
                  + " { ?g ?p ?v } }")
    for row in rows:
        target = {DIGEST: state.digests, CONTENT_HASH: state.hashes}.get(URIRef(row["p"]))
        if target is not None:
            target[str(row["g"])] = str(row["v"])
    actors: dict[str, set[str]] = {}
    for row in select(remote, "SELECT ?s ?p ?o WHERE { GRAPH " + str(to_oxigraph(ACTORS_GRAPH))
                      + " { ?s ?p ?o } }"):
        s, p, o = (to_oxigraph(row[k]) for k in ("s", "p", "o"))
        actors.setdefault(str(s), set()).add(f"{s} {p} {o}")
    state.actors = {s: frozenset(lines) for s, lines in actors.items()}
    return state


def ingest_remote(
    remote: RemoteStore,
    state: RemoteState,
    article: Article,
    assertions: Iterable[Assertion],
    *,
    model: str = "",
) -> IngestOutcome:
    """Write an article to the remote store unless it is there unchanged; update ``state``.

    The quads are those :func:`kgraph.rdf.graph.add_article` writes, and the digest is computed as
    :func:`kgraph.store.oxigraph.ingest_article` computes it.

    Returns:
        ``"added"``, ``"replaced"`` or ``"unchanged"``.

    Raises:
        GraphError: an assertion is inconsistent, or the server refuses a request.
    """
    import pyoxigraph as ox

    from kgraph.rdf.graph import add_article, new_dataset
    from kgraph.read.articles import content_id
    from kgraph.store.oxigraph import DIGEST, STORE_GRAPH, to_oxigraph
    from kgraph.store.resume import CONTENT_HASH

    scratch = new_dataset()
    add_article(scratch, article, assertions, model=model)
    graph_iri = article_graph_iri(article.id)
    lines = sorted(" ".join(str(to_oxigraph(t)) for t in triple)
                   for triple in scratch.graph(graph_iri).triples((None, None, None)))
    described: dict[str, set[str]] = {}
    minted = str(to_oxigraph(KG.minted)), str(ox.Literal(True))
    for triple in scratch.graph(ACTORS_GRAPH).triples((None, None, None)):
        s, p, o = (str(to_oxigraph(t)) for t in triple)
        described.setdefault(s, set()).add(f"{s} {p} {o}")
    digest = hashlib.sha256("\n".join(
        lines + [line for s in sorted(described) for line in sorted(described[s])]
    ).encode("utf-8")).hexdigest()

    key = str(graph_iri)
    graph_node, bookkeeping = to_oxigraph(graph_iri), to_oxigraph(STORE_GRAPH)
    old = state.digests.get(key)
    steps: list[str] = []
    if old != digest:
        put_graph(remote, graph_iri, " .\n".join(lines) + " .\n")
        actors_node = to_oxigraph(ACTORS_GRAPH)
        for s, new in sorted(described.items()):
            before = state.actors.get(s, frozenset())
            if before == new or (before and f"{s} {minted[0]} {minted[1]}" in new
                                 and f"{s} {minted[0]} {minted[1]}" not in before):
                continue  # unchanged, or a minted description that must not replace the gazetteer's
            steps.append(f"DELETE WHERE {{ GRAPH {actors_node} {{ {s} ?p ?o }} }}")
            steps.append(f"INSERT DATA {{ GRAPH {actors_node} {{ {' . '.join(sorted(new))} }} }}")
            state.actors[s] = frozenset(new)
    hashed = content_id(article.text)
    if old != digest or state.hashes.get(key) != hashed:
        for prop, value in ((DIGEST, digest), (CONTENT_HASH, hashed)):
            node = to_oxigraph(prop)
            steps.append(f"DELETE WHERE {{ GRAPH {bookkeeping} {{ {graph_node} {node} ?v }} }}")
            steps.append(f"INSERT DATA {{ GRAPH {bookkeeping} {{ {graph_node} {node} "
                         f"{ox.Literal(value)} }} }}")
    if steps:
        update(remote, " ;\n".join(steps))
    state.digests[key], state.hashes[key] = digest, hashed
    if old == digest:
        return "unchanged"
    return "added" if old is None else "replaced"


def build_remote(
    inputs: Iterable[str | Path],
    url: str,
    *,
    model: str | None = None,
    gazetteer: Gazetteer | None = None,
    options: RunOptions | None = None,
    resume: bool = True,
    on_error: Callable[[ArticleError], None] | None = None,
) -> StoreSummary:
    """Read articles and write each into the remote store ``url`` (see the module docstring).

    Args:
        inputs: files or folders of articles, as for :func:`kgraph.run.build.build`.
        url: the store, ``sparql+http://HOST:PORT/PATH[?query=..&update=..&gsp=..]``.
        model: the spaCy pipeline to parse with.
        gazetteer: the actors to recognise; the packaged gazetteer when None.
        options: jobs, engine and progress (see :class:`kgraph.run.parallel.RunOptions`).
        resume: skip, before parsing, articles the store holds from the same text.
        on_error: called with each input that is not a readable article.

    Returns:
        A summary: articles read, skipped, added, replaced and unchanged (resumed articles
        count as unchanged).

    Raises:
        GraphError: the server cannot be reached or refuses a request.
    """
    from kgraph.read.articles import iter_articles
    from kgraph.run.build import SkipCounter, StoreSummary
    from kgraph.run.parallel import extract_stream

    started = time.perf_counter()
    remote = parse_remote(url)
    state = load_state(remote)
    skip = SkipCounter(on_error)
    outcomes: Counter[str] = Counter()

    articles: Iterable[Article] = iter_articles(inputs, on_error=skip)
    if resume:
        articles = _pending(articles, state, outcomes)
    for article, assertions, name in extract_stream(articles, options=options, model=model,
                                                    gazetteer=gazetteer, on_error=skip):
        outcomes[ingest_remote(remote, state, article, assertions, model=name)] += 1
    return StoreSummary(articles=sum(outcomes.values()), skipped=skip.count,
                        added=outcomes["added"], replaced=outcomes["replaced"],
                        unchanged=outcomes["unchanged"], seconds=time.perf_counter() - started)


def _pending(articles: Iterable[Article], state: RemoteState,
             outcomes: Counter[str]) -> Iterator[Article]:
    for article in articles:
        if state.is_done(article):
            outcomes["unchanged"] += 1
            continue
        yield article

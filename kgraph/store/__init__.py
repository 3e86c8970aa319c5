"""Storage: the backend protocol (:mod:`kgraph.store.base`) and its backends, and the one
function that maps what a user names (``--store``, a path, a URL) to a backend.

Examples:
    >>> open_backend(None).location
    ':memory:'
    >>> type(open_backend("graph.trig")).__name__, type(open_backend(open_store(None))).__name__
    ('MemoryBackend', 'OxigraphBackend')
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kgraph.errors import GraphError
from kgraph.rdf.formats import RDF_FORMATS
from kgraph.rdf.graph import load_graph, new_dataset
from kgraph.sparql.named import QueryResult, truthy_only
from kgraph.sparql.named import query as sparql_query
from kgraph.store.base import Backend, IngestOutcome, dump
from kgraph.store.memory import MemoryBackend
from kgraph.store.oxigraph import KgStore, OxigraphBackend, is_store, open_store
from kgraph.store.remote import RemoteBackend, is_remote, parse_remote

__all__ = ["Backend", "IngestOutcome", "MemoryBackend", "OxigraphBackend", "RemoteBackend",
           "dump", "open_backend", "query"]

Location = str | Path | Graph | KgStore | ox.Store | Backend | None
"""What names a backend: see :func:`open_backend`."""


_SUFFIXES = frozenset(s for f in RDF_FORMATS.values() for s in f.suffixes)


def open_backend(location: Location, *, read_only: bool = False) -> Backend:
    """Return the backend a user names; every command and the server open theirs here.

    Args:
        location: one of
            - ``sparql+http(s)://HOST:PORT/PATH[?query=..&update=..&gsp=..]``: a SPARQL 1.1
              store server (:mod:`kgraph.store.remote`);
            - a graph file (an existing file, or a path ending in a suffix of
              :data:`kgraph.rdf.formats.RDF_FORMATS`): read into memory
              (:mod:`kgraph.store.memory`);
            - any other path: an Oxigraph store folder (:mod:`kgraph.store.oxigraph`), created
              when missing unless ``read_only``;
            - None: an empty dataset in memory;
            - an rdflib graph or dataset, or an open store
              (:func:`kgraph.store.oxigraph.open_store`): that, as a backend (a bare Oxigraph
              store is taken as the user's graphs; kgraph's own data is then kept in memory);
            - a backend: itself.
        read_only: open a store folder without write access (several processes may then read
            it); a missing folder, or one that is not a store, is an error.

    Raises:
        GraphError: a graph file cannot be read, a folder is not a store (read-only) or is
            locked by a writer, a URL is malformed, or a server cannot be reached.
    """
    if location is None:
        return MemoryBackend()
    if isinstance(location, Graph):
        if not isinstance(location, Dataset):
            return MemoryBackend(_copy(location))
        return MemoryBackend(location if location.default_union
                             else Dataset(store=location.store, default_union=True))
    if isinstance(location, KgStore):
        return OxigraphBackend(location, read_only=read_only)
    if isinstance(location, ox.Store):
        return OxigraphBackend(KgStore(location, ox.Store()), read_only=read_only)
    if isinstance(location, Backend):
        return location
    if is_remote(location):
        return RemoteBackend(parse_remote(str(location)), url=str(location))
    path = Path(location)
    if path.is_file() or (not path.exists() and path.suffix.lower() in _SUFFIXES):
        return MemoryBackend(load_graph(path) if path.exists() or read_only else None, path=path)
    if read_only and not path.exists():
        raise GraphError(f"{path}: no such graph file or store folder")
    if read_only and not is_store(path):
        raise GraphError(f"{path}: not an Oxigraph store (build one with kgraph build --store)")
    return OxigraphBackend(open_store(path, read_only=read_only), path=path, read_only=read_only)


def query(data: Location, name_or_sparql: str, *, truthy: bool = False,
          **bindings: str) -> QueryResult:
    """Run a named query, or raw SPARQL, over a graph or a backend and return its columns and rows.

    Args:
        data: an rdflib graph or dataset, or anything :func:`open_backend` opens (read-only): a
            backend, an Oxigraph store or folder, a graph file, a store URL.
        name_or_sparql: a query name from :func:`kgraph.sparql.named.list_queries`, or SPARQL
            text (SELECT, ASK, CONSTRUCT or DESCRIBE).
        bindings: the named query's parameters, as strings (an actor takes a label, an alias or
            an id); for raw SPARQL, plain string literals bound to the variables named.
        truthy: keep only the rows of truthy claims (:func:`kgraph.sparql.named.truthy_only`);
            a named query lists claims of every status otherwise.

    Returns:
        The result, as :func:`kgraph.sparql.named.query` gives it on every backend.

    Raises:
        GraphError: ``data`` names no readable backend.
        QueryError: see :func:`kgraph.sparql.named.query`.

    Examples:
        >>> query(None, "SELECT (1 + 1 AS ?two) WHERE {}").rows
        [{'two': 2}]
    """
    if isinstance(data, Graph):  # a graph of a dataset is queried alone, not with its siblings
        result = sparql_query(data, name_or_sparql, **bindings)
    else:
        result = open_backend(data, read_only=True).query(name_or_sparql, **bindings)
    return truthy_only(result) if truthy else result


def _copy(graph: Graph) -> Dataset:
    """A new dataset holding the triples of ``graph`` in its default graph."""
    ds = new_dataset()
    ds.default_context.addN((s, p, o, ds.default_context) for s, p, o in graph)
    return ds

"""Query evaluation on Oxigraph: what the store's modules share to run SPARQL (terms are
converted by :mod:`kgraph.rdf.terms`).

:mod:`kgraph.store.oxigraph` (the store) and :mod:`kgraph.store.claims` (its claim index) both
read query results as kgraph gives them (:class:`kgraph.sparql.named.QueryResult`, values as
:func:`kgraph.sparql.named.python_value` makes them); this module holds that conversion once.

Examples:
    >>> store = ox.Store()
    >>> run(store, "SELECT (1 + 1 AS ?two) WHERE {}", {}).rows
    [{'two': 2}]
"""

from __future__ import annotations

import functools
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import XSD

from kgraph.errors import QueryError
from kgraph.rdf.terms import from_oxigraph
from kgraph.sparql.named import QueryResult, python_value

__all__ = ["evaluate", "run", "term_value"]

_XSD_STRING = str(XSD.string)


def evaluate(store: ox.Store, text: str, subs: dict[ox.Variable, Any] | None) -> Any:
    """Evaluate ``text`` over the union of the store's graphs, ``subs`` bound.

    Args:
        store: the store.
        text: the query; a variable in ``subs`` must be one it projects (Oxigraph binds only
            those).
        subs: values of variables, or None.

    Returns:
        Oxigraph's result: solutions, a boolean or triples.

    Raises:
        QueryError: Oxigraph rejected or failed the query.
    """
    try:
        return store.query(text, use_default_graph_as_union=True, substitutions=subs or None)
    except (SyntaxError, OSError, ValueError, RuntimeError) as e:
        raise QueryError(f"the query failed: {' '.join(str(e).split())}") from e


def run(store: ox.Store, text: str, subs: dict[ox.Variable, Any]) -> QueryResult:
    """Evaluate ``text`` (as :func:`evaluate`) and return its columns and rows as
    :func:`kgraph.sparql.named.query` gives them.

    Raises:
        QueryError: Oxigraph rejected or failed the query.
    """
    result = evaluate(store, text, subs)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("ask",), [{"ask": bool(result)}])
    if isinstance(result, ox.QueryTriples):
        triples = sorted(((from_oxigraph(t.subject), from_oxigraph(t.predicate),
                           from_oxigraph(t.object)) for t in result), key=str)
        return QueryResult(("subject", "predicate", "object"),
                           [{"subject": s.n3(), "predicate": p.n3(), "object": o.n3()}
                            for s, p, o in triples])
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = {}
        for name in names:
            row[name] = term_value(solution[name])
        rows.append(row)
    return QueryResult(tuple(names), rows)


def term_value(term: Any) -> Any:
    """Return an Oxigraph term as :func:`kgraph.sparql.named.python_value` gives it; None
    for None.

    Plain strings and IRIs, most of the terms of a result, are read directly; other terms go
    through rdflib (:func:`kgraph.rdf.terms.from_oxigraph`).

    Examples:
        >>> term_value(ox.Literal("Hamas")), term_value(ox.NamedNode("https://example.org/a"))
        ('Hamas', 'https://example.org/a')
        >>> decimal = ox.NamedNode(str(XSD.decimal))
        >>> term_value(ox.Literal("0.5", datatype=decimal)), term_value(None)
        (0.5, None)
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value == _XSD_STRING:
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return _converted(term)


@functools.lru_cache(maxsize=4096)
def _converted(term: Any) -> Any:
    """As :func:`term_value`, through rdflib (numbers, dates and flags repeat: cached)."""
    return python_value(from_oxigraph(term))

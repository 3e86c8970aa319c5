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

from typing import Any

import pyoxigraph as ox

from kgraph.errors import QueryError
from kgraph.rdf.terms import from_oxigraph
from kgraph.sparql.named import QueryResult, python_value

__all__ = ["evaluate", "run"]

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
            value = solution[name]
            row[name] = None if value is None else python_value(from_oxigraph(value))
        rows.append(row)
    return QueryResult(tuple(names), rows)

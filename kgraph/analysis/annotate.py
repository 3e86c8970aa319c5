"""The analysis the viewer shows: each actor's bloc and the turning points of each pair.

:func:`annotate` returns a copy of the network projection whose graph attributes carry, as
plain JSON-ready data,

- ``blocs``: the camps of :func:`kgraph.analysis.blocs.blocs` over the whole graph (no window,
  the default confidence), largest first, as ``[{"name": ..., "members": [actor ids]}]``;
  unaligned actors, and actors with no signed tie, are in none;
- ``pair_timelines``: for every pair of actors read in more than one state (two relations, or
  one relation read both ways), :func:`kgraph.analysis.timeline.pair_timeline` by month, keyed
  ``"a|b"`` (the two ids in sorted order) as ``{"summary": "fights until 2014-07, truce-with
  from 2014-11", "periods": [{"period", "state", "statements", "first", "last", "sign"}]}``:
  each period's dominant relation, how many statements read it there, the dates of the first
  and the last of them and the pair's net sign in the period.

The viewer (:func:`kgraph.views.render.render_html`) reads both when present: a "colour by
bloc" switch with a legend of the blocs, and the timeline of the pair in the panel of a
selected relation. :func:`show` and :func:`write_html` annotate before drawing; they are
``kgraph.show`` and ``kgraph.write_html``.

Only pairs with more than one relation between them (either way) are read again, so the cost
beyond :func:`~kgraph.analysis.blocs.blocs` grows with those pairs, not with the graph.

Examples:
    >>> from kgraph.analysis.signed import projection_from_claims
    >>> P = projection_from_claims([("isis", "fights", "nusra", "2014-07-15", 0.8, "a1"),
    ...                             ("isis", "truce-with", "nusra", "2014-11-13", 0.7, "a2"),
    ...                             ("iran", "backs", "houthis", "2015", 0.9, "a3")])
    >>> A = annotate(P)
    >>> [(b["name"], b["members"]) for b in A.graph["blocs"]]
    [('houthis', ['houthis', 'iran']), ('isis', ['isis']), ('nusra', ['nusra'])]
    >>> A.graph["pair_timelines"]["isis|nusra"]["summary"]
    'fights until 2014-07, truce-with from 2014-11'
    >>> "blocs" in P.graph  # the input is not changed
    False
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kgraph.analysis.blocs import blocs
from kgraph.analysis.evidence import check_period
from kgraph.analysis.signed import projection
from kgraph.analysis.timeline import PairTimeline, pair_timeline
from kgraph.views import render

__all__ = ["annotate", "show", "write_html"]

_Edge = tuple[Hashable, Hashable, str]  # (subject, object, relation) of the projection


def annotate(graph: Graph | nx.MultiDiGraph, *, min_confidence: float = 0.5,
             include: Sequence[str] = ("actual",), period: str = "month") -> nx.MultiDiGraph:
    """Return a copy of the network whose graph attributes carry its blocs and pair timelines.

    Args:
        graph: a kgraph graph (rdflib) or its projection
            (:func:`kgraph.views.network.to_networkx`); it is not changed.
        min_confidence: statements less confident than this count for neither.
        include: the modalities that count.
        period: the timelines' periods: ``month``, ``quarter`` or ``year``.

    Returns:
        A new MultiDiGraph (node and edge attributes shared with the projection, as
        :meth:`networkx.MultiDiGraph.copy` shares them) with ``blocs`` and ``pair_timelines``
        in its ``graph`` attributes, as the module docstring describes.

    Raises:
        AnalysisError: an unknown period.

    Examples:
        >>> from kgraph.analysis.signed import projection_from_claims
        >>> P = projection_from_claims([("a", "allied-with", "b", "2014-02", 0.9, "x1"),
        ...                             ("a", "fights", "b", "2015-06", 0.8, "x2"),
        ...                             ("c", "fights", "b", "2015", 0.8, "x3")])
        >>> A = annotate(P, period="year")
        >>> A.graph["pair_timelines"]["a|b"]["periods"]  # doctest: +NORMALIZE_WHITESPACE
        [{'period': '2014', 'state': 'allied-with', 'statements': 1, 'first': '2014-02',
          'last': '2014-02', 'sign': 1},
         {'period': '2015', 'state': 'fights', 'statements': 1, 'first': '2015-06',
          'last': '2015-06', 'sign': -1}]
        >>> sorted(A.graph["pair_timelines"]), A.graph["blocs"][0]["members"]
        (['a|b'], ['a', 'b'])
    """
    check_period(period)
    P = projection(graph)
    camps = blocs(P, min_confidence=min_confidence, include=include)
    annotated = P.copy()
    annotated.graph["blocs"] = [{"name": b.name, "members": list(b.members)}
                                for b in camps.blocs]
    timelines: dict[str, dict[str, Any]] = {}
    for (a, b), edges in sorted(_shared_pairs(P).items()):
        timeline = pair_timeline(P.edge_subgraph(edges), a, b, period=period,
                                 min_confidence=min_confidence, include=include)
        if len(timeline.states) > 1:
            timelines[f"{a}|{b}"] = _timeline_data(timeline)
    annotated.graph["pair_timelines"] = timelines
    return annotated


def show(graph: Graph | nx.MultiDiGraph, *, title: str = "kgraph",
         height: int = 640) -> render.Viewer:
    """Return the viewer of a graph for a notebook, with its blocs and pair timelines.

    Args:
        graph: a kgraph graph (rdflib) or its projection. A projection that already carries
            blocs (from :func:`annotate`, possibly cut by :func:`kgraph.views.render.subgraph`)
            is shown as it is; any other is annotated first (it is not changed).
        title: the page title and heading.
        height: the height of the inline frame in pixels.

    Returns:
        A :class:`kgraph.views.render.Viewer`; Jupyter displays it, ``str()`` gives the page.

    Raises:
        TypeError: ``graph`` is neither an rdflib graph nor a networkx MultiDiGraph.

    Examples:
        >>> from kgraph.analysis.signed import projection_from_claims
        >>> page = str(show(projection_from_claims([("iran", "backs", "houthis")])))
        >>> '"blocs":[{"name":"houthis"' in page
        True
    """
    return render.show(_annotated(graph, "show"), title=title, height=height)


def write_html(graph: Graph | nx.MultiDiGraph, path: str | Path, *,
               title: str = "kgraph") -> Path:
    """Write the viewer page of a graph, with its blocs and pair timelines, to ``path``.

    Args:
        graph: a kgraph graph (rdflib) or its projection, annotated as :func:`show` does.
        path: the HTML file to write (atomically); its folder is created if missing.
        title: the page title and heading.

    Returns:
        The path written.

    Raises:
        TypeError: ``graph`` is neither an rdflib graph nor a networkx MultiDiGraph.
        OSError: the file cannot be written.

    Examples:
        >>> import tempfile
        >>> from kgraph.analysis.signed import projection_from_claims
        >>> P = projection_from_claims([("iran", "backs", "houthis")])
        >>> with tempfile.TemporaryDirectory() as d:
        ...     '"blocs":[{' in write_html(P, Path(d) / "g.html").read_text("utf-8")
        True
    """
    return render.write_html(_annotated(graph, "write_html"), path, title=title)


def _annotated(graph: Any, caller: str) -> nx.MultiDiGraph:
    """The graph to draw: ``graph`` when it carries blocs already, else it annotated."""
    if isinstance(graph, nx.MultiDiGraph) and "blocs" in graph.graph:
        return graph
    if not isinstance(graph, nx.MultiDiGraph | Graph):  # a Dataset is an rdflib Graph too
        raise TypeError(f"{caller} needs an rdflib Graph or a networkx MultiDiGraph, not "
                        f"{type(graph).__name__}")
    return annotate(graph)


def _shared_pairs(P: nx.MultiDiGraph) -> dict[tuple[str, str], list[_Edge]]:
    """The pairs of distinct actors with more than one edge between them, with those edges."""
    edges: dict[tuple[str, str], list[_Edge]] = {}
    for u, v, key in P.edges(keys=True):
        if u != v:
            edges.setdefault((min(str(u), str(v)), max(str(u), str(v))), []).append((u, v, key))
    return {pair: found for pair, found in edges.items() if len(found) > 1}


def _timeline_data(timeline: PairTimeline) -> dict[str, Any]:
    """A pair timeline as the viewer reads it: its summary and each period's dominant state."""
    periods = []
    for state in timeline.periods:
        relation = state.dominant
        periods.append({"period": state.period, "state": relation,
                        "statements": dict(state.counts)[relation],
                        "first": state.first(relation).date, "last": state.last(relation).date,
                        "sign": state.sign})
    return {"summary": timeline.summary(), "periods": periods}

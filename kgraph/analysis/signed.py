"""The signed view of the actor network: friends and foes in a time window, with their evidence.

:func:`signed_graph` reads the networkx projection (:func:`kgraph.views.network.to_networkx`)
and keeps, for each pair of actors, at most two undirected edges: ``"+"`` for the relations of
the alliance, support and membership families, ``"-"`` for those of the conflict and hostility
families (which relation is in which family is read from ``data/relations/relations.csv``).
Diplomacy (truces, negotiations), splits and leadership carry no sign and are left out.

A statement counts when its modality is one of ``include``, its confidence is at least
``min_confidence`` and its date falls in the window. Its date is the time the claim is about
when the text gave one, else its article's date (:func:`statement_dates`); dates are ISO and
may be partial (``2014``, ``2014-07``, ``2014-07-03``). A date is in the window when the period
it names overlaps it (:func:`in_window`): ``2014`` is in a window starting at ``2014-06``. With
a window, undated statements are left out; without one, they count.

The weight of an edge is the sum, over the distinct articles that report it, of the highest
confidence of its statements in that article: the same claim repeated in one article counts
once, the same claim in five articles five times.

:func:`projection_from_claims` builds a projection from plain rows (subject, relation, object,
date, ...), for claims that come from elsewhere and for examples like the ones below.

Examples:
    >>> P = projection_from_claims([
    ...     ("isis", "fights", "al-nusra-front", "2014-07", 0.8, "a1"),
    ...     ("al-nusra-front", "affiliate-of", "al-qaeda", "2014-02", 0.9, "a2"),
    ...     ("isis", "truce-with", "al-nusra-front", "2014-11", 0.7, "a3"),
    ... ])
    >>> S = signed_graph(P)
    >>> sorted((a, b, k, d["weight"]) for a, b, k, d in S.edges(keys=True, data=True))
    [('al-nusra-front', 'al-qaeda', '+', 0.9), ('al-nusra-front', 'isis', '-', 0.8)]
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Graph

from kgraph.errors import AnalysisError, QueryError
from kgraph.know.relations import canonical, load_relations
from kgraph.views.network import to_networkx
from kgraph.views.render import iso_date, overlaps, window_days

__all__ = [
    "SIGNS",
    "Statement",
    "Tie",
    "in_days",
    "in_window",
    "net_sign",
    "projection",
    "projection_from_claims",
    "signed_graph",
    "statement_dates",
    "statements",
    "tie",
    "window",
]

SIGNS = {"alliance": 1, "support": 1, "membership": 1, "conflict": -1, "hostility": -1}
"""The sign of each relation family; the families missing here carry none."""

_KEYS = {1: "+", -1: "-"}


@dataclass(frozen=True, slots=True)
class Tie:
    """One signed edge of a pair: what :func:`tie` reads from a signed graph.

    ``a`` < ``b``; ``evidence`` holds the statement IRIs, oldest first.
    """

    a: str
    b: str
    sign: int
    weight: float
    relations: tuple[str, ...]
    evidence: tuple[str, ...]
    articles: int
    first: str
    last: str
    mixed: bool


def projection(graph: Graph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return the networkx projection of a kgraph graph, or the projection itself when given one.

    Args:
        graph: an rdflib Graph or Dataset of kgraph, or a MultiDiGraph from
            :func:`kgraph.views.network.to_networkx`.

    Returns:
        The MultiDiGraph (``graph`` itself when it is one; it is not changed).

    Examples:
        >>> from kgraph.rdf.graph import new_dataset
        >>> projection(new_dataset()).number_of_nodes()
        0
        >>> P = projection_from_claims([("iran", "backs", "hezbollah")])
        >>> projection(P) is P
        True
    """
    if isinstance(graph, nx.MultiDiGraph):
        return graph
    return to_networkx(graph)


def window(since: str | None, until: str | None) -> tuple[str, str]:
    """Return the first and last day of the window ``[since, until]`` ("" where open).

    Raises:
        AnalysisError: a bound is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or ``since``
            comes after ``until``.

    Examples:
        >>> window("2014-06", None)
        ('2014-06-01', '')
        >>> window("2015", "2014-12")
        Traceback (most recent call last):
        ...
        kgraph.errors.AnalysisError: since (2015) is after until (2014-12)
    """
    try:
        return window_days(since or "", until or "")
    except QueryError as err:
        raise AnalysisError(str(err)) from err


def in_window(date: str, since: str | None = None, until: str | None = None) -> bool:
    """Tell whether the period a (possibly partial) ISO date names overlaps ``[since, until]``.

    Args:
        date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a time after the day is ignored), or
            ``""`` when unknown.
        since: the first day of the window, at any of those precisions; open when None.
        until: the last day of the window (``2014`` ends on 2014-12-31); open when None.

    Returns:
        True when the date overlaps the window; an unknown date is in the window only when
        there is no window.

    Raises:
        AnalysisError: as :func:`window`.

    Examples:
        >>> in_window("2014", since="2014-06"), in_window("2014-05-31", since="2014-06")
        (True, False)
        >>> in_window("2014-07", "2014-07-15", "2014-08"), in_window(""), in_window("", "2014")
        (True, True, False)
    """
    return in_days(date, *window(since, until))


def in_days(date: str, start: str, end: str) -> bool:
    """:func:`in_window` for the days :func:`window` returned (checked once, used per statement).

    Examples:
        >>> in_days("2014", *window("2014-06", None)), in_days("", "", "")
        (True, True)
    """
    return overlaps(date[:10], start, end) if date else not (start or end)


def statement_dates(P: nx.MultiDiGraph) -> dict[str, str]:
    """Return the date of each statement of a projection: its claim time, else its article's date.

    Args:
        P: a projection from :func:`projection`.

    Returns:
        Statement IRI -> ISO date (possibly partial), ``""`` when neither is known.

    Examples:
        >>> P = projection_from_claims([("iran", "backs", "hezbollah", "2013"),
        ...                             ("iran", "backs", "houthis")])
        >>> sorted(statement_dates(P).values())
        ['', '2013']
    """
    times: dict[str, str] = P.graph.get("times", {})
    dates: dict[str, str] = {}
    for _s, _o, data in P.edges(data=True):
        for iri, sentence in zip(data.get("evidence", ()), data.get("sentences", ()), strict=False):
            dates[iri] = times.get(iri) or sentence.get("date") or ""
    return dates


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of the graph: ``subject`` ``relation`` ``object``, and where it was read.

    A symmetric relation reads from the smaller actor id to the larger, as in the projection.
    ``date`` is the claim's own time, else its article's date, else "" (also when it is no
    ISO date), cut to the day.
    """

    iri: str
    subject: str
    relation: str
    object: str
    date: str
    sentence: str
    title: str
    article_id: str
    url: str
    confidence: float
    modality: str

    def cells(self) -> dict[str, str]:
        """The cells a result table shows of it: date, sentence, article title, statement IRI."""
        return {"date": self.date, "sentence": self.sentence, "title": self.title,
                "statement": self.iri}


def statements(P: nx.MultiDiGraph, *, since: str | None = None, until: str | None = None,
               min_confidence: float = 0.5, include: Sequence[str] = ("actual",),
               edges: Sequence[tuple[Hashable, Hashable, str]] | None = None
               ) -> Iterator[Statement]:
    """Yield the statements of a projection that pass the filters, edge by edge, oldest first.

    Args:
        P: a projection (:func:`kgraph.analysis.signed.projection`).
        since: the window's first day (partial ISO); open when None.
        until: the window's last day (partial ISO); open when None. With a window, undated
            statements are left out.
        min_confidence: statements less confident than this are left out.
        include: the modalities that count (``actual``, ``reported``, ``intended``, ...).
        edges: the ``(subject, object, relation)`` edges to read; every edge when None.

    Yields:
        One :class:`Statement` per statement kept. Edges with no recorded statement (read from
        truthy triples alone) yield nothing.

    Raises:
        AnalysisError: a bound of the window is no ISO date, or ``since`` comes after ``until``.

    Examples:
        >>> P = projection_from_claims([("isis", "fights", "nusra", "2014-01", 0.8),
        ...                             ("isis", "fights", "nusra", "2014-07", 0.4),
        ...                             ("isis", "truce-with", "nusra", "2014-11", 0.7)])
        >>> [(s.relation, s.date) for s in statements(P, since="2014-06")]
        [('truce-with', '2014-11')]
    """
    start, end = window(since, until)
    dates = statement_dates(P)
    chosen = P.edges(keys=True) if edges is None else edges
    for u, v, key in chosen:
        attrs = P.edges[u, v, key]
        for iri, s in zip(attrs.get("evidence") or (), attrs.get("sentences") or (), strict=False):
            confidence = float(s.get("confidence") or 0.0)
            if s.get("modality", "actual") not in include or confidence < min_confidence:
                continue
            date = iso_date(dates[iri])
            if not in_days(date, start, end):
                continue
            yield Statement(iri=iri, subject=str(u), relation=str(key), object=str(v),
                            date=date, sentence=str(s.get("sentence") or ""),
                            title=str(s.get("title") or ""),
                            article_id=str(s.get("article_id") or ""),
                            url=str(s.get("url") or ""), confidence=confidence,
                            modality=str(s.get("modality") or ""))


def signed_graph(graph: Graph | nx.MultiDiGraph, *, since: str | None = None,
                 until: str | None = None, min_confidence: float = 0.5,
                 include: Sequence[str] = ("actual",)) -> nx.MultiGraph:
    """Return the signed, weighted, undirected actor network of a time window.

    Args:
        graph: a kgraph graph or its projection (see :func:`projection`); it is not changed.
        since: the window's first day (partial ISO dates allowed); open when None.
        until: the window's last day; open when None.
        min_confidence: statements below this confidence are left out.
        include: the modalities that count (``actual``, ``past``, ``intended``, ``hedged``,
            ``reported``, ...).

    Returns:
        A new MultiGraph. Nodes: the actors with at least one signed edge, with ``label`` and
        ``type``. Edges ``(a, b, key)`` with key ``"+"`` or ``"-"``: ``sign`` (+1 / -1),
        ``weight``, ``relations`` (sorted names), ``evidence`` (statement IRIs, oldest first),
        ``articles`` (distinct articles), ``first`` / ``last`` (dates, ``""`` when none) and
        ``mixed`` (the pair also has the other sign in the window). Relations between an actor
        and itself, and edges with no statement behind them, are left out.

    Raises:
        AnalysisError: as :func:`window`.

    Examples:
        >>> P = projection_from_claims([
        ...     ("iran", "backs", "hezbollah", "2013", 0.9, "a1"),
        ...     ("iran", "backs", "hezbollah", "2013", 0.6, "a1"),
        ...     ("iran", "backs", "hezbollah", "2015", 0.7, "a2"),
        ...     ("iran", "criticizes", "hezbollah", "2016", 0.8, "a3"),
        ...     ("iran", "fights", "isis", "2016", 0.4, "a3"),
        ... ])
        >>> S = signed_graph(P)
        >>> plus = S.edges["hezbollah", "iran", "+"]
        >>> plus["weight"], plus["articles"], plus["first"], plus["last"], plus["mixed"]
        (1.6, 2, '2013', '2015', True)
        >>> sorted(S.nodes), net_sign(S, "iran", "hezbollah")
        (['hezbollah', 'iran'], 1)
        >>> S = signed_graph(P, since="2016")
        >>> [(k, d["relations"], d["mixed"]) for _a, _b, k, d in S.edges(keys=True, data=True)]
        [('-', ('criticizes',), False)]
    """
    P = projection(graph)
    families = {name: rel.family for name, rel in load_relations().items()}
    signed = [(u, v, key) for u, v, key, data in P.edges(keys=True, data=True)
              if u != v and SIGNS.get(families.get(data.get("relation", key), ""), 0)]
    pairs: dict[tuple[str, str, int], dict[str, Any]] = {}
    for st in statements(P, since=since, until=until, min_confidence=min_confidence,
                         include=include, edges=signed):
        sign = SIGNS[families[st.relation]]
        pair = pairs.setdefault((min(st.subject, st.object), max(st.subject, st.object), sign),
                                {"relations": set(), "by_article": {}, "statements": []})
        pair["relations"].add(st.relation)
        article = st.article_id or st.iri  # no article: a statement of its own
        pair["by_article"][article] = max(pair["by_article"].get(article, 0.0), st.confidence)
        pair["statements"].append((st.date, st.iri))

    S = nx.MultiGraph()
    for a, b, sign in sorted(pairs):
        for node in (a, b):
            if node not in S:
                attrs = P.nodes[node]
                S.add_node(node, label=attrs.get("label", node), type=attrs.get("type", ""))
        pair = pairs[a, b, sign]
        said = sorted(set(pair["statements"]), key=lambda d: (d[0] == "", d))
        known = sorted(d for d, _iri in said if d)
        S.add_edge(a, b, key=_KEYS[sign], sign=sign,
                   weight=round(sum(pair["by_article"].values()), 6),
                   relations=tuple(sorted(pair["relations"])),
                   evidence=tuple(iri for _d, iri in said),
                   articles=len(pair["by_article"]),
                   first=known[0] if known else "", last=known[-1] if known else "",
                   mixed=(a, b, -sign) in pairs)
    return S


def net_sign(S: nx.MultiGraph, a: str, b: str) -> int:
    """Return the sign of a pair's positive weight minus its negative weight in a signed graph.

    Args:
        S: a signed graph from :func:`signed_graph`.
        a: an actor id.
        b: another actor id.

    Returns:
        +1, -1, or 0 when the pair has no signed edge or both signs weigh the same.

    Examples:
        >>> S = signed_graph(projection_from_claims([
        ...     ("a", "fights", "b", "", 0.8, "x1"), ("a", "allied-with", "b", "", 0.8, "x2")]))
        >>> net_sign(S, "a", "b"), net_sign(S, "a", "c")
        (0, 0)
    """
    edges = S.get_edge_data(a, b) or {}
    net: float = edges.get("+", {}).get("weight", 0.0) - edges.get("-", {}).get("weight", 0.0)
    return int(net > 0) - int(net < 0)


def tie(S: nx.MultiGraph, a: str, b: str, key: str) -> Tie:
    """Return one signed edge of a pair as a :class:`Tie`.

    Args:
        S: a signed graph from :func:`signed_graph`.
        a: an actor id.
        b: another actor id (the order of the two does not matter).
        key: ``"+"`` or ``"-"``.

    Raises:
        KeyError: the pair has no edge of that sign.

    Examples:
        >>> S = signed_graph(projection_from_claims([("b", "fights", "a", "2014", 0.8, "x1")]))
        >>> t = tie(S, "b", "a", "-")
        >>> t.a, t.b, t.sign, t.weight, t.relations, t.first, len(t.evidence)
        ('a', 'b', -1, 0.8, ('fights',), '2014', 1)
    """
    a, b = min(a, b), max(a, b)
    data = S.edges[a, b, key]
    return Tie(a=a, b=b, sign=data["sign"], weight=data["weight"], relations=data["relations"],
               evidence=data["evidence"], articles=data["articles"], first=data["first"],
               last=data["last"], mixed=data["mixed"])


def projection_from_claims(rows: Iterable[Sequence[Any]]) -> nx.MultiDiGraph:
    """Return a projection (as :func:`kgraph.views.network.to_networkx` gives) built from rows
    of claims, so that claims read elsewhere can be analysed too.

    Each row is ``(subject, relation, object, date, confidence, article, sentence, modality)``;
    only the first three are required. The defaults: no date (``""``), confidence 1.0, no
    article (the claim is its own article), no sentence, modality ``actual``. Actor ids serve
    as labels. A relation may be named by its inverse (``backs``); symmetric relations are
    stored from the smaller id to the larger, as in a projection. Row ``n`` (from 1) becomes
    the statement ``urn:claim:n``.

    Args:
        rows: the claims.

    Returns:
        A new MultiDiGraph with the node and edge attributes of a projection.

    Raises:
        AnalysisError: a row has fewer than three or more than eight cells, or names an
            unknown relation.

    Examples:
        >>> P = projection_from_claims([("iran", "backs", "hezbollah", "2013-06", 0.9, "a1",
        ...                              "Iran backs Hezbollah.")])
        >>> [(s, k, o, d["evidence"], d["sentences"][0]["date"])
        ...  for s, o, k, d in P.edges(keys=True, data=True)]
        [('hezbollah', 'backed-by', 'iran', ['urn:claim:1'], '2013-06')]
    """
    relations = load_relations()
    defaults: tuple[Any, ...] = ("", 1.0, "", "", "actual")
    edges: dict[tuple[str, str, str], list[tuple[str, dict[str, Any]]]] = {}
    for n, row in enumerate(rows, start=1):
        if not 3 <= len(row) <= 8:
            raise AnalysisError(f"claim {n}: {len(row)} cells; expected subject, relation, "
                                "object and up to date, confidence, article, sentence, modality")
        subject, name, obj = (str(x) for x in row[:3])
        date, confidence, article, sentence, modality = (*row[3:], *defaults[len(row) - 3:])
        try:
            relation, swapped = canonical(name)
        except KeyError as err:
            raise AnalysisError(f"claim {n}: {err.args[0]}") from err
        if swapped or (relations[relation].symmetric and obj < subject):
            subject, obj = obj, subject
        edges.setdefault((subject, obj, relation), []).append((f"urn:claim:{n}", {
            "sentence": sentence, "article_id": article, "title": "", "url": "", "date": date,
            "modality": modality, "confidence": float(confidence), "rule": "claim",
            "reported_by": ""}))

    P = nx.MultiDiGraph(articles={}, times={}, minted=[])
    for (s, o, relation), statements in sorted(edges.items()):
        for node in (s, o):
            if node not in P:
                P.add_node(node, label=node, type="", aliases=[], wikidata="", iri="")
        statements.sort(key=lambda st: (st[1]["date"], st[1]["article_id"], st[0]))
        sentences = [st[1] for st in statements]
        dates = sorted(x["date"] for x in sentences if x["date"])
        for x in sentences:
            if x["article_id"]:
                P.graph["articles"].setdefault(x["article_id"],
                                               {"title": "", "url": "", "date": x["date"]})
        P.add_edge(s, o, key=relation, relation=relation, family=relations[relation].family,
                   symmetric=relations[relation].symmetric, count=len(sentences),
                   articles=len({x["article_id"] or id(x) for x in sentences}),
                   first=dates[0] if dates else "", last=dates[-1] if dates else "",
                   confidence=max(x["confidence"] for x in sentences),
                   modalities=sorted({x["modality"] for x in sentences}), truthy=True,
                   evidence=[st[0] for st in statements], sentences=sentences)
    return P

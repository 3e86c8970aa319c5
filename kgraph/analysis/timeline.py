"""Change over time: one pair's relations period by period, and what changed across the graph.

:func:`pair_timeline` groups the statements between two actors (both directions, and the
symmetric relations) by month, quarter or year. Each relation of the pair is a *state* with its
first and last evidence; in each period the *dominant* state is the relation read in the most
statements there (ties: the higher summed confidence, then the relation name), and a *turning
point* is a change of dominant state between two observed periods: "fights until 2014-07,
truce-with from 2014-11".

:func:`changes` lists, period by period, the relations that appear (``new``), those that go
quiet (``ended``) and the pairs whose net sign flips (``reversed``).

A date less precise than the period (``2014`` when grouping by month) forms its own period,
sorted before the months it covers; as its place among those months is unknown, it takes no
part in turning points or in the summary when one of them is observed too. A pair's sign in
a period is :func:`kgraph.analysis.signed.net_sign` on
:func:`~kgraph.analysis.signed.signed_graph` over that period, so a statement dated by its
year alone weighs in each of its months.

Examples:
    >>> from kgraph.analysis.signed import projection_from_claims
    >>> P = projection_from_claims([("isis", "fights", "nusra", "2014-01-05", 0.8, "a1"),
    ...                             ("isis", "fights", "nusra", "2014-07-15", 0.8, "a2"),
    ...                             ("isis", "truce-with", "nusra", "2014-11-13", 0.7, "a3")])
    >>> pair_timeline(P, "ISIS", "nusra").summary()
    'fights until 2014-07, truce-with from 2014-11'
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kgraph.analysis.evidence import (
    actor_id,
    check_period,
    period_bounds,
    period_key,
    period_of,
    period_span,
)
from kgraph.analysis.signed import (
    Statement,
    in_days,
    net_sign,
    projection,
    signed_graph,
    statements,
    window,
)
from kgraph.errors import AnalysisError
from kgraph.know.relations import load_relations
from kgraph.sparql.named import QueryResult

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

__all__ = ["Change", "Changes", "PairTimeline", "PeriodState", "State", "TurningPoint",
           "changes", "pair_timeline"]

UNDATED = "undated"
"""The period label of statements that have no date."""


@dataclass(frozen=True, slots=True)
class State:
    """One relation of a pair, read one way (``subject`` → ``object``), with its evidence."""

    subject: str
    relation: str
    object: str
    first: Statement
    """The oldest statement (an undated one when none is dated)."""
    last: Statement
    """The newest dated statement (the same as ``first`` when there is one)."""
    evidence: tuple[str, ...]
    """Every statement IRI, oldest first, undated ones last."""


@dataclass(frozen=True, slots=True)
class PeriodState:
    """What a pair's statements of one period say."""

    period: str
    counts: tuple[tuple[str, int], ...]
    """(relation, statements) pairs, the dominant relation first."""
    sign: int
    """The pair's net sign over the period: +1, -1, or 0 (no signed tie, or balanced)."""
    mixed: bool
    """Whether both signs were read in the period."""
    statements: tuple[Statement, ...]
    """The period's statements, oldest first."""

    @property
    def dominant(self) -> str:
        """The relation read in the most statements of the period."""
        return self.counts[0][0]

    @property
    def evidence(self) -> tuple[str, ...]:
        """The IRIs of the period's statements."""
        return tuple(s.iri for s in self.statements)

    def first(self, relation: str) -> Statement:
        """The period's oldest statement of ``relation``."""
        return next(s for s in self.statements if s.relation == relation)

    def last(self, relation: str) -> Statement:
        """The period's newest statement of ``relation``."""
        return [s for s in self.statements if s.relation == relation][-1]


@dataclass(frozen=True, slots=True)
class TurningPoint:
    """A change of the pair's dominant relation between two observed periods."""

    before: str
    until: str
    """The last period in which ``before`` dominated."""
    after: str
    since: str
    """The first period in which ``after`` dominated."""
    sign_before: int
    sign_after: int
    last_before: Statement
    first_after: Statement

    def __str__(self) -> str:
        return f"{self.before} until {self.until}, {self.after} from {self.since}"


@dataclass(frozen=True, slots=True)
class PairTimeline:
    """The relations between two actors, period by period (see :func:`pair_timeline`)."""

    a: str
    b: str
    period: str
    states: tuple[State, ...]
    periods: tuple[PeriodState, ...]
    undated: tuple[Statement, ...]
    turning_points: tuple[TurningPoint, ...]

    def summary(self) -> str:
        """Say in one line how the pair's relation went: its turning points, or its one state.

        Examples:
            >>> PairTimeline("a", "b", "month", (), (), (), ()).summary()
            'no dated evidence between a and b'
        """
        if self.turning_points:
            return "; ".join(str(t) for t in self.turning_points)
        if not self.periods:
            return f"no dated evidence between {self.a} and {self.b}"
        ordered = _ordered(self.periods, self.period)
        first, last = ordered[0], ordered[-1]
        if first.period == last.period:
            return f"{first.dominant} in {first.period}"
        return f"{first.dominant} from {first.period} to {last.period}"

    def table(self) -> QueryResult:
        """One row per period and relation (undated statements last), with its first evidence."""
        rows: list[dict[str, Any]] = []
        for state in self.periods:
            for relation, count in state.counts:
                rows.append({"period": state.period, "relation": relation, "statements": count,
                             "dominant": relation == state.dominant, "sign": state.sign,
                             **state.first(relation).cells()})
        by_relation: dict[str, list[Statement]] = defaultdict(list)
        for s in self.undated:
            by_relation[s.relation].append(s)
        for relation, found in sorted(by_relation.items()):
            rows.append({"period": UNDATED, "relation": relation, "statements": len(found),
                         "dominant": False, "sign": 0, **found[0].cells()})
        return QueryResult(("period", "relation", "statements", "dominant", "sign", "date",
                            "sentence", "title", "statement"), rows)


@dataclass(frozen=True, slots=True)
class Change:
    """One change in one period: a relation ``new`` or ``ended``, or a pair ``reversed``.

    For ``new`` and ``ended``, ``a`` and ``b`` are the relation's subject and object and
    ``statement`` its first or last statement. For ``reversed``, ``a`` and ``b`` are the pair
    in id order, ``relation`` reads ``+ -> -`` or ``- -> +``, ``statement`` is the first
    evidence of the new sign and ``evidence`` holds every statement of the new sign in the
    period.
    """

    period: str
    kind: str
    a: str
    b: str
    relation: str
    statement: Statement
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Changes:
    """New, ended and reversed relations per period (see :func:`changes`)."""

    period: str
    since: str | None
    until: str | None
    gap: int
    items: tuple[Change, ...]

    def by_period(self) -> dict[str, list[Change]]:
        """Return the changes grouped by period, in time order."""
        out: dict[str, list[Change]] = {}
        for change in self.items:
            out.setdefault(change.period, []).append(change)
        return out

    def table(self) -> QueryResult:
        """One row per change, with the statement that shows it."""
        rows = [{"period": c.period, "change": c.kind, "a": c.a, "b": c.b,
                 "relation": c.relation, **c.statement.cells()} for c in self.items]
        return QueryResult(("period", "change", "a", "b", "relation", "date", "sentence", "title",
                            "statement"), rows)


def pair_timeline(graph: Graph | nx.MultiDiGraph, a: str, b: str, *, period: str = "month",
                  since: str | None = None, until: str | None = None,
                  min_confidence: float = 0.5, include: Sequence[str] = ("actual",)
                  ) -> PairTimeline:
    """Return the relations between two actors period by period, with their turning points.

    Args:
        graph: a kgraph graph (rdflib) or its projection; not changed.
        a: an actor's id, label or alias (any case).
        b: the other actor.
        period: ``month``, ``quarter`` or ``year``.
        since: the window's first day (partial ISO); open when None.
        until: the window's last day; open when None. With a window, undated statements are
            left out; without one they are in :attr:`PairTimeline.undated`.
        min_confidence: statements less confident than this are left out.
        include: the modalities that count.

    Returns:
        A :class:`PairTimeline`. A pair with no statement in the window gets one with no
        periods (its summary says so); that is no error.

    Raises:
        AnalysisError: an actor no node matches (with close names), ``a`` and ``b`` the same
            actor, an unknown period, a malformed window or ``since`` after ``until``.

    Examples:
        >>> from kgraph.analysis.signed import projection_from_claims
        >>> P = projection_from_claims([("iran", "backs", "houthis", "2015-03-26", 0.7, "a1"),
        ...                             ("iran", "backs", "houthis", "2015", 0.6, "a2"),
        ...                             ("iran", "backs", "houthis", "", 0.9, "a3")])
        >>> t = pair_timeline(P, "iran", "houthis", period="year")
        >>> [(p.period, p.counts, p.sign) for p in t.periods], len(t.undated)
        ([('2015', (('backed-by', 2),), 1)], 1)
        >>> t.summary()
        'backed-by in 2015'
    """
    check_period(period)
    P = projection(graph)
    first, second = actor_id(P, a), actor_id(P, b)
    if first == second:
        raise AnalysisError(f"{a!r} and {b!r} name the same actor ({first})")
    edges = [(u, v, key) for u, v in ((first, second), (second, first))
             for key in (P.get_edge_data(u, v) or {})]
    found = list(statements(P, since=since, until=until, min_confidence=min_confidence,
                            include=include, edges=edges))
    dated = sorted((s for s in found if s.date), key=lambda s: (s.date, s.iri))
    undated = tuple(s for s in found if not s.date)
    by_period: dict[str, list[Statement]] = defaultdict(list)
    for s in dated:
        by_period[period_of(s.date, period)].append(s)
    pair = P.edge_subgraph(edges)
    periods = tuple(_period_state(pair, label, by_period[label], first, second,
                                  min_confidence=min_confidence, include=include)
                    for label in sorted(by_period, key=lambda p: period_key(p, period)))
    return PairTimeline(a=first, b=second, period=period, states=_states(dated, undated),
                        periods=periods, undated=undated,
                        turning_points=_turning_points(_ordered(periods, period)))


def changes(graph: Graph | nx.MultiDiGraph, *, since: str | None = None, until: str | None = None,
            period: str = "month", gap: int = 3, min_confidence: float = 0.5,
            include: Sequence[str] = ("actual",)) -> Changes:
    """Return, period by period, the relations that began, ended or reversed in a window.

    Only dated statements count. A relation is one ``(subject, relation, object)`` edge of the
    projection; a pair is two actors, whatever the relations between them.

    - ``new`` in period p: the relation's oldest statement in the whole graph is in p, and p is
      in the window (a relation read before ``since`` is not new).
    - ``ended`` in period p: an event relation (``layer`` ``event`` in the vocabulary: fights,
      attacks, cooperates-with, ...) read in at least two periods of the window has its newest
      statement of the window in p, and at least ``gap`` periods pass between the end of p and
      the end of the window with no statement of it. The end of the window is ``until``, else
      the newest dated statement of the whole graph, so a relation seen in the last ``gap``
      periods is not ended yet. A one-off event is new, never ended, and a standing relation
      (allied-with, member-of, leader-of, ...) holds until a claim says otherwise: silence does
      not end it.
    - ``reversed`` in period p: the pair's net sign in p (see the module docstring) is the
      opposite of its net sign in the last earlier period of the window where it was not 0.

    Args:
        graph: a kgraph graph (rdflib) or its projection; not changed.
        since: the window's first day (partial ISO); open when None.
        until: the window's last day; open when None.
        period: ``month``, ``quarter`` or ``year``.
        gap: how many quiet periods end a relation (at least 1).
        min_confidence: statements less confident than this are left out.
        include: the modalities that count.

    Returns:
        :class:`Changes`, ordered by period, then kind (new, ended, reversed), then actors.
        A window with no dated statement gives no changes (no error).

    Raises:
        AnalysisError: an unknown period, ``gap`` below 1, a malformed window or ``since``
            after ``until``.

    Examples:
        >>> from kgraph.analysis.signed import projection_from_claims
        >>> P = projection_from_claims([("a", "allied-with", "b", "2013", 0.8, "x1"),
        ...                             ("a", "fights", "b", "2015", 0.8, "x2"),
        ...                             ("a", "fights", "b", "2016", 0.8, "x3"),
        ...                             ("a", "fights", "c", "2019", 0.8, "x4")])
        >>> [(c.period, c.kind, c.a, c.b, c.relation)
        ...  for c in changes(P, period="year", gap=2).items]  # doctest: +NORMALIZE_WHITESPACE
        [('2013', 'new', 'a', 'b', 'allied-with'), ('2015', 'new', 'a', 'b', 'fights'),
         ('2015', 'reversed', 'a', 'b', '+ -> -'), ('2016', 'ended', 'a', 'b', 'fights'),
         ('2019', 'new', 'a', 'c', 'fights')]
    """
    check_period(period)
    first_day, last_day = window(since, until)
    if gap < 1:
        raise AnalysisError(f"gap must be at least 1 period, not {gap}")
    P = projection(graph)
    every = [s for s in statements(P, min_confidence=min_confidence, include=include) if s.date]
    inside = [s for s in every if in_days(s.date, first_day, last_day)]
    if until:
        end = period_span(period_of(until, period), period)[1]
    else:
        end = max((period_span(period_of(s.date, period), period)[1] for s in every), default=0)
    kept = {s.iri for s in inside}
    vocabulary = load_relations()
    found: list[Change] = []
    for edge, said in _by_edge(every).items():
        oldest = min(said, key=lambda s: (s.date, s.iri))
        if oldest.iri in kept:
            found.append(_change(oldest, "new", period, edge))
        seen = [s for s in said if s.iri in kept]
        relation = vocabulary.get(edge[1])
        if (relation is not None and relation.layer == "event"
                and len({period_of(s.date, period) for s in seen}) > 1):
            newest = max(seen, key=lambda s: (period_span(period_of(s.date, period), period)[1],
                                              s.date, s.iri))
            if end - period_span(period_of(newest.date, period), period)[1] >= gap:
                found.append(_change(newest, "ended", period, edge))
    found.extend(_reversals(P, inside, period, min_confidence=min_confidence, include=include))
    kinds = {"new": 0, "ended": 1, "reversed": 2}
    found.sort(key=lambda c: (period_key(c.period, period), kinds[c.kind], c.a, c.b, c.relation))
    return Changes(period=period, since=since, until=until, gap=gap, items=tuple(found))


# ---------------------------------------------------------------- helpers


def _states(dated: list[Statement], undated: Iterable[Statement]) -> tuple[State, ...]:
    grouped: dict[tuple[str, str, str], list[Statement]] = defaultdict(list)
    for s in [*dated, *undated]:
        grouped[(s.subject, s.relation, s.object)].append(s)
    return tuple(State(subject=u, relation=r, object=v, first=said[0],
                       last=max((s for s in said if s.date), key=lambda s: s.date,
                                default=said[0]),
                       evidence=tuple(s.iri for s in said))
                 for (u, r, v), said in sorted(grouped.items()))


def _period_state(pair: nx.MultiDiGraph, label: str, said: list[Statement], a: str, b: str, *,
                  min_confidence: float, include: Sequence[str]) -> PeriodState:
    tally: dict[str, list[float]] = defaultdict(list)
    for s in said:
        tally[s.relation].append(s.confidence)
    counts = sorted(tally.items(), key=lambda kv: (-len(kv[1]), -sum(kv[1]), kv[0]))
    since, until = period_bounds(label)
    signed = signed_graph(pair, since=since, until=until, min_confidence=min_confidence,
                          include=include)
    mixed = signed.number_of_edges(a, b) > 1
    return PeriodState(period=label, counts=tuple((r, len(c)) for r, c in counts),
                       sign=net_sign(signed, a, b),
                       mixed=mixed, statements=tuple(said))


def _ordered(periods: Sequence[PeriodState], period: str) -> list[PeriodState]:
    """The periods whose place in time is known: one that covers another observed period
    (``2015`` among ``2015-03`` and ``2015-07``) is left out.

    Examples:
        >>> states = [PeriodState(p, (), 0, False, ()) for p in ("2015", "2015-03", "2016")]
        >>> [p.period for p in _ordered(states, "month")]
        ['2015-03', '2016']
    """
    spans = [period_span(p.period, period) for p in periods]
    return [p for p, (lo, hi) in zip(periods, spans, strict=True)
            if not any(other != (lo, hi) and lo <= other[0] and other[1] <= hi
                       for other in spans)]


def _turning_points(periods: Sequence[PeriodState]) -> tuple[TurningPoint, ...]:
    points = []
    for before, after in itertools.pairwise(periods):
        if before.dominant == after.dominant:
            continue
        points.append(TurningPoint(
            before=before.dominant, until=before.period, after=after.dominant,
            since=after.period, sign_before=before.sign, sign_after=after.sign,
            last_before=before.last(before.dominant), first_after=after.first(after.dominant)))
    return tuple(points)


def _by_edge(said: Iterable[Statement]) -> dict[tuple[str, str, str], list[Statement]]:
    out: dict[tuple[str, str, str], list[Statement]] = defaultdict(list)
    for s in said:
        out[(s.subject, s.relation, s.object)].append(s)
    return out


def _change(s: Statement, kind: str, period: str, edge: tuple[str, str, str]) -> Change:
    return Change(period=period_of(s.date, period), kind=kind, a=edge[0], b=edge[2],
                  relation=edge[1], statement=s, evidence=(s.iri,))


def _reversals(P: nx.MultiDiGraph, window: list[Statement], period: str, *,
               min_confidence: float, include: Sequence[str]) -> list[Change]:
    """The pairs whose net sign in a period opposes their last non-zero sign before it.

    Each period's signed graph is read from the edges with a statement that overlaps the
    period only, so the work grows with the statements, not with statements times periods.
    """
    labels = sorted({period_of(s.date, period) for s in window},
                    key=lambda p: period_key(p, period))
    covering: dict[int, list[str]] = defaultdict(list)  # period index -> labels that cover it
    for label in labels:
        first, last = period_span(label, period)
        for index in range(first, last + 1):
            covering[index].append(label)
    edges: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for s in window:
        first, last = period_span(period_of(s.date, period), period)
        for index in range(first, last + 1):
            for label in covering[index]:
                edges[label].add((s.subject, s.object, s.relation))
    by_iri = {s.iri: s for s in window}
    last_sign: dict[tuple[Hashable, Hashable], int] = {}
    found = []
    for label in labels:
        since, until = period_bounds(label)
        signed = signed_graph(P.edge_subgraph(edges[label]), since=since, until=until,
                              min_confidence=min_confidence, include=include)
        for u, v in {tuple(sorted((str(x), str(y)))) for x, y in signed.edges()}:
            sign = net_sign(signed, u, v)
            if not sign:
                continue
            before = last_sign.get((u, v), 0)
            last_sign[(u, v)] = sign
            if before != -sign:
                continue
            key = "+" if sign > 0 else "-"
            evidence = tuple(i for i in signed.edges[u, v, key]["evidence"] if i in by_iri)
            if not evidence:
                continue
            oldest = min((by_iri[i] for i in evidence), key=lambda s: (s.date, s.iri))
            found.append(Change(period=label, kind="reversed", a=u, b=v,
                                relation=f"{'-' if sign > 0 else '+'} -> {key}",
                                statement=oldest, evidence=evidence))
    return found

"""The periods statements fall in, and the actors results are asked about.

:func:`period_of` and :func:`period_span` put dates into months, quarters or years;
:func:`actor_id` turns a name into an actor of the projection. The statements themselves are
read by :func:`kgraph.analysis.signed.statements`.

Examples:
    >>> from kgraph.analysis.signed import projection_from_claims, statements
    >>> P = projection_from_claims([("isis", "fights", "nusra", "2014-07-15", 0.8, "a1"),
    ...                             ("isis", "fights", "nusra", "2014-08", 0.3, "a2")])
    >>> [(s.relation, s.date, period_of(s.date, "quarter")) for s in statements(P)]
    [('fights', '2014-07-15', '2014-Q3')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgraph.errors import AnalysisError, QueryError
from kgraph.views.render import match_actors

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["PERIODS", "actor_id", "check_period", "period_bounds", "period_key",
           "period_of", "period_span"]

PERIODS = ("month", "quarter", "year")
"""The lengths of period that results are grouped by."""


def actor_id(P: nx.MultiDiGraph, name: str) -> str:
    """Return the actor of ``P`` that an id, label or alias (any case) names.

    Args:
        P: a projection.
        name: the actor's id, label or one of its aliases.

    Returns:
        The actor's id; an exact id wins over labels and aliases of other actors.

    Raises:
        AnalysisError: no actor has that name (the message suggests close names), or several
            do.

    Examples:
        >>> import networkx as nx
        >>> P = nx.MultiDiGraph()
        >>> P.add_node("isis", label="Islamic State", aliases=["ISIL", "Daesh"])
        >>> actor_id(P, "daesh")
        'isis'
        >>> actor_id(P, "Islamic Stat")
        Traceback (most recent call last):
        ...
        kgraph.errors.AnalysisError: no actor matches 'Islamic Stat' (did you mean islamic state?)
    """
    if name in P:
        return name
    try:
        found = sorted(str(node) for node in match_actors(P, [name]))
    except QueryError as err:
        raise AnalysisError(str(err)) from err
    if len(found) > 1:
        raise AnalysisError(f"{name!r} names {len(found)} actors: {', '.join(found)}; "
                            "give an id")
    return found[0]


def period_of(date: str, period: str) -> str:
    """Return the period a (possibly partial) ISO date falls in.

    A date less precise than the period is its own period: ``2014`` among months.

    Examples:
        >>> [period_of("2014-07-15", p) for p in PERIODS]
        ['2014-07', '2014-Q3', '2014']
        >>> period_of("2014", "month")
        '2014'
    """
    if period == "year" or len(date) < 7:
        return date[:4]
    if period == "quarter":
        return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"
    return date[:7]


def period_span(label: str, period: str) -> tuple[int, int]:
    """Return the first and last index (in periods since year 0) that a period label covers.

    Examples:
        >>> period_span("2014-07", "month"), period_span("2014", "month")
        ((24174, 24174), (24168, 24179))
        >>> period_span("2014-Q3", "quarter"), period_span("2014", "year")
        ((8058, 8058), (2014, 2014))
    """
    per_year = {"month": 12, "quarter": 4, "year": 1}[period]
    first = int(label[:4]) * per_year
    if len(label) == 4:
        return first, first + per_year - 1
    index = first + int(label[6:]) - 1 if label[5] == "Q" else first + int(label[5:7]) - 1
    return index, index


def period_key(label: str, period: str) -> tuple[int, int]:
    """Return the sort key of a period label: by its start, a wider period first.

    Examples:
        >>> sorted(["2014-07", "2013-12", "2014"], key=lambda p: period_key(p, "month"))
        ['2013-12', '2014', '2014-07']
    """
    first, last = period_span(label, period)
    return first, -last


def period_bounds(label: str) -> tuple[str, str]:
    """Return the first and last month (or year) of a period label, as partial ISO dates.

    Examples:
        >>> period_bounds("2014-Q3"), period_bounds("2014-07"), period_bounds("2014")
        (('2014-07', '2014-09'), ('2014-07', '2014-07'), ('2014', '2014'))
    """
    if len(label) > 5 and label[5] == "Q":
        first = (int(label[6:]) - 1) * 3 + 1
        return f"{label[:4]}-{first:02d}", f"{label[:4]}-{first + 2:02d}"
    return label, label


def check_period(period: str) -> None:
    """Raise AnalysisError unless ``period`` is one of :data:`PERIODS`.

    Examples:
        >>> check_period("quarter")
        >>> check_period("week")
        Traceback (most recent call last):
        ...
        kgraph.errors.AnalysisError: period must be one of month, quarter, year, not 'week'
    """
    if period not in PERIODS:
        raise AnalysisError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")

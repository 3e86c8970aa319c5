"""Sets of relations in named queries, filled in from ``data/relations/relations.csv``.

A named query names a set of relations by a column of relations.csv and a value:
``{{stance=ally}}`` stands for the properties of the relations whose ``stance`` is ``ally``,
separated by spaces (``VALUES ?p { {{stance=ally}} }``); ``{{symmetric=yes|,}}`` separates them
by commas (``FILTER(?p IN ({{symmetric=yes|,}}))``). The query text is filled in when it is
loaded, so a relation added to relations.csv joins the queries its row says. The properties
are written ``kg:<name>``: the query declares the ``kg`` prefix. Only names of the validated
vocabulary enter the text; values given by users are still bound through ``initBindings``.

Examples:
    >>> fill_relation_sets("VALUES ?p { {{stance=ally}} }")
    'VALUES ?p { kg:alliedWith kg:cooperatesWith }'
    >>> fill_relation_sets("?p IN ({{family=diplomacy|,}})")
    '?p IN (kg:truceWith, kg:negotiatesWith)'
"""

from __future__ import annotations

import re
from dataclasses import fields

from kgraph.errors import QueryError
from kgraph.know.relations import Relation, load_relations

__all__ = ["fill_relation_sets"]

_SET = re.compile(r"\{\{(?P<column>[a-z_]+)=(?P<value>[A-Za-z0-9_-]*)(?:\|(?P<sep>[^}]*))?\}\}")
_COLUMNS = tuple(f.name for f in fields(Relation))


def _cell(relation: Relation, column: str) -> str:
    """A relation's value in a column as relations.csv writes it (``yes``/``no``, ``;``)."""
    value = getattr(relation, column)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return ";".join(value) if isinstance(value, tuple) else str(value)


def fill_relation_sets(text: str) -> str:
    """Return a query text with each ``{{column=value}}`` replaced by its relations' properties.

    Raises:
        QueryError: a set names no column of relations.csv, or a value no relation has; the
            message starts with the line number and lists the valid choices.
    """
    relations = load_relations()

    def members(match: re.Match[str]) -> str:
        column, value = match["column"], match["value"]
        line = text.count("\n", 0, match.start()) + 1
        if column not in _COLUMNS:
            raise QueryError(f"{line}: {match[0]} names no column of relations.csv; "
                             f"valid columns: {', '.join(_COLUMNS)}")
        names = [r.rdf_name for r in relations.values() if _cell(r, column) == value]
        if not names:
            values = sorted({_cell(r, column) for r in relations.values()})
            raise QueryError(f"{line}: no relation has {column} {value!r}; "
                             f"valid values: {', '.join(map(repr, values))}")
        separator = f"{match['sep']} " if match["sep"] is not None else " "
        return separator.join(f"kg:{name}" for name in names)

    return _SET.sub(members, text)

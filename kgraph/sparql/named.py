"""SPARQL over a kgraph graph: named queries (``kgraph/sparql/queries/*.rq``) and raw SPARQL.

Named queries are prepared once and run with their parameters bound through ``initBindings``:
a value given by the user is never pasted into query text. An ``actor`` parameter is resolved
from a label, an alias or an id to the actor's IRI first (itself a prepared, bound query).

Raw SPARQL runs as given, except that ``SERVICE`` and ``FROM`` / ``FROM NAMED`` are refused:
rdflib would follow them to fetch URLs or read local files. The check and the engine read the
same text (:func:`checked_sparql`, :mod:`kgraph.sparql.guard`).

Examples:
    >>> from kgraph.rdf.graph import new_dataset
    >>> "allies-of" in [q.name for q in list_queries()]
    True
    >>> result = query(new_dataset(), "SELECT (1 + 1 AS ?two) WHERE {}")
    >>> result.columns, result.rows
    (('two',), [{'two': 2}])
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pyparsing import ParseException
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query, SPARQLError
from rdflib.query import Result
from rdflib.term import Identifier, Node, Variable

from kgraph.errors import DataFileError, QueryError
from kgraph.know.relations import load_relations
from kgraph.rdf.graph import union_view
from kgraph.rdf.namespace import KG, relation_property
from kgraph.sparql.guard import canonical, remote_parts, with_prefixes
from kgraph.sparql.relation_sets import fill_relation_sets

__all__ = [
    "FORMATS",
    "NamedQuery",
    "QueryParam",
    "QueryResult",
    "check_bindings",
    "checked_sparql",
    "clip",
    "format_rows",
    "list_queries",
    "load_queries",
    "python_value",
    "query",
    "requested_query",
    "truthy_only",
    "without_params",
]

FORMATS = ("table", "csv", "json")
"""The output formats of :func:`format_rows`."""

PARAM_KINDS = ("actor", "relation", "text")
"""Kinds of named-query parameters: an actor (label, alias or id), a relation name, a string."""

_QUERIES = Path(__file__).resolve().parent / "queries"
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_SPARQL = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_HEADER = re.compile(r"#\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*)")
_PARAM = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?P<kind>[a-z]+)\))?\s*"
                    r"(?:—|--|-)\s*(?P<doc>\S.*)")
_PARSE_ERRORS = (ParseException, SPARQLError, ValueError, TypeError, KeyError, AttributeError)


@dataclass(frozen=True, slots=True)
class QueryParam:
    """One parameter of a named query: bound to the SPARQL variable of the same name."""

    name: str
    kind: str
    description: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query from ``kgraph/sparql/queries/<name>.rq`` with its header parsed."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    text: str
    path: Path
    columns: tuple[str, ...] = ()
    """The variables its outer SELECT projects, parameters included (none for ASK, CONSTRUCT
    and DESCRIBE)."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    """What a query returned: column names and one dict per row (None for unbound values).

    ASK queries give one column ``ask``; CONSTRUCT and DESCRIBE give ``subject``, ``predicate``
    and ``object`` in N3 notation.
    """

    columns: tuple[str, ...]
    rows: list[dict[str, Any]]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)


def load_queries(folder: Path | None = None, *,
                 check: Callable[..., object] | None = None) -> dict[str, NamedQuery]:
    """Load and validate every ``.rq`` file of ``folder`` (the shipped queries by default).

    Each file starts with comment lines: ``# description: one line`` (required) and one
    ``# param: name (kind) — what it is`` per parameter, kind being one of
    :data:`PARAM_KINDS`; kgraph/sparql/queries/README.md describes the format.

    Args:
        folder: the folder of ``.rq`` files.
        check: also check each query's syntax with another engine: called as
            ``check(text, where=path)``, it raises QueryError (rdflib's parser always reads it).

    Raises:
        DataFileError: a file is invalid; every problem is listed as ``path:line: message``.

    Examples:
        >>> [str(p) for p in load_queries()["relations-between"].params]
        ['actor', 'other']
    """
    if folder is None and check is None:
        return dict(_shipped())
    return _load(folder or _QUERIES, check=check)


def list_queries() -> list[NamedQuery]:
    """Return the named queries shipped with kgraph, sorted by name.

    Examples:
        >>> all(q.description for q in list_queries())
        True
    """
    return sorted(_shipped().values(), key=lambda q: q.name)


def query(graph: Graph, name_or_sparql: str, **bindings: str) -> QueryResult:
    """Run a named query, or raw SPARQL, over ``graph`` and return its columns and rows.

    ``kgraph.query`` takes an Oxigraph store as well (:func:`kgraph.store.oxigraph.query_store`
    runs the same named queries there).

    Args:
        graph: the graph or dataset (from :func:`kgraph.rdf.graph.load_graph` or a build); a
            store is queried through its backend (:func:`kgraph.store.query`, which is
            :func:`kgraph.query`).
        name_or_sparql: a query name from :func:`list_queries`, or SPARQL text (SELECT, ASK,
            CONSTRUCT or DESCRIBE).
        bindings: the named query's parameters, as strings: an actor parameter takes a label,
            an alias or an id (case-insensitive). For raw SPARQL each binding binds the
            variable of that name to a plain string literal.

    Returns:
        The result; values are Python ints, floats, bools and strings (dates as ISO strings,
        IRIs as strings), None when unbound.

    Raises:
        QueryError: unknown query name, missing or unknown binding, unknown or ambiguous actor,
            malformed SPARQL, or SPARQL that would reach outside the graph (SERVICE, FROM).

    Examples:
        >>> from kgraph.rdf.graph import new_dataset
        >>> query(new_dataset(), "allies-of")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        kgraph.errors.QueryError: query allies-of needs a value for: actor (the actor: ...)
    """
    if not isinstance(graph, Graph):
        raise QueryError(f"cannot query a {type(graph).__name__} here: give an rdflib graph "
                         "(kgraph.query takes an Oxigraph store too)")
    graph = union_view(graph)
    named = requested_query(name_or_sparql)
    if named is not None:
        return _run_named(graph, named, bindings)
    _, prepared = checked_sparql(name_or_sparql)
    return _run(graph, prepared, {k: Literal(v) for k, v in bindings.items()})


def requested_query(name_or_sparql: str) -> NamedQuery | None:
    """Return the shipped named query that ``name_or_sparql`` names; None when it is SPARQL.

    Raises:
        QueryError: an unknown query name, or text that is neither a name nor a query.

    Examples:
        >>> requested_query("actors").name, requested_query("ASK {}")
        ('actors', None)
    """
    text = name_or_sparql.strip()
    valid = ", ".join(sorted(_shipped()))
    if _NAME.fullmatch(text):
        named = _shipped().get(text)
        if named is None:
            raise QueryError(f"unknown query {text!r}; valid queries: {valid} (or give SPARQL)")
        return named
    if not _SPARQL.search(text):
        raise QueryError(f"{clip(text)!r} is neither a query name nor a SELECT, ASK, CONSTRUCT or "
                         f"DESCRIBE query; valid queries: {valid}")
    return None


def without_params(named: NamedQuery, result: QueryResult) -> QueryResult:
    """Return ``result`` without the columns of ``named``'s parameters.

    A parameter is bound, not shown: a query text may project it (Oxigraph binds only the
    variables a query projects) and every engine leaves it out of the result.

    Examples:
        >>> named = load_queries()["allies-of"]
        >>> without_params(named, QueryResult(("actor", "ally"), [{"actor": "x", "ally": "y"}]))
        QueryResult(columns=('ally',), rows=[{'ally': 'y'}])
    """
    hidden = {p.name for p in named.params}
    if not hidden & set(result.columns):
        return result
    columns = tuple(c for c in result.columns if c not in hidden)
    return QueryResult(columns, [{c: row[c] for c in columns} for row in result.rows])


def truthy_only(result: QueryResult) -> QueryResult:
    """Return the rows of ``result`` whose claims are truthy: ``status`` is ``truthy`` (or,
    in a query with a ``truthy`` column instead, that column is true).

    Raises:
        QueryError: the result has neither a ``status`` nor a ``truthy`` column.

    Examples:
        >>> rows = [{"ally": "Nusra", "status": "truthy"}, {"ally": "Hamas", "status": "negated"}]
        >>> truthy_only(QueryResult(("ally", "status"), rows)).rows
        [{'ally': 'Nusra', 'status': 'truthy'}]
    """
    if "status" in result.columns:
        return QueryResult(result.columns, [r for r in result.rows if r["status"] == "truthy"])
    if "truthy" in result.columns:
        return QueryResult(result.columns, [r for r in result.rows if r["truthy"]])
    raise QueryError("the result has no status or truthy column to keep truthy rows by")


def format_rows(result: QueryResult, fmt: str = "table", *, width: int = 60) -> str:
    """Return a query result as an aligned text table, CSV or JSON (ending in a newline).

    Args:
        result: what :func:`query` returned.
        fmt: ``table``, ``csv`` or ``json``.
        width: in a table, cells longer than this are cut with an ellipsis, and a last line
            says so and how to get them whole.

    Raises:
        QueryError: unknown format.

    Examples:
        >>> print(format_rows(QueryResult(("actor", "n"), [{"actor": "ISIS", "n": 3}])), end="")
        actor  n
        -----  -
        ISIS   3
    """
    if fmt == "json":
        return json.dumps(result.rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow([_cell(row.get(c)) for c in result.columns])
        return out.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    if not result.columns:
        return "(no columns)\n"
    whole = [[_cell(row.get(c)) for c in result.columns] for row in result.rows]
    cells = [[clip(v, width) for v in r] for r in whole]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    if not cells:
        lines.append("(no rows)")
    if any(len(v) > width for r in whole for v in r):
        lines.append(f"(cells cut at {width} characters; --format csv or json gives them whole)")
    return "\n".join(line.rstrip() for line in lines) + "\n"


# ---------------------------------------------------------------- loading


@functools.cache
def _shipped() -> dict[str, NamedQuery]:
    return _load(_QUERIES)


@functools.cache
def _prepared(name: str) -> Query:
    return _prepare(_shipped()[name].text, where=name)


def _load(folder: Path, *,
          check: Callable[..., object] | None = None) -> dict[str, NamedQuery]:
    """Load the ``.rq`` files of ``folder``, parsed by rdflib and checked by ``check``."""
    problems: list[str] = []
    out: dict[str, NamedQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        named = _parse_file(path, problems, check)
        if named is not None:
            out[named.name] = named
    if not out and not problems:
        problems.append(f"{folder}: no .rq files")
    if problems:
        raise DataFileError(str(folder), problems)
    return out


def _parse_file(path: Path, problems: list[str],
                check: Callable[..., object] | None) -> NamedQuery | None:
    before = len(problems)
    try:
        text = fill_relation_sets(path.read_text(encoding="utf-8"))
    except QueryError as e:
        problems.append(f"{path}:{e}")
        return None
    if not _NAME.fullmatch(path.stem):
        problems.append(f"{path}:1: query name {path.stem!r} must be kebab-case")
    description = ""
    params: list[QueryParam] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break  # the header is the leading block of comment lines
        header = _HEADER.fullmatch(line.strip())
        if header is None:
            continue
        key, value = header["key"], header["value"].strip()
        if key == "description":
            description = value
        elif key == "param":
            param = _PARAM.fullmatch(value)
            if param is None:
                problems.append(f"{path}:{line_no}: a param line reads "
                                "'# param: name (kind) — description'")
                continue
            kind = param["kind"] or "text"
            if kind not in PARAM_KINDS:
                problems.append(f"{path}:{line_no}: param kind {kind!r} is not one of "
                                f"{', '.join(PARAM_KINDS)}")
            if not re.search(r"\?" + re.escape(param["name"]) + r"\b", text):
                problems.append(f"{path}:{line_no}: param {param['name']!r} is not a variable "
                                "of the query")
            params.append(QueryParam(param["name"], kind, param["doc"].strip()))
    if not description:
        problems.append(f"{path}:1: missing '# description: ...' header line")
    columns: tuple[str, ...] = ()
    try:
        columns = _projection(_prepare(text, where=str(path)))
        if check is not None:
            check(text, where=str(path))
    except QueryError as e:
        problems.append(f"{path}:1: {e}")
    if len(problems) > before:
        return None
    return NamedQuery(name=path.stem, description=description, params=tuple(params), text=text,
                      path=path, columns=columns)


def _projection(prepared: Query) -> tuple[str, ...]:
    """The variables a parsed SELECT query projects, in order; () for other query forms."""
    if prepared.algebra.name != "SelectQuery":
        return ()
    return tuple(str(v) for v in prepared.algebra["PV"])


def _prepare(text: str, *, where: str) -> Query:
    try:
        return prepareQuery(text)
    except _PARSE_ERRORS as e:
        message = " ".join(str(e).split()) or type(e).__name__
        raise QueryError(f"malformed SPARQL ({where}): {clip(message, 300)}") from e


def checked_sparql(text: str) -> tuple[str, Query]:
    """Parse user SPARQL as the engine will read it; refuse what would reach outside the graph.

    Args:
        text: SPARQL from a user.

    Returns:
        The canonical text (see :func:`kgraph.sparql.guard.canonical`) with the common prefixes
        declared (:func:`kgraph.sparql.guard.with_prefixes`), which is what must run, and its
        parsed form.

    Raises:
        QueryError: malformed SPARQL, or SERVICE / FROM / FROM NAMED in it.
    """
    text = with_prefixes(canonical(text))
    prepared = _prepare(text, where="SPARQL")
    reached = remote_parts(prepared.algebra)
    if reached:
        raise QueryError(f"{' and '.join(reached)} not allowed: kgraph queries run "
                         "over the loaded graph only")
    return text, prepared


# ---------------------------------------------------------------- running


def _run_named(graph: Graph, named: NamedQuery, bindings: dict[str, str]) -> QueryResult:
    check_bindings(named, bindings)
    init = {p.name: _resolve(graph, p, bindings[p.name]) for p in named.params}
    return without_params(named, _run(graph, _prepared(named.name), init))


def check_bindings(named: NamedQuery, bindings: dict[str, str]) -> None:
    """Check that ``bindings`` give every parameter of ``named`` a value, and nothing else.

    Raises:
        QueryError: a parameter is missing or unknown.
    """
    wanted = {p.name: p for p in named.params}
    unknown = sorted(set(bindings) - set(wanted))
    if unknown:
        valid = ", ".join(wanted) or "none"
        raise QueryError(f"query {named.name} has no parameter {', '.join(unknown)}; "
                         f"its parameters: {valid}")
    missing = [p for p in named.params if not str(bindings.get(p.name, "")).strip()]
    if missing:
        needed = ", ".join(f"{p.name} ({p.description})" for p in missing)
        raise QueryError(f"query {named.name} needs a value for: {needed}")


def _run(graph: Graph, prepared: Query, init: dict[str, Identifier]) -> QueryResult:
    try:
        result = graph.query(prepared, initBindings=init)
        return _result(result)
    except SPARQLError as e:
        raise QueryError(f"the query failed: {e}") from e


def _result(result: Result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult(("ask",), [{"ask": bool(result.askAnswer)}])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        rows = [{"subject": s.n3(), "predicate": p.n3(), "object": o.n3()}
                for s, p, o in sorted(result.graph or Graph(), key=str)]
        return QueryResult(("subject", "predicate", "object"), rows)
    variables: list[Variable] = list(result.vars or [])
    columns = tuple(str(v) for v in variables)
    rows = []
    for binding in result.bindings:
        rows.append({str(v): python_value(binding.get(v)) for v in variables})
    return QueryResult(columns, rows)


def python_value(node: Node | None) -> Any:
    """Return a term as query results give it: a Python bool, int, float or str; None for
    None (dates and other typed values as their lexical form, IRIs as strings)."""
    if node is None:
        return None
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, bool | int | str):
            return value
        if isinstance(value, float | Decimal):
            return float(value)
        return str(node)  # dates, years and other typed values: their lexical form
    return str(node)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())


def clip(text: str, width: int = 60) -> str:
    """Return ``text``, cut to ``width`` characters with an ellipsis when longer."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


# ---------------------------------------------------------------- resolving parameters

_ACTOR_LOOKUP = """
    SELECT DISTINCT ?actor ?rank ?label ?id WHERE {
      { ?actor kg:actorId ?value . BIND(0 AS ?rank) }
      UNION { ?actor skos:prefLabel ?value . BIND(1 AS ?rank) }
      UNION { ?actor skos:altLabel ?value . BIND(2 AS ?rank) }
      FILTER(LCASE(STR(?value)) = ?key)
      ?actor skos:prefLabel ?label .
      OPTIONAL { ?actor kg:actorId ?id }
    }
"""


@functools.cache
def _actor_lookup() -> Query:
    return prepareQuery(_ACTOR_LOOKUP, initNs={"kg": KG._NS, "skos": SKOS})


def _resolve(graph: Graph, param: QueryParam, value: str) -> Identifier:
    value = value.strip()
    if param.kind == "actor":
        return _resolve_actor(graph, value)
    if param.kind == "relation":
        relations = load_relations()
        if value not in relations:
            raise QueryError(f"unknown relation {value!r} for {param.name}; valid relations: "
                             f"{', '.join(sorted(relations))}")
        return relation_property(value)
    return Literal(value)


def _resolve_actor(graph: Graph, value: str) -> URIRef:
    """Return the IRI of the actor whose id, label or alias is ``value`` (ignoring case)."""
    found: dict[int, dict[str, str]] = {}
    for row in graph.query(_actor_lookup(), initBindings={"key": Literal(value.lower())}):
        rank = int(row.rank.toPython())  # type: ignore[union-attr]
        label = f"{row.label} ({row.id or row.actor})"  # type: ignore[union-attr]
        found.setdefault(rank, {})[str(row.actor)] = label  # type: ignore[union-attr]
    if not found:
        labels = {str(x) for x in graph.objects(None, SKOS.prefLabel)}
        close = difflib.get_close_matches(value, sorted(labels), n=5, cutoff=0.6)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        raise QueryError(f"no actor has the id, label or alias {value!r}{hint}")
    return best_actor(value, found)


def best_actor(value: str, found: dict[int, dict[str, str]]) -> URIRef:
    """Return the one actor of the best (lowest) match rank: id before label before alias.

    ``found`` maps a rank to ``{actor IRI: "label (id)"}``; it must not be empty.

    Raises:
        QueryError: the best rank holds several actors, so the value is ambiguous.
    """
    best = found[min(found)]
    if len(best) > 1:
        raise QueryError(f"{value!r} names {len(best)} actors: {', '.join(sorted(best.values()))}; "
                         "give an id")
    return URIRef(next(iter(best)))

"""SPARQL results: content negotiation and the JSON, XML, CSV and TSV result formats.

The SPARQL server's workers turn a query result (rdflib's or Oxigraph's) into rows and then
into the bytes of the negotiated format. Rows are drawn one at a time from the engine and
counted as they come, in number and in bytes, so a result over a limit stops being produced at
the first row past it (:class:`OverLimit`) instead of being built whole and then refused.

Examples:
    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", "SELECT")
    'application/sparql-results+json'
    >>> negotiate("text/turtle", "SELECT") is None
    True
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kgraph.rdf.graph import new_dataset
from kgraph.store.oxigraph import from_oxigraph

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["RESULT_TYPES", "OverLimit", "negotiate", "oxigraph_rows", "rdflib_rows", "serialise"]

RESULT_TYPES = {
    "SELECT": ("application/sparql-results+json", "application/sparql-results+xml",
               "text/csv", "text/tab-separated-values", "application/json", "application/xml",
               "text/xml"),
    "CONSTRUCT": ("text/turtle", "application/ld+json", "application/n-triples",
                  "application/rdf+xml", "text/plain", "application/x-turtle"),
}
"""The media types served for each kind of result, the default first (ASK is as SELECT)."""

_RDFLIB_FORMATS = {"text/turtle": "turtle", "application/x-turtle": "turtle",
                   "application/ld+json": "json-ld", "application/n-triples": "nt",
                   "text/plain": "nt", "application/rdf+xml": "xml"}


def negotiate(accept: str, kind: str) -> str | None:
    """Return the media type to answer ``accept`` with for a ``kind`` of query, or None.

    ``kind`` is SELECT, ASK, CONSTRUCT or DESCRIBE; an empty header or ``*/*`` gives the default.
    """
    offers = RESULT_TYPES["CONSTRUCT" if kind in ("CONSTRUCT", "DESCRIBE") else "SELECT"]
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((q, i, media))
    if not ranges:
        return offers[0]
    for q, _, media in sorted(ranges, key=lambda r: (-r[0], r[1])):
        if q <= 0:
            continue
        if media in ("*/*", "*"):
            return offers[0]
        if media.endswith("/*"):
            found = [o for o in offers if o.startswith(media[:-1])]
            if found:
                return found[0]
        elif media in offers:
            return media
    return None


class OverLimit(Exception):
    """The result is over one of the server's limits (rows or bytes); the message says which."""


_Term = Identifier | None


def rdflib_rows(result: Mapping[str, Any], kind: str) -> tuple[list[str], Iterator[Any]]:
    """The variable names and the rows (or triples, or the boolean) of an rdflib result.

    Args:
        result: what ``rdflib.plugins.sparql.evaluate.evalQuery`` returns; its SELECT
            solutions are a generator, drawn lazily here.
        kind: SELECT, ASK, CONSTRUCT or DESCRIBE.
    """
    if kind == "ASK":
        return [], iter([bool(result["askAnswer"])])
    if kind in ("CONSTRUCT", "DESCRIBE"):
        return [], iter(result["graph"])
    variables = list(result["vars_"] or [])
    return ([str(v) for v in variables],
            (tuple(row.get(v) for v in variables) for row in result["bindings"]))


def oxigraph_rows(store: ox.Store, text: str, kind: str) -> tuple[list[str], Iterator[Any]]:
    """Evaluate ``text`` on ``store`` (default graph = union); rows as for :func:`rdflib_rows`."""
    import pyoxigraph as ox

    result = store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return [], iter([bool(result)])
    if isinstance(result, ox.QueryTriples):
        return [], ((from_oxigraph(t.subject), from_oxigraph(t.predicate),
                     from_oxigraph(t.object)) for t in result)
    names = [v.value for v in result.variables]

    def rows() -> Iterator[tuple[_Term, ...]]:
        for solution in result:
            yield tuple(None if solution[n] is None else from_oxigraph(solution[n])
                        for n in names)

    return names, rows()


def _limited(rows: Iterator[Any], limit: int, max_bytes: int) -> list[Any]:
    """The rows, stopping at the first one past ``limit`` rows or about ``max_bytes`` bytes."""
    out = []
    size = 0
    for row in rows:
        out.append(row)
        if len(out) > limit:
            raise OverLimit(f"the result has more than {limit} rows; add a LIMIT or ask for "
                            "less (this is the server's row limit)")
        size += sum(len(str(term)) + 8 for term in row if term is not None)
        if size > max_bytes:
            _too_large(max_bytes)
    return out


def _too_large(max_bytes: int) -> None:
    raise OverLimit(f"the result is larger than {max_bytes} bytes; ask for less (this is the "
                    "server's response size limit)")


def serialise(rows: tuple[list[str], Iterator[Any]], kind: str, media: str,
              limit: int, max_bytes: int) -> tuple[str, bytes]:
    """Return the Content-Type and body of a result in ``media``.

    Args:
        rows: the variable names and rows, from :func:`rdflib_rows` or :func:`oxigraph_rows`.
        kind: SELECT, ASK, CONSTRUCT or DESCRIBE.
        media: the negotiated media type.
        limit: the most rows or triples.
        max_bytes: the largest body.

    Raises:
        OverLimit: the result has more than ``limit`` rows or triples, or more than
            ``max_bytes`` bytes.
    """
    content, body = _serialise(rows, kind, media, limit, max_bytes)
    if len(body) > max_bytes:
        _too_large(max_bytes)
    return content, body


def _serialise(rows: tuple[list[str], Iterator[Any]], kind: str, media: str,
               limit: int, max_bytes: int) -> tuple[str, bytes]:
    names, items = rows
    if kind == "ASK":
        value = bool(next(items))
        if "json" in media:
            body = json.dumps({"head": {}, "boolean": value}).encode()
        elif "xml" in media:
            body = ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                    f"<head/><boolean>{str(value).lower()}</boolean></sparql>\n").encode()
        else:
            body = f"_askResult\r\n{str(value).lower()}\r\n".encode()
        return content_type(media), body
    if kind in ("CONSTRUCT", "DESCRIBE"):
        triples = _limited(items, limit, max_bytes)
        graph = Graph()
        for prefix, ns in _prefixes():
            graph.bind(prefix, ns)
        for triple in triples:
            graph.add(triple)
        fmt = _RDFLIB_FORMATS[media]
        body = graph.serialize(format=fmt, encoding="utf-8")
        return content_type(media), body
    table = _limited(items, limit, max_bytes)
    if "json" in media:
        body = _json_results(names, table)
    elif "xml" in media:
        body = _xml_results(names, table)
    elif media == "text/csv":
        body = _csv_results(names, table)
    else:
        body = _tsv_results(names, table)
    return content_type(media), body


def content_type(media: str) -> str:
    """The Content-Type header for ``media`` (JSON types carry no charset)."""
    return media if "json" in media and "ld+json" not in media else f"{media}; charset=utf-8"


def _prefixes() -> Iterable[tuple[str, str]]:
    return [(p, str(ns)) for p, ns in new_dataset().namespaces()
            if p in ("kg", "actor", "article", "statement", "skos", "prov", "schema", "rdf")]


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if not isinstance(term, Literal):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _json_results(names: list[str], table: list[tuple[_Term, ...]]) -> bytes:
    bindings = [{n: _json_term(v) for n, v in zip(names, row, strict=True) if v is not None}
                for row in table]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def _xml_results(names: list[str], table: list[tuple[_Term, ...]]) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n'
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(n)}/>" for n in names]
    out.append("</head>\n<results>")
    for row in table:
        out.append("<result>")
        for name, value in zip(names, row, strict=True):
            if value is None:
                continue
            if isinstance(value, URIRef):
                inner = f"<uri>{escape(str(value))}</uri>"
            elif not isinstance(value, Literal):
                inner = f"<bnode>{escape(str(value))}</bnode>"
            else:
                attr = (f" xml:lang={quoteattr(value.language)}" if value.language else
                        f" datatype={quoteattr(str(value.datatype))}" if value.datatype else "")
                inner = f"<literal{attr}>{escape(str(value))}</literal>"
            out.append(f"<binding name={quoteattr(name)}>{inner}</binding>")
        out.append("</result>")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


def _csv_results(names: list[str], table: list[tuple[_Term, ...]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in table:
        writer.writerow(["" if v is None else f"_:{v}" if isinstance(v, BNode) else str(v)
                         for v in row])
    return buffer.getvalue().encode("utf-8")


def _nt(term: _Term) -> str:
    """A term in N-Triples syntax, escaped so that it never breaks a TSV line."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if not isinstance(term, Literal):
        return f"_:{term}"
    text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype is not None:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def _tsv_results(names: list[str], table: list[tuple[_Term, ...]]) -> bytes:
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(_nt(v) for v in row) for row in table]
    return ("\n".join(lines) + "\n").encode("utf-8")

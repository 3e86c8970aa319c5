"""Keep user SPARQL inside the graph: one check on the text the engine will parse.

Both engines kgraph runs can reach outside the graph: rdflib follows ``SERVICE``,
``FROM <url>`` and ``FROM NAMED <file:///...>``, Oxigraph follows ``SERVICE``. A check that
reads the query differently from the engine can be walked around, and the two engines do not
read escapes alike: SPARQL replaces ``\\uXXXX`` and ``\\UXXXXXXXX`` before parsing (so
``\\u0053ERVICE`` *is* ``SERVICE``), Oxigraph does so by the letter of the specification and
rdflib with a looser pattern (``\\u`` followed by four *or eight* digits).

So the check works on one text: :func:`canonical` replaces the escapes once, by the
specification, and refuses a text in which an escape is still left (``\\u005Cu0053`` spells
``\\u0053``, which an engine reading it again would turn into ``S``). Both engines read the
canonical text the same way because nothing in it is an escape any more; it is parsed with
rdflib, the parsed algebra is searched by :func:`remote_parts`, and the same canonical text is
what runs, on rdflib or on Oxigraph.

Defence in depth: :func:`isolate_network` moves the calling process into a network namespace
of its own (Linux), where no address but an unconfigured loopback exists. The endpoint's query
workers call it, so even a query that passed the check cannot open a connection.

Examples:
    >>> canonical(r"SELECT * WHERE { \\u0053ERVICE <http://example.org/> { ?s ?p ?o } }")
    'SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }'
    >>> canonical(r"SELECT * WHERE { \\u005Cu0053ERVICE <x:y> {} }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: the query spells an escape sequence with escapes ...
"""

from __future__ import annotations

import ctypes
import re
import sys
from typing import Any

from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parserutils import CompValue

from kgraph.errors import QueryError
from kgraph.rdf.namespace import KG, KGR, SCHEMA

__all__ = ["SPARQL_PREFIXES", "canonical", "isolate_network", "remote_parts", "with_prefixes"]

SPARQL_PREFIXES: dict[str, str] = {
    "kg": str(KG._NS), "kgr": str(KGR), "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL),
    "skos": str(SKOS), "prov": str(PROV), "schema": str(SCHEMA), "xsd": str(XSD)}
"""The prefixes user SPARQL may use without declaring them (:func:`with_prefixes`)."""

_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# What either engine could still take for an escape: rdflib's pattern is the wider one.
_LEFT = re.compile(r"\\[uU][0-9A-Fa-f]{4}")

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def canonical(text: str) -> str:
    """Return ``text`` with SPARQL's code point escapes replaced, as every engine must read it.

    Args:
        text: a SPARQL query or update, as the user gave it.

    Returns:
        The text with each ``\\uXXXX`` / ``\\UXXXXXXXX`` replaced by its character.

    Raises:
        QueryError: an escape names no character (a surrogate or a number past U+10FFFF), or
            the replaced text still holds an escape sequence.
    """

    def expand(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"{match.group(0)} at character {match.start()} names no character")
        return chr(code)

    result = _ESCAPE.sub(expand, text)
    left = _LEFT.search(result)
    if left is not None:
        raise QueryError(f"the query spells an escape sequence with escapes ({left.group(0)} at "
                         f"character {left.start()}); write the character itself")
    return result


def with_prefixes(text: str) -> str:
    """Return canonical ``text`` with :data:`SPARQL_PREFIXES` declared in front of it.

    A prefix the text declares itself is left to the text (the user's declaration wins). The
    declarations take one line of their own (rdflib misreads a ``SERVICE`` on the line of a
    prologue); they hold no escape, so the result is canonical when ``text`` is, and it is what
    both the check and the engine read.

    Examples:
        >>> with_prefixes("PREFIX kg: <urn:x#> ASK { ?a a kg:Actor }").count("PREFIX kg:")
        1
        >>> with_prefixes("ASK { ?a a kg:Actor }").startswith("PREFIX kg: <https://kgraph.dev/")
        True
    """
    own = {m.group(1) or "" for m in _DECLARED.finditer(text)}
    head = " ".join(f"PREFIX {name}: <{iri}>" for name, iri in SPARQL_PREFIXES.items()
                    if name not in own)
    return f"{head}\n{text}" if head else text


def remote_parts(algebra: Any) -> list[str]:
    """Name the parts of a parsed query or update that would read outside the graph.

    Args:
        algebra: the algebra of an rdflib-parsed query (``prepared.algebra``) or one operation
            of a parsed update.

    Returns:
        The sorted names found: ``SERVICE``, ``FROM / FROM NAMED``, ``LOAD``, ``USING``; empty
        when the query stays inside the graph.

    Examples:
        >>> from rdflib.plugins.sparql import prepareQuery
        >>> query = prepareQuery("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")
        >>> remote_parts(query.algebra)
        ['FROM / FROM NAMED']
        >>> remote_parts(prepareQuery("SELECT * WHERE { ?s ?p ?o }").algebra)
        []
    """
    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                found.add("SERVICE")
            if dict.get(node, "datasetClause"):  # CompValue.get defaults to the key itself
                found.add("FROM / FROM NAMED")
            if node.name == "Load":
                found.add("LOAD")
            if node.name == "Modify" and dict.get(node, "using"):
                found.add("USING")

    traverse(algebra, visitPost=visit)
    return sorted(found)


def isolate_network() -> bool:
    """Move this process into a network namespace of its own, with no way out.

    Works on Linux for root, or for any user where unprivileged user namespaces are allowed;
    elsewhere nothing changes. It is for processes that evaluate untrusted queries and need no
    network afterwards (the endpoint's workers): the change is permanent for the process and
    the children it starts.

    Returns:
        True if the process is now cut off, False if the system did not allow it.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    # A namespace of one's own needs CAP_SYS_ADMIN; without it, a user namespace grants it
    # (refused in a process with several threads, hence the plain attempt first).
    return any(libc.unshare(flags) == 0
               for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET))

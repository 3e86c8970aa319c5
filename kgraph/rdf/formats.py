"""The RDF file formats: one row each in :data:`RDF_FORMATS`, with the one function that writes it.

A :class:`Format` names a file format, its suffixes, its media type, whether it keeps named
graphs (quads) and the writer that writes what it holds. :data:`RDF_FORMATS` lists the
RDF formats; :data:`kgraph.views.export.EXPORT_FORMATS` adds the network formats. Every file
kgraph writes in one of them goes through its writer: a build's ``graph.trig`` and ``graph.ttl``,
:func:`kgraph.rdf.graph.save_graph`, ``kgraph export`` and ``kgraph infer``; reading a file
(:func:`kgraph.rdf.graph.load_graph`, the Oxigraph store's ``load_file``) finds its format here.

====== ================ ===================== ==========================================
format suffixes         media type            written
====== ================ ===================== ==========================================
turtle .ttl             text/turtle           by rdflib
trig   .trig            application/trig      by Oxigraph: graphs, then triples, sorted
nt     .nt              application/n-triples by rdflib, lines sorted
nquads .nq              application/n-quads   by rdflib, lines sorted
jsonld .jsonld .json-ld application/ld+json   by rdflib with kgraph's context; arrays and
                                              keys sorted
====== ================ ===================== ==========================================

The writers write what they are given: the quad formats a Dataset, the triple formats a Graph
(:func:`kgraph.rdf.graph.write_rdf` chooses which triples a file holds). rdflib writes named
graphs and JSON-LD nodes in the order of its sets, so each writer puts its output in a fixed
order: one graph gives the same bytes in every process, and files diff well.

Examples:
    >>> format_of("out/graph.nq").name, RDF_FORMATS["jsonld"].suffix
    ('nquads', '.jsonld')
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kgraph.errors import GraphError
from kgraph.rdf.namespace import KG, KGR, ORG, SCHEMA, WD
from kgraph.rdf.terms import to_oxigraph
from kgraph.rdf.vocabulary import jsonld_context

__all__ = [
    "PREFIXES",
    "RDF_FORMATS",
    "Format",
    "format_named",
    "format_of",
    "write_jsonld",
    "write_nquads",
    "write_nt",
    "write_trig",
    "write_turtle",
]

PREFIXES = {"kg": KG._NS, "kgr": KGR, "prov": PROV, "skos": SKOS, "schema": SCHEMA, "owl": OWL,
            "org": ORG, "wd": WD, "rdf": RDF, "rdfs": RDFS, "xsd": XSD,
            # short forms for the data IRIs, so that serialisations read actor:isis
            "actor": KGR["actor/"], "article": KGR["article/"], "statement": KGR["statement/"],
            "mention": KGR["mention/"]}
"""The prefixes every kgraph dataset binds, and its files declare."""


@dataclass(frozen=True, slots=True)
class Format:
    """A file format kgraph writes: a row of the format table.

    Attributes:
        name: the name users give (``kgraph export --format NAME``).
        suffixes: the file suffixes that stand for it; the first is the one written.
        media_type: its IANA media type (Oxigraph and rdflib parse by it).
        write: the writer: ``write(content, out)`` writes the content of a file to the binary
            stream ``out``. The content of an RDF format is a Dataset (quad formats) or a
            Graph, of a network format the :func:`kgraph.views.network.to_networkx` projection.
        quads: whether files keep the named graphs.
        network: whether it is a network format (not RDF).
    """

    name: str
    suffixes: tuple[str, ...]
    media_type: str
    write: Callable[[Any, BinaryIO], None]
    quads: bool = False
    network: bool = False

    @property
    def suffix(self) -> str:
        """The suffix files of this format are written with."""
        return self.suffixes[0]


def format_of(path: str | Path, formats: Mapping[str, Format] | None = None) -> Format:
    """Return the format a file's suffix stands for (case does not matter).

    Args:
        path: the file.
        formats: the table to look in; :data:`RDF_FORMATS` when None.

    Raises:
        GraphError: no format of the table has this suffix; the message lists the valid ones.

    Examples:
        >>> format_of("GRAPH.TTL").name
        'turtle'
    """
    table = RDF_FORMATS if formats is None else formats
    suffix = Path(path).suffix.lower()
    by_suffix = {s: f for f in table.values() for s in f.suffixes}
    if suffix not in by_suffix:
        raise GraphError(f"{path}: cannot tell the format from the suffix {suffix!r}; "
                         f"valid suffixes: {', '.join(sorted(by_suffix))}")
    return by_suffix[suffix]


def format_named(name: str, formats: Mapping[str, Format] | None = None) -> Format:
    """Return the format called ``name``.

    Args:
        name: the format's name.
        formats: the table to look in; :data:`RDF_FORMATS` when None.

    Raises:
        GraphError: the table has no such format; the message lists the valid ones.

    Examples:
        >>> format_named("trig").quads
        True
    """
    table = RDF_FORMATS if formats is None else formats
    if name not in table:
        raise GraphError(f"unknown format {name!r}; valid formats: {', '.join(table)}")
    return table[name]


# ---------------------------------------------------------------- the writers


def write_turtle(graph: Graph, out: BinaryIO) -> None:
    """Write ``graph`` as Turtle (rdflib sorts subjects and predicates).

    Examples:
        >>> import io
        >>> buffer = io.BytesIO(); write_turtle(Graph(), buffer); buffer.getvalue()
        b'\\n'
    """
    graph.serialize(destination=out, format="turtle", encoding="utf-8")


def write_trig(ds: Dataset, out: BinaryIO) -> None:
    """Write every quad of ``ds`` as TriG, with Oxigraph's writer, graph by graph, each sorted.

    rdflib's writers walk the named graphs one by one, and its memory store lists, for each
    triple met, every graph that holds it: the extraction triples are in every article's graph,
    so writing took time in the square of the articles (27 s for 2,000, 85 s for 4,000).

    Examples:
        >>> import io
        >>> from rdflib import URIRef
        >>> ds = Dataset()
        >>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:b"), RDF.type, URIRef("urn:B")))
        >>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:a"), RDF.type, URIRef("urn:A")))
        >>> buffer = io.BytesIO(); write_trig(ds, buffer)
        >>> [line.strip() for line in buffer.getvalue().decode().splitlines() if "urn:" in line]
        ['<urn:g> {', '<urn:a> a <urn:A> .', '<urn:b> a <urn:B> .']
    """
    term: Callable[[Node], Any] = functools.cache(to_oxigraph)  # each term converted once
    graphs: dict[Node | None, list[tuple[Node, Node, Node]]] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        graphs.setdefault(None if g == DATASET_DEFAULT_GRAPH_ID else g, []).append((s, p, o))
    quads = (ox.Quad(term(s), term(p), term(o), ox.DefaultGraph() if g is None else term(g))
             for g in sorted(graphs, key=lambda g: "" if g is None else str(g))
             for s, p, o in sorted(graphs[g], key=lambda t: (str(t[0]), str(t[1]), str(t[2]))))
    defaults = set(Dataset().namespaces())  # bound by rdflib in every graph, mostly unused
    prefixes = {prefix: str(namespace) for prefix, namespace in ds.namespaces()
                if prefix in PREFIXES or (prefix, namespace) not in defaults}
    ox.serialize(quads, out, ox.RdfFormat.TRIG, prefixes=prefixes)


def write_nt(graph: Graph, out: BinaryIO) -> None:
    """Write ``graph`` as N-Triples, one triple a line, sorted."""
    out.write(_sorted_lines(graph.serialize(format="nt", encoding="utf-8")))


def write_nquads(ds: Dataset, out: BinaryIO) -> None:
    """Write every quad of ``ds`` as N-Quads, one quad a line, sorted."""
    out.write(_sorted_lines(ds.serialize(format="nquads", encoding="utf-8")))


def write_jsonld(ds: Dataset, out: BinaryIO) -> None:
    """Write every named graph of ``ds`` as JSON-LD, compacted with kgraph's published context
    (:func:`kgraph.rdf.vocabulary.jsonld_context`, embedded so that the file stands alone);
    arrays and keys sorted.

    Examples:
        >>> import io, json
        >>> buffer = io.BytesIO(); write_jsonld(Dataset(), buffer)
        >>> json.loads(buffer.getvalue())["@context"] == jsonld_context()
        True
    """
    data = ds.serialize(format="json-ld", encoding="utf-8", context=jsonld_context(),
                        auto_compact=True)
    doc = _sorted_json(json.loads(data))
    out.write((json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())


RDF_FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", (".ttl",), "text/turtle", write_turtle),
    Format("trig", (".trig",), "application/trig", write_trig, quads=True),
    Format("nt", (".nt",), "application/n-triples", write_nt),
    Format("nquads", (".nq",), "application/n-quads", write_nquads, quads=True),
    Format("jsonld", (".jsonld", ".json-ld"), "application/ld+json", write_jsonld, quads=True),
)}
"""The RDF formats by name: the rows of the format table that hold RDF."""


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
    return ("\n".join(lines) + "\n" if lines else "").encode("utf-8")


def _sorted_json(value: Any) -> Any:
    """A JSON-LD document with every array sorted (kgraph writes no ``@list``, whose order
    would matter)."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value

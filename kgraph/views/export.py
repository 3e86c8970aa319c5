"""Export a kgraph graph for other tools: RDF formats, network formats, a CSV edge list.

========== ======= =====================================================================
format     suffix  what
========== ======= =====================================================================
turtle     .ttl    every triple (the union of the named graphs); ``truthy=True``: actor
                   descriptions and truthy triples only, like a build's graph.ttl
trig       .trig   every named graph
nt         .nt     as turtle, one triple a line, sorted
nquads     .nq     as trig, one quad a line, sorted
jsonld     .jsonld every named graph, compacted with kgraph's published context
                   (``ontology/context.jsonld`` and a term per relation of relations.csv,
                   embedded so the file stands alone)
graphml    .graphml the :func:`kgraph.views.network.to_networkx` projection; lists and dicts as JSON
gexf       .gexf   the same projection for Gephi (without networkx's date stamp)
csv        .csv    one row per edge of the projection, with its evidence counts
cytoscape  .cyjs   Cytoscape JSON (``elements``: ``nodes`` and ``edges`` with ``data``)
========== ======= =====================================================================

Examples:
    >>> from kgraph.rdf.graph import new_dataset
    >>> export(new_dataset(), format="csv").decode().splitlines()[0]
    'subject,subject_id,relation,object,object_id,statements,articles,first,last,confidence,truthy'
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kgraph._io import atomic_writer
from kgraph.errors import GraphError
from kgraph.rdf.graph import _write_quads, truthy_graph, union_view
from kgraph.rdf.vocabulary import jsonld_context

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "cytoscape_data",
    "edge_rows",
    "export",
    "export_format",
    "load_context",
    "write_export",
]

EXPORT_FORMATS = {
    "turtle": ".ttl",
    "trig": ".trig",
    "nt": ".nt",
    "nquads": ".nq",
    "jsonld": ".jsonld",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "csv": ".csv",
    "cytoscape": ".cyjs",
}
"""Export format -> the file suffix it is written with."""

CSV_COLUMNS = ("subject", "subject_id", "relation", "object", "object_id", "statements",
               "articles", "first", "last", "confidence", "truthy")
"""The columns of the CSV edge list."""

_RDF_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads",
                "jsonld": "json-ld"}
_QUAD_FORMATS = ("trig", "nquads", "jsonld")
_SUFFIXES = {**{suffix: name for name, suffix in EXPORT_FORMATS.items()},
             ".json-ld": "jsonld", ".json": "cytoscape"}
# Spreadsheets run cells that start with these as formulas; labels come from article text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_format(path: str | Path) -> str:
    """Return the export format a file suffix stands for.

    Raises:
        GraphError: the suffix is not one of :data:`EXPORT_FORMATS` (or .json, .json-ld).

    Examples:
        >>> export_format("out/graph.nq"), export_format("net.cyjs")
        ('nquads', 'cytoscape')
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise GraphError(f"{path}: cannot tell the export format from the suffix {suffix!r}; "
                         f"valid suffixes: {', '.join(sorted(_SUFFIXES))}")
    return _SUFFIXES[suffix]


def load_context() -> dict[str, Any]:
    """Return kgraph's JSON-LD context (:func:`kgraph.rdf.vocabulary.jsonld_context`).

    Examples:
        >>> load_context()["alliedWith"]
        {'@id': 'kg:alliedWith', '@type': '@id'}
    """
    return jsonld_context()


def export(graph: Graph, *, format: str, truthy: bool = False) -> bytes:
    """Return ``graph`` serialised in one of :data:`EXPORT_FORMATS`; ``graph`` is not changed.

    Args:
        graph: a kgraph dataset (from a build or :func:`kgraph.rdf.graph.load_graph`) or graph.
        format: the export format (a key of :data:`EXPORT_FORMATS`).
        truthy: for the RDF formats, export only the actor descriptions and truthy triples
            (no statements, no named graphs).

    Returns:
        The file's bytes (UTF-8 for the text formats).

    Raises:
        GraphError: the format is unknown.

    Examples:
        >>> from kgraph.rdf.graph import new_dataset
        >>> export(new_dataset(), format="nt")
        b''
    """
    if format not in EXPORT_FORMATS:
        raise GraphError(f"unknown export format {format!r}; "
                         f"valid formats: {', '.join(EXPORT_FORMATS)}")
    if format in _RDF_FORMATS:
        return _rdf(graph, format, truthy=truthy)
    from kgraph.views.network import to_networkx

    network = to_networkx(graph)
    if format == "csv":
        return _csv(network)
    if format == "cytoscape":
        data = cytoscape_data(network)
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return _network_xml(network, format)


def write_export(graph: Graph, path: str | Path, *, format: str | None = None,
                 truthy: bool = False) -> Path:
    """Write :func:`export` of ``graph`` to ``path`` atomically (a temporary file, then renamed).

    Args:
        graph: the dataset or graph to export.
        path: the file to write; its folder is created if missing.
        format: the export format; from the suffix of ``path`` when None.
        truthy: as for :func:`export`.

    Returns:
        The path written.

    Raises:
        GraphError: the format is unknown or cannot be told from the suffix.
    """
    target = Path(path)
    data = export(graph, format=format or export_format(target), truthy=truthy)
    with atomic_writer(target) as f:
        f.write(data)
    return target


def edge_rows(network: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return one row per edge of a :func:`kgraph.views.network.to_networkx` projection.

    The keys are :data:`CSV_COLUMNS`: the two actors (label and id), the relation, the number of
    statements and of distinct articles, the first and last time, the highest confidence, and
    whether the truthy triple is in the graph. Rows are in subject, relation, object order.

    Examples:
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("a", label="A"); G.add_node("b", label="B")
        >>> _ = G.add_edge("a", "b", key="fights", count=2, articles=1, first="2014",
        ...                last="2015", confidence=0.9, truthy=True)
        >>> edge_rows(G)[0]["statements"]
        2
    """
    rows = []
    for s, o, relation, d in _sorted_edges(network):
        rows.append({
            "subject": network.nodes[s].get("label", s),
            "subject_id": s,
            "relation": relation,
            "object": network.nodes[o].get("label", o),
            "object_id": o,
            "statements": d.get("count", 0),
            "articles": d.get("articles", 0),
            "first": d.get("first", ""),
            "last": d.get("last", ""),
            "confidence": d.get("confidence", 0.0),
            "truthy": bool(d.get("truthy", False)),
        })
    return rows


def _sorted_edges(network: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Return the edges of ``network`` as ``(subject, object, key, data)``, sorted."""
    return sorted(((s, o, str(k), d) for s, o, k, d in network.edges(keys=True, data=True)),
                  key=lambda e: (e[0], e[2], e[1]))


def cytoscape_data(network: nx.MultiDiGraph) -> dict[str, Any]:
    """Return a network as Cytoscape JSON (for Cytoscape desktop and cytoscape.js).

    Nodes carry ``id`` (the actor id), ``name`` and ``label`` (the actor's label) and the node
    attributes; edges carry ``id`` (``subject relation object``), ``source``, ``target``,
    ``interaction`` (the relation) and the edge attributes, evidence included.

    Examples:
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("isis", label="ISIS")
        >>> cytoscape_data(G)["elements"]["nodes"]
        [{'data': {'id': 'isis', 'name': 'ISIS', 'label': 'ISIS'}}]
    """
    from kgraph._version import __version__

    nodes = [{"data": {"id": str(n), "name": d.get("label", str(n)), **_plain(d)}}
             for n, d in sorted(network.nodes(data=True), key=lambda x: str(x[0]))]
    edges = [{"data": {"id": f"{s} {relation} {o}", "source": s, "target": o,
                       "interaction": relation, **_plain(d)}}
             for s, o, relation, d in _sorted_edges(network)]
    return {
        "format_version": "1.0",
        "generated_by": f"kgraph-{__version__}",
        "target_cytoscapejs_version": "~3.0",
        "data": {"name": "kgraph"},
        "elements": {"nodes": nodes, "edges": edges},
    }


# ---------------------------------------------------------------- internals


def _rdf(graph: Graph, format: str, *, truthy: bool) -> bytes:
    data: Graph
    if truthy:
        data = truthy_graph(graph)
    elif format in _QUAD_FORMATS and isinstance(graph, Dataset):
        data = graph
    else:
        data = Graph()
        for prefix, namespace in graph.namespaces():
            data.bind(prefix, namespace, override=True, replace=True)
        data += union_view(graph).triples((None, None, None))
    if format in _QUAD_FORMATS and not isinstance(data, Dataset):
        # quad writers need a dataset: the triples go into its default graph
        triples, data = data, Dataset()
        for prefix, namespace in triples.namespaces():
            data.bind(prefix, namespace, override=True, replace=True)
        data.graph(DATASET_DEFAULT_GRAPH_ID).addN(
            (s, p, o, data.graph(DATASET_DEFAULT_GRAPH_ID)) for s, p, o in triples)
    # rdflib writes named graphs, and JSON-LD nodes, in the order of its sets: each format is
    # put in a fixed order here, so that one graph gives the same bytes, and exports diff well
    if format == "trig":  # as graph.trig is written: graphs and triples sorted
        buffer = io.BytesIO()
        _write_quads(cast(Dataset, data), buffer, "trig")
        return buffer.getvalue()
    fmt = _RDF_FORMATS[format]
    if format == "jsonld":
        out = data.serialize(format=fmt, encoding="utf-8", context=load_context(),
                             auto_compact=True)
        doc = _sorted_json(json.loads(out))
        return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    out = data.serialize(format=fmt, encoding="utf-8")
    if format in ("nt", "nquads"):  # one statement a line: sorted
        lines = sorted(line for line in out.decode("utf-8").splitlines() if line.strip())
        out = ("\n".join(lines) + "\n" if lines else "").encode("utf-8")
    return out


def _sorted_json(value: Any) -> Any:
    """A JSON-LD document with every array sorted (kgraph writes no ``@list``, whose order
    would matter)."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def _plain(attrs: dict[str, Any]) -> dict[str, Any]:
    """Node or edge attributes as JSON values (sets become sorted lists)."""
    return {k: sorted(v) if isinstance(v, set) else v for k, v in attrs.items()}


def _scalar(value: Any) -> Any:
    """A GraphML/GEXF attribute value: lists and dicts as JSON text, None as ""."""
    if isinstance(value, list | tuple | dict | set):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False)
    return "" if value is None else value


def _network_xml(network: nx.MultiDiGraph, format: str) -> bytes:
    import networkx as nx

    flat = nx.MultiDiGraph()
    flat.add_nodes_from((n, {k: _scalar(v) for k, v in d.items()})
                        for n, d in sorted(network.nodes(data=True), key=lambda x: str(x[0])))
    flat.add_edges_from((s, o, key, {k: _scalar(v) for k, v in d.items()})
                        for s, o, key, d in _sorted_edges(network))
    buffer = io.BytesIO()
    if format == "graphml":
        nx.write_graphml(flat, buffer, encoding="utf-8")
    else:
        from networkx.readwrite.gexf import GEXFWriter  # what nx.write_gexf runs

        writer = GEXFWriter(encoding="utf-8")
        # networkx stamps the file with today's date: drop it (it is optional in GEXF), so that
        # an export depends on the graph only
        meta = writer.xml.find("meta")
        if meta is not None:
            meta.attrib.pop("lastmodifieddate", None)
        writer.add_graph(flat)
        writer.write(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(network: nx.MultiDiGraph) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in edge_rows(network):
        writer.writerow({k: _cell(v) if k in ("subject", "object") else v
                         for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")

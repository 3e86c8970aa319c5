"""Export a kgraph graph for other tools: RDF formats, network formats, a CSV edge list.

:data:`EXPORT_FORMATS` is the format table: the RDF formats of
:data:`kgraph.rdf.formats.RDF_FORMATS` and the network formats written here, each with the one
function that writes it. ``kgraph build``, ``kgraph export``, ``kgraph infer`` and
:func:`kgraph.rdf.graph.save_graph` all write through it, so a build's ``graph.graphml`` is
``kgraph export --format graphml`` of its ``graph.trig``, byte for byte.

========= ======== ====================================================================
format    suffix   what
========= ======== ====================================================================
turtle    .ttl     every triple (the union of the named graphs); ``truthy=True``: actor
                   descriptions and truthy triples only, like a build's graph.ttl
trig      .trig    every named graph
nt        .nt      as turtle, one triple a line, sorted
nquads    .nq      as trig, one quad a line, sorted
jsonld    .jsonld  every named graph, compacted with kgraph's published context
                   (``ontology/context.jsonld`` and a term per relation of relations.csv,
                   embedded so the file stands alone)
graphml   .graphml the :func:`kgraph.views.network.to_networkx` projection and its
                   graph-level tables; lists and dicts as JSON
gexf      .gexf    the same projection for Gephi (without networkx's date stamp)
csv       .csv     one row per edge of the projection, with its evidence counts
cytoscape .cyjs    Cytoscape JSON (``elements``: ``nodes`` and ``edges`` with ``data``)
========= ======== =============================================================
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
from typing import TYPE_CHECKING, Any, BinaryIO

from rdflib import Graph

from kgraph._io import atomic_writer
from kgraph._version import __version__
from kgraph.rdf.formats import RDF_FORMATS, Format, format_named, format_of
from kgraph.rdf.graph import write_rdf
from kgraph.rdf.vocabulary import jsonld_context as load_context
from kgraph.views.network import to_networkx

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
    "write_csv",
    "write_cytoscape",
    "write_export",
    "write_gexf",
    "write_graphml",
]

CSV_COLUMNS = ("subject", "subject_id", "relation", "object", "object_id", "statements",
               "articles", "first", "last", "confidence", "truthy")
"""The columns of the CSV edge list."""

# Spreadsheets run cells that start with these as formulas; labels come from article text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_format(path: str | Path) -> str:
    """Return the export format a file suffix stands for.

    Raises:
        GraphError: the suffix is not one of those of :data:`EXPORT_FORMATS`.

    Examples:
        >>> export_format("out/graph.nq"), export_format("net.cyjs"), export_format("net.json")
        ('nquads', 'cytoscape', 'cytoscape')
    """
    return format_of(path, EXPORT_FORMATS).name


def export(graph: Graph, *, format: str, truthy: bool = False,
           network: nx.MultiDiGraph | None = None) -> bytes:
    """Return ``graph`` written by the writer of one of :data:`EXPORT_FORMATS`; ``graph`` is not
    changed.

    Args:
        graph: a kgraph dataset (from a build or :func:`kgraph.rdf.graph.load_graph`) or graph.
        format: the export format (a key of :data:`EXPORT_FORMATS`).
        truthy: for the RDF formats, export only the actor descriptions and truthy triples
            (no statements, no named graphs).
        network: for the network formats, ``to_networkx(graph)`` when the caller has made it
            already; made here when None.

    Returns:
        The file's bytes (UTF-8 for the text formats).

    Raises:
        GraphError: the format is unknown.

    Examples:
        >>> from kgraph.rdf.graph import new_dataset
        >>> export(new_dataset(), format="nt")
        b''
    """
    buffer = io.BytesIO()
    _write(graph, buffer, format_named(format, EXPORT_FORMATS), truthy=truthy, network=network)
    return buffer.getvalue()


def write_export(graph: Graph, path: str | Path, *, format: str | None = None,
                 truthy: bool = False, network: nx.MultiDiGraph | None = None) -> Path:
    """Write :func:`export` of ``graph`` to ``path`` atomically (a temporary file, then renamed).

    Args:
        graph: the dataset or graph to export.
        path: the file to write; its folder is created if missing.
        format: the export format; from the suffix of ``path`` when None.
        truthy: as for :func:`export`.
        network: as for :func:`export`.

    Returns:
        The path written.

    Raises:
        GraphError: the format is unknown or cannot be told from the suffix.
    """
    target = Path(path)
    fmt = format_named(format, EXPORT_FORMATS) if format else format_of(target, EXPORT_FORMATS)
    with atomic_writer(target) as f:
        _write(graph, f, fmt, truthy=truthy, network=network)
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


# ---------------------------------------------------------------- the network writers


def write_graphml(network: nx.MultiDiGraph, out: BinaryIO) -> None:
    """Write a network as GraphML (for Gephi, yEd, Cytoscape): its graph-level tables, nodes
    in id order and edges in subject, object, relation order.

    GraphML takes scalar attributes only, so lists and dicts (``aliases``, ``modalities``,
    ``evidence``, ``sentences``, the graph's ``articles``, ``times`` and ``minted``) are written
    as JSON strings.

    Examples:
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph(minted=["kivu-front"])
        >>> G.add_node("isis", label="ISIS", aliases=["Daesh"])
        >>> buffer = io.BytesIO(); write_graphml(G, buffer)
        >>> text = buffer.getvalue().decode("utf-8")
        >>> '["Daesh"]' in text and '["kivu-front"]' in text
        True
    """
    import networkx as nx

    # subject, object, relation: the order a build's graph.graphml always had (the other
    # network formats keep the subject, relation, object order their exports always had)
    edges = sorted(network.edges(keys=True, data=True),
                   key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    nx.write_graphml(_flat(network, edges), out, encoding="utf-8")


def write_gexf(network: nx.MultiDiGraph, out: BinaryIO) -> None:
    """Write a network as GEXF (for Gephi), without networkx's date stamp: nodes in id order,
    edges in subject, relation, object order; lists and dicts as JSON strings.

    Examples:
        >>> import networkx as nx
        >>> buffer = io.BytesIO(); write_gexf(nx.MultiDiGraph(), buffer)
        >>> b"lastmodifieddate" in buffer.getvalue()
        False
    """
    from networkx.readwrite.gexf import GEXFWriter  # what nx.write_gexf runs

    writer = GEXFWriter(encoding="utf-8")
    # networkx stamps the file with today's date: drop it (it is optional in GEXF), so that
    # an export depends on the graph only
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(_flat(network, _sorted_edges(network)))  # GEXF leaves graph data out
    writer.write(out)


def write_csv(network: nx.MultiDiGraph, out: BinaryIO) -> None:
    """Write the CSV edge list of a network: :data:`CSV_COLUMNS`, one row per :func:`edge_rows`
    row; an actor label that a spreadsheet would run as a formula starts with ``'``.

    Examples:
        >>> import networkx as nx
        >>> buffer = io.BytesIO(); write_csv(nx.MultiDiGraph(), buffer)
        >>> buffer.getvalue().decode().startswith("subject,subject_id,relation")
        True
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in edge_rows(network):
        writer.writerow({k: _cell(v) if k in ("subject", "object") else v
                         for k, v in row.items()})
    out.write(buffer.getvalue().encode("utf-8"))


def write_cytoscape(network: nx.MultiDiGraph, out: BinaryIO) -> None:
    """Write :func:`cytoscape_data` of a network as indented JSON.

    Examples:
        >>> import json, networkx as nx
        >>> buffer = io.BytesIO(); write_cytoscape(nx.MultiDiGraph(), buffer)
        >>> json.loads(buffer.getvalue())["elements"]
        {'nodes': [], 'edges': []}
    """
    data = cytoscape_data(network)
    out.write((json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


EXPORT_FORMATS: dict[str, Format] = {**RDF_FORMATS, **{f.name: f for f in (
    Format("graphml", (".graphml",), "application/graphml+xml", write_graphml, network=True),
    Format("gexf", (".gexf",), "application/gexf+xml", write_gexf, network=True),
    Format("csv", (".csv",), "text/csv", write_csv, network=True),
    Format("cytoscape", (".cyjs", ".json"), "application/json", write_cytoscape, network=True),
)}}
"""The format table: every export format by name (the RDF formats first), with its suffixes,
media type, kind and writer."""


# ---------------------------------------------------------------- internals


def _write(graph: Graph, out: BinaryIO, fmt: Format, *, truthy: bool,
           network: nx.MultiDiGraph | None) -> None:
    if not fmt.network:
        write_rdf(graph, out, format=fmt.name, truthy=truthy)
    else:
        fmt.write(to_networkx(graph) if network is None else network, out)


def _sorted_edges(network: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Return the edges of ``network`` as ``(subject, object, key, data)``, in subject,
    relation, object order."""
    return sorted(((s, o, str(k), d) for s, o, k, d in network.edges(keys=True, data=True)),
                  key=lambda e: (e[0], e[2], e[1]))


def _flat(network: nx.MultiDiGraph, edges: list[Any]) -> nx.MultiDiGraph:
    """A copy of ``network`` with scalar attributes only (for the XML formats), its nodes in id
    order and its edges in the order given."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    flat.graph.update({k: _scalar(v) for k, v in network.graph.items()})
    flat.add_nodes_from((n, {k: _scalar(v) for k, v in d.items()})
                        for n, d in sorted(network.nodes(data=True), key=lambda x: str(x[0])))
    flat.add_edges_from((s, o, key, {k: _scalar(v) for k, v in d.items()})
                        for s, o, key, d in edges)
    return flat


def _plain(attrs: dict[str, Any]) -> dict[str, Any]:
    """Node or edge attributes as JSON values (sets become sorted lists)."""
    return {k: sorted(v) if isinstance(v, set) else v for k, v in attrs.items()}


def _scalar(value: Any) -> Any:
    """A GraphML/GEXF attribute value: lists and dicts as JSON text, None as ""."""
    if isinstance(value, list | tuple | dict | set):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False)
    return "" if value is None else value


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value

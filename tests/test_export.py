"""Tests of kgraph.views.export and `kgraph export` / `kgraph infer`: RDF formats round-trip to
isomorphic graphs, network formats carry the projection, the CSV edge list its evidence counts,
Cytoscape JSON its elements; writes are atomic and `-` is stdout."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import networkx as nx
import pytest
from conftest import SAMPLE_TRUTHY
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kgraph._paths import data_path
from kgraph.cli import app
from kgraph.errors import GraphError
from kgraph.know.relations import load_relations
from kgraph.model import Actor, Article, Assertion, Evidence
from kgraph.rdf.formats import RDF_FORMATS, Format, format_of
from kgraph.rdf.graph import build_graph, infer, load_graph, save_graph, truthy_graph, union_view
from kgraph.rdf.namespace import relation_terms
from kgraph.run.build import write_outputs
from kgraph.store.oxigraph import load_file, open_store
from kgraph.views.export import (
    CSV_COLUMNS,
    EXPORT_FORMATS,
    cytoscape_data,
    edge_rows,
    export,
    export_format,
    load_context,
    write_export,
)
from kgraph.views.network import to_networkx


def _named(ds: Dataset) -> dict[str, Graph]:
    out = {}
    for g in ds.graphs():
        if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g):
            copy = Graph()
            copy += g
            out[str(g.identifier)] = copy
    return out


def _union(graph: Graph) -> Graph:
    out = Graph()
    out += union_view(graph).triples((None, None, None))
    return out


# ---------------------------------------------------------------- RDF round trips


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_quad_formats_round_trip_every_named_graph(sample_dataset: Dataset, tmp_path: Path,
                                                   fmt: str) -> None:
    infer(sample_dataset)  # inferred triples survive too
    path = write_export(sample_dataset, tmp_path / f"g{EXPORT_FORMATS[fmt].suffix}")
    back = load_graph(path)
    a, b = _named(sample_dataset), _named(back)
    assert a.keys() == b.keys()
    assert all(isomorphic(a[k], b[k]) for k in a)


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_triple_formats_round_trip_the_union(sample_dataset: Dataset, tmp_path: Path,
                                             fmt: str) -> None:
    path = write_export(sample_dataset, tmp_path / f"g{EXPORT_FORMATS[fmt].suffix}")
    assert isomorphic(_union(load_graph(path)), _union(sample_dataset))


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nquads", "jsonld"])
def test_truthy_exports_hold_the_truthy_graph(sample_dataset: Dataset, tmp_path: Path,
                                              fmt: str) -> None:
    path = write_export(sample_dataset, tmp_path / f"g{EXPORT_FORMATS[fmt].suffix}", truthy=True)
    assert isomorphic(_union(load_graph(path)), truthy_graph(sample_dataset))


def test_a_graph_loaded_from_turtle_exports_too(sample_dataset: Dataset, tmp_path: Path) -> None:
    ttl = load_graph(save_graph(sample_dataset, tmp_path / "g.ttl"))
    back = load_graph(write_export(ttl, tmp_path / "again.trig"))
    assert isomorphic(_union(back), _union(ttl))


def test_line_formats_are_sorted_and_deterministic(sample_dataset: Dataset) -> None:
    for fmt in ("nt", "nquads"):
        text = export(sample_dataset, format=fmt).decode("utf-8")
        lines = text.splitlines()
        assert lines == sorted(lines) and text.endswith("\n")
        assert export(sample_dataset, format=fmt) == export(sample_dataset, format=fmt)


def test_jsonld_uses_the_published_context(sample_dataset: Dataset) -> None:
    doc = json.loads(export(sample_dataset, format="jsonld"))
    assert doc["@context"] == load_context()
    published = json.loads(data_path("ontology", "context.jsonld").read_text(encoding="utf-8"))
    context = load_context()  # the published terms, then those added from relations.csv
    assert list(context) == [*published["@context"], *relation_terms()]
    assert {t: context[t] for t in published["@context"]} == published["@context"]
    text = json.dumps(doc)
    assert '"alliedWith": "actor:al-nusra-front"' in text
    assert '"wasDerivedFrom"' in text and '"label": "ISIS"' in text


def test_the_context_has_a_term_per_relation_and_kgraph_prefixes() -> None:
    context = load_context()
    for rel in load_relations().values():
        assert context[rel.rdf_name] == {"@id": f"kg:{rel.rdf_name}", "@type": "@id"}
    assert context["backs"] == {"@id": "kg:backs", "@type": "@id"}
    assert context["kg"] == "https://kgraph.dev/ontology#"
    assert context["actor"] == "https://kgraph.dev/id/actor/"


# ---------------------------------------------------------------- network formats


def test_graphml_and_gexf_carry_the_projection(sample_dataset: Dataset, tmp_path: Path) -> None:
    G = to_networkx(sample_dataset)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = write_export(sample_dataset, tmp_path / f"g.{fmt}")
        H = read(path)
        assert set(H.nodes) == set(G.nodes), fmt
        assert H.number_of_edges() == G.number_of_edges(), fmt
        assert json.loads(H.nodes["isis"]["aliases"]) == G.nodes["isis"]["aliases"]
        edge = next(d for _, _, d in H.edges(data=True) if d["relation"] == "split-from")
        sentence = json.loads(edge["sentences"])[0]["sentence"]
        assert sentence == "ISIS broke away from al-Qaeda in 2014."
    assert to_networkx(sample_dataset).number_of_edges() == G.number_of_edges()  # unchanged


def test_graphml_keeps_the_projection_and_its_tables(sample_dataset: Dataset,
                                                     tmp_path: Path) -> None:
    network = to_networkx(sample_dataset)
    snapshot = json.dumps(nx.node_link_data(network, edges="edges"), sort_keys=True)
    path = write_export(sample_dataset, tmp_path / "out" / "graph.graphml", network=network)
    assert json.dumps(nx.node_link_data(network, edges="edges"), sort_keys=True) == snapshot
    assert [p.name for p in path.parent.iterdir()] == ["graph.graphml"]
    assert path.read_bytes() == export(sample_dataset, format="graphml")  # the same projection
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(network.nodes)
    assert json.loads(back.nodes["isis"]["aliases"]) == network.nodes["isis"]["aliases"]
    data = back.edges["hezbollah", "iran", "backed-by"]
    assert data["count"] == 2 and data["truthy"] is True
    assert json.loads(data["sentences"]) == network.edges["hezbollah", "iran",
                                                           "backed-by"]["sentences"]
    for table in ("articles", "times", "minted"):  # the graph-level tables the viewer reads
        assert json.loads(back.graph[table]) == network.graph[table]


def test_a_build_writes_what_export_writes(sample_dataset: Dataset, tmp_path: Path,
                                           capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    files, _, _ = write_outputs(sample_dataset, tmp_path / "out")
    built = {path.name: path.read_bytes() for path in files}
    trig = tmp_path / "out" / "graph.trig"
    for name, fmt, extra in (("graph.graphml", "graphml", []), ("graph.trig", "trig", []),
                             ("graph.ttl", "turtle", ["--truthy"])):
        assert app(["export", str(trig), "--format", fmt, *extra]) == 0
        assert capsysbinary.readouterr().out == built[name], name
    assert built["graph.ttl"] == save_graph(sample_dataset, tmp_path / "g.ttl").read_bytes()
    assert built["graph.trig"] == save_graph(sample_dataset, tmp_path / "g.trig").read_bytes()
    assert b'"blocs":[{"name":' in built["graph.html"]  # the viewer colours by bloc too


def test_every_export_depends_on_the_graph_only(sample_dataset: Dataset, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    first = {fmt: export(sample_dataset, format=fmt) for fmt in EXPORT_FORMATS}
    monkeypatch.setattr(time, "strftime", lambda *args: "2001-02-03")  # another day
    again = {fmt: export(sample_dataset, format=fmt) for fmt in EXPORT_FORMATS}
    assert again == first
    assert b"lastmodifieddate" not in first["gexf"]
    assert b"<gexf" in first["gexf"] and b"<creator>NetworkX" in first["gexf"]
    # and in other processes, where Python orders sets differently
    trig = save_graph(sample_dataset, tmp_path / "g.trig")
    script = ("import sys; from kgraph.views.export import export;"
              "from kgraph.rdf.graph import load_graph;"
              "ds = load_graph(sys.argv[1]);"
              "sys.stdout.buffer.write(export(ds, format='trig') + export(ds, format='jsonld'))")
    runs = {subprocess.run([sys.executable, "-c", script, str(trig)], check=True,
                           capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")}
    assert len(runs) == 1


def test_csv_edge_list_with_evidence_counts(sample_dataset: Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(export(sample_dataset, format="csv").decode())))
    assert tuple(rows[0]) == CSV_COLUMNS
    truthy = {(r["relation"], r["subject_id"], r["object_id"]) for r in rows
              if r["truthy"] == "True"}
    symmetric = {n for n, r in load_relations().items() if r.symmetric}
    expected = {(r, *sorted((s, o))) if r in symmetric else (r, s, o)
                for r, s, o in SAMPLE_TRUTHY}
    assert truthy == expected
    backed = next(r for r in rows if r["relation"] == "backed-by")
    assert (backed["subject"], backed["object"], backed["statements"], backed["articles"]) == (
        "Hezbollah", "Iran", "2", "1")
    assert (backed["first"], backed["last"], backed["confidence"]) == (
        "2015-03-10", "2015-03-10", "0.85")
    assert edge_rows(to_networkx(sample_dataset))[0]["subject_id"] == rows[0]["subject_id"]


def test_csv_cells_cannot_start_a_spreadsheet_formula() -> None:
    evil = Actor("cmd", "=HYPERLINK(\"x\")", "Organization", minted=True)
    good = Actor("nato", "NATO", "InternationalOrganization")
    ev = Evidence("d", "They criticised NATO.", 0, 21, "r")
    ds = build_graph([(Article("d", ev.sentence), [Assertion(evil, "criticizes", good, ev,
                                                             confidence=0.9)])])
    row = next(csv.DictReader(io.StringIO(export(ds, format="csv").decode())))
    assert row["subject"] == "'=HYPERLINK(\"x\")" and row["subject_id"] == "cmd"


def test_cytoscape_json(sample_dataset: Dataset) -> None:
    data = json.loads(export(sample_dataset, format="cytoscape"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    ids = {n["data"]["id"] for n in nodes}
    assert "isis" in ids and all(n["data"]["name"] for n in nodes)
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    for e in edges:
        assert e["data"]["source"] in ids and e["data"]["target"] in ids
        assert e["data"]["interaction"] == e["data"]["relation"]
    split = next(e["data"] for e in edges if e["data"]["relation"] == "split-from")
    assert split["count"] == 1 and split["sentences"][0]["rule"] == "split-verb"
    assert cytoscape_data(to_networkx(sample_dataset)) == data


# ---------------------------------------------------------------- formats, errors, atomicity


def test_export_format_from_suffix() -> None:
    assert {export_format(f"x{f.suffix}") for f in EXPORT_FORMATS.values()} == set(EXPORT_FORMATS)
    assert export_format("x.json") == "cytoscape"
    with pytest.raises(GraphError, match="valid suffixes"):
        export_format("x.xlsx")


def test_the_format_table(sample_dataset: Dataset, tmp_path: Path) -> None:
    suffixes = [s for f in EXPORT_FORMATS.values() for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert {n: f for n, f in EXPORT_FORMATS.items() if not f.network} == RDF_FORMATS
    assert [f.name for f in EXPORT_FORMATS.values() if f.quads] == ["trig", "nquads", "jsonld"]
    for fmt in RDF_FORMATS.values():  # each file loads into rdflib and into the store alike
        path = write_export(sample_dataset, tmp_path / f"g{fmt.suffix}")
        assert format_of(path) is fmt
        store = open_store(None)
        assert load_file(store, path) > 0
        assert len(_union(load_graph(path))) == len(_union(sample_dataset))


def test_a_new_format_is_one_row(sample_dataset: Dataset, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    def write_tsv(network: nx.MultiDiGraph, out: BinaryIO) -> None:
        for s, o, k in sorted(network.edges(keys=True)):
            out.write(f"{s}\t{k}\t{o}\n".encode())

    def write_rdfxml(graph: Graph, out: BinaryIO) -> None:
        graph.serialize(destination=out, format="xml", encoding="utf-8")

    tsv = Format("tsv", (".tsv",), "text/tab-separated-values", write_tsv, network=True)
    rdfxml = Format("rdfxml", (".rdf",), "application/rdf+xml", write_rdfxml)
    monkeypatch.setitem(EXPORT_FORMATS, "tsv", tsv)
    # an RDF row: RDF_FORMATS, which EXPORT_FORMATS holds from the start
    monkeypatch.setitem(RDF_FORMATS, "rdfxml", rdfxml)
    monkeypatch.setitem(EXPORT_FORMATS, "rdfxml", rdfxml)
    with pytest.raises(SystemExit):
        app(["export", "--help"])
    assert "graphml,gexf,csv,cytoscape,tsv,rdfxml}" in capsys.readouterr().out.replace("\n", "")
    with pytest.raises(SystemExit):
        app(["infer", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "jsonld,rdfxml}" in help_text and ".jsonld, .rdf)" in help_text
    trig = save_graph(sample_dataset, tmp_path / "g.trig")
    assert app(["export", str(trig), "-o", str(tmp_path / "g.tsv")]) == 0
    assert "hezbollah\tbacked-by\tiran\n" in (tmp_path / "g.tsv").read_text(encoding="utf-8")
    assert app(["export", str(trig), "--format", "rdfxml", "-o", str(tmp_path / "g.out")]) == 0
    assert app(["infer", str(trig), "-o", str(tmp_path / "inferred.rdf")]) == 0
    for path in (save_graph(sample_dataset, tmp_path / "g.rdf", full=True),
                 tmp_path / "g.out", tmp_path / "inferred.rdf"):
        rdf = path.rename(path.with_suffix(".rdf"))
        assert len(_union(load_graph(rdf))) >= len(_union(sample_dataset))
        assert load_file(open_store(None), rdf) == len(load_graph(rdf))  # quads, index apart


def test_unknown_format_fails_and_leaves_the_old_file(sample_dataset: Dataset,
                                                      tmp_path: Path) -> None:
    target = tmp_path / "g.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(GraphError, match="valid formats"):
        write_export(sample_dataset, target, format="xlsx")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.csv"]


def test_export_does_not_change_the_graph(sample_dataset: Dataset) -> None:
    before = set(sample_dataset.quads((None, None, None, None)))
    for fmt in EXPORT_FORMATS:
        export(sample_dataset, format=fmt)
    assert set(sample_dataset.quads((None, None, None, None))) == before


# ---------------------------------------------------------------- the commands


def test_cli_export_to_stdout_and_file(sample_dataset: Dataset, tmp_path: Path,
                                       capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    graph = save_graph(sample_dataset, tmp_path / "g.trig")
    assert app(["export", str(graph), "--format", "csv"]) == 0
    assert capsysbinary.readouterr().out == export(sample_dataset, format="csv")
    assert app(["export", str(graph), "-o", "-", "--format", "nt"]) == 0
    assert capsysbinary.readouterr().out == export(sample_dataset, format="nt")
    out = tmp_path / "sub" / "net.cyjs"
    assert app(["export", str(graph), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["elements"]["nodes"]
    assert app(["export", str(graph), "-o", str(tmp_path / "t.ttl"), "--truthy"]) == 0
    assert isomorphic(_union(load_graph(tmp_path / "t.ttl")), truthy_graph(sample_dataset))
    assert app(["export", str(graph)]) == 2  # stdout needs --format


def test_cli_infer(sample_dataset: Dataset, tmp_path: Path,
                   capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    graph = save_graph(sample_dataset, tmp_path / "g.trig")
    out = tmp_path / "inferred.trig"
    assert app(["infer", str(graph), "-o", str(out)]) == 0
    assert b"inferred" in capsysbinary.readouterr().err
    expected = load_graph(graph)
    added = infer(expected)
    assert added > 0
    back = load_graph(out)
    assert _named(back).keys() == _named(expected).keys()
    assert all(isomorphic(_named(back)[k], _named(expected)[k]) for k in _named(back))
    assert app(["infer", str(graph)]) == 0  # to stdout, in the input's format
    printed = Dataset()
    printed.parse(data=capsysbinary.readouterr().out, format="trig")
    assert len(printed) == len(_union(expected))

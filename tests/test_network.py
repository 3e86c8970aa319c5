"""Tests of kgraph.views.network: the networkx projection contract and the GraphML export."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from conftest import ACTORS, SAMPLE_TRUTHY
from rdflib import Dataset

from kgraph.rdf.graph import load_graph, save_graph
from kgraph.rdf.namespace import actor_iri
from kgraph.views.network import to_networkx

NODE_KEYS = {"label", "type", "aliases", "wikidata", "iri"}
EDGE_KEYS = {"relation", "family", "symmetric", "count", "articles", "first", "last",
             "confidence", "modalities", "truthy", "evidence", "sentences"}
SENTENCE_KEYS = {"sentence", "article_id", "title", "url", "date", "modality", "confidence",
                 "rule", "reported_by"}


@pytest.fixture
def network(sample_dataset: Dataset) -> nx.MultiDiGraph:
    return to_networkx(sample_dataset)


def test_nodes_follow_the_contract(network: nx.MultiDiGraph) -> None:
    assert set(network.nodes) == set(ACTORS)
    for node, data in network.nodes(data=True):
        assert set(data) == NODE_KEYS, node
        actor = ACTORS[node]
        assert (data["label"], data["type"], data["wikidata"]) == (
            actor.label, actor.type, actor.wikidata)
        assert sorted(data["aliases"]) == sorted(actor.aliases)
        assert data["iri"] == str(actor_iri(node))


def test_edges_aggregate_non_negated_statements(network: nx.MultiDiGraph) -> None:
    assert set(network.edges(keys=True)) == {
        ("al-nusra-front", "isis", "allied-with"),  # symmetric: smaller id first
        ("al-nusra-front", "isis", "cooperates-with"),
        ("isis", "al-qaeda", "split-from"),
        ("hezbollah", "iran", "backed-by"),  # "Iran backs Hezbollah" included
        ("united-states", "iran", "sanctions"),
        ("united-states", "isis", "attacks"),
        ("abu-bakr-al-baghdadi", "isis", "leader-of"),
        ("turkey", "nato", "member-of"),
        ("isis", "northern-brigade", "fights"),
        ("isis", "united-states", "threatens"),
    }
    assert not network.has_edge("isis", "hezbollah")  # the negated alliance
    for s, o, key, data in network.edges(keys=True, data=True):
        assert set(data) == EDGE_KEYS, (s, o, key)
        assert data["relation"] == key != "backs"
        assert len(data["evidence"]) == len(data["sentences"]) == data["count"]
        assert all(set(sentence) == SENTENCE_KEYS for sentence in data["sentences"])
    truthy = {(k, s, o) for s, o, k, d in network.edges(keys=True, data=True) if d["truthy"]}
    canonical = {(r, *sorted((s, o))) if r in ("allied-with", "fights") else (r, s, o)
                 for r, s, o in SAMPLE_TRUTHY}
    assert truthy == canonical


def test_edge_attributes(network: nx.MultiDiGraph) -> None:
    alliance = network.edges["al-nusra-front", "isis", "allied-with"]
    assert (alliance["family"], alliance["symmetric"]) == ("alliance", True)
    assert (alliance["count"], alliance["articles"]) == (2, 2)
    assert (alliance["first"], alliance["last"]) == ("2014-06-01", "2016-01-20")
    assert alliance["confidence"] == 0.9 and alliance["modalities"] == ["actual"]
    first = alliance["sentences"][0]
    assert first == {
        "sentence": "ISIS and the Nusra Front have formed an alliance.",
        "article_id": "art-1",
        "title": "Militant alliances shift in Syria",
        "url": "https://news.example/art-1",
        "date": "2014-06-01",
        "modality": "actual",
        "confidence": 0.9,
        "rule": "test-rule",
        "reported_by": "",
    }
    assert all(e.startswith("https://kgraph.dev/id/statement/") for e in alliance["evidence"])
    backing = network.edges["hezbollah", "iran", "backed-by"]
    assert (backing["count"], backing["articles"], backing["family"]) == (2, 1, "support")
    hedged = network.edges["al-nusra-front", "isis", "cooperates-with"]
    assert (hedged["truthy"], hedged["modalities"]) == (False, ["hedged"])
    split = network.edges["isis", "al-qaeda", "split-from"]
    assert (split["first"], split["last"], split["symmetric"]) == ("2014", "2014", False)


def test_the_input_is_not_changed(sample_dataset: Dataset) -> None:
    before = set(sample_dataset.quads())
    to_networkx(sample_dataset)
    assert set(sample_dataset.quads()) == before


def test_a_truthy_graph_alone_still_gives_edges(sample_dataset: Dataset, tmp_path: Path) -> None:
    G = to_networkx(load_graph(save_graph(sample_dataset, tmp_path / "graph.ttl")))
    assert set(G.nodes) == set(ACTORS)
    assert G.number_of_edges() == len(SAMPLE_TRUTHY)
    for _s, _o, data in G.edges(data=True):
        assert data["truthy"] and data["count"] == 0 and data["sentences"] == []


def test_same_network_from_a_saved_dataset(sample_dataset: Dataset, tmp_path: Path) -> None:
    loaded = to_networkx(load_graph(save_graph(sample_dataset, tmp_path / "graph.trig")))
    original = to_networkx(sample_dataset)
    assert dict(loaded.nodes(data=True)) == dict(original.nodes(data=True))
    assert list(loaded.edges(keys=True, data=True)) == list(original.edges(keys=True, data=True))


def test_the_source_a_sentence_names_reaches_the_network_and_the_viewer() -> None:
    from kgraph.model import Article, Assertion, Evidence
    from kgraph.rdf.graph import build_graph
    from kgraph.views.render import render_html

    text = "Iran backs Hezbollah, Reuters reported."
    ev = Evidence("a1", text, 0, len(text), "test-rule", reported_by="Reuters")
    G = to_networkx(build_graph([(Article("a1", text), [
        Assertion(ACTORS["iran"], "backs", ACTORS["hezbollah"], ev, confidence=0.7)])]))
    (sentence,) = G.edges["hezbollah", "iran", "backed-by"]["sentences"]
    assert sentence["reported_by"] == "Reuters"
    assert '"reported_by":"Reuters"' in render_html(G)  # the viewer's data

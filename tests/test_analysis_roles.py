"""Roles and paths (kgraph.analysis.roles) on hand-built projections with known answers, and on
the graph of the sample articles."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Dataset

from kgraph.analysis.blocs import blocs
from kgraph.analysis.roles import backers, brokers, paths
from kgraph.analysis.signed import projection_from_claims
from kgraph.errors import AnalysisError


@pytest.fixture
def patrons() -> nx.MultiDiGraph:
    """Russia backs Iran and Syria; Iran backs Syria, Hezbollah and the Houthis."""
    return projection_from_claims([
        ("russia", "backs", "iran", "2015", 0.7, "a1", "Russia backs Iran."),
        ("russia", "backs", "syria", "2015", 0.8, "a1", "Russia backs Syria."),
        ("iran", "backs", "syria", "2014", 0.6, "a2", "Iran backs Syria."),
        ("iran", "backs", "hezbollah", "2013", 0.9, "a3", "Iran arms Hezbollah."),
        ("iran", "backs", "hezbollah", "2016", 0.6, "a4", "Iran funds Hezbollah."),
        ("iran", "backs", "houthis", "2015", 0.8, "a5", "Iran arms the Houthis."),
        ("hezbollah", "allied-with", "syria", "2013", 0.8, "a6", "Hezbollah fights for Assad."),
        ("saudi-arabia", "attacks", "houthis", "2015", 0.9, "a7", "Saudi jets struck."),
        ("iran", "backs", "houthis", "2015", 0.3, "a8", "Iran may arm the Houthis."),
    ])


def test_depth_one_against_depth_two(patrons: nx.MultiDiGraph) -> None:
    near = backers(patrons, "hezbollah", depth=1)
    assert [(h.level, h.patron, h.client) for h in near.hops] == [(1, "iran", "hezbollah")]
    far = backers(patrons, "hezbollah", depth=2)
    assert [(h.level, h.patron, h.client) for h in far.hops] == [
        (1, "iran", "hezbollah"), (2, "russia", "iran")]
    hop = far.hops[0]
    assert hop.relation == "backed-by" and len(hop.evidence) == 2
    assert hop.statement.sentence == "Iran arms Hezbollah."  # the most confident of the two


def test_an_actor_reached_twice_is_expanded_once(patrons: nx.MultiDiGraph) -> None:
    chains = backers(patrons, "syria", depth=3)
    assert [(h.level, h.patron, h.client) for h in chains.hops] == [
        (1, "iran", "syria"), (1, "russia", "syria"), (2, "russia", "iran")]


def test_clients_follow_the_ties_the_other_way(patrons: nx.MultiDiGraph) -> None:
    chains = backers(patrons, "Russia", clients=True)
    assert chains.clients and chains.actor == "russia"
    assert [(h.level, h.patron, h.client) for h in chains.hops] == [
        (1, "russia", "iran"), (1, "russia", "syria"), (2, "iran", "hezbollah"),
        (2, "iran", "houthis"), (2, "iran", "syria")]
    rows = chains.table().rows
    assert rows[0]["sentence"] == "Russia backs Iran." and rows[0]["level"] == 1


def test_filters_and_windows_apply_to_backers(patrons: nx.MultiDiGraph) -> None:
    chains = backers(patrons, "houthis", min_confidence=0.9)
    assert chains.hops == ()
    assert [h.patron for h in backers(patrons, "hezbollah", since="2016").hops] == ["iran"]
    assert backers(patrons, "hezbollah", since="2016").hops[0].evidence == ("urn:claim:5",)


def test_an_actor_without_backers_or_alone() -> None:
    P = nx.MultiDiGraph(times={})
    P.add_node("iran", label="Iran")
    assert backers(P, "iran").hops == ()
    assert len(paths(projection_from_claims([("a", "fights", "b")]), "a", "b")) == 1


def test_unknown_actors_and_bad_options_are_clear_errors(patrons: nx.MultiDiGraph) -> None:
    with pytest.raises(AnalysisError, match=r"no actor matches 'hezbolah' \(did you mean "
                                            r"hezbollah"):
        backers(patrons, "hezbolah")
    with pytest.raises(AnalysisError, match="depth"):
        backers(patrons, "iran", depth=0)
    with pytest.raises(AnalysisError, match="the same actor"):
        paths(patrons, "iran", "Iran")
    with pytest.raises(AnalysisError, match="max_len"):
        paths(patrons, "iran", "syria", max_len=0)


def test_no_path(patrons: nx.MultiDiGraph) -> None:
    P = projection_from_claims([("a", "fights", "b"), ("c", "fights", "d")])
    assert len(paths(P, "a", "d")) == 0
    # too far: saudi-arabia - houthis - iran - hezbollah is three hops
    assert len(paths(patrons, "saudi-arabia", "hezbollah", max_len=2)) == 0
    assert paths(patrons, "saudi-arabia", "hezbollah").table().rows


def test_several_paths_ranked_by_length_then_weight(patrons: nx.MultiDiGraph) -> None:
    found = paths(patrons, "hezbollah", "syria", max_len=3)
    assert [p.actors for p in found] == [
        ("hezbollah", "syria"),
        ("hezbollah", "iran", "syria"),  # weakest hop 0.6 (Iran-Syria) ...
        ("hezbollah", "iran", "russia", "syria"),  # ... 0.7 (Russia-Iran)
    ]
    assert [len(p) for p in found] == [1, 2, 3]
    assert found[1].weight == 0.6 and found[2].weight == 0.7
    first = found[1].links[0]
    assert (first.source, first.direction, first.relation, first.target) == (
        "hezbollah", "->", "backed-by", "iran")
    assert first.weight == 1.5 and first.statement.sentence == "Iran arms Hezbollah."
    assert found[0].links[0].direction == "--"
    assert len(paths(patrons, "hezbollah", "syria", top=2)) == 2
    table = found.table()
    assert [(r["path"], r["step"]) for r in table.rows] == [(1, 1), (2, 1), (2, 2), (3, 1),
                                                            (3, 2), (3, 3)]


def test_paths_of_equal_length_are_ranked_by_their_weakest_hop() -> None:
    P = projection_from_claims([("a", "allied-with", "x", "", 0.9),
                                ("x", "allied-with", "b", "", 0.9),
                                ("a", "allied-with", "y", "", 0.6),
                                ("y", "allied-with", "b", "", 1.0)])
    assert [p.actors for p in paths(P, "a", "b")] == [("a", "x", "b"), ("a", "y", "b")]


def test_the_input_is_not_changed(patrons: nx.MultiDiGraph) -> None:
    before = nx.to_dict_of_dicts(patrons)
    backers(patrons, "syria", depth=3, clients=True)
    paths(patrons, "hezbollah", "syria")
    assert nx.to_dict_of_dicts(patrons) == before


@pytest.mark.slow
def test_who_backs_whom_in_yemen(articles_network: nx.MultiDiGraph) -> None:
    [hop] = backers(articles_network, "Houthis").hops
    assert (hop.patron, hop.client, hop.relation) == ("iran", "houthis", "backed-by")
    assert len(hop.evidence) >= 3 and "Houthi" in hop.statement.sentence
    clients = {h.client for h in backers(articles_network, "Iran", clients=True, depth=1).hops}
    assert {"houthis", "hezbollah", "hamas"} <= clients
    found = paths(articles_network, "Saudi Arabia", "Iran")
    assert found[0].actors == ("saudi-arabia", "iran")
    assert ("saudi-arabia", "houthis", "iran") in {p.actors for p in found}


def test_brokers_bridge_two_camps() -> None:
    P = projection_from_claims([
        ("a1", "allied-with", "a2"), ("a1", "allied-with", "a3"), ("a2", "allied-with", "a3"),
        ("b1", "allied-with", "b2"), ("a1", "fights", "b1"), ("a2", "fights", "b2"),
        ("a3", "fights", "b1"), ("n", "allied-with", "a1"), ("n", "allied-with", "b2")])
    camps = blocs(P)
    camp_a, camp_b = camps.bloc_of("a1"), camps.bloc_of("b2")
    assert camp_a and camp_b and camps.bloc_of("n") is None
    found = brokers(P)
    assert [b.actor for b in found] == ["n", "a1", "b2"]
    n = found[0]
    assert n.bloc == "" and n.blocs == tuple(sorted((camp_a.name, camp_b.name)))
    assert n.neighbours == ("a1", "b2") and len(n.evidence) == 2
    assert found[1].blocs == (camp_a.name,)
    assert len(brokers(P, top=1)) == 1
    # estimated from 3 of the 6 actors: the same answer on every run
    assert brokers(P, sources=3) == brokers(P, sources=3)
    assert brokers(P, sources=6) == found
    row = found.table().rows[0]
    assert (row["actor"], row["bridges"]) == ("n", 2)


def test_no_brokers_without_a_path_through_anyone() -> None:
    assert len(brokers(projection_from_claims([("a", "allied-with", "b"),
                                               ("c", "fights", "d")]))) == 0
    with pytest.raises(AnalysisError, match="top"):
        brokers(projection_from_claims([("a", "allied-with", "b")]), top=0)


@pytest.mark.slow
def test_the_sample_brokers(articles_network: nx.MultiDiGraph) -> None:
    found = brokers(articles_network)
    iran = next(b for b in found if b.actor == "iran")
    assert {"houthis", "hezbollah", "russia"} <= set(iran.neighbours)
    assert iran.betweenness == max(b.betweenness for b in found)
    assert iran.bloc in iran.blocs and iran.evidence


def test_an_rdflib_graph_is_read_through_its_projection(sample_dataset: Dataset) -> None:
    [hop] = backers(sample_dataset, "Hezbollah").hops
    assert (hop.patron, hop.relation, hop.client) == ("iran", "backed-by", "hezbollah")
    assert len(hop.evidence) == 2  # "armed and funded by Iran", "Iran backs Hezbollah"
    assert hop.statement.sentence == "Hezbollah is armed and funded by Iran."
    assert hop.statement.title == "Tehran deepens its support"
    found = paths(sample_dataset, "Hezbollah", "United States")
    assert found[0].actors == ("hezbollah", "iran", "united-states")
    assert [x.direction for x in found[0].links] == ["->", "<-"]

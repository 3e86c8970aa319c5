"""The viewer's analysis (kgraph.analysis.annotate): blocs and pair timelines on hand-built
projections with known answers, and the pages kgraph.show and kgraph.write_html draw with them."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import networkx as nx
import pytest
from test_render import data_of

import kgraph
from kgraph.analysis.annotate import annotate
from kgraph.analysis.signed import projection_from_claims
from kgraph.errors import AnalysisError
from kgraph.rdf.graph import new_dataset


def camps() -> nx.MultiDiGraph:
    """Two camps in Yemen, a go-between allied with both, a mediator with no signed tie, and
    ISIS and al-Nusra fighting in February and July 2014, then in truce from November."""
    return projection_from_claims([
        ("iran", "backs", "houthis", "2015-03-26", 0.9, "y1", "Iran backs the Houthis."),
        ("saudi-arabia", "fights", "houthis", "2015-04", 0.9, "y2", "Saudi jets hit Sanaa."),
        ("saudi-arabia", "allied-with", "uae", "2015-05", 0.8, "y3", "The UAE joins."),
        ("oman", "allied-with", "iran", "2015-06", 0.8, "y4", "Oman and Iran agree."),
        ("oman", "allied-with", "saudi-arabia", "2015-06", 0.8, "y4", "Oman and Riyadh agree."),
        ("un", "negotiates-with", "houthis", "2016-01", 0.9, "y5", "Talks in Geneva."),
        ("isis", "fights", "nusra", "2014-02-03", 0.9, "s1", "ISIS fought al-Nusra."),
        ("isis", "fights", "nusra", "2014-07-15", 0.8, "s2", "They fought again."),
        ("isis", "truce-with", "nusra", "2014-11-13", 0.7, "s3", "They agreed a truce."),
    ])


def test_blocs_of_the_whole_graph() -> None:
    A = annotate(camps())
    assert [(b["name"], b["members"]) for b in A.graph["blocs"]] == [
        ("houthis", ["houthis", "iran"]),
        ("saudi-arabia", ["saudi-arabia", "uae"]),
        ("isis", ["isis"]),
        ("nusra", ["nusra"]),
    ]
    in_blocs = {m for b in A.graph["blocs"] for m in b["members"]}
    assert "oman" not in in_blocs  # unaligned: allied alike with both camps
    assert "un" not in in_blocs  # no signed tie


def test_pairs_with_more_than_one_state_get_a_timeline() -> None:
    A = annotate(camps())
    assert list(A.graph["pair_timelines"]) == ["isis|nusra"]  # every other pair has one state
    timeline = A.graph["pair_timelines"]["isis|nusra"]
    assert timeline["summary"] == "fights until 2014-07, truce-with from 2014-11"
    assert timeline["periods"] == [
        {"period": "2014-02", "state": "fights", "statements": 1, "first": "2014-02-03",
         "last": "2014-02-03", "sign": -1},
        {"period": "2014-07", "state": "fights", "statements": 1, "first": "2014-07-15",
         "last": "2014-07-15", "sign": -1},
        {"period": "2014-11", "state": "truce-with", "statements": 1, "first": "2014-11-13",
         "last": "2014-11-13", "sign": 0},
    ]


def test_the_options_reach_the_analysis() -> None:
    P = camps()
    by_year = annotate(P, period="year").graph["pair_timelines"]["isis|nusra"]
    assert [p["period"] for p in by_year["periods"]] == ["2014"]
    assert by_year["periods"][0]["statements"] == 2  # fights, twice; the truce once
    # above the truce's confidence, the pair is left with one state: no timeline
    assert annotate(P, min_confidence=0.75).graph["pair_timelines"] == {}
    for graph in (P, nx.MultiDiGraph()):
        with pytest.raises(AnalysisError, match="period must be one of"):
            annotate(graph, period="week")


def test_a_relation_read_both_ways_is_two_states() -> None:
    P = projection_from_claims([("a", "attacks", "b", "2014-01", 0.9, "x1"),
                                ("b", "attacks", "a", "2014-03", 0.9, "x2")])
    timeline = annotate(P).graph["pair_timelines"]["a|b"]
    assert [p["state"] for p in timeline["periods"]] == ["attacks", "attacks"]
    assert timeline["summary"] == "attacks from 2014-01 to 2014-03"


def test_annotate_copies_and_changes_nothing() -> None:
    P = camps()
    before = copy.deepcopy(P)
    A = annotate(P)
    assert A is not P
    assert nx.utils.graphs_equal(P, before) and P.graph == before.graph
    assert sorted(A.edges(keys=True)) == sorted(P.edges(keys=True))
    assert A.graph["times"] == P.graph["times"]
    json.dumps({k: A.graph[k] for k in ("blocs", "pair_timelines")})  # plain data


def test_empty_and_single_actor_graphs() -> None:
    for P in (nx.MultiDiGraph(), projection_from_claims([("un", "negotiates-with", "houthis")])):
        A = annotate(P)
        assert A.graph["blocs"] == [] and A.graph["pair_timelines"] == {}
    assert annotate(new_dataset()).graph["blocs"] == []


def test_the_api_draws_blocs_and_timelines(tmp_path: Path) -> None:
    P = camps()
    data = data_of(str(kgraph.show(P)))
    assert [(b["name"], b["size"]) for b in data["blocs"]][:2] == [("houthis", 2),
                                                                    ("saudi-arabia", 2)]
    assert [t["summary"] for t in data["timelines"]] == [
        "fights until 2014-07, truce-with from 2014-11"]
    page = kgraph.write_html(P, tmp_path / "g.html").read_text("utf-8")
    assert data_of(page)["blocs"] == data["blocs"]
    assert "blocs" not in P.graph


def test_an_annotated_network_is_drawn_as_it_is() -> None:
    """Blocs of the whole graph survive a subgraph, and are not computed again from it."""
    A = annotate(camps())
    part = kgraph.subgraph(A, actors=["iran"])
    data = data_of(str(kgraph.show(part)))
    assert sorted(n["id"] for n in data["nodes"]) == ["houthis", "iran", "oman"]
    assert [(b["name"], b["size"]) for b in data["blocs"]] == [("houthis", 2)]


def test_show_rejects_other_objects() -> None:
    with pytest.raises(TypeError, match="show needs an rdflib Graph"):
        kgraph.show({"not": "a graph"})  # type: ignore[arg-type]

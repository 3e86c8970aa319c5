"""Tests of kgraph/analysis/signed.py: the signed view of the actor network in a window."""

from __future__ import annotations

import copy

import networkx as nx
import pytest
from rdflib import Dataset

from kgraph.analysis.signed import (
    SIGNS,
    in_window,
    net_sign,
    projection,
    projection_from_claims,
    signed_graph,
    statement_dates,
    tie,
)
from kgraph.errors import AnalysisError
from kgraph.know.relations import FAMILIES, load_relations
from kgraph.views.network import to_networkx


def _edges(S: nx.MultiGraph) -> dict[tuple[str, str, str], dict[str, object]]:
    return {(a, b, k): d for a, b, k, d in S.edges(keys=True, data=True)}


def test_every_family_of_the_vocabulary_has_a_known_sign_or_none() -> None:
    assert set(SIGNS) < set(FAMILIES)
    unsigned = {r.family for r in load_relations().values()} - set(SIGNS)
    assert unsigned == {"diplomacy", "split", "leadership"}


def test_signs_follow_the_families_and_unsigned_relations_are_left_out() -> None:
    S = signed_graph(projection_from_claims([
        ("a", "allied-with", "b"), ("c", "backs", "a"), ("d", "member-of", "a"),
        ("a", "fights", "e"), ("a", "sanctions", "f"),
        ("a", "truce-with", "g"), ("h", "split-from", "a"), ("i", "leader-of", "a"),
        ("a", "attacks", "a"),
    ]))
    assert {(a, b): d["sign"] for (a, b, _k), d in _edges(S).items()} == {
        ("a", "b"): 1, ("a", "c"): 1, ("a", "d"): 1, ("a", "e"): -1, ("a", "f"): -1}
    assert sorted(S.nodes) == ["a", "b", "c", "d", "e", "f"]
    assert S.nodes["a"] == {"label": "a", "type": ""}


def test_weight_counts_each_article_once_with_its_best_confidence() -> None:
    P = projection_from_claims([
        ("a", "allied-with", "b", "2014", 0.6, "x1"),
        ("a", "cooperates-with", "b", "2014", 0.9, "x1"),  # same article: its best counts
        ("b", "allied-with", "a", "2015", 0.7, "x2"),
        ("a", "allied-with", "b", "2016", 0.5),  # no article: a statement of its own
        ("a", "allied-with", "b", "2016", 0.5),
    ])
    edge = signed_graph(P).edges["a", "b", "+"]
    assert edge["weight"] == pytest.approx(0.9 + 0.7 + 0.5 + 0.5)
    assert edge["articles"] == 4
    assert edge["relations"] == ("allied-with", "cooperates-with")
    assert (edge["first"], edge["last"], edge["mixed"]) == ("2014", "2016", False)
    assert len(edge["evidence"]) == 5


def test_evidence_is_oldest_first_with_undated_statements_last() -> None:
    P = projection_from_claims([
        ("a", "fights", "b", "2016", 0.8, "x1"),
        ("a", "fights", "b", "", 0.8, "x2"),
        ("a", "fights", "b", "2014-03", 0.8, "x3"),
    ])
    assert signed_graph(P).edges["a", "b", "-"]["evidence"] == (
        "urn:claim:3", "urn:claim:1", "urn:claim:2")


def test_a_pair_with_both_signs_keeps_both_edges_and_says_so() -> None:
    P = projection_from_claims([
        ("a", "fights", "b", "2014-07", 0.8, "x1"),
        ("a", "allied-with", "b", "2014-11", 0.8, "x2"),
        ("a", "allied-with", "b", "2014-12", 0.7, "x3"),
    ])
    S = signed_graph(P)
    assert S.number_of_edges("a", "b") == 2
    assert S.edges["a", "b", "+"]["mixed"] and S.edges["a", "b", "-"]["mixed"]
    assert net_sign(S, "a", "b") == 1
    only_summer = signed_graph(P, until="2014-08")
    assert list(only_summer.edges(keys=True)) == [("a", "b", "-")]
    assert not only_summer.edges["a", "b", "-"]["mixed"]
    assert net_sign(only_summer, "b", "a") == -1


def test_equal_weights_of_both_signs_give_no_net_sign() -> None:
    S = signed_graph(projection_from_claims([("a", "fights", "b", "", 0.7, "x1"),
                                             ("a", "allied-with", "b", "", 0.7, "x2")]))
    assert net_sign(S, "a", "b") == 0
    assert net_sign(S, "a", "nobody") == 0


@pytest.mark.parametrize(("date", "since", "until", "expected"), [
    ("2014", "2014-06", None, True),
    ("2014", None, "2013-12-31", False),
    ("2014-06", "2014-06-30", "2014-07", True),
    ("2014-06-29", "2014-06-30", None, False),
    ("2014-07-01", None, "2014-06", False),
    ("2014-12-31", "2014", "2014", True),
    ("2015-01-01T00:00:00", "2014", "2014", False),
    ("2015-01-01T00:00:00", "2015", None, True),
    ("", None, None, True),
    ("", "2014", None, False),
    ("", None, "2014", False),
])
def test_in_window(date: str, since: str | None, until: str | None, expected: bool) -> None:
    assert in_window(date, since, until) is expected


@pytest.mark.parametrize("bad", ["14", "2014-7", "July 2014", "2014-07-03T10:00", "2014/07"])
def test_a_malformed_window_is_refused(bad: str) -> None:
    with pytest.raises(AnalysisError, match="must be YYYY, YYYY-MM or YYYY-MM-DD"):
        in_window("2014", since=bad)
    with pytest.raises(AnalysisError, match="until"):
        signed_graph(projection_from_claims([]), until=bad)


def test_undated_statements_count_only_without_a_window() -> None:
    P = projection_from_claims([("a", "fights", "b"), ("b", "fights", "c", "2014")])
    assert sorted(signed_graph(P).nodes) == ["a", "b", "c"]
    assert sorted(signed_graph(P, since="2000").nodes) == ["b", "c"]
    assert signed_graph(P, since="2015").number_of_nodes() == 0


def test_claim_time_comes_before_the_article_date() -> None:
    P = projection_from_claims([("a", "fights", "b", "2016-04-25", 0.8, "x1")])
    iri = P.edges["a", "b", "fights"]["evidence"][0]
    P.graph["times"][iri] = "2015-03"
    assert statement_dates(P) == {iri: "2015-03"}
    assert signed_graph(P, until="2015").edges["a", "b", "-"]["first"] == "2015-03"
    assert signed_graph(P, since="2016").number_of_nodes() == 0


def test_min_confidence_and_modalities_filter_statements() -> None:
    P = projection_from_claims([
        ("a", "fights", "b", "", 0.49, "x1"),
        ("a", "fights", "c", "", 0.5, "x2"),
        ("a", "allied-with", "d", "", 0.9, "x3", "A plans to ally with D.", "intended"),
        ("a", "allied-with", "e", "", 0.9, "x4", "A and E were allied.", "past"),
    ])
    assert sorted(signed_graph(P).nodes) == ["a", "c"]
    assert sorted(signed_graph(P, min_confidence=0.0).nodes) == ["a", "b", "c"]
    assert sorted(signed_graph(P, include=("actual", "past")).nodes) == ["a", "c", "e"]
    assert sorted(signed_graph(P, include=("intended",)).nodes) == ["a", "d"]


def test_empty_graphs() -> None:
    assert signed_graph(projection_from_claims([])).number_of_nodes() == 0
    assert signed_graph(Dataset()).number_of_nodes() == 0


def test_an_rdflib_graph_and_its_projection_give_the_same_signed_graph(
        sample_dataset: Dataset) -> None:
    P = to_networkx(sample_dataset)
    before = copy.deepcopy(P)
    from_rdf, from_projection = signed_graph(sample_dataset), signed_graph(P)
    assert _edges(from_rdf) == _edges(from_projection)
    assert nx.utils.graphs_equal(P, before) and P.graph == before.graph
    assert projection(P) is P
    # the sample: the United States attack ISIS, Hezbollah is backed by Iran, Turkey in NATO
    assert net_sign(from_rdf, "united-states", "isis") == -1
    assert net_sign(from_rdf, "iran", "hezbollah") == 1
    assert net_sign(from_rdf, "turkey", "nato") == 1
    # a negated claim is no edge of the projection; a hedged one is not actual
    assert not from_rdf.has_edge("isis", "hezbollah")
    assert sorted(from_rdf.edges["al-nusra-front", "isis", "+"]["relations"]) == ["allied-with"]
    assert signed_graph(sample_dataset, include=("actual", "hedged")).edges[
        "al-nusra-front", "isis", "+"]["relations"] == ("allied-with", "cooperates-with")
    assert from_rdf.nodes["isis"] == {"label": "ISIS", "type": "ArmedGroup"}


def test_tie_reads_one_edge() -> None:
    S = signed_graph(projection_from_claims([("b", "fights", "a", "2014", 0.8, "x1"),
                                             ("a", "allied-with", "b", "2015", 0.6, "x2")]))
    t = tie(S, "b", "a", "-")
    assert (t.a, t.b, t.sign, t.weight, t.relations, t.evidence, t.articles, t.first, t.last,
            t.mixed) == ("a", "b", -1, 0.8, ("fights",), ("urn:claim:1",), 1, "2014", "2014",
                         True)
    with pytest.raises(KeyError):
        tie(S, "a", "c", "+")


def test_projection_from_claims_checks_its_rows() -> None:
    with pytest.raises(AnalysisError, match="claim 2: unknown relation 'befriends'"):
        projection_from_claims([("a", "fights", "b"), ("a", "befriends", "b")])
    with pytest.raises(AnalysisError, match="claim 1: 2 cells"):
        projection_from_claims([("a", "fights")])
    P = projection_from_claims([("b", "fights", "a"), ("a", "backs", "b")])
    assert sorted(P.edges(keys=True)) == [("a", "b", "fights"), ("b", "a", "backed-by")]

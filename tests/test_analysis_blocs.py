"""Tests of kgraph/analysis/blocs.py: camps of hand-built signed networks with known answers."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from itertools import combinations
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset

from kgraph.analysis.blocs import ALPHA, BlocPartition, blocs
from kgraph.analysis.signed import projection_from_claims
from kgraph.errors import AnalysisError

Claim = tuple[Any, ...]


def camp(*members: str, relation: str = "allied-with") -> list[Claim]:
    """Every pair of the members allied (or another relation)."""
    return [(a, relation, b) for a, b in combinations(members, 2)]


def war(left: Sequence[str], right: Sequence[str]) -> list[Claim]:
    """Every member of one side fights every member of the other."""
    return [(a, "fights", b) for a in left for b in right]


def members(parts: BlocPartition) -> list[set[str]]:
    return [set(b.members) for b in parts.blocs]


A, B, C = ("a1", "a2", "a3"), ("b1", "b2", "b3"), ("c1", "c2", "c3")


def test_two_camps() -> None:
    parts = blocs(projection_from_claims([*camp(*A), *camp(*B), *war(A, B)]))
    assert members(parts) == [set(A), set(B)]
    assert (parts.unaligned, parts.frustrated, parts.error, parts.alpha) == ((), (), 0.0, ALPHA)
    first = parts.blocs[0]
    assert [(t.a, t.b, t.sign) for t in first.ties] == [("a1", "a2", 1), ("a1", "a3", 1),
                                                       ("a2", "a3", 1)]
    assert all(len(t.evidence) == 1 for t in first.ties)


def test_three_camps() -> None:
    claims = [*camp(*A), *camp(*B), *camp(*C), *war(A, B), *war(B, C), *war(A, C)]
    parts = blocs(projection_from_claims(claims))
    assert sorted(map(sorted, members(parts))) == [list(A), list(B), list(C)]
    assert parts.error == 0.0 and not parts.frustrated


def test_blocs_fight_the_smallest_number_of_camps_needed() -> None:
    # two camps whose members share an enemy but have no tie to each other are no camp
    claims = [*camp(*A), *war(A, ["x"]), *war(["x"], B), *camp(*B)]
    parts = blocs(projection_from_claims(claims))
    assert members(parts) == [set(A), set(B), {"x"}]
    assert parts.error == 0.0


def test_the_bloc_is_named_after_its_member_with_the_most_weight_inside() -> None:
    P = projection_from_claims([("a1", "allied-with", "a2", "", 0.6),
                                ("a3", "allied-with", "a2", "", 0.9),
                                ("a1", "allied-with", "a3", "", 0.5)])
    P.nodes["a2"]["label"] = "Second"
    parts = blocs(P)  # inside: a2 0.6 + 0.9, a3 0.9 + 0.5, a1 0.6 + 0.5
    assert [(b.name, b.members) for b in parts.blocs] == [("Second", ("a2", "a3", "a1"))]
    assert [round(t.weight, 2) for t in parts.blocs[0].ties] == [0.9, 0.6, 0.5]


def test_a_neutral_actor_allied_alike_with_both_camps_is_unaligned() -> None:
    claims = [*camp(*A), *camp(*B), *war(A, B), ("n", "allied-with", "a1"),
              ("n", "cooperates-with", "b1")]
    parts = blocs(projection_from_claims(claims))
    assert members(parts) == [set(A), set(B)]
    assert parts.unaligned == ("n",)
    assert parts.bloc_of("n") is None and parts.bloc_of("a2") is parts.blocs[0]
    assert parts.error == 0.0  # the ties of an unaligned actor count neither way


def test_an_actor_with_no_net_tie_to_any_bloc_is_unaligned() -> None:
    claims = [*camp(*A), *camp(*B), *war(A, B), ("n", "allied-with", "a1"),
              ("n", "fights", "a2")]
    parts = blocs(projection_from_claims(claims))
    assert parts.unaligned == ("n",)
    assert members(parts) == [set(A), set(B)]


def test_an_actor_leaning_to_one_camp_joins_it() -> None:
    claims = [*camp(*A), *camp(*B), *war(A, B), ("n", "allied-with", "a1"),
              ("n", "allied-with", "a2"), ("n", "allied-with", "b1")]
    parts = blocs(projection_from_claims(claims))
    assert members(parts) == [{*A, "n"}, set(B)]
    assert [(t.a, t.b, t.sign) for t in parts.frustrated] == [("b1", "n", 1)]
    assert parts.error == pytest.approx((1 - ALPHA) * 1.0)


def test_a_traitor_edge_is_frustrated_and_the_partition_stays() -> None:
    claims = [*camp(*A), *camp(*B), *war(A, B), ("a1", "backs", "b2", "2014", 0.8, "art-9")]
    parts = blocs(projection_from_claims(claims))
    assert members(parts) == [set(A), set(B)]
    [traitor] = parts.frustrated
    assert (traitor.a, traitor.b, traitor.sign, traitor.relations, traitor.mixed) == (
        "a1", "b2", 1, ("backed-by",), True)
    assert traitor.evidence and traitor.first == "2014"
    assert parts.error == pytest.approx((1 - ALPHA) * 0.8)


def test_max_blocs_caps_the_relocation() -> None:
    bridged = [*camp(*A), *camp(*B), *(c for c in war(A, B) if c[::2] != ("a1", "b1")),
               ("a1", "allied-with", "b1")]
    parts = blocs(projection_from_claims(bridged))
    assert members(parts) == [set(A), set(B)]
    assert [(t.a, t.b) for t in parts.frustrated] == [("a1", "b1")]
    capped = blocs(projection_from_claims(bridged), max_blocs=1)
    assert members(capped) == [{*A, *B}]  # the alliance holds the one bloc together
    assert len(capped.frustrated) == 8 and capped.error == pytest.approx(ALPHA * 8)


def test_a_quarrel_inside_a_camp_is_frustrated() -> None:
    claims = [*camp(*A), *camp(*B), *war(A, B), ("a1", "criticizes", "a2", "", 0.6)]
    parts = blocs(projection_from_claims(claims))
    assert members(parts) == [set(A), set(B)]
    assert [(t.a, t.b, t.sign, t.weight, t.mixed) for t in parts.frustrated] == [
        ("a1", "a2", -1, 0.6, True)]
    assert parts.error == pytest.approx(ALPHA * 0.6)


def test_equal_weights_give_the_same_answer_every_time_and_for_every_seed() -> None:
    claims = [*camp(*A), *camp(*B), *camp(*C), *war(A, B), *war(B, C), *war(A, C),
              ("n", "allied-with", "a1"), ("n", "allied-with", "b1"), ("n", "allied-with", "c1")]
    P = projection_from_claims(claims)
    first = blocs(P)
    assert blocs(P) == first
    for seed in (1, 2, 3):
        assert members(blocs(P, seed=seed)) == members(first)
    assert first.unaligned == ("n",)


def test_empty_graph_and_a_single_actor() -> None:
    for P in (projection_from_claims([]), projection_from_claims([("a", "truce-with", "b")]),
              projection_from_claims([("a", "attacks", "a")])):
        parts = blocs(P)
        assert (parts.blocs, parts.unaligned, parts.frustrated, parts.error) == ((), (), (), 0.0)
        assert parts.table().rows == []
    assert blocs(Dataset()).blocs == ()


def test_a_pair() -> None:
    allies = blocs(projection_from_claims([("a", "allied-with", "b")]))
    assert [b.members for b in allies.blocs] == [("a", "b")]
    enemies = blocs(projection_from_claims([("a", "fights", "b")]))
    assert [b.members for b in enemies.blocs] == [("a",), ("b",)]
    assert enemies.blocs[0].ties == ()


def test_a_pair_with_both_signs() -> None:
    even = blocs(projection_from_claims([("a", "allied-with", "b", "", 0.7, "x1"),
                                         ("a", "fights", "b", "", 0.7, "x2")]))
    assert (even.blocs, even.unaligned) == ((), ("a", "b"))
    friendly = blocs(projection_from_claims([("a", "allied-with", "b", "", 0.9, "x1"),
                                             ("a", "fights", "b", "", 0.7, "x2")]))
    assert [b.members for b in friendly.blocs] == [("a", "b")]
    assert [(t.sign, t.mixed) for t in friendly.frustrated] == [(-1, True)]
    assert friendly.error == pytest.approx(ALPHA * 0.7)


def test_undated_claims_count_only_without_a_window() -> None:
    claims = [*camp(*A), ("a1", "fights", "b1", "2014-07"), ("b1", "allied-with", "b2", "2014")]
    P = projection_from_claims(claims)
    assert members(blocs(P)) == [set(A), {"b1", "b2"}]
    assert members(blocs(P, since="2014-06", until="2014-08")) == [{"b1", "b2"}, {"a1"}]
    assert blocs(P, since="2015").blocs == ()
    with pytest.raises(AnalysisError, match="since"):
        blocs(P, since="last year")


def test_min_confidence_and_modalities_decide_which_ties_count() -> None:
    claims = [*camp(*A), *camp(*B), *war(A, B),
              ("a1", "allied-with", "b1", "", 0.9, "x1", "A1 and B1 will ally.", "intended"),
              ("a1", "allied-with", "b2", "", 0.3, "x2")]
    P = projection_from_claims(claims)
    assert not blocs(P).frustrated
    low = blocs(P, min_confidence=0.2)
    assert [(t.a, t.b, t.sign) for t in low.frustrated] == [("a1", "b2", 1)]
    intended = blocs(P, include=("actual", "intended"))
    assert [(t.a, t.b, t.sign) for t in intended.frustrated] == [("a1", "b1", 1)]


def test_the_input_is_not_changed_and_max_blocs_is_checked() -> None:
    P = projection_from_claims([*camp(*A), *camp(*B), *war(A, B)])
    before = copy.deepcopy(P)
    blocs(P)
    assert nx.utils.graphs_equal(P, before) and P.graph == before.graph
    with pytest.raises(AnalysisError, match="max_blocs"):
        blocs(P, max_blocs=0)


def test_table() -> None:
    claims = [*camp(*A), *war(A, ["x"]), ("n", "allied-with", "a1"), ("n", "fights", "a2"),
              ("a1", "criticizes", "a3", "", 0.5)]
    result = blocs(projection_from_claims(claims)).table()
    assert result.columns == ("bloc", "actor", "label", "weight", "frustrated")
    assert result.rows == [
        {"bloc": "a1", "actor": "a1", "label": "a1", "weight": 2.0, "frustrated": 1},
        {"bloc": "a1", "actor": "a2", "label": "a2", "weight": 2.0, "frustrated": 0},
        {"bloc": "a1", "actor": "a3", "label": "a3", "weight": 2.0, "frustrated": 1},
        {"bloc": "x", "actor": "x", "label": "x", "weight": 0.0, "frustrated": 0},
        {"bloc": "", "actor": "n", "label": "n", "weight": 0.0, "frustrated": 0},
    ]


@pytest.mark.slow
def test_the_camps_of_the_sample_articles(articles_network: nx.MultiDiGraph) -> None:
    in_2014 = blocs(articles_network, since="2014", until="2014")
    isis, nusra = in_2014.bloc_of("isis"), in_2014.bloc_of("al-nusra-front")
    assert isis is not None and nusra is not None and isis != nusra
    assert "al-qaeda" in nusra.members
    assert isis.members == ("isis",)  # ISIS fought everyone that year
    every_year = blocs(articles_network)
    iran = every_year.bloc_of("iran")
    assert iran is not None and {"hezbollah", "houthis", "syria"} <= set(iran.members)
    assert every_year.bloc_of("finland") == every_year.bloc_of("nato")
    assert all(t.evidence for t in every_year.frustrated)

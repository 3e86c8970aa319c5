"""Tests of kgraph/analysis/balance.py: triads, mixed pairs and enemy-of-my-enemy candidates."""

from __future__ import annotations

import copy
import random
from itertools import combinations
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset

from kgraph.analysis.balance import balance
from kgraph.analysis.signed import net_sign, projection_from_claims, signed_graph
from kgraph.errors import AnalysisError


def test_two_camps_are_balanced() -> None:
    claims = [("a1", "allied-with", "a2"), ("a1", "allied-with", "a3"), ("a2", "backs", "a3"),
              ("b1", "allied-with", "b2"),
              *((a, "fights", b) for a in ("a1", "a2", "a3") for b in ("b1", "b2"))]
    report = balance(projection_from_claims(claims))
    # +++: the a's; +--: each pair of a's with each b (3 x 2), b1-b2 with each a (3)
    assert report.census == {"+++": 1, "++-": 0, "+--": 2 * 3 + 3, "---": 0}
    assert (report.triads, report.balanced, report.share) == (10, 10, 1.0)
    assert report.unbalanced == () and report.mixed == ()


def test_unbalanced_triads_are_ranked_by_their_weakest_tie() -> None:
    report = balance(projection_from_claims([
        ("a", "allied-with", "b", "", 0.9, "x1"), ("b", "allied-with", "c", "", 0.9, "x2"),
        ("a", "fights", "c", "", 0.6, "x3"),  # ++- with weakest tie 0.6
        ("d", "fights", "e", "", 0.8, "x4"), ("e", "fights", "f", "", 0.8, "x5"),
        ("d", "fights", "f", "", 0.7, "x6"), ("d", "fights", "f", "", 0.8, "x7"),  # --- 0.8
    ]))
    assert report.census == {"+++": 0, "++-": 1, "+--": 0, "---": 1}
    assert report.share == 0.0
    assert [(t.actors, t.signs, t.weight, t.balanced) for t in report.unbalanced] == [
        (("d", "e", "f"), "---", 0.8, False), (("a", "b", "c"), "++-", 0.6, False)]
    ties = report.unbalanced[0].ties
    assert [(t.a, t.b) for t in ties] == [("d", "e"), ("e", "f"), ("d", "f")]
    assert ties[2].evidence == ("urn:claim:6", "urn:claim:7") and ties[2].weight == 1.5


def test_an_even_mixed_pair_is_left_out_of_the_triads_and_listed() -> None:
    report = balance(projection_from_claims([
        ("a", "allied-with", "b", "2014", 0.8, "x1"), ("a", "fights", "b", "2015", 0.8, "x2"),
        ("b", "allied-with", "c"), ("a", "allied-with", "c"),
        ("c", "allied-with", "d", "", 0.9, "x3"), ("c", "fights", "d", "", 0.6, "x4"),
        ("a", "allied-with", "d"),
    ]))
    # a-b is even: out; c-d leans positive: a-c-d is +++
    assert report.census == {"+++": 1, "++-": 0, "+--": 0, "---": 0}
    assert [(m.a, m.b, m.net) for m in report.mixed] == [("a", "b", 0), ("c", "d", 1)]
    even = report.mixed[0]
    assert (even.positive.sign, even.negative.sign) == (1, -1)
    assert (even.positive.first, even.negative.first) == ("2014", "2015")
    assert even.positive.evidence == ("urn:claim:1",)


def test_enemy_of_my_enemy_candidates() -> None:
    report = balance(projection_from_claims([
        ("isis", "fights", "nusra", "", 0.8, "x1"), ("isis", "fights", "fsa", "", 0.6, "x2"),
        ("isis", "fights", "kurds", "", 0.9, "x3"), ("assad", "fights", "fsa", "", 0.7, "x4"),
        ("assad", "fights", "nusra", "", 0.5, "x5"), ("nusra", "fights", "fsa", "", 0.5, "x6"),
        ("fsa", "allied-with", "kurds"),
    ]))
    found = {(x.a, x.c): x for x in report.candidates}
    # fsa and kurds are allies: no candidate; nusra and kurds have no tie; the others fight
    assert ("fsa", "kurds") not in found
    both = found["fsa", "nusra"]  # two common enemies, and a hostile tie between them
    assert both.enemies == ("assad", "isis")
    assert [(x.a, x.b, y.a, y.b) for x, y in both.support] == [
        ("assad", "fsa", "assad", "nusra"), ("fsa", "isis", "isis", "nusra")]
    assert [t.sign for t in both.between] == [-1]
    assert both.weight == pytest.approx(0.5 + 0.6)
    assert found["kurds", "nusra"].between == () and found["kurds", "nusra"].weight == 0.8
    assert [(x.a, x.c, x.weight) for x in report.candidates] == [
        ("assad", "isis", 1.1), ("fsa", "nusra", 1.1), ("kurds", "nusra", 0.8),
        ("assad", "fsa", 0.5), ("assad", "nusra", 0.5), ("fsa", "isis", 0.5),
        ("isis", "nusra", 0.5)]


def test_empty_graph_and_a_single_actor() -> None:
    for graph in (projection_from_claims([]), projection_from_claims([("a", "attacks", "a")]),
                  Dataset()):
        report = balance(graph)
        assert (report.triads, report.balanced, report.share) == (0, 0, None)
        assert (report.unbalanced, report.mixed, report.candidates) == ((), (), ())
        assert report.table().rows == []


def test_undated_claims_and_windows() -> None:
    claims = [("a", "allied-with", "b", "2014"), ("b", "allied-with", "c", "2014-05"),
              ("a", "fights", "c")]
    P = projection_from_claims(claims)
    assert balance(P).census["++-"] == 1
    assert balance(P, since="2014").triads == 0
    with pytest.raises(AnalysisError, match="until"):
        balance(P, until="2014-5")


def test_min_confidence_and_modalities() -> None:
    P = projection_from_claims([
        ("a", "allied-with", "b"), ("b", "allied-with", "c"),
        ("a", "fights", "c", "", 0.4, "x1"),
        ("a", "fights", "c", "", 0.9, "x2", "A may fight C.", "hedged")])
    assert balance(P).triads == 0
    assert balance(P, min_confidence=0.3).census["++-"] == 1
    assert balance(P, include=("actual", "hedged")).census["++-"] == 1


def _brute_census(P: nx.MultiDiGraph) -> dict[str, int]:
    S = signed_graph(P)
    census = dict.fromkeys(("+++", "++-", "+--", "---"), 0)
    for a, b, c in combinations(sorted(S), 3):
        signs = [net_sign(S, a, b), net_sign(S, b, c), net_sign(S, a, c)]
        if all(signs):
            census[("+++", "++-", "+--", "---")[signs.count(-1)]] += 1
    return census


def test_the_triangle_count_matches_every_triple_checked_by_hand() -> None:
    rng = random.Random(3)
    relations = ("allied-with", "backs", "fights", "sanctions", "truce-with")
    claims: list[tuple[Any, ...]] = [
        (f"n{rng.randrange(25)}", rng.choice(relations), f"n{rng.randrange(25)}", "",
         rng.choice((0.6, 0.8)), f"x{i}") for i in range(160)]
    P = projection_from_claims([c for c in claims if c[0] != c[2]])
    report = balance(P)
    assert report.census == _brute_census(P)
    assert report.triads > 20


def test_the_input_is_not_changed() -> None:
    P = projection_from_claims([("a", "allied-with", "b"), ("b", "fights", "c"),
                                ("a", "allied-with", "c")])
    before = copy.deepcopy(P)
    balance(P)
    assert nx.utils.graphs_equal(P, before) and P.graph == before.graph


def test_table() -> None:
    P = projection_from_claims([("a", "allied-with", "b"), ("b", "allied-with", "c"),
                                ("a", "fights", "c"), ("c", "fights", "d"),
                                ("d", "allied-with", "e"), ("d", "fights", "e")])
    P.nodes["a"]["label"] = "Alpha"
    result = balance(P).table()
    assert result.columns == ("kind", "a", "b", "c", "signs", "weight", "evidence")
    assert result.rows == [
        {"kind": "unbalanced", "a": "Alpha", "b": "b", "c": "c", "signs": "++-", "weight": 1.0,
         "evidence": 3},
        {"kind": "mixed", "a": "d", "b": "e", "c": "", "signs": "+-", "weight": 2.0,
         "evidence": 2},
        {"kind": "enemy-of-enemy", "a": "Alpha", "b": "c", "c": "d", "signs": "--.",
         "weight": 1.0, "evidence": 2},
    ]


@pytest.mark.slow
def test_the_balance_of_the_sample_articles(articles_network: nx.MultiDiGraph) -> None:
    in_2014 = balance(articles_network, since="2014", until="2014")
    pair = next(x for x in in_2014.candidates
                if (x.a, x.c) == ("al-nusra-front", "syrian-revolutionaries-front"))
    assert pair.enemies == ("isis",) and pair.between == ()
    assert all(t.evidence for ties in pair.support for t in ties)
    report = balance(articles_network)
    assert report.triads and 0.5 < (report.share or 0) <= 1
    assert all(len(t.ties) == 3 and all(x.evidence for x in t.ties) for t in report.unbalanced)
    assert ("russia", "ukraine") in {(m.a, m.b) for m in report.mixed}

"""Change over time (kgraph.analysis.timeline) on hand-built projections with known answers,
and on the graph of the sample articles."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Dataset

from kgraph.analysis.signed import projection_from_claims
from kgraph.analysis.timeline import changes, pair_timeline
from kgraph.errors import AnalysisError


@pytest.fixture
def truce() -> nx.MultiDiGraph:
    """ISIS and al-Nusra fight from January to July 2014, then agree a truce in November."""
    return projection_from_claims([
        ("isis", "fights", "nusra", "2014-01", 0.8, "a1", "They fought in January."),
        ("nusra", "attacks", "isis", "2014-06-02", 0.7, "a2", "Nusra attacked in June."),
        ("isis", "fights", "nusra", "2014-06-20", 0.8, "a2", "They fought in June."),
        ("isis", "fights", "nusra", "2014-07-15", 0.7, "a3", "They fought in July."),
        ("isis", "truce-with", "nusra", "2014-11-13", 0.65, "a4", "They agreed a truce."),
        ("isis", "fights", "nusra", "", 0.9, "a5", "They fought, some time."),
        ("isis", "fights", "al-qaeda", "2014-02", 0.8, "a6", "ISIS fought al-Qaeda."),
    ])


def test_a_pair_fighting_then_in_truce_has_one_turning_point(truce: nx.MultiDiGraph) -> None:
    t = pair_timeline(truce, "nusra", "isis")
    assert (t.a, t.b) == ("nusra", "isis")  # as asked
    assert [p.period for p in t.periods] == ["2014-01", "2014-06", "2014-07", "2014-11"]
    assert [p.dominant for p in t.periods] == ["fights", "fights", "fights", "truce-with"]
    assert [p.sign for p in t.periods] == [-1, -1, -1, 0]
    june = t.periods[1]
    assert june.counts == (("fights", 1), ("attacks", 1))  # a tie: the higher confidence wins
    [point] = t.turning_points
    assert (point.before, point.until, point.after, point.since) == (
        "fights", "2014-07", "truce-with", "2014-11")
    assert (point.sign_before, point.sign_after) == (-1, 0)
    assert point.last_before.sentence == "They fought in July."
    assert point.first_after.sentence == "They agreed a truce."
    assert t.summary() == "fights until 2014-07, truce-with from 2014-11"


def test_each_state_keeps_its_first_and_last_evidence(truce: nx.MultiDiGraph) -> None:
    states = {(s.subject, s.relation, s.object): s for s in pair_timeline(truce, "isis",
                                                                           "nusra").states}
    assert set(states) == {("isis", "fights", "nusra"), ("nusra", "attacks", "isis"),
                           ("isis", "truce-with", "nusra")}
    fights = states["isis", "fights", "nusra"]
    assert (fights.first.date, fights.last.date) == ("2014-01", "2014-07-15")
    assert len(fights.evidence) == 4  # three dated and one undated statement
    assert fights.first.iri in fights.evidence


def test_undated_evidence_has_its_own_bucket(truce: nx.MultiDiGraph) -> None:
    t = pair_timeline(truce, "isis", "nusra")
    assert [s.sentence for s in t.undated] == ["They fought, some time."]
    rows = t.table().rows
    assert rows[-1]["period"] == "undated" and rows[-1]["relation"] == "fights"
    # a window leaves undated statements out
    assert pair_timeline(truce, "isis", "nusra", since="2014").undated == ()


def test_period_month_against_year(truce: nx.MultiDiGraph) -> None:
    by_year = pair_timeline(truce, "isis", "nusra", period="year")
    [year] = by_year.periods
    assert year.period == "2014"
    assert dict(year.counts) == {"fights": 3, "attacks": 1, "truce-with": 1}
    assert by_year.turning_points == ()
    assert by_year.summary() == "fights in 2014"
    by_quarter = pair_timeline(truce, "isis", "nusra", period="quarter")
    assert [p.period for p in by_quarter.periods] == ["2014-Q1", "2014-Q2", "2014-Q3",
                                                      "2014-Q4"]


def test_a_pair_with_both_signs_in_one_period() -> None:
    P = projection_from_claims([
        ("a", "allied-with", "b", "2015-03-01", 0.9, "x1"),
        ("a", "fights", "b", "2015-03-20", 0.6, "x2"),
    ])
    [march] = pair_timeline(P, "a", "b").periods
    assert march.mixed and march.sign == 1  # 0.9 for, 0.6 against
    assert dict(march.counts) == {"allied-with": 1, "fights": 1}


def test_a_coarse_date_is_its_own_period_before_the_months_it_covers() -> None:
    P = projection_from_claims([("a", "fights", "b", "2015", 0.8, "x1"),
                                ("a", "allied-with", "b", "2015-04", 0.8, "x2")])
    t = pair_timeline(P, "a", "b")
    assert [p.period for p in t.periods] == ["2015", "2015-04"]
    assert t.turning_points == () and t.summary() == "allied-with in 2015-04"


def test_an_empty_window_gives_no_periods_and_says_so(truce: nx.MultiDiGraph) -> None:
    t = pair_timeline(truce, "isis", "nusra", since="2020")
    assert t.periods == () and t.states == () and t.turning_points == ()
    assert t.summary() == "no dated evidence between isis and nusra"
    assert changes(truce, since="2020").items == ()


def test_bad_input_is_a_clear_error(truce: nx.MultiDiGraph) -> None:
    with pytest.raises(AnalysisError, match=r"no actor matches 'nusa' \(did you mean nusra"):
        pair_timeline(truce, "isis", "nusa")
    with pytest.raises(AnalysisError, match="the same actor"):
        pair_timeline(truce, "isis", "ISIS")
    with pytest.raises(AnalysisError, match="period must be one of"):
        pair_timeline(truce, "isis", "nusra", period="week")
    with pytest.raises(AnalysisError, match="is after until"):
        changes(truce, since="2015", until="2014")
    with pytest.raises(AnalysisError, match="must be YYYY, YYYY-MM or YYYY-MM-DD"):
        changes(truce, since="last year")
    with pytest.raises(AnalysisError, match="gap"):
        changes(truce, gap=0)


def test_a_graph_of_one_actor_has_no_pair() -> None:
    P = nx.MultiDiGraph(times={})
    P.add_node("iran", label="Iran")
    assert changes(P).items == ()
    with pytest.raises(AnalysisError, match="the same actor"):
        pair_timeline(P, "iran", "Iran")


def test_changes_new_ended_and_reversed() -> None:
    P = projection_from_claims([
        ("a", "allied-with", "b", "2013-05", 0.8, "x1"),
        ("a", "allied-with", "b", "2013-06", 0.8, "x2"),
        ("a", "fights", "b", "2014-02", 0.8, "x3"),
        ("a", "fights", "b", "2014-09", 0.8, "x4"),
        ("c", "fights", "d", "2014-10", 0.8, "x5"),
    ])
    found = changes(P, period="quarter", gap=2)
    assert [(c.period, c.kind, c.a, c.relation) for c in found.items] == [
        ("2013-Q2", "new", "a", "allied-with"),  # standing: silence does not end it
        ("2014-Q1", "new", "a", "fights"),
        ("2014-Q1", "reversed", "a", "+ -> -"),
        ("2014-Q4", "new", "c", "fights"),
    ]
    reversal = found.items[2]
    assert reversal.statement.iri == "urn:claim:3" and reversal.evidence == ("urn:claim:3",)
    # fights a-b, last seen in 2014-Q3, is one quarter from the end: not ended with gap 2 ...
    assert "2014-Q3" not in found.by_period()
    # ... but ended with gap 1
    ended = [c for c in changes(P, period="quarter", gap=1).items if c.kind == "ended"]
    assert [(c.period, c.relation) for c in ended] == [("2014-Q3", "fights")]


def test_changes_in_a_window(truce: nx.MultiDiGraph) -> None:
    found = changes(truce, since="2014-06", until="2014-12", gap=2)
    kinds = [(c.period, c.kind, c.relation) for c in found.items]
    # fights began in January, before the window: not new; it ended in July (4 months before
    # the window's end); the one attack is new, never ended; the truce began in November.
    assert kinds == [("2014-06", "new", "attacks"), ("2014-07", "ended", "fights"),
                     ("2014-11", "new", "truce-with")]
    table = found.table()
    assert table.columns[:5] == ("period", "change", "a", "b", "relation")
    assert table.rows[-1]["sentence"] == "They agreed a truce."


def test_the_input_is_not_changed(truce: nx.MultiDiGraph) -> None:
    before = nx.to_dict_of_dicts(truce)
    pair_timeline(truce, "isis", "nusra")
    changes(truce)
    assert nx.to_dict_of_dicts(truce) == before


@pytest.mark.slow
def test_isis_and_nusra_go_from_fighting_to_a_truce(articles_network: nx.MultiDiGraph) -> None:
    t = pair_timeline(articles_network, "ISIS", "al-Nusra Front")
    assert t.summary() == "fights until 2014-07, truce-with from 2014-11"
    [point] = t.turning_points
    assert "truce" in point.first_after.sentence.lower()
    assert point.first_after.title
    found = changes(articles_network, since="2014-11", until="2014-11")
    assert ("new", "al-nusra-front", "isis", "truce-with") in {
        (c.kind, c.a, c.b, c.relation) for c in found.items}


def test_an_rdflib_graph_is_read_through_its_projection(sample_dataset: Dataset) -> None:
    t = pair_timeline(sample_dataset, "ISIS", "Nusra", period="year")
    # 2014: allied (0.9); 2016: the hedged claim and the 0.3 one do not count
    assert [(p.period, p.dominant, p.sign) for p in t.periods] == [("2014", "allied-with", 1)]
    assert t.states[0].first.title == "Militant alliances shift in Syria"
    assert [p.period for p in pair_timeline(sample_dataset, "ISIS", "Nusra",
                                            include=("actual", "hedged"),
                                            min_confidence=0.3).periods] == ["2014-06", "2016-01"]


def test_a_date_that_is_no_iso_date_counts_as_none() -> None:
    P = projection_from_claims([("a", "fights", "b", "last spring", 0.8, "x1"),
                                ("a", "fights", "b", "2014-07-03T10:00:00", 0.8, "x2")])
    t = pair_timeline(P, "a", "b")
    assert [p.period for p in t.periods] == ["2014-07"]
    assert t.states[0].last.date == "2014-07-03"
    assert [s.iri for s in t.undated] == ["urn:claim:1"]


def test_a_year_among_months_makes_no_turning_point() -> None:
    """A truce dated "2015" cannot be placed before or after an attack of March 2015."""
    P = projection_from_claims([
        ("saudi-arabia", "truce-with", "houthis", "2015", 0.7, "a1"),
        ("saudi-arabia", "attacks", "houthis", "2015-03-26", 0.8, "a2"),
        ("saudi-arabia", "attacks", "houthis", "2016-08", 0.8, "a3"),
        ("saudi-arabia", "negotiates-with", "houthis", "2019-10", 0.8, "a4"),
    ])
    t = pair_timeline(P, "houthis", "saudi-arabia")
    assert [p.period for p in t.periods] == ["2015", "2015-03", "2016-08", "2019-10"]
    assert t.summary() == "attacks until 2016-08, negotiates-with from 2019-10"
    by_year = pair_timeline(P, "houthis", "saudi-arabia", period="year")
    assert by_year.summary() == "attacks until 2016, negotiates-with from 2019"
    alone = projection_from_claims([("a", "truce-with", "b", "2015", 0.7, "x1"),
                                    ("a", "attacks", "b", "2015-03", 0.8, "x2")])
    assert pair_timeline(alone, "a", "b").summary() == "attacks in 2015-03"

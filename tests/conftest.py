"""Shared fixtures: a small, hand-built world of actors, articles and assertions (no spaCy).

``sample_items`` is what an extractor would return for three short articles; what it should
become in RDF is spelled out in ``SAMPLE_TRUTHY`` and ``SAMPLE_NOT_TRUTHY``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset

from kgraph.model import Actor, Article, Assertion, Evidence

ACTORS = {
    a.id: a
    for a in (
        Actor("isis", "ISIS", "ArmedGroup", aliases=("Islamic State", "ISIL", "Daesh"),
              wikidata="Q2429253"),
        Actor("al-nusra-front", "al-Nusra Front", "ArmedGroup",
              aliases=("Jabhat al-Nusra", "Nusra")),
        Actor("al-qaeda", "al-Qaeda", "ArmedGroup", aliases=("al-Qaida",), wikidata="Q34490"),
        Actor("united-states", "United States", "State", aliases=("US", "U.S.", "America"),
              wikidata="Q30", country="USA"),
        Actor("iran", "Iran", "State", wikidata="Q794", country="IRN"),
        Actor("hezbollah", "Hezbollah", "ArmedGroup", aliases=("Hizbullah",), wikidata="Q41053",
              country="LBN"),
        Actor("turkey", "Turkey", "State", aliases=("Türkiye",), country="TUR"),
        Actor("nato", "NATO", "InternationalOrganization",
              aliases=("North Atlantic Treaty Organization",)),
        Actor("abu-bakr-al-baghdadi", "Abu Bakr al-Baghdadi", "Person", aliases=("al-Baghdadi",)),
        Actor("northern-brigade", "Northern Brigade", "ArmedGroup", minted=True),
    )
}

# (relation, subject, object) of every truthy triple the sample should yield ...
SAMPLE_TRUTHY = {
    ("allied-with", "isis", "al-nusra-front"),
    ("split-from", "isis", "al-qaeda"),
    ("backed-by", "hezbollah", "iran"),
    ("sanctions", "united-states", "iran"),
    ("attacks", "united-states", "isis"),
    ("leader-of", "abu-bakr-al-baghdadi", "isis"),
    ("member-of", "turkey", "nato"),
    ("fights", "northern-brigade", "isis"),
}
# ... and of the statements that must stay statements only.
SAMPLE_NOT_TRUTHY = {
    ("allied-with", "isis", "hezbollah"),  # negated
    ("cooperates-with", "al-nusra-front", "isis"),  # hedged
    ("threatens", "isis", "united-states"),  # reported
}


def _article(article_id: str, title: str, published: str,
             sentences: list[tuple[str, list[dict[str, Any]]]]) -> tuple[Article, list[Assertion]]:
    """Build an article from sentences, each with the assertions read in it."""
    text, assertions, offset = "", [], 0
    for sentence, claims in sentences:
        start = offset
        end = start + len(sentence)
        for claim in claims:
            claim = dict(claim)
            subject, relation, obj = (ACTORS[claim.pop("s")], claim.pop("r"),
                                      ACTORS[claim.pop("o")])
            evidence = Evidence(article_id, sentence, start, end, claim.pop("rule", "test-rule"),
                                subject_text=claim.pop("st", subject.label),
                                object_text=claim.pop("ot", obj.label))
            assertions.append(Assertion(subject, relation, obj, evidence, **claim))
        text += sentence + " "
        offset = end + 1
    article = Article(id=article_id, text=text.strip(), title=title,
                      url=f"https://news.example/{article_id}", published=published)
    return article, assertions


def sample() -> list[tuple[Article, list[Assertion]]]:
    """Three articles and their assertions; see SAMPLE_TRUTHY and SAMPLE_NOT_TRUTHY."""
    return [
        _article("art-1", "Militant alliances shift in Syria", "2014-06-01", [
            ("ISIS and the Nusra Front have formed an alliance.", [
                {"s": "isis", "r": "allied-with", "o": "al-nusra-front", "confidence": 0.9,
                 "ot": "Nusra Front"}]),
            ("ISIS broke away from al-Qaeda in 2014.", [
                {"s": "isis", "r": "split-from", "o": "al-qaeda", "confidence": 0.8,
                 "time": "2014", "rule": "split-verb"}]),
        ]),
        _article("art-2", "Tehran deepens its support", "2015-03-10", [
            ("Hezbollah is armed and funded by Iran.", [
                {"s": "hezbollah", "r": "backed-by", "o": "iran", "confidence": 0.85}]),
            ("Iran backs Hezbollah with money.", [
                {"s": "iran", "r": "backs", "o": "hezbollah", "confidence": 0.7}]),
            ("Washington imposed new sanctions on Iran.", [
                {"s": "united-states", "r": "sanctions", "o": "iran", "confidence": 0.7,
                 "st": "Washington"}]),
            ("US aircraft struck ISIS positions on 2015-03-08.", [
                {"s": "united-states", "r": "attacks", "o": "isis", "confidence": 0.8,
                 "time": "2015-03-08", "st": "US"}]),
            ("Hezbollah is not allied with ISIS.", [
                {"s": "isis", "r": "allied-with", "o": "hezbollah", "confidence": 0.6,
                 "polarity": "negated"}]),
        ]),
        _article("art-3", "Who leads whom", "2016-01-20", [
            ("Nusra may be cooperating with ISIS near the border.", [
                {"s": "al-nusra-front", "r": "cooperates-with", "o": "isis", "confidence": 0.5,
                 "modality": "hedged", "st": "Nusra"}]),
            ("Abu Bakr al-Baghdadi leads ISIS.", [
                {"s": "abu-bakr-al-baghdadi", "r": "leader-of", "o": "isis", "confidence": 0.9}]),
            ("Turkey is a member of NATO.", [
                {"s": "turkey", "r": "member-of", "o": "nato", "confidence": 0.95}]),
            ("The Northern Brigade fought ISIS for the town.", [
                {"s": "northern-brigade", "r": "fights", "o": "isis", "confidence": 0.7}]),
            ("ISIS threatened the United States, officials said.", [
                {"s": "isis", "r": "threatens", "o": "united-states", "confidence": 0.6,
                 "modality": "reported"}]),
            ("ISIS and Nusra are perhaps still allies.", [
                {"s": "isis", "r": "allied-with", "o": "al-nusra-front", "confidence": 0.3}]),
        ]),
    ]


@pytest.fixture
def sample_actors() -> dict[str, Actor]:
    """The actors of the sample world, by id."""
    return dict(ACTORS)


@pytest.fixture
def sample_items() -> list[tuple[Article, list[Assertion]]]:
    """Three hand-built articles with the assertions an extractor would read in them."""
    return sample()


@pytest.fixture(scope="session")
def sample_conforms() -> bool:
    """The sample's dataset passes the SHACL shapes of ontology/shapes.ttl (checked once)."""
    from kgraph.rdf.graph import build_graph
    from kgraph.rdf.validate import format_report, validate

    report = validate(build_graph(sample(), model="en_sample-1.0.0"))
    assert report.conforms and not report.results, format_report(report)
    return True


@pytest.fixture
def sample_dataset(sample_items: list[tuple[Article, list[Assertion]]],
                   sample_conforms: bool) -> Dataset:
    """The dataset built from ``sample_items`` (a new one for each test); it is valid."""
    from kgraph.rdf.graph import build_graph

    return build_graph(sample_items)


@pytest.fixture(scope="session")
def articles_network() -> nx.MultiDiGraph:
    """The networkx projection of the graph built from data/articles (built once; runs spaCy).

    Tests read it and must not change it.
    """
    from kgraph.run.build import build
    from kgraph.views.network import to_networkx

    return to_networkx(build([Path(__file__).resolve().parent.parent / "data" / "articles"]))


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (children, their children, ...), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def running(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"

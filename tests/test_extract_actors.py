"""Generic actors with the real model, on sentences written for these tests: a state's forces
named by its name or demonym or left bare ("the army"), groups named by description ("Darfur
rebels"), and places and peoples that are no actors."""

from __future__ import annotations

import pytest

from kgraph.model import Actor

pytestmark = pytest.mark.slow


def _actors(text: str) -> dict[str, Actor]:
    """Mention text -> actor, anaphors resolved (people named by origin, "many Kurds", are a
    population: only ever an attack's target, and left out here)."""
    from kgraph.extract.coref import resolve_anaphors
    from kgraph.extract.mentions import find_mentions
    from kgraph.extract.pipeline import load_pipeline
    from kgraph.know.actors import load_actors
    from kgraph.know.relations import load_cues

    gaz, cues = load_actors(), load_cues()
    doc = load_pipeline(gazetteer=gaz)(text)
    index = resolve_anaphors(doc, find_mentions(doc, gazetteer=gaz, cues=cues), cues=cues)
    return {m.text: m.actor for m in index.ordered() if m.kind != "population"}


def _triples(text: str) -> set[tuple[str, str, str]]:
    from kgraph.extract import extract_text

    return {(a.subject.id, a.relation, a.object.id) for a in extract_text(text)
            if a.polarity == "asserted"}


@pytest.mark.parametrize(("text", "words", "state"), [
    ("Chadian troops shelled rebel positions near the border.", "Chadian troops", "chad"),
    ("Algeria's gendarmerie closed the crossing.", "Algeria's gendarmerie", "algeria"),
    ("The Guinean junta dissolved the electoral commission.", "Guinean junta", "guinea"),
    ("The army of Burkina Faso withdrew from the town.", "Burkina Faso", "burkina-faso"),
])
def test_forces_named_with_their_state_stand_for_it(text: str, words: str, state: str) -> None:
    assert _actors(text)[words].id == state


@pytest.mark.parametrize(("text", "expected"), [
    ("The Nigerien junta expelled French diplomats.", ("niger", "sanctions", "france")),
    ("Ethiopia's army fought Tigrayan forces for two years.",
     ("ethiopia", "fights", "tigrayan-forces")),
])
def test_state_forces_in_relations(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(text)


@pytest.mark.parametrize(("text", "anaphor", "state"), [
    ("Clashes spread across Sudan in April. The army attacked the Rapid Support Forces.",
     "The army", "sudan"),
    ("Protests grew in Myanmar. Then the military arrested dozens of students.",
     "the military", "myanmar"),
    ("Guinea held no vote that year. The security forces fired on marchers in the capital.",
     "The security forces", "guinea"),
])
def test_a_bare_force_noun_stands_for_the_one_state_in_reach(text: str, anaphor: str,
                                                             state: str) -> None:
    assert _actors(text)[anaphor].id == state


def test_a_bare_force_noun_with_two_states_in_reach_stands_for_none() -> None:
    found = _actors("Russia and Mali signed a defence pact. The army then fought the rebels.")
    assert "The army" not in found and "the army" not in found


def test_with_no_state_in_reach_the_articles_main_state_answers() -> None:
    text = ("Niger's rulers met in Niamey. Niger closed its airspace. Niger recalled envoys. "
            "Crowds gathered for days. Markets stayed shut. The junta then expelled the "
            "French ambassador.")
    assert _actors(text)["The junta"].id == "niger"
    assert ("niger", "sanctions", "france") in _triples(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Shia militias fought ISIS in the desert.", "Shia militias"),
    ("Tuareg rebels clashed with the Malian army near Kidal.", "Tuareg rebels"),
    ("Sunni tribesmen fought ISIS near Ramadi.", "Sunni tribesmen"),
    ("Darfur rebels ambushed a convoy of the Rapid Support Forces.", "Darfur rebels"),
    ("Kurdish fighters recaptured the village from ISIS.", "Kurdish fighters"),
])
def test_groups_named_by_description_are_descriptor_groups(text: str, words: str) -> None:
    actor = _actors(text)[words]
    assert (actor.type, actor.label, actor.minted) == ("DescriptorGroup", words, True)


def test_a_descriptor_group_takes_part_in_relations() -> None:
    assert ("tuareg-rebels", "fights", "mali") in _triples(
        "Tuareg rebels clashed with the Malian army near Kidal.")
    assert ("shia-militias", "fights", "isis") in _triples(
        "Shia militias fought ISIS in the desert.")


def test_named_groups_stay_named() -> None:
    found = _actors("Hamas fighters fired rockets, and Hezbollah militiamen crossed the border.")
    assert {a.id for a in found.values()} >= {"hamas", "hezbollah"}
    assert all(a.type != "DescriptorGroup" for a in found.values())


@pytest.mark.parametrize("text", [
    "The Tuareg have long lived across the Sahel.",
    "Yazidis and Kurds fled the fighting for weeks.",
    "Herders crossed the Sahel toward the coast every dry season.",
])
def test_places_and_peoples_are_not_minted(text: str) -> None:
    assert not [a for a in _actors(text).values() if a.type in ("Person", "Organization")]

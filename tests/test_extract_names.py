"""Names of organisations and states with the real model, on sentences written for these tests:
words before a name that belong to it (a unit's ordinal, another state's demonym) and states
that no longer exist."""

from __future__ import annotations

import pytest

from kgraph.model import Actor

pytestmark = pytest.mark.slow


def _actors(text: str) -> dict[str, Actor]:
    """Mention text -> actor."""
    from kgraph.extract.mentions import find_mentions
    from kgraph.extract.pipeline import load_pipeline
    from kgraph.know.actors import load_actors
    from kgraph.know.relations import load_cues

    gaz, cues = load_actors(), load_cues()
    doc = load_pipeline(gazetteer=gaz)(text)
    return {m.text: m.actor for m in find_mentions(doc, gazetteer=gaz, cues=cues).ordered()}


def _triples(text: str) -> set[tuple[str, str, str]]:
    from kgraph.extract import extract_text

    return {(a.subject.id, a.relation, a.object.id) for a in extract_text(text)
            if a.polarity == "asserted"}


@pytest.mark.parametrize(("text", "name"), [
    # a known name of several words, after the demonym of another state: another party
    ("The Jordanian Muslim Brotherhood boycotted the vote.", "Jordanian Muslim Brotherhood"),
    ("Leaders of the Libyan Islamic Front met in Benghazi.", "Libyan Islamic Front"),
    # the recogniser leaves the demonym out of a name the gazetteer does not know
    ("The Somali Salvation Alliance clashed with the Ethiopian People's Revolutionary Party.",
     "Ethiopian People's Revolutionary Party"),
])
def test_a_demonym_of_another_state_is_part_of_the_name(text: str, name: str) -> None:
    actors = _actors(text)
    assert name in actors
    assert actors[name].minted and actors[name].type in ("Organization", "PoliticalParty",
                                                          "ArmedGroup")


@pytest.mark.parametrize(("text", "words", "actor_id"), [
    ("The Egyptian Muslim Brotherhood boycotted the vote.", "Muslim Brotherhood",
     "muslim-brotherhood"),
    ("The Sudanese Rapid Support Forces shelled the airport.", "Rapid Support Forces", "rsf"),
    ("The Lebanese Amal Movement joined the protest.", "Amal Movement", "amal-movement"),
])
def test_the_demonym_of_a_known_groups_own_state_only_describes_it(text: str, words: str,
                                                                   actor_id: str) -> None:
    assert _actors(text)[words].id == actor_id


@pytest.mark.parametrize(("text", "expected"), [
    ("Soldiers of the 17th Armoured Brigade fought the 3rd Infantry Division.",
     ("17th-armoured-brigade", "fights", "3rd-infantry-division")),
    ("The 44th Rifle Brigade attacked the Free Lions Brigade at dawn.",
     ("44th-rifle-brigade", "attacks", "free-lions-brigade")),
    ("Troops of the 9th Mountain Brigade clashed with the Martyrs Brigade.",
     ("9th-mountain-brigade", "fights", "martyrs-brigade")),
    # a division is a unit with its ordinal, though not a word that makes a name an armed group
    ("The 12th Mountain Division attacked the Hawks Brigade.",
     ("12th-mountain-division", "attacks", "hawks-brigade")),
    ("Troops of the 6th Coastal Division fought the Black Banner Brigade.",
     ("6th-coastal-division", "fights", "black-banner-brigade")),
])
def test_a_units_ordinal_is_part_of_its_name(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Soviet Union condemned Yugoslavia after the border incident.",
     ("soviet-union", "criticizes", "yugoslavia")),
    ("Zaire sent troops to support the rebels fighting the Kampuchean army.",
     None),
    ("Soviet troops attacked Czechoslovakia in August.",
     ("soviet-union", "attacks", "czechoslovakia")),
    ("Rhodesian forces raided Zambia twice that year.", ("rhodesia", "attacks", "zambia")),
])
def test_former_states_are_states(text: str, expected: tuple[str, str, str] | None) -> None:
    if expected is not None:
        assert expected in _triples(text)
    states = {a.id for a in _actors(text).values() if a.type == "State"}
    assert states <= {"soviet-union", "yugoslavia", "czechoslovakia", "rhodesia", "dr-congo",
                      "cambodia", "zambia"} and states


@pytest.mark.parametrize(("text", "expected"), [
    ("Poland joined the Warsaw Pact in 1955.", ("poland", "member-of", "warsaw-pact")),
    ("Yugoslavia was a founding member of the Non-Aligned Movement.",
     ("yugoslavia", "member-of", "non-aligned-movement")),
    ("Ireland joined the European Economic Community in 1973.",
     ("ireland", "member-of", "eec")),
    ("Chiang Kai-shek was the leader of the Kuomintang.",
     ("chiang-kai-shek", "leader-of", "kuomintang")),
])
def test_organisations_of_the_past_and_parties_are_known(
        text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(text)
    kinds = {a.id: a.type for a in _actors(text).values()}
    assert kinds[expected[2]] in ("InternationalOrganization", "PoliticalParty")


@pytest.mark.parametrize(("text", "expected"), [
    ("Fighters of Jabhet al-Nusra attacked Liwaa al-Tawhid near Aleppo.",
     ("al-nusra-front", "attacks", "liwa-al-tawhid")),
    ("Jund al-Aksa clashed with Faylaq al-Sham.", ("jund-al-aqsa", "fights", "faylaq-al-sham")),
    ("Ansar Beit al-Maqdis attacked Egyptian soldiers.",
     ("islamic-state-sinai-province", "attacks", "egypt")),
    ("Asaeb Ahl al-Haq fighters attacked Saraya al-Salam.",
     ("asaib-ahl-al-haq", "attacks", "saraya-al-salam")),
])
def test_a_known_name_spelled_otherwise_names_its_actor(
        text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(text)


@pytest.mark.parametrize(("text", "words", "actor_id"), [
    ("Kataeb Hezbollah fired rockets at the base.", "Kataeb Hezbollah", "kataib-hezbollah"),
    ("Saraya al-Salam attacked Kataeb Hezbollah.", "Kataeb Hezbollah", "kataib-hezbollah"),
])
def test_a_word_before_a_known_name_can_make_another_known_name(text: str, words: str,
                                                                 actor_id: str) -> None:
    assert _actors(text)[words].id == actor_id


@pytest.mark.parametrize(("one", "other"), [
    ("Jabhat al-Nusra", "Jabhet an-Nusra"),
    ("Ahrar al-Sham", "Ahrar ash-Sham"),
    ("Tehrik-e-Taliban", "Tehreek-i-Taliban"),
    ("Jund al-Aqsa", "Jund al-Aksa"),
])
def test_spellings_of_one_name_share_a_key(one: str, other: str) -> None:
    from kgraph.know.actors import spelling_key

    assert spelling_key(one) == spelling_key(other)


def test_names_of_different_actors_keep_different_keys() -> None:
    from kgraph.know.actors import spelling_key

    assert spelling_key("Free Syrian Army") != spelling_key("Free Sudan Army")

"""Actor mentions on hand-built Docs: gazetteer names, minted entities, demonyms, vague nouns."""

from __future__ import annotations

from extract_docs import doc, gazetteer

from kgraph.extract.mentions import find_mentions, resolve
from kgraph.relations import load_cues


def _actors(spec: str) -> dict[str, tuple[str, str, str]]:
    d = doc(spec)
    index = find_mentions(d, gazetteer=gazetteer(), cues=load_cues())
    return {m.text: (m.actor.id, m.actor.type, m.kind) for m in index.ordered()}


def test_gazetteer_names_and_minted_entities() -> None:
    found = _actors("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        the 4 det DET - B-ORG
        Tawhid 4 compound PROPN - I-ORG
        Brigade 1 dobj PROPN - I-ORG
        and 4 cc CCONJ
        Mosul 4 conj PROPN - B-GPE
        and 6 cc CCONJ
        John 9 compound PROPN - B-PERSON
        Smith 6 conj PROPN - I-PERSON
    """)
    assert found == {
        "ISIS": ("isis", "ArmedGroup", "name"),
        "Tawhid Brigade": ("tawhid-brigade", "ArmedGroup", "minted"),
        "John Smith": ("john-smith", "Person", "minted"),
    }


def test_demonym_with_force_noun_is_the_state() -> None:
    found = _actors("""
        Iraqi 3 amod ADJ - B-NORP
        and 0 cc CCONJ
        Kurdish 0 conj ADJ - B-NORP
        forces 3 nsubj NOUN/NNS force
        advanced 3 ROOT VERB advance
    """)
    assert found == {"Iraqi forces": ("iraq", "State", "demonym"),
                     "Kurdish forces": ("kurdish-forces", "ArmedGroup", "minted")}


def test_bare_norp_and_vague_nouns_are_not_actors() -> None:
    assert _actors("""
        Islamic 1 amod ADJ - B-NORP
        militants 2 nsubj NOUN/NNS militant
        attacked 2 ROOT VERB attack
        officials 2 dobj NOUN/NNS official
    """) == {}


def test_name_before_force_noun_answers_for_the_phrase() -> None:
    d = doc("""
        ISIS 1 compound PROPN - B-ORG
        fighters 2 nsubj NOUN/NNS fighter
        advanced 2 ROOT VERB advance
    """)
    index = find_mentions(d, gazetteer=gazetteer(), cues=load_cues())
    assert [m.actor.id for m in resolve(d[1], index)] == ["isis"]


def test_apposition_resolves_both_ways() -> None:
    d = doc("""
        SRF 0 ROOT PROPN - B-ORG
        , 0 punct PUNCT
        a 4 det DET
        rebel 4 compound NOUN
        group 0 appos NOUN group
    """)
    index = find_mentions(d, gazetteer=gazetteer(), cues=load_cues())
    assert [m.actor.id for m in resolve(d[4], index)] == ["srf"]


def test_bracketed_acronym_names_the_same_actor_later_too() -> None:
    found = _actors("""
        the 1 det DET - B-ORG
        Tawhid 2 compound PROPN - I-ORG
        Brigade 6 nsubj PROPN - I-ORG
        ( 4 punct PUNCT
        TB 2 appos PROPN - B-ORG
        ) 4 punct PUNCT
        left 6 ROOT VERB leave
        . 6 punct PUNCT
        TB 9 nsubj PROPN - B-ORG
        fought 9 ROOT VERB fight
    """)
    assert found["Tawhid Brigade"][0] == "tawhid-brigade"
    assert found["TB"][0] == "tawhid-brigade"


def test_minted_name_takes_the_known_acronym_s_actor() -> None:
    found = _actors("""
        Syrian 2 compound PROPN - B-ORG
        Revolution 2 compound PROPN - I-ORG
        Front 2 ROOT PROPN - I-ORG
        ( 4 punct PUNCT
        SRF 2 appos PROPN - B-ORG
        ) 4 punct PUNCT
    """)
    assert found["Syrian Revolution Front"][0] == "srf"


def test_rebels_of_a_state_are_not_the_state() -> None:
    found = _actors("""
        Syrian 2 amod ADJ - B-NORP
        rebel 2 compound NOUN
        commanders 3 nsubj NOUN/NNS commander
        spoke 3 ROOT VERB speak
    """)
    assert found == {"Syrian rebel commanders": ("syrian-rebels", "ArmedGroup", "minted")}


def test_institutions_of_a_state_name_the_state() -> None:
    found = _actors("""
        the 1 det DET - B-ORG
        Government 1 nsubj PROPN - I-ORG
        of 1 prep ADP - I-ORG
        Iraq 2 pobj PROPN - I-ORG
        spoke 1 ROOT VERB speak
    """)
    assert found["Government of Iraq"][:2] == ("iraq", "State")


def test_a_title_alone_is_no_person_and_a_place_is_no_actor() -> None:
    found = _actors("""
        Foreign 1 compound PROPN - B-PERSON
        Secretary 2 nsubj PROPN - I-PERSON
        visited 2 ROOT VERB visit
        Sabra 2 dobj PROPN - B-ORG
        , 3 punct PUNCT
        a 6 det DET
        town 3 appos NOUN
    """)
    assert found == {}


def test_people_named_by_origin_are_a_population() -> None:
    found = _actors("""
        Iraqi 1 amod ADJ - B-NORP
        civilians 2 nsubj NOUN/NNS civilian
        fled 2 ROOT VERB flee
    """)
    assert found == {"Iraqi civilians": ("iraqi-civilian", "Organization", "population")}

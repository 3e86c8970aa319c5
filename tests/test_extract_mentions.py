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

"""Actor mentions on hand-built Docs: gazetteer names, minted entities, demonyms, vague nouns."""

from __future__ import annotations

from extract_docs import doc, gazetteer, triples

from kgraph.extract.mentions import find_mentions, resolve
from kgraph.know.relations import load_cues


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
                     "Kurdish forces": ("kurdish-forces", "DescriptorGroup", "minted")}


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
    assert found == {"Syrian rebel commanders": ("syrian-rebel-commanders", "DescriptorGroup",
                                                 "minted")}


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


def test_the_coalition_in_lower_case_is_the_known_coalition() -> None:
    found = _actors("""
        The 2 det DET
        international 2 amod ADJ
        coalition 3 nsubj NOUN
        struck 3 ROOT VERB strike
        ISIS 3 dobj PROPN - B-ORG
        and 7 cc CCONJ
        coalition 7 compound NOUN
        jets 3 conj NOUN/NNS jet
    """)
    assert found["international coalition"] == (
        "global-coalition", "InternationalOrganization", "name")
    assert found["coalition jets"][0] == "global-coalition"


def test_the_coalition_is_no_name_when_the_article_speaks_of_another() -> None:
    # "The ruling coalition criticized ISIS. The coalition attacked Nusra."
    assert triples("""
        The 2 det DET
        ruling 2 amod ADJ
        coalition 3 nsubj NOUN
        criticized 3 ROOT VERB criticize
        ISIS 3 dobj PROPN - B-ORG
        . 3 punct PUNCT
        The 7 det DET
        coalition 8 nsubj NOUN
        attacked 8 ROOT VERB attack
        Nusra 8 dobj PROPN - B-ORG
    """) == set()


def test_the_iraqi_people_is_the_state() -> None:
    found = _actors("""
        The 2 det DET
        Iraqi 2 amod ADJ - B-NORP
        people 3 nsubj NOUN/NNS people
        voted 3 ROOT VERB vote
    """)
    assert found == {"Iraqi people": ("iraq", "State", "demonym")}


def test_who_refers_to_forces_not_to_a_state_named_before_it() -> None:
    # "Tribesmen in Iraq, who attacked ISIS, fled": the tribesmen attacked, not Iraq
    assert triples("""
        Tribesmen 8 nsubj NOUN/NNS tribesman
        in 0 prep ADP
        Iraq 1 pobj PROPN - B-GPE
        , 0 punct PUNCT
        who 5 nsubj PRON
        attacked 0 relcl VERB/VBD attack
        ISIS 5 dobj PROPN - B-ORG
        , 0 punct PUNCT
        fled 8 ROOT VERB flee
    """) == set()
    # "Iraqi forces, who attacked ISIS, advanced"
    assert triples("""
        Iraqi 1 amod ADJ - B-NORP
        forces 7 nsubj NOUN/NNS force
        , 1 punct PUNCT
        who 4 nsubj PRON
        attacked 1 relcl VERB/VBD attack
        ISIS 4 dobj PROPN - B-ORG
        , 1 punct PUNCT
        advanced 7 ROOT VERB advance
    """) == {("iraq", "attacks", "isis")}


def test_coordinated_force_nouns_share_the_demonym() -> None:
    spec = """
        Iraqi 1 amod ADJ - B-NORP
        jets 5 nsubj NOUN/NNS jet
        and 1 cc CCONJ
        tanks 1 conj NOUN/NNS tank
        heavily 5 advmod ADV
        shelled 5 ROOT VERB shell
        Nusra 5 dobj PROPN - B-ORG
    """
    d = doc(spec)
    index = find_mentions(d, gazetteer=gazetteer(), cues=load_cues())
    assert [(m.actor.id, m.text) for m in resolve(d[3], index)] == [
        ("iraq", "Iraqi jets and tanks")]
    assert triples(spec) == {("iraq", "attacks", "al-nusra-front")}


def test_a_seat_of_power_acts_as_its_state_when_it_acts() -> None:
    # "The White House condemned ISIS; Damascus accused ISIS": an organisation name, a subject
    assert triples("""
        The 2 det DET - B-ORG
        White 2 compound PROPN - I-ORG
        House 3 nsubj PROPN - I-ORG
        condemned 3 ROOT VERB condemn
        ISIS 3 dobj PROPN - B-ORG
        ; 3 punct PUNCT
        Damascus 7 nsubj PROPN - B-GPE
        accused 3 conj VERB accuse
        ISIS 7 dobj PROPN - B-ORG
    """) == {("united-states", "criticizes", "isis"), ("syria", "criticizes", "isis")}
    # a capital that is only the place of an event is no actor: "ISIS attacked Damascus"
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        Damascus 1 dobj PROPN - B-GPE
    """) == set()


def test_unknown_places_of_several_words_are_not_minted() -> None:
    assert _actors("""
        ISIS 1 nsubj PROPN - B-ORG
        shelled 1 ROOT VERB shell
        East 3 compound PROPN - B-GPE
        Raqqa 1 dobj PROPN - I-GPE
    """) == {"ISIS": ("isis", "ArmedGroup", "name")}


def test_officials_institutions_and_groups_of_a_state_name_it() -> None:
    # "Iraq's foreign minister met a group of American diplomats"
    assert triples("""
        Iraq 3 poss PROPN - B-GPE
        's 0 case PART
        foreign 3 amod ADJ
        minister 4 nsubj NOUN minister
        met 4 ROOT VERB meet
        a 6 det DET
        group 4 dobj NOUN group
        of 6 prep ADP
        American 9 amod ADJ - B-NORP
        diplomats 7 pobj NOUN/NNS diplomat
    """) == {("iraq", "negotiates-with", "united-states")}
    # "a US court indicted Zawahiri"
    assert triples("""
        a 2 det DET
        US 2 compound PROPN - B-GPE
        court 3 nsubj NOUN court
        indicted 3 ROOT VERB indict
        Zawahiri 3 dobj PROPN - B-PERSON
    """) == {("united-states", "criticizes", "ayman-al-zawahiri")}


def test_a_camp_for_people_stands_for_them_as_a_target() -> None:
    # "ISIS shelled a camp for Syrian refugees and the bases of Nusra and SRF"
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        shelled 1 ROOT VERB shell
        a 3 det DET
        camp 1 dobj NOUN camp
        for 3 prep ADP
        Syrian 6 amod ADJ - B-NORP
        refugees 4 pobj NOUN/NNS refugee
        and 3 cc CCONJ
        the 9 det DET
        bases 3 conj NOUN/NNS base
        of 9 prep ADP
        Nusra 10 pobj PROPN - B-ORG
        and 11 cc CCONJ
        SRF 11 conj PROPN - B-ORG
    """) == {("isis", "attacks", "syrian-refugee"), ("isis", "attacks", "al-nusra-front"),
             ("isis", "attacks", "srf")}

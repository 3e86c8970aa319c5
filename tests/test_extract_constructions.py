"""Constructions of conflict and support reporting on hand-built parsed Docs: helpers who join a
fight, fire received, weapons used against an enemy, operations coordinated with a partner,
solidarity, unit names after partitive nouns, postings to a unit.
"""

from __future__ import annotations

from extract_docs import run, triples


def test_a_helper_joins_the_fight_it_helps_with() -> None:
    found = triples("""
        The 1 det DET
        Coalition 2 nsubj PROPN - B-ORG
        assisted 2 ROOT VERB assist
        Iraq 2 dobj PROPN - B-GPE
        to 5 aux PART
        defeat 2 xcomp VERB defeat
        ISIS 5 dobj PROPN - B-ORG
    """)
    # the helper backs Iraq and fights ISIS with it: the two are co-belligerents, allies
    assert found == {("iraq", "backed-by", "global-coalition"), ("iraq", "fights", "isis"),
                     ("global-coalition", "fights", "isis"),
                     ("iraq", "allied-with", "global-coalition")}


def test_support_in_its_efforts_to_defeat_makes_the_supporter_fight_too() -> None:
    found = triples("""
        US 1 nsubj PROPN - B-GPE
        supported 1 ROOT VERB support
        Iraq 1 dobj PROPN - B-GPE
        in 1 prep ADP
        its 5 poss PRON/PRP$
        efforts 3 pobj NOUN effort
        to 7 aux PART
        defeat 5 acl VERB defeat
        ISIS 7 dobj PROPN - B-ORG
    """)
    assert {("iraq", "backed-by", "united-states"), ("united-states", "fights", "isis")} <= found


def test_one_who_urges_an_attack_does_not_join_it() -> None:
    found = triples("""
        Syria 1 nsubj PROPN - B-GPE
        urged 1 ROOT VERB urge
        Nusra 1 dobj PROPN - B-ORG
        to 4 aux PART
        attack 1 xcomp VERB attack
        ISIS 4 dobj PROPN - B-ORG
    """)
    assert ("syria", "attacks", "isis") not in found
    assert ("al-nusra-front", "attacks", "isis") in found


def test_coming_under_fire_from_an_actor_is_an_attack_by_it() -> None:
    assert triples("""
        Iraqi 1 amod ADJ - B-NORP
        troops 2 nsubj NOUN troop
        came 2 ROOT VERB come
        under 2 prep ADP
        fire 3 pobj NOUN fire
        from 2 prep ADP
        ISIS 5 pobj PROPN - B-ORG
    """) == {("isis", "attacks", "iraq")}


def test_weapons_used_against_an_actor_are_an_attack_also_through_coordination() -> None:
    assert triples("""
        Syria 1 nsubj PROPN - B-GPE
        used 1 ROOT VERB use
        chemical 3 amod ADJ
        weapons 1 dobj NOUN weapon
        and 3 cc CCONJ
        artillery 3 conj NOUN
        against 5 prep ADP
        ISIS 6 pobj PROPN - B-ORG
    """) == {("syria", "attacks", "isis")}


def test_strikes_coordinated_with_a_partner_are_cooperation_of_whoever_conducted_them() -> None:
    found = run("""
        The 1 det DET
        Coalition 2 nsubj PROPN - B-ORG
        conducted 2 ROOT VERB conduct
        strikes 2 dobj NOUN strike
        coordinated 3 acl VERB/VBN coordinate
        with 4 prep ADP
        Iraq 5 pobj PROPN - B-GPE
    """)
    assert {(frozenset((a.subject.id, a.object.id)), a.relation) for a in found} == {
        (frozenset(("global-coalition", "iraq")), "cooperates-with")}


def test_standing_with_an_actor_is_support() -> None:
    assert triples("""
        The 1 det DET
        US 2 nsubj PROPN - B-GPE
        stands 2 ROOT VERB stand
        with 2 prep ADP
        Iraq 3 pobj PROPN - B-GPE
    """) == {("iraq", "backed-by", "united-states")}


def test_standing_shoulder_to_shoulder_with_an_actor_is_support() -> None:
    assert triples("""
        US 1 nsubj PROPN - B-GPE
        stands 1 ROOT VERB stand
        shoulder 1 dobj NOUN
        to 4 aux PART
        shoulder 1 advcl VERB
        with 4 prep ADP
        Iraq 5 pobj PROPN - B-GPE
    """) == {("iraq", "backed-by", "united-states")}


def test_a_unit_name_after_partitive_nouns_names_the_unit() -> None:
    found = run("""
        The 1 det DET
        Men 8 nsubj PROPN - B-ORG
        and 1 cc CCONJ - I-ORG
        Women 1 conj PROPN - I-ORG
        of 1 prep ADP - I-ORG
        the 7 det DET - I-ORG
        5th 7 amod ADJ - I-ORG
        Brigade 4 pobj PROPN - I-ORG
        fought 8 ROOT VERB fight
        ISIS 8 dobj PROPN - B-ORG
    """)
    assert [(a.subject.label, a.relation, a.object.id) for a in found] == [
        ("5th Brigade", "fights", "isis")]


def test_a_person_assigned_to_a_unit_is_its_member() -> None:
    found = run("""
        John 1 compound PROPN - B-PERSON
        Ward 3 nsubjpass PROPN - I-PERSON
        was 3 auxpass AUX be
        assigned 3 ROOT VERB/VBN assign
        to 3 prep ADP
        the 7 det DET
        5th 7 amod ADJ - B-ORG
        Brigade 4 pobj PROPN - I-ORG
    """)
    assert [(a.subject.label, a.relation, a.object.label) for a in found] == [
        ("John Ward", "member-of", "5th Brigade")]


def test_its_allies_after_a_conjunct_are_that_conjuncts_allies() -> None:
    found = triples("""
        Syria 7 nsubj PROPN - B-GPE
        and 0 cc CCONJ
        its 3 poss PRON/PRP$
        allies 0 conj NOUN/NNS ally
        Iraq 3 appos PROPN - B-GPE
        and 4 cc CCONJ
        Nusra 4 conj PROPN - B-ORG
        attacked 7 ROOT VERB attack
        ISIS 7 dobj PROPN - B-ORG
    """)
    assert {("iraq", "allied-with", "syria"), ("al-nusra-front", "allied-with", "syria"),
            ("syria", "attacks", "isis")} <= found


def test_together_with_makes_a_companion_of_the_phrase_it_hangs_on() -> None:
    found = run("""
        Nusra 5 nsubj PROPN - B-ORG
        , 0 punct PUNCT
        together 3 advmod ADV
        with 0 prep ADP
        Syria 3 pobj PROPN - B-GPE
        attacked 5 ROOT VERB attack
        ISIS 5 dobj PROPN - B-ORG
    """)
    assert {(a.subject.id, a.relation, a.object.id, a.evidence.rule) for a in found} == {
        ("al-nusra-front", "cooperates-with", "syria", "companion:with"),
        ("al-nusra-front", "attacks", "isis", "verb:attack")}


def test_a_fronted_companion_acts_with_the_clause_subject() -> None:
    found = triples("""
        Alongside 4 prep ADP
        Syria 0 pobj PROPN - B-GPE
        , 4 punct PUNCT
        Nusra 4 nsubj PROPN - B-ORG
        attacked 4 ROOT VERB attack
        ISIS 4 dobj PROPN - B-ORG
    """)
    assert ("al-nusra-front", "cooperates-with", "syria") in found


def test_fighting_alongside_is_left_to_the_verb() -> None:
    found = run("""
        Nusra 1 nsubj PROPN - B-ORG
        fought 1 ROOT VERB fight
        alongside 1 prep ADP
        Syria 2 pobj PROPN - B-GPE
    """)
    assert [(a.subject.id, a.relation, a.object.id) for a in found] == [
        ("al-nusra-front", "allied-with", "syria")]


def test_in_support_of_an_actor_the_clause_subject_backs_it() -> None:
    assert triples("""
        The 1 det DET
        Coalition 2 nsubj PROPN - B-ORG
        bombed 2 ROOT VERB bomb
        ISIS 2 dobj PROPN - B-ORG
        in 2 prep ADP
        support 4 pobj NOUN
        of 5 prep ADP
        Iraq 6 pobj PROPN - B-GPE
    """) == {("global-coalition", "attacks", "isis"), ("iraq", "backed-by", "global-coalition")}


def test_with_the_support_of_is_still_the_agent_of_the_support() -> None:
    assert triples("""
        Iraq 1 nsubj PROPN - B-GPE
        fought 1 ROOT VERB fight
        with 1 prep ADP
        the 4 det DET
        support 2 pobj NOUN
        of 4 prep ADP
        US 5 pobj PROPN - B-GPE
    """) == {("iraq", "backed-by", "united-states")}


def test_an_unlemmatised_past_form_still_triggers_its_row() -> None:
    assert triples("""
        Syria 1 nsubj PROPN - B-GPE
        retook 1 ROOT VERB retook
        Palmyra 1 dobj PROPN
        from 1 prep ADP
        ISIS 3 pobj PROPN - B-ORG
    """) == {("syria", "attacks", "isis")}


def test_a_single_strike_named_by_its_state_is_that_states_attack() -> None:
    assert triples("""
        A 3 det DET
        US 3 compound PROPN - B-GPE
        drone 3 compound NOUN
        strike 4 nsubj NOUN strike
        killed 4 ROOT VERB kill
        ISIS 6 compound PROPN - B-ORG
        fighters 4 dobj NOUN fighter
    """) == {("united-states", "attacks", "isis")}


def test_a_name_hung_on_a_force_noun_by_its_first_word_stands_for_the_forces() -> None:
    # "Syrian Government forces": the parser may make the first word the noun's modifier
    assert triples("""
        Syrian 2 amod ADJ - B-ORG
        Government 2 compound PROPN - I-ORG
        forces 3 nsubj NOUN force
        attacked 3 ROOT VERB attack
        ISIS 3 dobj PROPN - B-ORG
    """) == {("syria", "attacks", "isis")}


def test_an_event_noun_object_hung_on_its_by_agent() -> None:
    assert triples("""
        The 1 det DET
        offensive 7 nsubj NOUN offensive
        by 1 prep ADP
        Iraqi 4 amod ADJ - B-NORP
        forces 2 pobj NOUN force
        against 4 prep ADP
        ISIS 5 pobj PROPN - B-ORG
        began 7 ROOT VERB begin
    """) == {("iraq", "attacks", "isis")}


def test_a_named_brigade_of_an_owner_is_its_member_and_acts_alone() -> None:
    # "Nusra's Qaeda brigade attacked ISIS": the brigade attacks, and belongs to its owner
    assert triples("""
        Nusra 3 poss PROPN - B-ORG
        's 0 case PART
        Qaeda 3 compound PROPN - B-ORG
        brigade 4 nsubj NOUN brigade
        attacked 4 ROOT VERB attack
        ISIS 4 dobj PROPN - B-ORG
    """) == {("al-qaeda", "member-of", "al-nusra-front"), ("al-qaeda", "attacks", "isis")}


def test_a_list_misread_as_an_apposition_still_distributes() -> None:
    # "US, the Coalition and Iraq attacked ISIS", the parser making the second name an apposition
    assert triples("""
        US 6 nsubj PROPN - B-GPE
        , 0 punct PUNCT
        the 3 det DET
        Coalition 0 appos PROPN - B-ORG
        and 3 cc CCONJ
        Iraq 3 conj PROPN - B-GPE
        attacked 6 ROOT VERB attack
        ISIS 6 dobj PROPN - B-ORG
    """) == {("united-states", "attacks", "isis"), ("global-coalition", "attacks", "isis"),
             ("iraq", "attacks", "isis")}


def test_a_described_apposition_is_no_list_member() -> None:
    # "Nusra, a rebel group, and ISIS attacked Iraq": the description is no actor of its own
    assert triples("""
        Nusra 7 nsubj PROPN - B-ORG
        , 0 punct PUNCT
        a 4 det DET
        rebel 4 compound NOUN
        group 0 appos NOUN
        and 4 cc CCONJ
        ISIS 4 conj PROPN - B-ORG
        attacked 7 ROOT VERB attack
        Iraq 7 dobj PROPN - B-GPE
    """) == {("al-nusra-front", "attacks", "iraq"), ("isis", "attacks", "iraq")}


def test_regime_forces_are_the_forces_of_the_state_last_named() -> None:
    assert triples("""
        Syria 1 nsubj PROPN - B-GPE
        said 1 ROOT VERB say
        regime 3 compound NOUN regime
        forces 4 nsubj NOUN force
        attacked 1 ccomp VERB attack
        ISIS 4 dobj PROPN - B-ORG
    """) == {("syria", "attacks", "isis")}
    # any regime-noun, also one that is no state-anaphor of its own
    assert triples("""
        Syria 1 nsubj PROPN - B-GPE
        said 1 ROOT VERB say
        administration 3 compound NOUN administration
        troops 4 nsubj NOUN troop
        attacked 1 ccomp VERB attack
        ISIS 4 dobj PROPN - B-ORG
    """) == {("syria", "attacks", "isis")}
    assert triples("""
        Regime 1 compound NOUN regime
        forces 2 nsubj NOUN force
        attacked 2 ROOT VERB attack
        ISIS 2 dobj PROPN - B-ORG
    """) == set()

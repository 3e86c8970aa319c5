"""Frame behaviour on hand-built parsed Docs: each frame kind, coordination, passive, reciprocals.

The Docs are written by hand (see extract_docs.py) so that the tests pin what the frames do
with a given parse, whatever a statistical model would make of the sentence.
"""

from __future__ import annotations

from extract_docs import run, triples


def test_active_verb_with_direct_object() -> None:
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        Nusra 1 dobj PROPN - B-ORG
    """) == {("isis", "attacks", "al-nusra-front")}


def test_passive_swaps_agent_and_patient() -> None:
    assert triples("""
        Nusra 2 nsubjpass PROPN - B-ORG
        was 2 auxpass AUX be
        attacked 2 ROOT VERB/VBN attack
        by 2 agent ADP
        ISIS 3 pobj PROPN - B-ORG
    """) == {("isis", "attacks", "al-nusra-front")}


def test_backs_is_stored_as_backed_by() -> None:
    assert triples("""
        US 1 nsubj PROPN - B-GPE
        backed 1 ROOT VERB back
        SRF 1 dobj PROPN - B-ORG
    """) == {("srf", "backed-by", "united-states")}


def test_coordinated_subjects_through_xcomp_distribute() -> None:
    found = run("""
        ISIS 3 nsubj PROPN - B-ORG
        and 0 cc CCONJ
        Nusra 0 conj PROPN - B-ORG
        agreed 3 ROOT VERB agree
        to 5 aux PART
        fight 3 xcomp VERB fight
        Syria 5 dobj PROPN - B-GPE
    """)
    assert {(a.subject.id, a.relation, a.object.id) for a in found} == {
        ("isis", "fights", "syria"), ("al-nusra-front", "fights", "syria")}
    assert {a.modality for a in found} == {"intended"}


def test_coordinated_objects_distribute() -> None:
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        Nusra 1 dobj PROPN - B-ORG
        and 2 cc CCONJ
        SRF 2 conj PROPN - B-ORG
    """) == {("isis", "attacks", "al-nusra-front"), ("isis", "attacks", "srf")}


def test_each_other_relates_the_coordinated_subjects() -> None:
    assert triples("""
        ISIS 3 nsubj PROPN - B-ORG
        and 0 cc CCONJ
        Nusra 0 conj PROPN - B-ORG
        fought 3 ROOT VERB fight
        each 5 det DET
        other 3 dobj ADJ
    """) == {("isis", "fights", "al-nusra-front")}


def test_prepositional_object_and_partner_preposition() -> None:
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        fought 1 ROOT VERB fight
        alongside 1 prep ADP
        Nusra 2 pobj PROPN - B-ORG
        against 1 prep ADP
        Syria 4 pobj PROPN - B-GPE
    """) == {("isis", "allied-with", "al-nusra-front"), ("isis", "fights", "syria")}


def test_particle_and_object_word_rows() -> None:
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        joined 1 ROOT VERB join
        forces 1 dobj NOUN force
        with 1 prep ADP
        Nusra 3 pobj PROPN - B-ORG
    """) == {("isis", "allied-with", "al-nusra-front")}
    assert triples("""
        Nusra 1 nsubj PROPN - B-ORG
        broke 1 ROOT VERB break
        away 1 prt ADP
        from 1 prep ADP
        Qaeda 3 pobj PROPN - B-ORG
    """) == {("al-nusra-front", "split-from", "al-qaeda")}


def test_relative_clause_subject_is_the_name_before_which() -> None:
    assert triples("""
        veterans 0 ROOT NOUN veteran
        and 0 cc CCONJ
        Nusra 0 conj PROPN - B-ORG
        , 0 punct PUNCT
        which 6 nsubj PRON
        has 6 aux AUX have
        joined 0 relcl VERB join
        ISIS 6 dobj PROPN - B-ORG
    """) == {("al-nusra-front", "member-of", "isis")}


def test_event_noun_between_and_possessive_with() -> None:
    assert triples("""
        the 1 det DET
        alliance 1 ROOT NOUN alliance
        between 1 prep ADP
        ISIS 2 pobj PROPN - B-ORG
        and 3 cc CCONJ
        Nusra 3 conj PROPN - B-ORG
    """) == {("isis", "allied-with", "al-nusra-front")}
    assert triples("""
        ISIS 2 poss PROPN - B-ORG
        's 0 case PART
        war 2 ROOT NOUN war
        against 2 prep ADP
        Syria 3 pobj PROPN - B-GPE
    """) == {("isis", "fights", "syria")}


def test_light_verb_lends_its_subjects_to_the_noun() -> None:
    assert triples("""
        ISIS 3 nsubj PROPN - B-ORG
        and 0 cc CCONJ
        Nusra 0 conj PROPN - B-ORG
        formed 3 ROOT VERB form
        an 5 det DET
        alliance 3 dobj NOUN alliance
    """) == {("isis", "allied-with", "al-nusra-front")}


def test_name_modifying_a_force_noun_is_the_attacker() -> None:
    assert triples("""
        US 2 compound PROPN - B-GPE
        air 2 compound NOUN
        strikes 2 ROOT NOUN/NNS strike
        on 2 prep ADP
        ISIS 3 pobj PROPN - B-ORG
    """) == {("united-states", "attacks", "isis")}


def test_role_noun_possessive_and_apposition() -> None:
    assert triples("""
        Qaeda 2 poss PROPN - B-ORG
        's 0 case PART
        affiliate 2 ROOT NOUN affiliate
        , 2 punct PUNCT
        Nusra 2 appos PROPN - B-ORG
        and 4 cc CCONJ
        ISIS 4 conj PROPN - B-ORG
    """) == {("al-nusra-front", "affiliate-of", "al-qaeda")}  # singular: ISIS is not included


def test_role_noun_compound_and_copula() -> None:
    assert triples("""
        Qaeda 1 compound PROPN - B-ORG
        leader 2 compound NOUN leader
        Zawahiri 2 ROOT PROPN - B-PERSON
    """) == {("ayman-al-zawahiri", "leader-of", "al-qaeda")}
    assert triples("""
        Nusra 1 nsubj PROPN - B-ORG
        is 1 ROOT AUX be
        a 3 det DET
        member 1 attr NOUN member
        of 3 prep ADP
        Qaeda 4 pobj PROPN - B-ORG
    """) == {("al-nusra-front", "member-of", "al-qaeda")}


def test_role_subject_type_is_checked() -> None:
    # a leader must be a person: "ISIS leader Nusra" is no leadership claim
    assert triples("""
        ISIS 1 compound PROPN - B-ORG
        leader 2 compound NOUN leader
        Nusra 2 ROOT PROPN - B-ORG
    """) == set()


def test_hyphenated_participle() -> None:
    found = run("""
        the 4 det DET
        US 3 npadvmod PROPN - B-GPE
        - 3 punct PUNCT
        backed 4 amod VERB/VBN back
        SRF 4 ROOT PROPN - B-ORG
    """)
    assert [(a.subject.id, a.relation, a.object.id, a.evidence.rule) for a in found] == [
        ("srf", "backed-by", "united-states", "adj:back")]


def test_agent_prepositional_phrase() -> None:
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        suffered 1 ROOT VERB suffer
        losses 1 dobj NOUN loss
        at 1 prep ADP
        the 5 det DET
        hands 3 pobj NOUN hand
        of 5 prep ADP
        Iraqi 8 amod ADJ
        forces 6 pobj NOUN/NNS force
    """) == {("iraq", "attacks", "isis")}


def test_no_relation_with_vague_mentions_or_oneself() -> None:
    assert triples("""
        militants 1 nsubj NOUN militant
        attacked 1 ROOT VERB attack
        ISIS 1 dobj PROPN - B-ORG
    """) == set()
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        ISIS 1 dobj PROPN - B-ORG
    """) == set()


def test_duplicates_in_a_sentence_are_kept_once() -> None:
    found = run("""
        ISIS 1 nsubj PROPN - B-ORG
        pledged 1 ROOT VERB pledge
        allegiance 1 dobj NOUN allegiance
        to 1 prep ADP
        Qaeda 3 pobj PROPN - B-ORG
    """)
    assert [(a.subject.id, a.relation, a.object.id) for a in found] == [
        ("isis", "pledges-allegiance-to", "al-qaeda")]


def test_evidence_offsets_and_record() -> None:
    (a,) = run("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        Nusra 1 dobj PROPN - B-ORG
    """)
    record = a.to_json()
    assert record["sentence"] == "ISIS attacked Nusra"
    assert (record["start"], record["end"]) == (0, len("ISIS attacked Nusra"))
    assert record["rule"] == "verb:attack"
    assert record["subject_text"] == "ISIS" and record["object_text"] == "Nusra"
    assert record["time"] == "2014-11-16"
    assert 0 < record["confidence"] <= 1


def test_conditional_threat_targets_the_subject_of_unless() -> None:
    # "ISIS threatened to strike unless Syria withdrew"
    assert ("isis", "threatens", "syria") in triples("""
        ISIS 1 nsubj PROPN - B-ORG
        threatened 1 ROOT VERB threaten
        to 3 aux PART
        strike 1 xcomp VERB strike
        unless 6 mark SCONJ
        Syria 6 nsubj PROPN - B-GPE
        withdrew 3 advcl VERB withdraw
    """)


def test_object_control_makes_the_object_act_and_prevent_negates() -> None:
    # "the US prevented Nusra from attacking Syria"
    found = run("""
        US 1 nsubj PROPN - B-GPE
        prevented 1 ROOT VERB prevent
        Nusra 1 dobj PROPN - B-ORG
        from 1 prep ADP
        attacking 3 pcomp VERB attack
        Syria 4 dobj PROPN - B-GPE
    """)
    assert [(a.subject.id, a.relation, a.object.id, a.polarity) for a in found] == [
        ("al-nusra-front", "attacks", "syria", "negated")]


def test_joining_a_state_in_an_action_is_no_membership() -> None:
    # "Iraq joined Syria in backing the SRF"
    assert triples("""
        Iraq 1 nsubj PROPN - B-GPE
        joined 1 ROOT VERB join
        Syria 1 dobj PROPN - B-GPE
        in 1 prep ADP
        backing 3 pcomp VERB back
        SRF 4 dobj PROPN - B-ORG
    """) == {("iraq", "cooperates-with", "syria"), ("srf", "backed-by", "iraq")}
    # "Iraq joined Syria": a state is no organisation one becomes a member of
    assert triples("""
        Iraq 1 nsubj PROPN - B-GPE
        joined 1 ROOT VERB join
        Syria 1 dobj PROPN - B-GPE
    """) == set()


def test_joint_operation_relates_the_coordinated_subjects() -> None:
    # "ISIS and Nusra launched a joint attack on Syria"
    assert triples("""
        ISIS 3 nsubj PROPN - B-ORG
        and 0 cc CCONJ
        Nusra 0 conj PROPN - B-ORG
        launched 3 ROOT VERB launch
        a 6 det DET
        joint 6 amod ADJ joint
        attack 3 dobj NOUN attack
        on 6 prep ADP
        Syria 7 pobj PROPN - B-GPE
    """) == {("isis", "cooperates-with", "al-nusra-front"), ("isis", "attacks", "syria"),
             ("al-nusra-front", "attacks", "syria")}


def test_split_to_form_a_new_group_reverses() -> None:
    # "members of Nusra split to form the Tawhid Brigade"
    assert triples("""
        members 3 nsubj NOUN/NNS member
        of 0 prep ADP
        Nusra 1 pobj PROPN - B-ORG
        split 3 ROOT VERB split
        to 5 aux PART
        form 3 advcl VERB form
        the 8 det DET
        Tawhid 8 compound PROPN - B-ORG
        Brigade 5 dobj PROPN - I-ORG
    """) == {("tawhid-brigade", "split-from", "al-nusra-front")}


def test_regards_x_as_part_of_y_makes_x_the_member() -> None:
    # "Syria regards the SRF as part of al-Qaeda"
    assert triples("""
        Syria 1 nsubj PROPN - B-GPE
        regards 1 ROOT VERB regard
        the 3 det DET
        SRF 1 dobj PROPN - B-ORG
        as 1 prep ADP
        part 4 pobj NOUN part
        of 5 prep ADP
        Qaeda 6 pobj PROPN - B-ORG
    """) == {("srf", "member-of", "al-qaeda")}


def test_a_passive_subject_holds_the_role_after_as() -> None:
    # "The SRF was founded as a splinter group of al-Qaeda"
    assert triples("""
        The 1 det DET
        SRF 3 nsubjpass PROPN - B-ORG
        was 3 auxpass AUX be
        founded 3 ROOT VERB/VBN found
        as 3 prep ADP
        a 7 det DET
        splinter 7 compound NOUN
        group 4 pobj NOUN
        of 7 prep ADP
        Qaeda 8 pobj PROPN - B-ORG
    """) == {("srf", "split-from", "al-qaeda")}


def test_population_is_only_a_target_of_violence() -> None:
    # "ISIS attacked Syrian civilians" / "ISIS backed Syrian civilians"
    spec = """
        ISIS 1 nsubj PROPN - B-ORG
        {verb} 1 ROOT VERB {lemma}
        Syrian 3 amod ADJ - B-NORP
        civilians 1 dobj NOUN/NNS civilian
    """
    assert triples(spec.format(verb="attacked", lemma="attack")) == {
        ("isis", "attacks", "syrian-civilian")}
    assert triples(spec.format(verb="backed", lemma="back")) == set()


def test_one_claim_per_sentence_for_verb_and_noun_readings() -> None:
    # "Nusra pledged allegiance to al-Qaeda": one assertion, actual (not intended)
    found = run("""
        Nusra 1 nsubj PROPN - B-ORG
        pledged 1 ROOT VERB pledge
        allegiance 1 dobj NOUN allegiance
        to 1 prep ADP
        Qaeda 3 pobj PROPN - B-ORG
    """)
    assert [(a.relation, a.modality) for a in found] == [("pledges-allegiance-to", "actual")]


def test_why_not_names_the_failing_condition() -> None:
    from extract_docs import LEXICON, doc, gazetteer

    from kgraph.extract.frames import why_not
    from kgraph.extract.mentions import find_mentions
    from kgraph.know.relations import load_cues

    d = doc("""
        Syria 2 nsubjpass PROPN - B-GPE
        was 2 auxpass AUX be
        attacked 2 ROOT VERB/VBN attack
    """)
    index = find_mentions(d, gazetteer=gazetteer(), cues=load_cues())
    (row,) = [e for e in LEXICON["attack", "verb"] if e.file == "lexicon.csv" and e.frame == "verb"]
    assert why_not(d[2], row, index=index, cues=load_cues()) == "a passive with no 'by' agent"


def test_participle_takes_the_noun_it_modifies_as_subject() -> None:
    # "ISIS struck gunmen shooting at Nusra": the gunmen shoot, not ISIS
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        struck 1 ROOT VERB strike
        gunmen 1 dobj NOUN gunman
        firing 2 acl VERB/VBG fire
        at 3 prep ADP
        Nusra 4 pobj PROPN - B-ORG
    """) == set()


def test_object_control_makes_the_object_the_actor() -> None:
    # "the US helped Iraq to defeat ISIS": Iraq fights ISIS, the US backs Iraq (and, as the
    # helper of that fight, fights ISIS too and is Iraq's ally: see
    # test_extract_constructions.py)
    assert triples("""
        US 1 nsubj PROPN - B-GPE
        helped 1 ROOT VERB help
        Iraq 1 dobj PROPN - B-GPE
        to 4 aux PART
        defeat 1 xcomp VERB defeat
        ISIS 4 dobj PROPN - B-ORG
    """) == {("iraq", "backed-by", "united-states"), ("iraq", "fights", "isis"),
             ("united-states", "fights", "isis"), ("iraq", "allied-with", "united-states")}


def test_fronted_phrase_misparsed_as_subject_is_dropped() -> None:
    # "Outside Syria, two raids hit ISIS": the parser made "Syria" a second subject
    assert triples("""
        Outside 1 compound PROPN
        Syria 5 nsubj PROPN - B-GPE
        , 5 punct PUNCT
        two 4 nummod NUM
        raids 5 nsubj NOUN raid
        hit 5 ROOT VERB strike
        ISIS 5 dobj PROPN - B-ORG
    """) == set()


def test_hyphenated_pair_before_an_event_noun() -> None:
    # "the Syria-Iraq war": the parser hangs Syria on Iraq
    found = triples("""
        the 4 det DET
        Syria 3 compound PROPN - B-GPE
        - 3 punct PUNCT
        Iraq 4 compound PROPN - B-GPE
        war 4 ROOT NOUN
    """)
    assert {frozenset((s, o)) for s, r, o in found if r == "fights"} == {
        frozenset(("syria", "iraq"))}


def test_received_fire_reads_the_source_as_attacker() -> None:
    assert triples("""
        Nusra 1 nsubj PROPN - B-ORG
        received 1 ROOT VERB receive
        fire 1 dobj NOUN
        from 1 prep ADP
        ISIS 3 pobj PROPN - B-ORG
    """) == {("isis", "attacks", "al-nusra-front")}


def test_a_noun_tagged_as_a_verb_in_a_noun_slot_is_read_as_the_noun() -> None:
    # "A wave of US airstrikes against ISIS ended": the tagger made "airstrikes" a verb
    assert triples("""
        A 1 det DET
        wave 7 nsubj NOUN
        of 1 prep ADP
        US 4 compound PROPN - B-GPE
        airstrikes 2 pobj VERB/VBZ airstrike
        against 4 prep ADP
        ISIS 5 pobj PROPN - B-ORG
        ended 7 ROOT VERB end
    """) == {("united-states", "attacks", "isis")}


def test_a_verb_in_a_noun_slot_with_its_own_subject_stays_a_verb() -> None:
    # "ISIS split from Nusra over the truce SRF had signed": the parser made "split" the
    # subject of "signed", but "split" has a subject of its own
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        split 8 nsubj VERB/VBD split
        from 1 prep ADP
        Nusra 2 pobj PROPN - B-ORG
        over 1 prep ADP
        the 6 det DET
        truce 4 pobj NOUN
        SRF 8 nsubj PROPN - B-ORG
        had 8 aux AUX have
        signed 8 ROOT VERB/VBD sign
    """) == {("isis", "split-from", "al-nusra-front")}


def test_the_name_before_a_purpose_noun_is_the_actor() -> None:
    # "US efforts to defeat ISIS continued"
    assert triples("""
        US 1 compound PROPN - B-GPE
        efforts 5 nsubj NOUN/NNS effort
        to 3 aux PART
        defeat 1 acl VERB defeat
        ISIS 3 dobj PROPN - B-ORG
        continued 5 ROOT VERB continue
    """) == {("united-states", "fights", "isis")}


def test_in_the_fight_against_is_about_the_supported_party() -> None:
    # "The US pledged support for Iraq in the fight against ISIS"
    assert triples("""
        The 1 det DET
        US 2 nsubj PROPN - B-GPE
        pledged 2 ROOT VERB pledge
        support 2 dobj NOUN
        for 3 prep ADP
        Iraq 4 pobj PROPN - B-GPE
        in 3 prep ADP
        the 8 det DET
        fight 6 pobj NOUN
        against 8 prep ADP
        ISIS 9 pobj PROPN - B-ORG
    """) == {("iraq", "backed-by", "united-states"), ("iraq", "fights", "isis")}


def test_in_their_fight_hanging_on_an_actor_is_that_actor_fighting() -> None:
    # "The US backed the Iraqi people in their fight against ISIS"
    found = run("""
        The 1 det DET
        US 2 nsubj PROPN - B-GPE
        backed 2 ROOT VERB back
        the 5 det DET
        Iraqi 5 amod ADJ - B-NORP
        people 2 dobj NOUN/NNS people
        in 5 prep ADP
        their 8 poss PRON/PRP$
        fight 6 pobj NOUN
        against 8 prep ADP
        ISIS 9 pobj PROPN - B-ORG
    """)
    assert {(a.subject.id, a.relation, a.object.id) for a in found} == {
        ("iraq", "backed-by", "united-states"), ("iraq", "fights", "isis")}
    fight = next(a for a in found if a.relation == "fights")
    assert fight.evidence.subject_text == "Iraqi people"


def test_a_bare_role_noun_between_a_person_and_an_organisation() -> None:
    # "Zawahiri, leader, Qaeda, spoke"
    assert triples("""
        Zawahiri 6 nsubj PROPN - B-PERSON
        , 0 punct PUNCT
        leader 0 appos NOUN
        , 0 punct PUNCT
        Qaeda 0 appos PROPN - B-ORG
        , 0 punct PUNCT
        spoke 6 ROOT VERB speak
    """) == {("ayman-al-zawahiri", "leader-of", "al-qaeda")}


def test_a_front_that_includes_a_group_has_it_as_a_member() -> None:
    # "The SRF, which includes Nusra, attacked ISIS"
    assert triples("""
        The 1 det DET
        SRF 7 nsubj PROPN - B-ORG
        , 1 punct PUNCT
        which 4 nsubj PRON
        includes 1 relcl VERB include
        Nusra 4 dobj PROPN - B-ORG
        , 1 punct PUNCT
        attacked 7 ROOT VERB attack
        ISIS 7 dobj PROPN - B-ORG
    """) == {("al-nusra-front", "member-of", "srf"), ("srf", "attacks", "isis")}


def test_as_part_of_after_an_object_that_is_no_actor_is_about_the_subject() -> None:
    # "Nusra staged raids as part of the SRF"
    assert triples("""
        Nusra 1 nsubj PROPN - B-ORG
        staged 1 ROOT VERB stage
        raids 1 dobj NOUN/NNS raid
        as 1 prep ADP
        part 3 pobj NOUN
        of 4 prep ADP
        the 7 det DET
        SRF 5 pobj PROPN - B-ORG
    """) == {("al-nusra-front", "member-of", "srf")}


def test_a_by_phrase_names_the_agent_of_an_event_noun() -> None:
    # "The killing of Zawahiri by the US shocked ..."
    assert triples("""
        The 1 det DET
        killing 7 nsubj NOUN
        of 1 prep ADP
        Zawahiri 2 pobj PROPN - B-PERSON
        by 1 prep ADP
        the 6 det DET
        US 4 pobj PROPN - B-GPE
        shocked 7 ROOT VERB shock
    """) == {("united-states", "attacks", "ayman-al-zawahiri")}


def test_a_commander_in_a_group_is_a_member_and_its_commander_leads_it() -> None:
    # "Zawahiri, a commander in the SRF, spoke"
    assert triples("""
        Zawahiri 8 nsubj PROPN - B-PERSON
        , 0 punct PUNCT
        a 3 det DET
        commander 0 appos NOUN
        in 3 prep ADP
        the 6 det DET
        SRF 4 pobj PROPN - B-ORG
        , 0 punct PUNCT
        spoke 8 ROOT VERB speak
    """) == {("ayman-al-zawahiri", "member-of", "srf")}
    # "SRF commander Zawahiri spoke": the leader, not also a member
    assert triples("""
        SRF 1 compound PROPN - B-ORG
        commander 2 compound NOUN
        Zawahiri 3 nsubj PROPN - B-PERSON
        spoke 3 ROOT VERB speak
    """) == {("ayman-al-zawahiri", "leader-of", "srf")}


def test_a_participle_after_a_comma_describes_the_name_before_it() -> None:
    # "The talks between the SRF, led by Zawahiri, and Nusra ended": the parser hangs "led"
    # on "talks"
    found = triples("""
        The 1 det DET
        talks 12 nsubj NOUN/NNS talk
        between 1 prep ADP
        the 4 det DET
        SRF 2 pobj PROPN - B-ORG
        , 1 punct PUNCT
        led 1 acl VERB/VBN lead
        by 6 agent ADP
        Zawahiri 7 pobj PROPN - B-PERSON
        , 1 punct PUNCT
        and 4 cc CCONJ
        Nusra 4 conj PROPN - B-ORG
        ended 12 ROOT VERB end
    """)
    assert ("ayman-al-zawahiri", "leader-of", "srf") in found


def test_cutting_aid_is_a_sanction() -> None:
    # "The US suspended all military aid to the SRF"
    assert triples("""
        The 1 det DET
        US 2 nsubj PROPN - B-GPE
        suspended 2 ROOT VERB suspend
        all 5 det DET
        military 5 amod ADJ
        aid 2 dobj NOUN aid
        to 2 prep ADP
        the 8 det DET
        SRF 6 pobj PROPN - B-ORG
    """) == {("united-states", "sanctions", "srf")}


def test_mediation_between_two_parties_is_talks_with_each() -> None:
    # "Iraq undertook a mediation mission between ISIS and Nusra"
    assert triples("""
        Iraq 1 nsubj PROPN - B-GPE
        undertook 1 ROOT VERB undertake
        a 4 det DET
        mediation 4 compound NOUN mediation
        mission 1 dobj NOUN mission
        between 4 prep ADP
        ISIS 5 pobj PROPN - B-ORG
        and 6 cc CCONJ
        Nusra 6 conj PROPN - B-ORG
    """) == {("iraq", "negotiates-with", "isis"), ("iraq", "negotiates-with", "al-nusra-front")}


def test_expulsion_reads_by_the_type_of_the_expelled() -> None:
    # an armed group is fought out of a place; a state's diplomats are a sanction
    assert triples("""
        Syria 1 nsubj PROPN - B-GPE
        expelled 1 ROOT VERB expel
        Nusra 1 dobj PROPN - B-ORG
    """) == {("syria", "fights", "al-nusra-front")}
    assert triples("""
        Syria 1 nsubj PROPN - B-GPE
        expelled 1 ROOT VERB expel
        the 4 det DET
        American 4 amod ADJ - B-NORP
        ambassador 1 dobj NOUN ambassador
    """) == {("syria", "sanctions", "united-states")}


def test_event_noun_takes_a_preposition_hung_on_its_light_verb() -> None:
    # "ISIS opened fire on Iraqi troops"; "ISIS issued an ultimatum to the SRF"
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        opened 1 ROOT VERB open
        fire 1 dobj NOUN fire
        on 1 prep ADP
        Iraqi 5 amod ADJ - B-NORP
        troops 3 pobj NOUN/NNS troop
    """) == {("isis", "attacks", "iraq")}
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        issued 1 ROOT VERB issue
        an 3 det DET
        ultimatum 1 dobj NOUN ultimatum
        to 1 prep ADP
        the 6 det DET
        SRF 4 pobj PROPN - B-ORG
    """) == {("isis", "threatens", "srf")}


def test_a_measure_noun_passes_on_its_light_verb_subject() -> None:
    # "ISIS launched a series of attacks on Iraq"
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        launched 1 ROOT VERB launch
        a 3 det DET
        series 1 dobj NOUN series
        of 3 prep ADP
        attacks 4 pobj NOUN/NNS attack
        on 5 prep ADP
        Iraq 6 pobj PROPN - B-GPE
    """) == {("isis", "attacks", "iraq")}


def test_passive_subject_of_a_prepositional_row() -> None:
    # "Nusra was incorporated into ISIS"; "ISIS and Nusra have been allied"
    assert triples("""
        Nusra 2 nsubjpass PROPN - B-ORG
        was 2 auxpass AUX be
        incorporated 2 ROOT VERB/VBN incorporate
        into 2 prep ADP
        ISIS 3 pobj PROPN - B-ORG
    """) == {("al-nusra-front", "merged-into", "isis")}
    assert triples("""
        ISIS 5 nsubjpass PROPN - B-ORG
        and 0 cc CCONJ
        Nusra 0 conj PROPN - B-ORG
        have 5 aux AUX
        been 5 auxpass AUX be
        allied 5 ROOT VERB/VBN ally
    """) == {("isis", "allied-with", "al-nusra-front")}


def test_head_noun_reading_wins_over_its_modifier() -> None:
    # "Syria and Iraq held war games": exercises together, not a war between them
    assert triples("""
        Syria 3 nsubj PROPN - B-GPE
        and 0 cc CCONJ
        Iraq 0 conj PROPN - B-GPE
        held 3 ROOT VERB hold
        war 5 compound NOUN war
        games 3 dobj NOUN/NNS game
    """) == {("syria", "cooperates-with", "iraq")}


def test_threatened_action_on_an_object_in_a_place() -> None:
    # "ISIS threatened to resume attacks in Iraq"
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        threatened 1 ROOT VERB threaten
        to 3 aux PART
        resume 1 xcomp VERB resume
        attacks 3 dobj NOUN/NNS attack
        in 4 prep ADP
        Iraq 5 pobj PROPN - B-GPE
    """) == {("isis", "threatens", "iraq")}


def test_participle_clause_misread_as_subject_gives_its_own_subject() -> None:
    # "ISIS, being a Sunni group, developed a rivalry with Nusra" without the commas
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        being 4 csubj AUX/VBG be
        a 3 det DET
        group 1 attr NOUN group
        developed 4 ROOT VERB develop
        a 6 det DET
        rivalry 4 dobj NOUN rivalry
        with 6 prep ADP
        Nusra 7 pobj PROPN - B-ORG
    """) == {("isis", "fights", "al-nusra-front")}


def test_attack_at_the_headquarters_of_two_groups() -> None:
    # "ISIS carried out an attack at the headquarters of Nusra and the SRF"
    assert triples("""
        ISIS 1 nsubj PROPN - B-ORG
        carried 1 ROOT VERB carry
        out 1 prt ADP
        an 4 det DET
        attack 1 dobj NOUN attack
        at 4 prep ADP
        the 7 det DET
        headquarters 5 pobj NOUN headquarters
        of 7 prep ADP
        Nusra 8 pobj PROPN - B-ORG
        and 9 cc CCONJ
        the 12 det DET
        SRF 9 conj PROPN - B-ORG
    """) == {("isis", "attacks", "al-nusra-front"), ("isis", "attacks", "srf")}


def test_an_embargo_imposed_is_a_sanction_and_one_lifted_is_past() -> None:
    imposed = run("""
        Iraq 1 nsubj PROPN - B-GPE
        imposed 1 ROOT VERB impose
        an 4 det DET
        arms 4 compound NOUN arm
        embargo 1 dobj NOUN embargo
        on 4 prep ADP
        ISIS 5 pobj PROPN - B-ORG
    """)
    assert [(a.subject.id, a.relation, a.object.id, a.modality) for a in imposed] == [
        ("iraq", "sanctions", "isis", "actual")]
    lifted = run("""
        Iraq 1 nsubj PROPN - B-GPE
        lifted 1 ROOT VERB lift
        its 3 poss PRON/PRP$
        embargo 1 dobj NOUN embargo
        on 3 prep ADP
        Syria 4 pobj PROPN - B-GPE
    """)
    assert [(a.subject.id, a.relation, a.object.id, a.modality) for a in lifted] == [
        ("iraq", "sanctions", "syria", "past")]


# --- offices and affiliations: standing relations -------------------------------------------

def test_a_title_before_a_name_takes_the_owner_after_the_name() -> None:
    # "President X of Y": the parser hangs "of Y" on the name, not on the title
    assert triples("""
        President 2 compound PROPN president
        Lena 2 compound PROPN - B-PERSON
        Osei 2 ROOT PROPN - I-PERSON
        of 2 prep ADP
        Iraq 3 pobj PROPN - B-GPE
    """) == {("lena-osei", "leader-of", "iraq")}
    assert triples("""
        Syria 4 poss PROPN - B-GPE
        's 0 case PART
        Premier 4 compound PROPN premier
        Omar 4 compound PROPN - B-PERSON
        Haddad 5 nsubj PROPN - I-PERSON
        spoke 5 ROOT VERB speak
    """) == {("omar-haddad", "leader-of", "syria")}


def test_title_of_a_state_before_the_name() -> None:
    # "Prime Minister of Y X": the parser makes Y a compound of the person after it
    assert triples("""
        Prime 1 compound PROPN prime
        Minister 6 nsubj PROPN minister
        of 1 prep ADP
        Syria 5 compound PROPN - B-GPE
        Omar 5 compound PROPN - B-PERSON
        Haddad 2 pobj PROPN - I-PERSON
        resigned 6 ROOT VERB resign
    """) == {("omar-haddad", "leader-of", "syria")}
    assert triples("""
        Chancellor 0 ROOT PROPN chancellor
        of 0 prep ADP
        Iraq 4 compound PROPN - B-GPE
        Dara 4 compound PROPN - B-PERSON
        Aziz 1 pobj PROPN - I-PERSON
    """) == {("dara-aziz", "leader-of", "iraq")}


def test_a_prime_minister_leads_and_a_deputy_does_not() -> None:
    assert triples("""
        Omar 1 compound PROPN - B-PERSON
        Haddad 3 nsubjpass PROPN - I-PERSON
        was 3 auxpass AUX be
        elected 3 ROOT VERB/VBN elect
        prime 5 amod ADJ prime
        minister 3 oprd NOUN minister
        of 5 prep ADP
        Iraq 6 pobj PROPN - B-GPE
    """) == {("omar-haddad", "leader-of", "iraq")}
    assert triples("""
        Vice 1 compound PROPN vice
        President 3 compound PROPN president
        Lena 3 compound PROPN - B-PERSON
        Osei 3 ROOT PROPN - I-PERSON
        of 3 prep ADP
        Syria 4 pobj PROPN - B-GPE
    """) == set()
    # a minister who is not prime is a member of the government, not its head
    assert triples("""
        Omar 1 compound PROPN - B-PERSON
        Haddad 1 ROOT PROPN - I-PERSON
        , 1 punct PUNCT
        the 5 det DET
        foreign 5 amod ADJ foreign
        minister 1 appos NOUN minister
        of 5 prep ADP
        Syria 6 pobj PROPN - B-GPE
    """) == {("omar-haddad", "member-of", "syria")}


def test_an_elected_holder_hung_on_the_title_and_a_hyphenated_title() -> None:
    # "Z elected X chairman of Y": the parser makes X a compound of the title
    assert triples("""
        delegates 1 nsubj NOUN delegate
        elected 1 ROOT VERB elect
        Dara 3 compound PROPN - B-PERSON
        Aziz 4 compound PROPN - I-PERSON
        chairman 1 dobj NOUN chairman
        of 4 prep ADP
        the 7 det DET
        Coalition 5 pobj PROPN - B-ORG
    """) == {("dara-aziz", "leader-of", "global-coalition")}
    # "X, secretary-general of Y": spaCy splits the hyphen and hangs "of" on "general"
    assert triples("""
        Lena 1 compound PROPN - B-PERSON
        Osei 1 ROOT PROPN - I-PERSON
        , 1 punct PUNCT
        secretary 1 appos NOUN secretary
        - 3 punct PUNCT
        general 3 amod NOUN general
        of 5 prep ADP
        the 8 det DET
        Coalition 6 pobj PROPN - B-ORG
    """) == {("lena-osei", "leader-of", "global-coalition")}


def test_a_party_named_with_a_person_is_the_person_s_party() -> None:
    # "X of the Y Party" and "X (Y Party)": an unknown "... Party" is minted a political party
    assert triples("""
        Lena 1 compound PROPN - B-PERSON
        Osei 6 nsubj PROPN - I-PERSON
        of 1 prep ADP
        the 5 det DET
        Unity 5 compound PROPN - B-ORG
        Party 2 pobj PROPN - I-ORG
        spoke 6 ROOT VERB speak
    """) == {("lena-osei", "member-of", "unity-party")}
    assert triples("""
        Omar 1 compound PROPN - B-PERSON
        Haddad 6 nsubj PROPN - I-PERSON
        ( 4 punct PUNCT
        Renewal 4 compound PROPN - B-ORG
        Party 1 appos PROPN - I-ORG
        ) 1 punct PUNCT
        won 6 ROOT VERB win
    """) == {("omar-haddad", "member-of", "renewal-party")}
    # a state after "of" is no party: "Omar Haddad of Syria" says nothing about membership
    assert triples("""
        Omar 1 compound PROPN - B-PERSON
        Haddad 1 ROOT PROPN - I-PERSON
        of 1 prep ADP
        Syria 2 pobj PROPN - B-GPE
    """) == set()


def test_a_party_politician() -> None:
    assert triples("""
        Dara 1 compound PROPN - B-PERSON
        Aziz 2 nsubj PROPN - I-PERSON
        is 2 ROOT AUX be
        a 6 det DET
        Unity 5 compound PROPN - B-ORG
        Party 6 compound PROPN - I-ORG
        politician 2 attr NOUN politician
    """) == {("dara-aziz", "member-of", "unity-party")}
    assert triples("""
        Renewal 1 compound PROPN - B-ORG
        Party 2 compound PROPN - I-ORG
        lawmaker 4 compound NOUN lawmaker
        Lena 4 compound PROPN - B-PERSON
        Osei 4 ROOT PROPN - I-PERSON
    """) == {("lena-osei", "member-of", "renewal-party")}


def test_member_states_listed_after_include_or_be() -> None:
    assert triples("""
        Coalition 3 poss PROPN - B-ORG
        's 0 case PART
        member 3 compound NOUN member
        states 4 nsubj NOUN/NNS state
        include 4 ROOT VERB include
        Syria 4 dobj PROPN - B-GPE
        and 5 cc CCONJ
        Iraq 5 conj PROPN - B-GPE
    """) == {("syria", "member-of", "global-coalition"),
             ("iraq", "member-of", "global-coalition")}
    assert triples("""
        Coalition 2 poss PROPN - B-ORG
        's 0 case PART
        members 3 nsubj NOUN/NNS member
        are 3 ROOT AUX be
        Syria 3 attr PROPN - B-GPE
        and 4 cc CCONJ
        Iraq 4 conj PROPN - B-GPE
    """) == {("syria", "member-of", "global-coalition"),
             ("iraq", "member-of", "global-coalition")}


def test_states_that_form_an_organisation_are_its_members() -> None:
    assert triples("""
        Syria 3 nsubj PROPN - B-GPE
        and 0 cc CCONJ
        Iraq 0 conj PROPN - B-GPE
        formed 3 ROOT VERB form
        the 6 det DET
        Desert 6 compound PROPN - B-ORG
        Pact 3 dobj PROPN - I-ORG
    """) == {("syria", "member-of", "desert-pact"), ("iraq", "member-of", "desert-pact")}
    # a state that forms an armed group creates it, it does not join it
    assert triples("""
        Syria 1 nsubj PROPN - B-GPE
        formed 1 ROOT VERB form
        the 4 det DET
        Desert 4 compound PROPN - B-ORG
        Brigade 1 dobj PROPN - I-ORG
    """) == set()


def test_joining_in_a_year_is_membership() -> None:
    # "in 2015" is a date, not the "joined Y in backing Z" marker
    assert triples("""
        Iraq 1 nsubj PROPN - B-GPE
        joined 1 ROOT VERB join
        the 3 det DET
        Coalition 1 dobj PROPN - B-ORG
        in 1 prep ADP
        2015 4 pobj NUM - B-DATE
    """) == {("iraq", "member-of", "global-coalition")}


def test_the_indirect_object_of_a_transfer_is_backed() -> None:
    assert triples("""
        US 1 nsubj PROPN - B-GPE
        sent 1 ROOT VERB send
        Iraq 1 dative PROPN - B-GPE
        weapons 1 dobj NOUN weapon
    """) == {("iraq", "backed-by", "united-states")}
    # the parser may make the recipient a compound of the thing sent
    assert triples("""
        Syria 1 nsubj PROPN - B-GPE
        sent 1 ROOT VERB send
        ISIS 3 compound PROPN - B-ORG
        arms 1 dobj NOUN arm
    """) == {("isis", "backed-by", "syria")}

"""Polarity, modality and time on hand-built Docs."""

from __future__ import annotations

import pytest
from extract_docs import run


def _one(spec: str) -> tuple[str, str, str]:
    (a,) = run(spec)
    return a.polarity, a.modality, a.time


def test_negation() -> None:
    assert _one("""
        ISIS 3 nsubj PROPN - B-ORG
        did 3 aux AUX do
        not 3 neg PART
        attack 3 ROOT VERB attack
        Syria 3 dobj PROPN - B-GPE
    """)[:2] == ("negated", "actual")
    assert _one("""
        ISIS 1 nsubj PROPN - B-ORG
        refused 1 ROOT VERB refuse
        to 3 aux PART
        attack 1 xcomp VERB attack
        Syria 3 dobj PROPN - B-GPE
    """)[0] == "negated"


@pytest.mark.parametrize(("word", "lemma", "dep", "modality"), [
    ("may", "may", "aux", "hedged"),
    ("reportedly", "reportedly", "advmod", "hedged"),
    ("will", "will", "aux", "intended"),
    ("would", "would", "aux", "intended"),  # "X said it would attack Y"
    ("formerly", "formerly", "advmod", "past"),
])
def test_auxiliaries_and_adverbs(word: str, lemma: str, dep: str, modality: str) -> None:
    polarity, found, _ = _one(f"""
        ISIS 2 nsubj PROPN - B-ORG
        {word} 2 {dep} AUX {lemma}
        attack 2 ROOT VERB attack
        Syria 2 dobj PROPN - B-GPE
    """)
    assert (polarity, found) == ("asserted", modality)


def test_hedge_lowers_confidence() -> None:
    plain = run("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        Syria 1 dobj PROPN - B-GPE
    """)[0]
    hedged = run("""
        ISIS 2 nsubj PROPN - B-ORG
        might 2 aux AUX might
        attack 2 ROOT VERB attack
        Syria 2 dobj PROPN - B-GPE
    """)[0]
    assert hedged.confidence < plain.confidence


def test_in_order_to_is_intended() -> None:
    assert _one("""
        ISIS 1 nsubj PROPN - B-ORG
        regrouped 1 ROOT VERB regroup
        in 1 prep ADP
        order 2 pobj NOUN order
        to 5 aux PART
        fight 3 acl VERB fight
        Syria 5 dobj PROPN - B-GPE
    """)[:2] == ("asserted", "intended")


def test_threatened_attack_is_a_threat() -> None:
    found = run("""
        ISIS 1 nsubj PROPN - B-ORG
        threatened 1 ROOT VERB threaten
        to 3 aux PART
        attack 1 xcomp VERB attack
        Syria 3 dobj PROPN - B-GPE
    """)
    # one claim: the threat itself happened, whatever comes of the attack
    assert [(a.subject.id, a.relation, a.object.id, a.modality) for a in found] == [
        ("isis", "threatens", "syria", "actual")]


def test_time_from_the_sentence_else_the_article() -> None:
    assert _one("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        Syria 1 dobj PROPN - B-GPE
        in 1 prep ADP
        February 5 compound PROPN - B-DATE
        2014 3 pobj NUM - I-DATE
    """)[2] == "2014-02"
    assert _one("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        Syria 1 dobj PROPN - B-GPE
    """)[2] == "2014-11-16"


def test_relative_dates_are_read_against_the_publication_date() -> None:
    from kgraph.extract.modality import relative_date

    assert relative_date("last month", "2014-01-05") == "2013-12"
    assert relative_date("in November", "2014-03-01") == "2013-11"
    assert relative_date("three years ago", "2014-03-01") == "2011"
    assert relative_date("next Tuesday", "2014-03-01") == ""


def test_time_from_last_month() -> None:
    found = run("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        Syria 1 dobj PROPN - B-GPE
        last 4 amod ADJ - B-DATE
        month 1 npadvmod NOUN - I-DATE
    """, published="2015-07-20")
    assert [a.time for a in found] == ["2015-06"]


def test_reported_speech_keeps_the_source() -> None:
    (a,) = run("""
        the 1 det DET
        Telegraph 2 nsubj PROPN - B-ORG
        says 2 ROOT VERB say
        ISIS 4 nsubj PROPN - B-ORG
        attacked 2 ccomp VERB attack
        Syria 4 dobj PROPN - B-GPE
    """)
    assert (a.relation, a.modality, a.evidence.reported_by) == ("attacks", "actual", "Telegraph")
    assert a.to_json()["reported_by"] == "Telegraph"


def test_until_on_the_copula_puts_membership_in_the_past() -> None:
    # "the SRF remained part of Nusra until 2013"
    assert _one("""
        the 1 det DET
        SRF 2 nsubj PROPN - B-ORG
        remained 2 ROOT VERB remain
        part 2 attr NOUN part
        of 3 prep ADP
        Nusra 4 pobj PROPN - B-ORG
        until 2 prep ADP
        2013 6 pobj NUM - B-DATE
    """)[:3] == ("asserted", "past", "2013")


def test_confidence_ranks_clauses_above_noun_phrases_and_hedges_below() -> None:
    clause = run("""
        ISIS 1 nsubj PROPN - B-ORG
        attacked 1 ROOT VERB attack
        Syria 1 dobj PROPN - B-GPE
    """)[0].confidence
    hedged = run("""
        ISIS 2 nsubj PROPN - B-ORG
        reportedly 2 advmod ADV reportedly
        attacked 2 ROOT VERB attack
        Syria 2 dobj PROPN - B-GPE
    """)[0].confidence
    noun = run("""
        ISIS 2 poss PROPN - B-ORG
        's 0 case PART
        attack 2 ROOT NOUN attack
        on 2 prep ADP
        Syria 3 pobj PROPN - B-GPE
    """)[0].confidence
    assert clause > noun and clause > hedged


def test_a_relation_someone_urges_is_intended() -> None:
    # "The US urged Iraq to fight ISIS": Iraq is asked to, not yet fighting
    found = run("""
        The 1 det DET
        US 2 nsubj PROPN - B-GPE
        urged 2 ROOT VERB urge
        Iraq 2 dobj PROPN - B-GPE
        to 5 aux PART
        fight 2 xcomp VERB fight
        ISIS 5 dobj PROPN - B-ORG
    """)
    assert [(a.subject.id, a.relation, a.object.id, a.modality) for a in found] == [
        ("iraq", "fights", "isis", "intended")]


def test_a_negated_clause_does_not_negate_the_participle_on_its_subject() -> None:
    # "Iraq, backed by the US, did not attack Syria": the backing stands
    found = run("""
        Iraq 8 nsubj PROPN - B-GPE
        , 0 punct PUNCT
        backed 0 acl VERB/VBN back
        by 2 agent ADP
        the 5 det DET
        US 3 pobj PROPN - B-GPE
        did 8 aux AUX do
        not 8 neg PART
        attack 8 ROOT VERB attack
        Syria 8 dobj PROPN - B-GPE
    """)
    got = {(a.subject.id, a.relation, a.object.id, a.polarity) for a in found}
    assert got == {("iraq", "backed-by", "united-states", "asserted"),
                   ("iraq", "attacks", "syria", "negated")}


def test_a_coordinated_verb_is_no_governor_of_its_sibling() -> None:
    # "ISIS refused the offer and attacked Syria": refusing the offer negates no attack
    assert _one("""
        ISIS 1 nsubj PROPN - B-ORG
        refused 1 ROOT VERB refuse
        the 3 det DET
        offer 1 dobj NOUN offer
        and 1 cc CCONJ
        attacked 1 conj VERB attack
        Syria 5 dobj PROPN - B-GPE
    """)[:2] == ("asserted", "actual")
    # "ISIS did not shell or attack Syria": the shared negation reaches the sibling
    assert _one("""
        ISIS 3 nsubj PROPN - B-ORG
        did 3 aux AUX do
        not 3 neg PART
        shell 3 ROOT VERB shell
        or 3 cc CCONJ
        attack 3 conj VERB attack
        Syria 5 dobj PROPN - B-GPE
    """)[:2] == ("negated", "actual")


def test_a_denial_disputes_and_an_accusation_reports_the_claim_below_it() -> None:
    (denied,) = run("""
        Syria 1 nsubj PROPN - B-GPE
        denies 1 ROOT VERB deny
        attacking 1 xcomp VERB attack
        Iraq 2 dobj PROPN - B-GPE
    """)
    assert (denied.relation, denied.polarity, denied.modality, denied.evidence.reported_by) == (
        "attacks", "asserted", "disputed", "Syria")
    accused = run("""
        Iraq 1 nsubj PROPN - B-GPE
        accused 1 ROOT VERB accuse
        Syria 1 dobj PROPN - B-GPE
        of 1 prep ADP
        attacking 3 pcomp VERB attack
        ISIS 4 dobj PROPN - B-ORG
    """)
    claims = {(a.subject.id, a.relation, a.object.id, a.modality, a.evidence.reported_by)
              for a in accused}
    assert ("syria", "attacks", "isis", "reported", "Iraq") in claims


def test_a_view_reports_only_what_it_takes_its_object_as() -> None:
    # "Iraq regards ISIS as an affiliate of al-Qaeda": Iraq's view
    found = run("""
        Iraq 1 nsubj PROPN - B-GPE
        regards 1 ROOT VERB regard
        ISIS 1 dobj PROPN - B-ORG
        as 1 prep ADP
        an 5 det DET
        affiliate 3 pobj NOUN affiliate
        of 5 prep ADP
        Qaeda 6 pobj PROPN - B-ORG
    """)
    assert {(a.subject.id, a.relation, a.object.id, a.modality, a.evidence.reported_by)
            for a in found} == {("isis", "affiliate-of", "al-qaeda", "reported", "Iraq")}


def test_an_adjunct_of_time_ends_the_chain() -> None:
    # "Iraq plans talks after ISIS's attack on Syria": the attack is no plan, it is past
    found = run("""
        Iraq 1 nsubj PROPN - B-GPE
        plans 1 ROOT VERB plan
        talks 1 dobj NOUN talk
        after 1 prep ADP
        ISIS 6 poss PROPN - B-ORG
        's 4 case PART
        attack 3 pobj NOUN attack
        on 6 prep ADP
        Syria 7 pobj PROPN - B-GPE
    """)
    assert {(a.relation, a.modality) for a in found if a.subject.id == "isis"} == {
        ("attacks", "past")}

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
    assert {(a.subject.id, a.relation, a.object.id) for a in found} == {
        ("isis", "threatens", "syria")}
    assert "intended" in {a.modality for a in found}


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

"""The pipeline's components: the attribute table against spaCy's attribute ruler."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from kgraph.extract.pipeline import ActorRuler, AttributeTable

OUT = [POS, TAG, MORPH, LEMMA, DEP]
DATA = Path(__file__).resolve().parent.parent / "data" / "articles"


def _blank_ruler(patterns: list[dict]) -> tuple[spacy.Language, object]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def _doc(nlp: spacy.Language, words: list[str], tags: list[str]) -> Doc:
    return Doc(nlp.vocab, words=words, tags=tags, deps=["dep"] * len(words),
               heads=list(range(len(words))))


def _same(ruler: object, table: AttributeTable, docs: list[Doc]) -> None:
    stock = [d.copy() for d in docs]
    ours = [d.copy() for d in docs]
    for d in stock:
        ruler(d)  # type: ignore[operator]
    list(table.pipe(ours, batch_size=2))
    for a, b in zip(stock, ours, strict=True):
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in a] == \
               [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in b]
        assert numpy.array_equal(a.to_array(OUT), b.to_array(OUT))


def test_table_follows_the_ruler_on_hand_built_patterns() -> None:
    nlp, ruler = _blank_ruler([
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
        {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
        {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB"}},
        # later rules win: "forces" as a verb, "rebels" left as a noun by NOT_IN
        {"patterns": [[{"LOWER": "forces", "TAG": {"IN": ["NNS", "VBZ"]}}]],
         "attrs": {"POS": "VERB", "LEMMA": "force"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["rebels", "forces"]}, "TAG": "NNS"}]],
         "attrs": {"LEMMA": "plural"}},
        # two-token pattern, annotating its last token
        {"patterns": [[{"LOWER": "al"}, {"TEXT": "-"}]], "attrs": {"POS": "PROPN"}, "index": -1},
        {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"POS": "PART"}},
        {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"TAG": "PUNCT_TAG"}},
    ])
    table = AttributeTable.from_ruler(ruler)
    assert table is not None and len(table.rules) == 8
    docs = [
        _doc(nlp, ["Rebels", "fought", "government", "forces", "."],
             ["NNS", "VBD", "NN", "NNS", "."]),
        _doc(nlp, ["They", "did", "n't", "join", "al"], ["PRP", "VBD", "RB", "VB", "NNP"]),
        # "al" ends one doc and "-" starts the next: a pattern never spans two docs
        _doc(nlp, ["-", "Qaeda", "units"], ["HYPH", "NNP", "NNS"]),
        _doc(nlp, ["al", "-", "Nusra", "nt"], ["NNP", "HYPH", "NNP", "RB"]),
        Doc(nlp.vocab, words=[]),
    ]
    _same(ruler, table, docs)
    ours = docs[3].copy()
    table(ours)
    assert [t.pos_ for t in ours] == ["", "PROPN", "", "PART"]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "x", "OP": "?"}],          # operators make a pattern's length vary
    [{"LENGTH": {">=": 3}}],              # comparisons
    [{}],                                 # wildcard
    [{"_": {"mine": True}}],             # extension attributes
])
def test_table_declines_patterns_beyond_it(pattern: list[dict]) -> None:
    _, ruler = _blank_ruler([{"patterns": [pattern], "attrs": {"POS": "NOUN"}}])
    assert AttributeTable.from_ruler(ruler) is None


def test_table_declines_attributes_it_cannot_write() -> None:
    _, ruler = _blank_ruler([{"patterns": [[{"LOWER": "x"}]], "attrs": {"NORM": "y"}}])
    assert AttributeTable.from_ruler(ruler) is None


@pytest.mark.parametrize(("words", "ents", "found"), [
    # another person of the family: the statistical entity stays, without an actor id
    (["Sajida", "Mubarak", "spoke"], ["B-PERSON", "I-PERSON", "O"], [("Sajida Mubarak", "")]),
    (["Gamal", "al", "-", "Mubarak", "spoke"], ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON",
                                                "O"], [("Gamal al-Mubarak", "")]),
    # the person: a name listed whole, a title, another spelling of a given name, no entity
    (["Hosni", "Mubarak", "spoke"], ["B-PERSON", "I-PERSON", "O"],
     [("Hosni Mubarak", "hosni-mubarak")]),
    (["President", "Mubarak", "spoke"], ["B-PERSON", "I-PERSON", "O"],
     [("Mubarak", "hosni-mubarak")]),
    (["Husni", "Mubarak", "spoke"], ["B-PERSON", "I-PERSON", "O"],
     [("Mubarak", "hosni-mubarak")]),
    (["Cairo", "Mubarak", "spoke"], ["B-GPE", "B-PERSON", "O"], [("Mubarak", "hosni-mubarak")]),
])
def test_a_listed_surname_after_another_given_name_is_a_relative(
        words: list[str], ents: list[str], found: list[tuple[str, str]]) -> None:
    nlp = spacy.blank("en")
    ruler = ActorRuler(nlp)
    ruler.add_patterns([
        {"label": "Person", "pattern": [{"ORTH": "Hosni"}, {"ORTH": "Mubarak"}],
         "id": "hosni-mubarak"},
        {"label": "Person", "pattern": [{"ORTH": "Mubarak"}], "id": "hosni-mubarak"}])
    doc = ruler(Doc(nlp.vocab, words=words, spaces=[w not in ("al", "-") for w in words],
                    ents=ents))
    assert [(e.text, e.ent_id_) for e in doc.ents if e.label_ != "GPE"] == found


@pytest.mark.slow
def test_table_equals_the_models_ruler_on_the_sample_articles() -> None:
    from kgraph.extract import default_model, load_pipeline

    nlp = spacy.load(default_model())
    ruler = nlp.get_pipe("attribute_ruler")
    table = AttributeTable.from_ruler(ruler)
    assert table is not None
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.iterdir()) if p.is_file()]
    texts.append("Hamas didn't say y'know, nothin' about it; that's what they'd   do\n\n  now.")
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(nlp.pipe(texts))
    _same(ruler, table, docs)
    kgraph_nlp = load_pipeline()
    assert isinstance(kgraph_nlp.get_pipe("attribute_ruler"), AttributeTable)

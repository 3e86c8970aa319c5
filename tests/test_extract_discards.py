"""Discard phrases: sports, games and entertainment silence a sentence's events or an article."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kgraph.extract.discards import find_discards

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _doc(text: str) -> Doc:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(text)


def test_sentence_phrases_are_matched_without_case_on_whole_tokens() -> None:
    doc = _doc("Chile hosted the RUGBY sevens. Peru signed a deal. "
               "Kenya reached the Semi-Final. Golfers met a cricketer.")
    found = find_discards(doc)
    assert found.article is None
    starts = sorted(found.sentences)
    assert [doc[i].text for i in starts] == ["Chile", "Kenya"]
    assert found.sentences[starts[0]].phrase == "rugby"
    assert found.sentences[starts[1]].phrase == "semi-final"  # cut like the text: semi - final
    assert found.sentences[starts[1]].source.startswith("Phoenix.discards.txt:")


def test_an_article_phrase_marks_the_whole_text() -> None:
    found = find_discards(_doc("Ghana thanked Togo. Later the Tour de France passed by."))
    assert found.article is not None and found.article.phrase == "tour de france"
    assert found.article.scope == "article"
    assert find_discards(_doc("Ghana thanked the tour guide in France.")).article is None


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Spain defeated Portugal in the rugby semi-final in Madrid.",
    "Japan beat South Korea to win the gold medal in judo.",
])
def test_a_sports_sentence_yields_no_event(text: str) -> None:
    from kgraph.extract import extract_text

    assert extract_text(text) == []


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("Spain defeated Portugal in the war of 1640.", ("spain", "fights", "portugal")),
    ("Syrian troops defeated the Free Syrian Army near Aleppo.",
     ("syria", "fights", "free-syrian-army")),
])
def test_the_same_verbs_in_politics_still_give_events(
        text: str, expected: tuple[str, str, str]) -> None:
    from kgraph.extract import extract_text

    assert expected in {(a.subject.id, a.relation, a.object.id) for a in extract_text(text)}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("Al-Shabaab attacked Somali soldiers during a football match.",
     ("al-shabaab", "attacks", "somalia")),
    ("Nigerian troops shelled Boko Haram near the football stadium.",
     ("nigeria", "attacks", "boko-haram")),
    ("Al-Shabaab, an affiliate of al-Qaeda, attacked Kenya during the football tournament.",
     ("al-shabaab", "attacks", "kenya")),
])
def test_an_armed_side_keeps_the_event_of_a_sports_sentence(
        text: str, expected: tuple[str, str, str]) -> None:
    from kgraph.extract import extract_text

    assert expected in {(a.subject.id, a.relation, a.object.id) for a in extract_text(text)}


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Italy beat Croatia on Sunday.\n\nThe goalkeeper saved two penalties in the second half.",
    "Russia attacked Ukraine near Kharkiv.\n\nFans in Monaco watched the Grand Prix.",
])
def test_an_article_phrase_silences_every_sentence(text: str) -> None:
    from kgraph.extract import extract_text

    first = text.split("\n\n")[0]
    assert extract_text(first)  # the first sentence alone gives a claim
    assert extract_text(text) == []


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("Egypt, a member of the African Union, defeated Ghana during the football tournament.",
     {("egypt", "member-of", "african-union")}),
    ("Boris Johnson, a member of the Conservative Party, watched the cricket test series.",
     {("boris-johnson", "member-of", "conservative-party")}),
])
def test_standing_relations_of_a_discarded_sentence_are_kept(
        text: str, expected: set[tuple[str, str, str]]) -> None:
    from kgraph.extract import extract_text

    assert {(a.subject.id, a.relation, a.object.id) for a in extract_text(text)} == expected


@pytest.mark.slow
def test_explain_names_the_discard_row() -> None:
    from kgraph.extract import explain

    sentence = explain("Spain defeated Portugal in the rugby semi-final in Madrid.")
    assert "discarded, no event relations: discards.csv:" in sentence
    assert "'rugby', Phoenix.discards.txt:" in sentence
    article = explain("Ghana thanked Togo. Later the Tour de France passed by.")
    assert "article discarded, no assertions: discards.csv:" in article
    assert "'tour de france'" in article


@pytest.mark.slow
def test_an_article_phrase_in_one_part_of_a_long_text_silences_every_part(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from kgraph.extract import extract_articles, load_pipeline
    from kgraph.model import Article

    first = "Russia attacked Ukraine near Kharkiv."
    second = "Later that day the cyclists of the Tour de France rode into Paris."
    nlp = load_pipeline()
    monkeypatch.setattr(nlp, "max_length", max(len(first), len(second)) + 2)
    ((_, alone),) = list(extract_articles([Article(id="a", text=first)], nlp=nlp))
    assert alone
    both = Article(id="b", text=first + "\n\n" + second)
    ((_, found),) = list(extract_articles([both], nlp=nlp))
    assert found == []

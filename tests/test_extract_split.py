"""Tests of kgraph.extract.split: parts of long texts and character-bounded batches."""

from __future__ import annotations

import itertools

import pytest

from kgraph.extract.split import char_batches, split_text


def _check_tiling(text: str, spans: list[tuple[int, int]], limit: int) -> list[str]:
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < end - start <= limit for start, end in spans)
    return [text[start:end] for start, end in spans]


def test_a_text_within_the_limit_is_one_part() -> None:
    assert split_text("Iran backed Hezbollah.", limit=22) == [(0, 22)]
    assert split_text("", limit=5) == [(0, 0)]


def test_paragraph_breaks_come_first() -> None:
    text = "First one. Still first.\n\nSecond paragraph.\n  \n\nThird."
    parts = _check_tiling(text, split_text(text, limit=30), 30)
    assert parts == ["First one. Still first.\n\n", "Second paragraph.\n  \n\nThird."]


def test_a_long_paragraph_is_cut_after_sentence_ends() -> None:
    text = "Iran backed Hezbollah. Turkey attacked the YPG! Was it so? (Yes.) Then it ended."
    parts = _check_tiling(text, split_text(text, limit=30), 30)
    assert parts == ["Iran backed Hezbollah. ", "Turkey attacked the YPG! ", "Was it so? (Yes.) ",
                     "Then it ended."]


def test_a_stretch_without_sentence_punctuation_is_cut_at_whitespace() -> None:
    text = "word " * 1000 + "Iran backed Hezbollah."
    parts = _check_tiling(text, split_text(text, limit=100), 100)
    assert all(p.endswith(" ") for p in parts[:-1])  # never inside a word
    assert parts[-1].endswith("Iran backed Hezbollah.")


def test_a_stretch_without_whitespace_is_cut_at_the_limit() -> None:
    text = "x" * 250
    assert split_text(text, limit=100) == [(0, 100), (100, 200), (200, 250)]


@pytest.mark.parametrize("text", ["." * 200_000, "\n" + " " * 200_000, ". " * 100_000,
                                  "a\n\n" * 70_000, "”" * 100_000 + "."])
def test_adversarial_texts_tile(text: str) -> None:
    _check_tiling(text, split_text(text, limit=1000), 1000)


def test_the_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        split_text("text", limit=0)


def test_batches_are_bounded_by_count_and_characters() -> None:
    items = [("a" * n, n) for n in (3, 3, 3, 10, 1, 1, 1)]
    sizes = [[n for _, n in batch] for batch in char_batches(items, size=2, chars=7)]
    assert sizes == [[3, 3], [3], [10], [1, 1], [1]]


def test_a_run_without_whitespace_is_parsed_in_parts_of_its_own() -> None:
    text = "Iran backed Hezbollah. " + "&" * 250 + " Turkey attacked the YPG."
    parts = _check_tiling(text, split_text(text, limit=1000, word=100), 1000)
    assert parts == ["Iran backed Hezbollah. ", "&" * 100, "&" * 100, "&" * 50,
                     " Turkey attacked the YPG."]

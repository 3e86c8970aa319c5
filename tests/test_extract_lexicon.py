"""The extraction lexicon and cue words: shipped files are valid, bad files report every row."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kgraph.errors import DataFileError
from kgraph.extract.frames import index_lexicon
from kgraph.know.relations import (
    CUE_CLASSES,
    FRAMES,
    LEXICON_COLUMNS,
    LexiconEntry,
    load_cues,
    load_lexicon,
    load_relations,
)

HEADER = ",".join(LEXICON_COLUMNS) + "\n"


def test_every_row_names_a_vocabulary_relation_and_a_frame() -> None:
    relations = load_relations()
    rows = load_lexicon()
    assert rows
    for row in rows:
        assert row.relation in relations, row
        assert row.frame in FRAMES and row.pos in FRAMES[row.frame], row
        assert 0 < row.confidence <= 1


def test_inverse_relation_names_are_flipped_at_load() -> None:
    back = next(r for r in load_lexicon() if r.lemma == "back" and r.frame == "verb")
    assert (back.relation, back.direction) == ("backed-by", "reverse")


def test_lexicon_covers_the_relation_families() -> None:
    families = {load_relations()[r.relation].family for r in load_lexicon()}
    assert families == {r.family for r in load_relations().values()}


def test_every_lexicon_problem_is_reported_at_once(tmp_path: Path) -> None:
    bad = tmp_path / "lexicon.csv"
    bad.write_text(
        HEADER
        + "fight,verb,verb,fights,,,,active,yes,forward,,,no,no,0.8,hand,ok\n"
        + "Fight,verb,sideways,likes,,,,loud,maybe,up,Robot,Ghost,perhaps,often,2,,bad\n"
        + "fight,verb,verb,fights,,,,active,yes,forward,,,no,no,0.8,hand,again\n"
        + "hand,noun,agent-pp,attacks,,,,any,no,forward,,,no,no,0.5,hand,no preps\n",
        encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_lexicon(bad)
    problems = info.value.problems
    text = "\n".join(problems)
    assert f"{bad}:3: lemma 'Fight'" in text
    assert "frame 'sideways' is not one of verb, noun, role, hyphen, agent-pp, modifier" in text
    assert "unknown relation 'likes'; valid relations: " in text
    assert "voice 'loud'" in text and "direction 'up'" in text
    assert "subject type 'Robot'" in text and "confidence '2'" in text
    assert "object type 'Ghost'" in text and "exclusive must be yes or no" in text
    assert "reciprocal must be one of yes, no, explicit" in text
    assert f"{bad}:3: source is empty" in text
    assert f"{bad}:4: duplicate of the row on line 2" in text
    assert f"{bad}:5: an agent-pp row needs preps" in text
    assert len(problems) >= 10


def test_one_word_may_be_read_by_the_type_of_its_object(tmp_path: Path) -> None:
    ok = tmp_path / "lexicon.csv"
    ok.write_text(
        HEADER
        + "expel,verb,verb,fights,,,,any,no,forward,,ArmedGroup,no,no,0.6,hand,a group\n"
        + "expel,verb,verb,sanctions,,,,any,no,forward,,State,no,no,0.6,hand,a state\n",
        encoding="utf-8")
    assert [(r.relation, r.object_types) for r in load_lexicon(ok)] == [
        ("fights", ("ArmedGroup", "DescriptorGroup")), ("sanctions", ("State",))]


def test_wrong_lexicon_columns(tmp_path: Path) -> None:
    bad = tmp_path / "lexicon.csv"
    bad.write_text("lemma,relation\nfight,fights\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="columns must be lemma, pos, frame"):
        load_lexicon(bad)


def test_cues_are_valid_and_complete() -> None:
    cues = load_cues()
    assert set(cues) == set(CUE_CLASSES)
    assert all(cues[c] for c in CUE_CLASSES)
    assert {"not", "never"} <= cues["negation"] and "forces" in cues["force-noun"]


def test_every_cue_problem_is_reported_at_once(tmp_path: Path) -> None:
    bad = tmp_path / "cues.csv"
    bad.write_text("class,word\nhedge,may\nhedge,may\nmood,happy\nintent,Will\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_cues(bad)
    text = "\n".join(info.value.problems)
    assert f"{bad}:3: duplicate word 'may'" in text
    assert f"{bad}:4: cue class 'mood' is not one of light-verb" in text
    assert f"{bad}:5: cue word 'Will'" in text


def _verb_row(lemma: str, relation: str, **changes: Any) -> LexiconEntry:
    row = LexiconEntry(lemma, "verb", "verb", relation, (), "", "", "any", False, "forward", (),
                       False, 0.6)
    return replace(row, **changes)


def test_verb_rows_with_a_direct_object_or_both_ways_also_read_the_hyphen_form() -> None:
    rows = [_verb_row("finance", "backed-by", direction="reverse"),
            _verb_row("finance", "backed-by", object_word="attack", preps=("for",)),
            _verb_row("align", "allied-with", preps=("with",), reciprocal=True),
            _verb_row("flee", "fights", preps=("from",)),
            _verb_row("combat", "fights", voice="active")]
    index = index_lexicon(rows)
    hyphen = {(e.lemma, e.relation, e.direction) for group in index.values() for e in group
              if e.frame == "hyphen"}
    assert hyphen == {("finance", "backed-by", "reverse"), ("align", "allied-with", "forward")}


def test_a_word_with_its_own_hyphen_rows_keeps_to_them() -> None:
    own = _verb_row("lead", "leader-of", frame="hyphen")
    index = index_lexicon([_verb_row("lead", "fights"), own])
    assert [e for e in index["lead", "verb"] if e.frame == "hyphen"] == [own]


def test_a_hand_event_noun_overrides_every_converted_noun_row_of_its_word() -> None:
    def nouns(lemma: str, rows: tuple[LexiconEntry, ...]) -> set[str]:
        return {r.file for r in rows if r.lemma == lemma and r.frame == "noun"}

    assert nouns("attack", load_lexicon(sources=("cameo",))) == {"lexicon-cameo.csv"}
    assert nouns("attack", load_lexicon()) == {"lexicon.csv"}
    assert nouns("rebuke", load_lexicon()) == {"lexicon-cameo.csv"}  # no hand row: CAMEO's

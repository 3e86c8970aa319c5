"""Tests of kgraph.know.relations: the relation vocabulary data file and its loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import DataFileError
from kgraph.know.relations import FAMILIES, camel, canonical, load_relations

HEADER = ("name,layer,symmetric,inverse,family,stance,threatened,contest,armed,tie,"
          "co_belligerent,cameo,plover,wikidata,definition\n")

REQUIRED = {
    "allied-with", "cooperates-with", "truce-with", "negotiates-with", "fights", "attacks",
    "threatens", "criticizes", "sanctions", "backed-by", "member-of", "affiliate-of",
    "pledges-allegiance-to", "merged-into", "split-from", "leader-of",
}


def test_shipped_vocabulary_is_complete() -> None:
    relations = load_relations()
    assert set(relations) == REQUIRED
    assert {r.family for r in relations.values()} == set(FAMILIES)
    assert relations["backed-by"].inverse == "backs"
    assert relations["fights"].symmetric and not relations["attacks"].symmetric
    assert all(r.definition for r in relations.values())
    assert {n for n, r in relations.items() if r.stance == "ally"} == {"allied-with",
                                                                         "cooperates-with"}
    assert relations["attacks"].threatened == "threatens" and relations["attacks"].armed
    assert relations["backed-by"].co_belligerent == "allied-with"
    assert relations["leader-of"].tie == "leader"


def test_camel_names() -> None:
    assert camel("allied-with") == "alliedWith"
    assert load_relations()["split-from"].rdf_name == "splitFrom"


def test_canonical_inverse_and_unknown() -> None:
    assert canonical("backs") == ("backed-by", True)
    assert canonical("member-of") == ("member-of", False)
    with pytest.raises(KeyError, match=r"valid relations: .*allied-with"):
        canonical("likes")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    bad = tmp_path / "relations.csv"
    bad.write_text(
        HEADER
        + "Allied With,standing,yes,,alliance,,,no,no,,,,,,ok\n"
        + "fights,sometimes,maybe,,war,foe,fight,perhaps,no,boss,friends,,,,\n"
        + "fights,event,yes,,conflict,,,no,no,,,,,,again\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        load_relations(bad)
    problems = info.value.problems
    assert any(":2: relation name 'Allied With'" in p for p in problems)
    assert any(":3: layer 'sometimes'" in p for p in problems)
    assert any(":3: family 'war' is not one of alliance" in p for p in problems)
    assert any(":3: symmetric must be yes or no" in p for p in problems)
    assert any(":3: definition is empty" in p for p in problems)
    assert any(":4: duplicate relation 'fights'" in p for p in problems)
    assert any(":3: stance 'foe' is not one of ally, enemy" in p for p in problems)
    assert any(":3: contest must be yes or no" in p for p in problems)
    assert any(":3: tie 'boss' is not one of leader, member" in p for p in problems)
    assert any(":3: threatened 'fight' is not a relation" in p for p in problems)
    assert any(":3: co_belligerent 'friends' is not a relation" in p for p in problems)


def test_unquoted_comma_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "relations.csv"
    bad.write_text(HEADER + "fights,event,yes,,conflict,,,no,no,,,,,,armed, and hostile\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError, match=":2: more cells than columns"):
        load_relations(bad)


def test_wrong_columns(tmp_path: Path) -> None:
    bad = tmp_path / "relations.csv"
    bad.write_text("name,family\nfights,conflict\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="columns must be"):
        load_relations(bad)


def test_lexicon_sources_are_chosen_by_name() -> None:
    from kgraph.know.relations import LEXICON_SOURCES, load_lexicon, parse_sources

    assert parse_sources("cameo,hand") == ("hand", "cameo")
    with pytest.raises(ValueError, match="valid sources: hand, cameo"):
        parse_sources("hand,wordnet")
    hand = load_lexicon(sources=("hand",))
    cameo = load_lexicon(sources=("cameo",))
    both = load_lexicon()
    assert {e.file for e in hand} == {LEXICON_SOURCES["hand"]}
    assert {e.file for e in cameo} == {LEXICON_SOURCES["cameo"]}
    assert all(e.source == "hand" for e in hand)
    assert all(e.source.startswith("CAMEO.2.0.verbs.txt:") for e in cameo)
    assert both[:len(hand)] == hand  # hand rows are tried first
    assert set(both) < set(hand) | set(cameo)


def _slot(e: object) -> tuple[object, ...]:
    return tuple(getattr(e, k) for k in ("lemma", "pos", "frame", "preps", "marker",
                                         "object_word"))


def test_a_hand_row_overrides_the_cameo_reading_of_its_slot() -> None:
    from kgraph.know.relations import load_lexicon

    hand = load_lexicon(sources=("hand",))
    slots = {_slot(e) for e in hand}
    both = load_lexicon()
    cameo_kept = [e for e in both if e.file == "lexicon-cameo.csv"]
    assert cameo_kept and not any(_slot(e) in slots for e in cameo_kept)
    # "kill" is attacks in kgraph (CAMEO files it under 190, fights)
    kill = [e for e in both if e.lemma == "kill" and e.frame == "verb" and not e.preps
            and not e.object_word and not e.marker]
    assert [e.relation for e in kill] == ["attacks"]


def test_no_hand_verb_row_repeats_a_cameo_row() -> None:
    from kgraph.know.relations import load_lexicon

    cameo = {(*_slot(e), e.relation, e.direction): e for e in load_lexicon(sources=("cameo",))}
    repeats = [e.line for e in load_lexicon(sources=("hand",))
               if (key := cameo.get((*_slot(e), e.relation, e.direction))) is not None
               and (key.voice, key.reciprocal, key.object_owner, key.object_types, key.exclusive)
               == (e.voice, e.reciprocal, e.object_owner, e.object_types, e.exclusive)]
    assert repeats == []

"""Tests of kgraph.relations: the relation vocabulary data file and its loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import DataFileError
from kgraph.relations import FAMILIES, camel, canonical, load_relations

HEADER = "name,layer,symmetric,inverse,family,cameo,plover,wikidata,definition\n"

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
        + "Allied With,standing,yes,,alliance,,,,ok\n"
        + "fights,sometimes,maybe,,war,,,,\n"
        + "fights,event,yes,,conflict,,,,again\n",
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


def test_unquoted_comma_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "relations.csv"
    bad.write_text(HEADER + "fights,event,yes,,conflict,,,,armed, and hostile\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError, match=":2: more cells than columns"):
        load_relations(bad)


def test_wrong_columns(tmp_path: Path) -> None:
    bad = tmp_path / "relations.csv"
    bad.write_text("name,family\nfights,conflict\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="columns must be"):
        load_relations(bad)

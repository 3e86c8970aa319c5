"""The agent-noun data file and the cue classes drawn from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import DataFileError
from kgraph.know.agents import load_agents
from kgraph.know.relations import load_cues


def test_shipped_agent_nouns_load_with_their_roles() -> None:
    agents = load_agents()
    assert agents["riot police"].role == "police"
    assert agents["insurgents"].role == "rebels"
    assert agents["militiamen"].role == "militia"
    assert agents["junta"].role == "government"
    assert agents["army"].source.startswith("Phoenix.agents.txt:")


def test_cue_classes_draw_on_the_agent_nouns() -> None:
    cues = load_cues()
    assert {"junta", "navy", "gendarmerie"} <= cues["force-noun"]
    assert {"insurgents", "mercenaries", "militias"} <= cues["armed-noun"]
    assert {"separatists", "defectors"} <= cues["non-state"]
    assert {"armed forces", "security forces", "army", "junta"} <= cues["state-force"]
    assert "rebels" not in cues["state-force"] and "ministry" not in cues["armed-noun"]


def test_bad_rows_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "agents.csv"
    path.write_text("words,plural,code,role,person,source\n"
                    "Army,,MIL,military,no,x\n"
                    "navy,,MIL,sailors,no,x\n"
                    "corps,,MIL,military,maybe,x\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_agents(path)
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in err.value.problems] == ["2", "3", "4"]
    assert "military, police" in err.value.problems[1]


def test_wrong_columns_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "agents.csv"
    path.write_text("word,role\narmy,military\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="columns must be words, plural"):
        load_agents(path)

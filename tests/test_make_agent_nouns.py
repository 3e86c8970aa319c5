"""The Phoenix agent-noun converter (scripts/make_agent_nouns.py) on snippets of our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent
PHOENIX = ROOT.parent / "shared" / "resources" / "phoenix" / "Phoenix.agents.txt"
_SCRIPT = load_script("make_agent_nouns")


SNIPPET = """\
# a comment line
!PERSON! = MAN, MEN
!OFFICE! = BUREAU, BUREAUX

COAST_GUARD [~MIL]
BORDER_POLICE {} [~COP]
HOSTAGE_TAKER [~CRM]
FERRY!PERSON! [~CVL]
CUSTOMS_!OFFICE! [~GOV]
RAIDING_PARTY {RAIDING_PARTIES} [~REB]
# DEFECTED_GENERAL [~OPP]
ARMED_CREW [~UAF] # a trailing note
ARMED_CREW [~MIL]
MOUNTED_RIFLES [~MILGOV]
"""


def test_rows_roles_plurals_and_sources() -> None:
    rows = {r.words: r for r in _SCRIPT.convert(SNIPPET.splitlines(), source="x.txt")}
    assert set(rows) == {"coast guard", "border police", "ferryman", "ferrymen",
                         "customs bureau", "customs bureaux", "raiding party", "armed crew",
                         "mounted rifles"}
    assert rows["coast guard"].cells() == ["coast guard", "coast guards", "MIL", "military",
                                           "no", "x.txt:5"]
    assert rows["border police"].plural == ()  # {} asks for no plural
    assert rows["raiding party"].plural == ("raiding parties",)
    assert (rows["ferrymen"].person, rows["ferrymen"].plural) == (True, ())
    assert (rows["customs bureau"].person, rows["customs bureau"].role) == (False, "government")
    assert rows["armed crew"].role == "militia"  # the first reading of a phrase wins
    assert rows["mounted rifles"].plural == ()  # already plural
    assert rows["mounted rifles"].role == "military"


def test_an_undefined_substitution_set_is_an_error() -> None:
    with pytest.raises(ValueError, match="!CREW!"):
        _SCRIPT.convert(["BOAT!CREW! [~MIL]"])


def test_main_writes_a_header_and_quotes_commas(tmp_path: Path) -> None:
    src = tmp_path / "agents.txt"
    src.write_text("MINISTER_OF_ROADS,_BRIDGES_AND_PORTS [~GOV]\n", encoding="utf-8")
    out = tmp_path / "agents.csv"
    assert _SCRIPT.main([str(src), str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == ["words,plural,code,role,person,source",
                     '"minister of roads, bridges and ports",,GOV,government,no,agents.txt:1']


@pytest.mark.skipif(not PHOENIX.is_file(), reason="the Phoenix dictionaries are not here")
def test_the_shipped_file_is_the_scripts_output() -> None:
    script = _SCRIPT
    rows = script.convert(PHOENIX.read_text(encoding="utf-8").splitlines(),
                          source=PHOENIX.name)
    shipped = (ROOT / "data" / "actors" / "agents.csv").read_text(encoding="utf-8")
    assert shipped == script.render(rows)

"""The Phoenix discard converter (scripts/make_discards.py) on snippets of our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent
PHOENIX = ROOT.parent / "shared" / "resources" / "phoenix" / "Phoenix.discards.txt"
_SCRIPT = load_script("make_discards")


SNIPPET = """\
# story-level entries start with a plus
+ Lawn  Bowls Final   # kept, scope article
CURLING_STONE
#OLD ENTRY
1987
DAYS AGO
DECADES LATER
MAY 1931
GREAT NORTHERN WARS
WORLD WAR THREE
TYPHOON
PRESIDENTIAL DEBATE
LANDSLIDE
GROUP C_
curling stone   # a repeat keeps the first row
+GLIDER SHOW
"""


def test_rows_scopes_and_sources() -> None:
    rows = _SCRIPT.convert(SNIPPET.splitlines(), source="d.txt")
    assert [r.cells() for r in rows] == [
        ["lawn bowls final", "article", "d.txt:2"],
        ["curling stone", "sentence", "d.txt:3"],
        ["glider show", "article", "d.txt:16"],
    ]


def test_left_out_classes() -> None:
    left_out = _SCRIPT.left_out
    assert left_out("1987") == left_out("days ago") == left_out("may 1931") == "time reference"
    assert left_out("great northern wars") == left_out("world war three") == "past war or era"
    assert left_out("typhoon") == "disaster or epidemic"
    assert left_out("presidential debate") == "political actor, office or process"
    assert left_out("group c") == "common words with another sense in political news"
    assert left_out("lawn bowls final") is None
    assert left_out("2014 competition") is None  # a year inside a sports phrase is kept


def test_main_writes_a_header_and_quotes_commas(tmp_path: Path) -> None:
    src = tmp_path / "discards.txt"
    src.write_text("+KITE FESTIVAL, SPRING EDITION\n", encoding="utf-8")
    out = tmp_path / "discards.csv"
    assert _SCRIPT.main([str(src), str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == [
        "phrase,scope,source", '"kite festival, spring edition",article,discards.txt:1']


@pytest.mark.skipif(not PHOENIX.is_file(), reason="the Phoenix dictionaries are not here")
def test_the_shipped_file_is_the_scripts_output() -> None:
    script = _SCRIPT
    rows = script.convert(PHOENIX.read_text(encoding="utf-8").splitlines(), source=PHOENIX.name)
    shipped = (ROOT / "data" / "relations" / "discards.csv").read_text(encoding="utf-8")
    assert shipped == script.render(rows)

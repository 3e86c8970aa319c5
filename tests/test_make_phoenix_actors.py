"""The Phoenix organisation converter (scripts/make_phoenix_actors.py) on snippets of our own."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from script_loader import load_script

from kgraph.know.actors import COLUMNS, load_actors, tokenize

ROOT = Path(__file__).resolve().parent.parent
PHOENIX = ROOT.parent / "shared" / "resources" / "phoenix"
SHIPPED = ROOT / "data" / "actors" / "actors-phoenix.csv"
HAND = ROOT / "data" / "actors" / "actors.csv"


script = load_script("make_phoenix_actors")

ARMED = """\
# a made-up armed group file
KOBRA_HILLS_BRIGADE_(KHB)_ [NERREB] # a trailing note
+KOBRA_BRIGADE_
+MARTIN_HOLLOWAY_
+SHEIKH_OMAR_KOBRA_
+SOUTHERN_WOLVES_

ALDER_VALE_PATRIOTS_
+PATRIOTS_OF_ALDER_VALE_
\t[USAREB]

OSWIN_GRAYMARK__ [NERREB] # a leader, marked by the double underscore

FRONT_ [KKLREB]

ZEBU_LIBERATION_ARMY_ [IMGMUSZLA]
+ZEBU_ARMY_

MONOTHEISM_AND_HOLY_STRUGGLE_ [IRQREB]

ZEBU_ARMY_ [XYZREB]

HARBOUR_PEOPLES_PARTY_ [NERGOV]

NORTHERN_STAR_CELLS_
"""

INTERNATIONAL = """\
RIVER_BASIN_COMMISSION_\t[IGOAFRRBC]# an intergovernmental body
TIDEWATER_RELIEF_FUND_\t[NGOHLH]
GRETA_LINDQVIST_\t[NGOHRI]
COMMISSIONER_ANNA_VOSS
\t[IGOAFRRBC >20150101]
NORTHGATE_SHIPPING_\t[MNCNOR]
COUNCIL_OF_NAMED_STATES_\t[IGOCNS]
"""

HAND_CSV = """\
id,label,type,country,aliases
niger,Niger,State,NER,
us,United States,State,USA,
isis,ISIS,ArmedGroup,IRQ,Islamic State
council-of-named-states,Council of Named States,InternationalOrganization,,CNS
"""


def _convert(tmp_path: Path) -> tuple[list[object], dict[str, int]]:
    hand = tmp_path / "actors.csv"
    hand.write_text(HAND_CSV, encoding="utf-8")
    entries = [*script.parse(ARMED.splitlines(), "Armed.txt"),
               *script.parse(INTERNATIONAL.splitlines(), "Intl.txt")]
    names = [n for e in entries for n in script._all_names(e)]
    rows, counts = script.convert(entries, script.read_gazetteer(hand),
                                  script.personal_names(names))
    return rows, dict(counts)


def test_organisations_are_converted_with_types_countries_aliases_and_sources(
        tmp_path: Path) -> None:
    rows, counts = _convert(tmp_path)
    by_id = {r.id: r for r in rows}
    assert list(by_id) == ["kobra-hills-brigade", "alder-vale-patriots", "zebu-liberation-army",
                           "river-basin-commission", "tidewater-relief-fund"]
    kobra = by_id["kobra-hills-brigade"]
    # the leader and the unrelated group are not aliases; the acronym and the short form are
    assert kobra.aliases == ("Kobra Brigade", "KHB")
    assert (kobra.type, kobra.country, kobra.source) == ("ArmedGroup", "NER",
                                                         "phoenix:Armed.txt:2")
    alder = by_id["alder-vale-patriots"]
    assert (alder.label, alder.aliases, alder.country) == (
        "Alder Vale Patriots", ("Patriots of Alder Vale",), "USA")
    assert by_id["zebu-liberation-army"].country == ""  # IMG is no state
    assert by_id["river-basin-commission"].type == "InternationalOrganization"
    assert by_id["tidewater-relief-fund"].type == "Organization"
    assert counts["entries read"] == 15
    assert counts["entries written"] == 5
    # Oswin Graymark (mark), Greta Lindqvist (name), Anna Voss (dated role)
    assert counts["entries skipped: a person"] == 3
    assert counts["entries skipped: label is a generic word"] == 1  # FRONT
    # the ISIS predecessor, and the council the hand file has
    assert counts["entries skipped: already in actors.csv"] == 2
    assert counts["entries skipped: label given to an earlier entry"] == 1  # Zebu Army
    # a government code, and a company (no geopolitical actor)
    assert counts["entries skipped: code outside the type map"] == 2
    assert counts["entries skipped: no code"] == 1
    assert counts["names dropped: alias unrelated to its label"] == 1  # Southern Wolves
    assert counts["names dropped: alias looks personal"] == 2  # Martin Holloway, Sheikh Omar


def test_the_written_file_loads_as_a_second_gazetteer_file(tmp_path: Path) -> None:
    rows, _ = _convert(tmp_path)
    text = script.render(rows)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    path = tmp_path / "generated.csv"
    path.write_text(text, encoding="utf-8")
    gazetteer = load_actors(path)
    assert gazetteer.lookup("KOBRA HILLS BRIGADE").id == "kobra-hills-brigade"
    assert gazetteer.lookup("KHB").id == "kobra-hills-brigade"
    assert gazetteer.lookup("Martin Holloway") is None


@pytest.mark.parametrize(("name", "label"), [
    ("ARMY OF THE NORTHERN HILLS", "Army of the Northern Hills"),
    ("AL-FAJR BRIGADES", "al-Fajr Brigades"),
    ("UN MISSION IN THE LAKE REPUBLIC", "UN Mission in the Lake Republic"),
    ("WORKERS' CELLS OF THE 2ND OF MAY", "Workers' Cells of the 2nd of May"),
])
def test_readable_labels(name: str, label: str) -> None:
    assert script.readable(name) == label


@pytest.mark.parametrize(("code", "kind"), [
    ("NERREB", "ArmedGroup"), ("IMGMUSZLA", "ArmedGroup"), ("KKLINS", "ArmedGroup"),
    ("IGOAFRRBC", "InternationalOrganization"), ("NGOHLH", "Organization"),
    ("MNCNOR", None), ("NERGOV", None), ("MED", None),
])
def test_type_map(code: str, kind: str | None) -> None:
    assert script.actor_type(code) == kind


def test_main_writes_the_file_and_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    folder = tmp_path / "phoenix"
    folder.mkdir()
    (folder / script.FILES[0]).write_text(ARMED, encoding="utf-8")
    (folder / script.FILES[1]).write_text(INTERNATIONAL, encoding="utf-8")
    hand = tmp_path / "actors.csv"
    hand.write_text(HAND_CSV, encoding="utf-8")
    out = tmp_path / "out.csv"
    assert script.main([str(folder), str(hand), str(out)]) == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert [r["id"] for r in rows][:2] == ["kobra-hills-brigade", "alder-vale-patriots"]
    assert "     5  entries written" in capsys.readouterr().err.splitlines()


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="the Phoenix dictionaries are not here")
def test_the_shipped_file_is_the_scripts_output() -> None:
    rows, _ = script.build(PHOENIX, HAND)
    assert SHIPPED.read_text(encoding="utf-8") == script.render(rows)


def test_the_shipped_file_adds_organisations_only_and_never_duplicates_isis() -> None:
    gazetteer = load_actors()
    with SHIPPED.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 1000
    assert {r["type"] for r in rows} <= {"ArmedGroup", "InternationalOrganization",
                                         "Organization"}
    isis = gazetteer["isis"]
    isis_keys = {script.key(n) for n in (isis.label, *isis.aliases)}
    for row in rows:
        names = [row["label"], *filter(None, row["aliases"].split("|"))]
        assert not isis_keys & {script.key(n) for n in names}, row["id"]
        assert row["source"].startswith("phoenix:Phoenix."), row["id"]
        assert gazetteer.lookup(row["label"]).id == row["id"]
    for name in ("Islamic State of Iraq", "Tawhid and Jihad", "al-Qaeda in Iraq"):
        assert gazetteer.lookup(name).id == "isis"
    assert tokenize("Kobra Hills Brigade") == ("Kobra", "Hills", "Brigade")

"""``kgraph analyze``: each analysis on the sample articles' graph, its formats and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset

from kgraph.cli import app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graph_file(articles_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("analyze") / "graph.trig"
    articles_dataset.serialize(path, format="trig")
    return str(path)


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    assert app(["analyze", *argv, "--format", "json"]) == 0
    rows: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return rows


def test_blocs_of_2014_put_isis_apart_from_nusra(graph_file: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "blocs", graph_file, "--since", "2014", "--until", "2014")
    bloc = {row["actor"]: row["bloc"] for row in rows}
    assert bloc["isis"] != bloc["al-nusra-front"]
    assert bloc["al-nusra-front"] == bloc["al-qaeda"]


def test_timeline_names_the_truce(graph_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "timeline", graph_file, "ISIS", "al-Nusra Front")
    assert [(r["period"], r["relation"]) for r in rows if r["dominant"]][-1] == \
        ("2014-11", "truce-with")
    assert all(str(r["statement"]).startswith("https://kgraph.dev/id/statement/") for r in rows)


def test_backers_paths_brokers_balance_and_changes_answer(
        graph_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    backers = _json(capsys, "backers", graph_file, "Houthis")
    assert {(r["patron"], r["client"]) for r in backers} == {("iran", "houthis")}
    paths = _json(capsys, "paths", graph_file, "Iran", "Saudi Arabia", "--max-len", "2")
    assert paths and max(int(str(r["step"])) for r in paths) <= 2
    brokers = _json(capsys, "brokers", graph_file, "--top", "3")
    assert len(brokers) == 3 and brokers[0]["actor"] == "iran"
    kinds = {r["kind"] for r in _json(capsys, "balance", graph_file)}
    assert {"mixed", "enemy-of-enemy"} <= kinds
    changes = _json(capsys, "changes", graph_file, "--period", "year", "--since", "2014",
                    "--until", "2014")
    assert {str(r["period"]) for r in changes} == {"2014"}


def test_csv_and_table_formats(graph_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert app(["analyze", "brokers", graph_file, "--top", "2", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("actor,label,") and len(lines) == 3
    assert app(["analyze", "backers", graph_file, "Houthis"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split()[:4] == \
        ["level", "patron", "relation", "client"]


def test_bad_input_gets_one_line_and_exit_2(graph_file: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert app(["analyze", "timeline", graph_file, "ISIS", "Nusrah Frnt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kgraph: error: ") and len(err.splitlines()) == 1
    assert app(["analyze", "blocs", graph_file, "--since", "1900", "--until", "1901"]) == 2
    assert "no evidence dated from 1900 to 1901" in capsys.readouterr().err
    assert app(["analyze", "blocs", graph_file, "--since", "2016", "--until", "2015"]) == 2
    assert app(["analyze", "blocs", str(Path(graph_file).with_name("missing.trig"))]) == 2


def test_a_window_with_evidence_but_no_finding_says_so(
        graph_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert app(["analyze", "backers", graph_file, "Finland"]) == 0
    captured = capsys.readouterr()
    assert "(no rows)" in captured.out and "nothing found" in captured.err


def test_a_table_starts_with_a_headline_and_csv_stays_data(
        graph_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert app(["analyze", "timeline", graph_file, "ISIS", "al-Nusra Front"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == \
        "ISIS / al-Nusra Front: fights until 2014-07, truce-with from 2014-11"
    assert app(["analyze", "balance", graph_file]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(" triads balanced (0.89)")
    assert app(["analyze", "blocs", graph_file, "--since", "2014", "--until", "2014"]) == 0
    assert capsys.readouterr().out.startswith("6 blocs, 0 actors in none, ")
    assert app(["analyze", "balance", graph_file, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("kind,a,b,c,")

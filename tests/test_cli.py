"""Tests of the kgraph command line (kgraph/cli.py)."""

from __future__ import annotations

import argparse
import json
import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from user_actors import write_user_actors

import kgraph
from kgraph import cli
from kgraph.cli import app
from kgraph.errors import ArticleError

ARTICLE = """Rebels and the army agree truce
Published: 2021-05-04

Hezbollah fighters fought alongside the Syrian army against ISIS near the border in 2017.
Iran has backed Hezbollah for decades.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    (root / "in").mkdir()
    (root / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "in" / "empty.txt").write_text("", encoding="utf-8")
    assert app(["build", str(root / "in"), "--out", str(root / "out"), "--quiet"]) == 0
    return root / "out"


def _subparsers(parser: argparse.ArgumentParser | None = None,
                prefix: str = "") -> dict[str, argparse.ArgumentParser]:
    """Every parser by its command words ("kgraph", "query", "analyze blocs", ...)."""
    parser = parser or cli._parser()
    found = {prefix or "kgraph": parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(_subparsers(sub, f"{prefix} {name}".strip()))
    return found


def test_every_option_has_help_and_every_command_examples() -> None:
    for name, parser in _subparsers().items():
        for action in parser._actions:
            assert action.help, (name, action.dest)
        if name == "kgraph":
            continue
        examples = parser.format_help().split("examples:\n")[1].splitlines()
        assert 2 <= len(examples) <= 3, name
        for line in examples:  # each example is a command line the parser takes
            words = shlex.split(line.split(" > ")[0])
            assert words[: 1 + len(name.split())] == ["kgraph", *name.split()], line
            args = cli._parser().parse_args(words[1:])
            assert [args.command, getattr(args, "analysis", None)][: len(name.split())] == \
                name.split(), line


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        app(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"kgraph {kgraph.__version__}\n"


@pytest.mark.slow
def test_unexpected_errors_are_one_line_unless_debug(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = ["query", str(built / "graph.trig"), "--sparql", "SELECT ?s WHERE { ?s zz:x ?o }"]
    assert app(query) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "zz" in err and "--debug" in err, err
    with pytest.raises(Exception, match="zz"):
        app(["--debug", *query])
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert app(["serve", str(built / "graph.trig"), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kgraph: error: ") and "--debug" in err, err


def test_help_runs_as_module() -> None:
    out = subprocess.run([sys.executable, "-m", "kgraph", "--help"], capture_output=True,
                         text=True, check=True)
    for command in ("build", "extract", "query", "render", "explain"):
        assert command in out.stdout


@pytest.mark.slow
def test_build_writes_every_output(built: Path) -> None:
    for name in ("graph.trig", "graph.ttl", "triples.jsonl", "graph.graphml", "graph.html"):
        assert (built / name).stat().st_size > 0, name
    records = [json.loads(line) for line in (built / "triples.jsonl").read_text().splitlines()]
    assert {"subject", "relation", "object", "sentence", "rule"} <= set(records[0])
    assert ("iran", "backs") in {(r["object_id"], "backs") for r in records
                                 if r["relation"] == "backed-by"}


@pytest.mark.slow
def test_build_summary_and_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    assert app(["build", str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "articles read   1 (1 skipped)" in captured.out
    assert "backed-by" in captured.out and "graph.html" in captured.out
    assert "bin.txt" in captured.err and captured.err.count("\n") == 1


@pytest.fixture()
def failing_extraction(monkeypatch: pytest.MonkeyPatch) -> str:
    """Make extraction raise, in this process, on articles that name Zorbania."""
    from kgraph.extract import assertions

    real = assertions.extract_doc

    def extract_doc(doc: Any, article: Any, *, gazetteer: Any, **options: Any) -> Any:
        if "Zorbania" in article.text:
            raise IndexError("deep inside\nthe rules")
        return real(doc, article, gazetteer=gazetteer, **options)

    monkeypatch.setattr(assertions, "extract_doc", extract_doc)
    return "Zorbania attacked Iran."


@pytest.mark.slow
@pytest.mark.parametrize("store", [False, True])
def test_build_skips_an_article_whose_extraction_fails(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], failing_extraction: str,
        store: bool) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "in" / "bad.txt"
    bad.write_text(failing_extraction, encoding="utf-8")
    where = ["--store", str(tmp_path / "store")] if store else []
    assert app(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), *where]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"kgraph: skipped {bad}: extraction failed: IndexError: deep inside\n"
    assert "articles read   1 (1 skipped)" in captured.out
    records = (tmp_path / "out" / "triples.jsonl").read_text().splitlines()
    assert records and all('"Zorbania"' not in r for r in records)


@pytest.mark.slow
def test_extract_prints_the_jsonl_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "d1", "text": "Iran has backed Hezbollah for decades.",
                                  "published": "2020-01-01", "title": "Allies",
                                  "url": "https://news.example.org/allies"}) + "\n",
                      encoding="utf-8")
    assert app(["extract", str(source), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    keys = {"doc_id", "subject", "subject_id", "subject_text", "relation", "object", "object_id",
            "object_text", "polarity", "modality", "time", "confidence", "sentence", "start",
            "end", "rule"}
    assert records and all(keys <= set(r) for r in records)
    assert {(r["doc_id"], r["subject_id"], r["relation"], r["object_id"]) for r in records} == {
        ("d1", "hezbollah", "backed-by", "iran")}
    # and, to trace each line back, its article's title, URL, date, author and source
    assert {(r["title"], r["url"], r["published"], r["author"], r["source"])
            for r in records} == {("Allies", "https://news.example.org/allies", "2020-01-01", "",
                                   f"{source}:1")}


@pytest.mark.slow
def test_query_named_and_sparql(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert app(["query", str(built / "graph.trig"), "--list"]) == 0
    listing = capsys.readouterr().out
    for name in ("allies-of", "enemies-of", "backers-of", "relations-between", "actor-profile",
                 "strongest-relations"):
        assert name in listing
    assert app(["query", str(built / "graph.trig"), "backers-of", "--bind", "actor=Hezbollah",
                "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert any("Iran" in json.dumps(row) for row in rows)
    assert app(["query", str(built / "graph.ttl"), "--format", "csv", "--sparql",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "n"
    # allies, each claim with its status
    assert app(["query", str(built / "graph.trig"), "allies-of", "--bind", "actor=Hezbollah",
                "--format", "json"]) == 0
    allies = json.loads(capsys.readouterr().out)
    assert allies and all(row["status"] for row in allies)
    assert app(["query", str(built / "graph.trig"), "allies-of", "--bind", "actor=Hezbollah",
                "--format", "json", "--truthy"]) == 0
    truthy = json.loads(capsys.readouterr().out)
    assert truthy == [row for row in allies if row["status"] == "truthy"]


@pytest.mark.slow
def test_query_errors_are_one_line(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert app(["query", str(built / "graph.trig"), "no-such-query"]) == 2
    assert "allies-of" in capsys.readouterr().err
    assert app(["query", str(built / "graph.trig"), "--sparql", "SELECT WHERE {"]) == 2
    assert "error" in capsys.readouterr().err
    assert app(["query", str(built / "missing.trig"), "allies-of"]) == 2
    assert capsys.readouterr().err == f"kgraph: no such file or folder: {built / 'missing.trig'}\n"


@pytest.mark.slow
def test_a_missing_input_is_an_error_and_outputs_stay(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {name: (built / name).read_bytes() for name in ("graph.trig", "triples.jsonl")}
    typo = str(tmp_path / "artciles")
    for command in (["build", typo, "--out", str(built)], ["extract", typo]):
        assert app(command) == 2, command
        assert capsys.readouterr().err == f"kgraph: no such file or folder: {typo}\n"
    missing = str(tmp_path / "missing.trig")
    for command in (["render", missing], ["validate", missing], ["export", missing],
                    ["infer", missing], ["query", missing, "allies-of"]):
        assert app(command) == 2, command
        assert capsys.readouterr().err == f"kgraph: no such file or folder: {missing}\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("", encoding="utf-8")
    assert app(["build", str(empty), "--out", str(built), "--quiet"]) == 1
    assert "no article read; nothing written" in capsys.readouterr().err
    assert {name: (built / name).read_bytes() for name in before} == before
    with pytest.raises(ArticleError, match="no such file or folder"):
        kgraph.build([typo])
    with pytest.raises(ArticleError, match="no such file or folder"):
        list(kgraph.extract([typo]))


@pytest.mark.slow
def test_render(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    assert app(["render", str(built / "graph.trig"), "-o", str(page)]) == 0
    assert page.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


@pytest.mark.slow
def test_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert app(["explain", "Iran has backed Hezbollah for decades."]) == 0
    out = capsys.readouterr().out
    assert "Hezbollah" in out and "backed-by" in out


# --- --actors -----------------------------------------------------------------------------------


def test_every_extracting_command_takes_actors(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("build", "extract", "explain", "render"):
        with pytest.raises(SystemExit):
            app([command, "--help"])
        assert "--actors FILE.csv" in capsys.readouterr().out, command


@pytest.mark.slow
def test_actors_in_build_extract_and_explain(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    csv_file, articles = write_user_actors(tmp_path)
    assert app(["extract", str(articles), "--actors", str(csv_file), "--format", "tsv"]) == 0
    rows = {tuple(line.split("\t")[:3]) for line in capsys.readouterr().out.splitlines()}
    assert ("Kivu Lake Front", "backed-by", "Rwanda") in rows
    assert ("Hezbollah Movement", "backed-by", "Iran") in rows

    assert app(["build", str(articles), "--out", str(tmp_path / "out"), "--quiet",
                "--actors", str(csv_file), "--jobs", "2"]) == 0
    records = [json.loads(line)
               for line in (tmp_path / "out" / "triples.jsonl").read_text().splitlines()]
    assert ("kivu-lake-front", "backed-by", "rwanda") in {
        (r["subject_id"], r["relation"], r["object_id"]) for r in records}

    assert app(["explain", "Rwanda has backed the KLF since 2021.",
                "--actors", str(csv_file)]) == 0
    out = capsys.readouterr().out
    assert "'KLF' -> kivu-lake-front (ArmedGroup, name)" in out
    assert "Kivu Lake Front --backed-by--> Rwanda" in out


@pytest.mark.slow
def test_render_shows_the_users_names(built: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    csv_file, _ = write_user_actors(tmp_path)
    page = tmp_path / "page.html"
    graph = str(built / "graph.trig")
    assert app(["render", graph, "-o", str(page), "--actor", "Party of God"]) == 2
    assert "no actor matches 'Party of God'" in capsys.readouterr().err
    assert app(["render", graph, "-o", str(page), "--actor", "Party of God",
                "--actors", str(csv_file)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "Hezbollah Movement" in html and "Iran" in html


def test_a_bad_actor_file_exits_2_naming_every_bad_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,label,type,wikidata\n"
                   "kivu-lake-front,,ArmedGroup,Q1\n"
                   "north-wind,North Wind,Militia,Q-7\n", encoding="utf-8")
    for command in (["extract", str(tmp_path)], ["explain", "Rwanda backed the KLF."],
                    ["build", str(tmp_path), "--out", str(tmp_path / "out")],
                    ["render", str(tmp_path / "no-graph.trig")]):
        assert app([*command, "--actors", str(bad)]) == 2, command
        err = capsys.readouterr().err
        assert err.splitlines() == [
            f"kgraph: error: {bad}: 3 problem(s)",
            f"  {bad}:2: column label: label is empty",
            f"  {bad}:3: column type: unknown type 'Militia'; valid types: State, ArmedGroup, "
            "PoliticalParty, InternationalOrganization, Person, Organization, DescriptorGroup",
            f"  {bad}:3: column wikidata: wikidata 'Q-7' is not a Q-id like Q30",
        ], command
    assert not (tmp_path / "out").exists()
def test_lexicon_option_rejects_an_unknown_source(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        app(["extract", "-", "--lexicon", "hand,thesaurus"])
    assert "valid sources: hand, cameo" in capsys.readouterr().err


@pytest.mark.slow
def test_extract_reads_with_the_chosen_lexicon(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Turkey castigated Iran over its nuclear programme.", encoding="utf-8")
    assert app(["extract", str(article), "--lexicon", "hand"]) == 0
    assert capsys.readouterr().out == ""
    assert app(["extract", str(article), "--lexicon", "cameo"]) == 0
    assert '"criticizes"' in capsys.readouterr().out

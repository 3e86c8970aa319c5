"""The README's commands run as shown on the sample articles, and its queries answer with rows.

Every ``kgraph ...`` line of the README's code blocks whose files exist after the sample build
(``data/articles``, ``out/...``; a sentence for ``explain``) is run in a scratch folder; lines
about the reader's own files (``archive/``, ``my_actors.csv``, a store server) and ``serve``
(which runs until stopped) are skipped.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kgraph.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

# what the sample build leaves in the scratch folder, besides the data folder itself
_MADE = ("out", "page.html")


def readme_commands() -> list[list[str]]:
    """The ``kgraph`` command lines of the README's code blocks, as argument lists (a console
    prompt ``$`` and a pipe into another program left out)."""
    commands = []
    inside = False
    for line in README.read_text("utf-8").splitlines():
        if line.startswith("```"):
            inside = not inside
            continue
        if inside:
            text = line.split("&&")[-1].strip().removeprefix("$ ").split(" | ")[0]
            if text.startswith("kgraph "):
                commands.append(shlex.split(text, comments=True)[1:])
    return commands


def readme_outputs() -> dict[tuple[str, ...], list[str]]:
    """The output the README's console blocks show under each ``$ kgraph`` command line (its
    arguments, without the pipe -> the lines shown)."""
    shown: dict[tuple[str, ...], list[str]] = {}
    command = None
    for line in README.read_text("utf-8").splitlines():
        if line.startswith("$ kgraph "):
            command = tuple(shlex.split(line.removeprefix("$ ").split(" | ")[0])[1:])
            shown[command] = []
        elif line.startswith("```"):
            command = None
        elif command is not None:
            shown[command].append(line)
    return shown


def _runnable(args: list[str]) -> bool:
    """Whether every path the command names is the sample data or what its build makes."""
    if args[0] == "explain":
        return True
    if args[0] == "serve":  # runs until stopped; tests/test_server.py covers it
        return False
    options_with_values = {"--bind", "--sparql", "--format", "-o", "--out", "--into"}
    paths, skip = [], False
    for i, arg in enumerate(args[1:], 1):
        if skip:
            skip = False
            continue
        if arg in options_with_values:
            skip = True
            if arg in ("-o", "--out", "--into"):
                paths.append(args[i + 1])
            continue
        if arg.startswith("-"):
            return arg in ("--list", "--quiet")  # any other option names a file of the reader's
        if args[0] == "query" and re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", arg):
            continue  # a named query
        if args[0] == "analyze" and (i == 1 or i > 2):
            continue  # the analysis and actor names; the graph is the second argument
        paths.append(arg)
    return all(p.startswith(("data/articles", *_MADE)) for p in paths)


COMMANDS = [c for c in readme_commands() if _runnable(c)]


def test_the_readme_shows_runnable_commands() -> None:
    names = [c[0] for c in COMMANDS]
    assert names.count("build") >= 1 and names.count("query") >= 3
    assert {"render", "explain", "analyze"} <= set(names)
    assert readme_outputs()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    (folder / "data").symlink_to(ROOT / "data", target_is_directory=True)
    return folder


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c)[:60] for c in COMMANDS])
def test_a_readme_command_runs_and_answers(args: list[str], scratch: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(scratch)
    if args[0] != "build" and not (scratch / "out" / "graph.trig").exists():
        assert app(["build", "data/articles", "--out", "out", "--quiet"]) == 0
    assert app(args) == 0
    out = capsys.readouterr().out
    for line in readme_outputs().get(tuple(args), []):
        assert any(row == line or row.startswith(line + ",") for row in out.splitlines()), line
    if args[0] in ("query", "analyze"):
        assert "(no rows)" not in out
        assert len([line for line in out.splitlines() if line.strip()]) >= 2
    if args[0] == "build":
        assert (scratch / "out" / "graph.trig").stat().st_size > 0
    if args[0] == "render":
        path = re.search(r"-o\s+(\S+)", " ".join(args))
        assert path and (scratch / path.group(1)).stat().st_size > 0
    if args[0] == "explain":
        assert "al-Nusra" in out

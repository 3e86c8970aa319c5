"""The README's Development section says what CI does and what the tests need."""

from __future__ import annotations

import importlib.util
import json
import re
import struct
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def section(title: str) -> str:
    """The text of the README's ``## title`` section."""
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert found, f"README has no '## {title}' section"
    return found.group(1)


def test_development_section_names_what_the_tests_need() -> None:
    text = section("Development")
    assert 'pip install -e ".[test]"' in text
    assert "apt-get install -y chromium" in text
    assert "/usr/bin/chromium" in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" in ci and "chromium" in ci
    assert "/usr/bin/chromium" in (ROOT / "tests" / "test_render_browser.py").read_text()


def test_development_section_says_how_ci_runs() -> None:
    text = section("Development")
    assert "bash .ci/run" in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for step in ("python3 -m venv", "pip install -q -e . && kgraph build data/articles",
                 "pytest", "mypy", "pip wheel"):
        assert step in ci, step
    for said in ("fresh venv", "pytest", "mypy", "wheel"):
        assert said in text, said


def test_development_section_points_to_the_layout_rules() -> None:
    text = section("Development")
    for path in ("tests/test_layout.py", "docs/architecture.md", "tests/test_notebook.py"):
        assert path in text
        assert (ROOT / path).is_file(), path


def load_make_screenshot() -> ModuleType:
    """``docs/make_screenshot.py`` as a module."""
    spec = importlib.util.spec_from_file_location("make_screenshot",
                                                  ROOT / "docs" / "make_screenshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screenshot_record_matches_the_png() -> None:
    record = json.loads((ROOT / "docs" / "viewer.json").read_text(encoding="utf-8"))
    png = (ROOT / "docs" / record["png"]).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert [width, height] == record["viewport"] == [1280, 720]
    assert record["header"] == (f"{record['shown_actors']} of {record['actors']} actors \u00b7 "
                                f"{record['shown_relations']} of {record['relations']} relations")
    assert "docs/make_screenshot.py" in section("Development")


@pytest.mark.slow
def test_screenshot_shows_the_counts_of_the_sample_build() -> None:
    """A change that changes the sample's counts calls for ``python docs/make_screenshot.py``."""
    script = load_make_screenshot()
    record = json.loads((ROOT / "docs" / "viewer.json").read_text(encoding="utf-8"))
    expected = script.sample_counts(script.sample_network())
    assert {key: record[key] for key in expected} == expected, (
        "docs/viewer.png is out of date: run python docs/make_screenshot.py")
    assert record["shown_actors"] <= record["actors"]
    assert record["shown_relations"] <= record["relations"]

"""The README's Development section says what CI does and what the tests need."""

from __future__ import annotations

import re
from pathlib import Path

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

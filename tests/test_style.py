"""House rules that a linter can check: the chosen ruff rule set, and no print outside the CLI."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    folders = [name for name in ("kgraph", "tests", "benchmarks") if (ROOT / name).is_dir()]
    out = subprocess.run([ruff, "check", *folders], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr

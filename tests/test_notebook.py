"""The notebooks run from top to bottom from any working directory, so they cannot rot, and are
committed with their outputs (small enough, deterministic, no path of the machine that ran them).

- ``quickstart.ipynb``: build the sample graph, query it, show the viewer;
- ``exploration.ipynb``: the analyses of :mod:`kgraph.analysis` on the sample graph. What its
  text says it finds must be what its code prints: every finding in :data:`FINDINGS` is quoted
  in a markdown cell and printed by a code cell.

Regenerate the committed outputs with ``python tests/test_notebook.py [NAME ...]`` after
changing one (every notebook when no name is given).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAMES = ("quickstart", "exploration")

FINDINGS = (
    "across camps: al-Nusra Front and ISIS",
    "fights until 2014-07, truce-with from 2014-11",
    "Iran backs Houthis",
    "8 of 9 triangles are balanced",
    "al-Qaeda, Houthis, United Arab Emirates: ---",
    "Iran <-[backed-by]- Houthis <-[attacks]- Saudi Arabia",
    "2014-Q3 ended: al-Nusra Front fights ISIS",
    "reaching more than one camp: Iran, Hamas",
)
"""Findings the exploration notebook states in its markdown (in backquotes) and its code prints
verbatim."""


def execute(name: str, cwd: Path) -> Any:
    """The notebook executed with ``cwd`` as the kernel's working directory (nbformat node)."""
    import nbclient  # lazy: a test extra, imported only when a notebook runs
    import nbformat  # lazy: a test extra, imported only when a notebook runs

    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     record_timing=False,
                                     resources={"metadata": {"path": str(cwd)}})
    client.execute()
    notebook.metadata.get("language_info", {}).pop("version", None)
    return notebook


def printed(notebook: Any) -> str:
    """Everything the notebook's code cells print."""
    return "".join(o.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                   for o in cell.outputs)


def check_outputs(name: str, notebook: Any) -> None:
    """The outputs a reader of the notebook sees: no error, what it is about, the viewer inline."""
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = printed(notebook)
    html = [o for o in outputs
            if o.output_type in ("display_data", "execute_result") and "text/html" in o.data]
    assert html and "<iframe" in html[-1].data["text/html"]
    if name == "quickstart":
        assert "RDF triples" in text
        assert " 0 RDF triples" not in f" {text}"
    else:
        check_findings(notebook, text)
        assert "&quot;blocs&quot;:[{" in html[-1].data["text/html"]  # the viewer has the camps


def check_findings(notebook: Any, text: str) -> None:
    """The exploration notebook states in its markdown what its code prints."""
    markdown = "".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    for finding in FINDINGS:
        assert f"`{finding}`" in markdown, finding
        assert finding in text, finding
    # 2014: ISIS is a camp of its own, the others' camps hold their allies
    camps = re.findall(r"^(\S.*?)\s{2,}([a-z][a-z-]*)\s{2,}", text, flags=re.MULTILINE)
    assert [actor for bloc, actor in camps if bloc == "ISIS"] == ["isis"]
    assert ("al-Nusra Front", "al-qaeda") in camps
    assert "6 camps; 0 ties go against them" in text
    # Yemen: the Houthis' one backer is Iran, on four statements; Iran's clients
    assert re.search(r"^level 1: Iran backs Houthis \(statements: 4\)$", text, flags=re.MULTILINE)
    assert not re.search(r"^level \d: \S.* backs Iran ", text, flags=re.MULTILINE)
    for client in ("Hamas", "Hezbollah", "Islamic Jihad"):
        assert f"level 1: Iran backs {client} (" in text
    # every state of the truce timeline is cited with its first report and article
    assert 'first, 2014-01: "Since early January' in text
    assert 'first, 2014-11-13: "Reports of truce' in text
    # by year, 2014 and 2023 bring the most new relations, and none ends or flips
    years = dict(re.findall(r"^(\d{4}) (.*)$", text, flags=re.MULTILINE))
    assert all(re.fullmatch(r"\d+ new", found) for found in years.values())
    new = {year: int(found.split()[0]) for year, found in years.items()}
    assert min(new["2014"], new["2023"]) > max(n for year, n in new.items()
                                               if year not in ("2014", "2023"))
    # the brokers table starts with Iran
    assert re.search(r"^iran\s+Iran\s+0\.\d+", text, flags=re.MULTILINE)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("cwd", [ROOT, NOTEBOOKS], ids=["repo-root", "notebooks"])
def test_notebook_executes(name: str, cwd: Path) -> None:
    pytest.importorskip("nbformat")
    pytest.importorskip("nbclient")
    check_outputs(name, execute(name, cwd))


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_with_outputs(name: str) -> None:
    nbformat = pytest.importorskip("nbformat")
    path = NOTEBOOKS / f"{name}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.execution_count, f"cell not run: {''.join(cell.source)[:60]!r}"
            assert "execution" not in cell.metadata, "timings are recorded"
    check_outputs(name, notebook)
    text = path.read_text(encoding="utf-8")
    assert str(ROOT) not in text and str(Path.home()) not in text


if __name__ == "__main__":
    import nbformat  # lazy: a test extra, needed only to save the executed notebook

    for chosen in sys.argv[1:] or NAMES:
        executed = execute(chosen, ROOT)
        check_outputs(chosen, executed)
        path = NOTEBOOKS / f"{chosen}.ipynb"
        nbformat.write(executed, path)
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
        json.loads(path.read_text(encoding="utf-8"))

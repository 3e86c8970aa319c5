"""The quickstart notebook runs from top to bottom from any working directory, so it cannot rot,
and is committed with its outputs (small, deterministic, no path of the machine that ran it).

Regenerate the committed outputs with ``python tests/test_notebook.py`` after changing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"


def execute(cwd: Path) -> Any:
    """The notebook executed with ``cwd`` as the kernel's working directory (nbformat node)."""
    import nbclient  # lazy: a test extra, imported only when a notebook runs
    import nbformat  # lazy: a test extra, imported only when a notebook runs

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     record_timing=False,
                                     resources={"metadata": {"path": str(cwd)}})
    client.execute()
    notebook.metadata.get("language_info", {}).pop("version", None)
    return notebook


def check_outputs(notebook: Any) -> None:
    """The outputs a reader of the notebook sees: no error, the graph built, the viewer inline."""
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "RDF triples" in text
    assert " 0 RDF triples" not in f" {text}"
    html = [o for o in outputs
            if o.output_type in ("display_data", "execute_result") and "text/html" in o.data]
    assert html and "<iframe" in html[-1].data["text/html"]


@pytest.mark.slow
@pytest.mark.parametrize("cwd", [ROOT, NOTEBOOK.parent], ids=["repo-root", "notebooks"])
def test_quickstart_notebook_executes(cwd: Path) -> None:
    pytest.importorskip("nbformat")
    pytest.importorskip("nbclient")
    check_outputs(execute(cwd))


def test_quickstart_notebook_is_committed_with_outputs() -> None:
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.execution_count, f"cell not run: {''.join(cell.source)[:60]!r}"
            assert "execution" not in cell.metadata, "timings are recorded"
    check_outputs(notebook)
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert str(ROOT) not in text and str(Path.home()) not in text


if __name__ == "__main__":
    import nbformat  # lazy: a test extra, needed only to save the executed notebook

    executed = execute(ROOT)
    check_outputs(executed)
    nbformat.write(executed, NOTEBOOK)
    print(f"wrote {NOTEBOOK.relative_to(ROOT)}", file=sys.stderr)
    json.loads(NOTEBOOK.read_text(encoding="utf-8"))

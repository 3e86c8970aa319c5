"""Tests of the public API in kgraph/__init__.py."""

from __future__ import annotations

import subprocess
import sys

import kgraph


def test_all_is_sorted_and_complete() -> None:
    # in ruff's order (RUF022): constants, then classes, then the rest
    def group(name: str) -> int:
        return 0 if name.isupper() else 1 if name[0].isupper() else 2

    assert kgraph.__all__ == sorted(kgraph.__all__, key=lambda n: (group(n), n))
    for name in ("extract_text", "extract", "build", "load_graph", "save_graph", "query",
                 "to_networkx", "write_html", "load_actors"):
        assert name in kgraph.__all__
    for name in kgraph.__all__:
        assert getattr(kgraph, name) is not None


def test_extract_is_the_function_not_the_subpackage() -> None:
    import kgraph.extract.pipeline

    assert callable(kgraph.extract)
    assert kgraph.extract.__module__ == "kgraph"


def test_import_loads_nothing_heavy() -> None:
    heavy = "('spacy', 'rdflib', 'networkx', 'pyvis')"
    code = f"import sys, kgraph; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unknown_attribute() -> None:
    try:
        kgraph.no_such_thing  # noqa: B018
    except AttributeError as err:
        assert "no_such_thing" in str(err)
    else:
        raise AssertionError("expected AttributeError")

"""The package keeps its layout: no import cycles, no private names across modules, and every
part imports only the parts below it (the layer table of docs/architecture.md).

Read from the source with :mod:`ast`; nothing is imported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kgraph"

# modules that import nothing of kgraph and that every part may import
BASE = frozenset({"kgraph._version", "kgraph.errors", "kgraph.model", "kgraph._io",
                  "kgraph._paths"})

# part -> the parts it may import directly; what those may import is allowed too
LAYERS: dict[str, frozenset[str]] = {
    "read": frozenset(),
    "know": frozenset(),
    "extract": frozenset({"read", "know"}),
    "rdf": frozenset({"know"}),
    "sparql": frozenset({"rdf"}),
    "store": frozenset({"rdf", "sparql"}),
    "views": frozenset({"rdf", "sparql", "store"}),
    "analysis": frozenset({"rdf", "sparql", "store", "views"}),
    "run": frozenset({"extract", "store", "views", "analysis"}),
    "server": frozenset({"sparql", "store", "views", "analysis"}),
    "cli": frozenset({"api", "run"}),
    "api": frozenset({"read", "know", "extract", "rdf", "sparql", "store", "views", "analysis",
                      "run", "server"}),
}

# third-party packages a part must not import (extract is the only spaCy code; rdf has no spaCy)
FORBIDDEN = {"extract": ("rdflib", "pyoxigraph"), "rdf": ("spacy",),
             "read": ("spacy", "rdflib"), "know": ("spacy", "rdflib")}


@dataclass(frozen=True)
class Import:
    """One import of a kgraph module (or a name in it) by another."""

    source: str
    target: str
    name: str | None
    line: int
    in_function: bool
    lazy_comment: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def part_of(module: str) -> str:
    """Return the layout part a module belongs to (``api`` for the package root)."""
    if module == "kgraph":
        return "api"
    if module in ("kgraph.cli", "kgraph.__main__"):
        return "cli"
    if module in BASE:
        return "base"
    return module.split(".")[1]


def _closure(part: str) -> frozenset[str]:
    if part == "cli":  # the CLI calls the public API and run/, and nothing below them
        return LAYERS["cli"]
    seen: set[str] = set()
    todo = [part]
    while todo:
        for below in LAYERS.get(todo.pop(), frozenset()):
            if below not in seen:
                seen.add(below)
                todo.append(below)
    return frozenset(seen)


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    parts = module.split(".") if is_package else module.split(".")[:-1]
    parts = parts[: len(parts) - node.level + 1]
    return ".".join(parts + ([node.module] if node.module else []))


def _imports(module: str) -> Iterator[tuple[ast.stmt, str, str | None]]:
    """Yield (node, kgraph module, imported name or None) for each kgraph import of a module."""
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "kgraph":
                    yield node, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node)
            if base.split(".")[0] != "kgraph":
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield (node, full, None) if full in MODULES else (node, base, alias.name)


def _function_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    lines.add(inner.lineno)
    return lines


def all_imports() -> list[Import]:
    """Every import of a kgraph module inside kgraph, with where it stands."""
    found = []
    for module, path in MODULES.items():
        text = path.read_text("utf-8")
        source_lines = text.splitlines()
        in_functions = _function_lines(ast.parse(text))
        for node, target, name in _imports(module):
            if target not in MODULES or target == module:
                continue
            line = source_lines[node.lineno - 1]
            found.append(Import(module, target, name, node.lineno, node.lineno in in_functions,
                                "# lazy:" in line))
    return found


IMPORTS = all_imports()


def test_every_module_belongs_to_a_part() -> None:
    unknown = sorted(m for m in MODULES if part_of(m) not in LAYERS and part_of(m) != "base")
    assert unknown == []


def test_no_import_cycles() -> None:
    graph = nx.DiGraph((i.source, i.target) for i in IMPORTS if i.target != "kgraph")
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert cycles == []


def test_no_private_names_across_modules() -> None:
    private = [f"{i.source}:{i.line} imports {i.target}.{i.name}" for i in IMPORTS
               if i.name and i.name.startswith("_") and not i.name.startswith("__")]
    assert private == []


def test_base_modules_import_nothing_of_kgraph() -> None:
    assert [f"{i.source} -> {i.target}" for i in IMPORTS if i.source in BASE] == []


@pytest.mark.parametrize("part", sorted(LAYERS))
def test_parts_import_only_the_parts_below_them(part: str) -> None:
    wrong = []
    for i in IMPORTS:
        source, target = part_of(i.source), part_of(i.target)
        if source != part or target in ("base", source) or target in _closure(source):
            continue
        wrong.append(f"{i.source}:{i.line} ({source}) imports {i.target} ({target})")
    assert wrong == []


def test_imports_inside_functions_only_keep_import_light() -> None:
    hidden = [f"{i.source}:{i.line} imports {i.target}" for i in IMPORTS
              if i.in_function and not i.lazy_comment]
    assert hidden == []


@pytest.mark.parametrize(("part", "packages"), sorted(FORBIDDEN.items()))
def test_parts_keep_out_of_libraries(part: str, packages: tuple[str, ...]) -> None:
    used = []
    for module, path in MODULES.items():
        if part_of(module) != part:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            used += [f"{module}:{node.lineno} {n}" for n in names if n.split(".")[0] in packages]
    assert used == []

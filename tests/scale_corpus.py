"""Helpers for the scale tests: a small corpus (synthetic plus hand-written) and graph equality."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

ROOT = Path(__file__).resolve().parents[1]

# Written for these tests; unknown names make minted actors, one of them read twice.
HAND_WRITTEN = [
    {"text": "The Northern Lions Brigade attacked Hezbollah near the border on 3 May 2019. "
             "Iran condemned the Northern Lions Brigade.",
     "published": "2019-05-04"},
    {"text": "Northern Lions Brigade fighters clashed with ISIS in the desert. "
             "Turkey is a member of NATO, officials said.",
     "published": "2019-06-10"},
]


def make_corpus_module() -> ModuleType:
    """Import benchmarks/make_corpus.py (the benchmarks folder is not a package)."""
    spec = importlib.util.spec_from_file_location("make_corpus",
                                                  ROOT / "benchmarks" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_corpus(folder: Path, n: int = 10, *, seed: int = 3) -> Path:
    """Write ``n`` synthetic articles and the hand-written ones to ``folder/corpus.jsonl``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.jsonl"
    records = list(make_corpus_module().make_articles(n, seed=seed))
    records[len(records) // 2:len(records) // 2] = HAND_WRITTEN
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record) + "\n")
    return path


def named_graphs(ds: Dataset, *, skip: tuple[URIRef, ...] = ()) -> dict[str, object]:
    """The non-empty named graphs of a dataset, by IRI, without those in ``skip``."""
    return {str(g.identifier): g for g in ds.graphs()
            if len(g) and g.identifier not in skip}


def assert_same_graphs(one: Dataset, two: Dataset, *, skip: tuple[URIRef, ...] = ()) -> None:
    """Assert that two datasets have the same named graphs, each pair isomorphic."""
    first, second = named_graphs(one, skip=skip), named_graphs(two, skip=skip)
    assert first.keys() == second.keys()
    for name, graph in first.items():
        assert isomorphic(graph, second[name]), name  # type: ignore[arg-type]

"""Hostile input: reading it never raises, and every bad entry gives exactly one message.

The corpus is written at test time by ``tests/hostile/make_corpus.py``; the slow test builds it
with ``kgraph build`` in each of the three run modes.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hostile.make_corpus import Expected, write_corpus

from kgraph.errors import ArticleError
from kgraph.model import Article
from kgraph.read.articles import iter_articles

_RECORD = re.compile(r"^(.*\.jsonl(?:\.gz)?):\d+$")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Expected:
    return write_corpus(tmp_path_factory.mktemp("hostile"))


def _file_of(source: str) -> str:
    """The file an article or message came from (a JSON record's source ends in ``:line``)."""
    m = _RECORD.match(source)
    return m[1] if m else source


def _read(corpus: Expected) -> tuple[list[Article], list[ArticleError]]:
    errors: list[ArticleError] = []
    return list(iter_articles(corpus.inputs, on_error=errors.append)), errors


def test_every_good_article_is_read(corpus: Expected) -> None:
    articles, _ = _read(corpus)
    ids = [a.id for a in articles]
    assert corpus.good <= set(ids)
    assert len(ids) == len(set(ids))  # one id never names two articles
    assert corpus.renamed <= set(ids)


def test_one_message_per_bad_entry(corpus: Expected) -> None:
    _, errors = _read(corpus)
    assert Counter(e.path for e in errors) == Counter(set(corpus.skipped))
    for e in errors:
        assert corpus.skipped[e.path] in e.reason, (e.path, e.reason)
        assert str(e).isprintable(), str(e)  # escape sequences in names are not echoed raw


def test_hostile_but_readable_files_give_bounded_articles(corpus: Expected) -> None:
    articles, _ = _read(corpus)
    per_file = Counter(_file_of(a.source) for a in articles)
    for source, count in corpus.read.items():
        assert per_file[source] == count, source
    good_files = {_file_of(a.source) for a in articles if a.id in corpus.good}
    assert set(per_file) == set(corpus.read) | good_files
    assert all(a.text.encode("utf-8") for a in articles)  # no unpaired surrogate is left
    assert all(str(p) not in per_file for p in corpus.silent)


def test_repeated_id_is_kept_under_a_suffix_with_a_warning(
    corpus: Expected, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="kgraph.read.articles"):
        _read(corpus)
    renamed = [r.getMessage() for r in caplog.records if "kept as" in r.getMessage()]
    assert len(renamed) == 1 and renamed[0].endswith("kept as dup~2")


@pytest.mark.slow
@pytest.mark.parametrize("mode", [[], ["--jobs", "2"], ["--engine", "dask"]],
                         ids=["one-process", "jobs-2", "dask"])
def test_build_survives_the_hostile_corpus(
    corpus: Expected, tmp_path: Path, mode: list[str]
) -> None:
    import rdflib

    from kgraph.rdf.namespace import article_iri

    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "kgraph", "build", *map(str, corpus.inputs), "--out", str(out),
         *mode], capture_output=True, text=True, timeout=1800, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    skips = [line for line in done.stderr.splitlines() if line.startswith("kgraph: skipped")]
    assert len(skips) == len(corpus.skipped), "\n".join(skips)
    assert f"({len(corpus.skipped)} skipped)" in done.stdout
    assert "\x1b" not in done.stderr
    graph = rdflib.Dataset()
    graph.parse(out / "graph.trig", format="trig")
    subjects = {s for s, _, _, _ in graph.quads((None, None, None, None))}
    for article_id in corpus.good:
        assert article_iri(article_id) in subjects, article_id

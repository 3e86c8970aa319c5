"""Build a graph from articles: read them, extract assertions, merge them, write the outputs.

This module joins the stages of DESIGN.md's data flow; each stage lives in its own module.
Every build runs one loop, :func:`build_into`, over a backend (:mod:`kgraph.store.base`):
memory for :func:`build` and :func:`build_outputs`, the backend that
:func:`kgraph.store.open_backend` opens for :func:`build_store` (an Oxigraph folder, a SPARQL
server, or any object with the methods of :class:`kgraph.store.base.Backend`).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph._io import atomic_writer
from kgraph.analysis.annotate import write_html
from kgraph.errors import ArticleError
from kgraph.know.actors import gazetteer_with
from kgraph.model import Article
from kgraph.rdf.graph import load_graph, statement_records
from kgraph.read.articles import iter_articles
from kgraph.run.parallel import extract_stream
from kgraph.store import open_backend
from kgraph.store.base import Backend
from kgraph.store.memory import MemoryBackend
from kgraph.store.resume import mark_done, pending
from kgraph.views.export import write_export
from kgraph.views.network import to_networkx

if TYPE_CHECKING:
    from rdflib import Dataset
    from spacy.language import Language

    from kgraph.know.actors import ActorFiles, Gazetteer
    from kgraph.run.parallel import RunOptions

__all__ = ["OUTPUT_FILES", "BuildSummary", "StoreSummary", "build", "build_into", "build_outputs",
           "build_store", "write_outputs"]

OUTPUT_FILES = ("graph.trig", "graph.ttl", "triples.jsonl", "graph.graphml", "graph.html")
_FLUSH_EVERY = 500  # articles between two flushes of a backend (see OxigraphBackend.flush)


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What a build did: counts for the summary line, the files written and the time taken."""

    articles: int
    skipped: int
    actors: int
    relations: dict[str, int]
    files: tuple[Path, ...]
    seconds: float

    @property
    def assertions(self) -> int:
        """The number of assertions in the graph."""
        return sum(self.relations.values())


def build(
    inputs: Iterable[str | Path],
    *,
    into: Dataset | None = None,
    model: str | None = None,
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
    actors: ActorFiles | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
    options: RunOptions | None = None,
) -> Dataset:
    """Read articles from files or folders, extract their assertions and merge them into a graph.

    Args:
        inputs: files (.txt, .md, .html, feeds, .jsonl) or folders of them, http(s) URLs of
            pages or feeds; ``-`` reads stdin.
        into: a dataset to add the articles to (it is modified); a new one when None.
        model: the spaCy pipeline to parse with (a package name or a path).
        nlp: an already loaded pipeline, which takes precedence over ``model``.
        gazetteer: the actors to recognise; the packaged gazetteer when None.
        actors: your own actor CSV files (one path or several, the columns of
            ``data/actors/actors.csv``), which add to or override the packaged gazetteer
            (see :func:`kgraph.know.actors.load_actors`); not together with ``gazetteer``.
        on_error: called with each input that is not a readable article, or whose extraction
            failed (it is skipped; see :mod:`kgraph.run.parallel`).
        options: worker processes or Dask, batch size and progress (see
            :class:`kgraph.run.parallel.RunOptions`); the result is the same for any of them.

    Returns:
        The rdflib Dataset: one named graph per article plus the actors graph.

    Raises:
        DataFileError: a row of an actor file is malformed.
        ValueError: both ``gazetteer`` and ``actors`` are given.
    """
    backend = MemoryBackend(into)
    build_into(backend, iter_articles(inputs, on_error=on_error), model=model, nlp=nlp,
               gazetteer=gazetteer_with(actors, gazetteer), options=options, on_error=on_error,
               resume=False)
    return backend.dataset


def build_into(
    backend: Backend,
    articles: Iterable[Article],
    *,
    model: str | None = None,
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
    options: RunOptions | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
    resume: bool = True,
) -> Counter[str]:
    """The build loop: parse ``articles`` and ingest each into ``backend``, in input order.

    Articles are read, parsed and ingested as they come: memory holds the backend's content,
    not the corpus. After each article its content hash is recorded (:mod:`kgraph.store.resume`);
    the backend is flushed every 500 articles and at the end.

    Args:
        backend: where the articles go (see :func:`kgraph.store.open_backend`).
        articles: the articles.
        model: the spaCy pipeline to parse with.
        nlp: an already loaded pipeline, which takes precedence over ``model``.
        gazetteer: the actors to recognise; the packaged gazetteer when None.
        options: worker processes or Dask, batch size and progress (see :func:`build`).
        on_error: called with each article whose extraction failed (it is skipped).
        resume: pass over, before parsing, the articles the backend holds from the same text;
            they count as ``unchanged``.

    Returns:
        How many articles were ``added``, ``replaced`` and ``unchanged``.

    Raises:
        GraphError: an assertion is inconsistent, or the backend refused a write.
    """
    outcomes: Counter[str] = Counter()

    def resumed(article: Article) -> None:
        outcomes["unchanged"] += 1

    if resume:
        articles = pending(articles, backend, on_skip=resumed)
    stream = extract_stream(articles, options=options, model=model, nlp=nlp, gazetteer=gazetteer,
                            on_error=on_error)
    for ingested, (article, assertions, name) in enumerate(stream, start=1):
        outcomes[backend.ingest(article, assertions, model=name)] += 1
        mark_done(backend, article)
        if ingested % _FLUSH_EVERY == 0:
            backend.flush()
    backend.flush()
    return outcomes


class SkipCounter:
    """An ``on_error`` handler that counts the skipped inputs and passes each one on."""

    def __init__(self, on_error: Callable[[ArticleError], None] | None = None) -> None:
        self.count = 0
        self._on_error = on_error

    def __call__(self, err: ArticleError) -> None:
        self.count += 1
        if self._on_error is not None:
            self._on_error(err)


def build_outputs(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    into: str | Path | None = None,
    model: str | None = None,
    actors: ActorFiles | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
    options: RunOptions | None = None,
) -> BuildSummary:
    """Build the graph of ``inputs`` and write every output file into ``out_dir``.

    A build that read no article writes nothing (its summary lists no files), and the files
    of a build replace those in ``out_dir`` only once all of them are written (see
    :func:`write_outputs`).

    Args:
        inputs: files or folders of articles, as for :func:`build`.
        out_dir: the folder for graph.trig, graph.ttl, triples.jsonl, graph.graphml and
            graph.html (created if missing).
        into: an existing graph file (.trig) to extend; only the named graphs of the new or
            changed articles change.
        model: the spaCy pipeline to parse with.
        actors: your own actor CSV files (see :func:`build`).
        on_error: called with each input that is not a readable article, or whose extraction
            failed (it is skipped and counted).
        options: worker processes or Dask, batch size and progress (see :func:`build`).

    Returns:
        A summary of the build.

    Raises:
        DataFileError: a row of an actor file is malformed.
        MissingInputError: an input path names no file or folder (before any work).
    """
    started = time.perf_counter()
    skip = SkipCounter(on_error)

    gazetteer = gazetteer_with(actors)  # a bad actor file stops the build before any work
    backend = MemoryBackend(load_graph(into) if into is not None else None, path=into)
    outcomes = build_into(backend, iter_articles(inputs, on_error=skip), model=model,
                          gazetteer=gazetteer, options=options, on_error=skip, resume=False)
    if not outcomes.total():  # nothing read: the outputs of the last build stay as they were
        return BuildSummary(articles=0, skipped=skip.count, actors=0, relations={}, files=(),
                            seconds=time.perf_counter() - started)
    files, described, relations = write_outputs(backend.dataset, out_dir)
    return BuildSummary(articles=outcomes.total(), skipped=skip.count, actors=described,
                        relations=relations, files=files, seconds=time.perf_counter() - started)


@dataclass(frozen=True, slots=True)
class StoreSummary:
    """What a build into a backend did, article by article."""

    articles: int
    skipped: int
    added: int
    replaced: int
    unchanged: int
    seconds: float


def build_store(
    inputs: Iterable[str | Path],
    store: str | Path | Backend,
    *,
    model: str | None = None,
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
    actors: ActorFiles | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
    options: RunOptions | None = None,
    resume: bool = True,
) -> StoreSummary:
    """Read articles and ingest each into a store: an Oxigraph folder, a SPARQL 1.1 server or
    any backend (see :func:`kgraph.store.open_backend`).

    In an Oxigraph folder (see :mod:`kgraph.store.oxigraph`) unchanged articles are skipped,
    changed ones replace their named graph, and a build stopped half-way leaves no article half
    written (the one it was writing has no digest yet, and is written again on resume). Memory
    does not grow with the corpus (see :class:`kgraph.store.oxigraph.OxigraphBackend`).

    Args:
        inputs: files or folders of articles, as for :func:`build`.
        store: the store folder (created if missing), a SPARQL 1.1 store server
            ``sparql+http://HOST:PORT/PATH`` (see :mod:`kgraph.store.remote`), or a backend.
        model: the spaCy pipeline to parse with.
        nlp: an already loaded pipeline, which takes precedence over ``model``.
        gazetteer: the actors to recognise; the packaged gazetteer when None.
        actors: your own actor CSV files (see :func:`build`); not together with ``gazetteer``.
        on_error: called with each input that is not a readable article, or whose extraction
            failed (it is skipped and counted).
        options: worker processes or Dask, batch size and progress (see :func:`build`).
        resume: skip, before parsing, the articles the store already holds from the same text
            (see :mod:`kgraph.store.resume`); they count as unchanged. False parses every article
            again (after a change of model or gazetteer).

    Returns:
        A summary: articles read, skipped, added, replaced and unchanged.

    Raises:
        DataFileError: a row of an actor file is malformed.
        GraphError: the store cannot be opened, or refused a write.
        ValueError: both ``gazetteer`` and ``actors`` are given.
    """
    gazetteer = gazetteer_with(actors, gazetteer)
    started = time.perf_counter()
    skip = SkipCounter(on_error)
    outcomes = build_into(open_backend(store), iter_articles(inputs, on_error=skip), model=model,
                          nlp=nlp, gazetteer=gazetteer, options=options, on_error=skip,
                          resume=resume)
    return StoreSummary(articles=outcomes.total(), skipped=skip.count,
                        added=outcomes["added"], replaced=outcomes["replaced"],
                        unchanged=outcomes["unchanged"], seconds=time.perf_counter() - started)


def write_outputs(
    dataset: Dataset, out_dir: str | Path
) -> tuple[tuple[Path, ...], int, dict[str, int]]:
    """Write the five output files of a build; return them, the actor count and relation counts.

    graph.trig, graph.ttl (the truthy graph) and graph.graphml are written by the writers of
    their export formats (:mod:`kgraph.views.export`), as ``kgraph export`` writes them.
    They are written into a hidden folder beside ``out_dir`` and moved into it only when all
    five are written: a build that fails on the way leaves the previous outputs untouched.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    read = statement_records(dataset)
    # each record names its article: the headline, URL, date, author and source the graph
    # keeps for it
    records = sorted(({**r.assertion.to_json(), **r.article.provenance()} for r in read),
                     key=_record_order)
    network = to_networkx(dataset, records=read)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}.") as name:
        staged = Path(name)
        written = (
            write_export(dataset, staged / "graph.trig"),
            write_export(dataset, staged / "graph.ttl", truthy=True),
            _write_jsonl(records, staged / "triples.jsonl"),
            write_export(dataset, staged / "graph.graphml", network=network),
            write_html(network, staged / "graph.html"),  # with its blocs and pair timelines
        )
        files = tuple(Path(path).replace(out / Path(path).name) for path in written)
    relations = Counter(str(r["relation"]) for r in records)
    return files, network.number_of_nodes(), dict(sorted(relations.items()))


def _record_order(record: dict[str, object]) -> tuple[str, int, str, str, str]:
    return (str(record["doc_id"]), int(str(record["start"])), str(record["subject_id"]),
            str(record["relation"]), str(record["object_id"]))


def _write_jsonl(records: Iterable[dict[str, object]], path: Path) -> Path:
    with atomic_writer(path) as f:
        for record in records:
            f.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    return path


"""Run extraction over a stream of articles: in this process, in N worker processes, or on Dask.

Parsing dominates a build (DESIGN.md §7), so this is where the cores are spent:

* ``jobs=1`` parses in this process with ``nlp.pipe`` in batches;
* ``jobs=N`` starts N worker processes (``forkserver`` where the platform has it, else
  ``spawn``: never ``fork``, which would copy a half-initialised parent). Each worker loads the
  pipeline once, on its first batch, and sends back only the assertions of each article: Docs
  never cross a process boundary. Batches are merged back in input order, so the result is the
  same as with ``jobs=1``, whatever batch finishes first;
* ``engine="dask"`` hands batches to a Dask cluster (see :mod:`kgraph.distributed`).

The article stream is consumed lazily and only a bounded window of batches is in flight, so
memory does not grow with the corpus.

Examples:
    >>> options = RunOptions(jobs=2)
    >>> options.jobs, options.engine, options.batch_size
    (2, 'local', 32)
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kgraph.errors import KGraphError
from kgraph.model import Article, Assertion

if TYPE_CHECKING:
    from spacy.language import Language

    from kgraph.actors import Gazetteer

__all__ = ["Engine", "Extracted", "RunOptions", "extract_stream", "pipeline_name",
           "start_method"]

Engine = Literal["local", "dask"]

Extracted = tuple[Article, list[Assertion], str]
"""An article, the assertions read in it and the pipeline that read them (``name-version``)."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a build runs extraction.

    Attributes:
        jobs: worker processes for the local engine (1: parse in this process); for Dask, the
            workers of the local cluster started when no scheduler is given.
        engine: ``"local"`` (this machine) or ``"dask"`` (a Dask distributed cluster).
        scheduler: the Dask scheduler address (``tcp://host:8786``); None starts a local
            cluster on the loopback interface.
        batch_size: articles per ``nlp.pipe`` batch and per task (16-64 is the sweet spot).
        on_article: called with each article and its assertion count once it is extracted
            (progress reporting).
    """

    jobs: int = 1
    engine: Engine = "local"
    scheduler: str | None = None
    batch_size: int = 32
    on_article: Callable[[Article, int], None] | None = None


def start_method() -> str:
    """Return the multiprocessing start method for workers: ``forkserver`` when available.

    Examples:
        >>> start_method() in ("forkserver", "spawn")
        True
    """
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def pipeline_name(nlp: Language) -> str:
    """Return the name and version of a spaCy pipeline, as the graph records it.

    Examples:
        >>> import spacy
        >>> pipeline_name(spacy.blank("en"))
        'en_pipeline-0.0.0'
    """
    meta = nlp.meta
    name = f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_")
    version = str(meta.get("version", ""))
    return f"{name}-{version}" if version else name


def batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Split a stream into lists of ``size`` items (the last may be shorter), lazily.

    Examples:
        >>> [len(b) for b in batches([Article(str(i), "x") for i in range(5)], 2)]
        [2, 2, 1]
    """
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def extract_stream(
    articles: Iterable[Article],
    *,
    options: RunOptions | None = None,
    model: str | None = None,
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
) -> Iterator[Extracted]:
    """Extract the assertions of every article, yielding them in input order as they come.

    Args:
        articles: the articles (consumed lazily).
        options: jobs, engine, scheduler, batch size and progress callback; one process when
            None.
        model: the spaCy pipeline name or path (loaded once per process or worker).
        nlp: an already loaded pipeline; given one, the local engine parses in this process
            whatever ``jobs`` says (a loaded pipeline is not sent to other processes).
        gazetteer: the actors to recognise; the packaged gazetteer when None (a given one is
            sent to each worker once).

    Yields:
        ``(article, assertions, pipeline)`` per article, in the order of ``articles``.

    Raises:
        KGraphError: ``jobs`` or ``batch_size`` is not positive, or the engine is unknown.
        ModelError: the model cannot be loaded (here or in a worker).
    """
    opts = options or RunOptions()
    if opts.jobs < 1 or opts.batch_size < 1:
        raise KGraphError(f"jobs and batch size must be at least 1, not {opts.jobs} and "
                          f"{opts.batch_size}")
    if opts.engine == "dask":
        from kgraph.distributed import extract_dask

        stream = extract_dask(articles, scheduler=opts.scheduler, workers=opts.jobs,
                              model=model, gazetteer=gazetteer, batch_size=opts.batch_size)
    elif opts.engine != "local":
        raise KGraphError(f"unknown engine {opts.engine!r}; valid engines: local, dask")
    elif opts.jobs == 1 or nlp is not None:
        stream = _extract_here(articles, model=model, nlp=nlp, gazetteer=gazetteer,
                               batch_size=opts.batch_size)
    else:
        stream = _extract_in_processes(articles, jobs=opts.jobs, model=model,
                                       gazetteer=gazetteer, batch_size=opts.batch_size)
    for article, assertions, name in stream:
        if opts.on_article is not None:
            opts.on_article(article, len(assertions))
        yield article, assertions, name


def _extract_here(
    articles: Iterable[Article],
    *,
    model: str | None,
    nlp: Language | None,
    gazetteer: Gazetteer | None,
    batch_size: int,
) -> Iterator[Extracted]:
    from kgraph.extract import extract_articles, load_pipeline

    pipe = nlp if nlp is not None else load_pipeline(model, gazetteer=gazetteer)
    name = pipeline_name(pipe)
    for article, assertions in extract_articles(articles, nlp=pipe, gazetteer=gazetteer,
                                                batch_size=batch_size):
        yield article, assertions, name


# ------------------------------------------------------------------ worker side
# Set once per worker process by _init_worker; the pipeline is loaded on the first batch, so that
# a model that cannot be loaded raises ModelError from the task (a failing initializer would
# only break the pool).
_worker_model: str | None = None
_worker_gazetteer: Gazetteer | None = None


def _init_worker(model: str | None, gazetteer: Gazetteer | None, parent: int) -> None:
    global _worker_model, _worker_gazetteer
    _worker_model, _worker_gazetteer = model, gazetteer
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """Stop this worker once the build process is gone (killed without a chance to stop its
    pool: a forkserver's workers are not its children and would wait for work forever)."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the pid was reused by another user's process
            os._exit(1)


def extract_batch(
    batch: list[Article], model: str | None = None, gazetteer: Gazetteer | None = None
) -> tuple[str, list[list[Assertion]]]:
    """Extract one batch in the current process with the cached pipeline (a worker task).

    Only the assertions go back to the caller, which still holds the articles.

    Args:
        batch: the articles.
        model: the spaCy pipeline name or path.
        gazetteer: the actors to recognise; the packaged gazetteer when None.

    Returns:
        The pipeline name and the assertions of each article, in batch order.
    """
    from kgraph.extract import extract_articles, load_pipeline

    nlp = load_pipeline(model, gazetteer=gazetteer)  # cached per process after the first call
    found = [assertions for _, assertions in
             extract_articles(batch, nlp=nlp, gazetteer=gazetteer, batch_size=len(batch))]
    return pipeline_name(nlp), found


def _worker_task(batch: list[Article]) -> tuple[str, list[list[Assertion]]]:
    return extract_batch(batch, _worker_model, _worker_gazetteer)


# ------------------------------------------------------------------ parent side


def _extract_in_processes(
    articles: Iterable[Article],
    *,
    jobs: int,
    model: str | None,
    gazetteer: Gazetteer | None,
    batch_size: int,
) -> Iterator[Extracted]:
    context = multiprocessing.get_context(start_method())
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(model, gazetteer, os.getpid()))
    window = 2 * jobs  # batches in flight: every worker busy, one queued behind it
    pending: deque[tuple[list[Article], Future[tuple[str, list[list[Assertion]]]]]] = deque()
    try:
        for batch in batches(articles, batch_size):
            pending.append((batch, pool.submit(_worker_task, batch)))
            if len(pending) >= window:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(
    batch: list[Article], future: Future[tuple[str, list[list[Assertion]]]]
) -> Iterator[Extracted]:
    name, found = future.result()
    for article, assertions in zip(batch, found, strict=True):
        yield article, assertions, name

"""Run extraction over a stream of articles: in this process, in N worker processes, or on Dask.

Parsing dominates a build (DESIGN.md §7), so this is where the cores are spent:

* ``jobs=1`` parses in this process with ``nlp.pipe`` in batches;
* ``jobs=N`` starts N worker processes (``forkserver`` where the platform has it, else
  ``spawn``: never ``fork``, which would copy a half-initialised parent). Each worker loads the
  pipeline once, on its first batch, and sends back only the assertions of each article: Docs
  never cross a process boundary. Batches are merged back in input order, so the result is the
  same as with ``jobs=1``, whatever batch finishes first;
* ``engine="dask"`` hands batches to a Dask cluster (see :mod:`kgraph.run.distributed`).

The article stream is consumed lazily and only a bounded window of batches is in flight, so
memory does not grow with the corpus.

No article stops a batch. An exception raised while extracting one article is caught where the
batch is extracted, in whichever process that is: the batch is parsed again article by article,
and the article that fails is skipped with a one-line reason, reported to ``on_error`` as an
:class:`~kgraph.errors.ArticleError` naming its file. kgraph's own errors (a model that does not
load, an invalid data file) and ``MemoryError`` still stop the build. A worker process that dies
(killed, out of memory, crashed) breaks the pool: a new pool is started and the batches it held
are run again one at a time, a batch that kills its worker again article by article, so that
only the article that kills a worker alone is skipped.

Examples:
    >>> options = RunOptions(jobs=2)
    >>> options.jobs, options.engine, options.batch_size
    (2, 'local', 32)
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kgraph.errors import ArticleError, KGraphError
from kgraph.know.relations import LEXICON_SOURCES
from kgraph.model import Article
from kgraph.run.batch import (
    WORKER_DIED,
    BatchResult,
    Extracted,
    Results,
    batches,
    extract_batch,
    extract_here,
    skip_error,
)
from kgraph.run.distributed import extract_dask

if TYPE_CHECKING:
    from spacy.language import Language

    from kgraph.know.actors import Gazetteer

__all__ = ["Engine", "RunOptions", "extract_stream", "start_method"]

log = logging.getLogger(__name__)

Engine = Literal["local", "dask"]




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
        lexicon: the lexicon sources to read with (``hand``, ``cameo``; see
            :data:`kgraph.know.relations.LEXICON_SOURCES`).
    """

    jobs: int = 1
    engine: Engine = "local"
    scheduler: str | None = None
    batch_size: int = 32
    on_article: Callable[[Article, int], None] | None = None
    lexicon: tuple[str, ...] = tuple(LEXICON_SOURCES)


def start_method() -> str:
    """Return the multiprocessing start method for workers: ``forkserver`` when available.

    Examples:
        >>> start_method() in ("forkserver", "spawn")
        True
    """
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def extract_stream(
    articles: Iterable[Article],
    *,
    options: RunOptions | None = None,
    model: str | None = None,
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
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
        on_error: called with each article whose extraction failed or killed its worker (it is
            skipped, see the module docstring); logged as a warning when None.

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
    stream: Results
    if opts.engine == "dask":
        stream = extract_dask(articles, scheduler=opts.scheduler, workers=opts.jobs,
                              model=model, gazetteer=gazetteer, batch_size=opts.batch_size,
                              lexicon=opts.lexicon)
    elif opts.engine != "local":
        raise KGraphError(f"unknown engine {opts.engine!r}; valid engines: local, dask")
    elif opts.jobs == 1 or nlp is not None:
        stream = extract_here(articles, model=model, nlp=nlp, gazetteer=gazetteer,
                               batch_size=opts.batch_size, lexicon=opts.lexicon)
    else:
        stream = _extract_in_processes(articles, jobs=opts.jobs, model=model,
                                       gazetteer=gazetteer, batch_size=opts.batch_size,
                                       lexicon=opts.lexicon)
    for article, outcome, name in stream:
        if isinstance(outcome, str):
            err = skip_error(article, outcome)
            if on_error is None:
                log.warning("skipped %s", err)
            else:
                on_error(err)
            continue
        if opts.on_article is not None:
            opts.on_article(article, len(outcome))
        yield article, outcome, name


# ------------------------------------------------------------------ worker side
# Set once per worker process by _init_worker; the pipeline is loaded on the first batch, so that
# a model that cannot be loaded raises ModelError from the task (a failing initializer would
# only break the pool).
_worker_model: str | None = None
_worker_gazetteer: Gazetteer | None = None
_worker_lexicon: tuple[str, ...] = tuple(LEXICON_SOURCES)


def _init_worker(model: str | None, gazetteer: Gazetteer | None, lexicon: tuple[str, ...],
                 parent: int) -> None:
    global _worker_model, _worker_gazetteer, _worker_lexicon
    _worker_model, _worker_gazetteer, _worker_lexicon = model, gazetteer, lexicon
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


def _worker_task(batch: list[Article]) -> BatchResult:
    return extract_batch(batch, _worker_model, _worker_gazetteer, _worker_lexicon)


# ------------------------------------------------------------------ parent side


def _extract_in_processes(
    articles: Iterable[Article],
    *,
    jobs: int,
    model: str | None,
    gazetteer: Gazetteer | None,
    batch_size: int,
    lexicon: tuple[str, ...],
) -> Results:
    context = multiprocessing.get_context(start_method())

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                   initializer=_init_worker,
                                   initargs=(model, gazetteer, lexicon, os.getpid()))

    pool = start()

    def alone(batch: list[Article]) -> Results:
        """Run one batch with nothing else in the pool, so that a worker death names it."""
        nonlocal pool
        try:
            name, found = pool.submit(_worker_task, batch).result()
        except BrokenProcessPool:
            pool.shutdown(wait=True)
            pool = start()
            if len(batch) == 1:
                yield batch[0], WORKER_DIED, ""
            else:
                for article in batch:
                    yield from alone([article])
            return
        yield from zip(batch, found, itertools.repeat(name))

    window = 2 * jobs  # batches in flight: every worker busy, one queued behind it
    pending: deque[tuple[list[Article], Future[BatchResult]]] = deque()

    def collect(keep: int) -> Results:
        """Yield the results of the oldest batches until ``keep`` are left in flight."""
        nonlocal pool
        while len(pending) > keep:
            batch, future = pending.popleft()
            try:
                name, found = future.result()
            except BrokenProcessPool:
                # a worker died: every batch the pool held is lost, except those already done
                held = [(batch, future), *pending]
                pending.clear()
                pool.shutdown(wait=True)
                pool = start()
                for lost, was in held:
                    if was.done() and not was.cancelled() and was.exception() is None:
                        name, found = was.result()
                        yield from zip(lost, found, itertools.repeat(name))
                    else:
                        yield from alone(lost)
                continue
            yield from zip(batch, found, itertools.repeat(name))

    try:
        for batch in batches(articles, batch_size):
            pending.append((batch, pool.submit(_worker_task, batch)))
            yield from collect(window - 1)
        yield from collect(0)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

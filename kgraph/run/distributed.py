"""Extraction on a Dask distributed cluster: a map over batches of articles.

Extraction is a pure map (article -> assertions), so kgraph runs it on an existing cluster
engine rather than a home-made one. The client submits one task per batch of articles
(:func:`kgraph.run.parallel.extract_batch`); each Dask worker process loads the spaCy pipeline
once, on its first task, and keeps it (``load_pipeline`` is cached per process), and each task
returns only the assertions. Results are merged in input order, with a bounded number of
batches in flight, so the graph equals a single-process build and the client's memory does not
grow with the corpus.

An article whose extraction raises is skipped with its reason by the task itself (see
:mod:`kgraph.run.parallel`). A worker that dies is restarted by its nanny and Dask runs its task
again elsewhere; a batch that has killed ``distributed.scheduler.allowed-failures`` + 1 workers
(Dask's ``KilledWorker``) is run again one article per task, and an article that kills its
workers alone is skipped.

Without a scheduler address a :class:`dask.distributed.LocalCluster` is started on the loopback
interface (worker processes, one thread each: a spaCy pipeline is not shared between threads)
and closed at the end. Workers of a remote cluster need kgraph and the spaCy model installed.

``dask[distributed]`` is an optional dependency: ``pip install 'kgraph[dask]'``.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

from kgraph.errors import KGraphError
from kgraph.know.relations import LEXICON_SOURCES
from kgraph.model import Article
from kgraph.run.batch import WORKER_DIED, Results, batches, extract_batch

if TYPE_CHECKING:
    from kgraph.know.actors import Gazetteer

__all__ = ["connect", "extract_dask"]

_INSTALL = "the dask engine needs dask[distributed]: pip install 'kgraph[dask]'"


@contextmanager
def connect(scheduler: str | None = None, *, workers: int = 2,
            processes: bool = True) -> Iterator[Any]:
    """Connect to a Dask cluster: to ``scheduler``, or to a new local cluster on 127.0.0.1.

    A context manager yielding a ``distributed.Client``; on exit the client is closed, and so is
    the local cluster it started.

    Args:
        scheduler: a scheduler address such as ``tcp://10.0.0.5:8786``; None for a local cluster.
        workers: worker processes of the local cluster (one thread each).
        processes: workers as processes (False: threads of this process, for tests).

    Raises:
        KGraphError: dask is not installed, or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise KGraphError(_INSTALL) from e
    with ExitStack() as stack:
        if scheduler:
            try:
                client = Client(scheduler, timeout="20s")  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError) as e:
                raise KGraphError(f"cannot reach the Dask scheduler {scheduler}: {e}") from e
        else:
            # worker processes talk over TCP on loopback only; thread workers in-process
            where = {"host": "127.0.0.1"} if processes else {}
            cluster = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers, threads_per_worker=1, processes=processes,
                    dashboard_address=None, **where))
            client = Client(cluster)  # type: ignore[no-untyped-call]
        stack.enter_context(client)
        yield client


def extract_dask(
    articles: Iterable[Article],
    *,
    scheduler: str | None = None,
    client: Any = None,
    workers: int = 2,
    model: str | None = None,
    gazetteer: Gazetteer | None = None,
    batch_size: int = 32,
    lexicon: tuple[str, ...] = tuple(LEXICON_SOURCES),
) -> Results:
    """Extract the assertions of every article on a Dask cluster, in input order.

    Args:
        articles: the articles (consumed lazily).
        scheduler: the scheduler address; None starts a local cluster of ``workers`` processes.
        client: an existing ``distributed.Client`` to use (it is not closed); overrides
            ``scheduler``.
        workers: worker processes of the local cluster.
        model: the spaCy pipeline name or path each worker loads.
        gazetteer: the actors to recognise; the packaged gazetteer when None (a given one is
            sent to every worker once).
        batch_size: articles per task.
        lexicon: the lexicon sources each worker reads with.

    Yields:
        ``(article, outcome, pipeline)`` per article: the outcome is the assertions, or the
        reason the article was skipped (a string).

    Raises:
        KGraphError: dask is missing or the scheduler cannot be reached.
        ModelError: a worker cannot load the model.
    """
    with ExitStack() as stack:
        if client is None:
            client = stack.enter_context(connect(scheduler, workers=workers))
        from distributed import KilledWorker  # installed: a client exists
        gaz = client.scatter(gazetteer, broadcast=True) if gazetteer is not None else None
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending: deque[tuple[list[Article], Any]] = deque()

        def submit(batch: list[Article]) -> Any:
            # pure=False: two batches with equal articles are still two tasks
            return client.submit(extract_batch, batch, model, gaz, lexicon, pure=False)

        def collect(batch: list[Article], future: Any) -> Results:
            try:
                name, found = future.result()
            except KilledWorker:
                if len(batch) == 1:
                    yield batch[0], WORKER_DIED, ""
                    return
                for one, single in [([a], submit([a])) for a in batch]:
                    yield from collect(one, single)
                return
            yield from zip(batch, found, itertools.repeat(name))

        try:
            for batch in batches(articles, batch_size):
                pending.append((batch, submit(batch)))
                if len(pending) >= window:
                    yield from collect(*pending.popleft())
            while pending:
                yield from collect(*pending.popleft())
        finally:
            for _, future in pending:
                future.cancel()

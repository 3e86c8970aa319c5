"""The SPARQL endpoint: the SPARQL 1.1 Protocol over a graph file or an Oxigraph store.

``kgraph serve GRAPH_OR_STORE`` answers ``GET``, ``HEAD`` and ``POST`` queries at ``/sparql``
(also at ``/`` when a ``query`` parameter is given) and serves the HTML viewer at ``/``. The
HTTP layer is uvicorn with a Starlette app (``kgraph/server/http.py``); the worker pool is in
``kgraph/server/workers.py``, content negotiation and result formats in
``kgraph/server/results.py``.

How it stays up when clients and queries are untrusted (every limit is a field of
:class:`ServerOptions` and an option of ``kgraph serve``):

- **Connections are bounded**: a client has ``read_timeout`` seconds to send a whole request
  (headers and body) and an idle connection is closed after as long, so slow or silent clients
  (slowloris) hold nothing for long; past ``max_connections`` open connections, new ones get
  ``503`` and are closed. Requests larger than ``max_request_bytes`` get ``413`` before they are
  read whole.
- **Each query runs in a worker process** and the HTTP layer waits for it with a time limit.
  A query that runs past the limit gets ``503`` and its worker is killed (rdflib's evaluator
  cannot be interrupted in a thread, and Oxigraph's in-process evaluation neither), so a
  runaway query costs nothing once its time is up, and one slow query never blocks the others.
  Workers are forked from a small "zygote" process started before any thread, which holds the
  loaded graph, so a fresh worker costs a fork, not a reload. On a store, each worker opens it
  read-only. A worker may grow by at most ``worker_memory`` bytes of address space: a query
  that needs more fails with ``500`` and the worker is replaced. A crashed worker or zygote is
  replaced for the next request.
- **Queries are bounded before and while they run**: a query nested deeper than
  ``max_nesting`` brackets gets ``400`` before any parser sees it; rows are drawn from the
  engine one at a time and counted, so a result past ``max_results`` rows or about
  ``max_response_bytes`` bytes stops being produced and gets ``500`` with a message, never a
  truncated ``200`` (the body is made whole in the worker before anything is sent).
- **Nothing outside the graph is reached**: ``SERVICE``, ``FROM`` / ``FROM NAMED`` and the
  protocol's ``default-graph-uri`` / ``named-graph-uri`` are refused with ``403`` (rdflib would
  fetch the URLs or read local files; Oxigraph follows ``SERVICE``) unless federation is
  allowed. SPARQL Update is refused with ``403`` unless updates are allowed; on an in-memory
  graph an allowed update runs first in a worker (same time limit, same isolation as a query),
  then in the zygote, and changes the served copy (not the file); on a store it is refused
  (the store is served read-only; add articles with ``kgraph build --store``).
- **Browsers on other sites cannot use it**: no CORS header is sent unless origins are given
  (``cors``), and a request whose ``Host`` header is not the bound address, ``localhost``,
  ``127.0.0.1`` or ``[::1]`` with the server's port gets ``421`` (DNS rebinding).
- **It stops cleanly**: SIGTERM or SIGINT (Ctrl-C) stops the server and kills every worker at
  once; workers are killed by the kernel when their zygote dies, and the zygote stops when the
  server's end of its socket closes, so none outlives the server.
- The server binds to ``127.0.0.1`` unless told otherwise.

Status codes: 200 results; 204 update done; 400 malformed or too deeply nested query or
request; 403 update or federation refused; 404 unknown path; 405 unsupported method; 406 no
acceptable result format; 413 request too large; 415 unsupported content type; 421 wrong
``Host``; 500 result over a limit, query out of memory or failed; 503 time limit exceeded,
every worker busy for longer than the time limit, or too many connections.

Workers are forked (``os.fork``), so the server runs on POSIX systems only.
"""

from __future__ import annotations

import signal
import socket
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from kgraph.analysis.annotate import annotate
from kgraph.errors import GraphError
from kgraph.rdf.graph import union_view
from kgraph.server.depth import nesting_depth
from kgraph.server.http import HttpOptions, Uvicorn, make_app, protocol
from kgraph.server.results import (
    RESULT_TYPES,
    OverLimit,
    negotiate,
    oxigraph_rows,
    rdflib_rows,
    serialise,
)
from kgraph.server.workers import Pool, Reply, Request, start_pool
from kgraph.sparql.guard import canonical, isolate_network, remote_parts, with_prefixes
from kgraph.store import open_backend
from kgraph.store.oxigraph import OxigraphBackend, open_store
from kgraph.views.network import to_networkx
from kgraph.views.render import render_html

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = [
    "RESULT_TYPES",
    "ServerOptions",
    "SparqlServer",
    "answer",
    "make_server",
    "negotiate",
    "serve",
]


@dataclass(frozen=True, slots=True)
class ServerOptions:
    """The limits and permissions of a server.

    Attributes:
        timeout: seconds a query or update may run (and wait for a free worker) before ``503``.
        max_results: the most rows (or triples) a result may hold before ``500``.
        max_response_bytes: the largest response body; a bigger result gives ``500``.
        max_request_bytes: the largest query string or request body accepted (else ``413``).
        max_nesting: the deepest nesting of brackets in a query or update (else ``400``).
        read_timeout: seconds a client has to send a whole request; an idle connection is
            closed after as long.
        max_connections: open connections at once; past it, new ones get ``503``.
        worker_memory: bytes of address space a worker process may add to what it takes once
            the graph or store is loaded (``RLIMIT_AS``); 0 for no limit.
        workers: worker processes evaluating queries at once.
        allow_update: accept SPARQL Update (in-memory graphs only).
        allow_federation: let queries use SERVICE, FROM and FROM NAMED.
        cors: the origins (``https://example.org``) whose pages may read the answers; none by
            default, so browsers keep other sites from reading them.
        title: the title of the HTML viewer.
    """

    timeout: float = 30.0
    max_results: int = 10_000
    max_response_bytes: int = 50_000_000
    max_request_bytes: int = 1_000_000
    max_nesting: int = 64
    read_timeout: float = 10.0
    max_connections: int = 100
    worker_memory: int = 1_000_000_000
    workers: int = 4
    allow_update: bool = False
    allow_federation: bool = False
    cors: tuple[str, ...] = ()
    title: str = "kgraph"


def answer(data: Graph | ox.Store, request: Request, options: ServerOptions) -> Reply:
    """Evaluate one protocol request against ``data`` and return the HTTP reply to send.

    This runs in a worker process: it checks the nesting depth, parses the query, refuses what
    reaches outside the graph, evaluates it, enforces the result limits and serialises the
    result.
    """
    depth = nesting_depth(request.text)
    if depth > options.max_nesting:
        return Reply.error(400, f"the {request.kind} nests brackets {depth} deep; this server "
                                f"accepts at most {options.max_nesting}")
    if request.dataset and not options.allow_federation:
        return Reply.error(403, "default-graph-uri, named-graph-uri and using-graph-uri are "
                                 "not allowed: this server answers over its own graph only")
    if request.kind == "update":
        return _update(data, request, options)
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.sparql import SPARQLError

    try:
        from rdflib.plugins.sparql.algebra import translateQuery

        text = with_prefixes(canonical(request.text))
        prepared = translateQuery(parseQuery(text))
    except RecursionError:
        return _too_deep("query")
    except (ParseException, SPARQLError, ValueError, TypeError, KeyError, AttributeError) as e:
        return Reply.error(400, f"malformed query: {' '.join(str(e).split())[:500]}")
    if not options.allow_federation:
        reached = remote_parts(prepared.algebra)
        if reached:
            return Reply.error(403, f"{' and '.join(reached)} not allowed: this server answers "
                                     "over its own graph only")
    kind = _query_kind(prepared.algebra.name)
    media = negotiate(request.accept, kind)
    if media is None:
        offers = ", ".join(RESULT_TYPES["CONSTRUCT" if kind in ("CONSTRUCT", "DESCRIBE")
                                        else "SELECT"])
        return Reply.error(406, f"cannot answer a {kind} query as {request.accept!r}; "
                                 f"available: {offers}")
    try:
        if isinstance(data, Graph):
            from rdflib.plugins.sparql.evaluate import evalQuery

            rows = rdflib_rows(evalQuery(union_view(data), prepared), kind)
        else:
            rows = oxigraph_rows(data, text, kind)
        content_type, body = serialise(rows, kind, media, options.max_results,
                                       options.max_response_bytes)
        return Reply(200, content_type, body)
    except OverLimit as e:
        return Reply.error(500, str(e))
    except (SPARQLError, ValueError, TypeError, KeyError, AttributeError, ZeroDivisionError,
            RecursionError, RuntimeError, SyntaxError, OSError) as e:
        return Reply.error(500, f"the query failed: {' '.join(str(e).split())[:500]}")


def _too_deep(kind: str) -> Reply:
    return Reply.error(400, f"the {kind} is nested too deeply for the SPARQL parser")


def _query_kind(name: str) -> str:
    return {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}.get(name, "SELECT")


def _update(data: Graph | ox.Store, request: Request, options: ServerOptions) -> Reply:
    if not isinstance(data, Graph):
        return Reply.error(403, "this server serves its store read-only; add articles with "
                                 "kgraph build --store")
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate
    from rdflib.plugins.sparql.sparql import SPARQLError
    from rdflib.plugins.sparql.update import evalUpdate

    try:
        update = translateUpdate(parseUpdate(with_prefixes(canonical(request.text))))
    except RecursionError:
        return _too_deep("update")
    except (ParseException, SPARQLError, ValueError, TypeError, KeyError, AttributeError) as e:
        return Reply.error(400, f"malformed update: {' '.join(str(e).split())[:500]}")
    if not options.allow_federation:
        reached = sorted({r for part in update.algebra for r in remote_parts(part)})
        if reached:
            return Reply.error(403, f"{' and '.join(reached)} not allowed: this server answers "
                                     "over its own graph only")
    try:
        if isinstance(data, Dataset):
            # rdflib 7.6 cannot INSERT DATA into a Dataset; a ConjunctiveGraph over the same
            # store can (deprecated, hence the silenced warnings).
            from rdflib import ConjunctiveGraph
            from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                target = ConjunctiveGraph(store=data.store, identifier=DATASET_DEFAULT_GRAPH_ID)
                evalUpdate(target, update)
        else:
            evalUpdate(data, update)
    except (SPARQLError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as e:
        return Reply.error(500, f"the update failed: {' '.join(str(e).split())[:500]}")
    return Reply(204, "text/plain; charset=utf-8", b"")


# ---------------------------------------------------------------- the server


class SparqlServer:
    """A bound SPARQL endpoint with its worker processes; see :func:`make_server`.

    Run it with :meth:`serve_forever` (blocking) or :meth:`start` (in a background thread);
    stop it with :meth:`close` (or :meth:`shutdown`, then :meth:`server_close`). It is also a
    context manager that closes it on exit.
    """

    def __init__(self, sock: socket.socket, pool: Pool, options: ServerOptions,
                 viewer: Callable[[], str]) -> None:
        self.socket = sock
        self.pool = pool
        self.options = options
        self.server_address: tuple[str, int] = sock.getsockname()[:2]
        self._viewer = viewer
        self._page: bytes | None = None
        self._page_lock = threading.Lock()
        self._stopped = threading.Event()
        self._stopped.set()
        import uvicorn

        host, port = self.server_address
        app = make_app(pool, HttpOptions(options.timeout, options.max_request_bytes,
                                         options.allow_update, options.cors, host, port),
                       self.page)
        config = uvicorn.Config(
            app, http=protocol(options.read_timeout), lifespan="off", log_config=None,
            access_log=False, proxy_headers=False, server_header=False,
            timeout_keep_alive=max(1, round(options.read_timeout)),
            limit_concurrency=options.max_connections, timeout_graceful_shutdown=1,
            # a GET query string up to the request limit fits in the request line
            h11_max_incomplete_event_size=options.max_request_bytes + 16_384)
        self._uvicorn = Uvicorn(config, pool.close)

    @property
    def url(self) -> str:
        """The endpoint URL, e.g. ``http://127.0.0.1:7878/sparql``."""
        host, port = self.server_address
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/sparql"

    def page(self) -> bytes:
        """The HTML viewer, rendered on first use and kept."""
        with self._page_lock:
            if self._page is None:
                self._page = self._viewer().encode("utf-8")
            return self._page

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown` is called (from another thread or a signal
        handler); then stop the workers."""
        self._stopped.clear()
        try:
            self._uvicorn.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def start(self) -> SparqlServer:
        """Serve from a background thread; return once the server accepts requests."""
        self._stopped.clear()
        thread = threading.Thread(target=self.serve_forever, name="kgraph-server", daemon=True)
        thread.start()
        while not self._uvicorn.started and thread.is_alive():
            thread.join(0.01)
        return self

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop serving: workers are killed at once, connections closed within a second.

        Args:
            wait: wait until :meth:`serve_forever` has returned (never from a signal handler
                of the thread serving).
        """
        self._uvicorn.should_exit = True
        if wait:
            self._stopped.wait()

    def server_close(self) -> None:
        """Close the listening socket and stop the worker processes."""
        self.pool.close()
        self.socket.close()

    def close(self) -> None:
        """Stop serving and release everything (:meth:`shutdown` then :meth:`server_close`)."""
        self.shutdown()
        self.server_close()

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_server(
    source: str | Path | Dataset,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    options: ServerOptions | None = None,
) -> SparqlServer:
    """Load ``source``, start the worker processes and bind the server (not yet serving).

    Call it from the main thread, before starting other threads (it forks). Then serve with
    ``start()`` (a background thread) or ``serve_forever()``, and stop with ``close()``.

    Args:
        source: what :func:`kgraph.store.open_backend` opens read-only: a graph file (.trig,
            .ttl, .nq, .nt, .jsonld), an Oxigraph store folder (each worker opens it), a SPARQL
            store URL (read into memory), or an rdflib dataset.
        host: the address to bind; loopback by default.
        port: the port; 0 picks a free one (see ``server.url``).
        options: limits and permissions; the defaults of :class:`ServerOptions` when None.

    Returns:
        The bound server; requests wait in the socket's queue until it serves.

    Raises:
        GraphError: the source cannot be loaded, or updates are allowed on a store.
        OSError: the address cannot be bound.

    Examples:
        >>> from kgraph.rdf.graph import new_dataset
        >>> with make_server(new_dataset(), port=0, options=ServerOptions(workers=1)) as server:
        ...     _ = server.start()
        ...     server.url.startswith("http://127.0.0.1:")
        True
    """
    opts = options or ServerOptions()
    backend = open_backend(source, read_only=True)
    # a store on disk is opened again in each worker; anything else is served from memory
    store_path = backend.path if isinstance(backend, OxigraphBackend) else None
    data: Graph | None = None if store_path is not None else backend.to_dataset()
    if store_path is not None and opts.allow_update:
        raise GraphError(f"{store_path}: a store is served read-only; updates are allowed "
                         "on in-memory graphs only")
    del backend  # the workers open the store themselves

    def viewer() -> str:
        graph = data if data is not None else open_backend(store_path, read_only=True).to_dataset()
        return render_html(annotate(to_networkx(graph)), title=opts.title)

    page = viewer() if data is not None else None  # before forking: nothing to share later
    def load() -> Graph | ox.Store:  # runs in the worker processes
        if not opts.allow_federation:
            isolate_network()  # a query that got past the guard still reaches nothing
        if data is not None:
            return data
        return open_store(store_path, read_only=True).graphs  # the user's graphs only

    pool = start_pool(load, lambda loaded, request: answer(loaded, request, opts), opts.workers,
                      memory=opts.worker_memory)
    try:
        sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host
                                    else socket.AF_INET, backlog=1024)
    except OSError:
        pool.close()
        raise
    return SparqlServer(sock, pool, opts, (lambda: page) if page is not None else viewer)


def serve(
    source: str | Path | Dataset,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    options: ServerOptions | None = None,
    on_ready: Callable[[SparqlServer], None] | None = None,
) -> None:
    """Serve ``source`` until SIGTERM or SIGINT (Ctrl-C); see :func:`make_server`.

    Either signal stops the server: the workers are killed at once and the function returns
    within about a second.

    Args:
        source: a graph file, an Oxigraph store folder, a SPARQL store URL or an rdflib
            dataset (see :func:`make_server`).
        host: the address to bind; loopback by default.
        port: the port.
        options: limits and permissions.
        on_ready: called with the server once it listens (e.g. to print its URL).

    Raises:
        GraphError: the source cannot be loaded.
    """
    server = make_server(source, host=host, port=port, options=options)

    def stop(signum: int, frame: FrameType | None) -> None:
        server.shutdown(wait=False)

    handled = (signal.SIGTERM, signal.SIGINT)
    previous = ({sig: signal.signal(sig, stop) for sig in handled}
                if threading.current_thread() is threading.main_thread() else {})
    try:
        if on_ready is not None:
            on_ready(server)
        server.serve_forever()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.server_close()

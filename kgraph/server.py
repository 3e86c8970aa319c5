"""The SPARQL endpoint: the SPARQL 1.1 Protocol over a graph file or an Oxigraph store.

``kgraph serve GRAPH_OR_STORE`` answers ``GET`` and ``POST`` queries at ``/sparql`` (also at
``/`` when a ``query`` parameter is given) and serves the HTML viewer at ``/``.

How it stays up when queries are untrusted:

- **Each query runs in a worker process** and the HTTP thread waits for it with a time limit.
  A query that runs past the limit gets ``503`` and its worker is killed (rdflib's evaluator
  cannot be interrupted in a thread, and Oxigraph's in-process evaluation neither), so a
  runaway query costs nothing once its time is up, and one slow query never blocks the others:
  the HTTP server is threaded and the workers are a pool. Workers are forked from a small
  "zygote" process started before any thread, which holds the loaded graph, so a fresh worker
  costs a fork, not a reload. On a store, each worker opens it read-only.
- **Results are counted** in the worker; more than the result limit gives ``500`` with a
  message, never a truncated ``200``. Requests larger than the request limit get ``413``.
- **Nothing outside the graph is reached**: ``SERVICE``, ``FROM`` / ``FROM NAMED`` and the
  protocol's ``default-graph-uri`` / ``named-graph-uri`` are refused with ``403`` (rdflib would
  fetch the URLs or read local files; Oxigraph follows ``SERVICE``) unless federation is
  allowed. SPARQL Update is refused with ``403`` unless updates are allowed; on an in-memory
  graph an allowed update changes the served copy (not the file), on a store it is refused
  (the store is served read-only; add articles with ``kgraph build --store``).
- The server binds to ``127.0.0.1`` unless told otherwise.

Status codes: 200 results; 400 malformed query or request; 403 update or federation refused;
404 unknown path; 406 no acceptable result format; 413 request too large; 415 unsupported
content type; 500 result limit exceeded or the query failed; 503 time limit exceeded or every
worker busy for longer than the time limit.

Workers are forked (``os.fork``), so the server runs on POSIX systems only. The worker pool
is in ``kgraph/_workers.py``, content negotiation and result formats in ``kgraph/_results.py``.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from rdflib import Dataset, Graph

from kgraph._results import (
    RESULT_TYPES,
    TooMany,
    negotiate,
    oxigraph_rows,
    rdflib_rows,
    serialise,
)
from kgraph._workers import Pool, Reply, Request, run, start_pool
from kgraph.errors import GraphError
from kgraph.guard import canonical, isolate_network, remote_parts

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

_FORMAT_PARAMS = {"json": "application/sparql-results+json",
                  "xml": "application/sparql-results+xml", "csv": "text/csv",
                  "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                  "ttl": "text/turtle", "json-ld": "application/ld+json",
                  "jsonld": "application/ld+json", "nt": "application/n-triples",
                  "ntriples": "application/n-triples", "rdf+xml": "application/rdf+xml",
                  "rdfxml": "application/rdf+xml"}
_SPARQL_PATHS = ("/sparql", "/query")


@dataclass(frozen=True, slots=True)
class ServerOptions:
    """The limits and permissions of a server.

    Attributes:
        timeout: seconds a query may run (and wait for a free worker) before ``503``.
        max_results: the most rows (or triples) a result may hold before ``500``.
        max_request_bytes: the largest query string or request body accepted (else ``413``).
        workers: worker processes evaluating queries at once.
        allow_update: accept SPARQL Update (in-memory graphs only).
        allow_federation: let queries use SERVICE, FROM and FROM NAMED.
        title: the title of the HTML viewer.
    """

    timeout: float = 30.0
    max_results: int = 10_000
    max_request_bytes: int = 1_000_000
    workers: int = 4
    allow_update: bool = False
    allow_federation: bool = False
    title: str = "kgraph"


def answer(data: Graph | ox.Store, request: Request, options: ServerOptions) -> Reply:
    """Evaluate one protocol request against ``data`` and return the HTTP reply to send.

    This runs in a worker process: it parses the query, refuses what reaches outside the graph,
    evaluates it, enforces the result limit and serialises the result.
    """
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

        text = canonical(request.text)
        prepared = translateQuery(parseQuery(text))
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
            from kgraph.graph import union_view

            result = union_view(data).query(prepared)
            rows = rdflib_rows(result, kind)
        else:
            rows = oxigraph_rows(data, text, kind)
        content_type, body = serialise(rows, kind, media, options.max_results)
        return Reply(200, content_type, body)
    except TooMany:
        return Reply.error(500, f"the result has more than {options.max_results} rows; add a "
                                 "LIMIT or ask for less (this is the server's result limit)")
    except (SPARQLError, ValueError, TypeError, KeyError, AttributeError, ZeroDivisionError,
            RecursionError, RuntimeError, SyntaxError, OSError) as e:
        return Reply.error(500, f"the query failed: {' '.join(str(e).split())[:500]}")




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
        update = translateUpdate(parseUpdate(canonical(request.text)))
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
    except (SPARQLError, ValueError, TypeError, KeyError, AttributeError) as e:
        return Reply.error(500, f"the update failed: {' '.join(str(e).split())[:500]}")
    return Reply(204, "text/plain; charset=utf-8", b"")


# ---------------------------------------------------------------- worker processes




class SparqlServer(ThreadingHTTPServer):
    """A threaded HTTP server answering the SPARQL protocol; see :func:`make_server`."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], pool: Pool, options: ServerOptions,
                 viewer: Callable[[], str]) -> None:
        self.pool = pool
        self.options = options
        self._viewer = viewer
        self._page: bytes | None = None
        self._page_lock = threading.Lock()
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        """The endpoint URL, e.g. ``http://127.0.0.1:7878/sparql``."""
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/sparql"

    def page(self) -> bytes:
        """The HTML viewer, rendered on first use and kept."""
        with self._page_lock:
            if self._page is None:
                self._page = self._viewer().encode("utf-8")
            return self._page

    def server_close(self) -> None:
        """Close the socket and stop the worker processes."""
        super().server_close()
        self.pool.close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kgraph"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        import logging

        logging.getLogger("kgraph.server").info("%s " + format, self.address_string(), *args)

    def do_OPTIONS(self) -> None:
        self._send(Reply(204, "text/plain", b"", (
            ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
            ("Access-Control-Allow-Headers", "Content-Type, Accept"))))

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if len(parts.query) > self.server.options.max_request_bytes:
            self._send(Reply.error(413, "the query string is too large"))
            return
        params = parse_qs(parts.query, keep_blank_values=True)
        if parts.path in _SPARQL_PATHS or (parts.path == "/" and "query" in params):
            if "update" in params:
                self._send(Reply.error(403 if not self.server.options.allow_update else 405,
                                        "SPARQL Update is not accepted over GET"
                                        if self.server.options.allow_update else
                                        "SPARQL Update is not allowed on this server"))
                return
            self._query(params, None)
        elif parts.path in ("/", "/index.html"):
            self._send(Reply(200, "text/html; charset=utf-8", self.server.page()))
        else:
            self._send(Reply.error(404, f"no such page {parts.path!r}; SPARQL is at /sparql"))

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        if parts.path not in (*_SPARQL_PATHS, "/", "/update"):
            self._send(Reply.error(404, f"no such endpoint {parts.path!r}; SPARQL is at /sparql"),
                       drain=True)
            return
        length_text = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length_text is None:
            self._send(Reply.error(411, "give a Content-Length"), close=True)
            return
        try:
            length = int(length_text)
        except ValueError:
            self._send(Reply.error(400, "bad Content-Length"), close=True)
            return
        limit = self.server.options.max_request_bytes
        if length > limit or len(parts.query) > limit:
            self._send(Reply.error(413, f"the request is larger than {limit} bytes"), close=True)
            return
        body = self.rfile.read(length) if length > 0 else b""
        params = parse_qs(parts.query, keep_blank_values=True)
        media = self.headers.get_content_type()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._send(Reply.error(400, "the request body is not UTF-8"))
            return
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            self._query(params, None)
        elif media == "application/sparql-query":
            self._query(params, ("query", text))
        elif media == "application/sparql-update":
            self._query(params, ("update", text))
        else:
            self._send(Reply.error(415, f"unsupported content type {media!r}; use "
                                         "application/sparql-query, application/sparql-update "
                                         "or application/x-www-form-urlencoded"))

    def _query(self, params: dict[str, list[str]], direct: tuple[str, str] | None) -> None:
        if direct is None:
            queries, updates = params.get("query", []), params.get("update", [])
            if len(queries) + len(updates) != 1:
                self._send(Reply.error(400, "give exactly one query or update parameter"))
                return
            direct = ("query", queries[0]) if queries else ("update", updates[0])
        kind, text = direct
        if kind == "update" and not self.server.options.allow_update:
            self._send(Reply.error(403, "SPARQL Update is not allowed on this server"))
            return
        dataset = tuple(v for key in ("default-graph-uri", "named-graph-uri", "using-graph-uri",
                                      "using-named-graph-uri") for v in params.get(key, []))
        accept = self.headers.get("Accept", "")
        for key in ("format", "output"):
            for value in params.get(key, []):
                media = _FORMAT_PARAMS.get(value.strip().lower())
                if media is not None:
                    accept = media
                elif "/" in value:
                    accept = value
        request = Request(kind, text, accept, dataset)
        self._send(run(self.server.pool, request, self.server.options.timeout))

    def _send(self, reply: Reply, *, close: bool = False, drain: bool = False) -> None:
        if drain:
            with contextlib.suppress(ValueError, OSError):
                length = int(self.headers.get("Content-Length") or 0)
                if 0 < length <= self.server.options.max_request_bytes:
                    self.rfile.read(length)
                else:
                    close = True
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in reply.headers:
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)


# ---------------------------------------------------------------- starting


def make_server(
    source: str | Path | Dataset,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    options: ServerOptions | None = None,
) -> SparqlServer:
    """Load ``source``, start the worker processes and bind the server (not yet serving).

    Call it from the main thread, before starting other threads (it forks). Then call
    ``serve_forever()`` (e.g. in a thread) and finally ``shutdown()`` and ``server_close()``.

    Args:
        source: a graph file (.trig, .ttl, .nq, .nt, .jsonld), an Oxigraph store folder, or an
            rdflib dataset.
        host: the address to bind; loopback by default.
        port: the port; 0 picks a free one (see ``server.url``).
        options: limits and permissions; the defaults of :class:`ServerOptions` when None.

    Raises:
        GraphError: the source cannot be loaded, or updates are allowed on a store.
    """
    opts = options or ServerOptions()
    data: Graph | None = None
    store_path: Path | None = None
    if isinstance(source, Graph):
        data = source
    elif Path(source).is_dir():
        from kgraph.store import is_store

        store_path = Path(source)
        if not is_store(store_path):
            raise GraphError(f"{store_path}: not an Oxigraph store (build one with "
                             "kgraph build --store)")
        if opts.allow_update:
            raise GraphError(f"{store_path}: a store is served read-only; updates are allowed "
                             "on in-memory graphs only")
    else:
        from kgraph.graph import load_graph

        data = load_graph(source)

    def viewer() -> str:
        from kgraph.network import to_networkx
        from kgraph.render import render_html

        if data is not None:
            graph: Graph = data
        else:
            from kgraph.store import open_store, to_dataset

            graph = to_dataset(open_store(store_path, read_only=True))
        return render_html(to_networkx(graph), title=opts.title)

    page = viewer() if data is not None else None  # before forking: nothing to share later
    def load() -> Graph | ox.Store:  # runs in the worker processes
        if not opts.allow_federation:
            isolate_network()  # a query that got past the guard still reaches nothing
        if data is not None:
            return data
        from kgraph.store import open_store

        return open_store(store_path, read_only=True)

    pool = start_pool(load, lambda loaded, request: answer(loaded, request, opts), opts.workers)
    try:
        server = SparqlServer((host, port), pool, opts,
                              (lambda: page) if page is not None else viewer)
    except OSError:
        pool.close()
        raise
    return server


def serve(
    source: str | Path | Dataset,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    options: ServerOptions | None = None,
    on_ready: Callable[[SparqlServer], None] | None = None,
) -> None:
    """Serve ``source`` until interrupted (Ctrl-C); see :func:`make_server` for the arguments.

    Args:
        source: a graph file, an Oxigraph store folder or an rdflib dataset.
        host: the address to bind; loopback by default.
        port: the port.
        options: limits and permissions.
        on_ready: called with the server once it listens (e.g. to print its URL).

    Raises:
        GraphError: the source cannot be loaded.
    """
    server = make_server(source, host=host, port=port, options=options)
    try:
        if on_ready is not None:
            on_ready(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


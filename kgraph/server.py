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

Workers are forked (``os.fork``), so the server runs on POSIX systems only.

Examples:
    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", "SELECT")
    'application/sparql-results+json'
    >>> negotiate("text/turtle", "SELECT") is None
    True
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pickle
import select
import signal
import socket
import struct
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from kgraph.errors import GraphError

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

RESULT_TYPES = {
    "SELECT": ("application/sparql-results+json", "application/sparql-results+xml",
               "text/csv", "text/tab-separated-values", "application/json", "application/xml",
               "text/xml"),
    "CONSTRUCT": ("text/turtle", "application/ld+json", "application/n-triples",
                  "application/rdf+xml", "text/plain", "application/x-turtle"),
}
"""The media types served for each kind of result, the default first (ASK is as SELECT)."""

_FORMAT_PARAMS = {"json": "application/sparql-results+json",
                  "xml": "application/sparql-results+xml", "csv": "text/csv",
                  "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                  "ttl": "text/turtle", "json-ld": "application/ld+json",
                  "jsonld": "application/ld+json", "nt": "application/n-triples",
                  "ntriples": "application/n-triples", "rdf+xml": "application/rdf+xml",
                  "rdfxml": "application/rdf+xml"}
_RDFLIB_FORMATS = {"text/turtle": "turtle", "application/x-turtle": "turtle",
                   "application/ld+json": "json-ld", "application/n-triples": "nt",
                   "text/plain": "nt", "application/rdf+xml": "xml"}
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


@dataclass(frozen=True, slots=True)
class _Request:
    kind: str  # "query" or "update"
    text: str
    accept: str = ""
    dataset: tuple[str, ...] = ()  # default-graph-uri / named-graph-uri / using-graph-uri


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def error(cls, status: int, message: str) -> _Reply:
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


# ---------------------------------------------------------------- answering (in a worker)


def negotiate(accept: str, kind: str) -> str | None:
    """Return the media type to answer ``accept`` with for a ``kind`` of query, or None.

    ``kind`` is SELECT, ASK, CONSTRUCT or DESCRIBE; an empty header or ``*/*`` gives the default.
    """
    offers = RESULT_TYPES["CONSTRUCT" if kind in ("CONSTRUCT", "DESCRIBE") else "SELECT"]
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((q, i, media))
    if not ranges:
        return offers[0]
    for q, _, media in sorted(ranges, key=lambda r: (-r[0], r[1])):
        if q <= 0:
            continue
        if media in ("*/*", "*"):
            return offers[0]
        if media.endswith("/*"):
            found = [o for o in offers if o.startswith(media[:-1])]
            if found:
                return found[0]
        elif media in offers:
            return media
    return None


def answer(data: Graph | ox.Store, request: _Request, options: ServerOptions) -> _Reply:
    """Evaluate one protocol request against ``data`` and return the HTTP reply to send.

    This runs in a worker process: it parses the query, refuses what reaches outside the graph,
    evaluates it, enforces the result limit and serialises the result.
    """
    if request.dataset and not options.allow_federation:
        return _Reply.error(403, "default-graph-uri, named-graph-uri and using-graph-uri are "
                                 "not allowed: this server answers over its own graph only")
    if request.kind == "update":
        return _update(data, request, options)
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.sparql import SPARQLError

    try:
        from rdflib.plugins.sparql.algebra import translateQuery

        prepared = translateQuery(parseQuery(request.text))
    except (ParseException, SPARQLError, ValueError, TypeError, KeyError, AttributeError) as e:
        return _Reply.error(400, f"malformed query: {' '.join(str(e).split())[:500]}")
    if not options.allow_federation:
        reached = _remote_parts(prepared.algebra)
        if reached:
            return _Reply.error(403, f"{' and '.join(reached)} not allowed: this server answers "
                                     "over its own graph only")
    kind = _query_kind(prepared.algebra.name)
    media = negotiate(request.accept, kind)
    if media is None:
        offers = ", ".join(RESULT_TYPES["CONSTRUCT" if kind in ("CONSTRUCT", "DESCRIBE")
                                        else "SELECT"])
        return _Reply.error(406, f"cannot answer a {kind} query as {request.accept!r}; "
                                 f"available: {offers}")
    try:
        if isinstance(data, Graph):
            from kgraph.graph import union_view

            result = union_view(data).query(prepared)
            rows = _rdflib_rows(result, kind)
        else:
            rows = _oxigraph_rows(data, request.text, kind)
        return _serialise(rows, kind, media, options)
    except _TooMany:
        return _Reply.error(500, f"the result has more than {options.max_results} rows; add a "
                                 "LIMIT or ask for less (this is the server's result limit)")
    except (SPARQLError, ValueError, TypeError, KeyError, AttributeError, ZeroDivisionError,
            RecursionError, RuntimeError, SyntaxError, OSError) as e:
        return _Reply.error(500, f"the query failed: {' '.join(str(e).split())[:500]}")


class _TooMany(Exception):
    pass


def _query_kind(name: str) -> str:
    return {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}.get(name, "SELECT")


def _remote_parts(algebra: Any) -> list[str]:
    from rdflib.plugins.sparql.algebra import traverse
    from rdflib.plugins.sparql.parserutils import CompValue

    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                found.add("SERVICE")
            if dict.get(node, "datasetClause"):
                found.add("FROM / FROM NAMED")
            if node.name == "Load":
                found.add("LOAD")
            if node.name == "Modify" and dict.get(node, "using"):
                found.add("USING")

    traverse(algebra, visitPost=visit)
    return sorted(found)


_Term = Identifier | None


def _rdflib_rows(result: Any, kind: str) -> tuple[list[str], Iterator[Any]]:
    if kind == "ASK":
        return [], iter([bool(result.askAnswer)])
    if kind in ("CONSTRUCT", "DESCRIBE"):
        return [], iter(result.graph or Graph())
    names = [str(v) for v in result.vars or []]
    variables = list(result.vars or [])
    return names, (tuple(row.get(v) for v in variables) for row in result.bindings)


def _oxigraph_rows(store: ox.Store, text: str, kind: str) -> tuple[list[str], Iterator[Any]]:
    import pyoxigraph as ox

    from kgraph.store import from_oxigraph

    result = store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return [], iter([bool(result)])
    if isinstance(result, ox.QueryTriples):
        return [], ((from_oxigraph(t.subject), from_oxigraph(t.predicate),
                     from_oxigraph(t.object)) for t in result)
    names = [v.value for v in result.variables]

    def rows() -> Iterator[tuple[_Term, ...]]:
        for solution in result:
            yield tuple(None if solution[n] is None else from_oxigraph(solution[n])
                        for n in names)

    return names, rows()


def _limited(rows: Iterator[Any], limit: int) -> list[Any]:
    out = []
    for row in rows:
        out.append(row)
        if len(out) > limit:
            raise _TooMany
    return out


def _serialise(rows: tuple[list[str], Iterator[Any]], kind: str, media: str,
               options: ServerOptions) -> _Reply:
    names, items = rows
    if kind == "ASK":
        value = bool(next(items))
        if "json" in media:
            body = json.dumps({"head": {}, "boolean": value}).encode()
        elif "xml" in media:
            body = ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                    f"<head/><boolean>{str(value).lower()}</boolean></sparql>\n").encode()
        else:
            body = f"_askResult\r\n{str(value).lower()}\r\n".encode()
        return _Reply(200, _content_type(media), body)
    if kind in ("CONSTRUCT", "DESCRIBE"):
        triples = _limited(items, options.max_results)
        graph = Graph()
        for prefix, ns in _prefixes():
            graph.bind(prefix, ns)
        for triple in triples:
            graph.add(triple)
        fmt = _RDFLIB_FORMATS[media]
        body = graph.serialize(format=fmt, encoding="utf-8")
        return _Reply(200, _content_type(media), body)
    table = _limited(items, options.max_results)
    if "json" in media:
        body = _json_results(names, table)
    elif "xml" in media:
        body = _xml_results(names, table)
    elif media == "text/csv":
        body = _csv_results(names, table)
    else:
        body = _tsv_results(names, table)
    return _Reply(200, _content_type(media), body)


def _content_type(media: str) -> str:
    return media if "json" in media and "ld+json" not in media else f"{media}; charset=utf-8"


def _prefixes() -> Iterable[tuple[str, str]]:
    from kgraph.graph import new_dataset

    return [(p, str(ns)) for p, ns in new_dataset().namespaces()
            if p in ("kg", "actor", "article", "statement", "skos", "prov", "schema", "rdf")]


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if not isinstance(term, Literal):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _json_results(names: list[str], table: list[tuple[_Term, ...]]) -> bytes:
    bindings = [{n: _json_term(v) for n, v in zip(names, row, strict=True) if v is not None}
                for row in table]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def _xml_results(names: list[str], table: list[tuple[_Term, ...]]) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n'
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(n)}/>" for n in names]
    out.append("</head>\n<results>")
    for row in table:
        out.append("<result>")
        for name, value in zip(names, row, strict=True):
            if value is None:
                continue
            if isinstance(value, URIRef):
                inner = f"<uri>{escape(str(value))}</uri>"
            elif not isinstance(value, Literal):
                inner = f"<bnode>{escape(str(value))}</bnode>"
            else:
                attr = (f" xml:lang={quoteattr(value.language)}" if value.language else
                        f" datatype={quoteattr(str(value.datatype))}" if value.datatype else "")
                inner = f"<literal{attr}>{escape(str(value))}</literal>"
            out.append(f"<binding name={quoteattr(name)}>{inner}</binding>")
        out.append("</result>")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


def _csv_results(names: list[str], table: list[tuple[_Term, ...]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in table:
        writer.writerow(["" if v is None else f"_:{v}" if isinstance(v, BNode) else str(v)
                         for v in row])
    return buffer.getvalue().encode("utf-8")


def _nt(term: _Term) -> str:
    """A term in N-Triples syntax, escaped so that it never breaks a TSV line."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if not isinstance(term, Literal):
        return f"_:{term}"
    text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype is not None:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def _tsv_results(names: list[str], table: list[tuple[_Term, ...]]) -> bytes:
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(_nt(v) for v in row) for row in table]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _update(data: Graph | ox.Store, request: _Request, options: ServerOptions) -> _Reply:
    if not isinstance(data, Graph):
        return _Reply.error(403, "this server serves its store read-only; add articles with "
                                 "kgraph build --store")
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate
    from rdflib.plugins.sparql.sparql import SPARQLError
    from rdflib.plugins.sparql.update import evalUpdate

    try:
        update = translateUpdate(parseUpdate(request.text))
    except (ParseException, SPARQLError, ValueError, TypeError, KeyError, AttributeError) as e:
        return _Reply.error(400, f"malformed update: {' '.join(str(e).split())[:500]}")
    if not options.allow_federation:
        reached = sorted({r for part in update.algebra for r in _remote_parts(part)})
        if reached:
            return _Reply.error(403, f"{' and '.join(reached)} not allowed: this server answers "
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
        return _Reply.error(500, f"the update failed: {' '.join(str(e).split())[:500]}")
    return _Reply(204, "text/plain; charset=utf-8", b"")


# ---------------------------------------------------------------- worker processes


def _send(sock: socket.socket, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(struct.pack("!Q", len(data)) + data)


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks = []
    while size:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            raise EOFError("the peer closed the connection")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _recv(sock: socket.socket) -> Any:
    (size,) = struct.unpack("!Q", _recv_exact(sock, 8))
    # Only our own processes (the zygote and its workers) write to these sockets.
    return pickle.loads(_recv_exact(sock, size))  # noqa: S301


def _worker_main(sock: socket.socket, load: Callable[[], Graph | ox.Store],
                 options: ServerOptions) -> None:
    data = load()
    while True:
        try:
            request = _recv(sock)
        except (EOFError, OSError):
            return
        try:
            _send(sock, answer(data, request, options))
        except OSError:
            return


def _zygote_main(control: socket.socket, data: Graph | None, store_path: Path | None,
                 options: ServerOptions) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped automatically
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle

    def load() -> Graph | ox.Store:
        if data is not None:
            return data
        from kgraph.store import open_store

        return open_store(store_path, read_only=True)

    while True:
        try:
            command = _recv(control)
        except (EOFError, OSError):
            return
        if command == "worker":
            ours, theirs = socket.socketpair()
            pid = os.fork()
            if pid == 0:  # the worker
                try:
                    control.close()
                    ours.close()
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    _worker_main(theirs, load, options)
                finally:
                    os._exit(0)
            theirs.close()
            socket.send_fds(control, [struct.pack("!q", pid)], [ours.fileno()])
            ours.close()
        elif isinstance(command, _Request):
            # updates run here, so that every worker forked afterwards sees them
            _send(control, answer(data if data is not None else load(), command, options))


@dataclass
class _Worker:
    pid: int
    sock: socket.socket
    generation: int


@dataclass
class _Pool:
    """Worker processes forked by the zygote; the parent only talks to them over sockets."""

    zygote: int
    control: socket.socket
    size: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    control_lock: threading.Lock = field(default_factory=threading.Lock)
    idle: list[_Worker] = field(default_factory=list)
    running: dict[int, _Worker] = field(default_factory=dict)
    ready: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))
    generation: int = 0
    closed: bool = False

    def start(self) -> None:
        for _ in range(self.size):
            self.idle.append(self._spawn())
            self.ready.release()

    def _spawn(self) -> _Worker:
        with self.control_lock:
            _send(self.control, "worker")
            payload, fds, _flags, _addr = socket.recv_fds(self.control, 8, 1)
        if len(payload) != 8 or not fds:
            raise GraphError("the server could not start a worker process")
        (pid,) = struct.unpack("!q", payload)
        worker = _Worker(pid, socket.socket(fileno=fds[0]), self.generation)
        with self.lock:
            self.running[pid] = worker
        return worker

    def acquire(self, timeout: float) -> _Worker | None:
        if not self.ready.acquire(timeout=timeout):
            return None
        with self.lock:
            worker = self.idle.pop()
            stale = worker.generation != self.generation
        if stale:
            self._kill(worker)
            worker = self._spawn()
        return worker

    def release(self, worker: _Worker) -> None:
        with self.lock:
            if worker.generation != self.generation or self.closed:
                stale = True
            else:
                stale = False
                self.idle.append(worker)
        if stale:
            self._kill(worker)
            worker = self._spawn()
            with self.lock:
                self.idle.append(worker)
        self.ready.release()

    def replace(self, worker: _Worker) -> None:
        """Kill a worker (timed out or broken) and put a fresh one in its place."""
        self._kill(worker)
        fresh = self._spawn()
        with self.lock:
            self.idle.append(fresh)
        self.ready.release()

    def update(self, request: _Request) -> _Reply:
        with self.control_lock:
            _send(self.control, request)
            reply: _Reply = _recv(self.control)
        if reply.status < 300:
            with self.lock:
                self.generation += 1
        return reply

    def _kill(self, worker: _Worker) -> None:
        with self.lock:
            self.running.pop(worker.pid, None)
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        worker.sock.close()

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers, self.idle = list(self.running.values()), []
        for worker in workers:
            self._kill(worker)
        self.control.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.zygote, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.zygote, 0)


def _start_pool(data: Graph | None, store_path: Path | None, options: ServerOptions) -> _Pool:
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # the zygote
        try:
            ours.close()
            _zygote_main(theirs, data, store_path, options)
        finally:
            os._exit(0)
    theirs.close()
    pool = _Pool(zygote=pid, control=ours, size=max(1, options.workers))
    pool.start()
    return pool


def _run(pool: _Pool, request: _Request, options: ServerOptions) -> _Reply:
    if request.kind == "update":
        return pool.update(request)
    worker = pool.acquire(options.timeout)
    if worker is None:
        return _Reply.error(503, f"every worker is busy; try again (time limit "
                                 f"{options.timeout:g} s)")
    try:
        _send(worker.sock, request)
        readable, _, _ = select.select([worker.sock], [], [], options.timeout)
        if not readable:
            pool.replace(worker)
            return _Reply.error(503, f"the query ran past the time limit of {options.timeout:g} s "
                                     "and was stopped")
        worker.sock.settimeout(max(options.timeout, 5.0))
        reply: _Reply = _recv(worker.sock)
        worker.sock.settimeout(None)
    except (OSError, EOFError):
        pool.replace(worker)
        return _Reply.error(500, "the query failed: its worker process stopped")
    pool.release(worker)
    return reply


# ---------------------------------------------------------------- HTTP


class SparqlServer(ThreadingHTTPServer):
    """A threaded HTTP server answering the SPARQL protocol; see :func:`make_server`."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], pool: _Pool, options: ServerOptions,
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
        self._send(_Reply(204, "text/plain", b"", (
            ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
            ("Access-Control-Allow-Headers", "Content-Type, Accept"))))

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if len(parts.query) > self.server.options.max_request_bytes:
            self._send(_Reply.error(413, "the query string is too large"))
            return
        params = parse_qs(parts.query, keep_blank_values=True)
        if parts.path in _SPARQL_PATHS or (parts.path == "/" and "query" in params):
            if "update" in params:
                self._send(_Reply.error(403 if not self.server.options.allow_update else 405,
                                        "SPARQL Update is not accepted over GET"
                                        if self.server.options.allow_update else
                                        "SPARQL Update is not allowed on this server"))
                return
            self._query(params, None)
        elif parts.path in ("/", "/index.html"):
            self._send(_Reply(200, "text/html; charset=utf-8", self.server.page()))
        else:
            self._send(_Reply.error(404, f"no such page {parts.path!r}; SPARQL is at /sparql"))

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        if parts.path not in (*_SPARQL_PATHS, "/", "/update"):
            self._send(_Reply.error(404, f"no such endpoint {parts.path!r}; SPARQL is at /sparql"),
                       drain=True)
            return
        length_text = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length_text is None:
            self._send(_Reply.error(411, "give a Content-Length"), close=True)
            return
        try:
            length = int(length_text)
        except ValueError:
            self._send(_Reply.error(400, "bad Content-Length"), close=True)
            return
        limit = self.server.options.max_request_bytes
        if length > limit or len(parts.query) > limit:
            self._send(_Reply.error(413, f"the request is larger than {limit} bytes"), close=True)
            return
        body = self.rfile.read(length) if length > 0 else b""
        params = parse_qs(parts.query, keep_blank_values=True)
        media = self.headers.get_content_type()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._send(_Reply.error(400, "the request body is not UTF-8"))
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
            self._send(_Reply.error(415, f"unsupported content type {media!r}; use "
                                         "application/sparql-query, application/sparql-update "
                                         "or application/x-www-form-urlencoded"))

    def _query(self, params: dict[str, list[str]], direct: tuple[str, str] | None) -> None:
        if direct is None:
            queries, updates = params.get("query", []), params.get("update", [])
            if len(queries) + len(updates) != 1:
                self._send(_Reply.error(400, "give exactly one query or update parameter"))
                return
            direct = ("query", queries[0]) if queries else ("update", updates[0])
        kind, text = direct
        if kind == "update" and not self.server.options.allow_update:
            self._send(_Reply.error(403, "SPARQL Update is not allowed on this server"))
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
        request = _Request(kind, text, accept, dataset)
        self._send(_run(self.server.pool, request, self.server.options))

    def _send(self, reply: _Reply, *, close: bool = False, drain: bool = False) -> None:
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
    pool = _start_pool(data, store_path, opts)
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


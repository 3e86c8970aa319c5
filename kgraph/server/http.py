"""The SPARQL endpoint's HTTP layer: a Starlette app served by uvicorn.

The app speaks the SPARQL 1.1 Protocol and hands each request to the worker pool
(:mod:`kgraph.server.workers`) from a thread, so the event loop never waits on a query. What it adds
to uvicorn for a server on an open network:

- :class:`ReadDeadline`, uvicorn's HTTP/1.1 protocol with a deadline on reading each request:
  a client has ``read_timeout`` seconds from the moment a connection opens (or the previous
  response ends) to send a whole request, headers and body; a slower or idle one is cut off.
  uvicorn's own keep-alive timer is restarted by every byte, so a client trickling its headers
  one byte at a time would otherwise hold its connection forever. A connection opened past the
  connection limit is answered ``503`` and closed at once.
- The ``Host`` check (DNS rebinding): a request naming another host gets ``421``.
- CORS only for the origins given (none by default).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import h11
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request as HttpRequest
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from kgraph.server.workers import Pool, Reply, Request, run

__all__ = ["HttpOptions", "ReadDeadline", "Uvicorn", "host_allowed", "make_app", "protocol"]

_FORMAT_PARAMS = {"json": "application/sparql-results+json",
                  "xml": "application/sparql-results+xml", "csv": "text/csv",
                  "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                  "ttl": "text/turtle", "json-ld": "application/ld+json",
                  "jsonld": "application/ld+json", "nt": "application/n-triples",
                  "ntriples": "application/n-triples", "rdf+xml": "application/rdf+xml",
                  "rdfxml": "application/rdf+xml"}
_DATASET_PARAMS = ("default-graph-uri", "named-graph-uri", "using-graph-uri",
                   "using-named-graph-uri")
_METHODS = "GET, HEAD, POST, OPTIONS"


@dataclass(frozen=True, slots=True)
class HttpOptions:
    """What the HTTP layer needs of the server's options, and the address it is bound to."""

    timeout: float
    max_request_bytes: int
    allow_update: bool
    cors: tuple[str, ...]
    host: str
    port: int


def host_allowed(value: str, host: str, port: int) -> bool:
    """Whether a server bound to ``host``:``port`` answers a request with ``Host: value``.

    It answers its bound address, ``localhost``, ``127.0.0.1`` and ``[::1]``, each with its
    port. Bound to every interface (``0.0.0.0`` or ``::``), it also answers any address
    literal with its port: only a name can be rebound to another address.

    Examples:
        >>> host_allowed("localhost:7878", "127.0.0.1", 7878)
        True
        >>> host_allowed("attacker.example:7878", "127.0.0.1", 7878)
        False
        >>> host_allowed("127.0.0.1:8080", "127.0.0.1", 7878)
        False
        >>> host_allowed("192.168.1.5:7878", "0.0.0.0", 7878)
        True
    """
    name, _, given = value.strip().lower().rpartition(":")
    if not name or not given.isdigit():  # no port: only the default one
        name, given = value.strip().lower(), "80"
    if int(given) != port:
        return False
    name = name.removeprefix("[").removesuffix("]")
    if name in (host.lower(), "localhost", "127.0.0.1", "::1"):
        return True
    if host not in ("0.0.0.0", "::"):  # noqa: S104 (comparing, not binding)
        return False
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class _HostCheck:
    """Refuses a request whose ``Host`` names another server (DNS rebinding) with 421."""

    def __init__(self, app: ASGIApp, host: str, port: int) -> None:
        self.app = app
        self.host = host
        self.port = port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            value = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if value and not host_allowed(value, self.host, self.port):
                reply = Reply.error(421, f"this server does not answer for host {value!r} "
                                         "(a DNS name rebound to this machine?); use "
                                         f"http://127.0.0.1:{self.port}/ or "
                                         f"http://localhost:{self.port}/")
                await _response(reply)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _response(reply: Reply) -> Response:
    headers = {"Content-Type": reply.content_type, "X-Content-Type-Options": "nosniff",
               **dict(reply.headers)}
    return Response(reply.body, status_code=reply.status, headers=headers)


def make_app(pool: Pool, options: HttpOptions, page: Callable[[], bytes]) -> Starlette:
    """The Starlette app of the endpoint.

    Args:
        pool: the worker processes that answer queries.
        options: limits, permissions, CORS origins and accepted hosts.
        page: returns the HTML viewer (called in a thread; may be slow the first time).
    """

    async def sparql(request: HttpRequest) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": _METHODS})
        limit = options.max_request_bytes
        if len(request.url.query) > limit:
            return _response(Reply.error(413, f"the query string is larger than {limit} bytes"))
        params = parse_qs(request.url.query, keep_blank_values=True)
        if request.method in ("GET", "HEAD"):
            if request.url.path == "/" and "query" not in params and "update" not in params:
                return await viewer(request)
            if "update" in params:
                return _response(Reply.error(405 if options.allow_update else 403,
                                             "SPARQL Update is not accepted over GET"
                                             if options.allow_update else
                                             "SPARQL Update is not allowed on this server"))
            return await _answer(request, params, None)
        body = await _body(request, limit)
        if body is None:
            return _response(Reply.error(413, f"the request is larger than {limit} bytes"))
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _response(Reply.error(400, "the request body is not UTF-8"))
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            return await _answer(request, params, None)
        if media == "application/sparql-query":
            return await _answer(request, params, ("query", text))
        if media == "application/sparql-update":
            return await _answer(request, params, ("update", text))
        return _response(Reply.error(415, f"unsupported content type {media!r}; use "
                                          "application/sparql-query, application/sparql-update "
                                          "or application/x-www-form-urlencoded"))

    async def _answer(request: HttpRequest, params: dict[str, list[str]],
                      direct: tuple[str, str] | None) -> Response:
        if direct is None:
            queries, updates = params.get("query", []), params.get("update", [])
            if len(queries) + len(updates) != 1:
                return _response(Reply.error(400, "give exactly one query or update parameter"))
            direct = ("query", queries[0]) if queries else ("update", updates[0])
        kind, text = direct
        if kind == "update" and not options.allow_update:
            return _response(Reply.error(403, "SPARQL Update is not allowed on this server"))
        dataset = tuple(v for key in _DATASET_PARAMS for v in params.get(key, []))
        accept = request.headers.get("accept", "")
        for key in ("format", "output"):
            for value in params.get(key, []):
                media = _FORMAT_PARAMS.get(value.strip().lower())
                if media is not None:
                    accept = media
                elif "/" in value:
                    accept = value
        reply = await run_in_threadpool(run, pool, Request(kind, text, accept, dataset),
                                        options.timeout)
        return _response(reply)

    async def viewer(request: HttpRequest) -> Response:
        return _response(Reply(200, "text/html; charset=utf-8", await run_in_threadpool(page)))

    async def not_found(request: HttpRequest, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = (f"no such page {request.url.path!r}; SPARQL is at /sparql" if status == 404
                   else f"{request.method} is not supported here; use {_METHODS}")
        headers = {"Allow": _METHODS} if status == 405 else {}
        return _response(Reply(status, "text/plain; charset=utf-8",
                               (message + "\n").encode(), tuple(headers.items())))

    methods = ["GET", "HEAD", "POST", "OPTIONS"]
    routes = [*(Route(path, sparql, methods=methods)
                for path in ("/sparql", "/query", "/update", "/")),
              Route("/index.html", viewer, methods=["GET", "HEAD"])]
    middleware = [Middleware(_HostCheck, host=options.host, port=options.port)]
    if options.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(options.cors),
                                     allow_methods=methods,
                                     allow_headers=["Content-Type", "Accept"]))
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={404: not_found, 405: not_found})


async def _body(request: HttpRequest, limit: int) -> bytes | None:
    """The request body, or None as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


class ReadDeadline(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a deadline on reading each whole request.

    Set ``read_timeout`` on a subclass (see :func:`protocol`).
    """

    read_timeout: float = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if self.limit_concurrency is not None and len(self.connections) > self.limit_concurrency:
            # over the connection limit: refuse before reading anything
            transport.write(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                            b"Content-Length: 37\r\nConnection: close\r\n\r\n"
                            b"too many connections; try again soon\n")
            transport.close()
            return
        self._watch()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_watch()
        super().connection_lost(exc)

    def _watch(self) -> None:
        reading = (self.conn.their_state in (h11.IDLE, h11.SEND_BODY)
                   and not self.transport.is_closing())
        if reading and self._deadline is None:
            self._deadline = self.loop.call_later(self.read_timeout, self._expire)
        elif not reading:
            self._stop_watch()

    def _stop_watch(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if self.conn.their_state in (h11.IDLE, h11.SEND_BODY):
            self.transport.close()  # a running request sees the disconnect


def protocol(read_timeout: float) -> type[ReadDeadline]:
    """The protocol class to give uvicorn, with a ``read_timeout`` in seconds."""
    return type("ReadDeadlineProtocol", (ReadDeadline,), {"read_timeout": read_timeout})


class Uvicorn(uvicorn.Server):
    """uvicorn's server, leaving signals to its caller and stopping workers first on shutdown.

    uvicorn installs its own signal handlers and re-raises the signal after a graceful
    shutdown; :func:`kgraph.server.endpoint.serve` handles SIGTERM and SIGINT itself instead, and a
    server run in a thread must not touch them at all.
    """

    def __init__(self, config: uvicorn.Config, on_shutdown: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_shutdown = on_shutdown

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield

    async def shutdown(self, sockets: list[Any] | None = None) -> None:
        # stopping the workers first ends every running request at once
        await asyncio.get_running_loop().run_in_executor(None, self._on_shutdown)
        await super().shutdown(sockets)

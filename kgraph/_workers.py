"""The SPARQL server's worker processes.

A small "zygote" process, forked before any thread starts, holds the loaded graph (or opens the
store read-only) and forks workers on request; each worker answers one request at a time over a
socket pair. The HTTP threads take an idle worker from the :class:`Pool`, wait for its reply with
a time limit, and kill and replace a worker that runs past it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kgraph.errors import GraphError

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["Answer", "Load", "Pool", "Reply", "Request", "run", "start_pool"]


@dataclass(frozen=True, slots=True)
class Request:
    """One SPARQL protocol request, as sent to a worker."""

    kind: str  # "query" or "update"
    text: str
    accept: str = ""
    dataset: tuple[str, ...] = ()  # default-graph-uri / named-graph-uri / using-graph-uri


@dataclass(frozen=True, slots=True)
class Reply:
    """The HTTP reply to send, as a worker returns it."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        """A plain-text error reply."""
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


Load = Callable[[], "Graph | ox.Store"]
"""Loads the data a worker answers over (called once per worker, and by the zygote)."""
Answer = Callable[["Graph | ox.Store", Request], Reply]
"""Answers one request over the loaded data."""


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


def _worker_main(sock: socket.socket, load: Load, answer: Answer) -> None:
    data = load()
    while True:
        try:
            request = _recv(sock)
        except (EOFError, OSError):
            return
        try:
            _send(sock, answer(data, request))
        except OSError:
            return


def _zygote_main(control: socket.socket, load: Load, answer: Answer) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped automatically
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
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
                    _worker_main(theirs, load, answer)
                finally:
                    os._exit(0)
            theirs.close()
            socket.send_fds(control, [struct.pack("!q", pid)], [ours.fileno()])
            ours.close()
        elif isinstance(command, Request):
            # updates run here, so that every worker forked afterwards sees them
            _send(control, answer(load(), command))


@dataclass
class _Worker:
    pid: int
    sock: socket.socket
    generation: int


@dataclass
class Pool:
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

    def update(self, request: Request) -> Reply:
        with self.control_lock:
            _send(self.control, request)
            reply: Reply = _recv(self.control)
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


def start_pool(load: Load, answer: Answer, size: int) -> Pool:
    """Fork the zygote and ``size`` workers; each worker calls ``load`` once, then ``answer``.

    Call it from the main thread before starting other threads.
    """
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # the zygote
        try:
            ours.close()
            _zygote_main(theirs, load, answer)
        finally:
            os._exit(0)
    theirs.close()
    pool = Pool(zygote=pid, control=ours, size=max(1, size))
    pool.start()
    return pool


def run(pool: Pool, request: Request, timeout: float) -> Reply:
    """Answer ``request`` on a worker of ``pool``, killing the worker after ``timeout`` s."""
    if request.kind == "update":
        return pool.update(request)
    worker = pool.acquire(timeout)
    if worker is None:
        return Reply.error(503, f"every worker is busy; try again (time limit {timeout:g} s)")
    try:
        _send(worker.sock, request)
        readable, _, _ = select.select([worker.sock], [], [], timeout)
        if not readable:
            pool.replace(worker)
            return Reply.error(503, f"the query ran past the time limit of {timeout:g} s "
                                    "and was stopped")
        worker.sock.settimeout(max(timeout, 5.0))
        reply: Reply = _recv(worker.sock)
        worker.sock.settimeout(None)
    except (OSError, EOFError):
        pool.replace(worker)
        return Reply.error(500, "the query failed: its worker process stopped")
    pool.release(worker)
    return reply

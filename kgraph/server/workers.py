"""The SPARQL server's worker processes.

A small "zygote" process holds the loaded graph (or opens the store read-only in each worker)
and forks workers on request; each worker answers one request at a time over a socket pair.
The HTTP threads take an idle worker from the :class:`Pool`, wait for its reply with a time
limit, and kill and replace a worker that runs past it or dies.

Isolation and lifecycle:

- A worker caps its own address space (``RLIMIT_AS``) when a memory limit is given, at what
  it takes once its data is loaded plus the limit, so a runaway query fails with
  ``MemoryError`` or dies, and is replaced; it never grows the server.
- A worker asks the kernel to kill it when the zygote dies (``PR_SET_PDEATHSIG`` on Linux) and
  checks that its parent is still the zygote; the zygote stops when the server's end of its
  control socket closes. So no process outlives the server, even when it is killed with
  ``SIGKILL``.
- An update first runs in a worker, with the time limit, on that worker's copy of the graph;
  only when it succeeds there does the zygote apply it to the copy later workers are forked
  from. An update that crashes or runs too long costs a worker, never the zygote.
- A zygote that stops answering is killed and forked again from the server process; applied
  updates are kept in a log and replayed into the new zygote.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import resource
import select
import signal
import socket
import struct
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kgraph.errors import GraphError

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["Answer", "Load", "Pool", "Reply", "Request", "run", "start_pool"]

_PR_SET_PDEATHSIG = 1
_CONTROL_TIMEOUT = 10.0  # seconds the zygote has to fork a worker before it counts as broken


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


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies, and stop now if it already has."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(0)


def _close_inherited(keep: int) -> None:
    """Close every descriptor inherited from the server but ``keep`` and the standard three.

    The zygote may be forked from the threaded server (to replace a broken one): it must not
    hold the server's client connections open. The objects that owned them are frozen so that
    the garbage collector never closes a descriptor number reused later.
    """
    gc.freeze()
    os.closerange(3, keep)
    os.closerange(keep + 1, resource.getrlimit(resource.RLIMIT_NOFILE)[0])


def _address_space() -> int:
    """The bytes of address space this process uses now (0 where /proc is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _worker_main(sock: socket.socket, load: Load, answer: Answer, memory: int,
                 parent: int) -> None:
    data = load()  # the zygote's graph, or the store opened read-only by this worker
    _die_with_parent(parent)
    if memory > 0:  # on top of what the loaded graph or store already takes
        limit = _address_space() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            request = _recv(sock)
        except (EOFError, OSError):
            return
        try:
            reply = answer(data, request)
        except MemoryError:
            reply = Reply.error(500, "the query failed: it needed more memory than a worker "
                                     f"may add ({memory} bytes)")
        try:
            _send(sock, reply)
        except OSError:
            return


def _zygote_main(control: socket.socket, load: Load, answer: Answer, memory: int,
                 log: list[Request]) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped automatically
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    me = os.getpid()
    for update in log:  # the updates applied by the zygote this one replaces
        answer(load(), update)
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
                    _worker_main(theirs, load, answer, memory, me)
                finally:
                    os._exit(0)
            theirs.close()
            socket.send_fds(control, [struct.pack("!q", pid)], [ours.fileno()])
            ours.close()
        elif isinstance(command, Request):
            # an update already run successfully in a worker: applied here, every worker
            # forked afterwards sees it
            _send(control, answer(load(), command))


def _fork_zygote(load: Load, answer: Answer, memory: int,
                 log: list[Request]) -> tuple[int, socket.socket]:
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # the zygote
        try:
            ours.close()
            _close_inherited(theirs.fileno())
            _zygote_main(theirs, load, answer, memory, log)
        finally:
            os._exit(0)
    theirs.close()
    ours.settimeout(_CONTROL_TIMEOUT)
    return pid, ours


@dataclass
class _Worker:
    pid: int
    sock: socket.socket
    generation: int


def _alive(worker: _Worker) -> bool:
    """Whether an idle worker still runs: its socket turns readable (at EOF) when it dies."""
    readable, _, _ = select.select([worker.sock], [], [], 0)
    return not readable


@dataclass
class Pool:
    """Worker processes forked by the zygote; the parent only talks to them over sockets."""

    load: Load
    answer: Answer
    size: int
    memory: int = 0
    zygote: int = 0
    control: socket.socket | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    control_lock: threading.Lock = field(default_factory=threading.Lock)
    idle: list[_Worker] = field(default_factory=list)
    running: dict[int, _Worker] = field(default_factory=dict)
    ready: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))
    generation: int = 0
    log: list[Request] = field(default_factory=list)
    closed: bool = False

    def start(self) -> None:
        """Fork the zygote and the workers."""
        self.zygote, self.control = _fork_zygote(self.load, self.answer, self.memory, self.log)
        for _ in range(self.size):
            self.idle.append(self._spawn())
            self.ready.release()

    def _spawn(self) -> _Worker:
        """Have the zygote fork a worker, replacing the zygote once if it does not answer."""
        for attempt in (1, 2):
            with self.control_lock:
                if self.closed or self.control is None:
                    raise GraphError("the server is stopping")
                try:
                    _send(self.control, "worker")
                    payload, fds, _flags, _addr = socket.recv_fds(self.control, 8, 1)
                except (OSError, EOFError):
                    payload, fds = b"", []
                if len(payload) == 8 and fds:
                    break
                for fd in fds:
                    os.close(fd)
                if attempt == 2:
                    raise GraphError("the server could not start a worker process")
                self._restart_zygote()
        (pid,) = struct.unpack("!q", payload)
        worker = _Worker(pid, socket.socket(fileno=fds[0]), self.generation)
        with self.lock:
            self.running[pid] = worker
        return worker

    def _restart_zygote(self) -> None:
        """Kill the zygote and fork a new one (the caller holds ``control_lock``)."""
        self._stop_zygote()
        self.zygote, self.control = _fork_zygote(self.load, self.answer, self.memory, self.log)
        with self.lock:
            self.generation += 1  # the old zygote's workers may hold updates it lost

    def _stop_zygote(self) -> None:
        if self.control is not None:
            self.control.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.zygote, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.zygote, 0)

    def acquire(self, timeout: float) -> _Worker | None:
        """Take an idle worker, waiting up to ``timeout`` s; None if none or stopping.

        Raises:
            GraphError: no worker could be started.
        """
        if not self.ready.acquire(timeout=timeout):
            return None
        with self.lock:
            if self.closed:
                self.ready.release()  # wake the next waiter, which stops too
                return None
            # a slot may be empty when a worker could not be started earlier
            worker = self.idle.pop() if self.idle else None
        if worker is not None and worker.generation == self.generation and _alive(worker):
            return worker
        if worker is not None:
            self._kill(worker)
        try:
            return self._spawn()
        except GraphError:
            self.ready.release()
            raise

    def release(self, worker: _Worker) -> None:
        """Give a worker back after a request."""
        with self.lock:
            keep = worker.generation == self.generation and not self.closed
            if keep:
                self.idle.append(worker)
        if keep:
            self.ready.release()
        else:
            self.replace(worker)

    def replace(self, worker: _Worker) -> None:
        """Kill a worker (timed out, broken or stale) and put a fresh one in its place."""
        self._kill(worker)
        try:
            if not self.closed:
                fresh = self._spawn()
                with self.lock:
                    self.idle.append(fresh)
        except GraphError:
            pass  # the slot stays empty; the next acquire tries again
        finally:
            self.ready.release()

    def apply(self, request: Request, timeout: float) -> Reply:
        """Apply an update (already run successfully in a worker) in the zygote."""
        with self.control_lock:
            if self.closed or self.control is None:
                return Reply.error(503, "the server is stopping")
            try:
                _send(self.control, request)
                readable, _, _ = select.select([self.control], [], [], timeout)
                reply: Reply = _recv(self.control) if readable else Reply.error(
                    503, f"the update ran past the time limit of {timeout:g} s")
            except (OSError, EOFError):
                reply = Reply.error(500, "the update failed: the fork server stopped")
            if reply.status >= 300:
                self._restart_zygote()  # it may hold half an update
                return reply
            self.log.append(request)
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
        """Kill every worker and the zygote; requests still waiting get an error at once."""
        with self.lock:
            if self.closed:
                return
            self.closed = True
            busy = [w for w in self.running.values() if w not in self.idle]
            idle, self.idle = self.idle, []
        for worker in idle:
            self._kill(worker)
        for worker in busy:  # their threads see the socket close and clean up
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGKILL)
        self.ready.release()
        with self.control_lock:
            self._stop_zygote()
            self.control = None


def start_pool(load: Load, answer: Answer, size: int, *, memory: int = 0) -> Pool:
    """Fork the zygote and ``size`` workers; each worker calls ``load`` once, then ``answer``.

    Call it from the main thread before starting other threads.

    Args:
        load: returns the data to answer over.
        answer: answers one request over the data.
        size: the number of workers.
        memory: the bytes of address space a worker may add to what it takes once its data is
            loaded (``RLIMIT_AS``); 0 for no limit.

    Returns:
        The running pool; stop it with :meth:`Pool.close`.
    """
    pool = Pool(load, answer, max(1, size), memory)
    pool.start()
    return pool


def _ask(pool: Pool, request: Request, timeout: float, *, keep: bool) -> Reply:
    worker = pool.acquire(timeout)
    if worker is None:
        return Reply.error(503, "every worker is busy or the server is stopping; try again "
                                f"(time limit {timeout:g} s)")
    try:
        _send(worker.sock, request)
        readable, _, _ = select.select([worker.sock], [], [], timeout)
        if not readable:
            pool.replace(worker)
            return Reply.error(503, f"the {request.kind} ran past the time limit of "
                                    f"{timeout:g} s and was stopped")
        worker.sock.settimeout(max(timeout, 5.0))
        reply: Reply = _recv(worker.sock)
        worker.sock.settimeout(None)
    except (OSError, EOFError):
        pool.replace(worker)
        return Reply.error(500, f"the {request.kind} failed: its worker process stopped "
                                "(out of memory or crashed)")
    if keep:
        pool.release(worker)
    else:
        pool.replace(worker)
    return reply


def run(pool: Pool, request: Request, timeout: float) -> Reply:
    """Answer ``request`` on a worker of ``pool``, killing the worker after ``timeout`` s.

    An update runs first in a worker (which is discarded after, as its copy has changed),
    then, if it succeeded, in the zygote.
    """
    try:
        if request.kind != "update":
            return _ask(pool, request, timeout, keep=True)
        reply = _ask(pool, request, timeout, keep=False)
        return reply if reply.status >= 300 else pool.apply(request, timeout)
    except GraphError as e:
        return Reply.error(503, str(e))

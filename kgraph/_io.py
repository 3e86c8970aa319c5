"""Atomic file writes: every output appears whole or not at all (DESIGN.md §6).

The temporary file beside the target is named ``.{name}.{pid}-{random}.tmp``. A process killed
while writing (SIGKILL, power loss) leaves it behind; the next write of the same file removes
every temporary file of that name whose process is no longer running (and, for names without
a process id, left by older versions, those untouched for an hour).
"""

from __future__ import annotations

import glob
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

STALE_AFTER = 3600.0
"""Seconds after which a temporary file that names no process is taken for abandoned."""


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path`` for binary writing; move it over ``path`` on success.

    The parent folder is created if missing, and temporary files of ``path`` left by writers
    that were killed are removed first. On any error the temporary file is removed and ``path``
    is left as it was. The file is created with mode 0666 less the process's umask (0644 under
    the usual umask 022, 0600 under 077), as ``open`` would create it.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
        >>> with atomic_writer(target) as f:
        ...     _ = f.write(b"done")
        >>> target.read_bytes()
        b'done'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    fd, tmp = _create_temporary(target)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _create_temporary(target: Path) -> tuple[int, Path]:
    """Create the temporary file of ``target`` exclusively; the kernel applies the umask to
    the 0666 asked for (reading the umask would mean setting it, for every thread at once)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:  # 1 in 4 billion: draw another name
            continue


def remove_stale(target: str | Path) -> list[Path]:
    """Remove the temporary files of ``target`` whose writing process is gone; return them.

    Only files named as :func:`atomic_writer` names them (``.{name}.*.tmp`` beside ``target``)
    are considered. One that carries a process id is removed when no process has that id; one
    that carries none (older versions) when it was last modified over :data:`STALE_AFTER`
    seconds ago.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / ".a.txt.999999999-0f0f0f0f.tmp").write_bytes(b"half")
        >>> [p.name for p in remove_stale(folder / "a.txt")]
        ['.a.txt.999999999-0f0f0f0f.tmp']
    """
    target = Path(target)
    prefix, removed = f".{target.name}.", []
    try:
        candidates = list(target.parent.glob(f"{glob.escape(prefix)}*.tmp"))
    except OSError:
        return []
    now = time.time()
    for tmp in candidates:
        middle = tmp.name[len(prefix):-len(".tmp")]
        pid, dash, _ = middle.partition("-")
        try:
            if dash and pid.isdigit():
                stale = not _alive(int(pid))
            else:
                stale = now - tmp.lstat().st_mtime > STALE_AFTER
            if stale and tmp.is_file():
                tmp.unlink()
                removed.append(tmp)
        except OSError:  # removed meanwhile by another build, or not ours to remove
            continue
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with id ``pid`` exists (on this machine's process table)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OverflowError:  # not a process id at all
        return False
    return True

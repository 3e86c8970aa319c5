"""Atomic file writes: every output appears whole or not at all (DESIGN.md §6)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path`` for binary writing; move it over ``path`` on success.

    The parent folder is created if missing. On any error the temporary file is removed and
    ``path`` is left as it was. The file gets the usual 0644 mode, not mkstemp's private one.

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
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        tmp.chmod(0o644)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

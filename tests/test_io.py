"""Tests of kgraph._io: atomic writes, file modes under the umask, stale temporary files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph._io import STALE_AFTER, atomic_writer, remove_stale


@pytest.fixture()
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_outputs_honour_the_umask(tmp_path: Path, umask: None, mask: int, mode: int) -> None:
    os.umask(mask)
    target = tmp_path / "graph.ttl"
    with atomic_writer(target) as f:
        f.write(b"x")
    assert target.stat().st_mode & 0o777 == mode


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as f:
        f.write(b"half")
        raise RuntimeError("stop")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_only_temporary_files_of_gone_writers_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "graph.trig"
    dead = tmp_path / ".graph.trig.999999999-0a0b0c0d.tmp"  # above any pid_max
    alive = tmp_path / f".graph.trig.{os.getpid()}-0a0b0c0d.tmp"
    old = tmp_path / ".graph.trig.k2j4h5g1.tmp"  # an older version's name, without a pid
    fresh = tmp_path / ".graph.trig.x8c7v6b5.tmp"
    other = tmp_path / ".graph.ttl.999999999-0a0b0c0d.tmp"  # another output's
    for path in (dead, alive, old, fresh, other):
        path.write_bytes(b"half")
    long_ago = time.time() - STALE_AFTER - 60
    os.utime(old, (long_ago, long_ago))

    with atomic_writer(target) as f:
        f.write(b"whole")

    left = {p.name for p in tmp_path.iterdir()}
    assert left == {"graph.trig", alive.name, fresh.name, other.name}
    assert remove_stale(tmp_path / "graph.ttl") == [other]


_WRITER = """
import sys, time
from kgraph._io import atomic_writer
with atomic_writer(sys.argv[1]) as f:
    f.write(b"half")
    f.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def test_a_writer_killed_mid_write_leaves_a_file_the_next_write_removes(tmp_path: Path) -> None:
    target = tmp_path / "graph.trig"
    with subprocess.Popen([sys.executable, "-c", _WRITER, str(target)],
                          stdout=subprocess.PIPE, text=True) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "writing\n"
        leftover = list(tmp_path.glob(".graph.trig.*.tmp"))
        assert len(leftover) == 1 and leftover[0].name.startswith(f".graph.trig.{writer.pid}-")
        writer.send_signal(signal.SIGKILL)
    assert leftover[0].exists() and not target.exists()

    with atomic_writer(target) as f:
        f.write(b"whole")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]
    assert target.read_bytes() == b"whole"

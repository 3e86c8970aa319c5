"""What the conversion scripts share: their CSV text and where it goes."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol


def render_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """The rows as CSV text under ``header``, with ``\\n`` line ends (the same bytes on every
    system, so a checked-in file can be compared with the script's output)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_text(text: str, out: str | Path) -> None:
    """Write ``text`` to the file ``out``, or to standard output when it is ``-``."""
    if str(out) == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


class _Row(Protocol):
    def cells(self) -> list[str]: ...


def convert_file(argv: Sequence[str] | None, *, description: str, resource: str,
                 convert: Callable[..., Iterable[_Row]], columns: Sequence[str]) -> int:
    """The command line of a converter of one Phoenix file: ``SCRIPT RESOURCE OUT`` (``-`` for
    standard output); the rows name the resource file by its name."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("phoenix", type=Path, help=f"path of {resource}")
    parser.add_argument("out", help="the CSV file to write, or - for stdout")
    args = parser.parse_args(argv)
    rows = convert(args.phoenix.read_text(encoding="utf-8").splitlines(),
                   source=args.phoenix.name)
    write_text(render_csv(columns, (row.cells() for row in rows)), args.out)
    return 0

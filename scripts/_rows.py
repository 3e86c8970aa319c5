"""What the conversion scripts share: their CSV text and where it goes."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path


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

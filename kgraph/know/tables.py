"""Reading kgraph's data tables: a CSV file whose header must be exactly the expected columns."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from kgraph.errors import DataFileError

__all__ = ["data_rows"]


def data_rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[Any, Any]]]:
    """Yield each row of a data CSV file with its line number, after checking the header.

    A cell missing from a short row is None; the cells of a long row beyond the header are
    under the key None (as ``csv.DictReader`` gives them), for the caller to report.

    Raises:
        DataFileError: the header is not ``columns``, in that order.
    """
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != tuple(columns):
            raise DataFileError(str(path), [f"{path}:1: columns must be {', '.join(columns)}"])
        for row in reader:
            yield reader.line_num, row
